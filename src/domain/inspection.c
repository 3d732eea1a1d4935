#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar.h"
#include "clue.h"
#include "datafile.h"
#include "db.h"
#include "fileutil.h"
#include "i18n.h"
#include "pack.h"
#include "id.h"
#include "inspection.h"
#include "recordop.h"
#include "seal.h"
#include "strbuf.h"
#include "timeutil.h"
#include "utf8.h"

#define FIELD(kind, name) wg_field_index(&wg_kind_##kind, name)

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Officers named as inspectors: they exist and are active. */
static int check_inspectors(sqlite3 *db, const char *const *ids, size_t n, wg_error *err)
{
	for (size_t i = 0; i < n; i++) {
		wg_record *o;
		int rc = wg_db_load(db, &wg_kind_officer, ids[i], &o, err);
		if (rc)
			return rc;
		if (strcmp(wg_record_get(o, "status"), "active") != 0)
			rc = wg_fail(err, WG_EINPUT, _("%s is retired and cannot inspect"),
				     wg_record_get(o, "name"));
		wg_record_free(o);
		if (rc)
			return rc;
	}
	return WG_OK;
}

int wg_certified_inspectors(sqlite3 *db, const char *entity, wg_table *t, wg_error *err)
{
	const char *p[] = {entity};
	return wg_query_table(db,
			      "SELECT o.id, o.name, o.cert, CASE WHEN EXISTS (SELECT 1 FROM recusal r"
			      " WHERE r.officer = o.id AND r.entity = ?1) THEN '1' ELSE '' END"
			      " FROM officer o WHERE o.status = 'active' AND o.cert <> ''"
			      " ORDER BY o.name, o.id",
			      p, 1, 4, NULL, NULL, t, err);
}

int wg_inspectors_check(sqlite3 *db, const char *entity, const char *const *ids, size_t n,
			wg_error *err)
{
	if (n < 2)
		return wg_fail(err, WG_EINPUT,
			       ngettext("an enforcement inspection needs two inspectors holding "
					"enforcement certificates (Administrative Penalty Law, art. 42); "
					"%zu is chosen: choose one more",
					"an enforcement inspection needs two inspectors holding "
					"enforcement certificates (Administrative Penalty Law, art. 42); "
					"%zu are chosen", n), n);
	const char *head[] = {"", "", "", ""};
	wg_table *t = wg_table_new(4, head);
	int rc = wg_certified_inspectors(db, entity, t, err);
	for (size_t i = 0; rc == WG_OK && i < n; i++) {
		size_t r = 1;
		while (r < t->nrows && strcmp(t->cells[r * 4], ids[i]) != 0)
			r++;
		if (r == t->nrows) {
			wg_record *o = NULL;
			wg_error e;
			wg_db_load(db, &wg_kind_officer, ids[i], &o, &e);
			rc = wg_fail(err, WG_EINPUT,
				     _("%s holds no enforcement certificate (or is retired) and cannot "
				       "take part in an enforcement inspection"),
				     o ? wg_record_get(o, "name") : ids[i]);
			wg_record_free(o);
		} else if (*t->cells[r * 4 + 3]) {
			rc = wg_fail(err, WG_EINPUT,
				     _("%s declared a conflict of interest with this entity and must "
				       "stand aside: choose another inspector"),
				     t->cells[r * 4 + 1]);
		}
	}
	wg_table_free(t);
	return rc;
}

