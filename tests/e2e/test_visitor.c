/*
 * test_visitor.c - end-to-end tests of the kiosk as a conference visitor
 * meets it, on a real pseudo-terminal through the vt harness.
 *
 * What is checked is what a visitor sees and can do: the bottom line is
 * buttons a finger can hit (8 columns each at least, read back off the
 * screen), and a whole visit is made with the mouse alone (a tap selects
 * an ally, Scan website shows its code, decoded with zbarimg, a tap
 * closes it, a topic is tapped, Help opens and closes, a drag scrolls).
 * When idle, the attract screen puts one ally in the spotlight: its name
 * set apart, its abbreviation and topics, whole sentences of its
 * description, its website's code and the "Become an Ally" code (both
 * decoded), at 80x24 and at 120x40; the next ally comes with the
 * --cycle, writing only what changes (bytes counted, no clear of the
 * screen); a key or a tap brings the browser back at its start without
 * acting.  The kiosk's Help speaks to visitors only.
 *
 * The program under test is $SMA_ALLIES_BIN (default
 * build/asan/sma-allies), run from the top of the tree; every kiosk ends
 * with SIGTERM and must exit 0, so the sanitizers' leak check runs each
 * time.  The allies are read from the program itself (--list --format
 * json), so the checks follow the data.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e/e2e.h"
#include "e2e/qrread.h"

#define T_WAIT		8000	/* generous: sanitizers, loaded machines */
#define T_QUIET		150
#define T_TAP		250	/* past the 200 ms of a double tap */
#define WELCOME		"Welcome! Touch the screen or press any key"
#define HEADING		"Topics: choose one to see its allies"
#define BUTTON_MIN	8
#define NALLIES		12
/*
 * A step of the attract screen writes at most this: at 80x24 the name,
 * the topics, the text and one code change, under 2 KB; the whole
 * screen is twice that.
 */
#define STEP_BYTES_MAX	3000

struct ally {
	char		*name;
	char		*abbr;		/* "" for none */
	char		*url;
	char		*desc;		/* blanks made single spaces */
	char		*tags[8];
	size_t		 ntags;
};

static struct vt *t_vt;
static char *t_dir;
static char t_bin[4096];
static struct ally t_allies[NALLIES];
static char *t_become;

/* ---- the program ---- */

/*
 * Start the program on a rows x cols terminal, after freeing the last
 * one (killing its program if it still runs, as after a failed test);
 * the group's teardown frees the last of all.
 */
static void
spawn(const char *const *args, int rows, int cols)
{
	struct e2e_env env;

	vt_free(t_vt);
	t_vt = NULL;
	e2e_env_init(&env);
	e2e_env_putf(&env, "HOME=%s", t_dir);
	e2e_env_put(&env, "PATH=/usr/bin:/bin");
	e2e_env_sanitizers(&env);
	t_vt = e2e_spawn(t_bin, args, &env, rows, cols);
	e2e_env_free(&env);
	if (t_vt == NULL)
		fail_msg("cannot start %s: %s", t_bin, strerror(errno));
}

static void
settle(void)
{
	vt_wait_quiet(t_vt, T_QUIET, T_WAIT);
}

#define WANT(s)		want((s), 1, __LINE__)
#define GONE(s)		want((s), 0, __LINE__)
#define CHECK(ok, ...)	check((ok), __LINE__, __VA_ARGS__)

static void
want(const char *s, int there, int line)
{
	if (!(there ? vt_wait_text(t_vt, s, T_WAIT) :
	    vt_wait_gone(t_vt, s, T_WAIT))) {
		e2e_dump(t_vt, s);
		fail_msg("line %d: \"%s\" did not %s", line, s, there ?
		    "appear" : "go");
	}
	settle();
}

static void
check(int ok, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (ok)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	e2e_dump(t_vt, msg);
	fail_msg("line %d: %s", line, msg);
}

/* The kiosk ends on SIGTERM with status 0 (no leak, no report). */
static void
end_cleanly(void)
{
	const char *why;

	vt_kill(t_vt, SIGTERM);
	why = e2e_exit_why(t_vt, T_WAIT);
	if (why != NULL || e2e_sanitizer_report(vt_output(t_vt, NULL)))
		fail_msg("after SIGTERM the kiosk %s", why != NULL ? why :
		    "reported a sanitizer error");
}

/* " 3/12": the list header's position. */
static const char *
pos(int n, int of)
{
	return e2e_fmt(" %d/%d", n, of);
}

