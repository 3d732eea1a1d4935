/* The records pending since the last history commit, for the commit to read
 * (see changed.h). */
#include <config.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changed.h"
#include "db.h"
#include "i18n.h"
#include "id.h"
#include "relay.h"
#include "strbuf.h"

/* From this many changed records on, a thread reads them (a county's first
 * commit: 90,000); fewer are read where they are used. */
#define READER_MIN 4096
#define BATCH_ROWS 512
#define READER_CACHE_KB 65536LL

/* Reading the rows straight from the database. */
struct cursor {
	sqlite3 *db;
	size_t order[64], nkinds, next_kind;
	sqlite3_stmt *st;
	/* whether a kind has any pending row: a kind's reading statement costs
	 * a prepare of about 130,000 instructions, and most of the 26 kinds have
	 * nothing pending in a sync (26 prepares were 10% of an officer's export).
	 * Read once for all kinds (when kinds_read): rows in any grid (in_any),
	 * rows in '' or one of grids (in_scope). */
	bool kinds_read, in_any[64], in_scope[64];
	const struct wg_kind *kind;
	size_t k;
	/* wg_changed_open_grids: the grids, and which kinds only they bring */
	char **grids;
	size_t ngrids;
	bool filter[64];
	/* pending_whole holds a grid (whole_any), one of grids or '' (whole_grids):
	 * those grids' records are read from their tables (see db.c) */
	bool whole_any, whole_grids;
};

/* Rows copied out by the reader: values NUL-terminated one after another. */
struct batch {
	strbuf data;
	struct brow {
		const struct wg_kind *kind;
		size_t k, off; /* off: the id, then the values when not gone */
		bool gone, moved;
	} r[BATCH_ROWS];
	size_t n;
};

struct wg_changed {
	struct cursor cur;     /* read directly, when there is no reader */
	wg_record row;         /* the current row, its values borrowed */
	bool moved;            /* ... and whether it may have moved */
	/* the reader, when there is one */
	bool threaded;
	pthread_t thread;
	wg_relay relay;
	struct batch b[2];
	int rc;                /* the reader's failure, in err, set before its last batch */
	wg_error err;
	int taking;            /* the batch being read here */
	bool holding;          /* ... once it was handed over */
	size_t pos;
	long long cache_was;   /* the connection's cache_size (-KiB), given back at close */
	bool cache_raised;
};

static long long pragma_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void set_cache(sqlite3 *db, long long v)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size=%lld", v);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static int cmp_kind_name(const void *a, const void *b)
{
	return strcmp(wg_kinds[*(const size_t *)a]->name, wg_kinds[*(const size_t *)b]->name);
}

static void cursor_init(struct cursor *c, sqlite3 *db)
{
	memset(c, 0, sizeof *c);
	c->db = db;
	c->nkinds = wg_nkinds < 64 ? wg_nkinds : 64;
	for (size_t i = 0; i < c->nkinds; i++)
		c->order[i] = i;
	qsort(c->order, c->nkinds, sizeof *c->order, cmp_kind_name);
}

static void cursor_end_kind(struct cursor *c)
{
	sqlite3_finalize(c->st);
	c->st = NULL;
}

static void cursor_free(struct cursor *c)
{
	cursor_end_kind(c);
}

/* Has kind k any row in pending? The kinds that have are read at the first
 * question, in one statement: each (grid, kind) of pending's key that has
 * rows, two seeks from the last (26 probes, one per kind, were 1.3 M
 * instructions of an officer's export of 10 changes). */
