/*
 * ui: the terminal side of the browser.  See ui.h.
 *
 * All panes are derived windows of stdscr, so stdscr's implicit refresh
 * in wget_wch() never paints anything stale over them.  Keys, mouse,
 * resizes, timers (file watch, reaping openers, the kiosk's clock) and
 * signals all arrive in the one loop in ui_run(); keys come in the
 * terminal-free codes of keys.h from ui_input.c (pastes as text) and are
 * handed to the app, which changes its state and sets dirty, and
 * ui_draw() is the only caller of the pane draw hooks.
 */
#include "ui.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "app.h"
#include "draw.h"
#include "feed.h"
#include "keys.h"
#include "open.h"
#include "pane.h"
#include "probe.h"
#include "public.h"
#include "record.h"
#include "searchbar.h"
#include "source.h"
#include "text.h"
#include "ui_input.h"
#include "ui_term.h"
#include "ui_mouse.h"
#include "util.h"

#define REAP_MS		200	/* how often running openers are reaped */
#define SCAN_DRAW_MS	50	/* redraws while a filter fills in */
#define KEYS_MAX	4096	/* keys taken before a frame, at most */
#define KEYS_MS		16	/* and time spent on them */

/* The only file-level state that changes: set by signal handlers. */
static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t resized;
static volatile sig_atomic_t suspend;	/* ^Z */

struct ui {
	struct app	 app;
	struct layout	 lay;
	int		 rows, cols;	/* the size lay was computed for */
	int		 real_rows, real_cols;	/* the terminal's, if larger */
	WINDOW		*title, *list, *detail, *sep, *status, *full;
	SCREEN		*screen;
	struct open_state opens;
	struct feed	 feed;		/* the data: loads, reloads, the file */
	FILE		*tty;		/* the terminal's input */
	struct ui_input	 in;		/* keys, Alt, pastes */
	struct ui_mouse	 mouse;		/* clicks, taps, drags */
	long long	 next_reap;
	long long	 last_draw;	/* ms */
	int		 links;		/* the terminal shows OSC 8 links */
	int		 draw_now;	/* draw at the next chance */
	struct probe	 probe;		/* the terminal's answers at start */
	int		 hangup;	/* the terminal is gone */
};

static void
on_signal(int sig)
{
	stop_signal = sig;
}

/* For the opener: a terminal browser is ended with the program. */
static int
stop_requested(void)
{
	return stop_signal != 0;
}

/*
 * SIGWINCH interrupts the wait for a key and asks for a full repaint: a
 * terminal that shrank and grew back to the same size kept nothing.
 */
static void
on_winch(int sig)
{
	(void)sig;
	resized = 1;
}

static void
on_tstp(int sig)
{
	(void)sig;
	suspend = 1;
}

static void
windows_free(struct ui *u)
{
	WINDOW **w[] = {
		&u->title, &u->list, &u->detail, &u->sep, &u->status, &u->full
	};
	size_t i;

	for (i = 0; i < nitems(w); i++)
		if (*w[i] != NULL) {
			delwin(*w[i]);
			*w[i] = NULL;
		}
}

static WINDOW *
window_at(const struct rect *r)
{
	WINDOW *w;

	if (r->h <= 0 || r->w <= 0)
		return NULL;
	if ((w = derwin(stdscr, r->h, r->w, r->y, r->x)) == NULL)
		die("cannot create a %dx%d window", r->w, r->h);
	return w;
}

/* Lay the windows out for the terminal's current size. */
static void
relayout(struct ui *u)
{
	struct app_layout al;
	struct rect full;

	windows_free(u);
	u->rows = LINES;
	u->cols = COLS;
	layout_compute(LINES, COLS, &u->lay);
	werase(stdscr);
	/*
	 * Repaint everything: a terminal that shrank and grew back (or
	 * changed while we were stopped) holds nothing we can trust.
	 */
	clearok(curscr, TRUE);
	memset(&al, 0, sizeof(al));
	al.too_small = u->lay.too_small;
	if (!u->lay.too_small) {
		u->title = window_at(&u->lay.title);
		u->list = window_at(&u->lay.list);
		u->detail = window_at(&u->lay.detail);
		u->sep = window_at(&u->lay.sep);
		u->status = window_at(&u->lay.status);
		full = (struct rect){ 1, 0, LINES - 2, COLS };
		u->full = window_at(&full);
		al.list_only = u->lay.list_only;
		al.list_rows = u->lay.list.h - 1;
		al.detail_rows = u->lay.detail.h > 0 ? u->lay.detail.h - 1 : 0;
		al.page_rows = LINES - 2;
		al.page_cols = COLS;
		al.spotlight = LINES >= UI_SPOT_ROWS && COLS >= UI_SPOT_COLS;
	}
	app_layout(&u->app, &al);
}

