/* Tasks, patrols and inspections, findings. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "cli.h"
#include "staff.h"
#include "db.h"
#include "i18n.h"
#include "inspection.h"
#include "query.h"
#include "timeutil.h"

int cmd_task_add(struct cli *cli, int argc, char **argv)
{
	return cli_record_add(cli, &wg_kind_task, cli_find("task", "add"), argc, argv);
}

int cmd_task_show(struct cli *cli, int argc, char **argv)
{
	return cli_record_show(cli, &wg_kind_task, cli_find("task", "show"), argc, argv);
}

int cmd_task_list(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("task", "list");
	const char *format = NULL, *status = NULL, *kind = NULL, *entity = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("format", &format),
				       CLI_VALUE("status", &status),
				       CLI_VALUE("kind", &kind),
				       CLI_VALUE("entity", &entity),
				       CLI_END};
	wg_workspace *ws;
	wg_records r = {0};
	char eid[WG_ID_BUFSIZE];
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) ||
	    (rc = cli_open_resolve(cli, WS_READ, &wg_kind_entity, entity, &ws, eid)))
		return rc;
	rc = wg_tasks_list(ws->db, status, kind, entity ? eid : NULL, &r, &cli->err);
	if (rc == WG_OK) {
		const char *head[] = {_("Id"), _("Kind"), _("Due"), _("Status"), _("Entity"), _("Title")};
		wg_table *t = wg_table_new(6, head);
		const struct wg_field *fk = wg_field_find(&wg_kind_task, "kind");
		const struct wg_field *fs = wg_field_find(&wg_kind_task, "status");
		for (size_t i = 0; i < r.n; i++) {
			char b[9], title[400];
			char *ename = cli_entity_name(cli, ws, wg_record_get(r.v[i], "entity"));
			const char *row[] = {cli_short_id(wg_record_id(r.v[i]), fmt, b),
					     wg_option_label(fk, wg_record_get(r.v[i], "kind")),
					     wg_record_get(r.v[i], "due"),
					     wg_option_label(fs, wg_record_get(r.v[i], "status")),
					     ename ? ename : "",
					     wg_task_title(wg_record_get(r.v[i], "kind"),
							   wg_record_get(r.v[i], "source"),
							   wg_record_get(r.v[i], "title"), ename,
							   title, sizeof title)};
			wg_table_add(t, row);
			free(ename);
		}
		cli_print_table(t, fmt);
	}
	wg_records_free(&r);
	wg_ws_close(ws);
	return rc ? cli_fail(cli, rc) : WG_OK;
}

int cmd_inspection_start(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("inspection", "start");
	const char *task = NULL, *entity = NULL, *kind = NULL, *checklist = NULL;
	const char *insp_args[8];
	size_t ninsp = 0;
	const struct cli_opt opts[] = {CLI_VALUE("task", &task),
				       CLI_VALUE("entity", &entity),
				       CLI_VALUE("kind", &kind),
				       CLI_VALUE("checklist", &checklist),
				       CLI_MULTI("inspector", insp_args, &ninsp, 6),
				       CLI_END};
	wg_workspace *ws;
	char tid[WG_ID_BUFSIZE], eid[WG_ID_BUFSIZE], ids[8][WG_ID_BUFSIZE], id[WG_ID_BUFSIZE];
	const char *idp[8];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!task && !entity)
		return cli_usage(cli, cmd, _("give --task or --entity"));
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	if ((task && (rc = cli_resolve(cli, ws, &wg_kind_task, task, tid))) ||
	    (entity && (rc = cli_resolve(cli, ws, &wg_kind_entity, entity, eid))))
		goto out;
	for (size_t i = 0; i < ninsp; i++) {
		if ((rc = cli_resolve(cli, ws, &wg_kind_officer, insp_args[i], ids[i])))
			goto out;
		idp[i] = ids[i];
	}
	struct wg_inspection_start s = {task ? tid : NULL, entity ? eid : NULL, kind, checklist,
					idp, ninsp};
	if ((rc = wg_inspection_start(ws, &s, id, &cli->err)))
		cli_fail(cli, rc);
	else
		printf("%s\n", id);
out:
	wg_ws_close(ws);
	return rc;
}

int cmd_inspection_record(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("inspection", "record");
	const char *note = NULL, *seen = NULL, *pos[3];
	bool confirm = false;
	const struct cli_opt opts[] = {CLI_VALUE("note", &note), CLI_VALUE("seen", &seen),
				       CLI_FLAG("confirm", &confirm), CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE], entity[WG_ID_BUFSIZE], today[11];
	enum wg_against against = AGAINST_NONE;
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 3, 3);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_inspection, pos[0], &ws, id)))
		return rc;
	/* an item checked against the register: what it holds, first */
	wg_today(today);
	if (wg_inspection_item_against(ws->db, id, pos[1], &against, entity, &cli->err) == WG_OK &&
	    against != AGAINST_NONE && strcmp(pos[2], "none") != 0)
		cli_print_register(cli, ws, entity, against, today, seen, stdout);
	/* "none" takes the item's result back, as the screen's undo does */
	if (strcmp(pos[2], "none") == 0 && !note)
		rc = wg_inspection_unrecord(ws, id, pos[1], &cli->err);
	else
		rc = wg_inspection_record_checked(ws, id, pos[1], pos[2], note, seen, confirm,
						  &cli->err);
	if (rc)
		cli_fail(cli, rc);
	wg_ws_close(ws);
	return rc;
}

