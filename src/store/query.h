/* Loading lists of records: "every finding of this inspection", "the results
 * of an inspection", in one call for the CLI and the screens. */
#ifndef WG_QUERY_H
#define WG_QUERY_H

#include <sqlite3.h>
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

/* One text value from a one-row query (NULL when no row); caller frees. */
int wg_query_text(sqlite3 *db, const char *sql, const char *const *params, size_t nparams,
		  char **out, wg_error *err);

#endif
