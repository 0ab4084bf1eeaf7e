/*
 * histfile: the history on disk.  See histfile.h.
 */
#include "histfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "history.h"
#include "text.h"
#include "util.h"

#define HISTFILE_MAX_BYTES	(2u << 20)	/* far beyond 500 searches */
#define HISTFILE_MAX_LINE	4096		/* bytes a search */

/* $XDG_STATE_HOME/sma-allies/history, malloc'd; NULL without a home. */
static char *
history_path(void)
{
	return util_xdg_file("XDG_STATE_HOME", ".local/state",
	    "sma-allies/history");
}

static void
warnf(struct buf *warn, const char *path, const char *what)
{
	struct buf safe = { 0 };

	buf_addf(warn, "search history %s: %s", text_safe(&safe, path),
	    what);
	buf_free(&safe);
}

/* Is s[0..len) one search: valid UTF-8, no control, not too long? */
static int
is_search(const char *s, size_t len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t i = 0;

	if (len == 0 || len > HISTFILE_MAX_LINE)
		return 0;
	while (i < len) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0 || text_is_unsafe((uint32_t)cp))
			return 0;
		i += (size_t)n;
	}
	return 1;
}

/*
 * The file's bytes, NUL-terminated, into *out (malloc'd), at most
 * HISTFILE_MAX_BYTES.  Returns 0, 1 when there is no file, or -1 with
 * errno set (EFBIG: too large; EINVAL: not a regular file).
 */
static int
slurp(const char *path, char **out, size_t *len)
{
	struct stat st;
	ssize_t n;
	size_t got = 0;
	char *p;
	int fd;

	*out = NULL;
	/* O_NONBLOCK: a FIFO put there must not hang the start. */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 1 : -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > HISTFILE_MAX_BYTES) {
		errno = S_ISREG(st.st_mode) ? EFBIG : EINVAL;
		close(fd);
		return -1;
	}
	p = xmalloc(HISTFILE_MAX_BYTES + 1);
	while (got < HISTFILE_MAX_BYTES &&
	    (n = read(fd, p + got, HISTFILE_MAX_BYTES - got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(p);
			close(fd);
			return -1;
		}
		got += (size_t)n;
	}
	close(fd);
	p[got] = '\0';
	*out = p;
	*len = got;
	return 0;
}

/* Read the file's good lines into h; returns the number of bad ones. */
static size_t
parse(struct history *h, char *p, size_t len, size_t *first_bad)
{
	size_t bad = 0, line = 0, n;
	char *nl;

	while (len > 0) {
		line++;
		nl = memchr(p, '\n', len);
		n = nl != NULL ? (size_t)(nl - p) : len;
		if (n > 0 && is_search(p, n)) {
			p[n] = '\0';
			history_add(h, p);
		} else if (n > 0 && bad++ == 0)
			*first_bad = line;
		n += nl != NULL;
		p += n;
		len -= n;
	}
	return bad;
}

int
histfile_load(struct histfile *hf, struct history *h, struct buf *warn)
{
	size_t len = 0, bad, first = 0;
	char *p, what[160];
	int rc;

	memset(hf, 0, sizeof(*hf));
	if ((hf->path = history_path()) == NULL)
		return 0;
	if ((rc = slurp(hf->path, &p, &len)) == 1)
		return 0;
	if (rc < 0) {
		hf->keep_out = 1;
		snprintf(what, sizeof(what), "%s; it is left as it is and "
		    "this run's searches are not kept", errno == EFBIG ?
		    "larger than 2 MiB" : errno == EINVAL ?
		    "not a regular file" : strerror(errno));
		warnf(warn, hf->path, what);
		return -1;
	}
	bad = parse(h, p, len, &first);
	free(p);
	if (bad == 0)
		return 0;
	hf->bad = 1;
	snprintf(what, sizeof(what), "line %zu%s is not a search; the good "
	    "lines are used and the file will be kept as history.bad", first,
	    bad > 1 ? " and others" : "");
	warnf(warn, hf->path, what);
	return -1;
}

/* mkdir -p the directory of path, each new one 0700. */
static int
make_dirs(const char *path)
{
	char *d = xstrdup(path), *s;
	int rc = 0;

	for (s = d + 1; rc == 0 && (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(d, 0700) < 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	free(d);
	return rc;
}

/* Write h whole to a new file and rename it over path. */
static int
write_whole(const char *path, const struct history *h)
{
	char *tmp = xasprintf("%s.%ld.new", path, (long)getpid());
	struct buf b = { 0 };
	size_t i, off = 0;
	ssize_t n;
	int fd, rc = -1, saved;

	for (i = 0; i < h->len; i++) {
		buf_adds(&b, h->v[i]);
		buf_addc(&b, '\n');
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd >= 0) {
		while (off < b.len && ((n = write(fd, b.ptr + off,
		    b.len - off)) > 0 || (n < 0 && errno == EINTR)))
			off += n > 0 ? (size_t)n : 0;
		if (off == b.len && fsync(fd) == 0 && close(fd) == 0) {
			fd = -1;
			rc = rename(tmp, path);
		}
		saved = errno;
		if (fd >= 0)
			close(fd);
		if (rc < 0)
			unlink(tmp);
		errno = saved;
	}
	buf_free(&b);
	free(tmp);
	return rc;
}

int
histfile_save(struct histfile *hf, const struct history *h, struct buf *warn)
{
	struct history merged;
	char *p = NULL, *bad;
	size_t len = 0, i, first = 0;
	int rc = 0;

	if (hf->path == NULL || hf->keep_out) {
		free(hf->path);
		hf->path = NULL;
		return 0;
	}
	memset(&merged, 0, sizeof(merged));
	if (hf->bad) {
		bad = xasprintf("%s.bad", hf->path);
		if (rename(hf->path, bad) < 0 && errno != ENOENT)
			rc = -1;
		free(bad);
	} else if (slurp(hf->path, &p, &len) == 0)
		(void)parse(&merged, p, len, &first);
	free(p);
	for (i = 0; i < h->len; i++)
		history_add(&merged, h->v[i]);
	if (rc == 0 && h->len > 0 && (make_dirs(hf->path) < 0 ||
	    write_whole(hf->path, &merged) < 0))
		rc = -1;
	if (rc < 0)
		warnf(warn, hf->path, strerror(errno));
	history_clear(&merged);
	free(hf->path);
	hf->path = NULL;
	return rc;
}
