/*
 * bar: the search bar's model.  See bar.h.
 */
#include "bar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineedit.h"
#include "record.h"

void
bar_init(struct bar *b)
{
	memset(b, 0, sizeof(*b));
	buf_add(&b->query, "", 0);
	b->scope = FIELD_COUNT;
}

void
bar_next_scope(struct bar *b)
{
	/* FIELD_COUNT (all) is followed by the first field again. */
	b->scope = b->scope == FIELD_COUNT ? 0 : b->scope + 1;
}

unsigned
bar_fields(const struct bar *b)
{
	return b->scope == FIELD_COUNT ? FIELD_ALL : FIELD_BIT(b->scope);
}

void
bar_done(struct bar *b)
{
	buf_free(&b->query);
	free(b->saved);
	history_clear(&b->hist);
	memset(b, 0, sizeof(*b));
}

void
bar_clear_error(struct bar *b)
{
	b->error[0] = '\0';
	b->error_has_col = 0;
}

void
bar_set_error(struct bar *b, const char *msg, int has_col, size_t col)
{
	snprintf(b->error, sizeof(b->error), "%s", msg);
	b->error_has_col = has_col;
	b->error_col = col;
}

void
bar_open(struct bar *b, const char *filter)
{
	free(b->saved);
	b->saved = filter != NULL ? xstrdup(filter) : NULL;
	b->cursor = lineedit_set(&b->query, filter != NULL ? filter : "");
	history_rewind(&b->hist);
	bar_clear_error(b);
	b->note[0] = '\0';
	b->open = 1;
}

void
bar_close(struct bar *b, int keep)
{
	if (keep)
		history_add(&b->hist, b->query.ptr);
	b->open = 0;
	bar_clear_error(b);
	b->note[0] = '\0';
}

void
bar_note(struct bar *b, const char *msg)
{
	snprintf(b->note, sizeof(b->note), "%s", msg);
}

int
bar_paste(struct bar *b, const char *s, size_t len, int replace, int cut)
{
	size_t before = b->query.len;
	int all, changed = replace && b->query.len > 0;

	if (replace)
		b->cursor = lineedit_set(&b->query, "");
	b->cursor = lineedit_insert_text(&b->query, b->cursor, s, len, &all);
	if (cut || !all)
		snprintf(b->note, sizeof(b->note), "Paste cut to %d KiB, the "
		    "most a search holds", LINEEDIT_MAX / 1024);
	else
		b->note[0] = '\0';
	return changed || b->query.len != before;
}

int
bar_edit(struct bar *b, enum action act, int key)
{
	size_t before = b->query.len;
	const char *s;
	char *line;

	b->note[0] = '\0';
	if (act != ACT_BAR_OLDER && act != ACT_BAR_NEWER) {
		b->cursor = lineedit_do(&b->query, b->cursor, act, key);
		return b->query.len != before;
	}
	s = act == ACT_BAR_OLDER ? history_older(&b->hist, b->query.ptr) :
	    history_newer(&b->hist);
	if (s == NULL)
		return 0;
	/* s may be the draft, which the next step frees: copy it. */
	line = xstrdup(s);
	b->cursor = lineedit_set(&b->query, line);
	free(line);
	return 1;
}
