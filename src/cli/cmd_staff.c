/* Staff and scope: practitioners (执业人员), the register check, licences and
 * certificates about to expire, and the county's notices of points (记分告知). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "notice.h"
#include "recordop.h"
#include "rules.h"
#include "staff.h"
#include "timeutil.h"
#include "utf8.h"
#include "validate.h"

int cmd_staff_add(struct cli *cli, int argc, char **argv)
{
	return cli_record_add_with(cli, &wg_kind_staff, cli_find("staff", "add"), argc, argv,
				   wg_staff_add);
}

int cmd_staff_set(struct cli *cli, int argc, char **argv)
{
	return cli_record_set(cli, &wg_kind_staff, cli_find("staff", "set"), argc, argv);
}

int cmd_staff_delete(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("staff", "delete");
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE];
	int rc;
	if ((rc = cli_parse_id(cli, cmd, argc, argv)))
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_staff, argv[1], &ws, id)))
		return rc;
	if ((rc = wg_delete(ws, &wg_kind_staff, id, &cli->err)))
		cli_fail(cli, rc);
	wg_ws_close(ws);
	return rc;
}

int cmd_staff_show(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("staff", "show");
	wg_workspace *ws;
	wg_record *s = NULL, *e = NULL;
	char id[WG_ID_BUFSIZE], today[11], why[300];
	int rc;
	if ((rc = cli_parse_id(cli, cmd, argc, argv)))
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open_resolve(cli, WS_READ, &wg_kind_staff, argv[1], &ws, id)))
		return rc;
	if ((rc = wg_db_load(ws->db, &wg_kind_staff, id, &s, &cli->err)) ||
	    (ws->role == ROLE_COUNTY && (rc = wg_db_personal_fill(ws->db, s, &cli->err)))) {
		cli_fail(cli, rc);
		goto out;
	}
	/* the ID number: masked at the county, which alone keeps it */
	int idf = wg_field_index(&wg_kind_staff, "idcard");
	if (ws->role != ROLE_COUNTY) {
		wg_record_put(s, idf, _("kept by the county"));
	} else if (*wg_record_get(s, "idcard")) {
		char masked[64];
		wg_mask(wg_record_get(s, "idcard"), masked, sizeof masked);
		wg_record_put(s, idf, masked);
	}
	cli_print_record(s, false, stdout);
	wg_today(today);
	if (wg_db_load(ws->db, &wg_kind_entity, wg_record_get(s, "entity"), &e, &cli->err) == WG_OK) {
		printf(_("Entity: %s\n"), wg_record_get(e, "name"));
		const char *p = wg_staff_problem(s, e, today, why, sizeof why);
		printf(_("Register check: %s\n"), p ? p : _("in order"));
	}
out:
	wg_record_free(e);
	wg_record_free(s);
	wg_ws_close(ws);
	return rc;
}

int cmd_staff_list(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("staff", "list");
	const char *entity = NULL, *format = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("entity", &entity), CLI_VALUE("format", &format),
				       CLI_END};
	wg_workspace *ws;
	wg_records staff = {0};
	char id[WG_ID_BUFSIZE], today[11];
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)))
		return rc;
	if ((rc = cli_open_resolve(cli, WS_READ, &wg_kind_entity, entity, &ws, id)))
		return rc;
	if ((rc = wg_staff_list(ws->db, entity ? id : NULL, &staff, &cli->err))) {
		wg_ws_close(ws);
		return cli_fail(cli, rc);
	}
	const char *head[] = {_("Id"), _("Name"), _("Kind"), _("Certificate number"), _("Expires"),
			      _("Entity"), _("Status"), _("Register check")};
	wg_table *t = wg_table_new(8, head);
	const struct wg_field *kind = wg_field_find(&wg_kind_staff, "kind");
	const struct wg_field *status = wg_field_find(&wg_kind_staff, "status");
	wg_today(today);
	for (size_t i = 0; i < staff.n; i++) {
		const wg_record *s = staff.v[i];
		wg_record *e = NULL;
		char sid[9], why[300];
		wg_db_load(ws->db, &wg_kind_entity, wg_record_get(s, "entity"), &e, &cli->err);
		const char *p = wg_staff_problem(s, e, today, why, sizeof why);
		const char *row[] = {cli_short_id(wg_record_id(s), fmt, sid), wg_record_get(s, "name"),
				     wg_option_label(kind, wg_record_get(s, "kind")),
				     wg_record_get(s, "cert"), wg_record_get(s, "cert_expiry"),
				     e ? wg_record_get(e, "name") : "",
				     wg_option_label(status, wg_record_get(s, "status")), p ? p : ""};
		wg_table_add(t, row);
		wg_record_free(e);
	}
	cli_print_table(t, fmt);
	wg_records_free(&staff);
	wg_ws_close(ws);
	return WG_OK;
}