/* ---- the mouse ---- */

/* A tap: a press and its release on one cell, then past a double tap. */
static void
tap(int row, int col)
{
	vt_mouse(t_vt, VT_PRESS, 0, row, col);
	vt_mouse(t_vt, VT_RELEASE, 0, row, col);
	vt_wait_quiet(t_vt, T_TAP, T_WAIT);
}

/* A finger down on row, moved row by row to row2, and lifted. */
static void
drag(int row, int col, int row2)
{
	int step = row2 > row ? 1 : -1, y;

	vt_mouse(t_vt, VT_PRESS, 0, row, col);
	for (y = row + step; y != row2 + step; y += step)
		vt_mouse(t_vt, VT_DRAG, 0, y, col);
	vt_mouse(t_vt, VT_RELEASE, 0, row2, col);
	vt_wait_quiet(t_vt, T_TAP, T_WAIT);
}

/* ---- the buttons, read back off the bottom line ---- */

struct button {
	char		 label[32];
	int		 x, w;
};

/* A cell drawn as part of a button: in reverse or on a colour. */
static int
button_cell(int row, int col)
{
	struct vt_cell c;

	return vt_cell(t_vt, row, col, &c) == 0 && (c.reverse ||
	    !c.bg_default);
}

/*
 * The buttons of the bottom line: each a run of button cells, its label
 * the text inside without the padding.  Returns how many.
 */
static size_t
read_buttons(struct button *b, size_t max)
{
	char *row;
	int rows, cols, x, start, n = 0, i, j;

	vt_size(t_vt, &rows, &cols);
	row = e2e_keep(vt_row(t_vt, rows - 1));
	for (x = 0; x < cols && (size_t)n < max; x++) {
		if (!button_cell(rows - 1, x))
			continue;
		for (start = x; x < cols && button_cell(rows - 1, x); x++)
			;
		b[n].x = start;
		b[n].w = x - start;
		/* ASCII labels: a cell a byte. */
		for (i = start; i < x && i < (int)strlen(row) && row[i] == ' ';
		    i++)
			;
		for (j = x; j > i && (j > (int)strlen(row) ||
		    row[j - 1] == ' '); j--)
			;
		snprintf(b[n].label, sizeof(b[n].label), "%.*s", j - i,
		    i < (int)strlen(row) ? row + i : "");
		n++;
	}
	return (size_t)n;
}

/* The button labelled label, which must be there. */
static struct button
button(const char *label, int line)
{
	struct button b[16];
	size_t i, n = read_buttons(b, 16);

	for (i = 0; i < n; i++)
		if (strcmp(b[i].label, label) == 0)
			return b[i];
	e2e_dump(t_vt, label);
	fail_msg("line %d: no \"%s\" button on the bottom line", line, label);
	return b[0];
}

#define TAP_BUTTON(label) tap_button((label), __LINE__)

static void
tap_button(const char *label, int line)
{
	struct button b = button(label, line);
	int rows;

	vt_size(t_vt, &rows, NULL);
	tap(rows - 1, b.x + b.w / 2);
}

/* Every button at least BUTTON_MIN wide; the labels in want are there. */
static void
check_buttons(const char *const *want, int line)
{
	struct button b[16];
	size_t i, n = read_buttons(b, 16);

	check(n > 0, line, "no buttons on the bottom line");
	for (i = 0; i < n; i++)
		check(b[i].w >= BUTTON_MIN, line, "the \"%s\" button is %d "
		    "columns wide, want %d at least", b[i].label, b[i].w,
		    BUTTON_MIN);
	for (; want != NULL && *want != NULL; want++)
		button(*want, line);
}

/* ---- QR codes ---- */

/* The one code between rows top and bottom decodes to url. */
static void
decode_box(const struct qrread_box *b, const char *url, const char *tag)
{
	char why[160], *text;

	text = e2e_keep(qrread_region(t_vt, b->top, b->bottom, b->left,
	    b->right, 0, t_dir, why, sizeof(why)));
	if (text == NULL || strcmp(text, url) != 0) {
		e2e_dump(t_vt, tag);
		fail_msg("%s: %s%s, want \"%s\"", tag, text != NULL ?
		    "the code decodes to " : why, text != NULL ? text : "",
		    url);
	}
}

