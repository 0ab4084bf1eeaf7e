/*
 * load: YAML to recordset.  See load.h.
 *
 * The parser is pulled one event at a time through next(), which hides
 * three things from the schema code below it: aliases (replayed from the
 * events recorded under their anchor, against a budget), the nesting
 * bound, and fatal errors (after one, next() only returns the end of the
 * stream, so every loop unwinds by itself).
 *
 * The schema code is a small recursive descent: the root mapping, the
 * program mapping, the allies list and one mapping per ally.  Its depth is
 * fixed by the format, not by the file, and anything it does not expect
 * is skipped with a loop, so a hostile file cannot grow the C stack.
 */
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "record.h"
#include "text.h"
#include "util.h"

#define LOAD_MAX_ANCHORS	1000
#define LOAD_MAX_WARNINGS	100	/* then the rest are not shown */
#define MSG_QUOTE_COLS		40	/* data quoted in a message, at most */
#define MSG_ANCHOR_CHARS	40	/* of an anchor name in a message */

enum ev_type {
	EV_STREAM_END,
	EV_DOC_START,
	EV_DOC_END,
	EV_SCALAR,
	EV_SEQ_START,
	EV_SEQ_END,
	EV_MAP_START,
	EV_MAP_END,
	EV_ALIAS
};

/* One event as the schema code sees it, parsed or replayed. */
struct ev {
	enum ev_type	 type;
	const char	*value;		/* scalar text or alias name */
	size_t		 len;
	unsigned	 line;		/* 1-based */
	unsigned	 col;		/* 1-based, in characters */
};

/*
 * An event kept for the anchors being recorded; value is owned.  Each
 * parsed event is kept once, however many anchors enclose it: an anchor
 * is a range of the loader's tape, so that nesting anchors costs nothing
 * more.
 */
struct saved_ev {
	enum ev_type	 type;
	char		*value;
	size_t		 len;
};

struct anchor {
	char		*name;
	size_t		 start;		/* its events: tape[start, end) */
	size_t		 end;
	int		 closed;	/* its node has ended */
};

struct capture {
	size_t		 anchor;	/* index into anchors */
	int		 depth;		/* open collections inside it */
};

struct replay {
	size_t		 anchor;
	size_t		 pos;		/* next event to replay, in the tape */
};

struct loader {
	yaml_parser_t	 parser;
	yaml_event_t	 yev;		/* the parsed event ev points into */
	int		 have_yev;
	const char	*data;		/* the whole input, for positions */
	size_t		 size;
	struct errlist	*errs;
	size_t		 nerrors0;	/* errs->nerrors before this file */
	struct recordset *rs;		/* being built; published on success */
	int		 fatal;		/* stop reading */
	int		 depth;		/* open collections, aliases included */

	struct anchor	*anchors;
	size_t		 nanchors;
	struct saved_ev	*tape;		/* events under any open anchor */
	size_t		 ntape;
	size_t		 captape;
	struct capture	*caps;
	size_t		 ncaps;
	struct replay	*replays;
	size_t		 nreplays;
	size_t		 replayed;	/* events replayed by all aliases */
	size_t		 replayed_bytes; /* scalar text they replayed */
	unsigned	 alias_line;	/* the outermost alias being replayed */
	unsigned	 alias_col;
	size_t		 nwarnings;

	/*
	 * An ally's missing keys are reported one event late: when a syntax
	 * error is what ended its mapping early, the syntax error alone is
	 * the news, and "no description" would only send the user astray.
	 */
	char		*pending;	/* message, or NULL */
	unsigned	 pending_line;
	unsigned	 pending_col;

	const char	**list;		/* scratch: the strings of one list */
	size_t		 nlist;
	size_t		 caplist;
	size_t		 nallies;	/* allies seen, valid or not */
	struct buf	 field[FIELD_COUNT];	/* the ally's texts, scratch */
	int		 mapped;	/* data is a file mapping */
	size_t		 released;	/* bytes of it given back */
};

/* Diagnostics. */

void
errlist_init(struct errlist *e)
{
	memset(e, 0, sizeof(*e));
}

void
errlist_done(struct errlist *e)
{
	size_t i;

	for (i = 0; i < e->len; i++)
		free(e->v[i].msg);
	free(e->v);
	memset(e, 0, sizeof(*e));
}

char *
errlist_format(const struct errlist *e, size_t i, const char *name)
{
	const struct diag *d = &e->v[i];
	const char *kind = d->error ? "error" : "warning";

	if (d->line == 0)
		return xasprintf("%s: %s: %s", name, kind, d->msg);
	return xasprintf("%s:%u:%u: %s: %s", name, d->line, d->col, kind,
	    d->msg);
}

static void PRINTF_LIKE(5, 0)
errlist_vadd(struct errlist *e, int error, unsigned line, unsigned col,
    const char *fmt, va_list ap)
{
	struct diag *d;

	if (e->len == e->cap) {
		e->cap = e->cap == 0 ? 8 : e->cap * 2;
		e->v = xreallocarray(e->v, e->cap, sizeof(*e->v));
	}
	d = &e->v[e->len++];
	d->error = error;
	d->line = line;
	d->col = col;
	d->msg = xvasprintf(fmt, ap);
	if (error)
		e->nerrors++;
}

static void
errlist_add(struct errlist *e, int error, unsigned line, unsigned col,
    const char *fmt, ...) PRINTF_LIKE(5, 6);

static void
errlist_add(struct errlist *e, int error, unsigned line, unsigned col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	errlist_vadd(e, error, line, col, fmt, ap);
	va_end(ap);
}

/*
 * Record an error.  After LOAD_MAX_ERRORS of them one last line says so
 * and reading stops: a broken generated file must not print a million
 * lines.
 */
static void PRINTF_LIKE(4, 5)
report(struct loader *ld, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	if (ld->fatal)
		return;
	va_start(ap, fmt);
	errlist_vadd(ld->errs, 1, line, col, fmt, ap);
	va_end(ap);
	if (ld->errs->nerrors - ld->nerrors0 >= LOAD_MAX_ERRORS) {
		errlist_add(ld->errs, 1, line, col,
		    "too many errors (%d); stopping here", LOAD_MAX_ERRORS);
		ld->fatal = 1;
	}
}

