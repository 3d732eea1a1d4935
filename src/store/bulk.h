/* Bulk loading: many inserts into a new or nearly empty database (the demo
 * county, a first import). Secondary indexes and every trigger on the kinds'
 * tables are set aside; at the end every record is marked pending (a row of
 * pending_whole per run of a grid's rowids), the indexes and triggers are
 * made again (sorting instead of searching a growing tree for every row) and
 * the derived tables are rebuilt
 * (wg_db_rebuild_derived). The result is the database row-by-row inserts with
 * wg_db_insert would give. Call both inside one transaction. */
#ifndef WG_BULK_H
#define WG_BULK_H

#include <sqlite3.h>
#include <stdbool.h>

#include "error.h"

typedef struct wg_bulk {
	char **sql; /* CREATE statements to run again at the end */
	size_t n;
	bool from_history; /* the rows are history's already: none is "changed" */
} wg_bulk;

/* Drop the secondary indexes and the triggers of every kind's table,
 * remembering how to make them. */
int wg_bulk_begin(sqlite3 *db, wg_bulk *b, wg_error *err);
/* Record every row of every kind as pending, grid by grid (what the triggers
 * would have done; not when b->from_history), rebuild the indexes and triggers, then the derived tables. Frees b
 * either way. */
int wg_bulk_end(sqlite3 *db, wg_bulk *b, wg_error *err);
/* Forget what wg_bulk_begin saved, when the transaction is rolled back. */
void wg_bulk_free(wg_bulk *b);

#endif
