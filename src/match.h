/*
 * match: regex search over a recordset with PCRE2 (the only file that
 * includes pcre2.h).  A query compiles once into a struct matcher; then
 * match_record() says which fields of an ally match, match_filter() turns
 * a range of a recordset into a list of indices, and match_spans() finds
 * every match in a text for highlighting.  A matcher may require others
 * (match_require()): a record matches when each of them finds something
 * in it too, which is how a query of words is searched (query.c).
 *
 * Patterns are UTF-8 with Unicode properties on.  Smart case: caseless
 * unless the pattern's own text (not its escapes, class names or group
 * names) has an upper-case letter.  \C is refused: it could cut a
 * character in two.
 *
 * The work budget.  A step is one thing the matcher tries: an item of the
 * pattern at a position of the text, each character it passes counting
 * one more.  Steps are counted across every position a match is tried
 * at (PCRE2's own match limit starts again at each), by a callout before
 * every item; a record may take MATCH_RECORD_STEPS, a search
 * MATCH_SEARCH_STEPS over all its records.  A pattern whose cost at one
 * position pattern_cost() can bound is run uncounted on the records where
 * that bound, times the record's length, stays within the record's
 * budget: there it cannot pass it, and runs at full speed.  A search that
 * passes its budget ends with MATCH_TOO_COMPLEX, the one message every
 * limit gives (the steps, PCRE2's match, depth and heap limits, the JIT
 * stack).
 *
 * The search path allocates nothing per record: the match data, the JIT
 * stack and the output arrays belong to the matcher or the caller and are
 * reused.  A matcher is not thread-safe; use one per thread.
 */
#ifndef MATCH_H
#define MATCH_H

#include <stddef.h>
#include <stdint.h>

struct record;
struct recordset;

#define MATCH_RECORD_STEPS	1000000		/* steps per record or text */
#define MATCH_SEARCH_STEPS	1000000000	/* steps per search */
#define MATCH_DEPTH_LIMIT	100000		/* pcre2_set_depth_limit */
#define MATCH_HEAP_KIB		(16 * 1024)	/* pcre2_set_heap_limit */
/* The work of a slice: a byte of text is 1, a counted step this much. */
#define MATCH_STEP_WORK		16

#define MATCH_TOO_COMPLEX	"the pattern is too complex: it passed the " \
	"search's work budget (simplify nested repeats such as (a+)+)"

/* How a query typed in the browser is read (query.c). */
enum search_mode {
	SEARCH_REGEX,		/* a PCRE2 pattern, as for -s */
	SEARCH_WORDS		/* words, literal and caseless, all needed */
};

enum match_case {
	MATCH_SMART,		/* caseless unless the pattern has upper case */
	MATCH_CASELESS,		/* -i */
	MATCH_EXACT		/* --case-sensitive */
};

/* Why a compile or a match failed. */
struct match_error {
	char	 msg[256];
	int	 has_offset;	/* offset is meaningful */
	size_t	 offset;	/* 0-based, in characters of the pattern */
};

/* A match in a text: bytes [start, end). */
struct span {
	uint32_t start;
	uint32_t end;
};

/* Growable arrays the caller owns and reuses between calls. */
struct spans {
	struct span *v;
	size_t	 len;
	size_t	 cap;
};

struct indices {
	size_t	*v;
	size_t	 len;
	size_t	 cap;
};

struct matcher;

/*
 * Compile pattern (len bytes of UTF-8) to search the fields in the mask
 * fields (FIELD_BIT()s).  Returns NULL and fills *err (PCRE2's message and
 * the character position) when the pattern is invalid.
 */
struct matcher *match_compile(const char *pattern, size_t len,
	    unsigned fields, enum match_case, struct match_error *err);
void	 match_free(struct matcher *);

/*
 * From now on a record matches m only when also matches it too (in one
 * of also's fields), and whatever also requires.  m takes also over:
 * match_free(m) frees both.  match_spans() stays m's own, and a record's
 * budget holds for all of them together.
 */
void	 match_require(struct matcher *m, struct matcher *also);

/* Whether the pattern was compiled caseless (after smart case). */
int	 match_caseless(const struct matcher *);

/* Whether a pattern's own text has an upper-case letter (smart case). */
int	 match_has_upper(const char *pattern, size_t len);

/*
 * Which of the matcher's fields of r match: a mask of FIELD_BIT()s, 0 for
 * none, or -1 with *err filled when a limit stopped the match.  The
 * record's budget holds for all its fields together.
 */
int	 match_record(struct matcher *, const struct record *,
	    struct match_error *err);

/*
 * Append to out the index of every record in [from, to) that matches.
 * Returns 0, or -1 with *err filled (out then holds the matches before
 * the record that failed).  The steps count toward the search's budget.
 */
int	 match_filter(struct matcher *, const struct recordset *, size_t from,
	    size_t to, struct indices *out, struct match_error *err);

/*
 * match_filter() from record from on, stopping early once the work of
 * this call (a unit per byte of text and pass over it, one pass for m
 * and one for each matcher it requires; MATCH_STEP_WORK per counted step)
 * reaches work, though never before one record is done.  *next is the
 * first record not tested (to when done).  Returns 0 or -1 as
 * match_filter() does.  One thread.
 */
int	 match_scan(struct matcher *, const struct recordset *, size_t from,
	    size_t to, size_t work, size_t *next, struct indices *out,
	    struct match_error *err);

/* A new search with the same pattern: its budget is whole again. */
void	 match_begin(struct matcher *);

/* The steps the search has counted so far (for tests and reports). */
size_t	 match_spent(const struct matcher *);

/*
 * Append to out every non-empty match in text, in order.  Returns the
 * number appended, or -1 with *err filled.  The whole walk has a
 * record's budget; it does not count toward the search's.
 */
int	 match_spans(struct matcher *, const char *text, size_t len,
	    struct spans *out, struct match_error *err);

void	 spans_free(struct spans *);
void	 indices_push(struct indices *, size_t);
void	 indices_free(struct indices *);

#endif
