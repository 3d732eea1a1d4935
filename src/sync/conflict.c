/* Merge conflicts: listing them, and resolving them in the working copy with
 * a commit that records who resolved what, when and how. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "repo.h"
#include "schema.h"
#include "strbuf.h"
#include "sync.h"
#include "internal.h"
#include "keys.h"
#include "timeutil.h"

void wg_conflicts_free(struct wg_conflict *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct wg_conflict *c = &v[i];
		free(c->field);
		free(c->base);
		free(c->ours);
		free(c->theirs);
		free(c->branch);
		free(c->source);
		free(c->created);
		free(c->resolved_by);
		free(c->resolved_at);
		free(c->resolution);
		free(c->title);
		free(c->ours_by);
		free(c->ours_at);
		free(c->theirs_by);
		free(c->theirs_at);
	}
	free(v);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

static char *record_title(sqlite3 *db, const char *kind, const char *id)
{
	const struct wg_kind *k = wg_kind_find(kind);
	const char *field = NULL;
	if (!k)
		return xstrdup("");
	if (wg_field_find(k, "name"))
		field = "name";
	else if (wg_field_find(k, "title"))
		field = "title";
	if (!field)
		return xstrdup("");
	char *sql = xasprintf("SELECT %s FROM %s WHERE id = ?", field, kind);
	sqlite3_stmt *st;
	char *out = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			out = col_dup(st, 0);
		sqlite3_finalize(st);
	}
	free(sql);
	return out ? out : xstrdup("");
}

/* Who wrote a side, in words; "" when the conflict does not say. */
static char *who_words(sqlite3 *db, sqlite3_stmt *st, int i)
{
	const char *who = (const char *)sqlite3_column_text(st, i);
	strbuf sb = STRBUF_INIT;
	if (who && *who)
		wg_who_text(db, who, &sb);
	return sb_detach(&sb);
}

static char *when_shown(sqlite3_stmt *st, int i)
{
	const char *at = (const char *)sqlite3_column_text(st, i);
	char buf[64] = "";
	if (at && *at)
		wg_timestamp_display(at, buf, sizeof buf);
	return xstrdup(buf);
}

static int load_conflicts(wg_workspace *ws, const char *where, long id, struct wg_conflict **out,
			  size_t *n, wg_error *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	char *sql = xasprintf("SELECT id, kind, record, field, base, ours, theirs, branch, source,"
			      " created, resolved_by, resolved_at, resolution, ours_by, ours_at, theirs_by,"
			      " theirs_at, import FROM conflict %s"
			      " ORDER BY id", where);
	int prc = sqlite3_prepare_v2(ws->db, sql, -1, &st, NULL);
	free(sql);
	*out = NULL;
	*n = 0;
	if (prc != SQLITE_OK)
		return wg_db_fail(ws->db, err);
	if (id >= 0)
		sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 8;
			*out = xrealloc(*out, alloc * sizeof **out);
		}
		struct wg_conflict *c = &(*out)[(*n)++];
		memset(c, 0, sizeof *c);
		c->id = (long)sqlite3_column_int64(st, 0);
		snprintf(c->kind, sizeof c->kind, "%s", sqlite3_column_text(st, 1));
		snprintf(c->record, sizeof c->record, "%s", sqlite3_column_text(st, 2));
		c->field = col_dup(st, 3);
		c->base = col_dup(st, 4);
		c->ours = col_dup(st, 5);
		c->theirs = col_dup(st, 6);
		c->branch = col_dup(st, 7);
		c->source = col_dup(st, 8);
		c->created = col_dup(st, 9);
		c->resolved_by = col_dup(st, 10);
		c->resolved_at = col_dup(st, 11);
		c->resolution = col_dup(st, 12);
		c->title = record_title(ws->db, c->kind, c->record);
		c->ours_by = who_words(ws->db, st, 13);
		c->ours_at = when_shown(st, 14);
		c->theirs_by = who_words(ws->db, st, 15);
		c->theirs_at = when_shown(st, 16);
		c->import = (long)sqlite3_column_int64(st, 17);
		/* a record deleted here: its name from the other side's copy */
		const char *copy = c->theirs ? c->theirs : c->ours;
		const char *nm = !*c->title && !*c->field && copy ? strstr(copy, "\nname=") : NULL;
		if (nm) {
			free(c->title);
			c->title = xstrndup(nm + 6, strcspn(nm + 6, "\n"));
		}
	}
	sqlite3_finalize(st);
	return WG_OK;
}

