/*
 * load: the schema of a data file, checked as its events arrive, and the
 * file itself.  See load.h.
 *
 * This file owns what the contract says a data file holds (the root
 * mapping, the program, the allies list and one mapping per ally, their
 * keys and the checks on their values), reading the file, and the rule
 * that a file with any error leaves the caller's recordset alone.  It
 * stands on the event feed (yamlfeed.c), which hides aliases, the nesting
 * bound and fatal errors, on keyset.c for the unknown keys of a mapping,
 * and on diag.c, through which every message goes; none of them calls
 * back into it.  It must not call libyaml itself: the parser's events are
 * the feed's business and its errors diag's.
 *
 * The schema code is a small recursive descent: the root mapping, the
 * program mapping, the allies list and one mapping per ally.  Its depth is
 * fixed by the format, not by the file, and anything it does not expect
 * is skipped with a loop, so a hostile file cannot grow the C stack.
 */
#include "load.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "diag.h"
#include "keyset.h"
#include "load_limits.h"
#include "reader.h"
#include "record.h"
#include "url.h"
#include "util.h"
#include "yamlfeed.h"

struct loader {
	struct diag_sink diag;
	struct yamlfeed	 feed;
	struct reader	 src;
	struct load_ctl	*ctl;		/* never NULL */
	struct recordset *rs;		/* being built; published on success */
	const char	**list;		/* scratch: the strings of one list */
	size_t		 nlist;
	size_t		 caplist;
	size_t		 nallies;	/* allies seen, valid or not */
	size_t		 built;		/* bytes of records built, about */
	struct buf	 field[FIELD_COUNT];	/* the ally's texts, scratch */
};

static void
next(struct loader *ld, struct ev *ev)
{
	yamlfeed_next(&ld->feed, ev);
}

/* The next item of the list being read into item; 0 at its end. */
static int
next_item(struct loader *ld, struct ev *item)
{
	yamlfeed_next(&ld->feed, item);
	return item->type != EV_SEQ_END && item->type != EV_STREAM_END;
}

static void
skip_node(struct loader *ld, const struct ev *start)
{
	yamlfeed_skip(&ld->feed, start);
}

/*
 * Count bytes of records about to be built, and refuse the input once
 * they pass the memory budget (see LOAD_MEM_FACTOR).  Returns 0 then.
 */
static int
spend(struct loader *ld, size_t bytes, const struct ev *at)
{
	size_t read = atomic_get(&ld->ctl->bytes);

	ld->built += bytes;
	if (ld->built <= LOAD_MEM_FACTOR * read + LOAD_MEM_SLACK)
		return 1;
	diag_add(&ld->diag, DIAG_FATAL, at->line, at->col, "the data takes "
	    "more than %d times its size in memory (%zu MiB for %zu MiB "
	    "read); it has too many tags or aliases for its size",
	    LOAD_MEM_FACTOR, ld->built >> 20, read >> 20);
	return 0;
}

static const char *
node_kind(const struct ev *ev)
{
	switch (ev->type) {
	case EV_SCALAR:
		return ev->len == 0 ? "an empty value" : "a string";
	case EV_SEQ_START:
		return "a list";
	case EV_MAP_START:
		return "a mapping";
	default:
		return "nothing";
	}
}

/*
 * Is the value of key the node type wanted?  If not, report "'KEY' must
 * be WHAT, not ...", skip it and return 0.
 */
static int
expect(struct loader *ld, const struct ev *val, enum ev_type type,
    const char *key, const char *what)
{
	if (val->type == type)
		return 1;
	diag_add(&ld->diag, DIAG_ERR, val->line, val->col, "'%s' must be %s, "
	    "not %s", key, what, node_kind(val));
	skip_node(ld, val);
	return 0;
}

/*
 * A mapping with a fixed set of keys.  parse_mapping() reads the keys,
 * reports duplicates and non-string keys, warns about unknown keys and
 * skips their values, and hands every known key's value to the handler,
 * which must consume the value node.
 */
#define KEYED_MAX	8		/* known keys of a mapping, at most */

struct keyed {
	const char	*const *keys;	/* known keys */
	size_t		 nkeys;
	const char	*what;		/* "an ally", for messages */
	void		(*value)(struct loader *, void *, size_t,
			    const struct ev *);
	void		*arg;
};

