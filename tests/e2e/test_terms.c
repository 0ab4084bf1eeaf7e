/*
 * test_terms.c - end-to-end tests of the browser against what surrounds
 * it: the terminal types it must draw on, the colours it sets, and the
 * programs it starts to open a website.
 *
 * Terminals: under each TERM of a list that runs from xterm-256color to
 * vt100, the browser starts, draws the list and the description, finds
 * an ally, and quits leaving the terminal as it found it: every reset
 * string that type's terminfo entry has (rmcup, cnorm, rmkx) is written
 * after the quit, and the attributes end at their defaults.
 *
 * Colours: every foreground and background the program sets is read back
 * from the raw bytes it writes (its SGR sequences) while it shows each of
 * its screens, and each colour of text must hold a contrast of 4.5:1 or
 * more (WCAG 2 relative luminance, xterm's standard palette) against a
 * white and a black terminal, or against the background set with it;
 * and so for each theme a configuration file can choose.
 *
 * Openers: a fake opener records its arguments, one a line, and whether
 * its standard input is a terminal; the configuration's opener before
 * BROWSER, given the terminal or not as it says; each form of BROWSER,
 * xdg-open when BROWSER is unset, with and without a graphical session,
 * with the data on standard input, and the kiosk (which must run none).
 * SIGTERM while a terminal browser runs ends both and restores the
 * terminal; ^Z in one that no shell can continue lets it go on.
 *
 * The program under test is $SMA_ALLIES_BIN (default
 * build/asan/sma-allies); each test runs in its own temporary folder,
 * with its fake programs first on PATH.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e/e2e.h"

#define T_WAIT		8000
#define FIRST_URL	"https://www.aafp.org/"
#define MIN_CONTRAST	4.5
#define nitems_of(a)	(sizeof(a) / sizeof((a)[0]))

static struct vt *t_vt;
static char *t_dir;
static char t_bin[4096];
static const char *t_config_env;	/* XDG_CONFIG_HOME=..., or NULL */
static const char *t_theme;		/* the theme it chooses */

/* ---- setup ---- */

static int
setup(void **state)
{
	(void)state;
	t_config_env = NULL;
	/* Freed by e2e_release() at teardown. */
	if ((t_dir = e2e_keep(e2e_tmpdir("sma-terms"))) == NULL ||
	    mkdir(e2e_fmt("%s/bin", t_dir), 0755) == -1)
		return -1;
	return 0;
}

/* End the program now (if it runs) and forget it. */
static void
stop(void)
{
	vt_free(t_vt);
	t_vt = NULL;
}

static int
teardown(void **state)
{
	(void)state;
	stop();
	e2e_rmtree(t_dir);
	e2e_release();
	t_dir = NULL;
	return 0;
}

/* ---- the program ---- */

/*
 * Start prog (the browser, or a shell that starts it) on a rows x cols
 * terminal of type term, with args and env ("NAME=value", or "NAME" to remove it) added to a fixed
 * environment: no graphical session, no BROWSER, the test's bin folder
 * first on PATH.
 */
static void
start_as(const char *prog, const char *term, const char *const *env,
    const char *const *args, int rows, int cols)
{
	struct e2e_env e;
	size_t i;

	e2e_env_init(&e);
	e2e_env_putf(&e, "TERM=%s", term);
	e2e_env_putf(&e, "HOME=%s", t_dir);
	e2e_env_putf(&e, "PATH=%s/bin:/usr/bin:/bin", t_dir);
	/*
	 * For TERM=linux ncurses loads GPM for the console's mouse, which
	 * leaks a few bytes when no gpm daemon answers; a pty has no
	 * console mouse, so GPM is not asked.
	 */
	e2e_env_put(&e, "NCURSES_GPM_TERMS=");
	e2e_env_sanitizers(&e);
	for (i = 0; env != NULL && env[i] != NULL; i++)
		e2e_env_put(&e, env[i]);
	stop();
	t_vt = e2e_spawn(prog, args, &e, rows, cols);
	e2e_env_free(&e);
	if (t_vt == NULL)
		fail_msg("cannot start %s: %s", prog, strerror(errno));
}

static void
start(const char *term, const char *const *env, const char *const *args,
    int rows, int cols)
{
	start_as(t_bin, term, env, args, rows, cols);
}

/* Wait until s is on the screen (shown 1) or no longer is (shown 0). */
static void
want_screen(const char *s, int shown, int line)
{
	if (shown ? vt_wait_text(t_vt, s, T_WAIT) :
	    vt_wait_gone(t_vt, s, T_WAIT))
		return;
	e2e_dump(t_vt, s);
	fail_msg("line %d: \"%s\" %s", line, s, shown ? "never showed" :
	    "stayed");
}
#define WANT(s)		want_screen((s), 1, __LINE__)
#define WANT_GONE(s)	want_screen((s), 0, __LINE__)

static void
settle(void)
{
	vt_wait_quiet(t_vt, 80, T_WAIT);
}