/*
 * Make the website in the description a hyperlink: curses knows nothing
 * of OSC 8, so after doupdate() the same text is written again inside
 * the link, and the cursor put back.  Only URLs of plain printable ASCII
 * are sent (the loader allows no blanks or controls; this also keeps
 * any other byte out of the escape sequence).
 */
static void
draw_hyperlink(struct ui *u)
{
	const struct app *a = &u->app;
	const struct record *r = app_selected(a);
	int row, col, y, x;
	size_t i, n;
	const char *url;

	if (!u->links || u->detail == NULL || r == NULL ||
	    app_mode(a) != KM_BROWSE || app_spotlight(a) ||
	    (u->lay.list_only && a->focus != FOCUS_DETAIL) ||
	    !pane_detail_link(a, u->lay.detail.w, &row, &col))
		return;
	url = r->text[FIELD_URL];
	n = r->len[FIELD_URL];
	for (i = 0; i < n; i++)
		if ((unsigned char)url[i] <= 0x20 ||
		    (unsigned char)url[i] >= 0x7f)
			return;
	y = u->lay.detail.y + row;
	x = u->lay.detail.x + col;
	if (x + (int)n > COLS)
		return;
	printf("\0337\033[%d;%dH\033]8;;%s\033\\%s%s\033]8;;\033\\\033[m\0338",
	    y + 1, x + 1, url, draw_link_sgr(), url);
	fflush(stdout);
}

/* Below the minimum size: a short notice, wrapped to whatever width. */
static void
draw_too_small(void)
{
	char text[64];
	size_t len, pos, n, next;
	int rows = 0, y;

	snprintf(text, sizeof(text), "Terminal too small (needs %dx%d)",
	    UI_MIN_COLS, UI_MIN_ROWS);
	len = strlen(text);
	for (pos = 0; pos < len; pos = next) {
		text_wrap(text + pos, len - pos, (size_t)COLS, &next);
		next += pos;
		rows++;
	}
	y = (LINES - rows) / 2 > 0 ? (LINES - rows) / 2 : 0;
	werase(stdscr);
	for (pos = 0; pos < len && y < LINES; pos = next, y++) {
		n = text_wrap(text + pos, len - pos, (size_t)COLS, &next);
		next += pos;
		wmove(stdscr, y, 0);
		draw_put(stdscr, text + pos, n, COLS, pos == 0 ? A_BOLD :
		    A_NORMAL, NULL, 0, 0);
	}
	wnoutrefresh(stdscr);
}

static void
draw_sep(struct ui *u)
{
	int i;

	if (u->sep == NULL)
		return;
	/*
	 * Box-drawing characters in a UTF-8 locale, ASCII otherwise: the
	 * alternate character set is not drawn right by every terminal
	 * and multiplexer combination.
	 */
	werase(u->sep);
	if (u->lay.stacked) {
		wmove(u->sep, 0, 0);
		for (i = 0; i < u->lay.sep.w; i++)
			waddstr(u->sep, draw_glyph("\xe2\x94\x80", "-"));
	} else
		for (i = 0; i < u->lay.sep.h; i++)
			mvwaddstr(u->sep, i, 0, draw_glyph("\xe2\x94\x82", "|"));
	wnoutrefresh(u->sep);
}

/*
 * Leave the terminal's cursor where w's cursor is.  It is set through
 * stdscr, which every pane is derived from: wget_wch() refreshes stdscr
 * after a relayout touched it, and would otherwise move the cursor to
 * stdscr's own position.
 */
static void
park_cursor(WINDOW *w)
{
	int y, x;

	getyx(w, y, x);
	wmove(stdscr, getbegy(w) + y, getbegx(w) + x);
	wnoutrefresh(stdscr);
}

/*
 * When the bottom line is taken (the search bar, the PIN prompt), a
 * kiosk's countdown goes on the row above it, so that the warning is
 * seen whatever the visitor left open; so does a message when the
 * bottom line is a kiosk's buttons.
 */
