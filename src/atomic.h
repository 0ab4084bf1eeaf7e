/*
 * atomic: the loads and stores through which one thread watches or
 * stops another's work (a load's progress, its cancel flag).  Built on
 * the __atomic builtins of GCC and clang, which the C99 the program is
 * written in lacks a word for; nothing else here.
 *
 * Counters are relaxed: a reader wants a recent value, not an order.
 * Flags and states are release and acquire, so that what was written
 * before a state was set is seen by whoever sees that state.
 */
#ifndef ATOMIC_H
#define ATOMIC_H

#include <stddef.h>

static inline size_t
atomic_get_size(const size_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static inline void
atomic_set_size(size_t *p, size_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}

static inline int
atomic_get_int(const int *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static inline void
atomic_set_int(int *p, int v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

#endif
