/*
 * output: the command line's printed formats.  text is for people (one
 * line per ally, matches highlighted like grep --color), tsv for scripts,
 * yaml a data file that loads again (written with libyaml's emitter; the
 * loader's files, diag.c and yamlfeed.c, are the only other users of
 * libyaml), json the same document written with jansson (output_json.c).
 *
 * Every byte of data goes through text_sanitize() or the YAML emitter's
 * escaping: no control character from a data file reaches stdout.
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stddef.h>
#include <stdio.h>

struct buf;
struct matcher;
struct match_error;
struct record;
struct recordset;
struct topics;

enum format {
	FORMAT_TEXT,
	FORMAT_TSV,
	FORMAT_YAML,
	FORMAT_JSON
};

struct output_opts {
	enum format	 format;
	int		 color;		/* highlight matches (text only) */
	int		 ascii;		/* the locale cannot show UTF-8 */
	struct matcher	*matcher;	/* what to highlight, or NULL */
};

/* FORMAT_* for a name, or -1. */
int	 output_format_lookup(const char *);

/*
 * Print the records rs->v[idx[0..n)] to fp.  Returns 0, or -1 with *err
 * filled when highlighting hit a match limit.  Write errors are left for
 * the caller to find with ferror().
 */
int	 output_records(FILE *fp, const struct recordset *rs, const size_t *idx,
	    size_t n, const struct output_opts *, struct match_error *err);

/*
 * The whole of r as text for people, appended to b: the name with its
 * abbreviation, the website, the tags, a blank line and the description
 * wrapped to 78 columns; every line ended by a newline.  What --show
 * prints and what the browser copies as the entry.  ascii: the locale
 * cannot show UTF-8 (ASCII stand-ins are used).
 */
void	 output_entry(struct buf *b, const struct record *r, int ascii);

/*
 * Would rs->v[idx[0..n)] or the program text put a character a terminal
 * acts on into the output?  Then the yaml writer escapes everything
 * beyond ASCII.
 */
int	 output_needs_escapes(const struct recordset *, const size_t *idx,
	    size_t n);

/* The json format of output_records(); always returns 0. */
int	 output_json(FILE *fp, const struct recordset *, const size_t *idx,
	    size_t n);

/*
 * Print every topic of t with its number of allies, in t's order: for
 * FORMAT_TSV "tag<TAB>count" a line, for FORMAT_TEXT the count in a
 * right-aligned column, then the tag.  ascii: the locale cannot show
 * UTF-8.  Write errors are left for ferror().
 */
void	 output_tags(FILE *fp, const struct topics *t, enum format,
	    int ascii);

#endif