static void
draw_countdown_above(struct ui *u)
{
	enum key_mode mode = app_mode(&u->app);
	WINDOW *w;

	if ((mode != KM_BAR && mode != KM_PIN && !app_buttons(&u->app)) ||
	    LINES < 3 ||
	    (w = derwin(stdscr, 1, COLS, LINES - 2, 0)) == NULL)
		return;
	pane_status_countdown(w, &u->app);
	delwin(w);
}

/*
 * A pattern error with a position gets a caret on the last row of the
 * body, right above the bar.
 */
static void
draw_caret(struct ui *u)
{
	const struct app *a = &u->app;
	WINDOW *caret;

	if (a->bar.error[0] == '\0' || !a->bar.error_has_col ||
	    a->overlay != OVERLAY_NONE ||
	    (caret = derwin(stdscr, 1, COLS, LINES - 2, 0)) == NULL)
		return;
	werase(caret);
	if (u->sep != NULL && !u->lay.stacked)
		mvwaddstr(caret, 0, u->lay.sep.x, draw_glyph("\xe2\x94\x82",
		    "|"));
	searchbar_draw_caret(caret, a);
	wnoutrefresh(caret);
	delwin(caret);
}

/* Hand the app what the panes measure at the current layout. */
static void
measure(struct ui *u)
{
	struct app *a = &u->app;
	size_t detail = 0, match = (size_t)-1, page = a->overlay_lines;

	if (a->overlay == OVERLAY_HELP || a->overlay == OVERLAY_ABOUT)
		page = pane_overlay_measure(a, u->lay.title.w);
	if (u->detail != NULL)
		detail = pane_detail_measure(a, u->lay.detail.w, &match);
	app_measured(a, detail, match, page);
}

/*
 * The one redraw path: measure, draw every pane into its window, put the
 * cursor where it belongs, then a single doupdate().
 */
static void
ui_draw(struct ui *u)
{
	const struct app *a = &u->app;
	enum key_mode mode = app_mode(a);

	app_dirty(&u->app, 0);
	if (u->lay.too_small) {
		draw_too_small();
		doupdate();
		return;
	}
	measure(u);
	pane_title_draw(u->title, a);
	if (!a->loaded)
		pane_loading_draw(u->full, a);
	else if (app_spotlight(a))
		pane_attract_draw(u->full, a);
	else if (a->overlay == OVERLAY_QR)
		pane_qr_draw(u->full, a);
	else if (a->overlay == OVERLAY_TOPICS)
		pane_topics_draw(u->full, a);
	else if (a->overlay != OVERLAY_NONE)
		pane_overlay_draw(u->full, a);
	else if (u->lay.list_only && a->focus == FOCUS_DETAIL)
		pane_detail_draw(u->detail, a);	/* in the list's place */
	else {
		pane_list_draw(u->list, a);
		draw_sep(u);
		if (!u->lay.list_only)
			pane_detail_draw(u->detail, a);
	}
	if (mode == KM_BAR)
		draw_caret(u);
	draw_countdown_above(u);
	/* The bar is drawn last so that the cursor stays in it. */
	if (mode == KM_BAR) {
		searchbar_draw(u->status, a);
		park_cursor(u->status);
	} else {
		pane_status_draw(u->status, a);
		/* Park the cursor on the selection, for screen readers. */
		if (mode == KM_BROWSE && !app_spotlight(a)) {
			wmove(u->list, pane_list_cursor_row(a), 0);
			park_cursor(u->list);
		} else
			park_cursor(u->status);
	}
	curs_set(mode == KM_BAR);
	doupdate();
	draw_overlays();
	draw_hyperlink(u);
	if (a->opt->public)
		ui_term_note(LINES, COLS, u->real_rows, u->real_cols);
}

/*
 * Bring curses and the layout in line with the terminal's size.  Called
 * on SIGWINCH, on KEY_RESIZE, on every turn of the loop when the size
 * differs (a resize must never wait for a key, whatever ncurses was in
 * the middle of reading) and after a terminal browser.  The layout is
 * redone once per change, however many of these notice it.
 */
static void
ui_sync_size(struct ui *u)
{
	struct winsize ws;
	int rows, cols;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0) {
		rows = u->real_rows = ws.ws_row;
		cols = u->real_cols = ws.ws_col;
		/* A public session's curses never sees a larger window. */
		if (u->app.opt->public)
			public_bound(&rows, &cols);
		if (rows != LINES || cols != COLS)
			resizeterm(rows, cols);
	}
	if (LINES != u->rows || COLS != u->cols)
		relayout(u);
}

