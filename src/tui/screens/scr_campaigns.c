/* Campaigns (专项整治) on the county: every campaign with its tasks and those
 * done, as "wangge campaign list" lists them, and under it the selected
 * campaign's progress per grid (campaign.h). a starts one: a name, the
 * period, the target categories or entities named one by one, and the
 * checklist; wg_campaign_add makes a task for every target entity in its grid. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campaign.h"
#include "i18n.h"
#include "list.h"
#include "paint.h"
#include "query.h"
#include "screens.h"
#include "strbuf.h"
#include "timeutil.h"

/* The columns of wg_campaign_list and wg_campaign_grid_progress. */
enum { CC_ID, CC_NAME, CC_FROM, CC_TO, CC_TARGETS, CC_LISTED, CC_TASKS, CC_DONE, CC_N };
enum { GC_GRID, GC_NAME, GC_TASKS, GC_DONE, GC_LATE, GC_N };

struct campaigns {
	struct screen base;
	wg_table *camps, *grids;
	long grids_for; /* the campaign the grid rows are of, -1 none */
	struct list list, glist;
	bool in_grids; /* Tab: the moving keys scroll the grids, not the campaigns */
	char cell[64];
	char today[WG_DATE_LEN + 1];
};

static const enum action campaigns_actions[] = {
	ACT_HELP, ACT_NEW, ACT_NEXT_FIELD, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static const char *camp_cell(const struct campaigns *c, long row, int col)
{
	return c->camps->cells[(size_t)(row + 1) * CC_N + (size_t)col]; /* row 0: the header */
}

static const char *const no_head[CC_N] = {""};

static void load_grids(struct tui *t, struct campaigns *c)
{
	wg_error err;
	if (c->grids_for == c->list.sel && c->grids)
		return;
	wg_table_free(c->grids);
	c->grids = wg_table_new(GC_N, no_head);
	c->grids_for = c->list.sel;
	c->glist = (struct list){0};
	if (c->list.count &&
	    wg_campaign_grid_progress(t->ws->db, camp_cell(c, c->list.sel, CC_ID), c->today,
				      c->grids, &err))
		tui_error(t, "%s", err.msg);
	c->glist.count = (long)c->grids->nrows - 1;
}

static void reload(struct tui *t, struct campaigns *c)
{
	wg_error err;
	wg_table_free(c->camps);
	c->camps = wg_table_new(CC_N, no_head);
	wg_today(c->today);
	if (wg_campaign_list(t->ws->db, NULL, NULL, c->camps, &err))
		tui_error(t, "%s", err.msg);
	c->list.count = (long)c->camps->nrows - 1;
	if (c->list.sel >= c->list.count)
		c->list.sel = c->list.count ? c->list.count - 1 : 0;
	c->grids_for = -1;
	load_grids(t, c);
}

static const char *cell(void *ctx, long row, int col)
{
	struct campaigns *c = ctx;
	switch (col) {
	case 0: return camp_cell(c, row, CC_NAME);
	case 1: return camp_cell(c, row, CC_FROM);
	case 2: return camp_cell(c, row, CC_TO);
	case 3: {
		int tasks = atoi(camp_cell(c, row, CC_TASKS)), done = atoi(camp_cell(c, row, CC_DONE));
		snprintf(c->cell, sizeof c->cell, "%d/%d %3d%%", done, tasks,
			 tasks ? done * 100 / tasks : 0);
		return c->cell;
	}
	default: return camp_cell(c, row, CC_TARGETS);
	}
}

static const char *grid_cell(void *ctx, long row, int col)
{
	struct campaigns *c = ctx;
	const char *const *r = (const char *const *)&c->grids->cells[(size_t)(row + 1) * GC_N];
	switch (col) {
	case 0: return r[GC_GRID];
	case 1: return r[GC_NAME];
	case 2: {
		int tasks = atoi(r[GC_TASKS]), done = atoi(r[GC_DONE]);
		snprintf(c->cell, sizeof c->cell, "%d/%d %3d%%", done, tasks,
			 tasks ? done * 100 / tasks : 0);
		return c->cell;
	}
	default: return atoi(r[GC_LATE]) ? r[GC_LATE] : "";
	}
}

static void campaigns_draw(struct tui *t, struct screen *sc)
{
	struct campaigns *c = (struct campaigns *)sc;
	struct list_column cols[] = {
		{_("Campaign"), {10, 0, 3, false}},
		{_("From"), {10, 10, 0, true}},
		{_("To"), {10, 10, 0, true}},
		{_("Done"), {9, 14, 0, false}},
		{_("Targets"), {6, 0, 1, false}},
	};
	struct list_column gcols[] = {
		{_("Grid"), {6, 14, 0, true}},
		{_("Name"), {6, 0, 2, false}},
		{_("Done"), {9, 14, 0, false}},
		{_("Late"), {4, 6, 0, false}},
	};
	int y = t->lay.body_top, rows = t->lay.body_rows;
	int top_rows = (rows - 2) / 2; /* the campaigns above, the grids below */
	char info[300];
	load_grids(t, c);
	snprintf(info, sizeof info,
		 ngettext("%ld campaign. a starts one; Tab moves to its grids below.",
			  "%ld campaigns. a starts one; Tab moves to the selected one's grids below.",
			  c->list.count), c->list.count);
	draw_text(y, 1, t->lay.cols - 2, info, A_BOLD);
	list_draw(t, &c->list, y + 1, top_rows, cols, 5, cell, c);
	int gy = y + 1 + top_rows;
	if (c->list.count) {
		snprintf(info, sizeof info, _("Per grid: %s (late: still open after %s)"),
			 camp_cell(c, c->list.sel, CC_NAME), camp_cell(c, c->list.sel, CC_TO));
		draw_text(gy, 1, t->lay.cols - 2, info, A_BOLD);
		list_draw(t, &c->glist, gy + 1, rows - top_rows - 2, gcols, 4, grid_cell, c);
	}
}

/* ---- starting one ---- */

/* Split "a; b; c" (a full-width ； too) into trimmed items. */
static size_t split_items(char *s, char **out, size_t max)
{
	size_t n = 0;
	for (char *p = s; p && *p && n < max;) {
		char *semi = strchr(p, ';'), *wide = strstr(p, "；"), *next = NULL;
		if (wide && (!semi || wide < semi)) {
			*wide = '\0';
			next = wide + strlen("；");
		} else if (semi) {
			*semi = '\0';
			next = semi + 1;
		}
		while (*p == ' ')
			p++;
		char *end = p + strlen(p);
		while (end > p && end[-1] == ' ')
			*--end = '\0';
		if (*p)
			out[n++] = p;
		p = next;
	}
	return n;
}

#define MAX_LISTED 64

static int add_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	char *name = form_value(form_find(fm, "name"));
	char *from = form_value(form_find(fm, "starts")), *to = form_value(form_find(fm, "ends"));
	char *targets = form_value(form_find(fm, "targets"));
	char *ents = form_value(form_find(fm, "entities"));
	char *checklist = form_value(form_find(fm, "checklist"));
	char *items[MAX_LISTED + 1];
	char ids[MAX_LISTED][WG_ID_BUFSIZE];
	const char *idv[MAX_LISTED];
	char id[WG_ID_BUFSIZE];
	size_t ntasks, n = split_items(ents, items, MAX_LISTED + 1);
	int rc = WG_OK;
	(void)ctx;
	(void)confirmed;
	if (n > MAX_LISTED)
		rc = wg_fail(err, WG_EINPUT, _("name at most %d entities one by one (or give their "
					       "category)"), MAX_LISTED);
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		rc = wg_entity_named(t->ws->db, items[i], ids[i], err);
		idv[i] = ids[i];
	}
	if (rc == WG_OK) {
		/* "D211, D600" as the CLI's --category takes "D211,D600" */
		strbuf tg = STRBUF_INIT;
		char *save = NULL;
		for (char *w = strstr(targets, "，"); w; w = strstr(w, "，"))
			memcpy(w, ",  ", 3); /* a full-width comma: three bytes, as ",  " */
		for (char *p = strtok_r(targets, ", ", &save); p; p = strtok_r(NULL, ", ", &save))
			sb_addf(&tg, "%s%s", tg.len ? "," : "", p);
		struct wg_campaign_spec spec = {
			.name = name, .starts = from, .ends = to, .targets = sb_str(&tg),
			.entities = idv, .nentities = n, .checklist = checklist,
		};
		rc = wg_campaign_add(t->ws, &spec, id, &ntasks, err);
		if (rc == WG_OK)
			tui_message(t, ngettext("Campaign \"%s\" started: %zu task made in the grids.",
						"Campaign \"%s\" started: %zu tasks made in the grids.",
						ntasks), name, ntasks);
		sb_release(&tg);
	}
	free(name);
	free(from);
	free(to);
	free(targets);
	free(ents);
	free(checklist);
	return rc;
}

