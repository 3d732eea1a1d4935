#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "browse.h"
#include "db.h"
#include "i18n.h"
#include "strbuf.h"

const char *wg_rows_get(const wg_rows *r, size_t row, size_t col)
{
	if (row >= r->nrows || col >= r->ncols)
		return "";
	return r->cells[row * r->ncols + col];
}

void wg_rows_free(wg_rows *r)
{
	for (size_t i = 0; i < r->nrows * r->ncols; i++)
		free(r->cells[i]);
	free(r->cells);
	r->cells = NULL;
	r->nrows = 0;
}

/* Run a prepared statement and keep every row. */
/* The statement's current row, its first ncols columns, as out's next row
 * (room for it made by the caller). */
static void copy_row(sqlite3_stmt *st, size_t ncols, wg_rows *out)
{
	for (size_t c = 0; c < ncols; c++) {
		const unsigned char *v = sqlite3_column_text(st, (int)c);
		out->cells[out->nrows * ncols + c] = xstrdup(v ? (const char *)v : "");
	}
	out->nrows++;
}

static int collect(sqlite3 *db, sqlite3_stmt *st, size_t ncols, wg_rows *out, wg_error *err)
{
	size_t alloc = 0;
	int rc;
	out->nrows = 0;
	out->ncols = ncols;
	out->cells = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->nrows == alloc) {
			alloc = alloc ? alloc * 2 : 32;
			out->cells = xrealloc(out->cells, alloc * ncols * sizeof(char *));
		}
		copy_row(st, ncols, out);
	}
	if (rc != SQLITE_DONE) {
		rc = wg_db_fail(db, err);
		sqlite3_finalize(st);
		wg_rows_free(out);
		return rc;
	}
	sqlite3_finalize(st);
	return WG_OK;
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, wg_error *err)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	return WG_OK;
}

