#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulk.h"
#include "bundle.h"
#include "fsck.h"
#include "db.h"
#include "fileutil.h"
#include "i18n.h"
#include "id.h"
#include "merge.h"
#include "query.h"
#include "repo.h"
#include "strbuf.h"
#include "sync.h"
#include "internal.h"
#include "keys.h"
#include "timeutil.h"

#define ENROLL_PREFIX "refs/wangge/enroll/"
#define PEER_COUNTY "county"

/* ---- small helpers ---- */

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void remove_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void wg_export_result_free(struct wg_export_result *r)
{
	free(r->path);
	free(r->sealed_to);
	memset(r, 0, sizeof *r);
}

void wg_export_seal_text(const char *sealed_to, int plain_why, strbuf *out)
{
	if (sealed_to)
		sb_addf(out, _("Sealed for %s: only their key opens it."), sealed_to);
	else if (plain_why == WG_PLAIN_ASKED)
		sb_adds(out, _("Not sealed, as asked: anyone who finds the file can read it."));
	else if (plain_why == WG_PLAIN_ENROLL)
		sb_adds(out, _("Not sealed: an enrollment bundle starts a workspace that has no key yet. "
			       "Hand it over in person."));
	else
		sb_adds(out, _("Not sealed: no key of its reader is registered yet, so anyone who finds "
			       "the file can read it."));
}

void wg_import_result_free(struct wg_import_result *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->files[i].path);
		free(r->files[i].who);
	}
	free(r->files);
	r->files = NULL;
	r->n = 0;
}

static int is_ancestor(wg_repo *repo, const git_oid *anc, const git_oid *desc)
{
	if (git_oid_equal(anc, desc))
		return 1;
	return git_graph_descendant_of(repo->git, desc, anc) == 1;
}

/* ---- what the other side has (sync_peer) ---- */

/* Record that peer has tip on branch; drop tips it makes redundant. */
static int peer_add(wg_repo *repo, sqlite3 *db, const char *peer, const char *branch,
		    const git_oid *tip, bool replace, wg_error *err)
{
	sqlite3_stmt *st;
	char hex[GIT_OID_HEXSZ + 1];
	int rc = WG_OK;
	wg_oid_hex(tip, hex);
	if (sqlite3_prepare_v2(db, "SELECT tip FROM sync_peer WHERE peer = ? AND branch = ?", -1, &st,
			       NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, peer, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, branch, -1, SQLITE_STATIC);
	strbuf drop = STRBUF_INIT;
	bool covered = false;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		git_oid o;
		if (git_oid_fromstr(&o, t) < 0)
			continue;
		if (replace || is_ancestor(repo, &o, tip))
			sb_addf(&drop, "%s\n", t);
		else if (is_ancestor(repo, tip, &o))
			covered = true;
	}
	sqlite3_finalize(st);
	for (const char *p = sb_str(&drop); *p && rc == WG_OK; p += GIT_OID_HEXSZ + 1) {
		char t[GIT_OID_HEXSZ + 1];
		memcpy(t, p, GIT_OID_HEXSZ);
		t[GIT_OID_HEXSZ] = '\0';
		if (sqlite3_prepare_v2(db, "DELETE FROM sync_peer WHERE peer = ? AND branch = ? AND tip = ?",
				       -1, &st, NULL) != SQLITE_OK) {
			rc = wg_db_fail(db, err);
			break;
		}
		sqlite3_bind_text(st, 1, peer, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, branch, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, t, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = wg_db_fail(db, err);
		sqlite3_finalize(st);
	}
	sb_release(&drop);
	if (rc || (covered && !replace))
		return rc;
	if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO sync_peer(peer, branch, tip) VALUES (?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, peer, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, branch, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, hex, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
	sqlite3_finalize(st);
	return rc;
}

struct oids {
	git_oid *v;
	size_t n, alloc;
};

static void oids_add(struct oids *o, const git_oid *id)
{
	for (size_t i = 0; i < o->n; i++)
		if (git_oid_equal(&o->v[i], id))
			return;
	if (o->n == o->alloc) {
		o->alloc = o->alloc ? 2 * o->alloc : 4;
		o->v = xrealloc(o->v, o->alloc * sizeof *o->v);
	}
	o->v[o->n++] = *id;
}

/* Prerequisites for a bundle of branch: what every peer (one peer, or all
 * peers holding the branch when peer is NULL) is known to have. */
static int peer_prereqs(wg_repo *repo, sqlite3 *db, const char *peer, const char *branch,
			struct oids *out, wg_error *err)
{
	sqlite3_stmt *st;
	struct oids tips = {0};
	size_t npeers = 0;
	char last[64] = "";
	if (sqlite3_prepare_v2(db, "SELECT peer, tip FROM sync_peer WHERE branch = ?1"
				   " AND (?2 IS NULL OR peer = ?2) ORDER BY peer", -1, &st,
			       NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, branch, -1, SQLITE_STATIC);
	if (peer)
		sqlite3_bind_text(st, 2, peer, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 0);
		git_oid o;
		if (git_oid_fromstr(&o, (const char *)sqlite3_column_text(st, 1)) < 0 ||
		    !git_odb_exists(repo->odb, &o))
			continue;
		if (strcmp(p, last) != 0) {
			npeers++;
			snprintf(last, sizeof last, "%s", p);
		}
		oids_add(&tips, &o);
	}
	sqlite3_finalize(st);
	if (npeers <= 1) {
		for (size_t i = 0; i < tips.n; i++)
			oids_add(out, &tips.v[i]);
	} else {
		/* several officers of one grid: what they all have */
		git_oid base;
		if (git_merge_base_octopus(&base, repo->git, tips.n, tips.v) == 0)
			oids_add(out, &base);
	}
	free(tips.v);
	return WG_OK;
}

/* The comment on a prerequisite line: this county, and the bundle that carried
 * the commit, so the receiver can say which file to import first. */
static char *prereq_comment(wg_repo *repo, sqlite3 *db, const git_oid *oid)
{
	sqlite3_stmt *st;
	char hex[GIT_OID_HEXSZ + 1];
	char *file = NULL;
	wg_oid_hex(oid, hex);
	if (sqlite3_prepare_v2(db, "SELECT file FROM sync_sent WHERE tip = ?1"
				   " UNION ALL SELECT file FROM sync_received WHERE tip = ?1 LIMIT 1",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			file = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	char *c = xasprintf("wangge %s %s", repo->county_id, file ? file : "-");
	free(file);
	return c;
}

/* ---- writing bundles ---- */

static char *bundle_path(const char *path, const char *who)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		char stamp[WG_TIMESTAMP_LEN + 1];
		wg_timestamp(wg_now(), stamp);
		/* 2026-11-22T04:15:00Z -> 20261122-041500 */
		char s[16];
		snprintf(s, sizeof s, "%.4s%.2s%.2s-%.2s%.2s%.2s", stamp, stamp + 5, stamp + 8,
			 stamp + 11, stamp + 14, stamp + 17);
		return xasprintf("%s/%s-%s.bundle", path, who, s);
	}
	return xstrdup(path);
}

static int record_sent(sqlite3 *db, const char *file, const char *peer, const char *branch,
		       const git_oid *tip, const git_oid *common, wg_error *err)
{
	sqlite3_stmt *st;
	char t[GIT_OID_HEXSZ + 1], c[GIT_OID_HEXSZ + 1] = "", now[WG_TIMESTAMP_LEN + 1];
	wg_oid_hex(tip, t);
	if (common)
		wg_oid_hex(common, c);
	wg_timestamp(wg_now(), now);
	if (sqlite3_prepare_v2(db, "INSERT INTO sync_sent(file, peer, branch, tip, common, at)"
				   " VALUES (?, ?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, file, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, peer, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, branch, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, t, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st) == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
	sqlite3_finalize(st);
	return rc;
}

struct out_refs {
	struct wg_bundle_ref v[4];
	size_t n;
};

static void out_ref(struct out_refs *r, const char *name, const git_oid *oid)
{
	r->v[r->n].name = (char *)name;
	r->v[r->n].oid = *oid;
	r->n++;
}

/* The keys a bundle is sealed to, and their holders' names for res. grid: the
 * registered keys of that grid's officers; NULL: the county's (the key an
 * officer pinned). None known, or plain asked for:
 * none, and res says why. */
struct readers {
	unsigned char (*pks)[WG_KEY_PUBLIC_BYTES];
	size_t n;
};

static int find_readers(wg_workspace *ws, const char *grid, struct readers *r,
			struct wg_export_result *res, wg_error *err)
{
	wg_signers sg;
	strbuf names = STRBUF_INIT;
	int rc;
	r->pks = NULL;
	r->n = 0;
	free(res->sealed_to);
	res->sealed_to = NULL;
	if (ws->plain_bundles) {
		res->plain_why = WG_PLAIN_ASKED;
		return WG_OK;
	}
	if ((rc = wg_signers_load(ws->db, &sg, err)))
		return rc;
	unsigned char county[WG_KEY_PUBLIC_BYTES];
	bool pinned = false;
	if (!grid && (rc = wg_keys_pinned_county(ws, county, &pinned, err))) {
		wg_signers_free(&sg);
		return rc;
	}
	r->pks = xcalloc(sg.n + 1, sizeof *r->pks);
	for (size_t i = 0; i < sg.n; i++) {
		const struct wg_signer *s = &sg.v[i];
		bool fits = s->revoked ? false
			    : grid     ? !s->county && strcmp(s->grid, grid) == 0
				       : pinned && s->county &&
					   memcmp(s->pk, county, WG_KEY_PUBLIC_BYTES) == 0;
		if (!fits)
			continue;
		memcpy(r->pks[r->n++], s->pk, WG_KEY_PUBLIC_BYTES);
		sb_addf(&names, "%s%s", names.len ? ", " : "", s->name);
	}
	/* the pinned county key, even before common carries its record */
	if (pinned && r->n == 0) {
		memcpy(r->pks[r->n++], county, WG_KEY_PUBLIC_BYTES);
		sb_adds(&names, _("the county office"));
	}
	wg_signers_free(&sg);
	if (r->n)
		res->sealed_to = sb_detach(&names);
	else
		res->plain_why = WG_PLAIN_NO_KEY;
	sb_release(&names);
	return WG_OK;
}

static int write_with_prereqs(wg_repo *repo, sqlite3 *db, struct out_refs *refs,
			      const struct oids *pre, const struct readers *readers,
			      const char *path, size_t *size, wg_error *err)
{
	struct wg_bundle_prereq *p = xcalloc(pre->n ? pre->n : 1, sizeof *p);
	for (size_t i = 0; i < pre->n; i++) {
		p[i].oid = pre->v[i];
		p[i].comment = prereq_comment(repo, db, &pre->v[i]);
	}
	struct wg_bundle_seal seal = {(const unsigned char (*)[WG_KEY_PUBLIC_BYTES])readers->pks,
				      readers->n};
	int rc = wg_bundle_write(repo->git, repo->pack, refs->v, refs->n, p, pre->n, &seal, path,
				 size, err);
	for (size_t i = 0; i < pre->n; i++)
		free(p[i].comment);
	free(p);
	return rc;
}

/* Is officer (an id or a name) registered for grid? Its id into oid33. */
static int enroll_check(wg_workspace *ws, const char *grid, const char *officer, char oid33[WG_ID_BUFSIZE],
			wg_error *err)
{
	wg_record *off = NULL;
	bool exists;
	int rc;
	if (ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EINPUT, _("only a county workspace can enroll officers"));
	if ((rc = wg_grid_exists(ws, grid, &exists, err)))
		return rc;
	if (!exists)
		return wg_fail(err, WG_EINPUT, _("there is no grid with code \"%s\""), grid);
	if ((rc = wg_db_resolve(ws->db, &wg_kind_officer, officer, oid33, err)) ||
	    (rc = wg_db_load(ws->db, &wg_kind_officer, oid33, &off, err)))
		return rc;
	if (strcmp(wg_record_get(off, "grid"), grid) != 0)
		rc = wg_fail(err, WG_EINPUT,
			     _("officer %s is not registered for grid %s (their grid is \"%s\")"),
			     wg_record_get(off, "name"), grid, wg_record_get(off, "grid"));
	wg_record_free(off);
	return rc;
}

/* The enrollment bundle of a checked officer, inside an operation. */
static int enroll_in(wg_workspace *ws, wg_repo *repo, wg_tips *tips, const char *grid,
		     const char *oid33, const char *path, struct wg_export_result *res,
		     wg_error *err)
{
	char gref[WG_REF_MAX], eref[WG_REF_MAX];
	snprintf(gref, sizeof gref, "%s%s", WG_REF_GRID_PREFIX, grid);
	snprintf(eref, sizeof eref, "%s%s", ENROLL_PREFIX, oid33);
	struct wg_tip *g = wg_tips_get(tips, gref), *c = wg_tips_get(tips, WG_REF_COMMON);
	if (!g || !g->has_cur || !c || !c->has_cur)
		return wg_fail(err, WG_EINTERNAL, _("the history has no branch for grid %s"), grid);
	struct out_refs refs = {.n = 0};
	out_ref(&refs, WG_REF_COMMON, &c->cur);
	out_ref(&refs, gref, &g->cur);
	out_ref(&refs, eref, &g->cur);
	out_ref(&refs, "HEAD", &g->cur);
	char *who = xasprintf("enroll-%s-%.8s", grid, oid33);
	res->path = bundle_path(path, who);
	free(who);
	struct oids none = {0};
	/* Plain: an enrollment starts a new workspace, whose key is made as it
	 * reads the bundle, so no key can open it yet; it is handed over in
	 * person. */
	struct readers readers = {NULL, 0};
	free(res->sealed_to);
	res->sealed_to = NULL;
	res->plain_why = WG_PLAIN_ENROLL;
	int rc = write_with_prereqs(repo, ws->db, &refs, &none, &readers, res->path, &res->size,
				    err);
	if (rc == WG_OK &&
	    (rc = record_sent(ws->db, wg_base_name(res->path), oid33, gref, &g->cur, &c->cur, err)) == WG_OK &&
	    (rc = peer_add(repo, ws->db, oid33, gref, &g->cur, true, err)) == WG_OK)
		rc = peer_add(repo, ws->db, oid33, WG_REF_COMMON, &c->cur, true, err);
	return rc;
}

int wg_sync_enroll(wg_workspace *ws, const char *grid, const char *officer, const char *path,
		   struct wg_export_result *res, wg_error *err)
{
	wg_repo *repo;
	wg_tips tips;
	char oid33[WG_ID_BUFSIZE];
	int rc;

	memset(res, 0, sizeof *res);
	/* the grid and common only: the rest of a county waits for its own */
	if ((rc = enroll_check(ws, grid, officer, oid33, err)) ||
	    (rc = wg_op_begin_grids(ws, &grid, 1, &repo, &tips, &res->records, err)))
		return rc;
	rc = enroll_in(ws, repo, &tips, grid, oid33, path, res, err);
	rc = wg_op_finish(ws, repo, &tips, rc, err);
	if (rc && res->path)
		unlink(res->path);
	return rc;
}

int wg_grid_officers(wg_workspace *ws, struct wg_grid_officer **out, size_t *n, wg_error *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(ws->db,
			       "SELECT g.code, o.id, o.name FROM grid g LEFT JOIN officer o ON o.id = "
			       "(SELECT id FROM officer WHERE grid = g.code AND " WG_GRID_OFFICER
			       ") ORDER BY g.code", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(ws->db, err);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == alloc)
			*out = xrealloc(*out, (alloc = alloc ? 2 * alloc : 64) * sizeof **out);
		struct wg_grid_officer *g = &(*out)[(*n)++];
		const unsigned char *id = sqlite3_column_text(st, 1), *name = sqlite3_column_text(st, 2);
		g->grid = xstrdup((const char *)sqlite3_column_text(st, 0));
		g->officer = xstrdup(id ? (const char *)id : "");
		g->name = xstrdup(name ? (const char *)name : "");
	}
	sqlite3_finalize(st);
	if (src != SQLITE_DONE) {
		wg_grid_officers_free(*out, *n);
		*out = NULL;
		*n = 0;
		return wg_db_fail(ws->db, err);
	}
	return WG_OK;
}

void wg_grid_officers_free(struct wg_grid_officer *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].grid);
		free(v[i].officer);
		free(v[i].name);
	}
	free(v);
}