/* An error after which nothing more is read. */
static void PRINTF_LIKE(4, 5)
report_fatal(struct loader *ld, unsigned line, unsigned col,
    const char *fmt, ...)
{
	va_list ap;

	if (ld->fatal)
		return;
	va_start(ap, fmt);
	errlist_vadd(ld->errs, 1, line, col, fmt, ap);
	va_end(ap);
	ld->fatal = 1;
}

/*
 * Record a warning.  They are capped like errors, but reading goes on: a
 * file with a great many unknown keys is still usable.
 */
static void PRINTF_LIKE(4, 5)
warn_at(struct loader *ld, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	if (ld->nwarnings > LOAD_MAX_WARNINGS)
		return;
	if (ld->nwarnings++ == LOAD_MAX_WARNINGS) {
		errlist_add(ld->errs, 0, line, col, "more than %d warnings; "
		    "the rest are not shown", LOAD_MAX_WARNINGS);
		return;
	}
	va_start(ap, fmt);
	errlist_vadd(ld->errs, 0, line, col, fmt, ap);
	va_end(ap);
}

/* Report the held-back error, if any (see struct loader). */
static void
pending_flush(struct loader *ld)
{
	if (ld->pending == NULL)
		return;
	report(ld, ld->pending_line, ld->pending_col, "%s", ld->pending);
	free(ld->pending);
	ld->pending = NULL;
}

static void
pending_drop(struct loader *ld)
{
	free(ld->pending);
	ld->pending = NULL;
}

/*
 * Quote data for a message: sanitised, clipped to MSG_QUOTE_COLS columns.
 * Returns a pointer into b, which the caller resets.
 */
static const char *
quote(struct buf *b, const char *s, size_t len)
{
	size_t start = b->len, cut;

	cut = text_fit(s, len, MSG_QUOTE_COLS, NULL);
	buf_addc(b, '"');
	text_sanitize(b, s, cut, TEXT_SPACES);
	buf_adds(b, cut < len ? "...\"" : "\"");
	buf_addc(b, '\0');
	return b->ptr + start;
}

/*
 * Line and column (1-based, column in characters) of a byte offset, for
 * the errors libyaml reports by offset (bad UTF-8, control characters).
 * A BOM does not count as a column, as for libyaml's own marks, and line
 * breaks are LF, CRLF or a lone CR, as for libyaml.
 */
static void
offset_pos(const struct loader *ld, size_t off, unsigned *line, unsigned *col)
{
	size_t i, bol = 0;
	unsigned l = 1;

	if (off > ld->size)
		off = ld->size;
	for (i = 0; i < off; i++)
		if (ld->data[i] == '\n' || (ld->data[i] == '\r' &&
		    (i + 1 == ld->size || ld->data[i + 1] != '\n'))) {
			l++;
			bol = i + 1;
		}
	if (bol == 0 && off >= 3 && memcmp(ld->data, "\xef\xbb\xbf", 3) == 0)
		bol = 3;
	*line = l;
	*col = (unsigned)text_chars(ld->data + bol, off - bol) + 1;
}

/* A hint for libyaml's most common complaints: what would be right. */
static const char *
syntax_hint(const char *problem)
{
	static const struct {
		const char *problem;
		const char *hint;
	} hints[] = {
		{ "mapping values are not allowed",
		  "; put quotes around a value that contains \": \"" },
		{ "cannot start any token",
		  "; put quotes around a value that starts with @ or `" },
		{ "did not find expected key",
		  "; check the indentation of this line" },
		{ "did not find expected '-' indicator",
		  "; check the indentation: the keys of an ally line up, "
		  "and every item of a list starts with \"- \" at the same "
		  "indentation" },
		{ "found a tab character",
		  "; indent with spaces, not tabs" },
		{ "could not find expected ':'",
		  "; a key is followed by \": \"" },
		{ "found undefined tag handle",
		  "; put quotes around a value that starts with !" },
		{ "found unknown escape character",
		  "; in double quotes write a backslash as \\\\, or use "
		  "single quotes" },
		{ "found invalid Unicode character escape code",
		  "; \\u and \\U must name a character: no surrogates "
		  "(D800-DFFF), nothing above 10FFFF" },
		{ "did not find expected hexdecimal number",
		  "; \\x takes 2 hex digits, \\u 4 and \\U 8" },
	};
	size_t i;

	for (i = 0; i < nitems(hints); i++)
		if (strstr(problem, hints[i].problem) != NULL)
			return hints[i].hint;
	return "";
}

/*
 * What an unclosed construct is called and how it is closed, for a file
 * that ends inside one.  NULL for other contexts.
 */
static const char *
unclosed_hint(const char *context)
{
	static const struct {
		const char *context;
		const char *hint;
	} hints[] = {
		{ "quoted scalar", "the file ends inside this quoted string; "
		  "close it with the same quote it opens with" },
		{ "flow sequence", "the file ends inside this [ list; "
		  "close it with ]" },
		{ "flow mapping", "the file ends inside this { mapping; "
		  "close it with }" },
	};
	size_t i;

	for (i = 0; i < nitems(hints); i++)
		if (strstr(context, hints[i].context) != NULL)
			return hints[i].hint;
	return NULL;
}

