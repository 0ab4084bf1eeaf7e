/*
 * load: a YAML data file to a recordset, validated against the format in
 * the contract.  Built on libyaml's event parser, so a file is never held
 * as a node tree: each scalar is copied once into the recordset's arena.
 *
 * A file is all or nothing: every problem is collected, with its line and
 * column, into a struct errlist, and when there is any error the caller's
 * recordset is left exactly as it was.  Unknown keys are warnings.  The
 * module never prints; the caller decides where messages go.
 *
 * This header is the loader's whole interface: it brings the error list
 * (diag.h) and the limits (load_limits.h) with it, and not libyaml.  The
 * loader is five files, each standing only on those before it: diag.c
 * (the error list, its caps, positions, libyaml's errors reworded),
 * keyset.c (the keys of one mapping), reader.c (the path opened and read
 * without blocking), yamlfeed.c (libyaml's events, aliases expanded, the
 * input a window at a time) and load.c (the schema, the progress and the
 * all-or-nothing rule).  Of all the program's files, diag.c, yamlfeed.c
 * and load.c alone read YAML with libyaml, and config.c, which reads the
 * configuration file through the same event feed.
 */
#ifndef LOAD_H
#define LOAD_H

#include <stddef.h>

#include "diag.h"
#include "load_limits.h"

struct recordset;

/* How long load_file() waits for a named pipe's writer, by default. */
#define LOAD_FIFO_WAIT_MS	1000

/* struct load_ctl's total for input whose size is not known (a pipe). */
#define LOAD_TOTAL_UNKNOWN	((size_t)-1)

enum load_state {
	LOAD_IDLE,		/* not started */
	LOAD_RUNNING,
	LOAD_DONE,		/* the load returned 0 */
	LOAD_FAILED,		/* it returned -1 with the errors */
	LOAD_CANCELLED		/* it returned -1: load_ctl_cancel() */
};

/*
 * A load that other threads can watch and stop while it runs.  The
 * caller sets it up with load_ctl_init() and passes it to load_file_ctl()
 * or load_buffer_ctl(); from then on every thread reads it only through
 * load_ctl_get() and stops it only through load_ctl_cancel(), which are
 * safe at any time, from any thread, since every field is accessed
 * atomically.  It must outlive the load.
 */
struct load_ctl {
	int		 fifo_wait_ms;	/* how long to wait for a named
					   pipe's writer; set before */
	size_t		 bytes;		/* input handed to the parser so far */
	size_t		 total;		/* its size, or LOAD_TOTAL_UNKNOWN */
	size_t		 allies;	/* allies read so far */
	size_t		 state;		/* enum load_state */
	size_t		 cancel;	/* set by load_ctl_cancel() */
};

/* A snapshot of a struct load_ctl, for whoever shows the progress. */
struct load_progress {
	size_t		 bytes;
	size_t		 total;		/* LOAD_TOTAL_UNKNOWN: not known */
	size_t		 allies;
	enum load_state	 state;
};

/* An idle load that will wait fifo_wait_ms for a pipe's writer. */
void	 load_ctl_init(struct load_ctl *, int fifo_wait_ms);

/*
 * Ask the load to stop.  It does so between two YAML events, or within
 * about 50 ms while it waits for input, and returns -1 with the state
 * LOAD_CANCELLED, the error "cancelled" in its errlist and the caller's
 * recordset untouched (nothing partial is kept).  Harmless when the load
 * has ended or not started: the next load on this ctl is cancelled.
 */
void	 load_ctl_cancel(struct load_ctl *);

/* Read the progress so far into *p. */
void	 load_ctl_get(const struct load_ctl *, struct load_progress *p);

/*
 * Read and validate the data at path, "-" being standard input.  On
 * success replace *rs (which must have been initialised) with its
 * contents and return 0; diagnostics may still hold warnings.  On any
 * error return -1, leave *rs untouched and append every problem found to
 * errs.  Never prints, never dies on bad input.
 *
 * Any path is safe to give: a regular file is refused when it is over
 * LOAD_MAX_BYTES or changes while it is read; a directory or a socket is
 * refused for what it is; anything else (a pipe, standard input, a
 * device) is read as a stream, judged as it comes and refused once it
 * passes the limits, so that its memory stays bounded.  A named pipe
 * with no writer is waited for fifo_wait_ms, then refused.  A file that
 * cannot be read, or that changes under the reader, is an error, never
 * a crash.
 *
 * load_file() waits LOAD_FIFO_WAIT_MS and cannot be watched or cancelled;
 * load_file_ctl() is the same with ctl, which may be NULL.
 */
int	 load_file(const char *path, struct recordset *rs, struct errlist *errs);
int	 load_file_ctl(const char *path, struct recordset *rs,
	    struct errlist *errs, struct load_ctl *ctl);

/* The same for len bytes already in memory. */
int	 load_buffer(const char *data, size_t len, struct recordset *rs,
	    struct errlist *errs);
int	 load_buffer_ctl(const char *data, size_t len, struct recordset *rs,
	    struct errlist *errs, struct load_ctl *ctl);

#endif
