/* A patrol or inspection: go through the checklist item by item (pass, fail,
 * not applicable, a note), then sign it off; signed records are read only.
 * Everything goes through the supervision core (inspection.h).
 * Nothing changes a result by accident: the result keys act on the selected
 * item and the message line says what changed and from what; u takes changes
 * back one by one; a note never sets a result; signing shows every result,
 * the failed items and their deadlines first, and asks. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "paint.h"
#include "i18n.h"
#include "inspection.h"
#include "list.h"
#include "rules.h"
#include "screens.h"
#include "staff.h"
#include "strbuf.h"
#include "textview.h"
#include "timeutil.h"

/* One change of an item, to take back: what the item had before. */
struct undo_step {
	char *item;
	bool had;        /* false: it had no result */
	char *outcome, *note;
};
#define UNDO_MAX 64

struct insp_scr {
	struct screen base;
	char id[WG_ID_BUFSIZE];
	wg_inspection_view v;
	bool loaded, signed_;
	struct list list;
	char *info;
	struct undo_step undo[UNDO_MAX];
	int nundo;
	char *summary, *deadline; /* typed into a sign form that closed unsigned */
	char attach_item[64];     /* the item files are being attached to */
	char notebuf[1200];       /* the note cell with the item's evidence */
	/* the register an item checked against it sees (staff.h), for reg_item */
	char reg_item[32];
	strbuf reg;
};

static const enum action draft_actions[] = {
	ACT_HELP, ACT_PASS, ACT_FAIL, ACT_NA, ACT_NOTE, ACT_UNDO, ACT_ATTACH, ACT_SIGN, ACT_BACK,
	ACT_QUIT, ACT_UP,
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
	s->reg_item[0] = '\0'; /* the register is read again */
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
		s->info = xasprintf(_("%s, draft: mark each item, then ^S signs it"),
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
	default: {
		/* the note, then the files attached to the item: evidence is seen */
		size_t used = (size_t)snprintf(s->notebuf, sizeof s->notebuf, "%s",
					       r ? wg_record_get(r, "note") : "");
		for (size_t i = 0; i < s->v.evidence.n && used < sizeof s->notebuf; i++) {
			const wg_record *ev = s->v.evidence.v[i];
			if (strcmp(wg_record_get(ev, "item"), it->code) == 0)
				used += (size_t)snprintf(s->notebuf + used, sizeof s->notebuf - used,
							 "%s[%s]", used ? " " : "",
							 wg_record_get(ev, "name"));
		}
		return s->notebuf;
	}
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
		{_("Item"), {5, 8, 0, true}},
		{_("What to check"), {16, 0, 4, false}},
		{_("Result"), {6, 14, 0, false}},
		{_("Note"), {6, 0, 1, false}},
	};
	char head[400];
	snprintf(head, sizeof head, "%s — %s", wg_record_get(s->v.entity, "name"),
		 s->v.checklist ? s->v.checklist->title : "");
	draw_text(t->lay.body_top, 1, t->lay.cols - 2, head, draw_attr(C_HEADER));
	/* an item checked against the register: the register on the info line */
	const struct wg_checkitem *it = s->signed_ ? NULL : item(s, s->list.sel);
	if (it && it->against != AGAINST_NONE && strcmp(s->reg_item, it->code) != 0) {
		char today[WG_DATE_LEN + 1];
		wg_error err;
		wg_today(today);
		sb_release(&s->reg);
		snprintf(s->reg_item, sizeof s->reg_item, "%s", it->code);
		if (wg_register_line(t->ws->db, wg_record_get(s->v.entity, "id"), it->against, today,
				     &s->reg, &err))
			sb_adds(&s->reg, err.msg);
	}
	bool reg = it && it->against != AGAINST_NONE;
	draw_text(t->lay.body_top + 1, 1, t->lay.cols - 2, reg ? sb_str(&s->reg) : s->info,
		  A_BOLD);
	list_draw(t, &s->list, t->lay.body_top + 2, t->lay.body_rows - 2, cols, 4, cell, s);
}

static const char *outcome_label(const char *outcome)
{
	return wg_option_label(wg_field_find(&wg_kind_result, "outcome"), outcome);
}

static void undo_free(struct undo_step *u)
{
	free(u->item);
	free(u->outcome);
	free(u->note);
}

