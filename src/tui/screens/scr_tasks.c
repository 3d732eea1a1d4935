/* Tasks (任务): by status, then due date; Enter opens one. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browse.h"
#include "inspection.h"
#include "paint.h"
#include "i18n.h"
#include "list.h"
#include "screens.h"
#include "strbuf.h"
#include "timeutil.h"

struct tasks {
	struct screen base;
	int status; /* -1: open and started; else index into the status options */
	struct list list;
	wg_rows page;
	long page_off;
	bool stale;
	char today[16];
	char due[64]; /* the due cell, with its overdue mark */
	char title[400]; /* the title cell, in the reader's language */
};

static const enum action tasks_actions[] = {
	ACT_HELP, ACT_OPEN, ACT_FILTER, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static const struct wg_field *status_field(void)
{
	return wg_field_find(&wg_kind_task, "status");
}

static const char *status_value(struct tasks *ts)
{
	return ts->status < 0 ? NULL : status_field()->options[ts->status].value;
}

static void reload(struct tui *t, struct tasks *ts)
{
	wg_error err;
	long n = 0;
	if (wg_task_count(t->ws->db, status_value(ts), &n, &err))
		tui_error(t, "%s", err.msg);
	ts->list.count = n;
	ts->stale = true;
}

static const char *cell(void *ctx, long row, int col)
{
	struct tasks *ts = ctx;
	static const int map[] = {TC_DUE, TC_STATUS, TC_KIND, TC_TITLE, TC_ENTITY};
	const char *v = wg_rows_get(&ts->page, (size_t)(row - ts->page_off), (size_t)map[col]);
	if (map[col] == TC_STATUS)
		return wg_option_label(status_field(), v);
	if (map[col] == TC_KIND)
		return wg_option_label(wg_field_find(&wg_kind_task, "kind"), v);
	if (map[col] == TC_TITLE) {
		size_t r = (size_t)(row - ts->page_off);
		return wg_task_title(wg_rows_get(&ts->page, r, TC_KIND),
				     wg_rows_get(&ts->page, r, TC_SOURCE), v,
				     wg_rows_get(&ts->page, r, TC_ENTITY), ts->title, sizeof ts->title);
	}
	if (map[col] == TC_DUE && *v && strcmp(v, ts->today) < 0) {
		const char *st = wg_rows_get(&ts->page, (size_t)(row - ts->page_off), TC_STATUS);
		if (strcmp(st, "open") == 0 || strcmp(st, "started") == 0) {
			/* TRANSLATORS: after a task's due date that has passed */
			snprintf(ts->due, sizeof ts->due, "%s %s", v, _("overdue"));
			return ts->due;
		}
	}
	return v;
}

static void tasks_draw(struct tui *t, struct screen *s)
{
	struct tasks *ts = (struct tasks *)s;
	struct list_column cols[] = {
		{_("Due"), {10, 10, 0, true}},
		{_("Status"), {7, 10, 0, false}},
		{_("Kind"), {6, 16, 1, false}},
		{_("Title"), {10, 0, 3, false}},
		{_("Entity"), {8, 0, 2, false}},
	};
	int y = t->lay.body_top, rows = t->lay.body_rows;
	char info[200];
	snprintf(info, sizeof info, ngettext("%ld task: %s", "%ld tasks: %s",
					     (unsigned long)ts->list.count), ts->list.count,
		 ts->status < 0 ? _("open and started")
				: wg_option_label(status_field(), status_value(ts)));
	draw_text(y, 1, t->lay.cols - 2, info, A_BOLD);
	ts->list.height = rows - 2 > 0 ? rows - 2 : 1;
	layout_scroll(ts->list.count, ts->list.height, &ts->list.sel, &ts->list.top);
	if (ts->stale || ts->page_off != ts->list.top || (long)ts->page.nrows < ts->list.height) {
		wg_error err;
		wg_rows_free(&ts->page);
		if (wg_task_page(t->ws->db, status_value(ts), ts->list.top, ts->list.height,
				 &ts->page, &err))
			tui_error(t, "%s", err.msg);
		ts->page_off = ts->list.top;
		ts->stale = false;
	}
	list_draw(t, &ts->list, y + 1, rows - 1, cols, 5, cell, ts);
	if (ts->list.count == 0)
		draw_text(y + 3, 2, t->lay.cols - 3, _("No tasks here. f shows other states."),
			  A_NORMAL);
}

static struct next tasks_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct tasks *ts = (struct tasks *)s;
	if (list_move(&ts->list, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_FILTER) {
		/* Cycle: open and started, then each state in turn. */
		int n = 0;
		while (status_field()->options[n].value)
			n++;
		ts->status = ts->status + 1 >= n ? -1 : ts->status + 1;
		ts->list.sel = ts->list.top = 0;
		reload(t, ts);
		return NEXT(NEXT_REDRAW);
	}
	if (a == ACT_OPEN && ts->list.count > 0) {
		const char *id = wg_rows_get(&ts->page, (size_t)(ts->list.sel - ts->page_off), TC_ID);
		if (*id)
			return (struct next){NEXT_PUSH | NEXT_REDRAW, task_open(t, id)};
	}
	return NEXT(NEXT_NONE);
}

static struct next tasks_click(struct tui *t, struct screen *s, int y, int x)
{
	return list_click(&((struct tasks *)s)->list, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void tasks_resume(struct tui *t, struct screen *s)
{
	reload(t, (struct tasks *)s);
}

static void tasks_destroy(struct screen *s)
{
	struct tasks *ts = (struct tasks *)s;
	wg_rows_free(&ts->page);
	free(ts);
}

static const struct screen_ops tasks_ops = {
	.title = N_("Tasks"),
	.actions = tasks_actions,
	.draw = tasks_draw,
	.key = tasks_key,
	.click = tasks_click,
	.resume = tasks_resume,
	.destroy = tasks_destroy,
};

struct screen *tasks_open(struct tui *t)
{
	struct tasks *ts = xcalloc(1, sizeof *ts);
	ts->base.ops = &tasks_ops;
	ts->base.tab = 2;
	ts->status = -1;
	wg_today(ts->today);
	reload(t, ts);
	return &ts->base;
}
