/* Search queries typed by a user, as-you-type:
 *   "中山"      substring of name, address, USCC or phone (FTS5 trigram);
 *   "zsxws"     also the pinyin initials of the name (中山乡卫生院);
 *   "/^东湖.*室$" a PCRE2 regular expression on the same fields (experts).
 * Parsing is pure; wg_search_sql turns a query into an SQL condition. */
#ifndef WG_SEARCH_H
#define WG_SEARCH_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "strbuf.h"

enum wg_search_mode {
	SEARCH_NONE,   /* empty: everything matches */
	SEARCH_SHORT,  /* 1-2 characters: too short for trigrams; entity_gram */
	SEARCH_TEXT,   /* 3 or more characters: trigram index */
	SEARCH_REGEX,  /* "/" prefix */
};

struct wg_search {
	enum wg_search_mode mode;
	char *text; /* the substring or the pattern, trimmed; NULL for SEARCH_NONE */
	/* SEARCH_SHORT: the text as entity_gram keeps it (ASCII in lower case), or
	 * NULL when the table does not answer it (only digits: see wg_grams);
	 * SEARCH_REGEX: a gram every match contains, when one is sure. */
	char *gram;
	/* Set by the caller of wg_search_sql: the query matches many entities, so
	 * walking a list in its order finds a page at once; else the entities are
	 * found through entity_gram and sorted (few of them). */
	bool dense;
};

/* Parse a query. A regular expression that does not compile is refused with
 * a message naming the position. */
int wg_search_parse(const char *query, struct wg_search *out, wg_error *err);
void wg_search_free(struct wg_search *s);

/* Append " AND <condition>" for entity rows aliased "e" to sql, using parameter
 * ?<param> for the text and ?<gram_param> for an entity_gram key; bind them with
 * wg_search_bind. Registers the regexp() SQL function on db when needed. */
int wg_search_sql(sqlite3 *db, const struct wg_search *s, int param, int gram_param,
		  strbuf *sql, wg_error *err);
void wg_search_bind(sqlite3_stmt *st, const struct wg_search *s, int param, int gram_param);

/* Register on db the SQL functions searches use: regexp(pattern, text)
 * (REGEXP, PCRE2) and wg_contains(text, part), which is text LIKE
 * '%part%' ESCAPE '\\' with part unescaped (ASCII letters in either case),
 * at a fraction of LIKE's cost. */
int wg_search_functions(sqlite3 *db, wg_error *err);

/* text as one FTS5 string, for MATCH: the trigram index finds it anywhere. */
void wg_search_fts(const char *text, strbuf *out);

/* text as a LIKE pattern that finds it anywhere ("%text%", with ESCAPE '\\'). */
void wg_search_like(const char *text, strbuf *out);

/* The entity_gram rows of a query, counting at most cap: whether it is dense. */
int wg_search_gram_count(sqlite3 *db, const struct wg_search *s, long cap, long *n,
			 wg_error *err);


#endif
