/*
 * test_words.c - end-to-end tests of searching in words, as a visitor
 * and a user do it on a real terminal.
 *
 * Covered: in the kiosk, letters type straight into the search with no
 * "/" (nurs finds OADN alone), a query with regex metacharacters is no
 * error and is matched literally ("*nurse" finds nothing, "(aafp" finds
 * the AAFP, whose description says "(AAFP)"), two words in either order
 * find the ally that has both ("students medical" the AMSA), case does
 * not count ("Health" finds what "health" finds), every occurrence of
 * every word is highlighted, and the keys that are not text keep their
 * roles (Down moves, Enter shows the code, Esc clears, F1 helps, and the
 * help says that letters search); in the browser, regex is still the
 * default and the bar says so, C-r switches the bar to words and back,
 * applying the query again each time, and --search-mode words (with -q
 * too) starts in words.
 *
 * The program under test is $SMA_ALLIES_BIN (default
 * build/asan/sma-allies); the tests run from the top of the tree.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"

#define T_WAIT		8000
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
#define ROWS		24
#define COLS		100
#define OADN		"The Organization for Associate Degree Nursing"
#define AMSA		"The American Medical Student Association"
#define AAFP		"The American Academy of Family Physicians"

/* The program under test, the terminal it runs in, its folder (HOME). */
static struct {
	char		 bin[4096];
	char		*dir;
	struct vt	*vt;
} t;

/* Unless ok, fail at line saying what (as printf), the screen shown. */
static void E2E_PRINTF(3, 4)
check_at(int line, int ok, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	if (ok)
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (t.vt != NULL)
		e2e_dump(t.vt, what);
	fail_msg("line %d: %s", line, what);
}
#define CHECK(ok, ...)	check_at(__LINE__, (ok), __VA_ARGS__)
#define WANT(s)	CHECK(vt_wait_text(t.vt, (s), T_WAIT), "never showed: %s", (s))
#define GONE(s)	CHECK(vt_wait_gone(t.vt, (s), T_WAIT), "never went: %s", (s))

/* A test's folder, then at its end the program and the folder gone. */
static int
begin(void **state)
{
	(void)state;
	CHECK(e2e_begin(t.bin, sizeof(t.bin), &t.dir, "sma-words") == 0,
	    "no temporary folder: %s", strerror(errno));
	return 0;
}

static int
end(void **state)
{
	(void)state;
	e2e_cleanup(&t.vt, &t.dir);
	return 0;
}

/* Start the program with args; ready shows once the list is in. */
static void
spawn_until(const char *const *args, const char *ready)
{
	struct e2e_env env;

	e2e_env_test(&env, t.dir);
	t.vt = e2e_spawn(t.bin, args, &env, ROWS, COLS);
	e2e_env_free(&env);
	CHECK(t.vt != NULL, "cannot start %s: %s", t.bin, strerror(errno));
	CHECK(vt_wait_text(t.vt, ready, T_WAIT), "never showed %s at the "
	    "start", ready);
}

/* The title counts the allies once the list is in. */
static void
spawn(const char *const *args)
{
	spawn_until(args, "12 allies");
}

/* Type s one key at a time, as a person does. */
static void
type(const char *s)
{
	char key[2] = { 0, 0 };

	for (; *s != '\0'; s++) {
		key[0] = *s;
		e2e_press(t.vt, key);
		vt_pump(t.vt, 5);
	}
}

/* Nothing more is coming: the screen is what the last key made it. */
static void
settle(void)
{
	vt_wait_quiet(t.vt, 150, T_WAIT);
}

/*
 * Wait for the bar (the last row) to be exactly "/" and the query on the
 * left, blanks, and tail at the right end (ASCII both).
 */
static void
bar_wait(const char *query, const char *tail, int line)
{
	char row[COLS + 1];

	snprintf(row, sizeof(row), "/%s%*s", query, COLS - 1 -
	    (int)strlen(query), tail);
	check_at(line, e2e_wait_row(t.vt, -1, row, 1, 1, T_WAIT), "the bar "
	    "never held \"%s\"", row);
}
#define BAR(q, tail)	bar_wait((q), (tail), __LINE__)

/* Whether a row of the list starts with the name (as far as it fits). */
static int
listed(const char *name)
{
	int r;

	for (r = 2; r < ROWS - 1; r++)
		if (e2e_row_has(t.vt, r, e2e_fmt(" %.30s", name), 1))
			return 1;
	return 0;
}

/* The count a row shows as " N/12", or -1. */
static int
count_on(int row)
{
	char *s = e2e_keep(e2e_row_trim(t.vt, row)), *p;
	int n;

	for (p = strstr(s, "/12"); p != NULL && p > s; p--)
		if (p[-1] == ' ')
			return sscanf(p, "%d/12", &n) == 1 ? n : -1;
	return -1;
}

