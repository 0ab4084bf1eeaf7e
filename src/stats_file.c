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

int
stats_file_write(void *file, const char *line, size_t len, char *err,
    size_t errsize)
{
	struct stats_file *sf = file;
	struct buf out = { 0 }, safe = { 0 };
	char reason[128] = "";
	struct stat sb;
	ssize_t n;
	int fd;

	fd = open(sf->path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK |
	    O_NOCTTY | O_CLOEXEC, 0644);
	if (fd < 0)
		snprintf(reason, sizeof(reason), "%s", strerror(errno));
	else {
		/* A new file (or one emptied) starts with the header. */
		if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    sb.st_size == 0)
			buf_adds(&out, STATS_HEADER "\n");
		buf_add(&out, line, len);
		/* One write, so that no other writer's line splits ours. */
		while ((n = write(fd, out.ptr, out.len)) < 0 && errno == EINTR)
			;
		if (n < 0)
			snprintf(reason, sizeof(reason), "%s", strerror(errno));
		else if ((size_t)n < out.len)
			snprintf(reason, sizeof(reason), "only %zd of %zu bytes "
			    "written", n, out.len);
		if (close(fd) < 0 && reason[0] == '\0')
			snprintf(reason, sizeof(reason), "%s", strerror(errno));
	}
	if (reason[0] != '\0')
		snprintf(err, errsize, "cannot write %s: %s",
		    text_safe(&safe, sf->path), reason);
	buf_free(&out);
	buf_free(&safe);
	return reason[0] != '\0' ? -1 : 0;
}

long long
stats_file_clock(void *arg)
{
	(void)arg;
	return (long long)time(NULL);
}
