/*
 * test_browser.c - end-to-end tests of the interactive browser.
 *
 * Every test starts the real program ($SMA_ALLIES_BIN, by default the
 * sanitizer build) on a fresh pseudo-terminal through tests/tty/vt.c,
 * types keys and clicks as a person would, and reads the screen back
 * through libvterm: text, cell widths and attributes.  Nothing in the
 * program is switched on for testing.  Each test ends by pressing q and
 * checking that the program exited with status 0 (LeakSanitizer would
 * make it 86) and wrote no sanitizer report.
 *
 * Each test runs in its own temporary folder (also $HOME and the current
 * directory of the program); fake web browsers and data files are written
 * there at run time and removed afterwards.  Waiting is always for a
 * screen state (or a file) with a timeout, never a bare sleep.  What is
 * not about the browser (files, the environment, waiting) is in
 * tests/e2e/e2e.h; this file keeps the questions about its screen.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "e2e/e2e.h"

/* Generous: the sanitizer build and a loaded machine are slow. */
#define T_WAIT		5000
#define T_PATH		4096
#define T_LAST		(-1)	/* row -1: the bottom line */

/* A NULL-ended list of strings, for arguments and environment. */
#define T_LIST(...)	((const char *const []){ __VA_ARGS__, NULL })

#define T_WAIT_TEXT(s)	t_wait_text((s), 1, __FILE__, __LINE__)
#define T_WAIT_GONE(s)	t_wait_text((s), 0, __FILE__, __LINE__)
#define T_WAIT_ROW(r, s) t_wait_row((r), (s), 1, 0, __FILE__, __LINE__)
#define T_WAIT_ROW_GONE(r, s) t_wait_row((r), (s), 0, 0, __FILE__, __LINE__)
#define T_WAIT_PREFIX(r, s) t_wait_row((r), (s), 1, 1, __FILE__, __LINE__)
#define T_WAIT_NO_PREFIX(r, s) t_wait_row((r), (s), 0, 1, __FILE__, __LINE__)
#define T_ROW(r, s)	t_check_row((r), (s), 1, __FILE__, __LINE__)
#define T_NOT_ROW(r, s)	t_check_row((r), (s), 0, __FILE__, __LINE__)
#define T_FAIL(...)	t_failed(__FILE__, __LINE__, __VA_ARGS__)
#define T_CHECK(c, ...)	do { if (!(c)) T_FAIL(__VA_ARGS__); } while (0)
#define T_QUIT()	t_quit(__FILE__, __LINE__)

static struct vt *t_vt;			/* the program under test */
static int t_rows, t_cols;
static char t_bin[T_PATH];		/* the program */
static char t_data[T_PATH];		/* data/allies.yaml, "" if unknown */
static char t_fixtures[T_PATH];		/* tests/data/good, "" if unknown */
static char t_start_dir[T_PATH];	/* where the suite was started */
static char *t_dir;			/* this test's temporary folder */

/* ---- diagnostics ---- */

static void
t_failed(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
t_failed(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (t_vt != NULL)
		e2e_dump(t_vt, "at the failure");
	_fail(file, line);
}

/* ---- files ---- */

/* Written aside, then renamed over: a watcher never sees half. */
static void
t_write_file(const char *path, const char *text, size_t len, int mode)
{
	if (e2e_write_file(path, text, len, mode, 1) != 0)
		fail_msg("%s: %s", path, strerror(errno));
}

static void
t_write(const char *path, const char *text)
{
	t_write_file(path, text, strlen(text), 0644);
}

/* A shared fixture of tests/data/good; a missing one fails the test. */
static const char *
t_fixture(const char *name)
{
	const char *path = e2e_fmt("%s/%s", t_fixtures, name);

	if (t_fixtures[0] == '\0' || access(path, R_OK) != 0)
		fail_msg("no fixture %s: tests/data/good is not found from %s",
		    name, t_bin);
	return path;
}

/* A shell script in the test's bin folder; returns its path. */
static const char *
t_script(const char *name, const char *body)
{
	const char *path = e2e_fmt("%s/bin/%s", t_dir, name);
	const char *text = e2e_fmt("#!/bin/sh\n%s", body);

	t_write_file(path, text, strlen(text), 0755);
	return path;
}

/*
 * A fake graphical browser: writes its arguments, one a line, to
 * record, then exits with code.
 */
static const char *
t_fake_browser(const char *name, const char *record, int code)
{
	return t_script(name, e2e_fmt(
	    "out='%s'\n"
	    ": > \"$out.part\"\n"
	    "for a in \"$@\"; do printf '%%s\\n' \"$a\" >> \"$out.part\"; "
	    "done\n"
	    "mv \"$out.part\" \"$out\"\n"
	    "exit %d\n", record, code));
}

/* ---- the program ---- */

/*
 * Start the program on a rows x cols terminal with args after its name
 * and the standard environment changed by env (both NULL-ended lists,
 * either may be NULL).
 */
static void
t_start(int rows, int cols, const char *const *env, const char *const *args)
{
	const char *path = getenv("PATH");
	struct e2e_env e;
	size_t i;

	e2e_env_init(&e);
	e2e_env_putf(&e, "HOME=%s", t_dir);
	e2e_env_putf(&e, "PATH=%s", path != NULL ? path : "/usr/bin:/bin");
	/* A graphical session: the fake openers here are graphical ones. */
	e2e_env_put(&e, "DISPLAY=:7");
	e2e_env_sanitizers(&e);
	for (i = 0; env != NULL && env[i] != NULL; i++)
		e2e_env_put(&e, env[i]);
	t_vt = e2e_spawn(t_bin, args, &e, rows, cols);
	e2e_env_free(&e);
	if (t_vt == NULL)
		fail_msg("cannot start %s: %s", t_bin, strerror(errno));
	t_rows = rows;
	t_cols = cols;
}

/* End the program now, so that the test can start it again. */
static void
t_stop(void)
{
	vt_free(t_vt);
	t_vt = NULL;
}

/*
 * Run the program outside the terminal with args; its stdout (and
 * stderr, with both) in *out, freed at teardown.  Returns its exit
 * status, -1 if it did not exit.
 */
static int
t_run_cli(const char *const *args, int both, char **out)
{
	int st = e2e_run(t_bin, args, NULL, both, out);

	e2e_keep(*out);
	if (*out == NULL)
		fail_msg("cannot run %s: %s", t_bin, strerror(errno));
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
t_resize(int rows, int cols)
{
	vt_resize(t_vt, rows, cols);
	t_rows = rows;
	t_cols = cols;
}

/* Let a burst of output finish before looking at attributes. */
static void
t_settle(void)
{
	vt_wait_quiet(t_vt, 60, T_WAIT);
}

static void
t_key(const char *name)
{
	vt_key(t_vt, name);
}

static void
t_type(const char *s)
{
	vt_sends(t_vt, s);
}

/* Fail on any sanitizer report in what the program wrote. */
static void
t_check_clean(const char *file, int line)
{
	const char *out = vt_output(t_vt, NULL);
	const char *p = e2e_sanitizer_report(out);

	if (p != NULL) {
		fprintf(stderr, "%s:%d: sanitizer output:\n%.4000s\n", file,
		    line, p > out + 200 ? p - 200 : out);
		_fail(file, line);
	}
}

/* Press q and expect a clean exit with status 0. */
static void
t_quit(const char *file, int line)
{
	const char *why;

	t_check_clean(file, line);
	vt_sends(t_vt, "q");
	why = e2e_exit_why(t_vt, 15000);
	t_check_clean(file, line);
	if (why != NULL)
		t_failed(file, line, "after q: %s (86 is a leak report)", why);
}

/* ---- the screen ---- */

static int
t_rowno(int row)
{
	return row < 0 ? t_rows + row : row;
}

static char *
t_row(int row)
{
	return vt_row(t_vt, t_rowno(row));
}

static int
t_row_has(int row, const char *s, int prefix)
{
	return e2e_row_has(t_vt, row, s, prefix);
}

static void
t_wait_text(const char *s, int want, const char *file, int line)
{
	int ok = want ? vt_wait_text(t_vt, s, T_WAIT) :
	    vt_wait_gone(t_vt, s, T_WAIT);

	if (!ok)
		t_failed(file, line, "waited for \"%s\" to %s", s,
		    want ? "appear" : "go");
}

static void
t_wait_row(int row, const char *s, int want, int prefix, const char *file,
    int line)
{
	if (!e2e_wait_row(t_vt, row, s, want, prefix, T_WAIT))
		t_failed(file, line, "waited for row %d to %s \"%s\"",
		    t_rowno(row), want ? (prefix ? "start with" : "hold") :
		    "lose", s);
}

static void
t_check_row(int row, const char *s, int want, const char *file, int line)
{
	if (t_row_has(row, s, 0) != want)
		t_failed(file, line, "row %d %s \"%s\"", t_rowno(row),
		    want ? "lacks" : "holds", s);
}

static struct vt_cell
t_cell(int row, int col)
{
	struct vt_cell c;

	memset(&c, 0, sizeof(c));
	if (vt_cell(t_vt, t_rowno(row), col, &c) < 0)
		fail_msg("no cell %d,%d", row, col);
	return c;
}

/*
 * Find s (base characters, one a cell) on the screen at or after row
 * from, and at or after column mincol; sets the cell of its first
 * character.  1 found, 0 not.
 */
static int
t_find(const char *s, int from, int mincol, int *row, int *col)
{
	uint32_t want[256], have[1024];
	int cols[1024];
	size_t nw = e2e_utf8_decode(s, want, 256), nh, i, j;
	struct vt_cell c;
	int r, x;

	for (r = t_rowno(from); r < t_rows; r++) {
		nh = 0;
		for (x = mincol; x < t_cols && nh < 1024; x++) {
			if (vt_cell(t_vt, r, x, &c) < 0 || c.width == 0)
				continue;
			have[nh] = c.ch[0] != 0 ? c.ch[0] : ' ';
			cols[nh++] = x;
		}
		for (i = 0; nw > 0 && i + nw <= nh; i++) {
			for (j = 0; j < nw && have[i + j] == want[j]; j++)
				;
			if (j == nw) {
				*row = r;
				*col = cols[i];
				return 1;
			}
		}
	}
	return 0;
}

/* Are all cells of row from col a to col b (inclusive) reverse? */
static int
t_reverse(int row, int a, int b)
{
	int x;

	for (x = a; x <= b; x++)
		if (!t_cell(row, x).reverse)
			return 0;
	return 1;
}

/* The number before '%' on row, or -1. */
static int
t_percent(int row)
{
	char *r = t_row(row), *p = strchr(r, '%');
	int v = -1;

	if (p != NULL) {
		while (p > r && p[-1] >= '0' && p[-1] <= '9')
			p--;
		v = atoi(p);
	}
	free(r);
	return v;
}

/*
 * What a pane header says about scrolling: a percentage ("60%") or
 * arrows ("more ↓", "↑").  1 if it shows there is more below, 0 if it
 * shows the end, -1 if it shows no position at all.
 */
static int
t_more_below(int row)
{
	int pct = t_percent(row);

	if (t_row_has(row, "\xe2\x86\x93", 0))	/* ↓ */
		return 1;
	if (pct >= 0)
		return pct < 100;
	if (t_row_has(row, "\xe2\x86\x91", 0))	/* ↑ */
		return 0;
	return -1;
}

/* Pump until cond holds; 1 if it did within timeout_ms. */
static int
t_until(e2e_cond_cb cond, int timeout_ms)
{
	return e2e_until(t_vt, cond, NULL, timeout_ms);
}

#define T_UNTIL(cond, what) do { if (!t_until((cond), T_WAIT)) \
    T_FAIL("waited for %s", (what)); } while (0)

/* The arguments the fake browser got (one a line), or fail. */
static void
t_expect_argv(const char *record, const char *want, const char *file,
    int line)
{
	char *got;

	if (!e2e_wait_file(t_vt, record, T_WAIT))
		t_failed(file, line, "the opener never ran (no %s)", record);
	got = e2e_slurp(record, NULL);
	if (got == NULL || strcmp(got, want) != 0) {
		fprintf(stderr, "opener arguments:\n got: [%s]\nwant: [%s]\n",
		    got != NULL ? got : "(none)", want);
		free(got);
		t_failed(file, line, "wrong opener arguments");
	}
	free(got);
	unlink(record);
}

#define T_EXPECT_ARGV(rec, want) t_expect_argv((rec), (want), __FILE__, \
    __LINE__)

