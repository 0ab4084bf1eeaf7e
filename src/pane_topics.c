/*
 * pane_topics: the topics screen.  A heading, then every topic with the
 * number of allies that carry it, in the grid app->topics lays out for
 * the page: "All topics" first, the cursor's cell drawn as the list's
 * selection is, the topic the list shows now in bold.  What the cells
 * are, where they go and which rows are on screen is the model's
 * (topics.c); this pane only draws them.
 */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "text.h"
#include "topics.h"
#include "util.h"

/* Whether cell is what the list shows now: its one topic, or all. */
static int
is_shown(const struct app *a, size_t cell)
{
	const struct topic_filter *f = &a->view.topic;

	if (cell == 0)
		return f->len == 0;
	return f->len == 1 && strcmp(f->keys[0], a->topics.v[cell - 1].key) ==
	    0;
}

/* One cell at y, x: its name on the left, its count on the right. */
static void
draw_cell(WINDOW *w, const struct app *a, size_t cell, int y, int x)
{
	const struct topics *t = &a->topics;
	const char *name = cell == 0 ? TOPICS_ALL : t->v[cell - 1].name;
	size_t count = cell == 0 ? t->allies : t->v[cell - 1].count;
	int inner = t->grid.cell - 2 * TOPICS_PAD, nw, cw;
	attr_t attr = A_NORMAL, num;
	char n[UTIL_COUNT_MAX];

	if (cell == t->cur)
		attr = draw_attr(STYLE_SELECTED);
	else if (is_shown(a, cell))
		attr = draw_attr(STYLE_BOLD);
	num = cell == t->cur ? attr : draw_attr(STYLE_DIM);
	util_count(n, count);
	cw = (int)strlen(n);
	/* Too narrow for both: the name alone, clipped. */
	nw = inner - cw - 1 >= 1 ? inner - cw - 1 : inner;
	wmove(w, y, x);
	draw_fill(w, t->grid.cell, attr);
	wmove(w, y, x + TOPICS_PAD);
	draw_put(w, name, strlen(name), nw, attr, NULL, 0, DRAW_ELLIPSIS);
	if (nw < inner) {
		wmove(w, y, x + TOPICS_PAD + inner - cw);
		draw_puts(w, n, cw, num);
	}
}

/* "Topics", what to do, and where the cursor is among the cells. */
static void
draw_heading(WINDOW *w, const struct app *a)
{
	char n1[UTIL_COUNT_MAX], n2[UTIL_COUNT_MAX];
	const struct topics *t = &a->topics;
	int width = getmaxx(w), x = t->grid.x0, pw;
	char pos[48];

	snprintf(pos, sizeof(pos), "%s/%s", util_count(n1, t->cur + 1),
	    util_count(n2, topics_cells(t)));
	pw = (int)strlen(pos);
	wmove(w, 0, x);
	x += draw_puts(w, "Topics", width - x - pw - 1, draw_attr(STYLE_BOLD));
	if (t->len == 0)
		draw_puts(w, ": these allies have no tags", width - x - pw - 1,
		    draw_attr(STYLE_DIM));
	else
		draw_puts(w, ": choose one to see its allies", width - x - pw - 1,
		    draw_attr(STYLE_DIM));
	if (pw + 1 < width) {
		wmove(w, 0, width - pw - 1);
		draw_puts(w, pos, pw, draw_attr(STYLE_DIM));
	}
}

void
pane_topics_draw(WINDOW *w, const struct app *a)
{
	const struct topics *t = &a->topics;
	const struct topics_grid *g = &t->grid;
	size_t r, c, cell, cols = (size_t)g->cols;
	int height = getmaxy(w), pitch = g->cell + g->gap;

	werase(w);
	if (g->y0 > 0)
		draw_heading(w, a);
	for (r = 0; r < g->shown && g->y0 + (int)r < height; r++)
		for (c = 0; c < cols; c++) {
			cell = (t->top + r) * cols + c;
			if (cell >= topics_cells(t))
				break;
			draw_cell(w, a, cell, g->y0 + (int)r,
			    g->x0 + (int)c * pitch);
		}
	wnoutrefresh(w);
}
