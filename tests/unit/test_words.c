/*
 * Unit tests for query.c, the search modes: in words mode every
 * character of a word stands for itself (the regex metacharacters too),
 * case does not count (for Greek, Cyrillic, accented Latin and the Kelvin
 * sign as for ASCII), an ally matches when it has every word in any of
 * its name, abbreviation, description and tags, in any order, and not in
 * its url; an empty or all-blank query filters nothing; the highlights
 * are every occurrence of every word; repeats and words past the limit;
 * the work of a slice counts each pass over a record; and regex mode is
 * match_compile()'s smart case, errors and all.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "load.h"
#include "match.h"
#include "query.h"
#include "record.h"
#include "util.h"
#include "unit/fixture.h"

static const char allies_yaml[] =
    "allies:\n"
    "  - name: American Medical Student Association\n"
    "    abbreviation: AMSA\n"
    "    url: https://www.amsa.org/\n"
    "    description: Physicians in training, for health equity.\n"
    "    tags: [students, medicine]\n"
    "  - name: Organization for Associate Degree Nursing\n"
    "    abbreviation: OADN\n"
    "    url: https://www.oadn.org/\n"
    "    description: Community colleges (2+2 years) *nurses* a.b\n"
    "    tags: [nursing]\n"
    "  - name: \xc3\x89" "cole de Sant\xc3\xa9\n"
    "    url: https://ecole.example/\n"
    "    description: \xce\xa3\xce\xbf\xcf\x86\xce\xaf\xce\xb1 and "
    "\xd0\x9c\xd0\x95\xd0\x94 \xe2\x84\xaa" "elvin\n"
    "    tags: [public health]\n";

static void
load(struct recordset *rs, const char *yaml)
{
	assert_int_equal(fixture_load(rs, yaml), 0);
}

/* query in words mode over every field: its matcher, never NULL. */
static struct matcher *
words(const char *query)
{
	struct match_error err;
	struct matcher *m = NULL;

	assert_int_equal(query_compile(SEARCH_WORDS, query, strlen(query),
	    FIELD_ALL, &m, &err), 0);
	assert_non_null(m);
	return m;
}

/*
 * n indices ("0 2") or, with sp, n spans ("0-8 22-29"), as a string that
 * lasts until the next call.
 */
static const char *
as_text(const size_t *v, const struct span *sp, size_t n)
{
	static char s[128];
	size_t i, k = 0;

	s[0] = '\0';
	for (i = 0; i < n && k < sizeof(s); i++)
		k += (size_t)(sp != NULL ? snprintf(s + k, sizeof(s) - k,
		    "%s%u-%u", i ? " " : "", sp[i].start, sp[i].end) :
		    snprintf(s + k, sizeof(s) - k, "%s%zu", i ? " " : "", v[i]));
	return s;
}

/* The records query finds in rs, as their indices. */
static const char *
found(const struct recordset *rs, const char *query)
{
	struct indices out = { 0 };
	struct match_error err;
	struct matcher *m = words(query);
	const char *s;

	assert_int_equal(match_filter(m, rs, 0, rs->len, &out, &err), 0);
	s = as_text(out.v, NULL, out.len);
	indices_free(&out);
	match_free(m);
	return s;
}

/* A query and the records it finds, as found() spells them. */
struct want {
	const char	*query;
	const char	*found;
};

/* Each row's query over allies_yaml finds what the row says. */
static void
check_rows(const struct want *w, size_t n)
{
	struct recordset rs;
	const char *got;
	size_t i;

	load(&rs, allies_yaml);
	for (i = 0; i < n; i++) {
		got = found(&rs, w[i].query);
		if (strcmp(got, w[i].found) != 0)
			fail_msg("\"%s\" found \"%s\", want \"%s\"",
			    w[i].query, got, w[i].found);
	}
	recordset_done(&rs);
}

static void
test_literal_metacharacters(void **state)
{
	/* As a regex each is an error, or matches far more. */
	static const struct want rows[] = {
		{ "*nurse", "1" },
		{ "*nurses*", "1" },
		{ "(2+2", "1" },
		{ "2+2", "1" },
		{ "a.b", "1" },
		{ "a.c", "" },		/* not "a", any, "c" */
		{ "o.g", "" },		/* not the urls' "org" */
		{ "[nurs]", "" },
		{ "\\w", "" },
		{ "^Org", "" },
		{ "nursing$", "" },
		{ "|", "" },
		{ "\\E\\Q", "" },
	};

	(void)state;
	check_rows(rows, nitems(rows));
}

static void
test_caseless(void **state)
{
	static const struct want rows[] = {
		{ "Health", "0 2" },
		{ "health", "0 2" },
		{ "HEALTH", "0 2" },
		{ "AMSA", "0" },
		{ "amsa", "0" },
		/* E acute either way; Greek; Cyrillic; the Kelvin sign. */
		{ "\xc3\xa9" "cole", "2" },
		{ "SANT\xc3\x89", "2" },
		{ "\xce\xa3\xce\x9f\xce\xa6\xce\x8a\xce\x91", "2" },
		{ "\xd0\xbc\xd0\xb5\xd0\xb4", "2" },
		{ "kelvin", "2" },
	};

	(void)state;
	check_rows(rows, nitems(rows));
}

