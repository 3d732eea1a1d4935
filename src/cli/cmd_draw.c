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
#include "ops.h"
#include "table.h"
#include "timeutil.h"

#define PLAN_MAX_BYTES (1024 * 1024)
#define RESULT_MAX_BYTES (512 * 1024 * 1024)

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
	strbuf out = STRBUF_INIT;
	wg_table_render(t, TABLE_TEXT, &out);
	fwrite(sb_str(&out), 1, out.len, stdout);
	sb_release(&out);
	wg_table_free(t);
}

static int draw_verify(struct cli *cli, const char *path)
{
	strbuf buf = STRBUF_INIT, report = STRBUF_INIT;
	wg_workspace *ws = NULL;
	char *dir = NULL;
	int rc;

	if ((rc = wg_read_file(path, RESULT_MAX_BYTES, &buf, &cli->err))) {
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

	strbuf buf = STRBUF_INIT;
	struct wg_plan *plan = NULL;
	struct wg_draw_dir *dir = NULL;
	struct wg_draw_result *res = NULL;
	wg_workspace *ws = NULL;
	char seed[WG_ID_HEXLEN + 1], draw_id[33], *path = NULL, *tmp = NULL;

	if ((rc = wg_read_file(plan_path, PLAN_MAX_BYTES, &buf, &cli->err)) ||
	    (rc = wg_plan_parse(buf.buf ? buf.buf : "", buf.len, &plan, &cli->err))) {
		wg_error_prefix(&cli->err, "%s", plan_path);
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
	if (!dry && ws->role != ROLE_COUNTY) {
		rc = cli_error(cli, WG_EINPUT, _("only the county workspace can run a draw"));
		goto out;
	}
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
	path = xstrdup(out_path ? out_path : "");
	if (!out_path && !dry) {
		free(path);
		path = xasprintf("draw-%.12s.txt", res->result_sha256);
	}
	if (*path && access(path, F_OK) == 0) {
		rc = cli_error(cli, WG_EINPUT,
			       _("%s already exists: a published result is never overwritten; give "
				 "another --out"), path);
		goto out;
	}
	if (*path) {
		/* Written aside first: the draw is recorded only if its result file exists. */
		tmp = xasprintf("%s.new", path);
		if ((rc = wg_write_file(tmp, res->text.buf, res->text.len, &cli->err))) {
			rc = cli_fail(cli, rc);
			goto out;
		}
	}
	if (!dry) {
		if ((rc = wg_draw_commit(ws, plan, dir, seed_arg, res, draw_id, &cli->err))) {
			unlink(tmp);
			rc = cli_fail(cli, rc);
			goto out;
		}
	}
	if (tmp && rename(tmp, path) != 0) {
		rc = cli_error(cli, WG_EINTERNAL, _("cannot write %s"), path);
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
	free(tmp);
	sb_release(&buf);
	wg_plan_free(plan);
	wg_draw_dir_free(dir);
	wg_draw_result_free(res);
	if (ws)
		wg_ws_close(ws);
	return rc;
}

int cmd_draw_list(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("draw", "list");
	wg_workspace *ws;
	sqlite3_stmt *st;
	int rc;
	if (argc > 1) {
		if (strcmp(argv[1], "--help") == 0) {
			cli_print_command_help(cmd, stdout);
			return WG_OK;
		}
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[1]);
	}
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	const char *head[] = {_("Id"), _("Drawn"), _("Plan"), _("Seed"), _("Tasks")};
	wg_table *t = wg_table_new(5, head);
	if (sqlite3_prepare_v2(ws->db, "SELECT id, created, name, seed, tasks FROM draw"
				       " ORDER BY created, id", -1, &st, NULL) != SQLITE_OK) {
		rc = wg_db_fail(ws->db, &cli->err);
	} else {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			char when[64];
			wg_timestamp_display((const char *)sqlite3_column_text(st, 1), when, sizeof when);
			const char *row[5] = {(const char *)sqlite3_column_text(st, 0), when,
					      (const char *)sqlite3_column_text(st, 2),
					      (const char *)sqlite3_column_text(st, 3),
					      (const char *)sqlite3_column_text(st, 4)};
			wg_table_add(t, row);
		}
		rc = rc == SQLITE_DONE ? WG_OK : wg_db_fail(ws->db, &cli->err);
		sqlite3_finalize(st);
	}
	if (rc == WG_OK) {
		strbuf out = STRBUF_INIT;
		wg_table_render(t, TABLE_TEXT, &out);
		fwrite(sb_str(&out), 1, out.len, stdout);
		sb_release(&out);
	} else {
		cli_fail(cli, rc);
	}
	wg_table_free(t);
	wg_ws_close(ws);
	return rc;
}

int cmd_draw_show(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = cli_find("draw", "show");
	int fmt = TABLE_TEXT, c, rc;
	wg_workspace *ws;
	sqlite3_stmt *st;
	char id[33];

	optind = 0; /* re-initialise getopt: options may follow the id */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f') {
			if ((fmt = wg_table_format_parse(optarg)) < 0)
				return cli_usage(cli, cmd, _("unknown format \"%s\""), optarg);
		} else if (c == 'h') {
			cli_print_command_help(cmd, stdout);
			return WG_OK;
		} else {
			return cli_usage(cli, cmd, _("unknown option \"%s\""), argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage(cli, cmd, _("give exactly one draw id"));
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = wg_db_resolve(ws->db, &wg_kind_draw, argv[optind], id, &cli->err))) {
		wg_ws_close(ws);
		return cli_fail(cli, rc);
	}
	const char *head[] = {_("Entity"), _("USCC"), _("Grid"), _("Inspectors"), _("Status")};
	wg_table *t = wg_table_new(5, head);
	const struct wg_field *status = wg_field_find(&wg_kind_task, "status");
	if (sqlite3_prepare_v2(ws->db,
			       "SELECT e.name, e.uscc, t.grid,"
			       " (SELECT group_concat(o.name, ', ') FROM"
			       "   (SELECT name FROM officer WHERE instr(t.inspectors, id) > 0"
			       "    ORDER BY id) o),"
			       " t.status FROM task t LEFT JOIN entity e ON e.id = t.entity"
			       " WHERE t.source = ? AND t.kind = 'random' ORDER BY t.grid, e.name, t.entity",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = wg_db_fail(ws->db, &cli->err);
	} else {
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *row[5];
			for (int i = 0; i < 5; i++)
				row[i] = (const char *)sqlite3_column_text(st, i);
			row[4] = wg_option_label(status, row[4] ? row[4] : "");
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
	char iid[33], eid[33];
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
	const struct cli_command *cmd = cli_find("recusal", "list");
	wg_workspace *ws;
	sqlite3_stmt *st;
	int rc;
	if (argc > 1) {
		if (strcmp(argv[1], "--help") == 0) {
			cli_print_command_help(cmd, stdout);
			return WG_OK;
		}
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[1]);
	}
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	const char *head[] = {_("Inspector"), _("Entity"), _("Reason")};
	wg_table *t = wg_table_new(3, head);
	if (sqlite3_prepare_v2(ws->db, "SELECT o.name, e.name, c.reason FROM recusal c"
				       " LEFT JOIN officer o ON o.id = c.officer"
				       " LEFT JOIN entity e ON e.id = c.entity ORDER BY o.name, e.name",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = wg_db_fail(ws->db, &cli->err);
	} else {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *row[3];
			for (int i = 0; i < 3; i++)
				row[i] = (const char *)sqlite3_column_text(st, i);
			wg_table_add(t, row);
		}
		rc = rc == SQLITE_DONE ? WG_OK : wg_db_fail(ws->db, &cli->err);
		sqlite3_finalize(st);
	}
	if (rc == WG_OK) {
		strbuf out = STRBUF_INIT;
		wg_table_render(t, TABLE_TEXT, &out);
		fwrite(sb_str(&out), 1, out.len, stdout);
		sb_release(&out);
	} else {
		cli_fail(cli, rc);
	}
	wg_table_free(t);
	wg_ws_close(ws);
	return rc;
}
