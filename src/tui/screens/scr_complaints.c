/* Complaints (投诉举报) on the county: newest first, the complainant and the
 * phone masked as "wangge complaint list" masks them. a records one (an
 * entity or a location, the channel, the content; the handling deadline is
 * counted from the calendar by the core unless typed), v makes its
 * verification task, c closes it with its result. All through complaint.h. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browse.h"
#include "complaint.h"
#include "i18n.h"
#include "list.h"
#include "paint.h"
#include "query.h"
#include "recordop.h"
#include "screens.h"
#include "strbuf.h"
#include "timeutil.h"
#include "validate.h"

struct complaints {
	struct screen base;
	wg_records r;
	char **where; /* per row: the entity's name or the location */
	struct list list;
	char cell[3][300];
	char today[WG_DATE_LEN + 1];
};

static const enum action complaints_actions[] = {
	ACT_HELP, ACT_NEW, ACT_VERIFY, ACT_CLOSE, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP,
	ACT_PGDN, ACT_HOME, ACT_END, ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC,
	ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static void clear_rows(struct complaints *c)
{
	for (size_t i = 0; i < c->r.n; i++)
		free(c->where[i]);
	free(c->where);
	c->where = NULL;
	wg_records_free(&c->r);
	memset(&c->r, 0, sizeof c->r);
}

static void reload(struct tui *t, struct complaints *c)
{
	wg_error err;
	clear_rows(c);
	wg_today(c->today);
	if (wg_complaints_list_personal(t->ws->db, NULL, &c->r, &err))
		tui_error(t, "%s", err.msg);
	c->where = xcalloc(c->r.n + 1, sizeof *c->where);
	for (size_t i = 0; i < c->r.n; i++) {
		const char *e = wg_record_get(c->r.v[i], "entity");
		char *name = NULL;
		if (*e)
			wg_entity_name(t->ws->db, e, &name, &err);
		c->where[i] = name ? name : xstrdup(wg_record_get(c->r.v[i], "location"));
	}
	c->list.count = (long)c->r.n;
}

static const char *cell(void *ctx, long row, int col)
{
	struct complaints *c = ctx;
	const wg_record *rec = c->r.v[row];
	switch (col) {
	case 0:
		wg_timestamp_display(wg_record_get(rec, "received"), c->cell[0], sizeof c->cell[0]);
		c->cell[0][10] = '\0';
		return c->cell[0];
	case 1:
		return wg_option_label(wg_field_find(&wg_kind_complaint, "channel"),
				       wg_record_get(rec, "channel"));
	case 2: return c->where[row];
	case 3:
		/* personal data: masked, as in every list */
		wg_mask(wg_record_get(rec, "complainant"), c->cell[1], sizeof c->cell[1]);
		return c->cell[1];
	case 4: {
		const char *dl = wg_record_get(rec, "deadline");
		bool late = *dl && strcmp(dl, c->today) <= 0 &&
			    strcmp(wg_record_get(rec, "status"), "closed") != 0;
		snprintf(c->cell[2], sizeof c->cell[2], "%s%s", late ? "!" : "", dl);
		return c->cell[2];
	}
	default:
		return wg_option_label(wg_field_find(&wg_kind_complaint, "status"),
				       wg_record_get(rec, "status"));
	}
}

static void complaints_draw(struct tui *t, struct screen *sc)
{
	struct complaints *c = (struct complaints *)sc;
	struct list_column cols[] = {
		{_("Received"), {10, 10, 0, true}},
		{_("Channel"), {6, 14, 1, false}},
		{_("Entity or location"), {10, 0, 3, false}},
		{_("Complainant"), {4, 8, 0, false}},
		{_("Deadline"), {11, 11, 0, true}},
		{_("Status"), {8, 14, 1, false}},
	};
	int y = t->lay.body_top, rows = t->lay.body_rows;
	char info[300];
	snprintf(info, sizeof info,
		 ngettext("%zu complaint. a records one, v verifies, c closes; ! is due.",
			  "%zu complaints. a records one, v verifies, c closes; ! is due.", c->r.n),
		 c->r.n);
	draw_text(y, 1, t->lay.cols - 2, info, A_BOLD);
	list_draw(t, &c->list, y + 1, rows - 1, cols, 6, cell, c);
}

/* ---- recording one ---- */

static int add_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	static const char *const names[] = {"entity", "location", "channel", "content",
					    "complainant", "contact", "deadline", "grid"};
	struct wg_change ch[8];
	char *vals[8], eid[WG_ID_BUFSIZE];
	size_t n = 0;
	int rc = WG_OK;
	(void)ctx;
	for (size_t i = 0; i < 8; i++) {
		char *v = form_value(form_find(fm, names[i]));
		if (!*v) {
			free(v);
			continue;
		}
		if (i == 0 && (rc = wg_entity_named(t->ws->db, v, eid, err))) {
			free(v);
			break;
		}
		vals[n] = v;
		ch[n++] = (struct wg_change){names[i], i == 0 ? eid : v};
	}
	wg_record *rec = wg_record_new(&wg_kind_complaint);
	if (rc == WG_OK && (rc = wg_fill(rec, ch, n, confirmed, err)) == WG_OK &&
	    (rc = wg_complaint_add(t->ws, rec, err)) == WG_OK)
		tui_message(t, _("Complaint recorded; to be handled by %s."),
			    wg_record_get(rec, "deadline"));
	wg_record_free(rec);
	for (size_t i = 0; i < n; i++)
		free(vals[i]);
	return rc;
}

