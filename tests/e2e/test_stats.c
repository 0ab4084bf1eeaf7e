/*
 * test_stats.c - end-to-end tests of a kiosk's engagement counts
 * (--kiosk --stats FILE), run on a real pseudo-terminal through the vt
 * harness (tests/tty/vt.h).
 *
 * A scripted visit is made with keys, as a visitor makes it, and the
 * stats file is then compared line for line with what that visit must
 * give, the times checked to be real UTC times of the run and then
 * normalised.  A stats file that cannot be written (a full disk, which
 * /dev/full is, and a directory) must leave the kiosk running with the
 * reason on its bottom line; a stats file removed while the kiosk runs
 * is made again, header first.
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
#include <time.h>
#include <unistd.h>

#include "e2e/e2e.h"

#define T_WAIT		8000	/* generous: sanitizers, a loaded machine */
#define T_QUIET		150
#define IDLE_S		6	/* --idle of the scripted visit */
#define NALLIES		12
#define FIRST_ALLY	"The American Academy of Family Physicians"
#define SECOND_ALLY	"The Anchor Institutions Task Force"
#define HEADER		"time\tevent\tally\ttopic\tseconds\n"

static struct vt *t_vt;
static char *t_dir;
static char t_bin[4096];

static int
group_setup(void **state)
{
	const char *bin = getenv("SMA_ALLIES_BIN");

	(void)state;
	snprintf(t_bin, sizeof(t_bin), "%s", bin != NULL && *bin != '\0' ?
	    bin : "build/asan/sma-allies");
	if (access(t_bin, X_OK) != 0) {
		fprintf(stderr, "test_stats: %s: %s\n", t_bin, strerror(errno));
		return -1;
	}
	return (t_dir = e2e_tmpdir("sma-stats")) != NULL ? 0 : -1;
}

/* After each test: the kiosk (ended, if a failure left it running). */
static int
teardown(void **state)
{
	(void)state;
	e2e_release();
	vt_free(t_vt);
	t_vt = NULL;
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	e2e_rmtree(t_dir);
	free(t_dir);
	return 0;
}

/* Start the kiosk with args on 24x80 and wait for its list. */
static void
start_kiosk(const char *const *args)
{
	struct e2e_env env;

	e2e_env_init(&env);
	e2e_env_putf(&env, "HOME=%s", t_dir);
	e2e_env_pass(&env, "PATH");
	e2e_env_sanitizers(&env);
	t_vt = e2e_spawn(t_bin, args, &env, 24, 80);
	e2e_env_free(&env);
	if (t_vt == NULL)
		fail_msg("cannot start %s: %s", t_bin, strerror(errno));
	if (!vt_wait_text(t_vt, " 1/12", T_WAIT)) {
		e2e_dump(t_vt, "start");
		fail_msg("the kiosk did not show its list");
	}
	vt_wait_quiet(t_vt, T_QUIET, T_WAIT);
}

#define WAIT_TEXT(s) wait_text((s), __LINE__)

static void
wait_text(const char *s, int line)
{
	if (!vt_wait_text(t_vt, s, T_WAIT)) {
		e2e_dump(t_vt, "waiting for text");
		fail_msg("line %d: \"%s\" did not appear", line, s);
	}
}

/* Exit status 0 (so the sanitizers found no leak) after SIGTERM. */
static void
end_cleanly(void)
{
	const char *why;

	vt_kill(t_vt, SIGTERM);
	if ((why = e2e_exit_why(t_vt, T_WAIT)) != NULL) {
		e2e_dump(t_vt, "SIGTERM");
		fail_msg("after SIGTERM the kiosk %s", why);
	}
}

static void
assert_alive(void)
{
	int status = 0;

	if (waitpid(vt_pid(t_vt), &status, WNOHANG) != 0) {
		e2e_dump(t_vt, "process gone");
		fail_msg("the kiosk ended (status %#x)", status);
	}
}

/* What a file must hold for file_has(): needle, count times or more. */
struct want_file {
	const char	*path;
	const char	*needle;
	int		 count;
};

static int
file_has(struct vt *vt, const void *arg)
{
	const struct want_file *w = arg;
	char *s = e2e_slurp(w->path, NULL), *at = s;
	int n = 0;

	(void)vt;
	while (at != NULL && (at = strstr(at, w->needle)) != NULL) {
		n++;
		at += strlen(w->needle);
	}
	free(s);
	return n >= w->count;
}

#define WAIT_FILE(path, needle, ms) wait_file((path), (needle), 1, (ms), \
	__LINE__)
#define WAIT_FILE_N(path, needle, n, ms) wait_file((path), (needle), (n), \
	(ms), __LINE__)

