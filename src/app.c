/*
 * app: state and actions of the browser.  See app.h.
 */
#include "app.h"
#include "app_start.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bar.h"
#include "kiosk.h"
#include "listview.h"
#include "output.h"
#include "query.h"
#include "record.h"
#include "sort.h"
#include "stats.h"
#include "topics.h"
#include "util.h"

void
app_init(struct app *a, const struct app_options *opt, struct recordset *rs)
{
	memset(a, 0, sizeof(*a));
	a->opt = opt;
	a->rs = rs;
	a->list_rows = 1;
	a->detail_rows = 1;
	a->overlay_rows = 1;
	bar_init(&a->bar);
	a->bar.mode = opt->search_mode;
	if (opt->history != NULL) {
		a->bar.hist = *opt->history;
		memset(opt->history, 0, sizeof(*opt->history));
		history_rewind(&a->bar.hist);
	}
	listview_init(&a->view, rs);
	if (opt->notice != NULL)
		app_status(a, 1, "%s", opt->notice);
	topics_init(&a->topics);
	listview_topic(&a->view, rs, opt->topics, opt->ntopics);
	message_init(&a->message);
	a->dirty = 1;
}

void
app_done(struct app *a)
{
	listview_done(&a->view);
	if (a->opt->history != NULL) {
		history_rewind(&a->bar.hist);
		*a->opt->history = a->bar.hist;
		memset(&a->bar.hist, 0, sizeof(a->bar.hist));
	}
	topics_done(&a->topics);
	bar_done(&a->bar);
	free(a->qr_url);
	free(a->qr_title);
	free(a->copy_text);
	kiosk_done(&a->kiosk);
	memset(a, 0, sizeof(*a));
}

static void
move_sel(struct app *a, long delta)
{
	size_t row = a->view.sel;

	if (delta < 0)
		row = (size_t)-delta > row ? 0 : row - (size_t)-delta;
	else
		row += (size_t)delta;
	app_select(a, row);
}

void
app_scroll_list(struct app *a, long delta)
{
	if (listview_scroll(&a->view, delta, app_list_height(a)))
		app_detail_reset(a);
	a->dirty = 1;
}

static size_t
scroll_by(size_t top, long delta)
{
	if (delta < 0)
		return (size_t)-delta > top ? 0 : top - (size_t)-delta;
	return top + (size_t)delta;
}

void
app_scroll_detail(struct app *a, long delta)
{
	a->detail_top = scroll_by(a->detail_top, delta);
	a->detail_seek = 0;
	app_clamp(a);
	a->dirty = 1;
}

void
app_scroll_overlay(struct app *a, long delta)
{
	a->overlay_top = scroll_by(a->overlay_top, delta);
	app_clamp(a);
	a->dirty = 1;
}

int
app_scan_step(struct app *a, size_t work)
{
	struct match_error err;
	size_t before = a->view.rows.len;
	int rc, keep = !a->view.scan_moved && a->view.scan_keep != (size_t)-1;

	if (!a->view.scanning)
		return 0;
	memset(&err, 0, sizeof(err));
	if ((rc = listview_step(&a->view, a->rs, work, &err)) < 0) {
		/* The last complete filter is back: say why. */
		if (a->bar.open)
			bar_set_error(&a->bar, err.msg, 0, 0);
		else
			app_status(a, 1, "%s", err.msg);
		if (!a->view.scanning)
			app_detail_reset(a);
		a->dirty = 1;
		return a->view.scanning;
	}
	if (a->view.rows.len != before)
		a->dirty = 1;
	if (rc == 0) {
		/* Complete: back on the ally selected before, if it is in. */
		if (keep)
			app_detail_reset(a);
		a->dirty = 1;
	}
	return rc;
}

void
app_reload(struct app *a, struct recordset *fresh)
{
	const struct record *r = app_selected(a);
	char *name = r != NULL ? xstrdup(r->text[FIELD_NAME]) : NULL;

	recordset_swap(a->rs, fresh);
	listview_refresh(&a->view, a->rs, name != NULL ?
	    recordset_find(a->rs, name) : (size_t)-1);
	free(name);
	if (a->overlay == OVERLAY_TOPICS)
		topics_count(&a->topics, a->rs);
	app_detail_reset(a);
}

