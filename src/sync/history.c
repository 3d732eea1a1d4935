/* The history view: who changed what, when (执法全过程记录), read from the
 * same commits stock git log shows. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "repo.h"
#include "strbuf.h"
#include "sync.h"
#include "internal.h"
#include "keys.h"
#include "timeutil.h"

static int find_record(wg_workspace *ws, const char *prefix, const struct wg_kind **kind,
		       char id[WG_ID_BUFSIZE], char ref[WG_REF_MAX], wg_error *err)
{
	for (size_t k = 0; k < wg_nkinds; k++) {
		wg_record *rec;
		if (wg_db_resolve(ws->db, wg_kinds[k], prefix, id, NULL) != WG_OK)
			continue;
		if (wg_db_load(ws->db, wg_kinds[k], id, &rec, err) != WG_OK)
			return WG_EINPUT;
		*kind = wg_kinds[k];
		wg_record_branch(rec, ref);
		wg_record_free(rec);
		return WG_OK;
	}
	return wg_fail(err, WG_EINPUT, _("no record with id %s"), prefix);
}

/* The imports that moved a branch: each import's tips, and the commits each
 * brought (hidden from the log, which shows the import instead). */
struct import_at {
	long id;
	git_oid after;
	bool had;
	git_oid before;
};
struct grouping {
	struct import_at *v;
	size_t n;
	git_oid *hidden; /* sorted */
	size_t nhidden, alloc;
};

