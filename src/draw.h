/*
 * draw: the drawing layer every pane stands on.  The styles (chosen once
 * from the terminal, the locale and the user's colour wish) and the cell
 * writers that put untrusted text into a window safely: measured and
 * clipped by display columns, control characters replaced, highlights
 * applied.  It never refreshes the screen and never reads keys; it knows
 * nothing of the app.
 */
#ifndef DRAW_H
#define DRAW_H

#include <stddef.h>

#include "theme.h"
#include "tui.h"

struct spans;


/*
 * Choose the styles, once curses has started: colour when color_opt is
 * 2 (always), or 1 (auto) on a terminal that has colours unless NO_COLOR
 * is set; utf8 says whether the locale shows UTF-8 (else ASCII
 * stand-ins are drawn).  The colours are theme's (NULL: the default
 * theme), at the tier the terminal has: a style the theme sets in a
 * colour the terminal lacks gets the theme's own look.  A theme with a
 * background of its own paints it behind every window (the windows
 * must be made after this call).  Without colour only the attributes
 * of theme's styles are used.
 */
void	 draw_init(int color_opt, int utf8, const struct theme *theme);

/* The attributes (colour pair included) of a style. */
attr_t	 draw_attr(enum draw_style);

/*
 * The SGR sequence that starts text in STYLE_LINK, for text written to
 * the terminal past curses (a hyperlink's); a static string.
 */
const char *draw_link_sgr(void);

/* Whether the locale shows UTF-8, and whether colours are in use. */
int	 draw_utf8(void);
int	 draw_color(void);

/* A glyph in the locale: the UTF-8 one, or its ASCII stand-in. */
const char *draw_glyph(const char *utf8, const char *ascii);

/*
 * Write s[0, len) at the window's cursor in at most cols columns, with
 * attribute attr, and the bytes inside hl (spans relative to s, may be
 * NULL) with attr | draw_attr(STYLE_MATCH).  Control characters show as
 * a replacement character, never reaching the terminal.  With
 * DRAW_ELLIPSIS, text that does not fit ends in an ellipsis.  Returns
 * the columns written.
 */
#define DRAW_ELLIPSIS	0x1
#define DRAW_ONE_CHAR	0x2	/* write the first character only */
int	 draw_put(WINDOW *, const char *s, size_t len, int cols, attr_t attr,
	    const struct spans *hl, size_t hl_base, int flags);

/*
 * Where the terminal counts by grapheme cluster (text_graphemes()),
 * draw_put() writes clusters that curses cannot hold in its cells as
 * blanks and notes them; see draw.c.  draw_overlays(), right after
 * every doupdate() of a frame, writes the noted clusters over their
 * blanks and forgets them; draw_done() frees the notes' memory at the
 * end.
 */
void	 draw_overlays(void);
void	 draw_done(void);

/* Same for a C string without highlights, with an ellipsis. */
int	 draw_puts(WINDOW *, const char *s, int cols, attr_t attr);

/* Fill cols columns with spaces in attr. */
void	 draw_fill(WINDOW *, int cols, attr_t attr);

/*
 * Key hints, "/ search  o open": a key in STYLE_KEY then its word in
 * STYLE_DIM, two spaces between hints.  Returns the columns written.
 */
int	 draw_hint(WINDOW *, int at, int cols, const char *key,
	    const char *word);

#endif
