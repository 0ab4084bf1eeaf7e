/*
 * test_public.c - end-to-end tests of the public mode (--public), the
 * browser handed to strangers over SSH, on a real pseudo-terminal.
 *
 * First the program alone, as ForceCommand starts it: q and Ctrl-C end
 * it (Ctrl-Z and Ctrl-\ do nothing), a TERM that is a path, 10 KB long,
 * unknown or unable to move the cursor still gives a working screen, the
 * environment's terminfo search path, home, data file and BROWSER are
 * ignored, no program is ever run (a code to scan instead, and OSC 52),
 * no search history is read or kept, a window of 10,000 x 10,000 leaves
 * the memory of the process bounded and a larger-than-drawn one gets a
 * note, a megabyte typed into the search bar is cut, a hung-up terminal
 * (SIGHUP, or EIO without one) ends it at once, --idle ends it with a
 * goodbye, and its watchdog ends it when even that cannot run; without
 * a terminal, or without readable data, it says no more than it must.
 *
 * Then through OpenSSH: tests/ssh/sshd.sh starts a private sshd on
 * 127.0.0.1 with the shipped data/ssh/sshd_config (rewritten only for
 * ports, paths and the account) and a throwaway account, and this
 * program, when started without it, runs itself under that script.
 * Through ssh -tt in the harness: the browser draws and a search works;
 * q ends the session with the terminal restored; a command asked for
 * still gets the browser; port forwarding both ways, the agent, X11,
 * other environment variables, sftp and scp are refused; hostile TERMs
 * still draw; a 10,000 x 10,000 window keeps the process small; a
 * connection cut with SIGKILL leaves no process behind; the idle
 * timeout ends a session; and sshd -T shows the configuration in force.
 *
 * The program under test is $SMA_ALLIES_BIN (default
 * build/asan/sma-allies); the tests run from the top of the tree.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "e2e/e2e.h"

#define T_WAIT		8000
#define TITLE		"Social Mission Alliance Allies Program"
#define FIRST		"The American Academy of Family Physicians"
#define NURSING		"Organization for Associate Degree Nursing"
#define FIRST_URL	"https://www.aafp.org/"
#define FIRST_URL_B64	"aHR0cHM6Ly93d3cuYWFmcC5vcmcv"	/* base64 of it */
#define NOT_KNOWN	"Your terminal type is not known here"
#define QR_SHOWN	"ny key closes"		/* under a code to scan */
#define GOODBYE		"the session has ended. Goodbye."
#define RMCUP		"\033[?1049l"	/* xterm-256color's, on the way out */
/*
 * The most a session may hold, whatever window it is told of.  The
 * sanitizer build takes 20-40 MB to show the list at any size; curses
 * sized to 10,000 x 10,000 would take gigabytes.
 */
#define RSS_BOUND_KB	(96 * 1024)
#define MEGABYTE	(1024 * 1024)
#define LINE_MAX_BYTES	1000		/* lineedit.h's LINEEDIT_MAX */
#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static struct vt *t_vt;
static char *t_dir;
static char t_bin[4096];

/* ---- setup ---- */

static int
group_setup(void **state)
{
	const char *bin = getenv("SMA_ALLIES_BIN");

	(void)state;
	snprintf(t_bin, sizeof(t_bin), "%s",
	    bin != NULL ? bin : "build/asan/sma-allies");
	if (access(t_bin, X_OK) != 0) {
		fprintf(stderr, "test_public: %s: %s\n", t_bin,
		    strerror(errno));
		return -1;
	}
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	return 0;
}

/* A folder of the test's own: bin/ first on PATH, state/ for history. */
static int
setup(void **state)
{
	static const char *const sub[] = { "bin", "state" };
	size_t i;

	(void)state;
	/* Freed by e2e_release() at teardown. */
	t_dir = e2e_keep(e2e_tmpdir("sma-public"));
	for (i = 0; t_dir != NULL && i < NITEMS(sub); i++)
		if (mkdir(e2e_fmt("%s/%s", t_dir, sub[i]), 0755) != 0)
			return -1;
	return t_dir != NULL ? 0 : -1;
}

/* Reap what was left to us as a subreaper (see main()). */
static void
reap_orphans(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static int
teardown(void **state)
{
	(void)state;
	vt_free(t_vt);
	t_vt = NULL;
	reap_orphans();
	e2e_rmtree(t_dir);
	e2e_release();
	t_dir = NULL;
	return 0;
}

/* ---- the program on a terminal ---- */

/*
 * The environment of a run: a fixed terminal and locale, the sanitizers
 * failing loudly, PATH starting with the test's own bin folder, HOME and
 * XDG_STATE_HOME in the test's folder; then extra ("NAME=value" sets,
 * "NAME" removes).
 */
static void
env_make(struct e2e_env *e, const char *const *extra)
{
	e2e_env_init(e);
	e2e_env_sanitizers(e);
	/*
	 * AddressSanitizer holds freed memory back (256 MiB of it by
	 * default), and a megabyte typed frees a search a key: the memory
	 * bounds below are the program's, so hold back less.
	 */
	e2e_env_put(e, "ASAN_OPTIONS=detect_leaks=1:exitcode=86:"
	    "quarantine_size_mb=8");
	e2e_env_put(e, "NCURSES_GPM_TERMS=");
	e2e_env_putf(e, "XDG_STATE_HOME=%s/state", t_dir);
	e2e_env_putf(e, "HOME=%s", t_dir);
	e2e_env_putf(e, "PATH=%s/bin:/usr/bin:/bin", t_dir);
	e2e_env_put_all(e, extra);
}

/* Start prog with args in env extra on a rows x cols terminal. */
static void
spawn(const char *prog, const char *const *args, const char *const *extra,
    int rows, int cols)
{
	struct e2e_env e;

	env_make(&e, extra);
	vt_free(t_vt);
	t_vt = e2e_spawn(prog, args, &e, rows, cols);
	e2e_env_free(&e);
	if (t_vt == NULL)
		fail_msg("cannot start %s: %s", prog, strerror(errno));
}

/* The program under test with args (--public among them). */
static void
start(const char *const *args, const char *const *extra, int rows, int cols)
{
	spawn(t_bin, args, extra, rows, cols);
}

static const char *const PUBLIC[] = { "--public", NULL };

#define WANT_SHOWN(s, shown)	do {					\
	if (!e2e_want_screen(t_vt, (s), (shown), T_WAIT))		\
		fail_msg("line %d: \"%s\" %s", __LINE__, (s),		\
		    (shown) ? "never showed" : "stayed");		\
} while (0)
#define WANT(s)		WANT_SHOWN((s), 1)
#define WANT_GONE(s)	WANT_SHOWN((s), 0)

