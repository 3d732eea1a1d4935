/* Conflicts (冲突): the changes that clashed in an import. The list empties as
 * they are resolved; each shows base, ours and theirs side by side. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paint.h"
#include "i18n.h"
#include "list.h"
#include "screens.h"
#include "strbuf.h"
#include "sync.h"
#include "utf8.h"

/* ---- one conflict ---- */

struct conflict_scr {
	struct screen base;
	long id;
	struct wg_conflict *c;
};

static const enum action conflict_actions[] = {
	ACT_HELP, ACT_OURS, ACT_THEIRS, ACT_VALUE, ACT_BACK, ACT_QUIT, ACT_NONE,
};

static const char *shown(const char *v)
{
	/* TRANSLATORS: a conflict side where the record was deleted */
	return v ? v : _("(deleted)");
}

static void draw_column(struct tui *t, int y, int x, int w, int rows, const char *title,
			const char *text)
{
	draw_text(y, x, w, title, draw_attr(C_HEADER));
	/* Wrap by display columns, never splitting a character. */
	const char *p = text;
	for (int r = 1; r < rows && *p; r++) {
		size_t cols;
		size_t n = str_fit(p, (size_t)w, &cols);
		const char *nl = memchr(p, '\n', n);
		if (nl)
			n = (size_t)(nl - p);
		char *line = xstrndup(p, n);
		draw_text(y + r, x, w, line, A_NORMAL);
		free(line);
		p += n;
		if (*p == '\n')
			p++;
		if (n == 0 && *p && !nl)
			break;
	}
}

static void conflict_draw(struct tui *t, struct screen *s)
{
	struct conflict_scr *cs = (struct conflict_scr *)s;
	struct wg_conflict *c = cs->c;
	int y = t->lay.body_top;
	char head[400];
	snprintf(head, sizeof head, "%s: %s — %s", c->kind, c->title ? c->title : c->record,
		 *c->field ? c->field : _("the whole record"));
	draw_text(y, 1, t->lay.cols - 2, head, A_BOLD);
	int w = (t->lay.cols - 4) / 3;
	/* who wrote each side, and when, the whole width: names and grids are long */
	char *ob = wg_conflict_side_text(c->ours_by, c->ours_at);
	char *tb = wg_conflict_side_text(c->theirs_by, c->theirs_at);
	/* TRANSLATORS: above a conflict's columns: who wrote ours, and when */
	char *ol = xasprintf(_("Ours written by %s"), ob);
	/* TRANSLATORS: above a conflict's columns: who wrote theirs, and when */
	char *tl = xasprintf(_("Theirs written by %s"), tb);
	draw_text(y + 1, 1, t->lay.cols - 2, ol, A_NORMAL);
	draw_text(y + 2, 1, t->lay.cols - 2, tl, A_NORMAL);
	free(ol);
	free(tl);
	free(ob);
	free(tb);
	y += 2;
	draw_column(t, y + 2, 1, w, t->lay.body_rows - 5, _("Base"), shown(c->base));
	draw_column(t, y + 2, 2 + w, w, t->lay.body_rows - 5, _("Ours (this workspace)"),
		    shown(c->ours));
	draw_column(t, y + 2, 3 + 2 * w, w, t->lay.body_rows - 5, _("Theirs (incoming)"),
		    shown(c->theirs));
}

static int value_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	long *id = ctx;
	char *v = form_value(form_find(fm, "value"));
	int rc = wg_conflict_resolve(t->ws, *id, RESOLVE_VALUE, v, err);
	free(v);
	if (rc == WG_OK)
		tui_message(t, _("Resolved."));
	return rc;
}

static struct next conflict_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct conflict_scr *cs = (struct conflict_scr *)s;
	wg_error err;
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (a == ACT_OURS || a == ACT_THEIRS) {
		if (wg_conflict_resolve(t->ws, cs->id, a == ACT_OURS ? RESOLVE_OURS : RESOLVE_THEIRS,
					NULL, &err)) {
			tui_error(t, "%s", err.msg);
			return NEXT(NEXT_REDRAW);
		}
		tui_message(t, _("Resolved."));
		return NEXT(NEXT_POP | NEXT_REDRAW);
	}
	if (a == ACT_VALUE) {
		if (!*cs->c->field) {
			tui_error(t, _("A whole record cannot be typed: keep ours or take theirs."));
			return NEXT(NEXT_REDRAW);
		}
		struct form fm;
		form_init(&fm);
		form_add_text(&fm, "value", cs->c->field, cs->c->ours ? cs->c->ours : "", 2000);
		long *id = xmalloc(sizeof *id);
		*id = cs->id;
		struct screen *f = formscreen_open(t, _("Type the right value"), &fm, value_save, id,
						   4);
		formscreen_own_ctx(f);
		return (struct next){NEXT_PUSH | NEXT_REDRAW, f};
	}
	return NEXT(NEXT_NONE);
}

static void conflict_destroy(struct screen *s)
{
	struct conflict_scr *cs = (struct conflict_scr *)s;
	if (cs->c)
		wg_conflicts_free(cs->c, 1);
	free(cs);
}

static void conflict_resume(struct tui *t, struct screen *s);

