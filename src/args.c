/*
 * args: the command line.  See args.h.
 */
#include "args.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "output.h"
#include "public.h"
#include "query.h"
#include "record.h"
#include "sort.h"
#include "text.h"
#include "util.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif

enum {
	OPT_CASE = 256,
	OPT_LIST,
	OPT_FORMAT,
	OPT_COLOR,
	OPT_CHECK,
	OPT_KIOSK,
	OPT_PUBLIC,
	OPT_IDLE,
	OPT_CYCLE,
	OPT_PIN_FILE,
	OPT_NO_MOUSE,
	OPT_SHOW,
	OPT_SORT,
	OPT_STATS,
	OPT_STATS_REPORT,
	OPT_TAGS,
	OPT_SELECT,
	OPT_PICK,
	OPT_CONFIG,
	OPT_NO_CONFIG,
	OPT_PRINT_CONFIG,
	OPT_SEARCH_MODE
};

static const struct option long_options[] = {
	{ "data", required_argument, NULL, 'd' },
	{ "search", required_argument, NULL, 's' },
	{ "field", required_argument, NULL, 'f' },
	{ "ignore-case", no_argument, NULL, 'i' },
	{ "case-sensitive", no_argument, NULL, OPT_CASE },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "show", required_argument, NULL, OPT_SHOW },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ "tag", required_argument, NULL, 't' },
	{ "tags", no_argument, NULL, OPT_TAGS },
	{ "query", required_argument, NULL, 'q' },
	{ "select", required_argument, NULL, OPT_SELECT },
	{ "pick", no_argument, NULL, OPT_PICK },
	{ "search-mode", required_argument, NULL, OPT_SEARCH_MODE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "kiosk", no_argument, NULL, OPT_KIOSK },
	{ "public", no_argument, NULL, OPT_PUBLIC },
	{ "idle", required_argument, NULL, OPT_IDLE },
	{ "cycle", required_argument, NULL, OPT_CYCLE },
	{ "staff-pin-file", required_argument, NULL, OPT_PIN_FILE },
	{ "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
	{ "stats", required_argument, NULL, OPT_STATS },
	{ "stats-report", required_argument, NULL, OPT_STATS_REPORT },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "print-config", no_argument, NULL, OPT_PRINT_CONFIG },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	fprintf(fp,
"usage: sma-allies [-d FILE] [-t TAG]... [--no-mouse] [--color WHEN]\n"
"                  [--config FILE | --no-config]\n"
"       sma-allies [-d FILE] [-q QUERY] [--select NAME] [--pick]\n"
"                  [--search-mode words|regex] [--format FORMAT]\n"
"       sma-allies [-d FILE] --kiosk [--idle SECONDS] [--cycle SECONDS]\n"
"                  [--staff-pin-file FILE] [--stats FILE] [--no-mouse]\n"
"                  [--color WHEN]\n"
"       sma-allies [-d FILE] --public [--idle SECONDS]\n"
"       sma-allies [-d FILE] -s REGEX [-f FIELD]... [-t TAG]...\n"
"                  [-i | --case-sensitive] [--sort ORDER] [--format FORMAT]\n"
"                  [--color WHEN]\n"
"       sma-allies [-d FILE] --list [-t TAG]... [--sort ORDER]\n"
"                  [--format FORMAT]\n"
"       sma-allies [-d FILE] --show NAME [--format FORMAT]\n"
"       sma-allies [-d FILE] --tags [--format text|tsv]\n"
"       sma-allies --check [FILE]\n"
"       sma-allies --stats-report FILE [--format text|tsv]\n"
"       sma-allies --print-config [--config FILE | --no-config]\n"
"       sma-allies -h | --help | -V | --version\n");
}

