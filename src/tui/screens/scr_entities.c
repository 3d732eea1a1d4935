/* Entities (检查对象): a paged list over the database with search as you type,
 * sort and filters. Only the rows on screen are in memory. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browse.h"
#include "paint.h"
#include "editkey.h"
#include "form.h"
#include "i18n.h"
#include "lineedit.h"
#include "list.h"
#include "risk.h"
#include "rules.h"
#include "screens.h"
#include "strbuf.h"
#include "timeutil.h"
#include "tui.h"
#include "utf8.h"

/* Counting stops here ("1000+"): a search that matches much is narrowed by
 * typing more, and counting every match of a short one would be slow. */
#define COUNT_CAP 1000000
#define SEARCH_COUNT_CAP 1000

struct entities {
	struct screen base;
	struct wg_entity_filter filter;
	char *category, *status, *grid, *risk; /* filter values, NULL for any */
	char *risk_label;
	lineedit query;
	bool searching;
	struct list list;
	bool capped;
	wg_rows page;
	long page_off;
	bool stale; /* page must be fetched again */
	bool dirty; /* the query changed: search when no key is waiting */
};

static const enum action entities_actions[] = {
	ACT_HELP, ACT_SEARCH, ACT_OPEN, ACT_SORT, ACT_FILTER, ACT_NEW, ACT_BACK, ACT_QUIT,
	ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, ACT_NEXT_MATCH, ACT_PREV_MATCH,
	ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static void reload(struct tui *t, struct entities *e)
{
	wg_error err;
	long n;
	e->filter.category = e->category;
	e->filter.status = e->status;
	e->filter.grid = e->grid;
	e->filter.risk = e->risk;
	long cap = e->filter.search.mode == SEARCH_NONE ? COUNT_CAP : SEARCH_COUNT_CAP;
	if (wg_entity_count(t->ws->db, &e->filter, cap, &n, &err)) {
		if (t->interrupted) {
			e->dirty = true; /* a key is waiting: search again after it */
			return;
		}
		tui_error(t, "%s", err.msg);
		n = 0;
	}
	e->list.count = n;
	e->capped = n >= cap;
	e->stale = true;
}

/* The query changed: parse it; a regex still being typed keeps the old list. */
static void requery(struct tui *t, struct entities *e)
{
	char *q = le_text(&e->query);
	struct wg_search s;
	wg_error err;
	e->dirty = false;
	if (wg_search_parse(q, &s, &err)) {
		tui_error(t, "%s", err.msg);
	} else {
		wg_search_free(&e->filter.search);
		e->filter.search = s;
		t->message[0] = 0;
		e->list.sel = e->list.top = 0;
		reload(t, e);
	}
	free(q);
}

static void fetch(struct tui *t, struct entities *e)
{
	if (e->dirty)
		return; /* the rows of the old query stay until the new one has run */
	if (!e->stale && e->page_off == e->list.top && (long)e->page.nrows >= e->list.height)
		return;
	if (e->list.count == 0) {
		/* Nothing matches: no need to look again. */
		wg_rows_free(&e->page);
		e->stale = false;
		return;
	}
	wg_error err;
	wg_rows_free(&e->page);
	if (wg_entity_page(t->ws->db, &e->filter, e->list.top, e->list.height,
			   e->capped ? -1 : e->list.count, &e->page, &err)) {
		if (t->interrupted) {
			e->dirty = true;
			return;
		}
		tui_error(t, "%s", err.msg);
	}
	e->page_off = e->list.top;
	e->stale = false;
}

static const char *cell(void *ctx, long row, int col)
{
	struct entities *e = ctx;
	static const int map[] = {EC_NAME, EC_CATEGORY, EC_GRID, EC_STATUS, EC_PHONE};
	const char *v = wg_rows_get(&e->page, (size_t)(row - e->page_off), (size_t)map[col]);
	if (map[col] == EC_CATEGORY) {
		const struct wg_category *c = wg_category_find(v);
		return c ? _(c->label) : v;
	}
	if (map[col] == EC_STATUS)
		return wg_option_label(wg_field_find(&wg_kind_entity, "status"), v);
	return v;
}

static void entities_draw(struct tui *t, struct screen *s)
{
	struct entities *e = (struct entities *)s;
	struct list_column cols[] = {
		{_("Name"), {8, 0, 3, false}},
		{_("Category"), {8, 16, 1, false}},
		{_("Grid"), {8, 14, 1, false}},
		{_("Status"), {7, 10, 0, false}},
		{_("Phone"), {11, 13, 0, true}},
	};
	int y = t->lay.body_top, rows = t->lay.body_rows;
	strbuf info = STRBUF_INIT;
	if (e->capped)
		sb_addf(&info, _("%ld+ entities"), e->list.count);
	else
		sb_addf(&info, ngettext("%ld entity", "%ld entities", (unsigned long)e->list.count),
			e->list.count);
	/* TRANSLATORS: between the parts of the entity list's summary line
	 * ("30 entities, by name, clinic") */
	const char *sep = _(", ");
	sb_addf(&info, "%s%s", sep, wg_entity_sort_label(e->filter.sort));
	if (e->category) {
		const struct wg_category *c = wg_category_find(e->category);
		sb_addf(&info, "%s%s", sep, c ? _(c->label) : e->category);
	}
	if (e->status)
		sb_addf(&info, "%s%s", sep,
			wg_option_label(wg_field_find(&wg_kind_entity, "status"), e->status));
	if (e->grid)
		sb_addf(&info, "%s%s %s", sep, _("grid"), e->grid);
	if (e->risk)
		sb_addf(&info, "%s%s", sep, e->risk_label ? e->risk_label : e->risk);
	if (e->filter.search.mode != SEARCH_NONE) {
		/* the search stays visible while it filters the list */
		char *q = le_text(&e->query);
		sb_addf(&info, "%s", sep);
		sb_addf(&info, _("search \"%s\" (Esc clears it)"), q);
		free(q);
	}
	if (e->dirty)
		sb_addf(&info, " %s", _("(searching...)"));
	draw_text(y, 1, t->lay.cols - 2, sb_str(&info), A_BOLD);
	sb_release(&info);
	/* Fetch for the rows that will show: list_draw fixes the window first. */
	e->list.height = rows - 2 > 0 ? rows - 2 : 1;
	layout_scroll(e->list.count, e->list.height, &e->list.sel, &e->list.top);
	fetch(t, e);
	list_draw(t, &e->list, y + 1, rows - 1, cols, 5, cell, e);
	if (e->list.count == 0)
		draw_text(y + 3, 2, t->lay.cols - 3,
			  e->filter.search.mode != SEARCH_NONE ? _("Nothing matches the search.")
			  : _("No entities. Press a to add one."), A_NORMAL);
	if (e->searching)
		list_search_line(t, &e->query, y);
}

static bool entities_text_mode(struct screen *s)
{
	return ((struct entities *)s)->searching;
}

static const char *selected_id(struct entities *e)
{
	if (e->list.count == 0)
		return NULL;
	const char *id = wg_rows_get(&e->page, (size_t)(e->list.sel - e->page_off), EC_ID);
	return *id ? id : NULL;
}

/* The filter form saves into the list below it. */
static int filter_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	struct entities *e = ctx;
	char **slots[] = {&e->category, &e->status, &e->grid};
	const char *names[] = {"category", "status", "grid"};
	for (int i = 0; i < 3; i++) {
		free(*slots[i]);
		char *v = form_value(form_find(fm, names[i]));
		if (*v) {
			*slots[i] = v;
		} else {
			*slots[i] = NULL;
			free(v);
		}
	}
	/* Risk grades are derived: grade the county now (one set-based pass) into
	 * the connection's temporary table the list filters on. */
	char *risk = form_value(form_find(fm, "risk"));
	free(e->risk);
	free(e->risk_label);
	e->risk = e->risk_label = NULL;
	if (*risk) {
		wg_points_rules *p = NULL;
		wg_risk_rules *r = NULL;
		char today[WG_DATE_LEN + 1];
		int rc;
		wg_today(today);
		if ((rc = wg_rules_load(t->ws->db, today, &p, &r, err)) ||
		    (rc = wg_risk_grade_table(t->ws->db, r, p, today, err))) {
			wg_rules_free(p, r);
			free(risk);
			return rc;
		}
		for (size_t i = 0; i < r->ngrades; i++)
			if (strcmp(r->grades[i].code, risk) == 0)
				e->risk_label = xstrdup(wg_pick(r->grades[i].name, r->grades[i].label));
		wg_rules_free(p, r);
		e->risk = risk;
	} else {
		free(risk);
	}
	e->list.sel = e->list.top = 0;
	reload(t, e);
	return WG_OK;
}

