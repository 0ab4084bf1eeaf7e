/*
 * yamlfeed: libyaml's parser as a stream of events for the schema code.
 * It owns the parser and everything between it and the schema: aliases,
 * replayed from the events recorded under their anchor against a budget
 * of nodes and bytes, the nesting bound, the input (in memory, or read a
 * window at a time through a callback, so that a stream of any length is
 * never held whole), the check that it is UTF-8, the cancel flag, and the
 * fatal stop (after a fatal error the feed only returns the end of the
 * stream, so every loop of the schema unwinds by itself).
 *
 * It reports through a diag_sink and knows nothing of the data format:
 * no keys, no recordset.  It must not be used by anything but the loader
 * and the configuration's reader (config.c): this header includes
 * <yaml.h>, and those files (diag.c, this one, load.c and config.c) are
 * the only ones that read YAML with libyaml.
 */
#ifndef YAMLFEED_H
#define YAMLFEED_H

#include <stddef.h>

#include <yaml.h>

struct diag_sink;

enum ev_type {
	EV_STREAM_END,			/* also after any fatal error */
	EV_DOC_START,
	EV_DOC_END,
	EV_SCALAR,
	EV_SEQ_START,
	EV_SEQ_END,
	EV_MAP_START,
	EV_MAP_END,
	EV_ALIAS			/* internal: never returned */
};

/* One event as the schema code sees it, parsed or replayed. */
struct ev {
	enum ev_type	 type;
	const char	*value;		/* scalar text, NUL-terminated */
	size_t		 len;
	unsigned	 line;		/* 1-based */
	unsigned	 col;		/* 1-based, in characters */
};

struct yamlfeed_anchor;
struct yamlfeed_saved;
struct yamlfeed_capture;
struct yamlfeed_replay;

/*
 * Where input that is not in memory comes from: fill buf with up to size
 * bytes.  Returns how many, 0 at the end, or -1 after reporting why not
 * as a fatal error to the feed's diag_sink.  Called from inside
 * yamlfeed_start() and yamlfeed_next().
 */
typedef long	yamlfeed_read_cb(void *arg, char *buf, size_t size);

/* One parse; the fields are the feed's own. */
struct yamlfeed {
	yaml_parser_t	 parser;
	yaml_event_t	 yev;		/* the parsed event ev points into */
	int		 have_yev;
	struct diag_sink *diag;		/* borrowed */
	int		 depth;		/* open collections, aliases included */

	const char	*data;		/* the input kept, from diag's base */
	size_t		 len;		/* bytes at data */
	size_t		 given;		/* of them, handed to the parser */
	char		*window;	/* owned; data for a reader */
	yamlfeed_read_cb *read;		/* NULL for input in memory */
	void		*read_arg;
	int		 eof;		/* read has returned 0 or -1 */
	const size_t	*cancel;	/* nonzero: stop; read atomically */
	size_t		*parsed;	/* bytes handed to the parser; written
					   atomically */
	size_t		 event_at;	/* bytes handed at the last event */
	unsigned	 event_line;	/* where the last event ended */
	unsigned	 event_col;

	struct yamlfeed_anchor *anchors;
	size_t		 nanchors;
	struct yamlfeed_saved *tape;	/* events under any open anchor */
	size_t		 ntape;
	size_t		 captape;
	size_t		 taped_bytes;	/* scalar text on the tape */
	struct yamlfeed_capture *caps;	/* the anchors being recorded */
	size_t		 ncaps;
	struct yamlfeed_replay *replays; /* the aliases being replayed */
	size_t		 nreplays;
	size_t		 replayed;	/* events replayed by all aliases */
	size_t		 replayed_bytes; /* scalar text they replayed */
	unsigned	 alias_line;	/* the outermost alias being replayed */
	unsigned	 alias_col;
};

/*
 * Set up a parse of the size bytes at data, which must stay readable
 * until yamlfeed_done(), or of what read gives.  Problems go to diag,
 * which must outlive the feed.  Dies only when libyaml cannot allocate
 * its parser.
 */
void	 yamlfeed_init_buffer(struct yamlfeed *, const char *data,
	    size_t size, struct diag_sink *diag);
void	 yamlfeed_init_reader(struct yamlfeed *, yamlfeed_read_cb *read,
	    void *arg, struct diag_sink *diag);

/*
 * Let another thread watch and stop the parse: when *cancel turns
 * nonzero the feed reports that it was cancelled and stops, at the next
 * event; *parsed is kept at the bytes of input handed to libyaml.  Both
 * are accessed atomically and must outlive the feed; either may be NULL.
 */
void	 yamlfeed_watch(struct yamlfeed *, const size_t *cancel,
	    size_t *parsed);

/*
 * Read the start of the stream.  Returns 1, or 0 after reporting what
 * stopped it: input that is UTF-16 or UTF-32, which libyaml would take
 * but a data file must not be, or a syntax or read error (then nothing
 * more is read).
 */
int	 yamlfeed_start(struct yamlfeed *);

/*
 * The next event, with aliases expanded.  After a fatal error, or when
 * the diag_sink has turned fatal, it is EV_STREAM_END forever.
 * ev->value stays valid until the next call.  Every event flushes the
 * error held in the diag_sink: the event that follows a mapping's end
 * is what shows that no syntax error ended it.
 */
void	 yamlfeed_next(struct yamlfeed *, struct ev *);

/*
 * Skip the rest of the node that start opens (nothing for a scalar), by
 * a loop rather than recursion, whatever its depth.
 */
void	 yamlfeed_skip(struct yamlfeed *, const struct ev *start);

/*
 * Free the parser, the window and everything recorded.  Input in memory
 * is not touched.
 */
void	 yamlfeed_done(struct yamlfeed *);

#endif
