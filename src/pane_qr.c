/*
 * pane_qr: a website as a QR code a visitor can scan with a phone, with
 * whose site it is above and the URL in text below.  Two modules per
 * cell with half blocks where the locale has them (a 37-module code then
 * fits in 19 rows, so every URL in the data fits 80x24), two cells per
 * module in ASCII otherwise, and a notice when the terminal is too small.
 */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "qr.h"

#define HALF_UPPER	"\xe2\x96\x80"
#define HALF_LOWER	"\xe2\x96\x84"
#define FULL_BLOCK	"\xe2\x96\x88"

/* Rows and columns the code takes with a quiet zone of qz modules. */
static void
qr_extent(const struct qr *q, int qz, int half, int *rows, int *cols)
{
	int n = q->size + 2 * qz;

	*rows = half ? (n + 1) / 2 : n;
	*cols = half ? n : 2 * n;
}

/*
 * Draw with half blocks.  With colours the code is black on white
 * whatever the terminal's own colours; without them light modules are
 * drawn in the foreground colour, assuming light text on a dark screen,
 * the usual console.
 */
static void
draw_half(WINDOW *w, const struct qr *q, int qz, int y0, int x0)
{
	int n = q->size + 2 * qz, r, x, top, bot, color = draw_color();
	attr_t attr = draw_attr(STYLE_QR);
	const char *g;

	for (r = 0; r < (n + 1) / 2; r++) {
		wmove(w, y0 + r, x0);
		for (x = 0; x < n; x++) {
			top = qr_dark(q, 2 * r - qz, x - qz);
			bot = 2 * r + 1 < n ? qr_dark(q, 2 * r + 1 - qz,
			    x - qz) : 0;
			if (!color) {
				top = !top;
				bot = 2 * r + 1 < n ? !bot : 0;
			}
			g = top && bot ? FULL_BLOCK : top ? HALF_UPPER :
			    bot ? HALF_LOWER : " ";
			wattrset(w, attr);
			waddstr(w, g);
		}
	}
	wattrset(w, A_NORMAL);
}

/* Draw with two spaces a module, dark ones in reverse video. */
static void
draw_ascii(WINDOW *w, const struct qr *q, int qz, int y0, int x0)
{
	int n = q->size + 2 * qz, r, x, dark, color = draw_color();
	attr_t attr = draw_attr(STYLE_QR);

	for (r = 0; r < n; r++) {
		wmove(w, y0 + r, x0);
		for (x = 0; x < n; x++) {
			dark = qr_dark(q, r - qz, x - qz);
			/* With colours reverse makes black; without, light. */
			wattrset(w, (dark == color) ? attr | A_REVERSE : attr);
			waddstr(w, "  ");
		}
	}
	wattrset(w, A_NORMAL);
}

static void
centre(WINDOW *w, int y, const char *s, attr_t attr)
{
	int width = getmaxx(w), tw = (int)strlen(s);

	if (tw > width)
		tw = width;
	wmove(w, y, (width - tw) / 2 > 0 ? (width - tw) / 2 : 0);
	draw_puts(w, s, width, attr);
}

int
pane_qr_size(const char *url, int qz, int *rows, int *cols)
{
	struct qr q;

	if (qr_encode(url, &q) < 0)
		return 0;
	qr_extent(&q, qz, draw_utf8(), rows, cols);
	qr_free(&q);
	return 1;
}

int
pane_qr_code(WINDOW *w, const char *url, int y, int x, int rows, int cols)
{
	static const int zones[] = { 4, 3, 2 };
	int half = draw_utf8(), h, cw;
	struct qr q;
	size_t i;

	if (qr_encode(url, &q) < 0)
		return 0;
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		qr_extent(&q, zones[i], half, &h, &cw);
		if (h <= rows && cw <= cols) {
			if (half)
				draw_half(w, &q, zones[i], y, x + (cols - cw) / 2);
			else
				draw_ascii(w, &q, zones[i], y, x + (cols - cw) / 2);
			qr_free(&q);
			return h;
		}
	}
	qr_free(&q);
	return 0;
}

void
pane_qr_draw(WINDOW *w, const struct app *a)
{
	static const int zones[] = { 4, 3, 2 };
	int rows = getmaxy(w), cols = getmaxx(w), half = draw_utf8();
	int qz = -1, h = 0, cw = 0, y, text_rows = 3;
	char need[96];
	struct qr q;
	size_t i;

	werase(w);
	if (a->qr_url == NULL || qr_encode(a->qr_url, &q) < 0) {
		centre(w, rows / 2, "This address is too long for a QR code",
		    draw_attr(STYLE_ERROR));
		wnoutrefresh(w);
		return;
	}
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		qr_extent(&q, zones[i], half, &h, &cw);
		if (h + text_rows <= rows && cw <= cols) {
			qz = zones[i];
			break;
		}
	}
	y = qz < 0 ? rows / 2 - 2 : (rows - h - text_rows) / 2;
	if (y < 0)
		y = 0;
	centre(w, y++, a->qr_title != NULL ? a->qr_title : "", draw_attr(STYLE_BOLD));
	if (qz < 0) {
		qr_extent(&q, 2, half, &h, &cw);
		snprintf(need, sizeof(need), "Enlarge the terminal to show the "
		    "code (it needs %dx%d)", cw, h + text_rows + 2);
		centre(w, y++, need, draw_attr(STYLE_DIM));
	} else {
		if (half)
			draw_half(w, &q, qz, y, (cols - cw) / 2);
		else
			draw_ascii(w, &q, qz, y, (cols - cw) / 2);
		y += h;
	}
	centre(w, y++, a->qr_url, draw_attr(STYLE_LINK));
	/* No code on screen: nothing to scan, only the address to read. */
	if (y < rows)
		centre(w, y, qz < 0 ? "Any key closes" : a->opt->kiosk &&
		    a->opt->mouse ? "Scan with a phone camera; a tap or any "
		    "key closes" : "Scan with a phone camera; any key closes",
		    draw_attr(STYLE_DIM));
	qr_free(&q);
	wnoutrefresh(w);
}
