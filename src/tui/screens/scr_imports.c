/* What an import did (导入了什么): for one import or several, who sent each
 * bundle and the records it added, changed and deleted, field by field (old
 * -> new, personal data masked), read through the sync core as "wangge log
 * --import" reads them. Enter opens the record on the selected line: an
 * entity, a task, an inspection or a penalty case on its own screen, any
 * other record as its history. With no import named, the recent imports,
 * newest first. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "list.h"
#include "paint.h"
#include "screens.h"
#include "strbuf.h"
#include "sync.h"
#include "timeutil.h"

#define IMPORTS_RECENT 50

struct imp_row {
	size_t imp;       /* index into imps */
	long rec;         /* index into its records, -1: the import's own line */
};

struct imp_one {
	struct wg_import_entry *e;
	struct wg_record_change *v;
	size_t n;
};

struct imports {
	struct screen base;
	struct imp_one *imps;
	size_t nimps;
	struct imp_row *rows;
	char **text;
	size_t nrows, alloc;
	struct list list;
};

static const enum action imports_actions[] = {
	ACT_HELP, ACT_OPEN, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static void add_row(struct imports *s, size_t imp, long rec, char *text)
{
	if (s->nrows == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 64;
		s->rows = xrealloc(s->rows, s->alloc * sizeof *s->rows);
		s->text = xrealloc(s->text, s->alloc * sizeof *s->text);
	}
	s->rows[s->nrows] = (struct imp_row){imp, rec};
	s->text[s->nrows++] = text;
}

static void build_rows(struct imports *s)
{
	for (size_t i = 0; i < s->nimps; i++) {
		const struct imp_one *o = &s->imps[i];
		char when[64];
		wg_timestamp_display(o->e->at, when, sizeof when);
		add_row(s, i, -1,
			/* TRANSLATORS: an import's line: its number, file, sender, time, counts */
			xasprintf(_("Import %ld: %s from %s, read %s: added %zu, changed %zu, "
				    "deleted %zu, conflicts %zu"), o->e->id, o->e->file, o->e->who,
				  when, o->e->added, o->e->changed, o->e->deleted, o->e->conflicts));
		for (size_t r = 0; r < o->n; r++) {
			const struct wg_record_change *c = &o->v[r];
			strbuf sb = STRBUF_INIT;
			sb_adds(&sb, "  ");
			wg_record_change_text(c, &sb);
			add_row(s, i, (long)r, sb_detach(&sb));
			for (size_t f = 0; f < c->nfields; f++) {
				const struct wg_field_change *fc = &c->fields[f];
				/* TRANSLATORS: one field an import changed: name, old → new */
				add_row(s, i, (long)r,
					xasprintf(_("      %s: %s → %s"), _(fc->field->label),
						  *fc->old ? fc->old : _("(empty)"),
						  *fc->new_ ? fc->new_ : _("(empty)")));
			}
		}
		if (o->n == 0)
			add_row(s, i, -1, xstrdup(_("  It changed no record here.")));
	}
	s->list.count = (long)s->nrows;
}

static const char *cell(void *ctx, long row, int col)
{
	(void)col;
	return ((struct imports *)ctx)->text[row];
}

static void imports_draw(struct tui *t, struct screen *sc)
{
	struct imports *s = (struct imports *)sc;
	struct list_column cols[] = {
		{_("What the import did"), {20, 0, 1, false}},
	};
	int y = t->lay.body_top;
	draw_text(y, 1, t->lay.cols - 2,
		  s->nimps ? _("Enter opens the record on the line.")
			   : _("Nothing imported yet: press 4, then i to read bundles."),
		  A_BOLD);
	list_draw(t, &s->list, y + 1, t->lay.body_rows - 1, cols, 1, cell, s);
}

static struct screen *open_record(struct tui *t, const struct wg_record_change *c)
{
	if (!c->present) {
		tui_error(t, _("That record is no longer in this workspace: it was deleted."));
		return NULL;
	}
	if (strcmp(c->kind->name, "entity") == 0)
		return entity_open(t, c->id);
	if (strcmp(c->kind->name, "task") == 0)
		return task_open(t, c->id);
	if (strcmp(c->kind->name, "inspection") == 0)
		return inspection_open(t, c->id, 3);
	if (strcmp(c->kind->name, "penalty") == 0)
		return case_open(t, c->id);
	return history_open(t, c->id, *c->title ? c->title : NULL);
}

static struct next imports_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct imports *s = (struct imports *)sc;
	(void)key;
	if (list_move(&s->list, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (a == ACT_OPEN && s->nrows) {
		const struct imp_row *r = &s->rows[s->list.sel];
		if (r->rec < 0) {
			tui_error(t, _("Choose one of the import's records to open."));
			return NEXT(NEXT_REDRAW);
		}
		struct screen *n = open_record(t, &s->imps[r->imp].v[r->rec]);
		return n ? (struct next){NEXT_PUSH | NEXT_REDRAW, n} : NEXT(NEXT_REDRAW);
	}
	return NEXT(NEXT_NONE);
}

static struct next imports_click(struct tui *t, struct screen *sc, int y, int x)
{
	(void)t;
	(void)x;
	return list_click(&((struct imports *)sc)->list, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void imports_destroy(struct screen *sc)
{
	struct imports *s = (struct imports *)sc;
	for (size_t i = 0; i < s->nimps; i++) {
		wg_imports_free(s->imps[i].e, 1);
		wg_record_changes_free(s->imps[i].v, s->imps[i].n);
	}
	for (size_t i = 0; i < s->nrows; i++)
		free(s->text[i]);
	free(s->imps);
	free(s->rows);
	free(s->text);
	free(s);
}

static const struct screen_ops imports_ops = {
	/* TRANSLATORS: the screen of what imports did */
	.title = N_("Imports"),
	.actions = imports_actions,
	.draw = imports_draw,
	.key = imports_key,
	.click = imports_click,
	.destroy = imports_destroy,
};

struct screen *imports_open(struct tui *t, const long *ids, size_t n)
{
	struct imports *s = xcalloc(1, sizeof *s);
	struct wg_import_entry *recent = NULL;
	size_t nrecent = 0;
	wg_error err;
	s->base.ops = &imports_ops;
	s->base.tab = 3;
	if (!ids) {
		if (wg_imports_list(t->ws, IMPORTS_RECENT, &recent, &nrecent, &err))
			tui_error(t, "%s", err.msg);
		n = nrecent;
	}
	s->imps = xcalloc(n ? n : 1, sizeof *s->imps);
	for (size_t i = 0; i < n; i++) {
		long id = ids ? ids[i] : recent[i].id;
		struct imp_one *o = &s->imps[s->nimps];
		if (wg_import_get(t->ws, id, &o->e, &err) ||
		    wg_import_records(t->ws, id, &o->v, &o->n, &err)) {
			tui_error(t, "%s", err.msg);
			if (o->e)
				wg_imports_free(o->e, 1);
			o->e = NULL;
			continue;
		}
		s->nimps++;
	}
	wg_imports_free(recent, nrecent);
	build_rows(s);
	return &s->base;
}
