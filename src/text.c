/*
 * text: UTF-8, widths and sanitising.  See text.h.
 */
#include "text.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include <utf8proc.h>

#include "util.h"

/* Set once the UI knows the terminal's rule; see text_set_graphemes(). */
static int by_cluster;

size_t
text_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t n, i;

	if (len == 0) {
		*cp = 0;
		return 0;
	}
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		goto bad;
	if (len < n)
		goto bad;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		goto bad;
	*cp = c;
	return n;
bad:
	*cp = TEXT_REPLACEMENT;
	return 1;
}

void
text_encode(struct buf *b, uint32_t cp)
{
	char s[4];

	if (cp < 0x80) {
		s[0] = (char)cp;
		buf_add(b, s, 1);
	} else if (cp < 0x800) {
		s[0] = (char)(0xc0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 2);
	} else if (cp < 0x10000) {
		s[0] = (char)(0xe0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 3);
	} else {
		s[0] = (char)(0xf0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 4);
	}
}

int
text_is_unsafe(uint32_t cp)
{
	/* C0 controls, DEL and C1 controls. */
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 1;
	if (cp < 0x80)
		return 0;
	/* Line and paragraph separators move the cursor on some terminals. */
	if (cp == 0x2028 || cp == 0x2029)
		return 1;
	/*
	 * Format characters (Cf): the bidirectional marks, embeddings,
	 * overrides and isolates, the zero-width space and non-joiner, the
	 * word joiner, the byte order mark, the interlinear annotation and
	 * tag characters, the soft hyphen.  Each reorders or hides text, or
	 * shows differently from one terminal to the next.  The joiner is
	 * left to text_unsafe_at(): it is only safe between pictographs.
	 */
	if (cp > 0x10ffff || cp == TEXT_ZWJ)
		return 0;
	return utf8proc_category((utf8proc_int32_t)cp) ==
	    UTF8PROC_CATEGORY_CF;
}

/* The grapheme break class of cp, as utf8proc has it. */
static int
boundclass(uint32_t cp)
{
	return utf8proc_get_property((utf8proc_int32_t)cp)->boundclass;
}

/*
 * Does the joiner at byte i of s join two pictographs, as in an emoji ZWJ
 * sequence (Unicode's grapheme rule GB11): an Extended_Pictographic
 * character, perhaps followed by marks that extend it (VS16, a skin
 * tone), then the joiner, then another Extended_Pictographic character?
 * A hidden character among the marks does not count as one.
 */
static int
zwj_joins(const char *s, size_t len, size_t i)
{
	size_t at = i, n;
	uint32_t cp;

	n = text_decode(s + i, len - i, &cp);
	if (i + n >= len)
		return 0;
	text_decode(s + i + n, len - i - n, &cp);
	if (boundclass(cp) != UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC)
		return 0;
	while (at > 0) {
		at = text_prev(s, at);
		text_decode(s + at, len - at, &cp);
		if (boundclass(cp) == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC)
			return 1;
		if (boundclass(cp) != UTF8PROC_BOUNDCLASS_EXTEND ||
		    text_is_unsafe(cp))
			return 0;
	}
	return 0;
}

int
text_unsafe_at(const char *s, size_t len, size_t i)
{
	uint32_t cp;

	text_decode(s + i, len - i, &cp);
	if (cp == TEXT_ZWJ)
		return !zwj_joins(s, len, i);
	return text_is_unsafe(cp);
}

size_t
text_prev(const char *s, size_t pos)
{
	while (pos > 0 && ((unsigned char)s[--pos] & 0xc0) == 0x80)
		;
	return pos;
}

size_t
text_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	/* Count every byte that does not continue a sequence. */
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

size_t
text_skip(const char *s, size_t len, size_t n)
{
	size_t i = 0;

	while (i < len && n > 0) {
		if (((unsigned char)s[i++] & 0xc0) != 0x80)
			n--;
		while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
	}
	return i;
}

const char *
text_ascii_standin(uint32_t cp)
{
	switch (cp) {
	case 0x00a0:		/* no-break space */
	case 0x2002: case 0x2003: case 0x2009: case 0x202f:
		return " ";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
		return "-";
	case 0x2014: case 0x2015:
		return "--";
	case 0x2018: case 0x2019: case 0x201a: case 0x2032:
		return "'";
	case 0x201c: case 0x201d: case 0x201e: case 0x2033:
		return "\"";
	case 0x2026:
		return "...";
	case 0x2022: case 0x00b7:
		return "*";
	case 0x00ab:
		return "<<";
	case 0x00bb:
		return ">>";
	case 0x2190:
		return "<-";
	case 0x2192:
		return "->";
	case 0x00a9:
		return "(c)";
	case 0x00ae:
		return "(R)";
	default:
		return NULL;
	}
}

