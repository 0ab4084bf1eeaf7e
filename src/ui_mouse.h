/*
 * ui_mouse: the mouse through curses, for ui.c.  Which events curses
 * reports, and each report turned into what the app's mouse table
 * speaks of (app_point()): an event and the region it landed in (a row
 * of the list, the description, a cell of the topics, a page, a kiosk's
 * button), found from the layout and the app's state.
 *
 * A kiosk is made for touch: curses reports presses, releases and
 * moves with the button held (xterm's mode 1002; curses still makes a
 * click or a double click of the reports that come in one read), and
 * this file makes taps and drags of them.  A tap
 * is a press and a release on one spot, and acts where the finger went
 * down; two on the same spot within UI_TAP_DOUBLE_MS are a double tap,
 * unless the first changed the screen (it closed a page, say), when the
 * second does nothing.  A press that moves to another row is a drag: it
 * scrolls what it began on, row for row, and taps nothing.  A press that
 * woke the kiosk from its attract screen does nothing more, whatever
 * the finger does next.  Elsewhere curses' own clicks and double clicks
 * are taken as they are.
 */
#ifndef UI_MOUSE_H
#define UI_MOUSE_H

struct app;
struct layout;

#define UI_TAP_DOUBLE_MS	200

struct ui_mouse {
	int		 touch;		/* taps and drags made here */
	int		 down;		/* the button is held */
	int		 y0, x0;	/* where it went down */
	int		 y;		/* the row it was last seen on */
	int		 dragged;	/* it moved: a drag, not a tap */
	int		 woke;		/* the press woke the kiosk: no more */
	long long	 tap_at;	/* ms of the last tap, or 0 */
	int		 tap_y, tap_x;
	int		 tap_changed;	/* the last tap changed the screen */
};

/*
 * Once curses has started: ask for the mouse reports, for touch (1) or
 * curses' clicks (0).  ui_mouse_drag_mode(0) ends the touch reports
 * when the terminal is given back.
 */
void	 ui_mouse_start(struct ui_mouse *, int touch);

/*
 * Turn the reports of moves with the button held on or off (xterm's
 * mode 1002, on terminals that speak xterm's protocols), written to
 * standard output at once.
 */
void	 ui_mouse_drag_mode(int on);

/*
 * curses has a mouse report (KEY_MOUSE): hand it to the app, on the
 * screen laid out as lay, at time now (ms).
 */
void	 ui_mouse_event(struct ui_mouse *, struct app *,
	    const struct layout *, long long now);

#endif
