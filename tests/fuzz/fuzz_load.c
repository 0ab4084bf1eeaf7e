/*
 * fuzz_load: a libFuzzer target for the loader and the matcher.
 *
 * The input is split in two.  When a NUL byte appears within its first
 * FUZZ_PATTERN_MAX + 1 bytes, what comes before it is a search pattern and
 * what follows is a data file; otherwise the first FUZZ_PATTERN_MAX bytes
 * are the pattern and the whole input is the data file.  (A data file
 * with a NUL byte in it is refused anyway, so splitting there loses
 * nothing.)
 *
 * load_buffer() must never crash, leak or hang, must leave the caller's
 * recordset alone on failure, and on success must hand out records that
 * keep the promises of record.h and load.h.  The matcher then runs fixed
 * patterns over every record: it searches with PCRE2_NO_UTF_CHECK, so
 * any invalid UTF-8 the loader let through would show up here as a read
 * out of bounds.  Any broken promise calls abort(), which libFuzzer and
 * the replay driver report as a crash.
 *
 * The same file is built two ways: with clang and -fsanitize=fuzzer by
 * `make fuzz`, and with replay.c as its main() by `make test`.
 */
#include "fuzz_load.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load.h"
#include "match.h"
#include "record.h"
#include "text.h"

#define FUZZ_PATTERN_MAX	32	/* bytes of input used as a pattern */
#define FUZZ_PATTERN_RECORDS	4	/* records searched with that pattern */

/*
 * What a load may allocate at its peak: FUZZ_MEM_BASE bytes plus
 * FUZZ_MEM_PER_BYTE for each byte of input.  A file legitimately costs a
 * small multiple of its size (its text in the arena, the joined tags, a
 * record per ally, a message per unknown key), plus what its aliases may
 * replay (LOAD_MAX_ALIAS_BYTES of text, kept as tags and joined again);
 * an input that costs far more is an amplification that a large file
 * would turn into gigabytes, which the fuzzer's RSS limit alone would
 * only see at sizes it rarely reaches.
 */
#define FUZZ_MEM_BASE		(((size_t)4 << 20) + 4 * LOAD_MAX_ALIAS_BYTES)
#define FUZZ_MEM_PER_BYTE	256

#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_HAVE_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_HAVE_ASAN	1
#endif
#endif

int	fuzz_last_load;

#ifdef FUZZ_HAVE_ASAN
/* From the sanitizers' allocator interface (not shipped by every gcc). */
int	__sanitizer_install_malloc_and_free_hooks(
	    void (*)(const volatile void *, size_t),
	    void (*)(const volatile void *));
size_t	__sanitizer_get_allocated_size(const volatile void *);

static int	mem_tracking;
static long long mem_live, mem_peak;	/* bytes, while tracking */

static void
mem_malloc_hook(const volatile void *p, size_t size)
{
	(void)p;
	if (mem_tracking && (mem_live += (long long)size) > mem_peak)
		mem_peak = mem_live;
}

static void
mem_free_hook(const volatile void *p)
{
	if (mem_tracking && p != NULL)
		mem_live -= (long long)__sanitizer_get_allocated_size(p);
}

static void
mem_start(void)
{
	static int installed;

	if (!installed) {
		__sanitizer_install_malloc_and_free_hooks(mem_malloc_hook,
		    mem_free_hook);
		installed = 1;
	}
	mem_live = mem_peak = 0;
	mem_tracking = 1;
}

/* The peak of the bytes allocated since mem_start(). */
static size_t
mem_stop(void)
{
	mem_tracking = 0;
	return mem_peak > 0 ? (size_t)mem_peak : 0;
}
#else
static void
mem_start(void)
{
}

static size_t
mem_stop(void)
{
	return 0;
}
#endif

/* A small valid file, loaded first so that a failed load can be seen to
 * leave it in place. */
