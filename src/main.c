/*
 * main: what the command line asks (read by args.c), done: it picks the
 * data file, and then either answers on stdout (--search, --list, --show,
 * --tags, --check, --stats-report) or hands over to the interactive
 * browser.  It owns the exit status; the modules
 * it wires together never exit by themselves except through die().
 */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "args.h"
#include "app_start.h"
#include "config.h"
#include "console.h"
#include "histfile.h"
#include "history.h"
#include "kiosk.h"
#include "load.h"
#include "lookup.h"
#include "match.h"
#include "output.h"
#include "pick.h"
#include "public.h"
#include "query.h"
#include "record.h"
#include "sort.h"
#include "source.h"
#include "stats.h"
#include "stats_file.h"
#include "stats_report.h"
#include "text.h"
#include "topics.h"
#include "ui.h"
#include "util.h"

#define CLI_PROGRESS_MS	100	/* the progress line's pace */
#define CLI_PROGRESS_AFTER_MS 500	/* a load this quick shows none */

/* Print every diagnostic; returns the number of errors. */
static size_t
print_diags(const struct errlist *e, const char *name)
{
	size_t i;
	char *line;

	for (i = 0; i < e->len; i++) {
		line = errlist_format(e, i, name);
		fprintf(stderr, "%s\n", line);
		free(line);
	}
	return e->nerrors;
}


