/* One task: its fields, and acting on it (start, done) through the core. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "checklist.h"
#include "db.h"
#include "paint.h"
#include "i18n.h"
#include "inspection.h"
#include "recordop.h"
#include "screens.h"
#include "strbuf.h"
#include "textview.h"
#include "timeutil.h"
#include "validate.h"

struct task_scr {
	struct screen base;
	char id[WG_ID_BUFSIZE];
	char *title;
	struct textview tv;
};

static const enum action task_actions[] = {
	ACT_HELP, ACT_PATROL, ACT_START, ACT_DONE, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_DASHBOARD,
	ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static int load(struct tui *t, struct task_scr *ts)
{
	wg_record *rec, *ent = NULL;
	wg_error err;
	char buf[600];
	if (wg_db_load(t->ws->db, &wg_kind_task, ts->id, &rec, &err)) {
		tui_error(t, "%s", err.msg);
		return -1;
	}
	tv_clear(&ts->tv);
	free(ts->title);
	{
		char title[400], *name = NULL;
		wg_record *er = NULL;
		if (*wg_record_get(rec, "entity") &&
		    wg_db_load(t->ws->db, &wg_kind_entity, wg_record_get(rec, "entity"), &er,
			       &err) == WG_OK) {
			name = xstrdup(wg_record_get(er, "name"));
			wg_record_free(er);
		}
		ts->title = xstrdup(wg_task_title(wg_record_get(rec, "kind"),
						  wg_record_get(rec, "source"),
						  wg_record_get(rec, "title"), name, title, sizeof title));
		free(name);
	}
	for (size_t i = 0; i < wg_kind_task.nfields; i++) {
		const struct wg_field *f = &wg_kind_task.fields[i];
		const char *v = rec->val[i];
		if (f->type == FT_ID || (f->flags & FF_HIDDEN) ||
		    (f->type == FT_REF && strcmp(f->name, "entity") != 0))
			continue;
		if (strcmp(f->name, "due") == 0)
			wg_deadline_text(wg_record_get(rec, "due_basis"), v, buf, sizeof buf);
		else if (f->type == FT_ENUM)
			snprintf(buf, sizeof buf, "%s", wg_option_label(f, v));
		else if (f->type == FT_TIME && *v)
			wg_timestamp_display(v, buf, sizeof buf);
		else if (strcmp(f->name, "entity") == 0 && *v &&
			 wg_db_load(t->ws->db, &wg_kind_entity, v, &ent, &err) == WG_OK) {
			snprintf(buf, sizeof buf, "%s", wg_record_get(ent, "name"));
			wg_record_free(ent);
		} else if (strcmp(f->name, "checklist") == 0 && *v) {
			/* its title, not its code ("patrol-clinic") */
			wg_checklist *cl;
			if (wg_checklist_load(t->ws->db, v, &cl, &err) == WG_OK) {
				snprintf(buf, sizeof buf, "%s", cl->title);
				wg_checklist_free(cl);
			} else {
				snprintf(buf, sizeof buf, "%s", v);
			}
		} else if (strcmp(f->name, "title") == 0)
			snprintf(buf, sizeof buf, "%s", ts->title); /* in the reader's language */
		else
			snprintf(buf, sizeof buf, "%s", v);
		tv_field(&ts->tv, _(f->label), buf);
	}
	/* a complaint check: what was reported, where, by when; who reported it
	 * stays with the county */
	wg_record *c = NULL;
	if (strcmp(wg_record_get(rec, "kind"), "complaint") == 0 && *wg_record_get(rec, "source") &&
	    wg_db_load(t->ws->db, &wg_kind_complaint, wg_record_get(rec, "source"), &c, &err) ==
		    WG_OK) {
		static const char *const shown[] = {"content", "location", "deadline", "complainant",
						    "contact"};
		if (t->ws->role == ROLE_COUNTY && wg_db_personal_fill(t->ws->db, c, &err) != WG_OK)
			tui_error(t, "%s", err.msg);
		for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
			const struct wg_field *f = wg_field_find(&wg_kind_complaint, shown[i]);
			const char *v = wg_record_get(c, shown[i]);
			if (f->flags & FF_COUNTY_ONLY) {
				if (t->ws->role != ROLE_COUNTY) {
					if (strcmp(f->name, "complainant") == 0)
						tv_field(&ts->tv, _(f->label), _("kept by the county"));
					continue;
				}
				wg_mask(v, buf, sizeof buf); /* masked, as in every list */
			} else if (f->type == FT_DATE) {
				wg_deadline_text(wg_record_get(c, "deadline_basis"), v, buf, sizeof buf);
			} else {
				snprintf(buf, sizeof buf, "%s", v);
			}
			if (*v || (f->flags & FF_COUNTY_ONLY))
				tv_field(&ts->tv, _(f->label), buf);
		}
		wg_record_free(c);
	}
	wg_record_free(rec);
	return 0;
}

static void task_draw(struct tui *t, struct screen *s)
{
	struct task_scr *ts = (struct task_scr *)s;
	draw_text(t->lay.body_top, 1, t->lay.cols - 2, ts->title, draw_attr(C_HEADER));
	tv_draw(t, &ts->tv, t->lay.body_top + 1, t->lay.body_rows - 1);
}

static struct next set_status(struct tui *t, struct task_scr *ts, const char *status)
{
	wg_error err;
	struct wg_change ch = {"status", status};
	if (wg_modify(t->ws, &wg_kind_task, ts->id, &ch, 1, false, &err)) {
		tui_error(t, "%s", err.msg);
		return NEXT(NEXT_REDRAW);
	}
	tui_message(t, _("The task is now %s."),
		    wg_option_label(wg_field_find(&wg_kind_task, "status"), status));
	load(t, ts);
	return NEXT(NEXT_REDRAW);
}

static struct next task_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct task_scr *ts = (struct task_scr *)s;
	if (tv_move(&ts->tv, a))
		return NEXT(NEXT_REDRAW);
	switch (a) {
	case ACT_PATROL:
		return (struct next){NEXT_PUSH | NEXT_REDRAW, inspection_start(t, ts->id, NULL, 2)};
	case ACT_START: return set_status(t, ts, "started");
	case ACT_DONE: return set_status(t, ts, "done");
	case ACT_BACK: return NEXT(NEXT_POP | NEXT_REDRAW);
	default: return NEXT(NEXT_NONE);
	}
}

static void task_resume(struct tui *t, struct screen *s)
{
	load(t, (struct task_scr *)s);
}

static void task_destroy(struct screen *s)
{
	struct task_scr *ts = (struct task_scr *)s;
	tv_clear(&ts->tv);
	free(ts->title);
	free(ts);
}

static const struct screen_ops task_ops = {
	.title = N_("Task"),
	.actions = task_actions,
	.draw = task_draw,
	.key = task_key,
	.resume = task_resume,
	.destroy = task_destroy,
};

struct screen *task_open(struct tui *t, const char *id)
{
	struct task_scr *ts = xcalloc(1, sizeof *ts);
	ts->base.ops = &task_ops;
	ts->base.tab = 2;
	snprintf(ts->id, sizeof ts->id, "%s", id);
	if (load(t, ts)) {
		task_destroy(&ts->base);
		return NULL;
	}
	return &ts->base;
}
