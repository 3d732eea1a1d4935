/* One entity: its fields, its tasks and its inspection history. p starts a
 * patrol, but first offers to resume an unfinished draft, and asks before a
 * second patrol on the same day (it would record the findings twice). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "browse.h"
#include "db.h"
#include "paint.h"
#include "i18n.h"
#include "inspection.h"
#include "query.h"
#include "risk.h"
#include "rules.h"
#include "screens.h"
#include "staff.h"
#include "strbuf.h"
#include "textview.h"
#include "timeutil.h"

#define HISTORY_LINES 50

struct entity_scr {
	struct screen base;
	char id[WG_ID_BUFSIZE];
	char *name;
	struct textview tv;
	enum { ASK_NOTHING, ASK_RESUME, ASK_AGAIN } asking; /* y/n on the message line */
	char draft[WG_ID_BUFSIZE]; /* the unfinished draft offered */
};

static const enum action entity_actions[] = {
	ACT_HELP, ACT_EDIT, ACT_PATROL, ACT_STAFF, ACT_OPEN, ACT_RECORD_LOG, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

/* A value as people read it: enum labels, category names, local times. */
static void display_value(const struct wg_field *f, const char *v, char *out, size_t n)
{
	if (f->type == FT_ENUM) {
		snprintf(out, n, "%s", wg_option_label(f, v));
	} else if (f->check == CHECK_CATEGORY) {
		const struct wg_category *c = wg_category_find(v);
		snprintf(out, n, "%s%s%s", v, c ? " " : "", c ? _(c->label) : "");
	} else if (f->type == FT_TIME && *v) {
		wg_timestamp_display(v, out, n);
	} else {
		snprintf(out, n, "%s", v);
	}
}

/* Points in the cycle, the band reached and the risk grade with the facts that
 * make it: derived now, never stored (the same core call as "entity show"). */
static void add_standing(struct tui *t, struct entity_scr *e)
{
	wg_points_rules *p = NULL;
	wg_risk_rules *r = NULL;
	wg_risk risk;
	wg_error err;
	char today[WG_DATE_LEN + 1], buf[600];

	tv_heading(&e->tv, "");
	tv_heading(&e->tv, _("Points and risk"));
	wg_today(today);
	if (wg_rules_load(t->ws->db, today, &p, &r, &err) || wg_risk_entity(t->ws->db, r, p, e->id, today, &risk, &err)) {
		tv_line(&e->tv, err.msg);
		wg_rules_free(p, r);
		return;
	}
	snprintf(buf, sizeof buf, _("Points: %d (%s to %s)"), risk.points.total, risk.points.from,
		 risk.points.to);
	tv_line(&e->tv, buf);
	if (risk.points.band) {
		snprintf(buf, sizeof buf, _("Threshold reached: %d points: %s"),
			 risk.points.band->threshold,
			 wg_pick(risk.points.band->consequence, risk.points.band->label));
		tv_line(&e->tv, buf);
	}
	snprintf(buf, sizeof buf, _("Risk: %s, score %d"),
		 wg_pick(risk.grade->name, risk.grade->label), risk.score);
	tv_line(&e->tv, buf);
	for (size_t i = 0; i < risk.nfacts; i++) {
		snprintf(buf, sizeof buf, "  %+d  %s", risk.facts[i].score, risk.facts[i].text);
		tv_line(&e->tv, buf);
	}
	wg_risk_clear(&risk);
	wg_rules_free(p, r);
}

/* The practitioners on duty, and what the register check finds against
 * them today (S opens the staff screen). */
static void add_staff(struct tui *t, struct entity_scr *e)
{
	wg_records staff = {0};
	wg_record *ent = NULL;
	wg_error err;
	char today[WG_DATE_LEN + 1], why[300], buf[600];
	size_t on = 0, wrong = 0;
	if (wg_staff_list(t->ws->db, e->id, &staff, &err) ||
	    wg_db_load(t->ws->db, &wg_kind_entity, e->id, &ent, &err)) {
		wg_records_free(&staff);
		return;
	}
	wg_today(today);
	for (size_t i = 0; i < staff.n; i++) {
		if (strcmp(wg_record_get(staff.v[i], "status"), "active") != 0)
			continue;
		on++;
		if (wg_staff_problem(staff.v[i], ent, today, why, sizeof why))
			wrong++;
	}
	if (staff.n) {
		tv_heading(&e->tv, "");
		snprintf(buf, sizeof buf, _("Practitioners on duty: %zu, %zu with a problem (S: staff)"),
			 on, wrong);
		tv_line(&e->tv, buf);
	}
	wg_records_free(&staff);
	wg_record_free(ent);
}

static int load(struct tui *t, struct entity_scr *e)
{
	wg_record *rec;
	wg_error err;
	wg_rows rows;
	char buf[600];

	if (wg_db_load(t->ws->db, &wg_kind_entity, e->id, &rec, &err)) {
		tui_error(t, "%s", err.msg);
		return -1;
	}
	tv_clear(&e->tv);
	free(e->name);
	e->name = xstrdup(wg_record_get(rec, "name"));
	for (size_t i = 0; i < wg_kind_entity.nfields; i++) {
		const struct wg_field *f = &wg_kind_entity.fields[i];
		/* Empty fields stay out of the way here; the edit form (F4) has them all. */
		if (f->type == FT_ID || !*rec->val[i])
			continue;
		display_value(f, rec->val[i], buf, sizeof buf);
		tv_field(&e->tv, _(f->label), buf);
	}
	wg_record_free(rec);

	add_standing(t, e);
	add_staff(t, e);
	tv_heading(&e->tv, "");
	tv_heading(&e->tv, _("Tasks"));
	if (wg_entity_tasks(t->ws->db, e->id, HISTORY_LINES, &rows, &err) == WG_OK) {
		const struct wg_field *st = wg_field_find(&wg_kind_task, "status");
		for (size_t r = 0; r < rows.nrows; r++) {
			char title[400];
			snprintf(buf, sizeof buf, "%-10s  %s  %s", wg_rows_get(&rows, r, TC_DUE),
				 wg_option_label(st, wg_rows_get(&rows, r, TC_STATUS)),
				 wg_task_title(wg_rows_get(&rows, r, TC_KIND),
					       wg_rows_get(&rows, r, TC_SOURCE),
					       wg_rows_get(&rows, r, TC_TITLE),
					       wg_rows_get(&rows, r, TC_ENTITY), title, sizeof title));
			/* selectable like the inspections; the prefix says which it is */
			char *link = xasprintf("task:%s", wg_rows_get(&rows, r, TC_ID));
			tv_link(&e->tv, buf, link);
			free(link);
		}
		if (rows.nrows == 0)
			tv_line(&e->tv, _("(none)"));
		wg_rows_free(&rows);
	}
	tv_heading(&e->tv, "");
	tv_heading(&e->tv, _("Open rectifications"));
	wg_records open = {0};
	if (wg_select(t->ws->db, &wg_kind_finding, "entity = ?1 AND status = 'open'",
		      "deadline, id", (const char *[]){e->id}, 1, &open, &err) == WG_OK) {
		for (size_t r = 0; r < open.n; r++) {
			const char *deadline = wg_record_get(open.v[r], "deadline");
			char dl[256];
			wg_deadline_text(wg_record_get(open.v[r], "deadline_basis"), deadline, dl,
					 sizeof dl);
			/* the text is the requirement its item states (up to 200
			 * characters: room for them whole, never cut inside one) */
			char unmet[1024], line[1400];
			snprintf(unmet, sizeof unmet, _("not met: %s"), wg_record_get(open.v[r], "text"));
			snprintf(line, sizeof line, "%s  %s", *deadline ? dl : _("no deadline"), unmet);
			tv_line(&e->tv, line);
		}
		if (open.n == 0)
			tv_line(&e->tv, _("(none)"));
		wg_records_free(&open);
	}
	tv_heading(&e->tv, "");
	tv_heading(&e->tv, _("Inspection history"));
	if (wg_entity_inspections(t->ws->db, e->id, HISTORY_LINES, &rows, &err) == WG_OK) {
		const struct wg_field *kind = wg_field_find(&wg_kind_inspection, "kind");
		const struct wg_field *res = wg_field_find(&wg_kind_inspection, "result");
		for (size_t r = 0; r < rows.nrows; r++) {
			char when[40];
			wg_timestamp_display(wg_rows_get(&rows, r, IC_STARTED), when, sizeof when);
			const char *result = wg_rows_get(&rows, r, IC_RESULT);
			bool draft = strcmp(wg_rows_get(&rows, r, IC_STATUS), "draft") == 0;
			snprintf(buf, sizeof buf, "%s  %s  %s  %s", when,
				 wg_option_label(kind, wg_rows_get(&rows, r, IC_KIND)),
				 draft ? _("DRAFT, not signed") : *result ? wg_option_label(res, result) : "",
				 wg_rows_get(&rows, r, IC_SUMMARY));
			tv_link(&e->tv, buf, wg_rows_get(&rows, r, IC_ID));
		}
		if (rows.nrows == 0)
			tv_line(&e->tv, _("(none)"));
		wg_rows_free(&rows);
	}
	return 0;
}

static void entity_draw(struct tui *t, struct screen *s)
{
	struct entity_scr *e = (struct entity_scr *)s;
	draw_text(t->lay.body_top, 1, t->lay.cols - 2, e->name, draw_attr(C_HEADER));
	tv_draw(t, &e->tv, t->lay.body_top + 1, t->lay.body_rows - 1);
}

static void ask(struct tui *t, struct entity_scr *e, int what)
{
	e->asking = what;
	t->confirm_pending = true;
}

/* p: an unfinished draft first, then a patrol already made today, else start. */
static struct next patrol(struct tui *t, struct entity_scr *e, bool asked_draft)
{
	wg_rows rows;
	wg_error err;
	char today[WG_DATE_LEN + 1], when[40], draft_when[40] = "", today_when[40] = "";
	wg_today(today);
	e->draft[0] = 0;
	if (wg_entity_inspections(t->ws->db, e->id, HISTORY_LINES, &rows, &err) != WG_OK) {
		tui_error(t, "%s", err.msg);
		return NEXT(NEXT_REDRAW);
	}
	for (size_t r = 0; r < rows.nrows; r++) {
		wg_timestamp_display(wg_rows_get(&rows, r, IC_STARTED), when, sizeof when);
		if (!e->draft[0] && strcmp(wg_rows_get(&rows, r, IC_STATUS), "draft") == 0) {
			snprintf(e->draft, sizeof e->draft, "%s", wg_rows_get(&rows, r, IC_ID));
			snprintf(draft_when, sizeof draft_when, "%s", when);
		} else if (!today_when[0] && strncmp(when, today, WG_DATE_LEN) == 0) {
			snprintf(today_when, sizeof today_when, "%s", when);
		}
	}
	wg_rows_free(&rows);
	if (e->draft[0] && !asked_draft) {
		tui_error(t, _("An unfinished draft of %s is open. Resume it? (y: resume, n: start "
			       "a new one)"), draft_when);
		ask(t, e, ASK_RESUME);
		return NEXT(NEXT_REDRAW);
	}
	if (today_when[0] && !(asked_draft && e->asking == ASK_AGAIN)) {
		tui_error(t, _("This entity had a patrol today already (%s); another would record "
			       "its findings again. Start one anyway? (y/n)"), today_when);
		ask(t, e, ASK_AGAIN);
		return NEXT(NEXT_REDRAW);
	}
	return (struct next){NEXT_PUSH | NEXT_REDRAW, inspection_start(t, NULL, e->id, 1)};
}

static struct next entity_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct entity_scr *e = (struct entity_scr *)s;
	if (e->asking) {
		int asked = e->asking;
		t->confirm_pending = false;
		bool yes = tui_answer_yes(key);
		if (asked == ASK_RESUME && yes) {
			e->asking = ASK_NOTHING;
			tui_message(t, _("Resumed the draft: mark the items left, then ^S signs it."));
			return (struct next){NEXT_PUSH | NEXT_REDRAW, inspection_open(t, e->draft, 1)};
		}
		if (asked == ASK_RESUME && (key == 'n' || key == 'N')) {
			e->asking = ASK_NOTHING;
			return patrol(t, e, true);
		}
		if (asked == ASK_AGAIN && yes) {
			e->asking = ASK_AGAIN; /* answered: patrol() starts it */
			struct next n = patrol(t, e, true);
			e->asking = ASK_NOTHING;
			return n;
		}
		e->asking = ASK_NOTHING;
		tui_message(t, _("No patrol started."));
		return NEXT(NEXT_REDRAW);
	}
	if (tv_move(&e->tv, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_EDIT)
		return (struct next){NEXT_PUSH | NEXT_REDRAW, entity_form_open(t, e->id)};
	if (a == ACT_PATROL)
		return patrol(t, e, false);
	if (a == ACT_OPEN && tv_selected(&e->tv)) {
		const char *id = tv_selected(&e->tv);
		if (strncmp(id, "task:", 5) == 0)
			return (struct next){NEXT_PUSH | NEXT_REDRAW, task_open(t, id + 5)};
		return (struct next){NEXT_PUSH | NEXT_REDRAW, inspection_open(t, id, 1)};
	}
	if (a == ACT_RECORD_LOG)
		return (struct next){NEXT_PUSH | NEXT_REDRAW, history_open(t, e->id, e->name)};
	if (a == ACT_STAFF) {
		struct screen *st = staff_open(t, e->id);
		return st ? (struct next){NEXT_PUSH | NEXT_REDRAW, st} : NEXT(NEXT_REDRAW);
	}
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	return NEXT(NEXT_NONE);
}

static struct next entity_click(struct tui *t, struct screen *s, int y, int x)
{
	return tv_click(&((struct entity_scr *)s)->tv, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void entity_resume(struct tui *t, struct screen *s)
{
	load(t, (struct entity_scr *)s);
}

static void entity_destroy(struct screen *s)
{
	struct entity_scr *e = (struct entity_scr *)s;
	tv_clear(&e->tv);
	free(e->name);
	free(e);
}

static const struct screen_ops entity_ops = {
	.title = N_("Entity"),
	.actions = entity_actions,
	.draw = entity_draw,
	.key = entity_key,
	.click = entity_click,
	.resume = entity_resume,
	.destroy = entity_destroy,
};

struct screen *entity_open(struct tui *t, const char *id)
{
	struct entity_scr *e = xcalloc(1, sizeof *e);
	e->base.ops = &entity_ops;
	e->base.tab = 1;
	snprintf(e->id, sizeof e->id, "%s", id);
	if (load(t, e)) {
		entity_destroy(&e->base);
		return NULL;
	}
	return &e->base;
}
