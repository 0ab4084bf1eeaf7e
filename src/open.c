/*
 * open: running the opener.  See open.h.
 */
#include "open.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

#define MAX_WORDS	16

/* Browsers that run in the terminal: they get it while they run. */
static const char *const terminal_browsers[] = {
	"lynx", "w3m", "elinks", "links", "links2", "browsh", "carbonyl",
	"www-browser", "netrik", "retawq", "edbrowse", "amfora"
};

int
open_url_allowed(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0;
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

static int
is_terminal_browser(const char *prog)
{
	size_t i;

	for (i = 0; i < nitems(terminal_browsers); i++)
		if (strcmp(base_name(prog), terminal_browsers[i]) == 0)
			return 1;
	return 0;
}

/* Is prog something execvp() would find and run? */
static int
findable(const char *prog)
{
	const char *path, *p, *colon;
	char full[4096];
	size_t len;

	if (strchr(prog, '/') != NULL)
		return access(prog, X_OK) == 0;
	if ((path = getenv("PATH")) == NULL || *path == '\0')
		path = "/usr/bin:/bin";
	for (p = path; ; p = colon + 1) {
		colon = strchr(p, ':');
		len = colon != NULL ? (size_t)(colon - p) : strlen(p);
		if (snprintf(full, sizeof(full), "%.*s%s%s", (int)len, p,
		    len > 0 ? "/" : "", prog) < (int)sizeof(full) &&
		    access(full, X_OK) == 0)
			return 1;
		if (colon == NULL)
			return 0;
	}
}

/*
 * Build the opener's argv from browser (the value of $BROWSER, NULL or
 * empty for the system's opener), in store (storage for the copied
 * strings).  $BROWSER is a colon-separated list of commands, each split
 * on blanks (no shell: no quoting, no expansion); "%s" in a command
 * stands for the URL, else the URL is appended.  The first command that
 * can be found wins.  Returns the number of words, 0 when none is usable.
 */
static int
build_argv(const char *browser, const char *url, char *store, size_t size,
    char *argv[])
{
	char *cand, *save, *word, *save2;
	int n, has_url;

	if (browser == NULL || *browser == '\0') {
#ifdef __APPLE__
		browser = "open";
#else
		browser = "xdg-open";
#endif
	}
	snprintf(store, size, "%s", browser);
	for (cand = strtok_r(store, ":", &save); cand != NULL;
	    cand = strtok_r(NULL, ":", &save)) {
		n = 0;
		has_url = 0;
		for (word = strtok_r(cand, " \t", &save2);
		    word != NULL && n < MAX_WORDS - 2;
		    word = strtok_r(NULL, " \t", &save2)) {
			if (strcmp(word, "%s") == 0) {
				argv[n++] = (char *)(uintptr_t)url;
				has_url = 1;
			} else
				argv[n++] = word;
		}
		if (n == 0 || !findable(argv[0]))
			continue;
		if (!has_url)
			argv[n++] = (char *)(uintptr_t)url;
		argv[n] = NULL;
		return n;
	}
	return 0;
}

/* In the child: the default signal dispositions an exec'd program expects. */
static void
child_signals(void)
{
	static const int sigs[] = {
		SIGINT, SIGQUIT, SIGTSTP, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD
	};
	sigset_t none;
	size_t i;

	for (i = 0; i < nitems(sigs); i++)
		signal(sigs[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* Wait for pid (status may be NULL): 0 once it is reaped, else an errno. */
static int
wait_child(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) == -1)
		if (errno != EINTR)
			return errno;
	return 0;
}

static void
describe_status(int status, const char *name, const char *url, char *msg,
    size_t size)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		snprintf(msg, size, "Opened %s with %s", url, name);
	else if (WIFEXITED(status))
		snprintf(msg, size, "%s exited with status %d for %s", name,
		    WEXITSTATUS(status), url);
	else if (WIFSIGNALED(status))
		snprintf(msg, size, "%s was killed by signal %d", name,
		    WTERMSIG(status));
	else
		snprintf(msg, size, "%s stopped", name);
}

/* A terminal browser: it gets the terminal until it exits. */
static int
run_foreground(const struct open_state *st, char *argv[], const char *url,
    char *msg, size_t size)
{
	struct sigaction ign, old_int, old_quit;
	pid_t pid;
	int status, err;

	if (st->tty != NULL)
		st->tty(1);
	/* Like system(): ^C in the browser is for the browser, not us. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0) {
		child_signals();
		execvp(argv[0], argv);
		fprintf(stderr, "%s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	err = pid == -1 ? errno : wait_child(pid, &status);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (st->tty != NULL)
		st->tty(0);
	if (pid == -1) {
		snprintf(msg, size, "Could not start %s: %s", argv[0],
		    strerror(err));
		return -1;
	}
	if (err != 0) {
		snprintf(msg, size, "Lost track of %s: %s", argv[0],
		    strerror(err));
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		snprintf(msg, size, "Could not run %s", argv[0]);
		return -1;
	}
	describe_status(status, base_name(argv[0]), url, msg, size);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		snprintf(msg, size, "Back from %s (%s)", base_name(argv[0]),
		    url);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/*
 * A graphical opener: its own session (no controlling terminal, so it
 * can't read keys or get our signals), stdio on /dev/null (so it can't
 * scribble on the screen).  A close-on-exec pipe tells whether the exec
 * itself worked; the exit status is reaped later by open_reap().
 */
static int
run_detached(struct open_state *st, char *argv[], const char *url, char *msg,
    size_t size)
{
	int pfd[2], err = 0, fd;
	ssize_t n;
	pid_t pid;

	if (st->n == OPEN_MAX_CHILDREN) {
		char ignored[8];

		/* Those that are done make room; their news is stale. */
		open_reap(st, ignored, sizeof(ignored));
	}
	if (st->n == OPEN_MAX_CHILDREN) {
		snprintf(msg, size, "Too many openers still running; try "
		    "again in a moment");
		return -1;
	}
	if (pipe(pfd) == -1) {
		snprintf(msg, size, "Could not start %s: %s", argv[0],
		    strerror(errno));
		return -1;
	}
	fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		child_signals();
		setsid();
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
			if (fd > STDERR_FILENO)
				close(fd);
		}
		execvp(argv[0], argv);
		err = errno;
		if (write(pfd[1], &err, sizeof(err)) < 0)
			_exit(126);
		_exit(127);
	}
	close(pfd[1]);
	if (pid == -1) {
		err = errno;
		close(pfd[0]);
		snprintf(msg, size, "Could not start %s: %s", argv[0],
		    strerror(err));
		return -1;
	}
	while ((n = read(pfd[0], &err, sizeof(err))) == -1 && errno == EINTR)
		;
	close(pfd[0]);
	if (n == (ssize_t)sizeof(err)) {
		wait_child(pid, NULL);
		snprintf(msg, size, "Could not run %s: %s", argv[0],
		    strerror(err));
		return -1;
	}
	st->pid[st->n] = pid;
	snprintf(st->name[st->n], sizeof(st->name[0]), "%s",
	    base_name(argv[0]));
	st->n++;
	snprintf(msg, size, "Opening %s with %s", url, base_name(argv[0]));
	return 0;
}

