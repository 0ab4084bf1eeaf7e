/*
 * Unit tests for public.c, what a public session takes from a client it
 * cannot trust: which TERM values are plain names, the bound on the
 * window drawn, and the environment variables removed before anything
 * reads them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "public.h"
#include "util.h"

static void
test_term_plain(void **state)
{
	static const char *const good[] = {
		"xterm-256color", "vt100", "screen.xterm-256color",
		"xterm+256color", "rxvt-unicode-256color", "9term", "X",
	};
	static const char *const bad[] = {
		"", "../../var/x", "/usr/share/terminfo/x/xterm", "xterm/",
		"xterm 256", "xterm;id", "-xterm", ".xterm", "..", "+x",
		"xterm\n", "xterm\033", "x\xc3\xa9", "$(id)", "xterm*",
	};
	char name[PUBLIC_TERM_MAX + 2];
	size_t i;

	(void)state;
	for (i = 0; i < nitems(good); i++)
		assert_true(public_term_plain(good[i]));
	for (i = 0; i < nitems(bad); i++)
		assert_false(public_term_plain(bad[i]));
	assert_false(public_term_plain(NULL));
	memset(name, 'x', sizeof(name));
	name[PUBLIC_TERM_MAX] = '\0';
	assert_true(public_term_plain(name));
	name[PUBLIC_TERM_MAX] = 'x';
	name[PUBLIC_TERM_MAX + 1] = '\0';
	assert_false(public_term_plain(name));
}

static void
test_bound(void **state)
{
	int rows = 10000, cols = 10000;

	(void)state;
	public_bound(&rows, &cols);
	assert_int_equal(rows, PUBLIC_MAX_ROWS);
	assert_int_equal(cols, PUBLIC_MAX_COLS);
	rows = 24;
	cols = 80;
	public_bound(&rows, &cols);
	assert_int_equal(rows, 24);
	assert_int_equal(cols, 80);
	rows = 50;
	cols = 301;
	public_bound(&rows, &cols);
	assert_int_equal(rows, 50);
	assert_int_equal(cols, 300);
}

static void
test_scrub_env(void **state)
{
	static const char *const gone[] = {
		"TERMINFO", "TERMINFO_DIRS", "TERMCAP", "HOME", "BROWSER",
		"LINES", "COLUMNS", "SMA_ALLIES_DATA", "SMA_ALLIES_STAFF_PIN",
		"SMA_ALLIES_", "SMA_ALLIES_ANYTHING_ELSE",
	};
	static const char *const kept[] = { "TERM", "LANG", "LC_ALL", "PATH",
	    "SMA_ALLIESX", "XSMA_ALLIES_DATA" };
	size_t i;

	(void)state;
	for (i = 0; i < nitems(gone); i++)
		assert_int_equal(setenv(gone[i], "/var/x", 1), 0);
	for (i = 0; i < nitems(kept); i++)
		assert_int_equal(setenv(kept[i], "kept", 1), 0);
	public_scrub_env();
	for (i = 0; i < nitems(gone); i++)
		assert_null(getenv(gone[i]));
	for (i = 0; i < nitems(kept); i++)
		assert_string_equal(getenv(kept[i]), "kept");
}

static void
test_defaults(void **state)
{
	struct app_options o;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.idle = 90;
	public_defaults(&o, 0);
	assert_int_equal(o.idle, PUBLIC_IDLE_S);
	o.idle = 5;
	public_defaults(&o, 1);
	assert_int_equal(o.idle, 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_term_plain),
		cmocka_unit_test(test_bound),
		cmocka_unit_test(test_scrub_env),
		cmocka_unit_test(test_defaults),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
