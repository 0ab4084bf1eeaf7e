/*
 * keyset: the keys of one mapping.  See keyset.h.
 *
 * FNV-1a and linear probing in a table kept at most half full; the keys
 * themselves are in an array in the order given, the table holds their
 * indices.
 */
#include "keyset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

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

const struct keyset_key *
keyset_add(struct keyset *ks, const char *name, size_t len, unsigned line,
    unsigned col)
{
	struct keyset_key *u;
	size_t i, mask;

	if (ks->nslots > 0) {
		mask = ks->nslots - 1;
		for (i = keyset_hash(name, len) & mask; ks->slot[i] != 0;
		    i = (i + 1) & mask) {
			u = &ks->v[ks->slot[i] - 1];
			if (u->len == len && memcmp(u->name, name, len) == 0)
				return u;
		}
	}
	if (ks->len % 16 == 0)
		ks->v = xreallocarray(ks->v, ks->len + 16, sizeof(*ks->v));
	u = &ks->v[ks->len];
	u->name = xmalloc(len + 1);
	memcpy(u->name, name, len);
	u->name[len] = '\0';
	u->len = len;
	u->line = line;
	u->col = col;
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

void
keyset_free(struct keyset *ks)
{
	size_t i;

	for (i = 0; i < ks->len; i++)
		free(ks->v[i].name);
	free(ks->v);
	free(ks->slot);
	memset(ks, 0, sizeof(*ks));
}
