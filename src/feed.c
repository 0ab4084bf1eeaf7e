/*
 * feed: the data on screen, kept fed.  See feed.h.
 */
#include "feed.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "record.h"
#include "source.h"
#include "util.h"

#define WATCH_MS	500	/* how often the data file is looked at */
#define PROGRESS_MS	100	/* the progress display's pace */
#define PROGRESS_AFTER_MS 40	/* no progress for a load this quick */

void
feed_init(struct feed *f, struct source *src, struct errlist *errs,
    long long now)
{
	memset(f, 0, sizeof(*f));
	f->src = src;
	f->errs = errs;
	watch_init(&f->watch, source_is_file(src) ? src->path : NULL);
	f->next_watch = now + WATCH_MS;
	f->next_progress = now + PROGRESS_AFTER_MS;
}

/* The caller's list takes what the first load said (swapped, not copied). */
static void
keep_errors(struct feed *f, struct errlist *errs)
{
	struct errlist tmp = *f->errs;

	*f->errs = *errs;
	*errs = tmp;
}

/*
 * Hand the app the load's progress; a load over in a frame shows none.
 * Unless always, nothing is said while no load runs or was shown.
 */
static void
show_progress(const struct feed *f, struct app *a, int always)
{
	struct source_progress p;

	source_progress(f->src, &p);
	if (p.elapsed_ms < PROGRESS_AFTER_MS)
		p.running = 0;
	if (always || p.running || a->load.running)
		app_progress(a, &p);
}

int
feed_fd(const struct feed *f)
{
	return source_fd(f->src);
}

/* Start a reload when the watched file has settled after a change. */
static void
watch_data(struct feed *f, struct app *a)
{
	switch (watch_poll(&f->watch)) {
	case WATCH_CHANGED:
		if (source_start(f->src) < 0)
			app_status(a, 1, "Cannot reload: %s", strerror(errno));
		break;
	case WATCH_PROBLEM:
		if (a->loaded) {
			app_status(a, 1, "%s: %s; showing the data loaded "
			    "before", f->src->name, f->watch.problem);
			app_data_stale(a, 1);
		} else
			app_data_error(a, f->watch.problem);
		break;
	case WATCH_SAME:
		break;
	}
}

/* The first error of a failed load, as one line for the status line. */
static void
first_error(const struct errlist *errs, const char *name, char *msg,
    size_t size)
{
	size_t i;
	char *m;

	for (i = 0; i < errs->len && !errs->v[i].error; i++)
		;
	if (errs->len == 0) {
		snprintf(msg, size, "%s: cannot be loaded", name);
		return;
	}
	m = errlist_format(errs, i < errs->len ? i : 0, name);
	snprintf(msg, size, "%s", m);
	free(m);
}

void
feed_take(struct feed *f, struct app *a)
{
	char n[UTIL_COUNT_MAX];
	struct recordset fresh;
	struct errlist errs;
	char msg[sizeof(a->status)];

	recordset_init(&fresh);
	errlist_init(&errs);
	switch (source_take(f->src, &fresh, &errs)) {
	case SOURCE_LOADED:
		if (!a->loaded) {
			app_loaded(a, &fresh);
			/* Warnings are printed when the browser ends. */
			keep_errors(f, &errs);
		} else {
			app_reload(a, &fresh);
			/* fresh now holds the old data: not freed here. */
			source_discard(f->src, &fresh);
			app_data_stale(a, 0);
			app_status(a, 0, "Reloaded %s: %s %s", f->src->name,
			    util_count(n, a->rs->len),
			    a->rs->len == 1 ? "ally" : "allies");
		}
		break;
	case SOURCE_FAILED:
		first_error(&errs, f->src->name, msg, sizeof(msg));
		if (a->loaded) {
			app_status(a, 1, "Reload failed, kept the old data: %s",
			    msg);
			app_data_stale(a, 1);
		} else if (a->opt->kiosk)
			app_data_error(a, msg);
		else {
			keep_errors(f, &errs);
			f->failed = 1;
		}
		break;
	case SOURCE_NONE:
		break;
	}
	/* The progress shown goes with the load (a restart has begun). */
	show_progress(f, a, 1);
	errlist_done(&errs);
	recordset_done(&fresh);
}


void
feed_tick(struct feed *f, struct app *a, long long now)
{
	if (f->watch.path != NULL && now >= f->next_watch) {
		watch_data(f, a);
		f->next_watch = now + WATCH_MS;
	}
	if (now < f->next_progress)
		return;
	show_progress(f, a, 0);
	f->next_progress = now + PROGRESS_MS;
}

long long
feed_deadline(const struct feed *f)
{
	long long due = f->next_progress;

	if (f->watch.path != NULL && f->next_watch < due)
		due = f->next_watch;
	return due;
}
