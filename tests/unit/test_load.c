/*
 * Unit tests for the loader: YAML data files to a recordset.  Each test
 * feeds load_buffer() a small document written inline and checks either
 * the records it builds or the diagnostics, with their exact line and
 * column.  Most diagnostics are checked from two tables, documents
 * refused with one error and documents with several diagnostics, one
 * cmocka test a row, among them each rule of a URL with the column of
 * the character at fault.  Also covers the all-or-nothing rule (a bad file
 * leaves the caller's recordset alone), the hostile-input limits,
 * load_file() and errlist_format().
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
	const void	*row;		/* the table row it runs, or NULL */
};

/* *state comes in as the row (NULL for the tests of their own). */
static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	recordset_init(&f->rs);
	errlist_init(&f->errs);
	f->row = *state;
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

/*
 * Documents that must be refused with exactly one error, at line:col and
 * containing needle, one a row.  A row is named after the test it was
 * before the checks became a table; each row is a test of its own (see
 * main), so that a failing row is named and hides none after it.
 */
#define BYTES(s)	s, sizeof(s) - 1	/* a literal that holds a NUL */

static const struct refusal {
	const char	*what;		/* the row's name as a test */
	const char	*yaml;
	size_t		 len;		/* 0: the whole C string */
	unsigned	 line;
	unsigned	 col;
	const char	*needle;	/* in the message */
	const char	*also;		/* also in the message, or NULL */
} refusals[] = {
	{ "duplicate_key",
	  "allies:\n"
	  "  - name: A\n"
	  "    url: https://a.example/\n"
	  "    description: d\n"
	  "    name: B\n", 0, 5, 5, "first given at line 2", "'name'" },
	{ "missing_url",
	  "allies:\n"
	  "  - name: A\n"
	  "    description: d\n", 0, 2, 5, "'url'", NULL },
	{ "missing_description",
	  "allies:\n"
	  "  - name: A\n"
	  "    url: https://a.example/\n", 0, 2, 5, "'description'", NULL },
	{ "bad_program_url",
	  "program:\n"
	  "  become_ally_url: mailto:x@example.org\n"
	  "allies: []\n", 0, 2, 20, "become_ally_url", NULL },
	{ "blank_description",
	  "allies:\n"
	  "  - name: A\n"
	  "    url: https://a.example/\n"
	  "    description: \"  \"\n", 0, 4, 18, "'description' is empty",
	  NULL },
	{ "wrong_types_structure: allies a mapping",
	  "allies: {}\n", 0, 1, 9, "'allies' must be a list", NULL },
	{ "wrong_types_structure: allies a string",
	  "allies: 5\n", 0, 1, 9, "not a string", NULL },
	{ "wrong_types_structure: the top level a list",
	  "- allies\n", 0, 1, 1, "top level must be a mapping", NULL },
	{ "wrong_types_structure: an ally a string",
	  "allies:\n  - 5\n", 0, 2, 5, "ally 1 must be a mapping", NULL },
	{ "wrong_types_structure: program a list",
	  "program: [x]\nallies: []\n", 0, 1, 10,
	  "'program' must be a mapping", NULL },
	{ "wrong_types_structure: benefits a string",
	  "program:\n  benefits: x\nallies: []\n", 0, 2, 13,
	  "'benefits' must be a list", NULL },
	{ "wrong_types_structure: no allies",
	  "program: {}\n", 0, 1, 1, "no 'allies' key", NULL },
	{ "wrong_types_structure: a tag a list",
	  "allies:\n"
	  "  - name: A\n"
	  "    url: https://a.example/\n"
	  "    description: d\n"
	  "    tags: [a, [b], c]\n", 0, 5, 15,
	  "each item of 'tags' must be a string, not a list", NULL },
	{ "wrong_types_structure: a key a list",
	  "allies:\n"
	  "  - name: A\n"
	  "    url: https://a.example/\n"
	  "    description: d\n"
	  "    ? [k]\n"
	  "    : v\n", 0, 5, 7, "a key must be a string", NULL },
	{ "nul_in_string",
	  "allies:\n"
	  "  - name: A\n"
	  "    url: https://a.example/\n"
	  "    description: \"a\\0b\"\n", 0, 4, 18, "NUL", NULL },
	{ "alias_undefined",
	  "allies:\n"
	  "  - name: *nope\n"
	  "    url: https://a.example/\n"
	  "    description: d\n", 0, 2, 11, "*nope", NULL },
	{ "nul_byte",
	  BYTES("allies:\n  - name: a\0b\n"), 2, 12, "NUL byte", NULL },
	{ "control_character",
	  "allies:\n  - name: a\033b\n", 0, 2, 12, "control character 0x1b",
	  NULL },
	/* Column counted in characters: two é before the bad byte. */
	{ "invalid_utf8: a bad byte",
	  "allies:\n  - name: \xc3\xa9\xc3\xa9\xff\n", 0, 2, 13,
	  "invalid UTF-8", NULL },
	/* An overlong encoding of '/'. */
	{ "invalid_utf8: overlong",
	  "allies:\n  - name: ab\xc0\xaf\n", 0, 2, 13, "invalid UTF-8",
	  NULL },
	/*
	 * A sequence cut short by a byte that cannot continue it: the
	 * column is the sequence's first byte, which is what is wrong, not
	 * the valid character after it.
	 */
	{ "invalid_utf8_cut_sequence: of two bytes",
	  "allies:\n  - name: ab\xc3(\n", 0, 2, 13, "invalid UTF-8", NULL },
	{ "invalid_utf8_cut_sequence: of three bytes",
	  "allies:\n  - name: \xc3\xa9\xe2\x82(\n", 0, 2, 12,
	  "invalid UTF-8", NULL },
	{ "utf8_bom: allies a string",
	  "\xef\xbb\xbf" "allies: 5\n", 0, 1, 9, "'allies' must be a list",
	  NULL },
	{ "utf8_bom: invalid UTF-8",
	  "\xef\xbb\xbf" "allies: [\xff]\n", 0, 1, 10, "invalid UTF-8",
	  NULL },
	{ "utf8_bom: NUL byte",
	  BYTES("\xef\xbb\xbf" "allies: [\0]\n"), 1, 10, "NUL byte", NULL },
	{ "utf16_bom: UTF-16LE",
	  BYTES("\xff\xfe" "a\0l\0"), 1, 1, "UTF-16", NULL },
	{ "utf16_bom: UTF-16BE",
	  BYTES("\xfe\xff" "\0a\0l"), 1, 1, "UTF-16", NULL },
	{ "utf16_bom: UTF-32LE",
	  BYTES("\xff\xfe\0\0" "a\0\0\0"), 1, 1, "UTF-16", NULL },
	{ "two_documents",
	  "allies: []\n---\nallies: []\n", 0, 2, 1, "second document",
	  NULL },
	{ "empty_input: a comment",
	  "# nothing but a comment\n\n", 0, 1, 1, "empty", NULL },
	/*
	 * The rules of a URL (url.h), each with its column: the character
	 * at fault as the file has it, through quotes and escapes.
	 */
#define URL_DOC(u)	\
	"allies:\n  - name: A\n    url: " u "\n    description: d\n"
	{ "url_rule: C1 controls written as escapes",
	  URL_DOC("\"https://a.example/;x\\u009c\\u009b31m\\u2028\""), 0, 3,
	  31, "holds the control character U+009C", "take it out" },
	{ "url_rule: ESC",
	  URL_DOC("\"https://a.example/\\e[31m\""), 0, 3, 29,
	  "control character U+001B", NULL },
	{ "url_rule: DEL",
	  URL_DOC("\"https://a\\x7f.example/\""), 0, 3, 20,
	  "control character U+007F", NULL },
	{ "url_rule: NEL",
	  URL_DOC("\"https://a.example/\\N\""), 0, 3, 29,
	  "control character U+0085", NULL },
	{ "url_rule: a tab",
	  URL_DOC("\"https://a.example/\\t\""), 0, 3, 29,
	  "control character U+0009", NULL },
	{ "url_rule: line separator",
	  URL_DOC("\"https://a.example/\\u2028\""), 0, 3, 29,
	  "invisible character U+2028", NULL },
	{ "url_rule: paragraph separator",
	  URL_DOC("\"https://a.example/\\P\""), 0, 3, 29,
	  "invisible character U+2029", NULL },
	{ "url_rule: zero-width space",
	  URL_DOC("\"https://a.example/\\u200b\""), 0, 3, 29,
	  "invisible character U+200B", NULL },
	{ "url_rule: a raw right-to-left override",
	  URL_DOC("https://a.example/\xe2\x80\xae"), 0, 3, 28,
	  "invisible character U+202E", NULL },
	{ "url_rule: a space",
	  URL_DOC("https://a.example/a b"), 0, 3, 29, "holds a space",
	  "%20" },
	{ "url_rule: a space written as an escape",
	  URL_DOC("\"https://a.example/\\x20\""), 0, 3, 29, "holds a space",
	  NULL },
	{ "url_rule: a double quote",
	  URL_DOC("'https://a.example/\"'"), 0, 3, 29,
	  "holds a quote (\"); write it as %22", NULL },
	{ "url_rule: a single quote",
	  URL_DOC("\"https://a.example/it's\""), 0, 3, 31,
	  "holds a quote ('); write it as %27", NULL },
	{ "url_rule: a backslash",
	  URL_DOC("\"https://a.example\\\\evil.example/\""), 0, 3, 28,
	  "holds a backslash", "%5C" },
	{ "url_rule: a backtick",
	  URL_DOC("https://a.example/`id`"), 0, 3, 28,
	  "holds a backtick (`); write it as %60", NULL },
	{ "url_rule: <",
	  URL_DOC("'https://a.example/<'"), 0, 3, 29, "holds \"<\"", "%3C" },
	{ "url_rule: >",
	  URL_DOC("'https://a.example/>'"), 0, 3, 29, "holds \">\"", "%3E" },
	{ "url_rule: ^",
	  URL_DOC("'https://a.example/^'"), 0, 3, 29, "holds \"^\"", "%5E" },
	{ "url_rule: {",
	  URL_DOC("'https://a.example/{'"), 0, 3, 29, "holds \"{\"", "%7B" },
	{ "url_rule: |",
	  URL_DOC("'https://a.example/|'"), 0, 3, 29, "holds \"|\"", "%7C" },
	{ "url_rule: }",
	  URL_DOC("'https://a.example/}'"), 0, 3, 29, "holds \"}\"", "%7D" },
	{ "url_rule: [ in the path",
	  URL_DOC("https://a.example/[x]"), 0, 3, 28, "holds \"[\"", "%5B" },
	{ "url_rule: [ inside a host name",
	  URL_DOC("https://a[b]/"), 0, 3, 19, "holds \"[\"", NULL },
	{ "url_rule: a second #",
	  URL_DOC("https://a.example/#a#b"), 0, 3, 30, "holds \"#\"", "%23" },
	{ "url_rule: % without two hex digits",
	  URL_DOC("https://a.example/%4"), 0, 3, 28,
	  "holds a \"%\" without two hex digits", "%25" },
	{ "url_rule: % before a letter",
	  URL_DOC("https://a.example/%g0"), 0, 3, 28, "holds a \"%\"", NULL },
	{ "url_rule: non-ASCII in the path",
	  URL_DOC("https://a.example/caf\xc3\xa9"), 0, 3, 31,
	  "holds the non-ASCII character \"\xc3\xa9\" (U+00E9)",
	  "percent-encoded, as %C3%A9" },
	{ "url_rule: user@ before the host",
	  URL_DOC("https://www.aafp.org@evil.example/"), 0, 3, 30,
	  "has a user name before \"@\"", "leads to \"evil.example\"" },
	{ "url_rule: user:password@ before the host",
	  URL_DOC("https://user:pass@a.example/"), 0, 3, 27,
	  "has a user name before \"@\"", "leads to \"a.example\"" },
	{ "url_rule: an empty user@",
	  URL_DOC("https://@a.example/"), 0, 3, 18, "user name", NULL },
	{ "url_rule: a non-ASCII host",
	  URL_DOC("https://b\xc3\xbc" "cher.example/"), 0, 3, 19,
	  "non-ASCII character \"\xc3\xbc\" (U+00FC) in its host", "punycode" },
	{ "url_rule: a percent-encoded host",
	  URL_DOC("https://b%C3%BCcher.example/"), 0, 3, 19,
	  "percent escape in its host", "punycode" },
	{ "url_rule: no host",
	  URL_DOC("https://"), 0, 3, 18, "has no host", NULL },
	{ "url_rule: no host before the path",
	  URL_DOC("http:///x"), 0, 3, 17, "has no host", NULL },
	{ "url_rule: no host before the port",
	  URL_DOC("https://:80/"), 0, 3, 18, "has no host", NULL },
	{ "url_rule: a bad IPv6 host",
	  URL_DOC("http://[::1g]/"), 0, 3, 21, "bad IPv6 host", NULL },
	{ "url_rule: an unclosed IPv6 host",
	  URL_DOC("http://[::1"), 0, 3, 21, "bad IPv6 host", NULL },
	{ "url_rule: an empty IPv6 host",
	  URL_DOC("http://[]/"), 0, 3, 18, "bad IPv6 host", NULL },
	{ "url_rule: something after an IPv6 host",
	  URL_DOC("http://[::1]x/"), 0, 3, 22, "bad IPv6 host", NULL },
	{ "url_rule: a port that is not a number",
	  URL_DOC("https://a.example:8o/"), 0, 3, 29, "port", NULL },
	{ "url_rule: not http(s)",
	  URL_DOC("\"ftp://a.example/\""), 0, 3, 11, "is not a web address",
	  "https://" },
	{ "url_rule: the program's url",
	  "program:\n  url: https://a.example/a b\nallies: []\n", 0, 2, 27,
	  "'url' \"https://a.example/a b\" holds a space", NULL },
	{ "url_rule: the program's become_ally_url",
	  "program:\n  become_ally_url: https://x@y.example/\nallies: []\n", 0,
	  2, 29, "'become_ally_url'", "user name" },
	/* Where the fault is found: after anchors, tags, escapes, folds. */
	{ "url_column: after an anchor",
	  URL_DOC("&u \"https://a.example/\\u009c\""), 0, 3, 32, "U+009C",
	  NULL },
	{ "url_column: after a tag",
	  URL_DOC("!!str https://a.example/a b"), 0, 3, 35, "space", NULL },
	{ "url_column: in single quotes",
	  URL_DOC("'https://a.example/a b'"), 0, 3, 30, "space", NULL },
	{ "url_column: after escapes",
	  URL_DOC("\"https://a.example/\\x41\\u0042 c\""), 0, 3, 39, "space",
	  NULL },
	{ "url_column: a plain value folded",
	  "allies:\n  - name: A\n    url: https://a.example/long\n"
	  "      /path\n    description: d\n", 0, 3, 32, "space", NULL },
	{ "url_column: after an escaped line break",
	  "allies:\n  - name: A\n    url: \"https://a.example/\\\n"
	  "      x y\"\n    description: d\n", 0, 4, 8, "space", NULL },
	{ "url_column: with CRLF line ends",
	  "allies:\r\n  - name: A\r\n    url: https://a.example/a b\r\n"
	  "    description: d\r\n", 0, 3, 29, "space", NULL },
	{ "url_column: characters, not bytes, before it",
	  "allies:\n  - {name: \xc3\x89\xc3\xa9, "
	  "url: \"https://a.example/\\e\", description: d}\n", 0, 2, 40,
	  "U+001B", NULL },
	{ "url_column: after a BOM",
	  "\xef\xbb\xbf{allies: [{name: A, url: \"https://a.example/\\e\", "
	  "description: d}]}\n", 0, 1, 45, "U+001B", NULL },
	/* Where the walk cannot follow, the value's own place. */
	{ "url_column: a block scalar",
	  "allies:\n  - name: A\n    url: |-\n      https://a.example/a b\n"
	  "    description: d\n", 0, 3, 10, "space", NULL },
	{ "url_column: an alias",
	  "program:\n  name: &u \"https://a.example/\\e\"\n"
	  "allies:\n  - name: A\n    url: *u\n    description: d\n", 0, 5, 10,
	  "U+001B", NULL },
#undef URL_DOC
	/* An unclosed quote is reported where the string opens. */
	{ "syntax_error: unclosed quote",
	  "allies:\n  - name: \"A\n", 0, 2, 11, "YAML syntax", NULL },
	{ "syntax_error: indentation",
	  "allies: []\n  - x\n", 0, 2, 3, "YAML syntax", NULL },
};

