/*
 * kiosk: the clock and the lock of an unattended display, on their own
 * struct kiosk and nothing else: no app, no curses.  The idle clock goes
 * from active to a countdown, resets to the start, then steps through
 * the attract loop; the staff PIN prompt takes what is typed and checks
 * it.  kiosk_tick() says what the clock did and app.c turns that into
 * state changes; what a kiosk may do at all is in the action table
 * (keys.h) and enforced by app_do().
 *
 * Times are milliseconds on a monotonic clock, passed in by the caller,
 * so the timing is tested on an injected clock without waiting.
 * Deadlines advance by whole steps from the previous deadline, not from
 * "now", so a slow redraw never shortens or stretches the next step.
 */
#ifndef KIOSK_H
#define KIOSK_H

#include <stddef.h>
#include <stdint.h>

#include "keys.h"
#include "util.h"

#define KIOSK_COUNTDOWN_S	5	/* seconds of warning, at most */
#define KIOSK_PIN_MAX		64
#define KIOSK_PIN_MIN		6	/* characters: see the lockout below */
#define KIOSK_FREE_TRIES	3	/* wrong PINs before a delay */

enum kiosk_phase {
	KIOSK_ACTIVE,			/* someone is using it */
	KIOSK_COUNTDOWN,		/* idle: about to reset */
	KIOSK_ATTRACT			/* idle: showing ally after ally */
};

struct kiosk {
	long long	 idle_ms;	/* --idle */
	long long	 cycle_ms;	/* --cycle */
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

/* What kiosk_tick() did. */
#define KIOSK_RESET	0x1	/* back to the start: clear everything */
#define KIOSK_STEP	0x2	/* the attract loop shows the next ally */

/*
 * Set the clock (idle and cycle in seconds) and take the PIN (copied;
 * NULL or "" for none).  kiosk_done() wipes and frees the PIN.
 */
void	 kiosk_init(struct kiosk *, unsigned idle, unsigned cycle,
	    const char *pin, long long now);
void	 kiosk_done(struct kiosk *);

/* A key or a mouse event arrived.  Returns 1 when the kiosk was idle. */
int	 kiosk_input(struct kiosk *, long long now);

/*
 * Advance the idle clock to now.  Returns KIOSK_RESET and KIOSK_STEP
 * flags; *steps gets how many allies the attract loop moved on.  A reset
 * also closes the PIN prompt.
 */
unsigned kiosk_tick(struct kiosk *, long long now, unsigned *steps);

/* When kiosk_tick() next has something to do. */
long long kiosk_deadline(const struct kiosk *);

/*
 * Ctrl-]: open the PIN prompt.  Returns 0 when it opened, -1 when no PIN
 * is set, or the seconds (> 0) to wait after too many wrong PINs.
 */
long long kiosk_pin_open(struct kiosk *, long long now);

/*
 * Carry out a staff action: ACT_STAFF (open the prompt), or, in the
 * prompt, ACT_PIN_TYPE of the character key, _ERASE, _CANCEL, _CHECK.
 * Returns KIOSK_PIN_RIGHT for the right PIN, the seconds to wait (> 0)
 * when the prompt is locked after wrong ones, else 0.
 */
#define KIOSK_PIN_RIGHT	(-2)
long long kiosk_pin_do(struct kiosk *, enum action, int key, long long now);

/* The prompt: type a character, erase the last one, cancel. */
void	 kiosk_pin_type(struct kiosk *, uint32_t cp);
void	 kiosk_pin_erase(struct kiosk *);
void	 kiosk_pin_cancel(struct kiosk *);

/*
 * Enter: close the prompt and check what was typed.  Returns 1 for the
 * right PIN; a wrong one counts towards the lockout.
 */
int	 kiosk_pin_check(struct kiosk *, long long now);

#endif
