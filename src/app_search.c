/*
 * app_search: how a query is read, and a kiosk's search, which any
 * character starts: the parts of the search bar's handling on the app's
 * side that are not the bar's editing.  See app.h.
 */
#include "app.h"

#include "bar.h"
#include "keys.h"

int
app_search_do(struct app *a, enum action act, int key)
{
	/* In a kiosk the list and the bar share their keys (keys.c). */
	if (!a->bar.open && act != ACT_BAR_MODE)
		app_bar_open(a);
	switch (act) {
	case ACT_TYPE:
		if (bar_edit(&a->bar, ACT_BAR_INSERT, key))
			app_bar_changed(a);
		return 1;
	case ACT_BAR_MODE:
		a->bar.mode = a->bar.mode == SEARCH_WORDS ? SEARCH_REGEX :
		    SEARCH_WORDS;
		app_bar_changed(a);
		return 1;
	default:
		return 0;
	}
}

void
app_search_leave(struct app *a, enum action act)
{
	if (!a->opt->kiosk || !a->bar.open || action_is_move(act))
		return;
	/* Words are never an error: the filter is the query's. */
	bar_close(&a->bar, 1);
	a->dirty = 1;
}
