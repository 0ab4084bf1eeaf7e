/*
 * stats_report: counting a stats file and printing it.  See
 * stats_report.h.
 */
#include "stats_report.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "stats.h"
#include "text.h"
#include "util.h"

void
stats_report_init(struct stats_report *r)
{
	memset(r, 0, sizeof(*r));
}

static void
tally_free(struct stats_tally *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->v[i].key);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

void
stats_report_done(struct stats_report *r)
{
	tally_free(&r->hours);
	tally_free(&r->views);
	tally_free(&r->codes);
	tally_free(&r->topics);
	free(r->lengths);
	buf_free(&r->scratch);
	memset(r, 0, sizeof(*r));
}

/* FNV-1a: any names, hostile ones too, spread well enough. */
static size_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037ull;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)h;
}

/* The slot of key in a table of cap (a power of two) slots. */
static struct stats_count *
slot(struct stats_count *v, size_t cap, const char *key)
{
	size_t i = hash(key) & (cap - 1);

	while (v[i].key != NULL && strcmp(v[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &v[i];
}

/* Count one more of key. */
static void
tally_add(struct stats_tally *t, const char *key)
{
	struct stats_count *old = t->v, *s;
	size_t i, oldcap = t->cap;

	/* Kept at most half full, so a probe soon finds a free slot. */
	if (2 * (t->len + 1) > t->cap) {
		t->cap = t->cap == 0 ? 16 : t->cap * 2;
		t->v = xcalloc(t->cap, sizeof(*t->v));
		for (i = 0; i < oldcap; i++)
			if (old[i].key != NULL)
				*slot(t->v, t->cap, old[i].key) = old[i];
		free(old);
	}
	s = slot(t->v, t->cap, key);
	if (s->key == NULL) {
		s->key = xstrdup(key);
		t->len++;
	}
	s->n++;
}

/* The hour of t in local time, "2026-05-01 09:00", and its zone. */
static void
local_hour(long long t, char *hour, size_t hsize, char *zone, size_t zsize)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(hour, hsize, "%Y-%m-%d %H:00", &tm) == 0)
		snprintf(hour, hsize, "?");
	if (zone != NULL && (localtime_r(&tt, &tm) == NULL ||
	    strftime(zone, zsize, "%Z", &tm) == 0))
		snprintf(zone, zsize, "?");
}

static void
count(struct stats_report *r, const struct stats_line *l)
{
	char hour[32];

	switch (l->event) {
	case STATS_VISIT_START:
		local_hour(l->time, hour, sizeof(hour), r->visits == 0 ?
		    r->zone : NULL, sizeof(r->zone));
		tally_add(&r->hours, hour);
		r->visits++;
		break;
	case STATS_VISIT_END:
		if (r->nlengths == r->caplengths) {
			r->caplengths = r->caplengths ? r->caplengths * 2 : 64;
			r->lengths = xreallocarray(r->lengths, r->caplengths,
			    sizeof(*r->lengths));
		}
		r->lengths[r->nlengths++] = l->seconds;
		break;
	case STATS_VIEW:
		tally_add(&r->views, l->ally);
		break;
	case STATS_CODE:
		tally_add(&r->codes, l->ally);
		break;
	case STATS_BECOME:
		r->becomes++;
		break;
	case STATS_TOPIC:
		tally_add(&r->topics, l->topic);
		break;
	case STATS_SEARCH:
		r->searches++;
		break;
	default:
		break;
	}
}

/* A line left out: a warning, while there are not too many. */
static void
skip(struct stats_report *r, struct errlist *errs, unsigned col,
    const char *why)
{
	if (++r->skipped <= STATS_REPORT_MAX_WARNINGS)
		errlist_add(errs, 0, r->line, col, "%s; line skipped", why);
}

int
stats_report_line(struct stats_report *r, const char *s, size_t len,
    int newline, struct errlist *errs)
{
	struct stats_line l;
	char why[160];
	unsigned col;

	r->line++;
	if (stats_is_header(s, len)) {
		r->started = 1;
		return 0;
	}
	if (!r->started) {
		errlist_add(errs, 1, r->line, 1, "not a stats file: the first "
		    "line is not the header \"%s\" (tabs between the words)",
		    "time event ally topic seconds");
		return -1;
	}
	if (len == 0)
		return 0;
	if (!newline) {
		skip(r, errs, 1, "the last line has no newline: it was cut "
		    "short (a full disk, a crash)");
		return 0;
	}
	if (stats_parse(s, len, &l, &r->scratch, why, sizeof(why), &col) < 0)
		skip(r, errs, col, why);
	else
		count(r, &l);
	return 0;
}

int
stats_report_read(struct stats_report *r, const char *path,
    struct errlist *errs)
{
	char *line = NULL;
	size_t cap = 0, n;
	ssize_t len;
	FILE *fp;
	int rc = 0;

	if ((fp = fopen(path, "r")) == NULL) {
		errlist_add(errs, 1, 0, 0, "%s", strerror(errno));
		return -1;
	}
	while (rc == 0 && (len = getline(&line, &cap, fp)) >= 0) {
		n = (size_t)len;
		if (n > 0 && line[n - 1] == '\n')
			rc = stats_report_line(r, line, n - 1, 1, errs);
		else
			rc = stats_report_line(r, line, n, 0, errs);
	}
	if (rc == 0 && ferror(fp)) {
		errlist_add(errs, 1, 0, 0, "%s", strerror(errno));
		rc = -1;
	}
	fclose(fp);
	free(line);
	if (r->skipped > STATS_REPORT_MAX_WARNINGS)
		errlist_add(errs, 0, 0, 0, "%zu more malformed lines skipped",
		    r->skipped - STATS_REPORT_MAX_WARNINGS);
	return rc;
}

/* Printing. */

static int
by_count(const void *a, const void *b)
{
	const struct stats_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int
by_key(const void *a, const void *b)
{
	const struct stats_count *x = a, *y = b;

	return strcmp(x->key, y->key);
}

/* The entries of t, sorted by cmp, in a new array of t->len. */
static struct stats_count *
sorted(const struct stats_tally *t, int (*cmp)(const void *, const void *))
{
	struct stats_count *v;
	size_t i, n = 0;

	if (t->len == 0)
		return NULL;
	v = xreallocarray(NULL, t->len, sizeof(*v));
	for (i = 0; i < t->cap; i++)
		if (t->v[i].key != NULL)
			v[n++] = t->v[i];
	qsort(v, n, sizeof(*v), cmp);
	return v;
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* The median, rounded to a whole second (halves up); -1 for none. */
static long long
median(const struct stats_report *r)
{
	long long *v, m;
	size_t n = r->nlengths;

	if (n == 0)
		return -1;
	v = xreallocarray(NULL, n, sizeof(*v));
	memcpy(v, r->lengths, n * sizeof(*v));
	qsort(v, n, sizeof(*v), cmp_ll);
	m = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2] + 1) / 2;
	free(v);
	return m;
}

/* "42 s", "1 min 5 s", "2 h 0 min 7 s". */
static void
duration(struct buf *b, long long s)
{
	if (s >= 3600)
		buf_addf(b, "%lld h %lld min %lld s", s / 3600, s / 60 % 60,
		    s % 60);
	else if (s >= 60)
		buf_addf(b, "%lld min %lld s", s / 60, s % 60);
	else
		buf_addf(b, "%lld s", s);
}

/* A name from the file, as the output format wants it. */
static void
add_name(struct buf *b, const char *s, int flags)
{
	if (flags & STATS_REPORT_TSV)
		stats_escape(b, s, strlen(s));
	else
		text_sanitize(b, s, strlen(s), TEXT_SPACES |
		    (flags & STATS_REPORT_ASCII ? TEXT_ASCII : 0));
}

/*
 * One section of counts: a heading and "  COUNT  NAME" lines as text,
 * "SECTION<TAB>NAME<TAB>COUNT" lines as TSV.
 */
static void
section(struct buf *b, const char *heading, const char *tsv,
    const struct stats_tally *t, int (*cmp)(const void *, const void *),
    int flags)
{
	struct stats_count *v = sorted(t, cmp);
	int width = 1, hours = cmp == by_key;
	size_t i, most = 0;

	for (i = 0; i < t->len; i++)
		if (v[i].n > most)
			most = v[i].n;
	for (; most >= 10; most /= 10)
		width++;
	if (!(flags & STATS_REPORT_TSV))
		buf_addf(b, "%s%s\n", heading, t->len == 0 ? ": none" : "");
	for (i = 0; i < t->len; i++) {
		if (flags & STATS_REPORT_TSV) {
			buf_addf(b, "%s\t", tsv);
			add_name(b, v[i].key, flags);
			buf_addf(b, "\t%zu\n", v[i].n);
		} else if (hours) {
			buf_addf(b, "  %s  %*zu\n", v[i].key, width, v[i].n);
		} else {
			buf_addf(b, "  %*zu  ", width, v[i].n);
			add_name(b, v[i].key, flags);
			buf_addc(b, '\n');
		}
	}
	free(v);
}

int
stats_report_print(FILE *fp, const struct stats_report *r, int flags)
{
	struct buf b = { 0 }, heading = { 0 };
	long long m = median(r);
	int tsv = flags & STATS_REPORT_TSV;

	if (tsv) {
		buf_addf(&b, "section\titem\tvalue\nvisits\t\t%zu\n", r->visits);
		section(&b, NULL, "visits-per-hour", &r->hours, by_key, flags);
		buf_addf(&b, "visits-ended\t\t%zu\n", r->nlengths);
		if (m >= 0)
			buf_addf(&b, "median-visit-seconds\t\t%lld\n", m);
	} else {
		buf_addf(&b, "Visits: %zu\n", r->visits);
		buf_addf(&heading, "Visits per hour (local time, %s)",
		    r->zone[0] != '\0' ? r->zone : "none");
		if (r->visits > 0)
			section(&b, heading.ptr, NULL, &r->hours, by_key, flags);
		buf_adds(&b, "Median length of a visit: ");
		if (m < 0)
			buf_adds(&b, "none (no visit has ended)\n");
		else {
			duration(&b, m);
			buf_addf(&b, " (of %zu visit%s that ended)\n",
			    r->nlengths, r->nlengths == 1 ? "" : "s");
		}
	}
	section(&b, "Allies by views", "views", &r->views, by_count, flags);
	section(&b, "Codes shown per ally", "codes", &r->codes, by_count,
	    flags);
	buf_addf(&b, tsv ? "become-codes\t\t%zu\n" :
	    "\"Become an Ally\" codes shown: %zu\n", r->becomes);
	section(&b, "Topics by use", "topics", &r->topics, by_count, flags);
	buf_addf(&b, tsv ? "searches\t\t%zu\n" : "Searches: %zu\n",
	    r->searches);
	fwrite(b.ptr, 1, b.len, fp);
	buf_free(&b);
	buf_free(&heading);
	return ferror(fp) ? -1 : 0;
}