void
app_show_qr(struct app *a, const char *url, const char *title)
{
	free(a->qr_url);
	free(a->qr_title);
	a->qr_url = xstrdup(url);
	a->qr_title = xstrdup(title);
	a->overlay = OVERLAY_QR;
	a->overlay_top = 0;
	a->dirty = 1;
}

/* Bar. */

void
app_bar_accept(struct app *a)
{
	char n1[UTIL_COUNT_MAX], n2[UTIL_COUNT_MAX];

	if (a->bar.error[0] != '\0')
		app_status(a, 1, "Kept the last valid filter: %s",
		    a->bar.error);
	else if (a->view.filter != NULL && a->view.scanning)
		app_status(a, 0, "%zu of %zu allies match so far; still "
		    "searching", a->view.rows.len, a->rs->len);
	else if (a->view.filter != NULL)
		app_status(a, 0, "%s of %s allies match; %s/%s step, %s clears",
		    util_count(n1, a->view.rows.len),
		    util_count(n2, a->view.topic_total),
		    keys_first(KM_BROWSE, ACT_NEXT),
		    keys_first(KM_BROWSE, ACT_PREV),
		    keys_first(KM_BROWSE, ACT_CLEAR));
	else
		a->status[0] = '\0';
	bar_close(&a->bar, 1);
	a->dirty = 1;
}

void
app_bar_history(struct app *a, int dir)
{
	if (bar_edit(&a->bar, dir < 0 ? ACT_BAR_OLDER : ACT_BAR_NEWER, 0))
		app_bar_changed(a);
}

/* Actions. */

static void
step_match(struct app *a, int dir)
{
	size_t before = a->view.sel;
	int wrapped;

	if (a->view.filter == NULL)
		app_status(a, 0, "No search; press %s to search",
		    keys_first(KM_BROWSE, ACT_SEARCH));
	else if (a->view.rows.len == 0 && a->view.scanning)
		app_status(a, 0, "Still searching; try again in a moment");
	else if (a->view.rows.len == 0)
		app_status(a, 1, "No ally matches /%s/", a->view.filter);
	else {
		wrapped = listview_cycle(&a->view, dir, app_list_height(a));
		if (a->view.sel != before)
			app_detail_reset(a);
		if (wrapped)
			app_status(a, 0, "Search wrapped to the %s match",
			    dir > 0 ? "first" : "last");
	}
}

static void
request(struct app *a, enum request r, const char *url)
{
	a->request = r;
	a->req_url = url;
	a->dirty = 1;
}

/* Y and E: the selected ally's name, or all of it as text, to copy. */
static void
app_copy(struct app *a, enum action act)
{
	const struct record *r;
	struct buf b = { 0 };

	if ((r = app_selected(a)) == NULL) {
		app_status(a, 1, "No ally selected");
		return;
	}
	free(a->copy_text);
	if (act == ACT_COPY_NAME)
		buf_add(&b, r->text[FIELD_NAME], r->len[FIELD_NAME]);
	else
		output_entry(&b, r, 0);
	buf_addc(&b, '\0');
	a->copy_text = b.ptr;
	request(a, REQ_COPY, a->copy_text);
	a->req_what = act == ACT_COPY_NAME ? "the name" : "the whole entry";
}

/* The program's "Become an Ally" page: opened, or as a code to scan. */
static void
become(struct app *a, enum action act)
{
	const struct program *p = &a->rs->program;
	const char *url = p->become_ally_url != NULL ? p->become_ally_url :
	    p->url;

	if (url == NULL)
		app_status(a, 1, "This data file gives no \"Become an Ally\" "
		    "page (program: become_ally_url)");
	else if (act == ACT_BECOME_QR) {
		app_show_qr(a, url, "Become an Ally");
		app_stats_said(a, stats_note(a->opt->stats, STATS_BECOME,
		    NULL, NULL));
	} else
		request(a, REQ_OPEN, url);
}

