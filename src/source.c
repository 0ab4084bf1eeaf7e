/*
 * source: which data, and the worker that loads it.  See source.h.
 *
 * One worker at a time.  The loop's thread owns struct source; the
 * worker owns its job (a copy of the path, a recordset, an error list)
 * until it writes the wake byte, after which it only exits.  The job's
 * load_ctl (progress and cancel) is the only memory both touch while the
 * worker runs, and only through load_ctl_get() and load_ctl_cancel().
 */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record.h"
#include "util.h"

#define BUILTIN_NAME	"data/allies.yaml (built-in)"

/* data/allies.yaml, compiled in by the build (build/allies_data.c). */
extern const unsigned char allies_data[];
extern const size_t allies_data_len;

struct source_job {
	char		*path;		/* NULL: the built-in copy */
	int		 wake;		/* the pipe's write end */
	struct load_ctl	 ctl;		/* progress and cancel, shared */
	struct recordset rs;
	struct errlist	 errs;
	int		 rc;
	void		(*after)(struct recordset *, void *);
	void		*after_arg;
};

int
source_init(struct source *s, const char *data_opt)
{
	const char *env;

	memset(s, 0, sizeof(*s));
	s->path = data_opt;
	if (s->path == NULL && (env = getenv("SMA_ALLIES_DATA")) != NULL &&
	    *env != '\0')
		s->path = env;
	s->name = s->path != NULL ? s->path : BUILTIN_NAME;
	s->fifo_wait_ms = LOAD_FIFO_WAIT_MS;
	if (pipe(s->wake) == -1)
		return -1;
	/* The loop drains it without blocking; the worker never fills it. */
	fcntl(s->wake[0], F_SETFL, O_NONBLOCK);
	fcntl(s->wake[0], F_SETFD, FD_CLOEXEC);
	fcntl(s->wake[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

int
source_is_file(const struct source *s)
{
	return s->path != NULL && strcmp(s->path, "-") != 0;
}

static int
load_job(const char *path, struct recordset *rs, struct errlist *errs,
    struct load_ctl *ctl)
{
	if (path == NULL)
		return load_buffer_ctl((const char *)allies_data,
		    allies_data_len, rs, errs, ctl);
	return load_file_ctl(path, rs, errs, ctl);
}

int
source_load(const struct source *s, struct recordset *rs,
    struct errlist *errs)
{
	struct load_ctl ctl;

	load_ctl_init(&ctl, s->fifo_wait_ms);
	return load_job(s->path, rs, errs, &ctl);
}

static void *
worker(void *arg)
{
	struct source_job *j = arg;
	char byte = 1;

	j->rc = load_job(j->path, &j->rs, &j->errs, &j->ctl);
	if (j->rc == 0 && j->after != NULL)
		j->after(&j->rs, j->after_arg);
	/* The loop takes the result from here on. */
	while (write(j->wake, &byte, 1) == -1 && errno == EINTR)
		;
	return NULL;
}

/*
 * Start a worker with every signal blocked: signals are the loop's, whose
 * wait they must interrupt (a SIGHUP taken by a worker would leave the
 * loop waiting out its timeout).  Returns pthread_create()'s result.
 */
static int
spawn(pthread_t *t, void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	int err;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(t, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return err;
}

static void
job_free(struct source_job *j)
{
	recordset_done(&j->rs);
	errlist_done(&j->errs);
	free(j->path);
	free(j);
}

int
source_start(struct source *s)
{
	struct source_job *j;
	int err;

	if (s->job != NULL) {
		/* Cancel this one; the next starts when it has ended. */
		load_ctl_cancel(&s->job->ctl);
		s->again = 1;
		return 0;
	}
	j = xcalloc(1, sizeof(*j));
	j->path = s->path != NULL ? xstrdup(s->path) : NULL;
	j->after = s->after;
	j->after_arg = s->after_arg;
	j->wake = s->wake[1];
	recordset_init(&j->rs);
	errlist_init(&j->errs);
	load_ctl_init(&j->ctl, s->fifo_wait_ms);
	if ((err = spawn(&s->thread, worker, j)) != 0) {
		job_free(j);
		errno = err;
		return -1;
	}
	s->job = j;
	s->again = 0;
	s->started = util_now_ms();
	return 0;
}

int
source_fd(const struct source *s)
{
	return s->wake[0];
}

/*
 * The job of a worker that has written its wake byte, joined; NULL when
 * none has.
 */
static struct source_job *
job_end(struct source *s)
{
	struct source_job *j = s->job;
	char buf[16];
	ssize_t n, got = 0;

	while ((n = read(s->wake[0], buf, sizeof(buf))) > 0 ||
	    (n == -1 && errno == EINTR))
		got += n > 0 ? n : 0;
	if (j == NULL || got == 0)
		return NULL;
	pthread_join(s->thread, NULL);
	s->job = NULL;
	return j;
}

enum source_event
source_take(struct source *s, struct recordset *fresh, struct errlist *errs)
{
	struct source_job *j;
	struct load_progress lp;
	struct errlist tmp;
	enum source_event ev;

	if ((j = job_end(s)) == NULL)
		return SOURCE_NONE;
	load_ctl_get(&j->ctl, &lp);
	/* A load that a restart replaced says nothing, however it ended. */
	if (lp.state == LOAD_CANCELLED || s->again)
		ev = SOURCE_NONE;
	else if (j->rc == 0) {
		recordset_swap(fresh, &j->rs);
		ev = SOURCE_LOADED;
	} else
		ev = SOURCE_FAILED;
	if (ev != SOURCE_NONE) {
		tmp = *errs;
		*errs = j->errs;
		j->errs = tmp;
	}
	job_free(j);
	/* A change during the load: load again (a failure here is said then). */
	if (s->again)
		source_start(s);
	return ev;
}

void
source_progress(const struct source *s, struct source_progress *p)
{
	struct load_progress lp;

	memset(p, 0, sizeof(*p));
	if (s->job == NULL)
		return;
	p->running = 1;
	p->elapsed_ms = util_now_ms() - s->started;
	load_ctl_get(&s->job->ctl, &lp);
	p->bytes = lp.bytes;
	p->total = lp.total == LOAD_TOTAL_UNKNOWN ? 0 : lp.total;
	p->allies = lp.allies;
}

static void *
freer(void *arg)
{
	struct recordset *rs = arg;

	recordset_done(rs);
	free(rs);
	return NULL;
}

void
source_discard(struct source *s, struct recordset *old)
{
	struct recordset *rs = xmalloc(sizeof(*rs));

	if (s->freeing) {
		pthread_join(s->freer, NULL);
		s->freeing = 0;
	}
	recordset_init(rs);
	recordset_swap(rs, old);
	if (spawn(&s->freer, freer, rs) != 0) {
		freer(rs);
		return;
	}
	s->freeing = 1;
}

void
source_done(struct source *s)
{
	if (s->freeing)
		pthread_join(s->freer, NULL);
	if (s->job != NULL) {
		load_ctl_cancel(&s->job->ctl);
		pthread_join(s->thread, NULL);
		job_free(s->job);
		s->job = NULL;
	}
	if (s->wake[0] > 0) {
		close(s->wake[0]);
		close(s->wake[1]);
	}
	memset(s, 0, sizeof(*s));
}
