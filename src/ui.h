/*
 * ui: the terminal's lifecycle.  Curses start and stop, the layout, the
 * event loop (keys, mouse, resizes, signals, timers) and the one redraw
 * path.  Panes (pane_*.c, searchbar.c) draw into windows the UI gives
 * them, standing on the drawing layer (draw.h); they never call
 * doupdate() and never read keys themselves.
 */
#ifndef UI_H
#define UI_H

#include <stddef.h>

#include "layout.h"

struct app_options;
struct errlist;
struct recordset;
struct source;

/*
 * Run the browser until the user quits or a signal asks it to stop: the
 * first frame at once, while src loads into rs on its worker.  Returns
 * 0; 2 when Ctrl-C (SIGINT) ended a browser that is not a kiosk;
 * PUBLIC_ENDED_IDLE (public.h) when a public session ended for want of
 * input; 1 when the data could not be loaded (outside a kiosk), with the
 * terminal restored and errs holding the errors; or -1 after printing
 * why the terminal could not be used.  A terminal that hangs up ends it
 * too (0).  errs also gets a good load's warnings, for the caller to
 * print.
 */
int	 ui_run(const struct app_options *, struct source *,
	    struct recordset *rs, struct errlist *errs);

#endif
