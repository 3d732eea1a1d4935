/* Paged lists over the working copy for screens that scroll: never more than one
 * page of rows in memory, whatever the size of the workspace. */
#ifndef WG_BROWSE_H
#define WG_BROWSE_H

#include <sqlite3.h>

#include "error.h"
#include "search.h"

/* Rows of text cells; row r, column c is cells[r * ncols + c]. */
typedef struct wg_rows {
	size_t nrows, ncols;
	char **cells;
} wg_rows;

const char *wg_rows_get(const wg_rows *r, size_t row, size_t col);
void wg_rows_free(wg_rows *r);

enum wg_entity_sort { ESORT_NAME, ESORT_CATEGORY, ESORT_GRID, ESORT_STATUS, ESORT_COUNT };
const char *wg_entity_sort_label(enum wg_entity_sort s); /* translated */

struct wg_entity_filter {
	const char *category; /* NULL or "" for any */
	const char *status;
	const char *grid;
	const char *risk;     /* a risk grade code; needs wg_risk_grade_table first */
	struct wg_search search;
	enum wg_entity_sort sort;
};

/* Entity list columns, in this order. */
enum { EC_ID, EC_NAME, EC_CATEGORY, EC_GRID, EC_STATUS, EC_PHONE, EC_ADDRESS, EC_USCC, EC_NCOLS };

/* Rows offset .. offset + limit - 1. total, when known exactly (else -1), lets a
 * page near the end be read from the end instead of skipping every row before it. */
int wg_entity_page(sqlite3 *db, const struct wg_entity_filter *f, long offset, int limit,
		   long total, wg_rows *out, wg_error *err);
/* Number of matching entities, counting at most cap (*count == cap means "cap or more"). */
int wg_entity_count(sqlite3 *db, const struct wg_entity_filter *f, long cap, long *count,
		    wg_error *err);

/* Tasks: by status (NULL: every status that is not done or cancelled), then due
 * date (undated last). Columns: */
enum { TC_ID, TC_DUE, TC_STATUS, TC_KIND, TC_TITLE, TC_ENTITY, TC_GRID, TC_SOURCE, TC_NCOLS };
int wg_task_page(sqlite3 *db, const char *status, long offset, int limit, wg_rows *out,
		 wg_error *err);
int wg_task_count(sqlite3 *db, const char *status, long *count, wg_error *err);
/* The tasks (of status, as above, in the same order) whose title or entity
 * matches a search (the entity as the entity search finds it: a part of its
 * name, address, credit code or phone, the pinyin initials of its name, a
 * regular expression; the title by a part of it or the expression), at most
 * limit of them. */
int wg_task_search(sqlite3 *db, const char *status, const struct wg_search *s, int limit,
		   wg_rows *out, wg_error *err);

/* The tasks of one entity, latest due first (columns as above) and its
 * inspections, latest first: */
enum { IC_ID, IC_STARTED, IC_KIND, IC_RESULT, IC_STATUS, IC_SUMMARY, IC_NCOLS };
int wg_entity_tasks(sqlite3 *db, const char *entity, int limit, wg_rows *out, wg_error *err);
int wg_entity_inspections(sqlite3 *db, const char *entity, int limit, wg_rows *out,
			  wg_error *err);

/* Bundle files written and read, newest first: time, "sent" or "received", file. */
int wg_sync_recent(sqlite3 *db, int limit, wg_rows *out, wg_error *err);

/* Grid codes, for choosing one (sorted). */
int wg_grid_codes(sqlite3 *db, wg_rows *out, wg_error *err);

#endif