static void
t_base64(const char *s, char *out)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i;
	unsigned long v;

	for (i = 0; i < len; i += 3) {
		v = (unsigned long)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned long)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		*out++ = b64[v >> 18 & 63];
		*out++ = b64[v >> 12 & 63];
		*out++ = i + 1 < len ? b64[v >> 6 & 63] : '=';
		*out++ = i + 2 < len ? b64[v & 63] : '=';
	}
	*out = '\0';
}

/* Does the raw output hold needle (len bytes)? */
static const char *
t_raw_find(const char *needle, size_t nlen)
{
	return e2e_output_find(t_vt, needle, nlen);
}

/* The standard screen, 100x30, built-in data, row numbers used below:
 * 0 title, 1 pane headers, 2..28 list and description, 29 status. */
#define LIST_W	40	/* list pane width at 100 columns; "│" at 40 */
#define DESC_X	42	/* first text column of the description */

/* Wait for the first screen of the built-in data. */
static void
t_wait_ready(void)
{
	T_WAIT_TEXT("12 allies");
	T_WAIT_TEXT("Description");
	t_settle();
}

/*
 * The standard screen with a fake browser (see t_fake_browser) that
 * exits with code; returns the file it records its arguments in.
 */
static const char *
t_start_with_browser(const char *name, int code)
{
	const char *rec = e2e_fmt("%s/argv", t_dir);

	t_start(30, 100, T_LIST(e2e_fmt("BROWSER=%s",
	    t_fake_browser(name, rec, code))), NULL);
	t_wait_ready();
	return rec;
}

/* ---- setup ---- */

static int
t_setup(void **state)
{
	(void)state;
	if ((t_dir = e2e_tmpdir("sma-e2e")) == NULL ||
	    mkdir(e2e_fmt("%s/bin", t_dir), 0755) == -1 ||
	    chdir(t_dir) == -1)
		return -1;
	return 0;
}

static int
t_teardown(void **state)
{
	(void)state;
	t_stop();
	if (chdir(t_start_dir) == -1)
		return -1;
	e2e_rmtree(t_dir);
	free(t_dir);
	t_dir = NULL;
	e2e_release();
	return 0;
}

/* ---- tests: the first screen and the keys ---- */


static void
test_first_screen(void **state)
{
	int r, c;

	(void)state;
	t_start(30, 100, NULL, NULL);
	t_wait_ready();
	T_ROW(0, "Social Mission Alliance Allies Program");
	T_ROW(0, "12 allies");
	T_ROW(1, "Allies");
	T_ROW(1, "1/12");
	T_ROW(1, "Description");
	T_CHECK(t_row_has(2, " The American Academy of Family", 1),
	    "first ally not on the first list row");
	T_CHECK(t_reverse(2, 0, LIST_W - 1), "first ally not selected");
	T_CHECK(!t_cell(3, 5).reverse, "second ally drawn as selected");
	/* The description pane, right of the list. */
	T_CHECK(t_find("The American Academy of Family Physicians", 2, LIST_W,
	    &r, &c), "no name in the description");
	T_CHECK(t_find("Website: https://www.aafp.org/", 2, LIST_W, &r, &c),
	    "no website");
	T_CHECK(t_find("Tags: family medicine, physicians, primary care", 2,
	    LIST_W, &r, &c), "no tags");
	T_CHECK(t_find("The American Academy of Family Physicians (AAFP) was",
	    2, LIST_W, &r, &c), "no description");
	T_WAIT_ROW(T_LAST, "/ search");
	T_QUIT();
}

static void
test_keys_move(void **state)
{
	(void)state;
	/* 12 rows: a list of 9 rows, so paging and scrolling show. */
	t_start(12, 100, NULL, NULL);
	T_WAIT_TEXT("1/12");
	t_type("j");
	T_WAIT_ROW(1, "2/12");
	t_settle();
	T_CHECK(t_reverse(3, 0, LIST_W - 1) && !t_cell(2, 5).reverse,
	    "j: selection bar not on the second row");
	T_CHECK(t_find("The Anchor Institutions Task Force", 2, LIST_W,
	    &(int){ 0 }, &(int){ 0 }), "j: description not following");
	t_type("k");
	T_WAIT_ROW(1, "1/12");
	t_key("Down");
	T_WAIT_ROW(1, "2/12");
	t_key("Down");
	T_WAIT_ROW(1, "3/12");
	t_key("Up");
	T_WAIT_ROW(1, "2/12");
	t_key("Up");
	T_WAIT_ROW(1, "1/12");
	t_key("Up");		/* stays at the top */
	t_settle();
	T_ROW(1, "1/12");
	/* 9 list rows: a page is 8. */
	t_key("PgDn");
	T_WAIT_ROW(1, "9/12");
	t_key("Space");
	T_WAIT_ROW(1, "12/12");
	t_settle();
	T_CHECK(t_row_has(2, " The American Medical Student", 1),
	    "list not scrolled to keep the last ally in view");
	T_CHECK(t_reverse(10, 0, LIST_W - 1), "last ally not selected");
	t_key("PgUp");
	T_WAIT_ROW(1, "4/12");
	t_key("PgUp");
	T_WAIT_ROW(1, "1/12");
	t_type("G");
	T_WAIT_ROW(1, "12/12");
	T_WAIT_TEXT("The Sex and Gender Health Collaborative");
	t_type("g");
	T_WAIT_ROW(1, "1/12");
	t_key("End");
	T_WAIT_ROW(1, "12/12");
	t_key("Home");
	T_WAIT_ROW(1, "1/12");
	T_QUIT();
}

static void
test_focus_scrolls_description(void **state)
{
	int r, c;

	(void)state;
	t_start(12, 100, NULL, NULL);
	T_WAIT_TEXT("Description");
	t_settle();
	T_CHECK(t_find("The American Academy of Family Physicians", 2,
	    LIST_W, &r, &c) && r == 2, "name not on the first line");
	T_CHECK(!t_cell(1, DESC_X + 2).bold, "description header focused "
	    "before Tab");
	t_key("Tab");
	t_settle();
	T_CHECK(t_cell(1, DESC_X + 2).bold, "Tab: description header not "
	    "shown as focused");
	T_CHECK(t_more_below(1) == 1, "header does not show there is more "
	    "below");
	t_type("j");
	T_WAIT_ROW(2, "Abbreviation: AAFP");	/* one line up */
	T_ROW(1, "1/12");		/* the list did not move */
	t_type("k");
	T_WAIT_ROW(2, "The American Academy of Family Physicians");
	t_key("End");
	T_WAIT_TEXT("20th primary specialty.");
	t_settle();
	T_CHECK(t_more_below(1) == 0, "header does not show the end");
	t_key("Home");
	T_WAIT_ROW(2, "The American Academy of Family Physicians");
	t_key("PgDn");
	T_WAIT_ROW_GONE(2, "The American Academy of Family Physicians");
	T_ROW(1, "1/12");
	/* Back to the list: j moves the selection again. */
	t_key("Tab");
	t_type("j");
	T_WAIT_ROW(1, "2/12");
	T_QUIT();
}

/* ---- search ---- */

/*
 * A cell of a match: underlined, and black on yellow in colour (not
 * bold: xterm shows bold black as grey), bold without colour.
 */
static int
t_match_cell(const struct vt_cell *c)
{
	return c->underline && (c->bold || (c->bg_index == 3 &&
	    c->fg_index == 0));
}

static void
test_live_search(void **state)
{
	static const char *const typed[] = { "n", "nu", "nur", "nurs" };
	struct vt_cell c;
	size_t i;
	int r, x, k;

	(void)state;
	t_start(30, 100, NULL, NULL);
	t_wait_ready();
	t_type("/");
	T_WAIT_PREFIX(T_LAST, "/ ");
	T_WAIT_ROW(T_LAST, "12/12");
	for (i = 0; i < 4; i++) {
		t_type(e2e_fmt("%c", typed[i][i]));
		T_WAIT_PREFIX(T_LAST, e2e_fmt("/%s ", typed[i]));
	}
	T_WAIT_ROW(0, "/nurs/");
	T_WAIT_ROW(T_LAST, "1/12");
	T_WAIT_ROW(1, "1/1");
	t_settle();
	T_CHECK(t_row_has(2, " The Organization for Associate Degree", 1),
	    "OADN not the only ally listed");
	for (r = 3; r < 28; r++) {
		char *row = t_row(r);

		/* Nothing left of the separator on the other rows. */
		T_CHECK(strncmp(row, "                                       ",
		    LIST_W - 1) == 0, "row %d of the list not empty", r);
		free(row);
	}
	/*
	 * The description's first line (after name, abbreviation, website,
	 * tags and a blank) starts with the name: "Nurs" of "Nursing" is a
	 * match, "ing" and the words before are not.
	 */
	T_CHECK(t_find("Nursing", 3, LIST_W, &r, &x) && r >= 7,
	    "no \"Nursing\" in the description text");
	for (k = 0; k < 4; k++) {
		c = t_cell(r, x + k);
		T_CHECK(t_match_cell(&c), "cell %d,%d of a match is not "
		    "highlighted", r, x + k);
	}
	for (k = 4; k < 7; k++) {
		c = t_cell(r, x + k);
		T_CHECK(!c.underline, "cell %d,%d after the match is "
		    "underlined", r, x + k);
	}
	T_CHECK(t_find("The Organization", r, LIST_W, &r, &x),
	    "description start");
	c = t_cell(r, x);
	T_CHECK(!c.bold && !c.underline, "non-matching text highlighted");
	/* Caseless: "nursing education" further down matches too. */
	T_CHECK(t_find("nursing education", 7, LIST_W, &r, &x), "no text");
	c = t_cell(r, x);
	T_CHECK(t_match_cell(&c), "caseless match not highlighted");
	t_key("Enter");
	T_WAIT_NO_PREFIX(T_LAST, "/");
	T_ROW(0, "/nurs/");
	T_QUIT();
}

