/* Random draws (双随机): the plans shipped in data/plans with their rates, the
 * draws made, and verifying a published result file, all through draw.h and
 * plan.h as "wangge draw" does. Enter on a plan: choose the folder for the
 * result file, type the seed (the published-lottery method is explained
 * above the field), ^S shows the dry run, y records the draw, makes its tasks
 * and writes the result file (wg_draw_save). f draws by a plan file the
 * county received (from the city or the province, on a stick): chosen with
 * the file chooser or typed, its result file goes beside it unless another
 * folder is given. v checks a result file; after a draw its chooser shows
 * the result just written. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dirlist.h"
#include "draw.h"
#include "fileutil.h"
#include "i18n.h"
#include "paint.h"
#include "plan.h"
#include "screens.h"
#include "strbuf.h"
#include "textview.h"
#include "timeutil.h"

/* The draw being prepared: the plan, what the preview showed. */
struct draw_job {
	char *plan_path;
	struct textview *review;
	char previewed[65]; /* the fingerprint of the dry run shown, "" before */
};

struct drawscr {
	struct screen base;
	struct textview tv;
	char **plans;
	size_t nplans;
	char *verified; /* the last result file checked: its findings, '\n'-separated */
	char *last_plan;   /* the last plan file chosen or typed (f), or NULL */
	char *last_result; /* the last result file written here, or NULL */
	struct draw_job job; /* the screens above it (chooser, form) use it */
};

static const enum action draw_actions[] = {
	ACT_HELP, ACT_OPEN, ACT_PLAN_FILE, ACT_VERIFY, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN,
	ACT_HOME, ACT_END, ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS,
	ACT_LOG, ACT_NONE,
};

static void draw_row(const char **row, char *scratch, const void *arg)
{
	(void)arg;
	wg_timestamp_display(row[1], scratch, WG_ROW_SCRATCH);
	row[1] = scratch;
}

static void load(struct tui *t, struct drawscr *d)
{
	wg_error err;
	char line[1200];
	int w = t->lay.cols - 4;
	tv_clear(&d->tv);
	for (size_t i = 0; i < d->nplans; i++)
		free(d->plans[i]);
	free(d->plans);
	d->plans = NULL;
	d->nplans = 0;
	if (d->verified) {
		tv_heading(&d->tv, _("The result file checked"));
		char *copy = xstrdup(d->verified), *save = NULL;
		for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
			tv_wrapped(&d->tv, l, w);
		free(copy);
		tv_line(&d->tv, "");
	}
	tv_heading(&d->tv, _("Plans: Enter draws by one of them"));
	if (wg_plan_files(&d->plans, &d->nplans, &err))
		tui_error(t, "%s", err.msg);
	for (size_t i = 0; i < d->nplans; i++) {
		struct wg_plan *p;
		if (wg_plan_load(d->plans[i], &p, &err)) {
			tv_wrapped(&d->tv, err.msg, w);
			continue;
		}
		char *sum = wg_plan_summary(p);
		snprintf(line, sizeof line, _("%s (%s to %s, %u inspectors each)"), p->name, p->from,
			 p->to, p->inspectors);
		tv_link(&d->tv, line, d->plans[i]);
		snprintf(line, sizeof line, _("    drawn: %s"), sum);
		tv_wrapped(&d->tv, line, w);
		free(sum);
		wg_plan_free(p);
	}
	if (d->nplans == 0)
		tv_line(&d->tv, _("(no plan in the data folder)"));
	tv_line(&d->tv, "");
	tv_heading(&d->tv, _("Draws made"));
	const char *head[] = {_("Id"), _("Drawn"), _("Plan"), _("Seed"), _("Tasks")};
	wg_table *tb = wg_table_new(5, head);
	if (wg_draw_list(t->ws->db, draw_row, NULL, tb, &err) == WG_OK) {
		for (size_t r = 1; r < tb->nrows; r++) {
			const char *const *c = (const char *const *)&tb->cells[r * 5];
			/* by its date and plan: its id means nothing to a reader */
			snprintf(line, sizeof line, _("%s  %s  seed %s  %s tasks"), c[1], c[2], c[3],
				 c[4]);
			tv_wrapped(&d->tv, line, w);
		}
		if (tb->nrows <= 1)
			tv_line(&d->tv, _("(none yet)"));
	} else {
		tv_wrapped(&d->tv, err.msg, w);
	}
	wg_table_free(tb);
	tv_line(&d->tv, "");
	tv_line(&d->tv, _("f draws by a plan file received: choose it, or type its path."));
	tv_line(&d->tv, _("v checks a published result file."));
	/* The first plan is selected: Enter draws by it. */
	for (int i = 0; i < d->tv.n && d->tv.sel < 0; i++)
		if (d->tv.l[i].link)
			d->tv.sel = i;
}

