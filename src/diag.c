/*
 * diag: the error list and the loader's reporting.  See diag.h.
 *
 * Every message the loader gives goes through here, so the caps, the
 * held-back error and the positions of libyaml's errors are decided in
 * one place.  This file knows libyaml's parser only for the error it
 * stopped with; it reads no events and builds no records.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "atomic.h"
#include "load_limits.h"
#include "text.h"
#include "util.h"

#define DIAG_MAX_WARNINGS	100	/* then the rest are not shown */
#define DIAG_QUOTE_COLS		40	/* data quoted in a message, at most */

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
	struct buf safe = { 0 };
	char *s;

	/* A file name is untrusted text too: it can hold escapes. */
	name = text_safe(&safe, name);
	if (d->line == 0)
		s = xasprintf("%s: %s: %s", name, kind, d->msg);
	else
		s = xasprintf("%s:%u:%u: %s: %s", name, d->line, d->col, kind,
		    d->msg);
	buf_free(&safe);
	return s;
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

void
errlist_add(struct errlist *e, int error, unsigned line, unsigned col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	errlist_vadd(e, error, line, col, fmt, ap);
	va_end(ap);
}

void
diag_init(struct diag_sink *d, struct errlist *errs)
{
	memset(d, 0, sizeof(*d));
	d->errs = errs;
	d->nerrors0 = errs->nerrors;
	d->data = "";
	d->base_line = 1;
}

