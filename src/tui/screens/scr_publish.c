/* Publish (一公开): this month's random-inspection and penalty results,
 * previewed row by row as wg_disclose makes them (no personal field), then
 * written into a chosen folder as the HTML page "wangge publish --format html"
 * writes, with the complaints' publication CSV beside it, and the random
 * inspections marked as published (wg_disclose_mark), as --mark does. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "complaint.h"
#include "disclose.h"
#include "fileutil.h"
#include "i18n.h"
#include "mask.h"
#include "paint.h"
#include "screens.h"
#include "strbuf.h"
#include "textview.h"
#include "timeutil.h"

struct publish {
	struct screen base;
	struct textview tv;
	struct wg_disclosure *d;
	char from[WG_DATE_LEN + 1], to[WG_DATE_LEN + 1];
};

static const enum action publish_actions[] = {
	ACT_HELP, ACT_PUBLISH, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME,
	ACT_END, ACT_NONE,
};

static void load(struct tui *t, struct publish *p)
{
	wg_error err;
	char line[1200];
	tv_clear(&p->tv);
	wg_disclosure_free(p->d);
	p->d = NULL;
	if (wg_disclose(t->ws->db, p->from, p->to, &p->d, &err)) {
		tv_wrapped(&p->tv, err.msg, t->lay.cols - 4);
		return;
	}
	snprintf(line, sizeof line, _("Results signed %s to %s, as they will be published:"),
		 p->from, p->to);
	tv_heading(&p->tv, line);
	const wg_table *tb = p->d->table;
	for (size_t r = 1; r < tb->nrows; r++) {
		strbuf sb = STRBUF_INIT;
		for (size_t c = 0; c < tb->ncols; c++) {
			const char *v = tb->cells[r * tb->ncols + c];
			if (*v)
				sb_addf(&sb, "%s%s", sb.len ? "  " : "", v);
		}
		tv_wrapped(&p->tv, sb_str(&sb), t->lay.cols - 4);
		sb_release(&sb);
	}
	if (tb->nrows <= 1)
		tv_line(&p->tv, _("(no result to publish in this period)"));
	tv_line(&p->tv, "");
	tv_wrapped(&p->tv, _("x writes the page and the complaints' list into a folder, and marks "
			     "the random inspections as published."), t->lay.cols - 4);
}

static int write_to(struct tui *t, struct publish *p, const char *dir, wg_error *err)
{
	char title[256], today[WG_DATE_LEN + 1];
	strbuf html = STRBUF_INIT, csv = STRBUF_INIT;
	size_t marked = 0;
	wg_maskings masked = {0};
	int rc;
	snprintf(title, sizeof title, _("Results of random inspections, %s to %s"), p->from, p->to);
	wg_html_table_page(title, p->d->table, &html);
	char *page = xasprintf("%s/publish-%s-%s.html", dir, p->from, p->to);
	char *list = xasprintf("%s/complaints-%s-%s.csv", dir, p->from, p->to);
	wg_today(today);
	if ((rc = wg_write_file(page, sb_str(&html), html.len, err)) == WG_OK &&
	    (rc = wg_publish_complaints(t->ws->db, p->from, p->to, &csv, &masked, err)) == WG_OK &&
	    (rc = wg_write_file(list, sb_str(&csv), csv.len, err)) == WG_OK &&
	    (rc = wg_disclose_mark(t->ws, p->d, today, &marked, err)) == WG_OK) {
		size_t withheld = p->d->masked.n + masked.n;
		strbuf msg = STRBUF_INIT;
		sb_addf(&msg, ngettext("Wrote %s; %zu random inspection marked as published.",
				       "Wrote %s; %zu random inspections marked as published.", marked),
			page, marked);
		if (withheld) {
			sb_addc(&msg, ' ');
			sb_addf(&msg, ngettext("%zu personal value withheld from what is published.",
					       "%zu personal values withheld from what is published.",
					       withheld), withheld);
		}
		tui_message(t, "%s", sb_str(&msg));
		sb_release(&msg);
	}
	wg_maskings_free(&masked);
	free(page);
	free(list);
	sb_release(&html);
	sb_release(&csv);
	return rc;
}

static struct next folder_chosen(struct tui *t, void *ctx, const char *const *paths, size_t n)
{
	wg_error err;
	(void)n;
	if (write_to(t, ctx, paths[0], &err)) {
		tui_error(t, _("Not written: %s"), err.msg);
		return NEXT(NEXT_REDRAW);
	}
	return NEXT(NEXT_POP | NEXT_REDRAW);
}

static int folder_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	char *dir = form_value(form_find(fm, "path"));
	(void)confirmed;
	int rc = write_to(t, ctx, dir, err);
	free(dir);
	return rc;
}

static struct screen *folder_form(struct tui *t, void *ctx, const char *dir)
{
	struct form fm;
	form_init(&fm);
	form_add_text(&fm, "path", _("Folder"), dir, 1000)->replace = true;
	return formscreen_open(t, _("Publish into a folder"), &fm, folder_save, ctx, 0);
}

static void publish_draw(struct tui *t, struct screen *sc)
{
	tv_draw(t, &((struct publish *)sc)->tv, t->lay.body_top, t->lay.body_rows);
}

static struct next publish_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct publish *p = (struct publish *)sc;
	(void)key;
	if (tv_move(&p->tv, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (a == ACT_PUBLISH && p->d)
		return (struct next){NEXT_PUSH | NEXT_REDRAW,
				     files_open(t, _("Publish: choose the folder"), false, NULL,
						folder_chosen, folder_form, p, 0)};
	return NEXT(NEXT_NONE);
}

static void publish_resume(struct tui *t, struct screen *sc)
{
	load(t, (struct publish *)sc);
}

static void publish_destroy(struct screen *sc)
{
	struct publish *p = (struct publish *)sc;
	tv_clear(&p->tv);
	wg_disclosure_free(p->d);
	free(p);
}

static const struct screen_ops publish_ops = {
	/* TRANSLATORS: the screen of public disclosure (信息公开) */
	.title = N_("Publish"),
	.actions = publish_actions,
	.draw = publish_draw,
	.key = publish_key,
	.resume = publish_resume,
	.destroy = publish_destroy,
};

struct screen *publish_open(struct tui *t)
{
	struct publish *p = xcalloc(1, sizeof *p);
	p->base.ops = &publish_ops;
	p->base.tab = 0;
	wg_today(p->to);
	snprintf(p->from, sizeof p->from, "%.8s01", p->to);
	load(t, p);
	return &p->base;
}
