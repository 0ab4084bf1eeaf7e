/*
 * match: regex search over a recordset with PCRE2 (the only file that
 * includes pcre2.h).  A query compiles once into a struct matcher; then
 * match_record() says which fields of an ally match, match_filter() turns
 * a range of a recordset into a list of indices, and match_spans() finds
 * every match in a text for highlighting.
 *
 * Patterns are UTF-8 with Unicode properties on.  Smart case: caseless
 * unless the pattern's own text (not its escapes, class names or group
 * names) has an upper-case letter.  A match limit and a depth limit make a
 * runaway pattern fail with an error instead of hanging.
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

#define MATCH_LIMIT		10000000	/* pcre2_set_match_limit */
#define MATCH_DEPTH_LIMIT	100000		/* pcre2_set_depth_limit */

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

/* Whether the pattern was compiled caseless (after smart case). */
int	 match_caseless(const struct matcher *);

/* Whether a pattern's own text has an upper-case letter (smart case). */
int	 match_has_upper(const char *pattern, size_t len);

/*
 * Which of the matcher's fields of r match: a mask of FIELD_BIT()s, 0 for
 * none, or -1 with *err filled when a limit stopped the match.
 */
int	 match_record(struct matcher *, const struct record *,
	    struct match_error *err);

/*
 * Append to out the index of every record in [from, to) that matches.
 * Returns 0, or -1 with *err filled (out then holds the matches before
 * the record that failed).
 */
int	 match_filter(struct matcher *, const struct recordset *, size_t from,
	    size_t to, struct indices *out, struct match_error *err);

/*
 * Append to out every non-empty match in text, in order.  Returns the
 * number appended, or -1 with *err filled.
 */
int	 match_spans(struct matcher *, const char *text, size_t len,
	    struct spans *out, struct match_error *err);

void	 spans_free(struct spans *);
void	 indices_push(struct indices *, size_t);
void	 indices_free(struct indices *);

#endif