static struct screen *add_form(struct tui *t, struct campaigns *c)
{
	const struct wg_kind *k = &wg_kind_campaign;
	struct form fm;
	wg_records cls = {0};
	wg_error err;
	form_init(&fm);
	form_add_text(&fm, "name", _("Name of the campaign"), "", 100)->schema =
		wg_field_find(k, "name");
	form_add_text(&fm, "starts", _("From (2026-01-31)"), c->today, 10)->schema =
		wg_field_find(k, "starts");
	form_add_text(&fm, "ends", _("To"), "", 10)->schema = wg_field_find(k, "ends");
	form_add_text(&fm, "targets",
		      _("Categories: codes or groups, separated by commas (wangge category list)"),
		      "", 200);
	form_add_text(&fm, "entities", _("Or entities one by one: names or ids, separated by ;"),
		      "", 2000);
	struct form_field *cf = form_add_choice(&fm, "checklist", _("Checklist"));
	form_choice_add(cf, "", _("(each entity's usual checklist)"));
	if (wg_checklist_records(t->ws->db, true, &cls, &err) == WG_OK) {
		for (size_t i = 0; i < cls.n; i++) {
			const char *code = wg_record_get(cls.v[i], "code");
			char *l = xasprintf("%s %s", code, wg_record_get(cls.v[i], "title"));
			form_choice_add(cf, code, l);
			free(l);
		}
		wg_records_free(&cls);
	} else {
		tui_error(t, "%s", err.msg);
	}
	return formscreen_open(t, _("Start a campaign"), &fm, add_save, NULL, 0);
}

