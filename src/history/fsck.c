/* wangge check's look at the history, as git fsck would: every pack read
 * whole (its checksum, every object inflated and named by its hash, every
 * delta applied), every object its index lists findable, every loose object
 * named by its hash, and every ref wangge keeps connected (its commits, and
 * their trees and records, all there). */
#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileutil.h"
#include "fsck.h"
#include "i18n.h"
#include "pack.h"
#include "strbuf.h"

/* A set of object ids (open addressing; all zeros marks a free slot). */
struct seen {
	git_oid *v;
	size_t cap, n;
};

static bool seen_add(struct seen *s, const git_oid *oid)
{
	if (2 * (s->n + 1) > s->cap) {
		struct seen bigger = {xcalloc(s->cap ? 2 * s->cap : 1024, sizeof *s->v),
				      s->cap ? 2 * s->cap : 1024, 0};
		for (size_t i = 0; i < s->cap; i++)
			if (!git_oid_is_zero(&s->v[i]))
				seen_add(&bigger, &s->v[i]);
		free(s->v);
		*s = bigger;
	}
	size_t i;
	memcpy(&i, oid->id, sizeof i);
	for (i &= s->cap - 1; !git_oid_is_zero(&s->v[i]); i = (i + 1) & (s->cap - 1))
		if (git_oid_equal(&s->v[i], oid))
			return false;
	s->v[i] = *oid;
	s->n++;
	return true;
}

static int check_packs(git_odb *odb, const char *packdir, size_t *objects, wg_error *err)
{
	DIR *d = opendir(packdir);
	struct dirent *e;
	strbuf data = STRBUF_INIT, buf = STRBUF_INIT;
	int rc = WG_OK;
	if (!d)
		return WG_OK;
	while (rc == WG_OK && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".pack") != 0)
			continue;
		char *path = xasprintf("%s/%s", packdir, e->d_name);
		wg_pack *p = NULL;
		if ((rc = wg_read_file(path, SIZE_MAX / 2, &data, err)) == WG_OK &&
		    (rc = wg_pack_open((const unsigned char *)data.buf, data.len, odb, &p, err)) ==
			    WG_OK) {
			for (size_t i = 0; i < wg_pack_count(p) && rc == WG_OK; i++) {
				git_oid oid;
				git_object_t type;
				const unsigned char *obj;
				size_t len;
				if ((rc = wg_pack_read_at(p, i, &oid, &type, &obj, &len, &buf, err)))
					break;
				if (!git_odb_exists(odb, &oid))
					rc = wg_fail(err, WG_EINPUT,
						     _("the index of the pack does not list object %s"),
						     git_oid_tostr_s(&oid));
			}
			*objects += wg_pack_count(p);
		}
		if (rc)
			wg_error_prefix(err, "objects/pack/%s", e->d_name);
		wg_pack_free(p);
		free(path);
	}
	closedir(d);
	sb_release(&data);
	sb_release(&buf);
	return rc;
}

static int check_loose(git_odb *odb, const char *objdir, size_t *objects, wg_error *err)
{
	int rc = WG_OK;
	for (int k = 0; k < 256 && rc == WG_OK; k++) {
		char *sub = xasprintf("%s/%02x", objdir, k);
		DIR *d = opendir(sub);
		struct dirent *e;
		while (d && rc == WG_OK && (e = readdir(d))) {
			char hex[GIT_OID_HEXSZ + 1];
			git_oid oid, again;
			git_odb_object *obj;
			if (strlen(e->d_name) != GIT_OID_HEXSZ - 2)
				continue;
			snprintf(hex, sizeof hex, "%02x%s", k, e->d_name);
			if (git_oid_fromstr(&oid, hex) < 0)
				continue;
			if (git_odb_read(&obj, odb, &oid) < 0) {
				rc = wg_fail(err, WG_EINPUT, _("the object %s cannot be read"), hex);
				break;
			}
			if (git_odb_hash(&again, git_odb_object_data(obj), git_odb_object_size(obj),
					 git_odb_object_type(obj)) < 0 ||
			    !git_oid_equal(&again, &oid))
				rc = wg_fail(err, WG_EINPUT, _("the object %s is damaged"), hex);
			git_odb_object_free(obj);
			(*objects)++;
		}
		if (d)
			closedir(d);
		free(sub);
	}
	return rc;
}

static int missing(wg_error *err, const char *ref, const git_oid *oid)
{
	return wg_fail(err, WG_EINPUT, _("%s: the object %s is missing or unreadable"), ref,
		       git_oid_tostr_s(oid));
}

static int walk_tree(git_repository *git, git_odb *odb, struct seen *s, const git_oid *id,
		     const char *ref, wg_error *err)
{
	git_tree *t;
	int rc = WG_OK;
	if (!seen_add(s, id))
		return WG_OK;
	if (git_tree_lookup(&t, git, id) < 0)
		return missing(err, ref, id);
	for (size_t i = 0; i < git_tree_entrycount(t) && rc == WG_OK; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(t, i);
		const git_oid *eid = git_tree_entry_id(e);
		if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
			rc = walk_tree(git, odb, s, eid, ref, err);
		else if (seen_add(s, eid) && !git_odb_exists(odb, eid))
			rc = missing(err, ref, eid);
	}
	git_tree_free(t);
	return rc;
}

static int check_ref(git_repository *git, git_odb *odb, struct seen *s, const char *ref,
		     wg_error *err)
{
	git_revwalk *walk;
	git_oid oid;
	int rc = WG_OK, wrc;
	if (git_revwalk_new(&walk, git) < 0)
		return wg_git_fail(err, _("read commits"));
	if (git_revwalk_push_ref(walk, ref) < 0) {
		git_revwalk_free(walk);
		return wg_fail(err, WG_EINPUT, _("%s does not name a commit of the history"), ref);
	}
	while (rc == WG_OK && (wrc = git_revwalk_next(&oid, walk)) == 0) {
		git_commit *c;
		if (!seen_add(s, &oid))
			continue;
		if (git_commit_lookup(&c, git, &oid) < 0) {
			rc = missing(err, ref, &oid);
			break;
		}
		rc = walk_tree(git, odb, s, git_commit_tree_id(c), ref, err);
		git_commit_free(c);
	}
	if (rc == WG_OK && wrc != GIT_ITEROVER)
		rc = wg_fail(err, WG_EINPUT, _("%s: its commits cannot all be read"), ref);
	git_revwalk_free(walk);
	return rc;
}

int wg_history_fsck(wg_repo *repo, const char *gitdir, size_t *objects, wg_error *err)
{
	git_reference_iterator *it = NULL;
	const char *name;
	struct seen s = {NULL, 0, 0};
	*objects = 0;
	char *packdir = xasprintf("%s/objects/pack", gitdir), *objdir = xasprintf("%s/objects", gitdir);
	int rc = check_packs(repo->odb, packdir, objects, err);
	if (rc == WG_OK)
		rc = check_loose(repo->odb, objdir, objects, err);
	free(packdir);
	free(objdir);
	if (rc == WG_OK && git_reference_iterator_glob_new(&it, repo->git, "refs/*") < 0)
		rc = wg_git_fail(err, _("read the history"));
	while (rc == WG_OK && git_reference_next_name(&name, it) == 0)
		rc = check_ref(repo->git, repo->odb, &s, name, err);
	git_reference_iterator_free(it);
	free(s.v);
	return rc;
}
