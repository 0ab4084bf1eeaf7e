/*
 * app: state and actions of the browser.  See app.h.
 */
#include "app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "record.h"
#include "util.h"

static void
view_all(struct app *a)
{
	size_t i;

	a->view.len = 0;
	for (i = 0; i < a->rs->len; i++)
		indices_push(&a->view, i);
}

void
app_init(struct app *a, const struct app_options *opt, struct recordset *rs)
{
	memset(a, 0, sizeof(*a));
	a->opt = opt;
	a->rs = rs;
	a->list_rows = 1;
	a->detail_rows = 1;
	a->overlay_rows = 1;
	buf_add(&a->query, "", 0);
	view_all(a);
	a->dirty = 1;
}

void
app_done(struct app *a)
{
	size_t i;

	indices_free(&a->view);
	match_free(a->matcher);
	free(a->filter);
	match_free(a->prev_matcher);
	free(a->prev_filter);
	free(a->saved_filter);
	free(a->hist_draft);
	free(a->qr_url);
	free(a->qr_title);
	for (i = 0; i < a->nhistory; i++)
		free(a->history[i]);
	buf_free(&a->query);
	memset(a, 0, sizeof(*a));
}

void
app_status(struct app *a, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->status, sizeof(a->status), fmt, ap);
	va_end(ap);
	a->status_error = error;
	a->dirty = 1;
}

const struct record *
app_selected(const struct app *a)
{
	if (a->sel >= a->view.len)
		return NULL;
	return &a->rs->v[a->view.v[a->sel]];
}

void
app_clamp(struct app *a)
{
	size_t rows = a->list_rows > 0 ? (size_t)a->list_rows : 1;
	size_t drows = a->detail_rows > 0 ? (size_t)a->detail_rows : 1;
	size_t orows = a->overlay_rows > 0 ? (size_t)a->overlay_rows : 1;

	if (a->view.len == 0)
		a->sel = 0;
	else if (a->sel >= a->view.len)
		a->sel = a->view.len - 1;
	if (a->sel < a->list_top)
		a->list_top = a->sel;
	if (a->sel >= a->list_top + rows)
		a->list_top = a->sel - rows + 1;
	/* Never leave blank rows at the bottom while rows are hidden above. */
	if (a->view.len > rows && a->list_top > a->view.len - rows)
		a->list_top = a->view.len - rows;
	if (a->view.len <= rows)
		a->list_top = 0;
	if (a->detail_lines <= drows)
		a->detail_top = 0;
	else if (a->detail_top > a->detail_lines - drows)
		a->detail_top = a->detail_lines - drows;
	if (a->overlay_lines <= orows)
		a->overlay_top = 0;
	else if (a->overlay_top > a->overlay_lines - orows)
		a->overlay_top = a->overlay_lines - orows;
}

void
app_select(struct app *a, size_t row)
{
	size_t old = a->sel;

	a->sel = row;
	a->scan_moved = 1;
	app_clamp(a);
	if (a->sel != old) {
		a->detail_top = 0;
		a->detail_seek = 1;
	}
	a->dirty = 1;
}

static void
move_sel(struct app *a, long delta)
{
	size_t row = a->sel;

	if (delta < 0)
		row = (size_t)-delta > row ? 0 : row - (size_t)-delta;
	else
		row += (size_t)delta;
	app_select(a, row);
}

void
app_scroll_list(struct app *a, long delta)
{
	size_t rows = a->list_rows > 0 ? (size_t)a->list_rows : 1;
	size_t top = a->list_top, max;

	max = a->view.len > rows ? a->view.len - rows : 0;
	if (delta < 0)
		top = (size_t)-delta > top ? 0 : top - (size_t)-delta;
	else
		top = top + (size_t)delta > max ? max : top + (size_t)delta;
	a->list_top = top;
	/* The selection follows the viewport, as a pager's cursor does. */
	if (a->sel < top)
		app_select(a, top);
	else if (a->sel >= top + rows)
		app_select(a, top + rows - 1);
	a->dirty = 1;
}

void
app_scroll_detail(struct app *a, long delta)
{
	if (delta < 0)
		a->detail_top = (size_t)-delta > a->detail_top ? 0 :
		    a->detail_top - (size_t)-delta;
	else
		a->detail_top += (size_t)delta;
	a->detail_seek = 0;
	app_clamp(a);
	a->dirty = 1;
}

void
app_scroll_overlay(struct app *a, long delta)
{
	if (delta < 0)
		a->overlay_top = (size_t)-delta > a->overlay_top ? 0 :
		    a->overlay_top - (size_t)-delta;
	else
		a->overlay_top += (size_t)delta;
	app_clamp(a);
	a->dirty = 1;
}

