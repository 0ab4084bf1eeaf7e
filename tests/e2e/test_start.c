/*
 * test_start.c - end-to-end tests of how the browser begins and ends for
 * a script: -q applies a search at start (a bad pattern is refused before
 * the screen), --select starts on an ally (an unknown name is said on the
 * status line), and --pick draws on the terminal while standard output
 * stays the script's: Enter prints the ally chosen in the --format asked
 * for and exits 0, Esc and q exit 1 with nothing printed, Ctrl-C 130.
 * The pick runs under sh -c with its output redirected to a file, as in
 * `sma-allies --pick --format tsv | cut -f3`.  And the counts on screen
 * in the locale's style.
 *
 * The program under test is $SMA_ALLIES_BIN (default
 * build/asan/sma-allies); the tests run from the top of the tree.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"

#define T_WAIT		8000
#define TITLE		"Social Mission Alliance"

static struct vt *t_vt;
static char *t_dir;
static char t_bin[4096];

static int
setup(void **state)
{
	(void)state;
	if (e2e_begin(t_bin, sizeof(t_bin), &t_dir, "sma-start") < 0)
		fail_msg("no temporary folder: %s", strerror(errno));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	e2e_cleanup(&t_vt, &t_dir);
	return 0;
}

static void
spawn(const char *prog, const char *const *args)
{
	struct e2e_env env;

	e2e_env_test(&env, t_dir);
	t_vt = e2e_spawn(prog, args, &env, 30, 100);
	e2e_env_free(&env);
	if (t_vt == NULL)
		fail_msg("cannot start %s: %s", prog, strerror(errno));
}

static void
want_text(const char *s, int line)
{
	if (!vt_wait_text(t_vt, s, T_WAIT)) {
		e2e_dump(t_vt, s);
		fail_msg("line %d: \"%s\" never showed", line, s);
	}
}
#define WANT(s)	want_text((s), __LINE__)

/* The exit status, after the program ended within T_WAIT. */
static int
exit_status(int line)
{
	const char *out;
	int status = 0;

	if (!vt_wait_exit(t_vt, T_WAIT, &status))
		fail_msg("line %d: the program did not exit", line);
	out = vt_output(t_vt, NULL);
	if (e2e_sanitizer_report(out) != NULL)
		fail_msg("line %d: %s", line, e2e_sanitizer_report(out));
	if (!WIFEXITED(status))
		fail_msg("line %d: wait status %#x", line, status);
	return WEXITSTATUS(status);
}

/* The row the selection bar is on: its description's first line. */
static void
want_described(const char *name, int line)
{
	if (!e2e_wait_row(t_vt, 2, e2e_fmt("\xe2\x94\x82 %s", name), 1, 0,
	    T_WAIT)) {
		e2e_dump(t_vt, name);
		fail_msg("line %d: %s is not the ally described", line, name);
	}
}

static void
test_query(void **state)
{
	const char *args[] = { "-q", "nurs", NULL };

	(void)state;
	spawn(t_bin, args);
	WANT("/nurs/");
	WANT("1/12");
	want_described("The Organization for Associate Degree Nursing",
	    __LINE__);
	e2e_press(t_vt, "Esc");
	WANT("12 allies");
	e2e_press(t_vt, "q");
	assert_int_equal(exit_status(__LINE__), 0);
}

static void
test_query_bad(void **state)
{
	const char *args[] = { "-q", "nurs(", NULL };
	char *out = NULL;
	int st;

	(void)state;
	st = e2e_run(t_bin, args, NULL, 1, &out);
	e2e_keep(out);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 2);
	assert_non_null(strstr(out, "missing closing parenthesis"));
}

