/* Help: every key of the screen it was opened from, from the action table,
 * and how search works. */
#include <config.h>

#include <stdbool.h>
#include <string.h>

#include <stdio.h>
#include <stdlib.h>

#include "ime.h"
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

/* One line of help: the action's keys, as the bar names them, then what it
 * does. In a text field (tm) a printable key is text, so it is left out: help
 * never names a key that would type a letter there. */
static void help_action(struct help *h, enum action a, bool tm)
{
	int shown = action_key(a, tm);
	if (!shown || (tm && action_key_is_fkey(shown)))
		return; /* no key of it works here now, or only an F-key: as on the bar */
	strbuf keys = STRBUF_INIT;
	char line[300];
	for (int i = 0; i < 3; i++) {
		char kb[16];
		int k = action_defs[a].keys[i];
		if (!k || !action_key_usable(k, tm))
			continue;
		/* '\n', '\r' and KEY_ENTER are all "Enter": name each key once */
		const char *name = action_key_name(k, kb);
		bool seen = false;
		for (int j = 0; j < i; j++) {
			char prev[16];
			int pk = action_defs[a].keys[j];
			seen |= pk && strcmp(action_key_name(pk, prev), name) == 0;
		}
		if (!seen)
			sb_addf(&keys, "%s%s", keys.len ? " " : "", name);
	}
	snprintf(line, sizeof line, "%s: %s", _(action_defs[a].label), _(action_defs[a].help));
	tv_field(&h->tv, sb_str(&keys), line);
	sb_release(&keys);
}

static bool listed(const enum action *acts, enum action a)
{
	for (; *acts != ACT_NONE; acts++)
		if (*acts == a)
			return true;
	return false;
}

struct screen *help_open(struct tui *t, const struct screen *about)
{
	struct help *h = xcalloc(1, sizeof *h);
	h->base.ops = &help_ops;
	h->base.tab = about->tab;
	char line[300];
	const enum action *acts = about->ops->actions;
	/* what the bar shows is what help shows: the keys usable now */
	bool tm = about->ops->text_mode && about->ops->text_mode((struct screen *)about);
	snprintf(line, sizeof line, _("Keys of this screen (%s)"), _(about->ops->title));
	tv_heading(&h->tv, line);
	for (const enum action *a = acts; *a != ACT_NONE; a++)
		help_action(h, *a, tm);
	/* The keys that work on every screen (tui.c's handle_key acts on them
	 * before the screen does: keep the two lists alike), those the screen's
	 * own list leaves out; the pinyin key where the screen has text fields,
	 * as the bar shows it there. */
	static const enum action everywhere[] = {
		ACT_QUIT, ACT_SEARCH, ACT_CLUE, ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC,
		ACT_CONFLICTS, ACT_LOG, ACT_REDRAW, ACT_NONE,
	};
	bool pinyin = about->ops->text_mode && ime_built_in() && !listed(acts, ACT_PINYIN);
	bool more = pinyin;
	for (const enum action *a = everywhere; *a != ACT_NONE; a++)
		more |= !listed(acts, *a) && action_key(*a, tm) &&
			!(tm && action_key_is_fkey(action_key(*a, tm)));
	if (more) {
		tv_heading(&h->tv, "");
		tv_heading(&h->tv, _("Keys of every screen"));
		if (pinyin)
			help_action(h, ACT_PINYIN, true);
		for (const enum action *a = everywhere; *a != ACT_NONE; a++)
			if (!listed(acts, *a))
				help_action(h, *a, tm);
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
