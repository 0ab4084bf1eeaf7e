/*
 * theme: the styles' looks and their text.  See theme.h.
 */
#include "theme.h"

#include <string.h>
#include <strings.h>

#include "util.h"

#define D	THEME_COLOR_DEFAULT
#define B	THEME_BOLD
#define U	THEME_UNDERLINE
#define R	THEME_REVERSE
#define M	THEME_DIM

/* The tiers of a theme: no colour, 8 or 16 colours, 256. */
enum tier {
	TIER_MONO,
	TIER_8,
	TIER_256,
	TIER_COUNT
};

/*
 * Without colour every state is told apart by reverse, bold and
 * underline alone, whatever the theme.
 *
 * The default theme adds colour only as a foreground and a background
 * set together, and with 256 colours two foregrounds (#00875f and
 * #5f5fff) that hold 4.5:1 on white and on black alike: draw.c says why.
 *
 * The light and dark themes paint their own background.  xterm shows
 * bold text in one of the first 8 colours in its bright twin, so on
 * their 8-colour tiers a bold text is always white or a colour that
 * reads in both shades (bold black would be grey: 3.2:1 on light grey).
 * 15 (bright white) stands for 7 on a terminal of 8 colours.  Contrast,
 * text to background, of each pair in xterm's palette: light 256, 21:1
 * for black on white, 7.0:1 and 6.4:1 for white on #005f87 and #005faf,
 * 7.4:1 for white on #af0000, 7.9:1 for #005f00 on white, 7.1:1 for
 * #585858; dark 256 on #1c1c1c: 11:1 for #d0d0d0, 10.8:1 for #87d7ff,
 * 9.8:1 for #87d787, 5.6:1 for #949494; 8 colours: 16.6:1 for black on
 * light grey and the reverse, 7.4:1 for blue on light grey and white
 * on blue, 10.6:1 for black on cyan, 12.3:1 on yellow, 4.6:1 for white
 * on red.
 */
static const struct theme_style mono[STYLE_COUNT] = {
	[STYLE_NORMAL] = { D, D, 0 },
	[STYLE_TITLE] = { D, D, R | B },
	[STYLE_SELECTED] = { D, D, R | B },
	[STYLE_SELECTED_DIM] = { D, D, R },
	[STYLE_MATCH] = { D, D, B | U },
	[STYLE_HEADER] = { D, D, U },
	[STYLE_HEADER_FOCUS] = { D, D, B | U },
	[STYLE_LABEL] = { D, D, B },
	[STYLE_LINK] = { D, D, U },
	[STYLE_BOLD] = { D, D, B },
	[STYLE_DIM] = { D, D, M },
	[STYLE_ERROR] = { D, D, B },
	[STYLE_KEY] = { D, D, B },
	[STYLE_QR] = { D, D, 0 },
};

