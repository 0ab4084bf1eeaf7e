/*
 * searchbar: editing the query and drawing the bar.  See searchbar.h.
 */
#include "searchbar.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "record.h"
#include "text.h"
#include "ui.h"
#include "util.h"

#define CTRL(c)	((c) & 0x1f)

enum bar_op {
	BAR_ACCEPT,
	BAR_CANCEL,
	BAR_OLDER,
	BAR_NEWER,
	BAR_CLEAR,
	BAR_BACKSPACE,
	BAR_DELETE,
	BAR_LEFT,
	BAR_RIGHT,
	BAR_HOME,
	BAR_END,
	BAR_KILL_WORD
};

static const struct {
	int		 key;
	int		 keycode;
	enum bar_op	 op;
} bar_keys[] = {
	{ '\r', 0, BAR_ACCEPT }, { '\n', 0, BAR_ACCEPT },
	{ KEY_ENTER, 1, BAR_ACCEPT },
	{ 27, 0, BAR_CANCEL },
	{ KEY_UP, 1, BAR_OLDER }, { CTRL('p'), 0, BAR_OLDER },
	{ KEY_DOWN, 1, BAR_NEWER }, { CTRL('n'), 0, BAR_NEWER },
	{ CTRL('u'), 0, BAR_CLEAR },
	{ KEY_BACKSPACE, 1, BAR_BACKSPACE }, { 127, 0, BAR_BACKSPACE },
	{ CTRL('h'), 0, BAR_BACKSPACE },
	{ KEY_DC, 1, BAR_DELETE }, { CTRL('d'), 0, BAR_DELETE },
	{ KEY_LEFT, 1, BAR_LEFT }, { CTRL('b'), 0, BAR_LEFT },
	{ KEY_RIGHT, 1, BAR_RIGHT }, { CTRL('f'), 0, BAR_RIGHT },
	{ KEY_HOME, 1, BAR_HOME }, { CTRL('a'), 0, BAR_HOME },
	{ KEY_END, 1, BAR_END }, { CTRL('e'), 0, BAR_END },
	{ CTRL('w'), 0, BAR_KILL_WORD },
};

/* What the help says about each operation, with its keys. */
static const struct {
	const char	*keys;
	const char	*help;
} bar_help[] = {
	{ "Enter", "keep the filter and leave the bar" },
	{ "Esc", "leave the bar, restoring the filter from before" },
	{ "Up Down", "older and newer searches (also C-p C-n)" },
	{ "C-u", "clear the pattern" },
	{ "C-w", "delete the word before the cursor" },
	{ "Left Right", "move the cursor (also C-b C-f)" },
	{ "Home End", "start and end of the pattern (also C-a C-e)" },
	{ "Backspace Del", "delete before or at the cursor (also C-h C-d)" },
};

int
searchbar_help(size_t i, const char **keys, const char **help)
{
	if (i >= nitems(bar_help))
		return 0;
	*keys = bar_help[i].keys;
	*help = bar_help[i].help;
	return 1;
}

/* Byte offset of the character after pos. */
static size_t
next_char(const char *s, size_t len, size_t pos)
{
	uint32_t cp;

	return pos < len ? pos + text_decode(s + pos, len - pos, &cp) : len;
}

static void
query_erase(struct app *a, size_t from, size_t to)
{
	struct buf *q = &a->query;

	if (from >= to)
		return;
	memmove(q->ptr + from, q->ptr + to, q->len - to + 1);
	q->len -= to - from;
	a->cursor = from;
	app_bar_changed(a);
}

static void
insert(struct app *a, wint_t ch)
{
	struct buf tail = { 0 }, *q = &a->query;
	size_t before = q->len;

	buf_adds(&tail, q->ptr + a->cursor);
	q->len = a->cursor;
	text_encode(q, (uint32_t)ch);
	buf_add(q, tail.ptr, tail.len);
	a->cursor += q->len - before;
	buf_free(&tail);
	app_bar_changed(a);
}

static void
bar_do(struct app *a, enum bar_op op)
{
	const char *s = a->query.ptr;
	size_t len = a->query.len, p;

	switch (op) {
	case BAR_ACCEPT:
		app_bar_accept(a);
		break;
	case BAR_CANCEL:
		app_bar_cancel(a);
		break;
	case BAR_OLDER:
		app_bar_history(a, -1);
		break;
	case BAR_NEWER:
		app_bar_history(a, 1);
		break;
	case BAR_CLEAR:
		query_erase(a, 0, len);
		break;
	case BAR_BACKSPACE:
		query_erase(a, text_prev(s, a->cursor), a->cursor);
		break;
	case BAR_DELETE:
		query_erase(a, a->cursor, next_char(s, len, a->cursor));
		break;
	case BAR_LEFT:
		a->cursor = text_prev(s, a->cursor);
		break;
	case BAR_RIGHT:
		a->cursor = next_char(s, len, a->cursor);
		break;
	case BAR_HOME:
		a->cursor = 0;
		break;
	case BAR_END:
		a->cursor = len;
		break;
	case BAR_KILL_WORD:
		p = a->cursor;
		while (p > 0 && s[p - 1] == ' ')
			p--;
		while (p > 0 && s[p - 1] != ' ')
			p--;
		query_erase(a, p, a->cursor);
		break;
	}
	a->dirty = 1;
}

