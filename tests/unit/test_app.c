/*
 * Unit tests for app.c, the browser's state without curses: moving the
 * selection, filtering (the selection kept, a bad pattern leaving the old
 * filter), the search bar's open/change/accept/cancel and its history,
 * n/N, reloading data, the kiosk's refusals and the open request, how
 * long a status message stays, one pane at a time on a small terminal,
 * and the public mode's policy and its idle clock.  Also
 * layout_compute() from ui.c, which is plain arithmetic: the panes for
 * every terminal size must tile the screen.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "load.h"
#include "match.h"
#include "record.h"
#include "ui.h"
#include "util.h"

static const char *const names[] = {
	"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf",
	"Hotel", "India", "Juliett",
};

/* Ten allies; the odd ones (Bravo, Delta, ...) are tagged "odd". */
static void
load_names(struct recordset *rs, const char *const *v, size_t n)
{
	struct errlist e;
	struct buf y = { 0 };
	size_t i;

	buf_adds(&y, "program:\n  name: P\n"
	    "  become_ally_url: https://join.example/\nallies:\n");
	for (i = 0; i < n; i++)
		buf_addf(&y, "  - name: %s\n    url: https://%s.example/\n"
		    "    description: The %s ally.\n    tags: [%s]\n", v[i],
		    v[i], v[i], i % 2 ? "odd" : "even");
	recordset_init(rs);
	errlist_init(&e);
	assert_int_equal(load_buffer(y.ptr, y.len, rs, &e), 0);
	assert_int_equal(rs->len, n);
	errlist_done(&e);
	buf_free(&y);
}

struct fixture {
	struct recordset rs;
	struct app_options opt;
	struct app	 app;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	load_names(&f->rs, names, nitems(names));
	f->opt.idle = 90;
	f->opt.cycle = 8;
	app_init(&f->app, &f->opt, &f->rs);
	f->app.list_rows = 4;
	f->app.detail_rows = 4;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	app_done(&f->app);
	recordset_done(&f->rs);
	free(f);
	return 0;
}

static const char *
selected_name(const struct app *a)
{
	const struct record *r = app_selected(a);

	return r != NULL ? r->text[FIELD_NAME] : NULL;
}

/* The selection is inside the view and on screen. */
static void
check_visible(const struct app *a)
{
	if (a->view.rows.len == 0)
		return;
	assert_true(a->view.sel < a->view.rows.len);
	assert_true(a->view.top <= a->view.sel);
	assert_true(a->view.sel < a->view.top + (size_t)a->list_rows);
}

static void
do_act(struct app *a, enum action act)
{
	app_do(a, act);
	check_visible(a);
}

/* Type a whole query into the open bar. */
static void
bar_type(struct app *a, const char *q)
{
	buf_reset(&a->bar.query);
	buf_adds(&a->bar.query, q);
	a->bar.cursor = a->bar.query.len;
	app_bar_changed(a);
}

static void
search(struct app *a, const char *q)
{
	app_do(a, ACT_SEARCH);
	assert_true(a->bar.open);
	bar_type(a, q);
	app_bar_accept(a);
	assert_false(a->bar.open);
}

static void
test_init(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	size_t i;

	assert_int_equal(a->view.rows.len, nitems(names));
	for (i = 0; i < a->view.rows.len; i++)
		assert_int_equal(a->view.rows.v[i], i);
	assert_int_equal(a->view.sel, 0);
	assert_string_equal(selected_name(a), "Alpha");
	assert_null(a->view.filter);
	assert_null(a->view.matcher);
	assert_false(a->bar.open);
	assert_false(a->quit);
	assert_int_equal(a->request, REQ_NONE);
	assert_int_equal(a->focus, FOCUS_LIST);
}