/* The QR page: name above the code, url below it, the code decoding. */
static void
check_code_page(const char *name, const char *url, const char *tag)
{
	struct qrread_box b[2];
	int name_row, url_row;

	name_row = e2e_find_row(t_vt, name);
	url_row = e2e_find_row(t_vt, url);
	CHECK(name_row >= 0 && url_row > name_row + 1, "%s: no \"%s\" above "
	    "a code and \"%s\" below it", tag, name, url);
	CHECK(qrread_boxes(t_vt, name_row + 1, url_row - 1, b, 2) == 1,
	    "%s: not one code on the page", tag);
	decode_box(&b[0], url, tag);
}

/* ---- the data ---- */

/* s with every run of blanks one space, no blank at either end. */
static char *
squeeze(const char *s)
{
	char *out = e2e_strdup(s), *o = out;
	int blank = 1;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t') {
			if (!blank)
				*o++ = ' ';
			blank = 1;
			continue;
		}
		*o++ = *s;
		blank = 0;
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

static char *
json_text(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return e2e_strdup(s != NULL ? s : "");
}

/* The allies and the "Become an Ally" page, as the program reads them. */
static int
load_data(void)
{
	static const char *const args[] = { "--list", "--format", "json",
	    NULL };
	json_t *root, *allies, *a, *tags;
	json_error_t err;
	char *out, *desc;
	size_t i, j;
	int status;

	status = e2e_run(t_bin, args, NULL, 0, &out);
	if (out == NULL || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	root = json_loads(out, 0, &err);
	free(out);
	allies = json_object_get(root, "allies");
	if (root == NULL || json_array_size(allies) != NALLIES)
		return -1;
	t_become = json_text(json_object_get(root, "program"),
	    "become_ally_url");
	for (i = 0; i < NALLIES; i++) {
		a = json_array_get(allies, i);
		t_allies[i].name = json_text(a, "name");
		t_allies[i].abbr = json_text(a, "abbreviation");
		t_allies[i].url = json_text(a, "url");
		desc = json_text(a, "description");
		t_allies[i].desc = squeeze(desc);
		free(desc);
		tags = json_object_get(a, "tags");
		for (j = 0; j < json_array_size(tags) && j < 8; j++)
			t_allies[i].tags[t_allies[i].ntags++] = e2e_strdup(
			    json_string_value(json_array_get(tags, j)));
	}
	json_decref(root);
	return 0;
}

/* ---- fixtures ---- */

static int
group_setup(void **state)
{
	(void)state;
	if (e2e_program(t_bin, sizeof(t_bin), "test_visitor") < 0)
		return -1;
	if ((t_dir = e2e_tmpdir("sma-visitor")) == NULL || load_data() < 0) {
		fprintf(stderr, "test_visitor: cannot read the allies\n");
		return -1;
	}
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static int
group_teardown(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < NALLIES; i++) {
		free(t_allies[i].name);
		free(t_allies[i].abbr);
		free(t_allies[i].url);
		free(t_allies[i].desc);
		for (j = 0; j < t_allies[i].ntags; j++)
			free(t_allies[i].tags[j]);
	}
	free(t_become);
	vt_free(t_vt);
	e2e_rmtree(t_dir);
	free(t_dir);
	e2e_release();
	return 0;
}



/* ---- touch alone ---- */

static const char *const BROWSE_BUTTONS[] = { "Topics", "Scan website",
    "Become an Ally", "About", "Help", "Search", NULL };
static const char *const BACK[] = { "Back", NULL };

/*
 * The pages by touch, on the list at position at: Help (a drag scrolls
 * it and does not close it, a tap does), About, and the search bar,
 * which a tap leaves.
 */
static void
pages_by_touch(const char *at)
{
	char *help_top;

	TAP_BUTTON("Help");
	WANT("With a finger");
	help_top = e2e_keep(vt_row(t_vt, 1));
	drag(18, 40, 8);
	CHECK(!e2e_row_has(t_vt, 1, help_top, 0), "a drag up did not "
	    "scroll the help");
	CHECK(!vt_find(t_vt, at, NULL, NULL), "a drag closed the help");
	drag(8, 40, 18);
	CHECK(e2e_row_has(t_vt, 1, help_top, 0), "a drag down did not "
	    "scroll the help back");
	tap(10, 40);
	WANT(at);

	/* About, and a tap closes it. */
	TAP_BUTTON("About");
	WANT("What does it mean to be an Ally?");
	tap(12, 40);
	WANT(at);

	/* Search is harmless without a keyboard: a tap on the bar leaves. */
	TAP_BUTTON("Search");
	CHECK(e2e_wait_row(t_vt, -1, "/", 1, 1, T_WAIT), "Search did not "
	    "open the search bar");
	tap(23, 10);
	CHECK(e2e_wait_row(t_vt, -1, "/", 0, 1, T_WAIT), "a tap did not "
	    "close the empty search bar");
	check_buttons(BROWSE_BUTTONS, __LINE__);
}

/*
 * A visit made with the mouse alone: every step a tap or a drag, not a
 * key, on a kiosk that asks the terminal for drags (mode 1002).
 */
static void
test_touch_journey(void **state)
{
	static const char *const args[] = { "--kiosk", NULL };
	const struct ally *third = &t_allies[2], *nursing = NULL;
	const char *at;
	int row, col;
	size_t i;

	(void)state;
	for (i = 0; i < NALLIES && nursing == NULL; i++)
		if (t_allies[i].ntags > 0 && strcmp(t_allies[i].tags[0],
		    "nursing") == 0)
			nursing = &t_allies[i];
	assert_non_null(nursing);
	/* All topics again keeps the ally of the topic selected. */
	at = pos((int)(nursing - t_allies) + 1, NALLIES);
	spawn(args, 24, 80);
	WANT(pos(1, NALLIES));
	CHECK(e2e_output_find(t_vt, "\033[?1002h", 8) != NULL, "the kiosk "
	    "did not ask for drags (mode 1002)");
	check_buttons(BROWSE_BUTTONS, __LINE__);

	/* A tap on the third ally selects it. */
	tap(4, 5);
	WANT(pos(3, NALLIES));
	CHECK(vt_find(t_vt, third->name, NULL, NULL), "the description is "
	    "not the third ally's");

	/* Scan website: its code, which reads its address; a tap closes. */
	TAP_BUTTON("Scan website");
	WANT("Scan with a phone camera");
	check_code_page(third->name, third->url, "the third ally's code");
	check_buttons(BACK, __LINE__);
	tap(10, 40);
	WANT(pos(3, NALLIES));

	/* Become an Ally: the program's code; Back closes it. */
	TAP_BUTTON("Become an Ally");
	WANT("Scan with a phone camera");
	check_code_page("Become an Ally", t_become, "the Become-an-Ally code");
	TAP_BUTTON("Back");
	WANT(pos(3, NALLIES));

	/* Topics, then a tap on one: the list of its allies. */
	TAP_BUTTON("Topics");
	WANT(HEADING);
	check_buttons(BACK, __LINE__);
	CHECK(vt_find(t_vt, "nursing", &row, &col), "no nursing topic");
	tap(row, col + 1);
	WANT("Topic: nursing");
	WANT(pos(1, 1));
	CHECK(vt_find(t_vt, nursing->name, NULL, NULL), "the topic's ally is "
	    "not listed");
	/* And back to all of them: All topics. */
	TAP_BUTTON("Topics");
	WANT(HEADING);
	CHECK(vt_find(t_vt, "All topics", &row, &col), "no All topics");
	tap(row, col + 1);
	WANT(at);

	pages_by_touch(at);
	end_cleanly();
}

/* The buttons keep 8 columns each at every width, Help always there. */
static void
test_button_widths(void **state)
{
	static const char *const args[] = { "--kiosk", NULL };
	static const char *const help[] = { "Help", NULL };
	static const int widths[] = { 80, 70, 60, 50, 40, 32, 24 };
	size_t i;

	(void)state;
	spawn(args, 24, 80);
	WANT(pos(1, NALLIES));
	for (i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
		vt_resize(t_vt, 24, widths[i]);
		vt_wait_quiet(t_vt, 300, T_WAIT);
		check_buttons(help, __LINE__);
	}
	vt_resize(t_vt, 24, 120);
	vt_wait_quiet(t_vt, 300, T_WAIT);
	check_buttons(BROWSE_BUTTONS, __LINE__);
	end_cleanly();
}

/* ---- the attract screen ---- */

/* The attract screen is up: the invitation on the last row, no list. */
static int
attract_up(struct vt *vt, const void *arg)
{
	(void)arg;
	return e2e_row_has(vt, -1, WELCOME, 0) && !e2e_row_has(vt, 1,
	    " Allies", 1);
}

static void
wait_attract(int line)
{
	if (!e2e_until(t_vt, attract_up, NULL, 5000 + T_WAIT)) {
		e2e_dump(t_vt, "waiting for the attract screen");
		fail_msg("line %d: no attract screen", line);
	}
	settle();
}

/* Whether s ends a sentence: a full stop, a closing mark after it. */
static int
ends_sentence(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '"' || s[n - 1] == ')' ||
	    s[n - 1] == '\''))
		n--;
	return n > 0 && (s[n - 1] == '.' || s[n - 1] == '!' ||
	    s[n - 1] == '?');
}

