/*
 * ui: the terminal side of the browser.  See ui.h.
 *
 * All panes are derived windows of stdscr, so stdscr's implicit refresh
 * in wget_wch() never paints anything stale over them.  Keys, mouse,
 * resizes, timers (file watch, reaping openers) and signals all arrive in
 * the one loop in ui_run(); handlers change state and set app->dirty, and
 * ui_draw() is the only caller of the pane draw hooks.
 */
#include "ui.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "kiosk.h"
#include "load.h"
#include "match.h"
#include "open.h"
#include "pane.h"
#include "record.h"
#include "searchbar.h"
#include "text.h"
#include "util.h"

#define WATCH_MS	500	/* how often the data file is looked at */
#define REAP_MS		200	/* how often running openers are reaped */
#define SCAN_DRAW_MS	50	/* redraws while a filter fills in */
#define KIOSK_RELOAD_MAX (64 << 20)	/* a kiosk reloads no bigger file */

/* The only file-level state that changes: set by signal handlers. */
static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t resized;

/* Chosen once at start-up from the terminal and the options. */
static attr_t styles[UI_STYLE_COUNT];
static int utf8_locale;
static int color_on;

struct ui {
	struct app	 app;
	struct layout	 lay;
	int		 rows, cols;	/* the size lay was computed for */
	WINDOW		*title, *list, *detail, *sep, *status, *full;
	SCREEN		*screen;
	struct open_state opens;
	struct stat	 data_st;	/* the watched file as last loaded */
	int		 data_missing;	/* reported that it is gone */
	int		 data_stale;	/* the file on disk is not what is shown */
	long long	 next_watch;	/* ms on CLOCK_MONOTONIC */
	long long	 next_reap;
	long long	 last_draw;	/* ms */
	int		 links;		/* the terminal shows OSC 8 links */
	int		 draw_now;	/* draw at the next chance */
};

static void
on_signal(int sig)
{
	stop_signal = sig;
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

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

attr_t
ui_attr(enum ui_style s)
{
	return s < UI_STYLE_COUNT ? styles[s] : A_NORMAL;
}

int
ui_utf8(void)
{
	return utf8_locale;
}

int
ui_color(void)
{
	return color_on;
}

/* Colours on a terminal that has them, unless the user said no. */
static void
styles_init(int color_opt)
{
	const char *nc = getenv("NO_COLOR");
	int color = color_opt == 2 || (color_opt == 1 && has_colors() &&
	    (nc == NULL || *nc == '\0'));

	/*
	 * Monochrome first: every state is told apart by reverse, bold and
	 * underline alone, so it reads on any terminal.  Colour is added on
	 * top, on the terminal's own background.
	 */
	styles[UI_NORMAL] = A_NORMAL;
	styles[UI_TITLE] = A_REVERSE | A_BOLD;
	styles[UI_SELECTED] = A_REVERSE | A_BOLD;
	styles[UI_SELECTED_DIM] = A_REVERSE;
	styles[UI_MATCH] = A_BOLD | A_UNDERLINE;
	styles[UI_HEADER] = A_UNDERLINE;
	styles[UI_HEADER_FOCUS] = A_BOLD | A_UNDERLINE;
	styles[UI_LABEL] = A_BOLD;
	styles[UI_LINK] = A_UNDERLINE;
	styles[UI_BOLD] = A_BOLD;
	styles[UI_DIM] = A_DIM;
	styles[UI_ERROR] = A_BOLD;
	styles[UI_KEY] = A_BOLD;
	styles[UI_QR] = A_NORMAL;
	if (!color || start_color() == ERR)
		return;
	color_on = 1;
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_RED, -1);
	init_pair(3, COLOR_CYAN, -1);
	init_pair(4, COLOR_RED, -1);
	/* Bright blue and bright white where there are 16 colours. */
	init_pair(5, COLORS >= 16 ? 12 : COLOR_CYAN, -1);
	init_pair(6, COLOR_BLACK, COLORS >= 16 ? 15 : COLOR_WHITE);
	styles[UI_QR] = COLOR_PAIR(6);
	styles[UI_TITLE] = COLOR_PAIR(1) | A_BOLD;
	styles[UI_MATCH] = COLOR_PAIR(2) | A_BOLD | A_UNDERLINE;
	styles[UI_HEADER_FOCUS] = COLOR_PAIR(3) | A_BOLD | A_UNDERLINE;
	styles[UI_ERROR] = COLOR_PAIR(4) | A_BOLD;
	styles[UI_LINK] = COLOR_PAIR(5) | A_UNDERLINE;
}

