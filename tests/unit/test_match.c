/*
 * Unit tests for match.c: smart case, PCRE2 options (UTF, Unicode
 * properties, caseless), compile errors and their character offsets,
 * field masks, match_filter() over a loaded recordset and over records
 * outside the text runs, match_spans(), the match limit, the work budget
 * (counted across the positions a match is tried at, per record and per
 * search; the heap limit; \C refused; pattern_cost()'s bounds and the
 * uncounted path giving what the counted one gives), and a randomized
 * check of match_filter() against a plain substring search over words
 * taken from the built-in data.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "match.h"
#include "pattern.h"
#include "record.h"
#include "util.h"
#include "unit/fixture.h"

/* data/allies.yaml as the Makefile compiles it into the program. */
extern const unsigned char allies_data[];
extern const size_t allies_data_len;

static struct matcher *
compile(const char *pattern, unsigned fields, enum match_case mcase)
{
	struct match_error err;
	struct matcher *m;

	memset(&err, 0, sizeof(err));
	m = match_compile(pattern, strlen(pattern), fields, mcase, &err);
	if (m == NULL)
		print_error("cannot compile /%s/: %s\n", pattern, err.msg);
	assert_non_null(m);
	return m;
}

/* Does pattern (compiled with mcase) match anywhere in text? */
static int
matches(const char *pattern, enum match_case mcase, const char *text)
{
	struct match_error err;
	struct spans sp = { 0 };
	struct matcher *m;
	int n;

	m = compile(pattern, FIELD_ALL, mcase);
	n = match_spans(m, text, strlen(text), &sp, &err);
	assert_true(n >= 0);
	spans_free(&sp);
	match_free(m);
	return n > 0;
}

static int
has_upper(const char *pattern)
{
	return match_has_upper(pattern, strlen(pattern));
}

static void
test_has_upper(void **state)
{
	(void)state;
	assert_false(has_upper("nurs"));
	assert_true(has_upper("Nurs"));
	assert_true(has_upper("nurS"));
	assert_false(has_upper("\\S+"));
	assert_false(has_upper("\\W\\D\\B\\A\\Z"));
	assert_false(has_upper("\\p{Lu}"));
	assert_false(has_upper("\\P{L}"));
	assert_false(has_upper("\\pL"));
	assert_false(has_upper("(?<Name>x)"));
	assert_false(has_upper("(?P<Name>x)(?P=Name)"));
	assert_false(has_upper("[[:upper:]]"));
	assert_false(has_upper("[[:Alpha:]x]"));
	assert_true(has_upper("\\QA\\E"));
	assert_false(has_upper("\\Qa\\E"));
	assert_true(has_upper("\xc3\x89"));		/* É */
	assert_false(has_upper("\xc3\xa9"));		/* é */
	assert_true(has_upper("\xce\x94"));		/* Greek Delta */
	assert_false(has_upper("\\x41"));
	assert_false(has_upper("\\x{41}"));
	assert_false(has_upper("(*UTF)x"));
	assert_false(has_upper("(?#Comment)x"));
	assert_true(has_upper("(?i)X"));
	assert_true(has_upper("[A-Z]"));
	assert_false(has_upper(""));
}

/*
 * How a pattern compiles under a case mode (match_caseless()), and whether
 * it then finds text (when text is not NULL).
 */
struct case_row {
	const char	*pattern;
	enum match_case	 mcase;
	int		 caseless;
	const char	*text;
	int		 found;
};

static const struct case_row smart_rows[] = {
	{ "nurs", MATCH_SMART, 1, "NURSING", 1 },
	{ "Nurs", MATCH_SMART, 0, "Nursing", 1 },
	{ "Nurs", MATCH_SMART, 0, "nursing", 0 },
	{ "\\S+", MATCH_SMART, 1, NULL, 0 },
	/* (?i) in the pattern makes it caseless whatever smart case says. */
	{ "(?i)NURS", MATCH_SMART, 0, "nursing", 1 },
	{ "\\p{Lu}", MATCH_SMART, 1, "x A", 1 },
};

static const struct case_row mode_rows[] = {
	{ "Nurs", MATCH_CASELESS, 1, "nursing", 1 },
	{ "nurs", MATCH_EXACT, 0, "NURSING", 0 },
	{ "nurs", MATCH_EXACT, 0, "nursing", 1 },
};

