/*
 * Unit tests for probe.c: the terminal's answers to the start-up
 * queries picked out of the keys, on an injected clock.  What the
 * terminal says (DECRPM for mode 2027, then DA1, or DA1 alone), keys
 * typed around the answers given back in order, a lone Esc held only
 * for a moment, the end of the wait, and mode 2027 set and reset only
 * when it was ours to set.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

#define T0	1000000LL	/* the clock at the start, in ms */

/* Where the queries and mode changes go, read back as a string. */
static char *t_out;
static size_t t_outlen;
static FILE *t_fp;

static int
setup(void **state)
{
	(void)state;
	t_fp = open_memstream(&t_out, &t_outlen);
	return t_fp == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	fclose(t_fp);
	free(t_out);
	return 0;
}

/* What was written so far. */
static const char *
written(void)
{
	fflush(t_fp);
	return t_out;
}

/* Forget what was written. */
static void
restart(void)
{
	fclose(t_fp);
	free(t_out);
	t_out = NULL;
	assert_non_null(t_fp = open_memstream(&t_out, &t_outlen));
}

/*
 * Feed s (each byte a character) at time now; the keys that come back,
 * in order, as a string.
 */
static const char *
feed(struct probe *p, const char *s, long long now)
{
	static char got[256];
	int keys[PROBE_KEYS];
	size_t n = 0, k, i;

	for (; *s != '\0'; s++) {
		k = probe_key(p, (unsigned char)*s, now, keys);
		for (i = 0; i < k && n + 1 < sizeof(got); i++)
			got[n++] = (char)keys[i];
	}
	got[n] = '\0';
	return got;
}

/* probe_tick() at now, its keys as a string. */
static const char *
tick(struct probe *p, long long now)
{
	static char got[PROBE_KEYS + 1];
	int keys[PROBE_KEYS];
	size_t n, i;

	n = probe_tick(p, now, keys);
	for (i = 0; i < n; i++)
		got[i] = (char)keys[i];
	got[n] = '\0';
	return got;
}

/* Each answer to DECRQM 2027, then DA1: what the browser concludes. */
static void
test_answers(void **state)
{
	static const struct {
		const char	*answer;
		int		 clusters;	/* probe_settle() */
		int		 set;		/* CSI ? 2027 h written */
	} cases[] = {
		{ "\033[?2027;1$y\033[?62;22c", 1, 0 },
		{ "\033[?2027;3$y\033[?62;22c", 1, 0 },
		{ "\033[?2027;0$y\033[?1;2c", 0, 0 },
		{ "\033[?2027;4$y\033[?1;2c", 0, 0 },
		/* xterm, libvterm: no answer to this one, DA1 only. */
		{ "\033[?1;2c", 0, 0 },
		{ "\033[?6c", 0, 0 },
		/* Another mode's answer says nothing about 2027. */
		{ "\033[?2026;1$y\033[?1;2c", 0, 0 },
		{ "\033[?2027;2$y\033[?62;22c", 1, 1 },
	};
	struct probe p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		restart();
		memset(&p, 0, sizeof(p));
		probe_start(&p, t_fp, T0);
		assert_string_equal(written(), PROBE_QUERY);
		assert_true(p.waiting);
		assert_int_equal(probe_settle(&p, t_fp), 0);
		/* Nothing of the answer is a key. */
		assert_string_equal(feed(&p, cases[i].answer, T0 + 5), "");
		assert_false(p.waiting);
		assert_int_equal(probe_due(&p), -1);
		assert_int_equal(probe_settle(&p, t_fp), cases[i].clusters);
		/* Said once. */
		assert_int_equal(probe_settle(&p, t_fp), 0);
		assert_int_equal(strstr(written(), "\033[?2027h") != NULL,
		    cases[i].set);
		/* After the wait, everything is a key. */
		assert_string_equal(feed(&p, "\033[?1;2cq", T0 + 9),
		    "\033[?1;2cq");
	}
	/* The last case set the mode: it is ours to reset, and set again. */
	restart();
	probe_mode(t_fp, 0);
	probe_mode(t_fp, 1);
	assert_string_equal(written(), "\033[?2027l\033[?2027h");
}

/* Keys typed around the answers come back in order, and only they. */
static void
test_keys_around(void **state)
{
	struct probe p;

	(void)state;
	memset(&p, 0, sizeof(p));
	probe_start(&p, t_fp, T0);
	assert_string_equal(feed(&p, "jj/", T0), "jj/");
	/* A key that looks like an answer's start, then is not one. */
	assert_string_equal(feed(&p, "\033[?x", T0 + 1), "\033[?x");
	assert_string_equal(feed(&p, "\033[A", T0 + 2), "\033[A");
	assert_string_equal(feed(&p, "\033[?2027;3$x", T0 + 2),
	    "\033[?2027;3$x");
	/* A lone Esc right before the answer: the Esc is a key. */
	assert_string_equal(feed(&p, "\033\033[?2027;2$y", T0 + 3), "\033");
	assert_true(p.waiting);
	assert_string_equal(feed(&p, "k\033[?1;2c", T0 + 4), "k");
	assert_false(p.waiting);
	assert_int_equal(probe_settle(&p, t_fp), 1);
}

/* A lone Esc is held a moment, then given back; the wait has an end. */
static void
test_time(void **state)
{
	struct probe p;
	int keys[PROBE_KEYS];

	(void)state;
	memset(&p, 0, sizeof(p));
	/* Not started (not UTF-8): every character is a key at once. */
	assert_string_equal(feed(&p, "\033[?", T0), "\033[?");
	assert_int_equal(probe_due(&p), -1);

	probe_start(&p, t_fp, T0);
	assert_int_equal(probe_due(&p), T0 + PROBE_WAIT_MS);
	assert_string_equal(feed(&p, "\033", T0 + 10), "");
	assert_int_equal(probe_due(&p), T0 + 10 + PROBE_HOLD_MS);
	assert_string_equal(tick(&p, T0 + 10 + PROBE_HOLD_MS - 1), "");
	assert_string_equal(tick(&p, T0 + 10 + PROBE_HOLD_MS), "\033");
	/* A key that is not a character gives back what was held. */
	assert_string_equal(feed(&p, "\033[", T0 + 200), "");
	assert_int_equal(probe_key(&p, -1, T0 + 201, keys), 2);
	assert_int_equal(keys[0], 27);
	assert_int_equal(keys[1], '[');
	/* An answer too long to be one is keys. */
	assert_string_equal(feed(&p, "\033[?1111111111111111111111111111c",
	    T0 + 300), "\033[?1111111111111111111111111111c");
	/* No DA1 answer by the deadline: per code point, keys as keys. */
	assert_true(p.waiting);
	assert_string_equal(tick(&p, T0 + PROBE_WAIT_MS), "");
	assert_false(p.waiting);
	assert_int_equal(probe_settle(&p, t_fp), 0);
	assert_string_equal(feed(&p, "\033", T0 + PROBE_WAIT_MS), "\033");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keys_around, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_time, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
