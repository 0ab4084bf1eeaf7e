/*
 * load_limits: the hard limits that keep a hostile data file from taking
 * the loader's time, memory or stack; the README and the man page list
 * them.  Constants only, so that the loader's files (diag.c, yamlfeed.c,
 * load.c) and its callers, through load.h, read them from one place
 * without depending on each other.
 */
#ifndef LOAD_LIMITS_H
#define LOAD_LIMITS_H

#include <stddef.h>

#define LOAD_MAX_BYTES		((size_t)1 << 30)	/* 1 GiB */
#define LOAD_MAX_DEPTH		64		/* nested collections */
#define LOAD_MAX_ALIAS_NODES	100000		/* events replayed by aliases */
#define LOAD_MAX_ALIAS_BYTES	((size_t)4 << 20) /* their text, beyond the
						   input read so far */
#define LOAD_MAX_ERRORS		100		/* then it stops reading */
#define LOAD_MAX_SPAN		((size_t)4 << 20) /* read between two events:
						   a value, or comments */
#define LOAD_MAX_ITEMS		1000		/* in a list: tags, benefits */
#define LOAD_MAX_KEYS		1000		/* in one mapping */
#define LOAD_MAX_ANCHORED_NODES	100000		/* events kept for anchors */
#define LOAD_MAX_ANCHORED_BYTES	((size_t)4 << 20) /* their text */

/*
 * The records built from an input take at most LOAD_MEM_FACTOR bytes
 * for each byte read so far, plus LOAD_MEM_SLACK: so that tiny tags or
 * aliases, which cost more than the text they are written in, cannot
 * take memory out of all proportion to the file.
 */
#define LOAD_MEM_FACTOR		2
#define LOAD_MEM_SLACK		((size_t)8 << 20)

#endif
