/* Signing keys (签名密钥): this workspace's fingerprint to read aloud, and on
 * the county the officers' keys, with register (after comparing the
 * fingerprint in person) and revoke (a lost laptop). The same core functions
 * as "wangge key show" and "wangge officer key". */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keys.h"
#include "paint.h"
#include "screens.h"
#include "strbuf.h"
#include "textview.h"
#include "timeutil.h"

struct keys_scr {
	struct screen base;
	struct textview tv;
};

static const enum action keys_actions[] = {
	ACT_HELP, ACT_NEW, ACT_REVOKE, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN,
	ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};
static const enum action officer_keys_actions[] = {
	ACT_HELP, ACT_BACK, ACT_QUIT, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN,
	ACT_DASHBOARD, ACT_ENTITIES, ACT_TASKS, ACT_SYNC, ACT_CONFLICTS, ACT_LOG, ACT_NONE,
};

static void load(struct tui *t, struct keys_scr *k)
{
	wg_workspace *ws = t->ws;
	wg_signers keys;
	wg_error err;
	char words[WG_KEY_WORDS_BUFSIZE], line[512];
	tv_clear(&k->tv);
	tv_heading(&k->tv, _("This workspace's key"));
	if (!ws->has_key) {
		tv_line(&k->tv, _("No key yet: it is made the first time this workspace records a "
				  "change."));
	} else {
		wg_key_words(ws->key.pk, words);
		tv_field(&k->tv, _("Fingerprint"), words);
		tv_wrapped(&k->tv, ws->role == ROLE_OFFICER
				   ? _("Read it to the county clerk in person: the county registers "
				       "your key only when it matches.")
				   : _("Officers see it at enrollment: it is the county's key they "
				       "pin."), t->lay.cols - 4);
	}
	if (wg_signers_load(ws->db, &keys, &err)) {
		tui_error(t, "%s", err.msg);
		return;
	}
	if (ws->role == ROLE_OFFICER) {
		unsigned char cpk[WG_KEY_PUBLIC_BYTES];
		bool pinned = false;
		const struct wg_signer *own = ws->has_key ? wg_signers_find(&keys, ws->key.pk) : NULL;
		tv_field(&k->tv, _("At the county"),
			 !own           ? _("not registered yet: the county refuses your bundles until it is")
			 : own->revoked ? _("revoked: ask the county to enroll you again")
					: _("registered"));
		if (wg_keys_pinned_county(ws, cpk, &pinned, &err) == WG_OK && pinned) {
			wg_key_words(cpk, words);
			tv_field(&k->tv, _("The county's key"), words);
		}
		wg_signers_free(&keys);
		return;
	}
	tv_line(&k->tv, "");
	tv_heading(&k->tv, _("Keys registered"));
	const struct wg_field *sf = wg_field_find(&wg_kind_signer, "status");
	for (size_t i = 0; i < keys.n; i++) {
		const struct wg_signer *g = &keys.v[i];
		char when[40];
		wg_timestamp_display(g->revoked ? g->revoked_at : g->registered, when, sizeof when);
		snprintf(line, sizeof line, "%s  %s  %s  %s %s",
			 g->county ? _("the county office") : g->name, *g->grid ? g->grid : "-",
			 g->words, wg_option_label(sf, g->revoked ? "revoked" : "active"), when);
		tv_line(&k->tv, line);
	}
	tv_line(&k->tv, "");
	tv_wrapped(&k->tv, _("Press a to register an officer's key (compare the fingerprint with "
			     "them in person first), D to revoke one."), t->lay.cols - 4);
	wg_signers_free(&keys);
}

static void keys_draw(struct tui *t, struct screen *sc)
{
	tv_draw(t, &((struct keys_scr *)sc)->tv, t->lay.body_top + 1, t->lay.body_rows - 1);
}

static int register_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	char *who = form_value(form_find(fm, "officer"));
	char *file = form_value(form_find(fm, "file"));
	char *words = form_value(form_find(fm, "fingerprint"));
	char id[WG_ID_BUFSIZE], *text = NULL;
	struct wg_signer g;
	(void)ctx;
	(void)confirmed;
	int rc = wg_officer_find(t->ws->db, who, id, err);
	if (rc == WG_OK)
		rc = wg_key_read_file(file, &text, err);
	if (rc == WG_OK)
		rc = wg_key_register(t->ws, id, text, words, &g, err);
	if (rc == WG_OK)
		tui_message(t, _("Key of %s registered (%s)."), g.name, g.words);
	free(text);
	free(who);
	free(file);
	free(words);
	return rc;
}