static void undo_push(struct insp_scr *s, const char *item, const wg_record *before)
{
	if (s->nundo == UNDO_MAX) { /* the oldest goes */
		undo_free(&s->undo[0]);
		memmove(s->undo, s->undo + 1, (UNDO_MAX - 1) * sizeof s->undo[0]);
		s->nundo--;
	}
	struct undo_step *u = &s->undo[s->nundo++];
	u->item = xstrdup(item);
	u->had = before != NULL;
	u->outcome = xstrdup(before ? wg_record_get(before, "outcome") : "");
	u->note = xstrdup(before ? wg_record_get(before, "note") : "");
}

/* Set the selected item's result (and note, NULL: keep it), say on the
 * message line what changed, and remember how to take it back. */
static void change(struct tui *t, struct insp_scr *s, const char *outcome, const char *note)
{
	const struct wg_checkitem *it = item(s, s->list.sel);
	wg_error err;
	if (!it)
		return;
	const wg_record *r = wg_view_result(&s->v, it->code);
	const char *old = r ? wg_record_get(r, "outcome") : "";
	const char *old_note = r ? wg_record_get(r, "note") : "";
	if (!note)
		note = old_note;
	if (r && strcmp(old, outcome) == 0 && strcmp(old_note, note) == 0) {
		tui_message(t, _("%s is %s already: nothing changed."), it->code, outcome_label(outcome));
		return;
	}
	char *code = xstrdup(it->code), *was = xstrdup(r ? outcome_label(old) : _("no result"));
	bool note_only = r && strcmp(old, outcome) == 0;
	/* r points into the view, which the change reloads: remember it first */
	undo_push(s, code, r);
	/* an item checked against the register: a pass it contradicts is refused,
	 * a failure without a note takes what it shows */
	if (wg_inspection_record_checked(t->ws, s->id, code, outcome, note, NULL, false, &err)) {
		undo_free(&s->undo[--s->nundo]);
		tui_error(t, "%s", err.msg);
	} else {
		load(t, s);
		if (note_only)
			tui_message(t, _("%s: the note is saved. u undoes it."), code);
		else
			tui_message(t, _("%s: %s (before: %s). u undoes it."), code,
				    outcome_label(outcome), was);
	}
	free(code);
	free(was);
}

static void undo(struct tui *t, struct insp_scr *s)
{
	wg_error err;
	if (s->nundo == 0) {
		tui_message(t, _("Nothing to undo."));
		return;
	}
	struct undo_step *u = &s->undo[s->nundo - 1];
	int rc = u->had ? wg_inspection_record(t->ws, s->id, u->item, u->outcome, u->note, &err)
			: wg_inspection_unrecord(t->ws, s->id, u->item, &err);
	if (rc) {
		tui_error(t, "%s", err.msg);
		return;
	}
	load(t, s);
	if (u->had)
		tui_message(t, _("Undone: %s is %s again."), u->item, outcome_label(u->outcome));
	else
		tui_message(t, _("Undone: %s has no result again."), u->item);
	/* the selection follows, so that the next key acts where the eye is */
	for (long i = 0; item(s, i); i++)
		if (strcmp(item(s, i)->code, u->item) == 0)
			s->list.sel = i;
	undo_free(u);
	s->nundo--;
}

static int note_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	struct insp_scr *s = ctx;
	const struct wg_checkitem *it = item(s, s->list.sel);
	const wg_record *r = it ? wg_view_result(&s->v, it->code) : NULL;
	if (!r)
		return wg_fail(err, WG_EINPUT, _("no item selected"));
	char *outcome = xstrdup(wg_record_get(r, "outcome"));
	char *note = form_value(form_find(fm, "note"));
	change(t, s, outcome, note);
	free(outcome);
	free(note);
	return t->message_error ? wg_fail(err, WG_EINPUT, "%s", t->message) : WG_OK;
}

static bool is_patrol(const struct insp_scr *s)
{
	return strcmp(wg_record_get(s->v.insp, "kind"), "patrol") == 0;
}

/* Whether some item is marked failed. */
static bool any_failed(const struct insp_scr *s)
{
	for (size_t i = 0; s->v.checklist && i < s->v.checklist->nitems; i++) {
		const wg_record *r = wg_view_result(&s->v, s->v.checklist->items[i].code);
		if (r && strcmp(wg_record_get(r, "outcome"), "fail") == 0)
			return true;
	}
	return false;
}

