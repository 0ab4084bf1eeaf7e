/*
 * config: the configuration file, read, checked, written and used.  See
 * config.h.
 *
 * The schema is a small recursive descent over the loader's event feed:
 * the top-level mapping, then one mapping each for colors, keys and the
 * opener.  Every mapping is read by read_mapping(), which reports keys
 * that are not words, repeated keys (errors) and unknown keys (warnings),
 * so each setting's code only judges its value.  Key conflicts need the
 * whole file and are checked once it has been read.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "diag.h"
#include "keys.h"
#include "keyset.h"
#include "sort.h"
#include "theme.h"
#include "util.h"
#include "yamlfeed.h"

/* One read of a configuration. */
struct cfg_reader {
	struct diag_sink diag;
	struct yamlfeed	 feed;
	struct config	 cfg;		/* filled as it is read; kept if clean */
	struct buf	 quote;		/* scratch for diag_quote() */
};

/*
 * A setting's value: read it (consuming the node) and return 1, or
 * return 0 without touching it for a key the mapping does not know.
 */
typedef int	cfg_value_cb(struct cfg_reader *, const struct ev *key,
		    const struct ev *val);

static const char *const node_names[] = {
	[EV_SCALAR] = "a word",
	[EV_SEQ_START] = "a list",
	[EV_MAP_START] = "a mapping",
};

/* The kind of node ev starts, for messages. */
static const char *
node_name(const struct ev *ev)
{
	if (ev->type == EV_SCALAR && ev->len == 0)
		return "nothing";
	if ((size_t)ev->type < nitems(node_names) &&
	    node_names[ev->type] != NULL)
		return node_names[ev->type];
	return "nothing";
}

/* Quote len bytes at s for a message; valid until the next quote. */
static const char *
quote(struct cfg_reader *r, const char *s, size_t len)
{
	buf_reset(&r->quote);
	return diag_quote(&r->quote, s, len);
}

static void
skip(struct cfg_reader *r, const struct ev *ev)
{
	yamlfeed_skip(&r->feed, ev);
}

/*
 * The mapping just opened: each key once, a word; what value() does not
 * know is warned about (known lists the keys it does) and skipped.
 */
static void
read_mapping(struct cfg_reader *r, const char *what, const char *known,
    cfg_value_cb *value)
{
	struct keyset seen = { 0 };
	const struct keyset_key *first;
	struct buf name = { 0 };
	struct ev key, val;

	for (;;) {
		yamlfeed_next(&r->feed, &key);
		if (key.type == EV_MAP_END || key.type == EV_STREAM_END)
			break;
		if (key.type != EV_SCALAR) {
			diag_add(&r->diag, DIAG_ERR, key.line, key.col, "a key "
			    "in %s must be a word, not %s", what,
			    node_name(&key));
			skip(r, &key);
			yamlfeed_next(&r->feed, &val);
			skip(r, &val);
			continue;
		}
		/* The key's text lasts only until the next event. */
		buf_reset(&name);
		buf_add(&name, key.value, key.len);
		key.value = name.ptr;
		first = keyset_add(&seen, key.value, key.len, key.line,
		    key.col);
		yamlfeed_next(&r->feed, &val);
		if (first != NULL) {
			diag_add(&r->diag, DIAG_ERR, key.line, key.col,
			    "%s is given twice in %s (first at line %u, column "
			    "%u); give it once", quote(r, key.value, key.len),
			    what, first->line, first->col);
			skip(r, &val);
		} else if (!value(r, &key, &val)) {
			diag_add(&r->diag, DIAG_WARN, key.line, key.col,
			    "unknown key %s in %s ignored (%s)", quote(r,
			    key.value, key.len), what, known);
			skip(r, &val);
		}
	}
	keyset_free(&seen);
	buf_free(&name);
}

/* Is the key of ev the word w? */
static int
key_is(const struct ev *ev, const char *w)
{
	return strlen(w) == ev->len && memcmp(ev->value, w, ev->len) == 0;
}

