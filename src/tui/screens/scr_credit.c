/* Credit lists and risk (信用与风险) on the county, by the county's rules in
 * force today: the red list ("wangge credit list --red"), the black list
 * ("wangge credit list --black"), and the entities above the lowest risk
 * grade, highest score first (the grades of "wangge risk show"). f goes from
 * one list to the next; under the list, the reasons of the selected entity
 * (the facts of its risk score, or the black list's reason, basis and
 * term); Enter opens the entity. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "credit.h"
#include "db.h"
#include "i18n.h"
#include "list.h"
#include "paint.h"
#include "query.h"
#include "risk.h"
#include "rules.h"
#include "screens.h"
#include "strbuf.h"
#include "textview.h"
#include "timeutil.h"

enum credit_mode { CM_RED, CM_BLACK, CM_RISK, CM_N };

struct credit {
	struct screen base;
	enum credit_mode mode;
	wg_points_rules *points;
	wg_risk_rules *risk;
	struct wg_credit_entry *red;
	struct wg_black_entry *black;
	struct wg_risk_item *items;
	size_t n;
	char **names, **grids; /* CM_RISK: the entities' names and grids, fetched when shown */
	struct list list;
	struct textview why;
	long why_for; /* the row the reasons are of, -1 none */
	char today[WG_DATE_LEN + 1];
	char cell[64];
};

static const enum action credit_actions[] = {
	ACT_HELP, ACT_OPEN, ACT_FILTER, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN,
	ACT_HOME, ACT_END, ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG,
	ACT_NONE,
};

static void lists_free(struct credit *c)
{
	wg_credit_list_free(c->red, c->mode == CM_RED ? c->n : 0);
	wg_black_list_free(c->black, c->mode == CM_BLACK ? c->n : 0);
	if (c->names)
		for (size_t i = 0; i < c->n; i++) {
			free(c->names[i]);
			free(c->grids[i]);
		}
	free(c->names);
	free(c->grids);
	c->grids = NULL;
	wg_risk_items_free(c->items, c->mode == CM_RISK ? c->n : 0);
	c->red = NULL;
	c->black = NULL;
	c->items = NULL;
	c->names = NULL;
	c->n = 0;
}

static int by_score(const void *a, const void *b)
{
	const struct wg_risk_item *x = a, *y = b;
	if (x->risk.score != y->risk.score)
		return x->risk.score < y->risk.score ? 1 : -1;
	return strcmp(x->entity, y->entity);
}

static void reload(struct tui *t, struct credit *c)
{
	wg_error err;
	int rc = WG_OK;
	lists_free(c);
	tv_clear(&c->why);
	c->why_for = -1;
	switch (c->mode) {
	case CM_RED:
		rc = wg_credit_list(t->ws->db, c->risk, c->points, c->today, true, &c->red, &c->n,
				    &err);
		break;
	case CM_BLACK: rc = wg_black_list(t->ws->db, c->today, false, &c->black, &c->n, &err); break;
	default: {
		struct wg_risk_item *all;
		size_t n, k = 0;
		rc = wg_risk_all(t->ws->db, c->risk, c->points, c->today, NULL, false, &all, &n,
				 &err);
		if (rc)
			break;
		/* the lowest grade is the usual case: only those above it */
		const struct wg_risk_grade *low = c->risk->ngrades ? &c->risk->grades[0] : NULL;
		for (size_t i = 0; i < n; i++)
			if (all[i].risk.grade != low)
				all[k++] = all[i];
			else
				wg_risk_clear(&all[i].risk);
		qsort(all, k, sizeof *all, by_score);
		c->items = all;
		c->n = k;
		c->names = xcalloc(k + 1, sizeof *c->names);
		c->grids = xcalloc(k + 1, sizeof *c->grids);
	}
	}
	if (rc)
		tui_error(t, "%s", err.msg);
	c->list.count = (long)c->n;
	if (c->list.sel >= c->list.count)
		c->list.sel = 0;
}

static const char *entity_of(const struct credit *c, long row)
{
	switch (c->mode) {
	case CM_RED: return c->red[row].entity;
	case CM_BLACK: return c->black[row].entity;
	default: return c->items[row].entity;
	}
}

/* The name (col 0) or grid of a graded entity, read when first shown. */
static const char *risk_entity(struct tui *t, struct credit *c, long row, int col)
{
	if (!c->names[row]) {
		wg_error err;
		wg_record *e;
		if (wg_db_load(t->ws->db, &wg_kind_entity, c->items[row].entity, &e, &err) == WG_OK) {
			c->names[row] = xstrdup(wg_record_get(e, "name"));
			c->grids[row] = xstrdup(wg_record_get(e, "grid"));
			wg_record_free(e);
		} else {
			c->names[row] = xstrdup(c->items[row].entity);
			c->grids[row] = xstrdup("");
		}
	}
	return col == 0 ? c->names[row] : c->grids[row];
}

struct cell_ctx {
	struct tui *t;
	struct credit *c;
};

static const char *cell(void *ctx, long row, int col)
{
	struct cell_ctx *cc = ctx;
	struct credit *c = cc->c;
	const wg_risk *r = NULL;
	switch (c->mode) {
	case CM_RED:
		if (col == 0)
			return c->red[row].name;
		if (col == 1)
			return c->red[row].grid;
		r = &c->red[row].risk;
		break;
	case CM_BLACK:
		if (col == 0)
			return c->black[row].name;
		if (col == 1)
			return c->black[row].grid;
		if (col == 2)
			return c->black[row].until;
		return c->black[row].reason;
	default:
		if (col <= 1)
			return risk_entity(cc->t, c, row, col);
		r = &c->items[row].risk;
		break;
	}
	if (col == 2) {
		snprintf(c->cell, sizeof c->cell, "%d", r->score);
		return c->cell;
	}
	return wg_pick(r->grade->name, r->grade->label);
}