static void
help(void)
{
	usage(stdout);
	printf(
"\n"
"Browse the Social Mission Alliance Allies: partner organizations for\n"
"health-professions education that drives health equity.\n"
"\n"
"  -d, --data FILE        read allies from FILE (else $SMA_ALLIES_DATA,\n"
"                         else the built-in list)\n"
"  -s, --search REGEX     print the allies that match (PCRE2) and exit;\n"
"                         caseless unless REGEX has an upper-case letter\n"
"  -f, --field FIELD      search only FIELD: name, abbreviation,\n"
"                         description, url or tags (repeatable)\n"
"  -i, --ignore-case      always caseless\n"
"      --case-sensitive   always exact case\n"
"      --list             print every ally and exit\n"
"      --sort ORDER       file (default), name (a leading \"The\" aside)\n"
"                         or abbreviation\n"
"      --show NAME        print the ally named NAME (its name or\n"
"                         abbreviation, any case) and exit\n"
"  -q, --query QUERY      browser: start with that search applied\n"
"      --search-mode MODE browser: read a query as words (each found as\n"
"                         typed, any case, all needed) or as a regex\n"
"                         (the default); C-r in the search bar switches\n"
"      --select NAME      browser: start on the ally named NAME\n"
"      --pick             browser on the terminal; Enter prints the ally\n"
"                         chosen (in --format) and exits 0, Esc or q 1\n"
"  -t, --tag TAG          only the allies with tag TAG, in any case\n"
"                         (repeatable: every tag given)\n"
"      --tags             print every tag with its number of allies\n"
"      --format FORMAT    text (default), tsv (name, abbreviation, url),\n"
"                         yaml or json (a data file that loads again)\n"
"      --color WHEN       highlight matches: auto, always or never\n"
"      --check [FILE]     validate a data file and exit\n"
"      --kiosk            unattended display: no way out but a signal or\n"
"                         the staff PIN, no external programs\n"
"      --public           for strangers over SSH: no external programs,\n"
"                         no files read but the data, q ends the session\n"
"      --idle SECONDS     kiosk: reset after this long idle (default 90);\n"
"                         public: end the session (default 600)\n"
"      --cycle SECONDS    kiosk: show the next ally this often (default 8)\n"
"      --staff-pin-file FILE  kiosk: Ctrl-] and this PIN (6 characters or\n"
"                         more) exit\n"
"      --stats FILE       kiosk: append engagement counts to FILE (never\n"
"                         what is typed)\n"
"      --stats-report FILE  summarise a --stats file and exit\n"
"      --no-mouse         leave the mouse to the terminal\n"
"      --config FILE      read the configuration from FILE (default:\n"
"                         ~/.config/sma-allies/config.yaml)\n"
"      --no-config        read no configuration\n"
"      --print-config     print the configuration in effect and exit\n"
"  -h, --help             show this help\n"
"  -V, --version          show the version\n"
"\n"
"Exit status: 0 success (a match), 1 no match, 2 trouble.\n"
"In the browser, press ? for every key.  See sma-allies(1).\n");
}

static void NORETURN PRINTF_LIKE(1, 2)
usage_error(const char *fmt, ...)
{
	struct buf safe = { 0 };
	va_list ap;
	char *msg;

	/* It can quote an argument: untrusted text, as a file name is. */
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: %s\n", util_progname(), text_safe(&safe, msg));
	free(msg);
	buf_free(&safe);
	usage(stderr);
	fprintf(stderr, "Try 'sma-allies --help' for more.\n");
	exit(EXIT_TROUBLE);
}

/* -f with a name that is no field: say which there are. */
static void NORETURN
unknown_field(const char *name)
{
	char all[128];
	size_t f, len = 0;

	all[0] = '\0';
	for (f = 0; f < FIELD_COUNT && len < sizeof(all); f++)
		len += (size_t)snprintf(all + len, sizeof(all) - len, "%s%s",
		    f == 0 ? "" : f + 1 == FIELD_COUNT ? " and " : ", ",
		    field_names[f]);
	usage_error("unknown field '%s'; the fields are %s", name, all);
}

/* A whole number of seconds in [1, 86400] for --idle and --cycle. */
static unsigned
parse_seconds(const char *opt, const char *arg)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || arg[0] == '-' ||
	    v < 1 || v > 86400)
		usage_error("%s needs a whole number of seconds from 1 to "
		    "86400, not '%s'", opt, arg);
	return (unsigned)v;
}

