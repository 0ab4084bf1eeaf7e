/*
 * Unit tests for load.c: YAML data files to a recordset.  Each test feeds
 * load_buffer() a small document written inline and checks either the
 * records it builds or the diagnostics, with their exact line and column.
 * Also covers the all-or-nothing rule (a bad file leaves the caller's
 * recordset alone), the hostile-input limits, load_file() and
 * errlist_format().
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "load.h"
#include "record.h"
#include "util.h"

/* A recordset and an error list, set up and torn down around each test. */
struct fixture {
	struct recordset rs;
	struct errlist	 errs;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	recordset_init(&f->rs);
	errlist_init(&f->errs);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	recordset_done(&f->rs);
	errlist_done(&f->errs);
	free(f);
	return 0;
}

/* Load len bytes (the whole C string when len is 0). */
static int
load_n(struct fixture *f, const char *yaml, size_t len)
{
	return load_buffer(yaml, len != 0 ? len : strlen(yaml), &f->rs,
	    &f->errs);
}

static int
load(struct fixture *f, const char *yaml)
{
	return load_n(f, yaml, 0);
}

/*
 * Check diagnostic i: kind, position, and a piece of its message.  On a
 * mismatch print every diagnostic so the failure says what was found.
 */
static void
check_diag(const struct errlist *e, size_t i, int error, unsigned line,
    unsigned col, const char *needle)
{
	size_t j;
	int ok;

	ok = i < e->len && e->v[i].error == error && e->v[i].line == line &&
	    e->v[i].col == col && strstr(e->v[i].msg, needle) != NULL;
	if (!ok) {
		print_error("wanted diag %zu: %s at %u:%u containing \"%s\"\n",
		    i, error ? "error" : "warning", line, col, needle);
		for (j = 0; j < e->len; j++)
			print_error("  got %zu: %s %u:%u %s\n", j,
			    e->v[j].error ? "error" : "warning", e->v[j].line,
			    e->v[j].col, e->v[j].msg);
	}
	assert_true(ok);
}

/* A load that must fail with exactly one error, at line:col. */
static void
check_one_error(struct fixture *f, const char *yaml, size_t len,
    unsigned line, unsigned col, const char *needle)
{
	assert_int_equal(load_n(f, yaml, len), -1);
	check_diag(&f->errs, 0, 1, line, col, needle);
	assert_int_equal(f->errs.len, 1);
	assert_int_equal(f->errs.nerrors, 1);
}

static const char valid_yaml[] =
    "program:\n"
    "  name: The Program\n"
    "  summary: What it is.\n"
    "  benefits:\n"
    "    - First benefit\n"
    "    - Second benefit\n"
    "  term: Two years\n"
    "  url: https://example.org/program\n"
    "  become_ally_url: https://example.org/join\n"
    "allies:\n"
    "  - name: Alpha Association\n"
    "    abbreviation: AA\n"
    "    url: https://alpha.example/\n"
    "    description: >\n"
    "      Alpha does\n"
    "      things.\n"
    "    tags: [one, two words, three]\n"
    "  - name: \"Beta \\u00e9t\\u00e9\"\n"
    "    url: http://beta.example/path?q=1\n"
    "    description: Beta.\n";