/* A terminal browser or a shell (^Z) has it, without the paste mode. */
static void
hand_over(int give)
{
	if (give) {
		def_prog_mode();
		endwin();
		ui_input_paste_mode(0);
	} else {
		ui_input_paste_mode(1);
		reset_prog_mode();
	}
	probe_mode(stdout, !give);
}

/* ^Z: stop with the terminal as the shell had it; then all of it again. */
static void
ui_suspend(struct ui *u)
{
	struct sigaction ours;

	suspend = 0;
	hand_over(1);
	sigaction(SIGTSTP, NULL, &ours);
	signal(SIGTSTP, SIG_DFL);
	raise(SIGTSTP);
	sigaction(SIGTSTP, &ours, NULL);
	hand_over(0);
	ui_sync_size(u);
	clearok(curscr, TRUE);
	app_dirty(&u->app, 1);
}

static void
ui_request(struct ui *u)
{
	struct app *a = &u->app;
	char msg[sizeof(a->status)];
	const char *url;
	int rc;

	switch (app_take_request(a, &url)) {
	case REQ_OPEN:
		rc = open_url(&u->opens, url, msg, sizeof(msg));
		/* A terminal browser had the screen: paint all of it again. */
		ui_sync_size(u);
		clearok(curscr, TRUE);
		app_status(a, rc < 0, "%s", msg);
		u->next_reap = util_now_ms() + REAP_MS;
		break;
	case REQ_COPY:
		ui_draw(u);
		open_copy(url, a->req_what, msg, sizeof(msg));
		app_status(a, 0, "%s", msg);
		break;
	case REQ_REDRAW:
		clearok(curscr, TRUE);
		app_dirty(a, 1);
		break;
	case REQ_NONE:
		break;
	}
}

static void
ui_stop(void)
{
	endwin();
	ui_input_paste_mode(0);
	probe_mode(stdout, 0);
	ui_mouse_drag_mode(0);
}

static void
signals_init(int kiosk)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal must wake up the wait for a key. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/*
	 * Our own SIGWINCH: ncurses' turns into a KEY_RESIZE that can sit
	 * behind queued keys or a half-read mouse report.
	 */
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (kiosk) {
		signal(SIGTSTP, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
	} else {
		/* Ours, not curses': it would stop from inside a handler. */
		sa.sa_handler = on_tstp;
		sigaction(SIGTSTP, &sa, NULL);
	}
}

/* Milliseconds to wait for a key before a timer is due. */
static int
next_timeout(const struct ui *u)
{
	long long now = util_now_ms(), due = now + 1000, kiosk, data;

	if ((data = feed_deadline(&u->feed)) < due)
		due = data;
	if (open_pending(&u->opens) && u->next_reap < due)
		due = u->next_reap;
	if ((kiosk = app_deadline(&u->app)) >= 0 && kiosk < due)
		due = kiosk;
	if ((kiosk = ui_input_deadline(&u->in)) >= 0 && kiosk < due)
		due = kiosk;
	if ((kiosk = probe_due(&u->probe)) >= 0 && kiosk < due)
		due = kiosk;
	return due <= now ? 0 : (int)(due - now);
}

static void
timers(struct ui *u)
{
	char msg[sizeof(u->app.status)];
	long long now = util_now_ms();

	feed_tick(&u->feed, &u->app, now);
	app_tick(&u->app, now);
	if (open_pending(&u->opens) && now >= u->next_reap) {
		if (open_reap(&u->opens, msg, sizeof(msg)))
			app_status(&u->app, 1, "%s", msg);
		u->next_reap = now + REAP_MS;
	}
}

/*
 * Run one slice of a background filter.  The first screenful is drawn as
 * soon as it is known, the rest at most every SCAN_DRAW_MS, and the
 * whole when the scan is complete.
 */
static void
scan_slice(struct ui *u)
{
	struct app *a = &u->app;
	size_t before = a->view.rows.len, rows = (size_t)(a->list_rows > 0 ?
	    a->list_rows : 1);

	app_scan_step(a, APP_SCAN_SLICE);
	if (!a->view.scanning || (before < rows && a->view.rows.len >= rows))
		u->draw_now = 1;
}

