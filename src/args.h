/*
 * args: the command line read into a struct cli.  The options, their
 * values checked one by one (a bad one is a usage error: a message,
 * the usage, exit 2), the options that do not go together refused, and
 * --help and --version answered.  main.c runs what the struct says.
 */
#ifndef ARGS_H
#define ARGS_H

#include <stddef.h>

#include "app.h"
#include "app_start.h"
#include "match.h"

#define EXIT_MATCH	0
#define EXIT_NOMATCH	1
#define EXIT_TROUBLE	2
#define EXIT_INTERRUPTED 130	/* ended by Ctrl-C, as shells count it */

enum mode {
	MODE_BROWSE,
	MODE_SEARCH,
	MODE_LIST,
	MODE_SHOW,
	MODE_TAGS,
	MODE_CHECK,
	MODE_STATS_REPORT,
	MODE_PRINT_CONFIG
};

enum color_when {
	COLOR_AUTO,
	COLOR_ALWAYS,
	COLOR_NEVER
};

struct cli {
	enum mode	 mode;
	const char	*data;		/* -d, or NULL */
	const char	*pattern;	/* -s */
	const char	*show;		/* --show */
	unsigned	 fields;	/* -f, FIELD_BIT()s; 0 = all */
	enum match_case	 mcase;
	int		 format;	/* FORMAT_*, -1 when not given */
	int		 sort;		/* SORT_*, -1 when not given */
	enum color_when	 color;
	int		 browse_opts;	/* a browser-only option was given */
	int		 idle_given;	/* --idle was */
	int		 modes;		/* how many of -s, --list, --check */
	const char	*stats;		/* --stats FILE, or NULL */
	const char	*report;	/* --stats-report FILE */
	const char	**tags;		/* -t, in the order given */
	size_t		 ntags;
	struct app_start start;		/* -q, --select, --pick */
	int		 start_opts;	/* one of those was given */
	const char	*config;	/* --config FILE, or NULL */
	int		 no_config;	/* --no-config */
	int		 search_mode;	/* --search-mode was given */
	struct app_options app;
};

/*
 * Fill c from argv, as getopt_long(3) reads it; a usage error, --help
 * and --version end the program here.
 */
void	 args_parse(int argc, char **argv, struct cli *c);

#endif
