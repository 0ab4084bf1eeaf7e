/*
 * Unit tests for the kiosk's engagement counts: the line of a stats file
 * (stats.c: written, escaped, read back, refused with the column at
 * fault), the event model on an injected clock with a buffer for a file
 * (a visit, a view of three seconds, a failed write), the app's calls at
 * its events (app.c, app_stats.c: keys, codes, searches, topics, the
 * idle reset, the staff key) and the report (stats_report.c), as text
 * and TSV.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "diag.h"
#include "keys.h"
#include "load.h"
#include "record.h"
#include "stats.h"
#include "stats_report.h"
#include "util.h"

#define T0	1777626902LL	/* 2026-05-01T09:15:02Z */
#define S	1000		/* ms */

/* ---- a clock and a file for the model ---- */

struct sink {
	struct buf	 lines;		/* what was written */
	long long	 now;		/* the wall clock, s */
	int		 fail;		/* writes fail */
	int		 writes;
};

static int
sink_write(void *arg, const char *line, size_t len, char *err,
    size_t errsize)
{
	struct sink *k = arg;

	k->writes++;
	if (k->fail) {
		snprintf(err, errsize, "cannot write stats.tsv: No space left "
		    "on device");
		return -1;
	}
	buf_add(&k->lines, line, len);
	return 0;
}

static long long
sink_clock(void *arg)
{
	return ((struct sink *)arg)->now;
}

static const char *
lines(struct sink *k)
{
	return k->lines.ptr != NULL ? k->lines.ptr : "";
}

/* ---- the line ---- */

static void
test_format(void **state)
{
	static const struct {
		struct stats_line l;
		const char	*want;
	} cases[] = {
		{ { T0, STATS_KIOSK_START, NULL, NULL, -1 },
		  "2026-05-01T09:15:02Z\tkiosk-start\t\t\t\n" },
		{ { T0 + 61, STATS_VISIT_END, NULL, NULL, 42 },
		  "2026-05-01T09:16:03Z\tvisit-end\t\t\t42\n" },
		{ { T0, STATS_VIEW, "Cambridge Health Alliance", NULL, -1 },
		  "2026-05-01T09:15:02Z\tview\tCambridge Health Alliance\t\t\n" },
		{ { T0, STATS_CODE, "A\tB\nC\\D\rE", NULL, -1 },
		  "2026-05-01T09:15:02Z\tcode\tA\\tB\\nC\\\\D\\rE\t\t\n" },
		{ { T0, STATS_TOPIC, NULL, "community health", -1 },
		  "2026-05-01T09:15:02Z\ttopic\t\tcommunity health\t\n" },
		{ { T0, STATS_VIEW, "Esc\033[31m \xe2\x80\xae" "Asociaci\xc3\xb3n",
		    NULL, -1 },
		  "2026-05-01T09:15:02Z\tview\tEsc\\u001B[31m \\u202E"
		  "Asociaci\xc3\xb3n\t\t\n" },
		{ { 0, STATS_SEARCH, NULL, NULL, -1 },
		  "1970-01-01T00:00:00Z\tsearch\t\t\t\n" },
	};
	struct buf b = { 0 }, scratch = { 0 };
	struct stats_line back;
	char why[160];
	unsigned col;
	size_t i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		buf_reset(&b);
		stats_format(&b, &cases[i].l);
		assert_string_equal(b.ptr, cases[i].want);
		/* Read back, it is the same event. */
		assert_int_equal(stats_parse(b.ptr, b.len - 1, &back, &scratch,
		    why, sizeof(why), &col), 0);
		assert_int_equal(back.time, cases[i].l.time);
		assert_int_equal(back.event, cases[i].l.event);
		assert_int_equal(back.seconds, cases[i].l.seconds);
		if (cases[i].l.ally != NULL)
			assert_string_equal(back.ally, cases[i].l.ally);
		else
			assert_null(back.ally);
		if (cases[i].l.topic != NULL)
			assert_string_equal(back.topic, cases[i].l.topic);
		else
			assert_null(back.topic);
	}
	assert_true(stats_is_header(STATS_HEADER, strlen(STATS_HEADER)));
	assert_true(stats_is_header(STATS_HEADER "\r",
	    strlen(STATS_HEADER) + 1));
	assert_false(stats_is_header("time\tevent", 10));
	buf_free(&b);
	buf_free(&scratch);
}

