/*
 * Unit tests for a load that another thread watches and stops
 * (struct load_ctl): the progress it reports (bytes of the total, allies
 * so far, its state), from memory, a file and a pipe, and cancellation:
 * from another thread in the middle of a large load, before a load, and
 * while a load waits for a named pipe's writer.  A cancelled load
 * returns -1, says "cancelled" and leaves the caller's recordset as it
 * was; under ASan and LSan it leaks nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "load.h"
#include "record.h"
#include "util.h"

#define BIG_ALLIES	100000		/* a load that takes a while */

/* A recordset and an error list, set up and torn down around each test. */
struct fixture {
	struct recordset rs;
	struct errlist	 errs;
	struct load_ctl	 ctl;
	struct buf	 yaml;
	char		*path;		/* a file or pipe to remove, or NULL */
};

/* One fixture serves every test: they run one after the other. */
static int
setup(void **state)
{
	static struct fixture fix;

	memset(&fix, 0, sizeof(fix));
	load_ctl_init(&fix.ctl, LOAD_FIFO_WAIT_MS);
	recordset_init(&fix.rs);
	errlist_init(&fix.errs);
	*state = &fix;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	if (f->path != NULL)
		unlink(f->path);
	free(f->path);
	buf_free(&f->yaml);
	errlist_done(&f->errs);
	recordset_done(&f->rs);
	return 0;
}

/* n allies of a few lines each into b. */
static void
make_yaml(struct buf *b, size_t n)
{
	size_t i;

	buf_adds(b, "allies:\n");
	for (i = 0; i < n; i++)
		buf_addf(b, "  - name: Ally %zu\n    url: https://example.org/"
		    "%zu\n    description: The ally numbered %zu.\n    tags: "
		    "[a, b]\n", i, i, i);
}

/* A path under $TMPDIR for a file or pipe the fixture removes. */
static const char *
temp_path(struct fixture *f, const char *what)
{
	const char *tmp = getenv("TMPDIR");

	f->path = xasprintf("%s/test_progress_%s_%ld", tmp != NULL &&
	    *tmp != '\0' ? tmp : P_tmpdir, what, (long)getpid());
	unlink(f->path);
	return f->path;
}

static int
has_error(const struct errlist *e, const char *needle)
{
	size_t i;

	for (i = 0; i < e->len; i++)
		if (e->v[i].error && strstr(e->v[i].msg, needle) != NULL)
			return 1;
	return 0;
}

static void
sleep_ms(int ms)
{
	poll(NULL, 0, ms);
}