static int kind_pending(struct cursor *c, size_t k, bool *any, wg_error *err)
{
	if (!c->kinds_read) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(
			    c->db,
			    /* (a row value, (grid, kind) > (?, ?), is sought by grid
			     * alone: it walked a grid's rows of the kinds before) */
			    "WITH RECURSIVE gk(grid, kind) AS (SELECT (SELECT min(grid) FROM pending),"
			    " NULL UNION ALL SELECT CASE WHEN gk.kind IS NULL THEN gk.grid WHEN (SELECT"
			    " min(kind) FROM pending WHERE grid = gk.grid AND kind > gk.kind) IS NOT"
			    " NULL THEN gk.grid ELSE (SELECT min(grid) FROM pending WHERE grid >"
			    " gk.grid) END, CASE WHEN gk.kind IS NULL THEN (SELECT min(kind) FROM"
			    " pending WHERE grid = gk.grid) ELSE (SELECT min(kind) FROM pending WHERE"
			    " grid = gk.grid AND kind > gk.kind) END FROM gk WHERE gk.grid IS NOT NULL)"
			    " SELECT grid, kind FROM gk WHERE kind IS NOT NULL",
			    -1, &st, NULL) != SQLITE_OK)
			return wg_db_fail(c->db, err);
		int src;
		while ((src = sqlite3_step(st)) == SQLITE_ROW) {
			const char *grid = (const char *)sqlite3_column_text(st, 0);
			const char *name = (const char *)sqlite3_column_text(st, 1);
			/* one of the cursor's grids, or '' (which every grid's read takes) */
			bool scope = grid && !*grid;
			for (size_t g = 0; grid && !scope && g < c->ngrids; g++)
				scope = strcmp(c->grids[g], grid) == 0;
			for (size_t i = 0; name && i < c->nkinds; i++)
				if (strcmp(wg_kinds[i]->name, name) == 0) {
					c->in_any[i] = true;
					c->in_scope[i] |= scope;
				}
		}
		sqlite3_finalize(st);
		if (src != SQLITE_DONE)
			return wg_db_fail(c->db, err);
		c->kinds_read = true;
	}
	/* a kind read for the grids only needs rows of theirs: other grids'
	 * rows (a county's) cost a grid's commit nothing */
	*any = k < c->nkinds && (c->filter[k] ? c->in_scope[k] : c->in_any[k]);
	return WG_OK;
}

static void cursor_copy_scope(struct cursor *to, const struct cursor *from)
{
	to->ngrids = from->ngrids;
	to->grids = from->grids; /* borrowed from the wg_changed that owns them */
	memcpy(to->filter, from->filter, sizeof to->filter);
	to->whole_any = from->whole_any;
	to->whole_grids = from->whole_grids;
}

/* ", ?first, ?first+1, ..." for the grids, after ''. */
static void grid_params(strbuf *sql, size_t first, size_t ngrids)
{
	for (size_t g = 0; g < ngrids; g++)
		sb_addf(sql, ", ?%zu", first + g);
}

/* " FROM pending_whole w JOIN kind t ... WHERE ...": the kind's records of
 * the runs of pending_whole (when filter, the grids' runs and grid ''s),
 * each a range of the table's rowids, its records pending for the run's
 * grid. */
static void whole_from(strbuf *sql, const struct wg_kind *kind, bool filter, size_t ngrids)
{
	const char *g = wg_db_pending_grid_field(kind);
	sb_addf(sql, " FROM pending_whole w JOIN %s t ON t.rowid BETWEEN w.lo AND w.hi"
		     " WHERE w.kind = '%s'", kind->name, kind->name);
	if (filter) {
		sb_adds(sql, " AND w.grid IN (''");
		grid_params(sql, 2, ngrids);
		sb_adds(sql, ")");
	}
	/* (a kind without a grid field: every record pending for grid '') */
	sb_addf(sql, " AND %s%s = w.grid", g ? "t." : "", g ? g : "''");
}

/* The statement reading kind k's pending records of the cursor's scope: the
 * id, the fields (NULL: gone), whether it may have moved; ordered by id. The
 * records of the runs of pending_whole are read from the kind's table
 * (whole), the others by pending's key (rows); a record found both ways,
 * once. */
static void kind_query(const struct cursor *c, bool rows, bool whole, strbuf *sql)
{
	const struct wg_kind *kind = c->kind;
	bool filter = c->filter[c->k];
	if (rows && !filter)
		sb_adds(sql, PENDING_GRIDS);
	if (!rows) {
		sb_adds(sql, "SELECT t.id");
		for (size_t f = 0; f < kind->nfields; f++)
			sb_addf(sql, ", t.%s", kind->fields[f].name);
		sb_addf(sql, ", %d", filter ? 0 : 1);
		whole_from(sql, kind, filter, c->ngrids);
		sb_adds(sql, " ORDER BY t.id");
		return;
	}
	sb_adds(sql, "SELECT c.id");
	for (size_t f = 0; f < kind->nfields; f++)
		sb_addf(sql, ", t.%s", kind->fields[f].name);
	if (filter) {
		/* the grids' pending records, by pending's key: a record pending
		 * for two of them (it moved from one to the other) once; grid ''
		 * is one gone before the grids were kept, whose grid is not known */
		sb_adds(sql, ", c.moved FROM (SELECT id, max(moved) AS moved FROM (SELECT id, moved"
			     " FROM pending WHERE kind = ?1 AND grid IN (''");
		grid_params(sql, 2, c->ngrids);
		sb_adds(sql, ")");
		if (whole) {
			sb_adds(sql, " UNION ALL SELECT t.id, 0");
			whole_from(sql, kind, true, c->ngrids);
		}
		sb_addf(sql, ") GROUP BY id) c LEFT JOIN %s t ON t.id = c.id ORDER BY c.id",
			kind->name);
	} else {
		/* every grid's rows of the kind, a record pending for several
		 * once; whether it moved is not known here (a bulk write keeps
		 * no moves): it may have */
		sb_adds(sql, ", 1 FROM (SELECT id FROM pending WHERE " IN_PENDING_GRIDS
			     " AND kind = ?1");
		if (whole) {
			sb_adds(sql, " UNION SELECT t.id");
			whole_from(sql, kind, false, 0);
		} else {
			sb_adds(sql, " GROUP BY id");
		}
		sb_addf(sql, ") c LEFT JOIN %s t ON t.id = c.id ORDER BY c.id", kind->name);
	}
}

