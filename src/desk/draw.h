/* The random draw (双随机): entities from the object directory, inspectors
 * from the inspector directory, reproducible from a published seed.
 *
 * A draw is a pure function of (plan, directory, seed): wg_draw_dir_load takes
 * the directory out of the database, wg_draw_run draws and writes the result
 * file (which embeds the plan and the directory, so anyone can re-run it),
 * wg_draw_commit turns it into tasks, wg_draw_verify re-runs a result file and
 * reports any difference. The algorithm is specified in data/plans/README.md. */
#ifndef WG_DRAW_H
#define WG_DRAW_H

#include <sqlite3.h>
#include <stddef.h>

#include "error.h"
#include "id.h"
#include "plan.h"
#include "query.h"
#include "schema.h"
#include "strbuf.h"
#include "workspace.h"

struct wg_dir_entity {
	char id[WG_ID_BUFSIZE];
	char grid[WG_GRID_CODE_BUFSIZE];
	char category[9];
	unsigned flags;   /* 1 << enum wg_factor */
	int rule;         /* index in the plan's rules */
	char *name;       /* for messages and listings; not part of the directory text */
};

struct wg_dir_inspector {
	char id[WG_ID_BUFSIZE];
	char grid[WG_GRID_CODE_BUFSIZE];    /* "" when the inspector holds no grid */
	char *name;
};

struct wg_dir_pair {
	char entity[WG_ID_BUFSIZE];
	char officer[WG_ID_BUFSIZE];
};

struct wg_dir_last {
	char entity[WG_ID_BUFSIZE];
	char inspectors[WG_DRAW_MAX_INSPECTORS * WG_ID_BUFSIZE]; /* sorted ids, comma-separated */
};

/* The directory a draw runs on; every array sorted (entities and inspectors by
 * id, conflicts and last pairs by entity). */
struct wg_draw_dir {
	struct wg_dir_entity *ent;
	size_t nent;
	struct wg_dir_inspector *insp;
	size_t ninsp;
	struct wg_dir_pair *conf;
	size_t nconf;
	struct wg_dir_last *last;
	size_t nlast;
};

struct wg_draw_pick {
	size_t entity;                            /* index in dir->ent */
	size_t insp[WG_DRAW_MAX_INSPECTORS];      /* indices in dir->insp, ascending */
	unsigned ninsp;
};

struct wg_draw_result {
	struct wg_draw_pick *picks;  /* in the order drawn */
	size_t npicks;
	char directory_sha256[65];
	char result_sha256[65];
	strbuf text;                 /* the result file */
};

/* The open entities the plan covers with their risk factors (judged on today,
 * from data/rules when the plan uses risk, points or the black list), the
 * active inspectors with an enforcement certificate, declared conflicts and
 * each entity's last pair of inspectors. */
int wg_draw_dir_load(sqlite3 *db, const struct wg_plan *plan, const char *today,
		     struct wg_draw_dir **out, wg_error *err);
void wg_draw_dir_free(struct wg_draw_dir *dir);

/* A seed is any text of at most 200 characters on one line: a number, a date, a
 * lottery result. Checked like the draw record's seed field. */
int wg_draw_seed_check(const char *seed, wg_error *err);

/* Draw. Refuses an impossible plan (a category with no entity, a count larger
 * than the category, an entity without enough eligible inspectors) with the
 * reason. */
int wg_draw_run(const struct wg_plan *plan, const struct wg_draw_dir *dir, const char *seed,
		struct wg_draw_result **out, wg_error *err);
void wg_draw_result_free(struct wg_draw_result *res);

/* Record the draw (a draw record in common) and make one random-inspection task
 * per drawn entity in its grid; all or nothing. County workspaces only. */
int wg_draw_commit(wg_workspace *ws, const struct wg_plan *plan, const struct wg_draw_dir *dir,
		   const char *seed, const struct wg_draw_result *res, char draw_id[WG_ID_BUFSIZE],
		   wg_error *err);

/* The result file's usual name: "draw-<first 12 digits of its fingerprint>.txt". */
char *wg_draw_result_name(const struct wg_draw_result *res);

/* Publish a draw: the result file goes to path (never over an existing file;
 * NULL or "": no file) and, unless dry, the draw is recorded (wg_draw_commit).
 * The file is written aside first and put in place only once the draw is
 * recorded, so a recorded draw always has its file and a failed one leaves
 * none. County workspaces only, unless dry. */
int wg_draw_save(wg_workspace *ws, const struct wg_plan *plan, const struct wg_draw_dir *dir,
		 const char *seed, const struct wg_draw_result *res, const char *path, bool dry,
		 char draw_id[WG_ID_BUFSIZE], wg_error *err);

/* Check a result file: its own fingerprint, the plan and directory it embeds,
 * and that re-running the draw gives exactly its picks; with db, also that the
 * workspace holds this draw with the same fingerprints and tasks. Findings go
 * to report (one per line). Returns WG_OK when genuine, WG_EINPUT when not. */
/* The draws made, oldest first: rows of id, time, plan, seed, tasks. */
int wg_draw_list(sqlite3 *db, wg_row_fn *fix, const void *arg, wg_table *t, wg_error *err);
/* The random-inspection tasks of one draw (full id), by grid and entity: rows
 * of entity name, USCC, grid, inspectors' names (", "), task status. */
int wg_draw_tasks(sqlite3 *db, const char *id, wg_row_fn *fix, const void *arg, wg_table *t,
		  wg_error *err);
/* The recusals, by inspector and entity: rows of inspector, entity, reason. */
int wg_recusal_list(sqlite3 *db, wg_table *t, wg_error *err);

#define WG_DRAW_RESULT_MAX_BYTES (512 * 1024 * 1024) /* a result file read to verify */
int wg_draw_verify(const char *buf, size_t len, sqlite3 *db, strbuf *report, wg_error *err);

#endif
