/*
 * keys: the action list and the key tables.  See keys.h.
 */
#include "keys.h"

#include <stdio.h>
#include <string.h>

#include "text.h"
#include "util.h"

#define SAME	(-1)		/* a kiosk does the action itself */
#define OFF	ACT_NONE	/* a kiosk refuses it */

static const struct {
	const char	*help;
	const char	*hint;
	int		 kiosk;		/* SAME, or the action a kiosk does */
} actions[ACT_COUNT] = {
#define X(name, help, hint, kiosk) [name] = { help, hint, kiosk },
	ACTION_LIST(X)
#undef X
};

/*
 * Rows of one action stay together, in the order help lists their keys;
 * the rows with a hint are in the order the status line shows them.
 */
static const struct binding browse_keys[] = {
	{ 'j', "j", ACT_DOWN, NULL },
	{ K_DOWN, "Down", ACT_DOWN, NULL },
	{ 'k', "k", ACT_UP, NULL },
	{ K_UP, "Up", ACT_UP, NULL },
	{ K_PAGE_DOWN, "PgDn", ACT_PAGE_DOWN, NULL },
	{ ' ', "Space", ACT_PAGE_DOWN, NULL },
	{ K_CTRL('f'), "C-f", ACT_PAGE_DOWN, NULL },
	{ K_PAGE_UP, "PgUp", ACT_PAGE_UP, NULL },
	{ K_CTRL('b'), "C-b", ACT_PAGE_UP, NULL },
	{ 'g', "g", ACT_FIRST, NULL },
	{ K_HOME, "Home", ACT_FIRST, NULL },
	{ 'G', "G", ACT_LAST, NULL },
	{ K_END, "End", ACT_LAST, NULL },
	{ '/', "/", ACT_SEARCH, "/" },
	{ K_ESC, "Esc", ACT_CLEAR, NULL },
	{ 'n', "n", ACT_NEXT, NULL },
	{ 'N', "N", ACT_PREV, NULL },
	{ 't', "t", ACT_TOPICS, "t" },
	{ 'o', "o", ACT_OPEN, "o" },
	{ '\r', "Enter", ACT_ENTER, NULL },
	{ '\n', NULL, ACT_ENTER, NULL },
	{ K_ENTER, NULL, ACT_ENTER, NULL },
	{ 'b', "b", ACT_BECOME, NULL },
	{ 'c', "c", ACT_QR, NULL },
	{ 'y', "y", ACT_COPY, "y" },
	{ 'Y', "Y", ACT_COPY_NAME, NULL },
	{ 'E', "E", ACT_COPY_ENTRY, NULL },
	{ '\t', "Tab", ACT_FOCUS, "Tab" },
	{ K_BACKTAB, "S-Tab", ACT_FOCUS, NULL },
	{ 'a', "a", ACT_ABOUT, "a" },
	{ '?', "?", ACT_HELP, "?" },
	{ K_F1, "F1", ACT_HELP, NULL },
	{ K_CTRL('l'), "C-l", ACT_REDRAW, NULL },
	{ 'q', "q", ACT_QUIT, "q" },
};

static const struct binding bar_keys[] = {
	{ '\r', "Enter", ACT_BAR_ACCEPT, NULL },
	{ '\n', NULL, ACT_BAR_ACCEPT, NULL },
	{ K_ENTER, NULL, ACT_BAR_ACCEPT, NULL },
	{ K_ESC, "Esc", ACT_BAR_CANCEL, NULL },
	{ K_UP, "Up", ACT_BAR_OLDER, NULL },
	{ K_CTRL('p'), "C-p", ACT_BAR_OLDER, NULL },
	{ K_DOWN, "Down", ACT_BAR_NEWER, NULL },
	{ K_CTRL('n'), "C-n", ACT_BAR_NEWER, NULL },
	{ K_CTRL('u'), "C-u", ACT_BAR_CLEAR, NULL },
	{ K_CTRL('w'), "C-w", ACT_BAR_KILL_WORD, NULL },
	{ K_LEFT, "Left", ACT_BAR_LEFT, NULL },
	{ K_CTRL('b'), "C-b", ACT_BAR_LEFT, NULL },
	{ K_RIGHT, "Right", ACT_BAR_RIGHT, NULL },
	{ K_CTRL('f'), "C-f", ACT_BAR_RIGHT, NULL },
	{ K_HOME, "Home", ACT_BAR_HOME, NULL },
	{ K_CTRL('a'), "C-a", ACT_BAR_HOME, NULL },
	{ K_END, "End", ACT_BAR_END, NULL },
	{ K_CTRL('e'), "C-e", ACT_BAR_END, NULL },
	{ K_BACKSPACE, "Backspace", ACT_BAR_BACKSPACE, NULL },
	{ 127, NULL, ACT_BAR_BACKSPACE, NULL },
	{ K_CTRL('h'), "C-h", ACT_BAR_BACKSPACE, NULL },
	{ K_DELETE, "Del", ACT_BAR_DELETE, NULL },
	{ K_CTRL('d'), "C-d", ACT_BAR_DELETE, NULL },
	{ '\t', "Tab", ACT_BAR_SCOPE, NULL },
	{ K_CTRL('r'), "C-r", ACT_BAR_MODE, NULL },
};

