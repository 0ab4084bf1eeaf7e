/*
 * The panes: the list, the description and the overlays (help, about).
 * Each draws into the window it is given, from a const struct app, and
 * calls wnoutrefresh() on it; the UI calls doupdate() once.  A pane whose
 * content depends on its width (the description, the overlays) also has
 * a measure hook that the UI calls first, so that the app can clamp its
 * scroll positions before anything is drawn.
 */
#ifndef PANE_H
#define PANE_H

#include "tui.h"

struct app;

/* The list: a header with the position, then one ally a row. */
void	 pane_list_draw(WINDOW *, const struct app *);
/* The row of the list pane (header included) the selection is on. */
int	 pane_list_cursor_row(const struct app *);

/* The description of the selected ally, word-wrapped to width. */
void	 pane_detail_measure(struct app *, int width, int rows);
void	 pane_detail_draw(WINDOW *, const struct app *);
/*
 * Where the selected ally's website is drawn in a pane of width columns,
 * relative to the pane, when it is on screen on one line: 1, else 0.
 */
int	 pane_detail_link(const struct app *, int width, int *row, int *col);

/* Help (every key, from the key tables) and About (the program). */
void	 pane_overlay_measure(struct app *, int width, int rows);
void	 pane_overlay_draw(WINDOW *, const struct app *);

/*
 * Draw url as a QR code centred in the rows x cols box at y, x of w when
 * it fits there; returns the rows it took, 0 when it did not fit.
 */
int	 pane_qr_code(WINDOW *, const char *url, int y, int x, int rows,
	    int cols);

/* The QR code overlay: app->qr_url under app->qr_title. */
void	 pane_qr_draw(WINDOW *, const struct app *);

#endif
