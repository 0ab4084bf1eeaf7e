/*
 * stats: a kiosk's engagement counts.  It owns what an event is (a visit
 * begins or ends, an ally was in view for STATS_VIEW_MS, a code was
 * shown, a topic chosen, a search made) and the one line of a stats file
 * that each becomes, written and read back.  It never learns the words
 * typed into a search, nor anything else about the person at the kiosk:
 * the only text in a line is an ally's name or a topic, both from the
 * data file.
 *
 * The line: five fields separated by tabs, ending in a newline, under a
 * header line (STATS_HEADER) at the top of the file:
 *
 *	time	event	ally	topic	seconds
 *
 * time is ISO 8601 in UTC to the second (2026-05-01T09:15:02Z), event one
 * of stats_event_names[], ally the ally's name for view and code, topic
 * the tag for topic, seconds the length of a visit for visit-end; a field
 * that does not apply is empty.  In ally and topic a backslash, tab,
 * newline and carriage return are written \\, \t, \n and \r, and any
 * other character that text_is_unsafe() names as \uXXXX, so that a line
 * is always one line of five fields.
 *
 * No curses and no files here: a struct stats hands each line to a
 * write callback, and takes the wall-clock time from a clock callback,
 * both given by the caller (stats_file.h has the real ones), so the
 * tests run on an injected clock and a buffer.  Durations come from the
 * monotonic milliseconds every event function is given, as the kiosk's
 * idle clock does (kiosk.h).
 */
#ifndef STATS_H
#define STATS_H

#include <stddef.h>

struct buf;

#define STATS_VIEW_MS	3000	/* in view this long: the ally was viewed */
#define STATS_HEADER	"time\tevent\tally\ttopic\tseconds"
#define STATS_FIELDS	5
#define STATS_TIME_LEN	20	/* 2026-05-01T09:15:02Z */
#define STATS_ERROR_MAX	256

enum stats_event {
	STATS_KIOSK_START,		/* the kiosk started */
	STATS_KIOSK_STOP,		/* and stopped */
	STATS_VISIT_START,		/* the first input after the idle reset */
	STATS_VISIT_END,		/* the idle reset: seconds of the visit */
	STATS_VIEW,			/* ally in view for STATS_VIEW_MS */
	STATS_CODE,			/* ally's website shown as a code */
	STATS_BECOME,			/* the "Become an Ally" code shown */
	STATS_TOPIC,			/* a topic chosen */
	STATS_SEARCH,			/* a search begun */
	STATS_EVENT_COUNT
};

/* The event column's words, by enum stats_event: "kiosk-start", ... */
extern const char *const stats_event_names[STATS_EVENT_COUNT];

/*
 * One line.  ally and topic are NUL-terminated, unescaped, or NULL for
 * an empty field; seconds is -1 for an empty one.
 */
struct stats_line {
	long long	 time;		/* seconds since the epoch */
	enum stats_event event;
	const char	*ally;
	const char	*topic;
	long long	 seconds;
};

/*
 * Write len bytes of one line (or of the header and a line: see
 * stats_init()) somewhere.  Returns 0, or -1 with a message for staff in
 * err ("cannot write FILE: reason").
 */
typedef int	(*stats_write_cb)(void *arg, const char *line, size_t len,
		    char *err, size_t errsize);
/* The wall-clock time, in seconds since the epoch. */
typedef long long (*stats_clock_cb)(void *arg);

struct stats {
	stats_write_cb	 write;
	void		*write_arg;
	stats_clock_cb	 clock;
	void		*clock_arg;
	int		 visit;		/* a visit is under way */
	long long	 first;		/* its first input, ms */
	long long	 last;		/* its last input, ms */
	char		*showing;	/* the ally in view, or NULL */
	long long	 since;		/* in view from, ms */
	int		 counted;	/* its view is written */
	int		 failed;	/* the last write failed */
	char		 error[STATS_ERROR_MAX];	/* why, for staff */
};

/*
 * Start with no visit.  write and clock are kept with their args, which
 * must outlive the struct.  stats_done() frees what it holds and writes
 * nothing (see stats_kiosk_stop()).
 */
void	 stats_init(struct stats *, stats_write_cb, void *write_arg,
	    stats_clock_cb, void *clock_arg);
void	 stats_done(struct stats *);

/*
 * The events.  Each writes its line (none when there is nothing to say)
 * and returns 0, or -1 when a write failed: the reason is in error and
 * the counting goes on.  A NULL struct stats is no stats file: nothing
 * happens and they return 0.
 *
 * stats_kiosk_start() and stats_kiosk_stop(): the kiosk begins and ends;
 * a visit under way at the end is ended first.
 * stats_input(): a visitor's key or tap at now; it begins a visit when
 * none is under way.
 * stats_reset(): the idle reset; the visit under way, if any, ends, its
 * length counted from its first input to its last (the idle time after
 * the last is no part of it).
 * stats_showing(): the ally now in front of the visitor (its name, or
 * NULL when none is: an overlay, no data); an ally that has been for
 * STATS_VIEW_MS of a visit is written as viewed, once until another is
 * shown.  Call it after every change and at stats_deadline().
 * stats_note(): STATS_CODE (of ally's website), STATS_BECOME (the
 * "Become an Ally" code), STATS_TOPIC (topic, a tag) or STATS_SEARCH was
 * asked for; ally and topic are NULL where the event has none.  It counts
 * only during a visit.
 */
int	 stats_kiosk_start(struct stats *);
int	 stats_kiosk_stop(struct stats *, long long now);
int	 stats_input(struct stats *, long long now);
int	 stats_reset(struct stats *, long long now);
int	 stats_showing(struct stats *, const char *ally, long long now);
int	 stats_note(struct stats *, enum stats_event, const char *ally,
	    const char *topic);

/* When stats_showing() next has a view to write (ms), or -1. */
long long stats_deadline(const struct stats *);

/* Append one line, with its newline, to b.  Cannot fail. */
void	 stats_format(struct buf *b, const struct stats_line *);

/*
 * Read one line (len bytes at s, without its newline) into *l: its ally
 * and topic unescaped into scratch, which is reset first and must not
 * change while *l is used.  Returns 0, or -1 with what is wrong in why
 * (safe to print) and *col set to the 1-based column, in characters, of
 * the field at fault.  The header is not a line: see stats_is_header().
 */
int	 stats_parse(const char *s, size_t len, struct stats_line *l,
	    struct buf *scratch, char *why, size_t whysize, unsigned *col);

/* Whether the len bytes at s are STATS_HEADER. */
int	 stats_is_header(const char *s, size_t len);

/*
 * Append s (len bytes) to b escaped as a field is (see above), or
 * unescaped from a field: -1 on a bad escape, with *at its offset.
 */
void	 stats_escape(struct buf *b, const char *s, size_t len);
int	 stats_unescape(struct buf *b, const char *s, size_t len, size_t *at);

#endif
