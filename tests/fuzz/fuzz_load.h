/*
 * fuzz_load: the fuzz target's entry point, shared by the libFuzzer build
 * and the replay driver.  See fuzz_load.c.
 */
#ifndef FUZZ_LOAD_H
#define FUZZ_LOAD_H

#include <stddef.h>
#include <stdint.h>

/* Run one input; returns 0, or aborts when an invariant is broken. */
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * What load_buffer() returned for the last input (0 or -1), so that the
 * replay driver can hold a regression to an expected outcome.
 */
extern int fuzz_last_load;

#endif
