/*
 * keys: the action list and the key table.  See keys.h.
 */
#include "keys.h"

#include <stdio.h>
#include <string.h>

#include "tui.h"
#include "util.h"

#define CTRL(c)	((c) & 0x1f)

static const struct {
	const char	*help;
	int		 kiosk;
} actions[ACT_COUNT] = {
#define X(name, help, kiosk) [name] = { help, kiosk },
	ACTION_LIST(X)
#undef X
};

static const struct binding bindings[] = {
	{ 'j', 0, "j", ACT_DOWN },
	{ KEY_DOWN, 1, "Down", ACT_DOWN },
	{ 'k', 0, "k", ACT_UP },
	{ KEY_UP, 1, "Up", ACT_UP },
	{ KEY_NPAGE, 1, "PgDn", ACT_PAGE_DOWN },
	{ ' ', 0, "Space", ACT_PAGE_DOWN },
	{ CTRL('f'), 0, "C-f", ACT_PAGE_DOWN },
	{ KEY_PPAGE, 1, "PgUp", ACT_PAGE_UP },
	{ CTRL('b'), 0, "C-b", ACT_PAGE_UP },
	{ 'g', 0, "g", ACT_FIRST },
	{ KEY_HOME, 1, "Home", ACT_FIRST },
	{ 'G', 0, "G", ACT_LAST },
	{ KEY_END, 1, "End", ACT_LAST },
	{ '\t', 0, "Tab", ACT_FOCUS },
	{ KEY_BTAB, 1, "S-Tab", ACT_FOCUS },
	{ '/', 0, "/", ACT_SEARCH },
	{ 27, 0, "Esc", ACT_CLEAR },
	{ 'n', 0, "n", ACT_NEXT },
	{ 'N', 0, "N", ACT_PREV },
	{ 'o', 0, "o", ACT_OPEN },
	{ '\r', 0, "Enter", ACT_OPEN },
	{ '\n', 0, NULL, ACT_OPEN },
	{ KEY_ENTER, 1, NULL, ACT_OPEN },
	{ 'b', 0, "b", ACT_BECOME },
	{ 'c', 0, "c", ACT_QR },
	{ 'y', 0, "y", ACT_COPY },
	{ 'a', 0, "a", ACT_ABOUT },
	{ '?', 0, "?", ACT_HELP },
	{ KEY_F(1), 1, "F1", ACT_HELP },
	{ CTRL('l'), 0, "C-l", ACT_REDRAW },
	{ 'q', 0, "q", ACT_QUIT },
};

enum action
keys_lookup(int key, int keycode)
{
	size_t i;

	for (i = 0; i < nitems(bindings); i++)
		if (bindings[i].key == key && bindings[i].keycode == keycode)
			return bindings[i].action;
	return ACT_NONE;
}

const char *
action_help(enum action a)
{
	return a < ACT_COUNT ? actions[a].help : "";
}

int
action_kiosk_ok(enum action a)
{
	return a < ACT_COUNT && actions[a].kiosk;
}

const char *
keys_labels(enum action a, char *buf, size_t size)
{
	size_t i, len = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < nitems(bindings); i++) {
		if (bindings[i].action != a || bindings[i].label == NULL)
			continue;
		snprintf(buf + len, size - len, "%s%s", len ? " " : "",
		    bindings[i].label);
		len = strlen(buf);
	}
	return buf;
}
