/*
 * keyset: a set of byte strings, each with the line and column where it
 * was first given, so that the loader can tell a key repeated in a
 * mapping from a new one.  A hash set, so that a mapping with a great
 * many keys is still read in linear time.
 *
 * Plain data: it knows nothing of YAML, the loader or its messages, and
 * depends on nothing but util.
 */
#ifndef KEYSET_H
#define KEYSET_H

#include <stddef.h>

struct keyset_key {
	char		*name;		/* may hold a NUL: use len */
	size_t		 len;
	unsigned	 line;		/* where it was first given */
	unsigned	 col;
};

/* A zeroed struct keyset is an empty set. */
struct keyset {
	struct keyset_key *v;
	size_t		 len;
	size_t		*slot;		/* index into v plus 1; 0 is free */
	size_t		 nslots;	/* 0 or a power of two */
};

/*
 * Add the len bytes at name, given at line:col.  Returns NULL when they
 * are new (they are copied), else the key as it was first given, owned
 * by the set.  Cannot fail.
 */
const struct keyset_key *keyset_add(struct keyset *, const char *name,
	    size_t len, unsigned line, unsigned col);

/* Free what the set holds and leave it empty. */
void	 keyset_free(struct keyset *);

#endif
