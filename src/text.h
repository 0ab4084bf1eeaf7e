/*
 * text: UTF-8 decoding, display width and making untrusted text safe to
 * print.  Data from a YAML file may hold escape sequences, C1 controls,
 * bidirectional overrides or invisible format characters; everything
 * that reaches a terminal or stdout goes through text_sanitize() (or the
 * UI's own cell writer, which uses text_unsafe_at()) first, and each
 * unsafe character becomes one visible stand-in.
 *
 * No curses here: the UI builds on these functions.
 */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>
#include <stdint.h>

struct buf;

#define TEXT_REPLACEMENT	0xFFFDu
#define TEXT_ZWJ		0x200Du	/* zero width joiner */

/*
 * Decode the UTF-8 sequence at s (at most len bytes).  Returns the number
 * of bytes it takes (1 to 4, 0 only when len is 0) and stores the code
 * point in *cp.  A malformed sequence takes 1 byte and decodes to
 * U+FFFD, so a loop over any bytes always advances.
 */
size_t	 text_decode(const char *s, size_t len, uint32_t *cp);

/* Append cp to b as UTF-8. */
void	 text_encode(struct buf *b, uint32_t cp);

/*
 * True for code points that must never reach a terminal as they are: C0
 * controls (tab and newline included), DEL, C1 controls, the line and
 * paragraph separators, and every format character (Unicode category
 * Cf, from utf8proc): the bidirectional marks, embeddings, overrides and
 * isolates, the zero-width space and non-joiner, the word joiner, the
 * byte order mark, the interlinear annotation and tag characters, the
 * soft hyphen.  Each can reorder text, hide it, or show differently from
 * one terminal to the next.  The zero width joiner (U+200D) is the one
 * format character this says is safe: it depends on its neighbours, see
 * text_unsafe_at().
 */
int	 text_is_unsafe(uint32_t cp);

/*
 * Whether the character at byte i of s (len bytes) must be shown as a
 * stand-in: text_is_unsafe() of it, and for the zero width joiner,
 * unless it joins two pictographs as in an emoji ZWJ sequence (👩‍⚕️, a
 * family, a rainbow flag): an Extended_Pictographic character, perhaps
 * with marks that extend it (VS16, a skin tone), the joiner, and another
 * Extended_Pictographic character right after (Unicode's grapheme rule
 * GB11).  A joiner anywhere else would hide in the text it sits in.  i
 * must be the start of a character.
 */
int	 text_unsafe_at(const char *s, size_t len, size_t i);

/* Byte offset of the character that ends just before byte pos of s. */
size_t	 text_prev(const char *s, size_t pos);

/* Number of code points in the first len bytes of s. */
size_t	 text_chars(const char *s, size_t len);

/*
 * The bytes that the first n code points of s take, as text_chars()
 * counts them, with the continuation bytes after the last one; len when
 * the first len bytes hold fewer.  text_chars() of that many bytes is n.
 */
size_t	 text_skip(const char *s, size_t len, size_t n);

/*
 * Append s to b with every unsafe character (text_unsafe_at()) replaced:
 * a newline, tab or carriage return by one space when TEXT_SPACES is
 * set, anything else by U+FFFD (or '?' with TEXT_ASCII).  Malformed UTF-8
 * becomes U+FFFD too.  With TEXT_ASCII, non-ASCII characters that have a
 * common ASCII stand-in (curly quotes, dashes, ellipsis, non-breaking
 * space) get it and the rest become '?'.
 */
#define TEXT_SPACES	0x1
#define TEXT_ASCII	0x2
void	 text_sanitize(struct buf *b, const char *s, size_t len, int flags);

/*
 * text_sanitize() of the bytes [from, to) of s, each character judged
 * among its neighbours in all len bytes of s: a joiner at the edge of a
 * highlighted part may belong to an emoji sequence that crosses it.
 */
void	 text_sanitize_part(struct buf *b, const char *s, size_t len,
	    size_t from, size_t to, int flags);

/*
 * The NUL-terminated s made safe for a message (a file name, which may
 * hold escape sequences and newlines), as text_sanitize() with no flags
 * makes data safe: appended to b, and returned as a pointer into it that
 * is valid until b changes.  The caller frees or resets b.
 */
const char *text_safe(struct buf *b, const char *s);

/*
 * The ASCII stand-in for cp (a string of one to three characters), or
 * NULL when it has none.
 */
