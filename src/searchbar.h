/*
 * searchbar: the bottom line while searching, drawn from app->bar.query (a
 * UTF-8 string with a cursor), the pattern's error and the count.  The
 * bar is a mode of the main loop, not a loop of its own: its keys are
 * the KM_BAR table of keys.c, and app.c carries out the edits.
 */
#ifndef SEARCHBAR_H
#define SEARCHBAR_H

#include <stddef.h>

#include "tui.h"

struct app;

/*
 * Draw the bar.  Leaves the window's cursor at the insertion point, so
 * draw it after anything else.
 */
void	 searchbar_draw(WINDOW *bar, const struct app *);

/*
 * When the pattern has an error at a known position, draw a caret in
 * the one-row window caret (the row above the bar) under that character.
 */
void	 searchbar_draw_caret(WINDOW *caret, const struct app *);

#endif
