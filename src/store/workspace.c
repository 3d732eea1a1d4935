#include <config.h>

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
	if (ws->db)
		wg_db_close(ws->db);
	if (ws->lock_fd >= 0)
		close(ws->lock_fd); /* releases the flock */
	free(ws->dir);
	free(ws->county_id);
	free(ws->grid);
	free(ws->officer);
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
					   WG_DB_FILE "-journal", WG_LOCK_FILE};
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
	if (rc || (rc = wg_ws_reload(ws, err)))
		goto fail;
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
