/* Printable forms. */
#include <config.h>

#include <stdio.h>

#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "print.h"

static int print_register(struct cli *cli, const char *sub, int argc, char **argv,
			  int (*make)(sqlite3 *, const char *, const char *, const char *, strbuf *,
				      wg_error *))
{
	const struct cli_command *cmd = cli_find("print", sub);
	const char *from = NULL, *to = NULL, *out = NULL, *grid = NULL;
	const struct cli_opt opts[] = {{"from", true, &from, NULL, NULL, NULL, 0},
				       {"to", true, &to, NULL, NULL, NULL, 0},
				       {"grid", true, &grid, NULL, NULL, NULL, 0},
				       {"o", true, &out, NULL, NULL, NULL, 0},
				       {NULL, false, NULL, NULL, NULL, NULL, 0}};
	wg_workspace *ws;
	strbuf html = STRBUF_INIT;
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!from || !to)
		return cli_usage(cli, cmd, _("--from and --to are required"));
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = make(ws->db, from, to, grid, &html, &cli->err)))
		cli_fail(cli, rc);
	else
		rc = cli_write_output(cli, out, &html);
	sb_release(&html);
	wg_ws_close(ws);
	return rc;
}

int cmd_print_patrol_register(struct cli *cli, int argc, char **argv)
{
	return print_register(cli, "patrols", argc, argv, wg_print_patrol_register);
}

int cmd_print_report_register(struct cli *cli, int argc, char **argv)
{
	return print_register(cli, "reports", argc, argv, wg_print_report_register);
}

int cmd_print_inspection(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("print", "inspection");
	const char *out = NULL, *pos[1];
	const struct cli_opt opts[] = {{"o", true, &out, NULL, NULL, NULL, 0},
				       {NULL, false, NULL, NULL, NULL, NULL, 0}};
	wg_workspace *ws;
	strbuf html = STRBUF_INIT;
	char id[33];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = cli_resolve(cli, ws, &wg_kind_inspection, pos[0], id)) == WG_OK) {
		if ((rc = wg_print_inspection(ws->db, id, &html, &cli->err)))
			cli_fail(cli, rc);
		else
			rc = cli_write_output(cli, out, &html);
	}
	sb_release(&html);
	wg_ws_close(ws);
	return rc;
}
