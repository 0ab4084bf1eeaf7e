/*
 * Unit tests for the configuration file (config.c, config_out.c) and
 * what it drives: a good file's every setting; an absent file; files
 * refused with their first diagnostic exactly as printed, FILE:LINE:COL
 * (one cmocka test a row of a table); key conflicts, within the file
 * and with the keys it leaves alone; unknown keys as warnings that do
 * not stop the file from being used; the all-or-nothing rule; paths that
 * are not regular files refused without blocking; --print-config's text
 * reading back as the same configuration; the key table after
 * config_apply() (lookups, help labels, status-line hints); and the
 * style texts of theme.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "config.h"
#include "keys.h"
#include "load.h"
#include "sort.h"
#include "theme.h"
#include "util.h"

#define NAME	"c.yaml"

/* What each test works on, made afresh and torn down after. */
static struct fixture {
	struct config	 cfg;
	struct errlist	 errs;
	const void	*row;		/* the table row it runs, or NULL */
} fixture;

static int
setup(void **state)
{
	memset(&fixture, 0, sizeof(fixture));
	config_init(&fixture.cfg);
	errlist_init(&fixture.errs);
	fixture.row = *state;
	*state = &fixture;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	config_done(&fixture.cfg);
	errlist_done(&fixture.errs);
	keys_reset();
	return 0;
}

static int
load(struct fixture *f, const char *yaml)
{
	return config_load_buffer(&f->cfg, yaml, strlen(yaml), &f->errs);
}

/* Diagnostic i as printed for a file called NAME. */
static const char *
diag(struct fixture *f, size_t i)
{
	static char line[512];
	char *s;

	assert_true(i < f->errs.len);
	s = errlist_format(&f->errs, i, NAME);
	snprintf(line, sizeof(line), "%s", s);
	free(s);
	return line;
}

/* Every setting of a good file. */
static void
test_good(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f,
	    "# a comment\n"
	    "theme: light\n"
	    "search_mode: words\n"
	    "sort: abbreviation\n"
	    "mouse: no\n"
	    "opener: {command: \"w3m  -N %s\", terminal: true}\n"
	    "colors:\n"
	    "  title: bold white on blue\n"
	    "  link: underline 63\n"
	    "keys:\n"
	    "  quit: [q, C-q]\n"
	    "  open: [o, C-o]\n"
	    "  bar_clear: C-k\n"), 0);
	assert_int_equal(f->errs.len, 0);
	assert_int_equal(f->cfg.theme.id, THEME_LIGHT);
	assert_int_equal(f->cfg.search_mode, SEARCH_WORDS);
	assert_int_equal(f->cfg.sort, SORT_ABBREVIATION);
	assert_int_equal(f->cfg.mouse, 0);
	assert_non_null(f->cfg.opener);
	assert_string_equal(f->cfg.opener[0], "w3m");
	assert_string_equal(f->cfg.opener[1], "-N");
	assert_string_equal(f->cfg.opener[2], "%s");
	assert_null(f->cfg.opener[3]);
	assert_int_equal(f->cfg.opener_terminal, 1);
	assert_int_equal(f->cfg.theme.set, (1u << STYLE_TITLE) |
	    (1u << STYLE_LINK));
	assert_int_equal(f->cfg.theme.style[STYLE_TITLE].fg, 7);
	assert_int_equal(f->cfg.theme.style[STYLE_TITLE].bg, 4);
	assert_int_equal(f->cfg.theme.style[STYLE_TITLE].attrs, THEME_BOLD);
	assert_int_equal(f->cfg.theme.style[STYLE_LINK].fg, 63);
	assert_int_equal(f->cfg.theme.style[STYLE_LINK].bg,
	    THEME_COLOR_DEFAULT);
	assert_int_equal(f->cfg.nkeys, 3);
	assert_int_equal(f->cfg.keys[0].act, ACT_QUIT);
	assert_int_equal(f->cfg.keys[0].n, 2);
	assert_int_equal(f->cfg.keys[0].key[0], 'q');
	assert_int_equal(f->cfg.keys[0].key[1], K_CTRL('q'));
	assert_int_equal(f->cfg.keys[0].line[1], 11);
	assert_int_equal(f->cfg.keys[0].col[1], 13);
	assert_int_equal(f->cfg.keys[1].key[1], K_CTRL('o'));
	assert_int_equal(f->cfg.keys[2].act, ACT_BAR_CLEAR);
	assert_int_equal(f->cfg.keys[2].key[0], K_CTRL('k'));
}