int wg_inspection_start(wg_workspace *ws, const struct wg_inspection_start *s, char id[WG_ID_BUFSIZE],
			wg_error *err)
{
	wg_record *task = NULL, *entity = NULL, *insp = NULL;
	wg_checklist *cl = NULL;
	const char *kind = s->kind, *entity_id = s->entity;
	char ref[64], now[WG_TIMESTAMP_LEN + 1];
	strbuf refs = STRBUF_INIT;
	const char **ids = NULL;
	char *drawn_ids = NULL;
	size_t nids = 0;
	int rc;

	if ((rc = wg_may_edit(ws, &wg_kind_inspection, NULL, true, err)))
		return rc;
	if (s->task) {
		if ((rc = wg_db_load(ws->db, &wg_kind_task, s->task, &task, err)))
			goto out;
		const char *st = wg_record_get(task, "status");
		if (strcmp(st, "done") == 0 || strcmp(st, "cancelled") == 0) {
			rc = wg_fail(err, WG_EINPUT, _("task %.8s is %s"), s->task,
				     wg_option_label(wg_field_find(&wg_kind_task, "status"), st));
			goto out;
		}
		if (!entity_id || !*entity_id)
			entity_id = wg_record_get(task, "entity");
		else if (*wg_record_get(task, "entity") &&
			 strcmp(entity_id, wg_record_get(task, "entity")) != 0) {
			rc = wg_fail(err, WG_EINPUT, _("task %.8s is about another entity"), s->task);
			goto out;
		}
	}
	const char *want = s->checklist;
	if (!want && task && *wg_record_get(task, "checklist"))
		want = wg_record_get(task, "checklist");
	if (want) {
		if ((rc = wg_checklist_load(ws->db, want, &cl, err)))
			goto out;
		snprintf(ref, sizeof ref, "%s@%d", cl->code, cl->version);
	}
	/* the kind: given, else the checklist's, else from the task's kind */
	if (!kind && cl)
		kind = cl->kind;
	if (!kind && task) {
		const char *tk = wg_record_get(task, "kind");
		kind = (strcmp(tk, "patrol") == 0 || strcmp(tk, "complaint") == 0) ? "patrol"
										   : "inspection";
	}
	if (!kind)
		kind = "patrol";
	if (strcmp(kind, "patrol") != 0 && strcmp(kind, "inspection") != 0) {
		rc = wg_fail(err, WG_EINPUT, _("the kind is \"patrol\" or \"inspection\", not \"%s\""), kind);
		goto out;
	}
	if (!entity_id || !*entity_id) {
		rc = wg_fail(err, WG_EINPUT, _("name the entity to inspect (the task names none)"));
		goto out;
	}
	if ((rc = wg_db_load(ws->db, &wg_kind_entity, entity_id, &entity, err)))
		goto out;

	if (cl && strcmp(cl->kind, kind) != 0) {
		if (strcmp(cl->kind, "patrol") == 0)
			rc = wg_fail(err, WG_EINPUT,
				     _("checklist %s is a patrol sheet: start a patrol with it, or name "
				       "an inspection checklist"), cl->code);
		else
			rc = wg_fail(err, WG_EINPUT,
				     _("checklist %s is for enforcement inspections: start one with "
				       "--kind inspection, or name a patrol sheet"), cl->code);
		goto out;
	}
	if (!cl && (rc = wg_checklist_default(ws->db, wg_record_get(entity, "category"), kind, ref,
					      err)))
		goto out;

	/* who inspects: as given; else the inspectors a random draw chose for the
	 * task; else this workspace's officer; else the task's assignee */
	const char *drawn = task ? wg_record_get(task, "inspectors") : "";
	if (s->ninspectors) {
		ids = xcalloc(s->ninspectors, sizeof *ids);
		for (size_t i = 0; i < s->ninspectors; i++)
			ids[nids++] = s->inspectors[i];
	} else if (*drawn) {
		/* "<id>,<id>": each id and its comma (or the NUL) take WG_ID_BUFSIZE */
		size_t n = (strlen(drawn) + 1) / WG_ID_BUFSIZE;
		ids = xcalloc(n, sizeof *ids);
		drawn_ids = xcalloc(n, WG_ID_BUFSIZE);
		for (size_t i = 0; i < n; i++) {
			snprintf(drawn_ids + WG_ID_BUFSIZE * i, WG_ID_BUFSIZE, "%.*s", WG_ID_HEXLEN,
				 drawn + WG_ID_BUFSIZE * i);
			ids[nids++] = drawn_ids + WG_ID_BUFSIZE * i;
		}
	} else if (ws->officer) {
		ids = xcalloc(1, sizeof *ids);
		ids[nids++] = ws->officer;
	} else if (task && *wg_record_get(task, "assignee") && strcmp(kind, "patrol") == 0) {
		/* a patrol's one officer; an enforcement inspection needs two
		 * certified inspectors named (below), as signing it will check */
		ids = xcalloc(1, sizeof *ids);
		ids[nids++] = wg_record_get(task, "assignee");
	} else {
		rc = wg_fail_needs(err, WG_EINPUT, "inspector",
				   _("say who inspects: this workspace has no officer of its own "
				     "and the task names none"));
		goto out;
	}
	qsort(ids, nids, sizeof *ids, cmp_str);
	for (size_t i = 0; i < nids; i++) {
		if (i && strcmp(ids[i], ids[i - 1]) == 0) {
			rc = wg_fail(err, WG_EINPUT, _("an inspector is named twice"));
			goto out;
		}
		sb_addf(&refs, "%s%s", i ? "," : "", ids[i]);
	}
	if ((rc = check_inspectors(ws->db, ids, nids, err)))
		goto out;

	insp = wg_record_new(&wg_kind_inspection);
	wg_timestamp(wg_now(), now);
	wg_record_put(insp, FIELD(inspection, "grid"), wg_record_get(entity, "grid"));
	wg_record_put(insp, FIELD(inspection, "entity"), wg_record_id(entity));
	wg_record_put(insp, FIELD(inspection, "task"), task ? wg_record_id(task) : "");
	wg_record_put(insp, FIELD(inspection, "kind"), kind);
	wg_record_put(insp, FIELD(inspection, "checklist"), ref);
	wg_record_put(insp, FIELD(inspection, "inspectors"), sb_str(&refs));
	wg_record_put(insp, FIELD(inspection, "started"), now);
	if ((rc = wg_db_begin(ws->db, err)))
		goto out;
	if ((rc = wg_add(ws, insp, err)))
		goto fail;
	if (task && strcmp(wg_record_get(task, "status"), "open") == 0) {
		wg_record_put(task, FIELD(task, "status"), "started");
		if ((rc = wg_db_update(ws->db, task, err)))
			goto fail;
	}
	if ((rc = wg_db_commit(ws->db, err)))
		goto fail;
	snprintf(id, WG_ID_BUFSIZE, "%s", wg_record_id(insp));
	goto out;
fail:
	wg_db_rollback(ws->db);
out:
	free(ids);
	free(drawn_ids);
	sb_release(&refs);
	wg_checklist_free(cl);
	wg_record_free(task);
	wg_record_free(entity);
	wg_record_free(insp);
	return rc;
}

/* Load a draft inspection and its checklist for a change. */
static int load_draft(wg_workspace *ws, const char *id, wg_record **insp, wg_checklist **cl,
		      wg_error *err)
{
	int rc;
	*insp = NULL;
	*cl = NULL;
	if ((rc = wg_may_edit(ws, &wg_kind_inspection, NULL, false, err)) ||
	    (rc = wg_db_load(ws->db, &wg_kind_inspection, id, insp, err)) ||
	    (rc = wg_not_signed(*insp, err)) ||
	    (rc = wg_checklist_load(ws->db, wg_record_get(*insp, "checklist"), cl, err))) {
		wg_record_free(*insp);
		*insp = NULL;
		return rc;
	}
	return WG_OK;
}

static int find_result(sqlite3 *db, const char *insp, const char *item, wg_record **out,
		       wg_error *err)
{
	wg_records r = {0};
	const char *p[] = {insp, item};
	int rc = wg_select(db, &wg_kind_result, "inspection = ?1 AND item = ?2", NULL, p, 2, &r, err);
	*out = NULL;
	if (rc == WG_OK && r.n) {
		*out = r.v[0];
		r.v[0] = NULL;
		r.n = 0;
	}
	wg_records_free(&r);
	return rc;
}

