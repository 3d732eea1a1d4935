/* Administrative penalty cases (county) and the discretion standard. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedoc.h"
#include "chart.h"
#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "penalty.h"
#include "recordop.h"
#include "timeutil.h"

#define MAX_PEOPLE 8
#define MAX_LINKED 16

/* Resolve up to n officer (or other kind) arguments into ids; ptrs point at them. */
static int resolve_all(struct cli *cli, wg_workspace *ws, const struct wg_kind *kind,
		       const char **args, size_t n, char ids[][WG_ID_BUFSIZE], const char **ptrs)
{
	for (size_t i = 0; i < n; i++) {
		int rc = cli_resolve(cli, ws, kind, args[i], ids[i]);
		if (rc)
			return rc;
		ptrs[i] = ids[i];
	}
	return WG_OK;
}

static void print_money_fen(long long fen, char *out, size_t n)
{
	snprintf(out, n, "%lld.%02lld", fen / 100, fen % 100);
}

int cmd_case_file(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("case", "file");
	const char *entity = NULL, *violation = NULL, *party = NULL, *facts = NULL, *penalty = NULL,
		   *fine = NULL, *approved = NULL, *factor = NULL, *reason = NULL;
	const char *insp_args[MAX_PEOPLE], *link_args[MAX_LINKED];
	size_t ninsp = 0, nlink = 0;
	bool summary = false;
	const struct cli_opt opts[] = {CLI_VALUE("entity", &entity),
				       CLI_VALUE("violation", &violation),
				       CLI_VALUE("party", &party),
				       CLI_VALUE("facts", &facts),
				       CLI_VALUE("penalty", &penalty),
				       CLI_VALUE("fine", &fine),
				       CLI_MULTI("inspector", insp_args, &ninsp, MAX_PEOPLE),
				       CLI_VALUE("approved-by", &approved),
				       CLI_MULTI("inspection", link_args, &nlink, MAX_LINKED),
				       CLI_FLAG("summary", &summary),
				       CLI_VALUE("factor", &factor),
				       CLI_VALUE("reason", &reason),
				       CLI_END};
	wg_workspace *ws;
	char eid[WG_ID_BUFSIZE], aid[WG_ID_BUFSIZE], id[WG_ID_BUFSIZE];
	char iids[MAX_PEOPLE][WG_ID_BUFSIZE], lids[MAX_LINKED][WG_ID_BUFSIZE];
	const char *ip[MAX_PEOPLE], *lp[MAX_LINKED];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!entity || !violation || !party || !facts || !penalty || !approved)
		return cli_usage(cli, cmd, _("--entity, --violation, --party, --facts, --penalty and "
					     "--approved-by are required"));
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	if ((rc = cli_resolve(cli, ws, &wg_kind_entity, entity, eid)) ||
	    (rc = cli_resolve(cli, ws, &wg_kind_officer, approved, aid)) ||
	    (rc = resolve_all(cli, ws, &wg_kind_officer, insp_args, ninsp, iids, ip)) ||
	    (rc = resolve_all(cli, ws, &wg_kind_inspection, link_args, nlink, lids, lp)))
		goto out;
	struct wg_penalty_new n = {eid,  summary ? "summary" : "general", party, violation, facts,
				   penalty, fine, ip, ninsp, aid, lp, nlink,
				   summary ? (factor ? factor : "ordinary") : NULL, reason};
	if ((rc = wg_penalty_file(ws, &n, id, &cli->err)))
		cli_fail(cli, rc);
	else
		printf("%s\n", id);
out:
	wg_ws_close(ws);
	return rc;
}

int cmd_case_list(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("case", "list");
	const char *format = NULL, *stage = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("format", &format), CLI_VALUE("stage", &stage),
				       CLI_END};
	wg_workspace *ws;
	wg_records r = {0};
	char today[11];
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) || (rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	wg_today(today);
	rc = wg_penalties_list(ws->db, stage, &r, &cli->err);
	if (rc == WG_OK) {
		const char *head[] = {_("Id"), _("Case number"), _("Party"), _("Stage"),
				      _("Next time limit"), _("For"), _("Overdue")};
		wg_table *t = wg_table_new(7, head);
		const struct wg_field *sf = wg_field_find(&wg_kind_penalty, "stage");
		for (size_t i = 0; i < r.n; i++) {
			const wg_record *c = r.v[i];
			char b[9], date[11];
			const char *what;
			char *ename = cli_entity_name(cli, ws, wg_record_get(c, "entity"));
			wg_penalty_next_deadline(c, today, date, &what);
			const char *row[] = {cli_short_id(wg_record_id(c), fmt, b),
					     wg_record_get(c, "number"), ename ? ename : "",
					     wg_option_label(sf, wg_record_get(c, "stage")), date, what,
					     *date && strcmp(date, today) < 0 ? _("overdue") : ""};
			wg_table_add(t, row);
			free(ename);
		}
		cli_print_table(t, fmt);
	}
	wg_records_free(&r);
	wg_ws_close(ws);
	return rc ? cli_fail(cli, rc) : WG_OK;
}