static const char before[] =
    "allies: [{name: Before, url: 'https://before.example/', "
    "description: Loaded first.}]\n";

/* Patterns every loaded file is searched with. */
static const char *const fixed_patterns[] = {
	"a",
	"(?i)\xc3\xa9|\\w+",
	"^The",
	"\\p{Lu}\\S*",
	"",		/* matches empty everywhere: match_spans must step */
	"(?<=\\s)\\X",
};

static void
fail(const char *what, size_t rec, int field)
{
	fprintf(stderr, "fuzz_load: broken invariant: %s (record %zu, "
	    "field %d)\n", what, rec, field);
	abort();
}

/* Print s with everything but printable ASCII escaped. */
static void
show(const char *what, const char *s, size_t len)
{
	size_t i;

	fprintf(stderr, "fuzz_load: %s: \"", what);
	for (i = 0; i < len; i++)
		if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '\\')
			fputc(s[i], stderr);
		else
			fprintf(stderr, "\\x%02x", (unsigned char)s[i]);
	fputs("\"\n", stderr);
}

/*
 * Strict UTF-8: shortest form, no surrogates, nothing above U+10FFFF.
 * Written apart from text_decode() so that the two check each other;
 * an encoded U+FFFD (EF BF BD) is valid text, not an error.
 */
static int
utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n, k;
	uint32_t cp;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0) {
			n = 2;
			cp = s[i] & 0x1f;
		} else if ((s[i] & 0xf0) == 0xe0) {
			n = 3;
			cp = s[i] & 0x0f;
		} else if ((s[i] & 0xf8) == 0xf0) {
			n = 4;
			cp = s[i] & 0x07;
		} else
			return 0;
		if (len - i < n)
			return 0;
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
		    (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += n;
	}
	return 1;
}

/* text_decode() agrees with the strict check on valid text. */
static void
check_decode(const char *s, size_t len, size_t rec, int field)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = text_decode(s + i, len - i, &cp);
		if (n == 0 || n > len - i)
			fail("text_decode did not advance within the text", rec,
			    field);
		if (cp == TEXT_REPLACEMENT && n == 1)
			fail("text_decode found malformed UTF-8 in valid text",
			    rec, field);
		i += n;
	}
	if (text_chars(s, len) > len)
		fail("text_chars counts more characters than bytes", rec,
		    field);
}

static void
check_text(const char *s, size_t len, size_t rec, int field)
{
	if (s == NULL)
		fail("NULL text", rec, field);
	if (strlen(s) != len)
		fail("length does not match strlen", rec, field);
	if (!utf8_valid(s, len))
		fail("invalid UTF-8 in loaded text", rec, field);
	check_decode(s, len, rec, field);
}

/*
 * Is s a plain http(s) URL as the loader promises: printable ASCII, none
 * of the characters a URL may not hold as they are, no "user@" before
 * the host?  Written apart from url.c, so that the two check each other.
 */
static int
url_scheme_ok(const char *s)
{
	const char *host;
	size_t i;

	if (strncasecmp(s, "http://", 7) != 0 &&
	    strncasecmp(s, "https://", 8) != 0)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= 0x20 ||
		    (unsigned char)s[i] >= 0x7f ||
		    strchr("\"'\\`<>^{|}", s[i]) != NULL)
			return 0;
	host = strstr(s, "//") + 2;
	return memchr(host, '@', strcspn(host, "/?#")) == NULL;
}

