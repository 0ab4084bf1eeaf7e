/*
 * lineedit: one line of UTF-8 text and a cursor.  See lineedit.h.
 */
#include "lineedit.h"

#include <string.h>

#include "text.h"

size_t
lineedit_insert(struct buf *b, size_t cursor, uint32_t cp)
{
	struct buf tail = { 0 };
	size_t before = b->len;

	if (b->len > LINEEDIT_MAX)
		return cursor;
	buf_adds(&tail, b->ptr + cursor);
	b->len = cursor;
	text_encode(b, cp);
	buf_add(b, tail.ptr, tail.len);
	buf_free(&tail);
	return cursor + (b->len - before);
}

size_t
lineedit_insert_text(struct buf *b, size_t cursor, const char *s,
    size_t len, int *all)
{
	struct buf tail = { 0 };
	size_t room = b->len < LINEEDIT_MAX ? LINEEDIT_MAX - b->len : 0;
	size_t n = len;

	/* Back to a character boundary when it does not all fit. */
	if (n > room)
		n = text_prev(s, room + 1);
	*all = n == len;
	buf_adds(&tail, b->ptr + cursor);
	b->len = cursor;
	buf_add(b, s, n);
	buf_add(b, tail.ptr, tail.len);
	buf_free(&tail);
	return cursor + n;
}

size_t
lineedit_erase(struct buf *b, size_t from, size_t to)
{
	if (from >= to || to > b->len)
		return from < b->len ? from : b->len;
	memmove(b->ptr + from, b->ptr + to, b->len - to + 1);
	b->len -= to - from;
	return from;
}

size_t
lineedit_next(const struct buf *b, size_t pos)
{
	uint32_t cp;

	return pos < b->len ? pos + text_decode(b->ptr + pos, b->len - pos,
	    &cp) : b->len;
}

size_t
lineedit_prev(const struct buf *b, size_t pos)
{
	return text_prev(b->ptr, pos);
}

size_t
lineedit_word_start(const struct buf *b, size_t pos)
{
	while (pos > 0 && b->ptr[pos - 1] == ' ')
		pos--;
	while (pos > 0 && b->ptr[pos - 1] != ' ')
		pos--;
	return pos;
}

size_t
lineedit_set(struct buf *b, const char *s)
{
	buf_reset(b);
	buf_adds(b, s);
	return b->len;
}

size_t
lineedit_do(struct buf *b, size_t cursor, enum action act, int key)
{
	switch (act) {
	case ACT_BAR_CLEAR:
		return lineedit_erase(b, 0, b->len);
	case ACT_BAR_KILL_WORD:
		return lineedit_erase(b, lineedit_word_start(b, cursor), cursor);
	case ACT_BAR_BACKSPACE:
		return lineedit_erase(b, lineedit_prev(b, cursor), cursor);
	case ACT_BAR_DELETE:
		return lineedit_erase(b, cursor, lineedit_next(b, cursor));
	case ACT_BAR_INSERT:
		return keys_is_text(key) ? lineedit_insert(b, cursor,
		    (uint32_t)key) : cursor;
	case ACT_BAR_LEFT:
		return lineedit_prev(b, cursor);
	case ACT_BAR_RIGHT:
		return lineedit_next(b, cursor);
	case ACT_BAR_HOME:
		return 0;
	case ACT_BAR_END:
		return b->len;
	default:
		return cursor;
	}
}