static void
settle(void)
{
	vt_wait_quiet(t_vt, 100, T_WAIT);
}

/* The program ends with exit status want, no sanitizer report. */
static void
want_exit(int want, int timeout_ms, int line)
{
	const char *out, *san;
	int status = 0;

	if (!vt_wait_exit(t_vt, timeout_ms, &status)) {
		e2e_dump(t_vt, "still running");
		fail_msg("line %d: did not exit within %d ms", line,
		    timeout_ms);
	}
	out = vt_output(t_vt, NULL);
	if ((san = e2e_sanitizer_report(out)) != NULL)
		fail_msg("line %d: %s", line, san);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != want) {
		e2e_dump(t_vt, "how it ended");
		fail_msg("line %d: wait status %#x, not exit %d", line, status,
		    want);
	}
}
#define WANT_EXIT(n)	want_exit((n), T_WAIT, __LINE__)

/* The output since offset `from` holds s. */
static int
output_after(size_t from, const char *s)
{
	size_t len;
	const char *out = vt_output(t_vt, &len);

	return from <= len && strstr(out + from, s) != NULL;
}

/* Search for what with the bar and keep the filter. */
static void
search(const char *what, const char *expect)
{
	vt_sends(t_vt, "/");
	settle();
	vt_sends(t_vt, what);
	WANT(expect);
	vt_key(t_vt, "Enter");
	settle();
}

/*
 * The browser shows its list, finds nursing, and q leaves it cleanly,
 * writing restore (the terminal type's reset) on the way out.
 */
static void
browse_and_quit_as(const char *restore, int line)
{
	size_t before;

	if (!vt_wait_text(t_vt, TITLE, T_WAIT) ||
	    !vt_wait_text(t_vt, FIRST, T_WAIT)) {
		e2e_dump(t_vt, "no browser");
		fail_msg("line %d: the browser did not draw", line);
	}
	search("nurs", NURSING);
	WANT_GONE(FIRST);
	vt_output(t_vt, &before);
	vt_sends(t_vt, "q");
	want_exit(0, T_WAIT, line);
	if (!output_after(before, restore))
		fail_msg("line %d: the screen was not restored after q", line);
}
#define browse_and_quit(line)	browse_and_quit_as(RMCUP, (line))

/* ---- processes ---- */