static void
check_record(const struct record *r, size_t i)
{
	size_t t, off, n;
	int f;

	for (f = 0; f < FIELD_COUNT; f++)
		check_text(r->text[f], r->len[f], i, f);
	if (r->len[FIELD_NAME] == 0)
		fail("empty name", i, FIELD_NAME);
	if (r->len[FIELD_DESCRIPTION] == 0)
		fail("empty description", i, FIELD_DESCRIPTION);
	if (!url_scheme_ok(r->text[FIELD_URL]))
		fail("url is not a plain http(s) URL", i, FIELD_URL);
	if (r->ntags > 0 && r->tags == NULL)
		fail("ntags > 0 without tags", i, FIELD_TAGS);

	/* The joined string is exactly the tags with ", " between them. */
	off = 0;
	for (t = 0; t < r->ntags; t++) {
		check_text(r->tags[t], strlen(r->tags[t]), i, FIELD_TAGS);
		if (t > 0) {
			if (r->len[FIELD_TAGS] - off < 2 ||
			    memcmp(r->text[FIELD_TAGS] + off, ", ", 2) != 0)
				fail("tags not joined with \", \"", i,
				    FIELD_TAGS);
			off += 2;
		}
		n = strlen(r->tags[t]);
		if (r->len[FIELD_TAGS] - off < n ||
		    memcmp(r->text[FIELD_TAGS] + off, r->tags[t], n) != 0)
			fail("joined tags differ from the tags", i,
			    FIELD_TAGS);
		off += n;
	}
	if (off != r->len[FIELD_TAGS])
		fail("joined tags longer than the tags", i, FIELD_TAGS);
}

static void
check_opt(const char *s, size_t i)
{
	if (s != NULL)
		check_text(s, strlen(s), i, -1);
}

static void
check_program(const struct program *p)
{
	size_t i;

	check_opt(p->name, 0);
	check_opt(p->summary, 0);
	check_opt(p->term, 0);
	check_opt(p->url, 0);
	check_opt(p->become_ally_url, 0);
	if (p->url != NULL && !url_scheme_ok(p->url))
		fail("program url is not http(s)", 0, -1);
	if (p->become_ally_url != NULL && !url_scheme_ok(p->become_ally_url))
		fail("become_ally_url is not http(s)", 0, -1);
	if (p->nbenefits > 0 && p->benefits == NULL)
		fail("nbenefits > 0 without benefits", 0, -1);
	for (i = 0; i < p->nbenefits; i++)
		check_opt(p->benefits[i], i);
}

/* load.h: every message is sanitised, safe to print. */
static void
check_diags(const struct errlist *errs)
{
	const struct diag *d;
	size_t i, j, k, n, nerrors = 0;
	uint32_t cp;
	char *line;

	for (i = 0; i < errs->len; i++) {
		d = &errs->v[i];
		if (d->msg == NULL)
			fail("diagnostic without a message", i, -1);
		n = strlen(d->msg);
		if (!utf8_valid(d->msg, n))
			fail("diagnostic is not valid UTF-8", i, -1);
		for (j = 0; j < n; j += k) {
			k = text_decode(d->msg + j, n - j, &cp);
			if (text_is_unsafe(cp)) {
				show("diagnostic", d->msg, n);
				fail("diagnostic holds an unsafe character",
				    i, -1);
			}
		}
		if (d->error)
			nerrors++;
		line = errlist_format(errs, i, "fuzz.yaml");
		free(line);
	}
	if (nerrors != errs->nerrors)
		fail("nerrors does not count the errors", 0, -1);
}