void
text_sanitize(struct buf *b, const char *s, size_t len, int flags)
{
	text_sanitize_part(b, s, len, 0, len, flags);
}

void
text_sanitize_part(struct buf *b, const char *s, size_t len, size_t from,
    size_t to, int flags)
{
	const char *standin;
	size_t i = from, n, run;
	uint32_t cp;

	while (i < to) {
		/* Copy runs of printable ASCII in one go. */
		for (run = i; run < to; run++) {
			unsigned char c = (unsigned char)s[run];
			if (c < 0x20 || c >= 0x7f)
				break;
		}
		if (run > i) {
			buf_add(b, s + i, run - i);
			i = run;
			continue;
		}
		n = text_decode(s + i, to - i, &cp);
		if ((flags & TEXT_SPACES) &&
		    (cp == '\n' || cp == '\t' || cp == '\r'))
			buf_addc(b, ' ');
		else if (cp == TEXT_REPLACEMENT || text_unsafe_at(s, len, i)) {
			if (flags & TEXT_ASCII)
				buf_addc(b, '?');
			else
				text_encode(b, TEXT_REPLACEMENT);
		} else if (flags & TEXT_ASCII) {
			standin = text_ascii_standin(cp);
			buf_adds(b, standin != NULL ? standin : "?");
		} else
			buf_add(b, s + i, n);
		i += n;
	}
	if (b->ptr == NULL)
		buf_add(b, "", 0);
}

const char *
text_safe(struct buf *b, const char *s)
{
	size_t start = b->len;

	text_sanitize(b, s, strlen(s), 0);
	buf_addc(b, '\0');
	return b->ptr + start;
}

int
text_cp_width(uint32_t cp)
{
	int w;

	if (cp < 0x7f)
		return 1;
	if (text_is_unsafe(cp))
		return 1;
	w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 1;
	return w;
}

void
text_set_graphemes(int on)
{
	by_cluster = on;
}

int
text_graphemes(void)
{
	return by_cluster;
}

/* Whether cp is a regional indicator, half of a flag. */
static int
regional(uint32_t cp)
{
	return utf8proc_get_property((utf8proc_int32_t)cp)->boundclass ==
	    UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR;
}

/* A byte text_decode() could not decode (not a real U+FFFD). */
static int
malformed(const char *s, size_t n, uint32_t cp)
{
	return cp == TEXT_REPLACEMENT && n == 1 && (unsigned char)s[0] >= 0x80;
}

size_t
text_cluster(const char *s, size_t len, int *width)
{
	utf8proc_int32_t state = 0;
	uint32_t first, prev, cp;
	size_t i, n, count = 1;
	int wide, w;

	*width = 0;
	if (len == 0)
		return 0;
	i = text_decode(s, len, &first);
	if (text_is_unsafe(first) || malformed(s, i, first)) {
		*width = text_cp_width(first);
		return i;
	}
	/* ASCII joins nothing that follows but marks, which are not ASCII. */
	if (first < 0x80 && (len == 1 || (unsigned char)s[1] < 0x80)) {
		*width = 1;
		return 1;
	}
	wide = utf8proc_charwidth((utf8proc_int32_t)first) == 2;
	for (prev = first, n = 0; i < len; prev = cp) {
		if (count == TEXT_CLUSTER_MAX) {
			/*
			 * Cut, but not after a ZWJ, which would join what is
			 * written next: it begins the rest, which is not shown.
			 */
			if (prev == 0x200d)
				i -= n;
			break;
		}
		n = text_decode(s + i, len - i, &cp);
		/* A joiner that joins no emoji is a stand-in of its own. */
		if (text_is_unsafe(cp) || malformed(s + i, n, cp) ||
		    (cp == TEXT_ZWJ && text_unsafe_at(s, len, i)) ||
		    utf8proc_grapheme_break_stateful((utf8proc_int32_t)prev,
		    (utf8proc_int32_t)cp, &state))
			break;
		/* An emoji selector, a wide part, a flag's second half. */
		if (cp == 0xfe0f ||
		    utf8proc_charwidth((utf8proc_int32_t)cp) == 2 ||
		    (count == 1 && regional(first) && regional(cp)))
			wide = 1;
		i += n;
		count++;
	}
	if (wide)
		*width = 2;
	else {
		w = utf8proc_charwidth((utf8proc_int32_t)first);
		*width = w < 0 ? 1 : w;
	}
	return i;
}