int wg_inspection_record(wg_workspace *ws, const char *id, const char *item, const char *outcome,
			 const char *note, wg_error *err)
{
	wg_record *insp, *res = NULL;
	wg_checklist *cl;
	int rc = load_draft(ws, id, &insp, &cl, err);
	if (rc)
		return rc;
	if (!wg_checklist_item(cl, item)) {
		rc = wg_fail(err, WG_EINPUT, _("checklist %s has no item %s"),
			     wg_record_get(insp, "checklist"), item);
		goto out;
	}
	if ((rc = wg_db_begin(ws->db, err)))
		goto out;
	if ((rc = find_result(ws->db, id, item, &res, err)))
		goto fail;
	if (!outcome) {
		/* taken back; nothing recorded is nothing to take back */
		if ((res && (rc = wg_db_delete(ws->db, &wg_kind_result, wg_record_id(res), err))) ||
		    (rc = wg_db_commit(ws->db, err)))
			goto fail;
		goto out;
	}
	bool is_new = res == NULL;
	if (is_new) {
		res = wg_record_new(&wg_kind_result);
		wg_record_put(res, FIELD(result, "grid"), wg_record_get(insp, "grid"));
		wg_record_put(res, FIELD(result, "inspection"), id);
		wg_record_put(res, FIELD(result, "item"), item);
	}
	if ((rc = wg_record_set(res, "outcome", outcome, NULL, err)) ||
	    (note && (rc = wg_record_set(res, "note", note, NULL, err))))
		goto fail;
	if ((rc = is_new ? wg_add(ws, res, err) : wg_db_update(ws->db, res, err)) ||
	    (rc = wg_db_commit(ws->db, err)))
		goto fail;
	goto out;
fail:
	wg_db_rollback(ws->db);
out:
	wg_record_free(res);
	wg_record_free(insp);
	wg_checklist_free(cl);
	return rc;
}

int wg_inspection_unrecord(wg_workspace *ws, const char *id, const char *item, wg_error *err)
{
	return wg_inspection_record(ws, id, item, NULL, NULL, err);
}

/* The git blob id of a buffer. */
static void blob_id(const char *buf, size_t len, char hash[41])
{
	git_oid oid;
	wg_object_id(&oid, GIT_OBJECT_BLOB, buf, len);
	git_oid_tostr(hash, 41, &oid);
}

static int write_blob(const char *dir, const char *hash, const char *buf, size_t len,
		      bool *created, wg_error *err)
{
	char *path = xasprintf("%s/%s", dir, hash);
	struct stat st;
	int rc = WG_OK;
	*created = false;
	if (stat(path, &st) == 0 && (size_t)st.st_size == len) {
		/* the same bytes may already be there; a damaged copy is replaced */
		char *old = NULL, have[41] = "";
		size_t oldlen;
		wg_error e;
		bool same = wg_read_file_buf(path, len + 1, &old, &oldlen, &e) == WG_OK;
		if (same) {
			blob_id(old, oldlen, have);
			same = strcmp(have, hash) == 0;
		}
		free(old);
		if (same)
			goto out;
	}
	const struct wg_span part = {buf, len};
	if ((rc = wg_write_atomic(path, &part, 1, WG_WRITE_PRIVATE, err)) == WG_OK)
		*created = true;
out:
	free(path);
	return rc;
}

int wg_evidence_store(wg_workspace *ws, const char *buf, size_t len, char hash[41],
		      wg_error *err)
{
	bool created;
	blob_id(buf, len, hash);
	char *dir = wg_ws_path(ws, "evidence");
	int rc = WG_OK;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		rc = wg_fail(err, WG_EINTERNAL, _("cannot create %s: %s"), dir, strerror(errno));
	else
		rc = write_blob(dir, hash, buf, len, &created, err);
	free(dir);
	return rc;
}

int wg_inspection_evidence(wg_workspace *ws, const char *id, const char *item, const char *path,
			   char hash[41], long long *size, wg_error *err)
{
	wg_record *insp, *ev = NULL;
	wg_checklist *cl;
	char *buf = NULL, *rel = NULL, *kept = NULL;
	size_t len;
	int rc = load_draft(ws, id, &insp, &cl, err);
	if (rc)
		return rc;
	if (item && *item && !wg_checklist_item(cl, item)) {
		rc = wg_fail(err, WG_EINPUT, _("checklist %s has no item %s"),
			     wg_record_get(insp, "checklist"), item);
		goto out;
	}
	if ((rc = wg_read_file_buf(path, (size_t)256 << 20, &buf, &len, err)))
		goto out;
	blob_id(buf, len, hash);
	*size = (long long)len;
	/* already kept (attached to another record)? then a failure must not remove it */
	rel = xasprintf("evidence/%s", hash);
	kept = wg_ws_path(ws, rel);
	struct stat st0;
	bool had = stat(kept, &st0) == 0;

	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char sz[32];
	snprintf(sz, sizeof sz, "%zu", len);
	ev = wg_record_new(&wg_kind_evidence);
	wg_record_put(ev, FIELD(evidence, "grid"), wg_record_get(insp, "grid"));
	wg_record_put(ev, FIELD(evidence, "inspection"), id);
	wg_record_put(ev, FIELD(evidence, "item"), item ? item : "");
	wg_record_put(ev, FIELD(evidence, "hash"), hash);
	wg_record_put(ev, FIELD(evidence, "size"), sz);
	if ((rc = wg_record_set(ev, "name", base, NULL, err)))
		goto out;

	if ((rc = wg_evidence_store(ws, buf, len, hash, err)))
		goto out;
	if ((rc = wg_add(ws, ev, err)) && !had)
		unlink(kept);
out:
	free(kept);
	free(rel);
	free(buf);
	wg_record_free(ev);
	wg_record_free(insp);
	wg_checklist_free(cl);
	return rc;
}

