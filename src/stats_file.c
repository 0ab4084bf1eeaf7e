/*
 * stats_file: the stats file and the wall clock.  See stats_file.h.
 */
#include "stats_file.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "stats.h"
#include "text.h"
#include "util.h"

void
stats_file_init(struct stats_file *sf, const char *path)
{
	sf->path = path;
}

/* Write all of it, or -1 with errno (a full disk writes part, then fails). */
static int
write_all(int fd, const char *s, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, s, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = ENOSPC;
			return -1;
		}
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

int
stats_file_write(void *file, const char *line, size_t len, char *err,
    size_t errsize)
{
	struct stats_file *sf = file;
	struct buf out = { 0 }, safe = { 0 };
	struct stat sb;
	int fd, rc = -1, saved;

	fd = open(sf->path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK |
	    O_NOCTTY | O_CLOEXEC, 0644);
	if (fd >= 0) {
		/* A new file (or one emptied) starts with the header. */
		if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    sb.st_size == 0)
			buf_adds(&out, STATS_HEADER "\n");
		buf_add(&out, line, len);
		rc = write_all(fd, out.ptr, out.len);
		saved = errno;
		if (close(fd) < 0 && rc == 0)
			rc = -1;
		else
			errno = saved;
	}
	if (rc < 0)
		snprintf(err, errsize, "cannot write %s: %s",
		    text_safe(&safe, sf->path), strerror(errno));
	buf_free(&out);
	buf_free(&safe);
	return rc;
}

long long
stats_file_clock(void *arg)
{
	(void)arg;
	return (long long)time(NULL);
}