/* The keys of one mapping given so far. */
struct given {
	unsigned	 seen;		/* bit i: known key i */
	unsigned	 line[KEYED_MAX];	/* where known key i was */
	unsigned	 col[KEYED_MAX];
	struct keyset	 unknown;	/* the keys that are not known */
};

/* A key that is not one of k's: a warning, or an error when repeated. */
static void
unknown_key(struct loader *ld, const struct keyed *k, struct keyset *ks,
    const struct ev *key)
{
	struct buf msg = { 0 }, known = { 0 };
	const struct keyset_key *first;
	size_t i;

	/* Every unknown key is kept, to tell a repeated one: not many. */
	if (ks->len == LOAD_MAX_KEYS) {
		diag_add(&ld->diag, DIAG_FATAL, key->line, key->col, "more "
		    "than %d keys in %s; it has %zu at most", LOAD_MAX_KEYS,
		    k->what, k->nkeys);
		return;
	}
	if (!spend(ld, key->len + 1 + sizeof(struct keyset_key), key))
		return;
	if ((first = keyset_add(ks, key->value, key->len, key->line,
	    key->col)) != NULL) {
		diag_add(&ld->diag, DIAG_ERR, key->line, key->col, "duplicate "
		    "key %s (first given at line %u, column %u); give each key "
		    "once", diag_quote(&msg, key->value, key->len), first->line,
		    first->col);
	} else if (key->len == 2 && memcmp(key->value, "<<", 2) == 0) {
		diag_add(&ld->diag, DIAG_WARN, key->line, key->col, "merge key "
		    "\"<<\" in %s ignored: merging is not supported; write the "
		    "keys out", k->what);
	} else {
		for (i = 0; i < k->nkeys; i++)
			buf_addf(&known, "%s%s", i > 0 ? ", " : "",
			    k->keys[i]);
		diag_add(&ld->diag, DIAG_WARN, key->line, key->col, "unknown "
		    "key %s in %s ignored (known keys: %s)",
		    diag_quote(&msg, key->value, key->len), k->what, known.ptr);
	}
	buf_free(&msg);
	buf_free(&known);
}

/*
 * Which of k's keys the event key is, or k->nkeys when its value is to be
 * skipped: a key that is not a string (skipped here), unknown, or given
 * before.  Each of those is reported here.
 */
static size_t
key_index(struct loader *ld, const struct keyed *k, struct given *g,
    const struct ev *key)
{
	size_t i;

	if (key->type != EV_SCALAR) {
		diag_add(&ld->diag, DIAG_ERR, key->line, key->col, "a key must "
		    "be a string, not %s; write keys as plain words such as "
		    "\"name:\"", node_kind(key));
		skip_node(ld, key);
		return k->nkeys;
	}
	for (i = 0; i < k->nkeys; i++)
		if (strlen(k->keys[i]) == key->len &&
		    memcmp(k->keys[i], key->value, key->len) == 0)
			break;
	if (i == k->nkeys) {
		unknown_key(ld, k, &g->unknown, key);
		return k->nkeys;
	}
	if (g->seen & (1u << i)) {
		diag_add(&ld->diag, DIAG_ERR, key->line, key->col, "duplicate "
		    "key '%s' (first given at line %u, column %u); give each "
		    "key once", k->keys[i], g->line[i], g->col[i]);
		return k->nkeys;
	}
	g->seen |= 1u << i;
	g->line[i] = key->line;
	g->col[i] = key->col;
	return i;
}

static void
parse_mapping(struct loader *ld, const struct keyed *k)
{
	struct given g;
	struct ev key, val;
	size_t i;

	memset(&g, 0, sizeof(g));
	for (;;) {
		next(ld, &key);
		if (key.type == EV_MAP_END || key.type == EV_STREAM_END)
			break;
		i = key_index(ld, k, &g, &key);
		next(ld, &val);
		if (i < k->nkeys)
			k->value(ld, k->arg, i, &val);
		else
			skip_node(ld, &val);
	}
	keyset_free(&g.unknown);
}

/*
 * A string value copied into dst (when not NULL; the copy lives until dst
 * is reset) or else into the arena.  NULL after reporting why not.
 */