/* VmRSS of pid in kB, or -1. */
static long
rss_kb(pid_t pid)
{
	char line[256];
	long kb = -1;
	FILE *fp;

	if ((fp = fopen(e2e_fmt("/proc/%d/status", (int)pid), "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strncmp(line, "VmRSS:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	fclose(fp);
	return kb;
}

/* Whether pid is a live process (a zombie is not). */
static int
alive(pid_t pid)
{
	char buf[512], *p;
	FILE *fp;
	size_t n;

	if ((fp = fopen(e2e_fmt("/proc/%d/stat", (int)pid), "r")) == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	/* pid (comm) STATE ...: comm may hold anything, so from the end. */
	if ((p = strrchr(buf, ')')) == NULL || p[1] == '\0')
		return 0;
	return p[2] != 'Z' && p[2] != 'X';
}

/*
 * The first live sma-allies process whose uid is uid (uid < 0: any) and
 * whose command line holds mark (NULL: any), or -1.
 */
static pid_t
find_program(long uid, const char *mark)
{
	char line[256], cmd[4096];
	struct dirent *d;
	pid_t found = -1;
	long u = -1;
	int named;
	size_t n, i;
	DIR *dp;
	FILE *fp;

	if ((dp = opendir("/proc")) == NULL)
		return -1;
	while (found < 0 && (d = readdir(dp)) != NULL) {
		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		if ((fp = fopen(e2e_fmt("/proc/%s/status", d->d_name),
		    "r")) == NULL)
			continue;
		named = 0;
		while (fgets(line, sizeof(line), fp) != NULL) {
			if (strcmp(line, "Name:\tsma-allies\n") == 0)
				named = 1;
			if (strncmp(line, "Uid:", 4) == 0)
				u = strtol(line + 4, NULL, 10);
		}
		fclose(fp);
		if (!named || (uid >= 0 && u != uid))
			continue;
		if (mark != NULL) {
			fp = fopen(e2e_fmt("/proc/%s/cmdline", d->d_name), "r");
			if (fp == NULL)
				continue;
			n = fread(cmd, 1, sizeof(cmd) - 1, fp);
			fclose(fp);
			for (i = 0; i < n; i++)
				if (cmd[i] == '\0')
					cmd[i] = ' ';
			cmd[n] = '\0';
			if (strstr(cmd, mark) == NULL)
				continue;
		}
		if (alive((pid_t)strtol(d->d_name, NULL, 10)))
			found = (pid_t)strtol(d->d_name, NULL, 10);
	}
	closedir(dp);
	return found;
}

/* Pump the terminal (if any) for ms. */
static void
pause_ms(int ms)
{
	int64_t until = vt_now_ms() + ms;
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	while (vt_now_ms() < until)
		if (t_vt != NULL)
			vt_pump(t_vt, 20);
		else
			nanosleep(&ts, NULL);
}

/* Wait up to ms for the program of uid and mark to appear; its pid. */
static pid_t
wait_program(long uid, const char *mark, int ms)
{
	int64_t until = vt_now_ms() + ms;
	pid_t pid;

	while ((pid = find_program(uid, mark)) < 0 && vt_now_ms() < until)
		pause_ms(20);
	return pid;
}

/* Wait up to ms for pid to be gone; 1 if it went. */
static int
wait_gone(pid_t pid, int ms)
{
	int64_t until = vt_now_ms() + ms;

	while (alive(pid) && vt_now_ms() < until) {
		reap_orphans();
		pause_ms(20);
	}
	reap_orphans();
	return !alive(pid);
}

/* A fake program at t_dir/bin/name that leaves t_dir/ran if run. */
static void
fake_program(const char *name)
{
	const char *script = e2e_fmt("#!/bin/sh\necho \"%s $*\" >> %s/ran\n",
	    name, t_dir);

	if (e2e_write_file(e2e_fmt("%s/bin/%s", t_dir, name), script,
	    strlen(script), 0755, 0) != 0)
		fail_msg("cannot write %s: %s", name, strerror(errno));
}

/* The resident memory of pid is within the bound at a huge window. */
static void
want_small(pid_t pid, const char *how)
{
	long kb = rss_kb(pid);

	print_message("resident at 10000x10000 %s: %ld kB\n", how, kb);
	if (kb < 0 || kb > RSS_BOUND_KB)
		fail_msg("resident %ld kB at 10000x10000 %s, over %d kB", kb,
		    how, RSS_BOUND_KB);
}

/* ---- the program alone ---- */

static void
test_q_quits(void **state)
{
	(void)state;
	start(PUBLIC, NULL, 24, 80);
	browse_and_quit(__LINE__);
}

/* Ctrl-C ends a session as it ends a command (130); ^Z and ^\ do not. */
static void
test_ctrl_keys(void **state)
{
	(void)state;
	start(PUBLIC, NULL, 24, 80);
	WANT(FIRST);
	vt_key(t_vt, "C-z");
	vt_key(t_vt, "C-\\");
	settle();
	search("nurs", NURSING);
	vt_key(t_vt, "C-c");
	WANT_EXIT(130);
}

/* Each TERM a client may send that is not a usable plain name. */
static void
test_term_fallback(void **state)
{
	static const char *const hostile[] = {
		"../../var/x", "/usr/share/terminfo/x/xterm-256color",
		"sma-no-such-term", "dumb", "xterm-256color;id", "-x", ""
	};
	char *longest = e2e_keep(malloc(10 * 1024 + 1));
	const char *env[2] = { NULL, NULL };
	size_t i;

	(void)state;
	memset(longest, 'x', 10 * 1024);
	longest[10 * 1024] = '\0';
	for (i = 0; i <= NITEMS(hostile); i++) {
		env[0] = e2e_fmt("TERM=%s", i < NITEMS(hostile) ?
		    hostile[i] : longest);
		start(PUBLIC, env, 24, 80);
		WANT(NOT_KNOWN);
		browse_and_quit(__LINE__);
	}
	/* A plain name that is here is taken, without a word. */
	env[0] = "TERM=vt100";
	start(PUBLIC, env, 24, 80);
	WANT(FIRST);
	if (vt_find(t_vt, NOT_KNOWN, NULL, NULL))
		fail_msg("TERM=vt100 was replaced");
	browse_and_quit_as("\033[?1l", __LINE__);	/* vt100's rmkx */
}

/* Write a data file of one ally at path. */
static void
write_data(const char *path, const char *name)
{
	const char *yaml = e2e_fmt("allies:\n  - name: %s\n    url: "
	    "https://example.org/\n    description: Only in this file.\n",
	    name);

	if (e2e_write_file(path, yaml, strlen(yaml), 0644, 0) != 0)
		fail_msg("cannot write %s: %s", path, strerror(errno));
}

/*
 * TERMINFO, TERMINFO_DIRS and ~/.terminfo each hold an entry the system
 * has not got, SMA_ALLIES_DATA names a file of its own and BROWSER a
 * program: the browser takes them all, a public session none.
 */
static void
test_env_ignored(void **state)
{
	const char *src = e2e_fmt("%s/evil.ti", t_dir), *out_dir;
	const char *ti = "sma-evil|a copy of xterm-256color,\n"
	    "\tuse=xterm-256color,\n";
	const char *tic[] = { "-x", "-o", NULL, NULL, NULL };
	const char *env[8];
	char *out;
	size_t i;

	(void)state;
	if (e2e_write_file(src, ti, strlen(ti), 0644, 0) != 0)
		fail_msg("cannot write %s", src);
	for (i = 0; i < 2; i++) {
		out_dir = i == 0 ? e2e_fmt("%s/ti", t_dir) :
		    e2e_fmt("%s/.terminfo", t_dir);
		tic[2] = out_dir;
		tic[3] = src;
		if (mkdir(out_dir, 0755) != 0 ||
		    e2e_run("/usr/bin/tic", tic, NULL, 1, &out) != 0)
			fail_msg("tic failed: %s", out != NULL ? out : "");
		free(out);
	}
	write_data(e2e_fmt("%s/evil.yaml", t_dir), "Evil Ally");
	fake_program("opener");
	env[0] = "TERM=sma-evil";
	env[1] = e2e_fmt("TERMINFO=%s/ti", t_dir);
	env[2] = e2e_fmt("TERMINFO_DIRS=%s/ti", t_dir);
	env[3] = e2e_fmt("SMA_ALLIES_DATA=%s/evil.yaml", t_dir);
	env[4] = e2e_fmt("BROWSER=%s/bin/opener", t_dir);
	env[5] = "SMA_ALLIES_STAFF_PIN=246813";
	env[6] = NULL;

	/* The browser: the entry draws, the file is read, BROWSER runs. */
	start(NULL, env, 24, 80);
	WANT("Evil Ally");
	vt_sends(t_vt, "o");
	if (!e2e_wait_file(t_vt, e2e_fmt("%s/ran", t_dir), T_WAIT))
		fail_msg("the browser did not run BROWSER");
	unlink(e2e_fmt("%s/ran", t_dir));
	vt_sends(t_vt, "q");
	WANT_EXIT(0);

	/* Only ~/.terminfo has it now: still the browser's. */
	env[1] = "TERMINFO_DIRS=";
	env[2] = "TERMINFO";
	start(NULL, env, 24, 80);
	WANT("Evil Ally");
	vt_sends(t_vt, "q");
	WANT_EXIT(0);

	/* A public session: none of it. */
	env[1] = e2e_fmt("TERMINFO=%s/ti", t_dir);
	env[2] = e2e_fmt("TERMINFO_DIRS=%s/ti", t_dir);
	start(PUBLIC, env, 24, 80);
	WANT(NOT_KNOWN);
	WANT(FIRST);
	if (vt_find(t_vt, "Evil Ally", NULL, NULL))
		fail_msg("a public session read SMA_ALLIES_DATA");
	vt_sends(t_vt, "o");
	WANT(QR_SHOWN);
	settle();
	if (access(e2e_fmt("%s/ran", t_dir), F_OK) == 0)
		fail_msg("a public session ran BROWSER");
	vt_sends(t_vt, "x");
	WANT_GONE(QR_SHOWN);
	browse_and_quit(__LINE__);
}

/*
 * Every way of opening a site gives a code to scan and runs nothing;
 * y copies the website with OSC 52.
 */
static void
test_no_program(void **state)
{
	static const char *const names[] = { "opener", "xdg-open", "open",
	    "www-browser", "sensible-browser" };
	const char *env[] = { NULL, NULL };
	size_t i, before;
	int row;

	(void)state;
	for (i = 0; i < NITEMS(names); i++)
		fake_program(names[i]);
	env[0] = e2e_fmt("BROWSER=%s/bin/opener", t_dir);
	start(PUBLIC, env, 30, 100);
	WANT(FIRST);
	vt_sends(t_vt, "o");
	WANT(QR_SHOWN);
	vt_sends(t_vt, "x");
	WANT_GONE(QR_SHOWN);
	vt_key(t_vt, "Enter");
	WANT(QR_SHOWN);
	vt_sends(t_vt, "x");
	WANT_GONE(QR_SHOWN);
	vt_sends(t_vt, "b");
	WANT(QR_SHOWN);
	WANT("Become an Ally");
	vt_sends(t_vt, "x");
	WANT_GONE(QR_SHOWN);
	if (!vt_find(t_vt, "Organization for Associate", &row, NULL))
		fail_msg("no %s in the list", NURSING);
	vt_mouse(t_vt, VT_PRESS, 0, row, 3);
	vt_mouse(t_vt, VT_RELEASE, 0, row, 3);
	vt_mouse(t_vt, VT_PRESS, 0, row, 3);
	vt_mouse(t_vt, VT_RELEASE, 0, row, 3);
	WANT(QR_SHOWN);
	WANT("https://oadn.org/");
	vt_sends(t_vt, "x");
	WANT_GONE(QR_SHOWN);
	vt_sends(t_vt, "g");
	settle();
	vt_output(t_vt, &before);
	vt_sends(t_vt, "y");
	settle();
	if (!output_after(before, "\033]52;c;" FIRST_URL_B64))
		fail_msg("y did not copy %s with OSC 52", FIRST_URL);
	if (access(e2e_fmt("%s/ran", t_dir), F_OK) == 0)
		fail_msg("a program ran: %s", (char *)e2e_keep(e2e_slurp(
		    e2e_fmt("%s/ran", t_dir), NULL)));
	browse_and_quit(__LINE__);
}

/* A public session neither reads nor keeps the search history. */
static void
test_no_history(void **state)
{
	const char *dir = e2e_fmt("%s/state/sma-allies", t_dir);
	const char *file = e2e_fmt("%s/history", dir);
	const char *old = "zzz-an-old-search\n";
	char *after;

	(void)state;
	if (mkdir(dir, 0700) != 0 ||
	    e2e_write_file(file, old, strlen(old), 0600, 0) != 0)
		fail_msg("cannot write %s", file);
	/* The browser offers it: the file is where it looks. */
	start(NULL, NULL, 24, 80);
	WANT(FIRST);
	vt_sends(t_vt, "/");
	vt_key(t_vt, "Up");
	WANT("zzz-an-old-search");
	vt_key(t_vt, "Esc");
	/* A key within the escape delay would be Alt-q. */
	settle();
	vt_sends(t_vt, "q");
	WANT_EXIT(0);
	if (e2e_write_file(file, old, strlen(old), 0600, 0) != 0)
		fail_msg("cannot write %s", file);

	start(PUBLIC, NULL, 24, 80);
	WANT(FIRST);
	vt_sends(t_vt, "/");
	vt_key(t_vt, "Up");
	settle();
	if (vt_find(t_vt, "zzz-an-old-search", NULL, NULL))
		fail_msg("a public session read the search history");
	vt_key(t_vt, "Esc");
	settle();
	browse_and_quit(__LINE__);
	after = e2e_keep(e2e_slurp(file, NULL));
	if (after == NULL || strcmp(after, old) != 0)
		fail_msg("a public session wrote the history: %s",
		    after != NULL ? after : "(gone)");
}

/* A window of 10,000 x 10,000: the process stays small and draws on. */
static void
test_size_bound(void **state)
{
	(void)state;
	start(PUBLIC, NULL, 24, 80);
	WANT(FIRST);
	vt_report_size(t_vt, 10000, 10000);
	pause_ms(1000);
	settle();
	want_small(vt_pid(t_vt), "alone");
	vt_resize(t_vt, 30, 100);
	WANT(TITLE);
	WANT(FIRST);
	browse_and_quit(__LINE__);
}

/*
 * A window a little larger than the bound shows 300 x 100 of directory,
 * the status line on row 100, and the note below.
 */
static void
test_size_note(void **state)
{
	char *row;

	(void)state;
	start(PUBLIC, NULL, 110, 320);
	WANT("drawn at 300x100 at most; the window is 320x110");
	WANT(FIRST);
	row = e2e_keep(vt_row(t_vt, 99));
	if (strstr(row, "quit") == NULL) {
		e2e_dump(t_vt, "no status line on row 100");
		fail_msg("row 100 is not the status line: %s", row);
	}
	row = e2e_keep(vt_row(t_vt, 0));
	if (strlen(row) > 300)
		fail_msg("the title runs past column 300: %zu", strlen(row));
	row = e2e_keep(vt_row(t_vt, 100));
	if (strstr(row, "the window is 320x110") == NULL)
		fail_msg("no note below the screen: %s", row);
	/* Back within the bound, no note. */
	vt_resize(t_vt, 40, 120);
	WANT_GONE("drawn at 300x100");
	browse_and_quit(__LINE__);
}

/* A megabyte typed into the search bar is cut; keys still work. */
static void
test_megabyte(void **state)
{
	char *chunk = e2e_keep(malloc(64 * 1024));
	size_t sent;
	int64_t t0;
	long kb;
	char *bar;

	(void)state;
	memset(chunk, 'a', 64 * 1024);
	start(PUBLIC, NULL, 24, 80);
	WANT(FIRST);
	vt_sends(t_vt, "/");
	settle();
	t0 = vt_now_ms();
	for (sent = 0; sent < MEGABYTE; sent += 64 * 1024)
		vt_send(t_vt, chunk, 64 * 1024);
	settle();
	print_message("a megabyte typed in %lld ms\n",
	    (long long)(vt_now_ms() - t0));
	kb = rss_kb(vt_pid(t_vt));
	if (kb < 0 || kb > RSS_BOUND_KB)
		fail_msg("resident %ld kB after a megabyte", kb);
	vt_key(t_vt, "End");
	settle();
	bar = e2e_keep(vt_row(t_vt, 23));
	if (strstr(bar, "aaaaaaaa") == NULL) {
		e2e_dump(t_vt, "no bar");
		fail_msg("the bar does not hold the typing: %s", bar);
	}
	vt_key(t_vt, "Esc");
	WANT(FIRST);
	browse_and_quit(__LINE__);
}

/* SIGHUP, as the terminal's end sends it: out at once, cleanly. */
static void
test_sighup(void **state)
{
	(void)state;
	start(PUBLIC, NULL, 24, 80);
	WANT(FIRST);
	vt_kill(t_vt, SIGHUP);
	want_exit(0, 2000, __LINE__);
}

/*
 * A terminal that hangs up without a SIGHUP (the program is not in its
 * session, as after a setsid): reads give EIO, and the program ends on
 * its own within a second or two instead of spinning.
 */
static void
test_hangup_without_signal(void **state)
{
	const char *data = e2e_fmt("%s/allies.yaml", t_dir);
	const char *args[] = { "-w", t_bin, "--public", "-d", data, NULL };
	char *yaml = e2e_keep(e2e_slurp("data/allies.yaml", NULL));
	int64_t t0;
	pid_t pid;
	int status = -1;

	(void)state;
	if (yaml == NULL || e2e_write_file(data, yaml, strlen(yaml), 0644,
	    0) != 0)
		fail_msg("cannot copy data/allies.yaml");
	/*
	 * setsid forks (it starts as a group leader) and waits: its child
	 * runs the program, and is ours to reap once setsid is killed.
	 */
	spawn("/usr/bin/setsid", args, NULL, 24, 80);
	WANT(FIRST);
	if ((pid = wait_program(-1, data, T_WAIT)) < 0)
		fail_msg("no sma-allies process for %s", data);
	vt_free(t_vt);
	t_vt = NULL;
	t0 = vt_now_ms();
	while (waitpid(pid, &status, WNOHANG) == 0 && vt_now_ms() - t0 < 2000)
		pause_ms(20);
	if (vt_now_ms() - t0 >= 2000) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		fail_msg("still running 2 s after the terminal hung up");
	}
	print_message("gone %lld ms after the hangup\n",
	    (long long)(vt_now_ms() - t0));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("wait status %#x after the hangup", status);
}

/* --idle: a session without keys ends with a goodbye; keys keep it. */
static void
test_idle(void **state)
{
	const char *args[] = { "--public", "--idle", "2", NULL };
	int64_t t0;
	int i;

	(void)state;
	start(args, NULL, 24, 80);
	WANT(FIRST);
	t0 = vt_now_ms();
	for (i = 0; i < 4; i++) {
		pause_ms(500);
		vt_sends(t_vt, i % 2 ? "j" : "k");
	}
	if (!vt_find(t_vt, FIRST, NULL, NULL))
		fail_msg("the session ended while keys came");
	WANT_EXIT(0);
	print_message("ended %lld ms after the first frame\n",
	    (long long)(vt_now_ms() - t0));
	if (vt_now_ms() - t0 < 3500)
		fail_msg("ended before 2 s without a key");
	if (!output_after(0, "No key for 2 seconds: " GOODBYE))
		fail_msg("no goodbye line");
}

/*
 * The watchdog: a session that cannot end gracefully (here it is
 * stopped past its idle time and the grace after it) exits, status 2,
 * as soon as it runs again.  Without it, it would say goodbye.
 */
static void
test_watchdog(void **state)
{
	const char *args[] = { "--public", "--idle", "1", NULL };

	(void)state;
	start(args, NULL, 24, 80);
	WANT(FIRST);
	vt_kill(t_vt, SIGSTOP);
	pause_ms(3500);
	vt_kill(t_vt, SIGCONT);
	WANT_EXIT(2);
	if (output_after(0, GOODBYE))
		fail_msg("the idle end ran, not the watchdog");
}

/* Data that cannot be read: the visitor is told only that much. */
static void
test_bad_data(void **state)
{
	const char *bad = e2e_fmt("%s/broken.yaml", t_dir);
	const char *args[] = { "--public", "-d", bad, NULL };
	const char *out;

	(void)state;
	if (e2e_write_file(bad, "allies: [\n", 10, 0644, 0) != 0)
		fail_msg("cannot write %s", bad);
	start(args, NULL, 24, 80);
	WANT_EXIT(2);
	out = vt_output(t_vt, NULL);
	if (strstr(out, "the directory cannot be shown just now") == NULL)
		fail_msg("no word for the visitor: %s", out);
	if (strstr(out, "broken.yaml") != NULL)
		fail_msg("the visitor was shown the operator's file: %s", out);
}

/* ForceCommand without a terminal (ssh host cmd, scp): a refusal. */
static void
test_no_terminal(void **state)
{
	struct e2e_env e;
	char *out;
	int status;

	(void)state;
	env_make(&e, NULL);
	status = e2e_run(t_bin, PUBLIC, &e, 1, &out);
	e2e_env_free(&e);
	e2e_keep(out);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 2)
		fail_msg("wait status %#x without a terminal", status);
	if (out == NULL || strstr(out, "connect with ssh -t") == NULL)
		fail_msg("no refusal: %s", out != NULL ? out : "");
}

/* Options that do not go with --public, and --idle's two meanings. */
static void
test_options(void **state)
{
	static const char *const bad[][5] = {
		{ "--public", "--kiosk", NULL },
		{ "--public", "--cycle", "5", NULL },
		{ "--public", "--staff-pin-file", "/dev/null", NULL },
		{ "--public", "-d", "-", NULL },
		{ "--public", "--idle", "0", NULL },
		{ "--public", "--list", NULL },
		{ "--idle", "5", NULL },
	};
	const char *kiosk[] = { "--kiosk", "--idle", "5", NULL };
	struct e2e_env e;
	char *out;
	size_t i;
	int status;

	(void)state;
	env_make(&e, NULL);
	for (i = 0; i < NITEMS(bad); i++) {
		status = e2e_run(t_bin, bad[i], &e, 1, &out);
		e2e_keep(out);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 2 ||
		    out == NULL || strstr(out, "usage:") == NULL)
			fail_msg("%s %s: wait status %#x, %s", bad[i][0],
			    bad[i][1], status, out != NULL ? out : "");
	}
	e2e_env_free(&e);
	/* --idle with --kiosk is the kiosk's own. */
	start(kiosk, NULL, 24, 80);
	WANT(FIRST);
	vt_kill(t_vt, SIGTERM);
	WANT_EXIT(0);
}

/* ---- through OpenSSH ---- */

static const char *ssh_port, *ssh_idle_port, *ssh_user, *ssh_dir;
static long ssh_uid = -1;

/*
 * ssh's (or scp's, sftp's) options, into v from *n on: no configuration
 * of ours, no host key kept or asked about, no prompt; the client's
 * LC_ALL sent along, as AcceptEnv takes it.
 */
static void
client_options(const char **v, size_t *n)
{
	static const char *const opts[] = {
		"-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
		"-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
		"-o", "BatchMode=yes", "-o", "SendEnv=LC_ALL"
	};
	size_t i;

	for (i = 0; i < NITEMS(opts); i++)
		v[(*n)++] = opts[i];
}

/*
 * The argument list of ssh: -tt when tty, the options, opts (NULL-ended
 * or NULL), the port and the account, then command (NULL or NULL-ended).
 * Kept until the test is torn down.
 */
static const char **
ssh_args(int tty, const char *port, const char *const *opts,
    const char *const *command)
{
	const char **v = e2e_keep(calloc(64, sizeof(*v)));
	size_t n = 0, i;

	if (tty)
		v[n++] = "-tt";
	client_options(v, &n);
	for (i = 0; opts != NULL && opts[i] != NULL && n < 50; i++)
		v[n++] = opts[i];
	v[n++] = "-p";
	v[n++] = port;
	v[n++] = e2e_fmt("%s@127.0.0.1", ssh_user);
	for (i = 0; command != NULL && command[i] != NULL && n < 62; i++)
		v[n++] = command[i];
	v[n] = NULL;
	return v;
}

/* Whether any process of the account runs. */
static int
account_busy(void)
{
	char line[256];
	struct dirent *d;
	int busy = 0;
	DIR *dp;
	FILE *fp;

	if ((dp = opendir("/proc")) == NULL)
		return 0;
	while (!busy && (d = readdir(dp)) != NULL) {
		if (d->d_name[0] < '0' || d->d_name[0] > '9' ||
		    (fp = fopen(e2e_fmt("/proc/%s/status", d->d_name),
		    "r")) == NULL)
			continue;
		while (fgets(line, sizeof(line), fp) != NULL)
			if (strncmp(line, "Uid:", 4) == 0 &&
			    strtol(line + 4, NULL, 10) == ssh_uid &&
			    alive((pid_t)strtol(d->d_name, NULL, 10)))
				busy = 1;
		fclose(fp);
	}
	closedir(dp);
	return busy;
}

/* Wait up to ms for the account's sessions to be over; 1 if they are. */
static int
sessions_over(int ms)
{
	int64_t until = vt_now_ms() + ms;

	while (account_busy() && vt_now_ms() < until)
		pause_ms(20);
	return !account_busy();
}

/*
 * A session through ssh on port (NULL: the main one) with opts and
 * command, in the environment extra, on a rows x cols terminal; once
 * the sessions of tests before have ended.
 */
static void
ssh_start_on(const char *port, const char *const *opts,
    const char *const *command, const char *const *extra, int rows,
    int cols)
{
	vt_free(t_vt);
	t_vt = NULL;
	if (!sessions_over(3000))
		fail_msg("a session of a test before is still running");
	spawn("/usr/bin/ssh", ssh_args(1, port != NULL ? port : ssh_port,
	    opts, command), extra, rows, cols);
}
#define ssh_start(opts, cmd, extra)	\
	ssh_start_on(NULL, (opts), (cmd), (extra), 24, 80)

/* A TCP port on 127.0.0.1 that nothing listens on just now. */
static const char *
free_port(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0)
		fail_msg("no free port: %s", strerror(errno));
	close(fd);
	return e2e_fmt("%d", ntohs(sa.sin_port));
}

