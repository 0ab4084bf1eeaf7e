/*
 * Unit tests for the parts of the browser that take input and stand
 * alone: the kiosk's idle clock and staff PIN on an injected clock (no
 * waiting), the line editor, the search history, and the key tables (every mode's keys
 * resolve, a kiosk's substitutions, help text for every listed key).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "history.h"
#include "keys.h"
#include "kiosk.h"
#include "lineedit.h"
#include "util.h"

#define S	1000LL		/* a second, in the clock's milliseconds */

/* With --idle 20 --cycle 8: warned at 15 s, reset at 20 s, then steps. */
static void
test_idle_clock(void **state)
{
	struct kiosk k;
	unsigned steps, did;

	(void)state;
	kiosk_init(&k, 20, 8, NULL, 1000 * S);
	assert_int_equal(k.phase, KIOSK_ACTIVE);
	assert_true(kiosk_deadline(&k) == 1015 * S);
	did = kiosk_tick(&k, 1014 * S, &steps);
	assert_int_equal(did, 0);
	assert_int_equal(k.phase, KIOSK_ACTIVE);

	/* The countdown: five seconds, one a tick. */
	did = kiosk_tick(&k, 1015 * S, &steps);
	assert_int_equal(did, 0);
	assert_int_equal(k.phase, KIOSK_COUNTDOWN);
	assert_int_equal(k.countdown, 5);
	kiosk_tick(&k, 1017 * S, &steps);
	assert_int_equal(k.countdown, 3);
	assert_int_equal(k.phase, KIOSK_COUNTDOWN);

	/* At exactly --idle seconds: back to the start. */
	did = kiosk_tick(&k, 1019 * S + 999, &steps);
	assert_int_equal(did, 0);
	did = kiosk_tick(&k, 1020 * S, &steps);
	assert_int_equal(did, KIOSK_RESET);
	assert_int_equal(steps, 0);
	assert_int_equal(k.phase, KIOSK_ATTRACT);

	/* Then one ally every --cycle seconds. */
	did = kiosk_tick(&k, 1027 * S, &steps);
	assert_int_equal(did, 0);
	did = kiosk_tick(&k, 1028 * S, &steps);
	assert_int_equal(did, KIOSK_STEP);
	assert_int_equal(steps, 1);
	did = kiosk_tick(&k, 1036 * S, &steps);
	assert_int_equal(steps, 1);

	/* A key: active again, and the next warning counts from it. */
	assert_int_equal(kiosk_input(&k, 1040 * S), 1);
	assert_int_equal(k.phase, KIOSK_ACTIVE);
	assert_true(kiosk_deadline(&k) == 1055 * S);
	assert_int_equal(kiosk_input(&k, 1041 * S), 0);
	kiosk_done(&k);
}

/* Steps keep the beat of the deadlines, and a long stall steps once. */
static void
test_idle_clock_stall(void **state)
{
	struct kiosk k;
	unsigned steps, did;

	(void)state;
	kiosk_init(&k, 10, 4, NULL, 0);
	did = kiosk_tick(&k, 10 * S, &steps);
	assert_true(did & KIOSK_RESET);
	/* A slow frame does not move the next step. */
	kiosk_tick(&k, 14 * S + 300, &steps);
	assert_int_equal(steps, 1);
	assert_true(kiosk_deadline(&k) == 18 * S);
	/* An hour stalled: one step, then the beat from now. */
	did = kiosk_tick(&k, 3600 * S, &steps);
	assert_int_equal(did, KIOSK_STEP);
	assert_true(steps <= 2);
	assert_true(kiosk_deadline(&k) == 3604 * S);
	kiosk_done(&k);
}

/* An idle time too short for a countdown resets at once. */
static void
test_idle_clock_short(void **state)
{
	struct kiosk k;
	unsigned steps;

	(void)state;
	kiosk_init(&k, 1, 8, NULL, 0);
	assert_true(kiosk_deadline(&k) == 1 * S);
	assert_int_equal(kiosk_tick(&k, 1 * S, &steps), KIOSK_RESET);
	kiosk_done(&k);
}

static void
type(struct kiosk *k, const char *s)
{
	for (; *s != '\0'; s++)
		kiosk_pin_do(k, ACT_PIN_TYPE, (unsigned char)*s, 0);
}

