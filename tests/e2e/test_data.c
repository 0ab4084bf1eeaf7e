/*
 * test_data.c - end-to-end tests of where the browser's data comes from:
 * the load runs on a worker while the screen answers.  Made deterministic
 * without giant files: the test writes the data into a named pipe at its
 * own pace, so a "slow load" is half a file written, the screen and the
 * keys checked, then the rest.
 *
 * Covered: the first frame during a load; quitting and resizing during a
 * load; an invalid file at start (the terminal restored, then the errors
 * as --check prints them, exit 2); a kiosk started on an invalid and on a
 * missing file (a calm notice for visitors, the error for staff, then the
 * data once the file is fixed); a watched file replaced by a directory,
 * by a named pipe with no writer and by a link to /dev/zero (the kiosk
 * keeps drawing and the old data stays); a file rewritten in place in two
 * steps (never loaded half-written); -d - from a pipe, with keys from the
 * terminal.
 *
 * The program under test is $SMA_ALLIES_BIN (default
 * build/asan/sma-allies); the tests run from the top of the tree.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e/e2e.h"

#define T_WAIT		8000
#define TITLE		"Social Mission Alliance Allies Program"
#define DATA		"data/allies.yaml"

static struct vt *t_vt;
static char *t_dir;
static char t_bin[4096];
static char *t_yaml;		/* data/allies.yaml */
static size_t t_yaml_len;

static int
setup(void **state)
{
	const char *bin = getenv("SMA_ALLIES_BIN");

	(void)state;
	snprintf(t_bin, sizeof(t_bin), "%s", bin != NULL && *bin != '\0' ?
	    bin : "build/asan/sma-allies");
	if ((t_dir = e2e_tmpdir("sma-data")) == NULL)
		fail_msg("no temporary folder: %s", strerror(errno));
	if ((t_yaml = e2e_slurp(DATA, &t_yaml_len)) == NULL)
		fail_msg("%s: %s", DATA, strerror(errno));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	if (t_vt != NULL) {
		vt_kill(t_vt, SIGKILL);
		vt_free(t_vt);
		t_vt = NULL;
	}
	e2e_rmtree(t_dir);
	free(t_dir);
	free(t_yaml);
	e2e_release();
	return 0;
}

static char *
path_in(const char *name)
{
	return e2e_keep(e2e_asprintf("%s/%s", t_dir, name));
}

/* Start the program; extra ("NAME=value", or "NAME" to unset) or NULL. */
static void
spawn_env(const char *const *args, const char *extra, int rows, int cols)
{
	struct e2e_env env;

	e2e_env_init(&env);
	e2e_env_putf(&env, "HOME=%s", t_dir);
	e2e_env_put(&env, "PATH=/usr/bin:/bin");
	e2e_env_sanitizers(&env);
	if (extra != NULL)
		e2e_env_put(&env, extra);
	t_vt = e2e_spawn(t_bin, args, &env, rows, cols);
	e2e_env_free(&env);
	if (t_vt == NULL)
		fail_msg("cannot start %s: %s", t_bin, strerror(errno));
}

static void
spawn(const char *const *args, int rows, int cols)
{
	spawn_env(args, NULL, rows, cols);
}

static void
want_text(const char *s, int line)
{
	if (!vt_wait_text(t_vt, s, T_WAIT)) {
		e2e_dump(t_vt, s);
		fail_msg("line %d: \"%s\" never showed", line, s);
	}
}
#define WANT(s)	want_text((s), __LINE__)

/* The program ends with status 0 and no sanitizer report. */
static void
want_clean_exit(int line)
{
	const char *why = e2e_exit_why(t_vt, T_WAIT), *out;

	out = vt_output(t_vt, NULL);
	if (e2e_sanitizer_report(out) != NULL)
		fail_msg("line %d: %s", line, e2e_sanitizer_report(out));
	if (why != NULL)
		fail_msg("line %d: %s", line, why);
}