int wg_evidence_verify(wg_workspace *ws, wg_records *bad, wg_error *err)
{
	wg_records all = {0};
	int rc = wg_select(ws->db, &wg_kind_evidence, NULL, "hash", NULL, 0, &all, err);
	for (size_t i = 0; i < all.n && rc == WG_OK; i++) {
		char *rel = xasprintf("evidence/%s", wg_record_get(all.v[i], "hash"));
		char *path = wg_ws_path(ws, rel), *buf = NULL, hash[41] = "";
		size_t len;
		wg_error e;
		bool good = wg_read_file_buf(path, (size_t)256 << 20, &buf, &len, &e) == WG_OK;
		if (good) {
			blob_id(buf, len, hash);
			good = strcmp(hash, wg_record_get(all.v[i], "hash")) == 0;
		}
		if (!good) {
			bad->v = xrealloc(bad->v, (bad->n + 1) * sizeof *bad->v);
			bad->v[bad->n++] = all.v[i];
			all.v[i] = NULL;
		}
		free(buf);
		free(path);
		free(rel);
	}
	wg_records_free(&all);
	return rc;
}

/* How many of the inspectors hold an enforcement certificate (active inspectors). */
static int count_certified(sqlite3 *db, const char *refs, int *n, wg_error *err)
{
	*n = 0;
	const char *p = refs;
	while (*p) {
		char id[WG_ID_BUFSIZE];
		snprintf(id, sizeof id, "%.32s", p);
		wg_record *o;
		int rc = wg_db_load(db, &wg_kind_officer, id, &o, err);
		if (rc)
			return rc;
		if (strcmp(wg_record_get(o, "role"), "inspector") == 0 &&
		    strcmp(wg_record_get(o, "status"), "active") == 0 && *wg_record_get(o, "cert"))
			(*n)++;
		wg_record_free(o);
		p += 32;
		if (*p == ',')
			p++;
	}
	return WG_OK;
}

/* 回避 where the work is signed: an inspector who declared an interest in
 * the entity signs no inspection of it (行政处罚法 art. 43). The refusal
 * names the declaration. */
static int check_recusals(sqlite3 *db, const char *refs, const wg_record *entity, wg_error *err)
{
	wg_records r = {0};
	const char *p[] = {refs, wg_record_id(entity)};
	int rc = wg_select(db, &wg_kind_recusal,
			   "entity = ?2 AND instr(',' || ?1 || ',', ',' || officer || ',') > 0",
			   "created, id", p, 2, &r, err);
	if (rc == WG_OK && r.n) {
		char *name = NULL, when[64];
		const char *q[] = {wg_record_get(r.v[0], "officer")};
		wg_query_text(db, "SELECT name FROM officer WHERE id = ?1", q, 1, &name, err);
		wg_timestamp_display(wg_record_get(r.v[0], "created"), when, sizeof when);
		rc = wg_fail(err, WG_EINPUT,
			     _("%s declared a conflict of interest with %s (declaration %.8s, recorded "
			       "%s) and must stand aside (回避): this inspection cannot be signed with "
			       "them; start it again with other inspectors"),
			     name ? name : q[0], wg_record_get(entity, "name"), wg_record_id(r.v[0]),
			     when);
		free(name);
	}
	wg_records_free(&r);
	return rc;
}

static int update_status(sqlite3 *db, const struct wg_kind *kind, const char *where,
			 const char *param, const char *from, const char *to, wg_error *err)
{
	wg_records r = {0};
	const char *p[] = {param, from};
	int rc = wg_select(db, kind, where, NULL, p, 2, &r, err);
	for (size_t i = 0; i < r.n && rc == WG_OK; i++) {
		wg_record_put(r.v[i], wg_field_index(kind, "status"), to);
		rc = wg_db_update(db, r.v[i], err);
	}
	wg_records_free(&r);
	return rc;
}

int wg_inspection_sign(wg_workspace *ws, const char *id, const char *summary,
		       struct wg_sign_result *res, wg_error *err)
{
	return wg_inspection_sign_deadline(ws, id, summary, NULL, res, err);
}

int wg_inspection_sign_deadline(wg_workspace *ws, const char *id, const char *summary,
				const char *given, struct wg_sign_result *res, wg_error *err)
{
	struct wg_sign_opts o = {summary, given, NULL};
	return wg_inspection_sign_with(ws, id, &o, res, err);
}

/* A patrol's problems, reported to the county as one clue (线索移交): what
 * failed, in the officer's words, found when the patrol started. */
