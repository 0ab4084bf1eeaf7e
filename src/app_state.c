/*
 * app_state: what every part of the app stands on, below app.c and the
 * files that take a share of its actions (app_kiosk.c, app_input.c,
 * app_search.c, app_start.c): the status line, and a kiosk's failed
 * stats write shown on it; the engagement counts fed from the state;
 * the selection and the scrolling kept in bounds; the input mode; the
 * filter, the search bar's edits and the topic.  Nothing here calls
 * back up into those files, so they depend on it and not on each other
 * in a circle.  See app.h.
 */
#include "app.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bar.h"
#include "listview.h"
#include "message.h"
#include "query.h"
#include "record.h"
#include "stats.h"
#include "topics.h"

void
app_status(struct app *a, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->status, sizeof(a->status), fmt, ap);
	va_end(ap);
	a->status_error = error;
	message_new(&a->message);
	a->dirty = 1;
}

/*
 * The clock (act ACT_NONE) or an action ages the status line's message
 * (message.h).  Help shows it in full: reading it there does not count.
 */
void
app_age_status(struct app *a, enum action act, long long now)
{
	if (act == ACT_HELP || a->overlay == OVERLAY_HELP ||
	    a->status[0] == '\0' ||
	    !message_age(&a->message, act != ACT_NONE, now))
		return;
	a->status[0] = '\0';
	a->dirty = 1;
}

const struct record *
app_selected(const struct app *a)
{
	size_t i = listview_record(&a->view);

	return i != (size_t)-1 ? &a->rs->v[i] : NULL;
}

/* Lines of a page of lines, scrolled to top, that fit rows. */
static size_t
clamp_top(size_t top, size_t lines, int rows)
{
	size_t n = rows > 0 ? (size_t)rows : 1;

	if (lines <= n)
		return 0;
	return top > lines - n ? lines - n : top;
}

size_t
app_list_height(const struct app *a)
{
	return a->list_rows > 0 ? (size_t)a->list_rows : 1;
}

void
app_clamp(struct app *a)
{
	listview_clamp(&a->view, app_list_height(a));
	a->detail_top = clamp_top(a->detail_top, a->detail_lines,
	    a->detail_rows);
	a->overlay_top = clamp_top(a->overlay_top, a->overlay_lines,
	    a->overlay_rows);
}

void
app_detail_reset(struct app *a)
{
	a->detail_top = 0;
	a->detail_seek = 1;
	app_clamp(a);
	a->dirty = 1;
}

void
app_select(struct app *a, size_t row)
{
	if (listview_select(&a->view, row, app_list_height(a)))
		app_detail_reset(a);
	app_clamp(a);
	a->dirty = 1;
}

int
app_set_filter(struct app *a, const char *pattern, size_t len,
    struct match_error *err)
{
	struct matcher *m = NULL;
	int fresh = a->view.filter == NULL;

	if (query_compile(a->bar.mode, pattern, len, bar_fields(&a->bar), &m,
	    err) < 0)
		return -1;
	if (listview_filter(&a->view, a->rs, m, pattern, len, err) < 0)
		return -1;
	/* A search begins: counted, never its words. */
	if (fresh && len > 0)
		app_stats_said(a, stats_note(a->opt->stats, STATS_SEARCH,
		    NULL, NULL));
	if (!a->view.scanning)
		app_detail_reset(a);
	a->dirty = 1;
	return 0;
}

void
app_bar_open(struct app *a)
{
	bar_open(&a->bar, a->view.filter);
	a->focus = FOCUS_LIST;
	a->dirty = 1;
}

void
app_bar_changed(struct app *a)
{
	struct match_error err;

	memset(&err, 0, sizeof(err));
	a->dirty = 1;
	if (app_set_filter(a, a->bar.query.ptr, a->bar.query.len, &err) == 0)
		bar_clear_error(&a->bar);
	else
		/* The list keeps its last valid filter; the bar says why. */
		bar_set_error(&a->bar, err.msg, err.has_offset, err.offset);
}

void
app_bar_cancel(struct app *a)
{
	struct match_error err;
	const char *s = a->bar.saved != NULL ? a->bar.saved : "";

	if (app_set_filter(a, s, strlen(s), &err) < 0)
		app_set_filter(a, "", 0, &err);
	bar_close(&a->bar, 0);
	a->dirty = 1;
}

void
app_set_topic(struct app *a, const char *name)
{
	/* Every way to a topic comes here: a key, a tap, the idle reset. */
	listview_topic(&a->view, a->rs, name != NULL ? &name : NULL,
	    name != NULL);
	app_detail_reset(a);
}

enum key_mode
app_mode(const struct app *a)
{
	if (a->kiosk.prompt)
		return KM_PIN;
	if (a->overlay == OVERLAY_QR)
		return KM_CODE;
	if (a->bar.open)
		return KM_BAR;
	if (a->overlay == OVERLAY_TOPICS)
		return KM_TOPICS;
	if (a->overlay != OVERLAY_NONE)
		return KM_PAGE;
	return KM_BROWSE;
}

void
app_stats_said(struct app *a, int rc)
{
	if (rc >= 0 || a->opt->stats == NULL)
		return;
	app_status(a, 1, "Stats: %s", a->opt->stats->error);
}

void
app_stats_follow(struct app *a, long long now)
{
	const char *name = NULL;
	size_t i;

	if (a->opt->stats == NULL)
		return;
	if (a->loaded && !a->too_small && a->overlay == OVERLAY_NONE &&
	    (i = listview_record(&a->view)) != (size_t)-1)
		name = a->rs->v[i].text[FIELD_NAME];
	app_stats_said(a, stats_showing(a->opt->stats, name, now));
}

void
app_note_topic(struct app *a, const char *tag)
{
	app_stats_said(a, stats_note(a->opt->stats, STATS_TOPIC, NULL, tag));
}
