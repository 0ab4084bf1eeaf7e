/*
 * qrread.c - QR codes read back off the screen (see qrread.h).
 *
 * This file owns the reading of cells into modules and the call of
 * zbarimg; it knows no screen text of sma-allies and fails no test by
 * itself.
 */

#include "e2e/qrread.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e/e2e.h"

/* Perceived brightness of a colour below the middle: a dark module. */
static int
is_dark(unsigned r, unsigned g, unsigned b)
{
	return (r * 299 + g * 587 + b * 114) / 1000 < 128;
}

/* Does a cell belong to the drawn code (coloured, reversed or a block)? */
static int
qr_cell(const struct vt_cell *c)
{
	uint32_t ch = c->ch[0];

	return c->reverse || !c->fg_default || !c->bg_default ||
	    ch == 0x2580 || ch == 0x2584 || ch == 0x2588;
}

/*
 * Turn the code drawn between rows top and bottom and columns left and
 * right (all inclusive) into a module grid: half blocks carry two
 * modules a cell, top and bottom; the ASCII form is two cells a module.
 * The code's extent is where the cells are coloured, reversed or blocks;
 * inside it, dark is what the screen shows dark: the foreground or
 * background colour (after reverse) that the glyph lets through.
 * Returns a malloc'd grid of *w x *h (1 = dark), or NULL with a reason
 * in why.
 */
unsigned char *
qrread_grid(struct vt *vt, int top, int bottom, int left, int right, int ascii,
    int *w, int *h, char *why, size_t whysz)
{
	struct vt_cell c;
	int r, x, r0 = -1, r1 = -1, c0 = -1, c1 = -1, fgd, bgd, t, b, gw, gh;
	unsigned char *g;
	uint32_t ch;

	for (r = top; r <= bottom; r++)
		for (x = left; x <= right; x++) {
			vt_cell(vt, r, x, &c);
			if (!qr_cell(&c))
				continue;
			if (r0 < 0 || r < r0)
				r0 = r;
			if (r > r1)
				r1 = r;
			if (c0 < 0 || x < c0)
				c0 = x;
			if (x > c1)
				c1 = x;
		}
	if (r0 < 0) {
		snprintf(why, whysz, "no code between rows %d and %d", top,
		    bottom);
		return NULL;
	}
	gw = c1 - c0 + 1;
	if (ascii) {
		if (gw % 2 != 0) {
			snprintf(why, whysz, "ASCII code %d cells wide, odd",
			    gw);
			return NULL;
		}
		gw /= 2;
		gh = r1 - r0 + 1;
	} else
		gh = 2 * (r1 - r0 + 1);
	g = e2e_realloc(NULL, (size_t)gw * (size_t)gh);
	memset(g, 0, (size_t)gw * (size_t)gh);
	for (r = r0; r <= r1; r++)
		for (x = c0; x <= c1; x++) {
			vt_cell(vt, r, x, &c);
			fgd = is_dark(c.fg_r, c.fg_g, c.fg_b);
			bgd = is_dark(c.bg_r, c.bg_g, c.bg_b);
			if (c.reverse) {
				t = fgd;
				fgd = bgd;
				bgd = t;
			}
			ch = c.ch[0];
			if (ch == 0x2580) {		/* upper half */
				t = fgd;
				b = bgd;
			} else if (ch == 0x2584) {	/* lower half */
				t = bgd;
				b = fgd;
			} else if (ch == 0x2588) {	/* full block */
				t = b = fgd;
			} else if (ch == 0 || ch == ' ') {
				t = b = bgd;
			} else {
				snprintf(why, whysz, "unexpected U+%04X at "
				    "row %d col %d", (unsigned)ch, r, x);
				free(g);
				return NULL;
			}
			if (ascii) {
				if (t != ((x - c0) % 2 == 0 ? t :
				    g[(size_t)(r - r0) * gw + (x - c0) / 2])) {
					snprintf(why, whysz, "the two cells "
					    "of a module differ at row %d "
					    "col %d", r, x);
					free(g);
					return NULL;
				}
				g[(size_t)(r - r0) * gw + (x - c0) / 2] =
				    (unsigned char)t;
			} else {
				g[(size_t)(2 * (r - r0)) * gw + (x - c0)] =
				    (unsigned char)t;
				g[(size_t)(2 * (r - r0) + 1) * gw + (x - c0)] =
				    (unsigned char)b;
			}
		}
	/* A code is square: under an odd one, a half row is padding. */
	if (!ascii && gh == gw + 1)
		gh = gw;
	*w = gw;
	*h = gh;
	return g;
}

