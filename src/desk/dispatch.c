#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db.h"
#include "dispatch.h"
#include "i18n.h"
#include "repo.h"
#include "strbuf.h"
#include "sync.h"
#include "timeutil.h"

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	return v ? (const char *)v : "";
}

void wg_dispatch_items_free(struct wg_dispatch_item *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].path);
		free(v[i].sealed_to);
	}
	free(v);
}

void wg_dispatch_status_free(struct wg_dispatch_status *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].township);
		free(v[i].officers);
		free(v[i].sent_at);
		free(v[i].sent_file);
		free(v[i].received_at);
		free(v[i].missing_since);
	}
	free(v);
}

/* A file name from a grid name: no path separators or characters that FAT
 * (USB sticks) refuses. */
static void add_safe(strbuf *sb, const char *s)
{
	for (; *s; s++)
		sb_addc(sb, strchr("/\\:*?\"<>| ", *s) || (unsigned char)*s < 0x20 ? '_' : *s);
}

/* A grid's last return (?1 is the grid branch prefix), and the first bundle
 * sent to it after that return ("" when none is owed): the status table's
 * and the desk's, one definition. */
#define RECEIVED_AT(code)                                                          \
	"coalesce((SELECT at FROM sync_received r WHERE r.branch = ?1 || " code     \
	" ORDER BY seq DESC LIMIT 1), '')"
#define MISSING_SINCE(code, received)                                              \
	"coalesce((SELECT min(at) FROM sync_sent s WHERE s.branch = ?1 || " code    \
	" AND s.at > " received "), '')"

