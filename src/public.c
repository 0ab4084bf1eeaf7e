/*
 * public: the environment and the limits of a public session.  See
 * public.h.
 */
#include "public.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "load.h"
#include "util.h"

#define OWN_PREFIX	"SMA_ALLIES_"

extern char **environ;

void
public_scrub_env(void)
{
	static const char *const names[] = {
		"TERMINFO", "TERMINFO_DIRS", "TERMCAP", "HOME", "BROWSER",
		"LINES", "COLUMNS"
	};
	char name[256];
	size_t i, len;
	const char *eq;
	int again = 1;

	for (i = 0; i < nitems(names); i++)
		unsetenv(names[i]);
	/* unsetenv() moves the entries after the one it removes: start over. */
	while (again) {
		again = 0;
		for (i = 0; environ != NULL && environ[i] != NULL; i++) {
			if (strncmp(environ[i], OWN_PREFIX,
			    strlen(OWN_PREFIX)) != 0)
				continue;
			eq = strchr(environ[i], '=');
			len = eq != NULL ? (size_t)(eq - environ[i]) :
			    strlen(environ[i]);
			if (len >= sizeof(name))
				len = sizeof(name) - 1;
			memcpy(name, environ[i], len);
			name[len] = '\0';
			if (unsetenv(name) == 0) {
				again = 1;
				break;
			}
		}
	}
}

int
public_term_plain(const char *s)
{
	size_t i;

	if (s == NULL || !((*s >= 'a' && *s <= 'z') ||
	    (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (i >= PUBLIC_TERM_MAX)
			return 0;
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		    s[i] == '+' || s[i] == '.'))
			return 0;
	}
	return 1;
}

void
public_bound(int *rows, int *cols)
{
	if (*rows > PUBLIC_MAX_ROWS)
		*rows = PUBLIC_MAX_ROWS;
	if (*cols > PUBLIC_MAX_COLS)
		*cols = PUBLIC_MAX_COLS;
}

void
public_defaults(struct app_options *o, int idle_given)
{
	/* Strangers type words, as a kiosk's visitors do; Ctrl-R: a regex. */
	o->search_mode = SEARCH_WORDS;
	if (!idle_given)
		o->idle = PUBLIC_IDLE_S;
}

int
public_check_terminal(void)
{
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return 0;
	fprintf(stderr, "%s: this directory is shown on a terminal only; "
	    "connect with ssh -t\n", util_progname());
	return -1;
}

static void
goodbye(FILE *fp, unsigned idle)
{
	if (idle % 60 == 0)
		fprintf(fp, "No key for %u minute%s: the session has ended. "
		    "Goodbye.\n", idle / 60, idle == 60 ? "" : "s");
	else
		fprintf(fp, "No key for %u second%s: the session has ended. "
		    "Goodbye.\n", idle, idle == 1 ? "" : "s");
	fflush(fp);
}

int
public_end(int rc, unsigned idle, const struct errlist *errs)
{
	if (rc == PUBLIC_ENDED_IDLE) {
		goodbye(stdout, idle);
		return 0;
	}
	if (rc == 1 && errs->nerrors > 0)
		fprintf(stderr, "%s: the directory cannot be shown just now; "
		    "please come back later\n", util_progname());
	return rc;
}
