#include <config.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include "fixture.h"
#include "county.h"
#include "recordop.h"
#include "strbuf.h"
#include "tap.h"

bool fixture_grid(wg_workspace *ws, const char *code, const char *name, const char *what)
{
	wg_error err;
	wg_record *g = wg_record_new(&wg_kind_grid);
	struct wg_change gc[] = {{"code", code}, {"name", name}};
	bool ok = tap_ok(wg_fill(g, gc, 2, false, &err) == WG_OK &&
				 wg_grid_add(ws, g, "中山乡", &err) == WG_OK,
			 "%s", what);
	wg_record_free(g);
	return ok;
}

wg_workspace *fixture_county(const char *dir)
{
	wg_workspace *ws = NULL;
	wg_error err;
	if (!tap_ok(wg_init_county(dir, "示范县", "330102", &ws, &err) == WG_OK, "county workspace"))
		return NULL;
	fixture_grid(ws, "g1", "一网格", "grid");
	return ws;
}

void fixture_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		tap_diag("%s: %s", sql, msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
}

long fixture_sql_long(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		tap_diag("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return v;
}

char *fixture_entity(wg_workspace *ws, const char *name, const char *addr, const char *phone)
{
	wg_record *r = wg_record_new(&wg_kind_entity);
	struct wg_change ch[] = {{"grid", "g1"}, {"category", "D211"}, {"name", name},
				 {"address", addr}, {"phone", phone}};
	wg_error err;
	char *id = NULL;
	if (wg_fill(r, ch, 5, false, &err) || wg_add(ws, r, &err))
		tap_diag("add %s: %s", name, err.msg);
	else
		id = xstrdup(wg_record_get(r, "id"));
	wg_record_free(r);
	return id;
}

void fixture_done(wg_workspace *ws, const char *dir)
{
	wg_ws_close(ws);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	tap_ok(system(cmd) == 0, "clean up");
	free(cmd);
}

/* Each change trigger as it was before changed_grid: its head up to BEGIN,
 * and a row of changed for the record. */
#define OLD_CHANGE_TRIGGERS                                                                   \
	"SELECT 'DROP TRIGGER ' || name || '; ' || substr(sql, 1, instr(sql, ' BEGIN ') + 5) ||" \
	" ' INSERT OR IGNORE INTO changed(kind, id) VALUES (''' || tbl_name || ''', ' ||"       \
	" CASE WHEN name LIKE '%DELETE_changed' THEN 'old' ELSE 'new' END || '.id); END;'"     \
	" FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%INTO pending%'"

void fixture_drop_changed_grid(sqlite3 *db)
{
	sqlite3_stmt *st;
	strbuf sql = STRBUF_INIT;
	sb_adds(&sql, "CREATE TABLE changed (kind TEXT NOT NULL, id TEXT NOT NULL,"
		      " PRIMARY KEY (kind, id)) WITHOUT ROWID;"
		      " INSERT OR IGNORE INTO changed SELECT kind, id FROM pending;\n");
	if (sqlite3_prepare_v2(db, OLD_CHANGE_TRIGGERS, -1, &st, NULL) == SQLITE_OK)
		while (sqlite3_step(st) == SQLITE_ROW)
			sb_addf(&sql, "%s\n", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sb_adds(&sql, "DROP TABLE pending;");
	if (sqlite3_exec(db, sb_str(&sql), NULL, NULL, NULL) != SQLITE_OK)
		tap_diag("rewinding pending: %s", sqlite3_errmsg(db));
	sb_release(&sql);
}
