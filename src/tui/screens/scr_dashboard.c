/* Dashboard (工作台): what is due today, overdue, due for a patrol, and what has
 * not been sent to the county yet. The first screen: a handful of indexed
 * queries, so it comes up at once even on a county workspace. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clerk.h"
#include "dashboard.h"
#include "disclose.h"
#include "paint.h"
#include "penalty.h"
#include "i18n.h"
#include "inspection.h"
#include "id.h"
#include "screens.h"
#include "staff.h"
#include "strbuf.h"
#include "timeutil.h"

#define ITEMS 6
/* The county's desk comes first: fewer tasks under it, so the whole page
 * still fits 24 lines (the county's Tasks tab lists them all). */
#define COUNTY_ITEMS 1

enum item_kind { IT_HEADING, IT_TEXT, IT_TASK, IT_ENTITY, IT_CASE, IT_SCREEN };

/* The screens the clerk's lines open. */
enum desk_screen { DS_RETURNS, DS_CONFLICTS, DS_COMPLAINTS, DS_DRAWS, DS_PUBLISH, DS_ALERTS, DS_RULES,
		   DS_TASKS };

struct item {
	enum item_kind kind;
	enum desk_screen screen;
	char id[WG_ID_BUFSIZE];
	char *text;
};

struct dash {
	struct screen base;
	struct item *it;
	int n, sel, top, height, y0;
	/* The county's slower counts come when no key is waiting. */
	struct wg_clerk_desk cd;
	bool desk_pending;
	bool desk_known; /* the slower counts came, bar the points still counting */
	int returns_line, publish_line, alerts_line; /* their items, -1 none */
};

static const enum action dash_actions[] = {
	ACT_HELP, ACT_OPEN, ACT_SEARCH, ACT_REPORTS, ACT_ENTITIES, ACT_TASKS, ACT_QUIT, ACT_UP,
	ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, ACT_DASHBOARD, ACT_SYNC, ACT_CONFLICTS, ACT_LOG,
	ACT_CASES, ACT_CLUE, ACT_CAMPAIGNS, ACT_OFFICERS, ACT_CREDIT, ACT_NONE,
};

static void add(struct dash *d, enum item_kind k, const char *id, const char *text)
{
	d->it = xrealloc(d->it, (size_t)(d->n + 1) * sizeof *d->it);
	struct item *i = &d->it[d->n++];
	i->kind = k;
	snprintf(i->id, sizeof i->id, "%s", id ? id : "");
	i->text = xstrdup(text);
}

static void add_screen(struct dash *d, enum desk_screen which, const char *text)
{
	add(d, IT_SCREEN, NULL, text);
	d->it[d->n - 1].screen = which;
}

static bool openable(const struct item *i)
{
	return i->kind == IT_TASK || i->kind == IT_ENTITY || i->kind == IT_CASE || i->kind == IT_SCREEN;
}

/* The lines of the slower counts: "…" until they are known. */
static void slow_lines(struct dash *d, bool known)
{
	char line[600], unpublished[32], late[32], alerts[32];
	const struct wg_clerk_desk *cd = &d->cd;
	if (d->publish_line < 0 || d->alerts_line < 0 || d->returns_line < 0)
		return;
	if (!known) {
		snprintf(line, sizeof line, "%s", _("  Returns missing: …"));
	} else if (cd->returns_missing) {
		char since[40];
		wg_timestamp_display(cd->missing_since, since, sizeof since);
		since[10] = '\0';
		snprintf(line, sizeof line,
			 ngettext("  Returns missing: %zu of %zu grids (the oldest since %s)",
				  "  Returns missing: %zu of %zu grids (the oldest since %s)",
				  cd->returns_missing), cd->returns_missing, cd->grids, since);
	} else {
		snprintf(line, sizeof line, _("  Returns missing: none of %zu grids"), cd->grids);
	}
	free(d->it[d->returns_line].text);
	d->it[d->returns_line].text = xstrdup(line);
	snprintf(unpublished, sizeof unpublished, known ? "%zu" : "…", cd->unpublished);
	snprintf(late, sizeof late, known ? "%zu" : "…", cd->publish_late);
	snprintf(alerts, sizeof alerts, known ? "%zu" : "…", cd->points_alerts);
	snprintf(line, sizeof line,
		 _("  Random-inspection results to publish: %s, past %d working days: %s"),
		 unpublished, cd->publish_days, late);
	free(d->it[d->publish_line].text);
	d->it[d->publish_line].text = xstrdup(line);
	if (known && cd->points_left)
		snprintf(line, sizeof line,
			 ngettext("  Points alerts: counting, %zu entity to go",
				  "  Points alerts: counting, %zu entities to go", cd->points_left),
			 cd->points_left);
	else
		snprintf(line, sizeof line, _("  Points alerts: %s entities reached a band"), alerts);
	free(d->it[d->alerts_line].text);
	d->it[d->alerts_line].text = xstrdup(line);
}

