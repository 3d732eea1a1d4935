/* Three-way merge of record trees, field by field.
 *
 * A recursive walk over base, ours and theirs that skips every subtree whose id
 * is the same on both sides that matter, so its cost follows the change, not the
 * size of the grid. Each changed record is merged field by field under the
 * policy its field declares in the schema (enum wg_merge):
 *   - one side changed: that change is taken; both to the same value: no conflict;
 *   - MERGE_PLAIN changed differently: a conflict (ours stays until resolved);
 *   - MERGE_STATUS: the later option in the field's declared order wins;
 *   - MERGE_COUNTY: an officer's change is refused (the whole bundle is);
 *   - MERGE_ONCE: any change is refused;
 *   - a signed inspection (status=signed in base or ours) is immutable, and so
 *     are its item results and evidence: any change is refused, also a stale
 *     branch's re-adding it (which would otherwise merge as add/add);
 *   - deleted on one side, edited on the other: a conflict.
 * Every incoming record is parsed strictly and checked to belong to the branch,
 * and against the receiving workspace's own state: a record id belongs for
 * ever to the grid where it was made (db: no record of that id in another
 * grid), and what a record refers to inside the grid (inspection -> entity,
 * task -> entity, finding -> inspection, ...) is on the same branch. */
#ifndef WG_MERGE_H
#define WG_MERGE_H

#include <git2.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "error.h"
#include "id.h"
#include "repo.h"

struct wg_conflict_rec {
	const struct wg_kind *kind;
	char id[WG_ID_BUFSIZE];
	char *field;                /* "" for the whole record */
	char *base, *ours, *theirs; /* values (whole record text for ""); NULL = absent */
};

struct wg_merger {
	wg_repo *repo;
	const char *grid;     /* grid code of the branch, NULL for common */
	bool from_officer;    /* theirs is an officer's work (the county imports) */
	sqlite3 *db;          /* the receiving workspace's records (NULL: not checked) */
	/* the trees of the merge at hand (wg_merge_trees sets them) */
	git_tree *base_root, *ours_root, *theirs_root;
	/* results */
	struct wg_conflict_rec *conflicts;
	size_t nconflicts, alloc;
	size_t added, changed, deleted;
};

/* Merge theirs into ours from base (base may be NULL: no common history).
 * *out is the merged tree. WG_EINPUT when theirs holds something refused. */
/* Start an import's claims: which grid each new record id of its bundles
 * arrived on (a temporary table, gone with the connection). Call once per
 * import, before its first merge. */
int wg_merge_claims_begin(sqlite3 *db, wg_error *err);
int wg_merge_trees(struct wg_merger *m, const git_oid *base, const git_oid *ours,
		   const git_oid *theirs, git_oid *out, wg_error *err);
void wg_merge_release(struct wg_merger *m);

/* Every record that differs between two trees (either may be NULL: empty):
 * cb gets its path and the old and new blob (NULL when absent). */
typedef int (*wg_diff_cb)(const char *path, const git_oid *old, const git_oid *new_,
			  void *payload, wg_error *err);
int wg_tree_diff(wg_repo *repo, const git_oid *a, const git_oid *b, wg_diff_cb cb, void *payload,
		 wg_error *err);

#endif
