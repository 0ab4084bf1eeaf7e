/*
 * e2e.c - the code every end-to-end program shares (see e2e.h).
 *
 * This file owns the random generator of the tests, the list of memory
 * to free at teardown, whole-file reading and writing, the environment
 * builder, running the program outside a terminal, and the screen
 * questions and waits built on vt.h.  It must not know about any one
 * test: no screen text of sma-allies appears here, and nothing here
 * fails a test by itself.
 */

#include "e2e/e2e.h"

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

/* How often e2e_until() asks its condition while nothing arrives. */
#define E2E_SLICE_MS	50

/* ---- chance ---- */

void
e2e_rng_seed(struct e2e_rng *r, unsigned long seed)
{
	/* Spread the seed; the + 1 keeps the state off 0 for seed 0. */
	r->state = (uint64_t)seed * UINT64_C(0x9e3779b97f4a7c15) + 1;
}

uint32_t
e2e_rand(struct e2e_rng *r)
{
	r->state ^= r->state >> 12;
	r->state ^= r->state << 25;
	r->state ^= r->state >> 27;
	return (uint32_t)((r->state * UINT64_C(2685821657736338717)) >> 32);
}

unsigned
e2e_randn(struct e2e_rng *r, unsigned n)
{
	/* 31 bits, as the kiosk tests' seeds have always been replayed. */
	return (e2e_rand(r) >> 1) % n;
}

/* ---- memory ---- */

static void
e2e_oom(void)
{
	fputs("e2e: out of memory\n", stderr);
	abort();
}

void *
e2e_realloc(void *p, size_t n)
{
	if ((p = realloc(p, n == 0 ? 1 : n)) == NULL)
		e2e_oom();
	return p;
}

char *
e2e_strdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(e2e_realloc(NULL, n), s, n);
}

char *
e2e_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	size_t len;
	FILE *fp;
	int bad;

	/* A memory stream grows as it is written: one pass, no sizing. */
	if ((fp = open_memstream(&s, &len)) == NULL)
		e2e_oom();
	va_start(ap, fmt);
	bad = vfprintf(fp, fmt, ap) < 0;
	va_end(ap);
	if (fclose(fp) != 0 || bad || s == NULL) {
		fprintf(stderr, "e2e: cannot format \"%s\"\n", fmt);
		abort();
	}
	return s;
}

/* What e2e_keep() holds until e2e_release(). */
static void **e2e_kept;
static size_t e2e_nkept, e2e_capkept;

void *
e2e_keep(void *p)
{
	if (e2e_nkept == e2e_capkept) {
		e2e_capkept = e2e_capkept ? 2 * e2e_capkept : 64;
		e2e_kept = e2e_realloc(e2e_kept, e2e_capkept *
		    sizeof(*e2e_kept));
	}
	e2e_kept[e2e_nkept++] = p;
	return p;
}

void
e2e_release(void)
{
	while (e2e_nkept > 0)
		free(e2e_kept[--e2e_nkept]);
	free(e2e_kept);
	e2e_kept = NULL;
	e2e_capkept = 0;
}

/* ---- files ---- */