static void
test_valid_file(void **state)
{
	struct fixture *f = *state;
	const struct record *r;
	const struct program *p = &f->rs.program;

	assert_int_equal(load(f, valid_yaml), 0);
	assert_int_equal(f->errs.len, 0);
	assert_int_equal(f->errs.nerrors, 0);
	assert_int_equal(f->rs.len, 2);

	r = &f->rs.v[0];
	assert_string_equal(r->text[FIELD_NAME], "Alpha Association");
	assert_string_equal(r->text[FIELD_ABBREVIATION], "AA");
	assert_string_equal(r->text[FIELD_URL], "https://alpha.example/");
	assert_string_equal(r->text[FIELD_DESCRIPTION], "Alpha does things.\n");
	assert_string_equal(r->text[FIELD_TAGS], "one, two words, three");
	assert_int_equal(r->len[FIELD_NAME], strlen("Alpha Association"));
	assert_int_equal(r->len[FIELD_TAGS], strlen("one, two words, three"));
	assert_int_equal(r->len[FIELD_DESCRIPTION],
	    strlen("Alpha does things.\n"));
	assert_int_equal(r->ntags, 3);
	assert_string_equal(r->tags[0], "one");
	assert_string_equal(r->tags[1], "two words");
	assert_string_equal(r->tags[2], "three");

	r = &f->rs.v[1];
	assert_string_equal(r->text[FIELD_NAME], "Beta \xc3\xa9t\xc3\xa9");
	assert_int_equal(r->len[FIELD_NAME], 10);
	assert_string_equal(r->text[FIELD_URL], "http://beta.example/path?q=1");
	assert_string_equal(r->text[FIELD_DESCRIPTION], "Beta.");
	assert_string_equal(r->text[FIELD_TAGS], "");
	assert_int_equal(r->len[FIELD_TAGS], 0);
	assert_int_equal(r->ntags, 0);

	assert_true(f->rs.has_program);
	assert_string_equal(p->name, "The Program");
	assert_string_equal(p->summary, "What it is.");
	assert_string_equal(p->term, "Two years");
	assert_string_equal(p->url, "https://example.org/program");
	assert_string_equal(p->become_ally_url, "https://example.org/join");
	assert_int_equal(p->nbenefits, 2);
	assert_string_equal(p->benefits[0], "First benefit");
	assert_string_equal(p->benefits[1], "Second benefit");
}

static void
test_no_program(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f, "allies: []\n"), 0);
	assert_int_equal(f->rs.len, 0);
	assert_false(f->rs.has_program);
	assert_null(f->rs.program.name);
	assert_null(f->rs.program.become_ally_url);
	assert_int_equal(f->rs.program.nbenefits, 0);
	assert_int_equal(f->errs.len, 0);
}

static void
test_scalars_are_strings(void **state)
{
	struct fixture *f = *state;
	const struct record *r;

	assert_int_equal(load(f,
	    "allies:\n"
	    "  - name: yes\n"
	    "    abbreviation: 0x10\n"
	    "    url: https://a.example/\n"
	    "    description: ~\n"
	    "    tags: [no, 1.5, null, true]\n"), 0);
	assert_int_equal(f->errs.len, 0);
	assert_int_equal(f->rs.len, 1);
	r = &f->rs.v[0];
	assert_string_equal(r->text[FIELD_NAME], "yes");
	assert_string_equal(r->text[FIELD_ABBREVIATION], "0x10");
	assert_string_equal(r->text[FIELD_DESCRIPTION], "~");
	assert_string_equal(r->text[FIELD_TAGS], "no, 1.5, null, true");
	assert_int_equal(r->ntags, 4);
}

static void
test_abbreviation_absent(void **state)
{
	struct fixture *f = *state;
	const struct record *r;

	assert_int_equal(load(f,
	    "allies:\n"
	    "  - name: A\n"
	    "    url: https://a.example/\n"
	    "    description: d\n"), 0);
	r = &f->rs.v[0];
	assert_non_null(r->text[FIELD_ABBREVIATION]);
	assert_string_equal(r->text[FIELD_ABBREVIATION], "");
	assert_int_equal(r->len[FIELD_ABBREVIATION], 0);
	assert_string_equal(r->text[FIELD_TAGS], "");
}

static void
test_unknown_key_is_warning(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f,
	    "allies:\n"
	    "  - name: A\n"
	    "    url: https://a.example/\n"
	    "    description: d\n"
	    "    colour: red\n"), 0);
	assert_int_equal(f->rs.len, 1);
	assert_int_equal(f->errs.len, 1);
	assert_int_equal(f->errs.nerrors, 0);
	check_diag(&f->errs, 0, 0, 5, 5, "colour");
}

static void
test_unknown_top_level_key(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f, "allies: []\nversion: 2\n"), 0);
	check_diag(&f->errs, 0, 0, 2, 1, "version");
	assert_int_equal(f->errs.nerrors, 0);
}

static void
test_duplicate_key(void **state)
{
	struct fixture *f = *state;

	check_one_error(f,
	    "allies:\n"
	    "  - name: A\n"
	    "    url: https://a.example/\n"
	    "    description: d\n"
	    "    name: B\n", 0, 5, 5, "first given at line 2");
	assert_non_null(strstr(f->errs.v[0].msg, "'name'"));
}