static void
test_search_bar_keys(void **state)
{
	(void)state;
	t_start(30, 100, NULL, NULL);
	t_wait_ready();
	/* Enter keeps the filter. */
	t_type("/nurs");
	T_WAIT_ROW(0, "/nurs/");
	t_key("Enter");
	T_WAIT_NO_PREFIX(T_LAST, "/");
	T_ROW(0, "/nurs/");
	T_ROW(1, "1/1");
	/* The bar opens on the current pattern; Ctrl-U clears it. */
	t_type("/");
	T_WAIT_PREFIX(T_LAST, "/nurs ");
	t_key("C-u");
	T_WAIT_PREFIX(T_LAST, "/ ");
	T_WAIT_ROW(0, "12 allies");
	T_WAIT_ROW(T_LAST, "12/12");
	t_type("camden");
	T_WAIT_ROW(0, "/camden/");
	t_key("Enter");
	T_WAIT_NO_PREFIX(T_LAST, "/");
	T_ROW(0, "/camden/");
	T_WAIT_TEXT("The Camden Coalition");
	/* History: Up goes to older searches, Down back to newer. */
	t_type("/");
	T_WAIT_PREFIX(T_LAST, "/camden ");
	t_key("C-u");
	T_WAIT_PREFIX(T_LAST, "/ ");
	t_key("Up");
	T_WAIT_PREFIX(T_LAST, "/camden ");
	t_key("Up");
	T_WAIT_PREFIX(T_LAST, "/nurs ");
	T_WAIT_ROW(0, "/nurs/");	/* and it filters live */
	t_key("Down");
	T_WAIT_PREFIX(T_LAST, "/camden ");
	t_key("Down");
	T_WAIT_PREFIX(T_LAST, "/ ");
	/* Esc in the bar restores the filter from before it opened. */
	t_type("people");
	T_WAIT_ROW(0, "/people/");
	T_WAIT_TEXT("People Power Health");
	t_key("Esc");
	T_WAIT_ROW(0, "/camden/");
	T_WAIT_ROW_GONE(T_LAST, "/people");
	T_WAIT_ROW(1, "1/1");
	T_WAIT_TEXT("The Camden Coalition");
	/* Esc while browsing clears the filter. */
	t_key("Esc");
	T_WAIT_ROW(0, "12 allies");
	T_WAIT_ROW(1, "/12");
	T_WAIT_TEXT("The Anchor Institutions Task Force");
	T_QUIT();
}

static void
test_next_prev(void **state)
{
	(void)state;
	t_start(30, 100, NULL, NULL);
	t_wait_ready();
	/* Without a search n does not move the selection. */
	t_type("n");
	t_settle();
	T_ROW(1, "1/12");
	/* "health": 10 of the 12 allies. */
	t_type("/health");
	T_WAIT_ROW(0, "/health/");
	t_key("Enter");
	T_WAIT_ROW(1, "1/10");
	t_type("n");
	T_WAIT_ROW(1, "2/10");
	t_type("n");
	T_WAIT_ROW(1, "3/10");
	t_type("N");
	T_WAIT_ROW(1, "2/10");
	t_type("G");
	T_WAIT_ROW(1, "10/10");
	t_type("n");
	T_WAIT_ROW(1, "1/10");
	T_WAIT_ROW(T_LAST, "wrapped");
	t_type("N");
	T_WAIT_ROW(1, "10/10");
	T_WAIT_ROW(T_LAST, "wrapped");
	t_type("N");
	T_WAIT_ROW(1, "9/10");
	T_WAIT_ROW_GONE(T_LAST, "wrapped");
	T_QUIT();
}

/* PCRE2's own message offset for pattern, as the program compiles it. */
static size_t
t_pcre2_offset(const char *pattern)
{
	PCRE2_SIZE off = 0;
	int err = 0;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern,
	    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS,
	    &err, &off, NULL);

	assert_null(re);
	return (size_t)off;
}

static void
test_invalid_pattern(void **state)
{
	size_t off;
	int r, c;

	(void)state;
	t_start(30, 100, NULL, NULL);
	t_wait_ready();
	t_type("/nurs");
	T_WAIT_ROW(0, "/nurs/");
	t_type("(");
	T_WAIT_ROW(T_LAST, "missing closing parenthesis");
	T_CHECK(t_row_has(T_LAST, "/nurs(", 1), "bar lost the pattern");
	/* The list keeps the last valid filter. */
	T_ROW(0, "/nurs/");
	T_ROW(1, "1/1");
	T_CHECK(t_row_has(2, " The Organization for Associate Degree", 1),
	    "list changed by an invalid pattern");
	off = t_pcre2_offset("nurs(");
	T_WAIT_ROW(-2, "^");
	T_CHECK(t_find("^", t_rows - 2, 0, &r, &c) && r == t_rows - 2 &&
	    c == 1 + (int)off, "caret at %d, PCRE2 says column %d", c,
	    1 + (int)off);
	/* Fixed: the message and the caret go. */
	t_key("Backspace");
	T_WAIT_ROW_GONE(T_LAST, "parenthesis");
	T_WAIT_ROW(T_LAST, "1/12");
	T_WAIT_ROW_GONE(-2, "^");
	/* An error inside the pattern: the caret stays under it. */
	t_key("C-u");
	T_WAIT_ROW(0, "12 allies");
	t_type("x)yz");
	T_WAIT_PREFIX(T_LAST, "/x)yz");
	T_WAIT_ROW(T_LAST, "parenthesis");
	off = t_pcre2_offset("x)yz");
	T_WAIT_ROW(-2, "^");
	T_CHECK(t_find("^", t_rows - 2, 0, &r, &c) && c == 1 + (int)off,
	    "caret at %d, PCRE2 says column %d", c, 1 + (int)off);
	T_ROW(0, "/x/");
	t_key("Esc");
	T_WAIT_ROW(0, "12 allies");
	T_WAIT_ROW_GONE(-2, "^");
	T_QUIT();
}

static void
test_runaway_pattern(void **state)
{
	static const char pattern[] = "(?:a+)+$";
	char *text, *out;
	size_t i, n = 6000;

	(void)state;
	text = malloc(n + 200);
	assert_non_null(text);
	i = (size_t)sprintf(text, "allies:\n  - name: Runaway\n    url: "
	    "https://example.org/\n    description: \"");
	memset(text + i, 'a', n);
	strcpy(text + i + n, "X\"\n");
	t_write("runaway.yaml", text);
	free(text);
	/* The matcher itself calls this one too complex. */
	t_run_cli(T_LIST("-d", "runaway.yaml", "-s", pattern), 1, &out);
	T_CHECK(strstr(out, "too complex") != NULL, "-s says: %s", out);

	t_start(30, 100, NULL, T_LIST("-d", "runaway.yaml"));
	T_WAIT_TEXT("1 ally");
	t_type("/");
	T_WAIT_PREFIX(T_LAST, "/ ");
	t_type(pattern);
	T_WAIT_ROW(T_LAST, "too complex");
	/* Still responsive: the next keys are handled at once. */
	t_key("Backspace");
	T_WAIT_ROW_GONE(T_LAST, "too complex");
	T_WAIT_PREFIX(T_LAST, "/(?:a+)+ ");
	T_WAIT_ROW(T_LAST, "1/1");
	t_type("$");
	T_WAIT_ROW(T_LAST, "too complex");
	t_key("Esc");
	T_WAIT_ROW(0, "1 ally");
	T_WAIT_ROW_GONE(T_LAST, "too complex");
	T_QUIT();
}

/* ---- actions ---- */

static void
test_copy_osc52(void **state)
{
	char b64[256];
	const char *seq;

	(void)state;
	t_start(30, 100, NULL, NULL);
	t_wait_ready();
	t_type("y");
	T_WAIT_ROW(T_LAST, "Copied");
	t_base64("https://www.aafp.org/", b64);
	seq = e2e_fmt("\033]52;c;%s", b64);
	T_CHECK(t_raw_find(seq, strlen(seq)) != NULL, "no OSC 52 with %s",
	    b64);
	T_CHECK(t_raw_find(e2e_fmt("%s\a", seq), strlen(seq) + 1) != NULL ||
	    t_raw_find(e2e_fmt("%s\033\\", seq), strlen(seq) + 2) != NULL,
	    "OSC 52 not ended by BEL or ST");
	t_type("j");
	T_WAIT_ROW(1, "2/12");
	t_type("y");
	t_base64("https://www.margainc.com/aitf/", b64);
	seq = e2e_fmt("\033]52;c;%s", b64);
	T_WAIT_ROW(T_LAST, "Copied");
	vt_wait_quiet(t_vt, 60, T_WAIT);
	T_CHECK(t_raw_find(seq, strlen(seq)) != NULL, "second copy missing");
	/* The screen is intact around it. */
	T_ROW(0, "12 allies");
	T_ROW(1, "Description");
	T_QUIT();
}

/* Y copies the name, E the whole entry as --show prints it. */
static void
test_copy_name_entry(void **state)
{
	static const char *const show[] = { "--show", "AAFP", NULL };
	char b64[4096], *entry = NULL;
	const char *seq;
	int st;

	(void)state;
	st = e2e_run(t_bin, show, NULL, 0, &entry);
	e2e_keep(entry);
	T_CHECK(st == 0 && entry != NULL && strlen(entry) < 3000,
	    "--show AAFP did not print the entry");
	t_start(30, 100, NULL, NULL);
	t_wait_ready();
	t_type("Y");
	T_WAIT_ROW(T_LAST, "Copied the name to the clipboard");
	t_base64("The American Academy of Family Physicians", b64);
	seq = e2e_fmt("\033]52;c;%s\a", b64);
	T_CHECK(t_raw_find(seq, strlen(seq)) != NULL, "no OSC 52 of the name");
	t_type("E");
	T_WAIT_ROW(T_LAST, "Copied the whole entry to the clipboard");
	vt_wait_quiet(t_vt, 60, T_WAIT);
	t_base64(entry, b64);
	seq = e2e_fmt("\033]52;c;%s\a", b64);
	T_CHECK(t_raw_find(seq, strlen(seq)) != NULL,
	    "no OSC 52 of the entry as --show prints it");
	T_ROW(0, "12 allies");
	T_QUIT();
}

/*
 * The website in the description is an OSC 8 hyperlink on a terminal
 * known to show them (here VTE), and nowhere else: an unknown terminal
 * gets no OSC 8 at all.
 */
static void
test_no_hyperlink(void **state)
{
	(void)state;
	t_start(30, 100, NULL, NULL);
	t_wait_ready();
	t_type("j");
	T_WAIT_ROW(1, "2/12");
	vt_wait_quiet(t_vt, 60, T_WAIT);
	T_CHECK(t_raw_find("\033]8;", 4) == NULL,
	    "OSC 8 sent to a terminal not known to show it");
	T_QUIT();
}

static void
test_hyperlink_vte(void **state)
{
	static const char *const vte[] = { "VTE_VERSION=7600", NULL };
	const char *seq;

	(void)state;
	t_start(30, 100, vte, NULL);
	t_wait_ready();
	seq = "\033]8;;https://www.aafp.org/\033\\";
	vt_wait_quiet(t_vt, 60, T_WAIT);
	T_CHECK(t_raw_find(seq, strlen(seq)) != NULL,
	    "no OSC 8 link around the website");
	t_type("j");
	T_WAIT_ROW(1, "2/12");
	vt_wait_quiet(t_vt, 60, T_WAIT);
	seq = "\033]8;;https://www.margainc.com/aitf/\033\\";
	T_CHECK(t_raw_find(seq, strlen(seq)) != NULL,
	    "no OSC 8 link after moving");
	/* The link is closed and the screen is intact. */
	T_CHECK(t_raw_find("\033]8;;\033\\", 6) != NULL, "link not closed");
	T_ROW(0, "12 allies");
	T_ROW(4, "Website: https://www.margainc.com/aitf/");
	T_QUIT();
}

/*
 * Typing never waits for the search.  On 200,000 generated allies (over
 * 150 MB of YAML, under the sanitizers), a query typed key by key is
 * echoed in the bar at once while the list fills in behind it (the
 * count shows "+" until then), and the filter it ends with is the one
 * sma-allies -s finds.
 */
#define LARGE_N		200000
#define ECHO_MAX_MS	300