/*
 * The spotlight on ally a: its name alone on a row, centred, bold, on a
 * band; its abbreviation and every topic on the row under it; then
 * whole sentences from the start of its description; then its
 * website's code and the Become-an-Ally code, both decoding.
 */
static void
check_spotlight(const struct ally *a, const char *tag)
{
	struct qrread_box b[3];
	struct vt_cell c;
	char *text = e2e_strdup(""), *t, *name;
	int rows, cols, name_row, topics_row, col, r, left, right, top, bottom;
	int side;
	size_t n, j;

	vt_size(t_vt, &rows, &cols);
	CHECK(vt_find(t_vt, a->name, &name_row, &col), "%s: no name", tag);
	name = e2e_keep(e2e_row_trim(t_vt, name_row));
	CHECK(strcmp(name, a->name) == 0, "%s: the name's row holds more: "
	    "\"%s\"", tag, name);
	left = col;
	right = cols - col - (int)strlen(a->name);
	CHECK(abs(left - right) <= 1, "%s: the name is not centred (%d "
	    "columns left, %d right)", tag, left, right);
	vt_cell(t_vt, name_row, col, &c);
	CHECK(c.bold && (c.reverse || !c.bg_default), "%s: the name is not "
	    "set apart (bold on a band)", tag);
	vt_cell(t_vt, name_row, col - 2, &c);
	CHECK(c.reverse || !c.bg_default, "%s: no band round the name", tag);
	/* Under the band (a row of it may go under the name). */
	for (topics_row = name_row + 1; vt_cell(t_vt, topics_row, col - 2,
	    &c) == 0 && (c.reverse || !c.bg_default); topics_row++)
		;
	CHECK(topics_row <= name_row + 2, "%s: a band %d rows deep", tag,
	    topics_row - name_row);
	t = e2e_keep(vt_row(t_vt, topics_row));
	CHECK(a->abbr[0] == '\0' || strstr(t, a->abbr) != NULL, "%s: no "
	    "abbreviation %s under the name", tag, a->abbr);
	for (j = 0; j < a->ntags; j++)
		CHECK(strstr(t, a->tags[j]) != NULL, "%s: no topic \"%s\" "
		    "under the name", tag, a->tags[j]);

	/* The codes: the ally's website and the invitation, side by side. */
	n = qrread_boxes(t_vt, topics_row + 1, rows - 2, b, 3);
	CHECK(n == 2, "%s: %zu codes, want 2", tag, n);
	decode_box(&b[0], a->url, e2e_fmt("%s: the website's code", tag));
	decode_box(&b[1], t_become, e2e_fmt("%s: the Become-an-Ally code",
	    tag));

	/* The description: the text left of the codes, or above them. */
	top = b[0].top < b[1].top ? b[0].top : b[1].top;
	side = b[0].left > cols / 4;
	bottom = b[0].bottom > b[1].bottom ? b[0].bottom : b[1].bottom;
	for (r = topics_row + 1; r < rows - 1; r++) {
		t = vt_row(t_vt, r);
		/*
		 * Beside the codes (and their captions over them), what is
		 * left of them; under the text, nothing.
		 */
		if (r >= top - side && r <= bottom && (int)strlen(t) >
		    b[0].left)
			t[b[0].left] = '\0';
		name = text;
		text = e2e_asprintf("%s %s", name, t);
		free(name);
		free(t);
	}
	e2e_keep(text);
	t = e2e_keep(squeeze(text));
	/* The captions of the codes follow the text; cut them off. */
	for (n = 0; n < 3; n++) {
		static const char *const cap[] = { "Visit its website",
		    "\xe2\x97\x80 Its website", "Become an Ally" };
		char *p = strstr(t, cap[n]);

		if (p != NULL)
			*p = '\0';
	}
	name = e2e_keep(squeeze(t));
	CHECK(strlen(name) > 20, "%s: no description", tag);
	CHECK(strncmp(a->desc, name, strlen(name)) == 0, "%s: the text is "
	    "not the start of the description: \"%s\"", tag, name);
	CHECK(ends_sentence(name) && (a->desc[strlen(name)] == '\0' ||
	    a->desc[strlen(name)] == ' '), "%s: not whole sentences: \"%s\"",
	    tag, name);
}

