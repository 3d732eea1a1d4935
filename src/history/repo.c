#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "changed.h"
#include "db.h"
#include "fileutil.h"
#include "i18n.h"
#include "id.h"
#include "pack.h"
#include "packfiles.h"
#include "progress.h"
#include "relay.h"
#include "repo.h"
#include "sha256.h"
#include "strbuf.h"
#include "timeutil.h"

static int load_author(wg_repo *repo, wg_workspace *ws, wg_error *err)
{
	sqlite3_stmt *st;
	char *name = NULL;
	free(repo->name);
	free(repo->email);
	free(repo->county_id);
	repo->county_id = xstrdup(ws->county_id ? ws->county_id : "");
	repo->county = ws->role == ROLE_COUNTY;
	repo->signing = ws->has_key;
	if (ws->has_key)
		repo->key = ws->key;
	const char *sql = ws->role == ROLE_OFFICER ? "SELECT name FROM officer WHERE id = ?"
						   : "SELECT name FROM county WHERE id = ?";
	const char *who = ws->role == ROLE_OFFICER ? ws->officer : ws->county_id;
	if (sqlite3_prepare_v2(ws->db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(ws->db, err);
	sqlite3_bind_text(st, 1, who ? who : "", -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		name = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	repo->name = name ? name : xstrdup("wangge");
	/* The e-mail says who and for which county: <officer id>@<county id>, or
	 * county@<county id> for the county's own commits. */
	repo->email = xasprintf("%s@%s", ws->role == ROLE_OFFICER && ws->officer ? ws->officer
									 : "county",
				repo->county_id);
	return WG_OK;
}

/* A commit of a whole large county (millions of records) must not hold them
 * all in memory twice, in the store and in the pack being written: past this
 * size the pack is written out and the memory emptied; what was written
 * stays readable from the new pack. (The first commit of the large demo
 * county peaked at 3.2 GB without it.) */
#define FLUSH_BYTES ((size_t)64 << 20)

/* A limit in bytes: the variable name's value (for tests that want small
 * ones), else dflt. */
static uint64_t env_bytes(const char *name, uint64_t dflt)
{
	const char *s = getenv(name);
	char *end;
	unsigned long long n = s && *s ? strtoull(s, &end, 10) : 0;
	return n > 0 && *end == '\0' ? (uint64_t)n : dflt;
}

/* FLUSH_BYTES, or WANGGE_PACK_LIMIT (for tests that want several packs). */
static size_t flush_bytes(void)
{
	return (size_t)env_bytes("WANGGE_PACK_LIMIT", FLUSH_BYTES);
}

#define WG_GIT_WINDOW ((size_t)4 << 20)
#define WG_GIT_MAPPED ((size_t)32 << 20)
#define WG_GIT_CACHE ((size_t)16 << 20)

/* No certificates for an offline tool (issue 17). libgit2 1.5 built with
 * mbedTLS (Debian's) parses the whole system CA bundle in git_libgit2_init:
 * 55 M instructions, two thirds of an export with nothing new, and no option
 * or variable prevents it (the path is fixed when libgit2 is built, and
 * GIT_OPT_SET_SSL_CERT_LOCATIONS can only follow the init). wangge never
 * opens a network connection: it moves bundles as files, and no remote is
 * ever configured. So the executable defines the one mbedTLS function that
 * libgit2 calls to load them, which the dynamic linker binds before
 * libmbedx509's: it loads none and says so by success with an empty chain.
 * A TLS connection, were one ever made, would then fail its certificate
 * check rather than trust anything. With a libgit2 built on OpenSSL nothing
 * calls it. tests/unit/test-repo.c checks that libgit2's start-up binds it. */
struct mbedtls_x509_crt;
int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path);
int mbedtls_x509_crt_parse_path(struct mbedtls_x509_crt *chain, const char *path);
unsigned wg_repo_tls_cert_loads;

int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path)
{
	(void)chain;
	(void)path;
	wg_repo_tls_cert_loads++;
	return 0;
}

int mbedtls_x509_crt_parse_path(struct mbedtls_x509_crt *chain, const char *path)
{
	(void)chain;
	(void)path;
	wg_repo_tls_cert_loads++;
	return 0;
}

/* libssh2 likewise. libgit2 1.5 starts it in git_libgit2_init, for the SSH
 * remotes wangge never has, and libssh2_init starts OpenSSL's engines:
 * 0.96 M instructions of every command that opens the history (callgrind,
 * an officer's export of 10 changes: 31 M in all). The executable's
 * libssh2_init, bound before libssh2's as the one above, starts nothing.
 * Were an SSH session ever opened, OpenSSL 3 would start itself at its
 * first use. tests/unit/test-merge.c checks that libgit2's start-up binds
 * it. */
int libssh2_init(int flags);
unsigned wg_repo_ssh_inits;

int libssh2_init(int flags)
{
	(void)flags;
	wg_repo_ssh_inits++;
	return 0;
}

/* Once per process, whichever thread opens a history first. */
static void git_setup(void)
{
	git_libgit2_init();
	/* The history is ours alone: no hooks, no global or system config. */
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, "");
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, "");
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, "");
	/* Reading an object from our own packs need not hash it again: zlib's
	 * checksum catches a damaged stream, and every pack that arrives from
	 * elsewhere is hashed object by object when it is indexed. Hashing
	 * every read cost an enrollment bundle a fifth of its time. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/* Bounded memory on a 1 GiB machine (issue 17). libgit2 maps packs in
	 * windows of 1 GiB, up to 8 GiB in all, and the kernel maps 64 KiB around
	 * each page read: reading one grid's records, spread over a county's
	 * packs, counted 1 GB of mapped pages in the peak memory. Small windows,
	 * the least recently used unmapped beyond the limit, keep it bounded; so
	 * does a smaller object cache (256 MiB by default). */
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)WG_GIT_WINDOW);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)WG_GIT_MAPPED);
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)WG_GIT_CACHE);
}

int wg_repo_open(wg_workspace *ws, int create, wg_repo **out, wg_error *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	wg_repo *repo = xcalloc(1, sizeof *repo);
	char *path = wg_ws_path(ws, WG_REPO_DIR);
	int rc;

	*out = NULL;
	pthread_once(&once, git_setup);
	struct stat st;
	/* WG_REPO_CREATE_COUNTY: a county workspace made before wangge kept a
	 * history gets one when it first writes to it (never when it only reads or
	 * imports: a refused import changes nothing). */
	if (create == WG_REPO_CREATE_COUNTY)
		create = ws->role == ROLE_COUNTY && stat(path, &st) != 0;
	if (create)
		rc = git_repository_init(&repo->git, path, 1);
	else
		rc = git_repository_open_bare(&repo->git, path);
	free(path);
	if (rc < 0) {
		rc = create ? wg_git_fail(err, _("create"))
			    : wg_fail(err, WG_EINTERNAL,
				      _("the workspace %s has no history (history.git): it was not "
					"set up for sync"), ws->dir);
		free(repo);
		return rc;
	}
	/* git log / git clone of the history start at the common data */
	if (create && git_repository_set_head(repo->git, WG_REF_COMMON) < 0) {
		rc = wg_git_fail(err, _("create"));
		wg_repo_close(repo);
		return rc;
	}
	/* Objects written and not yet put on disk are read from the pack being
	 * written; what libgit2 writes itself (commits, trees) goes there too, never
	 * into loose files, so an operation that fails leaves history.git as it was. */
	git_odb_backend *mem;
	repo->pack = wg_pack_new();
	wg_pack_set_deltas(repo->pack, true);
	char *objects = xasprintf("%s/objects", git_repository_path(repo->git));
	rc = wg_history_odb(objects, &repo->odb);
	free(objects);
	if (rc == 0)
		git_repository_set_odb(repo->git, repo->odb);
	if (rc < 0 || wg_pack_backend(repo->pack, &mem) < 0) {
		rc = wg_git_fail(err, _("open the history"));
		wg_repo_close(repo);
		return rc;
	}
	if (git_odb_add_backend(repo->odb, mem, 999) < 0) {
		mem->free(mem);
		rc = wg_git_fail(err, _("open the history"));
		wg_repo_close(repo);
		return rc;
	}
	if ((rc = load_author(repo, ws, err))) {
		wg_repo_close(repo);
		return rc;
	}
	repo->flush_bytes = flush_bytes();
	repo->dir = xstrdup(ws->dir);
	*out = repo;
	return WG_OK;
}