const char *wg_entity_sort_label(enum wg_entity_sort s)
{
	switch (s) {
	case ESORT_CATEGORY: return _("by category");
	case ESORT_GRID: return _("by grid");
	case ESORT_STATUS: return _("by status");
	default: return _("by name");
	}
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* WHERE clause for a filter's fields (not its search); parameters ?1 category,
 * ?2 status, ?3 grid, ?9 risk grade. */
static void entity_fields_where(const struct wg_entity_filter *f, strbuf *sql)
{
	sb_adds(sql, " WHERE 1");
	if (nonempty(f->category))
		sb_adds(sql, " AND e.category = ?1");
	if (nonempty(f->status))
		sb_adds(sql, " AND e.status = ?2");
	if (nonempty(f->grid))
		sb_adds(sql, " AND e.grid = ?3");
	if (nonempty(f->risk))
		sb_adds(sql, " AND e.id IN (SELECT entity FROM temp.entity_risk WHERE grade = ?9)");
}

/* WHERE clause for a filter; parameters as above, ?4 search, ?7 its
 * entity_gram key (?5, ?6 and ?8 are the callers': limit, offset, rows walked). */
static int entity_where(sqlite3 *db, const struct wg_entity_filter *f, strbuf *sql, wg_error *err)
{
	entity_fields_where(f, sql);
	return wg_search_sql(db, &f->search, 4, 7, sql, err);
}

static void entity_bind(sqlite3_stmt *st, const struct wg_entity_filter *f)
{
	if (nonempty(f->category))
		sqlite3_bind_text(st, 1, f->category, -1, SQLITE_STATIC);
	if (nonempty(f->status))
		sqlite3_bind_text(st, 2, f->status, -1, SQLITE_STATIC);
	if (nonempty(f->grid))
		sqlite3_bind_text(st, 3, f->grid, -1, SQLITE_STATIC);
	if (nonempty(f->risk))
		sqlite3_bind_text(st, 9, f->risk, -1, SQLITE_STATIC);
	wg_search_bind(st, &f->search, 4, 7);
}

static void reverse_rows(wg_rows *r)
{
	for (size_t a = 0, b = r->nrows ? r->nrows - 1 : 0; a < b; a++, b--)
		for (size_t c = 0; c < r->ncols; c++) {
			char *tmp = r->cells[a * r->ncols + c];
			r->cells[a * r->ncols + c] = r->cells[b * r->ncols + c];
			r->cells[b * r->ncols + c] = tmp;
		}
}

/* How a page of a short search is found. Every way gives the same rows in
 * the same order (entity_gram names every entity that has the text, and each
 * is compared itself); only the cost differs. Measured on the bench workspace
 * of tui-bench.sh (100,000 entities; callgrind), for 'q': comparing an
 * entity (read, five columns compared with LIKE) costs about 10,000
 * instructions, an entity_gram candidate read for its place in the order and
 * sorted about 3,400 (and a page read, where the walk reads one every few
 * rows).
 *   - Few candidates (DENSE_GRAMS): each compared, the matches sorted.
 *   - Many: the list is walked in its order, each row compared, but only
 *     WALK_ROWS rows of it (5 M instructions at most). Spread over the
 *     list, 5% of it finds a page within 420 rows, 50% within 42.
 *   - Clustered where the order puts them last (a township's name or its
 *     initials, a category), that walk finds no page: the candidates are
 *     then put in the list's order first, and compared in it until a page
 *     is full. A walk to the end would have compared every entity before
 *     them (90,000 for 'q' there: 705 M instructions, 210 ms; now 52 M);
 *     comparing and sorting each candidate, 10,000 x 10,000. A Chinese
 *     character compares in half the time (two columns): '中' there, 20,000
 *     after 10,000, costs 76 M instructions, the walk to them 53 M, yet
 *     less time (fewer pages read: 23 -> 13-17 ms a keystroke). */
#define DENSE_GRAMS 1000
#define WALK_ROWS 512

/* Natural order of names (entity.name_key), then rowid: each index on
 * name_key holds the rowid, so it delivers the whole order. */
static const char *entity_order(const struct wg_entity_filter *f, bool reverse)
{
	static const char *const order[2][ESORT_COUNT] = {{
		[ESORT_NAME] = "e.name_key, e.rowid",
		[ESORT_CATEGORY] = "e.category, e.name_key, e.rowid",
		[ESORT_GRID] = "e.grid, e.name_key, e.rowid",
		[ESORT_STATUS] = "e.status, e.name_key, e.rowid",
	}, {
		[ESORT_NAME] = "e.name_key DESC, e.rowid DESC",
		[ESORT_CATEGORY] = "e.category DESC, e.name_key DESC, e.rowid DESC",
		[ESORT_GRID] = "e.grid DESC, e.name_key DESC, e.rowid DESC",
		[ESORT_STATUS] = "e.status DESC, e.name_key DESC, e.rowid DESC",
	}};
	return order[reverse][f->sort < ESORT_COUNT ? f->sort : ESORT_NAME];
}

/* Keep the rows of a statement whose column ncols is true, after skipping
 * *skip of them (counted down), until out has limit rows or the statement
 * ends. The statement is reset, not finalized. */
static int keep_matches(sqlite3 *db, sqlite3_stmt *st, size_t ncols, long *skip, int limit,
			wg_rows *out, wg_error *err)
{
	int rc = SQLITE_DONE;
	while (out->nrows < (size_t)limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!sqlite3_column_int(st, (int)ncols) || (*skip)-- > 0)
			continue;
		copy_row(st, ncols, out);
	}
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
	sqlite3_reset(st);
	return rc;
}

static void rows_for(wg_rows *out, size_t ncols, int limit)
{
	out->nrows = 0;
	out->ncols = ncols;
	out->cells = xcalloc(limit > 0 ? (size_t)limit * ncols : 1, sizeof(char *));
}

/* "SELECT <columns>, <whether it matches>": the condition in CASE, where it
 * stops at its first true OR (as a value, every part would be computed). */
