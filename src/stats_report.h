/*
 * stats_report: what a kiosk's stats file says, for staff.  It reads the
 * lines stats.c writes and counts them: visits per hour of local time
 * (the TZ environment variable picks the zone), the median length of a
 * visit, allies by views, codes shown per ally, the "Become an Ally"
 * code, topics by use and searches; then prints that as text or as TSV.
 *
 * A file whose first line is not the header is not a stats file: an
 * error.  A malformed line after it is a warning, FILE:LINE:COL, and is
 * left out of the counts, so a file cut short by a full disk or joined
 * from several (a header in the middle is fine) still gives a report.
 * Nothing here prints but stats_report_print(), to the stream it is
 * given.
 */
#ifndef STATS_REPORT_H
#define STATS_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

struct errlist;

#define STATS_REPORT_TSV	0x1	/* section, item, value per line */
#define STATS_REPORT_ASCII	0x2	/* names in ASCII stand-ins */
#define STATS_REPORT_MAX_WARNINGS 100	/* then only their number */

struct stats_count {
	char		*key;		/* NUL-terminated, unescaped */
	size_t		 n;
};

/* Counts by name, in an open-addressed hash table. */
struct stats_tally {
	struct stats_count *v;
	size_t		 len;
	size_t		 cap;		/* 0, or a power of two */
};

struct stats_report {
	struct stats_tally hours;	/* "2026-05-01 09:00", local time */
	struct stats_tally views;
	struct stats_tally codes;
	struct stats_tally topics;
	size_t		 visits;
	size_t		 becomes;
	size_t		 searches;
	long long	*lengths;	/* of the visits that ended, s */
	size_t		 nlengths;
	size_t		 caplengths;
	char		 zone[16];	/* of the first visit's hour */
	unsigned	 line;		/* lines taken */
	size_t		 skipped;	/* malformed lines */
	int		 started;	/* the header has been read */
	struct buf	 scratch;
};

/* An empty report; stats_report_done() frees what it holds. */
void	 stats_report_init(struct stats_report *);
void	 stats_report_done(struct stats_report *);

/*
 * Take the next line of a file, len bytes at s without its newline
 * (newline 0: the file ended without one).  Returns 0 (counted, or
 * skipped with a warning in errs), or -1 when the first line is not the
 * header: an error in errs, and the file is no stats file.
 */
int	 stats_report_line(struct stats_report *, const char *s, size_t len,
	    int newline, struct errlist *errs);

/*
 * Read the file at path line by line into the report.  Returns 0, or -1
 * with an error in errs (unreadable, not a stats file).  Warnings past
 * STATS_REPORT_MAX_WARNINGS are summed up in one more.
 */
int	 stats_report_read(struct stats_report *, const char *path,
	    struct errlist *errs);

/*
 * Print the report on fp, as text or with STATS_REPORT_TSV as TSV
 * (flags).  Returns 0, or -1 when fp had a write error.
 */
int	 stats_report_print(FILE *fp, const struct stats_report *, int flags);

#endif