static int patrol_clue(wg_workspace *ws, const wg_record *insp, const wg_records *findings,
		       const char *category, const char *now, char clue[WG_ID_BUFSIZE],
		       wg_error *err)
{
	strbuf what = STRBUF_INIT;
	for (size_t i = 0; i < findings->n; i++) {
		const wg_record *f = findings->v[i];
		sb_addf(&what, "%s%s %s", i ? "\n" : "", wg_record_get(f, "item"),
			wg_record_get(f, "text"));
		if (*wg_record_get(f, "note"))
			sb_addf(&what, " — %s", wg_record_get(f, "note"));
	}
	if (*wg_record_get(insp, "summary"))
		sb_addf(&what, "\n%s", wg_record_get(insp, "summary"));
	/* each line a requirement not met (the register's "不符合："), not a
	 * problem's description: said so, or it reads as all in order */
	char *content = xasprintf(_("Not met on patrol: %s"), sb_str(&what));
	sb_release(&what);
	/* the field's limit, cut at a character */
	const struct wg_field *cf = wg_field_find(&wg_kind_clue, "content");
	size_t n = strlen(content), chars = 0, at = 0;
	uint32_t cp;
	while (at < n && chars < cf->max_chars) {
		at += utf8_decode(content + at, n - at, &cp);
		chars++;
	}
	content[at] = '\0';
	while (at && (content[at - 1] == ' ' || content[at - 1] == '\n'))
		content[--at] = '\0';
	const char *insps = wg_record_get(insp, "inspectors");
	char first[WG_ID_BUFSIZE];
	snprintf(first, sizeof first, "%.32s", insps);
	wg_record *c = wg_record_new(&wg_kind_clue);
	wg_record_put(c, FIELD(clue, "grid"), wg_record_get(insp, "grid"));
	wg_record_put(c, FIELD(clue, "entity"), wg_record_get(insp, "entity"));
	wg_record_put(c, FIELD(clue, "found"), wg_record_get(insp, "started"));
	wg_record_put(c, FIELD(clue, "reported"), now);
	wg_record_put(c, FIELD(clue, "reporter"), ws->officer ? ws->officer : first);
	wg_record_put(c, FIELD(clue, "inspection"), wg_record_id(insp));
	wg_record_put(c, FIELD(clue, "status"), "reported");
	int rc = wg_record_set(c, "category", category, NULL, err);
	if (rc == WG_OK)
		rc = wg_record_set(c, "content", content, NULL, err);
	if (rc == WG_OK)
		rc = wg_add(ws, c, err);
	if (rc == WG_OK)
		snprintf(clue, WG_ID_BUFSIZE, "%s", wg_record_id(c));
	free(content);
	wg_record_free(c);
	return rc;
}

int wg_inspection_sign_with(wg_workspace *ws, const char *id, const struct wg_sign_opts *o,
			    struct wg_sign_result *res, wg_error *err)
{
	const char *summary = o->summary, *given = o->deadline;
	wg_record *insp, *entity = NULL, *task = NULL, *recheck = NULL;
	wg_checklist *cl;
	wg_calendar *cal = NULL;
	wg_records results = {0}, findings = {0};
	char today[WG_DATE_LEN + 1], now[WG_TIMESTAMP_LEN + 1];
	bool any_fail = false, key_fail = false;
	int rc = load_draft(ws, id, &insp, &cl, err);
	if (rc)
		return rc;
	memset(res, 0, sizeof *res);
	wg_timestamp(wg_now(), now);
	wg_today(today);

	if (summary && (rc = wg_record_set(insp, "summary", summary, NULL, err)))
		goto out;
	bool patrol = strcmp(wg_record_get(insp, "kind"), "patrol") == 0;
	if (given && patrol) {
		rc = wg_fail(err, WG_EINPUT,
			     _("a patrol sets no rectification deadline: ordering rectification "
			       "(责令整改) is an inspector's act; what the patrol found is reported to "
			       "the county as a clue"));
		goto out;
	}
	if (given && (!wg_date_valid(given) || strcmp(given, today) <= 0)) {
		rc = wg_fail(err, WG_EINPUT, _("the deadline must be a date after today (%s), like "
					       "2027-01-15"), today);
		goto out;
	}
	/* every item answered */
	const char *p1[] = {id};
	if ((rc = wg_select(ws->db, &wg_kind_result, "inspection = ?1", "item", p1, 1, &results, err)))
		goto out;
	size_t missing = 0;
	const char *first_missing = NULL;
	for (size_t i = 0; i < cl->nitems; i++) {
		bool found = false;
		for (size_t j = 0; j < results.n && !found; j++)
			found = strcmp(wg_record_get(results.v[j], "item"), cl->items[i].code) == 0;
		if (!found && !missing++)
			first_missing = cl->items[i].code;
	}
	if (missing) {
		rc = wg_fail(err, WG_EINPUT,
			     ngettext("%zu item has no result yet (the first is %s): record every item, "
				      "\"na\" where it does not apply",
				      "%zu items have no result yet (the first is %s): record every item, "
				      "\"na\" where it does not apply", missing),
			     missing, first_missing);
		goto out;
	}
	/* 行政处罚法 art. 42: enforcement needs at least two certified inspectors */
	if (strcmp(wg_record_get(insp, "kind"), "inspection") == 0) {
		int n;
		if ((rc = count_certified(ws->db, wg_record_get(insp, "inspectors"), &n, err)))
			goto out;
		if (n < 2) {
			rc = wg_fail(err, WG_EINPUT,
				     _("an enforcement inspection must be signed by at least two inspectors "
				       "holding enforcement certificates (Administrative Penalty Law, "
				       "art. 42); this one has %d"), n);
			goto out;
		}
	}
	/* a patrol's problems go to the county as a clue in the category the
	 * officer chooses: never guessed */
	if (patrol) {
		bool failed = false;
		for (size_t j = 0; j < results.n && !failed; j++)
			failed = strcmp(wg_record_get(results.v[j], "outcome"), "fail") == 0 &&
				 wg_checklist_item(cl, wg_record_get(results.v[j], "item"));
		const char *found = wg_record_get(insp, "started");
		if (failed && (!o->category || !*o->category)) {
			strbuf cats = STRBUF_INIT;
			if ((rc = wg_clue_categories_text(ws->db, found, &cats, err)) == WG_OK)
				rc = wg_fail_needs(err, WG_EINPUT, "category",
						   _("the patrol found a problem: it is reported to the county "
						     "as a clue (线索移交), not ordered put right; choose its "
						     "information category: %s"), sb_str(&cats));
			sb_release(&cats);
			goto out;
		}
		if (failed && (rc = wg_clue_category_check(ws->db, found, o->category, err)))
			goto out;
	}
	if ((rc = wg_db_load(ws->db, &wg_kind_entity, wg_record_get(insp, "entity"), &entity, err)) ||
	    (rc = check_recusals(ws->db, wg_record_get(insp, "inspectors"), entity, err)))
		goto out;
	if (*wg_record_get(insp, "task") &&
	    (rc = wg_db_load(ws->db, &wg_kind_task, wg_record_get(insp, "task"), &task, err)))
		goto out;