/* Nothing at all, or only comments, or an empty document: the defaults. */
static void
test_empty(void **state)
{
	static const char *const docs[] = { "", "# nothing\n", "---\n" };
	struct fixture *f = *state;
	size_t i;

	for (i = 0; i < nitems(docs); i++) {
		assert_int_equal(load(f, docs[i]), 0);
		assert_int_equal(f->errs.len, 0);
		assert_int_equal(f->cfg.theme.id, THEME_DEFAULT);
		assert_int_equal(f->cfg.mouse, 1);
		assert_int_equal(f->cfg.sort, SORT_FILE);
		assert_int_equal(f->cfg.opener_terminal, -1);
		assert_null(f->cfg.opener);
		assert_int_equal(f->cfg.nkeys, 0);
	}
}

/* A temporary folder for the tests that need files; removed after. */
static char *
tmpdir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *d = xasprintf("%s/sma-config.XXXXXX", tmp != NULL &&
	    *tmp != '\0' ? tmp : P_tmpdir);

	assert_non_null(mkdtemp(d));
	return d;
}

/* No file: 1, nothing said, the defaults kept; --config FILE: an error. */
static void
test_absent(void **state)
{
	struct fixture *f = *state;
	char *dir = tmpdir(), *path = xasprintf("%s/none.yaml", dir), *name;

	assert_int_equal(config_load_file(&f->cfg, path, &f->errs), 1);
	assert_int_equal(f->errs.len, 0);
	assert_int_equal(f->cfg.theme.id, THEME_DEFAULT);
	/* The default file may be missing; one named on the command line not. */
	setenv("XDG_CONFIG_HOME", dir, 1);
	assert_int_equal(config_read(&f->cfg, NULL, 0, &f->errs, &name), 0);
	assert_int_equal(f->errs.len, 0);
	assert_non_null(strstr(name, "/sma-allies/config.yaml"));
	free(name);
	assert_int_equal(config_read(&f->cfg, path, 0, &f->errs, &name), -1);
	assert_int_equal(f->errs.len, 1);
	free(name);
	/* --no-config reads nothing, whatever is there. */
	errlist_done(&f->errs);
	assert_int_equal(config_read(&f->cfg, path, 1, &f->errs, &name), 0);
	assert_null(name);
	assert_int_equal(f->errs.len, 0);
	unsetenv("XDG_CONFIG_HOME");
	rmdir(dir);
	free(path);
	free(dir);
}

/* XDG_CONFIG_HOME when absolute, else HOME's .config, else none. */
static void
test_path(void **state)
{
	char *p;

	(void)state;
	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	setenv("HOME", "/home/h", 1);
	p = config_path();
	assert_string_equal(p, "/x/conf/sma-allies/config.yaml");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);
	p = config_path();
	assert_string_equal(p, "/home/h/.config/sma-allies/config.yaml");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	assert_null(config_path());
}

/* A file refused: its first diagnostic as printed, and it is the error. */
struct refusal {
	const char	*what;
	const char	*yaml;
	const char	*first;		/* errlist_format() of the first */
};

