/* Benchmark: a random draw over 100,000 entities (make bench). Times are
 * reported with a baseline measured in the same run on the same data: one
 * plain SELECT of the columns the draw reads from the entity table. The risk
 * grades are timed both ways: one entity at a time (wg_risk_entity, how the
 * report and the directory load graded before) and in bulk (wg_risk_all). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "county.h"
#include "db.h"
#include "draw.h"
#include "id.h"
#include "recordop.h"
#include "plan.h"
#include "report.h"
#include "risk.h"
#include "schema.h"
#include "workspace.h"

#define NENT 100000
#define NGRIDS 200
#define NINSP 60

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const wg_error *err)
{
	fprintf(stderr, "bench-draw: %s: %s\n", what, err ? err->msg : "");
	exit(1);
}

int main(void)
{
	static const char *const cats[] = {"D211", "D600", "P100", "H110", "H130", "S100", "W200"};
	char tmpl[] = "/tmp/wangge-bench-XXXXXX";
	char *base = mkdtemp(tmpl), dir[512], id[WG_ID_BUFSIZE];
	wg_workspace *ws;
	wg_error err;
	sqlite3_stmt *st;

	if (!base)
		die("mkdtemp", NULL);
	snprintf(dir, sizeof dir, "%s/county", base);
	if (wg_init_county(dir, "基准县", "330102", &ws, &err))
		die("init", &err);
	/* Set-up: bulk rows straight into the tables (not what is measured). */
	wg_db_exec(ws->db, "BEGIN", &err);
	for (int g = 0; g < NGRIDS; g++) {
		char sql[256];
		wg_id_new(id);
		snprintf(sql, sizeof sql, "INSERT INTO grid VALUES ('%s', 'g%03d', '网格%d', '')", id, g, g);
		wg_db_exec(ws->db, sql, &err);
	}
	sqlite3_prepare_v2(ws->db, "INSERT INTO entity (id, grid, category, name, status, created)"
				   " VALUES (?, ?, ?, ?, 'open', '2026-01-01T00:00:00Z')", -1, &st, NULL);
	for (int i = 0; i < NENT; i++) {
		char grid[8], name[32];
		wg_id_new(id);
		snprintf(grid, sizeof grid, "g%03d", i % NGRIDS);
		snprintf(name, sizeof name, "单位%d", i);
		sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, grid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, cats[i % 7], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, name, -1, SQLITE_TRANSIENT);
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	/* A complaint about every 50th entity. */
	wg_db_exec(ws->db, "INSERT INTO complaint (id, grid, channel, received, entity, content, status)"
			   " SELECT lower(hex(randomblob(16))), grid, 'phone', '2026-05-01T00:00:00Z', id,"
			   " 'x', 'open' FROM entity WHERE rowid % 50 = 0", &err);
	/* A signed inspection of every 3rd entity over the last two years (a failed
	 * key item in every 5th), a correction now and then, findings with
	 * violation codes and deadlines for every 10th: what the grades read. */
	wg_db_exec(ws->db, "INSERT INTO inspection (id, grid, entity, kind, result, corrects, status,"
			   " signed) SELECT 'i' || rowid, grid, id, 'inspection',"
			   " CASE rowid % 5 WHEN 0 THEN 'fail' WHEN 1 THEN 'rectify' ELSE 'pass' END, '',"
			   " 'signed', strftime('%Y-%m-%dT%H:%M:%SZ', 1735689600 + (rowid * 7919 % 690) * 86400,"
			   " 'unixepoch') FROM entity WHERE rowid % 3 = 0", &err);
	wg_db_exec(ws->db, "INSERT INTO inspection (id, grid, entity, kind, result, corrects, status,"
			   " signed) SELECT 'c' || rowid, grid, id, 'inspection', 'pass', 'i' || rowid,"
			   " 'signed', '2026-10-01T00:00:00Z' FROM entity WHERE rowid % 300 = 0", &err);
	wg_db_exec(ws->db, "INSERT INTO finding (id, grid, inspection, entity, violation, found,"
			   " deadline, status) SELECT 'f' || e.rowid || '-' || k, e.grid, 'i' || e.rowid, e.id,"
			   " CASE k WHEN 0 THEN 'M-STAFF' WHEN 1 THEN 'M-DRUGS' ELSE 'M-FEES' END,"
			   " substr(i.signed, 1, 10), date(substr(i.signed, 1, 10), '+20 days'),"
			   " CASE (e.rowid + k) % 3 WHEN 0 THEN 'rectified' ELSE 'open' END"
			   " FROM entity e JOIN inspection i ON i.id = 'i' || e.rowid"
			   " JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2)"
			   " WHERE e.rowid % 30 = 0", &err);
	for (int i = 0; i < NINSP; i++) {
		char sql[256];
		wg_id_new(id);
		snprintf(sql, sizeof sql, "INSERT INTO officer (id, name, grid, role, cert, status) VALUES"
			 " ('%s', '检查员%d', '%s', 'inspector', 'C%d', 'active')", id, i,
			 i % 2 ? "" : "g000", i);
		wg_db_exec(ws->db, sql, &err);
	}
	if (wg_db_exec(ws->db, "COMMIT", &err))
		die("set-up", &err);

	static const char plan_text[] =
		"name = bench\nfrom = 2026-10-01\nto = 2026-12-31\n"
		"[clinic]\nratio = 5%\ncomplaint = always\n"
		"[pharmacy]\nratio = 5%\n[public_place]\nratio = 3%\ncomplaint = 30%\n"
		"[school]\nratio = 15%\n[water]\nratio = 10%\n";
	struct wg_plan *plan;
	if (wg_plan_parse(plan_text, strlen(plan_text), &plan, &err))
		die("plan", &err);

	/* Baseline: read the entity columns the draw needs; the best of three runs
	 * (the first one also warms the cache). */
	double t0, base_s = 0;
	long rows = 0;
	for (int run = 0; run < 3; run++) {
		t0 = now();
		rows = 0;
		sqlite3_prepare_v2(ws->db, "SELECT id, grid, category, name FROM entity"
					   " WHERE status = 'open' ORDER BY id", -1, &st, NULL);
		while (sqlite3_step(st) == SQLITE_ROW)
			rows++;
		sqlite3_finalize(st);
		double s = now() - t0;
		if (run == 0 || s < base_s)
			base_s = s;
	}

	/* The same with risk grades: every public place graded from its record. */
	static const char risk_text[] =
		"name = bench-risk\nfrom = 2026-10-01\nto = 2026-12-31\nhigh_risk_grade = medium\n"
		"[public_place]\nratio = 3%\nhigh_risk = always\nblack_list = always\n";
	struct wg_plan *rplan;
	struct wg_draw_dir *rd;
	if (wg_plan_parse(risk_text, strlen(risk_text), &rplan, &err))
		die("plan", &err);
	double t1 = now();
	if (wg_draw_dir_load(ws->db, rplan, "2026-11-22", &rd, &err))
		die("risk directory", &err);
	double risk_s = now() - t1;
	size_t graded = rd->nent;
	wg_draw_dir_free(rd);
	wg_plan_free(rplan);

	/* Grading every open entity: one by one (as the report and the directory
	 * load did before), then in bulk. */
	wg_risk_rules *rr;
	wg_points_rules *pr;
	if (wg_points_rules_load(NULL, &pr, &err) || wg_risk_rules_load(NULL, &rr, &err))
		die("rules", &err);
	double one_s = 0, one_pp_s = 0;
	long one_n = 0, one_pp_n = 0;
	sqlite3_prepare_v2(ws->db, "SELECT id, category FROM entity WHERE status = 'open' ORDER BY id",
			   -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		wg_risk r;
		double a = now();
		if (wg_risk_entity(ws->db, rr, pr, (const char *)sqlite3_column_text(st, 0), "2026-11-22",
				   &r, &err))
			die("risk", &err);
		double b = now() - a;
		one_s += b;
		one_n++;
		const struct wg_category *c = wg_category_find((const char *)sqlite3_column_text(st, 1));
		if (c && strcmp(c->group, "public_place") == 0) {
			one_pp_s += b;
			one_pp_n++;
		}
		wg_risk_clear(&r);
	}
	sqlite3_finalize(st);
	struct wg_risk_item *items;
	size_t nitems;
	t0 = now();
	if (wg_risk_all(ws->db, rr, pr, "2026-11-22", NULL, false, &items, &nitems, &err))
		die("risk all", &err);
	double all_s = now() - t0;
	size_t per_grade[8] = {0};
	for (size_t i = 0; i < nitems; i++)
		per_grade[items[i].risk.grade - rr->grades]++;
	wg_risk_items_free(items, nitems);

	struct wg_draw_dir *d;
	struct wg_draw_result *res;
	t0 = now();
	if (wg_draw_dir_load(ws->db, plan, "2026-11-22", &d, &err))
		die("directory", &err);
	double load_s = now() - t0;
	t0 = now();
	if (wg_draw_run(plan, d, "2026-11-22", &res, &err))
		die("draw", &err);
	double draw_s = now() - t0;
	t0 = now();
	strbuf rep = STRBUF_INIT;
	if (wg_draw_verify(res->text.buf, res->text.len, NULL, &rep, &err))
		die("verify", &err);
	double verify_s = now() - t0;
	t0 = now();
	char draw_id[WG_ID_BUFSIZE];
	if (wg_draw_commit(ws, plan, d, "2026-11-22", res, draw_id, &err))
		die("commit", &err);
	double commit_s = now() - t0;

	/* The report over the same county (its risk chart grades every open entity). */
	struct wg_report *report;
	t0 = now();
	if (wg_report_build(ws->db, "2026-11-01", "2026-11-30", "2026-11-22", &report, &err))
		die("report", &err);
	double report_s = now() - t0;
	wg_report_free(report);

	printf("draw over %ld entities, %d inspectors: %zu drawn, result file %.1f MB\n", rows, NINSP,
	       res->npicks, (double)res->text.len / 1e6);
	printf("baseline  SELECT of the entity columns   %8.3f s  1.00\n", base_s);
	printf("load      directory from the database    %8.3f s  %5.2f x baseline\n", load_s,
	       load_s / base_s);
	printf("draw      entities, inspectors, result   %8.3f s  %5.2f x baseline\n", draw_s,
	       draw_s / base_s);
	printf("total     load + draw                     %8.3f s  %5.2f x baseline\n",
	       load_s + draw_s, (load_s + draw_s) / base_s);
	printf("risk      load grading %zu entities       %8.3f s  %5.2f x baseline\n", graded,
	       risk_s, risk_s / base_s);
	printf("  before: those %ld graded one by one     %8.3f s  %5.2f x baseline\n", one_pp_n,
	       one_pp_s, one_pp_s / base_s);
	printf("verify    re-run from the result file    %8.3f s  %5.2f x baseline\n", verify_s,
	       verify_s / base_s);
	printf("commit    draw record + %zu tasks       %8.3f s  %5.2f x baseline\n", res->npicks,
	       commit_s, commit_s / base_s);
	printf("report    all charts, %ld entities graded  %8.3f s  %5.2f x baseline\n", rows,
	       report_s, report_s / base_s);
	printf("grades    %ld entities one by one          %8.3f s  %5.2f x baseline\n", one_n, one_s,
	       one_s / base_s);
	printf("grades    %zu entities in bulk             %8.3f s  %5.2f x baseline  (%.0f x faster)\n",
	       nitems, all_s, all_s / base_s, all_s > 0 ? one_s / all_s : 0.0);
	printf("         ");
	for (size_t g = 0; g < rr->ngrades && g < 8; g++)
		printf(" %s %zu", rr->grades[g].code, per_grade[g]);
	printf("\n");
	wg_risk_rules_free(rr);
	wg_points_rules_free(pr);
	sb_release(&rep);
	wg_draw_result_free(res);
	wg_draw_dir_free(d);
	wg_plan_free(plan);
	wg_ws_close(ws);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
	return system(cmd) == 0 ? 0 : 1;
}
