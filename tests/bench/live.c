/*
 * live: the browser as a user meets it while its data loads, measured
 * from outside: the real program in a pseudo-terminal of 100x30, its
 * output rendered by libvterm, every time taken from the start (or the
 * write of a key) to the moment the change is on the rendered screen.
 * For one data file it prints "key value" lines ("-" when there was
 * nothing to measure):
 *
 *   first_ms       start to the first frame (the title row drawn)
 *   progress_ms    start to the progress display
 *   loaded_ms      start to the complete load (the list header "1/N")
 *
 * and for each phase of typing, PHASE_keys (how many keys),
 * PHASE_echo_ms (their median time from write to echo),
 * PHASE_echo_max_ms (the slowest) and PHASE_echo_max_before_ms (the
 * slowest of those echoed before the new data was swapped in):
 *
 *   load           the search bar, while the first load runs
 *   idle           the search bar, no load running (for comparison)
 *   move           Down and Up, while a reload runs
 *   search         the search bar, while a reload runs
 *
 * The start-up times are medians over RUNS clean starts, no key typed.
 * The keys come from TYPED further starts: in each, the search bar is
 * opened at once and typed into ("n", "u", Backspace, Backspace, over and
 * over) while the first load runs, then for a few seconds more; then the
 * data file is replaced as the README advises (a complete file renamed
 * over it) RELOADS times, and during each reload either the selection
 * is moved or the search bar typed into, by turns.  Each key follows the
 * echo of the one before after a pause of 10 to 32 ms, and counts for a
 * load when the title said "loading…" or "reloading…" as it was written.
 *
 * The browser watches DATA.live, a link this program makes to DATA and,
 * for each reload, to the other of DATA and COPY (a copy of it: another
 * inode, so that the rename is a new file); it is removed at the end.
 *
 *   live PROGRAM DATA COPY COUNT RUNS TYPED RELOADS [SCREENS-DIR]
 *
 * With SCREENS-DIR, one more start, not timed, leaves there as text the
 * first frame (first-frame.txt) and the progress display about two
 * seconds after it appeared (progress.txt).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/timing.h"
#include "tty/vt.h"

#define ROWS		30
#define COLS		100
#define LOAD_LIMIT_MS	300000	/* a load that takes longer is broken */
#define KEY_LIMIT_MS	5000	/* an echo that takes longer is lost */
#define RELOAD_WAIT_MS	2000	/* the watcher looks every 500 ms */
#define DUMP_AT_MS	2000	/* the progress display kept for the dump */
#define IDLE_MS		3000	/* typing with no load running */

#define ELLIPSIS	"\xe2\x80\xa6"
#define LOADING		" loading" ELLIPSIS
#define RELOADING	"reloading" ELLIPSIS
#define PROGRESS	"Loading the allies"

/*
 * A key and what the screen shows once it has been handled: the search
 * bar holding query; else the list at position pos ("POS/N"); else (pos
 * 0) the search bar closed.
 */
struct step {
	const char	*key;		/* one character, or a vt_key() name */
	const char	*query;
	int		 pos;
};

static const struct step bar_open = { "/", "", 0 };
static const struct step bar_close = { "Esc", NULL, 0 };
static const struct step bar_steps[] = {
	{ "n", "n", 0 },
	{ "u", "nu", 0 },
	{ "Backspace", "n", 0 },
	{ "Backspace", "", 0 },
};
static const struct step move_steps[] = {
	{ "Down", NULL, 2 },
	{ "Up", NULL, 1 },
};

/* A growable list of times. */
struct samples {
	double	*v;
	size_t	 len, cap;
};

/* The keys of one phase: all, and those echoed before the swap. */
struct phase {
	const char	*name;
	struct samples	 all, before;
};

/* Everything a run needs to know. */
struct run {
	char		*argv[4];	/* PROGRAM -d WATCHED */
	const char	*data, *copy;
	char		 watched[4096];
	long		 count;		/* allies in the file */
	const char	*screens;	/* SCREENS-DIR, or NULL */
	unsigned	 keys;		/* keys typed so far, for the pauses */
	double		 until;		/* the end of typing with no load */
};

/* Whether a phase of typing goes on. */
typedef int (*phase_cb)(struct vt *, const struct run *);

static void
samples_add(struct samples *s, double v)
{
	if (s->len == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		if ((s->v = realloc(s->v, s->cap * sizeof(*s->v))) == NULL) {
			perror("live");
			exit(2);
		}
	}
	s->v[s->len++] = v;
}