static const struct refusal refusals[] = {
	{ "theme unknown", "theme: purple\n",
	    NAME ":1:8: error: 'theme' must be light, dark or default, not "
	    "\"purple\"" },
	{ "theme not a word", "theme: [light]\n",
	    NAME ":1:8: error: 'theme' must be a word, not a list" },
	{ "search mode unknown", "mouse: on\nsearch_mode: fuzzy\n",
	    NAME ":2:14: error: 'search_mode' must be words or regex, not "
	    "\"fuzzy\"" },
	{ "sort unknown", "sort: random\n",
	    NAME ":1:7: error: 'sort' must be file, name or abbreviation, not "
	    "\"random\"" },
	{ "mouse not a boolean", "mouse: maybe\n",
	    NAME ":1:8: error: 'mouse' must be true or false, not \"maybe\"" },
	{ "colour word wrong", "colors:\n  title: bold whit on blue\n",
	    NAME ":2:15: error: the colour of 'title': \"whit\" is neither a "
	    "colour (a name such as blue, or a number from 0 to 255) nor bold, "
	    "underline, reverse or dim" },
	{ "colour after on missing", "colors:\n  match: black on\n",
	    NAME ":2:16: error: the colour of 'match': \"on\" needs a colour "
	    "after it" },
	{ "colour out of range", "colors:\n  link: 256\n",
	    NAME ":2:9: error: the colour of 'link': \"256\" is neither a "
	    "colour (a name such as blue, or a number from 0 to 255) nor bold, "
	    "underline, reverse or dim" },
	{ "two text colours", "colors:\n  key: red blue\n",
	    NAME ":2:12: error: the colour of 'key': \"blue\" is a second text "
	    "colour; write the background as \"on COLOUR\"" },
	{ "colors not a mapping", "colors: red\n",
	    NAME ":1:9: error: 'colors' must be a mapping (a style name such "
	    "as title, and its colours: sma-allies --print-config lists "
	    "them), not a word" },
	{ "not a key", "keys:\n  quit: [q, Zap]\n",
	    NAME ":2:13: error: \"Zap\", given to 'quit', is not a key: name "
	    "one character, C-x for a control key, or Enter, Esc, Tab, S-Tab, "
	    "Space, Up, Down, Left, Right, PgUp, PgDn, Home, End, F1, "
	    "Backspace or Del" },
	{ "the terminal's key", "keys:\n  down: C-c\n",
	    NAME ":2:9: error: \"C-c\", given to 'down', is the terminal's: "
	    "it interrupts the program (it quits the browser)" },
	{ "text in the bar", "keys:\n  bar_accept: [a]\n",
	    NAME ":2:16: error: \"a\", given to 'bar_accept', is text in the "
	    "search bar; give it a control or function key (C-x, Up, F1, "
	    "...)" },
	{ "too many keys", "keys:\n  quit: [q, Q, 1, 2, 3, 4, 5, 6, 7]\n",
	    NAME ":2:34: error: 'quit' has more than 8 keys" },
	{ "opener word empty", "opener:\n  command: [w3m, \"\"]\n",
	    NAME ":2:18: error: a word of 'command' is empty" },
	{ "terminal unknown", "opener:\n  terminal: sometimes\n",
	    NAME ":2:13: error: 'terminal' must be true (the opener runs in "
	    "the terminal), false (it opens a window of its own) or auto, not "
	    "\"sometimes\"" },
	{ "a setting twice", "theme: light\ntheme: dark\n",
	    NAME ":2:1: error: \"theme\" is given twice in the configuration "
	    "(first at line 1, column 1); give it once" },
	{ "an action twice", "keys:\n  quit: q\n  quit: x\n",
	    NAME ":3:3: error: \"quit\" is given twice in 'keys' (first at "
	    "line 2, column 3); give it once" },
	{ "not a mapping", "- theme\n",
	    NAME ":1:1: error: the configuration must be a mapping of settings "
	    "such as \"theme: light\", not a list" },
	{ "a key that is a list", "[a]: 1\n",
	    NAME ":1:1: error: a key in the configuration must be a word, not "
	    "a list" },
	{ "two documents", "theme: light\n---\ntheme: dark\n",
	    NAME ":2:1: error: a second document starts here; a configuration "
	    "is one" },
	{ "syntax", "theme: light\nkeys: {quit: [q}\n",
	    NAME ":2:16: error: YAML syntax: did not find expected ',' or ']' "
	    "while parsing a flow sequence at line 2, column 14" },
	{ "UTF-16", "\xff\xfet\0h\0",
	    NAME ":1:1: error: the file is UTF-16 or UTF-32; save it as "
	    "UTF-8" },
	{ "a key given to two actions",
	    "keys:\n  help: [h]\n  about: [x, h]\n",
	    NAME ":3:14: error: \"h\" is given to 'about' and to 'help' (line "
	    "2, column 10); a key does one thing" },
	{ "two actions on Enter (LF is Enter's)",
	    "keys:\n  open: [o, C-j]\n  quit: [Enter]\n",
	    NAME ":3:10: error: \"Enter\" is given to 'quit' and to 'open' "
	    "(line 2, column 13); a key does one thing" },
};

