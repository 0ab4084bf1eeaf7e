/*
 * vt.c - pseudo-terminal test driver backed by libvterm.
 *
 * This file owns the child process and its pty, the log of every byte
 * the child wrote, the libvterm instance that turns that log into a
 * screen, and the rendering of that screen as text and as SVG.
 *
 * Data flow: bytes read from the pty master are appended to vt->raw
 * first (the permanent log) and fed to libvterm in a separate step, so
 * that reading never re-enters libvterm.  Whatever libvterm wants to say
 * back to the program (answers to DA/DSR queries, and the key sequences
 * produced by vterm_keyboard_key()) lands in vt->reply from the output
 * callback and is written to the pty only after vterm_input_write() has
 * returned.  Writing, in turn, only ever reads into vt->raw when the
 * input queue is full, never feeds libvterm.
 *
 * All waiting is done with poll(2) against deadlines taken from
 * CLOCK_MONOTONIC.
 *
 * Between the log and libvterm stands a small filter that plays the part
 * of DEC private mode 2027 (grapheme clusters), which libvterm does not
 * know; see "the grapheme-cluster terminal" below.
 */

#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#if defined(__FreeBSD__) || defined(__DragonFly__)
#include <libutil.h>
#elif defined(__APPLE__) || defined(__NetBSD__) || defined(__OpenBSD__)
#include <util.h>
#else
#include <pty.h>
#endif

#include <utf8proc.h>
#include <vterm.h>

#include "vt.h"

extern char **environ;

/* Give up a write after the child has read nothing for this long. */
#define VT_SEND_TIMEOUT_MS	10000
/* Upper bound on bytes taken in by one read burst, so a child that
 * never stops talking cannot starve the caller. */
#define VT_READ_BURST		(256 * 1024)
/* Slice for waiting on waitpid() once the pty has hung up. */
#define VT_REAP_SLICE_MS	5

/* The longest grapheme cluster kept whole; the rest of it is dropped. */
#define VT_CLUSTER_MAX		32
/* Code points a cell's text may have: a cluster and marks added on. */
#define VT_CELL_TEXT_MAX	(VT_CLUSTER_MAX + VTERM_MAX_CHARS_PER_CELL)
/* A CSI sequence longer than this is passed on unread. */
#define VT_CSI_MAX		64
/* Stand-ins for clusters in libvterm's cells: the cluster's number plus
 * a base that libvterm draws 2 cells wide (CJK Extension G's plane) or 1
 * cell wide (the private-use plane 15). */
#define VT_PH_WIDE		0x30000u
#define VT_PH_NARROW		0xf0000u
#define VT_PH_COUNT		0xfffdu

/* SVG geometry: cell size in tenths of a pixel, font size, baseline. */
#define VT_SVG_CELL_W10		84
#define VT_SVG_CELL_H		17
#define VT_SVG_FONT_PX		14
#define VT_SVG_BASELINE		13
#define VT_SVG_FG		0xd0d0d0UL
#define VT_SVG_BG		0x1c1c1cUL

/* A growable byte buffer, always NUL-terminated when data != NULL. */
struct vt_buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

/* A grapheme cluster that stands in libvterm's cells as one stand-in. */
struct vt_cluster {
	uint32_t	 cp[VT_CLUSTER_MAX];
	size_t		 n;
	int		 width;		/* 1 or 2 cells */
};

/* Where the filter is in the child's output. */
enum vt_scan {
	VT_TEXT,		/* printable text and C0 controls */
	VT_ESC,			/* after ESC */
	VT_ESC_MID,		/* ESC, intermediates: ESC ( B */
	VT_CSI,			/* collecting a CSI sequence in seq */
	VT_CSI_PASS,		/* a too long CSI sequence, passed on */
	VT_STRING,		/* OSC, DCS, APC, PM, SOS: up to BEL or ST */
	VT_STRING_ESC		/* ESC inside a string: ST if '\\' follows */
};

/* One child on one pty, and the terminal emulator it is talking to. */
struct vt {
	pid_t		 pid;
	int		 fd;		/* pty master, non-blocking */
	int		 hup;		/* child side closed: EOF/EIO */
	int		 reaped;	/* waitpid() collected the child */
	int		 status;	/* raw wait status once reaped */
	VTerm		*term;
	VTermScreen	*screen;
	VTermState	*state;
	struct vt_buf	 raw;		/* all the child wrote */
	size_t		 fed;		/* raw given to libvterm */
	size_t		 reported;	/* raw vt_pump reported */
	struct vt_buf	 reply;		/* libvterm output to send */
	int64_t		 last_rx_ms;	/* when bytes last came */

	/* The mode 2027 filter (see vt_set_graphemes()). */
	int		 g_kind;	/* the DECRQM answer, -1: none */
	int		 g_on;		/* cells hold grapheme clusters */
	enum vt_scan	 scan;
	char		 seq[VT_CSI_MAX];	/* the CSI sequence so far */
	size_t		 seqlen;
	unsigned char	 u8[4];		/* a UTF-8 sequence so far */
	size_t		 u8len, u8want;
	struct vt_buf	 cooked;	/* filtered bytes for libvterm */
	struct vt_cluster cl;		/* the cluster being written */
	int32_t		 cl_state;	/* utf8proc's break state */
	int		 cl_placed;	/* already in the cells: at cl_pos */
	VTermPos	 cl_pos;
	struct vt_cluster *tab;		/* cluster k stands as base + k */
	size_t		 ntab, captab;
};

/* ---- small utilities ---- */

static void
vt_oom(void)
{
	fputs("vt: out of memory\n", stderr);
	abort();
}

static void *
vt_xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		vt_oom();
	return p;
}

int64_t
vt_now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Deadline for a timeout; negative timeouts mean "never" (-1). */
static int64_t
vt_deadline(int timeout_ms)
{
	return timeout_ms < 0 ? -1 : vt_now_ms() + timeout_ms;
}

/* Milliseconds left until deadline, as a poll(2) timeout. */
static int
vt_left(int64_t deadline)
{
	int64_t	 left;

	if (deadline < 0)
		return -1;
	left = deadline - vt_now_ms();
	if (left <= 0)
		return 0;
	return left > INT32_MAX ? INT32_MAX : (int)left;
}

/* Make room for at least more bytes plus the terminating NUL. */
static void
vt_buf_reserve(struct vt_buf *b, size_t more)
{
	size_t	 want, cap;
	char	*p;

	want = b->len + more + 1;
	if (want <= b->cap)
		return;
	cap = b->cap ? b->cap : 4096;
	while (cap < want)
		cap *= 2;
	if ((p = realloc(b->data, cap)) == NULL)
		vt_oom();
	b->data = p;
	b->cap = cap;
}