static struct next campaigns_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct campaigns *c = (struct campaigns *)sc;
	(void)key;
	if (a == ACT_NEXT_FIELD) {
		c->in_grids = !c->in_grids;
		return NEXT(NEXT_REDRAW);
	}
	if (list_move(c->in_grids ? &c->glist : &c->list, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_BACK && c->in_grids) {
		c->in_grids = false;
		return NEXT(NEXT_REDRAW);
	}
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (a == ACT_NEW) {
		if (t->ws->role != ROLE_COUNTY) {
			tui_error(t, "%s", _("Only the county workspace can start a campaign."));
			return NEXT(NEXT_REDRAW);
		}
		return (struct next){NEXT_PUSH | NEXT_REDRAW, add_form(t, c)};
	}
	return NEXT(NEXT_NONE);
}

static struct next campaigns_click(struct tui *t, struct screen *sc, int y, int x)
{
	(void)t;
	(void)x;
	return list_click(&((struct campaigns *)sc)->list, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void campaigns_resume(struct tui *t, struct screen *sc)
{
	reload(t, (struct campaigns *)sc);
}

static void campaigns_destroy(struct screen *sc)
{
	struct campaigns *c = (struct campaigns *)sc;
	wg_table_free(c->camps);
	wg_table_free(c->grids);
	free(c);
}

static const struct screen_ops campaigns_ops = {
	/* TRANSLATORS: the screen of campaigns (专项整治) */
	.title = N_("Campaigns"),
	.actions = campaigns_actions,
	.draw = campaigns_draw,
	.key = campaigns_key,
	.click = campaigns_click,
	.resume = campaigns_resume,
	.destroy = campaigns_destroy,
};

struct screen *campaigns_open(struct tui *t)
{
	struct campaigns *c = xcalloc(1, sizeof *c);
	c->base.ops = &campaigns_ops;
	c->base.tab = 0;
	c->grids_for = -1;
	reload(t, c);
	return &c->base;
}
