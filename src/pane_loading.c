/*
 * pane_loading: the body of the screen before there is data.  While the
 * first load runs (and has run long enough to be worth showing), a
 * progress display: a bar, the percent, megabytes read of the total,
 * allies so far, the time taken and an estimate of what is left; when
 * the size is unknown (a pipe), allies and megabytes so far.  A kiosk
 * whose data is missing or broken shows visitors a calm notice instead;
 * the status line carries the reason, for staff.
 */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "record.h"
#include "text.h"
#include "util.h"

/* One line centred in w at row y. */
static void
centre(WINDOW *w, int y, const char *s, attr_t attr)
{
	int cols = getmaxx(w), tw = (int)text_width(s, strlen(s));

	if (y < 0 || y >= getmaxy(w))
		return;
	wmove(w, y, tw < cols ? (cols - tw) / 2 : 0);
	draw_puts(w, s, cols, attr);
}

/* The bar: width cells, done of them filled. */
static void
draw_bar(WINDOW *w, int y, int width, double done)
{
	int x0 = (getmaxx(w) - width) / 2, filled = (int)(done * width), i;

	if (width < 4 || y >= getmaxy(w))
		return;
	wmove(w, y, x0);
	for (i = 0; i < width; i++)
		waddstr(w, i < filled ? draw_glyph("\xe2\x96\x88", "#") :
		    draw_glyph("\xe2\x96\x91", "."));
}

static void
draw_progress(WINDOW *w, const struct app *a)
{
	char n[UTIL_COUNT_MAX];
	const struct source_progress *p = &a->load;
	double mb = (double)p->bytes / (1 << 20), done, secs;
	char line[160];
	int y = getmaxy(w) / 2 - 2, width = getmaxx(w) - 8;

	if (width > 60)
		width = 60;
	secs = (double)p->elapsed_ms / 1000;
	centre(w, y++, "Loading the allies", draw_attr(STYLE_BOLD));
	y++;
	if (p->total > 0) {
		done = (double)p->bytes / (double)p->total;
		if (done > 1)
			done = 1;
		draw_bar(w, y++, width, done);
		snprintf(line, sizeof(line), "%d%%  %.1f of %.1f MB  "
		    "%s allies", (int)(done * 100), mb,
		    (double)p->total / (1 << 20), util_count(n, p->allies));
		centre(w, y++, line, A_NORMAL);
		if (done > 0.02)
			snprintf(line, sizeof(line), "%.1f s, about %.0f s "
			    "left", secs, secs / done - secs + 0.5);
		else
			snprintf(line, sizeof(line), "%.1f s", secs);
	} else {
		snprintf(line, sizeof(line), "%s allies so far, %.1f MB",
		    util_count(n, p->allies), mb);
		centre(w, y++, line, A_NORMAL);
		snprintf(line, sizeof(line), "%.1f s", secs);
	}
	centre(w, y, line, draw_attr(STYLE_DIM));
}

void
pane_loading_draw(WINDOW *w, const struct app *a)
{
	const char *name = a->rs->program.name != NULL ?
	    a->rs->program.name : "Social Mission Alliance Allies";
	int y = getmaxy(w) / 2 - 1;

	werase(w);
	if (a->data_error[0] != '\0') {
		/* For visitors: calm; the reason is on the status line. */
		centre(w, y, name, draw_attr(STYLE_BOLD));
		centre(w, y + 2, "This display is being updated.", A_NORMAL);
		centre(w, y + 3, "Please come back in a moment.",
		    draw_attr(STYLE_DIM));
	} else if (a->load.running)
		draw_progress(w, a);
	wnoutrefresh(w);
}