void
layout_compute(int rows, int cols, struct layout *l)
{
	int body, lw, lh;

	memset(l, 0, sizeof(*l));
	if (rows < UI_MIN_ROWS || cols < UI_MIN_COLS) {
		l->too_small = 1;
		return;
	}
	body = rows - 2;
	l->title = (struct rect){ 0, 0, 1, cols };
	l->status = (struct rect){ rows - 1, 0, 1, cols };
	if (cols >= UI_WIDE_COLS) {
		lw = cols * 2 / 5;
		if (lw < 28)
			lw = 28;
		if (lw > 52)
			lw = 52;
		l->list = (struct rect){ 1, 0, body, lw };
		l->sep = (struct rect){ 1, lw, body, 1 };
		l->detail = (struct rect){ 1, lw + 1, body, cols - lw - 1 };
	} else if (rows >= UI_STACK_ROWS) {
		/* The description's underlined header separates the two. */
		l->stacked = 1;
		lh = body * 2 / 5;
		if (lh < 4)
			lh = 4;
		l->list = (struct rect){ 1, 0, lh, cols };
		l->detail = (struct rect){ 1 + lh, 0, body - lh, cols };
	} else {
		l->list_only = 1;
		l->list = (struct rect){ 1, 0, body, cols };
	}
}

/* Ellipsis and its width for this locale. */
static const char *
ellipsis(void)
{
	return utf8_locale ? "\xe2\x80\xa6" : "~";
}

int
ui_put(WINDOW *w, const char *s, size_t len, int cols, attr_t attr,
    const struct spans *hl, size_t hl_base, int flags)
{
	const char *standin;
	size_t i = 0, n, hi = 0, pos;
	int used = 0, limit = cols, cw;
	uint32_t cp;
	attr_t a;
	char glyph[8];

	if (cols <= 0)
		return 0;
	if ((flags & UI_ELLIPSIS) && text_width(s, len) > (size_t)cols)
		limit = cols - 1;
	while (i < len) {
		n = text_decode(s + i, len - i, &cp);
		pos = hl_base + i;
		a = attr;
		if (hl != NULL) {
			while (hi < hl->len && hl->v[hi].end <= pos)
				hi++;
			if (hi < hl->len && hl->v[hi].start <= pos)
				a |= styles[UI_MATCH];
		}
		if (cp == '\n' || cp == '\t' || cp == '\r') {
			strcpy(glyph, " ");
			cw = 1;
		} else if (text_is_unsafe(cp) || cp == TEXT_REPLACEMENT) {
			/* Never the raw byte: a visible stand-in. */
			strcpy(glyph, utf8_locale ? "\xef\xbf\xbd" : "?");
			cw = 1;
		} else if (cp >= 0x80 && !utf8_locale) {
			standin = text_ascii_standin(cp);
			snprintf(glyph, sizeof(glyph), "%s",
			    standin != NULL ? standin : "?");
			cw = (int)strlen(glyph);
		} else {
			memcpy(glyph, s + i, n);
			glyph[n] = '\0';
			cw = text_cp_width(cp);
		}
		if (used + cw > limit)
			break;
		if (cw == 0 && used == 0) {
			i += n;		/* a mark with nothing to sit on */
			continue;
		}
		wattrset(w, a);
		waddstr(w, glyph);
		used += cw;
		i += n;
		if ((flags & UI_ONE_CHAR) && cw > 0)
			break;
	}
	if (i < len && limit < cols) {
		wattrset(w, attr);
		waddstr(w, ellipsis());
		used++;
	}
	wattrset(w, A_NORMAL);
	return used;
}

