/* Penalty cases: the county's list by stage with each case's next time limit
 * (overdue ones marked), and one case with its steps and its documents,
 * written as A4 HTML into a folder chosen with the file chooser. The work on
 * a case itself is done with wangge case ... (the same core functions). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedoc.h"
#include "db.h"
#include "fileutil.h"
#include "i18n.h"
#include "paint.h"
#include "penalty.h"
#include "query.h"
#include "screens.h"
#include "strbuf.h"
#include "textview.h"
#include "timeutil.h"

/* ---- the list ---- */

struct cases_scr {
	struct screen base;
	struct textview tv;
	size_t n, late;
};

static const enum action cases_actions[] = {
	ACT_HELP, ACT_OPEN, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_DASHBOARD, ACT_ENTITIES,
	ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_CLUE, ACT_NONE,
};

static int cases_load(struct tui *t, struct cases_scr *cs)
{
	wg_records r = {0};
	wg_error err;
	char today[11], line[600];
	if (wg_penalties_list(t->ws->db, NULL, &r, &err)) {
		tui_error(t, "%s", err.msg);
		return -1;
	}
	wg_today(today);
	tv_clear(&cs->tv);
	cs->n = r.n;
	cs->late = 0;
	const struct wg_field *sf = wg_field_find(&wg_kind_penalty, "stage");
	/* by stage, in the order a case advances */
	for (const struct wg_option *o = sf->options; o->value; o++) {
		bool head = false;
		for (size_t i = 0; i < r.n; i++) {
			const wg_record *c = r.v[i];
			if (strcmp(wg_record_get(c, "stage"), o->value) != 0)
				continue;
			if (!head) {
				tv_heading(&cs->tv, _(o->label));
				head = true;
			}
			char date[11], *name = NULL;
			const char *what;
			wg_penalty_next_deadline(c, today, date, &what);
			wg_entity_name(t->ws->db, wg_record_get(c, "entity"), &name, &err);
			bool late = *date && strcmp(date, today) < 0;
			cs->late += late;
			if (*date)
				snprintf(line, sizeof line, _("%s %s  %s  %s by %s"), late ? "!" : " ",
					 wg_record_get(c, "number"), name ? name : "", what, date);
			else
				snprintf(line, sizeof line, "  %s  %s", wg_record_get(c, "number"),
					 name ? name : "");
			tv_link(&cs->tv, line, wg_record_id(c));
			free(name);
		}
	}
	if (!r.n)
		tv_line(&cs->tv, _("No penalty case yet (wangge case file ...)."));
	/* the first case selected: Enter opens it */
	for (int i = 0; i < cs->tv.n && cs->tv.sel < 0; i++)
		if (cs->tv.l[i].link)
			cs->tv.sel = i;
	wg_records_free(&r);
	return 0;
}

static void cases_draw(struct tui *t, struct screen *s)
{
	struct cases_scr *cs = (struct cases_scr *)s;
	char head[200];
	snprintf(head, sizeof head, ngettext("%zu penalty case, %zu past a time limit",
					     "%zu penalty cases, %zu past a time limit", cs->n),
		 cs->n, cs->late);
	draw_text(t->lay.body_top, 1, t->lay.cols - 2, head, draw_attr(C_HEADER));
	tv_draw(t, &cs->tv, t->lay.body_top + 1, t->lay.body_rows - 1);
}

static struct next cases_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct cases_scr *cs = (struct cases_scr *)s;
	(void)key;
	if (tv_move(&cs->tv, a))
		return NEXT(NEXT_REDRAW);
	switch (a) {
	case ACT_OPEN: {
		const char *id = tv_selected(&cs->tv);
		struct screen *c = id ? case_open(t, id) : NULL;
		return c ? (struct next){NEXT_PUSH | NEXT_REDRAW, c} : NEXT(NEXT_REDRAW);
	}
	case ACT_BACK: return NEXT(NEXT_POP | NEXT_REDRAW);
	default: return NEXT(NEXT_NONE);
	}
}

