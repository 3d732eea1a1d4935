/* entity_visit made again at a bulk write's end (wg_db_rebuild_derived) is
 * the table its triggers keep, inspection by inspection: each entity's last
 * visit, and its last signed inspection that no signed one corrects (the
 * worst result on the same signing time, then the first written). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "fixture.h"
#include "strbuf.h"
#include "tap.h"

#define exec fixture_exec

/* An inspection put as sync applies one: INSERT OR REPLACE, which deletes
 * the row it replaces without its delete trigger. */
static void replace(sqlite3 *db, const char *values)
{
	char *sql = xasprintf("INSERT OR REPLACE INTO inspection(id, entity, started, result,"
			      " status, signed, corrects) VALUES %s", values);
	exec(db, sql);
	free(sql);
}

/* Every row of entity_visit, each value quoted (a blob shows as one), or
 * one entity's. */
static char *visits(sqlite3 *db, const char *entity)
{
	sqlite3_stmt *st;
	strbuf sb = STRBUF_INIT;
	if (sqlite3_prepare_v2(db, "SELECT quote(entity), quote(last), quote(last_result),"
			       " quote(last_signed) FROM entity_visit WHERE ?1 IS NULL OR entity = ?1"
			       " ORDER BY entity", -1, &st, NULL) != SQLITE_OK) {
		tap_diag("%s", sqlite3_errmsg(db));
		return sb_detach(&sb);
	}
	if (entity)
		sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		sb_addf(&sb, "%s%s %s %s %s", sb.len ? "\n" : "", sqlite3_column_text(st, 0),
			sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
			sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	return sb_detach(&sb);
}

static void visit_is(sqlite3 *db, const char *entity, const char *want, const char *what)
{
	char *got = visits(db, entity);
	tap_is_str(got, want, "%s", what);
	free(got);
}

/* entity_visit made again from the tables is the one the triggers keep. */
static void rebuilt_as_kept(sqlite3 *db)
{
	wg_error err;
	char *kept = visits(db, NULL);
	tap_is_int(wg_db_rebuild_derived(db, &err), WG_OK, "rebuilt");
	char *rebuilt = visits(db, NULL);
	tap_is_str(rebuilt, kept, "  the same rows as the triggers keep");
	free(rebuilt);
	free(kept);
}

int main(void)
{
	char tmpl[] = "/tmp/wangge-test-visit-XXXXXX";
	char *base = mkdtemp(tmpl);
	if (!base) {
		tap_ok(false, "mkdtemp");
		return tap_exit();
	}
	char *dir = xasprintf("%s/county", base);
	wg_workspace *ws = fixture_county(dir);
	if (!ws)
		return tap_exit();
	sqlite3 *db = ws->db;
	wg_error err;

	/* Written one by one, so the triggers keep entity_visit. */
	exec(db, "INSERT INTO entity(id, grid, name) VALUES ('v1', 'g1', '一诊所'),"
		 " ('v2', 'g1', '二诊所'), ('v3', 'g1', '三诊所'), ('v4', 'g1', '四诊所'),"
		 " ('v5', 'g1', '五诊所'), ('v6', 'g1', '六诊所'), ('v7', 'g1', '七诊所'),"
		 " ('v8', 'g1', '八诊所'), ('v9', 'g1', '九诊所')");
	static const char *const inspections[] = {
		/* v1: a pass and a fail signed at the same time, a draft begun later */
		"('i01', 'v1', '2026-03-01T09:00:00Z', 'pass', 'signed', '2026-03-01T10:00:00Z', '')",
		"('i02', 'v1', '2026-03-01T09:30:00Z', 'fail', 'signed', '2026-03-01T10:00:00Z', '')",
		"('i03', 'v1', '2026-04-01T09:00:00Z', 'pass', 'draft', '', '')",
		/* v2: a fail corrected by a signed pass signed earlier; a draft
		 * correcting that one does not count */
		"('i04', 'v2', '2026-05-01T09:00:00Z', 'fail', 'signed', '2026-05-01T10:00:00Z', '')",
		"('i05', 'v2', '2026-04-01T09:00:00Z', 'pass', 'signed', '2026-04-01T10:00:00Z', 'i04')",
		"('i06', 'v2', '2026-04-02T09:00:00Z', 'fail', 'draft', '', 'i05')",
		/* v3: none; v4: a draft only */
		"('i07', 'v4', '2026-02-01T09:00:00Z', 'pass', 'draft', '', '')",
		/* v5: a reported and a rectify (the same rank) and a pass at the
		 * same time: the first written of the two */
		"('i08', 'v5', '2026-06-01T09:00:00Z', 'reported', 'signed', '2026-06-01T10:00:00Z', '')",
		"('i09', 'v5', '2026-06-01T09:00:00Z', 'rectify', 'signed', '2026-06-01T10:00:00Z', '')",
		"('i10', 'v5', '2026-06-01T09:00:00Z', 'pass', 'signed', '2026-06-01T10:00:00Z', '')",
		/* v6: its later fail corrected by one of v7; v9: its only one
		 * corrected by one of v7 */
		"('i11', 'v6', '2026-07-01T09:00:00Z', 'rectify', 'signed', '2026-07-01T10:00:00Z', '')",
		"('i12', 'v6', '2026-08-01T09:00:00Z', 'fail', 'signed', '2026-08-01T10:00:00Z', '')",
		"('i13', 'v9', '2026-08-01T09:00:00Z', 'pass', 'signed', '2026-08-01T10:00:00Z', '')",
		"('i14', 'v7', '2026-08-02T09:00:00Z', 'pass', 'signed', '2026-08-02T10:00:00Z', 'i12')",
		"('i15', 'v7', '2026-08-03T09:00:00Z', 'pass', 'signed', '2026-08-03T10:00:00Z', 'i13')",
		/* v8: a blob sorts after every text, as SQLite orders them */
		"('i16', 'v8', '2026-09-01T09:00:00Z', 'fail', 'signed', '2026-09-01T10:00:00Z', '')",
		"('i17', 'v8', X'32303235', X'70617373', 'signed', X'3230323530313031', '')",
		/* an inspection of no entity here */
		"('i18', 'v0', '2026-10-01T09:00:00Z', 'pass', 'signed', '2026-10-01T10:00:00Z', '')",
	};
	for (size_t i = 0; i < sizeof inspections / sizeof inspections[0]; i++) {
		char *sql = xasprintf("INSERT INTO inspection(id, entity, started, result, status,"
				      " signed, corrects) VALUES %s", inspections[i]);
		exec(db, sql);
		free(sql);
	}
	char *kept = visits(db, NULL);
	tap_is_str(kept,
		   "'v1' '2026-04-01T09:00:00Z' 'fail' '2026-03-01T10:00:00Z'\n"
		   "'v2' '2026-05-01T09:00:00Z' 'pass' '2026-04-01T10:00:00Z'\n"
		   "'v3' '' NULL NULL\n"
		   "'v4' '2026-02-01T09:00:00Z' NULL NULL\n"
		   "'v5' '2026-06-01T09:00:00Z' 'reported' '2026-06-01T10:00:00Z'\n"
		   "'v6' '2026-08-01T09:00:00Z' 'rectify' '2026-07-01T10:00:00Z'\n"
		   "'v7' '2026-08-03T09:00:00Z' 'pass' '2026-08-03T10:00:00Z'\n"
		   "'v8' X'32303235' X'70617373' X'3230323530313031'\n"
		   "'v9' '2026-08-01T09:00:00Z' NULL NULL",
		   "the triggers: the worst on the same time, the corrected left out, a draft"
		   " only begun, a blob last");

	/* Made again from the tables, emptied first. */
	exec(db, "UPDATE entity_visit SET last = 'x', last_result = 'x', last_signed = 'x';"
		 " INSERT INTO entity_visit(entity, last) VALUES ('v0', 'x')");
	tap_is_int(wg_db_rebuild_derived(db, &err), WG_OK, "rebuilt");
	char *rebuilt = visits(db, NULL);
	tap_is_str(rebuilt, kept, "  the same rows as the triggers keep");
	free(rebuilt);
	free(kept);

	/* The inspections in another order of the table (rowid), and a
	 * correction made a draft again. */
	exec(db, "CREATE TEMP TABLE ins AS SELECT * FROM inspection ORDER BY id DESC;"
		 " DELETE FROM inspection; INSERT INTO inspection SELECT * FROM temp.ins;"
		 " DROP TABLE temp.ins;");
	visit_is(db, "v5", "'v5' '2026-06-01T09:00:00Z' 'rectify' '2026-06-01T10:00:00Z'",
		 "rows written again in the other order: the first written is rectify");
	exec(db, "UPDATE inspection SET status = 'draft' WHERE id = 'i14'");
	visit_is(db, "v6", "'v6' '2026-08-01T09:00:00Z' 'fail' '2026-08-01T10:00:00Z'",
		 "  a correction no longer signed: the fail it corrected is back");
	rebuilt_as_kept(db);

	/* A correction that stops correcting, and inspections replaced as sync
	 * applies them (INSERT OR REPLACE: no delete trigger for the old row). */
	exec(db, "UPDATE inspection SET corrects = '' WHERE id = 'i15'");
	visit_is(db, "v9", "'v9' '2026-08-01T09:00:00Z' 'pass' '2026-08-01T10:00:00Z'",
		 "a correction of another entity's no longer correcting it: its pass is back");
	exec(db, "UPDATE inspection SET status = 'signed' WHERE id = 'i14'");
	visit_is(db, "v6", "'v6' '2026-08-01T09:00:00Z' 'rectify' '2026-07-01T10:00:00Z'",
		 "  a correction signed again: the fail it corrects left out again");
	replace(db, "('i14', 'v7', '2026-08-02T09:00:00Z', 'pass', 'signed',"
		    " '2026-08-02T10:00:00Z', '')");
	visit_is(db, "v6", "'v6' '2026-08-01T09:00:00Z' 'fail' '2026-08-01T10:00:00Z'",
		 "a correction replaced by one that corrects nothing: the fail is back");
	replace(db, "('i07', 'v3', '2026-02-01T09:00:00Z', 'pass', 'draft', '', '')");
	visit_is(db, "v4", "'v4' '' NULL NULL",
		 "an inspection replaced by one of another entity: the first has no visit left");
	visit_is(db, "v3", "'v3' '2026-02-01T09:00:00Z' NULL NULL", "  the other has it");
	replace(db, "('i03', 'v1', '2026-01-01T09:00:00Z', 'pass', 'draft', '', '')");
	visit_is(db, "v1", "'v1' '2026-03-01T09:30:00Z' 'fail' '2026-03-01T10:00:00Z'",
		 "an inspection replaced by one begun earlier: the last visit is the one before");
	replace(db, "('i02', 'v1', '2026-03-01T09:30:00Z', 'fail', 'draft', '', '')");
	visit_is(db, "v1", "'v1' '2026-03-01T09:30:00Z' 'pass' '2026-03-01T10:00:00Z'",
		 "a signed fail replaced by a draft: the pass signed with it is the last signed");
	tap_is_int(fixture_sql_long(db, "SELECT count(*) FROM visit_redo"), 0,
		   "  nothing left in visit_redo");
	rebuilt_as_kept(db);

	fixture_done(ws, base);
	free(dir);
	return tap_exit();
}
