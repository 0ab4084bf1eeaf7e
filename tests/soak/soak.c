/*
 * soak.c - run a kiosk for a long time and watch its memory.
 *
 * Starts the normal (non-sanitizer) build as a conference kiosk would run
 * it, "sma-allies --kiosk --idle 2 --cycle 1 -d FILE", on a 100x30
 * pseudo-terminal (tests/tty/vt.h), FILE being a private copy of
 * data/allies.yaml.  For SOAK_SECONDS (default 600) it alternates idle
 * periods, in which the countdown and the attract loop run, with bursts
 * of random keys, mouse events and resizes, and now and then rewrites the
 * data file (valid, larger, invalid, deleted).  After every burst it
 * checks that the kiosk answers (Esc, Esc, g brings back the title).
 *
 * Every 10 s it samples VmRSS from /proc/PID/status.  At the end it
 * prints the first, the 60 s, the last and the largest sample and one
 * line "PASS" or "FAIL: why".  It fails if the kiosk died or stopped
 * answering, if SIGTERM does not end it with status 0, or if the last
 * RSS is more than 20% + 2 MB above the RSS at the 60 s mark (the first
 * sample when the run is shorter), which is what a leak looks like once
 * caches have warmed up.
 *
 *	soak [PROGRAM [DATA]]	default ./sma-allies and data/allies.yaml
 *
 * Environment: SOAK_SECONDS, SOAK_SEED (random keys; printed).  Exit
 * status 0 on PASS, 1 on FAIL, 2 if it could not start.
 */

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "e2e/e2e.h"

#define ROWS		30
#define COLS		100
#define SAMPLE_MS	10000
#define BASE_MS		60000	/* RSS baseline: after warming up */
#define SLACK_KB	2048	/* plus 20% */
#define ANSWER_MS	10000	/* to come back after a burst */
#define TITLE		"Social Mission Alliance"

static struct vt *vt;
static char *dir, *data;
static char *orig_text;
static struct e2e_rng rng;

static unsigned
rnd(unsigned n)
{
	return e2e_randn(&rng, n);
}

/* Write text to the data file, in place or (atomic) through a rename. */
static void
put_file(const char *text, int atomic)
{
	if (e2e_write_file(data, text, strlen(text), 0644, atomic) != 0)
		fprintf(stderr, "soak: %s: %s\n", data, strerror(errno));
}

/* The data file with n extra allies appended. */
static void
put_bigger(int n, int atomic)
{
	size_t len = strlen(orig_text), cap = len + (size_t)n * 200 + 64;
	char *t = malloc(cap);
	int i, k;

	if (t == NULL)
		return;
	k = snprintf(t, cap, "%s%s", orig_text,
	    len > 0 && orig_text[len - 1] == '\n' ? "" : "\n");
	for (i = 0; i < n; i++)
		k += snprintf(t + k, cap - (size_t)k,
		    "  - name: Soak Ally %d-%u\n"
		    "    url: https://example.org/soak/%d\n"
		    "    description: A made-up ally for the soak test.\n"
		    "    tags: [soak, test]\n", i, rnd(100000), i);
	put_file(t, atomic);
	free(t);
}

/* One data file change, chosen at random; says what it did. */
static const char *
rewrite_data(void)
{
	static const char *const broken[] = {
		"allies:\n  - name: [unclosed\n",
		"program: {\n",
		("allies:\n  - name: X\n    url: ftp://example.org/\n"
		"    description: not http\n"),
		"\t- tabs are not YAML\n",
	};

	switch (rnd(6)) {
	case 0:
		put_file(orig_text, rnd(2));
		return "valid (original)";
	case 1:
		put_bigger(1 + (int)rnd(3), rnd(2));
		return "valid (a few more allies)";
	case 2:
		put_bigger(300 + (int)rnd(300), 1);
		return "valid (hundreds more allies)";
	case 3:
	case 4:
		put_file(broken[rnd(sizeof(broken) / sizeof(broken[0]))],
		    rnd(2));
		return "invalid";
	default:
		unlink(data);
		return "deleted";
	}
}

/* VmRSS in kB, or -1 when the process is gone. */
static long
rss_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *fp;

	snprintf(path, sizeof(path), "/proc/%ld/status", (long)pid);
	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strncmp(line, "VmRSS:", 6) == 0) {
			kb = strtol(line + 6, NULL, 10);
			break;
		}
	fclose(fp);
	return kb;
}