static int entity_match_columns(sqlite3 *db, const struct wg_entity_filter *f, strbuf *sql,
				wg_error *err)
{
	sb_adds(sql, "SELECT e.id, e.name, e.category, e.grid, e.status, e.phone, e.address,"
		" e.uscc, CASE WHEN 1");
	int rc = wg_search_sql(db, &f->search, 4, 7, sql, err);
	sb_adds(sql, " THEN 1 ELSE 0 END");
	return rc;
}

/* The list walked in its order, WALK_ROWS rows at most, each compared. */
static int entity_page_walked(sqlite3 *db, const struct wg_entity_filter *f, bool reverse,
			      long offset, int limit, wg_rows *out, wg_error *err)
{
	strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	int rc = entity_match_columns(db, f, &sql, err);
	if (rc) {
		sb_release(&sql);
		return rc;
	}
	sb_adds(&sql, " FROM entity e");
	entity_fields_where(f, &sql);
	sb_addf(&sql, " ORDER BY %s LIMIT ?8", entity_order(f, reverse));
	rc = prepare(db, sb_str(&sql), &st, err);
	sb_release(&sql);
	if (rc)
		return rc;
	entity_bind(st, f);
	sqlite3_bind_int(st, 8, WALK_ROWS);
	rows_for(out, EC_NCOLS, limit);
	rc = keep_matches(db, st, EC_NCOLS, &offset, limit, out, err);
	sqlite3_finalize(st);
	if (rc)
		wg_rows_free(out);
	return rc;
}

/* The candidates entity_gram names, in the list's order (each read for its
 * place, not compared), compared in that order until the page is full. They
 * come in batches (ORDER BY with LIMIT keeps only a batch sorted); nearly
 * all of them match, so the first is mostly the last. */
static int entity_page_ordered(sqlite3 *db, const struct wg_entity_filter *f, bool reverse,
			       long offset, int limit, wg_rows *out, wg_error *err)
{
	strbuf sql = STRBUF_INIT;
	sqlite3_stmt *cand = NULL, *check = NULL;
	int rc;
	sb_adds(&sql, "SELECT e.rowid FROM entity_gram g CROSS JOIN entity e ON e.rowid = g.rid");
	entity_fields_where(f, &sql);
	sb_addf(&sql, " AND g.gram = ?7 ORDER BY %s LIMIT ?8 OFFSET ?10", entity_order(f, reverse));
	rc = prepare(db, sb_str(&sql), &cand, err);
	sb_reset(&sql);
	if (!rc && !(rc = entity_match_columns(db, f, &sql, err))) {
		sb_adds(&sql, " FROM entity e WHERE e.rowid = ?11");
		rc = prepare(db, sb_str(&sql), &check, err);
	}
	sb_release(&sql);
	if (rc)
		goto done;
	entity_bind(cand, f);
	sqlite3_bind_text(cand, 7, f->search.gram, -1, SQLITE_STATIC);
	entity_bind(check, f);
	rows_for(out, EC_NCOLS, limit);
	long skip = offset, from = 0, batch = 2 * (offset + limit) + 16;
	for (;;) {
		long got = 0;
		int step = SQLITE_DONE;
		sqlite3_bind_int64(cand, 8, batch);
		sqlite3_bind_int64(cand, 10, from);
		while (out->nrows < (size_t)limit && (step = sqlite3_step(cand)) == SQLITE_ROW) {
			got++;
			sqlite3_bind_int64(check, 11, sqlite3_column_int64(cand, 0));
			if ((rc = keep_matches(db, check, EC_NCOLS, &skip, limit, out, err)))
				goto done;
		}
		if (step != SQLITE_ROW && step != SQLITE_DONE) {
			rc = wg_db_fail(db, err);
			goto done;
		}
		sqlite3_reset(cand);
		rc = WG_OK;
		if (out->nrows == (size_t)limit || got < batch)
			break; /* a page, or every candidate */
		from += batch;
		batch *= 2;
	}
done:
	sqlite3_finalize(cand);
	sqlite3_finalize(check);
	if (rc)
		wg_rows_free(out);
	return rc;
}