/* SIGTERM, as systemd stops a kiosk: a clean exit. */
static void
end_kiosk(int line)
{
	vt_kill(t_vt, SIGTERM);
	want_clean_exit(line);
}

/* Every "Reloaded" the program wrote says count allies. */
static int
reloads_say(size_t count)
{
	const char *out = vt_output(t_vt, NULL), *p = out, *colon;
	char want[32];

	snprintf(want, sizeof(want), ": %zu allies", count);
	while ((p = strstr(p, "Reloaded")) != NULL) {
		colon = strchr(p, ':');
		if (colon == NULL || strncmp(colon, want, strlen(want)) != 0)
			return 0;
		p++;
	}
	return 1;
}

static void
write_all(int fd, const char *s, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, s, len)) < 0) {
			if (errno == EINTR)
				continue;
			fail_msg("write: %s", strerror(errno));
		}
		s += n;
		len -= (size_t)n;
	}
}

/* The program's end of fifo is open: open ours for writing. */
static int
open_writer(const char *fifo)
{
	int64_t until = vt_now_ms() + T_WAIT;
	int fd;

	/* Non-blocking until the reader is there, so the screen is pumped. */
	while ((fd = open(fifo, O_WRONLY | O_NONBLOCK)) < 0) {
		if (errno != ENXIO || vt_now_ms() > until)
			fail_msg("%s: %s", fifo, strerror(errno));
		vt_pump(t_vt, 20);
	}
	fcntl(fd, F_SETFL, 0);
	return fd;
}

/* The browser on a named pipe name; returns the pipe's writing end. */
static int
start_on_fifo(const char *name)
{
	char *fifo = path_in(name);
	const char *args[] = { "-d", fifo, NULL };
	int fd;

	if (mkfifo(fifo, 0600) != 0)
		fail_msg("mkfifo: %s", strerror(errno));
	spawn(args, 24, 80);
	fd = open_writer(fifo);
	return fd;
}

/* Half the data: the title is up, the list is not, keys answer. */
static void
test_first_frame_during_load(void **state)
{
	int fd;

	(void)state;
	fd = start_on_fifo("slow.yaml");
	write_all(fd, t_yaml, t_yaml_len / 2);
	WANT("loading");
	assert_false(vt_find(t_vt, "1/12", NULL, NULL));
	/* A resize is answered while the load waits. */
	vt_resize(t_vt, 30, 100);
	assert_true(e2e_wait_row(t_vt, 29, "q quit", 1, 0, T_WAIT));
	assert_true(e2e_wait_row(t_vt, 0, "loading", 1, 0, T_WAIT));
	write_all(fd, t_yaml + t_yaml_len / 2, t_yaml_len - t_yaml_len / 2);
	close(fd);
	WANT("1/12");
	assert_true(vt_wait_gone(t_vt, "loading", T_WAIT));
	e2e_press(t_vt, "q");
	want_clean_exit(__LINE__);
}

/* Data that loads in a frame: no progress display flashes by. */
static void
test_small_data_no_flash(void **state)
{
	const char *args[] = { NULL };
	const char *out;

	(void)state;
	spawn(args, 24, 80);
	WANT("1/12");
	out = vt_output(t_vt, NULL);
	assert_null(strstr(out, "Loading the allies"));
	assert_null(strstr(out, "loading"));
	e2e_press(t_vt, "q");
	want_clean_exit(__LINE__);
}

/* q during a load ends the browser at once, the load given up. */
static void
test_quit_during_load(void **state)
{
	int64_t t0;
	int fd;

	(void)state;
	fd = start_on_fifo("never.yaml");
	write_all(fd, t_yaml, 100);
	WANT("loading");
	t0 = vt_now_ms();
	e2e_press(t_vt, "q");
	want_clean_exit(__LINE__);
	/* Generous for the sanitizers; the contract's 100 ms is measured. */
	assert_true(vt_now_ms() - t0 < 2000);
	close(fd);
}