static void
test_refusal(void **state)
{
	struct fixture *f = *state;
	const struct refusal *r = f->row;
	size_t i;

	/* Something set before stays: a refused file changes nothing. */
	f->cfg.theme.id = THEME_DARK;
	if (strcmp(r->what, "UTF-16") == 0)
		assert_int_equal(config_load_buffer(&f->cfg, r->yaml, 6,
		    &f->errs), -1);
	else
		assert_int_equal(load(f, r->yaml), -1);
	assert_true(f->errs.nerrors > 0);
	for (i = 0; i < f->errs.len && !f->errs.v[i].error; i++)
		;
	assert_string_equal(diag(f, i), r->first);
	assert_int_equal(f->cfg.theme.id, THEME_DARK);
	assert_int_equal(f->cfg.nkeys, 0);
}

/*
 * Unknown keys are warnings, at their place, and the file is used; the
 * diagnostics come in the order of the file, conflicts found at the end
 * included.
 */
static void
test_unknown_keys_warn(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f, "colour: red\ntheme: dark\n"
	    "colors: {nosuch: red, title: red}\nkeys:\n  fly: [f]\n"
	    "  quit: [x, x]\nopener: {command: w3m, window: yes}\n"), 0);
	assert_int_equal(f->errs.nerrors, 0);
	assert_int_equal(f->errs.len, 5);
	assert_string_equal(diag(f, 0), NAME ":1:1: warning: unknown key "
	    "\"colour\" in the configuration ignored (the settings are theme, "
	    "colors, keys, search_mode, sort, mouse and opener)");
	assert_string_equal(diag(f, 1), NAME ":3:10: warning: unknown key "
	    "\"nosuch\" in 'colors' ignored (a style name such as title, and "
	    "its colours: sma-allies --print-config lists them)");
	assert_string_equal(diag(f, 2), NAME ":5:3: warning: unknown key "
	    "\"fly\" in 'keys' ignored (an action such as quit, and its keys: "
	    "sma-allies --print-config lists them)");
	assert_string_equal(diag(f, 3), NAME ":6:13: warning: \"x\" is given "
	    "to 'quit' twice (first at line 6, column 10); once is enough");
	assert_string_equal(diag(f, 4), NAME ":7:24: warning: unknown key "
	    "\"window\" in 'opener' ignored (command and terminal)");
	assert_int_equal(f->cfg.theme.id, THEME_DARK);
	assert_int_equal(f->cfg.theme.style[STYLE_TITLE].fg, 1);
	assert_int_equal(f->cfg.nkeys, 1);
	assert_int_equal(f->cfg.keys[0].n, 1);
	assert_string_equal(f->cfg.opener[0], "w3m");
}

/* Every problem of a file is reported, in the file's order. */
static void
test_all_reported(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f,
	    "keys:\n"
	    "  quit: [o]\n"
	    "  help: [Zap]\n"
	    "sort: random\n"), -1);
	assert_int_equal(f->errs.nerrors, 2);
	assert_int_equal(f->errs.len, 3);
	assert_string_equal(diag(f, 0), NAME ":2:10: warning: \"o\", given to "
	    "'quit', was the key of 'open', which has no key now");
	assert_true(strncmp(diag(f, 1), NAME ":3:10: error: \"Zap\"", 20) ==
	    0);
	assert_true(strncmp(diag(f, 2), NAME ":4:7: error: 'sort'", 19) ==
	    0);
}

/* Keys that move: remapping every one that collides is no conflict. */
static void
test_swapped_keys(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f, "keys:\n  open: [q]\n  quit: [o, Enter]\n"),
	    0);
	/* Enter was the 'enter' action's: it has lost it, and is told. */
	assert_int_equal(f->errs.len, 1);
	assert_string_equal(diag(f, 0), NAME ":3:13: warning: \"Enter\", "
	    "given to 'quit', was the key of 'enter', which has no key now");
	config_apply(&f->cfg, &(struct app_options){ .mouse = 1 });
	assert_int_equal(keys_lookup(KM_BROWSE, 'q'), ACT_OPEN);
	assert_int_equal(keys_lookup(KM_BROWSE, 'o'), ACT_QUIT);
	assert_int_equal(keys_lookup(KM_BROWSE, '\n'), ACT_QUIT);
	assert_int_equal(keys_lookup(KM_BROWSE, K_ENTER), ACT_QUIT);
}

