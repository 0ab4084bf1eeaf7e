/*
 * pattern: a lexical reading of PCRE2 patterns.  See pattern.h.
 *
 * Every function here takes the pattern (p, len bytes, not necessarily
 * NUL-terminated) and a position i, and returns the position after what
 * it read.  A position may run past len when the pattern ends in the
 * middle of a construct; callers stop at i >= len.
 */
#include "pattern.h"

#include <string.h>

#include "util.h"

/*
 * The position of the first byte at or after i that is one of stops, or
 * len.  A NUL byte stops it too: strchr() finds the terminator.
 */
static size_t
skip_until(const char *p, size_t len, size_t i, const char *stops)
{
	while (i < len && strchr(stops, p[i]) == NULL)
		i++;
	return i;
}

/* Copy the text of \Q...\E from i, just after the \Q, up to the \E. */
static size_t
copy_quoted(const char *p, size_t len, size_t i, struct buf *out)
{
	while (i < len) {
		if (p[i] == '\\' && i + 1 < len && p[i + 1] == 'E')
			return i + 2;
		buf_addc(out, p[i++]);
	}
	return i;
}

/*
 * Skip what follows \p \P \x \o \N \g or \k (the letter) from i: an
 * operand in braces or angle brackets (\p{Lu}, \k<name>), one letter
 * after \p or \P (\pL), up to two hex digits after \x (\xAB).  An operand
 * in quotes (\k'name') ends at its opening quote, so the name itself
 * stays in the text.
 */
static size_t
skip_operand(const char *p, size_t len, size_t i, char letter)
{
	size_t n;

	if (i < len && (p[i] == '{' || p[i] == '<' || p[i] == '\''))
		return skip_until(p, len, i, p[i] == '{' ? "}" :
		    p[i] == '<' ? ">" : "'") + 1;
	if (letter == 'p' || letter == 'P')
		return i + 1;
	if (letter == 'x')
		for (n = 0; n < 2 && i < len &&
		    strchr("0123456789abcdefABCDEF", p[i]) != NULL; n++)
			i++;
	return i;
}

/* Skip the escape at i: a backslash and at least one byte, not \Q. */
static size_t
skip_escape(const char *p, size_t len, size_t i)
{
	char letter = p[i + 1];

	switch (letter) {
	case 'p': case 'P': case 'x': case 'o': case 'N':
	case 'g': case 'k':
		return skip_operand(p, len, i + 2, letter);
	case 'c':
		return i + 3;	/* \cX */
	default:
		return i + 2;
	}
}

/* Copy the [ at i that opens a class, with a ^ and a first ] of it. */
static size_t
copy_class_open(const char *p, size_t len, size_t i, struct buf *out)
{
	buf_addc(out, p[i++]);
	if (i < len && p[i] == '^')
		buf_addc(out, p[i++]);
	if (i < len && p[i] == ']')	/* a literal ] */
		buf_addc(out, p[i++]);
	return i;
}

/*
 * Inside a class: skip a POSIX class name ([:alpha:]) at i, or copy the
 * byte there; a ] ends the class.
 */
static size_t
class_step(const char *p, size_t len, size_t i, int *in_class,
    struct buf *out)
{
	if (p[i] == '[' && i + 1 < len && p[i + 1] == ':')
		return skip_until(p, len, i + 2, "]") + 1;
	if (p[i] == ']')
		*in_class = 0;
	buf_addc(out, p[i]);
	return i + 1;
}

/* Does a group header start at i: (? or (*? */
static int
is_group_header(const char *p, size_t len, size_t i)
{
	return p[i] == '(' && i + 1 < len && (p[i + 1] == '?' ||
	    p[i + 1] == '*');
}

/* A lookaround or a group with no name: (?= (?! (?: (?| (?> (?<= (?<! */
static int
is_unnamed_group(const char *p, size_t len, size_t i)
{
	char c;

	if (p[i + 1] != '?' || i + 2 >= len)
		return 0;
	c = p[i + 2];
	if (c == '<')
		return i + 3 < len && (p[i + 3] == '=' || p[i + 3] == '!');
	return c == '=' || c == '!' || c == ':' || c == '|' || c == '>';
}

/* A named group: (?<name> (?'name' (?P<name> */
static int
is_named_group(const char *p, size_t len, size_t i)
{
	if (p[i + 1] != '?' || i + 2 >= len)
		return 0;
	return p[i + 2] == '<' || p[i + 2] == '\'' ||
	    (p[i + 2] == 'P' && i + 3 < len && p[i + 3] == '<');
}

/*
 * Skip the header of the group at i, up to its body: three bytes for
 * (?: and its kin (the = or ! of (?<= and (?<! stays); a name up to >
 * (a name in quotes, (?'name', ends at its opening quote); anything else
 * ((?i), (?i:, (?#...), (?P=name), (?&name), (*VERB:NAME)) up to the
 * first : or ).
 */
static size_t
skip_group_header(const char *p, size_t len, size_t i)
{
	if (is_unnamed_group(p, len, i))
		return i + 3;
	if (is_named_group(p, len, i))
		return skip_until(p, len, i + 2, ">'") + 1;
	return skip_until(p, len, i + 2, ":)") + 1;
}

void
pattern_literals(const char *p, size_t len, struct buf *out)
{
	size_t i = 0;
	int in_class = 0;

	while (i < len) {
		if (p[i] == '\\') {
			if (i + 1 >= len)
				break;	/* a lone backslash at the end */
			if (p[i + 1] == 'Q')
				i = copy_quoted(p, len, i + 2, out);
			else
				i = skip_escape(p, len, i);
		} else if (in_class)
			i = class_step(p, len, i, &in_class, out);
		else if (p[i] == '[') {
			in_class = 1;
			i = copy_class_open(p, len, i, out);
		} else if (is_group_header(p, len, i))
			i = skip_group_header(p, len, i);
		else
			buf_addc(out, p[i++]);
	}
	if (out->ptr == NULL)
		buf_add(out, "", 0);
}

int
pattern_block_safe(const char *p, size_t len)
{
	size_t i, j;

	for (i = 0; i + 1 < len; i++) {
		if (p[i] == '\\') {
			if (strchr("AZzGKC", p[i + 1]) != NULL)
				return 0;
			i++;
			continue;
		}
		if (p[i] != '(')
			continue;
		if (p[i + 1] == '*')
			return 0;
		if (p[i + 1] != '?' || i + 2 >= len)
			continue;
		if (p[i + 2] == '<' || p[i + 2] == '=' || p[i + 2] == '!')
			return 0;
		/* Option letters up to ) or :, such as (?im) or (?m:x). */
		for (j = i + 2; j < len && p[j] != ')' && p[j] != ':'; j++)
			if (p[j] == 'm')
				return 0;
	}
	return 1;
}
