/*
 * record: the in-memory directory.  A struct recordset owns every ally
 * (struct record) and the program description, and every string they
 * point to lives in the recordset's arena: a few large blocks, so that a
 * million allies cost a handful of allocations and the text the search
 * walks is laid out contiguously, record after record.
 *
 * Everybody else borrows: panes, the matcher and the output code keep
 * pointers or indices into a recordset and never free them.
 */
#ifndef RECORD_H
#define RECORD_H

#include <stddef.h>
#include <stdint.h>

/* The searchable fields of an ally, in the order the contract lists them. */
enum field {
	FIELD_NAME,
	FIELD_ABBREVIATION,
	FIELD_DESCRIPTION,
	FIELD_URL,
	FIELD_TAGS,		/* the tags joined with ", " */
	FIELD_COUNT
};

#define FIELD_BIT(f)	(1u << (f))
#define FIELD_ALL	((1u << FIELD_COUNT) - 1)

/*
 * The fields' names as the command line and the data file spell them,
 * indexed by enum field; field_name() is the same for one field.
 */
extern const char *const field_names[FIELD_COUNT];
const char	*field_name(enum field);
/* FIELD_COUNT when the name is unknown. */
enum field	 field_lookup(const char *);

struct record {
	const char	*text[FIELD_COUNT];	/* NUL-terminated, "" when absent */
	uint32_t	 len[FIELD_COUNT];	/* bytes, without the NUL */
	const char	**tags;			/* ntags strings, in the arena */
	uint32_t	 ntags;
};

struct program {
	const char	*name;			/* each NULL when absent */
	const char	*summary;
	const char	*term;
	const char	*url;
	const char	*become_ally_url;
	const char	**benefits;
	size_t		 nbenefits;
};

/* A bump allocator made of a chain of blocks; freed all at once. */
struct arena_block;
struct arena {
	struct arena_block *head;		/* the block being filled */
	size_t		 total;			/* bytes obtained from malloc */
};

/*
 * Records first..first+count-1 whose texts lie back to back from start:
 * for each, name, abbreviation, description, url and tags, each ending in
 * a NUL.  The matcher scans a run in one pass instead of field by field.
 */
struct textrun {
	const char	*start;
	size_t		 len;			/* bytes, up to the last NUL */
	size_t		 first;
	size_t		 count;
	size_t		 longest;		/* bytes of its longest record,
						   NULs included */
};

struct recordset {
	struct record	*v;
	size_t		 len;
	size_t		 cap;
	struct program	 program;
	int		 has_program;		/* a program mapping was given */
	struct arena	 arena;			/* everything but record text */
	struct arena	 text;			/* record text, in runs */
	struct textrun	*runs;			/* in record order; may be none */
	size_t		 nruns;
	size_t		 capruns;
};

/*
 * Allocate size bytes aligned for any pointer from the arena.  Never
 * returns NULL (dies when out of memory).  The memory lives until
 * arena_done().
 */
void	*arena_alloc(struct arena *, size_t);
/*
 * Allocate size bytes with no alignment, so that consecutive calls that
 * fit in the current block return adjacent memory (for text runs).
 */
void	*arena_alloc_packed(struct arena *, size_t);
/* Copy len bytes into the arena and add a NUL. */
char	*arena_strndup(struct arena *, const char *, size_t);
void	 arena_done(struct arena *);

void	 recordset_init(struct recordset *);
void	 recordset_done(struct recordset *);
/* Swap the contents of two recordsets (used to publish a reload). */
void	 recordset_swap(struct recordset *, struct recordset *);

/*
 * Append a copy of the record header *r; its strings must already live in
 * rs's arena.  Returns the new record, valid until the next add.
 */
struct record *recordset_add(struct recordset *, const struct record *);

/*
 * Store the texts of r (text[] and len[] pointing anywhere) in the text
 * arena in field order and append r with pointers to the copies.  Records
 * stored this way form text runs.  Returns the new record.
 */
struct record *recordset_add_text(struct recordset *, const struct record *);

/*
 * The index of the first record named exactly name, or (size_t)-1.
 * A linear scan: used on reload, not on a hot path.
 */
size_t	 recordset_find(const struct recordset *, const char *name);

/*
 * The record of [lo, hi), all in one run, whose text holds p (texts
 * ascend in a run); the matcher's run scan asks it of each match, which
 * usually lies close to lo, so it looks there first.
 */
size_t	 recordset_record_at(const struct recordset *, size_t lo, size_t hi,
	    const char *p);

/* The first run that ends after record i; nruns when there is none. */
size_t	 recordset_run_after(const struct recordset *, size_t i);

/*
 * From record i on (before to), the records of at most longest bytes
 * each (all fields, with their NULs), until about left bytes of text:
 * the first record after them (i when record i is longer), *bytes their
 * bytes.  A run whose longest record is short enough is passed by a
 * binary search over its back-to-back texts, not record by record, so
 * the matcher's slices cost nothing per record they need not look at.
 */
size_t	 recordset_stretch(const struct recordset *, size_t i, size_t to,
	    size_t longest, size_t left, size_t *bytes);

#endif