int
open_url(struct open_state *st, const char *url, char *msg, size_t size)
{
	const char *browser = getenv("BROWSER");
	char store[1024], *argv[MAX_WORDS];

	if (!open_url_allowed(url)) {
		snprintf(msg, size, "Not opening a link that is not http(s)");
		return -1;
	}
	if (build_argv(browser, url, store, sizeof(store), argv) == 0) {
		snprintf(msg, size, "No way to open %s: %s not found (set "
		    "BROWSER)", url, browser != NULL && *browser != '\0' ?
		    "$BROWSER" : "xdg-open");
		return -1;
	}
	if (is_terminal_browser(argv[0]))
		return run_foreground(st, argv, url, msg, size);
	return run_detached(st, argv, url, msg, size);
}

int
open_reap(struct open_state *st, char *msg, size_t size)
{
	int i, status, failed = 0;
	pid_t r;

	for (i = 0; i < st->n; i++) {
		r = waitpid(st->pid[i], &status, WNOHANG);
		if (r == 0)
			continue;
		if (r == st->pid[i] && !(WIFEXITED(status) &&
		    WEXITSTATUS(status) == 0)) {
			describe_status(status, st->name[i], "the link", msg,
			    size);
			failed = 1;
		}
		st->n--;
		st->pid[i] = st->pid[st->n];
		memcpy(st->name[i], st->name[st->n], sizeof(st->name[0]));
		i--;
	}
	return failed;
}

int
open_pending(const struct open_state *st)
{
	return st->n > 0;
}

void
open_copy(const char *url, char *msg, size_t size)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *s = (const unsigned char *)url;
	struct buf out = { 0 };
	size_t len = strlen(url), i;
	unsigned v;

	buf_adds(&out, "\033]52;c;");
	for (i = 0; i + 2 < len + 2 && i < len; i += 3) {
		v = (unsigned)s[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < len)
			v |= s[i + 2];
		buf_addc(&out, b64[(v >> 18) & 63]);
		buf_addc(&out, b64[(v >> 12) & 63]);
		buf_addc(&out, i + 1 < len ? b64[(v >> 6) & 63] : '=');
		buf_addc(&out, i + 2 < len ? b64[v & 63] : '=');
	}
	buf_adds(&out, "\a");
	/* Base64 is all the terminal sees of the URL: nothing to escape. */
	fwrite(out.ptr, 1, out.len, stdout);
	fflush(stdout);
	buf_free(&out);
	snprintf(msg, size, "Copied %s to the clipboard (if the terminal "
	    "allows OSC 52)", url);
}