static int
want_color(enum color_when when)
{
	const char *term;

	if (when != COLOR_AUTO)
		return when == COLOR_ALWAYS;
	if (util_no_color())
		return 0;
	if ((term = getenv("TERM")) != NULL && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(STDOUT_FILENO);
}

/* Print the pattern with a caret under the character at offset. */
static void
show_pattern_error(const char *pattern, const struct match_error *err)
{
	struct buf shown = { 0 }, before = { 0 };
	size_t i, bytes, width;
	int ascii = !text_locale_utf8();
	int flags = TEXT_SPACES | (ascii ? TEXT_ASCII : 0);

	fprintf(stderr, "%s: invalid regex: %s\n", util_progname(), err->msg);
	if (!err->has_offset)
		return;
	text_sanitize(&shown, pattern, strlen(pattern), flags);
	/* The prefix up to the error, sanitised the same way, gives the width. */
	bytes = text_skip(pattern, strlen(pattern), err->offset);
	text_sanitize(&before, pattern, bytes, flags);
	width = ascii ? before.len : text_width(before.ptr, before.len);
	fprintf(stderr, "  %s\n  ", shown.ptr);
	for (i = 0; i < width; i++)
		fputc(' ', stderr);
	fprintf(stderr, "^ at character %zu\n", err->offset + 1);
	buf_free(&shown);
	buf_free(&before);
}

/* Finish stdout; a failed write is trouble (EPIPE quietly so). */
static int
finish_stdout(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	if (errno != EPIPE)
		fprintf(stderr, "%s: writing output: %s\n", util_progname(),
		    strerror(errno));
	return -1;
}

#define SHOW_HINTS	3	/* names suggested when --show finds none */

/* No ally is called name: say so, with the closest names. */
static void
show_none(const struct recordset *rs, const char *name)
{
	struct buf b = { 0 }, safe = { 0 };
	size_t near[SHOW_HINTS], n, i;
	const struct record *r;

	n = lookup_closest(rs, name, near, SHOW_HINTS);
	buf_addf(&b, "%s: no ally is named '%s'", util_progname(),
	    text_safe(&safe, name));
	for (i = 0; i < n; i++) {
		r = &rs->v[near[i]];
		buf_adds(&b, i == 0 ? "; did you mean '" : "', '");
		text_sanitize(&b, r->text[FIELD_NAME], r->len[FIELD_NAME],
		    TEXT_SPACES);
	}
	buf_adds(&b, n > 0 ? "'?\n" : "; sma-allies --list shows them all\n");
	fwrite(b.ptr, 1, b.len, stderr);
	buf_free(&safe);
	buf_free(&b);
}

/* --show: one ally, as an entry in text, else in the format asked for. */
static int
run_show(const struct cli *c, const struct recordset *rs)
{
	struct output_opts o;
	struct match_error err;
	struct buf b = { 0 };
	size_t i;

	if ((i = lookup_exact(rs, c->show)) == LOOKUP_NONE) {
		show_none(rs, c->show);
		return EXIT_NOMATCH;
	}
	if (c->format < 0 || c->format == FORMAT_TEXT) {
		output_entry(&b, &rs->v[i], !text_locale_utf8());
		fwrite(b.ptr, 1, b.len, stdout);
		buf_free(&b);
	} else {
		memset(&o, 0, sizeof(o));
		o.format = c->format;
		(void)output_records(stdout, rs, &i, 1, &o, &err);
	}
	return finish_stdout() < 0 ? EXIT_TROUBLE : EXIT_MATCH;
}

/* Put hits (indices in file order) into order o. */
static void
sort_hits(const struct recordset *rs, struct indices *hits,
    enum sort_order o)
{
	unsigned char *hit = xcalloc(rs->len ? rs->len : 1, 1);
	size_t *perm = sort_perm(rs, o), i, n = 0;

	for (i = 0; i < hits->len; i++)
		hit[hits->v[i]] = 1;
	for (i = 0; i < rs->len; i++)
		if (hit[perm[i]])
			hits->v[n++] = perm[i];
	free(perm);
	free(hit);
}

/* -t named a tag that no ally has: say so, and what is close. */
static void
unknown_tag(const struct topics *all, const char *tag)
{
	struct buf msg = { 0 }, safe = { 0 };
	size_t near[3], n, i;

	buf_addf(&msg, "no ally has the tag '%s'", text_safe(&safe, tag));
	n = topics_closest(all, tag, near, nitems(near));
	for (i = 0; i < n; i++) {
		buf_reset(&safe);
		buf_addf(&msg, "%s'%s'", i == 0 ? "; did you mean " :
		    i + 1 == n ? " or " : ", ", text_safe(&safe,
		    all->v[near[i]].name));
	}
	if (n > 0)
		buf_addc(&msg, '?');
	else if (all->len == 0)
		buf_adds(&msg, "; these allies have no tags");
	else
		buf_addf(&msg, "; sma-allies --tags lists all %zu", all->len);
	fprintf(stderr, "%s: %s\n", util_progname(), msg.ptr);
	buf_free(&msg);
	buf_free(&safe);
}

/*
 * -t: keep the hits that carry every tag given.  Returns 0, or -1 when
 * a tag is one no ally has (each reported, with the closest).
 */
static int
keep_tagged(const struct cli *c, const struct recordset *rs,
    struct indices *hits)
{
	struct topic_filter f;
	struct topics all;
	size_t i, n, unknown = 0;

	if (c->ntags == 0)
		return 0;
	topics_init(&all);
	topics_count(&all, rs);
	topic_filter_init(&f);
	for (i = 0; i < c->ntags; i++) {
		if (topics_find(&all, c->tags[i]) == (size_t)-1) {
			unknown_tag(&all, c->tags[i]);
			unknown++;
		}
		topic_filter_add(&f, c->tags[i]);
	}
	for (i = n = 0; i < hits->len; i++)
		if (topic_filter_test(&f, &rs->v[hits->v[i]]))
			hits->v[n++] = hits->v[i];
	hits->len = unknown > 0 ? 0 : n;
	topic_filter_done(&f);
	topics_done(&all);
	return unknown > 0 ? -1 : 0;
}

/* --tags: every tag and its number of allies. */
static int
run_tags(const struct cli *c, const struct recordset *rs)
{
	struct topics all;
	enum format fmt = c->format >= 0 ? (enum format)c->format :
	    isatty(STDOUT_FILENO) ? FORMAT_TEXT : FORMAT_TSV;

	topics_init(&all);
	topics_count(&all, rs);
	output_tags(stdout, &all, fmt, !text_locale_utf8());
	topics_done(&all);
	return finish_stdout() < 0 ? EXIT_TROUBLE : 0;
}

static int
run_query(const struct cli *c, const struct recordset *rs)
{
	struct output_opts o;
	struct match_error err;
	struct indices hits = { 0 };
	struct matcher *m = NULL;
	size_t i;
	int rc = EXIT_MATCH;

	memset(&o, 0, sizeof(o));
	memset(&err, 0, sizeof(err));
	o.format = c->format < 0 ? FORMAT_TEXT : c->format;
	o.ascii = !text_locale_utf8();
	if (c->mode == MODE_SEARCH) {
		m = match_compile(c->pattern, strlen(c->pattern), c->fields,
		    c->mcase, &err);
		if (m == NULL) {
			show_pattern_error(c->pattern, &err);
			return EXIT_TROUBLE;
		}
		if (match_filter(m, rs, 0, rs->len, &hits, &err) < 0) {
			fprintf(stderr, "%s: %s\n", util_progname(), err.msg);
			rc = EXIT_TROUBLE;
			goto out;
		}
		o.matcher = m;
		o.color = o.format == FORMAT_TEXT && want_color(c->color);
	} else
		for (i = 0; i < rs->len; i++)
			indices_push(&hits, i);
	if (keep_tagged(c, rs, &hits) < 0) {
		rc = EXIT_NOMATCH;
		goto out;
	}
	if (c->sort > 0)
		sort_hits(rs, &hits, c->sort);

	if (output_records(stdout, rs, hits.v, hits.len, &o, &err) < 0) {
		fprintf(stderr, "%s: %s\n", util_progname(), err.msg);
		rc = EXIT_TROUBLE;
	} else if (finish_stdout() < 0)
		rc = EXIT_TROUBLE;
	else if ((c->mode == MODE_SEARCH || c->ntags > 0) && hits.len == 0)
		rc = EXIT_NOMATCH;
out:
	indices_free(&hits);
	match_free(m);
	return rc;
}

/*
 * The staff PIN: the first line of --staff-pin-file, else
 * $SMA_ALLIES_STAFF_PIN.  A PIN file that can't be read or holds no PIN
 * is a mistake to catch before the kiosk starts, not a kiosk without
 * a staff exit.  Returns the PIN (static storage) or NULL for none.
 */
static const char *
read_pin(const char *file)
{
	static char pin[128];
	struct buf safe = { 0 };
	const char *env, *name;
	size_t len;
	FILE *fp;

	if (file == NULL) {
		env = getenv("SMA_ALLIES_STAFF_PIN");
		return env != NULL && *env != '\0' ? env : NULL;
	}
	name = text_safe(&safe, file);
	if ((fp = fopen(file, "r")) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", util_progname(), name,
		    strerror(errno));
		exit(EXIT_TROUBLE);
	}
	if (fgets(pin, sizeof(pin), fp) == NULL) {
		pin[0] = '\0';
		if (ferror(fp)) {
			fprintf(stderr, "%s: %s: %s\n", util_progname(),
			    name, strerror(errno));
			exit(EXIT_TROUBLE);
		}
	}
	fclose(fp);
	len = strlen(pin);
	while (len > 0 && (pin[len - 1] == '\n' || pin[len - 1] == '\r' ||
	    pin[len - 1] == ' ' || pin[len - 1] == '\t'))
		pin[--len] = '\0';
	if (len == 0) {
		fprintf(stderr, "%s: %s: no PIN on its first line\n",
		    util_progname(), name);
		exit(EXIT_TROUBLE);
	}
	buf_free(&safe);
	return pin;
}