int wg_repo_reload_author(wg_repo *repo, wg_workspace *ws, wg_error *err)
{
	return load_author(repo, ws, err);
}

static void committed_free(struct wg_committed *c);

static void behind_abandon(wg_repo *repo);

void wg_repo_close(wg_repo *repo)
{
	if (!repo)
		return;
	behind_abandon(repo);
	/* The odb owns the pack's backend once added: the pack goes last. */
	git_odb_free(repo->main_odb);
	git_odb_free(repo->odb);
	git_repository_free(repo->git);
	wg_pack_free(repo->pack);
	committed_free(repo->committed);
	memset(&repo->key, 0, sizeof repo->key);
	free(repo->name);
	free(repo->email);
	free(repo->county_id);
	free(repo->dir);
	free(repo);
}

/* Write an object (its id known) straight into the pack of this operation,
 * in memory. git_odb_write first asks every backend whether the object
 * exists — a failed loose-object open, a rescan of the pack folder and a
 * "freshen" for each object — which made a bulk commit (a demo county's
 * first export) spend most of its time in system calls. An object already
 * in history.git is simply held in memory once more. */
static int pack_object(wg_repo *repo, const git_oid *oid, const void *data, size_t len,
		       git_object_t type, wg_error *err)
{
	int rc = wg_pack_add(repo->pack, oid, type, data, len, err);
	if (rc == WG_OK && wg_pack_bytes(repo->pack) > repo->flush_bytes)
		rc = wg_repo_flush(repo, err);
	return rc;
}

/* ---- writing behind (see wg_repo_write_behind) ---- */

/* Objects handed over at a time: big enough that the two threads meet
 * rarely, small enough to stay in the caches. */
#define BEHIND_BATCH ((size_t)1 << 20)

/* An object in a batch: this header, then its bytes, padded to 8. */
struct behind_obj {
	git_oid oid;
	git_object_t type;
	size_t len;
};

struct wg_write_behind {
	pthread_t thread;
	wg_relay relay;
	strbuf b[2];
	int filling;
	_Atomic int rc; /* the writer's first failure, err set before it */
	wg_error err;
};

static void *behind_main(void *arg)
{
	wg_repo *repo = arg;
	struct wg_write_behind *w = repo->behind;
	for (int cur = 0; wg_relay_wait_full(&w->relay, cur); cur ^= 1) {
		strbuf *b = &w->b[cur];
		wg_error err = {0};
		int rc = WG_OK;
		/* after a failure, batches are only emptied: the writing stops */
		for (size_t at = 0; at < b->len && rc == WG_OK && !w->rc;) {
			struct behind_obj o;
			memcpy(&o, b->buf + at, sizeof o);
			at += sizeof o;
			rc = pack_object(repo, &o.oid, b->buf + at, o.len, o.type, &err);
			at += (o.len + 7) & ~(size_t)7;
		}
		if (rc) {
			w->err = err;
			w->rc = rc;
		}
		sb_reset(b);
		wg_relay_emptied(&w->relay, cur);
	}
	return NULL;
}

/* Hand over the batch being filled (last: no more come); the writer's
 * failure, if any. */
static int behind_hand_over(struct wg_write_behind *w, bool last, wg_error *err)
{
	wg_relay_hand_over(&w->relay, &w->filling, last);
	int rc = w->rc;
	if (rc)
		*err = w->err;
	return rc;
}

static int behind_add(struct wg_write_behind *w, const git_oid *oid, const void *data,
		      size_t len, git_object_t type, wg_error *err)
{
	int rc = w->rc;
	if (rc) {
		*err = w->err;
		return rc;
	}
	strbuf *b = &w->b[w->filling];
	struct behind_obj o = {.oid = *oid, .type = type, .len = len};
	size_t padded = (len + 7) & ~(size_t)7;
	sb_grow(b, sizeof o + padded);
	memcpy(b->buf + b->len, &o, sizeof o);
	memcpy(b->buf + b->len + sizeof o, data, len);
	b->len += sizeof o + padded;
	return b->len >= BEHIND_BATCH ? behind_hand_over(w, false, err) : WG_OK;
}

int wg_repo_write_behind(wg_repo *repo, bool on, wg_error *err)
{
	struct wg_write_behind *w = repo->behind;
	if (on) {
		if (w)
			return WG_OK;
		w = xcalloc(1, sizeof *w);
		wg_relay_init(&w->relay);
		repo->behind = w;
		if (pthread_create(&w->thread, NULL, behind_main, repo) != 0) {
			wg_relay_destroy(&w->relay);
			free(w);
			repo->behind = NULL; /* written as they come, then */
		}
		return WG_OK;
	}
	if (!w)
		return WG_OK;
	int rc = behind_hand_over(w, true, err);
	pthread_join(w->thread, NULL);
	if (!rc && (rc = w->rc))
		*err = w->err;
	for (int i = 0; i < 2; i++)
		sb_release(&w->b[i]);
	wg_relay_destroy(&w->relay);
	free(w);
	repo->behind = NULL;
	return rc;
}

/* A failed operation: what is still handed over is not written. */
static void behind_abandon(wg_repo *repo)
{
	if (!repo->behind)
		return;
	wg_error ignored = {0};
	repo->behind->rc = WG_EINTERNAL;
	wg_repo_write_behind(repo, false, &ignored);
}

static int add_to_memory(wg_repo *repo, const git_oid *oid, const void *data, size_t len,
			 git_object_t type, wg_error *err)
{
	if (repo->behind)
		return behind_add(repo->behind, oid, data, len, type, err);
	return pack_object(repo, oid, data, len, type, err);
}

/* The same, naming the object first. */
static int object_to_memory(wg_repo *repo, git_oid *out, const void *data, size_t len,
			    git_object_t type, wg_error *err)
{
	wg_object_id(out, type, data, len);
	return add_to_memory(repo, out, data, len, type, err);
}

int wg_repo_write_object(wg_repo *repo, git_object_t type, const void *data, size_t len,
			 git_oid *out, wg_error *err)
{
	return object_to_memory(repo, out, data, len, type, err);
}

int wg_repo_written(wg_repo *repo, const git_oid *oid, wg_error *err)
{
	return wg_pack_add_from(repo->pack, repo->odb, oid, err);
}

/* Only the objects written since the last flush go into the pack: git_mempack_dump
 * would add the whole tree of every commit, a cost that grows with the grid. */
int wg_repo_flush(wg_repo *repo, wg_error *err)
{
	if (wg_pack_count(repo->pack) == 0)
		return WG_OK;
	char *packdir = xasprintf("%s/objects/pack", git_repository_path(repo->git));
	int rc = wg_pack_write_files(repo->pack, packdir, err);
	free(packdir);
	if (rc == WG_OK && git_odb_refresh(repo->odb) < 0)
		rc = wg_git_fail(err, _("write"));
	if (rc == WG_OK) {
		wg_pack_reset(repo->pack);
		rc = wg_repo_tidy(repo, err);
	}
	return rc;
}

int wg_repo_main_odb(wg_repo *repo, git_odb **out, wg_error *err)
{
	if (!repo->main_odb) {
		char *objects = xasprintf("%s/objects", git_repository_path(repo->git));
		int rc = wg_history_odb(objects, &repo->main_odb);
		free(objects);
		if (rc < 0) {
			repo->main_odb = NULL;
			return wg_git_fail(err, _("open the history"));
		}
	}
	*out = repo->main_odb;
	return WG_OK;
}

/* Fewer packs than this are left as they are, and so are packs bigger than
 * a quarter of the roll-up limit (a large first commit's, written every 64
 * MiB, or a grid's first export's, 6-7 MB on the large demo county: rolling
 * those together would hold them all in memory at once). A roll-up makes
 * its pack in memory and writes at most ROLLUP_BYTES (or WANGGE_ROLLUP_LIMIT
 * bytes, for the tests): the smallest packs that fit, the others wait for
 * the next. It costs about twice the pack it makes (the pack, its entries
 * and index, the pack being read): with 64 MiB, one first export of a grid
 * in 8 rolled 8 packs of 6 MB into one of 52 MB and peaked at 135-152 MB,
 * against 37-42 MB for the others (issue 17: 64 MB for the command). With
 * 8 MiB a roll-up adds at most some 20 MB; what it rolls is the small packs
 * of imports (a few KB each), and a county keeps one pack per grid and one
 * per 8 MiB of imports. */
