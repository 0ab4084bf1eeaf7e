/*
 * pane_overlay: the two full-screen pages, Help and About.  Help is built
 * from the key and mouse tables (keys.c), so it lists exactly the keys
 * the input code acts on, under the status line's message in full when
 * there is one.  A kiosk's Help is for visitors: only what a visitor can
 * do, in the plain words of the action table's visitor column (touch
 * and buttons first, then the keys), nothing a kiosk refuses and no
 * control keys.  About shows the program: its summary,
 * what being an Ally means, the term and the pages to visit.  Both
 * scroll like the description.
 */
#include "pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "keys.h"
#include "record.h"
#include "text.h"

#define KEY_COL		16	/* width of the key column in Help */
#define MARGIN		2

struct docline {
	char		 key[48];	/* key column ("" for none) */
	const char	*text;
	const char	*bullet;	/* hanging bullet, or NULL */
	enum draw_style	 style;
};

struct doc {
	struct docline	*v;
	size_t		 len;
	size_t		 cap;
};

static struct docline *
doc_add(struct doc *d, const char *key, const char *text, enum draw_style st)
{
	struct docline *l;

	if (d->len == d->cap) {
		d->cap = d->cap == 0 ? 64 : d->cap * 2;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	l = &d->v[d->len++];
	memset(l, 0, sizeof(*l));
	snprintf(l->key, sizeof(l->key), "%s", key != NULL ? key : "");
	l->text = text != NULL ? text : "";
	l->style = st;
	return l;
}

/* One line a key: its labels, and the help of what it does here. */
static void
help_keys(const struct app *a, struct doc *d, enum key_mode mode)
{
	char labels[48];
	enum action act, does;

	doc_add(d, NULL, keys_title(mode), STYLE_BOLD);
	for (act = 0; act < ACT_COUNT; act++) {
		keys_labels(mode, act, labels, sizeof(labels));
		if (labels[0] == '\0')
			continue;
		/* A kiosk's own action, or the dimmed one it refuses. */
		does = action_policy(act, app_policy(a));
		doc_add(d, labels, action_help(does != ACT_NONE ? does : act),
		    does == ACT_NONE ? STYLE_DIM : STYLE_NORMAL);
	}
	doc_add(d, NULL, NULL, STYLE_NORMAL);
}

static void
help_mouse(const struct app *a, struct doc *d)
{
	const struct mouse_binding *v;
	enum action does;
	size_t i, n;

	doc_add(d, NULL, "Mouse", STYLE_BOLD);
	if (!a->opt->mouse) {
		doc_add(d, NULL, "Off (--no-mouse, or mouse: false in the "
		    "configuration): the terminal selects "
		    "text as usual.", STYLE_NORMAL);
		return;
	}
	v = keys_mouse_table(&n);
	for (i = 0; i < n; i++) {
		if (v[i].label == NULL)
			continue;
		does = action_policy(v[i].action, app_policy(a));
		doc_add(d, v[i].label, v[i].help != NULL ? v[i].help :
		    action_help(does), STYLE_NORMAL);
	}
}

/*
 * The keys a visitor may press for act in mode, joined by spaces into
 * buf: the help's labels without the control keys.
 */
static void
visitor_labels(enum key_mode mode, enum action act, char *buf, size_t size)
{
	const struct binding *v;
	size_t i, n, len = 0;

	buf[0] = '\0';
	v = keys_table(mode, &n);
	for (i = 0; i < n; i++) {
		if (v[i].action != act || v[i].label == NULL ||
		    strncmp(v[i].label, "C-", 2) == 0)
			continue;
		snprintf(buf + len, size - len, "%s%s", len ? " " : "",
		    v[i].label);
		len = strlen(buf);
	}
}

/*
 * A section of a visitor's help: a line for each thing mode's keys do
 * in a kiosk, the keys that do the same thing on one line.
 */
static void
visitor_keys(struct doc *d, enum key_mode mode, const char *title)
{
	char labels[48];
	struct docline *l = NULL;
	const char *words;
	enum action act;
	size_t first = d->len, i, len;

	doc_add(d, NULL, title, STYLE_BOLD);
	for (act = 0; act < ACT_COUNT; act++) {
		if ((words = action_visitor(action_policy(act, 1))) == NULL)
			continue;
		visitor_labels(mode, act, labels, sizeof(labels));
		if (labels[0] == '\0')
			continue;
		for (i = first, l = NULL; i < d->len && l == NULL; i++)
			if (strcmp(d->v[i].text, words) == 0)
				l = &d->v[i];
		if (l == NULL) {
			doc_add(d, labels, words, STYLE_NORMAL);
			continue;
		}
		len = strlen(l->key);
		snprintf(l->key + len, sizeof(l->key) - len, " %s", labels);
	}
	doc_add(d, NULL, NULL, STYLE_NORMAL);
}

/* What a finger does: the touch lines, then the buttons. */
static void
visitor_touch(const struct app *a, struct doc *d)
{
	const struct touch_line *t;
	const struct button *b;
	const char *words;
	size_t i, n;

	if (!a->opt->mouse)
		return;
	doc_add(d, NULL, "With a finger", STYLE_BOLD);
	t = keys_touch(&n);
	for (i = 0; i < n; i++)
		if ((words = action_visitor(action_policy(keys_mouse(
		    t[i].event, t[i].region), 1))) != NULL)
			doc_add(d, t[i].label, words, STYLE_NORMAL);
	b = keys_buttons(KM_BROWSE, &n);
	for (i = 0; i < n; i++)
		if ((words = action_visitor(action_policy(b[i].action,
		    1))) != NULL)
			doc_add(d, b[i].label, words, STYLE_NORMAL);
	doc_add(d, NULL, NULL, STYLE_NORMAL);
}

/* A kiosk's Help: what a visitor can do, in plain words. */
static void
visitor_doc(const struct app *a, struct doc *d)
{
	visitor_touch(a, d);
	/* A kiosk's list and search bar have one table: letters type. */
	visitor_keys(d, keys_mode_for(KM_BROWSE, 1), "With the keys");
	visitor_keys(d, KM_TOPICS, "On the topics screen");
	doc_add(d, NULL, "Type a word to search: the list shows the allies "
	    "that mention it, and the words found are marked.",
	    STYLE_NORMAL);
	doc_add(d, NULL, "Whatever you leave open goes back to the start "
	    "by itself after a while.", STYLE_NORMAL);
}

static void
help_doc(const struct app *a, struct doc *d)
{
	const char *msg;
	int error;

	/* The status line's message, which may not fit there, in full. */
	msg = message_shown(&a->message, a->status, a->status_error, &error);
	if (msg != NULL) {
		doc_add(d, NULL, "Message", STYLE_BOLD);
		doc_add(d, NULL, msg, error ? STYLE_ERROR : STYLE_NORMAL);
		doc_add(d, NULL, NULL, STYLE_NORMAL);
	}
	if (a->opt->kiosk) {
		visitor_doc(a, d);
		return;
	}
	/* A kiosk's list and bar have one table. */
	help_keys(a, d, keys_mode_for(KM_BROWSE, a->opt->kiosk));
	if (keys_mode_for(KM_BAR, a->opt->kiosk) == KM_BAR)
		help_keys(a, d, KM_BAR);
	help_keys(a, d, KM_TOPICS);
	help_mouse(a, d);
	doc_add(d, NULL, NULL, STYLE_NORMAL);
	doc_add(d, NULL, a->bar.mode == SEARCH_WORDS ? "Searches are words: "
	    "each is found as it is typed, in any case, and an ally is shown "
	    "when it has every word. The list filters as you type, and the "
	    "words found are highlighted in both panes." : "Searches are "
	    "PCRE2 regular expressions, caseless unless they contain an "
	    "upper-case letter. The list filters as you type, and matches "
	    "are highlighted in both panes.", STYLE_NORMAL);
	if (a->opt->kiosk)
		doc_add(d, NULL, "Dimmed keys are off on this kiosk.",
		    STYLE_DIM);
}

static void
about_doc(const struct app *a, struct doc *d)
{
	const struct program *p = &a->rs->program;
	const char *bullet = draw_utf8() ? "\xe2\x80\xa2 " : "* ";
	struct docline *l;
	size_t i;

	/* The title bar already names the program. */
	if (p->summary != NULL) {
		doc_add(d, NULL, p->summary, STYLE_NORMAL);
		doc_add(d, NULL, NULL, STYLE_NORMAL);
	}
	if (p->nbenefits > 0) {
		doc_add(d, NULL, "What does it mean to be an Ally?", STYLE_BOLD);
		for (i = 0; i < p->nbenefits; i++) {
			l = doc_add(d, NULL, p->benefits[i], STYLE_NORMAL);
			l->bullet = bullet;
		}
		doc_add(d, NULL, NULL, STYLE_NORMAL);
	}
	if (p->term != NULL) {
		doc_add(d, NULL, p->term, STYLE_NORMAL);
		doc_add(d, NULL, NULL, STYLE_NORMAL);
	}
	if (p->url != NULL && (p->become_ally_url == NULL ||
	    strcmp(p->url, p->become_ally_url) != 0))
		doc_add(d, "Program page", p->url, STYLE_LINK);
	if (p->become_ally_url != NULL)
		doc_add(d, "Become an Ally", p->become_ally_url, STYLE_LINK);
	if (p->url == NULL && p->become_ally_url == NULL && p->summary == NULL)
		doc_add(d, NULL, "This data file has no program section.",
		    STYLE_DIM);
}

typedef void (*docline_cb)(void *, size_t lineno, const struct docline *,
	    int first, size_t start, size_t len, int indent);

/* Walk the wrapped lines of d at width; returns how many there are. */
static size_t
doc_walk(const struct doc *d, int width, docline_cb cb, void *arg)
{
	const struct docline *l;
	size_t i, n = 0, pos, next, len, cut;
	int indent, avail, first;

	for (i = 0; i < d->len; i++) {
		l = &d->v[i];
		indent = l->key[0] != '\0' ? KEY_COL :
		    l->bullet != NULL ? (int)text_width(l->bullet,
		    strlen(l->bullet)) : 0;
		if (indent + 8 > width)
			indent = 0;
		avail = width - indent;
		if (avail < 1)
			avail = 1;
		len = strlen(l->text);
		if (len == 0) {
			if (cb != NULL)
				cb(arg, n, l, 1, 0, 0, indent);
			n++;
			continue;
		}
		for (pos = 0, first = 1; pos < len; pos = next, first = 0) {
			cut = text_wrap(l->text + pos, len - pos,
			    (size_t)avail, &next);
			if (cb != NULL)
				cb(arg, n, l, first, pos, cut, indent);
			next += pos;
			n++;
		}
	}
	return n;
}

static void
build(const struct app *a, struct doc *d)
{
	if (a->overlay == OVERLAY_HELP)
		help_doc(a, d);
	else
		about_doc(a, d);
}

size_t
pane_overlay_measure(const struct app *a, int width)
{
	struct doc d = { 0 };
	size_t lines;

	build(a, &d);
	lines = doc_walk(&d, width - 2 * MARGIN, NULL, NULL);
	free(d.v);
	return lines;
}

struct draw {
	WINDOW		*w;
	const struct app *a;
	int		 width;
};

static void
draw_cb(void *arg, size_t lineno, const struct docline *l, int first,
    size_t start, size_t len, int indent)
{
	struct draw *dr = arg;
	attr_t attr = draw_attr(l->style);
	int y;

	if (lineno < dr->a->overlay_top)
		return;
	y = (int)(lineno - dr->a->overlay_top);
	if (y >= getmaxy(dr->w))
		return;
	if (first && l->key[0] != '\0' && indent > 0) {
		wmove(dr->w, y, MARGIN);
		draw_puts(dr->w, l->key, indent - 1, l->style == STYLE_DIM ?
		    draw_attr(STYLE_DIM) : draw_attr(STYLE_KEY));
	}
	if (first && l->bullet != NULL && indent > 0) {
		wmove(dr->w, y, MARGIN);
		draw_puts(dr->w, l->bullet, indent, attr);
	}
	wmove(dr->w, y, MARGIN + indent);
	draw_put(dr->w, l->text + start, len, dr->width - indent, attr, NULL, 0,
	    0);
}

void
pane_overlay_draw(WINDOW *w, const struct app *a)
{
	struct doc d = { 0 };
	struct draw dr;

	werase(w);
	build(a, &d);
	dr.w = w;
	dr.a = a;
	dr.width = getmaxx(w) - 2 * MARGIN;
	doc_walk(&d, dr.width, draw_cb, &dr);
	free(d.v);
	wnoutrefresh(w);
}