static int
draw_due(struct ui *u)
{
	long long now = util_now_ms();

	if (!u->app.view.scanning || u->draw_now ||
	    now - u->last_draw >= SCAN_DRAW_MS) {
		u->draw_now = 0;
		u->last_draw = now;
		return 1;
	}
	return 0;
}

/*
 * C-s and C-q are keys like any other (a configuration may bind them),
 * not the terminal's flow control, which cbreak() leaves on.  Saved as
 * the program's mode, so that it is what curses restores after a
 * terminal browser.
 */
static void
flow_control_off(struct ui *u)
{
	struct termios t;

	if (tcgetattr(fileno(u->tty), &t) == 0 && (t.c_iflag & IXON)) {
		t.c_iflag &= ~(tcflag_t)IXON;
		if (tcsetattr(fileno(u->tty), TCSANOW, &t) == 0)
			def_prog_mode();
	}
}

/* Curses on the terminal, in the modes the browser reads keys in. */
static int
ui_start(struct ui *u, const struct app_options *opt)
{
	const char *term, *cup;
	struct buf safe = { 0 };

	if (opt->public && ui_term_public_start(&u->app) < 0)
		return -1;
	term = getenv("TERM");
	if (term == NULL || *term == '\0') {
		fprintf(stderr, "%s: TERM is not set, so the browser cannot "
		    "draw; set it to the terminal's type (TERM=xterm-256color), "
		    "or use -s REGEX or --list\n", util_progname());
		return -1;
	}
	if ((u->screen = newterm(NULL, stdout, u->tty)) == NULL) {
		fprintf(stderr, "%s: cannot use terminal type '%s'; use -s "
		    "REGEX or --list\n", util_progname(), text_safe(&safe,
		    term));
		buf_free(&safe);
		return -1;
	}
	/* A terminal that cannot place the cursor cannot show panes. */
	cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1) {
		endwin();
		delscreen(u->screen);
		u->screen = NULL;
		fprintf(stderr, "%s: terminal type '%s' cannot move the "
		    "cursor, so the browser cannot draw; use -s REGEX or "
		    "--list\n", util_progname(), text_safe(&safe, term));
		buf_free(&safe);
		return -1;
	}
	die_set_cleanup(ui_stop);
	signals_init(opt->kiosk || opt->public);
	/*
	 * A kiosk reads in raw mode so that ^C, ^Z and ^\\ arrive as keys
	 * (and do nothing); otherwise ^C is SIGINT, which quits cleanly.
	 */
	if (opt->kiosk)
		raw();
	else
		cbreak();
	noecho();
	nonl();
	flow_control_off(u);
	keypad(stdscr, TRUE);
	/* The loop waits in poll(); curses only takes what has come. */
	wtimeout(stdscr, 0);
	set_escdelay(25);
	ui_input_init(&u->in);
	curs_set(0);
	draw_init(opt->color, text_locale_utf8(), opt->theme);
	u->links = ui_term_links(opt->public);
	if (draw_utf8()) {
		probe_start(&u->probe, stdout, util_now_ms());
		u->in.probe = &u->probe;
	}
	/* A kiosk is made for touch: taps and drags. */
	if (opt->mouse)
		ui_mouse_start(&u->mouse, opt->kiosk);
	return 0;
}

/*
 * Wait for a key, the end of a load or a signal, at most timeout ms.  A
 * key already read by curses is not waited for.
 */
static void
ui_wait(struct ui *u, int timeout)
{
	struct pollfd fds[2];

	fds[0].fd = fileno(u->tty);
	fds[0].events = POLLIN;
	fds[1].fd = feed_fd(&u->feed);
	fds[1].events = POLLIN;
	if (poll(fds, 2, timeout) <= 0)
		return;
	/* A hung-up terminal (EOF, EIO) is never readable again. */
	if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
		u->hangup = 1;
	if (fds[1].revents & POLLIN)
		feed_take(&u->feed, &u->app);
}

/* One key, a mouse report, a resize or a whole paste. */
static void
take_key(struct ui *u, enum ui_input_kind kind, int key)
{
	const struct paste *p = &u->in.paste;

	if (kind == UI_IN_TAKEN)
		return;		/* part of a paste */
	if (kind == UI_IN_RESIZE)
		ui_sync_size(u);
	else if (kind == UI_IN_MOUSE)
		ui_mouse_event(&u->mouse, &u->app, &u->lay, util_now_ms());
	else if (kind == UI_IN_PASTE)
		app_paste(&u->app, p->text.ptr, p->text.len, p->cut,
		    util_now_ms());
	else
		app_key(&u->app, key, util_now_ms());
	u->draw_now = 1;
	if (u->app.request != REQ_NONE)
		ui_request(u);
}