int wg_dispatch_awaiting(sqlite3 *db, size_t *grids, size_t *awaiting, char *since,
			 size_t sincelen, wg_error *err)
{
	sqlite3_stmt *st;
	*grids = *awaiting = 0;
	if (sincelen)
		*since = '\0';
	if (sqlite3_prepare_v2(db,
			       "SELECT count(*), count(since), coalesce(min(since), '') FROM"
			       " (SELECT nullif(" MISSING_SINCE("g.code", RECEIVED_AT("g.code"))
			       ", '') AS since FROM grid g)", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, WG_REF_GRID_PREFIX, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*grids = (size_t)sqlite3_column_int64(st, 0);
		*awaiting = (size_t)sqlite3_column_int64(st, 1);
		snprintf(since, sincelen, "%s", col(st, 2));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? WG_OK : wg_db_fail(db, err);
}

int wg_dispatch_status(sqlite3 *db, struct wg_dispatch_status **out, size_t *n, wg_error *err)
{
	sqlite3_stmt *st;
	int rc;
	*out = NULL;
	*n = 0;
	/* What went to a grid is every bundle of its branch: the enrollment
	 * bundles (recorded under the officer) as well as dispatches. */
	if (sqlite3_prepare_v2(db,
			       "SELECT code, name, township, officers, sent_at, sent_file, received_at,"
			       " open_tasks, (SELECT count(*) FROM task k WHERE k.grid = code"
			       "   AND k.status IN ('open', 'started') AND k.created > sent_at), "
			       MISSING_SINCE("code", "received_at")
			       " FROM (SELECT g.code AS code, g.name AS name,"
			       " coalesce(t.name, '') AS township,"
			       " coalesce((SELECT group_concat(name, ', ') FROM (SELECT name FROM officer o"
			       "   WHERE o.grid = g.code AND o.role = 'officer' AND o.status = 'active'"
			       "   ORDER BY name)), '') AS officers,"
			       " coalesce((SELECT at FROM sync_sent s WHERE s.branch = ?1 || g.code"
			       "   ORDER BY seq DESC LIMIT 1), '') AS sent_at,"
			       " coalesce((SELECT file FROM sync_sent s WHERE s.branch = ?1 || g.code"
			       "   ORDER BY seq DESC LIMIT 1), '') AS sent_file,"
			       " " RECEIVED_AT("g.code") " AS received_at,"
			       " (SELECT count(*) FROM task k WHERE k.grid = g.code"
			       "   AND k.status IN ('open', 'started')) AS open_tasks"
			       " FROM grid g LEFT JOIN township t ON t.id = g.township) ORDER BY code",
			       -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, WG_REF_GRID_PREFIX, -1, SQLITE_STATIC);
	size_t alloc = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			*out = xrealloc(*out, alloc * sizeof **out);
		}
		struct wg_dispatch_status *s = &(*out)[(*n)++];
		snprintf(s->grid, sizeof s->grid, "%s", col(st, 0));
		s->name = xstrdup(col(st, 1));
		s->township = xstrdup(col(st, 2));
		s->officers = xstrdup(col(st, 3));
		s->sent_at = xstrdup(col(st, 4));
		s->sent_file = xstrdup(col(st, 5));
		s->received_at = xstrdup(col(st, 6));
		s->open_tasks = (size_t)sqlite3_column_int64(st, 7);
		s->unsent_tasks = (size_t)sqlite3_column_int64(st, 8);
		s->missing_since = xstrdup(col(st, 9));
		s->awaiting = *s->missing_since != '\0';
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		wg_dispatch_status_free(*out, *n);
		*out = NULL;
		*n = 0;
		return wg_db_fail(db, err);
	}
	return WG_OK;
}

int wg_dispatch(wg_workspace *ws, const char *folder, bool full, struct wg_dispatch_item **out,
		size_t *n, wg_error *err)
{
	struct wg_dispatch_status *st = NULL;
	size_t nst = 0;
	struct stat sb;
	int rc;

	*out = NULL;
	*n = 0;
	if (ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EINPUT, _("only the county workspace dispatches to the grids"));
	if (stat(folder, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return wg_fail(err, WG_EINPUT, _("%s is not a folder"), folder);
	if ((rc = wg_dispatch_status(ws->db, &st, &nst, err)))
		return rc;
	if (nst == 0) {
		wg_dispatch_status_free(st, nst);
		return wg_fail(err, WG_EINPUT, _("the county has no grid to dispatch to"));
	}
	char today[WG_DATE_LEN + 1], stamp[WG_TIMESTAMP_LEN + 1];
	wg_today(today);
	wg_timestamp(wg_now(), stamp);
	*out = xcalloc(nst, sizeof **out);
	for (size_t i = 0; i < nst; i++) {
		strbuf path = STRBUF_INIT;
		sb_addf(&path, "%s/%s-", folder, st[i].grid);
		add_safe(&path, st[i].name);
		sb_addf(&path, "-%.4s%.2s%.2s", today, today + 5, today + 8);
		size_t base = path.len;
		sb_adds(&path, ".bundle");
		if (stat(sb_str(&path), &sb) == 0) {
			/* a second dispatch on one day gets the time too */
			path.len = base;
			path.buf[base] = '\0';
			sb_addf(&path, "-%.2s%.2s%.2s.bundle", stamp + 11, stamp + 14, stamp + 17);
		}
		struct wg_export_result res;
		rc = wg_sync_export(ws, st[i].grid, sb_str(&path), full, &res, err);
		sb_release(&path);
		if (rc) {
			wg_error_prefix(err, _("grid %s"), st[i].grid);
			break;
		}
		struct wg_dispatch_item *it = &(*out)[(*n)++];
		snprintf(it->grid, sizeof it->grid, "%s", st[i].grid);
		it->name = xstrdup(st[i].name);
		it->path = xstrdup(res.path);
		it->size = res.size;
		it->tasks = st[i].unsent_tasks;
		it->sealed_to = res.sealed_to ? xstrdup(res.sealed_to) : NULL;
		it->plain_why = res.plain_why;
		wg_export_result_free(&res);
	}
	wg_dispatch_status_free(st, nst);
	return rc;
}