/* Kind by kind, each changed record with its row (none: deleted), in one
 * statement: a lookup per record read a county's whole database page by
 * page in its first commit. The row is the statement's current one. */
static int cursor_next(struct cursor *c, bool *done, wg_error *err)
{
	*done = false;
	for (;;) {
		if (!c->st) {
			if (c->next_kind == c->nkinds) {
				*done = true;
				return WG_OK;
			}
			c->k = c->order[c->next_kind++];
			c->kind = wg_kinds[c->k];
			bool rows = false;
			int prc = kind_pending(c, c->k, &rows, err);
			if (prc)
				return prc;
			bool whole = c->filter[c->k] ? c->whole_grids : c->whole_any;
			if (!rows && !whole)
				continue;
			strbuf sql = STRBUF_INIT;
			kind_query(c, rows, whole, &sql);
			prc = sqlite3_prepare_v2(c->db, sb_str(&sql), -1, &c->st, NULL);
			sb_release(&sql);
			if (prc != SQLITE_OK)
				return wg_db_fail(c->db, err);
			if (rows)
				sqlite3_bind_text(c->st, 1, c->kind->name, -1, SQLITE_STATIC);
			for (size_t g = 0; c->filter[c->k] && g < c->ngrids; g++)
				sqlite3_bind_text(c->st, 2 + (int)g, c->grids[g], -1, SQLITE_STATIC);
		}
		int src = sqlite3_step(c->st);
		if (src == SQLITE_DONE) {
			cursor_end_kind(c);
			continue;
		}
		if (src != SQLITE_ROW)
			return wg_db_fail(c->db, err);
		const char *id = (const char *)sqlite3_column_text(c->st, 0);
		if (id && wg_id_valid(id))
			return WG_OK;
	}
}

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	return v ? (const char *)v : "";
}

/* ---- the reader ---- */

static void *reader_main(void *arg)
{
	wg_changed *c = arg;
	struct cursor cur;
	wg_error err = {0};
	int rc = WG_OK;
	bool done = false;
	cursor_init(&cur, c->cur.db);
	cursor_copy_scope(&cur, &c->cur);
	for (int fill = 0; !done && rc == WG_OK; fill ^= 1) {
		if (!wg_relay_wait_empty(&c->relay, fill))
			break; /* the commit gave up */
		struct batch *b = &c->b[fill];
		sb_reset(&b->data);
		b->n = 0;
		while (b->n < BATCH_ROWS && (rc = cursor_next(&cur, &done, &err)) == WG_OK && !done) {
			struct brow *r = &b->r[b->n++];
			r->kind = cur.kind;
			r->k = cur.k;
			r->off = b->data.len;
			r->gone = sqlite3_column_type(cur.st, 1) == SQLITE_NULL;
			r->moved = sqlite3_column_int(cur.st, 1 + (int)cur.kind->nfields) != 0;
			int ncols = r->gone ? 1 : 1 + (int)cur.kind->nfields;
			for (int i = 0; i < ncols; i++) {
				const char *v = col(cur.st, i);
				sb_add(&b->data, v, strlen(v) + 1);
			}
		}
		if (rc) {
			c->err = err;
			c->rc = rc;
		}
		wg_relay_filled(&c->relay, fill, done || rc);
	}
	cursor_free(&cur);
	return NULL;
}

static void free_grids(struct cursor *c)
{
	for (size_t g = 0; g < c->ngrids; g++)
		free(c->grids[g]);
	free(c->grids);
}

/* "the runs of pending_whole of grids ?1.. and grid ''": a seek per kind
 * (its key is kind first). */
