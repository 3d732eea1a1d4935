/* A workspace: a folder holding the SQLite working copy (wangge.db) and, for
 * sync, the git history (history.git). Created 0700/0600: it holds personal data. */
#ifndef WG_WORKSPACE_H
#define WG_WORKSPACE_H

#include <sqlite3.h>
#include <stdbool.h>

#include "error.h"
#include "sshsig.h"

enum wg_role { ROLE_NONE, ROLE_COUNTY, ROLE_OFFICER };

typedef struct wg_workspace {
	char *dir;
	sqlite3 *db;
	int lock_fd;          /* -1 when opened for reading only */
	enum wg_role role;
	char *county_id;      /* the county record's id */
	char *grid;           /* officer workspaces: the one grid it holds */
	char *officer;        /* officer workspaces: the officer's id */
	bool has_key;         /* the workspace's signing key (signing.key) is loaded */
	bool key_made;        /* ... and was made by this open (a workspace older than keys) */
	wg_keypair key;
	bool plain_bundles;   /* write bundles unsealed even to a reader whose key is known */
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
/* The signing key: read it (has_key false when the file is missing), or make
 * a new one (refused when one exists: a key is never replaced silently). */
int wg_ws_key_load(wg_workspace *ws, wg_error *err);
int wg_ws_key_create(wg_workspace *ws, wg_error *err);
/* Replace the key by the one of seed, for a demo county only: its keys are
 * derived from the demo's seed so that the same seed gives the same county
 * byte for byte. A real workspace's key comes from the system's randomness. */
int wg_ws_key_set_seed(wg_workspace *ws, const unsigned char seed[32], wg_error *err);
/* Re-read role, grid and officer from the database (after init). */
int wg_ws_reload(wg_workspace *ws, wg_error *err);
/* Path of a file inside the workspace (caller frees). */
char *wg_ws_path(const wg_workspace *ws, const char *name);
/* Does a grid with this code exist? */
int wg_grid_exists(wg_workspace *ws, const char *code, bool *exists, wg_error *err);

#define WG_DB_FILE "wangge.db"
#define WG_LOCK_FILE "lock"
#define WG_REPO_DIR "history.git"
/* The workspace's Ed25519 key (its 32-byte seed), readable by its owner only.
 * It never goes into a bundle. */
#define WG_KEY_FILE "signing.key"

#endif
