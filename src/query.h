/*
 * query: a query typed in the browser, read in its search mode.  In
 * regex mode it is a PCRE2 pattern with smart case, as match_compile()
 * reads it.  In words mode it is words apart by white space, each found
 * literally (every character stands for itself, "*", "(" and "+" too)
 * and without regard to case (PCRE2's caseless matching of Unicode),
 * anywhere in the fields searched; an ally matches when it has every
 * word, in any order.  A words query is never an error.  What is
 * highlighted is every occurrence of any of its words.
 *
 * It knows PCRE2's syntax only so far as to write a character literally;
 * match.c compiles.  It knows nothing of the bar or the screen.
 */
#ifndef QUERY_H
#define QUERY_H

#include <stddef.h>

#include "match.h"
#include "record.h"

/* The fields words search when all are asked for: all but the url. */
#define QUERY_WORDS_FIELDS	(FIELD_ALL & ~FIELD_BIT(FIELD_URL))
#define QUERY_WORDS_MAX		32	/* words searched; the rest ignored */

/* "regex" or "words". */
const char	*query_mode_name(enum search_mode);

/* The mode a name spells ("regex", "words"); -1 when it is none. */
int		 query_mode_lookup(const char *name);

/*
 * Compile query (len bytes, UTF-8; a byte that is not is read as U+FFFD
 * in words mode) as mode reads it, to search fields (FIELD_BIT()s;
 * FIELD_ALL in words mode means QUERY_WORDS_FIELDS).  Returns 0 with *out
 * the matcher, or NULL when the query filters nothing (it is empty or,
 * in words mode, only white space); or -1 with *err filled when it is an
 * invalid regex.  Words repeated are searched once, and past
 * QUERY_WORDS_MAX words the rest are left out.  The caller frees *out
 * with match_free().
 */
int		 query_compile(enum search_mode, const char *query, size_t len,
		    unsigned fields, struct matcher **out,
		    struct match_error *err);

/*
 * The next word of s (len bytes) at or after *at: its start in *word and
 * its length in *wlen, *at moved past it.  Returns 0 when there is none
 * left.  White space is Unicode's (U+00A0 and U+3000 among it), and the
 * controls.
 */
int		 query_next_word(const char *s, size_t len, size_t *at,
		    size_t *word, size_t *wlen);

#endif