int cmd_case_show(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("case", "show");
	const char *pos[1];
	wg_workspace *ws;
	wg_record *c = NULL;
	wg_records steps = {0};
	char id[WG_ID_BUFSIZE];
	int rc = cli_parse_opts(cli, cmd, argc, argv, NULL, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open_resolve(cli, WS_READ, &wg_kind_penalty, pos[0], &ws, id)))
		return rc;
	if ((rc = wg_db_load(ws->db, &wg_kind_penalty, id, &c, &cli->err)) ||
	    (rc = wg_penalty_steps(ws->db, id, &steps, &cli->err))) {
		cli_fail(cli, rc);
		goto out;
	}
	cli_print_record(c, true, stdout);
	if (*wg_record_get(c, "surcharge")) {
		char money[32];
		print_money_fen(atoll(wg_record_get(c, "surcharge")), money, sizeof money);
		printf(_("Late-payment surcharge: %s yuan\n"), money);
	}
	char date[11], today[11];
	const char *what;
	wg_today(today);
	wg_penalty_next_deadline(c, today, date, &what);
	if (*date)
		printf(_("Next time limit: %s, %s\n"), date, what);
	printf(_("Steps:\n"));
	const struct wg_field *sf = wg_field_find(&wg_kind_penalty_step, "step");
	for (size_t i = 0; i < steps.n; i++) {
		const wg_record *s = steps.v[i];
		strbuf who = STRBUF_INIT;
		const char *p = wg_record_get(s, "actors");
		while (*p) {
			char oid[WG_ID_BUFSIZE], *name = NULL;
			snprintf(oid, sizeof oid, "%.32s", p);
			const char *q[] = {oid};
			wg_query_text(ws->db, "SELECT name FROM officer WHERE id = ?1", q, 1, &name,
				      &cli->err);
			sb_addf(&who, "%s%s", who.len ? _(", ") : "", name ? name : oid);
			free(name);
			p += 32;
			if (*p == ',')
				p++;
		}
		printf("  %s  %s  %s%s%s\n", wg_record_get(s, "day"),
		       wg_option_label(sf, wg_record_get(s, "step")), sb_str(&who),
		       *wg_record_get(s, "person") ? "  " : "", wg_record_get(s, "person"));
		sb_release(&who);
	}
out:
	wg_record_free(c);
	wg_records_free(&steps);
	wg_ws_close(ws);
	return rc;
}

/* The case commands that take ID, --by (repeatable), --date and a few texts. */
struct step_args {
	const char *pos[1];
	const char *by[MAX_PEOPLE];
	size_t nby;
	const char *date, *person, *text, *step;
	char id[WG_ID_BUFSIZE];
	char ids[MAX_PEOPLE][WG_ID_BUFSIZE];
	const char *ptrs[MAX_PEOPLE];
};

static int step_parse(struct cli *cli, const struct cli_command *cmd, int argc, char **argv,
		      struct step_args *a, bool with_step, wg_workspace **ws)
{
	const struct cli_opt opts[] = {CLI_MULTI("by", a->by, &a->nby, MAX_PEOPLE),
				       CLI_VALUE("date", &a->date),
				       CLI_VALUE("person", &a->person),
				       CLI_VALUE("text", &a->text),
				       with_step ? (struct cli_opt)CLI_VALUE("step", &a->step)
						 : (struct cli_opt)CLI_END,
				       CLI_END};
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, a->pos, 1, 1);
	if (rc)
		return rc;
	if (with_step && !a->step)
		return cli_usage(cli, cmd, _("--step is required"));
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_penalty, a->pos[0], ws, a->id)))
		return rc;
	if ((rc = resolve_all(cli, *ws, &wg_kind_officer, a->by, a->nby, a->ids, a->ptrs))) {
		wg_ws_close(*ws);
		return rc;
	}
	return WG_OK;
}

static int step_done(struct cli *cli, wg_workspace *ws, int rc)
{
	wg_ws_close(ws);
	return rc ? cli_fail(cli, rc) : WG_OK;
}

