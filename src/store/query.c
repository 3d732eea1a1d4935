#include <config.h>

#include <stdlib.h>

#include "db.h"
#include "i18n.h"
#include "query.h"
#include "strbuf.h"

int wg_select(sqlite3 *db, const struct wg_kind *kind, const char *where, const char *order,
	      const char *const *params, size_t nparams, wg_records *out, wg_error *err)
{
	strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	int rc;

	sb_addf(&sql, "SELECT %s FROM %s", wg_db_columns(kind), kind->name);
	if (where)
		sb_addf(&sql, " WHERE %s", where);
	if (order)
		sb_addf(&sql, " ORDER BY %s", order);
	rc = sqlite3_prepare_v2(db, sb_str(&sql), -1, &st, NULL);
	sb_release(&sql);
	if (rc != SQLITE_OK)
		return wg_db_fail(db, err);
	for (size_t i = 0; i < nparams; i++)
		if (params[i])
			sqlite3_bind_text(st, (int)i + 1, params[i], -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		out->v[out->n++] = wg_db_row_record(st, kind, 0);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

void wg_records_free(wg_records *r)
{
	for (size_t i = 0; i < r->n; i++)
		wg_record_free(r->v[i]);
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

int wg_query_text(sqlite3 *db, const char *sql, const char *const *params, size_t nparams,
		  char **out, wg_error *err)
{
	sqlite3_stmt *st;
	*out = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	for (size_t i = 0; i < nparams; i++)
		if (params[i])
			sqlite3_bind_text(st, (int)i + 1, params[i], -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		*out = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return (rc == SQLITE_ROW || rc == SQLITE_DONE) ? WG_OK : wg_db_fail(db, err);
}

int wg_query_table(sqlite3 *db, const char *sql, const char *const *params, size_t nparams,
		   size_t ncols, wg_row_fn *fix, const void *arg, wg_table *t, wg_error *err)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	const char **row = xcalloc(ncols, sizeof *row);
	for (size_t i = 0; i < nparams; i++)
		if (params[i])
			sqlite3_bind_text(st, (int)i + 1, params[i], -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char scratch[WG_ROW_SCRATCH];
		for (size_t i = 0; i < ncols; i++)
			row[i] = (const char *)sqlite3_column_text(st, (int)i);
		if (fix)
			fix(row, scratch, arg);
		wg_table_add(t, row);
	}
	rc = rc == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
	sqlite3_finalize(st);
	free(row);
	return rc;
}

int wg_grid_table(sqlite3 *db, wg_table *t, wg_error *err)
{
	static const char *const sql =
		"SELECT g.code, g.name, t.name,"
		" (SELECT count(*) FROM entity e WHERE e.grid = g.code)"
		" FROM grid g LEFT JOIN township t ON t.id = g.township ORDER BY g.code";
	return wg_query_table(db, sql, NULL, 0, 4, NULL, NULL, t, err);
}

int wg_officer_table(sqlite3 *db, wg_row_fn *fix, const void *arg, wg_table *t, wg_error *err)
{
	return wg_query_table(db, "SELECT id, name, role, grid, COALESCE((SELECT value FROM"
				  " personal p WHERE p.kind = 'officer' AND p.id = officer.id AND"
				  " p.field = 'phone'), phone) FROM officer ORDER BY role, grid, name",
			      NULL, 0, 5, fix, arg, t, err);
}

int wg_entity_table(sqlite3 *db, const char *grid, const char *category, wg_row_fn *fix,
		    const void *arg, wg_table *t, wg_error *err)
{
	const char *params[] = {grid, category};
	return wg_query_table(db,
			      "SELECT id, name, category, grid, uscc, phone, status FROM entity"
			      " WHERE (?1 IS NULL OR grid = ?1) AND (?2 IS NULL OR category = ?2)"
			      " ORDER BY grid, name_key, id",
			      params, 2, 7, fix, arg, t, err);
}

int wg_entity_name(sqlite3 *db, const char *id, char **out, wg_error *err)
{
	const char *p[] = {id};
	return wg_query_text(db, "SELECT name FROM entity WHERE id = ?1", p, 1, out, err);
}

int wg_entity_named(sqlite3 *db, const char *text, char id[WG_ID_BUFSIZE], wg_error *err)
{
	long n;
	int rc;
	if (wg_db_resolve(db, &wg_kind_entity, text, id, err) == WG_OK)
		return WG_OK;
	if ((rc = wg_count_rows(db, "SELECT id FROM entity WHERE name = ?", text, &n, id,
				WG_ID_BUFSIZE, err)))
		return rc;
	if (n == 1)
		return WG_OK;
	id[0] = '\0';
	if (n == 0)
		return wg_fail(err, WG_EINPUT, _("no entity is called \"%s\""), text);
	return wg_fail(err, WG_EINPUT, _("%ld entities are called \"%s\": give the id"), n, text);
}

int wg_checklist_records(sqlite3 *db, bool latest_only, wg_records *out, wg_error *err)
{
	return wg_select(db, &wg_kind_checklist,
			 latest_only ? "CAST(version AS INTEGER) = (SELECT max(CAST(c2.version AS"
				       " INTEGER)) FROM checklist c2 WHERE c2.code = checklist.code)"
				     : NULL,
			 "code, CAST(version AS INTEGER)", NULL, 0, out, err);
}
