/*
 * app_start: how the browser begins.  See app_start.h.
 */
#include "app_start.h"

#include <string.h>

#include "app.h"
#include "listview.h"
#include "lookup.h"
#include "match.h"
#include "text.h"
#include "util.h"

void
app_start_init(struct app_start *s)
{
	memset(s, 0, sizeof(*s));
	s->selected = LOOKUP_NONE;
	s->picked = LOOKUP_NONE;
}

void
app_start_find(struct recordset *rs, void *arg)
{
	struct app_start *s = arg;

	/* Only the first load counts: a reload keeps the user's place. */
	if (s->looked || s->select == NULL)
		return;
	s->selected = lookup_exact(rs, s->select);
	s->looked = 1;
}

void
app_start_loaded(struct app *a)
{
	struct app_start *s = a->opt->start;
	struct match_error err;
	struct buf safe = { 0 };

	/* --sort (or the configuration's order) for the first rows. */
	if (a->opt->sort != 0)
		listview_sort(&a->view, a->rs, a->opt->sort);
	if (s == NULL)
		return;
	if (s->select != NULL && s->selected == LOOKUP_NONE)
		app_status(a, 1, "No ally is named '%s'; sma-allies --show "
		    "suggests the closest", text_safe(&safe, s->select));
	else if (s->select != NULL)
		listview_refresh(&a->view, a->rs, s->selected);
	/* The filter keeps the selection on that ally when it passes. */
	if (s->query != NULL && app_set_filter(a, s->query,
	    strlen(s->query), &err) < 0)
		app_status(a, 1, "-q: %s", err.msg);
	buf_free(&safe);
}

int
app_start_pick(struct app *a, enum action act)
{
	struct app_start *s = a->opt->start;
	size_t i;

	if (s == NULL || !s->pick)
		return 0;
	if (act == ACT_CLEAR) {
		a->quit = 1;
		return 1;
	}
	if (act != ACT_ENTER)
		return 0;
	if ((i = listview_record(&a->view)) == LOOKUP_NONE)
		app_status(a, 1, "No ally selected");
	else {
		s->picked = i;
		a->quit = 1;
	}
	return 1;
}
