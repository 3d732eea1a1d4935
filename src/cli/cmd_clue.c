/* 协管信息报告: clues officers report, and the county's handover. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clue.h"
#include "cli.h"
#include "i18n.h"
#include "recordop.h"
#include "rules.h"
#include "timeutil.h"

int cmd_clue_add(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("clue", "add");
	const char *category = NULL, *content = NULL, *entity = NULL, *location = NULL,
		   *found = NULL, *inspection = NULL, *grid = NULL;
	bool later = false;
	const struct cli_opt opts[] = {CLI_VALUE("category", &category),
				       CLI_VALUE("content", &content),
				       CLI_VALUE("entity", &entity),
				       CLI_VALUE("location", &location),
				       CLI_VALUE("found", &found),
				       CLI_VALUE("inspection", &inspection),
				       CLI_VALUE("grid", &grid),
				       CLI_FLAG("not-yet", &later),
				       CLI_END};
	wg_workspace *ws;
	char eid[WG_ID_BUFSIZE], iid[WG_ID_BUFSIZE];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!category || !content)
		return cli_usage(cli, cmd, _("--category and --content are required"));
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	if ((entity && (rc = cli_resolve(cli, ws, &wg_kind_entity, entity, eid))) ||
	    (inspection && (rc = cli_resolve(cli, ws, &wg_kind_inspection, inspection, iid))))
		goto out;
	struct wg_change ch[7];
	size_t n = 0;
	ch[n++] = (struct wg_change){"category", category};
	ch[n++] = (struct wg_change){"content", content};
	if (entity)
		ch[n++] = (struct wg_change){"entity", eid};
	if (location)
		ch[n++] = (struct wg_change){"location", location};
	if (found)
		ch[n++] = (struct wg_change){"found", found};
	if (inspection)
		ch[n++] = (struct wg_change){"inspection", iid};
	if (grid)
		ch[n++] = (struct wg_change){"grid", grid};
	wg_record *rec = wg_record_new(&wg_kind_clue);
	if ((rc = wg_fill(rec, ch, n, false, &cli->err)) ||
	    (rc = wg_clue_add(ws, rec, !later, &cli->err)))
		cli_fail(cli, rc);
	else
		printf("%s\n", wg_record_id(rec));
	wg_record_free(rec);
out:
	wg_ws_close(ws);
	return rc;
}

int cmd_clue_report(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("clue", "report");
	const char *pos[1];
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE];
	int rc = cli_parse_opts(cli, cmd, argc, argv, NULL, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_clue, pos[0], &ws, id)))
		return rc;
	rc = wg_clue_report(ws, id, &cli->err);
	wg_ws_close(ws);
	return rc ? cli_fail(cli, rc) : WG_OK;
}

int cmd_clue_handover(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("clue", "handover");
	const char *pos[1], *assignee = NULL, *days = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("assignee", &assignee), CLI_VALUE("days", &days),
				       CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE], oid[WG_ID_BUFSIZE], task[WG_ID_BUFSIZE];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!assignee)
		return cli_usage(cli, cmd, _("--assignee is required"));
	int n = 5;
	if (days) {
		char *end;
		long v = strtol(days, &end, 10);
		if (*end || v < 1 || v > 366)
			return cli_usage(cli, cmd, _("--days takes a number of working days, 1 to 366"));
		n = (int)v;
	}
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_clue, pos[0], &ws, id)))
		return rc;
	if ((rc = cli_resolve(cli, ws, &wg_kind_officer, assignee, oid)) == WG_OK) {
		if ((rc = wg_clue_handover(ws, id, oid, n, task, &cli->err)))
			cli_fail(cli, rc);
		else
			printf("%s\n", task);
	}
	wg_ws_close(ws);
	return rc;
}

int cmd_clue_list(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("clue", "list");
	const char *format = NULL, *from = NULL, *to = NULL, *grid = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("format", &format), CLI_VALUE("from", &from),
				       CLI_VALUE("to", &to), CLI_VALUE("grid", &grid), CLI_END};
	struct cli_period per;
	wg_workspace *ws;
	wg_records r = {0};
	long found, reported;
	struct wg_report_rules *rr = NULL;
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	cli_period_init(&per);
	if (from)
		snprintf(per.from, sizeof per.from, "%s", from);
	if (to)
		snprintf(per.to, sizeof per.to, "%s", to);
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) || (rc = cli_period_check(cli, cmd, &per)) ||
	    (rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = wg_clues_list(ws->db, per.from, per.to, grid, &r, &cli->err)) == WG_OK &&
	    (rc = wg_clue_rate(ws->db, per.from, per.to, grid, &found, &reported, &cli->err)) == WG_OK)
		rc = wg_report_rules_open(ws->db, per.to, &rr, &cli->err);
	if (rc == WG_OK) {
		const char *head[] = {_("Id"), _("Found"), _("Category"), _("Entity or location"),
				      _("Information"), _("Reported"), _("Status")};
		wg_table *t = wg_table_new(7, head);
		const struct wg_field *sf = wg_field_find(&wg_kind_clue, "status");
		for (size_t i = 0; i < r.n; i++) {
			const wg_record *c = r.v[i];
			char b[9], fa[64], ra[64];
			char *ename = cli_entity_name(cli, ws, wg_record_get(c, "entity"));
			wg_timestamp_display(wg_record_get(c, "found"), fa, sizeof fa);
			wg_timestamp_display(wg_record_get(c, "reported"), ra, sizeof ra);
			const char *row[] = {cli_short_id(wg_record_id(c), fmt, b), fa,
					     wg_clue_category_label(rr, wg_record_get(c, "category")),
					     ename ? ename : wg_record_get(c, "location"),
					     wg_record_get(c, "content"),
					     *wg_record_get(c, "reported") ? ra : "",
					     wg_option_label(sf, wg_record_get(c, "status"))};
			wg_table_add(t, row);
			free(ename);
		}
		cli_print_table(t, fmt);
		if (fmt == TABLE_TEXT) {
			if (found)
				printf(_("Information report rate (协管信息报告率): %ld of %ld clues found "
					 "were reported, %.1f%%\n"), reported, found,
				       100.0 * (double)reported / (double)found);
			else
				printf(_("No clue was found in this period.\n"));
		}
	}
	wg_records_free(&r);
	wg_report_rules_free(rr);
	wg_ws_close(ws);
	return rc ? cli_fail(cli, rc) : WG_OK;
}
