/* wangge: health-supervision grid tool. Parses the global options and hands
 * over to a subcommand (or, with none, to the full-screen program). */
#include <config.h>

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "i18n.h"
#include "tui/tui.h"

static void print_help(FILE *out)
{
	fprintf(out, _("Usage: %s [-C DIR] [COMMAND [ARGS...]]\n"), "wangge");
	fputs(_("Health-supervision grid work: entities, tasks, inspections, and sync with the "
		"county by bundle files.\n"), out);
	fputs(_("Without a command it opens the full-screen program on the workspace.\n\n"), out);
	fputs(_("Options:\n"
		"  -C DIR         use the workspace in DIR (default: $WANGGE_DIR, or\n"
		"                 $XDG_DATA_HOME/wangge/default)\n"
		"  -h, --help     show this help and exit\n"
		"  -V, --version  show the version and exit\n\n"), out);
	fputs(_("Commands:\n"), out);
	for (const struct cli_command *c = cli_commands; c->name; c++) {
		char head[64];
		snprintf(head, sizeof head, "%s%s%s", c->name, c->sub ? " " : "", c->sub ? c->sub : "");
		fprintf(out, "  %-18s %s\n", head, _(c->summary));
	}
	fputs(_("\nRun \"wangge COMMAND --help\" for the options of a command.\n"), out);
	fputs(_("Exit status: 0 success, 1 usage error, 2 input refused (nothing changed),\n"
		"3 internal or environment error.\n"), out);
	fprintf(out, _("Report bugs to <%s>.\n"), PACKAGE_BUGREPORT);
}

/* No command: the full-screen program on the workspace. */
/* Also the end of "wangge demo", which opens the demo county on screen. */
int cli_run_tui(struct cli *cli)
{
	wg_workspace *ws;
	int rc;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		if (!getenv("WANGGE_TUI_EXIT") && !getenv("WANGGE_TUI_KEYS")) {
			fputs(_("wangge: the full-screen program needs a terminal; "
				"give a command to use wangge from a script.\n"), stderr);
			print_help(stderr);
			return WG_EUSAGE;
		}
	}
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	rc = tui_run(ws, &cli->err);
	wg_ws_close(ws);
	if (rc && rc < 128)
		return cli_error(cli, rc, "%s", cli->err.msg);
	return rc;
}

static void print_version(void)
{
	printf("wangge %s\n", PACKAGE_VERSION);
	fputs(_("Copyright (C) 2026 The wangge authors.\n"
		"This is free software: you are free to change and redistribute it.\n"), stdout);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct cli cli = {0};
	int c;

	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, getenv("WANGGE_LOCALEDIR") ? getenv("WANGGE_LOCALEDIR") : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	cli_progress_init();

	/* '+': stop at the first non-option, the subcommand. */
	while ((c = getopt_long(argc, argv, "+C:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'C':
			cli.dir = optarg;
			break;
		case 'h':
			print_help(stdout);
			return 0;
		case 'V':
			print_version();
			return 0;
		default:
			fprintf(stderr, _("Try \"%s --help\" for more information.\n"), "wangge");
			return WG_EUSAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		return cli_run_tui(&cli);

	const struct cli_command *cmd = cli_find(argv[0], argc > 1 ? argv[1] : NULL);
	if (!cmd) {
		if (cli_find(argv[0], NULL) == NULL) {
			bool known = false;
			for (const struct cli_command *k = cli_commands; k->name; k++)
				known |= strcmp(k->name, argv[0]) == 0;
			if (known)
				return cli_error(&cli, WG_EUSAGE,
						 _("\"%s\" needs a subcommand; see \"wangge --help\""),
						 argv[0]);
		}
		return cli_error(&cli, WG_EUSAGE, _("unknown command \"%s\"; see \"wangge --help\""),
				 argv[0]);
	}
	/* Hand the command its own argv: argv[0] is the command (and subcommand) name. */
	int shift = cmd->sub ? 1 : 0;
	return cmd->run(&cli, argc - shift, argv + shift);
}