static void
check_case_rows(const struct case_row *rows, size_t n)
{
	struct matcher *m;
	size_t i;

	for (i = 0; i < n; i++) {
		m = compile(rows[i].pattern, FIELD_ALL, rows[i].mcase);
		if (match_caseless(m) != rows[i].caseless)
			print_error("/%s/: caseless is %d\n", rows[i].pattern,
			    match_caseless(m));
		assert_int_equal(match_caseless(m), rows[i].caseless);
		match_free(m);
		if (rows[i].text != NULL)
			assert_int_equal(matches(rows[i].pattern,
			    rows[i].mcase, rows[i].text), rows[i].found);
	}
}

static void
test_smart_case(void **state)
{
	(void)state;
	check_case_rows(smart_rows, nitems(smart_rows));
}

static void
test_case_modes(void **state)
{
	(void)state;
	check_case_rows(mode_rows, nitems(mode_rows));
}

static void
test_utf8_and_ucp(void **state)
{
	struct match_error err;
	struct spans sp = { 0 };
	struct matcher *m;
	const char *emoji = "\xf0\x9f\x98\x80";	/* U+1F600, 4 bytes */

	(void)state;
	assert_true(matches("^\\w+$", MATCH_SMART, "\xc3\xa9t\xc3\xa9"));
	assert_true(matches("^\\w$", MATCH_SMART, "\xc3\xa9"));
	assert_true(matches("^.$", MATCH_SMART, emoji));
	assert_false(matches("^..$", MATCH_SMART, emoji));
	assert_true(matches("\xc3\x89", MATCH_CASELESS, "caf\xc3\xa9"));
	assert_true(matches("\xc3\xa9", MATCH_SMART, "CAF\xc3\x89"));
	assert_false(matches("\xc3\x89", MATCH_SMART, "caf\xc3\xa9"));
	assert_true(matches("\\p{Greek}", MATCH_SMART, "a \xce\xb1"));

	m = compile(".", FIELD_ALL, MATCH_SMART);
	assert_int_equal(match_spans(m, emoji, 4, &sp, &err), 1);
	assert_int_equal(sp.v[0].start, 0);
	assert_int_equal(sp.v[0].end, 4);
	spans_free(&sp);
	match_free(m);
}

static void
test_compile_error(void **state)
{
	struct match_error err;
	struct matcher *m;
	const char *p;

	(void)state;
	memset(&err, 0, sizeof(err));
	p = "\xc3\xa9\xc3\xa9\xc3\xa9(";	/* ééé( */
	m = match_compile(p, strlen(p), FIELD_ALL, MATCH_SMART, &err);
	assert_null(m);
	assert_true(err.has_offset);
	assert_int_equal(err.offset, 4);
	assert_non_null(strstr(err.msg, "parenthesis"));

	memset(&err, 0, sizeof(err));
	p = "\xc3\xa9[z-a]";
	m = match_compile(p, strlen(p), FIELD_ALL, MATCH_SMART, &err);
	assert_null(m);
	assert_true(err.has_offset);
	assert_int_equal(err.offset, 4);
	assert_true(strlen(err.msg) > 0);

	memset(&err, 0, sizeof(err));
	m = match_compile("a)", 2, FIELD_ALL, MATCH_SMART, &err);
	assert_null(m);
	assert_int_equal(err.offset, 1);

	/* An invalid UTF-8 pattern is an error, not a crash. */
	memset(&err, 0, sizeof(err));
	m = match_compile("a\xff", 2, FIELD_ALL, MATCH_SMART, &err);
	assert_null(m);
	assert_true(err.msg[0] != '\0');
}

/* A small recordset, loaded the way the program loads its data. */
static const char small_yaml[] =
    "allies:\n"
    FIXTURE_NURSING_LEAGUE
    "  - name: Medical Schools\n"
    "    abbreviation: MS\n"
    "    url: https://med.example/\n"
    "    description: Training doctors in rural care.\n"
    "  - name: Public Health\n"
    "    url: https://ph.example/\n"
    "    description: Communities.\n"
    "    tags: [policy]\n"
    "  - name: Caf\xc3\xa9 Society\n"
    "    url: https://cafe.example/\n"
    "    description: Coffee and nursing talk.\n";

static void
load_small(struct recordset *rs)
{
	struct errlist e;

	recordset_init(rs);
	errlist_init(&e);
	assert_int_equal(load_buffer(small_yaml, strlen(small_yaml), rs, &e),
	    0);
	assert_int_equal(rs->len, 4);
	errlist_done(&e);
}

