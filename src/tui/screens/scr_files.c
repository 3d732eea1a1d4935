/* Choosing files, not typing them: a folder to write a bundle to, or bundle
 * files to read. The removable media that are mounted come first, then the
 * home folder and the folder shown, its subfolders and (to read) its bundle
 * files newest first, several of which can be marked. t still lets a path
 * be typed. Paths are whole strings: spaces and Chinese in them just work. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dirlist.h"
#include "i18n.h"
#include "list.h"
#include "paint.h"
#include "screens.h"
#include "strbuf.h"

enum row_kind { ROW_MEDIA, ROW_HOME, ROW_UP, ROW_DIR, ROW_FILE };

struct files_scr {
	struct screen base;
	bool want_files;
	char *suffix;     /* files listed end so, or NULL: every file */
	char *title;
	char *dir;
	struct dir_list media, here;
	bool *marked;     /* per entry of here */
	bool unreadable;  /* the folder could not be read */
	struct list list;
	files_done_fn done;
	files_type_fn type;
	void *ctx;
	char cellbuf[4][400];
};

static const enum action files_actions[] = {
	ACT_HELP, ACT_OPEN, ACT_MARK, ACT_CHOOSE, ACT_TYPE_PATH, ACT_BACK, ACT_QUIT, ACT_UP,
	ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, ACT_LEFT, ACT_NONE,
};

static const enum action folder_actions[] = {
	ACT_HELP, ACT_OPEN, ACT_CHOOSE, ACT_TYPE_PATH, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN,
	ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, ACT_LEFT, ACT_NONE,
};

/* Rows: media, home, up, then the folder's entries. */
static long nfixed(const struct files_scr *f)
{
	return (long)f->media.n + 1 + (strcmp(f->dir, "/") != 0);
}

static enum row_kind kind(const struct files_scr *f, long row, const struct dir_entry **e)
{
	*e = NULL;
	if (row < (long)f->media.n) {
		*e = &f->media.e[row];
		return ROW_MEDIA;
	}
	row -= (long)f->media.n;
	if (row == 0)
		return ROW_HOME;
	if (strcmp(f->dir, "/") != 0 && row == 1)
		return ROW_UP;
	row = row - 1 - (strcmp(f->dir, "/") != 0);
	*e = &f->here.e[row];
	return (*e)->is_dir ? ROW_DIR : ROW_FILE;
}

static void go(struct tui *t, struct files_scr *f, const char *dir)
{
	char *d = xstrdup(dir);
	dirlist_free(&f->here);
	free(f->marked);
	free(f->dir);
	f->dir = d;
	f->unreadable = dirlist_read(f->dir, f->want_files, f->suffix, &f->here) != 0;
	if (f->unreadable)
		tui_error(t, _("Cannot read the folder %s."), f->dir);
	f->marked = xcalloc(f->here.n + 1, sizeof *f->marked);
	f->list.count = nfixed(f) + (long)f->here.n;
	f->list.sel = nfixed(f) < f->list.count ? nfixed(f) : 0;
	f->list.top = 0;
}

static const char *cell(void *ctx, long row, int col)
{
	struct files_scr *f = ctx;
	const struct dir_entry *e;
	enum row_kind k = kind(f, row, &e);
	char *buf = f->cellbuf[col];
	buf[0] = 0;
	switch (col) {
	case 0:
		if (k == ROW_FILE)
			snprintf(buf, 400, "%s", f->marked[e - f->here.e] ? "[x]" : "[ ]");
		break;
	case 1:
		switch (k) {
		/* TRANSLATORS: a USB stick or other removable disk in the file chooser. */
		case ROW_MEDIA: snprintf(buf, 400, _("Removable: %s (%s)"), e->name, e->path); break;
		case ROW_HOME: snprintf(buf, 400, "%s", _("Home folder")); break;
		case ROW_UP: snprintf(buf, 400, "%s", _(".. (up one folder)")); break;
		case ROW_DIR: snprintf(buf, 400, "%s/", e->name); break;
		case ROW_FILE: snprintf(buf, 400, "%s", e->name); break;
		}
		break;
	case 2:
		if (e && k != ROW_MEDIA) {
			time_t tt = (time_t)e->mtime;
			struct tm tm;
			if (localtime_r(&tt, &tm))
				strftime(buf, 400, "%Y-%m-%d %H:%M", &tm);
		}
		break;
	default:
		if (k == ROW_FILE) {
			if (e->size < 10240)
				snprintf(buf, 400, "%lld B", e->size);
			else
				snprintf(buf, 400, "%lld KB", (e->size + 512) / 1024);
		}
		break;
	}
	return buf;
}

static void files_draw(struct tui *t, struct screen *sc)
{
	struct files_scr *f = (struct files_scr *)sc;
	int y = t->lay.body_top;
	draw_text(y, 1, t->lay.cols - 2, f->title, draw_attr(C_HEADER));
	char line[1200];
	snprintf(line, sizeof line, _("Folder: %s"), f->dir);
	draw_text(y + 1, 1, t->lay.cols - 2, line, A_BOLD);
	/* the keys, read whole: on two lines where one is too narrow */
	int hint = draw_wrapped(y + 2, 1, t->lay.cols - 2, 2,
				f->want_files ? _("Enter opens a folder or reads the file; Space marks "
						  "several; ^S reads the marked; t types a path.")
					      : _("Enter opens a folder; ^S writes the bundle into the "
						  "folder shown; t types a path."), A_NORMAL);
	struct list_column cols[] = {
		{"", {3, 3, 0, true}},
		{_("Name"), {10, 0, 1, false}},
		{_("Changed"), {16, 16, 0, true}},
		{_("Size"), {6, 10, 0, true}},
	};
	list_draw(t, &f->list, y + 2 + hint, t->lay.body_rows - 2 - hint, cols,
		  f->want_files ? 4 : 3, cell, f);
	if (f->want_files && f->here.n == 0 && !f->unreadable)
		draw_text(y + 4 + hint + (int)nfixed(f), 2, t->lay.cols - 3,
			  f->suffix ? _("(no bundle files here)") : _("(no files here)"), A_NORMAL);
}