/* The program ends with status 0 and no sanitizer report. */
static void
want_clean_exit(int line, int timeout_ms)
{
	const char *why = e2e_exit_why(t_vt, timeout_ms), *out;

	out = vt_output(t_vt, NULL);
	if (e2e_sanitizer_report(out) != NULL)
		fail_msg("line %d: %s", line, e2e_sanitizer_report(out));
	if (why != NULL) {
		e2e_dump(t_vt, why);
		fail_msg("line %d: %s", line, why);
	}
}

/* Press q and expect a clean exit. */
static void
quit(int line)
{
	vt_sends(t_vt, "q");
	want_clean_exit(line, T_WAIT);
}
#define QUIT()		quit(__LINE__)

/* ---- what the program wrote ---- */

/* A colour as set by SGR: the terminal's default, a palette index, RGB. */
struct colour {
	int	 kind;			/* COL_DEFAULT, COL_INDEX, COL_RGB */
	long	 v;			/* index, or 0xRRGGBB */
};
#define COL_DEFAULT	0
#define COL_INDEX	1
#define COL_RGB		2

/* The rendition text is written in. */
struct rendition {
	struct colour	 fg, bg;
	int		 bold, reverse;
};

/* Every distinct rendition text was written in, with where it first was. */
struct renditions {
	struct rendition v[256];
	size_t		 at[256];	/* offset in the output */
	size_t		 n;
	struct rendition last;		/* at the end of the output */
};

/* An SGR colour that takes more parameters: 38;5;N or 38;2;R;G;B. */
static size_t
sgr_extended(const long *p, size_t n, size_t i, struct colour *c)
{
	if (i + 2 < n && p[i + 1] == 5) {
		c->kind = COL_INDEX;
		c->v = p[i + 2];
		return i + 2;
	}
	if (i + 4 < n && p[i + 1] == 2) {
		c->kind = COL_RGB;
		c->v = (p[i + 2] & 255) << 16 | (p[i + 3] & 255) << 8 |
		    (p[i + 4] & 255);
		return i + 4;
	}
	return n;
}

/* Apply the parameters of one SGR sequence (CSI ... m). */
static void
sgr_apply(struct rendition *r, const char *s, size_t len)
{
	long p[32];
	size_t n = 0, i;

	p[0] = 0;
	for (i = 0; i < len && n < 32; i++) {
		if (s[i] == ';' || s[i] == ':') {
			p[++n] = 0;
			continue;
		}
		p[n] = p[n] * 10 + (s[i] - '0');
	}
	n++;
	for (i = 0; i < n && i < 32; i++) {
		if (p[i] == 0)
			memset(r, 0, sizeof(*r));
		else if (p[i] == 1)
			r->bold = 1;
		else if (p[i] == 22)
			r->bold = 0;
		else if (p[i] == 7)
			r->reverse = 1;
		else if (p[i] == 27)
			r->reverse = 0;
		else if (p[i] >= 30 && p[i] <= 37)
			r->fg = (struct colour){ COL_INDEX, p[i] - 30 };
		else if (p[i] >= 90 && p[i] <= 97)
			r->fg = (struct colour){ COL_INDEX, p[i] - 90 + 8 };
		else if (p[i] >= 40 && p[i] <= 47)
			r->bg = (struct colour){ COL_INDEX, p[i] - 40 };
		else if (p[i] >= 100 && p[i] <= 107)
			r->bg = (struct colour){ COL_INDEX, p[i] - 100 + 8 };
		else if (p[i] == 39)
			r->fg.kind = COL_DEFAULT;
		else if (p[i] == 49)
			r->bg.kind = COL_DEFAULT;
		else if (p[i] == 38)
			i = sgr_extended(p, n, i, &r->fg);
		else if (p[i] == 48)
			i = sgr_extended(p, n, i, &r->bg);
	}
}

static void
rendition_note(struct renditions *rs, const struct rendition *r, size_t at)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (memcmp(&rs->v[i], r, sizeof(*r)) == 0)
			return;
	if (rs->n < nitems_of(rs->v)) {
		rs->v[rs->n] = *r;
		rs->at[rs->n++] = at;
	}
}

/*
 * Read len bytes of terminal output: escape sequences change or skip,
 * every visible character (not a blank) notes the rendition it is
 * written in.
 */
static void
renditions_scan(struct renditions *rs, const char *out, size_t len)
{
	const unsigned char *s = (const unsigned char *)out;
	struct rendition r;
	size_t i = 0, start;

	memset(rs, 0, sizeof(*rs));
	memset(&r, 0, sizeof(r));
	while (i < len) {
		if (s[i] == 0x1b && i + 1 < len && s[i + 1] == '[') {
			start = i += 2;
			while (i < len && s[i] >= 0x20 && s[i] < 0x40)
				i++;
			/* Not a private one (CSI ? ... m, CSI > ... m). */
			if (i < len && s[i] == 'm' && (i == start ||
			    (s[start] >= '0' && s[start] <= ';')))
				sgr_apply(&r, out + start, i - start);
			i++;
		} else if (s[i] == 0x1b && i + 1 < len && (s[i + 1] == ']' ||
		    s[i + 1] == 'P' || s[i + 1] == '_' || s[i + 1] == '^')) {
			/* A string, up to BEL or ST. */
			for (i += 2; i < len && s[i] != 0x07 &&
			    !(s[i] == 0x1b && i + 1 < len && s[i + 1] == '\\');
			    i++)
				;
			i += i < len && s[i] == 0x1b ? 2 : 1;
		} else if (s[i] == 0x1b) {
			/* ESC, intermediates, final: a charset, a mode. */
			for (i++; i < len && s[i] >= 0x20 && s[i] < 0x30; i++)
				;
			i++;
		} else if (s[i] <= 0x20 || s[i] == 0x7f ||
		    (s[i] >= 0x80 && s[i] < 0xc0))
			i++;
		else
			rendition_note(rs, &r, i++);
	}
	rs->last = r;
}

