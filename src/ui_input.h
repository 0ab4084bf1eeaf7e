/*
 * ui_input: the terminal's input, read through curses for ui.c, in the
 * codes of keys.h.  Curses' key codes are translated; an Esc that comes
 * together with a key (inside curses' escape delay, as terminals send
 * Alt as an Esc prefix) is that key with K_ALT; and a bracketed paste
 * (DEC mode 2004: ESC [ 200 ~ text ESC [ 201 ~) is collected as text by
 * paste.h between its marks, never handed over as keys.  It also turns
 * the terminal's paste mode on and off.
 *
 * Which terminals get the paste mode: those whose terminfo entry has the
 * BE and BD capabilities (ncurses' entries for xterm, tmux and others
 * do), with the sequences given there, and those known to speak xterm's
 * protocols without saying so (an xterm-style SGR mouse, kmous=\E[<, or
 * a TERM of the xterm, screen, tmux, rxvt, ... families), with xterm's
 * sequences.  A terminal that was never asked sends no marks, so its
 * pastes are typed keys as before.  The marks are learnt from PS and PE
 * where the entry has them.
 */
#ifndef UI_INPUT_H
#define UI_INPUT_H

#include <stddef.h>
#include <wchar.h>

#include "paste.h"
#include "probe.h"

#define UI_PASTE_QUIET_MS 2000	/* a paste's end mark is given up after */

enum ui_input_kind {
	UI_IN_NONE,		/* nothing is waiting */
	UI_IN_TAKEN,		/* input went into a paste, or was a stray mark */
	UI_IN_KEY,		/* a key, in *key */
	UI_IN_MOUSE,		/* a mouse event: curses' getmouse() has it */
	UI_IN_RESIZE,		/* curses saw the terminal change size */
	UI_IN_PASTE		/* a paste is complete: in paste.text */
};

struct ui_input {
	int		 mark[2];	/* curses' codes of the paste's start
					   and end marks; 0: none */
	struct paste	 paste;
	int		 held;		/* a key read after an Esc, not taken */
	int		 held_rc;
	wint_t		 held_ch;
	long long	 last;		/* ms: the last input of a paste */
	/*
	 * The terminal's answers at start-up are picked out of the input
	 * before anything else sees it (probe.h); what the probe gives back
	 * as typed waits here, in order.
	 */
	struct probe	*probe;		/* NULL: no answers awaited */
	int		 queue_rc[PROBE_KEYS + 1];
	wint_t		 queue_ch[PROBE_KEYS + 1];
	size_t		 qhead, qlen;
	long long	 now;		/* of the read under way */
};

/*
 * After curses has started (keypad on): teach curses the paste marks and
 * turn the paste mode on.  ui_input_done() frees what the input holds;
 * the mode is turned off with ui_input_paste_mode().
 */
void	 ui_input_init(struct ui_input *);
void	 ui_input_done(struct ui_input *);

/*
 * Turn bracketed paste on (1) or off (0), on terminals that have it (see
 * above); written to standard output at once.  Callable while curses
 * runs or after endwin(), not after delscreen().
 */
void	 ui_input_paste_mode(int on);

/*
 * Read what is waiting, at time now (ms), without waiting for more:
 * UI_IN_NONE when there is nothing.  A paste whose end mark has not come
 * for UI_PASTE_QUIET_MS ends then (UI_IN_PASTE), so that a lost mark
 * cannot swallow every key after it.
 */
enum ui_input_kind ui_input_read(struct ui_input *, int *key, long long now);

/*
 * Whether the terminal speaks xterm's protocols, paste mode and mouse
 * modes among them, though its entry may not say so: by the xterm-only
 * SGR mouse (kmous=\E[<), or by name.
 */
int	 ui_input_xterm(void);

/* When a paste is given up, if no more of it comes (-1: no paste). */
long long ui_input_deadline(const struct ui_input *);

/*
 * Time passes for the probe: keys it held long enough are typed keys
 * after all, and wait to be read.  Whether any input is waiting that
 * the terminal's file descriptor would not show (held or queued keys).
 */
void	 ui_input_tick(struct ui_input *, long long now);
int	 ui_input_pending(const struct ui_input *);

#endif
