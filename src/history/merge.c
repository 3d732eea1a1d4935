#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "merge.h"
#include "strbuf.h"

#define RECORD_DEPTH 3 /* kind / ab / c / <id> */

void wg_merge_release(struct wg_merger *m)
{
	for (size_t i = 0; i < m->nconflicts; i++) {
		free(m->conflicts[i].field);
		free(m->conflicts[i].base);
		free(m->conflicts[i].ours);
		free(m->conflicts[i].theirs);
	}
	free(m->conflicts);
	m->conflicts = NULL;
	m->nconflicts = m->alloc = 0;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void add_conflict(struct wg_merger *m, const struct wg_kind *kind, const char *id,
			 const char *field, const char *base, const char *ours, const char *theirs)
{
	if (m->nconflicts == m->alloc) {
		m->alloc = m->alloc ? 2 * m->alloc : 8;
		m->conflicts = xrealloc(m->conflicts, m->alloc * sizeof *m->conflicts);
	}
	struct wg_conflict_rec *c = &m->conflicts[m->nconflicts++];
	c->kind = kind;
	snprintf(c->id, sizeof c->id, "%s", id);
	c->field = xstrdup(field);
	c->base = dup_or_null(base);
	c->ours = dup_or_null(ours);
	c->theirs = dup_or_null(theirs);
}

static char *record_text(const wg_record *rec)
{
	if (!rec)
		return NULL;
	strbuf sb = STRBUF_INIT;
	wg_record_serialize(rec, &sb);
	return sb_detach(&sb);
}

static bool is_signed(const wg_record *rec)
{
	const char *st;
	return rec && rec->kind == &wg_kind_inspection && (st = wg_record_get(rec, "status")) &&
	       strcmp(st, "signed") == 0;
}

/* The record at its path in root (NULL: absent, or none there). */
static int tree_record(struct wg_merger *m, git_tree *root, const struct wg_kind *kind,
		       const char *id, wg_record **out, wg_error *err)
{
	char path[WG_PATH_MAX];
	git_tree_entry *e = NULL;
	int rc = WG_OK;
	*out = NULL;
	if (!root || strlen(id) != 32)
		return WG_OK;
	wg_record_path(kind, id, path);
	if (git_tree_entry_bypath(&e, root, path) < 0)
		return WG_OK;
	if (git_tree_entry_type(e) == GIT_OBJECT_BLOB)
		rc = wg_blob_record(m->repo, git_tree_entry_id(e), out, err);
	git_tree_entry_free(e);
	if (rc == WG_OK && *out && (*out)->kind != kind) {
		wg_record_free(*out);
		*out = NULL;
	}
	return rc;
}

static bool tree_has(git_tree *root, const struct wg_kind *kind, const char *id)
{
	char path[WG_PATH_MAX];
	git_tree_entry *e = NULL;
	if (!root)
		return false;
	wg_record_path(kind, id, path);
	if (git_tree_entry_bypath(&e, root, path) < 0)
		return false;
	bool blob = git_tree_entry_type(e) == GIT_OBJECT_BLOB;
	git_tree_entry_free(e);
	return blob;
}

/* References inside a grid: the record referred to must be on the same
 * branch (a grid branch holds that grid's records only). */
static const struct grid_ref {
	const struct wg_kind *kind;
	const char *field;
	const struct wg_kind *target;
} grid_refs[] = {
	{&wg_kind_task, "entity", &wg_kind_entity},
	{&wg_kind_inspection, "entity", &wg_kind_entity},
	{&wg_kind_inspection, "task", &wg_kind_task},
	{&wg_kind_inspection, "corrects", &wg_kind_inspection},
	{&wg_kind_complaint, "entity", &wg_kind_entity},
	{&wg_kind_result, "inspection", &wg_kind_inspection},
	{&wg_kind_finding, "inspection", &wg_kind_inspection},
	{&wg_kind_finding, "entity", &wg_kind_entity},
	{&wg_kind_finding, "recheck", &wg_kind_task},
	{&wg_kind_evidence, "inspection", &wg_kind_inspection},
	{&wg_kind_penalty, "entity", &wg_kind_entity},
	{&wg_kind_penalty, "recheck", &wg_kind_task},
	{&wg_kind_penalty_step, "penalty_case", &wg_kind_penalty},
	{&wg_kind_clue, "entity", &wg_kind_entity},
	{&wg_kind_clue, "inspection", &wg_kind_inspection},
	{&wg_kind_clue, "task", &wg_kind_task},
	{&wg_kind_staff, "entity", &wg_kind_entity},
	{&wg_kind_notice, "finding", &wg_kind_finding},
	{&wg_kind_notice, "staff", &wg_kind_staff},
};

static int check_refs_in_grid(struct wg_merger *m, const wg_record *base, const wg_record *theirs,
			      const char *id, wg_error *err)
{
	for (size_t i = 0; i < sizeof grid_refs / sizeof *grid_refs; i++) {
		const struct grid_ref *r = &grid_refs[i];
		if (r->kind != theirs->kind)
			continue;
		const char *v = wg_record_get(theirs, r->field);
		if (!v || !*v || (base && strcmp(wg_record_get(base, r->field), v) == 0))
			continue; /* empty, or as it was: only what the bundle sets is checked */
		if (tree_has(m->theirs_root, r->target, v) || tree_has(m->ours_root, r->target, v))
			continue;
		return wg_fail(err, WG_EINPUT,
			       _("%s %s refers to %s %s, which is not a record of grid %s"),
			       _(theirs->kind->label), id, _(r->target->label), v, m->grid);
	}
	return WG_OK;
}

int wg_merge_claims_begin(sqlite3 *db, wg_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(db, "CREATE TEMP TABLE IF NOT EXISTS import_claim (id TEXT PRIMARY KEY,"
			     " grid TEXT NOT NULL) WITHOUT ROWID; DELETE FROM temp.import_claim;",
			 NULL, NULL, &msg) != SQLITE_OK) {
		int rc = wg_fail(err, WG_EINTERNAL, "%s", msg ? msg : "");
		sqlite3_free(msg);
		return rc;
	}
	return WG_OK;
}