const char *text_ascii_standin(uint32_t cp);

/*
 * Display width of one code point in terminal columns: 0 for combining
 * marks and other zero-width characters, 2 for wide (East Asian Wide and
 * Fullwidth, most emoji), 1 otherwise.  Unsafe code points count 1 (they
 * are shown as one replacement character); the zero width joiner counts
 * 0 here, and 1 in text_width() and text_fit() where it is shown (see
 * text_unsafe_at()).  Needs an UTF-8 LC_CTYPE for wcwidth(); falls back
 * to 1 for non-ASCII otherwise.
 */
int	 text_cp_width(uint32_t cp);

/*
 * How the terminal counts columns.  By default every code point on its
 * own, with wcwidth(), as xterm, tmux and most terminals do.  After
 * text_set_graphemes(1), by extended grapheme cluster (UAX #29), as a
 * terminal with DEC private mode 2027 set does (kitty, foot, WezTerm,
 * Contour): a cluster is one glyph of text_cluster()'s width, so that
 * a ZWJ sequence, a flag or an emoji with U+FE0F takes 2 columns, not
 * the sum of its parts.  The UI sets it once the terminal has said which
 * it does; text_width(), text_fit() and text_wrap() follow it.  Only for
 * a UTF-8 locale.
 */
void	 text_set_graphemes(int on);
int	 text_graphemes(void);

/* Code points a cluster holds at most; the rest are clusters of width 0. */
#define TEXT_CLUSTER_MAX	32

/*
 * The first grapheme cluster of s[0, len), by utf8proc: returns the
 * bytes it takes (at least 1 when len > 0) and stores its columns in
 * *width: 2 when it holds a wide character or an emoji presentation
 * selector (U+FE0F) or is a flag (two regional indicators), else the
 * width of its first code point (0 for a mark with no base).  An unsafe
 * code point or a malformed byte is a cluster of its own, as wide as
 * text_cp_width() says, and ends the cluster before it.
 */
size_t	 text_cluster(const char *s, size_t len, int *width);

/*
 * The first glyph of s[0, len) as the terminal counts: a code point
 * (its width by text_cp_width()), or a grapheme cluster (by
 * text_cluster()) under text_set_graphemes(1).  Returns its bytes, at
 * least 1 when len > 0, and stores its columns in *width.
 */
size_t	 text_glyph(const char *s, size_t len, int *width);

/* Display width of a UTF-8 string, counted as the terminal counts. */
size_t	 text_width(const char *s, size_t len);

/*
 * How many bytes of s fit into cols columns without splitting a
 * character, or a grapheme cluster when the terminal counts those
 * (zero-width marks stay with their base).  *used receives the width
 * taken.
 */
size_t	 text_fit(const char *s, size_t len, size_t cols, size_t *used);

/*
 * One line of s word-wrapped to cols columns: returns the bytes the line
 * takes and sets *next to where the following line starts (past the
 * space or newline it broke at).  Breaks at the last space that fits, at
 * a newline, or, for a word longer than the line, inside the word,
 * between characters (grapheme clusters when the terminal counts
 * those); always takes at least one so that a loop over it ends.
 */
size_t	 text_wrap(const char *s, size_t len, size_t cols, size_t *next);

/*
 * One line of a URL wrapped to cols columns, as text_wrap() wraps words:
 * the line ends after a '/', '?', '&' or '-' (the separator stays at its
 * end; never between the two slashes of "//"), at the last one that
 * fits.  A part with none that fits is cut where the line ends, though
 * never so that a separator is left alone on the last line.  Returns
 * the bytes the line takes and sets *next to where the next one starts;
 * always takes at least one character.
 */
size_t	 text_wrap_url(const char *s, size_t len, size_t cols, size_t *next);

/*
 * s[0..len) case-folded, appended to out: Unicode's full case folding,
 * composed (so a precomposed letter and a letter with a combining mark
 * fold alike), and with TEXT_FOLD_MARKS without accents and other marks
 * ("Émile" as "emile"), for ordering.  ASCII is lowered without a
 * table.  Returns 0, or -1 (out unchanged) when s is not UTF-8.
 */
#define TEXT_FOLD_MARKS	0x1
int	 text_fold(struct buf *out, const char *s, size_t len, int flags);

/*
 * Whether the locale's character set is UTF-8 (setlocale() must have
 * run); else text is shown with ASCII stand-ins.
 */
int	 text_locale_utf8(void);

#endif
