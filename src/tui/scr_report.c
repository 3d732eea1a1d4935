/* Reports for the county clerk: the charts of "wangge report" for this month,
 * as the core draws them in text lines (chart.h), re-laid out when the
 * terminal's width changes. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "chart.h"
#include "draw.h"
#include "i18n.h"
#include "report.h"
#include "screens.h"
#include "strbuf.h"
#include "textview.h"
#include "timeutil.h"

struct reportscr {
	struct screen base;
	struct textview tv;
	int width; /* the width the lines were made for */
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

static void fill(struct tui *t, struct reportscr *r)
{
	char today[WG_DATE_LEN + 1], from[WG_DATE_LEN + 1], head[128];
	struct wg_report *rep;
	wg_error err;

	tv_clear(&r->tv);
	r->width = chart_width(t);
	wg_today(today);
	snprintf(from, sizeof from, "%.8s01", today);
	if (wg_report_build(t->ws->db, from, today, today, &rep, &err) != WG_OK) {
		tv_line(&r->tv, err.msg);
		return;
	}
	snprintf(head, sizeof head, _("Report for %s to %s"), from, today);
	tv_heading(&r->tv, head);
	for (size_t i = 0; i < rep->ncharts; i++) {
		char **lines;
		size_t n = wg_chart_lines(&rep->charts[i], (size_t)r->width, &lines);
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
	wg_report_free(rep);
}

static void report_draw(struct tui *t, struct screen *s)
{
	struct reportscr *r = (struct reportscr *)s;
	if (r->width != chart_width(t))
		fill(t, r);
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
	if (a == ACT_QUIT)
		return NEXT(NEXT_QUIT);
	return NEXT(NEXT_NONE);
}

static void report_resume(struct tui *t, struct screen *s)
{
	fill(t, (struct reportscr *)s);
}

static void report_destroy(struct screen *s)
{
	tv_clear(&((struct reportscr *)s)->tv);
	free(s);
}

static const struct screen_ops report_ops = {
	.title = N_("Reports"),
	.actions = report_actions,
	.draw = report_draw,
	.key = report_key,
	.resume = report_resume,
	.destroy = report_destroy,
};

struct screen *report_open(struct tui *t)
{
	struct reportscr *r = xcalloc(1, sizeof *r);
	r->base.ops = &report_ops;
	r->base.tab = 0;
	fill(t, r);
	return &r->base;
}
