/*
 * vt.h - drive a real program in a pseudo-terminal for end-to-end tests.
 *
 * This header owns the public interface of the test terminal: a child
 * process started on a fresh pty, a libvterm screen that interprets
 * everything the child writes, and helpers to type keys, click the mouse,
 * wait for text, inspect cells and snapshot the screen as SVG.  The
 * library is single-threaded and meant only for test programs; it aborts
 * on out-of-memory rather than threading allocation failures through
 * every assertion.
 *
 * Coordinates are 0-based (row, col) cells throughout.  Timeouts are in
 * milliseconds and measured on CLOCK_MONOTONIC.
 */

#ifndef VT_H
#define VT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct vt;

/* Mouse event kinds for vt_mouse(). */
#define VT_PRESS	0
#define VT_RELEASE	1
#define VT_DRAG		2	/* motion, button held (SGR +32) */

/* Code points a vt_cell holds, the ending 0 included. */
#define VT_CELL_CHARS	16

/* Snapshot of one screen cell, see vt_cell(). */
struct vt_cell {
	uint32_t	ch[VT_CELL_CHARS];	/* base + combining, or a
					 * grapheme cluster; 0-ended */
	int		width;		/* 1, 2 wide, 0 right half */
	int		bold, underline, reverse, italic;
	int		fg_default, bg_default;
	uint8_t		fg_r, fg_g, fg_b, bg_r, bg_g, bg_b;
	int		fg_index, bg_index;	/* palette index or -1 */
};

/* Milliseconds on CLOCK_MONOTONIC, the clock of every timeout here. */
int64_t		 vt_now_ms(void);

/*
 * Start argv[0] (looked up on PATH like execvp) on a new pty of rows x cols
 * with environment envp (NULL: inherit ours).  The child is a session
 * leader with the pty as controlling terminal.  Returns NULL with errno
 * set if the pty, the fork or the exec fails (exec errors are reported
 * back from the child, e.g. ENOENT).
 */
struct vt	*vt_spawn(char *const argv[], char *const envp[], int rows,
		    int cols);

/*
 * Write bytes to the child's input, retrying on partial writes and
 * EAGAIN.  While the pty input queue is full, the child's output keeps
 * being collected so neither side can deadlock.  Gives up (with a note on
 * stderr) if the child reads nothing for 10 seconds; silently does
 * nothing once the child has closed the pty.
 */
void		 vt_send(struct vt *, const char *bytes, size_t len);

/* vt_send() for a NUL-terminated string. */
void		 vt_sends(struct vt *, const char *s);

/* Type the character c (a Unicode code point) as UTF-8. */
void		 vt_send_char(struct vt *, uint32_t c);

/*
 * Type a named key the way xterm does.  Names: Up Down Left Right Home
 * End PgUp PgDn Ins Del Enter Esc Tab BTab Backspace Space F1..F12,
 * C-a..C-z, C-@ C-[ C-\ C-] C-^ C-_, and M-x (ESC prefix) for any single
 * printable ASCII x.  Cursor keys, Home and End honour the application
 * cursor mode the program selected (DECCKM, e.g. ncurses keypad()):
 * ESC [ A normally, ESC O A in application mode.  Aborts on an unknown
 * name, since that is a bug in the test.
 */
void		 vt_key(struct vt *, const char *name);

/*
 * Report a mouse event at cell (row, col) in SGR 1006 encoding:
 * ESC [ < b ; col+1 ; row+1 M (press, drag) or m (release).  button is
 * 0 left, 1 middle, 2 right, 64/65 wheel up/down (press only: a wheel
 * release sends nothing).  VT_DRAG adds 32 to the button code.
 */
void		 vt_mouse(struct vt *, int type, int button, int row,
		    int col);

/*
 * Wait up to timeout_ms (negative: forever) for output, read everything
 * available, feed it to the screen and forward the terminal's replies
 * (DA, DSR, ...) to the child.  Returns 1 if new bytes arrived, 0 on
 * timeout, -1 once the child side of the pty is closed and drained.
 */
int		 vt_pump(struct vt *, int timeout_ms);

/* Pump until some row contains utf8.  1 found, 0 timeout or child gone. */
int		 vt_wait_text(struct vt *, const char *utf8, int timeout_ms);

/* Pump until no row contains utf8.  1 gone, 0 timeout. */
int		 vt_wait_gone(struct vt *, const char *utf8, int timeout_ms);

/*
 * Pump until nothing has arrived for quiet_ms.  The quiet window starts
 * no earlier than the call, so "send a key, then wait for quiet" always
 * gives the program quiet_ms to react.  1 quiet (or the child closed the
 * pty), 0 timeout.
 */