/* Every match, sorted (few candidates), or walked to a page (no gram). */
static int entity_page_all(sqlite3 *db, const struct wg_entity_filter *f, bool reverse,
			   long offset, int limit, wg_rows *out, wg_error *err)
{
	strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	sb_adds(&sql, "SELECT e.id, e.name, e.category, e.grid, e.status, e.phone, e.address,"
		" e.uscc FROM entity e");
	int rc = entity_where(db, f, &sql, err);
	if (rc) {
		sb_release(&sql);
		return rc;
	}
	sb_addf(&sql, " ORDER BY %s LIMIT ?5 OFFSET ?6", entity_order(f, reverse));
	rc = prepare(db, sb_str(&sql), &st, err);
	sb_release(&sql);
	if (rc)
		return rc;
	entity_bind(st, f);
	sqlite3_bind_int(st, 5, limit);
	sqlite3_bind_int64(st, 6, offset);
	return collect(db, st, EC_NCOLS, out, err);
}

int wg_entity_page(sqlite3 *db, const struct wg_entity_filter *f, long offset, int limit,
		   long total, wg_rows *out, wg_error *err)
{
	/* OFFSET costs the rows it skips: in the second half, count from the end. */
	bool reverse = total > 0 && offset > total / 2;
	if (reverse) {
		long end = offset + limit > total ? total : offset + limit;
		limit = end > offset ? (int)(end - offset) : 0;
		offset = total - end;
	}
	int rc;

	out->nrows = 0;
	out->cells = NULL;
	long grams = 0;
	if ((rc = wg_search_gram_count(db, &f->search, DENSE_GRAMS, &grams, err)))
		return rc;
	/* entity_gram's condition (from wg_search_sql) only where the
	 * candidates are sorted; the other ways use them or walk */
	struct wg_entity_filter fs = *f;
	fs.search.dense = !f->search.gram || grams >= DENSE_GRAMS;
	if (!fs.search.dense || !f->search.gram)
		rc = entity_page_all(db, &fs, reverse, offset, limit, out, err);
	else if (!(rc = entity_page_walked(db, &fs, reverse, offset, limit, out, err)) &&
		 out->nrows < (size_t)limit) {
		/* The walk's rows held no page: the matches are further on (or
		 * fewer than a page). */
		wg_rows_free(out);
		rc = entity_page_ordered(db, &fs, reverse, offset, limit, out, err);
	}
	if (rc)
		return rc;
	if (reverse)
		reverse_rows(out);
	return WG_OK;
}

int wg_entity_count(sqlite3 *db, const struct wg_entity_filter *f, long cap, long *count,
		    wg_error *err)
{
	strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	struct wg_entity_filter fs;
	int rc;

	if (!nonempty(f->category) && !nonempty(f->status) && !nonempty(f->grid) &&
	    !nonempty(f->risk) && f->search.mode == SEARCH_NONE) {
		/* Everything: the count the triggers keep. */
		sb_adds(&sql, "SELECT min(n, ?5) FROM entity_count");
	} else if (f->search.gram) {
		/* A short search (or a regular expression with a literal every match
		 * has): the entities entity_gram names, each checked, until
		 * the cap (a join: "rowid IN (...)" would first copy every row of a
		 * frequent character). */
		fs = *f;
		fs.search.dense = true; /* no second entity_gram condition */
		f = &fs;
		sb_adds(&sql, "SELECT count(*) FROM (SELECT 1 FROM entity_gram g"
			" CROSS JOIN entity e ON e.rowid = g.rid");
		if ((rc = entity_where(db, f, &sql, err))) {
			sb_release(&sql);
			return rc;
		}
		sb_adds(&sql, " AND g.gram = ?7 LIMIT ?5)");
	} else {
		sb_adds(&sql, "SELECT count(*) FROM (SELECT 1 FROM entity e");
		if ((rc = entity_where(db, f, &sql, err))) {
			sb_release(&sql);
			return rc;
		}
		sb_adds(&sql, " LIMIT ?5)");
	}
	rc = prepare(db, sb_str(&sql), &st, err);
	sb_release(&sql);
	if (rc)
		return rc;
	entity_bind(st, f);
	if (f == &fs)
		sqlite3_bind_text(st, 7, f->search.gram, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, cap);
	rc = sqlite3_step(st);
	*count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? WG_OK : wg_db_fail(db, err);
}

