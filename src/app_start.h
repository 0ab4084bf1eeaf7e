/*
 * app_start: what the command line asks the browser to begin with: the
 * order of --sort, -q's search applied and --select's ally selected once
 * the first load is in,
 * and --pick, where Enter chooses an ally for a script and Esc or q
 * gives up (fzf's way).
 *
 * The ally --select names is looked up on the loader's thread
 * (app_start_find(), a source's after-load hook), since finding a name
 * walks every record; the app only selects what was found.
 */
#ifndef APP_START_H
#define APP_START_H

#include <stddef.h>

#include "keys.h"

struct app;
struct recordset;

struct app_start {
	const char	*query;		/* -q, or NULL */
	const char	*select;	/* --select, or NULL */
	int		 pick;		/* --pick */
	size_t		 selected;	/* --select's record, LOOKUP_NONE */
	int		 looked;	/* app_start_find() has run */
	size_t		 picked;	/* --pick's choice, LOOKUP_NONE */
};

/* Nothing asked: no query, no ally to select, no pick. */
void	 app_start_init(struct app_start *);

/*
 * The source's after-load hook (arg: the struct app_start): find the
 * ally --select names in the first load.  Runs on the loader's thread.
 */
void	 app_start_find(struct recordset *, void *arg);

/* The first load is in: select the ally, apply the query. */
void	 app_start_loaded(struct app *);

/*
 * --pick: act as the picker does (Enter chooses the selected ally and
 * ends, Esc ends with none).  Returns 1 when act was taken so.
 */
int	 app_start_pick(struct app *, enum action act);

#endif
