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
		a->grid_of = xcalloc(wg_nkinds, sizeof *a->grid_of);
	}
}

/* The grid the record kind/id is pending for in the working copy (its row's,
 * "" for a kind pending for grid '' or a record not there), in *grid (freed
 * by the caller). */
static int grid_of(struct wg_applier *a, const struct wg_kind *kind, const char *id, char **grid,
		   wg_error *err)
{
	size_t k = kind_index(kind);
	const char *g = wg_db_pending_grid_field(kind);
	*grid = NULL;
	if (g && !a->grid_of[k]) {
		char *sql = xasprintf("SELECT %s FROM %s WHERE id = ?1", g, kind->name);
		int prc = sqlite3_prepare_v2(a->db, sql, -1, &a->grid_of[k], NULL);
		free(sql);
		if (prc != SQLITE_OK)
			return wg_db_fail(a->db, err);
	}
	int step = SQLITE_DONE;
	if (g) {
		sqlite3_reset(a->grid_of[k]);
		sqlite3_bind_text(a->grid_of[k], 1, id, -1, SQLITE_TRANSIENT);
		step = sqlite3_step(a->grid_of[k]);
		if (step == SQLITE_ROW)
			*grid = xstrdup((const char *)sqlite3_column_text(a->grid_of[k], 0));
		sqlite3_reset(a->grid_of[k]);
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return wg_db_fail(a->db, err);
	if (!*grid)
		*grid = xstrdup("");
	return WG_OK;
}

/* The record kind/id of grid is in the history as written: not pending for
 * grid '' or its grid. */
static int forget(struct wg_applier *a, const struct wg_kind *kind, const char *id,
		  const char *grid, wg_error *err)
{
	if (!a->forget_changed)
		return WG_OK;
	if (!a->forget && sqlite3_prepare_v2(a->db, "DELETE FROM pending WHERE grid IN ('', ?3)"
						    " AND kind = ?1 AND id = ?2",
					     -1, &a->forget, NULL) != SQLITE_OK)
		return wg_db_fail(a->db, err);
	sqlite3_reset(a->forget);
	sqlite3_bind_text(a->forget, 1, kind->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(a->forget, 2, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(a->forget, 3, grid, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(a->forget) != SQLITE_DONE)
		return wg_db_fail(a->db, err);
	return WG_OK;
}

int wg_apply_put(struct wg_applier *a, const wg_record *rec, wg_error *err)
{
	size_t k = kind_index(rec->kind);
	applier_init(a);
	if (!a->put[k]) {
		/* A record written again keeps its row (its rowid): the search
		 * index (entity_fts, entity_initials, entity_gram) and the runs of
		 * pending_whole know a record by its rowid. A new rowid for each
		 * sync of an entity left its old initials and grams behind, and
		 * wrote them all again under the new one. (id is field 0: ?1.) */
		strbuf sql = STRBUF_INIT;
		sb_addf(&sql, "INSERT OR REPLACE INTO %s (rowid, %s) VALUES ((SELECT rowid FROM %s"
			" WHERE id = ?1)", rec->kind->name, wg_db_columns(rec->kind),
			rec->kind->name);
		for (size_t i = 0; i < rec->kind->nfields; i++)
			sb_addf(&sql, ", ?%zu", i + 1);
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
	const char *g = wg_db_pending_grid_field(rec->kind);
	const char *grid = g ? wg_record_get(rec, g) : NULL;
	int rc = forget(a, rec->kind, wg_record_get(rec, "id"), grid ? grid : "", err);
	/* The search index needs the pinyin initials, which SQL cannot compute. */
	if (rc == WG_OK && rec->kind == &wg_kind_entity && !a->bulk)
		rc = wg_db_index_entity_with(a->db, &a->index, rec, err);
	return rc;
}

int wg_apply_del(struct wg_applier *a, const struct wg_kind *kind, const char *id, wg_error *err)
{
	size_t k = kind_index(kind);
	char *grid = NULL;
	int rc;
	applier_init(a);
	if (a->forget_changed) {
		/* Still pending here after the import committed its grids: the
		 * record moved to a grid whose changes wait for their own export.
		 * It left this branch, not the county: keep it, and keep it pending. */
		if ((rc = grid_of(a, kind, id, &grid, err)))
			return rc;
		if (!a->pending && sqlite3_prepare_v2(a->db, "SELECT 1 FROM pending WHERE grid IN"
							     " ('', ?3) AND kind = ?1 AND id = ?2"
							     " UNION ALL SELECT 1 FROM pending_whole"
							     " WHERE kind = ?1 AND grid IN ('', ?3)",
						      -1, &a->pending, NULL) != SQLITE_OK) {
			free(grid);
			return wg_db_fail(a->db, err);
		}
		sqlite3_reset(a->pending);
		sqlite3_bind_text(a->pending, 1, kind->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(a->pending, 2, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(a->pending, 3, grid, -1, SQLITE_TRANSIENT);
		int step = sqlite3_step(a->pending);
		sqlite3_reset(a->pending);
		if (step == SQLITE_ROW || step != SQLITE_DONE) {
			free(grid);
			return step == SQLITE_ROW ? WG_OK : wg_db_fail(a->db, err);
		}
	}
	if (!a->del[k]) {
		char *sql = xasprintf("DELETE FROM %s WHERE id = ?", kind->name);
		int prc = sqlite3_prepare_v2(a->db, sql, -1, &a->del[k], NULL);
		free(sql);
		if (prc != SQLITE_OK) {
			free(grid);
			return wg_db_fail(a->db, err);
		}
	}
	sqlite3_reset(a->del[k]);
	sqlite3_bind_text(a->del[k], 1, id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(a->del[k]) != SQLITE_DONE) {
		free(grid);
		return wg_db_fail(a->db, err);
	}
	a->n++;
	rc = forget(a, kind, id, grid ? grid : "", err);
	free(grid);
	return rc;
}

void wg_applier_free(struct wg_applier *a)
{
	for (size_t k = 0; a->put && k < wg_nkinds; k++) {
		sqlite3_finalize(a->put[k]);
		sqlite3_finalize(a->del[k]);
		sqlite3_finalize(a->grid_of[k]);
	}
	free(a->put);
	free(a->del);
	free(a->grid_of);
	a->put = a->del = a->grid_of = NULL;
	sqlite3_finalize(a->forget);
	sqlite3_finalize(a->pending);
	a->forget = a->pending = NULL;
	wg_entity_indexer_free(&a->index);
}