/* Is val a word (no NUL in it)?  If not, say so and skip it. */
static int
want_word(struct cfg_reader *r, const struct ev *val, const char *key)
{
	if (val->type == EV_SCALAR && memchr(val->value, '\0', val->len) ==
	    NULL)
		return 1;
	if (val->type == EV_SCALAR)
		diag_add(&r->diag, DIAG_ERR, val->line, val->col, "'%s' holds "
		    "a NUL character (\\0); remove it", key);
	else
		diag_add(&r->diag, DIAG_ERR, val->line, val->col, "'%s' must be "
		    "a word, not %s", key, node_name(val));
	skip(r, val);
	return 0;
}

/*
 * Which of the n words in choices val is, or -1 after saying that key
 * takes expect instead.
 */
static int
choose(struct cfg_reader *r, const struct ev *val, const char *key,
    const char *const *choices, size_t n, const char *expect)
{
	size_t i;

	if (!want_word(r, val, key))
		return -1;
	for (i = 0; i < n; i++)
		if (key_is(val, choices[i]))
			return (int)i;
	diag_add(&r->diag, DIAG_ERR, val->line, val->col, "'%s' must be %s, "
	    "not %s", key, expect, quote(r, val->value, val->len));
	return -1;
}

/* Words for yes and no: the even ones are no. */
static const char *const booleans[] = {
	"false", "true", "no", "yes", "off", "on"
};

/* A yes or a no: 1 or 0, or -1 after an error. */
static int
boolean(struct cfg_reader *r, const struct ev *val, const char *key)
{
	int i = choose(r, val, key, booleans, nitems(booleans),
	    "true or false");

	return i < 0 ? -1 : i % 2;
}

/* ---- colors ---- */

static int
color_value(struct cfg_reader *r, const struct ev *key, const struct ev *val)
{
	enum draw_style s = theme_style_lookup(key->value, key->len);
	struct theme_style st;
	const char *why = "";
	unsigned line, col;
	size_t at = 0;

	if (s == STYLE_COUNT)
		return 0;
	if (!want_word(r, val, theme_style_name(s)))
		return 1;
	if (theme_parse(val->value, val->len, &st, &at, &why) < 0) {
		diag_value_pos(&r->diag, val->line, val->col, val->value, at,
		    &line, &col);
		diag_add(&r->diag, DIAG_ERR, line, col, "the colour of '%s': "
		    "%s %s", theme_style_name(s), quote(r, val->value + at,
		    strcspn(val->value + at, " \t")), why);
		return 1;
	}
	r->cfg.theme.style[s] = st;
	r->cfg.theme.set |= 1u << s;
	return 1;
}

/* ---- keys ---- */

/* Keys the terminal keeps for itself while the browser runs. */
static const struct {
	int		 key;
	const char	*does;
} terminal_keys[] = {
	{ K_CTRL('c'), "interrupts the program (it quits the browser)" },
	{ K_CTRL('z'), "suspends the program" },
	{ K_CTRL('\\'), "ends the program with a core dump" },
};

/* One key given to k's action at item; 0 after reporting it. */
static int
take_key(struct cfg_reader *r, struct config_keys *k, const struct ev *item)
{
	char name[32];
	int codes[KEYS_MAX_CODES];
	size_t i;

	action_name(k->act, name, sizeof(name));
	if (!want_word(r, item, name))
		return 0;
	if (keys_parse(item->value, item->len, codes) == 0) {
		diag_add(&r->diag, DIAG_ERR, item->line, item->col, "%s, given "
		    "to '%s', is not a key: name one character, C-x for a "
		    "control key, or Enter, Esc, Tab, S-Tab, Space, Up, Down, "
		    "Left, Right, PgUp, PgDn, Home, End, F1, Backspace or Del",
		    quote(r, item->value, item->len), name);
		return 0;
	}
	for (i = 0; i < nitems(terminal_keys); i++)
		if (codes[0] == terminal_keys[i].key) {
			diag_add(&r->diag, DIAG_ERR, item->line, item->col,
			    "%s, given to '%s', is the terminal's: it %s",
			    quote(r, item->value, item->len), name,
			    terminal_keys[i].does);
			return 0;
		}
	if (keys_action_mode(k->act) == KM_BAR && keys_is_text(codes[0])) {
		diag_add(&r->diag, DIAG_ERR, item->line, item->col, "%s, given "
		    "to '%s', is text in the search bar; give it a control or "
		    "function key (C-x, Up, F1, ...)", quote(r, item->value,
		    item->len), name);
		return 0;
	}
	for (i = 0; i < k->n; i++)
		if (k->key[i] == codes[0]) {
			diag_add(&r->diag, DIAG_WARN, item->line, item->col,
			    "%s is given to '%s' twice (first at line %u, "
			    "column %u); once is enough", quote(r, item->value,
			    item->len), name, k->line[i], k->col[i]);
			return 1;
		}
	if (k->n == CONFIG_MAX_KEYS) {
		diag_add(&r->diag, DIAG_ERR, item->line, item->col, "'%s' has "
		    "more than %d keys", name, CONFIG_MAX_KEYS);
		return 0;
	}
	k->key[k->n] = codes[0];
	k->line[k->n] = item->line;
	k->col[k->n] = item->col;
	k->n++;
	return 1;
}

