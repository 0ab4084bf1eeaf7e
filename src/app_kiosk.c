/*
 * app_kiosk: a kiosk's side of struct app.  The idle clock turned into
 * state (the countdown, the reset to the start, the attract loop), the
 * staff PIN's actions, a visitor's return (the input that ends the
 * attract screen brings the browser back and does nothing else), and
 * what the panes ask of a kiosk: whether the attract screen is up and
 * whether the bottom line is buttons.  The clock itself is kiosk.c's;
 * what it did goes back to app_tick() in app.c, whose app_act() carries
 * it out, so the action table's kiosk policy holds here too and this
 * file stands below app.c, on app_state.c.  See app.h.
 */
#include "app.h"

#include "kiosk.h"
#include "listview.h"
#include "match.h"
#include "stats.h"

void
app_kiosk_start(struct app *a, long long now)
{
	const struct app_options *o = a->opt;

	a->last_input = now;
	if (o->kiosk)
		kiosk_init(&a->kiosk, o->idle, o->cycle, o->pin, now);
	app_stats_said(a, stats_kiosk_start(o->stats));
}

/* The invitation of the attract loop, on the bottom line. */
static void
attract_status(struct app *a)
{
	if (a->opt->mouse)
		app_status(a, 0, "Welcome! Touch the screen or press any key "
		    "to explore the Allies");
	else
		app_status(a, 0, "Welcome! Press any key to explore the "
		    "Allies");
}

unsigned
app_kiosk_tick(struct app *a, long long now, unsigned *steps)
{
	/* A view that came due before the reset still counts. */
	app_stats_follow(a, now);
	return kiosk_tick(&a->kiosk, now, steps);
}

void
app_kiosk_told(struct app *a, unsigned did, long long now)
{
	if (did != 0)
		attract_status(a);
	/* After the welcome, so that a failed write stays on the line. */
	if (did & KIOSK_RESET)
		app_stats_said(a, stats_reset(a->opt->stats, now));
	if (a->kiosk.phase == KIOSK_COUNTDOWN)
		app_status(a, 0, "Still there? Back to the start in %d s; "
		    "press any key to stay", a->kiosk.countdown);
}

long long
app_deadline(const struct app *a)
{
	long long k = a->opt->public ? a->last_input +
	    (long long)a->opt->idle * 1000 : a->opt->kiosk ?
	    kiosk_deadline(&a->kiosk) : -1;
	long long m = a->status[0] != '\0' ? message_deadline(&a->message) : -1;
	long long s = a->opt->kiosk ? stats_deadline(a->opt->stats) : -1;

	if (k < 0 || (m >= 0 && m < k))
		k = m;
	return k < 0 || (s >= 0 && s < k) ? s : k;
}

/* The first ally, at the top of the list, the list in front. */
static void
kiosk_start_screen(struct app *a)
{
	a->overlay = OVERLAY_NONE;
	a->focus = FOCUS_LIST;
	a->view.top = 0;
	app_select(a, 0);
	a->detail_top = 0;
}

void
app_kiosk_reset(struct app *a)
{
	struct match_error err;

	if (a->bar.open)
		app_bar_cancel(a);
	app_set_filter(a, "", 0, &err);
	app_set_topic(a, NULL);
	/* The next visitor does not see what the last one searched for. */
	history_clear(&a->bar.hist);
	kiosk_start_screen(a);
}

void
app_kiosk_pin(struct app *a, enum action act, int key, long long now)
{
	long long r = kiosk_pin_do(&a->kiosk, act, key, now);

	if (r == KIOSK_PIN_RIGHT)
		a->quit = 1;
	else if (r > 0)
		app_status(a, 1, "Too many wrong PINs; wait %lld s", r);
}

int
app_visitor(struct app *a, long long now)
{
	int spotlight = app_spotlight(a);

	a->last_input = now;
	if (!a->opt->kiosk || !kiosk_input(&a->kiosk, now))
		return 0;
	a->status[0] = '\0';
	a->dirty = 1;
	if (!spotlight)
		return 0;
	/* The loop moved the selection on while nobody watched the list. */
	kiosk_start_screen(a);
	return 1;
}

int
app_spotlight(const struct app *a)
{
	return a->opt->kiosk && a->spotlight && a->loaded && !a->too_small &&
	    a->kiosk.phase == KIOSK_ATTRACT && a->overlay == OVERLAY_NONE &&
	    !a->bar.open && !a->kiosk.prompt && app_selected(a) != NULL;
}

int
app_buttons(const struct app *a)
{
	size_t n;

	if (!a->opt->kiosk || !a->opt->mouse || !a->loaded || a->too_small ||
	    a->kiosk.phase == KIOSK_ATTRACT)
		return 0;
	keys_buttons(app_mode(a), &n);
	return n > 0;
}
