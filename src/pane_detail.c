/*
 * pane_detail: the selected ally in full.  Its name, abbreviation,
 * website (wrapped after its separators) and tags, then the description
 * word-wrapped to the pane, all with search matches highlighted.  The
 * lines are produced by one walk (detail_walk) that both the measure and
 * the draw hook use, so the scroll range always agrees with what is
 * drawn.
 */
#include "pane.h"

#include <string.h>

#include "app.h"
#include "draw.h"
#include "match.h"
#include "record.h"
#include "text.h"

#define MARGIN	1	/* blank columns left and right */

/* The parts of the pane, in order: a label and the field it shows. */
static const struct part {
	const char	*label;		/* NULL: no label, no indent */
	enum field	 field;		/* FIELD_COUNT: a blank line */
	enum draw_style	 style;
} parts[] = {
	{ NULL, FIELD_NAME, STYLE_BOLD },
	{ "Abbreviation: ", FIELD_ABBREVIATION, STYLE_NORMAL },
	{ "Website: ", FIELD_URL, STYLE_LINK },
	{ "Tags: ", FIELD_TAGS, STYLE_NORMAL },
	{ NULL, FIELD_COUNT, STYLE_NORMAL },
	{ NULL, FIELD_DESCRIPTION, STYLE_NORMAL },
};

/* One line of the pane: a piece of a field, maybe after its label. */
struct dline {
	const struct part *part;
	int		 first;		/* the part's first line: show label */
	size_t		 start;		/* bytes into the field */
	size_t		 len;
};

typedef void (*dline_cb)(void *, size_t lineno, const struct dline *);

/* Walk the lines of r at width columns; returns how many there are. */
static size_t
detail_walk(const struct record *r, int width, dline_cb cb, void *arg)
{
	struct dline d;
	size_t i, n = 0, pos, next, lw;
	const char *s;
	size_t len;
	int avail;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		memset(&d, 0, sizeof(d));
		d.part = &parts[i];
		if (parts[i].field == FIELD_COUNT) {
			if (cb != NULL)
				cb(arg, n, &d);
			n++;
			continue;
		}
		s = r->text[parts[i].field];
		len = r->len[parts[i].field];
		if (len == 0)
			continue;
		lw = parts[i].label != NULL ? strlen(parts[i].label) : 0;
		avail = width - (int)lw;
		if (avail < 8) {
			/* Too narrow for a label beside the text. */
			avail = width;
		}
		if (avail < 1)
			avail = 1;
		for (pos = 0, d.first = 1; pos < len; pos = next, d.first = 0) {
			d.start = pos;
			/* A website breaks after its separators, not at blanks. */
			if (parts[i].field == FIELD_URL)
				d.len = text_wrap_url(s + pos, len - pos,
				    (size_t)avail, &next);
			else
				d.len = text_wrap(s + pos, len - pos,
				    (size_t)avail, &next);
			next += pos;
			if (cb != NULL)
				cb(arg, n, &d);
			n++;
		}
	}
	return n;
}

struct seek {
	const struct spans *sp;		/* description matches */
	size_t		 line;		/* first line with one, or -1 */
};

static void
seek_cb(void *arg, size_t lineno, const struct dline *d)
{
	struct seek *k = arg;
	size_t i;

	if (k->line != (size_t)-1 || d->part->field != FIELD_DESCRIPTION)
		return;
	for (i = 0; i < k->sp->len; i++)
		if (k->sp->v[i].start < d->start + d->len &&
		    k->sp->v[i].end > d->start) {
			k->line = lineno;
			return;
		}
}

struct link {
	size_t		 line;		/* the website's line, or -1 */
	int		 whole;		/* all of it on that one line */
};

static void
link_cb(void *arg, size_t lineno, const struct dline *d)
{
	struct link *l = arg;

	if (d->part->field != FIELD_URL)
		return;
	if (d->first) {
		l->line = lineno;
		l->whole = 1;
	} else
		l->whole = 0;
}

int
pane_detail_link(const struct app *a, int width, int *row, int *col)
{
	const struct record *r = app_selected(a);
	struct link l = { (size_t)-1, 0 };
	size_t lw = strlen("Website: ");

	width -= 2 * MARGIN;
	if (r == NULL || width < 1 || r->len[FIELD_URL] == 0)
		return 0;
	detail_walk(r, width, link_cb, &l);
	if (l.line == (size_t)-1 || !l.whole || l.line < a->detail_top ||
	    l.line - a->detail_top + 1 >= (size_t)a->detail_rows + 1)
		return 0;
	*row = (int)(l.line - a->detail_top) + 1;
	*col = MARGIN + ((int)lw + 8 <= width ? (int)lw : 0);
	return 1;
}