/* Rows of the colour tiers: D D 0 in a tier of the default theme is mono's. */
static const struct theme_style themes[THEME_COUNT][TIER_COUNT - 1]
    [STYLE_COUNT] = {
	[THEME_DEFAULT] = {
		{
			[STYLE_TITLE] = { 7, 4, B },
			/* Not bold: xterm shows bold black as grey. */
			[STYLE_MATCH] = { 0, 3, U },
			[STYLE_ERROR] = { 15, 1, B },
			[STYLE_QR] = { 0, 15, 0 },
		}, {
			[STYLE_TITLE] = { 7, 4, B },
			[STYLE_MATCH] = { 0, 3, U },
			[STYLE_HEADER_FOCUS] = { 29, D, B | U },
			[STYLE_LINK] = { 63, D, U },
			[STYLE_ERROR] = { 15, 1, B },
			[STYLE_QR] = { 0, 15, 0 },
		},
	},
	[THEME_LIGHT] = {
		{
			[STYLE_NORMAL] = { 0, 7, 0 },
			[STYLE_TITLE] = { 0, 6, 0 },
			[STYLE_SELECTED] = { 15, 4, B },
			[STYLE_SELECTED_DIM] = { 15, 0, 0 },
			[STYLE_MATCH] = { 0, 3, U },
			[STYLE_HEADER] = { 0, 7, U },
			[STYLE_HEADER_FOCUS] = { 4, 7, U },
			[STYLE_LABEL] = { 4, 7, 0 },
			[STYLE_LINK] = { 4, 7, U },
			[STYLE_BOLD] = { 4, 7, 0 },
			[STYLE_DIM] = { 0, 7, M },
			[STYLE_ERROR] = { 15, 1, B },
			[STYLE_KEY] = { 4, 7, 0 },
			[STYLE_QR] = { 0, 15, 0 },
		}, {
			[STYLE_NORMAL] = { 16, 231, 0 },
			[STYLE_TITLE] = { 231, 24, B },
			[STYLE_SELECTED] = { 231, 25, B },
			[STYLE_SELECTED_DIM] = { 16, 252, 0 },
			[STYLE_MATCH] = { 16, 229, U },
			[STYLE_HEADER] = { 16, 231, U },
			[STYLE_HEADER_FOCUS] = { 22, 231, B | U },
			[STYLE_LABEL] = { 16, 231, B },
			[STYLE_LINK] = { 25, 231, U },
			[STYLE_BOLD] = { 16, 231, B },
			[STYLE_DIM] = { 240, 231, 0 },
			[STYLE_ERROR] = { 231, 124, B },
			[STYLE_KEY] = { 24, 231, B },
			[STYLE_QR] = { 16, 231, 0 },
		},
	},
	[THEME_DARK] = {
		{
			[STYLE_NORMAL] = { 7, 0, 0 },
			[STYLE_TITLE] = { 0, 6, 0 },
			[STYLE_SELECTED] = { 15, 4, B },
			[STYLE_SELECTED_DIM] = { 0, 7, 0 },
			[STYLE_MATCH] = { 0, 3, U },
			[STYLE_HEADER] = { 7, 0, U },
			[STYLE_HEADER_FOCUS] = { 6, 0, B | U },
			[STYLE_LABEL] = { 7, 0, B },
			[STYLE_LINK] = { 6, 0, U },
			[STYLE_BOLD] = { 15, 0, B },
			[STYLE_DIM] = { 7, 0, M },
			[STYLE_ERROR] = { 15, 1, B },
			[STYLE_KEY] = { 3, 0, B },
			[STYLE_QR] = { 0, 15, 0 },
		}, {
			[STYLE_NORMAL] = { 252, 234, 0 },
			[STYLE_TITLE] = { 16, 110, B },
			[STYLE_SELECTED] = { 16, 117, B },
			[STYLE_SELECTED_DIM] = { 252, 238, 0 },
			[STYLE_MATCH] = { 16, 186, U },
			[STYLE_HEADER] = { 252, 234, U },
			[STYLE_HEADER_FOCUS] = { 114, 234, B | U },
			[STYLE_LABEL] = { 252, 234, B },
			[STYLE_LINK] = { 117, 234, U },
			[STYLE_BOLD] = { 255, 234, B },
			[STYLE_DIM] = { 246, 234, 0 },
			[STYLE_ERROR] = { 231, 124, B },
			[STYLE_KEY] = { 229, 234, B },
			[STYLE_QR] = { 16, 231, 0 },
		},
	},
};

static const char *const style_names[STYLE_COUNT] = {
	[STYLE_NORMAL] = "normal",
	[STYLE_TITLE] = "title",
	[STYLE_SELECTED] = "selected",
	[STYLE_SELECTED_DIM] = "selected_dim",
	[STYLE_MATCH] = "match",
	[STYLE_HEADER] = "header",
	[STYLE_HEADER_FOCUS] = "header_focus",
	[STYLE_LABEL] = "label",
	[STYLE_LINK] = "link",
	[STYLE_BOLD] = "bold",
	[STYLE_DIM] = "dim",
	[STYLE_ERROR] = "error",
	[STYLE_KEY] = "key",
	[STYLE_QR] = "qr",
};

static const char *const theme_names[THEME_COUNT] = {
	[THEME_DEFAULT] = "default",
	[THEME_LIGHT] = "light",
	[THEME_DARK] = "dark",
};

/* The first 16 colours by name; "bright-" and the name for 8 to 15. */
static const char *const color_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

static const struct {
	const char	*name;
	unsigned	 attr;
} attr_names[] = {
	{ "bold", THEME_BOLD },
	{ "underline", THEME_UNDERLINE },
	{ "reverse", THEME_REVERSE },
	{ "dim", THEME_DIM },
};

struct theme_style
theme_get(enum theme_id id, int ncolors, enum draw_style s)
{
	const struct theme_style *st;
	enum tier t = ncolors >= 256 ? TIER_256 : ncolors >= 8 ? TIER_8 :
	    TIER_MONO;

	if (s >= STYLE_COUNT)
		s = STYLE_NORMAL;
	if (id >= THEME_COUNT)
		id = THEME_DEFAULT;
	if (t == TIER_MONO)
		return mono[s];
	st = &themes[id][t - 1][s];
	/* A row left out of a tier is all zeros: the mono look. */
	if (st->fg == 0 && st->bg == 0 && st->attrs == 0)
		return mono[s];
	return *st;
}

