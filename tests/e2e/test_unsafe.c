/*
 * test_unsafe.c - end-to-end tests that nothing invisible or controlling
 * from the data reaches the terminal.  The browser runs on the shared
 * fixture tests/data/good/invisible.yaml, which puts one character that
 * can reorder or hide text (a bidirectional mark or control, a zero-width
 * or tag character, a line separator, another format character) in the
 * name and the description of each ally.  Every ally is selected in
 * turn, so that each name is drawn in the list and in the description
 * pane, and each description too; then the raw bytes the program wrote
 * are searched: the character's UTF-8 must not be among them, and its
 * stand-in (U+FFFD) must be on the screen, one cell wide, where the
 * character was.  A zero width joiner is the one format character that
 * may pass, and only inside an emoji ZWJ sequence (emoji.yaml).
 *
 * The program under test is $SMA_ALLIES_BIN (default
 * build/asan/sma-allies); the tests run from the top of the tree.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"

#define T_WAIT		8000
#define INVISIBLE	"tests/data/good/invisible.yaml"
#define EMOJI		"tests/data/good/emoji.yaml"
#define FFFD		"\xef\xbf\xbd"
#define MAX_CHARS	64
#define ROWS		45
#define COLS		100

static struct vt *t_vt;
static char *t_dir;
static char t_bin[4096];

static int
setup(void **state)
{
	const char *bin = getenv("SMA_ALLIES_BIN");

	(void)state;
	snprintf(t_bin, sizeof(t_bin), "%s", bin != NULL && *bin != '\0' ?
	    bin : "build/asan/sma-allies");
	if ((t_dir = e2e_tmpdir("sma-unsafe")) == NULL)
		fail_msg("no temporary folder: %s", strerror(errno));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	if (t_vt != NULL) {
		vt_kill(t_vt, SIGKILL);
		vt_free(t_vt);
		t_vt = NULL;
	}
	e2e_rmtree(t_dir);
	free(t_dir);
	e2e_release();
	return 0;
}

/* The browser on data, rows x cols, in the standard environment. */
static void
spawn(const char *data)
{
	const char *args[] = { "-d", data, NULL };
	struct e2e_env env;

	e2e_env_init(&env);
	e2e_env_putf(&env, "HOME=%s", t_dir);
	e2e_env_put(&env, "PATH=/usr/bin:/bin");
	e2e_env_sanitizers(&env);
	t_vt = e2e_spawn(t_bin, args, &env, ROWS, COLS);
	e2e_env_free(&env);
	if (t_vt == NULL)
		fail_msg("cannot start %s: %s", t_bin, strerror(errno));
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

/* q, then status 0 and no sanitizer report. */
static void
quit(int line)
{
	const char *why, *out;

	vt_sends(t_vt, "q");
	why = e2e_exit_why(t_vt, T_WAIT);
	out = vt_output(t_vt, NULL);
	if (e2e_sanitizer_report(out) != NULL)
		fail_msg("line %d: %s", line, e2e_sanitizer_report(out));
	if (why != NULL)
		fail_msg("line %d: %s", line, why);
}

/* cp as UTF-8 into s (at least 5 bytes), NUL-terminated. */
static void
utf8(uint32_t cp, char *s)
{
	if (cp < 0x80) {
		s[0] = (char)cp;
		s[1] = '\0';
	} else if (cp < 0x800) {
		s[0] = (char)(0xc0 | cp >> 6);
		s[1] = (char)(0x80 | (cp & 0x3f));
		s[2] = '\0';
	} else if (cp < 0x10000) {
		s[0] = (char)(0xe0 | cp >> 12);
		s[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		s[2] = (char)(0x80 | (cp & 0x3f));
		s[3] = '\0';
	} else {
		s[0] = (char)(0xf0 | cp >> 18);
		s[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		s[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		s[3] = (char)(0x80 | (cp & 0x3f));
		s[4] = '\0';
	}
}

/*
 * The characters of the fixture, in the order of its allies: each
 * description starts with "U+XXXX,".  Returns how many.
 */
static size_t
fixture_chars(uint32_t *cp, size_t max)
{
	static const char key[] = "description: \"U+";
	char *text = e2e_keep(e2e_slurp(INVISIBLE, NULL)), *p;
	size_t n = 0;

	if (text == NULL)
		fail_msg("%s: %s", INVISIBLE, strerror(errno));
	for (p = text; (p = strstr(p, key)) != NULL; p++) {
		if (n == max)
			fail_msg("more than %zu characters in %s", max,
			    INVISIBLE);
		cp[n++] = (uint32_t)strtoul(p + sizeof(key) - 1, NULL, 16);
	}
	return n;
}

/* The column of the list pane's right border on the pane header row. */
static int
border_col(void)
{
	struct vt_cell c;
	int x;

	for (x = 1; x < COLS - 1; x++)
		if (vt_cell(t_vt, 1, x, &c) == 0 && c.ch[0] == 0x2502)
			return x;
	e2e_dump(t_vt, "no pane border");
	fail_msg("no pane border on row 1");
	return -1;
}

static void
test_invisible_never_raw(void **state)
{
	uint32_t cp[MAX_CHARS];
	size_t n = fixture_chars(cp, MAX_CHARS), i, len;
	char ch[8], *rowtext;
	const char *name;
	int row, col, border;
	struct vt_cell c;

	(void)state;
	assert_true(n >= 30);
	spawn(INVISIBLE);
	WANT(e2e_fmt("1/%zu", n));
	border = border_col();
	for (i = 0; i < n; i++) {
		/* In the list: "NN A", the stand-in, "B", one cell each. */
		name = e2e_fmt("%02zu A" FFFD "B", i + 1);
		WANT(name);
		if (i > 0) {
			vt_sends(t_vt, "j");
			WANT(e2e_fmt("%zu/%zu", i + 1, n));
		}
		/* The description pane: its own text, with the stand-in. */
		WANT(e2e_fmt("U+%04X,", (unsigned)cp[i]));
		WANT("before" FFFD "after.");
		assert_true(vt_find(t_vt, name, &row, &col));
		assert_int_equal(vt_cell(t_vt, row, col + 4, &c), 0);
		assert_int_equal(c.ch[0], 0xfffd);
		assert_int_equal(c.width, 1);
		assert_int_equal(vt_cell(t_vt, row, col + 5, &c), 0);
		assert_int_equal(c.ch[0], 'B');
		/* The border after the name has not moved. */
		assert_int_equal(vt_cell(t_vt, row, border, &c), 0);
		if (c.ch[0] != 0x2502) {
			rowtext = e2e_keep(vt_row(t_vt, row));
			e2e_dump(t_vt, "border");
			fail_msg("U+%04X: the border moved on row %d: %s",
			    (unsigned)cp[i], row, rowtext);
		}
	}
	vt_wait_quiet(t_vt, 100, T_WAIT);
	/* Not one of them in what the program wrote. */
	for (i = 0; i < n; i++) {
		utf8(cp[i], ch);
		len = strlen(ch);
		if (e2e_output_find(t_vt, ch, len) != NULL)
			fail_msg("U+%04X reached the terminal raw",
			    (unsigned)cp[i]);
	}
	assert_non_null(e2e_output_find(t_vt, "A" FFFD "B", 5));
	quit(__LINE__);
}

/*
 * A zero width joiner inside an emoji ZWJ sequence is the emoji's: it is
 * written as it is, with no stand-in anywhere in the ally's name.
 */
static void
test_emoji_joiner_kept(void **state)
{
	static const char woman_health[] =
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xe2\x9a\x95\xef\xb8\x8f";
	static const char rainbow[] =
	    "\xf0\x9f\x8f\xb3\xef\xb8\x8f\xe2\x80\x8d\xf0\x9f\x8c\x88";
	static const char family[] =
	    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
	    "\xf0\x9f\x91\xa7\xe2\x80\x8d\xf0\x9f\x91\xa6";

	(void)state;
	spawn(EMOJI);
	WANT("1/2");
	WANT("Health Workers");
	vt_wait_quiet(t_vt, 100, T_WAIT);
	assert_non_null(e2e_output_find(t_vt, woman_health,
	    sizeof(woman_health) - 1));
	assert_non_null(e2e_output_find(t_vt, rainbow, sizeof(rainbow) - 1));
	assert_non_null(e2e_output_find(t_vt, family, sizeof(family) - 1));
	assert_null(e2e_output_find(t_vt, FFFD, 3));
	/*
	 * A subdivision flag is a pictograph and tag characters (here g, b,
	 * s, c, t and the cancel tag): the tags are shown as stand-ins like
	 * every tag character.
	 */
	vt_sends(t_vt, "j");
	WANT("2/2");
	WANT("sequences \xf0\x9f\x8f\xb4" FFFD FFFD FFFD FFFD FFFD FFFD ".");
	assert_null(e2e_output_find(t_vt, "\xf3\xa0\x81\xa7", 4));
	quit(__LINE__);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_invisible_never_raw),
		T(test_emoji_joiner_kept),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