static void
test_match_record(void **state)
{
	struct recordset rs;
	struct match_error err;
	struct matcher *m;

	(void)state;
	load_small(&rs);
	m = compile("nurs|care", FIELD_ALL, MATCH_SMART);
	assert_int_equal(match_record(m, &rs.v[0], &err),
	    FIELD_BIT(FIELD_NAME) | FIELD_BIT(FIELD_URL) |
	    FIELD_BIT(FIELD_DESCRIPTION) | FIELD_BIT(FIELD_TAGS));
	assert_int_equal(match_record(m, &rs.v[1], &err),
	    FIELD_BIT(FIELD_DESCRIPTION));
	assert_int_equal(match_record(m, &rs.v[2], &err), 0);
	match_free(m);

	m = compile("^nl$", FIELD_ALL, MATCH_SMART);
	assert_int_equal(match_record(m, &rs.v[0], &err),
	    FIELD_BIT(FIELD_ABBREVIATION));
	match_free(m);

	/* Tags are searched joined with ", ". */
	m = compile("nursing, care", FIELD_ALL, MATCH_SMART);
	assert_int_equal(match_record(m, &rs.v[0], &err),
	    FIELD_BIT(FIELD_TAGS));
	match_free(m);

	/* Only the fields asked for. */
	m = compile("nurs|care", FIELD_BIT(FIELD_DESCRIPTION) |
	    FIELD_BIT(FIELD_TAGS), MATCH_SMART);
	assert_int_equal(match_record(m, &rs.v[0], &err),
	    FIELD_BIT(FIELD_DESCRIPTION) | FIELD_BIT(FIELD_TAGS));
	match_free(m);
	m = compile("nurs", FIELD_BIT(FIELD_URL), MATCH_SMART);
	assert_int_equal(match_record(m, &rs.v[0], &err),
	    FIELD_BIT(FIELD_URL));
	assert_int_equal(match_record(m, &rs.v[3], &err), 0);
	match_free(m);
	recordset_done(&rs);
}

static void
test_match_filter(void **state)
{
	struct recordset rs;
	struct indices out = { 0 };
	struct match_error err;
	struct matcher *m;

	(void)state;
	load_small(&rs);
	m = compile("nursing", FIELD_ALL, MATCH_SMART);
	assert_int_equal(match_filter(m, &rs, 0, rs.len, &out, &err), 0);
	assert_int_equal(out.len, 2);
	assert_int_equal(out.v[0], 0);
	assert_int_equal(out.v[1], 3);

	/* [from, to): the end is not included; results append. */
	out.len = 0;
	assert_int_equal(match_filter(m, &rs, 1, 3, &out, &err), 0);
	assert_int_equal(out.len, 0);
	assert_int_equal(match_filter(m, &rs, 0, 3, &out, &err), 0);
	assert_int_equal(out.len, 1);
	assert_int_equal(match_filter(m, &rs, 3, 4, &out, &err), 0);
	assert_int_equal(out.len, 2);
	assert_int_equal(out.v[1], 3);
	/* A range past the end stops at the end. */
	out.len = 0;
	assert_int_equal(match_filter(m, &rs, 2, 99, &out, &err), 0);
	assert_int_equal(out.len, 1);
	assert_int_equal(out.v[0], 3);
	out.len = 0;
	assert_int_equal(match_filter(m, &rs, 2, 2, &out, &err), 0);
	assert_int_equal(out.len, 0);
	match_free(m);

	/* Restricted to names only. */
	m = compile("nursing", FIELD_BIT(FIELD_NAME), MATCH_SMART);
	out.len = 0;
	assert_int_equal(match_filter(m, &rs, 0, rs.len, &out, &err), 0);
	assert_int_equal(out.len, 1);
	assert_int_equal(out.v[0], 0);
	match_free(m);

	/* Unicode caseless over records. */
	m = compile("CAF\xc3\x89", FIELD_ALL, MATCH_CASELESS);
	out.len = 0;
	assert_int_equal(match_filter(m, &rs, 0, rs.len, &out, &err), 0);
	assert_int_equal(out.len, 1);
	assert_int_equal(out.v[0], 3);
	match_free(m);

	indices_free(&out);
	recordset_done(&rs);
}

/*
 * Records that are in no run (recordset_add() puts them there) between
 * records that are: match_filter() finds what match_record() finds, over
 * every range.
 */
