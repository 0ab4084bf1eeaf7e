/*
 * ui_term: what the UI knows of the terminal beyond curses.  Whether it
 * shows OSC 8 hyperlinks; and for a public session (public.h), the
 * terminal type taken from this machine's terminfo database alone, a
 * note beside a screen drawn smaller than the client's window, and a
 * watchdog for a session that can no longer be ended gracefully.
 * Called by ui.c only; it draws nothing through curses.
 */
#ifndef UI_TERM_H
#define UI_TERM_H

struct app;

/*
 * Whether the terminal is known to show OSC 8 hyperlinks.  A public
 * session believes only TERM, the one thing its client said about its
 * terminal: the rest of the environment is the server's.
 */
int	 ui_term_links(int public);

/*
 * Before curses starts on a public session: choose the terminal type,
 * TERM when it is a plain name (public_term_plain()) of a terminfo entry
 * on this machine that can move the cursor, else xterm-256color, else
 * vt100, and put the choice into TERM (a replaced one is said on a's
 * status line); make curses size its first screen by the terminfo entry,
 * not the window, which ui.c then bounds; arm the watchdog.  Call it
 * after public_scrub_env(), so that only the system's terminfo
 * directories are searched.  Returns 0, or -1 after saying that no
 * entry can be used.
 */
int	 ui_term_public_start(struct app *a);

/*
 * After doupdate(): a window of real_rows x real_cols larger than the
 * rows x cols drawn gets a line saying so, below the screen drawn or
 * else to its right.  Written straight to the terminal, as curses knows
 * only the screen it draws.
 */
void	 ui_term_note(int rows, int cols, int real_rows, int real_cols);

/*
 * (Re)arm the watchdog: unless armed again, the process exits (status
 * 2) a little after idle seconds, should the graceful end of an idle
 * session never come (a client that stopped reading holds every write
 * to the terminal).
 */
void	 ui_term_watchdog(unsigned idle);

#endif
