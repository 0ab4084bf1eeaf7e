/*
 * public: what sets a public session (--public) apart before and around
 * the browser, for a stranger who reached it over SSH.  Everything the
 * client sent is untrusted: the environment is cut down to what the
 * program needs (no terminfo search path, no home directory, none of
 * our own variables), a terminal type is a plain name or nothing, and a
 * window is drawn at PUBLIC_MAX_ROWS x PUBLIC_MAX_COLS at most however
 * large the client says it is.  No curses here: ui_public.c asks the
 * terminfo database, and ui.c draws.
 */
#ifndef PUBLIC_H
#define PUBLIC_H

#include <stdio.h>

struct app_options;
struct errlist;

#define PUBLIC_MAX_ROWS		100	/* the largest screen drawn */
#define PUBLIC_MAX_COLS		300
#define PUBLIC_TERM_MAX		64	/* the longest TERM taken */
#define PUBLIC_IDLE_S		600	/* --idle's default: 10 minutes */
#define PUBLIC_ENDED_IDLE	3	/* ui_run()'s rc: ended for want of input */

/*
 * Remove from the environment what the client or the account could use
 * to make the program read a file or run one: TERMINFO, TERMINFO_DIRS,
 * TERMCAP and HOME (curses' search for terminal descriptions), BROWSER,
 * LINES and COLUMNS, and every SMA_ALLIES_ variable (the data file and
 * the staff PIN among them).  Call it before anything reads them.
 */
void	 public_scrub_env(void);

/*
 * Whether s can name a terminal type: 1 to PUBLIC_TERM_MAX letters,
 * digits, '-', '+' and '.', starting with a letter or a digit.  NULL is
 * not a name.  Such a name is never a path.
 */
int	 public_term_plain(const char *s);

/* Bring a window's size down to what a public session draws. */
void	 public_bound(int *rows, int *cols);

/*
 * The options of a public session that the command line left unset:
 * the idle time (PUBLIC_IDLE_S unless idle_given), and the way a typed
 * search is read.  The one place where they are chosen.
 */
void	 public_defaults(struct app_options *, int idle_given);

/*
 * Whether standard input and output are a terminal, as a session needs
 * (ForceCommand runs for "ssh host command", sftp and scp too, without
 * one): 0, or -1 after telling the client how to connect.
 */
int	 public_check_terminal(void);

/*
 * How a session ends, from ui_run()'s rc: an idle one says goodbye on
 * stdout (after idle seconds) and becomes 0; when the data could not be
 * read (rc 1, errs), the client is told only that the directory cannot
 * be shown: the file's errors are the operator's, for --check.  Returns
 * the rc for the caller to go on with.
 */
int	 public_end(int rc, unsigned idle, const struct errlist *errs);

#endif