static void
test_filter_outside_runs(void **state)
{
	static const char *const names[] = {
		"care one", "plain", "care outside", "two care", "none",
	};
	struct recordset rs;
	struct indices got = { 0 };
	struct match_error err;
	struct matcher *m;
	struct record r;
	size_t i, f, from, to, want;

	(void)state;
	recordset_init(&rs);
	for (i = 0; i < nitems(names); i++) {
		memset(&r, 0, sizeof(r));
		for (f = 0; f < FIELD_COUNT; f++)
			r.text[f] = "";
		r.text[FIELD_NAME] = names[i];
		r.len[FIELD_NAME] = (uint32_t)strlen(names[i]);
		if (i == 2)
			recordset_add(&rs, &r);
		else
			recordset_add_text(&rs, &r);
	}
	assert_int_equal(rs.nruns, 2);
	m = compile("care", FIELD_ALL, MATCH_SMART);
	for (from = 0; from <= rs.len; from++)
		for (to = from; to <= rs.len; to++) {
			got.len = 0;
			assert_int_equal(match_filter(m, &rs, from, to, &got,
			    &err), 0);
			for (want = 0, i = from; i < to; i++) {
				if (match_record(m, &rs.v[i], &err) <= 0)
					continue;
				assert_true(want < got.len);
				assert_int_equal(got.v[want], i);
				want++;
			}
			assert_int_equal(got.len, want);
		}
	match_free(m);
	indices_free(&got);
	recordset_done(&rs);
}

static void
check_spans(const char *pattern, const char *text, size_t n,
    const struct span *want)
{
	struct match_error err;
	struct spans sp = { 0 };
	struct matcher *m;
	size_t i;

	m = compile(pattern, FIELD_ALL, MATCH_SMART);
	assert_int_equal(match_spans(m, text, strlen(text), &sp, &err),
	    (int)n);
	assert_int_equal(sp.len, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(sp.v[i].start, want[i].start);
		assert_int_equal(sp.v[i].end, want[i].end);
	}
	spans_free(&sp);
	match_free(m);
}

static void
test_match_spans(void **state)
{
	static const struct span ab[] = { { 0, 1 }, { 2, 3 }, { 5, 6 } };
	static const struct span bb[] = { { 1, 3 } };
	static const struct span multi[] = { { 1, 3 }, { 5, 7 } };
	static const struct span k[] = { { 1, 2 }, { 3, 4 } };
	static const struct span words[] = { { 0, 3 }, { 4, 7 } };
	static const struct span wide[] = { { 0, 3 }, { 4, 7 } };
	struct match_error err;
	struct spans sp = { 0 };
	struct matcher *m;
	int i;

	(void)state;
	check_spans("a", "aXa-Ya", 3, ab);
	check_spans("b*", "abba", 1, bb);
	/* Only empty matches: none reported, and the loop ends. */
	check_spans("x*", "abc", 0, NULL);
	check_spans("\\b", "ab cd", 0, NULL);
	check_spans("(?=a)", "aaa", 0, NULL);
	check_spans("", "", 0, NULL);
	/* Byte offsets on multibyte text. */
	check_spans("\xc3\xa9", "a\xc3\xa9" "b \xc3\xa9", 2, multi);
	check_spans("\xc3\xa9*", "a\xc3\xa9" "b \xc3\xa9", 2, multi);
	check_spans("\\w+", "\xc3\xa9" "b \xc3\xa9" "c", 2, words);
	check_spans("\xe4\xb8\xad", "\xe4\xb8\xad" "x\xe4\xb8\xad", 2, wide);
	/* \K moves the start of the reported match. */
	check_spans("a\\Kb", "abab", 2, k);

	/* Spans append to what the caller already has. */
	m = compile("a", FIELD_ALL, MATCH_SMART);
	for (i = 0; i < 2; i++)
		assert_int_equal(match_spans(m, "aa", 2, &sp, &err), 2);
	assert_int_equal(sp.len, 4);
	spans_free(&sp);
	match_free(m);
}