static struct screen *add_form(struct tui *t)
{
	const struct wg_kind *k = &wg_kind_complaint;
	struct form fm;
	form_init(&fm);
	form_add_text(&fm, "entity", _("Entity (its name or id)"), "", 200);
	form_add_text(&fm, "location", _("Or the location, when it is no entity"), "", 200)->schema =
		wg_field_find(k, "location");
	struct form_field *ch = form_add_choice(&fm, "channel", _("Channel"));
	for (const struct wg_option *o = wg_field_find(k, "channel")->options; o->value; o++)
		form_choice_add(ch, o->value, _(o->label));
	form_add_text(&fm, "content", _("What the complaint says"), "", 2000)->schema =
		wg_field_find(k, "content");
	form_add_text(&fm, "complainant", _("Complainant (county only, masked in lists)"), "",
		      40)->schema = wg_field_find(k, "complainant");
	form_add_text(&fm, "contact", _("Complainant's phone"), "", 20)->schema =
		wg_field_find(k, "contact");
	form_add_text(&fm, "deadline", _("Deadline (empty: counted from the calendar)"), "",
		      10)->schema = wg_field_find(k, "deadline");
	struct form_field *gf = form_add_choice(&fm, "grid", _("Grid"));
	form_choice_add(gf, "", _("(the entity's grid)"));
	wg_rows grids;
	wg_error err;
	if (wg_grid_codes(t->ws->db, &grids, &err) == WG_OK) {
		for (size_t g = 0; g < grids.nrows; g++) {
			char *l = xasprintf("%s %s", wg_rows_get(&grids, g, 0), wg_rows_get(&grids, g, 1));
			form_choice_add(gf, wg_rows_get(&grids, g, 0), l);
			free(l);
		}
		wg_rows_free(&grids);
	}
	return formscreen_open(t, _("Record a complaint"), &fm, add_save, NULL, 0);
}

/* ---- closing one ---- */

static int close_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	char *result = form_value(form_find(fm, "result"));
	(void)confirmed;
	int rc = wg_complaint_close(t->ws, ctx, result, err);
	if (rc == WG_OK)
		tui_message(t, _("Complaint closed."));
	free(result);
	return rc;
}

static struct next complaints_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct complaints *c = (struct complaints *)sc;
	(void)key;
	if (list_move(&c->list, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (a == ACT_NEW)
		return (struct next){NEXT_PUSH | NEXT_REDRAW, add_form(t)};
	if ((a != ACT_VERIFY && a != ACT_CLOSE) || c->r.n == 0)
		return NEXT(NEXT_NONE);
	const char *id = wg_record_id(c->r.v[c->list.sel]);
	if (a == ACT_VERIFY) {
		char task[WG_ID_BUFSIZE];
		wg_error err;
		if (wg_complaint_verify(t->ws, id, NULL, task, &err))
			tui_error(t, _("No task made: %s"), err.msg);
		else
			tui_message(t, _("Verification task made for the grid: it is on the task list."));
		reload(t, c);
		return NEXT(NEXT_REDRAW);
	}
	struct form fm;
	form_init(&fm);
	form_add_text(&fm, "result", _("Result of the handling"), "", 2000)->schema =
		wg_field_find(&wg_kind_complaint, "result");
	struct screen *s = formscreen_open(t, _("Close the complaint"), &fm, close_save,
					   xstrdup(id), 0);
	formscreen_own_ctx(s);
	return (struct next){NEXT_PUSH | NEXT_REDRAW, s};
}

static struct next complaints_click(struct tui *t, struct screen *sc, int y, int x)
{
	(void)t;
	(void)x;
	return list_click(&((struct complaints *)sc)->list, y) ? NEXT(NEXT_REDRAW)
								 : NEXT(NEXT_NONE);
}

static void complaints_resume(struct tui *t, struct screen *sc)
{
	reload(t, (struct complaints *)sc);
}

static void complaints_destroy(struct screen *sc)
{
	struct complaints *c = (struct complaints *)sc;
	clear_rows(c);
	free(c);
}

static const struct screen_ops complaints_ops = {
	.title = N_("Complaints"),
	.actions = complaints_actions,
	.draw = complaints_draw,
	.key = complaints_key,
	.click = complaints_click,
	.resume = complaints_resume,
	.destroy = complaints_destroy,
};

struct screen *complaints_open(struct tui *t)
{
	struct complaints *c = xcalloc(1, sizeof *c);
	c->base.ops = &complaints_ops;
	c->base.tab = 0;
	reload(t, c);
	return &c->base;
}
