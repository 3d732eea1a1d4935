/* wg_task_search, the Tasks list's search (browse.c), on a real database:
 * what it finds (a part of the title, the entity as the entity search finds
 * it, pinyin initials, a regular expression), the status filter and the
 * limit, the order the list shows (overdue first, undated last), hostile
 * queries, and the query plan: the tasks through an index, never a scan of
 * the task table. */
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
#include "recordop.h"
#include "search.h"
#include "strbuf.h"
#include "tap.h"

static wg_workspace *ws;

/* The plans of the statements one search ran. */
static strbuf plans;

static int on_trace(unsigned type, void *ctx, void *p, void *x)
{
	(void)x;
	if (type != SQLITE_TRACE_STMT)
		return 0;
	const char *sql = sqlite3_sql((sqlite3_stmt *)p);
	if (sql && strncmp(sql, "EXPLAIN", 7) != 0)
		explain_plan(ctx, sql, &plans);
	return 0;
}

/* The titles a search finds, in the order it gives them, joined by " | "
 * (or "refused: <message>" / "failed: <message>"); its plans in plans. */
static char *found(const char *q, const char *status, int limit)
{
	struct wg_search s;
	wg_error err;
	wg_rows r = {0};
	strbuf out = STRBUF_INIT;
	sb_release(&plans);
	if (wg_search_parse(q, &s, &err)) {
		sb_addf(&out, "refused: %s", err.msg);
		return sb_detach(&out);
	}
	sqlite3_trace_v2(ws->db, SQLITE_TRACE_STMT, on_trace, ws->db);
	int rc = wg_task_search(ws->db, status, &s, limit, &r, &err);
	sqlite3_trace_v2(ws->db, 0, NULL, NULL);
	if (rc)
		sb_addf(&out, "failed: %s", err.msg);
	for (size_t i = 0; rc == WG_OK && i < r.nrows; i++)
		sb_addf(&out, "%s%s", i ? " | " : "", wg_rows_get(&r, i, TC_TITLE));
	wg_rows_free(&r);
	wg_search_free(&s);
	return sb_detach(&out);
}

static void finds(const char *q, const char *status, int limit, const char *want,
		  const char *what)
{
	char *got = found(q, status, limit);
	tap_is_str(got, want, "%s", what);
	free(got);
}

static void add_task(const char *title, const char *entity, const char *due, const char *status)
{
	wg_record *r = wg_record_new(&wg_kind_task);
	struct wg_change ch[] = {{"grid", "g1"}, {"kind", "patrol"}, {"title", title},
				 {"entity", entity}, {"due", due}, {"status", status}};
	wg_error err;
	if (wg_fill(r, ch, 6, false, &err) || wg_add(ws, r, &err))
		tap_diag("add %s: %s", title, err.msg);
	wg_record_free(r);
}

/* The task table is never scanned: the tasks come through an index that
 * holds only the status asked for (task_status_order searched by status, or
 * the partial index task_open of the open and started tasks walked in the
 * list's order), or, when the search names few entities and titles, through
 * the covering partial indexes task_open_search (searched by entity) and
 * task_open_title (by the titles that match, each checked once in
 * task_title); the entities through their indexes. */
static void plan_ok(const char *what, bool entity_indexed)
{
	static const char *const walks[] = {"SCAN t USING INDEX task_open\n",
					    "SCAN task_title\n"};
	const char *p = sb_str(&plans);
	bool tasks = strstr(p, "SEARCH t USING INDEX task_status_order (status=?)\n") ||
		     strstr(p, walks[0]) ||
		     (strstr(p, "SEARCH o USING COVERING INDEX task_open_search (entity=?)\n") &&
		      strstr(p, "SEARCH k USING COVERING INDEX task_open_title (title=? AND status=?)\n"));
	bool other_scan = false;
	for (const char *l = p; (l = strstr(l, "SCAN t")) != NULL; l++) {
		bool known = false;
		for (size_t i = 0; i < sizeof walks / sizeof *walks; i++)
			known |= strncmp(l, walks[i], strlen(walks[i])) == 0;
		other_scan |= (l == p || l[-1] == '\n') && !known;
	}
	bool ok = tasks && !other_scan &&
		  (!entity_indexed || (!strstr(p, "SCAN e\n") && !strstr(p, "SCAN e ")));
	tap_ok(ok, "%s: the tasks through an index%s, no scan", what,
	       entity_indexed ? ", the entities too" : "");
	if (!ok)
		tap_diag("%s", p);
}