size_t
text_glyph(const char *s, size_t len, int *width)
{
	uint32_t cp;
	size_t n;

	if (by_cluster)
		return text_cluster(s, len, width);
	n = text_decode(s, len, &cp);
	*width = text_cp_width(cp);
	return n;
}

size_t
text_width(const char *s, size_t len)
{
	size_t used;

	text_fit(s, len, (size_t)-1, &used);
	return used;
}

size_t
text_fit(const char *s, size_t len, size_t cols, size_t *used)
{
	size_t i = 0, n, w = 0;
	int cw, cw2, zwj;

	while (i < len) {
		/* Printable ASCII, unless a mark may follow to join it. */
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f &&
		    (!by_cluster || i + 1 == len ||
		    (unsigned char)s[i + 1] < 0x80)) {
			if (w + 1 > cols)
				break;
			w++;
			i++;
			continue;
		}
		n = text_glyph(s + i, len - i, &cw);
		/* U+200D alone, as a glyph: its bytes are enough to tell. */
		zwj = n == 3 && memcmp(s + i, "\xe2\x80\x8d", 3) == 0;
		if (zwj && text_unsafe_at(s, len, i))
			/* A stray joiner is shown as a stand-in: a column. */
			cw = 1;
		else if (zwj && i + n < len) {
			/*
			 * A joiner that joins two pictographs goes with the
			 * second, so that a line never ends in it (it would
			 * then join nothing, and show as a stand-in).
			 */
			n += text_glyph(s + i + n, len - i - n, &cw2);
			cw += cw2;
		}
		if (w + (size_t)cw > cols)
			break;
		w += (size_t)cw;
		i += n;
	}
	if (used != NULL)
		*used = w;
	return i;
}

size_t
text_wrap(const char *s, size_t len, size_t cols, size_t *next)
{
	const char *nl;
	size_t fit, i;
	int cw;

	if (len == 0) {
		*next = 0;
		return 0;
	}
	fit = text_fit(s, len, cols, NULL);
	if ((nl = memchr(s, '\n', fit < len ? fit + 1 : len)) != NULL) {
		*next = (size_t)(nl - s) + 1;
		return (size_t)(nl - s);
	}
	if (fit == len) {
		*next = len;
		return len;
	}
	if (s[fit] == ' ') {
		for (i = fit; i < len && s[i] == ' '; i++)
			;
		*next = i;
		return fit;
	}
	for (i = fit; i > 0; i--)
		if (s[i - 1] == ' ') {
			*next = i;
			while (i > 0 && s[i - 1] == ' ')
				i--;
			return i;
		}
	if (fit == 0)
		fit = text_glyph(s, len, &cw);
	*next = fit;
	return fit;
}

int
text_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	/* glibc says "UTF-8"; some systems say "utf8". */
	return cs != NULL && (strcasecmp(cs, "UTF-8") == 0 ||
	    strcasecmp(cs, "utf8") == 0);
}

/* The characters a URL may break after. */
static int
url_sep(char c)
{
	return c == '/' || c == '?' || c == '&' || c == '-';
}

/* Whether a URL may go on to the next line after byte i of s. */
static int
url_break(const char *s, size_t len, size_t i)
{
	if (i == 0 || i >= len || !url_sep(s[i - 1]))
		return 0;
	/* Not inside "//", and not before a last lone separator. */
	return s[i] != '/' && !(len - i == 1 && url_sep(s[i]));
}

size_t
text_wrap_url(const char *s, size_t len, size_t cols, size_t *next)
{
	size_t fit, i;
	uint32_t cp;

	fit = text_fit(s, len, cols, NULL);
	if (fit >= len) {
		*next = len;
		return len;
	}
	for (i = fit; i > 0; i--)
		if (url_break(s, len, i)) {
			*next = i;
			return i;
		}
	if (fit == 0)
		fit = text_decode(s, len, &cp);
	else if (len - fit == 1 && url_sep(s[fit]) && text_prev(s, fit) > 0)
		fit = text_prev(s, fit);
	*next = fit;
	return fit;
}

int
text_fold(struct buf *out, const char *s, size_t len, int flags)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n;
	size_t i, at = out->len;

	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == len) {
		/* The usual name or tag: no allocation, no table lookups. */
		buf_add(out, s, len);
		for (i = at; i < out->len; i++)
			if (out->ptr[i] >= 'A' && out->ptr[i] <= 'Z')
				out->ptr[i] = (char)(out->ptr[i] - 'A' + 'a');
		return 0;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &folded, UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE |
	    ((flags & TEXT_FOLD_MARKS) ? UTF8PROC_STRIPMARK : 0));
	if (n < 0)
		return -1;
	buf_add(out, folded, (size_t)n);
	free(folded);
	return 0;
}
