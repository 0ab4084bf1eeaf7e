/*
 * Unit tests for output.c: the text, tsv and yaml formats that -s and
 * --list print.  Text and tsv lines are compared exactly; the excerpt
 * shown when a match is only in the description or tags, and the match
 * colouring, are checked piece by piece.  YAML output must load again
 * (with load_buffer) into the same records, hostile strings included,
 * and must never carry a control character from the data as a raw byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "match.h"
#include "output.h"
#include "record.h"
#include "text.h"
#include "util.h"
#include "unit/fixture.h"

#define SGR_ON	"\033[1;31m"
#define SGR_OFF	"\033[m"
#define ELLIPSIS "\xe2\x80\xa6"

static void
load_into(struct recordset *rs, const char *yaml, size_t len)
{
	struct errlist e;
	size_t i;
	char *s;

	recordset_init(rs);
	errlist_init(&e);
	if (load_buffer(yaml, len, rs, &e) != 0)
		for (i = 0; i < e.len; i++) {
			s = errlist_format(&e, i, "yaml");
			print_error("%s\n", s);
			free(s);
		}
	assert_int_equal(e.nerrors, 0);
	errlist_done(&e);
}

static void
load_str(struct recordset *rs, const char *yaml)
{
	load_into(rs, yaml, strlen(yaml));
}

/*
 * Print records idx[0..n) (all of them when idx is NULL) and return what
 * was printed, NUL-terminated; *lenp gets its length.
 */
static char *
render(const struct recordset *rs, const size_t *idx, size_t n,
    const struct output_opts *o, size_t *lenp)
{
	struct match_error err;
	size_t *all = NULL, i, len;
	char *out = NULL;
	FILE *fp;

	if (idx == NULL) {
		n = rs->len;
		all = xcalloc(n + 1, sizeof(*all));
		for (i = 0; i < n; i++)
			all[i] = i;
		idx = all;
	}
	fp = open_memstream(&out, &len);
	assert_non_null(fp);
	memset(&err, 0, sizeof(err));
	assert_int_equal(output_records(fp, rs, idx, n, o, &err), 0);
	assert_false(ferror(fp));
	fclose(fp);
	free(all);
	if (lenp != NULL)
		*lenp = len;
	return out;
}

/* Print records idx[0..n) as render() does and compare with want. */
static void
expect_render(const struct recordset *rs, const size_t *idx, size_t n,
    const struct output_opts *o, const char *want)
{
	char *out;

	out = render(rs, idx, n, o, NULL);
	assert_string_equal(out, want);
	free(out);
}

static struct matcher *
compile(const char *pattern)
{
	struct match_error err;
	struct matcher *m;

	m = match_compile(pattern, strlen(pattern), FIELD_ALL, MATCH_SMART,
	    &err);
	assert_non_null(m);
	return m;
}

static const char small_yaml[] =
    "allies:\n"
    FIXTURE_NURSING_LEAGUE
    "  - name: Public Health\n"
    "    url: https://ph.example/\n"
    "    description: Public health work in towns and cities across the\n"
    "      whole country, with a special focus on rural communities that\n"
    "      have few doctors, few nurses and long distances to travel.\n"
    "    tags: [policy]\n"
    "  - name: Caf\xc3\xa9 \xe2\x80\x99Society\xe2\x80\x99\n"
    "    abbreviation: CS\n"
    "    url: https://cafe.example/\n"
    "    description: Coffee.\n";

/*
 * For the whole group: a UTF-8 locale, and small_yaml loaded as the
 * group's state, which the tests read and never change.
 */
static int
group_setup(void **state)
{
	struct recordset *rs;

	/* Excerpts are measured in columns, as on a UTF-8 terminal. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL &&
	    setlocale(LC_ALL, "C.utf8") == NULL)
		return -1;
	rs = xmalloc(sizeof(*rs));
	load_str(rs, small_yaml);
	*state = rs;
	return 0;
}

static int
group_teardown(void **state)
{
	recordset_done(*state);
	free(*state);
	return 0;
}

static void
test_text_plain(void **state)
{
	struct output_opts o = { FORMAT_TEXT, 0, 0, NULL };
	const struct recordset *rs = *state;

	expect_render(rs, NULL, 0, &o,
	    "Nursing League (NL)  https://nursing.example/\n"
	    "Public Health  https://ph.example/\n"
	    "Caf\xc3\xa9 \xe2\x80\x99Society\xe2\x80\x99 (CS)  "
	    "https://cafe.example/\n");

	/* A chosen subset, in the order given. */
	{
		static const size_t idx[] = { 2, 0 };

		expect_render(rs, idx, 2, &o,
		    "Caf\xc3\xa9 \xe2\x80\x99Society\xe2\x80\x99 (CS)  "
		    "https://cafe.example/\n"
		    "Nursing League (NL)  https://nursing.example/\n");
		expect_render(rs, idx, 0, &o, "");
	}

	/* ASCII stand-ins when the locale cannot show UTF-8. */
	o.ascii = 1;
	{
		static const size_t idx[] = { 2 };

		expect_render(rs, idx, 1, &o,
		    "Caf? 'Society' (CS)  https://cafe.example/\n");
	}
}