/* xterm's standard palette: 16 colours, the 6x6x6 cube, 24 greys. */
static long
xterm_rgb(long idx)
{
	static const long base[16] = {
		0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd,
		0x00cdcd, 0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
		0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff
	};
	static const long level[6] = { 0, 95, 135, 175, 215, 255 };
	long g;

	if (idx < 16)
		return base[idx < 0 ? 0 : idx];
	if (idx < 232) {
		idx -= 16;
		return level[idx / 36] << 16 | level[idx / 6 % 6] << 8 |
		    level[idx % 6];
	}
	g = 8 + 10 * (idx - 232);
	return g << 16 | g << 8 | g;
}

/* WCAG 2 relative luminance of 0xRRGGBB. */
static double
luminance(long rgb)
{
	static const double weight[3] = { 0.2126, 0.7152, 0.0722 };
	double c, l = 0;
	int i;

	for (i = 0; i < 3; i++) {
		c = (double)(rgb >> (16 - 8 * i) & 255) / 255;
		c = c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
		l += weight[i] * c;
	}
	return l;
}

static double
contrast(long a, long b)
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/*
 * The colours a side of a rendition can show as, into out (at most 2):
 * the default is white or black, whichever the terminal has; bold text
 * in one of the first 8 colours is shown bright by xterm.
 */
static size_t
shades(const struct colour *c, int bold, long out[2])
{
	if (c->kind == COL_DEFAULT) {
		out[0] = 0xffffff;
		out[1] = 0x000000;
		return 2;
	}
	if (c->kind == COL_RGB) {
		out[0] = c->v;
		return 1;
	}
	out[0] = xterm_rgb(c->v);
	if (bold && c->v < 8) {
		out[1] = xterm_rgb(c->v + 8);
		return 2;
	}
	return 1;
}

/*
 * The lowest contrast text in r can have, or 0 when both of its colours
 * are the terminal's own (whatever they are, they are its user's).
 */
static double
rendition_contrast(const struct rendition *r)
{
	long fg[2], bg[2];
	size_t nf, nb, i, j;
	double low = 1e9, c;

	if (r->fg.kind == COL_DEFAULT && r->bg.kind == COL_DEFAULT)
		return 0;
	nf = shades(&r->fg, r->bold, fg);
	nb = shades(&r->bg, 0, bg);
	for (i = 0; i < nf; i++)
		for (j = 0; j < nb; j++)
			if ((c = contrast(fg[i], bg[j])) < low)
				low = c;
	return low;
}

static const char *
colour_name(const struct colour *c)
{
	if (c->kind == COL_DEFAULT)
		return "default";
	if (c->kind == COL_RGB)
		return e2e_fmt("#%06lx", c->v);
	return e2e_fmt("%ld (#%06lx)", c->v, xterm_rgb(c->v));
}

/*
 * Every rendition of text in the output holds MIN_CONTRAST; with mono,
 * none sets a colour at all.  Fails after naming each that does not,
 * with the text first written in it.
 */
static void
check_renditions(const char *what, int mono)
{
	struct renditions rs;
	const char *out;
	size_t len, i, bad = 0;
	double c;

	out = vt_output(t_vt, &len);
	renditions_scan(&rs, out, len);
	assert_true(rs.n > 0);
	for (i = 0; i < rs.n; i++) {
		c = rendition_contrast(&rs.v[i]);
		if ((mono && c > 0) || (!mono && c > 0 && c < MIN_CONTRAST)) {
			fprintf(stderr, "%s: text in %s on %s%s (contrast "
			    "%.2f:1 at worst) at byte %zu: \"%.20s\"\n", what,
			    colour_name(&rs.v[i].fg),
			    colour_name(&rs.v[i].bg),
			    rs.v[i].bold ? ", bold" : "", c, rs.at[i],
			    out + rs.at[i]);
			bad++;
		}
	}
	if (bad > 0)
		fail_msg("%s: %zu of %zu renditions of text are not readable "
		    "on both a white and a black background", what, bad, rs.n);
	printf("# %s: %zu renditions of text, all readable:", what, rs.n);
	for (i = 0; i < rs.n; i++)
		printf(" %s/%s%s%s", colour_name(&rs.v[i].fg),
		    colour_name(&rs.v[i].bg), rs.v[i].bold ? "/bold" : "",
		    rs.v[i].reverse ? "/reverse" : "");
	printf("\n");
}