/* ---- a draw: the seed form, its dry run, then the real one ---- */

/* The plan (when known: a typed one is read when ^S is pressed) and the seed. */
static void explain(struct textview *tv, const struct wg_plan *plan, int w)
{
	char line[1200];
	if (plan) {
		snprintf(line, sizeof line, _("Plan: %s, %s to %s"), plan->name, plan->from,
			 plan->to);
		tv_heading(tv, line);
		char *sum = wg_plan_summary(plan);
		snprintf(line, sizeof line, _("Drawn per category: %s"), sum);
		tv_wrapped(tv, line, w);
		free(sum);
		tv_line(tv, "");
	}
	tv_heading(tv, _("The seed"));
	tv_wrapped(tv, _("Use a number nobody could know before the draw: the result of a public "
			 "lottery drawn after the plan was announced, e.g. \"福彩3D 2026310 5-2-8\" "
			 "(its name, issue and numbers as published). Anyone can then run the same "
			 "draw again from the plan, the seed and the result file and get the same "
			 "entities."), w);
	tv_wrapped(tv, _("^S shows the draw without recording it; then y records it and makes "
			 "the tasks."), w);
}

static int draw_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	struct drawscr *d = ctx;
	struct draw_job *j = &d->job;
	/* a plan file (f) is a field of the form; a shipped plan was chosen */
	struct form_field *pf = form_find(fm, "plan");
	char *plan_path = pf ? form_value(pf) : xstrdup(j->plan_path);
	char *seed = form_value(form_find(fm, "seed"));
	char *folder = form_value(form_find(fm, "folder"));
	struct wg_plan *plan = NULL;
	struct wg_draw_dir *dir = NULL;
	struct wg_draw_result *res = NULL;
	char today[WG_DATE_LEN + 1], draw_id[WG_ID_BUFSIZE], *name = NULL, *path = NULL;
	int rc;
	int w = t->lay.cols - 4;

	wg_today(today);
	if (!*plan_path) {
		rc = wg_fail(err, WG_EINPUT, _("give the plan file"));
		goto out;
	}
	if ((rc = wg_plan_load(plan_path, &plan, err)) || (rc = wg_draw_seed_check(seed, err)))
		goto out;
	if (pf) {
		/* the chooser starts beside it next time */
		free(d->last_plan);
		d->last_plan = xstrdup(plan_path);
		if (!*folder) { /* the result goes beside the plan */
			free(folder);
			folder = dirlist_parent(plan_path);
		}
	}
	if ((rc = wg_draw_dir_load(t->ws->db, plan, today, &dir, err)) ||
	    (rc = wg_draw_run(plan, dir, seed, &res, err))) {
		if (rc == WG_EINPUT)
			wg_error_prefix(err, _("the plan cannot be carried out"));
		goto out;
	}
	if (!confirmed || strcmp(j->previewed, res->result_sha256) != 0) {
		/* The dry run, above the seed; y records exactly this draw. */
		char line[1200];
		tv_clear(j->review);
		snprintf(line, sizeof line,
			 ngettext("Dry run: %zu entity drawn from %zu with seed \"%s\":",
				  "Dry run: %zu entities drawn from %zu with seed \"%s\":", res->npicks),
			 res->npicks, dir->nent, seed);
		tv_heading(j->review, line);
		for (size_t i = 0; i < res->npicks; i++) {
			const struct wg_draw_pick *pk = &res->picks[i];
			const struct wg_dir_entity *e = &dir->ent[pk->entity];
			strbuf sb = STRBUF_INIT;
			sb_addf(&sb, "%s  %s  ", e->name, e->grid);
			for (unsigned k = 0; k < pk->ninsp; k++)
				sb_addf(&sb, "%s%s", k ? _(", ") : "", dir->insp[pk->insp[k]].name);
			tv_wrapped(j->review, sb_str(&sb), w);
			sb_release(&sb);
		}
		tv_line(j->review, "");
		explain(j->review, plan, w); /* (appended: the draw shows first) */
		bool changed = confirmed;
		snprintf(j->previewed, sizeof j->previewed, "%s", res->result_sha256);
		rc = wg_fail(err, WG_EINPUT,
			     changed ? _("the seed changed since the preview: here is the new "
					 "draw; record it?")
				     : _("record this draw and make its tasks?"));
		err->confirmable = 1;
		goto out;
	}
	name = wg_draw_result_name(res);
	path = xasprintf("%s/%s", folder, name);
	if ((rc = wg_draw_save(t->ws, plan, dir, seed, res, path, false, draw_id, err)) == WG_OK) {
		free(d->last_result);
		d->last_result = xstrdup(path);
		tui_message(t, ngettext("Drawn: %zu entity, tasks made; the result is in %s "
					"(fingerprint %.12s).",
					"Drawn: %zu entities, tasks made; the result is in %s "
					"(fingerprint %.12s).", res->npicks),
			    res->npicks, path, res->result_sha256);
	}