static int revoke_save(struct tui *t, struct form *fm, void *ctx, bool confirmed, wg_error *err)
{
	char *who = form_value(form_find(fm, "officer"));
	char *reason = form_value(form_find(fm, "reason"));
	struct wg_signer g;
	(void)ctx;
	(void)confirmed;
	int rc = *who ? wg_key_revoke(t->ws, who, reason, &g, err)
		      : wg_fail(err, WG_EINPUT, _("choose whose key to revoke"));
	if (rc == WG_OK)
		tui_message(t, _("Key of %s revoked: bundles signed with it from now on are refused."),
			    g.name);
	free(who);
	free(reason);
	return rc;
}

static struct next keys_key(struct tui *t, struct screen *sc, enum action a, int key)
{
	struct keys_scr *k = (struct keys_scr *)sc;
	struct form fm;
	(void)key;
	if (tv_move(&k->tv, a))
		return NEXT(NEXT_REDRAW);
	if (a == ACT_BACK)
		return NEXT(NEXT_POP | NEXT_REDRAW);
	if (t->ws->role != ROLE_COUNTY)
		return NEXT(NEXT_NONE);
	if (a == ACT_NEW) {
		form_init(&fm);
		form_add_text(&fm, "officer", _("Officer (name or id)"), "", 100);
		form_add_text(&fm, "file", _("Key file (from wangge key export)"), "", 1000);
		form_add_text(&fm, "fingerprint", _("Fingerprint the officer reads aloud"), "", 40);
		return (struct next){NEXT_PUSH | NEXT_REDRAW,
				     formscreen_open(t, _("Register a key"), &fm, register_save, k,
						     -1)};
	}
	if (a == ACT_REVOKE) {
		wg_signers keys;
		wg_error err;
		if (wg_signers_load(t->ws->db, &keys, &err)) {
			tui_error(t, "%s", err.msg);
			return NEXT(NEXT_REDRAW);
		}
		form_init(&fm);
		struct form_field *ff = form_add_choice(&fm, "officer", _("Whose key"));
		form_choice_add(ff, "", _("(choose)"));
		for (size_t i = 0; i < keys.n; i++)
			if (!keys.v[i].county && !keys.v[i].revoked) {
				char *l = xasprintf("%s %s %s", keys.v[i].name, keys.v[i].grid,
						    keys.v[i].words);
				form_choice_add(ff, keys.v[i].holder, l);
				free(l);
			}
		wg_signers_free(&keys);
		form_add_text(&fm, "reason", _("Reason (e.g. laptop lost)"), "", 200);
		return (struct next){NEXT_PUSH | NEXT_REDRAW,
				     formscreen_open(t, _("Revoke a key"), &fm, revoke_save, k, -1)};
	}
	return NEXT(NEXT_NONE);
}

static void keys_resume(struct tui *t, struct screen *sc)
{
	load(t, (struct keys_scr *)sc);
}

static void keys_destroy(struct screen *sc)
{
	struct keys_scr *k = (struct keys_scr *)sc;
	tv_clear(&k->tv);
	free(k);
}

static const struct screen_ops keys_ops = {
	.title = N_("Signing keys"),
	.actions = keys_actions,
	.draw = keys_draw,
	.key = keys_key,
	.resume = keys_resume,
	.destroy = keys_destroy,
};

static const struct screen_ops officer_keys_ops = {
	.title = N_("Signing keys"),
	.actions = officer_keys_actions,
	.draw = keys_draw,
	.key = keys_key,
	.resume = keys_resume,
	.destroy = keys_destroy,
};

struct screen *keys_open(struct tui *t)
{
	struct keys_scr *k = xcalloc(1, sizeof *k);
	k->base.ops = t->ws->role == ROLE_COUNTY ? &keys_ops : &officer_keys_ops;
	k->base.tab = -1;
	load(t, k);
	return &k->base;
}
