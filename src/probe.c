/*
 * probe: the start-up queries' answers picked out of the keys.  See
 * probe.h.
 *
 * Both answers have the shape ESC [ ? digits-and-semicolons, then c
 * (DA1) or $ y (DECRPM).  A character that can continue one is held;
 * one that cannot gives the held ones back as keys.  A user's Esc is
 * held until the next key or PROBE_HOLD_MS, and only while waiting.
 */
#include "probe.h"

#include <stdlib.h>

#define ESC	27

/* Whether probe_settle() set mode 2027, which must be reset then. */
static int mode_ours;

/* How far s[0, n) goes as an answer: 0 not one, 1 its start, 2 whole. */
static int
answer_state(const int *s, size_t n)
{
	static const int start[] = { ESC, '[', '?' };
	size_t i;

	for (i = 0; i < n && i < 3; i++)
		if (s[i] != start[i])
			return 0;
	for (i = 3; i < n; i++) {
		if ((s[i] >= '0' && s[i] <= '9') || s[i] == ';')
			continue;
		if (s[i] == 'c')
			return i == n - 1 ? 2 : 0;
		if (s[i] == '$' && i == n - 1)
			return 1;
		if (s[i] == '$' && i == n - 2 && s[n - 1] == 'y')
			return 2;
		return 0;
	}
	return 1;
}

/* A whole answer in held[]: note what it says. */
static void
take_answer(struct probe *p)
{
	char text[PROBE_HELD + 1], *end;
	size_t i;
	long mode, ps;

	if (p->held[p->nheld - 1] == 'c') {
		p->waiting = 0;		/* DA1: nothing else is coming */
		return;
	}
	/* ESC [ ? MODE ; PS $ y */
	for (i = 3; i < p->nheld; i++)
		text[i - 3] = (char)p->held[i];
	text[p->nheld - 3] = '\0';
	mode = strtol(text, &end, 10);
	if (mode != 2027 || *end != ';')
		return;
	ps = strtol(end + 1, &end, 10);
	if (*end == '$' && ps >= 0 && ps <= 4)
		p->mode2027 = (int)ps;
}

void
probe_start(struct probe *p, FILE *out, long long now)
{
	fputs(PROBE_QUERY, out);
	fflush(out);
	p->waiting = 1;
	p->settled = 0;
	p->mode2027 = PROBE_NONE;
	p->deadline = now + PROBE_WAIT_MS;
	p->nheld = 0;
}

static size_t
release(struct probe *p, int *keys)
{
	size_t i, n = p->nheld;

	for (i = 0; i < n; i++)
		keys[i] = p->held[i];
	p->nheld = 0;
	return n;
}

size_t
probe_key(struct probe *p, int c, long long now, int *keys)
{
	size_t n;
	int st;

	if (!p->waiting) {
		keys[0] = c;
		return c >= 0;
	}
	if (c < 0)
		return release(p, keys);
	if (p->nheld == 0)
		p->held_at = now;
	p->held[p->nheld++] = c;
	st = answer_state(p->held, p->nheld);
	if (st == 2) {
		take_answer(p);
		p->nheld = 0;
		return 0;
	}
	if (st == 1 && p->nheld < PROBE_HELD)
		return 0;
	/* Not an answer: keys, though an Esc may begin the real one. */
	if (c == ESC && p->nheld > 1) {
		p->nheld--;
		n = release(p, keys);
		p->held[0] = ESC;
		p->nheld = 1;
		p->held_at = now;
		return n;
	}
	return release(p, keys);
}

size_t
probe_tick(struct probe *p, long long now, int *keys)
{
	size_t n = 0;

	if (!p->waiting)
		return 0;
	if (p->nheld > 0 && (now - p->held_at >= PROBE_HOLD_MS ||
	    now >= p->deadline))
		n = release(p, keys);
	if (now >= p->deadline)
		p->waiting = 0;
	return n;
}

long long
probe_due(const struct probe *p)
{
	if (!p->waiting)
		return -1;
	if (p->nheld > 0 && p->held_at + PROBE_HOLD_MS < p->deadline)
		return p->held_at + PROBE_HOLD_MS;
	return p->deadline;
}

int
probe_settle(struct probe *p, FILE *out)
{
	if (p->waiting || p->settled)
		return 0;
	switch (p->mode2027) {
	case 2:
		mode_ours = 1;
		probe_mode(out, 1);
		/* FALLTHROUGH */
	case 1:
	case 3:
		p->settled = 1;
		return 1;
	default:
		return 0;
	}
}

void
probe_mode(FILE *out, int on)
{
	if (!mode_ours)
		return;
	fputs(on ? "\033[?2027h" : "\033[?2027l", out);
	fflush(out);
}
