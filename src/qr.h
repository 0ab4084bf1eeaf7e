/*
 * qr: a URL as a QR code, through libqrencode (the only file that
 * includes it).  The result is a plain square of modules that the UI
 * draws however the terminal allows; nothing here knows about curses.
 */
#ifndef QR_H
#define QR_H

#include <stddef.h>

struct qr {
	int		 size;		/* modules per side, quiet zone excluded */
	unsigned char	*dark;		/* size * size, 1 = dark module */
};

/*
 * Encode text (UTF-8, 8-bit mode, error correction level M, falling back
 * to L when M needs a larger symbol than L).  Returns 0, or -1 when it
 * cannot be encoded (too long).  qr_free() releases the modules.
 */
int	 qr_encode(const char *text, struct qr *);
void	 qr_free(struct qr *);

/* Is the module at row y, column x dark?  Outside the symbol: no. */
int	 qr_dark(const struct qr *, int y, int x);

#endif
