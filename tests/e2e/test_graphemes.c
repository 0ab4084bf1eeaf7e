/*
 * test_graphemes.c - end-to-end tests of text made of grapheme clusters
 * (a ZWJ family, a health worker, flags, a heart with VS16) in the two
 * kinds of terminal there are: those that count columns per code point
 * (xterm, libvterm as it is) and those that count per cluster and say so
 * through DEC private mode 2027 (kitty, foot, WezTerm, Contour).  The
 * harness plays either (vt_set_graphemes()).  In each, the browser must
 * learn the terminal's rule from its answers and keep the screen whole:
 * the border on every row, the selection bar and the text inside their
 * pane, nothing left behind after scrolling over the clusters (the
 * screen equals a full repaint), and the terminal's answers never taken
 * as keys.
 *
 * The data is tests/data/good/graphemes.yaml; the program under test is
 * $SMA_ALLIES_BIN (default build/asan/sma-allies); the tests run from
 * the top of the tree.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "e2e/e2e.h"

#define T_WAIT		8000
#define ROWS		12
#define COLS		100
#define SEP		40	/* the border's column at 100 columns */
#define FIXTURE		"tests/data/good/graphemes.yaml"
#define ALLIES		12	/* in the fixture */

/* The terminals: what they answer to DECRQM for mode 2027. */
#define PER_CODE_POINT	(-1)	/* no answer: counts per code point */
#define NOT_RECOGNISED	0
#define RESET		2	/* clusters once the program sets it */
#define SET		1	/* clusters already, and may be reset */
#define ALWAYS		3	/* permanently set, as kitty counts */

#define FAMILY	"\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"
#define HEALTH	"\U0001F469\u200D\u2695\uFE0F"
#define FLAG	"\U0001F1EB\U0001F1F7"

static struct vt *t_vt;
static char *t_dir;
static char t_bin[4096];
static char t_data[4096];
static char *t_names[ALLIES];	/* each ally's list text: "name (abbr)" */

#define FAIL(...)	do { e2e_dump(t_vt, "at the failure"); \
	fail_msg(__VA_ARGS__); } while (0)
#define CHECK(c, ...)	do { if (!(c)) FAIL(__VA_ARGS__); } while (0)

/* ---- the fixture's allies, as --list shows them ---- */

/* Each ally's name and abbreviation from --list --format tsv. */
static void
read_names(void)
{
	const char *const args[] = { "-d", t_data, "--list", "--format",
	    "tsv", NULL };
	char *out, *line, *next, *tab, *abbr;
	size_t n = 0;
	int st;

	st = e2e_run(t_bin, args, NULL, 0, &out);
	assert_int_equal(st, 0);
	for (line = out; line != NULL && *line != '\0' && n < ALLIES;
	    line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		tab = strchr(line, '\t');
		assert_non_null(tab);
		*tab = '\0';
		abbr = tab + 1;
		if ((tab = strchr(abbr, '\t')) != NULL)
			*tab = '\0';
		t_names[n++] = e2e_keep(*abbr != '\0' ?
		    e2e_asprintf("%s (%s)", line, abbr) : e2e_strdup(line));
	}
	free(out);
	assert_int_equal(n, ALLIES);
}

/* ---- the program ---- */

static int
setup(void **state)
{
	const char *bin = getenv("SMA_ALLIES_BIN");

	(void)state;
	if (realpath(bin != NULL && *bin != '\0' ? bin :
	    "build/asan/sma-allies", t_bin) == NULL ||
	    realpath(FIXTURE, t_data) == NULL)
		fail_msg("run from the top of the tree: %s", strerror(errno));
	if ((t_dir = e2e_tmpdir("sma-graphemes")) == NULL ||
	    mkdir(e2e_fmt("%s/bin", t_dir), 0755) != 0)
		fail_msg("no temporary folder: %s", strerror(errno));
	read_names();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	e2e_cleanup(&t_vt, &t_dir);
	return 0;
}