static void
test_refusal(void **state)
{
	struct fixture *f = *state;
	const struct refusal *c = f->row;

	check_one_error(f, c->yaml, c->len, c->line, c->col, c->needle);
	if (c->also != NULL)
		assert_non_null(strstr(f->errs.v[0].msg, c->also));
}

/*
 * Documents and the diagnostics they must give, one a row: the load's
 * result, the counts the row checks, and each diagnostic it names, by
 * its index in the list.  A row is named after the test it was before
 * the checks became a table.
 */
#define ANY		(-1)		/* a count the row does not check */
#define MAX_WANTS	4

struct want {
	size_t		 i;		/* index in the list */
	int		 error;		/* 1 error, 0 warning */
	unsigned	 line;
	unsigned	 col;
	const char	*needle;	/* in the message; NULL ends the list */
	const char	*also;		/* also in the message, or NULL */
};

static const struct diagnosis {
	const char	*what;
	const char	*yaml;
	int		 rc;		/* what load_buffer() returns */
	int		 len;		/* errs.len, or ANY */
	int		 nerrors;	/* errs.nerrors, or ANY */
	int		 records;	/* rs.len, or ANY */
	struct want	 want[MAX_WANTS + 1];
} diagnoses[] = {
	{ "unknown_key_is_warning",
	  "allies:\n"
	  "  - name: A\n"
	  "    url: https://a.example/\n"
	  "    description: d\n"
	  "    colour: red\n", 0, 1, 0, 1,
	  { { 0, 0, 5, 5, "colour", NULL } } },
	{ "unknown_top_level_key",
	  "allies: []\nversion: 2\n", 0, ANY, 0, ANY,
	  { { 0, 0, 2, 1, "version", NULL } } },
	{ "duplicate_unknown_key",
	  "allies:\n"
	  "  - name: A\n"
	  "    url: https://a.example/\n"
	  "    description: d\n"
	  "    colour: r\n"
	  "    colour: s\n", -1, ANY, ANY, ANY,
	  { { 0, 0, 5, 5, "colour", NULL },
	    { 1, 1, 6, 5, "duplicate key", NULL } } },
	{ "empty_name",
	  "allies:\n"
	  "  - name: \"\"\n"
	  "    url: https://a.example/\n"
	  "    description: d\n", -1, ANY, ANY, 0,
	  { { 0, 1, 2, 11, "'name' is empty", NULL } } },
	{ "wrong_types",
	  "allies:\n"
	  "  - name: A\n"
	  "    url: [https://a.example/]\n"
	  "    description: {x: y}\n"
	  "    tags: b\n", -1, ANY, 3, ANY,
	  { { 0, 1, 3, 10, "'url' must be a string, not a list", NULL },
	    { 1, 1, 4, 18, "'description' must be a string, not a mapping",
	      NULL },
	    { 2, 1, 5, 11, "'tags' must be a list", NULL } } },
	{ "alias_self_reference",
	  "allies: []\nx: &a [*a]\n", -1, ANY, 1, ANY,
	  { { 1, 1, 2, 8, "*a", NULL } } },
	{ "empty_input",
	  "", -1, 1, ANY, ANY,
	  { { 0, 1, 1, 1, "empty", NULL } } },
	{ "several_errors_in_order",
	  "allies:\n"
	  "  - name: A\n"
	  "    url: ftp://x\n"
	  "    description: \"\"\n"
	  "    colour: red\n"
	  "  - name: B\n"
	  "    description: d\n", -1, 4, 3, ANY,
	  { { 0, 1, 3, 10, "'url'", NULL },
	    { 1, 1, 4, 18, "'description' is empty", NULL },
	    { 2, 0, 5, 5, "colour", NULL },
	    { 3, 1, 6, 5, "'url'", "ally 2 \"B\" has no" } } },
	/*
	 * A missing required key is its own problem: another error in the
	 * same ally must not hide it.
	 */
	{ "missing_key_reported_with_other_errors",
	  "allies:\n"
	  "  - name: A\n"
	  "    description: d\n"
	  "    tags: x\n", -1, ANY, 2, ANY,
	  { { 0, 1, 4, 11, "'tags' must be a list", NULL },
	    { 1, 1, 2, 5, "'url'", "has no" } } },
};

