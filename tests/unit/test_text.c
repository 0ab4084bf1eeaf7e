/*
 * Unit tests for text.c: UTF-8 decoding and encoding, which code points
 * are unsafe for a terminal (controls, format characters, a joiner
 * outside an emoji sequence), sanitising (replacement characters, spaces,
 * ASCII stand-ins), display widths, clipping by columns, word wrap and the
 * wrap of a URL after its separators, each per code point and by grapheme
 * cluster (the two ways terminals count).  The width tests need an UTF-8
 * locale, set up once for the group.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

#define FFFD	"\xef\xbf\xbd"

/* Clusters of several code points that a grapheme terminal shows as one. */
#define HEALTH	"\U0001F469\u200D\u2695\uFE0F"	/* woman health worker */
#define FAMILY	"\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"
#define FRANCE	"\U0001F1EB\U0001F1F7"		/* two regional indicators */
#define HEART	"\u2764\uFE0F"			/* text heart + VS16 */
#define RAINBOW	"\U0001F3F3\uFE0F\u200D\U0001F308"	/* rainbow flag */
#define KEYCAP	"1\uFE0F\u20E3"			/* keycap one */
#define WAVE	"\U0001F44B\U0001F3FD"		/* waving hand, skin tone */
#define HANGUL	"\u1112\u1161\u11AB"		/* decomposed syllable */

/* Back to counting per code point, whatever a test left. */
static int
per_code_point(void **state)
{
	(void)state;
	text_set_graphemes(0);
	return 0;
}

static int
group_setup(void **state)
{
	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL &&
	    setlocale(LC_ALL, "C.utf8") == NULL) {
		print_error("no C.UTF-8 locale\n");
		return -1;
	}
	return 0;
}

/* Decode s (all of it) and check the length taken and the code point. */
static void
check_decode(const char *s, size_t len, size_t want_n, uint32_t want_cp)
{
	uint32_t cp = 0x12345678;

	assert_int_equal(text_decode(s, len, &cp), want_n);
	assert_int_equal(cp, want_cp);
}

