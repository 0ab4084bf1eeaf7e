/*
 * pane_attract: a kiosk's attract screen.  One ally at a time in the
 * spotlight, laid out to be read from two metres away: its name set
 * apart in a band of reverse video (a taller one where rows are to
 * spare), its abbreviation and topics under it, then the first
 * sentences of its description (whole sentences, as many as fit), and
 * the codes to scan: its website and the program's "Become an Ally"
 * page, each with a caption.  The codes stand beside the text where the
 * terminal is wide enough (with the widest quiet zone that fits), under
 * it otherwise, and when even that leaves the text too few lines a code
 * gives way to its address in text: the invitation's first, since the
 * ally's is what a visitor came closer for.
 *
 * The pane only draws: app_spotlight() says when it is up, and the
 * attract loop moves the selection.  Everything is drawn through curses
 * into the one window, so a step to the next ally sends the cells that
 * change and nothing else, never a clear of the screen.
 */
#include "pane.h"

#include <string.h>

#include "app.h"
#include "draw.h"
#include "record.h"
#include "text.h"

#define MARGIN		2	/* blank columns either side */
#define GAP		3	/* columns between the text and a code, two codes */
#define TEXT_MIN	32	/* columns of text beside the codes, at least */
#define DESC_MIN	2	/* lines of description under the header, at least */
#define CAPTION_MIN	10	/* a gap this wide holds the captions */
#define NAME_LINES	2	/* lines the name may take */
#define BAND_PAD	2	/* columns of the band either side of the name */
#define QUIET		2	/* modules of light round a code, at least */
#define QUIET_MAX	4	/* and at most */

/* A code to scan, and what is written by it. */
struct code {
	const char	*url;		/* NULL: none */
	const char	*caption;
	const char	*pointer;	/* the caption in a gap, pointing at it */
	int		 h, w;		/* its size; 0: it is not drawn */
};

/* Where everything goes, from plan(). */
struct spot {
	const struct record *r;
	int		 rows, cols;
	int		 name_lines;
	int		 header;	/* rows of the name and the topics */
	struct code	 web, join;
	int		 side;		/* the codes beside the text, not under it */
	int		 in_gap;	/* the captions between the codes */
	int		 block_h, block_w;	/* the codes with their captions */
	int		 text_x, text_w, text_rows;	/* the description */
};

static int
width_of(const char *s, size_t len)
{
	return (int)text_width(s, len);
}

/* ---- sentences ---- */

