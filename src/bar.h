/*
 * bar: the search bar's model.  Whether it is open, the query being
 * edited and its cursor, the filter to restore on Esc, the history of
 * searches and the error of the query as typed.  It knows neither the
 * terminal nor the list: app.c filters with the query and tells the bar
 * what was wrong with it.
 */
#ifndef BAR_H
#define BAR_H

#include <stddef.h>

#include "history.h"
#include "keys.h"
#include "match.h"
#include "util.h"

struct bar {
	int		 open;		/* the bar is on screen */
	struct buf	 query;		/* what it holds, UTF-8 */
	size_t		 cursor;	/* byte offset into query */
	char		*saved;		/* the filter Esc restores, or NULL */
	struct history	 hist;
	char		 error[256];	/* "" when the query is fine */
	int		 error_has_col;
	size_t		 error_col;	/* characters into the query */
	char		 note[48];	/* a word in place of the count, or "" */
	int		 scope;		/* the one field searched (enum
					   field), or FIELD_COUNT: all */
	enum search_mode mode;		/* how the query is read */
};

void	 bar_init(struct bar *);
void	 bar_done(struct bar *);

/*
 * Tab in the bar: search the next field alone (name, abbreviation,
 * description, url, tags), then every field again.
 */
void	 bar_next_scope(struct bar *);

/* The fields the query searches, as FIELD_BIT()s. */
unsigned bar_fields(const struct bar *);

/* Open with filter (NULL: none) as the query, and saved for Esc. */
void	 bar_open(struct bar *, const char *filter);

/*
 * Close; keep 1 (Enter) keeps the query in the history, keep 0 (Esc)
 * does not: a search given up is not one to come back to.
 */
void	 bar_close(struct bar *, int keep);

/*
 * An editing action (the bar's ACT_BAR_* but Enter and Esc, with the
 * character key for ACT_BAR_INSERT), or a step through the history.
 * Returns 1 when the query changed.
 */
int	 bar_edit(struct bar *, enum action, int key);

/*
 * Put the len bytes of text s (UTF-8, no controls) at the cursor, or in
 * place of the query when replace is 1, as much as fits.  When it did not
 * all fit, or cut says the paste was cut already, the bar says so.
 * Returns 1 when the query changed.
 */
int	 bar_paste(struct bar *, const char *s, size_t len, int replace,
	    int cut);

/* A note in place of the count until the next edit ("" clears it). */
void	 bar_note(struct bar *, const char *msg);

/* What is wrong with the query; at column col when has_col. */
void	 bar_set_error(struct bar *, const char *msg, int has_col,
	    size_t col);
void	 bar_clear_error(struct bar *);

#endif
