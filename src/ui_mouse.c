/*
 * ui_mouse: mouse reports for the app, clicks and touch.  See
 * ui_mouse.h.
 */
#include "ui_mouse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "buttons.h"
#include "keys.h"
#include "layout.h"
#include "topics.h"
#include "tui.h"
#include "ui_input.h"

void
ui_mouse_start(struct ui_mouse *m, int touch)
{
	memset(m, 0, sizeof(*m));
	m->touch = touch;
	/*
	 * Every event, though only some are used: ncurses drops an event
	 * outside the mask and then goes on waiting for a key, which
	 * delays whatever else is due (a resize, a timer) until one comes.
	 * For touch, curses makes no clicks: a press that moves at once
	 * would be lost while it waits for the release.
	 */
	if (touch) {
		mousemask(ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION, NULL);
		mouseinterval(0);
		ui_mouse_drag_mode(1);
	} else {
		mousemask(ALL_MOUSE_EVENTS, NULL);
		mouseinterval(UI_TAP_DOUBLE_MS);
	}
}

void
ui_mouse_drag_mode(int on)
{
	if (!ui_input_xterm())
		return;
	fputs(on ? "\033[?1002h" : "\033[?1002l", stdout);
	fflush(stdout);
}

/* Which rectangle holds a screen position. */
static int
in_rect(const struct rect *r, int y, int x)
{
	return r->h > 0 && y >= r->y && y < r->y + r->h && x >= r->x &&
	    x < r->x + r->w;
}

/*
 * The region at y, x, and in *row what app_point() wants to know of it;
 * 0 when it is none of the app's (the title, the status line).
 */
static int
region_at(const struct app *a, const struct layout *lay, int y, int x,
    enum mouse_region *where, long *row)
{
	*where = REGION_PAGE;
	*row = -1;
	if (app_buttons(a) && in_rect(&lay->status, y, x)) {
		*where = REGION_BUTTON;
		*row = buttons_at(app_mode(a), lay->status.w - 1,
		    x - lay->status.x);
	} else if (app_mode(a) == KM_BAR && in_rect(&lay->status, y, x))
		*where = REGION_BAR;
	else if (app_spotlight(a))
		;	/* any touch only wakes it */
	else if (a->overlay == OVERLAY_TOPICS && y > lay->title.y &&
	    y < lay->status.y) {
		/* The page under the title: the cell tapped, or -1. */
		*where = REGION_TOPIC;
		*row = topics_cell_at(&a->topics, y - lay->title.y - 1, x);
	} else if (in_rect(&lay->list, y, x)) {
		*where = REGION_LIST;
		*row = y - lay->list.y - 1;		/* -1: the header */
	} else if (in_rect(&lay->detail, y, x))
		*where = REGION_DETAIL;
	else if (a->overlay == OVERLAY_NONE)
		return 0;
	return 1;
}

/* curses' own clicks, double clicks and wheel, as they come. */
static void
clicks(struct app *a, const struct layout *lay, const MEVENT *ev,
    long long now)
{
	enum mouse_event what = MOUSE_OTHER;
	enum mouse_region where;
	long row;

	if (ev->bstate & BUTTON4_PRESSED)
		what = MOUSE_WHEEL_UP;
#ifdef BUTTON5_PRESSED
	else if (ev->bstate & BUTTON5_PRESSED)
		what = MOUSE_WHEEL_DOWN;
#endif
	else if (ev->bstate & BUTTON1_DOUBLE_CLICKED)
		what = MOUSE_DOUBLE;
	else if (ev->bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))
		what = MOUSE_CLICK;
	if (!region_at(a, lay, ev->y, ev->x, &where, &row))
		what = MOUSE_OTHER;
	app_point(a, what, where, row, now);
}

/* What a tap may change: the page, the pane in front, the bar. */
static int
screen_of(const struct app *a)
{
	return (int)a->overlay * 8 + (int)a->focus * 2 + (a->bar.open != 0);
}