static void
syntax_error(struct loader *ld)
{
	yaml_parser_t *p = &ld->parser;
	unsigned line, col, eline, ecol;
	const char *problem = p->problem != NULL ? p->problem : "unknown error";
	const char *unclosed;
	size_t off;

	/* What a mapping cut short by this error lacks is no news. */
	pending_drop(ld);
	switch (p->error) {
	case YAML_MEMORY_ERROR:
		report_fatal(ld, 1, 1, "out of memory while parsing");
		return;
	case YAML_READER_ERROR:
		off = p->problem_offset;
		/*
		 * libyaml gives a bad continuation byte's own offset; the
		 * broken character starts at its lead byte, before it.
		 */
		if (strstr(problem, "trailing") != NULL && off <= ld->size) {
			while (off > 0 &&
			    ((unsigned char)ld->data[off - 1] & 0xc0) == 0x80)
				off--;
			if (off > 0 && (unsigned char)ld->data[off - 1] >= 0xc0)
				off--;
		}
		offset_pos(ld, off, &line, &col);
		if (strstr(problem, "control characters") != NULL)
			report_fatal(ld, line, col, "control character 0x%02x "
			    "in the file; write it as an escape (\"\\x%02x\") "
			    "inside a double-quoted string",
			    (unsigned)p->problem_value & 0xff,
			    (unsigned)p->problem_value & 0xff);
		else
			report_fatal(ld, line, col, "invalid UTF-8 (%s); the "
			    "file must be UTF-8 text: save it as UTF-8", problem);
		return;
	default:
		break;
	}
	line = (unsigned)p->problem_mark.line + 1;
	col = (unsigned)p->problem_mark.column + 1;
	/*
	 * libyaml marks a bad numeric escape after its "\x", "\u" or "\U";
	 * the user wrote it from the backslash.
	 */
	if ((strstr(problem, "hexdecimal") != NULL ||
	    strstr(problem, "character escape code") != NULL) && col > 2)
		col -= 2;
	if (p->context == NULL) {
		report_fatal(ld, line, col, "YAML syntax: %s%s", problem,
		    syntax_hint(problem));
		return;
	}
	/*
	 * A quote or bracket left open runs to the end of the file, where
	 * libyaml marks the error; what needs fixing is where it opened.
	 */
	offset_pos(ld, ld->size, &eline, &ecol);
	if (line == eline && col == ecol &&
	    (unclosed = unclosed_hint(p->context)) != NULL) {
		report_fatal(ld, (unsigned)p->context_mark.line + 1,
		    (unsigned)p->context_mark.column + 1, "YAML syntax: %s "
		    "(%s %s)", unclosed, problem, p->context);
		return;
	}
	report_fatal(ld, line, col, "YAML syntax: %s %s at line %zu, column "
	    "%zu%s", problem, p->context, p->context_mark.line + 1,
	    p->context_mark.column + 1, syntax_hint(problem));
}

/* Anchors, aliases and the event pump. */

static struct anchor *
anchor_find(struct loader *ld, const char *name)
{
	size_t i;

	/* The latest definition of a name wins, as YAML says. */
	for (i = ld->nanchors; i-- > 0;)
		if (strcmp(ld->anchors[i].name, name) == 0)
			return &ld->anchors[i];
	return NULL;
}

static void
anchor_define(struct loader *ld, const char *name, const struct ev *ev)
{
	struct anchor *a;

	if (ld->nanchors == LOAD_MAX_ANCHORS) {
		report_fatal(ld, ev->line, ev->col, "more than %d anchors; "
		    "a data file needs few, if any", LOAD_MAX_ANCHORS);
		return;
	}
	if (ld->nanchors % 16 == 0)
		ld->anchors = xreallocarray(ld->anchors, ld->nanchors + 16,
		    sizeof(*ld->anchors));
	a = &ld->anchors[ld->nanchors];
	memset(a, 0, sizeof(*a));
	a->name = xstrdup(name);
	a->start = ld->ntape;		/* capture() appends this event next */
	if (ld->ncaps % 16 == 0)
		ld->caps = xreallocarray(ld->caps, ld->ncaps + 16,
		    sizeof(*ld->caps));
	ld->caps[ld->ncaps].anchor = ld->nanchors;
	ld->caps[ld->ncaps].depth = 0;
	ld->ncaps++;
	ld->nanchors++;
}

/* Keep a parsed event for the anchors still being recorded. */
static void
capture(struct loader *ld, const struct ev *ev)
{
	struct saved_ev *s;
	struct anchor *a;
	size_t i;

	if (ld->ntape == ld->captape) {
		ld->captape = ld->captape == 0 ? 64 : ld->captape * 2;
		ld->tape = xreallocarray(ld->tape, ld->captape,
		    sizeof(*ld->tape));
	}
	s = &ld->tape[ld->ntape++];
	s->type = ev->type;
	s->value = ev->type == EV_SCALAR || ev->type == EV_ALIAS ?
	    xstrndup(ev->value, ev->len) : NULL;
	s->len = ev->len;
	for (i = 0; i < ld->ncaps; i++) {
		if (ev->type == EV_SEQ_START || ev->type == EV_MAP_START)
			ld->caps[i].depth++;
		else if (ev->type == EV_SEQ_END || ev->type == EV_MAP_END)
			ld->caps[i].depth--;
	}
	/* Only the innermost capture can have closed with this event. */
	while (ld->ncaps > 0 && ld->caps[ld->ncaps - 1].depth == 0) {
		a = &ld->anchors[ld->caps[ld->ncaps - 1].anchor];
		a->end = ld->ntape;
		a->closed = 1;
		ld->ncaps--;
	}
}

/*
 * Start replaying the anchor an alias names.  Returns 0 on error.  The
 * name is NUL-terminated whether it was parsed or replayed; libyaml
 * allows only letters, digits, '-' and '_' in it, so it prints safely.
 */
static int
alias_expand(struct loader *ld, const struct ev *ev)
{
	struct anchor *a;
	const char *name = ev->value;
	const char *more = ev->len > MSG_ANCHOR_CHARS ? "..." : "";
	int n = MSG_ANCHOR_CHARS;

	if ((a = anchor_find(ld, name)) == NULL) {
		report_fatal(ld, ev->line, ev->col, "alias *%.*s%s names no anchor "
		    "defined before it; define &%.*s%s first", n, name, more,
		    n, name, more);
		return 0;
	}
	if (!a->closed) {
		report_fatal(ld, ev->line, ev->col, "alias *%.*s%s is used inside its "
		    "own anchor; an alias must refer to a finished node",
		    n, name, more);
		return 0;
	}
	if (ld->nreplays >= LOAD_MAX_DEPTH) {
		report_fatal(ld, ev->line, ev->col, "aliases nest more than %d deep; "
		    "write the data out instead", LOAD_MAX_DEPTH);
		return 0;
	}
	if (ld->nreplays == 0) {
		ld->alias_line = ev->line;
		ld->alias_col = ev->col;
	}
	if (ld->nreplays % 16 == 0)
		ld->replays = xreallocarray(ld->replays, ld->nreplays + 16,
		    sizeof(*ld->replays));
	ld->replays[ld->nreplays].anchor = (size_t)(a - ld->anchors);
	ld->replays[ld->nreplays].pos = a->start;
	ld->nreplays++;
	return 1;
}

