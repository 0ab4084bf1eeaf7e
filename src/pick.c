/*
 * pick: the terminal and the script's output for --pick.  See pick.h.
 */
#include "pick.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "match.h"
#include "output.h"
#include "util.h"

int
pick_begin(struct pick *p, int keys_on_stdin)
{
	int tty;

	fflush(stdout);
	if ((tty = open("/dev/tty", O_RDWR | O_CLOEXEC)) < 0) {
		fprintf(stderr, "%s: --pick draws on the terminal, and there "
		    "is none (/dev/tty: %s); for scripts use -s or --list\n",
		    util_progname(), strerror(errno));
		return -1;
	}
	if ((p->out = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)) < 0 ||
	    dup2(tty, STDOUT_FILENO) < 0 ||
	    (!keys_on_stdin && dup2(tty, STDIN_FILENO) < 0)) {
		fprintf(stderr, "%s: --pick: %s\n", util_progname(),
		    strerror(errno));
		close(tty);
		return -1;
	}
	close(tty);
	return 0;
}

int
pick_end(struct pick *p, const struct recordset *rs, size_t idx,
    const struct output_opts *o)
{
	struct match_error err;

	fflush(stdout);
	if (dup2(p->out, STDOUT_FILENO) < 0)
		return -1;
	close(p->out);
	if (idx == (size_t)-1)
		return 0;
	(void)output_records(stdout, rs, &idx, 1, o, &err);
	return fflush(stdout) == EOF || ferror(stdout) ? -1 : 0;
}