#define ROLLUP_MIN_PACKS 8
#define ROLLUP_BYTES ((uint64_t)8 << 20)


struct packfile {
	char *name; /* pack-<sum>, without .pack */
	off_t size;
};

static int cmp_pack_size(const void *a, const void *b)
{
	off_t x = ((const struct packfile *)a)->size, y = ((const struct packfile *)b)->size;
	return (x > y) - (x < y);
}

/* A fresh object database for the history, with the backend of the pack
 * being written: libgit2 keeps the packs it has seen, even once removed. */
static int reopen_odb(wg_repo *repo, wg_error *err)
{
	git_odb *odb = NULL;
	git_odb_backend *mem = NULL;
	char *objects = xasprintf("%s/objects", git_repository_path(repo->git));
	int bad = wg_history_odb(objects, &odb) < 0 || wg_pack_backend(repo->pack, &mem) < 0;
	free(objects);
	if (!bad && git_odb_add_backend(odb, mem, 999) < 0) {
		mem->free(mem);
		bad = 1;
	}
	if (bad) {
		git_odb_free(odb);
		return wg_git_fail(err, _("open the history"));
	}
	git_repository_set_odb(repo->git, odb);
	git_odb_free(repo->odb);
	repo->odb = odb;
	git_odb_free(repo->main_odb);
	repo->main_odb = NULL;
	return WG_OK;
}

static void remove_pack(const char *packdir, const char *name)
{
	/* the index first: a pack without one is not looked at */
	static const char *const ext[] = {".idx", ".rev", ".bitmap", ".pack"};
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
		char *p = xasprintf("%s/%s%s", packdir, name, ext[i]);
		unlink(p);
		free(p);
	}
}

/* Every import adds a pack (a county: hundreds of officers, every week).
 * Packs are kept in a geometric progression, as git's repack --geometric=2
 * does: sorted by size, the smallest ones, up to the last that is not
 * twice as big as all smaller ones together, are rolled into one. Each
 * object is rewritten a logarithmic number of times over the history's
 * life, and the number of packs stays logarithmic in its size. The new
 * pack is on disk before the old ones go: every object is there
 * throughout. */
static int roll_up_packs(wg_repo *repo, const char *packdir, unsigned *packs, wg_error *err)
{
	DIR *d = opendir(packdir);
	struct packfile *v = NULL;
	size_t n = 0, alloc = 0, k = 0;
	int rc = WG_OK;
	uint64_t limit = env_bytes("WANGGE_ROLLUP_LIMIT", ROLLUP_BYTES);
	*packs = 0;
	if (!d)
		return WG_OK;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		struct stat st;
		if (len <= 5 || strcmp(e->d_name + len - 5, ".pack") != 0)
			continue;
		(*packs)++;
		char *path = xasprintf("%s/%s", packdir, e->d_name);
		bool ok = stat(path, &st) == 0;
		free(path);
		if (!ok || (uint64_t)st.st_size > limit / 4)
			continue;
		if (n == alloc)
			v = xrealloc(v, (alloc = alloc ? 2 * alloc : 32) * sizeof *v);
		v[n].name = xstrndup(e->d_name, len - 5);
		v[n++].size = st.st_size;
	}
	closedir(d);
	if (n >= ROLLUP_MIN_PACKS) {
		qsort(v, n, sizeof *v, cmp_pack_size);
		off_t below = v[0].size;
		for (size_t i = 1; i < n; i++) {
			if (v[i].size < 2 * below)
				k = i + 1;
			below += v[i].size;
		}
		/* bounded memory: no more than limit at once */
		uint64_t sum = 0;
		for (size_t i = 0; i < k; i++) {
			if ((sum += (uint64_t)v[i].size) > limit) {
				k = i;
				break;
			}
		}
	}
	if (k >= 2) {
		wg_pack *out = wg_pack_new();
		wg_pack_set_deltas(out, true);
		strbuf data = STRBUF_INIT, buf = STRBUF_INIT;
		for (size_t i = 0; i < k && rc == WG_OK; i++) {
			char *path = xasprintf("%s/%s.pack", packdir, v[i].name);
			wg_pack *in = NULL;
			if ((rc = wg_read_file(path, SIZE_MAX / 2, &data, err)) == WG_OK &&
			    (rc = wg_pack_open((const unsigned char *)data.buf, data.len, repo->odb, &in,
					       err)) == WG_OK) {
				for (size_t j = 0; j < wg_pack_count(in) && rc == WG_OK; j++) {
					git_oid oid;
					git_object_t type;
					const unsigned char *obj;
					size_t len;
					if ((rc = wg_pack_read_at(in, j, &oid, &type, &obj, &len, &buf, err)))
						break;
					rc = wg_pack_add(out, &oid, type, obj, len, err);
				}
			}
			if (rc)
				wg_error_prefix(err, "%s", path);
			wg_pack_free(in);
			free(path);
		}
		if (rc == WG_OK)
			rc = wg_pack_write_files(out, packdir, err);
		if (rc == WG_OK) {
			char *midx = xasprintf("%s/multi-pack-index", packdir);
			unlink(midx);
			free(midx);
			/* the new pack may have the name of one rolled into it */
			size_t len;
			const unsigned char *packed = wg_pack_finish(out, &len);
			char hex[41];
			wg_hex(packed + len - 20, 20, hex);
			for (size_t i = 0; i < k; i++)
				if (strcmp(v[i].name + 5, hex) != 0)
					remove_pack(packdir, v[i].name);
			rc = reopen_odb(repo, err);
			*packs -= (unsigned)k - 1;
		}
		sb_release(&data);
		sb_release(&buf);
		wg_pack_free(out);
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
	return rc;
}

int wg_repo_tidy(wg_repo *repo, wg_error *err)
{
	char *packdir = xasprintf("%s/objects/pack", git_repository_path(repo->git));
	unsigned packs;
	int rc = roll_up_packs(repo, packdir, &packs, err);
	/* No multi-pack-index (issue 17): libgit2 1.5 checks the order of every
	 * object id in it each time an object database is opened (65 M
	 * instructions per open on the large demo county, two opens per import)
	 * and took 12.8 G instructions to write it anew, once every eight packs.
	 * The roll-up keeps the packs few, and looking an object up in each of
	 * them costs less than either. One left by an older wangge goes. */
	char *midx = xasprintf("%s/multi-pack-index", packdir);
	struct stat st;
	if (rc == WG_OK && stat(midx, &st) == 0) {
		if (unlink(midx) != 0)
			rc = wg_fail(err, WG_EINTERNAL, _("cannot remove %s: %s"), midx, strerror(errno));
		else
			rc = reopen_odb(repo, err);
	}
	free(midx);
	free(packdir);
	return rc;
}

/* ---- paths and branches ---- */

void wg_record_path(const struct wg_kind *kind, const char *id, char out[WG_PATH_MAX])
{
	/* "kind/ab/c/abc...": put together by hand for a whole id (snprintf
	 * was a tenth of reading a county's records for its first commit) */
	size_t k = strlen(kind->name), n = strlen(id);
	if (n < 3 || k + 1 + 2 + 1 + 1 + 1 + n >= WG_PATH_MAX) {
		snprintf(out, WG_PATH_MAX, "%s/%.2s/%.1s/%s", kind->name, id, id + 2, id);
		return;
	}
	char *o = out;
	memcpy(o, kind->name, k);
	o += k;
	*o++ = '/';
	*o++ = id[0];
	*o++ = id[1];
	*o++ = '/';
	*o++ = id[2];
	*o++ = '/';
	memcpy(o, id, n + 1);
}

bool wg_path_parse(const char *path, const struct wg_kind **kind, char id[WG_ID_BUFSIZE])
{
	const char *slash = strchr(path, '/');
	char name[32];
	if (!slash || (size_t)(slash - path) >= sizeof name)
		return false;
	memcpy(name, path, (size_t)(slash - path));
	name[slash - path] = '\0';
	*kind = wg_kind_find(name);
	if (!*kind)
		return false;
	const char *rest = slash + 1;
	if (strlen(rest) != 2 + 1 + 1 + 1 + WG_ID_HEXLEN || rest[2] != '/' || rest[4] != '/')
		return false;
	const char *idp = rest + 5;
	if (!wg_id_valid(idp) || strncmp(idp, rest, 2) != 0 || idp[2] != rest[3])
		return false;
	memcpy(id, idp, WG_ID_HEXLEN + 1);
	return true;
}