/*
 * Help and About: these rows, then the list's own (moves scroll the
 * page; the list's other keys close it, as overlay_do() says).
 */
static const struct binding page_keys[] = {
	{ K_ESC, "Esc", ACT_CLOSE, "Esc" },
	{ 'q', "q", ACT_CLOSE, NULL },
	{ 'j', "j", ACT_DOWN, "j k" },
	{ 'b', "b", ACT_BECOME, "b" },
	/* A kiosk refuses the list's y; on a page it still closes it. */
	{ 'y', NULL, ACT_CLOSE, NULL },
};

/*
 * The topics screen: these rows, then the list's (its moves move the
 * cursor up, down and by pages; its other keys close the screen and do
 * what they do on the list, as topics_do() in app.c says).
 */
static const struct binding topic_keys[] = {
	{ '\r', "Enter", ACT_TOPIC_CHOOSE, "Enter" },
	{ '\n', NULL, ACT_TOPIC_CHOOSE, NULL },
	{ K_ENTER, NULL, ACT_TOPIC_CHOOSE, NULL },
	{ K_LEFT, "Left", ACT_LEFT, NULL },
	{ 'h', "h", ACT_LEFT, NULL },
	{ K_RIGHT, "Right", ACT_RIGHT, "arrows" },
	{ 'l', "l", ACT_RIGHT, NULL },
	{ K_ESC, "Esc", ACT_CLOSE, "Esc" },
	{ 'q', "q", ACT_CLOSE, NULL },
	{ 't', "t", ACT_CLOSE, NULL },
};

static const struct binding pin_keys[] = {
	{ '\r', "Enter", ACT_PIN_CHECK, "Enter" },
	{ '\n', NULL, ACT_PIN_CHECK, NULL },
	{ K_ENTER, NULL, ACT_PIN_CHECK, NULL },
	{ K_ESC, "Esc", ACT_PIN_CANCEL, "Esc" },
	{ K_BACKSPACE, "Backspace", ACT_PIN_ERASE, NULL },
	{ K_DELETE, NULL, ACT_PIN_ERASE, NULL },
	{ 127, NULL, ACT_PIN_ERASE, NULL },
	{ K_CTRL('h'), NULL, ACT_PIN_ERASE, NULL },
};

/*
 * A kiosk's list and its search bar: any character types into the search
 * (the 'a' row only gives that a line in the help), the keys that edit a
 * query edit it, the others do what they do on the list.  The list's
 * letter keys have function keys here.
 */
static const struct binding kiosk_keys[] = {
	{ 'a', "letters, digits", ACT_TYPE, "a-z" },
	{ K_DOWN, "Down", ACT_DOWN, NULL },
	{ K_UP, "Up", ACT_UP, NULL },
	{ K_PAGE_DOWN, "PgDn", ACT_PAGE_DOWN, NULL },
	{ K_PAGE_UP, "PgUp", ACT_PAGE_UP, NULL },
	{ K_HOME, "Home", ACT_FIRST, NULL },
	{ K_END, "End", ACT_LAST, NULL },
	{ '\r', "Enter", ACT_QR, "Enter" },
	{ '\n', NULL, ACT_QR, NULL },
	{ K_ENTER, NULL, ACT_QR, NULL },
	{ '\t', "Tab", ACT_FOCUS, "Tab" },
	{ K_BACKTAB, "S-Tab", ACT_FOCUS, NULL },
	{ K_ESC, "Esc", ACT_CLEAR, NULL },
	{ K_BACKSPACE, "Backspace", ACT_BAR_BACKSPACE, NULL },
	{ 127, NULL, ACT_BAR_BACKSPACE, NULL },
	{ K_CTRL('h'), NULL, ACT_BAR_BACKSPACE, NULL },
	{ K_DELETE, "Del", ACT_BAR_DELETE, NULL },
	{ K_LEFT, "Left", ACT_BAR_LEFT, NULL },
	{ K_RIGHT, "Right", ACT_BAR_RIGHT, NULL },
	{ K_CTRL('u'), "C-u", ACT_BAR_CLEAR, NULL },
	{ K_F2, "F2", ACT_TOPICS, "F2" },
	{ K_F3, "F3", ACT_BECOME, NULL },
	{ K_F4, "F4", ACT_ABOUT, "F4" },
	{ K_F1, "F1", ACT_HELP, "F1" },
	{ K_CTRL('l'), "C-l", ACT_REDRAW, NULL },
};

