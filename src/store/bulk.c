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

int wg_bulk_end(sqlite3 *db, wg_bulk *b, wg_error *err)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int threads_was = sorter_threads(db, cpus > 4 ? 4 : cpus > 1 ? (int)cpus : 0);
	/* the county-only values go where the triggers would have put them */
	int rc = wg_db_keep_personal(db, err);
	for (size_t k = 0; k < wg_nkinds && rc == WG_OK && !b->from_history; k++) {
		const struct wg_kind *kind = wg_kinds[k];
		/* pending for the grid each is in, as the change triggers write */
		const char *g = wg_db_pending_grid_field(kind);
		char *sql = xasprintf("INSERT OR IGNORE INTO pending(grid, kind, id)"
				      " SELECT %s, '%s', id FROM %s ORDER BY 1, 3",
				      g ? g : "''", kind->name, kind->name);
		rc = wg_db_exec(db, sql, err);
		free(sql);
	}
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
