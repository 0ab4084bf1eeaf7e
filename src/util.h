/*
 * util: the allocation wrappers that never return NULL, a growable byte
 * buffer, and die(), the one way out for impossible or fatal errors.
 *
 * Nothing here knows about curses; the UI registers a cleanup hook with
 * die_set_cleanup() so that a fatal error restores the terminal first.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stddef.h>

#define PRINTF_LIKE(fmt, args)	__attribute__((format(printf, fmt, args)))
#define NORETURN		__attribute__((noreturn))

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * The x-family: like their libc namesakes, but a size of 0, a
 * multiplication that overflows or an exhausted heap ends the program
 * through die().  They never return NULL.
 */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) PRINTF_LIKE(1, 2);
char	*xvasprintf(const char *, va_list) PRINTF_LIKE(1, 0);

/* Remember the program name for messages ("sma-allies: ..."). */
void	 util_set_progname(const char *);
const char *util_progname(void);

/* Milliseconds on the monotonic clock. */
long long util_now_ms(void);

/* Whether the user asked for no colour: NO_COLOR set and not empty. */
int	 util_no_color(void);

/*
 * A file of the XDG base directories, malloc'd: $VAR/leaf when VAR (as
 * "XDG_CONFIG_HOME") is an absolute path, else $HOME/fallback/leaf (as
 * ".config"), else NULL: the spec says a relative path is to be ignored.
 */
char	*util_xdg_file(const char *var, const char *fallback,
	    const char *leaf);

/*
 * n as people read it, with the locale's thousands separator and
 * grouping (LC_NUMERIC: 980,371 in en_US, 980.371 in de_DE, 980371 in
 * the C locale), into out, which holds UTIL_COUNT_MAX bytes.  Returns
 * out.
 */
#define UTIL_COUNT_MAX	128	/* 20 digits, 19 separators of 4 bytes */
const char *util_count(char *out, size_t n);

/*
 * Run the cleanup hook (if any), print "prog: message" on stderr and
 * exit with status 2.  The hook runs once even if it dies itself.
 */
void	 die(const char *, ...) PRINTF_LIKE(1, 2) NORETURN;
void	 die_set_cleanup(void (*)(void));

/*
 * A growable byte buffer.  ptr is always NUL-terminated once anything has
 * been added; len does not count the NUL.  buf_free() releases it and
 * leaves an empty buffer behind that can be used again.
 */
struct buf {
	char	*ptr;
	size_t	 len;
	size_t	 cap;
};

void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addc(struct buf *, char);
void	 buf_adds(struct buf *, const char *);
void	 buf_addf(struct buf *, const char *, ...) PRINTF_LIKE(2, 3);
void	 buf_reset(struct buf *);	/* len = 0, memory kept */
void	 buf_free(struct buf *);

#endif
