/* Choosing who inspects, on the county (which has no officer of its own):
 * the active inspectors holding an enforcement certificate, those who
 * declared a conflict of interest with the entity marked; Space marks two,
 * ^S checks the choice (wg_inspectors_check: at least two, certified, none
 * recused, refused in words) and starts the inspection with them. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "inspection.h"
#include "list.h"
#include "paint.h"
#include "screens.h"
#include "strbuf.h"

struct inspectors {
	struct screen base;
	char *task, *entity; /* full ids; task may be NULL */
	int tab;
	wg_table *t;         /* id, name, certificate, recused */
	bool *marked;
	struct list list;
	char cell[200];
};

static const enum action inspectors_actions[] = {
	ACT_HELP, ACT_MARK, ACT_CHOOSE, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN,
	ACT_HOME, ACT_END, ACT_NONE,
};

static const char *cell(void *ctx, long row, int col)
{
	struct inspectors *s = ctx;
	const char *const *r = (const char *const *)&s->t->cells[(size_t)(row + 1) * 4];
	switch (col) {
	case 0: return s->marked[row] ? "[x]" : "[ ]";
	case 1: return r[1];
	case 2: return r[2];
	default:
		/* TRANSLATORS: an inspector who declared a conflict of interest (回避) */
		return *r[3] ? _("stands aside (conflict of interest)") : "";
	}
}

static void inspectors_draw(struct tui *t, struct screen *sc)
{
	struct inspectors *s = (struct inspectors *)sc;
	struct list_column cols[] = {
		{"", {3, 3, 0, true}},
		{_("Inspector"), {8, 20, 2, false}},
		{_("Certificate"), {8, 24, 1, false}},
		{_("Recusal"), {8, 0, 2, false}},
	};
	int y = t->lay.body_top;
	draw_text(y, 1, t->lay.cols - 2,
		  _("Who inspects? Space marks two certified inspectors, ^S starts."), A_BOLD);
	list_draw(t, &s->list, y + 1, t->lay.body_rows - 1, cols, 4, cell, s);
}

static struct next start(struct tui *t, struct inspectors *s)
{
	const char *ids[64];
	size_t n = 0;
	wg_error err;
	for (long i = 0; i < s->list.count && n < 64; i++)
		if (s->marked[i])
			ids[n++] = s->t->cells[(size_t)(i + 1) * 4];
	if (wg_inspectors_check(t->ws->db, s->entity, ids, n, &err)) {
		tui_error(t, "%s", err.msg);
		return NEXT(NEXT_REDRAW);
	}
	struct wg_inspection_start st = {s->task, s->task ? NULL : s->entity,
					 s->task ? NULL : "inspection", NULL, ids, n};
	char id[WG_ID_BUFSIZE];
	if (wg_inspection_start(t->ws, &st, id, &err)) {
		tui_error(t, "%s", err.msg);
		return NEXT(NEXT_REDRAW);
	}
	tui_message(t, _("Started. Mark each item: p pass, f fail, n not applicable; u undoes."));
	return (struct next){NEXT_POP | NEXT_PUSH | NEXT_REDRAW, inspection_open(t, id, s->tab)};
}

static struct next inspectors_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct inspectors *s = (struct inspectors *)sc;
	(void)key;
	if (a == ACT_MARK && s->list.count) {
		s->marked[s->list.sel] = !s->marked[s->list.sel];
		if (s->list.sel + 1 < s->list.count)
			s->list.sel++;
		return NEXT(NEXT_REDRAW);
	}
	if (list_move(&s->list, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (a == ACT_CHOOSE)
		return start(t, s);
	return NEXT(NEXT_NONE);
}

static struct next inspectors_click(struct tui *t, struct screen *sc, int y, int x)
{
	(void)t;
	(void)x;
	return list_click(&((struct inspectors *)sc)->list, y) ? NEXT(NEXT_REDRAW)
								 : NEXT(NEXT_NONE);
}

static void inspectors_destroy(struct screen *sc)
{
	struct inspectors *s = (struct inspectors *)sc;
	wg_table_free(s->t);
	free(s->marked);
	free(s->task);
	free(s->entity);
	free(s);
}

static const struct screen_ops inspectors_ops = {
	.title = N_("Inspectors"),
	.actions = inspectors_actions,
	.draw = inspectors_draw,
	.key = inspectors_key,
	.click = inspectors_click,
	.destroy = inspectors_destroy,
};

struct screen *inspectors_open(struct tui *t, const char *task, const char *entity, int tab)
{
	wg_error err;
	char *ent = entity ? xstrdup(entity) : NULL;
	if (!ent && task) {
		wg_record *r;
		if (wg_db_load(t->ws->db, &wg_kind_task, task, &r, &err)) {
			tui_error(t, "%s", err.msg);
			return NULL;
		}
		ent = xstrdup(wg_record_get(r, "entity"));
		wg_record_free(r);
	}
	const char *head[] = {"", "", "", ""};
	wg_table *tb = wg_table_new(4, head);
	if (wg_certified_inspectors(t->ws->db, ent ? ent : "", tb, &err)) {
		tui_error(t, "%s", err.msg);
		wg_table_free(tb);
		free(ent);
		return NULL;
	}
	struct inspectors *s = xcalloc(1, sizeof *s);
	s->base.ops = &inspectors_ops;
	s->base.tab = tab;
	s->tab = tab;
	s->task = task ? xstrdup(task) : NULL;
	s->entity = ent ? ent : xstrdup("");
	s->t = tb;
	s->list.count = (long)tb->nrows - 1;
	s->marked = xcalloc((size_t)s->list.count + 1, sizeof *s->marked);
	return &s->base;
}
