/* Officers and inspectors (人员) on the county: everyone by role, grid and
 * name with the phone masked, as "wangge officer list" lists them. a adds one
 * (the same record as "wangge officer add"); x enrolls the selected grid
 * officer: the enrollment bundle goes to a folder chosen in the file chooser
 * (a USB stick offered), as "wangge enroll" writes it, and the steps for the
 * officer are printed below: how to start the workspace and read the
 * fingerprint to the clerk. c opens the declared recusals. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browse.h"
#include "i18n.h"
#include "id.h"
#include "list.h"
#include "paint.h"
#include "query.h"
#include "recordop.h"
#include "screens.h"
#include "strbuf.h"
#include "sync.h"
#include "textview.h"
#include "validate.h"

enum { OC_ID, OC_NAME, OC_ROLE, OC_GRID, OC_PHONE, OC_N };

struct enroll_ctx;
static void enroll_ctx_free(struct enroll_ctx *e);

struct officers {
	struct screen base;
	wg_table *t;
	struct list list;
	struct textview steps; /* after an enrollment: what the officer does */
	struct enroll_ctx *enrolling; /* the chooser's, kept until the next one */
	char cell[64];
};

static const enum action officers_actions[] = {
	ACT_HELP, ACT_NEW, ACT_ENROLL, ACT_RECUSALS, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN,
	ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, ACT_KEYS, ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS,
	ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static const char *const no_head[OC_N] = {""};

static const char *ocell(const struct officers *o, long row, int col)
{
	return o->t->cells[(size_t)(row + 1) * OC_N + (size_t)col]; /* row 0: the header */
}

static void reload(struct tui *t, struct officers *o)
{
	wg_error err;
	wg_table_free(o->t);
	o->t = wg_table_new(OC_N, no_head);
	if (wg_officer_table(t->ws->db, NULL, NULL, o->t, &err))
		tui_error(t, "%s", err.msg);
	o->list.count = (long)o->t->nrows - 1;
}

static const char *cell(void *ctx, long row, int col)
{
	struct officers *o = ctx;
	switch (col) {
	case 0: return ocell(o, row, OC_NAME);
	case 1:
		return wg_option_label(wg_field_find(&wg_kind_officer, "role"),
				       ocell(o, row, OC_ROLE));
	case 2: return ocell(o, row, OC_GRID);
	default:
		/* personal data: masked, as "wangge officer list" masks it */
		wg_mask(ocell(o, row, OC_PHONE), o->cell, sizeof o->cell);
		return o->cell;
	}
}

static void officers_draw(struct tui *t, struct screen *sc)
{
	struct officers *o = (struct officers *)sc;
	struct list_column cols[] = {
		{_("Name"), {6, 24, 2, false}},
		{_("Role"), {6, 16, 1, false}},
		{_("Grid"), {4, 14, 0, true}},
		{_("Phone"), {11, 14, 0, true}},
	};
	int y = t->lay.body_top, rows = t->lay.body_rows;
	int steps = o->steps.n ? (o->steps.n + 1 < rows / 2 ? o->steps.n + 1 : rows / 2) : 0;
	char info[300];
	snprintf(info, sizeof info,
		 ngettext("%ld person. a adds one, x enrolls a grid officer, c: recusals.",
			  "%ld people. a adds one, x enrolls a grid officer, c: recusals.",
			  o->list.count), o->list.count);
	draw_text(y, 1, t->lay.cols - 2, info, A_BOLD);
	list_draw(t, &o->list, y + 1, rows - 1 - steps, cols, 4, cell, o);
	if (steps)
		tv_draw(t, &o->steps, y + rows - steps + 1, steps - 1);
}

/* ---- adding one ---- */

static int add_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	static const char *const names[] = {"name", "role", "grid", "phone", "cert"};
	struct wg_change ch[5];
	char *vals[5];
	size_t n = 0;
	(void)ctx;
	for (size_t i = 0; i < 5; i++) {
		vals[i] = form_value(form_find(fm, names[i]));
		if (*vals[i])
			ch[n++] = (struct wg_change){names[i], vals[i]};
	}
	wg_record *rec = wg_record_new(&wg_kind_officer);
	int rc = wg_fill(rec, ch, n, confirmed, err);
	if (rc == WG_OK && (rc = wg_add(t->ws, rec, err)) == WG_OK)
		tui_message(t, _("%s added (%s)."), vals[0],
			    wg_option_label(wg_field_find(&wg_kind_officer, "role"), vals[1]));
	wg_record_free(rec);
	for (size_t i = 0; i < 5; i++)
		free(vals[i]);
	return rc;
}