static void
test_parse_errors(void **state)
{
	static const struct {
		const char	*line;
		unsigned	 col;
		const char	*why;
	} cases[] = {
		{ "2026-05-01T09:15:02Z\tsearch", 1,
		  "2 tab-separated fields, not 5" },
		{ "2026-05-01T09:15:02Z\tsearch\t\t\t\t", 1,
		  "6 tab-separated fields, not 5" },
		{ "2026-05-01 09:15:02\tsearch\t\t\t", 1, "not a UTC time" },
		{ "2026-04-31T09:15:02Z\tsearch\t\t\t", 1, "not a UTC time" },
		{ "2026-05-01T24:00:00Z\tsearch\t\t\t", 1, "not a UTC time" },
		{ "2026-05-01T09:15:02Z\tdance\t\t\t", 22,
		  "unknown event \"dance\"" },
		{ "2026-05-01T09:15:02Z\tview\t\t\t", 27,
		  "view needs an ally's name" },
		{ "2026-05-01T09:15:02Z\ttopic\t\t\t", 29, "topic needs a topic" },
		{ "2026-05-01T09:15:02Z\tvisit-end\t\t\t", 34,
		  "visit-end needs a number of seconds" },
		{ "2026-05-01T09:15:02Z\tsearch\tSomeone\t\t", 29,
		  "search takes no ally" },
		{ "2026-05-01T09:15:02Z\tvisit-end\t\t\t-5", 34,
		  "seconds must be a whole number" },
		{ "2026-05-01T09:15:02Z\tcode\tA \\q\t\t", 29, "a bad escape" },
		{ "2026-05-01T09:15:02Z\tcode\tA \\u00\t\t", 29, "a bad escape" },
		{ "2026-05-01T09:15:02Z\tcode\tA \\u0000\t\t", 29,
		  "a bad escape" },
		{ "2026-05-01T09:15:02Z\tcode\tA \\uD800\t\t", 29,
		  "a bad escape" },
		/* Columns count characters, not bytes. */
		{ "2026-05-01T09:15:02Z\tcode\t\xc3\xa9\\x\t\t", 28,
		  "a bad escape" },
	};
	struct buf scratch = { 0 };
	struct stats_line l;
	char why[160];
	unsigned col;
	size_t i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		why[0] = '\0';
		assert_int_equal(stats_parse(cases[i].line,
		    strlen(cases[i].line), &l, &scratch, why, sizeof(why),
		    &col), -1);
		if (strstr(why, cases[i].why) == NULL)
			fail_msg("%s: \"%s\", want \"%s\"", cases[i].line, why,
			    cases[i].why);
		if (col != cases[i].col)
			fail_msg("%s: column %u, want %u", cases[i].line, col,
			    cases[i].col);
	}
	buf_free(&scratch);
}

/* ---- the model ---- */

