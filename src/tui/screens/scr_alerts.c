/* Points alerts (记分预警): every entity whose points in the cycle reached a
 * band today by the county's rules in force, as "wangge points alerts" lists
 * them (points.h), with the consequence the rules name; under the list the
 * reasons of the selected one (its cycles, points, violations and the
 * threshold reached); Enter opens the entity. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "list.h"
#include "paint.h"
#include "points.h"
#include "risk.h"
#include "rules.h"
#include "textview.h"
#include "screens.h"
#include "strbuf.h"
#include "timeutil.h"

struct alerts {
	struct screen base;
	struct wg_points_alert *a;
	size_t n;
	wg_points_rules *rules;
	struct list list;
	struct textview why;
	long why_for; /* the row the reasons are of, -1 none */
	char cell[32];
};

static const enum action alerts_actions[] = {
	ACT_HELP, ACT_OPEN, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static void reload(struct tui *t, struct alerts *al)
{
	char today[WG_DATE_LEN + 1];
	wg_error err;
	wg_points_alerts_free(al->a, al->n);
	al->a = NULL;
	al->n = 0;
	wg_today(today);
	/* the desk's kept results, brought up to date (the slices the desk has
	 * not done yet, if any), make the list cost the alerts alone */
	size_t count, left;
	if (wg_points_alerts_count(t->ws->db, al->rules, today, 0, &count, &left, &err) ||
	    wg_points_alerts(t->ws->db, al->rules, today, &al->a, &al->n, &err))
		tui_error(t, "%s", err.msg);
	al->list.count = (long)al->n;
	al->why_for = -1;
}

static const char *cell(void *ctx, long row, int col)
{
	struct alerts *al = ctx;
	const struct wg_points_alert *a = &al->a[row];
	int total;
	const struct wg_points_band *b = wg_points_alert_band(&a->total, &total);
	switch (col) {
	case 0: return a->name;
	case 1: return a->grid;
	case 2:
		snprintf(al->cell, sizeof al->cell, "%d", total);
		return al->cell;
	default: return b ? wg_pick(b->consequence, b->label) : "";
	}
}

/* Why the selected entity is on the list: each cycle's points and the band. */
static void load_why(struct tui *t, struct alerts *al)
{
	char buf[1200];
	int w = t->lay.cols - 4;
	if (al->why_for == al->list.sel)
		return;
	tv_clear(&al->why);
	al->why_for = al->list.sel;
	if (!al->n)
		return;
	const struct wg_points_alert *a = &al->a[al->list.sel];
	const struct wg_points_total *pt = &a->total;
	snprintf(buf, sizeof buf, _("Why %s is listed:"), a->name);
	tv_heading(&al->why, buf);
	snprintf(buf, sizeof buf,
		 ngettext("Cycle %s to %s: %d points from %zu violation in signed inspections",
			  "Cycle %s to %s: %d points from %zu violations in signed inspections",
			  pt->nviolations),
		 pt->from, pt->to, pt->total, pt->nviolations);
	tv_wrapped(&al->why, buf, w);
	if (pt->band) {
		snprintf(buf, sizeof buf, _("Threshold reached: %d points: %s"), pt->band->threshold,
			 wg_pick(pt->band->consequence, pt->band->label));
		tv_wrapped(&al->why, buf, w);
	}
	for (size_t i = 0; i < pt->nextra; i++) {
		const struct wg_points_span *x = &pt->extra[i];
		if (x->band)
			snprintf(buf, sizeof buf, _("Cycle %s to %s: %d points; threshold reached: %d "
						    "points: %s"),
				 x->from, x->to, x->total, x->band->threshold,
				 wg_pick(x->band->consequence, x->band->label));
		else
			snprintf(buf, sizeof buf, _("Cycle %s to %s: %d points"), x->from, x->to,
				 x->total);
		tv_wrapped(&al->why, buf, w);
	}
	if (al->rules->version)
		snprintf(buf, sizeof buf, _("Rules: points version %d, in force from %s"),
			 al->rules->version, al->rules->effective);
	else
		snprintf(buf, sizeof buf, "%s", _("Rules: the shipped defaults (the county records none)"));
	tv_wrapped(&al->why, buf, w);
}

static void alerts_draw(struct tui *t, struct screen *sc)
{
	struct alerts *al = (struct alerts *)sc;
	struct list_column cols[] = {
		{_("Entity"), {10, 0, 3, false}},
		{_("Grid"), {6, 14, 0, true}},
		{_("Points"), {4, 6, 0, false}},
		{_("Consequence"), {10, 0, 2, false}},
	};
	int y = t->lay.body_top, rows = t->lay.body_rows;
	int below = rows / 3;
	char info[300];
	load_why(t, al);
	snprintf(info, sizeof info,
		 ngettext("%zu entity reached a points band. Enter opens it.",
			  "%zu entities reached a points band. Enter opens one.", al->n), al->n);
	draw_text(y, 1, t->lay.cols - 2, info, A_BOLD);
	list_draw(t, &al->list, y + 1, rows - 1 - below, cols, 4, cell, al);
	tv_draw(t, &al->why, y + rows - below, below);
}

static struct next alerts_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct alerts *al = (struct alerts *)sc;
	(void)key;
	if (list_move(&al->list, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (a == ACT_OPEN && al->n)
		return (struct next){NEXT_PUSH | NEXT_REDRAW, entity_open(t, al->a[al->list.sel].entity)};
	return NEXT(NEXT_NONE);
}

static struct next alerts_click(struct tui *t, struct screen *sc, int y, int x)
{
	(void)t;
	(void)x;
	return list_click(&((struct alerts *)sc)->list, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void alerts_resume(struct tui *t, struct screen *sc)
{
	reload(t, (struct alerts *)sc);
}

static void alerts_destroy(struct screen *sc)
{
	struct alerts *al = (struct alerts *)sc;
	wg_points_alerts_free(al->a, al->n);
	wg_points_rules_free(al->rules);
	tv_clear(&al->why);
	free(al);
}

static const struct screen_ops alerts_ops = {
	/* TRANSLATORS: the screen of points alerts (记分预警) */
	.title = N_("Points alerts"),
	.actions = alerts_actions,
	.draw = alerts_draw,
	.key = alerts_key,
	.click = alerts_click,
	.resume = alerts_resume,
	.destroy = alerts_destroy,
};

struct screen *alerts_open(struct tui *t)
{
	wg_points_rules *rules;
	wg_error err;
	char today[WG_DATE_LEN + 1];
	wg_today(today);
	/* the county's rules in force today, as "wangge points alerts" */
	if (wg_rules_load(t->ws->db, today, &rules, NULL, &err)) {
		tui_error(t, "%s", err.msg);
		return NULL;
	}
	struct alerts *al = xcalloc(1, sizeof *al);
	al->base.ops = &alerts_ops;
	al->base.tab = 0;
	al->rules = rules;
	reload(t, al);
	return &al->base;
}
