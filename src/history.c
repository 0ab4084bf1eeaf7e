/*
 * history: earlier searches.  See history.h.
 */
#include "history.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static void
drop(struct history *h, size_t i)
{
	free(h->v[i]);
	memmove(&h->v[i], &h->v[i + 1], (h->len - i - 1) * sizeof(*h->v));
	h->len--;
}

void
history_add(struct history *h, const char *s)
{
	size_t i;

	if (*s == '\0')
		return;
	/* Once only, and the latest last. */
	for (i = 0; i < h->len; i++)
		if (strcmp(h->v[i], s) == 0) {
			drop(h, i);
			break;
		}
	if (h->len == HISTORY_MAX)
		drop(h, 0);
	h->v[h->len++] = xstrdup(s);
}

void
history_rewind(struct history *h)
{
	h->pos = h->len;
	free(h->draft);
	h->draft = NULL;
}

const char *
history_older(struct history *h, const char *current)
{
	if (h->pos == 0)
		return NULL;
	if (h->pos >= h->len) {
		free(h->draft);
		h->draft = xstrdup(current);
		h->pos = h->len;
	}
	return h->v[--h->pos];
}

const char *
history_newer(struct history *h)
{
	if (h->pos >= h->len)
		return NULL;
	if (++h->pos < h->len)
		return h->v[h->pos];
	return h->draft != NULL ? h->draft : "";
}

void
history_clear(struct history *h)
{
	size_t i;

	for (i = 0; i < h->len; i++)
		free(h->v[i]);
	free(h->draft);
	memset(h, 0, sizeof(*h));
}