/* Once the terminal has answered (probe.h): count by cluster if it does. */
static void
probe_settled(struct ui *u)
{
	if (probe_settle(&u->probe, stdout)) {
		text_set_graphemes(1);
		clearok(curscr, TRUE);
		app_dirty(&u->app, 1);
	}
}

/*
 * One turn of the loop: timers, a slice of a scan, a frame, then every
 * key that is waiting (up to a frame's worth of time), so that keys
 * typed ahead or pasted cost one frame, not one frame each.
 */
static void
ui_turn(struct ui *u, int *keys)
{
	enum ui_input_kind kind;
	long long until;
	int key = 0, n;

	if (suspend)
		ui_suspend(u);
	ui_sync_size(u);
	if (resized) {
		resized = 0;
		clearok(curscr, TRUE);
		app_dirty(&u->app, 1);
	}
	timers(u);
	ui_input_tick(&u->in, util_now_ms());
	probe_settled(u);
	/* A key is echoed before the next slice of a scan is run. */
	if (u->app.dirty && u->draw_now && draw_due(u))
		ui_draw(u);
	if (u->app.view.scanning)
		scan_slice(u);
	if (u->app.dirty && draw_due(u))
		ui_draw(u);
	/* A scan, or keys coming in, only look for more between turns. */
	ui_wait(u, u->app.view.scanning || *keys ||
	    ui_input_pending(&u->in) ? 0 : next_timeout(u));
	until = util_now_ms() + KEYS_MS;
	for (n = 0; n < KEYS_MAX && !u->app.quit && !stop_signal; n++) {
		if ((kind = ui_input_read(&u->in, &key,
		    util_now_ms())) == UI_IN_NONE)
			break;
		take_key(u, kind, key);
		probe_settled(u);
		if (util_now_ms() >= until)
			break;
	}
	*keys = n > 0;
	if (n > 0 && u->app.opt->public)
		ui_term_watchdog(u->app.opt->idle);
}

int
ui_run(const struct app_options *opt, struct source *src,
    struct recordset *rs, struct errlist *errs)
{
	struct ui u;
	int keys = 0, rc;

	memset(&u, 0, sizeof(u));
	u.opens.tty = hand_over;
	u.opens.stopping = stop_requested;
	/* With the data on standard input, keys come from the terminal. */
	u.tty = stdin;
	if (src->path != NULL && strcmp(src->path, "-") == 0 &&
	    (u.tty = fopen("/dev/tty", "r")) == NULL) {
		fprintf(stderr, "%s: cannot read keys from /dev/tty: %s\n",
		    util_progname(), strerror(errno));
		return -1;
	}
	u.opens.tty_fd = fileno(u.tty);
	u.opens.command = opt->opener;
	u.opens.command_terminal = opt->opener_terminal;
	app_init(&u.app, opt, rs);
	if (opt->kiosk || opt->public)
		app_kiosk_start(&u.app, util_now_ms());
	feed_init(&u.feed, src, errs, util_now_ms());
	if (source_start(src) < 0) {
		fprintf(stderr, "%s: cannot start loading: %s\n",
		    util_progname(), strerror(errno));
		rc = -1;
	} else if (ui_start(&u, opt) < 0)
		rc = -1;
	else {
		ui_sync_size(&u);
		/* The first frame, at once, whatever the load is doing. */
		ui_draw(&u);
		while (!stop_signal && !u.app.quit && !u.feed.failed &&
		    !u.hangup)
			ui_turn(&u, &keys);
		windows_free(&u);
		ui_stop();
		if (u.mouse.touch)
			ui_mouse_drag_mode(0);
		die_set_cleanup(NULL);
		delscreen(u.screen);
		draw_done();
		/*
		 * ^C ends a browser as it ends a shell's command; a kiosk
		 * reads it as a key, and a SIGINT there is the operator's.
		 */
		rc = u.feed.failed ? 1 : stop_signal == SIGINT && !opt->kiosk ?
		    2 : u.app.idle_out ? PUBLIC_ENDED_IDLE : 0;
	}
	if (u.tty != stdin && u.tty != NULL)
		fclose(u.tty);
	ui_input_done(&u.in);
	app_done(&u.app);
	return rc;
}
