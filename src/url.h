/*
 * url: the rules a web address in the data must meet, and what to say
 * when one does not.  A url (an ally's, the program's) is a plain
 * RFC 3986 http or https URL of printable ASCII, because what the
 * browser copies (OSC 52), opens (the opener's argv) and encodes in a QR
 * code is exactly that text: no control or invisible character, no
 * space, quote, backslash or backtick, nothing RFC 3986 leaves out
 * (< > ^ { | }), "%" only before two hex digits, no "user@" before the
 * host (https://www.aafp.org@evil.example/ leads to evil.example), and
 * a host in ASCII: an internationalised one is written in punycode.
 *
 * Pure functions on bytes: no YAML, no positions in a file (the loader
 * turns an offset into a line and column), no curses.
 */
#ifndef URL_H
#define URL_H

#include <stddef.h>

struct buf;

/* Which rule a web address breaks; URL_OK for none. */
enum url_fault {
	URL_OK,
	URL_EMPTY,		/* nothing at all */
	URL_SCHEME,		/* does not start with http:// or https:// */
	URL_NO_HOST,		/* nothing between "//" and the path */
	URL_CONTROL,		/* C0, DEL, C1, U+2028 and format characters */
	URL_SPACE,
	URL_QUOTE,		/* " or ' */
	URL_BACKSLASH,
	URL_BACKTICK,
	URL_CHAR,		/* other ASCII RFC 3986 has no place for */
	URL_NOT_ASCII,		/* in the path, query or fragment */
	URL_PERCENT,		/* "%" without two hex digits after it */
	URL_USERINFO,		/* "user@" before the host */
	URL_HOST_NOT_ASCII,
	URL_HOST_PERCENT,	/* a percent escape in the host */
	URL_IPV6,		/* a bad "[...]" host */
	URL_PORT		/* a port that is not digits */
};

struct url_problem {
	enum url_fault	 fault;
	size_t		 at;		/* byte offset of the offending
					   character; len for the end */
};

/*
 * Check the len bytes at s against the rules above.  Returns 1 when they
 * hold; else 0, with the first rule broken (the one with the leftmost
 * offending character) in *p.  Cannot fail.
 */
int	 url_check(const char *s, size_t len, struct url_problem *p);

/*
 * Append to b what is wrong with s (as url_check() found it, in p) and
 * what would be right, as the end of a sentence that names the value:
 * "holds a space; write it as %20".  Safe to print: any character of s
 * it quotes is sanitised.
 */
void	 url_explain(struct buf *b, const char *s, size_t len,
	    const struct url_problem *p);

#endif
