/*
 * listview: the rows of the list, the selection and the scan that fills
 * them in.  See listview.h.
 */
#include "listview.h"

#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "util.h"

static void
rows_all(struct listview *v, const struct recordset *rs)
{
	size_t i;

	v->rows.len = 0;
	if (v->rows.cap < rs->len) {
		/* At once: a million rows grown by doubling is felt. */
		v->rows.v = xreallocarray(v->rows.v, rs->len, sizeof(*v->rows.v));
		v->rows.cap = rs->len;
	}
	for (i = 0; i < rs->len; i++)
		v->rows.v[i] = i;
	v->rows.len = rs->len;
}

void
listview_init(struct listview *v, const struct recordset *rs)
{
	memset(v, 0, sizeof(*v));
	topic_filter_init(&v->topic);
	rows_all(v, rs);
	v->topic_total = rs->len;
}

/* Drop a scan's fallback: the scan finished, or a new one replaced it. */
static void
prev_free(struct listview *v)
{
	match_free(v->prev_matcher);
	free(v->prev_filter);
	indices_free(&v->prev_rows);
	v->prev_matcher = NULL;
	v->prev_filter = NULL;
	v->prev_valid = 0;
}

void
listview_done(struct listview *v)
{
	indices_free(&v->rows);
	match_free(v->matcher);
	free(v->filter);
	prev_free(v);
	topic_filter_done(&v->topic);
	memset(v, 0, sizeof(*v));
}

/* The record at row sel of rows, or -1. */
static size_t
listview_record_of(const struct indices *rows, size_t sel)
{
	return sel < rows->len ? rows->v[sel] : (size_t)-1;
}

size_t
listview_record(const struct listview *v)
{
	return listview_record_of(&v->rows, v->sel);
}

void
listview_clamp(struct listview *v, size_t height)
{
	size_t rows = height > 0 ? height : 1, n = v->rows.len;

	if (n == 0)
		v->sel = 0;
	else if (v->sel >= n)
		v->sel = n - 1;
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + rows)
		v->top = v->sel - rows + 1;
	/* Never leave blank rows at the bottom while rows are hidden above. */
	if (n > rows && v->top > n - rows)
		v->top = n - rows;
	if (n <= rows)
		v->top = 0;
}

int
listview_select(struct listview *v, size_t row, size_t height)
{
	size_t old = v->sel;

	v->sel = row;
	v->scan_moved = 1;
	listview_clamp(v, height);
	return v->sel != old;
}

int
listview_scroll(struct listview *v, long delta, size_t height)
{
	size_t rows = height > 0 ? height : 1, top = v->top, max;

	max = v->rows.len > rows ? v->rows.len - rows : 0;
	if (delta < 0)
		top = (size_t)-delta > top ? 0 : top - (size_t)-delta;
	else
		top = top + (size_t)delta > max ? max : top + (size_t)delta;
	v->top = top;
	if (v->sel < top)
		return listview_select(v, top, height);
	if (v->sel >= top + rows)
		return listview_select(v, top + rows - 1, height);
	return 0;
}

int
listview_cycle(struct listview *v, int dir, size_t height)
{
	size_t n = v->rows.len;

	if (n == 0)
		return 0;
	if (dir > 0 && v->sel + 1 >= n) {
		listview_select(v, 0, height);
		return 1;
	}
	if (dir < 0 && v->sel == 0) {
		listview_select(v, n - 1, height);
		return 1;
	}
	listview_select(v, dir > 0 ? v->sel + 1 : v->sel - 1, height);
	return 0;
}

/* Put the selection back on record keep, if it is shown. */
static void
reselect(struct listview *v, size_t keep)
{
	size_t i;

	for (i = 0; i < v->rows.len; i++)
		if (v->rows.v[i] == keep)
			break;
	v->sel = i < v->rows.len ? i : 0;
}

/*
 * match_scan() of m over [from, rs->len) for the rows, keeping only the
 * records that carry the topic (when one is chosen).
 */
static int
scan_slice(struct listview *v, const struct recordset *rs,
    struct matcher *m, size_t from, size_t work, size_t *next,
    struct indices *out, struct match_error *err)
{
	size_t i, n, start = out->len;
	int rc;

	rc = match_scan(m, rs, from, rs->len, work, next, out, err);
	if (v->topic.len == 0)
		return rc;
	for (i = n = start; i < out->len; i++)
		if (topic_filter_test(&v->topic, &rs->v[out->v[i]]))
			out->v[n++] = out->v[i];
	out->len = n;
	return rc;
}

/* The rows of every record that carries the topic. */
static void
topic_rows(struct listview *v, const struct recordset *rs)
{
	size_t i;

	v->rows.len = 0;
	for (i = 0; i < rs->len; i++)
		if (topic_filter_test(&v->topic, &rs->v[i]))
			indices_push(&v->rows, i);
}

/*
 * Rebuild the rows for m, keeping record keep selected: at once when a
 * slice's work does it over a small recordset (0), else by a scan that
 * listview_step() goes on with (1, with what the slice found).  -1 with
 * *err filled and the rows unchanged when the first slice failed.
 */
