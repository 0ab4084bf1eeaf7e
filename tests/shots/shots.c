/*
 * shots.c - the README's screenshots, taken from the real program.
 *
 *	shots PROGRAM OUTDIR [SCENE...]
 *	shots --list
 *
 * Runs PROGRAM (e.g. ./sma-allies) on a pseudo-terminal through a few
 * scripted scenes and writes OUTDIR/SCENE.svg for each one, or only for
 * the scenes named.  Every step waits for the screen to show what it
 * should and then for the program to fall quiet, never for a fixed time,
 * and the environment is fixed (TERM, locale, no BROWSER, no NO_COLOR,
 * built-in data), so the same program gives the same bytes every run.
 *
 * --list prints the scene names, one a line.
 *
 * Exit status: 0 all written, 1 a scene failed (its screen goes to
 * stderr), 2 usage.
 */

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e/e2e.h"

/* Generous, for slow or loaded machines; a healthy run takes a second. */
#define T_WAIT		10000
/* How long the screen must stay unchanged before it is photographed. */
#define T_QUIET		150

struct scene {
	const char	*name;
	int		 rows, cols;
	int		 kiosk;	/* 1 --kiosk; 2 idle at once, for its attract screen */
	int		(*play)(struct vt *);
	const char	*quit[4];	/* keys that end the program */
};

static const char	*scene_name;

/* Report a failed step and show the screen it failed on. */
static int
fail(struct vt *vt, const char *what, const char *arg)
{
	const char	*why;

	fprintf(stderr, "shots: %s: %s \"%s\"\n", scene_name, what, arg);
	if (vt_wait_exit(vt, 0, NULL)) {
		why = e2e_exit_why(vt, 0);
		fprintf(stderr, "shots: %s: the program has ended: %s\n",
		    scene_name, why != NULL ? why : "exit status 0");
	}
	e2e_dump(vt, scene_name);
	return -1;
}

/* Wait for text anywhere on the screen, then for quiet. */
static int
expect(struct vt *vt, const char *text)
{
	if (!vt_wait_text(vt, text, T_WAIT))
		return fail(vt, "timed out waiting for", text);
	if (!vt_wait_quiet(vt, T_QUIET, T_WAIT))
		return fail(vt, "never fell quiet after", text);
	return 0;
}

/* Press key, then wait for text and quiet. */
static int
press(struct vt *vt, const char *key, const char *text)
{
	vt_sends(vt, key);
	return expect(vt, text);
}

/*
 * Is the bottom line the search bar holding exactly pattern: "/" and the
 * pattern, then a blank or the end of the line?
 */
static int
bar_holds(struct vt *vt, const void *arg)
{
	const char	*pattern = arg;
	size_t		 n = strlen(pattern);
	char		*row;
	int		 rows, ok;

	vt_size(vt, &rows, NULL);
	row = vt_row(vt, rows - 1);
	ok = row[0] == '/' && strncmp(row + 1, pattern, n) == 0 &&
	    (row[n + 1] == ' ' || row[n + 1] == '\0');
	free(row);
	return ok;
}

static int
expect_bar(struct vt *vt, const char *pattern)
{
	return e2e_until(vt, bar_holds, pattern, T_WAIT) ? 0 :
	    fail(vt, "the search bar never showed", pattern);
}

/* Type s one key at a time, each echoed in the search bar first. */
static int
type_pattern(struct vt *vt, const char *s)
{
	char	 key[2] = { 0, 0 };
	char	 typed[128];
	size_t	 i;

	if (strlen(s) >= sizeof(typed))
		return fail(vt, "pattern too long", s);
	for (i = 0; s[i] != '\0'; i++) {
		key[0] = s[i];
		vt_sends(vt, key);
		memcpy(typed, s, i + 1);
		typed[i + 1] = '\0';
		if (expect_bar(vt, typed) < 0)
			return -1;
	}
	return vt_wait_quiet(vt, T_QUIET, T_WAIT) ? 0 :
	    fail(vt, "never fell quiet after typing", s);
}