out:
	free(plan_path);
	free(seed);
	free(folder);
	free(name);
	free(path);
	wg_plan_free(plan);
	wg_draw_dir_free(dir);
	wg_draw_result_free(res);
	return rc;
}

/* The seed form, the folder for the result file filled in (chosen, or the
 * folder the chooser showed when a path is to be typed). */
static struct screen *seed_form(struct tui *t, void *ctx, const char *folder)
{
	struct drawscr *d = ctx;
	struct wg_plan *plan;
	wg_error err;
	if (wg_plan_load(d->job.plan_path, &plan, &err)) {
		tui_error(t, "%s", err.msg);
		return NULL;
	}
	struct form fm;
	form_init(&fm);
	form_add_text(&fm, "seed", _("Seed (the lottery result)"), "", 200);
	form_add_text(&fm, "folder", _("Folder for the result file"), folder, 1000);
	struct screen *s = formscreen_open(t, _("Random draw"), &fm, draw_save, d, 0);
	d->job.review = formscreen_review(s);
	d->job.previewed[0] = '\0';
	tv_clear(d->job.review);
	explain(d->job.review, plan, t->lay.cols - 4);
	wg_plan_free(plan);
	return s;
}

static struct next folder_chosen(struct tui *t, void *ctx, const char *const *paths, size_t n)
{
	(void)n;
	struct screen *s = seed_form(t, ctx, paths[0]);
	return (struct next){NEXT_POP | NEXT_PUSH | NEXT_REDRAW, s};
}

/* ---- a plan file received: chosen or typed, then the same form ---- */

/* The draw form with the plan file's path as its first field: chosen (plan,
 * already read: the result goes into its folder), or to type, starting from
 * the folder the chooser showed (dir). */
static struct screen *plan_form(struct tui *t, struct drawscr *d, const struct wg_plan *plan,
				const char *path, const char *dir)
{
	struct form fm;
	form_init(&fm);
	char *start = path ? xstrdup(path) : xasprintf("%s/", strcmp(dir, "/") == 0 ? "" : dir);
	char *folder = path ? dirlist_parent(path) : xstrdup("");
	form_add_text(&fm, "plan", _("Plan file"), start, 1000)->replace = !path;
	form_add_text(&fm, "seed", _("Seed (the lottery result)"), "", 200);
	form_add_text(&fm, "folder", _("Folder for the result file (empty: the plan's)"), folder,
		      1000);
	fm.cur = path ? 1 : 0;
	free(start);
	free(folder);
	struct screen *s = formscreen_open(t, _("Random draw"), &fm, draw_save, d, 0);
	d->job.review = formscreen_review(s);
	d->job.previewed[0] = '\0';
	tv_clear(d->job.review);
	explain(d->job.review, plan, t->lay.cols - 4);
	return s;
}

static struct next plan_chosen(struct tui *t, void *ctx, const char *const *paths, size_t n)
{
	struct wg_plan *plan;
	wg_error err;
	(void)n;
	if (wg_plan_load(paths[0], &plan, &err)) {
		/* not a plan: the chooser stays, saying why */
		tui_error(t, "%s", err.msg);
		return NEXT(NEXT_REDRAW);
	}
	struct screen *s = plan_form(t, ctx, plan, paths[0], NULL);
	wg_plan_free(plan);
	return (struct next){NEXT_POP | NEXT_PUSH | NEXT_REDRAW, s};
}

static struct screen *plan_typed(struct tui *t, void *ctx, const char *dir)
{
	return plan_form(t, ctx, NULL, NULL, dir);
}

/* A chooser that starts where the last file of its kind was, when there was one. */
static void show_beside(struct tui *t, struct screen *chooser, const char *last)
{
	if (!last)
		return;
	char *dir = dirlist_parent(last);
	files_show(t, chooser, dir, last);
	free(dir);
}