static void
attract_at(int rows, int cols)
{
	static const char *const args[] = { "--kiosk", "--idle", "2",
	    "--cycle", "600", NULL };
	const char *tag = e2e_fmt("%dx%d", cols, rows);

	spawn(args, rows, cols);
	WANT(pos(1, NALLIES));
	wait_attract(__LINE__);
	check_spotlight(&t_allies[0], tag);
	end_cleanly();
}

static void
test_attract_80x24(void **state)
{
	(void)state;
	attract_at(24, 80);
}

static void
test_attract_120x40(void **state)
{
	(void)state;
	attract_at(40, 120);
}

/* Whether the screen shows ally i's name on a row of its own. */
static int
spotlight_on(struct vt *vt, const void *arg)
{
	const struct ally *a = arg;

	return e2e_find_row(vt, a->name) >= 0 && attract_up(vt, NULL);
}

#define WAIT_SPOTLIGHT(i, ms) wait_spotlight((i), (ms), __LINE__)

static void
wait_spotlight(int i, int ms, int line)
{
	if (!e2e_until(t_vt, spotlight_on, &t_allies[i], ms)) {
		e2e_dump(t_vt, "the spotlight");
		fail_msg("line %d: ally %d not in the spotlight", line, i + 1);
	}
	settle();
}

