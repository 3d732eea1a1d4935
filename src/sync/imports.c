/* What an import did: each bundle file that brought something new is
 * recorded (sync_import) with who sent it and, per branch it moved, the tip
 * before and after (sync_import_ref). The records it added, changed and
 * deleted, field by field, are read back out of the history from those two
 * tips, so the list is what the history says and nothing kept beside it.
 * Also who wrote each side of a conflict, and when. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "internal.h"
#include "merge.h"
#include "repo.h"
#include "schema.h"
#include "strbuf.h"
#include "sync.h"
#include "timeutil.h"
#include "validate.h"

void wg_who_text(sqlite3 *db, const char *who, strbuf *out)
{
	if (!who || !*who) {
		/* TRANSLATORS: who wrote a change, when the history does not say */
		sb_adds(out, _("unknown"));
		return;
	}
	if (strcmp(who, "county") == 0) {
		sb_adds(out, _("the county office"));
		return;
	}
	sqlite3_stmt *st;
	bool found = false;
	if (sqlite3_prepare_v2(db, "SELECT name, grid FROM officer WHERE id = ?", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, who, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			const char *name = (const char *)sqlite3_column_text(st, 0);
			const char *grid = (const char *)sqlite3_column_text(st, 1);
			if (grid && *grid)
				/* TRANSLATORS: an officer and their grid: 李明 (grid 0101) */
				sb_addf(out, _("%s (grid %s)"), name ? name : "", grid);
			else
				sb_adds(out, name ? name : "");
			found = true;
		}
		sqlite3_finalize(st);
	}
	if (!found)
		/* TRANSLATORS: an officer this workspace has no record of, by id */
		sb_addf(out, _("officer %.8s"), who);
}

/* ---- recording an import (inside the import's transaction) ---- */

int wg_import_record(sqlite3 *db, const char *file, const char *sender, size_t added,
		     size_t changed, size_t deleted, size_t conflicts,
		     const struct wg_import_move *moves, size_t nmoves, long *id, wg_error *err)
{
	sqlite3_stmt *st;
	char now[WG_TIMESTAMP_LEN + 1];
	wg_timestamp(wg_now(), now);
	if (sqlite3_prepare_v2(db, "INSERT INTO sync_import(at, file, sender, added, changed,"
				   " deleted, conflicts) VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &st,
			       NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, file, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, sender, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)added);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)changed);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)deleted);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)conflicts);
	int rc = sqlite3_step(st) == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
	sqlite3_finalize(st);
	if (rc)
		return rc;
	*id = (long)sqlite3_last_insert_rowid(db);
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO sync_import_ref(import, ref, before, after)"
				   " VALUES (?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	for (size_t i = 0; i < nmoves && rc == WG_OK; i++) {
		char b[GIT_OID_HEXSZ + 1] = "", a[GIT_OID_HEXSZ + 1];
		if (moves[i].had)
			wg_oid_hex(&moves[i].before, b);
		wg_oid_hex(&moves[i].after, a);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_text(st, 2, moves[i].ref, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, b, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, a, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = wg_db_fail(db, err);
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- who wrote a value ---- */

/* The value a commit holds for path (and field; "" the whole record): the
 * blob's presence and id, or the field's text. */
struct held {
	bool found;
	git_oid blob;
	char *value; /* field: its text, NULL when the record is absent */
};

static int held_at(wg_repo *repo, const git_oid *commit, const char *path, const char *field,
		   struct held *h, wg_error *err)
{
	memset(h, 0, sizeof *h);
	int rc = wg_commit_blob(repo, commit, path, &h->blob, &h->found, err);
	if (rc || !*field || !h->found)
		return rc;
	wg_record *rec;
	if (wg_blob_record(repo, &h->blob, &rec, err) != WG_OK)
		return WG_OK; /* unreadable here: compared by blob only */
	const char *v = wg_record_get(rec, field);
	h->value = xstrdup(v ? v : "");
	wg_record_free(rec);
	return WG_OK;
}

static bool held_same(const struct held *a, const struct held *b, const char *field)
{
	if (a->found != b->found)
		return false;
	if (!a->found)
		return true;
	if (*field && a->value && b->value)
		return strcmp(a->value, b->value) == 0;
	return git_oid_equal(&a->blob, &b->blob);
}

int wg_last_writer(wg_repo *repo, const git_oid *tip, const git_oid *stop, const char *path,
		   const char *field, char who[WG_ID_BUFSIZE], char at[WG_TIMESTAMP_LEN + 1],
		   wg_error *err)
{
	git_oid c = *tip;
	struct held now;
	int rc;
	*who = *at = '\0';
	if ((rc = held_at(repo, &c, path, field, &now, err)))
		return rc;
	/* Follow a parent that holds the same value, as git log's history
	 * simplification does: the commit none of whose parents holds it wrote
	 * it. A merge made by an import is thus passed through to the side
	 * the value came from. The walk is bounded by the commits since stop. */
	for (size_t steps = 0; steps < 100000; steps++) {
		git_commit *commit;
		if (stop && git_oid_equal(&c, stop))
			break; /* the value is the common base's */
		if (git_commit_lookup(&commit, repo->git, &c) < 0) {
			rc = wg_git_fail(err, _("read commits"));
			break;
		}
		bool moved = false;
		unsigned np = git_commit_parentcount(commit);
		for (unsigned p = 0; p < np && !moved && rc == WG_OK; p++) {
			struct held ph;
			const git_oid *pid = git_commit_parent_id(commit, p);
			if ((rc = held_at(repo, pid, path, field, &ph, err)))
				break;
			if (held_same(&ph, &now, field)) {
				c = *pid;
				moved = true;
			}
			free(ph.value);
		}
		if (!moved && rc == WG_OK) {
			const git_signature *a = git_commit_author(commit);
			const char *e = a->email, *sign = strrchr(e, '@');
			size_t len = sign ? (size_t)(sign - e) : 0;
			snprintf(who, WG_ID_BUFSIZE, "%.*s", len < WG_ID_BUFSIZE ? (int)len : 0, e);
			wg_timestamp((time_t)a->when.time, at);
		}
		git_commit_free(commit);
		if (!moved || rc)
			break;
	}
	free(now.value);
	return rc;
}

/* ---- the list of imports ---- */

void wg_imports_free(struct wg_import_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].at);
		free(v[i].file);
		free(v[i].sender);
		free(v[i].who);
	}
	free(v);
}

