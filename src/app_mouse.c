/*
 * app_mouse: the mouse on struct app.  A click, a double click, the
 * wheel, and for a kiosk's touch a drag and a tap on a button, each
 * looked up in the mouse table (keys.c) and passed through the kiosk's
 * policy like a key; a button does its action as its key would.  The UI
 * says where an event landed (ui_mouse.c); this file says what it does
 * there.  See app.h.
 */
#include "app.h"

#include "keys.h"
#include "listview.h"
#include "stats.h"
#include "topics.h"

/* Scroll what is under the pointer by delta rows (down: positive). */
static void
scroll_at(struct app *a, enum mouse_region region, enum action act,
    long delta, long long now)
{
	if (region == REGION_TOPIC && act == ACT_DRAG) {
		topics_scroll(&a->topics, delta);
		a->dirty = 1;
	} else if (region == REGION_TOPIC)
		app_act(a, act, 0, now);	/* topics_do() */
	else if (region == REGION_PAGE)
		app_scroll_overlay(a, delta);
	else if (region == REGION_LIST)
		app_scroll_list(a, delta);
	else
		app_scroll_detail(a, delta);
}

/* A click or a double click on row (from the top of the list shown). */
static void
pick(struct app *a, enum action act, long row, long long now)
{
	size_t at = a->view.top + (size_t)(row > 0 ? row : 0);

	if (row < 0 || at >= a->view.rows.len)
		return;
	/* One pane at a time: the selected ally again shows its description. */
	if (act == ACT_PICK && a->list_only && at == a->view.sel) {
		a->focus = FOCUS_DETAIL;
		a->dirty = 1;
		return;
	}
	a->focus = FOCUS_LIST;
	app_select(a, at);
	if (act != ACT_PICK)
		app_act(a, act == ACT_PICK_OPEN ? ACT_OPEN : ACT_QR, 0, now);
}

/* A kiosk's button: its action, as its key would do it. */
static void
button(struct app *a, long i, long long now)
{
	const struct button *v;
	size_t n;

	v = keys_buttons(app_mode(a), &n);
	if (i >= 0 && (size_t)i < n)
		app_act(a, v[i].action, 0, now);
}

int
app_point(struct app *a, enum mouse_event ev, enum mouse_region region,
    long row, long long now)
{
	enum action act;

	if (app_visitor(a, now)) {
		app_stats_said(a, stats_input(a->opt->stats, now));
		return 1;
	}
	if (a->kiosk.prompt || a->too_small)
		return 0;
	app_stats_said(a, stats_input(a->opt->stats, now));
	if (a->overlay != OVERLAY_NONE && region != REGION_BUTTON &&
	    (region != REGION_TOPIC || a->overlay != OVERLAY_TOPICS))
		region = REGION_PAGE;
	else if (a->list_only && a->focus == FOCUS_DETAIL &&
	    region != REGION_BUTTON)
		region = REGION_DETAIL;	/* in the list's place */
	act = action_policy(keys_mouse(ev, region), app_policy(a));
	if (act != ACT_NONE)
		app_age_status(a, act, now);
	switch (act) {
	case ACT_WHEEL_UP:
	case ACT_WHEEL_DOWN:
		scroll_at(a, region, act, act == ACT_WHEEL_UP ? -3 : 3, now);
		break;
	case ACT_DRAG:
		scroll_at(a, region, act, row, now);
		break;
	case ACT_PICK:
	case ACT_PICK_OPEN:
	case ACT_PICK_QR:
		pick(a, act, row, now);
		break;
	case ACT_FOCUS_DETAIL:
		/* In the list's place, a tap on the description: the list. */
		a->focus = a->list_only && a->focus == FOCUS_DETAIL ?
		    FOCUS_LIST : FOCUS_DETAIL;
		a->dirty = 1;
		break;
	case ACT_TOPIC_PICK:
		/* For the topics, row is the cell tapped (-1: between them). */
		if (row >= 0) {
			topics_point(&a->topics, (size_t)row);
			app_act(a, ACT_TOPIC_CHOOSE, 0, now);
		}
		break;
	case ACT_BUTTON:
		button(a, row, now);
		break;
	default:
		app_act(a, act, 0, now);
		break;
	}
	app_stats_follow(a, now);
	return 0;
}