int
ui_puts(WINDOW *w, const char *s, int cols, attr_t attr)
{
	return ui_put(w, s, strlen(s), cols, attr, NULL, 0, UI_ELLIPSIS);
}

void
ui_fill(WINDOW *w, int cols, attr_t attr)
{
	int i;

	wattrset(w, attr);
	for (i = 0; i < cols; i++)
		waddch(w, ' ');
	wattrset(w, A_NORMAL);
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
	struct app *a = &u->app;
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
	if (!u->lay.too_small) {
		u->title = window_at(&u->lay.title);
		u->list = window_at(&u->lay.list);
		u->detail = window_at(&u->lay.detail);
		u->sep = window_at(&u->lay.sep);
		u->status = window_at(&u->lay.status);
		full = (struct rect){ 1, 0, LINES - 2, COLS };
		u->full = window_at(&full);
		a->list_rows = u->lay.list.h - 1;
		a->detail_rows = u->lay.detail.h > 0 ? u->lay.detail.h - 1 : 0;
		a->overlay_rows = LINES - 2;
		if (u->lay.list_only && a->focus == FOCUS_DETAIL)
			a->focus = FOCUS_LIST;
	}
	app_clamp(a);
	a->dirty = 1;
}

/*
 * Terminals known to show OSC 8 hyperlinks (and to ignore them cleanly
 * is not enough: an unknown OSC can print garbage on some).  Not inside
 * tmux or screen, which pass them on only when configured to.
 */
static int
hyperlinks_supported(void)
{
	const char *tp = getenv("TERM_PROGRAM"), *term = getenv("TERM");
	const char *vte = getenv("VTE_VERSION");

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
	return term != NULL && (strncmp(term, "foot", 4) == 0 ||
	    strcmp(term, "xterm-kitty") == 0 || strcmp(term, "wezterm") == 0 ||
	    strncmp(term, "contour", 7) == 0);
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
	    a->overlay != OVERLAY_NONE || a->searching ||
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
	    y + 1, x + 1, url, color_on ? "\033[4;94m" : "\033[4m", url);
	fflush(stdout);
}

/*
 * A kiosk waiting for visitors shows the "Become an Ally" page as a code
 * under the ally of the moment, where the description leaves room.
 */
static void
draw_attract_code(struct ui *u)
{
	const struct app *a = &u->app;
	const char *url = a->rs->program.become_ally_url;
	const char *caption = "Become an Ally: scan this code";
	int top, rows, cols = u->lay.detail.w - 2, used;

	if (!a->opt->kiosk || a->kiosk.phase != KIOSK_ATTRACT || url == NULL)
		return;
	top = 1 + (int)a->detail_lines + 1;
	rows = u->lay.detail.h - top - 1;
	if (rows < 12 || a->detail_top > 0)
		return;
	used = pane_qr_code(u->detail, url, top + 1, 1, rows - 1, cols);
	if (used == 0)
		return;
	wmove(u->detail, top, 1 + (cols - (int)strlen(caption)) / 2);
	ui_puts(u->detail, caption, cols, ui_attr(UI_BOLD));
	wnoutrefresh(u->detail);
}

/*
 * When the bottom line is taken (the search bar, the PIN prompt), a
 * kiosk's countdown goes on the row above it, so that the warning is
 * seen whatever the visitor left open.
 */