static void
wait_file(const char *path, const char *needle, int count, int ms, int line)
{
	struct want_file w = { path, needle, count };
	char *s;

	if (!e2e_until(t_vt, file_has, &w, ms)) {
		s = e2e_keep(e2e_slurp(path, NULL));
		fail_msg("line %d: %s never held \"%s\" %d times; it holds:"
		    "\n%s", line, path, needle, count, s != NULL ? s :
		    "(nothing)");
	}
}

/*
 * The stats file with every time checked (ISO 8601 UTC, within the run
 * from `from` to now, in order) and then written T, and the seconds of
 * the first visit-end checked to lie in [lo, hi] and then written S.
 * Kept until the teardown.
 */
static const char *
normalised(const char *path, time_t from, long lo, long hi)
{
	char *s = e2e_keep(e2e_slurp(path, NULL)), *line, *next, *tab, *out;
	time_t now = time(NULL), prev = 0, t = 0;
	struct tm tm;
	int first_end = 1;
	size_t n;

	if (s == NULL)
		fail_msg("%s: %s", path, strerror(errno));
	out = e2e_keep(e2e_realloc(NULL, strlen(s) + 1));
	out[0] = '\0';
	for (line = s; *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) == NULL)
			fail_msg("%s: a line without a newline: %s", path, line);
		*next++ = '\0';
		if (strncmp(line, "time\t", 5) == 0) {
			strcat(out, line);
			strcat(out, "\n");
			continue;
		}
		memset(&tm, 0, sizeof(tm));
		if ((tab = strchr(line, '\t')) == NULL ||
		    tab - line != 20 || line[10] != 'T' || line[19] != 'Z' ||
		    strptime(line, "%Y-%m-%dT%H:%M:%SZ", &tm) != line + 20 ||
		    (t = timegm(&tm)) < from - 2 || t > now + 2 || t < prev)
			fail_msg("%s: not a UTC time of this run, in order: %s",
			    path, line);
		prev = t;
		strcat(out, "T");
		n = strlen(tab);
		if (first_end && n > 13 &&
		    strncmp(tab, "\tvisit-end\t\t\t", 13) == 0) {
			long sec = strtol(tab + 13, NULL, 10);

			if (sec < lo || sec > hi)
				fail_msg("%s: the first visit lasted %ld s, "
				    "not %ld to %ld: %s", path, sec, lo, hi,
				    line);
			strcat(out, "\tvisit-end\t\t\tS");
			first_end = 0;
		} else
			strcat(out, tab);
		strcat(out, "\n");
	}
	return out;
}

static void
assert_file_is(const char *path, const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fail_msg("%s (times normalised to T) is\n%s\nnot\n%s", path,
		    got, want);
}

/*
 * A visit made with keys: Down (the visit begins, on the second ally),
 * more than three seconds on it (viewed), Enter (its code), Esc, a
 * search typed in the bar and left, Home (the first ally), nothing more
 * until the idle reset (the first ally viewed, then the visit ends);
 * then one key in the attract loop, a second visit, and SIGTERM.  The
 * words typed appear nowhere in the file.
 */