void wg_file_path(const char *hash, char out[WG_PATH_MAX])
{
	snprintf(out, WG_PATH_MAX, "files/%.2s/%.1s/%s", hash, hash + 2, hash);
}

bool wg_file_path_parse(const char *path, char hash[41])
{
	if (strncmp(path, "files/", 6) != 0)
		return false;
	const char *rest = path + 6;
	if (strlen(rest) != 2 + 1 + 1 + 1 + GIT_OID_HEXSZ || rest[2] != '/' || rest[4] != '/')
		return false;
	const char *h = rest + 5;
	if (strspn(h, "0123456789abcdef") != GIT_OID_HEXSZ || strncmp(h, rest, 2) != 0 ||
	    h[2] != rest[3])
		return false;
	memcpy(hash, h, GIT_OID_HEXSZ + 1);
	return true;
}

/* Put the bytes of evidence/<hash> into the history as a blob; its id must be
 * the hash the record names, or the file was damaged after it was attached. */
static int evidence_blob(wg_repo *repo, const char *hash, git_oid *out, wg_error *err)
{
	char *path = xasprintf("%s/evidence/%s", repo->dir, hash);
	strbuf buf = STRBUF_INIT;
	int rc = wg_read_file(path, (size_t)256 << 20, &buf, err);
	free(path);
	if (rc) {
		sb_release(&buf);
		return rc;
	}
	char hex[GIT_OID_HEXSZ + 1];
	/* hashed once: a file of up to 256 MiB */
	wg_object_id(out, GIT_OBJECT_BLOB, buf.buf ? buf.buf : "", buf.len);
	if (strcmp(git_oid_tostr(hex, sizeof hex, out), hash) != 0)
		rc = wg_fail(err, WG_EINPUT,
			     _("the evidence file %s no longer matches its record: it was changed "
			       "or damaged after it was attached"), hash);
	else
		rc = add_to_memory(repo, out, buf.buf ? buf.buf : "", buf.len, GIT_OBJECT_BLOB, err);
	sb_release(&buf);
	return rc;
}

int wg_repo_place_file(wg_repo *repo, const git_oid *blob, wg_error *err)
{
	char hex[GIT_OID_HEXSZ + 1];
	struct stat st;
	git_odb_object *obj = NULL;
	git_oid_tostr(hex, sizeof hex, blob);
	char *dir = xasprintf("%s/evidence", repo->dir);
	char *path = xasprintf("%s/%s", dir, hex);
	int rc = WG_OK;
	if (stat(path, &st) == 0)
		goto out;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		rc = wg_fail(err, WG_EINTERNAL, _("cannot create the folder %s: %s"), dir,
			     strerror(errno));
		goto out;
	}
	if (git_odb_read(&obj, repo->odb, blob) < 0 || git_odb_object_type(obj) != GIT_OBJECT_BLOB) {
		rc = wg_fail(err, WG_EINPUT, _("the evidence file %s is missing from the bundle"), hex);
		goto out;
	}
	rc = wg_write_file(path, git_odb_object_data(obj), git_odb_object_size(obj), err);
out:
	git_odb_object_free(obj);
	free(path);
	free(dir);
	return rc;
}

void wg_record_branch(const wg_record *rec, char out[WG_REF_MAX])
{
	if (rec->kind->branch == BRANCH_COMMON || rec->kind->grid_field < 0) {
		snprintf(out, WG_REF_MAX, "%s", WG_REF_COMMON);
		return;
	}
	/* the prefix and the grid code, cut to fit as snprintf would */
	const char *grid = rec->val[rec->kind->grid_field];
	size_t p = sizeof WG_REF_GRID_PREFIX - 1, n = strlen(grid);
	if (p + n >= WG_REF_MAX)
		n = WG_REF_MAX - 1 - p;
	memcpy(out, WG_REF_GRID_PREFIX, p);
	memcpy(out + p, grid, n);
	out[p + n] = '\0';
}

const char *wg_ref_grid(const char *ref)
{
	size_t n = strlen(WG_REF_GRID_PREFIX);
	if (strncmp(ref, WG_REF_GRID_PREFIX, n) == 0 && ref[n])
		return ref + n;
	return NULL;
}

/* ---- tips ---- */

void wg_tips_init(wg_tips *t)
{
	t->v = NULL;
	t->n = t->alloc = 0;
}

void wg_tips_free(wg_tips *t)
{
	free(t->v);
	wg_tips_init(t);
}

struct wg_tip *wg_tips_get(wg_tips *t, const char *ref)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].ref, ref) == 0)
			return &t->v[i];
	return NULL;
}

struct wg_tip *wg_tips_add(wg_tips *t, const char *ref)
{
	struct wg_tip *tip = wg_tips_get(t, ref);
	if (tip)
		return tip;
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 8;
		t->v = xrealloc(t->v, t->alloc * sizeof *t->v);
	}
	tip = &t->v[t->n++];
	memset(tip, 0, sizeof *tip);
	snprintf(tip->ref, sizeof tip->ref, "%s", ref);
	return tip;
}

