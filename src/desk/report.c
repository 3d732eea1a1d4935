#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "checklist.h"
#include "db.h"
#include "i18n.h"
#include "points.h"
#include "progress.h"
#include "report.h"
#include "risk.h"
#include "rules.h"
#include "strbuf.h"
#include "timeutil.h"

void wg_report_free(struct wg_report *rep)
{
	if (!rep)
		return;
	for (size_t i = 0; i < rep->ncharts; i++) {
		struct wg_chart *c = &rep->charts[i];
		free(c->title);
		free(c->note);
		for (size_t s = 0; s < c->nseries; s++)
			free(c->series[s]);
		for (size_t r = 0; r < c->nrows; r++)
			free(c->labels[r]);
		free(c->labels);
		free(c->values);
	}
	free(rep->charts);
	free(rep);
}

/* The charts wg_report_build makes, for its progress bar. */
#define REPORT_CHARTS 10

static struct wg_chart *chart_new(struct wg_report *rep, const char *title, const char *note,
				  bool percent, size_t nseries, const char *const *series)
{
	/* a large county takes seconds: say which chart of how many is being computed */
	wg_progress(N_("Computing the report"), rep->ncharts, REPORT_CHARTS);
	rep->charts = xrealloc(rep->charts, (rep->ncharts + 1) * sizeof *rep->charts);
	struct wg_chart *c = &rep->charts[rep->ncharts++];
	memset(c, 0, sizeof *c);
	c->title = xstrdup(title);
	c->note = note ? xstrdup(note) : NULL;
	c->percent = percent;
	c->nseries = nseries;
	for (size_t s = 0; s < nseries; s++)
		c->series[s] = xstrdup(series[s]);
	return c;
}

static void chart_row(struct wg_chart *c, const char *label, const double *v)
{
	c->labels = xrealloc(c->labels, (c->nrows + 1) * sizeof *c->labels);
	c->values = xrealloc(c->values, (c->nrows + 1) * c->nseries * sizeof *c->values);
	c->labels[c->nrows] = xstrdup(label);
	memcpy(c->values + c->nrows * c->nseries, v, c->nseries * sizeof *v);
	c->nrows++;
}

/* Run sql with ?1 = from, ?2 = to, ?3 = today; each row is a label followed by
 * nseries numbers. */
static int chart_query(sqlite3 *db, struct wg_report *rep, struct wg_chart *c, const char *sql,
		       wg_error *err)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, rep->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, rep->to, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, rep->today, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		double v[WG_CHART_MAX_SERIES];
		const unsigned char *label = sqlite3_column_text(st, 0);
		for (size_t s = 0; s < c->nseries; s++)
			v[s] = sqlite3_column_double(st, (int)s + 1);
		chart_row(c, label && *label ? (const char *)label : _("(none)"), v);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

/* Entities covered: open entities of a grid with at least one record of the
 * kind started in the period (CST dates). */
/* Open entities per grid code (n), and how many of them had at least one
 * patrol (p) / enforcement inspection (i) started in the period: one pass
 * over the period's inspections and one over the entities. */
#define COVERAGE_PER_GRID                                                                    \
	"WITH cov(entity, p, i) AS (SELECT entity, max(kind = 'patrol'), max(kind = 'inspection')" \
	"  FROM inspection WHERE kind IN ('patrol', 'inspection')"                               \
	"  AND date(started, '+8 hours') BETWEEN ?1 AND ?2 GROUP BY entity),"                   \
	" per(grid, n, p, i) AS (SELECT e.grid, count(*), sum(coalesce(cov.p, 0)),"              \
	"  sum(coalesce(cov.i, 0)) FROM entity e LEFT JOIN cov ON cov.entity = e.id"             \
	"  WHERE e.status = 'open' GROUP BY e.grid) "

/* Findings found in the period, per checklist item, most frequent first. */
static int findings_chart(sqlite3 *db, struct wg_report *rep, wg_error *err)
{
	const char *ser[] = {_("findings"), _("not yet put right")};
	struct wg_chart *c = chart_new(rep, _("Findings by checklist item"),
				       _("problems found in the period, the 15 most frequent items"),
				       false, 2, ser);
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(db, "SELECT i.checklist, f.item, count(*), sum(f.status = 'open')"
				   " FROM finding f JOIN inspection i ON i.id = f.inspection"
				   " WHERE f.status <> 'withdrawn' AND f.found BETWEEN ?1 AND ?2"
				   " GROUP BY i.checklist, f.item ORDER BY count(*) DESC, i.checklist,"
				   " f.item LIMIT 15", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, rep->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, rep->to, -1, SQLITE_STATIC);
	wg_checklists *checklists = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *ref = (const char *)sqlite3_column_text(st, 0);
		const char *item = (const char *)sqlite3_column_text(st, 1);
		const wg_checklist *cl = wg_checklists_get(&checklists, db, ref);
		const struct wg_checkitem *ci = cl ? wg_checklist_item(cl, item) : NULL;
		char *label = ci ? xasprintf("%s %s", item, ci->text) : xstrdup(item ? item : "");
		double v[2] = {sqlite3_column_double(st, 2), sqlite3_column_double(st, 3)};
		chart_row(c, label, v);
		free(label);
	}
	wg_checklists_free(checklists);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

