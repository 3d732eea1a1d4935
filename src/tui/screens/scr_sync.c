/* Sync (同步): write a bundle for the county (or, on the county, for a grid's
 * officers) into a folder such as a USB stick, read bundles, and see what
 * each import did. All through the sync core (sync.h), as the CLI does.
 * Folders and files are chosen (scr_files.c); t there types a path instead. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "browse.h"
#include "dashboard.h"
#include "paint.h"
#include "i18n.h"
#include "screens.h"
#include "strbuf.h"
#include "sync.h"
#include "textview.h"
#include "timeutil.h"

struct sync_scr {
	struct screen base;
	struct textview tv;
	char *last_result; /* lines about the last import or export, '\n'-separated */
	long *imported;    /* the imports the last import made (what it did: w) */
	size_t nimported;
};

static const enum action sync_actions[] = {
	ACT_HELP, ACT_EXPORT, ACT_IMPORT, ACT_IMPORTS, ACT_KEYS, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN,
	ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static void load(struct tui *t, struct sync_scr *s)
{
	struct wg_dashboard d;
	wg_error err;
	wg_rows rows;
	char line[700];

	tv_clear(&s->tv);
	if (s->last_result) {
		tv_heading(&s->tv, _("Last operation"));
		char *copy = xstrdup(s->last_result), *save = NULL;
		for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
			tv_wrapped(&s->tv, l, t->lay.cols - 4);
		free(copy);
		tv_line(&s->tv, "");
	}
	tv_heading(&s->tv, t->ws->role == ROLE_OFFICER ? _("Sending to the county")
						  : _("Sending to the officers"));
	if (wg_dashboard_load(t->ws, 1, &d, &err) == WG_OK) {
		snprintf(line, sizeof line, d.unsent >= WG_DASH_CAP ? "%ld+" : "%ld", d.unsent);
		tv_field(&s->tv, _("Changes not yet sent"), line);
		wg_dashboard_free(&d);
	}
	/* the keys, read whole at any width (wrapped, as the result above) */
	int w = t->lay.cols - 4;
	tv_wrapped(&s->tv, t->ws->role == ROLE_OFFICER
		   ? _("Press x to write a bundle for the county, i to read one from it.")
		   : _("Press x to write a grid's bundle for its officers, i to read theirs."), w);
	tv_wrapped(&s->tv, _("Press w for what each import did: who sent it, and its records."), w);
	tv_wrapped(&s->tv, t->ws->role == ROLE_OFFICER
		   ? _("Press K for your signing key: its fingerprint, and whether the county "
		       "registered it.")
		   : _("Press K for the signing keys: register an officer's key, or revoke one."), w);
	tv_line(&s->tv, "");
	tv_heading(&s->tv, _("Bundle files written and read"));
	if (wg_sync_recent(t->ws->db, 30, &rows, &err) == WG_OK) {
		for (size_t r = 0; r < rows.nrows; r++) {
			char when[40];
			wg_timestamp_display(wg_rows_get(&rows, r, 0), when, sizeof when);
			snprintf(line, sizeof line, "%s  %s  %s", when,
				 strcmp(wg_rows_get(&rows, r, 1), "sent") == 0 ? _("written") : _("read"),
				 wg_rows_get(&rows, r, 2));
			tv_line(&s->tv, line);
		}
		if (rows.nrows == 0)
			tv_line(&s->tv, _("(none yet)"));
		wg_rows_free(&rows);
	} else {
		tui_error(t, "%s", err.msg);
	}
}

static void sync_draw(struct tui *t, struct screen *sc)
{
	struct sync_scr *s = (struct sync_scr *)sc;
	tv_draw(t, &s->tv, t->lay.body_top + 1, t->lay.body_rows - 1);
}

static void set_result(struct sync_scr *s, char *text)
{
	free(s->last_result);
	s->last_result = text;
}

static int do_export(struct tui *t, struct sync_scr *s, const char *grid, const char *path,
		     wg_error *err)
{
	struct wg_export_result res = {0};
	if (!*path)
		return wg_fail(err, WG_EINPUT, _("give the folder (or file) to write the bundle to"));
	int rc = wg_sync_export(t->ws, grid, path, false, &res, err);
	if (rc == WG_OK) {
		strbuf seal = STRBUF_INIT;
		wg_export_seal_text(res.sealed_to, res.plain_why, &seal);
		set_result(s, xasprintf(_("Wrote %s: %zu bytes, %zu records committed first. %s"),
					res.path, res.size, res.records, sb_str(&seal)));
		tui_message(t, res.sealed_to ? _("Wrote %s, sealed for %s.") : _("Wrote %s, not sealed."),
			    res.path, res.sealed_to);
		sb_release(&seal);
		wg_export_result_free(&res);
	}
	return rc;
}

static int export_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	char *path = form_value(form_find(fm, "path"));
	struct form_field *gf = form_find(fm, "grid");
	char *grid = gf ? form_value(gf) : NULL;
	int rc = do_export(t, ctx, grid, path, err);
	free(path);
	free(grid);
	return rc;
}

