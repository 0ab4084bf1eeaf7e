/*
 * keys: the action list and the key tables.  See keys.h.
 */
#include "keys.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

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

/* The enumerators' own names, for the names a configuration uses. */
static const char *const action_enums[ACT_COUNT] = {
#define X(name, help, hint, kiosk) [name] = #name,
	ACTION_LIST(X)
#undef X
};

/*
 * The public mode does what a kiosk does but for these: a visitor over
 * SSH leaves by quitting, and a copy (OSC 52) reaches her own machine.
 * What would start a program stays a kiosk's code to scan.
 */
static const struct {
	enum action	 act;
	int		 does;		/* SAME, OFF or another action */
} public_rules[] = {
	{ ACT_QUIT, SAME },
	{ ACT_COPY, SAME },
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
	{ 's', "s", ACT_SORT, NULL },
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
	/* A tap on the search bar: done, the filter kept. */
	{ MOUSE_CLICK, REGION_BAR, ACT_BAR_ACCEPT, NULL, NULL },
	/* A kiosk's touch: its buttons, and drags (ui_mouse.c). */
	{ MOUSE_CLICK, REGION_BUTTON, ACT_BUTTON, NULL, NULL },
	{ MOUSE_DRAG, REGION_LIST, ACT_DRAG, NULL, NULL },
	{ MOUSE_DRAG, REGION_DETAIL, ACT_DRAG, NULL, NULL },
	{ MOUSE_DRAG, REGION_PAGE, ACT_DRAG, NULL, NULL },
	{ MOUSE_DRAG, REGION_TOPIC, ACT_DRAG, NULL, NULL },
};

/*
 * A kiosk's bottom line: while browsing, a button for each thing a
 * visitor comes for; on a page, a code or the topics, the way back.
 */
static const struct button browse_buttons[] = {
	{ ACT_TOPICS, "Topics", "Topics", 2 },
	{ ACT_QR, "Scan website", "Scan", 1 },
	{ ACT_BECOME_QR, "Become an Ally", "Be an Ally", 3 },
	{ ACT_ABOUT, "About", "About", 4 },
	{ ACT_HELP, "Help", "Help", 0 },
	{ ACT_SEARCH, "Search", "Search", 5 },
};

static const struct button back_buttons[] = {
	{ ACT_CLOSE, "Back", "Back", 0 },
};

/*
 * What a visitor is told an action does, in plain words: no key syntax,
 * no regex, nothing a kiosk refuses.  Two actions with the same words
 * share a line of the help.
 */
static const struct {
	enum action	 act;
	const char	*words;
} visitor_words[] = {
	{ ACT_DOWN, "the next ally (or read on in the description)" },
	{ ACT_UP, "the ally before" },
	{ ACT_PAGE_DOWN, "a page on" },
	{ ACT_PAGE_UP, "a page back" },
	{ ACT_FIRST, "the first ally" },
	{ ACT_LAST, "the last ally" },
	{ ACT_FOCUS, "from the list to the description and back" },
	{ ACT_SEARCH, "find allies by a word" },
	{ ACT_CLEAR, "all the allies again" },
	{ ACT_NEXT, "the next ally found" },
	{ ACT_PREV, "the ally found before" },
	{ ACT_TOPICS, "the allies by topic" },
	{ ACT_TOPIC_CHOOSE, "the allies of this topic" },
	{ ACT_LEFT, "from topic to topic" },
	{ ACT_RIGHT, "from topic to topic" },
	{ ACT_QR, "the ally's website as a code to scan with a phone "
	    "camera" },
	{ ACT_BECOME_QR, "how your organization can become an Ally, as a "
	    "code to scan" },
	{ ACT_ABOUT, "about the Allies program" },
	{ ACT_HELP, "this help" },
	{ ACT_CLOSE, "close it and go back" },
	{ ACT_BAR_ACCEPT, "done: keep the allies found" },
	{ ACT_BAR_CANCEL, "stop searching" },
	{ ACT_BAR_BACKSPACE, "take back a letter" },
	{ ACT_PICK, "choose it and read about it" },
	{ ACT_PICK_QR, "its website as a code to scan" },
	{ ACT_TOPIC_PICK, "the allies of that topic" },
	{ ACT_DRAG, "scroll the list or the text" },
};