static const struct binding staff_keys[] = {
	{ K_CTRL(']'), "C-]", ACT_STAFF, NULL },
};

static const struct {
	const char		*title;	/* the help's heading, or NULL */
	const struct binding	*v;
	size_t			 len;
	enum action		 text;	/* for an unbound character */
	enum action		 other;	/* for any other unbound key */
	enum key_mode		 then;	/* whose table is read next */
} modes[KM_COUNT] = {
	[KM_BROWSE] = { "Keys", browse_keys, nitems(browse_keys),
	    ACT_NONE, ACT_NONE, KM_COUNT },
	[KM_BAR] = { "In the search bar", bar_keys, nitems(bar_keys),
	    ACT_BAR_INSERT, ACT_NONE, KM_COUNT },
	[KM_PAGE] = { NULL, page_keys, nitems(page_keys), ACT_NONE,
	    ACT_NONE, KM_BROWSE },
	[KM_TOPICS] = { "On the topics screen", topic_keys,
	    nitems(topic_keys), ACT_NONE, ACT_NONE, KM_BROWSE },
	[KM_CODE] = { NULL, NULL, 0, ACT_CLOSE, ACT_CLOSE, KM_COUNT },
	[KM_PIN] = { NULL, pin_keys, nitems(pin_keys), ACT_PIN_TYPE,
	    ACT_NONE, KM_COUNT },
	[KM_STAFF] = { NULL, staff_keys, nitems(staff_keys), ACT_NONE,
	    ACT_NONE, KM_COUNT },
	[KM_KIOSK] = { "Keys", kiosk_keys, nitems(kiosk_keys), ACT_TYPE,
	    ACT_NONE, KM_COUNT },
};

static const struct mouse_binding mouse_keys[] = {
	{ MOUSE_CLICK, REGION_LIST, ACT_PICK, "click", NULL },
	{ MOUSE_CLICK, REGION_DETAIL, ACT_FOCUS_DETAIL, NULL, NULL },
	{ MOUSE_CLICK, REGION_PAGE, ACT_CLOSE, NULL, NULL },
	{ MOUSE_DOUBLE, REGION_LIST, ACT_PICK_OPEN, "double-click", NULL },
	{ MOUSE_DOUBLE, REGION_DETAIL, ACT_FOCUS_DETAIL, NULL, NULL },
	{ MOUSE_DOUBLE, REGION_PAGE, ACT_CLOSE, NULL, NULL },
	{ MOUSE_WHEEL_UP, REGION_LIST, ACT_WHEEL_UP, "wheel", NULL },
	{ MOUSE_WHEEL_UP, REGION_DETAIL, ACT_WHEEL_UP, NULL, NULL },
	{ MOUSE_WHEEL_UP, REGION_PAGE, ACT_WHEEL_UP, NULL, NULL },
	{ MOUSE_WHEEL_DOWN, REGION_LIST, ACT_WHEEL_DOWN, NULL, NULL },
	{ MOUSE_WHEEL_DOWN, REGION_DETAIL, ACT_WHEEL_DOWN, NULL, NULL },
	{ MOUSE_WHEEL_DOWN, REGION_PAGE, ACT_WHEEL_DOWN, NULL, NULL },
	{ MOUSE_CLICK, REGION_TOPIC, ACT_TOPIC_PICK, "click a topic", NULL },
	{ MOUSE_DOUBLE, REGION_TOPIC, ACT_TOPIC_PICK, NULL, NULL },
	{ MOUSE_WHEEL_UP, REGION_TOPIC, ACT_WHEEL_UP, NULL, NULL },
	{ MOUSE_WHEEL_DOWN, REGION_TOPIC, ACT_WHEEL_DOWN, NULL, NULL },
	{ MOUSE_SHIFT_DRAG, REGION_PAGE, ACT_NONE, "Shift-drag",
	    "select text to copy (the terminal's own selection)" },
};