/*
 * Connect to 127.0.0.1:port and read what comes in ms, at most size - 1
 * bytes into buf.  Returns the bytes read, 0 at EOF or nothing, -1 when
 * the connection is refused.
 */
static int
tcp_read(const char *port, char *buf, size_t size, int ms)
{
	struct sockaddr_in sa;
	struct pollfd p;
	ssize_t n = 0;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons((unsigned short)atoi(port));
	buf[0] = '\0';
	if (fd < 0)
		fail_msg("socket: %s", strerror(errno));
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		close(fd);
		return -1;
	}
	p.fd = fd;
	p.events = POLLIN;
	if (poll(&p, 1, ms) > 0 && (n = read(fd, buf, size - 1)) < 0)
		n = 0;
	buf[n] = '\0';
	close(fd);
	return (int)n;
}

static void
test_ssh_browse(void **state)
{
	(void)state;
	ssh_start(NULL, NULL, NULL);
	browse_and_quit(__LINE__);
}

/* A command asked for gets the browser, or without a terminal nothing. */
static void
test_ssh_command(void **state)
{
	static const char *const shell[] = { "/bin/sh", NULL };
	static const char *const cat[] = { "cat", "/etc/passwd", NULL };
	const char **args;
	struct e2e_env e;
	char *out;
	int status;

	(void)state;
	ssh_start(NULL, shell, NULL);
	browse_and_quit(__LINE__);
	ssh_start(NULL, cat, NULL);
	WANT(FIRST);
	if (e2e_output_find(t_vt, "root:x:0:0:", 11) != NULL)
		fail_msg("cat /etc/passwd ran");
	browse_and_quit(__LINE__);

	/* No terminal: ForceCommand's program refuses, nothing else runs. */
	args = ssh_args(0, ssh_port, NULL, cat);
	env_make(&e, NULL);
	status = e2e_run("/usr/bin/ssh", args, &e, 1, &out);
	e2e_env_free(&e);
	e2e_keep(out);
	if (out == NULL || strstr(out, "root:x:0:0:") != NULL ||
	    strstr(out, "connect with ssh -t") == NULL)
		fail_msg("without a terminal: %s", out != NULL ? out : "");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 2)
		fail_msg("without a terminal: wait status %#x", status);
}

