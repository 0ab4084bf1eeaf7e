/*
 * histfile: the search history kept between runs, in
 * $XDG_STATE_HOME/sma-allies/history (~/.local/state/sma-allies/history
 * without it): one search a line, oldest first, UTF-8, at most
 * HISTORY_MAX lines, mode 0600, written whole to a new file that is then
 * renamed over the old one, so that a crash never leaves half a file.
 *
 * Nothing here is fatal.  A file that cannot be read or written is a
 * warning; a file with lines that are not searches (controls, invalid
 * UTF-8, overlong) keeps its good lines, and is moved aside to
 * FILE.bad before the next save so that nothing in it is lost.  The
 * kiosk keeps no history: its caller never comes here.
 */
#ifndef HISTFILE_H
#define HISTFILE_H

struct buf;
struct history;

struct histfile {
	char	*path;		/* NULL: no place for it (no HOME) */
	int	 bad;		/* move the file aside before saving */
	int	 keep_out;	/* not ours to write (not a regular file) */
};

/*
 * Find the file from the environment and read it into h.  Returns 0, or
 * -1 with a one-line warning (file names made safe) appended to warn;
 * either way h holds what could be read and hf is ready for
 * histfile_save().
 */
int	 histfile_load(struct histfile *hf, struct history *h,
	    struct buf *warn);

/*
 * Write h to the file: re-read it first, so that searches another run
 * saved meanwhile are kept (older than this run's).  Returns 0, or -1
 * with a warning appended to warn.  Frees what histfile_load() took.
 */
int	 histfile_save(struct histfile *hf, const struct history *h,
	    struct buf *warn);

#endif
