/*
 * keys: the one list of actions and one key table per input mode.  A
 * table row binds a key to an action and may put it on the status line;
 * an action carries its help text, its status-line word and what a kiosk
 * does with it.  Dispatch (app.c), the help page and the status hints
 * (the panes) all read these tables, so they cannot disagree, and adding
 * a key is one row.
 *
 * No curses here: a key is a Unicode code point, or one of the K_* codes
 * above Unicode's range, which the terminal layer translates its own key
 * codes into.
 */
#ifndef KEYS_H
#define KEYS_H

#include <stddef.h>

/* Keys that are not characters. */
enum key_code {
	K_DOWN = 0x110000,
	K_UP,
	K_LEFT,
	K_RIGHT,
	K_PAGE_DOWN,
	K_PAGE_UP,
	K_HOME,
	K_END,
	K_BACKTAB,
	K_ENTER,		/* the keypad's Enter */
	K_BACKSPACE,
	K_DELETE,
	K_F1,
	K_F2,
	K_F3,
	K_F4,
	K_OTHER			/* a function key this program has no use for */
};

#define K_CTRL(c)	((c) & 0x1f)
#define K_ESC		27
/*
 * A flag on a key: it came with Alt (Meta), which terminals send as an
 * Esc right before the key.  No table row binds one today, so each says
 * that it does nothing instead of doing the plain key's action.
 */
#define K_ALT		0x200000

/*
 * X(name, help, hint, kiosk).  help is the help page's text (NULL: not
 * listed); hint the status line's word (NULL: never hinted); kiosk what
 * a kiosk does instead: SAME, OFF, or another action.  Actions without
 * help come from the mouse or the idle clock, not from a key.
 */
#define ACTION_LIST(X)							\
	X(ACT_DOWN,	"move down (or scroll the focused description)",	\
	    "scroll", SAME)						\
	X(ACT_UP,	"move up (or scroll the focused description)", NULL, SAME) \
	X(ACT_PAGE_DOWN, "page down", NULL, SAME)			\
	X(ACT_PAGE_UP,	"page up", NULL, SAME)				\
	X(ACT_FIRST,	"first ally (or top of the description)", NULL, SAME) \
	X(ACT_LAST,	"last ally (or end of the description)", NULL, SAME) \
	X(ACT_FOCUS,	"switch focus between list and description (a "	\
	    "small terminal shows one at a time)", "focus", SAME)	\
	X(ACT_SEARCH,	"search: the list filters as you type", "search", SAME) \
	X(ACT_TYPE,	"type to search: the list filters as you type",	\
	    "search", SAME)						\
	X(ACT_CLEAR,	"clear the filter (with none, the topic; a small "	\
	    "terminal: back to the list first)", NULL, SAME)		\
	X(ACT_NEXT,	"next matching ally", NULL, SAME)		\
	X(ACT_PREV,	"previous matching ally", NULL, SAME)		\
	X(ACT_TOPICS,	"topics: the allies by tag, with their numbers",	\
	    "topics", SAME)						\
	X(ACT_TOPIC_CHOOSE, "show the allies of this topic", "choose", SAME) \
	X(ACT_LEFT,	"move left", NULL, SAME)			\
	X(ACT_RIGHT,	"move right", "move", SAME)			\
	X(ACT_OPEN,	"open the ally's website", "open", ACT_QR)	\
	X(ACT_ENTER,	"open the ally's website (a small terminal shows "	\
	    "the description first)", NULL, ACT_QR)			\
	X(ACT_BECOME,	"open the \"Become an Ally\" page", "become an Ally", \
	    ACT_BECOME_QR)						\
	X(ACT_QR,	"show the website as a QR code to scan",	\
	    "code to scan", SAME)					\
	X(ACT_BECOME_QR, "show the \"Become an Ally\" page as a code to scan", \
	    "become an Ally", SAME)					\
	X(ACT_COPY,	"copy the website to the clipboard (OSC 52)", "copy", OFF) \
	X(ACT_COPY_NAME, "copy the ally's name to the clipboard", NULL, OFF) \
	X(ACT_COPY_ENTRY, "copy the whole entry, as text, to the clipboard", \
	    NULL, OFF)							\
	X(ACT_ABOUT,	"about the Allies program", "about", SAME)	\
	X(ACT_HELP,	"this help", "help", SAME)			\
	X(ACT_REDRAW,	"redraw the screen", NULL, SAME)		\
	X(ACT_QUIT,	"quit", "quit", OFF)				\
	X(ACT_CLOSE,	"close this page", "close", SAME)		\
	X(ACT_BAR_ACCEPT, "keep the filter and leave the bar", NULL, SAME) \
	X(ACT_BAR_CANCEL, "leave the bar, restoring the filter from before", \
	    NULL, SAME)							\
	X(ACT_BAR_OLDER, "older search", NULL, SAME)			\
	X(ACT_BAR_NEWER, "newer search", NULL, SAME)			\
	X(ACT_BAR_CLEAR, "clear the pattern", NULL, SAME)		\
	X(ACT_BAR_KILL_WORD, "delete the word before the cursor", NULL, SAME) \
	X(ACT_BAR_LEFT,	"move the cursor left", NULL, SAME)		\
	X(ACT_BAR_RIGHT, "move the cursor right", NULL, SAME)		\
	X(ACT_BAR_HOME,	"start of the pattern", NULL, SAME)		\
	X(ACT_BAR_END,	"end of the pattern", NULL, SAME)		\
	X(ACT_BAR_BACKSPACE, "delete before the cursor", NULL, SAME)	\
	X(ACT_BAR_DELETE, "delete at the cursor", NULL, SAME)		\
	X(ACT_BAR_SCOPE, "search one field (name, abbreviation, description, " \
	    "url, tags), the next, then all again", NULL, SAME)	\
	X(ACT_BAR_MODE,	"read the query as words or as a regex: switch", \
	    NULL, OFF)							\
	X(ACT_BAR_INSERT, NULL, NULL, SAME)	/* the key is text */	\
	X(ACT_PASTE,	NULL, NULL, SAME)	/* text, into the bar */	\
	X(ACT_STAFF,	"staff: end the kiosk with the PIN", NULL, SAME) \
	X(ACT_PIN_CHECK, "check the PIN", "checks", SAME)		\
	X(ACT_PIN_CANCEL, "close the prompt", "cancels", SAME)		\
	X(ACT_PIN_ERASE, "delete the last digit", NULL, SAME)		\
	X(ACT_PIN_TYPE,	NULL, NULL, SAME)	/* the key is text */	\
	X(ACT_PICK,	"select an ally or focus a pane", NULL, SAME)	\
	X(ACT_PICK_OPEN, "open the ally's website", NULL, ACT_PICK_QR)	\
	X(ACT_PICK_QR,	"show the ally's website as a code to scan", NULL, SAME) \
	X(ACT_TOPIC_PICK, "show the allies of the topic tapped", NULL, SAME) \
	X(ACT_FOCUS_DETAIL, NULL, NULL, SAME)				\
	X(ACT_WHEEL_UP,	"scroll the pane under the pointer", NULL, SAME) \
	X(ACT_WHEEL_DOWN, NULL, NULL, SAME)				\
	X(ACT_KIOSK_RESET, NULL, NULL, SAME)	/* the idle clock */	\
	X(ACT_KIOSK_NEXT, NULL, NULL, SAME)	/* the attract loop */