/* The register as an item checked against it sees it: printed for the
 * inspection commands too. Returns the number of problems. */
size_t cli_print_register(struct cli *cli, wg_workspace *ws, const char *entity,
			  enum wg_against against, const char *date, const char *seen, FILE *out)
{
	strbuf shown = STRBUF_INIT, problems = STRBUF_INIT;
	size_t n = 0;
	if (wg_register_check(ws->db, entity, against, date, seen, &shown, &problems, &n,
			      &cli->err)) {
		cli_fail(cli, WG_EINPUT);
		return 0;
	}
	fputs(against == AGAINST_SCOPE ? _("Checked against the registered services:\n")
				       : _("Checked against the registered practitioners:\n"),
	      out);
	strbuf clean = STRBUF_INIT;
	wg_term_clean(&clean, sb_str(&shown), shown.len, true);
	fputs(sb_str(&clean), out);
	sb_release(&clean);
	if (n) {
		fprintf(out, "%s\n", _("The register shows:"));
		wg_term_clean(&clean, sb_str(&problems), problems.len, true);
		fputs(sb_str(&clean), out);
		sb_release(&clean);
	}
	sb_release(&shown);
	sb_release(&problems);
	return n;
}

int cmd_staff_check(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("staff", "check");
	const char *seen = NULL, *date = NULL, *pos[1];
	const struct cli_opt opts[] = {CLI_VALUE("seen", &seen), CLI_VALUE("date", &date), CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE], day[11];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_date_arg(cli, cmd, date, day)))
		return rc;
	if ((rc = cli_open_resolve(cli, WS_READ, &wg_kind_entity, pos[0], &ws, id)))
		return rc;
	size_t n = cli_print_register(cli, ws, id, AGAINST_SCOPE, day, seen, stdout);
	n += cli_print_register(cli, ws, id, AGAINST_STAFF, day, NULL, stdout);
	wg_ws_close(ws);
	/* a contradiction is an answer, not a failure of the command */
	if (!n)
		printf("%s\n", _("The register shows nothing against the entity."));
	return WG_OK;
}

int cmd_expiry(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("expiry", NULL);
	const char *date = NULL, *format = NULL, *days = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("date", &date), CLI_VALUE("days", &days),
				       CLI_VALUE("format", &format), CLI_END};
	wg_workspace *ws;
	struct wg_limits lim;
	wg_table *t;
	char day[11];
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	int n = 0;
	if (days && (strlen(days) > 4 || strspn(days, "0123456789") != strlen(days) || !*days))
		return cli_usage(cli, cmd, _("--days is a number of days (0 to 9999)"));
	if (days)
		n = atoi(days);
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) || (rc = cli_date_arg(cli, cmd, date, day)) ||
	    (rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if (!days) {
		/* the county's rule value in force on the day */
		if ((rc = wg_limits_open(ws->db, day, &lim, &cli->err))) {
			wg_ws_close(ws);
			return cli_fail(cli, rc);
		}
		n = lim.expiry_alert_days;
	}
	if (fmt == TABLE_TEXT)
		printf(_("Expired, or expiring within %d days of %s:\n"), n, day);
	rc = wg_expiry_table(ws->db, day, n, 0, &t, &cli->err);
	if (rc == WG_OK) {
		/* the record's id (short in a text table); the entity's is its own
		 * line's for a licence, and the entity's name says it for a person */
		wg_table *shown = wg_table_new(7, (const char *const *)t->cells);
		for (size_t r = 1; r < t->nrows; r++) {
			const char *row[7];
			char sid[9];
			for (int c = 0; c < 7; c++)
				row[c] = t->cells[r * t->ncols + c];
			row[6] = cli_short_id(row[6], fmt, sid);
			wg_table_add(shown, row);
		}
		wg_table_free(t);
		cli_print_table(shown, fmt);
	} else {
		cli_fail(cli, rc);
	}
	wg_ws_close(ws);
	return rc;
}

/* ---- 记分告知 ---- */

