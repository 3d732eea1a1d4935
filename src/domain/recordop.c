#include <config.h>

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "id.h"
#include "recordop.h"
#include "seal.h"
#include "timeutil.h"

int wg_may_edit(const wg_workspace *ws, const struct wg_kind *kind, const struct wg_field *f,
		bool creating, wg_error *err)
{
	if (ws->role == ROLE_NONE)
		return wg_fail(err, WG_EUSAGE, _("the workspace has not been set up: run init first"));
	if (ws->role == ROLE_OFFICER && kind->branch == BRANCH_COMMON)
		return wg_fail(err, WG_EINPUT,
			       _("only the county can change %s records"), _(kind->label));
	if (ws->role == ROLE_OFFICER && kind->county_made)
		return wg_fail(err, WG_EINPUT,
			       _("%s records are the county's: a grid officer neither makes nor "
				 "changes them"), _(kind->label));
	if (!f)
		return WG_OK;
	if (!creating && (f->merge == MERGE_ONCE || (f->flags & FF_HIDDEN)))
		return wg_fail(err, WG_EINPUT, _("%s cannot be changed once the record exists"),
			       _(f->label));
	if (ws->role == ROLE_OFFICER && (f->flags & FF_COUNTY_ONLY))
		return wg_fail(err, WG_EINPUT, _("only the county keeps %s"), _(f->label));
	if (!creating && ws->role == ROLE_OFFICER && f->merge == MERGE_COUNTY)
		return wg_fail(err, WG_EINPUT, _("only the county can change %s"), _(f->label));
	return WG_OK;
}

int wg_fill(wg_record *rec, const struct wg_change *changes, size_t n, bool confirm,
	    wg_error *err)
{
	for (size_t i = 0; i < n; i++) {
		const struct wg_field *f = wg_field_find(rec->kind, changes[i].field);
		const char *warning = NULL;
		if (!f || (f->flags & FF_HIDDEN))
			return wg_fail(err, WG_EINPUT, _("%s has no field \"%s\""),
				       _(rec->kind->label), changes[i].field);
		int rc = wg_record_set(rec, changes[i].field, changes[i].value, &warning, err);
		if (rc)
			return rc;
		if (warning && !confirm) {
			wg_fail(err, WG_EINPUT, "%s", warning);
			err->confirmable = 1;
			return WG_EINPUT;
		}
	}
	return WG_OK;
}

/* Grid records must belong to a grid that exists and that this workspace holds. */
static int check_grid_scope(wg_workspace *ws, const wg_record *rec, wg_error *err)
{
	const char *code = NULL;
	if (rec->kind->grid_field >= 0)
		code = rec->val[rec->kind->grid_field];
	else if (rec->kind == &wg_kind_officer && *wg_record_get(rec, "grid"))
		code = wg_record_get(rec, "grid");
	if (!code)
		return WG_OK;
	bool exists;
	int rc = wg_grid_exists(ws, code, &exists, err);
	if (rc)
		return rc;
	if (!exists)
		return wg_fail(err, WG_EINPUT, _("there is no grid with code \"%s\""), code);
	if (ws->role == ROLE_OFFICER && rec->kind->grid_field >= 0 &&
	    (!ws->grid || strcmp(ws->grid, code) != 0))
		return wg_fail(err, WG_EINPUT,
			       _("this workspace holds grid %s only; grid %s belongs to another "
				 "officer"), ws->grid ? ws->grid : "?", code);
	return WG_OK;
}

int wg_add(wg_workspace *ws, wg_record *rec, wg_error *err)
{
	char id[WG_ID_HEXLEN + 1], now[WG_TIMESTAMP_LEN + 1];
	int rc, created;

	if ((rc = wg_may_edit(ws, rec->kind, NULL, true, err)))
		return rc;
	if (wg_id_new(id) != 0)
		return wg_fail(err, WG_EINTERNAL, _("the system gives no random numbers"));
	wg_record_put(rec, 0, id);
	wg_timestamp(wg_now(), now);
	if ((created = wg_field_index(rec->kind, "created")) >= 0)
		wg_record_put(rec, created, now);
	/* Default states: the first option of a status field. */
	for (size_t i = 0; i < rec->kind->nfields; i++) {
		const struct wg_field *f = &rec->kind->fields[i];
		if (f->type == FT_ENUM && (f->flags & FF_REQUIRED) && !*rec->val[i] &&
		    strcmp(f->name, "status") == 0)
			wg_record_put(rec, (int)i, f->options[0].value);
	}
	if ((rc = wg_record_check(rec, err)))
		return rc;
	if ((rc = wg_db_begin(ws->db, err)))
		return rc;
	if ((rc = check_grid_scope(ws, rec, err)) || (rc = wg_db_insert(ws->db, rec, err)) ||
	    (rc = wg_db_commit(ws->db, err))) {
		wg_db_rollback(ws->db);
		return rc;
	}
	return WG_OK;
}