/*
 * A key that was another action's, that the file leaves alone, moves:
 * a warning says so, and whether that action keeps a key.
 */
static void
test_key_taken(void **state)
{
	struct fixture *f = *state;
	char labels[64];

	assert_int_equal(load(f, "keys:\n  help: [h, q]\n"
	    "  bar_clear: [C-a]\n  quit: [x]\n  first: [Home]\n"
	    "  about: []\n"), 0);
	/*
	 * quit has keys of its own in the file, so q is free to take, and
	 * Home is first's already: one warning.
	 */
	assert_int_equal(f->errs.len, 1);
	assert_string_equal(diag(f, 0), NAME ":3:15: warning: \"C-a\", given "
	    "to 'bar_clear', was the key of 'bar_home', which keeps its other "
	    "keys");
	config_apply(&f->cfg, &(struct app_options){ .mouse = 1 });
	assert_int_equal(keys_lookup(KM_BROWSE, 'q'), ACT_HELP);
	assert_int_equal(keys_lookup(KM_BAR, K_CTRL('a')), ACT_BAR_CLEAR);
	assert_string_equal(keys_labels(KM_BAR, ACT_BAR_HOME, labels,
	    sizeof(labels)), "Home");
	assert_string_equal(keys_labels(KM_BROWSE, ACT_HELP, labels,
	    sizeof(labels)), "h q");
	/* An empty list: the action is on no key. */
	assert_int_equal(keys_lookup(KM_BROWSE, 'a'), ACT_NONE);
	assert_string_equal(keys_labels(KM_BROWSE, ACT_ABOUT, labels,
	    sizeof(labels)), "");
}

/* After config_apply(): lookups, help's labels and the hints. */
static void
test_apply(void **state)
{
	struct fixture *f = *state;
	struct app_options opt = { .mouse = 1 };
	const struct binding *v;
	char labels[64];
	size_t i, n;
	int hinted = 0;

	assert_int_equal(load(f, "theme: dark\nmouse: false\nsort: name\n"
	    "search_mode: words\nopener: {command: [lynx], terminal: false}\n"
	    "keys: {quit: [x, C-q], bar_clear: [C-k, F1]}\n"), 0);
	config_apply(&f->cfg, &opt);
	assert_int_equal(keys_lookup(KM_BROWSE, 'x'), ACT_QUIT);
	assert_int_equal(keys_lookup(KM_BROWSE, K_CTRL('q')), ACT_QUIT);
	assert_int_equal(keys_lookup(KM_BROWSE, 'q'), ACT_NONE);
	/* The rest of the table is as it was. */
	assert_int_equal(keys_lookup(KM_BROWSE, 'j'), ACT_DOWN);
	assert_int_equal(keys_lookup(KM_BROWSE, '\r'), ACT_ENTER);
	assert_int_equal(keys_lookup(KM_BAR, K_CTRL('k')), ACT_BAR_CLEAR);
	/* C-u left the bar's clear: a control key, so no text either. */
	assert_int_equal(keys_lookup(KM_BAR, K_CTRL('u')), ACT_NONE);
	/* Help (a page) reads the list's table after its own. */
	assert_int_equal(keys_lookup(KM_PAGE, 'x'), ACT_QUIT);
	assert_string_equal(keys_labels(KM_BROWSE, ACT_QUIT, labels,
	    sizeof(labels)), "x C-q");
	assert_string_equal(keys_labels(KM_BAR, ACT_BAR_CLEAR, labels,
	    sizeof(labels)), "C-k F1");
	assert_string_equal(keys_first(KM_BROWSE, ACT_QUIT), "x");
	/* The status line's hint for quit is on its first key now. */
	v = keys_table(KM_BROWSE, &n);
	for (i = 0; i < n; i++)
		if (v[i].action == ACT_QUIT && v[i].hint != NULL) {
			assert_string_equal(v[i].hint, "x");
			assert_int_equal(v[i].key, 'x');
			hinted++;
		}
	assert_int_equal(hinted, 1);
	assert_int_equal(opt.mouse, 0);
	assert_int_equal(opt.sort, SORT_NAME);
	assert_int_equal(opt.search_mode, SEARCH_WORDS);
	assert_ptr_equal(opt.theme, &f->cfg.theme);
	assert_string_equal(opt.opener[0], "lynx");
	assert_int_equal(opt.opener_terminal, 0);
	/* The mouse turned off on the command line stays off. */
	config_done(&f->cfg);
	config_init(&f->cfg);
	opt.mouse = 0;
	config_apply(&f->cfg, &opt);
	assert_int_equal(opt.mouse, 0);
	keys_reset();
	assert_int_equal(keys_lookup(KM_BROWSE, 'q'), ACT_QUIT);
	assert_int_equal(keys_lookup(KM_BROWSE, 'x'), ACT_NONE);
}

