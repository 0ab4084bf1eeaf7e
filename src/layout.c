/*
 * layout: where the panes go.  See layout.h.
 */
#include "layout.h"

#include <string.h>

void
layout_compute(int rows, int cols, struct layout *l)
{
	int body, lw, lh;

	memset(l, 0, sizeof(*l));
	if (rows < UI_MIN_ROWS || cols < UI_MIN_COLS) {
		l->too_small = 1;
		return;
	}
	body = rows - 2;
	l->title = (struct rect){ 0, 0, 1, cols };
	l->status = (struct rect){ rows - 1, 0, 1, cols };
	if (cols >= UI_WIDE_COLS) {
		lw = cols * 2 / 5;
		if (lw < 28)
			lw = 28;
		if (lw > 52)
			lw = 52;
		l->list = (struct rect){ 1, 0, body, lw };
		l->sep = (struct rect){ 1, lw, body, 1 };
		l->detail = (struct rect){ 1, lw + 1, body, cols - lw - 1 };
	} else if (rows >= UI_STACK_ROWS) {
		/* The description's underlined header separates the two. */
		l->stacked = 1;
		lh = body * 2 / 5;
		if (lh < 4)
			lh = 4;
		l->list = (struct rect){ 1, 0, lh, cols };
		l->detail = (struct rect){ 1 + lh, 0, body - lh, cols };
	} else {
		/* No room for both: the description takes the list's place. */
		l->list_only = 1;
		l->list = (struct rect){ 1, 0, body, cols };
		l->detail = l->list;
	}
}
