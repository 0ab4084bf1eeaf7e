/*
 * yamlfeed: parsed and replayed events.  See yamlfeed.h.
 *
 * Each parsed event inside an anchor is kept once on a tape, however many
 * anchors enclose it: an anchor is a range of the tape, so that nesting
 * anchors costs nothing more.  An alias pushes a replay of its anchor's
 * range; the replays form a stack, since a replayed event can itself be
 * an alias.
 *
 * Input that is read is kept in a window of FEED_WINDOW bytes: the
 * parser takes it from there, and the diagnostics find positions in it.
 * When the window is full, all but its last FEED_KEEP bytes are
 * forgotten (diag counts their lines first): libyaml never reads more
 * than 16 KiB ahead of where it stands, so the bytes an error can point
 * at are always kept.
 */
#include "yamlfeed.h"

#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "atomic.h"
#include "diag.h"
#include "load_limits.h"
#include "util.h"

#define FEED_MAX_ANCHORS	1000
#define FEED_ANCHOR_CHARS	40	/* of an anchor name in a message */

#define FEED_WINDOW		(256u << 10)
#define FEED_KEEP		(32u << 10)
#define FEED_READ_MIN		(64u << 10)	/* read at least this much */

/* An event kept for the anchors being recorded; value is owned. */
struct yamlfeed_saved {
	enum ev_type	 type;
	char		*value;
	size_t		 len;
};

struct yamlfeed_anchor {
	char		*name;
	size_t		 start;		/* its events: tape[start, end) */
	size_t		 end;
	int		 closed;	/* its node has ended */
};

struct yamlfeed_capture {
	size_t		 anchor;	/* index into anchors */
	int		 depth;		/* open collections inside it */
};

struct yamlfeed_replay {
	size_t		 anchor;
	size_t		 pos;		/* next event to replay, in the tape */
};

/*
 * Read more input into the window, forgetting the oldest bytes when it is
 * full: only called once the parser has been given all it holds (or at
 * the start).  Returns the bytes added, 0 at the end, or -1 after an
 * error was reported.
 */
static long
feed_fill(struct yamlfeed *fd)
{
	size_t drop;
	long n;

	if (fd->read == NULL || fd->eof)
		return 0;
	if (FEED_WINDOW - fd->len < FEED_READ_MIN && fd->given == fd->len) {
		drop = fd->len - FEED_KEEP;
		diag_forget(fd->diag, drop);
		memmove(fd->window, fd->window + drop, FEED_KEEP);
		fd->len -= drop;
		fd->given -= drop;
	}
	n = fd->read(fd->read_arg, fd->window + fd->len, FEED_WINDOW - fd->len);
	if (n <= 0) {
		fd->eof = 1;
		return n;
	}
	fd->len += (size_t)n;
	diag_text(fd->diag, fd->window, fd->len);
	return n;
}

/* libyaml's read handler: the window, then more of the input. */
static int
feed_input(void *arg, unsigned char *buf, size_t size, size_t *size_read)
{
	struct yamlfeed *fd = arg;
	size_t n;

	*size_read = 0;
	/*
	 * libyaml holds a value whole until its event: one that goes on
	 * and on (a stream of "yes") would take the memory with it.
	 */
	if (fd->diag->base + fd->given - fd->event_at > LOAD_MAX_SPAN) {
		diag_add(fd->diag, DIAG_FATAL, fd->event_line, fd->event_col,
		    "a value (or a run of comments) of more than %zu MiB; no "
		    "ally needs one that long", LOAD_MAX_SPAN >> 20);
		return 0;
	}
	/* A failed read has been reported: libyaml's "input error" is not. */
	if (fd->given == fd->len && feed_fill(fd) < 0)
		return 0;
	n = fd->len - fd->given;
	if (n > size)
		n = size;
	memcpy(buf, fd->data + fd->given, n);
	fd->given += n;
	*size_read = n;
	if (fd->parsed != NULL)
		atomic_set(fd->parsed, fd->diag->base + fd->given);
	return 1;
}

static void
yamlfeed_setup(struct yamlfeed *fd, struct diag_sink *diag)
{
	memset(fd, 0, sizeof(*fd));
	fd->diag = diag;
	fd->data = "";
	if (!yaml_parser_initialize(&fd->parser))
		die("out of memory initialising the YAML parser");
	yaml_parser_set_input(&fd->parser, feed_input, fd);
}

