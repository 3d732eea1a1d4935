/* The clue form (协管信息报告): an officer reports what was found, from any
 * screen (^R), in the category chosen; saved through the core's wg_clue_add,
 * the same rules as wangge clue add. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "browse.h"
#include "clue.h"
#include "i18n.h"
#include "recordop.h"
#include "rules.h"
#include "screens.h"
#include "strbuf.h"
#include "timeutil.h"

static int clue_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	struct wg_change ch[4];
	char *vals[4];
	size_t n = 0;
	(void)ctx;
	for (int i = 0; i < fm->n && n < 4; i++) {
		char *v = form_value(&fm->f[i]);
		if (!*v) {
			free(v);
			continue;
		}
		vals[n] = v;
		ch[n] = (struct wg_change){fm->f[i].name, v};
		n++;
	}
	wg_record *rec = wg_record_new(&wg_kind_clue);
	int rc = wg_fill(rec, ch, n, confirmed, err);
	if (rc == WG_OK)
		rc = wg_clue_add(t->ws, rec, true, err);
	if (rc == WG_OK)
		tui_message(t, _("Clue reported: it goes to the county with the next bundle."));
	wg_record_free(rec);
	for (size_t i = 0; i < n; i++)
		free(vals[i]);
	return rc;
}

struct screen *clue_form_open(struct tui *t)
{
	wg_error err;
	struct form fm;
	if (wg_may_edit(t->ws, &wg_kind_clue, NULL, true, &err)) {
		tui_error(t, "%s", err.msg);
		return NULL;
	}
	/* the categories of the county's report rules in force today */
	struct wg_report_rules *rr;
	char today[WG_DATE_LEN + 1];
	wg_today(today);
	if (wg_report_rules_open(t->ws->db, today, &rr, &err)) {
		tui_error(t, "%s", err.msg);
		return NULL;
	}
	form_init(&fm);
	const struct wg_field *cat = wg_field_find(&wg_kind_clue, "category");
	struct form_field *ff = form_add_choice(&fm, "category", _(cat->label));
	for (size_t i = 0; i < rr->ncat; i++)
		form_choice_add(ff, rr->cat[i].code, wg_pick(rr->cat[i].zh, rr->cat[i].en));
	wg_report_rules_free(rr);
	ff->schema = cat;
	const struct wg_field *content = wg_field_find(&wg_kind_clue, "content");
	ff = form_add_text(&fm, "content", _(content->label), "", content->max_chars);
	ff->schema = content;
	const struct wg_field *loc = wg_field_find(&wg_kind_clue, "location");
	ff = form_add_text(&fm, "location", _(loc->label), "", loc->max_chars);
	ff->schema = loc;
	if (t->ws->role != ROLE_OFFICER) {
		wg_rows grids;
		ff = form_add_choice(&fm, "grid", _("grid"));
		if (wg_grid_codes(t->ws->db, &grids, &err) == WG_OK) {
			for (size_t g = 0; g < grids.nrows; g++) {
				char *l = xasprintf("%s %s", wg_rows_get(&grids, g, 0),
						    wg_rows_get(&grids, g, 1));
				form_choice_add(ff, wg_rows_get(&grids, g, 0), l);
				free(l);
			}
			wg_rows_free(&grids);
		}
		ff->schema = wg_field_find(&wg_kind_clue, "grid");
	}
	return formscreen_open(t, _("Report a clue (协管信息报告)"), &fm, clue_save, NULL, 0);
}
