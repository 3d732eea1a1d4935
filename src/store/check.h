/* The working copy's own integrity check, the first part of "wangge check":
 * SQLite's structure check, every record against its schema (the checks a
 * bundle's records must pass) and every grid a record names existing. */
#ifndef WG_CHECK_H
#define WG_CHECK_H

#include <sqlite3.h>
#include <stddef.h>

#include "error.h"
#include "schema.h"

struct wg_problem {
	const struct wg_kind *kind; /* the record's kind; NULL: the database itself */
	char *id;                   /* the record's id, or NULL */
	char *msg;                  /* what is wrong (translated), or NULL for ... */
	char *grid;                 /* ... a grid the record names that does not exist */
};

typedef struct wg_problems {
	struct wg_problem *v;
	size_t n, alloc;
} wg_problems;

/* Append what is wrong to out. An error only when the check cannot run. */
int wg_store_check(sqlite3 *db, wg_problems *out, wg_error *err);
void wg_problems_free(wg_problems *p);

#endif