const char *
theme_style_name(enum draw_style s)
{
	return s < STYLE_COUNT ? style_names[s] : "";
}

const char *
theme_name(enum theme_id id)
{
	return id < THEME_COUNT ? theme_names[id] : "";
}

/* Is the word of len bytes at s exactly name? */
static int
word_is(const char *s, size_t len, const char *name)
{
	return strlen(name) == len && strncmp(s, name, len) == 0;
}

enum draw_style
theme_style_lookup(const char *name, size_t len)
{
	size_t s;

	for (s = 0; s < STYLE_COUNT; s++)
		if (word_is(name, len, style_names[s]))
			return (enum draw_style)s;
	return STYLE_COUNT;
}

enum theme_id
theme_lookup(const char *name, size_t len)
{
	size_t t;

	for (t = 0; t < THEME_COUNT; t++)
		if (word_is(name, len, theme_names[t]))
			return (enum theme_id)t;
	return THEME_COUNT;
}

/* A colour word: its index or THEME_COLOR_DEFAULT, or -2 for none. */
static int
color_word(const char *s, size_t len)
{
	size_t i;
	int v = 0;

	if (word_is(s, len, "default"))
		return THEME_COLOR_DEFAULT;
	for (i = 0; i < nitems(color_names); i++) {
		if (word_is(s, len, color_names[i]))
			return (int)i;
		if (len > 7 && strncmp(s, "bright-", 7) == 0 &&
		    word_is(s + 7, len - 7, color_names[i]))
			return (int)i + 8;
	}
	if (len == 0 || len > 3)
		return -2;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -2;
		v = v * 10 + (s[i] - '0');
	}
	return v <= 255 ? v : -2;
}

int
theme_parse(const char *s, size_t len, struct theme_style *out, size_t *at,
    const char **why)
{
	size_t i = 0, start, n, k;
	int c, have_fg = 0, on = 0;	/* on: 1 after "on", 2 after its colour */

	out->fg = out->bg = THEME_COLOR_DEFAULT;
	out->attrs = 0;
	for (;;) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && s[i] != ' ' && s[i] != '\t')
			i++;
		n = i - start;
		*at = start;
		if (word_is(s + start, n, "on")) {
			*why = "is a second background; give one \"on COLOUR\"";
			if (on != 0)
				return -1;
			on = 1;
			continue;
		}
		for (k = 0; k < nitems(attr_names); k++)
			if (word_is(s + start, n, attr_names[k].name))
				break;
		if (on != 1 && k < nitems(attr_names)) {
			out->attrs |= attr_names[k].attr;
			continue;
		}
		*why = on == 1 ? "is not a colour for \"on\": a name such as "
		    "blue, bright-blue or default, or a number from 0 to 255" :
		    "is neither a colour (a name such as blue, or a number "
		    "from 0 to 255) nor bold, underline, reverse or dim";
		if ((c = color_word(s + start, n)) == -2)
			return -1;
		*why = "is a second text colour; write the background as "
		    "\"on COLOUR\"";
		if (on == 1) {
			out->bg = (short)c;
			on = 2;
		} else if (have_fg)
			return -1;
		else {
			out->fg = (short)c;
			have_fg = 1;
		}
	}
	*why = "needs a colour after it";
	return on == 1 ? -1 : 0;
}

static void
format_color(struct buf *b, int c)
{
	if (c == THEME_COLOR_DEFAULT)
		buf_adds(b, "default");
	else if (c < 8)
		buf_adds(b, color_names[c]);
	else if (c < 16)
		buf_addf(b, "bright-%s", color_names[c - 8]);
	else
		buf_addf(b, "%d", c);
}

void
theme_format(struct buf *b, const struct theme_style *st)
{
	size_t k, start = b->len;

	buf_add(b, "", 0);
	for (k = 0; k < nitems(attr_names); k++)
		if (st->attrs & attr_names[k].attr)
			buf_addf(b, "%s%s", b->len > start ? " " : "",
			    attr_names[k].name);
	if (st->fg != THEME_COLOR_DEFAULT || st->bg != THEME_COLOR_DEFAULT) {
		if (b->len > start)
			buf_addc(b, ' ');
		format_color(b, st->fg);
	}
	if (st->bg != THEME_COLOR_DEFAULT) {
		buf_adds(b, " on ");
		format_color(b, st->bg);
	}
}
