/*
 * output: text, tsv and yaml (json is output_json.c), and the tags with
 * their counts.  See output.h.
 */
#include "output.h"

#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "match.h"
#include "record.h"
#include "text.h"
#include "topics.h"
#include "util.h"

#define EXCERPT_COLS	36	/* of context on each side of a match */
#define ENTRY_COLS	78	/* an entry's description is wrapped to this */
#define SGR_MATCH	"\033[1;31m"
#define SGR_RESET	"\033[m"

int
output_format_lookup(const char *name)
{
	if (strcmp(name, "text") == 0)
		return FORMAT_TEXT;
	if (strcmp(name, "tsv") == 0)
		return FORMAT_TSV;
	if (strcmp(name, "yaml") == 0)
		return FORMAT_YAML;
	if (strcmp(name, "json") == 0)
		return FORMAT_JSON;
	return -1;
}

/*
 * Append s[from, to) sanitised (s is len bytes), with the parts inside
 * spans wrapped in the highlight colour.
 */
static void
add_highlighted(struct buf *b, const char *s, size_t len, size_t from,
    size_t to, const struct spans *sp, const struct output_opts *o)
{
	int flags = TEXT_SPACES | (o->ascii ? TEXT_ASCII : 0);
	size_t i, pos = from, a, e;

	if (!o->color)
		sp = NULL;
	for (i = 0; sp != NULL && i < sp->len; i++) {
		a = sp->v[i].start > pos ? sp->v[i].start : pos;
		e = sp->v[i].end < to ? sp->v[i].end : to;
		if (a >= e)
			continue;
		text_sanitize_part(b, s, len, pos, a, flags);
		buf_adds(b, SGR_MATCH);
		text_sanitize_part(b, s, len, a, e, flags);
		buf_adds(b, SGR_RESET);
		pos = e;
	}
	if (pos < to)
		text_sanitize_part(b, s, len, pos, to, flags);
}

/* Where a window of about cols columns before byte at starts. */
static size_t
context_start(const char *s, size_t at, size_t cols)
{
	size_t i = at, w = 0, prev;
	uint32_t cp;

	while (i > 0) {
		prev = text_prev(s, i);
		text_decode(s + prev, i - prev, &cp);
		w += (size_t)text_cp_width(cp);
		if (w > cols)
			break;
		i = prev;
	}
	/* Begin at a word when there is one close by. */
	for (prev = i; prev < at && prev < i + 12; prev++)
		if (s[prev] == ' ')
			return i == 0 ? 0 : prev + 1;
	return i;
}

static int
text_line(struct buf *b, const struct record *r, const struct output_opts *o,
    struct match_error *err)
{
	static const unsigned shown[] = {
		FIELD_NAME, FIELD_ABBREVIATION, FIELD_URL
	};
	static const unsigned hidden[] = { FIELD_DESCRIPTION, FIELD_TAGS };
	struct spans sp[FIELD_COUNT];
	const char *ellipsis = o->ascii ? "..." : "\xe2\x80\xa6";
	const char *s;
	size_t i, f, from, to, used;
	int rc = 0, seen_shown = 0;

	/*
	 * The matches of every field: to highlight them (with colour; see
	 * add_highlighted()) and to tell whether the line shows one.
	 */
	memset(sp, 0, sizeof(sp));
	for (f = 0; o->matcher != NULL && f < FIELD_COUNT; f++)
		if (match_spans(o->matcher, r->text[f], r->len[f], &sp[f],
		    err) < 0) {
			rc = -1;
			goto out;
		}

	add_highlighted(b, r->text[FIELD_NAME], r->len[FIELD_NAME], 0,
	    r->len[FIELD_NAME], &sp[FIELD_NAME], o);
	if (r->len[FIELD_ABBREVIATION] > 0) {
		buf_adds(b, " (");
		add_highlighted(b, r->text[FIELD_ABBREVIATION],
		    r->len[FIELD_ABBREVIATION], 0, r->len[FIELD_ABBREVIATION],
		    &sp[FIELD_ABBREVIATION], o);
		buf_addc(b, ')');
	}
	buf_adds(b, "  ");
	add_highlighted(b, r->text[FIELD_URL], r->len[FIELD_URL], 0,
	    r->len[FIELD_URL], &sp[FIELD_URL], o);