static void
test_diagnosis(void **state)
{
	struct fixture *f = *state;
	const struct diagnosis *c = f->row;
	const struct want *w;

	assert_int_equal(load(f, c->yaml), c->rc);
	if (c->len != ANY)
		assert_int_equal(f->errs.len, c->len);
	if (c->nerrors != ANY)
		assert_int_equal(f->errs.nerrors, c->nerrors);
	if (c->records != ANY)
		assert_int_equal(f->rs.len, c->records);
	for (w = c->want; w->needle != NULL; w++) {
		check_diag(&f->errs, w->i, w->error, w->line, w->col,
		    w->needle);
		if (w->also != NULL)
			assert_non_null(strstr(f->errs.v[w->i].msg, w->also));
	}
}

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
test_bad_url(void **state)
{
	static const struct {
		const char	*url;
		unsigned	 col;
	} bad[] = {
		{ "ftp://a.example/", 10 }, { "https://", 18 },
		{ "http:///x", 17 }, { "javascript:x", 10 },
		{ "\"https://a b.example/\"", 20 }, { "a.example", 10 },
		{ "\"\"", 10 },
	};
	struct fixture *f = *state;
	char *yaml;
	size_t i;

	for (i = 0; i < nitems(bad); i++) {
		yaml = xasprintf("allies:\n  - name: A\n    url: %s\n"
		    "    description: d\n", bad[i].url);
		check_one_error(f, yaml, 0, 3, bad[i].col, "'url'");
		free(yaml);
		errlist_done(&f->errs);
	}
}

