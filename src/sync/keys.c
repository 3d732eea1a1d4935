#include <config.h>

#include <sodium.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "id.h"
#include "keys.h"
#include "record.h"
#include "timeutil.h"


void wg_signers_free(wg_signers *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static bool oid_from_hex(const char *hex, git_oid *out)
{
	if (strlen(hex) != GIT_OID_HEXSZ || strspn(hex, "0123456789abcdef") != GIT_OID_HEXSZ)
		return false;
	unsigned char raw[GIT_OID_RAWSZ];
	for (int i = 0; i < GIT_OID_RAWSZ; i++) {
		int hi = hex[2 * i], lo = hex[2 * i + 1];
		hi = hi <= '9' ? hi - '0' : hi - 'a' + 10;
		lo = lo <= '9' ? lo - '0' : lo - 'a' + 10;
		raw[i] = (unsigned char)(hi << 4 | lo);
	}
	git_oid_fromraw(out, raw);
	return true;
}

/* One signer from its fields; a key that cannot be read is left out (it can
 * match no signature). */
static void add_signer(wg_signers *s, const char *const f[12])
{
	/* id, holder, role, grid, name, public_key, words, status, registered,
	 * revoked, reason, accepted_tip */
	struct wg_signer g = {0};
	const char *why;
	if (!wg_key_parse_public(f[5], g.pk, &why))
		return;
	copy(g.id, sizeof g.id, f[0]);
	copy(g.holder, sizeof g.holder, f[1]);
	g.county = strcmp(f[2], "county") == 0;
	copy(g.grid, sizeof g.grid, f[3]);
	copy(g.name, sizeof g.name, f[4]);
	wg_key_words(g.pk, g.words);
	g.revoked = strcmp(f[7], "revoked") == 0;
	copy(g.registered, sizeof g.registered, f[8]);
	copy(g.revoked_at, sizeof g.revoked_at, f[9]);
	copy(g.reason, sizeof g.reason, f[10]);
	/* read here, not with libgit2: the keys are read before libgit2 is set
	 * up (key show, log), and its error path needs that */
	g.has_accepted_tip = oid_from_hex(f[11], &g.accepted_tip);
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 8;
		s->v = xrealloc(s->v, s->alloc * sizeof *s->v);
	}
	s->v[s->n++] = g;
}

static const char *const signer_columns =
	"id, holder, role, grid, name, public_key, words, status, registered, revoked, reason,"
	" accepted_tip";

int wg_signers_load(sqlite3 *db, wg_signers *out, wg_error *err)
{
	sqlite3_stmt *st;
	memset(out, 0, sizeof *out);
	char *sql = xasprintf("SELECT %s FROM signer ORDER BY registered, id", signer_columns);
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return wg_db_fail(db, err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *f[12];
		for (int i = 0; i < 12; i++)
			f[i] = (const char *)sqlite3_column_text(st, i);
		for (int i = 0; i < 12; i++)
			if (!f[i])
				f[i] = "";
		add_signer(out, f);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		wg_signers_free(out);
		return wg_db_fail(db, err);
	}
	return WG_OK;
}

/* signer/<xx>/<x>/<id>: every blob under the tree, parsed as a record. */
static int walk_signers(wg_repo *repo, const git_tree *tree, int depth, wg_signers *out,
			wg_error *err)
{
	size_t n = git_tree_entrycount(tree);
	for (size_t i = 0; i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		if (depth < 2) {
			git_tree *sub;
			if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
				continue;
			if (git_tree_lookup(&sub, repo->git, git_tree_entry_id(e)) < 0)
				return wg_git_fail(err, _("read tree"));
			int rc = walk_signers(repo, sub, depth + 1, out, err);
			git_tree_free(sub);
			if (rc)
				return rc;
			continue;
		}
		git_blob *blob;
		wg_record *rec;
		wg_error perr;
		if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
			continue;
		if (git_blob_lookup(&blob, repo->git, git_tree_entry_id(e)) < 0)
			return wg_git_fail(err, _("read record"));
		size_t len = (size_t)git_blob_rawsize(blob);
		if (len <= WG_RECORD_MAX_BYTES &&
		    wg_record_parse(git_blob_rawcontent(blob), len, &rec, &perr) == WG_OK) {
			if (rec->kind == &wg_kind_signer) {
				static const char *const names[12] = {
					"id", "holder", "role", "grid", "name", "public_key", "words",
					"status", "registered", "revoked", "reason", "accepted_tip"};
				const char *f[12];
				for (int k = 0; k < 12; k++)
					f[k] = rec->val[wg_field_index(&wg_kind_signer, names[k])];
				add_signer(out, f);
			}
			wg_record_free(rec);
		}
		git_blob_free(blob);
	}
	return WG_OK;
}