static int oid_cmp(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

static int grouping_load(sqlite3 *db, const char *ref, struct grouping *g, wg_error *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	memset(g, 0, sizeof *g);
	if (sqlite3_prepare_v2(db, "SELECT import, before, after FROM sync_import_ref WHERE ref = ?",
			       -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *b = (const char *)sqlite3_column_text(st, 1);
		const char *a = (const char *)sqlite3_column_text(st, 2);
		struct import_at ia = {.id = (long)sqlite3_column_int64(st, 0)};
		if (!a || git_oid_fromstr(&ia.after, a) < 0)
			continue;
		ia.had = b && *b && git_oid_fromstr(&ia.before, b) == 0;
		if (g->n == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			g->v = xrealloc(g->v, alloc * sizeof *g->v);
		}
		g->v[g->n++] = ia;
	}
	sqlite3_finalize(st);
	return WG_OK;
}

static void grouping_free(struct grouping *g)
{
	free(g->v);
	free(g->hidden);
}

static bool grouping_hidden(const struct grouping *g, const git_oid *oid)
{
	return g->nhidden && bsearch(oid, g->hidden, g->nhidden, sizeof *g->hidden, oid_cmp);
}

/* The import whose last commit oid is, or NULL; its commits (newest first)
 * in *range, and hidden from the walk from then on. */
static const struct import_at *grouping_at(wg_repo *repo, struct grouping *g, const git_oid *oid,
					   git_oid **range, size_t *nrange, wg_error *err, int *rc)
{
	const struct import_at *ia = NULL;
	size_t alloc = 0;
	*range = NULL;
	*nrange = 0;
	for (size_t i = 0; i < g->n && !ia; i++)
		if (git_oid_equal(&g->v[i].after, oid))
			ia = &g->v[i];
	if (!ia)
		return NULL;
	git_revwalk *w;
	git_oid c;
	if (git_revwalk_new(&w, repo->git) < 0 || git_revwalk_push(w, &ia->after) < 0 ||
	    (ia->had && git_revwalk_hide(w, &ia->before) < 0)) {
		git_revwalk_free(w);
		*rc = wg_git_fail(err, _("read commits"));
		return NULL;
	}
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	while (git_revwalk_next(&c, w) == 0) {
		if (g->nhidden == g->alloc) {
			g->alloc = g->alloc ? 2 * g->alloc : 64;
			g->hidden = xrealloc(g->hidden, g->alloc * sizeof *g->hidden);
		}
		g->hidden[g->nhidden++] = c;
		if (*nrange == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			*range = xrealloc(*range, alloc * sizeof **range);
		}
		(*range)[(*nrange)++] = c;
	}
	git_revwalk_free(w);
	qsort(g->hidden, g->nhidden, sizeof *g->hidden, oid_cmp);
	return ia;
}

#define IMPORT_LOG_RECORDS 50

/* The entry of one import: what it did, and its records. */
static int import_entry(wg_workspace *ws, wg_repo *repo, long id, struct wg_log_entry *e,
			char **subject, strbuf *body, char **who, wg_error *err)
{
	struct wg_import_entry *ie;
	struct wg_record_change *rc_v;
	size_t n;
	int rc;
	if ((rc = wg_import_get(ws, id, &ie, err)))
		return rc;
	if ((rc = wg_import_records_in(ws, repo, id, &rc_v, &n, err))) {
		wg_imports_free(ie, 1);
		return rc;
	}
	wg_timestamp_display(ie->at, e->when, sizeof e->when);
	/* TRANSLATORS: one import in the history: its number, the file, who sent
	 * it, and what it did */
	*subject = xasprintf(_("Import %ld: %s from %s: added %zu, changed %zu, deleted %zu, "
			       "conflicts %zu"), ie->id, ie->file, ie->who, ie->added, ie->changed,
			     ie->deleted, ie->conflicts);
	for (size_t i = 0; i < n && i < IMPORT_LOG_RECORDS; i++) {
		wg_record_change_text(&rc_v[i], body);
		sb_addc(body, '\n');
	}
	if (n > IMPORT_LOG_RECORDS) {
		sb_addf(body, ngettext("... and %zu more record", "... and %zu more records",
				       n - IMPORT_LOG_RECORDS), n - IMPORT_LOG_RECORDS);
		sb_addc(body, '\n');
	}
	*who = ie->who;
	ie->who = NULL;
	e->import = id;
	wg_record_changes_free(rc_v, n);
	wg_imports_free(ie, 1);
	return WG_OK;
}

/* One commit to the callback: its author, message and signature; part_of:
 * the import that brought it (0: none). ia: show the import instead. */
struct log_ctx {
	wg_workspace *ws;
	wg_repo *repo;
	wg_signers *keys;
	const char *ref;
	wg_log_cb cb;
	void *payload;
};

static int emit(struct log_ctx *lc, git_commit *c, const git_oid *oid, long part_of,
		const struct import_at *ia, wg_error *err)
{
	struct wg_log_entry e = {0};
	const git_signature *a = git_commit_author(c);
	char stamp[WG_TIMESTAMP_LEN + 1];
	int rc;
	wg_oid_hex(oid, e.commit);
	e.author = a->name;
	e.email = a->email;
	e.part_of = part_of;
	wg_timestamp((time_t)a->when.time, stamp);
	wg_timestamp_display(stamp, e.when, sizeof e.when);
	const char *msg = git_commit_message(c);
	const char *nl = strchr(msg, '\n');
	char *subject = nl ? xstrndup(msg, (size_t)(nl - msg)) : xstrdup(msg);
	const char *body = nl ? nl + 1 : "";
	while (*body == '\n')
		body++;
	e.subject = subject;
	e.body = body;
	strbuf ibody = STRBUF_INIT;
	char *who = NULL;
	if (ia) {
		free(subject);
		subject = NULL;
		if ((rc = import_entry(lc->ws, lc->repo, ia->id, &e, &subject, &ibody, &who, err))) {
			sb_release(&ibody);
			return rc;
		}
		e.subject = subject;
		e.body = sb_str(&ibody);
		e.who = who;
	}
	/* who signed it, checked against the keys registered in common */
	struct wg_commit_sig_info si;
	char whoid[WG_ID_BUFSIZE], words[WG_KEY_WORDS_BUFSIZE] = "";
	const char *at = strrchr(a->email, '@');
	size_t wl = at ? (size_t)(at - a->email) : 0;
	snprintf(whoid, sizeof whoid, "%.*s", wl < sizeof whoid ? (int)wl : 0, a->email);
	rc = wg_commit_sig_check(lc->repo, lc->keys, oid, whoid, wg_ref_grid(lc->ref), &si, err);
	if (rc == WG_OK) {
		if (si.have_pk)
			wg_key_words(si.pk, words);
		e.sig = (int)si.status;
		e.signer = si.signer ? (si.signer->county ? _("the county office") : si.signer->name)
				     : NULL;
		e.signer_words = words;
		lc->cb(&e, lc->payload);
	}
	free(subject);
	free(who);
	sb_release(&ibody);
	return rc;
}

int wg_sync_log(wg_workspace *ws, const char *grid, const char *record, size_t limit,
		wg_log_cb cb, void *payload, wg_error *err)
{
	wg_repo *repo;
	git_revwalk *walk = NULL;
	git_reference *r = NULL;
	const struct wg_kind *kind = NULL;
	char ref[WG_REF_MAX] = "", id[WG_ID_BUFSIZE] = "", path[WG_PATH_MAX] = "";
	git_oid oid;
	int rc;

	if (record && (rc = find_record(ws, record, &kind, id, ref, err)))
		return rc;
	if (kind)
		wg_record_path(kind, id, path);
	if (grid)
		snprintf(ref, sizeof ref, "%s%s", WG_REF_GRID_PREFIX, grid);
	else if (!record)
		snprintf(ref, sizeof ref, "%s",
			 ws->role == ROLE_OFFICER && ws->grid ? "" : WG_REF_COMMON);
	if (!grid && !record && ws->role == ROLE_OFFICER)
		snprintf(ref, sizeof ref, "%s%s", WG_REF_GRID_PREFIX, ws->grid);
	wg_signers keys;
	if ((rc = wg_signers_load(ws->db, &keys, err)))
		return rc;
	if ((rc = wg_repo_open(ws, false, &repo, err))) {
		wg_signers_free(&keys);
		return rc;
	}
	if (git_reference_lookup(&r, repo->git, ref) < 0 || !git_reference_target(r)) {
		rc = wg_fail(err, WG_EINPUT, _("the history has no branch %s"), ref);
		goto out;
	}
	if (git_revwalk_new(&walk, repo->git) < 0 ||
	    git_revwalk_push(walk, git_reference_target(r)) < 0) {
		rc = wg_git_fail(err, _("read commits"));
		goto out;
	}
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	struct log_ctx lc = {ws, repo, &keys, ref, cb, payload};
	/* a branch's log shows each import as one entry; a record's, every commit */
	struct grouping grp = {0};
	if (!*path && (rc = grouping_load(ws->db, ref, &grp, err)))
		goto out;
	size_t shown = 0;
	while ((!limit || shown < limit) && git_revwalk_next(&oid, walk) == 0) {
		git_commit *c;
		if (git_commit_lookup(&c, repo->git, &oid) < 0) {
			rc = wg_git_fail(err, _("read commits"));
			break;
		}
		if (*path) {
			git_oid now_b, par_b;
			bool now_f = false, par_f = false;
			if ((rc = wg_commit_blob(repo, &oid, path, &now_b, &now_f, err)) == WG_OK &&
			    git_commit_parentcount(c) > 0)
				rc = wg_commit_blob(repo, git_commit_parent_id(c, 0), path, &par_b,
						    &par_f, err);
			if (rc) {
				git_commit_free(c);
				break;
			}
			if (now_f == par_f && (!now_f || git_oid_equal(&now_b, &par_b))) {
				git_commit_free(c);
				continue;
			}
		}
		if (grouping_hidden(&grp, &oid)) {
			git_commit_free(c);
			continue;
		}
		git_oid *range;
		size_t nrange;
		const struct import_at *ia = grouping_at(repo, &grp, &oid, &range, &nrange, err, &rc);
		if (rc == WG_OK)
			rc = emit(&lc, c, &oid, 0, ia, err);
		git_commit_free(c);
		/* then the commits the import brought, as part of its entry */
		for (size_t k = 0; k < nrange && rc == WG_OK; k++) {
			git_commit *rcm;
			if (git_commit_lookup(&rcm, repo->git, &range[k]) < 0) {
				rc = wg_git_fail(err, _("read commits"));
				break;
			}
			rc = emit(&lc, rcm, &range[k], ia->id, NULL, err);
			git_commit_free(rcm);
		}
		free(range);
		if (rc)
			break;
		shown++;
	}
	grouping_free(&grp);
out:
	git_revwalk_free(walk);
	git_reference_free(r);
	wg_repo_close(repo);
	wg_signers_free(&keys);
	return rc;
}

