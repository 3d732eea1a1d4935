/* The clerk's desk: what the county has waiting today, in a few counts, each
 * from the core function its own screen and command use (dispatch status,
 * conflicts, complaints, disclosure, points). */
#ifndef WG_CLERK_H
#define WG_CLERK_H

#include <stddef.h>

#include "error.h"
#include "workspace.h"

struct wg_clerk_desk {
	size_t grids;            /* grids of the county */
	size_t returns_missing;  /* grids that owe a return (wg_dispatch_status) */
	char missing_since[32];  /* the oldest of those since (a timestamp), or "" */
	size_t conflicts;        /* open merge conflicts */
	size_t complaints_open;  /* complaints not closed */
	size_t complaints_due;   /* of those, due today or earlier */
	size_t draws;            /* random draws made */
	size_t unpublished;      /* signed random-inspection results not marked published */
	size_t publish_late;     /* of those, past the county's time limit */
	int publish_days;        /* that limit, in working days (the county's rules) */
	size_t points_alerts;    /* entities whose points reached a band today */
	size_t points_left;      /* entities still to compute: points_alerts unknown yet */
};

/* The entities whose points one call computes again at most, so that a key
 * pressed meanwhile waits no longer than that. On the large demo county's
 * bench workspace a slice of 250 was 21 M instructions, 28-36 ms with the
 * desk's other lines (past the 30 ms a key may wait; 4-8 ms on another copy
 * whose first entities had fewer findings): about 5 M of it is the call's
 * own, 68,000 per entity, and a new process reads each page it needs with a
 * system call of its own (2,000 for two slices of 100: 100 took 29.5 ms). */
#define WG_CLERK_POINTS_SLICE 50

/* County only (an officer's workspace is refused). The counts of indexed
 * queries only, for a first screen that comes up at once (conflicts,
 * complaints, draws); the others are left 0. */
int wg_clerk_desk_load(wg_workspace *ws, const char *today, struct wg_clerk_desk *d,
		       wg_error *err);
/* The counts that take a while on a large county (every grid's tasks, every
 * signed inspection, every unpublished result's working days, every entity's
 * points): grids, returns_missing, missing_since, unpublished, publish_late
 * and points_alerts, with the first slice of the points still to compute
 * (points_left: then call wg_clerk_desk_points until it is 0). */
int wg_clerk_desk_slow(wg_workspace *ws, const char *today, struct wg_clerk_desk *d,
		       wg_error *err);
/* The next slice of the points (WG_CLERK_POINTS_SLICE entities): points_left,
 * and points_alerts once none is left. */
int wg_clerk_desk_points(wg_workspace *ws, const char *today, struct wg_clerk_desk *d,
			 wg_error *err);

#endif