/* Closed complaints received in the period by working days from received to
 * closed (official calendar), and those still open. The rows are the county's
 * report rules in force at the end of the period (@complaint-bucket). */
static int complaint_time_chart(sqlite3 *db, struct wg_report *rep, wg_error *err)
{
	struct wg_report_rules *rr;
	int rc = wg_report_rules_open(db, rep->to, &rr, err);
	if (rc)
		return rc;
	const char *ser[] = {_("complaints")};
	struct wg_chart *c = chart_new(rep, _("Complaint handling time"),
				       _("complaints received in the period: working days from "
					 "receipt to closing"), false, 1, ser);
	size_t nb = rr->nbuckets;
	/* rows 0..nb: the time rows, nb + 1: not yet closed, nb + 2: no calendar */
	double count[WG_REPORT_MAX_BUCKETS + 3] = {0};
	wg_calendar *cal = NULL;
	wg_error e2;
	sqlite3_stmt *st;
	if (wg_calendar_open(db, &cal, &e2) != WG_OK)
		cal = NULL;
	if (sqlite3_prepare_v2(db, "SELECT received, closed, status FROM complaint"
				   " WHERE date(received, '+8 hours') BETWEEN ?1 AND ?2", -1, &st,
			       NULL) != SQLITE_OK) {
		wg_calendar_free(cal);
		wg_report_rules_free(rr);
		return wg_db_fail(db, err);
	}
	sqlite3_bind_text(st, 1, rep->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, rep->to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *received = (const char *)sqlite3_column_text(st, 0);
		const char *closed = (const char *)sqlite3_column_text(st, 1);
		time_t a, b;
		char da[WG_DATE_LEN + 1], db_[WG_DATE_LEN + 1];
		int days;
		if (strcmp((const char *)sqlite3_column_text(st, 2), "closed") != 0 || !closed ||
		    !wg_timestamp_parse(received, &a) || !wg_timestamp_parse(closed, &b)) {
			count[nb + 1]++;
			continue;
		}
		wg_date_of(a, da);
		wg_date_of(b, db_);
		int missing = 0;
		/* a year without its calendar would count Monday to Friday: not
		 * exact enough for a statistic, so it has a bar of its own */
		if (!cal || wg_calendar_count_workdays(cal, da, db_, &days, &missing, &e2) != WG_OK ||
		    missing) {
			count[nb + 2]++;
		} else {
			size_t k = 0;
			while (k < nb && days > rr->bucket[k])
				k++;
			count[k]++;
		}
	}
	sqlite3_finalize(st);
	wg_calendar_free(cal);
	if (rc != SQLITE_DONE) {
		wg_report_rules_free(rr);
		return wg_db_fail(db, err);
	}
	for (size_t i = 0; i <= nb + 2; i++) {
		char *label;
		if (i == 0)
			label = xasprintf(_("up to %d working days"), rr->bucket[0]);
		else if (i < nb)
			label = xasprintf(_("%d to %d working days"), rr->bucket[i - 1] + 1,
					  rr->bucket[i]);
		else if (i == nb)
			label = xasprintf(_("more than %d working days"), rr->bucket[nb - 1]);
		else if (i == nb + 1)
			label = xstrdup(_("not yet closed"));
		else if (count[i] > 0)
			label = xstrdup(_("no holiday calendar for the year"));
		else
			break;
		chart_row(c, label, &count[i]);
		free(label);
	}
	wg_report_rules_free(rr);
	return WG_OK;
}