/* ---- verifying a result file ---- */

static int verify_file(struct tui *t, struct drawscr *d, const char *path)
{
	strbuf buf = STRBUF_INIT, report = STRBUF_INIT;
	wg_error err;
	int rc = wg_read_file(path, WG_DRAW_RESULT_MAX_BYTES, &buf, &err);
	if (rc == WG_OK)
		rc = wg_draw_verify(buf.buf ? buf.buf : "", buf.len, t->ws->db, &report, &err);
	if (rc == WG_OK) {
		sb_addf(&report, "%s\n", _("The draw result is genuine."));
		tui_message(t, _("The draw result is genuine."));
	} else {
		sb_addf(&report, "%s\n", err.msg);
		tui_error(t, _("Not genuine: %s"), err.msg);
	}
	free(d->verified);
	d->verified = sb_detach(&report);
	sb_release(&buf);
	load(t, d);
	return rc;
}

static struct next verify_chosen(struct tui *t, void *ctx, const char *const *paths, size_t n)
{
	(void)n;
	verify_file(t, ctx, paths[0]);
	return NEXT(NEXT_POP | NEXT_REDRAW);
}

/* A typed path: checked when saved; the findings show on the draws screen
 * whatever they say, so the form closes either way. */
static int verify_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	char *path = form_value(form_find(fm, "path"));
	(void)confirmed;
	(void)err;
	verify_file(t, ctx, path);
	free(path);
	return WG_OK;
}

static struct screen *verify_form(struct tui *t, void *ctx, const char *dir)
{
	struct form fm;
	form_init(&fm);
	char *start = xasprintf("%s/", strcmp(dir, "/") == 0 ? "" : dir);
	form_add_text(&fm, "path", _("Result file"), start, 1000)->replace = true;
	free(start);
	return formscreen_open(t, _("Check a draw result"), &fm, verify_save, ctx, 0);
}

static struct next draw_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct drawscr *d = (struct drawscr *)sc;
	(void)key;
	if (tv_move(&d->tv, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (a == ACT_VERIFY) {
		struct screen *s = files_open(t, _("Check a draw result: choose the file"), true,
					      ".txt", verify_chosen, verify_form, d, 0);
		show_beside(t, s, d->last_result);
		return (struct next){NEXT_PUSH | NEXT_REDRAW, s};
	}
	if (a == ACT_PLAN_FILE) {
		struct screen *s = files_open(t, _("Random draw: choose the plan file"), true, NULL,
					      plan_chosen, plan_typed, d, 0);
		show_beside(t, s, d->last_plan);
		return (struct next){NEXT_PUSH | NEXT_REDRAW, s};
	}
	if (a == ACT_OPEN && tv_selected(&d->tv)) {
		free(d->job.plan_path);
		d->job.plan_path = xstrdup(tv_selected(&d->tv));
		struct screen *s = files_open(t, _("Random draw: choose the folder for the result file"),
					      false, NULL, folder_chosen, seed_form, d, 0);
		return (struct next){NEXT_PUSH | NEXT_REDRAW, s};
	}
	return NEXT(NEXT_NONE);
}

static void draw_draw(struct tui *t, struct screen *sc)
{
	tv_draw(t, &((struct drawscr *)sc)->tv, t->lay.body_top, t->lay.body_rows);
}

static struct next draw_click(struct tui *t, struct screen *sc, int y, int x)
{
	(void)t;
	(void)x;
	return tv_click(&((struct drawscr *)sc)->tv, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void draw_resume(struct tui *t, struct screen *sc)
{
	load(t, (struct drawscr *)sc);
}

static void draw_destroy(struct screen *sc)
{
	struct drawscr *d = (struct drawscr *)sc;
	tv_clear(&d->tv);
	for (size_t i = 0; i < d->nplans; i++)
		free(d->plans[i]);
	free(d->plans);
	free(d->verified);
	free(d->last_plan);
	free(d->last_result);
	free(d->job.plan_path);
	free(d);
}

static const struct screen_ops draw_ops = {
	/* TRANSLATORS: the screen of random draws (双随机抽查) */
	.title = N_("Random draws"),
	.actions = draw_actions,
	.draw = draw_draw,
	.key = draw_key,
	.click = draw_click,
	.resume = draw_resume,
	.destroy = draw_destroy,
};

struct screen *draw_open(struct tui *t)
{
	struct drawscr *d = xcalloc(1, sizeof *d);
	d->base.ops = &draw_ops;
	d->base.tab = 0;
	load(t, d);
	return &d->base;
}