int cmd_inspection_evidence(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("inspection", "attach");
	const char *item = NULL, *pos[2];
	const struct cli_opt opts[] = {CLI_VALUE("item", &item), CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE], hash[41];
	long long size;
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 2, 2);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_inspection, pos[0], &ws, id)))
		return rc;
	if ((rc = wg_inspection_evidence(ws, id, item, pos[1], hash, &size, &cli->err)))
		cli_fail(cli, rc);
	else
		printf("%s %lld\n", hash, size);
	wg_ws_close(ws);
	return rc;
}

int cmd_inspection_sign(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("inspection", "sign");
	const char *summary = NULL, *deadline = NULL, *category = NULL, *pos[1];
	const struct cli_opt opts[] = {CLI_VALUE("summary", &summary),
				       CLI_VALUE("deadline", &deadline),
				       CLI_VALUE("category", &category),
				       CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE];
	struct wg_sign_result res;
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_inspection, pos[0], &ws, id)))
		return rc;
	struct wg_sign_opts o = {summary, deadline, category};
	if ((rc = wg_inspection_sign_with(ws, id, &o, &res, &cli->err))) {
		cli_fail(cli, rc);
	} else {
		const struct wg_field *f = wg_field_find(&wg_kind_inspection, "result");
		printf(_("Signed. Result: %s.\n"), wg_option_label(f, res.result));
		if (res.nfindings)
			printf(ngettext("%zu finding recorded.\n", "%zu findings recorded.\n",
					res.nfindings), res.nfindings);
		if (*res.deadline) {
			char dl[256];
			wg_deadline_text(res.basis, res.deadline, dl, sizeof dl);
			printf(_("Rectification deadline: %s; re-inspection task %s.\n"), dl, res.recheck);
		}
		if (*res.clue)
			printf(_("Reported to the county as clue %s: the county hands it over to an "
				 "inspector.\n"), res.clue);
	}
	wg_ws_close(ws);
	return rc;
}

int cmd_inspection_correct(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("inspection", "correct");
	const char *pos[1];
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE], newid[WG_ID_BUFSIZE];
	int rc = cli_parse_opts(cli, cmd, argc, argv, NULL, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_inspection, pos[0], &ws, id)))
		return rc;
	if ((rc = wg_inspection_correct(ws, id, newid, &cli->err)))
		cli_fail(cli, rc);
	else
		printf("%s\n", newid);
	wg_ws_close(ws);
	return rc;
}