/* ssh -L: the client listens, the server opens nothing for it. */
static void
test_ssh_local_forward(void **state)
{
	const char *port = free_port();
	const char *opts[] = { "-L", NULL, NULL };
	char buf[256];
	int n;

	(void)state;
	opts[1] = e2e_fmt("%s:127.0.0.1:%s", port, ssh_port);
	ssh_start(opts, NULL, NULL);
	WANT(FIRST);
	n = tcp_read(port, buf, sizeof(buf), 2000);
	pause_ms(100);
	if (n > 0 && strncmp(buf, "SSH-", 4) == 0)
		fail_msg("local forwarding reached the sshd: %s", buf);
	browse_and_quit(__LINE__);
}

/* ssh -R: nothing listens on the server's side. */
static void
test_ssh_remote_forward(void **state)
{
	const char *port = free_port();
	const char *opts[] = { "-R", NULL, NULL };
	char buf[256];

	(void)state;
	opts[1] = e2e_fmt("%s:127.0.0.1:%s", port, ssh_port);
	ssh_start(opts, NULL, NULL);
	WANT(FIRST);
	pause_ms(300);
	if (tcp_read(port, buf, sizeof(buf), 500) >= 0)
		fail_msg("remote forwarding listens on port %s", port);
	browse_and_quit(__LINE__);
}