static struct screen *filter_open(struct tui *t, struct entities *e)
{
	struct form fm;
	form_init(&fm);
	struct form_field *ff = form_add_choice(&fm, "category", _("Category"));
	form_choice_add(ff, "", _("(any)"));
	for (size_t i = 0; i < wg_ncategories; i++)
		form_choice_add(ff, wg_categories[i].code, _(wg_categories[i].label));
	form_choice_set(ff, e->category ? e->category : "");
	ff = form_add_choice(&fm, "status", _("Status"));
	form_choice_add(ff, "", _("(any)"));
	for (const struct wg_option *o = wg_field_find(&wg_kind_entity, "status")->options;
	     o->value; o++)
		form_choice_add(ff, o->value, _(o->label));
	form_choice_set(ff, e->status ? e->status : "");
	ff = form_add_choice(&fm, "grid", _("Grid"));
	form_choice_add(ff, "", _("(any)"));
	wg_rows grids;
	wg_error err;
	if (wg_grid_codes(t->ws->db, &grids, &err) == WG_OK) {
		for (size_t i = 0; i < grids.nrows; i++) {
			char *l = xasprintf("%s %s", wg_rows_get(&grids, i, 0), wg_rows_get(&grids, i, 1));
			form_choice_add(ff, wg_rows_get(&grids, i, 0), l);
			free(l);
		}
		wg_rows_free(&grids);
	}
	form_choice_set(ff, e->grid ? e->grid : "");
	ff = form_add_choice(&fm, "risk", _("Risk grade"));
	form_choice_add(ff, "", _("(any)"));
	wg_risk_rules *rr;
	char today[WG_DATE_LEN + 1];
	wg_today(today);
	if (wg_rules_load(t->ws->db, today, NULL, &rr, &err) == WG_OK) {
		for (size_t i = 0; i < rr->ngrades; i++)
			form_choice_add(ff, rr->grades[i].code,
					wg_pick(rr->grades[i].name, rr->grades[i].label));
		wg_risk_rules_free(rr);
	}
	form_choice_set(ff, e->risk ? e->risk : "");
	return formscreen_open(t, _("Filter entities"), &fm, filter_save, e, 1);
}