static void
test_duplicate_unknown_key(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f,
	    "allies:\n"
	    "  - name: A\n"
	    "    url: https://a.example/\n"
	    "    description: d\n"
	    "    colour: r\n"
	    "    colour: s\n"), -1);
	check_diag(&f->errs, 0, 0, 5, 5, "colour");
	check_diag(&f->errs, 1, 1, 6, 5, "duplicate key");
}

static void
test_missing_url(void **state)
{
	struct fixture *f = *state;

	check_one_error(f,
	    "allies:\n"
	    "  - name: A\n"
	    "    description: d\n", 0, 2, 5, "'url'");
}

static void
test_missing_description(void **state)
{
	struct fixture *f = *state;

	check_one_error(f,
	    "allies:\n"
	    "  - name: A\n"
	    "    url: https://a.example/\n", 0, 2, 5, "'description'");
}

static void
test_bad_url(void **state)
{
	static const char *const bad[] = {
		"ftp://a.example/", "https://", "http:///x", "javascript:x",
		"\"https://a b.example/\"", "a.example", "\"\"",
	};
	struct fixture *f = *state;
	char *yaml;
	size_t i;

	for (i = 0; i < nitems(bad); i++) {
		yaml = xasprintf("allies:\n  - name: A\n    url: %s\n"
		    "    description: d\n", bad[i]);
		check_one_error(f, yaml, 0, 3, 10, "'url'");
		free(yaml);
		errlist_done(&f->errs);
	}
}

static void
test_bad_program_url(void **state)
{
	struct fixture *f = *state;

	check_one_error(f,
	    "program:\n"
	    "  become_ally_url: mailto:x@example.org\n"
	    "allies: []\n", 0, 2, 20, "become_ally_url");
}

static void
test_empty_name(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f,
	    "allies:\n"
	    "  - name: \"\"\n"
	    "    url: https://a.example/\n"
	    "    description: d\n"), -1);
	check_diag(&f->errs, 0, 1, 2, 11, "'name' is empty");
	assert_int_equal(f->rs.len, 0);
}

static void
test_blank_description(void **state)
{
	struct fixture *f = *state;

	check_one_error(f,
	    "allies:\n"
	    "  - name: A\n"
	    "    url: https://a.example/\n"
	    "    description: \"  \"\n", 0, 4, 18, "'description' is empty");
}

static void
test_wrong_types(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f,
	    "allies:\n"
	    "  - name: A\n"
	    "    url: [https://a.example/]\n"
	    "    description: {x: y}\n"
	    "    tags: b\n"), -1);
	check_diag(&f->errs, 0, 1, 3, 10, "'url' must be a string, not a list");
	check_diag(&f->errs, 1, 1, 4, 18,
	    "'description' must be a string, not a mapping");
	check_diag(&f->errs, 2, 1, 5, 11, "'tags' must be a list");
	assert_int_equal(f->errs.nerrors, 3);
}

static void
test_wrong_types_structure(void **state)
{
	struct fixture *f = *state;

	check_one_error(f, "allies: {}\n", 0, 1, 9,
	    "'allies' must be a list");
	errlist_done(&f->errs);
	check_one_error(f, "allies: 5\n", 0, 1, 9, "not a string");
	errlist_done(&f->errs);
	check_one_error(f, "- allies\n", 0, 1, 1,
	    "top level must be a mapping");
	errlist_done(&f->errs);
	check_one_error(f, "allies:\n  - 5\n", 0, 2, 5,
	    "ally 1 must be a mapping");
	errlist_done(&f->errs);
	check_one_error(f, "program: [x]\nallies: []\n", 0, 1, 10,
	    "'program' must be a mapping");
	errlist_done(&f->errs);
	check_one_error(f, "program:\n  benefits: x\nallies: []\n", 0, 2, 13,
	    "'benefits' must be a list");
	errlist_done(&f->errs);
	check_one_error(f, "program: {}\n", 0, 1, 1, "no 'allies' key");
	errlist_done(&f->errs);
	check_one_error(f,
	    "allies:\n"
	    "  - name: A\n"
	    "    url: https://a.example/\n"
	    "    description: d\n"
	    "    tags: [a, [b], c]\n", 0, 5, 15,
	    "each item of 'tags' must be a string, not a list");
	errlist_done(&f->errs);
	check_one_error(f,
	    "allies:\n"
	    "  - name: A\n"
	    "    url: https://a.example/\n"
	    "    description: d\n"
	    "    ? [k]\n"
	    "    : v\n", 0, 5, 7, "a key must be a string");
}