static struct next cases_click(struct tui *t, struct screen *s, int y, int x)
{
	(void)t;
	(void)x;
	return tv_click(&((struct cases_scr *)s)->tv, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void cases_resume(struct tui *t, struct screen *s)
{
	cases_load(t, (struct cases_scr *)s);
}

static void cases_destroy(struct screen *s)
{
	struct cases_scr *cs = (struct cases_scr *)s;
	tv_clear(&cs->tv);
	free(cs);
}

static const struct screen_ops cases_ops = {
	.title = N_("Penalty cases"),
	.actions = cases_actions,
	.draw = cases_draw,
	.key = cases_key,
	.click = cases_click,
	.resume = cases_resume,
	.destroy = cases_destroy,
};

struct screen *cases_open(struct tui *t)
{
	struct cases_scr *cs = xcalloc(1, sizeof *cs);
	cs->base.ops = &cases_ops;
	cs->base.tab = 0;
	if (cases_load(t, cs)) {
		cases_destroy(&cs->base);
		return NULL;
	}
	return &cs->base;
}

/* ---- one case ---- */

static const char *const doc_names[] = {"scene", "interview", "opinion", "correction", "notice",
					"hearing", "decision", "receipt", "closing"};
#define NDOCS (sizeof doc_names / sizeof *doc_names)

struct case_scr {
	struct screen base;
	char id[WG_ID_BUFSIZE];
	char *title;
	struct textview tv;
};

static const enum action case_actions[] = {
	ACT_HELP, ACT_DOCS, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, ACT_DASHBOARD, ACT_ENTITIES,
	ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_CLUE, ACT_NONE,
};

static void officer_names(sqlite3 *db, const char *refs, strbuf *out)
{
	wg_error err;
	for (const char *p = refs; *p;) {
		char id[WG_ID_BUFSIZE], *name = NULL;
		snprintf(id, sizeof id, "%.32s", p);
		const char *q[] = {id};
		wg_query_text(db, "SELECT name FROM officer WHERE id = ?1", q, 1, &name, &err);
		sb_addf(out, "%s%s", out->len ? _(", ") : "", name ? name : id);
		free(name);
		p += 32;
		if (*p == ',')
			p++;
	}
}

static int case_load(struct tui *t, struct case_scr *cs)
{
	wg_record *c;
	wg_records steps = {0};
	wg_error err;
	char buf[600];
	if (wg_db_load(t->ws->db, &wg_kind_penalty, cs->id, &c, &err) ||
	    wg_penalty_steps(t->ws->db, cs->id, &steps, &err)) {
		tui_error(t, "%s", err.msg);
		return -1;
	}
	tv_clear(&cs->tv);
	free(cs->title);
	cs->title = xstrdup(wg_record_get(c, "number"));
	char date[11], today[11];
	const char *what;
	wg_today(today);
	wg_penalty_next_deadline(c, today, date, &what);
	if (*date) {
		snprintf(buf, sizeof buf, "%s, %s", date, what);
		tv_field(&cs->tv, _("Next time limit"), buf);
	}
	tv_heading(&cs->tv, _("Steps"));
	const struct wg_field *sf = wg_field_find(&wg_kind_penalty_step, "step");
	for (size_t i = 0; i < steps.n; i++) {
		strbuf who = STRBUF_INIT;
		officer_names(t->ws->db, wg_record_get(steps.v[i], "actors"), &who);
		snprintf(buf, sizeof buf, "%s  %s  %s", wg_record_get(steps.v[i], "day"),
			 wg_option_label(sf, wg_record_get(steps.v[i], "step")), sb_str(&who));
		tv_line(&cs->tv, buf);
		sb_release(&who);
	}
	tv_heading(&cs->tv, _("Documents (w writes them into a folder)"));
	for (size_t d = 0; d < NDOCS; d++) {
		strbuf html = STRBUF_INIT;
		if (wg_casedoc_print(t->ws->db, cs->id, doc_names[d], &html, &err) == WG_OK) {
			/* the <title> of the page: the document's official name */
			const char *a = strstr(sb_str(&html), "<title>");
			const char *b = a ? strstr(a, "</title>") : NULL;
			if (a && b) {
				snprintf(buf, sizeof buf, "  %.*s (%s.html)", (int)(b - a - 7), a + 7,
					 doc_names[d]);
				tv_line(&cs->tv, buf);
			}
		}
		sb_release(&html);
	}
	tv_heading(&cs->tv, _("The case"));
	for (size_t i = 0; i < wg_kind_penalty.nfields; i++) {
		const struct wg_field *f = &wg_kind_penalty.fields[i];
		const char *v = c->val[i];
		if (f->type == FT_ID || (f->flags & FF_HIDDEN) || !*v || strcmp(f->name, "grid") == 0 || strcmp(f->name, "number") == 0 ||
		    strcmp(f->name, "inspections") == 0 || strcmp(f->name, "recheck") == 0)
			continue;
		strbuf sb = STRBUF_INIT;
		if (strcmp(f->name, "entity") == 0) {
			char *name = NULL;
			wg_entity_name(t->ws->db, v, &name, &err);
			sb_adds(&sb, name ? name : v);
			free(name);
		} else if (f->type == FT_REF || f->type == FT_REFS) {
			officer_names(t->ws->db, v, &sb);
		} else if (f->type == FT_ENUM) {
			sb_adds(&sb, wg_option_label(f, v));
		} else {
			sb_adds(&sb, v);
		}
		tv_field(&cs->tv, _(f->label), sb_str(&sb));
		sb_release(&sb);
	}
	wg_records_free(&steps);
	wg_record_free(c);
	return 0;
}

static void case_draw(struct tui *t, struct screen *s)
{
	struct case_scr *cs = (struct case_scr *)s;
	draw_text(t->lay.body_top, 1, t->lay.cols - 2, cs->title, draw_attr(C_HEADER));
	tv_draw(t, &cs->tv, t->lay.body_top + 1, t->lay.body_rows - 1);
}

/* Write every document the case has reached into dir. */
static int write_docs(struct tui *t, const char *id, const char *dir, size_t *n, wg_error *err)
{
	*n = 0;
	for (size_t d = 0; d < NDOCS; d++) {
		strbuf html = STRBUF_INIT;
		wg_error skip;
		int rc = WG_OK;
		if (wg_casedoc_print(t->ws->db, id, doc_names[d], &html, &skip) == WG_OK) {
			char *path = xasprintf("%s/%.8s-%s.html", dir, id, doc_names[d]);
			rc = wg_write_file(path, html.buf, html.len, err);
			*n += rc == WG_OK;
			free(path);
		}
		sb_release(&html);
		if (rc)
			return rc;
	}
	return WG_OK;
}

static struct next docs_chosen(struct tui *t, void *ctx, const char *const *paths, size_t n)
{
	struct case_scr *cs = ctx;
	wg_error err;
	size_t written;
	if (n < 1)
		return NEXT(NEXT_REDRAW);
	if (write_docs(t, cs->id, paths[0], &written, &err)) {
		tui_error(t, _("Not written: %s"), err.msg);
		return NEXT(NEXT_REDRAW);
	}
	tui_message(t, ngettext("%zu document written to %s.", "%zu documents written to %s.",
				written), written, paths[0]);
	return NEXT(NEXT_POP | NEXT_REDRAW);
}

static int folder_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	struct case_scr *cs = ctx;
	size_t written;
	(void)confirmed;
	char *dir = form_value(&fm->f[0]);
	int rc = write_docs(t, cs->id, dir, &written, err);
	if (rc == WG_OK)
		tui_message(t, ngettext("%zu document written to %s.", "%zu documents written to %s.",
					written), written, dir);
	free(dir);
	return rc;
}

static struct screen *folder_typed(struct tui *t, void *ctx, const char *dir)
{
	struct form fm;
	form_init(&fm);
	form_add_text(&fm, "folder", _("Folder"), dir, 4000);
	return formscreen_open(t, _("Write the case's documents into a folder"), &fm, folder_save, ctx,
			       0);
}

static struct next case_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct case_scr *cs = (struct case_scr *)s;
	(void)key;
	if (tv_move(&cs->tv, a))
		return NEXT(NEXT_REDRAW);
	switch (a) {
	case ACT_DOCS:
		return (struct next){NEXT_PUSH | NEXT_REDRAW,
				     files_open(t, _("Write the case's documents: choose the folder"),
						false, NULL, docs_chosen, folder_typed, cs, 0)};
	case ACT_BACK: return NEXT(NEXT_POP | NEXT_REDRAW);
	default: return NEXT(NEXT_NONE);
	}
}

static void case_resume(struct tui *t, struct screen *s)
{
	case_load(t, (struct case_scr *)s);
}

static void case_destroy(struct screen *s)
{
	struct case_scr *cs = (struct case_scr *)s;
	tv_clear(&cs->tv);
	free(cs->title);
	free(cs);
}

static const struct screen_ops case_ops = {
	.title = N_("Penalty case"),
	.actions = case_actions,
	.draw = case_draw,
	.key = case_key,
	.resume = case_resume,
	.destroy = case_destroy,
};

struct screen *case_open(struct tui *t, const char *id)
{
	struct case_scr *cs = xcalloc(1, sizeof *cs);
	cs->base.ops = &case_ops;
	cs->base.tab = 0;
	snprintf(cs->id, sizeof cs->id, "%s", id);
	if (case_load(t, cs)) {
		case_destroy(&cs->base);
		return NULL;
	}
	return &cs->base;
}
