/*
 * draw: styles and the cell writers.  See draw.h.
 *
 * Grapheme clusters and curses.  ncurses keeps one cchar_t per cell: a
 * spacing character, as wide as wcwidth() says, and up to CCHARW_MAX - 1
 * zero-width ones after it; when it adds a string it splits it into such
 * cells, code point by code point.  A terminal that counts by cluster
 * (mode 2027) draws a ZWJ family in 2 columns where ncurses counted 8,
 * a heart with U+FE0F in 2 where ncurses counted 1, so ncurses' idea of
 * the cursor and of what is in each cell stops matching the screen, and
 * the rest of the row lands in the wrong place.  So in that mode each
 * cluster is written one of two ways:
 *
 *  - one that ncurses holds exactly, a base as wide as the cluster plus
 *    zero-width characters that fit into its cell (é, a skin-toned hand
 *    is not one: the tone is a spacing character), goes through curses
 *    as usual;
 *  - any other is an overlay: its cells are filled with blanks marked
 *    A_INVIS, as many as the cluster's width, so that ncurses' cells
 *    and cursor are right and the blanks never equal real text, and the
 *    cluster is noted with its place.  After doupdate(), draw_overlays()
 *    writes each noted cluster over its blanks with an explicit cursor
 *    position and its attributes, and puts the cursor back where curses
 *    left it.  It does so on every frame: ncurses may have painted the
 *    blanks again, and a cluster that changed on unchanged blanks
 *    (another family in the same place) must be shown too.  Blanks that
 *    were drawn over later in the frame (a row above the bar) are
 *    noticed and their cluster is not written.
 */
#include "draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "text.h"
#include "util.h"

/* Chosen once at start-up from the terminal and the options. */
static attr_t styles[STYLE_COUNT];
static int utf8_locale;
static int color_on;
static int rich_color;		/* 256 colours: links and the focus in colour */

#define STR_(x)		#x
#define STR(x)		STR_(x)

/* A cluster written over its cells after the frame: see the top. */
struct overlay {
	int		 y, x;		/* its first cell on the screen */
	int		 width;
	attr_t		 attr;
	size_t		 off, len;	/* its bytes, in overlays.bytes */
};

/* This frame's overlays; kept between frames to reuse the memory. */
static struct {
	struct overlay	*v;
	size_t		 len, cap;
	struct buf	 bytes;
} overlays;

attr_t
draw_attr(enum draw_style s)
{
	return s < STYLE_COUNT ? styles[s] : A_NORMAL;
}

int
draw_utf8(void)
{
	return utf8_locale;
}

int
draw_color(void)
{
	return color_on;
}

/*
 * Colours are chosen so that every text reads on a white and on a black
 * terminal alike: a contrast of 4.5:1 or more (WCAG 2) against both, in
 * xterm's standard palette.  None of the 16 colours holds that as a
 * foreground on the terminal's own background (the closest, magenta,
 * makes 4.48:1 on black), so with 8 or 16 colours text keeps the
 * terminal's foreground, told apart by bold, underline and reverse, and
 * colour comes only as a foreground and a background set together.  Of
 * the 256-colour cube, six colours hold it; two are used.
 */
#define C256_LINK	63	/* #5f5fff: 4.60:1 on white, 4.57:1 on black */
#define C256_FOCUS	29	/* #00875f: 4.53:1 on white, 4.63:1 on black */

enum {
	PAIR_TITLE = 1,		/* white on blue: 7.5:1, bold 9.4:1 */
	PAIR_MATCH,		/* black on yellow: 12.3:1 */
	PAIR_FOCUS,
	PAIR_ERROR,		/* white on red: 4.6:1, bold 5.8:1 */
	PAIR_LINK,
	PAIR_QR			/* black on white */
};