/* The export form: the path (a suggestion the first key typed replaces) and,
 * on the county, the grid. */
static struct screen *export_form(struct tui *t, void *ctx, const char *dir)
{
	struct form fm;
	form_init(&fm);
	struct form_field *pf = form_add_text(&fm, "path", _("Folder or file"), dir, 1000);
	pf->replace = true;
	if (t->ws->role != ROLE_OFFICER) {
		struct form_field *ff = form_add_choice(&fm, "grid", _("Grid"));
		wg_rows grids;
		wg_error err;
		if (wg_grid_codes(t->ws->db, &grids, &err) == WG_OK) {
			for (size_t g = 0; g < grids.nrows; g++) {
				char *l = xasprintf("%s %s", wg_rows_get(&grids, g, 0),
						    wg_rows_get(&grids, g, 1));
				form_choice_add(ff, wg_rows_get(&grids, g, 0), l);
				free(l);
			}
			wg_rows_free(&grids);
		}
	}
	return formscreen_open(t, _("Write a bundle"), &fm, export_save, ctx, 3);
}

static struct next export_chosen(struct tui *t, void *ctx, const char *const *paths, size_t n)
{
	wg_error err;
	if (t->ws->role != ROLE_OFFICER) /* the county says which grid's officers it is for */
		return (struct next){NEXT_POP | NEXT_PUSH | NEXT_REDRAW, export_form(t, ctx, paths[0])};
	if (do_export(t, ctx, NULL, paths[0], &err)) {
		tui_error(t, _("Not written: %s"), err.msg);
		return NEXT(NEXT_REDRAW);
	}
	return NEXT(NEXT_POP | NEXT_REDRAW);
}

static int do_import(struct tui *t, struct sync_scr *s, const char *const *paths, size_t n,
		     wg_error *err)
{
	struct wg_import_result res = {0};
	int rc = n ? wg_sync_import(t->ws, paths, n, &res, err)
		   : wg_fail(err, WG_EINPUT, _("give the bundle file(s) to read"));
	if (rc == WG_OK) {
		strbuf sb = STRBUF_INIT;
		size_t conflicts = 0;
		free(s->imported);
		s->imported = xcalloc(res.n ? res.n : 1, sizeof *s->imported);
		s->nimported = 0;
		for (size_t i = 0; i < res.n; i++) {
			struct wg_import_file *f = &res.files[i];
			const char *base = strrchr(f->path, '/') ? strrchr(f->path, '/') + 1 : f->path;
			if (f->already)
				sb_addf(&sb, _("imported before, nothing new: %s"), base);
			else
				sb_addf(&sb, _("added %zu, changed %zu, deleted %zu, conflicts %zu: %s"),
					f->added, f->changed, f->deleted, f->conflicts, base);
			if (f->who)
				/* TRANSLATORS: after an imported file's counts: who sent it */
				sb_addf(&sb, _(", from %s"), f->who);
			sb_addc(&sb, '\n');
			conflicts += f->conflicts;
			if (f->import)
				s->imported[s->nimported++] = f->import;
		}
		if (s->nimported)
			sb_adds(&sb, _("Press w for what it did: the records, each one openable."));
		set_result(s, sb_detach(&sb));
		if (conflicts)
			tui_message(t, ngettext("Imported. %zu conflict to resolve: press 5.",
						"Imported. %zu conflicts to resolve: press 5.", conflicts),
				    conflicts);
		else
			tui_message(t, _("Imported. Press w for what it did."));
	} else if (err->status == WG_EINPUT) {
		/* a refused bundle (damaged, forged, unregistered key): why, in words,
		 * where the clerk looks */
		set_result(s, xasprintf(_("Refused, nothing was changed: %s"), err->msg));
	}
	wg_import_result_free(&res); /* filled in part when refused, too */
	return rc;
}