static void
test_visit(void **state)
{
	struct sink k = { { 0 }, T0, 0, 0 };
	struct stats st;

	(void)state;
	stats_init(&st, sink_write, &k, sink_clock, &k);
	assert_int_equal(stats_kiosk_start(&st), 0);
	/* No visit yet: nothing shown counts, no code, no search. */
	assert_int_equal(stats_showing(&st, "Alpha", 0), 0);
	assert_int_equal(stats_showing(&st, "Alpha", 10 * S), 0);
	assert_int_equal(stats_deadline(&st), -1);
	stats_note(&st, STATS_SEARCH, NULL, NULL);
	stats_note(&st, STATS_CODE, "Alpha", NULL);
	assert_int_equal(stats_reset(&st, 11 * S), 0);
	assert_string_equal(lines(&k), "2026-05-01T09:15:02Z\tkiosk-start\t\t\t\n");

	/* A visit: the ally in view from its first input. */
	buf_reset(&k.lines);
	k.now = T0 + 20;
	stats_input(&st, 20 * S);
	stats_input(&st, 20 * S + 100);	/* one visit, however many keys */
	stats_showing(&st, "Alpha", 20 * S);
	assert_int_equal(stats_deadline(&st), 23 * S);
	stats_showing(&st, "Alpha", 23 * S - 1);
	stats_showing(&st, "Bravo", 23 * S - 1);	/* not long enough */
	assert_int_equal(stats_deadline(&st), 26 * S - 1);
	k.now = T0 + 26;
	stats_showing(&st, "Bravo", 26 * S - 1);	/* three seconds */
	assert_int_equal(stats_deadline(&st), -1);
	stats_showing(&st, "Bravo", 40 * S);	/* once, however long */
	stats_showing(&st, NULL, 41 * S);		/* an overlay */
	stats_showing(&st, "Bravo", 41 * S);
	stats_note(&st, STATS_CODE, "Bravo", NULL);
	stats_note(&st, STATS_BECOME, NULL, NULL);
	stats_note(&st, STATS_TOPIC, NULL, "odd");
	stats_note(&st, STATS_SEARCH, NULL, NULL);
	stats_input(&st, 44 * S + 600);
	stats_showing(&st, "Bravo", 44 * S + 600);	/* back: again */
	k.now = T0 + 134;
	assert_int_equal(stats_reset(&st, 134 * S), 0);
	/* Not counted after the reset: the attract loop is no visitor. */
	stats_showing(&st, "Charlie", 200 * S);
	k.now = T0 + 300;
	stats_input(&st, 300 * S);
	assert_int_equal(stats_kiosk_stop(&st, 301 * S), 0);
	assert_string_equal(lines(&k),
	    "2026-05-01T09:15:22Z\tvisit-start\t\t\t\n"
	    "2026-05-01T09:15:28Z\tview\tBravo\t\t\n"
	    "2026-05-01T09:15:28Z\tcode\tBravo\t\t\n"
	    "2026-05-01T09:15:28Z\tbecome-code\t\t\t\n"
	    "2026-05-01T09:15:28Z\ttopic\t\todd\t\n"
	    "2026-05-01T09:15:28Z\tsearch\t\t\t\n"
	    "2026-05-01T09:15:28Z\tview\tBravo\t\t\n"
	    /* From the first input to the last: 24.6 s. */
	    "2026-05-01T09:17:16Z\tvisit-end\t\t\t25\n"
	    "2026-05-01T09:20:02Z\tvisit-start\t\t\t\n"
	    "2026-05-01T09:20:02Z\tvisit-end\t\t\t0\n"
	    "2026-05-01T09:20:02Z\tkiosk-stop\t\t\t\n");
	stats_done(&st);
	buf_free(&k.lines);
}

static void
test_write_fails(void **state)
{
	struct sink k = { { 0 }, T0, 1, 0 };
	struct stats st;

	(void)state;
	stats_init(&st, sink_write, &k, sink_clock, &k);
	assert_int_equal(stats_kiosk_start(&st), -1);
	assert_true(st.failed);
	assert_string_equal(st.error,
	    "cannot write stats.tsv: No space left on device");
	/* The counting goes on: the visit is under way all the same. */
	assert_int_equal(stats_input(&st, 0), -1);
	assert_int_equal(stats_showing(&st, "Alpha", 0), 0);
	assert_int_equal(stats_showing(&st, "Alpha", 3 * S), -1);
	k.fail = 0;
	assert_int_equal(stats_note(&st, STATS_SEARCH, NULL, NULL), 0);
	assert_false(st.failed);
	assert_string_equal(st.error, "");
	assert_int_equal(stats_reset(&st, 4 * S), 0);
	assert_string_equal(lines(&k),
	    "2026-05-01T09:15:02Z\tsearch\t\t\t\n"
	    "2026-05-01T09:15:02Z\tvisit-end\t\t\t0\n");
	/* No stats file: nothing happens. */
	assert_int_equal(stats_input(NULL, 0), 0);
	assert_int_equal(stats_deadline(NULL), -1);
	stats_done(&st);
	buf_free(&k.lines);
}