static void
test_large_typing(void **state)
{
	static const char q[] = "health|care";
	char file[T_PATH], want[64], *row, *title, *p, *out;
	long long t0, dt, worst = 0;
	size_t k, n = 0, cli = 0;
	int partial = 0, done;

	(void)state;
	snprintf(file, sizeof(file), "%s/large.yaml", t_dir);
	T_CHECK(system(e2e_fmt("'%s/build/bench/gen-allies' %d 7 > '%s'",
	    t_start_dir, LARGE_N, file)) == 0, "cannot generate the data");
	t_start(30, 100, NULL, T_LIST("-d", file));
	T_CHECK(vt_wait_text(t_vt, e2e_fmt("%d allies", LARGE_N), 90000),
	    "the large file never loaded");
	t_type("/");
	T_WAIT_PREFIX(T_LAST, "/");
	for (k = 1; k <= strlen(q); k++) {
		snprintf(want, sizeof(want), "/%.*s", (int)k, q);
		t0 = vt_now_ms();
		vt_send(t_vt, q + k - 1, 1);
		for (;;) {
			row = t_row(T_LAST);
			if (strncmp(row, want, k + 1) == 0 &&
			    (row[k + 1] == ' ' || row[k + 1] == '\0'))
				break;
			free(row);
			T_CHECK(vt_now_ms() - t0 < 5000,
			    "'%s' was never echoed", want);
			vt_pump(t_vt, 20);
		}
		dt = vt_now_ms() - t0;
		if (strstr(row, "+/") != NULL)
			partial = 1;
		free(row);
		if (dt > worst)
			worst = dt;
	}
	printf("# slowest echo of a key: %lld ms\n", worst);
	T_CHECK(worst < ECHO_MAX_MS, "a key took %lld ms to show in the bar",
	    worst);
	T_CHECK(partial, "the list never showed a filter in progress");

	/* The count settles, and agrees with the command line. */
	t0 = vt_now_ms();
	for (;;) {
		row = t_row(T_LAST);
		p = strstr(row, e2e_fmt("/%d", LARGE_N));
		if (p != NULL && p[-1] != '+') {
			while (p > row && p[-1] >= '0' && p[-1] <= '9')
				p--;
			n = strtoul(p, NULL, 10);
			free(row);
			break;
		}
		free(row);
		T_CHECK(vt_now_ms() - t0 < 30000, "the filter never completed");
		vt_pump(t_vt, 50);
	}
	/* Its lines, as wc -l counts them. */
	t_run_cli(T_LIST("-d", file, "-s", q, "--format", "tsv"), 0, &out);
	for (p = out; (p = strchr(p, '\n')) != NULL; p++)
		cli++;
	printf("# %zu of %d allies match /%s/\n", n, LARGE_N, q);
	T_CHECK(n == cli && n > 0, "the browser found %zu, -s found %zu", n,
	    cli);
	t_key("Enter");
	T_WAIT_ROW(0, e2e_fmt("/%s/", q));

	/*
	 * A query that matches nothing: while the scan runs the screen
	 * says it is searching, never a count of 0 or "No ally matches".
	 */
	t_type("/");
	t_key("C-u");
	t_type("zqxjzqxj");
	t0 = vt_now_ms();
	for (;;) {
		vt_pump(t_vt, 5);
		row = t_row(T_LAST);
		title = t_row(0);
		T_CHECK(strstr(row, " 0+/") == NULL && strstr(title,
		    " 0+/") == NULL, "a count of 0 while searching: %s", row);
		T_CHECK(!(vt_find(t_vt, "No ally matches", NULL, NULL) &&
		    strstr(title, "searching") != NULL),
		    "no match said before the end");
		done = strstr(row, e2e_fmt(" 0/%d", LARGE_N)) != NULL;
		free(row);
		free(title);
		if (done)
			break;
		T_CHECK(vt_now_ms() - t0 < 30000, "the search never ended");
	}
	T_CHECK(vt_wait_text(t_vt, "No ally matches", 5000),
	    "the empty result is not said");
	t_key("Esc");
	/* Apart: an Esc with q right behind it is Alt-q. */
	T_WAIT_NO_PREFIX(T_LAST, "/zqxjzqxj");
	T_QUIT();
}

/* Children of pid that are zombies (exited, not reaped). */
static int
t_zombies(pid_t pid)
{
	char path[300], buf[512], *p;
	struct dirent *d;
	int n = 0;
	DIR *dir;
	FILE *fp;
	long ppid;
	char state;

	if ((dir = opendir("/proc")) == NULL)
		return -1;
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", d->d_name);
		if ((fp = fopen(path, "r")) == NULL)
			continue;
		if (fgets(buf, sizeof(buf), fp) != NULL &&
		    (p = strrchr(buf, ')')) != NULL &&
		    sscanf(p + 1, " %c %ld", &state, &ppid) == 2 &&
		    ppid == (long)pid && state == 'Z')
			n++;
		fclose(fp);
	}
	closedir(dir);
	return n;
}

static int
t_no_zombies(struct vt *vt, const void *arg)
{
	(void)arg;
	return t_zombies(vt_pid(vt)) == 0;
}

/*
 * A graphical opener is detached: a session of its own (so it cannot
 * read our keys or get our signals), output to /dev/null, and reaped
 * once it exits: no zombie is left behind.
 */
static void
test_open_detached(void **state)
{
	const char *rec, *br, *s;
	char *info = NULL;
	long sid = 0;

	(void)state;
	rec = e2e_fmt("%s/detached", t_dir);
	br = t_script("guibrowser", e2e_fmt(
	    "o=$(readlink /proc/$$/fd/1); e=$(readlink /proc/$$/fd/2)\n"
	    "{ cut -d' ' -f6 /proc/$$/stat; echo \"$o\"; echo \"$e\"; } "
	    "> '%s.part'\n"
	    "mv '%s.part' '%s'\n"
	    "exit 0\n", rec, rec, rec));
	t_start(30, 100, T_LIST(e2e_fmt("BROWSER=%s", br)), NULL);
	t_wait_ready();
	t_type("o");
	T_CHECK(e2e_wait_file(t_vt, rec, T_WAIT) &&
	    (info = e2e_keep(e2e_slurp(rec, NULL))) != NULL,
	    "the opener never ran");
	T_CHECK(sscanf(info, "%ld", &sid) == 1, "no session id");
	T_CHECK(sid != (long)vt_pid(t_vt), "the opener shares our session "
	    "(%ld)", sid);
	s = strchr(info, '\n');
	T_CHECK(s != NULL && strncmp(s + 1, "/dev/null\n/dev/null", 19) == 0,
	    "the opener's output is not /dev/null: %s", info);
	/* It has exited: within a moment nothing of it is left. */
	T_CHECK(e2e_until(t_vt, t_no_zombies, NULL, 3000),
	    "%d zombie child(ren) left", t_zombies(vt_pid(t_vt)));
	T_ROW(0, "12 allies");
	T_QUIT();
}

/*
 * For screen readers and magnifiers the hardware cursor rests on the
 * selected row, wherever the selection goes.
 */
static void
test_cursor_on_selection(void **state)
{
	int row, col;

	(void)state;
	t_start(30, 100, NULL, NULL);
	t_wait_ready();
	t_settle();
	vt_cursor(t_vt, &row, &col);
	T_CHECK(row == 2, "cursor on row %d, not the first ally's (2)", row);
	t_type("jj");
	T_WAIT_ROW(1, "3/12");
	t_settle();
	vt_cursor(t_vt, &row, &col);
	T_CHECK(row == 4, "cursor on row %d, not the third ally's (4)", row);
	t_type("G");
	T_WAIT_ROW(1, "12/12");
	t_settle();
	vt_cursor(t_vt, &row, &col);
	T_CHECK(row == 13, "cursor on row %d, not the last ally's (13)", row);
	T_QUIT();
}

static void
test_about_and_help(void **state)
{
	int r, c, token_n = 0;

	(void)state;
	t_start(30, 100, NULL, NULL);
	t_wait_ready();
	t_type("a");
	T_WAIT_TEXT("What does it mean to be an Ally?");
	T_WAIT_TEXT("two (2) years");
	T_WAIT_TEXT("https://socialmission.org/become-an-ally/");
	t_key("Esc");
	T_WAIT_GONE("What does it mean to be an Ally?");
	T_WAIT_ROW(1, "Allies");
	t_type("?");
	T_WAIT_TEXT("copy the website");
	T_CHECK(vt_find(t_vt, "Enter", NULL, NULL), "help lacks Enter");
	T_CHECK(vt_find(t_vt, "Esc", NULL, NULL), "help lacks Esc");
	/* "n" alone in the key column. */
	for (r = 1; r < t_rows - 1; r++) {
		char *row = t_row(r), *p = row;

		while (*p == ' ')
			p++;
		if (p[0] == 'n' && p[1] == ' ')
			token_n = 1;
		free(row);
	}
	T_CHECK(token_n, "help lacks the n key");
	t_type("q");		/* closes the page, does not quit */
	T_WAIT_GONE("copy the website");
	T_WAIT_ROW(1, "Allies");
	t_key("F1");
	T_WAIT_TEXT("copy the website");
	t_key("Esc");
	T_WAIT_GONE("copy the website");
	T_WAIT_ROW(1, "Allies");
	T_CHECK(t_find("The American Academy of Family Physicians", 2,
	    LIST_W, &r, &c), "description not back");
	t_type("a");
	T_WAIT_TEXT("two (2) years");
	t_type("q");
	T_WAIT_GONE("two (2) years");
	T_WAIT_ROW(1, "Allies");
	T_QUIT();
}

/* Does the next key leave the screen as it is (the page at its end)? */
static int
t_key_changes_nothing(const char *key)
{
	char *before, *after;
	int same;

	vt_wait_quiet(t_vt, 100, T_WAIT);
	before = vt_screen(t_vt);
	if (key[1] == '\0')
		t_type(key);
	else
		t_key(key);
	vt_wait_quiet(t_vt, 100, T_WAIT);
	after = vt_screen(t_vt);
	same = strcmp(before, after) == 0;
	free(before);
	free(after);
	return same;
}

static void
test_overlay_scroll(void **state)
{
	(void)state;
	t_start(12, 100, NULL, NULL);
	T_WAIT_TEXT("Description");
	/* Help, 10 rows of a longer page. */
	t_type("?");
	T_WAIT_ROW(1, "Keys");
	t_type("j");
	T_WAIT_ROW_GONE(1, "Keys");
	t_type("k");
	T_WAIT_ROW(1, "Keys");
	t_key("PgDn");
	t_key("PgDn");
	T_WAIT_TEXT("In the search bar");
	t_type("G");
	T_WAIT_GONE("Keys");
	T_CHECK(t_key_changes_nothing("Down"), "G did not reach the end");
	t_type("g");
	T_WAIT_ROW(1, "Keys");
	T_CHECK(t_key_changes_nothing("Up"), "g did not reach the top");
	t_key("End");
	T_WAIT_GONE("Keys");
	T_CHECK(t_key_changes_nothing("j"), "End did not reach the end");
	t_key("Home");
	T_WAIT_ROW(1, "Keys");
	t_key("Esc");
	T_WAIT_ROW(1, "Allies");
	/* About: the term is below the first screen. */
	t_type("a");
	T_WAIT_TEXT("We acknowledge organizations");
	T_CHECK(!vt_find(t_vt, "two (2) years", NULL, NULL), "About fits");
	t_key("End");
	T_WAIT_TEXT("two (2) years");
	T_WAIT_TEXT("https://socialmission.org/become-an-ally/");
	T_CHECK(t_key_changes_nothing("Down"), "End did not reach the end");
	t_key("PgUp");
	t_key("PgUp");
	t_key("PgUp");
	T_WAIT_TEXT("We acknowledge organizations");
	t_type("q");
	T_WAIT_ROW(1, "Allies");
	T_WAIT_ROW(1, "1/12");
	T_QUIT();
}

/* ---- opening websites ---- */

/*
 * The standard screen with a fake browser that exits with code; o opens
 * the first ally's site with it.  Returns the browser's record.
 */
