/*
 * Unit tests for the parts of the browser that take input and stand
 * alone: the kiosk's idle clock and staff PIN on an injected clock (no
 * waiting), the line editor, the search history, the key tables (every mode's keys
 * resolve, a kiosk's substitutions, help text for every listed key, the
 * names of keys) and the cleaning of a paste.
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
#include "paste.h"
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

/* The text a paste of s (UTF-8, one key a code point) leaves. */
static const char *
pasted(struct paste *p, const char *s, size_t len)
{
	size_t i = 0, n;
	const char *out;
	uint32_t cp;

	paste_begin(p);
	while (i < len) {
		/* Decoded as curses hands the keys over. */
		n = (unsigned char)s[i] < 0x80 ? 1 : (unsigned char)s[i] < 0xe0 ?
		    2 : (unsigned char)s[i] < 0xf0 ? 3 : 4;
		cp = n == 1 ? (uint32_t)s[i] : (uint32_t)s[i] & (0x7f >> n);
		for (i++; --n > 0; i++)
			cp = cp << 6 | ((uint32_t)s[i] & 0x3f);
		paste_key(p, (int)cp);
	}
	out = paste_end(p, &n);
	assert_int_equal(n, strlen(out));
	return out;
}

#define PASTED(p, s)	pasted((p), (s), sizeof(s) - 1)

static void
test_paste_text(void **state)
{
	struct paste p;
	size_t i, len;

	(void)state;
	memset(&p, 0, sizeof(p));
	assert_string_equal(PASTED(&p, "AAFP"), "AAFP");
	assert_false(p.active);
	assert_false(p.cut);
	/* Breaks: one space each, CR LF as one, none at the end. */
	assert_string_equal(PASTED(&p, "a\nb\r\nc\rd\n\ne\r\n\n"),
	    "a b c d  e");
	assert_string_equal(PASTED(&p, "\na"), " a");
	assert_string_equal(PASTED(&p, "a\xc2\x85" "b\xe2\x80\xa8" "c"),
	    "a b c");
	/* Controls and whole escape sequences: one space each. */
	assert_string_equal(PASTED(&p, "a\tb\x01" "c\x7f" "d\xc2\x80" "e"),
	    "a b c d e");
	assert_string_equal(PASTED(&p, "a\033[1;31mb\033[?2004lc"),
	    "a b c");
	assert_string_equal(PASTED(&p, "a\033]0;title\007" "b\033]8;;x\033\\c"),
	    "a b c");
	assert_string_equal(PASTED(&p, "a\033Pdcs\033\\b\033_apc\xc2\x9c" "c"),
	    "a b c");
	assert_string_equal(PASTED(&p, "a\033(Bb\033=c\033 Fd"), "a b c d");
	assert_string_equal(PASTED(&p, "a\xc2\x9b" "2Jb"), "a b");
	/* Cut short: ESC ESC, a control in a CSI, the end of the paste. */
	assert_string_equal(PASTED(&p, "a\033\033[mb"), "a  b");
	assert_string_equal(PASTED(&p, "a\033[1\nb"), "a  b");
	assert_string_equal(PASTED(&p, "a\033]0;never ended"), "a ");
	/* A key curses decoded (an arrow in the text) is a space. */
	paste_begin(&p);
	paste_key(&p, 'a');
	paste_key(&p, K_UP);
	paste_key(&p, 'b');
	assert_string_equal(paste_end(&p, &len), "a b");
	/* Bidirectional controls may not be typed: dropped, not spaced. */
	assert_string_equal(PASTED(&p, "a\xe2\x80\xae" "b"), "ab");
	assert_string_equal(PASTED(&p, "\xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80"),
	    "\xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80");

	/* Cut at PASTE_MAX, on a character, and nothing after the cut. */
	paste_begin(&p);
	for (i = 0; i < PASTE_MAX - 1; i++)
		paste_key(&p, 'x');
	paste_key(&p, 0xe9);		/* 2 bytes: one too many */
	paste_key(&p, 'y');		/* would fit, but comes after */
	for (i = 0; i < 100000; i++)
		paste_key(&p, 'z');
	paste_end(&p, &len);
	assert_int_equal(len, PASTE_MAX - 1);
	assert_true(p.cut);
	assert_true(p.text.cap <= 2 * PASTE_MAX);
	/* A break held back does not count against the room until used. */
	paste_begin(&p);
	for (i = 0; i < PASTE_MAX; i++)
		paste_key(&p, 'x');
	paste_key(&p, '\n');
	paste_end(&p, &len);
	assert_int_equal(len, PASTE_MAX);
	assert_false(p.cut);
	paste_done(&p);
}

/* Key names, for "Alt-q does nothing". */
static void
test_key_names(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(keys_name(K_ALT | 'q', b, sizeof(b)), "Alt-q");
	assert_string_equal(keys_name(K_ALT | K_UP, b, sizeof(b)), "Alt-Up");
	assert_string_equal(keys_name(K_ALT | '\r', b, sizeof(b)),
	    "Alt-Enter");
	assert_string_equal(keys_name(K_ALT | K_CTRL('x'), b, sizeof(b)),
	    "Alt-C-x");
	assert_string_equal(keys_name(K_ALT | 127, b, sizeof(b)),
	    "Alt-Backspace");
	assert_string_equal(keys_name(K_ALT | 0xe9, b, sizeof(b)),
	    "Alt-\xc3\xa9");
	assert_string_equal(keys_name(K_ALT | K_OTHER, b, sizeof(b)),
	    "Alt-that key");
	assert_string_equal(keys_name(K_ESC, b, sizeof(b)), "Esc");
	/* No table binds an Alt-key: each is unbound in every mode. */
	assert_int_equal(keys_lookup(KM_BROWSE, K_ALT | 'q'), ACT_NONE);
	assert_int_equal(keys_lookup(KM_BAR, K_ALT | 'b'), ACT_NONE);
	assert_int_equal(keys_lookup(KM_PAGE, K_ALT | 'q'), ACT_NONE);
	assert_false(keys_is_text(K_ALT | 'a'));
}

/* A paste goes into the line at the cursor, cut on a character. */
static void
test_lineedit_paste(void **state)
{
	struct buf b = { 0 };
	char big[LINEEDIT_MAX + 8];
	size_t cur;
	int all;

	(void)state;
	cur = lineedit_set(&b, "ily");
	cur = lineedit_insert_text(&b, 0, "Fam", 3, &all);
	assert_string_equal(b.ptr, "Family");
	assert_int_equal(cur, 3);
	assert_true(all);
	memset(big, 'x', sizeof(big));
	/* 6 bytes in: room for 4090, and an é across the last one. */
	memcpy(big + LINEEDIT_MAX - 7, "\xc3\xa9", 2);
	cur = lineedit_insert_text(&b, cur, big, sizeof(big), &all);
	assert_false(all);
	assert_int_equal(b.len, LINEEDIT_MAX - 1);
	assert_int_equal(cur, LINEEDIT_MAX - 4);
	assert_string_equal(b.ptr + cur, "ily");
	cur = lineedit_insert_text(&b, cur, "ab", 2, &all);
	assert_false(all);
	assert_int_equal(b.len, LINEEDIT_MAX);
	assert_string_equal(b.ptr + cur - 2, "xaily");
	/* Full: nothing more goes in. */
	cur = lineedit_insert_text(&b, cur, "c", 1, &all);
	assert_false(all);
	assert_int_equal(b.len, LINEEDIT_MAX);
	buf_free(&b);
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
		cmocka_unit_test(test_paste_text),
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_lineedit_paste),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