/*
 * A theme that paints its own background leaves no text in the
 * terminal's colours: each rendition sets both, or the theme was not
 * used.
 */
static void
check_painted(const char *what)
{
	struct renditions rs;
	const char *out;
	size_t len, i;

	out = vt_output(t_vt, &len);
	renditions_scan(&rs, out, len);
	for (i = 0; i < rs.n; i++)
		if (rs.v[i].fg.kind == COL_DEFAULT ||
		    rs.v[i].bg.kind == COL_DEFAULT)
			fail_msg("%s: text in the terminal's own colours at byte "
			    "%zu: \"%.20s\"", what, rs.at[i], out + rs.at[i]);
}

/* A terminfo string of term, as tput prints it; "" if it has none. */
static const char *
terminfo(const char *term, const char *cap)
{
	const char *const args[] = { "-T", term, cap, NULL };
	char *out;
	int st = e2e_run("/usr/bin/tput", args, NULL, 0, &out);

	if (out == NULL)
		fail_msg("cannot run tput: %s", strerror(errno));
	e2e_keep(out);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? out : "";
}

/* Does s[0, len) hold the string needle? */
static int
holds(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return 1;
	return 0;
}

/*
 * After byte mark of the output, the terminal was put back: each reset
 * string term has was written, and the rendition ends at the defaults.
 */
static void
check_restored(const char *term, size_t mark, int line)
{
	static const char *const caps[] = { "rmcup", "cnorm", "rmkx" };
	struct renditions rs;
	const char *out, *cap;
	size_t len, i;

	out = vt_output(t_vt, &len);
	assert_true(mark <= len);
	for (i = 0; i < nitems_of(caps); i++) {
		cap = terminfo(term, caps[i]);
		if (*cap != '\0' && !holds(out + mark, len - mark, cap))
			fail_msg("line %d: TERM=%s: no %s after the end", line,
			    term, caps[i]);
	}
	renditions_scan(&rs, out, len);
	if (rs.last.fg.kind != COL_DEFAULT || rs.last.bg.kind != COL_DEFAULT ||
	    rs.last.bold || rs.last.reverse)
		fail_msg("line %d: TERM=%s: attributes left set at the end",
		    line, term);
}

/* ---- tests: terminal types ---- */

static const char *const terms[] = {
	"xterm-256color", "xterm", "screen-256color", "tmux-256color",
	"linux", "vt100", "vt220", "ansi"
};

/*
 * Under each TERM: the list and the description are drawn, a search
 * finds the one ally it should, and q leaves the terminal restored.
 */
static void
test_each_term(void **state)
{
	size_t i, mark;

	(void)state;
	for (i = 0; i < nitems_of(terms); i++) {
		if (*terminfo(terms[i], "cup") == '\0')
			fail_msg("no terminfo entry for %s: install "
			    "ncurses-term", terms[i]);
		printf("# TERM=%s\n", terms[i]);
		start(terms[i], NULL, NULL, 24, 80);
		WANT("12 allies");
		WANT("The American Academy of Family");
		WANT("Description");
		WANT("Website: " FIRST_URL);
		WANT("The Camden Coalition");
		vt_sends(t_vt, "/nurs");
		WANT_GONE("The Camden Coalition");
		WANT("The Organization for Associate Degree Nursing");
		WANT("Website: https://oadn.org/");
		vt_key(t_vt, "Enter");
		WANT("/nurs/");
		settle();
		vt_output(t_vt, &mark);
		QUIT();
		check_restored(terms[i], mark, __LINE__);
		stop();
	}
}

/* ---- tests: colours ---- */

/*
 * The browser's screens under term with env0 (or NULL) added: both pane
 * headers focused, matches in both panes, an error in the bar and on the
 * status line, About, help, and the website as a hyperlink.
 */
static void
visit_browser(const char *term, const char *env0)
{
	const char *env[5] = { "BROWSER=/nonexistent/browser",
	    "TERM_PROGRAM=WezTerm" };
	size_t n = 2;

	if (env0 != NULL)
		env[n++] = env0;
	if (t_config_env != NULL)
		env[n++] = t_config_env;
	env[n] = NULL;

	start(term, env, NULL, 30, 100);
	WANT("12 allies");
	vt_key(t_vt, "Tab");
	settle();
	vt_key(t_vt, "Tab");
	vt_sends(t_vt, "/health");
	WANT("/health");
	settle();
	vt_key(t_vt, "Enter");
	vt_sends(t_vt, "/(");
	WANT("missing closing parenthesis");
	vt_key(t_vt, "Esc");
	/* A key within the escape delay would be Alt-o. */
	settle();
	vt_sends(t_vt, "o");
	WANT("not found");
	vt_sends(t_vt, "a");
	WANT("Become an Ally");
	vt_key(t_vt, "Esc");
	settle();
	vt_sends(t_vt, "?");
	WANT("this help");
	vt_sends(t_vt, "G");
	WANT("(100%)");
	vt_key(t_vt, "Esc");
	settle();
}