static void
test_moves(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	int i;

	do_act(a, ACT_DOWN);
	assert_int_equal(a->view.sel, 1);
	do_act(a, ACT_UP);
	do_act(a, ACT_UP);
	do_act(a, ACT_UP);
	assert_int_equal(a->view.sel, 0);

	do_act(a, ACT_LAST);
	assert_int_equal(a->view.sel, 9);
	assert_int_equal(a->view.top, 6);
	do_act(a, ACT_DOWN);
	assert_int_equal(a->view.sel, 9);
	assert_string_equal(selected_name(a), "Juliett");

	do_act(a, ACT_FIRST);
	assert_int_equal(a->view.sel, 0);
	assert_int_equal(a->view.top, 0);

	/* A page moves by about the list's height, never past the ends. */
	do_act(a, ACT_PAGE_DOWN);
	assert_true(a->view.sel >= 3 && a->view.sel <= 4);
	for (i = 0; i < 5; i++)
		do_act(a, ACT_PAGE_DOWN);
	assert_int_equal(a->view.sel, 9);
	do_act(a, ACT_PAGE_UP);
	assert_true(a->view.sel >= 5 && a->view.sel <= 6);
	for (i = 0; i < 5; i++)
		do_act(a, ACT_PAGE_UP);
	assert_int_equal(a->view.sel, 0);

	/* With more rows than allies nothing scrolls. */
	a->list_rows = 40;
	do_act(a, ACT_LAST);
	assert_int_equal(a->view.sel, 9);
	assert_int_equal(a->view.top, 0);
	do_act(a, ACT_PAGE_DOWN);
	assert_int_equal(a->view.sel, 9);
}

static void
test_moves_empty_view(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct match_error err;

	assert_int_equal(app_set_filter(a, "nothing matches", 15, &err), 0);
	assert_int_equal(a->view.rows.len, 0);
	assert_null(app_selected(a));
	app_do(a, ACT_DOWN);
	app_do(a, ACT_LAST);
	app_do(a, ACT_PAGE_UP);
	app_do(a, ACT_NEXT);
	assert_int_equal(a->view.sel, 0);
	assert_null(app_selected(a));
	app_do(a, ACT_OPEN);
	assert_int_equal(a->request, REQ_NONE);
}

static void
test_filter_keeps_selection(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct match_error err;
	size_t i;

	app_select(a, 7);
	assert_string_equal(selected_name(a), "Hotel");
	assert_int_equal(app_set_filter(a, "odd", 3, &err), 0);
	assert_string_equal(a->view.filter, "odd");
	assert_int_equal(a->view.rows.len, 5);
	for (i = 0; i < a->view.rows.len; i++)
		assert_int_equal(a->view.rows.v[i], 2 * i + 1);
	assert_string_equal(selected_name(a), "Hotel");
	check_visible(a);

	/* Gone from the view: the first match is selected. */
	assert_int_equal(app_set_filter(a, "even", 4, &err), 0);
	assert_int_equal(a->view.rows.len, 5);
	assert_int_equal(a->view.sel, 0);
	assert_string_equal(selected_name(a), "Alpha");

	app_select(a, 3);
	assert_string_equal(selected_name(a), "Golf");
	assert_int_equal(app_set_filter(a, "", 0, &err), 0);
	assert_null(a->view.filter);
	assert_null(a->view.matcher);
	assert_int_equal(a->view.rows.len, 10);
	assert_string_equal(selected_name(a), "Golf");
	check_visible(a);
}

static void
test_invalid_filter_keeps_old(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct match_error err;

	assert_int_equal(app_set_filter(a, "odd", 3, &err), 0);
	app_select(a, 2);
	memset(&err, 0, sizeof(err));
	assert_int_equal(app_set_filter(a, "odd(", 4, &err), -1);
	assert_true(err.msg[0] != '\0');
	assert_true(err.has_offset);
	assert_int_equal(err.offset, 4);
	assert_string_equal(a->view.filter, "odd");
	assert_non_null(a->view.matcher);
	assert_int_equal(a->view.rows.len, 5);
	assert_int_equal(a->view.sel, 2);
	assert_string_equal(selected_name(a), "Foxtrot");
}

