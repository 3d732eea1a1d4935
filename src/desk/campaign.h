/* Campaigns (专项整治): a named period, target categories and a checklist;
 * creating one makes a campaign task for every open target entity, in its grid. */
#ifndef WG_CAMPAIGN_H
#define WG_CAMPAIGN_H

#include <stddef.h>

#include "error.h"
#include "id.h"
#include "query.h"
#include "workspace.h"

struct wg_campaign_spec {
	const char *name;
	const char *starts, *ends;  /* YYYY-MM-DD */
	const char *targets;        /* category codes or groups, comma-separated, or "" */
	const char *const *entities; /* and/or entities named one by one (full ids) */
	size_t nentities;
	const char *checklist;      /* may be NULL */
};

/* County only; all or nothing. Every open entity of the target categories and
 * every listed entity (which must exist and be open) gets one task. Refuses
 * unknown targets and a campaign with no open target entity. id receives the campaign's id, *ntasks the tasks made. */
int wg_campaign_add(wg_workspace *ws, const struct wg_campaign_spec *spec, char id[WG_ID_BUFSIZE],
		    size_t *ntasks, wg_error *err);

/* Every campaign, by start and name, as rows of 8 columns: id, name, starts,
 * ends, targets, listed entities, its tasks and those done. */
int wg_campaign_list(sqlite3 *db, wg_row_fn *fix, const void *arg, wg_table *t, wg_error *err);
/* A campaign's tasks per grid, by grid: rows of grid and count. */
int wg_campaign_grid_tasks(sqlite3 *db, const char *id, wg_table *t, wg_error *err);
/* A campaign's progress per grid, by grid: rows of grid code, grid name, its
 * tasks, those done and those still open past the campaign's end (today a
 * CST date). */
int wg_campaign_grid_progress(sqlite3 *db, const char *id, const char *today, wg_table *t,
			      wg_error *err);

/* Does a category code fall under a comma-separated list of codes and groups? */
int wg_targets_match(const char *targets, const char *category);

#endif
