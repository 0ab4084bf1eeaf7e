/*
 * message: how long the status line's message stays.  See message.h.
 */
#include "message.h"

#include <stdio.h>
#include <string.h>

void
message_init(struct message *m)
{
	memset(m, 0, sizeof(*m));
	m->since = -1;
}

void
message_new(struct message *m)
{
	m->since = -1;
	m->acted = 0;
}

int
message_age(struct message *m, int action, long long now)
{
	/*
	 * A message is timed from when the loop first sees it, not from
	 * when it was set: a terminal browser may have held the screen
	 * for minutes in between.
	 */
	if (m->since < 0)
		m->since = now;
	if (now - m->since >= MESSAGE_MS)
		return action || m->acted;
	if (action)
		m->acted = 1;
	return 0;
}

long long
message_deadline(const struct message *m)
{
	return m->since >= 0 && m->acted ? m->since + MESSAGE_MS : -1;
}

void
message_stale(struct message *m, const char *text, int error)
{
	snprintf(m->stale, sizeof(m->stale), "%s", text != NULL ? text : "");
	m->stale_error = text != NULL && error;
}

const char *
message_shown(const struct message *m, const char *status, int status_error,
    int *error)
{
	if (status[0] != '\0') {
		*error = status_error;
		return status;
	}
	*error = m->stale_error;
	return m->stale[0] != '\0' ? m->stale : NULL;
}