static void
test_bar_accept_cancel(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct match_error err;

	assert_int_equal(app_set_filter(a, "odd", 3, &err), 0);

	/* The bar opens on the current filter. */
	app_bar_open(a);
	assert_true(a->bar.open);
	assert_string_equal(a->bar.query.ptr, "odd");
	assert_int_equal(a->bar.cursor, 3);

	/* The list follows as the query changes. */
	bar_type(a, "even");
	assert_string_equal(a->view.filter, "even");
	assert_int_equal(a->view.rows.len, 5);
	assert_int_equal(a->view.rows.v[0], 0);
	assert_string_equal(a->bar.error, "");

	/* A bad pattern: the bar says where; the list keeps "even". */
	bar_type(a, "\xc3\xa9ven(");
	assert_true(a->bar.error[0] != '\0');
	assert_true(a->bar.error_has_col);
	assert_int_equal(a->bar.error_col, 5);
	assert_string_equal(a->view.filter, "even");
	assert_int_equal(a->view.rows.len, 5);
	assert_int_equal(a->view.rows.v[0], 0);

	/* Esc: back to the filter from before the bar opened. */
	app_bar_cancel(a);
	assert_false(a->bar.open);
	assert_string_equal(a->view.filter, "odd");
	assert_int_equal(a->view.rows.len, 5);
	assert_int_equal(a->view.rows.v[0], 1);
	assert_string_equal(a->bar.error, "");

	/* Enter keeps the new filter. */
	app_bar_open(a);
	bar_type(a, "golf");
	app_bar_accept(a);
	assert_false(a->bar.open);
	assert_string_equal(a->view.filter, "golf");
	assert_int_equal(a->view.rows.len, 1);
	assert_string_equal(selected_name(a), "Golf");
	assert_non_null(strstr(a->status, "1 of 10"));

	/* Enter on an empty query clears the filter. */
	app_bar_open(a);
	bar_type(a, "");
	app_bar_accept(a);
	assert_null(a->view.filter);
	assert_int_equal(a->view.rows.len, 10);

	/* Esc with no filter before: none after. */
	app_bar_open(a);
	assert_string_equal(a->bar.query.ptr, "");
	bar_type(a, "hotel");
	assert_int_equal(a->view.rows.len, 1);
	app_bar_cancel(a);
	assert_null(a->view.filter);
	assert_int_equal(a->view.rows.len, 10);

	/* Enter while the pattern is bad keeps the last valid filter. */
	app_bar_open(a);
	bar_type(a, "india");
	bar_type(a, "india[");
	app_bar_accept(a);
	assert_string_equal(a->view.filter, "india");
	assert_int_equal(a->view.rows.len, 1);
	assert_true(a->status_error);
	assert_string_equal(a->bar.error, "");

	/* Esc while browsing clears the filter. */
	app_do(a, ACT_CLEAR);
	assert_null(a->view.filter);
	assert_int_equal(a->view.rows.len, 10);
}