size_t
pane_detail_measure(const struct app *a, int width, size_t *match_line)
{
	const struct record *r = app_selected(a);
	struct match_error err;
	struct spans sp = { 0 };
	struct seek k;
	size_t lines;

	*match_line = (size_t)-1;
	width -= 2 * MARGIN;
	if (r == NULL || width < 1)
		return 0;
	lines = detail_walk(r, width, NULL, NULL);
	/* Where the first match is, when the app is to bring it in view. */
	if (!a->detail_seek || a->view.matcher == NULL)
		return lines;
	if (match_spans(a->view.matcher, r->text[FIELD_DESCRIPTION],
	    r->len[FIELD_DESCRIPTION], &sp, &err) > 0) {
		k.sp = &sp;
		k.line = (size_t)-1;
		detail_walk(r, width, seek_cb, &k);
		*match_line = k.line;
	}
	spans_free(&sp);
	return lines;
}

struct draw {
	WINDOW		*w;
	const struct app *a;
	struct spans	 sp[FIELD_COUNT];
	int		 width;
};

static void
draw_cb(void *arg, size_t lineno, const struct dline *d)
{
	struct draw *dr = arg;
	const struct record *r = app_selected(dr->a);
	const struct part *p = d->part;
	size_t lw;
	int y;

	if (lineno < dr->a->detail_top)
		return;
	y = (int)(lineno - dr->a->detail_top) + 1;
	if (y >= getmaxy(dr->w) || p->field == FIELD_COUNT)
		return;
	wmove(dr->w, y, MARGIN);
	lw = p->label != NULL ? strlen(p->label) : 0;
	if (lw > 0 && (int)lw + 8 <= dr->width) {
		if (d->first)
			draw_puts(dr->w, p->label, (int)lw, draw_attr(STYLE_LABEL));
		wmove(dr->w, y, MARGIN + (int)lw);
	} else
		lw = 0;
	draw_put(dr->w, r->text[p->field] + d->start, d->len,
	    dr->width - (int)lw, draw_attr(p->style), &dr->sp[p->field],
	    d->start, 0);
}

static void
draw_header(WINDOW *w, const struct app *a)
{
	attr_t attr = draw_attr(a->focus == FOCUS_DETAIL ? STYLE_HEADER_FOCUS :
	    STYLE_HEADER);
	int width = getmaxx(w);
	char pos[48];
	int rows = getmaxy(w) - 1, pw = 0;

	wmove(w, 0, 0);
	draw_fill(w, width, attr);
	wmove(w, 0, 0);
	if (a->detail_lines > (size_t)rows && rows > 0) {
		/* A description longer than the pane says which way to go. */
		int below = a->detail_top + (size_t)rows < a->detail_lines;

		snprintf(pos, sizeof(pos), "%s ", below ? (draw_utf8() ?
		    "more \xe2\x86\x93" : "more v") : (draw_utf8() ?
		    "\xe2\x86\x91" : "^"));
		pw = (int)text_width(pos, strlen(pos));
	}
	draw_puts(w, " Description", width - pw - 1, attr);
	if (pw > 0 && pw < width) {
		wmove(w, 0, width - pw);
		draw_puts(w, pos, pw, attr);
	}
}

/*
 * A kiosk waiting for visitors shows the "Become an Ally" page as a code
 * under the ally of the moment, where the description leaves room.
 */
static void
draw_attract_code(WINDOW *w, const struct app *a)
{
	const char *url = a->rs->program.become_ally_url;
	const char *caption = "Become an Ally: scan this code";
	int top, rows, cols = getmaxx(w) - 2, used;

	if (!a->opt->kiosk || a->kiosk.phase != KIOSK_ATTRACT || url == NULL)
		return;
	top = 1 + (int)a->detail_lines + 1;
	rows = getmaxy(w) - top - 1;
	if (rows < 12 || a->detail_top > 0)
		return;
	used = pane_qr_code(w, url, top + 1, 1, rows - 1, cols);
	if (used == 0)
		return;
	wmove(w, top, 1 + (cols - (int)strlen(caption)) / 2);
	draw_puts(w, caption, cols, draw_attr(STYLE_BOLD));
}

void
pane_detail_draw(WINDOW *w, const struct app *a)
{
	const struct record *r = app_selected(a);
	struct match_error err;
	struct draw dr;
	size_t f;

	werase(w);
	draw_header(w, a);
	memset(&dr, 0, sizeof(dr));
	dr.w = w;
	dr.a = a;
	dr.width = getmaxx(w) - 2 * MARGIN;
	if (r != NULL && dr.width > 0) {
		for (f = 0; a->view.matcher != NULL && f < FIELD_COUNT; f++)
			match_spans(a->view.matcher, r->text[f], r->len[f],
			    &dr.sp[f], &err);
		detail_walk(r, dr.width, draw_cb, &dr);
	}
	for (f = 0; f < FIELD_COUNT; f++)
		spans_free(&dr.sp[f]);
	draw_attract_code(w, a);
	wnoutrefresh(w);
}
