/* Reports for the county clerk: the charts of "wangge report" for a period
 * (this month, or on the 1st the month just ended; p chooses another: last
 * month, the quarter, the year, a range), as the core draws them in text lines
 * (chart.h). The figures are computed when the screen has nothing else to do,
 * and a key press interrupts them (a large county takes a while): Esc stops
 * and goes back. x writes the report as HTML and CSV into a chosen folder,
 * as "wangge report --format html|csv" does. A resize only lays the lines
 * out again. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "db.h"
#include "fileutil.h"
#include "paint.h"
#include "i18n.h"
#include "report.h"
#include "screens.h"
#include "strbuf.h"
#include "textview.h"
#include "timeutil.h"

struct reportscr {
	struct screen base;
	struct textview tv;
	struct wg_report *rep; /* NULL until computed */
	bool dirty;            /* the figures are to be computed (again) */
	int width;             /* the width the lines were laid out for */
	enum wg_period period;
	char from[11], to[11];
	char error[1024];
};

static const enum action report_actions[] = {
	ACT_HELP, ACT_PERIOD, ACT_SAVE_AS, ACT_BACK, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, ACT_QUIT, ACT_NONE,
};

/* The choices of the period form, in enum wg_period's order. */
static const char *const period_labels[WG_NPERIODS] = {
	N_("this month"), N_("last month"), N_("this quarter"), N_("this year"),
	N_("from and to (type the dates)"),
};

static int chart_width(const struct tui *t)
{
	int w = t->lay.cols - 3; /* the textview draws plain lines from column 2 */
	return w < 40 ? 40 : w;
}

static void lay_out(struct tui *t, struct reportscr *r)
{
	tv_clear(&r->tv);
	r->width = chart_width(t);
	if (r->error[0]) {
		tv_line(&r->tv, r->error);
		return;
	}
	if (!r->rep) {
		char line[300];
		snprintf(line, sizeof line, _("Computing the report for %s to %s... (Esc stops)"),
			 r->from, r->to);
		tv_line(&r->tv, line);
		return;
	}
	char head[128];
	snprintf(head, sizeof head, _("Report for %s to %s"), r->rep->from, r->rep->to);
	tv_heading(&r->tv, head);
	for (size_t i = 0; i < r->rep->ncharts; i++) {
		char **lines;
		size_t n = wg_chart_lines(&r->rep->charts[i], (size_t)r->width, &lines);
		tv_line(&r->tv, "");
		for (size_t k = 0; k < n; k++) {
			if (k == 0)
				tv_heading(&r->tv, lines[k]);
			else
				tv_line(&r->tv, lines[k]);
			free(lines[k]);
		}
		free(lines);
	}
}

static bool report_pending(struct screen *s)
{
	return ((struct reportscr *)s)->dirty;
}

static void report_idle(struct tui *t, struct screen *s)
{
	struct reportscr *r = (struct reportscr *)s;
	char today[WG_DATE_LEN + 1];
	struct wg_report *rep;
	wg_error err;

	wg_today(today);
	if (wg_report_build(t->ws->db, r->from, r->to, today, &rep, &err) != WG_OK) {
		if (t->interrupted)
			return; /* a key came first: computed again when idle */
		snprintf(r->error, sizeof r->error, "%s", err.msg);
		rep = NULL;
	} else {
		r->error[0] = '\0';
	}
	wg_report_free(r->rep);
	r->rep = rep;
	r->dirty = false;
	lay_out(t, r);
}

static void report_draw(struct tui *t, struct screen *s)
{
	struct reportscr *r = (struct reportscr *)s;
	if (r->width != chart_width(t))
		lay_out(t, r);
	tv_draw(t, &r->tv, t->lay.body_top, t->lay.body_rows);
}

/* ---- the period ---- */

static int period_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	struct reportscr *r = ctx;
	char *which = form_value(form_find(fm, "period"));
	char *from = form_value(form_find(fm, "from")), *to = form_value(form_find(fm, "to"));
	char today[WG_DATE_LEN + 1];
	int rc = WG_OK;
	(void)confirmed;
	enum wg_period p = (enum wg_period)atoi(which);
	wg_today(today);
	if (p == WG_PERIOD_RANGE) {
		if (!wg_date_valid(from) || !wg_date_valid(to))
			rc = wg_fail(err, WG_EINPUT, _("type both dates in the form 2026-01-31"));
		else if (strcmp(from, to) > 0)
			rc = wg_fail(err, WG_EINPUT, _("the period ends before it starts"));
		else {
			snprintf(r->from, sizeof r->from, "%s", from);
			snprintf(r->to, sizeof r->to, "%s", to);
		}
	} else {
		wg_period_dates(p, today, r->from, r->to);
	}
	if (rc == WG_OK) {
		r->period = p;
		wg_report_free(r->rep);
		r->rep = NULL;
		r->error[0] = '\0';
		r->dirty = true;
		lay_out(t, r);
	}
	free(which);
	free(from);
	free(to);
	return rc;
}