/* One line of a long load's progress, over the one before. */
static void
show_progress(const struct source *src, const struct source_progress *p)
{
	char n[UTIL_COUNT_MAX];
	struct buf line = { 0 };
	double mb = (double)p->bytes / (1 << 20);

	buf_adds(&line, "\rLoading ");
	text_sanitize(&line, src->name, strlen(src->name), TEXT_SPACES |
	    (text_locale_utf8() ? 0 : TEXT_ASCII));
	if (p->total > 0)
		buf_addf(&line, ": %d%% (%.1f of %.1f MB), %s allies",
		    (int)((double)p->bytes * 100 / (double)p->total), mb,
		    (double)p->total / (1 << 20), util_count(n, p->allies));
	else
		buf_addf(&line, ": %.1f MB, %s allies so far", mb,
		    util_count(n, p->allies));
	buf_addf(&line, ", %.1f s\033[K", (double)p->elapsed_ms / 1000);
	fputs(line.ptr, stderr);
	buf_free(&line);
}

/*
 * Load for the command line.  On a terminal, a load that takes over half
 * a second shows its progress on stderr, cleared before anything else is
 * printed; elsewhere nothing is shown.
 */
static int
load_for_cli(struct source *src, struct recordset *rs, struct errlist *errs)
{
	struct source_progress p;
	struct pollfd fd;
	enum source_event ev = SOURCE_NONE;
	int shown = 0;

	if (!isatty(STDERR_FILENO) || source_start(src) < 0)
		return source_load(src, rs, errs);
	while (ev == SOURCE_NONE) {
		fd.fd = source_fd(src);
		fd.events = POLLIN;
		if (poll(&fd, 1, CLI_PROGRESS_MS) > 0)
			ev = source_take(src, rs, errs);
		source_progress(src, &p);
		if (ev == SOURCE_NONE && p.elapsed_ms >= CLI_PROGRESS_AFTER_MS) {
			show_progress(src, &p);
			shown = 1;
		}
	}
	if (shown)
		fputs("\r\033[K", stderr);
	return ev == SOURCE_LOADED ? 0 : -1;
}