/* "PHASE_WHAT value": the median of s, or with slowest its largest. */
static void
print_stat(const struct phase *ph, const char *what, struct samples *s,
    int slowest)
{
	size_t i;
	double max;

	printf("%s_%s ", ph->name, what);
	if (s->len == 0) {
		printf("-\n");
		return;
	}
	if (!slowest) {
		printf("%.2f\n", median(s->v, (int)s->len));
		return;
	}
	for (max = s->v[0], i = 1; i < s->len; i++)
		if (s->v[i] > max)
			max = s->v[i];
	printf("%.2f\n", max);
}

static void
print_phase(struct phase *ph)
{
	printf("%s_keys %zu\n", ph->name, ph->all.len);
	print_stat(ph, "echo_ms", &ph->all, 0);
	print_stat(ph, "echo_max_ms", &ph->all, 1);
	print_stat(ph, "echo_max_before_ms", &ph->before, 1);
	free(ph->all.v);
	free(ph->before.v);
}

static int
row_has(struct vt *vt, int row, const char *text)
{
	char *s = vt_row(vt, row);
	int found = strstr(s, text) != NULL;

	free(s);
	return found;
}

static int
row_blank(struct vt *vt, int row)
{
	char *s = vt_row(vt, row);
	int blank = s[0] == '\0';

	free(s);
	return blank;
}

/* The list shows position pos of all the allies. */
static int
list_at(struct vt *vt, const struct run *r, int pos)
{
	char text[64];

	snprintf(text, sizeof(text), " %d/%ld ", pos, r->count);
	return vt_find(vt, text, NULL, NULL);
}

/*
 * The bottom row is the search bar holding exactly query; when query is
 * NULL, that it is not the bar (the key hints, or a message).
 */
static int
bar_holds(struct vt *vt, const char *query)
{
	char *s = vt_row(vt, ROWS - 1);
	int bar = s[0] == '/' && strstr(s, " search ") == NULL, ok;
	size_t n;

	if (query == NULL)
		ok = !bar;
	else {
		n = strlen(query);
		ok = bar && strncmp(s + 1, query, n) == 0 &&
		    (s[n + 1] == ' ' || s[n + 1] == '\0');
	}
	free(s);
	return ok;
}

static int
step_shown(struct vt *vt, const struct run *r, const struct step *st)
{
	return st->query != NULL || st->pos == 0 ? bar_holds(vt, st->query) :
	    list_at(vt, r, st->pos);
}

/* Keep the screen up to date for ms milliseconds. */
static void
pump_for(struct vt *vt, double ms)
{
	double end = now_ms() + ms, left;

	while ((left = end - now_ms()) > 0)
		if (vt_pump(vt, (int)left + 1) < 0)
			return;
}

/* Pump until pred holds; 0 if it has not within limit_ms. */
static int
wait_for(struct vt *vt, const struct run *r,
    int (*pred)(struct vt *, const struct run *), double limit_ms)
{
	double end = now_ms() + limit_ms, left;

	while (!pred(vt, r)) {
		if ((left = end - now_ms()) <= 0 ||
		    vt_pump(vt, (int)left + 1) < 0)
			return pred(vt, r);
	}
	return 1;
}

static int
loading(struct vt *vt, const struct run *r)
{
	(void)r;
	return row_has(vt, 0, LOADING);
}

static int
reloading(struct vt *vt, const struct run *r)
{
	(void)r;
	return row_has(vt, 0, RELOADING);
}

static int
loaded(struct vt *vt, const struct run *r)
{
	return list_at(vt, r, 1);
}

static int
loading_or_loaded(struct vt *vt, const struct run *r)
{
	return loading(vt, r) || loaded(vt, r);
}

static int
browsing(struct vt *vt, const struct run *r)
{
	(void)r;
	return bar_holds(vt, NULL);
}

static int
idle(struct vt *vt, const struct run *r)
{
	(void)vt;
	return now_ms() < r->until;
}

static int
settled(struct vt *vt, const struct run *r)
{
	return browsing(vt, r) && !reloading(vt, r);
}

/* Type st's key; the time to its echo, or -1 when it never came. */
static double
type_key(struct vt *vt, const struct run *r, const struct step *st)
{
	double t0 = now_ms(), left;

	if (st->key[1] == '\0')
		vt_sends(vt, st->key);
	else
		vt_key(vt, st->key);
	while (!step_shown(vt, r, st)) {
		left = t0 + KEY_LIMIT_MS - now_ms();
		if (left <= 0 || vt_pump(vt, (int)left + 1) < 0)
			return -1;
	}
	return now_ms() - t0;
}