int cmd_points_notice(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("points", "notice");
	const char *staff = NULL, *days = NULL, *date = NULL, *pos[1];
	const struct cli_opt opts[] = {CLI_VALUE("staff", &staff), CLI_VALUE("days", &days),
				       CLI_VALUE("date", &date), CLI_END};
	wg_workspace *ws;
	char finding[WG_ID_BUFSIZE], sid[WG_ID_BUFSIZE] = "", id[WG_ID_BUFSIZE], day[11];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!days || strlen(days) > 2 || !*days || strspn(days, "0123456789") != strlen(days))
		return cli_usage(cli, cmd, _("--days gives the working days to answer (1 to 60)"));
	if ((rc = cli_date_arg(cli, cmd, date, day)))
		return rc;
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_finding, pos[0], &ws, finding)))
		return rc;
	if (staff && (rc = cli_resolve(cli, ws, &wg_kind_staff, staff, sid))) {
		wg_ws_close(ws);
		return rc;
	}
	if ((rc = wg_notice_add(ws, finding, sid, day, atoi(days), id, &cli->err)))
		cli_fail(cli, rc);
	else
		printf("%s\n", id);
	wg_ws_close(ws);
	return rc;
}

int cmd_points_answer(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("points", "answer");
	const char *text = NULL, *date = NULL, *pos[1];
	const struct cli_opt opts[] = {CLI_VALUE("text", &text), CLI_VALUE("date", &date), CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE], day[11];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!text)
		return cli_usage(cli, cmd, _("give the answer with --text"));
	if ((rc = cli_date_arg(cli, cmd, date, day)) ||
	    (rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_notice, pos[0], &ws, id)))
		return rc;
	if ((rc = wg_notice_answer(ws, id, text, day, &cli->err)))
		cli_fail(cli, rc);
	wg_ws_close(ws);
	return rc;
}

int cmd_points_decide(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("points", "decide");
	const char *reason = NULL, *date = NULL, *pos[1];
	bool final = false, withdraw = false;
	const struct cli_opt opts[] = {CLI_FLAG("final", &final), CLI_FLAG("withdraw", &withdraw),
				       CLI_VALUE("reason", &reason), CLI_VALUE("date", &date),
				       CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE], day[11];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (final == withdraw)
		return cli_usage(cli, cmd, _("give one of --final and --withdraw"));
	if (!reason)
		return cli_usage(cli, cmd, _("give the reason with --reason"));
	if ((rc = cli_date_arg(cli, cmd, date, day)) ||
	    (rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_notice, pos[0], &ws, id)))
		return rc;
	if ((rc = wg_notice_decide(ws, id, final, reason, day, &cli->err)))
		cli_fail(cli, rc);
	wg_ws_close(ws);
	return rc;
}

int cmd_points_notices(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("points", "notices");
	const char *date = NULL, *format = NULL;
	bool all = false;
	const struct cli_opt opts[] = {CLI_FLAG("all", &all), CLI_VALUE("date", &date),
				       CLI_VALUE("format", &format), CLI_END};
	wg_workspace *ws;
	wg_records v = {0};
	char day[11];
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) || (rc = cli_date_arg(cli, cmd, date, day)) ||
	    (rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = wg_notices_list(ws->db, all, day, &v, &cli->err))) {
		wg_ws_close(ws);
		return cli_fail(cli, rc);
	}
	const char *head[] = {_("Id"), _("Entity"), _("Practitioner"), _("Violation"),
			      _("Notified"), _("Answers until"), _("State")};
	wg_table *t = wg_table_new(7, head);
	for (size_t i = 0; i < v.n; i++) {
		const wg_record *n = v.v[i];
		wg_record *f = NULL, *s = NULL;
		char nid[9];
		wg_db_load(ws->db, &wg_kind_finding, wg_record_get(n, "finding"), &f, &cli->err);
		if (*wg_record_get(n, "staff"))
			wg_db_load(ws->db, &wg_kind_staff, wg_record_get(n, "staff"), &s, &cli->err);
		char *ename = f ? cli_entity_name(cli, ws, wg_record_get(f, "entity")) : NULL;
		const char *state = wg_notice_state(n, day);
		const char *shown = strcmp(state, "pending") == 0
					    ? wg_option_label(wg_field_find(&wg_kind_notice, "status"),
							      wg_record_get(n, "status"))
					    : wg_option_label(wg_field_find(&wg_kind_notice, "status"), state);
		const char *row[] = {cli_short_id(wg_record_id(n), fmt, nid), ename ? ename : "",
				     s ? wg_record_get(s, "name") : "",
				     f ? wg_record_get(f, "violation") : "", wg_record_get(n, "noticed"),
				     wg_record_get(n, "answer_until"), shown};
		wg_table_add(t, row);
		free(ename);
		wg_record_free(f);
		wg_record_free(s);
	}
	cli_print_table(t, fmt);
	wg_records_free(&v);
	wg_ws_close(ws);
	return WG_OK;
}