#define TASK_COLUMNS \
	"SELECT t.id, t.due, t.status, t.kind, t.title," \
	" COALESCE((SELECT name FROM entity WHERE id = t.entity), ''), t.grid, t.source FROM task t"

/* The indexes deliver tasks in the list's order (undated last, then by due date
 * and id): a page reads its rows and the ones it skips, never the whole list.
 * INDEXED BY keeps it so: without statistics the planner would pick the
 * (status, due) index and sort every open task to keep one page. */
int wg_task_page(sqlite3 *db, const char *status, long offset, int limit, wg_rows *out,
		 wg_error *err)
{
	static const char *const sql[2][2] = {{
		TASK_COLUMNS " INDEXED BY task_open WHERE t.status IN ('open', 'started')"
		" ORDER BY t.due = '', t.due, t.id LIMIT ?2 OFFSET ?3",
		TASK_COLUMNS " INDEXED BY task_status_order WHERE t.status = ?1"
		" ORDER BY t.due = '', t.due, t.id LIMIT ?2 OFFSET ?3",
	}, {
		TASK_COLUMNS " INDEXED BY task_open WHERE t.status IN ('open', 'started')"
		" ORDER BY t.due = '' DESC, t.due DESC, t.id DESC LIMIT ?2 OFFSET ?3",
		TASK_COLUMNS " INDEXED BY task_status_order WHERE t.status = ?1"
		" ORDER BY t.due = '' DESC, t.due DESC, t.id DESC LIMIT ?2 OFFSET ?3",
	}};
	long total;
	int rc = wg_task_count(db, status, &total, err);
	if (rc)
		return rc;
	/* OFFSET costs the rows it skips: in the second half, count from the end. */
	bool reverse = total > 0 && offset > total / 2;
	if (reverse) {
		long end = offset + limit > total ? total : offset + limit;
		limit = end > offset ? (int)(end - offset) : 0;
		offset = total - end;
	}
	sqlite3_stmt *st;
	if ((rc = prepare(db, sql[reverse][nonempty(status) != NULL], &st, err)))
		return rc;
	if (nonempty(status))
		sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int64(st, 3, offset);
	if ((rc = collect(db, st, TC_NCOLS, out, err)))
		return rc;
	if (reverse)
		reverse_rows(out);
	return WG_OK;
}

/* The counts the triggers keep in task_count. */
int wg_task_count(sqlite3 *db, const char *status, long *count, wg_error *err)
{
	sqlite3_stmt *st;
	int rc = prepare(db, nonempty(status) ? "SELECT COALESCE(sum(n), 0) FROM task_count"
			 " WHERE status = ?1"
		: "SELECT COALESCE(sum(n), 0) FROM task_count WHERE status IN ('open', 'started')",
			 &st, err);
	if (rc)
		return rc;
	if (nonempty(status))
		sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? WG_OK : wg_db_fail(db, err);
}

