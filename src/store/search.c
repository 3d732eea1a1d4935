#include <config.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "search.h"
#include "utf8.h"

static char *trim(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

/* A gram that every match of a regular expression contains, or NULL. Only
 * for plain patterns: with alternatives, groups, classes, escapes or counted
 * repeats anything might be optional, so none is claimed. A character
 * followed by ? or * is optional; one followed by + is there at least once
 * and ends a run. The first one or two characters of the longest run of
 * characters every match has in order are the gram (none if only digits:
 * entity_gram leaves those out). */
static char *required_gram(const char *re)
{
	if (strpbrk(re, "|()[]\\{}"))
		return NULL;
	size_t n = strlen(re), best = 0, best_len = 0, best_chars = 0;
	for (size_t i = 0; i < n;) {
		if (strchr(".^$?*+", re[i])) {
			i++;
			continue;
		}
		size_t start = i, chars = 0;
		uint32_t cp;
		while (i < n && !strchr(".^$?*+", re[i])) {
			size_t a = utf8_decode(re + i, n - i, &cp);
			if (i + a < n && (re[i + a] == '?' || re[i + a] == '*'))
				break; /* optional: the run ends before it */
			i += a;
			chars++;
			if (i < n && re[i] == '+')
				break; /* at least once: the run ends with it */
		}
		if (chars > best_chars) {
			best = start;
			best_len = i - start;
			best_chars = chars;
		}
		if (i == start) /* an optional character: skip it (and then its ? or *) */
			i += utf8_decode(re + i, n - i, &cp);
	}
	if (!best_chars)
		return NULL;
	/* the first two characters of the run */
	size_t len = 0;
	for (int k = 0; k < 2 && len < best_len; k++) {
		uint32_t cp;
		len += utf8_decode(re + best + len, best_len - len, &cp);
	}
	char *g = xstrndup(re + best, len);
	if (strspn(g, "0123456789") == len) {
		free(g);
		return NULL;
	}
	for (char *p = g; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return g;
}

int wg_search_parse(const char *query, struct wg_search *out, wg_error *err)
{
	out->mode = SEARCH_NONE;
	out->text = NULL;
	out->gram = NULL;
	out->dense = false;
	char *t = trim(query ? query : "");
	if (!*t) {
		free(t);
		return WG_OK;
	}
	if (t[0] == '/') {
		memmove(t, t + 1, strlen(t));
		if (!*t) {
			free(t);
			return WG_OK; /* a lone "/" is a regex still being typed */
		}
		int code;
		PCRE2_SIZE off;
		pcre2_code *re = pcre2_compile((PCRE2_SPTR)t, PCRE2_ZERO_TERMINATED,
					       PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &code, &off, NULL);
		if (!re) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(code, msg, sizeof msg);
			int rc = wg_fail(err, WG_EINPUT,
					 _("bad regular expression at character %zu: %s"),
					 utf8_length(t, off) + 1, (const char *)msg);
			free(t);
			return rc;
		}
		pcre2_code_free(re);
		out->mode = SEARCH_REGEX;
		out->text = t;
		out->gram = required_gram(t);
		return WG_OK;
	}
	out->mode = utf8_length(t, strlen(t)) >= 3 ? SEARCH_TEXT : SEARCH_SHORT;
	out->text = t;
	if (out->mode == SEARCH_SHORT && strspn(t, "0123456789") != strlen(t)) {
		out->gram = xstrdup(t);
		for (char *p = out->gram; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	}
	return WG_OK;
}

int wg_search_gram_count(sqlite3 *db, const struct wg_search *s, long cap, long *n,
			 wg_error *err)
{
	sqlite3_stmt *st;
	*n = 0;
	if (!s->gram)
		return WG_OK;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM (SELECT 1 FROM entity_gram WHERE gram = ?1"
			       " LIMIT ?2)", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, s->gram, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, cap);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? WG_OK : wg_db_fail(db, err);
}

void wg_search_free(struct wg_search *s)
{
	free(s->text);
	free(s->gram);
	s->text = NULL;
	s->gram = NULL;
	s->dense = false;
	s->mode = SEARCH_NONE;
}

/* regexp(pattern, text): SQLite's REGEXP operator, with PCRE2. The compiled
 * pattern is kept as auxiliary data, so it is compiled once per statement. */
static void free_code(void *p)
{
	pcre2_code_free(p);
}

static void sql_regexp(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	pcre2_code *re = sqlite3_get_auxdata(ctx, 0);
	const unsigned char *subject = sqlite3_value_text(argv[1]);
	if (!re) {
		const unsigned char *pat = sqlite3_value_text(argv[0]);
		int code;
		PCRE2_SIZE off;
		re = pcre2_compile((PCRE2_SPTR)(pat ? (const char *)pat : ""),
				   PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &code,
				   &off, NULL);
		if (!re) {
			sqlite3_result_error(ctx, "bad regular expression", -1);
			return;
		}
		sqlite3_set_auxdata(ctx, 0, re, free_code);
		re = sqlite3_get_auxdata(ctx, 0);
		if (!re) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	if (!subject) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	int rc = pcre2_match(re, subject, (PCRE2_SIZE)sqlite3_value_bytes(argv[1]), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	sqlite3_result_int(ctx, rc >= 0);
}

/* wg_contains(text, part): whether text has part, as text LIKE '%part%'
 * ESCAPE '\\' decides (ASCII letters in either case, every other character
 * as it is; UTF-8 keeps a character's bytes together, so bytes compare as
 * characters do), without LIKE's cost: a task search checks the title of
 * every open task with it. memchr finds each place the last byte of part
 * (in either case) is, and only there are the rest compared. */
static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static bool contains(const unsigned char *t, size_t tn, const unsigned char *p, size_t pn)
{
	if (pn == 0)
		return true;
	if (tn < pn)
		return false;
	/* Look for the last byte: in Chinese the first byte of a character is
	 * one of a few (E4-E9 for most), the last one of 64. */
	size_t k = pn - 1;
	unsigned char lo = fold(p[k]);
	unsigned char up = lo >= 'a' && lo <= 'z' ? (unsigned char)(lo - 'a' + 'A') : lo;
	const unsigned char *end = t + tn;
	for (const unsigned char *q = t + k; q < end;) {
		const unsigned char *a = memchr(q, lo, (size_t)(end - q));
		const unsigned char *b = up != lo ? memchr(q, up, (size_t)((a ? a : end) - q)) : NULL;
		const unsigned char *at = b ? b : a;
		if (!at)
			return false;
		const unsigned char *start = at - k;
		size_t i = 0;
		while (i < k && fold(start[i]) == fold(p[i]))
			i++;
		if (i == k)
			return true;
		q = at + 1;
	}
	return false;
}

static void sql_contains(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *t = sqlite3_value_text(argv[0]);
	const unsigned char *p = sqlite3_value_text(argv[1]);
	if (!t || !p) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_int(ctx, contains(t, (size_t)sqlite3_value_bytes(argv[0]), p,
					 (size_t)sqlite3_value_bytes(argv[1])));
}

int wg_search_functions(sqlite3 *db, wg_error *err)
{
	if (sqlite3_create_function(db, "regexp", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    sql_regexp, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "wg_contains", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				    NULL, sql_contains, NULL, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	return WG_OK;
}

static bool ascii_only(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

void wg_search_fts(const char *s, strbuf *out)
{
	/* One FTS5 string: double quotes inside are doubled. */
	sb_addc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			sb_addc(out, '"');
		sb_addc(out, *s);
	}
	sb_addc(out, '"');
}

void wg_search_like(const char *s, strbuf *out)
{
	sb_addc(out, '%');
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			sb_addc(out, '\\');
		sb_addc(out, *s);
	}
	sb_addc(out, '%');
}

int wg_search_sql(sqlite3 *db, const struct wg_search *s, int param, int gram_param, strbuf *sql,
		  wg_error *err)
{
	int rc = s->mode == SEARCH_REGEX ? wg_search_functions(db, err) : WG_OK;
	if (rc)
		return rc;
	switch (s->mode) {
	case SEARCH_NONE:
		break;
	case SEARCH_TEXT:
		sb_addf(sql, " AND e.rowid IN (SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?%d)",
			param);
		break;
	case SEARCH_SHORT:
		/* entity_gram names every entity that has the text (and may name a few
		 * more: a renamed or deleted entity's old grams stay until the index is
		 * rebuilt), so the condition below still decides. Few of them: found
		 * there and sorted. Many: a list walked in its order finds a page at
		 * once, and the count stops at its cap. */
		if (s->gram && !s->dense)
			sb_addf(sql, " AND e.rowid IN (SELECT rid FROM entity_gram WHERE gram = ?%d)",
				gram_param);
		/* Credit codes, phone numbers and initials are ASCII: a Chinese query
		 * need not look at them (and so skips a lookup per row). */
		if (!ascii_only(s->text)) {
			sb_addf(sql, " AND (e.name LIKE ?%d ESCAPE '\\' OR e.address LIKE ?%d"
				" ESCAPE '\\')", param, param);
			break;
		}
		sb_addf(sql, " AND (e.name LIKE ?%d ESCAPE '\\' OR e.address LIKE ?%d ESCAPE '\\'"
			" OR e.uscc LIKE ?%d ESCAPE '\\' OR e.phone LIKE ?%d ESCAPE '\\' OR"
			" EXISTS (SELECT 1 FROM entity_initials i WHERE i.id = e.rowid AND"
			" i.initials LIKE ?%d ESCAPE '\\'))", param, param, param, param, param);
		break;
	case SEARCH_REGEX:
		/* a gram every match contains: the candidates, as for a short search */
		if (s->gram && !s->dense)
			sb_addf(sql, " AND e.rowid IN (SELECT rid FROM entity_gram WHERE gram = ?%d)",
				gram_param);
		sb_addf(sql, " AND (e.name REGEXP ?%d OR e.address REGEXP ?%d OR e.uscc REGEXP ?%d"
			" OR e.phone REGEXP ?%d)", param, param, param, param);
		break;
	}
	return WG_OK;
}

void wg_search_bind(sqlite3_stmt *st, const struct wg_search *s, int param, int gram_param)
{
	strbuf b = STRBUF_INIT;
	switch (s->mode) {
	case SEARCH_NONE:
		return;
	case SEARCH_TEXT:
		wg_search_fts(s->text, &b);
		break;
	case SEARCH_SHORT:
		wg_search_like(s->text, &b);
		if (s->gram && !s->dense)
			sqlite3_bind_text(st, gram_param, s->gram, -1, SQLITE_TRANSIENT);
		break;
	case SEARCH_REGEX:
		sb_adds(&b, s->text);
		if (s->gram && !s->dense)
			sqlite3_bind_text(st, gram_param, s->gram, -1, SQLITE_TRANSIENT);
		break;
	}
	sqlite3_bind_text(st, param, sb_str(&b), (int)b.len, SQLITE_TRANSIENT);
	sb_release(&b);
}
