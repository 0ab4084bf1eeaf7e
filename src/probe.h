/*
 * probe: what the terminal says about itself at start-up.  The browser
 * asks whether it counts columns by grapheme cluster (DECRQM for DEC
 * private mode 2027, which kitty, foot, WezTerm and Contour know), then
 * asks for its primary device attributes (DA1), which every terminal
 * answers, in order: once the DA1 answer is in, no other is coming, and
 * nothing waits for a terminal that keeps quiet about 2027.  The
 * answers arrive among the keys; probe_key() picks them out, so that
 * they never act as keys, and gives back whatever was typed meanwhile.
 *
 * It also sets mode 2027 when the terminal has it off, and resets it
 * at the end.  No curses and no clock of its own: the caller reads the
 * keys and passes the time, in milliseconds.
 */
#ifndef PROBE_H
#define PROBE_H

#include <stddef.h>
#include <stdio.h>

/* What to send: DECRQM for mode 2027, then DA1. */
#define PROBE_QUERY	"\033[?2027$p\033[c"
/* How long a terminal may take to answer DA1 before we stop waiting. */
#define PROBE_WAIT_MS	2000
/*
 * How long keys that may begin an answer are held: a terminal writes an
 * answer at once, so an Esc that nothing follows this long was typed.
 */
#define PROBE_HOLD_MS	100
/* The longest answer read; keys[] of the calls below needs one more. */
#define PROBE_HELD	24
#define PROBE_KEYS	(PROBE_HELD + 1)

/* Mode 2027 as the terminal answered: DECRPM's Ps, or none. */
#define PROBE_NONE	(-1)	/* no answer before DA1's */

struct probe {
	int		 waiting;	/* queries sent, DA1 not answered */
	int		 settled;	/* probe_settle() has answered 1 */
	int		 mode2027;	/* Ps 0..4, or PROBE_NONE */
	long long	 deadline;	/* stop waiting then */
	long long	 held_at;	/* when held[0] came */
	int		 held[PROBE_HELD];	/* an answer's start? */
	size_t		 nheld;
};

/*
 * Send the queries to the terminal's output out, at now: before the
 * first frame, whose clear wipes whatever a terminal that does not
 * parse them might show.
 */
void	 probe_start(struct probe *, FILE *out, long long now);

/*
 * One character c read from the terminal (-1: a key that is not a
 * character, which the caller then takes itself).  Returns how many
 * characters are keys for the app, stored in keys[] (room for
 * PROBE_KEYS) in the order they came: held ones, then maybe c; 0 while
 * c is, so far, part of an answer.  When not waiting, c itself.
 */
size_t	 probe_key(struct probe *, int c, long long now, int *keys);

/*
 * Time passes: characters held PROBE_HOLD_MS are keys after all, and at
 * the deadline the waiting ends.  Returns how many keys.
 */
size_t	 probe_tick(struct probe *, long long now, int *keys);

/* When probe_tick() next has work, or -1 when not waiting. */
long long probe_due(const struct probe *);

/*
 * Once the waiting is over: 1 when the terminal counts by grapheme
 * cluster, because mode 2027 is set (answer 1 or 3) or because it could
 * be and this set it (answer 2: CSI ? 2027 h written to out); 0 when it
 * counts per code point (not recognised, permanently reset, no answer),
 * or while waiting, or when it said 1 before.
 */
int	 probe_settle(struct probe *, FILE *out);

/*
 * Mode 2027 back off (on 0) or on again (on 1) in out, around a program
 * that has the terminal and at the end; only when probe_settle() set it.
 * Safe in a fatal exit's cleanup.
 */
void	 probe_mode(FILE *out, int on);

#endif