enum key_mode
keys_mode_for(enum key_mode mode, int kiosk)
{
	return kiosk && (mode == KM_BROWSE || mode == KM_BAR) ? KM_KIOSK :
	    mode;
}

int
keys_is_text(int key)
{
	return key >= 0x20 && key <= 0x10ffff && !(key >= 0xd800 &&
	    key <= 0xdfff) && !text_is_unsafe((uint32_t)key);
}

enum action
keys_lookup(enum key_mode mode, int key)
{
	size_t i;

	if (mode >= KM_COUNT)
		return ACT_NONE;
	for (i = 0; i < modes[mode].len; i++)
		if (modes[mode].v[i].key == key)
			return modes[mode].v[i].action;
	if (modes[mode].then != KM_COUNT)
		return keys_lookup(modes[mode].then, key);
	if (keys_is_text(key) && modes[mode].text != ACT_NONE)
		return modes[mode].text;
	return modes[mode].other;
}

/* The label a row of any table gives key, or NULL. */
static const char *
key_label(int key)
{
	size_t m, i;

	for (m = 0; m < KM_COUNT; m++)
		for (i = 0; i < modes[m].len; i++)
			if (modes[m].v[i].key == key &&
			    modes[m].v[i].label != NULL)
				return modes[m].v[i].label;
	return NULL;
}

const char *
keys_name(int key, char *buf, size_t size)
{
	const char *alt = key & K_ALT ? "Alt-" : "", *label;
	struct buf b = { 0 };

	key &= ~K_ALT;
	if ((label = key_label(key)) != NULL)
		snprintf(buf, size, "%s%s", alt, label);
	else if (key >= 0 && key < 0x20)
		snprintf(buf, size, "%sC-%c", alt, key + 0x60);
	else if (key == 127 || key == K_ENTER)
		snprintf(buf, size, "%s%s", alt, key == 127 ? "Backspace" :
		    "Enter");
	else if (keys_is_text(key)) {
		text_encode(&b, (uint32_t)key);
		snprintf(buf, size, "%s%s", alt, b.ptr);
		buf_free(&b);
	} else
		snprintf(buf, size, "%sthat key", alt);
	return buf;
}

const struct binding *
keys_table(enum key_mode mode, size_t *len)
{
	*len = mode < KM_COUNT ? modes[mode].len : 0;
	return mode < KM_COUNT ? modes[mode].v : NULL;
}

const char *
keys_title(enum key_mode mode)
{
	return mode < KM_COUNT ? modes[mode].title : NULL;
}

enum action
action_policy(enum action a, int kiosk)
{
	if (a >= ACT_COUNT)
		return ACT_NONE;
	if (!kiosk || actions[a].kiosk == SAME)
		return a;
	return (enum action)actions[a].kiosk;
}

int
action_is_move(enum action act)
{
	return act == ACT_DOWN || act == ACT_UP || act == ACT_PAGE_DOWN ||
	    act == ACT_PAGE_UP || act == ACT_FIRST || act == ACT_LAST;
}

long
action_move_delta(enum action act, long page, long end)
{
	long delta;

	if (page < 1)
		page = 1;
	if (act == ACT_FIRST || act == ACT_LAST)
		delta = end;
	else if (act == ACT_PAGE_DOWN || act == ACT_PAGE_UP)
		delta = page;
	else
		delta = 1;
	return act == ACT_UP || act == ACT_PAGE_UP || act == ACT_FIRST ?
	    -delta : delta;
}

const char *
action_help(enum action a)
{
	return a < ACT_COUNT && actions[a].help != NULL ? actions[a].help : "";
}

const char *
action_hint(enum action a)
{
	return a < ACT_COUNT && actions[a].hint != NULL ? actions[a].hint : "";
}

const char *
keys_labels(enum key_mode mode, enum action a, char *buf, size_t size)
{
	const struct binding *v;
	size_t i, n, len = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	v = keys_table(mode, &n);
	for (i = 0; i < n; i++) {
		if (v[i].action != a || v[i].label == NULL)
			continue;
		snprintf(buf + len, size - len, "%s%s", len ? " " : "",
		    v[i].label);
		len = strlen(buf);
	}
	return buf;
}

enum action
keys_mouse(enum mouse_event ev, enum mouse_region region)
{
	size_t i;

	for (i = 0; i < nitems(mouse_keys); i++)
		if (mouse_keys[i].event == ev && mouse_keys[i].region == region)
			return mouse_keys[i].action;
	return ACT_NONE;
}

const struct mouse_binding *
keys_mouse_table(size_t *len)
{
	*len = nitems(mouse_keys);
	return mouse_keys;
}
