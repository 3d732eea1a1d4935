/* A screen around a form: ^S (F2) saves (asking first when a value needs the
 * user's confirmation, e.g. an old USCC whose check character fails, or when the
 * caller wants a last yes before an act that cannot be undone), Esc cancels,
 * asking first when something was typed. Above the fields it can show a page to
 * review (what signing will record). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "paint.h"
#include "i18n.h"
#include "textview.h"
#include "screens.h"
#include "strbuf.h"

struct formscreen {
	struct screen base;
	char *title;
	struct form form;
	form_save_fn save;
	void *ctx;
	bool own_ctx;
	enum { ASK_NONE, ASK_SAVE_ANYWAY, ASK_CONFIRM, ASK_DISCARD } asking; /* y/n on the message line */
	char **initial;        /* the values it opened with: anything else was typed */
	char *question;        /* asked before every save, or NULL */
	struct textview review;/* shown above the fields when it has lines */
	form_keep_fn keep;     /* hands typed values back when it closes unsaved */
};

static const enum action form_actions[] = {
	ACT_HELP, ACT_SAVE, ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_LEFT, ACT_RIGHT, ACT_BACK, ACT_QUIT,
	ACT_PGUP, ACT_PGDN, ACT_NONE,
};

static bool fs_unsaved(struct screen *s)
{
	struct formscreen *fs = (struct formscreen *)s;
	for (int i = 0; i < fs->form.n; i++) {
		char *v = form_value(&fs->form.f[i]);
		bool same = strcmp(v, fs->initial[i]) == 0;
		free(v);
		if (!same)
			return true;
	}
	return false;
}

/* Rows the fields take, with their messages. */
static int fields_rows(const struct form *fm)
{
	int n = 0;
	for (int i = 0; i < fm->n; i++)
		n += fm->f[i].error || fm->f[i].warning ? 2 : 1;
	return n;
}

static bool fs_text_mode(struct screen *s)
{
	/* Every printable key is input here (a choice takes Space, + and -): a
	 * stray "q" must not throw away what was typed. */
	return !((struct formscreen *)s)->asking;
}

static void fs_draw(struct tui *t, struct screen *s)
{
	struct formscreen *fs = (struct formscreen *)s;
	int y = t->lay.body_top;
	draw_text(y, 1, t->lay.cols - 2, fs->title, draw_attr(C_HEADER));
	int rows = t->lay.body_rows - 2;
	if (fs->review.n > 0) {
		/* The review above, the fields at the bottom where the cursor is. */
		int frows = fields_rows(&fs->form);
		if (frows > rows / 2)
			frows = rows / 2;
		tv_draw(t, &fs->review, y + 1, rows - frows);
		form_draw(t, &fs->form, y + 2 + rows - frows, frows);
	} else {
		form_draw(t, &fs->form, y + 2, rows);
	}
	if (fs->asking)
		tui_cursor(t, -1, -1);
}

