/*
 * buttons: a kiosk's buttons laid out on a line.  See buttons.h.
 */
#include "buttons.h"

#include <string.h>

#include "text.h"

/* The columns a button needs with its label or its brief one. */
static int
need(const struct button *b, int brief)
{
	const char *s = brief ? b->brief : b->label;
	int w = (int)text_width(s, strlen(s)) + 2;

	return w < BUTTON_MIN ? BUTTON_MIN : w;
}

/* The columns the shown buttons take, gaps included. */
static int
total(const struct button *v, size_t n, const int *shown, int brief)
{
	size_t i;
	int w = 0, count = 0;

	for (i = 0; i < n; i++)
		if (shown[i]) {
			w += need(&v[i], brief);
			count++;
		}
	return count > 0 ? w + (count - 1) * BUTTON_GAP : 0;
}

/* Hide the shown button that gives way first; 0 when one is left. */
static int
drop_one(const struct button *v, size_t n, int *shown)
{
	size_t i, worst = n, count = 0;

	for (i = 0; i < n; i++) {
		if (!shown[i])
			continue;
		count++;
		if (worst == n || v[i].drop > v[worst].drop)
			worst = i;
	}
	if (count <= 1)
		return 0;
	shown[worst] = 0;
	return 1;
}

size_t
buttons_place(enum key_mode mode, int cols, struct button_place *out)
{
	const struct button *v;
	int shown[BUTTONS_MAX], brief = 0, extra, x = 0, share, rest;
	size_t n, i, count = 0;

	v = keys_buttons(mode, &n);
	if (n > BUTTONS_MAX)
		n = BUTTONS_MAX;
	if (n == 0 || cols <= 0)
		return 0;
	for (i = 0; i < n; i++)
		shown[i] = 1;
	if (total(v, n, shown, 0) > cols)
		brief = 1;
	while (total(v, n, shown, brief) > cols && drop_one(v, n, shown))
		;
	for (i = 0; i < n; i++)
		count += shown[i] != 0;
	extra = cols - total(v, n, shown, brief);
	if (extra < 0)
		extra = 0;
	share = extra / (int)count;
	rest = extra % (int)count;
	count = 0;
	for (i = 0; i < n; i++) {
		if (!shown[i])
			continue;
		out[count].b = &v[i];
		out[count].label = brief ? v[i].brief : v[i].label;
		out[count].index = i;
		out[count].x = x;
		out[count].w = need(&v[i], brief) + share + (rest > 0);
		if (out[count].x + out[count].w > cols)
			out[count].w = cols - out[count].x;
		rest -= rest > 0;
		x += out[count].w + BUTTON_GAP;
		count++;
	}
	return count;
}

long
buttons_at(enum key_mode mode, int cols, int x)
{
	struct button_place p[BUTTONS_MAX];
	size_t i, n = buttons_place(mode, cols, p);

	for (i = 0; i < n; i++)
		if (x >= p[i].x && x < p[i].x + p[i].w)
			return (long)p[i].index;
	return -1;
}