/* The clerk's lines: what the county has waiting, each opening its screen. */
static int load_desk(struct tui *t, struct dash *d, const char *today)
{
	struct wg_clerk_desk cd;
	wg_error err;
	char line[600];
	if (wg_clerk_desk_load(t->ws, today, &cd, &err)) {
		tui_error(t, "%s", err.msg);
		return -1;
	}
	d->cd = cd;
	add(d, IT_HEADING, NULL, _("County desk"));
	d->returns_line = d->n;
	add_screen(d, DS_RETURNS, "");
	snprintf(line, sizeof line, _("  Conflicts waiting: %zu"), cd.conflicts);
	add_screen(d, DS_CONFLICTS, line);
	snprintf(line, sizeof line, _("  Complaints open: %zu, due today or late: %zu"),
		 cd.complaints_open, cd.complaints_due);
	add_screen(d, DS_COMPLAINTS, line);
	snprintf(line, sizeof line, _("  Random draws made: %zu (draw by a plan, check a result)"),
		 cd.draws);
	add_screen(d, DS_DRAWS, line);
	d->publish_line = d->n;
	add_screen(d, DS_PUBLISH, "");
	d->alerts_line = d->n;
	add_screen(d, DS_ALERTS, "");
	slow_lines(d, false);
	d->desk_pending = true;
	d->desk_known = false;
	return 0;
}

static void items_clear(struct dash *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->it[i].text);
	free(d->it);
	d->it = NULL;
	d->n = 0;
}

static void count_text(char *buf, size_t n, long v)
{
	if (v >= WG_DASH_CAP)
		snprintf(buf, n, "%ld+", v);
	else
		snprintf(buf, n, "%ld", v);
}

/* The county's penalty cases whose next time limit has passed or comes
 * within a week (the 90 days to a decision among them). */
static void penalty_deadlines(struct tui *t, struct dash *d)
{
	wg_records r = {0};
	wg_error err;
	char today[11], line[600];
	if (t->ws->role != ROLE_COUNTY)
		return;
	wg_today(today);
	if (wg_penalties_due(t->ws->db, today, 7, &r, &err)) {
		tui_error(t, "%s", err.msg);
		return;
	}
	add(d, IT_TEXT, NULL, "");
	snprintf(line, sizeof line, _("Penalty cases past a time limit or due within 7 days: %zu "
				      "(C lists all)"), r.n);
	add(d, IT_HEADING, NULL, line);
	for (size_t i = 0; i < r.n && i < ITEMS; i++) {
		char date[11];
		const char *what;
		wg_penalty_next_deadline(r.v[i], today, date, &what);
		snprintf(line, sizeof line, "%s %s  %s  %s", strcmp(date, today) < 0 ? "!" : " ", date,
			 wg_record_get(r.v[i], "number"), what);
		add(d, IT_CASE, wg_record_id(r.v[i]), line);
	}
	wg_records_free(&r);
}

/* Licences and practising certificates expired or expiring within the
 * county's rule value: the first of them, each opening its entity. */
static void expiring(struct tui *t, struct dash *d, const char *today, int days, long n)
{
	wg_table *tb;
	wg_error err;
	char a[32], line[600];
	if (wg_expiry_table(t->ws->db, today, days, ITEMS, &tb, &err)) {
		tui_error(t, "%s", err.msg);
		return;
	}
	count_text(a, sizeof a, n);
	snprintf(line, sizeof line, _("Licences and certificates expired or expiring within %d days: %s"),
		 days, a);
	add(d, IT_HEADING, NULL, line);
	for (size_t r = 1; r < tb->nrows; r++) {
		const char *const *c = (const char *const *)&tb->cells[r * tb->ncols];
		bool own = strcmp(c[6], c[7]) == 0; /* an entity's licence */
		snprintf(line, sizeof line, "%s %s  %s%s%s%s  %s", c[5][0] == '-' ? "!" : " ", c[4], c[1],
			 own ? "" : " (", own ? "" : c[2], own ? "" : ")", c[0]);
		add(d, IT_ENTITY, c[7], line);
	}
	add(d, IT_TEXT, NULL, "");
	wg_table_free(tb);
}