static int
open_bar(struct vt *vt)
{
	vt_sends(vt, "/");
	return expect_bar(vt, "");
}

/* ---- scenes ---- */

static int
play_first_screen(struct vt *vt)
{
	if (expect(vt, "The Sex and Gender Health") < 0)
		return -1;
	return expect(vt, "20th primary specialty.");
}

static int
play_live_search(struct vt *vt)
{
	if (play_first_screen(vt) < 0 || open_bar(vt) < 0)
		return -1;
	return type_pattern(vt, "health|care");
}

static int
play_invalid_pattern(struct vt *vt)
{
	if (play_first_screen(vt) < 0 || open_bar(vt) < 0 ||
	    type_pattern(vt, "nurs(") < 0)
		return -1;
	return expect(vt, "missing closing parenthesis");
}

static int
play_about(struct vt *vt)
{
	if (play_first_screen(vt) < 0)
		return -1;
	return press(vt, "a", "two (2) years");
}

static int
play_help(struct vt *vt)
{
	if (play_first_screen(vt) < 0)
		return -1;
	return press(vt, "?", "In the search bar");
}

static int
play_narrow(struct vt *vt)
{
	static const char *const at[] = { "2/12", "3/12", "4/12" };
	size_t		 i;

	if (expect(vt, "1/12") < 0)
		return -1;
	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++)
		if (press(vt, "j", at[i]) < 0)
			return -1;
	return 0;
}

static int
play_kiosk_qr(struct vt *vt)
{
	if (expect(vt, "12 allies") < 0)
		return -1;
	/* A kiosk's letters search: Down and Enter, as a visitor. */
	vt_key(vt, "Down");
	if (!vt_wait_quiet(vt, T_QUIET, T_WAIT))
		return fail(vt, "never fell quiet after", "Down");
	/* A finder pattern's foot: seven upper half blocks. */
	return press(vt, "\r", "\xe2\x96\x80\xe2\x96\x80\xe2\x96\x80"
	    "\xe2\x96\x80\xe2\x96\x80\xe2\x96\x80\xe2\x96\x80");
}

/* A kiosk's buttons for touch, after a tap on the third ally. */
static int
play_kiosk_buttons(struct vt *vt)
{
	if (expect(vt, "12 allies") < 0 || expect(vt, "Scan website") < 0)
		return -1;
	vt_mouse(vt, VT_PRESS, 0, 4, 5);
	vt_mouse(vt, VT_RELEASE, 0, 4, 5);
	return expect(vt, " 3/12");
}

/* A kiosk left alone: the first ally in the spotlight. */
static int
play_kiosk_attract(struct vt *vt)
{
	if (expect(vt, "12 allies") < 0 ||
	    expect(vt, "Welcome! Touch the screen") < 0)
		return -1;
	return expect(vt, "The American Academy of Family Physicians");
}

/* The topics screen, the cursor moved onto a topic. */
static int
play_topics(struct vt *vt)
{
	if (play_first_screen(vt) < 0 ||
	    press(vt, "t", "choose one to see its allies") < 0)
		return -1;
	e2e_press(vt, "Right");
	if (expect(vt, "2/27") < 0)
		return -1;
	e2e_press(vt, "Down");
	return expect(vt, "5/27");
}

static const struct scene scenes[] = {
	{ "first-screen", 30, 100, 0, play_first_screen, { "q" } },
	{ "live-search", 30, 100, 0, play_live_search, { "Enter", "q" } },
	{ "invalid-pattern", 30, 100, 0, play_invalid_pattern,
	    { "C-u", "Enter", "q" } },
	{ "about", 30, 100, 0, play_about, { "q", "q" } },
	{ "help", 30, 100, 0, play_help, { "q", "q" } },
	{ "narrow", 24, 60, 0, play_narrow, { "q" } },
	{ "topics", 30, 100, 0, play_topics, { "Esc", "q" } },
	{ "kiosk-qr", 24, 80, 1, play_kiosk_qr, { NULL } },
	{ "kiosk-buttons", 24, 80, 1, play_kiosk_buttons, { NULL } },
	{ "kiosk-attract", 24, 80, 2, play_kiosk_attract, { NULL } },
	{ "kiosk-attract-wide", 40, 120, 2, play_kiosk_attract, { NULL } },
};