char *wg_conflict_side_text(const char *by, const char *at)
{
	if (!by || !*by)
		/* TRANSLATORS: who wrote a change, when the history does not say */
		return xstrdup(_("unknown"));
	/* TRANSLATORS: who wrote one side of a conflict, and when */
	return at && *at ? xasprintf(_("%s, %s"), by, at) : xstrdup(by);
}

int wg_conflicts_list(wg_workspace *ws, bool all, struct wg_conflict **out, size_t *n,
		      wg_error *err)
{
	return load_conflicts(ws, all ? "" : "WHERE resolved_at = ''", -1, out, n, err);
}

int wg_conflict_get(wg_workspace *ws, long id, struct wg_conflict **out, wg_error *err)
{
	size_t n;
	int rc = load_conflicts(ws, "WHERE id = ?1", id, out, &n, err);
	if (rc == WG_OK && n == 0) {
		free(*out);
		*out = NULL;
		return wg_fail(err, WG_EINPUT, _("there is no conflict number %ld"), id);
	}
	return rc;
}

/* A signed inspection and its item results and evidence never change, on
 * this path either: a conflict about one (kept before import refused them)
 * can only keep ours. */
static int signed_locked(sqlite3 *db, const struct wg_kind *kind, const char *id, wg_error *err)
{
	wg_record *rec = NULL, *insp = NULL;
	const char *iid = id;
	int rc = WG_OK;
	if (kind != &wg_kind_inspection) {
		if (kind != &wg_kind_result && kind != &wg_kind_evidence)
			return WG_OK;
		if (wg_db_load(db, kind, id, &rec, NULL) != WG_OK)
			return WG_OK;
		iid = wg_record_get(rec, "inspection");
	}
	if (wg_db_load(db, &wg_kind_inspection, iid, &insp, NULL) == WG_OK &&
	    strcmp(wg_record_get(insp, "status"), "signed") == 0)
		rc = wg_fail(err, WG_EINPUT,
			     _("inspection %.8s is signed: its record and item results cannot change, "
			       "so this conflict can only keep this workspace's version"), iid);
	wg_record_free(insp);
	wg_record_free(rec);
	return rc;
}

static int resolve_in_db(wg_workspace *ws, wg_repo *repo, const struct wg_conflict *c,
			 const struct wg_kind *kind, enum wg_resolution how, const char *value,
			 wg_error *err)
{
	int rc;
	if (how != RESOLVE_OURS && (rc = signed_locked(ws->db, kind, c->record, err)))
		return rc;
	if (!*c->field) {
		/* a whole record: deleted on one side, edited on the other */
		if (how == RESOLVE_VALUE)
			return wg_fail(err, WG_EUSAGE,
				       _("conflict %ld is about a whole record (deleted on one side): "
					 "choose --ours or --theirs"), c->id);
		if (how == RESOLVE_OURS)
			return WG_OK;
		if (!c->theirs) {
			wg_record *rec = NULL;
			if (wg_db_load(ws->db, kind, c->record, &rec, NULL) != WG_OK)
				return WG_OK; /* already gone */
			wg_record_free(rec);
			return wg_db_delete(ws->db, kind, c->record, err);
		}
		wg_record *rec;
		if ((rc = wg_record_parse(c->theirs, strlen(c->theirs), &rec, err)))
			return rc;
		struct wg_applier a = {.db = ws->db, .repo = repo};
		rc = wg_apply_put(&a, rec, err);
		wg_applier_free(&a);
		wg_record_free(rec);
		return rc;
	}
	const struct wg_field *f = wg_field_find(kind, c->field);
	const char *v = how == RESOLVE_OURS ? c->ours : how == RESOLVE_THEIRS ? c->theirs : value;
	wg_record *rec = NULL;
	if (!f)
		return wg_fail(err, WG_EINTERNAL, "conflict on unknown field %s", c->field);
	if ((rc = wg_field_check(f, v ? v : "", NULL, err)))
		return rc;
	if ((rc = wg_db_load(ws->db, kind, c->record, &rec, err))) {
		wg_error_prefix(err, _("the record was deleted after the conflict"));
		return rc;
	}
	wg_record_put(rec, wg_field_index(kind, c->field), v ? v : "");
	rc = wg_db_update(ws->db, rec, err);
	wg_record_free(rec);
	return rc;
}

