/*
 * stats: the engagement events and their line.  See stats.h.
 */
#include "stats.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"
#include "util.h"

const char *const stats_event_names[STATS_EVENT_COUNT] = {
	[STATS_KIOSK_START] = "kiosk-start",
	[STATS_KIOSK_STOP] = "kiosk-stop",
	[STATS_VISIT_START] = "visit-start",
	[STATS_VISIT_END] = "visit-end",
	[STATS_VIEW] = "view",
	[STATS_CODE] = "code",
	[STATS_BECOME] = "become-code",
	[STATS_TOPIC] = "topic",
	[STATS_SEARCH] = "search",
};

void
stats_init(struct stats *st, stats_write_cb write, void *write_arg,
    stats_clock_cb clock, void *clock_arg)
{
	memset(st, 0, sizeof(*st));
	st->write = write;
	st->write_arg = write_arg;
	st->clock = clock;
	st->clock_arg = clock_arg;
}

void
stats_done(struct stats *st)
{
	free(st->showing);
	memset(st, 0, sizeof(*st));
}

/* Write one event now; the reason of a failure stays in st->error. */
static int
emit(struct stats *st, enum stats_event ev, const char *ally,
    const char *topic, long long seconds)
{
	struct stats_line l;
	struct buf b = { 0 };
	int rc;

	l.time = st->clock(st->clock_arg);
	l.event = ev;
	l.ally = ally;
	l.topic = topic;
	l.seconds = seconds;
	stats_format(&b, &l);
	st->error[0] = '\0';
	rc = st->write(st->write_arg, b.ptr, b.len, st->error,
	    sizeof(st->error));
	buf_free(&b);
	if ((st->failed = rc < 0) && st->error[0] == '\0')
		snprintf(st->error, sizeof(st->error), "cannot write");
	return st->failed ? -1 : 0;
}

int
stats_kiosk_start(struct stats *st)
{
	return st != NULL ? emit(st, STATS_KIOSK_START, NULL, NULL, -1) : 0;
}

int
stats_kiosk_stop(struct stats *st, long long now)
{
	int rc;

	if (st == NULL)
		return 0;
	rc = stats_reset(st, now);
	return emit(st, STATS_KIOSK_STOP, NULL, NULL, -1) < 0 ? -1 : rc;
}

int
stats_input(struct stats *st, long long now)
{
	if (st == NULL)
		return 0;
	st->last = now;
	if (st->visit)
		return 0;
	st->visit = 1;
	st->first = now;
	return emit(st, STATS_VISIT_START, NULL, NULL, -1);
}

/* Nothing is in view: the next ally shown starts its time afresh. */
static void
unshow(struct stats *st)
{
	free(st->showing);
	st->showing = NULL;
	st->counted = 0;
}

int
stats_reset(struct stats *st, long long now)
{
	long long ms;

	if (st == NULL || !st->visit)
		return 0;
	(void)now;
	st->visit = 0;
	unshow(st);
	ms = st->last - st->first;
	return emit(st, STATS_VISIT_END, NULL, NULL,
	    ms > 0 ? (ms + 500) / 1000 : 0);
}

int
stats_showing(struct stats *st, const char *ally, long long now)
{
	if (st == NULL)
		return 0;
	if (!st->visit || ally == NULL) {
		unshow(st);
		return 0;
	}
	if (st->showing == NULL || strcmp(st->showing, ally) != 0) {
		unshow(st);
		st->showing = xstrdup(ally);
		st->since = now;
	}
	if (st->counted || now - st->since < STATS_VIEW_MS)
		return 0;
	st->counted = 1;
	return emit(st, STATS_VIEW, st->showing, NULL, -1);
}

long long
stats_deadline(const struct stats *st)
{
	if (st == NULL || !st->visit || st->showing == NULL || st->counted)
		return -1;
	return st->since + STATS_VIEW_MS;
}

int
stats_note(struct stats *st, enum stats_event ev, const char *ally,
    const char *topic)
{
	/* Nothing outside a visit: staff, the attract loop. */
	if (st == NULL || !st->visit)
		return 0;
	return emit(st, ev, ally, topic, -1);
}

/* The line. */