/* The monotonic clock in milliseconds. */
static long
clock_ms(void)
{
	struct timespec ts;

	return clock_gettime(CLOCK_MONOTONIC, &ts) == 0 ?
	    (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 : 0;
}

static void
test_idle(void **state)
{
	struct fixture *f = *state;
	struct load_progress p;

	load_ctl_init(&f->ctl, 250);
	load_ctl_get(&f->ctl, &p);
	assert_int_equal(p.state, LOAD_IDLE);
	assert_int_equal(p.bytes, 0);
	assert_int_equal(p.allies, 0);
	assert_true(p.total == LOAD_TOTAL_UNKNOWN);
	assert_int_equal(f->ctl.fifo_wait_ms, 250);
}

static void
test_progress_buffer(void **state)
{
	struct fixture *f = *state;
	struct load_progress p;

	int stdin_open = fcntl(STDIN_FILENO, F_GETFD) != -1;

	make_yaml(&f->yaml, 500);
	load_ctl_init(&f->ctl, LOAD_FIFO_WAIT_MS);
	assert_int_equal(load_buffer_ctl(f->yaml.ptr, f->yaml.len, &f->rs,
	    &f->errs, &f->ctl), 0);
	/* A buffer is read from no descriptor: none is closed. */
	if (stdin_open)
		assert_true(fcntl(STDIN_FILENO, F_GETFD) != -1);
	load_ctl_get(&f->ctl, &p);
	assert_int_equal(p.state, LOAD_DONE);
	assert_int_equal(p.allies, 500);
	assert_int_equal(p.bytes, f->yaml.len);
	assert_int_equal(p.total, f->yaml.len);
	assert_int_equal(f->rs.len, 500);
}

static void
test_progress_failed(void **state)
{
	struct fixture *f = *state;
	struct load_progress p;
	static const char bad[] = "allies:\n  - name: A\n    url: ftp://a/\n"
	    "    description: d\n  - name: B\n";

	load_ctl_init(&f->ctl, LOAD_FIFO_WAIT_MS);
	assert_int_equal(load_buffer_ctl(bad, sizeof(bad) - 1, &f->rs,
	    &f->errs, &f->ctl), -1);
	load_ctl_get(&f->ctl, &p);
	assert_int_equal(p.state, LOAD_FAILED);
	assert_int_equal(p.allies, 2);
	assert_int_equal(f->rs.len, 0);
}

static void
test_progress_file(void **state)
{
	struct fixture *f = *state;
	struct load_progress p;
	FILE *fp;

	make_yaml(&f->yaml, 3000);
	fp = fopen(temp_path(f, "file"), "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(f->yaml.ptr, 1, f->yaml.len, fp), f->yaml.len);
	assert_int_equal(fclose(fp), 0);
	load_ctl_init(&f->ctl, LOAD_FIFO_WAIT_MS);
	assert_int_equal(load_file_ctl(f->path, &f->rs, &f->errs, &f->ctl), 0);
	load_ctl_get(&f->ctl, &p);
	assert_int_equal(p.state, LOAD_DONE);
	assert_int_equal(p.allies, 3000);
	assert_int_equal(p.total, f->yaml.len);
	assert_int_equal(p.bytes, f->yaml.len);
}

/* What a writer thread writes into a named pipe. */
struct writer {
	const char	*path;
	const struct buf *data;
	int		 delay_ms;	/* before it opens the pipe */
};

static void *
write_pipe(void *arg)
{
	struct writer *w = arg;
	FILE *fp;

	sleep_ms(w->delay_ms);
	if ((fp = fopen(w->path, "w")) == NULL)
		return NULL;
	fwrite(w->data->ptr, 1, w->data->len, fp);
	fclose(fp);
	return NULL;
}

static void
test_progress_pipe(void **state)
{
	struct fixture *f = *state;
	struct load_progress p;
	struct writer w;
	pthread_t t;

	make_yaml(&f->yaml, 2000);
	assert_int_equal(mkfifo(temp_path(f, "fifo"), 0600), 0);
	w.path = f->path;
	w.data = &f->yaml;
	w.delay_ms = 100;
	assert_int_equal(pthread_create(&t, NULL, write_pipe, &w), 0);
	load_ctl_init(&f->ctl, 5000);
	assert_int_equal(load_file_ctl(f->path, &f->rs, &f->errs, &f->ctl), 0);
	pthread_join(t, NULL);
	load_ctl_get(&f->ctl, &p);
	assert_int_equal(p.state, LOAD_DONE);
	assert_true(p.total == LOAD_TOTAL_UNKNOWN);
	assert_int_equal(p.bytes, f->yaml.len);
	assert_int_equal(p.allies, 2000);
	assert_int_equal(f->rs.len, 2000);
}

/* A load on a thread of its own. */
struct job {
	const struct buf *yaml;		/* load this, or */
	const char	*path;		/* this file */
	struct recordset *rs;
	struct errlist	*errs;
	struct load_ctl	*ctl;
	int		 rc;
};

static void *
run_job(void *arg)
{
	struct job *j = arg;

	if (j->path != NULL)
		j->rc = load_file_ctl(j->path, j->rs, j->errs, j->ctl);
	else
		j->rc = load_buffer_ctl(j->yaml->ptr, j->yaml->len, j->rs,
		    j->errs, j->ctl);
	return NULL;
}

/* Load path, or the fixture's yaml when path is NULL. */
static void
start_job(struct fixture *f, struct job *j, pthread_t *t, const char *path)
{
	memset(j, 0, sizeof(*j));
	j->yaml = &f->yaml;
	j->path = path;
	j->rs = &f->rs;
	j->errs = &f->errs;
	j->ctl = &f->ctl;
	j->rc = 99;
	assert_int_equal(pthread_create(t, NULL, run_job, j), 0);
}

/* A cancelled load leaves the caller's two allies where they were. */
static void
check_cancelled(struct fixture *f, int rc)
{
	struct load_progress p;

	load_ctl_get(&f->ctl, &p);
	assert_int_equal(rc, -1);
	assert_int_equal(p.state, LOAD_CANCELLED);
	assert_true(has_error(&f->errs, "cancelled"));
	assert_int_equal(f->rs.len, 2);
	assert_string_equal(f->rs.v[0].text[FIELD_NAME], "Ally 0");
}

static void
keep_two(struct fixture *f)
{
	struct buf two = { 0 };

	make_yaml(&two, 2);
	assert_int_equal(load_buffer(two.ptr, two.len, &f->rs, &f->errs), 0);
	buf_free(&two);
}

static void
test_cancel_mid_load(void **state)
{
	struct fixture *f = *state;
	struct load_progress p, q;
	struct job j;
	pthread_t t;
	long start;

	keep_two(f);
	make_yaml(&f->yaml, BIG_ALLIES);
	load_ctl_init(&f->ctl, LOAD_FIFO_WAIT_MS);
	start_job(f, &j, &t, NULL);
	/* Progress only grows while the load runs. */
	memset(&q, 0, sizeof(q));
	start = clock_ms();
	do {
		sleep_ms(1);
		load_ctl_get(&f->ctl, &p);
		assert_true(p.bytes >= q.bytes && p.allies >= q.allies);
		assert_true(p.bytes <= f->yaml.len);
		q = p;
	} while (p.allies < 1000 && clock_ms() - start < 20000);
	assert_int_equal(p.state, LOAD_RUNNING);
	assert_int_equal(p.total, f->yaml.len);
	load_ctl_cancel(&f->ctl);
	pthread_join(t, NULL);
	check_cancelled(f, j.rc);
	load_ctl_get(&f->ctl, &p);
	assert_true(p.allies < BIG_ALLIES);
}

static void
test_cancel_before(void **state)
{
	struct fixture *f = *state;
	struct buf yaml = { 0 };

	keep_two(f);
	make_yaml(&yaml, 10);
	load_ctl_init(&f->ctl, LOAD_FIFO_WAIT_MS);
	load_ctl_cancel(&f->ctl);
	check_cancelled(f, load_buffer_ctl(yaml.ptr, yaml.len, &f->rs,
	    &f->errs, &f->ctl));
	buf_free(&yaml);
}

static void
test_cancel_waiting_for_writer(void **state)
{
	struct fixture *f = *state;
	struct job j;
	pthread_t t;
	long start;

	keep_two(f);
	assert_int_equal(mkfifo(temp_path(f, "idle"), 0600), 0);
	load_ctl_init(&f->ctl, 60000);
	start_job(f, &j, &t, f->path);
	sleep_ms(200);
	start = clock_ms();
	load_ctl_cancel(&f->ctl);
	pthread_join(t, NULL);
	assert_true(clock_ms() - start < 1000);
	check_cancelled(f, j.rc);
}

static void
test_no_writer(void **state)
{
	struct fixture *f = *state;
	struct load_progress p;
	long start;

	assert_int_equal(mkfifo(temp_path(f, "nowriter"), 0600), 0);
	load_ctl_init(&f->ctl, 300);
	start = clock_ms();
	assert_int_equal(load_file_ctl(f->path, &f->rs, &f->errs, &f->ctl),
	    -1);
	assert_true(clock_ms() - start >= 250 && clock_ms() - start < 2000);
	assert_true(has_error(&f->errs, "no writer"));
	load_ctl_get(&f->ctl, &p);
	assert_int_equal(p.state, LOAD_FAILED);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_idle),
		T(test_progress_buffer),
		T(test_progress_failed),
		T(test_progress_file),
		T(test_progress_pipe),
		T(test_cancel_mid_load),
		T(test_cancel_before),
		T(test_cancel_waiting_for_writer),
		T(test_no_writer),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