/* --print-config's text loads again as the same configuration. */
static void
test_print_round_trip(void **state)
{
	static const char *const docs[] = {
		"",
		"theme: light\nsearch_mode: words\nsort: name\nmouse: off\n"
		"opener: {command: [my browser, \"--new\", \"%s\", 'a\"b\\\\c'], "
		"terminal: true}\n"
		"colors: {title: \"bold white on blue\", link: 63, qr: \"\", "
		"key: \"reverse bright-red on default\"}\n"
		"keys: {quit: [\"Y\", \"?\"], help: [F1, h], search: [\"#\"], "
		"open: [Enter, \"é\", C-o], bar_clear: [C-k]}\n",
	};
	struct fixture *f = *state;
	struct config again;
	struct buf one = { 0 }, two = { 0 };
	size_t i;

	for (i = 0; i < nitems(docs); i++) {
		config_done(&f->cfg);
		errlist_done(&f->errs);
		assert_int_equal(load(f, docs[i]), 0);
		/* Y and Enter move from the actions they were on: said. */
		assert_int_equal(f->errs.nerrors, 0);
		assert_int_equal(f->errs.len, i == 0 ? 0 : 2);
		buf_reset(&one);
		config_print(&one, &f->cfg);
		/* Written out, every action has its keys: nothing to say. */
		errlist_done(&f->errs);
		config_init(&again);
		assert_int_equal(config_load_buffer(&again, one.ptr, one.len,
		    &f->errs), 0);
		assert_int_equal(f->errs.len, 0);
		buf_reset(&two);
		config_print(&two, &again);
		assert_string_equal(one.ptr, two.ptr);
		assert_int_equal(again.theme.id, f->cfg.theme.id);
		assert_int_equal(again.theme.set, f->cfg.theme.set);
		config_done(&again);
	}
	/* The second shows what it set, as the text says it. */
	assert_non_null(strstr(one.ptr, "\ntheme: light\n"));
	/* Each item of a list is one word, blanks and all. */
	assert_non_null(strstr(one.ptr, "\n  command: [\"my browser\", "
	    "\"--new\", \"%s\", \"a\\\"b\\\\\\\\c\"]\n  terminal: true\n"));
	assert_non_null(strstr(one.ptr, "\n  title: \"bold white on blue\"\n"));
	assert_non_null(strstr(one.ptr, "\n  key: \"reverse bright-red\"\n"));
	assert_non_null(strstr(one.ptr, "\n  quit: [\"Y\", \"?\"]\n"));
	assert_non_null(strstr(one.ptr, "\n  open: [Enter, \"é\", C-o]\n"));
	assert_non_null(strstr(one.ptr, "\n  down: [j, Down]\n"));
	/* The action that lost its only key is written with none. */
	assert_non_null(strstr(one.ptr, "\n  enter: []\n"));
	assert_non_null(strstr(one.ptr, "\n  copy_name: []\n"));
	buf_free(&one);
	buf_free(&two);
}