/* A record id belongs for ever to the grid where it was made: one this
 * workspace holds, or held before it was deleted, in another grid cannot
 * arrive on this branch; nor can two bundles of one import give a new id to
 * two grids. */
static int check_grid_owner(struct wg_merger *m, const struct wg_kind *kind, const char *id,
			    wg_error *err)
{
	sqlite3_stmt *st;
	int rc = WG_OK;
	if (!m->db || kind->grid_field < 0)
		return WG_OK;
	/* Where it is now; where it was, when deleted here; or which grid an
	 * earlier bundle of this import gave it (claims, a table of the import's
	 * own: see wg_merge_claims_begin). The first claim stays. */
	char *sql = xasprintf("SELECT grid FROM %s WHERE id = ?1 UNION ALL"
			      " SELECT grid FROM record_gone WHERE id = ?1 UNION ALL"
			      " SELECT grid FROM temp.import_claim WHERE id = ?1", kind->name);
	int prc = sqlite3_prepare_v2(m->db, sql, -1, &st, NULL);
	free(sql);
	if (prc != SQLITE_OK)
		return wg_fail(err, WG_EINTERNAL, "%s", sqlite3_errmsg(m->db));
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_DONE) {
		sqlite3_finalize(st);
		if (sqlite3_prepare_v2(m->db, "INSERT INTO temp.import_claim(id, grid) VALUES (?, ?)",
				       -1, &st, NULL) != SQLITE_OK)
			return wg_fail(err, WG_EINTERNAL, "%s", sqlite3_errmsg(m->db));
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, m->grid, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = wg_fail(err, WG_EINTERNAL, "%s", sqlite3_errmsg(m->db));
	} else if (step == SQLITE_ROW) {
		const char *g = (const char *)sqlite3_column_text(st, 0);
		if (g && strcmp(g, m->grid) != 0)
			rc = wg_fail(err, WG_EINPUT,
				     _("%s %s was made in grid %s and belongs to it; a bundle of grid "
				       "%s cannot take it (only the county moves a record to another "
				       "grid)"), _(kind->label), id, g, m->grid);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Is the inspection a result or evidence record belongs to signed, here
 * (ours) or at the merge base? */
static int owner_signed(struct wg_merger *m, const wg_record *rec, git_tree *base_root,
			bool *is, wg_error *err)
{
	wg_record *insp = NULL;
	int rc;
	*is = false;
	if (!rec || (rec->kind != &wg_kind_result && rec->kind != &wg_kind_evidence))
		return WG_OK;
	const char *iid = wg_record_get(rec, "inspection");
	git_tree *roots[2] = {m->ours_root, base_root};
	for (int k = 0; k < 2 && !*is; k++) {
		if ((rc = tree_record(m, roots[k], &wg_kind_inspection, iid, &insp, err)))
			return rc;
		*is = is_signed(insp);
		wg_record_free(insp);
		insp = NULL;
	}
	return WG_OK;
}

static int option_rank(const struct wg_field *f, const char *v)
{
	int i = 0;
	for (const struct wg_option *o = f->options; o && o->value; o++, i++)
		if (strcmp(o->value, v) == 0)
			return i;
	return -1;
}

/* A county act on a grid branch (a black-list case): every field but the id
 * and the grid is the county's. No officer's bundle creates, changes or
 * deletes one. */
static bool county_act(const struct wg_kind *kind)
{
	if (kind->grid_field < 0)
		return false;
	for (size_t i = 0; i < kind->nfields; i++)
		if (i != 0 && (int)i != kind->grid_field && kind->fields[i].merge != MERGE_COUNTY)
			return false;
	return true;
}

/* Is the inspection iid a patrol, as theirs (else ours) has it? */
static int is_patrol(struct wg_merger *m, const char *iid, bool *patrol, wg_error *err)
{
	wg_record *insp = NULL;
	git_tree *roots[2] = {m->theirs_root, m->ours_root};
	*patrol = false;
	for (int k = 0; k < 2 && !insp; k++) {
		int rc = tree_record(m, roots[k], &wg_kind_inspection, iid, &insp, err);
		if (rc)
			return rc;
	}
	*patrol = insp && strcmp(wg_record_get(insp, "kind"), "patrol") == 0;
	wg_record_free(insp);
	return WG_OK;
}

/* The 协管 boundary, for what an officer's bundle adds or changes: officers
 * patrol and report clues; ordering rectification and handing clues over
 * are the county's (卫生监督协管服务规范). */
static int check_officer_acts(struct wg_merger *m, const wg_record *base, const wg_record *theirs,
			      const char *id, wg_error *err)
{
	const struct wg_kind *kind = theirs->kind;
	bool patrol = false;
	int rc;
	if (kind == &wg_kind_inspection && strcmp(wg_record_get(theirs, "kind"), "patrol") == 0 &&
	    (strcmp(wg_record_get(theirs, "result"), "rectify") == 0 ||
	     strcmp(wg_record_get(theirs, "result"), "fail") == 0) &&
	    (!base || strcmp(wg_record_get(base, "result"), wg_record_get(theirs, "result")) != 0))
		return wg_fail(err, WG_EINPUT,
			       _("patrol %s: the bundle records it as ordering rectification; a patrol "
				 "orders none (责令整改 is an inspector's act): what it found is "
				 "reported as a clue"), id);
	if (kind == &wg_kind_finding && *wg_record_get(theirs, "deadline") &&
	    (!base || strcmp(wg_record_get(base, "deadline"), wg_record_get(theirs, "deadline")) != 0)) {
		if ((rc = is_patrol(m, wg_record_get(theirs, "inspection"), &patrol, err)))
			return rc;
		if (patrol)
			return wg_fail(err, WG_EINPUT,
				       _("finding %s: the bundle gives a patrol's finding a "
					 "rectification deadline, a rectification order (责令整改) that "
					 "only the county's inspectors give"), id);
	}
	if (kind == &wg_kind_task && !base) {
		const char *tk = wg_record_get(theirs, "kind");
		if (strcmp(tk, "recheck") == 0 && *wg_record_get(theirs, "source")) {
			if ((rc = is_patrol(m, wg_record_get(theirs, "source"), &patrol, err)))
				return rc;
			if (patrol)
				return wg_fail(err, WG_EINPUT,
					       _("task %s: the bundle makes a re-inspection of a "
						 "rectification ordered on a patrol; a patrol orders no "
						 "rectification"), id);
		}
		if (strcmp(tk, "clue") == 0)
			return wg_fail(err, WG_EINPUT,
				       _("task %s: the bundle makes an inspector's task for a clue; "
					 "the county hands clues over (线索移交)"), id);
	}
	if (kind == &wg_kind_clue && !base &&
	    (*wg_record_get(theirs, "task") ||
	     strcmp(wg_record_get(theirs, "status"), "handed_over") == 0 ||
	     strcmp(wg_record_get(theirs, "status"), "closed") == 0))
		return wg_fail(err, WG_EINPUT,
			       _("clue %s: the bundle records it as handed over or closed; the county "
				 "hands clues over (线索移交)"), id);
	return WG_OK;
}

/* Is theirs allowed to be what it is, given base? */
static int check_theirs(struct wg_merger *m, const wg_record *base, const wg_record *theirs,
			const char *id, const struct wg_kind *kind, wg_error *err)
{
	if (base && !theirs && m->from_officer && county_act(kind))
		return wg_fail(err, WG_EINPUT,
			       _("%s %s: only the county may record a %s"), _(kind->label), id,
			       _(kind->label));
	if (is_signed(base))
		return wg_fail(err, WG_EINPUT,
			       _("inspection %s is signed and cannot be changed any more, but the "
				 "bundle changes it"), id);
	/* penalty cases and their steps: the county's acts (the 协管 boundary) */
	if (kind->county_made && m->from_officer && !(base && theirs && wg_record_equal(base, theirs)))
		return wg_fail(err, WG_EINPUT,
			       _("%s %s: an officer's bundle may not make, change or delete a %s; "
				 "penalty cases are filed and decided at the county"),
			       _(kind->label), id, _(kind->label));
	if (!theirs)
		return WG_OK;
	if (strcmp(wg_record_id(theirs), id) != 0)
		return wg_fail(err, WG_EINPUT, _("the record file %s/%s holds a record with id %s"),
			       kind->name, id, wg_record_id(theirs));
	if (kind->grid_field >= 0 && m->grid && strcmp(theirs->val[kind->grid_field], m->grid) != 0)
		return wg_fail(err, WG_EINPUT,
			       _("%s %s belongs to grid %s, not to grid %s whose branch carries it"),
			       _(kind->label), id, theirs->val[kind->grid_field], m->grid);
	if (!base && m->from_officer && county_act(kind))
		return wg_fail(err, WG_EINPUT,
			       _("%s %s: only the county may record a %s"), _(kind->label), id,
			       _(kind->label));
	if (m->from_officer && m->grid) {
		int rc = check_officer_acts(m, base, theirs, id, err);
		if (rc)
			return rc;
	}
	if (!base)
		return WG_OK;
	for (size_t i = 0; i < kind->nfields; i++) {
		const struct wg_field *f = &kind->fields[i];
		if (strcmp(base->val[i], theirs->val[i]) == 0)
			continue;
		if (f->merge == MERGE_ONCE)
			return wg_fail(err, WG_EINPUT,
				       _("%s %s: the bundle changes %s, which cannot change once set"),
				       _(kind->label), id, _(f->label));
		if (f->merge == MERGE_COUNTY && m->from_officer)
			return wg_fail(err, WG_EINPUT,
				       _("%s %s: the bundle changes %s, which only the county may change"),
				       _(kind->label), id, _(f->label));
	}
	return WG_OK;
}

/* An evidence file: named by its own content, so both sides can only agree.
 * Theirs must be what its name says and live on a grid branch; a file is never
 * taken away (its record is immutable). */
static int merge_file(struct wg_merger *m, const char *path, const char *hash, const git_oid *o,
		      const git_oid *t, git_oid *out, bool *out_present, wg_error *err)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_odb_object *obj = NULL;

	if (!m->grid)
		return wg_fail(err, WG_EINPUT, _("the bundle holds a file %s that is not a record of "
					       "this branch"), path);
	*out_present = true;
	if (!t) {
		git_oid_cpy(out, o);
		return WG_OK;
	}
	git_oid_tostr(hex, sizeof hex, t);
	if (strcmp(hex, hash) != 0 || git_odb_read(&obj, m->repo->odb, t) < 0 ||
	    git_odb_object_type(obj) != GIT_OBJECT_BLOB) {
		git_odb_object_free(obj);
		return wg_fail(err, WG_EINPUT, _("the evidence file %s in the bundle is damaged"),
			       path);
	}
	git_odb_object_free(obj);
	git_oid_cpy(out, t);
	return WG_OK;
}

