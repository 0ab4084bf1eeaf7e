/*
 * app_input: what comes in besides the keys of the tables, on the same
 * struct app: a bracketed paste, which is text for the search bar and
 * never keys, and an Alt-key no row binds, which does nothing and says
 * so.  See app.h.
 */
#include "app.h"

#include <stdio.h>

#include "bar.h"
#include "keys.h"

void
app_unbound_alt(struct app *a, enum key_mode mode, int key)
{
	char name[32], msg[64];

	snprintf(msg, sizeof(msg), "%s does nothing", keys_name(key, name,
	    sizeof(name)));
	if (mode == KM_BAR)
		bar_note(&a->bar, msg);
	else if (mode != KM_PIN)
		app_status(a, 0, "%s", msg);
	a->dirty = 1;
}

void
app_paste(struct app *a, const char *text, size_t len, int cut,
    long long now)
{
	int open = a->bar.open;

	/* A paste that ends the attract screen only brings the browser. */
	if (app_visitor(a, now) || app_mode(a) == KM_PIN || a->too_small ||
	    action_policy(ACT_PASTE, a->opt->kiosk) == ACT_NONE)
		return;
	/* Browsing or on a page: the paste is the query of a new search. */
	if (!open) {
		a->overlay = OVERLAY_NONE;
		a->status[0] = '\0';
		app_bar_open(a);
	}
	if (bar_paste(&a->bar, text, len, !open, cut))
		app_bar_changed(a);
	a->dirty = 1;
}
