/*
 * url: the rules of a web address in the data.  See url.h.
 *
 * One pass from left to right, so that the first offending character is
 * the one reported: the authority (the host and its port) up to the
 * first "/", "?" or "#", then the path, query and fragment.  Characters
 * go through one classifier in both parts; only the authority knows
 * "@", "[...]" and the port.
 */
#include "url.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "util.h"

#define URL_QUOTE_COLS	40	/* of a host quoted in a message */

static int
is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/*
 * The fault of the character at byte i by itself, URL_OK when it may
 * stand anywhere in a URL.  A non-ASCII character is reported as in the
 * host when in_host is set.
 */
static enum url_fault
char_fault(const char *s, size_t len, size_t i, int in_host)
{
	unsigned char c = (unsigned char)s[i];
	uint32_t cp;

	if (c >= 0x80) {
		text_decode(s + i, len - i, &cp);
		if (text_is_unsafe(cp))
			return URL_CONTROL;
		return in_host ? URL_HOST_NOT_ASCII : URL_NOT_ASCII;
	}
	if (c < 0x20 || c == 0x7f)
		return URL_CONTROL;
	switch (c) {
	case ' ':
		return URL_SPACE;
	case '"':
	case '\'':
		return URL_QUOTE;
	case '\\':
		return URL_BACKSLASH;
	case '`':
		return URL_BACKTICK;
	case '<': case '>': case '^': case '{': case '|': case '}':
		return URL_CHAR;
	default:
		return URL_OK;
	}
}

/* Does c end the authority (and start the path, query or fragment)? */
static int
ends_authority(char c)
{
	return c == '/' || c == '?' || c == '#';
}

static int
fail(struct url_problem *p, enum url_fault f, size_t at)
{
	p->fault = f;
	p->at = at;
	return 0;
}

/*
 * The authority, bytes [i, end) of s: a host (a name, or an IPv6 address
 * in brackets) and perhaps ":PORT".  Returns 1, or 0 with *p filled.
 */
static int
check_authority(const char *s, size_t len, size_t i, size_t end,
    struct url_problem *p)
{
	enum url_fault f;
	size_t at;
	int v6 = 0;		/* 1 inside "[...]", 2 after it */

	/* "user:password@" looks like a port until its "@". */
	for (at = i; at < end; at++) {
		if ((f = char_fault(s, len, at, 1)) != URL_OK)
			return fail(p, f, at);
		if (s[at] == '@')
			return fail(p, URL_USERINFO, at);
	}
	for (at = i; at < end; at++) {
		unsigned char c = (unsigned char)s[at];

		if (c == ':' && v6 != 1)
			break;
		if (c == '[' && at == i)
			v6 = 1;
		else if (c == ']' && v6 == 1 && at > i + 1)
			v6 = 2;
		else if ((c == '[' || c == ']') && v6 == 0)
			return fail(p, URL_CHAR, at);
		else if (v6 == 2 || (v6 == 1 && !is_hex(c) && c != ':' &&
		    c != '.'))
			return fail(p, URL_IPV6, at);
		else if (c == '%')
			return fail(p, URL_HOST_PERCENT, at);
	}
	if (v6 == 1)
		return fail(p, URL_IPV6, at);
	if (at == i)
		return fail(p, URL_NO_HOST, i);
	/* The port: digits, or none at all (RFC 3986 allows "host:"). */
	for (at++; at < end; at++)
		if (s[at] < '0' || s[at] > '9')
			return fail(p, URL_PORT, at);
	return 1;
}

int
url_check(const char *s, size_t len, struct url_problem *p)
{
	enum url_fault f;
	size_t i, end;
	int fragment = 0;

	p->fault = URL_OK;
	p->at = 0;
	if (len == 0)
		return fail(p, URL_EMPTY, 0);
	if (len >= 7 && strncasecmp(s, "http://", 7) == 0)
		i = 7;
	else if (len >= 8 && strncasecmp(s, "https://", 8) == 0)
		i = 8;
	else
		return fail(p, URL_SCHEME, 0);
	for (end = i; end < len && !ends_authority(s[end]); end++)
		;
	if (!check_authority(s, len, i, end, p))
		return 0;
	for (i = end; i < len; i++) {
		if ((f = char_fault(s, len, i, 0)) != URL_OK)
			return fail(p, f, i);
		if (s[i] == '[' || s[i] == ']' || (s[i] == '#' && fragment++))
			return fail(p, URL_CHAR, i);
		if (s[i] == '%' && (i + 2 >= len ||
		    !is_hex((unsigned char)s[i + 1]) ||
		    !is_hex((unsigned char)s[i + 2])))
			return fail(p, URL_PERCENT, i);
	}
	return 1;
}