char *
e2e_read_stream(FILE *fp, size_t *lenp)
{
	char *p = NULL;
	size_t len = 0, cap = 0, n;

	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			p = e2e_realloc(p, cap + 1);
		}
		n = fread(p + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	if (ferror(fp)) {
		free(p);
		errno = errno ? errno : EIO;
		return NULL;
	}
	p[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return p;
}

char *
e2e_slurp(const char *path, size_t *lenp)
{
	FILE *fp;
	char *p;
	int err;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	p = e2e_read_stream(fp, lenp);
	err = errno;
	fclose(fp);
	errno = err;
	return p;
}

int
e2e_write_file(const char *path, const char *data, size_t len, int mode,
    int atomic)
{
	char *tmp = atomic ? e2e_asprintf("%s.new", path) : NULL;
	const char *to = atomic ? tmp : path;
	FILE *fp;
	int err = 0;

	if ((fp = fopen(to, "w")) == NULL)
		err = errno;
	else {
		if (fwrite(data, 1, len, fp) != len)
			err = errno ? errno : EIO;
		if (fclose(fp) != 0 && err == 0)
			err = errno;
	}
	if (err == 0 && chmod(to, (mode_t)mode) != 0)
		err = errno;
	if (err == 0 && atomic && rename(tmp, path) != 0)
		err = errno;
	free(tmp);
	errno = err;
	return err == 0 ? 0 : -1;
}

char *
e2e_tmpdir(const char *prefix)
{
	const char *tmp = getenv("TMPDIR");
	char *dir;
	int err;

	dir = e2e_asprintf("%s/%s.XXXXXX", tmp != NULL && *tmp != '\0' ?
	    tmp : "/tmp", prefix);
	if (mkdtemp(dir) == NULL) {
		err = errno;
		free(dir);
		errno = err;
		return NULL;
	}
	return dir;
}

static int
e2e_rm_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

void
e2e_rmtree(const char *dir)
{
	if (dir != NULL && *dir != '\0')
		nftw(dir, e2e_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- the environment of the program ---- */

void
e2e_env_init(struct e2e_env *env)
{
	env->n = 0;
	env->var[0] = NULL;
	e2e_env_put(env, "TERM=xterm-256color");
	e2e_env_put(env, "LC_ALL=C.UTF-8");
}

void
e2e_env_take(struct e2e_env *env, char *setting)
{
	size_t i, name = strcspn(setting, "=");
	int set = setting[name] == '=';

	for (i = 0; i < env->n; i++)
		if (strncmp(env->var[i], setting, name) == 0 &&
		    env->var[i][name] == '=')
			break;
	if (i < env->n) {
		free(env->var[i]);
		env->var[i] = set ? setting : env->var[--env->n];
	} else if (set) {
		if (env->n == E2E_ENV_MAX) {
			fprintf(stderr, "e2e: no room for %s\n", setting);
			abort();
		}
		env->var[env->n++] = setting;
	}
	if (!set)
		free(setting);
	env->var[env->n] = NULL;
}

void
e2e_env_put(struct e2e_env *env, const char *setting)
{
	e2e_env_take(env, e2e_strdup(setting));
}

void
e2e_env_pass(struct e2e_env *env, const char *name)
{
	const char *v = getenv(name);

	if (v != NULL)
		e2e_env_putf(env, "%s=%s", name, v);
}

void
e2e_env_put_all(struct e2e_env *env, const char *const *settings)
{
	size_t i;

	for (i = 0; settings != NULL && settings[i] != NULL; i++)
		e2e_env_put(env, settings[i]);
}

void
e2e_env_sanitizers(struct e2e_env *env)
{
	e2e_env_put(env, "ASAN_OPTIONS=detect_leaks=1:exitcode=86");
	e2e_env_put(env, "LSAN_OPTIONS=exitcode=86");
	e2e_env_put(env, "UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1");
}

void
e2e_env_free(struct e2e_env *env)
{
	while (env->n > 0)
		free(env->var[--env->n]);
	env->var[0] = NULL;
}

/* ---- the program ---- */

/* prog and args as one NULL-ended argv; the caller frees the array. */
static char **
e2e_argv(const char *prog, const char *const *args)
{
	char **argv;
	size_t n = 0, i;

	while (args != NULL && args[n] != NULL)
		n++;
	argv = e2e_realloc(NULL, (n + 2) * sizeof(*argv));
	/* execve(2) takes char *const []: the strings are not written. */
	argv[0] = (char *)(uintptr_t)prog;
	for (i = 0; i < n; i++)
		argv[i + 1] = (char *)(uintptr_t)args[i];
	argv[n + 1] = NULL;
	return argv;
}

const char *
e2e_bin(void)
{
	const char *bin = getenv("SMA_ALLIES_BIN");

	return bin != NULL && *bin != '\0' ? bin : "build/asan/sma-allies";
}

struct vt *
e2e_spawn(const char *prog, const char *const *args,
    const struct e2e_env *env, int rows, int cols)
{
	char **argv = e2e_argv(prog, args);
	struct vt *vt;
	int err;

	vt = vt_spawn(argv, env != NULL ? env->var : NULL, rows, cols);
	err = errno;
	free(argv);
	errno = err;
	return vt;
}

int
e2e_begin(char *bin, size_t size, char **dir, const char *prefix)
{
	const char *env = getenv("SMA_ALLIES_BIN");

	snprintf(bin, size, "%s", env != NULL && *env != '\0' ? env :
	    "build/asan/sma-allies");
	*dir = e2e_tmpdir(prefix);
	return *dir != NULL ? 0 : -1;
}

void
e2e_env_test(struct e2e_env *env, const char *home)
{
	e2e_env_init(env);
	e2e_env_putf(env, "HOME=%s", home);
	e2e_env_put(env, "PATH=/usr/bin:/bin");
	e2e_env_sanitizers(env);
}

void
e2e_cleanup(struct vt **vt, char **dir)
{
	vt_free(*vt);
	*vt = NULL;
	e2e_rmtree(*dir);
	free(*dir);
	*dir = NULL;
	e2e_release();
}

int
e2e_program(char *buf, size_t size, const char *who)
{
	const char *bin = getenv("SMA_ALLIES_BIN");

	snprintf(buf, size, "%s", bin != NULL && *bin != '\0' ? bin :
	    "build/asan/sma-allies");
	if (access(buf, X_OK) == 0)
		return 0;
	fprintf(stderr, "%s: %s: %s\n", who, buf, strerror(errno));
	return -1;
}

int
e2e_run(const char *prog, const char *const *args,
    const struct e2e_env *env, int both, char **out)
{
	char **argv;
	FILE *fp;
	pid_t pid;
	int fds[2], null, status = -1;

	*out = NULL;
	if (pipe(fds) != 0)
		return -1;
	argv = e2e_argv(prog, args);
	if ((pid = fork()) == -1) {
		free(argv);
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		if ((null = open("/dev/null", O_RDONLY)) != -1)
			dup2(null, 0);
		dup2(fds[1], 1);
		if (both)
			dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		execve(prog, argv, env != NULL ? env->var : environ);
		_exit(127);
	}
	free(argv);
	close(fds[1]);
	if ((fp = fdopen(fds[0], "r")) == NULL) {
		close(fds[0]);
		*out = e2e_strdup("");
	} else {
		if ((*out = e2e_read_stream(fp, NULL)) == NULL)
			*out = e2e_strdup("");
		fclose(fp);
	}
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	return status;
}

const char *
e2e_exit_why(struct vt *vt, int timeout_ms)
{
	static char why[96];
	int status = 0;

	if (!vt_wait_exit(vt, timeout_ms, &status))
		snprintf(why, sizeof(why), "did not exit within %d ms",
		    timeout_ms);
	else if (WIFSIGNALED(status))
		snprintf(why, sizeof(why), "killed by signal %d",
		    WTERMSIG(status));
	else if (!WIFEXITED(status))
		snprintf(why, sizeof(why), "wait status %#x", status);
	else if (WEXITSTATUS(status) != 0)
		snprintf(why, sizeof(why), "exit status %d%s",
		    WEXITSTATUS(status), WEXITSTATUS(status) == 86 ?
		    " (86: the sanitizers found something)" : "");
	else
		return NULL;
	return why;
}

const char *
e2e_sanitizer_report(const char *out)
{
	static const char *const marks[] = {
		"AddressSanitizer", "LeakSanitizer", "runtime error",
		"UndefinedBehaviorSanitizer", "ERROR: "
	};
	const char *p, *first = NULL;
	size_t i;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if ((p = strstr(out, marks[i])) != NULL &&
		    (first == NULL || p < first))
			first = p;
	return first;
}

/* ---- keys and the screen ---- */

void
e2e_press(struct vt *vt, const char *key)
{
	if (key[0] != '\0' && key[1] == '\0')
		vt_sends(vt, key);
	else
		vt_key(vt, key);
}

void
e2e_dump(struct vt *vt, const char *why)
{
	char *s = vt_screen(vt);
	int rows, cols;

	vt_size(vt, &rows, &cols);
	fprintf(stderr, "---- screen, %dx%d (%s) ----\n%s\n--------\n", cols,
	    rows, why, s);
	free(s);
}

/* A negative row counted from the bottom, as a row number. */
static int
e2e_rowno(struct vt *vt, int row)
{
	int rows;

	vt_size(vt, &rows, NULL);
	return row < 0 ? rows + row : row;
}

int
e2e_row_has(struct vt *vt, int row, const char *s, int prefix)
{
	char *r = vt_row(vt, e2e_rowno(vt, row));
	int yes = prefix ? strncmp(r, s, strlen(s)) == 0 :
	    strstr(r, s) != NULL;

	free(r);
	return yes;
}

char *
e2e_row_trim(struct vt *vt, int row)
{
	char *s = vt_row(vt, e2e_rowno(vt, row)), *p = s;
	size_t n;

	while (*p == ' ')
		p++;
	memmove(s, p, strlen(p) + 1);
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

int
e2e_find_row(struct vt *vt, const char *s)
{
	char *t;
	int r, rows, eq;

	vt_size(vt, &rows, NULL);
	for (r = 0; r < rows; r++) {
		t = e2e_row_trim(vt, r);
		eq = strcmp(t, s) == 0;
		free(t);
		if (eq)
			return r;
	}
	return -1;
}

int
e2e_until(struct vt *vt, e2e_cond_cb cond, const void *arg, int timeout_ms)
{
	int64_t deadline = vt_now_ms() + timeout_ms, left;

	for (;;) {
		if (cond(vt, arg))
			return 1;
		if ((left = deadline - vt_now_ms()) <= 0)
			return 0;
		if (vt_pump(vt, left < E2E_SLICE_MS ? (int)left :
		    E2E_SLICE_MS) < 0)
			return cond(vt, arg);
	}
}

/* What e2e_wait_row() waits for. */
struct e2e_row_want {
	int		 row;
	const char	*s;
	int		 want, prefix;
};

static int
e2e_row_is(struct vt *vt, const void *arg)
{
	const struct e2e_row_want *w = arg;

	return e2e_row_has(vt, w->row, w->s, w->prefix) == w->want;
}

int
e2e_wait_row(struct vt *vt, int row, const char *s, int want, int prefix,
    int timeout_ms)
{
	struct e2e_row_want w;

	w.row = row;
	w.s = s;
	w.want = want;
	w.prefix = prefix;
	return e2e_until(vt, e2e_row_is, &w, timeout_ms);
}

int
e2e_want_screen(struct vt *vt, const char *s, int shown, int timeout_ms)
{
	if (shown ? vt_wait_text(vt, s, timeout_ms) :
	    vt_wait_gone(vt, s, timeout_ms))
		return 1;
	e2e_dump(vt, s);
	return 0;
}

static int
e2e_file_there(struct vt *vt, const void *path)
{
	(void)vt;
	return access(path, F_OK) == 0;
}

int
e2e_wait_file(struct vt *vt, const char *path, int timeout_ms)
{
	return e2e_until(vt, e2e_file_there, path, timeout_ms);
}

const char *
e2e_output_find(struct vt *vt, const char *needle, size_t nlen)
{
	size_t len, i;
	const char *out = vt_output(vt, &len);

	for (i = 0; nlen <= len && i <= len - nlen; i++)
		if (memcmp(out + i, needle, nlen) == 0)
			return out + i;
	return NULL;
}

size_t
e2e_utf8_decode(const char *s, uint32_t *cp, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	int more;

	for (; *p != '\0' && n < max; n++) {
		if (*p < 0x80)
			more = 0;
		else if (*p < 0xe0)
			more = 1;
		else if (*p < 0xf0)
			more = 2;
		else
			more = 3;
		/* The lead byte keeps 7, 5, 4 or 3 bits. */
		cp[n] = *p++ & (0x7f >> (more + (more > 0)));
		while (more-- > 0 && (*p & 0xc0) == 0x80)
			cp[n] = cp[n] << 6 | (*p++ & 0x3f);
	}
	return n;
}
