/*
 * keys: the one list of actions and one key table per input mode.  A
 * table row binds a key to an action and may put it on the status line;
 * an action carries its help text, its status-line word and what a kiosk
 * does with it.  Dispatch (app.c), the help page and the status hints
 * (the panes) all read these tables, so they cannot disagree, and adding
 * a key is one row.  A configuration may give the browser's and the
 * search bar's actions other keys (keys_bind()): the tables then answer
 * with those, to dispatch, help and hints alike.
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
	X(ACT_SORT,	"sort: as in the file, by name, by abbreviation", \
	    NULL, OFF)							\
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
	X(ACT_BUTTON,	"do what the button tapped says", NULL, SAME)	\
	X(ACT_DRAG,	"scroll the pane under the finger", NULL, SAME) \
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
 * Whose rules an action is taken under: the browser's (every action is
 * itself), a kiosk's (the kiosk column of ACTION_LIST), or the public
 * mode's, which are a kiosk's but for a few a visitor at her own
 * terminal may do (quit, copy to her own clipboard).
 */
enum policy {
	POLICY_BROWSER,
	POLICY_KIOSK,
	POLICY_PUBLIC
};

/*
 * What action act becomes under policy: itself, or what that policy
 * says (ACT_NONE when it refuses it).
 */
enum action	 action_policy(enum action, enum policy);

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

/*
 * Key bindings a configuration gives.  A key is named as the help page
 * names it: one character ("q", "/", "é"), C-a ... C-z and C-@ C-[
 * C-\ C-] C-^ C-_ for the control keys, or Enter, Esc, Tab, S-Tab, Space,
 * Up, Down, Left, Right, PgUp, PgDn, Home, End, F1, Backspace, Del (any
 * case).  Some keys send more than one code (Enter is CR, LF or the
 * keypad's Enter); a binding takes them all.
 */
#define KEYS_MAX_CODES	3	/* codes one named key can send */
#define KEYS_NAME_MAX	16	/* bytes of a key's name, NUL included */

/*
 * The codes the key named by len bytes at s sends, into codes (the
 * first is the key's own).  Returns how many, or 0 for no key name.
 */
size_t		 keys_parse(const char *s, size_t len,
		    int codes[KEYS_MAX_CODES]);

/*
 * The codes key (a key's own code) sends, into codes: its own and, for
 * Enter and Backspace, the others.  Returns how many (1 or more).
 */
size_t		 keys_codes(int key, int codes[KEYS_MAX_CODES]);


/*
 * The name an action has in a configuration ("page_down", from
 * ACT_PAGE_DOWN) into buf (size bytes).  Returns buf.
 */
const char	*action_name(enum action, char *buf, size_t size);

/* The action named by len bytes at name, or ACT_NONE. */
enum action	 action_lookup(const char *name, size_t len);

/*
 * The mode (KM_BROWSE or KM_BAR) whose table binds act by default, or
 * KM_COUNT for an action that no configuration can bind: one of the
 * mouse, the kiosk, the pages or the clock.
 */
enum key_mode	 keys_action_mode(enum action);

/*
 * The action key stands for in mode's own default rows (not a mode
 * read after it, not text), or ACT_NONE: what a configuration rebinds.
 */
enum action	 keys_default(enum key_mode, int key);

/* The default rows of a mode's table, whatever keys_bind() did. */
const struct binding *keys_defaults(enum key_mode, size_t *len);

/*
 * Make keys[0, n) (each a key's own code, as keys_parse() gives it
 * first) the keys of act, in its mode's table, in place of the ones it
 * had: what keys_lookup(), keys_table() and keys_labels() answer from
 * then on, so the help page and the status line show them.  The hint
 * act had on the status line goes to its first key.  Another action
 * that had one of those keys loses it.  Returns 0, or -1 when act has no
 * mode (keys_action_mode()) or the table is full.  Not thread-safe: call
 * before the browser starts.
 */
int		 keys_bind(enum action act, const int *keys, size_t n);

/* Every table back to its default rows. */
void		 keys_reset(void);

/*
 * The label of the first key bound to act in mode, as help spells it,
 * for messages that name a key ("Esc clears"): a string of the table,
 * valid until the next keys_bind() or keys_reset(); "" when none.
 */
const char	*keys_first(enum key_mode, enum action);

/* Mouse events and where they land. */
enum mouse_event {
	MOUSE_CLICK,
	MOUSE_DOUBLE,
	MOUSE_WHEEL_UP,
	MOUSE_WHEEL_DOWN,
	MOUSE_DRAG,		/* a kiosk's: moved with the button held */
	MOUSE_SHIFT_DRAG,	/* the terminal's own: never reaches us */
	MOUSE_OTHER		/* a press, a release, a move: no action */
};

enum mouse_region {
	REGION_LIST,		/* a row of the list */
	REGION_DETAIL,		/* the description pane */
	REGION_PAGE,		/* a full-screen page or code */
	REGION_TOPIC,		/* the topics screen */
	REGION_BUTTON,		/* a kiosk's button on the bottom line */
	REGION_BAR		/* the search bar, on the bottom line */
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

/*
 * A kiosk's button on the bottom line, for touch: the action it stands
 * for (as if its key had been pressed, the kiosk's policy applied), its
 * label and a shorter one for a narrow line, and the order buttons give
 * way in when even the short labels do not fit (the highest first).
 */
struct button {
	enum action	 action;
	const char	*label;
	const char	*brief;
	int		 drop;
};

/* The buttons of mode's bottom line, in order; *len gets their number. */
const struct button *keys_buttons(enum key_mode, size_t *len);

/*
 * What a visitor does with act, in plain words for a kiosk's help, or
 * NULL when a visitor is not told of it.
 */
const char	*action_visitor(enum action);

/* A line of a kiosk's help on touch: a gesture, and where. */
struct touch_line {
	const char	*label;		/* "Tap an ally" */
	enum mouse_event event;
	enum mouse_region region;
};

/* The touch lines, in the help's order; *len gets their number. */
const struct touch_line *keys_touch(size_t *len);

#endif
