/* Points, risk grades and the red and black lists. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "points.h"
#include "risk.h"
#include "credit.h"
#include "query.h"
#include "rules.h"

/* The county's rules in force on day (the workspace's records). */
static int load_rules(struct cli *cli, wg_workspace *ws, const char *day, wg_points_rules **p,
		      wg_risk_rules **r)
{
	int rc = wg_rules_load(ws->db, day, p, r, &cli->err);
	return rc ? cli_fail(cli, rc) : WG_OK;
}

/* Which versions of the county's rules the figures come from. */
static void print_versions(const wg_points_rules *p, const struct wg_points_total *t)
{
	if (!p->version) {
		printf("%s\n", _("Rules: the shipped defaults (the county records none)"));
		return;
	}
	printf(_("Rules: points version %d, in force from %s\n"), p->version, p->effective);
	if (t->oldest && t->oldest != t->newest)
		printf(_("The facts count with versions %d to %d, each with the version in force on "
			 "its day\n"), t->oldest, t->newest);
	else if (t->oldest && t->oldest != p->version)
		printf(_("The facts count with version %d, in force on their day\n"), t->oldest);
}

static void print_band(const struct wg_points_total *t)
{
	if (t->band)
		printf(_("Threshold reached: %d points: %s\n"), t->band->threshold,
		       wg_pick(t->band->consequence, t->band->label));
	for (size_t i = 0; i < t->nextra; i++) {
		printf(_("Cycle %s to %s: %d points\n"), t->extra[i].from, t->extra[i].to,
		       t->extra[i].total);
		if (t->extra[i].band)
			printf(_("Threshold reached: %d points: %s\n"), t->extra[i].band->threshold,
			       wg_pick(t->extra[i].band->consequence, t->extra[i].band->label));
	}
}

void cli_print_entity_standing(struct cli *cli, wg_workspace *ws, const char *entity)
{
	wg_points_rules *p;
	wg_risk_rules *r;
	wg_risk risk;
	char today[11];
	wg_error err;
	cli_date_arg(cli, NULL, NULL, today);
	if (wg_rules_load(ws->db, today, &p, &r, &err) != WG_OK)
		return;
	if (wg_risk_entity(ws->db, r, p, entity, today, &risk, &err) == WG_OK) {
		printf(_("Points: %d (%s to %s)\n"), risk.points.total, risk.points.from, risk.points.to);
		print_band(&risk.points);
		printf(_("Risk: %s, score %d\n"), wg_pick(risk.grade->name, risk.grade->label),
		       risk.score);
		wg_risk_clear(&risk);
	}
	wg_rules_free(p, r);
}

int cmd_points_show(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("points", "show");
	const char *date = NULL, *staff = NULL, *pos[1] = {NULL};
	const struct cli_opt opts[] = {CLI_VALUE("date", &date), CLI_VALUE("staff", &staff),
				       CLI_END};
	wg_workspace *ws;
	wg_points_rules *p;
	struct wg_points_total t;
	char id[WG_ID_BUFSIZE], day[11];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!pos[0] == !staff)
		return cli_usage(cli, cmd, _("name an entity, or a practitioner with --staff"));
	if ((rc = cli_date_arg(cli, cmd, date, day)))
		return rc;
	if ((rc = cli_open_resolve(cli, WS_READ, staff ? &wg_kind_staff : &wg_kind_entity,
				   staff ? staff : pos[0], &ws, id)))
		return rc;
	if ((rc = load_rules(cli, ws, day, &p, NULL))) {
		wg_ws_close(ws);
		return rc;
	}
	if ((rc = staff ? wg_points_staff(ws->db, p, id, day, &t, &cli->err)
			: wg_points_entity(ws->db, p, id, day, &t, &cli->err))) {
		cli_fail(cli, rc);
	} else {
		printf(_("Scheme: %s\n"), p->scheme);
		print_versions(p, &t);
		printf(_("Cycle: %s to %s\n"), t.from, t.to);
		printf(ngettext("Points: %d (%zu violation)\n", "Points: %d (%zu violations)\n",
				t.nviolations), t.total, t.nviolations);
		print_band(&t);
	}
	wg_ws_close(ws);
	wg_points_rules_free(p);
	return rc;
}

