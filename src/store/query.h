/* Loading lists of records: "every finding of this inspection", "the results
 * of an inspection", in one call for the CLI and the screens. */
#ifndef WG_QUERY_H
#define WG_QUERY_H

#include <sqlite3.h>
#include <stddef.h>

#include "record.h"

typedef struct wg_records {
	wg_record **v;
	size_t n;
} wg_records;

/* SELECT every field of kind WHERE <where> (may be NULL) ORDER BY <order> (may be
 * NULL), binding params (text, NULL allowed) to ?1..?n. Appends to out. */
int wg_select(sqlite3 *db, const struct wg_kind *kind, const char *where, const char *order,
	      const char *const *params, size_t nparams, wg_records *out, wg_error *err);
void wg_records_free(wg_records *r);

/* One text value from a one-row query (NULL when no row); caller frees. */
int wg_query_text(sqlite3 *db, const char *sql, const char *const *params, size_t nparams,
		  char **out, wg_error *err);

#endif
