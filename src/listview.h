/*
 * listview: what the list shows.  The records that pass the filter, in
 * order; which row is selected and which is the first on screen; and,
 * the scan that fills the rows in slice by slice, each slice bounded by
 * its work (match_scan()), while the filter that was complete before is
 * kept, rows and all, to fall back on.  A filter that passes its budget
 * is never shown in part as if it were complete: the one before is back.
 *
 * It borrows the recordset and owns its rows, its matchers and their
 * patterns.  It knows nothing of the terminal, the search bar or the
 * kiosk: app.c drives it, and passes in how many rows the pane has.
 */
#ifndef LISTVIEW_H
#define LISTVIEW_H

#include <stddef.h>

#include "match.h"
#include "topics.h"

struct recordset;

#define LISTVIEW_SYNC_RECORDS	20000	/* try to filter at once up to this
					   many records */
#define LISTVIEW_SLICE_WORK	((size_t)12 << 20) /* work of a slice, as
					   match_scan() counts it */

struct listview {
	struct indices	 rows;		/* records shown, in order */
	struct matcher	*matcher;	/* the filter's, or NULL: all records */
	char		*filter;	/* its pattern, or NULL */
	size_t		 sel;		/* selected row; 0 when rows is empty */
	size_t		 top;		/* first row on screen */

	int		 scanning;	/* rows is still filling in */
	size_t		 scan_pos;	/* next record to test */
	size_t		 scan_keep;	/* record to select when done, or -1 */
	int		 scan_moved;	/* the selection moved meanwhile */
	struct matcher	*prev_matcher;	/* the last complete filter's */
	char		*prev_filter;

	struct topic_filter topic;	/* tags every row carries; len 0: any */
	size_t		 topic_total;	/* records that carry them */
	struct indices	 prev_rows;	/* its rows, while they hold */
	int		 prev_valid;	/* prev_rows index the recordset */
	size_t		 prev_sel, prev_top;
};

/* Every record of rs, the first selected; listview_done() frees. */
void	 listview_init(struct listview *, const struct recordset *);
void	 listview_done(struct listview *);

/* The selected record's index in the recordset, or -1 when none. */
size_t	 listview_record(const struct listview *);

/*
 * Select row (clamped) and keep it among the height rows on screen.
 * Returns 1 when the selection moved.
 */
int	 listview_select(struct listview *, size_t row, size_t height);

/* Keep the selection and the first row within bounds for height rows. */
void	 listview_clamp(struct listview *, size_t height);

/*
 * Scroll by delta rows; the selection follows the viewport, as a pager's
 * cursor does.  Returns 1 when the selection moved.
 */
int	 listview_scroll(struct listview *, long delta, size_t height);

/*
 * n and N: select the next row (dir 1) or the one before (-1), going
 * round at either end.  Returns 1 when it went round.
 */
int	 listview_cycle(struct listview *, int dir, size_t height);

/*
 * Filter with m (owned from now on; NULL shows every record) for pattern
 * (len bytes, copied; len 0 for none).  The selection stays on the same
 * record when it passes.  A small recordset is filtered at once when a
 * slice's work does it; otherwise the rows fill in by listview_step()
 * and the filter before stays until then.  Returns 0, or -1 with *err
 * filled, m freed and the view unchanged.
 */
int	 listview_filter(struct listview *, const struct recordset *,
	    struct matcher *m, const char *pattern, size_t len,
	    struct match_error *err);

/*
 * Apply the current filter again, to a recordset whose contents changed;
 * the selection goes to record keep (or -1: the first row).  A filter
 * that fails on the new data is dropped.
 */
void	 listview_refresh(struct listview *, const struct recordset *,
	    size_t keep);

/*
 * Show only the records that carry every one of the n topics in names
 * (copied; n 0 shows every record again), within the current filter:
 * the search then filters inside the topic.  The selection stays on the
 * same record when it passes; a filter that fails on the smaller set is
 * dropped, as by listview_refresh().
 */
void	 listview_topic(struct listview *, const struct recordset *,
	    const char *const *names, size_t n);

/*
 * Test the next slice of a running scan, of about work units as
 * match_scan() counts them.  Returns 1 while there is more to do, 0 when
 * the scan is complete, or -1 with *err filled when it failed: the filter
 * complete before is then back, with its rows (after a refresh, it is
 * scanned again).
 */
int	 listview_step(struct listview *, const struct recordset *,
	    size_t work, struct match_error *err);

#endif
