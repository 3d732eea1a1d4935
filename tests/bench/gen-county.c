/* Make a big county workspace fast, for benchmarks and screen tests:
 *   gen-county DIR ENTITIES INSPECTIONS TASKS
 * Grids are made through the core; the bulk rows with SQL in one transaction
 * (the same triggers and search index as records added one by one). The result
 * stands for a workspace whose changes have all been committed to history. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "county.h"
#include "db.h"
#include "recordop.h"
#include "timeutil.h"

#define NGRIDS 20

static const char *const bulk_sql =
	/* Entities: names from township, village and kind of place. */
	"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1),"
	" kinds(k, cat, suffix) AS (VALUES (0, 'D600', '卫生室'), (1, 'D211', '诊所'),"
	"  (2, 'P100', '大药房'), (3, 'C220', '卫生院'), (4, 'H110', '宾馆'), (5, 'S100', '小学'),"
	"  (6, 'H130', '理发店'), (7, 'W200', '二次供水'))"
	" INSERT INTO entity (id, grid, category, name, uscc, licence, licence_expiry, legal_rep,"
	"  address, phone, ownership, profit, beds, status, created)"
	" SELECT lower(hex(randomblob(16))),"
	"  printf('330102%03d-01', i % 20 + 1), cat,"
	"  substr('中山东湖西岭南塘北关青石白沙红星新华', (i / 8) % 10 * 2 + 1, 2)"
	"  || substr('乡镇', (i / 80) % 2 + 1, 1)"
	"  || substr('张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗', (i / 160) % 20 + 1, 1)"
	"  || substr('家庄村湾坪岗坝', (i / 3200) % 7 + 1, 1) || suffix || (i / 8),"
	"  '', '', '', '',"
	"  '示范县' || substr('中山东湖西岭南塘北关', (i / 8) % 5 * 2 + 1, 2) || '路' || (i % 500 + 1) || '号',"
	"  printf('139%08d', i), 'private', 'forprofit', '', 'open', '2026-01-01T00:00:00Z'"
	" FROM n JOIN kinds ON k = i % 8;"
	/* Inspections spread over the last three years; most entities visited. */
	"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2)"
	" INSERT INTO inspection (id, grid, entity, task, kind, checklist, inspectors, started,"
	"  result, summary, corrects, status, signed)"
	" SELECT lower(hex(randomblob(16))), e.grid, e.id, '', 'patrol', '',"
	"  '00000000000000000000000000000001',"
	"  strftime('%Y-%m-%dT%H:%M:%SZ', ?4 - (i * 7919 % 1095) * 86400 - i % 86400, 'unixepoch'),"
	"  'pass', '巡查未见异常', '', 'signed', ''"
	" FROM n JOIN entity e ON e.rowid = 1 + (i * 13 % ?1);"
	/* Tasks due around today. */
	"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?3)"
	" INSERT INTO task (id, grid, kind, entity, title, due, assignee, status, source, note,"
	"  created)"
	" SELECT lower(hex(randomblob(16))), e.grid, 'patrol', e.id, '日常巡查 ' || e.name,"
	"  date(?4 + (i % 30 - 10) * 86400, 'unixepoch'), '',"
	"  CASE i % 4 WHEN 0 THEN 'started' WHEN 3 THEN 'done' ELSE 'open' END, '', '',"
	"  '2026-01-01T00:00:00Z'"
	" FROM n JOIN entity e ON e.rowid = 1 + (i * 7 % ?1);"
	"DELETE FROM pending;";

int main(int argc, char **argv)
{
	wg_workspace *ws;
	wg_error err;
	char code[32], name[64], town[64];

	if (argc != 5) {
		fprintf(stderr, "usage: gen-county DIR ENTITIES INSPECTIONS TASKS\n");
		return 1;
	}
	long ne = atol(argv[2]), ni = atol(argv[3]), nt = atol(argv[4]);
	if (ne < 1) {
		fprintf(stderr, "gen-county: at least one entity\n");
		return 1;
	}
	if (wg_init_county(argv[1], "示范县", "330102", &ws, &err))
		goto fail;
	for (int g = 1; g <= NGRIDS; g++) {
		wg_record *grid = wg_record_new(&wg_kind_grid);
		snprintf(code, sizeof code, "330102%03d-01", g);
		snprintf(name, sizeof name, "第%d网格", g);
		snprintf(town, sizeof town, "第%d乡", (g + 1) / 2);
		struct wg_change ch[] = {{"code", code}, {"name", name}};
		int rc = wg_fill(grid, ch, 2, false, &err);
		if (rc == WG_OK)
			rc = wg_grid_add(ws, grid, town, &err);
		wg_record_free(grid);
		if (rc)
			goto fail;
	}
	if (wg_db_add_initials_function(ws->db, &err) || wg_db_begin(ws->db, &err))
		goto fail;
	const char *tail = bulk_sql;
	while (*tail) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(ws->db, tail, -1, &st, &tail) != SQLITE_OK) {
			wg_db_fail(ws->db, &err);
			goto rollback;
		}
		if (!st)
			break;
		sqlite3_bind_int64(st, 1, ne);
		sqlite3_bind_int64(st, 2, ni);
		sqlite3_bind_int64(st, 3, nt);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)wg_now());
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			wg_db_fail(ws->db, &err);
			goto rollback;
		}
	}
	/* The search's derived tables (initials, trigrams, grams), as a bulk load
	 * makes them. */
	if (wg_db_reindex_search(ws->db, &err))
		goto rollback;
	if (wg_db_commit(ws->db, &err))
		goto fail;
	wg_ws_close(ws);
	return 0;
rollback:
	wg_db_rollback(ws->db);
fail:
	fprintf(stderr, "gen-county: %s\n", err.msg);
	return 3;
}