	if ((rc = wg_db_begin(ws->db, err)))
		goto out;
	/* findings from failed items */
	for (size_t j = 0; j < results.n; j++) {
		const wg_record *r = results.v[j];
		const struct wg_checkitem *it = wg_checklist_item(cl, wg_record_get(r, "item"));
		if (strcmp(wg_record_get(r, "outcome"), "fail") != 0 || !it)
			continue;
		any_fail = true;
		key_fail |= it->key;
		wg_record *f = wg_record_new(&wg_kind_finding);
		wg_record_put(f, FIELD(finding, "grid"), wg_record_get(insp, "grid"));
		wg_record_put(f, FIELD(finding, "inspection"), id);
		wg_record_put(f, FIELD(finding, "entity"), wg_record_id(entity));
		wg_record_put(f, FIELD(finding, "item"), it->code);
		wg_record_put(f, FIELD(finding, "text"), it->text);
		wg_record_put(f, FIELD(finding, "severity"), it->key ? "key" : "normal");
		wg_record_put(f, FIELD(finding, "violation"), it->violation ? it->violation : "");
		wg_record_put(f, FIELD(finding, "found"), today);
		wg_record_put(f, FIELD(finding, "note"), wg_record_get(r, "note"));
		if (patrol) {
			/* found and reported; put right by an inspector's order */
		} else if (it->rectify_days && given) {
			wg_record_put(f, FIELD(finding, "deadline"), given);
			wg_record_put(f, FIELD(finding, "deadline_basis"), "by_hand");
			snprintf(res->deadline, sizeof res->deadline, "%s", given);
			snprintf(res->basis, sizeof res->basis, "by_hand");
		} else if (it->rectify_days) {
			char deadline[WG_DATE_LEN + 1];
			int no_calendar;
			if (!cal && (rc = wg_calendar_open(ws->db, &cal, err))) {
				wg_record_free(f);
				goto fail;
			}
			if ((rc = wg_calendar_add_workdays(cal, today, it->rectify_days, deadline,
							   &no_calendar, err))) {
				wg_record_free(f);
				goto fail;
			}
			wg_record_put(f, FIELD(finding, "deadline"), deadline);
			/* a year without its calendar: counted Monday to Friday, and marked */
			if (no_calendar)
				wg_record_put(f, FIELD(finding, "deadline_basis"), "provisional");
			if (strcmp(deadline, res->deadline) > 0) {
				snprintf(res->deadline, sizeof res->deadline, "%s", deadline);
				snprintf(res->basis, sizeof res->basis, "%s",
					 no_calendar ? "provisional" : "");
			}
		}
		findings.v = xrealloc(findings.v, (findings.n + 1) * sizeof *findings.v);
		findings.v[findings.n++] = f;
	}
	/* one re-inspection task, due at the latest deadline */
	if (*res->deadline) {
		char title[400];
		wg_task_title("recheck", id, "", wg_record_get(entity, "name"), title, sizeof title);
		recheck = wg_record_new(&wg_kind_task);
		wg_record_put(recheck, FIELD(task, "grid"), wg_record_get(insp, "grid"));
		wg_record_put(recheck, FIELD(task, "kind"), "recheck");
		wg_record_put(recheck, FIELD(task, "entity"), wg_record_id(entity));
		wg_record_put(recheck, FIELD(task, "due"), res->deadline);
		wg_record_put(recheck, FIELD(task, "due_basis"), res->basis);
		wg_record_put(recheck, FIELD(task, "source"), id);
		wg_record_put(recheck, FIELD(task, "checklist"), cl->code);
		const char *insps = wg_record_get(insp, "inspectors");
		char first[WG_ID_BUFSIZE];
		snprintf(first, sizeof first, "%.32s", insps);
		wg_record_put(recheck, FIELD(task, "assignee"), first);
		rc = wg_record_set(recheck, "title", title, NULL, err);
		if (rc || (rc = wg_add(ws, recheck, err)))
			goto fail;
		snprintf(res->recheck, sizeof res->recheck, "%s", wg_record_id(recheck));
	}
	for (size_t i = 0; i < findings.n; i++) {
		if (*wg_record_get(findings.v[i], "deadline"))
			wg_record_put(findings.v[i], FIELD(finding, "recheck"), res->recheck);
		if ((rc = wg_add(ws, findings.v[i], err)))
			goto fail;
	}
	res->nfindings = findings.n;
	if (patrol && findings.n && (rc = patrol_clue(ws, insp, &findings, o->category, now,
						      res->clue, err)))
		goto fail;
	/* a re-inspection that finds an item put right closes the earlier finding */
	if (task && strcmp(wg_record_get(task, "kind"), "recheck") == 0) {
		wg_records old = {0};
		const char *p[] = {wg_record_id(task)};
		if ((rc = wg_select(ws->db, &wg_kind_finding, "recheck = ?1 AND status = 'open'", NULL,
				    p, 1, &old, err)))
			goto fail;
		for (size_t i = 0; i < old.n && rc == WG_OK; i++) {
			for (size_t j = 0; j < results.n; j++)
				if (strcmp(wg_record_get(results.v[j], "item"),
					   wg_record_get(old.v[i], "item")) == 0 &&
				    strcmp(wg_record_get(results.v[j], "outcome"), "fail") != 0) {
					wg_record_put(old.v[i], FIELD(finding, "status"), "rectified");
					rc = wg_db_update(ws->db, old.v[i], err);
				}
		}
		wg_records_free(&old);
		if (rc)
			goto fail;
	}
	/* the inspectors' check of a clue closes it; finding everything in
	 * order, it closes what the patrol behind the clue found */
	if (task && strcmp(wg_record_get(task, "kind"), "clue") == 0 &&
	    *wg_record_get(task, "source")) {
		wg_records found = {0};
		const char *p[] = {wg_record_get(task, "source")};
		if ((rc = wg_select(ws->db, &wg_kind_clue, "id = ?1", NULL, p, 1, &found, err)))
			goto fail;
		wg_record *clue = found.n ? found.v[0] : NULL;
		if (clue && strcmp(wg_record_get(clue, "status"), "closed") != 0) {
			wg_record_put(clue, FIELD(clue, "status"), "closed");
			rc = wg_db_update(ws->db, clue, err);
			if (rc == WG_OK && !any_fail && *wg_record_get(clue, "inspection")) {
				const char *q[] = {wg_record_get(clue, "inspection"), "open"};
				rc = update_status(ws->db, &wg_kind_finding,
						   "inspection = ?1 AND status = ?2", q[0], q[1],
						   "rectified", err);
			}
		}
		wg_records_free(&found);
		if (rc)
			goto fail;
	}
	/* a correction replaces what the corrected record concluded */
	const char *orig = wg_record_get(insp, "corrects");
	if (*orig &&
	    ((rc = update_status(ws->db, &wg_kind_finding, "inspection = ?1 AND status = ?2", orig,
				 "open", "withdrawn", err)) ||
	     (rc = update_status(ws->db, &wg_kind_task, "source = ?1 AND source <> '' AND status = ?2", orig, "open",
				 "cancelled", err))))
		goto fail;
	if (task && strcmp(wg_record_get(task, "status"), "done") != 0) {
		wg_record_put(task, FIELD(task, "status"), "done");
		if ((rc = wg_db_update(ws->db, task, err)))
			goto fail;
	}
	snprintf(res->result, sizeof res->result, "%s",
		 !any_fail ? "pass" : patrol ? "reported" : key_fail ? "fail" : "rectify");
	wg_record_put(insp, FIELD(inspection, "result"), res->result);
	wg_record_put(insp, FIELD(inspection, "status"), "signed");
	wg_record_put(insp, FIELD(inspection, "signed"), now);
	if ((rc = wg_record_check(insp, err)) || (rc = wg_db_update(ws->db, insp, err)) ||
	    (rc = wg_db_commit(ws->db, err)))
		goto fail;
	goto out;
fail:
	wg_db_rollback(ws->db);
out:
	wg_calendar_free(cal);
	wg_records_free(&results);
	wg_records_free(&findings);
	wg_record_free(recheck);
	wg_record_free(task);
	wg_record_free(entity);
	wg_record_free(insp);
	wg_checklist_free(cl);
	return rc;
}

