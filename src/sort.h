/*
 * sort: the orders the list can be shown in.  As in the file, by name
 * (caseless, accents aside, a leading "The" ignored, so the Albert
 * Schweitzer Fellowship sorts under A), or by abbreviation (allies
 * without one after the rest, by name).  Ties keep the file's order.
 *
 * An order is a permutation of the record set, made once per load and
 * order; whoever walks the records in that permutation gets them sorted
 * with no further work.  Pure: no I/O, no curses.
 */
#ifndef SORT_H
#define SORT_H

#include <stddef.h>

struct recordset;

enum sort_order {
	SORT_FILE,
	SORT_NAME,
	SORT_ABBREVIATION,
	SORT_COUNT
};

/* SORT_* for a name ("file", "name", "abbreviation"), or -1. */
int	 sort_lookup(const char *name);

/* The name of an order, as --sort takes it. */
const char *sort_name(enum sort_order);

/*
 * The records of rs in order o: a malloc'd array of rs->len indices
 * (the caller frees it), or NULL for SORT_FILE, whose order is the
 * records' own.  Walks every record: not for the thread that draws.
 */
size_t	*sort_perm(const struct recordset *rs, enum sort_order o);

/* Make rs->orders[] (on a loader's thread: it walks every record). */
void	 sort_make_orders(struct recordset *rs);

/* rs's permutation for order o, or NULL for the file's (or none made). */
const size_t *sort_order_of(const struct recordset *rs, enum sort_order o);

#endif