	/*
	 * When the match is in a field the line does not show, show it:
	 * an excerpt around the first match, so the line says why.
	 */
	for (i = 0; i < nitems(shown); i++)
		if (sp[shown[i]].len > 0)
			seen_shown = 1;
	if (seen_shown)
		goto out;
	for (i = 0; i < nitems(hidden); i++) {
		f = hidden[i];
		if (sp[f].len == 0)
			continue;
		s = r->text[f];
		from = context_start(s, sp[f].v[0].start, EXCERPT_COLS);
		to = sp[f].v[0].end + text_fit(s + sp[f].v[0].end,
		    r->len[f] - sp[f].v[0].end, EXCERPT_COLS, &used);
		buf_adds(b, f == FIELD_TAGS ? "  [" : "  ");
		if (from > 0)
			buf_adds(b, ellipsis);
		add_highlighted(b, s, r->len[f], from, to, &sp[f], o);
		if (to < r->len[f])
			buf_adds(b, ellipsis);
		if (f == FIELD_TAGS)
			buf_addc(b, ']');
		break;
	}
out:
	for (f = 0; f < FIELD_COUNT; f++)
		spans_free(&sp[f]);
	buf_addc(b, '\n');
	return rc;
}

static void
tsv_line(struct buf *b, const struct record *r)
{
	static const unsigned cols[] = {
		FIELD_NAME, FIELD_ABBREVIATION, FIELD_URL
	};
	size_t i;

	for (i = 0; i < nitems(cols); i++) {
		if (i > 0)
			buf_addc(b, '\t');
		text_sanitize(b, r->text[cols[i]], r->len[cols[i]],
		    TEXT_SPACES);
	}
	buf_addc(b, '\n');
}

/* s[0..len) made safe and word-wrapped to ENTRY_COLS, each line ended. */
static void
add_wrapped(struct buf *b, const char *s, size_t len, int flags)
{
	struct buf safe = { 0 };
	size_t at = 0, n, next;

	text_sanitize(&safe, s, len, flags | TEXT_SPACES);
	while (at < safe.len) {
		n = text_wrap(safe.ptr + at, safe.len - at, ENTRY_COLS, &next);
		buf_add(b, safe.ptr + at, n);
		buf_addc(b, '\n');
		at += next;
	}
	buf_free(&safe);
}

void
output_entry(struct buf *b, const struct record *r, int ascii)
{
	int flags = ascii ? TEXT_ASCII : 0;
	size_t i;

	text_sanitize(b, r->text[FIELD_NAME], r->len[FIELD_NAME], flags);
	if (r->len[FIELD_ABBREVIATION] > 0) {
		buf_adds(b, " (");
		text_sanitize(b, r->text[FIELD_ABBREVIATION],
		    r->len[FIELD_ABBREVIATION], flags);
		buf_addc(b, ')');
	}
	buf_addc(b, '\n');
	text_sanitize(b, r->text[FIELD_URL], r->len[FIELD_URL], flags);
	buf_addc(b, '\n');
	if (r->ntags > 0) {
		buf_adds(b, "Tags: ");
		for (i = 0; i < r->ntags; i++) {
			if (i > 0)
				buf_adds(b, ", ");
			text_sanitize(b, r->tags[i], strlen(r->tags[i]),
			    flags | TEXT_SPACES);
		}
		buf_addc(b, '\n');
	}
	buf_addc(b, '\n');
	add_wrapped(b, r->text[FIELD_DESCRIPTION], r->len[FIELD_DESCRIPTION],
	    flags);
}

/* libyaml's emitter writes through this into a FILE. */
static int
emit_write(void *data, unsigned char *buffer, size_t size)
{
	return fwrite(buffer, 1, size, data) == size;
}

static int
emit(yaml_emitter_t *e, yaml_event_t *ev)
{
	return yaml_emitter_emit(e, ev);
}

/*
 * Would another YAML tool read this plain scalar as something other than
 * a string (a YAML 1.1 boolean, a null, a number)?  Then we quote it, so
 * that the file means the same everywhere.
 */