void
yamlfeed_init_buffer(struct yamlfeed *fd, const char *data, size_t size,
    struct diag_sink *diag)
{
	yamlfeed_setup(fd, diag);
	fd->data = data;
	fd->len = size;
	fd->eof = 1;
	diag_text(diag, data, size);
}

void
yamlfeed_init_reader(struct yamlfeed *fd, yamlfeed_read_cb *read, void *arg,
    struct diag_sink *diag)
{
	yamlfeed_setup(fd, diag);
	fd->read = read;
	fd->read_arg = arg;
	fd->window = xmalloc(FEED_WINDOW);
	fd->data = fd->window;
}

void
yamlfeed_watch(struct yamlfeed *fd, const size_t *cancel, size_t *parsed)
{
	fd->cancel = cancel;
	fd->parsed = parsed;
}

void
yamlfeed_done(struct yamlfeed *fd)
{
	size_t i;

	if (fd->have_yev)
		yaml_event_delete(&fd->yev);
	yaml_parser_delete(&fd->parser);
	for (i = 0; i < fd->ntape; i++)
		free(fd->tape[i].value);
	free(fd->tape);
	for (i = 0; i < fd->nanchors; i++)
		free(fd->anchors[i].name);
	free(fd->anchors);
	free(fd->caps);
	free(fd->replays);
	free(fd->window);
}

int
yamlfeed_start(struct yamlfeed *fd)
{
	yaml_event_t start;

	/* libyaml takes a UTF-16 BOM as a reason to read UTF-16. */
	while (fd->len < 2 && !fd->eof)
		if (feed_fill(fd) < 0)
			return 0;
	if (fd->len >= 2 && (memcmp(fd->data, "\xff\xfe", 2) == 0 ||
	    memcmp(fd->data, "\xfe\xff", 2) == 0)) {
		diag_add(fd->diag, DIAG_FATAL, 1, 1, "the file is UTF-16 or "
		    "UTF-32; save it as UTF-8");
		return 0;
	}
	if (!yaml_parser_parse(&fd->parser, &start)) {
		diag_syntax(fd->diag, &fd->parser);
		return 0;
	}
	yaml_event_delete(&start);
	return 1;
}

static struct yamlfeed_anchor *
anchor_find(struct yamlfeed *fd, const char *name)
{
	size_t i;

	/* The latest definition of a name wins, as YAML says. */
	for (i = fd->nanchors; i-- > 0;)
		if (strcmp(fd->anchors[i].name, name) == 0)
			return &fd->anchors[i];
	return NULL;
}

static void
anchor_define(struct yamlfeed *fd, const char *name, const struct ev *ev)
{
	struct yamlfeed_anchor *a;

	if (fd->nanchors == FEED_MAX_ANCHORS) {
		diag_add(fd->diag, DIAG_FATAL, ev->line, ev->col, "more than "
		    "%d anchors; a data file needs few, if any",
		    FEED_MAX_ANCHORS);
		return;
	}
	if (fd->nanchors % 16 == 0)
		fd->anchors = xreallocarray(fd->anchors, fd->nanchors + 16,
		    sizeof(*fd->anchors));
	a = &fd->anchors[fd->nanchors];
	memset(a, 0, sizeof(*a));
	a->name = xstrdup(name);
	a->start = fd->ntape;		/* capture() appends this event next */
	if (fd->ncaps % 16 == 0)
		fd->caps = xreallocarray(fd->caps, fd->ncaps + 16,
		    sizeof(*fd->caps));
	fd->caps[fd->ncaps].anchor = fd->nanchors;
	fd->caps[fd->ncaps].depth = 0;
	fd->ncaps++;
	fd->nanchors++;
}