static char *text_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return xstrdup(t ? (const char *)t : "");
}

static int load_imports(wg_workspace *ws, const char *where, long arg, size_t limit,
			struct wg_import_entry **out, size_t *n, wg_error *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	char *sql = xasprintf("SELECT id, at, file, sender, added, changed, deleted, conflicts"
			      " FROM sync_import %s ORDER BY id DESC LIMIT ?2", where);
	int prc = sqlite3_prepare_v2(ws->db, sql, -1, &st, NULL);
	free(sql);
	*out = NULL;
	*n = 0;
	if (prc != SQLITE_OK)
		return wg_db_fail(ws->db, err);
	sqlite3_bind_int64(st, 1, arg);
	sqlite3_bind_int64(st, 2, limit ? (sqlite3_int64)limit : -1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 8;
			*out = xrealloc(*out, alloc * sizeof **out);
		}
		struct wg_import_entry *e = &(*out)[(*n)++];
		strbuf who = STRBUF_INIT;
		e->id = (long)sqlite3_column_int64(st, 0);
		e->at = text_dup(st, 1);
		e->file = text_dup(st, 2);
		e->sender = text_dup(st, 3);
		e->added = (size_t)sqlite3_column_int64(st, 4);
		e->changed = (size_t)sqlite3_column_int64(st, 5);
		e->deleted = (size_t)sqlite3_column_int64(st, 6);
		e->conflicts = (size_t)sqlite3_column_int64(st, 7);
		wg_who_text(ws->db, e->sender, &who);
		e->who = sb_detach(&who);
	}
	sqlite3_finalize(st);
	return WG_OK;
}

int wg_imports_list(wg_workspace *ws, size_t limit, struct wg_import_entry **out, size_t *n,
		    wg_error *err)
{
	return load_imports(ws, "WHERE ?1 = ?1", 0, limit, out, n, err);
}

int wg_import_get(wg_workspace *ws, long id, struct wg_import_entry **out, wg_error *err)
{
	size_t n;
	int rc = load_imports(ws, "WHERE id = ?1", id, 1, out, &n, err);
	if (rc == WG_OK && n == 0) {
		free(*out);
		*out = NULL;
		return wg_fail(err, WG_EINPUT, _("there is no import number %ld"), id);
	}
	return rc;
}

/* ---- the records one import changed ---- */

void wg_record_changes_free(struct wg_record_change *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t f = 0; f < v[i].nfields; f++) {
			free(v[i].fields[f].old);
			free(v[i].fields[f].new_);
		}
		free(v[i].fields);
		free(v[i].title);
	}
	free(v);
}

/* A value as lists show it: options by their label, times in local time,
 * personal data masked as every list masks it. */
char *wg_value_shown(const struct wg_field *f, const char *v)
{
	char buf[128];
	if (!*v)
		return xstrdup(v);
	if (f->flags & FF_PERSONAL) {
		wg_mask(v, buf, sizeof buf);
		return xstrdup(buf);
	}
	if (f->type == FT_ENUM)
		return xstrdup(wg_option_label(f, v));
	if (f->check == CHECK_CATEGORY && wg_category_find(v))
		return xstrdup(_(wg_category_find(v)->label));
	if (f->type == FT_TIME) {
		wg_timestamp_display(v, buf, sizeof buf);
		return xstrdup(buf);
	}
	return xstrdup(v);
}

