/* Signing keys: this workspace's own (key show, key export), the county's
 * register of them (officer key add, revoke, list), and git's allowed-signers
 * file (key allowed-signers). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "keys.h"
#include "table.h"
#include "timeutil.h"

static int need_key(struct cli *cli, wg_workspace *ws)
{
	if (ws->has_key)
		return WG_OK;
	return cli_error(cli, WG_EUSAGE,
			 _("this workspace has no signing key yet: it gets one the first time it "
			   "records a change"));
}

/* "officer 张三" or "county 示范县": the comment after the key. */
static void key_comment(wg_workspace *ws, strbuf *out)
{
	sb_addf(out, "%s@%s", ws->role == ROLE_OFFICER && ws->officer ? ws->officer : "county",
		ws->county_id ? ws->county_id : "");
}

int cmd_key_show(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("key", "show");
	wg_workspace *ws;
	int rc = cli_parse_opts(cli, cmd, argc, argv, NULL, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = need_key(cli, ws))) {
		wg_ws_close(ws);
		return rc;
	}
	strbuf text = STRBUF_INIT, comment = STRBUF_INIT;
	char words[WG_KEY_WORDS_BUFSIZE], fp[WG_KEY_FINGERPRINT_BUFSIZE];
	key_comment(ws, &comment);
	wg_key_public_text(ws->key.pk, sb_str(&comment), &text);
	wg_key_words(ws->key.pk, words);
	wg_key_fingerprint(ws->key.pk, fp);
	/* TRANSLATORS: the short fingerprint of this workspace's key, read aloud */
	printf(_("Fingerprint (read it aloud to compare): %s\n"), words);
	printf(_("Public key: %s\n"), sb_str(&text));
	printf(_("ssh-keygen fingerprint: %s\n"), fp);
	if (ws->role == ROLE_OFFICER) {
		unsigned char cpk[WG_KEY_PUBLIC_BYTES];
		bool pinned;
		wg_signers keys;
		if (wg_keys_pinned_county(ws, cpk, &pinned, &cli->err) == WG_OK && pinned) {
			wg_key_words(cpk, words);
			printf(_("The county's key, pinned at enrollment: %s\n"), words);
		}
		if (wg_signers_load(ws->db, &keys, &cli->err) == WG_OK) {
			const struct wg_signer *g = wg_signers_find(&keys, ws->key.pk);
			if (!g)
				printf(_("The county has not registered this key yet: until it does, it "
					 "refuses your bundles.\n"));
			else if (g->revoked)
				printf(_("The county revoked this key on %s.\n"), g->revoked_at);
			else
				printf(_("The county registered this key on %s.\n"), g->registered);
			wg_signers_free(&keys);
		}
	}
	sb_release(&text);
	sb_release(&comment);
	wg_ws_close(ws);
	return WG_OK;
}

int cmd_key_export(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("key", "export");
	const char *out = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("o", &out), CLI_VALUE("output", &out), CLI_END};
	wg_workspace *ws;
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!out)
		return cli_usage(cli, cmd, _("-o FILE is required"));
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = need_key(cli, ws)) == WG_OK) {
		strbuf text = STRBUF_INIT, comment = STRBUF_INIT;
		char words[WG_KEY_WORDS_BUFSIZE];
		key_comment(ws, &comment);
		wg_key_public_text(ws->key.pk, sb_str(&comment), &text);
		sb_addc(&text, '\n');
		wg_key_words(ws->key.pk, words);
		if ((rc = cli_write_output(cli, out, &text)) == WG_OK && strcmp(out, "-") != 0)
			printf(_("Public key written to %s. Fingerprint: %s\n"), out, words);
		sb_release(&text);
		sb_release(&comment);
	}
	wg_ws_close(ws);
	return rc;
}

int cmd_key_allowed_signers(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("key", "allowed-signers");
	const char *out = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("o", &out), CLI_VALUE("output", &out), CLI_END};
	wg_workspace *ws;
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	strbuf text = STRBUF_INIT;
	if ((rc = wg_keys_allowed_signers(ws, &text, &cli->err)))
		rc = cli_fail(cli, rc);
	else
		rc = cli_write_output(cli, out, &text);
	sb_release(&text);
	wg_ws_close(ws);
	return rc;
}

