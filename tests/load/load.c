/*
 * load.c - many public sessions at once over SSH on loopback, each as a
 * person uses one: connect, wait for the list, type a search key by key,
 * check the result, quit.  Run by `make load` under tests/ssh/sshd.sh,
 * which provides the sshd and the account (SMA_SSH_*).
 *
 *   load PROGRAM    (LOAD_SESSIONS=N, default 100)
 *
 * Prints one table: the start-up of PROGRAM --public alone on a pty and
 * of a session over ssh (median, p95), the latency of each key from its
 * write to the frame that shows it (median, p95, max over every key of
 * every session, all sessions typing at once), the memory of a session
 * (the proportional set size of its sma-allies and its two sshd
 * processes, and sma-allies' resident size) with every session open, and
 * how many sessions got the right result.  Exit status 0 when all did.
 *
 * Connections are opened a few at a time, as the shipped MaxStartups
 * and PerSourceMaxStartups let one address do; the sessions then all
 * stay open together until each has quit.
 */

#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "e2e/e2e.h"

#define FIRST		"The American Academy of Family Physicians"
#define RESULT		"Organization for Associate Degree Nursing"
#define QUERY		"nurs"
#define ROWS		24
#define COLS		80
#define CONNECTING_MAX	8	/* unauthenticated at once (MaxStartups) */
#define LOCAL_RUNS	20
#define T_SESSION	60000	/* ms a session may take, all told */

enum phase {
	P_CONNECT,		/* ssh started, no list yet */
	P_READY,		/* the list is up: waiting for the go */
	P_TYPING,		/* a key sent, waiting for its frame */
	P_CHECK,		/* the whole query typed: the result */
	P_QUIT,			/* q sent */
	P_DONE
};

struct session {
	struct vt	*vt;
	enum phase	 phase;
	double		 started, sent;	/* ms: see now_ms() */
	size_t		 typed;		/* keys of "/" QUERY sent */
	int		 right;		/* got the result */
	pid_t		 program;	/* its sma-allies */
};

static double	*lat;		/* ms, one per key */
static size_t	 nlat;

/* Milliseconds on the monotonic clock, to the microsecond. */
static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The q-quantile of v[0..n) (sorted in place). */
static double
quantile(double *v, size_t n, double q)
{
	size_t i;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	i = (size_t)(q * (double)(n - 1) + 0.5);
	return v[i < n ? i : n - 1];
}