static void
test_decode_valid(void **state)
{
	(void)state;
	check_decode("A", 1, 1, 'A');
	check_decode("\x7f", 1, 1, 0x7f);
	check_decode("\xc2\x80", 2, 2, 0x80);
	check_decode("\xc3\xa9", 2, 2, 0xe9);
	check_decode("\xdf\xbf", 2, 2, 0x7ff);
	check_decode("\xe0\xa0\x80", 3, 3, 0x800);
	check_decode("\xe2\x82\xac", 3, 3, 0x20ac);
	check_decode("\xef\xbf\xbd", 3, 3, 0xfffd);
	check_decode("\xef\xbf\xbf", 3, 3, 0xffff);
	check_decode("\xf0\x90\x80\x80", 4, 4, 0x10000);
	check_decode("\xf0\x9f\x98\x80", 4, 4, 0x1f600);
	check_decode("\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff);
	/* Only the first character is decoded. */
	check_decode("\xc3\xa9xyz", 5, 2, 0xe9);
	check_decode("", 0, 0, 0);
}

static void
test_decode_invalid(void **state)
{
	(void)state;
	/* Overlong forms. */
	check_decode("\xc0\xaf", 2, 1, TEXT_REPLACEMENT);
	check_decode("\xc1\xbf", 2, 1, TEXT_REPLACEMENT);
	check_decode("\xe0\x80\xaf", 3, 1, TEXT_REPLACEMENT);
	check_decode("\xe0\x9f\xbf", 3, 1, TEXT_REPLACEMENT);
	check_decode("\xf0\x80\x80\xaf", 4, 1, TEXT_REPLACEMENT);
	check_decode("\xf0\x8f\xbf\xbf", 4, 1, TEXT_REPLACEMENT);
	/* UTF-16 surrogates. */
	check_decode("\xed\xa0\x80", 3, 1, TEXT_REPLACEMENT);
	check_decode("\xed\xbf\xbf", 3, 1, TEXT_REPLACEMENT);
	check_decode("\xed\x9f\xbf", 3, 3, 0xd7ff);
	/* Past U+10FFFF, and bytes that never start a sequence. */
	check_decode("\xf4\x90\x80\x80", 4, 1, TEXT_REPLACEMENT);
	check_decode("\xf5\x80\x80\x80", 4, 1, TEXT_REPLACEMENT);
	check_decode("\xff", 1, 1, TEXT_REPLACEMENT);
	check_decode("\xfe", 1, 1, TEXT_REPLACEMENT);
	check_decode("\x80", 1, 1, TEXT_REPLACEMENT);
	check_decode("\xbf", 1, 1, TEXT_REPLACEMENT);
	/* Truncated: by the string's end or by a byte that cannot follow. */
	check_decode("\xc3", 1, 1, TEXT_REPLACEMENT);
	check_decode("\xc3\xa9", 1, 1, TEXT_REPLACEMENT);
	check_decode("\xe2\x82", 2, 1, TEXT_REPLACEMENT);
	check_decode("\xe2\x82\xac", 2, 1, TEXT_REPLACEMENT);
	check_decode("\xf0\x9f\x98", 3, 1, TEXT_REPLACEMENT);
	check_decode("\xc3(", 2, 1, TEXT_REPLACEMENT);
	check_decode("\xe2\x82(", 3, 1, TEXT_REPLACEMENT);
	check_decode("\xf0\x9f\x98(", 4, 1, TEXT_REPLACEMENT);
}

static void
test_decode_always_advances(void **state)
{
	unsigned char s[4];
	uint32_t cp;
	size_t n;
	unsigned i, j;

	(void)state;
	/* Every two-byte string takes 1 or 2 bytes and decodes to something. */
	for (i = 0; i < 256; i++)
		for (j = 0; j < 256; j++) {
			s[0] = (unsigned char)i;
			s[1] = (unsigned char)j;
			n = text_decode((const char *)s, 2, &cp);
			assert_true(n == 1 || n == 2);
			assert_true(cp <= 0x10ffff);
			assert_false(cp >= 0xd800 && cp <= 0xdfff);
			if (n == 2)
				assert_true(cp >= 0x80 && cp < 0x800);
		}
}

static void
test_encode(void **state)
{
	static const uint32_t cps[] = {
		0x41, 0x7f, 0x80, 0xe9, 0x7ff, 0x800, 0x20ac, 0xfffd, 0xffff,
		0x10000, 0x1f600, 0x10ffff
	};
	struct buf b = { 0 };
	uint32_t cp;
	size_t i, n;

	(void)state;
	for (i = 0; i < nitems(cps); i++) {
		buf_reset(&b);
		text_encode(&b, cps[i]);
		n = text_decode(b.ptr, b.len, &cp);
		assert_int_equal(n, b.len);
		assert_int_equal(cp, cps[i]);
	}
	buf_reset(&b);
	text_encode(&b, 0xe9);
	assert_int_equal(b.len, 2);
	assert_memory_equal(b.ptr, "\xc3\xa9", 2);
	buf_free(&b);
}

/* A string of len bytes and what a measure of it gives. */
struct measure_case {
	const char	*s;
	size_t		 len, want;
};

static void
test_chars(void **state)
{
	static const struct measure_case cases[] = {
		{ "", 0, 0 },
		{ "abc", 3, 3 },
		{ "\xc3\xa9\xc3\xa9\xc3\xa9(", 7, 4 },
		{ "\xf0\x9f\x98\x80x", 5, 2 },
		{ "\xe4\xb8\xad\xe6\x96\x87", 6, 2 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < nitems(cases); i++)
		assert_int_equal(text_chars(cases[i].s, cases[i].len),
		    cases[i].want);
}

static void
test_skip(void **state)
{
	static const struct {
		const char	*s;
		size_t		 n, bytes;
	} cases[] = {
		{ "", 0, 0 },
		{ "", 3, 0 },
		{ "abc", 0, 0 },
		{ "abc", 2, 2 },
		{ "abc", 9, 3 },
		{ "\xc3\xa9\xc3\xa9(", 1, 2 },
		{ "\xc3\xa9\xc3\xa9(", 2, 4 },
		{ "\xf0\x9f\x98\x80x", 1, 4 },
		{ "\xe4\xb8\xad\xe6\x96\x87", 1, 3 },
		/* Stray continuation bytes go with what is before them. */
		{ "a\x80\x80" "b", 1, 3 },
		{ "\x80\x80" "ab", 0, 0 },
		{ "\x80\x80" "ab", 1, 3 },
	};
	size_t i, len;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		len = strlen(cases[i].s);
		assert_int_equal(text_skip(cases[i].s, len, cases[i].n),
		    cases[i].bytes);
		if (cases[i].n <= text_chars(cases[i].s, len))
			assert_int_equal(text_chars(cases[i].s,
			    cases[i].bytes), cases[i].n);
	}
}

static void
test_is_unsafe(void **state)
{
	static const uint32_t unsafe[] = {
		0x00, 0x07, 0x08, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f,
		0x80, 0x85, 0x8d, 0x9b, 0x9c, 0x9d, 0x9f,
		0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
		0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029,
		/* Marks, zero-width and other format characters (Cf). */
		0x200e, 0x200f, 0x061c, 0x200b, 0x200c, 0x2060, 0xfeff,
		0xfff9, 0xfffa, 0xfffb, 0xe0001, 0xe0020, 0xe0041, 0xe007f,
		0x00ad, 0x180e, 0x2061, 0x2064, 0x206a, 0x206f, 0x0600,
		0x110bd, 0x1d173,
	};
	static const uint32_t safe[] = {
		' ', 'A', '~', 0xa0, 0xa9, 0xe9, 0x3b1, 0x4e2d, 0x2013, 0x2026,
		0x1f600, 0x301,
		/*
		 * The joiner depends on its neighbours (text_unsafe_at());
		 * VS16 and a skin tone are marks, not format characters.
		 */
		0x200d, 0xfe0f, 0x1f3fd, 0x2695, 0xe0080,
	};
	size_t i;

	(void)state;
	for (i = 0; i < nitems(unsafe); i++) {
		if (!text_is_unsafe(unsafe[i]))
			print_error("U+%04X should be unsafe\n",
			    (unsigned)unsafe[i]);
		assert_true(text_is_unsafe(unsafe[i]));
	}
	for (i = 0; i < nitems(safe); i++) {
		if (text_is_unsafe(safe[i]))
			print_error("U+%04X should be safe\n",
			    (unsigned)safe[i]);
		assert_false(text_is_unsafe(safe[i]));
	}
}

#define ZWJ		"\xe2\x80\x8d"
#define WOMAN		"\xf0\x9f\x91\xa9"		/* U+1F469 */
#define STAFF		"\xe2\x9a\x95"		/* U+2695 */
#define VS16		"\xef\xb8\x8f"
#define TONE		"\xf0\x9f\x8f\xbd"		/* U+1F3FD */
#define LAPTOP		"\xf0\x9f\x92\xbb"		/* U+1F4BB */
#define ZWSP		"\xe2\x80\x8b"

static void
test_unsafe_at(void **state)
{
	static const struct {
		const char	*s;
		size_t		 at;	/* byte of the joiner */
		int		 unsafe;
	} cases[] = {
		/* Emoji ZWJ sequences: part of the emoji. */
		{ WOMAN ZWJ STAFF VS16, 4, 0 },
		{ WOMAN VS16 ZWJ STAFF, 7, 0 },
		{ WOMAN TONE ZWJ LAPTOP, 8, 0 },
		/* Anywhere else: hidden in the text. */
		{ "a" ZWJ "b", 1, 1 },
		{ ZWJ "x", 0, 1 },
		{ "x" ZWJ, 1, 1 },
		{ ZWJ STAFF, 0, 1 },
		{ WOMAN ZWJ, 4, 1 },
		{ WOMAN ZWJ "a", 4, 1 },
		{ "a" ZWJ WOMAN, 1, 1 },
		{ WOMAN ZWSP ZWJ STAFF, 7, 1 },
		{ WOMAN ZWJ ZWJ STAFF, 4, 1 },
		{ WOMAN ZWJ ZWJ STAFF, 7, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		if (text_unsafe_at(cases[i].s, strlen(cases[i].s),
		    cases[i].at) != cases[i].unsafe)
			print_error("case %zu: the joiner should be %s\n", i,
			    cases[i].unsafe ? "unsafe" : "safe");
		assert_int_equal(text_unsafe_at(cases[i].s,
		    strlen(cases[i].s), cases[i].at), cases[i].unsafe);
	}
	/* Other characters: as text_is_unsafe() says. */
	assert_true(text_unsafe_at("a" ZWSP, 4, 1));
	assert_true(text_unsafe_at("\033", 1, 0));
	assert_false(text_unsafe_at(WOMAN, 4, 0));
	assert_false(text_unsafe_at("a", 1, 0));
}

/* Sanitise s (a C string) with flags and compare with want. */
static void
check_sanitize(const char *s, int flags, const char *want)
{
	struct buf b = { 0 };

	text_sanitize(&b, s, strlen(s), flags);
	assert_non_null(b.ptr);
	assert_string_equal(b.ptr, want);
	assert_int_equal(b.len, strlen(want));
	buf_free(&b);
}

static void
test_sanitize(void **state)
{
	struct buf b = { 0 };

	(void)state;
	check_sanitize("", 0, "");
	check_sanitize("plain text", 0, "plain text");
	check_sanitize("caf\xc3\xa9 \xe4\xb8\xad", 0,
	    "caf\xc3\xa9 \xe4\xb8\xad");
	check_sanitize("a\033[31mb", 0, "a" FFFD "[31mb");
	check_sanitize("bell\a", 0, "bell" FFFD);
	check_sanitize("del\x7f", 0, "del" FFFD);
	check_sanitize("c1 \xc2\x9b" "31m \xc2\x85", 0,
	    "c1 " FFFD "31m " FFFD);
	check_sanitize("rlo \xe2\x80\xae" "abc", 0, "rlo " FFFD "abc");
	check_sanitize("bad \xff\xc3", 0, "bad " FFFD FFFD);
	check_sanitize("a\tb\nc\r", 0, "a" FFFD "b" FFFD "c" FFFD);
	check_sanitize("a\tb\nc\r", TEXT_SPACES, "a b c ");
	check_sanitize("\033", TEXT_SPACES, FFFD);

	/* Every format character becomes one stand-in. */
	check_sanitize("a\xe2\x80\x8e" "b\xe2\x80\x8f" "c\xd8\x9c" "d", 0,
	    "a" FFFD "b" FFFD "c" FFFD "d");
	check_sanitize("zw" ZWSP "sp\xe2\x80\x8c" "nj\xe2\x81\xa0" "wj", 0,
	    "zw" FFFD "sp" FFFD "nj" FFFD "wj");
	check_sanitize("\xef\xbb\xbf" "bom "
	    "\xef\xbf\xb9\xef\xbf\xba\xef\xbf\xbb", 0,
	    FFFD "bom " FFFD FFFD FFFD);
	check_sanitize("tag\xf3\xa0\x80\x81\xf3\xa0\x81\x81\xf3\xa0\x81\xbf", 0,
	    "tag" FFFD FFFD FFFD);
	check_sanitize("soft\xc2\xad" "hyphen", 0, "soft" FFFD "hyphen");
	check_sanitize("zw" ZWSP "sp", TEXT_ASCII, "zw?sp");
	/* A joiner: kept inside an emoji sequence, replaced elsewhere. */
	check_sanitize(WOMAN ZWJ STAFF VS16, 0, WOMAN ZWJ STAFF VS16);
	check_sanitize("pay" ZWJ "pal", 0, "pay" FFFD "pal");
	check_sanitize(WOMAN ZWJ, 0, WOMAN FFFD);

	/* A NUL inside the given length is unsafe too. */
	text_sanitize(&b, "a\0b", 3, 0);
	assert_string_equal(b.ptr, "a" FFFD "b");
	buf_free(&b);

	/* Sanitising appends. */
	buf_adds(&b, "x:");
	text_sanitize(&b, "\033y", 2, 0);
	assert_string_equal(b.ptr, "x:" FFFD "y");
	buf_free(&b);
}

static void
test_sanitize_part(void **state)
{
	const char *s = WOMAN ZWJ STAFF " a" ZWJ "b";
	size_t len = strlen(s);
	struct buf b = { 0 };

	(void)state;
	/* Judged in all of s: the joiner at the edge of a part joins. */
	text_sanitize_part(&b, s, len, 0, 4, 0);
	text_sanitize_part(&b, s, len, 4, 7, 0);
	text_sanitize_part(&b, s, len, 7, len, 0);
	assert_string_equal(b.ptr, WOMAN ZWJ STAFF " a" FFFD "b");
	buf_free(&b);
	/* The joiner alone, out of its context, would not. */
	text_sanitize(&b, s + 4, 3, 0);
	assert_string_equal(b.ptr, FFFD);
	buf_free(&b);
	/* An empty part still leaves a string. */
	text_sanitize_part(&b, s, len, 2, 2, 0);
	assert_non_null(b.ptr);
	assert_string_equal(b.ptr, "");
	buf_free(&b);
}

static void
test_sanitize_ascii(void **state)
{
	(void)state;
	check_sanitize("it\xe2\x80\x99s", TEXT_ASCII, "it's");
	check_sanitize("\xe2\x80\x9cq\xe2\x80\x9d", TEXT_ASCII, "\"q\"");
	check_sanitize("a\xe2\x80\x93" "b", TEXT_ASCII, "a-b");
	check_sanitize("a\xe2\x80\x94" "b", TEXT_ASCII, "a--b");
	check_sanitize("wait\xe2\x80\xa6", TEXT_ASCII, "wait...");
	check_sanitize("no\xc2\xa0" "break", TEXT_ASCII, "no break");
	check_sanitize("caf\xc3\xa9", TEXT_ASCII, "caf?");
	check_sanitize("\xe4\xb8\xad", TEXT_ASCII, "?");
	check_sanitize("\033[1m", TEXT_ASCII, "?[1m");
	check_sanitize("\xff", TEXT_ASCII, "?");
	check_sanitize("a\tb", TEXT_ASCII | TEXT_SPACES, "a b");
	check_sanitize("a\tb", TEXT_ASCII, "a?b");

	assert_string_equal(text_ascii_standin(0x2019), "'");
	assert_string_equal(text_ascii_standin(0x2013), "-");
	assert_string_equal(text_ascii_standin(0x2014), "--");
	assert_string_equal(text_ascii_standin(0x2026), "...");
	assert_null(text_ascii_standin(0xe9));
	assert_null(text_ascii_standin('a'));
}

static void
test_width(void **state)
{
	static const struct measure_case widths[] = {
		{ "", 0, 0 },
		{ "abc", 3, 3 },
		{ "caf\xc3\xa9", 5, 4 },
		{ "\xe4\xb8\xad\xe6\x96\x87", 6, 4 },
		{ "e\xcc\x81", 3, 1 },
		{ "\xf0\x9f\x98\x80", 4, 2 },
		/* A fullwidth A. */
		{ "\xef\xbc\xa1", 3, 2 },
		/* Unsafe characters show as one replacement character. */
		{ "\033", 1, 1 },
		{ "\xff", 1, 1 },
		{ "a" ZWSP "b", 5, 3 },
		{ "a\xe2\x80\x8f" "b", 5, 3 },
		{ "\xf3\xa0\x81\x81", 4, 1 },
		/* So does a joiner that joins nothing. */
		{ "a" ZWJ "b", 5, 3 },
	};
	static const struct {
		uint32_t	 cp;
		int		 width;
	} cp_widths[] = {
		{ 'a', 1 }, { 0x4e2d, 2 }, { 0x301, 0 }, { 0x1f600, 2 },
		{ 0x9b, 1 }, { 0x202e, 1 }, { 0x200b, 1 }, { 0xfeff, 1 },
		{ 0xe0041, 1 }, { 0x200d, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < nitems(widths); i++)
		assert_int_equal(text_width(widths[i].s, widths[i].len),
		    widths[i].want);
	for (i = 0; i < nitems(cp_widths); i++)
		assert_int_equal(text_cp_width(cp_widths[i].cp),
		    cp_widths[i].width);
}

static void
test_fit(void **state)
{
	const char *cjk = "\xe4\xb8\xad\xe6\x96\x87";	/* 2 x 2 columns */
	size_t used;

	(void)state;
	assert_int_equal(text_fit("hello", 5, 3, &used), 3);
	assert_int_equal(used, 3);
	assert_int_equal(text_fit("hello", 5, 10, &used), 5);
	assert_int_equal(used, 5);
	assert_int_equal(text_fit("hello", 5, 0, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(text_fit("", 0, 4, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(text_fit("hello", 5, 2, NULL), 2);

	/* A wide character is never split. */
	assert_int_equal(text_fit(cjk, 6, 1, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(text_fit(cjk, 6, 2, &used), 3);
	assert_int_equal(used, 2);
	assert_int_equal(text_fit(cjk, 6, 3, &used), 3);
	assert_int_equal(used, 2);
	assert_int_equal(text_fit(cjk, 6, 4, &used), 6);
	assert_int_equal(used, 4);
	assert_int_equal(text_fit("ab\xe4\xb8\xad", 5, 3, &used), 2);
	assert_int_equal(used, 2);
	assert_int_equal(text_fit("\xf0\x9f\x98\x80", 4, 1, &used), 0);

	/* Multibyte narrow characters are kept whole. */
	assert_int_equal(text_fit("\xc3\xa9\xc3\xa9\xc3\xa9", 6, 2, &used), 4);
	assert_int_equal(used, 2);
	/* A combining mark stays with its base. */
	assert_int_equal(text_fit("e\xcc\x81x", 4, 1, &used), 3);
	assert_int_equal(used, 1);
	/* A stand-in takes its column. */
	assert_int_equal(text_fit("a" ZWSP "b", 5, 1, &used), 1);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit("a" ZWJ "b", 5, 2, &used), 4);
	assert_int_equal(used, 2);
}

/* The first cluster of each string: its bytes and columns. */
static void
test_cluster(void **state)
{
	static const struct {
		const char	*s;
		size_t		 n;	/* bytes of the first cluster */
		int		 width;
	} cases[] = {
		{ "ab", 1, 1 },
		{ "\xe4\xb8\xad", 3, 2 },
		{ "e\xcc\x81x", 3, 1 },
		{ HEALTH "x", sizeof(HEALTH) - 1, 2 },
		{ FAMILY FAMILY, sizeof(FAMILY) - 1, 2 },
		{ FRANCE FRANCE, sizeof(FRANCE) - 1, 2 },
		/* Regional indicators pair up; a third stands alone. */
		{ "\U0001F1EB", 4, 1 },
		{ HEART "!", sizeof(HEART) - 1, 2 },
		{ "\u2764!", 3, 1 },
		{ RAINBOW, sizeof(RAINBOW) - 1, 2 },
		{ KEYCAP "2", sizeof(KEYCAP) - 1, 2 },
		{ WAVE, sizeof(WAVE) - 1, 2 },
		{ HANGUL "x", sizeof(HANGUL) - 1, 2 },
		/* A mark with nothing before it takes no column. */
		{ "\xcc\x81\xcc\x81x", 4, 0 },
		{ "\uFE0Fx", 3, 0 },
		/* A regional indicator with a mark is no flag. */
		{ "\U0001F1EB\xcc\x81", 6, 1 },
		/* Unsafe code points and bad bytes stand alone. */
		{ "e\u202E\xcc\x81", 1, 1 },
		{ "\u202E\xcc\x81", 3, 1 },
		{ "\xff\xcc\x81", 1, 1 },
		{ "\033[m", 1, 1 },
		{ "\r\n", 1, 1 },
		{ "", 0, 0 },
	};
	char zalgo[1 + 2 * 40 + 1], chain[40 * 7 + 1];
	size_t i, n;
	int w;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		assert_int_equal(text_cluster(cases[i].s, strlen(cases[i].s),
		    &w), cases[i].n);
		assert_int_equal(w, cases[i].width);
	}
	/* A cluster is cut after TEXT_CLUSTER_MAX code points. */
	zalgo[0] = 'z';
	for (i = 0; i < 40; i++)
		memcpy(zalgo + 1 + 2 * i, "\xcc\x81", 2);
	zalgo[sizeof(zalgo) - 1] = '\0';
	assert_int_equal(text_cluster(zalgo, strlen(zalgo), &w),
	    1 + 2 * (TEXT_CLUSTER_MAX - 1));
	assert_int_equal(w, 1);
	n = 2 * (40 - TEXT_CLUSTER_MAX + 1);	/* the marks left over */
	assert_int_equal(text_cluster(zalgo + 1 + 2 * (TEXT_CLUSTER_MAX - 1),
	    n, &w), n);
	assert_int_equal(w, 0);
	/* A chain of 40 joined men is cut after a man, never a ZWJ. */
	memset(chain, 0, sizeof(chain));
	for (i = 0; i < 40; i++)
		strcat(chain, "\U0001F468\u200D");
	n = text_cluster(chain, strlen(chain), &w);
	assert_int_equal(n, 15 * 7 + 4);
	assert_int_equal(w, 2);
	assert_int_equal(text_cluster(chain + n, strlen(chain) - n, &w), 3);
	assert_int_equal(w, 0);
}

/* The same strings measured per code point and by cluster. */
static void
test_cluster_width(void **state)
{
	static const struct {
		const char	*s;
		size_t		 per_cp, by_cluster;
	} cases[] = {
		{ "abc", 3, 3 },
		{ "e\xcc\x81", 1, 1 },
		{ "\xe4\xb8\xad\xe6\x96\x87", 4, 4 },
		{ HEALTH, 3, 2 },
		{ FAMILY, 8, 2 },
		{ FRANCE, 2, 2 },
		{ FRANCE "\U0001F1EB", 3, 3 },
		{ HEART, 1, 2 },
		{ RAINBOW, 3, 2 },
		{ KEYCAP, 1, 2 },
		{ WAVE, 4, 2 },
		{ HANGUL, 2, 2 },
		{ "Family " FAMILY " Clinics", 23, 17 },
		{ "a\033b", 3, 3 },
	};
	size_t i;

	(void)state;
	assert_false(text_graphemes());
	for (i = 0; i < nitems(cases); i++)
		assert_int_equal(text_width(cases[i].s, strlen(cases[i].s)),
		    cases[i].per_cp);
	text_set_graphemes(1);
	assert_true(text_graphemes());
	for (i = 0; i < nitems(cases); i++)
		assert_int_equal(text_width(cases[i].s, strlen(cases[i].s)),
		    cases[i].by_cluster);
}

/* Cutting by columns keeps a cluster whole, or per code point, not. */
static void
test_cluster_fit(void **state)
{
	static const char s[] = "a" FAMILY "b" HEART "c";
	const size_t fam = sizeof(FAMILY) - 1, heart = sizeof(HEART) - 1;
	size_t used;

	(void)state;
	/*
	 * Per code point: the man fits in 3 columns; his ZWJ goes with the
	 * woman it joins him to, so that no line ends in a joiner.
	 */
	assert_int_equal(text_fit(s, sizeof(s) - 1, 3, &used), 1 + 4);
	assert_int_equal(used, 3);
	assert_int_equal(text_fit(s, sizeof(s) - 1, 10, &used), 1 + fam + 1);
	assert_int_equal(used, 10);

	text_set_graphemes(1);
	assert_int_equal(text_fit(s, sizeof(s) - 1, 1, &used), 1);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit(s, sizeof(s) - 1, 2, &used), 1);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit(s, sizeof(s) - 1, 3, &used), 1 + fam);
	assert_int_equal(used, 3);
	assert_int_equal(text_fit(s, sizeof(s) - 1, 5, &used), 1 + fam + 1);
	assert_int_equal(used, 4);
	assert_int_equal(text_fit(s, sizeof(s) - 1, 6, &used),
	    1 + fam + 1 + heart);
	assert_int_equal(used, 6);
	assert_int_equal(text_fit(s, sizeof(s) - 1, 7, &used), sizeof(s) - 1);
	assert_int_equal(used, 7);
	/* A base letter waits for the marks after it. */
	assert_int_equal(text_fit("e\xcc\x81\xcc\x82x", 6, 1, &used), 5);
	assert_int_equal(used, 1);
}

/*
 * Wrap all of s at cols and check the invariants: each step moves on,
 * each line is within s and fits (unless it is one character that does
 * not), and what a step skips is only spaces and one newline.
 */
static size_t
wrap_all(const char *s, size_t cols, char lines[][64], size_t maxlines)
{
	size_t len = strlen(s), pos = 0, n, next, nl = 0, i;
	int newlines, w;
	uint32_t cp;

	while (pos < len) {
		n = text_wrap(s + pos, len - pos, cols, &next);
		assert_true(next > 0);
		assert_true(n <= next);
		assert_true(pos + next <= len);
		assert_null(memchr(s + pos, '\n', n));
		if (text_width(s + pos, n) > cols)
			assert_int_equal(n, text_graphemes() ?
			    text_cluster(s + pos, len - pos, &w) :
			    text_decode(s + pos, len - pos, &cp));
		/* A line never ends inside a cluster. */
		if (text_graphemes()) {
			for (i = 0; i < n; i += text_cluster(s + pos + i,
			    len - pos - i, &w))
				;
			assert_int_equal(i, n);
		}
		newlines = 0;
		for (i = n; i < next; i++) {
			assert_true(s[pos + i] == ' ' || s[pos + i] == '\n');
			newlines += s[pos + i] == '\n';
		}
		assert_true(newlines <= 1);
		if (lines != NULL && nl < maxlines) {
			assert_true(n < 64);
			memcpy(lines[nl], s + pos, n);
			lines[nl][n] = '\0';
		}
		nl++;
		assert_true(nl <= len);
		pos += next;
	}
	return nl;
}

/* A string wrapped whole: how many lines, and the first lines' text. */
struct wrap_case {
	const char	*s;
	size_t		 cols;
	size_t		 nlines;
	const char	*lines[3];	/* NULL past those checked */
};

/* One call of text_wrap: the bytes of the line and where the next starts. */
struct wrap_step {
	const char	*s;
	size_t		 len;
	size_t		 cols;
	size_t		 n;
	size_t		 next;
};

/* Wrap each case whole and check its lines. */
static void
check_wraps(const struct wrap_case *cases, size_t n)
{
	const struct wrap_case *c;
	char lines[8][64];
	size_t i, j;

	for (i = 0; i < n; i++) {
		c = &cases[i];
		/* Lines are only kept when some are checked. */
		if (c->lines[0] == NULL) {
			assert_int_equal(wrap_all(c->s, c->cols, NULL, 0),
			    c->nlines);
			continue;
		}
		assert_int_equal(wrap_all(c->s, c->cols, lines, 8), c->nlines);
		for (j = 0; j < nitems(c->lines) && c->lines[j] != NULL; j++)
			assert_string_equal(lines[j], c->lines[j]);
	}
}

/*
 * Strings of random pieces (a fixed sequence from seed) wrapped at 0 to
 * maxcols columns: the invariants of wrap_all() hold for each.
 */
static void
check_wrap_property(const char *const *pieces, size_t npieces,
    uint32_t seed, int iters, size_t maxcols)
{
	char s[512];
	const char *p;
	uint32_t x = seed;
	size_t len, cols, k;
	int iter;

	for (iter = 0; iter < iters; iter++) {
		len = 0;
		for (k = 0; k < 12; k++) {
			x = x * 1103515245u + 12345u;
			p = pieces[(x >> 16) % npieces];
			if (len + strlen(p) >= sizeof(s))
				break;
			memcpy(s + len, p, strlen(p));
			len += strlen(p);
		}
		s[len] = '\0';
		for (cols = 0; cols <= maxcols; cols++)
			wrap_all(s, cols, NULL, 0);
	}
}

static void
test_wrap(void **state)
{
	static const struct wrap_case cases[] = {
		{ "hello world foo", 11, 2, { "hello world", "foo" } },
		{ "hello world foo", 8, 3, { "hello", "world", "foo" } },
		/* A newline always breaks, and an empty line is a line. */
		{ "ab\n\ncd", 40, 3, { "ab", "", "cd" } },
		/* A word longer than the line is broken inside. */
		{ "abcdefghij", 4, 3, { "abcd", "efgh", "ij" } },
		{ "a bcdefgh", 4, 3, { "a", "bcde", "fgh" } },
		/* Width 1 (and 0) still moves on, a character at a time. */
		{ "ab c", 1, 3, { "a", "b", "c" } },
		{ "\xe4\xb8\xad\xe6\x96\x87", 1, 2, { "\xe4\xb8\xad" } },
		{ "ab", 0, 2, { NULL } },
		/* Wide characters wrap by columns, not bytes. */
		{ "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad", 4, 2,
		    { "\xe4\xb8\xad\xe6\x96\x87", "\xe4\xb8\xad" } },
	};
	static const struct wrap_step steps[] = {
		/* Fits: one line, all of it. */
		{ "short", 5, 40, 5, 5 },
		{ "abcd\nef", 7, 4, 4, 5 },
		{ "", 0, 10, 0, 0 },
	};
	size_t i, next;

	(void)state;
	check_wraps(cases, nitems(cases));
	for (i = 0; i < nitems(steps); i++) {
		assert_int_equal(text_wrap(steps[i].s, steps[i].len,
		    steps[i].cols, &next), steps[i].n);
		assert_int_equal(next, steps[i].next);
	}
}

static void
test_wrap_property(void **state)
{
	static const char *const pieces[] = {
		"a", "word", " ", "  ", "\n", "\xc3\xa9t\xc3\xa9",
		"\xe4\xb8\xad", "e\xcc\x81", "\xf0\x9f\x98\x80",
		"verylongwordwithoutspaces", "\xff",
	};

	(void)state;
	check_wrap_property(pieces, nitems(pieces), 12345, 2000, 12);
}

/* Lines of clusters break between clusters, never inside one. */
static void
test_cluster_wrap(void **state)
{
	static const struct wrap_case cases[] = {
		{ FAMILY FAMILY FAMILY, 4, 2, { FAMILY FAMILY, FAMILY } },
		{ FAMILY FAMILY, 1, 2, { FAMILY, FAMILY } },
		{ "Care " HEALTH " by " FRANCE " nurses", 9, 3,
		    { "Care " HEALTH, "by " FRANCE, "nurses" } },
		{ HEART HEART HEART, 5, 2, { HEART HEART, HEART } },
	};

	(void)state;
	text_set_graphemes(1);
	check_wraps(cases, nitems(cases));
	/* Per code point the heart is 1 column: three fit in 5. */
	text_set_graphemes(0);
	assert_int_equal(wrap_all(HEART HEART HEART, 5, NULL, 0), 1);
}

/* The wrap property with clusters among the pieces, in both modes. */
static void
test_cluster_wrap_property(void **state)
{
	static const char *const pieces[] = {
		"a", " ", "\n", HEALTH, FAMILY, FRANCE, "\U0001F1EB", HEART,
		RAINBOW, KEYCAP, WAVE, "e\xcc\x81", "\xcc\x81", "\xff",
		"\u202E", "word",
	};

	(void)state;
	check_wrap_property(pieces, nitems(pieces), 777, 1000, 9);
	text_set_graphemes(1);
	check_wrap_property(pieces, nitems(pieces), 777, 1000, 9);
}

/*
 * A URL wrapped whole at cols: the lines joined give it back, each fits
 * (or is one character), each but the last ends after a separator unless
 * no separator fitted, and none is a separator alone.  Returns how many.
 */
static size_t
wrap_url_all(const char *s, size_t cols, char lines[][80], size_t maxlines)
{
	size_t len = strlen(s), pos = 0, n, next, nl = 0;

	while (pos < len) {
		n = text_wrap_url(s + pos, len - pos, cols, &next);
		assert_true(n > 0);
		assert_int_equal(n, next);
		assert_true(pos + n <= len);
		assert_true(text_width(s + pos, n) <= (cols > 0 ? cols : 1));
		/* One column a line leaves no choice. */
		assert_false(cols > 1 && n == 1 && pos > 0 && pos + n == len &&
		    strchr("/?&-", s[pos]) != NULL);
		if (lines != NULL && nl < maxlines) {
			assert_true(n < 80);
			memcpy(lines[nl], s + pos, n);
			lines[nl][n] = '\0';
		}
		nl++;
		pos += next;
	}
	return nl;
}

static void
test_wrap_url(void **state)
{
	static const struct {
		const char	*s;
		size_t		 cols;
		const char	*lines[6];
	} cases[] = {
		/* The lone slash of old: the host stays with its slash. */
		{ "https://www.aafp.org/", 20, { "https://",
		    "www.aafp.org/" } },
		{ "https://www.aafp.org/", 21, { "https://www.aafp.org/" } },
		/* After /, ?, & and -, the separator ending the line. */
		{ "https://a.example/health-equity?id=12&lang=en", 24,
		    { "https://a.example/", "health-equity?id=12&",
		    "lang=en" } },
		{ "https://a.example/health-equity?id=12&lang=en", 14,
		    { "https://", "a.example/", "health-equity?",
		    "id=12&lang=en" } },
		{ "https://a.example/health-equity?id=12&lang=en", 12,
		    { "https://", "a.example/", "health-", "equity?", "id=12&",
		    "lang=en" } },
		/* Not between the slashes of "//" while another break fits. */
		{ "https://xy", 8, { "https://", "xy" } },
		{ "https://x", 7, { "https:/", "/x" } },
		/* A part longer than the line is cut, never leaving "/". */
		{ "https://abcdefgh/", 8, { "https://", "abcdefg", "h/" } },
		{ "https://abcdefghij", 8, { "https://", "abcdefgh", "ij" } },
	};
	char lines[8][80];
	size_t i, j, n;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		n = wrap_url_all(cases[i].s, cases[i].cols, lines, 8);
		for (j = 0; j < nitems(cases[i].lines) &&
		    cases[i].lines[j] != NULL; j++) {
			assert_true(j < n);
			assert_string_equal(lines[j], cases[i].lines[j]);
		}
		assert_int_equal(n, j);
	}
	/* Every width, every URL of the built-in kind: the rules hold. */
	for (i = 0; i < nitems(cases); i++)
		for (n = 0; n <= 50; n++)
			wrap_url_all(cases[i].s, n, NULL, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_decode_always_advances),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_chars),
		cmocka_unit_test(test_skip),
		cmocka_unit_test(test_is_unsafe),
		cmocka_unit_test(test_unsafe_at),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_sanitize_part),
		cmocka_unit_test(test_sanitize_ascii),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_wrap_property),
		cmocka_unit_test(test_wrap_url),
		cmocka_unit_test_teardown(test_cluster, per_code_point),
		cmocka_unit_test_teardown(test_cluster_width, per_code_point),
		cmocka_unit_test_teardown(test_cluster_fit, per_code_point),
		cmocka_unit_test_teardown(test_cluster_wrap, per_code_point),
		cmocka_unit_test_teardown(test_cluster_wrap_property,
		    per_code_point),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