static const char *
take_string_to(struct loader *ld, const struct ev *val, const char *key,
    size_t *len, struct buf *dst)
{
	if (!expect(ld, val, EV_SCALAR, key, "a string"))
		return NULL;
	if (memchr(val->value, '\0', val->len) != NULL) {
		diag_add(&ld->diag, DIAG_ERR, val->line, val->col, "'%s' "
		    "contains a NUL character (\\0); remove it", key);
		return NULL;
	}
	*len = val->len;
	if (!spend(ld, val->len + 1, val))
		return NULL;
	if (dst == NULL)
		return arena_strndup(&ld->rs->arena, val->value, val->len);
	buf_reset(dst);
	buf_add(dst, val->value, val->len);
	return dst->ptr;
}

static const char *
take_string(struct loader *ld, const struct ev *val, const char *key,
    size_t *len)
{
	return take_string_to(ld, val, key, len, NULL);
}

/*
 * A list of strings copied into the arena.  Leaves the strings in the
 * loader's scratch list (ld->list, ld->nlist); returns 0 after an error.
 */
static int
take_list(struct loader *ld, const struct ev *val, const char *key)
{
	struct ev item;
	const char *s;
	size_t len, n = 0;
	int ok = 1;

	ld->nlist = 0;
	if (!expect(ld, val, EV_SEQ_START, key,
	    "a list of strings such as [a, b]"))
		return 0;
	while (next_item(ld, &item)) {
		if (++n > LOAD_MAX_ITEMS) {
			diag_add(&ld->diag, DIAG_FATAL, item.line, item.col,
			    "'%s' has more than %d items; give a few", key,
			    LOAD_MAX_ITEMS);
			return 0;
		}
		if (item.type != EV_SCALAR) {
			diag_add(&ld->diag, DIAG_ERR, item.line, item.col,
			    "each item of '%s' must be a string, not %s", key,
			    node_kind(&item));
			skip_node(ld, &item);
			ok = 0;
			continue;
		}
		if ((s = take_string(ld, &item, key, &len)) == NULL) {
			ok = 0;
			continue;
		}
		if (ld->nlist == ld->caplist) {
			ld->caplist = ld->caplist == 0 ? 8 : ld->caplist * 2;
			ld->list = xreallocarray(ld->list, ld->caplist,
			    sizeof(*ld->list));
		}
		ld->list[ld->nlist++] = s;
	}
	return ok;
}

/* The scratch list, moved into the arena. */
static const char **
list_publish(struct loader *ld)
{
	const char **v;

	if (ld->nlist == 0)
		return NULL;
	v = arena_alloc(&ld->rs->arena, ld->nlist * sizeof(*v));
	memcpy(v, ld->list, ld->nlist * sizeof(*v));
	return v;
}

static int
blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

/*
 * Check a URL value (see url.h); report and return 0 when it is not
 * usable, at the offending character as the file has it.
 */
static int
check_url(struct loader *ld, const struct ev *val, const char *key,
    const char *s, size_t len)
{
	struct url_problem p;
	struct buf quote = { 0 }, msg = { 0 };
	unsigned line, col;

	if (url_check(s, len, &p))
		return 1;
	line = val->line;
	col = val->col;
	if (p.fault == URL_EMPTY)
		buf_addf(&msg, "'%s' ", key);
	else {
		diag_value_pos(&ld->diag, val->line, val->col, s, p.at, &line,
		    &col);
		buf_addf(&msg, "'%s' %s ", key, diag_quote(&quote, s, len));
	}
	url_explain(&msg, s, len, &p);
	diag_add(&ld->diag, DIAG_ERR, line, col, "%s", msg.ptr);
	buf_free(&quote);
	buf_free(&msg);
	return 0;
}

static const char *const program_keys[] = {
	"name", "summary", "benefits", "term", "url", "become_ally_url"
};

static void
program_value(struct loader *ld, void *arg, size_t key, const struct ev *val)
{
	struct program *p = arg;
	const char *s;
	size_t len = 0;

	if (key == 2) {
		if (take_list(ld, val, "benefits")) {
			p->benefits = list_publish(ld);
			p->nbenefits = ld->nlist;
		}
		return;
	}
	if ((s = take_string(ld, val, program_keys[key], &len)) == NULL)
		return;
	switch (key) {
	case 0:
		p->name = s;
		break;
	case 1:
		p->summary = s;
		break;
	case 3:
		p->term = s;
		break;
	case 4:
	case 5:
		if (!check_url(ld, val, program_keys[key], s, len))
			return;
		if (key == 4)
			p->url = s;
		else
			p->become_ally_url = s;
		break;
	}
}