static void
test_text_match_in_name(void **state)
{
	struct output_opts o = { FORMAT_TEXT, 0, 0, NULL };
	const struct recordset *rs = *state;
	static const size_t idx[] = { 0 };

	o.matcher = compile("nurs");
	/* The line shows the match already: no excerpt. */
	expect_render(rs, idx, 1, &o,
	    "Nursing League (NL)  https://nursing.example/\n");

	o.color = 1;
	expect_render(rs, idx, 1, &o,
	    SGR_ON "Nurs" SGR_OFF "ing League (NL)  https://" SGR_ON "nurs"
	    SGR_OFF "ing.example/\n");
	match_free(o.matcher);
}

static void
test_text_excerpt(void **state)
{
	struct output_opts o = { FORMAT_TEXT, 0, 0, NULL };
	const struct recordset *rs = *state;
	static const size_t idx[] = { 1 };
	static const char prefix[] = "Public Health  https://ph.example/  ";
	const char *p;
	char *out;
	size_t len;

	o.matcher = compile("rural");

	out = render(rs, idx, 1, &o, &len);
	assert_true(strncmp(out, prefix, strlen(prefix)) == 0);
	p = out + strlen(prefix);
	/* Cut on both sides: an ellipsis at each end, the match between. */
	assert_true(strncmp(p, ELLIPSIS, 3) == 0);
	assert_non_null(strstr(p, "rural"));
	assert_true(strstr(p, "rural") < strstr(p + 3, ELLIPSIS));
	assert_string_equal(out + len - 4, ELLIPSIS "\n");
	assert_null(strchr(out, '\033'));
	assert_int_equal(strchr(out, '\n') - out, (long)len - 1);
	/* About a line's worth of context, not the whole description. */
	assert_true(text_width(p, len - 1 - strlen(prefix)) <= 2 * 36 + 5 + 2);
	assert_null(strstr(out, "Public health work"));
	assert_null(strstr(out, "distances to travel"));
	free(out);

	o.ascii = 1;
	out = render(rs, idx, 1, &o, &len);
	p = out + strlen(prefix);
	assert_true(strncmp(p, "...", 3) == 0);
	assert_non_null(strstr(p, "rural"));
	assert_string_equal(out + len - 4, "...\n");
	assert_null(strstr(out, "\xe2"));
	free(out);

	o.ascii = 0;
	o.color = 1;
	out = render(rs, idx, 1, &o, NULL);
	assert_non_null(strstr(out, SGR_ON "rural" SGR_OFF));
	assert_true(strncmp(out, prefix, strlen(prefix)) == 0);
	free(out);
	match_free(o.matcher);

	/* A match only in the tags shows the tags. */
	o.color = 0;
	o.matcher = compile("polic");
	expect_render(rs, idx, 1, &o,
	    "Public Health  https://ph.example/  [policy]\n");
	match_free(o.matcher);

	/* A short description is shown whole, without ellipses. */
	o.matcher = compile("patients");
	{
		static const size_t first[] = { 0 };

		expect_render(rs, first, 1, &o, "Nursing League (NL)  "
		    "https://nursing.example/  Care for patients.\n");
	}
	match_free(o.matcher);
}

static void
test_text_color_off_has_no_escape(void **state)
{
	struct output_opts o = { FORMAT_TEXT, 0, 0, NULL };
	const struct recordset *rs = *state;
	char *out;
	size_t len;

	o.matcher = compile("e");
	out = render(rs, NULL, 0, &o, &len);
	assert_int_equal(strlen(out), len);
	assert_null(strchr(out, '\033'));
	free(out);

	o.color = 1;
	out = render(rs, NULL, 0, &o, NULL);
	assert_non_null(strstr(out, SGR_ON "e" SGR_OFF));
	free(out);
	match_free(o.matcher);
}

