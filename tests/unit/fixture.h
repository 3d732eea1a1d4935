#ifndef WANGGE_TEST_FIXTURE_H
#define WANGGE_TEST_FIXTURE_H
#include <sqlite3.h>
#include <stdbool.h>

#include "workspace.h"
/* A county workspace at dir (示范县, 330102) with one grid, g1 (two tests:
 * "county workspace", "grid"); NULL when it could not be made. */
wg_workspace *fixture_county(const char *dir);
/* Add the grid code (name) in 中山乡, one test named what: passed? */
bool fixture_grid(wg_workspace *ws, const char *code, const char *name, const char *what);
/* Run sql, a diagnostic when it fails. */
void fixture_exec(sqlite3 *db, const char *sql);
/* The first column of sql's first row as a number, -1 after a diagnostic. */
long fixture_sql_long(sqlite3 *db, const char *sql);
/* Close ws and remove dir, the test's temporary folder ("clean up"). */
void fixture_done(wg_workspace *ws, const char *dir);
/* Add an entity of category D211 in grid g1 (which the test made) and
 * return its id (free it), or NULL after a diagnostic. */
char *fixture_entity(wg_workspace *ws, const char *name, const char *addr, const char *phone);
/* Undo the migration that adds changed_grid (for a test that rewinds the
 * database to an older version): the change triggers as they were before it,
 * without their changed_grid rows, and no table. */
void fixture_drop_changed_grid(sqlite3 *db);
#endif