/*
 * Whether the cells from (row, col) spell the ASCII word in any case;
 * *marked tells whether every one of them is underlined, as the panes
 * mark a match.
 */
static int
word_at(int row, int col, const char *word, int *marked)
{
	struct vt_cell c;
	int k;

	*marked = 1;
	for (k = 0; word[k] != '\0'; k++) {
		if (vt_cell(t.vt, row, col + k, &c) < 0 || c.ch[0] >= 0x80 ||
		    (c.ch[0] | 0x20) != ((unsigned char)word[k] | 0x20))
			return 0;
		*marked &= c.underline != 0;
	}
	return 1;
}

/*
 * Every occurrence of word (in any case) on the rows between the title
 * and the bar is marked: returns how many there are, or -1 when one is
 * not marked.
 */
static int
all_marked(const char *word)
{
	int r, col, marked, hits = 0;

	for (r = 1; r < ROWS - 1; r++)
		for (col = 0; col < COLS; col++)
			if (word_at(r, col, word, &marked)) {
				if (!marked)
					return -1;
				hits++;
			}
	return hits;
}

static void
end_cleanly(void)
{
	vt_kill(t.vt, SIGTERM);
	assert_null(e2e_exit_why(t.vt, T_WAIT));
}

/*
 * A step of a session in the search bar: keys typed (each character, or
 * with press one key by its name, such as "C-r"), then the bar holding
 * /query ... tail, or with query NULL the text tail shown.
 */
struct step {
	const char	*keys;
	int		 press;
	const char	*query;
	const char	*tail;
};

static void
play(const struct step *s, size_t n, int line)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i].press)
			e2e_press(t.vt, s[i].keys);
		else
			type(s[i].keys);
		if (s[i].query != NULL)
			bar_wait(s[i].query, s[i].tail, line);
		else
			check_at(line, vt_wait_text(t.vt, s[i].tail, T_WAIT),
			    "after %s: never showed %s", s[i].keys, s[i].tail);
	}
}

static const char *const KIOSK[] = { "--kiosk", NULL };

/* nurs, typed with no / first: the bar opens on the n and filters. */
static void
test_kiosk_types_to_search(void **state)
{
	(void)state;
	spawn(KIOSK);
	type("nurs");
	BAR("nurs", " 1/12");
	WANT("/nurs/");
	settle();
	CHECK(listed(OADN) && !listed(AAFP), "nurs did not list OADN alone");
	/* The kiosk cannot switch modes: the bar says no mode. */
	CHECK(!e2e_row_has(t.vt, -1, "words", 0) &&
	    !e2e_row_has(t.vt, -1, "regex", 0), "a mode in the kiosk's bar");
	/* Backspace edits; Esc clears the search and closes the bar. */
	e2e_press(t.vt, "Backspace");
	BAR("nur", " 1/12");
	e2e_press(t.vt, "Esc");
	GONE("/nur/");
	WANT("12 allies");
	settle();
	CHECK(listed(AAFP), "Esc did not bring every ally back");
	end_cleanly();
}

/* Regex metacharacters are characters: no error, literal matches. */
static void
test_kiosk_literal(void **state)
{
	(void)state;
	spawn(KIOSK);
	type("*nurse");
	BAR("*nurse", " 0/12");
	settle();
	CHECK(!vt_find(t.vt, "quantifier", NULL, NULL), "*nurse is an error");
	/* C-u clears the query; "(aafp" is in AAFP's "(AAFP)" alone. */
	e2e_press(t.vt, "C-u");
	BAR("", " 12/12");
	type("(aafp");
	BAR("(aafp", " 1/12");
	settle();
	CHECK(listed(AAFP) && !vt_find(t.vt, "missing closing", NULL, NULL),
	    "(aafp did not find the AAFP alone, without an error");
	end_cleanly();
}

/*
 * Every word, in any order, in any field but the url; every occurrence
 * of each highlighted.  Then the other keys keep their roles: Enter
 * shows the code of the ally found.
 */
static void
test_kiosk_words_any_order(void **state)
{
	static const struct step tail[] = {
		/* "www" is only in the urls, which words do not search. */
		{ "C-u", 1, "", " 12/12" },
		{ "www", 0, "www", " 0/12" },
		/* Enter: the code of the ally found, the bar closed. */
		{ "C-u", 1, "", " 12/12" },
		{ "students medical", 0, "students medical", " 1/12" },
		{ "Enter", 1, NULL, "https://www.amsa.org/" },
		/* Any key closes the code: the list is back, its buttons too. */
		{ "x", 0, NULL, "Scan website" },
	};
	int students, medical;

	(void)state;
	spawn(KIOSK);
	type("students medical");
	BAR("students medical", " 1/12");
	settle();
	CHECK(listed(AMSA) && !listed(OADN), "students medical did not find "
	    "the AMSA alone");
	/*
	 * In the description: "students," in the tags and twice in the
	 * text; "Medical" in the name (in the list too), "medical" three
	 * times, and in "premedical".
	 */
	students = all_marked("students");
	medical = all_marked("medical");
	CHECK(students >= 3 && medical >= 6, "the words are not all "
	    "highlighted: %d students, %d medical (-1: one unmarked)",
	    students, medical);
	e2e_press(t.vt, "C-u");
	type("medical students");
	BAR("medical students", " 1/12");
	settle();
	CHECK(listed(AMSA), "medical students did not find the AMSA");
	play(tail, nitems(tail), __LINE__);
	end_cleanly();
}

