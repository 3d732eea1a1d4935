/* Tasks (任务): by status, then due date; Enter opens one; / (F3) searches
 * them as the entity list searches entities, by title or entity. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browse.h"
#include "editkey.h"
#include "inspection.h"
#include "paint.h"
#include "i18n.h"
#include "lineedit.h"
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
	lineedit query;
	bool searching;          /* the search line has the cursor */
	struct wg_search search; /* SEARCH_NONE: the whole list, paged */
};

/* A search shows its matches at once, this many at most ("100+": typing more
 * narrows it). Finding them costs about this many tasks when matches are
 * common, and the entities found when they are few (wg_task_search). */
#define SEARCH_LIMIT 100

static const enum action tasks_actions[] = {
	ACT_HELP, ACT_OPEN, ACT_SEARCH, ACT_FILTER, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME,
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
	ts->stale = true;
	if (ts->search.mode != SEARCH_NONE) {
		/* the matches are the page: all of them, up to the limit */
		wg_rows_free(&ts->page);
		if (wg_task_search(t->ws->db, status_value(ts), &ts->search, SEARCH_LIMIT, &ts->page,
				   &err))
			tui_error(t, "%s", err.msg);
		ts->list.count = (long)ts->page.nrows;
		ts->page_off = 0;
		ts->stale = false;
		return;
	}
	if (wg_task_count(t->ws->db, status_value(ts), &n, &err))
		tui_error(t, "%s", err.msg);
	ts->list.count = n;
}

/* The query changed: parse it, list what it finds (a regex still being
 * typed keeps the list it had). */
static void requery(struct tui *t, struct tasks *ts)
{
	char *q = le_text(&ts->query);
	struct wg_search s;
	wg_error err;
	if (wg_search_parse(q, &s, &err)) {
		tui_error(t, "%s", err.msg);
	} else {
		wg_search_free(&ts->search);
		ts->search = s;
		t->message[0] = 0;
		ts->list.sel = ts->list.top = 0;
		reload(t, ts);
	}
	free(q);
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
	char info[600];
	const char *which = ts->status < 0 ? _("open and started")
					   : wg_option_label(status_field(), status_value(ts));
	if (ts->search.mode != SEARCH_NONE && ts->list.count >= SEARCH_LIMIT)
		snprintf(info, sizeof info, _("%ld+ tasks: %s"), ts->list.count, which);
	else
		snprintf(info, sizeof info, ngettext("%ld task: %s", "%ld tasks: %s",
						     (unsigned long)ts->list.count),
			 ts->list.count, which);
	if (ts->search.mode != SEARCH_NONE) {
		/* the search stays visible while it filters the list */
		char *q = le_text(&ts->query);
		size_t len = strlen(info);
		snprintf(info + len, sizeof info - len, "%s", _(", "));
		len = strlen(info);
		snprintf(info + len, sizeof info - len, _("search \"%s\" (Esc clears it)"), q);
		free(q);
	}
	draw_text(y, 1, t->lay.cols - 2, info, A_BOLD);
	ts->list.height = rows - 2 > 0 ? rows - 2 : 1;
	layout_scroll(ts->list.count, ts->list.height, &ts->list.sel, &ts->list.top);
	if (ts->search.mode == SEARCH_NONE &&
	    (ts->stale || ts->page_off != ts->list.top || (long)ts->page.nrows < ts->list.height)) {
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
		draw_text(y + 3, 2, t->lay.cols - 3,
			  ts->search.mode != SEARCH_NONE ? _("Nothing matches the search.")
							 : _("No tasks here. f shows other states."),
			  A_NORMAL);
	if (ts->searching)
		list_search_line(t, &ts->query, y);
}

static bool tasks_text_mode(struct screen *s)
{
	return ((struct tasks *)s)->searching;
}

static struct next tasks_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct tasks *ts = (struct tasks *)s;
	if (ts->searching) {
		if (a == ACT_SEARCH)
			return NEXT(NEXT_REDRAW);
		if (a == ACT_OPEN) { /* keep the search; the list has the keys again */
			ts->searching = false;
			return NEXT(NEXT_REDRAW);
		}
		if (a == ACT_BACK && key == K_ESC) {
			le_clear(&ts->query);
			ts->searching = false;
			requery(t, ts);
			return NEXT(NEXT_REDRAW);
		}
		if (list_move(&ts->list, a))
			return NEXT(NEXT_REDRAW);
		enum le_key_result r = le_key(&ts->query, key);
		if (r == LE_KEY_NONE)
			return NEXT(NEXT_NONE);
		if (r == LE_KEY_CHANGED)
			requery(t, ts);
		return NEXT(NEXT_REDRAW);
	}
	if (list_move(&ts->list, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_SEARCH) {
		ts->searching = true;
		t->message[0] = 0;
		return NEXT(NEXT_REDRAW);
	}
	if (a == ACT_BACK && ts->search.mode != SEARCH_NONE) { /* Esc clears a kept search */
		le_clear(&ts->query);
		requery(t, ts);
		return NEXT(NEXT_REDRAW);
	}
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
	wg_search_free(&ts->search);
	le_free(&ts->query);
	free(ts);
}

static const struct screen_ops tasks_ops = {
	.title = N_("Tasks"),
	.actions = tasks_actions,
	.text_mode = tasks_text_mode,
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
	le_init(&ts->query, 200);
	wg_today(ts->today);
	reload(t, ts);
	return &ts->base;
}