/* Whether signing makes a rectification deadline: a failed item that has one,
 * on an enforcement inspection (a patrol orders no rectification). */
static bool needs_deadline(const struct insp_scr *s)
{
	if (is_patrol(s))
		return false;
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
	struct form_field *dl = form_find(fm, "deadline"), *cf = form_find(fm, "category");
	char *given = dl ? form_value(dl) : NULL, *category = cf ? form_value(cf) : NULL;
	struct wg_sign_opts o = {summary, given && *given ? given : NULL, category};
	int rc = wg_inspection_sign_with(t->ws, s->id, &o, &res, err);
	free(summary);
	free(given);
	free(category);
	if (rc)
		return rc;
	const struct wg_field *rf = wg_field_find(&wg_kind_inspection, "result");
	char deadline[256];
	wg_deadline_text(res.basis, res.deadline, deadline, sizeof deadline);
	if (*res.clue)
		tui_message(t, ngettext("Signed: %zu problem reported to the county as a clue, for "
					"an inspector to check.",
					"Signed: %zu problems reported to the county as a clue, for "
					"an inspector to check.", res.nfindings),
			    res.nfindings);
	else if (*res.deadline)
		tui_message(t, ngettext("Signed: %s, %zu finding, put right by %s; a re-inspection "
					"task was made.",
					"Signed: %s, %zu findings, put right by %s; a re-inspection "
					"task was made.", res.nfindings),
			    wg_option_label(rf, res.result), res.nfindings, deadline);
	else
		tui_message(t, ngettext("Signed: %s, %zu finding.", "Signed: %s, %zu findings.",
					res.nfindings),
			    wg_option_label(rf, res.result), res.nfindings);
	free(s->summary);
	free(s->deadline);
	s->summary = s->deadline = NULL;
	load(t, s);
	return WG_OK;
}

static int attach_one(struct tui *t, struct insp_scr *s, const char *path, wg_error *err)
{
	char hash[41];
	long long size;
	return wg_inspection_evidence(t->ws, s->id, s->attach_item, path, hash, &size, err);
}

static struct next attach_chosen(struct tui *t, void *ctx, const char *const *paths, size_t n)
{
	struct insp_scr *s = ctx;
	wg_error err;
	for (size_t i = 0; i < n; i++)
		if (attach_one(t, s, paths[i], &err)) {
			load(t, s);
			tui_error(t, _("Not attached: %s"), err.msg);
			return NEXT(NEXT_REDRAW);
		}
	load(t, s);
	tui_message(t, ngettext("%s: %zu file attached as evidence.",
				"%s: %zu files attached as evidence.", n), s->attach_item, n);
	return NEXT(NEXT_POP | NEXT_REDRAW);
}

static int attach_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	struct insp_scr *s = ctx;
	char *path = form_value(form_find(fm, "path"));
	int rc = *path ? attach_one(t, s, path, err)
		       : wg_fail(err, WG_EINPUT, _("give the file to attach"));
	if (rc == WG_OK) {
		load(t, s);
		tui_message(t, ngettext("%s: %zu file attached as evidence.",
					"%s: %zu files attached as evidence.", 1), s->attach_item,
			    (size_t)1);
	}
	free(path);
	return rc;
}

static struct screen *attach_typed(struct tui *t, void *ctx, const char *dir)
{
	struct form fm;
	form_init(&fm);
	char *start = xasprintf("%s/", strcmp(dir, "/") == 0 ? "" : dir);
	struct form_field *pf = form_add_text(&fm, "path", _("File"), start, 1000);
	pf->replace = true;
	free(start);
	return formscreen_open(t, _("Attach a file"), &fm, attach_save, ctx,
			       ((struct insp_scr *)ctx)->base.tab);
}

/* The sign form closed unsigned: what was typed comes back next time. */
static void sign_keep(struct tui *t, struct form *fm, void *ctx)
{
	struct insp_scr *s = ctx;
	struct form_field *dl = form_find(fm, "deadline");
	free(s->summary);
	s->summary = form_value(form_find(fm, "summary"));
	if (dl) {
		free(s->deadline);
		s->deadline = form_value(dl);
	}
}

/* What signing will record: every item's result, the failed items with the
 * deadline each gets when signed today, and the items still unmarked. */