void
draw_init(int color_opt, int utf8)
{
	int color = color_opt == 2 || (color_opt == 1 && has_colors() &&
	    !util_no_color());

	utf8_locale = utf8;

	/*
	 * Monochrome first: every state is told apart by reverse, bold and
	 * underline alone, so it reads on any terminal.  Colour is added on
	 * top, on the terminal's own background.
	 */
	styles[STYLE_NORMAL] = A_NORMAL;
	styles[STYLE_TITLE] = A_REVERSE | A_BOLD;
	styles[STYLE_SELECTED] = A_REVERSE | A_BOLD;
	styles[STYLE_SELECTED_DIM] = A_REVERSE;
	styles[STYLE_MATCH] = A_BOLD | A_UNDERLINE;
	styles[STYLE_HEADER] = A_UNDERLINE;
	styles[STYLE_HEADER_FOCUS] = A_BOLD | A_UNDERLINE;
	styles[STYLE_LABEL] = A_BOLD;
	styles[STYLE_LINK] = A_UNDERLINE;
	styles[STYLE_BOLD] = A_BOLD;
	styles[STYLE_DIM] = A_DIM;
	styles[STYLE_ERROR] = A_BOLD;
	styles[STYLE_KEY] = A_BOLD;
	styles[STYLE_QR] = A_NORMAL;
	if (!color || start_color() == ERR)
		return;
	color_on = 1;
	use_default_colors();
	init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_MATCH, COLOR_BLACK, COLOR_YELLOW);
	init_pair(PAIR_ERROR, COLORS >= 16 ? 15 : COLOR_WHITE, COLOR_RED);
	init_pair(PAIR_QR, COLOR_BLACK, COLORS >= 16 ? 15 : COLOR_WHITE);
	styles[STYLE_TITLE] = COLOR_PAIR(PAIR_TITLE) | A_BOLD;
	/* Not bold: xterm shows bold black as grey, 2.4:1 on yellow. */
	styles[STYLE_MATCH] = COLOR_PAIR(PAIR_MATCH) | A_UNDERLINE;
	styles[STYLE_ERROR] = COLOR_PAIR(PAIR_ERROR) | A_BOLD;
	styles[STYLE_QR] = COLOR_PAIR(PAIR_QR);
	if (COLORS < 256)
		return;
	rich_color = 1;
	init_pair(PAIR_FOCUS, C256_FOCUS, -1);
	init_pair(PAIR_LINK, C256_LINK, -1);
	styles[STYLE_HEADER_FOCUS] = COLOR_PAIR(PAIR_FOCUS) | A_BOLD |
	    A_UNDERLINE;
	styles[STYLE_LINK] = COLOR_PAIR(PAIR_LINK) | A_UNDERLINE;
}

const char *
draw_link_sgr(void)
{
	return rich_color ? "\033[4;38;5;" STR(C256_LINK) "m" : "\033[4m";
}

/*
 * Text in attr that is part of a match: the match's colours replace
 * attr's (two colour pairs cannot be combined), and bold goes, since
 * xterm shows bold black as grey.
 */
static attr_t
match_attr(attr_t attr)
{
	if ((styles[STYLE_MATCH] & A_COLOR) == 0)
		return attr | styles[STYLE_MATCH];
	return (attr & ~(A_COLOR | A_BOLD)) | styles[STYLE_MATCH];
}

const char *
draw_glyph(const char *utf8, const char *ascii)
{
	return utf8_locale ? utf8 : ascii;
}

/* Whether ncurses holds the cluster s[0, n) of width columns exactly. */
static int
curses_holds(const char *s, size_t n, int width)
{
	size_t i, k, count = 0;
	uint32_t cp;

	for (i = 0; i < n; i += k, count++) {
		k = text_decode(s + i, n - i, &cp);
		if (text_cp_width(cp) != (i == 0 ? width : 0))
			return 0;
	}
	return count <= CCHARW_MAX;
}

/*
 * The cluster s[0, n), width columns wide, at w's cursor in attr, as
 * the top of the file says.
 */
static void
put_cluster(WINDOW *w, const char *s, size_t n, int width, attr_t attr)
{
	struct overlay *o;
	int y, x;

	if (curses_holds(s, n, width)) {
		wattrset(w, attr);
		waddnstr(w, s, (int)n);
		return;
	}
	getyx(w, y, x);
	if (overlays.len == overlays.cap) {
		overlays.cap = overlays.cap ? overlays.cap * 2 : 32;
		overlays.v = xreallocarray(overlays.v, overlays.cap,
		    sizeof(*overlays.v));
	}
	o = &overlays.v[overlays.len++];
	o->y = getbegy(w) + y;
	o->x = getbegx(w) + x;
	o->width = width;
	o->attr = attr;
	o->off = overlays.bytes.len;
	o->len = n;
	buf_add(&overlays.bytes, s, n);
	wattrset(w, attr | A_INVIS);
	waddnstr(w, "  ", width);
}

/* Whether the cells of o still hold its blanks. */
static int
overlay_intact(const struct overlay *o)
{
	wchar_t wch[CCHARW_MAX + 1];
	cchar_t cc;
	attr_t attr;
	short pair;
	int k;

	for (k = 0; k < o->width; k++)
		if (mvwin_wch(stdscr, o->y, o->x + k, &cc) == ERR ||
		    getcchar(&cc, wch, &attr, &pair, NULL) == ERR ||
		    wch[0] != L' ' || wch[1] != L'\0' || !(attr & A_INVIS))
			return 0;
	return 1;
}