static int
is_stop(char c)
{
	return c == '.' || c == '!' || c == '?';
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

static int
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * The end of the sentence that starts at from: past its full stop (and
 * a closing quote or bracket), where blanks and then no lower-case
 * letter follow; the stop after a lone letter ("U.S.", "J.") ends none.
 * The end of the text ends the last one.
 */
static size_t
sentence_end(const char *s, size_t len, size_t from)
{
	size_t i, j, k;

	for (i = from; i < len; i++) {
		if (!is_stop(s[i]))
			continue;
		for (j = i + 1; j < len && (s[j] == '"' || s[j] == '\'' ||
		    s[j] == ')' || s[j] == ']'); j++)
			;
		if (j < len && !is_blank(s[j]))
			continue;
		for (k = j; k < len && is_blank(s[k]); k++)
			;
		if (k < len && s[k] >= 'a' && s[k] <= 'z')
			continue;
		if (s[i] == '.' && i > 0 && is_letter(s[i - 1]) &&
		    (i == 1 || !is_letter(s[i - 2])))
			continue;
		return j;
	}
	return len;
}

/* The lines s[0, len) takes wrapped at cols. */
static int
lines_of(const char *s, size_t len, int cols)
{
	size_t pos, next;
	int n = 0;

	for (pos = 0; pos < len; pos = next, n++) {
		text_wrap(s + pos, len - pos, (size_t)cols, &next);
		next += pos;
	}
	return n;
}

/*
 * The bytes of s's first sentences, as many whole ones as fit in rows
 * lines of cols; 0 when not even the first does.
 */
static size_t
sentences_fit(const char *s, size_t len, int cols, int rows)
{
	size_t end = 0, best = 0;

	while (end < len) {
		end = sentence_end(s, len, end);
		if (lines_of(s, end, cols) > rows)
			break;
		best = end;
	}
	return best;
}

/* The description without its trailing blanks. */
static size_t
desc_len(const struct record *r)
{
	size_t n = r->len[FIELD_DESCRIPTION];

	while (n > 0 && is_blank(r->text[FIELD_DESCRIPTION][n - 1]))
		n--;
	return n;
}

/* The lines draw_sentences() takes for rows lines of cols at most. */
static int
desc_lines(const struct record *r, int cols, int rows)
{
	const char *s = r->text[FIELD_DESCRIPTION];
	size_t end;

	if (rows <= 0 || cols <= 0)
		return 0;
	end = sentences_fit(s, desc_len(r), cols, rows);
	return end > 0 ? lines_of(s, end, cols) : rows;
}

/*
 * Draw the first sentences of the description at y, x in rows lines of
 * cols, or when the first is longer, as much of it as fits and an
 * ellipsis.  Returns the lines drawn.
 */
static int
draw_sentences(WINDOW *w, const struct record *r, int y, int x, int cols,
    int rows)
{
	const char *s = r->text[FIELD_DESCRIPTION];
	size_t len = desc_len(r), end, pos, next, cut;
	int n = 0, whole;

	if (rows <= 0 || cols <= 0)
		return 0;
	end = sentences_fit(s, len, cols, rows);
	whole = end > 0;
	if (!whole)
		end = sentence_end(s, len, 0);
	for (pos = 0; pos < end && n < rows; pos = next, n++) {
		/* The last line of a cut sentence keeps a column for "...". */
		cut = text_wrap(s + pos, end - pos, (size_t)(whole ||
		    n < rows - 1 ? cols : cols - 1), &next);
		next += pos;
		wmove(w, y + n, x);
		draw_put(w, s + pos, cut, cols, A_NORMAL, NULL, 0, 0);
		if (!whole && n == rows - 1 && next < end)
			draw_puts(w, draw_glyph("\xe2\x80\xa6", "~"), 1,
			    A_NORMAL);
	}
	return n;
}

/* ---- the header: name and topics ---- */

/* The columns the name may take inside its band. */
static int
name_room(const struct spot *sp)
{
	return sp->cols - 2 * MARGIN - 2 * BAND_PAD;
}

static int
name_lines(const struct record *r, int room)
{
	int n = lines_of(r->text[FIELD_NAME], r->len[FIELD_NAME], room);

	return n < 1 ? 1 : n > NAME_LINES ? NAME_LINES : n;
}

/*
 * The name in a band of reverse video, centred, on one or two lines;
 * with pad, a row of the band above and below it.  Returns the rows.
 */
static int
draw_name(WINDOW *w, const struct spot *sp, int y, int pad)
{
	const char *s = sp->r->text[FIELD_NAME];
	size_t len = sp->r->len[FIELD_NAME], pos, next, cut[NAME_LINES];
	size_t at[NAME_LINES];
	attr_t band = draw_attr(STYLE_SELECTED);
	int i, n = 0, lw, bw = 0, room = name_room(sp);

	for (pos = 0; pos < len && n < sp->name_lines; pos = next, n++) {
		at[n] = pos;
		cut[n] = text_wrap(s + pos, len - pos, (size_t)room, &next);
		next += pos;
		/* A name longer than the band ends its last line in "...". */
		if (n == sp->name_lines - 1)
			cut[n] = len - pos;
		lw = width_of(s + pos, cut[n]);
		if (lw > room)
			lw = room;
		if (lw > bw)
			bw = lw;
	}
	bw += 2 * BAND_PAD;
	for (i = 0; i < n + 2 * pad; i++) {
		wmove(w, y + i, (sp->cols - bw) / 2);
		draw_fill(w, bw, band);
	}
	for (i = 0; i < n; i++) {
		lw = width_of(s + at[i], cut[i]);
		wmove(w, y + pad + i, (sp->cols - (lw < room ? lw : room)) / 2);
		draw_put(w, s + at[i], cut[i], room, band, NULL, 0,
		    DRAW_ELLIPSIS);
	}
	return n + 2 * pad;
}

/* "AAFP · family medicine · physicians", centred under the name. */
static void
draw_topics(WINDOW *w, const struct spot *sp, int y)
{
	const struct record *r = sp->r;
	const char *dot = draw_glyph(" \xc2\xb7 ", " - ");
	int room = sp->cols - 2 * MARGIN, tw = 0, x;
	uint32_t i;

	if (r->len[FIELD_ABBREVIATION] > 0)
		tw = width_of(r->text[FIELD_ABBREVIATION],
		    r->len[FIELD_ABBREVIATION]);
	for (i = 0; i < r->ntags; i++)
		tw += (tw > 0 ? width_of(dot, strlen(dot)) : 0) +
		    width_of(r->tags[i], strlen(r->tags[i]));
	x = tw < room ? (sp->cols - tw) / 2 : MARGIN;
	wmove(w, y, x);
	x = 0;
	if (r->len[FIELD_ABBREVIATION] > 0)
		x += draw_put(w, r->text[FIELD_ABBREVIATION],
		    r->len[FIELD_ABBREVIATION], room, draw_attr(STYLE_BOLD),
		    NULL, 0, DRAW_ELLIPSIS);
	for (i = 0; i < r->ntags && x < room; i++) {
		if (x > 0)
			x += draw_puts(w, dot, room - x, A_NORMAL);
		x += draw_puts(w, r->tags[i], room - x, A_NORMAL);
	}
}

/* ---- the plan ---- */

static void
code_init(struct code *c, const char *url, const char *caption,
    const char *pointer)
{
	memset(c, 0, sizeof(*c));
	c->url = url;
	c->caption = caption;
	c->pointer = pointer;
}

/* The code's size with a quiet zone of qz modules, or none (on 0). */
static void
code_size(struct code *c, int qz, int on)
{
	if (!on || c->url == NULL || !pane_qr_size(c->url, qz, &c->h, &c->w))
		c->h = c->w = 0;
}

/* The codes drawn: the width of both side by side, their height. */
static void
codes_extent(const struct spot *sp, int gap, int *w, int *h)
{
	*w = sp->web.w + sp->join.w + (sp->web.w > 0 && sp->join.w > 0 ?
	    gap : 0);
	*h = sp->web.h > sp->join.h ? sp->web.h : sp->join.h;
}

/* The codes beside the text, captions above them: 1 when that fits. */
static int
try_side(struct spot *sp)
{
	int w, h;

	codes_extent(sp, GAP, &w, &h);
	sp->text_w = sp->cols - 2 * MARGIN - GAP - w;
	sp->block_w = w;
	sp->block_h = 1 + h;
	sp->text_rows = sp->rows - sp->header - 1;
	if (sp->text_w < TEXT_MIN || sp->block_h > sp->text_rows)
		return 0;
	sp->side = 1;
	sp->text_x = MARGIN;
	return 1;
}

/*
 * The codes under the text, wide apart, the captions between them when
 * there is room there, else above them: 1 when that leaves the text its
 * lines.
 */
static int
try_below(struct spot *sp)
{
	int w, h, gap;

	codes_extent(sp, 0, &w, &h);
	gap = sp->cols - 2 * MARGIN - w;
	if (sp->web.w > 0 && sp->join.w > 0 && gap < GAP)
		return 0;
	sp->in_gap = sp->web.w > 0 && sp->join.w > 0 && gap >= CAPTION_MIN;
	sp->block_w = sp->cols - 2 * MARGIN;
	sp->block_h = h + !sp->in_gap;
	sp->text_x = MARGIN;
	sp->text_w = sp->cols - 2 * MARGIN;
	sp->text_rows = sp->rows - sp->header - sp->block_h;
	sp->side = 0;
	return sp->text_rows >= DESC_MIN;
}

/*
 * Lay the screen out: both codes beside the text (the widest quiet zone
 * first), or under it; else the invitation's code gives way, then the
 * ally's, until the text fits.
 */
static void
plan(struct spot *sp, const struct app *a, int rows, int cols)
{
	const struct program *p = &a->rs->program;
	int codes, qz;

	memset(sp, 0, sizeof(*sp));
	sp->r = app_selected(a);
	sp->rows = rows;
	sp->cols = cols;
	sp->name_lines = name_lines(sp->r, name_room(sp));
	sp->header = sp->name_lines + 1;
	code_init(&sp->web, sp->r->text[FIELD_URL], "Visit its website",
	    draw_glyph("\xe2\x97\x80 Its website", "< Its website"));
	code_init(&sp->join, p->become_ally_url != NULL ? p->become_ally_url :
	    p->url, "Become an Ally", draw_glyph("Become an Ally \xe2\x96\xb6",
	    "Become an Ally >"));
	for (codes = 2; codes >= 0; codes--) {
		for (qz = QUIET_MAX; qz >= QUIET; qz--) {
			code_size(&sp->web, qz, codes > 0);
			code_size(&sp->join, qz, codes > 1);
			if (try_side(sp))
				return;
		}
		/* Under the text, with more of it rather than wider zones. */
		if (try_below(sp) || codes == 0)
			return;
	}
}

/* ---- drawing ---- */

/* s centred in cols columns from x, at y, clipped. */
static void
centre_at(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr)
{
	int sw = width_of(s, strlen(s));

	wmove(w, y, x + (sw < cols ? (cols - sw) / 2 : 0));
	draw_puts(w, s, cols, attr);
}

/* A caption wrapped into the gap between the codes, from row y. */
static int
gap_caption(WINDOW *w, const char *s, int y, int x, int cols)
{
	size_t len = strlen(s), pos, next, cut;
	int n = 0, lw;

	for (pos = 0; pos < len; pos = next, n++) {
		cut = text_wrap(s + pos, len - pos, (size_t)cols, &next);
		next += pos;
		lw = width_of(s + pos, cut);
		wmove(w, y + n, x + (lw < cols ? (cols - lw) / 2 : 0));
		draw_put(w, s + pos, cut, cols, draw_attr(STYLE_BOLD), NULL, 0,
		    0);
	}
	return n;
}

/* One code at y, x in a box of rows x cols, its caption above unless gap. */
static void
draw_code(WINDOW *w, const struct code *c, int y, int x, int rows, int cols,
    int caption)
{
	if (c->w == 0)
		return;
	if (caption) {
		centre_at(w, y++, x, cols, c->caption, draw_attr(STYLE_BOLD));
		rows--;
	}
	pane_qr_code(w, c->url, y, x, rows, cols);
}

/* The codes from row y: side by side in the block, captions placed. */
static void
draw_codes(WINDOW *w, const struct spot *sp, int y, int x, int rows)
{
	int jx = x + sp->block_w - sp->join.w, gx, gw, h;

	if (sp->web.w == 0 || sp->join.w == 0) {
		/* One code: centred in the block, its caption above. */
		draw_code(w, sp->web.w > 0 ? &sp->web : &sp->join, y, x, rows,
		    sp->block_w, 1);
		return;
	}
	draw_code(w, &sp->web, y, x, rows, sp->web.w, !sp->in_gap);
	draw_code(w, &sp->join, y, jx, rows, sp->join.w, !sp->in_gap);
	if (!sp->in_gap)
		return;
	gx = x + sp->web.w + 1;
	gw = jx - gx - 1;
	h = sp->web.h > sp->join.h ? sp->web.h : sp->join.h;
	gap_caption(w, sp->web.pointer, y + h / 4, gx, gw);
	gap_caption(w, sp->join.pointer, y + h / 2 + 1, gx, gw);
}

/* The address of a code that gave way, in text: "Become an Ally: URL". */
static int
draw_addresses(WINDOW *w, const struct spot *sp, int y, int rows)
{
	const struct code *v[2] = { &sp->web, &sp->join };
	int i, n = 0, x;

	for (i = 0; i < 2 && n < rows; i++) {
		if (v[i]->w > 0 || v[i]->url == NULL)
			continue;
		wmove(w, y + n, sp->text_x);
		x = draw_puts(w, v[i]->caption, sp->text_w,
		    draw_attr(STYLE_BOLD));
		x += draw_puts(w, ": ", sp->text_w - x, A_NORMAL);
		draw_puts(w, v[i]->url, sp->text_w - x, draw_attr(STYLE_LINK));
		n++;
	}
	return n;
}

void
pane_attract_draw(WINDOW *w, const struct app *a)
{
	struct spot sp;
	int rows = getmaxy(w), cols = getmaxx(w), y, text, addr, column;
	int body, spare, pad;

	werase(w);
	if (app_selected(a) == NULL) {
		wnoutrefresh(w);
		return;
	}
	plan(&sp, a, rows, cols);
	/* The text column: the description, then the addresses in text. */
	addr = (sp.web.w == 0 && sp.web.url != NULL) +
	    (sp.join.w == 0 && sp.join.url != NULL);
	text = desc_lines(sp.r, sp.text_w, sp.text_rows - (addr > 0 ?
	    addr + 1 : 0));
	column = text + (addr > 0 ? addr + 1 : 0);
	body = !sp.side ? column + sp.block_h : column > sp.block_h ? column :
	    sp.block_h;
	/* Spare rows: one under the header, one before the codes, then
	 * the whole centred. */
	spare = rows - sp.header - body;
	/* Room to spare: the band grows a row above and below the name. */
	pad = spare >= 6;
	spare -= 2 * pad;
	y = spare > 2 ? (spare - 2) / 2 : 0;
	y += draw_name(w, &sp, y, pad);
	draw_topics(w, &sp, y++);
	if (spare > 0)
		y++;
	if (sp.side)
		draw_codes(w, &sp, y, cols - MARGIN - sp.block_w, sp.block_h);
	y += draw_sentences(w, sp.r, y, sp.text_x, sp.text_w, text);
	if (addr > 0)
		y += 1 + draw_addresses(w, &sp, y + 1, addr);
	if (!sp.side) {
		if (spare > 1)
			y++;
		draw_codes(w, &sp, y, MARGIN, rows - y);
	}
	wnoutrefresh(w);
}
