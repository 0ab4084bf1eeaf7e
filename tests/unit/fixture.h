/*
 * fixture: the small pieces the unit tests share, so that each is written
 * once: a deterministic random generator (a failure can be replayed from
 * its seed), a monotonic clock for "this must not take long" checks, a
 * directory loaded from a YAML string, and the first ally of the small
 * directories several tests load.
 * Header-only (static inline functions), as each test is one file.
 */
#ifndef FIXTURE_H
#define FIXTURE_H

#include <stdint.h>
#include <string.h>
#include <time.h>

#include "load.h"
#include "record.h"

/*
 * One step of xorshift64 (shifts 13, 7, 17) on *state, which must not be
 * 0: returns the new state.  Callers take the bits they want from it.
 */
static inline uint64_t
fixture_xorshift(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

/* Seconds on the monotonic clock. */
static inline double
fixture_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Load yaml (NUL-terminated) into rs, which it initialises (the caller
 * frees it with recordset_done()).  Returns what load_buffer() does: 0
 * when it loads.
 */
static inline int
fixture_load(struct recordset *rs, const char *yaml)
{
	struct errlist e;
	int rc;

	recordset_init(rs);
	errlist_init(&e);
	rc = load_buffer(yaml, strlen(yaml), rs, &e);
	errlist_done(&e);
	return rc;
}

/* An ally with every field, as lines of an allies: sequence in YAML. */
#define FIXTURE_NURSING_LEAGUE \
    "  - name: Nursing League\n" \
    "    abbreviation: NL\n" \
    "    url: https://nursing.example/\n" \
    "    description: Care for patients.\n" \
    "    tags: [nursing, care]\n"

#endif
