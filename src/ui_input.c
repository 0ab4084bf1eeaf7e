/*
 * ui_input: keys, Alt and pastes from curses.  See ui_input.h.
 */
#include "ui_input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "tui.h"
#include "util.h"

#define PASTE_ON	"\033[?2004h"
#define PASTE_OFF	"\033[?2004l"
#define PASTE_START	"\033[200~"
#define PASTE_END	"\033[201~"

/* A string capability of the terminal, or NULL when it has none. */
static const char *
cap(const char *name)
{
	const char *s = tigetstr(name);

	return s != NULL && s != (char *)-1 && *s != '\0' ? s : NULL;
}

int
ui_input_xterm(void)
{
	static const char *const families[] = {
		"xterm", "screen", "tmux", "rxvt", "alacritty", "foot",
		"kitty", "st", "wezterm", "contour", "vte", "gnome",
		"konsole", "putty", "mintty", "iterm"
	};
	const char *term = getenv("TERM"), *mouse = cap("kmous");
	size_t i, n;

	if (mouse != NULL && strncmp(mouse, "\033[<", 3) == 0)
		return 1;
	for (i = 0; term != NULL && i < nitems(families); i++) {
		n = strlen(families[i]);
		if (strncmp(term, families[i], n) == 0 &&
		    (term[n] == '\0' || term[n] == '-' || term[n] == '.'))
			return 1;
	}
	return 0;
}

void
ui_input_paste_mode(int on)
{
	const char *s = cap(on ? "BE" : "BD");

	if (s == NULL && ui_input_xterm())
		s = on ? PASTE_ON : PASTE_OFF;
	if (s != NULL) {
		fputs(s, stdout);
		fflush(stdout);
	}
}

/*
 * Have curses read the mark named name (PS, PE) as one key code of its
 * own, a code no key has: the marks must never be an Esc and keys.
 */
static int
mark_define(const char *name, const char *dflt)
{
	const char *s = cap(name) != NULL ? cap(name) : dflt;
	int code;

	if ((code = key_defined(s)) > 0)
		return code;
	for (code = KEY_MAX + 1; code < KEY_MAX + 1024; code++)
		if (!has_key(code) && keyname(code) == NULL)
			return define_key(s, code) == OK ? code : 0;
	return 0;
}

void
ui_input_init(struct ui_input *in)
{
	memset(in, 0, sizeof(*in));
	/* Whether or not the mode is on: a mark is never keys. */
	in->mark[0] = mark_define("PS", PASTE_START);
	in->mark[1] = mark_define("PE", PASTE_END);
	ui_input_paste_mode(1);
}

void
ui_input_done(struct ui_input *in)
{
	paste_done(&in->paste);
	in->held = 0;
}

/* curses' key codes, in the terminal-free codes of keys.h. */
static int
key_code(wint_t ch)
{
	static const struct {
		int	 curses;
		int	 key;
	} codes[] = {
		{ KEY_DOWN, K_DOWN }, { KEY_UP, K_UP }, { KEY_LEFT, K_LEFT },
		{ KEY_RIGHT, K_RIGHT }, { KEY_NPAGE, K_PAGE_DOWN },
		{ KEY_PPAGE, K_PAGE_UP }, { KEY_HOME, K_HOME },
		{ KEY_END, K_END }, { KEY_BTAB, K_BACKTAB },
		{ KEY_ENTER, K_ENTER }, { KEY_BACKSPACE, K_BACKSPACE },
		{ KEY_DC, K_DELETE }, { KEY_F(1), K_F1 },
		{ KEY_F(2), K_F2 }, { KEY_F(3), K_F3 }, { KEY_F(4), K_F4 },
	};
	size_t i;

	for (i = 0; i < nitems(codes); i++)
		if (codes[i].curses == (int)ch)
			return codes[i].key;
	return K_OTHER;
}

/* A key for next() to give, after those before it. */
static void
push(struct ui_input *in, int rc, wint_t ch)
{
	size_t at = (in->qhead + in->qlen) % (PROBE_KEYS + 1);

	if (in->qlen == PROBE_KEYS + 1)
		return;		/* more than the probe ever holds */
	in->queue_rc[at] = rc;
	in->queue_ch[at] = ch;
	in->qlen++;
}

static void
push_keys(struct ui_input *in, const int *keys, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		push(in, OK, (wint_t)keys[i]);
}

/*
 * The next input: what was held after an Esc, what the probe gave
 * back, else curses' next, through the probe while it waits.
 */
