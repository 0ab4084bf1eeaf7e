/*
 * history: the searches made before, oldest first, each once, and a
 * position for stepping through them as a shell does (the line being
 * edited is kept as a draft and comes back at the newest end).  Owns its
 * strings; knows nothing of the bar that shows them.
 */
#ifndef HISTORY_H
#define HISTORY_H

#include <stddef.h>

#define HISTORY_MAX	500

struct history {
	char		*v[HISTORY_MAX];	/* oldest first */
	size_t		 len;
	size_t		 pos;		/* == len while editing anew */
	char		*draft;		/* the line before stepping back */
};

/* Add s (copied) as the newest, dropping an older copy; "" is ignored. */
void	 history_add(struct history *, const char *s);

/* Start stepping anew from the newest end. */
void	 history_rewind(struct history *);

/*
 * One step older (current is the line being edited, saved when the
 * step leaves the newest end) or newer.  Returns the line to show,
 * borrowed until the history next changes, or NULL at either end.
 */
const char *history_older(struct history *, const char *current);
const char *history_newer(struct history *);

/* Forget everything; the struct stays usable. */
void	 history_clear(struct history *);

#endif
