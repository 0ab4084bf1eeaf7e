/*
 * app_stats: a kiosk's engagement counts (stats.h) fed from the
 * browser's state.  app.c calls these at its events; they read struct
 * app, and write nothing of it but the status line, where a failed write
 * of the stats file is shown to staff while the kiosk goes on.  They use
 * no function of app.c, so the two files do not depend on each other.
 * app_note_topic(), for the topics screen, is declared in app.h.
 */
#ifndef APP_STATS_H
#define APP_STATS_H

struct app;

/* rc from a stats event: on -1, "Stats: why" on the status line. */
void	 app_stats_said(struct app *, int rc);

/*
 * Tell the stats which ally is in front of the visitor now: the one
 * selected, when the list and its description are on screen.
 */
void	 app_stats_follow(struct app *, long long now);

#endif