static void
test_match_limit(void **state)
{
	struct recordset rs;
	struct indices out = { 0 };
	struct match_error err;
	struct spans sp = { 0 };
	struct matcher *m;
	struct buf yaml = { 0 }, subject = { 0 };
	struct errlist e;
	struct record r;
	double t0;
	int i;

	(void)state;
	/* Nested repeats over 40 letters that end in a mismatch. */
	for (i = 0; i < 40; i++)
		buf_addc(&subject, 'a');
	buf_addc(&subject, 'b');

	m = compile("(a+)+$", FIELD_ALL, MATCH_SMART);
	memset(&err, 0, sizeof(err));
	t0 = fixture_now();
	assert_int_equal(match_spans(m, subject.ptr, subject.len, &sp, &err),
	    -1);
	assert_true(fixture_now() - t0 < 1.0);
	assert_non_null(strstr(err.msg, "too complex"));
	assert_false(err.has_offset);

	memset(&r, 0, sizeof(r));
	for (i = 0; i < FIELD_COUNT; i++) {
		r.text[i] = "";
		r.len[i] = 0;
	}
	r.text[FIELD_DESCRIPTION] = subject.ptr;
	r.len[FIELD_DESCRIPTION] = (uint32_t)subject.len;
	memset(&err, 0, sizeof(err));
	t0 = fixture_now();
	assert_int_equal(match_record(m, &r, &err), -1);
	assert_true(fixture_now() - t0 < 1.0);
	assert_non_null(strstr(err.msg, "too complex"));
	match_free(m);

	/* match_filter: -1, keeping the matches before the runaway record. */
	buf_adds(&yaml, "allies:\n"
	    "  - {name: b, url: \"https://b.example/\", description: d}\n"
	    "  - {name: c, url: \"https://c.example/\", description: ");
	buf_add(&yaml, subject.ptr, subject.len);
	buf_adds(&yaml, "}\n"
	    "  - {name: b, url: \"https://b.example/\", description: d}\n");
	recordset_init(&rs);
	errlist_init(&e);
	assert_int_equal(load_buffer(yaml.ptr, yaml.len, &rs, &e), 0);
	m = compile("^b$|(a+)+$", FIELD_ALL, MATCH_SMART);
	memset(&err, 0, sizeof(err));
	t0 = fixture_now();
	assert_int_equal(match_filter(m, &rs, 0, rs.len, &out, &err), -1);
	assert_true(fixture_now() - t0 < 1.0);
	assert_non_null(strstr(err.msg, "too complex"));
	assert_int_equal(out.len, 1);
	assert_int_equal(out.v[0], 0);

	match_free(m);
	indices_free(&out);
	spans_free(&sp);
	errlist_done(&e);
	recordset_done(&rs);
	buf_free(&yaml);
	buf_free(&subject);
}

/*
 * A range long enough for match_filter() to split it between two threads,
 * with the runaway record in the second half: -1, and out holds every
 * match before that record, from both halves.
 */
static void
test_limit_in_second_half(void **state)
{
	struct recordset rs;
	struct indices out = { 0 };
	struct match_error err;
	struct matcher *m;
	struct buf yaml = { 0 };
	struct errlist e;
	size_t i, k, n = 9000, bad = 6000;

	(void)state;
	buf_adds(&yaml, "allies:\n");
	for (i = 0; i < n; i++) {
		if (i != bad) {
			buf_adds(&yaml, "  - {name: b, url: https://b.example/, "
			    "description: d}\n");
			continue;
		}
		buf_adds(&yaml, "  - {name: c, url: https://c.example/, "
		    "description: ");
		for (k = 0; k < 40; k++)
			buf_addc(&yaml, 'a');
		buf_adds(&yaml, "b}\n");
	}
	recordset_init(&rs);
	errlist_init(&e);
	assert_int_equal(load_buffer(yaml.ptr, yaml.len, &rs, &e), 0);
	m = compile("^b$|(a+)+$", FIELD_ALL, MATCH_SMART);
	memset(&err, 0, sizeof(err));
	assert_int_equal(match_filter(m, &rs, 0, rs.len, &out, &err), -1);
	assert_non_null(strstr(err.msg, "too complex"));
	assert_int_equal(out.len, bad);
	for (i = 0; i < out.len; i++)
		assert_int_equal(out.v[i], i);
	match_free(m);
	indices_free(&out);
	errlist_done(&e);
	recordset_done(&rs);
	buf_free(&yaml);
}

/* A small deterministic generator, so a failure can be replayed. */
static uint64_t rng_state;

static uint32_t
rng(void)
{
	return (uint32_t)(fixture_xorshift(&rng_state) >> 16);
}

/* ASCII-only case-insensitive strstr. */
static int
contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;

	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n; i++)
			if (hay[i] == '\0' || tolower((unsigned char)hay[i]) !=
			    tolower((unsigned char)needle[i]))
				break;
		if (i == n)
			return 1;
	}
	return n == 0;
}

static int
ascii_upper(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			return 1;
	return 0;
}

/*
 * For random literal patterns (pieces of words from the built-in data,
 * sometimes two words with the space between, in random letter case),
 * random field masks and random ranges, match_filter() under smart case
 * must give what a plain substring search gives: case-insensitive when
 * the pattern is all lower case, exact otherwise.
 */
