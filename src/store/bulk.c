#include <config.h>

#include <stdlib.h>
#include <string.h>

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
	b->committed_whole = false;
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
	b->committed_whole = false;
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

int wg_bulk_end(sqlite3 *db, wg_bulk *b, wg_error *err)
{
	/* the county-only values go where the triggers would have put them */
	int rc = wg_db_keep_personal(db, err);
	for (size_t k = 0; k < wg_nkinds && rc == WG_OK && !b->from_history; k++) {
		const struct wg_kind *kind = wg_kinds[k];
		char *sql = xasprintf("INSERT OR IGNORE INTO changed(kind, id) SELECT '%s', id FROM %s "
				      "ORDER BY id",
				      kind->name, kind->name);
		rc = wg_db_exec(db, sql, err);
		free(sql);
		/* and the grid each is pending for, as the change triggers would */
		if (rc == WG_OK && !b->committed_whole && kind->branch == BRANCH_GRID &&
		    kind->grid_field > 0) {
			sql = xasprintf("INSERT OR IGNORE INTO changed_grid(grid, kind, id)"
					" SELECT %s, '%s', id FROM %s ORDER BY 1, 3",
					kind->fields[kind->grid_field].name, kind->name, kind->name);
			rc = wg_db_exec(db, sql, err);
			free(sql);
		}
	}
	/* the lists' order, before its indexes are made again */
	if (rc == WG_OK)
		rc = wg_db_fill_name_keys(db, err);
	for (size_t i = 0; i < b->n && rc == WG_OK; i++)
		rc = wg_db_exec(db, b->sql[i], err);
	wg_bulk_free(b);
	if (rc == WG_OK)
		rc = wg_db_rebuild_derived(db, err);
	return rc;
}
