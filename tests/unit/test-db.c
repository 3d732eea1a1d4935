/* Database and workspace: migrations, record storage, permissions, locking. */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "county.h"
#include "db.h"
#include "id.h"
#include "recordop.h"
#include "strbuf.h"
#include "fixture.h"
#include "tap.h"
#include "workspace.h"

int main(void)
{
	char tmpl[] = "/tmp/wangge-test-db-XXXXXX";
	char *base = mkdtemp(tmpl);
	wg_error err;
	wg_workspace *ws = NULL, *ws2 = NULL;

	if (!base) {
		tap_ok(false, "mkdtemp");
		return tap_exit();
	}
	char *dir = malloc(strlen(base) + 16);
	sprintf(dir, "%s/county", base);

	tap_is_int(wg_init_county(dir, "示范县", "330102", &ws, &err), WG_OK, "county created");
	if (!ws) {
		tap_diag("%s", err.msg);
		return tap_exit();
	}
	struct stat st;
	char path[512];
	stat(dir, &st);
	tap_is_int(st.st_mode & 0777, 0700, "workspace folder is 0700");
	snprintf(path, sizeof path, "%s/wangge.db", dir);
	stat(path, &st);
	tap_is_int(st.st_mode & 0777, 0600, "database is 0600");

	/* every field of every kind is a column: the schema table and the SQL agree */
	for (size_t k = 0; k < wg_nkinds; k++) {
		char *sql = malloc(4096);
		snprintf(sql, 4096, "SELECT %s FROM %s LIMIT 0", wg_db_columns(wg_kinds[k]),
			 wg_kinds[k]->name);
		sqlite3_stmt *s = NULL;
		int rc = sqlite3_prepare_v2(ws->db, sql, -1, &s, NULL);
		tap_ok(rc == SQLITE_OK, "table %s has every schema field", wg_kinds[k]->name);
		sqlite3_finalize(s);
		free(sql);
	}

	/* a second writer is refused clearly */
	tap_is_int(wg_ws_open(dir, WS_WRITE, &ws2, &err), WG_EINPUT, "second writer refused");
	tap_ok(strstr(err.msg, "in use") != NULL, "  message says it is in use: %s", err.msg);
	tap_is_int(wg_ws_open(dir, WS_READ, &ws2, &err), WG_OK, "a reader may open it");
	wg_ws_close(ws2);

	/* grid, entity */
	wg_record *grid = wg_record_new(&wg_kind_grid);
	wg_record_set(grid, "code", "G01", NULL, &err);
	wg_record_set(grid, "name", "一网格", NULL, &err);
	tap_is_int(wg_grid_add(ws, grid, "中山乡", &err), WG_OK, "grid added");
	wg_record *grid2 = wg_record_new(&wg_kind_grid);
	wg_record_set(grid2, "code", "G01", NULL, &err);
	wg_record_set(grid2, "name", "重复", NULL, &err);
	tap_is_int(wg_grid_add(ws, grid2, "新乡", &err), WG_EINPUT, "duplicate grid code refused");
	sqlite3_stmt *s;
	sqlite3_prepare_v2(ws->db, "SELECT count(*) FROM township", -1, &s, NULL);
	sqlite3_step(s);
	tap_is_int(sqlite3_column_int(s, 0), 1, "refused grid left no township behind");
	sqlite3_finalize(s);

	wg_record *e = wg_record_new(&wg_kind_entity);
	struct wg_change ch[] = {{"grid", "G01"}, {"category", "D211"}, {"name", "中山乡卫生院"}};
	tap_is_int(wg_fill(e, ch, 3, false, &err), WG_OK, "entity filled");
	tap_is_int(wg_add(ws, e, &err), WG_OK, "entity added");
	tap_is_str(wg_record_get(e, "status"), "open", "status defaults to open");
	char prefix[9], full[WG_ID_BUFSIZE];
	snprintf(prefix, sizeof prefix, "%s", wg_record_id(e));
	tap_is_int(wg_db_resolve(ws->db, &wg_kind_entity, prefix, full, &err), WG_OK, "prefix resolves");
	tap_is_str(full, wg_record_id(e), "to the full id");
	wg_record *loaded = NULL;
	tap_is_int(wg_db_load(ws->db, &wg_kind_entity, full, &loaded, &err), WG_OK, "entity loads");
	tap_ok(loaded && wg_record_equal(loaded, e), "loaded record equals the stored one");
	wg_record_free(loaded);

	struct wg_change bad[] = {{"phone", "13800138000"}, {"uscc", "123"}};
	tap_is_int(wg_modify(ws, &wg_kind_entity, full, bad, 2, false, &err), WG_EINPUT,
		   "a change with one bad value is refused");
	wg_db_load(ws->db, &wg_kind_entity, full, &loaded, &err);
	tap_is_str(wg_record_get(loaded, "phone"), "", "and none of it is applied");
	wg_record_free(loaded);
	struct wg_change once[] = {{"created", "2020-01-01T00:00:00Z"}};
	tap_is_int(wg_modify(ws, &wg_kind_entity, full, once, 1, false, &err), WG_EINPUT,
		   "creation time cannot be changed");

	wg_record *orphan = wg_record_new(&wg_kind_entity);
	struct wg_change och[] = {{"grid", "G99"}, {"category", "D211"}, {"name", "无网格"}};
	wg_fill(orphan, och, 3, false, &err);
	tap_is_int(wg_add(ws, orphan, &err), WG_EINPUT, "entity in an unknown grid refused");

	/* changes are tracked for sync */
	sqlite3_prepare_v2(ws->db, "SELECT count(*) FROM pending WHERE kind = 'entity'", -1, &s, NULL);
	sqlite3_step(s);
	tap_is_int(sqlite3_column_int(s, 0), 1, "the changed entity is tracked for sync");
	sqlite3_finalize(s);

	/* the integrity check behind "wangge check" */
	wg_problems found = {0};
	tap_is_int(wg_store_check(ws->db, &found, &err), WG_OK, "the working copy is checked");
	tap_is_int((long)found.n, 0, "  and nothing is wrong");
	wg_problems_free(&found);
	sqlite3_exec(ws->db, "UPDATE entity SET grid = 'G99'", NULL, NULL, NULL);
	sqlite3_exec(ws->db, "UPDATE grid SET name = ''", NULL, NULL, NULL);
	tap_is_int(wg_store_check(ws->db, &found, &err), WG_OK, "a damaged working copy is checked");
	bool orphan_found = false, bad_found = false;
	for (size_t i = 0; i < found.n; i++) {
		if (found.v[i].kind == &wg_kind_entity && found.v[i].grid &&
		    strcmp(found.v[i].grid, "G99") == 0 && strcmp(found.v[i].id, full) == 0)
			orphan_found = true;
		if (found.v[i].kind == &wg_kind_grid && found.v[i].msg)
			bad_found = true;
	}
	tap_ok(orphan_found, "  an entity whose grid does not exist is found");
	tap_ok(bad_found, "  a grid without its required name is found");
	wg_problems_free(&found);

	/* Size on disk (issue 17): a new database frees emptied pages when it
	 * is closed (a first commit empties the changed table), and stock
	 * sqlite3's format is kept; an older one without it still closes. */
	{
		sqlite3_stmt *q;
		long av = -1;
		if (sqlite3_prepare_v2(ws->db, "PRAGMA auto_vacuum", -1, &q, NULL) == SQLITE_OK &&
		    sqlite3_step(q) == SQLITE_ROW)
			av = sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
		tap_is_int(av, 2, "a new workspace's database frees pages incrementally");
		long idx = -1;
		if (sqlite3_prepare_v2(ws->db, "SELECT group_concat(name) FROM sqlite_master WHERE"
				       " name IN ('entity_category', 'entity_category_key')", -1, &q,
				       NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
			idx = sqlite3_column_text(q, 0) &&
			      strcmp((const char *)sqlite3_column_text(q, 0), "entity_category_key") == 0;
		sqlite3_finalize(q);
		tap_is_int(idx, 1, "  entity(category) is answered by entity_category_key alone");
		long pages0, pages1, pages2;
		wg_db_free_pages(ws->db, &pages0);
		sqlite3_exec(ws->db, "CREATE TABLE scratch(x);"
			     " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
			     " WHERE i < 3000) INSERT INTO scratch SELECT zeroblob(3000) FROM n;",
			     NULL, NULL, NULL);
		wg_db_free_pages(ws->db, &pages1);
		tap_ok(pages1 > pages0 + WG_DB_RECLAIM_PAGES, "  3,000 rows add pages (%ld -> %ld)",
		       pages0, pages1);
		sqlite3_exec(ws->db, "DROP TABLE scratch", NULL, NULL, NULL);
		sqlite3_exec(ws->db, "BEGIN", NULL, NULL, NULL);
		tap_ok(!wg_db_reclaim(ws->db), "  nothing is reclaimed inside a transaction");
		sqlite3_exec(ws->db, "COMMIT", NULL, NULL, NULL);
		tap_ok(wg_db_free_pages(ws->db, NULL) > WG_DB_RECLAIM_PAGES,
		       "  dropping them frees the pages (%ld)", wg_db_free_pages(ws->db, NULL));
		wg_ws_close(ws);
		ws = NULL;
		snprintf(path, sizeof path, "%s/wangge.db", dir);
		struct stat dbst;
		stat(path, &dbst);
		tap_ok(dbst.st_size <= (pages0 + 64) * 4096L,
		       "  closing gives them back: %ld bytes, was %ld pages of 4096", (long)dbst.st_size,
		       pages1);
		if (tap_is_int(wg_ws_open(dir, WS_WRITE, &ws, &err), WG_OK, "  and it opens again")) {
			wg_db_free_pages(ws->db, &pages2);
			tap_is_int(wg_db_free_pages(ws->db, NULL), 0, "  with no free page");
			tap_ok(pages2 <= pages0 + 64, "  and its pages as before (%ld, %ld)", pages2,
			       pages0);
			/* a database from before: nothing freed at close, nothing broken */
			sqlite3_exec(ws->db, "PRAGMA auto_vacuum = NONE; VACUUM;", NULL, NULL, NULL);
			sqlite3_exec(ws->db, "CREATE TABLE scratch(x);"
				     " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
				     " WHERE i < 3000) INSERT INTO scratch SELECT zeroblob(3000) FROM n;"
				     " DROP TABLE scratch;", NULL, NULL, NULL);
			tap_ok(!wg_db_reclaim(ws->db), "  a database without auto_vacuum is left as it is");
			wg_ws_close(ws);
		}
		ws = NULL;
		if (!tap_is_int(wg_ws_open(dir, WS_WRITE, &ws, &err), WG_OK, "  and opens again"))
			return tap_exit();
		tap_ok(wg_db_free_pages(ws->db, NULL) > WG_DB_RECLAIM_PAGES, "  its free pages kept");
		/* a reader's close writes nothing; the writer's gives the pages back */
		sqlite3_exec(ws->db, "PRAGMA auto_vacuum = INCREMENTAL; VACUUM; CREATE TABLE scratch(x);"
			     " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
			     " WHERE i < 3000) INSERT INTO scratch SELECT zeroblob(3000) FROM n;"
			     " DROP TABLE scratch;", NULL, NULL, NULL);
		if (tap_is_int(wg_ws_open(dir, WS_READ, &ws2, &err), WG_OK, "  a reader opens it")) {
			wg_ws_close(ws2);
			ws2 = NULL;
		}
		tap_ok(wg_db_free_pages(ws->db, NULL) > WG_DB_RECLAIM_PAGES,
		       "  and its close leaves the free pages");
		wg_ws_close(ws);
		ws = NULL;
		if (!tap_is_int(wg_ws_open(dir, WS_WRITE, &ws, &err), WG_OK, "  the writer's close"))
			return tap_exit();
		tap_is_int(wg_db_free_pages(ws->db, NULL), 0, "  gives them back (after a VACUUM)");
		/* a workspace from before the index was dropped is converted in place */
		/* (the migrations after it, the first screen's indexes, entity_visit's
		 * last signed inspection, the desk's counts, the covering task_open and
		 * the grids of the changed records, the tasks' smaller indexes, the
		 * grids pending whole, are undone too) */
		char *rewind = xasprintf("DROP INDEX task_open; CREATE INDEX task_open ON"
					 " task(due = '', due, id) WHERE status IN ('open', 'started');"
					 " DROP TRIGGER task_title_insert; DROP TRIGGER task_title_delete;"
					 " DROP TRIGGER task_title_update; DROP TRIGGER task_title_replace;"
					 " DROP TABLE task_title; DROP INDEX task_open_title;"
					 " DROP TRIGGER inspection_publish_insert;"
					 " DROP TRIGGER inspection_publish_update;"
					 " DROP TRIGGER inspection_publish_delete;"
					 " DROP TRIGGER task_publish_insert; DROP TRIGGER task_publish_update;"
					 " DROP TRIGGER task_publish_delete; DROP TRIGGER finding_points_insert;"
					 " DROP TRIGGER finding_points_update; DROP TRIGGER finding_points_delete;"
					 " DROP TRIGGER entity_points_insert; DROP TRIGGER entity_points_update;"
					 " DROP TRIGGER notice_points_insert; DROP TRIGGER notice_points_update;"
					 " DROP TRIGGER notice_points_delete; DROP VIEW publish_ready; DROP TABLE publish_wait;"
					 " DROP TABLE publish_day; DROP TABLE points_alert;"
					 " DROP TABLE points_stale; DROP INDEX sync_sent_branch;"
					 " DROP INDEX sync_received_branch;"
					 " CREATE INDEX entity_category ON entity(category);"
					 " DROP INDEX entity_licence_due; DROP INDEX staff_cert_due;"
					 " DROP INDEX complaint_open; DROP INDEX task_open_grid;"
					 " DROP INDEX task_unpublished; DROP INDEX finding_violation;"
					 " DROP INDEX task_open_search; DROP INDEX inspection_signed_at; DROP TRIGGER inspection_visit_insert;"
					 " DROP TRIGGER inspection_visit_update;"
					 " DROP TRIGGER inspection_visit_delete;"
					 " ALTER TABLE entity_visit DROP COLUMN last_result;"
					 " ALTER TABLE entity_visit DROP COLUMN last_signed;"
					 " DROP INDEX task_random_due; DROP INDEX task_source;"
					 " CREATE INDEX task_source ON task(source); CREATE INDEX task_due ON task(due);"
					 " CREATE INDEX task_status_due ON task(status, due);"
					 " DROP TABLE pending_whole;"
					 " PRAGMA user_version = %d", wg_db_schema_version() - 14);
		fixture_drop_changed_grid(ws->db);
		sqlite3_exec(ws->db, rewind, NULL, NULL, NULL);
		free(rewind);
		wg_ws_close(ws);
		ws = NULL;
		if (!tap_is_int(wg_ws_open(dir, WS_WRITE, &ws, &err), WG_OK, "  an older one opens"))
			return tap_exit();
		long left = -1, plan = 0;
		if (sqlite3_prepare_v2(ws->db, "SELECT count(*) FROM sqlite_master WHERE name ="
				       " 'entity_category'", -1, &q, NULL) == SQLITE_OK &&
		    sqlite3_step(q) == SQLITE_ROW)
			left = sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
		tap_is_int(left, 0, "  and loses entity(category)");
		if (sqlite3_prepare_v2(ws->db, "EXPLAIN QUERY PLAN SELECT id FROM entity WHERE"
				       " category = 'D211'", -1, &q, NULL) == SQLITE_OK)
			while (sqlite3_step(q) == SQLITE_ROW)
				plan += strstr((const char *)sqlite3_column_text(q, 3),
					       "INDEX entity_category_key (category=?)") != NULL;
		sqlite3_finalize(q);
		tap_is_int(plan, 1, "  a lookup by category still walks an index");
		/* the change triggers made anew: a column list only where the table
		 * has a column that is no field (entity's name_key) */
		long listed = -1, pending = -1;
		wg_count_rows(ws->db, "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name"
			      " LIKE '%\\_UPDATE\\_changed' ESCAPE '\\' AND sql LIKE '% UPDATE OF %'",
			      NULL, &listed, NULL, 0, &err);
		tap_is_int(listed, 1, "  one UPDATE change trigger names its columns");
		char first[64] = "";
		wg_count_rows(ws->db, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name"
			      " LIKE '%\\_UPDATE\\_changed' ESCAPE '\\' AND sql LIKE '% UPDATE OF %'",
			      NULL, &listed, first, sizeof first, &err);
		tap_is_str(first, "entity_UPDATE_changed", "  entity's, for its name_key");
		sqlite3_exec(ws->db, "DELETE FROM pending; INSERT INTO entity(id, name) VALUES"
			     " ('e0000000000000000000000000000001', '甲诊所'); DELETE FROM pending;"
			     " UPDATE entity SET name_key = 'x' WHERE id = 'e0000000000000000000000000000001'",
			     NULL, NULL, NULL);
		wg_count_rows(ws->db, "SELECT 1 FROM pending", NULL, &pending, NULL, 0, &err);
		tap_is_int(pending, 0, "  a new name_key changes no record");
		sqlite3_exec(ws->db, "UPDATE entity SET phone = '13900000000' WHERE"
			     " id = 'e0000000000000000000000000000001'", NULL, NULL, NULL);
		wg_count_rows(ws->db, "SELECT 1 FROM pending", NULL, &pending, NULL, 0, &err);
		tap_ok(pending > 0, "  a new phone does");
		sqlite3_exec(ws->db, "DELETE FROM entity WHERE id = 'e0000000000000000000000000000001';"
			     " DELETE FROM pending", NULL, NULL, NULL);
	}

	/* migrations: a newer database is refused, not damaged */
	sqlite3_exec(ws->db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	wg_ws_close(ws);
	tap_is_int(wg_ws_open(dir, WS_READ, &ws2, &err), WG_EINTERNAL, "newer database refused");
	tap_ok(strstr(err.msg, "newer") != NULL, "  message says so: %s", err.msg);

	wg_record_free(grid);
	wg_record_free(grid2);
	wg_record_free(e);
	wg_record_free(orphan);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", base);
	free(dir);
	return tap_exit();
}