/* The environment of pid, NUL-separated entries joined by newlines. */
static char *
environ_of(pid_t pid)
{
	size_t len, i;
	char *env = e2e_keep(e2e_slurp(e2e_fmt("/proc/%d/environ", (int)pid),
	    &len));

	for (i = 0; env != NULL && i < len; i++)
		if (env[i] == '\0')
			env[i] = '\n';
	return env;
}

/*
 * The agent (with a real one running), X11 and environment variables
 * other than LANG and LC_*: the session's environment holds none of
 * them, though it has LC_ALL and what sshd sets itself.
 */
static void
test_ssh_agent_x11_env(void **state)
{
	const char *sock = e2e_fmt("%s/agent.sock", t_dir);
	const char *agent[] = { "-D", "-a", sock, NULL };
	const char *opts[] = { "-A", "-X", "-o", "ForwardX11Trusted=yes",
	    "-o", "SendEnv=SMA_ALLIES_DATA BROWSER TERMINFO", NULL };
	const char *env[] = { NULL, "DISPLAY=127.0.0.1:77",
	    "SMA_ALLIES_DATA=/etc/passwd", "BROWSER=/bin/sh",
	    "TERMINFO=/usr/share", NULL };
	static const char *const refused[] = { "SSH_AUTH_SOCK=", "DISPLAY=",
	    "SMA_ALLIES_DATA=", "BROWSER=", "TERMINFO=" };
	struct vt *agent_vt;
	const char *environ_s;
	size_t i;
	pid_t pid;

	(void)state;
	env[0] = e2e_fmt("SSH_AUTH_SOCK=%s", sock);
	if ((agent_vt = e2e_spawn("ssh-agent", agent, NULL, 24, 80)) == NULL)
		fail_msg("cannot start ssh-agent: %s", strerror(errno));
	if (!e2e_wait_file(agent_vt, sock, T_WAIT)) {
		vt_free(agent_vt);
		fail_msg("ssh-agent made no socket");
	}
	ssh_start(opts, NULL, env);
	if (!vt_wait_text(t_vt, FIRST, T_WAIT)) {
		vt_free(agent_vt);
		e2e_dump(t_vt, "no browser");
		fail_msg("no browser with -A -X");
	}
	pid = wait_program(ssh_uid, NULL, T_WAIT);
	environ_s = pid > 0 ? environ_of(pid) : NULL;
	vt_free(agent_vt);
	if (environ_s == NULL)
		fail_msg("cannot read the session's environment");
	if (strstr(environ_s, "SSH_CONNECTION=") == NULL ||
	    strstr(environ_s, "LC_ALL=C.UTF-8") == NULL)
		fail_msg("not the session's environment: %s", environ_s);
	for (i = 0; i < NITEMS(refused); i++)
		if (strstr(environ_s, refused[i]) != NULL)
			fail_msg("the session has %s: %s", refused[i],
			    environ_s);
	browse_and_quit(__LINE__);
}

