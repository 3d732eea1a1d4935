/* Reports: coverage, results, random inspections, overdue work, complaints;
 * as bar charts, CSV or a printable HTML page. */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "cli.h"
#include "db.h"
#include "fileutil.h"
#include "i18n.h"
#include "report.h"
#include "timeutil.h"

enum { REPORT_TEXT, REPORT_CSV, REPORT_HTML };

int cmd_report(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},
		{"format", required_argument, NULL, 'F'},
		{"out", required_argument, NULL, 'o'},
		{"width", required_argument, NULL, 'w'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = cli_find("report", NULL);
	struct cli_period pd;
	const char *out_path = NULL;
	int fmt = REPORT_TEXT, c, rc;
	long width = 80;

	cli_period_init(&pd);
	/* as the Reports screen: on the 1st, the month just ended */
	wg_period_dates(wg_period_default(pd.today), pd.today, pd.from, pd.to);
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
			if (strcmp(optarg, "text") == 0)
				fmt = REPORT_TEXT;
			else if (strcmp(optarg, "csv") == 0)
				fmt = REPORT_CSV;
			else if (strcmp(optarg, "html") == 0)
				fmt = REPORT_HTML;
			else
				return cli_usage(cli, cmd, _("unknown format \"%s\""), optarg);
			break;
		case 'o': out_path = optarg; break;
		case 'w': {
			char *end;
			width = strtol(optarg, &end, 10);
			if (*end || width < 40 || width > 1000)
				return cli_usage(cli, cmd, _("--width is a number of columns from 40 to 1000"));
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

	wg_workspace *ws;
	struct wg_report *rep = NULL;
	strbuf out = STRBUF_INIT;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = wg_report_build(ws->db, pd.from, pd.to, pd.today, &rep, &cli->err))) {
		cli_fail(cli, rc);
		goto done;
	}
	if (fmt == REPORT_TEXT) {
		wg_report_text(rep, (size_t)width, &out);
	} else if (fmt == REPORT_CSV) {
		wg_report_csv(rep, &out);
	} else {
		wg_record *county = NULL;
		wg_error e;
		if (ws->county_id)
			wg_db_load(ws->db, &wg_kind_county, ws->county_id, &county, &e);
		wg_report_html(rep, county ? wg_record_get(county, "name") : "", &out);
		wg_record_free(county);
	}
	if (out_path) {
		if ((rc = wg_write_file(out_path, sb_str(&out), out.len, &cli->err)))
			cli_fail(cli, rc);
		else
			printf(_("Report written to %s\n"), out_path);
	} else {
		fwrite(sb_str(&out), 1, out.len, stdout);
	}
done:
	sb_release(&out);
	wg_report_free(rep);
	wg_ws_close(ws);
	return rc;
}