/* One option from getopt_long(): ch, with optarg. */
static void
take_option(struct cli *c, int ch, char **argv)
{
	enum field f;
	int mode;

	switch (ch) {
	case 'd':
		c->data = optarg;
		break;
	case 's':
		if (c->pattern != NULL)
			usage_error("-s takes one pattern; to find either, "
			    "join them with |, as in -s 'a|b'");
		c->pattern = optarg;
		c->mode = MODE_SEARCH;
		c->modes++;
		break;
	case 'f':
		if ((f = field_lookup(optarg)) == FIELD_COUNT)
			unknown_field(optarg);
		c->fields |= FIELD_BIT(f);
		break;
	case 'i':
		c->mcase = MATCH_CASELESS;
		break;
	case OPT_CASE:
		c->mcase = MATCH_EXACT;
		break;
	case OPT_LIST:
	case OPT_TAGS:
		c->mode = ch == OPT_LIST ? MODE_LIST : MODE_TAGS;
		c->modes++;
		break;
	case OPT_SORT:
		if ((c->sort = sort_lookup(optarg)) < 0)
			usage_error("unknown order '%s'; use file, name or "
			    "abbreviation", optarg);
		break;
	case OPT_SHOW:
		c->show = optarg;
		c->mode = MODE_SHOW;
		c->modes++;
		break;
	case 't':
		c->tags = xreallocarray(c->tags, c->ntags + 1,
		    sizeof(*c->tags));
		c->tags[c->ntags++] = optarg;
		break;
	case OPT_FORMAT:
		if ((c->format = output_format_lookup(optarg)) < 0)
			usage_error("unknown format '%s'; use text, tsv, "
			    "yaml or json", optarg);
		break;
	case OPT_COLOR:
		if (strcmp(optarg, "auto") == 0)
			c->color = COLOR_AUTO;
		else if (strcmp(optarg, "always") == 0)
			c->color = COLOR_ALWAYS;
		else if (strcmp(optarg, "never") == 0)
			c->color = COLOR_NEVER;
		else
			usage_error("--color takes auto, always or "
			    "never, not '%s'", optarg);
		break;
	case OPT_CHECK:
		c->mode = MODE_CHECK;
		c->modes++;
		break;
	case OPT_KIOSK:
		c->app.kiosk = 1;
		c->browse_opts = 1;
		break;
	case OPT_PUBLIC:
		c->app.public = 1;
		c->browse_opts = 1;
		break;
	case OPT_IDLE:
		c->app.idle = parse_seconds("--idle", optarg);
		c->idle_given = 1;
		c->browse_opts = 1;
		break;
	case OPT_CYCLE:
		c->app.cycle = parse_seconds("--cycle", optarg);
		c->browse_opts = 1;
		break;
	case OPT_PIN_FILE:
		c->app.pin_file = optarg;
		c->browse_opts = 1;
		break;
	case OPT_NO_MOUSE:
		c->app.mouse = 0;
		c->browse_opts = 1;
		break;
	case OPT_STATS:
		c->stats = optarg;
		c->browse_opts = 1;
		break;
	case 'q':
		c->start.query = optarg;
		c->start_opts = 1;
		break;
	case OPT_SELECT:
		c->start.select = optarg;
		c->start_opts = 1;
		break;
	case OPT_PICK:
		c->start.pick = 1;
		c->start_opts = 1;
		break;
	case OPT_CONFIG:
		c->config = optarg;
		break;
	case OPT_NO_CONFIG:
		c->no_config = 1;
		break;
	case OPT_PRINT_CONFIG:
		c->mode = MODE_PRINT_CONFIG;
		c->modes++;
		break;
	case OPT_SEARCH_MODE:
		if ((mode = query_mode_lookup(optarg)) < 0)
			usage_error("--search-mode takes words or regex, not "
			    "'%s'", optarg);
		c->app.search_mode = (enum search_mode)mode;
		c->search_mode = 1;
		break;
	case OPT_STATS_REPORT:
		c->report = optarg;
		c->mode = MODE_STATS_REPORT;
		c->modes++;
		break;
	case 'h':
		help();
		exit(fflush(stdout) == 0 ? 0 : EXIT_TROUBLE);
	case 'V':
		printf("sma-allies %s\n", VERSION);
		exit(fflush(stdout) == 0 ? 0 : EXIT_TROUBLE);
	case ':':
		if (optopt > 0 && optopt < 256)
			usage_error("option -%c needs a value", optopt);
		usage_error("option '%s' needs a value",
		    argv[optind - 1]);
		/* NOTREACHED */
	default:
		if (optopt > 0 && optopt < 256)
			usage_error("unknown option -%c", optopt);
		usage_error("unknown option '%s'", argv[optind - 1]);
		/* NOTREACHED */
	}
}