static int
alive(void)
{
	int status;

	return waitpid(vt_pid(vt), &status, WNOHANG) == 0;
}

/* Pump the screen for ms, so the kiosk never blocks on its output. */
static void
idle(int ms)
{
	int64_t end = vt_now_ms() + ms;

	while (vt_now_ms() < end)
		if (vt_pump(vt, (int)(end - vt_now_ms())) < 0)
			break;
}

static void
send_random_key(void)
{
	static const char *const seqs[] = {
		"\033[A", "\033[B", "\033[C", "\033[D", "\033[5~", "\033[6~",
		"\033[H", "\033[F", "\033[3~", "\033OP", "\t", "\033[Z",
		"\r", "\177", " ", "\033", "q", "/", "o", "b", "a", "?",
		"j", "k", "g", "G", "n", "N", "\x1d", "\x15", "\x0c",
		"\x03", "\x1a", "\x1c", "nurs", "(", "a{1,", "\xc3\xa9",
		"\xff",
	};
	char b[1];
	unsigned k = rnd(100);

	if (k < 50) {
		const char *s = seqs[rnd(sizeof(seqs) / sizeof(seqs[0]))];

		vt_send(vt, s, strlen(s));
	} else if (k < 80) {
		b[0] = (char)(0x20 + rnd(0x5f));
		vt_send(vt, b, 1);
	} else if (k < 90) {
		b[0] = (char)rnd(32);
		vt_send(vt, b, 1);
	} else {
		/* A click, a double click or the wheel somewhere. */
		int r = (int)rnd(ROWS), c = (int)rnd(COLS);
		int btn = rnd(3) == 0 ? 64 + (int)rnd(2) : 0;

		vt_mouse(vt, VT_PRESS, btn, r, c);
		vt_mouse(vt, VT_RELEASE, btn, r, c);
	}
}

/* Random keys and now and then a resize; back to 100x30 at the end. */
static void
burst(int keys)
{
	int i;

	for (i = 0; i < keys; i++) {
		if (rnd(40) == 0)
			vt_resize(vt, 1 + (int)rnd(70), 1 + (int)rnd(220));
		send_random_key();
		if (rnd(10) == 0)
			idle(20);
		else
			vt_pump(vt, 0);
	}
	vt_resize(vt, ROWS, COLS);
}

/* Does it answer?  Esc, Esc, g: the title must be on screen. */
static int
answers(void)
{
	vt_send(vt, "\033", 1);
	idle(60);
	vt_send(vt, "\033", 1);
	idle(60);
	vt_send(vt, "g", 1);
	return vt_wait_text(vt, TITLE, ANSWER_MS);
}

static void
cleanup(void)
{
	e2e_rmtree(dir);
	free(dir);
	free(data);
	free(orig_text);
}