static void print_signer(const struct wg_signer *g, const char *what)
{
	printf("%s: %s\n", what, g->county ? _("the county office") : g->name);
	if (!g->county)
		printf(_("  grid: %s\n"), g->grid);
	printf(_("  fingerprint: %s\n"), g->words);
}

static int key_add(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	const char *file = NULL, *key = NULL, *words = NULL, *pos[1];
	const struct cli_opt opts[] = {CLI_VALUE("key-file", &file), CLI_VALUE("key", &key),
				       CLI_VALUE("fingerprint", &words), CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE], *text = NULL;
	struct wg_signer g;
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!file == !key)
		return cli_usage(cli, cmd, _("give the officer's key with --key-file FILE or --key TEXT"));
	if (file && (rc = wg_key_read_file(file, &text, &cli->err)))
		return cli_fail(cli, rc);
	if ((rc = cli_open(cli, WS_WRITE, &ws))) {
		free(text);
		return rc;
	}
	if ((rc = wg_officer_find(ws->db, pos[0], id, &cli->err)))
		rc = cli_fail(cli, rc);
	else {
		rc = wg_key_register(ws, id, text ? text : key, words, &g, &cli->err);
		if (rc)
			rc = cli_fail(cli, rc);
		else {
			print_signer(&g, _("Key registered"));
			printf(_("The county now accepts bundles signed with it. The officers learn of "
				 "it with their next county bundle.\n"));
		}
	}
	free(text);
	wg_ws_close(ws);
	return rc;
}

static int key_revoke(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	const char *reason = NULL, *pos[1];
	const struct cli_opt opts[] = {CLI_VALUE("reason", &reason), CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE];
	struct wg_signer g;
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	if ((rc = wg_officer_find(ws->db, pos[0], id, &cli->err)))
		rc = cli_fail(cli, rc);
	else {
		rc = wg_key_revoke(ws, id, reason, &g, &cli->err);
		if (rc)
			rc = cli_fail(cli, rc);
		else {
			print_signer(&g, _("Key revoked"));
			printf(_("Bundles signed with it from now on are refused; the work accepted "
				 "before stays valid. Register the officer's new key when they have "
				 "one.\n"));
		}
	}
	wg_ws_close(ws);
	return rc;
}

static int key_list(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	int fmt, rc = cli_parse_format(cli, cmd, argc, argv, &fmt, NULL);
	wg_workspace *ws;
	wg_signers keys;
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = wg_signers_load(ws->db, &keys, &cli->err))) {
		wg_ws_close(ws);
		return cli_fail(cli, rc);
	}
	const char *head[] = {_("Whose"), _("Grid"), _("Fingerprint"), _("Status"),
			      _("Registered"), _("Revoked"), _("Reason")};
	wg_table *t = wg_table_new(7, head);
	const struct wg_field *sf = wg_field_find(&wg_kind_signer, "status");
	for (size_t i = 0; i < keys.n; i++) {
		const struct wg_signer *g = &keys.v[i];
		char reg[32], rev[32];
		wg_timestamp_display(g->registered, reg, sizeof reg);
		wg_timestamp_display(g->revoked_at, rev, sizeof rev);
		const char *row[] = {g->county ? _("the county office") : g->name, g->grid, g->words,
				     wg_option_label(sf, g->revoked ? "revoked" : "active"), reg,
				     *g->revoked_at ? rev : "", g->reason};
		wg_table_add(t, row);
	}
	cli_print_table(t, fmt);
	wg_signers_free(&keys);
	wg_ws_close(ws);
	return WG_OK;
}

int cmd_officer_key(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("officer", "key");
	if (argc < 2)
		return cli_usage(cli, cmd, _("say what to do: add, revoke or list"));
	if (strcmp(argv[1], "add") == 0)
		return key_add(cli, cmd, argc - 1, argv + 1);
	if (strcmp(argv[1], "revoke") == 0)
		return key_revoke(cli, cmd, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return key_list(cli, cmd, argc - 1, argv + 1);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cli_parse_opts(cli, cmd, argc, argv, NULL, NULL, 0, 0) < 0 ? WG_OK : WG_EUSAGE;
	return cli_usage(cli, cmd, _("unknown action \"%s\": add, revoke or list"), argv[1]);
}
