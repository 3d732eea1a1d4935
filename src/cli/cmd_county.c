/* County set-up commands: init, grids, officers, categories, and check. */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "county.h"
#include "db.h"
#include "i18n.h"
#include "inspection.h"
#include "recordop.h"
#include "sync.h"
#include "table.h"
#include "validate.h"

static const struct cli_command *self(const char *name, const char *sub)
{
	return cli_find(name, sub);
}

int cmd_init(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"name", required_argument, NULL, 'n'},
		{"code", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = self("init", "county");
	const char *name = NULL, *code = NULL;
	char *dir;
	wg_workspace *ws;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'n': name = optarg; break;
		case 'c': code = optarg; break;
		case 'h': cli_print_command_help(cmd, stdout); return WG_OK;
		default: return cli_usage(cli, cmd, _("unknown option \"%s\""), argv[optind - 1]);
		}
	}
	if (!name || !code)
		return cli_usage(cli, cmd, _("--name and --code are required"));
	if ((rc = wg_ws_locate(cli->dir, &dir, &cli->err)))
		return cli_fail(cli, rc);
	rc = wg_init_county(dir, name, code, &ws, &cli->err);
	if (rc == WG_OK) {
		printf(_("County workspace for %s (%s) created in %s\n"), name, code, dir);
		printf("%s\n", ws->county_id);
		wg_ws_close(ws);
	} else {
		cli_fail(cli, rc);
	}
	free(dir);
	return rc;
}

int cmd_grid_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"code", required_argument, NULL, 'c'},
		{"name", required_argument, NULL, 'n'},
		{"township", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = self("grid", "add");
	const char *code = NULL, *name = NULL, *township = NULL;
	wg_workspace *ws;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c': code = optarg; break;
		case 'n': name = optarg; break;
		case 't': township = optarg; break;
		case 'h': cli_print_command_help(cmd, stdout); return WG_OK;
		default: return cli_usage(cli, cmd, _("unknown option \"%s\""), argv[optind - 1]);
		}
	}
	if (!code || !name || !township)
		return cli_usage(cli, cmd, _("--code, --name and --township are required"));
	if (optind < argc)
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[optind]);

	wg_record *grid = wg_record_new(&wg_kind_grid);
	if ((rc = wg_record_set(grid, "code", code, NULL, &cli->err)) ||
	    (rc = wg_record_set(grid, "name", name, NULL, &cli->err))) {
		wg_record_free(grid);
		return cli_fail(cli, rc);
	}
	if ((rc = cli_open(cli, WS_WRITE, &ws))) {
		wg_record_free(grid);
		return rc;
	}
	rc = wg_grid_add(ws, grid, township, &cli->err);
	if (rc == WG_OK)
		printf("%s\n", wg_record_id(grid));
	else
		cli_fail(cli, rc);
	wg_record_free(grid);
	wg_ws_close(ws);
	return rc;
}

int cmd_grid_list(struct cli *cli, int argc, char **argv)
{
	int fmt, rc = cli_parse_format(cli, self("grid", "list"), argc, argv, &fmt, NULL);
	wg_workspace *ws;
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	const char *head[] = {_("Code"), _("Grid"), _("Township"), _("Entities")};
	wg_table *t = wg_table_new(4, head);
	rc = cli_print_result(cli, t, fmt, wg_grid_table(ws->db, t, &cli->err));
	wg_ws_close(ws);
	return rc;
}

int cmd_officer_add(struct cli *cli, int argc, char **argv)
{
	/* role defaults to grid officer */
	bool has_role = false;
	for (int i = 1; i < argc; i++)
		has_role |= strcmp(argv[i], "--role") == 0 || strncmp(argv[i], "--role=", 7) == 0;
	if (has_role)
		return cli_record_add(cli, &wg_kind_officer, self("officer", "add"), argc, argv);
	char **args = xcalloc((size_t)argc + 3, sizeof *args);
	memcpy(args, argv, (size_t)argc * sizeof *args);
	args[argc] = "--role=officer";
	int rc = cli_record_add(cli, &wg_kind_officer, self("officer", "add"), argc + 1, args);
	free(args);
	return rc;
}

