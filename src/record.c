/*
 * record: the recordset, its arena and lookups.  See record.h.
 */
#include "record.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define ARENA_BLOCK	(256 * 1024)
#define ARENA_ALIGN	(sizeof(void *))

struct arena_block {
	struct arena_block *next;		/* the block filled before */
	size_t		 used;
	size_t		 size;			/* bytes in data[] */
	char		 data[];
};

const char *const field_names[FIELD_COUNT] = {
	[FIELD_NAME] = "name",
	[FIELD_ABBREVIATION] = "abbreviation",
	[FIELD_DESCRIPTION] = "description",
	[FIELD_URL] = "url",
	[FIELD_TAGS] = "tags",
};

const char *
field_name(enum field f)
{
	return f < FIELD_COUNT ? field_names[f] : "?";
}

enum field
field_lookup(const char *name)
{
	size_t f;

	for (f = 0; f < FIELD_COUNT; f++)
		if (strcmp(field_names[f], name) == 0)
			return (enum field)f;
	return FIELD_COUNT;
}

static void *
arena_take(struct arena *a, size_t size, size_t align)
{
	struct arena_block *b = a->head;
	size_t want, bsize, start = 0;
	void *p;

	if (size > SIZE_MAX - ARENA_ALIGN)
		die("arena: %zu bytes is too large", size);
	want = size > 0 ? size : 1;
	if (b != NULL)
		start = (b->used + align - 1) & ~(align - 1);
	if (b == NULL || start > b->size || b->size - start < want) {
		/*
		 * Blocks grow with the arena (an eighth of what it holds) so
		 * that a large file needs few of them, and a string larger
		 * than a block gets a block of its own.
		 */
		bsize = a->total / 8;
		if (bsize < ARENA_BLOCK)
			bsize = ARENA_BLOCK;
		if (bsize > 64u * 1024 * 1024)
			bsize = 64u * 1024 * 1024;
		if (bsize < want)
			bsize = want;
		b = xmalloc(sizeof(*b) + bsize);
		b->next = a->head;
		b->used = 0;
		b->size = bsize;
		a->head = b;
		a->total += bsize;
		start = 0;
	}
	p = b->data + start;
	b->used = start + want;
	return p;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	return arena_take(a, size, ARENA_ALIGN);
}

void *
arena_alloc_packed(struct arena *a, size_t size)
{
	return arena_take(a, size, 1);
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p;

	/* Strings need no alignment: packed, a short tag costs its length. */
	p = arena_alloc_packed(a, len + 1);
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void
arena_done(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->total = 0;
}

void
recordset_init(struct recordset *rs)
{
	memset(rs, 0, sizeof(*rs));
}

void
recordset_done(struct recordset *rs)
{
	free(rs->v);
	free(rs->runs);
	arena_done(&rs->arena);
	arena_done(&rs->text);
	memset(rs, 0, sizeof(*rs));
}

void
recordset_swap(struct recordset *a, struct recordset *b)
{
	struct recordset tmp;

	tmp = *a;
	*a = *b;
	*b = tmp;
}

struct record *
recordset_add(struct recordset *rs, const struct record *r)
{
	if (rs->len == rs->cap) {
		rs->cap = rs->cap == 0 ? 16 : rs->cap * 2;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	rs->v[rs->len] = *r;
	return &rs->v[rs->len++];
}

struct record *
recordset_add_text(struct recordset *rs, const struct record *r)
{
	struct record copy = *r;
	struct textrun *run;
	size_t total = 0, f;
	char *p;

	for (f = 0; f < FIELD_COUNT; f++)
		total += (size_t)r->len[f] + 1;
	p = arena_alloc_packed(&rs->text, total);
	for (f = 0; f < FIELD_COUNT; f++) {
		if (r->len[f] > 0)
			memcpy(p, r->text[f], r->len[f]);
		p[r->len[f]] = '\0';
		copy.text[f] = p;
		p += r->len[f] + 1;
	}
	/* Extend the last run when this record's text follows it. */
	run = rs->nruns > 0 ? &rs->runs[rs->nruns - 1] : NULL;
	if (run != NULL && run->start + run->len == copy.text[0] &&
	    run->first + run->count == rs->len) {
		run->len += total;
		run->count++;
		if (total > run->longest)
			run->longest = total;
	} else {
		if (rs->nruns == rs->capruns) {
			rs->capruns = rs->capruns == 0 ? 8 : rs->capruns * 2;
			rs->runs = xreallocarray(rs->runs, rs->capruns,
			    sizeof(*rs->runs));
		}
		run = &rs->runs[rs->nruns++];
		run->start = copy.text[0];
		run->len = total;
		run->first = rs->len;
		run->count = 1;
		run->longest = total;
	}
	return recordset_add(rs, &copy);
}

size_t
recordset_find(const struct recordset *rs, const char *name)
{
	size_t i;

	for (i = 0; i < rs->len; i++)
		if (strcmp(rs->v[i].text[FIELD_NAME], name) == 0)
			return i;
	return (size_t)-1;
}

size_t
recordset_record_at(const struct recordset *rs, size_t lo, size_t hi,
    const char *p)
{
	size_t mid, step;

	for (step = 1; lo + step < hi && rs->v[lo + step].text[0] <= p;
	    step *= 2)
		lo += step;
	if (lo + step < hi)
		hi = lo + step;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (rs->v[mid].text[0] <= p)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t
recordset_run_after(const struct recordset *rs, size_t i)
{
	size_t lo = 0, hi = rs->nruns, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (rs->runs[mid].first + rs->runs[mid].count <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The bytes of r's texts, each with its NUL. */
static size_t
record_size(const struct record *r)
{
	size_t n = 0, f;

	for (f = 0; f < FIELD_COUNT; f++)
		n += (size_t)r->len[f] + 1;
	return n;
}

size_t
recordset_stretch(const struct recordset *rs, size_t i, size_t to,
    size_t longest, size_t left, size_t *bytes)
{
	const struct textrun *run;
	const char *base, *at;
	size_t r, end, lo, hi, b;

	for (*bytes = 0; i < to && *bytes < left;) {
		r = recordset_run_after(rs, i);
		run = r < rs->nruns ? &rs->runs[r] : NULL;
		if (run == NULL || run->first > i || run->longest > longest) {
			if ((b = record_size(&rs->v[i])) > longest)
				break;
			*bytes += b;
			i++;
			continue;
		}
		end = run->first + run->count < to ? run->first + run->count :
		    to;
		base = rs->v[i].text[0];
		/* The first record after i whose text starts left bytes on. */
		for (lo = i + 1, hi = end; lo < hi;) {
			r = lo + (hi - lo) / 2;
			if ((size_t)(rs->v[r].text[0] - base) >= left - *bytes)
				hi = r;
			else
				lo = r + 1;
		}
		at = lo < run->first + run->count ? rs->v[lo].text[0] :
		    run->start + run->len;
		*bytes += (size_t)(at - base);
		i = lo;
	}
	return i;
}