int
qrread_quiet_zone(const unsigned char *g, int w, int h)
{
	int q, i;

	for (q = 0; q < w / 2 && q < h / 2; q++) {
		for (i = 0; i < w; i++)
			if (g[(size_t)q * w + i] || g[(size_t)(h - 1 - q) * w + i])
				return q;
		for (i = 0; i < h; i++)
			if (g[(size_t)i * w + q] || g[(size_t)i * w + w - 1 - q])
				return q;
	}
	return q;
}

/*
 * Render the grid as a PGM, 4 x 4 pixels a module with a white border of
 * 8 modules, and decode it with zbarimg.
 */
char *
qrread_decode(const unsigned char *g, int w, int h, const char *dir,
    char *why, size_t whysz)
{
	enum { SCALE = 4, BORDER = 8 };
	char *path, *cmd, *out;
	int pw = (w + 2 * BORDER) * SCALE, ph = (h + 2 * BORDER) * SCALE;
	int x, y, mx, my, fd, status;
	unsigned char *px;
	size_t len = 0;
	FILE *fp = NULL;

	px = e2e_realloc(NULL, (size_t)pw * (size_t)ph);
	for (y = 0; y < ph; y++)
		for (x = 0; x < pw; x++) {
			mx = x / SCALE - BORDER;
			my = y / SCALE - BORDER;
			px[(size_t)y * pw + x] = mx >= 0 && my >= 0 &&
			    mx < w && my < h && g[(size_t)my * w + mx] ? 0 :
			    255;
		}
	path = e2e_asprintf("%s/qr-XXXXXX.pgm", dir);
	if ((fd = mkstemps(path, 4)) < 0 || (fp = fdopen(fd, "wb")) == NULL) {
		snprintf(why, whysz, "%s: %s", path, strerror(errno));
		free(px);
		free(path);
		return NULL;
	}
	fprintf(fp, "P5\n%d %d\n255\n", pw, ph);
	fwrite(px, 1, (size_t)pw * ph, fp);
	fclose(fp);
	free(px);

	cmd = e2e_asprintf("zbarimg -q --raw '%s' 2>/dev/null", path);
	fp = popen(cmd, "r");
	free(cmd);
	out = fp != NULL ? e2e_read_stream(fp, &len) : NULL;
	status = fp != NULL ? pclose(fp) : -1;
	unlink(path);
	free(path);
	if (fp == NULL || (WIFEXITED(status) && WEXITSTATUS(status) == 127)) {
		snprintf(why, whysz, "no zbarimg to read the code with: "
		    "install zbar-tools");
		free(out);
		return NULL;
	}
	if (out == NULL || len == 0) {
		snprintf(why, whysz, "zbarimg read nothing");
		free(out);
		return NULL;
	}
	while (len > 0 && (out[len - 1] == '\n' || out[len - 1] == '\r'))
		out[--len] = '\0';
	return out;
}

/* Whether column x has a cell of a code between rows top and bottom. */
static int
code_column(struct vt *vt, int top, int bottom, int x, int *r0, int *r1)
{
	struct vt_cell c;
	int r, any = 0;

	for (r = top; r <= bottom; r++) {
		if (vt_cell(vt, r, x, &c) != 0 || !qr_cell(&c))
			continue;
		if (!any || r < *r0)
			*r0 = r;
		if (!any || r > *r1)
			*r1 = r;
		any = 1;
	}
	return any;
}

size_t
qrread_boxes(struct vt *vt, int top, int bottom, struct qrread_box *out,
    size_t max)
{
	struct qrread_box *b = NULL;
	int cols, x, r0 = 0, r1 = 0;
	size_t n = 0;

	vt_size(vt, NULL, &cols);
	for (x = 0; x < cols; x++) {
		if (!code_column(vt, top, bottom, x, &r0, &r1)) {
			b = NULL;
			continue;
		}
		if (b == NULL) {
			if (n == max)
				break;
			b = &out[n++];
			b->top = r0;
			b->bottom = r1;
			b->left = x;
		}
		b->right = x;
		if (r0 < b->top)
			b->top = r0;
		if (r1 > b->bottom)
			b->bottom = r1;
	}
	return n;
}

char *
qrread_region(struct vt *vt, int top, int bottom, int left, int right,
    int ascii, const char *dir, char *why, size_t whysz)
{
	unsigned char *g;
	char *text;
	int w = 0, h = 0, qz;

	if ((g = qrread_grid(vt, top, bottom, left, right, ascii, &w, &h, why,
	    whysz)) == NULL)
		return NULL;
	if ((qz = qrread_quiet_zone(g, w, h)) < QRREAD_QUIET_MIN) {
		snprintf(why, whysz, "a quiet zone of %d modules, want at "
		    "least %d", qz, QRREAD_QUIET_MIN);
		free(g);
		return NULL;
	}
	text = qrread_decode(g, w, h, dir, why, whysz);
	free(g);
	return text;
}