int cmd_inspection_show(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("inspection", "show");
	const char *pos[1];
	wg_workspace *ws;
	wg_inspection_view v;
	char id[WG_ID_BUFSIZE];
	int rc = cli_parse_opts(cli, cmd, argc, argv, NULL, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open_resolve(cli, WS_READ, &wg_kind_inspection, pos[0], &ws, id)))
		return rc;
	if ((rc = wg_inspection_view_load(ws->db, id, &v, &cli->err))) {
		wg_ws_close(ws);
		return cli_fail(cli, rc);
	}
	cli_print_record(v.insp, false, stdout);
	printf(_("Entity: %s\n"), wg_record_get(v.entity, "name"));
	printf(_("Checklist: %s (%s@%d)\n"), v.checklist->title, v.checklist->code, v.checklist->version);
	printf(_("Inspectors:"));
	for (size_t i = 0; i < v.inspectors.n; i++) {
		const char *cert = wg_record_get(v.inspectors.v[i], "cert");
		printf(" %s%s%s%s", wg_record_get(v.inspectors.v[i], "name"), *cert ? " (" : "", cert,
		       *cert ? ")" : "");
	}
	printf("\n\n");
	const struct wg_field *fo = wg_field_find(&wg_kind_result, "outcome");
	const char *ih[] = {_("Item"), _("Key"), _("Result"), _("Note"), _("Text")};
	wg_table *t = wg_table_new(5, ih);
	for (size_t i = 0; i < v.checklist->nitems; i++) {
		const struct wg_checkitem *it = &v.checklist->items[i];
		const wg_record *r = wg_view_result(&v, it->code);
		const char *row[] = {it->code, it->key ? _("key") : "",
				     r ? wg_option_label(fo, wg_record_get(r, "outcome")) : "-",
				     r ? wg_record_get(r, "note") : "", it->text};
		wg_table_add(t, row);
	}
	cli_print_table(t, TABLE_TEXT);
	if (v.findings.n) {
		printf(_("\nFindings:\n"));
		const struct wg_field *fs = wg_field_find(&wg_kind_finding, "status");
		const char *fh[] = {_("Id"), _("Item"), _("Deadline"), _("Violation"), _("Status"),
				    _("Problem")};
		t = wg_table_new(6, fh);
		for (size_t i = 0; i < v.findings.n; i++) {
			const wg_record *f = v.findings.v[i];
			char b[9], dl[256];
			const char *row[] = {cli_short_id(wg_record_id(f), TABLE_TEXT, b),
					     wg_record_get(f, "item"),
					     cli_deadline_cell(TABLE_TEXT, wg_record_get(f, "deadline"),
							       wg_record_get(f, "deadline_basis"), dl,
							       sizeof dl),
					     wg_record_get(f, "violation"),
					     wg_option_label(fs, wg_record_get(f, "status")),
					     wg_record_get(f, "text")};
			wg_table_add(t, row);
		}
		cli_print_table(t, TABLE_TEXT);
	}
	if (v.evidence.n) {
		printf(_("\nEvidence:\n"));
		const char *eh[] = {_("Hash"), _("Size"), _("Item"), _("File")};
		t = wg_table_new(4, eh);
		for (size_t i = 0; i < v.evidence.n; i++) {
			const wg_record *e = v.evidence.v[i];
			const char *row[] = {wg_record_get(e, "hash"), wg_record_get(e, "size"),
					     wg_record_get(e, "item"), wg_record_get(e, "name")};
			wg_table_add(t, row);
		}
		cli_print_table(t, TABLE_TEXT);
	}
	wg_inspection_view_free(&v);
	wg_ws_close(ws);
	return WG_OK;
}

