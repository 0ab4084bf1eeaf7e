/*
 * kiosk: the idle clock and the staff PIN.  See kiosk.h.
 */
#include "kiosk.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

#define LOCKOUT_STEP_MS	5000	/* per wrong PIN past the free tries */
#define LOCKOUT_MAX_MS	60000

/*
 * Seconds of warning before the reset, taken from the end of the idle
 * time so that the reset itself comes after exactly --idle seconds: five,
 * or half the idle time when that is shorter.
 */
static int
countdown_s(const struct kiosk *k)
{
	int half = (int)(k->idle_ms / 2000);

	return half < KIOSK_COUNTDOWN_S ? half : KIOSK_COUNTDOWN_S;
}

/* When the countdown starts for input at `at`. */
static long long
warn_at(const struct kiosk *k, long long at)
{
	return at + k->idle_ms - (long long)countdown_s(k) * 1000;
}

void
kiosk_init(struct kiosk *k, unsigned idle, unsigned cycle, const char *pin,
    long long now)
{
	memset(k, 0, sizeof(*k));
	k->idle_ms = (long long)idle * 1000;
	k->cycle_ms = (long long)cycle * 1000;
	if (pin != NULL && *pin != '\0')
		k->pin = xstrdup(pin);
	k->phase = KIOSK_ACTIVE;
	k->last_input = now;
	k->deadline = warn_at(k, now);
}

/* Don't leave what was typed in freed memory. */
static void
entry_wipe(struct kiosk *k)
{
	if (k->entry.ptr != NULL)
		memset(k->entry.ptr, 0, k->entry.cap);
	buf_reset(&k->entry);
}

void
kiosk_done(struct kiosk *k)
{
	if (k->pin != NULL) {
		memset(k->pin, 0, strlen(k->pin));
		free(k->pin);
	}
	entry_wipe(k);
	buf_free(&k->entry);
	memset(k, 0, sizeof(*k));
}

int
kiosk_input(struct kiosk *k, long long now)
{
	int was_idle = k->phase != KIOSK_ACTIVE;

	k->phase = KIOSK_ACTIVE;
	k->last_input = now;
	k->deadline = warn_at(k, now);
	return was_idle;
}

unsigned
kiosk_tick(struct kiosk *k, long long now, unsigned *steps)
{
	unsigned did = 0;

	*steps = 0;
	while (now >= k->deadline) {
		switch (k->phase) {
		case KIOSK_ACTIVE:
			k->phase = KIOSK_COUNTDOWN;
			k->countdown = countdown_s(k);
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
			did |= KIOSK_RESET;
			k->prompt = 0;
			entry_wipe(k);
			k->phase = KIOSK_ATTRACT;
			k->deadline += k->cycle_ms;
			break;
		case KIOSK_ATTRACT:
			did |= KIOSK_STEP;
			(*steps)++;
			k->deadline += k->cycle_ms;
			break;
		}
		/* After a long stall, step once and pick up the beat. */
		if (k->deadline + k->cycle_ms < now &&
		    k->phase == KIOSK_ATTRACT)
			k->deadline = now + k->cycle_ms;
	}
	return did;
}

long long
kiosk_deadline(const struct kiosk *k)
{
	return k->deadline;
}

long long
kiosk_pin_open(struct kiosk *k, long long now)
{
	if (k->pin == NULL)
		return -1;
	if (now < k->locked_until)
		return (k->locked_until - now + 999) / 1000;
	k->prompt = 1;
	entry_wipe(k);
	return 0;
}

void
kiosk_pin_type(struct kiosk *k, uint32_t cp)
{
	if (cp >= 0x20 && !text_is_unsafe(cp) && cp <= 0x10ffff &&
	    k->entry.len < KIOSK_PIN_MAX)
		text_encode(&k->entry, cp);
}

void
kiosk_pin_erase(struct kiosk *k)
{
	if (k->entry.len > 0)
		k->entry.ptr[--k->entry.len] = '\0';
}

void
kiosk_pin_cancel(struct kiosk *k)
{
	k->prompt = 0;
	entry_wipe(k);
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

int
kiosk_pin_check(struct kiosk *k, long long now)
{
	long long wait;
	int ok;

	k->prompt = 0;
	ok = k->pin != NULL && pin_equal(k->entry.ptr != NULL ?
	    k->entry.ptr : "", k->entry.len, k->pin);
	if (ok)
		k->failures = 0;
	else if (++k->failures >= KIOSK_FREE_TRIES) {
		wait = LOCKOUT_STEP_MS *
		    (long long)(k->failures - KIOSK_FREE_TRIES + 1);
		if (wait > LOCKOUT_MAX_MS)
			wait = LOCKOUT_MAX_MS;
		k->locked_until = now + wait;
	}
	entry_wipe(k);
	return ok;
}

long long
kiosk_pin_do(struct kiosk *k, enum action act, int key, long long now)
{
	long long wait;

	switch (act) {
	case ACT_STAFF:
		wait = kiosk_pin_open(k, now);
		return wait > 0 ? wait : 0;
	case ACT_PIN_CHECK:
		return kiosk_pin_check(k, now) ? KIOSK_PIN_RIGHT : 0;
	case ACT_PIN_CANCEL:
		kiosk_pin_cancel(k);
		break;
	case ACT_PIN_ERASE:
		kiosk_pin_erase(k);
		break;
	case ACT_PIN_TYPE:
		if (keys_is_text(key))
			kiosk_pin_type(k, (uint32_t)key);
		break;
	default:
		break;
	}
	return 0;
}
