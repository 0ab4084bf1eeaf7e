/*
 * test_input.c - end-to-end tests of what reaches the browser as input
 * beyond single keys: bracketed pastes (DEC mode 2004) and Alt sent as an
 * Esc prefix.
 *
 * A paste is sent as a terminal in paste mode sends it, ESC [ 200 ~ text
 * ESC [ 201 ~, in one write; a paste from a terminal without the mode is
 * the bare text.  What is checked is what a person sees (the search bar,
 * the status line, whether the program is still there) and, for the mode
 * itself, the raw bytes the program wrote: set at the start, reset at the
 * exit, around a terminal browser and around a suspend.  The 1 MiB paste
 * also checks that the program stays answering and that its peak memory
 * (VmHWM in /proc) does not grow with the paste.
 *
 * The program under test is $SMA_ALLIES_BIN (default
 * build/asan/sma-allies), run on the built-in data (12 allies) in a
 * temporary folder that is also $HOME.  What is not about input is in
 * tests/e2e/e2e.h.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e/e2e.h"

#define WAIT_MS		8000	/* sanitizers and a loaded machine */
#define QUIET_MS	150	/* "nothing more is coming" */
#define ROWS		30
#define COLS		100
#define BOTTOM		(-1)	/* the status line or the search bar */

#define PASTE_ON	"\033[?2004h"
#define PASTE_OFF	"\033[?2004l"
#define CUT_NOTE	"Paste cut to 4 KiB"

/* A NULL-ended list of strings. */
#define LIST(...)	((const char *const []){ __VA_ARGS__, NULL })

static struct vt *vt;		/* the program under test */
static char *dir;		/* the test's own folder */
static char bin[4096];		/* the program */
static char top[4096];		/* where the suite started */

#define FAIL(...)	failed(__FILE__, __LINE__, __VA_ARGS__)
#define CHECK(c, ...)	do { if (!(c)) FAIL(__VA_ARGS__); } while (0)
#define SEE(row, s)	CHECK(e2e_wait_row(vt, (row), (s), 1, 0, WAIT_MS), \
			    "row %d never showed \"%s\"", (row), (s))
#define SEE_START(row, s) CHECK(e2e_wait_row(vt, (row), (s), 1, 1, \
			    WAIT_MS), "row %d never started \"%s\"", (row), (s))
#define GONE(row, s)	CHECK(e2e_wait_row(vt, (row), (s), 0, 0, WAIT_MS), \
			    "row %d kept \"%s\"", (row), (s))

static void
failed(const char *file, int line, const char *fmt, ...)
    E2E_PRINTF(3, 4);