static void
test_bar_history(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	size_t n;

	search(a, "alpha");
	search(a, "bravo");
	n = a->bar.hist.len;
	assert_true(n >= 2);
	assert_string_equal(a->bar.hist.v[n - 1], "bravo");
	assert_string_equal(a->bar.hist.v[n - 2], "alpha");

	app_bar_open(a);
	bar_type(a, "dr");
	app_bar_history(a, -1);
	assert_string_equal(a->bar.query.ptr, "bravo");
	assert_int_equal(a->bar.cursor, 5);
	assert_string_equal(a->view.filter, "bravo");
	assert_int_equal(a->view.rows.len, 1);
	app_bar_history(a, -1);
	assert_string_equal(a->bar.query.ptr, "alpha");
	assert_string_equal(selected_name(a), "Alpha");
	if (n == 2) {
		app_bar_history(a, -1);
		assert_string_equal(a->bar.query.ptr, "alpha");
	}
	app_bar_history(a, 1);
	assert_string_equal(a->bar.query.ptr, "bravo");
	/* Past the newest: the draft that was being typed. */
	app_bar_history(a, 1);
	assert_string_equal(a->bar.query.ptr, "dr");
	app_bar_history(a, 1);
	assert_string_equal(a->bar.query.ptr, "dr");
	app_bar_accept(a);

	/* A query given again moves to the end instead of repeating. */
	search(a, "alpha");
	assert_string_equal(a->bar.hist.v[a->bar.hist.len - 1], "alpha");
	assert_string_equal(a->bar.hist.v[a->bar.hist.len - 2], "dr");
	assert_string_equal(a->bar.hist.v[a->bar.hist.len - 3], "bravo");
	for (n = 0; n + 1 < a->bar.hist.len; n++)
		assert_true(strcmp(a->bar.hist.v[n], "alpha") != 0);
}

static void
test_history_bounded(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	char q[16];
	int i;

	for (i = 0; i < HISTORY_MAX + 20; i++) {
		snprintf(q, sizeof(q), "q%d", i);
		search(a, q);
	}
	assert_int_equal(a->bar.hist.len, HISTORY_MAX);
	snprintf(q, sizeof(q), "q%d", HISTORY_MAX + 19);
	assert_string_equal(a->bar.hist.v[HISTORY_MAX - 1], q);
	assert_string_equal(a->bar.hist.v[0], "q20");
}

static void
test_next_prev(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	int i;

	/* No search yet: n says so and moves nothing. */
	app_do(a, ACT_NEXT);
	assert_int_equal(a->view.sel, 0);
	assert_true(a->status[0] != '\0');

	search(a, "odd");
	assert_int_equal(a->view.rows.len, 5);
	app_do(a, ACT_FIRST);
	for (i = 1; i < 5; i++) {
		do_act(a, ACT_NEXT);
		assert_int_equal(a->view.sel, (size_t)i);
	}
	assert_string_equal(selected_name(a), "Juliett");
	do_act(a, ACT_NEXT);
	assert_int_equal(a->view.sel, 0);
	assert_string_equal(selected_name(a), "Bravo");
	assert_true(a->status[0] != '\0');
	do_act(a, ACT_PREV);
	assert_int_equal(a->view.sel, 4);
	do_act(a, ACT_PREV);
	assert_int_equal(a->view.sel, 3);
}

static void
test_reload(void **state)
{
	static const char *const reordered[] = {
		"Zulu", "Hotel", "Kilo", "Alpha", "Lima", "Mike",
	};
	static const char *const without[] = { "Xray", "Yankee", "Zulu" };
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct recordset fresh;
	struct match_error err;
	size_t i;

	assert_int_equal(app_set_filter(a, "odd", 3, &err), 0);
	app_select(a, 3);
	assert_string_equal(selected_name(a), "Hotel");

	/* Odd positions now: Hotel, Alpha, Mike. */
	load_names(&fresh, reordered, nitems(reordered));
	app_reload(a, &fresh);
	recordset_done(&fresh);
	assert_int_equal(a->rs->len, 6);
	assert_string_equal(a->view.filter, "odd");
	assert_int_equal(a->view.rows.len, 3);
	for (i = 0; i < a->view.rows.len; i++)
		assert_int_equal(a->view.rows.v[i], 2 * i + 1);
	assert_string_equal(selected_name(a), "Hotel");
	check_visible(a);

	/* The selected ally is gone: a valid selection all the same. */
	load_names(&fresh, without, nitems(without));
	app_reload(a, &fresh);
	recordset_done(&fresh);
	assert_int_equal(a->view.rows.len, 1);
	assert_int_equal(a->view.sel, 0);
	assert_string_equal(selected_name(a), "Yankee");

	/* No filter: every ally, selection by name. */
	assert_int_equal(app_set_filter(a, "", 0, &err), 0);
	app_select(a, 2);
	load_names(&fresh, reordered, nitems(reordered));
	app_reload(a, &fresh);
	recordset_done(&fresh);
	assert_int_equal(a->view.rows.len, 6);
	assert_string_equal(selected_name(a), "Zulu");
	assert_int_equal(a->view.sel, 0);
}