static struct screen *add_form(struct tui *t)
{
	const struct wg_kind *k = &wg_kind_officer;
	struct form fm;
	wg_rows grids;
	wg_error err;
	form_init(&fm);
	form_add_text(&fm, "name", _("Name"), "", 40)->schema = wg_field_find(k, "name");
	struct form_field *rf = form_add_choice(&fm, "role", _("Role"));
	for (const struct wg_option *op = wg_field_find(k, "role")->options; op->value; op++)
		form_choice_add(rf, op->value, _(op->label));
	struct form_field *gf = form_add_choice(&fm, "grid", _("Grid (a grid officer's)"));
	form_choice_add(gf, "", _("(none: an inspector or clerk)"));
	if (wg_grid_codes(t->ws->db, &grids, &err) == WG_OK) {
		for (size_t g = 0; g < grids.nrows; g++) {
			char *l = xasprintf("%s %s", wg_rows_get(&grids, g, 0), wg_rows_get(&grids, g, 1));
			form_choice_add(gf, wg_rows_get(&grids, g, 0), l);
			free(l);
		}
		wg_rows_free(&grids);
	}
	form_add_text(&fm, "phone", _("Phone (county only, masked in lists)"), "", 20)->schema =
		wg_field_find(k, "phone");
	form_add_text(&fm, "cert", _("Enforcement certificate (an inspector's)"), "", 40)->schema =
		wg_field_find(k, "cert");
	return formscreen_open(t, _("Add an officer, inspector or clerk"), &fm, add_save, NULL, 0);
}

/* ---- enrolling a grid officer ---- */

struct enroll_ctx {
	struct officers *o;
	char officer[WG_ID_BUFSIZE];
	char *grid, *name;
};

static void enroll_ctx_free(struct enroll_ctx *e)
{
	free(e->grid);
	free(e->name);
	free(e);
}

/* Write the bundle into dir and print the officer's steps under the list. */
static int enroll_to(struct tui *t, struct enroll_ctx *e, const char *dir, wg_error *err)
{
	struct wg_export_result res;
	char line[1200];
	int w = t->lay.cols - 4;
	int rc = wg_sync_enroll(t->ws, e->grid, e->officer, dir, &res, err);
	if (rc)
		return rc;
	struct textview *tv = &e->o->steps;
	strbuf seal = STRBUF_INIT;
	wg_export_seal_text(res.sealed_to, res.plain_why, &seal);
	tv_clear(tv);
	snprintf(line, sizeof line, _("Steps for %s (grid %s):"), e->name, e->grid);
	tv_heading(tv, line);
	snprintf(line, sizeof line, _("1. Take %s to the officer's computer (%zu bytes)."),
		 res.path, res.size);
	tv_wrapped(tv, line, w);
	tv_wrapped(tv, _("2. There, start the workspace: wangge -C FOLDER init officer --from "
			 "FILE (FOLDER a new folder, FILE the bundle), then wangge -C FOLDER opens "
			 "it."),
		   w);
	tv_wrapped(tv, _("3. The officer reads the fingerprint it prints (also under Keys, K) to "
			 "you in person; register their key here under Keys (K), a."),
		   w);
	tv_wrapped(tv, sb_str(&seal), w);
	tui_message(t, _("Enrollment bundle for grid %s written to %s."), e->grid, res.path);
	sb_release(&seal);
	wg_export_result_free(&res);
	return WG_OK;
}

