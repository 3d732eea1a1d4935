/* Bulk risk grading (wg_risk_all) against a reference: the per-entity queries
 * the grades were first computed with, kept here as the oracle. Every entity
 * of a varied county (several categories, points in and out of the cycle,
 * complaints, overdue findings, failed and corrected inspections) must get the
 * same numbers, grade and lists from the bulk path, from wg_risk_entity and
 * from the reference, under a calendar-year and a licence-year points cycle. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "county.h"
#include "db.h"
#include "fixture.h"
#include "i18n.h"
#include "id.h"
#include "recordop.h"
#include "points.h"
#include "risk.h"
#include "schema.h"
#include "strbuf.h"
#include "tap.h"
#include "timeutil.h"

#define NENT 240

/* ---- the reference: one entity at a time, as risk.c and points.c once did ---- */

static int ref_count(sqlite3 *db, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st;
	int n = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void ref_points(sqlite3 *db, const wg_points_rules *r, const char *entity, const char *date,
		       struct wg_points_total *out)
{
	sqlite3_stmt *st;
	char expiry[16] = "";
	memset(out, 0, sizeof *out);
	sqlite3_prepare_v2(db, "SELECT licence_expiry FROM entity WHERE id = ?", -1, &st, NULL);
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(expiry, sizeof expiry, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	wg_points_cycle(r, expiry, date, out->from, out->to);
	sqlite3_prepare_v2(db,
			   "SELECT f.violation FROM finding f JOIN inspection i ON i.id = f.inspection"
			   " WHERE f.entity = ?1 AND f.status IN ('open', 'rectified')"
			   " AND f.violation != '' AND i.kind = 'inspection' AND i.status = 'signed'"
			   " AND f.found BETWEEN ?2 AND ?3", -1, &st, NULL);
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, out->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, out->to, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const struct wg_points_rule *rule =
			wg_points_rule_find(r, (const char *)sqlite3_column_text(st, 0));
		if (rule) {
			out->total += rule->points;
			out->nviolations++;
		}
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < r->nbands; i++)
		if (out->total >= r->bands[i].threshold)
			out->band = &r->bands[i];
}

static void ref_risk(sqlite3 *db, const wg_risk_rules *rules, const wg_points_rules *points,
		     const char *entity, const char *category, const char *today, wg_risk *out)
{
	char year_ago[WG_DATE_LEN + 1], last_date[WG_DATE_LEN + 1] = "";
	sqlite3_stmt *st;
	memset(out, 0, sizeof *out);
	const struct wg_category *cat = wg_category_find(category);
	for (size_t i = 0; cat && i < rules->nbases; i++)
		if (strcmp(rules->bases[i].group, cat->group) == 0)
			out->score += rules->bases[i].base;
	ref_points(db, points, entity, today, &out->points);
	out->score += out->points.total * rules->w_points;
	wg_date_from_days(wg_date_days(today) - 365, year_ago);
	out->complaints = ref_count(db, "SELECT count(*) FROM complaint WHERE entity = ?1"
				    " AND substr(received, 1, 10) > ?2", entity, year_ago);
	out->score += out->complaints * rules->w_complaint;
	out->overdue = ref_count(db, "SELECT count(*) FROM finding WHERE entity = ?1 AND status = 'open'"
				 " AND deadline != '' AND deadline < ?2", entity, today);
	out->score += out->overdue * rules->w_overdue;
	sqlite3_prepare_v2(db, "SELECT result, signed FROM inspection WHERE entity = ?1"
			   " AND status = 'signed' AND NOT EXISTS (SELECT 1 FROM inspection c"
			   " WHERE c.corrects = inspection.id AND c.corrects != '' AND c.status = 'signed')"
			   " ORDER BY signed DESC,"
			   " CASE result WHEN 'fail' THEN 0 WHEN 'rectify' THEN 1 ELSE 2 END LIMIT 1", -1,
			   &st, NULL);
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		time_t t;
		snprintf(out->last_result, sizeof out->last_result, "%s",
			 (const char *)sqlite3_column_text(st, 0));
		if (wg_timestamp_parse((const char *)sqlite3_column_text(st, 1), &t))
			wg_date_of(t, last_date);
	}
	sqlite3_finalize(st);
	if (strcmp(out->last_result, "fail") == 0)
		out->score += rules->w_last_fail;
	else if (strcmp(out->last_result, "rectify") == 0)
		out->score += rules->w_last_rectify;
	out->grade = &rules->grades[0];
	for (size_t i = 0; i < rules->ngrades; i++)
		if (out->score >= rules->grades[i].min)
			out->grade = &rules->grades[i];
	/* the black list: a county decision within its term, never derived */
	out->black = ref_count(db, "SELECT count(*) FROM blacklist WHERE entity = ?1 AND"
			       " status = 'listed' AND listed <= ?2 AND until >= ?2", entity, today) > 0;
	out->red = !out->black && out->score <= rules->red_max && out->points.total == 0 &&
		   out->complaints == 0 && out->overdue == 0 &&
		   strcmp(out->last_result, "pass") == 0 && strcmp(last_date, year_ago) > 0;
}