/* Plain RFC 3986 URLs that the rules let through, kept exactly. */
static void
test_good_url(void **state)
{
	static const char *const good[] = {
		"https://a.example", "HTTPS://A.EXAMPLE/",
		"http://[::1]:8080/x", "http://[2001:db8::7]/",
		"http://192.0.2.1/", "https://a.example:/",
		"https://a.example/%41%c3%a9?q=a&b=c#f",
		"https://a.example/!$&()*+,;=~-._:@/?/?#/?@",
		"https://a.example/a;b&c$(rm$IFS-rf$IFS~)&&x=$((1+1)),!*",
		"https://xn--bcher-kva.example/",
	};
	struct fixture *f = *state;
	char *yaml;
	size_t i;
	int rc;

	for (i = 0; i < nitems(good); i++) {
		yaml = xasprintf("allies:\n  - name: A\n    url: '%s'\n"
		    "    description: d\n", good[i]);
		rc = load(f, yaml);
		if (rc != 0)
			print_error("%s: %s\n", good[i], f->errs.len > 0 ?
			    f->errs.v[0].msg : "refused");
		assert_int_equal(rc, 0);
		assert_string_equal(f->rs.v[0].text[FIELD_URL], good[i]);
		free(yaml);
		errlist_done(&f->errs);
	}
}