int main(void)
{
	wg_error err;
	char dir[] = "/tmp/wangge-test-task-search.XXXXXX";
	tap_ok(mkdtemp(dir) != NULL, "temporary folder");
	char *wsdir = xasprintf("%s/ws", dir);
	ws = fixture_county(wsdir);
	if (!ws)
		return tap_exit();

	char *zs = fixture_entity(ws, "中山乡卫生院", "中山乡人民路1号", "13900139000");
	char *dh = fixture_entity(ws, "东湖村卫生室", "东湖村", "");
	char *kt = fixture_entity(ws, "Kangtai 100% Pharmacy", "", "");
	add_task("逾期巡查", zs, "2026-11-01", "open");
	add_task("下月巡查", dh, "2099-02-01", "open");
	add_task("无日期的复查", kt, "", "started");
	add_task("已完成巡查", zs, "2026-10-01", "done");
	add_task("取消的巡查", dh, "2026-09-01", "cancelled");
	add_task("核对折扣100%_凭证", "", "2026-12-01", "open");

	/* by the title, in the list's order: overdue (earliest due) first,
	 * undated last; done and cancelled tasks only when asked for */
	finds("巡查", NULL, 100, "逾期巡查 | 下月巡查", "a part of the title (two characters)");
	finds("查", NULL, 100, "逾期巡查 | 下月巡查 | 无日期的复查",
	      "one character: the overdue first, the undated last");
	finds("无日期", NULL, 100, "无日期的复查", "three characters of the title");
	finds("巡查", "done", 100, "已完成巡查", "status done: only the done task");
	finds("巡查", "cancelled", 100, "取消的巡查", "status cancelled: only that one");
	finds("巡查", "open", 100, "逾期巡查 | 下月巡查", "status open");
	finds("查", "started", 100, "无日期的复查", "status started");

	/* by the entity, as the entity search finds it */
	finds("卫生院", NULL, 100, "逾期巡查", "the entity's name (its done task left out)");
	finds("卫生院", "done", 100, "已完成巡查", "  and its done task when asked");
	finds("东湖", NULL, 100, "下月巡查", "two characters of the entity's name");
	finds("人民路", NULL, 100, "逾期巡查", "the entity's address");
	finds("0139", NULL, 100, "逾期巡查", "the entity's phone number");
	finds("pharm", NULL, 100, "无日期的复查", "an ASCII name, case-insensitive");

	/* by the pinyin initials of the entity's name */
	finds("dhcws", NULL, 100, "下月巡查", "pinyin initials");
	finds("ZSX", NULL, 100, "逾期巡查", "pinyin initials in capitals");
	finds("dh", NULL, 100, "下月巡查", "two initials");

	/* by a regular expression, on the title or the entity */
	finds("/^逾期", NULL, 100, "逾期巡查", "/regex on the title");
	finds("/^东湖.*室$", NULL, 100, "下月巡查", "/regex on the entity's name");
	finds("/巡查$", NULL, 100, "逾期巡查 | 下月巡查", "/regex, several, in the list's order");
	finds("/(复|巡)查", NULL, 100, "逾期巡查 | 下月巡查 | 无日期的复查", "/regex with alternatives");
	finds("/", NULL, 100, "逾期巡查 | 核对折扣100%_凭证 | 下月巡查 | 无日期的复查",
	      "a lone / (a regex being typed) finds every open task, with an entity or not");
	/* the same order as the list without a search (wg_task_page), and the
	 * due date the list marks overdue from, as stored */
	{
		wg_rows page = {0};
		strbuf want = STRBUF_INIT;
		tap_ok(wg_task_page(ws->db, NULL, 0, 100, &page, &err) == WG_OK && page.nrows == 4,
		       "the list without a search: the four open tasks");
		for (size_t i = 0; i < page.nrows; i++)
			sb_addf(&want, "%s%s", i ? " | " : "", wg_rows_get(&page, i, TC_TITLE));
		finds("/.", NULL, 100, sb_str(&want), "/. finds them all, in the list's order");
		struct wg_search s;
		wg_rows r = {0};
		wg_search_parse("查", &s, &err);
		tap_ok(wg_task_search(ws->db, NULL, &s, 100, &r, &err) == WG_OK && r.nrows == 3 &&
			       strcmp(wg_rows_get(&r, 0, TC_DUE), "2026-11-01") == 0 &&
			       strcmp(wg_rows_get(&r, 0, TC_STATUS), "open") == 0 &&
			       strcmp(wg_rows_get(&r, 1, TC_DUE), "2099-02-01") == 0 &&
			       strcmp(wg_rows_get(&r, 2, TC_DUE), "") == 0 &&
			       strcmp(wg_rows_get(&r, 2, TC_STATUS), "started") == 0,
		       "each with its due date and status: the overdue one, the later, the undated started one");
		wg_rows_free(&r);
		wg_search_free(&s);
		wg_rows_free(&page);
		sb_release(&want);
	}
	finds("xyzzy", NULL, 100, "", "no match");
	finds("xyzzy", "done", 100, "", "no match among the done tasks");
	finds("/^xyzzy$", NULL, 100, "", "no match for a regex");

	/* LIKE's wildcards typed are characters */
	finds("_", NULL, 100, "核对折扣100%_凭证", "_ is a character, not any one character");
	finds("%", NULL, 100, "核对折扣100%_凭证 | 无日期的复查",
	      "% is a character: the title with one, the entity with one");
	finds("0%_", NULL, 100, "核对折扣100%_凭证", "%_ together, as typed");
	finds("\\", NULL, 100, "", "a backslash is a character too");

	/* hostile input: refused with a message, or answered, never a failure */
	char *got = found("\xff\xfe巡", NULL, 100);
	tap_is_str(got, "", "invalid UTF-8 finds nothing, without failing");
	free(got);
	got = found("/\xff", NULL, 100);
	tap_ok(strncmp(got, "refused: ", 9) == 0, "an invalid UTF-8 regex is refused: %s", got);
	free(got);
	/* a regular expression that does not compile: a message naming where,
	 * never a failure or a crash */
	static const char *const bad_re[][2] = {
		{"/(巡查", "bad regular expression at character 4: "},
		{"/[a-", "bad regular expression at character 4: "},
		{"/a{2,1}", "bad regular expression at character 6: "},
		{"/*查", "bad regular expression at character 1: "},
		{"/(?<n", "bad regular expression at character "},
	};
	for (size_t i = 0; i < sizeof bad_re / sizeof *bad_re; i++) {
		got = found(bad_re[i][0], NULL, 100);
		const char *want = bad_re[i][1];
		if (!tap_ok(strncmp(got, "refused: ", 9) == 0 &&
				    strncmp(got + 9, want, strlen(want)) == 0 &&
				    strlen(got) > 9 + strlen(want),
			    "%s is refused with where and why", bad_re[i][0]))
			tap_diag("got: %s", got);
		free(got);
	}
	/* and a pattern that reaches the query without being parsed (the SQL
	 * REGEXP compiles it itself): an error the caller gets, with its message */
	{
		struct wg_search s = {.mode = SEARCH_REGEX, .text = "(巡查", .gram = NULL};
		wg_rows r = {0};
		err.msg[0] = '\0';
		int rc = wg_task_search(ws->db, NULL, &s, 100, &r, &err);
		tap_ok(rc != WG_OK && r.nrows == 0 && strstr(err.msg, "bad regular expression"),
		       "an unparsed bad pattern: an error, not rows (%s)", err.msg);
		wg_rows_free(&r);
	}
	/* a pattern that backtracks without end: PCRE2's limit stops it */
	{
		add_task("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "", "2026-12-03", "open");
		got = found("/(a+)+$", NULL, 100);
		tap_is_str(got, "", "(a+)+$ on 40 a's then !: no match, the search returns");
		free(got);
	}
	got = found("卫\"生 OR x", NULL, 100);
	tap_is_str(got, "", "quotes and OR are text, not FTS syntax");
	free(got);
	strbuf big = STRBUF_INIT;
	for (int i = 0; i < 2000; i++)
		sb_adds(&big, i % 2 ? "查" : "%");
	got = found(sb_str(&big), NULL, 100);
	tap_is_str(got, "", "a 2,000-character query finds nothing, without failing");
	free(got);
	sb_release(&big);
	sb_adds(&big, "/");
	for (int i = 0; i < 2000; i++)
		sb_adds(&big, "a?");
	got = found(sb_str(&big), NULL, 100);
	tap_ok(strncmp(got, "failed", 6) != 0, "a 2,000-character regex: answered or refused, never a failure (%.40s)", got);
	free(got);
	sb_release(&big);

	/* the limit: the first rows of the list's order */
	char title[64], due[16];
	for (int i = 1; i <= 30; i++) {
		snprintf(title, sizeof title, "批量任务%02d", i);
		snprintf(due, sizeof due, "2026-%02d-%02d", 1 + (31 - i) % 12, 1 + i % 28);
		add_task(title, dh, due, "open");
	}
	{
		struct wg_search s;
		wg_rows r = {0};
		wg_search_parse("批量任务", &s, &err);
		tap_ok(wg_task_search(ws->db, NULL, &s, 30, &r, &err) == WG_OK && r.nrows == 30,
		       "limit 30: all thirty");
		bool sorted = true;
		for (size_t i = 1; i < r.nrows; i++)
			sorted &= strcmp(wg_rows_get(&r, i - 1, TC_DUE), wg_rows_get(&r, i, TC_DUE)) <= 0;
		tap_ok(sorted, "  by due date, the earliest (most overdue) first");
		wg_rows lim = {0};
		tap_ok(wg_task_search(ws->db, NULL, &s, 5, &lim, &err) == WG_OK && lim.nrows == 5 &&
			       strcmp(wg_rows_get(&lim, 0, TC_DUE), wg_rows_get(&r, 0, TC_DUE)) == 0 &&
			       strcmp(wg_rows_get(&lim, 4, TC_DUE), wg_rows_get(&r, 4, TC_DUE)) == 0,
		       "limit 5: the first five of them");
		tap_is_str(wg_rows_get(&r, 0, TC_ENTITY), "东湖村卫生室", "  the entity's name, not its id");
		wg_rows_free(&lim);
		wg_rows_free(&r);
		wg_search_free(&s);
	}
	finds("凭证", NULL, 100, "核对折扣100%_凭证", "a task without an entity is found by its title");
	/* the title as LIKE would find it (wg_contains): ASCII in either case */
	add_task("Recheck the X-Ray Room", "", "2026-12-02", "open");
	finds("x-RAY r", NULL, 100, "Recheck the X-Ray Room", "an ASCII title, case-insensitive");
	finds("rA", NULL, 100, "Recheck the X-Ray Room", "  two letters of it");
	finds("X-Rays", NULL, 100, "", "  more than it has: no match");

	/* the plans, with most tasks done (as in a county after a year), so that
	 * reading every task would cost */
	for (int i = 1; i <= 200; i++) {
		snprintf(title, sizeof title, "去年的巡查%03d", i);
		snprintf(due, sizeof due, "2025-%02d-%02d", 1 + i % 12, 1 + i % 28);
		add_task(title, i % 2 ? zs : dh, due, "done");
	}
	/* wangge keeps no statistics (no ANALYZE): the plans as a workspace has them */
	got = found("卫生院", NULL, 100);
	free(got);
	plan_ok("text, any open status", true);
	got = found("卫生院", "done", 100);
	free(got);
	plan_ok("text, one status", true);
	got = found("dh", NULL, 100);
	free(got);
	plan_ok("two letters", true);
	got = found("/^东湖", NULL, 100);
	free(got);
	plan_ok("a regex with a literal", true);
	got = found("/(a|b)", NULL, 100);
	free(got);
	plan_ok("a regex without one", false);
	/* The way is chosen by what the search names: titles that fill the
	 * page soon (30 of the 40 open tasks, for a page of 5) are met walking
	 * the open tasks in the list's order; a title or two, through the
	 * indexes. Either way the same tasks (above). */
	got = found("批量", NULL, 5);
	free(got);
	tap_ok(strstr(sb_str(&plans), "SCAN t USING INDEX task_open\n") &&
		       !strstr(sb_str(&plans), "task_open_search (entity=?)"),
	       "titles that fill the page: the open tasks walked in order");
	got = found("凭证", NULL, 5);
	free(got);
	tap_ok(strstr(sb_str(&plans), "SEARCH o USING COVERING INDEX task_open_search (entity=?)") &&
		       !strstr(sb_str(&plans), "SCAN t USING INDEX task_open\n"),
	       "a title or two: through the indexes, not walked");

	/* A walk reads the index alone where tasks do not match (their title
	 * and entity are in task_open), not each task (a page of the table
	 * for every few). 3,000 open tasks before 300 that match, each with a
	 * note of 1,000 characters: the pages read from the database file,
	 * counted from an empty cache. */
	tap_ok(sqlite3_exec(ws->db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
			    " WHERE i < 3300) INSERT INTO task(id, grid, kind, title, due, status,"
			    " note) SELECT printf('w%031d', i), 'g1', 'patrol',"
			    " CASE WHEN i <= 3000 THEN '例行检查' || i ELSE '巡查补录' || i END,"
			    " CASE WHEN i <= 3000 THEN '2026-01-01' ELSE '2027-01-01' END, 'open',"
			    " printf('%1000s', 'x') FROM n", NULL, NULL, NULL) == SQLITE_OK,
	       "3,300 open tasks, the matches last");
	int misses = 0, high = 0;
	sqlite3_db_release_memory(ws->db);
	sqlite3_db_status(ws->db, SQLITE_DBSTATUS_CACHE_MISS, &misses, &high, 1);
	got = found("补录", NULL, 5);
	sqlite3_db_status(ws->db, SQLITE_DBSTATUS_CACHE_MISS, &misses, &high, 0);
	tap_ok(strstr(got, "巡查补录3001 | 巡查补录3002") == got &&
		       strstr(sb_str(&plans), "SCAN t USING INDEX task_open\n"),
	       "matches after 3,000 tasks: walked, the first ones");
	free(got);
	if (!tap_ok(misses < 200, "  %d pages read, fewer than 200", misses))
		tap_diag("%s", "each task walked was read from the table");
	sb_release(&plans);

	free(zs);
	free(dh);
	free(kt);
	fixture_done(ws, dir);
	free(wsdir);
	return tap_exit();
}
