#include <config.h>

#include <stdio.h>
#include <string.h>

#include "clerk.h"
#include "db.h"
#include "disclose.h"
#include "dispatch.h"
#include "i18n.h"
#include "points.h"
#include "risk.h"
#include "rules.h"
#include "sync.h"

int wg_clerk_desk_load(wg_workspace *ws, const char *today, struct wg_clerk_desk *d,
		       wg_error *err)
{
	struct wg_conflict *cf;
	size_t n;
	long count;
	int rc;

	memset(d, 0, sizeof *d);
	if (ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EINPUT, _("only the county workspace has the clerk's desk"));
	if ((rc = wg_conflicts_list(ws, false, &cf, &n, err)))
		return rc;
	d->conflicts = n;
	wg_conflicts_free(cf, n);

	if ((rc = wg_count_rows(ws->db, "SELECT 1 FROM complaint WHERE status <> 'closed'", NULL,
				&count, NULL, 0, err)))
		return rc;
	d->complaints_open = (size_t)count;
	if ((rc = wg_count_rows(ws->db,
				"SELECT 1 FROM complaint WHERE status <> 'closed' AND deadline > ''"
				" AND deadline <= ?", today, &count, NULL, 0, err)))
		return rc;
	d->complaints_due = (size_t)count;

	if ((rc = wg_count_rows(ws->db, "SELECT 1 FROM draw", NULL, &count, NULL, 0, err)))
		return rc;
	d->draws = (size_t)count;

	struct wg_limits lim; /* the county's publication limit, for the line that shows it */
	if ((rc = wg_limits_open(ws->db, today, &lim, err)))
		return rc;
	d->publish_days = lim.publish_workdays;
	return WG_OK;
}

int wg_clerk_desk_points(wg_workspace *ws, const char *today, struct wg_clerk_desk *d,
			 wg_error *err)
{
	wg_points_rules *pr;
	wg_risk_rules *rr;
	int rc = wg_rules_load(ws->db, today, &pr, &rr, err);
	if (rc)
		return rc;
	rc = wg_points_alerts_count(ws->db, pr, today, WG_CLERK_POINTS_SLICE, &d->points_alerts,
				    &d->points_left, err);
	wg_rules_free(pr, rr);
	return rc;
}

int wg_clerk_desk_slow(wg_workspace *ws, const char *today, struct wg_clerk_desk *d,
		       wg_error *err)
{
	int rc;
	d->unpublished = d->publish_late = d->points_alerts = d->points_left = 0;
	d->grids = d->returns_missing = 0;
	d->missing_since[0] = '\0';
	if ((rc = wg_dispatch_awaiting(ws->db, &d->grids, &d->returns_missing, d->missing_since,
				       sizeof d->missing_since, err)))
		return rc;
	if ((rc = wg_disclose_waiting(ws->db, today, d->publish_days, &d->unpublished,
				      &d->publish_late, err)))
		return rc;
	return wg_clerk_desk_points(ws, today, d, err);
}
