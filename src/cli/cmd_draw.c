/* The random draw (双随机) and declared conflicts of interest (回避). */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "db.h"
#include "draw.h"
#include "fileutil.h"
#include "i18n.h"
#include "id.h"
#include "recordop.h"
#include "table.h"
#include "timeutil.h"

static void print_picks(const struct wg_draw_dir *dir, const struct wg_draw_result *res)
{
	const char *head[] = {_("Entity"), _("Category"), _("Grid"), _("Inspectors")};
	wg_table *t = wg_table_new(4, head);
	for (size_t i = 0; i < res->npicks; i++) {
		const struct wg_draw_pick *pk = &res->picks[i];
		const struct wg_dir_entity *e = &dir->ent[pk->entity];
		const struct wg_category *cat = wg_category_find(e->category);
		strbuf names = STRBUF_INIT;
		for (unsigned k = 0; k < pk->ninsp; k++)
			sb_addf(&names, "%s%s", k ? _(", ") : "", dir->insp[pk->insp[k]].name);
		const char *row[4] = {e->name, cat ? _(cat->label) : e->category, e->grid,
				      sb_str(&names)};
		wg_table_add(t, row);
		sb_release(&names);
	}
	cli_print_table(t, TABLE_TEXT);
}

static int draw_verify(struct cli *cli, const char *path)
{
	strbuf buf = STRBUF_INIT, report = STRBUF_INIT;
	wg_workspace *ws = NULL;
	char *dir = NULL;
	int rc;

	if ((rc = wg_read_file(path, WG_DRAW_RESULT_MAX_BYTES, &buf, &cli->err))) {
		sb_release(&buf);
		return cli_fail(cli, rc);
	}
	/* Checked against the workspace when there is one; anyone else checks the
	 * file on its own. */
	if (wg_ws_locate(cli->dir, &dir, &cli->err) == WG_OK &&
	    wg_ws_open(dir, WS_READ, &ws, &cli->err) != WG_OK)
		ws = NULL;
	free(dir);
	rc = wg_draw_verify(buf.buf, buf.len, ws ? ws->db : NULL, &report, &cli->err);
	fputs(sb_str(&report), stdout);
	if (!ws)
		fputs(_("(no workspace: checked the file on its own, not against the county's "
			"records)\n"), stdout);
	if (rc == WG_OK)
		printf(_("The draw result is genuine.\n"));
	else
		cli_fail(cli, rc);
	if (ws)
		wg_ws_close(ws);
	sb_release(&buf);
	sb_release(&report);
	return rc;
}

int cmd_draw(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"plan", required_argument, NULL, 'p'},
		{"seed", required_argument, NULL, 's'},
		{"dry-run", no_argument, NULL, 'n'},
		{"out", required_argument, NULL, 'o'},
		{"verify", required_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = cli_find("draw", NULL);
	const char *plan_path = NULL, *seed_arg = NULL, *out_path = NULL, *verify = NULL;
	bool dry = false;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'p': plan_path = optarg; break;
		case 's': seed_arg = optarg; break;
		case 'n': dry = true; break;
		case 'o': out_path = optarg; break;
		case 'v': verify = optarg; break;
		case 'h': cli_print_command_help(cmd, stdout); return WG_OK;
		default: return cli_usage(cli, cmd, _("unknown option \"%s\""), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[optind]);
	if (verify) {
		if (plan_path || seed_arg || dry || out_path)
			return cli_usage(cli, cmd, _("--verify takes no other option"));
		return draw_verify(cli, verify);
	}
	if (!plan_path)
		return cli_usage(cli, cmd, _("--plan is required"));

	struct wg_plan *plan = NULL;
	struct wg_draw_dir *dir = NULL;
	struct wg_draw_result *res = NULL;
	wg_workspace *ws = NULL;
	char seed[WG_ID_HEXLEN + 1], draw_id[WG_ID_BUFSIZE], *path = NULL;

	if ((rc = wg_plan_load(plan_path, &plan, &cli->err))) {
		rc = cli_fail(cli, rc);
		goto out;
	}
	if (!seed_arg) {
		if (wg_id_new(seed) != 0) {
			rc = cli_error(cli, WG_EINTERNAL, _("the system gives no random numbers"));
			goto out;
		}
		seed_arg = seed;
		fprintf(stderr, _("wangge: no --seed given: drawing with the random seed %s (recorded "
				  "with the result)\n"), seed);
	}
	if ((rc = wg_draw_seed_check(seed_arg, &cli->err))) {
		rc = cli_fail(cli, rc);
		goto out;
	}
	if ((rc = cli_open(cli, dry ? WS_READ : WS_WRITE, &ws)))
		goto out;
	char today[WG_DATE_LEN + 1];
	wg_today(today);
	if ((rc = wg_draw_dir_load(ws->db, plan, today, &dir, &cli->err)) ||
	    (rc = wg_draw_run(plan, dir, seed_arg, &res, &cli->err))) {
		if (rc == WG_EINPUT)
			wg_error_prefix(&cli->err, _("the plan cannot be carried out"));
		rc = cli_fail(cli, rc);
		goto out;
	}
	print_picks(dir, res);
	path = out_path || dry ? xstrdup(out_path ? out_path : "") : wg_draw_result_name(res);
	if ((rc = wg_draw_save(ws, plan, dir, seed_arg, res, path, dry, draw_id, &cli->err))) {
		rc = cli_fail(cli, rc);
		goto out;
	}
	printf(ngettext("%zu entity drawn from %zu by plan \"%s\" with seed \"%s\".\n",
			"%zu entities drawn from %zu by plan \"%s\" with seed \"%s\".\n", res->npicks),
	       res->npicks, dir->nent, plan->name, seed_arg);
	printf(_("Result fingerprint (SHA-256): %s\n"), res->result_sha256);
	if (*path)
		printf(_("Result written to %s; publish it with the seed so anyone can check it with "
			 "\"wangge draw --verify\".\n"), path);
	if (dry)
		printf(_("Dry run: no task was created.\n"));
	else
		printf("%s\n", draw_id);
out:
	free(path);
	wg_plan_free(plan);
	wg_draw_dir_free(dir);
	wg_draw_result_free(res);
	if (ws)
		wg_ws_close(ws);
	return rc;
}