static void
test_filter_property(void **state)
{
	struct recordset rs;
	struct errlist e;
	struct indices got = { 0 };
	struct match_error err;
	struct matcher *m;
	struct buf words = { 0 }, pat = { 0 };
	size_t *starts = NULL, nwords = 0, capwords = 0;
	size_t i, j, k, f, from, to, nwant, w, len, cut;
	unsigned fields;
	const char *s, *wd;
	int iter, exact, hit, mixed, c;

	(void)state;
	rng_state = 0x9e3779b97f4a7c15ull;
	recordset_init(&rs);
	errlist_init(&e);
	assert_int_equal(load_buffer((const char *)allies_data,
	    allies_data_len, &rs, &e), 0);
	assert_true(rs.len > 0);

	/* Every run of ASCII letters and digits in any field is a word. */
	for (i = 0; i < rs.len; i++)
		for (f = 0; f < FIELD_COUNT; f++) {
			s = rs.v[i].text[f];
			for (j = 0; s[j] != '\0';) {
				if (!isalnum((unsigned char)s[j])) {
					j++;
					continue;
				}
				for (k = j; isalnum((unsigned char)s[k]); k++)
					;
				if (nwords == capwords) {
					capwords = capwords ? 2 * capwords :
					    256;
					starts = xreallocarray(starts, capwords,
					    sizeof(*starts));
				}
				starts[nwords++] = words.len;
				buf_add(&words, s + j, k - j);
				buf_addc(&words, '\0');
				j = k;
			}
		}
	assert_true(nwords > 100);

	for (iter = 0; iter < 200; iter++) {
		w = rng() % nwords;
		wd = words.ptr + starts[w];
		len = strlen(wd);
		buf_reset(&pat);
		if (rng() % 4 == 0 && w + 1 < nwords) {
			/* Two words as they follow each other. */
			buf_adds(&pat, wd);
			buf_addc(&pat, ' ');
			buf_adds(&pat, words.ptr + starts[w + 1]);
		} else {
			cut = rng() % len;
			buf_add(&pat, wd + cut, 1 + rng() % (len - cut));
		}
		/*
		 * Letter case: a third all lower, a third as in the data, a
		 * third capitalised or mixed at random.
		 */
		mixed = rng() % 2;
		for (k = 0; k < pat.len; k++) {
			c = (unsigned char)pat.ptr[k];
			if (iter % 3 == 0)
				c = tolower(c);
			else if (iter % 3 == 2 && (k == 0 || mixed))
				c = rng() % 2 || !mixed ? toupper(c) : c;
			pat.ptr[k] = (char)c;
		}
		fields = rng() % 4 == 0 ? FIELD_ALL : 1 + rng() % FIELD_ALL;
		from = rng() % (rs.len + 1);
		to = from + rng() % (rs.len + 2 - from);
		exact = ascii_upper(pat.ptr);

		memset(&err, 0, sizeof(err));
		m = compile(pat.ptr, fields, MATCH_SMART);
		assert_int_equal(match_caseless(m), !exact);
		got.len = 0;
		assert_int_equal(match_filter(m, &rs, from, to, &got, &err), 0);
		match_free(m);

		nwant = 0;
		for (i = from; i < to && i < rs.len; i++) {
			hit = 0;
			for (f = 0; f < FIELD_COUNT && !hit; f++) {
				if (!(fields & FIELD_BIT(f)))
					continue;
				s = rs.v[i].text[f];
				hit = exact ? strstr(s, pat.ptr) != NULL :
				    contains_nocase(s, pat.ptr);
			}
			if (!hit)
				continue;
			if (nwant >= got.len || got.v[nwant] != i)
				print_error("iteration %d: /%s/ fields %#x "
				    "[%zu, %zu): record %zu missing\n", iter,
				    pat.ptr, fields, from, to, i);
			assert_true(nwant < got.len);
			assert_int_equal(got.v[nwant], i);
			nwant++;
		}
		if (got.len != nwant)
			print_error("iteration %d: /%s/ fields %#x: %zu "
			    "matches, wanted %zu\n", iter, pat.ptr, fields,
			    got.len, nwant);
		assert_int_equal(got.len, nwant);
	}

	free(starts);
	buf_free(&words);
	buf_free(&pat);
	indices_free(&got);
	errlist_done(&e);
	recordset_done(&rs);
}

/* The built-in data, loaded. */
static void
load_builtin(struct recordset *rs, struct errlist *e)
{
	recordset_init(rs);
	errlist_init(e);
	assert_int_equal(load_buffer((const char *)allies_data,
	    allies_data_len, rs, e), 0);
}

/*
 * Patterns that once froze the program for a minute: each start
 * position stayed under PCRE2's own limit, which starts again at each.
 * Now they end too complex, after no more than the record's budget.
 */
