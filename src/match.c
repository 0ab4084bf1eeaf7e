/*
 * match: PCRE2 search.  See match.h.  What a pattern says before it is
 * compiled (its own text, for smart case; whether the run scan may be
 * used; what one match attempt can cost) comes from pattern.c.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "match.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "atomic.h"
#include "pattern.h"
#include "record.h"
#include "text.h"
#include "util.h"

#define JIT_STACK_MAX	(1024 * 1024)
#define PARALLEL_MIN	8192	/* records worth a second thread */

/*
 * The callout's count of the steps of one record (or one text), across
 * every position a match is tried at.
 */
struct meter {
	size_t			 steps;
	size_t			 start;		/* of the match attempt, or -1 */
	size_t			 last;		/* offset at the last callout */
};

/* What one thread needs to run the matcher's patterns. */
struct scanner {
	pcre2_match_data	*md;		/* for code and counted */
	pcre2_match_data	*bmd;		/* for block, or NULL */
	pcre2_match_context	*mctx;
	pcre2_jit_stack		*jit_stack;	/* NULL without JIT */
	struct meter		 meter;
	size_t			 spent;		/* the search's steps counted
						   here; atomic */
};

/*
 * A matcher has up to three compiled forms of the pattern.  code matches
 * one field: the exact semantics.  counted is code with a callout before
 * every item (PCRE2_AUTO_CALLOUT), for the texts that must be counted.
 * block, when the pattern allows it and needs no counting, scans a whole
 * text run (fields separated by NULs) in one call: with NUL as the
 * newline and multi-line mode, ^ and $ hold at every field's edges, so a
 * field that matches is always found, and a match that does not lie
 * inside one field is checked again field by field.
 */
struct matcher {
	pcre2_code		*code;
	pcre2_code		*block;		/* NULL: scan field by field */
	pcre2_code		*counted;	/* code with a callout before
						   every item; NULL until used */
	char			*pattern;	/* for counted, compiled late */
	size_t			 pattern_len;
	uint32_t		 opts;
	size_t			 cost;		/* pattern_cost(), 0: count */
	int			 counted_failed; /* it could not be compiled */
	struct scanner		 s;		/* the caller's thread */
	struct scanner		*s2;		/* the helper thread's, lazily */
	unsigned		 fields;	/* FIELD_BIT()s to search */
	int			 caseless;
	/*
	 * The loader hands us valid UTF-8 (libyaml checks it), so PCRE2
	 * need not check every subject again: that check costs more than
	 * the search itself.
	 */
	uint32_t		 match_opts;
	int			 jit;		/* the codes are JIT-compiled */
	struct matcher		*also;		/* must match too, or NULL */
	size_t			 passes;	/* over a record: 1 + those */
};

static void
error_set(struct match_error *err, const char *msg, int has_offset,
    size_t offset)
{
	snprintf(err->msg, sizeof(err->msg), "%s", msg);
	err->has_offset = has_offset;
	err->offset = offset;
}

static void
pcre2_error(struct match_error *err, int code)
{
	PCRE2_UCHAR msg[200];

	switch (code) {
	case PCRE2_ERROR_CALLOUT:	/* the meter's: the steps ran out */
	case PCRE2_ERROR_MATCHLIMIT:
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
		error_set(err, MATCH_TOO_COMPLEX, 0, 0);
		return;
	default:
		break;
	}
	if (pcre2_get_error_message(code, msg, sizeof(msg)) < 0)
		snprintf((char *)msg, sizeof(msg), "PCRE2 error %d", code);
	error_set(err, (const char *)msg, 0, 0);
}

/*
 * Called before every item of the counted code: one step, and one more
 * for each character passed since the last call of this match attempt
 * (a repeat that ran far, a back reference).  Past the record's budget
 * the match is abandoned: PCRE2 returns PCRE2_ERROR_CALLOUT.
 */
static int
meter_callout(pcre2_callout_block *cb, void *arg)
{
	struct meter *mt = arg;
	size_t pos = cb->current_position;

	/* A new attempt (JIT gives no flags): the skip to it is not work. */
	if (cb->start_match != mt->start) {
		mt->start = cb->start_match;
		mt->last = pos;
	}
	mt->steps += 1 + (pos > mt->last ? pos - mt->last : mt->last - pos);
	mt->last = pos;
	return mt->steps > MATCH_RECORD_STEPS ? PCRE2_ERROR_CALLOUT : 0;
}

