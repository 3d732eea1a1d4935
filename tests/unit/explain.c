#include <config.h>
#include <stdlib.h>
#include "explain.h"

bool explain_plan(sqlite3 *db, const char *sql, strbuf *out)
{
	char *eqp = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st;
	bool ok = sqlite3_prepare_v2(db, eqp, -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		while (sqlite3_step(st) == SQLITE_ROW)
			sb_addf(out, "%s\n", (const char *)sqlite3_column_text(st, 3));
		sqlite3_finalize(st);
	} else {
		sb_addf(out, "cannot explain: %s", sqlite3_errmsg(db));
	}
	free(eqp);
	return ok;
}
