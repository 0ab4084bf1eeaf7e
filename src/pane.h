/*
 * The panes: the title and status lines, the list, the description, the
 * full-screen pages (help, about) and the QR code.  Each draws into the
 * window it is given, from a const struct app, and calls wnoutrefresh()
 * on it; the UI calls doupdate() once.  A pane whose content depends on
 * its width (the description, the pages) has a measure hook that returns
 * numbers, which the UI hands to app_measured() before anything is drawn,
 * so the app clamps its scroll positions.  Panes stand on the drawing
 * layer (draw.h) and never write the app.
 */
#ifndef PANE_H
#define PANE_H

#include <stddef.h>

#include "tui.h"

struct app;

/* The title line: the program, what the list shows, stale data. */
void	 pane_title_draw(WINDOW *, const struct app *);

/*
 * The status line: a message, the mode's key hints, the PIN prompt; in a
 * kiosk, its buttons for touch (app_buttons()), or in the attract loop
 * its invitation.
 */
void	 pane_status_draw(WINDOW *, const struct app *);

/*
 * A kiosk's countdown, on the one-row window w above the bottom line,
 * when the bottom line is taken (the search bar, the PIN prompt); and
 * when it is the kiosk's buttons, the status line's message, centred.
 * Returns 1 when it drew, else 0 (w untouched).
 */
int	 pane_status_countdown(WINDOW *, const struct app *);

/*
 * The body before the first data: the load's progress, or a kiosk's
 * notice that it is being updated.
 */
void	 pane_loading_draw(WINDOW *, const struct app *);

/*
 * A kiosk's attract screen: the selected ally in the spotlight, to be
 * read from afar (its name set apart, its abbreviation and topics, the
 * first sentences of its description), with its website and the "Become
 * an Ally" page as codes to scan where they fit.
 */
void	 pane_attract_draw(WINDOW *, const struct app *);

/* The list: a header with the position, then one ally a row. */
void	 pane_list_draw(WINDOW *, const struct app *);
/* The row of the list pane (header included) the selection is on. */
int	 pane_list_cursor_row(const struct app *);

/*
 * The description of the selected ally, word-wrapped to width: returns
 * its lines, and in *match_line the line of its first search match when
 * the app asked to seek one (app->detail_seek), else -1.
 */
size_t	 pane_detail_measure(const struct app *, int width,
	    size_t *match_line);
void	 pane_detail_draw(WINDOW *, const struct app *);
/*
 * Where the selected ally's website is drawn in a pane of width columns,
 * relative to the pane, when it is on screen on one line: 1, else 0.
 */
int	 pane_detail_link(const struct app *, int width, int *row, int *col);

/* Help (every key, from the key tables) and About (the program). */
size_t	 pane_overlay_measure(const struct app *, int width);
void	 pane_overlay_draw(WINDOW *, const struct app *);

/*
 * Draw url as a QR code centred in the rows x cols box at y, x of w when
 * it fits there; returns the rows it took, 0 when it did not fit.
 */
int	 pane_qr_code(WINDOW *, const char *url, int y, int x, int rows,
	    int cols);

/*
 * The rows and columns url's code takes with a quiet zone of qz modules,
 * as pane_qr_code() draws it: 1, or 0 when url cannot be encoded.
 */
int	 pane_qr_size(const char *url, int qz, int *rows, int *cols);

/* The QR code overlay: app->qr_url under app->qr_title. */
void	 pane_qr_draw(WINDOW *, const struct app *);

/*
 * The topics screen: a heading, then every topic with its number of
 * allies in the grid app->topics lays out, the cursor's cell marked.
 */
void	 pane_topics_draw(WINDOW *, const struct app *);

#endif