int wg_tips_load(wg_repo *repo, wg_tips *t, wg_error *err)
{
	git_reference_iterator *it;
	git_reference *ref;
	int rc;
	if (git_reference_iterator_glob_new(&it, repo->git, "refs/heads/*") < 0)
		return wg_git_fail(err, _("read branches"));
	while ((rc = git_reference_next(&ref, it)) == 0) {
		const git_oid *oid = git_reference_target(ref);
		if (oid) {
			struct wg_tip *tip = wg_tips_add(t, git_reference_name(ref));
			tip->old = tip->cur = *oid;
			tip->had_old = tip->has_cur = true;
		}
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	if (rc != GIT_ITEROVER)
		return wg_git_fail(err, _("read branches"));
	return WG_OK;
}

int wg_ref_set(wg_repo *repo, const char *refname, const git_oid *oid, wg_error *err)
{
	git_reference *ref;
	if (git_reference_create(&ref, repo->git, refname, oid, 1, NULL) < 0)
		return wg_git_fail(err, refname);
	git_reference_free(ref);
	return WG_OK;
}

int wg_tips_store(wg_repo *repo, wg_tips *t, wg_error *err)
{
	for (size_t i = 0; i < t->n; i++) {
		struct wg_tip *tip = &t->v[i];
		if (!tip->has_cur || (tip->had_old && git_oid_equal(&tip->old, &tip->cur)))
			continue;
		int rc = wg_ref_set(repo, tip->ref, &tip->cur, err);
		if (rc)
			return rc;
		tip->old = tip->cur;
		tip->had_old = true;
	}
	return WG_OK;
}

/* ---- trees ---- */

static size_t component_len(const char *p)
{
	const char *s = strchr(p, '/');
	return s ? (size_t)(s - p) : strlen(p);
}

/* One entry of a tree being rewritten. name is not NUL-terminated: it points
 * into the base tree or into an edit's path, both alive meanwhile. */
struct tent {
	const char *name;
	size_t len;
	git_filemode_t mode;
	git_oid oid;
	bool gone;
};

static int tent_cmp_name(const void *a, const void *b)
{
	const struct tent *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->name, y->name, n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

int wg_tree_order(const char *a, size_t alen, bool adir, const char *b, size_t blen, bool bdir)
{
	size_t n = alen < blen ? alen : blen;
	int c = memcmp(a, b, n);
	if (c)
		return c;
	unsigned ca = alen > n ? (unsigned char)a[n] : adir ? '/' : 0;
	unsigned cb = blen > n ? (unsigned char)b[n] : bdir ? '/' : 0;
	return (ca > cb) - (ca < cb);
}

static int tent_cmp_git(const void *a, const void *b)
{
	const struct tent *x = a, *y = b;
	return wg_tree_order(x->name, x->len, x->mode == GIT_FILEMODE_TREE, y->name, y->len,
			     y->mode == GIT_FILEMODE_TREE);
}

void wg_tree_entry_add(strbuf *sb, git_filemode_t mode, const char *name, size_t len,
		       const git_oid *oid)
{
	if (mode == GIT_FILEMODE_TREE)
		sb_add(sb, "40000 ", 6);
	else if (mode == GIT_FILEMODE_BLOB)
		sb_add(sb, "100644 ", 7);
	else
		sb_addf(sb, "%o ", (unsigned)mode);
	/* the name, its NUL and the id in one go */
	sb_grow(sb, len + 1 + GIT_OID_RAWSZ);
	char *o = sb->buf + sb->len;
	memcpy(o, name, len);
	o[len] = '\0';
	memcpy(o + len + 1, oid->id, GIT_OID_RAWSZ);
	sb->len += len + 1 + GIT_OID_RAWSZ;
	sb->buf[sb->len] = '\0';
}

/* Serialise entries (git's tree format) straight into the in-memory store. */
static int write_tree(wg_repo *repo, struct tent *v, size_t n, git_oid *out, wg_error *err)
{
	strbuf sb = STRBUF_INIT;
	qsort(v, n, sizeof *v, tent_cmp_git);
	for (size_t i = 0; i < n; i++) {
		if (!v[i].gone)
			wg_tree_entry_add(&sb, v[i].mode, v[i].name, v[i].len, &v[i].oid);
	}
	int rc = object_to_memory(repo, out, sb.buf ? sb.buf : "", sb.len, GIT_OBJECT_TREE, err);
	sb_release(&sb);
	return rc;
}

static int edit_level(wg_repo *repo, const git_oid *base, struct wg_tree_edit *e, size_t n,
		      size_t off, git_oid *out, bool *empty, wg_error *err)
{
	git_tree *tree = NULL;
	int rc = WG_OK;

	if (base && git_tree_lookup(&tree, repo->git, base) < 0)
		return wg_git_fail(err, _("read tree"));
	size_t nbase = tree ? git_tree_entrycount(tree) : 0, nv = nbase, alloc = nbase + 16;
	struct tent *v = xcalloc(alloc, sizeof *v);
	for (size_t i = 0; i < nbase; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(tree, i);
		v[i].name = git_tree_entry_name(te);
		v[i].len = strlen(v[i].name);
		v[i].mode = git_tree_entry_filemode(te);
		git_oid_cpy(&v[i].oid, git_tree_entry_id(te));
	}
	/* looked up by name among the base entries (kept in their own order) */
	qsort(v, nbase, sizeof *v, tent_cmp_name);
	for (size_t i = 0; i < n && rc == WG_OK;) {
		const char *p = e[i].path + off;
		size_t len = component_len(p), j = i + 1;
		struct tent key = {.name = p, .len = len};
		struct tent *old = bsearch(&key, v, nbase, sizeof *v, tent_cmp_name);
		struct tent now = {.name = p, .len = len};
		if (p[len] == '\0') {
			/* a record file; of edits to the same path, the last counts */
			while (j < n && strcmp(e[j].path + off, p) == 0)
				j++;
			now.mode = GIT_FILEMODE_BLOB;
			now.oid = e[j - 1].blob;
			now.gone = e[j - 1].remove;
		} else {
			while (j < n && strncmp(e[j].path + off, p, len + 1) == 0)
				j++;
			bool has_base = old && !old->gone && old->mode == GIT_FILEMODE_TREE, sub_empty;
			now.mode = GIT_FILEMODE_TREE;
			rc = edit_level(repo, has_base ? &old->oid : NULL, e + i, j - i, off + len + 1,
					&now.oid, &sub_empty, err);
			now.gone = sub_empty;
		}
		if (old) {
			*old = now;
		} else if (!now.gone) {
			if (nv == alloc)
				v = xrealloc(v, (alloc *= 2) * sizeof *v);
			v[nv++] = now;
		}
		i = j;
	}
	if (rc == WG_OK) {
		size_t live = 0;
		for (size_t i = 0; i < nv; i++)
			live += !v[i].gone;
		*empty = live == 0;
		rc = write_tree(repo, v, nv, out, err);
	}
	free(v);
	git_tree_free(tree);
	return rc;
}

int wg_tree_edit(wg_repo *repo, const git_oid *base, struct wg_tree_edit *edits, size_t n,
		 git_oid *out, wg_error *err)
{
	bool empty;
	return edit_level(repo, base, edits, n, 0, out, &empty, err);
}

int wg_commit_tree(wg_repo *repo, const git_oid *commit, git_oid *tree, wg_error *err)
{
	git_commit *c;
	if (git_commit_lookup(&c, repo->git, commit) < 0)
		return wg_git_fail(err, _("read commit"));
	git_oid_cpy(tree, git_commit_tree_id(c));
	git_commit_free(c);
	return WG_OK;
}

/* The blob at path in tree (found false when absent). */
static int tree_blob(const git_tree *tree, const char *path, git_oid *blob, bool *found,
		     wg_error *err)
{
	git_tree_entry *te;
	*found = false;
	/* most lookups miss at the first level (a kind the branch has none of),
	 * answered without the allocations of a full path walk */
	char first[WG_PATH_MAX];
	size_t len = component_len(path);
	memcpy(first, path, len);
	first[len] = '\0';
	if (!git_tree_entry_byname(tree, first))
		return WG_OK;
	int rc = git_tree_entry_bypath(&te, tree, path);
	if (rc == GIT_ENOTFOUND)
		return WG_OK;
	if (rc < 0)
		return wg_git_fail(err, _("read tree"));
	if (git_tree_entry_type(te) == GIT_OBJECT_BLOB) {
		git_oid_cpy(blob, git_tree_entry_id(te));
		*found = true;
	}
	git_tree_entry_free(te);
	return WG_OK;
}

int wg_commit_blob(wg_repo *repo, const git_oid *commit, const char *path, git_oid *blob,
		   bool *found, wg_error *err)
{
	git_commit *c;
	git_tree *tree;
	*found = false;
	if (git_commit_lookup(&c, repo->git, commit) < 0)
		return wg_git_fail(err, _("read commit"));
	int rc = git_commit_tree(&tree, c);
	git_commit_free(c);
	if (rc < 0)
		return wg_git_fail(err, _("read tree"));
	rc = tree_blob(tree, path, blob, found, err);
	git_tree_free(tree);
	return rc;
}

int wg_blob_record(wg_repo *repo, const git_oid *oid, wg_record **out, wg_error *err)
{
	git_blob *blob;
	*out = NULL;
	if (git_blob_lookup(&blob, repo->git, oid) < 0)
		return wg_git_fail(err, _("read record"));
	git_object_size_t size = git_blob_rawsize(blob);
	int rc;
	if (size > WG_RECORD_MAX_BYTES)
		rc = wg_fail(err, WG_EINPUT, _("a record file is too large (%llu bytes)"),
			     (unsigned long long)size);
	else
		rc = wg_record_parse(git_blob_rawcontent(blob), (size_t)size, out, err);
	git_blob_free(blob);
	return rc;
}

int wg_record_blob(wg_repo *repo, const wg_record *rec, git_oid *out, wg_error *err)
{
	strbuf sb = STRBUF_INIT;
	wg_record_serialize(rec, &sb);
	int rc = object_to_memory(repo, out, sb.buf ? sb.buf : "", sb.len, GIT_OBJECT_BLOB, err);
	sb_release(&sb);
	return rc;
}

/* Write commit text body, signed as git signs with gpg.format=ssh: the
 * commit text without its signature, in the SSHSIG format for namespace
 * "git", in a gpgsig header. */
static int sign_commit(wg_repo *repo, const char *body, size_t size, git_oid *out, wg_error *err)
{
	if (!repo->signing)
		return object_to_memory(repo, out, body, size, GIT_OBJECT_COMMIT, err);
	strbuf armored;
	sb_init(&armored);
	wg_sshsig_sign(&repo->key, "git", body, size, &armored);
	/* libgit2 adds the header's line break itself */
	if (armored.len && armored.buf[armored.len - 1] == '\n')
		armored.buf[--armored.len] = '\0';
	/* The signature goes in as a header after the others, its lines
	 * continued with a space (what git_commit_create_with_signature writes),
	 * straight into this operation's pack: git_odb_write would rescan the
	 * pack folder for every commit, which a demo county's history of
	 * thousands of commits could not afford. */
	int rc = WG_OK;
	const char *end = body ? strstr(body, "\n\n") : NULL;
	if (!end) {
		rc = wg_fail(err, WG_EINTERNAL, "commit without a message");
	} else {
		strbuf c = STRBUF_INIT;
		sb_add(&c, body, (size_t)(end - body) + 1);
		sb_adds(&c, "gpgsig ");
		for (const char *q = sb_str(&armored); *q; q++) {
			sb_addc(&c, *q);
			if (*q == '\n')
				sb_addc(&c, ' ');
		}
		sb_addc(&c, '\n');
		sb_add(&c, end + 1, size - (size_t)(end + 1 - body));
		rc = object_to_memory(repo, out, c.buf, c.len, GIT_OBJECT_COMMIT, err);
		sb_release(&c);
	}
	sb_release(&armored);
	return rc;
}

int wg_repo_write_commit(wg_repo *repo, const git_signature *author,
			 const git_signature *committer, const char *encoding, const char *message,
			 const git_tree *tree, size_t nparents, const git_commit **parents, git_oid *out,
			 wg_error *err)
{
	if (!repo->signing) {
		if (git_commit_create(out, repo->git, NULL, author, committer, encoding, message, tree,
				      nparents, parents) < 0)
			return wg_git_fail(err, _("write commit"));
		return wg_repo_written(repo, out, err);
	}
	git_buf body = GIT_BUF_INIT;
	if (git_commit_create_buffer(&body, repo->git, author, committer, encoding, message, tree,
				     nparents, parents) < 0)
		return wg_git_fail(err, _("write commit"));
	int rc = sign_commit(repo, body.ptr, body.size, out, err);
	git_buf_dispose(&body);
	return rc;
}

/* A commit's text as libgit2 writes it (commit.c, signature.c): tree,
 * parents, author and committer ("Name <email> time +hhmm"), encoding, a
 * blank line, the message; then signed and written. */
static int commit_text(wg_repo *repo, const git_signature *sig, const git_oid *tree_id,
		       const git_oid *const *parent_ids, size_t nparents, const char *message,
		       git_oid *out, wg_error *err)
{
	char hex[GIT_OID_HEXSZ + 1];
	int offset = sig->when.offset;
	char sign = offset < 0 || sig->when.sign == '-' ? '-' : '+';
	if (offset < 0)
		offset = -offset;
	strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "tree %s\n", git_oid_tostr(hex, sizeof hex, tree_id));
	for (size_t i = 0; i < nparents; i++)
		sb_addf(&sb, "parent %s\n", git_oid_tostr(hex, sizeof hex, parent_ids[i]));
	for (int who = 0; who < 2; who++)
		sb_addf(&sb, "%s %s <%s> %u %c%02d%02d\n", who ? "committer" : "author", sig->name,
			sig->email, (unsigned)sig->when.time, sign, offset / 60, offset % 60);
	sb_addf(&sb, "encoding UTF-8\n\n%s", message);
	int rc = sign_commit(repo, sb.buf, sb.len, out, err);
	sb_release(&sb);
	return rc;
}

int wg_repo_commit(wg_repo *repo, const git_oid *tree_id, const git_oid *const *parent_ids,
		   size_t nparents, const char *message, git_oid *out, wg_error *err)
{
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	const git_commit *parents[2] = {NULL, NULL};
	int rc = WG_OK;

	if (nparents > 2)
		return wg_fail(err, WG_EINTERNAL, "commit with %zu parents", nparents);
	/* China Standard Time: UTC+8, as the officers read their clocks. */
	if (git_signature_new(&sig, repo->name, repo->email, (git_time_t)wg_now(), 8 * 60) < 0)
		return wg_git_fail(err, _("author"));
	if (repo->behind) {
		/* nothing can be read back meanwhile: the text libgit2's
		 * git_commit_create_buffer writes, of the ids as they are */
		rc = commit_text(repo, sig, tree_id, parent_ids, nparents, message, out, err);
		goto out;
	}
	if (git_tree_lookup(&tree, repo->git, tree_id) < 0) {
		rc = wg_git_fail(err, _("read tree"));
		goto out;
	}
	for (size_t i = 0; i < nparents; i++)
		if (git_commit_lookup((git_commit **)&parents[i], repo->git, parent_ids[i]) < 0) {
			rc = wg_git_fail(err, _("read commit"));
			goto out;
		}
	rc = wg_repo_write_commit(repo, sig, sig, "UTF-8", message, tree, nparents, parents, out,
				  err);
out:
	for (size_t i = 0; i < nparents; i++)
		git_commit_free((git_commit *)parents[i]);
	git_tree_free(tree);
	git_signature_free(sig);
	return rc;
}

/* ---- committing the working copy ---- */

struct branch_edits {
	char ref[WG_REF_MAX];
	struct wg_tree_edit *e;
	size_t n, alloc;
	strbuf body;
	size_t listed;
};

struct pending {
	struct branch_edits *b;
	size_t n, alloc;
	/* the edits' paths (a county's first commit stages 2.5 million edits:
	 * a path of 96 bytes in each took 300 MB) */
	wg_arena paths;
};

static struct branch_edits *pending_branch(struct pending *p, const char *ref)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->b[i].ref, ref) == 0)
			return &p->b[i];
	if (p->n == p->alloc) {
		p->alloc = p->alloc ? 2 * p->alloc : 4;
		p->b = xrealloc(p->b, p->alloc * sizeof *p->b);
	}
	struct branch_edits *b = &p->b[p->n++];
	memset(b, 0, sizeof *b);
	snprintf(b->ref, sizeof b->ref, "%s", ref);
	return b;
}