static void
test_pin(void **state)
{
	struct kiosk k;
	unsigned steps;
	int i;

	(void)state;
	/* No PIN: the prompt never opens. */
	kiosk_init(&k, 90, 8, NULL, 0);
	assert_true(kiosk_pin_do(&k, ACT_STAFF, 0, 0) == 0);
	assert_false(k.prompt);
	kiosk_done(&k);

	kiosk_init(&k, 90, 8, "246810", 0);
	kiosk_pin_do(&k, ACT_STAFF, 0, 0);
	assert_true(k.prompt);
	type(&k, "2468109");
	kiosk_pin_do(&k, ACT_PIN_ERASE, 0, 0);
	assert_int_equal(k.entry.len, 6);
	assert_true(kiosk_pin_do(&k, ACT_PIN_CHECK, 0, 0) == KIOSK_PIN_RIGHT);
	assert_false(k.prompt);
	assert_int_equal(k.entry.len, 0);

	/* Esc closes and forgets what was typed. */
	kiosk_pin_do(&k, ACT_STAFF, 0, 0);
	type(&k, "24");
	kiosk_pin_do(&k, ACT_PIN_CANCEL, 0, 0);
	assert_false(k.prompt);
	assert_int_equal(k.entry.len, 0);

	/* Three wrong PINs are free; the fourth locks the prompt. */
	for (i = 0; i < KIOSK_FREE_TRIES; i++) {
		assert_true(kiosk_pin_do(&k, ACT_STAFF, 0, 100 * S) == 0);
		type(&k, "000000");
		assert_true(kiosk_pin_do(&k, ACT_PIN_CHECK, 0, 100 * S) == 0);
	}
	assert_true(kiosk_pin_do(&k, ACT_STAFF, 0, 100 * S) == 5);
	assert_false(k.prompt);
	assert_true(kiosk_pin_do(&k, ACT_STAFF, 0, 105 * S) == 0);
	assert_true(k.prompt);

	/* The idle reset closes an open prompt. */
	type(&k, "12");
	assert_true(kiosk_tick(&k, 1000 * S, &steps) & KIOSK_RESET);
	assert_false(k.prompt);
	assert_int_equal(k.entry.len, 0);
	kiosk_done(&k);
}

static void
test_lineedit(void **state)
{
	struct buf b = { 0 };
	size_t c;
	int i;

	(void)state;
	c = lineedit_set(&b, "nurse");
	assert_int_equal(c, 5);
	c = lineedit_do(&b, c, ACT_BAR_HOME, 0);
	c = lineedit_do(&b, c, ACT_BAR_INSERT, 0xe9);	/* é, two bytes */
	assert_string_equal(b.ptr, "\xc3\xa9nurse");
	assert_int_equal(c, 2);
	c = lineedit_do(&b, c, ACT_BAR_RIGHT, 0);
	assert_int_equal(c, 3);
	c = lineedit_do(&b, c, ACT_BAR_LEFT, 0);
	c = lineedit_do(&b, c, ACT_BAR_LEFT, 0);
	assert_int_equal(c, 0);
	c = lineedit_do(&b, c, ACT_BAR_DELETE, 0);
	assert_string_equal(b.ptr, "nurse");
	c = lineedit_do(&b, c, ACT_BAR_END, 0);
	c = lineedit_do(&b, c, ACT_BAR_INSERT, ' ');
	c = lineedit_do(&b, c, ACT_BAR_INSERT, 'x');
	c = lineedit_do(&b, c, ACT_BAR_INSERT, 'y');
	c = lineedit_do(&b, c, ACT_BAR_KILL_WORD, 0);
	assert_string_equal(b.ptr, "nurse ");
	c = lineedit_do(&b, c, ACT_BAR_BACKSPACE, 0);
	assert_string_equal(b.ptr, "nurse");
	/* Not text: nothing is inserted. */
	c = lineedit_do(&b, c, ACT_BAR_INSERT, 0x1b);
	c = lineedit_do(&b, c, ACT_BAR_INSERT, K_DOWN);
	c = lineedit_do(&b, c, ACT_BAR_INSERT, 0x9b);	/* C1 CSI */
	assert_string_equal(b.ptr, "nurse");
	c = lineedit_do(&b, c, ACT_BAR_CLEAR, 0);
	assert_int_equal(c, 0);
	assert_int_equal(b.len, 0);
	/* Bounded: a paste cannot grow it without end. */
	for (i = 0; i < LINEEDIT_MAX + 100; i++)
		c = lineedit_do(&b, c, ACT_BAR_INSERT, 'a');
	assert_true(b.len <= LINEEDIT_MAX + 1);
	assert_int_equal(c, b.len);
	buf_free(&b);
}