static int
key_value(struct cfg_reader *r, const struct ev *key, const struct ev *val)
{
	enum action act = action_lookup(key->value, key->len);
	struct config_keys k;
	struct ev item;
	int ok = 1;

	if (act == ACT_NONE || keys_action_mode(act) == KM_COUNT)
		return 0;
	memset(&k, 0, sizeof(k));
	k.act = act;
	if (val->type == EV_SEQ_START) {
		for (;;) {
			yamlfeed_next(&r->feed, &item);
			if (item.type == EV_SEQ_END ||
			    item.type == EV_STREAM_END)
				break;
			ok &= take_key(r, &k, &item);
		}
	} else
		ok = take_key(r, &k, val);
	/* An empty list is no key at all: the action is not on a key. */
	if (!ok)
		return 1;
	r->cfg.keys = xreallocarray(r->cfg.keys, r->cfg.nkeys + 1,
	    sizeof(*r->cfg.keys));
	r->cfg.keys[r->cfg.nkeys++] = k;
	return 1;
}

/* The configuration's keys for act, or NULL when it gives none. */
static const struct config_keys *
keys_of(const struct config *cfg, enum action act)
{
	size_t i;

	for (i = 0; i < cfg->nkeys; i++)
		if (cfg->keys[i].act == act)
			return &cfg->keys[i];
	return NULL;
}

/* Does key send a code that other sends too? */
static int
keys_overlap(int key, int other)
{
	int a[KEYS_MAX_CODES], b[KEYS_MAX_CODES];
	size_t na = keys_codes(key, a), nb = keys_codes(other, b), i, j;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (a[i] == b[j])
				return 1;
	return 0;
}

int
config_takes(const struct config *cfg, enum key_mode mode, int code)
{
	size_t i, j;

	for (i = 0; i < cfg->nkeys; i++)
		if (keys_action_mode(cfg->keys[i].act) == mode)
			for (j = 0; j < cfg->keys[i].n; j++)
				if (keys_overlap(cfg->keys[i].key[j], code))
					return 1;
	return 0;
}

/* Does act keep one of its default keys in mode, under cfg? */
static int
keeps_a_key(const struct config *cfg, enum key_mode mode, enum action act)
{
	const struct binding *v;
	size_t i, n;

	v = keys_defaults(mode, &n);
	for (i = 0; i < n; i++)
		if (v[i].action == act && v[i].label != NULL &&
		    !config_takes(cfg, mode, v[i].key))
			return 1;
	return 0;
}

/*
 * Key k->key[i], in its mode: given to no other action of the file (an
 * error), and if it was the default key of an action the file leaves as
 * it is, that action loses it (a warning).
 */
