/*
 * pane_list: the list of allies.  A header row with the pane's name and
 * the position ("3/12"), then one ally a row: its name and abbreviation,
 * matches highlighted, the selection drawn as a bar across the pane.
 */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "match.h"
#include "record.h"
#include "text.h"
#include "util.h"

int
pane_list_cursor_row(const struct app *a)
{
	if (a->view.rows.len == 0)
		return 0;
	return (int)(a->view.sel - a->view.top) + 1;
}

static void
draw_header(WINDOW *w, const struct app *a)
{
	char n1[UTIL_COUNT_MAX], n2[UTIL_COUNT_MAX];
	attr_t attr = draw_attr(a->focus == FOCUS_LIST ? STYLE_HEADER_FOCUS :
	    STYLE_HEADER);
	char pos[48];
	int width = getmaxx(w), pw;

	if (a->view.rows.len == 0 && a->view.scanning)
		snprintf(pos, sizeof(pos), "searching%s ",
		    draw_glyph("\xe2\x80\xa6", "..."));
	else if (a->view.rows.len == 0)
		snprintf(pos, sizeof(pos), "0/0 ");
	else
		snprintf(pos, sizeof(pos), "%s/%s ", util_count(n1,
		    a->view.sel + 1), util_count(n2, a->view.rows.len));
	pw = (int)strlen(pos);
	wmove(w, 0, 0);
	draw_fill(w, width, attr);
	wmove(w, 0, 0);
	draw_puts(w, " Allies", width - pw - 1, attr);
	if (pw < width) {
		wmove(w, 0, width - pw);
		draw_puts(w, pos, pw, attr);
	}
}

/* The spans of pattern m in one field, or an empty set without m. */
static void
field_spans(const struct app *a, const struct record *r, enum field f,
    struct spans *sp)
{
	struct match_error err;

	sp->len = 0;
	if (a->view.matcher != NULL)
		match_spans(a->view.matcher, r->text[f], r->len[f], sp, &err);
}

static void
draw_row(WINDOW *w, int y, const struct app *a, size_t row,
    struct spans *sp)
{
	const struct record *r = &a->rs->v[a->view.rows.v[row]];
	int width = getmaxx(w), x = 1, selected = row == a->view.sel, show_abbr;
	attr_t attr = A_NORMAL;

	if (selected)
		attr = draw_attr(a->focus == FOCUS_LIST ? STYLE_SELECTED :
		    STYLE_SELECTED_DIM);
	wmove(w, y, 0);
	draw_fill(w, width, attr);
	wmove(w, y, 1);
	/* The abbreviation only when it fits whole beside the name. */
	show_abbr = r->len[FIELD_ABBREVIATION] > 0 &&
	    text_width(r->text[FIELD_NAME], r->len[FIELD_NAME]) +
	    text_width(r->text[FIELD_ABBREVIATION],
	    r->len[FIELD_ABBREVIATION]) + 3 <= (size_t)(width - 2);
	field_spans(a, r, FIELD_NAME, sp);
	x += draw_put(w, r->text[FIELD_NAME], r->len[FIELD_NAME], width - 2,
	    attr, sp, 0, DRAW_ELLIPSIS);
	if (!show_abbr)
		return;
	x += draw_puts(w, " (", width - x - 1, attr);
	field_spans(a, r, FIELD_ABBREVIATION, sp);
	x += draw_put(w, r->text[FIELD_ABBREVIATION], r->len[FIELD_ABBREVIATION],
	    width - x - 2, attr, sp, 0, 0);
	draw_puts(w, ")", width - x, attr);
}

void
pane_list_draw(WINDOW *w, const struct app *a)
{
	struct spans sp = { 0 };
	int rows = getmaxy(w), y;
	size_t row;

	werase(w);
	draw_header(w, a);
	for (y = 1, row = a->view.top; y < rows && row < a->view.rows.len;
	    y++, row++)
		draw_row(w, y, a, row, &sp);
	if (a->view.rows.len == 0 && rows > 1) {
		wmove(w, 1, 1);
		if (a->view.scanning)
			draw_puts(w, draw_utf8() ? "Searching\xe2\x80\xa6" :
			    "Searching...", getmaxx(w) - 2, draw_attr(STYLE_DIM));
		else if (a->rs->len == 0)
			draw_puts(w, "No allies in this file", getmaxx(w) - 2,
			    draw_attr(STYLE_DIM));
		else
			draw_puts(w, "No ally matches; Esc clears the filter",
			    getmaxx(w) - 2, draw_attr(STYLE_DIM));
	}
	spans_free(&sp);
	wnoutrefresh(w);
}
