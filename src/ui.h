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

struct app_options;
struct errlist;
struct recordset;
struct source;

struct rect {
	int	 y, x, h, w;
};

/* Where everything goes for a terminal of a given size. */
struct layout {
	int		 too_small;	/* draw the notice only */
	int		 stacked;	/* list above description */
	int		 list_only;	/* no room for the description */
	struct rect	 title;
	struct rect	 list;		/* header row included */
	struct rect	 detail;	/* header row included; h 0 if none */
	struct rect	 sep;		/* the line between them */
	struct rect	 status;
};

#define UI_MIN_COLS	24
#define UI_MIN_ROWS	6
#define UI_WIDE_COLS	72	/* side by side from this width */
#define UI_STACK_ROWS	14	/* stacked panes need this many rows */

/* Pure arithmetic, no curses: where the panes go at rows x cols. */
void	 layout_compute(int rows, int cols, struct layout *);

/*
 * Run the browser until the user quits or a signal asks it to stop: the
 * first frame at once, while src loads into rs on its worker.  Returns
 * 0; or 1 when the data could not be loaded (outside a kiosk), with the
 * terminal restored and errs holding the errors; or -1 after printing
 * why the terminal could not be used.  errs also gets a good load's
 * warnings, for the caller to print.
 */
int	 ui_run(const struct app_options *, struct source *,
	    struct recordset *rs, struct errlist *errs);

#endif
