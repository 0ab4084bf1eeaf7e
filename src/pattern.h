/*
 * pattern: what a regex pattern says, read as text, before PCRE2 compiles
 * it.  The matcher asks two questions of a pattern: which of its bytes
 * are letters the user meant to find (smart case looks for upper case
 * only there), and whether one pass over a whole text run finds every
 * field that a match field by field finds.
 *
 * And, for the work budget, what one match attempt at one position of a
 * text can cost at most, when the pattern is plain enough to tell.
 *
 * This is a lexical reading of PCRE2's syntax, not a parser: it never
 * fails, whatever the bytes, and where it is unsure it says no.  It does
 * not include pcre2.h (only match.c does) and knows nothing of records or
 * the screen.
 */
#ifndef PATTERN_H
#define PATTERN_H

#include <stddef.h>

struct buf;

/*
 * Append to out the len bytes of pattern with everything that is syntax
 * rather than text left out: escapes (\S, \p{Lu}, \x41, \x{41}, \cX),
 * group headers and names ((?i), (?<name>, (?P=name), (?#...)), verbs
 * ((*UTF)) and POSIX class names ([:upper:]).  \Q...\E text is kept.
 * out is NUL-terminated afterwards, even when nothing was appended.
 * Cannot fail.
 */
void	 pattern_literals(const char *pattern, size_t len, struct buf *out);

/*
 * Whether pattern can be matched over a text run (fields separated by
 * NULs, with NUL as the newline and ^ and $ holding at every NUL) and
 * still find every field that matches on its own: 0 when it holds
 * anything that looks at the subject's ends (\A \Z \z \G), at text beyond
 * the match (lookaround, \K), a verb ((*...)), \C, or a group header with
 * an m ((?m), (?im:...)), which gives ^ and $ a meaning the run's NUL
 * newlines do not have.  (?<name>...) says 0 too: this errs on the safe
 * side.  1 otherwise.
 */
int	 pattern_block_safe(const char *pattern, size_t len);

#define PATTERN_COST_MAX	4096	/* pattern_cost()'s largest answer */

/*
 * An upper bound on the steps of one match attempt of pattern at one
 * position of a text, when the pattern holds only text, classes, escapes
 * for one character or a position, groups that are not repeated (with
 * alternatives and lookaround) and bounded repeats of one character
 * (e?, \d{2,4}): the number of ways through its choices times its
 * length.  0 when it cannot tell, or the bound passes PATTERN_COST_MAX: a
 * repeat without an upper bound or of a group, a back reference, a
 * recursion or subroutine call, a condition, a callout, a verb, \X,
 * extended mode ((?x)).  Cannot fail.
 */
size_t	 pattern_cost(const char *pattern, size_t len);

#endif
