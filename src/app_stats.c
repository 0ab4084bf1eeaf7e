/*
 * app_stats: the engagement counts fed from the app.  See app_stats.h.
 */
#include "app_stats.h"

#include "app.h"
#include "listview.h"
#include "record.h"
#include "stats.h"

void
app_stats_said(struct app *a, int rc)
{
	if (rc >= 0 || a->opt->stats == NULL)
		return;
	app_status(a, 1, "Stats: %s", a->opt->stats->error);
}

void
app_stats_follow(struct app *a, long long now)
{
	const char *name = NULL;
	size_t i;

	if (a->opt->stats == NULL)
		return;
	if (a->loaded && !a->too_small && a->overlay == OVERLAY_NONE &&
	    (i = listview_record(&a->view)) != (size_t)-1)
		name = a->rs->v[i].text[FIELD_NAME];
	app_stats_said(a, stats_showing(a->opt->stats, name, now));
}

void
app_note_topic(struct app *a, const char *tag)
{
	app_stats_said(a, stats_note(a->opt->stats, STATS_TOPIC, NULL, tag));
}
