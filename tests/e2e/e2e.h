/*
 * e2e.h - what every end-to-end program shares: the browser and kiosk
 * suites, the terminal harness's self-test, the kiosk soak and the
 * screenshot taker.
 *
 * This header owns the layer above the terminal (tests/tty/vt.h): a
 * seeded random generator, memory that lives until a test is torn down,
 * whole files read and written, the environment the program runs in,
 * starting it on a terminal or outside one and seeing how it ended, and
 * questions about the screen that take more than one vt call (a row's
 * text, waiting for a condition).  It knows nothing of cmocka: a
 * function here answers 0 or NULL and each program turns that into its
 * own failure.  Running out of memory aborts, as in vt.c.
 *
 * Rows are 0-based; where a function says so, a negative row counts from
 * the bottom (-1 is the last line).  Timeouts are in milliseconds.
 */

#ifndef E2E_H
#define E2E_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tty/vt.h"

#if defined(__GNUC__)
#define E2E_PRINTF(f, a)	__attribute__((format(printf, f, a)))
#else
#define E2E_PRINTF(f, a)
#endif

/* ---- chance (the clock is vt_now_ms()) ---- */

/* xorshift64*: the same numbers on every machine for a given seed. */
struct e2e_rng {
	uint64_t	 state;
};

/* Start the generator from seed; any seed, 0 too, gives a good run. */
void		 e2e_rng_seed(struct e2e_rng *, unsigned long seed);

/* The next number: the top 32 bits of the generator's output. */
uint32_t	 e2e_rand(struct e2e_rng *);

/* The next number below n (n > 0), from the top 31 bits of the output. */
unsigned	 e2e_randn(struct e2e_rng *, unsigned n);

/* ---- memory ---- */

/* realloc(3) that aborts instead of failing; n 0 is taken as 1. */
void		*e2e_realloc(void *, size_t n);

/* A copy of s; never NULL. */
char		*e2e_strdup(const char *s);

/* A formatted string, malloc'd; the caller frees it.  Never NULL. */
char		*e2e_asprintf(const char *fmt, ...) E2E_PRINTF(1, 2);

/*
 * Hand p (malloc'd, or NULL) over to be freed by the next e2e_release(),
 * so that a test that fails half-way leaks nothing.  Returns p.
 */
void		*e2e_keep(void *p);

/*
 * e2e_asprintf() kept until the next e2e_release(), as a const char *.
 * A macro, so that the format is checked as e2e_asprintf()'s is.
 */
#define e2e_fmt(...)	((const char *)e2e_keep(e2e_asprintf(__VA_ARGS__)))

/* Free everything e2e_keep() and e2e_fmt() were given. */
void		 e2e_release(void);

/* ---- files ---- */

/*
 * The rest of fp, NUL-terminated; its length goes to *len unless len is
 * NULL.  NULL with errno set on a read error.  The caller frees it.
 */
char		*e2e_read_stream(FILE *fp, size_t *len);

/* The whole file at path as by e2e_read_stream(); NULL if unreadable. */
char		*e2e_slurp(const char *path, size_t *len);

/*
 * Write len bytes of data to path with permissions mode.  atomic 0
 * writes in place (a watcher may see the file half written, as after an
 * editor that does so); atomic 1 writes PATH.new and renames it over
 * path, so the file is a new inode, whole from the first moment.
 * Returns 0, or -1 with errno set.
 */
int		 e2e_write_file(const char *path, const char *data,
		    size_t len, int mode, int atomic);

/*
 * A new private directory, $TMPDIR/PREFIX.XXXXXX (/tmp without TMPDIR).
 * Returns its malloc'd path, or NULL with errno set.
 */
char		*e2e_tmpdir(const char *prefix);

/* Remove dir and everything below it; a NULL or missing dir is fine. */
void		 e2e_rmtree(const char *dir);

/* ---- the environment of the program ---- */

#define E2E_ENV_MAX	48

/*
 * An environment for execve(2): var[0..n) are "NAME=value" strings the
 * structure owns, var[n] is NULL.
 */
struct e2e_env {
	char	*var[E2E_ENV_MAX + 1];
	size_t	 n;
};

/*
 * Start env with a fixed terminal and locale, the same on every machine:
 * TERM=xterm-256color and LC_ALL=C.UTF-8, nothing else.
 */
void		 e2e_env_init(struct e2e_env *);

/*
 * "NAME=value" sets NAME (replacing what was there); a bare "NAME"
 * removes it.  env takes over setting (malloc'd) and frees it in time.
 * Aborts when env is full.
 */
void		 e2e_env_take(struct e2e_env *, char *setting);

/* e2e_env_take() of a copy of setting. */
void		 e2e_env_put(struct e2e_env *, const char *setting);

/* e2e_env_take() of a formatted setting (a macro, like e2e_fmt()). */
#define e2e_env_putf(env, ...) \
	e2e_env_take((env), e2e_asprintf(__VA_ARGS__))

/* e2e_env_put() of each setting of a NULL-ended list (NULL: none). */
void		 e2e_env_put_all(struct e2e_env *, const char *const *settings);

/* Set NAME to our own value of it, if we have one. */
void		 e2e_env_pass(struct e2e_env *, const char *name);

/*
 * The sanitizers fail loudly: an error ends the program at once with a
 * stack trace, and a leak makes the exit status 86.
 */
