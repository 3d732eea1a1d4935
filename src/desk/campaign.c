#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campaign.h"
#include "checklist.h"
#include "db.h"
#include "i18n.h"
#include "query.h"
#include "recordop.h"
#include "schema.h"
#include "strbuf.h"

int wg_targets_match(const char *targets, const char *category)
{
	const struct wg_category *c = wg_category_find(category);
	if (!c)
		return 0;
	for (const char *p = targets; *p;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if ((strlen(c->code) == n && strncmp(c->code, p, n) == 0) ||
		    (strlen(c->group) == n && strncmp(c->group, p, n) == 0))
			return 1;
		p += n + (comma ? 1 : 0);
	}
	return 0;
}

/* Each target a known code or group, no empty item, no repeat. */
static int check_targets(const char *targets, wg_error *err)
{
	if (!*targets)
		return wg_fail(err, WG_EINPUT, _("give at least one target category"));
	char *copy = xstrdup(targets);
	int rc = WG_OK;
	for (char *p = copy, *next; p && rc == WG_OK; p = next) {
		next = strchr(p, ',');
		if (next)
			*next++ = '\0';
		bool known = wg_category_find(p) != NULL;
		for (size_t i = 0; !known && i < wg_ncategories; i++)
			known = strcmp(wg_categories[i].group, p) == 0;
		if (!known)
			rc = wg_fail(err, WG_EINPUT,
				     _("\"%s\" is neither a category code nor a category group (see "
				       "\"wangge category list\")"), p);
		for (char *q = next; rc == WG_OK && q;) {
			char *qn = strchr(q, ',');
			size_t n = qn ? (size_t)(qn - q) : strlen(q);
			if (strlen(p) == n && strncmp(p, q, n) == 0)
				rc = wg_fail(err, WG_EINPUT, _("target \"%s\" given twice"), p);
			q = qn ? qn + 1 : NULL;
		}
	}
	free(copy);
	return rc;
}