static const char *
t_open_first(const char *name, int code)
{
	const char *rec = t_start_with_browser(name, code);

	t_type("o");
	T_EXPECT_ARGV(rec, "https://www.aafp.org/\n");
	return rec;
}

static void
test_open_gui(void **state)
{
	const char *rec;

	(void)state;
	rec = t_open_first("fakebrowser", 0);
	T_WAIT_ROW(T_LAST, "https://www.aafp.org/");
	T_CHECK(t_row_has(T_LAST, "Opening", 0) ||
	    t_row_has(T_LAST, "Opened", 0), "status does not say Opening");
	/* The screen is intact: nothing the opener did shows. */
	T_ROW(0, "12 allies");
	T_ROW(1, "1/12");
	T_CHECK(t_row_has(2, " The American Academy of Family", 1), "list");
	T_CHECK(t_find("Website: https://www.aafp.org/", 2, LIST_W,
	    &(int){ 0 }, &(int){ 0 }), "description");
	/* Enter opens too. */
	t_type("j");
	T_WAIT_ROW(1, "2/12");
	t_key("Enter");
	T_EXPECT_ARGV(rec, "https://www.margainc.com/aitf/\n");
	/* b: the program's "Become an Ally" page. */
	t_type("b");
	T_EXPECT_ARGV(rec, "https://socialmission.org/become-an-ally/\n");
	T_WAIT_ROW(T_LAST, "become-an-ally");
	T_ROW(0, "12 allies");
	T_QUIT();
}

static void
test_open_shell_meta(void **state)
{
	const char *rec, *br, *url, *yaml, *fixture;
	char *quoted, *out, *p, *q, *line;
	size_t i, j, n;

	(void)state;
	rec = e2e_fmt("%s/argv", t_dir);
	br = t_fake_browser("fakebrowser", rec, 0);
	/* Every one of these would create a file if a shell saw it. */
	url = e2e_fmt("https://example.org/p?a=1&b=2;touch$IFS%s/pwned1;"
	    "x=$(touch$IFS%s/pwned2)&&touch$IFS%s/pwned3&"
	    "(touch$IFS%s/pwned4);touch$IFS%s/pwned5;x=*,!#frag!", t_dir, t_dir,
	    t_dir, t_dir, t_dir);
	/* YAML single quotes: ' is written twice. */
	quoted = malloc(2 * strlen(url) + 1);
	assert_non_null(quoted);
	for (i = j = 0; url[i] != '\0'; i++) {
		if (url[i] == '\'')
			quoted[j++] = '\'';
		quoted[j++] = url[i];
	}
	quoted[j] = '\0';
	yaml = e2e_fmt("allies:\n  - name: Metacharacters\n    url: '%s'\n"
	    "    description: A URL a shell would misread.\n", quoted);
	free(quoted);
	t_write("meta.yaml", yaml);
	t_start(30, 100, T_LIST(e2e_fmt("BROWSER=%s", br)),
	    T_LIST("-d", "meta.yaml"));
	T_WAIT_TEXT("Metacharacters");
	t_type("o");
	T_EXPECT_ARGV(rec, e2e_fmt("%s\n", url));
	T_WAIT_ROW(T_LAST, "Open");
	vt_wait_quiet(t_vt, 250, T_WAIT);
	for (i = 1; i <= 5; i++)
		T_CHECK(access(e2e_fmt("%s/pwned%zu", t_dir, i), F_OK) == -1,
		    "a shell ran: pwned%zu exists", i);
	T_ROW(0, "1 ally");
	T_QUIT();

	/* The shared fixture: passed on whole too. */
	fixture = t_fixture("shell-meta-url.yaml");
	t_stop();
	assert_int_equal(t_run_cli(T_LIST("-d", fixture, "--list", "--format",
	    "tsv"), 1, &out), 0);
	t_start(30, 100, T_LIST(e2e_fmt("BROWSER=%s", br)),
	    T_LIST("-d", fixture));
	T_WAIT_ROW(1, "1/");
	t_settle();
	/* Each ally's URL, the third field of its line, in turn. */
	for (n = 0, line = out; *line != '\0'; line = q + 1, n++) {
		q = strchr(line, '\n');
		assert_non_null(q);
		*q = '\0';
		p = strchr(line, '\t');
		assert_non_null(p);
		p = strchr(p + 1, '\t');
		assert_non_null(p);
		if (n > 0) {
			t_type("j");
			T_WAIT_ROW(1, e2e_fmt("%zu/", n + 1));
		}
		t_type("o");
		T_EXPECT_ARGV(rec, e2e_fmt("%s\n", p + 1));
	}
	T_CHECK(n >= 1, "no allies in the fixture");
	T_QUIT();
}

static void
test_open_terminal_browser(void **state)
{
	const char *rec;
	int r, c;

	(void)state;
	rec = e2e_fmt("%s/argv", t_dir);
	t_script("lynx", e2e_fmt(
	    "for a in \"$@\"; do printf '%%s\\n' \"$a\"; done > '%s'\n"
	    "printf 'FAKE LYNX showing %%s\\n' \"$1\"\n"
	    "printf 'press Enter to go back\\n'\n"
	    "read x\n"
	    "exit 0\n", rec));
	t_start(30, 100, T_LIST(e2e_fmt("PATH=%s/bin:%s", t_dir,
	    getenv("PATH") != NULL ? getenv("PATH") : "/usr/bin:/bin"),
	    "BROWSER=lynx"), NULL);
	t_wait_ready();
	t_type("j");
	T_WAIT_ROW(1, "2/12");
	t_type("o");
	/* It has the terminal: its output shows, ours is gone. */
	T_WAIT_TEXT("FAKE LYNX showing https://www.margainc.com/aitf/");
	T_WAIT_TEXT("press Enter to go back");
	T_CHECK(!vt_find(t_vt, "12 allies", NULL, NULL),
	    "the browser screen is still shown under the terminal browser");
	T_EXPECT_ARGV(rec, "https://www.margainc.com/aitf/\n");
	t_key("Enter");
	/* Back: the whole screen is drawn again. */
	T_WAIT_TEXT("12 allies");
	T_WAIT_GONE("FAKE LYNX");
	T_WAIT_ROW(1, "2/12");
	t_settle();
	T_ROW(0, "Social Mission Alliance Allies Program");
	T_ROW(1, "Description");
	T_CHECK(t_row_has(2, " The American Academy of Family", 1), "list");
	T_CHECK(t_reverse(3, 0, LIST_W - 1), "selection not redrawn");
	T_CHECK(t_find("The Anchor Institutions Task Force (AITF) is", 2,
	    LIST_W, &r, &c), "description not redrawn");
	T_ROW(T_LAST, "lynx");
	/* Keys work again. */
	t_type("j");
	T_WAIT_ROW(1, "3/12");
	T_QUIT();
}

/* Start in env and press o: the status names the site and says it failed. */
static void
t_open_fails(const char *const *env)
{
	t_start(30, 100, env, NULL);
	t_wait_ready();
	t_type("o");
	T_WAIT_ROW(T_LAST, "https://www.aafp.org/");
	T_CHECK(t_row_has(T_LAST, "not found", 0) ||
	    t_row_has(T_LAST, "ould not", 0) ||
	    t_row_has(T_LAST, "annot", 0), "status does not say it failed");
}

static void
test_open_missing(void **state)
{
	const char *empty;

	(void)state;
	t_open_fails(T_LIST("BROWSER=/nonexistent/x"));
	T_ROW(0, "12 allies");
	T_QUIT();
	t_stop();

	/* No BROWSER and no xdg-open on PATH. */
	empty = e2e_fmt("%s/empty", t_dir);
	assert_int_equal(mkdir(empty, 0755), 0);
	t_open_fails(T_LIST(e2e_fmt("PATH=%s", empty), "BROWSER"));
	T_ROW(T_LAST, "xdg-open");
	T_QUIT();
}

static void
test_open_failing(void **state)
{
	(void)state;
	t_open_first("failbrowser", 3);
	T_WAIT_ROW(T_LAST, "exited with status 3");
	T_ROW(0, "12 allies");
	T_QUIT();
}

/* ---- layout ---- */

/*
 * The layouts, as conditions for t_until(); like the rest of this file
 * they look at t_vt through the t_ functions.
 */

static int t_sep_col;		/* where the side-by-side layout puts "│" */

/* Side by side at the current size: "│" at t_sep_col on rows 1..-2. */
static int
t_side_by_side(struct vt *vt, const void *arg)
{
	struct vt_cell c;
	int r;

	(void)vt;
	(void)arg;
	for (r = 1; r < t_rows - 1; r++)
		if (vt_cell(t_vt, r, t_sep_col, &c) < 0 || c.ch[0] != 0x2502)
			return 0;
	/* The title is drawn across the new width. */
	return t_row_has(0, "12 allies", 0) &&
	    (t_cell(0, t_cols - 1).reverse ||
	    !t_cell(0, t_cols - 1).bg_default) &&
	    t_row_has(T_LAST, "/ search", 0);
}

/* The 5th ally selected and described, side by side. */
static int
t_fifth_shown(struct vt *vt, const void *arg)
{
	int r, c;

	(void)vt;
	(void)arg;
	return t_row_has(1, "5/12", 0) &&
	    t_find("The BMPRC Initiative (BMPRC)", 2, 0, &r, &c) &&
	    t_reverse(r, 0, t_sep_col - 1) &&
	    t_find("The BMPRC Initiative is a hub", 2, t_sep_col, &r, &c);
}

static void
t_expect_side_by_side(int sep, const char *file, int line)
{
	t_sep_col = sep;
	if (!t_until(t_side_by_side, T_WAIT))
		t_failed(file, line, "no side-by-side layout with the "
		    "separator at column %d and a status line", sep);
	if (!t_until(t_fifth_shown, T_WAIT))
		t_failed(file, line, "the 5th ally is not kept selected and "
		    "described");
}

/*
 * Stacked: the list on top, then a full-width separation (a rule, or
 * the description's header underlined across the width), then the
 * description.  Returns the description header's row, or 0.
 */
static int
t_stacked_row(void)
{
	int r, c, x, ok;

	if (vt_find(t_vt, "\xe2\x94\x82", NULL, NULL))	/* │ */
		return 0;
	if (!t_find("Description", 2, 0, &r, &c) || c > 2)
		return 0;
	ok = 1;
	for (x = 0; x < t_cols && ok; x++)
		ok = t_cell(r, x).underline;
	if (!ok) {
		ok = 1;
		for (x = 0; x < t_cols && ok; x++)
			ok = t_cell(r - 1, x).ch[0] == 0x2500;	/* ─ */
	}
	return ok ? r : 0;
}

static int
t_stacked(struct vt *vt, const void *arg)
{
	(void)vt;
	(void)arg;
	return t_stacked_row() > 0 && t_row_has(T_LAST, "/ search", 0);
}

static int
t_list_only(struct vt *vt, const void *arg)
{
	(void)arg;
	return !vt_find(vt, "Description", NULL, NULL) &&
	    !vt_find(vt, "\xe2\x94\x82", NULL, NULL) &&
	    t_row_has(1, "Allies", 0) && t_row_has(1, "5/12", 0) &&
	    t_cell(0, t_cols - 1).ch[0] != 0x2502;
}

static int
t_too_small(struct vt *vt, const void *arg)
{
	(void)arg;
	return vt_find(vt, "Terminal", NULL, NULL) &&
	    !vt_find(vt, "Allies", NULL, NULL);
}