static void
test_open_and_quit(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;

	app_select(a, 4);
	app_do(a, ACT_OPEN);
	assert_int_equal(a->request, REQ_OPEN);
	assert_non_null(a->req_url);
	assert_string_equal(a->req_url, "https://Echo.example/");
	assert_ptr_equal(a->req_url, f->rs.v[4].text[FIELD_URL]);
	a->request = REQ_NONE;

	app_do(a, ACT_COPY);
	assert_int_equal(a->request, REQ_COPY);
	assert_string_equal(a->req_url, "https://Echo.example/");
	a->request = REQ_NONE;

	app_do(a, ACT_BECOME);
	assert_int_equal(a->request, REQ_OPEN);
	assert_string_equal(a->req_url, "https://join.example/");
	a->request = REQ_NONE;

	assert_false(a->quit);
	app_do(a, ACT_QUIT);
	assert_true(a->quit);
}

/* What the status line shows, "" for nothing. */
static const char *
shown(const struct app *a, int *error)
{
	const char *msg = message_shown(&a->message, a->status,
	    a->status_error, error);

	return msg != NULL ? msg : "";
}

/*
 * A message stays MESSAGE_MS, or until the next action, whichever comes
 * later; Help shows it and reading it there does not count.  The clock
 * is injected: no test waits.
 */
static void
test_message_expires(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	long long t0 = 1000000;
	int error;

	app_status(a, 0, "Filter cleared");
	app_tick(a, t0);		/* the loop sees it */
	assert_int_equal(app_deadline(a), -1);
	/* An action before its time is up: it stays, then the clock ends it. */
	app_key(a, 'j', t0 + 500);
	assert_int_equal(a->view.sel, 1);
	assert_string_equal(shown(a, &error), "Filter cleared");
	assert_int_equal(app_deadline(a), t0 + MESSAGE_MS);
	app_tick(a, t0 + MESSAGE_MS - 1);
	assert_string_equal(shown(a, &error), "Filter cleared");
	app_tick(a, t0 + MESSAGE_MS);
	assert_string_equal(shown(a, &error), "");
	assert_true(a->dirty);

	/* No action: it stays however long, and goes at the next one. */
	app_status(a, 1, "Opening failed");
	app_tick(a, t0 + 10000);
	app_tick(a, t0 + 900000);
	assert_int_equal(app_deadline(a), -1);
	assert_string_equal(shown(a, &error), "Opening failed");
	assert_true(error);
	app_key(a, 'x', t0 + 900001);	/* unbound: no action */
	assert_string_equal(shown(a, &error), "Opening failed");
	app_key(a, 'j', t0 + 900002);
	assert_string_equal(shown(a, &error), "");
	assert_int_equal(a->view.sel, 2);

	/* The action that sets a message keeps it. */
	app_key(a, 'n', t0 + 900003);
	assert_non_null(strstr(a->status, "No search"));
	/* Help shows it; opening, scrolling and closing Help keep it. */
	app_tick(a, t0 + 900004);
	app_key(a, '?', t0 + 990000);
	assert_int_equal(a->overlay, OVERLAY_HELP);
	app_key(a, 'j', t0 + 990001);
	app_key(a, K_ESC, t0 + 990002);
	assert_int_equal(a->overlay, OVERLAY_NONE);
	assert_non_null(strstr(a->status, "No search"));
	/* The mouse is an action too. */
	app_point(a, MOUSE_CLICK, REGION_LIST, 0, t0 + 990003);
	assert_string_equal(shown(a, &error), "");
}