static const struct screen_ops conflict_ops = {
	.title = N_("Conflict"),
	.actions = conflict_actions,
	.draw = conflict_draw,
	.key = conflict_key,
	.resume = conflict_resume,
	.destroy = conflict_destroy,
};

static struct screen *conflict_open(struct tui *t, long id)
{
	struct conflict_scr *cs = xcalloc(1, sizeof *cs);
	wg_error err;
	cs->base.ops = &conflict_ops;
	cs->base.tab = 4;
	cs->id = id;
	if (wg_conflict_get(t->ws, id, &cs->c, &err)) {
		tui_error(t, "%s", err.msg);
		free(cs);
		return NULL;
	}
	return &cs->base;
}

/* ---- the list ---- */

struct conflicts {
	struct screen base;
	struct wg_conflict *v;
	size_t n;
	struct list list;
	bool pop_child; /* a resolved conflict closes its screen */
	char *cellbuf;  /* the last "who, when" cell */
};

static const enum action conflicts_actions[] = {
	ACT_HELP, ACT_OPEN, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static void conflicts_load(struct tui *t, struct conflicts *cs)
{
	wg_error err;
	if (cs->v)
		wg_conflicts_free(cs->v, cs->n);
	cs->v = NULL;
	cs->n = 0;
	if (wg_conflicts_list(t->ws, false, &cs->v, &cs->n, &err))
		tui_error(t, "%s", err.msg);
	cs->list.count = (long)cs->n;
}

/* Back from a conflict: it is resolved (the list drops it) or still open. */
static void conflict_resume(struct tui *t, struct screen *s)
{
	struct conflict_scr *cs = (struct conflict_scr *)s;
	struct wg_conflict *c;
	wg_error err;
	if (wg_conflict_get(t->ws, cs->id, &c, &err) == WG_OK) {
		wg_conflicts_free(cs->c, 1);
		cs->c = c;
	}
}

static const char *cell(void *ctx, long row, int col)
{
	struct conflicts *cs = ctx;
	struct wg_conflict *c = &cs->v[row];
	switch (col) {
	case 0: return c->title ? c->title : c->record;
	case 1: return *c->field ? c->field : _("the whole record");
	case 2: return shown(c->ours);
	case 3:
		free(cs->cellbuf);
		return cs->cellbuf = wg_conflict_side_text(c->ours_by, c->ours_at);
	case 4: return shown(c->theirs);
	default:
		free(cs->cellbuf);
		return cs->cellbuf = wg_conflict_side_text(c->theirs_by, c->theirs_at);
	}
}

static void conflicts_draw(struct tui *t, struct screen *s)
{
	struct conflicts *cs = (struct conflicts *)s;
	struct list_column cols[] = {
		{_("Record"), {10, 0, 2, false}},
		{_("Field"), {8, 16, 1, false}},
		{_("Ours"), {8, 0, 2, false}},
		/* TRANSLATORS: a column of conflicts: who wrote ours, and when */
		{_("Ours by"), {8, 0, 2, false}},
		{_("Theirs"), {8, 0, 2, false}},
		{_("Theirs by"), {8, 0, 2, false}},
	};
	char info[200];
	snprintf(info, sizeof info, ngettext("%zu conflict to resolve", "%zu conflicts to resolve",
					     (unsigned long)cs->n), cs->n);
	draw_text(t->lay.body_top, 1, t->lay.cols - 2, info, A_BOLD);
	list_draw(t, &cs->list, t->lay.body_top + 1, t->lay.body_rows - 1, cols, 6, cell, cs);
	if (cs->n == 0)
		draw_text(t->lay.body_top + 3, 2, t->lay.cols - 3,
			  _("Nothing to resolve."), A_NORMAL);
}

static struct next conflicts_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct conflicts *cs = (struct conflicts *)s;
	if (list_move(&cs->list, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_OPEN && cs->n > 0)
		return (struct next){NEXT_PUSH | NEXT_REDRAW,
				     conflict_open(t, cs->v[cs->list.sel].id)};
	return NEXT(NEXT_NONE);
}

static struct next conflicts_click(struct tui *t, struct screen *s, int y, int x)
{
	return list_click(&((struct conflicts *)s)->list, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void conflicts_resume(struct tui *t, struct screen *s)
{
	conflicts_load(t, (struct conflicts *)s);
}

static void conflicts_destroy(struct screen *s)
{
	struct conflicts *cs = (struct conflicts *)s;
	if (cs->v)
		wg_conflicts_free(cs->v, cs->n);
	free(cs->cellbuf);
	free(cs);
}

static const struct screen_ops conflicts_ops = {
	.title = N_("Conflicts"),
	.actions = conflicts_actions,
	.draw = conflicts_draw,
	.key = conflicts_key,
	.click = conflicts_click,
	.resume = conflicts_resume,
	.destroy = conflicts_destroy,
};

struct screen *conflicts_open(struct tui *t)
{
	struct conflicts *cs = xcalloc(1, sizeof *cs);
	cs->base.ops = &conflicts_ops;
	cs->base.tab = 4;
	conflicts_load(t, cs);
	return &cs->base;
}