/*
 * Start the browser on the fixture in a terminal that answers DECRQM
 * 2027 with answer, with extra ("NAME=value") in the environment and
 * args after the data (either NULL).
 */
static void
start(int answer, const char *extra, const char *const *args)
{
	const char *argv[16] = { "-d", t_data };
	struct e2e_env env;
	size_t i;

	for (i = 0; args != NULL && args[i] != NULL && i < 13; i++)
		argv[2 + i] = args[i];
	e2e_env_init(&env);
	e2e_env_putf(&env, "HOME=%s", t_dir);
	e2e_env_putf(&env, "PATH=%s/bin:/usr/bin:/bin", t_dir);
	e2e_env_sanitizers(&env);
	if (extra != NULL)
		e2e_env_put(&env, extra);
	t_vt = e2e_spawn(t_bin, argv, &env, ROWS, COLS);
	e2e_env_free(&env);
	if (t_vt == NULL)
		fail_msg("cannot start %s: %s", t_bin, strerror(errno));
	/* Before the first pump: the program's query is not read yet. */
	vt_set_graphemes(t_vt, answer);
}

static void
wait_text(const char *s)
{
	if (!vt_wait_text(t_vt, s, T_WAIT))
		FAIL("\"%s\" never showed", s);
}

/* The list's header says "pos/count". */
static void
wait_pos(int pos, int count)
{
	if (!e2e_wait_row(t_vt, 1, e2e_fmt(" %d/%d ", pos, count), 1, 0,
	    T_WAIT))
		FAIL("the list never said %d/%d", pos, count);
	vt_wait_quiet(t_vt, 80, T_WAIT);
}

/* q, then a clean exit: status 0, no sanitizer report. */
static void
quit(void)
{
	const char *why, *out;

	vt_sends(t_vt, "q");
	why = e2e_exit_why(t_vt, T_WAIT);
	out = vt_output(t_vt, NULL);
	if (e2e_sanitizer_report(out) != NULL)
		fail_msg("%s", e2e_sanitizer_report(out));
	if (why != NULL)
		fail_msg("after q: %s", why);
}

/* Occurrences of the C string needle in everything the program wrote. */
static int
count_raw(const char *needle)
{
	size_t len, n = strlen(needle), i;
	const char *out = vt_output(t_vt, &len);
	int k = 0;

	for (i = 0; i + n <= len; i++)
		if (memcmp(out + i, needle, n) == 0)
			k++;
	return k;
}

/* ---- the screen ---- */

static struct vt_cell
cell(int row, int col)
{
	struct vt_cell c;

	if (vt_cell(t_vt, row, col, &c) != 0)
		FAIL("no cell %d,%d", row, col);
	return c;
}