void
stats_escape(struct buf *b, const char *s, size_t len)
{
	size_t i, n;
	uint32_t cp;

	for (i = 0; i < len; i += n) {
		n = text_decode(s + i, len - i, &cp);
		if (cp == '\\')
			buf_adds(b, "\\\\");
		else if (cp == '\t')
			buf_adds(b, "\\t");
		else if (cp == '\n')
			buf_adds(b, "\\n");
		else if (cp == '\r')
			buf_adds(b, "\\r");
		else if (text_is_unsafe(cp))
			buf_addf(b, "\\u%04X", (unsigned)cp);
		else if (cp == TEXT_REPLACEMENT)
			/* Malformed UTF-8 too: the file stays UTF-8. */
			text_encode(b, TEXT_REPLACEMENT);
		else
			buf_add(b, s + i, n);
	}
}

static int
hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
stats_unescape(struct buf *b, const char *s, size_t len, size_t *at)
{
	uint32_t cp;
	size_t i, j;
	int d;

	for (i = 0; i < len; i++) {
		if (s[i] != '\\') {
			buf_addc(b, s[i]);
			continue;
		}
		*at = i;
		if (i + 1 >= len)
			return -1;
		switch (s[++i]) {
		case '\\':
			buf_addc(b, '\\');
			break;
		case 't':
			buf_addc(b, '\t');
			break;
		case 'n':
			buf_addc(b, '\n');
			break;
		case 'r':
			buf_addc(b, '\r');
			break;
		case 'u':
			if (len - i < 5)
				return -1;
			for (cp = 0, j = 1; j <= 4; j++) {
				if ((d = hex_digit((unsigned char)s[i + j])) < 0)
					return -1;
				cp = cp << 4 | (uint32_t)d;
			}
			/* A surrogate is no character; NUL would end it. */
			if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff))
				return -1;
			text_encode(b, cp);
			i += 4;
			break;
		default:
			return -1;
		}
	}
	if (b->ptr == NULL)
		buf_adds(b, "");
	return 0;
}

void
stats_format(struct buf *b, const struct stats_line *l)
{
	char when[STATS_TIME_LEN + 1];
	time_t t = (time_t)l->time;
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(when, sizeof(when), "1970-01-01T00:00:00Z");
	buf_addf(b, "%s\t%s\t", when, stats_event_names[l->event]);
	if (l->ally != NULL)
		stats_escape(b, l->ally, strlen(l->ally));
	buf_addc(b, '\t');
	if (l->topic != NULL)
		stats_escape(b, l->topic, strlen(l->topic));
	buf_addc(b, '\t');
	if (l->seconds >= 0)
		buf_addf(b, "%lld", l->seconds);
	buf_addc(b, '\n');
}

/* A line as it is written may end in CR after a spreadsheet saved it. */
static size_t
chop_cr(const char *s, size_t len)
{
	return len > 0 && s[len - 1] == '\r' ? len - 1 : len;
}

int
stats_is_header(const char *s, size_t len)
{
	len = chop_cr(s, len);
	return len == strlen(STATS_HEADER) &&
	    memcmp(s, STATS_HEADER, len) == 0;
}

/* n digits at s as a number, or -1. */
static int
digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * 2026-05-01T09:15:02Z as seconds since the epoch, or -1 when it is not
 * that shape or not a real time (the 31st of April).
 */
static long long
parse_time(const char *s, size_t len)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	struct tm tm, back;
	time_t t;
	size_t i;

	if (len != STATS_TIME_LEN)
		return -1;
	for (i = 0; i < len; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' :
		    s[i] != shape[i])
			return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = digits(s, 4) - 1900;
	tm.tm_mon = digits(s + 5, 2) - 1;
	tm.tm_mday = digits(s + 8, 2);
	tm.tm_hour = digits(s + 11, 2);
	tm.tm_min = digits(s + 14, 2);
	tm.tm_sec = digits(s + 17, 2);
	back = tm;
	if ((t = timegm(&tm)) == (time_t)-1 || tm.tm_year != back.tm_year ||
	    tm.tm_mon != back.tm_mon || tm.tm_mday != back.tm_mday ||
	    tm.tm_hour != back.tm_hour || tm.tm_min != back.tm_min ||
	    tm.tm_sec != back.tm_sec)
		return -1;
	return (long long)t;
}

/* "unknown event \"WORD\"", the word made safe and cut short. */
static void
unknown_event(const char *s, size_t len, char *why, size_t whysize)
{
	struct buf safe = { 0 };
	size_t used, fit;

	fit = text_fit(s, len, 24, &used);
	text_sanitize(&safe, s, fit, TEXT_SPACES);
	snprintf(why, whysize, "unknown event \"%s%s\"", safe.ptr != NULL ?
	    safe.ptr : "", fit < len ? "..." : "");
	buf_free(&safe);
}