static void
overlay_do(struct app *a, enum action act)
{
	if (action_is_move(act)) {
		app_scroll_overlay(a, action_move_delta(act, a->overlay_rows - 1,
		    (long)a->overlay_lines));
		a->dirty = 1;
		return;
	}
	switch (act) {
	case ACT_HELP:
		a->overlay = a->overlay == OVERLAY_HELP ? OVERLAY_NONE :
		    OVERLAY_HELP;
		a->overlay_top = 0;
		break;
	case ACT_ABOUT:
		a->overlay = a->overlay == OVERLAY_ABOUT ? OVERLAY_NONE :
		    OVERLAY_ABOUT;
		a->overlay_top = 0;
		break;
	case ACT_REDRAW:
		request(a, REQ_REDRAW, NULL);
		break;
	case ACT_BECOME:
	case ACT_BECOME_QR:
		a->overlay = OVERLAY_NONE;
		become(a, act);
		break;
	default:
		/* Esc, q and anything else close it. */
		a->overlay = OVERLAY_NONE;
		break;
	}
	a->dirty = 1;
}

/* Moves: of the selection, or of the description when it has the focus. */
static void
move_do(struct app *a, enum action act)
{
	if (a->focus == FOCUS_DETAIL)
		app_scroll_detail(a, action_move_delta(act, a->detail_rows - 1,
		    (long)a->detail_lines));
	else
		move_sel(a, action_move_delta(act, a->list_rows - 1,
		    (long)a->view.rows.len));
}

/* The list's own actions. */
static void
browse_do(struct app *a, enum action act)
{
	const struct record *r;
	int detail = a->focus == FOCUS_DETAIL;

	if (app_start_pick(a, act))
		return;
	if (action_is_move(act)) {
		move_do(a, act);
		return;
	}
	switch (act) {
	case ACT_FOCUS:	/* a small terminal: in the list's place */
		a->focus = detail ? FOCUS_LIST : FOCUS_DETAIL;
		break;
	case ACT_FOCUS_DETAIL:
		a->focus = FOCUS_DETAIL;
		break;
	case ACT_SEARCH:
		app_bar_open(a);
		break;
	case ACT_CLEAR:
		if (a->list_only && detail)
			a->focus = FOCUS_LIST;	/* from the description */
		else if (a->view.filter != NULL) {
			struct match_error err;
			app_set_filter(a, "", 0, &err);
			app_status(a, 0, "Filter cleared");
		} else if (a->view.topic.len > 0) {
			app_set_topic(a, NULL);
			app_status(a, 0, "All topics");
		}
		break;
	case ACT_TOPICS:
		topics_open(&a->topics, a->rs, a->view.topic.len == 1 ?
		    a->view.topic.names[0] : NULL);
		a->overlay = OVERLAY_TOPICS;
		break;
	case ACT_NEXT:
	case ACT_PREV:
		step_match(a, act == ACT_NEXT ? 1 : -1);
		break;
	case ACT_ENTER:	/* a small terminal: the description first */
		if (a->list_only && !detail)
			a->focus = FOCUS_DETAIL;
		else
			browse_do(a, ACT_OPEN);
		break;
	case ACT_COPY_NAME:
	case ACT_COPY_ENTRY:
		app_copy(a, act);
		break;
	case ACT_SORT:
		listview_sort(&a->view, a->rs, (a->view.sort + 1) % SORT_COUNT);
		app_status(a, 0, "Sorted %s", a->view.sort == SORT_FILE ?
		    "as in the file" : a->view.sort == SORT_NAME ? "by name" :
		    "by abbreviation");
		break;
	case ACT_OPEN:
	case ACT_QR:
	case ACT_COPY:
		if ((r = app_selected(a)) == NULL)
			app_status(a, 1, "No ally selected");
		else if (act == ACT_QR) {
			app_show_qr(a, r->text[FIELD_URL], r->text[FIELD_NAME]);
			app_stats_said(a, stats_note(a->opt->stats,
			    STATS_CODE, r->text[FIELD_NAME], NULL));
		} else {
			request(a, act == ACT_OPEN ? REQ_OPEN : REQ_COPY,
			    r->text[FIELD_URL]);
			a->req_what = NULL;
		}
		break;
	case ACT_BECOME:
	case ACT_BECOME_QR:
		become(a, act);
		break;
	case ACT_ABOUT:
	case ACT_HELP:
	case ACT_REDRAW:
		overlay_do(a, act);	/* opens the page */
		break;
	case ACT_QUIT:
		a->quit = 1;
		break;
	default:
		break;
	}
}

