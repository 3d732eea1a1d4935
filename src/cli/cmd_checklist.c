/* Checklist and calendar commands. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "checklist.h"
#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "query.h"
#include "strbuf.h"
#include "timeutil.h"

int cmd_checklist_import(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("checklist", "import");
	const char *pos[1];
	wg_workspace *ws;
	struct wg_checklist_import res;
	int rc = cli_parse_opts(cli, cmd, argc, argv, NULL, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	rc = wg_checklist_import(ws, pos[0], &res, &cli->err);
	wg_ws_close(ws);
	if (rc)
		return cli_fail(cli, rc);
	if (res.changed)
		printf(ngettext("Checklist %s version %d stored (%zu item).\n",
				"Checklist %s version %d stored (%zu items).\n", res.nitems),
		       res.code, res.version, res.nitems);
	else
		printf(_("Checklist %s version %d is already up to date.\n"), res.code, res.version);
	return WG_OK;
}

int cmd_checklist_list(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("checklist", "list");
	const char *format = NULL;
	bool all = false;
	const struct cli_opt opts[] = {CLI_VALUE("format", &format),
				       CLI_FLAG("all", &all),
				       CLI_END};
	wg_workspace *ws;
	wg_records r = {0};
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) || (rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	rc = wg_checklist_records(ws->db, !all, &r, &cli->err);
	if (rc == WG_OK) {
		const char *head[] = {_("Code"), _("Version"), _("Kind"), _("Items"), _("Title")};
		wg_table *t = wg_table_new(5, head);
		for (size_t i = 0; i < r.n && rc == WG_OK; i++) {
			char ref[64], items[16];
			wg_checklist *cl;
			snprintf(ref, sizeof ref, "%s@%s", wg_record_get(r.v[i], "code"),
				 wg_record_get(r.v[i], "version"));
			if ((rc = wg_checklist_load(ws->db, ref, &cl, &cli->err)))
				break;
			snprintf(items, sizeof items, "%zu", cl->nitems);
			const char *row[] = {cl->code, wg_record_get(r.v[i], "version"),
					     strcmp(cl->kind, "patrol") == 0 ? _("patrol") : _("inspection"),
					     items, cl->title};
			wg_table_add(t, row);
			wg_checklist_free(cl);
		}
		if (rc == WG_OK)
			cli_print_table(t, fmt);
		else
			wg_table_free(t);
	}
	wg_records_free(&r);
	wg_ws_close(ws);
	return rc ? cli_fail(cli, rc) : WG_OK;
}

int cmd_checklist_show(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("checklist", "show");
	const char *pos[1];
	wg_workspace *ws;
	wg_checklist *cl;
	int rc = cli_parse_opts(cli, cmd, argc, argv, NULL, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	rc = wg_checklist_load(ws->db, pos[0], &cl, &cli->err);
	wg_ws_close(ws);
	if (rc)
		return cli_fail(cli, rc);
	printf("%s@%d  %s (%s)\n", cl->code, cl->version, cl->title, cl->title_en);
	const char *head[] = {_("Item"), _("Key"), _("Violation"), _("Days"), _("Text")};
	wg_table *t = wg_table_new(5, head);
	for (size_t i = 0; i < cl->nitems; i++) {
		const struct wg_checkitem *it = &cl->items[i];
		char days[8] = "";
		if (it->rectify_days)
			snprintf(days, sizeof days, "%d", it->rectify_days);
		const char *row[] = {it->code, it->key ? _("key") : "", it->violation ? it->violation : "",
				     days, it->text};
		wg_table_add(t, row);
	}
	cli_print_table(t, TABLE_TEXT);
	wg_checklist_free(cl);
	return WG_OK;
}

int cmd_calendar_deadline(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("calendar", "deadline");
	const char *pos[2];
	wg_workspace *ws;
	wg_calendar *cal;
	char out[11], shown[256];
	int missing, rc = cli_parse_opts(cli, cmd, argc, argv, NULL, pos, 2, 2);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	size_t n = strlen(pos[1]);
	if (n == 0 || n > 3 || strspn(pos[1], "0123456789") != n)
		return cli_usage(cli, cmd, _("DAYS is a whole number"));
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	rc = wg_calendar_open(ws->db, &cal, &cli->err);
	wg_ws_close(ws);
	if (rc)
		return cli_fail(cli, rc);
	rc = wg_calendar_add_workdays(cal, pos[0], atoi(pos[1]), out, &missing, &cli->err);
	wg_calendar_free(cal);
	if (rc)
		return cli_fail(cli, rc);
	wg_deadline_text(missing ? "provisional" : "", out, shown, sizeof shown);
	printf("%s\n", shown);
	return WG_OK;
}

/* The provisional deadlines an installed calendar would count otherwise. */
static void print_review(const struct wg_provisionals *p, int fmt)
{
	const char *head[] = {_("Kind"), _("Id"), _("Grid"), _("Entity or location"), _("From"),
			      _("Deadline"), _("The calendar gives")};
	wg_table *t = wg_table_new(7, head);
	for (size_t i = 0; i < p->n; i++) {
		char b[9];
		const struct wg_provisional *v = &p->v[i];
		const char *row[] = {strcmp(v->kind, "finding") == 0 ? _("finding") : _("complaint"),
				     cli_short_id(v->id, fmt, b), v->grid, v->what, v->start,
				     v->deadline, v->counted};
		wg_table_add(t, row);
	}
	cli_print_table(t, fmt);
}

