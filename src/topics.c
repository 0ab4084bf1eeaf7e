/*
 * topics: counting the allies' tags, the topics screen's grid, and the
 * topic filter.  See topics.h.
 */
#include "topics.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "text.h"
#include "util.h"

#define GRID_MARGIN	2	/* blank columns left of the first cell */
#define GRID_GAP	2	/* blank columns between two cells */
#define GRID_HEAD	2	/* a heading row and a blank one */

void
topics_init(struct topics *t)
{
	memset(t, 0, sizeof(*t));
}

static void
topics_clear(struct topics *t)
{
	size_t i;

	for (i = 0; i < t->len; i++) {
		free(t->v[i].name);
		free(t->v[i].key);
	}
	t->len = 0;
	t->allies = 0;
	t->widest = 0;
	t->cur = 0;
	t->top = 0;
}

void
topics_done(struct topics *t)
{
	topics_clear(t);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static char
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

void
topics_fold(struct buf *out, const char *s, size_t len)
{
	/*
	 * Full case folding ("Straße" and "STRASSE" are one topic) and
	 * composition, so that a precomposed and a combining spelling of
	 * a letter are one topic too; not UTF-8: compared as it is.
	 */
	if (text_fold(out, s, len, 0) < 0)
		buf_add(out, s, len);
}

/* Decimal digits of n. */
static size_t
digits(size_t n)
{
	size_t d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* FNV-1a, for the counting tables. */
static uint32_t
hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* Strings to numbers, by open addressing; the strings are borrowed. */
struct strtab_entry {
	const char	*s;		/* NULL: an empty slot */
	size_t		 len;
	size_t		 value;
};

struct strtab {
	struct strtab_entry *v;
	size_t		 nslots;	/* a power of two, or 0 */
	size_t		 len;
};

/* The slot of s: its entry, or the empty one where it would go. */
static struct strtab_entry *
strtab_slot(const struct strtab *tab, const char *s, size_t len)
{
	size_t j = hash(s, len) & (tab->nslots - 1);

	while (tab->v[j].s != NULL && (tab->v[j].len != len ||
	    memcmp(tab->v[j].s, s, len) != 0))
		j = (j + 1) & (tab->nslots - 1);
	return &tab->v[j];
}

/* The number s stands for, or NULL when it is not in the table. */
static const size_t *
strtab_get(const struct strtab *tab, const char *s, size_t len)
{
	const struct strtab_entry *e;

	if (tab->nslots == 0)
		return NULL;
	e = strtab_slot(tab, s, len);
	return e->s != NULL ? &e->value : NULL;
}

/* Add s (not in the table yet), growing it to stay half empty. */
static void
strtab_put(struct strtab *tab, const char *s, size_t len, size_t value)
{
	struct strtab old = *tab;
	size_t i;

	if (2 * (tab->len + 1) > tab->nslots) {
		tab->nslots = tab->nslots == 0 ? 64 : tab->nslots * 2;
		tab->v = xcalloc(tab->nslots, sizeof(*tab->v));
		tab->len = 0;
		for (i = 0; i < old.nslots; i++)
			if (old.v[i].s != NULL)
				strtab_put(tab, old.v[i].s, old.v[i].len,
				    old.v[i].value);
		free(old.v);
	}
	*strtab_slot(tab, s, len) = (struct strtab_entry){ s, len, value };
	tab->len++;
}

/*
 * What topics_count() keeps while it counts: the folded keys (to their
 * topic), the spellings met so far (to theirs, or -1 for an empty tag),
 * so that a tag spelt as before is not folded again, and last[i], the
 * last record that counted v[i], so that a tag listed twice counts once.
 */
struct tally {
	struct strtab	 keys;
	struct strtab	 spelt;
	size_t		*last;
	size_t		 caplast;
};

/* A new topic for key (len bytes), first spelt name. */
static size_t
tally_new(struct tally *ty, struct topics *t, const char *key, size_t len,
    const char *name)
{
	size_t i;

	if (t->len == t->cap) {
		t->cap = t->cap == 0 ? 16 : t->cap * 2;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	if (t->len == ty->caplast) {
		ty->caplast = t->cap;
		ty->last = xreallocarray(ty->last, ty->caplast,
		    sizeof(*ty->last));
	}
	i = t->len++;
	t->v[i].name = xstrdup(name);
	t->v[i].key = xstrndup(key, len);
	t->v[i].count = 0;
	ty->last[i] = (size_t)-1;
	strtab_put(&ty->keys, t->v[i].key, len, i);
	return i;
}

/* The topic of tag, or -1 for an empty one. */
static size_t
tally_topic(struct tally *ty, struct topics *t, const char *tag,
    struct buf *key)
{
	size_t len = strlen(tag), k;
	const size_t *p;

	if ((p = strtab_get(&ty->spelt, tag, len)) != NULL)
		return *p;
	buf_reset(key);
	topics_fold(key, tag, len);
	if (key->len == 0)
		k = (size_t)-1;		/* an empty tag is no topic */
	else if ((p = strtab_get(&ty->keys, key->ptr, key->len)) != NULL)
		k = *p;
	else
		k = tally_new(ty, t, key->ptr, key->len, tag);
	strtab_put(&ty->spelt, tag, len, k);
	return k;
}

/* Most allies first, then by the folded name, then as spelled. */
static int
by_count(const void *pa, const void *pb)
{
	const struct topic *a = pa, *b = pb;
	int c;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	if ((c = strcmp(a->key, b->key)) != 0)
		return c;
	return strcmp(a->name, b->name);
}

void
topics_count(struct topics *t, const struct recordset *rs)
{
	struct tally ty;
	struct buf key = { 0 };
	const struct record *r;
	size_t i, j, k, w;

	topics_clear(t);
	memset(&ty, 0, sizeof(ty));
	for (i = 0; i < rs->len; i++) {
		r = &rs->v[i];
		for (j = 0; j < r->ntags; j++) {
			k = tally_topic(&ty, t, r->tags[j], &key);
			if (k != (size_t)-1 && ty.last[k] != i) {
				ty.last[k] = i;
				t->v[k].count++;
			}
		}
	}
	t->allies = rs->len;
	if (t->len > 1)
		qsort(t->v, t->len, sizeof(*t->v), by_count);
	t->widest = text_width(TOPICS_ALL, strlen(TOPICS_ALL)) + 1 +
	    digits(t->allies);
	for (i = 0; i < t->len; i++) {
		w = text_width(t->v[i].name, strlen(t->v[i].name)) + 1 +
		    digits(t->v[i].count);
		if (w > t->widest)
			t->widest = w;
	}
	free(ty.keys.v);
	free(ty.spelt.v);
	free(ty.last);
	buf_free(&key);
	/* The grid's rows follow the number of topics. */
	topics_resize(t, t->width, t->height);
}

size_t
topics_find(const struct topics *t, const char *name)
{
	struct buf key = { 0 };
	size_t i, found = (size_t)-1;

	topics_fold(&key, name, strlen(name));
	for (i = 0; i < t->len && found == (size_t)-1; i++)
		if (strcmp(t->v[i].key, key.ptr) == 0)
			found = i;
	buf_free(&key);
	return found;
}

/* s as code points, into a new array; *n gets their number. */
static uint32_t *
code_points(const char *s, size_t *n)
{
	size_t len = strlen(s), i = 0;
	uint32_t *v = xreallocarray(NULL, len + 1, sizeof(*v));

	*n = 0;
	while (i < len)
		i += text_decode(s + i, len - i, &v[(*n)++]);
	return v;
}

/*
 * The fewest edits (insertions, deletions, substitutions of a code
 * point) that turn a into some part of b: 0 when b holds a.  Levenshtein
 * with the start and the end in b free, two rows at a time.
 */
static size_t
fit_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t *prev = xreallocarray(NULL, nb + 1, sizeof(*prev));
	size_t *row = xreallocarray(NULL, nb + 1, sizeof(*row));
	size_t i, j, best, *swap;

	for (j = 0; j <= nb; j++)
		prev[j] = 0;
	for (i = 1; i <= na; i++) {
		row[0] = i;
		for (j = 1; j <= nb; j++) {
			best = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
		}
		swap = prev;
		prev = row;
		row = swap;
	}
	for (best = na, j = 0; j <= nb; j++)
		if (prev[j] < best)
			best = prev[j];
	free(prev);
	free(row);
	return best;
}

size_t
topics_closest(const struct topics *t, const char *name, size_t *out,
    size_t max)
{
	struct buf key = { 0 };
	uint32_t *q, *c;
	size_t *score, i, j, k, nq, nc, n = 0, far;

	topics_fold(&key, name, strlen(name));
	q = code_points(key.ptr, &nq);
	/*
	 * A slip of a letter or two in a word of a tag, not another word:
	 * a short name must be part of a tag as it is.
	 */
	far = nq < 4 ? 0 : nq < 8 ? 1 : 2;
	score = xreallocarray(NULL, t->len + 1, sizeof(*score));
	for (i = 0; i < t->len && nq > 0 && max > 0; i++) {
		if (strstr(key.ptr, t->v[i].key) != NULL)
			score[i] = 0;	/* the name holds the whole tag */
		else {
			c = code_points(t->v[i].key, &nc);
			score[i] = fit_distance(q, nq, c, nc);
			free(c);
		}
		if (score[i] > far)
			continue;
		/* Insert i among the best so far, nearest first. */
		for (j = n; j > 0 && score[out[j - 1]] > score[i]; j--)
			;
		if (j >= max)
			continue;
		for (k = n < max ? n : max - 1; k > j; k--)
			out[k] = out[k - 1];
		out[j] = i;
		if (n < max)
			n++;
	}
	free(score);
	free(q);
	buf_free(&key);
	return n;
}

size_t
topics_cells(const struct topics *t)
{
	return t->len + 1;
}

const char *
topics_cell_name(const struct topics *t, size_t cell)
{
	return cell > 0 && cell <= t->len ? t->v[cell - 1].name : NULL;
}

/* The grid for the current topics and page size. */
static void
grid_compute(const struct topics *t, struct topics_grid *g)
{
	int width = t->width, avail = t->width - 2 * GRID_MARGIN;
	size_t cells = topics_cells(t);

	memset(g, 0, sizeof(*g));
	g->gap = GRID_GAP;
	g->x0 = GRID_MARGIN;
	if (avail < 1) {
		/* Too narrow for margins: the cells take the whole width. */
		avail = width > 0 ? width : 1;
		g->x0 = 0;
	}
	g->y0 = t->height > GRID_HEAD ? GRID_HEAD : 0;
	g->cell = (int)(t->widest + 2 * TOPICS_PAD);
	if (g->cell > avail)
		g->cell = avail;
	g->cols = (avail + g->gap) / (g->cell + g->gap);
	if (g->cols < 1)
		g->cols = 1;
	g->rows = (cells + (size_t)g->cols - 1) / (size_t)g->cols;
	g->shown = t->height - g->y0 > 1 ? (size_t)(t->height - g->y0) : 1;
}

long
topics_cell_at(const struct topics *t, int y, int x)
{
	const struct topics_grid *g = &t->grid;
	size_t row, col, cell;
	int dx = x - g->x0, pitch = g->cell + g->gap;

	if (y < g->y0 || (size_t)(y - g->y0) >= g->shown || dx < 0 ||
	    dx % pitch >= g->cell)
		return -1;
	row = t->top + (size_t)(y - g->y0);
	col = (size_t)(dx / pitch);
	if (col >= (size_t)g->cols)
		return -1;
	cell = row * (size_t)g->cols + col;
	return cell < topics_cells(t) ? (long)cell : -1;
}

/* Keep the first row within bounds, and the cursor's row on screen. */
static void
keep_in_view(struct topics *t)
{
	const struct topics_grid *g = &t->grid;
	size_t row, last = topics_cells(t) - 1;

	if (t->cur > last)
		t->cur = last;
	row = t->cur / (size_t)g->cols;
	if (row < t->top)
		t->top = row;
	if (row >= t->top + g->shown)
		t->top = row - g->shown + 1;
	if (g->rows <= g->shown)
		t->top = 0;
	else if (t->top > g->rows - g->shown)
		t->top = g->rows - g->shown;
}

void
topics_resize(struct topics *t, int width, int height)
{
	t->width = width;
	t->height = height;
	grid_compute(t, &t->grid);
	keep_in_view(t);
}

void
topics_open(struct topics *t, const struct recordset *rs,
    const char *current)
{
	size_t i = (size_t)-1;

	topics_count(t, rs);
	if (current != NULL)
		i = topics_find(t, current);
	topics_point(t, i != (size_t)-1 ? i + 1 : 0);
}

void
topics_step(struct topics *t, long delta)
{
	size_t last = topics_cells(t) - 1;

	if (delta < 0)
		t->cur = (size_t)-delta > t->cur ? 0 : t->cur - (size_t)-delta;
	else
		t->cur = (size_t)delta > last - t->cur ? last :
		    t->cur + (size_t)delta;
	keep_in_view(t);
}

void
topics_point(struct topics *t, size_t cell)
{
	t->cur = cell;
	keep_in_view(t);
}

void
topics_scroll(struct topics *t, long delta)
{
	const struct topics_grid *g = &t->grid;
	size_t max = g->rows > g->shown ? g->rows - g->shown : 0;
	size_t cols = (size_t)g->cols, row, col;

	if (delta < 0)
		t->top = (size_t)-delta > t->top ? 0 : t->top - (size_t)-delta;
	else
		t->top = (size_t)delta > max ? max : t->top + (size_t)delta;
	if (t->top > max)
		t->top = max;
	row = t->cur / cols;
	col = t->cur % cols;
	if (row < t->top)
		t->cur = t->top * cols + col;
	else if (row >= t->top + g->shown)
		t->cur = (t->top + g->shown - 1) * cols + col;
	if (t->cur >= topics_cells(t))
		t->cur = topics_cells(t) - 1;
}

enum topics_verdict
topics_act(struct topics *t, enum action act)
{
	long d, cols = t->grid.cols;

	if (action_is_move(act)) {
		/* Up and down go a row of cells; a page, rows of them. */
		d = action_move_delta(act, (long)t->grid.shown * cols,
		    (long)topics_cells(t));
		topics_step(t, act == ACT_UP || act == ACT_DOWN ? d * cols : d);
		return TOPICS_STAY;
	}
	switch (act) {
	case ACT_LEFT:
	case ACT_RIGHT:
		topics_step(t, act == ACT_LEFT ? -1 : 1);
		return TOPICS_STAY;
	case ACT_WHEEL_UP:
	case ACT_WHEEL_DOWN:
		topics_scroll(t, act == ACT_WHEEL_UP ? -3 : 3);
		return TOPICS_STAY;
	case ACT_TOPIC_CHOOSE:
		return TOPICS_CHOSEN;
	case ACT_CLOSE:
	case ACT_TOPICS:
		return TOPICS_CLOSED;
	default:
		return TOPICS_PASS;
	}
}

void
topic_filter_init(struct topic_filter *f)
{
	memset(f, 0, sizeof(*f));
}

void
topic_filter_clear(struct topic_filter *f)
{
	size_t i;

	for (i = 0; i < f->len; i++) {
		free(f->names[i]);
		free(f->keys[i]);
	}
	free(f->names);
	free(f->keys);
	f->names = NULL;
	f->keys = NULL;
	f->len = 0;
}

void
topic_filter_done(struct topic_filter *f)
{
	topic_filter_clear(f);
	buf_free(&f->scratch);
}

void
topic_filter_add(struct topic_filter *f, const char *name)
{
	struct buf key = { 0 };

	topics_fold(&key, name, strlen(name));
	f->names = xreallocarray(f->names, f->len + 1, sizeof(*f->names));
	f->keys = xreallocarray(f->keys, f->len + 1, sizeof(*f->keys));
	f->names[f->len] = xstrdup(name);
	f->keys[f->len] = xstrndup(key.ptr, key.len);
	f->len++;
	buf_free(&key);
}

/*
 * Whether tag, folded, is key.  ASCII is compared in place, in one pass
 * that usually ends at the first byte; only a tag with other characters
 * where the comparison gets to them is folded whole.
 */
static int
same_topic(struct topic_filter *f, const char *tag, const char *key)
{
	size_t i;

	for (i = 0; (unsigned char)tag[i] < 0x80; i++) {
		if (tag[i] == '\0')
			return key[i] == '\0';
		/*
		 * A mismatch is final unless a combining mark follows,
		 * which composition would join to this letter.
		 */
		if (ascii_lower(tag[i]) != key[i] &&
		    (unsigned char)tag[i + 1] < 0x80)
			return 0;
	}
	buf_reset(&f->scratch);
	topics_fold(&f->scratch, tag, strlen(tag));
	return strcmp(f->scratch.ptr, key) == 0;
}

int
topic_filter_test(struct topic_filter *f, const struct record *r)
{
	size_t i, j;

	for (i = 0; i < f->len; i++) {
		for (j = 0; j < r->ntags; j++)
			if (same_topic(f, r->tags[j], f->keys[i]))
				break;
		if (j == r->ntags)
			return 0;
	}
	return 1;
}