/* Drop a scan's fallback: the scan finished, or a new one replaced it. */
static void
prev_free(struct app *a)
{
	match_free(a->prev_matcher);
	free(a->prev_filter);
	a->prev_matcher = NULL;
	a->prev_filter = NULL;
}

/* Put the selection back on record keep, if it is in the view. */
static void
reselect(struct app *a, size_t keep)
{
	size_t i;

	for (i = 0; i < a->view.len; i++)
		if (a->view.v[i] == keep)
			break;
	a->sel = i < a->view.len ? i : 0;
	a->detail_top = 0;
	a->detail_seek = 1;
	app_clamp(a);
	a->dirty = 1;
}

/*
 * Rebuild the view for matcher m, keeping the selected record.  A large
 * recordset is left to app_scan_step(); a small one is done at once.
 */
static int
refilter(struct app *a, struct matcher *m, struct match_error *err)
{
	struct indices fresh = { 0 };
	const struct record *r = app_selected(a);
	size_t keep = r != NULL ? (size_t)(r - a->rs->v) : (size_t)-1;
	size_t i;

	a->scanning = 0;
	if (m != NULL && a->rs->len > APP_SYNC_RECORDS) {
		a->view.len = 0;
		a->scanning = 1;
		a->scan_pos = 0;
		a->scan_keep = keep;
		a->scan_moved = 0;
		a->sel = 0;
		a->list_top = 0;
		a->dirty = 1;
		return 0;
	}
	if (m != NULL) {
		if (match_filter(m, a->rs, 0, a->rs->len, &fresh, err) < 0) {
			indices_free(&fresh);
			return -1;
		}
	} else
		for (i = 0; i < a->rs->len; i++)
			indices_push(&fresh, i);
	indices_free(&a->view);
	a->view = fresh;
	reselect(a, keep);
	return 0;
}

int
app_set_filter(struct app *a, const char *pattern, size_t len,
    struct match_error *err)
{
	struct matcher *m = NULL;
	int was_scanning = a->scanning;

	if (len > 0 && (m = match_compile(pattern, len, FIELD_ALL,
	    MATCH_SMART, err)) == NULL)
		return -1;
	if (refilter(a, m, err) < 0) {
		match_free(m);
		return -1;
	}
	if (a->scanning && !was_scanning) {
		/* Keep the complete filter until this one completes. */
		prev_free(a);
		a->prev_matcher = a->matcher;
		a->prev_filter = a->filter;
	} else {
		match_free(a->matcher);
		free(a->filter);
		if (!a->scanning)
			prev_free(a);
	}
	a->matcher = m;
	a->filter = len > 0 ? xstrndup(pattern, len) : NULL;
	return 0;
}

int
app_scan_step(struct app *a, size_t budget)
{
	struct match_error err;
	size_t to, before = a->view.len;

	if (!a->scanning)
		return 0;
	to = a->rs->len - a->scan_pos > budget ? a->scan_pos + budget :
	    a->rs->len;
	memset(&err, 0, sizeof(err));
	if (match_filter(a->matcher, a->rs, a->scan_pos, to, &a->view,
	    &err) < 0) {
		/* Back to the last complete filter, and say why. */
		a->scanning = 0;
		match_free(a->matcher);
		free(a->filter);
		a->matcher = a->prev_matcher;
		a->filter = a->prev_filter;
		a->prev_matcher = NULL;
		a->prev_filter = NULL;
		if (a->searching) {
			snprintf(a->bar_error, sizeof(a->bar_error), "%s",
			    err.msg);
			a->bar_error_has_col = 0;
		} else
			app_status(a, 1, "%s", err.msg);
		refilter(a, a->matcher, &err);
		a->dirty = 1;
		return a->scanning;
	}
	a->scan_pos = to;
	if (a->view.len != before)
		a->dirty = 1;
	if (a->scan_pos < a->rs->len)
		return 1;
	a->scanning = 0;
	prev_free(a);
	if (!a->scan_moved && a->scan_keep != (size_t)-1)
		reselect(a, a->scan_keep);
	a->dirty = 1;
	return 0;
}

