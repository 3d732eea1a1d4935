/* Printable forms. */
#include <config.h>

#include <stdio.h>

#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "print.h"

int cmd_print_patrol_register(struct cli *cli, int argc, char **argv)
{
	return cli_period_output(cli, cli_find("print", "patrols"), argc, argv, true,
				 wg_print_patrol_register);
}

int cmd_print_report_register(struct cli *cli, int argc, char **argv)
{
	return cli_period_output(cli, cli_find("print", "reports"), argc, argv, true,
				 wg_print_report_register);
}

int cmd_print_inspection(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("print", "inspection");
	const char *out = NULL, *pos[1];
	const struct cli_opt opts[] = {CLI_VALUE("o", &out), CLI_END};
	wg_workspace *ws;
	strbuf html = STRBUF_INIT;
	char id[WG_ID_BUFSIZE];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open_resolve(cli, WS_READ, &wg_kind_inspection, pos[0], &ws, id)))
		return rc;
	if ((rc = wg_print_inspection(ws->db, id, &html, &cli->err)))
		cli_fail(cli, rc);
	else
		rc = cli_write_output(cli, out, &html);
	sb_release(&html);
	wg_ws_close(ws);
	return rc;
}
