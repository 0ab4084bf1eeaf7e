/*
 * stats_file: where a kiosk's engagement lines go, a file named on the
 * command line, and the wall clock they are stamped with: the real
 * callbacks for struct stats (stats.h), and nothing else.
 *
 * Each line is one open(2), one write(2) and one close(2), with
 * O_APPEND, so lines from one kiosk never mix and a file that is removed
 * or renamed away (rotated) is made again, header first, at the next
 * line.  The open does not block on a FIFO without a reader and follows
 * no controlling-terminal rule; on a local disk the whole takes
 * microseconds, so the loop that draws the screen may call it.
 */
#ifndef STATS_FILE_H
#define STATS_FILE_H

#include <stddef.h>

struct stats_file {
	const char	*path;		/* borrowed from the command line */
};

/* Lines go to path, which must outlive the struct. */
void	 stats_file_init(struct stats_file *, const char *path);

/*
 * A stats_write_cb: append the len bytes at line to the file (a
 * struct stats_file *), the header before them when the file is new or
 * empty.  Returns 0, or -1 with "cannot write PATH: reason" in err.
 */
int	 stats_file_write(void *file, const char *line, size_t len,
	    char *err, size_t errsize);

/* A stats_clock_cb: time(3); arg is unused. */
long long stats_file_clock(void *arg);

#endif
