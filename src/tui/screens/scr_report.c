/* Reports for the county clerk: the charts of "wangge report" for this month,
 * as the core draws them in text lines (chart.h). The figures are computed
 * when the screen has nothing else to do and a key press interrupts them
 * (a large county takes a while); a resize only lays the lines out again. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "chart.h"
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
	char error[1024];
};

static const enum action report_actions[] = {
	ACT_HELP, ACT_BACK, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, ACT_QUIT,
	ACT_NONE,
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
		tv_line(&r->tv, _("Computing the report..."));
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
	char today[WG_DATE_LEN + 1], from[WG_DATE_LEN + 1];
	struct wg_report *rep;
	wg_error err;

	wg_today(today);
	snprintf(from, sizeof from, "%.8s01", today);
	if (wg_report_build(t->ws->db, from, today, today, &rep, &err) != WG_OK) {
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

static struct next report_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct reportscr *r = (struct reportscr *)s;
	(void)t;
	(void)key;
	if (tv_move(&r->tv, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	return NEXT(NEXT_NONE);
}

static void report_resume(struct tui *t, struct screen *s)
{
	(void)t;
	((struct reportscr *)s)->dirty = true;
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
	lay_out(t, r);
	return &r->base;
}
