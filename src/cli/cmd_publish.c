/* Public disclosure of random-inspection and penalty results (一公开). */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "cli.h"
#include "disclose.h"
#include "fileutil.h"
#include "i18n.h"
#include "timeutil.h"

int cmd_publish(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},
		{"format", required_argument, NULL, 'F'},
		{"out", required_argument, NULL, 'o'},
		{"mark", no_argument, NULL, 'm'},
		{"pending", no_argument, NULL, 'p'},
		{"days", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = cli_find("publish", NULL);
	struct cli_period pd;
	const char *out_path = NULL;
	bool html = false, mark = false, pending = false;
	long days = WG_DISCLOSE_DAYS;
	int c, rc;

	cli_period_init(&pd);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
		case 't':
			if ((rc = cli_date_arg(cli, cmd, optarg, c == 'f' ? pd.from : pd.to)))
				return rc;
			break;
		case 'F':
			if (strcmp(optarg, "html") == 0)
				html = true;
			else if (strcmp(optarg, "csv") != 0)
				return cli_usage(cli, cmd, _("unknown format \"%s\""), optarg);
			break;
		case 'o': out_path = optarg; break;
		case 'm': mark = true; break;
		case 'p': pending = true; break;
		case 'd': {
			char *end;
			days = strtol(optarg, &end, 10);
			if (*end || days < 1 || days > 250)
				return cli_usage(cli, cmd, _("--days is a number of working days from 1 to 250"));
			break;
		}
		case 'h': cli_print_command_help(cmd, stdout); return WG_OK;
		default: return cli_usage(cli, cmd, _("unknown option \"%s\""), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[optind]);
	if ((rc = cli_period_check(cli, cmd, &pd)))
		return rc;
	if (mark && !out_path)
		return cli_usage(cli, cmd, _("--mark needs --out: mark only what was written"));

	wg_workspace *ws;
	struct wg_disclosure *d = NULL;
	strbuf out = STRBUF_INIT;
	if (pending) {
		wg_table *t;
		if (mark || out_path || html)
			return cli_usage(cli, cmd, _("--pending takes only --days"));
		if ((rc = cli_open(cli, WS_READ, &ws)))
			return rc;
		if ((rc = wg_disclose_overdue(ws->db, pd.today, (int)days, &t, &cli->err)) == WG_OK) {
			wg_table_render(t, TABLE_TEXT, &out);
			fwrite(sb_str(&out), 1, out.len, stdout);
			printf(ngettext("%zu random-inspection result not published within %ld working "
					"days.\n",
					"%zu random-inspection results not published within %ld working "
					"days.\n", t->nrows - 1),
			       t->nrows - 1, days);
			wg_table_free(t);
		} else {
			cli_fail(cli, rc);
		}
		sb_release(&out);
		wg_ws_close(ws);
		return rc;
	}
	if ((rc = cli_open(cli, mark ? WS_WRITE : WS_READ, &ws)))
		return rc;
	if ((rc = wg_disclose(ws->db, pd.from, pd.to, &d, &cli->err))) {
		cli_fail(cli, rc);
		goto done;
	}
	if (html) {
		char title[256];
		snprintf(title, sizeof title, _("Results of random inspections and penalties, %s to %s"),
			 pd.from, pd.to);
		wg_html_table_page(title, d->table, &out);
	} else {
		wg_table_render(d->table, TABLE_CSV, &out);
	}
	if (!out_path) {
		fwrite(sb_str(&out), 1, out.len, stdout);
		goto done;
	}
	if ((rc = wg_write_file(out_path, sb_str(&out), out.len, &cli->err))) {
		cli_fail(cli, rc);
		goto done;
	}
	printf(ngettext("%zu result written to %s\n", "%zu results written to %s\n",
			d->table->nrows - 1), d->table->nrows - 1, out_path);
	if (mark) {
		size_t marked;
		if ((rc = wg_disclose_mark(ws, d, pd.today, &marked, &cli->err)))
			cli_fail(cli, rc);
		else
			printf(ngettext("%zu random inspection marked as published on %s\n",
					"%zu random inspections marked as published on %s\n", marked),
			       marked, pd.today);
	}
done:
	sb_release(&out);
	wg_disclosure_free(d);
	wg_ws_close(ws);
	return rc;
}
