/*
 * paste: one bracketed paste, cleaned and bounded.  See paste.h.
 */
#include "paste.h"

#include <stdint.h>
#include <string.h>

#include "keys.h"
#include "text.h"

/* Where the paste is in an escape sequence (ECMA-48, section 5). */
enum {
	P_TEXT,			/* not in one */
	P_ESC,			/* after ESC (and intermediates) */
	P_CSI,			/* parameters of a control sequence */
	P_STRING,		/* OSC, DCS, SOS, PM or APC: up to ST or BEL */
	P_STRING_ESC		/* an ESC in a string: ST if "\" follows */
};

#define P_ST		0x9c	/* String Terminator, 8-bit */
#define P_CSI8		0x9b	/* Control Sequence Introducer, 8-bit */

void
paste_begin(struct paste *p)
{
	buf_reset(&p->text);
	buf_add(&p->text, "", 0);
	p->active = 1;
	p->cut = 0;
	p->state = P_TEXT;
	p->breaks = 0;
	p->after_cr = 0;
}

void
paste_done(struct paste *p)
{
	buf_free(&p->text);
	memset(p, 0, sizeof(*p));
}

/* Bytes cp takes in UTF-8. */
static size_t
utf8_len(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/*
 * Write cp, after the line breaks held back.  Once something did not
 * fit, nothing more is written: a shorter character after a dropped one
 * would change the text, not just shorten it.
 */
static void
put(struct paste *p, uint32_t cp)
{
	size_t need = p->breaks + utf8_len(cp);

	if (p->cut || p->text.len + need > PASTE_MAX) {
		p->cut = 1;
		return;
	}
	for (; p->breaks > 0; p->breaks--)
		buf_addc(&p->text, ' ');
	text_encode(&p->text, cp);
}

/* Whether the string introducer after ESC (or its 8-bit form) is one. */
static int
is_string_start(int key, int c1)
{
	int base = c1 ? 0x80 : 0x40;

	return key == base + 0x10 || key == base + 0x18 ||
	    key == base + 0x1d || key == base + 0x1e || key == base + 0x1f;
}

/* A key outside any escape sequence. */
static void
text_key(struct paste *p, int key)
{
	int cr = key == '\r';

	if (key == '\n' && p->after_cr)
		;			/* CR LF is one break */
	else if (cr || key == '\n' || key == 0x85 || key == 0x2028 ||
	    key == 0x2029)
		p->breaks++;
	else if (key == K_ESC)
		p->state = P_ESC;
	else if (key == P_CSI8)
		p->state = P_CSI;
	else if (is_string_start(key, 1))
		p->state = P_STRING;
	else if (key >= 0x110000 || key < 0x20 || key == 0x7f ||
	    (key >= 0x80 && key < 0xa0))
		put(p, ' ');		/* a control, or a key curses read */
	else if (keys_is_text(key))
		put(p, (uint32_t)key);
	p->after_cr = cr;
}

/* The sequence is over: one space for all of it. */
static void
sequence_end(struct paste *p)
{
	p->state = P_TEXT;
	put(p, ' ');
}

void
paste_key(struct paste *p, int key)
{
	int final = key >= 0x40 && key <= 0x7e;

	if (p->state == P_TEXT) {
		text_key(p, key);
		return;
	}
	p->after_cr = 0;
	switch (p->state) {
	case P_ESC:
		if (key == '[')
			p->state = P_CSI;
		else if (is_string_start(key, 0))
			p->state = P_STRING;
		else if (key >= 0x20 && key <= 0x7e) {
			/* An intermediate, or the final character. */
			if (key >= 0x30)
				sequence_end(p);
		} else {
			/* Cut short by what cannot be in one. */
			sequence_end(p);
			text_key(p, key);
		}
		break;
	case P_CSI:
		if (final)
			sequence_end(p);
		else if (key < 0x20 || key > 0x3f) {
			sequence_end(p);
			text_key(p, key);
		}
		break;
	case P_STRING:
		if (key == K_ESC)
			p->state = P_STRING_ESC;
		else if (key == 7 || key == P_ST)
			sequence_end(p);
		break;
	default:
		/* After an ESC in a string: ST, or a new sequence. */
		sequence_end(p);
		if (key != '\\') {
			p->state = P_ESC;
			paste_key(p, key);
		}
		break;
	}
}

const char *
paste_end(struct paste *p, size_t *len)
{
	/* A sequence cut off by the end mark is still one space. */
	if (p->state != P_TEXT)
		put(p, ' ');
	p->state = P_TEXT;
	p->breaks = 0;			/* the breaks at the end go */
	p->active = 0;
	*len = p->text.len;
	return p->text.ptr;
}