static void
test_nul_in_string(void **state)
{
	struct fixture *f = *state;

	check_one_error(f,
	    "allies:\n"
	    "  - name: A\n"
	    "    url: https://a.example/\n"
	    "    description: \"a\\0b\"\n", 0, 4, 18, "NUL");
}

static void
test_alias_undefined(void **state)
{
	struct fixture *f = *state;

	check_one_error(f,
	    "allies:\n"
	    "  - name: *nope\n"
	    "    url: https://a.example/\n"
	    "    description: d\n", 0, 2, 11, "*nope");
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
test_alias_bomb(void **state)
{
	struct fixture *f = *state;
	struct buf b = { 0 };
	double t0;
	int i, j;

	/* Ten levels of nine aliases each: a billion leaves if expanded. */
	buf_adds(&b, "x:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, "
	    "lol]\n");
	for (i = 1; i < 10; i++) {
		buf_addf(&b, "  a%d: &a%d [", i, i);
		for (j = 0; j < 9; j++)
			buf_addf(&b, "%s*a%d", j ? ", " : "", i - 1);
		buf_adds(&b, "]\n");
	}
	buf_adds(&b, "allies: []\n");

	t0 = now();
	assert_int_equal(load_n(f, b.ptr, b.len), -1);
	assert_true(now() - t0 < 1.0);
	assert_int_equal(f->errs.nerrors, 1);
	assert_true(f->errs.len >= 1);
	assert_int_equal(f->errs.v[f->errs.len - 1].error, 1);
	assert_non_null(strstr(f->errs.v[f->errs.len - 1].msg, "alias bomb"));
	assert_int_equal(f->rs.len, 0);
	buf_free(&b);
}

static void
test_alias_self_reference(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f, "allies: []\nx: &a [*a]\n"), -1);
	assert_int_equal(f->errs.nerrors, 1);
	check_diag(&f->errs, 1, 1, 2, 8, "*a");
}

static void
test_nesting_depth(void **state)
{
	struct fixture *f = *state;
	struct buf b = { 0 };
	int i;

	/* The root mapping and 63 lists: 64 levels, the limit, is fine. */
	buf_adds(&b, "allies: []\nx: ");
	for (i = 0; i < LOAD_MAX_DEPTH - 1; i++)
		buf_addc(&b, '[');
	for (i = 0; i < LOAD_MAX_DEPTH - 1; i++)
		buf_addc(&b, ']');
	buf_addc(&b, '\n');
	assert_int_equal(load_n(f, b.ptr, b.len), 0);
	assert_int_equal(f->errs.nerrors, 0);
	errlist_done(&f->errs);

	/* One more is refused where the 65th level opens. */
	buf_reset(&b);
	buf_adds(&b, "allies: []\nx: ");
	for (i = 0; i < LOAD_MAX_DEPTH; i++)
		buf_addc(&b, '[');
	for (i = 0; i < LOAD_MAX_DEPTH; i++)
		buf_addc(&b, ']');
	buf_addc(&b, '\n');
	assert_int_equal(load_n(f, b.ptr, b.len), -1);
	assert_int_equal(f->errs.nerrors, 1);
	check_diag(&f->errs, 1, 1, 2, 4 + LOAD_MAX_DEPTH - 1, "nesting deeper "
	    "than 64");

	/* Far deeper input is refused the same way, without a deep stack. */
	errlist_done(&f->errs);
	buf_reset(&b);
	buf_adds(&b, "allies: []\nx: ");
	for (i = 0; i < 100000; i++)
		buf_addc(&b, '[');
	assert_int_equal(load_n(f, b.ptr, b.len), -1);
	assert_true(f->errs.nerrors >= 1);
	buf_free(&b);
}

static void
test_nul_byte(void **state)
{
	static const char yaml[] = "allies:\n  - name: a\0b\n";
	struct fixture *f = *state;

	check_one_error(f, yaml, sizeof(yaml) - 1, 2, 12, "NUL byte");
}