/* The ally being read: its fields as they arrive. */
struct ally {
	struct record	 r;
	unsigned	 given;		/* FIELD_BIT()s present, valid or not */
	unsigned	 have;		/* FIELD_BIT()s present and valid */
	const char	**tags;
	size_t		 ntags;
};


static void
ally_value(struct loader *ld, void *arg, size_t key, const struct ev *val)
{
	struct ally *a = arg;
	const char *s;
	size_t len = 0;

	a->given |= FIELD_BIT(key);
	if (key == FIELD_TAGS) {
		if (take_list(ld, val, "tags")) {
			a->tags = list_publish(ld);
			a->ntags = ld->nlist;
			a->have |= FIELD_BIT(FIELD_TAGS);
		}
		return;
	}
	/*
	 * The text goes to a scratch buffer, and into the recordset only
	 * once, laid out with the ally's other fields (recordset_add_text).
	 */
	if ((s = take_string_to(ld, val, field_names[key], &len,
	    &ld->field[key])) == NULL)
		return;
	if (key == FIELD_URL && !check_url(ld, val, "url", s, len))
		return;
	if ((key == FIELD_NAME || key == FIELD_DESCRIPTION) &&
	    blank(s, len)) {
		diag_add(&ld->diag, DIAG_ERR, val->line, val->col, "'%s' is "
		    "empty; every ally needs a %s", field_names[key],
		    key == FIELD_NAME ? "name" :
		    "description of a sentence or more");
		return;
	}
	a->r.text[key] = s;
	a->r.len[key] = (uint32_t)len;
	a->have |= FIELD_BIT(key);
}

/* Join the tags with ", " into one searchable, displayable string. */
static void
ally_join_tags(struct loader *ld, struct ally *a)
{
	struct buf *b = &ld->field[FIELD_TAGS];
	size_t i;

	buf_reset(b);
	buf_add(b, "", 0);
	for (i = 0; i < a->ntags; i++) {
		if (i > 0)
			buf_add(b, ", ", 2);
		buf_adds(b, a->tags[i]);
	}
	a->r.text[FIELD_TAGS] = b->ptr;
	a->r.len[FIELD_TAGS] = (uint32_t)b->len;
	a->r.tags = a->tags;
	a->r.ntags = (uint32_t)a->ntags;
}

/*
 * Hold back the error for an ally's missing keys: one message naming
 * them all.  A key that was given but wrong has had its own message.
 */
static void
ally_missing(struct loader *ld, const struct ally *a, const struct ev *start)
{
	static const unsigned required[] = {
		FIELD_NAME, FIELD_URL, FIELD_DESCRIPTION
	};
	struct buf msg = { 0 }, who = { 0 };
	size_t i, n = 0, left = 0;

	for (i = 0; i < nitems(required); i++)
		if (!(a->given & FIELD_BIT(required[i])))
			left++;
	if (left == 0)
		return;
	if (a->have & FIELD_BIT(FIELD_NAME))
		diag_quote(&who, a->r.text[FIELD_NAME], a->r.len[FIELD_NAME]);
	buf_addf(&msg, "ally %zu%s%s has no ", ld->nallies,
	    who.len > 0 ? " " : "", who.len > 0 ? who.ptr : "");
	for (i = 0; i < nitems(required); i++) {
		if (a->given & FIELD_BIT(required[i]))
			continue;
		n++;
		buf_addf(&msg, "%s'%s'", n == 1 ? "" : n == left ? " or " :
		    ", ", field_names[required[i]]);
	}
	buf_adds(&msg, "; every ally needs name, url and description");
	diag_hold(&ld->diag, start->line, start->col, msg.ptr);
	buf_free(&msg);
	buf_free(&who);
}