void
diag_text(struct diag_sink *d, const char *data, size_t size)
{
	d->data = data;
	d->size = size;
	if (d->base == 0 && size >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		d->bom = 1;
}

/*
 * The line breaks in the first n bytes at the sink's data: how many, and
 * where the last line starts (0 when none ends there).  A CR right before
 * the end of the data kept is a lone one.  LF alone, the usual case, is
 * left to memchr().
 */
static unsigned
diag_breaks(const struct diag_sink *d, size_t n, size_t *bol)
{
	const char *p = d->data, *nl;
	unsigned lines = 0;
	size_t i;

	*bol = 0;
	if (memchr(p, '\r', n) == NULL) {
		while ((nl = memchr(p, '\n', n - (size_t)(p - d->data))) !=
		    NULL) {
			lines++;
			p = nl + 1;
		}
		*bol = (size_t)(p - d->data);
		return lines;
	}
	for (i = 0; i < n; i++)
		if (p[i] == '\n' || (p[i] == '\r' &&
		    (i + 1 == d->size || p[i + 1] != '\n'))) {
			lines++;
			*bol = i + 1;
		}
	return lines;
}

void
diag_forget(struct diag_sink *d, size_t n)
{
	size_t bol;
	unsigned lines;

	if (n > d->size)
		n = d->size;
	lines = diag_breaks(d, n, &bol);
	if (lines > 0) {
		d->base_line += lines;
		d->base_chars = 0;
	}
	d->base_chars += text_chars(d->data + bol, n - bol);
	d->data += n;
	d->size -= n;
	d->base += n;
}

void
diag_done(struct diag_sink *d)
{
	free(d->held);
	d->held = NULL;
}

void
diag_add(struct diag_sink *d, enum diag_kind kind, unsigned line,
    unsigned col, const char *fmt, ...)
{
	va_list ap;

	if (kind == DIAG_WARN) {
		if (d->nwarnings > DIAG_MAX_WARNINGS)
			return;
		if (d->nwarnings++ == DIAG_MAX_WARNINGS) {
			errlist_add(d->errs, 0, line, col, "more than %d "
			    "warnings; the rest are not shown",
			    DIAG_MAX_WARNINGS);
			return;
		}
	} else if (d->fatal)
		return;
	va_start(ap, fmt);
	errlist_vadd(d->errs, kind != DIAG_WARN, line, col, fmt, ap);
	va_end(ap);
	if (kind == DIAG_FATAL)
		d->fatal = 1;
	else if (kind == DIAG_ERR &&
	    d->errs->nerrors - d->nerrors0 >= LOAD_MAX_ERRORS) {
		errlist_add(d->errs, 1, line, col,
		    "too many errors (%d); stopping here", LOAD_MAX_ERRORS);
		d->fatal = 1;
	}
}

void
diag_hold(struct diag_sink *d, unsigned line, unsigned col, const char *msg)
{
	free(d->held);
	d->held = xstrdup(msg);
	d->held_line = line;
	d->held_col = col;
}

void
diag_flush(struct diag_sink *d)
{
	if (d->held == NULL)
		return;
	diag_add(d, DIAG_ERR, d->held_line, d->held_col, "%s", d->held);
	free(d->held);
	d->held = NULL;
}

int
diag_cancelled(struct diag_sink *d, const size_t *flag)
{
	if (flag == NULL || !atomic_get(flag))
		return 0;
	diag_add(d, DIAG_FATAL, 0, 0, "cancelled");
	return 1;
}

int
diag_clean(const struct diag_sink *d)
{
	return d->errs->nerrors == d->nerrors0 && d->held == NULL;
}

void
diag_pos(const struct diag_sink *d, size_t off, unsigned *line,
    unsigned *col)
{
	size_t bol, chars;
	unsigned lines;

	off = off < d->base ? 0 : off - d->base;
	if (off > d->size)
		off = d->size;
	lines = diag_breaks(d, off, &bol);
	chars = lines > 0 ? 0 : d->base_chars;
	chars += text_chars(d->data + bol, off - bol);
	*line = d->base_line + lines;
	if (*line == 1 && d->bom && chars > 0)
		chars--;
	*col = (unsigned)chars + 1;
}

/* Does a line break (LF, CR) start with c? */
static int
is_break(char c)
{
	return c == '\n' || c == '\r';
}

/*
 * The byte offset, from the sink's base, of line:col (as libyaml marks
 * it: the column in characters, a BOM not counted).  0 when that place
 * is no longer kept, or not there.
 */
static int
diag_find(const struct diag_sink *d, unsigned line, unsigned col,
    size_t *off)
{
	const char *p = d->data, *end = d->data + d->size, *nl;
	unsigned l = d->base_line;
	size_t chars = d->base_chars, want;

	for (; l < line; l++, chars = 0) {
		for (nl = p; nl < end && !is_break(*nl); nl++)
			;
		if (nl == end)
			return 0;
		p = nl + (nl[0] == '\r' && nl + 1 < end && nl[1] == '\n' ?
		    2 : 1);
	}
	if (l != line || col == 0)
		return 0;
	want = col - 1 + (line == 1 && d->bom);
	if (chars > want)
		return 0;
	for (; chars < want; chars++) {
		if (p == end || is_break(*p))
			return 0;
		p += text_decode(p, (size_t)(end - p), &(uint32_t){ 0 });
	}
	*off = (size_t)(p - d->data);
	return 1;
}

/* Blanks and line breaks from i on: where they end; *breaks counted. */
static size_t
skip_space(const char *src, size_t n, size_t i, unsigned *breaks)
{
	*breaks = 0;
	while (i < n) {
		if (is_break(src[i])) {
			(*breaks)++;
			i += src[i] == '\r' && i + 1 < n && src[i + 1] == '\n' ?
			    2 : 1;
		} else if (src[i] == ' ' || src[i] == '\t')
			i++;
		else
			break;
	}
	return i;
}

/*
 * Walk the source of a flow scalar (plain, '...' or "...") from its first
 * byte i in step with its value, to the byte where value byte at was
 * written.  Returns that offset, or (size_t)-1 where the two part: a
 * block scalar, an alias, an escape the walk does not know.
 */
static size_t
walk_scalar(const char *src, size_t n, size_t i, const char *value,
    size_t at)
{
	char style = src[i];
	size_t v = 0, k, next;
	unsigned breaks;

	if (style == '"' || style == '\'')
		i++;
	else if (strchr("|>*", style) != NULL)
		return (size_t)-1;
	while (v < at && i < n) {
		if (style == '"' && src[i] == '\\' && i + 1 < n &&
		    is_break(src[i + 1])) {
			/* An escaped line break: nothing in the value. */
			i = skip_space(src, n, i + 1, &breaks);
			continue;
		}
		if (src[i] == ' ' || src[i] == '\t' || is_break(src[i])) {
			next = skip_space(src, n, i, &breaks);
			/* One folded break is a space, n are n - 1 newlines. */
			k = breaks == 0 ? 0 : breaks == 1 ? 1 : breaks - 1;
			if (k > 0) {
				if (at < v + k)
					return i;
				v += k;
				i = next;
				continue;
			}
		}
		if (style == '"' && src[i] == '\\') {
			if (i + 1 == n)
				return (size_t)-1;
			k = src[i + 1] == 'x' ? 4 : src[i + 1] == 'u' ? 6 :
			    src[i + 1] == 'U' ? 10 : 2;
			v += text_decode(value + v, at - v, &(uint32_t){ 0 });
			i += k;
			continue;
		}
		if (style == '\'' && src[i] == '\'' && i + 1 < n &&
		    src[i + 1] == '\'')
			i++;
		else if (src[i] != value[v])
			return (size_t)-1;
		i++;
		v++;
	}
	return v == at ? i : (size_t)-1;
}

void
diag_value_pos(const struct diag_sink *d, unsigned line, unsigned col,
    const char *value, size_t at, unsigned *vline, unsigned *vcol)
{
	size_t i, pos;
	unsigned breaks;

	*vline = line;
	*vcol = col;
	if (!diag_find(d, line, col, &i))
		return;
	/* Past an anchor or a tag to the scalar itself. */
	while (i < d->size && (d->data[i] == '&' || d->data[i] == '!')) {
		while (i < d->size && d->data[i] != ' ' && d->data[i] != '\t' &&
		    !is_break(d->data[i]))
			i++;
		i = skip_space(d->data, d->size, i, &breaks);
	}
	if (i < d->size &&
	    (pos = walk_scalar(d->data, d->size, i, value, at)) != (size_t)-1)
		diag_pos(d, d->base + pos, vline, vcol);
}

const char *
diag_quote(struct buf *b, const char *s, size_t len)
{
	size_t start = b->len, cut;

	cut = text_fit(s, len, DIAG_QUOTE_COLS, NULL);
	buf_addc(b, '"');
	text_sanitize(b, s, cut, TEXT_SPACES);
	buf_adds(b, cut < len ? "...\"" : "\"");
	buf_addc(b, '\0');
	return b->ptr + start;
}

/* A piece of libyaml's wording, and what to tell the user when it shows. */
struct hint {
	const char	*needle;
	const char	*text;
};

/* For libyaml's most common complaints: what would be right. */
static const struct hint syntax_hints[] = {
	{ "mapping values are not allowed",
	  "; put quotes around a value that contains \": \"" },
	{ "cannot start any token",
	  "; put quotes around a value that starts with @ or `" },
	{ "did not find expected key",
	  "; check the indentation of this line" },
	{ "did not find expected '-' indicator",
	  "; check the indentation: the keys of an ally line up, and every "
	  "item of a list starts with \"- \" at the same indentation" },
	{ "found a tab character",
	  "; indent with spaces, not tabs" },
	{ "could not find expected ':'",
	  "; a key is followed by \": \"" },
	{ "found undefined tag handle",
	  "; put quotes around a value that starts with !" },
	{ "found unknown escape character",
	  "; in double quotes write a backslash as \\\\, or use single "
	  "quotes" },
	{ "found invalid Unicode character escape code",
	  "; \\u and \\U must name a character: no surrogates (D800-DFFF), "
	  "nothing above 10FFFF" },
	{ "did not find expected hexdecimal number",
	  "; \\x takes 2 hex digits, \\u 4 and \\U 8" },
};

/*
 * For a file that ends inside an unclosed construct, by libyaml's name
 * for the context: what it is called and how it is closed.
 */
static const struct hint unclosed_hints[] = {
	{ "quoted scalar", "the file ends inside this quoted string; close "
	  "it with the same quote it opens with" },
	{ "flow sequence", "the file ends inside this [ list; close it "
	  "with ]" },
	{ "flow mapping", "the file ends inside this { mapping; close it "
	  "with }" },
};

/* The text of the first of the n hints whose needle is in s, or NULL. */
static const char *
hint_find(const struct hint *h, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strstr(s, h[i].needle) != NULL)
			return h[i].text;
	return NULL;
}

