/* Search queries, pinyin initials and the search index, on a real database. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "browse.h"
#include "county.h"
#include "db.h"
#include "explain.h"
#include "fixture.h"
#include "gram.h"
#include "id.h"
#include "recordop.h"
#include "pinyin.h"
#include "search.h"
#include "strbuf.h"
#include "tap.h"

static void initials(const char *s, const char *want)
{
	strbuf sb = STRBUF_INIT;
	wg_error err;
	tap_ok(wg_pinyin_initials(s, &sb, &err) == WG_OK, "initials of %s", s);
	tap_is_str(sb_str(&sb), want, "initials of %s are %s", s, want);
	sb_release(&sb);
}

#define int_of fixture_sql_long

static long count(wg_workspace *ws, const char *q)
{
	struct wg_entity_filter f = {0};
	wg_error err;
	long n = -1;
	if (wg_search_parse(q, &f.search, &err) || wg_entity_count(ws->db, &f, 1000, &n, &err))
		tap_diag("%s", err.msg);
	wg_search_free(&f.search);
	return n;
}

/* The query plans of every statement run while counting and paging q. */
static strbuf plans;

/* entity_gram's rows in its key order, "gram rid" joined by |. */
static char *gram_rows(sqlite3 *db)
{
	strbuf sb = STRBUF_INIT;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT gram, rid FROM entity_gram ORDER BY gram, rid", -1, &st,
			       NULL) == SQLITE_OK)
		while (sqlite3_step(st) == SQLITE_ROW)
			sb_addf(&sb, "%s %lld|", (const char *)sqlite3_column_text(st, 0),
				(long long)sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	return sb_detach(&sb);
}

/* wg_gram_set orders its pairs as SQLite orders (gram, rid), each once, and
 * refuses what a pair cannot hold. */
static void gram_set(void)
{
	wg_gram_set set = WG_GRAM_SET_INIT;
	static const struct {
		const char *gram;
		long long rid;
	} in[] = {{"村", 3}, {"a", 9}, {"ab", 2}, {"村", 1}, {"a", 9}, {"A", 4}, {"卫生", 7},
		  {"b", 1}, {"村", 3}, {"卫", 7}, {"a", 1}};
	bool all = true;
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
		all &= wg_gram_set_add(&set, in[i].gram, strlen(in[i].gram), in[i].rid);
	tap_ok(all, "gram set: pairs added");
	tap_ok(!wg_gram_set_add(&set, "x", 1, (int64_t)1 << WG_GRAM_RID_BITS) &&
		       !wg_gram_set_add(&set, "x", 1, -1) && !wg_gram_set_add(&set, "x\0y", 3, 1),
	       "  a rid beyond 40 bits, a negative one, a NUL in the gram: refused");
	wg_gram_set_sort(&set);
	strbuf got = STRBUF_INIT;
	for (size_t i = 0; i < set.npairs; i++) {
		int64_t rid;
		const char *g = wg_gram_set_pair(&set, i, &rid);
		sb_addf(&got, "%s %lld|", g, (long long)rid);
	}
	/* what SQLite's ORDER BY gives for the same pairs, each once */
	sqlite3 *db;
	char *want = NULL;
	if (sqlite3_open(":memory:", &db) == SQLITE_OK &&
	    sqlite3_exec(db, "CREATE TABLE entity_gram (gram TEXT, rid INTEGER);", NULL, NULL,
			 NULL) == SQLITE_OK) {
		for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
			char *sql = sqlite3_mprintf("INSERT INTO entity_gram SELECT %Q, %lld WHERE NOT"
						    " EXISTS (SELECT 1 FROM entity_gram WHERE gram = %Q"
						    " AND rid = %lld)", in[i].gram, in[i].rid,
						    in[i].gram, in[i].rid);
			sqlite3_exec(db, sql, NULL, NULL, NULL);
			sqlite3_free(sql);
		}
		want = gram_rows(db);
	}
	sqlite3_close(db);
	tap_is_str(sb_str(&got), want ? want : "", "  in SQLite's order, each once");
	tap_is_int((long)set.npairs, 9, "  9 distinct pairs of 11");
	free(want);
	sb_release(&got);
	wg_gram_set_free(&set);
}

