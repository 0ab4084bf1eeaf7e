/*
 * Unit tests for source.c, the worker that loads the data off the loop's
 * thread: a load ends with one wake-up and the whole result; a failed
 * load hands over its errors and nothing else; progress counts up while
 * a large load runs and reaches the file's size; a load cancelled by a
 * restart is thrown away whole and the fresh one is what arrives; a load
 * given up at the end (source_done) stops promptly, even one waiting on
 * a named pipe, with nothing leaked (LeakSanitizer checks that).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "load.h"
#include "record.h"
#include "source.h"
#include "util.h"

static char t_dir[] = "/tmp/sma-source.XXXXXX";

/* A data file of n allies at path. */
static void
write_allies(const char *path, size_t n)
{
	FILE *fp = fopen(path, "w");
	size_t i;

	assert_non_null(fp);
	fputs("allies:\n", fp);
	for (i = 0; i < n; i++)
		fprintf(fp, "  - name: Ally number %zu\n    url: https://a%zu."
		    "example/\n    description: A description long enough to "
		    "take some parsing, for ally %zu of the test.\n", i, i, i);
	assert_int_equal(fclose(fp), 0);
}

static char *
path_in(const char *name)
{
	return xasprintf("%s/%s", t_dir, name);
}

/* Wait for the wake-up, at most ms; 1 when it came. */
static int
wait_wake(struct source *s, int ms)
{
	struct pollfd p = { source_fd(s), POLLIN, 0 };

	return poll(&p, 1, ms) == 1;
}

static int
group_setup(void **state)
{
	(void)state;
	return mkdtemp(t_dir) != NULL ? 0 : -1;
}

static int
group_teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", t_dir);
	int rc;

	(void)state;
	rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void
test_load_arrives_whole(void **state)
{
	char *path = path_in("ok.yaml");
	struct recordset rs;
	struct errlist errs;
	struct source s;

	(void)state;
	write_allies(path, 50);
	assert_int_equal(source_init(&s, path), 0);
	assert_true(source_is_file(&s));
	assert_int_equal(source_start(&s), 0);
	recordset_init(&rs);
	errlist_init(&errs);
	assert_true(wait_wake(&s, 10000));
	assert_int_equal(source_take(&s, &rs, &errs), SOURCE_LOADED);
	assert_int_equal(rs.len, 50);
	assert_int_equal(errs.nerrors, 0);
	/* Nothing more comes. */
	assert_false(wait_wake(&s, 50));
	assert_int_equal(source_take(&s, &rs, &errs), SOURCE_NONE);
	recordset_done(&rs);
	errlist_done(&errs);
	source_done(&s);
	free(path);
}

static void
test_failed_load_gives_errors(void **state)
{
	char *path = path_in("bad.yaml");
	struct recordset rs;
	struct errlist errs;
	struct source s;
	FILE *fp = fopen(path, "w");

	(void)state;
	assert_non_null(fp);
	fputs("allies:\n  - name: A\n    url: ftp://x/\n    description: d\n",
	    fp);
	fclose(fp);
	assert_int_equal(source_init(&s, path), 0);
	assert_int_equal(source_start(&s), 0);
	recordset_init(&rs);
	errlist_init(&errs);
	assert_true(wait_wake(&s, 10000));
	assert_int_equal(source_take(&s, &rs, &errs), SOURCE_FAILED);
	assert_int_equal(rs.len, 0);
	assert_true(errs.nerrors > 0);
	assert_int_equal(errs.v[0].line, 3);
	recordset_done(&rs);
	errlist_done(&errs);
	source_done(&s);
	free(path);
}

/* Progress counts up while a large file loads, and reaches its size. */
static void
test_progress(void **state)
{
	char *path = path_in("big.yaml");
	struct source_progress p, last = { 0 };
	struct recordset rs;
	struct errlist errs;
	struct source s;
	struct stat st;
	int seen = 0;

	(void)state;
	write_allies(path, 60000);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(source_init(&s, path), 0);
	assert_int_equal(source_start(&s), 0);
	while (!wait_wake(&s, 5)) {
		source_progress(&s, &p);
		assert_true(p.running);
		assert_true(p.bytes >= last.bytes);
		assert_true(p.allies >= last.allies);
		if (p.total != 0)
			assert_int_equal(p.total, (size_t)st.st_size);
		if (p.allies > 0 && p.allies < 60000)
			seen = 1;
		last = p;
	}
	/* Part way through was seen at least once (it is a big file). */
	assert_true(seen);
	recordset_init(&rs);
	errlist_init(&errs);
	assert_int_equal(source_take(&s, &rs, &errs), SOURCE_LOADED);
	assert_int_equal(rs.len, 60000);
	source_progress(&s, &p);
	assert_false(p.running);
	recordset_done(&rs);
	errlist_done(&errs);
	source_done(&s);
	free(path);
}

/* A restart during a load: the first is thrown away, the fresh one lands. */
static void
test_restart_replaces_load(void **state)
{
	char *path = path_in("restart.yaml");
	struct recordset rs;
	struct errlist errs;
	struct source s;
	enum source_event ev = SOURCE_NONE;
	int wakes = 0;

	(void)state;
	write_allies(path, 60000);
	assert_int_equal(source_init(&s, path), 0);
	assert_int_equal(source_start(&s), 0);
	/* The file changes; the load is started again at once. */
	write_allies(path, 7);
	assert_int_equal(source_start(&s), 0);
	recordset_init(&rs);
	errlist_init(&errs);
	while (ev == SOURCE_NONE && wakes < 4) {
		assert_true(wait_wake(&s, 20000));
		wakes++;
		ev = source_take(&s, &rs, &errs);
	}
	assert_int_equal(ev, SOURCE_LOADED);
	assert_int_equal(rs.len, 7);
	recordset_done(&rs);
	errlist_done(&errs);
	source_done(&s);
	free(path);
}

/* Giving up a load that waits on a pipe with a writer but no data. */
static void
test_done_during_stalled_load(void **state)
{
	char *path = path_in("stall.fifo");
	struct source s;
	long long t0;
	int fd;

	(void)state;
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(source_init(&s, path), 0);
	assert_int_equal(source_start(&s), 0);
	/* Our end: the worker's open returns, then it waits for data. */
	while ((fd = open(path, O_WRONLY | O_NONBLOCK)) < 0) {
		assert_int_equal(errno, ENXIO);
		usleep(5000);
	}
	assert_int_equal(write(fd, "allies:\n", 8), 8);
	usleep(100000);
	t0 = util_now_ms();
	source_done(&s);
	assert_true(util_now_ms() - t0 < 1000);
	close(fd);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_arrives_whole),
		cmocka_unit_test(test_failed_load_gives_errors),
		cmocka_unit_test(test_progress),
		cmocka_unit_test(test_restart_replaces_load),
		cmocka_unit_test(test_done_during_stalled_load),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