/* Data that tries to reach the terminal: ESC, BEL, C1 CSI and NEL. */
static const char hostile_yaml[] =
    "program:\n"
    "  name: \"Prog\\e]0;owned\\a\"\n"
    "  summary: \"S\\u009b2J\"\n"
    "  benefits: [\"b\\e[5m\", \"\\u0085x\"]\n"
    "  term: \"t\\x7f\"\n"
    "  url: https://p.example/\n"
    "allies:\n"
    "  - name: \"Evil \\e[31mRed\\e[m \\a\\u009b1m\"\n"
    "    abbreviation: \"\\u0085\\t\"\n"
    "    url: \"https://evil.example/\"\n"
    "    description: \"line1\\nline2\\ttab \\e[2J \\u009b\\u0085 end\"\n"
    "    tags: [\"\\e[1m\", \"ok\\a\"]\n";

/* No raw control character in s[0, len) but those allowed. */
static void
check_no_controls(const char *s, size_t len, const char *allowed)
{
	size_t i;
	uint32_t cp;
	size_t n;

	for (i = 0; i < len; i += n) {
		n = text_decode(s + i, len - i, &cp);
		if (cp < 0x80 && strchr(allowed, (int)cp) != NULL && cp != 0)
			continue;
		if (text_is_unsafe(cp))
			print_error("raw U+%04X at byte %zu of:\n%s\n",
			    (unsigned)cp, i, s);
		assert_false(text_is_unsafe(cp));
	}
}

static void
test_text_hostile(void **state)
{
	struct output_opts o = { FORMAT_TEXT, 0, 0, NULL };
	struct recordset rs;
	char *out;
	size_t len;

	(void)state;
	load_str(&rs, hostile_yaml);
	out = render(&rs, NULL, 0, &o, &len);
	check_no_controls(out, len, "\n");
	assert_int_equal(out[len - 1], '\n');
	assert_ptr_equal(strchr(out, '\n'), out + len - 1);
	free(out);

	/* With a match in the description: the excerpt is clean too. */
	o.matcher = compile("line2");
	out = render(&rs, NULL, 0, &o, &len);
	assert_non_null(strstr(out, "line2"));
	check_no_controls(out, len, "\n");
	free(out);
	o.color = 1;
	out = render(&rs, NULL, 0, &o, &len);
	assert_non_null(strstr(out, SGR_ON "line2" SGR_OFF));
	/* The only ESCs are our own colour sequences. */
	{
		const char *p;
		size_t n = 0;

		for (p = out; (p = strchr(p, '\033')) != NULL; p++, n++)
			assert_true(strncmp(p, SGR_ON, strlen(SGR_ON)) == 0 ||
			    strncmp(p, SGR_OFF, strlen(SGR_OFF)) == 0);
		assert_int_equal(n, 2);
	}
	free(out);
	match_free(o.matcher);
	recordset_done(&rs);
}

static void
test_tsv(void **state)
{
	struct output_opts o = { FORMAT_TSV, 0, 0, NULL };
	const struct recordset *small = *state;
	struct recordset rs;
	char *out;
	size_t len;

	o.matcher = compile("rural");
	o.color = 1;
	expect_render(small, NULL, 0, &o,
	    "Nursing League\tNL\thttps://nursing.example/\n"
	    "Public Health\t\thttps://ph.example/\n"
	    "Caf\xc3\xa9 \xe2\x80\x99Society\xe2\x80\x99\tCS\t"
	    "https://cafe.example/\n");
	match_free(o.matcher);

	/* Tabs and newlines inside fields become spaces; controls go. */
	load_str(&rs,
	    "allies:\n"
	    "  - name: \"Tab\\there\\nnext\"\n"
	    "    abbreviation: \"A\\tB\"\n"
	    "    url: https://t.example/\n"
	    "    description: d\n");
	o.matcher = NULL;
	expect_render(&rs, NULL, 0, &o,
	    "Tab here next\tA B\thttps://t.example/\n");
	recordset_done(&rs);

	load_str(&rs, hostile_yaml);
	out = render(&rs, NULL, 0, &o, &len);
	check_no_controls(out, len, "\t\n");
	assert_string_equal(out, "Evil \xef\xbf\xbd[31mRed\xef\xbf\xbd[m "
	    "\xef\xbf\xbd\xef\xbf\xbd" "1m\t\xef\xbf\xbd \t"
	    "https://evil.example/\n");
	free(out);
	recordset_done(&rs);
}

