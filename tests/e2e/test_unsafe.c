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
 * may pass, and only inside an emoji ZWJ sequence (emoji.yaml).  And
 * what y copies (OSC 52) is exactly the URL as the file has it, for URLs
 * full of the odd characters a URL may hold (shell-meta-url.yaml).
 *
 * The program under test is $SMA_ALLIES_BIN (default
 * build/asan/sma-allies); the tests run from the top of the tree.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"

#define T_WAIT		8000
#define INVISIBLE	"tests/data/good/invisible.yaml"
#define EMOJI		"tests/data/good/emoji.yaml"
#define SHELL_META	"tests/data/good/shell-meta-url.yaml"
#define FFFD		"\xef\xbf\xbd"
#define MAX_CHARS	64
#define ROWS		45
#define COLS		100

static struct vt *t_vt;		/* the program, while it runs */
static char *t_dir;		/* its home, one per test */
static const char *t_bin;	/* $SMA_ALLIES_BIN or the sanitizer build */

static int
setup(void **state)
{
	(void)state;
	t_dir = e2e_keep(e2e_tmpdir("sma-unsafe"));	/* freed at teardown */
	return t_dir != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	vt_free(t_vt);		/* kills the program if it still runs */
	e2e_rmtree(t_dir);
	e2e_release();
	t_vt = NULL;
	t_dir = NULL;
	return 0;
}

/* The browser on data, ROWS x COLS, at home in the test's folder. */
static void
spawn(const char *data)
{
	struct e2e_env env;

	e2e_env_init(&env);
	e2e_env_sanitizers(&env);
	e2e_env_putf(&env, "HOME=%s", t_dir);
	e2e_env_pass(&env, "PATH");
	t_vt = e2e_spawn(t_bin, (const char *const []){ "-d", data, NULL },
	    &env, ROWS, COLS);
	e2e_env_free(&env);
	if (t_vt == NULL)
		fail_msg("cannot start %s: %s", t_bin, strerror(errno));
}

/* Wait for s on the screen; else show the screen and fail. */
#define WANT(s) do {							\
	if (!vt_wait_text(t_vt, (s), T_WAIT)) {				\
		e2e_dump(t_vt, (s));					\
		fail_msg("line %d: \"%s\" never showed", __LINE__,	\
		    (s));						\
	}								\
} while (0)

/* q ends the browser: status 0, no sanitizer report. */
static void
quit(void)
{
	const char *why, *report;

	vt_sends(t_vt, "q");
	why = e2e_exit_why(t_vt, T_WAIT);
	report = e2e_sanitizer_report(vt_output(t_vt, NULL));
	if (report != NULL || why != NULL)
		fail_msg("after q: %s", report != NULL ? report : why);
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
	quit();
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
	quit();
}

/*
 * What the last OSC 52 the program wrote copies: its base64 decoded into
 * out (size bytes), NUL-terminated.  0 when there is none, or no end
 * (BEL or ST) to it yet.
 */
static int
copied(struct vt *vt, char *out, size_t size)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *raw = vt_output(vt, NULL), *p, *last = NULL, *digit;
	unsigned long bits = 0;
	size_t n = 0;
	int nbits = 0;

	for (p = raw; (p = strstr(p, "\033]52;c;")) != NULL; p++)
		last = p + 7;
	if (last == NULL)
		return 0;
	for (p = last; *p != '\a' && *p != '\033'; p++) {
		if (*p == '\0')
			return 0;
		if (*p == '=' || (digit = strchr(b64, *p)) == NULL)
			continue;
		bits = bits << 6 | (unsigned long)(digit - b64);
		if ((nbits += 6) >= 8 && n + 1 < size) {
			nbits -= 8;
			out[n++] = (char)(bits >> nbits & 0xff);
		}
	}
	out[n] = '\0';
	return 1;
}

/* Has the program copied exactly the URL arg? */
static int
copied_url(struct vt *vt, const void *arg)
{
	char got[512];

	return copied(vt, got, sizeof(got)) && strcmp(got, arg) == 0;
}

static void
test_copy_exact(void **state)
{
	const char *args[] = { "-d", SHELL_META, "--list", "--format", "tsv",
	    NULL };
	char *out, *line, *url, *end, got[512];
	size_t n = 0;
	int st;

	(void)state;
	st = e2e_run(t_bin, args, NULL, 0, &out);
	e2e_keep(out);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	spawn(SHELL_META);
	WANT("1/3");
	for (line = out; (end = strchr(line, '\n')) != NULL; line = end + 1) {
		*end = '\0';
		url = strrchr(line, '\t') + 1;
		if (n++ > 0) {
			vt_sends(t_vt, "j");
			WANT(e2e_fmt("%zu/3", n));
		}
		vt_sends(t_vt, "y");
		if (!e2e_until(t_vt, copied_url, url, T_WAIT))
			fail_msg("copied %s, not exactly %s", copied(t_vt, got,
			    sizeof(got)) ? got : "nothing", url);
	}
	assert_int_equal(n, 3);
	quit();
}

int
main(void)
{
	const char *bin = getenv("SMA_ALLIES_BIN");
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_invisible_never_raw),
		T(test_emoji_joiner_kept),
		T(test_copy_exact),
#undef T
	};

	t_bin = bin != NULL && *bin != '\0' ? bin : "build/asan/sma-allies";
	return cmocka_run_group_tests(tests, NULL, NULL);
}