static void
check_key(struct cfg_reader *r, const struct config_keys *k, size_t i)
{
	const struct config *cfg = &r->cfg;
	enum key_mode mode = keys_action_mode(k->act);
	char key[KEYS_NAME_MAX], mine[32], theirs[32];
	int codes[KEYS_MAX_CODES];
	enum action other;
	size_t o, j, n;

	keys_name(k->key[i], key, sizeof(key));
	action_name(k->act, mine, sizeof(mine));
	for (o = 0; &cfg->keys[o] != k; o++) {
		if (keys_action_mode(cfg->keys[o].act) != mode)
			continue;
		for (j = 0; j < cfg->keys[o].n; j++)
			if (keys_overlap(k->key[i], cfg->keys[o].key[j])) {
				diag_add(&r->diag, DIAG_ERR, k->line[i],
				    k->col[i], "%s is given to '%s' and to "
				    "'%s' (line %u, column %u); a key does one "
				    "thing", quote(r, key, strlen(key)), mine,
				    action_name(cfg->keys[o].act, theirs,
				    sizeof(theirs)), cfg->keys[o].line[j],
				    cfg->keys[o].col[j]);
				return;
			}
	}
	n = keys_codes(k->key[i], codes);
	for (j = 0; j < n; j++) {
		other = keys_default(mode, codes[j]);
		if (other == ACT_NONE || other == k->act ||
		    keys_of(cfg, other) != NULL)
			continue;
		action_name(other, theirs, sizeof(theirs));
		diag_add(&r->diag, DIAG_WARN, k->line[i], k->col[i], "%s, given "
		    "to '%s', was the key of '%s', which %s", quote(r, key,
		    strlen(key)), mine, theirs, keeps_a_key(cfg, mode, other) ?
		    "keeps its other keys" : "has no key now");
		return;
	}
}

static void
check_conflicts(struct cfg_reader *r)
{
	size_t i, j;

	for (i = 0; i < r->cfg.nkeys; i++)
		for (j = 0; j < r->cfg.keys[i].n; j++)
			check_key(r, &r->cfg.keys[i], j);
}

/* ---- opener ---- */