/* ---- a varied county ---- */

static unsigned seed = 12345;
static unsigned rnd(unsigned n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 16) % n;
}

#define exec fixture_exec

static void execf(sqlite3 *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void execf(sqlite3 *db, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	exec(db, sql);
	sqlite3_free(sql);
}

static void make_county(sqlite3 *db, char ids[][WG_ID_BUFSIZE], char cats[][8])
{
	static const char *const categories[] = {"D211", "D600", "P100", "H110", "S100", "W200",
						 "C220", "ZZ99"};
	static const char *const codes[] = {"M-STAFF", "M-LIC-LEND", "M-DRUGS", "M-FEES", "M-WASTE-SORT",
					    "M-REUSE", "X-UNKNOWN"};
	static const char *const results[] = {"pass", "pass", "fail", "rectify", ""};
	static const char *const fstatus[] = {"open", "open", "rectified", "closed"};
	int ninsp = 0;

	exec(db, "BEGIN");
	for (int i = 0; i < NENT; i++) {
		snprintf(ids[i], WG_ID_BUFSIZE, "%08x%024d", (unsigned)(i * 2654435761u), i);
		snprintf(cats[i], 8, "%s", categories[i % 8]);
		char expiry[11] = "";
		if (i % 3 == 0)
			snprintf(expiry, sizeof expiry, "20%02u-%02u-%02u", 26 + rnd(3), 1 + rnd(12),
				 1 + rnd(28));
		execf(db,
			 "INSERT INTO entity (id, grid, category, name, licence_expiry, status, created)"
			 " VALUES ('%s', 'g1', '%s', 'e%d', '%s', '%s', '2024-01-01T00:00:00Z')",
			 ids[i], cats[i], i, expiry, i % 11 == 0 ? "closed" : "open");
		/* complaints in and out of the last 12 months */
		for (unsigned k = rnd(4); k > 0; k--) {
			execf(db,
				 "INSERT INTO complaint (id, grid, received, entity, status) VALUES"
				 " ('c%d-%u', 'g1', '20%02u-%02u-%02uT01:00:00Z', '%s', 'open')",
				 i, k, 25 + rnd(2), 1 + rnd(12), 1 + rnd(28), ids[i]);
		}
		/* inspections, some with findings, some corrected, some tied */
		for (unsigned k = rnd(4); k > 0; k--) {
			char iid[40], at[24];
			int n = ninsp++;
			snprintf(iid, sizeof iid, "i%06d", n);
			snprintf(at, sizeof at, "20%02u-%02u-%02uT%02u:00:00Z", 25 + rnd(2), 1 + rnd(12),
				 1 + rnd(28), rnd(24));
			const char *res = results[rnd(5)];
			const char *kind = rnd(4) ? "inspection" : "patrol";
			const char *status = rnd(6) ? "signed" : "draft";
			execf(db,
				 "INSERT INTO inspection (id, grid, entity, kind, result, status, signed)"
				 " VALUES ('%s', 'g1', '%s', '%s', '%s', '%s', '%s')",
				 iid, ids[i], kind, res, status, strcmp(status, "signed") ? "" : at);
			if (rnd(5) == 0) { /* the same time, another result */
				execf(db,
					 "INSERT INTO inspection (id, grid, entity, kind, result, status, signed)"
					 " VALUES ('%st', 'g1', '%s', 'inspection', '%s', 'signed', '%s')",
					 iid, ids[i], results[rnd(4)], at);
			}
			if (rnd(6) == 0) { /* a correction, signed or not */
				execf(db,
					 "INSERT INTO inspection (id, grid, entity, kind, result, corrects,"
					 " status, signed) VALUES ('%sc', 'g1', '%s', 'inspection', '%s', '%s',"
					 " '%s', '2024-03-01T00:00:00Z')",
					 iid, ids[i], results[rnd(4)], iid, rnd(2) ? "signed" : "draft");
			}
			for (unsigned f = rnd(5); f > 0; f--) {
				char found[11], deadline[11] = "";
				snprintf(found, sizeof found, "20%02u-%02u-%02u", 25 + rnd(2), 1 + rnd(12),
					 1 + rnd(28));
				if (rnd(3))
					snprintf(deadline, sizeof deadline, "2026-%02u-%02u", 1 + rnd(12),
						 1 + rnd(28));
				execf(db,
					 "INSERT INTO finding (id, grid, inspection, entity, violation, found,"
					 " deadline, status) VALUES ('%s-f%u', 'g1', '%s', '%s', '%s', '%s',"
					 " '%s', '%s')",
					 iid, f, iid, ids[i], rnd(4) ? codes[rnd(7)] : "", found, deadline,
					 fstatus[rnd(4)]);
			}
		}
	}
	/* a findings-heavy entity for the black list by points and by overdue */
	for (int f = 0; f < 4; f++) {
		execf(db,
			 "INSERT INTO inspection (id, grid, entity, kind, result, status, signed) VALUES"
			 " ('heavy%d', 'g1', '%s', 'inspection', 'fail', 'signed', '2026-0%d-01T00:00:00Z');"
			 "INSERT INTO finding (id, grid, inspection, entity, violation, found, deadline,"
			 " status) VALUES ('heavy%d-f', 'g1', 'heavy%d', '%s', 'M-STAFF', '2026-0%d-01',"
			 " '2026-0%d-15', 'open')",
			 f, ids[1], f + 2, f, f, ids[1], f + 2, f + 2);
	}
	/* black-list cases: one listed in its term, one whose term is over, one
	 * only noticed, one repaired; the heavy entity's points and overdue
	 * rectifications alone list nobody */
	execf(db,
		 "INSERT INTO blacklist (id, grid, entity, status, noticed, listed, until) VALUES"
		 " ('b1', 'g1', '%s', 'listed', '2026-01-05', '2026-01-20', '2027-01-19'),"
		 " ('b2', 'g1', '%s', 'listed', '2024-01-05', '2024-01-20', '2025-01-19'),"
		 " ('b3', 'g1', '%s', 'noticed', '2026-06-01', '', ''),"
		 " ('b4', 'g1', '%s', 'repaired', '2026-01-05', '2026-01-20', '2027-01-19')",
		 ids[2], ids[3], ids[4], ids[6]);
	/* a model entity for the red list: passed this year, nothing else */
	execf(db,
		 "DELETE FROM complaint WHERE entity = '%s'; DELETE FROM finding WHERE entity = '%s';"
		 "DELETE FROM inspection WHERE entity = '%s';"
		 "INSERT INTO inspection (id, grid, entity, kind, result, status, signed) VALUES"
		 " ('model', 'g1', '%s', 'inspection', 'pass', 'signed', '2026-06-01T00:00:00Z')",
		 ids[5], ids[5], ids[5], ids[5]);
	exec(db, "COMMIT");
}

static bool same(const wg_risk *a, const wg_risk *b)
{
	return a->score == b->score && a->grade == b->grade && a->points.total == b->points.total &&
	       a->points.nviolations == b->points.nviolations && a->points.band == b->points.band &&
	       strcmp(a->points.from, b->points.from) == 0 && strcmp(a->points.to, b->points.to) == 0 &&
	       a->complaints == b->complaints && a->overdue == b->overdue &&
	       strcmp(a->last_result, b->last_result) == 0 && a->red == b->red && a->black == b->black;
}

static void check_day(sqlite3 *db, const wg_risk_rules *rr, const wg_points_rules *pr,
		      char ids[][WG_ID_BUFSIZE], char cats[][8], const char *today, const char *what)
{
	struct wg_risk_item *items;
	size_t n;
	wg_error err;
	int diff = 0, ediff = 0, facts_bad = 0, nred = 0, nblack = 0, npoints = 0, nout = 0,
	    nfail = 0, nover = 0, ncompl = 0;
	size_t per_grade[16] = {0};

	if (!tap_ok(wg_risk_all(db, rr, pr, today, NULL, false, &items, &n, &err) == WG_OK,
		    "%s: wg_risk_all grades the county", what))
		return;
	tap_is_int((long)n, NENT, "%s: every entity graded", what);
	for (int i = 0; i < NENT; i++) {
		wg_risk ref, one;
		const wg_risk *bulk = wg_risk_find(items, n, ids[i]);
		ref_risk(db, rr, pr, ids[i], cats[i], today, &ref);
		if (!bulk || !same(bulk, &ref) || bulk->nfacts != 0) {
			if (diff++ < 3)
				tap_diag("%s: %s bulk %d, reference %d", what, ids[i], bulk ? bulk->score : -1,
					 ref.score);
		}
		if (wg_risk_entity(db, rr, pr, ids[i], today, &one, &err) != WG_OK || !same(&one, &ref)) {
			ediff++;
		} else {
			int sum = 0;
			for (size_t k = 0; k < one.nfacts; k++)
				sum += one.facts[k].score;
			facts_bad += sum != one.score || (one.score > 0 && one.nfacts == 0);
			wg_risk_clear(&one);
		}
		nred += ref.red;
		nblack += ref.black;
		npoints += ref.points.total > 0;
		ncompl += ref.complaints > 0;
		nover += ref.overdue > 0;
		nfail += strcmp(ref.last_result, "fail") == 0;
		per_grade[ref.grade - rr->grades]++;
		struct wg_points_total all;
		/* violations outside the cycle: the totals without the cycle differ */
		ref_points(db, pr, ids[i], today, &all);
		nout += ref_count(db, "SELECT count(*) FROM finding f JOIN inspection i ON i.id = f.inspection"
				  " WHERE f.entity = ?1 AND f.violation LIKE 'M-%' AND i.status = 'signed'"
				  " AND i.kind = 'inspection' AND f.status != 'closed'", ids[i], "") >
			(int)all.nviolations;
	}
	tap_is_int(diff, 0, "%s: bulk grades equal the reference for all %d entities", what, NENT);
	tap_is_int(ediff, 0, "%s: wg_risk_entity equals the reference for all %d entities", what, NENT);
	tap_is_int(facts_bad, 0, "%s: the explanations add up to the score", what);
	/* the county is varied enough for the comparison to mean something */
	tap_ok(nred > 0 && nblack > 0 && npoints > 0 && nout > 0 && nfail > 0 && nover > 0 &&
		       ncompl > 0,
	       "%s: red %d, black %d, with points %d, violations out of cycle %d, last failed %d,"
	       " overdue %d, complaints %d", what, nred, nblack, npoints, nout, nfail, nover, ncompl);
	size_t grades = 0;
	for (size_t g = 0; g < rr->ngrades; g++)
		grades += per_grade[g] > 0;
	tap_ok(grades >= 3, "%s: %zu of %zu grades occur", what, grades, rr->ngrades);

	/* the credit lists hold exactly the red and black entities */
	for (int red = 0; red < 2; red++) {
		struct wg_credit_entry *e;
		size_t ne, want = 0, bad = 0;
		if (!tap_ok(wg_credit_list(db, rr, pr, today, red, &e, &ne, &err) == WG_OK,
			    "%s: %s list", what, red ? "red" : "black"))
			continue;
		for (size_t k = 0; k < n; k++)
			want += red ? items[k].risk.red : items[k].risk.black;
		for (size_t k = 0; k < ne; k++) {
			const wg_risk *b = wg_risk_find(items, n, e[k].entity);
			bad += !b || !same(b, &e[k].risk) || !(red ? b->red : b->black);
		}
		tap_ok(ne == want && bad == 0, "%s: %s list has the %zu listed entities (%zu)", what,
		       red ? "red" : "black", want, ne);
		wg_credit_list_free(e, ne);
	}
	/* points alerts: every entity whose total reached a band */
	struct wg_points_alert *a;
	size_t na, want = 0, bad = 0;
	if (tap_ok(wg_points_alerts(db, pr, today, &a, &na, &err) == WG_OK, "%s: points alerts", what)) {
		for (size_t k = 0; k < n; k++)
			want += wg_points_reached(&items[k].risk.points);
		for (size_t k = 0; k < na; k++) {
			const wg_risk *b = wg_risk_find(items, n, a[k].entity);
			bad += !b || b->points.band != a[k].total.band || b->points.total != a[k].total.total;
		}
		tap_ok(na == want && bad == 0 && na > 0, "%s: %zu alerts, as the grades say", what, na);
		wg_points_alerts_free(a, na);
	}
	wg_risk_items_free(items, n);
}

int main(void)
{
	char tmpl[] = "/tmp/wangge-test-risk-XXXXXX", dir[512];
	static char ids[NENT][WG_ID_BUFSIZE], cats[NENT][8];
	wg_workspace *ws;
	wg_error err;
	wg_risk_rules *rr;
	wg_points_rules *pr, *lic;

	setenv("WANGGE_NOW", "2026-11-22T02:00:00Z", 1);
	if (!mkdtemp(tmpl))
		return 1;
	snprintf(dir, sizeof dir, "%s/county", tmpl);
	if (!tap_ok(wg_init_county(dir, "示范县", "330102", &ws, &err) == WG_OK, "county made") ||
	    !tap_ok(wg_risk_rules_load(NULL, &rr, &err) == WG_OK &&
			    wg_points_rules_load(NULL, &pr, &err) == WG_OK,
		    "rules load"))
		return tap_exit();
	make_county(ws->db, ids, cats);

	check_day(ws->db, rr, pr, ids, cats, "2026-11-22", "calendar year");
	check_day(ws->db, rr, pr, ids, cats, "2026-03-10", "early in the year");

	/* the same rules with a licence-year cycle: each entity its own window */
	static const char lic_text[] =
		"@scheme licence test | licence test\n@cycle licence\n@band 6 | 六 | six\n"
		"@band 24 | 二十四 | twenty-four\nM-STAFF | 12 | x | x\nM-LIC-LEND | 12 | x | x\n"
		"M-DRUGS | 4 | x | x\nM-FEES | 2 | x | x\nM-WASTE-SORT | 2 | x | x\nM-REUSE | 6 | x | x\n";
	if (tap_ok(wg_points_rules_parse("lic", lic_text, strlen(lic_text), &lic, &err) == WG_OK,
		   "licence-cycle rules parse")) {
		check_day(ws->db, rr, lic, ids, cats, "2026-11-22", "licence cycle");
		wg_points_rules_free(lic);
	}

	/* one entity: an unknown id is refused, nothing graded */
	wg_risk one;
	tap_is_int(wg_risk_entity(ws->db, rr, pr, "0123456789abcdef0123456789abcdef", "2026-11-22",
				  &one, &err), WG_EINPUT, "an unknown entity is refused");
	tap_ok(strstr(err.msg, "0123456789abcdef0123456789abcdef") != NULL, "the error names it: %s",
	       err.msg);

	wg_risk_rules_free(rr);
	wg_points_rules_free(pr);
	wg_ws_close(ws);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpl);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", tmpl);
	return tap_exit();
}