/* A tap at y, x: a click, or the second of a double tap. */
static void
tap(struct ui_mouse *m, struct app *a, const struct layout *lay, int y,
    int x, long long now)
{
	enum mouse_region where;
	long row;
	int twice, before = screen_of(a);

	twice = m->tap_at > 0 && now - m->tap_at < UI_TAP_DOUBLE_MS &&
	    y == m->tap_y && abs(x - m->tap_x) <= 1;
	m->tap_at = 0;
	if (twice && m->tap_changed)
		return;		/* the first tap took its screen away */
	if (!region_at(a, lay, y, x, &where, &row)) {
		app_point(a, MOUSE_OTHER, REGION_PAGE, -1, now);
		return;
	}
	app_point(a, twice ? MOUSE_DOUBLE : MOUSE_CLICK, where, row, now);
	if (!twice) {
		m->tap_at = now;
		m->tap_y = y;
		m->tap_x = x;
		m->tap_changed = screen_of(a) != before;
	}
}

/* A move with the button held: a drag of what it began on. */
static void
drag(struct ui_mouse *m, struct app *a, const struct layout *lay,
    const MEVENT *ev, long long now)
{
	enum mouse_region where;
	long row;

	if (!m->down) {
		/* The press was not seen: the drag starts here. */
		m->down = 1;
		m->y0 = m->y = ev->y;
		m->x0 = ev->x;
		m->dragged = 0;
		m->woke = app_point(a, MOUSE_OTHER, REGION_PAGE, -1, now);
		return;
	}
	if (ev->y != m->y0 || abs(ev->x - m->x0) > 1)
		m->dragged = 1;
	if (m->woke || ev->y == m->y ||
	    !region_at(a, lay, m->y0, m->x0, &where, &row) ||
	    where == REGION_BUTTON) {
		app_point(a, MOUSE_OTHER, REGION_PAGE, -1, now);
		return;
	}
	/* The finger going up brings what is below into view. */
	app_point(a, MOUSE_DRAG, where, (long)(m->y - ev->y), now);
	m->y = ev->y;
}

/* Presses, moves and releases made into taps and drags. */
static void
touch(struct ui_mouse *m, struct app *a, const struct layout *lay,
    const MEVENT *ev, long long now)
{
	if (ev->bstate & (BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    )) {
		clicks(a, lay, ev, now);
	} else if (ev->bstate & BUTTON1_PRESSED) {
		m->down = 1;
		m->y0 = m->y = ev->y;
		m->x0 = ev->x;
		m->dragged = 0;
		m->woke = app_point(a, MOUSE_OTHER, REGION_PAGE, -1, now);
	} else if (ev->bstate & REPORT_MOUSE_POSITION)
		drag(m, a, lay, ev, now);
	else if (ev->bstate & BUTTON1_DOUBLE_CLICKED) {
		/* Two taps that came together, made one by curses. */
		m->tap_at = 0;
		tap(m, a, lay, ev->y, ev->x, now);
		tap(m, a, lay, ev->y, ev->x, now);
		m->down = 0;
	} else if (ev->bstate & (BUTTON1_RELEASED | BUTTON1_CLICKED)) {
		if ((ev->bstate & BUTTON1_CLICKED) || (m->down &&
		    !m->dragged && !m->woke))
			tap(m, a, lay, m->down ? m->y0 : ev->y,
			    m->down ? m->x0 : ev->x, now);
		else
			app_point(a, MOUSE_OTHER, REGION_PAGE, -1, now);
		m->down = 0;
	} else
		app_point(a, MOUSE_OTHER, REGION_PAGE, -1, now);
}

void
ui_mouse_event(struct ui_mouse *m, struct app *a, const struct layout *lay,
    long long now)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		memset(&ev, 0, sizeof(ev));
	if (m->touch)
		touch(m, a, lay, &ev, now);
	else
		clicks(a, lay, &ev, now);
}