static void
test_budget_across_positions(void **state)
{
	static const char *const runaway[] = {
		"(?:|){22}(*FAIL)", "(?:|){16}(*FAIL)", "((?:|){12}x)*y",
	};
	struct recordset rs;
	struct indices out = { 0 };
	struct match_error err;
	struct spans sp = { 0 };
	struct matcher *m;
	struct errlist e;
	size_t i;

	(void)state;
	load_builtin(&rs, &e);
	for (i = 0; i < nitems(runaway); i++) {
		m = compile(runaway[i], FIELD_ALL, MATCH_SMART);
		memset(&err, 0, sizeof(err));
		out.len = 0;
		assert_int_equal(match_filter(m, &rs, 0, rs.len, &out, &err),
		    -1);
		assert_string_equal(err.msg, MATCH_TOO_COMPLEX);
		assert_false(err.has_offset);
		/* Only records that kept within their budget were charged. */
		assert_true(match_spent(m) <= rs.len * MATCH_RECORD_STEPS);
		/* Highlighting has a record's budget too. */
		memset(&err, 0, sizeof(err));
		if (strstr(runaway[i], "FAIL") != NULL) {
			assert_int_equal(match_spans(m,
			    rs.v[0].text[FIELD_DESCRIPTION],
			    rs.v[0].len[FIELD_DESCRIPTION], &sp, &err), -1);
			assert_string_equal(err.msg, MATCH_TOO_COMPLEX);
		}
		match_free(m);
	}
	indices_free(&out);
	spans_free(&sp);
	errlist_done(&e);
	recordset_done(&rs);
}

/*
 * A search's steps add up over its records, and match_begin() starts the
 * count again; a pattern that needs no counting spends none.
 */
static void
test_search_steps_add_up(void **state)
{
	struct recordset rs;
	struct indices out = { 0 };
	struct match_error err;
	struct matcher *m;
	struct errlist e;
	size_t one, all;

	(void)state;
	load_builtin(&rs, &e);
	m = compile("(?:|){6}(*FAIL)", FIELD_ALL, MATCH_SMART);
	assert_int_equal(match_filter(m, &rs, 0, 1, &out, &err), 0);
	one = match_spent(m);
	assert_true(one > 0 && one <= MATCH_RECORD_STEPS);
	assert_int_equal(match_filter(m, &rs, 1, rs.len, &out, &err), 0);
	all = match_spent(m);
	assert_true(all > one);
	match_begin(m);
	assert_int_equal(match_spent(m), 0);
	assert_int_equal(match_filter(m, &rs, 0, rs.len, &out, &err), 0);
	assert_int_equal(match_spent(m), all);
	assert_int_equal(out.len, 0);
	match_free(m);

	m = compile("nurs|health", FIELD_ALL, MATCH_SMART);
	assert_int_equal(match_filter(m, &rs, 0, rs.len, &out, &err), 0);
	assert_true(out.len > 0);
	assert_int_equal(match_spent(m), 0);
	match_free(m);
	indices_free(&out);
	errlist_done(&e);
	recordset_done(&rs);
}

/*
 * The interpreter's frames are bounded: thousands of empty groups
 * repeated over a long text end too complex (they once took 12 GB).
 */
static void
test_heap_limit(void **state)
{
	struct buf pat = { 0 }, text = { 0 };
	struct match_error err;
	struct spans sp = { 0 };
	struct matcher *m;
	int i;

	(void)state;
	buf_adds(&pat, "(?:");
	for (i = 0; i < 3000; i++)
		buf_adds(&pat, "()");
	buf_adds(&pat, ".)*zq");
	for (i = 0; i < 50000; i++)
		buf_adds(&text, "care equity ");
	m = compile(pat.ptr, FIELD_ALL, MATCH_SMART);
	memset(&err, 0, sizeof(err));
	assert_int_equal(match_spans(m, text.ptr, text.len, &sp, &err), -1);
	assert_string_equal(err.msg, MATCH_TOO_COMPLEX);
	match_free(m);
	spans_free(&sp);
	buf_free(&pat);
	buf_free(&text);
}

/* \C matches a byte: refused, at its place, so no highlight cuts a char. */
static void
test_backslash_c_refused(void **state)
{
	struct match_error err;

	(void)state;
	memset(&err, 0, sizeof(err));
	assert_null(match_compile("é\\C", strlen("é\\C"), FIELD_ALL,
	    MATCH_SMART, &err));
	assert_non_null(strstr(err.msg, "\\C"));
	assert_true(err.has_offset);
	assert_true(err.offset >= 1 && err.offset <= 3);
}

static size_t
cost(const char *pattern)
{
	return pattern_cost(pattern, strlen(pattern));
}