/* Search every record with m; any error is a limit, which is fine. */
static void
search(struct matcher *m, const struct recordset *rs, size_t max)
{
	struct match_error err;
	struct indices ix = { 0 };
	struct spans sp = { 0 };
	size_t i, k, n;
	int f;

	n = rs->len < max ? rs->len : max;
	if (match_filter(m, rs, 0, n, &ix, &err) == 0) {
		for (k = 0; k < ix.len; k++)
			if (ix.v[k] >= n || (k > 0 && ix.v[k] <= ix.v[k - 1]))
				fail("match_filter indices out of order",
				    ix.v[k], -1);
	}
	for (i = 0; i < n; i++) {
		(void)match_record(m, &rs->v[i], &err);
		for (f = 0; f < FIELD_COUNT; f++) {
			sp.len = 0;
			if (match_spans(m, rs->v[i].text[f], rs->v[i].len[f],
			    &sp, &err) < 0)
				continue;
			for (k = 0; k < sp.len; k++)
				if (sp.v[k].start >= sp.v[k].end ||
				    sp.v[k].end > rs->v[i].len[f] ||
				    (k > 0 && sp.v[k].start <
				    sp.v[k - 1].end))
					fail("bad span", i, f);
		}
	}
	spans_free(&sp);
	indices_free(&ix);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct recordset rs;
	struct errlist errs;
	struct match_error err;
	struct matcher *m;
	const struct record *old_v;
	const char *text = (const char *)data, *nul, *pat;
	size_t i, len = size, patlen, peak;
	enum match_case mcase;

	/* Split off the pattern. */
	pat = text;
	nul = memchr(text, '\0', size < FUZZ_PATTERN_MAX + 1 ? size :
	    FUZZ_PATTERN_MAX + 1);
	if (nul != NULL) {
		patlen = (size_t)(nul - text);
		text = nul + 1;
		len = size - patlen - 1;
	} else
		patlen = size < FUZZ_PATTERN_MAX ? size : FUZZ_PATTERN_MAX;

	recordset_init(&rs);
	errlist_init(&errs);
	if (load_buffer(before, sizeof(before) - 1, &rs, &errs) != 0 ||
	    rs.len != 1)
		fail("the fixed file did not load", 0, -1);
	old_v = rs.v;
	errlist_done(&errs);
	errlist_init(&errs);

	mem_start();
	fuzz_last_load = load_buffer(text, len, &rs, &errs);
	peak = mem_stop();
	if (getenv("FUZZ_LOAD_MEM") != NULL)
		fprintf(stderr, "fuzz_load: %zu bytes in, peak %zu bytes "
		    "allocated\n", len, peak);
	if (peak > FUZZ_MEM_BASE + FUZZ_MEM_PER_BYTE * len) {
		fprintf(stderr, "fuzz_load: loading %zu bytes allocated %zu "
		    "bytes at the peak (limit %zu)\n", len, peak,
		    FUZZ_MEM_BASE + FUZZ_MEM_PER_BYTE * len);
		fail("the loader's memory is out of proportion to its input",
		    0, -1);
	}
	if (fuzz_last_load != 0) {
		if (errs.nerrors == 0)
			fail("load failed without an error", 0, -1);
		if (rs.v != old_v || rs.len != 1 ||
		    strcmp(rs.v[0].text[FIELD_NAME], "Before") != 0)
			fail("a failed load changed the recordset", 0, -1);
		check_diags(&errs);
	} else {
		if (errs.nerrors != 0)
			fail("load succeeded with errors", 0, -1);
		check_diags(&errs);
		for (i = 0; i < rs.len; i++)
			check_record(&rs.v[i], i);
		if (rs.has_program)
			check_program(&rs.program);
		for (i = 0; i < sizeof(fixed_patterns) /
		    sizeof(fixed_patterns[0]); i++) {
			m = match_compile(fixed_patterns[i],
			    strlen(fixed_patterns[i]), FIELD_ALL,
			    MATCH_SMART, &err);
			if (m == NULL)
				fail("a fixed pattern did not compile", i, -1);
			search(m, &rs, rs.len);
			match_free(m);
		}
	}

	/* The fuzzed pattern: compile errors are fine. */
	mcase = (enum match_case)(size % 3);
	(void)match_has_upper(pat, patlen);
	m = match_compile(pat, patlen, (unsigned)size & FIELD_ALL, mcase, &err);
	if (m == NULL) {
		if (err.has_offset && err.offset > patlen)
			fail("pattern error offset past its end", err.offset,
			    -1);
	} else {
		search(m, &rs, FUZZ_PATTERN_RECORDS);
		match_free(m);
	}

	recordset_done(&rs);
	errlist_done(&errs);
	return 0;
}
