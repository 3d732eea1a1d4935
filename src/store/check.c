#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "db.h"
#include "record.h"
#include "strbuf.h"

static void add(wg_problems *p, const struct wg_kind *kind, const char *id, const char *msg,
		const char *grid)
{
	if (p->n == p->alloc) {
		p->alloc = p->alloc ? 2 * p->alloc : 8;
		p->v = xrealloc(p->v, p->alloc * sizeof *p->v);
	}
	p->v[p->n++] = (struct wg_problem){kind, id ? xstrdup(id) : NULL, msg ? xstrdup(msg) : NULL,
					   grid ? xstrdup(grid) : NULL};
}

void wg_problems_free(wg_problems *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].id);
		free(p->v[i].msg);
		free(p->v[i].grid);
	}
	free(p->v);
	*p = (wg_problems){0};
}

static const char *text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s ? s : "";
}

int wg_store_check(sqlite3 *db, wg_problems *out, wg_error *err)
{
	sqlite3_stmt *st;
	/* 1. SQLite's own structure check. */
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (strcmp(text(st, 0), "ok") != 0)
			add(out, NULL, NULL, text(st, 0), NULL);
	sqlite3_finalize(st);
	/* 2. Every record passes the same checks a bundle's records must pass. */
	for (size_t k = 0; k < wg_nkinds; k++) {
		const struct wg_kind *kind = wg_kinds[k];
		char *sql = xasprintf("SELECT %s FROM %s", wg_db_columns(kind), kind->name);
		int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
		free(sql);
		if (rc != SQLITE_OK) {
			add(out, NULL, NULL, sqlite3_errmsg(db), NULL);
			continue;
		}
		while (sqlite3_step(st) == SQLITE_ROW) {
			wg_record *rec = wg_db_row_record(st, kind, 0);
			wg_error e;
			if (wg_record_check(rec, &e) != WG_OK)
				add(out, kind, wg_record_id(rec), e.msg, NULL);
			wg_record_free(rec);
		}
		sqlite3_finalize(st);
	}
	/* 3. References: every grid record's grid exists. */
	static const char *const orphans =
		"SELECT 'entity', id, grid FROM entity WHERE grid NOT IN (SELECT code FROM grid)"
		" UNION ALL SELECT 'task', id, grid FROM task WHERE grid NOT IN (SELECT code FROM grid)"
		" UNION ALL SELECT 'inspection', id, grid FROM inspection"
		"  WHERE grid NOT IN (SELECT code FROM grid)"
		" UNION ALL SELECT 'complaint', id, grid FROM complaint"
		"  WHERE grid NOT IN (SELECT code FROM grid)";
	if (sqlite3_prepare_v2(db, orphans, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW)
			add(out, wg_kind_find(text(st, 0)), text(st, 1), NULL, text(st, 2));
		sqlite3_finalize(st);
	}
	return WG_OK;
}