static int
looks_typed(const char *s, size_t len)
{
	static const char *const words[] = {
		"", "~", "y", "n", "yes", "no", "true", "false", "on", "off",
		"null", ".nan", ".inf", "-.inf", "+.inf"
	};
	size_t i;

	for (i = 0; i < nitems(words); i++)
		if (strlen(words[i]) == len && strncasecmp(words[i], s, len) == 0)
			return 1;
	if (len == 0 || strchr("0123456789+-.", s[0]) == NULL)
		return 0;
	for (i = 0; i < len; i++)
		if (strchr("0123456789abcdefABCDEFoxX._+-:", s[i]) == NULL)
			return 0;
	return 1;
}

static int
emit_scalar(yaml_emitter_t *e, const char *s, size_t len)
{
	yaml_event_t ev;

	/*
	 * Plain style where the emitter finds it safe: it quotes by itself
	 * what YAML syntax needs (": ", a leading "- " or "#") and escapes
	 * control characters in double quotes; we quote what only looks
	 * like a boolean, null or number (yes, ~, 0x10).
	 */
	yaml_scalar_event_initialize(&ev, NULL, NULL,
	    (yaml_char_t *)(uintptr_t)s, (int)len, 1, 1,
	    looks_typed(s, len) ? YAML_SINGLE_QUOTED_SCALAR_STYLE :
	    YAML_ANY_SCALAR_STYLE);
	return emit(e, &ev);
}

static int
emit_key_string(yaml_emitter_t *e, const char *key, const char *s, size_t len)
{
	return emit_scalar(e, key, strlen(key)) && emit_scalar(e, s, len);
}

static int
emit_list(yaml_emitter_t *e, const char *key, const char *const *v, size_t n,
    int flow)
{
	yaml_event_t ev;
	size_t i;

	if (!emit_scalar(e, key, strlen(key)))
		return 0;
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
	    flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
	if (!emit(e, &ev))
		return 0;
	for (i = 0; i < n; i++)
		if (!emit_scalar(e, v[i], strlen(v[i])))
			return 0;
	yaml_sequence_end_event_initialize(&ev);
	return emit(e, &ev);
}

static int
emit_program(yaml_emitter_t *e, const struct program *p)
{
	yaml_event_t ev;

	if (!emit_scalar(e, "program", 7))
		return 0;
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_MAPPING_STYLE);
	if (!emit(e, &ev))
		return 0;
	if (p->name && !emit_key_string(e, "name", p->name, strlen(p->name)))
		return 0;
	if (p->summary && !emit_key_string(e, "summary", p->summary,
	    strlen(p->summary)))
		return 0;
	if (p->nbenefits > 0 && !emit_list(e, "benefits", p->benefits,
	    p->nbenefits, 0))
		return 0;
	if (p->term && !emit_key_string(e, "term", p->term, strlen(p->term)))
		return 0;
	if (p->url && !emit_key_string(e, "url", p->url, strlen(p->url)))
		return 0;
	if (p->become_ally_url && !emit_key_string(e, "become_ally_url",
	    p->become_ally_url, strlen(p->become_ally_url)))
		return 0;
	yaml_mapping_end_event_initialize(&ev);
	return emit(e, &ev);
}

static int
emit_ally(yaml_emitter_t *e, const struct record *r)
{
	static const unsigned order[] = {
		FIELD_NAME, FIELD_ABBREVIATION, FIELD_URL, FIELD_DESCRIPTION
	};
	yaml_event_t ev;
	size_t i;
	unsigned f;

	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_MAPPING_STYLE);
	if (!emit(e, &ev))
		return 0;
	for (i = 0; i < nitems(order); i++) {
		f = order[i];
		if (f == FIELD_ABBREVIATION && r->len[f] == 0)
			continue;
		if (!emit_key_string(e, field_name(f), r->text[f], r->len[f]))
			return 0;
	}
	if (r->ntags > 0 && !emit_list(e, "tags",
	    (const char *const *)r->tags, r->ntags, 1))
		return 0;
	yaml_mapping_end_event_initialize(&ev);
	return emit(e, &ev);
}

/* Does s hold a character that must not reach a terminal raw? */
static int
has_unsafe(const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		if (text_unsafe_at(s, len, i))
			return 1;
		i += text_decode(s + i, len - i, &cp);
	}
	return 0;
}

/*
 * libyaml counts NEL, the line and paragraph separators and the format
 * characters (the bidirectional controls, zero-width and tag characters)
 * as printable, and writes them raw in Unicode mode (jansson too).  When
 * the output holds any of them, everything beyond ASCII is written as an
 * escape instead: still a file that loads the same.
 */
