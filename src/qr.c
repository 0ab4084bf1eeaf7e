/*
 * qr: libqrencode behind a small interface.  See qr.h.
 */
#include "qr.h"

#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "util.h"

int
qr_encode(const char *text, struct qr *q)
{
	QRcode *m, *l;
	int i, n;

	memset(q, 0, sizeof(*q));
	/*
	 * Level M survives a smudged screen better; take it unless it makes
	 * the symbol bigger than level L would, since a smaller symbol fits
	 * a smaller terminal.
	 */
	m = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	l = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_L);
	if (m != NULL && l != NULL && m->width > l->width) {
		QRcode_free(m);
		m = l;
		l = NULL;
	}
	if (m == NULL) {
		m = l;
		l = NULL;
	}
	if (l != NULL)
		QRcode_free(l);
	if (m == NULL)
		return -1;
	q->size = m->width;
	n = m->width * m->width;
	q->dark = xmalloc((size_t)n);
	/* libqrencode's lowest bit of each byte is the module's colour. */
	for (i = 0; i < n; i++)
		q->dark[i] = m->data[i] & 1;
	QRcode_free(m);
	return 0;
}

void
qr_free(struct qr *q)
{
	free(q->dark);
	memset(q, 0, sizeof(*q));
}

int
qr_dark(const struct qr *q, int y, int x)
{
	if (y < 0 || x < 0 || y >= q->size || x >= q->size)
		return 0;
	return q->dark[y * q->size + x];
}