/* The screen's words, rows joined and blanks squeezed. */
static char *
t_words(void)
{
	char *s = vt_screen(t_vt), *p, *o = s;

	for (p = s; *p != '\0'; p++)
		if (*p == ' ' || *p == '\n') {
			if (o > s && o[-1] != ' ')
				*o++ = ' ';
		} else
			*o++ = *p;
	*o = '\0';
	return s;
}

static void
test_resize(void **state)
{
	char *words;
	int r, c, hr, notice_ok;

	(void)state;
	t_start(30, 100, NULL, NULL);
	t_wait_ready();
	t_type("jjjj");
	T_WAIT_ROW(1, "5/12");
	t_expect_side_by_side(40, __FILE__, __LINE__);

	t_resize(60, 200);
	t_expect_side_by_side(52, __FILE__, __LINE__);

	t_resize(24, 80);
	t_expect_side_by_side(32, __FILE__, __LINE__);

	t_resize(20, 60);
	T_UNTIL(t_stacked, "the stacked layout at 60x20");
	t_settle();
	hr = t_stacked_row();
	T_CHECK(t_row_has(1, "5/12", 0), "selection not kept");
	T_CHECK(t_find("The BMPRC Initiative (BMPRC)", 2, 0, &r, &c) &&
	    r < hr && t_reverse(r, 0, 59), "5th ally not selected above");
	T_CHECK(t_find("The BMPRC Initiative is a hub", hr + 1, 0, &r, &c),
	    "description not below the list");

	t_resize(10, 30);
	T_UNTIL(t_list_only, "the list alone at 30x10");
	t_settle();
	T_CHECK(t_find("The BMPRC Initiative", 2, 0, &r, &c) &&
	    t_reverse(r, 0, 29), "5th ally not selected");

	/* Too small: a notice only, readable in full. */
	t_resize(4, 10);
	T_UNTIL(t_too_small, "the too-small notice at 10x4");
	t_settle();
	words = t_words();
	notice_ok = strstr(words, "Terminal too small") != NULL;
	free(words);
	if (!notice_ok)
		e2e_dump(t_vt, "the too-small notice");

	t_resize(30, 100);
	t_expect_side_by_side(40, __FILE__, __LINE__);
	T_QUIT();
	T_CHECK(notice_ok, "the notice \"Terminal too small\" is not "
	    "readable at 10x4 (screen above)");
}

/*
 * A resize right after a mouse report that makes no event of its own (a
 * press still held, a drag, a right click) must still be acted on.
 */
static int
t_mouse_then_resize(int kind, int too_small, const char *what)
{
	int ok, after_key = 0;

	t_start(30, 100, NULL, NULL);
	t_wait_ready();
	if (too_small) {
		t_resize(63, 10);
		T_UNTIL(t_too_small, "the too-small notice at 10x63");
		vt_wait_quiet(t_vt, 300, T_WAIT);
	}
	if (kind == 0)
		vt_mouse(t_vt, VT_PRESS, 0, 5, 5);
	else if (kind == 1)
		vt_mouse(t_vt, VT_DRAG, 0, 6, 6);
	else {
		vt_mouse(t_vt, VT_PRESS, 2, 5, 5);
		vt_mouse(t_vt, VT_RELEASE, 2, 5, 5);
	}
	t_resize(24, 80);
	t_sep_col = 32;
	/* No key: the new size alone must bring the new layout. */
	ok = t_until(t_side_by_side, 2000);
	if (!ok) {
		e2e_dump(t_vt, "not redrawn after the resize");
		t_type(too_small ? "j" : "G");
		after_key = t_until(t_side_by_side, 1000);
		fprintf(stderr, "FAILED: resize to 80x24 right after %s%s: not "
		    "redrawn within 2 s (%s after a key)\n", what, too_small ?
		    ", from the too-small notice" : "", after_key ? "redrawn" :
		    "still not");
		if (!after_key) {
			/* Another resize, so that q is seen and checked. */
			t_resize(30, 100);
			vt_wait_quiet(t_vt, 1200, T_WAIT);
		}
	}
	t_settle();
	T_QUIT();
	t_stop();
	return ok;
}

static void
test_resize_after_mouse_press(void **state)
{
	int bad = 0;

	(void)state;
	bad += !t_mouse_then_resize(0, 0, "a mouse press");
	bad += !t_mouse_then_resize(1, 0, "a mouse drag report");
	bad += !t_mouse_then_resize(2, 0, "a right click");
	bad += !t_mouse_then_resize(0, 1, "a mouse press");
	T_CHECK(bad == 0, "%d of 4 resizes after a mouse report were not "
	    "acted on (see above)", bad);
}

/*
 * A resize back from "too small" while keys keep coming: the layout must
 * follow the terminal, not wait until the typing stops.
 */
static void
test_resize_while_typing(void **state)
{
	char burst[4000];
	int i, ok = 0;

	(void)state;
	t_start(30, 100, NULL, NULL);
	t_wait_ready();
	t_resize(4, 10);
	T_UNTIL(t_too_small, "the too-small notice at 10x4");
	vt_wait_quiet(t_vt, 100, T_WAIT);
	/* Keep it busy while the size changes back. */
	memset(burst, 'j', sizeof(burst));
	vt_send(t_vt, burst, sizeof(burst));
	t_resize(30, 100);
	t_sep_col = 40;
	/* A key every 100 ms, for 2 s. */
	for (i = 0; i < 20 && !ok; i++) {
		t_type("j");
		ok = t_until(t_side_by_side, 100);
	}
	if (!ok) {
		/* Does a pause bring it back? Say so in the report. */
		ok = t_until(t_side_by_side, 3000);
		T_FAIL("no relayout during 2 s of typing after the resize "
		    "to 100x30 (%s once the typing stopped)", ok ?
		    "it came" : "nor");
	}
	t_settle();
	T_QUIT();
}

static void
test_wide_chars(void **state)
{
	static const char data[] =
	    "allies:\n"
	    "  - name: \"日本医療連携\"\n"
	    "    url: https://example.jp/\n"
	    "    description: \"日本語の説明です。Emoji 😀 here and "
	    "Cafe\\u0301 too.\"\n"
	    "    tags: [日本]\n"
	    "  - name: \"Cafe\\u0301 Society\"\n"
	    "    url: https://cafe.example.org/\n"
	    "    description: Coffee.\n"
	    "  - name: \"日本医療連携推進機構国際協力ネットワーク協議会\"\n"
	    "    url: https://long.example.jp/\n"
	    "    description: A long wide name.\n"
	    "  - name: \"A日本医療連携推進機構国際協力ネットワーク協議会\"\n"
	    "    url: https://long2.example.jp/\n"
	    "    description: A long wide name, odd start.\n"
	    "  - name: \"😀 Smile Health\"\n"
	    "    url: https://smile.example.org/\n"
	    "    description: An emoji name.\n";
	static const char *const longname[2] = {
		"日本医療連携推進機構国際協力ネットワーク協議会",
		"A日本医療連携推進機構国際協力ネットワーク協議会"
	};
	static const int widths[2] = { 30, 31 };
	uint32_t want[64];
	struct vt_cell cell;
	int r, c, x, w, k, row, n, ell;

	(void)state;
	t_write("wide.yaml", data);
	t_start(30, 100, NULL, T_LIST("-d", "wide.yaml"));
	T_WAIT_TEXT("5 allies");
	T_WAIT_TEXT("Smile Health");
	t_settle();
	/* 日本医療連携: six wide characters on row 2 from column 1. */
	n = (int)e2e_utf8_decode("日本医療連携", want, 64);
	for (k = 0; k < n; k++) {
		cell = t_cell(2, 1 + 2 * k);
		T_CHECK(cell.ch[0] == want[k] && cell.width == 2,
		    "wide character %d at column %d", k, 1 + 2 * k);
		T_CHECK(t_cell(2, 2 + 2 * k).width == 0, "right half");
	}
	T_CHECK(t_cell(2, 13).ch[0] == 0 || t_cell(2, 13).ch[0] == ' ',
	    "text after the name");
	/* The emoji in the description: one wide cell. */
	T_CHECK(t_find("😀", 2, LIST_W, &r, &c), "no emoji");
	T_CHECK(t_cell(r, c).width == 2 && t_cell(r, c + 1).width == 0 &&
	    t_cell(r, c + 2).ch[0] == ' ' && t_cell(r, c + 3).ch[0] == 'h',
	    "emoji not two cells wide");
	/* e + U+0301 in one cell. */
	T_CHECK(t_find("Caf", 3, 0, &r, &c) && r == 3, "no Café row");
	cell = t_cell(3, c + 3);
	T_CHECK(cell.ch[0] == 'e' && cell.ch[1] == 0x301 && cell.width == 1,
	    "combining accent not on the e");
	T_CHECK(t_cell(3, c + 4).ch[0] == ' ' &&
	    t_cell(3, c + 5).ch[0] == 'S', "text after Café shifted");
	T_CHECK(t_find("Smile Health", 6, 0, &r, &c) && r == 6 && c == 4 &&
	    t_cell(6, 1).width == 2, "emoji name");

	/* Narrow lists: the long names end in "…", never half a glyph. */
	for (w = 0; w < 2; w++) {
		t_resize(10, widths[w]);
		T_WAIT_GONE("Description");
		T_WAIT_TEXT("…");
		t_settle();
		for (k = 0; k < 2; k++) {
			row = 4 + k;
			n = (int)e2e_utf8_decode(longname[k], want, 64);
			ell = -1;
			for (x = 1, c = 0; x < widths[w]; x++) {
				cell = t_cell(row, x);
				if (cell.width == 0)
					continue;
				if (cell.ch[0] == 0x2026) {
					ell = x;
					break;
				}
				T_CHECK(c < n && cell.ch[0] == want[c],
				    "row %d column %d: not the name", row, x);
				if (cell.width == 2)
					T_CHECK(x + 1 < widths[w] &&
					    t_cell(row, x + 1).width == 0,
					    "wide character split at %d", x);
				c++;
			}
			T_CHECK(ell > 0, "%d columns: row %d not cut with …",
			    widths[w], row);
			T_CHECK(ell <= widths[w] - 1, "… outside the pane");
			/* As much of the name as fits beside the "…". */
			T_CHECK(ell >= widths[w] - 4, "%d columns: row %d cut "
			    "too early (… at %d)", widths[w], row, ell);
		}
		/* Nothing spilled onto the next row. */
		T_CHECK(t_row_has(6, " 😀 Smile Health", 1), "row 6 damaged");
	}
	t_resize(30, 100);
	T_WAIT_TEXT("Description");
	T_QUIT();
}

/* ---- terminals and locales ---- */

static void
test_c_locale(void **state)
{
	const unsigned char *out;
	size_t len, i;
	int r, bad = -1;

	(void)state;
	t_start(30, 100, T_LIST("LC_ALL=C"), NULL);
	t_wait_ready();
	T_WAIT_TEXT("as medicine's");
	for (r = 1; r < 29; r++)
		T_CHECK(t_cell(r, LIST_W).ch[0] == '|', "separator on row %d "
		    "is not |", r);
	T_CHECK(vt_find(t_vt, "family medicine - a", NULL, NULL) ||
	    vt_find(t_vt, "family medicine -- a", NULL, NULL),
	    "en dash has no ASCII stand-in");
	/* Search, About and Help in ASCII too. */
	t_type("/nurs");
	T_WAIT_ROW(0, "/nurs/");
	t_key("Enter");
	t_key("Esc");
	T_WAIT_ROW(0, "12 allies");
	t_type("a");
	T_WAIT_TEXT("What does it mean to be an Ally?");
	T_WAIT_TEXT("SMA's");
	t_key("Esc");
	T_WAIT_ROW(1, "Allies");
	t_type("?");
	T_WAIT_TEXT("copy the website");
	t_key("Esc");
	T_WAIT_ROW(1, "Allies");
	t_settle();
	out = (const unsigned char *)vt_output(t_vt, &len);
	for (i = 0; i < len && bad < 0; i++)
		if (out[i] >= 0x80)
			bad = (int)i;
	if (bad >= 0)
		T_FAIL("byte 0x%02x at %d of the output in the C locale: "
		    "\"%.40s\"", out[bad], bad,
		    (const char *)out + (bad > 20 ? bad - 20 : 0));
	T_QUIT();
}

