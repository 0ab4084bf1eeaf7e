/*
 * message: how long the status line's message stays.  A message stays
 * at least MESSAGE_MS, so that it can be read however fast the keys
 * come, and after that until the next action: it goes at whichever
 * comes later.  A warning that the data on screen is older than the
 * file is kept apart and stays until the data is fresh again; it shows
 * whenever no other message does.
 *
 * The text itself is the app's (app.h); this struct keeps only the
 * clock and the stale-data warning, so that the timing is tested on an
 * injected clock.  Times are milliseconds on a monotonic clock.  No
 * curses, no app.
 */
#ifndef MESSAGE_H
#define MESSAGE_H

#define MESSAGE_MS	4000	/* the least time a message stays */
#define MESSAGE_MAX	300	/* bytes of a message, NUL included */

struct message {
	long long	 since;		/* ms first seen; -1: not yet */
	int		 acted;		/* an action came after it */
	char		 stale[MESSAGE_MAX];	/* the warning, or "" */
	int		 stale_error;	/* drawn as an error */
};

/* No message, fresh data. */
void	 message_init(struct message *);

/* A new message went up: its clock starts when next it is seen. */
void	 message_new(struct message *);

/*
 * The clock at now, from the UI's loop (action 0) or with an action of
 * the user's (action 1).  Returns 1 when the message is to go now (an
 * action that came before its time is kept in mind, and a tick ends
 * it once the time is up), else 0.
 */
int	 message_age(struct message *, int action, long long now);

/*
 * When message_age() next ends the message without an action, or -1
 * when only an action can.
 */
long long message_deadline(const struct message *);

/*
 * The data shown is older than the file, for the reason in text (copied,
 * cut to MESSAGE_MAX), or, with text NULL, fresh again.
 */
void	 message_stale(struct message *, const char *text, int error);

/*
 * What the status line shows: status (the last message set, with its
 * error flag) while there is one, else the stale-data warning, else
 * NULL.  *error says whether it is drawn as an error.
 */
const char *message_shown(const struct message *, const char *status,
	    int status_error, int *error);

#endif