/*
 * Type st and count it in ph, also as echoed before the swap when phase
 * still holds; a lost echo counts as the limit, and is said.
 */
static void
type_counted(struct vt *vt, struct run *r, const struct step *st,
    phase_cb phase, struct phase *ph)
{
	double ms = type_key(vt, r, st);

	if (ms < 0) {
		fprintf(stderr, "live: no echo of %s within %d ms\n", st->key,
		    KEY_LIMIT_MS);
		ms = KEY_LIMIT_MS;
	}
	samples_add(&ph->all, ms);
	if (phase(vt, r))
		samples_add(&ph->before, ms);
	r->keys++;
	pump_for(vt, 10 + r->keys * 7 % 23);
}

/*
 * Type the steps over and over while phase holds, each key counted in
 * ph; then on, uncounted, to the end of the round, so the screen is as
 * it was before.
 */
static void
type_through(struct vt *vt, struct run *r, phase_cb phase,
    const struct step *steps, size_t n, struct phase *ph)
{
	size_t at = 0;

	while (phase(vt, r))
		type_counted(vt, r, &steps[at++ % n], phase, ph);
	for (; at % n != 0; at++)
		type_key(vt, r, &steps[at % n]);
}

static struct vt *
start(struct run *r)
{
	static char term[] = "TERM=xterm-256color";
	static char lang[] = "LC_ALL=C.UTF-8";
	char *envp[] = { term, lang, NULL };
	struct vt *vt;

	if ((vt = vt_spawn(r->argv, envp, ROWS, COLS)) == NULL) {
		perror(r->argv[0]);
		exit(2);
	}
	return vt;
}

static void
stop(struct vt *vt)
{
	int status;

	vt_kill(vt, SIGTERM);
	vt_wait_exit(vt, 2000, &status);
	vt_free(vt);
}

/* Point the watched name at path at once: a new file renamed over it. */
static void
relink(const struct run *r, const char *path)
{
	char tmp[sizeof(r->watched) + 8];

	snprintf(tmp, sizeof(tmp), "%s.new", r->watched);
	unlink(tmp);
	if (link(path, tmp) == -1 || rename(tmp, r->watched) == -1) {
		fprintf(stderr, "live: %s: %s\n", r->watched, strerror(errno));
		exit(2);
	}
}

static void
write_screen(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		return;
	}
	fprintf(fp, "%s\n", text);
	fclose(fp);
}

/*
 * One start with no key typed: when the first frame, the progress
 * display and the list appeared (-1: never).
 */
static void
clean_start(struct run *r, double *first, double *progress, double *done)
{
	double t0 = now_ms(), t;
	struct vt *vt;

	*first = *progress = *done = -1;
	vt = start(r);
	for (;;) {
		t = now_ms() - t0;
		if (*first < 0 && !row_blank(vt, 0))
			*first = t;
		if (*progress < 0 && vt_find(vt, PROGRESS, NULL, NULL))
			*progress = t;
		if (loaded(vt, r)) {
			*done = t;
			break;
		}
		if (t > LOAD_LIMIT_MS || vt_pump(vt, LOAD_LIMIT_MS) < 0) {
			fprintf(stderr, "live: the list never appeared\n");
			exit(2);
		}
	}
	stop(vt);
}

static int
title_drawn(struct vt *vt, const struct run *r)
{
	(void)r;
	return !row_blank(vt, 0);
}

/* The progress display, a whole frame of it (not one the list is over). */
static int
progress_shown(struct vt *vt, const struct run *r)
{
	return vt_find(vt, PROGRESS, NULL, NULL) && loading(vt, r) &&
	    row_blank(vt, 1);
}

/*
 * One start for its screens, not timed: the first frame (once its burst
 * of output is over) and the progress display as it stands DUMP_AT_MS
 * after it appeared, or last stood if the load ended before.
 */
static void
screens_start(struct run *r)
{
	char *shot;
	double end = now_ms() + LOAD_LIMIT_MS, shown = -1;
	struct vt *vt;

	vt = start(r);
	if (wait_for(vt, r, title_drawn, LOAD_LIMIT_MS)) {
		vt_wait_quiet(vt, 5, 100);
		write_screen(r->screens, "first-frame.txt", shot = vt_screen(vt));
		free(shot);
	}
	shot = NULL;
	while (!loaded(vt, r) && now_ms() < end &&
	    (shown < 0 || now_ms() - shown < DUMP_AT_MS)) {
		if (progress_shown(vt, r)) {
			if (shown < 0)
				shown = now_ms();
			free(shot);
			shot = vt_screen(vt);
		}
		if (vt_pump(vt, 1000) < 0)
			break;
	}
	if (shot != NULL)
		write_screen(r->screens, "progress.txt", shot);
	free(shot);
	stop(vt);
}

