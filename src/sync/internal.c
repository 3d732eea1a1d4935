/* What the sync operations share: one operation's transaction around the
 * history, and writing records into the working copy. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "strbuf.h"
#include "internal.h"
#include "progress.h"
#include "keys.h"

void wg_oid_hex(const git_oid *oid, char out[GIT_OID_HEXSZ + 1])
{
	git_oid_tostr(out, GIT_OID_HEXSZ + 1, oid);
}

const char *wg_base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

int wg_op_begin(wg_workspace *ws, wg_repo **repo, wg_tips *tips, size_t *ncommitted,
		wg_error *err)
{
	return wg_op_begin_grids(ws, NULL, 0, repo, tips, ncommitted, err);
}

int wg_op_begin_grids(wg_workspace *ws, const char *const *grids, size_t ngrids, wg_repo **repo,
		      wg_tips *tips, size_t *ncommitted, wg_error *err)
{
	int rc;
	size_t repaired;
	wg_tips_init(tips);
	if ((rc = wg_repo_open(ws, WG_REPO_CREATE_COUNTY, repo, err)))
		return rc;
	if ((rc = wg_repo_replay_journal(ws, *repo, &repaired, err)) ||
	    (rc = wg_db_begin(ws->db, err))) {
		wg_repo_close(*repo);
		return rc;
	}
	size_t resigned;
	if ((rc = wg_tips_load(*repo, tips, err)) || (rc = wg_keys_ensure_county(ws, err)) ||
	    (rc = wg_keys_resign_legacy(ws, *repo, tips, &resigned, err)) ||
	    (rc = wg_repo_commit_pending_grids(*repo, ws->db, tips, _("Record changes"), grids,
					       ngrids, ncommitted, err))) {
		wg_db_rollback(ws->db);
		wg_tips_free(tips);
		wg_repo_close(*repo);
		return rc;
	}
	return WG_OK;
}

int wg_op_finish(wg_workspace *ws, wg_repo *repo, wg_tips *tips, int rc, wg_error *err)
{
	wg_progress_end();
	if (rc == WG_OK && (rc = wg_repo_flush(repo, err)) == WG_OK &&
	    (rc = wg_tips_store(repo, tips, err)) == WG_OK &&
	    (rc = wg_repo_pending_committed(repo, ws->db, err)) == WG_OK)
		rc = wg_db_commit(ws->db, err);
	if (rc)
		wg_db_rollback(ws->db);
	wg_tips_free(tips);
	wg_repo_close(repo);
	return rc;
}

static size_t kind_index(const struct wg_kind *kind)
{
	for (size_t k = 0; k < wg_nkinds; k++)
		if (wg_kinds[k] == kind)
			return k;
	return 0;
}

static void applier_init(struct wg_applier *a)
{
	if (!a->put) {
		a->put = xcalloc(wg_nkinds, sizeof *a->put);
		a->del = xcalloc(wg_nkinds, sizeof *a->del);
	}
}

/* The record kind/id is in the history as written: not pending. */
static int forget(struct wg_applier *a, const struct wg_kind *kind, const char *id,
		  wg_error *err)
{
	if (!a->forget_changed)
		return WG_OK;
	if (!a->forget && sqlite3_prepare_v2(a->db, "DELETE FROM changed WHERE kind = ?1 AND id = ?2",
					     -1, &a->forget, NULL) != SQLITE_OK)
		return wg_db_fail(a->db, err);
	sqlite3_reset(a->forget);
	sqlite3_bind_text(a->forget, 1, kind->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(a->forget, 2, id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(a->forget) != SQLITE_DONE)
		return wg_db_fail(a->db, err);
	return WG_OK;
}

int wg_apply_put(struct wg_applier *a, const wg_record *rec, wg_error *err)
{
	size_t k = kind_index(rec->kind);
	applier_init(a);
	if (!a->put[k]) {
		strbuf sql = STRBUF_INIT;
		sb_addf(&sql, "INSERT OR REPLACE INTO %s (%s) VALUES (", rec->kind->name,
			wg_db_columns(rec->kind));
		for (size_t i = 0; i < rec->kind->nfields; i++)
			sb_adds(&sql, i ? ", ?" : "?");
		sb_adds(&sql, ")");
		int prc = sqlite3_prepare_v2(a->db, sb_str(&sql), -1, &a->put[k], NULL);
		sb_release(&sql);
		if (prc != SQLITE_OK)
			return wg_db_fail(a->db, err);
	}
	sqlite3_stmt *st = a->put[k];
	sqlite3_reset(st);
	for (size_t i = 0; i < rec->kind->nfields; i++)
		sqlite3_bind_text(st, (int)i + 1, rec->val[i], -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return wg_db_fail(a->db, err);
	a->n++;
	wg_progress(N_("Reading the records of the bundle"), a->n, 0);
	int rc = forget(a, rec->kind, wg_record_get(rec, "id"), err);
	/* The search index needs the pinyin initials, which SQL cannot compute. */
	if (rc == WG_OK && rec->kind == &wg_kind_entity && !a->bulk)
		rc = wg_db_index_entity(a->db, rec, err);
	return rc;
}

int wg_apply_del(struct wg_applier *a, const struct wg_kind *kind, const char *id, wg_error *err)
{
	size_t k = kind_index(kind);
	applier_init(a);
	if (a->forget_changed) {
		/* Still pending here after the import committed its grids: the
		 * record moved to a grid whose changes wait for their own export.
		 * It left this branch, not the county: keep it, and keep it pending. */
		if (!a->pending && sqlite3_prepare_v2(a->db, "SELECT 1 FROM changed WHERE kind = ?1"
							     " AND id = ?2", -1, &a->pending,
						      NULL) != SQLITE_OK)
			return wg_db_fail(a->db, err);
		sqlite3_reset(a->pending);
		sqlite3_bind_text(a->pending, 1, kind->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(a->pending, 2, id, -1, SQLITE_TRANSIENT);
		int step = sqlite3_step(a->pending);
		sqlite3_reset(a->pending);
		if (step == SQLITE_ROW)
			return WG_OK;
		if (step != SQLITE_DONE)
			return wg_db_fail(a->db, err);
	}
	if (!a->del[k]) {
		char *sql = xasprintf("DELETE FROM %s WHERE id = ?", kind->name);
		int prc = sqlite3_prepare_v2(a->db, sql, -1, &a->del[k], NULL);
		free(sql);
		if (prc != SQLITE_OK)
			return wg_db_fail(a->db, err);
	}
	sqlite3_reset(a->del[k]);
	sqlite3_bind_text(a->del[k], 1, id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(a->del[k]) != SQLITE_DONE)
		return wg_db_fail(a->db, err);
	a->n++;
	return forget(a, kind, id, err);
}

void wg_applier_free(struct wg_applier *a)
{
	for (size_t k = 0; a->put && k < wg_nkinds; k++) {
		sqlite3_finalize(a->put[k]);
		sqlite3_finalize(a->del[k]);
	}
	free(a->put);
	free(a->del);
	a->put = a->del = NULL;
	sqlite3_finalize(a->forget);
	sqlite3_finalize(a->pending);
	a->forget = a->pending = NULL;
}


