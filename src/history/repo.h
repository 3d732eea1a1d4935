/* The history: a bare git repository (history.git) made with libgit2.
 *
 * Every synced record is one blob at <kind>/<id[0..1]>/<id[2]>/<id>: two levels
 * of directories, about 24 records per leaf at 100,000 records, so that a
 * bundle carrying a few changes carries a few small trees. Common records
 * (county, townships, grids, officers) live on refs/heads/common, grid records
 * on refs/heads/grid/<code>.
 *
 * All objects are first written to an in-memory object database and reach the
 * disk as one pack when wg_repo_flush() is called: bulk work is fast, and an
 * operation that fails before flushing leaves history.git untouched. */
#ifndef WG_REPO_H
#define WG_REPO_H

#include <git2.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "error.h"
#include "giterr.h"
#include "id.h"
#include "record.h"
#include "strbuf.h"
#include "workspace.h"

#define WG_REF_COMMON "refs/heads/common"
#define WG_REF_GRID_PREFIX "refs/heads/grid/"
#define WG_REF_MAX 160
#define WG_PATH_MAX 96 /* "inspection/ab/c/<32 hex>" */

/* Branch tips as an operation sees them: the refs on disk, then the staged
 * values the operation will write. */
struct wg_tip {
	char ref[WG_REF_MAX];
	git_oid old;   /* on disk when the operation started */
	git_oid cur;   /* staged */
	bool had_old;
	bool has_cur;
};

typedef struct wg_tips {
	struct wg_tip *v;
	size_t n, alloc;
} wg_tips;

typedef struct wg_repo {
	git_repository *git;
	git_odb *odb;
	struct wg_pack *pack; /* the objects written since the last flush (read
			       * through a backend of odb) */
	size_t flush_bytes;   /* flush by itself when the pack grows past this */
	git_odb *main_odb;    /* history.git's own objects only (see wg_repo_main_odb) */
	char *name, *email;   /* commit author: the workspace's officer or the county */
	char *county_id;
	char *dir;            /* the workspace folder (evidence files live in it) */
	bool county;          /* a county workspace (else an officer's) */
	bool signing;         /* every commit is signed with key (SSHSIG) */
	wg_keypair key;
	struct wg_committed *committed; /* what a commit for some grids took */
	struct wg_write_behind *behind; /* see wg_repo_write_behind */
} wg_repo;
/* Re-read the author after the workspace's role changed (init officer). */
int wg_repo_reload_author(wg_repo *repo, wg_workspace *ws, wg_error *err);

/* Open history.git of the workspace; create: 0 never, 1 always (a new
 * workspace), WG_REPO_CREATE_COUNTY when a county workspace has none yet. */
#define WG_REPO_CREATE_COUNTY 2
/* How often libgit2's start-up asked to load TLS certificates (none are:
 * see repo.c; for the tests). */
extern unsigned wg_repo_tls_cert_loads;
/* How often libgit2's start-up started libssh2 (which is not: see repo.c). */
extern unsigned wg_repo_ssh_inits;
int wg_repo_open(wg_workspace *ws, int create, wg_repo **out, wg_error *err);
void wg_repo_close(wg_repo *repo);
/* Write the objects made in memory to history.git as one pack. */
int wg_repo_flush(wg_repo *repo, wg_error *err);
/* history.git's objects without this operation's staging or memory. */
int wg_repo_main_odb(wg_repo *repo, git_odb **out, wg_error *err);
/* Keep lookups fast as packs accumulate (one per operation): when enough
 * packs are not yet in the multi-pack-index, write it anew. */
int wg_repo_tidy(wg_repo *repo, wg_error *err);
/* Write an object (its raw git body, e.g. a tree built by the caller) to
 * memory for the next flush. */
int wg_repo_write_object(wg_repo *repo, git_object_t type, const void *data, size_t len,
			 git_oid *out, wg_error *err);
/* Write behind (on): the objects written from now on are named at once
 * and handed to a thread that packs them (deltas, deflate, the next flush
 * when the pack grows past flush_bytes), in the order written, so the pack
 * is the same. Meanwhile nothing may be read from the history (no lookup,
 * no libgit2 call on repo): only wg_repo_write_object, wg_record_blob and
 * wg_repo_commit. Off: every object packed, the thread gone; its failure, if
 * any, is returned. A history of thousands of commits (the demo county's)
 * spent half its time packing. */
int wg_repo_write_behind(wg_repo *repo, bool on, wg_error *err);
/* Note an object written (to memory) so that the next flush packs it. */
int wg_repo_written(wg_repo *repo, const git_oid *oid, wg_error *err);

/* "entity/ab/c/<id>" */
void wg_record_path(const struct wg_kind *kind, const char *id, char out[WG_PATH_MAX]);
/* Split a record path into kind and id; false unless it has exactly that shape. */
bool wg_path_parse(const char *path, const struct wg_kind **kind, char id[WG_ID_BUFSIZE]);
/* Evidence files (photos, scans) travel beside the records, content-addressed:
 * "files/ab/c/<40-hex git blob id>", on the branch of their evidence record. */
