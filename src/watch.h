/*
 * watch: the data file the browser shows, watched for changes.  It
 * remembers the file as last seen (device, inode, size, modification
 * time) and says when a change has settled: a file replaced by a rename
 * at once, a file written in place only once two looks in a row agree,
 * so that a file still being written is never loaded half-written.  Only
 * a regular file is reloaded; stat() is all it does, so it never blocks
 * on a pipe or a device.  It knows no curses and loads nothing: the
 * caller starts the load.
 */
#ifndef WATCH_H
#define WATCH_H

#include <stddef.h>
#include <sys/stat.h>

struct watch {
	const char	*path;		/* borrowed; NULL: nothing to watch */
	struct stat	 st;		/* the file as last loaded */
	struct stat	 seen;		/* as at the last look */
	int		 pending;	/* seen differs from st */
	int		 said;		/* the problem below was reported */
	char		 problem[256];	/* why it cannot be reloaded, or "" */
};

enum watch_event {
	WATCH_SAME,		/* nothing to do */
	WATCH_CHANGED,		/* a settled change: load it */
	WATCH_PROBLEM		/* problem says why it is not reloaded */
};

/* Watch path (NULL: nothing), taking the file as it is now as loaded. */
void	 watch_init(struct watch *, const char *path);

/*
 * Look at the file.  WATCH_PROBLEM is returned once per problem (gone,
 * not a regular file), then WATCH_SAME until it changes.
 */
enum watch_event watch_poll(struct watch *);

/* Whether the file as last looked at cannot be reloaded. */
int	 watch_stale(const struct watch *);

#endif