static void
test_every_word_any_order(void **state)
{
	static const struct want rows[] = {
		{ "students medical", "0" },
		{ "medical students", "0" },
		/* One in the name, one in the tags, one in the description. */
		{ "medicine equity american", "0" },
		{ "amsa students", "0" },
		/* Every word, not any. */
		{ "medical nursing", "" },
		{ "associat", "0 1" },
		{ "associat degree", "1" },
		/* Repeated, and apart by tabs and Unicode spaces. */
		{ "nursing nursing NURSING", "1" },
		{ "\tdegree\xc2\xa0" "colleges\xe3\x80\x80", "1" },
		/* The url is not searched: "www" and "oadn.org" are only there. */
		{ "www", "" },
		{ "oadn.org", "" },
	};

	(void)state;
	check_rows(rows, nitems(rows));
}

/* A query with no words filters nothing; it is never an error. */
static void
test_empty(void **state)
{
	static const char *const blank[] = { "", " ", "  \t ", "\xc2\xa0",
	    "\xe3\x80\x80 \xe2\x80\x83" };
	struct match_error err;
	struct matcher *m;
	size_t i;

	(void)state;
	for (i = 0; i < nitems(blank); i++) {
		m = (struct matcher *)&err;
		assert_int_equal(query_compile(SEARCH_WORDS, blank[i],
		    strlen(blank[i]), FIELD_ALL, &m, &err), 0);
		assert_null(m);
	}
	/* Neither is a malformed byte: it is read as U+FFFD. */
	assert_int_equal(query_compile(SEARCH_WORDS, "caf\xe9", 4, FIELD_ALL,
	    &m, &err), 0);
	assert_non_null(m);
	match_free(m);
}

/* The spans of query's highlights in text. */
static const char *
marks(const char *query, const char *text)
{
	struct spans sp = { 0 };
	struct match_error err;
	struct matcher *m = words(query);
	const char *s;

	assert_true(match_spans(m, text, strlen(text), &sp, &err) >= 0);
	s = as_text(NULL, sp.v, sp.len);
	spans_free(&sp);
	match_free(m);
	return s;
}

static void
test_highlights(void **state)
{
	(void)state;
	/* Every occurrence of every word, in any case. */
	assert_string_equal(marks("medical students",
	    "Students of medicine: medical STUDENTS, medical"),
	    "0-8 22-29 30-38 40-47");
	/* Where two words start together, the longer is marked. */
	assert_string_equal(marks("nurs nursing", "nursing nurse"),
	    "0-7 8-12");
	assert_string_equal(marks("*nurse", "a *nurse, a nurse"), "2-8");
	assert_string_equal(marks("2+2", "2+2=4, 22"), "0-3");
	assert_string_equal(marks("\xc3\xa9" "cole", "\xc3\x89" "COLE"),
	    "0-6");
}

/* Words past QUERY_WORDS_MAX are left out; repeats count once. */
static void
test_word_limit(void **state)
{
	struct buf yaml = { 0 }, q = { 0 };
	struct recordset rs;
	struct indices out = { 0 };
	struct match_error err;
	struct matcher *m;
	int i;

	(void)state;
	buf_adds(&yaml, "allies:\n  - name: n\n    url: https://a.example/\n"
	    "    description:");
	for (i = 0; i < QUERY_WORDS_MAX; i++)
		buf_addf(&yaml, " w%d", i);
	buf_adds(&yaml, "\n");
	load(&rs, yaml.ptr);
	for (i = 0; i < QUERY_WORDS_MAX; i++)
		buf_addf(&q, "w%d w%d ", i, i);
	/* The first QUERY_WORDS_MAX are there; the one after is not. */
	buf_addf(&q, "absent");
	assert_int_equal(query_compile(SEARCH_WORDS, q.ptr, q.len, FIELD_ALL,
	    &m, &err), 0);
	assert_int_equal(match_filter(m, &rs, 0, rs.len, &out, &err), 0);
	assert_int_equal(out.len, 1);
	match_free(m);
	indices_free(&out);
	buf_free(&q);
	buf_free(&yaml);
	recordset_done(&rs);
}

/*
 * The records one slice of a scan takes for work units: a query of two
 * words passes over each record three times (the alternation, then each
 * word), so a slice takes a third as many records as for one word.
 */
static size_t
slice_of(const struct recordset *rs, const char *query, size_t work)
{
	struct indices out = { 0 };
	struct match_error err;
	struct matcher *m = words(query);
	size_t next;

	match_begin(m);
	assert_int_equal(match_scan(m, rs, 0, rs->len, work, &next, &out,
	    &err), 0);
	/* Literals on short records run uncounted. */
	assert_int_equal(match_spent(m), 0);
	indices_free(&out);
	match_free(m);
	return next;
}