/* Merge one record. Blobs NULL when absent; *out_present false when the merged
 * state has no record. */
static int merge_record(struct wg_merger *m, const char *path, const git_oid *b, const git_oid *o,
			const git_oid *t, git_oid *out, bool *out_present, wg_error *err)
{
	const struct wg_kind *kind;
	char id[WG_ID_BUFSIZE];
	wg_record *rb = NULL, *ro = NULL, *rt = NULL, *merged = NULL;
	int rc = WG_OK;

	if (!wg_path_parse(path, &kind, id) ||
	    (m->grid ? kind->branch != BRANCH_GRID : kind->branch != BRANCH_COMMON))
		return wg_fail(err, WG_EINPUT, _("the bundle holds a file %s that is not a record of "
					       "this branch"), path);
	if ((b && (rc = wg_blob_record(m->repo, b, &rb, err))) ||
	    (o && (rc = wg_blob_record(m->repo, o, &ro, err))) ||
	    (t && (rc = wg_blob_record(m->repo, t, &rt, err)))) {
		wg_error_prefix(err, _("record %s"), path);
		goto out;
	}
	if ((rt && rt->kind != kind) || (rb && rb->kind != kind) || (ro && ro->kind != kind)) {
		rc = wg_fail(err, WG_EINPUT, _("the record file %s holds a record of another kind"),
			     path);
		goto out;
	}
	if ((rc = check_theirs(m, rb, rt, id, kind, err)))
		goto out;
	/* here signed: theirs may not differ at all (a stale branch re-adding
	 * the id as a draft would otherwise merge as add/add) */
	if (is_signed(ro) && (!rt || !wg_record_equal(ro, rt))) {
		rc = wg_fail(err, WG_EINPUT,
			     _("inspection %s is signed and cannot be changed any more, but the "
			       "bundle changes it"), id);
		goto out;
	}
	if (m->grid) {
		bool locked = false;
		const wg_record *any = ro ? ro : rb ? rb : rt; /* "inspection" never changes */
		if ((rc = owner_signed(m, any, m->base_root, &locked, err)))
			goto out;
		if (locked) {
			rc = wg_fail(err, WG_EINPUT,
				     _("%s %s belongs to inspection %s, which is signed: the bundle may "
				       "not change it"), _(kind->label), id,
				     wg_record_get(any, "inspection"));
			goto out;
		}
		if (rt && !rb && !ro && m->from_officer && (rc = check_grid_owner(m, kind, id, err)))
			goto out;
		if (rt && (rc = check_refs_in_grid(m, rb, rt, id, err)))
			goto out;
	}

	*out_present = false;
	if (!rt) {
		/* theirs deleted it (base present: otherwise we would not be here) */
		if (!ro) {
			goto out; /* both deleted */
		}
		if (rb && wg_record_equal(rb, ro)) {
			m->deleted++;
			goto out;
		}
		/* edited here, deleted there: keep ours, note the conflict */
		char *bt = record_text(rb), *ot = record_text(ro);
		add_conflict(m, kind, id, "", bt, ot, NULL);
		free(bt);
		free(ot);
		*out_present = true;
		git_oid_cpy(out, o);
		goto out;
	}
	if (!ro) {
		if (!rb) {
			m->added++;
			*out_present = true;
			git_oid_cpy(out, t);
			goto out;
		}
		if (wg_record_equal(rb, rt))
			goto out; /* deleted here, unchanged there */
		char *bt = record_text(rb), *tt = record_text(rt);
		add_conflict(m, kind, id, "", bt, NULL, tt);
		free(bt);
		free(tt);
		goto out;
	}
	/* Both present: field by field, from base (or from nothing for add/add). */
	merged = wg_record_dup(ro);
	bool changed = false;
	for (size_t i = 0; i < kind->nfields; i++) {
		const struct wg_field *f = &kind->fields[i];
		const char *bv = rb ? rb->val[i] : "", *ov = ro->val[i], *tv = rt->val[i];
		if (strcmp(tv, bv) == 0 || strcmp(ov, tv) == 0)
			continue;
		if (strcmp(ov, bv) == 0) {
			wg_record_put(merged, (int)i, tv);
			changed = true;
			continue;
		}
		/* both changed, differently */
		if (f->merge == MERGE_STATUS && option_rank(f, tv) > option_rank(f, ov)) {
			wg_record_put(merged, (int)i, tv);
			changed = true;
		} else if (f->merge == MERGE_STATUS) {
			/* ours is further along: keep it */
		} else if (f->merge == MERGE_COUNTY && !m->from_officer) {
			/* the county has the last word on its fields */
			wg_record_put(merged, (int)i, tv);
			changed = true;
		} else {
			add_conflict(m, kind, id, f->name, rb ? bv : NULL, ov, tv);
		}
	}
	*out_present = true;
	if (!changed) {
		git_oid_cpy(out, o);
	} else if (wg_record_equal(merged, rt)) {
		git_oid_cpy(out, t);
		m->changed++;
	} else {
		if ((rc = wg_record_check(merged, err)) ||
		    (rc = wg_record_blob(m->repo, merged, out, err)))
			goto out;
		m->changed++;
	}
out:
	wg_record_free(rb);
	wg_record_free(ro);
	wg_record_free(rt);
	wg_record_free(merged);
	return rc;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names of the entries of up to three trees, sorted, without duplicates. */
static char **union_names(git_tree *const trees[3], size_t *count)
{
	size_t n = 0, alloc = 0;
	char **v = NULL;
	for (int k = 0; k < 3; k++) {
		if (!trees[k])
			continue;
		size_t c = git_tree_entrycount(trees[k]);
		for (size_t i = 0; i < c; i++) {
			if (n == alloc) {
				alloc = alloc ? 2 * alloc : 64;
				v = xrealloc(v, alloc * sizeof *v);
			}
			v[n++] = (char *)git_tree_entry_name(git_tree_entry_byindex(trees[k], i));
		}
	}
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_name);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (u == 0 || strcmp(v[u - 1], v[i]) != 0)
			v[u++] = v[i];
	*count = u;
	return v;
}

