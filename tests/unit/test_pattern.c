/*
 * Unit tests for pattern.c, from two tables: what pattern_literals()
 * keeps of a pattern as its text, and what pattern_block_safe() says of
 * it.  Between them the rows take every branch of both (each row says
 * which construct it is there for); a pattern with a NUL byte in it gives
 * its length.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "pattern.h"
#include "util.h"

struct literal_case {
	const char	*pattern;
	size_t		 len;		/* 0: strlen(pattern) */
	const char	*text;		/* what pattern_literals() keeps */
};

static const struct literal_case literal_cases[] = {
	/* Plain text, and nothing at all. */
	{ "", 0, "" },
	{ "nurs", 0, "nurs" },
	{ "a.b+c", 0, "a.b+c" },
	{ "ab\\", 0, "ab" },			/* a lone \ at the end */
	{ "\\", 0, "" },

	/* \Q...\E: quoted text is text. */
	{ "\\QA.b\\Ec", 0, "A.bc" },
	{ "x\\QA(", 0, "xA(" },			/* no \E: to the end */
	{ "\\Qa\\b\\E", 0, "a\\b" },		/* \b inside is text */
	{ "\\Qa\\", 0, "a\\" },			/* a \ at the very end */
	{ "[\\Qa]\\E]x", 0, "[a]]x" },		/* \Q inside a class */

	/* Escapes with no operand. */
	{ "\\S+", 0, "+" },
	{ "\\W\\D\\B\\A\\Z", 0, "" },
	{ "\\.x", 0, "x" },
	{ "\\\\N", 0, "N" },			/* an escaped backslash */

	/* \p and \P: braces or one letter. */
	{ "\\p{Lu}x", 0, "x" },
	{ "\\P{L}", 0, "" },
	{ "\\pLx", 0, "x" },
	{ "\\PL", 0, "" },
	{ "\\p", 0, "" },			/* nothing after it */
	{ "\\p{Lu", 0, "" },			/* unclosed */

	/* \x: braces or up to two hex digits. */
	{ "\\x41", 0, "" },
	{ "\\xaFz", 0, "z" },
	{ "\\x4G", 0, "G" },
	{ "\\x414", 0, "4" },
	{ "\\xG", 0, "G" },
	{ "\\x{41}B", 0, "B" },
	{ "\\x", 0, "" },

	/* \o \N \g \k: braces, angle brackets or quotes, else nothing. */
	{ "\\o{101}a", 0, "a" },
	{ "\\oA", 0, "A" },
	{ "\\N{U+41}a", 0, "a" },
	{ "\\NA", 0, "A" },
	{ "\\g{1}a", 0, "a" },
	{ "\\g<Name>a", 0, "a" },
	{ "\\g1", 0, "1" },
	{ "\\k<Name>a", 0, "a" },
	{ "\\k{Name}a", 0, "a" },
	/* A quoted operand ends at its opening quote: the name stays. */
	{ "\\k'Name'", 0, "Name'" },
	{ "\\g'Name'", 0, "Name'" },
	/* A NUL byte ends a delimited operand. */
	{ "\\k<a\0B>c", 8, "B>c" },

	/* \cX: the control letter goes with it. */
	{ "\\cAb", 0, "b" },
	{ "\\c", 0, "" },

	/* Classes: kept, but for POSIX class names. */
	{ "[A-Z]", 0, "[A-Z]" },
	{ "[^a]b", 0, "[^a]b" },
	{ "[]A]", 0, "[]A]" },			/* a first ] is a member */
	{ "[^]A]", 0, "[^]A]" },
	{ "[", 0, "[" },
	{ "[^", 0, "[^" },
	{ "[[:upper:]]", 0, "[]" },
	{ "[[:Alpha:]x]", 0, "[x]" },
	{ "[[:alpha", 0, "[" },			/* unclosed name */
	{ "[a[B]", 0, "[a[B]" },		/* a [ that opens no name */
	{ "[a[", 0, "[a[" },
	{ "[\\]A]B", 0, "[A]B" },		/* an escape in a class */
	{ "[ab", 0, "[ab" },			/* unclosed class */
	{ "[a]]", 0, "[a]]" },			/* a ] after the class */

	/* Groups with no name: three bytes of the header go. */
	{ "(?=A)", 0, "A)" },
	{ "(?!A)", 0, "A)" },
	{ "(?:A)", 0, "A)" },
	{ "(?|A)", 0, "A)" },
	{ "(?>A)", 0, "A)" },
	{ "(?<=A)", 0, "=A)" },			/* the = or ! stays */
	{ "(?<!A)", 0, "!A)" },

	/* Named groups: the name goes, up to its >. */
	{ "(?<Name>x)", 0, "x)" },
	{ "(?P<Name>x)(?P=Name)", 0, "x)" },
	{ "(?<N", 0, "" },			/* unclosed */
	{ "(?<", 0, "" },
	/* A quoted name ends at its opening quote: the name stays. */
	{ "(?'Name'x)", 0, "Name'x)" },

	/* Other headers: up to the first : or ). */
	{ "(?i)X", 0, "X" },
	{ "(?i:X)", 0, "X)" },
	{ "(?#Comment)x", 0, "x" },
	{ "(?&Name)x", 0, "x" },
	{ "(?P>Name)x", 0, "x" },
	{ "(?Px", 0, "" },			/* (?P, no <: up to : or ) */
	{ "(?P", 0, "" },
	{ "(*UTF)x", 0, "x" },
	{ "(*MARK:Name)", 0, "Name)" },		/* a verb's name is kept */
	{ "(?", 0, "" },
	{ "(*", 0, "" },

	/* A ( that opens no header is text. */
	{ "(a)", 0, "(a)" },
	{ "(", 0, "(" },
	{ "a(", 0, "a(" },

	/* UTF-8 passes through byte for byte. */
	{ "caf\xc3\x89", 0, "caf\xc3\x89" },
};

