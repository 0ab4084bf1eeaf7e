/*
 * test_kiosk.c - end-to-end tests of kiosk mode (--kiosk), run on a real
 * pseudo-terminal through the vt harness (tests/tty/vt.h).
 *
 * What is checked is what CONTRACT.md promises an unattended display:
 * no key quits or suspends it, the operator's signals end it cleanly,
 * no external program ever starts (a QR code is shown instead, and the
 * code is decoded back with zbarimg to prove it is the right URL), the
 * staff PIN is the only way out from the keyboard and never shows, the
 * idle clock resets the screen and cycles through the allies (with the
 * "Become an Ally" code, decoded too, where there is room), a bad data
 * reload keeps the old data, and storms of keys and resizes leave it
 * drawing the first screen again.  Most tests end the kiosk with SIGTERM
 * and want exit status 0, so the sanitizers' leak check runs each time.
 *
 * The program under test is $SMA_ALLIES_BIN (default
 * build/asan/sma-allies); the tests run from the top of the tree.
 * Random keys come from a fixed seed, printed, and can be replayed with
 * KIOSK_SEED=N.  What is not about the kiosk (files, the environment,
 * waiting) is in tests/e2e/e2e.h.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include "e2e/e2e.h"
#include "e2e/qrread.h"

/* Generous: sanitizers and loaded machines make children slow. */
#define T_WAIT		8000
#define T_QUIET		150	/* "nothing more is coming" */

#define TITLE		"Social Mission Alliance Allies Program"
#define TITLE_START	"Social Mission Alliance"	/* also when narrow */
#define PIN_PROMPT	"Staff PIN:"
#define COUNTDOWN	"Back to the start in"
#define WELCOME		"Welcome! Touch the screen or press any key"
#define NALLIES		12

/* The terminal under test; freed by the teardown even after a failure. */
static struct vt *t_vt;
static char *t_dir;		/* private temporary directory */
static char t_bin[4096];	/* the program under test */
static unsigned long t_seed;
static struct e2e_rng t_rng;

/* ---- environment and processes ---- */

/*
 * The environment of every run: a fixed terminal and locale, the
 * sanitizers failing loudly, no BROWSER, and a PATH whose first entry
 * holds an xdg-open and an open that would leave a trace if run.
 * extra entries ("NAME=value") replace or add variables.
 */
static void
kiosk_env(struct e2e_env *env, const char *const *extra)
{
	size_t i;

	e2e_env_init(env);
	e2e_env_putf(env, "PATH=%s/bin:/usr/local/bin:/usr/bin:/bin", t_dir);
	e2e_env_putf(env, "HOME=%s", t_dir);
	e2e_env_sanitizers(env);
	for (i = 0; extra != NULL && extra[i] != NULL; i++)
		e2e_env_put(env, extra[i]);
}

/* Start the program with args (NULL-ended) on a rows x cols terminal. */
static struct vt *
spawn(const char *const *args, const char *const *extra, int rows,
    int cols)
{
	struct e2e_env env;

	kiosk_env(&env, extra);
	t_vt = e2e_spawn(t_bin, args, &env, rows, cols);
	e2e_env_free(&env);
	if (t_vt == NULL)
		fail_msg("cannot start %s: %s", t_bin, strerror(errno));
	return t_vt;
}

/*
 * Run the program outside a terminal, collect its stdout (and stderr when
 * both is set) into a malloc'd string.  Returns the wait status.
 */
static int
run_capture(const char *const *args, int both, char **out)
{
	struct e2e_env env;
	int status;

	kiosk_env(&env, NULL);
	status = e2e_run(t_bin, args, &env, both, out);
	e2e_env_free(&env);
	if (*out == NULL)
		fail_msg("cannot run %s: %s", t_bin, strerror(errno));
	return status;
}

/* Write path in place (atomic 0) or through a rename, as editors do. */
static void
put_file(const char *path, const char *text, int atomic)
{
	if (e2e_write_file(path, text, strlen(text), 0644, atomic) != 0)
		fail_msg("%s: %s", path, strerror(errno));
}

static void
write_file(const char *path, const char *text)
{
	put_file(path, text, 0);
}

static void
replace_file(const char *path, const char *text)
{
	put_file(path, text, 1);
}

static char *
read_all(const char *path)
{
	char *buf = e2e_slurp(path, NULL);

	if (buf == NULL)
		fail_msg("%s: %s", path, strerror(errno));
	return buf;
}

/* The same keys on every machine for a given seed. */
static unsigned
rnd(unsigned n)
{
	return e2e_randn(&t_rng, n);
}

static void
rnd_seed(const char *what)
{
	e2e_rng_seed(&t_rng, t_seed);
	printf("# %s: KIOSK_SEED=%lu\n", what, t_seed);
}

/* ---- screen helpers ---- */

#define WAIT_TEXT(vt, s, ms) wait_text((vt), (s), 1, (ms), __LINE__)
#define WAIT_GONE(vt, s, ms) wait_text((vt), (s), 0, (ms), __LINE__)

/* Wait for s to be on the screen (want 1) or off it (want 0). */
static void
wait_text(struct vt *vt, const char *s, int want, int ms, int line)
{
	if (!(want ? vt_wait_text(vt, s, ms) : vt_wait_gone(vt, s, ms))) {
		e2e_dump(vt, want ? "waiting for text" :
		    "waiting for text to go");
		fail_msg("line %d: \"%s\" did not %s within %d ms", line, s,
		    want ? "appear" : "go", ms);
	}
}

static int
on_screen(struct vt *vt, const char *s)
{
	return vt_find(vt, s, NULL, NULL);
}

/* Let the program react and finish drawing. */
static void
settle(struct vt *vt)
{
	vt_wait_quiet(vt, T_QUIET, T_WAIT);
}

/* The process has not exited (nor been killed): waitpid WNOHANG. */
#define ASSERT_ALIVE(vt) assert_alive((vt), __LINE__)

static void
assert_alive(struct vt *vt, int line)
{
	int status = 0;
	pid_t r = waitpid(vt_pid(vt), &status, WNOHANG);

	if (r != 0) {
		e2e_dump(vt, "process gone");
		if (r > 0 && WIFSIGNALED(status))
			fail_msg("line %d: the kiosk was killed by signal %d",
			    line, WTERMSIG(status));
		if (r > 0)
			fail_msg("line %d: the kiosk exited with status %d",
			    line, WEXITSTATUS(status));
		fail_msg("line %d: the kiosk is gone (%s)", line,
		    strerror(errno));
	}
}

/*
 * The kiosk ends with exit status 0 (under the sanitizers that also
 * proves nothing leaked on the way), after what, within T_WAIT.
 */
#define EXITS_CLEANLY(vt, what) exits_cleanly((vt), (what), __LINE__)