/* Which fields an event fills: ally, topic, seconds. */
static void
wants(enum stats_event ev, int *ally, int *topic, int *seconds)
{
	*ally = ev == STATS_VIEW || ev == STATS_CODE;
	*topic = ev == STATS_TOPIC;
	*seconds = ev == STATS_VISIT_END;
}

/* A text field: unescaped into scratch; its offset there, or -1. */
static long
text_field(struct buf *scratch, const char *s, size_t len, size_t *at)
{
	long off = (long)scratch->len;

	if (stats_unescape(scratch, s, len, at) < 0)
		return -1;
	buf_addc(scratch, '\0');
	return off;
}

/*
 * The fields after the time and the event.  Returns 0, or -1 with why
 * and the index of the field at fault in *bad (*at bytes into it).
 */
static int
parse_rest(const char *const *f, const size_t *n, struct stats_line *l,
    struct buf *scratch, char *why, size_t whysize, size_t *bad,
    size_t *at)
{
	static const char *const need[] = {
		"an ally's name", "a topic", "a number of seconds"
	};
	static const char *const field[] = { "ally", "topic", "seconds" };
	const char *ev = stats_event_names[l->event];
	long off[2] = { -1, -1 };
	int want[3];
	size_t i;

	wants(l->event, &want[0], &want[1], &want[2]);
	for (i = 0; i < 3; i++) {
		*bad = i + 2;
		*at = 0;
		if (want[i] && n[i + 2] == 0) {
			snprintf(why, whysize, "%s needs %s", ev, need[i]);
			return -1;
		}
		if (!want[i] && n[i + 2] > 0) {
			snprintf(why, whysize, "%s takes no %s", ev, field[i]);
			return -1;
		}
	}
	for (i = 0; i < 2; i++)
		if (want[i] && (off[i] = text_field(scratch, f[i + 2],
		    n[i + 2], at)) < 0) {
			*bad = i + 2;
			snprintf(why, whysize, "a bad escape (\\\\, \\t, \\n, "
			    "\\r or \\uXXXX)");
			return -1;
		}
	l->seconds = -1;
	if (want[2]) {
		*bad = 4;
		l->seconds = 0;
		for (i = 0; i < n[4]; i++) {
			if (f[4][i] < '0' || f[4][i] > '9' || i >= 12) {
				snprintf(why, whysize, "seconds must be a whole "
				    "number below 10^12");
				return -1;
			}
			l->seconds = l->seconds * 10 + (f[4][i] - '0');
		}
	}
	/* Offsets, not pointers: scratch may move as it grows. */
	l->ally = off[0] >= 0 ? scratch->ptr + off[0] : NULL;
	l->topic = off[1] >= 0 ? scratch->ptr + off[1] : NULL;
	return 0;
}

int
stats_parse(const char *s, size_t len, struct stats_line *l,
    struct buf *scratch, char *why, size_t whysize, unsigned *col)
{
	const char *f[STATS_FIELDS];
	size_t n[STATS_FIELDS], nf = 0, i, start = 0, bad = 0, at = 0;
	int e;

	len = chop_cr(s, len);
	buf_reset(scratch);
	memset(l, 0, sizeof(*l));
	*col = 1;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '\t')
			continue;
		if (nf < STATS_FIELDS) {
			f[nf] = s + start;
			n[nf] = i - start;
		}
		nf++;
		start = i + 1;
	}
	if (nf != STATS_FIELDS) {
		snprintf(why, whysize, "%zu tab-separated field%s, not %d "
		    "(time, event, ally, topic, seconds)", nf, nf == 1 ? "" : "s",
		    STATS_FIELDS);
		return -1;
	}
	if ((l->time = parse_time(f[0], n[0])) < 0) {
		snprintf(why, whysize, "the time is not a UTC time such as "
		    "2026-05-01T09:15:02Z");
		return -1;
	}
	for (e = 0; e < STATS_EVENT_COUNT; e++)
		if (strlen(stats_event_names[e]) == n[1] &&
		    memcmp(stats_event_names[e], f[1], n[1]) == 0)
			break;
	if (e == STATS_EVENT_COUNT) {
		*col = (unsigned)text_chars(s, (size_t)(f[1] - s)) + 1;
		unknown_event(f[1], n[1], why, whysize);
		return -1;
	}
	l->event = (enum stats_event)e;
	if (parse_rest(f, n, l, scratch, why, whysize, &bad, &at) < 0) {
		*col = (unsigned)text_chars(s, (size_t)(f[bad] - s) + at) + 1;
		return -1;
	}
	return 0;
}