int
output_needs_escapes(const struct recordset *rs, const size_t *idx, size_t n)
{
	const struct program *p = &rs->program;
	const char *const progs[] = {
		p->name, p->summary, p->term, p->url, p->become_ally_url
	};
	const struct record *r;
	size_t i, f;

	for (i = 0; i < nitems(progs); i++)
		if (progs[i] != NULL && has_unsafe(progs[i], strlen(progs[i])))
			return 1;
	for (i = 0; i < p->nbenefits; i++)
		if (has_unsafe(p->benefits[i], strlen(p->benefits[i])))
			return 1;
	for (i = 0; i < n; i++) {
		r = &rs->v[idx[i]];
		for (f = 0; f < FIELD_COUNT; f++)
			if (has_unsafe(r->text[f], r->len[f]))
				return 1;
	}
	return 0;
}

static int
output_yaml(FILE *fp, const struct recordset *rs, const size_t *idx, size_t n)
{
	yaml_emitter_t e;
	yaml_event_t ev;
	size_t i;
	int ok;

	if (!yaml_emitter_initialize(&e))
		die("out of memory initialising the YAML emitter");
	yaml_emitter_set_output(&e, emit_write, fp);
	yaml_emitter_set_unicode(&e, !output_needs_escapes(rs, idx, n));
	yaml_emitter_set_width(&e, 78);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	ok = emit(&e, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	ok = ok && emit(&e, &ev);
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_MAPPING_STYLE);
	ok = ok && emit(&e, &ev);
	if (ok && rs->has_program)
		ok = emit_program(&e, &rs->program);
	ok = ok && emit_scalar(&e, "allies", 6);
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
	    n == 0 ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
	ok = ok && emit(&e, &ev);
	for (i = 0; ok && i < n; i++)
		ok = emit_ally(&e, &rs->v[idx[i]]);
	yaml_sequence_end_event_initialize(&ev);
	ok = ok && emit(&e, &ev);
	yaml_mapping_end_event_initialize(&ev);
	ok = ok && emit(&e, &ev);
	yaml_document_end_event_initialize(&ev, 1);
	ok = ok && emit(&e, &ev);
	yaml_stream_end_event_initialize(&ev);
	ok = ok && emit(&e, &ev);
	ok = ok && yaml_emitter_flush(&e);
	yaml_emitter_delete(&e);
	/* A failed write shows in ferror(fp); anything else is our bug. */
	if (!ok && !ferror(fp))
		die("YAML emitter: %s", e.problem ? e.problem : "failed");
	return 0;
}

int
output_records(FILE *fp, const struct recordset *rs, const size_t *idx,
    size_t n, const struct output_opts *o, struct match_error *err)
{
	struct buf b = { 0 };
	size_t i;
	int rc = 0;

	if (o->format == FORMAT_YAML)
		return output_yaml(fp, rs, idx, n);
	if (o->format == FORMAT_JSON)
		return output_json(fp, rs, idx, n);
	for (i = 0; i < n && rc == 0; i++) {
		buf_reset(&b);
		if (o->format == FORMAT_TSV)
			tsv_line(&b, &rs->v[idx[i]]);
		else
			rc = text_line(&b, &rs->v[idx[i]], o, err);
		if (rc == 0)
			fwrite(b.ptr, 1, b.len, fp);
	}
	buf_free(&b);
	return rc;
}

void
output_tags(FILE *fp, const struct topics *t, enum format fmt, int ascii)
{
	struct buf b = { 0 };
	size_t i;
	int width;

	/* The first has the most allies: its count is the widest. */
	width = t->len > 0 ? snprintf(NULL, 0, "%zu", t->v[0].count) : 0;
	for (i = 0; i < t->len; i++) {
		buf_reset(&b);
		if (fmt != FORMAT_TSV)
			buf_addf(&b, "%*zu  ", width, t->v[i].count);
		/* A tab or a newline in a tag would break the line. */
		text_sanitize(&b, t->v[i].name, strlen(t->v[i].name),
		    TEXT_SPACES | (ascii ? TEXT_ASCII : 0));
		if (fmt == FORMAT_TSV)
			buf_addf(&b, "\t%zu", t->v[i].count);
		buf_addc(&b, '\n');
		fwrite(b.ptr, 1, b.len, fp);
	}
	buf_free(&b);
}
