/* The county's rules (points, risk grading, patrol frequency, time limits,
 * report categories): every recorded version with its effective day and
 * whether it is in force, the recomputes, and the text of the version Enter
 * opens, all through rules.h as "wangge rules" does. On the county, i checks
 * a rule file chosen with the file chooser and records it (a refusal is shown
 * with its line), R runs the explicit recompute of the points after asking.
 * Officers read the rules the county sent them; they change nothing here. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rules.h"
#include "schema.h"
#include "screens.h"
#include "strbuf.h"
#include "textview.h"
#include "timeutil.h"

struct rulesscr {
	struct screen base;
	struct textview tv;
	int shown_set, shown_version; /* the version whose text is shown; set -1: none */
	char *refusal;                /* the last file refused, with its line */
};

static const enum action county_actions[] = {
	ACT_HELP, ACT_OPEN, ACT_RULES_IMPORT, ACT_RECOMPUTE, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN,
	ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC,
	ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static const enum action officer_actions[] = {
	ACT_HELP, ACT_OPEN, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static void shown_text(struct tui *t, struct rulesscr *s, const char *today, int w)
{
	struct wg_rules_version v;
	wg_error err;
	char line[400];
	if (wg_rules_show(t->ws->db, s->shown_set, s->shown_version, today, &v, &err)) {
		tv_wrapped(&s->tv, err.msg, w);
		return;
	}
	if (v.version)
		snprintf(line, sizeof line, _("%s, version %d, in force from %s"),
			 wg_rule_set_label(v.set), v.version, v.effective);
	else
		snprintf(line, sizeof line, _("%s, the shipped file (not recorded)"),
			 wg_rule_set_label(v.set));
	tv_heading(&s->tv, line);
	char *copy = xstrdup(v.body ? v.body : ""), *save = NULL;
	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		tv_wrapped(&s->tv, l, w);
	free(copy);
	wg_rules_version_clear(&v);
}

static void load(struct tui *t, struct rulesscr *s)
{
	struct wg_rules_versions v;
	struct wg_recomputes rc_list;
	wg_error err;
	char today[WG_DATE_LEN + 1], line[600], id[32];
	int w = t->lay.cols - 4;
	tv_clear(&s->tv);
	wg_today(today);
	if (s->refusal) {
		tv_heading(&s->tv, _("The rule file was refused; nothing changed"));
		tv_wrapped(&s->tv, s->refusal, w);
		tv_line(&s->tv, "");
	}
	tv_heading(&s->tv, _("Rule versions: Enter shows one"));
	if (wg_rules_list(t->ws->db, today, &v, &err)) {
		tv_wrapped(&s->tv, err.msg, w);
		return;
	}
	const struct wg_field *of = wg_field_find(&wg_kind_rules, "origin");
	for (size_t i = 0; i < v.n; i++) {
		const struct wg_rules_version *r = &v.v[i];
		char version[16];
		snprintf(version, sizeof version, "%d", r->version);
		snprintf(line, sizeof line, _("%s, version %s, from %s%s: %s (%s)"),
			 wg_rule_set_label(r->set), r->version ? version : "-", r->effective,
			 /* TRANSLATORS: this version of the rules applies today */
			 r->in_force ? _(", in force") : "", r->scheme,
			 *r->origin ? wg_option_label(of, r->origin) : _("shipped, not recorded"));
		snprintf(id, sizeof id, "%d:%d", r->set, r->version);
		tv_link(&s->tv, line, id);
	}
	wg_rules_versions_free(&v);
	tv_line(&s->tv, "");
	tv_heading(&s->tv, _("Recomputes recorded"));
	if (wg_recompute_list(t->ws->db, &rc_list, &err) == WG_OK) {
		for (size_t i = 0; i < rc_list.n; i++) {
			char when[64];
			wg_timestamp_display(rc_list.v[i].created, when, sizeof when);
			snprintf(line, sizeof line,
				 _("%s: facts from %s count with version %d (%s, %s: %s)"),
				 wg_rule_set_label(rc_list.v[i].set), rc_list.v[i].since,
				 rc_list.v[i].version, rc_list.v[i].recorded_by, when,
				 rc_list.v[i].reason);
			tv_wrapped(&s->tv, line, w);
		}
		if (rc_list.n == 0)
			tv_line(&s->tv, _("(none)"));
		wg_recomputes_free(&rc_list);
	} else {
		tv_wrapped(&s->tv, err.msg, w);
	}
	tv_line(&s->tv, "");
	if (t->ws->role == ROLE_COUNTY)
		tv_wrapped(&s->tv,
			   _("i records a rule file as its set's next version; R counts the points "
			     "of earlier findings again with the version in force today."),
			   w);
	else
		tv_wrapped(&s->tv,
			   _("The county records the rules; they come with its bundles."), w);
	if (s->shown_set >= 0) {
		tv_line(&s->tv, "");
		shown_text(t, s, today, w);
	}
	/* The version shown stays selected, else the first line. */
	snprintf(id, sizeof id, "%d:%d", s->shown_set, s->shown_version);
	for (int i = 0; i < s->tv.n && s->tv.sel < 0; i++)
		if (s->tv.l[i].link && (s->shown_set < 0 || strcmp(s->tv.l[i].link, id) == 0))
			s->tv.sel = i;
}

/* ---- importing a rule file ---- */

static void import_file(struct tui *t, struct rulesscr *s, const char *path)
{
	struct wg_rules_import res;
	wg_error err;
	free(s->refusal);
	s->refusal = NULL;
	if (wg_rules_import(t->ws, path, &res, &err)) {
		s->refusal = xstrdup(err.msg);
		tui_error(t, _("Refused: %s"), err.msg);
	} else if (!res.changed) {
		tui_message(t, _("%s: already recorded (version %d); nothing changed."),
			    wg_rule_set_label(res.set), res.version);
	} else {
		tui_message(t, _("%s: version %d recorded, in force from %s. The officers get it with "
				 "their next bundle."),
			    wg_rule_set_label(res.set), res.version, res.effective);
		s->shown_set = res.set;
		s->shown_version = res.version;
	}
	load(t, s);
}

static struct next import_chosen(struct tui *t, void *ctx, const char *const *paths, size_t n)
{
	(void)n;
	import_file(t, ctx, paths[0]);
	return NEXT(NEXT_POP | NEXT_REDRAW);
}

/* A typed path: the outcome shows on the rules screen, so the form closes. */
static int import_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	char *path = form_value(form_find(fm, "path"));
	(void)confirmed;
	(void)err;
	import_file(t, ctx, path);
	free(path);
	return WG_OK;
}

static struct screen *import_form(struct tui *t, void *ctx, const char *dir)
{
	struct form fm;
	form_init(&fm);
	char *start = xasprintf("%s/", strcmp(dir, "/") == 0 ? "" : dir);
	form_add_text(&fm, "path", _("Rule file"), start, 1000)->replace = true;
	free(start);
	return formscreen_open(t, _("Import a rule file"), &fm, import_save, ctx, 0);
}

/* ---- the explicit recompute ---- */

static int recompute_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	struct rulesscr *s = ctx;
	char *since = form_value(form_find(fm, "since"));
	char *reason = form_value(form_find(fm, "reason"));
	int version;
	long facts;
	int rc;
	(void)confirmed;
	if (!*reason)
		rc = wg_fail(err, WG_EINPUT, _("give the reason of the recompute"));
	else
		rc = wg_rules_recompute(t->ws, WG_RULES_POINTS, since, reason, &version, &facts, err);
	if (rc == WG_OK) {
		tui_message(t, _("Recorded: %ld findings from %s now count with points version %d."),
			    facts, since, version);
		load(t, s);
	}
	free(since);
	free(reason);
	return rc;
}