static void
words_free(char **v)
{
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* Add len bytes at s as a word of *v (n words so far); 0 when full. */
static int
word_add(char ***v, size_t *n, const char *s, size_t len)
{
	if (*n == CONFIG_MAX_WORDS)
		return 0;
	*v = xreallocarray(*v, *n + 2, sizeof(**v));
	(*v)[*n] = xmalloc(len + 1);
	memcpy((*v)[*n], s, len);
	(*v)[*n][len] = '\0';
	(*v)[++*n] = NULL;
	return 1;
}

/* A word, or (a list) each item, as the opener's words; 0 after an error. */
static int
command_words(struct cfg_reader *r, const struct ev *val, char ***v)
{
	const char *s;
	struct ev item;
	size_t n = 0, i, start;
	int ok = 1;

	if (val->type != EV_SEQ_START) {
		if (!want_word(r, val, "command"))
			return 0;
		for (s = val->value, i = 0; ok && i < val->len; ) {
			while (i < val->len && (s[i] == ' ' || s[i] == '\t'))
				i++;
			for (start = i; i < val->len && s[i] != ' ' &&
			    s[i] != '\t'; i++)
				;
			if (i > start)
				ok = word_add(v, &n, s + start, i - start);
		}
	} else
		for (;;) {
			yamlfeed_next(&r->feed, &item);
			if (item.type == EV_SEQ_END ||
			    item.type == EV_STREAM_END)
				break;
			if (!want_word(r, &item, "command"))
				ok = 0;
			else if (item.len == 0) {
				diag_add(&r->diag, DIAG_ERR, item.line,
				    item.col, "a word of 'command' is empty");
				ok = 0;
			} else if (ok)
				ok = word_add(v, &n, item.value, item.len);
		}
	if (n == CONFIG_MAX_WORDS && !ok)
		diag_add(&r->diag, DIAG_ERR, val->line, val->col, "'command' has "
		    "more than %d words", CONFIG_MAX_WORDS);
	return ok;
}

static const char *const terminal_words[] = {
	"auto", "false", "true", "no", "yes", "off", "on"
};

static int
opener_value(struct cfg_reader *r, const struct ev *key, const struct ev *val)
{
	char **v = NULL;
	int i;

	if (key_is(key, "command")) {
		if (command_words(r, val, &v)) {
			words_free(r->cfg.opener);
			r->cfg.opener = v;
		} else
			words_free(v);
		return 1;
	}
	if (!key_is(key, "terminal"))
		return 0;
	i = choose(r, val, "terminal", terminal_words, nitems(terminal_words),
	    "true (the opener runs in the terminal), false (it opens a "
	    "window of its own) or auto");
	if (i >= 0)
		r->cfg.opener_terminal = i == 0 ? -1 : (i - 1) % 2;
	return 1;
}

/* ---- the top level ---- */

/* A mapping for key: read it with value(), or say it must be one. */
static void
read_section(struct cfg_reader *r, const struct ev *val, const char *key,
    const char *known, cfg_value_cb *value)
{
	char what[64];

	if (val->type != EV_MAP_START) {
		diag_add(&r->diag, DIAG_ERR, val->line, val->col, "'%s' must be "
		    "a mapping (%s), not %s", key, known, node_name(val));
		skip(r, val);
		return;
	}
	snprintf(what, sizeof(what), "'%s'", key);
	read_mapping(r, what, known, value);
}

static int
root_value(struct cfg_reader *r, const struct ev *key, const struct ev *val)
{
	static const char *const modes[] = { "regex", "words" };
	const char *orders[SORT_COUNT], *themes[THEME_COUNT];
	size_t i;
	int v;

	for (i = 0; i < SORT_COUNT; i++)
		orders[i] = sort_name((enum sort_order)i);
	for (i = 0; i < THEME_COUNT; i++)
		themes[i] = theme_name((enum theme_id)i);
	if (key_is(key, "theme")) {
		if ((v = choose(r, val, "theme", themes, THEME_COUNT,
		    "light, dark or default")) >= 0)
			r->cfg.theme.id = (enum theme_id)v;
	} else if (key_is(key, "search_mode")) {
		if ((v = choose(r, val, "search_mode", modes, nitems(modes),
		    "words or regex")) >= 0)
			r->cfg.search_mode = v == 1 ? SEARCH_WORDS :
			    SEARCH_REGEX;
	} else if (key_is(key, "sort")) {
		if ((v = choose(r, val, "sort", orders, SORT_COUNT,
		    "file, name or abbreviation")) >= 0)
			r->cfg.sort = v;
	} else if (key_is(key, "mouse")) {
		if ((v = boolean(r, val, "mouse")) >= 0)
			r->cfg.mouse = v;
	} else if (key_is(key, "colors"))
		read_section(r, val, "colors", "a style name such as title, "
		    "and its colours: sma-allies --print-config lists them",
		    color_value);
	else if (key_is(key, "keys"))
		read_section(r, val, "keys", "an action such as quit, and its "
		    "keys: sma-allies --print-config lists them", key_value);
	else if (key_is(key, "opener"))
		read_section(r, val, "opener", "command and terminal",
		    opener_value);
	else
		return 0;
	return 1;
}

static void
read_document(struct cfg_reader *r)
{
	struct ev ev;

	yamlfeed_next(&r->feed, &ev);
	/* No document at all: an empty file, or only comments. */
	if (ev.type != EV_DOC_START)
		return;
	yamlfeed_next(&r->feed, &ev);
	if (ev.type == EV_MAP_START)
		read_mapping(r, "the configuration", "the settings are theme, "
		    "colors, keys, search_mode, sort, mouse and opener",
		    root_value);
	else if (ev.type != EV_SCALAR || ev.len > 0) {
		diag_add(&r->diag, DIAG_ERR, ev.line, ev.col, "the "
		    "configuration must be a mapping of settings such as "
		    "\"theme: light\", not %s", node_name(&ev));
		skip(r, &ev);
	}
	yamlfeed_next(&r->feed, &ev);		/* the document's end */
	yamlfeed_next(&r->feed, &ev);
	if (ev.type == EV_DOC_START)
		diag_add(&r->diag, DIAG_ERR, ev.line, ev.col, "a second "
		    "document starts here; a configuration is one");
}

void
config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->theme.id = THEME_DEFAULT;
	cfg->search_mode = SEARCH_REGEX;
	cfg->sort = SORT_FILE;
	cfg->mouse = 1;
	cfg->opener_terminal = -1;
}

void
config_done(struct config *cfg)
{
	words_free(cfg->opener);
	free(cfg->keys);
	config_init(cfg);
}

/*
 * Put the diagnostics from entry from on in the order of the file: the
 * conflicts between keys are found once the file has been read.  A
 * stable sort, by line and then column.
 */
static void
sort_diags(struct errlist *e, size_t from)
{
	struct diag d;
	size_t i, j;

	for (i = from + 1; i < e->len; i++) {
		d = e->v[i];
		for (j = i; j > from && (e->v[j - 1].line > d.line ||
		    (e->v[j - 1].line == d.line && e->v[j - 1].col > d.col));
		    j--)
			e->v[j] = e->v[j - 1];
		e->v[j] = d;
	}
}

