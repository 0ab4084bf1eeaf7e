/*
 * test_regex.c - end-to-end tests of the work budget of a search: no
 * pattern, on any data, holds the screen, and a pattern that passes the
 * budget says so in the search bar exactly as -s says it on stderr,
 * while the list keeps the last filter that was complete.
 *
 * Covered: a runaway pattern over a long run of a's, typed in the bar
 * (the message, the count of the last complete filter); the same over a
 * directory large enough to be scanned in slices; the kiosk, where the
 * nested empty alternatives of (?:|){20}(*FAIL) once left the screen
 * dead for half a minute, answering the next key within a second;
 * SIGTERM during a slow search ending the browser within half a second
 * with the terminal restored.
 *
 * The program under test is $SMA_ALLIES_BIN (default
 * build/asan/sma-allies); the tests run from the top of the tree.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e/e2e.h"

#define T_WAIT		8000
#define LONG_RUN	30000		/* a's in the long description */
#define MANY		30000		/* allies of the sliced directory */
#define ENTER_ALT	"\033[?1049h"	/* xterm-256color's smcup */
#define LEAVE_ALT	"\033[?1049l"	/* and rmcup */

static struct vt *t_vt;
static char *t_dir;
static char t_bin[4096];

/* The program under test, and a folder of its own for each test. */
static int
setup(void **state)
{
	const char *bin = getenv("SMA_ALLIES_BIN");

	(void)state;
	if (bin == NULL || *bin == '\0')
		bin = "build/asan/sma-allies";
	snprintf(t_bin, sizeof(t_bin), "%s", bin);
	t_dir = e2e_tmpdir("sma-regex");
	if (t_dir == NULL)
		fail_msg("no temporary folder: %s", strerror(errno));
	return 0;
}

/* A program still running (a test that failed half-way) is killed. */
static void
stop_program(void)
{
	if (t_vt == NULL)
		return;
	vt_kill(t_vt, SIGKILL);
	vt_free(t_vt);
	t_vt = NULL;
}

static int
teardown(void **state)
{
	char *dir = t_dir;

	(void)state;
	t_dir = NULL;
	stop_program();
	e2e_rmtree(dir);
	free(dir);
	e2e_release();
	return 0;
}

static void
env_for_test(struct e2e_env *env)
{
	e2e_env_init(env);
	e2e_env_putf(env, "HOME=%s", t_dir);
	e2e_env_put(env, "PATH=/usr/bin:/bin");
	e2e_env_sanitizers(env);
}

static void
spawn(const char *const *args, int rows, int cols)
{
	struct e2e_env env;

	env_for_test(&env);
	t_vt = e2e_spawn(t_bin, args, &env, rows, cols);
	e2e_env_free(&env);
	if (t_vt == NULL)
		fail_msg("cannot start %s: %s", t_bin, strerror(errno));
}

/* A failure at line, with the screen as it was. */
static void
expect(int ok, const char *what, int line)
{
	if (ok)
		return;
	e2e_dump(t_vt, what);
	fail_msg("line %d: %s", line, what);
}
#define WANT(s)	expect(vt_wait_text(t_vt, (s), T_WAIT), \
	    e2e_fmt("never showed: %s", (s)), __LINE__)

/* Type s one key at a time, as a person does. */
static void
type(const char *s)
{
	char key[2] = { 0, 0 };

	for (; *s != '\0'; s++) {
		key[0] = *s;
		e2e_press(t_vt, key);
		vt_pump(t_vt, 5);
	}
}

/*
 * A data file of n plain allies (named "Ally N", one in every ten a
 * nurse's), then one whose description is a run of LONG_RUN a's and a
 * full stop.  Returns its path.
 */
