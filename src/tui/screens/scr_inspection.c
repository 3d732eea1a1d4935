/* A patrol or inspection: go through the checklist item by item (pass, fail,
 * not applicable, a note), then sign it off; signed records are read only.
 * Everything goes through the supervision core (inspection.h). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "paint.h"
#include "i18n.h"
#include "inspection.h"
#include "list.h"
#include "screens.h"
#include "strbuf.h"

struct insp_scr {
	struct screen base;
	char id[WG_ID_BUFSIZE];
	wg_inspection_view v;
	bool loaded, signed_;
	struct list list;
	char *info;
};

static const enum action draft_actions[] = {
	ACT_HELP, ACT_PASS, ACT_FAIL, ACT_NA, ACT_NOTE, ACT_SIGN, ACT_BACK, ACT_QUIT, ACT_UP,
	ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, ACT_NONE,
};

static const enum action signed_actions[] = {
	ACT_HELP, ACT_CORRECT, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_NONE,
};

static int load(struct tui *t, struct insp_scr *s)
{
	wg_error err;
	if (s->loaded)
		wg_inspection_view_free(&s->v);
	s->loaded = false;
	if (wg_inspection_view_load(t->ws->db, s->id, &s->v, &err)) {
		tui_error(t, "%s", err.msg);
		return -1;
	}
	s->loaded = true;
	s->signed_ = strcmp(wg_record_get(s->v.insp, "status"), "signed") == 0;
	s->list.count = s->v.checklist ? (long)s->v.checklist->nitems : 0;
	free(s->info);
	const struct wg_field *kind = wg_field_find(&wg_kind_inspection, "kind");
	const struct wg_field *res = wg_field_find(&wg_kind_inspection, "result");
	const char *result = wg_record_get(s->v.insp, "result");
	if (s->signed_)
		s->info = xasprintf(ngettext("%s, signed: %s, %zu finding", "%s, signed: %s, %zu findings",
					     s->v.findings.n),
				    wg_option_label(kind, wg_record_get(s->v.insp, "kind")),
				    *result ? wg_option_label(res, result) : "", s->v.findings.n);
	else
		s->info = xasprintf(_("%s, draft: mark each item, then F2 signs it"),
				    wg_option_label(kind, wg_record_get(s->v.insp, "kind")));
	return 0;
}

static const struct wg_checkitem *item(struct insp_scr *s, long row)
{
	if (!s->v.checklist || row < 0 || (size_t)row >= s->v.checklist->nitems)
		return NULL;
	return &s->v.checklist->items[row];
}

static const char *cell(void *ctx, long row, int col)
{
	struct insp_scr *s = ctx;
	const struct wg_checkitem *it = item(s, row);
	const wg_record *r = it ? wg_view_result(&s->v, it->code) : NULL;
	switch (col) {
	case 0: return it->code;
	case 1: return wg_pick(it->text, it->label);
	case 2: return r ? wg_option_label(wg_field_find(&wg_kind_result, "outcome"),
					   wg_record_get(r, "outcome")) : "";
	default: return r ? wg_record_get(r, "note") : "";
	}
}

static bool insp_text_mode(struct screen *sc)
{
	return false;
}

static const struct screen_ops draft_ops, signed_ops;

static void insp_draw(struct tui *t, struct screen *sc)
{
	struct insp_scr *s = (struct insp_scr *)sc;
	/* Once signed, the keys that change it go (the bar follows the ops). */
	sc->ops = s->signed_ ? &signed_ops : &draft_ops;
	struct list_column cols[] = {
		{_("Item"), {5, 8, 0}},
		{_("What to check"), {16, 0, 4}},
		{_("Result"), {6, 14, 0}},
		{_("Note"), {6, 0, 1}},
	};
	char head[400];
	snprintf(head, sizeof head, "%s — %s", wg_record_get(s->v.entity, "name"),
		 s->v.checklist ? s->v.checklist->title : "");
	draw_text(t->lay.body_top, 1, t->lay.cols - 2, head, draw_attr(C_HEADER));
	draw_text(t->lay.body_top + 1, 1, t->lay.cols - 2, s->info, A_BOLD);
	list_draw(t, &s->list, t->lay.body_top + 2, t->lay.body_rows - 2, cols, 4, cell, s);
}