static void
failed(const char *file, int line, const char *fmt, ...)
{
	char why[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s:%d: %s\n", file, line, why);
	if (vt != NULL)
		e2e_dump(vt, why);
	_fail(file, line);
}

/*
 * Start the program with args on a ROWS x COLS terminal, the standard
 * environment changed by env (both NULL-ended, may be NULL), and wait
 * for its first screen of the built-in data.
 */
static void
start(const char *const *env, const char *const *args)
{
	const char *path = getenv("PATH");
	struct e2e_env e;

	e2e_env_init(&e);
	e2e_env_sanitizers(&e);
	e2e_env_putf(&e, "PATH=%s/bin:%s", dir, path != NULL ? path :
	    "/usr/bin:/bin");
	e2e_env_putf(&e, "HOME=%s", dir);
	while (env != NULL && *env != NULL)
		e2e_env_put(&e, *env++);
	vt = e2e_spawn(bin, args, &e, ROWS, COLS);
	e2e_env_free(&e);
	CHECK(vt != NULL, "cannot start %s: %s", bin, strerror(errno));
	SEE(1, "1/12");
	SEE(1, "Description");
	vt_wait_quiet(vt, QUIET_MS, WAIT_MS);
}

/* A shell script in the test's bin folder, which is first on PATH. */
static void
script(const char *name, const char *body)
{
	const char *text = e2e_fmt("#!/bin/sh\n%s", body);

	if (e2e_write_file(e2e_fmt("%s/bin/%s", dir, name), text,
	    strlen(text), 0755, 1) != 0)
		fail_msg("%s: %s", name, strerror(errno));
}

/* Send text as one bracketed paste, in one write as a terminal does. */
static void
paste(const char *text, size_t len)
{
	char *b = e2e_realloc(NULL, len + 12);

	memcpy(b, "\033[200~", 6);
	memcpy(b + 6, text, len);
	memcpy(b + 6 + len, "\033[201~", 6);
	vt_send(vt, b, len + 12);
	free(b);
}

static void
pastes(const char *text)
{
	paste(text, strlen(text));
}

/* Let the program react, then ask whether it is still running. */
static int
running(void)
{
	vt_wait_quiet(vt, 300, WAIT_MS);
	return !vt_wait_exit(vt, 0, NULL);
}

/* The sanitizers wrote nothing, and the program ends with status 0. */
static void
ends_well(const char *keys)
{
	const char *why;

	vt_sends(vt, keys);
	why = e2e_exit_why(vt, 15000);
	CHECK(e2e_sanitizer_report(vt_output(vt, NULL)) == NULL,
	    "sanitizer report:\n%.3000s",
	    e2e_sanitizer_report(vt_output(vt, NULL)));
	CHECK(why == NULL, "it did not end well: %s", why);
}

/* Leave the bar with Esc (the hints come back), then quit with q. */
static void
quit_from_bar(void)
{
	vt_key(vt, "Esc");
	SEE(BOTTOM, "q quit");
	ends_well("q");
}

/* A kiosk ends on SIGTERM, with status 0. */
static void
kiosk_ends(void)
{
	vt_kill(vt, SIGTERM);
	ends_well("");
}

/* Where needle last occurs in what the program wrote, or -1. */
static long
last_at(const char *needle)
{
	size_t len, n = strlen(needle);
	const char *out = vt_output(vt, &len);
	long i;

	for (i = (long)len - (long)n; i >= 0; i--)
		if (memcmp(out + i, needle, n) == 0)
			return i;
	return -1;
}

/* Where needle first occurs at or after from, or -1. */
static long
first_at(const char *needle, long from)
{
	size_t len, n = strlen(needle);
	const char *out = vt_output(vt, &len);
	long i;

	for (i = from; i >= 0 && (size_t)i + n <= len; i++)
		if (memcmp(out + i, needle, n) == 0)
			return i;
	return -1;
}

/* The program's peak resident memory in kB (VmHWM), or -1. */
static long
peak_kb(void)
{
	char *status = e2e_slurp(e2e_fmt("/proc/%ld/status",
	    (long)vt_pid(vt)), NULL), *p;
	long kb = -1;

	if (status != NULL && (p = strstr(status, "VmHWM:")) != NULL)
		kb = strtol(p + 6, NULL, 10);
	free(status);
	return kb;
}

/* ---- the mode ---- */

/* Set at the start, reset at the exit, and the reset comes last. */
static void
test_mode_set_and_reset(void **state)
{
	(void)state;
	start(NULL, NULL);
	CHECK(last_at(PASTE_ON) >= 0, "no ESC [ ? 2004 h at the start");
	CHECK(last_at(PASTE_OFF) < 0, "paste mode reset while running");
	ends_well("q");
	CHECK(last_at(PASTE_OFF) > last_at(PASTE_ON),
	    "paste mode not reset at the exit");
}

/*
 * Terminals whose entry has no BE: screen's gets xterm's sequence by its
 * name; vt100 gets none, and a paste from it is typed keys as before.
 */
static void
test_mode_by_terminal(void **state)
{
	(void)state;
	start(LIST("TERM=screen-256color"), NULL);
	CHECK(last_at(PASTE_ON) >= 0, "screen: no paste mode");
	ends_well("q");
	vt_free(vt);
	start(LIST("TERM=vt100"), NULL);
	CHECK(last_at(PASTE_ON) < 0, "vt100 was sent ESC [ ? 2004 h");
	/* Unbracketed, a paste is keys: / opens the bar, as typed. */
	vt_sends(vt, "/family");
	SEE_START(BOTTOM, "/family");
	quit_from_bar();
	CHECK(last_at(PASTE_OFF) < 0, "vt100 was sent ESC [ ? 2004 l");
}

/* A terminal browser gets the terminal without the mode, and back. */
static void
test_mode_around_opener(void **state)
{
	long shown, off, on;

	(void)state;
	script("lynx", "printf 'FAKE LYNX %s\\n' \"$1\"\nread x\nexit 0\n");
	start(LIST("BROWSER=lynx"), NULL);
	vt_sends(vt, "o");
	CHECK(vt_wait_text(vt, "FAKE LYNX https://www.aafp.org/", WAIT_MS),
	    "the terminal browser did not show");
	shown = last_at("FAKE LYNX");
	off = last_at(PASTE_OFF);
	CHECK(off >= 0 && off < shown, "paste mode still on for the opener");
	vt_key(vt, "Enter");
	SEE(1, "1/12");
	on = first_at(PASTE_ON, shown);
	CHECK(on > shown, "paste mode not set again after the opener");
	ends_well("q");
}

/* ^Z: the mode is reset before stopping and set again after. */
static void
test_mode_around_suspend(void **state)
{
	long off, on;

	(void)state;
	start(NULL, NULL);
	vt_key(vt, "C-z");
	vt_wait_quiet(vt, 300, WAIT_MS);
	/*
	 * The pseudo-terminal's process group has no shell to continue it,
	 * so the kernel does not stop it: it goes on at once.
	 */
	off = first_at(PASTE_OFF, 0);
	CHECK(off >= 0, "paste mode not reset on ^Z");
	on = first_at(PASTE_ON, off);
	CHECK(on > off, "paste mode not set again after ^Z");
	vt_sends(vt, "j");
	SEE(1, "2/12");
	ends_well("q");
}

/* ---- pastes while browsing ---- */

/* qqq pasted is a query, not three quits. */
static void
test_paste_qqq(void **state)
{
	(void)state;
	start(NULL, NULL);
	pastes("qqq");
	CHECK(running(), "a pasted qqq quit the browser");
	SEE_START(BOTTOM, "/qqq");
	SEE(BOTTOM, "0/12");
	quit_from_bar();
}

/* The whole text is the query: its "/" and "o" are not keys. */
static void
test_paste_browsing(void **state)
{
	(void)state;
	start(NULL, NULL);
	pastes("see https://example.org/q");
	SEE_START(BOTTOM, "/see https://example.org/q");
	SEE(BOTTOM, "0/12");
	CHECK(running(), "the paste ended the browser");
	/* Esc gives the list back unfiltered. */
	vt_key(vt, "Esc");
	SEE(0, "12 allies");
	/* Over a filter: the paste replaces it, Esc brings it back. */
	vt_sends(vt, "/AAFP\r");
	SEE(0, "/AAFP/");
	pastes("Family");
	SEE_START(BOTTOM, "/Family");
	vt_key(vt, "Esc");
	SEE(0, "/AAFP/");
	ends_well("q");
}

/* On the help page a paste closes it and searches. */
static void
test_paste_on_page(void **state)
{
	(void)state;
	start(NULL, NULL);
	vt_sends(vt, "?");
	SEE(0, "Help");
	pastes("Family");
	SEE_START(BOTTOM, "/Family");
	GONE(0, "Help");
	quit_from_bar();
}

/* ---- pastes in the bar ---- */

/* At the cursor; a line break is a space, never Enter. */
static void
test_paste_in_bar(void **state)
{
	(void)state;
	start(NULL, NULL);
	vt_sends(vt, "/ily");
	SEE_START(BOTTOM, "/ily");
	vt_key(vt, "Home");
	vt_wait_quiet(vt, QUIET_MS, WAIT_MS);
	pastes("Fam");
	SEE_START(BOTTOM, "/Family");
	/* CR LF is one space, the break at the end goes, q is text. */
	pastes("\r\nq\r\nx\n");
	SEE_START(BOTTOM, "/Fam q xily");
	CHECK(running(), "a line break in a paste ended the browser");
	/* The bar is still open: Backspace edits the query. */
	vt_key(vt, "Backspace");
	SEE_START(BOTTOM, "/Fam q ily");
	quit_from_bar();
}

/* Controls and escape sequences inside a paste are spaces. */
static void
test_paste_escapes(void **state)
{
	static const char text[] =
	    "a\033[31mb\033]0;PWNED\007c\td\177e\302\233" "1mf\033Pq\033\\g"
	    "\033(Bh\033[Ai\033]52;c;eA==\033\\j\001k";

	(void)state;
	start(NULL, NULL);
	vt_sends(vt, "/");
	SEE_START(BOTTOM, "/");
	pastes(text);
	SEE_START(BOTTOM, "/a b c d e f g h i j k");
	CHECK(running(), "the paste ended the browser");
	/* Nothing of it reached the terminal as a sequence. */
	CHECK(e2e_output_find(vt, "PWNED", 5) == NULL,
	    "the OSC 0 title of the paste was written");
	CHECK(e2e_output_find(vt, "\033]52;c;eA", 9) == NULL,
	    "the OSC 52 of the paste was written");
	quit_from_bar();
}

/* Text that no longer fits is cut, and the bar says so. */
static void
test_paste_fills_bar(void **state)
{
	char *big = e2e_keep(e2e_realloc(NULL, 5000));

	(void)state;
	start(NULL, NULL);
	memset(big, 'z', 4080);
	memcpy(big + 4080, "TAIL", 5);
	vt_sends(vt, "/");
	pastes(big);
	SEE(BOTTOM, "zzzzTAIL");
	SEE(BOTTOM, "0/12");
	CHECK(!e2e_row_has(vt, BOTTOM, CUT_NOTE, 0), "4084 bytes were cut");
	/* 20 more bytes: 12 fit in the 4 KiB a search holds. */
	pastes("0123456789ABCDEFGHIJ");
	SEE(BOTTOM, CUT_NOTE);
	SEE(BOTTOM, "zzzzTAIL0123456789AB ");
	/* The next edit takes the note away. */
	vt_key(vt, "Backspace");
	GONE(BOTTOM, CUT_NOTE);
	SEE(BOTTOM, "zzzzTAIL0123456789A ");
	quit_from_bar();
}

/*
 * 1 MiB in one paste, an escape every 4 bytes.  While it streams in the
 * screen stays live (a resize half-way is drawn); it is cut at 4 KiB,
 * the rest dropped as it comes, and a key after it is answered within a
 * second.  Its memory: the peak (VmHWM) grows no more than for a paste
 * of 8 KiB with the same first 4 KiB, which leaves the same query (the
 * sanitizers never hand freed memory back at once, so each new query
 * raises the peak a little).
 */
static void
test_paste_huge(void **state)
{
	size_t n = 1 << 20, half = n / 2, i;
	char *text = e2e_keep(e2e_realloc(NULL, n + 12));
	long p0, p1, p2;
	int64_t t0;

	(void)state;
	start(NULL, NULL);
	memcpy(text, "\033[200~", 6);
	for (i = 0; i < n; i++)
		text[6 + i] = "zx \033"[i % 4];
	memset(text + 6, 'x', 4090);
	memcpy(text + 6 + 4090, "ENDSab" "CUT", 9);
	p0 = peak_kb();
	paste(text + 6, 8192);
	SEE(BOTTOM, CUT_NOTE);
	SEE(BOTTOM, "xxENDSab");
	p1 = peak_kb();
	vt_key(vt, "Esc");
	SEE(BOTTOM, "q quit");
	memcpy(text + 6 + n, "\033[201~", 6);
	t0 = vt_now_ms();
	vt_send(vt, text, 6 + half);
	vt_resize(vt, ROWS - 2, COLS - 10);
	CHECK(e2e_wait_row(vt, ROWS - 3, "q quit", 1, 0, 1000),
	    "a resize in the middle of a paste was not drawn in 1 s");
	vt_send(vt, text + 6 + half, n - half + 6);
	printf("1 MiB pasted in %lld ms\n", (long long)(vt_now_ms() - t0));
	SEE(BOTTOM, CUT_NOTE);
	SEE(BOTTOM, "xxENDSab");
	GONE(BOTTOM, "ENDSabC");
	p2 = peak_kb();
	t0 = vt_now_ms();
	vt_key(vt, "C-a");
	CHECK(e2e_wait_row(vt, BOTTOM, "/xxxx", 1, 1, 1000),
	    "the key after the paste was not answered in 1 s");
	printf("the key after it answered in %lld ms\n",
	    (long long)(vt_now_ms() - t0));
	CHECK(p0 > 0 && p1 > 0 && p2 > 0, "no VmHWM in /proc");
	printf("peak memory: %ld kB, %+ld kB for 8 KiB, %+ld kB for 1 MiB\n",
	    p0, p1 - p0, p2 - p1);
	CHECK(p2 - p1 < p1 - p0 + 256, "1 MiB took %ld kB more at its peak, "
	    "8 KiB %ld kB", p2 - p1, p1 - p0);
	vt_key(vt, "Enter");
	SEE(BOTTOM, "0 of 12 allies match");
	ends_well("q");
}

/* ---- pastes in a kiosk ---- */

/*
 * A paste is a search there too, and nothing in it is a key: not q, not
 * the staff key with the PIN and Enter, not o for a code.
 */
static void
test_paste_kiosk(void **state)
{
	(void)state;
	start(LIST("SMA_ALLIES_STAFF_PIN=424242"), LIST("--kiosk"));
	pastes("qqq");
	SEE_START(BOTTOM, "/qqq");
	vt_key(vt, "Esc");
	GONE(BOTTOM, "/qqq");
	pastes("\035424242\r");
	CHECK(running(), "a pasted staff key and PIN ended the kiosk");
	SEE_START(BOTTOM, "/ 424242");
	CHECK(!vt_find(vt, "Staff PIN", NULL, NULL), "the PIN prompt opened");
	vt_key(vt, "Esc");
	GONE(BOTTOM, "424242");
	pastes("o");
	SEE_START(BOTTOM, "/o");
	SEE(1, "Description");
	kiosk_ends();
}

/* ---- Alt ---- */

/* Alt-q, Alt-j and Alt-b do not do what q, j and b do, and say so. */
static void
test_alt_keys(void **state)
{
	const char *rec = e2e_fmt("%s/opened", dir);

	(void)state;
	script("recorder", e2e_fmt("printf '%%s\\n' \"$@\" > '%s'\n", rec));
	start(LIST("BROWSER=recorder"), NULL);
	vt_key(vt, "M-q");
	SEE(BOTTOM, "Alt-q does nothing");
	CHECK(running(), "Alt-q quit");
	/* A filter, the second ally selected: Alt-j keeps both. */
	vt_sends(vt, "/a\r");
	SEE(0, "/a/");
	vt_sends(vt, "j");
	SEE(1, "2/");
	vt_key(vt, "M-j");
	SEE(BOTTOM, "Alt-j does nothing");
	CHECK(e2e_row_has(vt, 0, "/a/", 0), "Alt-j cleared the filter");
	CHECK(e2e_row_has(vt, 1, "2/", 0), "Alt-j moved the selection");
	/* In the bar: Alt-b neither closes it nor opens a page. */
	vt_sends(vt, "/");
	SEE_START(BOTTOM, "/a");
	vt_key(vt, "M-b");
	SEE(BOTTOM, "Alt-b does nothing");
	CHECK(e2e_row_has(vt, BOTTOM, "/a", 1), "Alt-b closed the bar");
	vt_wait_quiet(vt, 500, WAIT_MS);
	CHECK(access(rec, F_OK) != 0, "Alt-b opened a page");
	/* A lone Esc is Esc: the bar closes. */
	vt_key(vt, "Esc");
	GONE(BOTTOM, "Alt-b");
	CHECK(!e2e_row_has(vt, BOTTOM, "/a", 1), "Esc did not close the bar");
	ends_well("q");
}

/* ---- main ---- */

static int
setup(void **state)
{
	(void)state;
	if ((dir = e2e_tmpdir("sma-input")) == NULL ||
	    mkdir(e2e_fmt("%s/bin", dir), 0755) == -1 || chdir(dir) == -1)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	int back;

	(void)state;
	vt_free(vt);
	vt = NULL;
	back = chdir(top);
	e2e_rmtree(dir);
	free(dir);
	dir = NULL;
	e2e_release();
	return back;
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_mode_set_and_reset),
		T(test_mode_by_terminal),
		T(test_mode_around_opener),
		T(test_mode_around_suspend),
		T(test_paste_qqq),
		T(test_paste_browsing),
		T(test_paste_on_page),
		T(test_paste_in_bar),
		T(test_paste_escapes),
		T(test_paste_fills_bar),
		T(test_paste_huge),
		T(test_paste_kiosk),
		T(test_alt_keys),
	};
	const char *prog = getenv("SMA_ALLIES_BIN");

	if (prog == NULL || *prog == '\0')
		prog = "build/asan/sma-allies";
	if (getcwd(top, sizeof(top)) == NULL || realpath(prog, bin) == NULL) {
		fprintf(stderr, "test_input: no program at %s (set "
		    "SMA_ALLIES_BIN)\n", prog);
		return 1;
	}
	if (getenv("SMA_E2E_FILTER") != NULL)
		cmocka_set_test_filter(getenv("SMA_E2E_FILTER"));
	return cmocka_run_group_tests_name("input", tests, NULL, NULL);
}
