/*
 * watch: the data file the browser shows, watched for changes.  It
 * remembers what the file was when last loaded (device, inode, size,
 * modification time) and, when asked, looks again and loads a changed
 * file into a fresh recordset.  It knows no curses and no app: the
 * caller publishes what it loaded and shows what it says.
 */
#ifndef WATCH_H
#define WATCH_H

#include <stddef.h>
#include <sys/stat.h>

struct recordset;

struct watch {
	const char	*path;		/* borrowed */
	long long	 max_size;	/* a larger file is not loaded; 0: any */
	struct stat	 st;		/* the file as last loaded (or seen) */
	int		 missing;	/* reported that it is gone */
};

enum watch_event {
	WATCH_SAME,		/* nothing changed: nothing to say */
	WATCH_LOADED,		/* fresh holds the new data */
	WATCH_FAILED,		/* msg says why; keep what is shown */
	WATCH_QUIET_FAIL	/* still failing as last said: keep quiet */
};

/* Watch path, as loaded now; max_size 0 for no limit. */
void	 watch_init(struct watch *, const char *path, long long max_size);

/*
 * Look at the file.  When it changed and loads, fresh (initialised by
 * the caller) holds the new records: WATCH_LOADED.  When it is gone, too
 * large or invalid, msg (size bytes) says so: WATCH_FAILED, or
 * WATCH_QUIET_FAIL when that was said already.
 */
enum watch_event watch_poll(struct watch *, struct recordset *fresh,
	    char *msg, size_t size);

#endif