/* The kiosk's screens: its first screen and a website's QR code. */
static void
visit_kiosk(const char *term, const char *env0)
{
	const char *const env[] = { env0, NULL };
	const char *const args[] = { "--kiosk", NULL };

	start(term, env, args, 30, 100);
	WANT("12 allies");
	vt_key(t_vt, "Enter");
	WANT("any key closes");
	settle();
}

static void
contrast_under(const char *term, const char *env0, int mono)
{
	const char *what = e2e_fmt("TERM=%s%s%s%s%s", term, env0 != NULL ?
	    " " : "", env0 != NULL ? env0 : "", t_config_env != NULL ?
	    ", theme " : "", t_config_env != NULL ? t_theme : "");

	visit_browser(term, env0);
	check_renditions(e2e_fmt("%s, browser", what), mono);
	if (!mono && t_config_env != NULL && strcmp(t_theme, "default") != 0)
		check_painted(e2e_fmt("%s, browser", what));
	QUIT();
	visit_kiosk(term, env0);
	check_renditions(e2e_fmt("%s, kiosk", what), mono);
	vt_kill(t_vt, SIGTERM);
	want_clean_exit(__LINE__, T_WAIT);
}

static void
test_contrast_256(void **state)
{
	(void)state;
	contrast_under("xterm-256color", NULL, 0);
}

static void
test_contrast_8(void **state)
{
	(void)state;
	contrast_under("xterm", NULL, 0);
}

/* NO_COLOR: no colour is set at all, under either. */
static void
test_contrast_mono(void **state)
{
	(void)state;
	contrast_under("xterm-256color", "NO_COLOR=1", 1);
	contrast_under("xterm", "NO_COLOR=1", 1);
}

/*
 * The same checks with each theme a configuration can choose: the
 * light and dark ones paint their own background, and every text must
 * read on it; with NO_COLOR neither sets any colour.
 */
static void
test_contrast_themes(void **state)
{
	static const char *const themes[] = { "light", "dark", "default" };
	const char *dir = e2e_fmt("%s/cfg", t_dir);
	const char *file = e2e_fmt("%s/sma-allies/config.yaml", dir);
	const char *yaml;
	size_t i;

	(void)state;
	if (mkdir(dir, 0755) < 0 || mkdir(e2e_fmt("%s/sma-allies", dir),
	    0755) < 0)
		fail_msg("%s: %s", dir, strerror(errno));
	t_config_env = e2e_fmt("XDG_CONFIG_HOME=%s", dir);
	for (i = 0; i < nitems_of(themes); i++) {
		t_theme = themes[i];
		yaml = e2e_fmt("theme: %s\n", themes[i]);
		if (e2e_write_file(file, yaml, strlen(yaml), 0644, 1) != 0)
			fail_msg("%s: %s", file, strerror(errno));
		contrast_under("xterm-256color", NULL, 0);
		contrast_under("xterm", NULL, 0);
		contrast_under("xterm-256color", "NO_COLOR=1", 1);
		contrast_under("xterm", "NO_COLOR=1", 1);
	}
	t_config_env = NULL;
}

/* ---- tests: opening a website ---- */

/* A NULL-ended list of strings. */
#define T_LIST(...)	((const char *const []){ __VA_ARGS__, NULL })

#define GRAPHICAL	"DISPLAY=:7"

/* Where a fake opener records what it was given. */
static const char *
record_path(void)
{
	return e2e_fmt("%s/argv", t_dir);
}

/* A shell script at bin/name; returns its path. */
static const char *
script(const char *name, const char *body)
{
	const char *path = e2e_fmt("%s/bin/%s", t_dir, name);
	const char *text = e2e_fmt("#!/bin/sh\n%s", body);

	if (e2e_write_file(path, text, strlen(text), 0755, 1) != 0)
		fail_msg("%s: %s", path, strerror(errno));
	return path;
}

/*
 * A fake opener at bin/name: writes its arguments, one a line, then
 * whether its standard input is a terminal, to record_path(); on a
 * terminal it then shows a line and waits for Enter, as a terminal
 * browser would.  Returns its path.
 */
static const char *
fake_opener(const char *name)
{
	const char *rec = record_path();

	return script(name, e2e_fmt(
	    "{ for a in \"$@\"; do printf '%%s\\n' \"$a\"; done\n"
	    "  if [ -t 0 ]; then echo 'stdin: tty'; "
	    "else echo 'stdin: not a tty'; fi\n"
	    "} > '%s.part'\n"
	    "mv '%s.part' '%s'\n"
	    "if [ -t 0 ]; then echo 'FAKE OPENER running'; read line; fi\n",
	    rec, rec, rec));
}

/*
 * Start prog with args (NULL: the browser alone) and env, press o on the
 * first ally, and expect the opener to be given exactly want (one
 * argument a line) and, with tty, the terminal as its input (else to run
 * detached, the screen left as it is).
 */