/* ---- driver ---- */

/* A fixed environment: only what finding programs and terminfo needs. */
static void
make_env(struct e2e_env *env)
{
	static const char *const pass[] = {
		"PATH", "HOME", "TERMINFO", "TERMINFO_DIRS",
	};
	size_t		 i;

	e2e_env_init(env);
	for (i = 0; i < sizeof(pass) / sizeof(pass[0]); i++)
		e2e_env_pass(env, pass[i]);
}

/* End the program the way a user would, and reap it. */
static int
quit(struct vt *vt, const struct scene *sc)
{
	int	 i, status;

	if (sc->kiosk) {
		vt_kill(vt, SIGTERM);
	} else {
		for (i = 0; sc->quit[i] != NULL; i++) {
			e2e_press(vt, sc->quit[i]);
			/* Apart, so that Esc and a key never read as Alt. */
			vt_wait_quiet(vt, T_QUIET, T_WAIT);
		}
	}
	if (!vt_wait_exit(vt, T_WAIT, &status))
		return fail(vt, "did not exit after", sc->kiosk ? "SIGTERM" :
		    sc->quit[0]);
	if (WIFSIGNALED(status) && WTERMSIG(status) != SIGTERM) {
		fprintf(stderr, "shots: %s: killed by signal %d\n", sc->name,
		    WTERMSIG(status));
		return -1;
	}
	return 0;
}

static int
shoot(const char *program, const char *outdir, const struct scene *sc,
    const struct e2e_env *env)
{
	const char	*args[] = { sc->kiosk ? "--kiosk" : NULL, "--idle", "1",
	    "--cycle", "3600", NULL };
	char		 path[4096];
	struct vt	*vt;
	int		 rc = -1;

	scene_name = sc->name;
	if (sc->kiosk < 2)
		args[1] = NULL;		/* no idle time of its own */
	if ((size_t)snprintf(path, sizeof(path), "%s/%s.svg", outdir,
	    sc->name) >= sizeof(path)) {
		fprintf(stderr, "shots: %s: path too long\n", outdir);
		return -1;
	}
	if ((vt = e2e_spawn(program, args, env, sc->rows, sc->cols)) == NULL) {
		fprintf(stderr, "shots: %s: %s\n", program, strerror(errno));
		return -1;
	}
	if (sc->play(vt) == 0) {
		if (vt_write_svg(vt, path) != 0)
			fprintf(stderr, "shots: %s: %s\n", path,
			    strerror(errno));
		else if ((rc = quit(vt, sc)) != 0)
			unlink(path);	/* a picture of a broken run */
	}
	vt_free(vt);
	if (rc == 0)
		printf("%s\n", path);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct e2e_env	 env;
	size_t		 i;
	int		 j, want, failed = 0, found;

	if (argc == 2 && strcmp(argv[1], "--list") == 0) {
		for (i = 0; i < sizeof(scenes) / sizeof(scenes[0]); i++)
			printf("%s\n", scenes[i].name);
		return 0;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: shots PROGRAM OUTDIR [SCENE...]\n"
		    "       shots --list\n");
		return 2;
	}
	for (j = 3; j < argc; j++) {
		found = 0;
		for (i = 0; i < sizeof(scenes) / sizeof(scenes[0]); i++)
			found |= strcmp(argv[j], scenes[i].name) == 0;
		if (!found) {
			fprintf(stderr, "shots: no scene %s\n", argv[j]);
			return 2;
		}
	}
	if (mkdir(argv[2], 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "shots: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	make_env(&env);
	for (i = 0; i < sizeof(scenes) / sizeof(scenes[0]); i++) {
		want = argc == 3;
		for (j = 3; j < argc; j++)
			want |= strcmp(argv[j], scenes[i].name) == 0;
		if (want && shoot(argv[1], argv[2], &scenes[i], &env) != 0)
			failed = 1;
	}
	e2e_env_free(&env);
	return failed;
}
