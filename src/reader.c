/*
 * reader: the data a path names, read without blocking.  See reader.h.
 */
#include "reader.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "load_limits.h"

/* How often a read that waits for input looks at the cancel flag. */
#define POLL_STEP_MS	50

static long
elapsed_ms(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - since->tv_sec) * 1000 +
	    (now.tv_nsec - since->tv_nsec) / 1000000;
}

/*
 * The end of a regular file: the file must be as it was when opened.  A
 * file being written (or truncated, or copied over) while it is read is
 * refused rather than loaded in part.  Returns 0, or -1 after reporting.
 */
static int
reader_end(struct reader *r)
{
	struct stat now;

	if (!r->regular)
		return 0;
	if (fstat(r->fd, &now) == 0 && now.st_size == r->st.st_size &&
	    (off_t)r->nread == now.st_size &&
	    now.st_mtim.tv_sec == r->st.st_mtim.tv_sec &&
	    now.st_mtim.tv_nsec == r->st.st_mtim.tv_nsec)
		return 0;
	diag_add(r->diag, DIAG_FATAL, 0, 0, "the file changed while it was "
	    "read (%lld bytes when opened, %zu read); it is not used: write a "
	    "new file and rename it over the old one",
	    (long long)r->st.st_size, r->nread);
	return -1;
}

/*
 * Wait up to POLL_STEP_MS for input that is not a regular file.  Returns
 * 1 when a read will not block, 0 when there is nothing yet (a named pipe
 * we opened is read all the same: it does not block, and tells whether
 * it has a writer), -1 after reporting an error.
 */
static int
reader_wait(struct reader *r)
{
	struct pollfd p;
	int rc;

	p.fd = r->fd;
	p.events = POLLIN;
	p.revents = 0;
	if ((rc = poll(&p, 1, POLL_STEP_MS)) == -1 && errno != EINTR) {
		diag_add(r->diag, DIAG_FATAL, 0, 0, "cannot read: %s",
		    strerror(errno));
		return -1;
	}
	/* A hang-up means a writer came and went: the end, not a wait. */
	if (rc > 0 && (p.revents & POLLHUP))
		r->writer = 1;
	return rc > 0 || r->fifo;
}

long
reader_read(void *arg, char *buf, size_t size)
{
	struct reader *r = arg;
	ssize_t n;
	int rc;

	for (;;) {
		if (diag_cancelled(r->diag, r->cancel))
			return -1;
		if (!r->regular && (rc = reader_wait(r)) <= 0) {
			if (rc < 0)
				return -1;
			continue;
		}
		n = read(r->fd, buf, size);
		if (n > 0) {
			r->writer = 1;
			if ((r->nread += (size_t)n) > LOAD_MAX_BYTES) {
				diag_add(r->diag, DIAG_FATAL, 0, 0, "more "
				    "than %zu MiB; that is not a directory of "
				    "allies", LOAD_MAX_BYTES >> 20);
				return -1;
			}
			return (long)n;
		}
		if (n == 0 && r->fifo && !r->writer) {
			if (elapsed_ms(&r->opened) < r->wait_ms)
				continue;
			diag_add(r->diag, DIAG_FATAL, 0, 0, "a named pipe "
			    "with no writer (waited %d ms); start what writes "
			    "to it first", r->wait_ms);
			return -1;
		}
		if (n == 0)
			return reader_end(r);
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			r->writer = 1;
		else if (errno != EINTR) {
			diag_add(r->diag, DIAG_FATAL, 0, 0, "cannot read: %s",
			    strerror(errno));
			return -1;
		}
	}
}

/* Why path could not be opened, in the user's terms. */
static void
reader_open_error(struct reader *r, const char *path, int err)
{
	struct stat st;

	if (err == ENXIO && stat(path, &st) == 0 && S_ISSOCK(st.st_mode))
		diag_add(r->diag, DIAG_FATAL, 0, 0, "a socket, not a data "
		    "file");
	else if (err == ELOOP)
		diag_add(r->diag, DIAG_FATAL, 0, 0, "cannot open: %s (a loop "
		    "of symbolic links?)", strerror(err));
	else
		diag_add(r->diag, DIAG_FATAL, 0, 0, "cannot open: %s",
		    strerror(err));
}

int
reader_open(struct reader *r, const char *path, int wait_ms,
    const size_t *cancel, struct diag_sink *diag)
{
	int is_stdin = strcmp(path, "-") == 0;

	memset(r, 0, sizeof(*r));
	r->fd = -1;
	r->wait_ms = wait_ms;
	r->cancel = cancel;
	r->diag = diag;
	clock_gettime(CLOCK_MONOTONIC, &r->opened);
	/*
	 * O_NONBLOCK: opening a named pipe waits for a writer otherwise,
	 * for ever.  Standard input is the caller's own: it is only polled.
	 */
	r->fd = is_stdin ? fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0) :
	    open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (r->fd == -1) {
		reader_open_error(r, path, errno);
		return -1;
	}
	if (fstat(r->fd, &r->st) == -1) {
		diag_add(r->diag, DIAG_FATAL, 0, 0, "cannot read: %s",
		    strerror(errno));
		return -1;
	}
	if (S_ISDIR(r->st.st_mode)) {
		diag_add(r->diag, DIAG_FATAL, 0, 0, "a directory, not a data "
		    "file");
		return -1;
	}
	r->regular = S_ISREG(r->st.st_mode);
	r->fifo = S_ISFIFO(r->st.st_mode) && !is_stdin;
	if (!r->regular)
		return 0;
	if ((unsigned long long)r->st.st_size > LOAD_MAX_BYTES) {
		diag_add(r->diag, DIAG_FATAL, 0, 0, "the file is %lld MiB, "
		    "larger than %zu MiB; that is not a directory of allies",
		    (long long)(r->st.st_size >> 20), LOAD_MAX_BYTES >> 20);
		return -1;
	}
	return 0;
}

void
reader_close(struct reader *r)
{
	if (r->fd != -1)
		close(r->fd);
	r->fd = -1;
}