static void
draw_countdown_above(struct ui *u)
{
	const struct app *a = &u->app;
	WINDOW *w;

	if (!a->opt->kiosk || a->kiosk.phase != KIOSK_COUNTDOWN ||
	    (!a->searching && !a->kiosk.prompt) || LINES < 3)
		return;
	if ((w = derwin(stdscr, 1, COLS, LINES - 2, 0)) == NULL)
		return;
	werase(w);
	wmove(w, 0, 0);
	ui_put(w, a->status, strlen(a->status), COLS, ui_attr(UI_BOLD) |
	    A_REVERSE, NULL, 0, UI_ELLIPSIS);
	wnoutrefresh(w);
	delwin(w);
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
		ui_put(stdscr, text + pos, n, COLS, pos == 0 ? A_BOLD :
		    A_NORMAL, NULL, 0, 0);
	}
	wnoutrefresh(stdscr);
}

static void
draw_title(struct ui *u)
{
	const struct app *a = &u->app;
	const char *name = a->rs->program.name != NULL ?
	    a->rs->program.name : "Social Mission Alliance Allies";
	struct buf r = { 0 };
	int w = u->lay.title.w, rw, lw;

	/* A failed reload is marked here: it outlasts the status line. */
	if (u->data_stale)
		buf_addf(&r, "%s old data  ", utf8_locale ? "\xe2\x9a\xa0" :
		    "!");
	if (a->overlay == OVERLAY_HELP)
		buf_adds(&r, "Help ");
	else if (a->overlay == OVERLAY_ABOUT)
		buf_adds(&r, "About ");
	else if (a->filter != NULL) {
		buf_addc(&r, '/');
		text_sanitize(&r, a->filter, strlen(a->filter),
		    TEXT_SPACES | (utf8_locale ? 0 : TEXT_ASCII));
		buf_addf(&r, "/  %zu%s/%zu ", a->view.len,
		    a->scanning ? "+" : "", a->rs->len);
	} else
		buf_addf(&r, "%zu %s ", a->rs->len,
		    a->rs->len == 1 ? "ally" : "allies");
	werase(u->title);
	wmove(u->title, 0, 0);
	ui_fill(u->title, w, ui_attr(UI_TITLE));
	rw = (int)text_width(r.ptr, r.len);
	if (rw > w / 2)
		rw = w / 2;
	lw = (int)text_width(name, strlen(name));
	/* A kiosk's banner stands in the middle, to be seen from afar. */
	if (a->opt->kiosk && lw + 2 * rw + 2 < w)
		wmove(u->title, 0, (w - lw) / 2);
	else
		wmove(u->title, 0, 1);
	ui_puts(u->title, name, w - rw - 2, ui_attr(UI_TITLE));
	wmove(u->title, 0, w - rw);
	ui_puts(u->title, r.ptr, rw, ui_attr(UI_TITLE));
	buf_free(&r);
	wnoutrefresh(u->title);
}