static int load(struct tui *t, struct dash *d)
{
	struct wg_dashboard db;
	wg_error err;
	char a[32], b[32], line[600];

	if (wg_dashboard_load(t->ws, t->ws->role == ROLE_COUNTY ? COUNTY_ITEMS : ITEMS, &db, &err)) {
		tui_error(t, "%s", err.msg);
		return -1;
	}
	items_clear(d);
	d->returns_line = d->publish_line = d->alerts_line = -1;
	d->desk_pending = false;
	if (t->ws->role == ROLE_COUNTY && load_desk(t, d, db.today)) {
		wg_dashboard_free(&db);
		return -1;
	}
	if (db.calendar_wanted) {
		/* a missing year never stops the work, but the clerk must act */
		snprintf(line, sizeof line, _("No official holiday calendar for %d"),
			 db.calendar_wanted);
		add(d, IT_HEADING, NULL, line);
		snprintf(line, sizeof line,
			 _("  Deadlines in %d are counted Monday to Friday and marked provisional."),
			 db.calendar_wanted);
		add(d, IT_TEXT, NULL, line);
		if (t->ws->role == ROLE_COUNTY) {
			add(d, IT_TEXT, NULL, _("  When the State Council's notice is out, record the "
						"year: wangge calendar"));
			add(d, IT_TEXT, NULL, _("  import FILE. The officers get it with their next "
						"bundle."));
		} else {
			add(d, IT_TEXT, NULL, _("  The county sends the year's calendar in a bundle: "
						"ask the clerk to"));
			add(d, IT_TEXT, NULL, _("  record it and to send your grid's bundle."));
		}
		add(d, IT_TEXT, NULL, "");
	}
	if (db.expiring)
		expiring(t, d, db.today, db.expiry_days, db.expiring);
	add(d, IT_HEADING, NULL, _("Sending to the county"));
	count_text(a, sizeof a, db.unsent);
	snprintf(line, sizeof line, _("  Changes not yet sent: %s"), a);
	add(d, IT_TEXT, NULL, line);
	if (db.last_export) {
		char when[40];
		wg_timestamp_display(db.last_export, when, sizeof when);
		snprintf(line, sizeof line, _("  Last bundle exported: %s"), when);
	} else {
		snprintf(line, sizeof line, "%s", _("  Last bundle exported: none recorded"));
	}
	add(d, IT_TEXT, NULL, line);
	add(d, IT_TEXT, NULL, "");
	count_text(a, sizeof a, db.overdue);
	count_text(b, sizeof b, db.due_today);
	snprintf(line, sizeof line, _("Tasks: %s overdue, %s due today (%s)"), a, b, db.today);
	add(d, IT_HEADING, NULL, line);
	if (db.rectify_late) {
		count_text(a, sizeof a, db.rectify_late);
		snprintf(line, sizeof line, _("  Rectifications past their deadline: %s"), a);
		add(d, IT_TEXT, NULL, line);
	}
	const struct wg_field *st = wg_field_find(&wg_kind_task, "status");
	for (size_t r = 0; r < db.tasks.nrows; r++) {
		const char *due = wg_rows_get(&db.tasks, r, TC_DUE);
		const char *ent = wg_rows_get(&db.tasks, r, TC_ENTITY);
		char title[400];
		const char *shown = wg_task_title(wg_rows_get(&db.tasks, r, TC_KIND),
						  wg_rows_get(&db.tasks, r, TC_SOURCE),
						  wg_rows_get(&db.tasks, r, TC_TITLE), ent, title,
						  sizeof title);
		/* the entity after the title, unless the title names it already
		 * (a re-inspection's: "复查：中山诊所", not "复查：中山诊所 (中山诊所)") */
		bool named = !*ent || strstr(shown, ent);
		snprintf(line, sizeof line, "%s %s  %s%s%s%s", strcmp(due, db.today) < 0 ? "!" : " ",
			 due, shown, named ? "" : " (", named ? "" : ent, named ? "" : ")");
		(void)st;
		add(d, IT_TASK, wg_rows_get(&db.tasks, r, TC_ID), line);
	}
	if (db.tasks.nrows == 0)
		add(d, IT_TEXT, NULL, _("  Nothing is due."));
	/* The rest of the list is the Tasks list's first page. */
	long due = db.overdue + db.due_today;
	if (due > (long)db.tasks.nrows) {
		long more = due - (long)db.tasks.nrows;
		count_text(a, sizeof a, more);
		snprintf(line, sizeof line,
			 ngettext("  … and %s more: Enter opens the task list",
				  "  … and %s more: Enter opens the task list", more), a);
		add_screen(d, DS_TASKS, line);
	}
	add(d, IT_TEXT, NULL, "");
	count_text(a, sizeof a, db.patrol_due);
	snprintf(line, sizeof line, _("Due for a patrol (no inspection for %ld days): %s"),
		 db.patrol_days, a);
	add(d, IT_HEADING, NULL, line);
	for (size_t r = 0; r < db.patrol.nrows; r++) {
		const char *last = wg_rows_get(&db.patrol, r, 2);
		char when[40];
		if (*last)
			wg_timestamp_display(last, when, sizeof when);
		else
			snprintf(when, sizeof when, "%s", _("never inspected"));
		snprintf(line, sizeof line, "  %s  (%s)", wg_rows_get(&db.patrol, r, 1), when);
		add(d, IT_ENTITY, wg_rows_get(&db.patrol, r, 0), line);
	}
	wg_dashboard_free(&db);
	penalty_deadlines(t, d);
	add(d, IT_TEXT, NULL, "");
	add_screen(d, DS_RULES, t->ws->role == ROLE_COUNTY
					? _("County rules: the versions in force, import a rule file, recompute")
					: _("County rules: the versions in force, as the county sent them"));
	/* Back from a screen the line opened, the same line stays selected;
	 * else the first thing that can be opened. */
	if (d->sel >= 0 && d->sel < d->n && openable(&d->it[d->sel]))
		return 0;
	d->sel = -1;
	for (int i = 0; i < d->n && d->sel < 0; i++)
		if (openable(&d->it[i]))
			d->sel = i;
	return 0;
}