static void
test_history(void **state)
{
	struct history h;

	(void)state;
	memset(&h, 0, sizeof(h));
	history_add(&h, "alpha");
	history_add(&h, "");
	history_add(&h, "bravo");
	history_add(&h, "alpha");
	assert_int_equal(h.len, 2);
	assert_string_equal(h.v[1], "alpha");
	history_rewind(&h);
	assert_string_equal(history_older(&h, "dr"), "alpha");
	assert_string_equal(history_older(&h, "x"), "bravo");
	assert_null(history_older(&h, "x"));
	assert_string_equal(history_newer(&h), "alpha");
	assert_string_equal(history_newer(&h), "dr");	/* the draft */
	assert_null(history_newer(&h));
	history_clear(&h);
	assert_int_equal(h.len, 0);
	assert_null(history_older(&h, "y"));
}

/* Every listed key of every mode has help; a kiosk's table is data. */
static void
test_key_tables(void **state)
{
	const struct binding *v;
	size_t i, n;
	int mode;
	char labels[64];

	(void)state;
	for (mode = 0; mode < KM_COUNT; mode++) {
		v = keys_table((enum key_mode)mode, &n);
		for (i = 0; i < n; i++) {
			assert_int_equal(keys_lookup((enum key_mode)mode,
			    v[i].key), v[i].action);
			if (v[i].label != NULL)
				assert_true(action_help(v[i].action)[0] != '\0');
			if (v[i].hint != NULL)
				assert_true(action_hint(v[i].action)[0] != '\0');
		}
	}
	assert_int_equal(keys_lookup(KM_BROWSE, 'j'), ACT_DOWN);
	assert_int_equal(keys_lookup(KM_BROWSE, 'x'), ACT_NONE);
	assert_int_equal(keys_lookup(KM_BAR, 'x'), ACT_BAR_INSERT);
	assert_int_equal(keys_lookup(KM_BAR, K_OTHER), ACT_NONE);
	assert_int_equal(keys_lookup(KM_CODE, 'x'), ACT_CLOSE);
	assert_int_equal(keys_lookup(KM_CODE, K_OTHER), ACT_CLOSE);
	assert_int_equal(keys_lookup(KM_PIN, '7'), ACT_PIN_TYPE);
	assert_int_equal(keys_lookup(KM_PIN, K_F1), ACT_NONE);
	/* What a kiosk does instead. */
	assert_int_equal(action_policy(ACT_OPEN, 1), ACT_QR);
	assert_int_equal(action_policy(ACT_OPEN, 0), ACT_OPEN);
	assert_int_equal(action_policy(ACT_BECOME, 1), ACT_BECOME_QR);
	assert_int_equal(action_policy(ACT_PICK_OPEN, 1), ACT_PICK_QR);
	assert_int_equal(action_policy(ACT_QUIT, 1), ACT_NONE);
	assert_int_equal(action_policy(ACT_COPY, 1), ACT_NONE);
	assert_int_equal(action_policy(ACT_DOWN, 1), ACT_DOWN);
	/* Help spells each action's keys in table order. */
	assert_string_equal(keys_labels(KM_BROWSE, ACT_OPEN, labels,
	    sizeof(labels)), "o");
	assert_string_equal(keys_labels(KM_BROWSE, ACT_ENTER, labels,
	    sizeof(labels)), "Enter");
	assert_int_equal(action_policy(ACT_ENTER, 1), ACT_QR);
	assert_string_equal(keys_labels(KM_BAR, ACT_BAR_OLDER, labels,
	    sizeof(labels)), "Up C-p");
	/* The staff key is never listed in help. */
	assert_null(keys_title(KM_STAFF));
	assert_int_equal(keys_mouse(MOUSE_DOUBLE, REGION_LIST), ACT_PICK_OPEN);
	assert_int_equal(keys_mouse(MOUSE_OTHER, REGION_LIST), ACT_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idle_clock),
		cmocka_unit_test(test_idle_clock_stall),
		cmocka_unit_test(test_idle_clock_short),
		cmocka_unit_test(test_pin),
		cmocka_unit_test(test_lineedit),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_key_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
