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

/*
 * pattern_cost().  The walk keeps the product of the choices seen (each
 * group's alternatives, each bounded repeat's counts) and the number of
 * things that can be tested, and gives up at the first construct whose
 * cost depends on the text.
 */
#define COST_DEPTH	32	/* nested groups it follows */

struct cost {
	size_t	 ways;			/* product of the choices so far */
	size_t	 items;			/* things tested along any way */
	int	 atom;			/* a repeat would apply to one char */
	size_t	 depth;
	size_t	 branches[COST_DEPTH + 1];	/* alternatives, per level */
};

/* Multiply the ways by n; 0 when that passes what can be afforded. */
static int
cost_choose(struct cost *c, size_t n)
{
	if (n > PATTERN_COST_MAX || c->ways > PATTERN_COST_MAX / n)
		return 0;
	c->ways *= n;
	return 1;
}

/*
 * Read a repeat at i: * + ? {n} {n,} {n,m}, with a lazy or possessive
 * mark.  Returns the position after it, or i when there is none there (a
 * brace that opens no repeat is a literal); *max is (size_t)-1 for no
 * upper bound.
 */
static size_t
read_number(const char *p, size_t len, size_t i, size_t *n, int *digits)
{
	*n = 0;
	*digits = 0;
	for (; i < len && p[i] >= '0' && p[i] <= '9'; i++) {
		if (*n < 1000000)
			*n = *n * 10 + (size_t)(p[i] - '0');
		*digits = 1;
	}
	return i;
}

static size_t
read_repeat(const char *p, size_t len, size_t i, size_t *min, size_t *max)
{
	size_t j = i + 1;
	int digits, more;

	if (p[i] == '*' || p[i] == '+' || p[i] == '?') {
		*min = p[i] == '+';
		*max = p[i] == '?' ? 1 : (size_t)-1;
	} else if (p[i] == '{') {
		j = read_number(p, len, j, min, &digits);
		if (!digits)
			return i;
		*max = *min;
		if (j < len && p[j] == ',') {
			j = read_number(p, len, j + 1, max, &more);
			if (!more)
				*max = (size_t)-1;
		}
		if (j >= len || p[j] != '}')
			return i;
		j++;
	} else
		return i;
	if (j < len && (p[j] == '+' || p[j] == '?'))
		j++;
	return j;
}

/* The escape at i; 0 in *ok when its cost depends on the text. */
static size_t
cost_escape(const char *p, size_t len, size_t i, struct cost *c, int *ok)
{
	char e = i + 1 < len ? p[i + 1] : '\0';
	size_t j;

	/* Back references (\1, \g, \k), \X and \C may take any length. */
	if ((e >= '1' && e <= '9') || e == 'g' || e == 'k' || e == 'X' ||
	    e == 'C') {
		*ok = 0;
		return i + 2;
	}
	c->atom = 1;
	if (e == 'Q') {
		for (j = i + 2; j < len && !(p[j] == '\\' && j + 1 < len &&
		    p[j + 1] == 'E'); j++)
			c->items++;
		return j + 2;
	}
	c->items++;
	return skip_escape(p, len, i);
}

/* The class that opens at i, up to its ]. */
static size_t
skip_class(const char *p, size_t len, size_t i)
{
	i++;
	if (i < len && p[i] == '^')
		i++;
	if (i < len && p[i] == ']')
		i++;
	while (i < len && p[i] != ']') {
		if (p[i] == '\\' && i + 1 < len && p[i + 1] == 'Q') {
			for (i += 2; i < len && !(p[i] == '\\' && i + 1 < len &&
			    p[i + 1] == 'E'); i++)
				;
			i += 2;
		} else if (p[i] == '\\')
			i = skip_escape(p, len, i);
		else if (p[i] == '[' && i + 1 < len && p[i + 1] == ':')
			i = skip_until(p, len, i + 2, "]") + 1;
		else
			i++;
	}
	return i + 1;
}

/*
 * The ( at i: a group opens (1, *body its first byte), an option setting
 * or a comment is passed (0), or the construct is one whose cost depends
 * on the text (-1).
 */
static int
cost_paren(const char *p, size_t len, size_t i, size_t *body)
{
	size_t j;

	*body = i + 1;
	if (i + 1 >= len || p[i + 1] == '*')
		return i + 1 >= len ? 1 : -1;	/* (*VERB) */
	if (p[i + 1] != '?')
		return 1;
	if (is_unnamed_group(p, len, i) || is_named_group(p, len, i)) {
		*body = skip_group_header(p, len, i);
		return 1;
	}
	if (i + 2 < len && p[i + 2] == '#') {
		*body = skip_until(p, len, i + 3, ")") + 1;
		return 0;
	}
	/* Option letters up to ) or :, without x; anything else gives up. */
	for (j = i + 2; j < len && p[j] != ')' && p[j] != ':'; j++)
		if (strchr("imnsJU^-", p[j]) == NULL)
			return -1;
	if (j >= len)
		return -1;
	*body = j + 1;
	return p[j] == ':';
}

size_t
pattern_cost(const char *p, size_t len)
{
	struct cost c;
	size_t i = 0, min, max, next;
	int ok = 1, rc;

	memset(&c, 0, sizeof(c));
	c.ways = 1;
	c.branches[0] = 1;
	while (i < len && ok) {
		if ((next = read_repeat(p, len, i, &min, &max)) != i) {
			/* Only a bounded repeat of one character is known. */
			ok = c.atom && max != (size_t)-1 && max <= 1000 &&
			    cost_choose(&c, max - min + 1);
			c.items += max;
			c.atom = 0;
			i = next;
		} else if (p[i] == '\\')
			i = cost_escape(p, len, i, &c, &ok);
		else if (p[i] == '[') {
			i = skip_class(p, len, i);
			c.items++;
			c.atom = 1;
		} else if (p[i] == '(') {
			c.atom = 0;
			if ((rc = cost_paren(p, len, i, &next)) < 0 ||
			    (rc == 1 && c.depth == COST_DEPTH))
				ok = 0;
			else if (rc == 1)
				c.branches[++c.depth] = 1;
			i = next;
		} else if (p[i] == ')' || p[i] == '|') {
			if (p[i] == '|')
				c.branches[c.depth]++;
			else if (c.depth == 0)
				ok = 0;
			else
				ok = cost_choose(&c, c.branches[c.depth--]);
			c.atom = 0;
			i++;
		} else {
			c.atom = p[i] != '^' && p[i] != '$';
			c.items++;
			i++;
		}
	}
	if (!ok || c.depth != 0 || !cost_choose(&c, c.branches[0]) ||
	    c.items + 1 > PATTERN_COST_MAX / c.ways)
		return 0;
	return c.ways * (c.items + 1);
}