static void entities_idle(struct tui *t, struct screen *s);

static struct next entities_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct entities *e = (struct entities *)s;
	/* Any key but more typing acts on the results of what was typed: finish a
	 * search still waiting first (Enter right after typing opens a match). */
	if (e->dirty && a != ACT_NONE && !(e->searching && le_key_is_edit(key)))
		entities_idle(t, s);
	if (e->searching) {
		if (a == ACT_SEARCH) /* already searching: go on typing */
			return NEXT(NEXT_REDRAW);
		if (a == ACT_OPEN) {
			e->searching = false;
			return NEXT(NEXT_REDRAW);
		}
		if (a == ACT_BACK && key == K_ESC) {
			le_clear(&e->query);
			e->searching = false;
			requery(t, e);
			return NEXT(NEXT_REDRAW);
		}
		if (a == ACT_UP || a == ACT_DOWN || a == ACT_PGUP || a == ACT_PGDN) {
			list_move(&e->list, a);
			return NEXT(NEXT_REDRAW);
		}
		enum le_key_result r = le_key(&e->query, key);
		if (r == LE_KEY_NONE)
			return NEXT(NEXT_NONE);
		if (r == LE_KEY_CHANGED)
			e->dirty = true; /* searched when no key follows at once */
		return NEXT(NEXT_REDRAW);
	}
	if (list_move(&e->list, a))
		return NEXT(NEXT_REDRAW);
	switch (a) {
	case ACT_SEARCH:
		e->searching = true;
		t->message[0] = 0;
		return NEXT(NEXT_REDRAW);
	case ACT_OPEN: {
		const char *id = selected_id(e);
		if (!id)
			return NEXT(NEXT_NONE);
		return (struct next){NEXT_PUSH | NEXT_REDRAW, entity_open(t, id)};
	}
	case ACT_NEW:
		return (struct next){NEXT_PUSH | NEXT_REDRAW, entity_form_open(t, NULL)};
	case ACT_SORT:
		e->filter.sort = (e->filter.sort + 1) % ESORT_COUNT;
		e->stale = true;
		return NEXT(NEXT_REDRAW);
	case ACT_FILTER:
		return (struct next){NEXT_PUSH | NEXT_REDRAW, filter_open(t, e)};
	case ACT_BACK:
		/* Esc clears a search or filter left in place. */
		free(e->category);
		free(e->status);
		free(e->grid);
		free(e->risk);
		free(e->risk_label);
		e->category = e->status = e->grid = e->risk = e->risk_label = NULL;
		le_clear(&e->query);
		requery(t, e);
		return NEXT(NEXT_REDRAW);
	default:
		return NEXT(NEXT_NONE);
	}
}

