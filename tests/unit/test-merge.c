/* The field merge policies of the schema, one case each, on real trees. */
#include <config.h>

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "county.h"
#include "id.h"
#include "merge.h"
#include "recordop.h"
#include "repo.h"
#include "tap.h"

static wg_repo *repo;

#define ID_T "aa000000000000000000000000000001"
#define ID_I "bb000000000000000000000000000002"
#define ID_E "cc000000000000000000000000000003"
#define ID_O "dd000000000000000000000000000004"

/* A record from "field=value" pairs on top of a valid base for its kind. */
static wg_record *rec(const struct wg_kind *kind, const char *id, ...)
{
	wg_record *r = wg_record_new(kind);
	va_list ap;
	wg_record_put(r, 0, id);
	if (kind == &wg_kind_task) {
		wg_record_put(r, wg_field_index(kind, "grid"), "G01");
		wg_record_put(r, wg_field_index(kind, "kind"), "patrol");
		wg_record_put(r, wg_field_index(kind, "title"), "巡查");
		wg_record_put(r, wg_field_index(kind, "status"), "open");
		wg_record_put(r, wg_field_index(kind, "created"), "2026-11-01T00:00:00Z");
	} else if (kind == &wg_kind_inspection) {
		wg_record_put(r, wg_field_index(kind, "grid"), "G01");
		wg_record_put(r, wg_field_index(kind, "entity"), ID_E);
		wg_record_put(r, wg_field_index(kind, "kind"), "patrol");
		wg_record_put(r, wg_field_index(kind, "inspectors"), ID_O);
		wg_record_put(r, wg_field_index(kind, "started"), "2026-11-01T00:00:00Z");
		wg_record_put(r, wg_field_index(kind, "status"), "draft");
	} else if (kind == &wg_kind_entity) {
		wg_record_put(r, wg_field_index(kind, "grid"), "G01");
		wg_record_put(r, wg_field_index(kind, "category"), "D211");
		wg_record_put(r, wg_field_index(kind, "name"), "诊所");
		wg_record_put(r, wg_field_index(kind, "status"), "open");
		wg_record_put(r, wg_field_index(kind, "created"), "2026-11-01T00:00:00Z");
	} else if (kind == &wg_kind_officer) {
		wg_record_put(r, wg_field_index(kind, "name"), "张三");
		wg_record_put(r, wg_field_index(kind, "grid"), "G01");
		wg_record_put(r, wg_field_index(kind, "role"), "officer");
		wg_record_put(r, wg_field_index(kind, "status"), "active");
	}
	va_start(ap, id);
	for (const char *f; (f = va_arg(ap, const char *));)
		wg_record_put(r, wg_field_index(kind, f), va_arg(ap, const char *));
	va_end(ap);
	return r;
}

/* A tree holding one record (or none). */
static git_oid tree_of(wg_record *r)
{
	struct wg_tree_edit e;
	char path[WG_PATH_MAX];
	git_oid out;
	wg_error err;
	memset(&e, 0, sizeof e);
	if (r) {
		wg_record_path(r->kind, wg_record_id(r), path);
		e.path = path;
		if (wg_record_blob(repo, r, &e.blob, &err))
			tap_diag("blob: %s", err.msg);
	}
	if (wg_tree_edit(repo, NULL, &e, r ? 1 : 0, &out, &err))
		tap_diag("tree: %s", err.msg);
	wg_record_free(r);
	return out;
}

/* Merge; *merged gets the merged record (NULL when absent). */
static int merge3(const char *grid, bool from_officer, wg_record *b, wg_record *o, wg_record *t,
		  wg_record **merged, struct wg_merger *m, wg_error *err)
{
	const struct wg_kind *kind = (b ? b : o ? o : t)->kind;
	char id[WG_ID_BUFSIZE], path[WG_PATH_MAX];
	snprintf(id, sizeof id, "%s", wg_record_id(b ? b : o ? o : t));
	wg_record_path(kind, id, path);
	git_oid bt = tree_of(b), ot = tree_of(o), tt = tree_of(t), out;
	memset(m, 0, sizeof *m);
	m->repo = repo;
	m->grid = grid;
	m->from_officer = from_officer;
	*merged = NULL;
	int rc = wg_merge_trees(m, &bt, &ot, &tt, &out, err);
	if (rc)
		return rc;
	git_tree *tree;
	git_tree_entry *e;
	git_tree_lookup(&tree, repo->git, &out);
	if (git_tree_entry_bypath(&e, tree, path) == 0) {
		wg_blob_record(repo, git_tree_entry_id(e), merged, err);
		git_tree_entry_free(e);
	}
	git_tree_free(tree);
	return WG_OK;
}