static void draw_row(const char **row, char *scratch, const void *arg)
{
	(void)arg;
	wg_timestamp_display(row[1], scratch, CLI_SCRATCH);
	row[1] = scratch;
}

int cmd_draw_list(struct cli *cli, int argc, char **argv)
{
	wg_workspace *ws;
	int rc = cli_parse_none(cli, cli_find("draw", "list"), argc, argv);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	const char *head[] = {_("Id"), _("Drawn"), _("Plan"), _("Seed"), _("Tasks")};
	wg_table *t = wg_table_new(5, head);
	rc = cli_print_result(cli, t, TABLE_TEXT, wg_draw_list(ws->db, draw_row, NULL, t, &cli->err));
	wg_ws_close(ws);
	return rc;
}

static void draw_task_row(const char **row, char *scratch, const void *arg)
{
	(void)scratch;
	row[4] = wg_option_label(arg, row[4] ? row[4] : "");
}

int cmd_draw_show(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("draw", "show");
	int fmt, first, rc;
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE];

	if ((rc = cli_parse_format(cli, cmd, argc, argv, &fmt, &first)))
		return rc < 0 ? WG_OK : rc;
	if (first != argc - 1)
		return cli_usage(cli, cmd, _("give exactly one draw id"));
	if ((rc = cli_open_resolve(cli, WS_READ, &wg_kind_draw, argv[first], &ws, id)))
		return rc;
	const char *head[] = {_("Entity"), _("USCC"), _("Grid"), _("Inspectors"), _("Status")};
	wg_table *t = wg_table_new(5, head);
	rc = cli_print_result(cli, t, fmt,
			      wg_draw_tasks(ws->db, id, draw_task_row,
					    wg_field_find(&wg_kind_task, "status"), t, &cli->err));
	wg_ws_close(ws);
	return rc;
}

int cmd_recusal_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"inspector", required_argument, NULL, 'i'},
		{"entity", required_argument, NULL, 'e'},
		{"reason", required_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = cli_find("recusal", "add");
	const char *insp = NULL, *ent = NULL, *reason = "";
	char iid[WG_ID_BUFSIZE], eid[WG_ID_BUFSIZE];
	wg_workspace *ws;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'i': insp = optarg; break;
		case 'e': ent = optarg; break;
		case 'r': reason = optarg; break;
		case 'h': cli_print_command_help(cmd, stdout); return WG_OK;
		default: return cli_usage(cli, cmd, _("unknown option \"%s\""), argv[optind - 1]);
		}
	}
	if (!insp || !ent)
		return cli_usage(cli, cmd, _("--inspector and --entity are required"));
	if (optind < argc)
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[optind]);
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	wg_record *rec = wg_record_new(&wg_kind_recusal);
	if ((rc = wg_db_resolve(ws->db, &wg_kind_officer, insp, iid, &cli->err)) ||
	    (rc = wg_db_resolve(ws->db, &wg_kind_entity, ent, eid, &cli->err))) {
		cli_fail(cli, rc);
	} else {
		const struct wg_change ch[] = {{"officer", iid}, {"entity", eid}, {"reason", reason}};
		if ((rc = wg_fill(rec, ch, *reason ? 3 : 2, false, &cli->err)) ||
		    (rc = wg_add(ws, rec, &cli->err)))
			cli_fail(cli, rc);
		else
			printf("%s\n", wg_record_id(rec));
	}
	wg_record_free(rec);
	wg_ws_close(ws);
	return rc;
}

int cmd_recusal_list(struct cli *cli, int argc, char **argv)
{
	wg_workspace *ws;
	int rc = cli_parse_none(cli, cli_find("recusal", "list"), argc, argv);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	const char *head[] = {_("Inspector"), _("Entity"), _("Reason")};
	wg_table *t = wg_table_new(3, head);
	rc = cli_print_result(cli, t, TABLE_TEXT, wg_recusal_list(ws->db, t, &cli->err));
	wg_ws_close(ws);
	return rc;
}