/* ---- the app's calls ---- */

struct fixture {
	struct recordset rs;
	struct app_options opt;
	struct app	 app;
	struct sink	 sink;
	struct stats	 st;
};

static int
setup(void **state)
{
	static const char yaml[] = "program:\n  name: P\n"
	    "  become_ally_url: https://join.example/\nallies:\n"
	    "  - name: Alpha\n    url: https://a.example/\n"
	    "    description: The first.\n    tags: [nursing]\n"
	    "  - name: Bravo\n    url: https://b.example/\n"
	    "    description: The second.\n    tags: [nursing, students]\n"
	    "  - name: Charlie\n    url: https://c.example/\n"
	    "    description: The third.\n";
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct errlist e;

	recordset_init(&f->rs);
	errlist_init(&e);
	assert_int_equal(load_buffer(yaml, strlen(yaml), &f->rs, &e), 0);
	errlist_done(&e);
	f->sink.now = T0;
	stats_init(&f->st, sink_write, &f->sink, sink_clock, &f->sink);
	f->opt.kiosk = 1;
	f->opt.idle = 90;
	f->opt.cycle = 8;
	f->opt.pin = "246813";
	f->opt.stats = &f->st;
	app_init(&f->app, &f->opt, &f->rs);
	f->app.loaded = 1;
	f->app.list_rows = 4;
	f->app.detail_rows = 4;
	app_kiosk_start(&f->app, 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	app_done(&f->app);
	stats_done(&f->st);
	buf_free(&f->sink.lines);
	recordset_done(&f->rs);
	free(f);
	return 0;
}

static void
keys(struct app *a, const char *s, long long now)
{
	for (; *s != '\0'; s++)
		app_key(a, (unsigned char)*s, now);
}

static void
test_app_events(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;

	/* Staff at the keyboard are no visit. */
	app_key(a, K_CTRL(']'), 1 * S);
	assert_true(a->kiosk.prompt);
	keys(a, "1", 1 * S);
	app_key(a, K_ESC, 1 * S);
	assert_false(a->kiosk.prompt);
	app_tick(a, 5 * S);

	app_key(a, K_DOWN, 10 * S);		/* Bravo */
	app_tick(a, 13 * S);			/* viewed */
	app_key(a, '\r', 14 * S);		/* its code */
	assert_int_equal(a->overlay, OVERLAY_QR);
	app_key(a, K_ESC, 15 * S);
	app_key(a, K_F3, 15 * S);		/* the Become-an-Ally code */
	app_key(a, K_ESC, 15 * S);
	/* A search is one, however many keys; a new one after clearing. */
	keys(a, "nur", 16 * S);
	app_key(a, K_BACKSPACE, 16 * S);
	app_key(a, K_BACKSPACE, 16 * S);
	app_key(a, K_BACKSPACE, 16 * S);
	keys(a, "stu", 16 * S);
	app_key(a, K_ESC, 16 * S);
	app_note_topic(a, "students");
	app_tick(a, 17 * S);
	/* Bravo stayed selected through the search: in view from 15 s. */
	assert_int_equal(app_deadline(a), 18 * S);
	/* The idle reset ends the visit: 90 s after the last key. */
	app_tick(a, 16 * S + 90 * S);
	assert_string_equal(lines(&f->sink),
	    "2026-05-01T09:15:02Z\tkiosk-start\t\t\t\n"
	    "2026-05-01T09:15:02Z\tvisit-start\t\t\t\n"
	    "2026-05-01T09:15:02Z\tview\tBravo\t\t\n"
	    "2026-05-01T09:15:02Z\tcode\tBravo\t\t\n"
	    "2026-05-01T09:15:02Z\tbecome-code\t\t\t\n"
	    "2026-05-01T09:15:02Z\tsearch\t\t\t\n"
	    "2026-05-01T09:15:02Z\tsearch\t\t\t\n"
	    "2026-05-01T09:15:02Z\ttopic\t\tstudents\t\n"
	    "2026-05-01T09:15:02Z\tview\tBravo\t\t\n"
	    "2026-05-01T09:15:02Z\tvisit-end\t\t\t6\n");
	assert_null(strstr(lines(&f->sink), "nur"));
}

static void
test_app_write_fails(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;

	f->sink.fail = 1;
	app_key(a, K_DOWN, 10 * S);
	app_tick(a, 13 * S);
	/* Staff see why on the bottom line; the kiosk goes on. */
	assert_string_equal(a->status, "Stats: cannot write stats.tsv: No "
	    "space left on device");
	assert_true(a->status_error);
	assert_int_equal(a->view.sel, 1);
	assert_false(a->quit);
	/* A failed write of the reset's line outlasts the welcome. */
	app_tick(a, 13 * S + 90 * S);
	assert_string_equal(a->status, "Stats: cannot write stats.tsv: No "
	    "space left on device");
}

/* ---- the report ---- */

static void
feed(struct stats_report *r, const char *text, struct errlist *e)
{
	const char *nl;

	for (; *text != '\0'; text = nl + 1) {
		if ((nl = strchr(text, '\n')) == NULL) {
			stats_report_line(r, text, strlen(text), 0, e);
			return;
		}
		assert_int_equal(stats_report_line(r, text, (size_t)(nl - text),
		    1, e), 0);
	}
}

static char *
print(const struct stats_report *r, int flags)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	assert_non_null(fp);
	assert_int_equal(stats_report_print(fp, r, flags), 0);
	fclose(fp);
	return out;
}