/* As of today: open entities per risk grade, and entities per points band. */
static int points_risk_charts(sqlite3 *db, struct wg_report *rep, wg_error *err)
{
	wg_points_rules *pr = NULL;
	wg_risk_rules *rr = NULL;
	struct wg_points_alert *alerts = NULL;
	size_t nalerts = 0;
	sqlite3_stmt *st = NULL;
	int rc;
	if ((rc = wg_rules_load(db, rep->today, &pr, &rr, err)))
		goto out;

	const char *ser[] = {_("entities")};
	struct wg_chart *c = chart_new(rep, _("Risk grades of open entities"),
				       _("derived from the record as of today (the county's risk rules)"),
				       false, 1, ser);
	double *per = xcalloc(rr->ngrades + 1, sizeof *per);
	struct wg_risk_item *grades = NULL;
	size_t ngraded = 0;
	if ((rc = wg_risk_all(db, rr, pr, rep->today, NULL, false, &grades, &ngraded, err))) {
		free(per);
		goto out;
	}
	if (sqlite3_prepare_v2(db, "SELECT id FROM entity WHERE status = 'open' ORDER BY id", -1, &st,
			       NULL) != SQLITE_OK) {
		free(per);
		wg_risk_items_free(grades, ngraded);
		rc = wg_db_fail(db, err);
		goto out;
	}
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const wg_risk *r = wg_risk_find(grades, ngraded, (const char *)sqlite3_column_text(st, 0));
		for (size_t g = 0; r && g < rr->ngrades; g++)
			if (r->grade == &rr->grades[g])
				per[g]++;
	}
	wg_risk_items_free(grades, ngraded);
	if (s != SQLITE_DONE)
		rc = wg_db_fail(db, err);
	for (size_t g = 0; rc == WG_OK && g < rr->ngrades; g++) {
		char *label = xstrdup(wg_pick(rr->grades[g].name, rr->grades[g].label));
		chart_row(c, label, &per[g]);
		free(label);
	}
	free(per);
	if (rc)
		goto out;

	c = chart_new(rep, _("Points: entities per band reached"),
		      _("bad-practice points in the current cycle, as of today (the county's points rules)"),
		      false, 1, ser);
	if ((rc = wg_points_alerts(db, pr, rep->today, &alerts, &nalerts, err)))
		goto out;
	for (size_t b = 0; b < pr->nbands; b++) {
		double v = 0;
		for (size_t i = 0; i < nalerts; i++)
			v += alerts[i].total.band == &pr->bands[b];
		char *label = xasprintf(_("%d points or more: %s"), pr->bands[b].threshold,
					pr->bands[b].consequence);
		chart_row(c, label, &v);
		free(label);
	}
out:
	sqlite3_finalize(st);
	wg_points_alerts_free(alerts, nalerts);
	wg_rules_free(pr, rr);
	return rc;
}

int wg_report_build(sqlite3 *db, const char *from, const char *to, const char *today,
		    struct wg_report **out, wg_error *err)
{
	struct wg_report *rep = xcalloc(1, sizeof *rep);
	struct wg_chart *c;
	int rc;

	*out = NULL;
	snprintf(rep->from, sizeof rep->from, "%s", from);
	snprintf(rep->to, sizeof rep->to, "%s", to);
	snprintf(rep->today, sizeof rep->today, "%s", today);

	const char *cov[] = {_("patrolled"), _("inspected")};
	/* Per township: entities covered over all its grids. */
	c = chart_new(rep, _("Coverage per township"),
		      _("share of open entities with at least one patrol / enforcement inspection "
			"in the period"), true, 2, cov);
	if ((rc = chart_query(db, rep, c,
			      COVERAGE_PER_GRID
			      "SELECT tname, 100.0 * sum(p) / max(sum(n), 1),"
			      " 100.0 * sum(i) / max(sum(n), 1) FROM"
			      " (SELECT coalesce(t.name, '') AS tname, coalesce(per.n, 0) AS n,"
			      "  coalesce(per.p, 0) AS p, coalesce(per.i, 0) AS i"
			      "  FROM grid g LEFT JOIN township t ON t.id = g.township"
			      "  LEFT JOIN per ON per.grid = g.code)"
			      " GROUP BY tname ORDER BY tname", err)))
		goto fail;
	c = chart_new(rep, _("Coverage per grid"),
		      _("share of open entities with at least one patrol / enforcement inspection "
			"in the period"), true, 2, cov);
	if ((rc = chart_query(db, rep, c,
			      COVERAGE_PER_GRID
			      "SELECT g.code || ' ' || g.name,"
			      " 100.0 * coalesce(per.p, 0) / max(coalesce(per.n, 0), 1),"
			      " 100.0 * coalesce(per.i, 0) / max(coalesce(per.n, 0), 1)"
			      " FROM grid g LEFT JOIN per ON per.grid = g.code ORDER BY g.code", err)))
		goto fail;

	const char *res[] = {_("passed"), _("rectification required"), _("failed"),
			     _("problem reported to the county")};
	c = chart_new(rep, _("Inspection results by checklist"),
		      _("patrols and inspections started in the period"), false, 4, res);
	if ((rc = chart_query(db, rep, c,
			      "SELECT checklist, sum(result = 'pass'), sum(result = 'rectify'),"
			      " sum(result = 'fail'), sum(result = 'reported') FROM inspection"
			      " WHERE date(started, '+8 hours') BETWEEN ?1 AND ?2"
			      " GROUP BY checklist ORDER BY checklist", err)))
		goto fail;