/* The reader's complaints, bad UTF-8 and control characters: by offset. */
static void
reader_error(struct diag_sink *d, const yaml_parser_t *p, const char *problem)
{
	unsigned line, col;
	size_t i, off = p->problem_offset;

	/*
	 * libyaml gives a bad continuation byte's own offset; the broken
	 * character starts at its lead byte, before it.
	 */
	if (strstr(problem, "trailing") != NULL && off >= d->base &&
	    off <= d->base + d->size) {
		i = off - d->base;
		while (i > 0 && ((unsigned char)d->data[i - 1] & 0xc0) == 0x80)
			i--;
		if (i > 0 && (unsigned char)d->data[i - 1] >= 0xc0)
			i--;
		off = d->base + i;
	}
	diag_pos(d, off, &line, &col);
	if (strstr(problem, "control characters") != NULL &&
	    p->problem_value == 0)
		diag_add(d, DIAG_FATAL, line, col, "NUL byte in the file; a "
		    "data file is UTF-8 text (is it UTF-16 or binary?)");
	else if (strstr(problem, "control characters") != NULL)
		diag_add(d, DIAG_FATAL, line, col, "control character 0x%02x "
		    "in the file; write it as an escape (\"\\x%02x\") inside a "
		    "double-quoted string", (unsigned)p->problem_value & 0xff,
		    (unsigned)p->problem_value & 0xff);
	else
		diag_add(d, DIAG_FATAL, line, col, "invalid UTF-8 (%s); the "
		    "file must be UTF-8 text: save it as UTF-8", problem);
}