static const char report_in[] = STATS_HEADER "\n"
    "2026-05-01T09:00:00Z\tkiosk-start\t\t\t\n"
    "2026-05-01T09:02:00Z\tvisit-start\t\t\t\n"
    "2026-05-01T09:02:04Z\tview\tBravo\t\t\n"
    "2026-05-01T09:02:05Z\tcode\tBravo\t\t\n"
    "2026-05-01T09:02:06Z\ttopic\t\tnursing\t\n"
    "2026-05-01T09:02:07Z\tsearch\t\t\t\n"
    "2026-05-01T09:03:10Z\tvisit-end\t\t\t70\n"
    "2026-05-01T09:50:00Z\tvisit-start\t\t\t\n"
    "2026-05-01T09:50:04Z\tview\tA\\tB\t\t\n"
    "2026-05-01T09:50:05Z\tview\tBravo\t\t\n"
    "2026-05-01T09:50:06Z\tbecome-code\t\t\t\n"
    "2026-05-01T09:50:30Z\tvisit-end\t\t\t5\n"
    "not a line\n"
    STATS_HEADER "\n"
    "2026-05-01T11:10:00Z\tvisit-start\t\t\t\n"
    "2026-05-01T11:10:40Z\tvisit-end\t\t\t3600\n"
    "2026-05-01T11:10:41Z\tvisit-end\t\t\t7200\n"
    "2026-05-01T11:11:00Z\tkiosk-stop\t\t\t\n"
    "2026-05-01T11:11:00Z\tsearch\t\t";