/*
 * Give back the pages of a mapped file that the parser has read past, so
 * that a large file does not stay in memory beside the recordset built
 * from it.  They come back from the file if an error message needs
 * them for a position.
 */
#define RELEASE_STEP	(1u << 20)
#define RELEASE_MARGIN	(256u << 10)	/* libyaml reads ahead 16 KiB */

static void
release_consumed(struct loader *ld)
{
	size_t pos, upto, page = (size_t)sysconf(_SC_PAGESIZE);

	pos = (size_t)((const char *)ld->parser.input.string.current -
	    ld->data);
	if (pos < ld->released + RELEASE_STEP + RELEASE_MARGIN)
		return;
	upto = (pos - RELEASE_MARGIN) & ~(page - 1);
	if (upto > ld->released &&
	    madvise((char *)(uintptr_t)ld->data + ld->released,
	    upto - ld->released, MADV_DONTNEED) == 0)
		ld->released = upto;
}

static void
ev_from_yaml(struct ev *ev, const yaml_event_t *y)
{
	memset(ev, 0, sizeof(*ev));
	ev->line = (unsigned)y->start_mark.line + 1;
	ev->col = (unsigned)y->start_mark.column + 1;
	switch (y->type) {
	case YAML_DOCUMENT_START_EVENT:
		ev->type = EV_DOC_START;
		break;
	case YAML_DOCUMENT_END_EVENT:
		ev->type = EV_DOC_END;
		break;
	case YAML_SCALAR_EVENT:
		ev->type = EV_SCALAR;
		ev->value = (const char *)y->data.scalar.value;
		ev->len = y->data.scalar.length;
		break;
	case YAML_SEQUENCE_START_EVENT:
		ev->type = EV_SEQ_START;
		break;
	case YAML_SEQUENCE_END_EVENT:
		ev->type = EV_SEQ_END;
		break;
	case YAML_MAPPING_START_EVENT:
		ev->type = EV_MAP_START;
		break;
	case YAML_MAPPING_END_EVENT:
		ev->type = EV_MAP_END;
		break;
	case YAML_ALIAS_EVENT:
		ev->type = EV_ALIAS;
		ev->value = (const char *)y->data.alias.anchor;
		ev->len = strlen(ev->value);
		break;
	default:
		/* Stream start is consumed before the first call. */
		ev->type = EV_STREAM_END;
		break;
	}
}

static const char *
yaml_anchor(const yaml_event_t *y)
{
	switch (y->type) {
	case YAML_SCALAR_EVENT:
		return (const char *)y->data.scalar.anchor;
	case YAML_SEQUENCE_START_EVENT:
		return (const char *)y->data.sequence_start.anchor;
	case YAML_MAPPING_START_EVENT:
		return (const char *)y->data.mapping_start.anchor;
	default:
		return NULL;
	}
}

/*
 * The next event for the schema code, with aliases expanded.  After a
 * fatal error it returns EV_STREAM_END forever.  ev->value stays valid
 * until the next call.
 */
static void
next(struct loader *ld, struct ev *ev)
{
	const struct saved_ev *s;
	struct replay *r;
	struct anchor *a;
	const char *name;

	for (;;) {
		if (ld->fatal) {
			memset(ev, 0, sizeof(*ev));
			ev->type = EV_STREAM_END;
			return;
		}
		if (ld->nreplays > 0) {
			r = &ld->replays[ld->nreplays - 1];
			a = &ld->anchors[r->anchor];
			if (r->pos == a->end) {
				ld->nreplays--;
				continue;
			}
			s = &ld->tape[r->pos++];
			ev->type = s->type;
			ev->value = s->value;
			ev->len = s->len;
			/*
			 * A replayed node is reported where the alias put
			 * it: "description: *x" is where a user looks when
			 * the description is wrong, not at the anchor.
			 */
			ev->line = ld->alias_line;
			ev->col = ld->alias_col;
			pending_flush(ld);
			if (++ld->replayed > LOAD_MAX_ALIAS_NODES) {
				report_fatal(ld, ev->line, ev->col,
				    "aliases expand to more than %d nodes; "
				    "refusing what looks like an alias bomb "
				    "(write the data out instead)",
				    LOAD_MAX_ALIAS_NODES);
				continue;
			}
			/*
			 * Each replayed scalar is copied again into the
			 * recordset, so count bytes too: a few aliases of a
			 * long string would otherwise fill the memory.
			 */
			if (s->type == EV_SCALAR &&
			    (ld->replayed_bytes += s->len) >
			    LOAD_MAX_ALIAS_BYTES + ld->size) {
				report_fatal(ld, ev->line, ev->col,
				    "aliases expand to more than %zu MiB of "
				    "text; refusing what looks like an alias "
				    "bomb (write the data out instead)",
				    (LOAD_MAX_ALIAS_BYTES + ld->size) >> 20);
				continue;
			}
		} else {
			if (ld->have_yev)
				yaml_event_delete(&ld->yev);
			ld->have_yev = 0;
			if (!yaml_parser_parse(&ld->parser, &ld->yev)) {
				syntax_error(ld);
				continue;
			}
			ld->have_yev = 1;
			if (ld->mapped)
				release_consumed(ld);
			pending_flush(ld);
			ev_from_yaml(ev, &ld->yev);
			if ((name = yaml_anchor(&ld->yev)) != NULL)
				anchor_define(ld, name, ev);
			if (ld->ncaps > 0)
				capture(ld, ev);
			if (ld->fatal)
				continue;
		}
		if (ev->type == EV_ALIAS) {
			alias_expand(ld, ev);
			continue;
		}
		if (ev->type == EV_SEQ_START || ev->type == EV_MAP_START) {
			if (++ld->depth > LOAD_MAX_DEPTH) {
				report_fatal(ld, ev->line, ev->col, "nesting "
				    "deeper than %d levels; a data file needs "
				    "only a few (allies, an ally, its tags)",
				    LOAD_MAX_DEPTH);
				continue;
			}
		} else if (ev->type == EV_SEQ_END || ev->type == EV_MAP_END)
			ld->depth--;
		return;
	}
}

