/*
 * test_sizes.c - the browser at every terminal size, and the bottom
 * line's messages.
 *
 * One running browser is resized through a grid of sizes that crosses
 * every boundary of the layout (every width from 20 to 100 at a few
 * heights, every height from 5 to 40 at a few widths, and large ones up
 * to 300x100), and each screen is checked as a person would read it:
 * the title keeps the count whole; the hint line keeps "? help" and
 * "q quit" and offers nothing that cannot be done at that size; a
 * message too long for the line is cut at a word with an ellipsis;
 * nothing is drawn outside its pane; the description can be reached
 * (beside or below the list, or in its place with Tab when only one
 * pane fits).  Then: how long a message stays, and a website wrapped
 * after its separators, checked on the cells.
 *
 * The program is $SMA_ALLIES_BIN (by default the sanitizer build) on a
 * pseudo-terminal (tests/tty/vt.h); waits are for output and then a
 * short quiet, or for a screen state, with a timeout.  What the layout
 * does at which size is the README's: side by side from 72 columns,
 * stacked from 14 rows, a notice below 24x6.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e/e2e.h"

#define S_WAIT		5000	/* ms: generous, the sanitizer build is slow */
#define S_QUIET		6	/* ms without output: a frame is done */
#define S_CALM		300	/* ms without output: surely done */
#define S_PATH		4096

/* The layout's boundaries, as the README gives them. */
#define S_MIN_COLS	24
#define S_MIN_ROWS	6
#define S_WIDE_COLS	72
#define S_STACK_ROWS	14

#define S_NAME		"Social Mission Alliance Allies Program"
#define S_ELLIPSIS	"\xe2\x80\xa6"
#define S_LIST(...)	((const char *const []){ __VA_ARGS__, NULL })
#define S_COUNT(v)	(sizeof(v) / sizeof((v)[0]))

#define S_FAIL(...)	s_failed(__FILE__, __LINE__, __VA_ARGS__)
/* In a soft check a failure is noted and the check given up. */
#define S_CHECK(c, ...)	do {						\
		if (c)							\
			break;						\
		if (s_soft) {						\
			s_bad = 1;					\
			return;						\
		}							\
		S_FAIL(__VA_ARGS__);					\
	} while (0)

static struct vt *s_vt;
static int s_rows, s_cols;
static char s_bin[S_PATH];
static char s_start_dir[S_PATH];
static char *s_dir;
static int s_soft, s_bad;	/* see S_CHECK */

/* ---- the harness ---- */

static void
s_failed(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
s_failed(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: at %dx%d: ", file, line, s_cols, s_rows);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (s_vt != NULL)
		e2e_dump(s_vt, "at the failure");
	_fail(file, line);
}

/* Wait for output, then for it to stop: the frame is whole. */
static void
s_settle(void)
{
	int64_t until = vt_now_ms() + S_WAIT;

	while (vt_pump(s_vt, 50) == 0)
		if (vt_now_ms() > until)
			S_FAIL("no frame came");
	vt_wait_quiet(s_vt, S_QUIET, S_WAIT);
}

static void
s_start(int rows, int cols, const char *const *env, const char *const *args)
{
	struct e2e_env e;
	size_t i;

	e2e_env_init(&e);
	e2e_env_putf(&e, "HOME=%s", s_dir);
	/* No opener on PATH: "o" says so, in a long message. */
	e2e_env_putf(&e, "PATH=%s/bin", s_dir);
	e2e_env_sanitizers(&e);
	for (i = 0; env != NULL && env[i] != NULL; i++)
		e2e_env_put(&e, env[i]);
	s_vt = e2e_spawn(s_bin, args, &e, rows, cols);
	e2e_env_free(&e);
	if (s_vt == NULL)
		fail_msg("cannot start %s: %s", s_bin, strerror(errno));
	s_rows = rows;
	s_cols = cols;
	if (!vt_wait_text(s_vt, " allies", S_WAIT))
		S_FAIL("the data never came");
	vt_wait_quiet(s_vt, 100, S_WAIT);
}

/* The built-in data filtered with /health/, whose message is up. */
static void
s_start_filtered(int rows, int cols)
{
	s_start(rows, cols, NULL, NULL);
	vt_sends(s_vt, "/health\r");
	if (!vt_wait_text(s_vt, "10 of 12 allies match", S_WAIT))
		S_FAIL("no filter");
}

static void
s_resize(int rows, int cols)
{
	vt_resize(s_vt, rows, cols);
	s_rows = rows;
	s_cols = cols;
	s_settle();
}

static void
s_press(const char *key)
{
	e2e_press(s_vt, key);
	s_settle();
}

/* Press q: the program ends with status 0 and no sanitizer report. */
static void
s_quit(void)
{
	const char *why, *report;

	vt_sends(s_vt, "q");
	why = e2e_exit_why(s_vt, 15000);
	report = e2e_sanitizer_report(vt_output(s_vt, NULL));
	S_CHECK(report == NULL, "sanitizer: %.2000s", report);
	S_CHECK(why == NULL, "after q: %s", why);
}

/* Row r (negative: from the bottom), trimmed, kept until teardown. */
static const char *
s_row(int r)
{
	return e2e_keep(e2e_row_trim(s_vt, r < 0 ? s_rows + r : r));
}

static int
s_ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);

	return n >= m && strcmp(s + n - m, end) == 0;
}