void
searchbar_key(struct app *a, wint_t ch, int keycode)
{
	size_t i;

	for (i = 0; i < nitems(bar_keys); i++)
		if ((wint_t)bar_keys[i].key == ch &&
		    bar_keys[i].keycode == keycode) {
			bar_do(a, bar_keys[i].op);
			return;
		}
	if (keycode || ch < 0x20 || text_is_unsafe((uint32_t)ch) ||
	    ch > 0x10ffff || (ch >= 0xd800 && ch <= 0xdfff))
		return;		/* not text: ignore, never insert */
	if (a->query.len > 1000)
		return;
	insert(a, ch);
}

/*
 * Where the bar starts showing the query: characters drop off the left
 * so that the cursor stays in view in avail columns.
 */
static size_t
view_start(const struct app *a, int avail)
{
	const char *s = a->query.ptr;
	size_t start = 0, cw, n, skipped = 0;
	uint32_t cp;

	cw = text_width(s, a->cursor);
	while (cw - skipped >= (size_t)avail && start < a->cursor) {
		n = text_decode(s + start, a->query.len - start, &cp);
		skipped += (size_t)text_cp_width(cp);
		start += n;
	}
	return start;
}

/* Columns the query may take in a bar of width columns. */
static int
query_cols(const struct app *a, int width, int count_w)
{
	size_t ew = a->bar_error[0] != '\0' ? text_width(a->bar_error,
	    strlen(a->bar_error)) + 2 : 0;
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

	while (i < a->query.len && chars < a->bar_error_col) {
		i += text_decode(a->query.ptr + i, a->query.len - i, &cp);
		chars++;
	}
	return i;
}

static int
count_width(const struct app *a, char *count, size_t size)
{
	if (a->bar_error[0] != '\0')
		return 0;
	snprintf(count, size, " %zu%s/%zu", a->view.len,
	    a->scanning ? "+" : "", a->rs->len);
	return (int)strlen(count);
}

void
searchbar_draw_caret(WINDOW *caret, const struct app *a)
{
	char count[64];
	int avail, cx;
	size_t start, at;

	if (!a->bar_error_has_col || a->bar_error[0] == '\0')
		return;
	avail = query_cols(a, getmaxx(caret), count_width(a, count,
	    sizeof(count)));
	start = view_start(a, avail);
	at = error_byte(a);
	if (at < start)
		return;
	cx = 1 + (int)text_width(a->query.ptr + start, at - start);
	if (cx < getmaxx(caret)) {
		wmove(caret, 0, cx);
		ui_puts(caret, "^", 1, ui_attr(UI_ERROR));
	}
}

void
searchbar_draw(WINDOW *bar, const struct app *a)
{
	const char *s = a->query.ptr;
	int width = getmaxx(bar), avail, x, rw, cx;
	size_t start, at;
	char count[64];

	werase(bar);
	rw = count_width(a, count, sizeof(count));
	avail = query_cols(a, width, rw);
	start = view_start(a, avail);
	wmove(bar, 0, 0);
	ui_puts(bar, start > 0 ? "<" : "/", 1, ui_attr(UI_KEY));
	ui_put(bar, s + start, a->query.len - start, avail, A_NORMAL, NULL, 0,
	    0);
	x = 1 + avail;
	if (a->bar_error[0] != '\0') {
		/* The character the error is at, marked in the query too. */
		if (a->bar_error_has_col && (at = error_byte(a)) >= start) {
			cx = 1 + (int)text_width(s + start, at - start);
			if (cx < x) {
				wmove(bar, 0, cx);
				if (at < a->query.len)
					ui_put(bar, s + at, a->query.len - at,
					    x - cx, ui_attr(UI_ERROR) | A_REVERSE,
					    NULL, 0, UI_ONE_CHAR);
				else
					ui_puts(bar, " ", 1,
					    ui_attr(UI_ERROR) | A_REVERSE);
			}
		}
		wmove(bar, 0, x);
		ui_puts(bar, "  ", width - x, A_NORMAL);
		ui_puts(bar, a->bar_error, width - x - 2, ui_attr(UI_ERROR));
	} else if (rw > 0 && rw < width) {
		wmove(bar, 0, width - rw);
		ui_puts(bar, count, rw, ui_attr(UI_DIM));
	}
	cx = 1 + (int)text_width(s + start, a->cursor - start);
	wmove(bar, 0, cx < width ? cx : width - 1);
	wnoutrefresh(bar);
}