/* sftp and scp, both ways and both protocols: refused, nothing lands. */
static void
test_ssh_sftp_scp(void **state)
{
	const char *up = e2e_fmt("%s/up.txt", t_dir);
	const char *down = e2e_fmt("%s/down.txt", t_dir);
	const char *batch = e2e_fmt("%s/batch", t_dir);
	const char *drop = e2e_fmt("%s/drop", ssh_dir);
	const char *target = e2e_fmt("%s@127.0.0.1:%s/x", ssh_user, drop);
	const char *cmds = e2e_fmt("put %s %s/x\nget /etc/hostname %s\n",
	    up, drop, down);
	const char *v[40];
	struct e2e_env e;
	char *out;
	size_t n, i;
	int status, run;

	(void)state;
	if (e2e_write_file(up, "payload\n", 8, 0644, 0) != 0 ||
	    e2e_write_file(batch, cmds, strlen(cmds), 0644, 0) != 0)
		fail_msg("cannot write the files to copy");
	env_make(&e, NULL);
	for (run = 0; run < 4; run++) {
		n = 0;
		client_options(v, &n);
		if (run == 0) {		/* sftp */
			v[n++] = "-P";
			v[n++] = ssh_port;
			v[n++] = "-b";
			v[n++] = batch;
			v[n++] = e2e_fmt("%s@127.0.0.1", ssh_user);
		} else {		/* scp: sftp's protocol, then -O's */
			if (run > 1)
				v[n++] = "-O";
			v[n++] = "-P";
			v[n++] = ssh_port;
			v[n++] = run < 3 ? up : e2e_fmt("%s@127.0.0.1:"
			    "/etc/hostname", ssh_user);
			v[n++] = run < 3 ? target : down;
		}
		v[n] = NULL;
		status = e2e_run(run == 0 ? "/usr/bin/sftp" : "/usr/bin/scp",
		    v, &e, 1, &out);
		e2e_keep(out);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			fail_msg("%s %d succeeded: %s", run ? "scp" : "sftp",
			    run, out != NULL ? out : "");
		for (i = 0; i < 2; i++)
			if (access(i ? down : e2e_fmt("%s/x", drop),
			    F_OK) == 0)
				fail_msg("run %d copied %s", run,
				    i ? down : "a file up");
	}
	e2e_env_free(&e);
}

/* A path, 10 KB and an unknown name as TERM: the screen still works. */
static void
test_ssh_hostile_term(void **state)
{
	char *longest = e2e_keep(malloc(10 * 1024 + 1));
	const char *env[] = { NULL, NULL };
	int i;

	(void)state;
	memset(longest, 'x', 10 * 1024);
	longest[10 * 1024] = '\0';
	for (i = 0; i < 3; i++) {
		env[0] = e2e_fmt("TERM=%s", i == 0 ? "../../var/x" :
		    i == 1 ? longest : "sma-no-such-term");
		ssh_start(NULL, NULL, env);
		WANT(NOT_KNOWN);
		browse_and_quit(__LINE__);
	}
}

