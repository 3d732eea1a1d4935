#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "dashboard.h"
#include "db.h"
#include "risk.h"
#include "rules.h"
#include "i18n.h"
#include "staff.h"
#include "strbuf.h"
#include "timeutil.h"

static int count(sqlite3 *db, const char *sql, const char *a, long *out, wg_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	if (a)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int(st, 2, WG_DASH_CAP);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? WG_OK : wg_db_fail(db, err);
}

static int rows(sqlite3 *db, const char *sql, const char *a, int limit, size_t ncols,
		wg_rows *out, wg_error *err)
{
	sqlite3_stmt *st;
	int rc;
	out->nrows = 0;
	out->ncols = ncols;
	out->cells = xcalloc((size_t)limit * ncols + 1, sizeof(char *));
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && out->nrows < (size_t)limit) {
		for (size_t c = 0; c < ncols; c++) {
			const unsigned char *v = sqlite3_column_text(st, (int)c);
			out->cells[out->nrows * ncols + c] = xstrdup(v ? (const char *)v : "");
		}
		out->nrows++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

int wg_patrol_due(sqlite3 *db, const char *today, wg_table **out, wg_error *err)
{
	wg_points_rules *points;
	wg_risk_rules *risk;
	wg_patrol_rules *pr = NULL;
	struct wg_risk_item *items = NULL;
	sqlite3_stmt *st = NULL;
	size_t n = 0;
	int rc, step;
	*out = NULL;
	if ((rc = wg_rules_load(db, today, &points, &risk, err)))
		return rc;
	/* One snapshot; only the entities not visited within the shortest interval
	 * can be due, and only they are graded (entity_visit has a row, last ''
	 * when never visited, for every entity). */
	bool own = sqlite3_get_autocommit(db) != 0;
	if (own && (rc = wg_db_exec(db, "BEGIN", err)))
		goto out;
	char before[WG_DATE_LEN + 1];
	if ((rc = wg_patrol_rules_open(db, today, &pr, err)))
		goto out;
	wg_date_from_days(wg_date_days(today) - wg_patrol_min_days(pr), before);
	if ((rc = wg_risk_stale(db, risk, points, today, before, &items, &n, err)))
		goto out;
	if (sqlite3_prepare_v2(db, "SELECT e.id, e.name, e.grid, v.last FROM entity_visit v CROSS"
				   " JOIN entity e ON e.id = v.entity WHERE v.last < ?1"
				   " AND e.status = 'open' ORDER BY v.last, e.grid, e.name, e.id", -1,
			       &st, NULL) != SQLITE_OK) {
		rc = wg_db_fail(db, err);
		goto out;
	}
	sqlite3_bind_text(st, 1, before, -1, SQLITE_STATIC);
	const char *head[] = {_("Id"), _("Entity"), _("Grid"), _("Risk"), _("Interval (days)"),
			      _("Last visit")};
	wg_table *t = wg_table_new(6, head);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		const char *last = (const char *)sqlite3_column_text(st, 3);
		const wg_risk *r = wg_risk_find(items, n, id);
		const struct wg_risk_grade *g = r ? r->grade : NULL;
		int days = wg_patrol_days(pr, g ? g->code : NULL);
		char cutoff[WG_DATE_LEN + 1], ds[16], when[40];
		wg_date_from_days(wg_date_days(today) - days, cutoff);
		if (*last && strcmp(last, cutoff) >= 0)
			continue;
		snprintf(ds, sizeof ds, "%d", days);
		if (*last)
			snprintf(when, sizeof when, "%.10s", last);
		else
			snprintf(when, sizeof when, "%s", _("never inspected"));
		const char *row[] = {id, (const char *)sqlite3_column_text(st, 1),
				     (const char *)sqlite3_column_text(st, 2),
				     g ? wg_pick(g->name, g->label) : "", ds, when};
		wg_table_add(t, row);
	}
	if (step != SQLITE_DONE) {
		rc = wg_db_fail(db, err);
		wg_table_free(t);
	} else {
		*out = t;
	}
out:
	sqlite3_finalize(st);
	if (own)
		sqlite3_exec(db, rc ? "ROLLBACK" : "COMMIT", NULL, NULL, NULL);
	wg_risk_items_free(items, n);
	wg_patrol_rules_free(pr);
	wg_rules_free(points, risk);
	return rc;
}

