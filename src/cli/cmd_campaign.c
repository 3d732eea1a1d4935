/* Campaigns (专项整治). */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "campaign.h"
#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "table.h"

int cmd_campaign_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"name", required_argument, NULL, 'n'},
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},
		{"category", required_argument, NULL, 'c'},
		{"checklist", required_argument, NULL, 'l'},
		{"entity", required_argument, NULL, 'e'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = cli_find("campaign", "add");
	struct wg_campaign_spec spec = {0};
	strbuf targets = STRBUF_INIT;
	const char **ents = xcalloc((size_t)argc + 1, sizeof *ents);
	char (*ids)[WG_ID_BUFSIZE] = xcalloc((size_t)argc + 1, sizeof *ids);
	size_t nents = 0;
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE];
	size_t ntasks;
	int c, rc;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'n': spec.name = optarg; break;
		case 'f': spec.starts = optarg; break;
		case 't': spec.ends = optarg; break;
		case 'c': sb_addf(&targets, "%s%s", targets.len ? "," : "", optarg); break;
		case 'l': spec.checklist = optarg; break;
		case 'e': ents[nents++] = optarg; break;
		case 'h': cli_print_command_help(cmd, stdout); rc = WG_OK; goto done;
		default:
			rc = cli_usage(cli, cmd, _("unknown option \"%s\""), argv[optind - 1]);
			goto done;
		}
	}
	if (optind < argc) {
		rc = cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[optind]);
		goto done;
	}
	if (!spec.name || !spec.starts || !spec.ends || (!targets.len && !nents)) {
		rc = cli_usage(cli, cmd, _("--name, --from, --to and a --category or --entity are "
					   "required"));
		goto done;
	}
	spec.targets = sb_str(&targets);
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		goto done;
	for (size_t i = 0; i < nents && rc == WG_OK; i++)
		rc = wg_db_resolve(ws->db, &wg_kind_entity, ents[i], ids[i], &cli->err);
	for (size_t i = 0; i < nents; i++)
		ents[i] = ids[i];
	spec.entities = ents;
	spec.nentities = nents;
	if (rc == WG_OK)
		rc = wg_campaign_add(ws, &spec, id, &ntasks, &cli->err);
	if (rc == WG_OK) {
		printf(ngettext("Campaign \"%s\": %zu task created.\n",
				"Campaign \"%s\": %zu tasks created.\n", ntasks), spec.name, ntasks);
		const char *head[] = {"grid", "tasks"};
		wg_table *grids = wg_table_new(2, head);
		wg_error e;
		if (wg_campaign_grid_tasks(ws->db, id, grids, &e) == WG_OK)
			for (size_t r = 1; r < grids->nrows; r++) /* row 0 is the header */
				printf(_("  grid %s: %d\n"), grids->cells[2 * r],
				       atoi(grids->cells[2 * r + 1]));
		wg_table_free(grids);
		printf("%s\n", id);
	} else {
		cli_fail(cli, rc);
	}
	wg_ws_close(ws);
done:
	sb_release(&targets);
	free(ents);
	free(ids);
	return rc;
}

int cmd_campaign_list(struct cli *cli, int argc, char **argv)
{
	wg_workspace *ws;
	int rc = cli_parse_none(cli, cli_find("campaign", "list"), argc, argv);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	const char *head[] = {_("Id"), _("Campaign"), _("From"), _("To"), _("Targets"),
			      _("Listed"), _("Tasks"), _("Done")};
	wg_table *t = wg_table_new(8, head);
	rc = cli_print_result(cli, t, TABLE_TEXT, wg_campaign_list(ws->db, NULL, NULL, t, &cli->err));
	wg_ws_close(ws);
	return rc;
}