/* Hints, or the status message. */
static void
draw_status(struct ui *u)
{
	static const struct {
		enum action	 act;
		const char	*what;
	} hints[] = {
		{ ACT_SEARCH, "search" }, { ACT_OPEN, "open" },
		{ ACT_COPY, "copy" }, { ACT_FOCUS, "focus" },
		{ ACT_ABOUT, "about" }, { ACT_HELP, "help" },
		{ ACT_QUIT, "quit" },
	};
	const struct app *a = &u->app;
	char keys[64];
	const char *k;
	int w = u->lay.status.w, x = 0;
	size_t i, n;

	werase(u->status);
	wmove(u->status, 0, 0);
	if (a->kiosk.prompt) {
		/* One star a character: never the PIN itself. */
		x = ui_puts(u->status, "Staff PIN: ", w, ui_attr(UI_BOLD));
		n = text_chars(a->kiosk.entry.ptr, a->kiosk.entry.len);
		for (i = 0; i < n && x < w - 1; i++)
			x += ui_puts(u->status, "*", w - x, A_NORMAL);
		ui_puts(u->status, "   Enter checks, Esc cancels", w - x,
		    ui_attr(UI_DIM));
		wmove(u->status, 0, 11 + (int)n < w ? 11 + (int)n : w - 1);
		wnoutrefresh(u->status);
		return;
	}
	if (a->overlay == OVERLAY_QR && a->status[0] == '\0') {
		wnoutrefresh(u->status);
		return;
	}
	if (a->overlay != OVERLAY_NONE && a->status[0] == '\0') {
		x += ui_puts(u->status, "Esc", w, ui_attr(UI_KEY));
		x += ui_puts(u->status, " close  ", w - x, ui_attr(UI_DIM));
		if (a->overlay_lines > (size_t)a->overlay_rows) {
			char more[48];

			x += ui_puts(u->status, "j k", w - x, ui_attr(UI_KEY));
			snprintf(more, sizeof(more), " scroll (%zu%%)  ",
			    (a->overlay_top + (size_t)a->overlay_rows) * 100 /
			    a->overlay_lines);
			x += ui_puts(u->status, more, w - x, ui_attr(UI_DIM));
		}
		if (a->overlay == OVERLAY_ABOUT &&
		    a->rs->program.become_ally_url != NULL) {
			x += ui_puts(u->status, "b", w - x, ui_attr(UI_KEY));
			ui_puts(u->status, " become an Ally", w - x,
			    ui_attr(UI_DIM));
		}
		wnoutrefresh(u->status);
		return;
	}
	if (a->status[0] != '\0') {
		ui_put(u->status, a->status, strlen(a->status), w,
		    a->status_error ? ui_attr(UI_ERROR) : A_NORMAL, NULL, 0,
		    UI_ELLIPSIS);
		wnoutrefresh(u->status);
		return;
	}
	for (i = 0; i < nitems(hints) && x < w; i++) {
		if (a->opt->kiosk && !action_kiosk_ok(hints[i].act))
			continue;
		keys_labels(hints[i].act, keys, sizeof(keys));
		/* The first key only: "/ search", "o open". */
		k = strtok(keys, " ");
		if (k == NULL)
			continue;
		if (x > 0)
			x += ui_puts(u->status, "  ", w - x, A_NORMAL);
		x += ui_puts(u->status, k, w - x, ui_attr(UI_KEY));
		x += ui_puts(u->status, " ", w - x, A_NORMAL);
		x += ui_puts(u->status, a->opt->kiosk &&
		    hints[i].act == ACT_OPEN ? "code to scan" : hints[i].what,
		    w - x, ui_attr(UI_DIM));
	}
	wnoutrefresh(u->status);
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
			waddstr(u->sep, utf8_locale ? "\xe2\x94\x80" : "-");
	} else
		for (i = 0; i < u->lay.sep.h; i++)
			mvwaddstr(u->sep, i, 0,
			    utf8_locale ? "\xe2\x94\x82" : "|");
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
 * The one redraw path: measure, clamp, draw every pane into its window,
 * put the cursor where it belongs, then a single doupdate().
 */
