/*
 * searchbar: drawing the bar.  See searchbar.h.
 */
#include "searchbar.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "query.h"
#include "record.h"
#include "text.h"
#include "util.h"

/*
 * Where the bar starts showing the query: characters (grapheme clusters
 * where the terminal counts those) drop off the left so that the cursor
 * stays in view in avail columns.
 */
static size_t
view_start(const struct app *a, int avail)
{
	const char *s = a->bar.query.ptr;
	size_t start = 0, cw, skipped = 0, n;
	int w;

	cw = text_width(s, a->bar.cursor);
	while (cw - skipped >= (size_t)avail && start < a->bar.cursor) {
		/* Never past the cursor, which may be inside a cluster. */
		n = text_glyph(s + start, a->bar.cursor - start, &w);
		start += n;
		skipped += (size_t)w;
	}
	return start;
}

/* Columns the query may take in a bar of width columns. */
static int
query_cols(const struct app *a, int width, int count_w)
{
	size_t ew = a->bar.error[0] != '\0' ? text_width(a->bar.error,
	    strlen(a->bar.error)) + 2 : 0;
	int avail = width - 1 - count_w;

	if ((int)ew < avail / 2)
		avail -= (int)ew;
	else if (ew > 0)
		avail -= avail / 2;
	return avail < 4 ? 4 : avail;
}

/* Byte offset of the character the error is at. */
static size_t
error_byte(const struct app *a)
{
	size_t i = 0, chars = 0;
	uint32_t cp;

	while (i < a->bar.query.len && chars < a->bar.error_col) {
		i += text_decode(a->bar.query.ptr + i, a->bar.query.len - i, &cp);
		chars++;
	}
	return i;
}

/*
 * What the bar says on its right: how the query is read (where it can be
 * switched), then a note or the count.
 */
static int
count_width(const struct app *a, char *count, size_t size)
{
	char n1[UTIL_COUNT_MAX], n2[UTIL_COUNT_MAX], rest[64];
	int mode = action_policy(ACT_BAR_MODE, a->opt->kiosk) != ACT_NONE;

	if (a->bar.error[0] != '\0')
		return 0;
	/* A note (a paste was cut, a key did nothing) until the next edit. */
	if (a->bar.note[0] != '\0')
		snprintf(rest, sizeof(rest), "  %s", a->bar.note);
	/* Never "0" while the scan may still find some. */
	else if (a->view.rows.len == 0 && a->view.scanning)
		snprintf(rest, sizeof(rest), " searching%s",
		    draw_glyph("\xe2\x80\xa6", "..."));
	else
		snprintf(rest, sizeof(rest), "%s%s %s%s/%s",
		    a->bar.scope < FIELD_COUNT ? "  in " : "",
		    a->bar.scope < FIELD_COUNT ? field_name(a->bar.scope) : "",
		    util_count(n1, a->view.rows.len),
		    a->view.scanning ? "+" : "",
		    util_count(n2, a->view.topic_total));
	snprintf(count, size, "%s%s%s", mode ? "  " : "",
	    mode ? query_mode_name(a->bar.mode) : "", rest);
	return (int)text_width(count, strlen(count));
}

void
searchbar_draw_caret(WINDOW *caret, const struct app *a)
{
	char count[80];
	int avail, cx;
	size_t start, at;

	if (!a->bar.error_has_col || a->bar.error[0] == '\0')
		return;
	avail = query_cols(a, getmaxx(caret), count_width(a, count,
	    sizeof(count)));
	start = view_start(a, avail);
	at = error_byte(a);
	if (at < start)
		return;
	cx = 1 + (int)text_width(a->bar.query.ptr + start, at - start);
	if (cx < getmaxx(caret)) {
		wmove(caret, 0, cx);
		draw_puts(caret, "^", 1, draw_attr(STYLE_ERROR));
	}
}

void
searchbar_draw(WINDOW *bar, const struct app *a)
{
	const char *s = a->bar.query.ptr;
	int width = getmaxx(bar), avail, x, rw, cx;
	size_t start, at;
	char count[80];

	werase(bar);
	rw = count_width(a, count, sizeof(count));
	avail = query_cols(a, width, rw);
	start = view_start(a, avail);
	wmove(bar, 0, 0);
	draw_puts(bar, start > 0 ? "<" : "/", 1, draw_attr(STYLE_KEY));
	draw_put(bar, s + start, a->bar.query.len - start, avail, A_NORMAL, NULL, 0,
	    0);
	x = 1 + avail;
	if (a->bar.error[0] != '\0') {
		/* The character the error is at, marked in the query too. */
		if (a->bar.error_has_col && (at = error_byte(a)) >= start) {
			cx = 1 + (int)text_width(s + start, at - start);
			if (cx < x) {
				wmove(bar, 0, cx);
				if (at < a->bar.query.len)
					draw_put(bar, s + at, a->bar.query.len - at,
					    x - cx, draw_attr(STYLE_ERROR) | A_REVERSE,
					    NULL, 0, DRAW_ONE_CHAR);
				else
					draw_puts(bar, " ", 1,
					    draw_attr(STYLE_ERROR) | A_REVERSE);
			}
		}
		wmove(bar, 0, x);
		draw_puts(bar, "  ", width - x, A_NORMAL);
		draw_puts(bar, a->bar.error, width - x - 2, draw_attr(STYLE_ERROR));
	} else if (rw > 0 && rw < width) {
		wmove(bar, 0, width - rw);
		draw_puts(bar, count, rw, draw_attr(STYLE_DIM));
	}
	cx = 1 + (int)text_width(s + start, a->bar.cursor - start);
	wmove(bar, 0, cx < width ? cx : width - 1);
	wnoutrefresh(bar);
}
