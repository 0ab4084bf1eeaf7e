/*
 * pane_bars: the title line and the status line.  The title names the
 * program and says what the list shows (the filter, the count, a page,
 * stale data); the status line holds a message, or the hints of the
 * current input mode, taken from its key table (keys.c) with the kiosk's
 * substitutions applied, or the staff PIN prompt.
 *
 * Both give way on a narrow terminal in a set order, so that what
 * matters most stays whole: the title drops the program's name, then
 * cuts the filter, and keeps the count; the hints drop the least
 * important first (the ways to help and out go last), then close up and
 * keep their keys alone; a message is cut at a word, and says that Help
 * shows it in full.
 *
 * A kiosk made for touch has buttons on its bottom line instead of
 * hints (buttons.h says where each goes), and the line's message moves
 * up a row, over the last row of the body, while it lasts: what staff
 * must see (a stats file that cannot be written, a reload that failed)
 * is seen, and the buttons stay where a finger expects them.  In the
 * attract loop the bottom line is the invitation, centred.
 */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "buttons.h"
#include "draw.h"
#include "keys.h"
#include "record.h"
#include "sort.h"
#include "text.h"
#include "util.h"

#define GAP		2	/* columns between the title's parts */
#define NAME_MIN	6	/* a program's name cut shorter is dropped */
#define HINTS_MAX	16

static int
width_of(const char *s)
{
	return (int)text_width(s, strlen(s));
}

/*
 * "Topic: nursing · " before the count when the list shows only the
 * allies of a topic, and a page does not cover it.
 */
static void
title_topic(struct buf *r, const struct app *a)
{
	const struct topic_filter *f = &a->view.topic;
	size_t i;

	if (f->len == 0 || !a->loaded || a->overlay == OVERLAY_HELP ||
	    a->overlay == OVERLAY_ABOUT || a->overlay == OVERLAY_TOPICS)
		return;
	buf_adds(r, f->len == 1 ? "Topic: " : "Topics: ");
	for (i = 0; i < f->len; i++) {
		if (i > 0)
			buf_adds(r, ", ");
		text_sanitize(r, f->names[i], strlen(f->names[i]),
		    TEXT_SPACES | (draw_utf8() ? 0 : TEXT_ASCII));
	}
	buf_addf(r, " %s", draw_glyph("\xc2\xb7", "-"));
}

/* What the title says on the right: filter and count, or the page. */
static void
title_parts(const struct app *a, struct buf *marks, struct buf *filter,
    struct buf *count)
{
	char n1[UTIL_COUNT_MAX], n2[UTIL_COUNT_MAX];
	const char *ellipsis = draw_glyph("\xe2\x80\xa6", "...");

	buf_adds(marks, "");
	buf_adds(filter, "");
	buf_adds(count, "");
	/* A failed reload is marked here: it outlasts the status line. */
	if (a->data_stale)
		buf_addf(marks, "%s old data", draw_glyph("\xe2\x9a\xa0", "!"));
	if (a->load.running)
		buf_addf(marks, "%s%s%s", a->data_stale ? "  " : "",
		    a->loaded ? "reloading" : "loading", ellipsis);
	/* An order that is not the file's is said. */
	if (a->loaded && a->view.sort != SORT_FILE)
		buf_addf(marks, "%sby %s", marks->len > 0 ? "  " : "",
		    sort_name((enum sort_order)a->view.sort));
	/* The topic goes with the filter, else with the count. */
	title_topic(a->view.filter != NULL ? filter : count, a);
	if (count->len > 0)
		buf_addc(count, ' ');
	if (!a->loaded)
		;
	else if (a->overlay == OVERLAY_HELP)
		buf_adds(count, "Help ");
	else if (a->overlay == OVERLAY_ABOUT)
		buf_adds(count, "About ");
	else if (a->overlay == OVERLAY_TOPICS)
		buf_adds(count, "Topics ");
	else if (a->view.filter != NULL) {
		if (filter->len > 0)
			buf_addc(filter, ' ');
		buf_addc(filter, '/');
		text_sanitize(filter, a->view.filter, strlen(a->view.filter),
		    TEXT_SPACES | (draw_utf8() ? 0 : TEXT_ASCII));
		buf_addc(filter, '/');
		if (a->view.rows.len == 0 && a->view.scanning)
			buf_addf(count, "searching%s ", ellipsis);
		else
			buf_addf(count, "%s%s/%s ", util_count(n1,
			    a->view.rows.len), a->view.scanning ? "+" : "",
			    util_count(n2, a->view.topic_total));
	} else
		/* Every ally, or those of the topic. */
		buf_addf(count, "%s %s ", util_count(n1, a->view.topic_total),
		    a->view.topic_total == 1 ? "ally" : "allies");
}