int wg_dashboard_load(wg_workspace *ws, int max_items, struct wg_dashboard *d, wg_error *err)
{
	sqlite3 *db = ws->db;
	int rc;

	memset(d, 0, sizeof *d);
	wg_today(d->today);
	wg_patrol_rules *pr;
	if ((rc = wg_patrol_rules_open(db, d->today, &pr, err)))
		return rc;
	/* the cheap first screen: the county's default interval; the interval of
	 * each risk grade needs every entity graded (wg_patrol_due) */
	d->patrol_days = pr->default_days;
	wg_patrol_rules_free(pr);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT max(at) FROM sync_sent", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		d->last_export = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);

	/* Before the cutoff (or never): no inspection since that day. The stored
	 * times are UTC; the date prefix is close enough for a patrol interval. */
	char cutoff[11];
	wg_date_from_days(wg_date_days(d->today) - d->patrol_days, cutoff);

	/* Every count stops at WG_DASH_CAP, and the first tasks come from an index in
	 * the order shown (task_open: dated first, by due date): the screen costs its
	 * rows, not the county's millions of records. The counts are ranges of
	 * task_status_order (status, due = '', due, id), one per status: dated is
	 * said as its column, (due = '') = 0, and today as a range (an equality
	 * would be put for due inside due = '', which then matches no column). */
	if ((rc = count(db, "SELECT count(*) FROM (SELECT 1 FROM task WHERE status IN"
			" ('open', 'started') AND (due = '') = 0 AND due < ?1 LIMIT ?2)",
			d->today, &d->overdue, err)) ||
	    (rc = count(db, "SELECT count(*) FROM (SELECT 1 FROM task WHERE status IN"
			" ('open', 'started') AND (due = '') = 0 AND due BETWEEN ?1 AND ?1"
			" LIMIT ?2)", d->today, &d->due_today,
			err)) ||
	    (rc = rows(db, "SELECT t.id, t.due, t.status, t.kind, t.title,"
		       " COALESCE((SELECT name FROM entity WHERE id = t.entity), ''), t.grid, t.source"
		       " FROM task t INDEXED BY task_open WHERE t.status IN ('open', 'started')"
		       " AND t.due <> '' AND t.due <= ?1 ORDER BY t.due = '', t.due, t.id LIMIT ?2",
		       d->today, max_items,
		       TC_NCOLS, &d->tasks, err)) ||
	    (rc = count(db, "SELECT count(*) FROM (SELECT 1 FROM entity_visit WHERE last < ?1"
			" LIMIT ?2)", cutoff, &d->patrol_due, err)) ||
	    (rc = rows(db, "SELECT e.id, e.name, v.last FROM entity_visit v"
		       " JOIN entity e ON e.id = v.entity WHERE v.last < ?1"
		       " ORDER BY v.last, v.entity LIMIT ?2", cutoff, max_items, 3, &d->patrol, err)) ||
	    /* deadline > '' (not <> ''): a range of finding_status that leaves out
	     * the open findings without a deadline, which the county has ten times
	     * more of (3.2 -> 0.3 M instructions on the large demo county) */
	    (rc = count(db, "SELECT count(*) FROM (SELECT 1 FROM finding WHERE status = 'open'"
			" AND deadline > '' AND deadline < ?1 LIMIT ?2)", d->today, &d->rectify_late,
			err)) ||
	    /* the grids' runs pending whole (see db.c) hold a record or more
	     * each: the first cap of them are enough. A record that moved is
	     * pending in each grid it was in, and counted once: at its row in
	     * the first of them, found by pending_record, an index search for
	     * each row among the first cap. (A record of a run that moved is
	     * still counted twice: its run says how many, not which.) */
	    (rc = count(db, "SELECT min(?2, (SELECT count(*) FROM (SELECT 1 FROM pending p"
			" WHERE NOT EXISTS (SELECT 1 FROM pending q INDEXED BY pending_record"
			" WHERE q.kind = p.kind AND q.id = p.id AND q.grid < p.grid) LIMIT ?2))"
			" + (SELECT coalesce(sum(n), 0) FROM (SELECT n FROM pending_whole LIMIT ?2)))",
			NULL, &d->unsent, err))) {
		wg_dashboard_free(d);
		return rc;
	}
	struct wg_limits lim = {0};
	if ((rc = wg_limits_open(db, d->today, &lim, err)) ||
	    (rc = wg_expiry_count(db, d->today, lim.expiry_alert_days, WG_DASH_CAP, &d->expiring,
				  err)) ||
	    (rc = wg_calendar_wanted_db(db, d->today, &d->calendar_wanted, err)))
		wg_dashboard_free(d);
	d->expiry_days = lim.expiry_alert_days;
	return rc;
}

void wg_dashboard_free(struct wg_dashboard *d)
{
	wg_rows_free(&d->tasks);
	wg_rows_free(&d->patrol);
	free(d->last_export);
	d->last_export = NULL;
}