static void whole_of_grids(strbuf *sql, size_t ngrids)
{
	sb_adds(sql, "kind IN (");
	wg_db_add_kind_names(sql);
	sb_adds(sql, ") AND grid IN (''");
	grid_params(sql, 1, ngrids);
	sb_adds(sql, ")");
}

int wg_changed_count(sqlite3 *db, const char *const *grids, size_t ngrids, const bool *filter,
		     long long *n, wg_error *err)
{
	bool some = false;
	strbuf sql = STRBUF_INIT;
	for (size_t k = 0; filter && ngrids && k < wg_nkinds && k < 64; k++)
		some |= filter[k];
	/* the rows, a record pending for two grids twice: near enough for a
	 * progress bar */
	if (!some) {
		sb_adds(&sql, "SELECT (SELECT count(*) FROM pending)");
	} else {
		/* the kinds read whole, each a range of pending's key per grid,
		 * and the grids' rows of the others */
		sb_adds(&sql, PENDING_GRIDS "SELECT (SELECT count(*) FROM pending WHERE "
			IN_PENDING_GRIDS " AND kind IN (''");
		for (size_t k = 0; k < wg_nkinds && k < 64; k++)
			if (!filter[k])
				sb_addf(&sql, ", '%s'", wg_kinds[k]->name);
		sb_adds(&sql, ")) + (SELECT count(*) FROM pending WHERE grid IN (''");
		grid_params(&sql, 1, ngrids);
		sb_adds(&sql, ") AND kind IN (''");
		for (size_t k = 0; k < wg_nkinds && k < 64; k++)
			if (filter[k])
				sb_addf(&sql, ", '%s'", wg_kinds[k]->name);
		sb_adds(&sql, "))");
	}
	/* and the records of the grids pending whole */
	if (!some) {
		sb_adds(&sql, " + (SELECT coalesce(sum(n), 0) FROM pending_whole)");
	} else {
		sb_adds(&sql, " + (SELECT coalesce(sum(n), 0) FROM pending_whole WHERE ");
		whole_of_grids(&sql, ngrids);
		sb_adds(&sql, ")");
	}
	sqlite3_stmt *st;
	int prc = sqlite3_prepare_v2(db, sb_str(&sql), -1, &st, NULL);
	sb_release(&sql);
	if (prc != SQLITE_OK)
		return wg_db_fail(db, err);
	for (size_t g = 0; some && g < ngrids; g++)
		sqlite3_bind_text(st, 1 + (int)g, grids[g], -1, SQLITE_STATIC);
	*n = 0;
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return src == SQLITE_ROW ? WG_OK : wg_db_fail(db, err);
}