static struct next choose(struct tui *t, struct files_scr *f)
{
	if (!f->want_files) {
		const char *one[] = {f->dir};
		return f->done(t, f->ctx, one, 1);
	}
	const char **paths = xcalloc(f->here.n + 1, sizeof *paths);
	size_t n = 0;
	/* Oldest first: a bundle builds on the ones written before it. */
	for (size_t i = f->here.n; i-- > 0;)
		if (f->marked[i])
			paths[n++] = f->here.e[i].path;
	const struct dir_entry *e;
	if (n == 0 && f->list.count > 0 && kind(f, f->list.sel, &e) == ROW_FILE)
		paths[n++] = e->path;
	struct next nx;
	if (n == 0) {
		tui_error(t, _("No file chosen: mark files with Space, or Enter on one."));
		nx = NEXT(NEXT_REDRAW);
	} else {
		nx = f->done(t, f->ctx, paths, n);
	}
	free(paths);
	return nx;
}

static struct next files_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct files_scr *f = (struct files_scr *)sc;
	const struct dir_entry *e = NULL;
	enum row_kind k = f->list.count ? kind(f, f->list.sel, &e) : ROW_HOME;
	if (a == ACT_BACK && key != K_ESC)
		a = ACT_LEFT; /* Backspace: up one folder */
	if (list_move(&f->list, a))
		return NEXT(NEXT_REDRAW);
	switch (a) {
	case ACT_BACK:
		tui_message(t, _("Cancelled: nothing was written or read."));
		return NEXT(NEXT_POP | NEXT_REDRAW);
	case ACT_LEFT: {
		char *up = dirlist_parent(f->dir);
		go(t, f, up);
		free(up);
		return NEXT(NEXT_REDRAW);
	}
	case ACT_OPEN:
		if (k == ROW_FILE) {
			if (!f->marked[e - f->here.e]) {
				const char *one[] = {e->path};
				bool any = false;
				for (size_t i = 0; i < f->here.n; i++)
					any |= f->marked[i];
				if (!any)
					return f->done(t, f->ctx, one, 1);
			}
			return choose(t, f);
		}
		if (k == ROW_HOME) {
			const char *home = getenv("HOME");
			go(t, f, home && *home ? home : "/");
		} else if (k == ROW_UP) {
			char *up = dirlist_parent(f->dir);
			go(t, f, up);
			free(up);
		} else {
			char *path = xstrdup(e->path);
			go(t, f, path);
			free(path);
		}
		return NEXT(NEXT_REDRAW);
	case ACT_MARK:
		if (k == ROW_FILE) {
			f->marked[e - f->here.e] = !f->marked[e - f->here.e];
			if (f->list.sel + 1 < f->list.count)
				f->list.sel++;
		}
		return NEXT(NEXT_REDRAW);
	case ACT_CHOOSE:
		return choose(t, f);
	case ACT_TYPE_PATH: {
		struct screen *typed = f->type(t, f->ctx, f->dir);
		return typed ? (struct next){NEXT_POP | NEXT_PUSH | NEXT_REDRAW, typed}
			     : NEXT(NEXT_REDRAW);
	}
	default:
		return NEXT(NEXT_NONE);
	}
}

static struct next files_click(struct tui *t, struct screen *sc, int y, int x)
{
	return list_click(&((struct files_scr *)sc)->list, y) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void files_destroy(struct screen *sc)
{
	struct files_scr *f = (struct files_scr *)sc;
	dirlist_free(&f->media);
	dirlist_free(&f->here);
	free(f->marked);
	free(f->dir);
	free(f->suffix);
	free(f->title);
	free(f);
}

static const struct screen_ops files_ops = {
	.title = N_("Files"),
	.actions = files_actions,
	.draw = files_draw,
	.key = files_key,
	.click = files_click,
	.destroy = files_destroy,
};

static const struct screen_ops folder_ops = {
	.title = N_("Folder"),
	.actions = folder_actions,
	.draw = files_draw,
	.key = files_key,
	.click = files_click,
	.destroy = files_destroy,
};

struct screen *files_open(struct tui *t, const char *title, bool want_files, const char *suffix,
			  files_done_fn done, files_type_fn type, void *ctx, int tab)
{
	struct files_scr *f = xcalloc(1, sizeof *f);
	f->suffix = suffix ? xstrdup(suffix) : NULL;
	f->base.ops = want_files ? &files_ops : &folder_ops;
	f->base.tab = tab;
	f->title = xstrdup(title);
	f->want_files = want_files;
	f->done = done;
	f->type = type;
	f->ctx = ctx;
	const char *patterns = getenv("WANGGE_MEDIA");
	dirlist_media(patterns && *patterns ? patterns : DIRLIST_MEDIA, &f->media);
	const char *home = getenv("HOME");
	/* A stick that is plugged in is where the bundle most likely goes. */
	go(t, f, f->media.n ? f->media.e[0].path : home && *home ? home : "/");
	return &f->base;
}

void files_show(struct tui *t, struct screen *s, const char *dir, const char *select)
{
	struct files_scr *f = (struct files_scr *)s;
	go(t, f, dir);
	for (size_t i = 0; select && i < f->here.n; i++)
		if (strcmp(f->here.e[i].path, select) == 0)
			f->list.sel = nfixed(f) + (long)i;
}