/* Skip the rest of the node that ev starts. */
static void
skip_node(struct loader *ld, const struct ev *start)
{
	struct ev ev;
	int depth;

	if (start->type != EV_SEQ_START && start->type != EV_MAP_START)
		return;
	for (depth = 1; depth > 0;) {
		next(ld, &ev);
		switch (ev.type) {
		case EV_SEQ_START:
		case EV_MAP_START:
			depth++;
			break;
		case EV_SEQ_END:
		case EV_MAP_END:
			depth--;
			break;
		case EV_STREAM_END:
			return;
		default:
			break;
		}
	}
}

static const char *
node_kind(const struct ev *ev)
{
	switch (ev->type) {
	case EV_SCALAR:
		return ev->len == 0 ? "an empty value" : "a string";
	case EV_SEQ_START:
		return "a list";
	case EV_MAP_START:
		return "a mapping";
	default:
		return "nothing";
	}
}

/* Schema. */

/*
 * A mapping with a fixed set of keys.  parse_mapping() reads the keys,
 * reports duplicates and non-string keys, warns about unknown keys and
 * skips their values, and hands every known key's value to the handler,
 * which must consume the value node.
 */
struct keyed {
	const char	*const *keys;	/* known keys */
	size_t		 nkeys;
	const char	*what;		/* "an ally", for messages */
	void		(*value)(struct loader *, void *, size_t,
			    const struct ev *);
	void		*arg;
};

/*
 * The unknown keys of one mapping, to tell a repeated one (an error) from
 * a new one (a warning).  A hash set, so that a file with a great many
 * keys still loads in linear time.
 */
struct ukey {
	char		*name;		/* may hold a NUL: use len */
	size_t		 len;
	unsigned	 line;		/* where it was first given */
	unsigned	 col;
};

struct keyset {
	struct ukey	*v;
	size_t		 len;
	size_t		*slot;		/* index into v plus 1; 0 is free */
	size_t		 nslots;	/* 0 or a power of two */
};

static size_t
keyset_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;	/* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void
keyset_place(struct keyset *ks, size_t idx)
{
	size_t i, mask = ks->nslots - 1;

	for (i = keyset_hash(ks->v[idx].name, ks->v[idx].len) & mask;
	    ks->slot[i] != 0; i = (i + 1) & mask)
		;
	ks->slot[i] = idx + 1;
}

/*
 * Add the key an event holds.  Returns NULL when it is new, else the
 * first time it was given.
 */
static const struct ukey *
keyset_add(struct keyset *ks, const struct ev *key)
{
	struct ukey *u;
	size_t i, mask;

	if (ks->nslots > 0) {
		mask = ks->nslots - 1;
		for (i = keyset_hash(key->value, key->len) & mask;
		    ks->slot[i] != 0; i = (i + 1) & mask) {
			u = &ks->v[ks->slot[i] - 1];
			if (u->len == key->len &&
			    memcmp(u->name, key->value, key->len) == 0)
				return u;
		}
	}
	if (ks->len % 16 == 0)
		ks->v = xreallocarray(ks->v, ks->len + 16, sizeof(*ks->v));
	u = &ks->v[ks->len];
	u->name = xmalloc(key->len + 1);
	memcpy(u->name, key->value, key->len);
	u->name[key->len] = '\0';
	u->len = key->len;
	u->line = key->line;
	u->col = key->col;
	ks->len++;
	/* Keep the table at most half full. */
	if (2 * ks->len > ks->nslots) {
		free(ks->slot);
		ks->nslots = ks->nslots == 0 ? 16 : ks->nslots * 2;
		ks->slot = xcalloc(ks->nslots, sizeof(*ks->slot));
		for (i = 0; i < ks->len; i++)
			keyset_place(ks, i);
	} else
		keyset_place(ks, ks->len - 1);
	return NULL;
}

static void
keyset_free(struct keyset *ks)
{
	size_t i;

	for (i = 0; i < ks->len; i++)
		free(ks->v[i].name);
	free(ks->v);
	free(ks->slot);
	memset(ks, 0, sizeof(*ks));
}

/* A key that is not one of k's: a warning, or an error when repeated. */
static void
unknown_key(struct loader *ld, const struct keyed *k, struct keyset *ks,
    const struct ev *key)
{
	struct buf msg = { 0 }, known = { 0 };
	const struct ukey *first;
	size_t i;

	if ((first = keyset_add(ks, key)) != NULL) {
		report(ld, key->line, key->col, "duplicate key %s (first "
		    "given at line %u, column %u); give each key once",
		    quote(&msg, key->value, key->len), first->line,
		    first->col);
	} else if (key->len == 2 && memcmp(key->value, "<<", 2) == 0) {
		warn_at(ld, key->line, key->col, "merge key \"<<\" in %s "
		    "ignored: merging is not supported; write the keys out",
		    k->what);
	} else {
		for (i = 0; i < k->nkeys; i++)
			buf_addf(&known, "%s%s", i > 0 ? ", " : "",
			    k->keys[i]);
		warn_at(ld, key->line, key->col, "unknown key %s in %s "
		    "ignored (known keys: %s)",
		    quote(&msg, key->value, key->len), k->what, known.ptr);
	}
	buf_free(&msg);
	buf_free(&known);
}