/* The text of cells [from, to) of row, trailing blanks dropped. */
static char *
text_of(int row, int from, int to)
{
	struct vt_cell c;
	char *s = e2e_realloc(NULL, (size_t)(to - from) * VT_CELL_CHARS * 4 +
	    1), u[8];
	size_t len = 0, i;
	int x, n;

	for (x = from; x < to; x++) {
		c = cell(row, x);
		if (c.width == 0)
			continue;	/* the right half of a wide cell */
		if (c.ch[0] == 0)
			s[len++] = ' ';
		for (i = 0; i < VT_CELL_CHARS && c.ch[i] != 0; i++) {
			n = snprintf(u, sizeof(u), "%lc", (wint_t)c.ch[i]);
			memcpy(s + len, u, (size_t)(n > 0 ? n : 0));
			len += (size_t)(n > 0 ? n : 0);
		}
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	s[len] = '\0';
	return e2e_keep(s);
}

/* Does list text t show ally text want: whole, or cut with "…"? */
static int
shows(const char *t, const char *want)
{
	size_t n = strlen(t), e = strlen("\u2026");
	const char *paren;

	if (strcmp(t, want) == 0)
		return 1;
	/* The abbreviation only when it fits whole. */
	if ((paren = strstr(want, " (")) != NULL &&
	    strlen(t) == (size_t)(paren - want) &&
	    strncmp(t, want, (size_t)(paren - want)) == 0)
		return 1;
	return n > e && strcmp(t + n - e, "\u2026") == 0 &&
	    strncmp(t, want, n - e) == 0;
}

/*
 * The screen is whole: on every body row the border at SEP, each list
 * row's text inside the list (one ally's, in order from the top one),
 * the selection bar from column 0 to the border and no further, the
 * description's margins blank; the title and the status line in place.
 */
static void
check_whole(int top, int sel)
{
	struct vt_cell c;
	const char *t;
	int r, x;

	CHECK(strstr(text_of(0, 0, COLS), "12 allies") != NULL &&
	    cell(0, COLS - 1).ch[0] == 0, "the title is not across the top");
	CHECK(cell(ROWS - 1, SEP).ch[0] != 0x2502, "no status line");
	for (r = 1; r < ROWS - 1; r++) {
		c = cell(r, SEP);
		CHECK(c.ch[0] == 0x2502 && c.width == 1 && !c.reverse,
		    "row %d: no border at column %d", r, SEP);
		CHECK(cell(r, SEP + 1).ch[0] == 0 ||
		    cell(r, SEP + 1).ch[0] == ' ', "row %d: text on the "
		    "description's left margin", r);
		CHECK(cell(r, COLS - 1).ch[0] == 0 ||
		    cell(r, COLS - 1).ch[0] == ' ', "row %d: text on the "
		    "description's right margin", r);
		for (x = SEP; x < COLS; x++)
			CHECK(!cell(r, x).reverse || cell(r, x).width == 0,
			    "row %d: the bar runs past the border to column "
			    "%d", r, x);
		if (r == 1)
			continue;
		t = text_of(r, 0, SEP);
		CHECK(t[0] == ' ' && shows(t + 1, t_names[top + r - 2]),
		    "row %d: \"%s\" is not ally %d's \"%s\"", r, t,
		    top + r - 2, t_names[top + r - 2]);
		/* A wide cell's right half has no attributes of its own. */
		for (x = 0; x < SEP; x++)
			CHECK(cell(r, x).width == 0 ||
			    cell(r, x).reverse == (top + r - 2 == sel),
			    "row %d column %d: the selection bar is %s", r, x,
			    top + r - 2 == sel ? "short" : "there");
	}
}

/* Every cell, as code points and attributes, for comparing screens. */
static uint32_t *
snapshot(void)
{
	uint32_t *s = e2e_keep(e2e_realloc(NULL, ROWS * COLS *
	    (VT_CELL_CHARS + 4) * sizeof(*s))), *p = s;
	struct vt_cell c;
	int r, x;

	for (r = 0; r < ROWS; r++)
		for (x = 0; x < COLS; x++) {
			c = cell(r, x);
			/*
			 * A space written or a cell cleared: both blank.  A
			 * wide cell's right half shows nothing of its own.
			 */
			if (c.ch[0] == ' ' && c.ch[1] == 0)
				c.ch[0] = 0;
			if (c.width == 0)
				c.reverse = c.bold = c.underline = 0;
			memcpy(p, c.ch, sizeof(c.ch));
			p += VT_CELL_CHARS;
			*p++ = (uint32_t)c.width;
			*p++ = (uint32_t)c.reverse;
			*p++ = (uint32_t)c.bold;
			*p++ = (uint32_t)c.underline;
		}
	return s;
}

/* What is on screen after scrolling equals what a full repaint gives. */
static void
check_no_fragments(void)
{
	uint32_t *before = snapshot();
	int r;

	vt_key(t_vt, "C-l");
	vt_wait_quiet(t_vt, 150, T_WAIT);
	if (memcmp(before, snapshot(), ROWS * COLS * (VT_CELL_CHARS + 4) *
	    sizeof(*before)) != 0) {
		for (r = 0; r < ROWS; r++)
			fprintf(stderr, "row %d: %s\n", r, text_of(r, 0, COLS));
		FAIL("the screen differs from a full repaint: fragments");
	}
}

/*
 * Down through every ally and back up, the screen whole at each step,
 * then the same as a full repaint.
 */
static void
scroll_through(void)
{
	int sel, top = 0, rows = ROWS - 3;

	for (sel = 0; sel < ALLIES; sel++) {
		if (sel > 0)
			vt_sends(t_vt, "j");
		wait_pos(sel + 1, ALLIES);
		if (sel >= top + rows)
			top = sel - rows + 1;
		check_whole(top, sel);
	}
	check_no_fragments();
	for (sel = ALLIES - 2; sel >= 0; sel--) {
		vt_sends(t_vt, "k");
		wait_pos(sel + 1, ALLIES);
		if (sel < top)
			top = sel;
		check_whole(top, sel);
	}
	check_no_fragments();
}

/*
 * The terminal has said its rule (clusters or not), and the list shows
 * pos/count.
 */
static void
wait_ready(int clusters, int pos, int count)
{
	int64_t until = vt_now_ms() + T_WAIT;

	wait_text(" allies");
	while (vt_graphemes(t_vt) != clusters && vt_now_ms() < until)
		vt_pump(t_vt, 50);
	CHECK(vt_graphemes(t_vt) == clusters, "mode 2027 is %s",
	    clusters ? "off" : "on");
	wait_pos(pos, count);
}

/* ---- tests ---- */

/*
 * A terminal that counts per code point and keeps quiet about 2027 (it
 * answers DA1 only): measured per code point, mode 2027 never touched.
 */
static void
test_per_code_point(void **state)
{
	(void)state;
	start(PER_CODE_POINT, NULL, NULL);
	wait_ready(0, 1, ALLIES);
	scroll_through();
	quit();
	CHECK(count_raw("\033[?2027h") == 0 && count_raw("\033[?2027l") == 0,
	    "mode 2027 set in a terminal without it");
	/* The query was asked, the DA1 after it. */
	CHECK(count_raw("\033[?2027$p\033[c") == 1, "no DECRQM 2027 query");
}

/* "Not recognised" and "permanently reset" are per code point too. */
static void
test_not_recognised(void **state)
{
	int answer;

	(void)state;
	for (answer = NOT_RECOGNISED; answer <= 4; answer += 4) {
		start(answer, NULL, NULL);
		wait_ready(0, 1, ALLIES);
		vt_sends(t_vt, "jjjjj");
		wait_pos(6, ALLIES);
		check_whole(0, 5);
		quit();
		CHECK(count_raw("\033[?2027h") == 0, "mode 2027 set after "
		    "answer %d", answer);
		vt_free(t_vt);
		t_vt = NULL;
	}
}

/*
 * A terminal that has the mode but off: the program sets it, counts by
 * cluster, and resets it on the way out.
 */
static void
test_clusters_set_by_us(void **state)
{
	(void)state;
	start(RESET, NULL, NULL);
	wait_ready(1, 1, ALLIES);
	scroll_through();
	quit();
	CHECK(count_raw("\033[?2027h") == 1, "mode 2027 not set once");
	CHECK(!vt_graphemes(t_vt), "mode 2027 left set at the end");
}

/*
 * Terminals that count by cluster already (set, and permanently, as
 * kitty does): the program counts the same way and leaves the mode as
 * it found it.  The old browser, which measured per code point, put
 * the border at column 38, 28, 42 and 23 on this data and ran the
 * selection bar on the heart's row 2 columns past it.
 */
static void
test_clusters_already(void **state)
{
	int answer;

	(void)state;
	for (answer = SET; answer <= ALWAYS; answer += ALWAYS - SET) {
		start(answer, NULL, NULL);
		wait_ready(1, 1, ALLIES);
		scroll_through();
		quit();
		CHECK(count_raw("\033[?2027h") == 0 &&
		    count_raw("\033[?2027l") == 0, "answer %d: mode 2027 "
		    "changed", answer);
		vt_free(t_vt);
		t_vt = NULL;
	}
}

/* How many times s holds the family. */
static int
families(const char *s)
{
	int n = 0;

	while ((s = strstr(s, FAMILY)) != NULL) {
		n++;
		s += strlen(FAMILY);
	}
	return n;
}

/*
 * The description: "Families", a word of 18 families and a word of 2,
 * wraps at the pane's 57 columns as the terminal counts: per code point
 * the long word goes to the next line and 7 families of 8 columns fill
 * it; by cluster all 20 stay on the first line.  And it scrolls inside
 * its pane.
 */
static void
test_description(void **state)
{
	const char *t;
	int mode, r, n;

	(void)state;
	for (mode = 0; mode < 2; mode++) {
		start(mode ? ALWAYS : PER_CODE_POINT, NULL, NULL);
		wait_ready(mode, 1, ALLIES);
		vt_sends(t_vt, "jj");
		wait_pos(3, ALLIES);
		check_whole(0, 2);
		for (r = 2; r < ROWS - 1; r++)
			if (strncmp(text_of(r, SEP + 2, COLS), "Families", 8)
			    == 0)
				break;
		CHECK(r < ROWS - 2, "no \"Families\" line");
		t = text_of(r, SEP + 2, COLS);
		n = families(t) + families(text_of(r + 1, SEP + 2, COLS));
		CHECK(n == (mode ? 20 : 7) && families(t) == (mode ? 20 : 0),
		    "%d families on the line of \"Families\" and the next",
		    n);
		/* Focus the description and scroll it: still whole. */
		vt_key(t_vt, "Tab");
		for (r = 0; r < 4; r++) {
			vt_sends(t_vt, "j");
			vt_wait_quiet(t_vt, 80, T_WAIT);
			check_whole(0, 2);
		}
		check_no_fragments();
		quit();
		vt_free(t_vt);
		t_vt = NULL;
	}
}

/*
 * A match inside a cluster: per code point the matched code point is
 * marked, by cluster the whole glyph is; rows stay whole.  And the
 * search bar's cursor stands right after a family typed into it.
 */
static void
test_search(void **state)
{
	struct vt_cell c;
	int mode, r, x, col;

	(void)state;
	for (mode = 0; mode < 2; mode++) {
		start(mode ? ALWAYS : PER_CODE_POINT, NULL, NULL);
		wait_ready(mode, 1, ALLIES);
		vt_sends(t_vt, "/\u2695");
		wait_text(" 2/12");
		vt_key(t_vt, "Enter");
		wait_pos(1, 2);
		CHECK(e2e_row_has(t_vt, 2, " Nurses ", 1), "Nurses not first");
		CHECK(cell(1, SEP).ch[0] == 0x2502 && cell(2, SEP).ch[0] ==
		    0x2502 && cell(3, SEP).ch[0] == 0x2502, "border broken");
		/* " Nurses " is 8 cells; the health worker follows. */
		c = cell(2, 8);
		CHECK(c.ch[0] == (mode ? 0x1f469 : 0x1f469), "no health "
		    "worker at column 8");
		if (mode)
			CHECK(c.ch[3] == 0xfe0f && c.underline &&
			    c.width == 2, "the cluster is not marked whole");
		else
			CHECK(!c.underline && cell(2, 10).ch[0] == 0x2695 &&
			    cell(2, 10).underline, "per code point, the "
			    "match is not the staff of Aesculapius");
		/* Back to all, then a family in the bar. */
		vt_key(t_vt, "Esc");
		wait_pos(1, ALLIES);
		vt_sends(t_vt, "/" FAMILY);
		wait_text(" 3/12");
		vt_wait_quiet(t_vt, 80, T_WAIT);
		vt_cursor(t_vt, &r, &col);
		CHECK(r == ROWS - 1, "the cursor is not in the bar");
		for (x = 0; x < COLS && cell(r, x).ch[0] != 0x1f468; x++)
			;
		CHECK(x < COLS, "no family in the bar");
		CHECK(col == x + (mode ? 2 : 8), "the cursor is at %d, the "
		    "family at %d", col, x);
		/*
		 * So many families and flags that the start of the query
		 * scrolls off (120 columns by cluster): the cursor still
		 * stands right after the last flag, before the count.
		 */
		for (x = 0; x < 29; x++)
			vt_sends(t_vt, FAMILY);
		for (x = 0; x < 30; x++)
			vt_sends(t_vt, FLAG);
		wait_text("<");
		vt_wait_quiet(t_vt, 150, T_WAIT);
		vt_cursor(t_vt, &r, &col);
		for (x = col - 1; x > 0 && cell(r, x).width == 0; x--)
			;
		c = cell(r, x);
		CHECK(mode ? c.ch[0] == 0x1f1eb && c.ch[1] == 0x1f1f7 :
		    c.ch[0] == 0x1f1f7, "the cursor at %d is not right after "
		    "the last flag", col);
		CHECK(cell(r, col).ch[0] == 0 || cell(r, col).ch[0] == ' ',
		    "the cursor at %d is on the query", col);
		CHECK(col < COLS - 5, "the query runs into the count");
		vt_key(t_vt, "Esc");
		wait_pos(1, ALLIES);
		check_whole(0, 0);
		quit();
		vt_free(t_vt);
		t_vt = NULL;
	}
}

/*
 * The answers come back as input; none of it may act as keys (? would
 * open the help, y copy the website, Esc close the bar), while keys
 * typed before them still count, a lone Esc among them too.
 */
static void
test_answers_are_not_keys(void **state)
{
	int64_t until;

	(void)state;
	start(RESET, NULL, NULL);
	/*
	 * Read what the program writes without showing it to the terminal,
	 * which so far has not answered, until the data is on the screen;
	 * then type, so that the keys come before the answers.
	 */
	until = vt_now_ms() + T_WAIT;
	while (strstr(vt_output(t_vt, NULL), "12 allies") == NULL &&
	    vt_now_ms() < until)
		poll(NULL, 0, 10);
	CHECK(strstr(vt_output(t_vt, NULL), "\033[?2027$p\033[c") != NULL,
	    "no query");
	vt_sends(t_vt, "jj/\033");
	wait_ready(1, 3, ALLIES);
	CHECK(e2e_row_has(t_vt, -1, "/ search", 1), "Esc did not close the "
	    "search bar");
	CHECK(!vt_find(t_vt, "PCRE2", NULL, NULL) &&
	    !vt_find(t_vt, "Copied", NULL, NULL), "an answer acted as a key");
	check_whole(0, 2);
	quit();
}

/*
 * A terminal program (a web browser that runs in the terminal) gets the
 * terminal with mode 2027 as it was before us, and we set it again after.
 */
static void
test_terminal_browser(void **state)
{
	const char *script = e2e_fmt("%s/bin/w3m", t_dir);
	const char *body = "#!/bin/sh\nprintf 'FAKE W3M\\n'; read x\n";

	(void)state;
	if (e2e_write_file(script, body, strlen(body), 0755, 1) != 0)
		fail_msg("%s: %s", script, strerror(errno));
	start(RESET, "BROWSER=w3m", NULL);
	wait_ready(1, 1, ALLIES);
	vt_sends(t_vt, "o");
	wait_text("FAKE W3M");
	CHECK(!vt_graphemes(t_vt), "mode 2027 still set for w3m");
	vt_key(t_vt, "Enter");
	wait_ready(1, 1, ALLIES);
	check_whole(0, 0);
	quit();
	CHECK(count_raw("\033[?2027h") == 2 && count_raw("\033[?2027l") == 2,
	    "mode 2027 not reset and set around the terminal program");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_per_code_point, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_not_recognised, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_clusters_set_by_us, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_clusters_already, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_description, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers_are_not_keys,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_terminal_browser, setup,
		    teardown),
	};

	/* The cells' text is written out as UTF-8. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "C.utf8") == NULL)
		return 1;
	return cmocka_run_group_tests_name("graphemes", tests, NULL, NULL);
}
