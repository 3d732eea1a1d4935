/* The SQLite working copy: schema versions and migrations, and generic record
 * storage driven by the schema tables (one table per kind, one column per field). */
#ifndef WG_DB_H
#define WG_DB_H

#include <sqlite3.h>
#include <stdbool.h>

#include "error.h"
#include "id.h"
#include "record.h"

#define WG_DB_VERSION 5

/* Open (creating if asked) and migrate to WG_DB_VERSION. A database made by a
 * newer wangge is refused rather than damaged. */
int wg_db_open(const char *path, bool create, sqlite3 **out, wg_error *err);
void wg_db_close(sqlite3 *db);
/* Free pages of the database (and, when pages is not NULL, all its pages). */
long wg_db_free_pages(sqlite3 *db, long *pages);
/* Closing a workspace opened for writing gives the file system back the
 * pages a large deletion freed (the changed table emptied by the first
 * commit, a big import's replaced rows): wg_db_reclaim.
 * When at least WG_DB_RECLAIM_PAGES pages and a sixteenth of the file are
 * free, and the database frees pages incrementally (every database made by
 * this version; older ones after a VACUUM), truncate the file by them. Never
 * inside a transaction, never waiting for another writer; true when done. */
#define WG_DB_RECLAIM_PAGES 2048
bool wg_db_reclaim(sqlite3 *db);

/* Transactions: BEGIN IMMEDIATE so a second writer fails at once, clearly. */
int wg_db_begin(sqlite3 *db, wg_error *err);
int wg_db_commit(sqlite3 *db, wg_error *err);
void wg_db_rollback(sqlite3 *db);
int wg_db_exec(sqlite3 *db, const char *sql, wg_error *err);
/* Turn an SQLite failure into an error with a message a user can act on. */
int wg_db_fail(sqlite3 *db, wg_error *err);

/* Local settings of this workspace (role, grid, officer, ...). */
/* The schema version this program makes and upgrades to. */
int wg_db_schema_version(void);
int wg_meta_get(sqlite3 *db, const char *key, char **value, wg_error *err); /* *value NULL if unset */
int wg_meta_set(sqlite3 *db, const char *key, const char *value, wg_error *err);

/* Records. */
/* Run sql (one optional text parameter): *n rows, the first row's first
 * column copied to first (when not NULL). */
int wg_count_rows(sqlite3 *db, const char *sql, const char *arg, long *n, char *first,
		  size_t firstlen, wg_error *err);
/* The one number sql (one optional text parameter) selects: a count, a sum;
 * 0 when it selects no row. */
int wg_query_number(sqlite3 *db, const char *sql, const char *arg, size_t *out, wg_error *err);
int wg_db_insert(sqlite3 *db, const wg_record *rec, wg_error *err);
int wg_db_update(sqlite3 *db, const wg_record *rec, wg_error *err);
int wg_db_delete(sqlite3 *db, const struct wg_kind *kind, const char *id, wg_error *err);
/* Load by full id; WG_EINPUT "not found" when absent. */
int wg_db_load(sqlite3 *db, const struct wg_kind *kind, const char *id, wg_record **out,
	       wg_error *err);
/* Resolve an id or a unique prefix of at least 4 hex digits to the full id. */
int wg_db_resolve(sqlite3 *db, const struct wg_kind *kind, const char *prefix,
		  char out[WG_ID_BUFSIZE], wg_error *err);
/* Fill a record from the current row of a statement that selected all fields of
 * the kind in schema order starting at column first_col. */
wg_record *wg_db_row_record(sqlite3_stmt *st, const struct wg_kind *kind, int first_col);
/* Bring an entity's search index up to date with rec (the pinyin initials of its
 * name; the triggers keep the rest). wg_db_insert and wg_db_update call it. */
int wg_db_index_entity(sqlite3 *db, const wg_record *rec, wg_error *err);
/* The same for many entities: the statements it needs, prepared once, kept
 * in ix (zeroed at first) until wg_entity_indexer_free. */
struct wg_entity_indexer {
	sqlite3_stmt *st[5];
};
int wg_db_index_entity_with(sqlite3 *db, struct wg_entity_indexer *ix, const wg_record *rec,
			    wg_error *err);
void wg_entity_indexer_free(struct wg_entity_indexer *ix);
/* Rebuild the whole search index (substring and pinyin initials) from the
 * entity table: after an upgrade, or a bulk load that bypassed the triggers. */
int wg_db_reindex_search(sqlite3 *db, wg_error *err);
/* Rebuild every table derived from the records by triggers (search index,
 * entity count, last visit): after a bulk load that ran without the triggers.
 * A new derived table must be added here too. */
int wg_db_rebuild_derived(sqlite3 *db, wg_error *err);
/* Forget every kept points result: each entity that can have points is to be
 * computed again (the points rules changed, or a bulk load). */
int wg_db_points_all_stale(sqlite3 *db, wg_error *err);
/* Move every record's county-only values (FF_COUNTY_ONLY) into the personal
 * table (a county workspace) or drop them (any other), as the triggers do for
 * each write: for bulk loading, which sets the triggers aside. */
int wg_db_keep_personal(sqlite3 *db, wg_error *err);
/* The county-only values the county keeps for rec (read from the database):
 * into rec's empty FF_COUNTY_ONLY fields, for display only (a record so filled
 * is never committed). Nothing in another workspace. */
int wg_db_personal_fill(sqlite3 *db, wg_record *rec, wg_error *err);
/* Keep (or, value "", forget) one county-only value: also the ones no record
 * field carries, such as a complainant's ID number (field "idcard"). */
int wg_db_personal_set(sqlite3 *db, const struct wg_kind *kind, const char *id, const char *field,
		       const char *value, wg_error *err);
/* Every value the county keeps, for masking them in what it publishes; in no
 * particular order. */
typedef void wg_personal_fn(const char *kind, const char *field, const char *value, void *arg);
int wg_db_personal_values(sqlite3 *db, wg_personal_fn *fn, void *arg, wg_error *err);
/* Bring every entity's name_key (its place in the lists: wg_natural_key of its
 * name) up to date: after an upgrade or a bulk load. */
int wg_db_fill_name_keys(sqlite3 *db, wg_error *err);
/* Register the SQL function wg_initials(text) on db, for bulk statements. */
int wg_db_add_initials_function(sqlite3 *db, wg_error *err);
/* The field naming the grid a record of kind is pending for (pending.grid),
 * NULL when its records are pending for grid '' (the kinds not on the
 * grids' branches): what the change triggers write. */
const char *wg_db_pending_grid_field(const struct wg_kind *kind);
/* "'county', 'entity', ...": every kind's name, for "kind IN (...)" (what
 * makes a grid's rows of a table keyed by kind first a seek per kind). */
void wg_db_add_kind_names(strbuf *sql);
/* "id, grid, name, ..." for SELECT statements. */
const char *wg_db_columns(const struct wg_kind *kind);

#endif
