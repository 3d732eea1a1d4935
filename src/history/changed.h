/* The records changed since the last history commit (the "pending" table
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

/* Every grid pending has rows for, '' included, one seek each: what makes
 * the rows of one kind, or of one record, a range of pending's key for each
 * grid (150 on the large demo county) instead of a scan of the table. */
#define PENDING_GRIDS                                                                      \
	"WITH RECURSIVE pg(grid) AS (SELECT min(grid) FROM pending UNION ALL"               \
	" SELECT (SELECT min(grid) FROM pending WHERE grid > pg.grid) FROM pg"              \
	" WHERE pg.grid IS NOT NULL) "
#define IN_PENDING_GRIDS "grid IN (SELECT grid FROM pg WHERE grid IS NOT NULL)"

typedef struct wg_changed wg_changed;

int wg_changed_open(sqlite3 *db, wg_changed **out, wg_error *err);
/* Only some grids' records, for the kinds marked in filter (indexed as
 * wg_kinds; the others: every changed record of the kind, as above): the
 * records pending for one of the grids (in it, or moved out of it or
 * deleted from it since the last commit), each once. Read by pending's key, which costs the grids' pending records, not
 * the county's (a county's first enroll: 3.2 million). */
int wg_changed_open_grids(sqlite3 *db, const char *const *grids, size_t ngrids,
			  const bool *filter, wg_changed **out, wg_error *err);
/* How many records wg_changed_open_grids with the same arguments reads
 * (a record pending for two of the grids counts twice). */
int wg_changed_count(sqlite3 *db, const char *const *grids, size_t ngrids, const bool *filter,
		     long long *n, wg_error *err);
/* The next record: its kind (k: its index in wg_kinds), id, and row (NULL:
 * deleted), good until the next call; *done at the end. */
int wg_changed_next(wg_changed *c, const struct wg_kind **kind, size_t *k, const char **id,
		    const wg_record **rec, bool *done, wg_error *err);
/* May the current record have been on another branch than its grid's: read
 * whole, or moved from another grid (pending.moved). A record that did
 * not is new or changed where it was, and no other branch holds it. */
bool wg_changed_moved(const wg_changed *c);
void wg_changed_close(wg_changed *c);

#endif