static void
ui_draw(struct ui *u)
{
	struct app *a = &u->app;
	WINDOW *caret;
	int row;

	a->dirty = 0;
	if (u->lay.too_small) {
		draw_too_small();
		doupdate();
		return;
	}
	if (a->overlay == OVERLAY_HELP || a->overlay == OVERLAY_ABOUT)
		pane_overlay_measure(a, u->lay.title.w, LINES - 2);
	if (u->detail != NULL)
		pane_detail_measure(a, u->lay.detail.w, u->lay.detail.h - 1);
	app_clamp(a);

	draw_title(u);
	if (a->overlay == OVERLAY_QR)
		pane_qr_draw(u->full, a);
	else if (a->overlay != OVERLAY_NONE)
		pane_overlay_draw(u->full, a);
	else {
		pane_list_draw(u->list, a);
		draw_sep(u);
		if (u->detail != NULL) {
			pane_detail_draw(u->detail, a);
			draw_attract_code(u);
		}
	}
	if (a->searching) {
		/*
		 * A pattern error with a position gets a caret on the last
		 * row of the body, right above the bar.  The bar is drawn
		 * last so that the cursor stays in it.
		 */
		if (a->bar_error[0] != '\0' && a->bar_error_has_col &&
		    a->overlay == OVERLAY_NONE) {
			caret = derwin(stdscr, 1, COLS, LINES - 2, 0);
			werase(caret);
			if (u->sep != NULL && !u->lay.stacked)
				mvwaddstr(caret, 0, u->lay.sep.x,
				    utf8_locale ? "\xe2\x94\x82" : "|");
			searchbar_draw_caret(caret, a);
			wnoutrefresh(caret);
			delwin(caret);
		}
		draw_countdown_above(u);
		searchbar_draw(u->status, a);
		park_cursor(u->status);
		curs_set(1);
	} else {
		draw_countdown_above(u);
		draw_status(u);
		/* Park the cursor on the selection, for screen readers. */
		if (a->overlay == OVERLAY_NONE && !a->kiosk.prompt) {
			row = pane_list_cursor_row(a);
			wmove(u->list, row, 0);
			park_cursor(u->list);
		} else
			park_cursor(u->status);
		curs_set(0);
	}
	doupdate();
	draw_hyperlink(u);
}

/* Reload the watched file when it changed. */
static void
watch_data(struct ui *u)
{
	const char *path = u->app.opt->data_path;
	struct recordset fresh;
	struct errlist errs;
	struct stat st;
	char *msg;

	if (path == NULL)
		return;
	if (stat(path, &st) == -1) {
		if (!u->data_missing)
			app_status(&u->app, 1, "%s: %s; showing the data "
			    "loaded before", path, strerror(errno));
		u->data_missing = 1;
		u->data_stale = 1;
		return;
	}
	u->data_missing = 0;
	if (u->app.opt->kiosk && st.st_size > KIOSK_RELOAD_MAX) {
		/* Not worth freezing a kiosk for: keep what is shown. */
		if (st.st_size != u->data_st.st_size)
			app_status(&u->app, 1, "%s is over %d MiB; showing the "
			    "data loaded before", path, KIOSK_RELOAD_MAX >> 20);
		u->data_st = st;
		u->data_stale = 1;
		return;
	}
	if (st.st_mtim.tv_sec == u->data_st.st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == u->data_st.st_mtim.tv_nsec &&
	    st.st_size == u->data_st.st_size &&
	    st.st_ino == u->data_st.st_ino && st.st_dev == u->data_st.st_dev)
		return;
	u->data_st = st;
	recordset_init(&fresh);
	errlist_init(&errs);
	if (load_file(path, &fresh, &errs) == 0) {
		u->data_stale = 0;
		app_reload(&u->app, &fresh);
		app_status(&u->app, 0, "Reloaded %s: %zu %s", path,
		    u->app.rs->len, u->app.rs->len == 1 ? "ally" : "allies");
	} else {
		size_t i;

		for (i = 0; i < errs.len && !errs.v[i].error; i++)
			;
		msg = errlist_format(&errs, i < errs.len ? i : 0, path);
		app_status(&u->app, 1, "Reload failed, kept the old data: %s",
		    msg);
		u->data_stale = 1;
		free(msg);
	}
	errlist_done(&errs);
	recordset_done(&fresh);
}

/* Which rectangle holds a screen position. */
static int
in_rect(const struct rect *r, int y, int x)
{
	return r->h > 0 && y >= r->y && y < r->y + r->h && x >= r->x &&
	    x < r->x + r->w;
}

