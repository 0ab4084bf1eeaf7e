/*
 * atomic: the load and the store through which one thread watches or
 * stops another's work (a load's progress, its state, its cancel flag).
 * Built on the __atomic builtins of GCC and clang, which the C99 the
 * program is written in has no word for; nothing else here.
 *
 * Every value shared this way is a size_t, so that one pair serves them
 * all.  The store releases and the load acquires: whoever sees a state
 * set also sees what was written before it.  On the machines the
 * program runs on that costs a plain load or store.
 */
#ifndef ATOMIC_H
#define ATOMIC_H

#include <stddef.h>

static inline size_t
atomic_get(const size_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static inline void
atomic_set(size_t *p, size_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

#endif