static void
parse_mapping(struct loader *ld, const struct keyed *k)
{
	unsigned first_line[8], first_col[8];
	unsigned seen = 0;
	struct keyset unknown = { 0 };
	struct ev key, val;
	size_t i;

	for (;;) {
		next(ld, &key);
		if (key.type == EV_MAP_END || key.type == EV_STREAM_END)
			break;
		if (key.type != EV_SCALAR) {
			report(ld, key.line, key.col, "a key must be a string, "
			    "not %s; write keys as plain words such as "
			    "\"name:\"", node_kind(&key));
			skip_node(ld, &key);
			next(ld, &val);
			skip_node(ld, &val);
			continue;
		}
		for (i = 0; i < k->nkeys; i++)
			if (strlen(k->keys[i]) == key.len &&
			    memcmp(k->keys[i], key.value, key.len) == 0)
				break;
		if (i == k->nkeys) {
			unknown_key(ld, k, &unknown, &key);
			next(ld, &val);
			skip_node(ld, &val);
			continue;
		}
		if (seen & (1u << i)) {
			report(ld, key.line, key.col, "duplicate key '%s' "
			    "(first given at line %u, column %u); give each "
			    "key once", k->keys[i], first_line[i],
			    first_col[i]);
			next(ld, &val);
			skip_node(ld, &val);
			continue;
		}
		seen |= 1u << i;
		first_line[i] = key.line;
		first_col[i] = key.col;
		next(ld, &val);
		k->value(ld, k->arg, i, &val);
	}
	keyset_free(&unknown);
}

/*
 * A string value copied into dst (when not NULL; the copy lives until dst
 * is reset) or else into the arena.  NULL after reporting why not.
 */
static const char *
take_string_to(struct loader *ld, const struct ev *val, const char *key,
    size_t *len, struct buf *dst)
{
	if (val->type != EV_SCALAR) {
		report(ld, val->line, val->col, "'%s' must be a string, not %s",
		    key, node_kind(val));
		skip_node(ld, val);
		return NULL;
	}
	if (memchr(val->value, '\0', val->len) != NULL) {
		report(ld, val->line, val->col, "'%s' contains a NUL "
		    "character (\\0); remove it", key);
		return NULL;
	}
	*len = val->len;
	if (dst == NULL)
		return arena_strndup(&ld->rs->arena, val->value, val->len);
	buf_reset(dst);
	buf_add(dst, val->value, val->len);
	return dst->ptr;
}

static const char *
take_string(struct loader *ld, const struct ev *val, const char *key,
    size_t *len)
{
	return take_string_to(ld, val, key, len, NULL);
}

/*
 * A list of strings copied into the arena.  Leaves the strings in the
 * loader's scratch list (ld->list, ld->nlist); returns 0 after an error.
 */
static int
take_list(struct loader *ld, const struct ev *val, const char *key)
{
	struct ev item;
	const char *s;
	size_t len;
	int ok = 1;

	ld->nlist = 0;
	if (val->type != EV_SEQ_START) {
		report(ld, val->line, val->col, "'%s' must be a list of "
		    "strings such as [a, b], not %s", key, node_kind(val));
		skip_node(ld, val);
		return 0;
	}
	for (;;) {
		next(ld, &item);
		if (item.type == EV_SEQ_END || item.type == EV_STREAM_END)
			break;
		if (item.type != EV_SCALAR) {
			report(ld, item.line, item.col, "each item of '%s' "
			    "must be a string, not %s", key, node_kind(&item));
			skip_node(ld, &item);
			ok = 0;
			continue;
		}
		if ((s = take_string(ld, &item, key, &len)) == NULL) {
			ok = 0;
			continue;
		}
		if (ld->nlist == ld->caplist) {
			ld->caplist = ld->caplist == 0 ? 8 : ld->caplist * 2;
			ld->list = xreallocarray(ld->list, ld->caplist,
			    sizeof(*ld->list));
		}
		ld->list[ld->nlist++] = s;
	}
	return ok;
}

/* The scratch list, moved into the arena. */
static const char **
list_publish(struct loader *ld)
{
	const char **v;

	if (ld->nlist == 0)
		return NULL;
	v = arena_alloc(&ld->rs->arena, ld->nlist * sizeof(*v));
	memcpy(v, ld->list, ld->nlist * sizeof(*v));
	return v;
}