/* The cell's look, for telling a focused header from another. */
static int
s_same_look(const struct vt_cell *a, const struct vt_cell *b)
{
	return a->bold == b->bold && a->underline == b->underline &&
	    a->reverse == b->reverse && a->fg_index == b->fg_index &&
	    a->bg_index == b->bg_index && a->fg_r == b->fg_r &&
	    a->fg_g == b->fg_g && a->fg_b == b->fg_b && a->bg_r == b->bg_r &&
	    a->bg_g == b->bg_g && a->bg_b == b->bg_b;
}

static struct vt_cell
s_cell(int row, int col)
{
	struct vt_cell c;

	memset(&c, 0, sizeof(c));
	if (vt_cell(s_vt, row, col, &c) < 0)
		S_FAIL("no cell %d,%d", row, col);
	return c;
}

/*
 * The text of row from column col on, read off the cells (a character a
 * cell, a blank for an empty one), without trailing blanks; kept until
 * teardown.
 */
static const char *
s_text_at(int row, int col)
{
	char *s = e2e_keep(e2e_realloc(NULL, (size_t)s_cols * 4 + 1));
	struct vt_cell c;
	size_t n = 0;
	uint32_t cp;

	for (; col < s_cols; col++) {
		c = s_cell(row, col);
		if (c.width == 0)
			continue;
		cp = c.ch[0] != 0 ? c.ch[0] : ' ';
		if (cp < 0x80)
			s[n++] = (char)cp;
		else if (cp < 0x800) {
			s[n++] = (char)(0xc0 | cp >> 6);
			s[n++] = (char)(0x80 | (cp & 0x3f));
		} else {
			/* The screens here hold nothing above U+FFFF. */
			s[n++] = (char)(0xe0 | cp >> 12);
			s[n++] = (char)(0x80 | (cp >> 6 & 0x3f));
			s[n++] = (char)(0x80 | (cp & 0x3f));
		}
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	s[n] = '\0';
	return s;
}

/* ---- the sizes ---- */

struct size {
	int	 rows, cols;
};

/*
 * The grid: every width at a few heights (the smallest, the last and
 * first of each layout), every height at a few widths (either side of
 * each boundary), and large ones; no two in a row the same, so that
 * each step is a resize.
 */
static size_t
s_sizes(struct size *v, size_t max)
{
	static const int heights[] = { 6, 13, 14, 24 };
	static const int widths[] = { 24, 40, 71, 72, 120 };
	static const struct size large[] = {
		{ 50, 150 }, { 60, 200 }, { 80, 250 }, { 100, 300 },
		{ 6, 300 }, { 100, 24 }, { 24, 300 }, { 100, 100 },
	};
	size_t n = 0, i;
	int w, h;

	for (i = 0; i < S_COUNT(heights); i++)
		for (w = 20; w <= 100 && n < max; w++)
			v[n++] = (struct size){ heights[i], w };
	for (i = 0; i < S_COUNT(widths); i++)
		for (h = 5; h <= 40 && n < max; h++)
			v[n++] = (struct size){ h, widths[i] };
	for (i = 0; i < S_COUNT(large) && n < max; i++)
		v[n++] = large[i];
	return n;
}

static int
s_too_small(void)
{
	return s_rows < S_MIN_ROWS || s_cols < S_MIN_COLS;
}

static int
s_one_pane(void)
{
	return s_cols < S_WIDE_COLS && s_rows < S_STACK_ROWS;
}

/* ---- what every screen must show ---- */

/*
 * Below the minimum: the notice and nothing else.  Else nothing outside
 * its pane: the title's colours across the top row, a blank margin in
 * the last column of every row above the bottom line (a pane that drew
 * too far would fill it, or wrap and scroll the screen), and side by
 * side, the separator whole in one column.
 */
static void
s_check_frame(void)
{
	struct vt_cell first, last;
	int r, sep = -1, c;
	const char *row;

	if (s_too_small()) {
		S_CHECK(vt_find(s_vt, "Terminal", NULL, NULL),
		    "no notice below the minimum");
		S_CHECK(!vt_find(s_vt, "help", NULL, NULL),
		    "hints under the notice");
		return;
	}
	first = s_cell(0, 0);
	last = s_cell(0, s_cols - 1);
	S_CHECK(s_same_look(&first, &last) && !first.bg_default,
	    "the title bar does not span the top row");
	for (r = 0; r < s_rows - 1; r++) {
		last = s_cell(r, s_cols - 1);
		S_CHECK(last.ch[0] == 0 || last.ch[0] == ' ',
		    "row %d reaches the last column", r);
	}
	row = s_row(1);
	S_CHECK(strncmp(row, "Allies", 6) == 0 ||
	    strncmp(row, "Description", 11) == 0, "no pane header on row 1");
	if (s_cols < S_WIDE_COLS)
		return;
	S_CHECK(vt_find(s_vt, "\xe2\x94\x82", &r, &sep), "no separator");
	for (r = 1; r < s_rows - 1; r++) {
		c = (int)s_cell(r, sep).ch[0];
		S_CHECK(c == 0x2502, "separator broken on row %d", r);
	}
}

/* The title keeps count whole at its end; the name goes first. */
static void
s_check_title(const char *count)
{
	const char *row = s_row(0), *gap;
	size_t n;

	if (s_too_small())
		return;
	S_CHECK(s_ends_with(row, count) && (strlen(row) == strlen(count) ||
	    row[strlen(row) - strlen(count) - 1] == ' '),
	    "the title does not end in the count \"%s\": \"%s\"", count, row);
	if (row[0] != 'S')
		return;
	/* What is left of the name is its start, whole or cut. */
	gap = strstr(row, "  ");
	n = gap != NULL ? (size_t)(gap - row) : strlen(row);
	if (n >= strlen(S_ELLIPSIS) && strncmp(row + n - strlen(S_ELLIPSIS),
	    S_ELLIPSIS, strlen(S_ELLIPSIS)) == 0)
		n -= strlen(S_ELLIPSIS);
	S_CHECK(n > 0 && strncmp(row, S_NAME, n) == 0, "the name is garbled");
}

/*
 * The hint line: "? help" ("F1 help" in a kiosk, whose letters type into
 * the search) and "q quit" whenever a hint is shown (a kiosk has no quit
 * to offer); Tab named for what it does here.
 */
static void
s_check_hints(int kiosk)
{
	const char *row = s_row(-1);

	if (s_too_small())
		return;
	S_CHECK(row[0] != '\0', "an empty bottom line");
	S_CHECK(strstr(row, kiosk ? "F1 help" : "? help") != NULL,
	    "no \"%s\": \"%s\"", kiosk ? "F1 help" : "? help", row);
	if (kiosk)
		S_CHECK(strstr(row, "quit") == NULL, "a kiosk offers quit");
	else
		S_CHECK(strstr(row, "q quit") != NULL, "no \"q quit\"");
	if (s_one_pane()) {
		/* Tab is the one way to the description. */
		S_CHECK(strstr(row, "Tab description") != NULL ||
		    strstr(row, "Tab info") != NULL, "Tab not offered for the "
		    "description: \"%s\"", row);
		S_CHECK(strstr(row, "Tab focus") == NULL, "Tab offers focus "
		    "with one pane");
	}
}

/*
 * The selected ally's description can be reached: on screen with the
 * list, or with one pane, in the list's place after Tab (and Tab brings
 * the list back).  At a sample of the other sizes, Tab moves the focus
 * there, as the hint says.
 */
static void
s_check_description(const char *name, int sample)
{
	struct vt_cell before, after;
	int hr, hc;

	if (s_too_small())
		return;
	if (s_one_pane()) {
		S_CHECK(!vt_find(s_vt, "Description", NULL, NULL),
		    "two panes where one fits");
		s_press("Tab");
		S_CHECK(strncmp(s_row(1), "Description", 11) == 0,
		    "Tab does not show the description");
		S_CHECK(strncmp(s_row(2), name, strlen(name)) == 0 ||
		    strncmp(name, s_row(2), strlen(s_row(2))) == 0,
		    "the description is not the selected ally's");
		S_CHECK(strstr(s_row(-1), "Tab list") != NULL,
		    "no way back offered");
		s_press("Tab");
		S_CHECK(strncmp(s_row(1), "Allies", 6) == 0,
		    "Tab does not bring the list back");
		return;
	}
	S_CHECK(vt_find(s_vt, " Description", &hr, &hc),
	    "no description pane");
	S_CHECK(hr + 1 < s_rows - 1 && strncmp(s_text_at(hr + 1, hc + 1), name,
	    strlen(name)) == 0, "the description is not the selected ally's");
	if (!sample)
		return;
	before = s_cell(hr, hc + 1);
	s_press("Tab");
	after = s_cell(hr, hc + 1);
	S_CHECK(!s_same_look(&before, &after), "Tab focus shows nothing");
	s_press("Tab");
}

/*
 * A message is whole, or cut at a word (the message goes on with a
 * blank there) and ends in an ellipsis, maybe with "? more" after.
 */
static void
s_check_message(const char *msg)
{
	const char *row = s_row(-1), *cut = strstr(row, S_ELLIPSIS);
	size_t n;

	if (s_too_small())
		return;
	if (strlen(msg) <= (size_t)s_cols) {
		S_CHECK(strcmp(row, msg) == 0, "a message that fits is cut: "
		    "\"%s\"", row);
		return;
	}
	S_CHECK(cut != NULL, "a cut message without an ellipsis: \"%s\"", row);
	n = (size_t)(cut - row);
	S_CHECK(n > 0 && strncmp(row, msg, n) == 0 && msg[n] == ' ' &&
	    row[n - 1] != ' ', "not cut at a word: \"%s\"", row);
	cut += strlen(S_ELLIPSIS);
	while (*cut == ' ')
		cut++;
	S_CHECK(*cut == '\0' || strcmp(cut, "? more") == 0,
	    "after the ellipsis: \"%s\"", cut);
}

/*
 * Check the screen as it stands (after s_settle(), which a slow frame
 * can outlast): softly, and when that fails, once the terminal has been
 * calm a good while, for good.
 */
static void
s_check_screen(const char *count, const char *msg, int kiosk)
{
	int pass;

	for (pass = 0; pass < 2; pass++) {
		s_soft = pass == 0;
		s_bad = 0;
		s_check_frame();
		if (!s_bad)
			s_check_title(count);
		if (!s_bad && msg != NULL)
			s_check_message(msg);
		else if (!s_bad)
			s_check_hints(kiosk);
		s_soft = 0;
		if (!s_bad)
			return;
		vt_wait_quiet(s_vt, S_CALM, S_WAIT);
	}
}

/* ---- setup ---- */

static int
s_setup(void **state)
{
	(void)state;
	if ((s_dir = e2e_tmpdir("sma-sizes")) == NULL ||
	    mkdir(e2e_fmt("%s/bin", s_dir), 0755) == -1 ||
	    chdir(s_dir) == -1)
		return -1;
	return 0;
}

static int
s_teardown(void **state)
{
	(void)state;
	vt_free(s_vt);
	s_vt = NULL;
	if (chdir(s_start_dir) == -1)
		return -1;
	e2e_rmtree(s_dir);
	free(s_dir);
	s_dir = NULL;
	e2e_release();
	return 0;
}

/* ---- tests ---- */

/* Every size with a filter on: the title, hints, frame, description. */
static void
test_walk_layouts(void **state)
{
	struct size v[1024];
	size_t n, i;

	(void)state;
	s_start_filtered(24, 80);
	/* Keys before its time is up: the message goes when it is. */
	vt_sends(s_vt, "jk");
	if (!e2e_wait_row(s_vt, -1, "? help", 1, 0, 9000))
		S_FAIL("the message stayed");
	n = s_sizes(v, S_COUNT(v));
	for (i = 0; i < n; i++) {
		s_resize(v[i].rows, v[i].cols);
		s_check_screen("10/12", NULL, 0);
		s_check_description("The American Academy", i % 8 == 0);
	}
	s_quit();
}

/*
 * Every width at two heights (one pane, two) with a long message that
 * stays while nothing is done: cut at a word, whole once it fits;
 * Help shows it in full.  Then the next key ends it.
 */
static void
test_walk_message(void **state)
{
	const char *msg = "No way to open https://www.aafp.org/: xdg-open "
	    "not found (set BROWSER)";
	static const int heights[] = { 8, 30 };
	int64_t shown;
	size_t i;
	int w, more = 0;

	(void)state;
	s_start(24, 80, NULL, NULL);
	vt_sends(s_vt, "o");
	if (!vt_wait_text(s_vt, "No way to open", S_WAIT))
		S_FAIL("no message");
	shown = vt_now_ms();
	for (i = 0; i < S_COUNT(heights); i++)
		for (w = 20; w <= 110; w++) {
			s_resize(heights[i], w);
			s_check_screen("12 allies", msg, 0);
			more |= strstr(s_row(-1), "? more") != NULL;
		}
	S_CHECK(more, "no cut message said \"? more\"");
	/* At 40 columns, the case: the URL whole, "? more" gone. */
	s_resize(12, 40);
	S_CHECK(strcmp(s_row(-1), "No way to open https://www.aafp.org/:"
	    S_ELLIPSIS) == 0, "at 40 columns: \"%s\"", s_row(-1));
	s_resize(12, 30);
	S_CHECK(strstr(s_row(-1), "? more") != NULL, "no \"? more\"");
	s_press("?");
	S_CHECK(strncmp(s_row(1), "Message", 7) == 0, "Help without it");
	{
		/* Its lines, joined, are the whole message. */
		char *all = e2e_keep(e2e_strdup(s_row(2)));
		int r;

		for (r = 3; r < s_rows - 1 && s_row(r)[0] != '\0'; r++)
			all = e2e_keep(e2e_asprintf("%s %s", all, s_row(r)));
		S_CHECK(strcmp(all, msg) == 0, "Help says \"%s\"", all);
	}
	s_press("Esc");
	/* Nothing was done all along: it stays, past its time. */
	if (vt_now_ms() - shown < 4500)
		e2e_wait_row(s_vt, -1, "No way", 0, 0,
		    (int)(4500 - (vt_now_ms() - shown)));
	S_CHECK(strncmp(s_row(-1), "No way to open", 14) == 0,
	    "the message went without an action");
	s_press("j");
	S_CHECK(strstr(s_row(-1), "? help") != NULL,
	    "the message outlived the next key");
	s_quit();
}

/*
 * A message stays MESSAGE_MS (4 s) through keys and clicks, and goes
 * by itself then, the screen updated without a key.
 */
static void
test_message_expires(void **state)
{
	int64_t shown, gone;

	(void)state;
	s_start_filtered(30, 100);
	vt_key(s_vt, "Esc");
	if (!e2e_wait_row(s_vt, -1, "Filter cleared", 1, 0, S_WAIT))
		S_FAIL("no message");
	shown = vt_now_ms();
	/* A click on the fourth ally, then a key: it stays. */
	vt_mouse(s_vt, VT_PRESS, 0, 5, 3);
	vt_mouse(s_vt, VT_RELEASE, 0, 5, 3);
	if (!e2e_wait_row(s_vt, 1, "4/12", 1, 0, S_WAIT))
		S_FAIL("the click selected nothing");
	s_press("j");
	S_CHECK(e2e_row_has(s_vt, 1, "5/12", 0), "j did not move");
	S_CHECK(vt_now_ms() - shown < 3000 ? e2e_row_has(s_vt, s_rows - 1,
	    "Filter cleared", 0) : 1, "the message went at once");
	if (!e2e_wait_row(s_vt, -1, "Filter cleared", 0, 0, 9000))
		S_FAIL("the message stayed");
	gone = vt_now_ms();
	S_CHECK(gone - shown >= 3500, "gone after %lld ms, before its time",
	    (long long)(gone - shown));
	S_CHECK(gone - shown <= 7000, "gone after %lld ms",
	    (long long)(gone - shown));
	S_CHECK(strstr(s_row(-1), "? help") != NULL, "no hints after it");
	s_quit();
}

/* A warning that the data is stale stays until the file is good. */
static void
test_stale_warning_stays(void **state)
{
	const char *good = "allies:\n"
	    "  - name: One\n    url: https://one.example/\n"
	    "    description: The first.\n"
	    "  - name: Two\n    url: https://two.example/\n"
	    "    description: The second.\n";
	const char *bad = "allies:\n  - name: \"One\n";
	int64_t t;

	(void)state;
	S_CHECK(e2e_write_file("d.yaml", good, strlen(good), 0644, 1) == 0,
	    "cannot write");
	s_start(20, 100, NULL, S_LIST("-d", "d.yaml"));
	if (!vt_wait_text(s_vt, "2 allies", S_WAIT))
		S_FAIL("no data");
	S_CHECK(e2e_write_file("d.yaml", bad, strlen(bad), 0644, 1) == 0,
	    "cannot write");
	if (!e2e_wait_row(s_vt, -1, "Reload failed", 1, 0, S_WAIT))
		S_FAIL("no warning");
	t = vt_now_ms();
	s_press("j");
	e2e_wait_row(s_vt, -1, "Reload failed", 0, 0,
	    (int)(5000 - (vt_now_ms() - t)));
	s_press("k");
	s_press("a");
	s_press("Esc");
	S_CHECK(strncmp(s_row(-1), "Reload failed", 13) == 0,
	    "the warning went while the data is stale");
	S_CHECK(e2e_write_file("d.yaml", good, strlen(good), 0644, 1) == 0,
	    "cannot write");
	if (!e2e_wait_row(s_vt, -1, "Reloaded", 1, 0, S_WAIT))
		S_FAIL("no reload");
	s_quit();
}

/*
 * The website wraps after a '/', '?', '&' or '-' only, the separator
 * ending the line (a part with none is cut where the line is full),
 * never a lone '/' on a line: at every width, stacked and side by side,
 * read off the cells.
 */
static void
test_url_wrap(void **state)
{
	const char *url = "https://www.example.org/programs/health-equity/"
	    "allies?id=12&lang=en";
	const char *data = e2e_fmt("allies:\n  - name: Long Link\n"
	    "    url: %s\n    description: A website with a long path.\n"
	    "  - name: Short\n    url: https://www.aafp.org/\n"
	    "    description: The issue's lone slash.\n", url);
	const char *line;
	char got[256];
	int w, r, col, row;

	(void)state;
	S_CHECK(e2e_write_file("u.yaml", data, strlen(data), 0644, 1) == 0,
	    "cannot write");
	s_start(30, 100, NULL, S_LIST("-d", "u.yaml"));
	for (w = S_MIN_COLS; w <= 130; w++) {
		s_resize(30, w);
		S_CHECK(vt_find(s_vt, "Website: ", &row, &col), "no website");
		got[0] = '\0';
		for (r = row; r < s_rows - 1; r++) {
			/* The URL's lines, in the column after the label. */
			line = s_text_at(r, col + 9);
			if (line[0] == '\0' || line[0] == ' ')
				break;
			S_CHECK(strchr(line, ' ') == NULL, "\"%s\" is more than "
			    "the website", line);
			S_CHECK(strcmp(line, "/") != 0, "a lone slash");
			if (strlen(got) + strlen(line) >= sizeof(got))
				S_FAIL("a runaway website");
			strcat(got, line);
			/*
			 * A line that ends elsewhere is a part with no
			 * separator, cut because it fills the line.
			 */
			if (strlen(got) < strlen(url) &&
			    !strchr("/?&-", line[strlen(line) - 1]))
				S_CHECK(strpbrk(line, "/?&-") == NULL &&
				    (int)strlen(line) == s_cols - col - 10,
				    "line \"%s\" breaks after no separator",
				    line);
		}
		S_CHECK(strcmp(got, url) == 0, "the website reads \"%s\"", got);
	}
	/* The case: 31 columns used to leave "/" alone. */
	s_press("j");
	s_resize(20, 31);
	S_CHECK(vt_find(s_vt, "Website: https://", &row, &col),
	    "no website at 31 columns");
	S_CHECK(strcmp(s_row(row + 1), "www.aafp.org/") == 0,
	    "at 31 columns: \"%s\"", s_row(row + 1));
	s_quit();
}

/* A kiosk through the widths: help always offered, never quit. */
static void
test_walk_kiosk(void **state)
{
	int w;

	(void)state;
	s_start(8, 80, NULL, S_LIST("--kiosk"));
	for (w = 20; w <= 100; w++) {
		s_resize(w % 2 ? 8 : 20, w);
		s_check_screen("12 allies", NULL, 1);
	}
	vt_kill(s_vt, 15);
	S_CHECK(e2e_exit_why(s_vt, 15000) == NULL, "the kiosk did not end");
}

/* ---- main ---- */

#define T(fn)	cmocka_unit_test_setup_teardown(fn, s_setup, s_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_walk_layouts),
		T(test_walk_message),
		T(test_message_expires),
		T(test_stale_warning_stays),
		T(test_url_wrap),
		T(test_walk_kiosk),
	};
	const char *bin = getenv("SMA_ALLIES_BIN");

	if (bin == NULL || *bin == '\0')
		bin = "build/asan/sma-allies";
	if (getcwd(s_start_dir, sizeof(s_start_dir)) == NULL ||
	    realpath(bin, s_bin) == NULL) {
		fprintf(stderr, "test_sizes: no program at %s (set "
		    "SMA_ALLIES_BIN)\n", bin);
		return 1;
	}
	if (getenv("SMA_E2E_FILTER") != NULL)
		cmocka_set_test_filter(getenv("SMA_E2E_FILTER"));
	return cmocka_run_group_tests_name("sizes", tests, NULL, NULL);
}