/*
 * The next ally every --cycle seconds, writing only what changed: a
 * bounded number of bytes a step and never a clear of the screen.
 */
static void
test_attract_no_flicker(void **state)
{
	static const char *const args[] = { "--kiosk", "--idle", "2",
	    "--cycle", "2", NULL };
	size_t before, after, step, full;
	const char *out;
	int i;

	(void)state;
	spawn(args, 24, 80);
	WANT(pos(1, NALLIES));
	vt_output(t_vt, &before);
	wait_attract(__LINE__);
	WAIT_SPOTLIGHT(0, T_WAIT);
	vt_output(t_vt, &full);
	full -= before;
	printf("# from the list to the attract screen: %zu bytes\n", full);
	for (i = 1; i <= 3; i++) {
		vt_output(t_vt, &before);
		WAIT_SPOTLIGHT(i, 2000 + T_WAIT);
		vt_wait_quiet(t_vt, 300, T_WAIT);
		out = vt_output(t_vt, &after);
		step = after - before;
		printf("# ally %d: %zu bytes\n", i + 1, step);
		CHECK(step > 0 && step <= STEP_BYTES_MAX, "a step wrote %zu "
		    "bytes, want at most %d", step, STEP_BYTES_MAX);
		CHECK(step < full, "a step wrote %zu bytes, as much as the "
		    "whole screen (%zu)", step, full);
		CHECK(e2e_output_find(t_vt, "\033[2J", 4) == NULL ||
		    strstr(out + before, "\033[2J") == NULL, "a step cleared "
		    "the screen");
		CHECK(strstr(out + before, "\033[3J") == NULL &&
		    strstr(out + before, "\033[H\033[J") == NULL, "a step "
		    "erased the screen");
	}
	end_cleanly();
}

/*
 * A key or a tap on the attract screen brings the browser back at its
 * start, and does nothing else: not the key's action, not the tap's.
 */
static void
test_attract_wakes(void **state)
{
	static const char *const args[] = { "--kiosk", "--idle", "2",
	    "--cycle", "1", NULL };

	(void)state;
	spawn(args, 24, 80);
	WANT(pos(1, NALLIES));
	wait_attract(__LINE__);
	WAIT_SPOTLIGHT(2, 3000 + T_WAIT);
	/* Enter would show a code, Down move on: neither may happen. */
	vt_key(t_vt, "Enter");
	WANT(pos(1, NALLIES));
	CHECK(!vt_find(t_vt, "Scan with", NULL, NULL), "the key that woke "
	    "the kiosk showed a code");
	CHECK(!vt_find(t_vt, WELCOME, NULL, NULL), "the invitation stayed");
	vt_key(t_vt, "Down");
	WANT(pos(2, NALLIES));

	/* Again, with a tap where the fifth ally's row is in the list. */
	wait_attract(__LINE__);
	WAIT_SPOTLIGHT(1, 2000 + T_WAIT);
	tap(6, 5);
	WANT(pos(1, NALLIES));
	CHECK(!vt_find(t_vt, pos(5, NALLIES), NULL, NULL), "the tap that "
	    "woke the kiosk selected an ally");
	tap(6, 5);
	WANT(pos(5, NALLIES));
	end_cleanly();
}