static void
test_stats_visit(void **state)
{
	const char *path = e2e_fmt("%s/visit.tsv", t_dir), *got, *out;
	const char *idle = e2e_fmt("%d", IDLE_S);
	const char *args[] = { "--kiosk", "--idle", idle, "--cycle", "60",
	    "--stats", path, NULL };
	time_t from = time(NULL);
	char *raw;
	size_t len;

	(void)state;
	unlink(path);
	start_kiosk(args);
	WAIT_FILE(path, HEADER, T_WAIT);
	WAIT_FILE(path, "\tkiosk-start\t\t\t\n", T_WAIT);

	vt_key(t_vt, "Down");
	WAIT_TEXT(" 2/12");
	WAIT_FILE(path, "\tview\t" SECOND_ALLY "\t\t\n", 3000 + T_WAIT);
	vt_key(t_vt, "Enter");
	/* The code's own line: the description shows the address too. */
	WAIT_TEXT("Scan with a phone camera");
	WAIT_TEXT("https://www.margainc.com/aitf/");
	WAIT_FILE(path, "\tcode\t" SECOND_ALLY "\t\t\n", T_WAIT);
	vt_key(t_vt, "Esc");
	WAIT_TEXT(" 2/12");
	/* A key within the escape delay would be Alt-n. */
	vt_wait_quiet(t_vt, 100, T_WAIT);
	vt_sends(t_vt, "nurs");
	WAIT_FILE(path, "\tsearch\t\t\t\n", T_WAIT);
	WAIT_TEXT("/nurs/");
	vt_key(t_vt, "Esc");
	if (!vt_wait_gone(t_vt, "/nurs/", T_WAIT)) {
		e2e_dump(t_vt, "Esc in the search bar");
		fail_msg("Esc did not leave the search");
	}
	vt_key(t_vt, "Home");
	WAIT_TEXT(" 1/12");

	/* The reset: the first ally was in view for three seconds of it. */
	WAIT_FILE(path, "\tvisit-end\t", IDLE_S * 1000 + T_WAIT);
	vt_wait_quiet(t_vt, 500, T_WAIT);
	assert_alive();
	vt_key(t_vt, "Down");
	WAIT_FILE_N(path, "\tvisit-start\t", 2, T_WAIT);
	end_cleanly();

	got = normalised(path, from, 3, 60);
	assert_file_is(path, got,
	    HEADER
	    "T\tkiosk-start\t\t\t\n"
	    "T\tvisit-start\t\t\t\n"
	    "T\tview\t" SECOND_ALLY "\t\t\n"
	    "T\tcode\t" SECOND_ALLY "\t\t\n"
	    "T\tsearch\t\t\t\n"
	    "T\tview\t" FIRST_ALLY "\t\t\n"
	    "T\tvisit-end\t\t\tS\n"
	    "T\tvisit-start\t\t\t\n"
	    "T\tvisit-end\t\t\t0\n"
	    "T\tkiosk-stop\t\t\t\n");
	raw = e2e_keep(e2e_slurp(path, NULL));
	if (strstr(raw, "nurs") != NULL)
		fail_msg("the words typed are in the stats file:\n%s", raw);
	/* Not a virtual console: locking its switching is not tried. */
	out = vt_output(t_vt, &len);
	if (strstr(out, "console switching") != NULL)
		fail_msg("a pseudo-terminal was taken for the console: %s",
		    out);
}

/*
 * A stats file that cannot be written: the reason right above the
 * kiosk's buttons at the start and again at the next event, the kiosk
 * going on meanwhile.
 */
static void
unwritable(const char *path, const char *reason)
{
	const char *msg = e2e_fmt("Stats: cannot write %s: %s", path, reason);
	const char *args[] = { "--kiosk", "--stats", path, NULL };

	start_kiosk(args);
	if (!e2e_wait_row(t_vt, -2, msg, 1, 0, T_WAIT)) {
		e2e_dump(t_vt, "an unwritable stats file");
		fail_msg("the row above the buttons does not say \"%s\"",
		    msg);
	}
	vt_key(t_vt, "Down");
	WAIT_TEXT(" 2/12");
	/* The view, three seconds later, fails as well: said again. */
	if (!e2e_wait_row(t_vt, -2, msg, 1, 0, 3000 + T_WAIT)) {
		e2e_dump(t_vt, "after a view");
		fail_msg("the row above the buttons does not say \"%s\" "
		    "again", msg);
	}
	vt_key(t_vt, "Down");
	WAIT_TEXT(" 3/12");
	assert_alive();
	end_cleanly();
}

static void
test_stats_disk_full(void **state)
{
	(void)state;
	unwritable("/dev/full", strerror(ENOSPC));
}

static void
test_stats_directory(void **state)
{
	(void)state;
	unwritable(t_dir, strerror(EISDIR));
}

/* Removed (or rotated away) while the kiosk runs: made again. */
static void
test_stats_file_removed(void **state)
{
	const char *path = e2e_fmt("%s/removed.tsv", t_dir);
	const char *args[] = { "--kiosk", "--stats", path, NULL };

	(void)state;
	unlink(path);
	start_kiosk(args);
	WAIT_FILE(path, "\tkiosk-start\t", T_WAIT);
	if (unlink(path) != 0)
		fail_msg("%s: %s", path, strerror(errno));
	vt_key(t_vt, "Down");
	WAIT_FILE(path, "\tvisit-start\t", T_WAIT);
	assert_file_is(path, normalised(path, time(NULL) - 60, 0, 0),
	    HEADER "T\tvisit-start\t\t\t\n");
	if (e2e_find_row(t_vt, "Stats:") >= 0 ||
	    vt_find(t_vt, "Stats:", NULL, NULL)) {
		e2e_dump(t_vt, "a stats file made again");
		fail_msg("a stats file made again is reported as a failure");
	}
	end_cleanly();
}

#define T(f) cmocka_unit_test_teardown(f, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_stats_visit),
		T(test_stats_disk_full),
		T(test_stats_directory),
		T(test_stats_file_removed),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
