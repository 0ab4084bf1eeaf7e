/*
 * replay: run the fuzz target over files without libFuzzer, so that
 * `make test` (gcc and the sanitizers) passes the seed corpus and every
 * saved regression through it on each run.
 *
 *   replay [-v] [FILE|DIR...]
 *
 * Without arguments it replays REPLAY_CORPUS and REPLAY_REGRESS (for the
 * loader's target tests/fuzz/corpus and tests/fuzz/regress; the build of
 * another target names its own), relative to the current directory (the
 * top of the source tree, as tests/run.sh runs it).
 * Every regular file named, and every regular file directly inside a
 * directory named (in name order, dot files skipped), is one test.  A
 * file whose name holds ".ok." must load and one whose name holds ".err."
 * must be refused; other files only have to keep the fuzz target's
 * invariants.  The limits are the fuzzer's: REPLAY_TIMEOUT seconds per
 * file and, under AddressSanitizer, REPLAY_RSS_MB of memory.  A broken
 * invariant or a sanitizer report aborts the run; otherwise it ends with
 * "N passed, M failed", the line tests/run.sh counts.  Files are named
 * as they run with -v; otherwise only the one that failed is.
 */
#include "fuzz_load.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef REPLAY_TIMEOUT
#define REPLAY_TIMEOUT	10	/* seconds, as -timeout in `make fuzz` */
#endif
#ifndef REPLAY_CORPUS
#define REPLAY_CORPUS	"tests/fuzz/corpus"
#define REPLAY_REGRESS	"tests/fuzz/regress"
#endif

#if defined(__SANITIZE_ADDRESS__)
#define REPLAY_HAVE_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REPLAY_HAVE_ASAN	1
#endif
#endif

const char	*__asan_default_options(void);
#ifdef REPLAY_HAVE_ASAN
void		 __sanitizer_set_death_callback(void (*)(void));
#endif

static size_t passed, failed;
static int verbose;

/*
 * What to say if the file being replayed ends the program: built before
 * each file, written by the handlers below with write(2) alone.
 */
static char timeout_msg[512];
static size_t timeout_len;
static char crash_msg[512];
static size_t crash_len;

/*
 * Read under AddressSanitizer before main(): the fuzzer's -rss_limit_mb,
 * so that an input that needs too much memory fails here as it does
 * there.  ASAN_OPTIONS from the environment is applied on top.
 */
const char *
__asan_default_options(void)
{
	return "hard_rss_limit_mb=1024";
}

static void
on_alarm(int sig)
{
	(void)sig;
	(void)write(STDERR_FILENO, timeout_msg, timeout_len);
	_exit(1);
}

/* A broken invariant (abort()) or a sanitizer report: name the file. */
static void
on_crash(void)
{
	(void)write(STDERR_FILENO, crash_msg, crash_len);
}

static void
on_abort(int sig)
{
	on_crash();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The length snprintf() wrote into a buffer of size bytes. */
static size_t
msg_len(size_t size, int n)
{
	if (n < 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}

/* Read the whole of path; returns NULL (and says why) on error. */
static uint8_t *
slurp(const char *path, size_t *len)
{
	uint8_t *p = NULL, *np;
	size_t cap = 0, n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	*len = 0;
	for (;;) {
		if (cap - *len < 4096) {
			cap = cap == 0 ? 65536 : cap * 2;
			if ((np = realloc(p, cap)) == NULL) {
				fprintf(stderr, "replay: out of memory\n");
				free(p);
				fclose(f);
				return NULL;
			}
			p = np;
		}
		n = fread(p + *len, 1, cap - *len, f);
		*len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		free(p);
		fclose(f);
		return NULL;
	}
	fclose(f);
	return p;
}

/* The outcome a file's name asks for: 0 load, -1 refuse, 1 either. */
static int
expected(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base != NULL ? base + 1 : path;
	if (strstr(base, ".ok.") != NULL)
		return 0;
	if (strstr(base, ".err.") != NULL)
		return -1;
	return 1;
}

static void
run_file(const char *path)
{
	uint8_t *data;
	size_t len;
	int want, n;

	if ((data = slurp(path, &len)) == NULL) {
		failed++;
		return;
	}
	if (verbose) {
		printf("replay: %s (%zu bytes)\n", path, len);
		fflush(stdout);
	}
	n = snprintf(timeout_msg, sizeof(timeout_msg), "FAIL: %s: still "
	    "running after %d seconds (the fuzzer's timeout)\n", path,
	    REPLAY_TIMEOUT);
	timeout_len = msg_len(sizeof(timeout_msg), n);
	n = snprintf(crash_msg, sizeof(crash_msg), "FAIL: %s: crashed "
	    "(%zu bytes; see above)\n", path, len);
	crash_len = msg_len(sizeof(crash_msg), n);
	alarm(REPLAY_TIMEOUT);
	LLVMFuzzerTestOneInput(data, len);
	alarm(0);
	crash_len = 0;
	free(data);
	want = expected(path);
	if (want != 1 && fuzz_last_load != want) {
		printf("FAIL: %s: expected the file to %s\n", path,
		    want == 0 ? "load" : "be refused");
		failed++;
		return;
	}
	passed++;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
run_dir(const char *dir)
{
	struct dirent *de;
	struct stat st;
	char **names = NULL, **nn, *path;
	size_t n = 0, cap = 0, i, plen;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		failed++;
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		plen = strlen(dir) + strlen(de->d_name) + 2;
		if ((path = malloc(plen)) == NULL)
			break;
		snprintf(path, plen, "%s/%s", dir, de->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if (n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			if ((nn = realloc(names, cap * sizeof(*names))) ==
			    NULL) {
				free(path);
				break;
			}
			names = nn;
		}
		names[n++] = path;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		run_file(names[i]);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char *argv[])
{
	static const char *const defaults[] = {
		REPLAY_CORPUS, REPLAY_REGRESS
	};
	const char *const *args = (const char *const *)argv + 1;
	struct stat st;
	int i, n = argc - 1;

	if (n > 0 && strcmp(args[0], "-v") == 0) {
		verbose = 1;
		args++;
		n--;
	}
	if (n == 0) {
		args = defaults;
		n = (int)(sizeof(defaults) / sizeof(defaults[0]));
	}
	signal(SIGALRM, on_alarm);
	signal(SIGABRT, on_abort);
#ifdef REPLAY_HAVE_ASAN
	__sanitizer_set_death_callback(on_crash);
#endif
	for (i = 0; i < n; i++) {
		if (stat(args[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", args[i],
			    strerror(errno));
			failed++;
		} else if (S_ISDIR(st.st_mode))
			run_dir(args[i]);
		else
			run_file(args[i]);
	}
	printf("%zu passed, %zu failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
