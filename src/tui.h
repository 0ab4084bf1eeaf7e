/*
 * The one place that picks the curses header and its feature macros
 * (the wide-character API needs _XOPEN_SOURCE_EXTENDED, which the
 * Makefile defines).  Only the terminal's lifecycle and input (ui.c,
 * ui_input.c), the drawing layer (draw.c) and the panes (pane_*.c,
 * searchbar.c) include it.
 */
#ifndef TUI_H
#define TUI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#endif
