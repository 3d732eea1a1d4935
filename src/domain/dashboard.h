/* What needs doing today, in a few cheap indexed queries: the first screen
 * must come up fast even on a county workspace with a million inspections. */
#ifndef WG_DASHBOARD_H
#define WG_DASHBOARD_H

#include "browse.h"
#include "table.h"
#include "workspace.h"

#define WG_DASH_CAP 1000 /* counts stop here and show as "1000+" */

struct wg_dashboard {
	char today[11];
	long overdue;       /* open or started tasks due before today (capped) */
	long due_today;     /* ... due today (capped) */
	wg_rows tasks;      /* the first of them, oldest due first (browse.h TC_* columns) */
	long patrol_days;   /* the default interval of the county's patrol rules in force */
	long patrol_due;    /* entities not inspected for their interval (capped) */
	wg_rows patrol;     /* the first of them, longest unvisited first: id, name, last visit */
	long rectify_late;  /* open findings past their rectification deadline (capped) */
	long unsent;        /* records changed since the last history commit (capped) */
	char *last_export;  /* time of the last bundle written, NULL when none */
	int expiry_days;    /* the county's rule value: licences and certificates warned of */
	long expiring;      /* ... expired or expiring within it (capped, staff.h) */
	int calendar_wanted; /* a year whose holiday calendar is missing: this year, or
				from 1 November next year (wg_calendar_wanted); 0 none */
};

/* Every open entity due for a patrol today by the interval of its risk grade
 * (the county's patrol rules in force): id, entity, grid, risk grade,
 * interval, last visit; the longest unvisited first. Grades the whole county
 * (one set-based pass), so it is not part of the dashboard's first screen. */
int wg_patrol_due(sqlite3 *db, const char *today, wg_table **out, wg_error *err);

int wg_dashboard_load(wg_workspace *ws, int max_items, struct wg_dashboard *d, wg_error *err);
void wg_dashboard_free(struct wg_dashboard *d);

#endif