/* An invalid file: the terminal back, then the errors, exit 2. */
static void
test_invalid_at_start(void **state)
{
	char *bad = path_in("bad.yaml"), *check = NULL;
	const char *args[] = { "-d", bad, NULL };
	const char *cargs[] = { "--check", bad, NULL };
	const char *out;
	int status;

	(void)state;
	if (e2e_write_file(bad, "allies:\n  - name: [unclosed\n", 27, 0644,
	    0) != 0)
		fail_msg("%s: %s", bad, strerror(errno));
	spawn(args, 24, 80);
	assert_true(vt_wait_exit(t_vt, T_WAIT, &status));
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 2);
	e2e_run(t_bin, cargs, NULL, 1, &check);
	/* Every line --check gives, after the screen was left. */
	out = vt_output(t_vt, NULL);
	assert_non_null(strstr(check, "bad.yaml:"));
	assert_non_null(strstr(out, "bad.yaml:"));
	assert_true(strstr(out, "bad.yaml:") > strstr(out, "\033[?1049l") ||
	    strstr(out, "\033[?1049l") == NULL);
	free(check);
}

static void
put(const char *path, const char *text, size_t len, int atomic)
{
	if (e2e_write_file(path, text, len, 0644, atomic) != 0)
		fail_msg("%s: %s", path, strerror(errno));
}

/* A kiosk on a broken file waits calmly, then shows the fixed data. */
static void
test_kiosk_waits_for_good_data(void **state)
{
	char *data = path_in("kiosk.yaml");
	const char *args[] = { "--kiosk", "-d", data, NULL };
	const char *bad = "allies:\n  - name: A\n    url: nope\n";

	(void)state;
	put(data, bad, strlen(bad), 0);
	spawn(args, 24, 80);
	WANT("This display is being updated");
	WANT("kiosk.yaml:3:");		/* for staff: where the mistake is */
	put(data, t_yaml, t_yaml_len, 1);
	WANT("1/12");
	assert_true(vt_wait_gone(t_vt, "being updated", T_WAIT));
	end_kiosk(__LINE__);
}

/* A kiosk on a missing file: the same, until the file appears. */
static void
test_kiosk_waits_for_missing_file(void **state)
{
	char *data = path_in("later.yaml");
	const char *args[] = { "--kiosk", "-d", data, NULL };

	(void)state;
	spawn(args, 24, 80);
	WANT("This display is being updated");
	put(data, t_yaml, t_yaml_len, 1);
	WANT("1/12");
	end_kiosk(__LINE__);
}

/* What replaces the watched file must not stop the kiosk. */
static void
test_kiosk_survives_odd_replacements(void **state)
{
	char *data = path_in("odd.yaml"), *aside = path_in("aside.yaml");
	const char *args[] = { "--kiosk", "-d", data, NULL };

	(void)state;
	put(data, t_yaml, t_yaml_len, 0);
	spawn(args, 24, 80);
	WANT("1/12");
	/* A directory. */
	assert_int_equal(rename(data, aside), 0);
	assert_int_equal(mkdir(data, 0700), 0);
	WANT("directory");
	assert_int_equal(rmdir(data), 0);
	/* A named pipe that nobody writes. */
	assert_int_equal(mkfifo(data, 0600), 0);
	WANT("not a regular file");
	assert_int_equal(unlink(data), 0);
	/* A link to a device that never ends. */
	assert_int_equal(symlink("/dev/zero", data), 0);
	vt_pump(t_vt, 1500);
	/* Still drawing, still the old data, still answering keys. */
	e2e_press(t_vt, "Down");
	WANT("2/12");
	assert_int_equal(unlink(data), 0);
	assert_int_equal(rename(aside, data), 0);
	end_kiosk(__LINE__);
}