int main(void)
{
	char tmpl[] = "/tmp/wangge-test-merge-XXXXXX";
	char *base = mkdtemp(tmpl);
	wg_error err;
	wg_workspace *ws;
	struct wg_merger m;
	wg_record *r;
	char dir[256];
	if (!base)
		return 3;
	snprintf(dir, sizeof dir, "%s/county", base);
	if (wg_init_county(dir, "示范县", "330102", &ws, &err) || wg_repo_open(ws, false, &repo, &err)) {
		tap_ok(false, "workspace: %s", err.msg);
		return tap_exit();
	}
	/* libgit2 started without parsing the system's CA certificates: where
	 * it is built on mbedTLS, its one call to load them binds to ours */
	if (dlsym(RTLD_DEFAULT, "mbedtls_ssl_init"))
		tap_is_int((long)wg_repo_tls_cert_loads, 1,
			   "libgit2 on mbedTLS: its CA bundle load is wangge's, which loads none");
	else
		tap_ok(wg_repo_tls_cert_loads == 0, "libgit2 without mbedTLS: no CA bundle load");
	/* nor libssh2's start-up, where libgit2 has SSH */
	if (dlsym(RTLD_DEFAULT, "libssh2_session_init_ex"))
		tap_is_int((long)wg_repo_ssh_inits, 1,
			   "libgit2 with SSH: its libssh2 start-up is wangge's, which starts nothing");
	else
		tap_ok(wg_repo_ssh_inits == 0, "libgit2 without SSH: no libssh2 start-up");
	const struct wg_kind *T = &wg_kind_task, *I = &wg_kind_inspection, *E = &wg_kind_entity;

	/* MERGE_STATUS: the later state wins, whichever side has it */
	tap_is_int(merge3("G01", true, rec(T, ID_T, NULL), rec(T, ID_T, "status", "started", NULL),
			  rec(T, ID_T, "status", "done", NULL), &r, &m, &err), WG_OK,
		   "status changed on both sides merges");
	tap_is_str(r ? wg_record_get(r, "status") : "", "done", "  the later state (theirs) wins");
	tap_is_int((long)m.nconflicts, 0, "  without a conflict");
	wg_record_free(r);
	wg_merge_release(&m);
	merge3("G01", true, rec(T, ID_T, NULL), rec(T, ID_T, "status", "done", NULL),
	       rec(T, ID_T, "status", "started", NULL), &r, &m, &err);
	tap_is_str(r ? wg_record_get(r, "status") : "", "done", "  the later state (ours) stays");
	wg_record_free(r);
	wg_merge_release(&m);

	/* MERGE_PLAIN */
	merge3("G01", true, rec(E, ID_E, NULL), rec(E, ID_E, "name", "甲", NULL),
	       rec(E, ID_E, "name", "乙", "phone", "13800138000", NULL), &r, &m, &err);
	tap_is_int((long)m.nconflicts, 1, "plain field changed differently: one conflict");
	if (m.nconflicts == 1) {
		tap_is_str(m.conflicts[0].field, "name", "  on the name");
		tap_is_str(m.conflicts[0].base, "诊所", "  keeps base");
		tap_is_str(m.conflicts[0].ours, "甲", "  ours");
		tap_is_str(m.conflicts[0].theirs, "乙", "  and theirs");
	}
	tap_is_str(r ? wg_record_get(r, "name") : "", "甲", "  the merged record keeps ours");
	tap_is_str(r ? wg_record_get(r, "phone") : "", "13800138000",
		   "  and takes theirs where only they changed");
	wg_record_free(r);
	wg_merge_release(&m);
	merge3("G01", true, rec(E, ID_E, NULL), rec(E, ID_E, "name", "甲", NULL),
	       rec(E, ID_E, "name", "甲", NULL), &r, &m, &err);
	tap_is_int((long)m.nconflicts, 0, "both changed to the same value: no conflict");
	wg_record_free(r);
	wg_merge_release(&m);

	/* delete against edit, both ways */
	merge3("G01", true, rec(E, ID_E, NULL), rec(E, ID_E, "name", "甲", NULL), NULL, &r, &m, &err);
	tap_ok(m.nconflicts == 1 && !*m.conflicts[0].field && !m.conflicts[0].theirs,
	       "edited here, deleted there: a whole-record conflict");
	tap_ok(r != NULL, "  the record stays");
	wg_record_free(r);
	wg_merge_release(&m);
	merge3("G01", true, rec(E, ID_E, NULL), NULL, rec(E, ID_E, "name", "乙", NULL), &r, &m, &err);
	tap_ok(m.nconflicts == 1 && !m.conflicts[0].ours, "deleted here, edited there: a conflict");
	tap_ok(r == NULL, "  the record stays deleted");
	wg_record_free(r);
	wg_merge_release(&m);
	merge3("G01", true, rec(E, ID_E, NULL), rec(E, ID_E, NULL), NULL, &r, &m, &err);
	tap_ok(m.nconflicts == 0 && r == NULL && m.deleted == 1, "deleted there, untouched here: deleted");
	wg_record_free(r);
	wg_merge_release(&m);

	/* MERGE_ONCE */
	tap_is_int(merge3("G01", true, rec(T, ID_T, NULL), rec(T, ID_T, NULL),
			  rec(T, ID_T, "kind", "recheck", NULL), &r, &m, &err), WG_EINPUT,
		   "a set-once field changed is refused");
	tap_ok(strstr(err.msg, "cannot change once set") != NULL, "  message: %s", err.msg);
	wg_merge_release(&m);

	/* signed inspections are immutable */
	tap_is_int(merge3("G01", false, rec(I, ID_I, "status", "signed", NULL),
			  rec(I, ID_I, "status", "signed", NULL),
			  rec(I, ID_I, "status", "signed", "summary", "改过", NULL), &r, &m, &err),
		   WG_EINPUT, "a change to a signed inspection is refused, even from the county");
	tap_ok(strstr(err.msg, "signed") != NULL, "  message: %s", err.msg);
	wg_merge_release(&m);
	tap_is_int(merge3("G01", true, rec(I, ID_I, NULL), rec(I, ID_I, NULL),
			  rec(I, ID_I, "status", "signed", "summary", "完成", NULL), &r, &m, &err),
		   WG_OK, "signing a draft is a change like any other");
	wg_record_free(r);
	wg_merge_release(&m);

	/* MERGE_COUNTY: refused from an officer, the county's word wins otherwise */
	tap_is_int(merge3(NULL, true, rec(&wg_kind_officer, ID_O, NULL),
			  rec(&wg_kind_officer, ID_O, NULL),
			  rec(&wg_kind_officer, ID_O, "name", "李四", NULL), &r, &m, &err),
		   WG_EINPUT, "an officer's change of a county field is refused");
	tap_ok(strstr(err.msg, "only the county") != NULL, "  message: %s", err.msg);
	wg_merge_release(&m);
	merge3(NULL, false, rec(&wg_kind_officer, ID_O, NULL),
	       rec(&wg_kind_officer, ID_O, "name", "王五", NULL),
	       rec(&wg_kind_officer, ID_O, "name", "李四", NULL), &r, &m, &err);
	tap_ok(m.nconflicts == 0 && r && strcmp(wg_record_get(r, "name"), "李四") == 0,
	       "the county's value of a county field wins at the officer's");
	wg_record_free(r);
	wg_merge_release(&m);

	/* records must belong to the branch */
	tap_is_int(merge3("G01", true, rec(E, ID_E, NULL), rec(E, ID_E, NULL),
			  rec(E, ID_E, "grid", "G02", NULL), &r, &m, &err), WG_EINPUT,
		   "a record of another grid is refused");
	wg_merge_release(&m);
	tap_is_int(merge3(NULL, false, NULL, NULL, rec(E, ID_E, NULL), &r, &m, &err), WG_EINPUT,
		   "a grid record on the common branch is refused");
	wg_merge_release(&m);

	wg_repo_close(repo);
	wg_ws_close(ws);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", base);
	return tap_exit();
}