static void
test_control_character(void **state)
{
	struct fixture *f = *state;

	check_one_error(f, "allies:\n  - name: a\033b\n", 0, 2, 12,
	    "control character 0x1b");
}

static void
test_invalid_utf8(void **state)
{
	struct fixture *f = *state;

	/* Column counted in characters: two é before the bad byte. */
	check_one_error(f, "allies:\n  - name: \xc3\xa9\xc3\xa9\xff\n", 0,
	    2, 13, "invalid UTF-8");
	errlist_done(&f->errs);
	/* An overlong encoding of '/'. */
	check_one_error(f, "allies:\n  - name: ab\xc0\xaf\n", 0, 2, 13,
	    "invalid UTF-8");
}

/*
 * A sequence cut short by a byte that cannot continue it: the column is
 * the sequence's first byte, which is what is wrong, not the valid
 * character after it.
 */
static void
test_invalid_utf8_cut_sequence(void **state)
{
	struct fixture *f = *state;

	check_one_error(f, "allies:\n  - name: ab\xc3(\n", 0, 2, 13,
	    "invalid UTF-8");
	errlist_done(&f->errs);
	check_one_error(f, "allies:\n  - name: \xc3\xa9\xe2\x82(\n", 0, 2,
	    12, "invalid UTF-8");
}

static void
test_utf8_bom(void **state)
{
	struct fixture *f = *state;

	/* Accepted, and line 1 columns count from after the BOM. */
	assert_int_equal(load(f, "\xef\xbb\xbf" "colour: 1\nallies:\n"
	    "  - name: A\n    url: https://a.example/\n"
	    "    description: d\n"), 0);
	assert_int_equal(f->rs.len, 1);
	assert_string_equal(f->rs.v[0].text[FIELD_NAME], "A");
	check_diag(&f->errs, 0, 0, 1, 1, "colour");
	errlist_done(&f->errs);

	check_one_error(f, "\xef\xbb\xbf" "allies: 5\n", 0, 1, 9,
	    "'allies' must be a list");
	errlist_done(&f->errs);
	check_one_error(f, "\xef\xbb\xbf" "allies: [\xff]\n", 0, 1, 10,
	    "invalid UTF-8");
	errlist_done(&f->errs);
	check_one_error(f, "\xef\xbb\xbf" "allies: [\0]\n", 15, 1, 10,
	    "NUL byte");
}

static void
test_utf16_bom(void **state)
{
	struct fixture *f = *state;

	check_one_error(f, "\xff\xfe" "a\0l\0", 6, 1, 1, "UTF-16");
	errlist_done(&f->errs);
	check_one_error(f, "\xfe\xff" "\0a\0l", 6, 1, 1, "UTF-16");
	errlist_done(&f->errs);
	check_one_error(f, "\xff\xfe\0\0" "a\0\0\0", 8, 1, 1, "UTF-16");
}

static void
test_two_documents(void **state)
{
	struct fixture *f = *state;

	check_one_error(f, "allies: []\n---\nallies: []\n", 0, 2, 1,
	    "second document");
}

static void
test_empty_input(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load_buffer("", 0, &f->rs, &f->errs), -1);
	check_diag(&f->errs, 0, 1, 1, 1, "empty");
	assert_int_equal(f->errs.len, 1);
	errlist_done(&f->errs);
	check_one_error(f, "# nothing but a comment\n\n", 0, 1, 1, "empty");
}

static void
test_syntax_error(void **state)
{
	struct fixture *f = *state;

	/* An unclosed quote is reported where the string opens. */
	check_one_error(f, "allies:\n  - name: \"A\n", 0, 2, 11,
	    "YAML syntax");
	errlist_done(&f->errs);
	check_one_error(f, "allies: []\n  - x\n", 0, 2, 3, "YAML syntax");
}

static void
test_several_errors_in_order(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f,
	    "allies:\n"
	    "  - name: A\n"
	    "    url: ftp://x\n"
	    "    description: \"\"\n"
	    "    colour: red\n"
	    "  - name: B\n"
	    "    description: d\n"), -1);
	assert_int_equal(f->errs.len, 4);
	assert_int_equal(f->errs.nerrors, 3);
	check_diag(&f->errs, 0, 1, 3, 10, "'url'");
	check_diag(&f->errs, 1, 1, 4, 18, "'description' is empty");
	check_diag(&f->errs, 2, 0, 5, 5, "colour");
	check_diag(&f->errs, 3, 1, 6, 5, "'url'");
	assert_non_null(strstr(f->errs.v[3].msg, "ally 2 \"B\" has no"));
}