static int
next(struct ui_input *in, wint_t *ch)
{
	int keys[PROBE_KEYS], rc;
	size_t n;

	if (in->held) {
		in->held = 0;
		*ch = in->held_ch;
		return in->held_rc;
	}
	while (in->qlen == 0) {
		if ((rc = wget_wch(stdscr, ch)) == ERR)
			return ERR;
		if (in->probe == NULL || !in->probe->waiting)
			return rc;
		n = probe_key(in->probe, rc == OK ? (int)*ch : -1, in->now,
		    keys);
		push_keys(in, keys, n);
		if (rc == KEY_CODE_YES)
			push(in, rc, *ch);
	}
	rc = in->queue_rc[in->qhead];
	*ch = in->queue_ch[in->qhead];
	in->qhead = (in->qhead + 1) % (PROBE_KEYS + 1);
	in->qlen--;
	return rc;
}

void
ui_input_tick(struct ui_input *in, long long now)
{
	int keys[PROBE_KEYS];

	if (in->probe != NULL)
		push_keys(in, keys, probe_tick(in->probe, now, keys));
}

int
ui_input_pending(const struct ui_input *in)
{
	return in->held || in->qlen > 0;
}

/* A key code that is a key, not a resize, a mouse event or a mark. */
static int
is_key_code(const struct ui_input *in, wint_t ch)
{
	return ch != KEY_RESIZE && ch != KEY_MOUSE &&
	    (int)ch != in->mark[0] && (int)ch != in->mark[1];
}

/*
 * An Esc: with a key right behind it (curses returns the Esc alone only
 * when nothing followed within its delay, or what followed made no key
 * it knows), Alt and that key; else Esc, and what came is held.
 */
static int
after_esc(struct ui_input *in)
{
	wint_t ch;
	int rc = next(in, &ch);

	if (rc == OK && ch != K_ESC)
		return K_ALT | (int)ch;
	if (rc == KEY_CODE_YES && is_key_code(in, ch))
		return K_ALT | key_code(ch);
	if (rc != ERR) {
		in->held = 1;
		in->held_rc = rc;
		in->held_ch = ch;
	}
	return K_ESC;
}

/* Input inside a paste: text, or its end. */
static enum ui_input_kind
paste_input(struct ui_input *in, int rc, wint_t ch, long long now)
{
	MEVENT ev;
	size_t len;

	in->last = now;
	if (rc == KEY_CODE_YES && (int)ch == in->mark[1]) {
		paste_end(&in->paste, &len);
		return UI_IN_PASTE;
	}
	if (rc == KEY_CODE_YES && ch == KEY_MOUSE)
		getmouse(&ev);		/* a mouse report in the text */
	paste_key(&in->paste, rc == KEY_CODE_YES ? key_code(ch) : (int)ch);
	return UI_IN_TAKEN;
}

/* Nothing is waiting: a paste that has been quiet too long ends. */
static enum ui_input_kind
quiet(struct ui_input *in, long long now)
{
	size_t len;

	if (!in->paste.active || now < in->last + UI_PASTE_QUIET_MS)
		return UI_IN_NONE;
	paste_end(&in->paste, &len);
	return UI_IN_PASTE;
}

enum ui_input_kind
ui_input_read(struct ui_input *in, int *key, long long now)
{
	wint_t ch;
	int rc;

	in->now = now;
	if ((rc = next(in, &ch)) == ERR)
		return quiet(in, now);
	/* A resize is never text, not even in a paste. */
	if (rc == KEY_CODE_YES && ch == KEY_RESIZE)
		return UI_IN_RESIZE;
	if (in->paste.active)
		return paste_input(in, rc, ch, now);
	if (rc == KEY_CODE_YES && (int)ch == in->mark[0]) {
		paste_begin(&in->paste);
		in->last = now;
		return UI_IN_TAKEN;
	}
	if (rc == KEY_CODE_YES && (int)ch == in->mark[1])
		return UI_IN_TAKEN;	/* an end without a start */
	if (rc == KEY_CODE_YES && ch == KEY_MOUSE)
		return UI_IN_MOUSE;
	if (rc == KEY_CODE_YES)
		*key = key_code(ch);
	else
		*key = ch == K_ESC ? after_esc(in) : (int)ch;
	return UI_IN_KEY;
}

long long
ui_input_deadline(const struct ui_input *in)
{
	return in->paste.active ? in->last + UI_PASTE_QUIET_MS : -1;
}