/*
 * What each fault says, with the character at fault put in for "{c}"
 * (sanitised), "{u}" (its code point, U+XXXX), "{x}" (its bytes
 * percent-encoded) and "{k}" (control or invisible), and for "{h}" the
 * host a "user@host" leads to.
 */
static const char *const messages[] = {
	[URL_OK] = "is a web address",
	[URL_EMPTY] = "is empty; give a web address that starts with "
	    "https:// or http://",
	[URL_SCHEME] = "is not a web address; give one that starts with "
	    "https:// or http://",
	[URL_NO_HOST] = "has no host after \"//\"; give one such as "
	    "https://example.org/",
	[URL_CONTROL] = "holds the {k} character {u}; a web address is "
	    "printable ASCII: take it out",
	[URL_SPACE] = "holds a space; write it as %20",
	[URL_QUOTE] = "holds a quote ({c}); write it as {x}",
	[URL_BACKSLASH] = "holds a backslash; write / between the parts of a "
	    "path, or %5C for a backslash itself",
	[URL_BACKTICK] = "holds a backtick (`); write it as %60",
	[URL_CHAR] = "holds \"{c}\", which a web address cannot hold as it is "
	    "(RFC 3986); write it as {x}",
	[URL_NOT_ASCII] = "holds the non-ASCII character \"{c}\" ({u}); a web "
	    "address is printable ASCII: write it percent-encoded, as {x}",
	[URL_PERCENT] = "holds a \"%\" without two hex digits after it; write "
	    "a % itself as %25",
	[URL_USERINFO] = "has a user name before \"@\": it leads to {h}, not "
	    "to what comes before the \"@\"; give the address without it",
	[URL_HOST_NOT_ASCII] = "has the non-ASCII character \"{c}\" ({u}) in "
	    "its host; write an internationalised host in punycode "
	    "(xn--...), as a browser's address bar shows it",
	[URL_HOST_PERCENT] = "has a percent escape in its host; write an "
	    "internationalised host in punycode (xn--...)",
	[URL_IPV6] = "has a bad IPv6 host: write it as [hex:digits], only hex "
	    "digits, \":\" and \".\" inside the brackets and nothing but a "
	    ":PORT after them",
	[URL_PORT] = "has a port that is not a number; after the host's \":\" "
	    "come digits only",
};

/* Where "user@host" leads: the host after the authority's last "@". */
static void
add_real_host(struct buf *b, const char *s, size_t len, size_t at)
{
	size_t from, end, cut;

	for (end = at; end < len && !ends_authority(s[end]); end++)
		;
	for (from = end; s[from - 1] != '@'; from--)
		;
	cut = from + text_fit(s + from, end - from, URL_QUOTE_COLS, NULL);
	buf_addc(b, '"');
	text_sanitize_part(b, s, len, from, cut, TEXT_SPACES);
	buf_adds(b, cut < end ? "...\"" : "\"");
}

void
url_explain(struct buf *b, const char *s, size_t len,
    const struct url_problem *p)
{
	const char *m = messages[p->fault], *brace;
	size_t at = p->at, n = 0, i;
	uint32_t cp = 0;

	if (at < len)
		n = text_decode(s + at, len - at, &cp);
	for (; (brace = strchr(m, '{')) != NULL; m = brace + 3) {
		buf_add(b, m, (size_t)(brace - m));
		switch (brace[1]) {
		case 'c':
			text_sanitize_part(b, s, len, at, at + n, 0);
			break;
		case 'u':
			buf_addf(b, "U+%04X", (unsigned)cp);
			break;
		case 'x':
			for (i = 0; i < n; i++)
				buf_addf(b, "%%%02X", (unsigned char)s[at + i]);
			break;
		case 'k':
			buf_adds(b, cp < 0x100 ? "control" : "invisible");
			break;
		case 'h':
			add_real_host(b, s, len, at);
			break;
		}
	}
	buf_adds(b, m);
}