int cmd_case_record(struct cli *cli, int argc, char **argv)
{
	struct step_args a = {0};
	wg_workspace *ws;
	int rc = step_parse(cli, cli_find("case", "record"), argc, argv, &a, true, &ws);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	return step_done(cli, ws, wg_penalty_record(ws, a.id, a.step, a.ptrs, a.nby, a.date, a.person,
						    a.text, &cli->err));
}

int cmd_case_notify(struct cli *cli, int argc, char **argv)
{
	struct step_args a = {0};
	wg_workspace *ws;
	int rc = step_parse(cli, cli_find("case", "notify"), argc, argv, &a, false, &ws);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	rc = wg_penalty_notify(ws, a.id, a.ptrs, a.nby, a.date, &cli->err);
	if (rc == WG_OK) {
		wg_record *c;
		if (wg_db_load(ws->db, &wg_kind_penalty, a.id, &c, &cli->err) == WG_OK) {
			if (strcmp(wg_record_get(c, "hearing"), "offered") == 0)
				printf(_("The party may state its case, or ask for a hearing, until %s.\n"),
				       wg_record_get(c, "hearing_due"));
			else
				printf(_("The party may state its case until %s.\n"),
				       wg_record_get(c, "hearing_due"));
			wg_record_free(c);
		}
	}
	return step_done(cli, ws, rc);
}

int cmd_case_hearing_request(struct cli *cli, int argc, char **argv)
{
	struct step_args a = {0};
	wg_workspace *ws;
	int rc = step_parse(cli, cli_find("case", "hearing-request"), argc, argv, &a, false, &ws);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	return step_done(cli, ws, wg_penalty_hearing_request(ws, a.id, a.date, a.person, &cli->err));
}

int cmd_case_decide(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("case", "decide");
	const char *pos[1], *by = NULL, *date = NULL, *penalty = NULL, *fine = NULL, *factor = NULL,
			    *reason = NULL, *correct = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("decided-by", &by),     CLI_VALUE("date", &date),
				       CLI_VALUE("penalty", &penalty),   CLI_VALUE("fine", &fine),
				       CLI_VALUE("factor", &factor),     CLI_VALUE("reason", &reason),
				       CLI_VALUE("correct-days", &correct), CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE], oid[WG_ID_BUFSIZE];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!by)
		return cli_usage(cli, cmd, _("--decided-by is required"));
	int days = 0;
	if (correct) {
		char *end;
		long v = strtol(correct, &end, 10);
		if (*end || v < 1 || v > 366)
			return cli_usage(cli, cmd, _("--correct-days takes a number of working days, 1 "
						     "to 366"));
		days = (int)v;
	}
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_penalty, pos[0], &ws, id)))
		return rc;
	if ((rc = cli_resolve(cli, ws, &wg_kind_officer, by, oid))) {
		wg_ws_close(ws);
		return rc;
	}
	const char *byp = oid;
	struct wg_penalty_decision d = {byp, NULL, 0, date, penalty, fine, factor, reason, days};
	rc = wg_penalty_decide(ws, id, &d, &cli->err);
	if (rc == WG_OK) {
		wg_record *c;
		if (wg_db_load(ws->db, &wg_kind_penalty, id, &c, &cli->err) == WG_OK) {
			printf(_("Decided: %s. Serve the decision by %s.\n"), wg_record_get(c, "number"),
			       wg_record_get(c, "serve_due"));
			if (*wg_record_get(c, "recheck"))
				printf(_("Re-inspection task %.8s made.\n"), wg_record_get(c, "recheck"));
			wg_record_free(c);
		}
	}
	return step_done(cli, ws, rc);
}

int cmd_case_serve(struct cli *cli, int argc, char **argv)
{
	struct step_args a = {0};
	wg_workspace *ws;
	int rc = step_parse(cli, cli_find("case", "serve"), argc, argv, &a, false, &ws);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	rc = wg_penalty_serve(ws, a.id, a.ptrs, a.nby, a.date, a.person, &cli->err);
	if (rc == WG_OK) {
		wg_record *c;
		if (wg_db_load(ws->db, &wg_kind_penalty, a.id, &c, &cli->err) == WG_OK) {
			if (*wg_record_get(c, "pay_due"))
				printf(_("The fine is due by %s.\n"), wg_record_get(c, "pay_due"));
			wg_record_free(c);
		}
	}
	return step_done(cli, ws, rc);
}

