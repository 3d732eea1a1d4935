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
	char id[33];
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
	int fmt = TABLE_TEXT, c, rc;
	wg_workspace *ws;
	sqlite3_stmt *st;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'g': grid = optarg; break;
		case 'c': category = optarg; break;
		case 'f':
			if ((fmt = wg_table_format_parse(optarg)) < 0)
				return cli_usage(cli, cmd, _("unknown format \"%s\""), optarg);
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
	const struct wg_field *status = wg_field_find(&wg_kind_entity, "status");
	if (sqlite3_prepare_v2(ws->db,
			       "SELECT id, name, category, grid, uscc, phone, status FROM entity"
			       " WHERE (?1 IS NULL OR grid = ?1) AND (?2 IS NULL OR category = ?2)"
			       " ORDER BY grid, name, id", -1, &st, NULL) != SQLITE_OK) {
		rc = wg_db_fail(ws->db, &cli->err);
	} else {
		if (grid)
			sqlite3_bind_text(st, 1, grid, -1, SQLITE_STATIC);
		if (category)
			sqlite3_bind_text(st, 2, category, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *id = (const char *)sqlite3_column_text(st, 0);
			const char *cat = (const char *)sqlite3_column_text(st, 2);
			const struct wg_category *catp = wg_category_find(cat);
			char shortid[9];
			/* the table shows 8 digits, enough to name it; scripts get the full id */
			snprintf(shortid, sizeof shortid, "%s", id);
			const char *row[7] = {
				fmt == TABLE_TEXT ? shortid : id,
				(const char *)sqlite3_column_text(st, 1),
				catp ? _(catp->label) : cat,
				(const char *)sqlite3_column_text(st, 3),
				(const char *)sqlite3_column_text(st, 4),
				(const char *)sqlite3_column_text(st, 5),
				wg_option_label(status, (const char *)sqlite3_column_text(st, 6)),
			};
			wg_table_add(t, row);
		}
		rc = rc == SQLITE_DONE ? WG_OK : wg_db_fail(ws->db, &cli->err);
		sqlite3_finalize(st);
	}
	if (rc == WG_OK) {
		strbuf out = STRBUF_INIT;
		wg_table_render(t, fmt, &out);
		fwrite(sb_str(&out), 1, out.len, stdout);
		sb_release(&out);
	} else {
		cli_fail(cli, rc);
	}
	wg_table_free(t);
	wg_ws_close(ws);
	return rc;
}