/* The search bar opened, typed into while phase holds, and closed. */
static void
type_search(struct vt *vt, struct run *r, phase_cb phase, struct phase *ph)
{
	type_counted(vt, r, &bar_open, phase, ph);
	type_through(vt, r, phase, bar_steps, sizeof(bar_steps) /
	    sizeof(bar_steps[0]), ph);
	type_key(vt, r, &bar_close);
}

/*
 * One start typed through: the first load, a while with no load, then
 * reloads, ph[0] to ph[3] as in the list at the top.
 */
static void
typed_start(struct run *r, int reloads, struct phase *ph)
{
	struct vt *vt;
	int i;

	vt = start(r);
	if (wait_for(vt, r, loading_or_loaded, LOAD_LIMIT_MS) &&
	    loading(vt, r))
		type_search(vt, r, loading, &ph[0]);
	if (!wait_for(vt, r, browsing, KEY_LIMIT_MS) ||
	    !wait_for(vt, r, loaded, LOAD_LIMIT_MS)) {
		fprintf(stderr, "live: the list never appeared\n");
		exit(2);
	}
	r->until = now_ms() + IDLE_MS;
	type_search(vt, r, idle, &ph[1]);
	wait_for(vt, r, browsing, KEY_LIMIT_MS);
	for (i = 0; i < reloads; i++) {
		relink(r, i % 2 == 0 ? r->copy : r->data);
		/* A reload too quick to be marked has nothing to type in. */
		if (!wait_for(vt, r, reloading, RELOAD_WAIT_MS))
			continue;
		if (i % 2 == 0)
			type_through(vt, r, reloading, move_steps,
			    sizeof(move_steps) / sizeof(move_steps[0]), &ph[2]);
		else
			type_search(vt, r, reloading, &ph[3]);
		wait_for(vt, r, settled, LOAD_LIMIT_MS);
	}
	stop(vt);
}

/* The median of the n values of v that are set (>= 0), as a figure. */
static void
print_median(const char *key, double *v, int n)
{
	int i, k = 0;

	for (i = 0; i < n; i++)
		if (v[i] >= 0)
			v[k++] = v[i];
	if (k == 0)
		printf("%s -\n", key);
	else
		printf("%s %.2f\n", key, median(v, k));
}

int
main(int argc, char **argv)
{
	static char opt_d[] = "-d";
	struct phase ph[] = {
		{ "load", { 0 }, { 0 } },
		{ "idle", { 0 }, { 0 } },
		{ "move", { 0 }, { 0 } },
		{ "search", { 0 }, { 0 } },
	};
	struct run r;
	double *first, *progress, *done;
	int runs, typed, reloads, i;

	if (argc < 8 || (runs = atoi(argv[5])) < 1 ||
	    (typed = atoi(argv[6])) < 0 || (reloads = atoi(argv[7])) < 0) {
		fprintf(stderr, "usage: live PROGRAM DATA COPY COUNT RUNS "
		    "TYPED RELOADS [SCREENS-DIR]\n");
		return 2;
	}
	memset(&r, 0, sizeof(r));
	r.data = argv[2];
	r.copy = argv[3];
	r.count = atol(argv[4]);
	r.screens = argc > 8 ? argv[8] : NULL;
	snprintf(r.watched, sizeof(r.watched), "%s.live", r.data);
	r.argv[0] = argv[1];
	r.argv[1] = opt_d;
	r.argv[2] = r.watched;
	relink(&r, r.data);

	first = calloc((size_t)runs, sizeof(*first));
	progress = calloc((size_t)runs, sizeof(*progress));
	done = calloc((size_t)runs, sizeof(*done));
	if (r.screens != NULL)
		screens_start(&r);
	for (i = 0; i < runs; i++)
		clean_start(&r, &first[i], &progress[i], &done[i]);
	print_median("first_ms", first, runs);
	print_median("progress_ms", progress, runs);
	print_median("loaded_ms", done, runs);
	for (i = 0; i < typed; i++)
		typed_start(&r, reloads, ph);
	for (i = 0; i < (int)(sizeof(ph) / sizeof(ph[0])); i++)
		print_phase(&ph[i]);
	unlink(r.watched);
	free(first);
	free(progress);
	free(done);
	return 0;
}