/* The topics screen: its moves, a choice, or the list's keys. */
static void
topics_do(struct app *a, enum action act)
{
	enum topics_verdict v = topics_act(&a->topics, act);

	/* Whatever leaves the screen, C-l repaints it. */
	if (v != TOPICS_STAY && act != ACT_REDRAW)
		a->overlay = OVERLAY_NONE;
	if (v == TOPICS_CHOSEN)
		app_set_topic(a, topics_cell_name(&a->topics, a->topics.cur));
	else if (v == TOPICS_PASS)
		browse_do(a, act);
}

/* The search bar: Enter, Esc, or an edit that refilters. */
static void
bar_do(struct app *a, enum action act, int key)
{
	if (app_search_do(a, act, key))
		return;
	if (act == ACT_BAR_ACCEPT)
		app_bar_accept(a);
	else if (act == ACT_BAR_CANCEL)
		app_bar_cancel(a);
	else if (act == ACT_BAR_SCOPE) {
		bar_next_scope(&a->bar);
		app_bar_changed(a);
	} else if (bar_edit(&a->bar, act, key))
		app_bar_changed(a);
}

/*
 * Every action comes through here, key, mouse or clock: the kiosk's
 * policy is applied once, then the action goes to the part of the state
 * it is about.
 */
void
app_act(struct app *a, enum action act, int key, long long now)
{
	if ((act = action_policy(act, app_policy(a))) == ACT_NONE)
		return;
	a->dirty = 1;
	app_age_status(a, act, now);
	switch (act) {
	case ACT_BAR_ACCEPT: case ACT_BAR_CANCEL: case ACT_BAR_OLDER:
	case ACT_BAR_NEWER: case ACT_BAR_CLEAR: case ACT_BAR_KILL_WORD:
	case ACT_BAR_LEFT: case ACT_BAR_RIGHT: case ACT_BAR_HOME:
	case ACT_BAR_END: case ACT_BAR_BACKSPACE: case ACT_BAR_DELETE:
	case ACT_BAR_SCOPE: case ACT_BAR_MODE: case ACT_TYPE:
	case ACT_BAR_INSERT:
		bar_do(a, act, key);
		return;
	case ACT_STAFF: case ACT_PIN_CHECK: case ACT_PIN_CANCEL:
	case ACT_PIN_ERASE: case ACT_PIN_TYPE:
		app_kiosk_pin(a, act, key, now);
		return;
	case ACT_KIOSK_RESET:
		app_kiosk_reset(a);
		return;
	case ACT_KIOSK_NEXT:
		if (a->view.rows.len > 0)
			app_select(a, (a->view.sel + 1) % a->view.rows.len);
		return;
	default:
		break;
	}
	app_search_leave(a, act);
	if (a->overlay == OVERLAY_QR)
		/* Any key closes a code; it does nothing else. */
		a->overlay = OVERLAY_NONE;
	else if (a->overlay == OVERLAY_TOPICS)
		topics_do(a, act);
	else if (a->overlay != OVERLAY_NONE)
		overlay_do(a, act);
	else
		browse_do(a, act);
}

enum policy
app_policy(const struct app *a)
{
	if (a->opt->public)
		return POLICY_PUBLIC;
	return a->opt->kiosk ? POLICY_KIOSK : POLICY_BROWSER;
}