void		 e2e_env_sanitizers(struct e2e_env *);

/* Free the strings; env may be used again after e2e_env_init(). */
void		 e2e_env_free(struct e2e_env *);

/* ---- the program ---- */

/*
 * The program under test: $SMA_ALLIES_BIN, else build/asan/sma-allies
 * (the tests run from the top of the tree).  A static string or the
 * environment's.
 */
const char	*e2e_bin(void);

/*
 * Start prog with args (NULL-ended, NULL for none) after its name on a
 * rows x cols terminal, in env (NULL: ours).  NULL with errno set when it
 * cannot be started (see vt_spawn()).
 */
struct vt	*e2e_spawn(const char *prog, const char *const *args,
		    const struct e2e_env *env, int rows, int cols);

/*
 * The program under test, into buf (size bytes): $SMA_ALLIES_BIN, or
 * build/asan/sma-allies when that is unset or empty.  Returns 0, or -1
 * after saying on stderr, as who, why it cannot be run.
 */
int		 e2e_program(char *buf, size_t size, const char *who);

/*
 * Run prog with args outside any terminal, stdin from /dev/null, in env
 * (NULL: ours), and collect its standard output, with its standard error
 * too when both is 1, into *out (malloc'd, NUL-terminated; the caller
 * frees it).  Returns the raw wait status, or -1 with *out NULL when it
 * could not be run.
 */
int		 e2e_run(const char *prog, const char *const *args,
		    const struct e2e_env *env, int both, char **out);

/*
 * Wait up to timeout_ms for the program to end.  NULL when it exited
 * with status 0; else why not ("did not exit", "exit status 86 ...",
 * "killed by signal 11"), in a static buffer valid until the next call.
 */
const char	*e2e_exit_why(struct vt *, int timeout_ms);

/*
 * The start of the first sanitizer report (AddressSanitizer,
 * LeakSanitizer, UndefinedBehaviorSanitizer, a runtime error) in out,
 * what the program wrote (see vt_output()), or NULL.  Points into out.
 */
const char	*e2e_sanitizer_report(const char *out);

/*
 * A test's start: the program under test, $SMA_ALLIES_BIN or else the
 * sanitizer build (build/asan/sma-allies, from the top of the tree), in
 * bin (size bytes), and a new private folder named for prefix in *dir
 * (see e2e_tmpdir()).  Returns 0, or -1 with errno set and *dir NULL.
 */
int		 e2e_begin(char *bin, size_t size, char **dir,
		    const char *prefix);

/*
 * The environment a test's program runs in (env is initialised here):
 * e2e_env_init()'s, HOME set to home, PATH to /usr/bin:/bin, and the
 * sanitizers failing loudly.
 */
void		 e2e_env_test(struct e2e_env *env, const char *home);

/*
 * A test's end: the program's terminal freed (the program killed if it
 * still runs) and *vt set to NULL, the folder *dir removed, freed and
 * set to NULL (either may be NULL already), then e2e_release().
 */
void		 e2e_cleanup(struct vt **vt, char **dir);

/* ---- keys and the screen ---- */

/* Type key: a single character as it is, anything longer by vt_key(). */
void		 e2e_press(struct vt *, const char *key);

/* The screen on stderr, framed and headed with its size and why. */
void		 e2e_dump(struct vt *, const char *why);

/* Does row (negative: from the bottom) hold s, or start with it? */
int		 e2e_row_has(struct vt *, int row, const char *s, int prefix);

/* Row without its leading and trailing blanks.  The caller frees it. */
char		*e2e_row_trim(struct vt *, int row);

/* The first row whose trimmed text is exactly s, or -1. */
int		 e2e_find_row(struct vt *, const char *s);

/* A condition on the screen (or anything else) for e2e_until(). */
typedef int	(*e2e_cond_cb)(struct vt *, const void *arg);

/*
 * Pump the terminal until cond(vt, arg) holds, for at most timeout_ms;
 * the condition is asked again at least every 50 ms, so it may watch
 * files and processes as well as the screen.  Returns 1 if it held in
 * time, else 0 (also when the program has gone and it does not hold).
 */
int		 e2e_until(struct vt *, e2e_cond_cb cond, const void *arg,
		    int timeout_ms);

/*
 * Wait until row (negative: from the bottom) holds s (want 1) or no
 * longer does (want 0), s anywhere on it or, with prefix 1, at its
 * start.  1 in time, 0 not.
 */
int		 e2e_wait_row(struct vt *, int row, const char *s, int want,
		    int prefix, int timeout_ms);

/*
 * Wait until s is on the screen (shown 1) or on no row (shown 0).  1 in
 * time; else the screen goes to stderr, headed with s, and 0.
 */
int		 e2e_want_screen(struct vt *, const char *s, int shown,
		    int timeout_ms);

/* Wait until path exists.  1 in time, 0 not. */
int		 e2e_wait_file(struct vt *, const char *path, int timeout_ms);

/* The first occurrence of len bytes of needle in vt_output(), or NULL. */
const char	*e2e_output_find(struct vt *, const char *needle, size_t len);

/*
 * Decode UTF-8 s into at most max code points; returns how many.  Not a
 * validator: it takes well-formed text, as the tests write it.
 */
size_t		 e2e_utf8_decode(const char *s, uint32_t *cp, size_t max);

#endif /* E2E_H */