static const char *
write_data(const char *name, size_t n)
{
	const char *path = e2e_fmt("%s/%s", t_dir, name);
	char *run = e2e_keep(e2e_realloc(NULL, LONG_RUN + 2));
	FILE *fp;
	size_t i;

	memset(run, 'a', LONG_RUN);
	run[LONG_RUN] = '.';
	run[LONG_RUN + 1] = '\0';
	if ((fp = fopen(path, "w")) == NULL)
		fail_msg("%s: %s", path, strerror(errno));
	fputs("allies:\n", fp);
	for (i = 0; i < n; i++)
		fprintf(fp, "  - {name: Ally %zu, url: \"https://e%zu.example/\","
		    " description: %s}\n", i, i, i % 10 == 0 ? "nurses" :
		    "plain text");
	fprintf(fp, "  - {name: Long, url: \"https://long.example/\", "
	    "description: %s}\n", run);
	if (fclose(fp) != 0)
		fail_msg("%s: %s", path, strerror(errno));
	return path;
}

/* What -s says on stderr about pattern over data, without the name. */
static const char *
cli_says(const char *data, const char *pattern)
{
	const char *args[] = { "-d", data, "-s", pattern, NULL };
	const char *colon;
	struct e2e_env env;
	char *out, *nl;
	int status;

	env_for_test(&env);
	status = e2e_run(t_bin, args, &env, 1, &out);
	e2e_env_free(&env);
	e2e_keep(out);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 2);
	if ((nl = strchr(out, '\n')) != NULL)
		*nl = '\0';
	assert_non_null(colon = strstr(out, ": "));
	return colon + 2;
}

struct bar_text {
	const char	*query;
	const char	*msg;
};

/* The bar holds the query and then, at its end, the message whole. */
static int
bar_holds(struct vt *vt, const void *arg)
{
	const struct bar_text *b = arg;
	char *row = e2e_keep(e2e_row_trim(vt, -1));
	size_t n = strlen(row), m = strlen(b->msg);

	return row[0] == '/' && strncmp(row + 1, b->query,
	    strlen(b->query)) == 0 && n > m && strcmp(row + n - m, b->msg) == 0;
}

static void
bar_says(const char *query, const char *msg, int line)
{
	struct bar_text b = { query, msg };

	expect(e2e_until(t_vt, bar_holds, &b, T_WAIT),
	    e2e_fmt("the bar never said: %s", msg), line);
}

/* The title's count, as "/  N/M" or "/  N+/M". */
static int
title_count(size_t *n, size_t *total, int *partial)
{
	char *row = e2e_keep(e2e_row_trim(t_vt, 0)), *p;
	char plus;

	if ((p = strstr(row, "/  ")) == NULL)
		return 0;
	*partial = 0;
	if (sscanf(p, "/  %zu%c", n, &plus) == 2 && plus == '+')
		*partial = 1;
	p = strchr(p + 3, '/');
	return p != NULL && sscanf(p, "/%zu", total) == 1;
}

/*
 * (a+)+$ over the long run of a's passes the budget: the bar says what
 * -s says, and the list is that of (a+)+, the last complete filter.
 */
static void
test_runaway_says_too_complex(void **state)
{
	const char *data = write_data("two.yaml", 1), *msg;
	const char *args[] = { "-d", data, NULL };

	(void)state;
	msg = cli_says(data, "(a+)+$");
	assert_non_null(strstr(msg, "too complex"));
	spawn(args, 24, 220);
	WANT("1/2");
	type("/Lo");
	WANT("/  1/2");
	e2e_press(t_vt, "C-u");
	type("(a+)+$");
	bar_says("(a+)+$", msg, __LINE__);
	/* (a+)+ matched both, completely. */
	assert_true(e2e_row_has(t_vt, 0, "/  2/2", 0));
	e2e_press(t_vt, "Enter");
	WANT(e2e_fmt("Kept the last valid filter: %s", msg));
	assert_true(e2e_row_has(t_vt, 0, "/  2/2", 0));
	e2e_press(t_vt, "q");
	assert_null(e2e_exit_why(t_vt, T_WAIT));
}

/*
 * The same over a directory the browser scans in slices, the long run
 * last: from the moment the bar says too complex, the list is that of
 * the complete filter typed before, never a part of the new one.
 */