/* Options that were given together but do not go together. */
static void
check_options(struct cli *c, int argc, char **argv)
{
	if (c->modes > 1)
		usage_error("choose one of --search, --list, --show, --tags, "
		    "--check, --stats-report and --print-config");
	if (c->config != NULL && c->no_config)
		usage_error("--config FILE and --no-config contradict each "
		    "other; give one");
	if ((c->config != NULL || c->no_config) && (c->app.kiosk ||
	    c->app.public || (c->mode != MODE_BROWSE &&
	    c->mode != MODE_PRINT_CONFIG)))
		usage_error("--config and --no-config go with the browser and "
		    "--print-config (a kiosk or a public session reads no "
		    "configuration)");
	if (c->mode == MODE_PRINT_CONFIG && c->data != NULL)
		usage_error("--print-config reads no data");
	if (c->mode == MODE_STATS_REPORT && c->data != NULL)
		usage_error("--stats-report reads its FILE, not the data");
	if (c->mode == MODE_STATS_REPORT && c->format != -1 &&
	    c->format != FORMAT_TEXT && c->format != FORMAT_TSV)
		usage_error("--stats-report prints text or tsv");
	if (c->mode == MODE_CHECK && optind < argc) {
		if (c->data != NULL)
			usage_error("--check takes one file: -d or an argument, "
			    "not both");
		c->data = argv[optind++];
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);
	if (c->mode != MODE_SEARCH && (c->fields || c->mcase != MATCH_SMART))
		usage_error("-f, -i and --case-sensitive go with --search");
	if (c->format >= 0 && c->mode != MODE_SEARCH && c->mode != MODE_LIST &&
	    c->mode != MODE_SHOW && c->mode != MODE_STATS_REPORT &&
	    c->mode != MODE_TAGS && !c->start.pick)
		usage_error("--format goes with --search, --list, --show, "
		    "--tags, --pick or --stats-report");
	if (c->start_opts && (c->mode != MODE_BROWSE || c->app.kiosk))
		usage_error("-q, --select and --pick are for the interactive "
		    "browser");
	if (c->search_mode && (c->mode != MODE_BROWSE || c->app.kiosk))
		usage_error("--search-mode is for the interactive browser "
		    "(-s reads a regex; a kiosk reads words)");
	if (c->mode == MODE_TAGS && c->format > FORMAT_TSV)
		usage_error("--tags prints text or tsv");
	if (c->ntags > 0 && (c->mode == MODE_TAGS || c->mode == MODE_CHECK ||
	    c->mode == MODE_SHOW || c->mode == MODE_STATS_REPORT ||
	    c->app.kiosk))
		usage_error("-t goes with --search, --list or the browser "
		    "(a kiosk's visitors choose their own topics)");
	if (c->sort >= 0 && c->mode != MODE_SEARCH && c->mode != MODE_LIST &&
	    (c->mode != MODE_BROWSE || c->app.kiosk))
		usage_error("--sort goes with --list, --search or the browser");
	if (c->browse_opts && c->mode != MODE_BROWSE)
		usage_error("--kiosk, --public, --idle, --cycle, "
		    "--staff-pin-file, --stats and --no-mouse are for the "
		    "interactive browser");
	if (c->app.kiosk && c->app.public)
		usage_error("choose one of --kiosk and --public");
	if (c->app.public && c->data != NULL && strcmp(c->data, "-") == 0)
		usage_error("--public reads its keys on standard input, so "
		    "not its data (-d -)");
	if ((c->app.pin_file || c->app.cycle != 8 || c->stats) &&
	    !c->app.kiosk)
		usage_error("--cycle, --staff-pin-file and --stats go with "
		    "--kiosk");
	if (c->idle_given && !c->app.kiosk && !c->app.public)
		usage_error("--idle goes with --kiosk or --public");
	if (c->app.public)
		public_defaults(&c->app, c->idle_given);
}

void
args_parse(int argc, char **argv, struct cli *c)
{
	int ch;

	memset(c, 0, sizeof(*c));
	c->format = -1;
	c->sort = -1;
	c->mcase = MATCH_SMART;
	c->app.idle = 90;
	c->app.cycle = 8;
	c->app.mouse = 1;
	app_start_init(&c->start);
	/* Our own messages, named "sma-allies" however we were started. */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":d:s:f:t:q:ihV", long_options,
	    NULL)) != -1)
		take_option(c, ch, argv);
	check_options(c, argc, argv);
	/* A kiosk's visitors type words. */
	if (c->app.kiosk)
		c->app.search_mode = SEARCH_WORDS;
}
