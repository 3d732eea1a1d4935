/* History (记录): who changed what and when, from the git history, for the
 * workspace's grid or for one record. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paint.h"
#include "i18n.h"
#include "list.h"
#include "screens.h"
#include "strbuf.h"
#include "keys.h"
#include "sync.h"
#include "timeutil.h"

#define HISTORY_MAX 500

struct history {
	struct screen base;
	char *title;
	char **when, **who, **what, **sig;
	long *import; /* the import an entry is, 0: a commit */
	size_t n, alloc;
	struct list list;
};

static const enum action history_actions[] = {
	ACT_HELP, ACT_OPEN, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static void collect(const struct wg_log_entry *e, void *payload)
{
	struct history *h = payload;
	if (e->part_of)
		return; /* one line for an import: Enter opens what it did */
	if (h->n == h->alloc) {
		h->alloc = h->alloc ? h->alloc * 2 : 64;
		h->when = xrealloc(h->when, h->alloc * sizeof(char *));
		h->who = xrealloc(h->who, h->alloc * sizeof(char *));
		h->what = xrealloc(h->what, h->alloc * sizeof(char *));
		h->sig = xrealloc(h->sig, h->alloc * sizeof(char *));
		h->import = xrealloc(h->import, h->alloc * sizeof(long));
	}
	h->import[h->n] = e->import;
	/* who signed it: the holder of the registered key, and whether it is good */
	const char *state = wg_commit_sig_short((enum wg_commit_sig)e->sig);
	h->sig[h->n] = e->signer && (e->sig == WG_SIG_GOOD || e->sig == WG_SIG_REVOKED_OK)
			       ? xasprintf("%s %s", state, e->signer)
			       : xstrdup(state);
	h->when[h->n] = xstrdup(e->when);
	h->who[h->n] = xstrdup(e->import && e->who ? e->who : e->author ? e->author : "");
	h->what[h->n] = xstrdup(e->subject ? e->subject : "");
	h->n++;
}

static const char *cell(void *ctx, long row, int col)
{
	struct history *h = ctx;
	return col == 0 ? h->when[row] : col == 1 ? h->who[row] : col == 2 ? h->sig[row] : h->what[row];
}

static void history_draw(struct tui *t, struct screen *s)
{
	struct history *h = (struct history *)s;
	struct list_column cols[] = {
		{_("When"), {16, 16, 0, true}},
		{_("Who"), {6, 16, 1, false}},
		/* TRANSLATORS: a column of the history: who signed a change, and is it good */
		{_("Signed"), {6, 18, 1, false}},
		{_("What"), {10, 0, 4, false}},
	};
	draw_text(t->lay.body_top, 1, t->lay.cols - 2, h->title, A_BOLD);
	list_draw(t, &h->list, t->lay.body_top + 1, t->lay.body_rows - 1, cols, 4, cell, h);
	if (h->n == 0)
		draw_text(t->lay.body_top + 3, 2, t->lay.cols - 3,
			  _("No history yet: changes enter it when a bundle is written."), A_NORMAL);
}

static struct next history_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct history *h = (struct history *)s;
	if (list_move(&h->list, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_OPEN && h->n) {
		long id = h->import[h->list.sel];
		if (!id) {
			tui_error(t, _("A change made here: only an import's entry opens, to its records."));
			return NEXT(NEXT_REDRAW);
		}
		return (struct next){NEXT_PUSH | NEXT_REDRAW, imports_open(t, &id, 1)};
	}
	if (a == ACT_BACK && h->base.tab < 0)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	return NEXT(NEXT_NONE);
}

static struct next history_click(struct tui *t, struct screen *s, int y, int x)
{
	return list_click(&((struct history *)s)->list, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void history_destroy(struct screen *s)
{
	struct history *h = (struct history *)s;
	for (size_t i = 0; i < h->n; i++) {
		free(h->when[i]);
		free(h->who[i]);
		free(h->what[i]);
		free(h->sig[i]);
	}
	free(h->when);
	free(h->who);
	free(h->what);
	free(h->sig);
	free(h->import);
	free(h->title);
	free(h);
}

static const struct screen_ops history_ops = {
	.title = N_("History"),
	.actions = history_actions,
	.draw = history_draw,
	.key = history_key,
	.click = history_click,
	.destroy = history_destroy,
};

/* The county: its officers' imports land on the grids' branches, not on the
 * common one this screen lists; each is one line among its changes, by time
 * (both lists come newest first). */
static void add_imports(struct tui *t, struct history *h)
{
	struct wg_import_entry *v;
	size_t n;
	wg_error err;
	if (wg_imports_list(t->ws, HISTORY_MAX, &v, &n, &err)) {
		tui_error(t, "%s", err.msg);
		return;
	}
	struct history old = *h;
	size_t total = old.n + n, i = 0, k = 0;
	h->when = xcalloc(total ? total : 1, sizeof(char *));
	h->who = xcalloc(total ? total : 1, sizeof(char *));
	h->what = xcalloc(total ? total : 1, sizeof(char *));
	h->sig = xcalloc(total ? total : 1, sizeof(char *));
	h->import = xcalloc(total ? total : 1, sizeof(long));
	h->n = 0;
	h->alloc = total;
	while (i < old.n || k < n) {
		char when[64] = "";
		if (k < n)
			wg_timestamp_display(v[k].at, when, sizeof when);
		if (k < n && (i == old.n || strcmp(when, old.when[i]) >= 0)) {
			h->when[h->n] = xstrdup(when);
			h->who[h->n] = xstrdup(v[k].who);
			h->sig[h->n] = xstrdup("");
			h->what[h->n] = xasprintf(_("Import %ld: %s from %s: added %zu, changed %zu, "
						    "deleted %zu, conflicts %zu"), v[k].id, v[k].file,
						  v[k].who, v[k].added, v[k].changed, v[k].deleted,
						  v[k].conflicts);
			h->import[h->n++] = v[k].id;
			k++;
		} else {
			h->when[h->n] = old.when[i];
			h->who[h->n] = old.who[i];
			h->sig[h->n] = old.sig[i];
			h->what[h->n] = old.what[i];
			h->import[h->n++] = old.import[i];
			i++;
		}
	}
	free(old.when);
	free(old.who);
	free(old.what);
	free(old.sig);
	free(old.import);
	wg_imports_free(v, n);
}

struct screen *history_open(struct tui *t, const char *record, const char *name)
{
	struct history *h = xcalloc(1, sizeof *h);
	wg_error err;
	h->base.ops = &history_ops;
	h->base.tab = record ? -1 : 5;
	h->title = record ? xasprintf(_("Changes of %s"), name ? name : record)
			  : xstrdup(t->ws->role == ROLE_OFFICER ? _("Changes in this grid")
								: _("Changes to county records"));
	if (wg_sync_log(t->ws, NULL, record, HISTORY_MAX, collect, h, &err))
		tui_error(t, "%s", err.msg);
	else if (t->ws->role == ROLE_COUNTY && !record)
		add_imports(t, h);
	h->list.count = (long)h->n;
	return &h->base;
}
