/*
 * open: running the opener.  See open.h.
 */
#include "open.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#define KILL_GRACE_MS	200	/* from SIGTERM to SIGKILL, ending a browser */
/*
 * A signal taken by another thread does not end our pselect() (the
 * workers block them all; a library's thread might not): the wait looks
 * again this often.
 */
#define WAIT_TICK_MS	100

/* Browsers that run in the terminal: they get it while they run. */
static const char *const terminal_browsers[] = {
	"lynx", "w3m", "elinks", "links", "links2", "browsh", "carbonyl",
	"www-browser", "netrik", "retawq", "edbrowse", "amfora"
};

/* The opener's command line, made from $BROWSER. */
struct opener {
	char	 *copy;		/* $BROWSER, cut into words in place */
	char	**argv;		/* NULL-ended: words of copy, or the URL */
};

/* A terminal browser while it runs. */
struct fg_job {
	pid_t	 pid;
	int	 fd;		/* the terminal */
	int	 own_group;	/* in a process group of its own, the
				   terminal's foreground one */
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

/*
 * Whether a detached program could show a window.  Without X11 or
 * Wayland there is nothing it could show: the terminal is all there is.
 * macOS's desktop needs neither variable.
 */
static int
graphical_session(void)
{
#ifdef __APPLE__
	return 1;
#else
	const char *x11 = getenv("DISPLAY"), *wayland = getenv("WAYLAND_DISPLAY");

	return (x11 != NULL && *x11 != '\0') ||
	    (wayland != NULL && *wayland != '\0');
#endif
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

static size_t
count_words(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && (s[1] == ' ' || s[1] == '\t' ||
		    s[1] == '\0'))
			n++;
	return n;
}

static void
opener_free(struct opener *op)
{
	free(op->argv);
	free(op->copy);
	op->argv = NULL;
	op->copy = NULL;
}

/*
 * Build the opener's argv from browser (the value of $BROWSER, NULL or
 * empty for the system's opener).  $BROWSER is a colon-separated list
 * of commands, each split on blanks (no shell: no quoting, no
 * expansion); a word "%s" stands for the URL, else the URL is appended.
 * The first command that can be found wins.  Any length and any number
 * of words: nothing is cut.  Returns 0, or -1 (op left empty) when no
 * command can be found; opener_free() frees op.
 */
static int
opener_build(struct opener *op, const char *browser, const char *url)
{
	char *cand, *next, *word, *save;
	size_t n;
	int has_url;

	if (browser == NULL || *browser == '\0') {
#ifdef __APPLE__
		browser = "open";
#else
		browser = "xdg-open";
#endif
	}
	op->copy = xstrdup(browser);
	op->argv = NULL;
	for (cand = op->copy; cand != NULL; cand = next) {
		if ((next = strchr(cand, ':')) != NULL)
			*next++ = '\0';
		/* Its words, an appended URL and the NULL. */
		op->argv = xreallocarray(op->argv, count_words(cand) + 2,
		    sizeof(*op->argv));
		n = 0;
		has_url = 0;
		for (word = strtok_r(cand, " \t", &save); word != NULL;
		    word = strtok_r(NULL, " \t", &save)) {
			if (strcmp(word, "%s") == 0) {
				op->argv[n++] = (char *)(uintptr_t)url;
				has_url = 1;
			} else
				op->argv[n++] = word;
		}
		if (n == 0 || !findable(op->argv[0]))
			continue;
		if (!has_url)
			op->argv[n++] = (char *)(uintptr_t)url;
		op->argv[n] = NULL;
		return 0;
	}
	opener_free(op);
	return -1;
}

/*
 * The configuration's opener: its words, with the URL for each word
 * "%s", else after the last.  Returns 0, or -1 (op left empty) when its
 * program cannot be found.
 */
static int
opener_words(struct opener *op, char *const *words, const char *url)
{
	size_t n = 0, i;
	int has_url = 0;

	while (words[n] != NULL)
		n++;
	op->copy = NULL;
	op->argv = xreallocarray(NULL, n + 2, sizeof(*op->argv));
	for (i = 0; i < n; i++) {
		has_url |= strcmp(words[i], "%s") == 0;
		op->argv[i] = strcmp(words[i], "%s") == 0 ?
		    (char *)(uintptr_t)url : words[i];
	}
	if (!has_url)
		op->argv[n++] = (char *)(uintptr_t)url;
	op->argv[n] = NULL;
	if (findable(op->argv[0]))
		return 0;
	opener_free(op);
	return -1;
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

/* A no-op: SIGCHLD only has to end the wait in fg_wait(). */
static void
on_child(int sig)
{
	(void)sig;
}

/* Signal the browser, and with its own group whatever it started. */
static void
fg_signal(const struct fg_job *j, int sig)
{
	kill(j->own_group ? -j->pid : j->pid, sig);
}

static void	fg_child(const struct fg_job *, char *[]) NORETURN;

/*
 * In the child: the terminal's foreground process group of its own, so
 * that its keys (^C, ^Z) are its alone and ending it ends what it
 * started; the terminal as its input, even when ours is the data.
 */
static void
fg_child(const struct fg_job *j, char *argv[])
{
	if (j->own_group) {
		setpgid(0, 0);
		/* Before the exec, which may read keys; SIGTTOU is blocked. */
		tcsetpgrp(j->fd, getpid());
	}
	if (j->fd > STDIN_FILENO && !isatty(STDIN_FILENO))
		dup2(j->fd, STDIN_FILENO);
	child_signals();
	execvp(argv[0], argv);
	fprintf(stderr, "%s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/*
 * The browser was stopped (^Z): take the terminal back and stop too, as
 * the job of the shell that started us, then hand it over again and let
 * the browser go on.  raise() stops this thread, and the whole process
 * with it, before it returns; with no shell to continue us (an orphaned
 * process group) the kernel discards the signal and we go on at once.
 */
static void
fg_suspended(const struct fg_job *j)
{
	struct sigaction dfl, old;

	tcsetpgrp(j->fd, getpgrp());
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &old);
	raise(SIGTSTP);
	sigaction(SIGTSTP, &old, NULL);
	tcsetpgrp(j->fd, j->pid);
	fg_signal(j, SIGCONT);
}

/*
 * Wait for the browser to exit.  SIGCHLD, SIGTERM and SIGHUP are
 * blocked but inside pselect() (which waits with the mask wake), so
 * none of them that this thread takes can come between a check and the
 * wait.  When the program
 * is asked to end, the browser is asked too (SIGTERM), and made to
 * (SIGKILL) after KILL_GRACE_MS.  Returns 0 once it is reaped, its wait
 * status in *status, else an errno.
 */
static int
fg_wait(const struct open_state *st, const struct fg_job *j,
    const sigset_t *wake, int *status)
{
	struct timespec ts;
	long long deadline = 0, left;
	int ending = 0;		/* 1 once SIGTERM is sent, 2 SIGKILL */
	pid_t r;

	for (;;) {
		r = waitpid(j->pid, status, WNOHANG |
		    (j->own_group ? WUNTRACED : 0));
		if (r == j->pid && WIFSTOPPED(*status)) {
			fg_suspended(j);
			continue;
		}
		if (r == j->pid)
			return 0;
		if (r == -1 && errno != EINTR)
			return errno;
		if (ending == 0 && st->stopping != NULL && st->stopping()) {
			fg_signal(j, SIGTERM);
			/* A stopped browser would act on it only when woken. */
			fg_signal(j, SIGCONT);
			deadline = util_now_ms() + KILL_GRACE_MS;
			ending = 1;
		}
		left = ending == 1 ? deadline - util_now_ms() : WAIT_TICK_MS;
		if (ending == 1 && left <= 0) {
			fg_signal(j, SIGKILL);
			ending = 2;
			left = WAIT_TICK_MS;
		}
		if (left > WAIT_TICK_MS)
			left = WAIT_TICK_MS;
		ts.tv_sec = 0;
		ts.tv_nsec = (long)left * 1000000;
		pselect(0, NULL, NULL, NULL, &ts, wake);
	}
}

/*
 * Start the browser on the terminal and wait for it (see fg_wait()), its
 * wait status in *status.  Returns 0, an errno of the wait, or minus
 * the errno of fork().
 */
static int
fg_run(const struct open_state *st, char *argv[], int *status)
{
	struct sigaction ign, chld, old_int, old_quit, old_chld;
	sigset_t block, was, wake;
	struct fg_job j;
	int err = 0;

	/* Like system(): ^C in the browser is for the browser, not us. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	chld = ign;
	chld.sa_handler = on_child;
	/* pselect() is never restarted; other threads' calls may be. */
	chld.sa_flags = SA_RESTART;
	sigaction(SIGCHLD, &chld, &old_chld);
	/* SIGTTOU too: a background group taking the terminal back. */
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGTTOU);
	pthread_sigmask(SIG_BLOCK, &block, &was);
	wake = was;
	sigaddset(&wake, SIGTTOU);
	j.fd = st->tty_fd;
	j.own_group = j.fd >= 0 && tcgetpgrp(j.fd) == getpgrp();
	if ((j.pid = fork()) == 0)
		fg_child(&j, argv);
	if (j.pid == -1)
		err = errno;
	else {
		if (j.own_group) {
			/* Either side may come first; both set the same. */
			setpgid(j.pid, j.pid);
			tcsetpgrp(j.fd, j.pid);
		}
		err = fg_wait(st, &j, &wake, status);
		if (j.own_group)
			tcsetpgrp(j.fd, getpgrp());
	}
	pthread_sigmask(SIG_SETMASK, &was, NULL);
	sigaction(SIGCHLD, &old_chld, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	return j.pid == -1 ? -err : err;
}

/* A terminal browser: it gets the terminal until it exits. */
static int
run_foreground(const struct open_state *st, char *argv[], const char *url,
    char *msg, size_t size)
{
	int status = 0, err;

	if (st->tty != NULL)
		st->tty(1);
	err = fg_run(st, argv, &status);
	if (st->tty != NULL)
		st->tty(0);
	if (err < 0) {
		snprintf(msg, size, "Could not start %s: %s", argv[0],
		    strerror(-err));
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
	struct opener op;
	int rc, fg;

	if (!open_url_allowed(url)) {
		snprintf(msg, size, "Not opening a link that is not http(s)");
		return -1;
	}
	if (st->command != NULL && st->command[0] != NULL) {
		if (opener_words(&op, st->command, url) < 0) {
			snprintf(msg, size, "No way to open %s: %s, the "
			    "configuration's opener, not found", url,
			    st->command[0]);
			return -1;
		}
	} else if (opener_build(&op, browser, url) < 0) {
		snprintf(msg, size, "No way to open %s: %s not found (set "
		    "BROWSER)", url, browser != NULL && *browser != '\0' ?
		    "$BROWSER" : "xdg-open");
		return -1;
	}
	fg = is_terminal_browser(op.argv[0]) || !graphical_session();
	/* The configuration says which it is, when it says. */
	if (st->command != NULL && st->command[0] != NULL &&
	    st->command_terminal >= 0)
		fg = st->command_terminal;
	if (fg)
		rc = run_foreground(st, op.argv, url, msg, size);
	else
		rc = run_detached(st, op.argv, url, msg, size);
	opener_free(&op);
	return rc;
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
open_copy(const char *text, const char *what, char *msg, size_t size)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *s = (const unsigned char *)text;
	struct buf out = { 0 };
	size_t len = strlen(text), i;
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
	/* Base64 is all the terminal sees of the text: nothing to escape. */
	fwrite(out.ptr, 1, out.len, stdout);
	fflush(stdout);
	buf_free(&out);
	snprintf(msg, size, "Copied %s to the clipboard (if the terminal "
	    "allows OSC 52)", what != NULL ? what : text);
}
