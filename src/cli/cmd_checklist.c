/* Checklist and calendar commands. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "checklist.h"
#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "query.h"

int cmd_checklist_import(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("checklist", "import");
	const char *pos[1];
	wg_workspace *ws;
	struct wg_checklist_import res;
	int rc = cli_parse_opts(cli, cmd, argc, argv, NULL, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	rc = wg_checklist_import(ws, pos[0], &res, &cli->err);
	wg_ws_close(ws);
	if (rc)
		return cli_fail(cli, rc);
	if (res.changed)
		printf(ngettext("Checklist %s version %d stored (%zu item).\n",
				"Checklist %s version %d stored (%zu items).\n", res.nitems),
		       res.code, res.version, res.nitems);
	else
		printf(_("Checklist %s version %d is already up to date.\n"), res.code, res.version);
	return WG_OK;
}

int cmd_checklist_list(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("checklist", "list");
	const char *format = NULL;
	bool all = false;
	const struct cli_opt opts[] = {CLI_VALUE("format", &format),
				       CLI_FLAG("all", &all),
				       CLI_END};
	wg_workspace *ws;
	wg_records r = {0};
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) || (rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	rc = wg_checklist_records(ws->db, !all, &r, &cli->err);
	if (rc == WG_OK) {
		const char *head[] = {_("Code"), _("Version"), _("Kind"), _("Items"), _("Title")};
		wg_table *t = wg_table_new(5, head);
		for (size_t i = 0; i < r.n && rc == WG_OK; i++) {
			char ref[64], items[16];
			wg_checklist *cl;
			snprintf(ref, sizeof ref, "%s@%s", wg_record_get(r.v[i], "code"),
				 wg_record_get(r.v[i], "version"));
			if ((rc = wg_checklist_load(ws->db, ref, &cl, &cli->err)))
				break;
			snprintf(items, sizeof items, "%zu", cl->nitems);
			const char *row[] = {cl->code, wg_record_get(r.v[i], "version"),
					     strcmp(cl->kind, "patrol") == 0 ? _("patrol") : _("inspection"),
					     items, cl->title};
			wg_table_add(t, row);
			wg_checklist_free(cl);
		}
		if (rc == WG_OK)
			cli_print_table(t, fmt);
		else
			wg_table_free(t);
	}
	wg_records_free(&r);
	wg_ws_close(ws);
	return rc ? cli_fail(cli, rc) : WG_OK;
}

int cmd_checklist_show(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("checklist", "show");
	const char *pos[1];
	wg_workspace *ws;
	wg_checklist *cl;
	int rc = cli_parse_opts(cli, cmd, argc, argv, NULL, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	rc = wg_checklist_load(ws->db, pos[0], &cl, &cli->err);
	wg_ws_close(ws);
	if (rc)
		return cli_fail(cli, rc);
	printf("%s@%d  %s (%s)\n", cl->code, cl->version, cl->title, cl->title_en);
	const char *head[] = {_("Item"), _("Key"), _("Violation"), _("Days"), _("Text")};
	wg_table *t = wg_table_new(5, head);
	for (size_t i = 0; i < cl->nitems; i++) {
		const struct wg_checkitem *it = &cl->items[i];
		char days[8] = "";
		if (it->rectify_days)
			snprintf(days, sizeof days, "%d", it->rectify_days);
		const char *row[] = {it->code, it->key ? _("key") : "", it->violation ? it->violation : "",
				     days, it->text};
		wg_table_add(t, row);
	}
	cli_print_table(t, TABLE_TEXT);
	wg_checklist_free(cl);
	return WG_OK;
}

int cmd_calendar_deadline(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("calendar", "deadline");
	const char *pos[2];
	wg_calendar *cal;
	char out[11];
	int rc = cli_parse_opts(cli, cmd, argc, argv, NULL, pos, 2, 2);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	size_t n = strlen(pos[1]);
	if (n == 0 || n > 3 || strspn(pos[1], "0123456789") != n)
		return cli_usage(cli, cmd, _("DAYS is a whole number"));
	if ((rc = wg_calendar_load(NULL, &cal, &cli->err)))
		return cli_fail(cli, rc);
	rc = wg_calendar_add_workdays(cal, pos[0], atoi(pos[1]), out, &cli->err);
	wg_calendar_free(cal);
	if (rc)
		return cli_fail(cli, rc);
	printf("%s\n", out);
	return WG_OK;
}
