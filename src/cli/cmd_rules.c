/* The county's rules: list, show, import, recompute. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dashboard.h"
#include "i18n.h"
#include "rules.h"
#include "schema.h"
#include "timeutil.h"

int cmd_rules_list(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("rules", "list");
	wg_workspace *ws;
	struct wg_rules_versions v;
	struct wg_recomputes rc_list = {0};
	char today[11];
	int fmt, rc = cli_parse_format(cli, cmd, argc, argv, &fmt, NULL);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	wg_today(today);
	if ((rc = wg_rules_list(ws->db, today, &v, &cli->err)) == WG_OK &&
	    (rc = wg_recompute_list(ws->db, &rc_list, &cli->err)) != WG_OK)
		wg_rules_versions_free(&v);
	if (rc == WG_OK) {
		const char *head[] = {_("Rules"), _("Version"), _("Effective from"), _("In force"),
				      _("Origin"), _("Recorded by"), _("Scheme")};
		wg_table *t = wg_table_new(7, head);
		const struct wg_field *of = wg_field_find(&wg_kind_rules, "origin");
		for (size_t i = 0; i < v.n; i++) {
			char version[16];
			snprintf(version, sizeof version, "%d", v.v[i].version);
			const char *row[] = {wg_rule_set_label(v.v[i].set),
					     v.v[i].version ? version : "",
					     v.v[i].effective,
					     /* TRANSLATORS: this version of the rules is in force today */
					     v.v[i].in_force ? _("yes") : "",
					     *v.v[i].origin ? wg_option_label(of, v.v[i].origin)
							    : _("shipped, not recorded"),
					     v.v[i].recorded_by, v.v[i].scheme};
			wg_table_add(t, row);
		}
		cli_print_table(t, fmt);
		if (fmt == TABLE_TEXT && rc_list.n) {
			printf("\n%s\n", _("Recomputes recorded:"));
			for (size_t i = 0; i < rc_list.n; i++) {
				char when[64];
				wg_timestamp_display(rc_list.v[i].created, when, sizeof when);
				printf(_("  %s: facts from %s count with version %d (%s, %s: %s)\n"),
				       wg_rule_set_label(rc_list.v[i].set), rc_list.v[i].since,
				       rc_list.v[i].version, rc_list.v[i].recorded_by, when,
				       rc_list.v[i].reason);
			}
		}
		wg_rules_versions_free(&v);
		wg_recomputes_free(&rc_list);
	}
	wg_ws_close(ws);
	return rc ? cli_fail(cli, rc) : WG_OK;
}

static int set_arg(struct cli *cli, const struct cli_command *cmd, const char *arg, int *set)
{
	*set = wg_rule_set_find(arg);
	if (*set < 0)
		return cli_usage(cli, cmd, _("\"%s\" is not points, risk, patrol, limits or report"),
				 arg);
	return WG_OK;
}

int cmd_rules_show(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("rules", "show");
	const char *pos[1], *version = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("version", &version), CLI_END};
	wg_workspace *ws;
	struct wg_rules_version v;
	char today[11];
	int set, n = 0, rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = set_arg(cli, cmd, pos[0], &set)))
		return rc;
	if (version) {
		char *end;
		long l = strtol(version, &end, 10);
		if (*end || l < 1 || l > 999999)
			return cli_usage(cli, cmd, _("--version is a version number"));
		n = (int)l;
	}
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	wg_today(today);
	if ((rc = wg_rules_show(ws->db, set, n, today, &v, &cli->err)) == WG_OK) {
		if (v.version)
			printf(_("# %s rules, version %d, effective from %s%s\n"),
			       wg_rule_set_label(set), v.version, v.effective,
			       v.in_force ? _(" (in force today)") : "");
		else
			printf(_("# %s rules: the shipped defaults (the county records none)\n"),
			       wg_rule_set_label(set));
		fputs(v.body, stdout);
		if (*v.body && v.body[strlen(v.body) - 1] != '\n')
			putchar('\n');
		wg_rules_version_clear(&v);
	}
	wg_ws_close(ws);
	return rc ? cli_fail(cli, rc) : WG_OK;
}

int cmd_rules_import(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("rules", "import");
	const char *pos[1];
	wg_workspace *ws;
	struct wg_rules_import res;
	int rc = cli_parse_opts(cli, cmd, argc, argv, NULL, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	rc = wg_rules_import(ws, pos[0], &res, &cli->err);
	wg_ws_close(ws);
	if (rc)
		return cli_fail(cli, rc);
	if (!res.changed)
		printf(_("These %s rules are already recorded (version %d); nothing changed.\n"),
		       wg_rule_set_label(res.set), res.version);
	else
		printf(_("%s rules recorded as version %d, in force from %s. Facts before that day "
			 "keep what the earlier version gave them. The officers receive it with their "
			 "next county bundle (wangge export --grid CODE).\n"),
		       wg_rule_set_label(res.set), res.version, res.effective);
	return WG_OK;
}

int cmd_rules_recompute(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("rules", "recompute");
	const char *pos[1], *since = NULL, *reason = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("since", &since), CLI_VALUE("reason", &reason),
				       CLI_END};
	wg_workspace *ws;
	char day[11];
	int set, version;
	long facts;
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = set_arg(cli, cmd, pos[0], &set)))
		return rc;
	if (!since || !reason)
		return cli_usage(cli, cmd, _("give --since and --reason"));
	if ((rc = cli_date_arg(cli, cmd, since, day)))
		return rc;
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	rc = wg_rules_recompute(ws, set, day, reason, &version, &facts, &cli->err);
	wg_ws_close(ws);
	if (rc)
		return cli_fail(cli, rc);
	printf(ngettext("Recompute recorded: %ld finding from %s now counts with version %d of the "
			"points rules.\n",
			"Recompute recorded: %ld findings from %s now count with version %d of the "
			"points rules.\n", facts),
	       facts, day, version);
	return WG_OK;
}

int cmd_patrol_due(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("patrol", "due");
	const char *date = NULL, *format = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("date", &date), CLI_VALUE("format", &format),
				       CLI_END};
	wg_workspace *ws;
	wg_table *t;
	char day[11];
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) || (rc = cli_date_arg(cli, cmd, date, day)) ||
	    (rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = wg_patrol_due(ws->db, day, &t, &cli->err)) == WG_OK)
		cli_print_table(t, fmt);
	wg_ws_close(ws);
	return rc ? cli_fail(cli, rc) : WG_OK;
}
