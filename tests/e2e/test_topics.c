/*
 * test_topics.c - end-to-end tests of browsing by topic, on a real
 * pseudo-terminal through the vt harness (tests/tty/vt.h).
 *
 * The topics screen is read back as a person reads it: every cell's
 * name and number, compared with the tags counted here, from the data
 * file itself.  Then a topic is chosen by keys (arrows, Home, End, a page
 * on a terminal too small for the grid) and by mouse clicks (SGR
 * reports), the title says which and how many, a search filters inside
 * it, Esc and "All topics" leave it; in a kiosk, the idle reset closes
 * the screen and clears the topic.
 *
 * The program under test is $SMA_ALLIES_BIN (default
 * build/asan/sma-allies); the tests run from the top of the tree.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "e2e/e2e.h"

#define T_WAIT		8000
#define T_QUIET		150
#define DATA		"data/allies.yaml"
#define HEADING		"Topics: choose one to see its allies"
#define MAX_TAGS	64
#define MAX_ALLIES	64

static struct vt *t_vt;
static char *t_dir;
static char t_bin[4096];

/* ---- the data, counted here ---- */

struct tag {
	char	 name[64];
	int	 count;
};

struct data {
	struct tag	 tags[MAX_TAGS];
	int		 ntags;
	int		 allies;
	char		 names[MAX_ALLIES][128];	/* each ally's name */
	char		 tagline[MAX_ALLIES][256];	/* its "tags:" line */
};

static struct data t_data;

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == ']'))
		*--e = '\0';
	return s;
}

/*
 * Read DATA's allies: their names and flow-style tag lists (the seed
 * data's form), and count each tag once per ally that lists it.
 */
static void
read_data(struct data *d)
{
	char line[1024], *p, *tok, *save;
	FILE *fp = fopen(DATA, "r");
	int i;

	memset(d, 0, sizeof(*d));
	if (fp == NULL)
		fail_msg("%s: %s", DATA, strerror(errno));
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (strncmp(line, "  - name: ", 10) == 0) {
			snprintf(d->names[d->allies++], sizeof(d->names[0]),
			    "%s", trim(line + 10));
			continue;
		}
		if ((p = strstr(line, "    tags: [")) != line || d->allies == 0)
			continue;
		p += strlen("    tags: [");
		snprintf(d->tagline[d->allies - 1], sizeof(d->tagline[0]),
		    "%s", trim(p));
		for (tok = strtok_r(p, ",", &save); tok != NULL;
		    tok = strtok_r(NULL, ",", &save)) {
			tok = trim(tok);
			for (i = 0; i < d->ntags; i++)
				if (strcasecmp(d->tags[i].name, tok) == 0)
					break;
			if (i == d->ntags)
				snprintf(d->tags[d->ntags++].name,
				    sizeof(d->tags[0].name), "%s", tok);
			d->tags[i].count++;
		}
	}
	fclose(fp);
	if (d->allies != 12 || d->ntags < 10)
		fail_msg("%s: read %d allies and %d tags", DATA, d->allies,
		    d->ntags);
}

static int
tag_count(const char *name)
{
	int i;

	for (i = 0; i < t_data.ntags; i++)
		if (strcmp(t_data.tags[i].name, name) == 0)
			return t_data.tags[i].count;
	return -1;
}

