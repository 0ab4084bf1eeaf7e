/*
 * theme: what each style of the screen looks like, as plain data.  The
 * styles themselves (enum draw_style, which the drawing layer and the
 * panes name), the three themes (default, light, dark), each with its
 * look on a terminal without colour, with 8 or 16 colours and with 256,
 * and the text a configuration file gives a style in ("bold white on
 * blue"), read and written.
 *
 * No curses here: a colour is a palette index, and draw.c turns a
 * style into curses' attributes and colour pairs.  Every colour of the
 * light and dark themes holds a contrast of 4.5:1 (WCAG 2) against the
 * background it is set with, in xterm's standard palette; the default
 * theme keeps the terminal's own background and colours text only where
 * it reads on white and on black alike (see draw.c).
 */
#ifndef THEME_H
#define THEME_H

#include <stddef.h>

struct buf;

enum draw_style {
	STYLE_NORMAL,
	STYLE_TITLE,
	STYLE_SELECTED,		/* the selection bar, list focused */
	STYLE_SELECTED_DIM,	/* the selection bar, list not focused */
	STYLE_MATCH,		/* a search match */
	STYLE_HEADER,		/* a pane's header */
	STYLE_HEADER_FOCUS,	/* the focused pane's header */
	STYLE_LABEL,		/* "Website:" */
	STYLE_LINK,
	STYLE_BOLD,
	STYLE_DIM,
	STYLE_ERROR,
	STYLE_KEY,		/* a key name in hints and help */
	STYLE_QR,		/* a QR code: black on white */
	STYLE_COUNT
};

enum theme_id {
	THEME_DEFAULT,		/* the terminal's own background */
	THEME_LIGHT,		/* dark text on a light background */
	THEME_DARK,		/* light text on a dark background */
	THEME_COUNT
};

#define THEME_COLOR_DEFAULT	(-1)	/* the terminal's own colour */

/* Attributes of a style. */
#define THEME_BOLD		0x1
#define THEME_UNDERLINE		0x2
#define THEME_REVERSE		0x4
#define THEME_DIM		0x8

struct theme_style {
	short		 fg;		/* 0-255 or THEME_COLOR_DEFAULT */
	short		 bg;
	unsigned	 attrs;		/* THEME_* */
};

/* A theme with the styles a configuration gives in full. */
struct theme {
	enum theme_id	 id;
	unsigned	 set;		/* bit s: style[s] replaces the theme's */
	struct theme_style style[STYLE_COUNT];
};

/*
 * Style s of theme id on a terminal of ncolors colours (0: none, and
 * then no colour is set at all, whatever the theme).  Cannot fail.
 */
struct theme_style theme_get(enum theme_id id, int ncolors,
	    enum draw_style s);

/* Names, as a configuration spells them ("selected_dim", "light"). */
const char	*theme_style_name(enum draw_style);
const char	*theme_name(enum theme_id);

/* The style or theme named by len bytes at name; STYLE_COUNT or
   THEME_COUNT when there is none. */
enum draw_style	 theme_style_lookup(const char *name, size_t len);
enum theme_id	 theme_lookup(const char *name, size_t len);

/*
 * Read a style's text, len bytes at s: words separated by blanks, the
 * first colour the text's, "on COLOR" the background's, and any of
 * bold, underline, reverse and dim.  A colour is a name (black, red,
 * green, yellow, blue, magenta, cyan, white, each also bright-NAME, and
 * default: the terminal's), or a palette index from 0 to 255.  An empty
 * text is the terminal's colours, plain.  Returns 0, or -1 with *at the
 * byte offset of the word at fault and *why what is wrong with it (a
 * static string).
 */
int		 theme_parse(const char *s, size_t len, struct theme_style *out,
		    size_t *at, const char **why);

/* Append the text theme_parse() reads back as st. */
void		 theme_format(struct buf *, const struct theme_style *st);

#endif