/* A task search over the open tasks finds its matches through indexes when
 * they are few; else it walks the open tasks in the list's order, checking
 * each, until a screen of them is found. Both give the same tasks in the
 * same order: only the cost differs. Measured on the large demo county
 * (100,000 entities, 54,000 open tasks; callgrind): finding the open tasks
 * of an entity costs about 14,000 instructions, a task found by its title
 * and sorted about 6,000, and walking a task about 22,000. Walking meets
 * 100 matches of an entity side that names n entities after about 100 x
 * 100,000 / n tasks; the two ways cost the same near 4,000 entities (about
 * 56 M instructions, the most either costs), so from TASK_SPARSE entities
 * on the tasks are walked. Of t tasks that match by their titles (among
 * N open, for a page of L), the walk meets the page after L x N / t:
 * the two ways cost the same where t x t = TASK_TITLE_WALK x L x N (22,000
 * / 6,000), near 4,500 tasks on that county. The titles are counted in
 * task_title (each once), not on the tasks. */
#define TASK_SPARSE 4000
#define TASK_TITLE_WALK 4

/* How many rows sql (?1 text, ?2 the cap) counts, up to cap. */
static int capped_count(sqlite3 *db, const char *sql, const char *text, long cap, long *n,
			wg_error *err)
{
	sqlite3_stmt *st;
	int rc = prepare(db, sql, &st, err);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, cap);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? WG_OK : wg_db_fail(db, err);
}

/* Whether the open tasks that search s finds are few (see TASK_SPARSE):
 * the entities it names come from an index, the tasks its titles find from
 * task_title. title is the title's pattern as bound (REGEXP), or the text
 * (wg_contains). */
static int task_matches_few(sqlite3 *db, const struct wg_search *s, const char *title,
			    int limit, bool *few, wg_error *err)
{
	long n = 0;
	int rc;
	*few = false;
	if (s->mode == SEARCH_TEXT) {
		strbuf q = STRBUF_INIT;
		wg_search_fts(s->text, &q);
		rc = capped_count(db, "SELECT count(*) FROM (SELECT 1 FROM entity_fts"
				  " WHERE entity_fts MATCH ?1 LIMIT ?2)", sb_str(&q), TASK_SPARSE, &n,
				  err);
		sb_release(&q);
	} else if (s->gram) {
		rc = wg_search_gram_count(db, s, TASK_SPARSE, &n, err);
	} else {
		return WG_OK; /* digits only, or a regex without a sure gram: no index */
	}
	/* A regular expression is checked on five columns: walking the tasks
	 * costs far more than checking each entity its gram names, however many. */
	if (rc || (n >= TASK_SPARSE && s->mode != SEARCH_REGEX))
		return rc;
	size_t titled;
	long open;
	if ((rc = wg_query_number(db, s->mode == SEARCH_REGEX
				  ? "SELECT sum(n) FROM task_title WHERE title REGEXP ?1"
				  : "SELECT sum(n) FROM task_title WHERE wg_contains(title, ?1)",
				  title, &titled, err)) ||
	    (rc = wg_task_count(db, NULL, &open, err)))
		return rc;
	*few = (double)titled * (double)titled < (double)TASK_TITLE_WALK * limit * (double)open;
	return WG_OK;
}