int wg_inspection_correct(wg_workspace *ws, const char *id, char newid[WG_ID_BUFSIZE], wg_error *err)
{
	wg_record *orig = NULL, *copy = NULL;
	wg_records results = {0};
	char *other = NULL, now[WG_TIMESTAMP_LEN + 1];
	int rc;

	if ((rc = wg_may_edit(ws, &wg_kind_inspection, NULL, true, err)) ||
	    (rc = wg_db_load(ws->db, &wg_kind_inspection, id, &orig, err)))
		return rc;
	if (strcmp(wg_record_get(orig, "status"), "signed") != 0) {
		rc = wg_fail(err, WG_EINPUT,
			     _("inspection %.8s is not signed yet: change it directly"), id);
		goto out;
	}
	const char *p[] = {id};
	if ((rc = wg_query_text(ws->db, "SELECT id FROM inspection WHERE corrects = ?1", p, 1, &other,
				err)))
		goto out;
	if (other) {
		rc = wg_fail(err, WG_EINPUT, _("inspection %.8s is already corrected by %.8s"), id, other);
		goto out;
	}
	copy = wg_record_dup(orig);
	wg_timestamp(wg_now(), now);
	wg_record_put(copy, FIELD(inspection, "started"), now);
	wg_record_put(copy, FIELD(inspection, "corrects"), id);
	wg_record_put(copy, FIELD(inspection, "status"), "draft");
	wg_record_put(copy, FIELD(inspection, "signed"), "");
	wg_record_put(copy, FIELD(inspection, "result"), "");
	if ((rc = wg_select(ws->db, &wg_kind_result, "inspection = ?1", "item", p, 1, &results, err)) ||
	    (rc = wg_db_begin(ws->db, err)))
		goto out;
	if ((rc = wg_add(ws, copy, err)))
		goto fail;
	for (size_t i = 0; i < results.n; i++) {
		wg_record_put(results.v[i], FIELD(result, "inspection"), wg_record_id(copy));
		if ((rc = wg_add(ws, results.v[i], err)))
			goto fail;
	}
	if ((rc = wg_db_commit(ws->db, err)))
		goto fail;
	snprintf(newid, WG_ID_BUFSIZE, "%s", wg_record_id(copy));
	goto out;
fail:
	wg_db_rollback(ws->db);
out:
	free(other);
	wg_records_free(&results);
	wg_record_free(copy);
	wg_record_free(orig);
	return rc;
}

int wg_inspection_view_load(sqlite3 *db, const char *id, wg_inspection_view *v, wg_error *err)
{
	int rc;
	memset(v, 0, sizeof *v);
	const char *p[] = {id};
	if ((rc = wg_db_load(db, &wg_kind_inspection, id, &v->insp, err)) ||
	    (rc = wg_db_load(db, &wg_kind_entity, wg_record_get(v->insp, "entity"), &v->entity, err)) ||
	    (rc = wg_checklist_load(db, wg_record_get(v->insp, "checklist"), &v->checklist, err)) ||
	    (rc = wg_select(db, &wg_kind_officer,
			    "instr(',' || ?1 || ',', ',' || id || ',') > 0", "name, id",
			    (const char *[]){wg_record_get(v->insp, "inspectors")}, 1, &v->inspectors,
			    err)) ||
	    (rc = wg_select(db, &wg_kind_result, "inspection = ?1", "item", p, 1, &v->results, err)) ||
	    (rc = wg_select(db, &wg_kind_finding, "inspection = ?1", "item", p, 1, &v->findings, err)) ||
	    (rc = wg_select(db, &wg_kind_evidence, "inspection = ?1", "created, name", p, 1,
			    &v->evidence, err))) {
		wg_inspection_view_free(v);
		return rc;
	}
	return WG_OK;
}