/* A session on the main port, its list drawn; its sma-allies' pid. */
static pid_t
ssh_session(void)
{
	pid_t pid;

	ssh_start(NULL, NULL, NULL);
	WANT(FIRST);
	if ((pid = wait_program(ssh_uid, NULL, T_WAIT)) < 0)
		fail_msg("no sma-allies process for the session");
	return pid;
}

/* A window of 10,000 x 10,000 through ssh: the session stays small. */
static void
test_ssh_huge_window(void **state)
{
	size_t before;
	pid_t pid;

	(void)state;
	pid = ssh_session();
	vt_output(t_vt, &before);
	vt_report_size(t_vt, 10000, 10000);
	pause_ms(1500);
	if (!output_after(before, "the window is 10000x10000"))
		fail_msg("the session was not told of 10000x10000");
	want_small(pid, "over ssh");
	vt_resize(t_vt, 30, 100);
	WANT(TITLE);
	browse_and_quit(__LINE__);
}

/* A connection cut (the client killed): nothing of it is left. */
static void
test_ssh_cut(void **state)
{
	int64_t t0;
	pid_t pid;

	(void)state;
	pid = ssh_session();
	vt_kill(t_vt, SIGKILL);
	t0 = vt_now_ms();
	if (!wait_gone(pid, 2000))
		fail_msg("sma-allies (%d) still runs 2 s after the cut",
		    (int)pid);
	print_message("gone %lld ms after the cut\n",
	    (long long)(vt_now_ms() - t0));
	if (!sessions_over(2000))
		fail_msg("a process of the account still runs after the cut");
}

/* The idle timeout ends a session, with the goodbye on the client. */
static void
test_ssh_idle(void **state)
{
	(void)state;
	ssh_start_on(ssh_idle_port, NULL, NULL, NULL, 24, 80);
	WANT(FIRST);
	WANT_EXIT(0);
	if (!output_after(0, "No key for 2 seconds: " GOODBYE))
		fail_msg("no goodbye line");
}

/* What sshd makes of the configuration, for the account and others. */
static void
test_ssh_config(void **state)
{
	static const char *const account[] = {
		"disableforwarding yes", "allowtcpforwarding no",
		"allowagentforwarding no", "allowstreamlocalforwarding no",
		"x11forwarding no", "permittunnel no", "gatewayports no",
		"permitlisten none", "permitopen none", "permituserrc no",
		"permituserenvironment no", "permittty yes", "maxsessions 1",
		"acceptenv LANG", "acceptenv LC_*", "permitemptypasswords yes",
		"passwordauthentication yes", "pubkeyauthentication no",
		"kbdinteractiveauthentication no", "usepam no",
		"clientaliveinterval 15", "clientalivecountmax 4",
		"logingracetime 20", "maxstartups 20:50:100",
		"persourcemaxstartups 10", "permitrootlogin no",
	};
	static const char *const others[] = {
		"permitemptypasswords no", "passwordauthentication no",
		"forcecommand none",
	};
	const char *args[] = { "-T", "-f", getenv("SMA_SSH_CONFIG"), "-C",
	    NULL, NULL };
	char *out, *line;
	size_t i;
	int who;

	(void)state;
	for (who = 0; who < 2; who++) {
		args[4] = e2e_fmt("user=%s,host=client,addr=127.0.0.1,"
		    "laddr=127.0.0.1,lport=%s", who ? "root" : ssh_user,
		    ssh_port);
		if (e2e_run("/usr/sbin/sshd", args, NULL, 1, &out) != 0)
			fail_msg("sshd -T failed: %s", out ? out : "");
		e2e_keep(out);
		for (i = 0; i < (who ? NITEMS(others) : NITEMS(account)); i++) {
			line = e2e_keep(e2e_asprintf("\n%s\n",
			    who ? others[i] : account[i]));
			if (strstr(out, line) == NULL)
				fail_msg("sshd -T for %s has no '%s'",
				    who ? "root" : "the account",
				    who ? others[i] : account[i]);
		}
		if (strstr(out, "\nsubsystem ") != NULL)
			fail_msg("a subsystem is configured");
		if (!who && (strstr(out, "\nforcecommand exec ") == NULL ||
		    strstr(out, " --public --idle 600\n") == NULL))
			fail_msg("ForceCommand is not the public mode");
	}
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		T(test_q_quits),
		T(test_ctrl_keys),
		T(test_term_fallback),
		T(test_env_ignored),
		T(test_no_program),
		T(test_no_history),
		T(test_size_bound),
		T(test_size_note),
		T(test_megabyte),
		T(test_sighup),
		T(test_hangup_without_signal),
		T(test_idle),
		T(test_watchdog),
		T(test_no_terminal),
		T(test_bad_data),
		T(test_options),
		T(test_ssh_config),
		T(test_ssh_browse),
		T(test_ssh_command),
		T(test_ssh_local_forward),
		T(test_ssh_remote_forward),
		T(test_ssh_agent_x11_env),
		T(test_ssh_sftp_scp),
		T(test_ssh_hostile_term),
		T(test_ssh_huge_window),
		T(test_ssh_cut),
		T(test_ssh_idle),
	};
	const char *bin = getenv("SMA_ALLIES_BIN");

	(void)argc;
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* The SSH half runs under a private sshd, gone again after. */
	if ((ssh_port = getenv("SMA_SSH_PORT")) == NULL) {
		execl("/bin/sh", "sh", "tests/ssh/sshd.sh",
		    bin != NULL ? bin : "build/asan/sma-allies", argv[0],
		    (char *)NULL);
		fprintf(stderr, "test_public: cannot run tests/ssh/sshd.sh: "
		    "%s\n", strerror(errno));
		return 1;
	}
	ssh_idle_port = getenv("SMA_SSH_IDLE_PORT");
	ssh_user = getenv("SMA_SSH_USER");
	ssh_dir = getenv("SMA_SSH_DIR");
	ssh_uid = getenv("SMA_SSH_UID") != NULL ?
	    strtol(getenv("SMA_SSH_UID"), NULL, 10) : -1;
	if (ssh_idle_port == NULL || ssh_user == NULL || ssh_dir == NULL ||
	    ssh_uid < 0 || getenv("SMA_SSH_CONFIG") == NULL) {
		fprintf(stderr, "test_public: tests/ssh/sshd.sh set no "
		    "account\n");
		return 1;
	}
	/* Orphans of the tests (setsid's child) come back to be reaped. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