void wg_file_path(const char *hash, char out[WG_PATH_MAX]);
bool wg_file_path_parse(const char *path, char hash[41]);
/* Copy an evidence file that arrived in the history into the workspace's
 * evidence/ folder (content-addressed: an existing copy is kept). */
int wg_repo_place_file(wg_repo *repo, const git_oid *blob, wg_error *err);
/* The branch a record belongs on. */
void wg_record_branch(const wg_record *rec, char out[WG_REF_MAX]);
/* The grid code of a grid branch ref, or NULL for common / anything else. */
const char *wg_ref_grid(const char *ref);

/* Tips. */
void wg_tips_init(wg_tips *t);
void wg_tips_free(wg_tips *t);
int wg_tips_load(wg_repo *repo, wg_tips *t, wg_error *err); /* every refs/heads/ ref */
struct wg_tip *wg_tips_get(wg_tips *t, const char *ref);
struct wg_tip *wg_tips_add(wg_tips *t, const char *ref);
/* Write every staged tip that moved to disk (after wg_repo_flush). */
int wg_tips_store(wg_repo *repo, wg_tips *t, wg_error *err);
int wg_ref_set(wg_repo *repo, const char *ref, const git_oid *oid, wg_error *err);

/* One change to a tree: put a blob at path, or remove path. */
struct wg_tree_edit {
	const char *path; /* the caller's */
	git_oid blob;
	bool remove;
};
/* git's order of a tree's entries: a tree sorts as if its name ended in '/'. */
int wg_tree_order(const char *a, size_t alen, bool adir, const char *b, size_t blen, bool bdir);
/* One entry of a tree object, in git's format, added to sb. */
void wg_tree_entry_add(strbuf *sb, git_filemode_t mode, const char *name, size_t len,
		       const git_oid *oid);
/* Apply edits (sorted by path) to base (NULL: the empty tree); writes only the
 * trees on the changed paths. */
int wg_tree_edit(wg_repo *repo, const git_oid *base, struct wg_tree_edit *edits, size_t n,
		 git_oid *out, wg_error *err);
/* The blob at path in the tree of commit (found false when absent). */
int wg_commit_blob(wg_repo *repo, const git_oid *commit, const char *path, git_oid *blob,
		   bool *found, wg_error *err);
int wg_commit_tree(wg_repo *repo, const git_oid *commit, git_oid *tree, wg_error *err);
/* Read and parse a record blob. */
int wg_blob_record(wg_repo *repo, const git_oid *blob, wg_record **out, wg_error *err);
int wg_record_blob(wg_repo *repo, const wg_record *rec, git_oid *out, wg_error *err);

/* Make a commit by this workspace's author (parents may be 0, 1 or 2). */
/* Write a commit, signed with the workspace's key when it has one (the one
 * place wangge signs). */
int wg_repo_write_commit(wg_repo *repo, const git_signature *author,
			 const git_signature *committer, const char *encoding, const char *message,
			 const git_tree *tree, size_t nparents, const git_commit **parents, git_oid *out,
			 wg_error *err);
int wg_repo_commit(wg_repo *repo, const git_oid *tree, const git_oid *const *parents,
		   size_t nparents, const char *message, git_oid *out, wg_error *err);

/* Commit the records in the pending table onto their branches in tips (staged,
 * in memory); ensure every grid of a county has a branch. *ncommitted counts
 * the records written. The caller flushes, stores the tips and then calls
 * wg_repo_pending_done inside its database transaction. */
int wg_repo_commit_pending(wg_repo *repo, sqlite3 *db, wg_tips *tips, const char *subject,
			   size_t *ncommitted, wg_error *err);
int wg_repo_pending_done(sqlite3 *db, wg_error *err);
/* The same for some grids only (a county's enroll or export of them): the
 * common branch and the branches of grids take what they need; the other
 * grids' changes stay pending, so that the first enroll of a county costs
 * its grid, not the county, and so does every later export of a grid. The
 * grids' pending records are found by pending's key (the grid a record is in,
 * and the grid it left when it moved or went): a deleted record leaves the
 * history, and a record now in another grid leaves the branches of grids but
 * stays pending for its own grid.
 * ngrids 0, or an officer's workspace: as wg_repo_commit_pending. */
int wg_repo_commit_pending_grids(wg_repo *repo, sqlite3 *db, wg_tips *tips, const char *subject,
				 const char *const *grids, size_t ngrids, size_t *ncommitted,
				 wg_error *err);
/* Drop from pending what the last commit_pending of repo
 * committed (all of it unless it was for some grids). */
int wg_repo_pending_committed(wg_repo *repo, sqlite3 *db, wg_error *err);

/* Commit pending changes all the way: objects, refs, pending table. */
int wg_repo_commit_now(wg_workspace *ws, wg_repo *repo, const char *subject, wg_error *err);

/* Finish ref updates an interrupted import left in sync_journal; *repaired
 * counts them. */
int wg_repo_replay_journal(wg_workspace *ws, wg_repo *repo, size_t *repaired, wg_error *err);

#endif