static void
parse_ally(struct loader *ld, const struct ev *start)
{
	struct keyed k = {
		field_names, FIELD_COUNT, "an ally", ally_value, NULL
	};
	struct ally a;
	size_t i;

	memset(&a, 0, sizeof(a));
	k.arg = &a;
	atomic_set(&ld->ctl->allies, ++ld->nallies);
	parse_mapping(ld, &k);
	if (ld->diag.fatal)
		return;
	ally_missing(ld, &a, start);
	/* With any error in the file nothing is used: don't bother. */
	if (!diag_clean(&ld->diag))
		return;
	for (i = 0; i < FIELD_COUNT; i++)
		if (a.r.text[i] == NULL) {
			a.r.text[i] = "";
			a.r.len[i] = 0;
		}
	ally_join_tags(ld, &a);
	if (spend(ld, sizeof(a.r) + a.r.len[FIELD_TAGS] + 1 +
	    a.ntags * sizeof(*a.tags), start))
		recordset_add_text(ld->rs, &a.r);
}

static void
parse_allies(struct loader *ld, const struct ev *val)
{
	struct ev item;

	if (!expect(ld, val, EV_SEQ_START, "allies",
	    "a list, each item starting with \"- name: \""))
		return;
	while (next_item(ld, &item)) {
		if (item.type != EV_MAP_START) {
			ld->nallies++;
			diag_add(&ld->diag, DIAG_ERR, item.line, item.col,
			    "ally %zu must be a mapping with name, url and "
			    "description, not %s", ld->nallies,
			    node_kind(&item));
			skip_node(ld, &item);
			continue;
		}
		parse_ally(ld, &item);
	}
}

static const char *const root_keys[] = { "program", "allies" };

static void
root_value(struct loader *ld, void *arg, size_t key, const struct ev *val)
{
	struct keyed k = {
		program_keys, nitems(program_keys), "the program",
		program_value, &ld->rs->program
	};
	int *have_allies = arg;

	if (key == 1) {
		*have_allies = 1;
		parse_allies(ld, val);
		return;
	}
	if (!expect(ld, val, EV_MAP_START, "program", "a mapping (name, "
	    "summary, benefits, term, url, become_ally_url)"))
		return;
	ld->rs->has_program = 1;
	parse_mapping(ld, &k);
}

static void
parse_stream(struct loader *ld)
{
	struct ev ev;
	int have_allies = 0;
	struct keyed k = {
		root_keys, nitems(root_keys), "the top level", root_value,
		&have_allies
	};

	next(ld, &ev);
	if (ev.type != EV_DOC_START) {
		diag_add(&ld->diag, DIAG_ERR, 1, 1, "the file is empty; it "
		    "needs at least \"allies: []\"");
		return;
	}
	next(ld, &ev);
	if (ev.type != EV_MAP_START) {
		if (ev.type != EV_STREAM_END)
			diag_add(&ld->diag, DIAG_ERR, ev.line, ev.col, "the "
			    "top level must be a mapping with an 'allies' key, "
			    "not %s%s", node_kind(&ev), ev.type == EV_SCALAR &&
			    ev.len == 0 ? " (the document is empty)" : "");
		skip_node(ld, &ev);
	} else {
		parse_mapping(ld, &k);
		if (!have_allies && !ld->diag.fatal)
			diag_add(&ld->diag, DIAG_ERR, ev.line, ev.col, "no "
			    "'allies' key; the top level needs \"allies:\" "
			    "with a list (it may be empty: \"allies: []\")");
	}
	next(ld, &ev);		/* the document's end */
	next(ld, &ev);
	if (ev.type == EV_DOC_START)
		diag_add(&ld->diag, DIAG_ERR, ev.line, ev.col, "a second "
		    "document starts here; a data file holds exactly one");
}

void
load_ctl_init(struct load_ctl *ctl, int fifo_wait_ms)
{
	memset(ctl, 0, sizeof(*ctl));
	ctl->fifo_wait_ms = fifo_wait_ms;
	ctl->total = LOAD_TOTAL_UNKNOWN;
}

void
load_ctl_cancel(struct load_ctl *ctl)
{
	atomic_set(&ctl->cancel, 1);
}

void
load_ctl_get(const struct load_ctl *ctl, struct load_progress *p)
{
	p->state = (enum load_state)atomic_get(&ctl->state);
	p->bytes = atomic_get(&ctl->bytes);
	p->total = atomic_get(&ctl->total);
	p->allies = atomic_get(&ctl->allies);
}

