/*
 * buttons: where a kiosk's buttons go on the bottom line, for touch.
 * Plain arithmetic over the button tables of keys.h, no curses: the
 * drawing (pane_bars.c) and the hit test of a tap (ui_mouse.c) both ask
 * here, so that a tap lands on the button drawn under the finger.
 */
#ifndef BUTTONS_H
#define BUTTONS_H

#include <stddef.h>

#include "keys.h"

#define BUTTON_MIN	8	/* columns a button takes at least */
#define BUTTON_GAP	1	/* blank columns between two buttons */
#define BUTTONS_MAX	8	/* buttons a line holds, at most */

struct button_place {
	const struct button *b;
	const char	*label;		/* its label, or its brief one */
	size_t		 index;		/* in keys_buttons(mode) */
	int		 x, w;		/* its columns on the line */
};

/*
 * Lay mode's buttons out on a line of cols columns, into out (room for
 * BUTTONS_MAX): with their labels when all fit, else with the brief
 * ones, else without the buttons that give way first (struct button's
 * drop), one at least.  What room is left is shared out among them, so
 * that the line is buttons from end to end.  Returns how many there are.
 */
size_t	 buttons_place(enum key_mode, int cols, struct button_place *out);

/*
 * The button at column x of a line of cols columns, as an index into
 * keys_buttons(mode), or -1 for none (a gap, or past the end).
 */
long	 buttons_at(enum key_mode, int cols, int x);

#endif
