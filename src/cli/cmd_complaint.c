/* Complaints and their publication export. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "complaint.h"
#include "db.h"
#include "i18n.h"
#include "recordop.h"
#include "query.h"
#include "timeutil.h"
#include "validate.h"

int cmd_complaint_add(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("complaint", "add");
	static const char *const names[] = {"channel", "content", "entity", "location", "complainant",
					    "contact", "received", "deadline", "grid", NULL};
	const char *vals[9] = {NULL}, *idcard = NULL;
	struct cli_opt opts[11];
	for (size_t i = 0; names[i]; i++)
		opts[i] = (struct cli_opt)CLI_VALUE(names[i], &vals[i]);
	opts[9] = (struct cli_opt)CLI_VALUE("complainant-id", &idcard);
	opts[10] = (struct cli_opt)CLI_END;
	struct wg_change ch[9];
	size_t n = 0;
	wg_workspace *ws;
	char eid[WG_ID_BUFSIZE];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!vals[0] || !vals[1])
		return cli_usage(cli, cmd, _("--channel and --content are required"));
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_entity, vals[2], &ws, eid)))
		return rc;
	for (size_t i = 0; names[i]; i++)
		if (vals[i])
			ch[n++] = (struct wg_change){names[i], i == 2 ? eid : vals[i]};
	wg_record *rec = wg_record_new(&wg_kind_complaint);
	if ((rc = wg_fill(rec, ch, n, false, &cli->err)) ||
	    (rc = wg_complaint_add_with_id(ws, rec, idcard, &cli->err)))
		cli_fail(cli, rc);
	else
		printf("%s\n", wg_record_id(rec));
	wg_record_free(rec);
	wg_ws_close(ws);
	return rc;
}

int cmd_complaint_list(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("complaint", "list");
	const char *format = NULL, *status = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("format", &format),
				       CLI_VALUE("status", &status),
				       CLI_END};
	wg_workspace *ws;
	wg_records r = {0};
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) || (rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	rc = wg_complaints_list_personal(ws->db, status, &r, &cli->err);
	if (rc == WG_OK) {
		const char *head[] = {_("Id"), _("Received"), _("Channel"), _("Entity or location"),
				      _("Complainant"), _("Phone"), _("Deadline"), _("Status"),
				      _("Deadline counted")};
		wg_table *t = wg_table_new(fmt == TABLE_TEXT ? 8 : 9, head);
		for (size_t i = 0; i < r.n; i++) {
			const wg_record *c = r.v[i];
			char b[9], when[64], who[128], phone[64], dl[256];
			char *ename = cli_entity_name(cli, ws, wg_record_get(c, "entity"));
			wg_timestamp_display(wg_record_get(c, "received"), when, sizeof when);
			/* personal data: masked in every list */
			wg_mask(wg_record_get(c, "complainant"), who, sizeof who);
			wg_mask(wg_record_get(c, "contact"), phone, sizeof phone);
			const char *row[] = {
				cli_short_id(wg_record_id(c), fmt, b), when,
				wg_option_label(wg_field_find(&wg_kind_complaint, "channel"),
						wg_record_get(c, "channel")),
				ename ? ename : wg_record_get(c, "location"), who, phone,
				cli_deadline_cell(fmt, wg_record_get(c, "deadline"),
						  wg_record_get(c, "deadline_basis"), dl, sizeof dl),
				wg_option_label(wg_field_find(&wg_kind_complaint, "status"),
						wg_record_get(c, "status")),
				wg_record_get(c, "deadline_basis")};
			wg_table_add(t, row);
			free(ename);
		}
		cli_print_table(t, fmt);
	}
	wg_records_free(&r);
	wg_ws_close(ws);
	return rc ? cli_fail(cli, rc) : WG_OK;
}

int cmd_complaint_show(struct cli *cli, int argc, char **argv)
{
	return cli_record_show(cli, &wg_kind_complaint, cli_find("complaint", "show"), argc, argv);
}

int cmd_complaint_verify(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("complaint", "verify");
	const char *assignee = NULL, *pos[1];
	const struct cli_opt opts[] = {CLI_VALUE("assignee", &assignee), CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE], oid[WG_ID_BUFSIZE], task[WG_ID_BUFSIZE];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_complaint, pos[0], &ws, id)))
		return rc;
	if (!assignee || (rc = cli_resolve(cli, ws, &wg_kind_officer, assignee, oid)) == WG_OK) {
		if ((rc = wg_complaint_verify(ws, id, assignee ? oid : NULL, task, &cli->err)))
			cli_fail(cli, rc);
		else
			printf("%s\n", task);
	}
	wg_ws_close(ws);
	return rc;
}

int cmd_complaint_close(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("complaint", "close");
	const char *result = NULL, *pos[1];
	const struct cli_opt opts[] = {CLI_VALUE("result", &result), CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!result)
		return cli_usage(cli, cmd, _("--result is required"));
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_complaint, pos[0], &ws, id)))
		return rc;
	if ((rc = wg_complaint_close(ws, id, result, &cli->err)))
		cli_fail(cli, rc);
	wg_ws_close(ws);
	return rc;
}

static int publish_complaints(sqlite3 *db, const char *from, const char *to, const char *grid,
			      strbuf *csv, wg_error *err)
{
	wg_maskings masked = {0};
	(void)grid; /* for the whole county */
	int rc = wg_publish_complaints(db, from, to, csv, &masked, err);
	/* on stderr: the CSV may be going to stdout */
	if (rc == WG_OK)
		cli_print_maskings(&masked, stderr);
	wg_maskings_free(&masked);
	return rc;
}

int cmd_publish_complaints(struct cli *cli, int argc, char **argv)
{
	return cli_period_output(cli, cli_find("publish", "complaints"), argc, argv, false,
				 publish_complaints);
}
