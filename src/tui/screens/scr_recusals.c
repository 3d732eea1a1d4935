/* Recusals (回避) on the county: each inspector's declared interest in an
 * entity, as "wangge recusal list" lists them; the draw and the choice of
 * inspectors never send that inspector there. a declares one (the same
 * record as "wangge recusal add"): the inspector from the list of
 * inspectors, the entity by its name or id, and the reason. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "list.h"
#include "paint.h"
#include "query.h"
#include "recordop.h"
#include "screens.h"
#include "strbuf.h"

enum { RC_INSPECTOR, RC_ENTITY, RC_REASON, RC_N };

struct recusals {
	struct screen base;
	wg_table *t;
	struct list list;
};

static const enum action recusals_actions[] = {
	ACT_HELP, ACT_NEW, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

/* Headers are the screen's own: the tables' are left empty (the officer table has 5 columns). */
static const char *const no_head[5] = {""};

static void reload(struct tui *t, struct recusals *r)
{
	wg_error err;
	wg_table_free(r->t);
	r->t = wg_table_new(RC_N, no_head);
	if (wg_recusal_list(t->ws->db, r->t, &err))
		tui_error(t, "%s", err.msg);
	r->list.count = (long)r->t->nrows - 1;
}

static const char *cell(void *ctx, long row, int col)
{
	struct recusals *r = ctx;
	return r->t->cells[(size_t)(row + 1) * RC_N + (size_t)col];
}

static void recusals_draw(struct tui *t, struct screen *sc)
{
	struct recusals *r = (struct recusals *)sc;
	struct list_column cols[] = {
		{_("Inspector"), {6, 16, 1, false}},
		{_("Entity"), {10, 0, 3, false}},
		{_("Reason"), {6, 0, 2, false}},
	};
	int y = t->lay.body_top, rows = t->lay.body_rows;
	char info[300];
	snprintf(info, sizeof info,
		 ngettext("%ld recusal declared: the draw never sends the inspector there. a "
			  "declares one.",
			  "%ld recusals declared: the draw never sends the inspector there. a "
			  "declares one.",
			  r->list.count),
		 r->list.count);
	draw_text(y, 1, t->lay.cols - 2, info, A_BOLD);
	list_draw(t, &r->list, y + 1, rows - 1, cols, 3, cell, r);
}

static int add_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	char *insp = form_value(form_find(fm, "officer"));
	char *ent = form_value(form_find(fm, "entity"));
	char *reason = form_value(form_find(fm, "reason"));
	char eid[WG_ID_BUFSIZE];
	(void)ctx;
	int rc = WG_OK;
	if (!*insp)
		rc = wg_fail(err, WG_EINPUT, _("choose the inspector"));
	else
		rc = wg_entity_named(t->ws->db, ent, eid, err);
	if (rc == WG_OK) {
		const struct wg_change ch[] = {{"officer", insp}, {"entity", eid}, {"reason", reason}};
		wg_record *rec = wg_record_new(&wg_kind_recusal);
		if ((rc = wg_fill(rec, ch, *reason ? 3 : 2, confirmed, err)) == WG_OK &&
		    (rc = wg_add(t->ws, rec, err)) == WG_OK)
			tui_message(t, "%s", _("Recusal declared: the draw leaves this inspector out "
					       "there."));
		wg_record_free(rec);
	}
	free(insp);
	free(ent);
	free(reason);
	return rc;
}

static struct screen *add_form(struct tui *t)
{
	struct form fm;
	wg_table *o = wg_table_new(5, no_head);
	wg_error err;
	form_init(&fm);
	struct form_field *of = form_add_choice(&fm, "officer", _("Inspector"));
	form_choice_add(of, "", _("(choose)"));
	if (wg_officer_table(t->ws->db, NULL, NULL, o, &err) == WG_OK) {
		for (size_t i = 1; i < o->nrows; i++) {
			const char *const *row = (const char *const *)&o->cells[i * 5];
			if (strcmp(row[2], "inspector") == 0)
				form_choice_add(of, row[0], row[1]);
		}
	} else {
		tui_error(t, "%s", err.msg);
	}
	wg_table_free(o);
	form_add_text(&fm, "entity", _("Entity (its name or id)"), "", 200);
	form_add_text(&fm, "reason", _("Reason (county only)"), "", 200)->schema =
		wg_field_find(&wg_kind_recusal, "reason");
	return formscreen_open(t, _("Declare a recusal"), &fm, add_save, NULL, 0);
}

static struct next recusals_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct recusals *r = (struct recusals *)sc;
	(void)key;
	if (list_move(&r->list, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (a == ACT_NEW)
		return (struct next){NEXT_PUSH | NEXT_REDRAW, add_form(t)};
	return NEXT(NEXT_NONE);
}

static struct next recusals_click(struct tui *t, struct screen *sc, int y, int x)
{
	(void)t;
	(void)x;
	return list_click(&((struct recusals *)sc)->list, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void recusals_resume(struct tui *t, struct screen *sc)
{
	reload(t, (struct recusals *)sc);
}

static void recusals_destroy(struct screen *sc)
{
	struct recusals *r = (struct recusals *)sc;
	wg_table_free(r->t);
	free(r);
}

static const struct screen_ops recusals_ops = {
	/* TRANSLATORS: the screen of declared recusals (回避) */
	.title = N_("Recusals"),
	.actions = recusals_actions,
	.draw = recusals_draw,
	.key = recusals_key,
	.click = recusals_click,
	.resume = recusals_resume,
	.destroy = recusals_destroy,
};

struct screen *recusals_open(struct tui *t)
{
	struct recusals *r = xcalloc(1, sizeof *r);
	r->base.ops = &recusals_ops;
	r->base.tab = 0;
	reload(t, r);
	return &r->base;
}