void
app_reload(struct app *a, struct recordset *fresh)
{
	const struct record *r = app_selected(a);
	char *name = r != NULL ? xstrdup(r->text[FIELD_NAME]) : NULL;
	struct match_error err;
	size_t found = (size_t)-1, i;

	recordset_swap(a->rs, fresh);
	/* The view holds indices into the old data: forget them first. */
	a->view.len = 0;
	a->sel = 0;
	if (refilter(a, a->matcher, &err) < 0) {
		/* The old filter is too costly on the new data: drop it. */
		match_free(a->matcher);
		a->matcher = NULL;
		free(a->filter);
		a->filter = NULL;
		refilter(a, NULL, &err);
	}
	if (name != NULL)
		found = recordset_find(a->rs, name);
	if (a->scanning)
		a->scan_keep = found;
	for (i = 0; found != (size_t)-1 && i < a->view.len; i++)
		if (a->view.v[i] == found) {
			a->sel = i;
			break;
		}
	free(name);
	app_clamp(a);
	a->dirty = 1;
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

static void
bar_error_clear(struct app *a)
{
	a->bar_error[0] = '\0';
	a->bar_error_has_col = 0;
}

void
app_bar_open(struct app *a)
{
	free(a->saved_filter);
	a->saved_filter = a->filter != NULL ? xstrdup(a->filter) : NULL;
	buf_reset(&a->query);
	if (a->filter != NULL)
		buf_adds(&a->query, a->filter);
	a->cursor = a->query.len;
	a->hist_pos = a->nhistory;
	free(a->hist_draft);
	a->hist_draft = NULL;
	bar_error_clear(a);
	a->searching = 1;
	a->focus = FOCUS_LIST;
	a->dirty = 1;
}

void
app_bar_changed(struct app *a)
{
	struct match_error err;

	memset(&err, 0, sizeof(err));
	a->dirty = 1;
	if (app_set_filter(a, a->query.ptr, a->query.len, &err) == 0) {
		bar_error_clear(a);
		return;
	}
	/* The list keeps its last valid filter; the bar says what is wrong. */
	snprintf(a->bar_error, sizeof(a->bar_error), "%s", err.msg);
	a->bar_error_has_col = err.has_offset;
	a->bar_error_col = err.offset;
}

static void
history_add(struct app *a, const char *q)
{
	size_t i;

	if (*q == '\0')
		return;
	/* Once only, and the latest last. */
	for (i = 0; i < a->nhistory; i++)
		if (strcmp(a->history[i], q) == 0) {
			free(a->history[i]);
			memmove(&a->history[i], &a->history[i + 1],
			    (a->nhistory - i - 1) * sizeof(*a->history));
			a->nhistory--;
			break;
		}
	if (a->nhistory == HISTORY_MAX) {
		free(a->history[0]);
		memmove(&a->history[0], &a->history[1],
		    (a->nhistory - 1) * sizeof(*a->history));
		a->nhistory--;
	}
	a->history[a->nhistory++] = xstrdup(q);
}

void
app_bar_accept(struct app *a)
{
	history_add(a, a->query.ptr);
	a->searching = 0;
	if (a->bar_error[0] != '\0')
		app_status(a, 1, "Kept the last valid filter: %s",
		    a->bar_error);
	else if (a->filter != NULL)
		app_status(a, 0, "%zu of %zu allies match; n/N step, Esc clears",
		    a->view.len, a->rs->len);
	else
		a->status[0] = '\0';
	bar_error_clear(a);
	a->dirty = 1;
}

void
app_bar_cancel(struct app *a)
{
	struct match_error err;
	const char *s = a->saved_filter != NULL ? a->saved_filter : "";

	if (app_set_filter(a, s, strlen(s), &err) < 0)
		app_set_filter(a, "", 0, &err);
	history_add(a, a->query.ptr);
	a->searching = 0;
	bar_error_clear(a);
	a->dirty = 1;
}

static void
bar_set(struct app *a, const char *s)
{
	buf_reset(&a->query);
	buf_adds(&a->query, s);
	a->cursor = a->query.len;
	app_bar_changed(a);
}

void
app_bar_history(struct app *a, int dir)
{
	if (dir < 0) {
		if (a->hist_pos == 0)
			return;
		if (a->hist_pos == a->nhistory) {
			free(a->hist_draft);
			a->hist_draft = xstrdup(a->query.ptr);
		}
		a->hist_pos--;
		bar_set(a, a->history[a->hist_pos]);
	} else {
		if (a->hist_pos >= a->nhistory)
			return;
		a->hist_pos++;
		bar_set(a, a->hist_pos == a->nhistory ?
		    (a->hist_draft != NULL ? a->hist_draft : "") :
		    a->history[a->hist_pos]);
	}
}

/* Actions. */

static void
step_match(struct app *a, int dir)
{
	if (a->filter == NULL) {
		app_status(a, 0, "No search; press / to search");
		return;
	}
	if (a->view.len == 0) {
		app_status(a, 1, "No ally matches /%s/", a->filter);
		return;
	}
	if (dir > 0 && a->sel + 1 >= a->view.len) {
		app_select(a, 0);
		app_status(a, 0, "Search wrapped to the first match");
	} else if (dir < 0 && a->sel == 0) {
		app_select(a, a->view.len - 1);
		app_status(a, 0, "Search wrapped to the last match");
	} else {
		move_sel(a, dir);
		a->status[0] = '\0';
	}
}

static void
request(struct app *a, enum request r, const char *url)
{
	a->request = r;
	a->req_url = url;
	a->dirty = 1;
}

/* The program's "Become an Ally" page: opened, or as a code in a kiosk. */
static void
become(struct app *a)
{
	const struct program *p = &a->rs->program;
	const char *url = p->become_ally_url != NULL ? p->become_ally_url :
	    p->url;

	if (url == NULL)
		app_status(a, 1, "This data file gives no \"Become an Ally\" "
		    "page (program: become_ally_url)");
	else if (a->opt->kiosk)
		app_show_qr(a, url, "Become an Ally");
	else
		request(a, REQ_OPEN, url);
}

static void
overlay_do(struct app *a, enum action act)
{
	long page = a->overlay_rows > 1 ? a->overlay_rows - 1 : 1;

	switch (act) {
	case ACT_DOWN:
		app_scroll_overlay(a, 1);
		break;
	case ACT_UP:
		app_scroll_overlay(a, -1);
		break;
	case ACT_PAGE_DOWN:
		app_scroll_overlay(a, page);
		break;
	case ACT_PAGE_UP:
		app_scroll_overlay(a, -page);
		break;
	case ACT_FIRST:
		a->overlay_top = 0;
		break;
	case ACT_LAST:
		app_scroll_overlay(a, (long)a->overlay_lines);
		break;
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
		a->overlay = OVERLAY_NONE;
		become(a);
		break;
	default:
		/* Esc, q and anything else close it. */
		a->overlay = OVERLAY_NONE;
		break;
	}
	a->dirty = 1;
}

void
app_do(struct app *a, enum action act)
{
	const struct record *r;
	long page;
	int detail;

	if (act >= ACT_COUNT)
		return;
	if (a->opt->kiosk && !action_kiosk_ok(act))
		return;
	if (a->overlay == OVERLAY_QR) {
		/* Any key closes a code; it does nothing else. */
		a->overlay = OVERLAY_NONE;
		a->dirty = 1;
		return;
	}
	if (a->overlay != OVERLAY_NONE) {
		overlay_do(a, act);
		return;
	}
	a->status[0] = '\0';
	a->status_error = 0;
	detail = a->focus == FOCUS_DETAIL;
	page = (detail ? a->detail_rows : a->list_rows) - 1;
	if (page < 1)
		page = 1;
	switch (act) {
	case ACT_DOWN:
		if (detail)
			app_scroll_detail(a, 1);
		else
			move_sel(a, 1);
		break;
	case ACT_UP:
		if (detail)
			app_scroll_detail(a, -1);
		else
			move_sel(a, -1);
		break;
	case ACT_PAGE_DOWN:
		if (detail)
			app_scroll_detail(a, page);
		else
			move_sel(a, page);
		break;
	case ACT_PAGE_UP:
		if (detail)
			app_scroll_detail(a, -page);
		else
			move_sel(a, -page);
		break;
	case ACT_FIRST:
		if (detail)
			app_scroll_detail(a, -(long)a->detail_lines);
		else
			app_select(a, 0);
		break;
	case ACT_LAST:
		if (detail)
			app_scroll_detail(a, (long)a->detail_lines);
		else
			app_select(a, a->view.len > 0 ? a->view.len - 1 : 0);
		break;
	case ACT_FOCUS:
		a->focus = detail ? FOCUS_LIST : FOCUS_DETAIL;
		break;
	case ACT_SEARCH:
		app_bar_open(a);
		break;
	case ACT_CLEAR:
		if (a->filter != NULL) {
			struct match_error err;
			app_set_filter(a, "", 0, &err);
			app_status(a, 0, "Filter cleared");
		}
		break;
	case ACT_NEXT:
		step_match(a, 1);
		break;
	case ACT_PREV:
		step_match(a, -1);
		break;
	case ACT_OPEN:
	case ACT_QR:
		if ((r = app_selected(a)) == NULL)
			app_status(a, 1, "No ally selected");
		else if (act == ACT_QR || a->opt->kiosk)
			/* A kiosk starts no program: a code to scan instead. */
			app_show_qr(a, r->text[FIELD_URL], r->text[FIELD_NAME]);
		else
			request(a, REQ_OPEN, r->text[FIELD_URL]);
		break;
	case ACT_BECOME:
		become(a);
		break;
	case ACT_COPY:
		if ((r = app_selected(a)) == NULL)
			app_status(a, 1, "No ally selected");
		else
			request(a, REQ_COPY, r->text[FIELD_URL]);
		break;
	case ACT_ABOUT:
		a->overlay = OVERLAY_ABOUT;
		a->overlay_top = 0;
		break;
	case ACT_HELP:
		a->overlay = OVERLAY_HELP;
		a->overlay_top = 0;
		break;
	case ACT_REDRAW:
		request(a, REQ_REDRAW, NULL);
		break;
	case ACT_QUIT:
		a->quit = 1;
		break;
	default:
		break;
	}
	a->dirty = 1;
}
