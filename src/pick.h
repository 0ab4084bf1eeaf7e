/*
 * pick: --pick's plumbing.  The browser draws on the terminal
 * (/dev/tty) while standard output stays the script's: pick_begin()
 * moves the terminal onto standard output (and standard input, when
 * that is not one already) for the browser's time, and pick_end() puts
 * the script's standard output back and prints the ally chosen, as
 * --list would print it in that format.
 */
#ifndef PICK_H
#define PICK_H

#include <stddef.h>

struct output_opts;
struct recordset;

struct pick {
	int	 out;		/* the script's standard output, saved */
};

/*
 * Put the terminal in place.  keys_on_stdin: standard input stays as
 * it is (it is a terminal, or -d - reads the data from it).  Returns 0,
 * or -1 with a message on stderr (no terminal).
 */
int	 pick_begin(struct pick *, int keys_on_stdin);

/*
 * Standard output back; then record idx of rs (unless (size_t)-1) on it
 * in o's format.  Returns 0, or -1 when the output could not be written.
 */
int	 pick_end(struct pick *, const struct recordset *rs, size_t idx,
	    const struct output_opts *o);

#endif
