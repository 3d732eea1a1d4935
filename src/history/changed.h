/* The records changed since the last history commit (the "changed" table
 * the triggers fill), each with its row, kind by kind in the order of the
 * kinds' names, then by id: what a commit reads. When there are many (a
 * county's first commit), a thread of their own reads them from the
 * database while the commit serializes and hashes, which took as long; the
 * connection is the caller's, who leaves it alone until wg_changed_close. */
#ifndef WG_CHANGED_H
#define WG_CHANGED_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "record.h"

typedef struct wg_changed wg_changed;

int wg_changed_open(sqlite3 *db, wg_changed **out, wg_error *err);
/* Only some grids' records, for the kinds marked in filter (indexed as
 * wg_kinds; the others: every changed record of the kind, as above): the
 * changed records whose row names one of the grids (deleted ones are left
 * out). Read by scanning the kind's table, which costs a fraction of
 * reading every changed row (a county's first enroll: 3.2 million). */
int wg_changed_open_grids(sqlite3 *db, const char *const *grids, size_t ngrids,
			  const bool *filter, wg_changed **out, wg_error *err);
/* The next record: its kind (k: its index in wg_kinds), id, and row (NULL:
 * deleted), good until the next call; *done at the end. */
int wg_changed_next(wg_changed *c, const struct wg_kind **kind, size_t *k, const char **id,
		    const wg_record **rec, bool *done, wg_error *err);
void wg_changed_close(wg_changed *c);

#endif
