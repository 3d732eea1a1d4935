/* Help: every key of the screen it was opened from, from the action table,
 * and how search works. */
#include <config.h>

#include <stdbool.h>
#include <string.h>

#include <stdio.h>
#include <stdlib.h>

#include "paint.h"
#include "i18n.h"
#include "screens.h"
#include "strbuf.h"
#include "textview.h"

struct help {
	struct screen base;
	struct textview tv;
};

static const enum action help_actions[] = {
	ACT_HELP, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_NONE,
};

static void help_draw(struct tui *t, struct screen *s)
{
	struct help *h = (struct help *)s;
	tv_draw(t, &h->tv, t->lay.body_top, t->lay.body_rows);
}

static struct next help_key(struct tui *t, struct screen *s, enum action a, int key)
{
	struct help *h = (struct help *)s;
	if (tv_move(&h->tv, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_BACK || a == ACT_OPEN)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	return NEXT(NEXT_NONE);
}

static void help_destroy(struct screen *s)
{
	tv_clear(&((struct help *)s)->tv);
	free(s);
}

const struct screen_ops help_ops = {
	.title = N_("Help"),
	.actions = help_actions,
	.draw = help_draw,
	.key = help_key,
	.destroy = help_destroy,
};

struct screen *help_open(struct tui *t, const struct screen *about)
{
	struct help *h = xcalloc(1, sizeof *h);
	h->base.ops = &help_ops;
	h->base.tab = about->tab;
	char line[300];
	snprintf(line, sizeof line, _("Keys of this screen (%s)"), _(about->ops->title));
	tv_heading(&h->tv, line);
	for (const enum action *a = about->ops->actions; *a != ACT_NONE; a++) {
		strbuf keys = STRBUF_INIT;
		for (int i = 0; i < 3; i++) {
			char kb[16];
			int k = action_defs[*a].keys[i];
			if (!k)
				continue;
			/* '\n', '\r' and KEY_ENTER are all "Enter": name each key once */
			const char *name = action_key_name(k, kb);
			bool seen = false;
			for (int j = 0; j < i; j++) {
				char prev[16];
				int pk = action_defs[*a].keys[j];
				seen |= pk && strcmp(action_key_name(pk, prev), name) == 0;
			}
			if (!seen)
				sb_addf(&keys, "%s%s", keys.len ? " " : "", name);
		}
		snprintf(line, sizeof line, "%s: %s", _(action_defs[*a].label),
			 _(action_defs[*a].help));
		tv_field(&h->tv, sb_str(&keys), line);
		sb_release(&keys);
	}
	tv_heading(&h->tv, "");
	tv_heading(&h->tv, _("Searching entities"));
	tv_line(&h->tv, _("Type part of a name, address, credit code or phone number: 卫生院"));
	tv_line(&h->tv, _("or the first letters of the pinyin of a name: zsxws finds 中山乡卫生院"));
	tv_line(&h->tv, _("or / and a regular expression: /^东湖.*室$"));
	tv_line(&h->tv, _("Enter keeps the result, Esc clears the search."));
	tv_heading(&h->tv, "");
	tv_line(&h->tv, _("The mouse works too: click a line, a field, a tab or a key below."));
	return &h->base;
}