/* --check, --search, --list and --tags: load, then print. */
static int
run_mode(struct cli *c, struct source *src, struct recordset *rs,
    struct errlist *errs)
{
	struct buf safe = { 0 };
	int rc = load_for_cli(src, rs, errs);

	print_diags(errs, src->name);
	if (rc < 0)
		return EXIT_TROUBLE;
	if (c->mode == MODE_SHOW)
		return run_show(c, rs);
	if (c->mode == MODE_TAGS)
		return run_tags(c, rs);
	if (c->mode != MODE_CHECK)
		return run_query(c, rs);
	printf("%s: OK, %zu %s\n", text_safe(&safe, src->name), rs->len,
	    rs->len == 1 ? "ally" : "allies");
	buf_free(&safe);
	return finish_stdout() < 0 ? EXIT_TROUBLE : 0;
}

/*
 * A staff PIN that a visitor could find by trying is refused before the
 * kiosk starts.  After three free tries each wrong PIN waits 5 s more,
 * up to 60 s a try: every 4-digit PIN is tried in about a week (10^4
 * minutes), every 6-digit one in about two years.
 */
static void
check_pin(const char *pin, const char *file)
{
	struct buf safe = { 0 };
	size_t n = pin != NULL ? text_chars(pin, strlen(pin)) : 0;

	if (pin == NULL || n >= KIOSK_PIN_MIN)
		return;
	fprintf(stderr, "%s: the staff PIN %s%s has %zu character%s; it needs "
	    "at least %d: with the wait after wrong PINs (5, 10, 15 ... 60 s) "
	    "a visitor can try every 4-digit PIN in about a week, every "
	    "6-digit one in about two years\n", util_progname(),
	    file != NULL ? "in " : "from SMA_ALLIES_STAFF_PIN",
	    file != NULL ? text_safe(&safe, file) : "", n, n == 1 ? "" : "s",
	    KIOSK_PIN_MIN);
	buf_free(&safe);
	exit(EXIT_TROUBLE);
}

/* Console switching off for a kiosk on a virtual console, if it may. */
static void
lock_console(void)
{
	char why[200];

	if (console_lock_vt(STDOUT_FILENO, why, sizeof(why)) < 0)
		fprintf(stderr, "%s: %s\n", util_progname(), why);
}

/* The browser's work on each load, done on the loader's thread. */
static void
browse_after(struct recordset *rs, void *arg)
{
	struct cli *c = arg;

	sort_make_orders(rs);
	app_start_find(rs, &c->start);
}

/* A -q pattern that cannot be searched is said before the screen. */
static int
start_check(const struct cli *c)
{
	struct match_error err;
	struct matcher *m;

	if (c->start.query == NULL)
		return 0;
	if (query_compile(c->app.search_mode, c->start.query,
	    strlen(c->start.query), FIELD_ALL, &m, &err) < 0) {
		show_pattern_error(c->start.query, &err);
		return -1;
	}
	match_free(m);
	return 0;
}

/* --print-config: the diagnostics on stderr, the configuration on stdout. */
static int
print_config(const struct cli *c)
{
	struct config cfg;
	struct errlist errs;
	struct buf out = { 0 };
	char *name;
	int rc;

	config_init(&cfg);
	errlist_init(&errs);
	rc = config_read(&cfg, c->config, c->no_config, &errs, &name);
	print_diags(&errs, name);
	if (rc == 0) {
		config_print(&out, &cfg);
		fwrite(out.ptr, 1, out.len, stdout);
		rc = finish_stdout();
	}
	buf_free(&out);
	free(name);
	errlist_done(&errs);
	config_done(&cfg);
	return rc == 0 ? 0 : EXIT_TROUBLE;
}