/*
 * A missing required key is its own problem: another error in the same
 * ally must not hide it.
 */
static void
test_missing_key_reported_with_other_errors(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f,
	    "allies:\n"
	    "  - name: A\n"
	    "    description: d\n"
	    "    tags: x\n"), -1);
	assert_int_equal(f->errs.nerrors, 2);
	check_diag(&f->errs, 0, 1, 4, 11, "'tags' must be a list");
	check_diag(&f->errs, 1, 1, 2, 5, "'url'");
	assert_non_null(strstr(f->errs.v[1].msg, "has no"));
}

static void
test_error_leaves_recordset_untouched(void **state)
{
	struct fixture *f = *state;
	const struct record *before;
	size_t len;

	assert_int_equal(load(f, valid_yaml), 0);
	before = f->rs.v;
	len = f->rs.len;
	assert_int_equal(load(f,
	    "program:\n  name: Other\nallies:\n"
	    "  - name: Fine\n    url: https://f.example/\n"
	    "    description: d\n"
	    "  - name: Broken\n    url: gopher://x\n    description: d\n"),
	    -1);
	assert_ptr_equal(f->rs.v, before);
	assert_int_equal(f->rs.len, len);
	assert_string_equal(f->rs.v[0].text[FIELD_NAME], "Alpha Association");
	assert_string_equal(f->rs.v[0].text[FIELD_TAGS],
	    "one, two words, three");
	assert_string_equal(f->rs.v[1].text[FIELD_NAME],
	    "Beta \xc3\xa9t\xc3\xa9");
	assert_string_equal(f->rs.program.name, "The Program");
	assert_int_equal(f->rs.program.nbenefits, 2);

	/* A good load replaces it completely. */
	errlist_done(&f->errs);
	assert_int_equal(load(f, "allies:\n  - name: Only\n"
	    "    url: https://o.example/\n    description: d\n"), 0);
	assert_int_equal(f->rs.len, 1);
	assert_false(f->rs.has_program);
	assert_null(f->rs.program.name);
}

static void
test_max_errors(void **state)
{
	struct fixture *f = *state;
	struct buf b = { 0 };
	int i;

	buf_adds(&b, "allies:\n");
	for (i = 0; i < 150; i++)
		buf_addf(&b, "  - name: N%d\n    url: ftp://x\n"
		    "    description: d\n", i);
	assert_int_equal(load_n(f, b.ptr, b.len), -1);
	/* LOAD_MAX_ERRORS of them, then one line that says it stopped. */
	assert_int_equal(f->errs.len, LOAD_MAX_ERRORS + 1);
	assert_int_equal(f->errs.nerrors, LOAD_MAX_ERRORS + 1);
	check_diag(&f->errs, 0, 1, 3, 10, "'url'");
	check_diag(&f->errs, LOAD_MAX_ERRORS - 1, 1, 3 * LOAD_MAX_ERRORS, 10,
	    "'url'");
	assert_non_null(strstr(f->errs.v[LOAD_MAX_ERRORS].msg,
	    "too many errors"));
	buf_free(&b);
}

static void
test_anchors_and_aliases(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f,
	    "allies:\n"
	    "  - &x {name: A, url: \"https://a.example/\", description: d,"
	    " tags: &t [p, q r]}\n"
	    "  - *x\n"
	    "  - name: &n B\n"
	    "    url: https://b.example/\n"
	    "    description: *n\n"
	    "    tags: *t\n"), 0);
	assert_int_equal(f->errs.len, 0);
	assert_int_equal(f->rs.len, 3);
	assert_string_equal(f->rs.v[0].text[FIELD_TAGS], "p, q r");
	assert_string_equal(f->rs.v[1].text[FIELD_NAME], "A");
	assert_string_equal(f->rs.v[1].text[FIELD_URL], "https://a.example/");
	assert_string_equal(f->rs.v[1].text[FIELD_TAGS], "p, q r");
	assert_int_equal(f->rs.v[1].ntags, 2);
	assert_string_equal(f->rs.v[2].text[FIELD_DESCRIPTION], "B");
	assert_string_equal(f->rs.v[2].text[FIELD_TAGS], "p, q r");
	assert_string_equal(f->rs.v[2].tags[1], "q r");
}

