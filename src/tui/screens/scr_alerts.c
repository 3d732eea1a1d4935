/* Points alerts (记分预警): every entity whose points in the cycle reached a
 * band today, as "wangge points alerts" lists them (points.h), with the
 * consequence the rules name; Enter opens the entity. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "list.h"
#include "paint.h"
#include "points.h"
#include "risk.h"
#include "screens.h"
#include "strbuf.h"
#include "timeutil.h"

struct alerts {
	struct screen base;
	struct wg_points_alert *a;
	size_t n;
	wg_points_rules *rules;
	struct list list;
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
	if (wg_points_alerts(t->ws->db, al->rules, today, &al->a, &al->n, &err))
		tui_error(t, "%s", err.msg);
	al->list.count = (long)al->n;
}

static const char *cell(void *ctx, long row, int col)
{
	struct alerts *al = ctx;
	const struct wg_points_alert *a = &al->a[row];
	switch (col) {
	case 0: return a->name;
	case 1: return a->grid;
	case 2:
		snprintf(al->cell, sizeof al->cell, "%d", a->total.total);
		return al->cell;
	default: return a->total.band ? a->total.band->consequence : "";
	}
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
	char info[300];
	snprintf(info, sizeof info,
		 ngettext("%zu entity reached a points band. Enter opens it.",
			  "%zu entities reached a points band. Enter opens one.", al->n), al->n);
	draw_text(y, 1, t->lay.cols - 2, info, A_BOLD);
	list_draw(t, &al->list, y + 1, rows - 1, cols, 4, cell, al);
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
	if (wg_points_rules_load(NULL, &rules, &err)) {
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