int wg_township_ensure(wg_workspace *ws, const char *name, char id[WG_ID_BUFSIZE], wg_error *err)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(ws->db, "SELECT id FROM township WHERE name = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return wg_db_fail(ws->db, err);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(id, WG_ID_BUFSIZE, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return WG_OK;
	if (rc != SQLITE_DONE)
		return wg_db_fail(ws->db, err);

	wg_record *t = wg_record_new(&wg_kind_township);
	rc = wg_record_set(t, "name", name, NULL, err);
	if (rc == WG_OK)
		rc = wg_add(ws, t, err);
	if (rc == WG_OK)
		snprintf(id, WG_ID_BUFSIZE, "%s", wg_record_id(t));
	wg_record_free(t);
	return rc;
}

int wg_modify(wg_workspace *ws, const struct wg_kind *kind, const char *id,
	      const struct wg_change *changes, size_t n, bool confirm, wg_error *err)
{
	wg_record *rec = NULL;
	int rc;

	for (size_t i = 0; i < n; i++) {
		const struct wg_field *f = wg_field_find(kind, changes[i].field);
		if (!f)
			return wg_fail(err, WG_EINPUT, _("%s has no field \"%s\""), _(kind->label),
				       changes[i].field);
		if ((rc = wg_may_edit(ws, kind, f, false, err)))
			return rc;
	}
	if ((rc = wg_db_begin(ws->db, err)))
		return rc;
	if ((rc = wg_db_load(ws->db, kind, id, &rec, err)) ||
	    (rc = wg_signed_guard(ws->db, rec, err)) ||
	    (rc = wg_fill(rec, changes, n, confirm, err)) ||
	    (rc = check_grid_scope(ws, rec, err)) || (rc = wg_db_update(ws->db, rec, err)) ||
	    (rc = wg_db_commit(ws->db, err)))
		wg_db_rollback(ws->db);
	wg_record_free(rec);
	return rc;
}

int wg_grid_add(wg_workspace *ws, wg_record *grid, const char *township_name, wg_error *err)
{
	char tid[WG_ID_HEXLEN + 1];
	bool exists;
	int rc;

	if ((rc = wg_may_edit(ws, &wg_kind_grid, NULL, true, err)))
		return rc;
	if ((rc = wg_db_begin(ws->db, err)))
		return rc;
	if ((rc = wg_grid_exists(ws, wg_record_get(grid, "code"), &exists, err)))
		goto fail;
	if (exists) {
		rc = wg_fail(err, WG_EINPUT, _("a grid with code \"%s\" already exists"),
			     wg_record_get(grid, "code"));
		goto fail;
	}
	if ((rc = wg_township_ensure(ws, township_name, tid, err)))
		goto fail;
	wg_record_put(grid, wg_field_index(&wg_kind_grid, "township"), tid);
	if ((rc = wg_add(ws, grid, err)) || (rc = wg_db_commit(ws->db, err)))
		goto fail;
	return WG_OK;
fail:
	wg_db_rollback(ws->db);
	return rc;
}

int wg_delete(wg_workspace *ws, const struct wg_kind *kind, const char *id, wg_error *err)
{
	wg_record *rec = NULL;
	int rc;
	if ((rc = wg_may_edit(ws, kind, NULL, false, err)))
		return rc;
	if ((rc = wg_db_begin(ws->db, err)))
		return rc;
	if ((rc = wg_db_load(ws->db, kind, id, &rec, err)) || (rc = check_grid_scope(ws, rec, err)))
		goto fail;
	if (kind->county_made) {
		rc = wg_fail(err, WG_EINPUT, _("a penalty case and its steps are never deleted: they "
					       "are the full record of the enforcement"));
		goto fail;
	}
	if (kind == &wg_kind_inspection && strcmp(wg_record_get(rec, "status"), "signed") == 0) {
		rc = wg_fail(err, WG_EINPUT, _("a signed inspection cannot be deleted"));
		goto fail;
	}
	if ((rc = wg_db_delete(ws->db, kind, id, err)) || (rc = wg_db_commit(ws->db, err)))
		goto fail;
	wg_record_free(rec);
	return WG_OK;
fail:
	wg_db_rollback(ws->db);
	wg_record_free(rec);
	return rc;
}