int wg_signers_from_commit(wg_repo *repo, const git_oid *common_tip, wg_signers *out,
			   wg_error *err)
{
	git_commit *c;
	git_tree *root, *sub;
	memset(out, 0, sizeof *out);
	if (git_commit_lookup(&c, repo->git, common_tip) < 0)
		return wg_git_fail(err, _("read commits"));
	int rc = git_commit_tree(&root, c);
	git_commit_free(c);
	if (rc < 0)
		return wg_git_fail(err, _("read tree"));
	const git_tree_entry *e = git_tree_entry_byname(root, wg_kind_signer.name);
	rc = WG_OK;
	if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE) {
		if (git_tree_lookup(&sub, repo->git, git_tree_entry_id(e)) < 0) {
			rc = wg_git_fail(err, _("read tree"));
		} else {
			rc = walk_signers(repo, sub, 0, out, err);
			git_tree_free(sub);
		}
	}
	git_tree_free(root);
	if (rc)
		wg_signers_free(out);
	return rc;
}

const struct wg_signer *wg_signers_find(const wg_signers *s,
					const unsigned char pk[WG_KEY_PUBLIC_BYTES])
{
	for (size_t i = 0; i < s->n; i++)
		if (memcmp(s->v[i].pk, pk, WG_KEY_PUBLIC_BYTES) == 0)
			return &s->v[i];
	return NULL;
}

/* ---- registering ---- */

static int insert_signer(sqlite3 *db, const char *holder, const char *role, const char *grid,
			 const char *name, const unsigned char pk[WG_KEY_PUBLIC_BYTES],
			 struct wg_signer *out, wg_error *err)
{
	char id[WG_ID_BUFSIZE], now[WG_TIMESTAMP_LEN + 1], words[WG_KEY_WORDS_BUFSIZE];
	strbuf text = STRBUF_INIT;
	/* The record of a key is named by the key (the start of its SHA-256):
	 * one record per key, whoever registers it, and the same in every copy. */
	unsigned char h[32];
	crypto_hash_sha256(h, pk, WG_KEY_PUBLIC_BYTES);
	for (int i = 0; i < 16; i++)
		snprintf(id + 2 * i, 3, "%02x", h[i]);
	wg_timestamp(wg_now(), now);
	wg_key_public_text(pk, NULL, &text);
	wg_key_words(pk, words);
	wg_record *rec = wg_record_new(&wg_kind_signer);
	wg_record_put(rec, 0, id);
	int rc;
	if ((rc = wg_record_set(rec, "holder", holder, NULL, err)) ||
	    (rc = wg_record_set(rec, "role", role, NULL, err)) ||
	    (rc = wg_record_set(rec, "grid", grid, NULL, err)) ||
	    (rc = wg_record_set(rec, "name", name, NULL, err)) ||
	    (rc = wg_record_set(rec, "public_key", sb_str(&text), NULL, err)) ||
	    (rc = wg_record_set(rec, "words", words, NULL, err)) ||
	    (rc = wg_record_set(rec, "status", "active", NULL, err)) ||
	    (rc = wg_record_set(rec, "registered", now, NULL, err)) ||
	    (rc = wg_record_check(rec, err)) || (rc = wg_db_insert(db, rec, err)))
		goto out;
	if (out) {
		const char *f[12] = {id, holder, role, grid, name, sb_str(&text), words, "active",
				     now, "", "", ""};
		wg_signers one = {0};
		add_signer(&one, f);
		*out = one.v[0];
		wg_signers_free(&one);
	}
out:
	wg_record_free(rec);
	sb_release(&text);
	return rc;
}