int cmd_points_alerts(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("points", "alerts");
	const char *date = NULL, *format = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("date", &date),
				       CLI_VALUE("format", &format),
				       CLI_END};
	wg_workspace *ws;
	wg_points_rules *p;
	struct wg_points_alert *a;
	size_t n;
	char day[11];
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) ||
	    (rc = cli_date_arg(cli, cmd, date, day)) || (rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = load_rules(cli, ws, day, &p, NULL))) {
		wg_ws_close(ws);
		return rc;
	}
	if ((rc = wg_points_alerts(ws->db, p, day, &a, &n, &cli->err))) {
		cli_fail(cli, rc);
	} else {
		const char *head[] = {_("Id"), _("Entity"), _("Grid"), _("Points"), _("Consequence")};
		wg_table *t = wg_table_new(5, head);
		for (size_t i = 0; i < n; i++) {
			char pts[16];
			/* the first cycle's band, or the further cycle's that was reached */
			int total;
			const struct wg_points_band *b = wg_points_alert_band(&a[i].total, &total);
			snprintf(pts, sizeof pts, "%d", total);
			const char *row[] = {a[i].entity, a[i].name, a[i].grid, pts,
					     wg_pick(b->consequence, b->label)};
			wg_table_add(t, row);
		}
		cli_print_table(t, fmt);
		wg_points_alerts_free(a, n);
	}
	wg_ws_close(ws);
	wg_points_rules_free(p);
	return rc;
}

int cmd_risk_show(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("risk", "show");
	const char *date = NULL, *pos[1];
	const struct cli_opt opts[] = {CLI_VALUE("date", &date), CLI_END};
	wg_workspace *ws;
	wg_points_rules *p;
	wg_risk_rules *r;
	wg_risk risk;
	char id[WG_ID_BUFSIZE], day[11];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	p = NULL;
	r = NULL;
	if ((rc = cli_date_arg(cli, cmd, date, day)))
		return rc;
	if ((rc = cli_open_resolve(cli, WS_READ, &wg_kind_entity, pos[0], &ws, id)))
		return rc;
	if ((rc = load_rules(cli, ws, day, &p, &r))) {
		wg_ws_close(ws);
		return rc;
	}
	if ((rc = wg_risk_entity(ws->db, r, p, id, day, &risk, &cli->err))) {
		cli_fail(cli, rc);
	} else {
		printf(_("Risk: %s, score %d\n"), wg_pick(risk.grade->name, risk.grade->label),
		       risk.score);
		if (r->version)
			printf(_("Rules: risk version %d, in force from %s\n"), r->version, r->effective);
		printf(_("Because:\n"));
		for (size_t i = 0; i < risk.nfacts; i++)
			printf("  %+4d  %s\n", risk.facts[i].score, risk.facts[i].text);
		if (risk.black)
			printf(_("On the black list.\n"));
		else if (risk.red)
			printf(_("On the red list.\n"));
		wg_risk_clear(&risk);
	}
	wg_ws_close(ws);
	wg_points_rules_free(p);
	wg_risk_rules_free(r);
	return rc;
}

/* The name of the county (the deciding body's county in the red list). */
static char *county_name(wg_workspace *ws, wg_error *err)
{
	char *name = NULL;
	const char *p[] = {ws->county_id ? ws->county_id : ""};
	if (wg_query_text(ws->db, "SELECT name FROM county WHERE id = ?1", p, 1, &name, err) != WG_OK)
		name = NULL;
	return name ? name : xstrdup("");
}