/* An edit of branch ref; the first 40 are listed in the commit message as
 * "<op> <noun> <id>" (A added, M modified, D deleted). */
static void pending_add(struct pending *p, const char *ref, const char *path, const git_oid *blob,
			char op, const char *noun, const char *id)
{
	struct branch_edits *b = pending_branch(p, ref);
	if (b->n == b->alloc) {
		b->alloc = b->alloc ? 2 * b->alloc : 64;
		b->e = xrealloc(b->e, b->alloc * sizeof *b->e);
	}
	struct wg_tree_edit *e = &b->e[b->n++];
	e->path = wg_arena_strdup(&p->paths, path);
	e->remove = blob == NULL;
	if (blob)
		git_oid_cpy(&e->blob, blob);
	if (b->listed < 40)
		sb_addf(&b->body, "%c %s %s\n", op, noun, id);
	b->listed++;
}

static void pending_free(struct pending *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->b[i].e);
		sb_release(&p->b[i].body);
	}
	free(p->b);
	wg_arena_free(&p->paths);
}

static int cmp_edit(const void *a, const void *b)
{
	return strcmp(((const struct wg_tree_edit *)a)->path, ((const struct wg_tree_edit *)b)->path);
}

/* Branches that may hold a record of this kind. */
static bool branch_fits(const struct wg_kind *kind, const char *ref)
{
	if (kind->branch == BRANCH_COMMON)
		return strcmp(ref, WG_REF_COMMON) == 0;
	return wg_ref_grid(ref) != NULL;
}

static int empty_tree(wg_repo *repo, git_oid *out, wg_error *err)
{
	git_treebuilder *bld;
	if (git_treebuilder_new(&bld, repo->git, NULL) < 0)
		return wg_git_fail(err, _("build tree"));
	int rc = git_treebuilder_write(out, bld) < 0 ? wg_git_fail(err, _("write tree"))
						      : wg_repo_written(repo, out, err);
	git_treebuilder_free(bld);
	return rc;
}