int wg_keys_ensure_county(wg_workspace *ws, wg_error *err)
{
	if (ws->role != ROLE_COUNTY || !ws->has_key)
		return WG_OK;
	wg_signers s;
	int rc = wg_signers_load(ws->db, &s, err);
	if (rc)
		return rc;
	const struct wg_signer *own = wg_signers_find(&s, ws->key.pk);
	bool have = own && own->county;
	wg_signers_free(&s);
	if (have)
		return WG_OK;
	char name[128] = "";
	long n;
	if ((rc = wg_count_rows(ws->db, "SELECT name FROM county WHERE id = ?", ws->county_id, &n,
				name, sizeof name, err)))
		return rc;
	return insert_signer(ws->db, "", "county", "", *name ? name : "county", ws->key.pk, NULL,
			     err);
}

int wg_officer_find(sqlite3 *db, const char *text, char id[WG_ID_BUFSIZE], wg_error *err)
{
	long n;
	int rc = wg_count_rows(db, "SELECT id FROM officer WHERE name = ?", text, &n, id,
			       WG_ID_BUFSIZE, err);
	if (rc)
		return rc;
	if (n == 1)
		return WG_OK;
	if (n > 1)
		return wg_fail(err, WG_EINPUT,
			       _("%ld officers are called %s: give the officer's id instead"), n, text);
	return wg_db_resolve(db, &wg_kind_officer, text, id, err);
}

int wg_key_read_file(const char *path, char **public_key, wg_error *err)
{
	char buf[4096];
	*public_key = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return wg_fail(err, WG_EINPUT, _("cannot read %s: %s"), path, strerror(errno));
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	bool more = fgetc(f) != EOF;
	fclose(f);
	buf[n] = '\0';
	unsigned char pk[WG_KEY_PUBLIC_BYTES];
	const char *why;
	if (more || strlen(buf) != n)
		return wg_fail(err, WG_EINPUT, _("%s is not a key file: it is too long or not text"),
			       path);
	if (!wg_key_parse_public(buf, pk, &why))
		return wg_fail(err, WG_EINPUT, _("%s: %s"), path, why);
	strbuf text = STRBUF_INIT;
	wg_key_public_text(pk, NULL, &text);
	*public_key = sb_detach(&text);
	return WG_OK;
}