/* Colour SGR parameters (30-38, 40-48, 90-97, 100-107) in the output. */
static int
t_has_colour_sgr(const char **where)
{
	size_t len, i, j;
	const char *out = vt_output(t_vt, &len);
	long v;

	for (i = 0; i + 2 < len; i++) {
		if (out[i] != '\033' || out[i + 1] != '[')
			continue;
		for (j = i + 2; j < len && ((out[j] >= '0' && out[j] <= '9') ||
		    out[j] == ';'); j++)
			;
		if (j >= len || out[j] != 'm')
			continue;
		/* Each parameter in turn. */
		for (j = i + 2, v = 0; ; j++) {
			if (out[j] >= '0' && out[j] <= '9') {
				v = v * 10 + (out[j] - '0');
				continue;
			}
			if ((v >= 30 && v <= 38) || (v >= 40 && v <= 48) ||
			    (v >= 90 && v <= 97) || (v >= 100 && v <= 107)) {
				*where = out + i;
				return 1;
			}
			if (out[j] == 'm')
				break;
			v = 0;
		}
	}
	return 0;
}

static void
test_no_color(void **state)
{
	const char *where = NULL;
	struct vt_cell c;
	int r, x;

	(void)state;
	/* The check itself: colours are there by default. */
	t_start(30, 100, NULL, NULL);
	t_wait_ready();
	T_CHECK(t_has_colour_sgr(&where), "no colour without NO_COLOR");
	T_QUIT();
	t_stop();

	t_start(30, 100, T_LIST("NO_COLOR=1"), NULL);
	t_wait_ready();
	T_CHECK(t_reverse(2, 0, LIST_W - 1), "selection not reverse");
	t_type("/nurs");
	T_WAIT_ROW(0, "/nurs/");
	t_key("Enter");
	T_WAIT_ROW(1, "1/1");
	t_settle();
	T_CHECK(t_find("nursing education", 7, LIST_W, &r, &x), "no text");
	c = t_cell(r, x);
	T_CHECK(c.bold && c.underline, "match not bold and underlined");
	T_CHECK(c.fg_default, "match coloured");
	t_type("a");
	T_WAIT_TEXT("two (2) years");
	t_key("Esc");
	T_WAIT_ROW(1, "Allies");
	t_settle();
	if (t_has_colour_sgr(&where))
		T_FAIL("colour with NO_COLOR=1: \"\\e%.20s\"", where + 1);
	T_QUIT();
}

/* ---- reloading ---- */

static void
test_reload(void **state)
{
	char *orig, *p;
	const char *added, *bad;
	size_t len;
	int r, c;

	(void)state;
	if (t_data[0] == '\0')
		fail_msg("data/allies.yaml not found");
	orig = e2e_slurp(t_data, &len);
	assert_non_null(orig);
	t_write_file("a.yaml", orig, len, 0644);
	/* The new ally goes first, so the selection has to follow. */
	p = strstr(orig, "\nallies:\n");
	assert_non_null(p);
	p += strlen("\nallies:\n");
	added = e2e_fmt("%.*s  - name: Aardvark Reload Ally\n"
	    "    url: https://aardvark.example.org/\n"
	    "    description: Added while the browser runs.\n\n%s",
	    (int)(p - orig), orig, p);
	bad = e2e_fmt("%s  - name: \"unterminated\n", added);
	free(orig);

	t_start(30, 100, NULL, T_LIST("-d", "a.yaml"));
	t_wait_ready();
	t_type("jjjj");
	T_WAIT_ROW(1, "5/12");
	T_WAIT_TEXT("The BMPRC Initiative is a hub");

	t_write("a.yaml", added);
	T_WAIT_ROW(0, "13 allies");
	T_WAIT_ROW(T_LAST, "Reloaded");
	T_WAIT_ROW(1, "6/13");
	t_settle();
	T_CHECK(t_row_has(2, " Aardvark Reload Ally", 1), "new ally not "
	    "listed first");
	T_CHECK(t_reverse(7, 0, LIST_W - 1), "selection not kept on BMPRC");
	T_CHECK(t_find("The BMPRC Initiative is a hub", 2, LIST_W, &r, &c),
	    "description not kept");

	t_write("a.yaml", bad);
	T_WAIT_ROW(T_LAST, "Reload failed");
	{
		char *row = t_row(T_LAST), *q = strstr(row, "a.yaml:");
		int ok = 0, line = 0, col = 0;

		if (q != NULL && sscanf(q, "a.yaml:%d:%d", &line, &col) == 2 &&
		    line > 0 && col > 0)
			ok = 1;
		free(row);
		T_CHECK(ok, "no FILE:LINE:COL in the status");
	}
	T_ROW(0, "13 allies");
	T_ROW(1, "6/13");
	T_CHECK(t_row_has(2, " Aardvark Reload Ally", 1), "old data lost");

	t_write("a.yaml", added);
	T_WAIT_ROW(T_LAST, "Reloaded");
	T_ROW(0, "13 allies");
	T_ROW(1, "6/13");
	T_QUIT();
}

/* ---- mouse ---- */

static void
t_click(int row, int col)
{
	vt_mouse(t_vt, VT_PRESS, 0, row, col);
	vt_mouse(t_vt, VT_RELEASE, 0, row, col);
	/* Past the 200 ms double-click interval. */
	vt_wait_quiet(t_vt, 250, T_WAIT);
}

static void
test_mouse(void **state)
{
	const char *rec;

	(void)state;
	rec = t_start_with_browser("fakebrowser", 0);
	/* Click on the 4th list row. */
	t_click(5, 10);
	T_WAIT_ROW(1, "4/12");
	T_CHECK(t_reverse(5, 0, LIST_W - 1), "clicked row not selected");
	T_WAIT_TEXT("The American Medical Student Association");
	/* Double-click the 6th: selects and opens. */
	vt_mouse(t_vt, VT_PRESS, 0, 7, 10);
	vt_mouse(t_vt, VT_RELEASE, 0, 7, 10);
	vt_mouse(t_vt, VT_PRESS, 0, 7, 10);
	vt_mouse(t_vt, VT_RELEASE, 0, 7, 10);
	T_EXPECT_ARGV(rec, "https://www.challiance.org/\n");
	T_WAIT_ROW(1, "6/12");
	T_QUIT();
	t_stop();

	/* Wheels, on a short terminal where both panes can scroll. */
	t_start(12, 100, NULL, NULL);
	T_WAIT_TEXT("Description");
	t_settle();
	vt_mouse(t_vt, VT_PRESS, 65, 6, 70);	/* over the description */
	T_WAIT_ROW_GONE(2, "The American Academy of Family Physicians");
	T_WAIT_TEXT("Tags: family medicine");
	T_CHECK(!t_row_has(1, "Abbreviation", 0), "header scrolled away");
	T_ROW(1, "1/12");
	vt_mouse(t_vt, VT_PRESS, 64, 6, 70);
	T_WAIT_ROW(2, "The American Academy of Family Physicians");
	vt_mouse(t_vt, VT_PRESS, 65, 6, 10);	/* over the list */
	T_WAIT_ROW_GONE(2, " The American Academy of Family");
	t_settle();
	T_CHECK(!t_row_has(2, " The American Academy of Family", 1) &&
	    !t_row_has(1, " 1/12", 0), "list did not scroll");
	vt_mouse(t_vt, VT_PRESS, 64, 6, 10);
	T_WAIT_PREFIX(2, " The American Academy of Family");
	T_QUIT();
}

static void
test_no_mouse(void **state)
{
	static const char *const modes[] = {
		"\033[?1000h", "\033[?1002h", "\033[?1003h", "\033[?1006h",
		"1006;1000h", "1000;1006h"
	};
	size_t i;

	(void)state;
	t_start(30, 100, NULL, T_LIST("--no-mouse"));
	t_wait_ready();
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		T_CHECK(t_raw_find(modes[i], strlen(modes[i])) == NULL,
		    "mouse reporting switched on with --no-mouse");
	t_click(5, 10);
	t_settle();
	T_ROW(1, "1/12");
	T_CHECK(t_reverse(2, 0, LIST_W - 1), "selection moved");
	T_QUIT();
}

/* ---- hostile data ---- */