static struct next enroll_chosen(struct tui *t, void *ctx, const char *const *paths, size_t n)
{
	struct enroll_ctx *e = ctx;
	wg_error err;
	(void)n;
	if (enroll_to(t, e, paths[0], &err)) {
		tui_error(t, _("Not written: %s"), err.msg);
		return NEXT(NEXT_REDRAW);
	}
	return NEXT(NEXT_POP | NEXT_REDRAW);
}

static int enroll_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	char *dir = form_value(form_find(fm, "path"));
	(void)confirmed;
	int rc = enroll_to(t, ctx, dir, err);
	free(dir);
	return rc;
}

static struct screen *enroll_form(struct tui *t, void *ctx, const char *dir)
{
	struct form fm;
	form_init(&fm);
	form_add_text(&fm, "path", _("Folder"), dir, 1000)->replace = true;
	return formscreen_open(t, _("Enroll: the folder for the bundle"), &fm, enroll_save, ctx, 0);
}

static struct next enroll(struct tui *t, struct officers *o)
{
	if (!o->list.count)
		return NEXT(NEXT_NONE);
	long r = o->list.sel;
	if (strcmp(ocell(o, r, OC_ROLE), "officer") != 0 || !*ocell(o, r, OC_GRID)) {
		tui_error(t, _("%s is no grid officer: only a grid's officer gets a workspace to "
			       "enroll."), ocell(o, r, OC_NAME));
		return NEXT(NEXT_REDRAW);
	}
	struct enroll_ctx *e = xcalloc(1, sizeof *e);
	e->o = o;
	snprintf(e->officer, sizeof e->officer, "%s", ocell(o, r, OC_ID));
	e->grid = xstrdup(ocell(o, r, OC_GRID));
	e->name = xstrdup(ocell(o, r, OC_NAME));
	char title[300];
	snprintf(title, sizeof title, _("Enroll %s: choose the folder (a USB stick)"), e->name);
	struct screen *s = files_open(t, title, false, NULL, enroll_chosen, enroll_form, e, 0);
	/* the chooser and its form share e: it lives until the next enrollment */
	if (o->enrolling)
		enroll_ctx_free(o->enrolling);
	o->enrolling = e;
	return (struct next){NEXT_PUSH | NEXT_REDRAW, s};
}

static struct next officers_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct officers *o = (struct officers *)sc;
	(void)key;
	if (list_move(&o->list, a))
		return NEXT(NEXT_REDRAW);
	switch (a) {
	case ACT_BACK: return NEXT(NEXT_POP | NEXT_REDRAW);
	case ACT_NEW: return (struct next){NEXT_PUSH | NEXT_REDRAW, add_form(t)};
	case ACT_ENROLL: return enroll(t, o);
	case ACT_RECUSALS: return (struct next){NEXT_PUSH | NEXT_REDRAW, recusals_open(t)};
	case ACT_KEYS: return (struct next){NEXT_PUSH | NEXT_REDRAW, keys_open(t)};
	default: return NEXT(NEXT_NONE);
	}
}

static struct next officers_click(struct tui *t, struct screen *sc, int y, int x)
{
	(void)t;
	(void)x;
	return list_click(&((struct officers *)sc)->list, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void officers_resume(struct tui *t, struct screen *sc)
{
	reload(t, (struct officers *)sc);
}

static void officers_destroy(struct screen *sc)
{
	struct officers *o = (struct officers *)sc;
	wg_table_free(o->t);
	tv_clear(&o->steps);
	if (o->enrolling)
		enroll_ctx_free(o->enrolling);
	free(o);
}

static const struct screen_ops officers_ops = {
	/* TRANSLATORS: the screen of the county's officers, inspectors and clerks */
	.title = N_("Officers and inspectors"),
	.actions = officers_actions,
	.draw = officers_draw,
	.key = officers_key,
	.click = officers_click,
	.resume = officers_resume,
	.destroy = officers_destroy,
};

struct screen *officers_open(struct tui *t)
{
	if (t->ws->role != ROLE_COUNTY) {
		tui_error(t, "%s", _("Officers are added and enrolled at the county."));
		return NULL;
	}
	struct officers *o = xcalloc(1, sizeof *o);
	o->base.ops = &officers_ops;
	o->base.tab = 0;
	reload(t, o);
	return &o->base;
}