int
main(int argc, char **argv)
{
	const char *prog = argc > 1 ? argv[1] : "./sma-allies";
	const char *src = argc > 2 ? argv[2] : "data/allies.yaml";
	const char *s = getenv("SOAK_SECONDS"), *seed = getenv("SOAK_SEED");
	const char *args[] = { "--kiosk", "--idle", "2", "--cycle", "1",
	    "-d", NULL, NULL };
	struct e2e_env env;
	long seconds = s != NULL && *s != '\0' ? strtol(s, NULL, 10) : 600;
	long first = -1, base = -1, last = -1, max = 0, kb, limit;
	long long start, end, next_sample, t;
	unsigned long sd;
	int bursts = 0, rewrites = 0, stalls = 0, died = 0;
	const char *ended;
	char why[256] = "";

	if (seconds < 1)
		seconds = 1;
	sd = seed != NULL && *seed != '\0' ? strtoul(seed, NULL, 10) :
	    (unsigned long)time(NULL);
	e2e_rng_seed(&rng, sd);
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);

	if ((orig_text = e2e_slurp(src, NULL)) == NULL) {
		fprintf(stderr, "soak: %s: %s\n", src, strerror(errno));
		return 2;
	}
	if ((dir = e2e_tmpdir("sma-soak")) == NULL) {
		fprintf(stderr, "soak: mkdtemp: %s\n", strerror(errno));
		return 2;
	}
	data = e2e_asprintf("%s/allies.yaml", dir);
	args[6] = data;
	put_file(orig_text, 0);
	atexit(cleanup);

	printf("soak: %s --kiosk --idle 2 --cycle 1 -d COPY at %dx%d for "
	    "%ld s (SOAK_SEED=%lu)\n", prog, COLS, ROWS, seconds, sd);
	e2e_env_init(&env);
	e2e_env_put(&env, "PATH=/usr/bin:/bin");
	e2e_env_put(&env, "SMA_ALLIES_STAFF_PIN=soak-pin-nobody-types-this");
	vt = e2e_spawn(prog, args, &env, ROWS, COLS);
	e2e_env_free(&env);
	if (vt == NULL) {
		fprintf(stderr, "soak: cannot start %s: %s\n", prog,
		    strerror(errno));
		return 2;
	}
	if (!vt_wait_text(vt, TITLE, ANSWER_MS)) {
		fprintf(stderr, "soak: %s did not draw its title\n", prog);
		vt_free(vt);
		return 2;
	}

	start = vt_now_ms();
	end = start + seconds * 1000;
	next_sample = start;
	while ((t = vt_now_ms()) < end) {
		if (t >= next_sample) {
			if ((kb = rss_kb(vt_pid(vt))) < 0 || !alive()) {
				died = 1;
				break;
			}
			if (first < 0)
				first = kb;
			if (base < 0 && t - start >= BASE_MS)
				base = kb;
			if (kb > max)
				max = kb;
			last = kb;
			printf("soak: %4llds  VmRSS %6ld kB  (%d bursts, %d "
			    "rewrites)\n", (t - start) / 1000, kb, bursts,
			    rewrites);
			next_sample += SAMPLE_MS;
		}
		switch (rnd(10)) {
		case 0:
		case 1:
		case 2:
		case 3:
			/* Nobody there: countdown, reset, attract loop. */
			idle(1000 + (int)rnd(6000));
			break;
		case 4:
			printf("soak: data file: %s\n", rewrite_data());
			rewrites++;
			idle(700);
			break;
		default:
			burst(20 + (int)rnd(300));
			bursts++;
			if (!alive()) {
				died = 1;
				break;
			}
			if (!answers()) {
				stalls++;
				fprintf(stderr, "soak: no title %d ms after a "
				    "burst\n", ANSWER_MS);
				e2e_dump(vt, "after a burst");
			}
			break;
		}
		if (died || !alive()) {
			died = 1;
			break;
		}
	}
	/* The last sample, at the very end. */
	if (!died && (kb = rss_kb(vt_pid(vt))) >= 0) {
		last = kb;
		if (kb > max)
			max = kb;
		if (first < 0)
			first = kb;
	}
	if (base < 0)
		base = first;

	if (died) {
		end = (vt_now_ms() - start) / 1000;
		if ((ended = e2e_exit_why(vt, 2000)) == NULL)
			ended = "exit status 0";
		snprintf(why, sizeof(why), "the kiosk died after %lld s (%s)",
		    end, ended);
	} else {
		vt_kill(vt, SIGTERM);
		if ((ended = e2e_exit_why(vt, ANSWER_MS)) != NULL)
			snprintf(why, sizeof(why), "after SIGTERM it %s, want "
			    "exit status 0", ended);
	}
	limit = base + base / 5 + SLACK_KB;
	printf("soak: %ld s, %d bursts, %d data rewrites, %d stalls\n",
	    seconds, bursts, rewrites, stalls);
	printf("soak: VmRSS first %ld kB, at 60 s %ld kB, last %ld kB, max "
	    "%ld kB (limit %ld kB)\n", first, base, last, max, limit);
	if (why[0] == '\0' && stalls > 0)
		snprintf(why, sizeof(why), "%d times it did not answer after "
		    "a burst", stalls);
	if (why[0] == '\0' && last > limit)
		snprintf(why, sizeof(why), "VmRSS grew from %ld kB to %ld kB",
		    base, last);
	vt_free(vt);
	if (why[0] != '\0') {
		printf("FAIL: %s\n", why);
		return 1;
	}
	printf("PASS\n");
	return 0;
}