static void
test_alias_bomb(void **state)
{
	struct fixture *f = *state;
	struct buf b = { 0 };
	struct timespec t0, t1;
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

	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(load_n(f, b.ptr, b.len), -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true((double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9 < 1.0);
	assert_int_equal(f->errs.nerrors, 1);
	assert_true(f->errs.len >= 1);
	assert_int_equal(f->errs.v[f->errs.len - 1].error, 1);
	assert_non_null(strstr(f->errs.v[f->errs.len - 1].msg, "alias bomb"));
	assert_int_equal(f->rs.len, 0);
	buf_free(&b);
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

/* The test of one table row, named after it; setup() hands it the row. */
static struct CMUnitTest
row_test(CMUnitTestFunction fn, const char *name, const void *row)
{
	struct CMUnitTest t = cmocka_unit_test_setup_teardown(fn, setup,
	    teardown);

	t.name = name;
	t.initial_state = (void *)(uintptr_t)row;
	return t;
}

int
main(void)
{
	static const struct CMUnitTest own[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_valid_file),
		T(test_no_program),
		T(test_scalars_are_strings),
		T(test_abbreviation_absent),
		T(test_bad_url),
		T(test_good_url),
		T(test_alias_bomb),
		T(test_nesting_depth),
		T(test_utf8_bom),
		T(test_error_leaves_recordset_untouched),
		T(test_max_errors),
		T(test_anchors_and_aliases),
		T(test_load_file),
		T(test_errlist_format),
		T(test_messages_are_safe),
#undef T
	};
	struct CMUnitTest tests[nitems(own) + nitems(refusals) +
	    nitems(diagnoses)];
	struct CMUnitTest *t = tests;
	size_t i;

	for (i = 0; i < nitems(own); i++)
		*t++ = own[i];
	for (i = 0; i < nitems(refusals); i++)
		*t++ = row_test(test_refusal, refusals[i].what, &refusals[i]);
	for (i = 0; i < nitems(diagnoses); i++)
		*t++ = row_test(test_diagnosis, diagnoses[i].what,
		    &diagnoses[i]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
