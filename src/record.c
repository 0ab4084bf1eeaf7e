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

static const char *const field_names[FIELD_COUNT] = {
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

void *
arena_alloc(struct arena *a, size_t size)
{
	struct arena_block *b = a->head;
	size_t want, bsize;
	void *p;

	if (size > SIZE_MAX - ARENA_ALIGN)
		die("arena: %zu bytes is too large", size);
	want = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (want == 0)
		want = ARENA_ALIGN;
	if (b == NULL || b->size - b->used < want) {
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
	}
	p = b->data + b->used;
	b->used += want;
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p;

	p = arena_alloc(a, len + 1);
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
	arena_done(&rs->arena);
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

size_t
recordset_find(const struct recordset *rs, const char *name)
{
	size_t i;

	for (i = 0; i < rs->len; i++)
		if (strcmp(rs->v[i].text[FIELD_NAME], name) == 0)
			return i;
	return (size_t)-1;
}