static void
test_slice_work(void **state)
{
	struct buf yaml = { 0 };
	struct recordset rs;
	size_t one, two, i;

	(void)state;
	buf_adds(&yaml, "allies:\n");
	for (i = 0; i < 3000; i++)
		buf_addf(&yaml, "  - {name: n%05zu, url: "
		    "\"https://a.example/\", description: d}\n", i);
	load(&rs, yaml.ptr);
	one = slice_of(&rs, "zzz", 20000);
	two = slice_of(&rs, "zzz yyy", 20000);
	/* Within a record or two of a third: the slice's first is apart. */
	if (one < 300 || one > 3 * two + 6 || one + 6 < 3 * two)
		fail_msg("a slice took %zu records for one word, %zu for two",
		    one, two);
	/* A scan with room for all goes to the end. */
	assert_int_equal(slice_of(&rs, "zzz yyy", SIZE_MAX), rs.len);
	buf_free(&yaml);
	recordset_done(&rs);
}

/* Regex mode is match_compile()'s: smart case, and its errors. */
static void
test_regex_mode(void **state)
{
	struct recordset rs;
	struct indices out = { 0 };
	struct match_error err;
	struct matcher *m;

	(void)state;
	load(&rs, allies_yaml);
	assert_int_equal(query_compile(SEARCH_REGEX, "*nurse", 6, FIELD_ALL,
	    &m, &err), -1);
	assert_null(m);
	assert_non_null(strstr(err.msg, "quantifier"));
	assert_true(err.has_offset);
	assert_int_equal(query_compile(SEARCH_REGEX, "", 0, FIELD_ALL, &m,
	    &err), 0);
	assert_null(m);
	/* "Health" has an upper-case letter: exact case. */
	assert_int_equal(query_compile(SEARCH_REGEX, "Health", 6, FIELD_ALL,
	    &m, &err), 0);
	assert_int_equal(match_filter(m, &rs, 0, rs.len, &out, &err), 0);
	assert_int_equal(out.len, 0);
	match_free(m);
	/* The url is searched in regex mode. */
	assert_int_equal(query_compile(SEARCH_REGEX, "www", 3, FIELD_ALL, &m,
	    &err), 0);
	out.len = 0;
	assert_int_equal(match_filter(m, &rs, 0, rs.len, &out, &err), 0);
	assert_int_equal(out.len, 2);
	match_free(m);
	indices_free(&out);
	recordset_done(&rs);
}

/* One field asked for (the bar's Tab): words search that field only. */
static void
test_one_field(void **state)
{
	struct recordset rs;
	struct indices out = { 0 };
	struct match_error err;
	struct matcher *m;

	(void)state;
	load(&rs, allies_yaml);
	assert_int_equal(query_compile(SEARCH_WORDS, "oadn.org", 8,
	    FIELD_BIT(FIELD_URL), &m, &err), 0);
	assert_int_equal(match_filter(m, &rs, 0, rs.len, &out, &err), 0);
	assert_int_equal(out.len, 1);
	assert_int_equal(out.v[0], 1);
	match_free(m);
	out.len = 0;
	assert_int_equal(query_compile(SEARCH_WORDS, "nursing", 7,
	    FIELD_BIT(FIELD_TAGS), &m, &err), 0);
	assert_int_equal(match_filter(m, &rs, 0, rs.len, &out, &err), 0);
	assert_int_equal(out.len, 1);
	match_free(m);
	indices_free(&out);
	recordset_done(&rs);
}

static void
test_names_and_words(void **state)
{
	const char *s = "  one\xe2\x80\x82two\tthree ";
	size_t at = 0, w, n;

	(void)state;
	assert_int_equal(query_mode_lookup("words"), SEARCH_WORDS);
	assert_int_equal(query_mode_lookup("regex"), SEARCH_REGEX);
	assert_int_equal(query_mode_lookup("word"), -1);
	assert_int_equal(query_mode_lookup(""), -1);
	assert_string_equal(query_mode_name(SEARCH_WORDS), "words");
	assert_string_equal(query_mode_name(SEARCH_REGEX), "regex");
	assert_true(query_next_word(s, strlen(s), &at, &w, &n));
	assert_int_equal(w, 2);
	assert_int_equal(n, 3);
	assert_true(query_next_word(s, strlen(s), &at, &w, &n));
	assert_int_equal(w, 8);
	assert_int_equal(n, 3);
	assert_true(query_next_word(s, strlen(s), &at, &w, &n));
	assert_int_equal(n, 5);
	assert_false(query_next_word(s, strlen(s), &at, &w, &n));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_metacharacters),
		cmocka_unit_test(test_caseless),
		cmocka_unit_test(test_every_word_any_order),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_highlights),
		cmocka_unit_test(test_word_limit),
		cmocka_unit_test(test_slice_work),
		cmocka_unit_test(test_regex_mode),
		cmocka_unit_test(test_one_field),
		cmocka_unit_test(test_names_and_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