/*
 * The columns a part of the title gets out of *room: all it needs and
 * the gap after it, or, when cut is 1, what is left if that is at least
 * min; else none.
 */
static int
title_take(const struct buf *part, int *room, int cut, int min)
{
	int w = (int)text_width(part->ptr, part->len);

	if (w == 0)
		return 0;
	if (w + GAP > *room && (!cut || *room - GAP < min))
		return 0;
	if (w + GAP > *room)
		w = *room - GAP;
	*room -= w + GAP;
	return w;
}

void
pane_title_draw(WINDOW *w, const struct app *a)
{
	const char *name = a->rs->program.name != NULL ?
	    a->rs->program.name : "Social Mission Alliance Allies";
	struct buf marks = { 0 }, filter = { 0 }, count = { 0 };
	attr_t attr = draw_attr(STYLE_TITLE);
	int width = getmaxx(w), room, cw, mw, fw, nw, x;

	title_parts(a, &marks, &filter, &count);
	werase(w);
	wmove(w, 0, 0);
	draw_fill(w, width, attr);
	/* The count first, then the marks, the filter and the name. */
	cw = (int)text_width(count.ptr, count.len);
	room = width - 1 - cw - GAP;
	mw = title_take(&marks, &room, 0, 0);
	fw = title_take(&filter, &room, 1, 4);
	nw = width_of(name);
	if (nw > room)
		nw = room >= NAME_MIN ? room : 0;
	x = width - cw - (mw > 0 ? mw + GAP : 0) - (fw > 0 ? fw + GAP : 0);
	if (x < 0)
		x = 0;
	/* A kiosk's banner stands in the middle, to be seen from afar. */
	if (a->opt->kiosk && nw + 2 * (width - x) + 2 < width)
		wmove(w, 0, (width - nw) / 2);
	else
		wmove(w, 0, 1);
	if (nw > 0)
		draw_puts(w, name, nw, attr);
	wmove(w, 0, x);
	if (mw > 0) {
		draw_put(w, marks.ptr, marks.len, mw, attr, NULL, 0, 0);
		wmove(w, 0, x += mw + GAP);
	}
	if (fw > 0) {
		draw_put(w, filter.ptr, filter.len, fw, attr, NULL, 0,
		    DRAW_ELLIPSIS);
		wmove(w, 0, x += fw + GAP);
	}
	draw_put(w, count.ptr, count.len, width - x, attr, NULL, 0, 0);
	buf_free(&marks);
	buf_free(&filter);
	buf_free(&count);
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
	case ACT_OPEN:
	case ACT_QR:
	case ACT_COPY:
	case ACT_FOCUS:
		/* Each is about the selected ally. */
		return app_selected(a) != NULL;
	default:
		return 1;
	}
}

/* A hint on the status line, as it is drawn. */
struct hint {
	const char	*key;
	const char	*word;
	const char	*brief;		/* the word, shortened */
	char		 more[16];	/* after the word: the page's place */
	int		 rank;		/* the lowest goes first */
	int		 shown;
};

/* Which hints go last: the ways to help and out, then the description. */
static int
hint_rank(const struct app *a, enum action act)
{
	switch (act) {
	case ACT_HELP:
	case ACT_QUIT:
	case ACT_CLOSE:
	case ACT_PIN_CHECK:
	case ACT_PIN_CANCEL:
		return 2;
	case ACT_FOCUS:
		/* A small terminal's one way to the description. */
		return a->list_only ? 1 : 0;
	default:
		return 0;
	}
}

/*
 * The hint's word, or with brief set its short form: Tab on a small
 * terminal says which pane comes.
 */
static const char *
hint_word(const struct app *a, enum action act, int brief)
{
	if (act == ACT_FOCUS && a->list_only && a->focus == FOCUS_DETAIL)
		return "list";
	if (act == ACT_FOCUS && a->list_only)
		return brief ? "info" : "description";
	return action_hint(act);
}