static int
rebuild(struct listview *v, const struct recordset *rs, struct matcher *m,
    size_t keep, struct match_error *err)
{
	struct indices fresh = { 0 };
	size_t next = 0;

	v->scanning = 0;
	if (m == NULL) {
		if (v->topic.len > 0)
			topic_rows(v, rs);
		else
			rows_all(v, rs);
		reselect(v, keep);
		return 0;
	}
	match_begin(m);
	if (rs->len <= LISTVIEW_SYNC_RECORDS && scan_slice(v, rs, m, 0,
	    LISTVIEW_SLICE_WORK, &next, &fresh, err) < 0) {
		indices_free(&fresh);
		return -1;
	}
	indices_free(&v->rows);
	v->rows = fresh;
	if (rs->len <= LISTVIEW_SYNC_RECORDS && next == rs->len) {
		reselect(v, keep);
		return 0;
	}
	v->scanning = 1;
	v->scan_pos = next;
	v->scan_keep = keep;
	v->scan_moved = 0;
	v->sel = 0;
	v->top = 0;
	return 1;
}

int
listview_filter(struct listview *v, const struct recordset *rs,
    struct matcher *m, const char *pattern, size_t len,
    struct match_error *err)
{
	struct indices old = v->rows;
	size_t sel = v->sel, top = v->top;
	int was_scanning = v->scanning, rc;

	/* rebuild() takes the rows over: keep them to fall back on. */
	memset(&v->rows, 0, sizeof(v->rows));
	if ((rc = rebuild(v, rs, m, listview_record_of(&old, sel), err)) < 0) {
		v->rows = old;
		v->scanning = was_scanning;
		match_free(m);
		return -1;
	}
	if (rc == 1 && !was_scanning) {
		/* Keep the complete filter until this one completes. */
		prev_free(v);
		v->prev_matcher = v->matcher;
		v->prev_filter = v->filter;
		v->prev_rows = old;
		v->prev_valid = 1;
		v->prev_sel = sel;
		v->prev_top = top;
	} else {
		indices_free(&old);
		match_free(v->matcher);
		free(v->filter);
		if (rc == 0)
			prev_free(v);
	}
	v->matcher = m;
	v->filter = len > 0 ? xstrndup(pattern, len) : NULL;
	return 0;
}

void
listview_refresh(struct listview *v, const struct recordset *rs,
    size_t keep)
{
	struct match_error err;
	size_t i;

	/* Without a search, the rows are the topic's records: no count. */
	v->topic_total = rs->len;
	if (v->topic.len > 0 && v->matcher != NULL)
		for (i = v->topic_total = 0; i < rs->len; i++)
			v->topic_total += (size_t)topic_filter_test(&v->topic,
			    &rs->v[i]);
	/* The rows hold indices into the old data: forget them first. */
	v->rows.len = 0;
	v->sel = 0;
	indices_free(&v->prev_rows);
	v->prev_valid = 0;
	if (rebuild(v, rs, v->matcher, keep, &err) < 0) {
		/* The old filter is too costly on the new data: drop it. */
		match_free(v->matcher);
		v->matcher = NULL;
		free(v->filter);
		v->filter = NULL;
		rebuild(v, rs, NULL, keep, &err);
	}
	if (v->topic.len > 0 && v->matcher == NULL)
		v->topic_total = v->rows.len;
}

void
listview_topic(struct listview *v, const struct recordset *rs,
    const char *const *names, size_t n)
{
	size_t i;

	topic_filter_clear(&v->topic);
	for (i = 0; i < n; i++)
		topic_filter_add(&v->topic, names[i]);
	listview_refresh(v, rs, listview_record(v));
}

/* A scan failed: back to the last complete filter, as it was. */
static void
fall_back(struct listview *v, const struct recordset *rs)
{
	struct match_error again;

	v->scanning = 0;
	match_free(v->matcher);
	free(v->filter);
	v->matcher = v->prev_matcher;
	v->filter = v->prev_filter;
	v->prev_matcher = NULL;
	v->prev_filter = NULL;
	if (v->prev_valid) {
		indices_free(&v->rows);
		v->rows = v->prev_rows;
		v->sel = v->prev_sel;
		v->top = v->prev_top;
		memset(&v->prev_rows, 0, sizeof(v->prev_rows));
		v->prev_valid = 0;
	} else if (rebuild(v, rs, v->matcher, listview_record(v),
	    &again) < 0) {
		match_free(v->matcher);
		v->matcher = NULL;
		free(v->filter);
		v->filter = NULL;
		rebuild(v, rs, NULL, (size_t)-1, &again);
	}
}

int
listview_step(struct listview *v, const struct recordset *rs, size_t work,
    struct match_error *err)
{
	size_t next;

	if (!v->scanning)
		return 0;
	if (scan_slice(v, rs, v->matcher, v->scan_pos, work, &next,
	    &v->rows, err) < 0) {
		fall_back(v, rs);
		return -1;
	}
	v->scan_pos = next;
	if (v->scan_pos < rs->len)
		return 1;
	v->scanning = 0;
	prev_free(v);
	if (!v->scan_moved && v->scan_keep != (size_t)-1)
		reselect(v, v->scan_keep);
	return 0;
}