enum action {
#define X(name, help, hint, kiosk) name,
	ACTION_LIST(X)
#undef X
	ACT_COUNT,
	ACT_NONE = ACT_COUNT
};

/* The input modes, each with a table of its own. */
enum key_mode {
	KM_BROWSE,		/* the list and the description */
	KM_BAR,			/* the search bar is open */
	KM_PAGE,		/* Help or About */
	KM_TOPICS,		/* the topics screen */
	KM_CODE,		/* a QR code: any key closes it */
	KM_PIN,			/* the kiosk's staff PIN prompt */
	KM_STAFF,		/* a kiosk, before any other mode */
	KM_KIOSK,		/* a kiosk's list and search bar, in one */
	KM_COUNT
};

struct binding {
	int		 key;		/* a character or a K_* code */
	const char	*label;		/* how help spells it; NULL: unlisted */
	enum action	 action;
	const char	*hint;		/* the status line's label, or NULL */
};

/*
 * The action key stands for in mode (before kiosk policy), or ACT_NONE.
 * A key that no row binds is text in a mode that takes text, or the
 * mode's catch-all action.
 */
enum action	 keys_lookup(enum key_mode, int key);

/*
 * The table mode's keys are read from: for a kiosk's list and its search
 * bar, KM_KIOSK, where every character types into the search (the first
 * opens the bar) and the other keys keep their roles; else mode itself.
 */
enum key_mode	 keys_mode_for(enum key_mode, int kiosk);

/* Whether key is text that may be typed: printable, no control. */
int		 keys_is_text(int key);

/*
 * How a key is spelt for a person ("q", "Up", "Alt-q", "C-x"): the help's
 * label from the tables when a row has one.  Written to buf (size bytes);
 * returns buf.
 */
const char	*keys_name(int key, char *buf, size_t size);

/* The rows of a mode's table; *len gets their number. */
const struct binding *keys_table(enum key_mode, size_t *len);

/* The heading of a mode's section in the help, or NULL for none. */
const char	*keys_title(enum key_mode);

/*
 * What action act becomes: itself, or in a kiosk what the kiosk column
 * says (ACT_NONE when a kiosk refuses it).
 */
enum action	 action_policy(enum action, int kiosk);

/* Whether act is a move: down, up, a page either way, first or last. */
int		 action_is_move(enum action);

/*
 * How far the move act goes in a pane of page rows showing end lines:
 * 1, page or end, negative for up, a page up and first.
 */
long		 action_move_delta(enum action, long page, long end);

/* Help text and status-line word of an action ("" when none). */
const char	*action_help(enum action);
const char	*action_hint(enum action);

/*
 * The labels of every key bound to act in mode, joined by spaces,
 * written to buf (size bytes).  Returns buf.
 */
const char	*keys_labels(enum key_mode, enum action, char *buf,
		    size_t size);

/* Mouse events and where they land. */
enum mouse_event {
	MOUSE_CLICK,
	MOUSE_DOUBLE,
	MOUSE_WHEEL_UP,
	MOUSE_WHEEL_DOWN,
	MOUSE_SHIFT_DRAG,	/* the terminal's own: never reaches us */
	MOUSE_OTHER		/* a press, a release, a move: no action */
};

enum mouse_region {
	REGION_LIST,		/* a row of the list */
	REGION_DETAIL,		/* the description pane */
	REGION_PAGE,		/* a full-screen page or code */
	REGION_TOPIC		/* the topics screen */
};

struct mouse_binding {
	enum mouse_event  event;
	enum mouse_region region;
	enum action	  action;
	const char	 *label;	/* how help spells it; NULL: unlisted */
	const char	 *help;		/* NULL: the action's */
};

/* The action a mouse event stands for, or ACT_NONE. */
enum action	 keys_mouse(enum mouse_event, enum mouse_region);

/* The mouse table, for the help page; *len gets its length. */
const struct mouse_binding *keys_mouse_table(size_t *len);

#endif
