/* Entity commands: add, list, show, set. */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "strbuf.h"
#include "table.h"

int cmd_entity_add(struct cli *cli, int argc, char **argv)
{
	return cli_record_add(cli, &wg_kind_entity, cli_find("entity", "add"), argc, argv);
}

int cmd_entity_show(struct cli *cli, int argc, char **argv)
{
	int rc = cli_record_show(cli, &wg_kind_entity, cli_find("entity", "show"), argc, argv);
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE];
	if (rc || argc != 2 || strcmp(argv[1], "--help") == 0)
		return rc;
	/* derived standing: points in the cycle, the band reached, the risk grade */
	if (cli_open(cli, WS_READ, &ws) == WG_OK) {
		if (wg_db_resolve(ws->db, &wg_kind_entity, argv[1], id, &cli->err) == WG_OK)
			cli_print_entity_standing(cli, ws, id);
		wg_ws_close(ws);
	}
	return WG_OK;
}

int cmd_entity_set(struct cli *cli, int argc, char **argv)
{
	return cli_record_set(cli, &wg_kind_entity, cli_find("entity", "set"), argc, argv);
}

struct entity_rows {
	int fmt;
	const struct wg_field *status;
};

static void entity_row(const char **row, char *scratch, const void *arg)
{
	const struct entity_rows *er = arg;
	const struct wg_category *cat = wg_category_find(row[2]);
	row[0] = cli_short_id(row[0], er->fmt, scratch);
	if (cat)
		row[2] = _(cat->label);
	row[6] = wg_option_label(er->status, row[6]);
}

int cmd_entity_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"grid", required_argument, NULL, 'g'},
		{"category", required_argument, NULL, 'c'},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = cli_find("entity", "list");
	const char *grid = NULL, *category = NULL;
	struct entity_rows er = {TABLE_TEXT, wg_field_find(&wg_kind_entity, "status")};
	wg_workspace *ws;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'g': grid = optarg; break;
		case 'c': category = optarg; break;
		case 'f':
			if ((rc = cli_format_arg(cli, cmd, optarg, &er.fmt)))
				return rc;
			break;
		case 'h': cli_print_command_help(cmd, stdout); return WG_OK;
		default: return cli_usage(cli, cmd, _("unknown option \"%s\""), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[optind]);
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;

	const char *head[] = {_("Id"), _("Name"), _("Category"), _("Grid"), _("USCC"), _("Phone"),
			      _("Status")};
	wg_table *t = wg_table_new(7, head);
	rc = cli_print_result(cli, t, er.fmt,
			      wg_entity_table(ws->db, grid, category, entity_row, &er, t, &cli->err));
	wg_ws_close(ws);
	return rc;
}