int wg_campaign_add(wg_workspace *ws, const struct wg_campaign_spec *spec, char id[WG_ID_BUFSIZE],
		    size_t *ntasks, wg_error *err)
{
	wg_record *camp = wg_record_new(&wg_kind_campaign);
	sqlite3_stmt *st = NULL;
	int rc;

	*ntasks = 0;
	if (ws->role != ROLE_COUNTY) {
		rc = wg_fail(err, WG_EINPUT, _("only the county workspace can start a campaign"));
		goto out;
	}
	char listed[24] = "";
	if (spec->nentities)
		snprintf(listed, sizeof listed, "%zu", spec->nentities);
	const struct wg_change ch[] = {
		{"name", spec->name},
		{"starts", spec->starts},
		{"ends", spec->ends},
		{"targets", spec->targets},
		{"listed", listed},
		{"checklist", spec->checklist ? spec->checklist : ""},
	};
	if ((rc = wg_fill(camp, ch, sizeof ch / sizeof ch[0], false, err)))
		goto out;
	if (!*spec->targets && !spec->nentities) {
		rc = wg_fail(err, WG_EINPUT, _("give at least one target category or entity"));
		goto out;
	}
	if (*spec->targets && (rc = check_targets(spec->targets, err)))
		goto out;
	for (size_t i = 0; i < spec->nentities; i++) {
		wg_record *e;
		if ((rc = wg_db_load(ws->db, &wg_kind_entity, spec->entities[i], &e, err)))
			goto out;
		bool open = strcmp(wg_record_get(e, "status"), "open") == 0;
		if (!open)
			rc = wg_fail(err, WG_EINPUT, _("%s is not open: a campaign inspects open entities"),
				     wg_record_get(e, "name"));
		wg_record_free(e);
		if (rc)
			goto out;
		for (size_t k = 0; k < i; k++)
			if (strcmp(spec->entities[k], spec->entities[i]) == 0) {
				rc = wg_fail(err, WG_EINPUT, _("entity %s is listed twice"),
					     spec->entities[i]);
				goto out;
			}
	}
	if (spec->checklist && *spec->checklist) {
		/* a campaign's checklist must be one inspections can use */
		wg_checklist *cl;
		if ((rc = wg_checklist_load(ws->db, spec->checklist, &cl, err)))
			goto out;
		wg_checklist_free(cl);
	}
	if (strcmp(spec->starts, spec->ends) > 0) {
		rc = wg_fail(err, WG_EINPUT, _("the campaign ends (%s) before it starts (%s)"),
			     spec->ends, spec->starts);
		goto out;
	}
	if ((rc = wg_db_begin(ws->db, err)))
		goto out;
	if ((rc = wg_add(ws, camp, err)))
		goto fail;
	snprintf(id, WG_ID_BUFSIZE, "%s", wg_record_id(camp));
	if (sqlite3_prepare_v2(ws->db, "SELECT id, grid, category FROM entity WHERE status = 'open'"
				       " ORDER BY grid, id", -1, &st, NULL) != SQLITE_OK) {
		rc = wg_db_fail(ws->db, err);
		goto fail;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *eid = (const char *)sqlite3_column_text(st, 0);
		const char *grid = (const char *)sqlite3_column_text(st, 1);
		bool listed_here = false;
		for (size_t k = 0; k < spec->nentities && !listed_here; k++)
			listed_here = strcmp(spec->entities[k], eid) == 0;
		if (!listed_here &&
		    !wg_targets_match(spec->targets, (const char *)sqlite3_column_text(st, 2)))
			continue;
		wg_record *task = wg_record_new(&wg_kind_task);
		/* the campaign's own checklist goes with each task (inspection start uses it) */
		const struct wg_change tc[] = {
			{"grid", grid}, {"kind", "campaign"}, {"entity", eid},
			{"title", spec->name}, {"due", spec->ends}, {"source", id},
			{"checklist", spec->checklist ? spec->checklist : ""},
		};
		int r2 = wg_fill(task, tc, sizeof tc / sizeof tc[0], true, err);
		if (r2 == WG_OK)
			r2 = wg_add(ws, task, err);
		wg_record_free(task);
		if (r2) {
			rc = r2;
			goto fail;
		}
		(*ntasks)++;
	}
	if (rc != SQLITE_DONE) {
		rc = wg_db_fail(ws->db, err);
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (*ntasks == 0) {
		rc = wg_fail(err, WG_EINPUT, _("no open entity is in the target categories %s"),
			     spec->targets);
		goto fail;
	}
	if ((rc = wg_db_commit(ws->db, err)))
		goto fail;
	goto out;
fail:
	sqlite3_finalize(st);
	wg_db_rollback(ws->db);
	*ntasks = 0;
out:
	wg_record_free(camp);
	return rc;
}

int wg_campaign_list(sqlite3 *db, wg_row_fn *fix, const void *arg, wg_table *t, wg_error *err)
{
	static const char *const sql =
		"SELECT c.id, c.name, c.starts, c.ends, c.targets, c.listed,"
		" (SELECT count(*) FROM task WHERE source = c.id AND source <> ''),"
		" (SELECT count(*) FROM task WHERE source = c.id AND source <> '' AND status = 'done')"
		" FROM campaign c ORDER BY c.starts, c.name";
	return wg_query_table(db, sql, NULL, 0, 8, fix, arg, t, err);
}

int wg_campaign_grid_tasks(sqlite3 *db, const char *id, wg_table *t, wg_error *err)
{
	const char *params[] = {id};
	return wg_query_table(db,
			      "SELECT grid, count(*) FROM task WHERE source = ? AND source <> ''"
			      " GROUP BY grid ORDER BY grid",
			      params, 1, 2, NULL, NULL, t, err);
}

int wg_campaign_grid_progress(sqlite3 *db, const char *id, const char *today, wg_table *t,
			      wg_error *err)
{
	const char *params[] = {id, today};
	return wg_query_table(db,
			      "SELECT t.grid, coalesce((SELECT name FROM grid WHERE code = t.grid), ''),"
			      " count(*), sum(t.status = 'done'),"
			      " sum(t.status NOT IN ('done', 'cancelled') AND t.due < ?2)"
			      " FROM task t WHERE t.source = ?1 AND t.source <> '' GROUP BY t.grid ORDER BY t.grid",
			      params, 2, 5, NULL, NULL, t, err);
}