int cmd_credit_list(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("credit", "list");
	const char *date = NULL, *format = NULL;
	bool red = false, black = false;
	const struct cli_opt opts[] = {CLI_VALUE("date", &date),
				       CLI_VALUE("format", &format),
				       CLI_FLAG("red", &red),
				       CLI_FLAG("black", &black),
				       CLI_END};
	wg_workspace *ws;
	wg_points_rules *p = NULL;
	wg_risk_rules *r = NULL;
	char day[11];
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (red == black)
		return cli_usage(cli, cmd, _("give --red or --black"));
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) ||
	    (rc = cli_date_arg(cli, cmd, date, day)) || (rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if (black) {
		/* for publication: the credit code, the reason, the basis, the
		 * deciding body and the dates; nothing personal */
		struct wg_black_entry *b;
		size_t n;
		if ((rc = wg_black_list(ws->db, day, false, &b, &n, &cli->err)) == WG_OK) {
			const char *head[] = {_("USCC"), _("Entity"), _("Reason"), _("Legal basis"),
					      _("Deciding body"), _("Notified on"), _("Listed on"),
					      _("Listed until")};
			wg_table *t = wg_table_new(8, head);
			for (size_t i = 0; i < n; i++) {
				const char *row[] = {b[i].uscc, b[i].name, b[i].reason, b[i].basis,
						     b[i].body, b[i].noticed, b[i].listed, b[i].until};
				wg_table_add(t, row);
			}
			cli_print_table(t, fmt);
			wg_black_list_free(b, n);
		} else {
			cli_fail(cli, rc);
		}
		wg_ws_close(ws);
		return rc;
	}
	struct wg_credit_entry *e;
	size_t n;
	if ((rc = load_rules(cli, ws, day, &p, &r)))
		goto out;
	if ((rc = wg_credit_list(ws->db, r, p, day, true, &e, &n, &cli->err))) {
		cli_fail(cli, rc);
	} else {
		/* for publication: names and the reason, nothing personal */
		char *body = county_name(ws, &cli->err);
		char *basis = r->version ? xasprintf(_("the county's risk rules, version %d (@red-list %d)"),
						     r->version, r->red_max)
					 : xasprintf(_("the shipped risk rules (@red-list %d)"), r->red_max);
		const char *head[] = {_("USCC"), _("Entity"), _("Category"), _("Grid"), _("Reason"),
				      _("Criteria"), _("Deciding body"), _("As of")};
		wg_table *t = wg_table_new(8, head);
		for (size_t i = 0; i < n; i++) {
			char reason[200];
			const struct wg_category *c = wg_category_find(e[i].category);
			const char *uscc = "";
			char *u = NULL;
			const char *q[] = {e[i].entity};
			if (wg_query_text(ws->db, "SELECT uscc FROM entity WHERE id = ?1", q, 1, &u,
					  &cli->err) == WG_OK && u)
				uscc = u;
			snprintf(reason, sizeof reason,
				 _("risk score %d, %s; the last inspection passed; no points, complaint "
				   "or overdue rectification"),
				 e[i].risk.score, wg_pick(e[i].risk.grade->name, e[i].risk.grade->label));
			const char *row[] = {uscc, e[i].name, c ? _(c->label) : e[i].category, e[i].grid,
					     reason, basis, body, day};
			wg_table_add(t, row);
			free(u);
		}
		cli_print_table(t, fmt);
		free(basis);
		free(body);
		wg_credit_list_free(e, n);
	}
out:
	wg_ws_close(ws);
	wg_points_rules_free(p);
	wg_risk_rules_free(r);
	return rc;
}

/* ---- the black list, step by step (county) ---- */

static int days_arg(struct cli *cli, const struct cli_command *cmd, const char *opt,
		    const char *v, int lo, int hi, int *out)
{
	char *end;
	long l = v ? strtol(v, &end, 10) : 0;
	if (!v || *end || l < lo || l > hi)
		return cli_usage(cli, cmd, _("--%s is a number from %d to %d"), opt, lo, hi);
	*out = (int)l;
	return WG_OK;
}

int cmd_blacklist_notice(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("blacklist", "notice");
	const char *pos[1], *reason = NULL, *basis = NULL, *body = NULL, *days = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("reason", &reason), CLI_VALUE("basis", &basis),
				       CLI_VALUE("body", &body), CLI_VALUE("objection-days", &days),
				       CLI_END};
	wg_workspace *ws;
	char entity[WG_ID_BUFSIZE], id[WG_ID_BUFSIZE];
	int n, rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!reason || !basis || !body)
		return cli_usage(cli, cmd, _("give --reason, --basis and --body"));
	if ((rc = days_arg(cli, cmd, "objection-days", days, 1, 90, &n)))
		return rc;
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_entity, pos[0], &ws, entity)))
		return rc;
	rc = wg_black_notice(ws, entity, reason, basis, body, n, id, &cli->err);
	wg_ws_close(ws);
	if (rc)
		return cli_fail(cli, rc);
	printf(_("Notice recorded: the entity is told the reason, the basis and its right to object "
		 "within %d days; no decision before the period ends.\n"), n);
	printf("%s\n", id);
	return WG_OK;
}

