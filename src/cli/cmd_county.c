/* County set-up commands: init, grids, officers, categories, and check. */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

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
	static const char *const sql =
		"SELECT g.code, g.name, t.name,"
		" (SELECT count(*) FROM entity e WHERE e.grid = g.code)"
		" FROM grid g LEFT JOIN township t ON t.id = g.township ORDER BY g.code";
	int fmt, rc = cli_parse_format(cli, self("grid", "list"), argc, argv, &fmt, NULL);
	wg_workspace *ws;
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	const char *head[] = {_("Code"), _("Grid"), _("Township"), _("Entities")};
	rc = cli_print_query(cli, ws, sql, NULL, 0, head, 4, fmt, NULL, NULL);
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
	rc = cli_print_query(cli, ws, "SELECT id, name, role, grid, phone FROM officer"
				      " ORDER BY role, grid, name", NULL, 0, head, 5, fmt, officer_row,
			     wg_field_find(&wg_kind_officer, "role"));
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
	sqlite3_stmt *st;
	int rc, problems = 0;

	if ((rc = cli_parse_none(cli, self("check", NULL), argc, argv)))
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	/* 1. SQLite's own structure check. */
	if (sqlite3_prepare_v2(ws->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) {
		rc = cli_fail(cli, wg_db_fail(ws->db, &cli->err));
		wg_ws_close(ws);
		return rc;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(st, 0);
		if (strcmp(msg, "ok") != 0) {
			printf(_("database: %s\n"), msg);
			problems++;
		}
	}
	sqlite3_finalize(st);
	/* 2. Every record passes the same checks a bundle's records must pass. */
	for (size_t k = 0; k < wg_nkinds; k++) {
		const struct wg_kind *kind = wg_kinds[k];
		char *sql = xasprintf("SELECT %s FROM %s", wg_db_columns(kind), kind->name);
		if (sqlite3_prepare_v2(ws->db, sql, -1, &st, NULL) != SQLITE_OK) {
			free(sql);
			problems++;
			printf(_("database: %s\n"), sqlite3_errmsg(ws->db));
			continue;
		}
		free(sql);
		while (sqlite3_step(st) == SQLITE_ROW) {
			wg_record *rec = wg_db_row_record(st, kind, 0);
			wg_error e;
			if (wg_record_check(rec, &e) != WG_OK) {
				printf(_("%s %s: %s\n"), _(kind->label), wg_record_id(rec), e.msg);
				problems++;
			}
			wg_record_free(rec);
		}
		sqlite3_finalize(st);
	}
	/* 3. References: every grid record's grid exists. */
	static const char *const orphans =
		"SELECT 'entity', id, grid FROM entity WHERE grid NOT IN (SELECT code FROM grid)"
		" UNION ALL SELECT 'task', id, grid FROM task WHERE grid NOT IN (SELECT code FROM grid)"
		" UNION ALL SELECT 'inspection', id, grid FROM inspection"
		"  WHERE grid NOT IN (SELECT code FROM grid)"
		" UNION ALL SELECT 'complaint', id, grid FROM complaint"
		"  WHERE grid NOT IN (SELECT code FROM grid)";
	if (sqlite3_prepare_v2(ws->db, orphans, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			const struct wg_kind *kind = wg_kind_find((const char *)sqlite3_column_text(st, 0));
			printf(_("%s %s: its grid \"%s\" does not exist\n"), _(kind->label),
			       (const char *)sqlite3_column_text(st, 1),
			       (const char *)sqlite3_column_text(st, 2));
			problems++;
		}
		sqlite3_finalize(st);
	}
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
