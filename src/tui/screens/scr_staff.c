/* Staff and scope: an entity's registered services (诊疗科目) and its
 * practitioners (执业人员), each with what the register check finds against
 * it today (the same core calls as "wangge staff list" and "staff check").
 * a adds a practitioner, Enter or e edits the one selected; the ID number is
 * never shown, and only the county's workspace may type one. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "paint.h"
#include "recordop.h"
#include "screens.h"
#include "staff.h"
#include "strbuf.h"
#include "textview.h"
#include "timeutil.h"

struct staff_scr {
	struct screen base;
	char entity[WG_ID_BUFSIZE];
	char *title;
	struct textview tv;
};

static const enum action staff_actions[] = {
	ACT_HELP, ACT_NEW, ACT_EDIT, ACT_OPEN, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP,
	ACT_PGDN, ACT_HOME, ACT_END, ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC,
	ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static int load(struct tui *t, struct staff_scr *s)
{
	wg_record *e;
	wg_records staff = {0};
	wg_error err;
	char today[WG_DATE_LEN + 1], buf[800], why[300];

	if (wg_db_load(t->ws->db, &wg_kind_entity, s->entity, &e, &err) ||
	    wg_staff_list(t->ws->db, s->entity, &staff, &err)) {
		tui_error(t, "%s", err.msg);
		return -1;
	}
	wg_today(today);
	free(s->title);
	/* TRANSLATORS: the title of the staff screen; %s is the entity's name */
	s->title = xasprintf(_("Practitioners of %s"), wg_record_get(e, "name"));
	tv_clear(&s->tv);
	tv_heading(&s->tv, _("Registered services"));
	const char *subjects = wg_record_get(e, "subjects");
	tv_line(&s->tv, *subjects ? subjects : _("(none recorded: the entity's form adds them)"));
	tv_heading(&s->tv, "");
	tv_heading(&s->tv, _("Practitioners"));
	const struct wg_field *kind = wg_field_find(&wg_kind_staff, "kind");
	const struct wg_field *status = wg_field_find(&wg_kind_staff, "status");
	for (size_t i = 0; i < staff.n; i++) {
		const wg_record *p = staff.v[i];
		const char *problem = wg_staff_problem(p, e, today, why, sizeof why);
		const char *cert = wg_record_get(p, "cert");
		const char *expiry = wg_record_get(p, "cert_expiry");
		bool left = strcmp(wg_record_get(p, "status"), "active") != 0;
		snprintf(buf, sizeof buf, "%s %s  %s  %s  %s%s%s", problem ? "!" : " ",
			 wg_record_get(p, "name"), wg_option_label(kind, wg_record_get(p, "kind")),
			 *cert ? cert : "-", *expiry ? expiry : "-", left ? "  " : "",
			 left ? wg_option_label(status, wg_record_get(p, "status")) : "");
		tv_link(&s->tv, buf, wg_record_id(p));
		if (problem) {
			snprintf(buf, sizeof buf, "    %s", problem);
			tv_line(&s->tv, buf);
		}
	}
	if (staff.n == 0)
		tv_line(&s->tv, _("(none: a adds one)"));
	wg_records_free(&staff);
	wg_record_free(e);
	return 0;
}

static void staff_draw(struct tui *t, struct screen *sc)
{
	struct staff_scr *s = (struct staff_scr *)sc;
	draw_text(t->lay.body_top, 1, t->lay.cols - 2, s->title, draw_attr(C_HEADER));
	tv_draw(t, &s->tv, t->lay.body_top + 1, t->lay.body_rows - 1);
}

static struct next staff_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct staff_scr *s = (struct staff_scr *)sc;
	(void)key;
	if (tv_move(&s->tv, a))
		return NEXT(NEXT_REDRAW);
	const char *id = a == ACT_NEW ? NULL : tv_selected(&s->tv);
	if (a == ACT_NEW || ((a == ACT_EDIT || a == ACT_OPEN) && id)) {
		char *name = record_form_name(t, &wg_kind_staff, id);
		/* TRANSLATORS: %s is the practitioner's name */
		char *title = name ? xasprintf(_("Edit practitioner: %s"), name)
				   : xstrdup(_("New practitioner"));
		free(name);
		struct screen *f = record_form_open(t, &wg_kind_staff, id, "entity", s->entity,
						    wg_staff_add, title);
		free(title);
		return f ? (struct next){NEXT_PUSH | NEXT_REDRAW, f} : NEXT(NEXT_REDRAW);
	}
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	return NEXT(NEXT_NONE);
}

static struct next staff_click(struct tui *t, struct screen *sc, int y, int x)
{
	(void)t;
	(void)x;
	return tv_click(&((struct staff_scr *)sc)->tv, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void staff_resume(struct tui *t, struct screen *sc)
{
	load(t, (struct staff_scr *)sc);
}

static void staff_destroy(struct screen *sc)
{
	struct staff_scr *s = (struct staff_scr *)sc;
	tv_clear(&s->tv);
	free(s->title);
	free(s);
}

static const struct screen_ops staff_ops = {
	.title = N_("Staff"),
	.actions = staff_actions,
	.draw = staff_draw,
	.key = staff_key,
	.click = staff_click,
	.resume = staff_resume,
	.destroy = staff_destroy,
};

struct screen *staff_open(struct tui *t, const char *entity)
{
	struct staff_scr *s = xcalloc(1, sizeof *s);
	s->base.ops = &staff_ops;
	s->base.tab = 1;
	snprintf(s->entity, sizeof s->entity, "%s", entity);
	if (load(t, s)) {
		staff_destroy(&s->base);
		return NULL;
	}
	return &s->base;
}