/* What pattern_cost() can bound, and what it must not. */
static void
test_pattern_cost(void **state)
{
	static const char *const unbounded[] = {
		"a*", "a+", "x{2,}", "(ab)?", "(?:a|b){3}", "(a)\\1", "\\g1",
		"\\k<n>", "(?R)", "(?1)", "(?&n)", "(?P>n)", "(?(1)a|b)",
		"(?C1)", "(*FAIL)", "\\X", "(?x)a b", "(?:|){22}(*FAIL)",
		"a)", "(a", "(?:(?:a|b)(?:c|d)){2}", "[a-z]{1,2000}",
		"\\C",
	};
	size_t i;

	(void)state;
	assert_int_equal(cost("nurs"), 5);
	assert_int_equal(cost(""), 1);
	assert_int_equal(cost("health|care"), 2 * 11);
	assert_int_equal(cost("ab?"), 2 * 4);
	assert_true(cost("\\b[A-Z]{3,5}\\b") > 0);
	assert_true(cost("(?i)caf\\x{e9}") > 0);
	assert_true(cost("(?<=a)b(?=c)(?!d)") > 0);
	assert_true(cost("a{2") > 0);		/* a literal brace */
	assert_true(cost("[*+?{]x") > 0);	/* not repeats */
	assert_true(cost("\\Q*+\\E") > 0);
	for (i = 0; i < nitems(unbounded); i++) {
		if (cost(unbounded[i]) != 0)
			print_error("cost of /%s/: %zu\n", unbounded[i],
			    cost(unbounded[i]));
		assert_int_equal(cost(unbounded[i]), 0);
	}
}

/*
 * A record too long for its cost bound is counted: what it finds is
 * what the uncounted path finds over a short one.
 */
static void
test_long_record_is_counted(void **state)
{
	struct buf yaml = { 0 };
	struct recordset rs;
	struct errlist e;
	struct indices found = { 0 };
	struct match_error err;
	struct matcher *m;
	size_t i;

	(void)state;
	buf_adds(&yaml, "allies:\n"
	    "  - {name: a, url: https://a.example/, description: nurse}\n"
	    "  - {name: b, url: https://b.example/, description: \"");
	for (i = 0; i < MATCH_RECORD_STEPS / 5 / 10 + 10; i++)
		buf_adds(&yaml, "care text ");
	buf_adds(&yaml, "nurse\"}\n"
	    "  - {name: c, url: https://c.example/, description: none}\n");
	recordset_init(&rs);
	errlist_init(&e);
	assert_int_equal(load_buffer(yaml.ptr, yaml.len, &rs, &e), 0);
	buf_free(&yaml);
	m = compile("nurs", FIELD_ALL, MATCH_SMART);
	assert_int_equal(match_filter(m, &rs, 0, rs.len, &found, &err), 0);
	assert_true(match_spent(m) > 0);
	match_free(m);
	assert_int_equal(found.len, 2);
	assert_int_equal(found.v[0], 0);
	assert_int_equal(found.v[1], 1);
	indices_free(&found);
	errlist_done(&e);
	recordset_done(&rs);
}

/*
 * match_scan() stops once its work is done and goes on where it
 * stopped: slice by slice, the same records as in one go.
 */
static void
test_scan_by_work(void **state)
{
	struct recordset rs;
	struct indices whole = { 0 }, sliced = { 0 };
	struct match_error err;
	struct matcher *m;
	struct errlist e;
	size_t from = 0, next, slices = 0;

	(void)state;
	load_builtin(&rs, &e);
	m = compile("(?:care|health)\\w*", FIELD_ALL, MATCH_SMART);
	assert_int_equal(match_filter(m, &rs, 0, rs.len, &whole, &err), 0);
	while (from < rs.len) {
		assert_int_equal(match_scan(m, &rs, from, rs.len, 100, &next,
		    &sliced, &err), 0);
		assert_true(next > from);
		from = next;
		slices++;
	}
	assert_true(slices > 1);
	assert_int_equal(sliced.len, whole.len);
	assert_memory_equal(sliced.v, whole.v, whole.len * sizeof(*whole.v));
	match_free(m);
	indices_free(&whole);
	indices_free(&sliced);
	errlist_done(&e);
	recordset_done(&rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_has_upper),
		cmocka_unit_test(test_smart_case),
		cmocka_unit_test(test_case_modes),
		cmocka_unit_test(test_utf8_and_ucp),
		cmocka_unit_test(test_compile_error),
		cmocka_unit_test(test_match_record),
		cmocka_unit_test(test_match_filter),
		cmocka_unit_test(test_filter_outside_runs),
		cmocka_unit_test(test_match_spans),
		cmocka_unit_test(test_match_limit),
		cmocka_unit_test(test_limit_in_second_half),
		cmocka_unit_test(test_filter_property),
		cmocka_unit_test(test_budget_across_positions),
		cmocka_unit_test(test_search_steps_add_up),
		cmocka_unit_test(test_heap_limit),
		cmocka_unit_test(test_backslash_c_refused),
		cmocka_unit_test(test_pattern_cost),
		cmocka_unit_test(test_long_record_is_counted),
		cmocka_unit_test(test_scan_by_work),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
