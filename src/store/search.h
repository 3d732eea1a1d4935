/* Search queries typed by a user, as-you-type:
 *   "中山"      substring of name, address, USCC or phone (FTS5 trigram);
 *   "zsxws"     also the pinyin initials of the name (中山乡卫生院);
 *   "/^东湖.*室$" a PCRE2 regular expression on the same fields (experts).
 * Parsing is pure; wg_search_sql turns a query into an SQL condition. */
#ifndef WG_SEARCH_H
#define WG_SEARCH_H

#include <sqlite3.h>

#include "error.h"
#include "strbuf.h"

enum wg_search_mode {
	SEARCH_NONE,   /* empty: everything matches */
	SEARCH_SHORT,  /* 1-2 characters: too short for the trigram index, scanned */
	SEARCH_TEXT,   /* 3 or more characters: trigram index */
	SEARCH_REGEX,  /* "/" prefix */
};

struct wg_search {
	enum wg_search_mode mode;
	char *text; /* the substring or the pattern, trimmed; NULL for SEARCH_NONE */
};

/* Parse a query. A regular expression that does not compile is refused with
 * a message naming the position. */
int wg_search_parse(const char *query, struct wg_search *out, wg_error *err);
void wg_search_free(struct wg_search *s);

/* Append " AND <condition>" for entity rows aliased "e" to sql, using parameter
 * ?<param> for the text; bind it with wg_search_bind. Registers the regexp()
 * SQL function on db when needed. */
int wg_search_sql(sqlite3 *db, const struct wg_search *s, int param, strbuf *sql,
		  wg_error *err);
void wg_search_bind(sqlite3_stmt *st, const struct wg_search *s, int param);

#endif