/* A field of /proc/PID/FILE in kB ("VmRSS:", "Pss:"), or 0. */
static long
proc_kb(pid_t pid, const char *file, const char *field)
{
	char path[64], line[256];
	size_t len = strlen(field);
	long kb = 0;
	FILE *fp;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	if ((fp = fopen(path, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strncmp(line, field, len) == 0)
			kb = strtol(line + len, NULL, 10);
	fclose(fp);
	return kb;
}

/* The command line of pid, blanks for NULs, into buf. */
static void
cmdline(const char *pid, char *buf, size_t size)
{
	char path[300];
	size_t n, i;
	FILE *fp;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%s/cmdline", pid);
	if ((fp = fopen(path, "r")) == NULL)
		return;
	n = fread(buf, 1, size - 1, fp);
	fclose(fp);
	for (i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	buf[n] = '\0';
}

/*
 * The memory of every session now: the PSS of the sma-allies processes
 * whose command line holds prog and of the sshd processes of user, and
 * sma-allies' RSS, all in kB, with how many of each there are.
 */
struct memory {
	long	 prog_pss, prog_rss, sshd_pss;
	size_t	 progs, sshds;
};

static void
measure(const char *prog, const char *user, struct memory *m)
{
	char cmd[4096], want[128];
	struct dirent *d;
	DIR *dp;
	pid_t pid;

	memset(m, 0, sizeof(*m));
	snprintf(want, sizeof(want), "sshd: %s", user);
	if ((dp = opendir("/proc")) == NULL)
		return;
	while ((d = readdir(dp)) != NULL) {
		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		pid = (pid_t)strtol(d->d_name, NULL, 10);
		cmdline(d->d_name, cmd, sizeof(cmd));
		if (strncmp(cmd, want, strlen(want)) == 0) {
			m->sshd_pss += proc_kb(pid, "smaps_rollup", "Pss:");
			m->sshds++;
		} else if (strncmp(cmd, prog, strlen(prog)) == 0 &&
		    strstr(cmd, "--public") != NULL) {
			m->prog_pss += proc_kb(pid, "smaps_rollup", "Pss:");
			m->prog_rss += proc_kb(pid, "status", "VmRSS:");
			m->progs++;
		}
	}
	closedir(dp);
}

/* The bottom row shows the bar with the first n keys of "/" QUERY. */
static int
bar_shows(struct vt *vt, size_t n)
{
	char *row = vt_row(vt, ROWS - 1);
	char want[16];
	int ok;

	snprintf(want, sizeof(want), "/%.*s", (int)(n > 0 ? n - 1 : 0), QUERY);
	ok = strncmp(row, want, strlen(want)) == 0 &&
	    (row[strlen(want)] == ' ' || row[strlen(want)] == '\0') &&
	    strstr(row, "/12") != NULL;
	free(row);
	return ok;
}

static const char **
ssh_args(const char *port, const char *user)
{
	static char dest[128];
	static const char *v[] = {
		"-tt", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
		"-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
		"-o", "BatchMode=yes", "-p", NULL, NULL, NULL
	};

	snprintf(dest, sizeof(dest), "%s@127.0.0.1", user);
	v[12] = port;
	v[13] = dest;
	return v;
}

/* Take what came and move s on as far as its screen allows. */
static void
advance(struct session *s, int go)
{
	static const char keys[] = "/" QUERY;
	char *row;

	if (s->phase == P_DONE)
		return;
	if (vt_pump(s->vt, 0) < 0 && s->phase != P_QUIT) {
		fprintf(stderr, "load: a session ended early\n");
		s->phase = P_DONE;
		return;
	}
	switch (s->phase) {
	case P_CONNECT:
		if (vt_find(s->vt, FIRST, NULL, NULL)) {
			s->phase = P_READY;
			s->started = now_ms() - s->started;	/* its start-up */
		}
		break;
	case P_READY:
		if (!go)
			break;
		s->phase = P_TYPING;
		/* FALLTHROUGH */
	case P_TYPING:
		if (s->typed > 0 && !bar_shows(s->vt, s->typed))
			break;
		if (s->typed > 0)
			lat[nlat++] = now_ms() - s->sent;
		if (s->typed == strlen(keys)) {
			s->phase = P_CHECK;
			break;
		}
		vt_send(s->vt, &keys[s->typed++], 1);
		s->sent = now_ms();
		break;
	case P_CHECK:
		row = vt_row(s->vt, ROWS - 1);
		s->right = strstr(row, " 1/12") != NULL &&
		    vt_find(s->vt, RESULT, NULL, NULL) &&
		    !vt_find(s->vt, FIRST, NULL, NULL);
		free(row);
		vt_sends(s->vt, "\r");
		vt_sends(s->vt, "q");
		s->phase = P_QUIT;
		break;
	case P_QUIT:
		if (vt_wait_exit(s->vt, 0, NULL))
			s->phase = P_DONE;
		break;
	case P_DONE:
		break;
	}
}

/* Wait for output on any session still going, at most ms. */
static void
wait_any(struct session *v, size_t n, int ms)
{
	struct pollfd *p = e2e_realloc(NULL, n * sizeof(*p));
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (v[i].vt != NULL && v[i].phase != P_DONE) {
			p[k].fd = vt_fd(v[i].vt);
			p[k++].events = POLLIN;
		}
	poll(p, k, ms);
	free(p);
}

/* PROGRAM --public alone: its start-up (ms, median) and resident kB. */
static void
local_runs(const char *prog, double *median, double *p95, long *rss)
{
	const char *args[] = { "--public", NULL };
	double t[LOCAL_RUNS], t0;
	struct e2e_env env;
	struct vt *vt;
	int i;

	e2e_env_init(&env);
	e2e_env_put(&env, "PATH=/usr/bin:/bin");
	*rss = 0;
	for (i = 0; i < LOCAL_RUNS; i++) {
		t0 = now_ms();
		if ((vt = e2e_spawn(prog, args, &env, ROWS, COLS)) == NULL ||
		    !vt_wait_text(vt, FIRST, 10000)) {
			fprintf(stderr, "load: %s --public did not start\n",
			    prog);
			exit(2);
		}
		t[i] = now_ms() - t0;
		vt_wait_quiet(vt, 100, 2000);
		if (i == 0)
			*rss = proc_kb(vt_pid(vt), "status", "VmRSS:");
		vt_sends(vt, "q");
		vt_wait_exit(vt, 5000, NULL);
		vt_free(vt);
	}
	e2e_env_free(&env);
	*p95 = quantile(t, LOCAL_RUNS, 0.95);
	*median = quantile(t, LOCAL_RUNS, 0.5);
}

int
main(int argc, char **argv)
{
	const char *port = getenv("SMA_SSH_PORT"), *user = getenv("SMA_SSH_USER");
	const char *nenv = getenv("LOAD_SESSIONS");
	size_t n = nenv != NULL ? strtoul(nenv, NULL, 10) : 100, i, ready,
	    connecting, started = 0, done, right = 0;
	double *startup, local_med, local_p95;
	struct session *v;
	struct e2e_env env;
	struct memory m;
	int64_t t0, now, typing;
	long local_rss;
	char prog[4096];

	if (argc != 2 || port == NULL || user == NULL || n == 0) {
		fprintf(stderr, "usage: sh tests/ssh/sshd.sh PROGRAM load "
		    "PROGRAM\n");
		return 2;
	}
	if (realpath(argv[1], prog) == NULL) {
		fprintf(stderr, "load: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	local_runs(prog, &local_med, &local_p95, &local_rss);
	v = e2e_realloc(NULL, n * sizeof(*v));
	memset(v, 0, n * sizeof(*v));
	lat = e2e_realloc(NULL, n * 8 * sizeof(*lat));
	startup = e2e_realloc(NULL, n * sizeof(*startup));
	e2e_env_init(&env);
	e2e_env_put(&env, "PATH=/usr/bin:/bin");
	e2e_env_put(&env, "HOME=/nonexistent");

	/* Open them all, a few connecting at a time. */
	t0 = vt_now_ms();
	for (;;) {
		now = vt_now_ms();
		for (i = ready = connecting = 0; i < started; i++) {
			advance(&v[i], 0);
			ready += v[i].phase == P_READY;
			connecting += v[i].phase == P_CONNECT;
		}
		if (ready == n)
			break;
		if (started < n && connecting < CONNECTING_MAX) {
			v[started].started = now_ms();
			v[started].vt = e2e_spawn("/usr/bin/ssh",
			    ssh_args(port, user), &env, ROWS, COLS);
			if (v[started].vt == NULL) {
				fprintf(stderr, "load: cannot start ssh: %s\n",
				    strerror(errno));
				return 2;
			}
			started++;
			continue;
		}
		if (now - t0 > T_SESSION) {
			fprintf(stderr, "load: only %zu of %zu sessions came "
			    "up in %d s\n", ready, n, T_SESSION / 1000);
			return 1;
		}
		wait_any(v, started, 10);
	}
	for (i = 0; i < n; i++)
		startup[i] = v[i].started;
	/* Every session open: what they hold, once they are quiet. */
	sleep(1);
	for (i = 0; i < n; i++)
		vt_pump(v[i].vt, 0);
	measure(prog, user, &m);

	/* All type at once. */
	typing = vt_now_ms();
	for (done = 0; done < n;) {
		now = vt_now_ms();
		for (i = done = 0; i < n; i++) {
			advance(&v[i], 1);
			done += v[i].phase == P_DONE;
		}
		if (now - typing > T_SESSION) {
			fprintf(stderr, "load: %zu of %zu sessions finished in "
			    "%d s\n", done, n, T_SESSION / 1000);
			break;
		}
		wait_any(v, n, 10);
	}
	for (i = 0; i < n; i++) {
		right += v[i].right;
		vt_free(v[i].vt);
	}

	printf("| measure | value |\n| --- | --- |\n");
	printf("| sessions at once | %zu, %zu got the right result |\n", n,
	    right);
	printf("| start-up, sma-allies --public alone (median, p95) | "
	    "%.1f ms, %.1f ms |\n", local_med, local_p95);
	printf("| start-up of a session over ssh, connection included "
	    "(median, p95) | %.0f ms, %.0f ms |\n",
	    quantile(startup, n, 0.5), quantile(startup, n, 0.95));
	printf("| per-key latency, %zu keys typed at once (median, p95, "
	    "max) | %.1f ms, %.1f ms, %.1f ms |\n", nlat,
	    quantile(lat, nlat, 0.5), quantile(lat, nlat, 0.95),
	    quantile(lat, nlat, 1.0));
	printf("| memory per session: sma-allies (PSS; RSS) | %.1f MiB; "
	    "%.1f MiB |\n", m.progs ? (double)m.prog_pss / m.progs / 1024 : 0,
	    m.progs ? (double)m.prog_rss / m.progs / 1024 : 0);
	printf("| memory per session: its 2 sshd processes (PSS) | "
	    "%.1f MiB |\n", n ? (double)m.sshd_pss / n / 1024 : 0);
	printf("| memory per session, all told (PSS) | %.1f MiB |\n",
	    n ? (double)(m.prog_pss + m.sshd_pss) / n / 1024 : 0);
	printf("| sma-allies alone, resident | %.1f MiB |\n",
	    (double)local_rss / 1024);
	if (m.progs != n || m.sshds != 2 * n)
		printf("(counted %zu sma-allies and %zu sshd processes)\n",
		    m.progs, m.sshds);
	e2e_env_free(&env);
	free(v);
	free(lat);
	free(startup);
	return right == n ? 0 : 1;
}
