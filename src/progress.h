/*
 * progress: how far a load is, shared between the thread that loads and
 * the thread that draws.  The loader adds to the counters and checks the
 * cancel flag between records; the other side reads the counters and
 * may set the flag.  Every access goes through the __atomic builtins
 * (gcc and clang), so neither side ever sees a torn value; the counters
 * are independent, so relaxed order is enough.
 */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stddef.h>
#include <string.h>

struct load_progress {
	size_t		 bytes;		/* of the input read so far */
	size_t		 total;		/* the input's size; 0 when unknown */
	size_t		 allies;	/* records parsed so far */
	int		 cancel;	/* set: stop at the next record */
};

static inline void
load_progress_init(struct load_progress *p)
{
	memset(p, 0, sizeof(*p));
}

static inline void
load_progress_set(size_t *counter, size_t v)
{
	__atomic_store_n(counter, v, __ATOMIC_RELAXED);
}

static inline size_t
load_progress_get(const size_t *counter)
{
	return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

static inline void
load_progress_cancel(struct load_progress *p)
{
	__atomic_store_n(&p->cancel, 1, __ATOMIC_RELAXED);
}

static inline int
load_progress_cancelled(const struct load_progress *p)
{
	return p != NULL && __atomic_load_n(&p->cancel, __ATOMIC_RELAXED);
}

#endif
