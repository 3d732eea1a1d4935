/* Internals shared by the sync modules (sync.c, conflict.c, history.c); not
 * an API for the screens, which use sync.h. */
#ifndef WG_SYNC_INTERNAL_H
#define WG_SYNC_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "error.h"
#include "record.h"
#include "repo.h"
#include "workspace.h"

void wg_oid_hex(const git_oid *oid, char out[GIT_OID_HEXSZ + 1]);
const char *wg_base_name(const char *path);

/* One operation on the history: open it, finish what a crash left, take the
 * write transaction and commit pending changes into staged tips (memory). */
int wg_op_begin(wg_workspace *ws, wg_repo **repo, wg_tips *tips, size_t *ncommitted,
		wg_error *err);
/* Then, unless rc says it failed: objects to disk, refs, the changed table,
 * the transaction. Always releases repo and tips; returns the outcome. */
int wg_op_finish(wg_workspace *ws, wg_repo *repo, wg_tips *tips, int rc, wg_error *err);

/* Writing records into the working copy, one prepared statement per kind. */
struct wg_applier {
	sqlite3 *db;
	wg_repo *repo;
	sqlite3_stmt **put, **del; /* per kind, made when first needed */
	size_t n;
	bool bulk; /* inside wg_bulk_begin/end, which rebuilds the search index */
};
int wg_apply_put(struct wg_applier *a, const wg_record *rec, wg_error *err);
int wg_apply_del(struct wg_applier *a, const struct wg_kind *kind, const char *id,
		 wg_error *err);
void wg_applier_free(struct wg_applier *a);


#endif
