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
		struct wg_log_entry e;
		const git_signature *a = git_commit_author(c);
		char stamp[WG_TIMESTAMP_LEN + 1];
		wg_oid_hex(&oid, e.commit);
		e.author = a->name;
		e.email = a->email;
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
		/* who signed it, checked against the keys registered in common */
		struct wg_commit_sig_info si;
		char who[WG_ID_BUFSIZE], words[WG_KEY_WORDS_BUFSIZE] = "";
		const char *at = strrchr(a->email, '@');
		size_t wl = at ? (size_t)(at - a->email) : 0;
		snprintf(who, sizeof who, "%.*s", wl < sizeof who ? (int)wl : 0, a->email);
		if ((rc = wg_commit_sig_check(repo, &keys, &oid, who, wg_ref_grid(ref), &si, err))) {
			free(subject);
			git_commit_free(c);
			break;
		}
		if (si.have_pk)
			wg_key_words(si.pk, words);
		e.sig = (int)si.status;
		e.signer = si.signer ? (si.signer->county ? _("the county office") : si.signer->name)
				     : NULL;
		e.signer_words = words;
		cb(&e, payload);
		free(subject);
		git_commit_free(c);
		shown++;
	}
out:
	git_revwalk_free(walk);
	git_reference_free(r);
	wg_repo_close(repo);
	wg_signers_free(&keys);
	return rc;
}

