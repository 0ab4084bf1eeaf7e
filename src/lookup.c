/*
 * lookup: allies by name.  See lookup.h.
 */
#include "lookup.h"

#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "text.h"
#include "util.h"

/* Edit distance is counted over at most this many code points a name. */
#define DIST_CHARS	128
#define SCORE_NONE	((unsigned)-1)

/* s[0..len) case-folded, malloc'd and NUL-terminated; NULL if not UTF-8. */
static char *
fold(const char *s, size_t len)
{
	struct buf b = { 0 };

	if (text_fold(&b, s, len, 0) < 0) {
		buf_free(&b);
		return NULL;
	}
	return b.ptr;
}

/* The first DIST_CHARS code points of s into cp; returns how many. */
static size_t
code_points(const char *s, uint32_t *cp)
{
	size_t i = 0, n = 0, len = strlen(s);

	while (i < len && n < DIST_CHARS)
		i += text_decode(s + i, len - i, &cp[n++]);
	return n;
}

/* Levenshtein distance between two folded names, by code point. */
static unsigned
distance(const char *a, const char *b)
{
	uint32_t ca[DIST_CHARS], cb[DIST_CHARS];
	unsigned row[DIST_CHARS + 1], diag, up, best;
	size_t na = code_points(a, ca), nb = code_points(b, cb), i, j;

	for (j = 0; j <= nb; j++)
		row[j] = (unsigned)j;
	for (i = 1; i <= na; i++) {
		diag = row[0];
		row[0] = (unsigned)i;
		for (j = 1; j <= nb; j++) {
			up = row[j];
			best = diag + (ca[i - 1] != cb[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

/*
 * How close a folded candidate is to the folded query: 0 for the same,
 * 1 for a name holding the query, else 2 + the edit distance when that
 * is within reach, else SCORE_NONE.
 */
static unsigned
score(const char *cand, const char *query, unsigned reach)
{
	unsigned d;

	if (strcmp(cand, query) == 0)
		return 0;
	if (*query != '\0' && strstr(cand, query) != NULL)
		return 1;
	d = distance(cand, query);
	/* "Camden Coalition" is close to "The Camden Coalition". */
	if (strncmp(cand, "the ", 4) == 0 && distance(cand + 4, query) < d)
		d = distance(cand + 4, query);
	return d <= reach ? 2 + d : SCORE_NONE;
}

/* The best score of rs->v[i]'s name and abbreviation against query. */
static unsigned
record_score(const struct record *r, const char *query, unsigned reach)
{
	static const unsigned fields[] = { FIELD_NAME, FIELD_ABBREVIATION };
	unsigned best = SCORE_NONE, s;
	size_t k;
	char *f;

	for (k = 0; k < nitems(fields); k++) {
		if (r->len[fields[k]] == 0)
			continue;
		if ((f = fold(r->text[fields[k]], r->len[fields[k]])) == NULL)
			continue;
		s = score(f, query, reach);
		free(f);
		if (s < best)
			best = s;
	}
	return best;
}

size_t
lookup_exact(const struct recordset *rs, const char *name)
{
	size_t i, found = LOOKUP_NONE;
	char *q;

	if ((q = fold(name, strlen(name))) == NULL)
		return LOOKUP_NONE;
	for (i = 0; i < rs->len && found == LOOKUP_NONE; i++)
		if (record_score(&rs->v[i], q, 0) == 0)
			found = i;
	free(q);
	return found;
}

size_t
lookup_closest(const struct recordset *rs, const char *name, size_t *out,
    size_t max)
{
	unsigned *best, s, reach;
	size_t i, j, n = 0;
	char *q;

	if (max == 0 || (q = fold(name, strlen(name))) == NULL)
		return 0;
	reach = (unsigned)(text_chars(q, strlen(q)) / 3);
	if (reach < 2)
		reach = 2;
	best = xreallocarray(NULL, max, sizeof(*best));
	for (i = 0; i < rs->len; i++) {
		if ((s = record_score(&rs->v[i], q, reach)) == SCORE_NONE)
			continue;
		/* Insert in order of score, then of the file. */
		for (j = n; j > 0 && best[j - 1] > s; j--)
			if (j < max) {
				best[j] = best[j - 1];
				out[j] = out[j - 1];
			}
		if (j < max) {
			best[j] = s;
			out[j] = i;
			if (n < max)
				n++;
		}
	}
	free(best);
	free(q);
	return n;
}
