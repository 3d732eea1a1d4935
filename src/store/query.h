/* Loading lists of records: "every finding of this inspection", "the results
 * of an inspection", in one call for the CLI and the screens. */
#ifndef WG_QUERY_H
#define WG_QUERY_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "record.h"
#include "table.h"

typedef struct wg_records {
	wg_record **v;
	size_t n;
} wg_records;

/* SELECT every field of kind WHERE <where> (may be NULL) ORDER BY <order> (may be
 * NULL), binding params (text, NULL allowed) to ?1..?n. Appends to out. */
int wg_select(sqlite3 *db, const struct wg_kind *kind, const char *where, const char *order,
	      const char *const *params, size_t nparams, wg_records *out, wg_error *err);
void wg_records_free(wg_records *r);

/* Rewrite the cells of one result row for display (labels, masks, dates). The
 * cells point into the statement's row; scratch (WG_ROW_SCRATCH bytes) holds
 * any text the callback makes, until the row is added. */
#define WG_ROW_SCRATCH 128
typedef void wg_row_fn(const char **row, char *scratch, const void *arg);
/* Run sql with the text params (NULL leaves ?i unbound, i.e. NULL) bound to
 * ?1..?nparams and add each row's ncols columns, through fix (may be NULL), to t. */
int wg_query_table(sqlite3 *db, const char *sql, const char *const *params, size_t nparams,
		   size_t ncols, wg_row_fn *fix, const void *arg, wg_table *t, wg_error *err);

/* The lists the CLI prints and a screen may show, as table rows. */
/* Grids by code: code, name, township, entities in it. */
int wg_grid_table(sqlite3 *db, wg_table *t, wg_error *err);
/* Officers by role, grid and name: id, name, role, grid, phone. */
int wg_officer_table(sqlite3 *db, wg_row_fn *fix, const void *arg, wg_table *t, wg_error *err);
/* Entities of a grid and a category (either NULL for all), by grid and name:
 * id, name, category, grid, USCC, phone, status. */
int wg_entity_table(sqlite3 *db, const char *grid, const char *category, wg_row_fn *fix,
		    const void *arg, wg_table *t, wg_error *err);
/* The checklist records by code and version: every version, or (latest_only)
 * the newest of each code. */
int wg_checklist_records(sqlite3 *db, bool latest_only, wg_records *out, wg_error *err);
/* The name of the entity with this id, or NULL (the caller frees it). */
int wg_entity_name(sqlite3 *db, const char *id, char **out, wg_error *err);
/* The entity a person names: an id or a unique prefix of it, else exactly one
 * entity with this name; refused in words when none or several match. */
int wg_entity_named(sqlite3 *db, const char *text, char id[WG_ID_BUFSIZE], wg_error *err);

/* One text value from a one-row query (NULL when no row); caller frees. */
int wg_query_text(sqlite3 *db, const char *sql, const char *const *params, size_t nparams,
		  char **out, wg_error *err);

#endif