int wg_sync_enroll_many(wg_workspace *ws, const struct wg_enrollment *v, size_t n,
			struct wg_export_result *res, void (*written)(void *arg, size_t i), void *arg,
			wg_error *err)
{
	wg_repo *repo;
	wg_tips tips;
	char (*ids)[WG_ID_BUFSIZE] = xcalloc(n ? n : 1, sizeof *ids);
	const char **grids = xcalloc(n ? n : 1, sizeof *grids);
	size_t records, done = 0;
	int rc = WG_OK;

	memset(res, 0, n * sizeof *res);

	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		rc = enroll_check(ws, v[i].grid, v[i].officer, ids[i], err);
		grids[i] = v[i].grid;
	}
	if (rc == WG_OK &&
	    (rc = wg_op_begin_grids(ws, grids, n, &repo, &tips, &records, err)) == WG_OK) {
		/* one operation: every bundle is written while the county's new
		 * objects are still in memory */
		for (; done < n && rc == WG_OK; done++) {
			rc = enroll_in(ws, repo, &tips, v[done].grid, ids[done], v[done].path,
				       &res[done], err);
			if (rc == WG_OK && written)
				written(arg, done);
		}
		rc = wg_op_finish(ws, repo, &tips, rc, err);
	}
	for (size_t i = 0; rc && i < n; i++) {
		if (res[i].path)
			unlink(res[i].path);
		wg_export_result_free(&res[i]);
		memset(&res[i], 0, sizeof res[i]);
	}
	free(ids);
	free(grids);
	return rc;
}

int wg_sync_export(wg_workspace *ws, const char *grid, const char *path, bool full,
		   struct wg_export_result *res, wg_error *err)
{
	wg_repo *repo;
	wg_tips tips;
	char gref[WG_REF_MAX];
	struct oids pre = {0};
	bool exists;
	int rc;