/* Two recordsets hold the same data. */
static void
check_same(const struct recordset *a, const struct recordset *b)
{
	const struct program *p = &a->program, *q = &b->program;
	size_t i, j;
	int f;

#define SAME_STR(x, y) do {						\
	if ((x) == NULL || (y) == NULL)					\
		assert_true((x) == (y));				\
	else								\
		assert_string_equal((x), (y));				\
} while (0)

	assert_int_equal(a->len, b->len);
	for (i = 0; i < a->len; i++) {
		for (f = 0; f < FIELD_COUNT; f++) {
			assert_int_equal(a->v[i].len[f], b->v[i].len[f]);
			assert_memory_equal(a->v[i].text[f], b->v[i].text[f],
			    a->v[i].len[f] + 1);
		}
		assert_int_equal(a->v[i].ntags, b->v[i].ntags);
		for (j = 0; j < a->v[i].ntags; j++)
			assert_string_equal(a->v[i].tags[j], b->v[i].tags[j]);
	}
	assert_int_equal(a->has_program, b->has_program);
	SAME_STR(p->name, q->name);
	SAME_STR(p->summary, q->summary);
	SAME_STR(p->term, q->term);
	SAME_STR(p->url, q->url);
	SAME_STR(p->become_ally_url, q->become_ally_url);
	assert_int_equal(p->nbenefits, q->nbenefits);
	for (j = 0; j < p->nbenefits; j++)
		assert_string_equal(p->benefits[j], q->benefits[j]);
#undef SAME_STR
}

/* Print rs as YAML, check it is clean, load it back and compare. */
static void
check_round_trip(const struct recordset *rs)
{
	struct output_opts o = { FORMAT_YAML, 0, 0, NULL };
	struct recordset back;
	char *out;
	size_t len;

	out = render(rs, NULL, 0, &o, &len);
	assert_int_equal(strlen(out), len);
	check_no_controls(out, len, "\n");
	load_into(&back, out, len);
	check_same(rs, &back);
	recordset_done(&back);
	free(out);
}

static void
test_yaml_round_trip(void **state)
{
	struct recordset rs;

	check_round_trip(*state);

	load_str(&rs,
	    "program:\n"
	    "  name: The Program\n"
	    "  summary: |\n"
	    "    Two lines\n"
	    "    of summary.\n"
	    "  benefits: [one, \"two: yes\", \"- three\"]\n"
	    "  term: Two (2) years\n"
	    "  url: https://example.org/p\n"
	    "  become_ally_url: https://example.org/join?x=1&y=2#top\n"
	    "allies: []\n");
	check_round_trip(&rs);
	recordset_done(&rs);
}

static void
test_yaml_hostile_round_trip(void **state)
{
	struct output_opts o = { FORMAT_YAML, 0, 0, NULL };
	struct recordset rs;
	char *out;
	size_t len;

	(void)state;
	load_str(&rs, hostile_yaml);
	/* The control characters really are in the data... */
	assert_non_null(strchr(rs.v[0].text[FIELD_NAME], '\033'));
	assert_non_null(strchr(rs.v[0].text[FIELD_NAME], '\a'));
	assert_non_null(strstr(rs.v[0].text[FIELD_NAME], "\xc2\x9b"));
	assert_non_null(strstr(rs.v[0].text[FIELD_ABBREVIATION], "\xc2\x85"));

	/* ...but not in the YAML text, which is all escapes. */
	out = render(&rs, NULL, 0, &o, &len);
	assert_null(memchr(out, 0x1b, len));
	assert_null(memchr(out, 0x07, len));
	assert_null(memchr(out, 0x7f, len));
	assert_null(strstr(out, "\xc2\x9b"));
	assert_null(strstr(out, "\xc2\x85"));
	free(out);

	check_round_trip(&rs);
	recordset_done(&rs);
}

/*
 * Bidirectional overrides and isolates, and the line and paragraph
 * separators, are unsafe for a terminal (text_is_unsafe()) although
 * YAML counts them printable: the YAML text must escape them too, in
 * every field, and still load back to the same strings.
 */
