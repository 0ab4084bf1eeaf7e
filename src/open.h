/*
 * open: starting a web browser for a URL, safely.  Only http:// and
 * https:// URLs are opened; the opener (the configuration's, else
 * $BROWSER, else xdg-open or open) runs through execvp() with the URL as
 * one argument, never a shell.  A terminal browser (lynx, w3m, ..., one
 * the configuration says is, and any opener at all when there is no
 * graphical session) gets the terminal, handed over by the UI's hook,
 * as the foreground job of a process group of its own; the program
 * asked to end meanwhile ends it first.  Any other opener is detached
 * into its own session with its output sent to /dev/null, and reaped
 * later so that its exit status can be reported and no zombie is left.
 */
#ifndef OPEN_H
#define OPEN_H

#include <stddef.h>
#include <sys/types.h>

#define OPEN_MAX_CHILDREN	8

/*
 * Hand the terminal over (give 1: leave the screen as the shell had it)
 * and take it back (give 0); the UI's, so that this module knows no
 * curses.
 */
typedef void (*open_tty_cb)(int give);

/*
 * Whether the program has been asked to end (SIGTERM, SIGHUP).  Asked
 * again whenever one of those signals interrupts the wait for a
 * terminal browser, which is then ended too; the UI's.
 */
typedef int (*open_stop_cb)(void);

struct open_state {
	pid_t	 pid[OPEN_MAX_CHILDREN];	/* detached openers to reap */
	char	 name[OPEN_MAX_CHILDREN][64];	/* their program names */
	int	 n;
	open_tty_cb tty;		/* for a terminal browser, or NULL */
	open_stop_cb stopping;		/* or NULL: never asked to end */
	int	 tty_fd;		/* the terminal's input, or -1 */
	/*
	 * The configuration's opener, used before $BROWSER: its words,
	 * NULL-ended, a word "%s" standing for the URL (else it comes
	 * last), or NULL for none; and whether it gets the terminal (1),
	 * is detached (0), or is judged as $BROWSER's command is (-1).
	 */
	char *const *command;
	int	 command_terminal;
};

/*
 * Open url.  Writes what happened (for the status line) into msg and
 * returns 0 when the opener started (or a terminal browser ran and
 * exited 0), -1 otherwise.  A terminal browser gets the terminal
 * through st->tty, and open_url() returns once it has exited or, when
 * st->stopping says the program is to end, once it has been ended
 * (SIGTERM to its process group, SIGKILL 200 ms later).  SIGCHLD,
 * SIGINT and SIGQUIT are the module's own while it runs.
 */
int	 open_url(struct open_state *, const char *url, char *msg, size_t size);

/*
 * Reap detached openers that have exited.  Returns 1 and fills msg when
 * one failed (non-zero exit or a signal), else 0.
 */
int	 open_reap(struct open_state *, char *msg, size_t size);

/* Whether openers are still running (the UI polls sooner then). */
int	 open_pending(const struct open_state *);

/*
 * Put text on the clipboard through the terminal (OSC 52); msg says so,
 * naming it by what ("the name"), or by the text itself when what is
 * NULL (a URL).  Must be called after doupdate(): it writes straight to
 * the terminal.
 */
void	 open_copy(const char *text, const char *what, char *msg,
	    size_t size);

/* Whether url is http:// or https://. */
int	 open_url_allowed(const char *url);

#endif