/* Does pending_whole hold a grid (of grids, or '', when ngrids)? */
static int whole_held(sqlite3 *db, const char *const *grids, size_t ngrids, bool *held,
		      wg_error *err)
{
	strbuf sql = STRBUF_INIT;
	sb_adds(&sql, "SELECT 1 FROM pending_whole");
	if (ngrids) {
		sb_adds(&sql, " WHERE ");
		whole_of_grids(&sql, ngrids);
	}
	sb_adds(&sql, " LIMIT 1");
	sqlite3_stmt *st;
	int prc = sqlite3_prepare_v2(db, sb_str(&sql), -1, &st, NULL);
	sb_release(&sql);
	if (prc != SQLITE_OK)
		return wg_db_fail(db, err);
	for (size_t g = 0; g < ngrids; g++)
		sqlite3_bind_text(st, 1 + (int)g, grids[g], -1, SQLITE_STATIC);
	int src = sqlite3_step(st);
	sqlite3_finalize(st);
	*held = src == SQLITE_ROW;
	return src == SQLITE_ROW || src == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

int wg_changed_open(sqlite3 *db, wg_changed **out, wg_error *err)
{
	return wg_changed_open_grids(db, NULL, 0, NULL, out, err);
}

int wg_changed_open_grids(sqlite3 *db, const char *const *grids, size_t ngrids,
			  const bool *filter, wg_changed **out, wg_error *err)
{
	wg_changed *c = xcalloc(1, sizeof *c);
	long long n = 0;
	cursor_init(&c->cur, db);
	if (filter && ngrids) {
		c->cur.grids = xcalloc(ngrids, sizeof *c->cur.grids);
		for (size_t g = 0; g < ngrids; g++)
			c->cur.grids[g] = xstrdup(grids[g]);
		c->cur.ngrids = ngrids;
		for (size_t k = 0; k < c->cur.nkinds; k++)
			c->cur.filter[k] = filter[k] && wg_kinds[k]->grid_field > 0;
	}
	int rc = wg_changed_count(db, (const char *const *)c->cur.grids, c->cur.ngrids,
				  c->cur.filter, &n, err);
	if (rc == WG_OK)
		rc = whole_held(db, NULL, 0, &c->cur.whole_any, err);
	if (rc == WG_OK && c->cur.whole_any && c->cur.ngrids)
		rc = whole_held(db, (const char *const *)c->cur.grids, c->cur.ngrids,
				&c->cur.whole_grids, err);
	if (rc) {
		free_grids(&c->cur);
		free(c);
		return rc;
	}
	if (n >= READER_MIN) {
		/* Many records read by id jump all over their tables: a cache that
		 * holds them (a demo county's first commit made 60,000 page reads
		 * with SQLite's default 2 MB). Not for some grids' records: the
		 * one-grid export has 64 MB in all, and the large demo county's
		 * first export of a grid (75,000 records) took 109 MB with it,
		 * 37 MB without, in the same CPU time. */
		c->cache_was = pragma_int(db, "PRAGMA cache_size");
		c->cache_raised =
			!c->cur.ngrids && c->cache_was < 0 && c->cache_was > -READER_CACHE_KB;
		if (c->cache_raised)
			set_cache(db, -READER_CACHE_KB);
		wg_relay_init(&c->relay);
		c->threaded = pthread_create(&c->thread, NULL, reader_main, c) == 0;
		if (!c->threaded)
			wg_relay_destroy(&c->relay);
	}
	*out = c;
	return WG_OK;
}

/* The row at b->r[i] as the current one. */
static void take_row(wg_changed *c, const struct batch *b, size_t i, const struct wg_kind **kind,
		     size_t *k, const char **id, const wg_record **rec)
{
	const struct brow *r = &b->r[i];
	const char *p = b->data.buf + r->off;
	*kind = r->kind;
	*k = r->k;
	*id = p;
	*rec = NULL;
	c->moved = r->moved;
	if (r->gone)
		return;
	p += strlen(p) + 1;
	c->row.kind = r->kind;
	for (size_t f = 0; f < r->kind->nfields; f++) {
		c->row.val[f] = (char *)p;
		p += strlen(p) + 1;
	}
	*rec = &c->row;
}

int wg_changed_next(wg_changed *c, const struct wg_kind **kind, size_t *k, const char **id,
		    const wg_record **rec, bool *done, wg_error *err)
{
	if (!c->threaded) {
		int rc = cursor_next(&c->cur, done, err);
		if (rc || *done)
			return rc;
		*kind = c->cur.kind;
		*k = c->cur.k;
		*id = col(c->cur.st, 0);
		*rec = NULL;
		c->moved = sqlite3_column_int(c->cur.st, 1 + (int)c->cur.kind->nfields) != 0;
		if (sqlite3_column_type(c->cur.st, 1) != SQLITE_NULL) {
			c->row.kind = c->cur.kind;
			for (size_t f = 0; f < c->cur.kind->nfields; f++)
				c->row.val[f] = (char *)col(c->cur.st, 1 + (int)f);
			*rec = &c->row;
		}
		return WG_OK;
	}
	for (;;) {
		struct batch *b = &c->b[c->taking];
		if (c->holding && c->pos < b->n) {
			take_row(c, b, c->pos++, kind, k, id, rec);
			*done = false;
			return WG_OK;
		}
		/* used up: back to the reader, and on to the other batch */
		if (c->holding) {
			wg_relay_emptied(&c->relay, c->taking);
			c->taking ^= 1;
			c->pos = 0;
		}
		c->holding = wg_relay_wait_full(&c->relay, c->taking);
		if (!c->holding) {
			*done = c->rc == WG_OK;
			if (c->rc)
				*err = c->err;
			return c->rc;
		}
	}
}

bool wg_changed_moved(const wg_changed *c)
{
	return c->moved;
}

void wg_changed_close(wg_changed *c)
{
	if (!c)
		return;
	if (c->threaded) {
		wg_relay_stop(&c->relay);
		pthread_join(c->thread, NULL);
		wg_relay_destroy(&c->relay);
		for (int i = 0; i < 2; i++)
			sb_release(&c->b[i].data);
		if (c->cache_raised)
			set_cache(c->cur.db, c->cache_was);
	}
	cursor_free(&c->cur);
	free_grids(&c->cur);
	free(c);
}