	const char *draw[] = {_("drawn"), _("done")};
	c = chart_new(rep, _("Random inspections per grid"),
		      _("random-inspection tasks due in the period, and how many are done"), false,
		      2, draw);
	if ((rc = chart_query(db, rep, c,
			      "SELECT g.code || ' ' || g.name,"
			      " (SELECT count(*) FROM task t WHERE t.grid = g.code AND t.kind = 'random'"
			      "  AND t.due BETWEEN ?1 AND ?2),"
			      " (SELECT count(*) FROM task t WHERE t.grid = g.code AND t.kind = 'random'"
			      "  AND t.due BETWEEN ?1 AND ?2 AND t.status = 'done')"
			      " FROM grid g ORDER BY g.code", err)))
		goto fail;

	const char *over[] = {_("overdue tasks"), _("overdue complaints"),
			      _("overdue rectifications")};
	c = chart_new(rep, _("Overdue work per grid"),
		      _("open tasks past their due date, complaints not closed and findings not "
			"put right by their deadline, as of today"), false, 3, over);
	if ((rc = chart_query(db, rep, c,
			      "SELECT g.code || ' ' || g.name,"
			      " (SELECT count(*) FROM task t WHERE t.grid = g.code"
			      "  AND t.status IN ('open', 'started') AND (t.due = '') = 0 AND t.due < ?3),"
			      " (SELECT count(*) FROM complaint p WHERE p.grid = g.code"
			      "  AND p.status <> 'closed' AND p.deadline <> '' AND p.deadline < ?3),"
			      " (SELECT count(*) FROM finding f WHERE f.grid = g.code"
			      "  AND f.status = 'open' AND f.deadline <> '' AND f.deadline < ?3)"
			      " FROM grid g ORDER BY g.code", err)))
		goto fail;

	const char *comp[] = {_("received"), _("closed")};
	c = chart_new(rep, _("Complaints per grid"),
		      _("complaints received in the period, and how many of them are closed"),
		      false, 2, comp);
	if ((rc = chart_query(db, rep, c,
			      "SELECT g.code || ' ' || g.name,"
			      " (SELECT count(*) FROM complaint p WHERE p.grid = g.code"
			      "  AND date(p.received, '+8 hours') BETWEEN ?1 AND ?2),"
			      " (SELECT count(*) FROM complaint p WHERE p.grid = g.code"
			      "  AND date(p.received, '+8 hours') BETWEEN ?1 AND ?2"
			      "  AND p.status = 'closed')"
			      " FROM grid g ORDER BY g.code", err)))
		goto fail;
	if ((rc = findings_chart(db, rep, err)) || (rc = complaint_time_chart(db, rep, err)) ||
	    (rc = points_risk_charts(db, rep, err)))
		goto fail;
	wg_progress(N_("Computing the report"), rep->ncharts, REPORT_CHARTS);
	wg_progress_end();
	*out = rep;
	return WG_OK;
fail:
	wg_progress_end();
	wg_report_free(rep);
	return rc;
}

void wg_period_dates(enum wg_period p, const char *today, char from[11], char to[11])
{
	/* today is a valid date: four digits of year, two of month (the bounds
	 * tell the compiler so) */
	unsigned y = (unsigned)atoi(today) % 10000u, m = (unsigned)atoi(today + 5) % 100u;
	switch (p) {
	case WG_PERIOD_MONTH:
		snprintf(from, 11, "%04u-%02u-01", y, m);
		snprintf(to, 11, "%s", today);
		break;
	case WG_PERIOD_LAST_MONTH: {
		char first[11];
		snprintf(first, sizeof first, "%04u-%02u-01", y, m);
		wg_date_from_days(wg_date_days(first) - 1, to); /* the day before the 1st */
		snprintf(from, 11, "%.8s01", to);
		break;
	}
	case WG_PERIOD_QUARTER:
		snprintf(from, 11, "%04u-%02u-01", y, (m - 1) / 3 * 3 + 1);
		snprintf(to, 11, "%s", today);
		break;
	case WG_PERIOD_YEAR:
		snprintf(from, 11, "%04u-01-01", y);
		snprintf(to, 11, "%s", today);
		break;
	default:
		break;
	}
}

enum wg_period wg_period_default(const char *today)
{
	return strcmp(today + 8, "01") == 0 ? WG_PERIOD_LAST_MONTH : WG_PERIOD_MONTH;
}