/* Print the raw output around p, escaped, for a failure report. */
static void
t_show_raw(const char *p, const char *out)
{
	const char *q, *from = p - out > 60 ? p - 60 : out;

	fprintf(stderr, "output around it: \"");
	for (q = from; q < p + 60 && *q != '\0'; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			fprintf(stderr, "\\x%02x", (unsigned char)*q);
		else
			fputc(*q, stderr);
	fprintf(stderr, "\"\n");
}

/*
 * Show every ally of a file full of escape sequences, search it, open
 * Help and About, and check that none of its controls reached the
 * terminal: each shows as a stand-in.
 */
static void
t_browse_hostile(const char *file, const char *tfile, int tline)
{
	static const char *const never[] = {
		"\033]0;", "\033]52;", "\033[31mred", "\033[31mRed", "\033[5m",
		"\033[1mbold", "\033]8;;javascript"
	};
	const char *out, *p;
	size_t len, i, n;
	char *row, *slash;

	t_start(30, 100, NULL, T_LIST("-d", file));
	T_WAIT_ROW(1, "1/");
	t_settle();
	row = t_row(1);
	slash = strrchr(row, '/');
	n = slash != NULL ? (size_t)atoi(slash + 1) : 0;
	free(row);
	if (n == 0)
		t_failed(tfile, tline, "%s: no allies", file);
	for (i = 1; i < n; i++) {
		t_type("j");
		T_WAIT_ROW(1, e2e_fmt("%zu/%zu", i + 1, n));
	}
	t_key("Tab");
	t_key("End");
	t_key("Tab");
	t_settle();
	t_type("/e");
	T_WAIT_PREFIX(T_LAST, "/e ");
	t_key("Enter");
	T_WAIT_NO_PREFIX(T_LAST, "/");
	t_type("gnnnNN");
	t_settle();
	t_type("?");
	T_WAIT_TEXT("copy the website");
	t_key("Esc");
	T_WAIT_ROW(1, "Allies");
	t_type("a");
	T_WAIT_TEXT("What does it mean to be an Ally?");
	t_key("End");
	t_settle();
	t_key("Esc");
	T_WAIT_ROW(1, "Allies");
	t_key("Esc");
	T_WAIT_ROW_GONE(0, "/e/");
	t_type("g");
	T_WAIT_ROW(1, e2e_fmt("1/%zu", n));
	t_settle();
	if (!vt_find(t_vt, "\xef\xbf\xbd", NULL, NULL))
		t_failed(tfile, tline, "%s: no U+FFFD stand-in shown", file);

	out = vt_output(t_vt, &len);
	for (i = 0; i < sizeof(never) / sizeof(never[0]); i++)
		if ((p = t_raw_find(never[i], strlen(never[i]))) != NULL) {
			t_show_raw(p, out);
			t_failed(tfile, tline, "%s: data sequence \"%s\" "
			    "reached the terminal", file, never[i][0] ==
			    '\033' ? never[i] + 1 : never[i]);
		}
	for (p = out; (p = strstr(p, "\033[2J")) != NULL; p++)
		/* ncurses clears with ESC [ H ESC [ 2 J; the data can't. */
		if (p - out < 3 || memcmp(p - 3, "\033[H", 3) != 0)
			t_failed(tfile, tline, "%s: ESC [ 2 J from the data",
			    file);
	if (memchr(out, '\a', len) != NULL)
		t_failed(tfile, tline, "%s: BEL in the output", file);
	for (i = 0; i + 1 < len; i++) {
		if ((unsigned char)out[i] == 0xc2 &&
		    (unsigned char)out[i + 1] >= 0x80 &&
		    (unsigned char)out[i + 1] <= 0x9f)
			t_failed(tfile, tline, "%s: C1 control U+%04X in the "
			    "output", file, (unsigned char)out[i + 1]);
		if (i + 2 < len && memcmp(out + i, "\xe2\x80\xae", 3) == 0)
			t_failed(tfile, tline, "%s: U+202E in the output",
			    file);
	}
	t_quit(tfile, tline);
}

static void
test_hostile_data(void **state)
{
	static const char mine[] =
	    "program:\n"
	    "  name: \"Hostile \\e[2J program\"\n"
	    "  summary: \"Summary \\e]0;pwned\\a here\"\n"
	    "  benefits: [\"benefit \\x9b31m one\", \"bell \\a two\"]\n"
	    "  term: \"term \\u202e reversed\"\n"
	    "  become_ally_url: https://example.org/become\n"
	    "allies:\n"
	    "  - name: \"Clear \\e[2J Screen\"\n"
	    "    url: https://example.org/a\n"
	    "    description: \"Title \\e]0;pwned\\a set. Clipboard "
	    "\\e]52;c;cHduZWQ=\\a grab. Clear \\e[2J done.\"\n"
	    "    tags: [\"bell \\a tag\", \"\\e[31mred\"]\n"
	    "  - name: \"CSI \\x9b31m red\"\n"
	    "    abbreviation: \"R\\u202eL\"\n"
	    "    url: https://example.org/b\n"
	    "    description: \"Right-to-left \\u202e override, bell \\a, "
	    "C1 \\x9b31m and \\x85 next line.\"\n"
	    "  - name: \"Title \\e]0;pwned\\a\"\n"
	    "    url: https://example.org/c\n"
	    "    description: \"\\e]52;c;cHduZWQ=\\a\"\n";
	const char *fixture;

	(void)state;
	t_write("hostile.yaml", mine);
	t_browse_hostile("hostile.yaml", __FILE__, __LINE__);
	fixture = t_fixture("hostile-escapes.yaml");
	t_stop();
	t_browse_hostile(fixture, __FILE__, __LINE__);
}

/* ---- the monkey ---- */

static struct e2e_rng t_rng;

/* All 32 bits of the generator: a seed replays the same events. */
static int
t_randn(int n)
{
	return (int)(e2e_rand(&t_rng) % (uint32_t)n);
}

/* The plain browsing screen at 100x30. */
static int
t_monkey_home(void)
{
	return t_row_has(0, "12 allies", 0) && t_row_has(1, "Allies", 0) &&
	    t_row_has(T_LAST, "/ search", 0) && t_cell(2, 40).ch[0] == 0x2502;
}

static void
test_monkey(void **state)
{
	static const char *const named[] = {
		"Esc", "Enter", "Tab", "BTab", "Up", "Down", "Left", "Right",
		"PgUp", "PgDn", "Home", "End", "Backspace", "Del", "F1",
		"Space", "Ins", "F5"
	};
	static const char *const ctrl[] = {
		"C-u", "C-l", "C-a", "C-e", "C-w", "C-h", "C-d", "C-b", "C-f",
		"C-p", "C-n", "C-g", "C-k", "C-o", "C-r", "C-t", "C-v", "C-x",
		"C-y", "C-@", "C-]", "C-^", "C-_"
	};
	static const char bound[] = "jkjkJKnNgGoby a?/*/.()[]$^+";
	static const uint32_t ranges[][2] = {
		{ 0xa0, 0x24f }, { 0x300, 0x36f }, { 0x590, 0x6ff },
		{ 0x2000, 0x206f }, { 0x3040, 0x30ff }, { 0x4e00, 0x9fff },
		{ 0xfe00, 0xfe0f }, { 0xfff0, 0xfffd }, { 0x1f300, 0x1f64f },
		{ 0x1f900, 0x1f9ff }, { 0xe0000, 0xe007f }
	};
	const char *seed_env = getenv("SMA_E2E_SEED");
	const char *rec, *br;
	unsigned long seed = seed_env != NULL ? strtoul(seed_env, NULL, 0) :
	    20240607UL;
	int i, kind, rows = 30, cols = 100, k, r, c, type;
	uint32_t cp;
	char ch;

	(void)state;
	printf("monkey: seed %lu (set SMA_E2E_SEED to change)\n", seed);
	fflush(stdout);
	e2e_rng_seed(&t_rng, seed);
	rec = e2e_fmt("%s/argv", t_dir);
	br = t_script("recorder", e2e_fmt("printf '%%s\\n' \"$@\" >> '%s'\n"
	    "exit 0\n", rec));
	t_start(rows, cols, T_LIST(e2e_fmt("BROWSER=%s", br)), NULL);
	t_wait_ready();
	for (i = 0; i < 3000; i++) {
		if (i % 100 == 99) {
			/* A pause first, so that the resize is not lost
			 * (see test_resize_after_mouse_press). */
			vt_wait_quiet(t_vt, 250, T_WAIT);
			rows = 1 + t_randn(70);
			cols = 1 + t_randn(220);
			t_resize(rows, cols);
		}
		kind = t_randn(100);
		if (kind < 35) {
			do
				ch = (char)(0x20 + t_randn(95));
			while (ch == 'q');
			vt_send(t_vt, &ch, 1);
		} else if (kind < 50) {
			k = t_randn((int)sizeof(bound) - 1);
			vt_send(t_vt, bound + k, 1);
		} else if (kind < 62) {
			t_key(named[t_randn((int)(sizeof(named) /
			    sizeof(named[0])))]);
		} else if (kind < 67) {
			t_key(ctrl[t_randn((int)(sizeof(ctrl) /
			    sizeof(ctrl[0])))]);
		} else if (kind < 77) {
			k = t_randn((int)(sizeof(ranges) / sizeof(ranges[0])));
			cp = ranges[k][0] + (uint32_t)t_randn((int)(ranges[k][1]
			    - ranges[k][0] + 1));
			vt_send_char(t_vt, cp);
		} else {
			r = t_randn(rows);
			c = t_randn(cols);
			type = t_randn(6);
			if (type < 2) {
				vt_mouse(t_vt, VT_PRESS, 0, r, c);
				vt_mouse(t_vt, VT_RELEASE, 0, r, c);
			} else if (type < 4)
				vt_mouse(t_vt, VT_PRESS, 64 + t_randn(2), r, c);
			else if (type == 4) {
				vt_mouse(t_vt, VT_PRESS, 2, r, c);
				vt_mouse(t_vt, VT_RELEASE, 2, r, c);
			} else {
				vt_mouse(t_vt, VT_PRESS, 0, r, c);
				vt_mouse(t_vt, VT_DRAG, 0, t_randn(rows),
				    t_randn(cols));
				vt_mouse(t_vt, VT_RELEASE, 0, r, c);
			}
		}
		if (i % 25 == 24 && vt_pump(t_vt, 0) < 0)
			T_FAIL("the program died after event %d", i);
		if (i % 100 == 50)
			vt_wait_quiet(t_vt, 20, T_WAIT);
		if (i % 500 == 499)
			t_check_clean(__FILE__, __LINE__);
	}
	/*
	 * Back to 100x30, twice, each time after a pause: a resize right
	 * after certain mouse reports or during a stream of keys can go
	 * unnoticed (test_resize_after_mouse_press and
	 * test_resize_while_typing check those on their own).
	 */
	vt_wait_quiet(t_vt, 300, 30000);
	t_resize(29, 99);
	vt_wait_quiet(t_vt, 1200, 30000);
	t_resize(30, 100);
	vt_wait_quiet(t_vt, 1200, 30000);
	for (i = 0; i < 6 && !t_monkey_home(); i++) {
		/*
		 * Ctrl-L first: harmless everywhere, and it ends any escape
		 * sequence the random bytes left half-typed, which would
		 * otherwise swallow the Esc.
		 */
		t_key("C-l");
		vt_wait_quiet(t_vt, 100, T_WAIT);
		t_key("Esc");
		vt_wait_quiet(t_vt, 150, T_WAIT);
		/* A message ("Filter cleared") goes 4 s after it came. */
		e2e_wait_row(t_vt, T_LAST, "/ search", 1, 0, 9000);
	}
	T_CHECK(t_monkey_home(), "not back to the list after Esc");
	{
		size_t len, opens = 0;
		char *log = e2e_slurp(rec, NULL), *p;

		vt_output(t_vt, &len);
		for (p = log; p != NULL && (p = strchr(p, '\n')) != NULL; p++)
			opens++;
		free(log);
		printf("monkey: 3000 events, %zu bytes of output, %zu URLs "
		    "opened\n", len, opens);
	}
	T_QUIT();
}

/* ---- main ---- */

static void
t_locate(void)
{
	const char *bin = getenv("SMA_ALLIES_BIN");
	char guess[T_PATH], *slash;

	if (bin == NULL || *bin == '\0')
		bin = "build/asan/sma-allies";
	if (getcwd(t_start_dir, sizeof(t_start_dir)) == NULL ||
	    realpath(bin, t_bin) == NULL) {
		fprintf(stderr, "test_browser: no program at %s (set "
		    "SMA_ALLIES_BIN)\n", bin);
		exit(1);
	}
	if (realpath("data/allies.yaml", t_data) == NULL) {
		/* From build/asan/sma-allies up to the top. */
		snprintf(guess, sizeof(guess), "%s", t_bin);
		if ((slash = strstr(guess, "/build/")) != NULL) {
			strcpy(slash, "/data/allies.yaml");
			if (realpath(guess, t_data) == NULL)
				t_data[0] = '\0';
		} else
			t_data[0] = '\0';
	}
	if (t_data[0] != '\0') {
		snprintf(guess, sizeof(guess), "%s", t_data);
		slash = strrchr(guess, '/');
		strcpy(slash, "/../tests/data/good");
		if (realpath(guess, t_fixtures) == NULL)
			t_fixtures[0] = '\0';
	}
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, t_setup, t_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_first_screen),
		T(test_keys_move),
		T(test_focus_scrolls_description),
		T(test_live_search),
		T(test_search_bar_keys),
		T(test_next_prev),
		T(test_invalid_pattern),
		T(test_runaway_pattern),
		T(test_copy_osc52),
		T(test_copy_name_entry),
		T(test_no_hyperlink),
		T(test_hyperlink_vte),
		T(test_large_typing),
		T(test_open_detached),
		T(test_cursor_on_selection),
		T(test_about_and_help),
		T(test_overlay_scroll),
		T(test_open_gui),
		T(test_open_shell_meta),
		T(test_open_terminal_browser),
		T(test_open_missing),
		T(test_open_failing),
		T(test_resize),
		T(test_resize_while_typing),
		T(test_resize_after_mouse_press),
		T(test_wide_chars),
		T(test_c_locale),
		T(test_no_color),
		T(test_reload),
		T(test_mouse),
		T(test_no_mouse),
		T(test_hostile_data),
		T(test_monkey),
	};

	t_locate();
	/* SMA_E2E_FILTER=test_mouse runs only the tests that match. */
	if (getenv("SMA_E2E_FILTER") != NULL)
		cmocka_set_test_filter(getenv("SMA_E2E_FILTER"));
	return cmocka_run_group_tests_name("browser", tests, NULL, NULL);
}
