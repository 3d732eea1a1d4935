/* Benchmark of the supervision queries the dashboard runs, at county scale:
 * N entities, a quarter of them inspected with a failed key item. Times are
 * reported as ratios against a baseline measured in the same run (loading
 * every entity record), so they compare across machines.
 *   usage: bench-supervision [N]   (default 2000; WANGGE_DATADIR must be set) */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checklist.h"
#include "county.h"
#include "db.h"
#include "id.h"
#include "inspection.h"
#include "recordop.h"
#include "points.h"
#include "query.h"
#include "risk.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const wg_error *err)
{
	fprintf(stderr, "bench: %s: %s\n", what, err->msg);
	exit(1);
}

static void add_officer(wg_workspace *ws, const char *name, const char *cert, char id[WG_ID_BUFSIZE])
{
	wg_error err;
	wg_record *o = wg_record_new(&wg_kind_officer);
	struct wg_change ch[] = {{"name", name}, {"role", "inspector"}, {"cert", cert}, {"status", "active"}};
	if (wg_fill(o, ch, 4, false, &err) || wg_add(ws, o, &err))
		die("officer", &err);
	snprintf(id, WG_ID_BUFSIZE, "%s", wg_record_id(o));
	wg_record_free(o);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2000;
	char tmpl[] = "/tmp/wangge-bench-XXXXXX", dir[512], in1[WG_ID_BUFSIZE], in2[WG_ID_BUFSIZE];
	wg_workspace *ws;
	wg_error err;
	if (!mkdtemp(tmpl))
		return 1;
	snprintf(dir, sizeof dir, "%s/county", tmpl);
	setenv("WANGGE_NOW", "2026-02-12T02:00:00Z", 1);

	double t0 = now_s();
	if (wg_init_county(dir, "示范县", "330102", &ws, &err))
		die("init", &err);
	double t_init = now_s() - t0;
	wg_record *g = wg_record_new(&wg_kind_grid);
	wg_record_set(g, "code", "G1", NULL, &err);
	wg_record_set(g, "name", "一网格", NULL, &err);
	if (wg_grid_add(ws, g, "中山乡", &err))
		die("grid", &err);
	wg_record_free(g);
	add_officer(ws, "王芳", "0001", in1);
	add_officer(ws, "赵强", "0002", in2);
	const char *insp[2];
	insp[0] = strcmp(in1, in2) < 0 ? in1 : in2;
	insp[1] = strcmp(in1, in2) < 0 ? in2 : in1;

	char **ids = calloc((size_t)n, sizeof *ids);
	t0 = now_s();
	wg_db_begin(ws->db, &err);
	for (int i = 0; i < n; i++) {
		char name[64];
		snprintf(name, sizeof name, "诊所%05d", i);
		wg_record *e = wg_record_new(&wg_kind_entity);
		struct wg_change ch[] = {{"grid", "G1"}, {"category", "D211"}, {"name", name}};
		if (wg_fill(e, ch, 3, false, &err) || wg_add(ws, e, &err))
			die("entity", &err);
		ids[i] = strdup(wg_record_id(e));
		wg_record_free(e);
	}
	wg_db_commit(ws->db, &err);
	double t_entities = now_s() - t0;

	/* a quarter inspected: start, every item of the clinic checklist (one
	 * failed), sign (findings, deadline, task) */
	wg_checklist *cl;
	if (wg_checklist_load(ws->db, "clinic", &cl, &err))
		die("checklist", &err);
	int ninsp = n / 4;
	double t_start = 0, t_record = 0, t_sign = 0;
	for (int i = 0; i < ninsp; i++) {
		char id[WG_ID_BUFSIZE];
		struct wg_inspection_start s = {NULL, ids[i * 4], "inspection", "clinic", insp, 2};
		double a = now_s();
		if (wg_inspection_start(ws, &s, id, &err))
			die("start", &err);
		double b = now_s();
		for (size_t k = 0; k < cl->nitems; k++)
			if (wg_inspection_record(ws, id, cl->items[k].code, k == 4 ? "fail" : "pass",
						 NULL, &err))
				die("record", &err);
		double c = now_s();
		struct wg_sign_result res;
		if (wg_inspection_sign(ws, id, NULL, &res, &err))
			die("sign", &err);
		double d = now_s();
		t_start += b - a;
		t_record += c - b;
		t_sign += d - c;
	}

	wg_points_rules *pr;
	wg_risk_rules *rr;
	if (wg_points_rules_load(NULL, &pr, &err) || wg_risk_rules_load(NULL, &rr, &err))
		die("rules", &err);

	/* baseline: load every entity record */
	t0 = now_s();
	wg_records all = {0};
	if (wg_select(ws->db, &wg_kind_entity, NULL, "name", NULL, 0, &all, &err))
		die("select", &err);
	double t_base = now_s() - t0;
	size_t nall = all.n;
	wg_records_free(&all);

	t0 = now_s();
	struct wg_points_alert *alerts;
	size_t nalerts;
	if (wg_points_alerts(ws->db, pr, "2026-02-12", &alerts, &nalerts, &err))
		die("alerts", &err);
	double t_alerts = now_s() - t0;
	wg_points_alerts_free(alerts, nalerts);

	t0 = now_s();
	wg_records over = {0};
	if (wg_findings_overdue(ws->db, "2026-03-05", &over, &err))
		die("overdue", &err);
	double t_overdue = now_s() - t0;
	size_t nover = over.n;
	wg_records_free(&over);

	t0 = now_s();
	struct wg_credit_entry *black;
	size_t nblack;
	if (wg_credit_list(ws->db, rr, pr, "2026-03-05", false, &black, &nblack, &err))
		die("credit", &err);
	double t_credit = now_s() - t0;
	wg_credit_list_free(black, nblack);

	t0 = now_s();
	wg_risk r;
	if (wg_risk_entity(ws->db, rr, pr, ids[0], "2026-03-05", &r, &err))
		die("risk", &err);
	double t_risk1 = now_s() - t0;
	wg_risk_clear(&r);

	printf("# supervision benchmark: %d entities, %d signed inspections (%zu items each)\n", n, ninsp,
	       cl->nitems);
	printf("init county (imports 22 checklists): %.3f s\n", t_init);
	printf("add %d entities in one transaction:   %.3f s\n", n, t_entities);
	printf("per inspection: start %.2f ms, %zu items %.2f ms, sign %.2f ms\n",
	       1e3 * t_start / ninsp, cl->nitems, 1e3 * t_record / ninsp, 1e3 * t_sign / ninsp);
	printf("baseline: load all %zu entity records: %.4f s (= 1.0)\n", nall, t_base);
	printf("points alerts (%zu entities):        %.4f s  ratio %.1f\n", nalerts, t_alerts,
	       t_alerts / t_base);
	printf("overdue rectifications (%zu):       %.4f s  ratio %.1f\n", nover, t_overdue,
	       t_overdue / t_base);
	printf("black list over all entities (%zu): %.4f s  ratio %.1f\n", nblack, t_credit,
	       t_credit / t_base);
	printf("one entity's risk grade:              %.5f s  ratio %.3f\n", t_risk1, t_risk1 / t_base);

	wg_points_rules_free(pr);
	wg_risk_rules_free(rr);
	wg_checklist_free(cl);
	for (int i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	wg_ws_close(ws);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpl);
	return system(cmd) == 0 ? 0 : 1;
}