/* Keep a parsed event for the anchors still being recorded. */
static void
capture(struct yamlfeed *fd, const struct ev *ev)
{
	struct yamlfeed_saved *s;
	struct yamlfeed_anchor *a;
	size_t i;

	if (fd->ntape == LOAD_MAX_ANCHORED_NODES ||
	    (fd->taped_bytes += ev->len) > LOAD_MAX_ANCHORED_BYTES) {
		diag_add(fd->diag, DIAG_FATAL, ev->line, ev->col, "anchors "
		    "hold more than %d nodes or %zu MiB of text; a data file "
		    "needs few, if any", LOAD_MAX_ANCHORED_NODES,
		    LOAD_MAX_ANCHORED_BYTES >> 20);
		return;
	}
	if (fd->ntape == fd->captape) {
		fd->captape = fd->captape == 0 ? 64 : fd->captape * 2;
		fd->tape = xreallocarray(fd->tape, fd->captape,
		    sizeof(*fd->tape));
	}
	s = &fd->tape[fd->ntape++];
	s->type = ev->type;
	s->value = ev->type == EV_SCALAR || ev->type == EV_ALIAS ?
	    xstrndup(ev->value, ev->len) : NULL;
	s->len = ev->len;
	for (i = 0; i < fd->ncaps; i++) {
		if (ev->type == EV_SEQ_START || ev->type == EV_MAP_START)
			fd->caps[i].depth++;
		else if (ev->type == EV_SEQ_END || ev->type == EV_MAP_END)
			fd->caps[i].depth--;
	}
	/* Only the innermost capture can have closed with this event. */
	while (fd->ncaps > 0 && fd->caps[fd->ncaps - 1].depth == 0) {
		a = &fd->anchors[fd->caps[fd->ncaps - 1].anchor];
		a->end = fd->ntape;
		a->closed = 1;
		fd->ncaps--;
	}
}

/*
 * Start replaying the anchor an alias names.  Returns 0 on error.  The
 * name is NUL-terminated whether it was parsed or replayed; libyaml
 * allows only letters, digits, '-' and '_' in it, so it prints safely.
 */
static int
alias_expand(struct yamlfeed *fd, const struct ev *ev)
{
	struct yamlfeed_anchor *a;
	const char *name = ev->value;
	const char *more = ev->len > FEED_ANCHOR_CHARS ? "..." : "";
	int n = FEED_ANCHOR_CHARS;

	if ((a = anchor_find(fd, name)) == NULL) {
		diag_add(fd->diag, DIAG_FATAL, ev->line, ev->col, "alias "
		    "*%.*s%s names no anchor defined before it; define &%.*s%s "
		    "first", n, name, more, n, name, more);
		return 0;
	}
	if (!a->closed) {
		diag_add(fd->diag, DIAG_FATAL, ev->line, ev->col, "alias "
		    "*%.*s%s is used inside its own anchor; an alias must "
		    "refer to a finished node", n, name, more);
		return 0;
	}
	if (fd->nreplays >= LOAD_MAX_DEPTH) {
		diag_add(fd->diag, DIAG_FATAL, ev->line, ev->col, "aliases "
		    "nest more than %d deep; write the data out instead",
		    LOAD_MAX_DEPTH);
		return 0;
	}
	if (fd->nreplays == 0) {
		fd->alias_line = ev->line;
		fd->alias_col = ev->col;
	}
	if (fd->nreplays % 16 == 0)
		fd->replays = xreallocarray(fd->replays, fd->nreplays + 16,
		    sizeof(*fd->replays));
	fd->replays[fd->nreplays].anchor = (size_t)(a - fd->anchors);
	fd->replays[fd->nreplays].pos = a->start;
	fd->nreplays++;
	return 1;
}

