/* What needs doing today, in a few cheap indexed queries: the first screen
 * must come up fast even on a county workspace with a million inspections. */
#ifndef WG_DASHBOARD_H
#define WG_DASHBOARD_H

#include "browse.h"
#include "workspace.h"

#define WG_DASH_CAP 1000 /* counts stop here and show as "1000+" */

struct wg_dashboard {
	char today[11];
	long overdue;       /* open or started tasks due before today (capped) */
	long due_today;     /* ... due today (capped) */
	wg_rows tasks;      /* the first of them, oldest due first (browse.h TC_* columns) */
	/* Patrol intervals: the county's patrol rules in force today. With one
	 * interval for every grade, patrol_days == patrol_days_max; otherwise
	 * each entity is due after its risk grade's interval. */
	long patrol_days, patrol_days_max;
	long patrol_due;    /* entities not inspected for their interval (capped) */
	wg_rows patrol;     /* the first of them, longest unvisited first: id, name, last visit */
	long rectify_late;  /* open findings past their rectification deadline (capped) */
	long unsent;        /* records changed since the last history commit (capped) */
	char *last_export;  /* time of the last bundle written, NULL when none */
	int calendar_wanted; /* a year whose holiday calendar is missing: this year, or
				from 1 November next year (wg_calendar_wanted); 0 none */
};

int wg_dashboard_load(wg_workspace *ws, int max_items, struct wg_dashboard *d, wg_error *err);
void wg_dashboard_free(struct wg_dashboard *d);

#endif