/* Whether ally i lists tag. */
static int
ally_has(int i, const char *tag)
{
	char line[256], *tok, *save;

	snprintf(line, sizeof(line), "%s", t_data.tagline[i]);
	for (tok = strtok_r(line, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		if (strcmp(trim(tok), tag) == 0)
			return 1;
	return 0;
}

/* ---- the program ---- */

static int
setup(void **state)
{
	const char *bin = getenv("SMA_ALLIES_BIN");

	(void)state;
	if (bin == NULL || *bin == '\0')
		bin = "build/asan/sma-allies";
	snprintf(t_bin, sizeof(t_bin), "%s", bin);
	read_data(&t_data);
	t_dir = e2e_tmpdir("sma-topics");
	if (t_dir == NULL)
		fail_msg("no temporary folder: %s", strerror(errno));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	vt_free(t_vt);		/* a program still running is killed */
	t_vt = NULL;
	e2e_rmtree(t_dir);
	free(t_dir);
	e2e_release();
	return 0;
}

/* Start the program with args (NULL-ended) after -d DATA. */
static void
spawn(const char *const *args, int rows, int cols)
{
	const char *argv[16] = { "-d", DATA };
	struct e2e_env env;
	size_t n = 2;

	while (args != NULL && *args != NULL && n < 15)
		argv[n++] = *args++;
	argv[n] = NULL;
	e2e_env_init(&env);
	e2e_env_putf(&env, "HOME=%s", t_dir);
	e2e_env_put(&env, "PATH=/usr/bin:/bin");
	e2e_env_sanitizers(&env);
	t_vt = e2e_spawn(t_bin, argv, &env, rows, cols);
	e2e_env_free(&env);
	if (t_vt == NULL)
		fail_msg("cannot start %s: %s", t_bin, strerror(errno));
}

static void
check(int ok, int line, const char *what)
{
	if (!ok) {
		e2e_dump(t_vt, what);
		fail_msg("line %d: %s", line, what);
	}
}
#define CHECK(ok, what)	check((ok), __LINE__, (what))

/* Wait until s is on the screen (want 1), or off it (want 0). */
static void
wait_for(const char *s, int want, int line)
{
	check(want ? vt_wait_text(t_vt, s, T_WAIT) : vt_wait_gone(t_vt, s,
	    T_WAIT), line, e2e_fmt("\"%s\" never %s", s, want ? "showed" :
	    "went"));
}
#define WANT(s)	wait_for((s), 1, __LINE__)
#define GONE(s)	wait_for((s), 0, __LINE__)

/* Type key, then let the program draw. */
static void
press(const char *key)
{
	e2e_press(t_vt, key);
	vt_wait_quiet(t_vt, T_QUIET, T_WAIT);
}

/* A left click (a press and its release) at row, col. */
static void
click(int row, int col)
{
	int kind;

	for (kind = VT_PRESS; kind <= VT_RELEASE; kind++)
		vt_mouse(t_vt, kind, 0, row, col);
	/* Then past the 200 ms a second click would make a double one. */
	vt_wait_quiet(t_vt, 250, T_WAIT);
}

/* The program has ended with status 0, and no sanitizer spoke. */
static void
want_clean_exit(int line)
{
	const char *why = e2e_exit_why(t_vt, T_WAIT);
	const char *report = e2e_sanitizer_report(vt_output(t_vt, NULL));

	if (report != NULL || why != NULL)
		fail_msg("line %d: %s", line, report != NULL ? report : why);
}

static void
quit(int line)
{
	press("Esc");
	press("q");
	want_clean_exit(line);
}
#define QUIT()	quit(__LINE__)

/* ---- the screen read back ---- */

struct cell {
	char	 name[64];
	int	 count;
	int	 row, col;	/* where its name starts */
	int	 cursor;	/* drawn in reverse video */
};

struct grid {
	struct cell	 v[MAX_TAGS + 1];
	int		 n;
	int		 cols;		/* cells on the first row */
};

static int
is_number(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return len > 0;
}

/*
 * The cells of the topics screen: below the heading, each row is words
 * "name ... count" one cell after another.  A cell ends at its number
 * (no tag of the data is a number).
 */
static void
read_grid(struct grid *g)
{
	struct vt_cell c;
	char *text, *p, *w;
	int row, rows, col, first = -1, incell, start = 0;
	size_t len;

	memset(g, 0, sizeof(*g));
	vt_size(t_vt, &rows, NULL);
	if (!vt_find(t_vt, "Topics:", &row, NULL))
		fail_msg("no topics screen");
	for (row = row + 1; row < rows - 1; row++) {
		text = vt_row(t_vt, row);
		incell = 0;
		for (p = text; *p != '\0' && g->n < MAX_TAGS + 1;) {
			while (*p == ' ')
				p++;
			if (*p == '\0')
				break;
			w = p;
			while (*p != '\0' && *p != ' ')
				p++;
			len = (size_t)(p - w);
			if (!incell) {
				start = (int)(w - text);
				g->v[g->n].name[0] = '\0';
				incell = 1;
			}
			if (is_number(w, len)) {
				g->v[g->n].count = atoi(w);
				g->v[g->n].row = row;
				g->v[g->n].col = start;
				vt_cell(t_vt, row, start, &c);
				g->v[g->n].cursor = c.reverse;
				g->n++;
				incell = 0;
				continue;
			}
			col = (int)strlen(g->v[g->n].name);
			snprintf(g->v[g->n].name + col,
			    sizeof(g->v[0].name) - (size_t)col, "%s%.*s",
			    col > 0 ? " " : "", (int)len, w);
		}
		if (g->n > 0 && first < 0) {
			first = row;
			g->cols = g->n;
		}
		free(text);
	}
}

static int
grid_find(const struct grid *g, const char *name)
{
	int i;

	for (i = 0; i < g->n; i++)
		if (strcmp(g->v[i].name, name) == 0)
			return i;
	return -1;
}

static int
grid_cursor(const struct grid *g)
{
	int i;

	for (i = 0; i < g->n; i++)
		if (g->v[i].cursor)
			return i;
	return -1;
}

/* Start the browser on rows x cols, open the topics screen, read it. */
static void
open_topics(struct grid *g, int rows, int cols)
{
	spawn(NULL, rows, cols);
	WANT("12 allies");
	CHECK(!vt_find(t_vt, "Topics:", NULL, NULL), "topics before t");
	press("t");
	WANT("Topics:");
	read_grid(g);
}

/* Title row 0 says "Topic: NAME · N ally/allies". */
static const char *
topic_title(const char *name)
{
	int n = tag_count(name);

	return e2e_fmt("Topic: %s \xc2\xb7 %d %s", name, n,
	    n == 1 ? "ally" : "allies");
}

/* Whether a row of the list (below its header) starts with name. */
static int
listed(const char *name)
{
	/* Names are clipped in the list: their first 24 columns. */
	const char *start = e2e_fmt(" %.24s", name);
	int row, rows;

	vt_size(t_vt, &rows, NULL);
	for (row = 2; row < rows - 1; row++)
		if (e2e_row_has(t_vt, row, start, 1))
			return 1;
	return 0;
}

/* The list shows exactly the allies that list tag: "1/N", each name. */
static void
check_list_is(const char *tag, int line)
{
	int i, n = 0, shown;

	for (i = 0; i < t_data.allies; i++)
		if (ally_has(i, tag))
			n++;
	if (!e2e_wait_row(t_vt, 1, e2e_fmt(" 1/%d ", n), 1, 0, T_WAIT)) {
		e2e_dump(t_vt, tag);
		fail_msg("line %d: the list does not hold %d allies", line, n);
	}
	for (i = 0; i < t_data.allies; i++) {
		shown = listed(t_data.names[i]);
		if (shown != ally_has(i, tag)) {
			e2e_dump(t_vt, tag);
			fail_msg("line %d: %s is%s listed for %s", line,
			    t_data.names[i], shown ? "" : " not", tag);
		}
	}
}
#define LIST_IS(tag)	check_list_is((tag), __LINE__)

/* ---- tests ---- */

/* Every tag with its number, as counted from the data; in their order. */
static void
test_screen_counts(void **state)
{
	struct grid g;
	int i, j;

	(void)state;
	open_topics(&g, 30, 100);
	WANT(HEADING);
	CHECK(g.n == t_data.ntags + 1, e2e_fmt("%d cells for %d tags",
	    g.n, t_data.ntags));
	CHECK(strcmp(g.v[0].name, "All topics") == 0 && g.v[0].count ==
	    t_data.allies, "the first cell is not All topics 12");
	for (i = 0; i < t_data.ntags; i++) {
		j = grid_find(&g, t_data.tags[i].name);
		CHECK(j > 0, e2e_fmt("tag '%s' is not on the screen",
		    t_data.tags[i].name));
		CHECK(g.v[j].count == t_data.tags[i].count,
		    e2e_fmt("'%s' shows %d, the data has %d",
		    t_data.tags[i].name, g.v[j].count, t_data.tags[i].count));
	}
	/* Most allies first, then by name; row after row. */
	for (i = 2; i < g.n; i++)
		CHECK(g.v[i - 1].count > g.v[i].count ||
		    (g.v[i - 1].count == g.v[i].count &&
		    strcmp(g.v[i - 1].name, g.v[i].name) < 0),
		    e2e_fmt("'%s' before '%s'", g.v[i - 1].name, g.v[i].name));
	/* A grid: columns that fit 100, the cursor on All topics. */
	CHECK(g.cols > 1 && g.v[g.cols].row == g.v[0].row + 1 &&
	    g.v[g.cols].col == g.v[0].col, "not a grid of columns");
	CHECK(grid_cursor(&g) == 0, "the cursor is not on All topics");
	QUIT();
}

/* Keys: arrows, Home, End, Enter; the title; Esc goes back to all. */
static void
test_keys(void **state)
{
	struct grid g;
	const char *name;

	(void)state;
	open_topics(&g, 30, 100);
	press("Right");
	read_grid(&g);
	CHECK(grid_cursor(&g) == 1, "Right did not move to the next cell");
	name = e2e_fmt("%s", g.v[1].name);
	press("Enter");
	GONE(HEADING);
	WANT(topic_title(name));
	LIST_IS(name);

	/* Back on the screen, on the topic shown; Down is a row down. */
	press("t");
	WANT(HEADING);
	read_grid(&g);
	CHECK(grid_cursor(&g) == 1, "the cursor is not on the topic shown");
	press("Down");
	read_grid(&g);
	CHECK(grid_cursor(&g) == 1 + g.cols, "Down did not go a row down");
	name = e2e_fmt("%s", g.v[1 + g.cols].name);
	press("Enter");
	WANT(topic_title(name));
	LIST_IS(name);

	/* End: the last cell; Home: All topics, which clears the topic. */
	press("t");
	press("End");
	read_grid(&g);
	CHECK(grid_cursor(&g) == g.n - 1, "End is not the last cell");
	name = e2e_fmt("%s", g.v[g.n - 1].name);
	press("Enter");
	WANT(topic_title(name));
	press("t");
	press("Home");
	read_grid(&g);
	CHECK(grid_cursor(&g) == 0, "Home is not All topics");
	press("Enter");
	WANT("12 allies");
	CHECK(!vt_find(t_vt, "Topic:", NULL, NULL), "still a topic");

	/* Esc on the list leaves a topic; Esc on the screen chooses none. */
	press("t");
	press("Right");
	press("Enter");
	WANT("Topic: ");
	press("t");
	press("Esc");
	GONE(HEADING);
	WANT("Topic: ");
	press("Esc");
	GONE("Topic: ");
	WANT("12 allies");
	WANT("All topics");	/* the status line says so */
	QUIT();
}

/* A search inside a topic: its matches among the topic's allies. */
static void
test_search_within(void **state)
{
	(void)state;
	spawn(NULL, 30, 100);
	WANT("12 allies");
	press("t");
	WANT(HEADING);
	/* "community health": Cambridge Health Alliance and the Network. */
	press("Right");
	press("Right");
	press("Enter");
	WANT(topic_title("community health"));
	LIST_IS("community health");
	e2e_press(t_vt, "/");
	vt_sends(t_vt, "cambridge");
	WANT("Topic: community health \xc2\xb7 /cambridge/  1/2");
	press("Enter");
	WANT("1 of 2 allies match");
	/* The same word without the topic finds it among all 12. */
	press("Esc");
	WANT(topic_title("community health"));
	e2e_press(t_vt, "/");
	vt_sends(t_vt, "health");
	press("Enter");
	WANT("2 of 2 allies match");
	press("Esc");
	press("Esc");
	GONE("Topic:");
	e2e_press(t_vt, "/");
	vt_sends(t_vt, "cambridge");
	WANT("/cambridge/  1/12");
	press("Enter");
	QUIT();
}

/* The mouse: a click on a cell chooses it; on All topics, all again. */
static void
test_mouse(void **state)
{
	struct grid g;
	int i;

	(void)state;
	open_topics(&g, 30, 100);
	i = grid_find(&g, "global health");
	CHECK(i > 0, "no global health cell");
	/* The cell's last column, past its name, counts as the cell. */
	click(g.v[i].row, g.v[i].col + (int)strlen("global health") + 1);
	GONE(HEADING);
	WANT(topic_title("global health"));
	LIST_IS("global health");
	/* A click between two cells does nothing. */
	press("t");
	WANT(HEADING);
	read_grid(&g);
	click(g.v[1].row, g.v[1].col - 2);
	CHECK(vt_find(t_vt, HEADING, NULL, NULL), "a click off the cells "
	    "closed the screen");
	click(g.v[0].row, g.v[0].col);
	GONE(HEADING);
	WANT("12 allies");
	CHECK(!vt_find(t_vt, "Topic:", NULL, NULL), "All topics kept one");
	QUIT();
}

/* A terminal too small for the grid: it scrolls, by keys and wheel. */
static void
test_small_terminal(void **state)
{
	struct grid g;
	int shown;

	(void)state;
	open_topics(&g, 12, 60);
	shown = g.n;
	CHECK(shown < t_data.ntags + 1 && shown > 0, e2e_fmt("%d cells "
	    "shown on 12x60", shown));
	CHECK(grid_cursor(&g) == 0, "cursor not on All topics");
	WANT(e2e_fmt("1/%d", t_data.ntags + 1));
	press("End");
	WANT(e2e_fmt("%d/%d", t_data.ntags + 1, t_data.ntags + 1));
	read_grid(&g);
	CHECK(grid_find(&g, "All topics") < 0, "End did not scroll");
	CHECK(grid_cursor(&g) == g.n - 1, "the cursor is not on the last");
	/* The wheel scrolls back up, the cursor kept in view. */
	vt_mouse(t_vt, VT_PRESS, 64, 5, 10);
	vt_mouse(t_vt, VT_PRESS, 64, 5, 10);
	vt_mouse(t_vt, VT_PRESS, 64, 5, 10);
	vt_mouse(t_vt, VT_PRESS, 64, 5, 10);
	WANT("All topics");
	/* Four wheel steps are four frames: read the last. */
	vt_wait_quiet(t_vt, 150, 5000);
	read_grid(&g);
	CHECK(grid_cursor(&g) >= 0, "the cursor scrolled out of view");
	/* PgDn goes a screenful of rows. */
	press("Home");
	press("PgDn");
	read_grid(&g);
	CHECK(grid_find(&g, "All topics") < 0, "PgDn did not scroll");
	press("Enter");
	GONE("Topics:");
	WANT("Topic: ");
	QUIT();
}

/* A kiosk: the same screen; the idle reset closes it, clears the topic. */
static void
test_kiosk_reset(void **state)
{
	static const char *const args[] = { "--kiosk", "--idle", "3",
	    "--cycle", "60", NULL };

	struct grid g;
	const char *name;
	int status;

	(void)state;
	spawn(args, 24, 80);
	WANT("12 allies");
	/* A kiosk's letters type into the search: F2 is the topics' key. */
	press("F2");
	WANT(HEADING);
	read_grid(&g);
	CHECK(g.n == t_data.ntags + 1, "the kiosk shows other topics");
	name = e2e_fmt("%s", g.v[1].name);
	press("Right");
	press("Enter");
	WANT(topic_title(name));
	LIST_IS(name);
	/* Open again and leave it: the idle reset takes both away. */
	press("F2");
	WANT(HEADING);
	if (!vt_wait_gone(t_vt, HEADING, 3000 + T_WAIT)) {
		e2e_dump(t_vt, "idle");
		fail_msg("the idle reset did not close the topics screen");
	}
	WANT("12 allies");
	CHECK(!vt_find(t_vt, "Topic:", NULL, NULL), "the reset kept the "
	    "topic");
	/* The attract screen is up: a key brings the list, nothing more. */
	press("t");
	CHECK(!vt_find(t_vt, HEADING, NULL, NULL), "the key that ended the "
	    "attract screen opened the topics");
	/* q is no way out of a kiosk; the topics screen takes it as close. */
	press("F2");
	WANT(HEADING);
	press("q");
	GONE(HEADING);
	CHECK(!vt_wait_exit(t_vt, 300, &status), "q ended the kiosk");
	vt_kill(t_vt, SIGTERM);
	want_clean_exit(__LINE__);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_screen_counts),
		T(test_keys),
		T(test_search_within),
		T(test_mouse),
		T(test_small_terminal),
		T(test_kiosk_reset),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