/* Is s an http:// or https:// address with a host and no blanks? */
static int
url_ok(const char *s, size_t len)
{
	size_t i, skip;

	if (len >= 7 && strncasecmp(s, "http://", 7) == 0)
		skip = 7;
	else if (len >= 8 && strncasecmp(s, "https://", 8) == 0)
		skip = 8;
	else
		return 0;
	if (skip == len || s[skip] == '/' || s[skip] == '?' || s[skip] == '#')
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

static int
blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

/* Check a URL value; report and return 0 when it is not usable. */
static int
check_url(struct loader *ld, const struct ev *val, const char *key,
    const char *s, size_t len)
{
	struct buf msg = { 0 };

	if (url_ok(s, len))
		return 1;
	if (len == 0)
		report(ld, val->line, val->col, "'%s' is empty; give a web "
		    "address that starts with https:// or http://", key);
	else
		report(ld, val->line, val->col, "'%s' %s is not a web address; "
		    "give one that starts with https:// or http:// and has "
		    "no spaces", key, quote(&msg, s, len));
	buf_free(&msg);
	return 0;
}

static const char *const program_keys[] = {
	"name", "summary", "benefits", "term", "url", "become_ally_url"
};

static void
program_value(struct loader *ld, void *arg, size_t key, const struct ev *val)
{
	struct program *p = arg;
	const char *s;
	size_t len = 0;

	if (key == 2) {
		if (take_list(ld, val, "benefits")) {
			p->benefits = list_publish(ld);
			p->nbenefits = ld->nlist;
		}
		return;
	}
	if ((s = take_string(ld, val, program_keys[key], &len)) == NULL)
		return;
	switch (key) {
	case 0:
		p->name = s;
		break;
	case 1:
		p->summary = s;
		break;
	case 3:
		p->term = s;
		break;
	case 4:
	case 5:
		if (!check_url(ld, val, program_keys[key], s, len))
			return;
		if (key == 4)
			p->url = s;
		else
			p->become_ally_url = s;
		break;
	}
}

/* The ally being read: its fields as they arrive. */
struct ally {
	struct record	 r;
	unsigned	 given;		/* FIELD_BIT()s present, valid or not */
	unsigned	 have;		/* FIELD_BIT()s present and valid */
	int		 tags_ok;
	const char	**tags;
	size_t		 ntags;
};

/* Keys of an ally, indexed like enum field (tags last). */
static const char *const ally_keys[] = {
	[FIELD_NAME] = "name",
	[FIELD_ABBREVIATION] = "abbreviation",
	[FIELD_DESCRIPTION] = "description",
	[FIELD_URL] = "url",
	[FIELD_TAGS] = "tags",
};

static void
ally_value(struct loader *ld, void *arg, size_t key, const struct ev *val)
{
	struct ally *a = arg;
	const char *s;
	size_t len = 0;

	a->given |= FIELD_BIT(key);
	if (key == FIELD_TAGS) {
		if (take_list(ld, val, "tags")) {
			a->tags = list_publish(ld);
			a->ntags = ld->nlist;
			a->have |= FIELD_BIT(FIELD_TAGS);
		}
		return;
	}
	/*
	 * The text goes to a scratch buffer, and into the recordset only
	 * once, laid out with the ally's other fields (recordset_add_text).
	 */
	if ((s = take_string_to(ld, val, ally_keys[key], &len,
	    &ld->field[key])) == NULL)
		return;
	if (key == FIELD_URL && !check_url(ld, val, "url", s, len))
		return;
	if ((key == FIELD_NAME || key == FIELD_DESCRIPTION) &&
	    blank(s, len)) {
		report(ld, val->line, val->col, "'%s' is empty; every ally "
		    "needs a %s", ally_keys[key], key == FIELD_NAME ?
		    "name" : "description of a sentence or more");
		return;
	}
	a->r.text[key] = s;
	a->r.len[key] = (uint32_t)len;
	a->have |= FIELD_BIT(key);
}

/* Join the tags with ", " into one searchable, displayable string. */
static void
ally_join_tags(struct loader *ld, struct ally *a)
{
	struct buf *b = &ld->field[FIELD_TAGS];
	size_t i;

	buf_reset(b);
	buf_add(b, "", 0);
	for (i = 0; i < a->ntags; i++) {
		if (i > 0)
			buf_add(b, ", ", 2);
		buf_adds(b, a->tags[i]);
	}
	a->r.text[FIELD_TAGS] = b->ptr;
	a->r.len[FIELD_TAGS] = (uint32_t)b->len;
	a->r.tags = a->tags;
	a->r.ntags = (uint32_t)a->ntags;
}

/*
 * Hold back the error for an ally's missing keys: one message naming
 * them all.  A key that was given but wrong has had its own message.
 */
static void
ally_missing(struct loader *ld, const struct ally *a, const struct ev *start)
{
	static const unsigned required[] = {
		FIELD_NAME, FIELD_URL, FIELD_DESCRIPTION
	};
	struct buf msg = { 0 }, who = { 0 };
	size_t i, n = 0, left = 0;

	for (i = 0; i < nitems(required); i++)
		if (!(a->given & FIELD_BIT(required[i])))
			left++;
	if (left == 0)
		return;
	if (a->have & FIELD_BIT(FIELD_NAME))
		quote(&who, a->r.text[FIELD_NAME], a->r.len[FIELD_NAME]);
	buf_addf(&msg, "ally %zu%s%s has no ", ld->nallies,
	    who.len > 0 ? " " : "", who.len > 0 ? who.ptr : "");
	for (i = 0; i < nitems(required); i++) {
		if (a->given & FIELD_BIT(required[i]))
			continue;
		n++;
		buf_addf(&msg, "%s'%s'", n == 1 ? "" : n == left ? " or " :
		    ", ", ally_keys[required[i]]);
	}
	buf_adds(&msg, "; every ally needs name, url and description");
	free(ld->pending);
	ld->pending = xstrdup(msg.ptr);
	ld->pending_line = start->line;
	ld->pending_col = start->col;
	buf_free(&msg);
	buf_free(&who);
}

static void
parse_ally(struct loader *ld, const struct ev *start)
{
	struct keyed k = {
		ally_keys, nitems(ally_keys), "an ally", ally_value, NULL
	};
	struct ally a;
	size_t i;

	memset(&a, 0, sizeof(a));
	k.arg = &a;
	ld->nallies++;
	parse_mapping(ld, &k);
	if (ld->fatal)
		return;
	ally_missing(ld, &a, start);
	/* With any error in the file nothing is used: don't bother. */
	if (ld->errs->nerrors > ld->nerrors0 || ld->pending != NULL)
		return;
	for (i = 0; i < FIELD_COUNT; i++)
		if (a.r.text[i] == NULL) {
			a.r.text[i] = "";
			a.r.len[i] = 0;
		}
	ally_join_tags(ld, &a);
	recordset_add_text(ld->rs, &a.r);
}

static void
parse_allies(struct loader *ld, const struct ev *val)
{
	struct ev item;

	if (val->type != EV_SEQ_START) {
		report(ld, val->line, val->col, "'allies' must be a list, each "
		    "item starting with \"- name: \", not %s", node_kind(val));
		skip_node(ld, val);
		return;
	}
	for (;;) {
		next(ld, &item);
		if (item.type == EV_SEQ_END || item.type == EV_STREAM_END)
			break;
		if (item.type != EV_MAP_START) {
			ld->nallies++;
			report(ld, item.line, item.col, "ally %zu must be a "
			    "mapping with name, url and description, not %s",
			    ld->nallies, node_kind(&item));
			skip_node(ld, &item);
			continue;
		}
		parse_ally(ld, &item);
	}
}

static const char *const root_keys[] = { "program", "allies" };

static void
root_value(struct loader *ld, void *arg, size_t key, const struct ev *val)
{
	struct keyed k = {
		program_keys, nitems(program_keys), "the program",
		program_value, &ld->rs->program
	};
	int *have_allies = arg;

	if (key == 1) {
		*have_allies = 1;
		parse_allies(ld, val);
		return;
	}
	if (val->type != EV_MAP_START) {
		report(ld, val->line, val->col, "'program' must be a mapping "
		    "(name, summary, benefits, term, url, become_ally_url), "
		    "not %s", node_kind(val));
		skip_node(ld, val);
		return;
	}
	ld->rs->has_program = 1;
	parse_mapping(ld, &k);
}

static void
parse_stream(struct loader *ld)
{
	struct ev ev;
	int have_allies = 0;
	struct keyed k = {
		root_keys, nitems(root_keys), "the top level", root_value,
		&have_allies
	};

	next(ld, &ev);
	if (ev.type != EV_DOC_START) {
		report(ld, 1, 1, "the file is empty; it needs at least "
		    "\"allies: []\"");
		return;
	}
	next(ld, &ev);
	if (ev.type != EV_MAP_START) {
		if (ev.type != EV_STREAM_END)
			report(ld, ev.line, ev.col, "the top level must be a "
			    "mapping with an 'allies' key, not %s%s",
			    node_kind(&ev), ev.type == EV_SCALAR &&
			    ev.len == 0 ? " (the document is empty)" : "");
		skip_node(ld, &ev);
	} else {
		parse_mapping(ld, &k);
		if (!have_allies && !ld->fatal)
			report(ld, ev.line, ev.col, "no 'allies' key; the top "
			    "level needs \"allies:\" with a list (it may be "
			    "empty: \"allies: []\")");
	}
	next(ld, &ev);		/* the document's end */
	next(ld, &ev);
	if (ev.type == EV_DOC_START)
		report(ld, ev.line, ev.col, "a second document starts here; "
		    "a data file holds exactly one");
}

/* Refuse what is plainly not a UTF-8 YAML file, with a clear reason. */
static int
check_bytes(struct loader *ld)
{
	const char *nul;
	unsigned line, col;

	if (ld->size >= 2 && (memcmp(ld->data, "\xff\xfe", 2) == 0 ||
	    memcmp(ld->data, "\xfe\xff", 2) == 0)) {
		report_fatal(ld, 1, 1, "the file is UTF-16 or UTF-32; save it "
		    "as UTF-8");
		return 0;
	}
	if ((nul = memchr(ld->data, '\0', ld->size)) != NULL) {
		offset_pos(ld, (size_t)(nul - ld->data), &line, &col);
		report_fatal(ld, line, col, "NUL byte in the file; a data file "
		    "is UTF-8 text (is it UTF-16 or binary?)");
		return 0;
	}
	return 1;
}

static void
loader_done(struct loader *ld)
{
	size_t i;

	if (ld->have_yev)
		yaml_event_delete(&ld->yev);
	yaml_parser_delete(&ld->parser);
	for (i = 0; i < ld->ntape; i++)
		free(ld->tape[i].value);
	free(ld->tape);
	for (i = 0; i < ld->nanchors; i++)
		free(ld->anchors[i].name);
	free(ld->anchors);
	free(ld->caps);
	free(ld->replays);
	free(ld->list);
	free(ld->pending);
	for (i = 0; i < FIELD_COUNT; i++)
		buf_free(&ld->field[i]);
}

static int
load_data(const char *data, size_t len, int mapped, struct recordset *rs,
    struct errlist *errs)
{
	struct recordset fresh;
	struct loader ld;
	yaml_event_t start;
	size_t nerrors = errs->nerrors;

	memset(&ld, 0, sizeof(ld));
	recordset_init(&fresh);
	ld.data = data;
	ld.size = len;
	ld.mapped = mapped;
	ld.errs = errs;
	ld.nerrors0 = errs->nerrors;
	ld.rs = &fresh;
	if (!yaml_parser_initialize(&ld.parser))
		die("out of memory initialising the YAML parser");

	if (len > LOAD_MAX_BYTES)
		report_fatal(&ld, 0, 0, "the file is larger than %zu MiB",
		    LOAD_MAX_BYTES >> 20);
	else if (check_bytes(&ld)) {
		yaml_parser_set_input_string(&ld.parser,
		    (const unsigned char *)data, len);
		if (!yaml_parser_parse(&ld.parser, &start))
			syntax_error(&ld);
		else {
			yaml_event_delete(&start);
			parse_stream(&ld);
			pending_flush(&ld);
		}
	}
	loader_done(&ld);

	if (errs->nerrors > nerrors) {
		recordset_done(&fresh);
		return -1;
	}
	recordset_swap(rs, &fresh);
	recordset_done(&fresh);
	return 0;
}

int
load_buffer(const char *data, size_t len, struct recordset *rs,
    struct errlist *errs)
{
	return load_data(data, len, 0, rs, errs);
}

int
load_file(const char *path, struct recordset *rs, struct errlist *errs)
{
	struct buf data = { 0 };
	struct stat st;
	char chunk[65536];
	void *map;
	ssize_t n;
	int fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		errlist_add(errs, 1, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	/*
	 * A regular file is mapped rather than read, so that the pages the
	 * parser is done with can be given back as it goes.
	 */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size <= LOAD_MAX_BYTES &&
	    (map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
	    0)) != MAP_FAILED) {
		close(fd);
		madvise(map, (size_t)st.st_size, MADV_SEQUENTIAL);
		rc = load_data(map, (size_t)st.st_size, 1, rs, errs);
		munmap(map, (size_t)st.st_size);
		return rc;
	}
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			errlist_add(errs, 1, 0, 0, "cannot read: %s",
			    strerror(errno));
			close(fd);
			buf_free(&data);
			return -1;
		}
		if (n == 0)
			break;
		if (data.len + (size_t)n > LOAD_MAX_BYTES) {
			errlist_add(errs, 1, 0, 0, "the file is larger than "
			    "%zu MiB; that is not a directory of allies",
			    LOAD_MAX_BYTES >> 20);
			close(fd);
			buf_free(&data);
			return -1;
		}
		buf_add(&data, chunk, (size_t)n);
	}
	close(fd);
	rc = load_buffer(data.ptr != NULL ? data.ptr : "", data.len, rs, errs);
	buf_free(&data);
	return rc;
}
