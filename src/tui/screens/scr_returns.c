/* Returns (交回): per grid, when a bundle last went out (its enrollment or a
 * dispatch), when one last came back, and since when its return is missing:
 * the dispatch status of the core (dispatch.h), as "wangge dispatch status"
 * prints it. x dispatches: every grid's bundle into a chosen folder (a USB
 * stick, through the file chooser), as "wangge dispatch --out" does. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch.h"
#include "i18n.h"
#include "list.h"
#include "paint.h"
#include "screens.h"
#include "strbuf.h"
#include "timeutil.h"

struct returns {
	struct screen base;
	struct wg_dispatch_status *st;
	size_t n, missing;
	struct list list;
	char cell[4][64];
};

static const enum action returns_actions[] = {
	ACT_HELP, ACT_DISPATCH, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static void reload(struct tui *t, struct returns *r)
{
	wg_error err;
	wg_dispatch_status_free(r->st, r->n);
	r->st = NULL;
	r->n = r->missing = 0;
	if (wg_dispatch_status(t->ws->db, &r->st, &r->n, &err))
		tui_error(t, "%s", err.msg);
	for (size_t i = 0; i < r->n; i++)
		r->missing += r->st[i].awaiting;
	r->list.count = (long)r->n;
}

static const char *date_cell(struct returns *r, int slot, const char *stamp)
{
	if (!*stamp)
		return "";
	wg_timestamp_display(stamp, r->cell[slot], sizeof r->cell[slot]);
	r->cell[slot][10] = '\0'; /* the date of "YYYY-MM-DD HH:MM" */
	return r->cell[slot];
}

static const char *cell(void *ctx, long row, int col)
{
	struct returns *r = ctx;
	const struct wg_dispatch_status *s = &r->st[row];
	switch (col) {
	case 0: return s->grid;
	case 1: return s->name;
	case 2: return date_cell(r, 0, s->sent_at);
	case 3: return date_cell(r, 1, s->received_at);
	case 4:
		if (s->awaiting) {
			char since[40];
			wg_timestamp_display(s->missing_since, since, sizeof since);
			since[10] = '\0';
			/* TRANSLATORS: a grid's return is missing since this date */
			snprintf(r->cell[2], sizeof r->cell[2], _("missing since %s"), since);
			return r->cell[2];
		}
		return *s->sent_at ? _("returned") : _("never sent");
	default:
		snprintf(r->cell[3], sizeof r->cell[3], "%zu", s->open_tasks);
		return r->cell[3];
	}
}

static void returns_draw(struct tui *t, struct screen *sc)
{
	struct returns *r = (struct returns *)sc;
	struct list_column cols[] = {
		{_("Grid"), {6, 14, 0, true}},
		{_("Name"), {6, 16, 2, false}},
		{_("Sent"), {10, 10, 0, true}},
		{_("Returned"), {10, 10, 0, true}},
		{_("Status"), {10, 0, 2, false}},
		{_("Open"), {4, 6, 0, false}},
	};
	int y = t->lay.body_top, rows = t->lay.body_rows;
	char info[300];
	snprintf(info, sizeof info,
		 ngettext("%zu of %zu grids owes a return. x writes every grid's bundle to a folder.",
			  "%zu of %zu grids owe a return. x writes every grid's bundle to a folder.",
			  r->missing), r->missing, r->n);
	draw_text(y, 1, t->lay.cols - 2, info, A_BOLD);
	list_draw(t, &r->list, y + 1, rows - 1, cols, 6, cell, r);
}

static struct next dispatch_chosen(struct tui *t, void *ctx, const char *const *paths, size_t n)
{
	struct returns *r = ctx;
	struct wg_dispatch_item *items;
	size_t ni;
	wg_error err;
	(void)n;
	int rc = wg_dispatch(t->ws, paths[0], false, &items, &ni, &err);
	wg_dispatch_items_free(items, ni);
	if (rc) {
		tui_error(t, _("Not all written: %s"), err.msg);
		reload(t, r);
		return NEXT(NEXT_REDRAW);
	}
	tui_message(t, ngettext("%zu bundle written to %s: hand each grid its own.",
				"%zu bundles written to %s: hand each grid its own.", ni),
		    ni, paths[0]);
	return NEXT(NEXT_POP | NEXT_REDRAW);
}

static int dispatch_save(struct tui *t, struct form *fm, void *ctx, bool confirmed,
			 wg_error *err)
{
	char *path = form_value(form_find(fm, "path"));
	struct wg_dispatch_item *items;
	size_t ni;
	(void)confirmed;
	(void)ctx;
	int rc = wg_dispatch(t->ws, path, false, &items, &ni, err);
	wg_dispatch_items_free(items, ni);
	if (rc == WG_OK)
		tui_message(t, ngettext("%zu bundle written to %s: hand each grid its own.",
					"%zu bundles written to %s: hand each grid its own.", ni),
			    ni, path);
	free(path);
	return rc;
}

static struct screen *dispatch_form(struct tui *t, void *ctx, const char *dir)
{
	struct form fm;
	form_init(&fm);
	struct form_field *pf = form_add_text(&fm, "path", _("Folder"), dir, 1000);
	pf->replace = true;
	return formscreen_open(t, _("Dispatch to every grid"), &fm, dispatch_save, ctx, 0);
}

static struct next returns_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct returns *r = (struct returns *)sc;
	(void)key;
	if (list_move(&r->list, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (a == ACT_DISPATCH)
		return (struct next){NEXT_PUSH | NEXT_REDRAW,
				     files_open(t, _("Dispatch: choose the folder (a USB stick)"), false,
						NULL, dispatch_chosen, dispatch_form, r, 0)};
	return NEXT(NEXT_NONE);
}

static struct next returns_click(struct tui *t, struct screen *sc, int y, int x)
{
	(void)t;
	(void)x;
	return list_click(&((struct returns *)sc)->list, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void returns_resume(struct tui *t, struct screen *sc)
{
	reload(t, (struct returns *)sc);
}

static void returns_destroy(struct screen *sc)
{
	struct returns *r = (struct returns *)sc;
	wg_dispatch_status_free(r->st, r->n);
	free(r);
}

static const struct screen_ops returns_ops = {
	/* TRANSLATORS: the screen of the grids' returned bundles (交回情况) */
	.title = N_("Returns"),
	.actions = returns_actions,
	.draw = returns_draw,
	.key = returns_key,
	.click = returns_click,
	.resume = returns_resume,
	.destroy = returns_destroy,
};

struct screen *returns_open(struct tui *t)
{
	struct returns *r = xcalloc(1, sizeof *r);
	r->base.ops = &returns_ops;
	r->base.tab = 0;
	reload(t, r);
	return &r->base;
}