/* Rewritten in place in two steps: never loaded half-written. */
static void
test_slow_rewrite_in_place(void **state)
{
	char *data = path_in("inplace.yaml");
	const char *args[] = { "--kiosk", "-d", data, NULL };
	const char *three = strstr(t_yaml, "  - name: The Camden");
	FILE *fp;

	(void)state;
	assert_non_null(three);
	put(data, t_yaml, t_yaml_len, 0);
	spawn(args, 24, 80);
	WANT("1/12");
	/* Half a file, written in place, then a pause, then the rest. */
	if ((fp = fopen(data, "w")) == NULL)
		fail_msg("%s: %s", data, strerror(errno));
	fwrite(t_yaml, 1, (size_t)(three - t_yaml), fp);
	fflush(fp);
	vt_pump(t_vt, 400);
	/* Before the file settles, nothing of it is shown. */
	assert_true(vt_find(t_vt, "1/12", NULL, NULL));
	fwrite(three, 1, strlen(three), fp);
	fclose(fp);
	/* Loaded once whole: every reload said 12, and one came. */
	WANT("Reloaded");
	assert_true(reloads_say(12));
	assert_true(vt_find(t_vt, "/12", NULL, NULL));
	end_kiosk(__LINE__);
}

/*
 * A reload while the search bar is open: the bar stays, with its query,
 * and the search runs again on the new data.
 */
static void
test_reload_keeps_search(void **state)
{
	char *data = path_in("live.yaml"), *more;
	const char *args[] = { "-d", data, NULL };
	const char *extra = "  - name: Nurses Together\n"
	    "    url: https://nurses.example/\n"
	    "    description: A nursing network.\n";

	(void)state;
	put(data, t_yaml, t_yaml_len, 0);
	spawn(args, 24, 80);
	WANT("1/12");
	e2e_press(t_vt, "/");
	vt_sends(t_vt, "nurs");
	assert_true(e2e_wait_row(t_vt, -1, " 1/12", 1, 0, T_WAIT));
	more = e2e_keep(e2e_asprintf("%s%s", t_yaml, extra));
	put(data, more, strlen(more), 1);
	assert_true(e2e_wait_row(t_vt, -1, " 2/13", 1, 0, T_WAIT));
	assert_true(e2e_row_has(t_vt, -1, "/nurs", 1));
	e2e_press(t_vt, "\r");
	assert_true(e2e_wait_row(t_vt, 0, "/nurs/  2/13", 1, 0, T_WAIT));
	e2e_press(t_vt, "q");
	want_clean_exit(__LINE__);
}

/* A terminal that cannot draw: one line naming the problem, exit 2. */
static void
test_terminal_that_cannot_draw(void **state)
{
	static const char *const envs[] = { "TERM=dumb", "TERM" };
	static const char *const says[] = { "cannot move the cursor",
	    "TERM is not set" };
	const char *args[] = { NULL };
	int status;
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		spawn_env(args, envs[i], 24, 80);
		assert_true(vt_wait_exit(t_vt, T_WAIT, &status));
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 2);
		assert_non_null(e2e_output_find(t_vt, says[i],
		    strlen(says[i])));
		assert_non_null(e2e_output_find(t_vt, "--list", 6));
		vt_free(t_vt);
		t_vt = NULL;
	}
}

/*
 * 20 KB of keys typed ahead are taken in batches, a frame per batch:
 * the screen is written a few times, not 20,000 times.
 */
static void
test_typed_ahead_keys(void **state)
{
	const char *args[] = { NULL };
	char keys[20000];
	size_t before, after;

	(void)state;
	spawn(args, 24, 80);
	WANT("1/12");
	vt_output(t_vt, &before);
	memset(keys, 'j', sizeof(keys));
	for (size_t i = 1; i < sizeof(keys); i += 2)
		keys[i] = 'k';
	vt_send(t_vt, keys, sizeof(keys));
	e2e_press(t_vt, "G");
	WANT("12/12");
	vt_output(t_vt, &after);
	printf("# 20000 keys typed ahead: %zu bytes to the terminal\n",
	    after - before);
	/* One full frame of 80x24 is about 4 KB; a frame a key was 34 MB. */
	assert_true(after - before < 1024 * 1024);
	e2e_press(t_vt, "q");
	want_clean_exit(__LINE__);
}

