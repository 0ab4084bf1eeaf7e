/*
 * app: the browser's state, in one struct app that every pane function is
 * handed, and the one place where it changes.  Keys (app_key()), the
 * mouse (app_point(), in app_mouse.c), the kiosk's clock (app_tick(),
 * its kiosk's part in app_kiosk.c) and the layout (app_layout(),
 * app_measured()) all come in through the functions below (a paste and
 * an unbound Alt-key through app_input.c's); each
 * applies the kiosk's policy from the action table once, in app_do()'s
 * path, and sets dirty for the UI.
 *
 * No curses here.  What needs the terminal (opening a site, the
 * clipboard, a full repaint) is left as a request for the UI to take
 * with app_take_request().  Panes read the struct and never write it.
 */
#ifndef APP_H
#define APP_H

#include <stddef.h>

#include "bar.h"
#include "keys.h"
#include "kiosk.h"
#include "listview.h"
#include "match.h"
#include "message.h"
#include "source.h"
#include "topics.h"
#include "util.h"

struct recordset;
struct record;
struct stats;
struct theme;

struct app_options {
	int		 kiosk;
	int		 public;	/* --public: a stranger's session */
	unsigned	 idle;		/* kiosk: seconds before the reset;
					   public: before the session ends */
	unsigned	 cycle;		/* kiosk: seconds per ally in the loop */
	const char	*pin_file;	/* kiosk: staff PIN file, or NULL */
	const char	*pin;		/* kiosk: the staff PIN, or NULL */
	struct stats	*stats;		/* kiosk: engagement counts, or NULL */
	int		 mouse;		/* take mouse events */
	int		 color;		/* 0 never, 1 auto, 2 always */
	/* From the configuration (config.c); the kiosk reads none. */
	const struct theme *theme;	/* the colours, or NULL: default */
	char *const	*opener;	/* its words, "%s" the URL; NULL:
					   $BROWSER (see open.h) */
	int		 opener_terminal; /* for opener: 1 gets the terminal,
					   0 detached, -1 judged by name */
	const char	*data_path;	/* the file to watch, NULL if built in */
	/*
	 * The searches to start from, and where the app leaves them when
	 * it is done (NULL: none kept, as in the kiosk); and a warning for
	 * the status line at the start (NULL: none).
	 */
	struct history	*history;
	const char	*notice;
	struct app_start *start;	/* -q, --select, --pick; or NULL */
	int		 sort;		/* the rows' first order, SORT_*: the
					   command line's, else the
					   configuration's */
	const char *const *topics;	/* -t: the topics to start in */
	size_t		 ntopics;
	enum search_mode search_mode;	/* how a query is read at first */
};

enum focus {
	FOCUS_LIST,
	FOCUS_DETAIL
};

enum overlay {
	OVERLAY_NONE,
	OVERLAY_HELP,
	OVERLAY_ABOUT,
	OVERLAY_QR,		/* a website as a QR code */
	OVERLAY_TOPICS		/* the topics, to choose one */
};

enum request {
	REQ_NONE,
	REQ_OPEN,		/* open the URL */
	REQ_COPY,		/* copy the URL to the clipboard */
	REQ_REDRAW		/* repaint the whole terminal */
};

/* What the layout gives the app, from app_layout(). */
struct app_layout {
	int		 too_small;	/* nothing but a notice fits */
	int		 list_only;	/* one pane at a time (focus picks) */
	int		 list_rows;	/* rows of the list, header excluded */
	int		 detail_rows;	/* same for the description */
	int		 page_rows;	/* rows of a full-screen page */
	int		 page_cols;	/* and its columns */
	int		 spotlight;	/* a kiosk's attract screen fits */
};

#define APP_SCAN_SLICE	LISTVIEW_SLICE_WORK	/* work of a slice of a scan */

struct app {
	const struct app_options *opt;
	struct recordset *rs;		/* borrowed; reloads swap its contents */

	struct listview	 view;		/* the rows of the list, selection */
	int		 list_rows;	/* rows the list pane has (layout) */
	int		 list_only;	/* the description in the list's place */
	int		 too_small;	/* the terminal shows a notice only */
	int		 spotlight;	/* a kiosk's attract screen fits */
	size_t		 detail_top;	/* first line of the description shown */
	size_t		 detail_lines;	/* lines it has at its width (pane) */
	int		 detail_rows;	/* rows the description pane has */
	int		 detail_seek;	/* scroll it to the first match */
	enum focus	 focus;

