#include <config.h>

#include <sodium.h>

#include <ftw.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "fileutil.h"
#include "i18n.h"
#include "strbuf.h"
#include "workspace.h"

int wg_ws_locate(const char *dir, char **out, wg_error *err)
{
	const char *env = getenv("WANGGE_DIR");
	*out = NULL;
	if (dir && *dir) {
		*out = xstrdup(dir);
		return WG_OK;
	}
	if (env && *env) {
		*out = xstrdup(env);
		return WG_OK;
	}
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/') {
		*out = xasprintf("%s/wangge/default", xdg);
		return WG_OK;
	}
	const char *home = getenv("HOME");
	if (!home || !*home)
		return wg_fail(err, WG_EUSAGE,
			       _("no workspace folder: use -C DIR or set WANGGE_DIR (HOME is not set)"));
	*out = xasprintf("%s/.local/share/wangge/default", home);
	return WG_OK;
}

char *wg_ws_path(const wg_workspace *ws, const char *name)
{
	return xasprintf("%s/%s", ws->dir, name);
}

/* mkdir -p with mode 0700 for the folders we create. */
static int make_dirs(const char *path, wg_error *err)
{
	char *p = xstrdup(path);
	int rc = WG_OK;
	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST) {
				rc = wg_fail(err, WG_EINTERNAL, _("cannot create the folder %s: %s"), p,
					     strerror(errno));
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return rc;
}

static int take_lock(wg_workspace *ws, wg_error *err)
{
	char *path = wg_ws_path(ws, WG_LOCK_FILE);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(path);
	if (fd < 0)
		return wg_fail(err, WG_EINTERNAL, _("cannot open the workspace lock in %s: %s"),
			       ws->dir, strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		char pid[32] = "";
		ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
		pid[n > 0 ? n : 0] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		close(fd);
		if (*pid)
			return wg_fail(err, WG_EINPUT,
				       _("the workspace %s is in use by another wangge (process %s): "
					 "close it first"), ws->dir, pid);
		return wg_fail(err, WG_EINPUT,
			       _("the workspace %s is in use by another wangge: close it first"),
			       ws->dir);
	}
	char buf[32];
	int len = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)len, 0) != len) {
		/* The pid is only for the message above; the flock is what protects. */
	}
	ws->lock_fd = fd;
	return WG_OK;
}

static void free_ws(wg_workspace *ws)
{
	if (!ws)
		return;
	/* the writer (holding the lock) gives back what a large deletion freed */
	if (ws->db && ws->lock_fd >= 0)
		wg_db_reclaim(ws->db);
	if (ws->db)
		wg_db_close(ws->db);
	if (ws->lock_fd >= 0)
		close(ws->lock_fd); /* releases the flock */
	free(ws->dir);
	free(ws->county_id);
	free(ws->grid);
	free(ws->officer);
	sodium_memzero(&ws->key, sizeof ws->key);
	free(ws);
}

void wg_ws_close(wg_workspace *ws)
{
	free_ws(ws);
}

int wg_ws_reload(wg_workspace *ws, wg_error *err)
{
	char *role = NULL;
	int rc;
	free(ws->county_id);
	free(ws->grid);
	free(ws->officer);
	ws->county_id = ws->grid = ws->officer = NULL;
	if ((rc = wg_meta_get(ws->db, "role", &role, err)) ||
	    (rc = wg_meta_get(ws->db, "county", &ws->county_id, err)) ||
	    (rc = wg_meta_get(ws->db, "grid", &ws->grid, err)) ||
	    (rc = wg_meta_get(ws->db, "officer", &ws->officer, err))) {
		free(role);
		return rc;
	}
	ws->role = !role ? ROLE_NONE : strcmp(role, "county") == 0 ? ROLE_COUNTY : ROLE_OFFICER;
	free(role);
	return WG_OK;
}

/* The key file: a first line naming the format, then the seed in base64. */
#define KEY_FILE_HEADER "wangge ed25519 seed v1\n"

int wg_ws_key_load(wg_workspace *ws, wg_error *err)
{
	char *path = wg_ws_path(ws, WG_KEY_FILE);
	char buf[256];
	int rc = WG_OK;
	ws->has_key = false;
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno != ENOENT)
			rc = wg_fail(err, WG_EINTERNAL, _("cannot read %s: %s"), path, strerror(errno));
		free(path);
		return rc;
	}
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	unsigned char seed[32];
	size_t hl = strlen(KEY_FILE_HEADER), sl;
	const char *end;
	if (n <= hl || memcmp(buf, KEY_FILE_HEADER, hl) != 0 ||
	    sodium_base642bin(seed, sizeof seed, buf + hl, n - hl, "\n", &sl, &end,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    sl != sizeof seed || end != buf + n)
		rc = wg_fail(err, WG_EINPUT,
			     _("the signing key %s is damaged: this workspace cannot sign its work "
			       "(restore the file from a backup)"), path);
	else {
		wg_key_from_seed(&ws->key, seed);
		ws->has_key = true;
	}
	sodium_memzero(seed, sizeof seed);
	sodium_memzero(buf, sizeof buf);
	free(path);
	return rc;
}