/* Not a regular file, or too large: refused, and nothing waits. */
static void
test_not_regular(void **state)
{
	struct fixture *f = *state;
	char *dir = tmpdir(), *fifo = xasprintf("%s/fifo", dir);
	char *big = xasprintf("%s/big.yaml", dir);
	FILE *fp;
	size_t i;

	assert_int_equal(mkfifo(fifo, 0600), 0);
	/* A FIFO with no writer would block an open() without O_NONBLOCK. */
	assert_int_equal(config_load_file(&f->cfg, fifo, &f->errs), -1);
	assert_string_equal(diag(f, 0), NAME ": error: not a regular file; a "
	    "configuration is read from a file only");
	assert_int_equal(config_load_file(&f->cfg, dir, &f->errs), -1);
	assert_string_equal(diag(f, 1), NAME ": error: not a regular file; a "
	    "configuration is read from a file only");
	assert_non_null(fp = fopen(big, "w"));
	for (i = 0; i <= CONFIG_MAX_BYTES / 8; i++)
		fputs("# 34567\n", fp);
	fclose(fp);
	assert_int_equal(config_load_file(&f->cfg, big, &f->errs), -1);
	assert_string_equal(diag(f, 2), NAME ": error: larger than 64 KiB; a "
	    "configuration is a few lines");
	unlink(fifo);
	unlink(big);
	rmdir(dir);
	free(fifo);
	free(big);
	free(dir);
}

/* The status line's one line about a file's problems. */
static void
test_notice(void **state)
{
	struct fixture *f = *state;
	struct buf b = { 0 };

	config_notice(&b, &f->errs, NAME);
	assert_int_equal(b.len, 0);
	assert_int_equal(load(f, "fly: 1\nsort: random\n"), -1);
	config_notice(&b, &f->errs, NAME);
	assert_string_equal(b.ptr, "Configuration not used (2 problems, "
	    "listed when you quit): " NAME ":2:7: error: 'sort' must be file, "
	    "name or abbreviation, not \"random\"");
	errlist_done(&f->errs);
	buf_reset(&b);
	assert_int_equal(load(f, "fly: 1\n"), 0);
	config_notice(&b, &f->errs, NAME);
	assert_string_equal(b.ptr, "Configuration read with 1 warning (listed "
	    "when you quit): " NAME ":1:1: warning: unknown key \"fly\" in "
	    "the configuration ignored (the settings are theme, colors, keys, "
	    "search_mode, sort, mouse and opener)");
	buf_free(&b);
}

/* Key names, both ways. */
static void
test_key_names(void **state)
{
	static const struct {
		const char	*name;
		int		 code;
		const char	*canonical;
	} names[] = {
		{ "q", 'q', "q" }, { "enter", '\r', "Enter" },
		{ "C-m", '\r', "Enter" }, { "C-i", '\t', "Tab" },
		{ "C-[", K_ESC, "Esc" }, { "C-Q", K_CTRL('q'), "C-q" },
		{ "C-]", K_CTRL(']'), "C-]" }, { " ", ' ', "Space" },
		{ "PGDN", K_PAGE_DOWN, "PgDn" }, { "é", 0xe9, "é" },
		{ "S-Tab", K_BACKTAB, "S-Tab" },
	};
	static const char *const bad[] = {
		"", "qq", "C-", "C-1", "F2", "\t", "\x7f", "\xc3", "\xe2\x80\xae"
	};
	char buf[KEYS_NAME_MAX];
	int codes[KEYS_MAX_CODES];
	size_t i;

	(void)state;
	for (i = 0; i < nitems(names); i++) {
		assert_true(keys_parse(names[i].name, strlen(names[i].name),
		    codes) > 0);
		assert_int_equal(codes[0], names[i].code);
		assert_string_equal(keys_name(codes[0], buf, sizeof(buf)),
		    names[i].canonical);
	}
	assert_int_equal(keys_parse("Enter", 5, codes), 3);
	assert_int_equal(codes[1], '\n');
	assert_int_equal(codes[2], K_ENTER);
	assert_int_equal(keys_parse("Backspace", 9, codes), 2);
	assert_int_equal(codes[1], 127);
	for (i = 0; i < nitems(bad); i++)
		assert_int_equal(keys_parse(bad[i], strlen(bad[i]), codes), 0);
	assert_string_equal(action_name(ACT_PAGE_DOWN, buf, sizeof(buf)),
	    "page_down");
	assert_int_equal(action_lookup("bar_kill_word", 13), ACT_BAR_KILL_WORD);
	assert_int_equal(action_lookup("ACT_QUIT", 8), ACT_NONE);
	/* The mouse's, the kiosk's, the clock's: no key to give them. */
	assert_int_equal(keys_action_mode(ACT_PICK), KM_COUNT);
	assert_int_equal(keys_action_mode(ACT_STAFF), KM_COUNT);
	assert_int_equal(keys_action_mode(ACT_QUIT), KM_BROWSE);
	assert_int_equal(keys_action_mode(ACT_BAR_END), KM_BAR);
}