static int on_trace(unsigned type, void *ctx, void *p, void *x)
{
	sqlite3 *db = ctx;
	(void)x;
	if (type != SQLITE_TRACE_STMT)
		return 0;
	const char *sql = sqlite3_sql((sqlite3_stmt *)p);
	if (!sql || strncmp(sql, "EXPLAIN", 7) == 0)
		return 0;
	explain_plan(db, sql, &plans);
	return 0;
}

/* Count and first page of q, both ways: the rows and their plans. */
static long page(wg_workspace *ws, const char *q, char *first, size_t nfirst)
{
	struct wg_entity_filter f = {0};
	wg_error err;
	wg_rows r = {0};
	long n = -1;
	sb_release(&plans);
	sqlite3_trace_v2(ws->db, SQLITE_TRACE_STMT, on_trace, ws->db);
	if (wg_search_parse(q, &f.search, &err) || wg_entity_count(ws->db, &f, 1000, &n, &err) ||
	    wg_entity_page(ws->db, &f, 0, 10, -1, &r, &err))
		tap_diag("%s", err.msg);
	sqlite3_trace_v2(ws->db, 0, NULL, NULL);
	if (n != (long)r.nrows)
		tap_diag("%s: counted %ld, a page of %zu", q, n, r.nrows);
	snprintf(first, nfirst, "%s", r.nrows ? wg_rows_get(&r, 0, EC_NAME) : "");
	wg_rows_free(&r);
	wg_search_free(&f.search);
	return n;
}

/* The open tasks a task search finds (their titles, in the list's order,
 * "|" between), and the plans of its statements in plans. */
static void task_search(wg_workspace *ws, const char *q, const char *want, const char *what)
{
	struct wg_search s;
	wg_error err;
	wg_rows r = {0};
	strbuf got = STRBUF_INIT;
	sb_release(&plans);
	sqlite3_trace_v2(ws->db, SQLITE_TRACE_STMT, on_trace, ws->db);
	if (wg_search_parse(q, &s, &err) || wg_task_search(ws->db, NULL, &s, 100, &r, &err))
		tap_diag("%s: %s", q, err.msg);
	sqlite3_trace_v2(ws->db, 0, NULL, NULL);
	for (size_t i = 0; i < r.nrows; i++)
		sb_addf(&got, "%s%s", i ? "|" : "", wg_rows_get(&r, i, TC_TITLE));
	tap_is_str(sb_str(&got), want, "%s", what);
	/* never a walk of the table: its 1.35 M rows on the large demo county */
	if (!tap_ok(!strstr(sb_str(&plans), "SCAN t\n") && !strstr(sb_str(&plans), "SCAN task\n") &&
		    !strstr(sb_str(&plans), "SCAN o\n"), "  %s: no scan of the tasks", q))
		tap_diag("%s", sb_str(&plans));
	sb_release(&got);
	wg_rows_free(&r);
	wg_search_free(&s);
}

static void add(wg_workspace *ws, const char *name, const char *addr, const char *phone)
{
	free(fixture_entity(ws, name, addr, phone));
}

/* LIKE, counting its calls while counting is set: each entity a search
 * reads is compared with it (its name first), so the calls are the rows read,
 * without a clock. */
static long likes;
static bool counting;

static void counting_like(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *pat = (const char *)sqlite3_value_text(argv[0]);
	const char *text = (const char *)sqlite3_value_text(argv[1]);
	const char *esc = argc == 3 ? (const char *)sqlite3_value_text(argv[2]) : NULL;
	if (counting)
		likes++;
	if (!pat || !text) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_int(ctx, sqlite3_strlike(pat, text, esc && *esc ? (unsigned char)*esc : 0)
			   == 0);
}

/* A page of q (offset, limit 20, total as the list passes it) against the
 * same rows found by checking every entity (like, a LIKE pattern on name,
 * address and initials): the same ids in the same order, with at most
 * max_likes comparisons. */
