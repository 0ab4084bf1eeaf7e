/*
 * diag: the diagnostics of a data file.  It owns the error list a load
 * hands back to its caller (struct errlist, public through load.h) and,
 * for the loader's own files, the sink one load reports into: the caps on
 * errors and warnings, the one error held back an event, quoting data in
 * a message, line and column from a byte offset or of a character inside
 * a value as the file writes it, and libyaml's syntax errors reworded
 * with a hint at the fix.
 *
 * It is the bottom of the loader: the event feed (yamlfeed.c) and the
 * schemas (load.c for the data, config.c for the configuration file)
 * report through it, and it calls none of them, nor anything that
 * touches a recordset.  The loader's files (this one, yamlfeed.c and
 * load.c) and config.c are the only ones that read YAML with libyaml;
 * this header does not include <yaml.h> all the same, since load.h, which
 * every user of the loader includes, includes it.  Nothing here prints.
 */
#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>

#include "util.h"

struct buf;
struct yaml_parser_s;		/* libyaml's yaml_parser_t */

struct diag {
	int		 error;		/* 1 error, 0 warning */
	unsigned	 line;		/* 1-based; 0 when about the whole file */
	unsigned	 col;		/* 1-based, in characters */
	char		*msg;		/* sanitised: safe to print */
};

struct errlist {
	struct diag	*v;
	size_t		 len;
	size_t		 cap;
	size_t		 nerrors;	/* entries with error set */
};

/*
 * errlist_init() makes an empty list; errlist_done() frees every entry
 * and leaves an empty list that can be used again.
 */
void	 errlist_init(struct errlist *);
void	 errlist_done(struct errlist *);

/*
 * Format entry i as "NAME:LINE:COL: error: MESSAGE" (or "NAME: error:
 * MESSAGE" without a position), NAME sanitised as data is (a file name
 * may hold escape sequences).  Returns a new string the caller frees.
 */
char	*errlist_format(const struct errlist *, size_t, const char *name);

/*
 * Append an error (error 1) or a warning (error 0) at line:col, 0:0 for
 * the whole file, with no cap.  The message must already be safe to
 * print.  Cannot fail.
 */
void	 errlist_add(struct errlist *, int error, unsigned line, unsigned col,
	    const char *fmt, ...) PRINTF_LIKE(5, 6);

/*
 * Where the diagnostics of one input go.  The loader's files may read
 * its fields (fatal, above all); only diag.c writes them.
 */
struct diag_sink {
	struct errlist	*errs;		/* the caller's, appended to */
	size_t		 nerrors0;	/* errs->nerrors before this input */
	size_t		 nwarnings;	/* of this input, shown or not */
	int		 fatal;		/* stop reading; no more errors */

	/*
	 * The input as far as it has been read, from base on: a stream is
	 * not kept whole, so the bytes before base are gone and only their
	 * count of lines is left, for positions after them.
	 */
	const char	*data;		/* the input from offset base on */
	size_t		 size;		/* bytes at data */
	size_t		 base;
	unsigned	 base_line;	/* the line base is on, 1-based */
	size_t		 base_chars;	/* characters into it before base */
	int		 bom;		/* the input starts with a UTF-8 BOM */

	/*
	 * An ally's missing keys are reported one event late: when a
	 * syntax error is what ended its mapping early, the syntax error
	 * alone is the news, and "no description" would only send the user
	 * astray.
	 */
	char		*held;		/* message, or NULL */
	unsigned	 held_line;
	unsigned	 held_col;
};

/*
 * Start a sink reporting into errs, which the caller owns and which must
 * outlive the sink, for an input that diag_text() then shows it.  Cannot
 * fail.
 */
void	 diag_init(struct diag_sink *, struct errlist *);

/*
 * The input from the sink's base on is now the size bytes at data (a
 * buffer that has grown, or moved): they must stay there until the next
 * call or the end of the sink.  diag_forget() drops the first n of them
 * (n < size) from the sink, which counts their lines first; call it
 * while they are still at data.
 */
void	 diag_text(struct diag_sink *, const char *data, size_t size);
void	 diag_forget(struct diag_sink *, size_t n);

/* Drop a held error without reporting it, and free what the sink holds. */
void	 diag_done(struct diag_sink *);

enum diag_kind {
	DIAG_WARN,		/* reading goes on */
	DIAG_ERR,		/* the file is refused; reading goes on */
	DIAG_FATAL		/* the file is refused; reading stops */
};

/*
 * Record a diagnostic at line:col (0:0 for the whole file).  Once the
 * sink is fatal, errors are dropped.  After LOAD_MAX_ERRORS errors one
 * last line says so and the sink turns fatal: a broken generated file
 * must not print a million lines.  Warnings are capped the same way, but
 * the sink does not turn fatal: a file with a great many unknown keys is
 * still usable.  Cannot fail.
 */
void	 diag_add(struct diag_sink *, enum diag_kind, unsigned line,
	    unsigned col, const char *fmt, ...) PRINTF_LIKE(5, 6);

/*
 * Hold an error back (see struct diag_sink), replacing any held before.
 * msg is copied.  diag_flush() reports it, a syntax error drops it.
 */
void	 diag_hold(struct diag_sink *, unsigned line, unsigned col,
	    const char *msg);
void	 diag_flush(struct diag_sink *);

/*
 * Has *flag (read atomically; flag may be NULL) asked the load to stop?
 * The first time it has, say so as a fatal error: "cancelled".
 */
int	 diag_cancelled(struct diag_sink *, const size_t *flag);

/* Has this input had no error so far, held ones included? */
int	 diag_clean(const struct diag_sink *);

/*
 * Line and column (1-based, column in characters) of a byte offset into
 * the input.  A BOM does not count as a column, as for libyaml's own
 * marks, and line breaks are LF, CRLF or a lone CR, as for libyaml.  An
 * offset past what has been read counts as its end, one before what is
 * kept (the sink's base) as the base.
 */
void	 diag_pos(const struct diag_sink *, size_t off, unsigned *line,
	    unsigned *col);

/*
 * Where byte at of a scalar's value was written, for a scalar whose node
 * starts at line:col: the walk follows its quotes, escapes ("\u009c" is
 * found at its backslash) and folded line breaks.  Where it cannot (a
 * block scalar, an alias, text no longer kept) the answer is line:col
 * itself.  value is the scalar's text, at no more than its length.
 */
void	 diag_value_pos(const struct diag_sink *, unsigned line, unsigned col,
	    const char *value, size_t at, unsigned *vline, unsigned *vcol);

/*
 * Quote data for a message: in double quotes, sanitised, clipped with
 * "..." to a few columns.  Appends to b and returns a pointer into it,
 * valid until b changes; the caller frees or resets b.
 */
const char *diag_quote(struct buf *b, const char *s, size_t len);

/*
 * Report the error that stopped the parser as a fatal one, in the user's
 * terms: where the fix goes (where an unclosed quote opens, the lead
 * byte of broken UTF-8) and, for libyaml's common complaints, what would
 * be right.  Drops any held error first.
 */
void	 diag_syntax(struct diag_sink *, const struct yaml_parser_s *);

#endif