static void
check_open(const char *prog, const char *const *args,
    const char *const *env, const char *want, int tty, int line)
{
	const char *rec = record_path(), *whole;
	char *got;

	start_as(prog, "xterm-256color", env, args, 30, 100);
	WANT("12 allies");
	WANT("Website: " FIRST_URL);
	settle();
	vt_sends(t_vt, "o");
	if (!e2e_wait_file(t_vt, rec, T_WAIT)) {
		e2e_dump(t_vt, "no opener");
		fail_msg("line %d: the opener never ran", line);
	}
	got = e2e_keep(e2e_slurp(rec, NULL));
	whole = e2e_fmt("%s%s", want, tty ? "stdin: tty\n" :
	    "stdin: not a tty\n");
	if (got == NULL || strcmp(got, whole) != 0) {
		fprintf(stderr, "opener's arguments:\n got: [%s]\nwant: [%s]\n",
		    got != NULL ? got : "(none)", whole);
		fail_msg("line %d: the opener was not given what it should",
		    line);
	}
	if (tty) {
		WANT("FAKE OPENER running");
		assert_false(vt_find(t_vt, "12 allies", NULL, NULL));
		vt_key(t_vt, "Enter");
		WANT("12 allies");
		WANT("Back from");
		WANT_GONE("FAKE OPENER");
	} else {
		WANT("Opening " FIRST_URL);
		assert_false(vt_find(t_vt, "FAKE OPENER", NULL, NULL));
	}
	settle();
	QUIT();
	unlink(rec);
}
#define CHECK_OPEN(env, want, tty) \
	check_open(t_bin, NULL, (env), (want), (tty), __LINE__)

/*
 * The forms of BROWSER: before, the fake opener's path and after make
 * its value, want is what the opener is given.
 */
static void
test_open_forms(void **state)
{
	static const struct {
		const char	*what, *before, *after, *want;
	} forms[] = {
		{ "%s is where the URL goes, the other words stay in place",
		    "", " --new-window %s --private",
		    "--new-window\n" FIRST_URL "\n--private\n" },
		{ "without %s the URL comes last; runs of blanks separate",
		    "", " -a \t -b ", "-a\n-b\n" FIRST_URL "\n" },
		{ "a list: the first command that can be found wins",
		    "/nonexistent/first %s::no-such-browser-here:",
		    " --second", "--second\n" FIRST_URL "\n" },
	};
	const char *br;
	size_t i;

	(void)state;
	br = fake_opener("gui");
	for (i = 0; i < nitems_of(forms); i++) {
		printf("# %s\n", forms[i].what);
		CHECK_OPEN(T_LIST(GRAPHICAL, e2e_fmt("BROWSER=%s%s%s",
		    forms[i].before, br, forms[i].after)), forms[i].want, 0);
	}
}

/* A configuration file holding yaml, and the setting that points to it. */
static const char *
config_env(const char *yaml)
{
	const char *dir = e2e_fmt("%s/cfg", t_dir);
	const char *file = e2e_fmt("%s/sma-allies/config.yaml", dir);

	mkdir(dir, 0755);
	mkdir(e2e_fmt("%s/sma-allies", dir), 0755);
	if (e2e_write_file(file, yaml, strlen(yaml), 0644, 1) != 0)
		fail_msg("%s: %s", file, strerror(errno));
	return e2e_fmt("XDG_CONFIG_HOME=%s", dir);
}

/*
 * The configuration's opener comes before BROWSER, with its words as
 * given; terminal: true gives it the terminal even in a graphical
 * session, false detaches it even without one; one that is not there is
 * said on the status line.
 */
static void
test_open_configured(void **state)
{
	const char *env;

	(void)state;
	fake_opener("cfg-open");
	env = config_env("opener:\n  command: [cfg-open, --url, \"%s\", "
	    "\"two words\"]\n  terminal: true\n");
	CHECK_OPEN(T_LIST(GRAPHICAL, env, e2e_fmt("BROWSER=%s",
	    fake_opener("env-open"))), "--url\n" FIRST_URL "\ntwo words\n", 1);
	env = config_env("opener: {command: \"cfg-open  -x\", terminal: "
	    "false}\n");
	CHECK_OPEN(T_LIST(env), "-x\n" FIRST_URL "\n", 0);
	env = config_env("opener: {command: no-such-opener}\n");
	start("xterm-256color", T_LIST(env), NULL, 30, 100);
	WANT("Website: " FIRST_URL);
	settle();
	vt_sends(t_vt, "o");
	WANT("no-such-opener, the configuration's opener, not found");
	QUIT();
}

/* Twenty words and more, %s after the twentieth: every one is passed. */
static void
test_open_many_words(void **state)
{
	char cmd[256], want[256];
	size_t nc = 0, nw = 0;
	const char *br;
	int i;

	(void)state;
	br = fake_opener("gui");
	for (i = 1; i <= 24; i++) {
		nc += (size_t)snprintf(cmd + nc, sizeof(cmd) - nc, " w%02d%s",
		    i, i == 20 ? " %s" : "");
		nw += (size_t)snprintf(want + nw, sizeof(want) - nw,
		    "w%02d\n%s", i, i == 20 ? FIRST_URL "\n" : "");
	}
	CHECK_OPEN(T_LIST(GRAPHICAL, e2e_fmt("BROWSER=%s%s", br, cmd)), want,
	    0);
}