/* Style texts read and written, and the themes' tiers. */
static void
test_theme_text(void **state)
{
	static const struct {
		const char	*text;
		int		 fg, bg;
		unsigned	 attrs;
		const char	*out;
	} good[] = {
		{ "", -1, -1, 0, "" },
		{ "bold white on blue", 7, 4, THEME_BOLD, "bold white on blue" },
		{ "on 236  underline  229", 229, 236, THEME_UNDERLINE,
		    "underline 229 on 236" },
		{ "dim reverse bright-cyan", 14, -1, THEME_DIM | THEME_REVERSE,
		    "reverse dim bright-cyan" },
		{ "default on red", -1, 1, 0, "default on red" },
	};
	struct theme_style st, dark;
	struct buf b = { 0 };
	const char *why;
	size_t i, at;

	(void)state;
	for (i = 0; i < nitems(good); i++) {
		assert_int_equal(theme_parse(good[i].text, strlen(good[i].text),
		    &st, &at, &why), 0);
		assert_int_equal(st.fg, good[i].fg);
		assert_int_equal(st.bg, good[i].bg);
		assert_int_equal(st.attrs, good[i].attrs);
		buf_reset(&b);
		theme_format(&b, &st);
		assert_string_equal(b.ptr, good[i].out);
	}
	assert_int_equal(theme_parse("red on blue on green", 20, &st, &at,
	    &why), -1);
	assert_int_equal(at, 12);
	buf_free(&b);
	/* Without colour, no theme sets one. */
	for (i = 0; i < STYLE_COUNT; i++) {
		st = theme_get(THEME_LIGHT, 0, (enum draw_style)i);
		assert_int_equal(st.fg, THEME_COLOR_DEFAULT);
		assert_int_equal(st.bg, THEME_COLOR_DEFAULT);
		/* Light and dark paint every style's background. */
		st = theme_get(THEME_LIGHT, 256, (enum draw_style)i);
		dark = theme_get(THEME_DARK, 8, (enum draw_style)i);
		assert_true(st.fg >= 16 && st.bg >= 16);
		assert_true(dark.fg >= 0 && dark.fg < 16 && dark.bg >= 0 &&
		    dark.bg < 16);
	}
	assert_int_equal(theme_get(THEME_DEFAULT, 256, STYLE_LINK).fg, 63);
	assert_int_equal(theme_get(THEME_DEFAULT, 8, STYLE_LINK).fg,
	    THEME_COLOR_DEFAULT);
	assert_int_equal(theme_style_lookup("selected_dim", 12),
	    STYLE_SELECTED_DIM);
	assert_int_equal(theme_lookup("dark", 4), THEME_DARK);
}

int
main(void)
{
	static const struct CMUnitTest own[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_good),
		T(test_empty),
		T(test_absent),
		T(test_path),
		T(test_unknown_keys_warn),
		T(test_all_reported),
		T(test_swapped_keys),
		T(test_key_taken),
		T(test_apply),
		T(test_print_round_trip),
		T(test_not_regular),
		T(test_notice),
		T(test_key_names),
		T(test_theme_text),
#undef T
	};
	struct CMUnitTest tests[nitems(own) + nitems(refusals)], *t;
	size_t i;

	memcpy(tests, own, sizeof(own));
	/* One test a refusal, named after it, handed its row by setup(). */
	for (i = 0, t = tests + nitems(own); i < nitems(refusals); i++, t++) {
		*t = (struct CMUnitTest)cmocka_unit_test_setup_teardown(
		    test_refusal, setup, teardown);
		t->name = refusals[i].what;
		t->initial_state = (void *)(uintptr_t)&refusals[i];
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