static void
exits_cleanly(struct vt *vt, const char *what, int line)
{
	const char *why = e2e_exit_why(vt, T_WAIT), *out;
	size_t len;

	if (why != NULL) {
		out = vt_output(vt, &len);
		e2e_dump(vt, what);
		fail_msg("line %d: after %s the kiosk %s; output tail: %s",
		    line, what, why, len > 3000 ? out + len - 3000 : out);
	}
}

/* End the kiosk as an operator does (SIGTERM) and expect exit status 0. */
#define END_CLEANLY(vt) end_cleanly((vt), __LINE__)

static void
end_cleanly(struct vt *vt, int line)
{
	vt_kill(vt, SIGTERM);
	exits_cleanly(vt, "SIGTERM", line);
}

/* " 3/12": the list header's position, with a space so 2/12 != 12/12. */
static const char *
pos(int n, int of)
{
	static char buf[32];

	snprintf(buf, sizeof(buf), " %d/%d", n, of);
	return buf;
}

static void
start_kiosk(const char *const *args, const char *const *extra, int rows,
    int cols)
{
	spawn(args, extra, rows, cols);
	WAIT_TEXT(t_vt, TITLE_START, T_WAIT);
	WAIT_TEXT(t_vt, pos(1, NALLIES), T_WAIT);
	settle(t_vt);
}

/* The browsing screen: the list pane's header starts row 1. */
static int
list_shown(struct vt *vt, const void *arg)
{
	(void)arg;
	return e2e_row_has(vt, 1, " Allies", 1);
}

/*
 * The QR overlay: the list is gone and a row holds just url (any
 * http(s) URL when url is NULL).
 */
static int
qr_shown(struct vt *vt, const void *url)
{
	char *t;
	int r, rows, found = 0;

	if (list_shown(vt, NULL))
		return 0;
	if (url != NULL)
		return e2e_find_row(vt, url) >= 0;
	vt_size(vt, &rows, NULL);
	for (r = 1; r < rows - 1 && !found; r++) {
		t = e2e_row_trim(vt, r);
		found = strncmp(t, "http", 4) == 0 && strchr(t, ' ') == NULL;
		free(t);
	}
	return found;
}

#define WAIT_QR(vt, url) wait_qr((vt), (url), __LINE__)
#define WAIT_LIST(vt) wait_list((vt), __LINE__)

static void
wait_qr(struct vt *vt, const char *url, int line)
{
	if (!e2e_until(vt, qr_shown, url, T_WAIT)) {
		e2e_dump(vt, "waiting for the code");
		fail_msg("line %d: no QR overlay for %s", line,
		    url != NULL ? url : "any URL");
	}
	settle(vt);
}

static void
wait_list(struct vt *vt, int line)
{
	if (!e2e_until(vt, list_shown, NULL, T_WAIT)) {
		e2e_dump(vt, "waiting for the list");
		fail_msg("line %d: the overlay did not close", line);
	}
	settle(vt);
}

/* ---- QR codes: read back off the screen (e2e/qrread.h) ---- */

/* Decode the code drawn in a region of the screen; it must read url. */
static void
decode_region(struct vt *vt, int top, int bottom, int left, int right,
    int ascii, const char *url, const char *tag)
{
	char why[160], *text;

	text = e2e_keep(qrread_region(vt, top, bottom, left, right, ascii,
	    t_dir, why, sizeof(why)));
	if (text == NULL || strcmp(text, url) != 0) {
		e2e_dump(vt, tag);
		fail_msg("%s: %s%s%s, want \"%s\"", tag, text != NULL ?
		    "the code decodes to \"" : why, text != NULL ? text : "",
		    text != NULL ? "\"" : "", url);
	}
}

/*
 * The QR overlay is up: check that name is above the code and url below
 * it, then decode the code.
 */
static void
check_qr(struct vt *vt, int ascii, const char *name, const char *url,
    const char *tag)
{
	int name_row, url_row, cols;

	settle(vt);
	vt_size(vt, NULL, &cols);
	url_row = e2e_find_row(vt, url);
	name_row = name != NULL ? e2e_find_row(vt, name) : 0;
	if (url_row < 0 || name_row < 0 || name_row >= url_row) {
		e2e_dump(vt, "QR overlay");
		fail_msg("%s: name \"%s\" (row %d) must be above the code and "
		    "the URL %s (row %d) below it", tag, name ? name : "",
		    name_row, url, url_row);
	}
	decode_region(vt, name_row + 1, url_row - 1, 0, cols - 1, ascii, url,
	    tag);
}

/* ---- data ---- */

struct ally {
	char	*name;
	char	*url;
};

static struct ally t_allies[64];
static int t_nallies;
static char t_become[512];

/* The allies from --list --format tsv (name, abbreviation, url). */
static void
load_allies(void)
{
	static const char *const args[] = { "--list", "--format", "tsv",
	    NULL };
	char *out, *line, *next, *t1 = NULL, *t2 = NULL;
	int status;

	if (t_nallies > 0)
		return;
	status = run_capture(args, 0, &out);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	for (line = out; *line != '\0' && t_nallies < 64; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if ((t1 = strchr(line, '\t')) == NULL ||
		    (t2 = strchr(t1 + 1, '\t')) == NULL)
			fail_msg("not name<TAB>abbreviation<TAB>url: %s", line);
		*t1 = '\0';
		t_allies[t_nallies].name = e2e_strdup(line);
		t_allies[t_nallies].url = e2e_strdup(t2 + 1);
		t_nallies++;
	}
	free(out);
	assert_int_equal(t_nallies, NALLIES);
}

/* program: become_ally_url from data/allies.yaml (the built-in data). */
static const char *
become_url(void)
{
	char *text, *p, *e;

	if (t_become[0] != '\0')
		return t_become;
	text = read_all("data/allies.yaml");
	if ((p = strstr(text, "become_ally_url:")) == NULL)
		fail_msg("data/allies.yaml has no become_ally_url");
	p += strlen("become_ally_url:");
	p += strspn(p, " \"'");
	e = p + strcspn(p, "\"'\r\n ");
	snprintf(t_become, sizeof(t_become), "%.*s", (int)(e - p), p);
	free(text);
	return t_become;
}

/* ---- fixtures ---- */

