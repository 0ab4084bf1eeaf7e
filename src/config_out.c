/*
 * config_out: a configuration written out, as YAML that reads back as
 * the same configuration (--print-config), and the one line the status
 * line says about a configuration's problems.  See config.h.  The keys
 * a configuration leaves alone are written from the default rows of the
 * key table, less those it gives another action.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "keys.h"
#include "sort.h"
#include "theme.h"
#include "util.h"

/* Words other YAML readers take for something else than text. */
static const char *const reserved[] = {
	"y", "n", "yes", "no", "on", "off", "true", "false", "null"
};

/* Can s be written as it is, a plain scalar that no reader mistakes? */
static int
plain(const char *s)
{
	size_t i;

	if (!((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return 0;
	for (i = 0; i < nitems(reserved); i++)
		if (strcasecmp(s, reserved[i]) == 0)
			return 0;
	return 1;
}

/* s as a YAML scalar: plain when it can be, else double-quoted. */
static void
scalar(struct buf *b, const char *s)
{
	const unsigned char *p;

	if (plain(s)) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_addf(b, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			buf_addf(b, "\\x%02x", *p);
		else
			buf_addc(b, (char)*p);
	}
	buf_addc(b, '"');
}

/*
 * The keys act has under cfg: its own, or its default ones but those
 * the file gives another action.
 */
static void
print_keys(struct buf *b, const struct config *cfg, enum key_mode mode,
    enum action act)
{
	const struct binding *v;
	char name[KEYS_NAME_MAX];
	size_t i, n = 0, len;

	for (i = 0; i < cfg->nkeys; i++) {
		if (cfg->keys[i].act != act)
			continue;
		for (n = 0; n < cfg->keys[i].n; n++) {
			buf_adds(b, n > 0 ? ", " : "");
			scalar(b, keys_name(cfg->keys[i].key[n], name,
			    sizeof(name)));
		}
		return;
	}
	v = keys_defaults(mode, &len);
	for (i = 0; i < len; i++) {
		if (v[i].action != act || v[i].label == NULL ||
		    config_takes(cfg, mode, v[i].key))
			continue;
		buf_adds(b, n++ > 0 ? ", " : "");
		scalar(b, v[i].label);
	}
}

static void
print_bindings(struct buf *b, const struct config *cfg)
{
	static const struct {
		enum key_mode	 mode;
		const char	*title;
	} bindable[] = {
		{ KM_BROWSE, "Browsing the list and the description" },
		{ KM_BAR, "In the search bar (printable keys are text there)" },
	};
	char name[32];
	enum key_mode mode;
	size_t m, a;

	buf_adds(b, "# Each action's keys, named as the help page (?) names "
	    "them.\nkeys:\n");
	for (m = 0; m < nitems(bindable); m++) {
		mode = bindable[m].mode;
		buf_addf(b, "  # %s\n", bindable[m].title);
		for (a = 0; a < ACT_COUNT; a++) {
			if (keys_action_mode((enum action)a) != mode)
				continue;
			buf_addf(b, "  %s: [", action_name((enum action)a,
			    name, sizeof(name)));
			print_keys(b, cfg, mode, (enum action)a);
			buf_adds(b, "]\n");
		}
	}
}

static void
print_colors(struct buf *b, const struct config *cfg)
{
	struct buf spec = { 0 };
	const char *name;
	size_t s;

	size_t col = 1;

	buf_adds(b, "# A style not given here looks as the theme has it.  "
	    "The styles:\n#");
	for (s = 0; s < STYLE_COUNT; s++) {
		name = theme_style_name((enum draw_style)s);
		if (col + strlen(name) + 2 > 72) {
			buf_adds(b, "\n#");
			col = 1;
		}
		buf_addf(b, " %s%s", name, s + 1 < STYLE_COUNT ? "," : "\n");
		col += strlen(name) + 2;
	}
	buf_adds(b, "# Each is words such as \"bold white on blue\": a colour "
	    "(a name or 0 to 255),\n# \"on\" a colour behind it, bold, "
	    "underline, reverse, dim.\n");
	buf_adds(b, cfg->theme.set == 0 ? "colors: {}\n" : "colors:\n");
	for (s = 0; s < STYLE_COUNT; s++) {
		if (!(cfg->theme.set & (1u << s)))
			continue;
		buf_reset(&spec);
		theme_format(&spec, &cfg->theme.style[s]);
		buf_addf(b, "  %s: ", theme_style_name((enum draw_style)s));
		scalar(b, spec.ptr);
		buf_addc(b, '\n');
	}
	buf_free(&spec);
}

void
config_print(struct buf *b, const struct config *cfg)
{
	size_t i;

	buf_adds(b, "# sma-allies: the configuration in effect, the defaults "
	    "and what the file set.\n# It reads back as a configuration "
	    "file (~/.config/sma-allies/config.yaml).\n");
	buf_addf(b, "theme: %s\n", theme_name(cfg->theme.id));
	buf_addf(b, "search_mode: %s\n", cfg->search_mode == SEARCH_WORDS ?
	    "words" : "regex");
	buf_addf(b, "sort: %s\n", sort_name((enum sort_order)cfg->sort));
	buf_addf(b, "mouse: %s\n", cfg->mouse ? "true" : "false");
	buf_adds(b, "# The command that opens a website, \"%s\" standing for "
	    "it (else it comes\n# last); none: $BROWSER, else xdg-open.  "
	    "terminal: true gives it the\n# terminal, false a window of its "
	    "own, auto tells by its name.\nopener:\n  command: [");
	for (i = 0; cfg->opener != NULL && cfg->opener[i] != NULL; i++) {
		buf_adds(b, i > 0 ? ", " : "");
		scalar(b, cfg->opener[i]);
	}
	buf_addf(b, "]\n  terminal: %s\n", cfg->opener_terminal < 0 ? "auto" :
	    cfg->opener_terminal ? "true" : "false");
	print_colors(b, cfg);
	print_bindings(b, cfg);
}

void
config_notice(struct buf *b, const struct errlist *errs, const char *name)
{
	size_t i, first = 0;
	char *line;

	if (errs->len == 0)
		return;
	/* The first error is the news; the first warning without one. */
	for (i = 0; i < errs->len; i++)
		if (errs->v[i].error) {
			first = i;
			break;
		}
	line = errlist_format(errs, first, name != NULL ? name : "");
	if (errs->nerrors > 0)
		buf_addf(b, "Configuration not used (%zu problem%s, listed when "
		    "you quit): %s", errs->len, errs->len == 1 ? "" : "s",
		    line);
	else
		buf_addf(b, "Configuration read with %zu warning%s (listed when "
		    "you quit): %s", errs->len, errs->len == 1 ? "" : "s",
		    line);
	free(line);
}