int wg_task_search(sqlite3 *db, const char *status, const struct wg_search *s, int limit,
		   wg_rows *out, wg_error *err)
{
	strbuf sql = STRBUF_INIT, title = STRBUF_INIT;
	sqlite3_stmt *st;
	struct wg_search es = *s;
	bool few = false;
	int rc = WG_OK;
	out->nrows = 0;
	out->cells = NULL;
	/* The title is checked on every open task walked, or on every title of
	 * task_title: with wg_contains, not LIKE, which costs several times as
	 * much. */
	if (s->text)
		sb_adds(&title, s->text);
	if (s->mode != SEARCH_NONE && (rc = wg_search_functions(db, err)))
		goto done;
	if (!nonempty(status) && s->mode != SEARCH_NONE &&
	    (rc = task_matches_few(db, s, sb_str(&title), limit, &few, err)))
		goto done;
	/* the title's condition, on task_title (n) or the task (t) */
	bool re = s->mode == SEARCH_REGEX;
	if (few) {
		/* Few: the open tasks of the entities found (through entity_gram or
		 * the trigram index), and those whose title matches (the titles
		 * checked in task_title, their tasks from task_open_title), sorted. */
		es.dense = false;
		sb_addf(&sql, TASK_COLUMNS " WHERE t.rowid IN (SELECT k.rowid FROM task_title n"
			" CROSS JOIN task k INDEXED BY task_open_title ON k.title = n.title AND"
			" k.status IN ('open', 'started') WHERE %s UNION ALL"
			" SELECT o.rowid FROM entity e CROSS JOIN task o INDEXED BY task_open_search"
			" ON o.entity = e.id AND o.status IN ('open', 'started') WHERE 1",
			re ? "n.title REGEXP ?5" : "wg_contains(n.title, ?5)");
	} else {
		/* Many (or no index answers the search): walking the tasks in the
		 * list's order, each checked with its own entity, finds them soon. */
		es.dense = true;
		sb_adds(&sql, TASK_COLUMNS);
		sb_adds(&sql, nonempty(status) ? " INDEXED BY task_status_order WHERE t.status = ?1"
			: " INDEXED BY task_open WHERE t.status IN ('open', 'started')");
		/* No search (a lone "/" being typed) is every task of the status: the
		 * title's condition would leave out tasks without an entity. */
		if (s->mode != SEARCH_NONE)
			sb_addf(&sql, " AND (%s OR EXISTS (SELECT 1 FROM entity e"
				" WHERE e.id = t.entity",
				re ? "t.title REGEXP ?5" : "wg_contains(t.title, ?5)");
	}
	if (few || s->mode != SEARCH_NONE) {
		if ((rc = wg_search_sql(db, &es, 4, 7, &sql, err)))
			goto done;
		sb_adds(&sql, few ? ")" : "))");
	}
	sb_adds(&sql, " ORDER BY t.due = '', t.due, t.id LIMIT ?2");
	if ((rc = prepare(db, sb_str(&sql), &st, err)))
		goto done;
	if (nonempty(status))
		sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, limit);
	wg_search_bind(st, &es, 4, 7);
	sqlite3_bind_text(st, 5, sb_str(&title), (int)title.len, SQLITE_TRANSIENT);
	rc = collect(db, st, TC_NCOLS, out, err);
done:
	sb_release(&sql);
	sb_release(&title);
	return rc;
}

int wg_entity_tasks(sqlite3 *db, const char *entity, int limit, wg_rows *out, wg_error *err)
{
	sqlite3_stmt *st;
	int rc = prepare(db, TASK_COLUMNS " WHERE t.entity = ?1 ORDER BY t.due DESC, t.id LIMIT ?2",
			 &st, err);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, limit);
	return collect(db, st, TC_NCOLS, out, err);
}

int wg_entity_inspections(sqlite3 *db, const char *entity, int limit, wg_rows *out,
			  wg_error *err)
{
	sqlite3_stmt *st;
	int rc = prepare(db, "SELECT id, started, kind, result, status, summary FROM inspection"
			 " WHERE entity = ?1 ORDER BY started DESC LIMIT ?2", &st, err);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, limit);
	return collect(db, st, IC_NCOLS, out, err);
}

int wg_grid_codes(sqlite3 *db, wg_rows *out, wg_error *err)
{
	sqlite3_stmt *st;
	int rc = prepare(db, "SELECT code, name FROM grid ORDER BY code", &st, err);
	if (rc)
		return rc;
	return collect(db, st, 2, out, err);
}

int wg_sync_recent(sqlite3 *db, int limit, wg_rows *out, wg_error *err)
{
	sqlite3_stmt *st;
	int rc = prepare(db, "SELECT at, 'sent', file FROM sync_sent UNION ALL"
			 " SELECT at, 'received', file FROM sync_received ORDER BY 1 DESC LIMIT ?1",
			 &st, err);
	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, limit);
	return collect(db, st, 3, out, err);
}