static void
ui_mouse(struct ui *u)
{
	struct app *a = &u->app;
	MEVENT ev;
	size_t row;
	long wheel = 0;

	if (getmouse(&ev) != OK || u->lay.too_small)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		wheel = -3;
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		wheel = 3;
#endif
	if (a->overlay != OVERLAY_NONE) {
		if (wheel != 0)
			app_scroll_overlay(a, wheel);
		else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))
			app_do(a, ACT_CLEAR);	/* a click closes it */
		return;
	}
	if (in_rect(&u->lay.list, ev.y, ev.x)) {
		if (wheel != 0) {
			app_scroll_list(a, wheel);
			return;
		}
		if (ev.y == u->lay.list.y)
			return;		/* the header */
		row = a->list_top + (size_t)(ev.y - u->lay.list.y - 1);
		if (row >= a->view.len)
			return;
		if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED |
		    BUTTON1_DOUBLE_CLICKED)) {
			a->focus = FOCUS_LIST;
			app_select(a, row);
		}
		if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
			app_do(a, ACT_OPEN);
	} else if (in_rect(&u->lay.detail, ev.y, ev.x)) {
		if (wheel != 0)
			app_scroll_detail(a, wheel);
		else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) {
			a->focus = FOCUS_DETAIL;
			a->dirty = 1;
		}
	}
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

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS))
		resizeterm(ws.ws_row, ws.ws_col);
	if (LINES != u->rows || COLS != u->cols)
		relayout(u);
}

static void
ui_request(struct ui *u)
{
	struct app *a = &u->app;
	char msg[sizeof(a->status)];
	enum request r = a->request;
	int rc;

	a->request = REQ_NONE;
	switch (r) {
	case REQ_OPEN:
		if (a->opt->kiosk) {
			app_status(a, 0, "Visit %s", a->req_url);
			break;
		}
		rc = open_url(&u->opens, a->req_url, msg, sizeof(msg));
		/* A terminal browser had the screen: paint all of it again. */
		ui_sync_size(u);
		clearok(curscr, TRUE);
		app_status(a, rc < 0, "%s", msg);
		u->next_reap = now_ms() + REAP_MS;
		break;
	case REQ_COPY:
		ui_draw(u);
		open_copy(a->req_url, msg, sizeof(msg));
		app_status(a, 0, "%s", msg);
		break;
	case REQ_REDRAW:
		clearok(curscr, TRUE);
		a->dirty = 1;
		break;
	case REQ_NONE:
		break;
	}
}

/* The kiosk's share of a key: idle clock, staff exit.  1 if it took it. */
static int
ui_kiosk_key(struct ui *u, wint_t ch, int keycode)
{
	struct app *a = &u->app;
	long long now = now_ms();

	kiosk_input(a, now);
	if (a->kiosk.prompt) {
		if (keycode && (ch == KEY_BACKSPACE || ch == KEY_DC))
			ch = 127;
		else if (keycode && ch == KEY_ENTER)
			ch = '\r';
		else if (keycode)
			return 1;
		kiosk_pin_key(a, ch, now);
		return 1;
	}
	if (!keycode && ch == 0x1d) {		/* Ctrl-] */
		kiosk_pin_open(a, now);
		return 1;
	}
	return 0;
}

static void
ui_key(struct ui *u, wint_t ch, int keycode)
{
	struct app *a = &u->app;

	if (a->opt->kiosk && ui_kiosk_key(u, ch, keycode))
		return;
	if (keycode && ch == KEY_MOUSE) {
		ui_mouse(u);
		return;
	}
	if (u->lay.too_small) {
		a->dirty = 1;
		return;
	}
	if (a->overlay == OVERLAY_QR) {
		/* Any key closes the code, and only closes it. */
		a->overlay = OVERLAY_NONE;
		a->dirty = 1;
		return;
	}
	if (a->searching) {
		searchbar_key(a, ch, keycode);
		return;
	}
	app_do(a, keys_lookup((int)ch, keycode));
}

static void
ui_stop(void)
{
	endwin();
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
	}
}