int
match_has_upper(const char *pattern, size_t len)
{
	static const char upper[] = "[\\p{Lu}\\p{Lt}]";
	struct buf lit = { 0 };
	pcre2_match_data *md;
	pcre2_code *code;
	PCRE2_SIZE erroff;
	int errcode, rc;

	pattern_literals(pattern, len, &lit);
	/* Let PCRE2's Unicode tables decide what is upper case. */
	code = pcre2_compile((PCRE2_SPTR)upper, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &errcode, &erroff,
	    NULL);
	if (code == NULL)
		die("match: cannot compile the upper-case class");
	md = pcre2_match_data_create_from_pattern(code, NULL);
	if (md == NULL)
		die("out of memory");
	rc = pcre2_match(code, (PCRE2_SPTR)lit.ptr, lit.len, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	buf_free(&lit);
	return rc >= 0;
}

static pcre2_code *
compile_block(const char *pattern, size_t len, uint32_t opts)
{
	pcre2_compile_context *cc;
	pcre2_code *code;
	PCRE2_SIZE erroff;
	int errcode;

	if ((cc = pcre2_compile_context_create(NULL)) == NULL)
		die("out of memory");
	pcre2_set_newline(cc, PCRE2_NEWLINE_NUL);
	code = pcre2_compile((PCRE2_SPTR)pattern, len, opts | PCRE2_MULTILINE,
	    &errcode, &erroff, cc);
	pcre2_compile_context_free(cc);
	return code;
}

static void
scanner_init(const struct matcher *m, struct scanner *s)
{
	memset(s, 0, sizeof(*s));
	if ((s->md = pcre2_match_data_create_from_pattern(m->code, NULL)) ==
	    NULL || (s->mctx = pcre2_match_context_create(NULL)) == NULL)
		die("out of memory");
	if (m->block != NULL && (s->bmd =
	    pcre2_match_data_create_from_pattern(m->block, NULL)) == NULL)
		die("out of memory");
	/*
	 * PCRE2's own limits hold at each position; the meter is what
	 * holds across positions.
	 */
	pcre2_set_match_limit(s->mctx, MATCH_RECORD_STEPS);
	pcre2_set_depth_limit(s->mctx, MATCH_DEPTH_LIMIT);
	pcre2_set_heap_limit(s->mctx, MATCH_HEAP_KIB);
	pcre2_set_callout(s->mctx, meter_callout, &s->meter);
	if (m->jit) {
		s->jit_stack = pcre2_jit_stack_create(32 * 1024,
		    JIT_STACK_MAX, NULL);
		if (s->jit_stack != NULL)
			pcre2_jit_stack_assign(s->mctx, NULL, s->jit_stack);
	}
}

static void
scanner_done(struct scanner *s)
{
	pcre2_jit_stack_free(s->jit_stack);
	pcre2_match_context_free(s->mctx);
	pcre2_match_data_free(s->md);
	pcre2_match_data_free(s->bmd);
	memset(s, 0, sizeof(*s));
}

struct matcher *
match_compile(const char *pattern, size_t len, unsigned fields,
    enum match_case mcase, struct match_error *err)
{
	struct matcher *m;
	PCRE2_UCHAR msg[200];
	PCRE2_SIZE erroff;
	/* \C matches one byte: a highlight could cut a character. */
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C;
	int errcode;

	m = xcalloc(1, sizeof(*m));
	m->passes = 1;
	m->fields = fields & FIELD_ALL;
	if (m->fields == 0)
		m->fields = FIELD_ALL;
	switch (mcase) {
	case MATCH_SMART:
		m->caseless = !match_has_upper(pattern, len);
		break;
	case MATCH_CASELESS:
		m->caseless = 1;
		break;
	case MATCH_EXACT:
		m->caseless = 0;
		break;
	}
	if (m->caseless)
		opts |= PCRE2_CASELESS;
	/* $ is the end of the field, as in the run scan: not before a \n. */
	m->opts = opts | PCRE2_DOLLAR_ENDONLY;
	m->code = pcre2_compile((PCRE2_SPTR)pattern, len, m->opts, &errcode,
	    &erroff, NULL);
	if (m->code == NULL) {
		if (pcre2_get_error_message(errcode, msg, sizeof(msg)) < 0)
			snprintf((char *)msg, sizeof(msg), "error %d", errcode);
		if (erroff > len)
			erroff = len;
		error_set(err, (const char *)msg, 1,
		    text_chars(pattern, erroff));
		free(m);
		return NULL;
	}
	m->match_opts = PCRE2_NO_UTF_CHECK;
	/* JIT when the platform has it; the interpreter otherwise. */
	m->jit = pcre2_jit_compile(m->code, PCRE2_JIT_COMPLETE) == 0;
	m->cost = pattern_cost(pattern, len);
	/* The run scan is for records that need no counting. */
	if (m->cost > 0 && pattern_block_safe(pattern, len)) {
		m->block = compile_block(pattern, len, opts);
		if (m->block != NULL && m->jit)
			pcre2_jit_compile(m->block, PCRE2_JIT_COMPLETE);
	}
	m->pattern = xmalloc(len + 1);
	memcpy(m->pattern, pattern, len);
	m->pattern[len] = '\0';
	m->pattern_len = len;
	scanner_init(m, &m->s);
	return m;
}

void
match_free(struct matcher *m)
{
	if (m == NULL)
		return;
	match_free(m->also);
	scanner_done(&m->s);
	if (m->s2 != NULL) {
		scanner_done(m->s2);
		free(m->s2);
	}
	pcre2_code_free(m->counted);
	pcre2_code_free(m->block);
	pcre2_code_free(m->code);
	free(m->pattern);
	free(m);
}

int
match_caseless(const struct matcher *m)
{
	return m->caseless;
}

void
match_require(struct matcher *m, struct matcher *also)
{
	struct matcher **end;

	for (end = &m->also; *end != NULL; end = &(*end)->also)
		;
	*end = also;
	m->passes += also->passes;
	/* The bound of one position holds for every pass together. */
	m->cost = m->cost == 0 || also->cost == 0 ? 0 : m->cost + also->cost;
}

/*
 * The counted code, compiled when first needed, on the caller's thread
 * (match_filter() asks before it starts a second that may need it).
 * NULL when PCRE2 cannot compile the pattern with its callouts (it grew
 * too large).
 */
static const pcre2_code *
counted_code(struct matcher *m)
{
	PCRE2_SIZE erroff;
	int errcode;

	if (m->counted == NULL && !m->counted_failed) {
		m->counted = pcre2_compile((PCRE2_SPTR)m->pattern,
		    m->pattern_len, m->opts | PCRE2_AUTO_CALLOUT, &errcode,
		    &erroff, NULL);
		if (m->counted == NULL)
			m->counted_failed = 1;
		else if (m->jit)
			pcre2_jit_compile(m->counted, PCRE2_JIT_COMPLETE);
	}
	return m->counted;
}

/*
 * Whether a text of bytes (each field's with its end) must be counted:
 * unless the pattern's cost at each position, times the positions, stays
 * within the record's budget.
 */
static int
must_count(const struct matcher *m, size_t bytes)
{
	return m->cost == 0 || bytes > MATCH_RECORD_STEPS / m->cost;
}

/* The bytes of r's searched fields, each with its end. */
static size_t
record_bytes(const struct matcher *m, const struct record *r)
{
	size_t n = 0;
	unsigned f;

	for (f = 0; f < FIELD_COUNT; f++)
		if (m->fields & FIELD_BIT(f))
			n += r->len[f] + 1;
	return n;
}

/* w's code (m's or a required one's), counted as m says; NULL: *err. */
static const pcre2_code *
code_for(struct matcher *m, struct matcher *w, size_t bytes,
    struct match_error *err)
{
	const pcre2_code *code = w->code;

	if (must_count(m, bytes) && (code = counted_code(w)) == NULL)
		error_set(err, MATCH_TOO_COMPLEX, 0, 0);
	return code;
}

/* 1 match, 0 none, -1 error; the meter goes on counting. */
static int
run_code(const struct matcher *m, struct scanner *sc, const pcre2_code *code,
    const char *s, size_t len, size_t start, struct match_error *err)
{
	int rc;

	sc->meter.start = (size_t)-1;
	rc = pcre2_match(code, (PCRE2_SPTR)s, len, start, m->match_opts,
	    sc->md, sc->mctx);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	pcre2_error(err, rc);
	return -1;
}

/*
 * Add steps to the search's count; -1 with *err filled once it passes
 * the budget.  Whichever thread counts last sees both counts whole, so
 * the answer does not depend on how the threads ran.
 */
static int
charge(struct matcher *m, struct scanner *sc, size_t steps,
    struct match_error *err)
{
	size_t total;

	if (steps == 0)
		return 0;
	atomic_set(&sc->spent, sc->spent + steps);
	total = atomic_get(&m->s.spent);
	if (m->s2 != NULL)
		total += atomic_get(&m->s2->spent);
	if (total <= MATCH_SEARCH_STEPS)
		return 0;
	error_set(err, MATCH_TOO_COMPLEX, 0, 0);
	return -1;
}

/*
 * Which searched fields of r match, a mask of FIELD_BIT()s (only the
 * first when first is set), 0 when a matcher m requires finds nothing,
 * counted against the record's budget and the search's; -1 with *err.
 */
static int
record_test(struct matcher *m, struct scanner *sc, const struct record *r,
    int first, struct match_error *err)
{
	const pcre2_code *code;
	struct matcher *w;
	unsigned f;
	int mask = 0, found = 1, rc;

	sc->meter.steps = 0;
	for (w = m; w != NULL && found; w = w->also) {
		if ((code = code_for(m, w, record_bytes(m, r), err)) == NULL)
			return -1;
		for (f = 0, found = 0; f < FIELD_COUNT; f++) {
			if (!(w->fields & FIELD_BIT(f)))
				continue;
			if ((rc = run_code(m, sc, code, r->text[f], r->len[f],
			    0, err)) < 0)
				return -1;
			if (rc) {
				found = 1;
				mask |= w == m ? (int)FIELD_BIT(f) : 0;
				if (first || w != m)
					break;
			}
		}
	}
	if (charge(m, sc, sc->meter.steps, err) < 0)
		return -1;
	return found ? mask : 0;
}

int
match_record(struct matcher *m, const struct record *r,
    struct match_error *err)
{
	return record_test(m, &m->s, r, 0, err);
}

/* Field by field: exact for every pattern. */
static int
filter_fields(struct matcher *m, struct scanner *sc,
    const struct recordset *rs, size_t from, size_t to, struct indices *out,
    struct match_error *err)
{
	size_t i;
	int rc;

	for (i = from; i < to; i++) {
		if ((rc = record_test(m, sc, &rs->v[i], 1, err)) < 0)
			return -1;
		if (rc)
			indices_push(out, i);
	}
	return 0;
}

/*
 * Records [lo, hi) of one run in one pass of the block pattern.  A match
 * with no NUL inside lies within one field, and the field edges look the
 * same to the run pattern as to the field pattern; with no line break
 * inside either, "." meant the same too: that record matches.  Any other
 * match is only a hint, checked field by field.  Either way the scan
 * goes on at the next record.
 */
static int
filter_run(struct matcher *m, struct scanner *sc, const struct recordset *rs,
    size_t lo, size_t hi, struct indices *out, struct match_error *err)
{
	const struct record *last = &rs->v[hi - 1];
	const char *subj = rs->v[lo].text[0];
	size_t slen, off = 0, r, o, e;
	PCRE2_SIZE *ov;
	int rc;

	slen = (size_t)(last->text[FIELD_COUNT - 1] +
	    last->len[FIELD_COUNT - 1] + 1 - subj);
	while (off < slen && lo < hi) {
		/*
		 * pcre2_jit_match() skips the checks pcre2_match() makes
		 * on every call; a dense pattern restarts once per ally.
		 */
		if (m->jit)
			rc = pcre2_jit_match(m->block, (PCRE2_SPTR)subj, slen,
			    off, m->match_opts, sc->bmd, sc->mctx);
		else
			rc = pcre2_match(m->block, (PCRE2_SPTR)subj, slen, off,
			    m->match_opts, sc->bmd, sc->mctx);
		if (rc == PCRE2_ERROR_NOMATCH)
			break;
		if (rc < 0)
			/* A limit over a long run: the fields have their own. */
			return filter_fields(m, sc, rs, lo, hi, out, err);
		ov = pcre2_get_ovector_pointer(sc->bmd);
		o = ov[0];
		e = ov[1];
		r = recordset_record_at(rs, lo, hi, subj + o);
		if (m->also == NULL && o <= e &&
		    memchr(subj + o, '\0', e - o) == NULL &&
		    memchr(subj + o, '\n', e - o) == NULL)
			indices_push(out, r);
		else if ((rc = record_test(m, sc, &rs->v[r], 1, err)) < 0)
			return -1;
		else if (rc)
			indices_push(out, r);
		lo = r + 1;
		if (lo < hi)
			off = (size_t)(rs->v[lo].text[0] - subj);
	}
	return 0;
}

/*
 * Records [from, to), none of which needs counting: run by run as long
 * as runs hold them, then field by field from the first record outside a
 * run.  The loader puts every record in a run; a recordset built with
 * recordset_add() has none.
 */
static int
filter_plain(struct matcher *m, struct scanner *sc,
    const struct recordset *rs, size_t from, size_t to, struct indices *out,
    struct match_error *err)
{
	const struct textrun *run;
	size_t i, end, done = from;

	if (m->block == NULL || m->fields != FIELD_ALL)
		return filter_fields(m, sc, rs, from, to, out, err);
	for (i = recordset_run_after(rs, from); i < rs->nruns && done < to; i++) {
		run = &rs->runs[i];
		if (run->first > done)
			break;		/* done is in no run */
		end = run->first + run->count;
		if (end > to)
			end = to;
		if (filter_run(m, sc, rs, done, end, out, err) < 0)
			return -1;
		done = end;
	}
	if (done < to)
		return filter_fields(m, sc, rs, done, to, out, err);
	return 0;
}

typedef int (*filter_cb)(struct matcher *, struct scanner *,
    const struct recordset *, size_t, size_t, struct indices *,
    struct match_error *);

struct half {
	struct matcher		*m;
	filter_cb		 fn;
	const struct recordset	*rs;
	size_t			 from, to;
	struct indices		 out;
	struct match_error	 err;
	int			 rc;
};

static void *
half_run(void *arg)
{
	struct half *h = arg;

	h->rc = h->fn(h->m, h->m->s2, h->rs, h->from, h->to, &h->out,
	    &h->err);
	return NULL;
}

/*
 * fn over [from, to) on two cores, with the result fn over the whole
 * gives: the second half on a thread of its own, with its own match data
 * and JIT stack (PCRE2's compiled code is shared; the caller compiles the
 * counted code first if fn may need it).
 */
static int
two_halves(struct matcher *m, const struct recordset *rs, size_t from,
    size_t to, filter_cb fn, struct indices *out, struct match_error *err)
{
	struct half h;
	pthread_t t;
	size_t i;
	int rc;

	if (m->s2 == NULL) {
		m->s2 = xmalloc(sizeof(*m->s2));
		scanner_init(m, m->s2);
	}
	memset(&h, 0, sizeof(h));
	h.m = m;
	h.fn = fn;
	h.rs = rs;
	h.from = from + (to - from) / 2;
	h.to = to;
	if (pthread_create(&t, NULL, half_run, &h) != 0)
		return fn(m, &m->s, rs, from, to, out, err);
	rc = fn(m, &m->s, rs, from, h.from, out, err);
	pthread_join(t, NULL);
	/* The second half's matches: all of them, or those before its error. */
	if (rc == 0) {
		for (i = 0; i < h.out.len; i++)
			indices_push(out, h.out.v[i]);
		if (h.rc < 0) {
			*err = h.err;
			rc = -1;
		}
	}
	indices_free(&h.out);
	return rc;
}

/*
 * Records [from, to) until the work done reaches work (one record at
 * least); *next is the first record not tested.  A stretch of records
 * that need no counting goes to filter_plain() in one call (on two
 * threads when split is set and the stretch is long), each other record
 * is counted on its own.
 */
static int
filter_range(struct matcher *m, struct scanner *sc,
    const struct recordset *rs, size_t from, size_t to, size_t work,
    int split, size_t *next, struct indices *out, struct match_error *err)
{
	size_t i = from, j, done = 0, bytes, more, before;
	int rc;

	*next = from;
	while (i < to && (done < work || i == from)) {
		bytes = record_bytes(m, &rs->v[i]);
		if (must_count(m, bytes)) {
			before = sc->spent;
			if ((rc = record_test(m, sc, &rs->v[i], 1, err)) < 0)
				return -1;
			if (rc)
				indices_push(out, i);
			done += bytes * m->passes + (sc->spent - before) *
			    MATCH_STEP_WORK;
			*next = ++i;
			continue;
		}
		/* A record longer than this would need counting. */
		j = recordset_stretch(rs, i + 1, to, MATCH_RECORD_STEPS /
		    m->cost, done < work ? (work - done + m->passes - 1) /
		    m->passes : 1, &more);
		done += (bytes + more) * m->passes;
		if ((split && j - i >= PARALLEL_MIN ? two_halves(m, rs, i, j,
		    filter_plain, out, err) : filter_plain(m, sc, rs, i, j, out,
		    err)) < 0)
			return -1;
		*next = i = j;
	}
	return 0;
}

/* filter_range() of all of [from, to), as a filter_cb. */
static int
filter_all(struct matcher *m, struct scanner *sc, const struct recordset *rs,
    size_t from, size_t to, struct indices *out, struct match_error *err)
{
	size_t next;

	return filter_range(m, sc, rs, from, to, SIZE_MAX, 0, &next, out,
	    err);
}

int
match_scan(struct matcher *m, const struct recordset *rs, size_t from,
    size_t to, size_t work, size_t *next, struct indices *out,
    struct match_error *err)
{
	if (to > rs->len)
		to = rs->len;
	*next = to;
	if (from >= to)
		return 0;
	return filter_range(m, &m->s, rs, from, to, work, 1, next, out, err);
}

int
match_filter(struct matcher *m, const struct recordset *rs, size_t from,
    size_t to, struct indices *out, struct match_error *err)
{
	struct matcher *w;
	size_t i;

	if (to > rs->len)
		to = rs->len;
	if (from >= to)
		return 0;
	if (to - from < PARALLEL_MIN)
		return filter_all(m, &m->s, rs, from, to, out, err);
	/* Compiling the counted code costs as much as a small search. */
	for (i = from; i < to; i++)
		if (must_count(m, record_bytes(m, &rs->v[i]))) {
			for (w = m; w != NULL; w = w->also)
				counted_code(w);
			break;
		}
	return two_halves(m, rs, from, to, filter_all, out, err);
}

void
match_begin(struct matcher *m)
{
	m->s.spent = 0;
	if (m->s2 != NULL)
		m->s2->spent = 0;
}

size_t
match_spent(const struct matcher *m)
{
	return m->s.spent + (m->s2 != NULL ? m->s2->spent : 0);
}

int
match_spans(struct matcher *m, const char *text, size_t len,
    struct spans *out, struct match_error *err)
{
	const pcre2_code *code;
	PCRE2_SIZE *ov;
	size_t off = 0, s, e;
	uint32_t cp;
	int rc, n = 0;

	/* One budget for the whole walk, as for a record. */
	if ((code = code_for(m, m, len + 1, err)) == NULL)
		return -1;
	m->s.meter.steps = 0;
	while (off <= len) {
		if ((rc = run_code(m, &m->s, code, text, len, off, err)) < 0)
			return -1;
		if (rc == 0)
			break;
		ov = pcre2_get_ovector_pointer(m->s.md);
		s = ov[0];
		e = ov[1];
		if (e > s) {
			if (out->len == out->cap) {
				out->cap = out->cap == 0 ? 16 : out->cap * 2;
				out->v = xreallocarray(out->v, out->cap,
				    sizeof(*out->v));
			}
			out->v[out->len].start = (uint32_t)s;
			out->v[out->len].end = (uint32_t)e;
			out->len++;
			n++;
		}
		if (e > s && e > off) {
			off = e;
			continue;
		}
		/* An empty match (or a \K oddity): step over one character. */
		s = s > off ? s : off;
		if (s >= len)
			break;
		off = s + text_decode(text + s, len - s, &cp);
	}
	return n;
}

void
spans_free(struct spans *sp)
{
	free(sp->v);
	memset(sp, 0, sizeof(*sp));
}

void
indices_push(struct indices *ix, size_t i)
{
	if (ix->len == ix->cap) {
		ix->cap = ix->cap == 0 ? 64 : ix->cap * 2;
		ix->v = xreallocarray(ix->v, ix->cap, sizeof(*ix->v));
	}
	ix->v[ix->len++] = i;
}

void
indices_free(struct indices *ix)
{
	free(ix->v);
	memset(ix, 0, sizeof(*ix));
}
