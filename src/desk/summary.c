#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "query.h"
#include "risk.h"
#include "rules.h"
#include "schema.h"
#include "summary.h"
#include "timeutil.h"

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

static void add(struct wg_summary *s, enum wg_summary_section sec, const char *date,
		const char *what, const char *result, const char *detail)
{
	s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
	s->v[s->n++] = (struct wg_summary_row){sec, xstrdup(date ? date : ""), xstrdup(what ? what : ""),
					       xstrdup(result ? result : ""),
					       xstrdup(detail ? detail : "")};
}

void wg_summary_free(struct wg_summary *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].date);
		free(s->v[i].what);
		free(s->v[i].result);
		free(s->v[i].detail);
	}
	free(s->v);
	free(s->name);
	free(s->uscc);
	free(s->licence);
	free(s->licence_expiry);
	free(s->category);
	memset(s, 0, sizeof *s);
}

/* Rows of sql (?1 entity, ?2 from, ?3 to, ?4 to as the day of overdue):
 * date, what, result, detail. */
static int rows(sqlite3 *db, struct wg_summary *s, enum wg_summary_section sec, const char *sql,
		const char *entity, const char *from, const char *to, wg_error *err)
{
	sqlite3_stmt *st;
	int step;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		add(s, sec, col(st, 0), col(st, 1), col(st, 2), col(st, 3));
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

int wg_summary_build(sqlite3 *db, const char *entity, const char *from, const char *to,
		     struct wg_summary *out, wg_error *err)
{
	wg_record *e;
	wg_points_rules *pr = NULL;
	wg_risk_rules *rr = NULL;
	wg_risk risk;
	int rc;
	memset(out, 0, sizeof *out);
	if (!wg_date_valid(from) || !wg_date_valid(to))
		return wg_fail(err, WG_EINPUT, _("give the dates as 2026-01-31"));
	if (strcmp(from, to) > 0)
		return wg_fail(err, WG_EINPUT, _("the first date is after the last"));
	if ((rc = wg_db_load(db, &wg_kind_entity, entity, &e, err)))
		return rc;
	out->name = xstrdup(wg_record_get(e, "name"));
	out->uscc = xstrdup(wg_record_get(e, "uscc"));
	out->licence = xstrdup(wg_record_get(e, "licence"));
	out->licence_expiry = xstrdup(wg_record_get(e, "licence_expiry"));
	out->category = xstrdup(wg_record_get(e, "category"));
	wg_record_free(e);
	add(out, SUM_ENTITY, "", out->name, "", out->uscc);
	/* signed inspections not corrected by another, by their day (CST) */
	if ((rc = rows(db, out, SUM_INSPECTION,
		       "SELECT date(started, '+8 hours'), kind, result, summary FROM inspection"
		       " WHERE entity = ?1 AND status = 'signed' AND date(started, '+8 hours')"
		       " BETWEEN ?2 AND ?3 AND NOT EXISTS (SELECT 1 FROM inspection c WHERE"
		       " c.corrects = inspection.id AND c.corrects != '' AND c.status = 'signed')"
		       " ORDER BY started, id", entity, from, to, err)) ||
	    /* findings with their rectification as of the period's end */
	    (rc = rows(db, out, SUM_FINDING,
		       "SELECT found, text, CASE WHEN status = 'open' AND deadline <> '' AND"
		       " deadline < ?3 THEN 'overdue' ELSE status END, deadline FROM finding"
		       " WHERE entity = ?1 AND found BETWEEN ?2 AND ?3 ORDER BY found, id",
		       entity, from, to, err)) ||
	    /* complaints verified: checked on the spot or closed, without the
	     * complainant (county-only personal data) */
	    (rc = rows(db, out, SUM_COMPLAINT,
		       "SELECT date(received, '+8 hours'), channel, status, result FROM complaint"
		       " WHERE entity = ?1 AND status IN ('verifying', 'closed') AND"
		       " date(received, '+8 hours') BETWEEN ?2 AND ?3 ORDER BY received, id",
		       entity, from, to, err)))
		goto fail;
	if ((rc = wg_rules_load(db, to, &pr, &rr, err)) ||
	    (rc = wg_risk_entity(db, rr, pr, entity, to, &risk, err)))
		goto fail;
	char pts[32], cycle[64];
	snprintf(pts, sizeof pts, "%d", risk.points.total);
	snprintf(cycle, sizeof cycle, "%s..%s", risk.points.from, risk.points.to);
	add(out, SUM_POINTS, to, cycle, pts,
	    risk.points.band ? risk.points.band->consequence : "");
	for (size_t i = 0; i < risk.points.nextra; i++) {
		snprintf(pts, sizeof pts, "%d", risk.points.extra[i].total);
		snprintf(cycle, sizeof cycle, "%s..%s", risk.points.extra[i].from,
			 risk.points.extra[i].to);
		add(out, SUM_POINTS, to, cycle, pts,
		    risk.points.extra[i].band ? risk.points.extra[i].band->consequence : "");
	}
	char score[16];
	snprintf(score, sizeof score, "%d", risk.score);
	add(out, SUM_RISK, to, risk.grade->name, risk.grade->code, score);
	bool red = risk.red;
	wg_risk_clear(&risk);
	/* black-list cases that touch the period; then the red list at its end */
	if ((rc = rows(db, out, SUM_CREDIT,
		       "SELECT CASE WHEN listed <> '' THEN listed ELSE noticed END, basis, status,"
		       " reason || CASE WHEN until <> '' THEN '（' || listed || '..' || until || '）'"
		       " ELSE '' END FROM blacklist WHERE entity = ?1 AND noticed <= ?3 AND"
		       " (status = 'noticed' OR (status = 'listed' AND until >= ?2) OR"
		       " (repaired <> '' AND repaired >= ?2) OR (removed <> '' AND removed >= ?2))"
		       " ORDER BY noticed, id", entity, from, to, err)))
		goto fail;
	if (red)
		add(out, SUM_CREDIT, to, "", "red", "");
	wg_rules_free(pr, rr);
	return WG_OK;
fail:
	wg_rules_free(pr, rr);
	wg_summary_free(out);
	return rc;
}