static int
group_setup(void **state)
{
	const char *bin = getenv("SMA_ALLIES_BIN"), *seed;
	const char *path, *trap;
	size_t i;
	static const char *const openers[] = { "xdg-open", "open",
	    "sensible-browser", "x-www-browser", "www-browser" };

	(void)state;
	snprintf(t_bin, sizeof(t_bin), "%s", bin != NULL && *bin != '\0' ?
	    bin : "build/asan/sma-allies");
	if (access(t_bin, X_OK) != 0) {
		fprintf(stderr, "test_kiosk: %s: %s\n", t_bin, strerror(errno));
		return -1;
	}
	seed = getenv("KIOSK_SEED");
	t_seed = seed != NULL && *seed != '\0' ? strtoul(seed, NULL, 10) :
	    20240607UL;
	if ((t_dir = e2e_tmpdir("sma-kiosk")) == NULL)
		return -1;
	/* Openers that leave a trace: none of them may ever run. */
	mkdir(e2e_fmt("%s/bin", t_dir), 0755);
	trap = e2e_fmt("#!/bin/sh\necho \"$0 $*\" >> '%s/ran'\n", t_dir);
	for (i = 0; i < sizeof(openers) / sizeof(openers[0]); i++) {
		path = e2e_fmt("%s/bin/%s", t_dir, openers[i]);
		write_file(path, trap);
		chmod(path, 0755);
	}
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static int
group_teardown(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < t_nallies; i++) {
		free(t_allies[i].name);
		free(t_allies[i].url);
	}
	e2e_rmtree(t_dir);
	free(t_dir);
	e2e_release();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	vt_free(t_vt);
	t_vt = NULL;
	e2e_release();
	return 0;
}

static const char *const KIOSK[] = { "--kiosk", NULL };

/* ---- no key quits or suspends ---- */

static void
test_keys_do_not_quit(void **state)
{
	static const char *const keys[] = { "q", "C-c", "C-z", "C-\\" };
	size_t i;

	(void)state;
	start_kiosk(KIOSK, NULL, 24, 80);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strlen(keys[i]) == 1)
			vt_sends(t_vt, keys[i]);
		else
			vt_key(t_vt, keys[i]);
		settle(t_vt);
		ASSERT_ALIVE(t_vt);
		if (!on_screen(t_vt, TITLE)) {
			e2e_dump(t_vt, keys[i]);
			fail_msg("after %s the title is gone", keys[i]);
		}
	}
	/* Nor do the signals behind those keys, sent by someone else. */
	vt_kill(t_vt, SIGTSTP);
	vt_kill(t_vt, SIGQUIT);
	settle(t_vt);
	ASSERT_ALIVE(t_vt);
	/* Still drawing: q typed a search; Esc clears it, the selection
	 * moves. */
	vt_key(t_vt, "Esc");
	settle(t_vt);
	vt_key(t_vt, "Down");
	WAIT_TEXT(t_vt, pos(2, NALLIES), T_WAIT);
	ASSERT_ALIVE(t_vt);
}

/* One random key: Esc, q, a printable, a control key or a key sequence. */
static const char *
random_key(char *buf)
{
	static const char *const seqs[] = {
		"\033[A", "\033[B", "\033[C", "\033[D", "\033OA", "\033OB",
		"\033[5~", "\033[6~", "\033[H", "\033[F", "\033[2~",
		"\033[3~", "\033OP", "\033[15~", "\033[24~", "\r", "\177",
		" ", "\033[1;5A", "\033[", "\033O",
	};
	unsigned k = rnd(100), c;

	if (k < 15)
		return "\033";
	if (k < 30)
		return "q";
	if (k < 45)
		return seqs[rnd(sizeof(seqs) / sizeof(seqs[0]))];
	if (k < 60) {
		/* Control keys, but not Tab: focus would change what j, g do. */
		do
			c = rnd(32);
		while (c == '\t' || c == 27);
		buf[0] = (char)c;
		buf[1] = '\0';
		return buf;
	}
	buf[0] = (char)(0x20 + rnd(0x5f));
	buf[1] = '\0';
	return buf;
}

/* Send n random keys, the NUL byte too, with bursts and pauses. */
static void
key_storm(struct vt *vt, int n)
{
	char buf[4];
	const char *k;
	int i;

	for (i = 0; i < n; i++) {
		k = random_key(buf);
		vt_send(vt, k, k[0] == '\0' ? 1 : strlen(k));
		if (rnd(8) == 0)
			vt_wait_quiet(vt, 30, 2000);
		else
			vt_pump(vt, 0);
	}
}

/* Back to the first screen: Esc leaves any bar or overlay, Esc clears
 * the filter, Home selects the first ally. */
static void
back_to_start(struct vt *vt)
{
	vt_key(vt, "Esc");
	settle(vt);
	vt_key(vt, "Esc");
	settle(vt);
	vt_key(vt, "Home");
	settle(vt);
}

static void
test_key_storm(void **state)
{
	(void)state;
	rnd_seed("key storm");
	start_kiosk(KIOSK, NULL, 24, 80);
	key_storm(t_vt, 200);
	settle(t_vt);
	ASSERT_ALIVE(t_vt);
	back_to_start(t_vt);
	ASSERT_ALIVE(t_vt);
	if (!on_screen(t_vt, TITLE)) {
		e2e_dump(t_vt, "after the storm");
		fail_msg("the title is gone after the storm");
	}
	WAIT_TEXT(t_vt, pos(1, NALLIES), T_WAIT);
	vt_key(t_vt, "Down");
	WAIT_TEXT(t_vt, pos(2, NALLIES), T_WAIT);
	ASSERT_ALIVE(t_vt);
	END_CLEANLY(t_vt);
}

/* ---- the operator's signals end it, cleanly ---- */

