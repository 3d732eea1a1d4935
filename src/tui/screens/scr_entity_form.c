/* Create and edit a record (an entity, a practitioner): a form built from the schema, checked field by
 * field as the user leaves it, saved through the core's wg_add / wg_modify
 * (the same rules as the command line). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browse.h"
#include "db.h"
#include "i18n.h"
#include "recordop.h"
#include "screens.h"
#include "strbuf.h"

/* What the form saves (owned by the form screen, one allocation). */
struct record_ctx {
	const struct wg_kind *kind;
	char id[WG_ID_BUFSIZE]; /* the record edited; "" for a new one */
	record_add_fn add;      /* how a new one is added */
	/* a new one's fixed values (a practitioner's entity) */
	char preset_field[32], preset_value[WG_ID_BUFSIZE];
};

static int record_save(struct tui *t, struct form *fm, void *vctx, bool confirmed, wg_error *err)
{
	struct record_ctx *ctx = vctx;
	const char *id = *ctx->id ? ctx->id : NULL;
	struct wg_change ch[WG_MAX_FIELDS];
	char *vals[WG_MAX_FIELDS];
	size_t n = 0;
	wg_record *old = NULL;
	int rc;

	if (id && (rc = wg_db_load(t->ws->db, ctx->kind, id, &old, err)))
		return rc;
	for (int i = 0; i < fm->n; i++) {
		struct form_field *ff = &fm->f[i];
		if (ff->readonly)
			continue;
		char *v = form_value(ff);
		bool keep = old ? strcmp(v, wg_record_get(old, ff->name)) != 0 : *v != 0;
		if (!keep) {
			free(v);
			continue;
		}
		vals[n] = v;
		ch[n].field = ff->name;
		ch[n].value = v;
		n++;
	}
	if (old) {
		rc = n ? wg_modify(t->ws, ctx->kind, id, ch, n, confirmed, err) : WG_OK;
		if (rc == WG_OK)
			tui_message(t, n ? _("Saved.") : _("Nothing was changed."));
	} else {
		wg_record *rec = wg_record_new(ctx->kind);
		if (*ctx->preset_field)
			ch[n++] = (struct wg_change){ctx->preset_field, ctx->preset_value};
		rc = wg_fill(rec, ch, n, confirmed, err);
		if (*ctx->preset_field)
			n--;
		if (rc == WG_OK)
			rc = ctx->add(t->ws, rec, err);
		if (rc == WG_OK)
			tui_message(t, _("Added %s."), wg_record_get(rec, "name"));
		wg_record_free(rec);
	}
	for (size_t i = 0; i < n; i++)
		free(vals[i]);
	wg_record_free(old);
	return rc;
}

struct screen *record_form_open(struct tui *t, const struct wg_kind *k, const char *id,
				const char *preset_field, const char *preset_value, record_add_fn add,
				const char *title)
{
	wg_record *rec = NULL;
	wg_error err;
	struct form fm;

	if (id && wg_db_load(t->ws->db, k, id, &rec, &err)) {
		tui_error(t, "%s", err.msg);
		return NULL;
	}
	if (wg_may_edit(t->ws, k, NULL, id == NULL, &err)) {
		tui_error(t, "%s", err.msg);
		wg_record_free(rec);
		return NULL;
	}
	form_init(&fm);
	for (size_t i = 0; i < k->nfields; i++) {
		const struct wg_field *f = &k->fields[i];
		if (f->flags & FF_HIDDEN)
			continue;
		/* a fixed value, and a grid that follows from it, are not asked */
		if (preset_field && (strcmp(f->name, preset_field) == 0 ||
				     (k->grid_field >= 0 && (size_t)k->grid_field == i)))
			continue;
		const char *v = rec ? rec->val[i] : "";
		struct form_field *ff;
		if (strcmp(f->name, "grid") == 0) {
			ff = form_add_choice(&fm, f->name, _(f->label));
			wg_rows grids;
			if (t->ws->role == ROLE_OFFICER && t->ws->grid) {
				form_choice_add(ff, t->ws->grid, t->ws->grid);
			} else if (wg_grid_codes(t->ws->db, &grids, &err) == WG_OK) {
				for (size_t g = 0; g < grids.nrows; g++) {
					char *l = xasprintf("%s %s", wg_rows_get(&grids, g, 0),
							    wg_rows_get(&grids, g, 1));
					form_choice_add(ff, wg_rows_get(&grids, g, 0), l);
					free(l);
				}
				wg_rows_free(&grids);
			}
			if (*v)
				form_choice_set(ff, v);
		} else if (f->check == CHECK_CATEGORY) {
			ff = form_add_choice(&fm, f->name, _(f->label));
			for (size_t c = 0; c < wg_ncategories; c++) {
				char *l = xasprintf("%s %s", wg_categories[c].code,
						    _(wg_categories[c].label));
				form_choice_add(ff, wg_categories[c].code, l);
				free(l);
			}
			if (*v)
				form_choice_set(ff, v);
		} else if (f->type == FT_ENUM) {
			ff = form_add_choice(&fm, f->name, _(f->label));
			if (!(f->flags & FF_REQUIRED))
				form_choice_add(ff, "", _("(not set)"));
			for (const struct wg_option *o = f->options; o->value; o++)
				form_choice_add(ff, o->value, _(o->label));
			if (*v)
				form_choice_set(ff, v);
		} else {
			ff = form_add_text(&fm, f->name, _(f->label), v, f->max_chars);
		}
		ff->schema = f;
		if (rec)
			ff->orig = xstrdup(v);
		ff->readonly = wg_may_edit(t->ws, k, f, id == NULL, &err) != WG_OK;
	}
	/* Start on the name: the field everyone fills in. */
	for (int i = 0; i < fm.n; i++)
		if (strcmp(fm.f[i].name, "name") == 0)
			fm.cur = i;
	struct record_ctx *ctx = xcalloc(1, sizeof *ctx);
	ctx->kind = k;
	ctx->add = add;
	snprintf(ctx->id, sizeof ctx->id, "%s", id ? id : "");
	if (preset_field) {
		snprintf(ctx->preset_field, sizeof ctx->preset_field, "%s", preset_field);
		snprintf(ctx->preset_value, sizeof ctx->preset_value, "%s", preset_value);
	}
	struct screen *s = formscreen_open(t, title, &fm, record_save, ctx, 1);
	formscreen_own_ctx(s);
	wg_record_free(rec);
	return s;
}

char *record_form_name(struct tui *t, const struct wg_kind *k, const char *id)
{
	wg_record *rec;
	wg_error err;
	if (!id || wg_db_load(t->ws->db, k, id, &rec, &err))
		return NULL;
	char *name = xstrdup(wg_record_get(rec, "name"));
	wg_record_free(rec);
	return name;
}

struct screen *entity_form_open(struct tui *t, const char *id)
{
	char *name = record_form_name(t, &wg_kind_entity, id);
	char *title = name ? xasprintf(_("Edit entity: %s"), name) : xstrdup(_("New entity"));
	free(name);
	struct screen *s = record_form_open(t, &wg_kind_entity, id, NULL, NULL, wg_add, title);
	free(title);
	return s;
}