/* Milliseconds to wait for a key before a timer is due. */
static int
next_timeout(const struct ui *u)
{
	long long now = now_ms(), due = now + 1000;

	if (u->app.opt->data_path != NULL && u->next_watch < due)
		due = u->next_watch;
	if (open_pending(&u->opens) && u->next_reap < due)
		due = u->next_reap;
	if (u->app.opt->kiosk && kiosk_deadline(&u->app) < due)
		due = kiosk_deadline(&u->app);
	return due <= now ? 0 : (int)(due - now);
}

static void
timers(struct ui *u)
{
	char msg[sizeof(u->app.status)];
	long long now = now_ms();

	if (u->app.opt->data_path != NULL && now >= u->next_watch) {
		watch_data(u);
		u->next_watch = now + WATCH_MS;
	}
	if (u->app.opt->kiosk)
		kiosk_tick(&u->app, now);
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
	size_t before = a->view.len, rows = (size_t)(a->list_rows > 0 ?
	    a->list_rows : 1);

	app_scan_step(a, APP_SCAN_SLICE);
	if (!a->scanning || (before < rows && a->view.len >= rows))
		u->draw_now = 1;
}

static int
draw_due(struct ui *u)
{
	long long now = now_ms();

	if (!u->app.scanning || u->draw_now ||
	    now - u->last_draw >= SCAN_DRAW_MS) {
		u->draw_now = 0;
		u->last_draw = now;
		return 1;
	}
	return 0;
}

int
ui_run(const struct app_options *opt, struct recordset *rs)
{
	struct ui u;
	const char *cs;
	wint_t ch;
	int rc;

	memset(&u, 0, sizeof(u));
	cs = nl_langinfo(CODESET);
	utf8_locale = cs != NULL && strcmp(cs, "UTF-8") == 0;
	app_init(&u.app, opt, rs);
	if (opt->kiosk)
		kiosk_init(&u.app, opt->pin, now_ms());
	if (opt->data_path != NULL)
		stat(opt->data_path, &u.data_st);
	u.next_watch = now_ms() + WATCH_MS;

	if ((u.screen = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr, "%s: cannot use terminal type '%s'\n",
		    util_progname(), getenv("TERM") ? getenv("TERM") : "");
		app_done(&u.app);
		return -1;
	}
	die_set_cleanup(ui_stop);
	signals_init(opt->kiosk);
	/*
	 * A kiosk reads in raw mode so that ^C, ^Z and ^\ arrive as keys
	 * (and do nothing); otherwise ^C is SIGINT, which quits cleanly.
	 */
	if (opt->kiosk)
		raw();
	else
		cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	styles_init(opt->color);
	u.links = hyperlinks_supported();
	if (opt->mouse) {
		/*
		 * Every event, though only clicks and the wheel are used:
		 * ncurses drops an event outside the mask and then goes on
		 * waiting for a key, which delays whatever else is due (a
		 * resize, a timer) until one comes.
		 */
		mousemask(ALL_MOUSE_EVENTS, NULL);
		mouseinterval(200);
	}
	relayout(&u);

	while (!stop_signal && !u.app.quit) {
		ui_sync_size(&u);
		if (resized) {
			resized = 0;
			clearok(curscr, TRUE);
			u.app.dirty = 1;
		}
		timers(&u);
		if (u.app.scanning)
			scan_slice(&u);
		if (u.app.dirty && draw_due(&u))
			ui_draw(&u);
		/* A scan in progress only looks for keys between slices. */
		wtimeout(stdscr, u.app.scanning ? 0 : next_timeout(&u));
		rc = wget_wch(stdscr, &ch);
		if (rc == ERR)
			continue;	/* a timer, or a signal */
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			ui_sync_size(&u);
			continue;
		}
		ui_key(&u, ch, rc == KEY_CODE_YES);
		u.draw_now = 1;
		if (u.app.request != REQ_NONE)
			ui_request(&u);
	}

	windows_free(&u);
	endwin();
	die_set_cleanup(NULL);
	delscreen(u.screen);
	kiosk_done(&u.app);
	app_done(&u.app);
	return 0;
}