/* memmem(3) without _GNU_SOURCE: the last occurrence, or NULL. */
static const char *
mem_last(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	if (n == 0 || n > len)
		return NULL;
	for (i = len - n + 1; i-- > 0;)
		if (memcmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

/* The terminal's own string for a capability, or NULL. */
static const char *
cap(const char *name)
{
	static int ready;
	char buf[16];
	const char *s;
	int err;

	if (!ready) {
		if (setupterm("xterm-256color", -1, &err) != OK)
			fail_msg("no terminfo entry for xterm-256color");
		ready = 1;
	}
	snprintf(buf, sizeof(buf), "%s", name);
	s = tigetstr(buf);
	return s == NULL || s == (char *)-1 || *s == '\0' ? NULL : s;
}

/*
 * What endwin() sends for xterm-256color: after the last time it entered
 * the alternate screen (smcup), the output leaves it (rmcup, "\033[?1049l"),
 * shows the cursor again (cnorm) and resets the keypad mode (rmkx); and
 * after rmcup nothing but control sequences follows.
 */
static void
check_restored(const char *out, size_t len)
{
	static const char *const caps[] = { "rmcup", "cnorm", "rmkx" };
	const char *smcup = cap("smcup"), *rmcup = cap("rmcup"), *enter, *p,
	    *c;
	size_t i;

	assert_non_null(smcup);
	assert_non_null(rmcup);
	if ((enter = mem_last(out, len, smcup)) == NULL)
		fail_msg("the kiosk never entered the alternate screen");
	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		if ((c = cap(caps[i])) == NULL)
			fail_msg("xterm-256color has no %s to check", caps[i]);
		if (mem_last(enter, len - (size_t)(enter - out), c) == NULL)
			fail_msg("the terminal was not restored: no %s after "
			    "the alternate screen was entered", caps[i]);
	}
	p = mem_last(enter, len - (size_t)(enter - out), rmcup);
	for (p += strlen(rmcup); p < out + len; p++) {
		if (*p == '\033' && p + 1 < out + len && p[1] == '[') {
			/* CSI: parameters, intermediates, a final byte. */
			for (p += 2; p < out + len &&
			    (unsigned char)*p >= 0x20 &&
			    (unsigned char)*p < 0x40; p++)
				;
			continue;
		}
		if (*p == '\033' && p + 1 < out + len) {
			/* ESC, intermediates (as in ESC ( B), a final byte. */
			for (p++; p + 1 < out + len &&
			    (unsigned char)*p >= 0x20 &&
			    (unsigned char)*p < 0x30; p++)
				;
			continue;
		}
		if ((unsigned char)*p >= 0x20 && *p != 0x7f)
			fail_msg("drawn after leaving the alternate screen: "
			    "\"%.40s\"", p);
	}
}

static void
signal_ends_cleanly(int sig)
{
	const char *out;
	size_t len;

	start_kiosk(KIOSK, NULL, 24, 80);
	vt_kill(t_vt, sig);
	EXITS_CLEANLY(t_vt, e2e_fmt("signal %d", sig));
	out = vt_output(t_vt, &len);
	check_restored(out, len);
}

static void
test_sigterm(void **state)
{
	(void)state;
	signal_ends_cleanly(SIGTERM);
}

static void
test_sighup(void **state)
{
	(void)state;
	signal_ends_cleanly(SIGHUP);
}

static void
test_sigint(void **state)
{
	(void)state;
	signal_ends_cleanly(SIGINT);
}

/* ---- no external program, a code to scan instead ---- */

static void
assert_no_trace(const char *why)
{
	const char *path = e2e_fmt("%s/ran", t_dir);

	if (access(path, F_OK) == 0) {
		char *t = e2e_keep(read_all(path));

		fail_msg("%s started a program: %s", why, t);
	}
}

/* The QR overlay is open for ally i: its name, URL and hint. */
static void
expect_qr_for(struct vt *vt, const char *name, const char *url)
{
	WAIT_QR(vt, url);
	if (e2e_find_row(vt, name) < 0 || e2e_find_row(vt, url) < 0) {
		e2e_dump(vt, "QR overlay");
		fail_msg("the overlay does not show \"%s\" and %s", name, url);
	}
}

static void
test_never_runs_browser(void **state)
{
	const char *browser = e2e_fmt("%s/browser.sh", t_dir);
	const char *extra[] = { e2e_fmt("BROWSER=%s", browser), NULL };
	const char *const args[] = { "--kiosk", NULL };

	(void)state;
	load_allies();
	write_file(browser, e2e_fmt("#!/bin/sh\nfor a in \"$0\" \"$@\"; "
	    "do echo \"$a\"; done >> '%s/ran'\n", t_dir));
	chmod(browser, 0755);
	start_kiosk(args, extra, 24, 80);

	/* Enter: a code for the selected ally; any key closes it, only that. */
	vt_key(t_vt, "Enter");
	expect_qr_for(t_vt, t_allies[0].name, t_allies[0].url);
	vt_key(t_vt, "Down");
	WAIT_LIST(t_vt);
	settle(t_vt);
	if (!on_screen(t_vt, pos(1, NALLIES))) {
		e2e_dump(t_vt, "after closing the code with j");
		fail_msg("the key that closed the code also moved the "
		    "selection");
	}

	/* F3: the program's Become-an-Ally page. */
	vt_key(t_vt, "F3");
	expect_qr_for(t_vt, "Become an Ally", become_url());
	vt_sends(t_vt, "q");
	WAIT_LIST(t_vt);
	ASSERT_ALIVE(t_vt);

	/* Enter on the second ally. */
	vt_key(t_vt, "Down");
	WAIT_TEXT(t_vt, pos(2, NALLIES), T_WAIT);
	vt_key(t_vt, "Enter");
	expect_qr_for(t_vt, t_allies[1].name, t_allies[1].url);
	vt_sends(t_vt, "x");
	WAIT_LIST(t_vt);

	/* A double click on the third ally's row (list rows start at 2). */
	vt_mouse(t_vt, VT_PRESS, 0, 4, 5);
	vt_mouse(t_vt, VT_RELEASE, 0, 4, 5);
	vt_mouse(t_vt, VT_PRESS, 0, 4, 5);
	vt_mouse(t_vt, VT_RELEASE, 0, 4, 5);
	expect_qr_for(t_vt, t_allies[2].name, t_allies[2].url);
	vt_sends(t_vt, "x");
	WAIT_LIST(t_vt);

	/* Give a detached opener time to leave its trace. */
	vt_wait_quiet(t_vt, 1000, 3000);
	ASSERT_ALIVE(t_vt);
	assert_no_trace("o, b, Enter or a double click");
	END_CLEANLY(t_vt);
}

/* ---- the staff PIN ---- */

/* The status row (the last) holds none of these characters. */
static void
assert_row_lacks(struct vt *vt, int row, const char *chars)
{
	char *s = e2e_keep(vt_row(vt, row));

	if (strpbrk(s, chars) != NULL) {
		e2e_dump(vt, "PIN prompt");
		fail_msg("row %d shows a PIN digit: %s", row, s);
	}
}

static void
test_pin_file_exits(void **state)
{
	const char *pinfile = e2e_fmt("%s/pin", t_dir), *out;
	const char *args[] = { "--kiosk", "--staff-pin-file", pinfile, NULL };
	size_t mark, len;

	(void)state;
	write_file(pinfile, "246813\n");
	start_kiosk(args, NULL, 24, 80);
	(void)vt_output(t_vt, &mark);

	vt_key(t_vt, "C-]");
	WAIT_TEXT(t_vt, PIN_PROMPT, T_WAIT);
	vt_sends(t_vt, "246");
	WAIT_TEXT(t_vt, PIN_PROMPT " ***", T_WAIT);
	assert_row_lacks(t_vt, 23, "123468");
	vt_sends(t_vt, "813");
	WAIT_TEXT(t_vt, PIN_PROMPT " ******", T_WAIT);
	settle(t_vt);
	assert_row_lacks(t_vt, 23, "123468");
	if (on_screen(t_vt, "246813") || on_screen(t_vt, "*******")) {
		e2e_dump(t_vt, "PIN prompt");
		fail_msg("the prompt shows the PIN or too many stars");
	}
	out = vt_output(t_vt, &len);
	if (mem_last(out + mark, len - mark, "246813") != NULL)
		fail_msg("the PIN went to the terminal");
	ASSERT_ALIVE(t_vt);

	vt_key(t_vt, "Enter");
	EXITS_CLEANLY(t_vt, "the right PIN");
	out = vt_output(t_vt, &len);
	if (mem_last(out + mark, len - mark, "246813") != NULL)
		fail_msg("the PIN went to the terminal");
	check_restored(out, len);
}

static void
wrong_pin(struct vt *vt, const char *pin)
{
	vt_key(vt, "C-]");
	WAIT_TEXT(vt, PIN_PROMPT, T_WAIT);
	vt_sends(vt, pin);
	WAIT_TEXT(vt, "******", T_WAIT);
	vt_key(vt, "Enter");
	WAIT_GONE(vt, PIN_PROMPT, T_WAIT);
	settle(vt);
	ASSERT_ALIVE(vt);
	if (!on_screen(vt, TITLE)) {
		e2e_dump(vt, "after a wrong PIN");
		fail_msg("the browser is gone after a wrong PIN");
	}
}

static void
test_pin_wrong_and_lockout(void **state)
{
	const char *pinfile = e2e_fmt("%s/pin", t_dir);
	const char *args[] = { "--kiosk", "--staff-pin-file", pinfile, NULL };
	long long t0;
	int opened = 0;

	(void)state;
	write_file(pinfile, "246813\n");
	start_kiosk(args, NULL, 24, 80);

	/* Esc closes the prompt. */
	vt_key(t_vt, "C-]");
	WAIT_TEXT(t_vt, PIN_PROMPT, T_WAIT);
	vt_sends(t_vt, "246");
	vt_key(t_vt, "Esc");
	WAIT_GONE(t_vt, PIN_PROMPT, T_WAIT);
	ASSERT_ALIVE(t_vt);

	/* A wrong PIN (also a prefix and an extension of the right one). */
	wrong_pin(t_vt, "111111");
	wrong_pin(t_vt, "2468139");
	t0 = vt_now_ms();
	wrong_pin(t_vt, "246812");

	/* Three wrong tries: the prompt refuses for a while. */
	vt_key(t_vt, "C-]");
	WAIT_TEXT(t_vt, "wait", T_WAIT);
	settle(t_vt);
	if (on_screen(t_vt, PIN_PROMPT)) {
		e2e_dump(t_vt, "locked out");
		fail_msg("the prompt opens after three wrong PINs");
	}
	ASSERT_ALIVE(t_vt);

	/* It opens again later, and then the right PIN works. */
	while (!opened && vt_now_ms() - t0 < 70000) {
		vt_key(t_vt, "Esc");
		vt_wait_quiet(t_vt, 400, 2000);
		vt_key(t_vt, "C-]");
		opened = vt_wait_text(t_vt, PIN_PROMPT, 600);
	}
	if (!opened)
		fail_msg("the prompt never opened again after a lockout");
	printf("# lockout after 3 wrong PINs lasted about %lld ms\n",
	    vt_now_ms() - t0);
	vt_sends(t_vt, "246813");
	WAIT_TEXT(t_vt, "******", T_WAIT);
	vt_key(t_vt, "Enter");
	EXITS_CLEANLY(t_vt, "the right PIN after a lockout");
}

static void
test_pin_env(void **state)
{
	static const char *const extra[] = { "SMA_ALLIES_STAFF_PIN=135792",
	    NULL };

	(void)state;
	start_kiosk(KIOSK, extra, 24, 80);
	vt_key(t_vt, "C-]");
	WAIT_TEXT(t_vt, PIN_PROMPT, T_WAIT);
	vt_sends(t_vt, "135792");
	WAIT_TEXT(t_vt, "******", T_WAIT);
	assert_row_lacks(t_vt, 23, "123579");
	vt_key(t_vt, "Enter");
	EXITS_CLEANLY(t_vt, "the PIN from SMA_ALLIES_STAFF_PIN");
}

static void
test_no_pin_no_prompt(void **state)
{
	(void)state;
	start_kiosk(KIOSK, NULL, 24, 80);
	vt_key(t_vt, "C-]");
	vt_wait_quiet(t_vt, 500, T_WAIT);
	if (on_screen(t_vt, "PIN")) {
		e2e_dump(t_vt, "Ctrl-] without a PIN");
		fail_msg("Ctrl-] opened a prompt although no PIN is set");
	}
	vt_sends(t_vt, "246813");
	vt_key(t_vt, "Enter");
	vt_wait_quiet(t_vt, 500, T_WAIT);
	ASSERT_ALIVE(t_vt);
	assert_true(on_screen(t_vt, TITLE));
}

static void
test_pin_file_unreadable(void **state)
{
	const char *f[] = { e2e_fmt("%s/no-such-pin", t_dir),
	    e2e_fmt("%s/bin", t_dir), e2e_fmt("%s/empty-pin", t_dir) };
	const char *args[] = { "--kiosk", "--staff-pin-file", NULL, NULL };
	const char *o;
	char *out;
	size_t i, len;
	int status;

	(void)state;
	write_file(f[2], "\n");
	for (i = 0; i < 3; i++) {
		args[2] = f[i];
		spawn(args, NULL, 24, 80);
		status = 0;
		if (!vt_wait_exit(t_vt, T_WAIT, &status)) {
			e2e_dump(t_vt, f[i]);
			fail_msg("a kiosk with PIN file %s started", f[i]);
		}
		o = vt_output(t_vt, &len);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 2)
			fail_msg("PIN file %s: status %#x, want exit 2; "
			    "output: %s", f[i], status, o);
		if (strstr(o, f[i]) == NULL)
			fail_msg("PIN file %s: the message does not name it: "
			    "%s", f[i], o);
		if (strstr(o, "\033[?1049h") != NULL || strstr(o, TITLE))
			fail_msg("PIN file %s: the browser started before "
			    "the error", f[i]);
		out = e2e_strdup(o);
		printf("# %s\n", strtok(out, "\r\n"));
		free(out);
		vt_free(t_vt);
		t_vt = NULL;
	}
}

