/*
 * keys: the one list of actions (with their help text and whether a kiosk
 * allows them) and the key table that maps keys to them.  The input code
 * dispatches on this table and the help screen is generated from it, so
 * the two cannot disagree.
 */
#ifndef KEYS_H
#define KEYS_H

#include <stddef.h>

/* X(name, help text, allowed in kiosk mode) */
#define ACTION_LIST(X)							\
	X(ACT_DOWN,	"move down (or scroll the focused description)", 1) \
	X(ACT_UP,	"move up (or scroll the focused description)", 1) \
	X(ACT_PAGE_DOWN, "page down", 1)				\
	X(ACT_PAGE_UP,	"page up", 1)					\
	X(ACT_FIRST,	"first ally (or top of the description)", 1)	\
	X(ACT_LAST,	"last ally (or end of the description)", 1)	\
	X(ACT_FOCUS,	"switch focus between list and description", 1)	\
	X(ACT_SEARCH,	"search: the list filters as you type", 1)	\
	X(ACT_CLEAR,	"clear the filter", 1)				\
	X(ACT_NEXT,	"next matching ally", 1)			\
	X(ACT_PREV,	"previous matching ally", 1)			\
	X(ACT_OPEN,	"open the ally's website", 1)			\
	X(ACT_BECOME,	"open the \"Become an Ally\" page", 1)		\
	X(ACT_QR,	"show the website as a QR code to scan", 1)	\
	X(ACT_COPY,	"copy the website to the clipboard (OSC 52)", 0) \
	X(ACT_ABOUT,	"about the Allies program", 1)			\
	X(ACT_HELP,	"this help", 1)					\
	X(ACT_REDRAW,	"redraw the screen", 1)				\
	X(ACT_QUIT,	"quit", 0)

enum action {
#define X(name, help, kiosk) name,
	ACTION_LIST(X)
#undef X
	ACT_COUNT,
	ACT_NONE = ACT_COUNT
};

struct binding {
	int		 key;		/* a character or a KEY_* code */
	int		 keycode;	/* 1 when key is a KEY_* code */
	const char	*label;		/* how the help spells the key */
	enum action	 action;
};

/* The action a key stands for while browsing, or ACT_NONE. */
enum action	 keys_lookup(int key, int keycode);

/* Help text of an action, and whether a kiosk allows it. */
const char	*action_help(enum action);
int		 action_kiosk_ok(enum action);

/*
 * The labels of every key bound to an action, joined by spaces, written
 * to buf (size bytes).  Returns buf.
 */
const char	*keys_labels(enum action, char *buf, size_t size);

#endif