/*
 * The browser, which loads the data itself; what the load had to say is
 * printed once the terminal is restored, as --check prints it, after
 * notice (the configuration's news) on the status line at the start.  A
 * kiosk's stats file gets its last lines then too; a failure to write
 * them is said on stderr (the service's log), and changes no exit status.
 */
static int
browse(struct cli *c, struct source *src, struct recordset *rs,
    struct errlist *errs, struct buf *notice)
{
	struct history hist = { 0 };
	struct histfile hf = { 0 };
	struct buf warn = { 0 };
	struct stats_file sf;
	struct stats st;
	struct output_opts o;
	struct pick pk;
	int rc, keep;

	if (c->stats != NULL) {
		stats_file_init(&sf, c->stats);
		stats_init(&st, stats_file_write, &sf, stats_file_clock, NULL);
		c->app.stats = &st;
	}
	if (c->app.kiosk)
		lock_console();
	/* A pipe's writer may come at any time: q ends the wait. */
	src->fifo_wait_ms = INT_MAX;
	c->app.data_path = source_is_file(src) ? src->path : NULL;
	c->app.topics = c->tags;
	c->app.ntopics = c->ntags;
	c->app.color = c->color == COLOR_NEVER ? 0 :
	    c->color == COLOR_ALWAYS ? 2 : 1;
	/* The kiosk and the public mode serve strangers: no history. */
	keep = !c->app.kiosk && !c->app.public;
	if (keep) {
		if (histfile_load(&hf, &hist, &warn) < 0)
			buf_addf(notice, "%s%s", notice->len > 0 ? "; " : "",
			    warn.ptr);
		c->app.history = &hist;
	}
	c->app.notice = notice->len > 0 ? notice->ptr : NULL;
	if (c->start_opts)
		c->app.start = &c->start;
	/* --sort over the configuration's order (config_apply() set it). */
	if (c->sort >= 0)
		c->app.sort = c->sort;
	/* The orders and the ally to select are made on the loader's thread. */
	if (!c->app.kiosk) {
		src->after = browse_after;
		src->after_arg = c;
	}
	if (c->start.pick && pick_begin(&pk, isatty(STDIN_FILENO) ||
	    (c->data != NULL && strcmp(c->data, "-") == 0)) < 0)
		return EXIT_TROUBLE;
	rc = ui_run(&c->app, src, rs, errs);
	if (c->start.pick) {
		memset(&o, 0, sizeof(o));
		o.format = c->format < 0 ? FORMAT_TEXT : c->format;
		o.ascii = !text_locale_utf8();
		if (pick_end(&pk, rs, rc == 0 ? c->start.picked :
		    LOOKUP_NONE, &o) < 0)
			rc = -1;
		else if (rc == 0 && c->start.picked == LOOKUP_NONE)
			rc = 3;
	}
	console_unlock_vt();
	if (c->app.public)
		rc = public_end(rc, c->app.idle, errs);
	else
		print_diags(errs, src->name);
	if (keep) {
		buf_reset(&warn);
		if (histfile_save(&hf, &hist, &warn) < 0)
			fprintf(stderr, "%s: warning: %s\n", util_progname(),
			    warn.ptr);
		history_clear(&hist);
	}
	buf_free(&warn);
	if (c->app.stats != NULL) {
		if (stats_kiosk_stop(&st, util_now_ms()) < 0)
			fprintf(stderr, "%s: stats: %s\n", util_progname(),
			    st.error);
		stats_done(&st);
		c->app.stats = NULL;
	}
	if (rc == 2)
		return EXIT_INTERRUPTED;
	if (rc == 3)
		return EXIT_NOMATCH;	/* --pick, and nothing chosen */
	return rc == 0 ? 0 : EXIT_TROUBLE;
}

/*
 * What would stop the browser, said before its screen: a -q pattern that
 * cannot be searched, a terminal that cannot be used.  Returns 0 or -1.
 */
