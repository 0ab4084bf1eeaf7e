/*
 * topics: the allies' tags, as topics to browse by.  A struct topics
 * counts the tags over a recordset (one topic a tag, compared without
 * regard to case and spelled as the data first spells it), in the order
 * every listing shows them: the most allies first, then by name.  It
 * also holds the topics screen: its cursor and first row, the grid the
 * topics are laid out in for the page's size, and what the screen's
 * keys do there.  A
 * struct topic_filter is the other half: the topics an ally must carry
 * (what -t gives, or the one chosen on the screen), tested record by
 * record.
 *
 * Plain data and arithmetic: no curses, no app.  It borrows the
 * recordset while counting or testing and keeps copies of the names, so
 * a reload never leaves it pointing into freed data.
 */
#ifndef TOPICS_H
#define TOPICS_H

#include <stddef.h>

#include "keys.h"
#include "util.h"

struct record;
struct recordset;

/* The grid of a page of topics: where each cell goes. */
struct topics_grid {
	int		 cols;		/* cells a row, at least 1 */
	int		 cell;		/* columns a cell, its padding included */
	int		 gap;		/* blank columns between two cells */
	int		 x0;		/* the first cell's column on the page */
	int		 y0;		/* the first grid row's row on the page */
	size_t		 rows;		/* grid rows in all */
	size_t		 shown;		/* grid rows that fit, at least 1 */
};

struct topic {
	char		*name;		/* as the data first spells it */
	char		*key;		/* case-folded, for comparing */
	size_t		 count;		/* allies that carry it */
};

struct topics {
	struct topic	*v;		/* most allies first, then by name */
	size_t		 len;
	size_t		 cap;
	size_t		 allies;	/* allies counted */
	size_t		 widest;	/* columns of the widest cell's text */
	size_t		 cur;		/* cursor: 0 "All topics", i + 1 v[i] */
	size_t		 top;		/* first grid row on screen */
	struct topics_grid grid;	/* for the page, from topics_resize() */
	int		 width, height;	/* the page's size */
};

#define TOPICS_ALL	"All topics"	/* the grid's first cell */
#define TOPICS_PAD	1	/* columns inside a cell, either side of its text */

/* The topics an ally must carry, every one of them. */
struct topic_filter {
	char		**names;	/* as given, for the title */
	char		**keys;		/* case-folded */
	size_t		 len;		/* 0: no filter, every ally passes */
	struct buf	 scratch;	/* a record's tag, folded */
};

void	 topics_init(struct topics *);
void	 topics_done(struct topics *);

/*
 * Count the tags of every ally of rs, replacing what was counted
 * before; an ally that lists a tag twice counts once.  The cursor goes
 * back to "All topics" and the grid to its first row.
 */
void	 topics_count(struct topics *, const struct recordset *rs);

/* The index in v of the topic named name (any case), or -1. */
size_t	 topics_find(const struct topics *, const char *name);

/*
 * Up to max indices in v of the topics closest to name, nearest first:
 * those whose case-folded spelling holds name with the fewest edits (a
 * slip of a letter or two; a short name must be held as it is), or that
 * name holds whole.  Returns how many were written to out.
 */
size_t	 topics_closest(const struct topics *, const char *name,
	    size_t *out, size_t max);

/*
 * Open the screen: count rs's topics, and put the cursor on the topic
 * named current (NULL, or one not counted: on "All topics").
 */
void	 topics_open(struct topics *, const struct recordset *rs,
	    const char *current);

/* Cells of the grid: "All topics" and one a topic. */
size_t	 topics_cells(const struct topics *);

/* The topic a cell stands for: its name, or NULL for "All topics". */
const char *topics_cell_name(const struct topics *, size_t cell);

/*
 * Lay the cells out on a page of width x height cells: a heading row and
 * a blank one, then rows of cells as wide as the widest text needs (one
 * column when even that does not fit, and then text is clipped).  The
 * cursor stays on screen.
 */
void	 topics_resize(struct topics *, int width, int height);

/* The cell at row y, column x of the page, or -1 for none. */
long	 topics_cell_at(const struct topics *, int y, int x);

/*
 * Move the cursor by delta cells (clamped to the first and the last) and
 * scroll so that its row is on screen.
 */
void	 topics_step(struct topics *, long delta);

/*
 * Scroll by delta grid rows (clamped); the cursor follows into view, as
 * the list's selection does.
 */
void	 topics_scroll(struct topics *, long delta);

/* Put the cursor on cell (clamped) and its row on screen. */
void	 topics_point(struct topics *, size_t cell);

/* What a key does on the topics screen, from topics_act(). */
enum topics_verdict {
	TOPICS_STAY,		/* the cursor moved, or nothing happened */
	TOPICS_CHOSEN,		/* the cell under the cursor was chosen */
	TOPICS_CLOSED,		/* the screen closes, nothing chosen */
	TOPICS_PASS		/* not the screen's: the list's action */
};

/*
 * Do act on the screen: the moves (a cell either way, a row up or down,
 * a page, the first or the last, the wheel's three rows) move the cursor;
 * choosing and closing are left to the caller, as the verdict says.
 */
enum topics_verdict topics_act(struct topics *, enum action);

/*
 * Append the case-folded s (len bytes of UTF-8) to out: what two
 * spellings of one topic have in common.
 */
void	 topics_fold(struct buf *out, const char *s, size_t len);

void	 topic_filter_init(struct topic_filter *);
void	 topic_filter_done(struct topic_filter *);
/* No topic: every ally passes again. */
void	 topic_filter_clear(struct topic_filter *);
/* One more topic an ally must carry (name copied). */
void	 topic_filter_add(struct topic_filter *, const char *name);
/*
 * Whether r carries every topic of the filter (1) or not (0).  Allocates
 * nothing once the scratch buffer has grown to the longest tag.
 */
int	 topic_filter_test(struct topic_filter *, const struct record *r);

#endif
