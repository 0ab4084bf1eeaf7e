/*
 * config: the user's configuration file, $XDG_CONFIG_HOME/sma-allies/
 * config.yaml (~/.config/sma-allies/config.yaml without it): the theme
 * and the colours of each style, key bindings, the search mode and the
 * order the browser starts in, the mouse, and the program that opens a
 * website.  It owns reading that file (a regular file of at most
 * CONFIG_MAX_BYTES, opened without blocking), checking it as strictly
 * as the loader checks the data (errors with line and column, unknown
 * keys as warnings, key conflicts), writing the effective configuration
 * back as YAML, and handing it to the key table and the app's options.
 *
 * A file with any error is not used at all, and nothing here is fatal:
 * the caller reports the diagnostics and goes on with the defaults.  It
 * reads the YAML through the loader's event feed (yamlfeed.c) and
 * reports through diag.c, as load.c does; it never prints, and knows no
 * curses.  The kiosk never comes here.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>

#include "keys.h"
#include "match.h"
#include "theme.h"

struct app_options;
struct buf;
struct errlist;

#define CONFIG_MAX_BYTES	((size_t)64 << 10)	/* 64 KiB */
#define CONFIG_MAX_KEYS		8	/* keys one action may be given */
#define CONFIG_MAX_WORDS	64	/* words of the opener's command */

/* The keys a configuration gives one action. */
struct config_keys {
	enum action	 act;
	int		 key[CONFIG_MAX_KEYS];	/* each a key's own code */
	unsigned	 line[CONFIG_MAX_KEYS];	/* where each was given */
	unsigned	 col[CONFIG_MAX_KEYS];
	size_t		 n;
};

struct config {
	struct theme	 theme;		/* the theme, and the styles set */
	enum search_mode search_mode;	/* how the bar reads a query */
	int		 sort;		/* enum sort_order */
	int		 mouse;
	char		**opener;	/* NULL-ended words, "%s" the URL;
					   NULL: $BROWSER, else xdg-open */
	int		 opener_terminal; /* 1 it gets the terminal, 0 it is
					   detached, -1 judged as for
					   $BROWSER */
	struct config_keys *keys;	/* the actions given keys */
	size_t		 nkeys;
};

/* The defaults; config_done() frees what a load added. */
void	 config_init(struct config *);
void	 config_done(struct config *);

/*
 * The configuration file's path from the environment, malloc'd, or
 * NULL when there is no home to hold one.
 */
char	*config_path(void);

/*
 * Read the configuration at path into *cfg (which holds the defaults).
 * Returns 0 when it was read, with any warnings appended to errs; 1 when
 * there is no such file (nothing is appended); -1 after appending every
 * error found, *cfg left as it was.  Never prints, never blocks: a path
 * that names anything but a regular file is an error.
 */
int	 config_load_file(struct config *cfg, const char *path,
	    struct errlist *errs);

/* The same for len bytes in memory. */
int	 config_load_buffer(struct config *cfg, const char *data, size_t len,
	    struct errlist *errs);

/*
 * The configuration the command line asks for: the file at path, which
 * must be there; with path NULL the one config_path() names, if there is
 * one; none at all when skip is set.  Returns what config_load_file()
 * does, a default file that is not there being 0 (the defaults).  *name
 * gets the file's name for messages (malloc'd, the caller frees it;
 * NULL when no file was asked for).
 */
int	 config_read(struct config *cfg, const char *path, int skip,
	    struct errlist *errs, char **name);

/*
 * One line for the status line about errs, the diagnostics of the file
 * name: the first of them, and whether the configuration is used.
 * Appends nothing when errs is empty.
 */
void	 config_notice(struct buf *, const struct errlist *errs,
	    const char *name);

/*
 * Whether cfg gives an action of mode a key that sends code: an action
 * the file leaves alone that had it loses it.
 */
int	 config_takes(const struct config *cfg, enum key_mode mode, int code);

/*
 * Append cfg as a configuration file that loads again as the same
 * configuration: every setting, every key binding of the browser and
 * the search bar, and the styles it sets (the others are the theme's).
 */
void	 config_print(struct buf *, const struct config *cfg);

/*
 * Use cfg: its keys go into the key table (keys_bind()), the rest into
 * opt, which keeps pointers into cfg: cfg must outlive the browser.  A
 * mouse turned off on the command line stays off; the command line's
 * search mode and order are the caller's to put back over the file's.
 */
void	 config_apply(const struct config *cfg, struct app_options *opt);

#endif