static void
test_report(void **state)
{
	struct stats_report r;
	struct errlist e;
	char *out, *line;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	stats_report_init(&r);
	errlist_init(&e);
	feed(&r, report_in, &e);
	assert_int_equal(e.len, 2);
	assert_int_equal(e.nerrors, 0);
	line = errlist_format(&e, 0, "s.tsv");
	assert_string_equal(line, "s.tsv:14:1: warning: 1 tab-separated "
	    "field, not 5 (time, event, ally, topic, seconds); line skipped");
	free(line);
	line = errlist_format(&e, 1, "s.tsv");
	assert_string_equal(line, "s.tsv:20:1: warning: the last line has no "
	    "newline: it was cut short (a full disk, a crash); line skipped");
	free(line);

	out = print(&r, 0);
	assert_string_equal(out,
	    "Visits: 3\n"
	    "Visits per hour (local time, UTC)\n"
	    "  2026-05-01 09:00  2\n"
	    "  2026-05-01 11:00  1\n"
	    /* Of 5, 70, 3600 and 7200: (70 + 3600) / 2. */
	    "Median length of a visit: 30 min 35 s (of 4 visits that ended)\n"
	    "Allies by views\n"
	    "  2  Bravo\n"
	    "  1  A B\n"
	    "Codes shown per ally\n"
	    "  1  Bravo\n"
	    "\"Become an Ally\" codes shown: 1\n"
	    "Topics by use\n"
	    "  1  nursing\n"
	    "Searches: 1\n");
	free(out);
	out = print(&r, STATS_REPORT_TSV);
	assert_string_equal(out,
	    "section\titem\tvalue\n"
	    "visits\t\t3\n"
	    "visits-per-hour\t2026-05-01 09:00\t2\n"
	    "visits-per-hour\t2026-05-01 11:00\t1\n"
	    "visits-ended\t\t4\n"
	    "median-visit-seconds\t\t1835\n"
	    "views\tBravo\t2\n"
	    "views\tA\\tB\t1\n"
	    "codes\tBravo\t1\n"
	    "become-codes\t\t1\n"
	    "topics\tnursing\t1\n"
	    "searches\t\t1\n");
	free(out);
	stats_report_done(&r);
	errlist_done(&e);
}

static void
test_report_empty_and_not_stats(void **state)
{
	struct stats_report r;
	struct errlist e;
	char *out, *line;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	stats_report_init(&r);
	errlist_init(&e);
	out = print(&r, 0);
	assert_string_equal(out,
	    "Visits: 0\n"
	    "Median length of a visit: none (no visit has ended)\n"
	    "Allies by views: none\n"
	    "Codes shown per ally: none\n"
	    "\"Become an Ally\" codes shown: 0\n"
	    "Topics by use: none\n"
	    "Searches: 0\n");
	free(out);
	assert_int_equal(stats_report_line(&r, "allies:", 7, 1, &e), -1);
	assert_int_equal(e.nerrors, 1);
	line = errlist_format(&e, 0, "a.yaml");
	assert_non_null(strstr(line, "a.yaml:1:1: error: not a stats file"));
	free(line);
	stats_report_done(&r);
	errlist_done(&e);
}

/* Many names: the table grows and every count stays its own. */
static void
test_report_many(void **state)
{
	struct stats_report r;
	struct errlist e;
	char line[128];
	size_t i, j;
	int len;

	(void)state;
	stats_report_init(&r);
	errlist_init(&e);
	assert_int_equal(stats_report_line(&r, STATS_HEADER,
	    strlen(STATS_HEADER), 1, &e), 0);
	for (j = 0; j < 3; j++)
		for (i = 0; i < 5000; i++) {
			len = snprintf(line, sizeof(line), "2026-05-01T09:00:00Z"
			    "\tview\tAlly %zu\t\t", i);
			if (j < 2 || i % 2 == 0)
				stats_report_line(&r, line, (size_t)len, 1, &e);
		}
	assert_int_equal(e.len, 0);
	assert_int_equal(r.views.len, 5000);
	for (i = 0; i < r.views.cap; i++)
		if (r.views.v[i].key != NULL)
			assert_int_equal(r.views.v[i].n,
			    strtoul(r.views.v[i].key + 5, NULL, 10) % 2 ? 2 : 3);
	stats_report_done(&r);
	errlist_done(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_visit),
		cmocka_unit_test(test_write_fails),
		cmocka_unit_test_setup_teardown(test_app_events, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_app_write_fails, setup,
		    teardown),
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_report_empty_and_not_stats),
		cmocka_unit_test(test_report_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