int wg_key_register(wg_workspace *ws, const char *officer, const char *public_key,
		    const char *words, struct wg_signer *out, wg_error *err)
{
	unsigned char pk[WG_KEY_PUBLIC_BYTES];
	const char *why;
	char name[128] = "", grid[40] = "", got[WG_KEY_WORDS_BUFSIZE];
	long n;
	int rc;
	if (ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EUSAGE, _("only the county registers keys"));
	if (!wg_key_parse_public(public_key, pk, &why))
		return wg_fail(err, WG_EINPUT, "%s", why);
	if ((rc = wg_count_rows(ws->db, "SELECT name FROM officer WHERE id = ?", officer, &n, name,
				sizeof name, err)))
		return rc;
	if (n != 1)
		return wg_fail(err, WG_EINPUT, _("no officer has the id %s"), officer);
	if ((rc = wg_count_rows(ws->db, "SELECT grid FROM officer WHERE id = ?", officer, &n, grid,
				sizeof grid, err)))
		return rc;
	if (!*grid)
		return wg_fail(err, WG_EINPUT,
			       _("%s has no grid: only a grid officer has a workspace and a key of "
				 "their own"), name);
	wg_key_words(pk, got);
	if (!words || !wg_key_words_match(pk, words))
		return wg_fail_needs(err, WG_EUSAGE, "fingerprint",
				     _("the fingerprint of this key is %s. Ask %s to read the "
				       "fingerprint on their screen aloud and compare "
				       "it with this one; only if they are the same, register the "
				       "key, giving the fingerprint"), got, name);
	wg_signers s;
	if ((rc = wg_signers_load(ws->db, &s, err)))
		return rc;
	const struct wg_signer *dup = wg_signers_find(&s, pk);
	const struct wg_signer *active = NULL;
	for (size_t i = 0; i < s.n; i++)
		if (!s.v[i].county && !s.v[i].revoked && strcmp(s.v[i].holder, officer) == 0)
			active = &s.v[i];
	if (dup)
		rc = wg_fail(err, WG_EINPUT, _("this key is already registered, for %s"), dup->name);
	else if (active)
		rc = wg_fail(err, WG_EINPUT,
			     _("%s already has a key in use (fingerprint %s): revoke it first"), name,
			     active->words);
	wg_signers_free(&s);
	if (rc)
		return rc;
	if ((rc = wg_db_begin(ws->db, err)))
		return rc;
	if ((rc = insert_signer(ws->db, officer, "officer", grid, name, pk, out, err)) ||
	    (rc = wg_db_commit(ws->db, err)))
		wg_db_rollback(ws->db);
	return rc;
}

int wg_key_revoke(wg_workspace *ws, const char *officer, const char *reason,
		  struct wg_signer *out, wg_error *err)
{
	if (ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EUSAGE, _("only the county revokes keys"));
	wg_signers s;
	int rc = wg_signers_load(ws->db, &s, err);
	if (rc)
		return rc;
	const struct wg_signer *active = NULL;
	for (size_t i = 0; i < s.n; i++)
		if (!s.v[i].county && !s.v[i].revoked && strcmp(s.v[i].holder, officer) == 0)
			active = &s.v[i];
	if (!active) {
		char name[128] = "";
		long n;
		rc = wg_count_rows(ws->db, "SELECT name FROM officer WHERE id = ?", officer, &n, name,
				   sizeof name, err);
		if (rc == WG_OK)
			rc = n != 1 ? wg_fail(err, WG_EINPUT, _("no officer has the id %s"), officer)
				    : wg_fail(err, WG_EINPUT, _("%s has no key in use"), name);
		wg_signers_free(&s);
		return rc;
	}
	struct wg_signer g = *active;
	wg_signers_free(&s);

	/* What the county accepted from this key: everything up to its grid's tip. */
	wg_repo *repo;
	git_oid tip;
	char tiphex[GIT_OID_HEXSZ + 1] = "", now[WG_TIMESTAMP_LEN + 1];
	if ((rc = wg_repo_open(ws, false, &repo, err)))
		return rc;
	char *ref = xasprintf("%s%s", WG_REF_GRID_PREFIX, g.grid);
	if (git_reference_name_to_id(&tip, repo->git, ref) == 0)
		git_oid_tostr(tiphex, sizeof tiphex, &tip);
	free(ref);
	wg_repo_close(repo);
	wg_timestamp(wg_now(), now);

	wg_record *rec;
	if ((rc = wg_db_begin(ws->db, err)))
		return rc;
	if ((rc = wg_db_load(ws->db, &wg_kind_signer, g.id, &rec, err)) == WG_OK) {
		if ((rc = wg_record_set(rec, "status", "revoked", NULL, err)) == WG_OK &&
		    (rc = wg_record_set(rec, "revoked", now, NULL, err)) == WG_OK &&
		    (rc = wg_record_set(rec, "reason", reason ? reason : "", NULL, err)) == WG_OK &&
		    (rc = wg_record_set(rec, "accepted_tip", tiphex, NULL, err)) == WG_OK)
			rc = wg_db_update(ws->db, rec, err);
		wg_record_free(rec);
	}
	if (rc == WG_OK)
		rc = wg_db_commit(ws->db, err);
	if (rc) {
		wg_db_rollback(ws->db);
		return rc;
	}
	if (out) {
		*out = g;
		out->revoked = true;
		copy(out->revoked_at, sizeof out->revoked_at, now);
		copy(out->reason, sizeof out->reason, reason);
		out->has_accepted_tip = *tiphex != '\0';
		if (*tiphex)
			git_oid_fromstr(&out->accepted_tip, tiphex);
	}
	return WG_OK;
}

