/* Dispatch: a bundle for every grid at once, and the status of what went out
 * and what came back. */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dispatch.h"
#include "i18n.h"
#include "table.h"
#include "timeutil.h"

int cmd_dispatch(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"out", required_argument, NULL, 'o'},
		{"full", no_argument, NULL, 'F'},
		{"plain", no_argument, NULL, 'P'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = cli_find("dispatch", NULL);
	const char *folder = NULL;
	bool full = false, plain = false;
	int c, rc;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'o': folder = optarg; break;
		case 'F': full = true; break;
		case 'P': plain = true; break;
		case 'h': cli_print_command_help(cmd, stdout); return WG_OK;
		default: return cli_usage(cli, cmd, _("unknown option \"%s\""), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[optind]);
	if (!folder)
		return cli_usage(cli, cmd, _("--out FOLDER is required"));
	wg_workspace *ws;
	struct wg_dispatch_item *items;
	size_t n;
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	ws->plain_bundles = plain;
	rc = wg_dispatch(ws, folder, full, &items, &n, &cli->err);
	const char *head[] = {_("Grid"), _("Name"), _("New tasks"), _("Bytes"), _("Sealed for"),
			      _("Bundle")};
	wg_table *t = wg_table_new(6, head);
	for (size_t i = 0; i < n; i++) {
		char tasks[24], size[24];
		snprintf(tasks, sizeof tasks, "%zu", items[i].tasks);
		snprintf(size, sizeof size, "%zu", items[i].size);
		const char *row[6] = {items[i].grid, items[i].name, tasks, size,
				      /* TRANSLATORS: a bundle written unsealed */
				      items[i].sealed_to ? items[i].sealed_to : _("not sealed"),
				      items[i].path};
		wg_table_add(t, row);
	}
	cli_print_table(t, TABLE_TEXT);
	if (rc)
		cli_fail(cli, rc);
	else
	{
		printf(ngettext("%zu bundle written to %s: hand each grid its own.\n",
				"%zu bundles written to %s: hand each grid its own.\n", n), n, folder);
		size_t plain_n = 0;
		for (size_t i = 0; i < n; i++)
			plain_n += items[i].sealed_to == NULL;
		if (plain_n)
			printf(ngettext("%zu bundle is not sealed: anyone who finds it can read it.\n",
					"%zu bundles are not sealed: anyone who finds them can read them.\n",
					plain_n), plain_n);
	}
	wg_dispatch_items_free(items, n);
	wg_ws_close(ws);
	return rc;
}

int cmd_dispatch_status(struct cli *cli, int argc, char **argv)
{
	int fmt, rc = cli_parse_format(cli, cli_find("dispatch", "status"), argc, argv, &fmt, NULL);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	wg_workspace *ws;
	struct wg_dispatch_status *st;
	size_t n, awaiting = 0;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = wg_dispatch_status(ws->db, &st, &n, &cli->err))) {
		wg_ws_close(ws);
		return cli_fail(cli, rc);
	}
	/* The aligned table fits 80 columns: dates only, and the officers and
	 * file names are left to the scripts' formats, which get every column. */
	bool text = fmt == TABLE_TEXT;
	const char *head_text[] = {_("Grid"), _("Name"), _("Sent"), _("Returned"), _("Open"),
				   _("Status")};
	const char *head_all[] = {_("Grid"), _("Name"), _("Officers"), _("Last sent"), _("Bundle"),
				  _("Last returned"), _("Open tasks"), _("Not yet sent"),
				  _("Missing since"), _("Status")};
	wg_table *t = text ? wg_table_new(6, head_text) : wg_table_new(10, head_all);
	const char *oldest = NULL;
	for (size_t i = 0; i < n; i++) {
		char sent[64] = "", recv[64] = "", since[64] = "", open[24], unsent[24];
		if (*st[i].sent_at)
			wg_timestamp_display(st[i].sent_at, sent, sizeof sent);
		if (*st[i].received_at)
			wg_timestamp_display(st[i].received_at, recv, sizeof recv);
		if (*st[i].missing_since)
			wg_timestamp_display(st[i].missing_since, since, sizeof since);
		snprintf(open, sizeof open, "%zu", st[i].open_tasks);
		snprintf(unsent, sizeof unsent, "%zu", st[i].unsent_tasks);
		const char *status = st[i].awaiting ? _("return missing")
				     : !*st[i].sent_at ? _("never sent")
						       : _("returned");
		if (st[i].awaiting) {
			awaiting++;
			if (!oldest || strcmp(st[i].missing_since, oldest) < 0)
				oldest = st[i].missing_since;
		}
		if (text) {
			sent[10] = recv[10] = '\0'; /* the date of "YYYY-MM-DD HH:MM" */
			const char *row[6] = {st[i].grid, st[i].name, sent, recv, open, status};
			wg_table_add(t, row);
		} else {
			const char *row[10] = {st[i].grid, st[i].name, st[i].officers, sent,
					       st[i].sent_file, recv, open, unsent, since, status};
			wg_table_add(t, row);
		}
	}
	cli_print_table(t, fmt);
	if (text && awaiting) {
		char when[64];
		wg_timestamp_display(oldest, when, sizeof when);
		when[10] = '\0';
		printf(ngettext("%zu grid has not returned a bundle; awaited since %s.\n",
				"%zu grids have not returned a bundle; the oldest since %s.\n",
				awaiting), awaiting, when);
	} else if (text) {
		printf("%s\n", _("Every grid sent a bundle has returned one since."));
	}
	wg_dispatch_status_free(st, n);
	wg_ws_close(ws);
	return WG_OK;
}