int cmd_case_pay(struct cli *cli, int argc, char **argv)
{
	struct step_args a = {0};
	wg_workspace *ws;
	int rc = step_parse(cli, cli_find("case", "pay"), argc, argv, &a, false, &ws);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	rc = wg_penalty_pay(ws, a.id, a.date, &cli->err);
	if (rc == WG_OK) {
		wg_record *c;
		if (wg_db_load(ws->db, &wg_kind_penalty, a.id, &c, &cli->err) == WG_OK) {
			if (*wg_record_get(c, "surcharge")) {
				char money[32];
				print_money_fen(atoll(wg_record_get(c, "surcharge")), money, sizeof money);
				printf(_("Paid late: a surcharge of %s yuan (Administrative Penalty Law, "
					 "art. 72).\n"), money);
			}
			wg_record_free(c);
		}
	}
	return step_done(cli, ws, rc);
}

int cmd_case_close(struct cli *cli, int argc, char **argv)
{
	struct step_args a = {0};
	wg_workspace *ws;
	int rc = step_parse(cli, cli_find("case", "close"), argc, argv, &a, false, &ws);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	return step_done(cli, ws, wg_penalty_close(ws, a.id, a.ptrs, a.nby, a.date, a.text, &cli->err));
}

int cmd_case_print(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("case", "print");
	const char *pos[1], *doc = NULL, *out = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("document", &doc), CLI_VALUE("o", &out), CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!doc)
		return cli_usage(cli, cmd, _("--document is required (%s)"), wg_casedoc_names());
	if ((rc = cli_open_resolve(cli, WS_READ, &wg_kind_penalty, pos[0], &ws, id)))
		return rc;
	strbuf html = STRBUF_INIT;
	rc = wg_casedoc_print(ws->db, id, doc, &html, &cli->err);
	wg_ws_close(ws);
	if (rc == WG_OK)
		rc = cli_write_output(cli, out, &html);
	else
		cli_fail(cli, rc);
	sb_release(&html);
	return rc;
}

int cmd_discretion_import(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("discretion", "import");
	const char *pos[1];
	wg_workspace *ws;
	int version;
	bool changed;
	int rc = cli_parse_opts(cli, cmd, argc, argv, NULL, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	rc = wg_discretion_import(ws, pos[0], &version, &changed, &cli->err);
	wg_ws_close(ws);
	if (rc)
		return cli_fail(cli, rc);
	if (changed)
		printf(_("Discretion standard recorded (version %d); cases decided from now on apply "
			 "it.\n"), version);
	else
		printf(_("This discretion standard is already recorded (version %d); nothing "
			 "changed.\n"), version);
	return WG_OK;
}

int cmd_discretion_show(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("discretion", "show");
	int fmt, rc = cli_parse_format(cli, cmd, argc, argv, &fmt, NULL);
	wg_workspace *ws;
	wg_discretion *d;
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	rc = wg_discretion_open(ws->db, &d, &cli->err);
	wg_ws_close(ws);
	if (rc)
		return cli_fail(cli, rc);
	if (fmt == TABLE_TEXT) {
		if (d->version)
			printf(_("%s (version %d recorded by the county)\n"), d->source, d->version);
		else
			printf(_("%s (shipped with wangge; the county has recorded none)\n"), d->source);
		printf(_("Right to a hearing from a fine of %ld yuan (natural person), %ld yuan "
			 "(organisation)\n"), d->hearing_fine[0], d->hearing_fine[1]);
	}
	const char *head[] = {_("Code"), _("Lighter"), _("Ordinary"), _("Heavier"), _("Violation"),
			      _("Basis")};
	wg_table *t = wg_table_new(6, head);
	for (size_t i = 0; i < d->n; i++) {
		char band[3][40];
		for (int b = 0; b < 3; b++)
			snprintf(band[b], sizeof band[b], "%ld-%ld", d->v[i].lo[b], d->v[i].hi[b]);
		const char *row[] = {d->v[i].code, band[0], band[1], band[2], d->v[i].text,
				     d->v[i].basis};
		wg_table_add(t, row);
	}
	cli_print_table(t, fmt);
	wg_discretion_free(d);
	return WG_OK;
}

int cmd_case_revoke(struct cli *cli, int argc, char **argv)
{
	struct step_args a = {0};
	wg_workspace *ws;
	int rc = step_parse(cli, cli_find("case", "revoke"), argc, argv, &a, false, &ws);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	return step_done(cli, ws, wg_penalty_revoke(ws, a.id, a.ptrs, a.nby, a.date, a.text, &cli->err));
}

int cmd_case_withdraw(struct cli *cli, int argc, char **argv)
{
	struct step_args a = {0};
	wg_workspace *ws;
	int rc = step_parse(cli, cli_find("case", "withdraw"), argc, argv, &a, false, &ws);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	return step_done(cli, ws, wg_penalty_withdraw(ws, a.id, a.ptrs, a.nby, a.date, &cli->err));
}

int cmd_county_set(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("county", "set");
	struct wg_change ch[4];
	char *names[4];
	size_t n = 0;
	wg_workspace *ws;
	int rc = WG_OK;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			cli_print_command_help(cmd, stdout);
			rc = -1;
			goto out;
		}
		const char *eq = strchr(argv[i], '=');
		if (!eq || eq == argv[i] || n == 4) {
			rc = cli_usage(cli, cmd, _("give each county rule value as FIELD=VALUE, at most "
						   "four: \"%s\""), argv[i]);
			goto out;
		}
		names[n] = xstrndup(argv[i], (size_t)(eq - argv[i]));
		ch[n] = (struct wg_change){names[n], eq + 1};
		if (!wg_county_rule_known(names[n++])) {
			rc = cli_usage(cli, cmd, _("\"%s\" is not a county rule value "
						   "(penalty_publish_days, case_prefix, officer_opinion)"),
				       argv[i]);
			goto out;
		}
	}
	if (!n) {
		rc = cli_usage(cli, cmd, _("give at least one FIELD=VALUE"));
		goto out;
	}
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		goto out;
	if ((rc = wg_county_rules_set(ws, ch, n, &cli->err)))
		cli_fail(cli, rc);
	wg_ws_close(ws);
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	return rc < 0 ? WG_OK : rc;
}

