/*
 * vt_selftest.c - checks the pty test driver (vt.c) against /bin/sh and
 * standard utilities, independently of the program under test.
 *
 * This file owns the harness's own regression tests: screen text and
 * attributes, wide characters, input, named keys and DECCKM, SGR mouse
 * reports, replies to terminal queries, the grapheme-cluster terminal
 * (mode 2027), resizing, exit status, signals,
 * waiting primitives and the SVG snapshot.
 *
 * It uses vt.h and, for a file's contents, tests/e2e/e2e.h.  Build and
 * run from the top of the tree:
 *
 *	make build/tests/tty/vt_selftest && build/tests/tty/vt_selftest
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

/* Generous: sanitizers and loaded machines make children slow. */
#define T_WAIT	5000

/* The terminal under test; torn down even when an assertion fails. */
static struct vt *t_vt;

/* execve(2) wants char *const []; the casts keep -Wwrite-strings quiet. */
static char *const t_env[] = {
	(char *)"TERM=xterm-256color", (char *)"PATH=/usr/bin:/bin", NULL
};

/* Start "/bin/sh -c script" on a rows x cols terminal as t_vt. */
static struct vt *
t_sh(const char *script, int rows, int cols)
{
	char	*argv[4];

	argv[0] = (char *)"/bin/sh";
	argv[1] = (char *)"-c";
	argv[2] = (char *)script;
	argv[3] = NULL;
	t_vt = vt_spawn(argv, t_env, rows, cols);
	assert_non_null(t_vt);
	return t_vt;
}

static int
t_teardown(void **state)
{
	(void)state;
	vt_free(t_vt);
	t_vt = NULL;
	return 0;
}

static void
t_assert_row(struct vt *vt, int row, const char *want)
{
	char	*s;

	s = vt_row(vt, row);
	if (strcmp(s, want) != 0)
		print_error("row %d: got \"%s\", want \"%s\"\n", row, s, want);
	assert_string_equal(s, want);
	free(s);
}