	memset(res, 0, sizeof *res);
	if (ws->role == ROLE_COUNTY) {
		if (!grid)
			return wg_fail_needs(err, WG_EUSAGE, "grid",
					     _("a county exports one grid at a time: say which"));
		if ((rc = wg_grid_exists(ws, grid, &exists, err)))
			return rc;
		if (!exists)
			return wg_fail(err, WG_EINPUT, _("there is no grid with code \"%s\""), grid);
	} else if (ws->role == ROLE_OFFICER) {
		if (grid && strcmp(grid, ws->grid) != 0)
			return wg_fail(err, WG_EINPUT, _("this workspace holds grid %s only"), ws->grid);
		grid = ws->grid;
	} else {
		return wg_fail(err, WG_EUSAGE, _("the workspace has not been set up: run init first"));
	}
	snprintf(gref, sizeof gref, "%s%s", WG_REF_GRID_PREFIX, grid);
	if ((rc = wg_op_begin_grids(ws, &grid, 1, &repo, &tips, &res->records, err)))
		return rc;
	struct wg_tip *g = wg_tips_get(&tips, gref), *c = wg_tips_get(&tips, WG_REF_COMMON);
	if (!g || !g->has_cur || !c || !c->has_cur) {
		rc = wg_fail(err, WG_EINTERNAL, _("the history has no branch for grid %s"), grid);
		return wg_op_finish(ws, repo, &tips, rc, err);
	}
	struct out_refs refs = {.n = 0};
	char *who;
	if (ws->role == ROLE_COUNTY) {
		out_ref(&refs, WG_REF_COMMON, &c->cur);
		out_ref(&refs, gref, &g->cur);
		out_ref(&refs, "HEAD", &g->cur);
		if (!full && ((rc = peer_prereqs(repo, ws->db, NULL, gref, &pre, err)) ||
			      (rc = peer_prereqs(repo, ws->db, NULL, WG_REF_COMMON, &pre, err))))
			return wg_op_finish(ws, repo, &tips, rc, err);
		who = xasprintf("county-%s", grid);
	} else {
		out_ref(&refs, gref, &g->cur);
		out_ref(&refs, "HEAD", &g->cur);
		if (!full && (rc = peer_prereqs(repo, ws->db, PEER_COUNTY, gref, &pre, err)))
			return wg_op_finish(ws, repo, &tips, rc, err);
		who = xasprintf("%s-%.8s", grid, ws->officer);
	}
	res->path = bundle_path(path, who);
	free(who);
	res->prereqs = pre.n;
	struct readers readers;
	rc = find_readers(ws, ws->role == ROLE_COUNTY ? grid : NULL, &readers, res, err);
	if (rc == WG_OK)
		rc = write_with_prereqs(repo, ws->db, &refs, &pre, &readers, res->path, &res->size,
					err);
	free(readers.pks);
	if (rc == WG_OK) {
		if (ws->role == ROLE_COUNTY)
			rc = record_sent(ws->db, wg_base_name(res->path), grid, gref, &g->cur, &c->cur, err);
		else if ((rc = record_sent(ws->db, wg_base_name(res->path), PEER_COUNTY, gref, &g->cur,
					   NULL, err)) == WG_OK)
			/* the county will have this once it imports the file */
			rc = peer_add(repo, ws->db, PEER_COUNTY, gref, &g->cur, false, err);
	}
	free(pre.v);
	rc = wg_op_finish(ws, repo, &tips, rc, err);
	if (rc && res->path)
		unlink(res->path);
	return rc;
}

/* ---- writing records into the working copy ---- */

static int apply_cb(const char *path, const git_oid *old, const git_oid *new_, void *payload,
		    wg_error *err)
{
	struct wg_applier *a = payload;
	const struct wg_kind *kind;
	char id[WG_ID_BUFSIZE], hash[GIT_OID_HEXSZ + 1];
	(void)old;
	if (wg_file_path_parse(path, hash))
		return new_ ? wg_repo_place_file(a->repo, new_, err) : WG_OK;
	if (!wg_path_parse(path, &kind, id))
		return wg_fail(err, WG_EINPUT, _("the history holds a file %s that is not a record"),
			       path);
	if (!new_)
		return wg_apply_del(a, kind, id, err);
	wg_record *rec;
	int rc = wg_blob_record(a->repo, new_, &rec, err);
	if (rc)
		return rc;
	rc = wg_apply_put(a, rec, err);
	wg_record_free(rec);
	return rc;
}

/* ---- officer set-up ---- */

struct init_scan {
	char county[WG_ID_BUFSIZE];
	size_t ncounty;
};

/* Loading an enrollment: the records, read from the received pack in memory
 * (view) when there is one, else from the history. */
struct init_load {
	struct wg_applier *a;
	wg_pack *view;
	strbuf buf;
};

static int init_cb(const char *path, const git_oid *old, const git_oid *new_, void *payload,
		   wg_error *err)
{
	struct init_load *l = payload;
	const struct wg_kind *kind;
	char id[WG_ID_BUFSIZE], hash[GIT_OID_HEXSZ + 1];
	(void)old;
	if (new_ && wg_file_path_parse(path, hash)) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof hex, new_);
		if (strcmp(hex, hash) != 0)
			return wg_fail(err, WG_EINPUT, _("the evidence file %s in the bundle is damaged"),
				       path);
		return wg_repo_place_file(l->a->repo, new_, err);
	}
	if (!new_ || !wg_path_parse(path, &kind, id))
		return wg_fail(err, WG_EINPUT, _("the bundle holds a file %s that is not a record"),
			       path);
	wg_record *rec = NULL;
	int rc;
	if (l->view) {
		git_object_t type;
		const unsigned char *data;
		size_t len;
		bool found;
		if ((rc = wg_pack_read(l->view, new_, &type, &data, &len, &l->buf, &found, err)))
			;
		else if (!found || type != GIT_OBJECT_BLOB)
			rc = wg_fail(err, WG_EINPUT, _("the bundle holds a file %s that is not a record"),
				     path);
		else if (len > WG_RECORD_MAX_BYTES)
			rc = wg_fail(err, WG_EINPUT, _("a record file is too large (%llu bytes)"),
				     (unsigned long long)len);
		else
			rc = wg_record_parse((const char *)data, len, &rec, err);
	} else {
		rc = wg_blob_record(l->a->repo, new_, &rec, err);
	}
	if (rc) {
		wg_error_prefix(err, _("record %s"), path);
		return rc;
	}
	if (strcmp(wg_record_id(rec), id) != 0)
		rc = wg_fail(err, WG_EINPUT, _("the record file %s holds a record with id %s"), path,
			     wg_record_id(rec));
	else
		rc = wg_apply_put(l->a, rec, err);
	wg_record_free(rec);
	return rc;
}

/* Every file under tree in the received pack, with its path: what
 * wg_tree_diff from nothing gives, without libgit2 parsing each tree. */
static int view_walk(wg_pack *view, const git_oid *tree, strbuf *path, int depth,
		     struct init_load *l, wg_error *err)
{
	git_object_t type;
	const unsigned char *data;
	size_t len;
	bool found;
	strbuf buf = STRBUF_INIT;
	int rc = wg_pack_read(view, tree, &type, &data, &len, &buf, &found, err);
	if (rc == WG_OK && (!found || type != GIT_OBJECT_TREE || depth > 8))
		rc = wg_fail(err, WG_EINPUT, _("the bundle holds a file %s that is not a record"),
			     sb_str(path));
	const unsigned char *p = data, *end = data + len;
	size_t base = path->len;
	while (rc == WG_OK && p < end) {
		struct wg_tree_item it;
		git_oid oid;
		if (!wg_tree_next(&p, end, &it)) {
			rc = wg_fail(err, WG_EINPUT, _("the pack is damaged or incomplete (%s)"),
				     _("a folder of the history is malformed"));
			break;
		}
		path->len = base;
		if (base)
			sb_addc(path, '/');
		sb_add(path, it.name, it.namelen);
		git_oid_fromraw(&oid, it.oid);
		if (it.mode == 040000)
			rc = view_walk(view, &oid, path, depth + 1, l, err);
		else
			rc = init_cb(sb_str(path), NULL, &oid, l, err);
	}
	path->len = base;
	if (path->buf)
		path->buf[base] = '\0';
	sb_release(&buf);
	return rc;
}

static int load_tree(wg_repo *repo, struct init_load *l, const git_oid *tree, wg_error *err)
{
	if (!l->view)
		return wg_tree_diff(repo, NULL, tree, init_cb, l, err);
	strbuf path = STRBUF_INIT;
	int rc = view_walk(l->view, tree, &path, 0, l, err);
	sb_release(&path);
	return rc;
}