static int
browse_can_start(const struct cli *c)
{
	if (start_check(c) < 0)
		return -1;
	if (c->app.public && public_check_terminal() < 0)
		return -1;
	/* With the data on stdin (-d -), keys come from /dev/tty. */
	if (!c->start.pick && ((!isatty(STDIN_FILENO) && (c->data == NULL ||
	    strcmp(c->data, "-") != 0)) || !isatty(STDOUT_FILENO))) {
		fprintf(stderr, "%s: the browser needs a terminal on stdin and "
		    "stdout; for scripts use --list or -s REGEX\n",
		    util_progname());
		return -1;
	}
	return 0;
}

/*
 * The browser with its configuration (a kiosk or a public session reads
 * none: strangers get the program as it is), used when it is good.  What it had to say goes on the status line as the browser
 * starts, and all of it on stderr once the terminal is restored:
 * written before, it would vanish behind the browser's screen.
 */
static int
browse_configured(struct cli *c, struct source *src, struct recordset *rs,
    struct errlist *errs)
{
	struct config cfg;
	struct errlist cerrs;
	struct buf notice = { 0 };
	enum search_mode given = c->app.search_mode;
	char *name = NULL;
	int rc;

	config_init(&cfg);
	errlist_init(&cerrs);
	if (!c->app.kiosk && !c->app.public) {
		if (config_read(&cfg, c->config, c->no_config, &cerrs,
		    &name) == 0)
			config_apply(&cfg, &c->app);
		config_notice(&notice, &cerrs, name);
	}
	/* --search-mode over the file's (--sort is put back in browse()). */
	if (c->search_mode)
		c->app.search_mode = given;
	/* -q is read in the mode the file may have chosen. */
	rc = browse_can_start(c) < 0 ? EXIT_TROUBLE : browse(c, src, rs, errs,
	    &notice);
	print_diags(&cerrs, name);
	errlist_done(&cerrs);
	buf_free(&notice);
	free(name);
	config_done(&cfg);
	return rc;
}

/* --stats-report: warnings and errors on stderr, the report on stdout. */
static int
stats_report(const struct cli *c)
{
	struct stats_report r;
	struct errlist errs;
	int rc, flags = c->format == FORMAT_TSV ? STATS_REPORT_TSV : 0;

	if (!text_locale_utf8())
		flags |= STATS_REPORT_ASCII;
	stats_report_init(&r);
	errlist_init(&errs);
	rc = stats_report_read(&r, c->report, &errs);
	print_diags(&errs, c->report);
	if (rc == 0 && (stats_report_print(stdout, &r, flags) < 0 ||
	    finish_stdout() < 0))
		rc = -1;
	errlist_done(&errs);
	stats_report_done(&r);
	return rc == 0 ? 0 : EXIT_TROUBLE;
}

int
main(int argc, char **argv)
{
	struct recordset rs;
	struct errlist errs;
	struct source src;
	struct cli c;
	int rc;

	util_set_progname(argv[0]);
	setlocale(LC_ALL, "");
	args_parse(argc, argv, &c);
	/* Before anything reads the environment a stranger may have set. */
	if (c.app.public)
		public_scrub_env();
	/*
	 * A closed pipe is a write error we handle (exit 2), not a signal:
	 * the contract says a handled failure never ends by one.
	 */
	signal(SIGPIPE, SIG_IGN);
	if (c.mode == MODE_STATS_REPORT)
		return stats_report(&c);
	if (c.mode == MODE_PRINT_CONFIG)
		return print_config(&c);
	/* A PIN that cannot be used is said before anything else. */
	if (c.mode == MODE_BROWSE && c.app.kiosk) {
		c.app.pin = read_pin(c.app.pin_file);
		check_pin(c.app.pin, c.app.pin_file);
	}


	if (source_init(&src, c.data) < 0) {
		fprintf(stderr, "%s: %s\n", util_progname(), strerror(errno));
		return EXIT_TROUBLE;
	}
	recordset_init(&rs);
	errlist_init(&errs);
	rc = c.mode == MODE_BROWSE ? browse_configured(&c, &src, &rs,
	    &errs) : run_mode(&c, &src, &rs, &errs);
	errlist_done(&errs);
	recordset_done(&rs);
	source_done(&src);
	free(c.tags);
	return rc;
}