	enum overlay	 overlay;
	size_t		 overlay_top;
	char		*qr_url;	/* what the QR overlay shows */
	char		*qr_title;	/* and whose it is */
	size_t		 overlay_lines;	/* measured at the page's width */
	int		 overlay_rows;
	struct topics	 topics;	/* the topics screen: counts, cursor */

	struct bar	 bar;		/* the search bar */

	int		 data_stale;	/* the file on disk is not what is shown */
	int		 loaded;	/* the first load is in: rs is the data */
	struct source_progress load;	/* a load under way (the UI's copy) */
	char		 data_error[300];	/* why there is no data, or "" */
	char		 status[300];	/* the status line's message */
	int		 status_error;
	struct message	 message;	/* how long it stays; stale data */
	int		 dirty;		/* redraw before the next key */
	int		 quit;

	struct kiosk	 kiosk;		/* kiosk mode only */
	long long	 last_input;	/* ms: the last key or click */
	int		 idle_out;	/* public: ended for want of input */

	enum request	 request;	/* for the UI: app_take_request() */
	const char	*req_url;	/* borrowed from the recordset */
	const char	*req_what;	/* REQ_COPY: what it is, NULL: a URL */
	char		*copy_text;	/* an entry as text, for REQ_COPY */
};

/* Start with the whole list shown; app_done() frees what app owns. */
void	 app_init(struct app *, const struct app_options *,
	    struct recordset *);
void	 app_done(struct app *);

/*
 * Carry out an action, as if its key had been pressed while browsing (a
 * kiosk does what the action table says instead, or nothing).
 */
void	 app_do(struct app *, enum action);

/* Whose rules actions are taken under (keys.h). */
enum policy app_policy(const struct app *);
/*
 * The same with the key that came (for text) and the time: every key,
 * tap and tick ends here, where the kiosk's policy is applied.
 */
void	 app_act(struct app *, enum action, int key, long long now);

/*
 * Age the status line's message for act at now (ACT_NONE: the clock),
 * for what changes state without an action of the tables (a scroll).
 */
void	 app_age_status(struct app *, enum action, long long now);

/* The input mode the next key is read in. */
enum key_mode app_mode(const struct app *);

/* A key (a character or a K_* code) at time now (ms, monotonic). */
void	 app_key(struct app *, int key, long long now);

/*
 * Input came (a key, a click, a paste): a kiosk's visitor is back, and
 * the attract loop's message goes.  Returns 1 when the input woke the
 * kiosk from its attract screen (app_spotlight()): the browser is back
 * at its start, and the input must do nothing else.
 */
int	 app_visitor(struct app *, long long now);

/*
 * An Alt-key that no row of mode's table binds (app_key() asks): it does
 * nothing, and the status line (in the bar, the bar) says so.
 */
void	 app_unbound_alt(struct app *, enum key_mode, int key);

/*
 * A bracketed paste of len bytes of text (as paste.h cleans it: UTF-8,
 * no controls), cut already when cut is 1: it goes into the search bar,
 * at the cursor when the bar is open, else as a new query.  Never keys.
 */
void	 app_paste(struct app *, const char *text, size_t len, int cut,
	    long long now);

/*
 * A mouse event in region; for REGION_LIST, row is the row of the list
 * under the pointer counted from the first on screen (-1: the header);
 * for REGION_TOPIC, the cell of the topics grid (-1: none); for
 * REGION_BUTTON, the button (keys_buttons() of app_mode()); for a
 * MOUSE_DRAG, the rows the finger moved up (down: negative).  Returns 1
 * when the event only woke a kiosk (app_visitor()), else 0.
 */
int	 app_point(struct app *, enum mouse_event, enum mouse_region,
	    long row, long long now);

/*
 * Show only the allies that carry the topic name (any case; NULL: every
 * ally again), within the search.  The one place a topic is chosen.
 */
void	 app_set_topic(struct app *, const char *name);

/*
 * A kiosk or a public session: start the idle clock.  The clock: advance
 * it (a kiosk's, the status line's message), and when it is next due.  A
 * public session left idle for opt->idle seconds is ended: quit and
 * idle_out are set.
 */
void	 app_kiosk_start(struct app *, long long now);
void	 app_tick(struct app *, long long now);
long long app_deadline(const struct app *);	/* -1 when never */

/*
 * A kiosk's part of the clock, for app_tick(): what the idle clock did
 * (KIOSK_RESET, KIOSK_STEP: kiosk.h) with the steps of the loop due in
 * *steps, for app_tick() to act on; then app_kiosk_told() of it says so
 * on the status line (the invitation, the countdown) and to the stats.
 */
unsigned app_kiosk_tick(struct app *, long long now, unsigned *steps);
void	 app_kiosk_told(struct app *, unsigned did, long long now);

