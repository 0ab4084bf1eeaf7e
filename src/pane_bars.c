/*
 * pane_bars: the title line and the status line.  The title names the
 * program and says what the list shows (the filter, the count, a page,
 * stale data); the status line holds a message, or the hints of the
 * current input mode, taken from its key table (keys.c) with the kiosk's
 * substitutions applied, or the staff PIN prompt.
 */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "keys.h"
#include "record.h"
#include "text.h"

void
pane_title_draw(WINDOW *w, const struct app *a)
{
	const char *name = a->rs->program.name != NULL ?
	    a->rs->program.name : "Social Mission Alliance Allies";
	struct buf r = { 0 };
	int width = getmaxx(w), rw, lw;

	buf_adds(&r, "");
	/* A failed reload is marked here: it outlasts the status line. */
	if (a->data_stale)
		buf_addf(&r, "%s old data  ", draw_glyph("\xe2\x9a\xa0", "!"));
	if (a->load.running)
		buf_addf(&r, "%s%s  ", a->loaded ? "reloading" : "loading",
		    draw_glyph("\xe2\x80\xa6", "..."));
	if (!a->loaded)
		;
	else if (a->overlay == OVERLAY_HELP)
		buf_adds(&r, "Help ");
	else if (a->overlay == OVERLAY_ABOUT)
		buf_adds(&r, "About ");
	else if (a->view.filter != NULL) {
		buf_addc(&r, '/');
		text_sanitize(&r, a->view.filter, strlen(a->view.filter),
		    TEXT_SPACES | (draw_utf8() ? 0 : TEXT_ASCII));
		if (a->view.rows.len == 0 && a->view.scanning)
			buf_addf(&r, "/  searching%s ",
			    draw_glyph("\xe2\x80\xa6", "..."));
		else
			buf_addf(&r, "/  %zu%s/%zu ", a->view.rows.len,
			    a->view.scanning ? "+" : "", a->rs->len);
	} else
		buf_addf(&r, "%zu %s ", a->rs->len,
		    a->rs->len == 1 ? "ally" : "allies");
	werase(w);
	wmove(w, 0, 0);
	draw_fill(w, width, draw_attr(STYLE_TITLE));
	rw = (int)text_width(r.ptr, r.len);
	if (rw > width / 2)
		rw = width / 2;
	lw = (int)text_width(name, strlen(name));
	/* A kiosk's banner stands in the middle, to be seen from afar. */
	if (a->opt->kiosk && lw + 2 * rw + 2 < width)
		wmove(w, 0, (width - lw) / 2);
	else
		wmove(w, 0, 1);
	draw_puts(w, name, width - rw - 2, draw_attr(STYLE_TITLE));
	wmove(w, 0, width - rw);
	draw_puts(w, r.ptr, rw, draw_attr(STYLE_TITLE));
	buf_free(&r);
	wnoutrefresh(w);
}

/* Whether a hinted action means something in the state shown. */
static int
offered(const struct app *a, enum action act)
{
	/* Before the data is in, the way out is all there is to offer. */
	if (!a->loaded)
		return act == ACT_QUIT;
	switch (act) {
	case ACT_DOWN:
		return a->overlay_lines > (size_t)a->overlay_rows;
	case ACT_BECOME:
	case ACT_BECOME_QR:
		return a->overlay == OVERLAY_ABOUT &&
		    a->rs->program.become_ally_url != NULL;
	default:
		return 1;
	}
}

/* The hints of mode's key table, from column x on. */
static void
draw_hints(WINDOW *w, const struct app *a, enum key_mode mode, int x)
{
	const struct binding *v;
	enum action act;
	char more[48];
	int width = getmaxx(w);
	size_t i, n;

	v = keys_table(mode, &n);
	for (i = 0; i < n && x < width; i++) {
		if (v[i].hint == NULL)
			continue;
		act = action_policy(v[i].action, app_policy(a));
		if (act == ACT_NONE || !offered(a, act))
			continue;
		x += draw_hint(w, x, width, v[i].hint, action_hint(act));
		if (act == ACT_DOWN) {
			snprintf(more, sizeof(more), " (%zu%%)",
			    (a->overlay_top + (size_t)a->overlay_rows) * 100 /
			    a->overlay_lines);
			x += draw_puts(w, more, width - x, draw_attr(STYLE_DIM));
		}
	}
}

/* The staff PIN prompt: one star a character, never the PIN itself. */
static void
draw_prompt(WINDOW *w, const struct app *a)
{
	const char *label = "Staff PIN: ";
	int width = getmaxx(w), x, at;
	size_t i, n;

	x = draw_puts(w, label, width, draw_attr(STYLE_BOLD));
	n = text_chars(a->kiosk.entry.ptr, a->kiosk.entry.len);
	for (i = 0; i < n && x < width - 1; i++)
		x += draw_puts(w, "*", width - x, A_NORMAL);
	wmove(w, 0, x + 1 < width ? x + 1 : x);
	draw_hints(w, a, KM_PIN, x + 1);
	at = (int)strlen(label) + (int)n;
	wmove(w, 0, at < width ? at : width - 1);
}

void
pane_status_draw(WINDOW *w, const struct app *a)
{
	werase(w);
	wmove(w, 0, 0);
	if (app_mode(a) == KM_PIN)
		draw_prompt(w, a);
	else if (!a->loaded && a->data_error[0] != '\0')
		draw_put(w, a->data_error, strlen(a->data_error), getmaxx(w),
		    draw_attr(STYLE_ERROR), NULL, 0, DRAW_ELLIPSIS);
	else if (a->status[0] != '\0')
		draw_put(w, a->status, strlen(a->status), getmaxx(w),
		    a->status_error ? draw_attr(STYLE_ERROR) : A_NORMAL, NULL, 0,
		    DRAW_ELLIPSIS);
	else
		draw_hints(w, a, app_mode(a), 0);
	wnoutrefresh(w);
}

int
pane_status_countdown(WINDOW *w, const struct app *a)
{
	if (!a->opt->kiosk || a->kiosk.phase != KIOSK_COUNTDOWN ||
	    (!a->bar.open && !a->kiosk.prompt))
		return 0;
	werase(w);
	wmove(w, 0, 0);
	draw_put(w, a->status, strlen(a->status), getmaxx(w),
	    draw_attr(STYLE_BOLD) | A_REVERSE, NULL, 0, DRAW_ELLIPSIS);
	wnoutrefresh(w);
	return 1;
}
