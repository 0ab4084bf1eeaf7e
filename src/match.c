/*
 * match: PCRE2 search.  See match.h.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "record.h"
#include "text.h"
#include "util.h"

#define JIT_STACK_MAX	(1024 * 1024)

struct matcher {
	pcre2_code		*code;
	pcre2_match_data	*md;
	pcre2_match_context	*mctx;
	pcre2_jit_stack		*jit_stack;	/* NULL without JIT */
	unsigned		 fields;	/* FIELD_BIT()s to search */
	int			 caseless;
	/*
	 * The loader hands us valid UTF-8 (libyaml checks it), so PCRE2
	 * need not check every subject again: that check costs more than
	 * the search itself.
	 */
	uint32_t		 match_opts;
};

static void
error_set(struct match_error *err, const char *msg, int has_offset,
    size_t offset)
{
	snprintf(err->msg, sizeof(err->msg), "%s", msg);
	err->has_offset = has_offset;
	err->offset = offset;
}

static void
pcre2_error(struct match_error *err, int code)
{
	PCRE2_UCHAR msg[200];

	switch (code) {
	case PCRE2_ERROR_MATCHLIMIT:
		error_set(err, "the pattern is too complex: it hit the match "
		    "limit (simplify nested repeats such as (a+)+)", 0, 0);
		return;
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
		error_set(err, "the pattern is too complex: it hit the "
		    "backtracking limit", 0, 0);
		return;
	default:
		break;
	}
	if (pcre2_get_error_message(code, msg, sizeof(msg)) < 0)
		snprintf((char *)msg, sizeof(msg), "PCRE2 error %d", code);
	error_set(err, (const char *)msg, 0, 0);
}

/* Length of a run of group-name or verb characters at p. */
static size_t
skip_until(const char *p, size_t len, size_t i, const char *stops)
{
	while (i < len && strchr(stops, p[i]) == NULL)
		i++;
	return i;
}

/*
 * Copy of the pattern with everything that is syntax rather than text
 * blanked out: escapes (\S, \p{Lu}, \x{41}), group names, option letters
 * ((?J)), verbs ((*UTF)), comments and POSIX class names.  What is left
 * is what the user meant as letters to find.
 */
static void
pattern_literals(const char *p, size_t len, struct buf *out)
{
	size_t i = 0, start;
	int in_class = 0, quoted = 0;

	while (i < len) {
		if (quoted) {
			if (p[i] == '\\' && i + 1 < len && p[i + 1] == 'E') {
				quoted = 0;
				i += 2;
				continue;
			}
			buf_addc(out, p[i++]);
			continue;
		}
		if (p[i] == '\\') {
			if (i + 1 >= len)
				break;
			switch (p[i + 1]) {
			case 'Q':
				quoted = 1;
				i += 2;
				continue;
			case 'p': case 'P': case 'x': case 'o': case 'N':
			case 'g': case 'k':
				i += 2;
				if (i < len && (p[i] == '{' || p[i] == '<' ||
				    p[i] == '\'')) {
					const char *close = p[i] == '{' ? "}" :
					    p[i] == '<' ? ">" : "'";
					i = skip_until(p, len, i, close) + 1;
				} else if (p[i - 1] == 'p' || p[i - 1] == 'P')
					i++;	/* \pL: one letter */
				else if (p[i - 1] == 'x')	/* \xAB */
					for (start = 0; start < 2 && i < len &&
					    strchr("0123456789abcdefABCDEF",
					    p[i]) != NULL; start++)
						i++;
				continue;
			case 'c':
				i += 3;	/* \cX */
				continue;
			default:
				i += 2;
				continue;
			}
		}
		if (in_class) {
			if (p[i] == '[' && i + 1 < len && p[i + 1] == ':') {
				start = skip_until(p, len, i + 2, "]");
				i = start + 1;
				continue;
			}
			if (p[i] == ']')
				in_class = 0;
			buf_addc(out, p[i++]);
			continue;
		}
		if (p[i] == '[') {
			in_class = 1;
			buf_addc(out, p[i++]);
			if (i < len && p[i] == '^')
				buf_addc(out, p[i++]);
			if (i < len && p[i] == ']')	/* a literal ] */
				buf_addc(out, p[i++]);
			continue;
		}
		if (p[i] == '(' && i + 1 < len && (p[i + 1] == '?' ||
		    p[i + 1] == '*')) {
			/*
			 * (?<name>, (?P<name>, (?'name', (?#...), (?i),
			 * (?i:, (?P=name), (?&name), (*VERB:NAME): skip up
			 * to the end of the group's header.
			 */
			if (p[i + 1] == '?' && i + 2 < len &&
			    (p[i + 2] == '=' || p[i + 2] == '!' ||
			    p[i + 2] == ':' || p[i + 2] == '|' ||
			    p[i + 2] == '>' || (p[i + 2] == '<' && i + 3 < len &&
			    (p[i + 3] == '=' || p[i + 3] == '!')))) {
				i += 3;	/* lookaround or plain group */
				continue;
			}
			if (p[i + 1] == '?' && i + 2 < len &&
			    (p[i + 2] == '<' || p[i + 2] == '\'' ||
			    (p[i + 2] == 'P' && i + 3 < len && p[i + 3] == '<'))) {
				i = skip_until(p, len, i + 2, ">'") + 1;
				continue;
			}
			i = skip_until(p, len, i + 2, ":)") + 1;
			continue;
		}
		buf_addc(out, p[i++]);
	}
	if (out->ptr == NULL)
		buf_add(out, "", 0);
}