/* Text, attributes, wide characters, input, exit status. */
static void
test_basic(void **state)
{
	struct vt	*vt;
	struct vt_cell	 cell;
	const char	*out;
	size_t		 len;
	int		 row, col, status;

	(void)state;
	vt = t_sh("printf \"\\033[1mhello\\033[0m \\033[7mrev\\033[0m "
	    "世界\\n\"; read x; echo got:$x", 24, 80);
	assert_int_equal(vt_wait_text(vt, "hello", T_WAIT), 1);

	assert_int_equal(vt_find(vt, "hello", &row, &col), 1);
	assert_int_equal(row, 0);
	assert_int_equal(col, 0);
	assert_int_equal(vt_cell(vt, 0, 0, &cell), 0);
	assert_int_equal(cell.ch[0], 'h');
	assert_true(cell.bold);
	assert_false(cell.reverse);
	assert_true(cell.fg_default);
	assert_int_equal(cell.fg_index, -1);

	assert_int_equal(vt_find(vt, "rev", &row, &col), 1);
	assert_int_equal(col, 6);
	assert_int_equal(vt_cell(vt, row, col, &cell), 0);
	assert_true(cell.reverse);
	assert_false(cell.bold);

	assert_int_equal(vt_find(vt, "世", &row, &col), 1);
	assert_int_equal(col, 10);
	assert_int_equal(vt_cell(vt, row, col, &cell), 0);
	assert_int_equal(cell.ch[0], 0x4e16);
	assert_int_equal(cell.width, 2);
	assert_int_equal(vt_cell(vt, row, col + 1, &cell), 0);
	assert_int_equal(cell.width, 0);
	assert_int_equal(vt_find(vt, "界", NULL, &col), 1);
	assert_int_equal(col, 12);

	t_assert_row(vt, 0, "hello rev 世界");
	assert_int_equal(vt_cell(vt, 24, 0, &cell), -1);
	assert_int_equal(vt_cell(vt, 0, 80, &cell), -1);

	/* The raw log keeps the escape sequences the screen swallowed. */
	out = vt_output(vt, &len);
	assert_true(len > 0);
	assert_non_null(strstr(out, "\033[1mhello\033[0m"));

	/* read(1) is waiting with the cursor on the next line. */
	vt_cursor(vt, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 0);

	vt_sends(vt, "abc");
	vt_send_char(vt, 0xe9);
	vt_sends(vt, "\r");
	assert_int_equal(vt_wait_text(vt, "got:abc", T_WAIT), 1);
	assert_int_equal(vt_wait_text(vt, "got:abc\xc3\xa9", T_WAIT), 1);
	assert_int_equal(vt_wait_exit(vt, T_WAIT, &status), 1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(vt_pump(vt, 0), -1);
}

/* Indexed, 256-colour and direct colours. */
static void
test_colours(void **state)
{
	struct vt	*vt;
	struct vt_cell	 cell;
	int		 col;

	(void)state;
	vt = t_sh("printf '\\033[31mred\\033[0m \\033[38;5;200mpal\\033[0m "
	    "\\033[38;2;1;2;3mrgb\\033[0m \\033[44mbg\\033[0m\\n'; read x",
	    24, 80);
	assert_int_equal(vt_wait_text(vt, "bg", T_WAIT), 1);

	assert_int_equal(vt_find(vt, "red", NULL, &col), 1);
	assert_int_equal(vt_cell(vt, 0, col, &cell), 0);
	assert_false(cell.fg_default);
	assert_int_equal(cell.fg_index, 1);
	assert_true(cell.bg_default);

	assert_int_equal(vt_find(vt, "pal", NULL, &col), 1);
	assert_int_equal(vt_cell(vt, 0, col, &cell), 0);
	assert_int_equal(cell.fg_index, 200);

	assert_int_equal(vt_find(vt, "rgb", NULL, &col), 1);
	assert_int_equal(vt_cell(vt, 0, col, &cell), 0);
	assert_int_equal(cell.fg_index, -1);
	assert_int_equal(cell.fg_r, 1);
	assert_int_equal(cell.fg_g, 2);
	assert_int_equal(cell.fg_b, 3);

	assert_int_equal(vt_find(vt, "bg", NULL, &col), 1);
	assert_int_equal(vt_cell(vt, 0, col, &cell), 0);
	assert_false(cell.bg_default);
	assert_int_equal(cell.bg_index, 4);
	assert_true(cell.fg_default);
}

/*
 * A child that takes the next n bytes of raw input and shows them on
 * row 1 through cat -v, once it has printed mode (terminal modes for
 * the harness to see) and "ready".
 */
static struct vt *
t_raw_input(const char *mode, int n)
{
	char	 script[160];

	snprintf(script, sizeof(script), "stty raw -echo; "
	    "printf '%sready\\r\\n'; head -c %d | cat -v; printf '\\r\\n'",
	    mode, n);
	t_sh(script, 24, 80);
	assert_int_equal(vt_wait_text(t_vt, "ready", T_WAIT), 1);
	return t_vt;
}

/* The child of t_raw_input() has had all its bytes: they read want. */
static void
t_assert_input(struct vt *vt, const char *want)
{
	assert_int_equal(vt_wait_exit(vt, T_WAIT, NULL), 1);
	t_assert_row(vt, 1, want);
}

/* Named keys, as seen by a child reading its raw input through cat -v. */
static void
test_keys(void **state)
{
	struct vt	*vt;
	static const char *const keys[] = {
		"Up", "Home", "End", "PgUp", "PgDn", "F1", "Del", "BTab",
		"Backspace", "C-a", "C-]", "C-\\", "Enter", "Esc", "M-x",
	};
	size_t		 i;

	(void)state;
	/* 3+3+3+4+4+3+4+3+1+1+1+1+1+1+2 = 35 bytes of input. */
	vt = t_raw_input("", 35);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		vt_key(vt, keys[i]);
	t_assert_input(vt, "^[[A^[[H^[[F^[[5~^[[6~^[OP^[[3~^[[Z"
	    "^?^A^]^\\^M^[^[x");
}

/* Once the program selects application cursor keys, arrows use SS3. */
static void
test_keys_decckm(void **state)
{
	struct vt	*vt;

	(void)state;
	vt = t_raw_input("\\033[?1h", 12);
	vt_key(vt, "Up");
	vt_key(vt, "Down");
	vt_key(vt, "Home");
	vt_key(vt, "End");
	t_assert_input(vt, "^[OA^[OB^[OH^[OF");
}

/* SGR 1006 mouse reports. */
static void
test_mouse(void **state)
{
	struct vt	*vt;

	(void)state;
	/* 9 + 9 + 0 (wheel release) + 10 + 12 + 12 = 52 bytes. */
	vt = t_raw_input("", 52);
	vt_mouse(vt, VT_PRESS, 0, 2, 4);
	vt_mouse(vt, VT_RELEASE, 0, 2, 4);
	vt_mouse(vt, VT_RELEASE, 64, 0, 0);
	vt_mouse(vt, VT_PRESS, 64, 0, 0);
	vt_mouse(vt, VT_PRESS, 65, 9, 9);
	vt_mouse(vt, VT_DRAG, 0, 10, 11);
	t_assert_input(vt,
	    "^[[<0;5;3M^[[<0;5;3m^[[<64;1;1M^[[<65;10;10M^[[<32;12;11M");
}

/* A cursor position report must reach the child through the pty. */
static void
test_query_reply(void **state)
{
	struct vt	*vt;

	(void)state;
	vt = t_sh("stty raw -echo; printf '\\033[3;5H\\033[6n'; "
	    "head -c 6 | cat -v; printf '\\r\\n'", 24, 80);
	assert_int_equal(vt_wait_exit(vt, T_WAIT, NULL), 1);
	t_assert_row(vt, 2, "    ^[[3;5R");
}

/* Resizing reaches libvterm and the pty, and the child gets SIGWINCH. */
static void
test_resize(void **state)
{
	struct vt	*vt;
	struct vt_cell	 cell;
	int		 rows, cols;

	(void)state;
	vt = t_sh("trap 'stty size' WINCH; echo ready; "
	    "while :; do sleep 0.05; done", 24, 80);
	assert_int_equal(vt_wait_text(vt, "ready", T_WAIT), 1);
	assert_int_equal(vt_cell(vt, 29, 99, &cell), -1);

	vt_resize(vt, 30, 100);
	vt_size(vt, &rows, &cols);
	assert_int_equal(rows, 30);
	assert_int_equal(cols, 100);
	assert_int_equal(vt_wait_text(vt, "30 100", T_WAIT), 1);
	assert_int_equal(vt_cell(vt, 29, 99, &cell), 0);
	assert_int_equal(vt_cell(vt, 30, 0, &cell), -1);

	vt_resize(vt, 12, 40);
	assert_int_equal(vt_wait_text(vt, "12 40", T_WAIT), 1);
	assert_int_equal(vt_cell(vt, 11, 39, &cell), 0);
	assert_int_equal(vt_cell(vt, 12, 0, &cell), -1);
	assert_int_equal(vt_cell(vt, 0, 40, &cell), -1);
}

/* wait_gone, wait_quiet, cursor, and the joined screen. */
static void
test_waits(void **state)
{
	struct vt	*vt;
	char		*s;
	int		 row, col;

	(void)state;
	vt = t_sh("printf one; sleep 0.2; printf '\\r\\033[Ktwo'; read x",
	    4, 20);
	assert_int_equal(vt_wait_text(vt, "one", T_WAIT), 1);
	assert_int_equal(vt_wait_gone(vt, "one", T_WAIT), 1);
	assert_int_equal(vt_wait_quiet(vt, 100, T_WAIT), 1);
	assert_int_equal(vt_find(vt, "two", &row, &col), 1);
	assert_int_equal(row, 0);
	assert_int_equal(col, 0);
	vt_cursor(vt, &row, &col);
	assert_int_equal(row, 0);
	assert_int_equal(col, 3);
	assert_int_equal(vt_wait_text(vt, "absent", 50), 0);

	s = vt_screen(vt);
	assert_string_equal(s, "two\n\n\n");
	free(s);
	s = vt_row(vt, 7);
	assert_string_equal(s, "");
	free(s);
}

/* The family, a heart with VS16, a flag, a decomposed é. */
#define T_FAMILY "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"
#define T_HEART	"\u2764\uFE0F"
#define T_FLAG	"\U0001F1EB\U0001F1F7"
#define T_E	"e\u0301"
#define T_MIX	T_FAMILY "X" T_HEART "Y" T_FLAG "Z" T_E "W"

/* Start script with mode 2027 answered with answer (see vt.h). */
static struct vt *
t_sh_2027(const char *script, int answer)
{
	char	*argv[4];

	argv[0] = (char *)"/bin/sh";
	argv[1] = (char *)"-c";
	argv[2] = (char *)script;
	argv[3] = NULL;
	t_vt = vt_spawn(argv, t_env, 6, 40);
	assert_non_null(t_vt);
	vt_set_graphemes(t_vt, answer);
	return t_vt;
}

/* The first column of row that shows the ASCII character ch, or -1. */
static int
t_col(struct vt *vt, int row, char ch)
{
	struct vt_cell	 cell;
	int		 c;

	for (c = 0; vt_cell(vt, row, c, &cell) == 0; c++)
		if (cell.ch[0] == (uint32_t)ch && cell.ch[1] == 0)
			return c;
	return -1;
}

/*
 * Mode 2027: DECRQM is answered as chosen, DECSET and DECRST switch it,
 * and while it is set a cluster is one cell: the family and the heart 2
 * columns, the flag 2, é 1.  Per code point, the family takes 8, the
 * heart 1, the flag 2 (two cells).
 */
static void
test_graphemes(void **state)
{
	struct vt	*vt;
	struct vt_cell	 cell;
	int		 c;

	(void)state;
	vt = t_sh_2027("stty -echo -icanon; printf '\\033[?2027$p\\033[c'; "
	    "head -c 18 | od -An -c | tr -d ' \\n'; echo; "
	    "printf '" T_MIX "\\n\\033[?2027h" T_MIX "\\n'; "
	    "printf '\\033[?2027l" T_MIX "\\n'; read x", 2);
	assert_int_equal(vt_wait_text(vt, "033[?2027;2$y033[?1;2c", T_WAIT), 1);
	assert_int_equal(vt_wait_quiet(vt, 100, T_WAIT), 1);
	assert_int_equal(vt_graphemes(vt), 0);
	/* Per code point, then by cluster, then per code point again. */
	assert_int_equal(t_col(vt, 1, 'X'), 8);
	assert_int_equal(t_col(vt, 1, 'Y'), 10);
	assert_int_equal(t_col(vt, 1, 'Z'), 13);
	assert_int_equal(t_col(vt, 1, 'W'), 15);
	t_assert_row(vt, 2, T_MIX);
	assert_int_equal(t_col(vt, 2, 'X'), 2);
	assert_int_equal(t_col(vt, 2, 'Y'), 5);
	assert_int_equal(t_col(vt, 2, 'Z'), 8);
	assert_int_equal(t_col(vt, 2, 'W'), 10);
	assert_int_equal(t_col(vt, 3, 'X'), 8);
	/* The family's cell holds it whole. */
	assert_int_equal(vt_cell(vt, 2, 0, &cell), 0);
	assert_int_equal(cell.width, 2);
	assert_int_equal(cell.ch[0], 0x1f468);
	assert_int_equal(cell.ch[6], 0x1f466);
	assert_int_equal(cell.ch[7], 0);
	assert_int_equal(vt_cell(vt, 2, 3, &cell), 0);
	assert_int_equal(cell.ch[0], 0x2764);
	assert_int_equal(cell.ch[1], 0xfe0f);
	assert_int_equal(cell.width, 2);
	assert_int_equal(vt_cell(vt, 2, 9, &cell), 0);
	assert_int_equal(cell.ch[0], 'e');
	assert_int_equal(cell.ch[1], 0x301);
	assert_int_equal(cell.width, 1);
	vt_free(vt);
	t_vt = NULL;

	/* No answer by default: only DA1's. */
	vt = t_sh_2027("stty -echo -icanon; printf '\\033[?2027$p\\033[c'; "
	    "head -c 7 | od -An -c | tr -d ' \\n'; echo; read x", -1);
	assert_int_equal(vt_wait_text(vt, "033[?1;2c", T_WAIT), 1);
	vt_free(vt);
	t_vt = NULL;

	/*
	 * Permanently set, and a cluster cut between two writes: it is
	 * shown as far as it has come, then whole where it began.
	 */
	vt = t_sh_2027("printf 'ab\U0001F468'; sleep 0.3; "
	    "printf '\u200D\U0001F469X'; read x", 3);
	assert_int_equal(vt_graphemes(vt), 1);
	assert_int_equal(vt_wait_text(vt, "ab\U0001F468", T_WAIT), 1);
	assert_int_equal(vt_wait_text(vt, "X", T_WAIT), 1);
	t_assert_row(vt, 0, "ab\U0001F468\u200D\U0001F469X");
	assert_int_equal(t_col(vt, 0, 'X'), 4);
	vt_cursor(vt, NULL, &c);
	assert_int_equal(c, 5);
}

/* Exit codes, signals, and exec failures. */
static void
test_exit(void **state)
{
	char *const	 argv[] = {
		(char *)"no-such-program-for-vt-selftest", NULL
	};
	struct vt	*vt;
	const char	*out;
	int		 status;

	(void)state;
	vt = t_sh("printf bye; exit 3", 24, 80);
	assert_int_equal(vt_wait_exit(vt, T_WAIT, &status), 1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
	out = vt_output(vt, NULL);
	assert_non_null(strstr(out, "bye"));
	assert_int_equal(vt_pump(vt, 100), -1);
	vt_free(vt);
	t_vt = NULL;

	vt = t_sh("read x", 24, 80);
	assert_true(vt_pid(vt) > 0);
	assert_int_equal(vt_wait_exit(vt, 100, &status), 0);
	vt_kill(vt, SIGTERM);
	assert_int_equal(vt_wait_exit(vt, T_WAIT, &status), 1);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGTERM);
	vt_free(vt);
	t_vt = NULL;

	errno = 0;
	assert_null(vt_spawn(argv, t_env, 24, 80));
	assert_int_equal(errno, ENOENT);
}

/* Read a whole, non-empty file into a NUL-terminated string. */
static char *
t_slurp(const char *path, size_t *lenp)
{
	char	*buf = e2e_slurp(path, lenp);

	assert_non_null(buf);
	assert_true(*lenp > 0);
	return buf;
}

/* The SVG snapshot carries text, style, escaping, and is reproducible. */
static void
test_svg(void **state)
{
	struct vt	*vt;
	char		 p1[] = "/tmp/vt_selftest_XXXXXX";
	char		 p2[] = "/tmp/vt_selftest_XXXXXX";
	char		*a, *b;
	size_t		 alen, blen;
	int		 fd;

	(void)state;
	vt = t_sh("printf '\\033[1mhello\\033[0m \\033[7mrev\\033[0m 世界 "
	    "<a&b> \"q\"\\n'; read x", 24, 80);
	assert_int_equal(vt_wait_text(vt, "hello", T_WAIT), 1);
	assert_int_equal(vt_wait_quiet(vt, 50, T_WAIT), 1);

	assert_true((fd = mkstemp(p1)) != -1);
	close(fd);
	assert_true((fd = mkstemp(p2)) != -1);
	close(fd);
	assert_int_equal(vt_write_svg(vt, p1), 0);
	assert_int_equal(vt_write_svg(vt, p2), 0);
	a = t_slurp(p1, &alen);
	b = t_slurp(p2, &blen);
	unlink(p1);
	unlink(p2);

	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	assert_non_null(strstr(a, "<svg "));
	assert_non_null(strstr(a, "xml:space=\"preserve\""));
	assert_non_null(strstr(a, "font-weight=\"bold\">hello</text>"));
	assert_non_null(strstr(a, ">世界</text>"));
	assert_non_null(strstr(a, "&lt;a&amp;b&gt; &quot;q&quot;"));
	/* The reversed run: default fg as background, default bg as ink. */
	assert_non_null(strstr(a, "fill=\"#d0d0d0\"/>"));
	assert_non_null(strstr(a, "fill=\"#1c1c1c\">rev</text>"));
	assert_non_null(strstr(a, "</svg>\n"));
	free(a);
	free(b);
	assert_int_equal(vt_write_svg(vt, "/nonexistent-dir/x.svg"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_basic, t_teardown),
		cmocka_unit_test_teardown(test_colours, t_teardown),
		cmocka_unit_test_teardown(test_keys, t_teardown),
		cmocka_unit_test_teardown(test_keys_decckm, t_teardown),
		cmocka_unit_test_teardown(test_mouse, t_teardown),
		cmocka_unit_test_teardown(test_query_reply, t_teardown),
		cmocka_unit_test_teardown(test_graphemes, t_teardown),
		cmocka_unit_test_teardown(test_resize, t_teardown),
		cmocka_unit_test_teardown(test_waits, t_teardown),
		cmocka_unit_test_teardown(test_exit, t_teardown),
		cmocka_unit_test_teardown(test_svg, t_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