static void sign_review(struct tui *t, struct insp_scr *s, struct textview *tv)
{
	char today[WG_DATE_LEN + 1];
	wg_calendar *cal = NULL;
	wg_error err;
	size_t nfail = 0, nmissing = 0, n = s->v.checklist ? s->v.checklist->nitems : 0;
	wg_today(today);
	for (size_t i = 0; i < n; i++) {
		const struct wg_checkitem *it = &s->v.checklist->items[i];
		const wg_record *r = wg_view_result(&s->v, it->code);
		if (!r)
			nmissing++;
		else if (strcmp(wg_record_get(r, "outcome"), "fail") == 0)
			nfail++;
	}
	if (nmissing) {
		char *h = xasprintf(ngettext("%zu item has no result yet: signing is refused until "
					     "every item is marked.",
					     "%zu items have no result yet: signing is refused until "
					     "every item is marked.", nmissing), nmissing);
		tv_heading(tv, h);
		free(h);
		for (size_t i = 0; i < n; i++) {
			const struct wg_checkitem *it = &s->v.checklist->items[i];
			if (!wg_view_result(&s->v, it->code))
				tv_field(tv, it->code, wg_pick(it->text, it->label));
		}
	}
	char *h = xasprintf(ngettext("%zu failed item", "%zu failed items", nfail), nfail);
	tv_heading(tv, h);
	free(h);
	for (size_t i = 0; i < n; i++) {
		const struct wg_checkitem *it = &s->v.checklist->items[i];
		const wg_record *r = wg_view_result(&s->v, it->code);
		if (!r || strcmp(wg_record_get(r, "outcome"), "fail") != 0)
			continue;
		char when[1200] = "";
		if (is_patrol(s)) {
			snprintf(when, sizeof when, "%s",
				 _("reported to the county as a clue (a patrol orders no "
				   "rectification)"));
		} else if (!it->rectify_days) {
			snprintf(when, sizeof when, "%s", _("no rectification deadline"));
		} else {
			char date[WG_DATE_LEN + 1], text[128];
			int missing = 0;
			if ((cal || wg_calendar_open(t->ws->db, &cal, &err) == WG_OK) &&
			    wg_calendar_add_workdays(cal, today, it->rectify_days, date, &missing,
						     &err) == WG_OK) {
				wg_deadline_text(missing ? "provisional" : "", date, text, sizeof text);
				snprintf(when, sizeof when,
					 ngettext("put right by %s (%d working day)",
						  "put right by %s (%d working days)", it->rectify_days),
					 text, it->rectify_days);
			} else {
				snprintf(when, sizeof when, "%s", err.msg);
			}
		}
		char *line = xasprintf("%s — %s", wg_pick(it->text, it->label), when);
		tv_field(tv, it->code, line);
		free(line);
	}
	wg_calendar_free(cal);
	tv_heading(tv, _("Every item"));
	for (size_t i = 0; i < n; i++) {
		const struct wg_checkitem *it = &s->v.checklist->items[i];
		const wg_record *r = wg_view_result(&s->v, it->code);
		char *line = xasprintf("%s — %s", r ? outcome_label(wg_record_get(r, "outcome"))
						    : _("no result"),
				       wg_pick(it->text, it->label));
		tv_field(tv, it->code, line);
		free(line);
	}
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
				 "then ^S signs it."));
		return (struct next){NEXT_PUSH | NEXT_REDRAW, n};
	}
	if (s->signed_)
		return NEXT(NEXT_NONE);
	switch (a) {
	case ACT_PASS: case ACT_FAIL: case ACT_NA:
		change(t, s, a == ACT_PASS ? "pass" : a == ACT_FAIL ? "fail" : "na", NULL);
		/* on to the next item: the message names the one that changed */
		if (!t->message_error && s->list.sel + 1 < s->list.count)
			s->list.sel++;
		return NEXT(NEXT_REDRAW);
	case ACT_UNDO:
		undo(t, s);
		return NEXT(NEXT_REDRAW);
	case ACT_ATTACH: {
		const struct wg_checkitem *it = item(s, s->list.sel);
		if (!it)
			return NEXT(NEXT_NONE);
		snprintf(s->attach_item, sizeof s->attach_item, "%s", it->code);
		char *title = xasprintf(_("Attach evidence to %s: choose the files"), it->code);
		struct screen *f = files_open(t, title, true, NULL, attach_chosen, attach_typed, s,
					      s->base.tab);
		free(title);
		return (struct next){NEXT_PUSH | NEXT_REDRAW, f};
	}
	case ACT_NOTE: {
		const struct wg_checkitem *it = item(s, s->list.sel);
		if (!it)
			return NEXT(NEXT_NONE);
		const wg_record *r = wg_view_result(&s->v, it->code);
		if (!r) {
			/* a note never sets a result: the result comes first, on purpose */
			tui_error(t, _("%s has no result yet: mark it first (p pass, f fail, n not "
				       "applicable), then Enter adds a note."), it->code);
			return NEXT(NEXT_REDRAW);
		}
		struct form fm;
		form_init(&fm);
		struct form_field *ff = form_add_choice(&fm, "outcome", _("Result"));
		form_choice_add(ff, wg_record_get(r, "outcome"),
				outcome_label(wg_record_get(r, "outcome")));
		ff->readonly = true; /* shown, not changed here: the result keys do that */
		form_add_text(&fm, "note", _("Note"), wg_record_get(r, "note"), 1000);
		strbuf files = STRBUF_INIT;
		for (size_t i = 0; i < s->v.evidence.n; i++)
			if (strcmp(wg_record_get(s->v.evidence.v[i], "item"), it->code) == 0)
				sb_addf(&files, "%s%s", files.len ? ", " : "",
					wg_record_get(s->v.evidence.v[i], "name"));
		if (files.len) {
			struct form_field *ef = form_add_text(&fm, "evidence", _("Evidence"),
							      sb_str(&files), 4000);
			ef->readonly = true;
		}
		sb_release(&files);
		fm.cur = 1;
		char *title = xasprintf("%s %s", it->code, wg_pick(it->text, it->label));
		struct screen *f = formscreen_open(t, title, &fm, note_save, s, s->base.tab);
		free(title);
		return (struct next){NEXT_PUSH | NEXT_REDRAW, f};
	}
	case ACT_SIGN: {
		struct form fm;
		form_init(&fm);
		form_add_text(&fm, "summary", _("Summary"), s->summary ? s->summary : "", 2000);
		if (needs_deadline(s)) {
			/* empty: counted in working days (provisional in a year without
			 * its holiday calendar); a date: given by hand */
			struct form_field *ff = form_add_text(&fm, "deadline",
							      _("Deadline by hand (empty: counted)"),
							      s->deadline ? s->deadline : "", 10);
			ff->schema = wg_field_find(&wg_kind_finding, "deadline");
		}
		if (is_patrol(s) && any_failed(s)) {
			/* the officer chooses the clue's category: never guessed */
			const struct wg_field *cat = wg_field_find(&wg_kind_clue, "category");
			struct form_field *ff = form_add_choice(&fm, "category", _(cat->label));
			form_choice_add(ff, "", _("(choose)"));
			/* the categories of the county's report rules in force today */
			struct wg_report_rules *rr;
			char today[WG_DATE_LEN + 1];
			wg_today(today);
			if (wg_report_rules_open(t->ws->db, today, &rr, &err) == WG_OK) {
				for (size_t i = 0; i < rr->ncat; i++)
					form_choice_add(ff, rr->cat[i].code,
							wg_pick(rr->cat[i].zh, rr->cat[i].en));
				wg_report_rules_free(rr);
			} else {
				tui_error(t, "%s", err.msg);
			}
			ff->schema = cat;
		}
		struct screen *f = formscreen_open(t, _("Sign the record: check the results "
							"below first, they cannot change afterwards"),
						   &fm, sign_save, s, s->base.tab);
		sign_review(t, s, formscreen_review(f));
		formscreen_confirm(f, _("Sign now? The record cannot change afterwards. (y/n)"));
		formscreen_keep(f, sign_keep);
		return (struct next){NEXT_PUSH | NEXT_REDRAW, f};
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
	for (int i = 0; i < s->nundo; i++)
		undo_free(&s->undo[i]);
	free(s->summary);
	free(s->deadline);
	free(s->info);
	sb_release(&s->reg);
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
		/* the county has no officer of its own: it names the inspectors */
		if (err.needs && strcmp(err.needs, "inspector") == 0)
			return inspectors_open(t, task, entity, tab);
		tui_error(t, "%s", err.msg);
		return NULL;
	}
	tui_message(t, _("Started. Mark each item: p pass, f fail, n not applicable; u undoes."));
	return inspection_open(t, id, tab);
}