int cmd_inspection_list(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("inspection", "list");
	const char *format = NULL, *entity = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("format", &format),
				       CLI_VALUE("entity", &entity),
				       CLI_END};
	wg_workspace *ws;
	wg_records r = {0};
	char eid[WG_ID_BUFSIZE];
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) ||
	    (rc = cli_open_resolve(cli, WS_READ, &wg_kind_entity, entity, &ws, eid)))
		return rc;
	rc = wg_inspections_list(ws->db, entity ? eid : NULL, &r, &cli->err);
	if (rc == WG_OK) {
		const char *head[] = {_("Id"), _("Started"), _("Kind"), _("Status"), _("Result"),
				      _("Entity"), _("Checklist")};
		wg_table *t = wg_table_new(7, head);
		for (size_t i = 0; i < r.n; i++) {
			const wg_record *x = r.v[i];
			char b[9], when[64];
			char *ename = cli_entity_name(cli, ws, wg_record_get(x, "entity"));
			wg_timestamp_display(wg_record_get(x, "started"), when, sizeof when);
			const char *row[] = {
				cli_short_id(wg_record_id(x), fmt, b), when,
				wg_option_label(wg_field_find(&wg_kind_inspection, "kind"), wg_record_get(x, "kind")),
				wg_option_label(wg_field_find(&wg_kind_inspection, "status"), wg_record_get(x, "status")),
				*wg_record_get(x, "result")
					? wg_option_label(wg_field_find(&wg_kind_inspection, "result"),
							  wg_record_get(x, "result"))
					: "",
				ename ? ename : "", wg_record_get(x, "checklist")};
			wg_table_add(t, row);
			free(ename);
		}
		cli_print_table(t, fmt);
	}
	wg_records_free(&r);
	wg_ws_close(ws);
	return rc ? cli_fail(cli, rc) : WG_OK;
}

int cmd_finding_list(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("finding", "list");
	const char *format = NULL, *entity = NULL, *date = NULL;
	bool overdue = false;
	const struct cli_opt opts[] = {CLI_VALUE("format", &format),
				       CLI_VALUE("entity", &entity),
				       CLI_VALUE("date", &date),
				       CLI_FLAG("overdue", &overdue),
				       CLI_END};
	wg_workspace *ws;
	wg_records r = {0};
	char eid[WG_ID_BUFSIZE], today[11];
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) || (rc = cli_date_arg(cli, cmd, date, today)) ||
	    (rc = cli_open_resolve(cli, WS_READ, &wg_kind_entity, entity, &ws, eid)))
		return rc;
	if (overdue) {
		rc = wg_findings_overdue(ws->db, today, &r, &cli->err);
	} else {
		rc = wg_findings_list(ws->db, entity ? eid : NULL, &r, &cli->err);
	}
	if (rc == WG_OK) {
		const char *head[] = {_("Id"), _("Found"), _("Entity"), _("Item"), _("Deadline"),
				      _("Status"), _("Problem"), _("Deadline counted")};
		wg_table *t = wg_table_new(fmt == TABLE_TEXT ? 7 : 8, head);
		const struct wg_field *fs = wg_field_find(&wg_kind_finding, "status");
		for (size_t i = 0; i < r.n; i++) {
			const wg_record *f = r.v[i];
			if (overdue && entity && strcmp(wg_record_get(f, "entity"), eid) != 0)
				continue;
			char b[9], dl[256], *ename = cli_entity_name(cli, ws, wg_record_get(f, "entity"));
			const char *row[] = {cli_short_id(wg_record_id(f), fmt, b),
					     wg_record_get(f, "found"),
					     ename ? ename : "", wg_record_get(f, "item"),
					     cli_deadline_cell(fmt, wg_record_get(f, "deadline"),
							       wg_record_get(f, "deadline_basis"), dl,
							       sizeof dl),
					     wg_option_label(fs, wg_record_get(f, "status")),
					     wg_record_get(f, "text"), wg_record_get(f, "deadline_basis")};
			wg_table_add(t, row);
			free(ename);
		}
		cli_print_table(t, fmt);
	}
	wg_records_free(&r);
	wg_ws_close(ws);
	return rc ? cli_fail(cli, rc) : WG_OK;
}

int cmd_finding_rectified(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("finding", "rectified");
	const char *note = NULL, *pos[1];
	const struct cli_opt opts[] = {CLI_VALUE("note", &note), CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_finding, pos[0], &ws, id)))
		return rc;
	if ((rc = wg_finding_rectified(ws, id, note, &cli->err)))
		cli_fail(cli, rc);
	wg_ws_close(ws);
	return rc;
}
