/* Printable forms. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "casedoc.h"
#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "print.h"
#include "summary.h"

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

int cmd_print_opinion(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("print", "opinion");
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
	if ((rc = wg_patrol_opinion_print(ws, id, &html, &cli->err)))
		cli_fail(cli, rc);
	else
		rc = cli_write_output(cli, out, &html);
	sb_release(&html);
	wg_ws_close(ws);
	return rc;
}

/* A result code of the summary in the reader's language. */
static const char *summary_result(const struct wg_summary_row *r)
{
	const struct wg_field *f = NULL;
	switch (r->section) {
	case SUM_INSPECTION: f = wg_field_find(&wg_kind_inspection, "result"); break;
	case SUM_FINDING:
		if (strcmp(r->result, "overdue") == 0)
			/* TRANSLATORS: a finding whose rectification deadline has passed */
			return _("overdue");
		f = wg_field_find(&wg_kind_finding, "status");
		break;
	case SUM_COMPLAINT: f = wg_field_find(&wg_kind_complaint, "status"); break;
	case SUM_CREDIT:
		if (strcmp(r->result, "red") == 0)
			return _("red list");
		f = wg_field_find(&wg_kind_blacklist, "status");
		break;
	default: return r->result;
	}
	return *r->result ? wg_option_label(f, r->result) : "";
}

int cmd_summary(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("summary", NULL);
	const char *from = NULL, *to = NULL, *format = NULL, *out = NULL, *pos[1];
	const struct cli_opt opts[] = {CLI_VALUE("from", &from), CLI_VALUE("to", &to),
				       CLI_VALUE("format", &format), CLI_VALUE("o", &out), CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE], f[11], t[11];
	int fmt = TABLE_TEXT, rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	bool html = format && strcmp(format, "html") == 0;
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!from || !to)
		return cli_usage(cli, cmd, _("give --from and --to"));
	if ((!html && (rc = cli_format_arg(cli, cmd, format, &fmt))) ||
	    (rc = cli_date_arg(cli, cmd, from, f)) || (rc = cli_date_arg(cli, cmd, to, t)))
		return rc;
	if ((rc = cli_open_resolve(cli, WS_READ, &wg_kind_entity, pos[0], &ws, id)))
		return rc;
	strbuf doc = STRBUF_INIT;
	if (html) {
		rc = wg_print_summary(ws->db, id, f, t, &doc, &cli->err);
	} else {
		struct wg_summary s;
		if ((rc = wg_summary_build(ws->db, id, f, t, &s, &cli->err)) == WG_OK) {
			static const char *const sections[] = {
				N_("entity"), N_("inspection"), N_("finding"), N_("points"),
				N_("complaint"), N_("risk grade"), N_("credit status")};
			const char *head[] = {_("Section"), _("Date"), _("What"), _("Result"),
					      _("Detail")};
			wg_table *tb = wg_table_new(5, head);
			const struct wg_field *kf = wg_field_find(&wg_kind_inspection, "kind");
			for (size_t i = 0; i < s.n; i++) {
				const struct wg_summary_row *r = &s.v[i];
				const char *row[] = {_(sections[r->section]), r->date,
						     r->section == SUM_INSPECTION
							     ? wg_option_label(kf, r->what)
							     : r->what,
						     summary_result(r), r->detail};
				wg_table_add(tb, row);
			}
			wg_table_render(tb, fmt, &doc);
			wg_table_free(tb);
			wg_summary_free(&s);
		}
	}
	if (rc)
		cli_fail(cli, rc);
	else
		rc = cli_write_output(cli, out, &doc);
	sb_release(&doc);
	wg_ws_close(ws);
	return rc;
}
