#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datafile.h"
#include "db.h"
#include "i18n.h"
#include "risk.h"
#include "schema.h"
#include "strbuf.h"
#include "timeutil.h"

void wg_risk_rules_free(wg_risk_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nbases; i++)
		free(r->bases[i].group);
	for (size_t i = 0; i < r->ngrades; i++) {
		free(r->grades[i].code);
		free(r->grades[i].name);
		free(r->grades[i].label);
	}
	free(r->bases);
	free(r->grades);
	free(r);
}

static bool parse_num(const char *s, int *out)
{
	const char *p = s;
	if (*p == '-')
		p++;
	size_t n = strlen(p);
	if (n == 0 || n > 5 || strspn(p, "0123456789") != n || (n > 1 && p[0] == '0'))
		return false;
	*out = atoi(s);
	return true;
}

static const char *const groups[] = {"clinic", "hospital", "pharmacy", "public_place", "school",
				     "water", "vaccination", "elderly", "illegal", NULL};

int wg_risk_rules_parse(const char *name, const char *text, size_t len, wg_risk_rules **out,
			wg_error *err)
{
	wg_datafile df;
	int rc = wg_datafile_parse(name, text, len, &df, err);
	unsigned seen = 0;
	if (rc)
		return rc;
	wg_risk_rules *r = xcalloc(1, sizeof *r);
	static const char *const weights[] = {"points", "complaint", "overdue", "last-fail",
					      "last-rectify", NULL};
	for (size_t i = 0; i < df.nlines; i++) {
		const struct wg_dfline *l = &df.lines[i];
		const char *d = l->directive;
		int v;
		if (!d) {
			rc = wg_datafile_fail(&df, l, err, _("expected a directive (@base, @weight, @grade, ...)"));
			goto fail;
		}
		if (strcmp(d, "base") == 0) {
			bool known = false;
			for (const char *const *g = groups; *g; g++)
				known |= l->nfields == 2 && strcmp(*g, l->fields[0]) == 0;
			if (!known || !parse_num(l->fields[1], &v)) {
				rc = wg_datafile_fail(&df, l, err,
						      _("expected: @base GROUP | SCORE, GROUP being a category group"));
				goto fail;
			}
			r->bases = xrealloc(r->bases, (r->nbases + 1) * sizeof *r->bases);
			r->bases[r->nbases].group = xstrdup(l->fields[0]);
			r->bases[r->nbases++].base = v;
		} else if (strcmp(d, "weight") == 0) {
			int *slot[] = {&r->w_points, &r->w_complaint, &r->w_overdue, &r->w_last_fail,
				       &r->w_last_rectify};
			size_t k = 0;
			while (weights[k] && (l->nfields != 2 || strcmp(weights[k], l->fields[0])))
				k++;
			if (!weights[k] || !parse_num(l->fields[1], &v)) {
				rc = wg_datafile_fail(&df, l, err,
						      _("expected: @weight points|complaint|overdue|last-fail|last-rectify | NUMBER"));
				goto fail;
			}
			*slot[k] = v;
			seen |= 1u << k;
		} else if (strcmp(d, "grade") == 0) {
			if (l->nfields != 4 || !parse_num(l->fields[1], &v)) {
				rc = wg_datafile_fail(&df, l, err,
						      _("expected: @grade CODE | LOWEST SCORE | 中文 | English"));
				goto fail;
			}
			if (r->ngrades && r->grades[r->ngrades - 1].min >= v) {
				rc = wg_datafile_fail(&df, l, err, _("grades must be in ascending order"));
				goto fail;
			}
			r->grades = xrealloc(r->grades, (r->ngrades + 1) * sizeof *r->grades);
			r->grades[r->ngrades++] = (struct wg_risk_grade){
				xstrdup(l->fields[0]), v, xstrdup(l->fields[2]), xstrdup(l->fields[3])};
		} else if (strcmp(d, "red-list") == 0 || strcmp(d, "black-list-points") == 0 ||
			   strcmp(d, "black-list-overdue") == 0 || strcmp(d, "complaint-days") == 0) {
			if (l->nfields != 1 || !parse_num(l->fields[0], &v) || v < 0) {
				rc = wg_datafile_fail(&df, l, err, _("@%s needs one whole number"), d);
				goto fail;
			}
			if (strcmp(d, "red-list") == 0) {
				r->red_max = v;
				seen |= 1u << 5;
			} else if (strcmp(d, "black-list-points") == 0) {
				r->black_points = v;
				seen |= 1u << 6;
			} else if (strcmp(d, "black-list-overdue") == 0) {
				r->black_overdue = v;
				seen |= 1u << 7;
			} else {
				r->complaint_days = v;
				seen |= 1u << 8;
			}
		} else {
			rc = wg_datafile_fail(&df, l, err, _("unknown directive @%s"), d);
			goto fail;
		}
	}
	if (seen != 0x1ffu || !r->ngrades) {
		rc = wg_datafile_fail(&df, NULL, err,
				      _("a risk file needs every @weight, @grade lines, @red-list, "
					"@black-list-points, @black-list-overdue and @complaint-days"));
		goto fail;
	}
	wg_datafile_free(&df);
	*out = r;
	return WG_OK;
fail:
	wg_datafile_free(&df);
	wg_risk_rules_free(r);
	return rc;
}

