/*
 * util: allocation wrappers, the byte buffer and die().  See util.h.
 */
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *progname = "sma-allies";
static void (*cleanup_hook)(void);

void
util_set_progname(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	progname = slash != NULL ? slash + 1 : argv0;
}

const char *
util_progname(void)
{
	return progname;
}

long long
util_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const char *
util_count(char *out, size_t n)
{
	const struct lconv *lc = localeconv();
	const char *sep = lc->thousands_sep, *grouping = lc->grouping;
	char digits[32], *p = out + UTIL_COUNT_MAX - 1;
	size_t nd, i, seplen = strlen(sep), left;
	int group, in_group = 0;

	nd = (size_t)snprintf(digits, sizeof(digits), "%zu", n);
	/* A separator too long to fit every group is the locale's error. */
	if (seplen > 4)
		seplen = 0;
	group = seplen > 0 && grouping != NULL ? grouping[0] : 0;
	*p = '\0';
	for (i = nd; i > 0; i--) {
		if (group > 0 && group != CHAR_MAX && in_group == group) {
			p -= seplen;
			memcpy(p, sep, seplen);
			in_group = 0;
			/* The last size given repeats; 0 ends the list. */
			if (grouping[1] != '\0')
				group = *++grouping;
		}
		*--p = digits[i - 1];
		in_group++;
	}
	left = (size_t)(out + UTIL_COUNT_MAX - p);
	memmove(out, p, left);
	return out;
}

int
util_no_color(void)
{
	const char *nc = getenv("NO_COLOR");

	return nc != NULL && *nc != '\0';
}

char *
util_xdg_file(const char *var, const char *fallback, const char *leaf)
{
	const char *dir = getenv(var), *home = getenv("HOME");

	if (dir != NULL && dir[0] == '/')
		return xasprintf("%s/%s", dir, leaf);
	if (home != NULL && home[0] == '/')
		return xasprintf("%s/%s/%s", home, fallback, leaf);
	return NULL;
}

void
die_set_cleanup(void (*hook)(void))
{
	cleanup_hook = hook;
}

void
die(const char *fmt, ...)
{
	void (*hook)(void) = cleanup_hook;
	va_list ap;

	/* Clear the hook first: a hook that dies must not loop. */
	cleanup_hook = NULL;
	if (hook != NULL)
		hook();
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

void *
xmalloc(size_t size)
{
	void *p;

	if (size == 0)
		die("xmalloc: zero size");
	if ((p = malloc(size)) == NULL)
		die("out of memory (allocating %zu bytes)", size);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		die("xcalloc: zero size");
	if (SIZE_MAX / nmemb < size)
		die("xcalloc: %zu * %zu bytes overflows", nmemb, size);
	if ((p = calloc(nmemb, size)) == NULL)
		die("out of memory (allocating %zu * %zu bytes)", nmemb, size);
	return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		die("xreallocarray: zero size");
	if (SIZE_MAX / nmemb < size)
		die("xreallocarray: %zu * %zu bytes overflows", nmemb, size);
	if ((p = realloc(ptr, nmemb * size)) == NULL)
		die("out of memory (allocating %zu * %zu bytes)", nmemb, size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t len)
{
	char *p;

	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* The length of what fmt makes of ap (ap itself is left unused). */
static size_t PRINTF_LIKE(1, 0)
formatted_len(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		die("cannot format \"%s\": %s", fmt, strerror(errno));
	return (size_t)n;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	size_t n = formatted_len(fmt, ap);
	char *p;

	p = xmalloc(n + 1);
	vsnprintf(p, n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

static void
buf_grow(struct buf *b, size_t more)
{
	size_t need;

	if (SIZE_MAX - b->len < more + 1)
		die("buffer size overflows");
	need = b->len + more + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->ptr = xreallocarray(b->ptr, b->cap, 1);
}

void
buf_add(struct buf *b, const void *data, size_t len)
{
	buf_grow(b, len);
	if (len > 0)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = formatted_len(fmt, ap);
	buf_grow(b, n);
	vsnprintf(b->ptr + b->len, n + 1, fmt, ap);
	va_end(ap);
	b->len += n;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->ptr != NULL)
		b->ptr[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}
