#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bulk.h"
#include "db.h"
#include "schema.h"
#include "strbuf.h"

void wg_bulk_free(wg_bulk *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->sql[i]);
	free(b->sql);
	b->sql = NULL;
	b->n = 0;
	b->from_history = false;
}

int wg_bulk_begin(sqlite3 *db, wg_bulk *b, wg_error *err)
{
	/* Indexes made by CREATE INDEX (not the primary keys: their sql is NULL)
	 * and every trigger on the kinds' tables: change tracking and the derived
	 * tables (search index, counts, last visits), which wg_bulk_end rebuilds. */
	static const char query[] =
		"SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "
		"type IN ('index', 'trigger') AND tbl_name = ? ORDER BY type, name";
	sqlite3_stmt *st;
	strbuf drop = STRBUF_INIT;
	int rc;

	b->sql = NULL;
	b->n = 0;
	b->from_history = false;
	if (sqlite3_prepare_v2(db, query, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	for (size_t k = 0; k < wg_nkinds; k++) {
		sqlite3_bind_text(st, 1, wg_kinds[k]->name, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *type = (const char *)sqlite3_column_text(st, 0);
			const char *name = (const char *)sqlite3_column_text(st, 1);
			b->sql = xrealloc(b->sql, (b->n + 1) * sizeof *b->sql);
			b->sql[b->n++] = xstrdup((const char *)sqlite3_column_text(st, 2));
			sb_addf(&drop, "DROP %s \"%s\";\n", strcmp(type, "index") == 0 ? "INDEX" : "TRIGGER",
				name);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			sqlite3_finalize(st);
			sb_release(&drop);
			wg_bulk_free(b);
			return wg_db_fail(db, err);
		}
	}
	sqlite3_finalize(st);
	rc = wg_db_exec(db, sb_str(&drop), err);
	sb_release(&drop);
	if (rc)
		wg_bulk_free(b);
	return rc;
}

/* How many threads SQLite's sorter may use for the index builds, and the
 * previous setting (to be given back). On two cores the large demo county's
 * task_status_order took 2.0 s instead of 2.8; on one core nothing changes. */
static int sorter_threads(sqlite3 *db, int n)
{
	char sql[40];
	sqlite3_stmt *st;
	int was = 0;
	snprintf(sql, sizeof sql, "PRAGMA threads=%d", n);
	if (sqlite3_prepare_v2(db, "PRAGMA threads", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		was = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	return was;
}

/* kind's records as runs of rowids pending for one grid each, into
 * pending_whole (see db.c): a grid's records, made one after another, are
 * a few runs of the table. */
static int mark_runs(sqlite3 *db, const struct wg_kind *kind, wg_error *err)
{
	const char *g = wg_db_pending_grid_field(kind);
	char *sql = xasprintf("SELECT rowid, %s FROM %s ORDER BY rowid", g ? g : "''", kind->name);
	sqlite3_stmt *sel = NULL, *ins = NULL;
	int prc = sqlite3_prepare_v2(db, sql, -1, &sel, NULL);
	free(sql);
	if (prc != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO pending_whole(grid, kind, lo, hi, n)"
			       " VALUES (?1, ?2, ?3, ?4, ?5)", -1, &ins, NULL) != SQLITE_OK) {
		sqlite3_finalize(sel);
		return wg_db_fail(db, err);
	}
	sqlite3_bind_text(ins, 2, kind->name, -1, SQLITE_STATIC);
	strbuf grid = STRBUF_INIT;
	sqlite3_int64 lo = 0, hi = 0, n = 0;
	int step, rc = WG_OK;
	for (;;) {
		step = sqlite3_step(sel);
		const char *rg = step == SQLITE_ROW ? (const char *)sqlite3_column_text(sel, 1) : NULL;
		if (!rg)
			rg = "";
		/* the run so far ends at another grid's record, or at the end */
		if (n && (step != SQLITE_ROW || strcmp(rg, sb_str(&grid)) != 0)) {
			sqlite3_bind_text(ins, 1, sb_str(&grid), -1, SQLITE_STATIC);
			sqlite3_bind_int64(ins, 3, lo);
			sqlite3_bind_int64(ins, 4, hi);
			sqlite3_bind_int64(ins, 5, n);
			int irc = sqlite3_step(ins);
			sqlite3_reset(ins);
			if (irc != SQLITE_DONE) {
				rc = wg_db_fail(db, err);
				break;
			}
			n = 0;
		}
		if (step != SQLITE_ROW)
			break;
		hi = sqlite3_column_int64(sel, 0);
		if (!n) {
			lo = hi;
			sb_reset(&grid);
			sb_adds(&grid, rg);
		}
		n++;
	}
	if (rc == WG_OK && step != SQLITE_DONE)
		rc = wg_db_fail(db, err);
	sb_release(&grid);
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	return rc;
}

int wg_bulk_end(sqlite3 *db, wg_bulk *b, wg_error *err)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int threads_was = sorter_threads(db, cpus > 4 ? 4 : cpus > 1 ? (int)cpus : 0);
	/* the county-only values go where the triggers would have put them */
	int rc = wg_db_keep_personal(db, err);
	/* every record pending for the grid it is in, as the change triggers
	 * would have written it: a row of pending_whole per run of rowids */
	for (size_t k = 0; k < wg_nkinds && rc == WG_OK && !b->from_history; k++)
		rc = mark_runs(db, wg_kinds[k], err);
	/* the lists' order, before its indexes are made again */
	if (rc == WG_OK)
		rc = wg_db_fill_name_keys(db, err);
	for (size_t i = 0; i < b->n && rc == WG_OK; i++)
		rc = wg_db_exec(db, b->sql[i], err);
	wg_bulk_free(b);
	if (rc == WG_OK)
		rc = wg_db_rebuild_derived(db, err);
	sorter_threads(db, threads_was);
	return rc;
}