int cmd_publish_penalties(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("publish", "penalties");
	const char *from = NULL, *to = NULL, *format = NULL, *out_path = NULL;
	bool mark = false, pending = false;
	const struct cli_opt opts[] = {CLI_VALUE("from", &from),     CLI_VALUE("to", &to),
				       CLI_VALUE("format", &format), CLI_VALUE("out", &out_path),
				       CLI_FLAG("mark", &mark),      CLI_FLAG("pending", &pending),
				       CLI_END};
	struct cli_period pd;
	wg_workspace *ws;
	wg_table *t = NULL;
	wg_records ids = {0};
	strbuf out = STRBUF_INIT;
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	cli_period_init(&pd);
	if ((from && (rc = cli_date_arg(cli, cmd, from, pd.from))) ||
	    (to && (rc = cli_date_arg(cli, cmd, to, pd.to))) || (rc = cli_period_check(cli, cmd, &pd)))
		return rc;
	bool html = format && strcmp(format, "html") == 0;
	if (format && !html && strcmp(format, "csv") != 0)
		return cli_usage(cli, cmd, _("unknown format \"%s\""), format);
	if (mark && !out_path)
		return cli_usage(cli, cmd, _("--mark needs --out: mark only what was written"));
	if (pending && (mark || out_path || format))
		return cli_usage(cli, cmd, _("--pending takes no other option"));
	if ((rc = cli_open(cli, mark ? WS_WRITE : WS_READ, &ws)))
		return rc;
	if (pending) {
		int days;
		if ((rc = wg_penalty_publish_days(ws->db, &days, &cli->err)) == WG_OK &&
		    (rc = wg_penalty_publication_late(ws->db, pd.today, &t, &cli->err)) == WG_OK) {
			size_t late = t->nrows - 1;
			cli_print_table(t, TABLE_TEXT); /* frees t */
			printf(ngettext("%zu late (decisions are published within %d working days, "
					"revoked ones withdrawn within 3).\n",
					"%zu late (decisions are published within %d working days, "
					"revoked ones withdrawn within 3).\n", late),
			       late, days);
			t = NULL;
		}
		goto done;
	}
	if ((rc = wg_penalty_publication(ws->db, pd.from, pd.to, &t, &ids, &cli->err)))
		goto done;
	if (html) {
		char title[256];
		snprintf(title, sizeof title, _("Administrative penalty decisions, %s to %s"), pd.from,
			 pd.to);
		wg_html_table_page(title, t, &out);
	} else {
		wg_table_render(t, TABLE_CSV, &out);
	}
	if (!out_path) {
		fwrite(sb_str(&out), 1, out.len, stdout);
		goto done;
	}
	if ((rc = cli_write_output(cli, out_path, &out)))
		goto quiet;
	printf(ngettext("%zu decision written to %s\n", "%zu decisions written to %s\n", ids.n), ids.n,
	       out_path);
	if (mark) {
		size_t marked;
		if ((rc = wg_penalty_mark_published(ws, &ids, pd.today, &marked, &cli->err)) == WG_OK)
			printf(ngettext("%zu decision marked as published on %s\n",
					"%zu decisions marked as published on %s\n", marked),
			       marked, pd.today);
	}
done:
	if (rc)
		cli_fail(cli, rc);
quiet:
	wg_table_free(t);
	wg_records_free(&ids);
	sb_release(&out);
	wg_ws_close(ws);
	return rc;
}