/* No room for a code (ASCII in the C locale): the text says so only. */
static void
test_qr_text_without_code(void **state)
{
	const char *args[] = { NULL };

	(void)state;
	spawn_env(args, "LC_ALL=C", 24, 80);
	WANT("1/12");
	e2e_press(t_vt, "c");
	WANT("Enlarge the terminal to show the code");
	WANT("Any key closes");
	assert_false(vt_find(t_vt, "Scan with a phone", NULL, NULL));
	e2e_press(t_vt, "x");
	WANT("1/12");
	e2e_press(t_vt, "q");
	want_clean_exit(__LINE__);
}

/* Ctrl-C ends the browser with 130, as shells and fzf expect. */
static void
test_ctrl_c_exit_status(void **state)
{
	const char *args[] = { NULL };
	int status;

	(void)state;
	spawn(args, 24, 80);
	WANT("1/12");
	vt_sends(t_vt, "\003");
	assert_true(vt_wait_exit(t_vt, T_WAIT, &status));
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 130);
	assert_null(e2e_sanitizer_report(vt_output(t_vt, NULL)));
}

/* cat FILE | sma-allies -d -: the data from the pipe, keys from the tty. */
static void
test_data_on_stdin(void **state)
{
	char *data = path_in("piped.yaml");
	char *cmd = e2e_keep(e2e_asprintf("exec %s -d - < %s", t_bin, data));
	const char *args[] = { "-c", cmd, NULL };
	struct e2e_env env;

	(void)state;
	put(data, t_yaml, t_yaml_len, 0);
	e2e_env_init(&env);
	e2e_env_putf(&env, "HOME=%s", t_dir);
	e2e_env_sanitizers(&env);
	t_vt = e2e_spawn("/bin/sh", args, &env, 24, 80);
	e2e_env_free(&env);
	assert_non_null(t_vt);
	WANT("1/12");
	e2e_press(t_vt, "j");
	WANT("2/12");
	e2e_press(t_vt, "q");
	want_clean_exit(__LINE__);
}

/*
 * --check on a load that takes more than half a second: a progress line
 * on the terminal, cleared before the result; none into a pipe.
 */
static void
test_cli_progress(void **state)
{
	char *big = path_in("big.yaml"), *out = NULL;
	const char *args[] = { "--check", big, NULL };
	const char *text;
	int status;

	(void)state;
	if (system(e2e_fmt("build/bench/gen-allies 60000 3 > '%s'", big)) != 0)
		fail_msg("cannot generate %s", big);
	spawn(args, 24, 100);
	assert_true(vt_wait_exit(t_vt, 60000, &status));
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	text = vt_output(t_vt, NULL);
	assert_non_null(strstr(text, "Loading "));
	assert_non_null(strstr(text, "allies, "));
	/* The line is cleared, then the result stands alone. */
	assert_non_null(strstr(text, "\r\033[K"));
	assert_true(vt_find(t_vt, "big.yaml: OK, 60000 allies", NULL, NULL));
	assert_false(vt_find(t_vt, "Loading", NULL, NULL));
	/* Not a terminal: not a byte of progress. */
	status = e2e_run(t_bin, args, NULL, 1, &out);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_null(strstr(out, "Loading"));
	assert_non_null(strstr(out, ": OK, 60000 allies"));
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_first_frame_during_load),
		T(test_small_data_no_flash),
		T(test_quit_during_load),
		T(test_invalid_at_start),
		T(test_kiosk_waits_for_good_data),
		T(test_kiosk_waits_for_missing_file),
		T(test_kiosk_survives_odd_replacements),
		T(test_slow_rewrite_in_place),
		T(test_reload_keeps_search),
		T(test_data_on_stdin),
		T(test_typed_ahead_keys),
		T(test_qr_text_without_code),
		T(test_ctrl_c_exit_status),
		T(test_terminal_that_cannot_draw),
		T(test_cli_progress),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