static void
vt_buf_add(struct vt_buf *b, const char *p, size_t n)
{
	vt_buf_reserve(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void
vt_buf_adds(struct vt_buf *b, const char *s)
{
	vt_buf_add(b, s, strlen(s));
}

/*
 * printf into the buffer.  Only used for the SVG's short, locale-free
 * pieces (an element's attributes, a font list), so one line's worth of
 * room is enough; a longer one is a bug here and aborts.
 */
static void
vt_buf_printf(struct vt_buf *b, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void
vt_buf_printf(struct vt_buf *b, const char *fmt, ...)
{
	char	 line[512];
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(line)) {
		fprintf(stderr, "vt: SVG piece too long: %s\n", fmt);
		abort();
	}
	vt_buf_add(b, line, (size_t)n);
}

/* Encode c as UTF-8 into out (4 bytes room); invalid values become
 * U+FFFD.  Returns the byte count. */
static size_t
vt_utf8_put(char *out, uint32_t c)
{
	if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = 0xfffd;
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

static int
vt_set_flag(int fd, int get, int set, int flag)
{
	int	 fl;

	if ((fl = fcntl(fd, get)) == -1)
		return -1;
	return fcntl(fd, set, fl | flag);
}

/* ---- the pty: reading, writing, reaping ---- */

/*
 * Read whatever the master has into vt->raw without blocking and without
 * touching libvterm.  Notes a hang-up in vt->hup.  Returns bytes read.
 */
static size_t
vt_read_avail(struct vt *vt)
{
	size_t	 total = 0;
	ssize_t	 n;

	while (!vt->hup && total < VT_READ_BURST) {
		vt_buf_reserve(&vt->raw, 4096);
		n = read(vt->fd, vt->raw.data + vt->raw.len,
		    vt->raw.cap - vt->raw.len - 1);
		if (n > 0) {
			vt->raw.len += (size_t)n;
			vt->raw.data[vt->raw.len] = '\0';
			total += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		/* EOF, or EIO: the last slave descriptor is gone. */
		vt->hup = 1;
	}
	if (total > 0)
		vt->last_rx_ms = vt_now_ms();
	return total;
}

/*
 * Write all of p to the child.  When the input queue is full, wait for
 * it to drain while still collecting output, so a child blocked on
 * writing its own output does not deadlock us.  Returns 0, or -1 if the
 * child went away or stopped reading.
 */
static int
vt_write_all(struct vt *vt, const char *p, size_t len)
{
	struct pollfd	 pfd;
	int64_t		 deadline;
	ssize_t		 n;

	deadline = vt_deadline(VT_SEND_TIMEOUT_MS);
	while (len > 0) {
		if (vt->hup)
			return -1;
		n = write(vt->fd, p, len);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
			deadline = vt_deadline(VT_SEND_TIMEOUT_MS);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
			return -1;
		if (vt_left(deadline) == 0) {
			fprintf(stderr, "vt: child %ld is not reading its "
			    "input, dropped %zu bytes\n", (long)vt->pid, len);
			return -1;
		}
		pfd.fd = vt->fd;
		pfd.events = POLLIN | POLLOUT;
		pfd.revents = 0;
		if (poll(&pfd, 1, vt_left(deadline)) > 0 &&
		    (pfd.revents & (POLLIN | POLLHUP | POLLERR)))
			vt_read_avail(vt);
	}
	return 0;
}

/* libvterm output callback: queue replies, vt_flush_replies sends them. */
static void
vt_on_output(const char *s, size_t len, void *user)
{
	struct vt	*vt = user;

	vt_buf_add(&vt->reply, s, len);
}

static void
vt_flush_replies(struct vt *vt)
{
	if (vt->reply.len == 0)
		return;
	vt_write_all(vt, vt->reply.data, vt->reply.len);
	vt->reply.len = 0;
	vt->reply.data[0] = '\0';
}

/* ---- the grapheme-cluster terminal ---- */

/*
 * libvterm counts every code point on its own, as xterm does: a ZWJ
 * sequence becomes one cell per emoji, a flag two narrow cells.  A
 * grapheme-aware terminal (mode 2027 set) puts each extended grapheme
 * cluster into one cell, 1 or 2 columns wide.  The filter below gives
 * libvterm exactly that screen: it segments the child's printable text
 * with utf8proc (UAX #29, as those terminals do), and writes each
 * cluster that is more than one ASCII character as a single stand-in
 * code point of the cluster's width, which the cell readers turn back
 * into the cluster.  So the cells, the cursor and whatever the child
 * writes next land where a grapheme terminal would put them, and a
 * program that counts otherwise shows up as text and borders out of
 * place.  Escape sequences and controls pass unchanged (they end a
 * cluster), except DECRQM for mode 2027, answered or not as the test
 * chose, and DECSET/DECRST 2027, which switch the filter.
 *
 * A cluster whose last code point ends what has been read so far is
 * held back, since its next code point may still be on the way; it is
 * put into the cells when the screen is read, and if it then grows, it
 * is written again where it started, as such a terminal adds a code
 * point to the last cell.
 */

/* The width of a cluster on a grapheme terminal: 2 when it holds a wide
 * character or an emoji presentation selector after its base or is a
 * flag (two regional indicators), else that of its first code point. */
static int
vt_cluster_width(const struct vt_cluster *cl)
{
	const utf8proc_property_t *p;
	size_t i;
	int w;

	for (i = 0; i < cl->n; i++)
		if ((i > 0 && cl->cp[i] == 0xfe0f) ||
		    utf8proc_charwidth((utf8proc_int32_t)cl->cp[i]) == 2)
			return 2;
	for (i = 0; i < 2 && i < cl->n; i++) {
		p = utf8proc_get_property((utf8proc_int32_t)cl->cp[i]);
		if (p->boundclass != UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR)
			break;
	}
	if (i == 2)
		return 2;
	w = utf8proc_charwidth((utf8proc_int32_t)cl->cp[0]);
	return w < 0 ? 1 : w;
}

/* The stand-in of cl: its number in the table, added if new. */
static uint32_t
vt_cluster_standin(struct vt *vt, const struct vt_cluster *cl, int width)
{
	struct vt_cluster *t;
	size_t k;

	for (k = 0; k < vt->ntab; k++)
		if (vt->tab[k].n == cl->n && vt->tab[k].width == width &&
		    memcmp(vt->tab[k].cp, cl->cp, cl->n * sizeof(cl->cp[0]))
		    == 0)
			break;
	if (k == vt->ntab) {
		if (k == VT_PH_COUNT) {
			fputs("vt: too many different grapheme clusters\n",
			    stderr);
			abort();
		}
		if (vt->ntab == vt->captab) {
			vt->captab = vt->captab ? vt->captab * 2 : 64;
			t = realloc(vt->tab, vt->captab * sizeof(*t));
			if (t == NULL)
				vt_oom();
			vt->tab = t;
		}
		vt->tab[k] = *cl;
		vt->tab[k].width = width;
		vt->ntab++;
	}
	return (width == 2 ? VT_PH_WIDE : VT_PH_NARROW) + (uint32_t)k;
}

/* The cluster a cell's first code point stands for, or NULL. */
static const struct vt_cluster *
vt_standin_cluster(const struct vt *vt, uint32_t c)
{
	uint32_t base = c >= VT_PH_NARROW ? VT_PH_NARROW : VT_PH_WIDE;

	if (c < VT_PH_WIDE || c - base >= vt->ntab)
		return NULL;
	return &vt->tab[c - base];
}

/*
 * The code points a cell shows, stand-ins replaced by their clusters,
 * into out (room for max); returns how many.  The right half of a wide
 * character gives none.
 */
static size_t
vt_cell_text(const struct vt *vt, const VTermScreenCell *cell,
    uint32_t *out, size_t max)
{
	const struct vt_cluster *cl;
	size_t n = 0, i, k;

	if (cell->chars[0] == (uint32_t)-1)
		return 0;
	for (i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell->chars[i] != 0; i++)
		if (i == 0 && (cl = vt_standin_cluster(vt, cell->chars[0])))
			for (k = 0; k < cl->n && n < max; k++)
				out[n++] = cl->cp[k];
		else if (n < max)
			out[n++] = cell->chars[i];
	return n;
}

/* Hand libvterm the bytes filtered so far. */
static void
vt_cooked_flush(struct vt *vt)
{
	size_t done = 0, n;

	while (done < vt->cooked.len) {
		n = vterm_input_write(vt->term, vt->cooked.data + done,
		    vt->cooked.len - done);
		if (n == 0)
			break;		/* libvterm always takes it all */
		done += n;
	}
	vt->cooked.len = 0;
}

static void
vt_cooked_cp(struct vt *vt, uint32_t c)
{
	char u[4];

	vt_buf_add(&vt->cooked, u, vt_utf8_put(u, c));
}

/* Write the cluster being collected into the cells. */
static void
vt_cluster_put(struct vt *vt)
{
	const struct vt_cluster *cl = &vt->cl;
	int w = vt_cluster_width(cl);
	size_t i;
	char c = (char)cl->cp[0];

	if (cl->n == 1 && cl->cp[0] < 0x80)
		vt_buf_add(&vt->cooked, &c, 1);
	else if (w == 0)
		/* Nothing to stand on: libvterm adds it to the last cell. */
		for (i = 0; i < cl->n; i++)
			vt_cooked_cp(vt, cl->cp[i]);
	else
		vt_cooked_cp(vt, vt_cluster_standin(vt, cl, w));
}

/* The cluster being collected is complete: into the cells with it. */
static void
vt_cluster_end(struct vt *vt)
{
	if (vt->cl.n > 0 && !vt->cl_placed)
		vt_cluster_put(vt);
	vt->cl.n = 0;
	vt->cl_placed = 0;
	vt->cl_state = 0;
}

/*
 * Put a held-back cluster into the cells now, noting where it starts in
 * case it grows: right where the cursor was, unless it wrapped to the
 * start of the next line.  (libvterm leaves the cursor on a glyph that
 * fills the last column, waiting to wrap.)
 */
static void
vt_cluster_settle(struct vt *vt)
{
	VTermPos before, after;
	int w;

	if (!vt->g_on || vt->cl.n == 0 || vt->cl_placed)
		return;
	vt_cooked_flush(vt);
	vterm_state_get_cursorpos(vt->state, &before);
	w = vt_cluster_width(&vt->cl);
	vt_cluster_put(vt);
	vt_cooked_flush(vt);
	vterm_screen_flush_damage(vt->screen);
	vterm_state_get_cursorpos(vt->state, &after);
	vt->cl_placed = 1;
	vt->cl_pos = before;
	if (after.row != before.row || (after.col != before.col + w &&
	    after.col != before.col)) {
		vt->cl_pos.row = after.row;
		vt->cl_pos.col = 0;
	}
}

/* One code point of printable text. */
static void
vt_text_cp(struct vt *vt, uint32_t c)
{
	struct vt_cluster *cl = &vt->cl;
	char cup[32];
	int n;

	if (!vt->g_on) {
		vt_cooked_cp(vt, c);
		return;
	}
	if (cl->n > 0 && !utf8proc_grapheme_break_stateful(
	    (utf8proc_int32_t)cl->cp[cl->n - 1], (utf8proc_int32_t)c,
	    &vt->cl_state)) {
		if (cl->n < VT_CLUSTER_MAX)
			cl->cp[cl->n++] = c;
		if (vt->cl_placed) {
			/* It grew after it was shown: write it again. */
			n = snprintf(cup, sizeof(cup), "\033[%d;%dH",
			    vt->cl_pos.row + 1, vt->cl_pos.col + 1);
			vt_buf_add(&vt->cooked, cup, (size_t)n);
			vt_cluster_put(vt);
		}
		return;
	}
	if (cl->n > 0 && !vt->cl_placed)
		vt_cluster_put(vt);
	vt->cl_placed = 0;
	cl->cp[0] = c;
	cl->n = 1;
}

/* A CSI sequence, whole in vt->seq: mode 2027 or passed on. */
static void
vt_csi(struct vt *vt)
{
	static const char query[] = "\033[?2027$p";
	const char *p;
	char final = vt->seq[vt->seqlen - 1], reply[32];
	long v;
	int n, on = -1;

	if (vt->seqlen == sizeof(query) - 1 &&
	    memcmp(vt->seq, query, vt->seqlen) == 0) {
		if (vt->g_kind < 0)
			return;		/* a terminal that does not answer */
		/* libvterm's own replies to what came before go first. */
		vt_cooked_flush(vt);
		n = snprintf(reply, sizeof(reply), "\033[?2027;%d$y",
		    vt->g_kind == 1 || vt->g_kind == 2 ? (vt->g_on ? 1 : 2) :
		    vt->g_kind);
		vt_buf_add(&vt->reply, reply, (size_t)n);
		return;
	}
	if (vt->seqlen > 3 && vt->seq[2] == '?' &&
	    (final == 'h' || final == 'l') &&
	    (vt->g_kind == 1 || vt->g_kind == 2)) {
		for (p = vt->seq + 3; p < vt->seq + vt->seqlen - 1; p++) {
			v = strtol(p, (char **)&p, 10);
			if (v == 2027)
				on = final == 'h';
			if (*p != ';')
				break;
		}
		if (on >= 0)
			vt->g_on = on;
	}
	vt_buf_add(&vt->cooked, vt->seq, vt->seqlen);
}

/* One byte of printable text: UTF-8 put together, then vt_text_cp(). */
static void
vt_text_byte(struct vt *vt, unsigned char b)
{
	uint32_t c;
	size_t i;

	if (!vt->g_on) {
		/* Byte for byte: libvterm decodes it, as it always has. */
		vt_buf_add(&vt->cooked, (const char *)&b, 1);
		return;
	}
	if (vt->u8len > 0 && (b & 0xc0) != 0x80) {
		/* A sequence cut short: libvterm shows what it makes of it. */
		vt_cluster_end(vt);
		vt_buf_add(&vt->cooked, (const char *)vt->u8, vt->u8len);
		vt->u8len = 0;
	}
	if (vt->u8len == 0) {
		if (b < 0x80) {
			vt_text_cp(vt, b);
			return;
		}
		vt->u8want = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
		if (vt->u8want == 1 || b > 0xf4) {
			vt_cluster_end(vt);
			vt_buf_add(&vt->cooked, (const char *)&b, 1);
			return;
		}
	}
	vt->u8[vt->u8len++] = b;
	if (vt->u8len < vt->u8want)
		return;
	c = vt->u8[0] & (0xff >> (vt->u8want + 1));
	for (i = 1; i < vt->u8len; i++)
		c = c << 6 | (vt->u8[i] & 0x3f);
	vt->u8len = 0;
	vt_text_cp(vt, c);
}

/* The filter: len bytes of the child's output, on to libvterm. */
static void
vt_filter(struct vt *vt, const unsigned char *p, size_t len)
{
	size_t i;
	unsigned char b;

	for (i = 0; i < len; i++) {
		b = p[i];
		switch (vt->scan) {
		case VT_TEXT:
			if (b >= 0x20 && b != 0x7f) {
				vt_text_byte(vt, b);
				break;
			}
			vt_cluster_end(vt);
			if (vt->u8len > 0)
				vt_buf_add(&vt->cooked, (const char *)vt->u8,
				    vt->u8len);
			vt->u8len = 0;
			if (b == 0x1b)
				vt->scan = VT_ESC;
			else
				vt_buf_add(&vt->cooked, (const char *)&b, 1);
			break;
		case VT_ESC:
			if (b == '[') {
				vt->seq[0] = 0x1b;
				vt->seq[1] = '[';
				vt->seqlen = 2;
				vt->scan = VT_CSI;
				break;
			}
			vt_buf_add(&vt->cooked, "\033", 1);
			vt_buf_add(&vt->cooked, (const char *)&b, 1);
			if (strchr("]P_^X", b) != NULL && b != 0)
				vt->scan = VT_STRING;
			else if (b >= 0x20 && b <= 0x2f)
				vt->scan = VT_ESC_MID;
			else
				vt->scan = VT_TEXT;
			break;
		case VT_ESC_MID:
			vt_buf_add(&vt->cooked, (const char *)&b, 1);
			if (b < 0x20 || b > 0x2f)
				vt->scan = VT_TEXT;
			break;
		case VT_CSI:
			vt->seq[vt->seqlen++] = (char)b;
			if (b >= 0x40 && b <= 0x7e) {
				vt_csi(vt);
				vt->scan = VT_TEXT;
			} else if (vt->seqlen == sizeof(vt->seq)) {
				vt_buf_add(&vt->cooked, vt->seq, vt->seqlen);
				vt->scan = VT_CSI_PASS;
			}
			break;
		case VT_CSI_PASS:
			vt_buf_add(&vt->cooked, (const char *)&b, 1);
			if (b >= 0x40 && b <= 0x7e)
				vt->scan = VT_TEXT;
			break;
		case VT_STRING:
		case VT_STRING_ESC:
			vt_buf_add(&vt->cooked, (const char *)&b, 1);
			if (b == 0x07 || (vt->scan == VT_STRING_ESC &&
			    b == '\\'))
				vt->scan = VT_TEXT;
			else
				vt->scan = b == 0x1b ? VT_STRING_ESC :
				    VT_STRING;
			break;
		}
	}
	vt_cooked_flush(vt);
}

void
vt_set_graphemes(struct vt *vt, int answer)
{
	vt->g_kind = answer < 0 || answer > 4 ? -1 : answer;
	vt->g_on = vt->g_kind == 1 || vt->g_kind == 3;
}

int
vt_graphemes(struct vt *vt)
{
	return vt->g_on;
}

/*
 * Give libvterm everything logged but not yet interpreted and send its
 * replies.  Sending may log more output (when the child's input queue is
 * full); the loop feeds that too.
 */
static void
vt_feed(struct vt *vt)
{
	size_t	 n;

	while (vt->fed < vt->raw.len) {
		n = vt->raw.len - vt->fed;
		vt_filter(vt, (const unsigned char *)vt->raw.data + vt->fed, n);
		vt->fed += n;
		vterm_screen_flush_damage(vt->screen);
		vt_flush_replies(vt);
	}
	vt_flush_replies(vt);
}

/* Collect the child if it has exited; flags as for waitpid().  1 reaped. */
static int
vt_reap(struct vt *vt, int flags)
{
	pid_t	 r;
	int	 st;

	if (vt->reaped)
		return 1;
	do
		r = waitpid(vt->pid, &st, flags);
	while (r == -1 && errno == EINTR);
	if (r == vt->pid) {
		vt->reaped = 1;
		vt->status = st;
		return 1;
	}
	if (r == -1 && errno == ECHILD) {
		/* Reaped behind our back (SIGCHLD ignored?); status lost. */
		vt->reaped = 1;
		vt->status = 0;
		return 1;
	}
	return 0;
}

/* ---- spawning ---- */

/* In the child: undo signal state the test runner may have left us. */
static void
vt_child_signals(void)
{
	static const int sigs[] = {
		SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGCHLD,
		SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH, SIGALRM, SIGUSR1,
		SIGUSR2
	};
	sigset_t	 none;
	size_t		 i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

struct vt *
vt_spawn(char *const argv[], char *const envp[], int rows, int cols)
{
	struct winsize	 ws;
	struct vt	*vt;
	ssize_t		 n;
	int		 errpipe[2], err, child_errno;

	if (argv == NULL || argv[0] == NULL || rows < 1 || cols < 1 ||
	    rows > 0xffff || cols > 0xffff) {
		errno = EINVAL;
		return NULL;
	}
	if ((vt = calloc(1, sizeof(*vt))) == NULL)
		return NULL;
	vt->fd = -1;
	vt->g_kind = -1;

	/* The child reports a failed exec through a close-on-exec pipe. */
	if (pipe(errpipe) == -1) {
		err = errno;
		free(vt);
		errno = err;
		return NULL;
	}
	vt_set_flag(errpipe[0], F_GETFD, F_SETFD, FD_CLOEXEC);
	vt_set_flag(errpipe[1], F_GETFD, F_SETFD, FD_CLOEXEC);

	memset(&ws, 0, sizeof(ws));
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	vt->pid = forkpty(&vt->fd, NULL, NULL, &ws);
	if (vt->pid == -1) {
		err = errno;
		close(errpipe[0]);
		close(errpipe[1]);
		free(vt);
		errno = err;
		return NULL;
	}
	if (vt->pid == 0) {
		close(errpipe[0]);
		vt_child_signals();
		if (envp != NULL)
			environ = (char **)envp;
		execvp(argv[0], argv);
		child_errno = errno;
		n = write(errpipe[1], &child_errno, sizeof(child_errno));
		(void)n;
		_exit(127);
	}

	close(errpipe[1]);
	do
		n = read(errpipe[0], &child_errno, sizeof(child_errno));
	while (n == -1 && errno == EINTR);
	close(errpipe[0]);
	if (n > 0) {
		/* exec failed: collect the child and report its errno. */
		vt->hup = 1;
		vt_reap(vt, 0);
		close(vt->fd);
		free(vt);
		errno = n == (ssize_t)sizeof(child_errno) ? child_errno : EIO;
		return NULL;
	}

	if (vt_set_flag(vt->fd, F_GETFD, F_SETFD, FD_CLOEXEC) == -1 ||
	    vt_set_flag(vt->fd, F_GETFL, F_SETFL, O_NONBLOCK) == -1 ||
	    (vt->term = vterm_new(rows, cols)) == NULL) {
		err = errno ? errno : ENOMEM;
		vt_free(vt);
		errno = err;
		return NULL;
	}
	vterm_set_utf8(vt->term, 1);
	vterm_output_set_callback(vt->term, vt_on_output, vt);
	vt->state = vterm_obtain_state(vt->term);
	vt->screen = vterm_obtain_screen(vt->term);
	vterm_screen_enable_altscreen(vt->screen, 1);
	vterm_screen_set_damage_merge(vt->screen, VTERM_DAMAGE_CELL);
	vterm_screen_reset(vt->screen, 1);
	vt->last_rx_ms = vt_now_ms();
	return vt;
}

/* ---- input to the child ---- */

void
vt_send(struct vt *vt, const char *bytes, size_t len)
{
	/* Anything libvterm still owes the child goes first. */
	vt_flush_replies(vt);
	vt_write_all(vt, bytes, len);
}

void
vt_sends(struct vt *vt, const char *s)
{
	vt_send(vt, s, strlen(s));
}

/* Named keys with fixed xterm encodings. */
static const struct vt_keyname {
	const char	*name;
	const char	*bytes;
} vt_keys[] = {
	{ "PgUp",	"\033[5~" },
	{ "PgDn",	"\033[6~" },
	{ "Ins",	"\033[2~" },
	{ "Del",	"\033[3~" },
	{ "Enter",	"\r" },
	{ "Esc",	"\033" },
	{ "Tab",	"\t" },
	{ "BTab",	"\033[Z" },
	{ "Backspace",	"\177" },
	{ "Space",	" " },
	{ "F1",		"\033OP" },
	{ "F2",		"\033OQ" },
	{ "F3",		"\033OR" },
	{ "F4",		"\033OS" },
	{ "F5",		"\033[15~" },
	{ "F6",		"\033[17~" },
	{ "F7",		"\033[18~" },
	{ "F8",		"\033[19~" },
	{ "F9",		"\033[20~" },
	{ "F10",	"\033[21~" },
	{ "F11",	"\033[23~" },
	{ "F12",	"\033[24~" },
};

/* Keys whose encoding depends on DECCKM; libvterm tracks that mode. */
static const struct vt_modekey {
	const char	*name;
	VTermKey	 key;
} vt_modekeys[] = {
	{ "Up",		VTERM_KEY_UP },
	{ "Down",	VTERM_KEY_DOWN },
	{ "Left",	VTERM_KEY_LEFT },
	{ "Right",	VTERM_KEY_RIGHT },
	{ "Home",	VTERM_KEY_HOME },
	{ "End",	VTERM_KEY_END },
};

void
vt_key(struct vt *vt, const char *name)
{
	size_t	 i;
	char	 b[2];

	for (i = 0; i < sizeof(vt_modekeys) / sizeof(vt_modekeys[0]); i++)
		if (strcmp(name, vt_modekeys[i].name) == 0) {
			/* Let libvterm see any mode switch the program has
			 * already written, as a real terminal would have. */
			if (!vt->hup)
				vt_read_avail(vt);
			vt_feed(vt);
			/* Routed through vt_on_output into vt->reply. */
			vterm_keyboard_key(vt->term, vt_modekeys[i].key,
			    VTERM_MOD_NONE);
			vt_flush_replies(vt);
			return;
		}
	for (i = 0; i < sizeof(vt_keys) / sizeof(vt_keys[0]); i++)
		if (strcmp(name, vt_keys[i].name) == 0) {
			vt_sends(vt, vt_keys[i].bytes);
			return;
		}
	if (name[0] == 'C' && name[1] == '-' && name[2] != '\0' &&
	    name[3] == '\0') {
		if (name[2] >= 'a' && name[2] <= 'z') {
			b[0] = (char)(name[2] - 'a' + 1);
			vt_send(vt, b, 1);
			return;
		}
		if (strchr("@[\\]^_", name[2]) != NULL) {
			b[0] = (char)(name[2] - '@');
			vt_send(vt, b, 1);
			return;
		}
	}
	if (name[0] == 'M' && name[1] == '-' && name[2] > ' ' &&
	    name[2] < 0x7f && name[3] == '\0') {
		b[0] = '\033';
		b[1] = name[2];
		vt_send(vt, b, 2);
		return;
	}
	fprintf(stderr, "vt_key: unknown key name \"%s\"\n", name);
	abort();
}

void
vt_mouse(struct vt *vt, int type, int button, int row, int col)
{
	char	 seq[48];
	int	 n;

	if (type == VT_RELEASE && (button == 64 || button == 65))
		return;
	if (type == VT_DRAG)
		button += 32;
	n = snprintf(seq, sizeof(seq), "\033[<%d;%d;%d%c", button, col + 1,
	    row + 1, type == VT_RELEASE ? 'm' : 'M');
	vt_send(vt, seq, (size_t)n);
}

void
vt_send_char(struct vt *vt, uint32_t c)
{
	char	 b[4];

	vt_send(vt, b, vt_utf8_put(b, c));
}

/* ---- output from the child ---- */

int
vt_pump(struct vt *vt, int timeout_ms)
{
	struct pollfd	 pfd;
	int64_t		 deadline;
	int		 r;

	deadline = vt_deadline(timeout_ms);
	if (!vt->hup) {
		/* Output collected while sending counts as news: no wait. */
		if (vt->reported < vt->raw.len)
			deadline = 0;
		for (;;) {
			pfd.fd = vt->fd;
			pfd.events = POLLIN;
			pfd.revents = 0;
			r = poll(&pfd, 1, vt_left(deadline));
			if (r == -1 && errno == EINTR)
				continue;
			break;
		}
		if (r > 0)
			vt_read_avail(vt);
	}
	vt_feed(vt);
	if (vt->reported < vt->raw.len) {
		vt->reported = vt->raw.len;
		return 1;
	}
	return vt->hup ? -1 : 0;
}

/*
 * Text of one row plus, when map is not NULL, the starting cell of each
 * byte (map[len] is the column just past the text).  The caller frees
 * both.
 */
static char *
vt_row_text(struct vt *vt, int row, int **map)
{
	VTermScreenCell	 cell;
	VTermPos	 pos;
	char		*s;
	int		*m = NULL;
	uint32_t	 text[VT_CELL_TEXT_MAX];
	size_t		 len = 0, i, n, nt;
	int		 rows, cols, c;

	vt_cluster_settle(vt);
	vterm_get_size(vt->term, &rows, &cols);
	if (row < 0 || row >= rows)
		cols = 0;
	/* At most VT_CELL_TEXT_MAX 4-byte characters per cell. */
	s = vt_xmalloc((size_t)cols * VT_CELL_TEXT_MAX * 4 + 1);
	if (map != NULL)
		m = vt_xmalloc(((size_t)cols * VT_CELL_TEXT_MAX * 4 + 1) *
		    sizeof(*m));
	pos.row = row;
	for (c = 0; c < cols; c++) {
		pos.col = c;
		memset(&cell, 0, sizeof(cell));
		vterm_screen_get_cell(vt->screen, pos, &cell);
		if (cell.chars[0] == (uint32_t)-1)
			continue;	/* right half of a wide char */
		n = len;
		if (cell.chars[0] == 0)
			s[len++] = ' ';
		nt = vt_cell_text(vt, &cell, text, VT_CELL_TEXT_MAX);
		for (i = 0; i < nt; i++)
			len += vt_utf8_put(s + len, text[i]);
		if (m != NULL)
			for (; n < len; n++)
				m[n] = c;
	}
	/* Trim trailing blanks. */
	while (len > 0 && s[len - 1] == ' ')
		len--;
	s[len] = '\0';
	if (m != NULL) {
		m[len] = len > 0 ? m[len - 1] + 1 : 0;
		*map = m;
	}
	return s;
}

char *
vt_row(struct vt *vt, int row)
{
	return vt_row_text(vt, row, NULL);
}

char *
vt_screen(struct vt *vt)
{
	struct vt_buf	 b;
	char		*s;
	int		 rows, cols, r;

	memset(&b, 0, sizeof(b));
	vt_buf_reserve(&b, 0);
	b.data[0] = '\0';
	vterm_get_size(vt->term, &rows, &cols);
	for (r = 0; r < rows; r++) {
		if (r > 0)
			vt_buf_add(&b, "\n", 1);
		s = vt_row(vt, r);
		vt_buf_adds(&b, s);
		free(s);
	}
	return b.data;
}

int
vt_find(struct vt *vt, const char *utf8, int *row, int *col)
{
	char	*s, *p;
	int	*map;
	int	 rows, cols, r, found = 0;

	vterm_get_size(vt->term, &rows, &cols);
	for (r = 0; r < rows && !found; r++) {
		s = vt_row_text(vt, r, &map);
		if ((p = strstr(s, utf8)) != NULL) {
			found = 1;
			if (row != NULL)
				*row = r;
			if (col != NULL)
				*col = map[p - s];
		}
		free(map);
		free(s);
	}
	return found;
}

/* Pump until utf8 is on the screen (want 1) or off it (want 0). */
static int
vt_wait_find(struct vt *vt, const char *utf8, int want, int timeout_ms)
{
	int64_t	 deadline;

	deadline = vt_deadline(timeout_ms);
	for (;;) {
		if (vt_find(vt, utf8, NULL, NULL) == want)
			return 1;
		if (vt_left(deadline) == 0)
			return 0;
		if (vt_pump(vt, vt_left(deadline)) < 0)
			return vt_find(vt, utf8, NULL, NULL) == want;
	}
}

int
vt_wait_text(struct vt *vt, const char *utf8, int timeout_ms)
{
	return vt_wait_find(vt, utf8, 1, timeout_ms);
}

int
vt_wait_gone(struct vt *vt, const char *utf8, int timeout_ms)
{
	return vt_wait_find(vt, utf8, 0, timeout_ms);
}

int
vt_wait_quiet(struct vt *vt, int quiet_ms, int timeout_ms)
{
	int64_t	 deadline, since, now, wait;

	deadline = vt_deadline(timeout_ms);
	since = vt_now_ms();
	for (;;) {
		now = vt_now_ms();
		if (vt->last_rx_ms > since)
			since = vt->last_rx_ms;
		if (now - since >= quiet_ms)
			return 1;
		if (deadline >= 0 && now >= deadline)
			return 0;
		wait = since + quiet_ms - now;
		if (deadline >= 0 && deadline - now < wait)
			wait = deadline - now;
		if (vt_pump(vt, (int)wait) < 0)
			return 1;	/* nothing more can arrive */
	}
}

int
vt_cell(struct vt *vt, int row, int col, struct vt_cell *out)
{
	VTermScreenCell	 cell;
	VTermPos	 pos;
	VTermColor	 fg, bg;
	int		 rows, cols;

	vt_cluster_settle(vt);
	vterm_get_size(vt->term, &rows, &cols);
	if (row < 0 || row >= rows || col < 0 || col >= cols)
		return -1;
	pos.row = row;
	pos.col = col;
	memset(&cell, 0, sizeof(cell));
	vterm_screen_get_cell(vt->screen, pos, &cell);
	memset(out, 0, sizeof(*out));
	if (cell.chars[0] == (uint32_t)-1) {
		out->width = 0;
	} else {
		/* The last entry stays 0. */
		vt_cell_text(vt, &cell, out->ch, VT_CELL_CHARS - 1);
		out->width = cell.width;
	}
	out->bold = cell.attrs.bold;
	out->underline = cell.attrs.underline;
	out->reverse = cell.attrs.reverse;
	out->italic = cell.attrs.italic;

	fg = cell.fg;
	bg = cell.bg;
	out->fg_default = VTERM_COLOR_IS_DEFAULT_FG(&fg);
	out->bg_default = VTERM_COLOR_IS_DEFAULT_BG(&bg);
	out->fg_index = VTERM_COLOR_IS_INDEXED(&fg) ? fg.indexed.idx : -1;
	out->bg_index = VTERM_COLOR_IS_INDEXED(&bg) ? bg.indexed.idx : -1;
	vterm_screen_convert_color_to_rgb(vt->screen, &fg);
	vterm_screen_convert_color_to_rgb(vt->screen, &bg);
	out->fg_r = fg.rgb.red;
	out->fg_g = fg.rgb.green;
	out->fg_b = fg.rgb.blue;
	out->bg_r = bg.rgb.red;
	out->bg_g = bg.rgb.green;
	out->bg_b = bg.rgb.blue;
	return 0;
}

void
vt_size(struct vt *vt, int *row, int *col)
{
	int	 rows, cols;

	vterm_get_size(vt->term, &rows, &cols);
	if (row != NULL)
		*row = rows;
	if (col != NULL)
		*col = cols;
}

void
vt_cursor(struct vt *vt, int *row, int *col)
{
	VTermPos	 pos;

	vt_cluster_settle(vt);
	vterm_state_get_cursorpos(vt->state, &pos);
	if (row != NULL)
		*row = pos.row;
	if (col != NULL)
		*col = pos.col;
}

void
vt_resize(struct vt *vt, int rows, int cols)
{
	struct winsize	 ws;

	if (rows < 1 || cols < 1 || rows > 0xffff || cols > 0xffff)
		return;
	/* Interpret what was sent for the old size before changing it. */
	vt_feed(vt);
	vterm_set_size(vt->term, rows, cols);
	memset(&ws, 0, sizeof(ws));
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	ioctl(vt->fd, TIOCSWINSZ, &ws);
}

void
vt_report_size(struct vt *vt, int rows, int cols)
{
	struct winsize	 ws;

	if (rows < 1 || cols < 1 || rows > 0xffff || cols > 0xffff)
		return;
	vt_feed(vt);
	memset(&ws, 0, sizeof(ws));
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	ioctl(vt->fd, TIOCSWINSZ, &ws);
}

int
vt_wait_exit(struct vt *vt, int timeout_ms, int *status)
{
	int64_t	 deadline;
	int	 left, slice, i;

	deadline = vt_deadline(timeout_ms);
	for (;;) {
		if (vt_reap(vt, WNOHANG)) {
			/* Collect the child's last words; bounded in case
			 * a grandchild keeps the pty busy. */
			for (i = 0; i < 64 && vt_pump(vt, 0) > 0; i++)
				;
			if (status != NULL)
				*status = vt->status;
			return 1;
		}
		if ((left = vt_left(deadline)) == 0)
			return 0;
		slice = left < 0 || left > VT_REAP_SLICE_MS ?
		    VT_REAP_SLICE_MS : left;
		if (!vt->hup)
			vt_pump(vt, slice);
		else
			poll(NULL, 0, slice);	/* nothing left to watch */
	}
}

void
vt_kill(struct vt *vt, int sig)
{
	if (!vt->reaped)
		kill(vt->pid, sig);
}

const char *
vt_output(struct vt *vt, size_t *len)
{
	/* Include bytes picked up while a write was blocked. */
	if (!vt->hup)
		vt_read_avail(vt);
	if (len != NULL)
		*len = vt->raw.len;
	return vt->raw.data != NULL ? vt->raw.data : "";
}

int
vt_fd(struct vt *vt)
{
	return vt->fd;
}

pid_t
vt_pid(struct vt *vt)
{
	return vt->pid;
}

void
vt_free(struct vt *vt)
{
	if (vt == NULL)
		return;
	if (vt->pid > 0 && !vt->reaped) {
		/* While unreaped, the pid (and so the group id, since the
		 * child is a session leader) cannot have been reused. */
		kill(-vt->pid, SIGKILL);
		kill(vt->pid, SIGKILL);
		vt_reap(vt, 0);
	}
	if (vt->fd != -1)
		close(vt->fd);
	if (vt->term != NULL)
		vterm_free(vt->term);
	free(vt->raw.data);
	free(vt->reply.data);
	free(vt->cooked.data);
	free(vt->tab);
	free(vt);
}

/* ---- SVG snapshot ---- */

/*
 * The picture is drawn in layers over the whole screen: the cell
 * backgrounds, then shapes, then the text.  Half and full blocks and the
 * light box-drawing lines are shapes: rectangles on whole pixels
 * (crispEdges), so that a QR code or a frame joins up without the gaps
 * and jitter that font glyphs leave between rows.  Text runs are
 * stretched with textLength to their exact cell span so glyph metrics
 * cannot drift.  Indexed colours come from xterm's default 256-colour
 * palette.  Only integer arithmetic and fixed formats are used, so the
 * same screen always gives the same bytes; the cursor is not drawn.
 */

/* Margin around the screen and the height of a cell's upper half, px. */
#define VT_SVG_PAD		10
#define VT_SVG_HALF		8
#define VT_SVG_FONTS \
	"'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace"

/* Cells a character covers; the right half of a wide one is skipped. */
#define VT_CELL_W(cell)	((cell)->width > 1 ? 2 : 1)
/* A cell that draws no glyph: empty or a plain space. */
#define VT_CELL_BLANK(cell) \
	((cell)->chars[0] == 0 || ((cell)->chars[0] == ' ' && \
	(cell)->chars[1] == 0))

/* Shapes: the arms of a light line, and the halves of a block. */
#define VT_SH_LEFT	0x01
#define VT_SH_RIGHT	0x02
#define VT_SH_UP	0x04
#define VT_SH_DOWN	0x08
#define VT_SH_HLINE	(VT_SH_LEFT | VT_SH_RIGHT)
#define VT_SH_VLINE	(VT_SH_UP | VT_SH_DOWN)
#define VT_SH_TOP	0x10
#define VT_SH_BOTTOM	0x20

/* Resolved look of one cell, after reverse video and defaults. */
struct vt_look {
	unsigned long	 fg, bg;	/* 0xRRGGBB */
	int		 bold, italic, underline, strike;
	int		 shape;		/* VT_SH_*, 0: drawn as text */
};

/* Colour idx of xterm's default palette. */
static unsigned long
vt_xterm_rgb(unsigned idx)
{
	static const unsigned long	 ansi[16] = {
		0x000000, 0xcd0000, 0x00cd00, 0xcdcd00,
		0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
		0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
		0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
	};
	static const unsigned long	 level[6] = {
		0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff,
	};
	unsigned long			 v;

	if (idx < 16)
		return ansi[idx];
	if (idx < 232) {
		idx -= 16;
		return level[idx / 36] << 16 | level[idx / 6 % 6] << 8 |
		    level[idx % 6];
	}
	v = 8 + 10 * (unsigned long)(idx - 232);
	return v << 16 | v << 8 | v;
}

static unsigned long
vt_rgb(const VTermScreen *screen, VTermColor col, int is_default,
    unsigned long dflt)
{
	if (is_default)
		return dflt;
	if (VTERM_COLOR_IS_INDEXED(&col))
		return vt_xterm_rgb(col.indexed.idx);
	vterm_screen_convert_color_to_rgb(screen, &col);
	return (unsigned long)col.rgb.red << 16 |
	    (unsigned long)col.rgb.green << 8 | col.rgb.blue;
}

/* The shape a cell is drawn as, or 0 for text. */
static int
vt_cell_shape(const VTermScreenCell *cell)
{
	if (cell->chars[0] == (uint32_t)-1 || cell->chars[1] != 0 ||
	    cell->width > 1)
		return 0;
	switch (cell->chars[0]) {
	case 0x2580:	/* ▀ */
		return VT_SH_TOP;
	case 0x2584:	/* ▄ */
		return VT_SH_BOTTOM;
	case 0x2588:	/* █ */
		return VT_SH_TOP | VT_SH_BOTTOM;
	case 0x2500:	/* ─ */
		return VT_SH_HLINE;
	case 0x2502:	/* │ */
		return VT_SH_VLINE;
	case 0x250c:	/* ┌ */
	case 0x256d:	/* ╭ */
		return VT_SH_RIGHT | VT_SH_DOWN;
	case 0x2510:	/* ┐ */
	case 0x256e:	/* ╮ */
		return VT_SH_LEFT | VT_SH_DOWN;
	case 0x2514:	/* └ */
	case 0x2570:	/* ╰ */
		return VT_SH_RIGHT | VT_SH_UP;
	case 0x2518:	/* ┘ */
	case 0x256f:	/* ╯ */
		return VT_SH_LEFT | VT_SH_UP;
	case 0x251c:	/* ├ */
		return VT_SH_VLINE | VT_SH_RIGHT;
	case 0x2524:	/* ┤ */
		return VT_SH_VLINE | VT_SH_LEFT;
	case 0x252c:	/* ┬ */
		return VT_SH_HLINE | VT_SH_DOWN;
	case 0x2534:	/* ┴ */
		return VT_SH_HLINE | VT_SH_UP;
	case 0x253c:	/* ┼ */
		return VT_SH_HLINE | VT_SH_VLINE;
	case 0x2574:	/* ╴ */
		return VT_SH_LEFT;
	case 0x2575:	/* ╵ */
		return VT_SH_UP;
	case 0x2576:	/* ╶ */
		return VT_SH_RIGHT;
	case 0x2577:	/* ╷ */
		return VT_SH_DOWN;
	}
	return 0;
}

static void
vt_cell_look(struct vt *vt, const VTermScreenCell *cell, struct vt_look *lk)
{
	unsigned long	 t;

	lk->fg = vt_rgb(vt->screen, cell->fg,
	    VTERM_COLOR_IS_DEFAULT_FG(&cell->fg), VT_SVG_FG);
	lk->bg = vt_rgb(vt->screen, cell->bg,
	    VTERM_COLOR_IS_DEFAULT_BG(&cell->bg), VT_SVG_BG);
	if (cell->attrs.reverse) {
		t = lk->fg;
		lk->fg = lk->bg;
		lk->bg = t;
	}
	lk->bold = cell->attrs.bold;
	lk->italic = cell->attrs.italic;
	lk->underline = cell->attrs.underline != 0;
	lk->strike = cell->attrs.strike;
	lk->shape = vt_cell_shape(cell);
}

static int
vt_look_same_text(const struct vt_look *a, const struct vt_look *b)
{
	return a->fg == b->fg && a->bold == b->bold &&
	    a->italic == b->italic && a->underline == b->underline &&
	    a->strike == b->strike;
}

/* Left edge of column col and top edge of row row, in whole pixels. */
static int
vt_svg_ix(int col)
{
	return VT_SVG_PAD + (int)(((long)col * VT_SVG_CELL_W10 + 5) / 10);
}

static int
vt_svg_iy(int row)
{
	return VT_SVG_PAD + row * VT_SVG_CELL_H;
}

/* An attribute holding a length in tenths of a pixel, one decimal. */
static void
vt_svg_tenths(struct vt_buf *b, const char *attr, long x10)
{
	vt_buf_printf(b, " %s=\"%ld.%ld\"", attr, x10 / 10, x10 % 10);
}

static void
vt_svg_rect(struct vt_buf *b, int x0, int y0, int x1, int y1,
    unsigned long rgb)
{
	if (x1 <= x0 || y1 <= y0)
		return;
	vt_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
	    " fill=\"#%06lx\"/>\n", x0, y0, x1 - x0, y1 - y0, rgb);
}

/* Append c to b XML-escaped; characters XML cannot carry become U+FFFD. */
static void
vt_svg_char(struct vt_buf *b, uint32_t c)
{
	static const char	 special[] = "&<>\"";
	static const char *const entity[] = { "&amp;", "&lt;", "&gt;",
	    "&quot;" };
	const char		*p;
	char			 u[4];

	if (c != 0 && c < 0x80 && (p = strchr(special, (int)c)) != NULL) {
		vt_buf_adds(b, entity[p - special]);
		return;
	}
	if ((c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0) ||
	    c == 0xfffe || c == 0xffff)
		c = 0xfffd;
	vt_buf_add(b, u, vt_utf8_put(u, c));
}

/* A rectangle grown run by run, flushed when the next one does not fit. */
struct vt_run {
	int		 x0, y0, x1, y1;
	unsigned long	 rgb;
};

/* Extend *run by the box, if it continues it, else flush and restart. */
static void
vt_run_add(struct vt_buf *b, struct vt_run *run, int x0, int y0, int x1,
    int y1, unsigned long rgb)
{
	if (run->x1 > run->x0 && run->rgb == rgb) {
		if (run->y0 == y0 && run->y1 == y1 && run->x1 == x0) {
			run->x1 = x1;
			return;
		}
		if (run->x0 == x0 && run->x1 == x1 && run->y1 == y0) {
			run->y1 = y1;
			return;
		}
	}
	vt_svg_rect(b, run->x0, run->y0, run->x1, run->y1, run->rgb);
	run->x0 = x0;
	run->y0 = y0;
	run->x1 = x1;
	run->y1 = y1;
	run->rgb = rgb;
}

static void
vt_run_flush(struct vt_buf *b, struct vt_run *run)
{
	vt_svg_rect(b, run->x0, run->y0, run->x1, run->y1, run->rgb);
	memset(run, 0, sizeof(*run));
}

/* Backgrounds: a rectangle per run of equal, non-default background. */
static void
vt_svg_bg(struct vt_buf *b, const struct vt_look *looks, int rows, int cols)
{
	const struct vt_look	*lk;
	struct vt_run		 run;
	int			 r, c;

	memset(&run, 0, sizeof(run));
	for (r = 0; r < rows; r++)
		for (c = 0; c < cols; c++) {
			lk = &looks[r * cols + c];
			if (lk->bg != VT_SVG_BG)
				vt_run_add(b, &run, vt_svg_ix(c), vt_svg_iy(r),
				    vt_svg_ix(c + 1), vt_svg_iy(r + 1), lk->bg);
		}
	vt_run_flush(b, &run);
}

/*
 * Shapes in the foreground colour: block halves and horizontal arms row
 * by row, then vertical arms column by column, so that a line or a
 * block becomes one rectangle.
 */
static void
vt_svg_shapes(struct vt_buf *b, const struct vt_look *looks, int rows,
    int cols)
{
	const struct vt_look	*lk;
	struct vt_run		 run;
	int			 r, c, half, x0, x1, xm, y0, y1, ym;

	memset(&run, 0, sizeof(run));
	for (r = 0; r < rows; r++) {
		for (half = 0; half < 2; half++)
			for (c = 0; c < cols; c++) {
				lk = &looks[r * cols + c];
				if (!(lk->shape &
				    (half ? VT_SH_BOTTOM : VT_SH_TOP)))
					continue;
				y0 = vt_svg_iy(r) + (half ? VT_SVG_HALF : 0);
				y1 = half ? vt_svg_iy(r + 1) :
				    vt_svg_iy(r) + VT_SVG_HALF;
				vt_run_add(b, &run, vt_svg_ix(c), y0,
				    vt_svg_ix(c + 1), y1, lk->fg);
			}
		ym = vt_svg_iy(r) + VT_SVG_HALF;
		for (c = 0; c < cols; c++) {
			lk = &looks[r * cols + c];
			if (!(lk->shape & VT_SH_HLINE))
				continue;
			xm = vt_svg_ix(c) + (vt_svg_ix(c + 1) -
			    vt_svg_ix(c)) / 2;
			x0 = lk->shape & VT_SH_LEFT ? vt_svg_ix(c) : xm;
			x1 = lk->shape & VT_SH_RIGHT ? vt_svg_ix(c + 1) :
			    xm + 1;
			vt_run_add(b, &run, x0, ym, x1, ym + 1, lk->fg);
		}
	}
	vt_run_flush(b, &run);
	for (c = 0; c < cols; c++) {
		xm = vt_svg_ix(c) + (vt_svg_ix(c + 1) - vt_svg_ix(c)) / 2;
		for (r = 0; r < rows; r++) {
			lk = &looks[r * cols + c];
			if (!(lk->shape & VT_SH_VLINE))
				continue;
			ym = vt_svg_iy(r) + VT_SVG_HALF;
			y0 = lk->shape & VT_SH_UP ? vt_svg_iy(r) : ym;
			y1 = lk->shape & VT_SH_DOWN ? vt_svg_iy(r + 1) :
			    ym + 1;
			vt_run_add(b, &run, xm, y0, xm + 1, y1, lk->fg);
		}
	}
	vt_run_flush(b, &run);
}

/* Whether a cell puts no glyph on the screen as text. */
static int
vt_svg_textless(const VTermScreenCell *cell, const struct vt_look *lk)
{
	return VT_CELL_BLANK(cell) || lk->shape != 0;
}

/*
 * One row of text: a <text> per run of equal style and cell width.
 * Each is given its exact span with textLength (which not every renderer
 * honours; the font's own advance is close to a cell anyway).
 */
static void
vt_svg_text(struct vt *vt, struct vt_buf *b, const VTermScreenCell *cells,
    const struct vt_look *looks, int row, int cols)
{
	uint32_t text[VT_CELL_TEXT_MAX];
	size_t	 k, nt;
	int	 c, start, end, w, blank, i;

	c = 0;
	while (c < cols) {
		if (cells[c].chars[0] == (uint32_t)-1) {
			c++;	/* stray right half of a wide char */
			continue;
		}
		start = c;
		w = VT_CELL_W(&cells[start]);
		blank = 1;
		while (c < cols && cells[c].chars[0] != (uint32_t)-1 &&
		    VT_CELL_W(&cells[c]) == w &&
		    vt_look_same_text(&looks[c], &looks[start])) {
			if (!vt_svg_textless(&cells[c], &looks[c]))
				blank = 0;
			c += w;
		}
		if (c > cols)
			c = cols;
		end = c;
		if (!looks[start].underline && !looks[start].strike) {
			/* Nothing to draw: the background says it all. */
			if (blank)
				continue;
			/* Leading and trailing blanks draw nothing. */
			while (end - w > start &&
			    vt_svg_textless(&cells[end - w], &looks[end - w]))
				end -= w;
			while (start + w < end &&
			    vt_svg_textless(&cells[start], &looks[start]))
				start += w;
		}

		vt_buf_adds(b, "<text");
		vt_svg_tenths(b, "x", VT_SVG_PAD * 10L +
		    (long)start * VT_SVG_CELL_W10);
		vt_buf_printf(b, " y=\"%d\"", vt_svg_iy(row) + VT_SVG_BASELINE);
		vt_svg_tenths(b, "textLength",
		    (long)(end - start) * VT_SVG_CELL_W10);
		if (w > 1) {
			/*
			 * Wide glyphs are about 1em, often from a fallback
			 * font: space them out to two cells rather than
			 * stretch them, also where textLength is ignored.
			 */
			vt_buf_adds(b, " lengthAdjust=\"spacing\"");
			vt_svg_tenths(b, "letter-spacing",
			    2L * VT_SVG_CELL_W10 - 10L * VT_SVG_FONT_PX);
		} else {
			vt_buf_adds(b, " lengthAdjust=\"spacingAndGlyphs\"");
		}
		vt_buf_printf(b, " fill=\"#%06lx\"", looks[start].fg);
		if (looks[start].bold)
			vt_buf_adds(b, " font-weight=\"bold\"");
		if (looks[start].italic)
			vt_buf_adds(b, " font-style=\"italic\"");
		if (looks[start].underline && looks[start].strike)
			vt_buf_adds(b,
			    " text-decoration=\"underline line-through\"");
		else if (looks[start].underline)
			vt_buf_adds(b, " text-decoration=\"underline\"");
		else if (looks[start].strike)
			vt_buf_adds(b, " text-decoration=\"line-through\"");
		vt_buf_adds(b, ">");
		for (i = start; i < end; i += w) {
			if (cells[i].chars[0] == 0 || looks[i].shape != 0) {
				vt_buf_adds(b, w > 1 ? "  " : " ");
				continue;
			}
			nt = vt_cell_text(vt, &cells[i], text,
			    VT_CELL_TEXT_MAX);
			for (k = 0; k < nt; k++)
				vt_svg_char(b, text[k]);
		}
		vt_buf_adds(b, "</text>\n");
	}
}

int
vt_write_svg(struct vt *vt, const char *path)
{
	VTermScreenCell	*cells;
	struct vt_look	*looks;
	VTermPos	 pos;
	struct vt_buf	 b;
	FILE		*fp;
	int		 rows, cols, r, c, w, h, err = 0;
	size_t		 n;

	vt_cluster_settle(vt);
	vterm_get_size(vt->term, &rows, &cols);
	n = (size_t)rows * (size_t)cols;
	cells = vt_xmalloc(n * sizeof(*cells));
	looks = vt_xmalloc(n * sizeof(*looks));
	for (r = 0; r < rows; r++)
		for (c = 0; c < cols; c++) {
			pos.row = r;
			pos.col = c;
			memset(&cells[r * cols + c], 0, sizeof(*cells));
			vterm_screen_get_cell(vt->screen, pos,
			    &cells[r * cols + c]);
			vt_cell_look(vt, &cells[r * cols + c],
			    &looks[r * cols + c]);
		}

	w = vt_svg_ix(cols) + VT_SVG_PAD;
	h = vt_svg_iy(rows) + VT_SVG_PAD;
	memset(&b, 0, sizeof(b));
	vt_buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
	    " height=\"%d\" viewBox=\"0 0 %d %d\"", w, h, w, h);
	vt_buf_printf(&b, " font-family=\"%s\" font-size=\"%dpx\""
	    " shape-rendering=\"crispEdges\" xml:space=\"preserve\">\n",
	    VT_SVG_FONTS, VT_SVG_FONT_PX);
	vt_buf_printf(&b, "<rect width=\"%d\" height=\"%d\" rx=\"6\""
	    " shape-rendering=\"geometricPrecision\" fill=\"#%06lx\"/>\n",
	    w, h, VT_SVG_BG);
	vt_svg_bg(&b, looks, rows, cols);
	vt_svg_shapes(&b, looks, rows, cols);
	for (r = 0; r < rows; r++)
		vt_svg_text(vt, &b, &cells[r * cols], &looks[r * cols], r,
		    cols);
	vt_buf_adds(&b, "</svg>\n");
	free(looks);
	free(cells);

	if ((fp = fopen(path, "w")) == NULL) {
		err = errno;
	} else {
		n = fwrite(b.data, 1, b.len, fp);
		if (n != b.len || ferror(fp))
			err = errno ? errno : EIO;
		if (fclose(fp) != 0 && err == 0)
			err = errno;
	}
	free(b.data);
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}