/* A warning that the data is stale stays until the data is fresh. */
static void
test_message_stale(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	long long t0 = 5000000;
	int error;

	app_status(a, 1, "data.yaml: bad; showing the data loaded before");
	app_data_stale(a, 1);
	app_tick(a, t0);
	app_key(a, 'j', t0 + 1);
	app_tick(a, t0 + MESSAGE_MS * 10);
	app_key(a, 'j', t0 + MESSAGE_MS * 10 + 1);
	assert_string_equal(a->status, "");
	assert_string_equal(shown(a, &error),
	    "data.yaml: bad; showing the data loaded before");
	assert_true(error);
	/* Another message takes its place a while, then it is back. */
	app_status(a, 0, "Opening x");
	assert_string_equal(shown(a, &error), "Opening x");
	assert_false(error);
	app_tick(a, t0 + MESSAGE_MS * 20);
	app_key(a, 'k', t0 + MESSAGE_MS * 21);
	assert_string_equal(shown(a, &error),
	    "data.yaml: bad; showing the data loaded before");
	/* Fixed: it goes. */
	app_data_stale(a, 0);
	assert_string_equal(shown(a, &error), "");
}

/*
 * Below the size where the panes stack, one pane shows at a time: Tab or
 * Enter brings the description, Tab or Esc the list back; Enter there and
 * o anywhere open the website.
 */
static void
test_small_terminal(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct app_layout l = { 0, 1, 9, 9, 10, 0, 0 };
	struct match_error err;
	const char *url;

	app_layout(a, &l);
	assert_int_equal(app_set_filter(a, "odd", 3, &err), 0);
	app_key(a, '\r', 0);
	assert_int_equal(a->focus, FOCUS_DETAIL);
	assert_int_equal(a->request, REQ_NONE);
	/* The wheel over it scrolls the description, not the list. */
	app_measured(a, 30, (size_t)-1, 0);
	app_point(a, MOUSE_WHEEL_DOWN, REGION_LIST, 0, 0);
	assert_int_equal(a->detail_top, 3);
	assert_int_equal(a->view.sel, 0);
	app_key(a, '\r', 0);
	assert_int_equal(app_take_request(a, &url), REQ_OPEN);
	assert_string_equal(url, "https://Bravo.example/");
	/* Esc goes back to the list; the filter stays. */
	app_key(a, K_ESC, 0);
	assert_int_equal(a->focus, FOCUS_LIST);
	assert_non_null(a->view.filter);
	app_key(a, '\t', 0);
	assert_int_equal(a->focus, FOCUS_DETAIL);
	app_key(a, '\t', 0);
	assert_int_equal(a->focus, FOCUS_LIST);
	app_key(a, 'o', 0);
	assert_int_equal(a->focus, FOCUS_LIST);
	assert_int_equal(app_take_request(a, &url), REQ_OPEN);
	/* Room for both: Enter opens at once. */
	l.list_only = 0;
	app_layout(a, &l);
	app_key(a, '\r', 0);
	assert_int_equal(a->focus, FOCUS_LIST);
	assert_int_equal(app_take_request(a, &url), REQ_OPEN);
}

static void
test_kiosk(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;

	f->opt.kiosk = 1;
	app_do(a, ACT_QUIT);
	assert_false(a->quit);
	app_do(a, ACT_COPY);
	assert_int_equal(a->request, REQ_NONE);
	app_do(a, ACT_DOWN);
	assert_int_equal(a->view.sel, 1);
	do_act(a, ACT_DOWN);
	assert_int_equal(a->view.sel, 2);

	/* A kiosk starts no program: opening never asks the UI to. */
	app_do(a, ACT_OPEN);
	assert_true(a->request != REQ_OPEN && a->request != REQ_COPY);
	app_do(a, ACT_QUIT);
	app_do(a, ACT_BECOME);
	assert_true(a->request != REQ_OPEN && a->request != REQ_COPY);
	assert_false(a->quit);
	f->opt.kiosk = 0;
}