/* Commands that take a case id and one text option. */
static int case_text(struct cli *cli, const char *sub, const char *opt,
		     int (*fn)(wg_workspace *, const char *, const char *, wg_error *),
		     const char *done, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("blacklist", sub);
	const char *pos[1], *text = NULL;
	const struct cli_opt opts[] = {CLI_VALUE(opt, &text), CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!text)
		return cli_usage(cli, cmd, _("give --%s"), opt);
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_blacklist, pos[0], &ws, id)))
		return rc;
	rc = fn(ws, id, text, &cli->err);
	wg_ws_close(ws);
	if (rc)
		return cli_fail(cli, rc);
	printf("%s\n", done);
	return WG_OK;
}

int cmd_blacklist_object(struct cli *cli, int argc, char **argv)
{
	return case_text(cli, "object", "text", wg_black_object,
			 _("Objection recorded; it is checked and answered before any decision."),
			 argc, argv);
}

int cmd_blacklist_repair(struct cli *cli, int argc, char **argv)
{
	return case_text(cli, "repair", "note", wg_black_repair,
			 _("Credit repair recorded: the entity is off the black list from today."),
			 argc, argv);
}

int cmd_blacklist_remove(struct cli *cli, int argc, char **argv)
{
	return case_text(cli, "remove", "reason", wg_black_remove,
			 _("Removal recorded: the entity is not on the black list."), argc, argv);
}

int cmd_blacklist_decide(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("blacklist", "decide");
	const char *pos[1], *term = NULL, *reply = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("term-months", &term), CLI_VALUE("reply", &reply),
				       CLI_END};
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE];
	int months, rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = days_arg(cli, cmd, "term-months", term, 1, 60, &months)))
		return rc;
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_blacklist, pos[0], &ws, id)))
		return rc;
	rc = wg_black_decide(ws, id, months, reply, &cli->err);
	wg_ws_close(ws);
	if (rc)
		return cli_fail(cli, rc);
	printf(ngettext("Decision recorded: on the black list for %d month from today.\n",
			"Decision recorded: on the black list for %d months from today.\n", months),
	       months);
	return WG_OK;
}

int cmd_blacklist_list(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("blacklist", "list");
	const char *format = NULL;
	bool all = false;
	const struct cli_opt opts[] = {CLI_FLAG("all", &all), CLI_VALUE("format", &format), CLI_END};
	wg_workspace *ws;
	struct wg_black_entry *b;
	size_t n;
	char today[11];
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) || (rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	cli_date_arg(cli, NULL, NULL, today);
	if ((rc = wg_black_list(ws->db, today, all, &b, &n, &cli->err)) == WG_OK) {
		const struct wg_field *sf = wg_field_find(&wg_kind_blacklist, "status");
		const char *head[] = {_("Id"), _("Entity"), _("Status"), _("Notified on"),
				      _("Objections until"), _("Objection"), _("Answer"),
				      _("Listed on"), _("Listed until"), _("Repaired on"),
				      _("Removed on"), _("Why it ended")};
		wg_table *t = wg_table_new(12, head);
		for (size_t i = 0; i < n; i++) {
			char sid[9];
			const char *row[] = {cli_short_id(b[i].id, fmt, sid), b[i].name,
					     wg_option_label(sf, b[i].status), b[i].noticed,
					     b[i].objection_until, b[i].objection, b[i].reply,
					     b[i].listed, b[i].until, b[i].repaired, b[i].removed,
					     b[i].ended_why};
			wg_table_add(t, row);
		}
		cli_print_table(t, fmt);
		wg_black_list_free(b, n);
	}
	wg_ws_close(ws);
	return rc ? cli_fail(cli, rc) : WG_OK;
}
