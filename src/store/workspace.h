/* A workspace: a folder holding the SQLite working copy (wangge.db) and, for
 * sync, the git history (history.git). Created 0700/0600: it holds personal data. */
#ifndef WG_WORKSPACE_H
#define WG_WORKSPACE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "error.h"

enum wg_role { ROLE_NONE, ROLE_COUNTY, ROLE_OFFICER };

typedef struct wg_workspace {
	char *dir;
	sqlite3 *db;
	int lock_fd;          /* -1 when opened for reading only */
	enum wg_role role;
	char *county_id;      /* the county record's id */
	char *grid;           /* officer workspaces: the one grid it holds */
	char *officer;        /* officer workspaces: the officer's id */
} wg_workspace;

enum { WS_READ = 0, WS_WRITE = 1 };

/* The folder to use: dir if given, else $WANGGE_DIR, else
 * $XDG_DATA_HOME/wangge/default (~/.local/share/wangge/default). */
int wg_ws_locate(const char *dir, char **out, wg_error *err);
/* Create a new, empty workspace; refuses a folder that already holds one. */
/* Remove what wg_ws_create and the filling of a new workspace made in dir
 * (all of dir when it did not exist before): no half-made workspace stays. */
void wg_ws_discard(const char *dir, bool existed);
int wg_ws_create(const char *dir, wg_workspace **out, wg_error *err);
/* Open an existing workspace. WS_WRITE takes the workspace lock: a second
 * writer gets a clear message instead of a damaged file. */
int wg_ws_open(const char *dir, int mode, wg_workspace **out, wg_error *err);
void wg_ws_close(wg_workspace *ws);
/* Re-read role, grid and officer from the database (after init). */
int wg_ws_reload(wg_workspace *ws, wg_error *err);
/* Path of a file inside the workspace (caller frees). */
char *wg_ws_path(const wg_workspace *ws, const char *name);
/* Does a grid with this code exist? */
int wg_grid_exists(wg_workspace *ws, const char *code, bool *exists, wg_error *err);

#define WG_DB_FILE "wangge.db"
#define WG_LOCK_FILE "lock"
#define WG_REPO_DIR "history.git"

#endif