static void
test_yaml_bidi_escaped(void **state)
{
	struct output_opts o = { FORMAT_YAML, 0, 0, NULL };
	struct recordset rs;
	char *out;
	size_t len;

	(void)state;
	load_str(&rs,
	    "allies:\n"
	    "  - name: \"abc\\u202Edef \\u2066iso\\u2069\"\n"
	    "    abbreviation: \"\\u202D\"\n"
	    "    url: https://bidi.example/\n"
	    "    description: \"one\\u2028two\\u2029three\"\n"
	    "    tags: [\"\\u202Bt\"]\n");
	assert_non_null(strstr(rs.v[0].text[FIELD_NAME], "\xe2\x80\xae"));

	/* Text and tsv replace them... */
	o.format = FORMAT_TEXT;
	out = render(&rs, NULL, 0, &o, &len);
	check_no_controls(out, len, "\n");
	free(out);
	o.format = FORMAT_TSV;
	out = render(&rs, NULL, 0, &o, &len);
	check_no_controls(out, len, "\t\n");
	free(out);

	/* ...and YAML escapes them, yet loads back the same. */
	check_round_trip(&rs);
	recordset_done(&rs);
}

/*
 * r as an ally named by len bytes of name (copied into rs's arena), with
 * the name as its description too, a fixed url, and no other field.
 */
static void
named_record(struct recordset *rs, struct record *r, const char *name,
    size_t len)
{
	int f;

	memset(r, 0, sizeof(*r));
	for (f = 0; f < FIELD_COUNT; f++) {
		r->text[f] = "";
		r->len[f] = 0;
	}
	r->text[FIELD_NAME] = arena_strndup(&rs->arena, name, len);
	r->len[FIELD_NAME] = (uint32_t)len;
	r->text[FIELD_DESCRIPTION] = r->text[FIELD_NAME];
	r->len[FIELD_DESCRIPTION] = r->len[FIELD_NAME];
	r->text[FIELD_URL] = "https://x.example/";
	r->len[FIELD_URL] = 18;
}

/* Names and other strings that YAML would read as something else. */
static void
test_yaml_tricky_strings(void **state)
{
	static const char *const names[] = {
		"yes", "no", "true", "null", "~", "0x10", "1.5", "1e3", "0o17",
		"- x", "-", "a: b", "a:b", "#c", "a #b", "'q'", "\"dq\"", "q'",
		"[x]", "{y}", "x, y", "&anchor", "*alias", "!tag", "%pct",
		"@at", "`bt", "? k", ": v", "|", ">", "---", "...", " lead",
		"trail ", "two  spaces", "x\ny", "\\back", "caf\xc3\xa9",
		"\xe4\xb8\xad\xe6\x96\x87", "\xf0\x9f\x98\x80 emoji",
		"\xe2\x80\x99quote\xe2\x80\x99", "tab\there", "cr\rhere",
		"bom\xef\xbb\xbf",
	};
	struct recordset rs, back;
	struct output_opts o = { FORMAT_YAML, 0, 0, NULL };
	struct record r;
	const char *tags[2];
	size_t i, len;
	char *out;

	(void)state;
	recordset_init(&rs);
	for (i = 0; i < nitems(names); i++) {
		named_record(&rs, &r, names[i], strlen(names[i]));
		r.text[FIELD_ABBREVIATION] = r.text[FIELD_NAME];
		r.len[FIELD_ABBREVIATION] = r.len[FIELD_NAME];
		tags[0] = r.text[FIELD_NAME];
		tags[1] = "plain";
		r.tags = arena_alloc(&rs.arena, sizeof(tags));
		memcpy(r.tags, tags, sizeof(tags));
		r.ntags = 2;
		{
			char *joined = xasprintf("%s, plain", names[i]);

			r.text[FIELD_TAGS] = arena_strndup(&rs.arena, joined,
			    strlen(joined));
			r.len[FIELD_TAGS] = (uint32_t)strlen(joined);
			free(joined);
		}
		recordset_add(&rs, &r);
	}

	out = render(&rs, NULL, 0, &o, &len);
	recordset_init(&back);
	{
		struct errlist e;
		size_t j;

		errlist_init(&e);
		if (load_buffer(out, len, &back, &e) != 0) {
			for (j = 0; j < e.len; j++)
				print_error("%s\n", e.v[j].msg);
			print_error("%s", out);
		}
		assert_int_equal(e.nerrors, 0);
		errlist_done(&e);
	}
	check_same(&rs, &back);
	recordset_done(&back);
	free(out);
	recordset_done(&rs);
}