int
match_has_upper(const char *pattern, size_t len)
{
	static const char upper[] = "[\\p{Lu}\\p{Lt}]";
	struct buf lit = { 0 };
	pcre2_match_data *md;
	pcre2_code *code;
	PCRE2_SIZE erroff;
	int errcode, rc;

	pattern_literals(pattern, len, &lit);
	/* Let PCRE2's Unicode tables decide what is upper case. */
	code = pcre2_compile((PCRE2_SPTR)upper, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &errcode, &erroff,
	    NULL);
	if (code == NULL)
		die("match: cannot compile the upper-case class");
	md = pcre2_match_data_create_from_pattern(code, NULL);
	if (md == NULL)
		die("out of memory");
	rc = pcre2_match(code, (PCRE2_SPTR)lit.ptr, lit.len, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	buf_free(&lit);
	return rc >= 0;
}

struct matcher *
match_compile(const char *pattern, size_t len, unsigned fields,
    enum match_case mcase, struct match_error *err)
{
	struct matcher *m;
	PCRE2_UCHAR msg[200];
	PCRE2_SIZE erroff;
	uint32_t opts = PCRE2_UTF | PCRE2_UCP;
	int errcode;

	m = xcalloc(1, sizeof(*m));
	m->fields = fields & FIELD_ALL;
	if (m->fields == 0)
		m->fields = FIELD_ALL;
	switch (mcase) {
	case MATCH_SMART:
		m->caseless = !match_has_upper(pattern, len);
		break;
	case MATCH_CASELESS:
		m->caseless = 1;
		break;
	case MATCH_EXACT:
		m->caseless = 0;
		break;
	}
	if (m->caseless)
		opts |= PCRE2_CASELESS;
	m->code = pcre2_compile((PCRE2_SPTR)pattern, len, opts, &errcode,
	    &erroff, NULL);
	if (m->code == NULL) {
		if (pcre2_get_error_message(errcode, msg, sizeof(msg)) < 0)
			snprintf((char *)msg, sizeof(msg), "error %d", errcode);
		if (erroff > len)
			erroff = len;
		error_set(err, (const char *)msg, 1,
		    text_chars(pattern, erroff));
		free(m);
		return NULL;
	}
	m->match_opts = PCRE2_NO_UTF_CHECK;
	if ((m->md = pcre2_match_data_create_from_pattern(m->code, NULL)) ==
	    NULL || (m->mctx = pcre2_match_context_create(NULL)) == NULL)
		die("out of memory");
	pcre2_set_match_limit(m->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(m->mctx, MATCH_DEPTH_LIMIT);
	/* JIT when the platform has it; the interpreter otherwise. */
	if (pcre2_jit_compile(m->code, PCRE2_JIT_COMPLETE) == 0) {
		m->jit_stack = pcre2_jit_stack_create(32 * 1024,
		    JIT_STACK_MAX, NULL);
		if (m->jit_stack != NULL)
			pcre2_jit_stack_assign(m->mctx, NULL, m->jit_stack);
	}
	return m;
}

void
match_free(struct matcher *m)
{
	if (m == NULL)
		return;
	pcre2_jit_stack_free(m->jit_stack);
	pcre2_match_context_free(m->mctx);
	pcre2_match_data_free(m->md);
	pcre2_code_free(m->code);
	free(m);
}

int
match_caseless(const struct matcher *m)
{
	return m->caseless;
}

/* 1 match, 0 none, -1 error. */
static int
match_one(struct matcher *m, const char *s, size_t len, size_t start,
    struct match_error *err)
{
	int rc;

	rc = pcre2_match(m->code, (PCRE2_SPTR)s, len, start, m->match_opts,
	    m->md, m->mctx);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	pcre2_error(err, rc);
	return -1;
}

int
match_record(struct matcher *m, const struct record *r,
    struct match_error *err)
{
	unsigned f;
	int mask = 0, rc;

	for (f = 0; f < FIELD_COUNT; f++) {
		if (!(m->fields & FIELD_BIT(f)))
			continue;
		if ((rc = match_one(m, r->text[f], r->len[f], 0, err)) < 0)
			return -1;
		if (rc)
			mask |= (int)FIELD_BIT(f);
	}
	return mask;
}

int
match_filter(struct matcher *m, const struct recordset *rs, size_t from,
    size_t to, struct indices *out, struct match_error *err)
{
	const struct record *r;
	size_t i;
	unsigned f;
	int rc;

	if (to > rs->len)
		to = rs->len;
	for (i = from; i < to; i++) {
		r = &rs->v[i];
		for (f = 0; f < FIELD_COUNT; f++) {
			if (!(m->fields & FIELD_BIT(f)))
				continue;
			rc = match_one(m, r->text[f], r->len[f], 0, err);
			if (rc < 0)
				return -1;
			if (rc) {
				indices_push(out, i);
				break;
			}
		}
	}
	return 0;
}

int
match_spans(struct matcher *m, const char *text, size_t len,
    struct spans *out, struct match_error *err)
{
	PCRE2_SIZE *ov;
	size_t off = 0, s, e;
	uint32_t cp;
	int rc, n = 0;

	while (off <= len) {
		if ((rc = match_one(m, text, len, off, err)) < 0)
			return -1;
		if (rc == 0)
			break;
		ov = pcre2_get_ovector_pointer(m->md);
		s = ov[0];
		e = ov[1];
		if (e > s) {
			if (out->len == out->cap) {
				out->cap = out->cap == 0 ? 16 : out->cap * 2;
				out->v = xreallocarray(out->v, out->cap,
				    sizeof(*out->v));
			}
			out->v[out->len].start = (uint32_t)s;
			out->v[out->len].end = (uint32_t)e;
			out->len++;
			n++;
		}
		if (e > s && e > off) {
			off = e;
			continue;
		}
		/* An empty match (or a \K oddity): step over one character. */
		s = s > off ? s : off;
		if (s >= len)
			break;
		off = s + text_decode(text + s, len - s, &cp);
	}
	return n;
}

void
spans_free(struct spans *sp)
{
	free(sp->v);
	memset(sp, 0, sizeof(*sp));
}

void
indices_push(struct indices *ix, size_t i)
{
	if (ix->len == ix->cap) {
		ix->cap = ix->cap == 0 ? 64 : ix->cap * 2;
		ix->v = xreallocarray(ix->v, ix->cap, sizeof(*ix->v));
	}
	ix->v[ix->len++] = i;
}

void
indices_free(struct indices *ix)
{
	free(ix->v);
	memset(ix, 0, sizeof(*ix));
}
