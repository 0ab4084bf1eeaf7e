/*
 * startup: how long a terminal program takes to show its first full
 * screen, measured from outside as a user sees it: spawned in a
 * pseudo-terminal, timed until the given text is on the rendered screen.
 * Prints the median of RUNS runs in milliseconds.
 *
 *   startup RUNS TEXT PROGRAM [ARG]...
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/timing.h"
#include "tty/vt.h"

int
main(int argc, char **argv)
{
	static char term[] = "TERM=xterm-256color";
	static char lang[] = "LC_ALL=C.UTF-8";
	char *envp[] = { term, lang, NULL };
	double *t, t0;
	struct vt *vt;
	int runs, i, status;

	if (argc < 4 || (runs = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: startup RUNS TEXT PROGRAM [ARG]...\n");
		return 2;
	}
	t = calloc((size_t)runs, sizeof(*t));
	for (i = 0; i < runs; i++) {
		t0 = now_ms();
		if ((vt = vt_spawn(argv + 3, envp, 30, 100)) == NULL) {
			perror(argv[3]);
			return 2;
		}
		if (!vt_wait_text(vt, argv[2], 5000)) {
			fprintf(stderr, "startup: '%s' never appeared\n",
			    argv[2]);
			return 2;
		}
		t[i] = now_ms() - t0;
		vt_kill(vt, SIGTERM);
		vt_wait_exit(vt, 2000, &status);
		vt_free(vt);
	}
	printf("%.2f\n", median(t, runs));
	free(t);
	return 0;
}