void
app_do(struct app *a, enum action act)
{
	app_act(a, act, 0, 0);
}

void
app_key(struct app *a, int key, long long now)
{
	enum key_mode mode;
	enum action act = ACT_NONE;
	int woke;

	woke = app_visitor(a, now);
	mode = app_mode(a);
	/* A kiosk's staff key comes before any mode but the prompt. */
	if (a->opt->kiosk && mode != KM_PIN)
		act = keys_lookup(KM_STAFF, key);
	/* Staff leaving the kiosk are no visit. */
	if (act != ACT_STAFF && mode != KM_PIN)
		app_stats_said(a, stats_input(a->opt->stats, now));
	/* The key that ends the attract screen brings the browser only. */
	if (woke && act != ACT_STAFF) {
		app_stats_follow(a, now);
		return;
	}
	if (act == ACT_NONE) {
		if (a->too_small && mode != KM_PIN) {
			a->dirty = 1;
			return;
		}
		act = keys_lookup(keys_mode_for(mode, a->opt->kiosk), key);
	}
	if (act == ACT_NONE && (key & K_ALT))
		app_unbound_alt(a, mode, key);
	app_act(a, act, key, now);
	app_stats_follow(a, now);
}

void
app_tick(struct app *a, long long now)
{
	unsigned did, steps;

	app_age_status(a, ACT_NONE, now);
	if (a->opt->public && now - a->last_input >=
	    (long long)a->opt->idle * 1000) {
		a->quit = 1;
		a->idle_out = 1;
	}
	if (!a->opt->kiosk)
		return;
	/* The clock's own actions, through app_act() as every action. */
	did = app_kiosk_tick(a, now, &steps);
	if (did & KIOSK_RESET)
		app_act(a, ACT_KIOSK_RESET, 0, now);
	while (steps-- > 0)
		app_act(a, ACT_KIOSK_NEXT, 0, now);
	app_kiosk_told(a, did, now);
}

void
app_layout(struct app *a, const struct app_layout *l)
{
	a->too_small = l->too_small;
	a->spotlight = l->spotlight;
	if (!l->too_small) {
		a->list_rows = l->list_rows;
		a->detail_rows = l->detail_rows;
		a->overlay_rows = l->page_rows;
		topics_resize(&a->topics, l->page_cols, l->page_rows);
		a->list_only = l->list_only;
	}
	app_clamp(a);
	a->dirty = 1;
}

void
app_measured(struct app *a, size_t detail_lines, size_t match_line,
    size_t page_lines)
{
	size_t rows = a->detail_rows > 0 ? (size_t)a->detail_rows : 0;

	a->detail_lines = detail_lines;
	/* Bring the first match of the description into view, once. */
	if (a->detail_seek && match_line != (size_t)-1 && rows > 0 &&
	    match_line >= rows)
		a->detail_top = match_line - rows / 3;
	a->detail_seek = 0;
	a->overlay_lines = page_lines;
	app_clamp(a);
}

enum request
app_take_request(struct app *a, const char **url)
{
	enum request r = a->request;

	*url = a->req_url;
	a->request = REQ_NONE;
	a->req_url = NULL;
	return r;
}

void
app_data_stale(struct app *a, int stale)
{
	a->data_stale = stale;
	message_stale(&a->message, stale ? a->status : NULL, a->status_error);
	a->dirty = 1;
}

void
app_progress(struct app *a, const struct source_progress *p)
{
	a->load = *p;
	a->dirty = 1;
}

void
app_loaded(struct app *a, struct recordset *fresh)
{
	int first = !a->loaded;

	app_reload(a, fresh);
	a->loaded = 1;
	a->data_error[0] = '\0';
	if (first)
		app_start_loaded(a);
}

void
app_data_error(struct app *a, const char *msg)
{
	snprintf(a->data_error, sizeof(a->data_error), "%s", msg);
	a->dirty = 1;
}

void
app_dirty(struct app *a, int dirty)
{
	a->dirty = dirty;
}