int wg_risk_rules_load(const char *path, wg_risk_rules **out, wg_error *err)
{
	char *p = path ? xstrdup(path) : wg_data_path("rules/risk");
	char *buf;
	size_t len;
	int rc = wg_read_file_buf(p, 1 << 20, &buf, &len, err);
	if (rc == WG_OK) {
		rc = wg_risk_rules_parse(p, buf, len, out, err);
		free(buf);
	}
	free(p);
	return rc;
}

void wg_risk_clear(wg_risk *r)
{
	for (size_t i = 0; i < r->nfacts; i++)
		free(r->facts[i].text);
	free(r->facts);
	memset(r, 0, sizeof *r);
}

static void add_fact(wg_risk *r, int score, char *text)
{
	r->facts = xrealloc(r->facts, (r->nfacts + 1) * sizeof *r->facts);
	r->facts[r->nfacts++] = (struct wg_risk_fact){text, score};
	r->score += score;
}

static int count(sqlite3 *db, const char *sql, const char *a, const char *b, int *out,
		 wg_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? WG_OK : wg_db_fail(db, err);
}

int wg_risk_entity(sqlite3 *db, const wg_risk_rules *rules, const wg_points_rules *points,
		   const char *entity, const char *today, wg_risk *out, wg_error *err)
{
	wg_record *e;
	char year_ago[WG_DATE_LEN + 1];
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = wg_db_load(db, &wg_kind_entity, entity, &e, err)))
		return rc;
	const struct wg_category *cat = wg_category_find(wg_record_get(e, "category"));
	for (size_t i = 0; cat && i < rules->nbases; i++)
		if (strcmp(rules->bases[i].group, cat->group) == 0)
			add_fact(out, rules->bases[i].base,
				 xasprintf(_("category: %s (base risk)"), _(cat->label)));
	wg_record_free(e);

	if ((rc = wg_points_entity(db, points, entity, today, &out->points, err)))
		goto fail;
	if (out->points.total)
		add_fact(out, out->points.total * rules->w_points,
			 xasprintf(ngettext("%d point in the cycle %s to %s",
					    "%d points in the cycle %s to %s", out->points.total),
				   out->points.total, out->points.from, out->points.to));

	wg_date_from_days(wg_date_days(today) - 365, year_ago);
	if ((rc = count(db, "SELECT count(*) FROM complaint WHERE entity = ?1"
			    " AND substr(received, 1, 10) > ?2", entity, year_ago, &out->complaints, err)))
		goto fail;
	if (out->complaints)
		add_fact(out, out->complaints * rules->w_complaint,
			 xasprintf(ngettext("%d complaint in the last 12 months",
					    "%d complaints in the last 12 months", out->complaints),
				   out->complaints));

	if ((rc = count(db, "SELECT count(*) FROM finding WHERE entity = ?1 AND status = 'open'"
			    " AND deadline != '' AND deadline < ?2", entity, today, &out->overdue, err)))
		goto fail;
	if (out->overdue)
		add_fact(out, out->overdue * rules->w_overdue,
			 xasprintf(ngettext("%d rectification overdue", "%d rectifications overdue",
					    out->overdue), out->overdue));

	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT result, signed FROM inspection WHERE entity = ?1"
				   " AND status = 'signed' AND NOT EXISTS (SELECT 1 FROM inspection c"
				   " WHERE c.corrects = inspection.id AND c.corrects != '' AND c.status = 'signed') ORDER BY signed DESC,"
				   " CASE result WHEN 'fail' THEN 0 WHEN 'rectify' THEN 1 ELSE 2 END LIMIT 1", -1, &st,
			       NULL) != SQLITE_OK) {
		rc = wg_db_fail(db, err);
		goto fail;
	}
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	char last_date[WG_DATE_LEN + 1] = "";
	if (sqlite3_step(st) == SQLITE_ROW) {
		time_t t;
		snprintf(out->last_result, sizeof out->last_result, "%s",
			 (const char *)sqlite3_column_text(st, 0));
		if (wg_timestamp_parse((const char *)sqlite3_column_text(st, 1), &t))
			wg_date_of(t, last_date);
	}
	sqlite3_finalize(st);
	if (strcmp(out->last_result, "fail") == 0)
		add_fact(out, rules->w_last_fail,
			 xasprintf(_("the last inspection (%s) failed a key item"), last_date));
	else if (strcmp(out->last_result, "rectify") == 0)
		add_fact(out, rules->w_last_rectify,
			 xasprintf(_("the last inspection (%s) required rectification"), last_date));

	out->grade = &rules->grades[0];
	for (size_t i = 0; i < rules->ngrades; i++)
		if (out->score >= rules->grades[i].min)
			out->grade = &rules->grades[i];
	out->black = (rules->black_points && out->points.total >= rules->black_points) ||
		     (rules->black_overdue && out->overdue >= rules->black_overdue);
	out->red = !out->black && out->score <= rules->red_max && out->points.total == 0 &&
		   out->complaints == 0 && out->overdue == 0 &&
		   strcmp(out->last_result, "pass") == 0 && strcmp(last_date, year_ago) > 0;
	return WG_OK;
