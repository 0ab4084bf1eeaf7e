/*
 * paste: the text of one bracketed paste, made into a search query as it
 * streams in.  The terminal layer hands over each key it reads between
 * the paste's start and end marks (a code point, or a K_* code for a
 * sequence curses recognised); what comes out is at most PASTE_MAX bytes
 * of UTF-8 with no control in it:
 *
 * - a line break (CR, LF, CR LF, NEL) is one space, and the breaks at the
 *   very end are dropped (a copied line usually ends with one);
 * - any other C0 or C1 control, DEL, and every escape sequence (ECMA-48:
 *   CSI, OSC and the other strings, ESC and one character; whether 7-bit
 *   or C1) is one space;
 * - other characters that may not be typed into the bar (keys_is_text())
 *   are dropped, as they are when typed;
 * - what comes after PASTE_MAX bytes is counted as cut and dropped, so a
 *   paste of any length takes no more memory than this struct.
 *
 * No curses, no app: a bounded buffer and a small state machine.
 */
#ifndef PASTE_H
#define PASTE_H

#include <stddef.h>

#include "util.h"

#define PASTE_MAX	4096	/* bytes of text a paste keeps */

struct paste {
	int		 active;	/* between the start and end marks */
	struct buf	 text;		/* at most PASTE_MAX bytes */
	int		 cut;		/* text was dropped for want of room */
	int		 state;		/* where in an escape sequence */
	size_t		 breaks;	/* line breaks not written yet */
	int		 after_cr;	/* the last key was a CR */
};

/* A paste starts: empty, active.  paste_done() frees the text. */
void	 paste_begin(struct paste *);
void	 paste_done(struct paste *);

/* The next key of the paste: a code point or a K_* code. */
void	 paste_key(struct paste *, int key);

/*
 * The paste ends: no longer active; returns its text (NUL-terminated,
 * *len bytes), valid until the next paste_begin().
 */
const char *paste_end(struct paste *, size_t *len);

#endif
