/* The inspection core API as the full-screen program calls it, including an
 * officer's workspace: its own officer inspects by default, only its grid. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "county.h"
#include "datafile.h"
#include "db.h"
#include "id.h"
#include "inspection.h"
#include "recordop.h"
#include "tap.h"

static char *add(wg_workspace *ws, const struct wg_kind *k, const struct wg_change *ch, size_t n)
{
	wg_error err;
	wg_record *r = wg_record_new(k);
	char *id = NULL;
	if (wg_fill(r, ch, n, false, &err) == WG_OK && wg_add(ws, r, &err) == WG_OK)
		id = strdup(wg_record_id(r));
	else
		tap_diag("add %s: %s", k->name, err.msg);
	wg_record_free(r);
	return id;
}

static void grid(wg_workspace *ws, const char *code)
{
	wg_error err;
	wg_record *g = wg_record_new(&wg_kind_grid);
	wg_record_set(g, "code", code, NULL, &err);
	wg_record_set(g, "name", code, NULL, &err);
	if (wg_grid_add(ws, g, "中山乡", &err))
		tap_diag("grid: %s", err.msg);
	wg_record_free(g);
}

int main(void)
{
	char tmpl[] = "/tmp/wangge-test-insp-XXXXXX", dir[256], id[WG_ID_BUFSIZE], id2[WG_ID_BUFSIZE];
	wg_workspace *ws;
	wg_error err;
	if (!mkdtemp(tmpl))
		return 1;
	snprintf(dir, sizeof dir, "%s/ws", tmpl);
	setenv("WANGGE_NOW", "2026-02-12T02:00:00Z", 1);
	if (wg_init_county(dir, "示范县", "330102", &ws, &err)) {
		tap_ok(false, "init: %s", err.msg);
		return tap_exit();
	}
	grid(ws, "G1");
	grid(ws, "G2");
	struct wg_change o[] = {{"name", "李明"}, {"grid", "G1"}, {"role", "officer"}, {"status", "active"}};
	char *off = add(ws, &wg_kind_officer, o, 4);
	struct wg_change e1[] = {{"grid", "G1"}, {"category", "D600"}, {"name", "东湖村卫生室"}};
	struct wg_change e2[] = {{"grid", "G2"}, {"category", "D600"}, {"name", "西山村卫生室"}};
	char *ent1 = add(ws, &wg_kind_entity, e1, 3), *ent2 = add(ws, &wg_kind_entity, e2, 3);
	tap_ok(off && ent1 && ent2, "set-up records added");

	/* become this officer's workspace */
	wg_meta_set(ws->db, "role", "officer", &err);
	wg_meta_set(ws->db, "grid", "G1", &err);
	wg_meta_set(ws->db, "officer", off, &err);
	tap_is_int(wg_ws_reload(ws, &err), WG_OK, "reloaded as an officer workspace");

	struct wg_checklist_import res;
	char *path = wg_data_path("checklists/clinic.txt");
	tap_is_int(wg_checklist_import(ws, path, &res, &err), WG_EINPUT,
		   "an officer cannot import checklists");
	free(path);

	struct wg_inspection_start s = {NULL, ent2, NULL, NULL, NULL, 0};
	tap_is_int(wg_inspection_start(ws, &s, id, &err), WG_EINPUT,
		   "an officer cannot inspect another grid's entity");
	tap_ok(strstr(err.msg, "G2") != NULL, "  naming the grid: %s", err.msg);
	s.entity = ent1;
	tap_is_int(wg_inspection_start(ws, &s, id, &err), WG_OK, "patrol started, the officer by default");
	wg_inspection_view v;
	tap_is_int(wg_inspection_view_load(ws->db, id, &v, &err), WG_OK, "view loads");
	tap_is_str(v.checklist->code, "patrol-clinic", "the default patrol sheet");
	tap_is_int((long)v.inspectors.n, 1, "one inspector");
	tap_is_str(wg_record_get(v.inspectors.v[0], "name"), "李明", "the workspace's officer");
	for (size_t i = 0; i < v.checklist->nitems; i++)
		wg_inspection_record(ws, id, v.checklist->items[i].code,
				     strcmp(v.checklist->items[i].code, "PC01") == 0 ? "fail" : "pass",
				     NULL, &err);
	wg_inspection_view_free(&v);
	tap_is_int(wg_inspection_record(ws, id, "PC02", "na", "关门", &err), WG_OK, "results can change before signing");
	struct wg_sign_result sr;
	tap_is_int(wg_inspection_sign(ws, id, "已告知", &sr, &err), WG_EINPUT,
		   "a patrol that found a problem is not signed without the clue's category");
	tap_ok(strstr(err.msg, "clue") != NULL, "  saying it becomes a clue: %s", err.msg);
	struct wg_sign_opts so = {"已告知", "2026-03-02", "illegal_practice"};
	tap_is_int(wg_inspection_sign_with(ws, id, &so, &sr, &err), WG_EINPUT,
		   "nor with a rectification deadline");
	so.deadline = NULL;
	so.category = "guessed";
	tap_is_int(wg_inspection_sign_with(ws, id, &so, &sr, &err), WG_EINPUT,
		   "nor with a category not in the list");
	so.category = "illegal_practice";
	tap_is_int(wg_inspection_sign_with(ws, id, &so, &sr, &err), WG_OK,
		   "a patrol is signed by one officer");
	tap_is_str(sr.result, "reported", "its problem is reported to the county");
	tap_is_str(sr.deadline, "", "a patrol orders no rectification: no deadline");
	tap_is_str(sr.recheck, "", "and no re-inspection task");
	tap_is_int((long)sr.nfindings, 1, "the failed item is a finding");
	tap_ok(strlen(sr.clue) == 32, "a clue is reported");
	wg_record *clue = NULL;
	if (tap_is_int(wg_db_load(ws->db, &wg_kind_clue, sr.clue, &clue, &err), WG_OK, "  it loads")) {
		tap_is_str(wg_record_get(clue, "category"), "illegal_practice", "  in the category chosen");
		tap_is_str(wg_record_get(clue, "status"), "reported", "  reported");
		tap_is_str(wg_record_get(clue, "inspection"), id, "  from the patrol");
		tap_is_str(wg_record_get(clue, "reporter"), off, "  by the officer");
		tap_ok(strstr(wg_record_get(clue, "content"), "PC01") != NULL, "  naming the item");
		tap_ok(strncmp(wg_record_get(clue, "content"), "Not met on patrol: PC01 ", 24) == 0,
		       "  as a requirement not met (an item says what is required)");
		wg_record_free(clue);
	}

	struct wg_change ch[] = {{"summary", "改"}};
	tap_is_int(wg_modify(ws, &wg_kind_inspection, id, ch, 1, false, &err), WG_EINPUT,
		   "wg_modify refuses to change a signed inspection");
	wg_records rr = {0};
	const char *p[] = {id};
	wg_select(ws->db, &wg_kind_result, "inspection = ?1", NULL, p, 1, &rr, &err);
	struct wg_change rch[] = {{"outcome", "pass"}};
	tap_is_int(wg_modify(ws, &wg_kind_result, wg_record_id(rr.v[0]), rch, 1, false, &err),
		   WG_EINPUT, "or one of its results");
	wg_records_free(&rr);

	wg_records over = {0};
	tap_is_int(wg_findings_overdue(ws->db, "2026-02-27", &over, &err), WG_OK, "overdue query");
	tap_is_int((long)over.n, 0, "nothing overdue on 27 February: the patrol set no deadline");
	wg_records_free(&over);

	tap_is_int(wg_inspection_correct(ws, id, id2, &err), WG_OK, "a correction starts");
	tap_is_int(wg_inspection_view_load(ws->db, id2, &v, &err), WG_OK, "its view loads");
	tap_is_str(wg_record_get(v.insp, "corrects"), id, "it names the original");
	tap_is_int((long)v.results.n, (long)v.checklist->nitems, "with the results copied");
	wg_inspection_view_free(&v);

	free(off);
	free(ent1);
	free(ent2);
	wg_ws_close(ws);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpl);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", tmpl);
	return tap_exit();
}