static int ensure_grid_branches(wg_repo *repo, sqlite3 *db, wg_tips *tips, wg_error *err)
{
	sqlite3_stmt *st;
	int rc = WG_OK;
	if (sqlite3_prepare_v2(db, "SELECT code FROM grid ORDER BY code", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		char ref[WG_REF_MAX];
		snprintf(ref, sizeof ref, "%s%s", WG_REF_GRID_PREFIX, sqlite3_column_text(st, 0));
		struct wg_tip *tip = wg_tips_get(tips, ref);
		if (tip && tip->has_cur)
			continue;
		git_oid tree, commit;
		char *msg = xasprintf(_("Open grid %s\n"), sqlite3_column_text(st, 0));
		if ((rc = empty_tree(repo, &tree, err)) == WG_OK &&
		    (rc = wg_repo_commit(repo, &tree, NULL, 0, msg, &commit, err)) == WG_OK) {
			tip = wg_tips_add(tips, ref);
			tip->cur = commit;
			tip->has_cur = true;
		}
		free(msg);
	}
	sqlite3_finalize(st);
	return rc;
}

/* The root trees of the tips, read once per commit_pending (the tips do not
 * move until every record is staged): looking a path up in every branch for
 * every changed record must not re-read commits, and whether a branch holds
 * any record of a kind at all is asked once per branch and kind. */
struct roots {
	git_tree **tree;
	signed char *holds;  /* [tip * wg_nkinds + kind]: 1 yes, 0 no, -1 not asked yet */
	size_t n;
};

static void roots_free(struct roots *r)
{
	for (size_t i = 0; i < r->n; i++)
		git_tree_free(r->tree[i]);
	free(r->tree);
	free(r->holds);
}

/* The root tree of tip (which must have a commit), and its index in r. */
static int tip_root(wg_repo *repo, struct roots *r, wg_tips *tips, struct wg_tip *tip,
		    size_t *index, wg_error *err)
{
	size_t i = (size_t)(tip - tips->v);
	if (i >= r->n) {
		size_t n = tips->n;
		r->tree = xrealloc(r->tree, n * sizeof *r->tree);
		r->holds = xrealloc(r->holds, n * wg_nkinds);
		for (size_t k = r->n; k < n; k++)
			r->tree[k] = NULL;
		memset(r->holds + r->n * wg_nkinds, -1, (n - r->n) * wg_nkinds);
		r->n = n;
	}
	*index = i;
	if (r->tree[i])
		return WG_OK;
	git_commit *c;
	if (git_commit_lookup(&c, repo->git, &tip->cur) < 0)
		return wg_git_fail(err, _("read commit"));
	int rc = git_commit_tree(&r->tree[i], c);
	git_commit_free(c);
	return rc < 0 ? wg_git_fail(err, _("read tree")) : WG_OK;
}

/* The blob at path on tip (which must have a commit). */
static int tip_blob(wg_repo *repo, struct roots *r, wg_tips *tips, struct wg_tip *tip,
		    const char *path, git_oid *blob, bool *found, wg_error *err)
{
	size_t i;
	*found = false;
	int rc = tip_root(repo, r, tips, tip, &i, err);
	return rc ? rc : tree_blob(r->tree[i], path, blob, found, err);
}

/* Does tip hold any record of kind (index k)? */
static int tip_holds(wg_repo *repo, struct roots *r, wg_tips *tips, struct wg_tip *tip,
		     size_t k, bool *holds, wg_error *err)
{
	size_t i;
	int rc = tip_root(repo, r, tips, tip, &i, err);
	if (rc)
		return rc;
	signed char *h = &r->holds[i * wg_nkinds + k];
	if (*h < 0)
		*h = git_tree_entry_byname(r->tree[i], wg_kinds[k]->name) != NULL;
	*holds = *h;
	return WG_OK;
}

/* What a commit for some grids took from pending: the grids' rows and grid
 * '' (the common kinds', whole), and the records it took that may be
 * pending for other grids too (gone, or moved), one by one. A record left
 * pending for another grid is read again by that grid's commit, which finds
 * nothing more to do: rows too many cost a read, never a wrong history. */
struct wg_committed {
	const char **grids; /* whose rows of pending it took, in ids */
	size_t ngrids;
	struct committed_row {
		size_t k;
		const char *id;
	} *v;
	size_t n, alloc;
	wg_arena ids;
};

static void committed_free(struct wg_committed *c)
{
	if (!c)
		return;
	free(c->v);
	free(c->grids);
	wg_arena_free(&c->ids);
	free(c);
}

static void committed_add(struct wg_committed *c, size_t k, const char *id)
{
	if (c->n == c->alloc)
		c->v = xrealloc(c->v, (c->alloc = c->alloc ? 2 * c->alloc : 256) * sizeof *c->v);
	c->v[c->n].k = k;
	c->v[c->n++].id = wg_arena_strdup(&c->ids, id);
}

/* The record at path leaves tip's branch, if the branch holds its kind and
 * has it: one deletion more to commit. */
static int leave_tip(wg_repo *repo, struct roots *roots, wg_tips *tips, struct wg_tip *tip,
		     size_t k, const struct wg_kind *kind, const char *path, const char *id,
		     struct pending *p, size_t *ncommitted, wg_error *err)
{
	git_oid old;
	bool found, holds;
	int rc = tip_holds(repo, roots, tips, tip, k, &holds, err);
	if (rc || !holds)
		return rc;
	if ((rc = tip_blob(repo, roots, tips, tip, path, &old, &found, err)))
		return rc;
	if (found) {
		pending_add(p, tip->ref, path, NULL, 'D', kind->name, id);
		(*ncommitted)++;
	}
	return WG_OK;
}

/* Is rec (NULL: deleted) a record of one of grids? */
static bool in_grids(const struct wg_kind *kind, const wg_record *rec, const char *const *grids,
		     size_t ngrids)
{
	if (!rec)
		return false;
	const char *grid = wg_record_get(rec, kind->fields[kind->grid_field].name);
	for (size_t g = 0; grid && g < ngrids; g++)
		if (strcmp(grid, grids[g]) == 0)
			return true;
	return false;
}

int wg_repo_commit_pending(wg_repo *repo, sqlite3 *db, wg_tips *tips, const char *subject,
			   size_t *ncommitted, wg_error *err)
{
	return wg_repo_commit_pending_grids(repo, db, tips, subject, NULL, 0, ncommitted, err);
}

int wg_repo_commit_pending_grids(wg_repo *repo, sqlite3 *db, wg_tips *tips, const char *subject,
				 const char *const *grids, size_t ngrids, size_t *ncommitted,
				 wg_error *err)
{
	struct pending p = {0};
	struct roots roots = {0};
	wg_changed *changed = NULL;
	int rc = WG_OK;
	bool county = repo->county, bygrid[64] = {false}, some = false;
	struct wg_committed *took = NULL;

	*ncommitted = 0;
	committed_free(repo->committed);
	repo->committed = NULL;
	if (county && (rc = ensure_grid_branches(repo, db, tips, err)))
		return rc;
	/* A grid kind is read by the grids' rows of pending: its records in
	 * grids are committed, and so are the deleted ones (they leave every
	 * branch); one now in another grid only leaves the branches of grids,
	 * and stays pending for its own grid's commit. The other kinds are
	 * committed whole. */
	for (size_t k = 0; county && ngrids && k < wg_nkinds && k < 64; k++) {
		bygrid[k] = wg_kinds[k]->branch == BRANCH_GRID && wg_kinds[k]->grid_field > 0;
		some |= bygrid[k];
	}
	if (some) {
		took = repo->committed = xcalloc(1, sizeof *took);
		took->grids = xcalloc(ngrids, sizeof *took->grids);
		for (size_t g = 0; g < ngrids; g++)
			took->grids[g] = wg_arena_strdup(&took->ids, grids[g]);
		took->ngrids = ngrids;
	}
	/* how many, for the progress bar (before the reader has the connection) */
	long long total = 0;
	unsigned long seen = 0;
	if ((rc = wg_changed_count(db, grids, some ? ngrids : 0, some ? bygrid : NULL, &total,
				   err)) ||
	    (rc = wg_changed_open_grids(db, grids, some ? ngrids : 0, some ? bygrid : NULL,
					&changed, err))) {
		roots_free(&roots);
		return rc;
	}
	for (;;) {
		const struct wg_kind *kind;
		size_t k;
		const char *id;
		const wg_record *rec;
		bool done;
		if ((rc = wg_changed_next(changed, &kind, &k, &id, &rec, &done, err)) || done)
			break;
		wg_progress(N_("Recording the changes in the history"), ++seen, (unsigned long)total);
		char path[WG_PATH_MAX], target[WG_REF_MAX] = "";
		wg_record_path(kind, id, path);
		if (k < 64 && bygrid[k] && rec && !in_grids(kind, rec, grids, ngrids)) {
			/* it waits; it leaves the branches of grids now if it is there */
			for (size_t g = 0; g < ngrids && rc == WG_OK; g++) {
				char ref[WG_REF_MAX];
				snprintf(ref, sizeof ref, "%s%s", WG_REF_GRID_PREFIX, grids[g]);
				struct wg_tip *tip = wg_tips_get(tips, ref);
				if (tip && tip->has_cur)
					rc = leave_tip(repo, &roots, tips, tip, k, kind, path, id, &p,
						       ncommitted, err);
			}
			if (rc)
				break;
			continue;
		}
		if (took && k < 64 && bygrid[k] && (!rec || wg_changed_moved(changed)))
			committed_add(took, k, id);
		bool in_target = false;
		if (rec) {
			git_oid blob;
			wg_record_branch(rec, target);
			if ((rc = wg_record_blob(repo, rec, &blob, err)))
				break;
			struct wg_tip *tip = wg_tips_get(tips, target);
			git_oid old;
			if (tip && tip->has_cur &&
			    (rc = tip_blob(repo, &roots, tips, tip, path, &old, &in_target, err)))
				break;
			if (!in_target || !git_oid_equal(&old, &blob)) {
				pending_add(&p, target, path, &blob, in_target ? 'M' : 'A', kind->name, id);
				(*ncommitted)++;
			}
			/* an evidence record brings its file along */
			const char *hash = kind == &wg_kind_evidence ? wg_record_get(rec, "hash") : NULL;
			bool have = false;
			char fpath[WG_PATH_MAX];
			git_oid fblob;
			if (hash) {
				wg_file_path(hash, fpath);
				if (tip && tip->has_cur &&
				    (rc = tip_blob(repo, &roots, tips, tip, fpath, &old, &have, err)))
					break;
				if (!have) {
					if ((rc = evidence_blob(repo, hash, &fblob, err)))
						break;
					pending_add(&p, target, fpath, &fblob, 'A', "file", hash);
				}
			}
		}
		/* Gone, or new on its branch: remove it from any other branch holding it
		 * (a record the county moved to another grid). One new on its branch
		 * that did not move is on no other (a grid's first commit: each of
		 * its records looked up on every other grid's branch, 3 s and 195 MB
		 * on the large demo county once six grids were exported). */
		if (!in_target && (!rec || wg_changed_moved(changed))) {
			for (size_t t = 0; t < tips->n && rc == WG_OK; t++) {
				struct wg_tip *tip = &tips->v[t];
				if (tip->has_cur && strcmp(tip->ref, target) != 0 &&
				    branch_fits(kind, tip->ref))
					rc = leave_tip(repo, &roots, tips, tip, k, kind, path, id, &p,
						       ncommitted, err);
			}
		}
	}
	wg_changed_close(changed);
	wg_progress_end();
	roots_free(&roots);

	for (size_t i = 0; i < p.n && rc == WG_OK; i++) {
		struct branch_edits *b = &p.b[i];
		struct wg_tip *tip = wg_tips_add(tips, b->ref);
		git_oid base_tree, tree, commit;
		qsort(b->e, b->n, sizeof *b->e, cmp_edit);
		if (tip->has_cur && (rc = wg_commit_tree(repo, &tip->cur, &base_tree, err)))
			break;
		if ((rc = wg_tree_edit(repo, tip->has_cur ? &base_tree : NULL, b->e, b->n, &tree, err)))
			break;
		if (tip->has_cur && git_oid_equal(&tree, &base_tree))
			continue;
		strbuf msg = STRBUF_INIT;
		sb_addf(&msg, "%s\n\n", subject);
		sb_add(&msg, b->body.buf ? b->body.buf : "", b->body.len);
		if (b->listed > 40)
			sb_addf(&msg, _("... and %zu more\n"), b->listed - 40);
		const git_oid *parent = &tip->cur;
		rc = wg_repo_commit(repo, &tree, &parent, tip->has_cur ? 1 : 0, sb_str(&msg), &commit,
				    err);
		sb_release(&msg);
		if (rc == WG_OK) {
			tip->cur = commit;
			tip->has_cur = true;
		}
	}
	pending_free(&p);
	return rc;
}

int wg_repo_pending_done(sqlite3 *db, wg_error *err)
{
	return wg_db_exec(db, "DELETE FROM pending; DELETE FROM pending_whole;", err);
}

/* The statement deleting grid ?1's runs of pending_whole, kind by kind. */
static bool prepare_whole_delete(sqlite3 *db, sqlite3_stmt **st)
{
	strbuf sql = STRBUF_INIT;
	sb_adds(&sql, "DELETE FROM pending_whole WHERE kind IN (");
	wg_db_add_kind_names(&sql);
	sb_adds(&sql, ") AND grid = ?1");
	bool ok = sqlite3_prepare_v2(db, sb_str(&sql), -1, st, NULL) == SQLITE_OK;
	sb_release(&sql);
	return ok;
}

int wg_repo_pending_committed(wg_repo *repo, sqlite3 *db, wg_error *err)
{
	struct wg_committed *c = repo->committed;
	if (!c)
		return wg_repo_pending_done(db, err);
	sqlite3_stmt *row_st = NULL, *grid_st = NULL, *whole_st = NULL;
	int rc = WG_OK;
	if (sqlite3_prepare_v2(db, PENDING_GRIDS "DELETE FROM pending WHERE " IN_PENDING_GRIDS
			       " AND kind = ?1 AND id = ?2", -1, &row_st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "DELETE FROM pending WHERE grid = ?1;", -1, &grid_st, NULL) !=
		    SQLITE_OK ||
	    !prepare_whole_delete(db, &whole_st))
		rc = wg_db_fail(db, err);
	/* the grids' rows were all read: what is still pending of them is
	 * pending for another grid, in its rows; grid '' holds the kinds
	 * committed whole */
	for (size_t g = 0; rc == WG_OK && g <= c->ngrids; g++) {
		const char *grid = g < c->ngrids ? c->grids[g] : "";
		sqlite3_reset(grid_st);
		sqlite3_reset(whole_st);
		sqlite3_bind_text(grid_st, 1, grid, -1, SQLITE_STATIC);
		sqlite3_bind_text(whole_st, 1, grid, -1, SQLITE_STATIC);
		if (sqlite3_step(grid_st) != SQLITE_DONE || sqlite3_step(whole_st) != SQLITE_DONE)
			rc = wg_db_fail(db, err);
	}
	for (size_t i = 0; rc == WG_OK && i < c->n; i++) {
		sqlite3_reset(row_st);
		sqlite3_bind_text(row_st, 1, wg_kinds[c->v[i].k]->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(row_st, 2, c->v[i].id, -1, SQLITE_STATIC);
		if (sqlite3_step(row_st) != SQLITE_DONE)
			rc = wg_db_fail(db, err);
	}
	sqlite3_finalize(row_st);
	sqlite3_finalize(grid_st);
	sqlite3_finalize(whole_st);
	if (rc == WG_OK) {
		committed_free(c);
		repo->committed = NULL;
	}
	return rc;
}

int wg_repo_commit_now(wg_workspace *ws, wg_repo *repo, const char *subject, wg_error *err)
{
	wg_tips tips;
	size_t n;
	int rc;
	wg_tips_init(&tips);
	/* Holding the write transaction keeps the pending table still meanwhile. */
	if ((rc = wg_db_begin(ws->db, err)))
		return rc;
	if ((rc = wg_tips_load(repo, &tips, err)) ||
	    (rc = wg_repo_commit_pending(repo, ws->db, &tips, subject, &n, err)) ||
	    (rc = wg_repo_flush(repo, err)) || (rc = wg_tips_store(repo, &tips, err)) ||
	    (rc = wg_repo_pending_done(ws->db, err)) || (rc = wg_db_commit(ws->db, err)))
		wg_db_rollback(ws->db);
	wg_tips_free(&tips);
	return rc;
}

int wg_repo_replay_journal(wg_workspace *ws, wg_repo *repo, size_t *repaired, wg_error *err)
{
	sqlite3_stmt *st;
	int rc = WG_OK;
	*repaired = 0;
	if (sqlite3_prepare_v2(ws->db, "SELECT ref, tip FROM sync_journal", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(ws->db, err);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		git_oid oid;
		const char *ref = (const char *)sqlite3_column_text(st, 0);
		if (git_oid_fromstr(&oid, (const char *)sqlite3_column_text(st, 1)) < 0 ||
		    !git_odb_exists(repo->odb, &oid)) {
			rc = wg_fail(err, WG_EINTERNAL,
				     _("an interrupted import left branch %s pointing at a commit the "
				       "history does not hold; import the bundles again"), ref);
			break;
		}
		git_reference *r = NULL;
		bool same = false;
		if (git_reference_lookup(&r, repo->git, ref) == 0) {
			same = git_reference_target(r) && git_oid_equal(git_reference_target(r), &oid);
			git_reference_free(r);
		}
		if (!same) {
			rc = wg_ref_set(repo, ref, &oid, err);
			(*repaired)++;
		}
	}
	sqlite3_finalize(st);
	if (rc == WG_OK)
		rc = wg_db_exec(ws->db, "DELETE FROM sync_journal", err);
	return rc;
}