static void
test_load_file(void **state)
{
	struct fixture *f = *state;
	const char *tmp = getenv("TMPDIR");
	char *path, *want;
	FILE *fp;
	int fd;

	assert_int_equal(load_file("/nonexistent/dir/allies.yaml", &f->rs,
	    &f->errs), -1);
	assert_int_equal(f->errs.len, 1);
	assert_int_equal(f->errs.nerrors, 1);
	assert_int_equal(f->errs.v[0].line, 0);
	assert_non_null(strstr(f->errs.v[0].msg, strerror(ENOENT)));
	errlist_done(&f->errs);

	path = xasprintf("%s/test_load_XXXXXX", tmp != NULL && *tmp != '\0' ?
	    tmp : "/tmp");
	fd = mkstemp(path);
	assert_true(fd != -1);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(valid_yaml, fp);
	fputs("junk: 1\n", fp);
	fclose(fp);
	assert_int_equal(load_file(path, &f->rs, &f->errs), 0);
	assert_int_equal(f->rs.len, 2);
	assert_int_equal(f->errs.len, 1);
	check_diag(&f->errs, 0, 0, 21, 1, "junk");
	want = errlist_format(&f->errs, 0, path);
	assert_true(strncmp(want, path, strlen(path)) == 0);
	assert_string_equal(want + strlen(path), ":21:1: warning: unknown "
	    "key \"junk\" in the top level ignored (known keys: program, "
	    "allies)");
	free(want);
	unlink(path);
	free(path);
}

static void
test_errlist_format(void **state)
{
	struct fixture *f = *state;
	char *s, *want;

	check_one_error(f, "allies:\n  - name: A\n    url: ftp://x\n"
	    "    description: d\n", 0, 3, 10, "'url'");
	s = errlist_format(&f->errs, 0, "data.yaml");
	want = xasprintf("data.yaml:3:10: error: %s", f->errs.v[0].msg);
	assert_string_equal(s, want);
	free(s);
	free(want);

	assert_int_equal(load_file("/nonexistent/x.yaml", &f->rs, &f->errs),
	    -1);
	s = errlist_format(&f->errs, 1, "x.yaml");
	want = xasprintf("x.yaml: error: cannot open: %s", strerror(ENOENT));
	assert_string_equal(s, want);
	free(s);
	free(want);
}

static void
test_messages_are_safe(void **state)
{
	struct fixture *f = *state;
	const char *m;

	/* Data quoted in a message never carries a control character. */
	assert_int_equal(load(f, "allies:\n  - name: A\n"
	    "    url: \"ftp://\\e[31m\\u009b\\a\"\n    description: d\n"), -1);
	m = f->errs.v[0].msg;
	assert_null(strchr(m, '\033'));
	assert_null(strchr(m, '\a'));
	assert_null(strstr(m, "\xc2\x9b"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_valid_file),
		T(test_no_program),
		T(test_scalars_are_strings),
		T(test_abbreviation_absent),
		T(test_unknown_key_is_warning),
		T(test_unknown_top_level_key),
		T(test_duplicate_key),
		T(test_duplicate_unknown_key),
		T(test_missing_url),
		T(test_missing_description),
		T(test_bad_url),
		T(test_bad_program_url),
		T(test_empty_name),
		T(test_blank_description),
		T(test_wrong_types),
		T(test_wrong_types_structure),
		T(test_nul_in_string),
		T(test_alias_undefined),
		T(test_alias_bomb),
		T(test_alias_self_reference),
		T(test_nesting_depth),
		T(test_nul_byte),
		T(test_control_character),
		T(test_invalid_utf8),
		T(test_invalid_utf8_cut_sequence),
		T(test_utf8_bom),
		T(test_utf16_bom),
		T(test_two_documents),
		T(test_empty_input),
		T(test_syntax_error),
		T(test_several_errors_in_order),
		T(test_missing_key_reported_with_other_errors),
		T(test_error_leaves_recordset_untouched),
		T(test_max_errors),
		T(test_anchors_and_aliases),
		T(test_load_file),
		T(test_errlist_format),
		T(test_messages_are_safe),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