static void officer_row(const char **row, char *scratch, const void *arg)
{
	row[2] = wg_option_label(arg, row[2]);
	wg_mask(row[4], scratch, CLI_SCRATCH);
	row[4] = scratch;
}

int cmd_officer_list(struct cli *cli, int argc, char **argv)
{
	int fmt, rc = cli_parse_format(cli, self("officer", "list"), argc, argv, &fmt, NULL);
	wg_workspace *ws;
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	const char *head[] = {_("Id"), _("Name"), _("Role"), _("Grid"), _("Phone")};
	wg_table *t = wg_table_new(5, head);
	rc = cli_print_result(cli, t, fmt,
			      wg_officer_table(ws->db, officer_row,
					       wg_field_find(&wg_kind_officer, "role"), t, &cli->err));
	wg_ws_close(ws);
	return rc;
}

int cmd_category_list(struct cli *cli, int argc, char **argv)
{
	int fmt, rc = cli_parse_format(cli, self("category", "list"), argc, argv, &fmt, NULL);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	const char *head[] = {_("Code"), _("Category")};
	wg_table *t = wg_table_new(2, head);
	for (size_t i = 0; i < wg_ncategories; i++) {
		const char *row[2] = {wg_categories[i].code, _(wg_categories[i].label)};
		wg_table_add(t, row);
	}
	cli_print_table(t, fmt);
	return WG_OK;
}

int cmd_check(struct cli *cli, int argc, char **argv)
{
	wg_workspace *ws;
	int rc, problems = 0;

	if ((rc = cli_parse_none(cli, self("check", NULL), argc, argv)))
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	/* 1.-3. The working copy: its structure, its records, their grids. */
	wg_problems found = {0};
	if ((rc = wg_store_check(ws->db, &found, &cli->err))) {
		rc = cli_fail(cli, rc);
		wg_ws_close(ws);
		return rc;
	}
	for (size_t i = 0; i < found.n; i++) {
		const struct wg_problem *p = &found.v[i];
		if (!p->kind)
			printf(_("database: %s\n"), p->msg);
		else if (p->msg)
			printf(_("%s %s: %s\n"), _(p->kind->label), p->id, p->msg);
		else
			printf(_("%s %s: its grid \"%s\" does not exist\n"), _(p->kind->label), p->id,
			       p->grid);
		problems++;
	}
	wg_problems_free(&found);
	/* 4. The history: finish an import a crash interrupted. */
	size_t repaired;
	wg_error e;
	if (wg_sync_check(ws, &repaired, &e) != WG_OK) {
		printf(_("history: %s\n"), e.msg);
		problems++;
	} else if (repaired) {
		printf(ngettext("history: repaired %zu thing an interrupted import left\n",
				"history: repaired %zu things an interrupted import left\n", repaired),
		       repaired);
	}
	/* 5. Evidence files are there, with the bytes their hash names. */
	wg_records bad = {0};
	if (wg_evidence_verify(ws, &bad, &cli->err) != WG_OK) {
		printf(_("database: %s\n"), cli->err.msg);
		problems++;
	}
	for (size_t i = 0; i < bad.n; i++) {
		printf(_("evidence %s: the file evidence/%s is missing or damaged\n"),
		       wg_record_id(bad.v[i]), wg_record_get(bad.v[i], "hash"));
		problems++;
	}
	wg_records_free(&bad);
	wg_ws_close(ws);
	if (problems) {
		printf(ngettext("%d problem found\n", "%d problems found\n", problems), problems);
		return WG_EINTERNAL;
	}
	printf(_("The workspace is in order.\n"));
	return WG_OK;
}