static int record(struct tui *t, struct insp_scr *s, const char *outcome, const char *note,
		  wg_error *err)
{
	const struct wg_checkitem *it = item(s, s->list.sel);
	if (!it)
		return wg_fail(err, WG_EINPUT, _("no item selected"));
	if (!note) {
		const wg_record *r = wg_view_result(&s->v, it->code);
		note = r ? wg_record_get(r, "note") : "";
	}
	int rc = wg_inspection_record(t->ws, s->id, it->code, outcome, note, err);
	if (rc == WG_OK)
		load(t, s);
	return rc;
}

static int note_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	struct insp_scr *s = ctx;
	char *outcome = form_value(form_find(fm, "outcome"));
	char *note = form_value(form_find(fm, "note"));
	int rc = record(t, s, outcome, note, err);
	free(outcome);
	free(note);
	return rc;
}

/* Whether signing makes a rectification deadline: a failed item that has one. */
static bool needs_deadline(const struct insp_scr *s)
{
	for (size_t i = 0; s->v.checklist && i < s->v.checklist->nitems; i++) {
		const struct wg_checkitem *it = &s->v.checklist->items[i];
		const wg_record *r = wg_view_result(&s->v, it->code);
		if (it->rectify_days && r && strcmp(wg_record_get(r, "outcome"), "fail") == 0)
			return true;
	}
	return false;
}

static int sign_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	struct insp_scr *s = ctx;
	struct wg_sign_result res;
	char *summary = form_value(form_find(fm, "summary"));
	struct form_field *dl = form_find(fm, "deadline");
	char *given = dl ? form_value(dl) : NULL;
	int rc = wg_inspection_sign_deadline(t->ws, s->id, summary, given && *given ? given : NULL,
					     &res, err);
	free(summary);
	free(given);
	if (rc)
		return rc;
	const struct wg_field *rf = wg_field_find(&wg_kind_inspection, "result");
	char deadline[256];
	wg_deadline_text(res.basis, res.deadline, deadline, sizeof deadline);
	if (*res.deadline)
		tui_message(t, ngettext("Signed: %s, %zu finding, put right by %s; a re-inspection "
					"task was made.",
					"Signed: %s, %zu findings, put right by %s; a re-inspection "
					"task was made.", res.nfindings),
			    wg_option_label(rf, res.result), res.nfindings, deadline);
	else
		tui_message(t, ngettext("Signed: %s, %zu finding.", "Signed: %s, %zu findings.",
					res.nfindings),
			    wg_option_label(rf, res.result), res.nfindings);
	load(t, s);
	return WG_OK;
}

