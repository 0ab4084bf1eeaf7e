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
 * loader is four files, each standing only on those before it: diag.c
 * (the error list, its caps, libyaml's errors reworded), keyset.c (the
 * keys of one mapping), yamlfeed.c (libyaml's events, aliases expanded)
 * and load.c (the schema, the file and the all-or-nothing rule).  Of all
 * the program's files, diag.c, yamlfeed.c and load.c alone read YAML with
 * libyaml.
 */
#ifndef LOAD_H
#define LOAD_H

#include <stddef.h>

#include "diag.h"
#include "load_limits.h"

struct recordset;

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
