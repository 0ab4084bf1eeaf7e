/*
 * load: a YAML data file to a recordset, validated against the format in
 * the contract.  Built on libyaml's event parser (this is the only file
 * that reads YAML), so a file is never held as a node tree: each scalar
 * is copied once into the recordset's arena.
 *
 * A file is all or nothing: every problem is collected, with its line and
 * column, into a struct errlist, and when there is any error the caller's
 * recordset is left exactly as it was.  Unknown keys are warnings.  The
 * module never prints; the caller decides where messages go.
 */
#ifndef LOAD_H
#define LOAD_H

#include <stddef.h>

struct recordset;

/* Hard limits against hostile files; the README and man page list them. */
#define LOAD_MAX_BYTES		((size_t)1 << 30)	/* 1 GiB */
#define LOAD_MAX_DEPTH		64		/* nested collections */
#define LOAD_MAX_ALIAS_NODES	100000		/* events replayed by aliases */
#define LOAD_MAX_ALIAS_BYTES	((size_t)4 << 20) /* their text, beyond the
						   file's own size */
#define LOAD_MAX_ERRORS		100		/* then it stops reading */

struct diag {
	int		 error;		/* 1 error, 0 warning */
	unsigned	 line;		/* 1-based; 0 when about the whole file */
	unsigned	 col;		/* 1-based, in characters */
	char		*msg;		/* sanitised: safe to print */
};

struct errlist {
	struct diag	*v;
	size_t		 len;
	size_t		 cap;
	size_t		 nerrors;	/* entries with error set */
};

void	 errlist_init(struct errlist *);
void	 errlist_done(struct errlist *);

/*
 * Format entry i as "NAME:LINE:COL: error: MESSAGE" (or "NAME: error:
 * MESSAGE" without a position).  Returns a new string the caller frees.
 */
char	*errlist_format(const struct errlist *, size_t, const char *name);

/*
 * Read and validate the file at path.  On success replace *rs (which must
 * have been initialised) with its contents and return 0; diagnostics may
 * still hold warnings.  On any error return -1, leave *rs untouched and
 * append every problem found to errs.  Never prints, never dies on bad
 * input.
 */
int	 load_file(const char *path, struct recordset *rs, struct errlist *errs);

/* The same for len bytes already in memory. */
int	 load_buffer(const char *data, size_t len, struct recordset *rs,
	    struct errlist *errs);

#endif