void wg_signer_principal(const wg_workspace *ws, const struct wg_signer *s, strbuf *out)
{
	sb_addf(out, "%s@%s", s->county ? "county" : s->holder, ws->county_id ? ws->county_id : "");
}

int wg_keys_allowed_signers(wg_workspace *ws, strbuf *out, wg_error *err)
{
	wg_signers s;
	int rc = wg_signers_load(ws->db, &s, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < s.n; i++) {
		const struct wg_signer *g = &s.v[i];
		wg_signer_principal(ws, g, out);
		sb_adds(out, " namespaces=\"git\"");
		/* a revoked key verifies what was signed before its revocation:
		 * ssh-keygen compares with the commit's time (git passes it) */
		if (g->revoked && strlen(g->revoked_at) >= 19) {
			const char *t = g->revoked_at;
			sb_addf(out, ",valid-before=\"%.4s%.2s%.2s%.2s%.2s%.2sZ\"", t, t + 5, t + 8,
				t + 11, t + 14, t + 17);
		}
		sb_addc(out, ' ');
		wg_key_public_text(g->pk, NULL, out);
		sb_addc(out, '\n');
	}
	wg_signers_free(&s);
	return WG_OK;
}

/* ---- the county's key, pinned by an officer ---- */

int wg_keys_pin_county(wg_workspace *ws, wg_error *err)
{
	char key[256] = "";
	long n;
	int rc = wg_count_rows(ws->db,
			       "SELECT public_key FROM signer WHERE role = 'county' AND status = 'active'"
			       " ORDER BY registered DESC",
			       NULL, &n, key, sizeof key, err);
	if (rc)
		return rc;
	if (n == 0)
		return wg_fail(err, WG_EINPUT,
			       _("the county's data carries no key of the county: it was made by an "
				 "older wangge. Ask the county to update wangge and to make the bundle "
				 "again"));
	return wg_meta_set(ws->db, "county_key", key, err);
}

int wg_keys_pinned_county(wg_workspace *ws, unsigned char pk[WG_KEY_PUBLIC_BYTES], bool *pinned,
			  wg_error *err)
{
	char *key = NULL;
	const char *why;
	*pinned = false;
	int rc = wg_meta_get(ws->db, "county_key", &key, err);
	if (rc)
		return rc;
	if (key && wg_key_parse_public(key, pk, &why))
		*pinned = true;
	free(key);
	return WG_OK;
}

/* ---- the cut-over of a workspace made before keys ---- */

struct remap {
	git_oid from, to;
};

static const git_oid *remapped(const struct remap *m, size_t n, const git_oid *o)
{
	for (size_t i = 0; i < n; i++)
		if (git_oid_equal(&m[i].from, o))
			return &m[i].to;
	return o;
}

/* commit again, signed, with parents mapped */
static int resign_one(wg_repo *repo, git_commit *c, const struct remap *m, size_t nm,
		      git_oid *out, wg_error *err)
{
	size_t np = git_commit_parentcount(c);
	const git_commit *parents[2] = {NULL, NULL};
	git_tree *tree = NULL;
	int rc = WG_OK;
	if (np > 2)
		return wg_fail(err, WG_EINTERNAL, "commit with %zu parents", np);
	if (git_commit_tree(&tree, c) < 0)
		return wg_git_fail(err, _("read tree"));
	for (size_t i = 0; i < np && rc == WG_OK; i++)
		if (git_commit_lookup((git_commit **)&parents[i], repo->git,
				      remapped(m, nm, git_commit_parent_id(c, (unsigned)i))) < 0)
			rc = wg_git_fail(err, _("read commits"));
	if (rc == WG_OK)
		rc = wg_repo_write_commit(repo, git_commit_author(c), git_commit_committer(c),
					  git_commit_message_encoding(c), git_commit_message(c), tree,
					  np, parents, out, err);
	for (size_t i = 0; i < np; i++)
		git_commit_free((git_commit *)parents[i]);
	git_tree_free(tree);
	return rc;
}

