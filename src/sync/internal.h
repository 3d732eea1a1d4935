/* Internals shared by the sync modules (sync.c, conflict.c, history.c); not
 * an API for the screens, which use sync.h. */
#ifndef WG_SYNC_INTERNAL_H
#define WG_SYNC_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "db.h"
#include "error.h"
#include "record.h"
#include "repo.h"
#include "timeutil.h"
#include "workspace.h"

void wg_oid_hex(const git_oid *oid, char out[GIT_OID_HEXSZ + 1]);
const char *wg_base_name(const char *path);

/* One operation on the history: open it, finish what a crash left, take the
 * write transaction and commit pending changes into staged tips (memory). */
int wg_op_begin(wg_workspace *ws, wg_repo **repo, wg_tips *tips, size_t *ncommitted,
		wg_error *err);
/* The same for an operation that needs only the branches of grids and common
 * (a county's enroll or export): other grids' changes stay pending (see
 * wg_repo_commit_pending_grids). */
int wg_op_begin_grids(wg_workspace *ws, const char *const *grids, size_t ngrids, wg_repo **repo,
		      wg_tips *tips, size_t *ncommitted, wg_error *err);
/* Then, unless rc says it failed: objects to disk, refs, the changed table,
 * the transaction. Always releases repo and tips; returns the outcome. */
int wg_op_finish(wg_workspace *ws, wg_repo *repo, wg_tips *tips, int rc, wg_error *err);

/* Writing records into the working copy, one prepared statement per kind. */
struct wg_applier {
	sqlite3 *db;
	wg_repo *repo;
	sqlite3_stmt **put, **del; /* per kind, made when first needed */
	sqlite3_stmt **grid_of;    /* ... and the grid a record is in */
	size_t n;
	bool bulk; /* inside wg_bulk_begin/end, which rebuilds the search index */
	/* each record written is no longer pending (for grid '' and the grid it
	 * is in): it is in the history already (an import's merge), and only it
	 * is (other grids' stay) */
	bool forget_changed;
	sqlite3_stmt *forget, *pending;
	struct wg_entity_indexer index; /* for the search index of each entity put */
};
int wg_apply_put(struct wg_applier *a, const wg_record *rec, wg_error *err);
int wg_apply_del(struct wg_applier *a, const struct wg_kind *kind, const char *id,
		 wg_error *err);
void wg_applier_free(struct wg_applier *a);

/* What an import did, recorded in its transaction: one branch it moved. */
struct wg_import_move {
	char ref[WG_REF_MAX];
	bool had;              /* the branch was here before */
	git_oid before, after;
};
int wg_import_record(sqlite3 *db, const char *file, const char *sender, size_t added,
		     size_t changed, size_t deleted, size_t conflicts,
		     const struct wg_import_move *moves, size_t nmoves, long *id, wg_error *err);
/* wg_import_records (sync.h) on an open history. */
struct wg_record_change;
int wg_import_records_in(wg_workspace *ws, wg_repo *repo, long id,
			 struct wg_record_change **out, size_t *n, wg_error *err);
/* Who wrote the value that path (field: one of its fields, "" the whole
 * record) holds at tip: the author's id ("county" or an officer's) and the
 * time of the commit that made it, "" both when it is stop's (the base). */
int wg_last_writer(wg_repo *repo, const git_oid *tip, const git_oid *stop, const char *path,
		   const char *field, char who[WG_ID_BUFSIZE], char at[WG_TIMESTAMP_LEN + 1],
		   wg_error *err);

#endif