void wg_inspection_view_free(wg_inspection_view *v)
{
	wg_record_free(v->insp);
	wg_record_free(v->entity);
	wg_checklist_free(v->checklist);
	wg_records_free(&v->inspectors);
	wg_records_free(&v->results);
	wg_records_free(&v->findings);
	wg_records_free(&v->evidence);
	memset(v, 0, sizeof *v);
}

const wg_record *wg_view_result(const wg_inspection_view *v, const char *item)
{
	for (size_t i = 0; i < v->results.n; i++)
		if (strcmp(wg_record_get(v->results.v[i], "item"), item) == 0)
			return v->results.v[i];
	return NULL;
}

int wg_tasks_list(sqlite3 *db, const char *status, const char *kind, const char *entity,
		  wg_records *out, wg_error *err)
{
	const char *p[] = {status, kind, entity};
	return wg_select(db, &wg_kind_task,
			 "(?1 IS NULL OR status = ?1) AND (?2 IS NULL OR kind = ?2)"
			 " AND (?3 IS NULL OR entity = ?3)",
			 "due = '', due, created", p, 3, out, err);
}

int wg_inspections_list(sqlite3 *db, const char *entity, wg_records *out, wg_error *err)
{
	const char *p[] = {entity};
	return wg_select(db, &wg_kind_inspection, "?1 IS NULL OR entity = ?1", "started DESC", p, 1,
			 out, err);
}

int wg_findings_list(sqlite3 *db, const char *entity, wg_records *out, wg_error *err)
{
	const char *p[] = {entity};
	return wg_select(db, &wg_kind_finding, "?1 IS NULL OR entity = ?1",
			 "found DESC, entity, item", p, 1, out, err);
}

int wg_findings_overdue(sqlite3 *db, const char *today, wg_records *out, wg_error *err)
{
	const char *p[] = {today};
	return wg_select(db, &wg_kind_finding, "status = 'open' AND deadline != '' AND deadline < ?1",
			 "deadline, entity", p, 1, out, err);
}

int wg_finding_rectified(wg_workspace *ws, const char *id, const char *note, wg_error *err)
{
	struct wg_change ch[2] = {{"status", "rectified"}, {"note", note}};
	return wg_modify(ws, &wg_kind_finding, id, ch, note ? 2 : 1, false, err);
}

/* The titles the program makes for the tasks it makes, in every language it
 * has written them in (a title is stored as its maker's screen showed it):
 * one is recognised by its task's kind and its form, and written again in
 * the reader's language. Each form has one or two %s; the last stands for
 * the entity, which is named as it is called now. The Chinese forms are the
 * stored ones, kept here even if the translation changes. */
static const struct made_title {
	const char *kind, *form, *zh;
	int params;
} made_titles[] = {
	{"recheck", N_("Re-inspection after penalty %s: %s"), "处罚后复查 %s：%s", 2},
	{"recheck", N_("Re-inspection: %s"), "复查：%s", 1},
	{"complaint", N_("Check complaint: %s"), "核查投诉举报：%s", 1},
	{"clue", N_("Check a reported clue: %s"), "核查协管报告信息：%s", 1},
};

/* title in form: its %s values into p (non-empty, each cut at 200 bytes). */
static bool title_match(const char *form, const char *title, char p[2][200])
{
	int k = 0;
	while (*form) {
		if (form[0] != '%' || form[1] != 's') {
			if (*form++ != *title++)
				return false;
			continue;
		}
		form += 2;
		const char *next = strstr(form, "%s");
		size_t lit = next ? (size_t)(next - form) : strlen(form);
		const char *end = NULL;
		if (!next) { /* the last value: up to the literal that ends the form */
			size_t tl = strlen(title);
			if (tl >= lit && strcmp(title + tl - lit, form) == 0)
				end = title + tl - lit;
		} else {
			for (const char *q = title; *q && !end; q++)
				if (strncmp(q, form, lit) == 0)
					end = q;
		}
		if (!end || end == title || k >= 2)
			return false;
		snprintf(p[k++], 200, "%.*s", (int)(end - title), title);
		title = end;
	}
	return *title == '\0';
}

/* form (translated) with its %s replaced by v[0], v[1] in turn. */
static void title_fill(const char *form, const char *const v[2], char *buf, size_t n)
{
	strbuf sb = STRBUF_INIT;
	int k = 0;
	for (const char *f = form; *f; f++) {
		if (f[0] == '%' && f[1] == 's') {
			sb_adds(&sb, k < 2 ? v[k] : "");
			k++;
			f++;
		} else {
			sb_addc(&sb, *f);
		}
	}
	snprintf(buf, n, "%s", sb_str(&sb));
	sb_release(&sb);
}

const char *wg_task_title(const char *kind, const char *source, const char *title,
			  const char *entity, char *buf, size_t n)
{
	if (!*source)
		return title;
	for (size_t i = 0; i < sizeof made_titles / sizeof made_titles[0]; i++) {
		const struct made_title *m = &made_titles[i];
		char p[2][200] = {"", ""};
		if (strcmp(kind, m->kind) != 0 ||
		    (!title_match(m->form, title, p) && !title_match(m->zh, title, p) &&
		     !title_match(_(m->form), title, p)))
			continue;
		const char *what = entity && *entity ? entity : p[m->params - 1];
		const char *v[2] = {m->params == 2 ? p[0] : what, what};
		title_fill(_(m->form), v, buf, n);
		return buf;
	}
	/* a re-inspection that signing made, whatever its title */
	if (strcmp(kind, "recheck") != 0 || !entity || !*entity)
		return title;
	snprintf(buf, n, _("Re-inspection: %s"), entity);
	return buf;
}