static int lookup_tree(wg_repo *repo, const git_oid *id, git_tree **out, wg_error *err)
{
	*out = NULL;
	if (!id)
		return WG_OK;
	if (git_tree_lookup(out, repo->git, id) < 0)
		return wg_git_fail(err, _("read tree"));
	return WG_OK;
}

static const git_oid *entry_id(git_tree *tree, const char *name, git_object_t want, bool *wrong)
{
	if (!tree)
		return NULL;
	const git_tree_entry *e = git_tree_entry_byname(tree, name);
	if (!e)
		return NULL;
	if (git_tree_entry_type(e) != want ||
	    (want == GIT_OBJECT_BLOB && git_tree_entry_filemode(e) != GIT_FILEMODE_BLOB)) {
		*wrong = true;
		return NULL;
	}
	return git_tree_entry_id(e);
}

static bool same(const git_oid *a, const git_oid *b)
{
	return (!a && !b) || (a && b && git_oid_equal(a, b));
}

/* Merge one level. *out / *present: the merged tree at this level. */
static int merge_level(struct wg_merger *m, const char *prefix, int depth, const git_oid *b,
		       const git_oid *o, const git_oid *t, git_oid *out, bool *present,
		       wg_error *err)
{
	git_tree *trees[3] = {NULL, NULL, NULL};
	git_treebuilder *bld = NULL;
	char **names = NULL;
	size_t n = 0;
	int rc;

	if ((rc = lookup_tree(m->repo, b, &trees[0], err)) ||
	    (rc = lookup_tree(m->repo, o, &trees[1], err)) ||
	    (rc = lookup_tree(m->repo, t, &trees[2], err)))
		goto out;
	names = union_names(trees, &n);
	git_object_t want = depth == RECORD_DEPTH ? GIT_OBJECT_BLOB : GIT_OBJECT_TREE;
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		bool wrong = false;
		const git_oid *be = entry_id(trees[0], names[i], want, &wrong);
		const git_oid *oe = entry_id(trees[1], names[i], want, &wrong);
		const git_oid *te = entry_id(trees[2], names[i], want, &wrong);
		char *path = *prefix ? xasprintf("%s/%s", prefix, names[i]) : xstrdup(names[i]);
		if (wrong) {
			rc = wg_fail(err, WG_EINPUT,
				     _("the bundle holds %s, which is not where a record can be"), path);
			free(path);
			break;
		}
		/* theirs unchanged, or the same as ours: nothing to do below here */
		if (same(te, be) || same(te, oe)) {
			free(path);
			continue;
		}
		git_oid res;
		bool res_present = false;
		char hash[GIT_OID_HEXSZ + 1];
		if (depth == RECORD_DEPTH && wg_file_path_parse(path, hash))
			rc = merge_file(m, path, hash, oe, te, &res, &res_present, err);
		else if (depth == RECORD_DEPTH)
			rc = merge_record(m, path, be, oe, te, &res, &res_present, err);
		else
			rc = merge_level(m, path, depth + 1, be, oe, te, &res, &res_present, err);
		free(path);
		if (rc)
			break;
		bool changed = res_present ? !oe || !git_oid_equal(oe, &res) : oe != NULL;
		if (!changed)
			continue;
		if (!bld && git_treebuilder_new(&bld, m->repo->git, trees[1]) < 0) {
			rc = wg_git_fail(err, _("build tree"));
			break;
		}
		if (res_present) {
			if (git_treebuilder_insert(NULL, bld, names[i], &res,
						   depth == RECORD_DEPTH ? GIT_FILEMODE_BLOB
									 : GIT_FILEMODE_TREE) < 0)
				rc = wg_git_fail(err, _("build tree"));
		} else if (git_treebuilder_remove(bld, names[i]) < 0) {
			rc = wg_git_fail(err, _("build tree"));
		}
	}
	if (rc == WG_OK) {
		if (bld) {
			*present = git_treebuilder_entrycount(bld) > 0 || depth == 0;
			if (*present && git_treebuilder_write(out, bld) < 0)
				rc = wg_git_fail(err, _("write tree"));
			else if (*present)
				rc = wg_repo_written(m->repo, out, err);
		} else if (o) {
			*present = true;
			git_oid_cpy(out, o);
		} else {
			*present = false;
			if (depth == 0) {
				/* the top level always exists: the empty tree */
				git_treebuilder *e;
				if (git_treebuilder_new(&e, m->repo->git, NULL) < 0 ||
				    git_treebuilder_write(out, e) < 0)
					rc = wg_git_fail(err, _("write tree"));
				else
					rc = wg_repo_written(m->repo, out, err);
				git_treebuilder_free(e);
				*present = true;
			}
		}
	}
