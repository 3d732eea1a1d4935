#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "dashboard.h"
#include "db.h"
#include "rules.h"
#include "i18n.h"
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

/* Each entity's patrol cutoff by its risk grade, into the connection's
 * temporary table patrol_cutoff(entity, cutoff): every entity is graded
 * (one set-based pass, wg_risk_all) and given the day before which its
 * grade's interval has run out. Derived, never stored. */
static int patrol_cutoffs(sqlite3 *db, const char *today, const wg_patrol_rules *pr,
			  wg_error *err)
{
	wg_points_rules *points;
	wg_risk_rules *risk;
	struct wg_risk_item *items = NULL;
	sqlite3_stmt *st = NULL;
	size_t n = 0;
	int rc;
	if ((rc = wg_rules_load(db, today, &points, &risk, err)))
		return rc;
	if ((rc = wg_risk_all(db, risk, points, today, NULL, false, &items, &n, err)) ||
	    (rc = wg_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS patrol_cutoff (entity TEXT PRIMARY"
				 " KEY, cutoff TEXT NOT NULL) WITHOUT ROWID;"
				 "DELETE FROM temp.patrol_cutoff;", err)))
		goto out;
	if (sqlite3_prepare_v2(db, "INSERT INTO temp.patrol_cutoff(entity, cutoff) VALUES (?, ?)", -1,
			       &st, NULL) != SQLITE_OK) {
		rc = wg_db_fail(db, err);
		goto out;
	}
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		char cut[WG_DATE_LEN + 1];
		const char *grade = items[i].risk.grade ? items[i].risk.grade->code : NULL;
		wg_date_from_days(wg_date_days(today) - wg_patrol_days(pr, grade), cut);
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, items[i].entity, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, cut, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = wg_db_fail(db, err);
	}
out:
	sqlite3_finalize(st);
	wg_risk_items_free(items, n);
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
	d->patrol_days = wg_patrol_min_days(pr);
	d->patrol_days_max = pr->default_days;
	for (size_t i = 0; i < pr->n; i++)
		if (pr->v[i].days > d->patrol_days_max)
			d->patrol_days_max = pr->v[i].days;
	if (d->patrol_days != d->patrol_days_max)
		rc = patrol_cutoffs(db, d->today, pr, err);
	wg_patrol_rules_free(pr);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT max(at) FROM sync_sent", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		d->last_export = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);

	/* Before the cutoff (or never): no inspection since that day. The stored
	 * times are UTC; the date prefix is close enough for a patrol interval. */
	char cutoff[11];
	bool by_grade = d->patrol_days != d->patrol_days_max;
	wg_date_from_days(wg_date_days(d->today) - d->patrol_days, cutoff);

	/* Every count stops at WG_DASH_CAP, and the first tasks come from an index in
	 * the order shown (task_open: dated first, by due date): the screen costs its
	 * rows, not the county's millions of records. */
	if ((rc = count(db, "SELECT count(*) FROM (SELECT 1 FROM task WHERE status IN"
			" ('open', 'started') AND due <> '' AND due < ?1 LIMIT ?2)",
			d->today, &d->overdue, err)) ||
	    (rc = count(db, "SELECT count(*) FROM (SELECT 1 FROM task WHERE status IN"
			" ('open', 'started') AND due = ?1 LIMIT ?2)", d->today, &d->due_today,
			err)) ||
	    (rc = rows(db, "SELECT t.id, t.due, t.status, t.kind, t.title,"
		       " COALESCE((SELECT name FROM entity WHERE id = t.entity), ''), t.grid, t.source"
		       " FROM task t INDEXED BY task_open WHERE t.status IN ('open', 'started')"
		       " AND t.due <> '' AND t.due <= ?1 ORDER BY t.due = '', t.due, t.id LIMIT ?2",
		       d->today, max_items,
		       TC_NCOLS, &d->tasks, err)) ||
	    (by_grade ? (rc = count(db, "SELECT count(*) FROM (SELECT 1 FROM entity_visit v"
				    " JOIN temp.patrol_cutoff c ON c.entity = v.entity"
				    " WHERE v.last < c.cutoff AND ?1 <> '' LIMIT ?2)", cutoff,
				    &d->patrol_due, err))
		      : (rc = count(db, "SELECT count(*) FROM (SELECT 1 FROM entity_visit WHERE last < ?1"
				    " LIMIT ?2)", cutoff, &d->patrol_due, err))) ||
	    (by_grade ? (rc = rows(db, "SELECT e.id, e.name, v.last FROM entity_visit v"
				   " JOIN temp.patrol_cutoff c ON c.entity = v.entity"
				   " JOIN entity e ON e.id = v.entity WHERE v.last < c.cutoff"
				   " AND ?1 <> '' ORDER BY v.last, v.entity LIMIT ?2", cutoff, max_items,
				   3, &d->patrol, err))
		      : (rc = rows(db, "SELECT e.id, e.name, v.last FROM entity_visit v"
				   " JOIN entity e ON e.id = v.entity WHERE v.last < ?1"
				   " ORDER BY v.last, v.entity LIMIT ?2", cutoff, max_items, 3,
				   &d->patrol, err))) ||
	    (rc = count(db, "SELECT count(*) FROM (SELECT 1 FROM finding WHERE status = 'open'"
			" AND deadline <> '' AND deadline < ?1 LIMIT ?2)", d->today, &d->rectify_late,
			err)) ||
	    (rc = count(db, "SELECT count(*) FROM (SELECT 1 FROM changed LIMIT ?2)", NULL,
			&d->unsent, err))) {
		wg_dashboard_free(d);
		return rc;
	}
	if ((rc = wg_calendar_wanted_db(db, d->today, &d->calendar_wanted, err)))
		wg_dashboard_free(d);
	return rc;
}

void wg_dashboard_free(struct wg_dashboard *d)
{
	wg_rows_free(&d->tasks);
	wg_rows_free(&d->patrol);
	free(d->last_export);
	d->last_export = NULL;
}