fail:
	wg_risk_clear(out);
	return rc;
}

int wg_credit_list(sqlite3 *db, const wg_risk_rules *rules, const wg_points_rules *points,
		   const char *today, bool red, struct wg_credit_entry **out, size_t *n,
		   wg_error *err)
{
	sqlite3_stmt *st;
	int rc = WG_OK, s;
	*out = NULL;
	*n = 0;
	/* Only entities that can qualify are graded: the black list needs findings
	 * (points or overdue rectifications), the red list a signed inspection. */
	if (sqlite3_prepare_v2(db,
			       red ? "SELECT id, name, grid, category FROM entity WHERE id IN"
				     " (SELECT entity FROM inspection WHERE status = 'signed')"
				     " ORDER BY grid, name, id"
				   : "SELECT id, name, grid, category FROM entity WHERE id IN"
				     " (SELECT entity FROM finding) ORDER BY grid, name, id",
			       -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		wg_risk r;
		if ((rc = wg_risk_entity(db, rules, points, (const char *)sqlite3_column_text(st, 0),
					 today, &r, err)))
			break;
		if (red ? !r.red : !r.black) {
			wg_risk_clear(&r);
			continue;
		}
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		struct wg_credit_entry *e = &(*out)[(*n)++];
		snprintf(e->entity, sizeof e->entity, "%s", (const char *)sqlite3_column_text(st, 0));
		e->name = xstrdup((const char *)sqlite3_column_text(st, 1));
		e->grid = xstrdup((const char *)sqlite3_column_text(st, 2));
		e->category = xstrdup((const char *)sqlite3_column_text(st, 3));
		e->risk = r;
	}
	if (rc == WG_OK && s != SQLITE_DONE)
		rc = wg_db_fail(db, err);
	sqlite3_finalize(st);
	if (rc) {
		wg_credit_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void wg_credit_list_free(struct wg_credit_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].name);
		free(e[i].grid);
		free(e[i].category);
		wg_risk_clear(&e[i].risk);
	}
	free(e);
}