int		 vt_wait_quiet(struct vt *, int quiet_ms, int timeout_ms);

/*
 * Row as UTF-8: one character per cell (wide characters once), empty
 * cells as spaces, trailing spaces trimmed.  Out-of-range rows give "".
 * The caller frees the string.
 */
char		*vt_row(struct vt *, int row);

/* All rows as by vt_row(), joined with '\n'.  The caller frees it. */
char		*vt_screen(struct vt *);

/*
 * Find the first occurrence of utf8 on a single row, scanning rows top
 * down.  Sets *row and the cell column *col (either may be NULL).
 * Returns 1 if found, 0 if not.
 */
int		 vt_find(struct vt *, const char *utf8, int *row, int *col);

/*
 * Fill *cell with the contents and attributes of (row, col).  Colours
 * are given both as RGB (libvterm's palette; the default colours are
 * flagged by fg_default/bg_default) and as palette index, -1 for direct
 * RGB or default colours.  The right half of a wide character has
 * width 0 and no characters.  Returns 0, or -1 if out of range.
 */
int		 vt_cell(struct vt *, int row, int col,
		    struct vt_cell *cell);

/*
 * Make the terminal one that counts by grapheme cluster (DEC private
 * mode 2027), as kitty, foot, WezTerm or Contour do, or not; call it
 * right after vt_spawn(), before the first vt_pump().  answer is what
 * DECRQM for mode 2027 (CSI ? 2027 $ p) gets: -1 (the default) no answer
 * at all, as from xterm or libvterm itself, which then answer the DA1
 * that follows; 0 "not recognised"; 1 or 2 "set" or "reset", switched by
 * CSI ? 2027 h and l; 3 or 4 "permanently set" or "reset".  While the
 * mode is set, each extended grapheme cluster (UAX #29, by utf8proc) of
 * the child's text takes one cell, 2 columns wide when it holds a wide
 * character or U+FE0F or is a flag, else as wide as its first code point;
 * the cell's text (vt_cell, vt_row) is the whole cluster.
 */
void		 vt_set_graphemes(struct vt *, int answer);

/* Whether the terminal counts by grapheme cluster at the moment. */
int		 vt_graphemes(struct vt *);

/* Current size of the screen; either pointer may be NULL. */
void		 vt_size(struct vt *, int *rows, int *cols);

/* Current cursor position; either pointer may be NULL. */
void		 vt_cursor(struct vt *, int *row, int *col);

/*
 * Resize the screen and the pty.  The kernel delivers SIGWINCH to the
 * child's foreground process group.
 */
void		 vt_resize(struct vt *, int rows, int cols);

/*
 * Tell the child the terminal is rows x cols (1 to 65535 each) while the
 * screen keeps its own size, as a client that claims a window larger than
 * the one it shows: the pty is resized, the kernel sends SIGWINCH, and
 * libvterm goes on with what it had (cells written outside it are lost).
 */
void		 vt_report_size(struct vt *, int rows, int cols);

/*
 * Pump output and wait up to timeout_ms for the child to exit.  Returns
 * 1 with the raw wait status in *status (may be NULL) once it has exited,
 * draining whatever output it left behind; 0 on timeout.
 */
int		 vt_wait_exit(struct vt *, int timeout_ms, int *status);

/* Send signal sig to the child, unless it has already been reaped. */
void		 vt_kill(struct vt *, int sig);

/*
 * Every byte the child has written so far (also the not yet pumped ones
 * collected while sending), NUL-terminated for convenience; the length
 * goes to *len if len is not NULL.  Valid until the next call on vt.
 */
const char	*vt_output(struct vt *, size_t *len);

/*
 * The pty's master side, for a caller that waits on many terminals in
 * one poll(2): readable means vt_pump() has output to take.  Owned by
 * vt; never read it directly.
 */
int		 vt_fd(struct vt *);

/* The child's process id. */
pid_t		 vt_pid(struct vt *);

/*
 * SIGKILL the child (and its process group) if it has not been reaped,
 * reap it, close the pty and free everything.  NULL is a no-op.
 */
void		 vt_free(struct vt *);

/*
 * Render the screen to path as an SVG (8.4 x 17 px cells, 14px monospace,
 * default colours #d0d0d0 on #1c1c1c).  Output depends only on the screen
 * contents.  Returns 0, or -1 with errno set.
 */
int		 vt_write_svg(struct vt *, const char *path);

#endif /* VT_H */