int cmd_calendar_import(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("calendar", "import");
	const char *pos[1];
	wg_workspace *ws;
	struct wg_calendar_import res;
	int rc = cli_parse_opts(cli, cmd, argc, argv, NULL, pos, 1, 1);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	rc = wg_calendar_import(ws, pos[0], &res, &cli->err);
	wg_ws_close(ws);
	if (rc)
		return cli_fail(cli, rc);
	if (!res.changed) {
		printf(_("The holiday calendar for %d is already recorded (version %d); nothing "
			 "changed.\n"), res.year, res.version);
	} else {
		printf(_("Holiday calendar for %d recorded (version %d). The officers receive it "
			 "with their next county bundle (wangge export --grid CODE).\n"),
		       res.year, res.version);
		if (res.review.n) {
			printf(ngettext("%zu provisional deadline was counted Monday to Friday without "
					"this calendar; the calendar gives another day. It stays as given "
					"until a person changes it (wangge finding deadline ID DATE, or "
					"wangge complaint deadline ID DATE):\n",
					"%zu provisional deadlines were counted Monday to Friday without "
					"this calendar; the calendar gives another day. They stay as given "
					"until a person changes them (wangge finding deadline ID DATE, or "
					"wangge complaint deadline ID DATE):\n", res.review.n),
			       res.review.n);
			print_review(&res.review, TABLE_TEXT);
		}
	}
	wg_calendar_import_free(&res);
	return WG_OK;
}

int cmd_calendar_list(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("calendar", "list");
	wg_workspace *ws;
	struct wg_calendar_years y;
	wg_calendar *cal = NULL;
	int fmt, rc = cli_parse_format(cli, cmd, argc, argv, &fmt, NULL);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = wg_calendar_list(ws->db, &y, &cli->err)) == WG_OK && y.n == 0)
		rc = wg_calendar_open(ws->db, &cal, &cli->err);
	if (rc == WG_OK) {
		/* the notices are long: below the table for people, a column for machines */
		const char *head[] = {_("Year"), _("Version"), _("Origin"), _("Recorded by"),
				      _("Recorded at"), _("Notice")};
		wg_table *t = wg_table_new(fmt == TABLE_TEXT ? 5 : 6, head);
		strbuf notes = STRBUF_INIT;
		const struct wg_field *of = wg_field_find(&wg_kind_calendar, "origin");
		for (size_t i = 0; i < y.n; i++) {
			char year[16], version[16], when[64];
			snprintf(year, sizeof year, "%d", y.v[i].year);
			snprintf(version, sizeof version, "%d", y.v[i].version);
			wg_timestamp_display(y.v[i].created, when, sizeof when);
			const char *row[] = {year, version, wg_option_label(of, y.v[i].origin),
					     y.v[i].recorded_by, when, y.v[i].source};
			wg_table_add(t, row);
			sb_addf(&notes, "%d  %s\n", y.v[i].year, y.v[i].source);
		}
		/* a workspace from before calendars were county data */
		int years[64];
		size_t n = cal ? wg_calendar_years(cal, years, 64) : 0;
		for (size_t i = 0; i < n; i++) {
			char year[16];
			snprintf(year, sizeof year, "%d", years[i]);
			const char *row[] = {year, "", wg_option_label(of, "shipped"), "", "",
					     wg_calendar_source(cal, years[i])};
			wg_table_add(t, row);
			sb_addf(&notes, "%d  %s\n", years[i], wg_calendar_source(cal, years[i]));
		}
		cli_print_table(t, fmt);
		if (fmt == TABLE_TEXT && notes.len)
			printf(_("\nThe notices they copy:\n%s"), sb_str(&notes));
		sb_release(&notes);
		wg_calendar_years_free(&y);
	}
	wg_calendar_free(cal);
	wg_ws_close(ws);
	return rc ? cli_fail(cli, rc) : WG_OK;
}

int cmd_calendar_review(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("calendar", "review");
	const char *format = NULL, *year = NULL;
	const struct cli_opt opts[] = {CLI_VALUE("format", &format), CLI_VALUE("year", &year),
				       CLI_END};
	wg_workspace *ws;
	struct wg_provisionals p;
	int fmt, rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (year && (strlen(year) != 4 || strspn(year, "0123456789") != 4))
		return cli_usage(cli, cmd, _("--year takes a four-digit year"));
	if ((rc = cli_format_arg(cli, cmd, format, &fmt)) || (rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	rc = wg_calendar_review(ws->db, year ? atoi(year) : 0, &p, &cli->err);
	wg_ws_close(ws);
	if (rc)
		return cli_fail(cli, rc);
	if (p.n || fmt != TABLE_TEXT)
		print_review(&p, fmt);
	else
		printf(_("No provisional deadline would change with the calendars installed.\n"));
	wg_provisionals_free(&p);
	return WG_OK;
}

/* finding deadline ID DATE, complaint deadline ID DATE */
static int deadline_by_hand(struct cli *cli, const struct wg_kind *kind, const char *name,
			    int argc, char **argv)
{
	const struct cli_command *cmd = cli_find(name, "deadline");
	const char *pos[2];
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE];
	int rc = cli_parse_opts(cli, cmd, argc, argv, NULL, pos, 2, 2);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open_resolve(cli, WS_WRITE, kind, pos[0], &ws, id)))
		return rc;
	rc = wg_deadline_set(ws, kind, id, pos[1], &cli->err);
	wg_ws_close(ws);
	if (rc)
		return cli_fail(cli, rc);
	printf(_("Deadline set to %s (given by hand).\n"), pos[1]);
	return WG_OK;
}

int cmd_finding_deadline(struct cli *cli, int argc, char **argv)
{
	return deadline_by_hand(cli, &wg_kind_finding, "finding", argc, argv);
}

int cmd_complaint_deadline(struct cli *cli, int argc, char **argv)
{
	return deadline_by_hand(cli, &wg_kind_complaint, "complaint", argc, argv);
}