struct safe_case {
	const char	*pattern;
	size_t		 len;		/* 0: strlen(pattern) */
	int		 safe;		/* what pattern_block_safe() says */
};

static const struct safe_case safe_cases[] = {
	{ "", 0, 1 },
	{ "nurs", 0, 1 },
	{ "^care$", 0, 1 },
	{ "\\bx\\b", 0, 1 },
	{ "a\\", 0, 1 },			/* a lone \ at the end */
	{ "\\", 0, 1 },
	/* What looks at the subject's ends or beyond the match. */
	{ "\\Acare", 0, 0 },
	{ "care\\Z", 0, 0 },
	{ "care\\z", 0, 0 },
	{ "\\Gx", 0, 0 },
	{ "a\\Kb", 0, 0 },
	{ "\\C", 0, 0 },
	{ "\\\0", 2, 0 },			/* a NUL after a \ too */
	{ "\\\\A", 0, 1 },			/* an escaped backslash */
	{ "[\\A]", 0, 0 },			/* classes are not told apart */
	/* Verbs and lookaround. */
	{ "(*UTF)x", 0, 0 },
	{ "(*", 0, 0 },
	{ "(?=a)", 0, 0 },
	{ "(?!a)", 0, 0 },
	{ "(?<=a)x", 0, 0 },
	{ "(?<!a)x", 0, 0 },
	{ "(?<n>x)", 0, 0 },
	/* Option letters: m makes ^ and $ see line breaks. */
	{ "(?m)^C", 0, 0 },
	{ "(?im)x", 0, 0 },
	{ "(?m:x)", 0, 0 },
	{ "(?im", 0, 0 },			/* unclosed */
	{ "(?#m)x", 0, 0 },			/* on the safe side */
	{ "(?i)x", 0, 1 },
	{ "(?i:m)", 0, 1 },			/* an m after the : is text */
	{ "(?i)m", 0, 1 },
	{ "(?:a)", 0, 1 },
	{ "(?|a|b)", 0, 1 },
	{ "(?i", 0, 1 },
	{ "(?", 0, 1 },
	{ "x(?", 0, 1 },
	{ "(a)", 0, 1 },
	{ "(", 0, 1 },
	{ "(x", 0, 1 },
	{ "m", 0, 1 },
};

static size_t
case_len(const char *pattern, size_t len)
{
	return len != 0 ? len : strlen(pattern);
}

static void
test_literals(void **state)
{
	const struct literal_case *c;
	struct buf out = { 0 };
	size_t i, n;
	int bad = 0;

	(void)state;
	for (i = 0; i < nitems(literal_cases); i++) {
		c = &literal_cases[i];
		n = case_len(c->pattern, c->len);
		buf_free(&out);
		pattern_literals(c->pattern, n, &out);
		assert_non_null(out.ptr);
		assert_int_equal(out.ptr[out.len], '\0');
		if (out.len != strlen(c->text) ||
		    memcmp(out.ptr, c->text, out.len) != 0) {
			print_error("row %zu: /%.*s/ keeps \"%s\", not "
			    "\"%s\"\n", i, (int)n, c->pattern, out.ptr, c->text);
			bad++;
		}
	}
	buf_free(&out);
	assert_int_equal(bad, 0);
}

/* The text is appended to what the buffer holds. */
static void
test_literals_append(void **state)
{
	struct buf out = { 0 };

	(void)state;
	buf_adds(&out, "x");
	pattern_literals("\\pLy", 4, &out);
	assert_string_equal(out.ptr, "xy");
	pattern_literals("\\S", 2, &out);
	assert_string_equal(out.ptr, "xy");
	buf_free(&out);
}

static void
test_block_safe(void **state)
{
	const struct safe_case *c;
	size_t i, n;
	int bad = 0, got;

	(void)state;
	for (i = 0; i < nitems(safe_cases); i++) {
		c = &safe_cases[i];
		n = case_len(c->pattern, c->len);
		got = pattern_block_safe(c->pattern, n);
		if (got != c->safe) {
			print_error("row %zu: /%.*s/ is %s, not %s\n", i,
			    (int)n, c->pattern, got ? "safe" : "unsafe",
			    c->safe ? "safe" : "unsafe");
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literals),
		cmocka_unit_test(test_literals_append),
		cmocka_unit_test(test_block_safe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