/* ---- the QR codes decode to the URLs ---- */

static void
decode_all(int rows, int cols, const char *const *extra, int ascii,
    const char *tag)
{
	char t[64];
	int i;

	load_allies();
	start_kiosk(KIOSK, extra, rows, cols);
	for (i = 0; i < t_nallies; i++) {
		if (i > 0) {
			vt_key(t_vt, "Down");
			WAIT_TEXT(t_vt, pos(i + 1, t_nallies), T_WAIT);
		}
		vt_key(t_vt, "Enter");
		WAIT_QR(t_vt, t_allies[i].url);
		snprintf(t, sizeof(t), "%s-%d", tag, i + 1);
		check_qr(t_vt, ascii, t_allies[i].name, t_allies[i].url, t);
		vt_sends(t_vt, "x");
		WAIT_LIST(t_vt);
	}
	/* Home goes back to the first, F3 shows the Become-an-Ally page. */
	vt_key(t_vt, "Home");
	WAIT_TEXT(t_vt, pos(1, t_nallies), T_WAIT);
	vt_key(t_vt, "F3");
	WAIT_QR(t_vt, become_url());
	snprintf(t, sizeof(t), "%s-become", tag);
	check_qr(t_vt, ascii, "Become an Ally", become_url(), t);
	vt_sends(t_vt, "x");
	WAIT_LIST(t_vt);
	END_CLEANLY(t_vt);
}

