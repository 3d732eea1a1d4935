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
	const char *date = NULL, *pos[1];
	const struct cli_opt opts[] = {CLI_VALUE("date", &date), CLI_END};
	wg_workspace *ws;
	wg_points_rules *p;
	struct wg_points_total t;
	char id[WG_ID_BUFSIZE], day[11];
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_date_arg(cli, cmd, date, day)))
		return rc;
	if ((rc = cli_open_resolve(cli, WS_READ, &wg_kind_entity, pos[0], &ws, id)))
		return rc;
	if ((rc = load_rules(cli, ws, day, &p, NULL))) {
		wg_ws_close(ws);
		return rc;
	}
	if ((rc = wg_points_entity(ws->db, p, id, day, &t, &cli->err))) {
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
			const struct wg_points_band *b = a[i].total.band;
			int total = a[i].total.total;
			for (size_t c = 0; c < a[i].total.nextra; c++)
				if (a[i].total.extra[c].band && (!b || a[i].total.extra[c].band->threshold > total)) {
					b = a[i].total.extra[c].band;
					total = a[i].total.extra[c].total;
				}
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
	wg_points_rules *p;
	wg_risk_rules *r;
	struct wg_credit_entry *e;
	size_t n;
	char day[11];
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (red == black)
		return cli_usage(cli, cmd, _("give --red or --black"));
	p = NULL;
	r = NULL;
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) ||
	    (rc = cli_date_arg(cli, cmd, date, day)) || (rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = load_rules(cli, ws, day, &p, &r)))
		goto out;
	if ((rc = wg_credit_list(ws->db, r, p, day, red, &e, &n, &cli->err))) {
		cli_fail(cli, rc);
	} else {
		/* for publication: names and the reason, nothing personal */
		const char *head[] = {_("Entity"), _("Category"), _("Grid"), _("Points"), _("Risk")};
		wg_table *t = wg_table_new(5, head);
		for (size_t i = 0; i < n; i++) {
			char pts[16];
			const struct wg_category *c = wg_category_find(e[i].category);
			snprintf(pts, sizeof pts, "%d", e[i].risk.points.total);
			const char *row[] = {e[i].name, c ? _(c->label) : e[i].category, e[i].grid, pts,
					     e[i].risk.grade->name};
			wg_table_add(t, row);
		}
		cli_print_table(t, fmt);
		wg_credit_list_free(e, n);
	}
out:
	wg_ws_close(ws);
	wg_points_rules_free(p);
	wg_risk_rules_free(r);
	return rc;
}