static int write_key(wg_workspace *ws, const char *path, const unsigned char seed[32],
		     wg_error *err)
{
	char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(b64, sizeof b64, seed, 32, sodium_base64_VARIANT_ORIGINAL);
	struct wg_span parts[] = {{KEY_FILE_HEADER, strlen(KEY_FILE_HEADER)},
				  {b64, strlen(b64)}, {"\n", 1}};
	int rc = wg_write_atomic(path, parts, 3, WG_WRITE_PRIVATE, err);
	sodium_memzero(b64, sizeof b64);
	if (rc == WG_OK) {
		wg_key_from_seed(&ws->key, seed);
		ws->has_key = true;
	}
	return rc;
}

int wg_ws_key_set_seed(wg_workspace *ws, const unsigned char seed[32], wg_error *err)
{
	char *path = wg_ws_path(ws, WG_KEY_FILE);
	int rc = write_key(ws, path, seed, err);
	free(path);
	return rc;
}

int wg_ws_key_create(wg_workspace *ws, wg_error *err)
{
	char *path = wg_ws_path(ws, WG_KEY_FILE);
	struct stat st;
	int rc;
	if (stat(path, &st) == 0) {
		rc = wg_fail(err, WG_EINPUT, _("%s already has a signing key"), ws->dir);
		free(path);
		return rc;
	}
	wg_keypair kp;
	unsigned char seed[32];
	if (!wg_key_generate(&kp)) {
		free(path);
		return wg_fail(err, WG_EINTERNAL, _("the system gives no random numbers"));
	}
	wg_key_seed(&kp, seed);
	rc = write_key(ws, path, seed, err);
	sodium_memzero(seed, sizeof seed);
	sodium_memzero(&kp, sizeof kp);
	free(path);
	return rc;
}

static wg_workspace *new_ws(const char *dir)
{
	wg_workspace *ws = xcalloc(1, sizeof *ws);
	ws->dir = xstrdup(dir);
	ws->lock_fd = -1;
	return ws;
}

static int discard_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

void wg_ws_discard(const char *dir, bool existed)
{
	static const char *const made[] = {WG_DB_FILE, WG_DB_FILE "-wal", WG_DB_FILE "-shm",
					   WG_DB_FILE "-journal", WG_LOCK_FILE, WG_KEY_FILE};
	char *p;
	if (!existed) {
		nftw(dir, discard_entry, 16, FTW_DEPTH | FTW_PHYS);
		return;
	}
	for (size_t i = 0; i < sizeof made / sizeof *made; i++) {
		p = xasprintf("%s/%s", dir, made[i]);
		unlink(p);
		free(p);
	}
	p = xasprintf("%s/%s", dir, WG_REPO_DIR);
	nftw(p, discard_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(p);
}

int wg_ws_create(const char *dir, wg_workspace **out, wg_error *err)
{
	wg_workspace *ws = new_ws(dir);
	struct stat st;
	int rc;

	*out = NULL;
	umask(077);
	bool existed = stat(dir, &st) == 0;
	if ((rc = make_dirs(dir, err)))
		goto fail;
	if ((rc = take_lock(ws, err)))
		goto fail;
	char *dbpath = wg_ws_path(ws, WG_DB_FILE);
	if (stat(dbpath, &st) == 0) {
		rc = wg_fail(err, WG_EINPUT, _("%s already holds a wangge workspace"), dir);
		free(dbpath);
		goto fail;
	}
	rc = wg_db_open(dbpath, true, &ws->db, err);
	if (rc == WG_OK)
		chmod(dbpath, 0600);
	free(dbpath);
	/* The key is made here, on this machine, with the workspace. */
	if (rc == WG_OK) {
		rc = wg_ws_key_create(ws, err);
	}
	if (rc) {
		free_ws(ws);
		wg_ws_discard(dir, existed); /* a full disk: nothing half-made stays */
		return rc;
	}
	*out = ws;
	return WG_OK;
fail:
	free_ws(ws);
	return rc;
}

int wg_ws_open(const char *dir, int mode, wg_workspace **out, wg_error *err)
{
	wg_workspace *ws = new_ws(dir);
	struct stat st;
	int rc;

	*out = NULL;
	umask(077);
	char *dbpath = wg_ws_path(ws, WG_DB_FILE);
	if (stat(dbpath, &st) != 0) {
		rc = wg_fail(err, WG_EUSAGE,
			     _("%s is not a wangge workspace: create one with \"wangge -C %s init "
			       "county\" or \"init officer\""), dir, dir);
		free(dbpath);
		goto fail;
	}
	if (mode == WS_WRITE && (rc = take_lock(ws, err))) {
		free(dbpath);
		goto fail;
	}
	rc = wg_db_open(dbpath, false, &ws->db, err);
	free(dbpath);
	if (rc || (rc = wg_ws_reload(ws, err)) || (rc = wg_ws_key_load(ws, err)))
		goto fail;
	/* A workspace made before keys gets one the first time it is opened to
	 * write: its work is signed from then on (the cut-over). */
	if (mode == WS_WRITE && !ws->has_key && ws->role != ROLE_NONE) {
		if ((rc = wg_ws_key_create(ws, err)) ||
		    (rc = wg_meta_set(ws->db, "resign_pending", "1", err)))
			goto fail;
		ws->key_made = true;
	}
	*out = ws;
	return WG_OK;
fail:
	free_ws(ws);
	return rc;
}

int wg_grid_exists(wg_workspace *ws, const char *code, bool *exists, wg_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(ws->db, "SELECT 1 FROM grid WHERE code = ?", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(ws->db, err);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return wg_db_fail(ws->db, err);
	*exists = rc == SQLITE_ROW;
	return WG_OK;
}
