/* Dispatch: the county writes one bundle per grid into a folder, named so a
 * clerk can hand them out, and keeps a status table of what each grid was sent
 * and which grids have not yet returned a bundle. Built on wg_sync_export. */
#ifndef WG_DISPATCH_H
#define WG_DISPATCH_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "schema.h"
#include "workspace.h"

struct wg_dispatch_item {
	char grid[WG_GRID_CODE_BUFSIZE];
	char *name;        /* the grid's name */
	char *path;        /* the bundle written */
	size_t size;       /* its bytes */
	size_t tasks;      /* open tasks of the grid not in an earlier bundle */
	char *sealed_to;   /* as in wg_export_result */
	int plain_why;
};

/* County only: one bundle for every grid (or only those listed) into folder,
 * "<code>-<grid name>-<YYYYMMDD>.bundle". Stops at the first failure; what was
 * written before it stays written and recorded. full: whole bundles with no
 * prerequisites (when earlier bundles were lost on the way). */
int wg_dispatch(wg_workspace *ws, const char *folder, bool full, struct wg_dispatch_item **out,
		size_t *n, wg_error *err);
void wg_dispatch_items_free(struct wg_dispatch_item *v, size_t n);

struct wg_dispatch_status {
	char grid[WG_GRID_CODE_BUFSIZE];
	char *name, *township, *officers;
	char *sent_at, *sent_file;     /* the last bundle written for the grid, or "" */
	char *received_at;             /* the last bundle imported from it, or "" */
	char *missing_since;           /* the first bundle sent after the last return
					* (enrollment counts), or "" when none is owed */
	size_t open_tasks;             /* open or started tasks in the grid */
	size_t unsent_tasks;           /* of those, made after the last bundle sent */
	bool awaiting;                 /* sent, and nothing came back since */
};

/* Every grid, in code order. A grid is awaited from the first bundle sent to
 * it (its enrollment or a dispatch) after the last one that came back. */
int wg_dispatch_status(sqlite3 *db, struct wg_dispatch_status **out, size_t *n, wg_error *err);
/* The desk's line of the same, without counting every grid's tasks: how many
 * grids, how many awaited, the oldest missing_since of those (or ""). */
int wg_dispatch_awaiting(sqlite3 *db, size_t *grids, size_t *awaiting, char *since,
			 size_t sincelen, wg_error *err);
void wg_dispatch_status_free(struct wg_dispatch_status *v, size_t n);

#endif