int wg_keys_resign_legacy(wg_workspace *ws, wg_repo *repo, wg_tips *tips, size_t *nresigned,
			  wg_error *err)
{
	char *flag = NULL;
	*nresigned = 0;
	if (ws->role != ROLE_OFFICER || !repo->signing)
		return WG_OK;
	int rc = wg_meta_get(ws->db, "resign_pending", &flag, err);
	bool pending = flag && strcmp(flag, "1") == 0;
	free(flag);
	if (rc || !pending)
		return rc;
	char gref[WG_REF_MAX];
	snprintf(gref, sizeof gref, "%s%s", WG_REF_GRID_PREFIX, ws->grid ? ws->grid : "");
	struct wg_tip *t = wg_tips_get(tips, gref);
	git_revwalk *walk = NULL;
	sqlite3_stmt *st = NULL;
	struct remap *m = NULL;
	size_t nm = 0, am = 0;
	git_oid oid;
	if (!t || !t->has_cur)
		goto done;
	if (git_revwalk_new(&walk, repo->git) < 0 || git_revwalk_push(walk, &t->cur) < 0) {
		rc = wg_git_fail(err, _("read commits"));
		goto done;
	}
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	/* what the county sent is what it has for certain */
	if (sqlite3_prepare_v2(ws->db, "SELECT tip FROM sync_received WHERE branch = ?", -1, &st,
			       NULL) != SQLITE_OK) {
		rc = wg_db_fail(ws->db, err);
		goto done;
	}
	sqlite3_bind_text(st, 1, gref, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		git_oid o;
		const char *hex = (const char *)sqlite3_column_text(st, 0);
		if (hex && git_oid_fromstr(&o, hex) == 0 && git_odb_exists(repo->odb, &o))
			git_revwalk_hide(walk, &o);
	}
	sqlite3_finalize(st);
	st = NULL;
	while (rc == WG_OK && git_revwalk_next(&oid, walk) == 0) {
		git_commit *c;
		git_buf sig = GIT_BUF_INIT, data = GIT_BUF_INIT;
		if (git_commit_lookup(&c, repo->git, &oid) < 0) {
			rc = wg_git_fail(err, _("read commits"));
			break;
		}
		bool signed_ = git_commit_extract_signature(&sig, &data, repo->git, &oid, "gpgsig") == 0;
		git_error_clear();
		git_buf_dispose(&sig);
		git_buf_dispose(&data);
		bool moved = false;
		for (unsigned i = 0; i < git_commit_parentcount(c); i++)
			moved |= remapped(m, nm, git_commit_parent_id(c, i)) != git_commit_parent_id(c, i);
		if (!signed_ || moved) {
			git_oid now;
			if ((rc = resign_one(repo, c, m, nm, &now, err)) == WG_OK) {
				if (nm == am) {
					am = am ? 2 * am : 16;
					m = xrealloc(m, am * sizeof *m);
				}
				m[nm++] = (struct remap){oid, now};
			}
		}
		git_commit_free(c);
	}
	if (rc == WG_OK && nm) {
		t->cur = *remapped(m, nm, &t->cur);
		/* the tips assumed sent before (old bundles) are not what the county
		 * will have: forget them */
		char hex[GIT_OID_HEXSZ + 1];
		for (size_t i = 0; i < nm && rc == WG_OK; i++) {
			git_oid_tostr(hex, sizeof hex, &m[i].from);
			if (sqlite3_prepare_v2(ws->db, "DELETE FROM sync_peer WHERE tip = ?", -1, &st,
					       NULL) != SQLITE_OK) {
				rc = wg_db_fail(ws->db, err);
				break;
			}
			sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = wg_db_fail(ws->db, err);
			sqlite3_finalize(st);
			st = NULL;
		}
		*nresigned = nm;
	}
done:
	if (rc == WG_OK)
		rc = wg_meta_set(ws->db, "resign_pending", "0", err);
	sqlite3_finalize(st);
	git_revwalk_free(walk);
	free(m);
	return rc;
}

