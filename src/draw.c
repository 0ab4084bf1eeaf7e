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
static char link_sgr[64];	/* STYLE_LINK for text written past curses */

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
 * The default theme's colours are chosen so that every text reads on a
 * white and on a black terminal alike: a contrast of 4.5:1 or more (WCAG
 * 2) against both, in xterm's standard palette.  None of the 16 colours
 * holds that as a foreground on the terminal's own background (the
 * closest, magenta, makes 4.48:1 on black), so with 8 or 16 colours text
 * keeps the terminal's foreground, told apart by bold, underline and
 * reverse, and colour comes only as a foreground and a background set
 * together.  Of the 256-colour cube, six colours hold it; two are used
 * (theme.c has the tables, and the light and dark themes).
 */

/*
 * The colour c as the terminal of ncolors shows it: itself, a bright
 * colour's plain twin on a terminal of 8, or -2 when it has none.
 */
static int
fold_color(int c, int ncolors)
{
	if (c == THEME_COLOR_DEFAULT || c < ncolors)
		return c;
	if (c >= 8 && c < 16 && c - 8 < ncolors)
		return c - 8;
	return -2;
}

/* Style s as theme th has it on a terminal of ncolors (0: none). */
static struct theme_style
pick_style(const struct theme *th, int ncolors, enum draw_style s)
{
	struct theme_style st, own;

	st = theme_get(th != NULL ? th->id : THEME_DEFAULT, ncolors, s);
	if (th != NULL && (th->set & (1u << s))) {
		own = th->style[s];
		if (ncolors == 0)
			st.attrs = own.attrs;
		else if (fold_color(own.fg, ncolors) != -2 &&
		    fold_color(own.bg, ncolors) != -2)
			st = own;
	}
	st.fg = (short)fold_color(st.fg, ncolors);
	st.bg = (short)fold_color(st.bg, ncolors);
	return st;
}

/* The colour pair of fg on bg, made the first time it is asked for. */
static attr_t
pair_of(int fg, int bg)
{
	static short made[STYLE_COUNT][2];
	static int n;
	int i;

	for (i = 0; i < n; i++)
		if (made[i][0] == fg && made[i][1] == bg)
			return COLOR_PAIR(i + 1);
	if (n == STYLE_COUNT || n + 1 >= COLOR_PAIRS ||
	    init_pair((short)(n + 1), (short)fg, (short)bg) == ERR)
		return 0;
	made[n][0] = (short)fg;
	made[n][1] = (short)bg;
	return COLOR_PAIR(++n);
}

static attr_t
style_attr(const struct theme_style *st)
{
	attr_t a = A_NORMAL;

	if (st->attrs & THEME_BOLD)
		a |= A_BOLD;
	if (st->attrs & THEME_UNDERLINE)
		a |= A_UNDERLINE;
	if (st->attrs & THEME_REVERSE)
		a |= A_REVERSE;
	if (st->attrs & THEME_DIM)
		a |= A_DIM;
	if (st->fg != THEME_COLOR_DEFAULT || st->bg != THEME_COLOR_DEFAULT)
		a |= pair_of(st->fg, st->bg);
	return a;
}

/* One colour of an SGR sequence: base 30 for the text, 40 behind it. */
static void
sgr_color(struct buf *b, int c, int base)
{
	if (c == THEME_COLOR_DEFAULT)
		return;
	if (c < 8)
		buf_addf(b, ";%d", base + c);
	else if (c < 16)
		buf_addf(b, ";%d", base + 60 + c - 8);
	else
		buf_addf(b, ";%d;5;%d", base + 8, c);
}

/* The SGR sequence of st, for text written to the terminal past curses. */
static void
make_link_sgr(const struct theme_style *st)
{
	struct buf b = { 0 };

	buf_adds(&b, "\033[0");
	if (st->attrs & THEME_BOLD)
		buf_adds(&b, ";1");
	if (st->attrs & THEME_DIM)
		buf_adds(&b, ";2");
	if (st->attrs & THEME_UNDERLINE)
		buf_adds(&b, ";4");
	if (st->attrs & THEME_REVERSE)
		buf_adds(&b, ";7");
	if (color_on) {
		sgr_color(&b, st->fg, 30);
		sgr_color(&b, st->bg, 40);
	}
	buf_addc(&b, 'm');
	snprintf(link_sgr, sizeof(link_sgr), "%s", b.ptr);
	buf_free(&b);
}

void
draw_init(int color_opt, int utf8, const struct theme *theme)
{
	struct theme_style st;
	int color = color_opt == 2 || (color_opt == 1 && has_colors() &&
	    !util_no_color());
	int ncolors = 0;
	size_t s;

	utf8_locale = utf8;
	/*
	 * Monochrome first: every state is told apart by reverse, bold and
	 * underline alone, so it reads on any terminal.  Colour is added on
	 * top.
	 */
	if (color && start_color() != ERR) {
		color_on = 1;
		use_default_colors();
		ncolors = COLORS;
	}
	for (s = 0; s < STYLE_COUNT; s++) {
		st = pick_style(theme, ncolors, (enum draw_style)s);
		styles[s] = style_attr(&st);
		if (s == STYLE_LINK)
			make_link_sgr(&st);
	}
	/*
	 * A theme's own background goes behind everything: text written
	 * with no colour of its own takes the background's pair, and the
	 * windows made from stdscr take its background with them.
	 */
	if (styles[STYLE_NORMAL] & A_COLOR)
		bkgd(' ' | (styles[STYLE_NORMAL] & A_COLOR));
}

const char *
draw_link_sgr(void)
{
	return link_sgr;
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