static void
test_qr_decodes_80x24(void **state)
{
	(void)state;
	decode_all(24, 80, NULL, 0, "80x24");
}

static void
test_qr_decodes_200x60(void **state)
{
	(void)state;
	decode_all(60, 200, NULL, 0, "200x60");
}

static void
test_qr_decodes_ascii_200x60(void **state)
{
	static const char *const extra[] = { "LC_ALL=C", NULL };

	(void)state;
	decode_all(60, 200, extra, 1, "ascii-200x60");
}

/* Without colours the code is drawn for light text on a dark screen. */
static void
test_qr_decodes_no_color(void **state)
{
	static const char *const utf8[] = { "NO_COLOR=1", NULL };
	static const char *const ascii[] = { "NO_COLOR=1", "LC_ALL=C", NULL };

	(void)state;
	load_allies();
	start_kiosk(KIOSK, utf8, 24, 80);
	vt_key(t_vt, "End");
	WAIT_TEXT(t_vt, pos(NALLIES, NALLIES), T_WAIT);
	vt_key(t_vt, "Enter");
	WAIT_QR(t_vt, t_allies[NALLIES - 1].url);
	check_qr(t_vt, 0, t_allies[NALLIES - 1].name,
	    t_allies[NALLIES - 1].url, "nocolor-80x24");
	vt_free(t_vt);
	t_vt = NULL;

	start_kiosk(KIOSK, ascii, 60, 200);
	vt_key(t_vt, "Enter");
	WAIT_QR(t_vt, t_allies[0].url);
	check_qr(t_vt, 1, t_allies[0].name, t_allies[0].url,
	    "nocolor-ascii-200x60");
}

static void
test_qr_too_small(void **state)
{
	(void)state;
	load_allies();
	start_kiosk(KIOSK, NULL, 15, 40);
	vt_key(t_vt, "Enter");
	WAIT_TEXT(t_vt, "Enlarge the terminal", T_WAIT);
	/* The URL is still there in text. */
	WAIT_TEXT(t_vt, t_allies[0].url, T_WAIT);
	vt_sends(t_vt, "x");
	WAIT_GONE(t_vt, "Enlarge the terminal", T_WAIT);
	/* Made larger while the code is up, it shows the code. */
	vt_key(t_vt, "F3");
	WAIT_TEXT(t_vt, "Enlarge the terminal", T_WAIT);
	vt_resize(t_vt, 24, 80);
	WAIT_GONE(t_vt, "Enlarge the terminal", T_WAIT);
	WAIT_QR(t_vt, become_url());
	check_qr(t_vt, 0, "Become an Ally", become_url(),
	    "enlarged-become");
	END_CLEANLY(t_vt);
}

/* ---- idle: countdown, reset, attract loop ---- */

/*
 * --idle 3: the countdown takes the last half of the idle time, at most
 * five seconds, so it shows after 2 s and the reset comes at 3 s.  The
 * tests of the list's loop run one row short of the attract screen's
 * 80x24 (tests/e2e/test_visitor.c has that screen), where the loop
 * steps through the list and a key acts at once.
 */
#define LOOP_ROWS	23
static const char *const IDLE[] = { "--kiosk", "--idle", "3", "--cycle",
    "1", NULL };

/* Wait for the attract loop to begin; fails on a timeout. */
static long long
wait_attract(struct vt *vt)
{
	WAIT_TEXT(vt, WELCOME, 1000 + 5000 + T_WAIT);
	return vt_now_ms();
}

/* The search bar is open and empty: "/" and the count, nothing else. */
static void
assert_bar_empty(struct vt *vt, int rows)
{
	char *s = e2e_keep(e2e_row_trim(vt, rows - 1)), expect[32];

	snprintf(expect, sizeof(expect), "%d/%d", NALLIES, NALLIES);
	if (s[0] != '/' || strncmp(s + 1 + strspn(s + 1, " "), expect,
	    strlen(expect)) != 0 || strstr(s, "nurs") != NULL) {
		e2e_dump(vt, "search bar");
		fail_msg("the search bar is not empty: \"%s\"", s);
	}
}

/* Pump until the last row is the search bar (starts with "/"). */
static int
wait_bar(struct vt *vt, int ms)
{
	return e2e_wait_row(vt, -1, "/", 1, 1, ms);
}

static void
test_idle_reset_and_attract(void **state)
{
	long long t_key, t_count, t_prev, t;
	int i;
	char *title;

	(void)state;
	start_kiosk(IDLE, NULL, LOOP_ROWS, 80);
	/* A visitor searches, then opens a code and walks away. */
	vt_sends(t_vt, "nurs");
	WAIT_TEXT(t_vt, "/nurs/", T_WAIT);
	vt_key(t_vt, "Enter");
	t_key = vt_now_ms();
	WAIT_QR(t_vt, NULL);

	WAIT_TEXT(t_vt, COUNTDOWN, 4000 + T_WAIT);
	t_count = vt_now_ms();
	printf("# countdown after %lld ms idle\n", t_count - t_key);
	if (t_count - t_key < 1700 || t_count - t_key > 3500)
		fail_msg("the countdown came after %lld ms, want about 2 s",
		    t_count - t_key);

	t_prev = wait_attract(t_vt);
	printf("# reset after %lld ms of countdown\n", t_prev - t_count);
	/* The contract: back to the start after --idle seconds. */
	if (t_prev - t_key < 2700 || t_prev - t_key > 4500)
		fail_msg("the reset came %lld ms after the last key, want "
		    "about 3 s", t_prev - t_key);
	settle(t_vt);
	title = e2e_keep(vt_row(t_vt, 0));
	if (!on_screen(t_vt, pos(1, NALLIES)) || strstr(title, "/nurs") ||
	    !strstr(title, "12 allies") || !list_shown(t_vt, NULL) ||
	    on_screen(t_vt, "Scan with")) {
		e2e_dump(t_vt, "after the reset");
		fail_msg("the reset did not clear the filter, close the code "
		    "and select the first ally");
	}

	/* Then one ally after another, in order, a second each. */
	for (i = 2; i <= 5; i++) {
		WAIT_TEXT(t_vt, pos(i, NALLIES), 1000 + T_WAIT);
		t = vt_now_ms();
		if (!on_screen(t_vt, WELCOME)) {
			e2e_dump(t_vt, "attract");
			fail_msg("no welcome line while cycling");
		}
		if (on_screen(t_vt, pos(i - 1, NALLIES))) {
			e2e_dump(t_vt, "attract");
			fail_msg("two positions at once");
		}
		printf("# ally %d after %lld ms\n", i, t - t_prev);
		if (t - t_prev < 500 || t - t_prev > 2000)
			fail_msg("ally %d came %lld ms after the previous, "
			    "want about 1 s", i, t - t_prev);
		t_prev = t;
	}

	/* A key stops the loop and is acted on: a letter types into the bar. */
	vt_sends(t_vt, "n");
	t = vt_now_ms();
	if (!wait_bar(t_vt, T_WAIT)) {
		e2e_dump(t_vt, "n in the attract loop");
		fail_msg("n in the attract loop did not open the search bar");
	}
	printf("# search bar open %lld ms after n\n", vt_now_ms() - t);
	if (vt_now_ms() - t > 900)
		fail_msg("the search bar took %lld ms to open",
		    vt_now_ms() - t);
	settle(t_vt);
	if (on_screen(t_vt, WELCOME) || !e2e_row_has(t_vt, -1, "/n ", 1)) {
		e2e_dump(t_vt, "n in the attract loop");
		fail_msg("the welcome line stayed after a key, or the key is "
		    "not in the bar");
	}
	vt_key(t_vt, "Backspace");
	settle(t_vt);
	assert_bar_empty(t_vt, LOOP_ROWS);
	/* The last visitor's search is not in the history. */
	vt_key(t_vt, "Up");
	settle(t_vt);
	assert_bar_empty(t_vt, LOOP_ROWS);
	if (on_screen(t_vt, "nurs")) {
		e2e_dump(t_vt, "history after the reset");
		fail_msg("the search history survived the reset");
	}
	END_CLEANLY(t_vt);
}

