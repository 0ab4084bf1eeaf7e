/*
 * app: the browser's state, in one struct app that every pane function is
 * handed, and app_do(), the one place where actions change it.  Kiosk
 * policy lives here too: app_do() refuses what the action table does not
 * allow a kiosk.
 *
 * No curses here.  What needs the terminal (opening a site, the
 * clipboard) is left as a request in app->request for the UI to carry
 * out; what the layout decides (how many rows a pane has) the UI writes
 * into the struct before it calls app_do().
 */
#ifndef APP_H
#define APP_H

#include <stddef.h>

#include "keys.h"
#include "kiosk.h"
#include "match.h"
#include "util.h"

struct recordset;
struct record;

struct app_options {
	int		 kiosk;
	unsigned	 idle;		/* kiosk: seconds before the reset */
	unsigned	 cycle;		/* kiosk: seconds per ally in the loop */
	const char	*pin_file;	/* kiosk: staff PIN file, or NULL */
	const char	*pin;		/* kiosk: the staff PIN, or NULL */
	int		 mouse;		/* take mouse events */
	int		 color;		/* 0 never, 1 auto, 2 always */
	const char	*data_path;	/* the file to watch, NULL if built in */
	const char	*data_name;	/* how messages name the data */
};

enum focus {
	FOCUS_LIST,
	FOCUS_DETAIL
};

enum overlay {
	OVERLAY_NONE,
	OVERLAY_HELP,
	OVERLAY_ABOUT,
	OVERLAY_QR		/* a website as a QR code */
};

enum request {
	REQ_NONE,
	REQ_OPEN,		/* open req_url */
	REQ_COPY,		/* copy req_url to the clipboard */
	REQ_REDRAW		/* repaint the whole terminal */
};

#define HISTORY_MAX	100
#define APP_SYNC_RECORDS 20000	/* filter at once up to this many records */
#define APP_SCAN_SLICE	16384	/* records per slice of a scan */

struct app {
	const struct app_options *opt;
	struct recordset *rs;		/* borrowed; reloads swap its contents */

	struct indices	 view;		/* records the list shows, in order */
	struct matcher	*matcher;	/* the active filter's, or NULL */
	char		*filter;	/* the active filter's pattern, or NULL */
	size_t		 sel;		/* selected row of view */
	size_t		 list_top;	/* first row of view on screen */
	int		 list_rows;	/* rows the list pane has (layout) */
	size_t		 detail_top;	/* first line of the description shown */
	size_t		 detail_lines;	/* lines it has at its width (pane) */
	int		 detail_rows;	/* rows the description pane has */
	int		 detail_seek;	/* scroll it to the first match */
	enum focus	 focus;

	enum overlay	 overlay;
	size_t		 overlay_top;
	char		*qr_url;	/* what the QR overlay shows */
	char		*qr_title;	/* and whose it is */
	size_t		 overlay_lines;	/* set by the overlay's draw */
	int		 overlay_rows;

	int		 searching;	/* the search bar is open */
	struct buf	 query;		/* what the bar holds */
	size_t		 cursor;	/* byte offset into query */
	char		*saved_filter;	/* what Esc in the bar restores */
	char		*history[HISTORY_MAX];	/* oldest first */
	size_t		 nhistory;
	size_t		 hist_pos;	/* == nhistory while editing anew */
	char		*hist_draft;	/* the query before Up was pressed */
	char		 bar_error[256];	/* "" when the pattern is fine */
	int		 bar_error_has_col;
	size_t		 bar_error_col;	/* characters into the query */

	char		 status[300];	/* the status line's message */
	int		 status_error;
	int		 dirty;		/* redraw before the next key */
	int		 quit;

	/*
	 * A filter over a large recordset runs in slices between keys (see
	 * app_scan_step()): view fills in as it goes, and the filter that
	 * was complete before is kept to fall back on if this one fails.
	 */
	int		 scanning;
	size_t		 scan_pos;	/* next record to test */
	size_t		 scan_keep;	/* record to select when done, or -1 */
	int		 scan_moved;	/* the selection moved meanwhile */
	struct matcher	*prev_matcher;	/* the last complete filter's */
	char		*prev_filter;

	struct kiosk	 kiosk;		/* kiosk mode only */

	enum request	 request;	/* for the UI, cleared by it */
	const char	*req_url;	/* borrowed from the recordset */
};

/* Start with the whole list shown; app_done() frees what app owns. */
void	 app_init(struct app *, const struct app_options *,
	    struct recordset *);
void	 app_done(struct app *);

/* Carry out an action (a kiosk refuses those it does not allow). */
void	 app_do(struct app *, enum action);

/* The selected record, or NULL when the list is empty. */
const struct record *app_selected(const struct app *);

/* Select row `row` of the view (clamped) and keep it on screen. */
void	 app_select(struct app *, size_t row);
/* Scroll the list by delta rows, keeping the selection visible. */
void	 app_scroll_list(struct app *, long delta);
/* Scroll the description by delta lines. */
void	 app_scroll_detail(struct app *, long delta);
/* Scroll the help or about page by delta lines. */
void	 app_scroll_overlay(struct app *, long delta);
/* Make sure the selection and scroll positions fit the current layout. */
void	 app_clamp(struct app *);

/*
 * Filter with pattern (UTF-8, len bytes; empty clears the filter).
 * Returns 0, or -1 with *err filled and the old filter kept.
 */
int	 app_set_filter(struct app *, const char *pattern, size_t len,
	    struct match_error *err);

/*
 * Test the next slice of at most budget records of a running scan.
 * Returns 1 while there is more to do, 0 when the scan is complete (or
 * failed, reported in the bar or the status line).
 */
int	 app_scan_step(struct app *, size_t budget);

/* The search bar: open, a changed query, Enter, Esc. */
void	 app_bar_open(struct app *);
void	 app_bar_changed(struct app *);
void	 app_bar_accept(struct app *);
void	 app_bar_cancel(struct app *);
/* Step through the history: -1 older, +1 newer. */
void	 app_bar_history(struct app *, int dir);

/*
 * Publish freshly loaded data: swap it in, refilter, keep the selection
 * on the same ally (by name) when it still exists.
 */
void	 app_reload(struct app *, struct recordset *fresh);

/* Show url as a QR code under title (both copied). */
void	 app_show_qr(struct app *, const char *url, const char *title);

/* Set the status line. */
void	 app_status(struct app *, int error, const char *fmt, ...)
	    PRINTF_LIKE(3, 4);

#endif
