/*
 * kiosk: the idle clock and the staff PIN.  See kiosk.h.
 */
#include "kiosk.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "match.h"
#include "record.h"
#include "text.h"

#define LOCKOUT_STEP_MS	5000	/* per wrong PIN past the free tries */
#define LOCKOUT_MAX_MS	60000

static long long
idle_ms(const struct app *a)
{
	return (long long)a->opt->idle * 1000;
}

static long long
cycle_ms(const struct app *a)
{
	return (long long)a->opt->cycle * 1000;
}

/*
 * Seconds of warning before the reset, taken from the end of the idle
 * time so that the reset itself comes after exactly --idle seconds: five,
 * or half the idle time when that is shorter.
 */
static int
countdown_s(const struct app *a)
{
	int half = (int)(a->opt->idle / 2);

	return half < KIOSK_COUNTDOWN_S ? half : KIOSK_COUNTDOWN_S;
}

/* When the countdown starts for input at `at`. */
static long long
warn_at(const struct app *a, long long at)
{
	return at + idle_ms(a) - (long long)countdown_s(a) * 1000;
}

void
kiosk_init(struct app *a, const char *pin, long long now)
{
	struct kiosk *k = &a->kiosk;

	memset(k, 0, sizeof(*k));
	if (pin != NULL && *pin != '\0')
		k->pin = xstrdup(pin);
	k->phase = KIOSK_ACTIVE;
	k->last_input = now;
	k->deadline = warn_at(a, now);
}

void
kiosk_done(struct app *a)
{
	struct kiosk *k = &a->kiosk;

	if (k->pin != NULL) {
		/* Don't leave the PIN in freed memory. */
		memset(k->pin, 0, strlen(k->pin));
		free(k->pin);
	}
	if (k->entry.ptr != NULL)
		memset(k->entry.ptr, 0, k->entry.cap);
	buf_free(&k->entry);
	memset(k, 0, sizeof(*k));
}

void
kiosk_reset(struct app *a)
{
	struct match_error err;
	size_t i;

	if (a->searching)
		app_bar_cancel(a);
	app_set_filter(a, "", 0, &err);
	/* The next visitor does not see what the last one searched for. */
	for (i = 0; i < a->nhistory; i++)
		free(a->history[i]);
	a->nhistory = 0;
	a->hist_pos = 0;
	a->overlay = OVERLAY_NONE;
	a->focus = FOCUS_LIST;
	a->list_top = 0;
	app_select(a, 0);
	a->detail_top = 0;
	a->kiosk.prompt = 0;
	buf_reset(&a->kiosk.entry);
	a->dirty = 1;
}

void
kiosk_input(struct app *a, long long now)
{
	struct kiosk *k = &a->kiosk;

	if (k->phase != KIOSK_ACTIVE) {
		a->status[0] = '\0';
		a->dirty = 1;
	}
	k->phase = KIOSK_ACTIVE;
	k->last_input = now;
	k->deadline = warn_at(a, now);
}

static void
attract_status(struct app *a)
{
	app_status(a, 0, "Welcome! Press any key to explore the Allies, "
	    "/ to search, o for a code to scan");
}

void
kiosk_tick(struct app *a, long long now)
{
	struct kiosk *k = &a->kiosk;

	while (now >= k->deadline) {
		switch (k->phase) {
		case KIOSK_ACTIVE:
			k->phase = KIOSK_COUNTDOWN;
			k->countdown = countdown_s(a);
			if (k->countdown > 0) {
				k->deadline += 1000;
				break;
			}
			/* FALLTHROUGH */
		case KIOSK_COUNTDOWN:
			if (--k->countdown > 0) {
				k->deadline += 1000;
				break;
			}
			kiosk_reset(a);
			k->phase = KIOSK_ATTRACT;
			k->deadline += cycle_ms(a);
			attract_status(a);
			break;
		case KIOSK_ATTRACT:
			if (a->view.len > 0)
				app_select(a, (a->sel + 1) % a->view.len);
			k->deadline += cycle_ms(a);
			attract_status(a);
			break;
		}
		/* After a long stall, step once and pick up the beat. */
		if (k->deadline + cycle_ms(a) < now &&
		    k->phase == KIOSK_ATTRACT)
			k->deadline = now + cycle_ms(a);
	}
	if (k->phase == KIOSK_COUNTDOWN)
		app_status(a, 0, "Still there? Back to the start in %d s; "
		    "press any key to stay", k->countdown);
}

long long
kiosk_deadline(const struct app *a)
{
	return a->kiosk.deadline;
}

void
kiosk_pin_open(struct app *a, long long now)
{
	struct kiosk *k = &a->kiosk;

	if (k->pin == NULL)
		return;
	if (now < k->locked_until) {
		app_status(a, 1, "Too many wrong PINs; wait %lld s",
		    (k->locked_until - now + 999) / 1000);
		return;
	}
	k->prompt = 1;
	buf_reset(&k->entry);
	a->dirty = 1;
}

/* Compare without an early exit, so timing does not tell the PIN. */
static int
pin_equal(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b), i, n = alen > blen ? alen : blen;
	unsigned char diff = (unsigned char)(alen != blen);

	for (i = 0; i < n; i++)
		diff |= (unsigned char)((i < alen ? a[i] : 0) ^
		    (i < blen ? b[i] : 0));
	return diff == 0;
}

void
kiosk_pin_key(struct app *a, wint_t ch, long long now)
{
	struct kiosk *k = &a->kiosk;
	long long wait;

	a->dirty = 1;
	if (ch == 27) {
		k->prompt = 0;
	} else if (ch == 127 || ch == 8) {
		if (k->entry.len > 0)
			k->entry.ptr[--k->entry.len] = '\0';
	} else if (ch == '\r' || ch == '\n') {
		k->prompt = 0;
		if (pin_equal(k->entry.ptr != NULL ? k->entry.ptr : "",
		    k->entry.len, k->pin)) {
			a->quit = 1;
			k->failures = 0;
		} else if (++k->failures >= KIOSK_FREE_TRIES) {
			wait = LOCKOUT_STEP_MS *
			    (long long)(k->failures - KIOSK_FREE_TRIES + 1);
			if (wait > LOCKOUT_MAX_MS)
				wait = LOCKOUT_MAX_MS;
			k->locked_until = now + wait;
		}
		if (k->entry.ptr != NULL)
			memset(k->entry.ptr, 0, k->entry.len);
		buf_reset(&k->entry);
	} else if (ch >= 0x20 && !text_is_unsafe((uint32_t)ch) &&
	    ch <= 0x10ffff && k->entry.len < KIOSK_PIN_MAX)
		text_encode(&k->entry, (uint32_t)ch);
}
