/*
 * source: where the records come from, and loading them off the thread
 * that reads keys and draws.  It owns which data is read (-d FILE, else
 * $SMA_ALLIES_DATA, else the copy built into the program; "-" for
 * standard input) and a worker thread that loads it into a recordset of
 * its own.  When a load ends the worker writes a byte to a pipe that the
 * event loop polls beside the terminal; the loop then takes the whole,
 * validated result with source_take(), or the errors.  Nothing partial is
 * ever handed over.  A load can be cancelled or restarted at any time.
 *
 * It knows no curses and no app.  Progress is read while the worker runs
 * from a few counters it keeps up to date.
 */
#ifndef SOURCE_H
#define SOURCE_H

#include <pthread.h>
#include <stddef.h>

#include "load.h"

struct recordset;
struct source_job;

struct source {
	const char	*path;		/* the file, "-", or NULL: built in */
	const char	*name;		/* how messages name the data */
	int		 fifo_wait_ms;	/* for a named pipe's writer */
	int		 wake[2];	/* the worker's end, the loop's end */
	pthread_t	 thread;
	struct source_job *job;		/* the running load, or NULL */
	int		 again;		/* load again once this one ends */
	long long	 started;	/* ms, monotonic: the load in hand */
	pthread_t	 freer;		/* frees data no longer shown */
	int		 freeing;	/* freer is to be joined */
	/*
	 * Run on the worker after each load that succeeds, before it is
	 * handed over: work that walks every record (finding an ally by
	 * name), kept off the thread that draws.  NULL for none.
	 */
	void		(*after)(struct recordset *, void *);
	void		*after_arg;
};

/* How far the running load is (all 0 when none runs). */
struct source_progress {
	int		 running;
	long long	 elapsed_ms;
	size_t		 bytes;		/* read so far */
	size_t		 total;		/* of this many; 0 when unknown */
	size_t		 allies;	/* parsed so far */
};

enum source_event {
	SOURCE_NONE,		/* nothing ended, or a load was cancelled */
	SOURCE_LOADED,		/* *fresh holds the new records */
	SOURCE_FAILED		/* *errs says why; keep what is shown */
};

/*
 * Which data: the -d option (NULL when not given), else the environment,
 * else the built-in copy.  A named pipe's writer is waited for
 * LOAD_FIFO_WAIT_MS; the caller may change fifo_wait_ms before a load
 * (the browser waits as long as it takes: its user can quit).  Returns
 * 0, or -1 when the wake pipe cannot be made (errno set).
 */
int	 source_init(struct source *, const char *data_opt);

/* Cancel what runs, wait for the worker, free everything. */
void	 source_done(struct source *);

/* Whether the data is a file of its own (and can be watched). */
int	 source_is_file(const struct source *);

/*
 * Start loading on the worker.  With a load running already, that load
 * is cancelled and a fresh one starts when it has ended.  Returns 0, or
 * -1 when no thread could be started (errno set).
 */
int	 source_start(struct source *);

/* The file descriptor that is readable when a load has ended. */
int	 source_fd(const struct source *);

/*
 * After source_fd() was readable: take what the load gave.  fresh and
 * errs are the caller's, initialised; on SOURCE_LOADED *fresh holds the
 * records and errs any warnings, on SOURCE_FAILED errs the problems.
 */
enum source_event source_take(struct source *, struct recordset *fresh,
	    struct errlist *errs);

/*
 * Free old (data that a reload replaced) on a thread of its own: giving
 * back a large recordset takes long enough to be felt at the keyboard.
 * old is left empty.
 */
void	 source_discard(struct source *, struct recordset *old);

/* Where the running load is. */
void	 source_progress(const struct source *, struct source_progress *);

/* Load at once, on this thread: the command line's way. */
int	 source_load(const struct source *, struct recordset *,
	    struct errlist *);

#endif
