/*
 * kiosk: the policy of an unattended display, on top of struct app and
 * without curses.  The idle clock (countdown, reset to the start, then
 * the attract loop that shows one ally after another) and the staff PIN
 * prompt live here; what a kiosk may do at all is in the action table
 * (keys.h) and enforced by app_do().
 *
 * Times are milliseconds on a monotonic clock, passed in by the caller,
 * so the timing can be tested without waiting.  Deadlines advance by
 * whole steps from the previous deadline, not from "now", so a slow
 * redraw never shortens or stretches the next step.
 */
#ifndef KIOSK_H
#define KIOSK_H

#include <stddef.h>
#include <wchar.h>

#include "util.h"

struct app;

#define KIOSK_COUNTDOWN_S	5	/* seconds of warning, at most */
#define KIOSK_PIN_MAX		64
#define KIOSK_FREE_TRIES	3	/* wrong PINs before a delay */

enum kiosk_phase {
	KIOSK_ACTIVE,			/* someone is using it */
	KIOSK_COUNTDOWN,		/* idle: about to reset */
	KIOSK_ATTRACT			/* idle: showing ally after ally */
};

struct kiosk {
	enum kiosk_phase phase;
	long long	 last_input;	/* ms */
	long long	 deadline;	/* the next step of the idle clock */
	int		 countdown;	/* seconds left in KIOSK_COUNTDOWN */
	char		*pin;		/* staff PIN, or NULL: no staff exit */
	int		 prompt;	/* the PIN prompt is open */
	struct buf	 entry;		/* what has been typed into it */
	int		 failures;	/* wrong PINs in a row */
	long long	 locked_until;	/* no prompt before this */
};

/* Take the PIN (copied; NULL for none) and start the idle clock. */
void	 kiosk_init(struct app *, const char *pin, long long now);
void	 kiosk_done(struct app *);

/* A key (or mouse event) arrived: the visitor is back. */
void	 kiosk_input(struct app *, long long now);

/* Advance the idle clock to now. */
void	 kiosk_tick(struct app *, long long now);

/* When kiosk_tick() next has something to do. */
long long kiosk_deadline(const struct app *);

/* Back to the start: no filter, no history, no overlay, first ally. */
void	 kiosk_reset(struct app *);

/* Ctrl-]: open the PIN prompt (when a PIN is set and no lockout). */
void	 kiosk_pin_open(struct app *, long long now);

/*
 * A key while the prompt is open: text, 127 (backspace), '\r' (check)
 * or 27 (close).  A right PIN sets app->quit.
 */
void	 kiosk_pin_key(struct app *, wint_t ch, long long now);

#endif