/* Long text is folded by the emitter; folding must not change it. */
static void
test_yaml_long_text(void **state)
{
	static const char *const pieces[] = {
		"word", " ", "  ", "   ", "\n", "\n\n", "longerwordhere",
		"caf\xc3\xa9", "\xe4\xb8\xad", "-", ":", "#", "'", "\"", "\\",
		"\t",
	};
	struct recordset rs;
	struct record r;
	struct buf b = { 0 };
	uint32_t x = 7;
	size_t i, k;
	int iter;

	(void)state;
	recordset_init(&rs);
	for (iter = 0; iter < 60; iter++) {
		buf_reset(&b);
		buf_adds(&b, "Start");
		for (k = 0; k < 80; k++) {
			x = x * 1103515245u + 12345u;
			buf_adds(&b, pieces[(x >> 16) % nitems(pieces)]);
		}
		buf_adds(&b, "end");
		named_record(&rs, &r, b.ptr, b.len);
		recordset_add(&rs, &r);
	}
	check_round_trip(&rs);
	for (i = 0; i < rs.len; i++)
		assert_true(rs.v[i].len[FIELD_NAME] > 80);
	buf_free(&b);
	recordset_done(&rs);
}

static void
test_yaml_empty_selection(void **state)
{
	struct output_opts o = { FORMAT_YAML, 0, 0, NULL };
	const struct recordset *rs = *state;
	struct recordset back;
	static const size_t idx[] = { 1 };
	char *out;
	size_t len;

	out = render(rs, idx, 0, &o, &len);
	load_into(&back, out, len);
	assert_int_equal(back.len, 0);
	recordset_done(&back);
	free(out);

	out = render(rs, idx, 1, &o, &len);
	load_into(&back, out, len);
	assert_int_equal(back.len, 1);
	assert_string_equal(back.v[0].text[FIELD_NAME], "Public Health");
	assert_string_equal(back.v[0].text[FIELD_DESCRIPTION],
	    rs->v[1].text[FIELD_DESCRIPTION]);
	recordset_done(&back);
	free(out);
}

static void
test_highlight_limit(void **state)
{
	struct output_opts o = { FORMAT_TEXT, 1, 0, NULL };
	struct recordset rs;
	struct match_error err;
	struct buf yaml = { 0 };
	static const size_t idx[] = { 0 };
	char *out = NULL;
	size_t len;
	FILE *fp;
	int i;

	(void)state;
	buf_adds(&yaml, "allies:\n  - name: ");
	for (i = 0; i < 40; i++)
		buf_addc(&yaml, 'a');
	buf_adds(&yaml, "b\n    url: https://a.example/\n"
	    "    description: d\n");
	load_into(&rs, yaml.ptr, yaml.len);
	o.matcher = compile("(a+)+$");
	fp = open_memstream(&out, &len);
	memset(&err, 0, sizeof(err));
	assert_int_equal(output_records(fp, &rs, idx, 1, &o, &err), -1);
	assert_non_null(strstr(err.msg, "too complex"));
	fclose(fp);
	free(out);
	match_free(o.matcher);
	buf_free(&yaml);
	recordset_done(&rs);
}

static void
test_format_lookup(void **state)
{
	(void)state;
	assert_int_equal(output_format_lookup("text"), FORMAT_TEXT);
	assert_int_equal(output_format_lookup("tsv"), FORMAT_TSV);
	assert_int_equal(output_format_lookup("yaml"), FORMAT_YAML);
	assert_int_equal(output_format_lookup("json"), FORMAT_JSON);
	assert_int_equal(output_format_lookup("csv"), -1);
	assert_int_equal(output_format_lookup(""), -1);
	assert_int_equal(output_format_lookup("TEXT"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_plain),
		cmocka_unit_test(test_text_match_in_name),
		cmocka_unit_test(test_text_excerpt),
		cmocka_unit_test(test_text_color_off_has_no_escape),
		cmocka_unit_test(test_text_hostile),
		cmocka_unit_test(test_tsv),
		cmocka_unit_test(test_yaml_round_trip),
		cmocka_unit_test(test_yaml_hostile_round_trip),
		cmocka_unit_test(test_yaml_bidi_escaped),
		cmocka_unit_test(test_yaml_tricky_strings),
		cmocka_unit_test(test_yaml_long_text),
		cmocka_unit_test(test_yaml_empty_selection),
		cmocka_unit_test(test_highlight_limit),
		cmocka_unit_test(test_format_lookup),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