static void dash_draw(struct tui *t, struct screen *s)
{
	struct dash *d = (struct dash *)s;
	d->y0 = t->lay.body_top + 1;
	d->height = t->lay.body_rows - 1;
	if (d->top > d->n - d->height)
		d->top = d->n - d->height;
	if (d->top < 0)
		d->top = 0;
	if (d->sel >= 0 && d->sel < d->top)
		d->top = d->sel;
	if (d->sel >= d->top + d->height)
		d->top = d->sel - d->height + 1;
	for (int r = 0; r < d->height && d->top + r < d->n; r++) {
		struct item *i = &d->it[d->top + r];
		attr_t a = i->kind == IT_HEADING ? draw_attr(C_HEADER)
			: d->top + r == d->sel ? draw_attr(C_SELECTED) : A_NORMAL;
		draw_text(d->y0 + r, 1, t->lay.cols - 2, i->text, a);
	}
}

static void step(struct dash *d, int dir)
{
	for (int i = d->sel + dir; i >= 0 && i < d->n; i += dir)
		if (openable(&d->it[i])) {
			d->sel = i;
			return;
		}
}

/* A page on: the view moves by its height, and the selection to the line
 * that can be opened nearest the same place on the screen (the last or first
 * one at the end). */
static void page(struct dash *d, int dir)
{
	int h = d->height > 1 ? d->height - 1 : 1;
	int want = (d->sel < 0 ? d->top : d->sel) + dir * h;
	d->top += dir * h;
	if (d->top > d->n - d->height)
		d->top = d->n - d->height;
	if (d->top < 0)
		d->top = 0;
	if (want < 0)
		want = 0;
	if (want >= d->n)
		want = d->n - 1;
	int best = -1;
	for (int i = 0; i < d->n; i++)
		if (openable(&d->it[i]) &&
		    (best < 0 || abs(i - want) < abs(best - want) ||
		     (abs(i - want) == abs(best - want) && (i - want) * dir > 0)))
			best = i;
	if (best >= 0)
		d->sel = best;
}