void
diag_syntax(struct diag_sink *d, const yaml_parser_t *p)
{
	unsigned line, col, eline, ecol;
	const char *problem = p->problem != NULL ? p->problem : "unknown error";
	const char *unclosed, *hint;

	/* What a mapping cut short by this error lacks is no news. */
	free(d->held);
	d->held = NULL;
	if (p->error == YAML_MEMORY_ERROR) {
		diag_add(d, DIAG_FATAL, 1, 1, "out of memory while parsing");
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		reader_error(d, p, problem);
		return;
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
	if ((hint = hint_find(syntax_hints, nitems(syntax_hints),
	    problem)) == NULL)
		hint = "";
	if (p->context == NULL) {
		diag_add(d, DIAG_FATAL, line, col, "YAML syntax: %s%s", problem,
		    hint);
		return;
	}
	/*
	 * A quote or bracket left open runs to the end of the file, where
	 * libyaml marks the error; what needs fixing is where it opened.
	 */
	diag_pos(d, d->base + d->size, &eline, &ecol);
	if (line == eline && col == ecol &&
	    (unclosed = hint_find(unclosed_hints, nitems(unclosed_hints),
	    p->context)) != NULL) {
		diag_add(d, DIAG_FATAL, (unsigned)p->context_mark.line + 1,
		    (unsigned)p->context_mark.column + 1,
		    "YAML syntax: %s (%s %s)", unclosed, problem, p->context);
		return;
	}
	diag_add(d, DIAG_FATAL, line, col, "YAML syntax: %s %s at line %zu, "
	    "column %zu%s", problem, p->context, p->context_mark.line + 1,
	    p->context_mark.column + 1, hint);
}