static void
test_select(void **state)
{
	const char *args[] = { "--select", "amsa", "-q", "medical", NULL };
	const char *unknown[] = { "--select", "Nobody", NULL };

	(void)state;
	/* --select with -q: the filter keeps the ally when it passes. */
	spawn(t_bin, args);
	WANT("/medical/");
	want_described("The American Medical Student Association", __LINE__);
	e2e_press(t_vt, "q");
	assert_int_equal(exit_status(__LINE__), 0);
	vt_free(t_vt);
	t_vt = NULL;
	spawn(t_bin, unknown);
	WANT("No ally is named 'Nobody'");
	want_described("The American Academy of Family Physicians", __LINE__);
	e2e_press(t_vt, "q");
	assert_int_equal(exit_status(__LINE__), 0);
}

/*
 * sma-allies --pick ARGS > OUT under sh: keys then the exit status and
 * OUT's text (kept until teardown) in *out.
 */
static int
pick(const char *args, const char *keys, const char **out)
{
	const char *file = e2e_fmt("%s/out", t_dir);
	const char *cmd = e2e_fmt("exec '%s' --pick %s > '%s'", t_bin, args,
	    file);
	const char *sh[] = { "-c", cmd, NULL };
	int rc;

	spawn("/bin/sh", sh);
	WANT(TITLE);
	WANT("12");
	vt_wait_quiet(t_vt, 100, T_WAIT);
	if (strcmp(keys, "C-c") == 0)
		vt_sends(t_vt, "\003");
	else
		vt_sends(t_vt, keys);
	rc = exit_status(__LINE__);
	*out = e2e_keep(e2e_slurp(file, NULL));
	if (*out == NULL)
		fail_msg("%s was not written", file);
	vt_free(t_vt);
	t_vt = NULL;
	return rc;
}

static void
test_pick(void **state)
{
	const char *out;

	(void)state;
	/* Enter: the selected ally, on the script's output. */
	assert_int_equal(pick("--format tsv -q nurs", "\r", &out), 0);
	assert_string_equal(out, "The Organization for Associate Degree "
	    "Nursing\tOADN\thttps://oadn.org/\n");
	assert_int_equal(pick("--select CHA", "\r", &out), 0);
	assert_string_equal(out, "Cambridge Health Alliance (CHA)  "
	    "https://www.challiance.org/\n");
	assert_int_equal(pick("--format json --select AITF", "\r", &out), 0);
	assert_non_null(strstr(out, "\"abbreviation\": \"AITF\""));
	/* Esc and q give up: status 1, nothing printed; Ctrl-C 130. */
	assert_int_equal(pick("", "\033", &out), 1);
	assert_string_equal(out, "");
	assert_int_equal(pick("", "q", &out), 1);
	assert_string_equal(out, "");
	assert_int_equal(pick("", "C-c", &out), 130);
	assert_string_equal(out, "");
}

/*
 * Tab in the search bar: the query searches one field, the next, then
 * all again; the bar says which, and the counts agree with -f.
 */
static void
test_scope(void **state)
{
	static const struct {
		const char *label;
		const char *count;
	} steps[] = {
		{ "in name", " 5/12" }, { "in abbreviation", " 0/12" },
		{ "in description", " 10/12" }, { "in url", " 3/12" },
		{ "in tags", " 3/12" }, { NULL, " 10/12" },
	};
	size_t i;

	(void)state;
	spawn(t_bin, NULL);
	WANT("12 allies");
	vt_sends(t_vt, "/health");
	WANT(" 10/12");
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		e2e_press(t_vt, "Tab");
		if (steps[i].label != NULL)
			WANT(e2e_fmt("%s%s", steps[i].label, steps[i].count));
		else if (!e2e_wait_row(t_vt, -1, " in ", 0, 0, T_WAIT))
			fail_msg("the scope is still shown after a full turn");
		if (!e2e_wait_row(t_vt, -1, steps[i].count, 1, 0, T_WAIT)) {
			e2e_dump(t_vt, steps[i].count);
			fail_msg("step %zu: not%s", i, steps[i].count);
		}
	}
	e2e_press(t_vt, "Tab");
	WANT("in name 5/12");
	e2e_press(t_vt, "Enter");
	WANT("/health/");
	WANT("5/12");
	e2e_press(t_vt, "q");
	assert_int_equal(exit_status(__LINE__), 0);
}