/* The reasons of the selected row, under the list. */
static void load_why(struct tui *t, struct credit *c)
{
	char buf[1200];
	int w = t->lay.cols - 4;
	wg_error err;
	wg_risk risk;
	if (c->why_for == c->list.sel)
		return;
	tv_clear(&c->why);
	c->why_for = c->list.sel;
	if (!c->n)
		return;
	long row = c->list.sel;
	if (c->mode == CM_BLACK) {
		const struct wg_black_entry *b = &c->black[row];
		snprintf(buf, sizeof buf, _("Black list: %s"), b->name);
		tv_heading(&c->why, buf);
		snprintf(buf, sizeof buf, _("Reason: %s"), b->reason);
		tv_wrapped(&c->why, buf, w);
		snprintf(buf, sizeof buf, _("Legal basis: %s; decided by %s"), b->basis, b->body);
		tv_wrapped(&c->why, buf, w);
		snprintf(buf, sizeof buf, _("Notified on %s, listed on %s until %s"), b->noticed,
			 b->listed, b->until);
		tv_wrapped(&c->why, buf, w);
		return;
	}
	if (wg_risk_entity(t->ws->db, c->risk, c->points, entity_of(c, row), c->today, &risk,
			   &err)) {
		tv_line(&c->why, err.msg);
		return;
	}
	snprintf(buf, sizeof buf, _("Risk: %s, score %d, because:"),
		 wg_pick(risk.grade->name, risk.grade->label), risk.score);
	tv_heading(&c->why, buf);
	if (c->mode == CM_RED)
		tv_wrapped(&c->why, _("On the red list: the last inspection passed; no points, "
				      "complaint or overdue rectification."), w);
	for (size_t i = 0; i < risk.nfacts; i++) {
		snprintf(buf, sizeof buf, "  %+4d  %s", risk.facts[i].score, risk.facts[i].text);
		tv_line(&c->why, buf);
	}
	wg_risk_clear(&risk);
}

static const char *const mode_names[CM_N] = {
	/* TRANSLATORS: the red list (守信激励名单) */
	N_("Red list"),
	/* TRANSLATORS: the black list (严重失信主体名单) */
	N_("Black list"),
	N_("Risk above the lowest grade"),
};

static void credit_draw(struct tui *t, struct screen *sc)
{
	struct credit *c = (struct credit *)sc;
	struct list_column cols[] = {
		{_("Entity"), {10, 0, 3, false}},
		{_("Grid"), {4, 14, 0, true}},
		{c->mode == CM_BLACK ? _("Listed until") : _("Score"), {5, 12, 0, true}},
		{c->mode == CM_BLACK ? _("Reason") : _("Grade"), {6, 0, 2, false}},
	};
	struct cell_ctx cc = {t, c};
	int y = t->lay.body_top, rows = t->lay.body_rows;
	int below = rows / 3;
	char info[300];
	load_why(t, c);
	snprintf(info, sizeof info,
		 ngettext("%s: %zu entity. f: the next list; Enter opens the entity.",
			  "%s: %zu entities. f: the next list; Enter opens the entity.", c->n),
		 _(mode_names[c->mode]), c->n);
	draw_text(y, 1, t->lay.cols - 2, info, A_BOLD);
	list_draw(t, &c->list, y + 1, rows - 1 - below, cols, 4, cell, &cc);
	tv_draw(t, &c->why, y + rows - below, below);
}

static struct next credit_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct credit *c = (struct credit *)sc;
	(void)key;
	if (list_move(&c->list, a))
		return NEXT(NEXT_REDRAW);
	switch (a) {
	case ACT_BACK: return NEXT(NEXT_POP | NEXT_REDRAW);
	case ACT_FILTER:
		lists_free(c);
		c->mode = (enum credit_mode)((c->mode + 1) % CM_N);
		c->list = (struct list){0};
		reload(t, c);
		return NEXT(NEXT_REDRAW);
	case ACT_OPEN:
		if (!c->n)
			return NEXT(NEXT_NONE);
		return (struct next){NEXT_PUSH | NEXT_REDRAW,
				     entity_open(t, entity_of(c, c->list.sel))};
	default: return NEXT(NEXT_NONE);
	}
}

static struct next credit_click(struct tui *t, struct screen *sc, int y, int x)
{
	(void)t;
	(void)x;
	return list_click(&((struct credit *)sc)->list, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void credit_resume(struct tui *t, struct screen *sc)
{
	reload(t, (struct credit *)sc);
}

static void credit_destroy(struct screen *sc)
{
	struct credit *c = (struct credit *)sc;
	lists_free(c);
	tv_clear(&c->why);
	wg_rules_free(c->points, c->risk);
	free(c);
}

static const struct screen_ops credit_ops = {
	/* TRANSLATORS: the screen of the red and black lists and the risk grades */
	.title = N_("Credit and risk"),
	.actions = credit_actions,
	.draw = credit_draw,
	.key = credit_key,
	.click = credit_click,
	.resume = credit_resume,
	.destroy = credit_destroy,
};

struct screen *credit_open(struct tui *t)
{
	wg_points_rules *p;
	wg_risk_rules *r;
	wg_error err;
	char today[WG_DATE_LEN + 1];
	wg_today(today);
	if (wg_rules_load(t->ws->db, today, &p, &r, &err)) {
		tui_error(t, "%s", err.msg);
		return NULL;
	}
	struct credit *c = xcalloc(1, sizeof *c);
	c->base.ops = &credit_ops;
	c->base.tab = 0;
	c->points = p;
	c->risk = r;
	memcpy(c->today, today, sizeof c->today);
	reload(t, c);
	return &c->base;
}