int
config_load_buffer(struct config *cfg, const char *data, size_t len,
    struct errlist *errs)
{
	struct cfg_reader r;
	size_t from = errs->len;
	int failed;

	memset(&r, 0, sizeof(r));
	config_init(&r.cfg);
	diag_init(&r.diag, errs);
	yamlfeed_init_buffer(&r.feed, data, len, &r.diag);
	if (len > CONFIG_MAX_BYTES)
		diag_add(&r.diag, DIAG_FATAL, 0, 0, "larger than %zu KiB; a "
		    "configuration is a few lines", CONFIG_MAX_BYTES >> 10);
	else if (yamlfeed_start(&r.feed)) {
		read_document(&r);
		if (!r.diag.fatal)
			check_conflicts(&r);
		diag_flush(&r.diag);
	}
	failed = errs->nerrors > r.diag.nerrors0;
	sort_diags(errs, from);
	yamlfeed_done(&r.feed);
	diag_done(&r.diag);
	buf_free(&r.quote);
	if (failed) {
		config_done(&r.cfg);
		return -1;
	}
	config_done(cfg);
	*cfg = r.cfg;
	return 0;
}

char *
config_path(void)
{
	return util_xdg_file("XDG_CONFIG_HOME", ".config",
	    "sma-allies/config.yaml");
}

/* Say why path cannot be read; close fd (-1: none).  Returns -1. */
static int
cannot_read(struct errlist *errs, int fd, int err)
{
	errlist_add(errs, 1, 0, 0, "cannot read it: %s", strerror(err));
	if (fd >= 0)
		close(fd);
	return -1;
}

/*
 * The bytes of the regular file at path, at most CONFIG_MAX_BYTES, into
 * *data (malloc'd).  Returns 0, 1 when there is no such file, or -1
 * after adding why not to errs.
 */
static int
read_file(const char *path, char **data, size_t *len, struct errlist *errs)
{
	struct stat st;
	size_t got = 0;
	ssize_t n;
	int fd;

	*data = NULL;
	/* O_NONBLOCK: a FIFO put there must not hang the start. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0)
		return errno == ENOENT ? 1 : cannot_read(errs, -1, errno);
	if (fstat(fd, &st) < 0)
		return cannot_read(errs, fd, errno);
	if (!S_ISREG(st.st_mode)) {
		errlist_add(errs, 1, 0, 0, "not a regular file; a "
		    "configuration is read from a file only");
		close(fd);
		return -1;
	}
	/* One byte more than the limit tells a file that is too large. */
	*data = xmalloc(CONFIG_MAX_BYTES + 1);
	while (got <= CONFIG_MAX_BYTES && (n = read(fd, *data + got,
	    CONFIG_MAX_BYTES + 1 - got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(*data);
			*data = NULL;
			return cannot_read(errs, fd, errno);
		}
		got += (size_t)n;
	}
	close(fd);
	*len = got;
	return 0;
}

int
config_load_file(struct config *cfg, const char *path, struct errlist *errs)
{
	char *data;
	size_t len = 0;
	int rc;

	if ((rc = read_file(path, &data, &len, errs)) != 0)
		return rc;
	rc = config_load_buffer(cfg, data, len, errs);
	free(data);
	return rc;
}

int
config_read(struct config *cfg, const char *path, int skip,
    struct errlist *errs, char **name)
{
	int rc;

	*name = NULL;
	if (skip)
		return 0;
	if ((*name = path != NULL ? xstrdup(path) : config_path()) == NULL)
		return 0;
	if ((rc = config_load_file(cfg, *name, errs)) != 1)
		return rc;
	if (path == NULL)
		return 0;
	errlist_add(errs, 1, 0, 0, "no such file");
	return -1;
}

void
config_apply(const struct config *cfg, struct app_options *opt)
{
	size_t i;

	for (i = 0; i < cfg->nkeys; i++)
		(void)keys_bind(cfg->keys[i].act, cfg->keys[i].key,
		    cfg->keys[i].n);
	opt->theme = &cfg->theme;
	opt->search_mode = cfg->search_mode;
	opt->sort = cfg->sort;
	opt->mouse = opt->mouse && cfg->mouse;
	opt->opener = cfg->opener;
	opt->opener_terminal = cfg->opener_terminal;
}