out:
	free(names);
	git_treebuilder_free(bld);
	for (int k = 0; k < 3; k++)
		git_tree_free(trees[k]);
	return rc;
}

int wg_merge_trees(struct wg_merger *m, const git_oid *base, const git_oid *ours,
		   const git_oid *theirs, git_oid *out, wg_error *err)
{
	bool present;
	int rc;
	if ((rc = lookup_tree(m->repo, base, &m->base_root, err)) == WG_OK &&
	    (rc = lookup_tree(m->repo, ours, &m->ours_root, err)) == WG_OK &&
	    (rc = lookup_tree(m->repo, theirs, &m->theirs_root, err)) == WG_OK)
		rc = merge_level(m, "", 0, base, ours, theirs, out, &present, err);
	git_tree_free(m->base_root);
	git_tree_free(m->ours_root);
	git_tree_free(m->theirs_root);
	m->base_root = m->ours_root = m->theirs_root = NULL;
	return rc;
}

static int diff_level(wg_repo *repo, const char *prefix, int depth, const git_oid *a,
		      const git_oid *b, wg_diff_cb cb, void *payload, wg_error *err)
{
	git_tree *trees[3] = {NULL, NULL, NULL};
	char **names = NULL;
	size_t n = 0;
	int rc;
	if ((rc = lookup_tree(repo, a, &trees[0], err)) || (rc = lookup_tree(repo, b, &trees[1], err)))
		goto out;
	names = union_names(trees, &n);
	git_object_t want = depth == RECORD_DEPTH ? GIT_OBJECT_BLOB : GIT_OBJECT_TREE;
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		bool wrong = false;
		const git_oid *ae = entry_id(trees[0], names[i], want, &wrong);
		const git_oid *be = entry_id(trees[1], names[i], want, &wrong);
		if (same(ae, be))
			continue;
		char *path = *prefix ? xasprintf("%s/%s", prefix, names[i]) : xstrdup(names[i]);
		if (wrong)
			rc = wg_fail(err, WG_EINPUT, _("the history holds %s, which is not where a record "
						       "can be"), path);
		else if (depth == RECORD_DEPTH)
			rc = cb(path, ae, be, payload, err);
		else
			rc = diff_level(repo, path, depth + 1, ae, be, cb, payload, err);
		free(path);
	}
out:
	free(names);
	for (int k = 0; k < 3; k++)
		git_tree_free(trees[k]);
	return rc;
}

int wg_tree_diff(wg_repo *repo, const git_oid *a, const git_oid *b, wg_diff_cb cb, void *payload,
		 wg_error *err)
{
	return diff_level(repo, "", 0, a, b, cb, payload, err);
}
