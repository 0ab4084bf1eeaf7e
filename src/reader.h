/*
 * reader: the bytes of the data a path names, for the loader.  It owns
 * opening the path without blocking ("-" is standard input), refusing
 * what is not data before reading any of it (a directory, a socket, a
 * regular file over LOAD_MAX_BYTES), reading a stream as it comes with
 * a bounded wait for a named pipe's writer, the cancel flag while it
 * waits, and the check that a regular file did not change while it was
 * read.
 *
 * It reports through a diag_sink, as errors about the whole file, and
 * knows nothing of YAML: the event feed (yamlfeed.c) pulls from it
 * through reader_read().  It never maps a file: a file truncated under
 * a mapping kills the process with SIGBUS, a file being read only ends
 * early.
 */
#ifndef READER_H
#define READER_H

#include <stddef.h>
#include <sys/stat.h>
#include <time.h>

struct diag_sink;

/* One open input; the fields are the reader's, st and regular aside. */
struct reader {
	int		 fd;		/* -1 when none */
	int		 regular;	/* a regular file: st.st_size is its
					   size, and reads never wait */
	struct stat	 st;		/* as opened */
	int		 fifo;		/* a named pipe we opened: may have no
					   writer yet */
	int		 writer;	/* the pipe has shown a writer */
	size_t		 nread;
	struct timespec	 opened;
	int		 wait_ms;	/* for a named pipe's first writer */
	const size_t	*cancel;	/* read atomically; may be NULL */
	struct diag_sink *diag;		/* borrowed */
};

/*
 * Open path for reading, reporting to diag, which must outlive the
 * reader.  A named pipe with no writer is waited for wait_ms (from here:
 * the waiting happens in reader_read()); *cancel, when cancel is not
 * NULL, stops any wait within about 50 ms.  Returns 0, or -1 after
 * reporting why not; either way reader_close() must follow.
 */
int	 reader_open(struct reader *, const char *path, int wait_ms,
	    const size_t *cancel, struct diag_sink *diag);

/*
 * Read up to size bytes into buf: a yamlfeed_read_cb, arg being the
 * struct reader.  Returns the bytes read, 0 at the end, -1 after
 * reporting an error (a read error, the size limit passed, a named pipe
 * still without a writer, a regular file that changed, a cancel).
 */
long	 reader_read(void *arg, char *buf, size_t size);

/* Close what reader_open() opened; a reader whose fd is -1 holds nothing. */
void	 reader_close(struct reader *);

#endif