static char *title_of(const wg_record *rec)
{
	const char *t = wg_field_find(rec->kind, "name")    ? wg_record_get(rec, "name")
			: wg_field_find(rec->kind, "title") ? wg_record_get(rec, "title")
							    : NULL;
	return xstrdup(t ? t : "");
}

struct collect {
	wg_repo *repo;
	sqlite3 *db;
	struct wg_record_change *v;
	size_t n, alloc;
};

static int change_cb(const char *path, const git_oid *old, const git_oid *new_, void *payload,
		     wg_error *err)
{
	struct collect *c = payload;
	const struct wg_kind *kind;
	char id[WG_ID_BUFSIZE], hash[GIT_OID_HEXSZ + 1];
	wg_record *o = NULL, *nw = NULL;
	int rc;
	if (wg_file_path_parse(path, hash) || !wg_path_parse(path, &kind, id))
		return WG_OK; /* attached files are listed with the evidence that names them */
	if ((old && (rc = wg_blob_record(c->repo, old, &o, err))) ||
	    (new_ && (rc = wg_blob_record(c->repo, new_, &nw, err)))) {
		wg_record_free(o);
		return rc;
	}
	if (c->n == c->alloc) {
		c->alloc = c->alloc ? 2 * c->alloc : 16;
		c->v = xrealloc(c->v, c->alloc * sizeof *c->v);
	}
	struct wg_record_change *ch = &c->v[c->n++];
	memset(ch, 0, sizeof *ch);
	ch->kind = kind;
	snprintf(ch->id, sizeof ch->id, "%s", id);
	ch->what = !old ? WG_CHANGE_ADDED : !new_ ? WG_CHANGE_DELETED : WG_CHANGE_CHANGED;
	ch->title = title_of(nw ? nw : o);
	long here = 0;
	char *sql = xasprintf("SELECT 1 FROM %s WHERE id = ?", kind->name);
	rc = wg_count_rows(c->db, sql, id, &here, NULL, 0, err);
	free(sql);
	ch->present = here > 0;
	if (nw) {
		ch->fields = xcalloc(kind->nfields, sizeof *ch->fields);
		for (size_t f = 1; f < kind->nfields; f++) {
			const char *a = o ? o->val[f] : "", *b = nw->val[f];
			if (strcmp(a, b) == 0)
				continue;
			struct wg_field_change *fc = &ch->fields[ch->nfields++];
			fc->field = &kind->fields[f];
			fc->old = wg_value_shown(fc->field, a);
			fc->new_ = wg_value_shown(fc->field, b);
		}
	}
	wg_record_free(o);
	wg_record_free(nw);
	return rc;
}

void wg_record_change_text(const struct wg_record_change *c, strbuf *out)
{
	const char *what = c->what == WG_CHANGE_ADDED     ? _("added")
			   : c->what == WG_CHANGE_DELETED ? _("deleted")
							  : _("changed");
	/* TRANSLATORS: one record an import brought: what happened to it, its kind,
	 * its short id and its name */
	sb_addf(out, _("%s %s %.8s %s"), what, _(c->kind->label), c->id, c->title);
}

int wg_import_records(wg_workspace *ws, long id, struct wg_record_change **out, size_t *n,
		      wg_error *err)
{
	wg_repo *repo;
	int rc;
	*out = NULL;
	*n = 0;
	if ((rc = wg_repo_open(ws, false, &repo, err)))
		return rc;
	rc = wg_import_records_in(ws, repo, id, out, n, err);
	wg_repo_close(repo);
	return rc;
}

int wg_import_records_in(wg_workspace *ws, wg_repo *repo, long id,
			 struct wg_record_change **out, size_t *n, wg_error *err)
{
	sqlite3_stmt *st;
	struct collect c = {.db = ws->db, .repo = repo};
	int rc = WG_OK;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(ws->db, "SELECT before, after FROM sync_import_ref WHERE import = ?"
				       " ORDER BY ref", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(ws->db, err);
	sqlite3_bind_int64(st, 1, id);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *b = (const char *)sqlite3_column_text(st, 0);
		const char *a = (const char *)sqlite3_column_text(st, 1);
		git_oid bc, ac, bt, at;
		bool has_b = b && *b;
		if ((has_b && git_oid_fromstr(&bc, b) < 0) || !a || git_oid_fromstr(&ac, a) < 0) {
			rc = wg_fail(err, WG_EINTERNAL, _("the record of import %ld is damaged"), id);
			break;
		}
		if ((has_b && (rc = wg_commit_tree(repo, &bc, &bt, err))) ||
		    (rc = wg_commit_tree(repo, &ac, &at, err)) ||
		    (rc = wg_tree_diff(repo, has_b ? &bt : NULL, &at, change_cb, &c, err)))
			break;
	}
	sqlite3_finalize(st);
	if (rc) {
		wg_record_changes_free(c.v, c.n);
		return rc;
	}
	*out = c.v;
	*n = c.n;
	return WG_OK;
}
