/*
 * listview: the rows of the list, the selection and the scan that fills
 * them in.  See listview.h.
 */
#include "listview.h"

#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "sort.h"
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
	v->prev_matcher = NULL;
	v->prev_filter = NULL;
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

size_t
listview_record(const struct listview *v)
{
	return v->sel < v->rows.len ? v->rows.v[v->sel] : (size_t)-1;
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

/*
 * The rows (a set of records, in whatever order) into order (NULL: the
 * file's): one pass over every record, as the rows of no filter take.
 */
static void
put_in_order(struct listview *v, const struct recordset *rs,
    const size_t *order)
{
	unsigned char *hit;
	size_t i, n = 0;

	if (v->rows.len < 2)
		return;
	if (v->rows.len == rs->len) {
		for (i = 0; i < rs->len; i++)
			v->rows.v[i] = order != NULL ? order[i] : i;
		return;
	}
	hit = xcalloc(rs->len, 1);
	for (i = 0; i < v->rows.len; i++)
		hit[v->rows.v[i]] = 1;
	for (i = 0; i < rs->len; i++)
		if (hit[order != NULL ? order[i] : i])
			v->rows.v[n++] = order != NULL ? order[i] : i;
	free(hit);
}

/* Rows just found, in the file's order, into the view's order. */
static void
apply_order(struct listview *v, const struct recordset *rs)
{
	const size_t *order = sort_order_of(rs, (enum sort_order)v->sort);

	if (order != NULL)
		put_in_order(v, rs, order);
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
 * Append the records of [from, to) that pass the topic and m (NULL: any
 * record) to out.  The topic is tested first, on the record alone: a
 * cheap test that spares the pattern every record outside the topic.
 */
static int
filter_slice(struct listview *v, const struct recordset *rs,
    struct matcher *m, size_t from, size_t to, struct indices *out,
    struct match_error *err)
{
	size_t i;
	int rc;

	if (v->topic.len == 0)
		return match_filter(m, rs, from, to, out, err);
	for (i = from; i < to && i < rs->len; i++) {
		if (!topic_filter_test(&v->topic, &rs->v[i]))
			continue;
		if (m != NULL && (rc = match_record(m, &rs->v[i], err)) <= 0) {
			if (rc < 0)
				return -1;
			continue;
		}
		indices_push(out, i);
	}
	return 0;
}

/*
 * Rebuild the rows for m, keeping record keep selected.  A large
 * recordset is left to listview_step(); a small one is done at once.
 */
static int
rebuild(struct listview *v, const struct recordset *rs, struct matcher *m,
    size_t keep, struct match_error *err)
{
	struct indices fresh = { 0 };

	v->scanning = 0;
	if (m != NULL && rs->len > LISTVIEW_SYNC_RECORDS) {
		v->rows.len = 0;
		v->scanning = 1;
		v->scan_pos = 0;
		v->scan_keep = keep;
		v->scan_moved = 0;
		v->sel = 0;
		v->top = 0;
		return 0;
	}
	if (m != NULL || v->topic.len > 0) {
		if (filter_slice(v, rs, m, 0, rs->len, &fresh, err) < 0) {
			indices_free(&fresh);
			return -1;
		}
		indices_free(&v->rows);
		v->rows = fresh;
	} else
		rows_all(v, rs);
	apply_order(v, rs);
	reselect(v, keep);
	return 0;
}

int
listview_filter(struct listview *v, const struct recordset *rs,
    struct matcher *m, const char *pattern, size_t len,
    struct match_error *err)
{
	int was_scanning = v->scanning;

	if (rebuild(v, rs, m, listview_record(v), err) < 0) {
		match_free(m);
		return -1;
	}
	if (v->scanning && !was_scanning) {
		/* Keep the complete filter until this one completes. */
		prev_free(v);
		v->prev_matcher = v->matcher;
		v->prev_filter = v->filter;
	} else {
		match_free(v->matcher);
		free(v->filter);
		if (!v->scanning)
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

int
listview_step(struct listview *v, const struct recordset *rs, size_t budget,
    struct match_error *err)
{
	struct match_error again;
	size_t to, keep;

	if (!v->scanning)
		return 0;
	to = rs->len - v->scan_pos > budget ? v->scan_pos + budget : rs->len;
	if (filter_slice(v, rs, v->matcher, v->scan_pos, to, &v->rows,
	    err) < 0) {
		/* Back to the last complete filter. */
		v->scanning = 0;
		match_free(v->matcher);
		free(v->filter);
		v->matcher = v->prev_matcher;
		v->filter = v->prev_filter;
		v->prev_matcher = NULL;
		v->prev_filter = NULL;
		rebuild(v, rs, v->matcher, listview_record(v), &again);
		return -1;
	}
	v->scan_pos = to;
	if (v->scan_pos < rs->len)
		return 1;
	v->scanning = 0;
	prev_free(v);
	keep = v->scan_moved ? listview_record(v) : v->scan_keep;
	apply_order(v, rs);
	if (keep != (size_t)-1)
		reselect(v, keep);
	return 0;
}

void
listview_sort(struct listview *v, const struct recordset *rs, int o)
{
	size_t keep = listview_record(v);

	v->sort = o;
	if (v->scanning)
		return;
	put_in_order(v, rs, sort_order_of(rs, (enum sort_order)o));
	reselect(v, keep);
}