void
draw_overlays(void)
{
	const struct overlay *o;
	size_t i, n = overlays.len;
	int sy, sx, cy, cx;

	if (n == 0)
		return;
	getyx(stdscr, sy, sx);
	for (i = 0; i < n; i++) {
		o = &overlays.v[i];
		if (!overlay_intact(o))
			continue;
		/*
		 * ECMA-48 cursor addressing, which every terminal that
		 * counts by cluster speaks; vid_puts() keeps curses' idea of
		 * the terminal's attributes right.
		 */
		printf("\033[%d;%dH", o->y + 1, o->x + 1);
		vid_puts(o->attr & ~A_COLOR, (short)PAIR_NUMBER(o->attr), NULL,
		    putchar);
		fwrite(overlays.bytes.ptr + o->off, 1, o->len, stdout);
	}
	vid_puts(A_NORMAL, 0, NULL, putchar);
	/* Where doupdate() left the cursor, which curses believes it is. */
	getyx(curscr, cy, cx);
	printf("\033[%d;%dH", cy + 1, cx + 1);
	fflush(stdout);
	/* mvwin_wch() moved stdscr's cursor, which park_cursor() had set. */
	wmove(stdscr, sy, sx);
	overlays.len = 0;
	overlays.bytes.len = 0;
}

void
draw_done(void)
{
	free(overlays.v);
	buf_free(&overlays.bytes);
	memset(&overlays, 0, sizeof(overlays));
}

/* The attribute of the bytes [pos, pos + n): attr, or a match in it. */
static attr_t
span_attr(const struct spans *hl, size_t *hi, size_t pos, size_t n,
    attr_t attr)
{
	if (hl == NULL)
		return attr;
	while (*hi < hl->len && hl->v[*hi].end <= pos)
		(*hi)++;
	if (*hi < hl->len && hl->v[*hi].start < pos + n)
		return match_attr(attr);
	return attr;
}

int
draw_put(WINDOW *w, const char *s, size_t len, int cols, attr_t attr,
    const struct spans *hl, size_t hl_base, int flags)
{
	const char *standin;
	size_t i = 0, n, k, hi = 0;
	int used = 0, limit = cols, cw = 0, by_cluster = text_graphemes();
	uint32_t cp;
	attr_t a;
	char glyph[8];

	if (cols <= 0)
		return 0;
	if ((flags & DRAW_ELLIPSIS) && text_width(s, len) > (size_t)cols)
		limit = cols - 1;
	while (i < len) {
		/*
		 * A code point at a time, or a grapheme cluster where the
		 * terminal counts those (an unsafe code point is one of its
		 * own); a cluster has one look, the match style when any of
		 * it matches.
		 */
		k = text_decode(s + i, len - i, &cp);
		n = by_cluster ? text_cluster(s + i, len - i, &cw) : k;
		a = span_attr(hl, &hi, hl_base + i, n, attr);
		glyph[0] = '\0';
		if (cp == '\n' || cp == '\t' || cp == '\r') {
			strcpy(glyph, " ");
			cw = 1;
		} else if (cp == TEXT_REPLACEMENT ||
		    text_unsafe_at(s, len, i)) {
			/* Never the raw byte: a visible stand-in. */
			strcpy(glyph, utf8_locale ? "\xef\xbf\xbd" : "?");
			cw = 1;
		} else if (cp >= 0x80 && !utf8_locale) {
			standin = text_ascii_standin(cp);
			snprintf(glyph, sizeof(glyph), "%s",
			    standin != NULL ? standin : "?");
			cw = (int)strlen(glyph);
		} else if (!by_cluster) {
			memcpy(glyph, s + i, n);
			glyph[n] = '\0';
			cw = text_cp_width(cp);
		}
		if (used + cw > limit)
			break;
		/* A mark with nothing to sit on; in a cluster, never. */
		if (cw == 0 && (used == 0 || by_cluster)) {
			i += n;
			continue;
		}
		wattrset(w, a);
		if (glyph[0] != '\0')
			waddstr(w, glyph);
		else
			put_cluster(w, s + i, n, cw, a);
		used += cw;
		i += n;
		if ((flags & DRAW_ONE_CHAR) && cw > 0)
			break;
	}
	if (i < len && limit < cols) {
		wattrset(w, attr);
		waddstr(w, draw_glyph("\xe2\x80\xa6", "~"));
		used++;
	}
	wattrset(w, A_NORMAL);
	return used;
}

int
draw_puts(WINDOW *w, const char *s, int cols, attr_t attr)
{
	return draw_put(w, s, strlen(s), cols, attr, NULL, 0, DRAW_ELLIPSIS);
}

void
draw_fill(WINDOW *w, int cols, attr_t attr)
{
	int i;

	wattrset(w, attr);
	for (i = 0; i < cols; i++)
		waddch(w, ' ');
	wattrset(w, A_NORMAL);
}


int
draw_hint(WINDOW *w, int at, int cols, const char *key, const char *word)
{
	int x = at;

	if (x > 0)
		x += draw_puts(w, "  ", cols - x, A_NORMAL);
	x += draw_puts(w, key, cols - x, draw_attr(STYLE_KEY));
	x += draw_puts(w, " ", cols - x, A_NORMAL);
	x += draw_puts(w, word, cols - x, draw_attr(STYLE_DIM));
	return x - at;
}