static struct next insp_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct insp_scr *s = (struct insp_scr *)sc;
	wg_error err;
	if (list_move(&s->list, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (s->signed_ && a == ACT_CORRECT) {
		/* a signed record never changes: a correction is a new, linked draft */
		char newid[WG_ID_BUFSIZE];
		if (wg_inspection_correct(t->ws, s->id, newid, &err)) {
			tui_error(t, "%s", err.msg);
			return NEXT(NEXT_REDRAW);
		}
		struct screen *n = inspection_open(t, newid, s->base.tab);
		if (!n)
			return NEXT(NEXT_REDRAW);
		tui_message(t, _("A correction of the signed record: put right what was wrong, "
				 "then F2 signs it."));
		return (struct next){NEXT_PUSH | NEXT_REDRAW, n};
	}
	if (s->signed_)
		return NEXT(NEXT_NONE);
	switch (a) {
	case ACT_PASS: case ACT_FAIL: case ACT_NA:
		if (record(t, s, a == ACT_PASS ? "pass" : a == ACT_FAIL ? "fail" : "na", NULL, &err))
			tui_error(t, "%s", err.msg);
		else if (s->list.sel + 1 < s->list.count)
			s->list.sel++; /* on to the next item */
		return NEXT(NEXT_REDRAW);
	case ACT_NOTE: {
		const struct wg_checkitem *it = item(s, s->list.sel);
		if (!it)
			return NEXT(NEXT_NONE);
		const wg_record *r = wg_view_result(&s->v, it->code);
		struct form fm;
		form_init(&fm);
		struct form_field *ff = form_add_choice(&fm, "outcome", _("Result"));
		for (const struct wg_option *o = wg_field_find(&wg_kind_result, "outcome")->options;
		     o->value; o++)
			form_choice_add(ff, o->value, _(o->label));
		if (r)
			form_choice_set(ff, wg_record_get(r, "outcome"));
		form_add_text(&fm, "note", _("Note"), r ? wg_record_get(r, "note") : "", 1000);
		fm.cur = 1;
		char *title = xasprintf("%s %s", it->code, wg_pick(it->text, it->label));
		struct screen *f = formscreen_open(t, title, &fm, note_save, s, s->base.tab);
		free(title);
		return (struct next){NEXT_PUSH | NEXT_REDRAW, f};
	}
	case ACT_SIGN: {
		struct form fm;
		form_init(&fm);
		form_add_text(&fm, "summary", _("Summary"), "", 2000);
		if (needs_deadline(s)) {
			/* empty: counted in working days (provisional in a year without
			 * its holiday calendar); a date: given by hand */
			struct form_field *ff = form_add_text(&fm, "deadline",
							      _("Deadline by hand (empty: counted)"),
							      "", 10);
			ff->schema = wg_field_find(&wg_kind_finding, "deadline");
		}
		return (struct next){NEXT_PUSH | NEXT_REDRAW,
				     formscreen_open(t, _("Sign the record: it cannot change "
							  "afterwards"), &fm, sign_save, s,
						     s->base.tab)};
	}
	default:
		return NEXT(NEXT_NONE);
	}
}

static struct next insp_click(struct tui *t, struct screen *sc, int y, int x)
{
	return list_click(&((struct insp_scr *)sc)->list, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void insp_destroy(struct screen *sc)
{
	struct insp_scr *s = (struct insp_scr *)sc;
	if (s->loaded)
		wg_inspection_view_free(&s->v);
	free(s->info);
	free(s);
}

static const struct screen_ops draft_ops = {
	.title = N_("Inspection"),
	.actions = draft_actions,
	.text_mode = insp_text_mode,
	.draw = insp_draw,
	.key = insp_key,
	.click = insp_click,
	.destroy = insp_destroy,
};

static const struct screen_ops signed_ops = {
	.title = N_("Inspection"),
	.actions = signed_actions,
	.draw = insp_draw,
	.key = insp_key,
	.click = insp_click,
	.destroy = insp_destroy,
};


struct screen *inspection_open(struct tui *t, const char *id, int tab)
{
	struct insp_scr *s = xcalloc(1, sizeof *s);
	s->base.ops = &draft_ops;
	s->base.tab = tab;
	snprintf(s->id, sizeof s->id, "%s", id);
	if (load(t, s)) {
		insp_destroy(&s->base);
		return NULL;
	}
	s->base.ops = s->signed_ ? &signed_ops : &draft_ops;
	return &s->base;
}

/* Start a patrol (or the task's inspection) and open it. */
struct screen *inspection_start(struct tui *t, const char *task, const char *entity, int tab)
{
	struct wg_inspection_start st = {task, entity, NULL, NULL, NULL, 0};
	char id[WG_ID_BUFSIZE];
	wg_error err;
	if (wg_inspection_start(t->ws, &st, id, &err)) {
		tui_error(t, "%s", err.msg);
		return NULL;
	}
	tui_message(t, _("Started. Mark each item: p pass, f fail, n not applicable."));
	return inspection_open(t, id, tab);
}
