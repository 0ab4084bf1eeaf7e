/*
 * test_config.c - end-to-end tests of the configuration file,
 * $XDG_CONFIG_HOME/sma-allies/config.yaml, as a person meets it: keys
 * given other actions work, the old ones no longer do, and help and the
 * status line name the new ones (C-q among them, which the terminal's
 * flow control would take); the order the list starts in and the search
 * mode, unless --sort or --search-mode says another; the light and dark themes' colours, and a style's own,
 * read back cell by cell from what the program wrote; the mouse off; a
 * bad configuration reported on the status line and on stderr while the
 * browser starts with the defaults; --config FILE and --no-config; and
 * the kiosk and the public mode, which read none.  The configuration's
 * opener is tested with the others, in test_terms.c.
 *
 * The program under test is e2e_bin(); each test runs in its own
 * temporary folder, which is its home and holds its configuration.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e/e2e.h"

#define T_WAIT		8000
#define T_ROWS		30
#define T_COLS		100
#define T_LIST(...)	((const char *const []){ __VA_ARGS__, NULL })

static struct vt *t_vt;
static char *t_dir;

static int
setup(void **state)
{
	static const char *const dirs[] = { "bin", "cfg", "cfg/sma-allies" };
	size_t i;

	(void)state;
	if ((t_dir = e2e_tmpdir("sma-config")) == NULL)
		fail_msg("no temporary folder: %s", strerror(errno));
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (mkdir(e2e_fmt("%s/%s", t_dir, dirs[i]), 0755) < 0)
			fail_msg("%s: %s", dirs[i], strerror(errno));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	vt_free(t_vt);
	e2e_rmtree(t_dir);
	free(t_dir);
	e2e_release();
	t_vt = NULL;
	t_dir = NULL;
	return 0;
}

/* Where the program looks for its configuration in these tests. */
static const char *
config_file(void)
{
	return e2e_fmt("%s/cfg/sma-allies/config.yaml", t_dir);
}

static void
write_file(const char *path, const char *text, int mode)
{
	if (e2e_write_file(path, text, strlen(text), mode, 1) != 0)
		fail_msg("%s: %s", path, strerror(errno));
}

static void
write_config(const char *yaml)
{
	write_file(config_file(), yaml, 0644);
}

/*
 * Start the browser with args (NULL: none) and env (NULL-ended, or
 * NULL) on a terminal of type term: the configuration folder of the
 * test, a home without one, no graphical session and no BROWSER unless
 * env says so.
 */