static void
loader_init(struct loader *ld, struct recordset *fresh, struct errlist *errs,
    struct load_ctl *ctl)
{
	memset(ld, 0, sizeof(*ld));
	recordset_init(fresh);
	ld->rs = fresh;
	ld->ctl = ctl;
	ld->src.fd = -1;		/* a buffer is read from no descriptor */
	diag_init(&ld->diag, errs);
	atomic_set(&ctl->bytes, 0);
	atomic_set(&ctl->allies, 0);
	atomic_set(&ctl->state, LOAD_RUNNING);
}

static void
loader_done(struct loader *ld)
{
	size_t i;

	yamlfeed_done(&ld->feed);
	diag_done(&ld->diag);
	free(ld->list);
	for (i = 0; i < FIELD_COUNT; i++)
		buf_free(&ld->field[i]);
	reader_close(&ld->src);
}

/*
 * Parse the input the feed was set up with (unless ready is 0: it has
 * been refused already), then publish the records into rs or throw them
 * away.  Returns what the load returns.
 */
static int
loader_run(struct loader *ld, int ready, struct recordset *rs)
{
	struct load_ctl *ctl = ld->ctl;
	struct recordset *fresh = ld->rs;
	int failed;

	yamlfeed_watch(&ld->feed, &ctl->cancel, &ctl->bytes);
	if (ready && yamlfeed_start(&ld->feed)) {
		parse_stream(ld);
		diag_flush(&ld->diag);
	}
	/* Cancelled after the last event is cancelled all the same. */
	diag_cancelled(&ld->diag, &ctl->cancel);
	failed = ld->diag.errs->nerrors > ld->diag.nerrors0;
	loader_done(ld);
	if (failed) {
		recordset_done(fresh);
		atomic_set(&ctl->state, atomic_get(&ctl->cancel) ?
		    LOAD_CANCELLED : LOAD_FAILED);
		return -1;
	}
	recordset_swap(rs, fresh);
	recordset_done(fresh);
	atomic_set(&ctl->state, LOAD_DONE);
	return 0;
}

int
load_buffer_ctl(const char *data, size_t len, struct recordset *rs,
    struct errlist *errs, struct load_ctl *ctl)
{
	struct load_ctl own;
	struct recordset fresh;
	struct loader ld;

	if (ctl == NULL) {
		load_ctl_init(&own, LOAD_FIFO_WAIT_MS);
		ctl = &own;
	}
	loader_init(&ld, &fresh, errs, ctl);
	atomic_set(&ctl->total, len);
	yamlfeed_init_buffer(&ld.feed, data, len, &ld.diag);
	if (len > LOAD_MAX_BYTES) {
		diag_add(&ld.diag, DIAG_FATAL, 0, 0, "the file is larger than "
		    "%zu MiB", LOAD_MAX_BYTES >> 20);
		return loader_run(&ld, 0, rs);
	}
	return loader_run(&ld, 1, rs);
}

int
load_buffer(const char *data, size_t len, struct recordset *rs,
    struct errlist *errs)
{
	return load_buffer_ctl(data, len, rs, errs, NULL);
}

int
load_file_ctl(const char *path, struct recordset *rs, struct errlist *errs,
    struct load_ctl *ctl)
{
	struct load_ctl own;
	struct recordset fresh;
	struct loader ld;
	int ready;

	if (ctl == NULL) {
		load_ctl_init(&own, LOAD_FIFO_WAIT_MS);
		ctl = &own;
	}
	loader_init(&ld, &fresh, errs, ctl);
	yamlfeed_init_reader(&ld.feed, reader_read, &ld.src, &ld.diag);
	ready = reader_open(&ld.src, path, ctl->fifo_wait_ms, &ctl->cancel,
	    &ld.diag) == 0;
	atomic_set(&ctl->total, ld.src.regular ?
	    (size_t)ld.src.st.st_size : LOAD_TOTAL_UNKNOWN);
	return loader_run(&ld, ready, rs);
}

int
load_file(const char *path, struct recordset *rs, struct errlist *errs)
{
	return load_file_ctl(path, rs, errs, NULL);
}
