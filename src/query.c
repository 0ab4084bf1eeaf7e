/*
 * query: a query in its search mode.  See query.h.
 *
 * A words query becomes one matcher per word, each the word written
 * literally for PCRE2, required by a matcher for the alternation of all
 * of them (match_require()): the alternation finds the highlights (the
 * longest word first, so that where two start at the same place the
 * longer is marked), and a record passes only when every word is in it.
 * Each word and the alternation count against the work budget as any
 * pattern does; a literal at one position costs little, so on records
 * of a usual length they run uncounted, at full speed.
 */
#include "query.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "text.h"
#include "util.h"

static const char *const mode_names[] = {
	[SEARCH_REGEX] = "regex",
	[SEARCH_WORDS] = "words",
};

/* A word of the query: bytes [start, start + len). */
struct word {
	size_t		 start;
	size_t		 len;
};

const char *
query_mode_name(enum search_mode mode)
{
	return (size_t)mode < nitems(mode_names) ? mode_names[mode] : "regex";
}

int
query_mode_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(mode_names); i++)
		if (strcmp(name, mode_names[i]) == 0)
			return (int)i;
	return -1;
}

/* Unicode's White_Space, and every control: what parts two words. */
static int
is_space(uint32_t cp)
{
	return cp <= 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

int
query_next_word(const char *s, size_t len, size_t *at, size_t *word,
    size_t *wlen)
{
	size_t i = *at, n;
	uint32_t cp;

	while (i < len && (n = text_decode(s + i, len - i, &cp)) > 0 &&
	    is_space(cp))
		i += n;
	*word = i;
	while (i < len && (n = text_decode(s + i, len - i, &cp)) > 0 &&
	    !is_space(cp))
		i += n;
	*wlen = i - *word;
	*at = i;
	return *wlen > 0;
}

/*
 * Append the len bytes of word to b as a PCRE2 pattern that matches
 * exactly them: every ASCII character that is not a letter or a digit
 * after a backslash, which PCRE2 reads as that character itself, and
 * every other one as it is, re-encoded (a malformed byte as U+FFFD).
 */
static void
add_literal(struct buf *b, const char *word, size_t len)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		i += text_decode(word + i, len - i, &cp);
		if (cp < 0x80 && !(cp >= '0' && cp <= '9') &&
		    !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))
			buf_addc(b, '\\');
		text_encode(b, cp);
	}
}

/* Longest first, then in the order typed: qsort() is not stable. */
static int
longer_first(const void *pa, const void *pb)
{
	const struct word *a = pa, *b = pb;

	if (a->len != b->len)
		return a->len > b->len ? -1 : 1;
	return a->start < b->start ? -1 : a->start > b->start;
}

/* The words of q, each once, at most QUERY_WORDS_MAX; returns how many. */
static size_t
split(const char *q, size_t len, struct word *w)
{
	size_t at = 0, start, wlen, n = 0, i;

	while (n < QUERY_WORDS_MAX && query_next_word(q, len, &at, &start,
	    &wlen)) {
		for (i = 0; i < n; i++)
			if (w[i].len == wlen && memcmp(q + w[i].start,
			    q + start, wlen) == 0)
				break;
		if (i == n) {
			w[n].start = start;
			w[n].len = wlen;
			n++;
		}
	}
	return n;
}

static struct matcher *
compile_literal(const struct buf *b, unsigned fields, struct match_error *err)
{
	return match_compile(b->ptr, b->len, fields, MATCH_CASELESS, err);
}

static int
compile_words(const char *q, size_t len, unsigned fields,
    struct matcher **out, struct match_error *err)
{
	struct word w[QUERY_WORDS_MAX];
	struct buf b = { 0 };
	struct matcher *m, *one;
	size_t n, i;

	*out = NULL;
	if ((n = split(q, len, w)) == 0)
		return 0;
	if (fields == FIELD_ALL)
		fields = QUERY_WORDS_FIELDS;
	qsort(w, n, sizeof(w[0]), longer_first);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&b, '|');
		add_literal(&b, q + w[i].start, w[i].len);
	}
	if ((m = compile_literal(&b, fields, err)) == NULL) {
		buf_free(&b);
		return -1;
	}
	/* One word is its own alternation. */
	for (i = 0; n > 1 && i < n; i++) {
		buf_reset(&b);
		add_literal(&b, q + w[i].start, w[i].len);
		if ((one = compile_literal(&b, fields, err)) == NULL) {
			match_free(m);
			buf_free(&b);
			return -1;
		}
		match_require(m, one);
	}
	buf_free(&b);
	*out = m;
	return 0;
}

int
query_compile(enum search_mode mode, const char *query, size_t len,
    unsigned fields, struct matcher **out, struct match_error *err)
{
	memset(err, 0, sizeof(*err));
	if (mode == SEARCH_WORDS)
		return compile_words(query, len, fields, out, err);
	*out = NULL;
	if (len == 0)
		return 0;
	*out = match_compile(query, len, fields, MATCH_SMART, err);
	return *out != NULL ? 0 : -1;
}