/*
 * In the list's attract loop at 79x60 (too narrow for the attract
 * screen) the description pane has room for the "Become an Ally" code
 * under the ally of the moment: it must decode.
 * Then a key stops the loop and is acted on: Down moves on from the ally
 * shown at that moment, at once.
 */
static void
test_attract_key_acts(void **state)
{
	char *s;
	int at, cap_row = 0, sep_col = 0;

	(void)state;
	start_kiosk(IDLE, NULL, 60, 79);
	vt_key(t_vt, "Down");
	vt_key(t_vt, "Down");
	WAIT_TEXT(t_vt, pos(3, NALLIES), T_WAIT);
	wait_attract(t_vt);
	WAIT_TEXT(t_vt, pos(2, NALLIES), 1000 + T_WAIT);
	settle(t_vt);
	if (!vt_find(t_vt, "Become an Ally: scan this code", &cap_row, NULL) ||
	    !vt_find(t_vt, "\xe2\x94\x82", NULL, &sep_col)) {
		e2e_dump(t_vt, "attract");
		fail_msg("no Become-an-Ally code beside the list in the "
		    "attract loop at 79x60");
	}
	decode_region(t_vt, cap_row + 1, 58, sep_col + 1, 78, 0,
	    become_url(), "attract-become");

	/*
	 * Whichever ally it is on now, Down moves on from there at once: just
	 * after a step, so that the next one is a second away.
	 */
	s = e2e_keep(vt_row(t_vt, 1));
	if (!vt_wait_gone(t_vt, s, 1000 + T_WAIT)) {
		e2e_dump(t_vt, "attract");
		fail_msg("the attract loop stopped stepping");
	}
	settle(t_vt);
	for (at = 1; at <= NALLIES && !on_screen(t_vt, pos(at, NALLIES));
	    at++)
		;
	assert_true(at < NALLIES);
	vt_key(t_vt, "Down");
	WAIT_TEXT(t_vt, pos(at + 1, NALLIES), 600);
	WAIT_GONE(t_vt, WELCOME, T_WAIT);
	/* And the loop has stopped: no step in the next 1.6 s. */
	vt_wait_quiet(t_vt, 1600, 1600);
	vt_wait_quiet(t_vt, 100, 1000);
	if (!on_screen(t_vt, pos(at + 1, NALLIES)) ||
	    on_screen(t_vt, WELCOME)) {
		e2e_dump(t_vt, "after a key in attract");
		fail_msg("the attract loop went on after a key");
	}
	s = e2e_keep(vt_row(t_vt, 59));
	printf("# status after the key: %s\n", s);
	END_CLEANLY(t_vt);
}

/*
 * A visitor who walks away with the search bar open is warned too: the
 * countdown shows although the bar holds the bottom line, and the reset
 * closes the bar and forgets what was typed.
 */
static void
test_idle_countdown_over_search_bar(void **state)
{
	long long t_key;

	(void)state;
	start_kiosk(IDLE, NULL, LOOP_ROWS, 80);
	vt_sends(t_vt, "nurs");
	WAIT_TEXT(t_vt, "/nurs/", T_WAIT);
	t_key = vt_now_ms();
	if (!vt_wait_text(t_vt, COUNTDOWN, 4000)) {
		e2e_dump(t_vt, "idle with the search bar open");
		/* Let the reset happen before failing, to check the rest. */
		wait_attract(t_vt);
		fail_msg("no countdown within 4 s of idle while the search "
		    "bar is open (reset came after %lld ms without warning)",
		    vt_now_ms() - t_key);
	}
	wait_attract(t_vt);
	settle(t_vt);
	if (on_screen(t_vt, "nurs") || !on_screen(t_vt, pos(1, NALLIES))) {
		e2e_dump(t_vt, "after the reset");
		fail_msg("the reset kept the search bar's pattern");
	}
	vt_sends(t_vt, "n");
	if (!wait_bar(t_vt, T_WAIT))
		fail_msg("n did not open the search bar");
	vt_key(t_vt, "Backspace");
	vt_key(t_vt, "Up");
	settle(t_vt);
	assert_bar_empty(t_vt, LOOP_ROWS);
	END_CLEANLY(t_vt);
}

/* ---- reloading the data file in a kiosk ---- */

static const char EXTRA_ALLY[] =
    "\n  - name: Kiosk Test Ally\n"
    "    url: https://example.org/kiosk-test\n"
    "    description: Added while the kiosk was running.\n";

