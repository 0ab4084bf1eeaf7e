/*
 * lookup: one ally by its name or abbreviation, as --show finds it, and
 * the allies whose names come closest to a name that matched none.
 *
 * Names are compared after Unicode case folding (utf8proc), so
 * "amsa", "AMSA" and "Amsa" are the same and so are "STRASSE" and
 * "straße".  Pure: no I/O.
 */
#ifndef LOOKUP_H
#define LOOKUP_H

#include <stddef.h>

struct recordset;

#define LOOKUP_NONE	((size_t)-1)

/*
 * The index of the first ally of rs whose name or abbreviation is name,
 * caselessly, or LOOKUP_NONE.  An invalid UTF-8 name matches nothing.
 */
size_t	 lookup_exact(const struct recordset *rs, const char *name);

/*
 * Up to max allies whose name or abbreviation comes closest to name,
 * best first, into out; returns how many.  Close is a name that holds
 * name as a part (best), or one a few edits away (at most a third of
 * name's length, and at least two).
 */
size_t	 lookup_closest(const struct recordset *rs, const char *name,
	    size_t *out, size_t max);

#endif
