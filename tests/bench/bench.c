/*
 * bench: what a user waits for, measured in-process through the same code
 * the browser runs.  For one data file it prints "key value" lines:
 *
 *   load_ms           read, parse, validate and build (load_file)
 *   QUERY_first_ms    keystroke to the first screenful of results
 *   QUERY_full_ms     keystroke to the complete filter
 *   QUERY_last_ms     the same for the query's last keystroke
 *
 * A query is typed one key at a time: each prefix goes through
 * app_set_filter() and then app_scan_step() slices, exactly as the
 * browser's loop does; the figure is the slowest keystroke of the query
 * (often the first: one letter matches nearly every ally).
 * Every figure is the median of RUNS repetitions.  It also writes the
 * records one a line (for grep and fzf) when given a path for that.
 *
 *   bench FILE RUNS [LINES-OUT]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "load.h"
#include "match.h"
#include "record.h"
#include "bench/timing.h"

#define ROWS	28	/* list rows of a 100x30 terminal */

static const struct {
	const char	*name;
	const char	*pattern;
	enum search_mode mode;
} queries[] = {
	{ "literal", "nurs", SEARCH_REGEX },
	{ "alternation", "health|care", SEARCH_REGEX },
	{ "class", "\\b[A-Z]{3,5}\\b", SEARCH_REGEX },
	{ "nomatch", "zqxj", SEARCH_REGEX },
	/* In words: one, and two that must both be found. */
	{ "word", "nurs", SEARCH_WORDS },
	{ "words", "health care", SEARCH_WORDS },
};

/*
 * Type pattern one key at a time; the slowest keystroke's two times, and
 * the last keystroke's time to the complete filter.
 */
static void
type_query(struct app *a, const char *pattern, double *first, double *full,
    double *last)
{
	struct match_error err;
	size_t k, len = strlen(pattern);
	double t0, t_first, t_full;

	*first = *full = *last = 0;
	for (k = 1; k <= len; k++) {
		t0 = now_ms();
		t_first = -1;
		if (app_set_filter(a, pattern, k, &err) < 0)
			continue;	/* an unfinished pattern: nothing to do */
		if (a->view.rows.len >= ROWS)
			t_first = now_ms();
		while (a->view.scanning) {
			app_scan_step(a, APP_SCAN_SLICE);
			if (t_first < 0 && a->view.rows.len >= ROWS)
				t_first = now_ms();
		}
		t_full = now_ms();
		if (t_first < 0)
			t_first = t_full;
		if (t_first - t0 > *first)
			*first = t_first - t0;
		if (t_full - t0 > *full)
			*full = t_full - t0;
		*last = t_full - t0;
	}
}

static void
write_lines(const struct recordset *rs, const char *path)
{
	const struct record *r;
	size_t i, f, j;
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		exit(2);
	}
	for (i = 0; i < rs->len; i++) {
		r = &rs->v[i];
		for (f = 0; f < FIELD_COUNT; f++) {
			/* One line a record: no newline inside. */
			for (j = 0; j < r->len[f]; j++)
				putc(r->text[f][j] == '\n' ? ' ' : r->text[f][j],
				    fp);
			putc(f + 1 < FIELD_COUNT ? '\t' : '\n', fp);
		}
	}
	fclose(fp);
}

int
main(int argc, char **argv)
{
	struct app_options opt;
	struct recordset rs;
	struct errlist errs;
	struct app a;
	double *load, *first, *full, *last, t0, f, g, l;
	int runs, r;
	size_t q;

	if (argc < 3 || (runs = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: bench FILE RUNS [LINES-OUT]\n");
		return 2;
	}
	load = calloc((size_t)runs, sizeof(*load));
	first = calloc((size_t)runs, sizeof(*first));
	full = calloc((size_t)runs, sizeof(*full));
	last = calloc((size_t)runs, sizeof(*last));
	errlist_init(&errs);
	for (r = 0; r < runs; r++) {
		recordset_init(&rs);
		t0 = now_ms();
		if (load_file(argv[1], &rs, &errs) < 0) {
			fprintf(stderr, "bench: %s does not load\n", argv[1]);
			return 2;
		}
		load[r] = now_ms() - t0;
		if (r + 1 < runs)
			recordset_done(&rs);
	}
	printf("records %zu\n", rs.len);
	printf("load_ms %.2f\n", median(load, runs));

	memset(&opt, 0, sizeof(opt));
	opt.idle = 90;
	opt.cycle = 8;
	for (q = 0; q < sizeof(queries) / sizeof(queries[0]); q++) {
		opt.search_mode = queries[q].mode;
		for (r = 0; r < runs; r++) {
			app_init(&a, &opt, &rs);
			a.list_rows = ROWS;
			type_query(&a, queries[q].pattern, &f, &g, &l);
			first[r] = f;
			full[r] = g;
			last[r] = l;
			app_done(&a);
		}
		printf("%s_first_ms %.2f\n", queries[q].name,
		    median(first, runs));
		printf("%s_full_ms %.2f\n", queries[q].name,
		    median(full, runs));
		printf("%s_last_ms %.2f\n", queries[q].name,
		    median(last, runs));
	}
	/* Last: writing the file keeps the disk busy for a while. */
	if (argc > 3)
		write_lines(&rs, argv[3]);
	recordset_done(&rs);
	errlist_done(&errs);
	free(load);
	free(first);
	free(full);
	free(last);
	return 0;
}
