/* Writing the history behind (wg_repo_write_behind): the commits it writes
 * without libgit2 are libgit2's, byte for byte, and what it packs is there
 * once it is off. A roll-up of packs holds at most 8 MiB in memory. */
#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "county.h"
#include "recordop.h"
#include "repo.h"
#include "strbuf.h"
#include "tap.h"
#include "timeutil.h"

#define ID_E "cc000000000000000000000000000003"

static wg_repo *repo;

/* A tree of one entity named name. */
static git_oid tree_of(const char *name)
{
	wg_record *r = wg_record_new(&wg_kind_entity);
	struct wg_tree_edit e;
	char path[WG_PATH_MAX];
	git_oid out;
	wg_error err;
	wg_record_put(r, 0, ID_E);
	wg_record_put(r, (size_t)wg_field_index(r->kind, "name"), name);
	memset(&e, 0, sizeof e);
	wg_record_path(r->kind, wg_record_id(r), path);
	e.path = path;
	if (wg_record_blob(repo, r, &e.blob, &err))
		tap_diag("blob: %s", err.msg);
	if (wg_tree_edit(repo, NULL, &e, 1, &out, &err))
		tap_diag("tree: %s", err.msg);
	wg_record_free(r);
	return out;
}

/* A commit of tree (on parent, when given), written behind or not. */
static git_oid commit(const git_oid *tree, const git_oid *parent, const char *msg, bool behind)
{
	git_oid out;
	wg_error err;
	memset(&out, 0, sizeof out);
	if (behind && wg_repo_write_behind(repo, true, &err))
		tap_diag("write behind: %s", err.msg);
	if (wg_repo_commit(repo, tree, &parent, parent ? 1 : 0, msg, &out, &err))
		tap_diag("commit: %s", err.msg);
	if (behind && wg_repo_write_behind(repo, false, &err))
		tap_diag("write behind: %s", err.msg);
	return out;
}

int main(void)
{
	char tmpl[] = "/tmp/wangge-test-repo-XXXXXX";
	char *base = mkdtemp(tmpl);
	wg_error err;
	wg_workspace *ws;
	char dir[256];
	if (!base)
		return 3;
	snprintf(dir, sizeof dir, "%s/county", base);
	if (wg_init_county(dir, "示范县", "330102", &ws, &err) || wg_repo_open(ws, false, &repo, &err)) {
		tap_ok(false, "workspace: %s", err.msg);
		return tap_exit();
	}
	time_t at = 1795000000; /* 2026-11-18, CST */
	wg_clock_fix(&at);
	git_oid t1 = tree_of("卫生院"), t2 = tree_of("卫生院 二部");
	const char *msg = "Sync of grid 01 by 张三: 1 change\n\nA entity " ID_E "\n";

	git_oid a = commit(&t1, NULL, msg, false), b = commit(&t1, NULL, msg, true);
	tap_ok(git_oid_equal(&a, &b), "a first commit written behind is libgit2's (signed: %s)",
	       repo->signing ? "yes" : "no");
	git_oid c = commit(&t2, &a, msg, false), d = commit(&t2, &a, msg, true);
	tap_ok(git_oid_equal(&c, &d), "and so is one with a parent");

	/* a commit's blob, tree and the commit itself all written behind */
	if (wg_repo_write_behind(repo, true, &err))
		tap_diag("write behind: %s", err.msg);
	wg_record *r = wg_record_new(&wg_kind_entity);
	wg_record_put(r, 0, ID_E);
	wg_record_put(r, (size_t)wg_field_index(r->kind, "name"), "卫生院 三部");
	git_oid blob, t3, e;
	int rc = wg_record_blob(repo, r, &blob, &err);
	wg_record_free(r);
	strbuf sb = STRBUF_INIT;
	wg_tree_entry_add(&sb, GIT_FILEMODE_BLOB, ID_E, strlen(ID_E), &blob);
	if (rc == WG_OK)
		rc = wg_repo_write_object(repo, GIT_OBJECT_TREE, sb.buf, sb.len, &t3, &err);
	sb_release(&sb);
	const git_oid *parent = &c;
	if (rc == WG_OK)
		rc = wg_repo_commit(repo, &t3, &parent, 1, msg, &e, &err);
	tap_is_int(rc, WG_OK, "a commit of objects written behind");
	tap_is_int(wg_repo_write_behind(repo, false, &err), WG_OK, "every object packed");
	tap_is_int(wg_repo_flush(repo, &err), WG_OK, "and flushed");
	git_commit *got = NULL;
	tap_ok(git_commit_lookup(&got, repo->git, &e) == 0, "the commit reads back");
	tap_ok(got && git_oid_equal(git_commit_tree_id(got), &t3) &&
		       git_oid_equal(git_commit_parent_id(got, 0), &c),
	       "with its tree and parent");
	git_tree *tree = NULL;
	tap_ok(got && git_commit_tree(&tree, got) == 0 && git_tree_entrycount(tree) == 1,
	       "its tree too");
	git_tree_free(tree);
	git_commit_free(got);

	/* Nine packs of 3 MiB each (incompressible blobs, one flush each):
	 * enough packs for a roll-up, but each bigger than a quarter of the 8
	 * MiB a roll-up may make in memory, so none is rolled (the 64 MiB
	 * limit rolled them into one of 27 MB, held in memory at once). */
	size_t big = (size_t)3 << 20;
	unsigned char *junk = malloc(big);
	uint32_t x = 2463534242u;
	git_oid blobs[9];
	rc = junk ? WG_OK : WG_EINTERNAL;
	for (int i = 0; i < 9 && rc == WG_OK; i++) {
		for (size_t j = 0; j < big; j++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			junk[j] = (unsigned char)x;
		}
		if ((rc = wg_repo_write_object(repo, GIT_OBJECT_BLOB, junk, big, &blobs[i], &err)) ==
		    WG_OK)
			rc = wg_repo_flush(repo, &err);
	}
	free(junk);
	tap_is_int(rc, WG_OK, "nine packs of 3 MiB written");
	char packdir[300];
	snprintf(packdir, sizeof packdir, "%s/history.git/objects/pack", dir);
	DIR *pd = opendir(packdir);
	int packs = 0, over = 0;
	struct dirent *de;
	while (pd && (de = readdir(pd))) {
		size_t len = strlen(de->d_name);
		char path[600];
		struct stat st;
		if (len <= 5 || strcmp(de->d_name + len - 5, ".pack") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", packdir, de->d_name);
		packs++;
		if (stat(path, &st) == 0 && st.st_size > (off_t)8 << 20)
			over++;
	}
	if (pd)
		closedir(pd);
	tap_ok(packs >= 9 && over == 0, "none rolled into a pack over 8 MiB (%d packs, %d over)",
	       packs, over);
	git_odb *odb = NULL;
	bool all = git_repository_odb(&odb, repo->git) == 0;
	for (int i = 0; i < 9 && all; i++)
		all = git_odb_exists(odb, &blobs[i]) == 1;
	git_odb_free(odb);
	tap_ok(all, "and every blob is there");
	wg_clock_fix(NULL);

	wg_repo_close(repo);
	wg_ws_close(ws);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", base);
	return tap_exit();
}