int wg_conflict_resolve(wg_workspace *ws, long id, enum wg_resolution how, const char *value,
			wg_error *err)
{
	struct wg_conflict *c;
	wg_repo *repo;
	wg_tips tips;
	size_t ncommitted;
	int rc;

	if ((rc = wg_conflict_get(ws, id, &c, err)))
		return rc;
	const struct wg_kind *kind = wg_kind_find(c->kind);
	if (*c->resolved_at) {
		rc = wg_fail(err, WG_EINPUT, _("conflict %ld was already resolved by %s"), id,
			     c->resolved_by);
		wg_conflicts_free(c, 1);
		return rc;
	}
	if (!kind) {
		wg_conflicts_free(c, 1);
		return wg_fail(err, WG_EINTERNAL, "conflict of unknown kind");
	}
	if ((rc = wg_op_begin(ws, &repo, &tips, &ncommitted, err))) {
		wg_conflicts_free(c, 1);
		return rc;
	}
	static const char *const names[] = {"ours", "theirs", "value"};
	char now[WG_TIMESTAMP_LEN + 1];
	wg_timestamp(wg_now(), now);
	char *by = xasprintf("%s <%s>", repo->name, repo->email);
	char *resolution = how == RESOLVE_VALUE ? xasprintf("value=%s", value)
						: xstrdup(names[how]);
	sqlite3_stmt *st;
	if ((rc = resolve_in_db(ws, repo, c, kind, how, value, err)))
		goto done;
	if (sqlite3_prepare_v2(ws->db, "UPDATE conflict SET resolved_by = ?, resolved_at = ?,"
				       " resolution = ? WHERE id = ?", -1, &st, NULL) != SQLITE_OK) {
		rc = wg_db_fail(ws->db, err);
		goto done;
	}
	sqlite3_bind_text(st, 1, by, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, resolution, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, id);
	rc = sqlite3_step(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ws->db, err);
	sqlite3_finalize(st);
	if (rc)
		goto done;
	/* The history records the resolution even when the data stays as it was. */
	/* The record by its name where it has one: the History screen shows
	 * subjects, and an id means nothing to the officer reading it. */
	char *subject = xasprintf(_("Resolve conflict %ld: %s %s %s, %s"), id, c->kind,
				  c->title && *c->title ? c->title : c->record,
				  *c->field ? c->field : _("(whole record)"), resolution);
	struct wg_tip *tip = wg_tips_get(&tips, c->branch);
	git_oid before;
	bool had = tip && tip->has_cur;
	if (had)
		before = tip->cur;
	rc = wg_keys_ensure_county(ws, err);
	if (rc == WG_OK)
		rc = wg_repo_commit_pending(repo, ws->db, &tips, subject, &ncommitted, err);
	tip = wg_tips_get(&tips, c->branch);
	if (rc == WG_OK && had && tip && git_oid_equal(&before, &tip->cur)) {
		git_oid tree, commit;
		const git_oid *parent = &tip->cur;
		char *msg = xasprintf("%s\n", subject);
		if ((rc = wg_commit_tree(repo, &tip->cur, &tree, err)) == WG_OK &&
		    (rc = wg_repo_commit(repo, &tree, &parent, 1, msg, &commit, err)) == WG_OK)
			tip->cur = commit;
		free(msg);
	}
	free(subject);
done:
	free(by);
	free(resolution);
	wg_conflicts_free(c, 1);
	return wg_op_finish(ws, repo, &tips, rc, err);
}