/* Below 80x24 the list itself cycles, as it always has. */
static void
test_attract_small_falls_back(void **state)
{
	static const char *const args[] = { "--kiosk", "--idle", "2",
	    "--cycle", "1", NULL };

	(void)state;
	spawn(args, 24, 79);
	WANT(pos(1, NALLIES));
	if (!e2e_wait_row(t_vt, -1, WELCOME, 1, 0, 5000 + T_WAIT))
		fail_msg("no invitation at 79x24");
	WANT(pos(2, NALLIES));
	CHECK(e2e_row_has(t_vt, 1, " Allies", 1), "no list at 79x24");
	end_cleanly();
}

/* ---- Help for visitors ---- */

/* Every line of the page open now, scrolled through with PgDn. */
static char *
read_page(void)
{
	char *all = e2e_strdup(""), *s, *prev = NULL, *t;
	int i;

	for (i = 0; i < 20; i++) {
		s = vt_screen(t_vt);
		if (prev != NULL && strcmp(s, prev) == 0) {
			free(s);
			break;
		}
		t = e2e_asprintf("%s\n%s", all, s);
		free(all);
		all = t;
		free(prev);
		prev = s;
		vt_key(t_vt, "PgDn");
		vt_wait_quiet(t_vt, 300, T_WAIT);
	}
	free(prev);
	return e2e_keep(all);
}

static void
test_visitor_help(void **state)
{
	static const char *const kiosk[] = { "--kiosk", NULL };
	static const char *const none[] = { NULL };
	static const char *const banned[] = { "PCRE2", "regex", "regular "
	    "expression", "OSC", "quit", "clipboard", "copy", "Dimmed",
	    "C-", "Shift-drag", "terminal", "open the ally's website",
	    "pattern", NULL };
	const char *const *w;
	char *page, *line;

	(void)state;
	spawn(kiosk, 24, 80);
	WANT(pos(1, NALLIES));
	vt_key(t_vt, "F1");
	WANT("With a finger");
	page = read_page();
	for (w = banned; *w != NULL; w++)
		CHECK(strstr(page, *w) == NULL, "the kiosk's help says \"%s\"",
		    *w);
	/* Letters type into the search: Enter is the key for a code. */
	line = strstr(page, "  Enter  ");
	CHECK(line != NULL && strstr(line, "code to scan") != NULL &&
	    strstr(line, "code to scan") < strchr(line, '\n'), "Enter is "
	    "not said to show a code to scan");
	CHECK(strstr(page, "Scan website") != NULL && strstr(page,
	    "Become an Ally") != NULL && strstr(page, "Tap an ally") != NULL,
	    "the buttons and taps are not in the help");
	/* The Help button shows the same page; a tap closes it. */
	tap(10, 40);
	WANT(pos(1, NALLIES));
	TAP_BUTTON("Help");
	WANT("With a finger");
	tap(10, 40);
	WANT(pos(1, NALLIES));
	end_cleanly();

	/* The browser's help is as it was: every key, PCRE2, quit. */
	spawn(none, 24, 80);
	WANT(pos(1, NALLIES));
	vt_sends(t_vt, "?");
	WANT("move down");
	page = read_page();
	CHECK(strstr(page, "PCRE2") != NULL && strstr(page, "quit") != NULL &&
	    strstr(page, "open the ally's website") != NULL &&
	    strstr(page, "With a finger") == NULL, "the browser's help "
	    "changed");
	vt_sends(t_vt, "q");
	vt_wait_quiet(t_vt, T_QUIET, T_WAIT);
	vt_sends(t_vt, "q");
	CHECK(e2e_exit_why(t_vt, T_WAIT) == NULL, "the browser did not quit");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test(f)
		T(test_touch_journey),
		T(test_button_widths),
		T(test_attract_80x24),
		T(test_attract_120x40),
		T(test_attract_no_flicker),
		T(test_attract_wakes),
		T(test_attract_small_falls_back),
		T(test_visitor_help),
#undef T
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("visitor", tests, group_setup,
	    group_teardown);
}