/* The hints of mode's key table that are offered; returns how many. */
static size_t
hints_collect(const struct app *a, enum key_mode mode, struct hint *h)
{
	const struct binding *v;
	enum action act;
	size_t i, n, len = 0;

	v = keys_table(mode, &n);
	for (i = 0; i < n && len < HINTS_MAX; i++) {
		if (v[i].hint == NULL)
			continue;
		act = action_policy(v[i].action, app_policy(a));
		if (act == ACT_NONE || !offered(a, act))
			continue;
		memset(&h[len], 0, sizeof(h[len]));
		h[len].key = v[i].hint;
		h[len].word = hint_word(a, act, 0);
		h[len].brief = hint_word(a, act, 1);
		h[len].rank = hint_rank(a, act);
		h[len].shown = 1;
		if (act == ACT_DOWN)
			snprintf(h[len].more, sizeof(h[len].more), " (%zu%%)",
			    (a->overlay_top + (size_t)a->overlay_rows) * 100 /
			    a->overlay_lines);
		len++;
	}
	return len;
}

/*
 * How the hints are drawn at a level: 0 in full, two spaces apart; 1 one
 * space apart; 2 with brief words too; 3 their keys alone.
 */
static const char *
hint_text(const struct hint *h, int level)
{
	return level < 2 ? h->word : level < 3 ? h->brief : "";
}

/* The columns the shown hints take at a level. */
static int
hints_width(const struct hint *h, size_t n, int level)
{
	size_t i;
	int w = 0;

	for (i = 0; i < n; i++) {
		if (!h[i].shown)
			continue;
		if (w > 0)
			w += level == 0 ? 2 : 1;
		w += width_of(h[i].key);
		if (level < 3)
			w += 1 + width_of(hint_text(&h[i], level)) +
			    width_of(h[i].more);
	}
	return w;
}

/* Drop the last hint of the lowest rank up to rank; 0 when none is. */
static int
hints_drop(struct hint *h, size_t n, int rank)
{
	size_t i, last = n;

	for (i = 0; i < n; i++)
		if (h[i].shown && h[i].rank <= rank &&
		    (last == n || h[i].rank <= h[last].rank))
			last = i;
	if (last == n)
		return 0;
	h[last].shown = 0;
	return 1;
}

/*
 * The level the hints fit in width at, dropping what must go: the
 * lowest rank first, then closing up and shortening words before the
 * next rank goes; the ways to help and out are never dropped.
 */
static int
hints_fit(struct hint *h, size_t n, int width)
{
	int level = 0;

	while (hints_width(h, n, level) > width) {
		if (hints_drop(h, n, 0))
			continue;
		if (level < 2)
			level++;
		else if (!hints_drop(h, n, 1) && level++ == 3)
			break;
	}
	return level > 3 ? 3 : level;
}

/* The hints of mode's key table, from column x on, as many as fit. */
static void
draw_hints(WINDOW *w, const struct app *a, enum key_mode mode, int x)
{
	struct hint h[HINTS_MAX];
	int width = getmaxx(w) - x, level, at = 0, hw;
	size_t i, n;

	n = hints_collect(a, mode, h);
	level = hints_fit(h, n, width);
	for (i = 0; i < n; i++) {
		if (!h[i].shown)
			continue;
		hw = hints_width(&h[i], 1, level) + (at > 0 ? 2 - (level > 0) :
		    0);
		if (at + hw > width)
			break;
		if (at > 0)
			draw_puts(w, level == 0 ? "  " : " ", 2, A_NORMAL);
		if (level < 3) {
			draw_hint(w, 0, width - at, h[i].key,
			    hint_text(&h[i], level));
			draw_puts(w, h[i].more, width - at,
			    draw_attr(STYLE_DIM));
		} else
			draw_puts(w, h[i].key, width - at,
			    draw_attr(STYLE_KEY));
		at += hw;
	}
}

/* The key the hints give for Help, or NULL. */
static const char *
help_key(const struct app *a)
{
	const struct binding *v;
	size_t i, n;

	v = keys_table(keys_mode_for(KM_BROWSE, a->opt->kiosk), &n);
	for (i = 0; i < n; i++)
		if (v[i].action == ACT_HELP && v[i].hint != NULL)
			return v[i].hint;
	return NULL;
}

/*
 * A message, cut at a word with an ellipsis when it does not fit; then,
 * with more set and room left for it, the hint that Help shows it in
 * full (never at the cost of a word).
 */