/* A BROWSER over 4 KB: missing commands first, a long word at the end. */
static void
test_open_long_browser(void **state)
{
	char missing[4200], word[701];
	size_t n = 0;
	const char *br;
	int i;

	(void)state;
	br = fake_opener("gui");
	for (i = 0; i < 40; i++)
		n += (size_t)snprintf(missing + n, sizeof(missing) - n,
		    "/nonexistent/%090d:", i);
	memset(word, 'y', sizeof(word) - 1);
	word[sizeof(word) - 1] = '\0';
	assert_true(n + strlen(br) + sizeof(word) > 4096);
	CHECK_OPEN(T_LIST(GRAPHICAL, e2e_fmt("BROWSER=%s%s --profile=%s %%s",
	    missing, br, word)), e2e_fmt("--profile=%s\n" FIRST_URL "\n",
	    word), 0);
}

/*
 * A wrapper of a terminal browser under a name of its own: with no
 * graphical session it gets the terminal; with one (X11 or Wayland),
 * an opener is detached.
 */
static void
test_open_session(void **state)
{
	const char *br;

	(void)state;
	br = fake_opener("my-w3m");
	CHECK_OPEN(T_LIST(e2e_fmt("BROWSER=%s", br)), FIRST_URL "\n", 1);
	CHECK_OPEN(T_LIST(e2e_fmt("BROWSER=%s", br), GRAPHICAL),
	    FIRST_URL "\n", 0);
	CHECK_OPEN(T_LIST(e2e_fmt("BROWSER=%s", br), "WAYLAND_DISPLAY=wl-0"),
	    FIRST_URL "\n", 0);
}

/* With the data on standard input, a terminal browser reads the terminal. */
static void
test_open_data_on_stdin(void **state)
{
	const char *data = e2e_fmt("%s/piped.yaml", t_dir), *br;
	const char *const dump[] = { "--list", "--format", "yaml", NULL };
	char *yaml;
	int st;

	(void)state;
	br = fake_opener("my-w3m");
	st = e2e_run(t_bin, dump, NULL, 0, &yaml);
	assert_non_null(e2e_keep(yaml));
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	assert_int_equal(e2e_write_file(data, yaml, strlen(yaml), 0644, 1), 0);
	check_open("/bin/sh", T_LIST("-c", e2e_fmt("exec %s -d - < %s", t_bin,
	    data)), T_LIST(e2e_fmt("BROWSER=%s", br)), FIRST_URL "\n", 1,
	    __LINE__);
}

/* Without BROWSER, xdg-open from PATH, by the same rule. */
static void
test_open_xdg_open(void **state)
{
	(void)state;
	fake_opener("xdg-open");
	CHECK_OPEN(T_LIST(GRAPHICAL), FIRST_URL "\n", 0);
	CHECK_OPEN(NULL, FIRST_URL "\n", 1);
}

/* The kiosk starts no opener, whatever BROWSER and the session say. */
static void
test_kiosk_opens_nothing(void **state)
{
	const char *const args[] = { "--kiosk", NULL };
	const char *br;
	int i;

	(void)state;
	br = fake_opener("gui");
	fake_opener("xdg-open");
	for (i = 0; i < 2; i++) {
		start("xterm-256color", T_LIST(e2e_fmt("BROWSER=%s", br),
		    i == 0 ? GRAPHICAL : "DISPLAY"), args, 30, 100);
		WANT("12 allies");
		/* A kiosk's letters search: Enter and F3 show the codes. */
		vt_key(t_vt, "Enter");
		WANT("any key closes");
		vt_sends(t_vt, "x");
		WANT_GONE("any key closes");
		vt_key(t_vt, "F3");
		WANT("any key closes");
		vt_sends(t_vt, "x");
		WANT_GONE("any key closes");
		/* Time for an opener to leave its record, if one ran. */
		vt_wait_quiet(t_vt, 1000, T_WAIT);
		assert_int_equal(access(record_path(), F_OK), -1);
		vt_kill(t_vt, SIGTERM);
		want_clean_exit(__LINE__, T_WAIT);
	}
}

/* Processes of session sid that are still running (not zombies). */
static int
session_running(pid_t sid)
{
	char path[64], stat[512], *p, st;
	struct dirent *e;
	FILE *fp;
	DIR *d;
	int n = 0, sess;
	size_t len;

	if ((d = opendir("/proc")) == NULL)
		fail_msg("/proc: %s", strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		if ((fp = fopen(path, "r")) == NULL)
			continue;
		len = fread(stat, 1, sizeof(stat) - 1, fp);
		fclose(fp);
		stat[len] = '\0';
		/* After the name in parentheses: state, ppid, pgrp, session. */
		if ((p = strrchr(stat, ')')) != NULL &&
		    sscanf(p + 1, " %c %*d %*d %d", &st, &sess) == 2 &&
		    sess == (int)sid && st != 'Z')
			n++;
	}
	closedir(d);
	return n;
}