static struct next try_save(struct tui *t, struct formscreen *fs, bool confirmed)
{
	wg_error err;
	if (!form_check(&fs->form)) {
		tui_error(t, _("Not saved: %s"), fs->form.f[fs->form.cur].error);
		return NEXT(NEXT_REDRAW);
	}
	if (!confirmed && form_has_warning(&fs->form)) {
		for (int i = 0; i < fs->form.n; i++)
			if (fs->form.f[i].warning) {
				fs->form.cur = i;
				tui_error(t, _("Save anyway? (y/n) %s"), fs->form.f[i].warning);
				break;
			}
		fs->asking = ASK_SAVE_ANYWAY;
		t->confirm_pending = true;
		return NEXT(NEXT_REDRAW);
	}
	memset(&err, 0, sizeof err);
	int rc = fs->save(t, &fs->form, fs->ctx, confirmed, &err);
	if (rc == WG_OK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (err.confirmable && !confirmed) {
		tui_error(t, _("Save anyway? (y/n) %s"), err.msg);
		fs->asking = ASK_SAVE_ANYWAY;
		t->confirm_pending = true;
	} else {
		tui_error(t, _("Not saved: %s"), err.msg);
	}
	return NEXT(NEXT_REDRAW);
}

/* Ask the caller's question first, then save. */
static struct next save_asked(struct tui *t, struct formscreen *fs)
{
	if (!fs->question)
		return try_save(t, fs, false);
	if (!form_check(&fs->form)) {
		tui_error(t, _("Not saved: %s"), fs->form.f[fs->form.cur].error);
		return NEXT(NEXT_REDRAW);
	}
	tui_message(t, "%s", fs->question);
	fs->asking = ASK_CONFIRM;
	t->confirm_pending = true;
	return NEXT(NEXT_REDRAW);
}

static struct next close_unsaved(struct tui *t, struct formscreen *fs)
{
	if (fs->keep) {
		fs->keep(t, &fs->form, fs->ctx);
		tui_message(t, _("Closed without saving; what you typed is kept for next time."));
	} else {
		tui_message(t, _("Cancelled: nothing was saved."));
	}
	return NEXT(NEXT_POP | NEXT_REDRAW);
}

static struct next fs_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct formscreen *fs = (struct formscreen *)s;
	if (fs->asking) {
		int asked = fs->asking;
		fs->asking = ASK_NONE;
		t->confirm_pending = false;
		bool yes = tui_answer_yes(key);
		if (asked == ASK_DISCARD) {
			if (yes)
				return close_unsaved(t, fs);
			tui_message(t, _("Kept: go on typing."));
			return NEXT(NEXT_REDRAW);
		}
		if (yes)
			return try_save(t, fs, asked == ASK_SAVE_ANYWAY);
		tui_message(t, _("Not saved."));
		return NEXT(NEXT_REDRAW);
	}
	if (a == ACT_SAVE || a == ACT_SIGN)
		return save_asked(t, fs);
	if (a == ACT_PGUP || a == ACT_PGDN) {
		tv_move(&fs->review, a);
		return NEXT(NEXT_REDRAW);
	}
	if (a == ACT_BACK && key == K_ESC) {
		if (!fs->keep && fs_unsaved(s)) {
			tui_error(t, _("Throw away what you typed? (y/n)"));
			fs->asking = ASK_DISCARD;
			t->confirm_pending = true;
			return NEXT(NEXT_REDRAW);
		}
		return close_unsaved(t, fs);
	}
	if (form_key(&fs->form, a, key)) {
		if (!t->message_error)
			t->message[0] = 0;
		return NEXT(NEXT_REDRAW);
	}
	return NEXT(NEXT_NONE);
}

static struct next fs_click(struct tui *t, struct screen *s, int y, int x)
{
	struct formscreen *fs = (struct formscreen *)s;
	if (fs->asking)
		return NEXT(NEXT_NONE);
	return form_click(&fs->form, y, x) ? NEXT(NEXT_REDRAW) : NEXT(NEXT_NONE);
}

static void fs_destroy(struct screen *s)
{
	struct formscreen *fs = (struct formscreen *)s;
	for (int i = 0; i < fs->form.n; i++)
		free(fs->initial[i]);
	free(fs->initial);
	form_free(&fs->form);
	tv_clear(&fs->review);
	free(fs->question);
	free(fs->title);
	if (fs->own_ctx)
		free(fs->ctx);
	free(fs);
}

static const struct screen_ops form_ops = {
	.title = N_("Form"),
	.actions = form_actions,
	.text_mode = fs_text_mode,
	.draw = fs_draw,
	.key = fs_key,
	.click = fs_click,
	.unsaved = fs_unsaved,
	.destroy = fs_destroy,
};

struct screen *formscreen_open(struct tui *t, const char *title, struct form *fm,
			       form_save_fn save, void *ctx, int tab)
{
	struct formscreen *fs = xcalloc(1, sizeof *fs);
	fs->base.ops = &form_ops;
	fs->base.tab = tab;
	fs->title = xstrdup(title);
	fs->form = *fm;
	fs->save = save;
	fs->ctx = ctx;
	fs->initial = xcalloc((size_t)fm->n + 1, sizeof *fs->initial);
	for (int i = 0; i < fm->n; i++)
		fs->initial[i] = form_value(&fm->f[i]);
	fs->review.sel = -1;
	return &fs->base;
}

void formscreen_confirm(struct screen *s, const char *question)
{
	struct formscreen *fs = (struct formscreen *)s;
	free(fs->question);
	fs->question = xstrdup(question);
}

struct textview *formscreen_review(struct screen *s)
{
	return &((struct formscreen *)s)->review;
}

void formscreen_keep(struct screen *s, form_keep_fn keep)
{
	((struct formscreen *)s)->keep = keep;
}

void formscreen_own_ctx(struct screen *s)
{
	((struct formscreen *)s)->own_ctx = true;
}