static void
draw_message(WINDOW *w, const struct app *a, const char *msg, attr_t attr,
    int more)
{
	const char *key = help_key(a), *word = "more";
	int width = getmaxx(w), x, hw;
	size_t len = strlen(msg), cut, next;

	if (width_of(msg) <= width) {
		draw_put(w, msg, len, width, attr, NULL, 0, 0);
		return;
	}
	cut = text_wrap(msg, len, (size_t)(width - 1), &next);
	x = draw_put(w, msg, cut, width - 1, attr, NULL, 0, 0);
	x += draw_puts(w, draw_glyph("\xe2\x80\xa6", "~"), 1, attr);
	if (!more || key == NULL)
		return;
	hw = width_of(key) + 1 + width_of(word);
	if (x + GAP + hw <= width) {
		wmove(w, 0, width - hw);
		draw_hint(w, 0, hw, key, word);
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
	if (x + GAP < width) {
		wmove(w, 0, x + GAP);
		draw_hints(w, a, KM_PIN, x + GAP);
	}
	at = (int)strlen(label) + (int)n;
	wmove(w, 0, at < width ? at : width - 1);
}

/* Whether a button's action can be done now (else it is dimmed). */
static int
button_live(const struct app *a, enum action act)
{
	const struct program *p = &a->rs->program;

	if (act == ACT_QR)
		return app_selected(a) != NULL;
	if (act == ACT_BECOME_QR)
		return p->become_ally_url != NULL || p->url != NULL;
	return 1;
}

/* A kiosk's buttons, from end to end of the line, labels centred. */
static void
draw_buttons(WINDOW *w, const struct app *a)
{
	struct button_place p[BUTTONS_MAX];
	/*
	 * Not the last column: a cell written there on the last row makes
	 * some terminals scroll the whole screen (ui_mouse.c hit-tests the
	 * same width).
	 */
	size_t i, n = buttons_place(app_mode(a), getmaxx(w) - 1, p);
	attr_t attr;
	int lw;

	for (i = 0; i < n; i++) {
		attr = button_live(a, p[i].b->action) ?
		    draw_attr(STYLE_TITLE) : draw_attr(STYLE_SELECTED_DIM);
		wmove(w, 0, p[i].x);
		draw_fill(w, p[i].w, attr);
		lw = width_of(p[i].label);
		wmove(w, 0, p[i].x + (lw < p[i].w ? (p[i].w - lw) / 2 : 0));
		draw_puts(w, p[i].label, p[i].w, attr);
	}
}

/* The attract loop's invitation (or a message for staff), centred. */
static void
draw_invitation(WINDOW *w, const struct app *a, const char *msg, int error)
{
	int width = getmaxx(w), mw = width_of(msg);

	if (mw < width)
		wmove(w, 0, (width - mw) / 2);
	draw_message(w, a, msg, error ? draw_attr(STYLE_ERROR) :
	    draw_attr(STYLE_BOLD), 0);
}

void
pane_status_draw(WINDOW *w, const struct app *a)
{
	enum key_mode mode = app_mode(a);
	const char *msg;
	int error;

	werase(w);
	wmove(w, 0, 0);
	msg = message_shown(&a->message, a->status, a->status_error, &error);
	if (mode == KM_PIN)
		draw_prompt(w, a);
	else if (!a->loaded && a->data_error[0] != '\0')
		draw_message(w, a, a->data_error, draw_attr(STYLE_ERROR), 0);
	else if (a->opt->kiosk && a->kiosk.phase == KIOSK_ATTRACT &&
	    msg != NULL)
		draw_invitation(w, a, msg, error);
	else if (app_buttons(a))
		draw_buttons(w, a);
	else if (msg != NULL && a->overlay != OVERLAY_HELP)
		/* Help shows the message in full, at its top. */
		draw_message(w, a, msg, error ? draw_attr(STYLE_ERROR) :
		    A_NORMAL, mode == KM_BROWSE || mode == KM_PAGE);
	else
		draw_hints(w, a, keys_mode_for(mode, a->opt->kiosk), 0);
	wnoutrefresh(w);
}

int
pane_status_countdown(WINDOW *w, const struct app *a)
{
	const char *msg;
	int error;

	if (app_buttons(a) && (msg = message_shown(&a->message, a->status,
	    a->status_error, &error)) != NULL) {
		/* The buttons hold the bottom line: the message goes above. */
		werase(w);
		draw_invitation(w, a, msg, error);
		wnoutrefresh(w);
		return 1;
	}
	if (!a->opt->kiosk || a->kiosk.phase != KIOSK_COUNTDOWN ||
	    (!a->bar.open && !a->kiosk.prompt))
		return 0;
	werase(w);
	wmove(w, 0, 0);
	draw_message(w, a, a->status, draw_attr(STYLE_BOLD) | A_REVERSE, 0);
	wnoutrefresh(w);
	return 1;
}