static struct next open_selected(struct tui *t, struct dash *d)
{
	if (d->sel < 0)
		return NEXT(NEXT_NONE);
	struct item *i = &d->it[d->sel];
	struct screen *s;
	if (i->kind == IT_SCREEN) {
		switch (i->screen) {
		case DS_RETURNS: s = returns_open(t); break;
		case DS_CONFLICTS: return (struct next){NEXT_SWITCH | NEXT_REDRAW, conflicts_open(t)};
		case DS_COMPLAINTS: s = complaints_open(t); break;
		case DS_DRAWS: s = draw_open(t); break;
		case DS_PUBLISH: s = publish_open(t); break;
		case DS_RULES: s = rules_open(t); break;
		case DS_TASKS: return (struct next){NEXT_SWITCH | NEXT_REDRAW, tasks_open(t)};
		default: s = alerts_open(t); break;
		}
	} else {
		s = i->kind == IT_TASK   ? task_open(t, i->id)
		    : i->kind == IT_CASE ? case_open(t, i->id)
					 : entity_open(t, i->id);
	}
	return (struct next){NEXT_PUSH | NEXT_REDRAW, s};
}

static struct next dash_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct dash *d = (struct dash *)s;
	switch (a) {
	case ACT_HOME: d->sel = -1; d->top = 0; step(d, 1); return NEXT(NEXT_REDRAW);
	case ACT_END: d->sel = d->n; d->top = d->n; step(d, -1); return NEXT(NEXT_REDRAW);
	case ACT_PGUP: page(d, -1); return NEXT(NEXT_REDRAW);
	case ACT_PGDN: page(d, 1); return NEXT(NEXT_REDRAW);
	case ACT_UP: step(d, -1); return NEXT(NEXT_REDRAW);
	case ACT_DOWN: step(d, 1); return NEXT(NEXT_REDRAW);
	case ACT_OPEN: return open_selected(t, d);
	case ACT_REPORTS: return (struct next){NEXT_PUSH | NEXT_REDRAW, report_open(t)};
	case ACT_CAMPAIGNS: return (struct next){NEXT_PUSH | NEXT_REDRAW, campaigns_open(t)};
	case ACT_OFFICERS: case ACT_CREDIT: {
		struct screen *o = a == ACT_OFFICERS ? officers_open(t) : credit_open(t);
		return o ? (struct next){NEXT_PUSH | NEXT_REDRAW, o} : NEXT(NEXT_REDRAW);
	}
	case ACT_CASES: {
		struct screen *c = cases_open(t);
		return c ? (struct next){NEXT_PUSH | NEXT_REDRAW, c} : NEXT(NEXT_REDRAW);
	}
	/* ACT_SEARCH: tui.c opens the entity search, as on every screen */
	default: return NEXT(NEXT_NONE);
	}
}

static struct next dash_click(struct tui *t, struct screen *s, int y, int x)
{
	struct dash *d = (struct dash *)s;
	int i = d->top + (y - d->y0);
	if (y < d->y0 || i >= d->n || !openable(&d->it[i]))
		return NEXT(NEXT_NONE);
	d->sel = i;
	return NEXT(NEXT_REDRAW);
}

static bool dash_pending(struct screen *s)
{
	return ((struct dash *)s)->desk_pending;
}

static void dash_idle(struct tui *t, struct screen *s)
{
	struct dash *d = (struct dash *)s;
	char today[WG_DATE_LEN + 1];
	wg_error err;
	wg_today(today);
	/* the points of a whole county (the first time, new rules) come a
	 * slice each time no key waits, the line counting meanwhile */
	if (d->desk_known ? wg_clerk_desk_points(t->ws, today, &d->cd, &err)
			  : wg_clerk_desk_slow(t->ws, today, &d->cd, &err)) {
		if (t->interrupted)
			return; /* a key came first: counted again when idle */
		tui_error(t, "%s", err.msg);
		d->desk_pending = false;
		return;
	}
	d->desk_known = true;
	d->desk_pending = d->cd.points_left > 0;
	slow_lines(d, true);
}

static void dash_resume(struct tui *t, struct screen *s)
{
	load(t, (struct dash *)s);
}

static void dash_destroy(struct screen *s)
{
	items_clear((struct dash *)s);
	free(s);
}

static const struct screen_ops dash_ops = {
	.title = N_("Dashboard"),
	.actions = dash_actions,
	.draw = dash_draw,
	.key = dash_key,
	.click = dash_click,
	.resume = dash_resume,
	.pending = dash_pending,
	.idle = dash_idle,
	.destroy = dash_destroy,
};

struct screen *dashboard_open(struct tui *t)
{
	struct dash *d = xcalloc(1, sizeof *d);
	d->sel = -1;
	d->returns_line = d->publish_line = d->alerts_line = -1;
	d->base.ops = &dash_ops;
	d->base.tab = 0;
	if (load(t, d)) {
		dash_destroy(&d->base);
		return NULL;
	}
	return &d->base;
}