static struct next entities_click(struct tui *t, struct screen *s, int y, int x)
{
	struct entities *e = (struct entities *)s;
	if (!list_click(&e->list, y))
		return NEXT(NEXT_NONE);
	return NEXT(NEXT_REDRAW);
}

static bool entities_pending(struct screen *s)
{
	return ((struct entities *)s)->dirty;
}

/* The search typed so far: count, then the rows to show. */
static void entities_idle(struct tui *t, struct screen *s)
{
	struct entities *e = (struct entities *)s;
	requery(t, e);
	if (e->dirty)
		return;
	e->list.height = t->lay.body_rows - 2 > 0 ? t->lay.body_rows - 2 : 1;
	layout_scroll(e->list.count, e->list.height, &e->list.sel, &e->list.top);
	fetch(t, e);
}

static void entities_resume(struct tui *t, struct screen *s)
{
	struct entities *e = (struct entities *)s;
	reload(t, e);
}

static void entities_destroy(struct screen *s)
{
	struct entities *e = (struct entities *)s;
	wg_rows_free(&e->page);
	wg_search_free(&e->filter.search);
	le_free(&e->query);
	free(e->category);
	free(e->status);
	free(e->grid);
	free(e->risk);
	free(e->risk_label);
	free(e);
}

static const struct screen_ops entities_ops = {
	.title = N_("Entities"),
	.actions = entities_actions,
	.text_mode = entities_text_mode,
	.draw = entities_draw,
	.key = entities_key,
	.click = entities_click,
	.resume = entities_resume,
	.pending = entities_pending,
	.idle = entities_idle,
	.destroy = entities_destroy,
};

struct screen *entities_open(struct tui *t)
{
	struct entities *e = xcalloc(1, sizeof *e);
	e->base.ops = &entities_ops;
	e->base.tab = 1;
	le_init(&e->query, 200);
	reload(t, e);
	return &e->base;
}

void entities_search(struct screen *s)
{
	((struct entities *)s)->searching = true;
}