/*
 * With no graphical session, open the first ally's website with a fake
 * terminal browser: a script that shows a line, then runs body.
 */
static void
open_in_terminal(const char *body)
{
	const char *br = script("tb", e2e_fmt("echo 'FAKE TERMINAL BROWSER'\n"
	    "%s", body));

	start("xterm-256color", T_LIST(e2e_fmt("BROWSER=%s", br)), NULL,
	    24, 80);
	WANT("12 allies");
	settle();
	vt_sends(t_vt, "o");
	WANT("FAKE TERMINAL BROWSER");
}

/*
 * SIGTERM while a terminal browser (body, a shell script that shows a
 * line and waits) has the terminal: within half a second neither it,
 * nor anything it started, nor the program is left, the exit is clean
 * and the terminal was restored.
 */
static void
sigterm_during(const char *body, int line)
{
	const char *pidf = e2e_fmt("%s/pid", t_dir);
	int64_t t0, gone = -1;
	size_t mark;
	pid_t sid;
	int status;

	open_in_terminal(e2e_fmt("echo $$ > '%s.part'; mv '%s.part' '%s'\n%s",
	    pidf, pidf, pidf, body));
	assert_true(e2e_wait_file(t_vt, pidf, T_WAIT));
	settle();
	assert_true(session_running(vt_pid(t_vt)) >= 2);
	vt_output(t_vt, &mark);
	sid = vt_pid(t_vt);
	t0 = vt_now_ms();
	vt_kill(t_vt, SIGTERM);
	if (!vt_wait_exit(t_vt, 3000, &status))
		fail_msg("line %d: still running 3 s after SIGTERM", line);
	while (vt_now_ms() - t0 < 3000) {
		if (session_running(sid) == 0) {
			gone = vt_now_ms() - t0;
			break;
		}
		vt_pump(t_vt, 10);
	}
	printf("# SIGTERM during a terminal browser: all gone in %lld ms\n",
	    (long long)gone);
	if (gone < 0 || gone > 500)
		fail_msg("line %d: %d process(es) of the session still running "
		    "%lld ms after SIGTERM", line, session_running(sid),
		    (long long)(vt_now_ms() - t0));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("line %d: wait status %#x after SIGTERM", line, status);
	if (e2e_sanitizer_report(vt_output(t_vt, NULL)) != NULL)
		fail_msg("line %d: %s", line,
		    e2e_sanitizer_report(vt_output(t_vt, NULL)));
	check_restored("xterm-256color", mark, line);
}

static void
test_sigterm_terminal_browser(void **state)
{
	(void)state;
	/* It waits on a program of its own, as a wrapper script does. */
	sigterm_during("sleep 30\n", __LINE__);
}

/* A terminal browser deaf to SIGTERM is ended all the same. */
static void
test_sigterm_deaf_browser(void **state)
{
	(void)state;
	sigterm_during("trap '' TERM\nsleep 30\n", __LINE__);
}

/*
 * Ctrl-Z in a terminal browser the program was started without a shell
 * to return to: the browser goes on, and keys still reach it.
 */
static void
test_suspend_terminal_browser(void **state)
{
	const char *got = e2e_fmt("%s/got", t_dir);
	char *text;

	(void)state;
	open_in_terminal(e2e_fmt("read line\n"
	    "echo \"$line\" > '%s.part'; mv '%s.part' '%s'\n", got, got, got));
	settle();
	vt_key(t_vt, "C-z");
	settle();
	vt_sends(t_vt, "typed after\r");
	assert_true(e2e_wait_file(t_vt, got, T_WAIT));
	text = e2e_keep(e2e_slurp(got, NULL));
	assert_non_null(text);
	assert_string_equal(text, "typed after\n");
	WANT("12 allies");
	settle();
	QUIT();
}

/* ---- main ---- */

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_each_term),
		T(test_contrast_256),
		T(test_contrast_8),
		T(test_contrast_mono),
		T(test_contrast_themes),
		T(test_open_forms),
		T(test_open_many_words),
		T(test_open_configured),
		T(test_open_long_browser),
		T(test_open_session),
		T(test_open_data_on_stdin),
		T(test_open_xdg_open),
		T(test_kiosk_opens_nothing),
		T(test_sigterm_terminal_browser),
		T(test_sigterm_deaf_browser),
		T(test_suspend_terminal_browser),
	};
	const char *bin = getenv("SMA_ALLIES_BIN");

	if (bin == NULL || *bin == '\0')
		bin = "build/asan/sma-allies";
	if (realpath(bin, t_bin) == NULL) {
		fprintf(stderr, "test_terms: no program at %s (set "
		    "SMA_ALLIES_BIN)\n", bin);
		return 1;
	}
	/* SMA_E2E_FILTER=test_open runs only the tests that match. */
	if (getenv("SMA_E2E_FILTER") != NULL)
		cmocka_set_test_filter(getenv("SMA_E2E_FILTER"));
	return cmocka_run_group_tests_name("terms", tests, NULL, NULL);
}
