/*
 * qrread.h - QR codes read back off the test terminal's screen, for the
 * end-to-end programs that check a code a visitor would scan.
 *
 * This header owns turning the cells of a screen region into the
 * modules of the code drawn there (half blocks two modules a cell, or
 * the ASCII form two cells a module; dark is what the screen shows dark,
 * whatever the colours and reverse video), checking its quiet zone, and
 * decoding it with zbarimg (zbar-tools) from a picture made of the
 * modules.  Like e2e.h it knows nothing of cmocka: a function answers
 * NULL and says why, and each program fails in its own way.
 */

#ifndef QRREAD_H
#define QRREAD_H

#include <stddef.h>

#include "tty/vt.h"

#define QRREAD_QUIET_MIN	2	/* modules of light round a code, at least */

/*
 * The code drawn between rows top and bottom and columns left and right
 * (all inclusive), as a grid of *w x *h modules (1 = dark), malloc'd;
 * ascii 1 reads the two-cells-a-module form.  NULL with a reason in why.
 */
unsigned char	*qrread_grid(struct vt *, int top, int bottom, int left,
		    int right, int ascii, int *w, int *h, char *why,
		    size_t whysz);

/* The light modules all round the grid's symbol: its quiet zone. */
int		 qrread_quiet_zone(const unsigned char *g, int w, int h);

/*
 * Decode the grid with zbarimg, through a picture made in dir.  Returns
 * the text read (malloc'd, no final newline), or NULL with a reason in
 * why (zbarimg missing, nothing read).
 */
char		*qrread_decode(const unsigned char *g, int w, int h,
		    const char *dir, char *why, size_t whysz);

/* Where a code is drawn: rows and columns, all inclusive. */
struct qrread_box {
	int		 top, bottom, left, right;
};

/*
 * The codes drawn side by side between rows top and bottom (inclusive),
 * left to right: each a run of columns whose cells in those rows belong
 * to a code, with the rows its cells take; up to max of them into out.
 * Returns how many there are.
 */
size_t		 qrread_boxes(struct vt *, int top, int bottom,
		    struct qrread_box *out, size_t max);

/*
 * All of it: the text of the code drawn in the region, which must have
 * a quiet zone of QRREAD_QUIET_MIN modules, or NULL with why.
 */
char		*qrread_region(struct vt *, int top, int bottom, int left,
		    int right, int ascii, const char *dir, char *why,
		    size_t whysz);

#endif /* QRREAD_H */
