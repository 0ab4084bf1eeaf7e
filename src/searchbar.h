/*
 * searchbar: the bottom line while searching.  It edits app->query (a
 * UTF-8 string with a cursor) and tells the app after every change, so
 * the list filters as the user types; it is a mode of the main loop, not
 * a loop of its own.  Its keys come from a table, which the help screen
 * lists.
 */
#ifndef SEARCHBAR_H
#define SEARCHBAR_H

#include <stddef.h>
#include <wchar.h>

#include "tui.h"

struct app;

/* Handle a key while the bar is open; keycode is 1 for KEY_* codes. */
void	 searchbar_key(struct app *, wint_t ch, int keycode);

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

/* The i-th entry of the bar's key table for the help; 0 past the end. */
int	 searchbar_help(size_t i, const char **keys, const char **help);

#endif
