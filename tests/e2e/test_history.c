/*
 * test_history.c - end-to-end tests of the search history kept between
 * runs in $XDG_STATE_HOME/sma-allies/history: a search made in one run
 * is there in the next (Up in the bar), the file is mode 0600 and holds
 * at most 500 searches; a corrupt file is a warning on the status line,
 * its good lines are used and the file itself is kept aside; a file that
 * cannot be written is a warning after the run, never a crash; HOME is
 * the fallback; the kiosk keeps none.
 *
 * The program under test is $SMA_ALLIES_BIN (default
 * build/asan/sma-allies); the tests run from the top of the tree.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	if (e2e_begin(t_bin, sizeof(t_bin), &t_dir, "sma-hist") < 0)
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

static const char *
path_in(const char *name)
{
	return e2e_fmt("%s/%s", t_dir, name);
}

/* The history file under the state directory the tests give. */
static const char *
hist_file(void)
{
	return path_in("state/sma-allies/history");
}

/* Start the browser (or kiosk: args) with state (NULL: none) and HOME. */
static void
start(const char *const *args, const char *state)
{
	struct e2e_env env;

	e2e_env_init(&env);
	e2e_env_putf(&env, "HOME=%s", path_in("home"));
	if (state != NULL)
		e2e_env_putf(&env, "XDG_STATE_HOME=%s", state);
	e2e_env_sanitizers(&env);
	t_vt = e2e_spawn(t_bin, args, &env, 30, 100);
	e2e_env_free(&env);
	if (t_vt == NULL)
		fail_msg("cannot start %s: %s", t_bin, strerror(errno));
	if (!vt_wait_text(t_vt, TITLE, T_WAIT)) {
		e2e_dump(t_vt, "no title");
		fail_msg("the browser never drew");
	}
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

/* q, a clean exit; returns what the program wrote, kept till teardown. */
static const char *
quit(int line)
{
	const char *why, *out;

	e2e_press(t_vt, "q");
	why = e2e_exit_why(t_vt, T_WAIT);
	out = e2e_keep(e2e_strdup(vt_output(t_vt, NULL)));
	vt_free(t_vt);
	t_vt = NULL;
	if (e2e_sanitizer_report(out) != NULL)
		fail_msg("line %d: %s", line, e2e_sanitizer_report(out));
	if (why != NULL)
		fail_msg("line %d: %s", line, why);
	return out;
}

/* How many entries dir holds but . and .. */
static int
only_entry(const char *dir)
{
	struct dirent *e;
	DIR *d;
	int n = 0;

	if ((d = opendir(dir)) == NULL)
		fail_msg("%s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* Type a search and Enter it. */
static void
search(const char *q)
{
	e2e_press(t_vt, "/");
	/* The bar opens on the last filter: start afresh (C-u). */
	vt_sends(t_vt, "\025");
	vt_sends(t_vt, q);
	WANT(q);
	e2e_press(t_vt, "Enter");
	vt_wait_quiet(t_vt, 100, T_WAIT);
}

/* In a new run, / and Up n times shows want in the bar (the last row). */
static void
want_older(const char *want, int ups, int line)
{
	int i;

	e2e_press(t_vt, "/");
	for (i = 0; i < ups; i++)
		e2e_press(t_vt, "Up");
	if (!e2e_wait_row(t_vt, -1, e2e_fmt("/%s", want), 1, 1, T_WAIT)) {
		e2e_dump(t_vt, want);
		fail_msg("line %d: Up x%d is not \"%s\"", line, ups, want);
	}
	e2e_press(t_vt, "Esc");
}

static void
test_kept_between_runs(void **state)
{
	const char *state_dir = path_in("state");
	struct stat st;
	char *text;

	(void)state;
	start(NULL, state_dir);
	search("nurs");
	search("camden");
	quit(__LINE__);
	if (stat(hist_file(), &st) < 0)
		fail_msg("%s: %s", hist_file(), strerror(errno));
	assert_int_equal(st.st_mode & 0777, 0600);
	text = e2e_keep(e2e_slurp(hist_file(), NULL));
	assert_string_equal(text, "nurs\ncamden\n");

	start(NULL, state_dir);
	want_older("camden", 1, __LINE__);
	want_older("nurs", 2, __LINE__);
	search("health");
	quit(__LINE__);
	text = e2e_keep(e2e_slurp(hist_file(), NULL));
	assert_string_equal(text, "nurs\ncamden\nhealth\n");
	/* Written whole and renamed: no temporary file stays behind. */
	assert_int_equal(only_entry(path_in("state/sma-allies")), 1);
}

static void
test_home_fallback(void **state)
{
	const char *file = path_in("home/.local/state/sma-allies/history");
	char *text;

	(void)state;
	start(NULL, NULL);
	search("amsa");
	quit(__LINE__);
	text = e2e_keep(e2e_slurp(file, NULL));
	if (text == NULL)
		fail_msg("%s: %s", file, strerror(errno));
	assert_string_equal(text, "amsa\n");
}

static void
test_at_most_500(void **state)
{
	char *lines = NULL, *text;
	size_t n = 0, i;

	(void)state;
	for (i = 0; i < 600; i++) {
		char *next = e2e_asprintf("%sq%zu\n", lines ? lines : "", i);
		free(lines);
		lines = next;
	}
	assert_int_equal(mkdir(path_in("state"), 0700), 0);
	assert_int_equal(mkdir(path_in("state/sma-allies"), 0700), 0);
	assert_int_equal(e2e_write_file(hist_file(), lines, strlen(lines),
	    0600, 0), 0);
	free(lines);
	start(NULL, path_in("state"));
	want_older("q599", 1, __LINE__);
	search("newest");
	quit(__LINE__);
	text = e2e_keep(e2e_slurp(hist_file(), NULL));
	for (i = 0; text[i] != '\0'; i++)
		n += text[i] == '\n';
	assert_int_equal(n, 500);
	assert_int_equal(strncmp(text, "q101\n", 5), 0);
	assert_non_null(strstr(text, "q599\nnewest\n"));
}

static void
test_corrupt_file(void **state)
{
	static const char bad[] = "nurs\n\033[2J\033]52;c;eA==\a\n\xff\xfe\n"
	    "camden\n";
	const char *out;
	char *text;

	(void)state;
	assert_int_equal(mkdir(path_in("state"), 0700), 0);
	assert_int_equal(mkdir(path_in("state/sma-allies"), 0700), 0);
	assert_int_equal(e2e_write_file(hist_file(), bad, sizeof(bad) - 1,
	    0600, 0), 0);
	start(NULL, path_in("state"));
	WANT("line 2 and others is not a search");
	want_older("camden", 1, __LINE__);
	want_older("nurs", 2, __LINE__);
	search("health");
	out = quit(__LINE__);
	/* The bad lines never reach the terminal. */
	assert_null(strstr(out, "\033]52;c;eA=="));
	text = e2e_keep(e2e_slurp(path_in("state/sma-allies/history.bad"),
	    NULL));
	if (text == NULL)
		fail_msg("the corrupt file was not kept aside");
	assert_memory_equal(text, bad, sizeof(bad) - 1);
	text = e2e_keep(e2e_slurp(hist_file(), NULL));
	assert_string_equal(text, "nurs\ncamden\nhealth\n");
}

static void
test_unreadable_place(void **state)
{
	(void)state;
	/* A state "directory" that is a file: the warning comes at once. */
	assert_int_equal(e2e_write_file(path_in("state"), "x", 1, 0600, 0),
	    0);
	start(NULL, path_in("state"));
	WANT("Not a directory");
	search("nurs");
	quit(__LINE__);
	assert_memory_equal(e2e_keep(e2e_slurp(path_in("state"), NULL)), "x",
	    2);
}

static void
test_unwritable(void **state)
{
	const char *out;

	(void)state;
	/* Nothing can be made under /proc, not even by root. */
	start(NULL, "/proc");
	search("nurs");
	out = quit(__LINE__);
	assert_non_null(strstr(out, "warning: search history "
	    "/proc/sma-allies/history: "));
}

static void
test_not_a_file(void **state)
{
	struct stat st;

	(void)state;
	assert_int_equal(mkdir(path_in("state"), 0700), 0);
	assert_int_equal(mkdir(path_in("state/sma-allies"), 0700), 0);
	assert_int_equal(mkfifo(hist_file(), 0600), 0);
	/* A FIFO must not hang the start: the title is waited for. */
	start(NULL, path_in("state"));
	WANT("not a regular file");
	search("nurs");
	quit(__LINE__);
	assert_int_equal(stat(hist_file(), &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
}

static void
test_kiosk_keeps_none(void **state)
{
	const char *args[] = { "--kiosk", NULL };
	const char *why;

	(void)state;
	start(args, path_in("state"));
	search("nurs");
	vt_kill(t_vt, SIGTERM);
	why = e2e_exit_why(t_vt, T_WAIT);
	if (why != NULL)
		fail_msg("kiosk: %s", why);
	assert_int_equal(access(path_in("state"), F_OK), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_kept_between_runs, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_home_fallback, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_at_most_500, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_unreadable_place, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_unwritable, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_not_a_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_kiosk_keeps_none, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