static int record_received(sqlite3 *db, const wg_bundle *b, const char *branch, const git_oid *tip,
			   wg_error *err)
{
	sqlite3_stmt *st;
	char t[GIT_OID_HEXSZ + 1], now[WG_TIMESTAMP_LEN + 1];
	wg_oid_hex(tip, t);
	wg_timestamp(wg_now(), now);
	if (sqlite3_prepare_v2(db, "INSERT INTO sync_received(file, digest, branch, tip, at)"
				   " VALUES (?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, wg_base_name(b->path), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b->digest, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, branch, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, t, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st) == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
	sqlite3_finalize(st);
	return rc;
}

/* The author of a commit as the part of its e-mail before the @. */
static void commit_author_id(git_commit *c, char out[WG_ID_BUFSIZE])
{
	const char *email = git_commit_author(c)->email, *at = strrchr(email, '@');
	size_t len = at ? (size_t)(at - email) : 0;
	snprintf(out, WG_ID_BUFSIZE, "%.*s", len < WG_ID_BUFSIZE ? (int)len : 0, email);
}

/* An enrollment bundle: the tip of common signed with the county's key that
 * common carries; the grid's tip, when signed (a history older than keys may
 * end in an unsigned commit), with a key registered for its author. */
static int check_enrollment_signatures(wg_workspace *ws, wg_repo *repo, wg_bundle *b,
				       const git_oid *ctip, const git_oid *gtip, const char *grid,
				       wg_error *err)
{
	wg_signers keys;
	unsigned char county_pk[WG_KEY_PUBLIC_BYTES];
	bool pinned;
	int rc = wg_signers_load(ws->db, &keys, err);
	if (rc == WG_OK)
		rc = wg_keys_pinned_county(ws, county_pk, &pinned, err);
	for (int k = 0; k < 2 && rc == WG_OK; k++) {
		const git_oid *tip = k ? gtip : ctip;
		git_commit *c;
		char who[WG_ID_BUFSIZE], hex[GIT_OID_HEXSZ + 1];
		struct wg_commit_sig_info si;
		if (git_commit_lookup(&c, repo->git, tip) < 0) {
			rc = wg_git_fail(err, _("read commits"));
			break;
		}
		commit_author_id(c, who);
		git_commit_free(c);
		wg_oid_hex(tip, hex);
		if ((rc = wg_commit_sig_check(repo, &keys, tip, who, k ? grid : NULL, &si, err)))
			break;
		if (k == 1 && si.status == WG_SIG_UNSIGNED)
			continue;
		bool good = si.status == WG_SIG_GOOD || si.status == WG_SIG_REVOKED_OK;
		if (k == 0 && good)
			good = si.signer->county &&
			       pinned && memcmp(si.signer->pk, county_pk, WG_KEY_PUBLIC_BYTES) == 0;
		if (!good)
			rc = wg_fail(err, WG_EINPUT,
				     _("%s is not a genuine enrollment bundle: commit %.10s is %s. Ask "
				       "the county for a new one, in person"),
				     b->path, hex, wg_commit_sig_text(si.status));
	}
	wg_signers_free(&keys);
	return rc;
}

static int init_officer_in(wg_workspace *ws, wg_bundle *b, const char *gref, const char *officer,
			   wg_error *err)
{
	wg_repo *repo = NULL;
	struct wg_applier a = {0};
	struct init_load load = {&a, NULL, STRBUF_INIT};
	wg_bulk bulk = {NULL, 0, false, false};
	const char *grid = wg_ref_grid(gref);
	git_oid gtip, ctip, gtree, ctree;
	size_t nobj;
	int rc;

	for (size_t i = 0; i < b->nrefs; i++) {
		if (strcmp(b->refs[i].name, gref) == 0)
			gtip = b->refs[i].oid;
		else if (strcmp(b->refs[i].name, WG_REF_COMMON) == 0)
			ctip = b->refs[i].oid;
	}
	if ((rc = wg_repo_open(ws, true, &repo, err)))
		return rc;
	char *packdir = wg_ws_path(ws, WG_REPO_DIR "/objects/pack");
	/* a new, empty history: nothing in it for the pack to build on */
	struct wg_pack_budget budget = WG_PACK_BUDGET_INIT;
	rc = wg_bundle_index(b, NULL, packdir, &budget, &nobj, &load.view, err);
	free(packdir);
	if (rc || git_odb_refresh(repo->odb) < 0) {
		if (!rc)
			rc = wg_git_fail(err, _("read the pack"));
		goto out;
	}
	/* the refs must name commits the bundle carries: a damaged file, not a
	 * fault of this machine */
	const git_oid *tips[2] = {&gtip, &ctip};
	for (int k = 0; k < 2; k++) {
		git_odb_object *obj = NULL;
		bool is_commit = git_odb_read(&obj, repo->odb, tips[k]) == 0 &&
				 git_odb_object_type(obj) == GIT_OBJECT_COMMIT;
		git_odb_object_free(obj);
		if (!is_commit) {
			char hex[GIT_OID_HEXSZ + 1];
			wg_oid_hex(tips[k], hex);
			rc = wg_fail(err, WG_EINPUT,
				     _("%s is damaged: its branch %s names commit %.10s, which it does "
				       "not carry"), b->path, k ? WG_REF_COMMON : gref, hex);
			goto out;
		}
	}
	if ((rc = wg_commit_tree(repo, &gtip, &gtree, err)) ||
	    (rc = wg_commit_tree(repo, &ctip, &ctree, err)))
		goto out;
	a.db = ws->db;
	a.repo = repo;
	/* A new workspace, removed if this fails: no journal on disk and no
	 * syncing while it is filled (WAL would write every page twice). */
	if ((rc = wg_db_exec(ws->db, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF", err)) ||
	    (rc = wg_db_begin(ws->db, err)))
		goto out;
	long n;
	char county[64] = "", ogrid[64] = "";
	/* Every record of the grid into an empty database: a bulk load, with
	 * the indexes and the search index built once at the end (a grid of
	 * 100,000 entities: 17.8 s row by row). */
	if ((rc = wg_bulk_begin(ws->db, &bulk, err)))
		goto fail;
	/* the records are the history's own: none is a change to commit */
	bulk.from_history = true;
	a.bulk = true;
	if ((rc = load_tree(repo, &load, &ctree, err)) ||
	    (rc = load_tree(repo, &load, &gtree, err)) ||
	    (rc = wg_bulk_end(ws->db, &bulk, err)) ||
	    (rc = wg_count_rows(ws->db, "SELECT id FROM county", NULL, &n, county, sizeof county, err)))
		goto fail;
	if (n != 1) {
		rc = wg_fail(err, WG_EINPUT, _("%s is not an enrollment bundle: it holds no county"),
			     b->path);
		goto fail;
	}
	if ((rc = wg_count_rows(ws->db, "SELECT grid FROM officer WHERE id = ? AND role = 'officer'",
			    officer, &n, ogrid, sizeof ogrid, err)))
		goto fail;
	if (n != 1 || strcmp(ogrid, grid) != 0) {
		rc = wg_fail(err, WG_EINPUT,
			     _("%s is not a valid enrollment bundle: officer %s is not registered for "
			       "grid %s"), b->path, officer, grid);
		goto fail;
	}
	/* every kind kept per grid: nothing of another grid */
	strbuf other = STRBUF_INIT;
	for (size_t k = 0; k < wg_nkinds; k++)
		if (wg_kinds[k]->grid_field >= 0)
			sb_addf(&other, "%sSELECT id FROM %s WHERE %s <> ?1", other.len ? " UNION ALL " : "",
				wg_kinds[k]->name,
				wg_kinds[k]->fields[wg_kinds[k]->grid_field].name);
	rc = wg_count_rows(ws->db, sb_str(&other), grid, &n, NULL, 0, err);
	sb_release(&other);
	if (rc)
		goto fail;
	if (n) {
		rc = wg_fail(err, WG_EINPUT, _("%s holds records of another grid than %s"), b->path,
			     grid);
		goto fail;
	}
	/* The county's key, pinned here: from now on only it signs the county's
	 * work. The bundle is handed over in person; its common data must carry
	 * the county's key and be signed with it. */
	if ((rc = wg_keys_pin_county(ws, err)) || (rc = check_enrollment_signatures(ws, repo, b,
										    &ctip, &gtip, grid, err)))
		goto fail;
	if ((rc = wg_meta_set(ws->db, "role", "officer", err)) ||
	    (rc = wg_meta_set(ws->db, "county", county, err)) ||
	    (rc = wg_meta_set(ws->db, "grid", grid, err)) ||
	    (rc = wg_meta_set(ws->db, "officer", officer, err)) ||
	    (rc = wg_repo_pending_done(ws->db, err)) ||
	    (rc = record_received(ws->db, b, gref, &gtip, err)) ||
	    (rc = record_received(ws->db, b, WG_REF_COMMON, &ctip, err)) ||
	    (rc = peer_add(repo, ws->db, PEER_COUNTY, gref, &gtip, true, err)) ||
	    (rc = peer_add(repo, ws->db, PEER_COUNTY, WG_REF_COMMON, &ctip, true, err)) ||
	    (rc = wg_ref_set(repo, gref, &gtip, err)) ||
	    (rc = wg_ref_set(repo, WG_REF_COMMON, &ctip, err)))
		goto fail;
	if (git_repository_set_head(repo->git, gref) < 0) {
		rc = wg_git_fail(err, "HEAD");
		goto fail;
	}
	wg_applier_free(&a);
	memset(&a, 0, sizeof a);
	if ((rc = wg_db_commit(ws->db, err)) == WG_OK)
		rc = wg_db_exec(ws->db, wg_durable() ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"
						     : "PRAGMA journal_mode=WAL", err);
	goto out;
fail:
	wg_db_rollback(ws->db);
	wg_bulk_free(&bulk);
out:
	wg_applier_free(&a);
	wg_pack_free(load.view);
	sb_release(&load.buf);
	wg_repo_close(repo);
	return rc;
}

/* Read the bundle at path and check it is an enrollment bundle: the common
 * branch, one grid branch (gref) and the officer's enrollment ref. */
static int read_enrollment(const char *path, wg_bundle **out, char gref[WG_REF_MAX],
			   char officer[WG_ID_BUFSIZE], wg_error *err)
{
	wg_bundle *b;
	bool common = false;
	int rc;

	*out = NULL;
	*gref = *officer = '\0';
	if ((rc = wg_bundle_read(path, NULL, &b, err)))
		return rc;
	for (size_t i = 0; i < b->nrefs; i++) {
		const char *name = b->refs[i].name;
		if (strcmp(name, WG_REF_COMMON) == 0)
			common = true;
		else if (wg_ref_grid(name) && !*gref)
			snprintf(gref, WG_REF_MAX, "%s", name);
		else if (strncmp(name, ENROLL_PREFIX, strlen(ENROLL_PREFIX)) == 0 &&
			 wg_id_valid(name + strlen(ENROLL_PREFIX)))
			snprintf(officer, WG_ID_BUFSIZE, "%s", name + strlen(ENROLL_PREFIX));
		else if (strcmp(name, "HEAD") != 0) {
			rc = wg_fail(err, WG_EINPUT, _("%s is not an enrollment bundle: it carries %s"),
				     path, name);
			goto fail;
		}
	}
	if (!common || !*gref || !*officer || b->nprereqs) {
		rc = wg_fail(err, WG_EINPUT,
			     _("%s is not an enrollment bundle: ask the county for one made with "
			       "\"wangge enroll\""), path);
		goto fail;
	}
	*out = b;
	return WG_OK;
fail:
	wg_bundle_free(b);
	return rc;
}

int wg_sync_init_officer(const char *dir, const char *path, wg_workspace **out, wg_error *err)
{
	wg_bundle *b;
	wg_workspace *ws = NULL;
	char gref[WG_REF_MAX], officer[WG_ID_BUFSIZE];
	struct stat st;
	int rc;

	*out = NULL;
	if ((rc = read_enrollment(path, &b, gref, officer, err)))
		return rc;
	bool existed = stat(dir, &st) == 0;
	if ((rc = wg_ws_create(dir, &ws, err)))
		goto out;
	rc = init_officer_in(ws, b, gref, officer, err);
	if (rc == WG_OK)
		rc = wg_ws_reload(ws, err);
	if (rc) {
		/* leave no half-made workspace behind */
		wg_ws_close(ws);
		ws = NULL;
		wg_ws_discard(dir, existed);
		goto out;
	}
	*out = ws;
out:
	wg_bundle_free(b);
	return rc;
}

/* ---- import ---- */

struct staged {
	wg_bundle *b;
	struct wg_import_file *res;
	bool already;
	char sender[WG_ID_BUFSIZE];     /* county side: the officer whose bundle this is */
	struct wg_import_move moves[4]; /* the branches it moved, before and after */
	size_t nmoves;
};

/* Who wrote each side of the import's conflicts, by the merger's index. */
struct prov {
	char ours_by[WG_ID_BUFSIZE], ours_at[WG_TIMESTAMP_LEN + 1];
	char theirs_by[WG_ID_BUFSIZE], theirs_at[WG_TIMESTAMP_LEN + 1];
};
struct provs {
	struct prov *v;
	size_t alloc;
};

/* Which refs may this bundle carry, here? Fills refs of interest. */
static int check_refs(wg_workspace *ws, wg_bundle *b, wg_error *err)
{
	char own[WG_REF_MAX] = "";
	const git_oid *head = NULL;
	size_t branches = 0;
	if (ws->role == ROLE_OFFICER)
		snprintf(own, sizeof own, "%s%s", WG_REF_GRID_PREFIX, ws->grid);
	for (size_t i = 0; i < b->nrefs; i++) {
		const char *name = b->refs[i].name;
		if (strcmp(name, "HEAD") == 0) {
			head = &b->refs[i].oid;
			continue;
		}
		if (ws->role == ROLE_OFFICER) {
			if (strcmp(name, own) == 0 || strcmp(name, WG_REF_COMMON) == 0) {
				branches++;
				continue;
			}
			if (strncmp(name, ENROLL_PREFIX, strlen(ENROLL_PREFIX)) == 0)
				continue; /* an enrollment bundle imported again */
			return wg_fail(err, WG_EINPUT,
				       _("%s carries %s, but this workspace holds grid %s only"),
				       b->path, name, ws->grid);
		}
		const char *grid = wg_ref_grid(name);
		bool exists = false;
		int rc;
		if (grid && (rc = wg_grid_exists(ws, grid, &exists, err)))
			return rc;
		if (!grid || !exists || branches > 0)
			return wg_fail(err, WG_EINPUT,
				       _("%s carries %s: an officer's bundle may carry only the branch of "
					 "its own grid"), b->path, name);
		branches++;
	}
	if (branches == 0)
		return wg_fail(err, WG_EINPUT, _("%s carries no branch this workspace can take"),
			       b->path);
	if (head) {
		bool match = false;
		for (size_t i = 0; i < b->nrefs; i++)
			match |= strcmp(b->refs[i].name, "HEAD") != 0 && git_oid_equal(&b->refs[i].oid, head);
		if (!match)
			return wg_fail(err, WG_EINPUT, _("%s: its HEAD is none of its branches"), b->path);
	}
	return WG_OK;
}

static bool interesting_ref(const char *name)
{
	return strcmp(name, "HEAD") != 0 && strncmp(name, ENROLL_PREFIX, strlen(ENROLL_PREFIX)) != 0;
}

static int check_prereqs(wg_workspace *ws, wg_repo *repo, wg_bundle *b, wg_error *err)
{
	for (size_t i = 0; i < b->nprereqs; i++) {
		const char *c = b->prereqs[i].comment;
		char county[WG_ID_BUFSIZE] = "";
		const char *file = NULL;
		if (strncmp(c, "wangge ", 7) == 0 && strlen(c) > 7 + 32 && c[7 + 32] == ' ') {
			memcpy(county, c + 7, 32);
			county[32] = '\0';
			file = c + 7 + 33;
		}
		if (*county && ws->county_id && strcmp(county, ws->county_id) != 0)
			return wg_fail(err, WG_EINPUT,
				       _("%s is a bundle for another county (county id %s, this "
					 "workspace's is %s)"), b->path, county, ws->county_id);
		git_odb_object *obj;
		git_error_clear();
		/* look without the automatic rescan of every pack folder first */
		if ((git_odb_exists_ext(repo->odb, &b->prereqs[i].oid, GIT_ODB_LOOKUP_NO_REFRESH) ||
		     git_odb_exists(repo->odb, &b->prereqs[i].oid)) &&
		    git_odb_read(&obj, repo->odb, &b->prereqs[i].oid) == 0) {
			git_object_t type = git_odb_object_type(obj);
			git_odb_object_free(obj);
			if (type == GIT_OBJECT_COMMIT)
				continue;
		}
		if (wg_git_nomem()) /* unread, not missing: the pack reader maps nothing, so a
					 * lookup runs out of memory only where it says so */
			return wg_fail(err, WG_EINTERNAL, _("history (%s): not enough memory"),
				       _("read"));
		char hex[GIT_OID_HEXSZ + 1];
		wg_oid_hex(&b->prereqs[i].oid, hex);
		if (file && strcmp(file, "-") != 0)
			return wg_fail(err, WG_EINPUT,
				       _("%s builds on commit %.10s, which this workspace does not "
					 "have: import %s first"), b->path, hex, file);
		return wg_fail(err, WG_EINPUT,
			       _("%s builds on commit %.10s, which this workspace does not have: "
				 "import the earlier bundles from the same sender first"), b->path, hex);
	}
	return WG_OK;
}

/* Are all the bundle's branches already here (as the tip or in its history)? */
static bool all_known(wg_repo *repo, wg_tips *tips, wg_bundle *b)
{
	for (size_t i = 0; i < b->nrefs; i++) {
		if (!interesting_ref(b->refs[i].name))
			continue;
		struct wg_tip *t = wg_tips_get(tips, b->refs[i].name);
		if (!t || !t->has_cur ||
		    !git_odb_exists_ext(repo->odb, &b->refs[i].oid, GIT_ODB_LOOKUP_NO_REFRESH) ||
		    !is_ancestor(repo, &b->refs[i].oid, &t->cur))
			return false;
	}
	return true;
}

/* Who made the new commits? County: officers of the grid only; officer: this county. */
/* The keys an import checks signatures with: the county's registered keys
 * (county side), or those of the common data as merged so far and the
 * county's key pinned at enrollment (officer side). */
struct keyring {
	wg_signers keys;
	unsigned char county_pk[WG_KEY_PUBLIC_BYTES];
	bool pinned;
};

static int keyring_load(wg_workspace *ws, wg_repo *repo, wg_tips *tips, struct keyring *kr,
			const char *ref, const git_oid *incoming, wg_error *err)
{
	wg_signers_free(&kr->keys);
	if (ws->role == ROLE_COUNTY)
		return wg_signers_load(ws->db, &kr->keys, err);
	int rc = wg_keys_pinned_county(ws, kr->county_pk, &kr->pinned, err);
	struct wg_tip *c = wg_tips_get(tips, WG_REF_COMMON);
	if (rc == WG_OK && !kr->pinned && strcmp(ref, WG_REF_COMMON) == 0)
		/* an officer workspace made before keys has none pinned: it takes
		 * the county's key from the first common data that carries one, and
		 * that data must be signed with it throughout */
		rc = wg_signers_from_commit(repo, incoming, &kr->keys, err);
	else if (rc == WG_OK && c && c->has_cur)
		rc = wg_signers_from_commit(repo, &c->cur, &kr->keys, err);
	return rc;
}

/* Refuse commit hex unless its signature is good and its key is registered
 * for its author and branch: whose key, which commit and why. */
static int check_signature(wg_workspace *ws, wg_repo *repo, struct keyring *kr, struct staged *s,
			   const git_oid *oid, const char *hex, const git_signature *a,
			   const char *author_id, const char *grid, wg_error *err)
{
	struct wg_commit_sig_info si;
	char words[WG_KEY_WORDS_BUFSIZE] = "?";
	int rc = wg_commit_sig_check(repo, &kr->keys, oid, author_id, grid, &si, err);
	if (rc)
		return rc;
	if (si.have_pk)
		wg_key_words(si.pk, words);
	const struct wg_signer *g = si.signer;
	bool county_author = strcmp(author_id, "county") == 0;
	switch (si.status) {
	case WG_SIG_GOOD:
	case WG_SIG_REVOKED_OK:
		/* an officer trusts the county's key pinned at enrollment, never one
		 * that the incoming data itself names */
		if (g->county && ws->role == ROLE_OFFICER && kr->pinned &&
		    memcmp(g->pk, kr->county_pk, WG_KEY_PUBLIC_BYTES) != 0)
			return wg_fail(err, WG_EINPUT,
				       _("%s: commit %.10s by %s is signed with key %s, which is not "
					 "the county's key this workspace was enrolled with: the bundle "
					 "is forged"), s->b->path, hex, a->name, words);
		return WG_OK;
	case WG_SIG_UNSIGNED:
		return wg_fail(err, WG_EINPUT,
			       _("%s: commit %.10s by %s is not signed. wangge signs every change; "
				 "this one was made by another program or changed by hand"),
			       s->b->path, hex, a->name);
	case WG_SIG_BAD:
		return wg_fail(err, WG_EINPUT, _("%s: commit %.10s by %s (key %s): %s"), s->b->path,
			       hex, a->name, words, wg_sshsig_result_text(si.result));
	case WG_SIG_UNKNOWN:
		if (county_author)
			return wg_fail(err, WG_EINPUT,
				       _("%s: commit %.10s says it is by the county, but it is signed "
					 "with key %s, which is not the county's: the bundle is forged"),
				       s->b->path, hex, words);
		if (ws->role == ROLE_COUNTY)
			return wg_fail(err, WG_EINPUT,
				       _("%s: commit %.10s by %s is signed with key %s, which the "
					 "county has not registered. If it is %s's key: compare this "
					 "fingerprint with them in person, register the key, then "
					 "import the bundle again"),
				       s->b->path, hex, a->name, words, a->name);
		return wg_fail(err, WG_EINPUT,
			       _("%s: commit %.10s by %s is signed with key %s, which the county has "
				 "not registered"), s->b->path, hex, a->name, words);
	case WG_SIG_WRONG:
		if (g->revoked && (g->county ? county_author : strcmp(g->holder, author_id) == 0))
			return wg_fail(err, WG_EINPUT,
				       _("%s: commit %.10s by %s is signed with key %s, which the "
					 "county revoked on %s (%s): work signed with it after that is "
					 "refused"), s->b->path, hex, a->name, words, g->revoked_at,
				       *g->reason ? g->reason : _("no reason given"));
		if (!g->county && strcmp(g->holder, author_id) == 0)
			return wg_fail(err, WG_EINPUT,
				       _("%s: commit %.10s by %s is signed with their key for grid %s, "
					 "but it is on %s"), s->b->path, hex, a->name, g->grid,
				       grid ? grid : _("the county's reference data"));
		return wg_fail(err, WG_EINPUT,
			       _("%s: commit %.10s says it is by %s, but it is signed with the key of "
				 "%s (%s): the bundle is forged"), s->b->path, hex, a->name,
			       g->county ? _("the county") : g->name, words);
	}
	return WG_OK;
}

static int check_authors(wg_workspace *ws, wg_repo *repo, wg_tips *tips, struct staged *s,
			 const char *ref, const git_oid *tip, struct keyring *kr, wg_error *err)
{
	git_revwalk *walk;
	git_oid oid;
	int rc = WG_OK;
	const char *grid = wg_ref_grid(ref);
	if (git_revwalk_new(&walk, repo->git) < 0 || git_revwalk_push(walk, tip) < 0)
		return wg_git_fail(err, _("read commits"));
	/* new = not in this branch's history here (a bundle carries one branch's
	 * commits; hiding every branch would cost the number of grids) */
	struct wg_tip *own = wg_tips_get(tips, ref);
	if (own && own->has_cur)
		git_revwalk_hide(walk, &own->cur);
	if (own && own->had_old)
		git_revwalk_hide(walk, &own->old);
	for (size_t i = 0; i < s->b->nprereqs; i++)
		git_revwalk_hide(walk, &s->b->prereqs[i].oid);
	while (rc == WG_OK && git_revwalk_next(&oid, walk) == 0) {
		git_commit *c;
		if (git_commit_lookup(&c, repo->git, &oid) < 0) {
			rc = wg_git_fail(err, _("read commits"));
			break;
		}
		const git_signature *a = git_commit_author(c);
		const char *at = strrchr(a->email, '@');
		char hex[GIT_OID_HEXSZ + 1];
		wg_oid_hex(&oid, hex);
		if (!at || !ws->county_id || strcmp(at + 1, ws->county_id) != 0) {
			rc = wg_fail(err, WG_EINPUT,
				     _("%s is a bundle for another county: commit %.10s is by %s <%s>"),
				     s->b->path, hex, a->name, a->email);
		} else if (ws->role == ROLE_OFFICER && strcmp(ref, WG_REF_COMMON) == 0 &&
			   ((size_t)(at - a->email) != 6 || strncmp(a->email, "county", 6) != 0)) {
			rc = wg_fail(err, WG_EINPUT,
				     _("%s: commit %.10s of the county's reference data is by %s <%s>, "
				       "but only the county writes it"), s->b->path, hex, a->name,
				     a->email);
		} else if (ws->role == ROLE_COUNTY) {
			char id[WG_ID_BUFSIZE] = "";
			long n = 0;
			size_t len = (size_t)(at - a->email);
			if (len == 32) {
				memcpy(id, a->email, 32);
				rc = wg_count_rows(ws->db,
					       "SELECT grid FROM officer WHERE id = ? AND status = 'active'",
					       id, &n, NULL, 0, err);
			}
			char ogrid[64] = "";
			if (rc == WG_OK && n == 1)
				rc = wg_count_rows(ws->db, "SELECT grid FROM officer WHERE id = ?", id, &n,
					       ogrid, sizeof ogrid, err);
			if (rc == WG_OK && (n != 1 || !grid || strcmp(ogrid, grid) != 0))
				rc = wg_fail(err, WG_EINPUT,
					     _("%s: commit %.10s is by %s <%s>, who is not an officer "
					       "registered for grid %s"), s->b->path, hex, a->name,
					     a->email, grid ? grid : "?");
			if (rc == WG_OK && !*s->sender)
				snprintf(s->sender, sizeof s->sender, "%s", id);
		}
		if (rc == WG_OK) {
			char who[WG_ID_BUFSIZE];
			size_t len = (size_t)(at - a->email);
			snprintf(who, sizeof who, "%.*s", len < sizeof who ? (int)len : 0, a->email);
			rc = check_signature(ws, repo, kr, s, &oid, hex, a, who, grid, err);
		}
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	return rc;
}

static int merge_branch(wg_workspace *ws, wg_repo *repo, wg_tips *tips, struct staged *s,
			const char *ref, const git_oid *theirs, struct wg_merger *m,
			struct provs *pv, wg_error *err)
{
	struct wg_tip *tip = wg_tips_add(tips, ref);
	git_oid base, base_tree, ours_tree, theirs_tree, merged;
	bool has_base = false;
	int rc;

	if (tip->has_cur && is_ancestor(repo, theirs, &tip->cur))
		return WG_OK; /* nothing new on this branch */
	if (tip->has_cur) {
		if (git_merge_base(&base, repo->git, &tip->cur, theirs) == 0)
			has_base = true;
		else
			return wg_fail(err, WG_EINPUT,
				       _("%s: its branch %s shares no history with this workspace's: it "
					 "is a bundle for another county"), s->b->path, ref);
	}
	m->repo = repo;
	m->grid = wg_ref_grid(ref);
	m->from_officer = ws->role == ROLE_COUNTY;
	m->db = ws->db;
	if ((has_base && (rc = wg_commit_tree(repo, &base, &base_tree, err))) ||
	    (tip->has_cur && (rc = wg_commit_tree(repo, &tip->cur, &ours_tree, err))) ||
	    (rc = wg_commit_tree(repo, theirs, &theirs_tree, err)))
		return rc;
	size_t before = m->nconflicts, a0 = m->added, c0 = m->changed, d0 = m->deleted;
	if ((rc = wg_merge_trees(m, has_base ? &base_tree : NULL, tip->has_cur ? &ours_tree : NULL,
				 &theirs_tree, &merged, err))) {
		/* the county names whose bundle it refuses */
		char *name = NULL;
		const char *q[] = {s->sender};
		if (m->from_officer && *s->sender &&
		    wg_query_text(ws->db, "SELECT name FROM officer WHERE id = ?1", q, 1, &name,
				  NULL) == WG_OK && name)
			wg_error_prefix(err, _("%s (a bundle of officer %s)"), s->b->path, name);
		else
			wg_error_prefix(err, "%s", s->b->path);
		free(name);
		return rc;
	}
	/* who wrote ours and theirs of each new conflict, and when */
	if (m->nconflicts > pv->alloc) {
		size_t was = pv->alloc;
		pv->alloc = m->nconflicts * 2;
		pv->v = xrealloc(pv->v, pv->alloc * sizeof *pv->v);
		memset(pv->v + was, 0, (pv->alloc - was) * sizeof *pv->v);
	}
	for (size_t i = before; i < m->nconflicts; i++) {
		const struct wg_conflict_rec *c = &m->conflicts[i];
		struct prov *p = &pv->v[i];
		char path[WG_PATH_MAX];
		wg_record_path(c->kind, c->id, path);
		if ((tip->has_cur &&
		     (rc = wg_last_writer(repo, &tip->cur, has_base ? &base : NULL, path, c->field,
					  p->ours_by, p->ours_at, err))) ||
		    (rc = wg_last_writer(repo, theirs, has_base ? &base : NULL, path, c->field,
					 p->theirs_by, p->theirs_at, err)))
			return rc;
	}
	s->res->added += m->added - a0;
	s->res->changed += m->changed - c0;
	s->res->deleted += m->deleted - d0;
	s->res->conflicts += m->nconflicts - before;
	if (!tip->has_cur || (has_base && git_oid_equal(&base, &tip->cur) &&
			      git_oid_equal(&merged, &theirs_tree))) {
		tip->cur = *theirs; /* fast-forward */
		tip->has_cur = true;
		return WG_OK;
	}
	char *msg = xasprintf(_("Merge %s\n\nadded %zu, changed %zu, deleted %zu, conflicts %zu\n"),
			      wg_base_name(s->b->path), m->added - a0, m->changed - c0, m->deleted - d0,
			      m->nconflicts - before);
	const git_oid *parents[2] = {&tip->cur, theirs};
	git_oid commit;
	rc = wg_repo_commit(repo, &merged, parents, 2, msg, &commit, err);
	free(msg);
	if (rc == WG_OK)
		tip->cur = commit;
	return rc;
}

/* The newest conflict's number, 0 when none. */
static sqlite3_int64 conflict_max(sqlite3 *db)
{
	sqlite3_stmt *st;
	sqlite3_int64 n = 0;
	if (sqlite3_prepare_v2(db, "SELECT coalesce(max(id), 0) FROM conflict", -1, &st, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return n;
}

/* The conflicts made since after, met by import id. */
static int conflicts_of_import(sqlite3 *db, sqlite3_int64 after, long id, wg_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "UPDATE conflict SET import = ?1 WHERE id > ?2", -1, &st, NULL) !=
	    SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, after);
	int rc = sqlite3_step(st) == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
	sqlite3_finalize(st);
	return rc;
}

static int save_conflicts(sqlite3 *db, const struct wg_merger *m, const struct provs *pv,
			  size_t from, const char *branch, const char *source, wg_error *err)
{
	sqlite3_stmt *st;
	char now[WG_TIMESTAMP_LEN + 1];
	wg_timestamp(wg_now(), now);
	if (sqlite3_prepare_v2(db, "INSERT INTO conflict(kind, record, field, base, ours, theirs,"
				   " branch, source, created, ours_by, ours_at, theirs_by, theirs_at)"
				   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	for (size_t i = from; i < m->nconflicts; i++) {
		const struct wg_conflict_rec *c = &m->conflicts[i];
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, c->kind->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, c->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, c->field, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, c->base, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, c->ours, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, c->theirs, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, branch, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, source, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 9, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 10, pv->v[i].ours_by, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 11, pv->v[i].ours_at, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 12, pv->v[i].theirs_by, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 13, pv->v[i].theirs_at, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return wg_db_fail(db, err);
		}
	}
	sqlite3_finalize(st);
	return WG_OK;
}

/* County: the common branch the officer has, from the newest county bundle for
 * the grid whose grid tip the officer's tip contains. */
static int learn_common(wg_repo *repo, sqlite3 *db, const char *officer, const char *grid,
			const git_oid *tip, wg_error *err)
{
	sqlite3_stmt *st;
	int rc = WG_OK;
	if (sqlite3_prepare_v2(db, "SELECT tip, common FROM sync_sent WHERE (peer = ?1 OR peer = ?2)"
				   " AND common <> '' ORDER BY seq DESC", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, grid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, officer, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		git_oid g, c;
		if (git_oid_fromstr(&g, (const char *)sqlite3_column_text(st, 0)) < 0 ||
		    git_oid_fromstr(&c, (const char *)sqlite3_column_text(st, 1)) < 0)
			continue;
		if (git_odb_exists_ext(repo->odb, &g, GIT_ODB_LOOKUP_NO_REFRESH) &&
		    is_ancestor(repo, &g, tip)) {
			rc = peer_add(repo, db, officer, WG_REF_COMMON, &c, false, err);
			break;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

static int journal(sqlite3 *db, const char *ref, const git_oid *tip, wg_error *err)
{
	sqlite3_stmt *st;
	char hex[GIT_OID_HEXSZ + 1];
	wg_oid_hex(tip, hex);
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO sync_journal(ref, tip) VALUES (?, ?)", -1,
			       &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hex, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st) == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
	sqlite3_finalize(st);
	return rc;
}

/* Move the staged packs into history.git. */
static int adopt_packs(wg_workspace *ws, const char *stage, wg_error *err)
{
	char *from = xasprintf("%s/pack", stage);
	char *to = wg_ws_path(ws, WG_REPO_DIR "/objects/pack");
	DIR *d = opendir(from);
	struct dirent *e;
	int rc = WG_OK;
	if (!d) {
		free(from);
		free(to);
		return WG_OK;
	}
	/* .pack before .idx: git ignores a pack without its index, not the reverse */
	for (int pass = 0; pass < 2 && rc == WG_OK; pass++) {
		rewinddir(d);
		while (rc == WG_OK && (e = readdir(d))) {
			const char *ext = strrchr(e->d_name, '.');
			if (!ext || strcmp(ext, pass == 0 ? ".pack" : ".idx") != 0)
				continue;
			char *a = xasprintf("%s/%s", from, e->d_name), *b = xasprintf("%s/%s", to, e->d_name);
			if (rename(a, b) != 0)
				rc = wg_fail(err, WG_EINTERNAL, _("cannot move %s into the history: %s"), a,
					     strerror(errno));
			free(a);
			free(b);
		}
	}
	closedir(d);
	free(from);
	free(to);
	return rc;
}

/* The grids whose branches the new bundles carry, each once (pointers into
 * the bundles' ref names); NULL when none. */
static const char **import_grids(const struct staged *s, size_t n, size_t *ngrids)
{
	const char **v = NULL;
	size_t nv = 0, alloc = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i].already || !s[i].b)
			continue;
		for (size_t r = 0; r < s[i].b->nrefs; r++) {
			const char *g = wg_ref_grid(s[i].b->refs[r].name);
			if (!g || !interesting_ref(s[i].b->refs[r].name))
				continue;
			bool seen = false;
			for (size_t j = 0; j < nv && !seen; j++)
				seen = strcmp(v[j], g) == 0;
			if (seen)
				continue;
			if (nv == alloc) {
				alloc = alloc ? 2 * alloc : 4;
				v = xrealloc(v, alloc * sizeof *v);
			}
			v[nv++] = g;
		}
	}
	*ngrids = nv;
	return v;
}

int wg_sync_import(wg_workspace *ws, const char *const *paths, size_t n,
		   struct wg_import_result *res, wg_error *err)
{
	struct staged *s = xcalloc(n ? n : 1, sizeof *s);
	wg_repo *repo = NULL;
	wg_tips tips;
	struct wg_merger m = {0};
	struct keyring kr = {0};
	struct provs pv = {0};
	char *stage = NULL;
	bool in_tx = false, scoped = false;
	const char **grids = NULL;
	size_t ngrids = 0;
	size_t ncommitted, repaired, fresh = 0;
	int rc = WG_OK;

	memset(res, 0, sizeof *res);
	wg_tips_init(&tips);
	if (ws->role == ROLE_NONE) {
		free(s);
		return wg_fail(err, WG_EUSAGE, _("the workspace has not been set up: run init first"));
	}
	res->files = xcalloc(n ? n : 1, sizeof *res->files);
	res->n = n;
	/* 1. Every header, and which refs each may carry. */
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		res->files[i].path = xstrdup(paths[i]);
		s[i].res = &res->files[i];
		if ((rc = wg_bundle_read(paths[i], ws->has_key ? &ws->key : NULL, &s[i].b, err)) == WG_OK)
			rc = check_refs(ws, s[i].b, err);
	}
	if (rc)
		goto out;
	if ((rc = wg_repo_open(ws, false, &repo, err)) ||
	    (rc = wg_repo_replay_journal(ws, repo, &repaired, err)) ||
	    (rc = wg_tips_load(repo, &tips, err)))
		goto out;
	/* 2. What is new at all? Importing the same bundles again changes nothing. */
	for (size_t i = 0; i < n; i++) {
		s[i].already = all_known(repo, &tips, s[i].b);
		res->files[i].already = s[i].already;
		fresh += !s[i].already;
	}
	/* 3. Stage: packs into a folder of their own (removed afterwards), objects
	 * made in memory; nothing in history.git changes before step 6. */
	stage = wg_ws_path(ws, "incoming-XXXXXX");
	if (stage[0] != '/') {
		/* libgit2 opens the staged packs' multi-pack index by a path of its
		 * own making: a relative one came out doubled (-C county, three
		 * bundles or more) */
		char *cwd = getcwd(NULL, 0);
		if (cwd) {
			char *abs = xasprintf("%s/%s", cwd, stage);
			free(stage);
			stage = abs;
		}
		free(cwd);
	}
	if (!mkdtemp(stage)) {
		rc = wg_fail(err, WG_EINTERNAL, _("cannot create a folder in %s: %s"), ws->dir,
			     strerror(errno));
		free(stage);
		stage = NULL;
		goto out;
	}
	char *packdir = xasprintf("%s/pack", stage);
	struct wg_pack_budget budget = WG_PACK_BUDGET_INIT; /* for the whole import */
	if (mkdir(packdir, 0700) != 0 || git_odb_add_disk_alternate(repo->odb, stage) < 0)
		rc = wg_fail(err, WG_EINTERNAL, _("cannot stage the import in %s"), stage);
	/* 4a. Every pack, in order, even of bundles already imported: a damaged
	 * file is refused whatever it carries. */
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		size_t nobj;
		git_odb *main, *use;
		if ((rc = check_prereqs(ws, repo, s[i].b, err)) ||
		    (rc = wg_repo_main_odb(repo, &main, err)))
			break;
		/* Reading the pack looks up what its objects refer to. With the staged packs
		 * of this import in view, each lookup of a new object would search
		 * them all; they are needed only when a prerequisite is among them. */
		use = main;
		for (size_t p = 0; p < s[i].b->nprereqs; p++)
			if (!git_odb_exists_ext(main, &s[i].b->prereqs[p].oid, GIT_ODB_LOOKUP_NO_REFRESH))
				use = repo->odb;
		if ((rc = wg_bundle_index(s[i].b, use, packdir, &budget, &nobj, NULL, err)))
			break;
		if (git_odb_refresh(repo->odb) < 0)
			rc = wg_git_fail(err, _("read the pack"));
	}
	free(packdir);
	/* Hundreds of staged packs (one per bundle) would make every read of an
	 * incoming object search them all: index them together. */
	if (rc == WG_OK && fresh > 2) {
		git_odb *so = NULL;
		if (git_odb_open(&so, stage) < 0 || git_odb_write_multi_pack_index(so) < 0 ||
		    git_odb_refresh(repo->odb) < 0)
			rc = wg_git_fail(err, _("read the pack"));
		git_odb_free(so);
	}
	if (rc || fresh == 0)
		goto out;
	if ((rc = wg_db_begin(ws->db, err)))
		goto out;
	in_tx = true;
	/* Local changes not yet in the history go in first, so they merge too.
	 * On a county, only those of the grids the bundles carry (and common):
	 * the other grids' stay pending for their own export or import, so an
	 * import costs its grids, not the county (the first import after a
	 * large demo county was built committed all 3.18 M records: 10 minutes). */
	size_t resigned;
	grids = ws->role == ROLE_COUNTY ? import_grids(s, n, &ngrids) : NULL;
	scoped = ngrids > 0;
	rc = wg_keys_ensure_county(ws, err);
	if (rc == WG_OK)
		rc = wg_keys_resign_legacy(ws, repo, &tips, &resigned, err);
	if (rc == WG_OK)
		rc = wg_repo_commit_pending_grids(repo, ws->db, &tips, _("Record changes"), grids,
						  ngrids, &ncommitted, err);
	/* what that committed leaves the changed table now; what the merge
	 * writes into the working copy below leaves it as it is written */
	if (rc || (rc = wg_repo_pending_committed(repo, ws->db, err)))
		goto out;
	/* 4b. Check and merge each new bundle, in order, against the staged state. */
	if (ws->role == ROLE_COUNTY && (rc = wg_merge_claims_begin(ws->db, err)))
		goto out;
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		struct staged *si = &s[i];
		size_t c0 = m.nconflicts;
		sqlite3_int64 last_conflict = conflict_max(ws->db);
		if (si->already)
			continue;
		if (all_known(repo, &tips, si->b)) {
			si->already = si->res->already = true; /* an earlier file carried it all */
			continue;
		}
		/* common first: a grid's commits are checked with the keys of the
		 * common data they come with */
		for (size_t k = 0; k < 2 * si->b->nrefs && rc == WG_OK; k++) {
			size_t pass = k / si->b->nrefs, r = k % si->b->nrefs;
			const struct wg_bundle_ref *ref = &si->b->refs[r];
			git_commit *c;
			if (!interesting_ref(ref->name) ||
			    (strcmp(ref->name, WG_REF_COMMON) == 0) != (pass == 0))
				continue;
			if ((rc = keyring_load(ws, repo, &tips, &kr, ref->name, &ref->oid, err)))
				break;
			if (git_commit_lookup(&c, repo->git, &ref->oid) < 0) {
				rc = wg_fail(err, WG_EINPUT, _("%s: %s does not point at a commit"),
					     si->b->path, ref->name);
				break;
			}
			git_commit_free(c);
			struct wg_tip *t0 = wg_tips_get(&tips, ref->name);
			struct wg_import_move mv = {.had = t0 && t0->has_cur};
			snprintf(mv.ref, sizeof mv.ref, "%s", ref->name);
			if (mv.had)
				mv.before = t0->cur;
			if ((rc = check_authors(ws, repo, &tips, si, ref->name, &ref->oid, &kr, err)) ||
			    (rc = merge_branch(ws, repo, &tips, si, ref->name, &ref->oid, &m, &pv, err)))
				break;
			if (m.nconflicts > c0 &&
			    (rc = save_conflicts(ws->db, &m, &pv, c0, ref->name,
						 wg_base_name(si->b->path), err)))
				break;
			c0 = m.nconflicts;
			struct wg_tip *t1 = wg_tips_get(&tips, ref->name);
			if (t1 && t1->has_cur && (!mv.had || !git_oid_equal(&mv.before, &t1->cur)) &&
			    si->nmoves < sizeof si->moves / sizeof si->moves[0]) {
				mv.after = t1->cur;
				si->moves[si->nmoves++] = mv;
			}
		}
		/* what this file did, with who sent it */
		if (rc == WG_OK && si->nmoves > 0) {
			const char *sender = ws->role == ROLE_OFFICER ? PEER_COUNTY : si->sender;
			strbuf who = STRBUF_INIT;
			rc = wg_import_record(ws->db, wg_base_name(si->b->path), sender, si->res->added,
					      si->res->changed, si->res->deleted,
					      si->res->conflicts, si->moves, si->nmoves,
					      &si->res->import, err);
			if (rc == WG_OK)
				rc = conflicts_of_import(ws->db, last_conflict, si->res->import, err);
			wg_who_text(ws->db, sender, &who);
			si->res->who = sb_detach(&who);
		}
	}
	if (rc)
		goto out;
	/* 5. The working copy follows the history: apply what changed per branch. */
	struct wg_applier a = {.db = ws->db, .repo = repo, .forget_changed = true};
	for (size_t t = 0; t < tips.n && rc == WG_OK; t++) {
		struct wg_tip *tip = &tips.v[t];
		git_oid old_tree, new_tree;
		if (!tip->has_cur || (tip->had_old && git_oid_equal(&tip->old, &tip->cur)))
			continue;
		if ((tip->had_old && (rc = wg_commit_tree(repo, &tip->old, &old_tree, err))) ||
		    (rc = wg_commit_tree(repo, &tip->cur, &new_tree, err)) ||
		    (rc = wg_tree_diff(repo, tip->had_old ? &old_tree : NULL, &new_tree, apply_cb, &a,
				       err)) ||
		    (rc = journal(ws->db, tip->ref, &tip->cur, err)))
			break;
	}
	wg_applier_free(&a);
	if (rc)
		goto out;
	/* bookkeeping: what was received, and what the other side now has */
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		if (s[i].already)
			continue;
		for (size_t r = 0; r < s[i].b->nrefs && rc == WG_OK; r++) {
			const struct wg_bundle_ref *ref = &s[i].b->refs[r];
			if (!interesting_ref(ref->name))
				continue;
			if ((rc = record_received(ws->db, s[i].b, ref->name, &ref->oid, err)))
				break;
			if (ws->role == ROLE_OFFICER)
				rc = peer_add(repo, ws->db, PEER_COUNTY, ref->name, &ref->oid, false, err);
			else if (*s[i].sender &&
				 (rc = peer_add(repo, ws->db, s[i].sender, ref->name, &ref->oid, true,
						err)) == WG_OK)
				rc = learn_common(repo, ws->db, s[i].sender, wg_ref_grid(ref->name),
						  &ref->oid, err);
		}
	}
	/* an officer workspace made before keys pins the county's key with the
	 * first county data that carries it */
	if (rc == WG_OK && ws->role == ROLE_OFFICER && !kr.pinned) {
		long nk;
		rc = wg_count_rows(ws->db, "SELECT 1 FROM signer WHERE role = 'county'", NULL, &nk,
				   NULL, 0, err);
		if (rc == WG_OK && nk > 0)
			rc = wg_keys_pin_county(ws, err);
	}
	if (rc || (!scoped && (rc = wg_repo_pending_done(ws->db, err))) ||
	    (scoped && (rc = wg_repo_pending_grids_tidy(ws->db, grids, ngrids, err))))
		goto out;
	/* 6. Make it durable: objects first, then the database (with the ref
	 * updates in sync_journal), then the refs. A crash in between leaves the
	 * old state or a journal that wangge check replays. */
	if ((rc = wg_repo_flush(repo, err)) || (rc = adopt_packs(ws, stage, err)) ||
	    (rc = wg_repo_tidy(repo, err)) || (rc = wg_db_commit(ws->db, err)))
		goto out;
	in_tx = false;
	const char *crash = getenv("WANGGE_TEST_CRASH");
	if (crash && strcmp(crash, "import-before-refs") == 0)
		_exit(99); /* tests: stop as a power cut would, after the database commit */
	if ((rc = wg_repo_replay_journal(ws, repo, &repaired, err)))
		goto out;
out:
	if (in_tx)
		wg_db_rollback(ws->db);
	if (stage) {
		remove_tree(stage);
		free(stage);
	}
	wg_merge_release(&m);
	free(pv.v);
	wg_signers_free(&kr.keys);
	wg_tips_free(&tips);
	wg_repo_close(repo);
	free(grids); /* (names in the bundles' refs) */
	for (size_t i = 0; i < n; i++)
		wg_bundle_free(s[i].b);
	free(s);
	return rc;
}

/* ---- check ---- */

int wg_sync_check(wg_workspace *ws, size_t *repaired, wg_error *err)
{
	wg_repo *repo;
	struct stat st;
	int rc;
	*repaired = 0;
	char *git = wg_ws_path(ws, WG_REPO_DIR);
	bool has = stat(git, &st) == 0;
	free(git);
	if (!has)
		return WG_OK;
	/* staging folders of an import that was cut short */
	DIR *d = opendir(ws->dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)))
			if (strncmp(e->d_name, "incoming-", 9) == 0) {
				char *p = wg_ws_path(ws, e->d_name);
				remove_tree(p);
				free(p);
				(*repaired)++;
			}
		closedir(d);
	}
	if ((rc = wg_repo_open(ws, false, &repo, err)))
		return rc;
	size_t n;
	rc = wg_repo_replay_journal(ws, repo, &n, err);
	*repaired += n;
	/* then the whole history, as git fsck would look at it */
	if (rc == WG_OK) {
		char *gitdir = wg_ws_path(ws, WG_REPO_DIR);
		rc = wg_history_fsck(repo, gitdir, &n, err);
		if (rc)
			wg_error_prefix(err, _("the history is damaged"));
		free(gitdir);
	}
	wg_repo_close(repo);
	return rc;
}
