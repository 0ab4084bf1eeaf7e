/*
 * pane_overlay: the two full-screen pages, Help and About.  Help is built
 * from the key tables (keys.c and the search bar's), so it lists exactly
 * the keys the input code acts on, and greys out what a kiosk does not
 * allow.  About shows the program: its summary, what being an Ally
 * means, the term and the pages to visit.  Both scroll like the
 * description.
 */
#include "pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "record.h"
#include "searchbar.h"
#include "text.h"
#include "ui.h"

#define KEY_COL		16	/* width of the key column in Help */
#define MARGIN		2

struct docline {
	char		 key[48];	/* key column ("" for none) */
	const char	*text;
	const char	*bullet;	/* hanging bullet, or NULL */
	enum ui_style	 style;
};

struct doc {
	struct docline	*v;
	size_t		 len;
	size_t		 cap;
};

static struct docline *
doc_add(struct doc *d, const char *key, const char *text, enum ui_style st)
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

static void
help_doc(const struct app *a, struct doc *d)
{
	const char *keys, *help;
	char labels[48];
	size_t i;
	int kiosk = a->opt->kiosk;

	doc_add(d, NULL, "Keys", UI_BOLD);
	for (i = 0; i < ACT_COUNT; i++) {
		keys_labels((enum action)i, labels, sizeof(labels));
		if (labels[0] == '\0')
			continue;
		doc_add(d, labels, action_help((enum action)i),
		    kiosk && !action_kiosk_ok((enum action)i) ? UI_DIM :
		    UI_NORMAL);
	}
	doc_add(d, NULL, NULL, UI_NORMAL);
	doc_add(d, NULL, "In the search bar", UI_BOLD);
	for (i = 0; searchbar_help(i, &keys, &help); i++)
		doc_add(d, keys, help, UI_NORMAL);
	doc_add(d, NULL, NULL, UI_NORMAL);
	doc_add(d, NULL, "Mouse", UI_BOLD);
	if (a->opt->mouse) {
		doc_add(d, "click", "select an ally or focus a pane",
		    UI_NORMAL);
		doc_add(d, "double-click", "open the ally's website",
		    UI_NORMAL);
		doc_add(d, "wheel", "scroll the pane under the pointer",
		    UI_NORMAL);
		doc_add(d, "Shift-drag", "select text to copy (the terminal's "
		    "own selection)", UI_NORMAL);
	} else
		doc_add(d, NULL, "Off (--no-mouse): the terminal selects "
		    "text as usual.", UI_NORMAL);
	doc_add(d, NULL, NULL, UI_NORMAL);
	doc_add(d, NULL, "Searches are PCRE2 regular expressions, caseless "
	    "unless they contain an upper-case letter. The list filters as "
	    "you type, and matches are highlighted in both panes.",
	    UI_NORMAL);
	if (kiosk)
		doc_add(d, NULL, "Dimmed keys are off on this kiosk.", UI_DIM);
}

static void
about_doc(const struct app *a, struct doc *d)
{
	const struct program *p = &a->rs->program;
	const char *bullet = ui_utf8() ? "\xe2\x80\xa2 " : "* ";
	struct docline *l;
	size_t i;

	/* The title bar already names the program. */
	if (p->summary != NULL) {
		doc_add(d, NULL, p->summary, UI_NORMAL);
		doc_add(d, NULL, NULL, UI_NORMAL);
	}
	if (p->nbenefits > 0) {
		doc_add(d, NULL, "What does it mean to be an Ally?", UI_BOLD);
		for (i = 0; i < p->nbenefits; i++) {
			l = doc_add(d, NULL, p->benefits[i], UI_NORMAL);
			l->bullet = bullet;
		}
		doc_add(d, NULL, NULL, UI_NORMAL);
	}
	if (p->term != NULL) {
		doc_add(d, NULL, p->term, UI_NORMAL);
		doc_add(d, NULL, NULL, UI_NORMAL);
	}
	if (p->url != NULL && (p->become_ally_url == NULL ||
	    strcmp(p->url, p->become_ally_url) != 0))
		doc_add(d, "Program page", p->url, UI_LINK);
	if (p->become_ally_url != NULL)
		doc_add(d, "Become an Ally", p->become_ally_url, UI_LINK);
	if (p->url == NULL && p->become_ally_url == NULL && p->summary == NULL)
		doc_add(d, NULL, "This data file has no program section.",
		    UI_DIM);
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

void
pane_overlay_measure(struct app *a, int width, int rows)
{
	struct doc d = { 0 };

	build(a, &d);
	a->overlay_lines = doc_walk(&d, width - 2 * MARGIN, NULL, NULL);
	a->overlay_rows = rows;
	free(d.v);
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
	attr_t attr = ui_attr(l->style);
	int y;

	if (lineno < dr->a->overlay_top)
		return;
	y = (int)(lineno - dr->a->overlay_top);
	if (y >= getmaxy(dr->w))
		return;
	if (first && l->key[0] != '\0' && indent > 0) {
		wmove(dr->w, y, MARGIN);
		ui_puts(dr->w, l->key, indent - 1, l->style == UI_DIM ?
		    ui_attr(UI_DIM) : ui_attr(UI_KEY));
	}
	if (first && l->bullet != NULL && indent > 0) {
		wmove(dr->w, y, MARGIN);
		ui_puts(dr->w, l->bullet, indent, attr);
	}
	wmove(dr->w, y, MARGIN + indent);
	ui_put(dr->w, l->text + start, len, dr->width - indent, attr, NULL, 0,
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
