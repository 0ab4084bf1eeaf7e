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
						   file's own size */
#define LOAD_MAX_ERRORS		100		/* then it stops reading */

#endif
