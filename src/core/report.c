#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "report.h"
#include "strbuf.h"

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

static struct wg_chart *chart_new(struct wg_report *rep, const char *title, const char *note,
				  bool percent, size_t nseries, const char *const *series)
{
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
#define COVERED(kind)                                                                     \
	"(SELECT count(DISTINCT i.entity) FROM inspection i JOIN entity e ON e.id = i.entity" \
	" WHERE e.grid = g.code AND e.status = 'open' AND i.kind = '" kind "'"                \
	" AND date(i.started, '+8 hours') BETWEEN ?1 AND ?2)"

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
			      "SELECT tname, 100.0 * sum(p) / max(sum(n), 1),"
			      " 100.0 * sum(i) / max(sum(n), 1) FROM"
			      " (SELECT coalesce(t.name, '') AS tname,"
			      "  (SELECT count(*) FROM entity e WHERE e.grid = g.code"
			      "   AND e.status = 'open') AS n, " COVERED("patrol") " AS p, "
			      COVERED("inspection") " AS i"
			      "  FROM grid g LEFT JOIN township t ON t.id = g.township)"
			      " GROUP BY tname ORDER BY tname", err)))
		goto fail;
	c = chart_new(rep, _("Coverage per grid"),
		      _("share of open entities with at least one patrol / enforcement inspection "
			"in the period"), true, 2, cov);
	if ((rc = chart_query(db, rep, c,
			      "SELECT g.code || ' ' || g.name,"
			      " 100.0 * " COVERED("patrol") " / max((SELECT count(*) FROM entity e"
			      "  WHERE e.grid = g.code AND e.status = 'open'), 1),"
			      " 100.0 * " COVERED("inspection") " / max((SELECT count(*) FROM entity e"
			      "  WHERE e.grid = g.code AND e.status = 'open'), 1)"
			      " FROM grid g ORDER BY g.code", err)))
		goto fail;

	const char *res[] = {_("passed"), _("rectification required"), _("failed")};
	c = chart_new(rep, _("Inspection results by checklist"),
		      _("patrols and inspections started in the period"), false, 3, res);
	if ((rc = chart_query(db, rep, c,
			      "SELECT checklist, sum(result = 'pass'), sum(result = 'rectify'),"
			      " sum(result = 'fail') FROM inspection"
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

	const char *over[] = {_("overdue tasks"), _("overdue complaints")};
	c = chart_new(rep, _("Overdue work per grid"),
		      _("open tasks past their due date and complaints not closed by their "
			"deadline, as of today"), false, 2, over);
	if ((rc = chart_query(db, rep, c,
			      "SELECT g.code || ' ' || g.name,"
			      " (SELECT count(*) FROM task t WHERE t.grid = g.code"
			      "  AND t.status IN ('open', 'started') AND t.due <> '' AND t.due < ?3),"
			      " (SELECT count(*) FROM complaint p WHERE p.grid = g.code"
			      "  AND p.status <> 'closed' AND p.deadline <> '' AND p.deadline < ?3)"
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
	*out = rep;
	return WG_OK;
fail:
	wg_report_free(rep);
	return rc;
}