static void
start(const char *term, const char *const *env, const char *const *args)
{
	const char *const fixed[] = {
		e2e_fmt("TERM=%s", term), e2e_fmt("HOME=%s", t_dir),
		e2e_fmt("XDG_CONFIG_HOME=%s/cfg", t_dir),
		e2e_fmt("XDG_STATE_HOME=%s/state", t_dir),
		e2e_fmt("PATH=%s/bin:/usr/bin:/bin", t_dir), NULL
	};
	const char *const *lists[] = { fixed, env };
	struct e2e_env e;
	size_t l, i;

	e2e_env_init(&e);
	e2e_env_sanitizers(&e);
	for (l = 0; l < 2; l++)
		for (i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
			e2e_env_put(&e, lists[l][i]);
	vt_free(t_vt);
	if ((t_vt = e2e_spawn(e2e_bin(), args, &e, T_ROWS, T_COLS)) == NULL)
		fail_msg("cannot start %s: %s", e2e_bin(), strerror(errno));
	e2e_env_free(&e);
}

/* Wait for s to show (or, gone, to go); else fail, with the screen. */
static void
wait_for(const char *s, int gone, int line)
{
	int ok = gone ? vt_wait_gone(t_vt, s, T_WAIT) :
	    vt_wait_text(t_vt, s, T_WAIT);

	if (!ok) {
		e2e_dump(t_vt, s);
		fail_msg("line %d: \"%s\" %s", line, s, gone ? "stayed" :
		    "never showed");
	}
}
#define WANT(s)		wait_for((s), 0, __LINE__)
#define WANT_GONE(s)	wait_for((s), 1, __LINE__)

static void
settle(void)
{
	vt_wait_quiet(t_vt, 100, T_WAIT);
}

/* The program ends, with status 0 and no sanitizer report. */
static void
want_clean_exit(int line)
{
	const char *why = e2e_exit_why(t_vt, T_WAIT);
	const char *report = e2e_sanitizer_report(vt_output(t_vt, NULL));

	if (report != NULL || why != NULL) {
		e2e_dump(t_vt, report != NULL ? "a sanitizer's report" : why);
		fail_msg("line %d: %s", line, report != NULL ? report : why);
	}
}

/* Press key (a character or a key's name), expect a clean exit. */
static void
quit_with(const char *key, int line)
{
	e2e_press(t_vt, key);
	want_clean_exit(line);
}
#define QUIT_WITH(k)	quit_with((k), __LINE__)

/* The program is still running a moment after the last key. */
static void
want_running(int line)
{
	settle();
	if (vt_wait_exit(t_vt, 300, NULL))
		fail_msg("line %d: the program ended", line);
}
#define WANT_RUNNING()	want_running(__LINE__)

/* The row showing s, or a failure. */
static int
row_of(const char *s, int line)
{
	int row;

	if (!vt_find(t_vt, s, &row, NULL)) {
		e2e_dump(t_vt, s);
		fail_msg("line %d: \"%s\" is not on the screen", line, s);
	}
	return row;
}

/* Row of s also holds want. */
static void
want_beside(const char *s, const char *want, int line)
{
	int row = row_of(s, line);

	if (!e2e_row_has(t_vt, row, want, 0)) {
		e2e_dump(t_vt, want);
		fail_msg("line %d: \"%s\" is not beside \"%s\"", line, want, s);
	}
}
#define WANT_BESIDE(s, w)	want_beside((s), (w), __LINE__)

/* The palette colours of the cell at the start of s (-1: default). */
static void
colours_at(const char *s, int dcol, int *fg, int *bg, int line)
{
	struct vt_cell c;
	int row, col;

	if (!vt_wait_text(t_vt, s, T_WAIT) || !vt_find(t_vt, s, &row, &col) ||
	    vt_cell(t_vt, row, col + dcol,
	    &c) < 0) {
		e2e_dump(t_vt, s);
		fail_msg("line %d: \"%s\" is not on the screen", line, s);
	}
	*fg = c.fg_default ? -1 : c.fg_index;
	*bg = c.bg_default ? -1 : c.bg_index;
}

/* The text at s (its cell dcol after its start) is in fg on bg. */
static void
want_colours(const char *s, int dcol, int fg, int bg, int line)
{
	int f, b;

	colours_at(s, dcol, &f, &b, line);
	if (f != fg || b != bg) {
		e2e_dump(t_vt, s);
		fail_msg("line %d: \"%s\" is in %d on %d, not %d on %d", line,
		    s, f, b, fg, bg);
	}
}
#define WANT_COLOURS(s, fg, bg)	want_colours((s), 0, (fg), (bg), __LINE__)

/* The cell at row, col is in fg on bg. */
static void
want_cell(int row, int col, int fg, int bg, int line)
{
	struct vt_cell c;

	assert_int_equal(vt_cell(t_vt, row, col, &c), 0);
	if ((c.fg_default ? -1 : c.fg_index) != fg ||
	    (c.bg_default ? -1 : c.bg_index) != bg) {
		e2e_dump(t_vt, "a cell's colours");
		fail_msg("line %d: the cell at %d,%d is in %d on %d, not %d on "
		    "%d", line, row, col, c.fg_default ? -1 : c.fg_index,
		    c.bg_default ? -1 : c.bg_index, fg, bg);
	}
}
#define WANT_CELL(r, c, fg, bg)	want_cell((r), (c), (fg), (bg), __LINE__)

/* The cell at row, col has bg behind it. */
static void
want_bg(int row, int col, int bg, int line)
{
	struct vt_cell c;

	assert_int_equal(vt_cell(t_vt, row, col, &c), 0);
	if ((c.bg_default ? -1 : c.bg_index) != bg) {
		e2e_dump(t_vt, "background");
		fail_msg("line %d: the cell at %d,%d is on %d, not %d", line,
		    row, col, c.bg_default ? -1 : c.bg_index, bg);
	}
}
#define WANT_BG(r, c, bg)	want_bg((r), (c), (bg), __LINE__)

/* ---- keys ---- */

/*
 * Keys given other actions do them, the keys they had do nothing, and
 * help and the status line show the new ones.
 */
static void
test_remapped_keys(void **state)
{
	(void)state;
	write_config("keys:\n"
	    "  quit: [x, C-q]\n"
	    "  help: [h]\n"
	    "  search: [S]\n"
	    "  bar_clear: [C-k]\n");
	start("xterm-256color", NULL, NULL);
	WANT("12 allies");
	/* The status line's hints name the keys as they are now. */
	WANT("x quit");
	WANT("h help");
	WANT("S search");
	assert_false(e2e_row_has(t_vt, -1, "q quit", 0));
	/* q and ? were quit's and help's: now nothing. */
	e2e_press(t_vt, "q");
	e2e_press(t_vt, "?");
	WANT_RUNNING();
	assert_false(vt_find(t_vt, "this help", NULL, NULL));
	e2e_press(t_vt, "h");
	WANT("this help");
	WANT_BESIDE("this help", "h");
	WANT_BESIDE("quit", "x C-q");
	WANT_BESIDE("search: the list filters", "S");
	assert_false(vt_find(t_vt, "? F1", NULL, NULL));
	e2e_press(t_vt, "G");
	WANT("clear the pattern");
	WANT_BESIDE("clear the pattern", "C-k");
	vt_key(t_vt, "Esc");
	WANT("12 allies");
	/* A key within the escape delay would be Alt and the key. */
	settle();
	/* S opens the bar; C-k, not C-u, clears what was typed. */
	e2e_press(t_vt, "S");
	vt_sends(t_vt, "nurs");
	WANT("/nurs");
	WANT_GONE("The Camden Coalition");
	vt_key(t_vt, "C-u");
	settle();
	assert_true(vt_find(t_vt, "/nurs", NULL, NULL));
	vt_key(t_vt, "C-k");
	WANT("The Camden Coalition");
	vt_key(t_vt, "Esc");
	settle();
	/* C-q gets through: the terminal's flow control is off. */
	QUIT_WITH("C-q");
}

/* --no-config reads none: the default keys work. */
static void
test_no_config(void **state)
{
	(void)state;
	write_config("keys:\n  quit: [x]\ntheme: light\n");
	start("xterm-256color", NULL, T_LIST("--no-config"));
	WANT("12 allies");
	WANT("q quit");
	WANT_COLOURS("The Anchor Institutions", -1, -1);
	e2e_press(t_vt, "x");
	WANT_RUNNING();
	QUIT_WITH("q");
}

/* --config FILE is read instead of the default file. */
static void
test_config_option(void **state)
{
	const char *other = e2e_fmt("%s/other.yaml", t_dir);

	(void)state;
	write_config("keys:\n  quit: [x]\n");
	write_file(other, "keys:\n  quit: [Q]\n", 0644);
	start("xterm-256color", NULL, T_LIST("--config", other));
	WANT("Q quit");
	e2e_press(t_vt, "x");
	WANT_RUNNING();
	QUIT_WITH("Q");
}

/* The configuration's order, unless --sort says another. */
static void
test_sort(void **state)
{
	(void)state;
	write_config("sort: name\n");
	start("xterm-256color", NULL, NULL);
	WANT("12 allies");
	/* By name, "The" aside: Albert before American. */
	if (!e2e_wait_row(t_vt, 2, " The Albert Schweitzer Fellowship", 1, 1,
	    T_WAIT)) {
		e2e_dump(t_vt, "sorted by name");
		fail_msg("the list is not in the configuration's order");
	}
	QUIT_WITH("q");
	start("xterm-256color", NULL, T_LIST("--sort", "file"));
	WANT("12 allies");
	if (!e2e_wait_row(t_vt, 2, " The American Academy of Family", 1, 1,
	    T_WAIT)) {
		e2e_dump(t_vt, "the file's order");
		fail_msg("--sort file did not win over the configuration");
	}
	QUIT_WITH("q");
}

/*
 * search_mode: words is how the bar reads a query, -q's too (a regex
 * error for "(" is none in words), unless --search-mode says another.
 */
static void
test_search_mode(void **state)
{
	(void)state;
	write_config("search_mode: words\n");
	start("xterm-256color", NULL, NULL);
	WANT("12 allies");
	e2e_press(t_vt, "/");
	WANT("words 12/12");
	vt_key(t_vt, "Esc");
	settle();
	QUIT_WITH("q");
	start("xterm-256color", NULL, T_LIST("-q", "(aafp"));
	WANT("The American Academy of Family");
	WANT_GONE("The Camden Coalition");
	QUIT_WITH("q");
	start("xterm-256color", NULL, T_LIST("--search-mode", "regex"));
	WANT("12 allies");
	e2e_press(t_vt, "/");
	WANT("12/12");
	settle();
	assert_false(e2e_row_has(t_vt, -1, "words", 0));
	vt_key(t_vt, "Esc");
	settle();
	QUIT_WITH("q");
}

/* ---- colours ---- */

/*
 * Under term, text of the list in normal's colours (fg on bg), the title
 * in title's, and the background painted where nothing is written.
 */
static void
want_theme(const char *term, const int normal[2], const int title[2],
    int line)
{
	start(term, NULL, NULL);
	WANT("12 allies");
	settle();
	want_colours("The Anchor Institutions", 0, normal[0], normal[1], line);
	want_colours("Social Mission Alliance", 0, title[0], title[1], line);
	want_bg(T_ROWS - 3, T_COLS - 2, normal[1], line);
	want_bg(T_ROWS - 3, 1, normal[1], line);
}

/* The light theme, in 256 colours and in 8. */
static void
test_light_theme(void **state)
{
	(void)state;
	write_config("theme: light\n");
	/* Black on white; the title white on #005f87; the bar on #005faf. */
	want_theme("xterm-256color", (const int[]){ 16, 231 },
	    (const int[]){ 231, 24 }, __LINE__);
	WANT_CELL(2, 1, 231, 25);
	QUIT_WITH("q");
	/* Eight colours: black on light grey, the title black on cyan. */
	want_theme("xterm", (const int[]){ 0, 7 }, (const int[]){ 0, 6 },
	    __LINE__);
	QUIT_WITH("q");
}

/* The dark theme, with the title in a colour the configuration gives. */
static void
test_dark_theme_and_a_style(void **state)
{
	(void)state;
	write_config("theme: dark\ncolors:\n  title: bold yellow on 22\n"
	    "  header: 0 on 229\n");
	start("xterm-256color", NULL, NULL);
	WANT("12 allies");
	settle();
	WANT_COLOURS("The Anchor Institutions", 252, 234);
	WANT_COLOURS("Social Mission Alliance", 3, 22);
	WANT_COLOURS("Description", 0, 229);
	WANT_BG(T_ROWS - 3, T_COLS - 2, 234);
	QUIT_WITH("q");
	/* NO_COLOR: no colour at all, whatever the configuration says. */
	start("xterm-256color", T_LIST("NO_COLOR=1"), NULL);
	WANT("12 allies");
	settle();
	WANT_COLOURS("The Anchor Institutions", -1, -1);
	WANT_COLOURS("Social Mission Alliance", -1, -1);
	QUIT_WITH("q");
}

/* ---- the mouse ---- */

/* A click on the 4th row of the list, then past the double-click time. */
static void
click_4th(void)
{
	int type;

	for (type = VT_PRESS; type <= VT_RELEASE; type++)
		vt_mouse(t_vt, type, 0, 5, 10);
	vt_wait_quiet(t_vt, 250, T_WAIT);
}

/* mouse: false: the terminal is never asked for mouse reports. */
static void
test_mouse_off(void **state)
{
	static const char *const modes[] = {
		"\033[?1000h", "\033[?1002h", "\033[?1003h", "\033[?1006h"
	};
	size_t i;

	(void)state;
	/* With the mouse, a click on the 4th row selects it... */
	write_config("mouse: true\n");
	start("xterm-256color", NULL, NULL);
	WANT("1/12");
	settle();
	click_4th();
	WANT("4/12");
	QUIT_WITH("q");
	/* ...and without it, the click is the terminal's. */
	write_config("mouse: false\n");
	start("xterm-256color", NULL, NULL);
	WANT("1/12");
	settle();
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (e2e_output_find(t_vt, modes[i], strlen(modes[i])) != NULL)
			fail_msg("mouse reports were turned on (%s)",
			    modes[i] + 1);
	click_4th();
	settle();
	assert_true(vt_find(t_vt, "1/12", NULL, NULL));
	e2e_press(t_vt, "?");
	WANT("this help");
	e2e_press(t_vt, "G");
	WANT("mouse: false in the");
	vt_key(t_vt, "Esc");
	WANT("12 allies");
	settle();
	QUIT_WITH("q");
}

/* ---- bad configurations ---- */

/*
 * A bad configuration: the browser starts with the defaults, the status
 * line says so, and every problem is on stderr when it ends.
 */
static void
test_bad_config(void **state)
{
	const char *out;

	(void)state;
	write_config("theme: purple\nkeys:\n  quit: [x, o]\n");
	start("xterm-256color", NULL, NULL);
	WANT("12 allies");
	WANT("Configuration not used (2 problems, listed when you quit)");
	WANT("The Camden Coalition");
	/* The defaults: q quits, x does not, no theme's colours. */
	WANT_COLOURS("The Anchor Institutions", -1, -1);
	e2e_press(t_vt, "x");
	WANT_RUNNING();
	QUIT_WITH("q");
	out = vt_output(t_vt, NULL);
	assert_non_null(strstr(out, e2e_fmt("%s:1:8: error: 'theme' must be "
	    "light, dark or default, not \"purple\"", config_file())));
	assert_non_null(strstr(out, e2e_fmt("%s:3:13: warning: \"o\", given "
	    "to 'quit', was the key of 'open', which has no key now",
	    config_file())));
	/* Only warnings: the configuration is used, and they are said. */
	write_config("theme: light\nfly: high\n");
	start("xterm-256color", NULL, NULL);
	WANT("Configuration read with 1 warning");
	WANT_COLOURS("The Anchor Institutions", 16, 231);
	QUIT_WITH("q");
	assert_non_null(strstr(vt_output(t_vt, NULL), e2e_fmt("%s:2:1: "
	    "warning: unknown key \"fly\"", config_file())));
	/* A --config FILE that is not there, or not a file. */
	start("xterm-256color", NULL, T_LIST("--config", t_dir));
	WANT("12 allies");
	WANT("Configuration not used (1 problem");
	QUIT_WITH("q");
	assert_non_null(strstr(vt_output(t_vt, NULL), e2e_fmt("%s: error: not "
	    "a regular file", t_dir)));
}

/* The kiosk and a public session read no configuration, good or bad. */
static void
test_kiosk_reads_none(void **state)
{
	(void)state;
	write_config("theme: light\nkeys: {help: [h]}\n");
	start("xterm-256color", NULL, T_LIST("--kiosk"));
	WANT("12 allies");
	settle();
	WANT_COLOURS("The Anchor Institutions", -1, -1);
	/*
	 * F1 is Help as the kiosk's table has it; the file's h is not: it
	 * starts a search, as any letter does in a kiosk.
	 */
	e2e_press(t_vt, "F1");
	WANT("this help");
	e2e_press(t_vt, "Esc");
	WANT_GONE("this help");
	settle();
	e2e_press(t_vt, "h");
	WANT("/h");
	assert_false(vt_find(t_vt, "this help", NULL, NULL));
	vt_kill(t_vt, SIGTERM);
	want_clean_exit(__LINE__);
	write_config("theme: purple\n");
	start("xterm-256color", NULL, T_LIST("--kiosk"));
	WANT("12 allies");
	settle();
	assert_false(vt_find(t_vt, "Configuration", NULL, NULL));
	vt_kill(t_vt, SIGTERM);
	want_clean_exit(__LINE__);
	assert_null(strstr(vt_output(t_vt, NULL), "purple"));
	write_config("theme: light\nkeys: {quit: [x]}\n");
	start("xterm-256color", NULL, T_LIST("--public"));
	WANT("12 allies");
	settle();
	WANT_COLOURS("The Anchor Institutions", -1, -1);
	QUIT_WITH("q");
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_remapped_keys),
		T(test_no_config),
		T(test_config_option),
		T(test_sort),
		T(test_search_mode),
		T(test_light_theme),
		T(test_dark_theme_and_a_style),
		T(test_mouse_off),
		T(test_bad_config),
		T(test_kiosk_reads_none),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