/*
 * The public mode does as a kiosk does, but quits and copies: no action
 * ever asks the UI to open a site.
 */
static void
test_public(void **state)
{
	static const struct {
		enum action	 act;
		enum overlay	 overlay;	/* what is shown after */
		enum request	 req;		/* what the UI is asked */
	} steps[] = {
		{ ACT_OPEN, OVERLAY_QR, REQ_NONE },
		{ ACT_CLOSE, OVERLAY_NONE, REQ_NONE },
		{ ACT_BECOME, OVERLAY_QR, REQ_NONE },
		{ ACT_CLOSE, OVERLAY_NONE, REQ_NONE },
		{ ACT_COPY, OVERLAY_NONE, REQ_COPY },
		{ ACT_QUIT, OVERLAY_NONE, REQ_NONE },
	};
	struct fixture *f = *state;
	struct app *a = &f->app;
	enum action act;
	const char *url;
	size_t i;

	for (act = 0; act < ACT_COUNT; act++) {
		if (act == ACT_QUIT || act == ACT_COPY)
			assert_int_equal(action_policy(act, POLICY_PUBLIC),
			    act);
		else
			assert_int_equal(action_policy(act, POLICY_PUBLIC),
			    action_policy(act, POLICY_KIOSK));
		assert_int_not_equal(action_policy(act, POLICY_PUBLIC),
		    ACT_OPEN);
		assert_int_not_equal(action_policy(act, POLICY_PUBLIC),
		    ACT_BECOME);
		assert_int_not_equal(action_policy(act, POLICY_PUBLIC),
		    ACT_PICK_OPEN);
	}
	f->opt.public = 1;
	assert_int_equal(app_policy(a), POLICY_PUBLIC);
	for (i = 0; i < nitems(steps); i++) {
		app_do(a, steps[i].act);
		assert_int_equal(a->overlay, steps[i].overlay);
		assert_int_equal(app_take_request(a, &url), steps[i].req);
		assert_int_equal(a->quit, steps[i].act == ACT_QUIT);
	}
	f->opt.public = 0;
}

/* A public session ends after --idle seconds without a key, not before. */
static void
test_public_idle(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;

	f->opt.public = 1;
	f->opt.idle = 2;
	app_kiosk_start(a, 1000);
	assert_int_equal(app_deadline(a), 3000);
	app_tick(a, 2999);
	assert_false(a->quit);
	app_key(a, 'j', 2500);
	assert_int_equal(app_deadline(a), 4500);
	app_tick(a, 4499);
	assert_false(a->quit);
	app_tick(a, 4500);
	assert_true(a->quit);
	assert_true(a->idle_out);
	/* Nothing of the kiosk's clock ran: the selection stayed. */
	assert_int_equal(a->view.sel, 1);
	f->opt.public = 0;
}

/* Rectangles r and s share no cell. */
static int
overlap(const struct rect *r, const struct rect *s)
{
	if (r->h <= 0 || r->w <= 0 || s->h <= 0 || s->w <= 0)
		return 0;
	return r->y < s->y + s->h && s->y < r->y + r->h &&
	    r->x < s->x + s->w && s->x < r->x + r->w;
}

static void
check_inside(const struct rect *r, int rows, int cols)
{
	assert_true(r->h >= 0 && r->w >= 0);
	if (r->h == 0 || r->w == 0)
		return;
	assert_true(r->y >= 0 && r->x >= 0);
	assert_true(r->y + r->h <= rows);
	assert_true(r->x + r->w <= cols);
}

