#ifndef WANGGE_TEST_EXPLAIN_H
#define WANGGE_TEST_EXPLAIN_H
#include <stdbool.h>
#include <sqlite3.h>
#include "strbuf.h"
/* Append sqlite's EXPLAIN QUERY PLAN of sql to out, one step a line. When
 * sqlite cannot explain it, append "cannot explain: <why>" and return false. */
bool explain_plan(sqlite3 *db, const char *sql, strbuf *out);
#endif