static struct screen *period_form(struct tui *t, struct reportscr *r)
{
	struct form fm;
	form_init(&fm);
	struct form_field *ff = form_add_choice(&fm, "period", _("Period"));
	for (int i = 0; i < WG_NPERIODS; i++) {
		char v[4];
		snprintf(v, sizeof v, "%d", i);
		form_choice_add(ff, v, _(period_labels[i]));
	}
	ff->choice = (int)r->period;
	form_add_text(&fm, "from", _("From (a range)"), r->from, 10);
	form_add_text(&fm, "to", _("To (a range)"), r->to, 10);
	return formscreen_open(t, _("The report's period"), &fm, period_save, r, 0);
}

/* ---- export ---- */

static int export_to(struct tui *t, struct reportscr *r, const char *dir, wg_error *err)
{
	if (!r->rep)
		return wg_fail(err, WG_EINPUT, _("the report is still being computed: wait for it"));
	wg_record *county = NULL;
	wg_error e;
	strbuf html = STRBUF_INIT, csv = STRBUF_INIT;
	if (t->ws->county_id)
		wg_db_load(t->ws->db, &wg_kind_county, t->ws->county_id, &county, &e);
	wg_report_html(r->rep, county ? wg_record_get(county, "name") : "", &html);
	wg_record_free(county);
	wg_report_csv(r->rep, &csv);
	char *hp = xasprintf("%s/report-%s-%s.html", dir, r->rep->from, r->rep->to);
	char *cp = xasprintf("%s/report-%s-%s.csv", dir, r->rep->from, r->rep->to);
	int rc = wg_write_file(hp, sb_str(&html), html.len, err);
	if (rc == WG_OK)
		rc = wg_write_file(cp, sb_str(&csv), csv.len, err);
	if (rc == WG_OK)
		tui_message(t, _("Report written to %s and %s."), hp, cp);
	free(hp);
	free(cp);
	sb_release(&html);
	sb_release(&csv);
	return rc;
}

static struct next export_chosen(struct tui *t, void *ctx, const char *const *paths, size_t n)
{
	wg_error err;
	(void)n;
	if (export_to(t, ctx, paths[0], &err)) {
		tui_error(t, _("Not written: %s"), err.msg);
		return NEXT(NEXT_REDRAW);
	}
	return NEXT(NEXT_POP | NEXT_REDRAW);
}

static int export_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	char *dir = form_value(form_find(fm, "path"));
	(void)confirmed;
	int rc = export_to(t, ctx, dir, err);
	free(dir);
	return rc;
}

static struct screen *export_form(struct tui *t, void *ctx, const char *dir)
{
	struct form fm;
	form_init(&fm);
	form_add_text(&fm, "path", _("Folder"), dir, 1000)->replace = true;
	return formscreen_open(t, _("Write the report"), &fm, export_save, ctx, 0);
}

static struct next report_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct reportscr *r = (struct reportscr *)s;
	(void)key;
	if (tv_move(&r->tv, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (a == ACT_PERIOD)
		return (struct next){NEXT_PUSH | NEXT_REDRAW, period_form(t, r)};
	if (a == ACT_SAVE_AS)
		return (struct next){NEXT_PUSH | NEXT_REDRAW,
				     files_open(t, _("Write the report: choose the folder"), false,
						NULL, export_chosen, export_form, r, 0)};
	return NEXT(NEXT_NONE);
}

static void report_resume(struct tui *t, struct screen *s)
{
	(void)t;
	struct reportscr *r = (struct reportscr *)s;
	if (!r->rep)
		r->dirty = true; /* the figures stay as computed unless a new period asks */
}

static void report_destroy(struct screen *s)
{
	struct reportscr *r = (struct reportscr *)s;
	tv_clear(&r->tv);
	wg_report_free(r->rep);
	free(r);
}

static const struct screen_ops report_ops = {
	.title = N_("Reports"),
	.actions = report_actions,
	.draw = report_draw,
	.key = report_key,
	.resume = report_resume,
	.pending = report_pending,
	.idle = report_idle,
	.destroy = report_destroy,
};

struct screen *report_open(struct tui *t)
{
	struct reportscr *r = xcalloc(1, sizeof *r);
	r->base.ops = &report_ops;
	r->base.tab = 0;
	r->dirty = true;
	char today[WG_DATE_LEN + 1];
	wg_today(today);
	r->period = wg_period_default(today);
	wg_period_dates(r->period, today, r->from, r->to);
	lay_out(t, r);
	return &r->base;
}