static void
test_layout_sizes(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(5, 100, &l);
	assert_true(l.too_small);
	layout_compute(30, 23, &l);
	assert_true(l.too_small);
	layout_compute(0, 0, &l);
	assert_true(l.too_small);
	layout_compute(6, 24, &l);
	assert_false(l.too_small);

	layout_compute(30, 100, &l);
	assert_false(l.too_small);
	assert_false(l.stacked);
	assert_false(l.list_only);
	assert_true(l.list.w >= 28 && l.list.w <= 52);
	assert_int_equal(l.list.w + l.sep.w + l.detail.w, 100);
	assert_int_equal(l.list.x, 0);
	assert_int_equal(l.sep.x, l.list.w);
	assert_int_equal(l.detail.x, l.list.w + l.sep.w);
	assert_int_equal(l.title.y, 0);
	assert_int_equal(l.status.y, 29);
	assert_int_equal(l.list.h, 28);
	assert_int_equal(l.detail.h, 28);

	layout_compute(20, 60, &l);
	assert_false(l.too_small);
	assert_true(l.stacked);
	assert_false(l.list_only);
	assert_int_equal(l.list.w, 60);
	assert_int_equal(l.detail.w, 60);
	assert_true(l.list.y < l.detail.y);
	assert_true(l.detail.h >= 2);
	assert_int_equal(l.list.h + l.sep.h + l.detail.h, 18);

	/* One pane at a time: the description in the list's place. */
	layout_compute(10, 60, &l);
	assert_false(l.too_small);
	assert_false(l.stacked);
	assert_true(l.list_only);
	assert_int_equal(l.list.w, 60);
	assert_int_equal(l.list.h, 8);
	assert_memory_equal(&l.detail, &l.list, sizeof(l.list));
}

/* For every size, the regions lie on screen and tile it exactly. */
static void
test_layout_all_sizes(void **state)
{
	struct layout l;
	const struct rect *r[5];
	long area;
	int rows, cols, i, j;

	(void)state;
	for (rows = 1; rows <= 80; rows++)
		for (cols = 1; cols <= 250; cols++) {
			layout_compute(rows, cols, &l);
			if (l.too_small) {
				assert_true(rows < UI_MIN_ROWS ||
				    cols < UI_MIN_COLS);
				continue;
			}
			assert_true(rows >= UI_MIN_ROWS &&
			    cols >= UI_MIN_COLS);
			r[0] = &l.title;
			r[1] = &l.list;
			r[2] = &l.sep;
			r[3] = &l.detail;
			r[4] = &l.status;
			area = 0;
			/* One pane at a time: both have the same place. */
			if (l.list_only) {
				assert_memory_equal(&l.detail, &l.list,
				    sizeof(l.list));
				r[3] = &l.sep;
			}
			for (i = 0; i < 5; i++) {
				if (i == 3 && l.list_only)
					continue;
				check_inside(r[i], rows, cols);
				area += (long)r[i]->h * r[i]->w;
				for (j = 0; j < i; j++)
					if (overlap(r[i], r[j])) {
						print_error("%dx%d: regions "
						    "%d and %d overlap\n", cols,
						    rows, i, j);
						fail();
					}
			}
			assert_int_equal(area, (long)rows * cols);
			/* A header and at least one row of allies. */
			assert_true(l.list.h >= 2 && l.list.w >= 1);
			assert_int_equal(l.title.h, 1);
			assert_int_equal(l.status.h, 1);
			assert_int_equal(l.status.y, rows - 1);
			assert_true(l.detail.h >= 2 && l.detail.w >= 1);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_init),
		T(test_moves),
		T(test_moves_empty_view),
		T(test_filter_keeps_selection),
		T(test_invalid_filter_keeps_old),
		T(test_bar_accept_cancel),
		T(test_bar_history),
		T(test_history_bounded),
		T(test_next_prev),
		T(test_reload),
		T(test_open_and_quit),
		T(test_kiosk),
		T(test_message_expires),
		T(test_message_stale),
		T(test_small_terminal),
		T(test_public),
		T(test_public_idle),
#undef T
		cmocka_unit_test(test_layout_sizes),
		cmocka_unit_test(test_layout_all_sizes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
