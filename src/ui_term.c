/*
 * ui_term: the terminal beyond curses.  See ui_term.h.
 */
#include "ui_term.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "public.h"
#include "tui.h"

#include <term.h>

#include "util.h"

/* What a client's unknown or unsafe TERM becomes, the first that works. */
static const char *const fallbacks[] = { "xterm-256color", "vt100" };

/* Terminal types that name a terminal known to show OSC 8 links. */
static int
links_by_name(const char *term)
{
	return term != NULL && (strncmp(term, "foot", 4) == 0 ||
	    strcmp(term, "xterm-kitty") == 0 || strcmp(term, "wezterm") == 0 ||
	    strncmp(term, "contour", 7) == 0);
}

/*
 * Terminals known to show OSC 8 hyperlinks (and to ignore them cleanly
 * is not enough: an unknown OSC can print garbage on some).  Not inside
 * tmux or screen, which pass them on only when configured to.
 */
int
ui_term_links(int public)
{
	const char *tp = getenv("TERM_PROGRAM"), *term = getenv("TERM");
	const char *vte = getenv("VTE_VERSION");

	if (public)
		return links_by_name(term);
	if (getenv("TMUX") != NULL || getenv("STY") != NULL)
		return 0;
	if (vte != NULL && atoi(vte) >= 5000)
		return 1;
	if (getenv("KITTY_WINDOW_ID") != NULL || getenv("WT_SESSION") != NULL)
		return 1;
	if (tp != NULL && (strcmp(tp, "iTerm.app") == 0 ||
	    strcmp(tp, "WezTerm") == 0 || strcmp(tp, "vscode") == 0 ||
	    strcmp(tp, "ghostty") == 0))
		return 1;
	return links_by_name(term);
}

/*
 * Whether name is a terminfo entry here that can place the cursor.
 * setupterm() reads it as newterm() will, and it is let go at once;
 * TERMINFO, TERMINFO_DIRS and HOME are gone from the environment, so
 * only the directories curses was built with are searched.
 */
static int
usable(const char *name)
{
	TERMINAL *before = cur_term, *t;
	const char *cup;
	int err = 0, ok;

	if (!public_term_plain(name) ||
	    setupterm(name, STDOUT_FILENO, &err) != OK)
		return 0;
	cup = tigetstr("cup");
	ok = cup != NULL && cup != (char *)-1;
	t = cur_term;
	set_curterm(before);
	del_curterm(t);
	return ok;
}

int
ui_term_public_start(struct app *a)
{
	size_t i;

	if (!usable(getenv("TERM"))) {
		for (i = 0; i < nitems(fallbacks); i++)
			if (usable(fallbacks[i]))
				break;
		if (i == nitems(fallbacks)) {
			fprintf(stderr, "%s: this machine has no terminal "
			    "description to draw with (xterm-256color or "
			    "vt100)\n", util_progname());
			return -1;
		}
		setenv("TERM", fallbacks[i], 1);
		/* The client's own TERM is not repeated: it is untrusted. */
		app_status(a, 0, "Your terminal type is not known here: "
		    "drawing as %s", fallbacks[i]);
	}
	/*
	 * Sized by the window, curses' first screen could be any size the
	 * client claims; the terminfo entry's is small, and ui.c bounds
	 * every size after.
	 */
	use_env(FALSE);
	ui_term_watchdog(a->opt->idle);
	return 0;
}

void
ui_term_note(int rows, int cols, int real_rows, int real_cols)
{
	char note[128];
	int y, x, room;

	if (real_rows <= rows && real_cols <= cols)
		return;
	snprintf(note, sizeof(note), " This directory is drawn at %dx%d at "
	    "most; the window is %dx%d. ", cols, rows, real_cols, real_rows);
	if (real_rows > rows) {
		y = rows;
		x = 0;
		room = real_cols;
	} else {
		y = 0;
		x = cols + 1;
		room = real_cols - x;
	}
	if (room < 8)
		return;
	/* Save the cursor, write, put it back: curses knows nothing of it. */
	printf("\0337\033[%d;%dH\033[7m%.*s\033[m\0338", y + 1, x + 1, room,
	    note);
	fflush(stdout);
}

static void
on_watchdog(int sig)
{
	(void)sig;
	_exit(2);
}

void
ui_term_watchdog(unsigned idle)
{
	struct sigaction sa;
	unsigned grace = idle / 10 > 2 ? idle / 10 : 2;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_watchdog;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	alarm(idle + grace);
}