/* ---- one commit's signature ---- */

/* Whether commit is tip or one of its ancestors. */
static bool reachable(wg_repo *repo, const git_oid *commit, const git_oid *tip)
{
	return git_oid_equal(commit, tip) || git_graph_descendant_of(repo->git, tip, commit) == 1;
}

int wg_commit_sig_check(wg_repo *repo, const wg_signers *keys, const git_oid *oid,
			const char *author_id, const char *grid, struct wg_commit_sig_info *info,
			wg_error *err)
{
	git_buf sig = GIT_BUF_INIT, data = GIT_BUF_INIT;
	memset(info, 0, sizeof *info);
	int rc = git_commit_extract_signature(&sig, &data, repo->git, (git_oid *)oid, "gpgsig");
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		info->status = WG_SIG_UNSIGNED;
		return WG_OK;
	}
	if (rc < 0)
		return wg_git_fail(err, _("read commits"));
	info->result = wg_sshsig_verify(sig.ptr, sig.size, "git", data.ptr, data.size, info->pk,
					&info->have_pk);
	git_buf_dispose(&sig);
	git_buf_dispose(&data);
	if (info->result != WG_SSHSIG_GOOD) {
		info->status = WG_SIG_BAD;
		if (info->have_pk)
			info->signer = wg_signers_find(keys, info->pk);
		return WG_OK;
	}
	const struct wg_signer *s = info->signer = wg_signers_find(keys, info->pk);
	if (!s)
		info->status = WG_SIG_UNKNOWN;
	else if (s->county ? strcmp(author_id, "county") != 0
			   : strcmp(author_id, s->holder) != 0 || !grid || strcmp(grid, s->grid) != 0)
		info->status = WG_SIG_WRONG;
	else if (s->revoked)
		info->status = s->has_accepted_tip && reachable(repo, oid, &s->accepted_tip)
				       ? WG_SIG_REVOKED_OK
				       : WG_SIG_WRONG;
	else
		info->status = WG_SIG_GOOD;
	return WG_OK;
}

const char *wg_commit_sig_text(enum wg_commit_sig s)
{
	switch (s) {
	case WG_SIG_GOOD:
		/* TRANSLATORS: the signature of a change in the history */
		return _("good signature");
	case WG_SIG_REVOKED_OK:
		return _("good signature (the key was revoked later)");
	case WG_SIG_UNSIGNED:
		return _("unsigned (made before signatures)");
	case WG_SIG_BAD:
		return _("BAD signature");
	case WG_SIG_UNKNOWN:
		return _("signed with a key that is not registered");
	case WG_SIG_WRONG:
		return _("signed with a key that is not the author's");
	}
	return "?";
}

const char *wg_commit_sig_short(enum wg_commit_sig s)
{
	switch (s) {
	case WG_SIG_GOOD:
		/* TRANSLATORS: a column of the history: the signature is good */
		return _("good");
	case WG_SIG_REVOKED_OK:
		/* TRANSLATORS: good, by a key revoked later */
		return _("good, revoked");
	case WG_SIG_UNSIGNED:
		return _("unsigned");
	case WG_SIG_BAD:
		return _("BAD");
	case WG_SIG_UNKNOWN:
		return _("unknown key");
	case WG_SIG_WRONG:
		return _("wrong key");
	}
	return "?";
}