/* Health and health: the same allies; the case does not count. */
static void
test_kiosk_case(void **state)
{
	int upper, lower;

	(void)state;
	spawn(KIOSK);
	type("Health");
	WANT("/Health/");
	settle();
	upper = count_on(-1);
	e2e_press(t.vt, "C-u");
	type("health");
	WANT("/health/");
	settle();
	lower = count_on(-1);
	CHECK(upper == lower && upper == 10, "Health found %d, health %d; "
	    "want 10 each", upper, lower);
	end_cleanly();
}

/*
 * The keys that are not text: Down moves under the query, F1 shows the
 * help, which says letters search and lists no C-r; in the kiosk the
 * hints say so too.
 */
static void
test_kiosk_keys_keep_roles(void **state)
{
	static const struct step steps[] = {
		{ "health", 0, "health", " 10/12" },
		{ "Down", 1, "health", " 10/12" },
		{ "", 0, NULL, "2/10" },
		{ "F1", 1, NULL, "With the keys" },
	};

	(void)state;
	spawn(KIOSK);
	/* The bottom line is the kiosk's buttons, Search and Help among them. */
	WANT("Search");
	WANT("Help");
	play(steps, nitems(steps), __LINE__);
	WANT("With a finger");
	settle();
	CHECK(!vt_find(t.vt, "C-r", NULL, NULL) &&
	    !vt_find(t.vt, "PCRE2", NULL, NULL), "the kiosk's help names C-r "
	    "or PCRE2");
	end_cleanly();
}

/* The browser: regex by default, and the bar says so. */
static void
test_browser_regex_default(void **state)
{
	static const struct step steps[] = {
		{ "/", 0, "", "regex 12/12" },
		{ "*nurse", 0, NULL, "quantifier does not follow a repeatable "
		    "item" },
		/* C-r: words, the query applied again, no error. */
		{ "C-r", 1, "*nurse", "words 0/12" },
		{ "C-u", 1, "", "words 12/12" },
		{ "(aafp", 0, "(aafp", "words 1/12" },
		/* And back: as a regex "(aafp" is not closed. */
		{ "C-r", 1, NULL, "missing closing parenthesis" },
		{ "C-u", 1, "", "regex 12/12" },
		/* Smart case in regex mode: "Health" is exact, 5 of 12. */
		{ "Health", 0, "Health", "regex 5/12" },
		{ "C-r", 1, "Health", "words 10/12" },
		{ "C-r", 1, "Health", "regex 5/12" },
		/* Enter keeps the filter; the mode stays for the next. */
		{ "Enter", 1, NULL, "/Health/" },
		{ "/", 0, "Health", "regex 5/12" },
	};
	const char *const args[] = { NULL };
	int i;

	(void)state;
	spawn(args);
	play(steps, nitems(steps), __LINE__);
	e2e_press(t.vt, "Esc");
	/* A key within the escape delay would be Alt-?. */
	settle();
	type("?");
	WANT("Keys");
	/* The search bar's keys are further down. */
	for (i = 0; i < 6 && !vt_find(t.vt, "C-r", NULL, NULL); i++) {
		e2e_press(t.vt, "PgDn");
		settle();
	}
	WANT("read the query as words or as a regex");
	end_cleanly();
}

/* --search-mode words, and -q with it: the browser starts in words. */
static void
test_browser_words_mode(void **state)
{
	const char *const words[] = { "--search-mode", "words", NULL };
	const char *const query[] = { "--search-mode", "words", "-q",
	    "students medical", NULL };

	(void)state;
	spawn(words);
	type("/");
	BAR("", "words 12/12");
	type("students medical");
	BAR("students medical", "words 1/12");
	settle();
	CHECK(listed(AMSA) && !listed(OADN), "students medical did not find "
	    "the AMSA alone");
	end_cleanly();
	vt_free(t.vt);
	t.vt = NULL;

	spawn_until(query, "/students medical/");
	settle();
	CHECK(listed(AMSA) && !listed(OADN), "-q in words did not find the "
	    "AMSA alone");
	type("/");
	BAR("students medical", "words 1/12");
	end_cleanly();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, begin, end)
		T(test_kiosk_types_to_search),
		T(test_kiosk_literal),
		T(test_kiosk_words_any_order),
		T(test_kiosk_case),
		T(test_kiosk_keys_keep_roles),
		T(test_browser_regex_default),
		T(test_browser_words_mode),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
