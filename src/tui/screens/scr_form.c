/* A screen around a form: F2 saves (asking first when a value needs the user's
 * confirmation, e.g. an old USCC whose check character fails), Esc cancels. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "paint.h"
#include "i18n.h"
#include "screens.h"
#include "strbuf.h"

struct formscreen {
	struct screen base;
	char *title;
	struct form form;
	form_save_fn save;
	void *ctx;
	bool own_ctx;
	bool asking;   /* waiting for y/n on the message line */
};

static const enum action form_actions[] = {
	ACT_HELP, ACT_SAVE, ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_LEFT, ACT_RIGHT, ACT_BACK, ACT_QUIT,
	ACT_NONE,
};

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
	form_draw(t, &fs->form, y + 2, t->lay.body_rows - 2);
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
		fs->asking = true;
		t->confirm_pending = true;
		return NEXT(NEXT_REDRAW);
	}
	memset(&err, 0, sizeof err);
	int rc = fs->save(t, &fs->form, fs->ctx, confirmed, &err);
	if (rc == WG_OK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (err.confirmable && !confirmed) {
		tui_error(t, _("Save anyway? (y/n) %s"), err.msg);
		fs->asking = true;
		t->confirm_pending = true;
	} else {
		tui_error(t, _("Not saved: %s"), err.msg);
	}
	return NEXT(NEXT_REDRAW);
}

static struct next fs_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct formscreen *fs = (struct formscreen *)s;
	if (fs->asking) {
		fs->asking = false;
		t->confirm_pending = false;
		/* TRANSLATORS: the letter that answers "yes" to "save anyway? (y/n)". */
		const char *yes = _("y");
		if (key == 'y' || key == 'Y' || (key > 0 && (uint32_t)key == (unsigned char)yes[0]))
			return try_save(t, fs, true);
		tui_message(t, _("Not saved."));
		return NEXT(NEXT_REDRAW);
	}
	if (a == ACT_SAVE)
		return try_save(t, fs, false);
	if (a == ACT_BACK && key == K_ESC) {
		tui_message(t, _("Cancelled: nothing was saved."));
		return NEXT(NEXT_POP | NEXT_REDRAW);
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
	form_free(&fs->form);
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
	return &fs->base;
}

void formscreen_own_ctx(struct screen *s)
{
	((struct formscreen *)s)->own_ctx = true;
}