static struct screen *recompute_form(struct tui *t, struct rulesscr *s)
{
	struct form fm;
	form_init(&fm);
	form_add_text(&fm, "since", _("Findings from (date)"), "", 10);
	form_add_text(&fm, "reason", _("Reason"), "", 200);
	struct screen *f = formscreen_open(t, _("Recompute the points"), &fm, recompute_save, s, 0);
	formscreen_confirm(f, _("Count the points of every finding from that day again with the "
				"version in force today? The recompute is recorded. (y/n)"));
	return f;
}

static struct next rules_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct rulesscr *s = (struct rulesscr *)sc;
	(void)key;
	if (tv_move(&s->tv, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (a == ACT_OPEN && tv_selected(&s->tv)) {
		int set, version;
		if (sscanf(tv_selected(&s->tv), "%d:%d", &set, &version) == 2) {
			s->shown_set = set;
			s->shown_version = version;
			load(t, s);
		}
		return NEXT(NEXT_REDRAW);
	}
	if (t->ws->role != ROLE_COUNTY)
		return NEXT(NEXT_NONE);
	if (a == ACT_RULES_IMPORT)
		return (struct next){NEXT_PUSH | NEXT_REDRAW,
				     files_open(t, _("Import a rule file: choose the file"), true,
						NULL, import_chosen, import_form, s, 0)};
	if (a == ACT_RECOMPUTE)
		return (struct next){NEXT_PUSH | NEXT_REDRAW, recompute_form(t, s)};
	return NEXT(NEXT_NONE);
}

static void rules_draw(struct tui *t, struct screen *sc)
{
	tv_draw(t, &((struct rulesscr *)sc)->tv, t->lay.body_top, t->lay.body_rows);
}

static struct next rules_click(struct tui *t, struct screen *sc, int y, int x)
{
	(void)t;
	(void)x;
	return tv_click(&((struct rulesscr *)sc)->tv, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void rules_resume(struct tui *t, struct screen *sc)
{
	load(t, (struct rulesscr *)sc);
}

static void rules_destroy(struct screen *sc)
{
	struct rulesscr *s = (struct rulesscr *)sc;
	tv_clear(&s->tv);
	free(s->refusal);
	free(s);
}

static const struct screen_ops county_ops = {
	/* TRANSLATORS: the screen of the county's rules */
	.title = N_("County rules"),
	.actions = county_actions,
	.draw = rules_draw,
	.key = rules_key,
	.click = rules_click,
	.resume = rules_resume,
	.destroy = rules_destroy,
};

static const struct screen_ops officer_ops = {
	.title = N_("County rules"),
	.actions = officer_actions,
	.draw = rules_draw,
	.key = rules_key,
	.click = rules_click,
	.resume = rules_resume,
	.destroy = rules_destroy,
};

struct screen *rules_open(struct tui *t)
{
	struct rulesscr *s = xcalloc(1, sizeof *s);
	s->base.ops = t->ws->role == ROLE_COUNTY ? &county_ops : &officer_ops;
	s->shown_set = -1;
	s->tv.sel = -1;
	load(t, s);
	return &s->base;
}