static void
ev_from_yaml(struct ev *ev, const yaml_event_t *y)
{
	/*
	 * The types left out (no event, the stream's start and end) are
	 * EV_STREAM_END, which is 0; the stream's start is consumed before
	 * the first call.
	 */
	static const enum ev_type types[] = {
		[YAML_DOCUMENT_START_EVENT] = EV_DOC_START,
		[YAML_DOCUMENT_END_EVENT] = EV_DOC_END,
		[YAML_SCALAR_EVENT] = EV_SCALAR,
		[YAML_SEQUENCE_START_EVENT] = EV_SEQ_START,
		[YAML_SEQUENCE_END_EVENT] = EV_SEQ_END,
		[YAML_MAPPING_START_EVENT] = EV_MAP_START,
		[YAML_MAPPING_END_EVENT] = EV_MAP_END,
		[YAML_ALIAS_EVENT] = EV_ALIAS,
	};

	memset(ev, 0, sizeof(*ev));
	ev->line = (unsigned)y->start_mark.line + 1;
	ev->col = (unsigned)y->start_mark.column + 1;
	ev->type = (size_t)y->type < nitems(types) ? types[y->type] :
	    EV_STREAM_END;
	if (y->type == YAML_SCALAR_EVENT) {
		ev->value = (const char *)y->data.scalar.value;
		ev->len = y->data.scalar.length;
	} else if (y->type == YAML_ALIAS_EVENT) {
		ev->value = (const char *)y->data.alias.anchor;
		ev->len = strlen(ev->value);
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
 * The next event of the innermost alias being replayed, into ev.  Returns
 * 0 when there is none to give: the replay has ended (and is popped), or
 * the budget is spent (and the feed fatal).
 */
static int
replay_next(struct yamlfeed *fd, struct ev *ev)
{
	struct yamlfeed_replay *r = &fd->replays[fd->nreplays - 1];
	const struct yamlfeed_saved *s;
	size_t budget;

	if (r->pos == fd->anchors[r->anchor].end) {
		fd->nreplays--;
		return 0;
	}
	s = &fd->tape[r->pos++];
	ev->type = s->type;
	ev->value = s->value;
	ev->len = s->len;
	/*
	 * A replayed node is reported where the alias put it:
	 * "description: *x" is where a user looks when the description is
	 * wrong, not at the anchor.
	 */
	ev->line = fd->alias_line;
	ev->col = fd->alias_col;
	diag_flush(fd->diag);
	if (++fd->replayed > LOAD_MAX_ALIAS_NODES) {
		diag_add(fd->diag, DIAG_FATAL, ev->line, ev->col, "aliases "
		    "expand to more than %d nodes; refusing what looks like an "
		    "alias bomb (write the data out instead)",
		    LOAD_MAX_ALIAS_NODES);
		return 0;
	}
	/*
	 * Each replayed scalar is copied again into the recordset, so count
	 * bytes too: a few aliases of a long string would otherwise fill the
	 * memory.
	 */
	budget = LOAD_MAX_ALIAS_BYTES + fd->diag->base + fd->len;
	if (s->type == EV_SCALAR && (fd->replayed_bytes += s->len) > budget) {
		diag_add(fd->diag, DIAG_FATAL, ev->line, ev->col, "aliases "
		    "expand to more than %zu MiB of text; refusing what looks "
		    "like an alias bomb (write the data out instead)",
		    budget >> 20);
		return 0;
	}
	return 1;
}

/*
 * The parser's next event, into ev, recorded for the anchors open around
 * it.  Returns 0 when there is none to give: a syntax error, or a fatal
 * one on the way.
 */
static int
parse_next(struct yamlfeed *fd, struct ev *ev)
{
	const char *name;

	if (fd->have_yev)
		yaml_event_delete(&fd->yev);
	fd->have_yev = 0;
	if (!yaml_parser_parse(&fd->parser, &fd->yev)) {
		diag_syntax(fd->diag, &fd->parser);
		return 0;
	}
	fd->have_yev = 1;
	fd->event_at = fd->diag->base + fd->given;
	fd->event_line = (unsigned)fd->yev.end_mark.line + 1;
	fd->event_col = (unsigned)fd->yev.end_mark.column + 1;
	diag_flush(fd->diag);
	ev_from_yaml(ev, &fd->yev);
	if ((name = yaml_anchor(&fd->yev)) != NULL)
		anchor_define(fd, name, ev);
	if (fd->ncaps > 0)
		capture(fd, ev);
	return !fd->diag->fatal;
}

void
yamlfeed_next(struct yamlfeed *fd, struct ev *ev)
{
	for (;;) {
		if (fd->diag->fatal || diag_cancelled(fd->diag, fd->cancel)) {
			memset(ev, 0, sizeof(*ev));
			ev->type = EV_STREAM_END;
			return;
		}
		if (!(fd->nreplays > 0 ? replay_next(fd, ev) :
		    parse_next(fd, ev)))
			continue;
		if (ev->type == EV_ALIAS) {
			alias_expand(fd, ev);
			continue;
		}
		if (ev->type == EV_SEQ_START || ev->type == EV_MAP_START) {
			if (++fd->depth > LOAD_MAX_DEPTH) {
				diag_add(fd->diag, DIAG_FATAL, ev->line,
				    ev->col, "nesting deeper than %d levels; a "
				    "data file needs only a few (allies, an "
				    "ally, its tags)", LOAD_MAX_DEPTH);
				continue;
			}
		} else if (ev->type == EV_SEQ_END || ev->type == EV_MAP_END)
			fd->depth--;
		return;
	}
}

void
yamlfeed_skip(struct yamlfeed *fd, const struct ev *start)
{
	struct ev ev;
	int depth;

	if (start->type != EV_SEQ_START && start->type != EV_MAP_START)
		return;
	for (depth = 1; depth > 0;) {
		yamlfeed_next(fd, &ev);
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