/* Back to a kiosk's start: no filter, topic, history, overlay. */
void	 app_kiosk_reset(struct app *);

/* A staff action of a kiosk: the PIN prompt and its keys. */
void	 app_kiosk_pin(struct app *, enum action, int key, long long now);

/*
 * Whether a kiosk shows its attract screen: idle after the reset, the
 * terminal big enough (app_layout()'s spotlight), the data in.  The
 * ally it shows is the one selected.
 */
int	 app_spotlight(const struct app *);

/*
 * Whether the bottom line is a kiosk's buttons (keys_buttons() of
 * app_mode()) for touch; a message then goes on the title line.
 */
int	 app_buttons(const struct app *);

/* The layout changed: pane sizes (the selection is kept in view). */
void	 app_layout(struct app *, const struct app_layout *);

/*
 * What the panes measured at their width: the description's lines, the
 * line of its first match (or -1), and the lines of a page.
 */
void	 app_measured(struct app *, size_t detail_lines, size_t match_line,
	    size_t page_lines);

/* Take the pending request (REQ_NONE for none) and its URL. */
enum request app_take_request(struct app *, const char **url);

/* Ask for a redraw (1), or say that one was made (0). */
void	 app_dirty(struct app *, int dirty);

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

/* Another ally is selected: its description starts from the top. */
void	 app_detail_reset(struct app *);

/* The rows of the list pane, at least 1. */
size_t	 app_list_height(const struct app *);

/*
 * Filter with pattern (UTF-8, len bytes; empty clears the filter).
 * Returns 0, or -1 with *err filled and the old filter kept.
 */
int	 app_set_filter(struct app *, const char *pattern, size_t len,
	    struct match_error *err);

/*
 * Test the next slice of a running scan, of about work units (see
 * match_scan()).  Returns 1 while there is more to do, 0 when the scan is
 * complete (or failed, reported in the bar or the status line, with the
 * last complete filter back).
 */
int	 app_scan_step(struct app *, size_t work);

/* The search bar: open, a changed query, Enter, Esc. */
void	 app_bar_open(struct app *);
void	 app_bar_changed(struct app *);
void	 app_bar_accept(struct app *);
void	 app_bar_cancel(struct app *);
/* Step through the history: -1 older, +1 newer. */
void	 app_bar_history(struct app *, int dir);

/*
 * app_search.c.  A search action before the bar's own: a kiosk's key
 * typed into the search (ACT_TYPE), the switch between words and regex
 * (ACT_BAR_MODE, the query applied again in the other mode), and in a
 * kiosk, where an edit may come with the bar closed, the bar opened
 * first.  Returns 1 when act was taken here, 0 when the bar's own
 * action is still to do.
 */
int	 app_search_do(struct app *, enum action, int key);
/*
 * Any other action, before it is done: a kiosk's bar closes for it,
 * keeping the filter, unless it is a move (the list moves under the
 * query, which stays open to type on).
 */
void	 app_search_leave(struct app *, enum action);

/*
 * Publish freshly loaded data: swap it in, refilter, keep the selection
 * on the same ally (by name) when it still exists.
 */
void	 app_reload(struct app *, struct recordset *fresh);

/* Show url as a QR code under title (both copied). */
void	 app_show_qr(struct app *, const char *url, const char *title);

/*
 * Whether the data shown is older than the file (a reload failed).  The
 * message on the status line says why; it is kept, and shown whenever no
 * other message is, until the data is fresh.
 */
void	 app_data_stale(struct app *, int stale);

/* How far a load under way is (running 0: none). */
void	 app_progress(struct app *, const struct source_progress *);

/*
 * The first data arrived: show fresh (swapped in).  Or, for a kiosk
 * that has none yet, why (a line and column for staff); "" clears it.
 */
void	 app_loaded(struct app *, struct recordset *fresh);
void	 app_data_error(struct app *, const char *msg);

/*
 * A kiosk's visitor chose the topic tag (the topics screen calls this):
 * counted for --stats, never with anything about the visitor.
 */
void	 app_note_topic(struct app *, const char *tag);

/* rc from a stats event: on -1, "Stats: why" on the status line. */
void	 app_stats_said(struct app *, int rc);

/*
 * Tell the stats which ally is in front of the visitor now: the one
 * selected, when the list and its description are on screen.
 */
void	 app_stats_follow(struct app *, long long now);

/*
 * Set the status line.  The message stays MESSAGE_MS or until the next
 * action, whichever comes later (message.h); app_tick() ends it.
 */
void	 app_status(struct app *, int error, const char *fmt, ...)
	    PRINTF_LIKE(3, 4);

#endif
