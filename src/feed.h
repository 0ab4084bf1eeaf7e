/*
 * feed: keeping the app fed with data.  It starts the loads on the
 * source's worker and takes their results into the app: the first one
 * puts the data on screen (or, outside a kiosk, ends the browser so that
 * the errors are printed; a kiosk shows its waiting notice instead), a
 * reload swaps the new data in or keeps the old and says why.  It
 * watches the data file, and hands the app the load's progress at a
 * steady pace.  No curses: the UI polls feed_fd() and calls in.
 */
#ifndef FEED_H
#define FEED_H

#include "watch.h"

struct app;
struct errlist;
struct source;

struct feed {
	struct source	*src;		/* borrowed */
	struct errlist	*errs;		/* the first load's, for the caller */
	int		 failed;	/* the first load failed: end */
	struct watch	 watch;		/* the data file, when it is one */
	long long	 next_watch;	/* ms, monotonic */
	long long	 next_progress;
};

/* Feed from src; errs (initialised) gets the first load's messages. */
void	 feed_init(struct feed *, struct source *, struct errlist *errs,
	    long long now);

/* Readable when a load has ended: then call feed_take(). */
int	 feed_fd(const struct feed *);
void	 feed_take(struct feed *, struct app *);

/* Look at the file and the progress when due; when that is next. */
void	 feed_tick(struct feed *, struct app *, long long now);
long long feed_deadline(const struct feed *);

#endif