static const struct touch_line touch_lines[] = {
	{ "Tap an ally", MOUSE_CLICK, REGION_LIST },
	{ "Tap it twice", MOUSE_DOUBLE, REGION_LIST },
	{ "Tap a topic", MOUSE_CLICK, REGION_TOPIC },
	{ "Drag", MOUSE_DRAG, REGION_LIST },
	{ "Tap a page", MOUSE_CLICK, REGION_PAGE },
	{ "Tap the search", MOUSE_CLICK, REGION_BAR },
};

/*
 * The tables a configuration changed (keys_bind()), for the modes it
 * can change, used instead of the default rows while on is set.  A
 * row's label and hint point into its own strings.  A key does one
 * thing in a mode, so a table holds at most one row a key given (8 an
 * action, config.h), two more for the codes Enter and Backspace add, and
 * the default rows left: far below the bound.
 */
#define KEYS_MAX_ROWS	512

struct keymap {
	struct binding	 v[KEYS_MAX_ROWS];
	char		 label[KEYS_MAX_ROWS][KEYS_NAME_MAX];
	char		 hint[KEYS_MAX_ROWS][KEYS_NAME_MAX];
	size_t		 len;
	int		 on;
};

static struct keymap remaps[KM_BAR + 1];

/* The keys that have a name, and the other codes each sends. */
static const struct {
	const char	*name;
	int		 codes[KEYS_MAX_CODES];	/* 0 after the last */
} key_names[] = {
	{ "Enter", { '\r', '\n', K_ENTER } },
	{ "Esc", { K_ESC, 0, 0 } },
	{ "Tab", { '\t', 0, 0 } },
	{ "S-Tab", { K_BACKTAB, 0, 0 } },
	{ "Space", { ' ', 0, 0 } },
	{ "Up", { K_UP, 0, 0 } },
	{ "Down", { K_DOWN, 0, 0 } },
	{ "Left", { K_LEFT, 0, 0 } },
	{ "Right", { K_RIGHT, 0, 0 } },
	{ "PgUp", { K_PAGE_UP, 0, 0 } },
	{ "PgDn", { K_PAGE_DOWN, 0, 0 } },
	{ "Home", { K_HOME, 0, 0 } },
	{ "End", { K_END, 0, 0 } },
	{ "F1", { K_F1, 0, 0 } },
	{ "Backspace", { K_BACKSPACE, 127, 0 } },
	{ "Del", { K_DELETE, 0, 0 } },
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

const struct binding *
keys_table(enum key_mode mode, size_t *len)
{
	if (mode < nitems(remaps) && remaps[mode].on) {
		*len = remaps[mode].len;
		return remaps[mode].v;
	}
	*len = mode < KM_COUNT ? modes[mode].len : 0;
	return mode < KM_COUNT ? modes[mode].v : NULL;
}

enum action
keys_lookup(enum key_mode mode, int key)
{
	const struct binding *v;
	size_t i, n;

	if (mode >= KM_COUNT)
		return ACT_NONE;
	v = keys_table(mode, &n);
	for (i = 0; i < n; i++)
		if (v[i].key == key)
			return v[i].action;
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
		snprintf(buf, size, "%sC-%c", alt, key >= 1 && key <= 26 ?
		    key + 0x60 : key + 0x40);
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
keys_defaults(enum key_mode mode, size_t *len)
{
	*len = mode < KM_COUNT ? modes[mode].len : 0;
	return mode < KM_COUNT ? modes[mode].v : NULL;
}

enum action
keys_default(enum key_mode mode, int key)
{
	size_t i;

	for (i = 0; mode < KM_COUNT && i < modes[mode].len; i++)
		if (modes[mode].v[i].key == key)
			return modes[mode].v[i].action;
	return ACT_NONE;
}

enum key_mode
keys_action_mode(enum action a)
{
	static const enum key_mode bindable[] = { KM_BROWSE, KM_BAR };
	size_t m, i;

	for (m = 0; m < nitems(bindable); m++)
		for (i = 0; i < modes[bindable[m]].len; i++)
			if (modes[bindable[m]].v[i].action == a)
				return bindable[m];
	return KM_COUNT;
}

const char *
action_name(enum action a, char *buf, size_t size)
{
	const char *e = a < ACT_COUNT ? action_enums[a] + 4 : "";
	size_t i;

	/* ACT_PAGE_DOWN is "page_down". */
	for (i = 0; size > 0 && i + 1 < size && e[i] != '\0'; i++)
		buf[i] = (char)(e[i] >= 'A' && e[i] <= 'Z' ? e[i] - 'A' + 'a' :
		    e[i]);
	if (size > 0)
		buf[i] = '\0';
	return buf;
}

enum action
action_lookup(const char *name, size_t len)
{
	char buf[32];
	size_t a;

	for (a = 0; a < ACT_COUNT; a++)
		if (strlen(action_name((enum action)a, buf, sizeof(buf))) ==
		    len && memcmp(buf, name, len) == 0)
			return (enum action)a;
	return ACT_NONE;
}

size_t
keys_codes(int key, int codes[KEYS_MAX_CODES])
{
	size_t i, n;

	for (i = 0; i < nitems(key_names); i++) {
		if (key_names[i].codes[0] != key)
			continue;
		for (n = 0; n < KEYS_MAX_CODES && (n == 0 ||
		    key_names[i].codes[n] != 0); n++)
			codes[n] = key_names[i].codes[n];
		return n;
	}
	codes[0] = key;
	return 1;
}

size_t
keys_parse(const char *s, size_t len, int codes[KEYS_MAX_CODES])
{
	uint32_t cp;
	size_t i;

	for (i = 0; i < nitems(key_names); i++)
		if (strlen(key_names[i].name) == len &&
		    strncasecmp(s, key_names[i].name, len) == 0)
			return keys_codes(key_names[i].codes[0], codes);
	/* C-m is Enter, C-i Tab, C-[ Esc: the same key, the same codes. */
	if (len == 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-') {
		if (s[2] >= 'a' && s[2] <= 'z')
			return keys_codes(s[2] - 'a' + 1, codes);
		if (s[2] >= '@' && s[2] <= '_')
			return keys_codes(s[2] & 0x1f, codes);
		return 0;
	}
	if (len == 0 || text_decode(s, len, &cp) != len ||
	    cp == TEXT_REPLACEMENT || !keys_is_text((int)cp))
		return 0;
	return keys_codes((int)cp, codes);
}

/* Append a row to km, its strings copied; -1 when it is full. */
static int
keymap_add(struct keymap *km, int key, const char *label, enum action act,
    const char *hint)
{
	struct binding *b;

	if (km->len == KEYS_MAX_ROWS)
		return -1;
	b = &km->v[km->len];
	b->key = key;
	b->action = act;
	snprintf(km->label[km->len], KEYS_NAME_MAX, "%s", label != NULL ?
	    label : "");
	snprintf(km->hint[km->len], KEYS_NAME_MAX, "%s", hint != NULL ?
	    hint : "");
	km->len++;
	return 0;
}

/* Point each row at its own strings, once km is where it stays. */
static void
keymap_settle(struct keymap *km)
{
	size_t i;

	for (i = 0; i < km->len; i++) {
		km->v[i].label = km->label[i][0] != '\0' ? km->label[i] : NULL;
		km->v[i].hint = km->hint[i][0] != '\0' ? km->hint[i] : NULL;
	}
}

/* The rows of act: keys[0, n) with their codes, the hint on the first. */
static int
keymap_add_keys(struct keymap *km, enum action act, const int *keys,
    size_t n, int hinted)
{
	char name[KEYS_NAME_MAX];
	int codes[KEYS_MAX_CODES];
	size_t j, k, nc;

	for (j = 0; j < n; j++) {
		nc = keys_codes(keys[j], codes);
		keys_name(codes[0], name, sizeof(name));
		for (k = 0; k < nc; k++)
			if (keymap_add(km, codes[k], k == 0 ? name : NULL, act,
			    hinted && j == 0 && k == 0 ? name : NULL) < 0)
				return -1;
	}
	return 0;
}

/* Does one of keys[0, n) send code? */
static int
keys_send(const int *keys, size_t n, int code)
{
	int codes[KEYS_MAX_CODES];
	size_t j, k, nc;

	for (j = 0; j < n; j++)
		for (k = 0, nc = keys_codes(keys[j], codes); k < nc; k++)
			if (codes[k] == code)
				return 1;
	return 0;
}

int
keys_bind(enum action act, const int *keys, size_t n)
{
	static struct keymap next;	/* too big for the stack */
	enum key_mode mode = keys_action_mode(act);
	const struct binding *v;
	size_t i, len;
	int hinted = 0, placed = 0;

	if (mode >= nitems(remaps))
		return -1;
	v = keys_table(mode, &len);
	for (i = 0; i < len; i++)
		if (v[i].action == act && v[i].hint != NULL)
			hinted = 1;
	memset(&next, 0, sizeof(next));
	for (i = 0; i < len; i++) {
		if (v[i].action != act) {
			/* A key act takes is another action's no more. */
			if (keys_send(keys, n, v[i].key))
				continue;
			if (keymap_add(&next, v[i].key, v[i].label,
			    v[i].action, v[i].hint) < 0)
				return -1;
		} else if (!placed) {
			/* Where its first row was: the hints keep their order. */
			placed = 1;
			if (keymap_add_keys(&next, act, keys, n, hinted) < 0)
				return -1;
		}
	}
	/* An action that had lost its keys to another comes last. */
	if (!placed && keymap_add_keys(&next, act, keys, n, hinted) < 0)
		return -1;
	next.on = 1;
	remaps[mode] = next;
	keymap_settle(&remaps[mode]);
	return 0;
}

void
keys_reset(void)
{
	size_t m;

	for (m = 0; m < nitems(remaps); m++)
		remaps[m].on = 0;
}

const char *
keys_title(enum key_mode mode)
{
	return mode < KM_COUNT ? modes[mode].title : NULL;
}

enum action
action_policy(enum action a, enum policy p)
{
	int does;
	size_t i;

	if (a >= ACT_COUNT)
		return ACT_NONE;
	if (p == POLICY_BROWSER)
		return a;
	does = actions[a].kiosk;
	for (i = 0; p == POLICY_PUBLIC && i < nitems(public_rules); i++)
		if (public_rules[i].act == a)
			does = public_rules[i].does;
	return does == SAME ? a : (enum action)does;
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

const char *
keys_first(enum key_mode mode, enum action a)
{
	const struct binding *v, *end;
	size_t n;

	if ((v = keys_table(mode, &n)) == NULL)
		return "";
	for (end = v + n; v < end; v++)
		if (v->action == a && v->label != NULL)
			return v->label;
	return "";
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

const struct button *
keys_buttons(enum key_mode mode, size_t *len)
{
	switch (mode) {
	case KM_BROWSE:
		*len = nitems(browse_buttons);
		return browse_buttons;
	case KM_PAGE:
	case KM_CODE:
	case KM_TOPICS:
		*len = nitems(back_buttons);
		return back_buttons;
	default:
		*len = 0;
		return NULL;
	}
}

const char *
action_visitor(enum action a)
{
	size_t i;

	for (i = 0; i < nitems(visitor_words); i++)
		if (visitor_words[i].act == a)
			return visitor_words[i].words;
	return NULL;
}

const struct touch_line *
keys_touch(size_t *len)
{
	*len = nitems(touch_lines);
	return touch_lines;
}
