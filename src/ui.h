/*
 * ui: curses start and stop, colours, the layout, the event loop and the
 * one redraw path.  Panes (pane_*.c, searchbar.c) draw into windows the
 * UI gives them, using the cell writers declared here; they never call
 * doupdate() and never read keys themselves.
 */
#ifndef UI_H
#define UI_H

#include <stddef.h>

#include "tui.h"

struct app;
struct app_options;
struct recordset;
struct spans;

struct rect {
	int	 y, x, h, w;
};

/* Where everything goes for a terminal of a given size. */
struct layout {
	int		 too_small;	/* draw the notice only */
	int		 stacked;	/* list above description */
	int		 list_only;	/* no room for the description */
	struct rect	 title;
	struct rect	 list;		/* header row included */
	struct rect	 detail;	/* header row included; h 0 if none */
	struct rect	 sep;		/* the line between them */
	struct rect	 status;
};

#define UI_MIN_COLS	24
#define UI_MIN_ROWS	6
#define UI_WIDE_COLS	72	/* side by side from this width */
#define UI_STACK_ROWS	14	/* stacked panes need this many rows */

/* Pure arithmetic, no curses: where the panes go at rows x cols. */
void	 layout_compute(int rows, int cols, struct layout *);

/*
 * Run the browser on rs until the user quits or a signal asks it to
 * stop.  Returns 0, or -1 after printing why curses could not start.
 */
int	 ui_run(const struct app_options *, struct recordset *);

enum ui_style {
	UI_NORMAL,
	UI_TITLE,
	UI_SELECTED,		/* the selection bar, list focused */
	UI_SELECTED_DIM,	/* the selection bar, list not focused */
	UI_MATCH,		/* a search match */
	UI_HEADER,		/* a pane's header */
	UI_HEADER_FOCUS,	/* the focused pane's header */
	UI_LABEL,		/* "Website:" */
	UI_LINK,
	UI_BOLD,
	UI_DIM,
	UI_ERROR,
	UI_KEY,			/* a key name in hints and help */
	UI_QR,			/* a QR code: black on white */
	UI_STYLE_COUNT
};

/* The attributes (colour pair included) of a style. */
attr_t	 ui_attr(enum ui_style);

/* Whether the terminal's locale shows UTF-8 (else ASCII stand-ins). */
int	 ui_utf8(void);

/* Whether colours are in use. */
int	 ui_color(void);

/*
 * Write s[0, len) at the window's cursor in at most cols columns, with
 * attribute attr, and the bytes inside hl (spans relative to s, may be
 * NULL) with attr | ui_attr(UI_MATCH).  Control characters show as a
 * replacement character, never reaching the terminal.  With UI_ELLIPSIS,
 * text that does not fit ends in an ellipsis.  Returns the columns
 * written.
 */
#define UI_ELLIPSIS	0x1
#define UI_ONE_CHAR	0x2	/* write the first character only */
int	 ui_put(WINDOW *, const char *s, size_t len, int cols, attr_t attr,
	    const struct spans *hl, size_t hl_base, int flags);

/* Same for a C string without highlights. */
int	 ui_puts(WINDOW *, const char *s, int cols, attr_t attr);

/* Fill cols columns with spaces in attr. */
void	 ui_fill(WINDOW *, int cols, attr_t attr);

#endif