static void clustered_page(wg_workspace *ws, const char *q, const char *like, long offset,
			   long total, long max_likes, const char *what)
{
	struct wg_entity_filter f = {0};
	wg_error err;
	wg_rows r = {0}, want = {0};
	strbuf got = STRBUF_INIT, exp = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	likes = 0;
	counting = true;
	if (wg_search_parse(q, &f.search, &err) ||
	    wg_entity_page(ws->db, &f, offset, 20, total, &r, &err))
		tap_diag("%s: %s", q, err.msg);
	counting = false;
	for (size_t i = 0; i < r.nrows; i++)
		sb_addf(&got, "%s ", wg_rows_get(&r, i, EC_ID));
	if (sqlite3_prepare_v2(ws->db, "SELECT e.id FROM entity e JOIN entity_initials i"
			       " ON i.id = e.rowid WHERE e.name LIKE ?1 OR e.address LIKE ?1 OR"
			       " i.initials LIKE ?1 ORDER BY e.name_key, e.rowid LIMIT 20 OFFSET ?2",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, like, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, offset);
		while (sqlite3_step(st) == SQLITE_ROW)
			sb_addf(&exp, "%s ", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	tap_ok(r.nrows == 20 && strcmp(sb_str(&got), sb_str(&exp)) == 0, "%s: the page", what);
	if (strcmp(sb_str(&got), sb_str(&exp)) != 0)
		tap_diag("got %s\nwant %s", sb_str(&got), sb_str(&exp));
	if (!tap_ok(likes <= max_likes, "  %s: %ld comparisons, at most %ld", what, likes,
		    max_likes))
		tap_diag("%s", "the walk read the rows before the matches");
	sb_release(&got);
	sb_release(&exp);
	wg_rows_free(&r);
	wg_rows_free(&want);
	wg_search_free(&f.search);
}

int main(void)
{
	struct wg_search s;
	wg_error err;

	tap_ok(wg_search_parse("  ", &s, &err) == WG_OK && s.mode == SEARCH_NONE, "blank: no search");
	tap_ok(wg_search_parse("中山", &s, &err) == WG_OK && s.mode == SEARCH_SHORT,
	       "two characters: short search");
	wg_search_free(&s);
	tap_ok(wg_search_parse(" 卫生院 ", &s, &err) == WG_OK && s.mode == SEARCH_TEXT,
	       "three characters: index search");
	tap_is_str(s.text, "卫生院", "the query is trimmed");
	wg_search_free(&s);
	tap_ok(wg_search_parse("/^东湖", &s, &err) == WG_OK && s.mode == SEARCH_REGEX, "/ prefix: regex");
	tap_is_str(s.text, "^东湖", "without the slash");
	wg_search_free(&s);
	tap_ok(wg_search_parse("/a(b", &s, &err) == WG_EINPUT, "a bad regex is refused");
	tap_ok(strstr(err.msg, "character 4") != NULL, "naming where: %s", err.msg);

	gram_set();
	initials("中山乡卫生院", "zsxwsy");
	initials("东湖村卫生室", "dhcwss");
	initials("Kangtai 药房 No.1", "kangtaiyfno1");

	char dir[] = "/tmp/wangge-test-search.XXXXXX";
	tap_ok(mkdtemp(dir) != NULL, "temporary folder");
	char *wsdir = xasprintf("%s/ws", dir);
	wg_workspace *ws;
	ws = fixture_county(wsdir);
	if (!ws)
		return tap_exit();
	add(ws, "中山乡卫生院", "中山乡人民路1号", "13900139000");
	add(ws, "东湖村卫生室", "东湖村", "");
	add(ws, "Kangtai 100% Pharmacy", "", "");

	tap_is_int(count(ws, ""), 3, "no query: all three");
	/* the grams a re-index writes are those written entity by entity */
	char *kept = gram_rows(ws->db);
	tap_ok(strlen(kept) > 100 && wg_db_reindex_search(ws->db, &err) == WG_OK,
	       "re-indexed (%zu bytes of grams before)", strlen(kept));
	char *again = gram_rows(ws->db);
	tap_is_str(again, kept, "  the same grams as written entity by entity");
	free(kept);
	free(again);
	tap_is_int(count(ws, "卫生"), 2, "short substring");
	tap_is_int(count(ws, "乡卫生"), 1, "substring in the middle of a name");
	tap_is_int(count(ws, "人民路"), 1, "substring of an address");
	tap_is_int(count(ws, "0139"), 1, "substring of a phone number");
	tap_is_int(count(ws, "zsxws"), 1, "pinyin initials");
	tap_is_int(count(ws, "ZSX"), 1, "pinyin initials in capitals");
	tap_is_int(count(ws, "dh"), 1, "two pinyin initials");
	tap_is_int(count(ws, "pharm"), 1, "ASCII is case-insensitive");
	tap_is_int(count(ws, "0%"), 1, "%% is a character, not a wildcard");
	tap_is_int(count(ws, "/^东湖.*室$"), 1, "regular expression");
	tap_is_int(count(ws, "/卫生(院|室)"), 2, "regular expression with alternatives");
	tap_is_int(count(ws, "xyzzy"), 0, "no match");

	/* 1-2 characters: through entity_gram, never a scan of every entity. */
	char first[200];
	tap_is_int(count(ws, "湖"), 1, "one character");
	tap_is_int(count(ws, "乡卫"), 1, "two characters across a word");
	tap_is_int(count(ws, "Z"), 1, "one initial, in capitals");
	tap_is_int(count(ws, "13"), 1, "digits only (not in entity_gram): still found");
	tap_is_int(page(ws, "卫", first, sizeof first), 2, "a short search: count and page agree");
	tap_is_str(first, "东湖村卫生室", "  the first by name");
	tap_ok(strstr(sb_str(&plans), "entity_gram") != NULL, "  found through entity_gram");
	tap_ok(!strstr(sb_str(&plans), "SCAN e\n"), "  without a scan of the entities");
	if (strstr(sb_str(&plans), "SCAN e\n"))
		tap_diag("%s", sb_str(&plans));
	/* A regular expression with characters every match has: its candidates
	 * come from entity_gram too; with alternatives or groups, none is sure. */
	tap_is_int(page(ws, "/^中山乡卫", first, sizeof first), 1, "a regex with a literal");
	tap_ok(strstr(sb_str(&plans), "entity_gram") != NULL, "  found through entity_gram");
	tap_is_int(count(ws, "/东?湖村"), 1, "an optional character is not required");
	tap_is_int(count(ws, "/x*卫生"), 2, "nor one repeated zero or more times");
	tap_is_int(count(ws, "/Ka+ngtai"), 1, "one repeated once or more is (capitals too)");
	tap_is_int(page(ws, "/(中山|东湖)村?", first, sizeof first), 2, "alternatives: both found");
	tap_ok(!strstr(sb_str(&plans), "entity_gram"), "  without entity_gram");
	tap_is_int(count(ws, "/^139"), 1, "digits only: found without entity_gram");

	/* The task search: few matches through the index of the open tasks (by
	 * entity, and every title), many by walking the open tasks in order. */
	tap_ok(sqlite3_exec(ws->db, "INSERT INTO task(id, grid, kind, title, entity, due, status)"
			    " SELECT 't1', 'g1', 'patrol', '日常巡查', id, '2026-12-10', 'open' FROM"
			    " entity WHERE name = '东湖村卫生室' UNION ALL"
			    " SELECT 't2', 'g1', 'clue', '线索核查：中山乡卫生院', id, '2026-12-05',"
			    " 'open' FROM entity WHERE name = '中山乡卫生院' UNION ALL"
			    " SELECT 't3', 'g1', 'patrol', '日常巡查 done', id, '2026-12-01', 'done' FROM"
			    " entity WHERE name LIKE 'Kangtai%' UNION ALL"
			    " SELECT 't4', 'g1', 'clue', '无关', id, '', 'started' FROM"
			    " entity WHERE name LIKE 'Kangtai%'", NULL, NULL, NULL) == SQLITE_OK,
	       "four tasks");
	task_search(ws, "卫", "线索核查：中山乡卫生院|日常巡查", "a character: by title and by entity");
	tap_ok(strstr(sb_str(&plans), "SEARCH o USING COVERING INDEX task_open_search (entity=?)") &&
	       strstr(sb_str(&plans), "SEARCH k USING COVERING INDEX task_open_title"),
	       "  the entities' open tasks from task_open_search, the titles' from task_open_title");
	task_search(ws, "巡查", "日常巡查", "a title (not a done task's)");
	task_search(ws, "kangtai", "无关", "an entity's name (a started task, undated)");
	task_search(ws, "dhc", "日常巡查", "pinyin initials of the entity");
	task_search(ws, "卫生院", "线索核查：中山乡卫生院", "three characters (trigram index)");
	task_search(ws, "/^东湖", "日常巡查", "a regular expression");
	task_search(ws, "xyzzy", "", "no match");
	task_search(ws, "13", "线索核查：中山乡卫生院", "two digits (no gram): a walk of the open tasks");
	if (!tap_ok(strstr(sb_str(&plans), "USING INDEX task_open") != NULL, "  in the list's order"))
		tap_diag("%s", sb_str(&plans));
	tap_ok(sqlite3_exec(ws->db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
			    " WHERE i < 6000) INSERT INTO entity_gram(gram, rid) SELECT '村',"
			    " 2000000 + i FROM n", NULL, NULL, NULL) == SQLITE_OK,
	       "6,000 stale grams of a character");
	task_search(ws, "村", "日常巡查", "many entities: a walk of the open tasks");
	tap_ok(strstr(sb_str(&plans), "USING INDEX task_open") != NULL, "  in the list's order");
	tap_ok(sqlite3_exec(ws->db, "DELETE FROM entity_gram WHERE rid > 2000000;"
			    " DELETE FROM task", NULL, NULL, NULL) == SQLITE_OK, "  gone again");

	/* Grams the index keeps for entities no longer there (or no longer so
	 * named) cost a lookup, never a wrong row; many of them make the search
	 * dense, and a page is then found by walking the list. */
	tap_ok(sqlite3_exec(ws->db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
			    " WHERE i < 1200) INSERT INTO entity_gram(gram, rid) SELECT '卫',"
			    " 1000000 + i FROM n", NULL, NULL, NULL) == SQLITE_OK,
	       "1,200 stale grams");
	tap_is_int(page(ws, "卫", first, sizeof first), 2, "a dense short search: count and page agree");
	tap_is_str(first, "东湖村卫生室", "  the first by name");
	tap_ok(strstr(sb_str(&plans), "USING INDEX entity_name") != NULL,
	       "  the page walks the list by name");

	/* The kept count follows inserts, deletes and sync's INSERT OR REPLACE. */
	tap_ok(sqlite3_exec(ws->db, "INSERT OR REPLACE INTO entity SELECT * FROM entity"
			    " WHERE name = '东湖村卫生室'", NULL, NULL, NULL) == SQLITE_OK,
	       "an entity written again with INSERT OR REPLACE");
	tap_is_int(count(ws, ""), 3, "still three entities");
	tap_is_int(count(ws, "东湖村"), 1, "and one search row for it");
	{
		/* As sync does after writing a record: the initials. */
		struct wg_entity_filter ef = {0};
		wg_rows er;
		wg_record *rec = NULL;
		wg_search_parse("东湖村", &ef.search, &err);
		if (wg_entity_page(ws->db, &ef, 0, 1, -1, &er, &err) == WG_OK && er.nrows == 1 &&
		    wg_db_load(ws->db, &wg_kind_entity, wg_rows_get(&er, 0, EC_ID), &rec, &err) == WG_OK)
			tap_ok(wg_db_index_entity(ws->db, rec, &err) == WG_OK, "index it again");
		else
			tap_ok(0, "index it again: %s", err.msg);
		wg_record_free(rec);
		wg_rows_free(&er);
		wg_search_free(&ef.search);
	}
	tap_is_int(count(ws, "dhcws"), 1, "its initials are found again");
	{
		/* One indexer for many entities, as an import keeps: two renamed
		 * behind the index's back are found by their new names' initials
		 * and a 1-character search, and an id not here is no error. */
		char *a = fixture_entity(ws, "甲乙诊所", "", ""), *b = fixture_entity(ws, "丙丁药店", "", "");
		char sql[256];
		snprintf(sql, sizeof sql, "UPDATE entity SET name = '龙井茶社' WHERE id = '%s';"
			 "UPDATE entity SET name = '虎跑泉馆' WHERE id = '%s'", a, b);
		tap_ok(sqlite3_exec(ws->db, sql, NULL, NULL, NULL) == SQLITE_OK, "two renamed in SQL");
		tap_is_int(count(ws, "ljcs"), 0, "  their new initials not yet indexed");
		struct wg_entity_indexer ix = {0};
		const char *ids[] = {a, b, "0123456789abcdef0123456789abcdef"};
		int ok = 1;
		for (size_t i = 0; i < 3; i++) {
			wg_record *rec = NULL;
			if (i < 2 && wg_db_load(ws->db, &wg_kind_entity, ids[i], &rec, &err) != WG_OK)
				ok = 0;
			if (i == 2) {
				rec = wg_record_new(&wg_kind_entity);
				wg_record_put(rec, wg_field_index(&wg_kind_entity, "id"), ids[i]);
				wg_record_put(rec, wg_field_index(&wg_kind_entity, "name"), "不在此处");
			}
			if (rec && wg_db_index_entity_with(ws->db, &ix, rec, &err) != WG_OK)
				ok = 0;
			wg_record_free(rec);
		}
		wg_entity_indexer_free(&ix);
		tap_ok(ok, "three indexed with one indexer, the last not here");
		tap_is_int(count(ws, "ljcs"), 1, "  the first's initials found");
		tap_is_int(count(ws, "hpqg"), 1, "  the second's initials found");
		tap_is_int(count(ws, "虎"), 1, "  the second by one character");
		tap_is_int(count(ws, "bzcc"), 0, "  the absent one indexed nothing");
		snprintf(sql, sizeof sql, "DELETE FROM entity WHERE id IN ('%s', '%s')", a, b);
		tap_ok(sqlite3_exec(ws->db, sql, NULL, NULL, NULL) == SQLITE_OK, "both deleted");
		free(a);
		free(b);
	}
	add(ws, "临时诊所", "", "");
	tap_is_int(count(ws, ""), 4, "one more after an insert");
	tap_ok(sqlite3_exec(ws->db, "DELETE FROM entity WHERE name = '临时诊所'", NULL, NULL,
			    NULL) == SQLITE_OK, "delete it");
	tap_is_int(count(ws, ""), 3, "one fewer after a delete");

	/* A page near the end, read from the end, is the same page. */
	struct wg_entity_filter all = {0};
	wg_rows fwd, back;
	tap_ok(wg_entity_page(ws->db, &all, 1, 2, -1, &fwd, &err) == WG_OK &&
	       wg_entity_page(ws->db, &all, 1, 2, 3, &back, &err) == WG_OK, "pages read both ways");
	tap_is_int((long)back.nrows, 2, "two rows from the end");
	tap_is_str(wg_rows_get(&back, 0, EC_NAME), wg_rows_get(&fwd, 0, EC_NAME), "same first row");
	tap_is_str(wg_rows_get(&back, 1, EC_NAME), wg_rows_get(&fwd, 1, EC_NAME), "same second row");
	wg_rows_free(&fwd);
	wg_rows_free(&back);

	/* Renaming updates the index, initials included. */
	struct wg_entity_filter f = {0};
	wg_rows rows;
	wg_search_parse("dhcws", &f.search, &err);
	tap_ok(wg_entity_page(ws->db, &f, 0, 10, -1, &rows, &err) == WG_OK && rows.nrows == 1, "found");
	char id[WG_ID_BUFSIZE];
	snprintf(id, sizeof id, "%s", wg_rows_get(&rows, 0, EC_ID));
	wg_rows_free(&rows);
	wg_search_free(&f.search);
	struct wg_change ch = {"name", "西山村卫生室"};
	tap_ok(wg_modify(ws, &wg_kind_entity, id, &ch, 1, false, &err) == WG_OK, "rename");
	tap_is_int(count(ws, "dhcws"), 0, "old initials gone");
	tap_is_int(count(ws, "xscws"), 1, "new initials found");
	tap_is_int(count(ws, "西山村"), 1, "new name found");
	tap_is_int(count(ws, "dh"), 0, "old initials gone from a short search");
	tap_is_int(count(ws, "xs"), 1, "new initials found by a short search");
	tap_is_int(count(ws, "西"), 1, "new name found by one character");
	sb_release(&plans);

	/* Matches clustered where the list's order puts them last (a
	 * township's name or initials): 20,000 entities before them. A page
	 * compares the walk's first 512 rows (two columns of a Chinese query,
	 * five of an ASCII one), then the candidates in the list's order up to
	 * the page; never the rows before them (walked to the end, 43,000 and
	 * 100,000 comparisons). The three entities of the tests above are among
	 * the rows too. */
	tap_ok(sqlite3_exec(ws->db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
			    " WHERE i < 25500) INSERT INTO entity(id, grid, category, name, address,"
			    " status) SELECT printf('c%05d', i), 'g1', 'D211', CASE"
			    " WHEN i <= 20000 THEN '东湖村诊所' || i"
			    " WHEN i <= 24000 THEN '青石乡卫生院' || i ELSE '青山村卫生室' || i END,"
			    " '', 'active' FROM n", NULL, NULL, NULL) == SQLITE_OK &&
	       wg_db_begin(ws->db, &err) == WG_OK && wg_db_reindex_search(ws->db, &err) == WG_OK &&
	       wg_db_commit(ws->db, &err) == WG_OK,
	       "a clustered county (re-indexed in a transaction, as a bulk write is)");
	tap_ok(sqlite3_create_function(ws->db, "like", 2, SQLITE_UTF8, NULL, counting_like, NULL,
				       NULL) == SQLITE_OK &&
	       sqlite3_create_function(ws->db, "like", 3, SQLITE_UTF8, NULL, counting_like, NULL,
				       NULL) == SQLITE_OK, "LIKE counted");
	clustered_page(ws, "石", "%石%", 0, -1, 2 * (512 + 3) + 20, "4,000 matches after 21,500 rows");
	clustered_page(ws, "石", "%石%", 100, -1, 2 * (512 + 3) + 120, "  the sixth page");
	clustered_page(ws, "石", "%石%", 3000, 4000, 2 * (512 + 3) + 1000, "  a page from the end");
	clustered_page(ws, "山", "%山%", 0, -1, 2 * (512 + 3) + 20, "1,500 matches after 20,000 rows");
	clustered_page(ws, "qs", "%qs%", 0, -1, 5 * (512 + 3) + 5 * 20,
		       "5,500 initials after 20,000 rows");
	/* spread from the start: a page walked */
	clustered_page(ws, "村", "%村%", 0, -1, 20 + 2 * 3, "21,500 matches from the start");

	/* The re-index merges the search index once, at its end, and gives
	 * FTS5's settings back: later writes merge as before (each commit
	 * writes a segment; 16 new ones are merged at once, and after 64
	 * pages written four of a size). */
	tap_is_int(int_of(ws->db, "SELECT count(DISTINCT segid) FROM entity_fts_idx"), 1,
		   "the re-indexed search index: one segment");
	tap_is_int(int_of(ws->db, "SELECT count(*) FROM entity_fts_config WHERE k != 'version'"), 0,
		   "  FTS5's settings as they were (none)");
	long segments = 0;
	/* 12 with long addresses (2,000 characters, some 80 pages of the index
	 * in all), then 20 short ones */
	unsigned r = 7;
	for (int i = 0; i < 12; i++) {
		strbuf sql = STRBUF_INIT;
		sb_addf(&sql, "INSERT INTO entity(id, grid, category, name, address, status) VALUES"
			" ('m%02d', 'g1', 'D211', '长街药店%02d', '", i, i);
		for (int c = 0; c < 2000; c++) {
			r = r * 1103515245u + 12345u;
			unsigned cp = 0x4e00 + (r >> 16) % 3000;
			sb_addc(&sql, (char)(0xe0 | cp >> 12));
			sb_addc(&sql, (char)(0x80 | (cp >> 6 & 0x3f)));
			sb_addc(&sql, (char)(0x80 | (cp & 0x3f)));
		}
		sb_adds(&sql, "', 'active')");
		sqlite3_exec(ws->db, sb_str(&sql), NULL, NULL, NULL);
		sb_release(&sql);
	}
	segments = int_of(ws->db, "SELECT count(DISTINCT segid) FROM entity_fts_idx");
	tap_ok(segments < 12, "  12 long ones: merged (%ld segments)", segments);
	for (int i = 0; i < 20; i++) {
		char *sql = xasprintf("INSERT INTO entity(id, grid, category, name, status) VALUES"
				      " ('n%02d', 'g1', 'D211', '红星村药店%02d', 'active')", i, i);
		sqlite3_exec(ws->db, sql, NULL, NULL, NULL);
		free(sql);
	}
	segments = int_of(ws->db, "SELECT count(DISTINCT segid) FROM entity_fts_idx");
	tap_ok(segments < 17, "  20 entities written one by one: merged (%ld segments)", segments);
	tap_is_int(count(ws, "红星村药店"), 20, "  and found");
	tap_is_int(count(ws, "长街药店"), 12, "  and found");

	fixture_done(ws, dir);
	free(wsdir);
	return tap_exit();
}