static void
test_reload(void **state)
{
	const char *path = e2e_fmt("%s/a.yaml", t_dir), *more;
	const char *args[] = { "--kiosk", "-d", path, NULL };
	const char *cargs[] = { "--check", path, NULL };
	char *orig, *check, *p, *e = NULL, expect[256];
	size_t n;
	int status;

	(void)state;
	orig = e2e_keep(read_all("data/allies.yaml"));
	n = strlen(orig);
	more = e2e_fmt("%s%s%s", orig, n > 0 && orig[n - 1] == '\n' ? "" :
	    "\n", EXTRA_ALLY);
	write_file(path, orig);
	start_kiosk(args, NULL, 24, 80);
	WAIT_TEXT(t_vt, "12 allies", T_WAIT);

	/* One more ally, written in place. */
	write_file(path, more);
	WAIT_TEXT(t_vt, "13 allies", T_WAIT);
	WAIT_TEXT(t_vt, "Kiosk Test Ally", T_WAIT);
	WAIT_TEXT(t_vt, pos(1, 13), T_WAIT);

	/* Invalid YAML: the old data stays and the status says where. */
	replace_file(path, "program:\n  name: Broken\nallies:\n"
	    "  - name: [unclosed\n    url: https://example.org/\n");
	status = run_capture(cargs, 1, &check);
	e2e_keep(check);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 2);
	/* "PATH:LINE:COL:" from --check is what the status must show. */
	if ((p = strstr(check, "a.yaml:")) == NULL ||
	    (e = strstr(p, ": error")) == NULL)
		fail_msg("--check on broken YAML said: %s", check);
	snprintf(expect, sizeof(expect), "%.*s", (int)(e - p), p);
	WAIT_TEXT(t_vt, expect, T_WAIT);
	settle(t_vt);
	if (!on_screen(t_vt, "13 allies") ||
	    !on_screen(t_vt, "Kiosk Test Ally")) {
		e2e_dump(t_vt, "after a bad reload");
		fail_msg("a bad reload dropped the data");
	}
	printf("# warning shown: %s\n", expect);
	ASSERT_ALIVE(t_vt);

	/* Deleted: the data stays, with a warning. */
	unlink(path);
	WAIT_TEXT(t_vt, "a.yaml: No such file", T_WAIT);
	settle(t_vt);
	assert_true(on_screen(t_vt, "13 allies"));
	ASSERT_ALIVE(t_vt);

	/* Fixed: back to the twelve. */
	replace_file(path, orig);
	WAIT_TEXT(t_vt, "12 allies", T_WAIT);
	WAIT_GONE(t_vt, "Kiosk Test Ally", T_WAIT);
	WAIT_TEXT(t_vt, "Reloaded", T_WAIT);
	END_CLEANLY(t_vt);
}

/* ---- storms of resizes and keys ---- */

/* The screen is first again, else fail with what, showing it after when. */
static void
assert_screen(struct vt *vt, const char *first, const char *when,
    const char *what)
{
	char *now = e2e_keep(vt_screen(vt));

	if (strcmp(first, now) != 0) {
		fprintf(stderr, "---- before ----\n%s\n", first);
		e2e_dump(vt, when);
		fail_msg("%s", what);
	}
}

static void
test_resize_storm(void **state)
{
	char *first;
	int i, r, c;

	(void)state;
	rnd_seed("resize storm");
	start_kiosk(KIOSK, NULL, 24, 80);
	first = e2e_keep(vt_screen(t_vt));
	for (i = 0; i < 200; i++) {
		switch (i % 10) {
		case 0:
			r = c = 1;
			break;
		case 1:
			r = 1 + (int)rnd(3);
			c = 1 + (int)rnd(300);
			break;
		case 2:
			r = 1 + (int)rnd(100);
			c = 1 + (int)rnd(3);
			break;
		default:
			r = 1 + (int)rnd(80);
			c = 1 + (int)rnd(250);
			break;
		}
		vt_resize(t_vt, r, c);
		if (rnd(4) == 0)
			vt_wait_quiet(t_vt, 20, 2000);
		else
			vt_pump(t_vt, 0);
	}
	vt_resize(t_vt, 1, 1);
	vt_wait_quiet(t_vt, 50, 2000);
	vt_resize(t_vt, 24, 80);
	WAIT_TEXT(t_vt, TITLE, T_WAIT);
	WAIT_TEXT(t_vt, pos(1, NALLIES), T_WAIT);
	settle(t_vt);
	ASSERT_ALIVE(t_vt);
	assert_screen(t_vt, first, "after the resize storm",
	    "after the resizes the screen is not the first one");
	vt_key(t_vt, "Down");
	WAIT_TEXT(t_vt, pos(2, NALLIES), T_WAIT);
	END_CLEANLY(t_vt);
}

/*
 * A terminal that shrinks and grows back before the kiosk looks (a
 * window manager flapping, or the kiosk busy for a moment) has lost what
 * was outside the small size; the kiosk finds its old size again and
 * must still repaint everything, not just what changed.
 */
static void
test_resize_flap(void **state)
{
	char *first;

	(void)state;
	start_kiosk(KIOSK, NULL, 24, 80);
	first = e2e_keep(vt_screen(t_vt));
	vt_resize(t_vt, 1, 1);
	vt_resize(t_vt, 24, 80);
	vt_wait_quiet(t_vt, 300, T_WAIT);
	assert_screen(t_vt, first, "after 1x1 and back at once",
	    "after shrinking to 1x1 and growing back at once the screen is "
	    "not repainted");

	/* The same while it is stopped, so it cannot see the small size. */
	kill(vt_pid(t_vt), SIGSTOP);
	vt_resize(t_vt, 3, 10);
	vt_resize(t_vt, 24, 80);
	kill(vt_pid(t_vt), SIGCONT);
	vt_wait_quiet(t_vt, 300, T_WAIT);
	assert_screen(t_vt, first, "after 3x10 and back while stopped",
	    "after a resize and back while stopped the screen is not "
	    "repainted");
	END_CLEANLY(t_vt);
}

static void
test_random_keys(void **state)
{
	char *first;

	(void)state;
	rnd_seed("random keys");
	start_kiosk(KIOSK, NULL, 24, 80);
	first = e2e_keep(vt_screen(t_vt));
	key_storm(t_vt, 1000);
	settle(t_vt);
	ASSERT_ALIVE(t_vt);
	back_to_start(t_vt);
	ASSERT_ALIVE(t_vt);
	/* A message the keys left goes 4 s after it came. */
	vt_wait_text(t_vt, "F1 help", 9000);
	settle(t_vt);
	assert_screen(t_vt, first, "after 1000 keys, Esc, Esc, Home",
	    "1000 keys left something behind");
	assert_no_trace("random keys");
	END_CLEANLY(t_vt);
}

#define T(f) cmocka_unit_test_teardown(f, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_keys_do_not_quit),
		T(test_key_storm),
		T(test_sigterm),
		T(test_sighup),
		T(test_sigint),
		T(test_never_runs_browser),
		T(test_pin_file_exits),
		T(test_pin_wrong_and_lockout),
		T(test_pin_env),
		T(test_no_pin_no_prompt),
		T(test_pin_file_unreadable),
		T(test_qr_decodes_80x24),
		T(test_qr_decodes_200x60),
		T(test_qr_decodes_ascii_200x60),
		T(test_qr_decodes_no_color),
		T(test_qr_too_small),
		T(test_idle_reset_and_attract),
		T(test_attract_key_acts),
		T(test_idle_countdown_over_search_bar),
		T(test_reload),
		T(test_resize_storm),
		T(test_resize_flap),
		T(test_random_keys),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