/*
 * s cycles the order (file, name, abbreviation); the title says it when
 * it is not the file's; the selection stays on its ally; --sort starts in
 * an order; a filter keeps the order.
 */
static void
test_sort(void **state)
{
	const char *args[] = { "--select", "CHA", NULL };
	const char *by_name[] = { "--sort", "name", "-q", "health", NULL };

	(void)state;
	spawn(t_bin, args);
	WANT("6/12");
	e2e_press(t_vt, "s");
	WANT("by name");
	/* Under A, the "The" aside; CHA is sixth by name too. */
	if (!e2e_wait_row(t_vt, 2, " The Albert Schweitzer Fellowship", 1, 1,
	    T_WAIT))
		fail_msg("by name, the Albert Schweitzer Fellowship is not first");
	want_described("Cambridge Health Alliance", __LINE__);
	e2e_press(t_vt, "s");
	WANT("by abbreviation");
	WANT("5/12");
	want_described("Cambridge Health Alliance", __LINE__);
	e2e_press(t_vt, "s");
	if (!e2e_wait_row(t_vt, 0, "by ", 0, 0, T_WAIT))
		fail_msg("the file's order is still named in the title");
	WANT("6/12");
	e2e_press(t_vt, "q");
	assert_int_equal(exit_status(__LINE__), 0);
	vt_free(t_vt);
	t_vt = NULL;
	spawn(t_bin, by_name);
	WANT("by name");
	WANT("10/12");
	if (!e2e_wait_row(t_vt, 2, " The Albert Schweitzer Fellowship", 1, 1,
	    T_WAIT) || !e2e_wait_row(t_vt, 3,
	    " The American Academy of Family", 1, 1, T_WAIT))
		fail_msg("the matches of health are not in name order");
	e2e_press(t_vt, "q");
	assert_int_equal(exit_status(__LINE__), 0);
}

/*
 * Counts people can read: the locale's thousands separator in the title,
 * the list's header and the bar (en_US: 12,345; de_DE: 12.345; the
 * C locale: 12345).  The locales are the ones the Makefile builds for the
 * tests (LOCPATH).
 */
static void
test_counts(void **state)
{
	static const struct {
		const char *locale, *all, *some;
	} cases[] = {
		{ "LC_ALL=en_US.UTF-8", "12,345 allies", "/12,345" },
		{ "LC_ALL=de_DE.UTF-8", "12.345 allies", "/12.345" },
		{ "LC_ALL=C.UTF-8", "12345 allies", "/12345" },
	};
	const char *file = e2e_fmt("%s/many.yaml", t_dir);
	const char *args[] = { "-d", file, NULL };
	const char *locpath = getenv("LOCPATH");
	struct e2e_env env;
	size_t i;

	(void)state;
	if (system(e2e_fmt("build/bench/gen-allies 12345 3 > '%s'", file)) != 0)
		fail_msg("cannot generate %s", file);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		e2e_env_init(&env);
		e2e_env_put(&env, cases[i].locale);
		e2e_env_putf(&env, "LOCPATH=%s", locpath != NULL ? locpath :
		    "build/locale");
		e2e_env_sanitizers(&env);
		t_vt = e2e_spawn(t_bin, args, &env, 30, 100);
		e2e_env_free(&env);
		if (t_vt == NULL)
			fail_msg("cannot start %s: %s", t_bin, strerror(errno));
		WANT(cases[i].all);
		WANT(e2e_fmt("1%s", cases[i].some));
		e2e_press(t_vt, "q");
		assert_int_equal(exit_status(__LINE__), 0);
		vt_free(t_vt);
		t_vt = NULL;
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_query, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_bad, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_select, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pick, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sort, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
