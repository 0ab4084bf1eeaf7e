/*
 * watch: reloading the data file when it changes.  See watch.h.
 */
#include "watch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "record.h"

void
watch_init(struct watch *w, const char *path, long long max_size)
{
	memset(w, 0, sizeof(*w));
	w->path = path;
	w->max_size = max_size;
	if (path != NULL)
		stat(path, &w->st);
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	    a->st_size == b->st_size && a->st_ino == b->st_ino &&
	    a->st_dev == b->st_dev;
}

/* The first error of a failed load, as the status line shows it. */
static void
first_error(const struct errlist *errs, const char *path, char *msg,
    size_t size)
{
	size_t i;
	char *m;

	for (i = 0; i < errs->len && !errs->v[i].error; i++)
		;
	m = errlist_format(errs, i < errs->len ? i : 0, path);
	snprintf(msg, size, "Reload failed, kept the old data: %s", m);
	free(m);
}

enum watch_event
watch_poll(struct watch *w, struct recordset *fresh, char *msg, size_t size)
{
	struct errlist errs;
	struct stat st;
	int rc;

	if (w->path == NULL)
		return WATCH_SAME;
	if (stat(w->path, &st) == -1) {
		snprintf(msg, size, "%s: %s; showing the data loaded before",
		    w->path, strerror(errno));
		if (w->missing)
			return WATCH_QUIET_FAIL;
		w->missing = 1;
		return WATCH_FAILED;
	}
	w->missing = 0;
	if (w->max_size > 0 && st.st_size > w->max_size) {
		/* Not worth freezing for: keep what is shown. */
		rc = st.st_size != w->st.st_size;
		snprintf(msg, size, "%s is over %lld MiB; showing the data "
		    "loaded before", w->path, w->max_size >> 20);
		w->st = st;
		return rc ? WATCH_FAILED : WATCH_QUIET_FAIL;
	}
	if (same_file(&st, &w->st))
		return WATCH_SAME;
	w->st = st;
	errlist_init(&errs);
	rc = load_file(w->path, fresh, &errs);
	if (rc < 0)
		first_error(&errs, w->path, msg, size);
	errlist_done(&errs);
	return rc == 0 ? WATCH_LOADED : WATCH_FAILED;
}
