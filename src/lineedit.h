/*
 * lineedit: editing one line of UTF-8 text with a cursor, as the search
 * bar does (insert, erase, move by character and by word).  It knows
 * nothing of the terminal or of the app: each function takes the text
 * and the cursor (a byte offset, always on a character boundary) and
 * returns the new cursor.
 */
#ifndef LINEEDIT_H
#define LINEEDIT_H

#include <stddef.h>
#include <stdint.h>

#include "keys.h"
#include "util.h"

#define LINEEDIT_MAX	4096	/* bytes; a longer line takes no more */

/* Insert code point cp at cursor; the text stays at most LINEEDIT_MAX. */
size_t	 lineedit_insert(struct buf *, size_t cursor, uint32_t cp);

/*
 * Insert the len bytes of UTF-8 text s at cursor, as many whole
 * characters as keep the text within LINEEDIT_MAX.  Returns the new
 * cursor; *all is 1 when all of s went in, else 0.
 */
size_t	 lineedit_insert_text(struct buf *, size_t cursor, const char *s,
	    size_t len, int *all);

/* Remove the bytes [from, to); returns from. */
size_t	 lineedit_erase(struct buf *, size_t from, size_t to);

/* The offset of the character after and before pos. */
size_t	 lineedit_next(const struct buf *, size_t pos);
size_t	 lineedit_prev(const struct buf *, size_t pos);

/* Where the word before pos starts (blanks before pos skipped first). */
size_t	 lineedit_word_start(const struct buf *, size_t pos);

/*
 * Carry out one of the search bar's editing actions (ACT_BAR_CLEAR,
 * ..._KILL_WORD, _BACKSPACE, _DELETE, _LEFT, _RIGHT, _HOME, _END, and
 * _INSERT of the character key); any other action changes nothing.
 * Returns the new cursor.
 */
size_t	 lineedit_do(struct buf *, size_t cursor, enum action, int key);

/* Replace the whole text with s; returns the cursor at its end. */
size_t	 lineedit_set(struct buf *, const char *s);

#endif
