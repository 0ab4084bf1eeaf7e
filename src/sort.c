/*
 * sort: orders of the list.  See sort.h.
 */
#include "sort.h"

#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "text.h"
#include "util.h"

static const char *const names[SORT_COUNT] = {
	[SORT_FILE] = "file",
	[SORT_NAME] = "name",
	[SORT_ABBREVIATION] = "abbreviation"
};

struct key {
	char	*name;		/* folded, without a leading "the " */
	char	*abbr;		/* folded; NULL when the ally has none */
	size_t	 idx;
};

int
sort_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < SORT_COUNT; i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
sort_name(enum sort_order o)
{
	return o < SORT_COUNT ? names[o] : "file";
}

/*
 * s[0..len) case-folded with its accents dropped, so that "Émile" sorts
 * beside "Emile"; malloc'd.  The data is valid UTF-8, so folding fails
 * only when out of memory.
 */
static char *
fold(const char *s, size_t len)
{
	struct buf b = { 0 };

	if (text_fold(&b, s, len, TEXT_FOLD_MARKS) < 0)
		die("out of memory sorting the allies");
	return b.ptr;
}

/* The name's key: folded, and a leading "The " left out. */
static char *
name_key(const struct record *r)
{
	char *k = fold(r->text[FIELD_NAME], r->len[FIELD_NAME]);
	size_t n;

	if (strncmp(k, "the ", 4) == 0 && k[4] != '\0') {
		n = strlen(k + 4);
		memmove(k, k + 4, n + 1);
	}
	return k;
}

static int
by_name(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int
by_abbreviation(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c;

	if ((x->abbr == NULL) != (y->abbr == NULL))
		return x->abbr == NULL ? 1 : -1;
	if (x->abbr != NULL && (c = strcmp(x->abbr, y->abbr)) != 0)
		return c;
	return by_name(a, b);
}

/* The keys of every record of rs for the orders in want (bits 1 << o). */
static struct key *
make_keys(const struct recordset *rs, unsigned want)
{
	const struct record *r;
	struct key *k;
	size_t i;

	k = xreallocarray(NULL, rs->len ? rs->len : 1, sizeof(*k));
	for (i = 0; i < rs->len; i++) {
		r = &rs->v[i];
		k[i].idx = i;
		k[i].name = name_key(r);
		k[i].abbr = (want & (1u << SORT_ABBREVIATION)) &&
		    r->len[FIELD_ABBREVIATION] > 0 ?
		    fold(r->text[FIELD_ABBREVIATION],
		    r->len[FIELD_ABBREVIATION]) : NULL;
	}
	return k;
}

/* The records in order o, from keys k (put in that order). */
static size_t *
perm_of(struct key *k, size_t n, enum sort_order o)
{
	size_t *perm, i;

	qsort(k, n, sizeof(*k), o == SORT_NAME ? by_name : by_abbreviation);
	perm = xreallocarray(NULL, n ? n : 1, sizeof(*perm));
	for (i = 0; i < n; i++)
		perm[i] = k[i].idx;
	return perm;
}

static void
free_keys(struct key *k, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(k[i].name);
		free(k[i].abbr);
	}
	free(k);
}

size_t *
sort_perm(const struct recordset *rs, enum sort_order o)
{
	struct key *k;
	size_t *perm;

	if (o == SORT_FILE || o >= SORT_COUNT)
		return NULL;
	k = make_keys(rs, 1u << o);
	perm = perm_of(k, rs->len, o);
	free_keys(k, rs->len);
	return perm;
}

void
sort_make_orders(struct recordset *rs)
{
	/* Each record's keys folded once, for both orders. */
	struct key *k = make_keys(rs, 1u << SORT_NAME |
	    1u << SORT_ABBREVIATION);

	free(rs->orders[0]);
	free(rs->orders[1]);
	rs->orders[0] = perm_of(k, rs->len, SORT_NAME);
	rs->orders[1] = perm_of(k, rs->len, SORT_ABBREVIATION);
	free_keys(k, rs->len);
}

const size_t *
sort_order_of(const struct recordset *rs, enum sort_order o)
{
	if (o == SORT_NAME || o == SORT_ABBREVIATION)
		return rs->orders[o - SORT_NAME];
	return NULL;
}
