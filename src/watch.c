/*
 * watch: noticing that the data file changed.  See watch.h.
 */
#include "watch.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

void
watch_init(struct watch *w, const char *path)
{
	memset(w, 0, sizeof(*w));
	w->path = path;
	if (path != NULL && stat(path, &w->st) == 0)
		w->seen = w->st;
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	    a->st_size == b->st_size && a->st_ino == b->st_ino &&
	    a->st_dev == b->st_dev && a->st_mode == b->st_mode;
}

/* A problem to report once; WATCH_SAME when it was said already. */
static enum watch_event
problem(struct watch *w, const char *what)
{
	char msg[sizeof(w->problem)];

	snprintf(msg, sizeof(msg), "%s", what);
	if (w->said && strcmp(msg, w->problem) == 0)
		return WATCH_SAME;
	memcpy(w->problem, msg, sizeof(w->problem));
	w->said = 1;
	return WATCH_PROBLEM;
}

enum watch_event
watch_poll(struct watch *w)
{
	struct stat st;
	int settled;

	if (w->path == NULL)
		return WATCH_SAME;
	if (stat(w->path, &st) == -1)
		return problem(w, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return problem(w, S_ISDIR(st.st_mode) ? "a directory, not a "
		    "data file" : "not a regular file");
	if (same_file(&st, &w->st)) {
		w->pending = 0;
		w->said = 0;
		w->problem[0] = '\0';
		return WATCH_SAME;
	}
	/*
	 * A new file (renamed over the old one) is complete; the same one
	 * written in place is trusted once it has stopped changing.
	 */
	settled = st.st_ino != w->st.st_ino || st.st_dev != w->st.st_dev ||
	    (w->pending && same_file(&st, &w->seen));
	w->seen = st;
	w->pending = 1;
	if (!settled)
		return WATCH_SAME;
	w->st = st;
	w->pending = 0;
	w->said = 0;
	w->problem[0] = '\0';
	return WATCH_CHANGED;
}

int
watch_stale(const struct watch *w)
{
	return w->problem[0] != '\0';
}