static void
test_sliced_runaway_keeps_last_filter(void **state)
{
	const char *data = write_data("many.yaml", MANY), *msg;
	const char *args[] = { "-d", data, NULL };
	size_t n, total;
	int partial;

	(void)state;
	msg = cli_says(data, "nurses|(a+)+$");
	spawn(args, 24, 220);
	WANT(e2e_fmt("1/%d", MANY + 1));
	type("/nurses");
	WANT(e2e_fmt("/  %d/%d", MANY / 10, MANY + 1));
	/*
	 * In one write, taken as one batch of keys: "nurses|" alone would
	 * match every ally, and whether its scan completed before the next
	 * key would decide which filter was the last complete one.
	 */
	vt_sends(t_vt, "|(a+)+$");
	bar_says("nurses|(a+)+$", msg, __LINE__);
	assert_true(title_count(&n, &total, &partial));
	assert_false(partial);
	assert_int_equal(n, MANY / 10);
	assert_int_equal(total, MANY + 1);
	/* And it stays so: nothing is scanned again behind the message. */
	vt_wait_quiet(t_vt, 300, T_WAIT);
	assert_true(title_count(&n, &total, &partial));
	assert_false(partial);
	assert_int_equal(n, MANY / 10);
	assert_true(bar_holds(t_vt, &(struct bar_text){ "nurses|(a+)+$",
	    msg }));
	e2e_press(t_vt, "Enter");
	e2e_press(t_vt, "q");
	assert_null(e2e_exit_why(t_vt, T_WAIT));
}

/* Does the screen show text? */
static int
screen_has(struct vt *vt, const void *text)
{
	return vt_find(vt, text, NULL, NULL);
}

/*
 * The kiosk, typed into as a visitor does: after every key of
 * /(?:|){20}(*FAIL) the next key shows on the screen within a second.
 */
static void
test_kiosk_answers_while_typing(void **state)
{
	static const char pattern[] = "(?:|){20}(*FAIL)";
	const char *args[] = { "--kiosk", NULL };
	char typed[sizeof(pattern)];
	int64_t t0;
	size_t i;

	(void)state;
	spawn(args, 24, 100);
	WANT("1/12");
	e2e_press(t_vt, "/");
	for (i = 0; pattern[i] != '\0'; i++) {
		memcpy(typed, pattern, i + 1);
		typed[i + 1] = '\0';
		t0 = vt_now_ms();
		e2e_press(t_vt, (char[]){ pattern[i], '\0' });
		expect(e2e_until(t_vt, screen_has, typed, 1000),
		    e2e_fmt("took more than a second to show: %s", typed),
		    __LINE__);
		assert_true(vt_now_ms() - t0 < 1000);
	}
	vt_kill(t_vt, SIGTERM);
	assert_null(e2e_exit_why(t_vt, T_WAIT));
}

/*
 * SIGTERM while a search that takes seconds is under way (its budget is
 * a search's, not a record's): the browser ends within half a second,
 * the terminal restored.
 */
static void
test_sigterm_during_slow_search(void **state)
{
	const char *data = write_data("slow.yaml", MANY);
	const char *args[] = { "-d", data, NULL };
	const char *out, *enter, *leave;
	int64_t t0;
	size_t len;

	(void)state;
	spawn(args, 24, 100);
	WANT(e2e_fmt("1/%d", MANY + 1));
	type("/(?:|){12}(*FAIL)");
	/* Still searching, as the count says. */
	WANT("searching");
	t0 = vt_now_ms();
	vt_kill(t_vt, SIGTERM);
	assert_null(e2e_exit_why(t_vt, T_WAIT));
	assert_true(vt_now_ms() - t0 < 500);
	out = vt_output(t_vt, &len);
	enter = out;
	while ((leave = strstr(enter + 1, ENTER_ALT)) != NULL)
		enter = leave;
	assert_non_null(strstr(enter, ENTER_ALT));
	assert_non_null(strstr(enter, LEAVE_ALT));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_runaway_says_too_complex),
		T(test_sliced_runaway_keeps_last_filter),
		T(test_kiosk_answers_while_typing),
		T(test_sigterm_during_slow_search),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