/* Typed paths: the whole text when it names a file (spaces and all), else
 * words separated by spaces, "quoted" where a path has spaces. */
static size_t split_paths(char *text, char **paths, size_t max)
{
	struct stat st;
	size_t n = 0;
	if (*text && stat(text, &st) == 0 && S_ISREG(st.st_mode)) {
		paths[n++] = text;
		return n;
	}
	char *p = text, *w = text;
	while (*p && n < max) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		paths[n++] = w;
		char quote = 0;
		while (*p && (quote || *p != ' ')) {
			if (*p == '"' || *p == '\'') {
				if (!quote)
					quote = *p;
				else if (quote == *p)
					quote = 0;
				else
					*w++ = *p;
				p++;
				continue;
			}
			*w++ = *p++;
		}
		if (*p)
			p++;
		*w++ = 0;
	}
	return n;
}

static int import_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	char *text = form_value(form_find(fm, "paths"));
	char *paths[64];
	size_t n = split_paths(text, paths, 64);
	int rc = do_import(t, ctx, (const char *const *)paths, n, err);
	free(text);
	return rc;
}

static struct screen *import_form(struct tui *t, void *ctx, const char *dir)
{
	struct form fm;
	form_init(&fm);
	char *start = xasprintf("%s/", strcmp(dir, "/") == 0 ? "" : dir);
	struct form_field *pf = form_add_text(&fm, "paths",
					      _("Bundle files (\"quoted\" where a path has spaces)"),
					      start, 4000);
	pf->replace = true;
	free(start);
	return formscreen_open(t, _("Read bundles"), &fm, import_save, ctx, 3);
}

static struct next import_chosen(struct tui *t, void *ctx, const char *const *paths, size_t n)
{
	struct sync_scr *s = ctx;
	wg_error err;
	if (do_import(t, ctx, paths, n, &err)) {
		tui_error(t, _("Not read: %s"), err.msg);
		return NEXT(NEXT_REDRAW);
	}
	/* what it did, at once: the records, by whom, each openable */
	if (s->nimported)
		return (struct next){NEXT_POP | NEXT_PUSH | NEXT_REDRAW,
				     imports_open(t, s->imported, s->nimported)};
	return NEXT(NEXT_POP | NEXT_REDRAW);
}

static struct next sync_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct sync_scr *s = (struct sync_scr *)sc;
	if (tv_move(&s->tv, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_KEYS)
		return (struct next){NEXT_PUSH | NEXT_REDRAW, keys_open(t)};
	if (a == ACT_IMPORTS)
		return (struct next){NEXT_PUSH | NEXT_REDRAW,
				     s->nimported ? imports_open(t, s->imported, s->nimported)
						  : imports_open(t, NULL, 0)};
	if (a == ACT_EXPORT)
		return (struct next){NEXT_PUSH | NEXT_REDRAW,
				     files_open(t, _("Write a bundle: choose the folder (a USB stick)"),
						false, NULL, export_chosen, export_form, s, 3)};
	if (a == ACT_IMPORT)
		return (struct next){NEXT_PUSH | NEXT_REDRAW,
				     files_open(t, _("Read bundles: choose the files"), true, ".bundle",
						import_chosen, import_form, s, 3)};
	return NEXT(NEXT_NONE);
}

static void sync_resume(struct tui *t, struct screen *sc)
{
	load(t, (struct sync_scr *)sc);
}

static void sync_destroy(struct screen *sc)
{
	struct sync_scr *s = (struct sync_scr *)sc;
	tv_clear(&s->tv);
	free(s->last_result);
	free(s->imported);
	free(s);
}

static const struct screen_ops sync_ops = {
	.title = N_("Sync"),
	.actions = sync_actions,
	.draw = sync_draw,
	.key = sync_key,
	.resume = sync_resume,
	.destroy = sync_destroy,
};

struct screen *sync_open(struct tui *t)
{
	struct sync_scr *s = xcalloc(1, sizeof *s);
	s->base.ops = &sync_ops;
	s->base.tab = 3;
	load(t, s);
	return &s->base;
}
