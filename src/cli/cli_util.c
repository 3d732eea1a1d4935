/* Small helpers shared by the supervision commands. */
#include <config.h>

#include <assert.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "cli.h"
#include "db.h"
#include "fileutil.h"
#include "i18n.h"
#include "mask.h"
#include "progress.h"
#include "query.h"
#include "timeutil.h"
#include "utf8.h"

void cli_print_table(wg_table *t, int fmt)
{
	strbuf out = STRBUF_INIT;
	wg_table_render(t, fmt, &out);
	fwrite(sb_str(&out), 1, out.len, stdout);
	sb_release(&out);
	wg_table_free(t);
}

int cli_resolve(struct cli *cli, wg_workspace *ws, const struct wg_kind *kind, const char *arg,
		char id[WG_ID_BUFSIZE])
{
	int rc = wg_db_resolve(ws->db, kind, arg, id, &cli->err);
	return rc ? cli_fail(cli, rc) : WG_OK;
}

int cli_date_arg(struct cli *cli, const struct cli_command *cmd, const char *arg,
		 char out[11])
{
	if (!arg) {
		wg_today(out);
		return WG_OK;
	}
	if (!wg_date_valid(arg))
		return cli_usage(cli, cmd, _("\"%s\" is not a date of the form 2026-01-31"), arg);
	snprintf(out, 11, "%s", arg);
	return WG_OK;
}

int cli_write_output(struct cli *cli, const char *path, const strbuf *data)
{
	if (!path || strcmp(path, "-") == 0) {
		fwrite(sb_str(data), 1, data->len, stdout);
		return WG_OK;
	}
	/* a half-written form never replaces a good one */
	int rc = wg_write_file(path, sb_str(data), data->len, &cli->err);
	return rc ? cli_fail(cli, rc) : WG_OK;
}

/* The option tables of the simple commands, read by getopt_long like every
 * other command's options: --name VALUE or --name=VALUE, a one-letter name
 * as -o VALUE, and the arguments between and after them. */
int cli_parse_opts(struct cli *cli, const struct cli_command *cmd, int argc, char **argv,
		   const struct cli_opt *opts, const char **pos, size_t npos, size_t minpos)
{
	enum { HELP = 'h' + 256, FIRST = 512 };
	struct option lopts[WG_ID_BUFSIZE];
	char shorts[2 + 2 * 32 + 1] = ":"; /* ':' reports a missing value apart */
	size_t n = 0, ns = 1;
	for (const struct cli_opt *o = opts; o && o->name; o++, n++) {
		assert(n < 32);
		lopts[n] = (struct option){o->name, o->takes_value ? required_argument : no_argument,
					   NULL, FIRST + (int)n};
		if (!o->name[1]) {
			shorts[ns++] = o->name[0];
			if (o->takes_value)
				shorts[ns++] = ':';
		}
	}
	lopts[n++] = (struct option){"help", no_argument, NULL, HELP};
	lopts[n] = (struct option){NULL, 0, NULL, 0};
	shorts[ns] = '\0';

	int c;
	optind = 0; /* re-initialise getopt: options may follow the arguments */
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, lopts, NULL)) != -1) {
		const char *a = argv[optind - 1];
		const struct cli_opt *o = NULL;
		if (c == HELP) {
			cli_print_command_help(cmd, stdout);
			return -1;
		}
		if (c == ':')
			return cli_usage(cli, cmd, _("option \"%s\" needs a value"), a);
		if (c >= FIRST)
			o = &opts[c - FIRST];
		for (const struct cli_opt *p = opts; !o && p && p->name; p++)
			if (!p->name[1] && p->name[0] == c)
				o = p;
		if (!o)
			return cli_usage(cli, cmd, _("unknown option \"%s\""), a);
		if (!o->takes_value)
			*o->flag = true;
		else if (o->multi) {
			if (*o->count >= o->max)
				return cli_usage(cli, cmd, _("option \"%s\" given too often"),
						 optarg == a ? argv[optind - 2] : a);
			o->multi[(*o->count)++] = optarg;
		} else {
			if (*o->value)
				return cli_usage(cli, cmd, _("option \"%s\" given twice"),
						 optarg == a ? argv[optind - 2] : a);
			*o->value = optarg;
		}
	}
	size_t np = (size_t)(argc - optind);
	if (np > npos)
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[optind + (int)npos]);
	if (np < minpos)
		return cli_usage(cli, cmd, _("missing arguments"));
	for (size_t i = 0; i < npos; i++)
		pos[i] = i < np ? argv[optind + (int)i] : NULL;
	return WG_OK;
}

int cli_format_arg(struct cli *cli, const struct cli_command *cmd, const char *s, int *fmt)
{
	*fmt = TABLE_TEXT;
	if (s && (*fmt = wg_table_format_parse(s)) < 0)
		return cli_usage(cli, cmd, _("unknown format \"%s\""), s);
	return WG_OK;
}

int cli_parse_format(struct cli *cli, const struct cli_command *cmd, int argc, char **argv,
		     int *fmt, int *first_arg)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	*fmt = TABLE_TEXT;
	optind = 0; /* re-initialise getopt: options may follow the arguments */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f') {
			if ((*fmt = wg_table_format_parse(optarg)) < 0)
				return cli_usage(cli, cmd, _("unknown format \"%s\""), optarg);
		} else if (c == 'h') {
			cli_print_command_help(cmd, stdout);
			return -1;
		} else {
			return cli_usage(cli, cmd, _("unknown option \"%s\""), argv[optind - 1]);
		}
	}
	if (first_arg)
		*first_arg = optind;
	else if (optind < argc)
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[optind]);
	return WG_OK;
}

int cli_parse_none(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	if (argc <= 1)
		return WG_OK;
	if (strcmp(argv[1], "--help") == 0) {
		cli_print_command_help(cmd, stdout);
		return -1;
	}
	return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[1]);
}

int cli_parse_id(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		cli_print_command_help(cmd, stdout);
		return -1;
	}
	if (argc != 2)
		return cli_usage(cli, cmd, _("give exactly one id"));
	return WG_OK;
}

int cli_open_resolve(struct cli *cli, int mode, const struct wg_kind *kind, const char *arg,
		     wg_workspace **ws, char id[WG_ID_BUFSIZE])
{
	int rc;
	if ((rc = cli_open(cli, mode, ws)))
		return rc;
	if (arg && (rc = cli_resolve(cli, *ws, kind, arg, id))) {
		wg_ws_close(*ws);
		*ws = NULL;
	}
	return rc;
}

const char *cli_deadline_cell(int fmt, const char *deadline, const char *basis, char *buf,
			      size_t n)
{
	if (fmt != TABLE_TEXT || !basis || !*basis || !*deadline)
		return deadline;
	/* TRANSLATORS: a deadline in a table and how it was counted, "2027-01-08 (provisional)" */
	snprintf(buf, n, _("%s (%s)"), deadline,
		 wg_option_label(wg_field_find(&wg_kind_finding, "deadline_basis"), basis));
	return buf;
}

const char *cli_short_id(const char *id, int fmt, char buf[9])
{
	if (fmt != TABLE_TEXT)
		return id;
	snprintf(buf, 9, "%s", id);
	return buf;
}

char *cli_entity_name(struct cli *cli, wg_workspace *ws, const char *id)
{
	char *name = NULL;
	wg_entity_name(ws->db, id, &name, &cli->err);
	return name;
}

int cli_print_result(struct cli *cli, wg_table *t, int fmt, int rc)
{
	if (rc == WG_OK) {
		cli_print_table(t, fmt);
	} else {
		wg_table_free(t);
		cli_fail(cli, rc);
	}
	return rc;
}

void cli_period_init(struct cli_period *p)
{
	wg_today(p->today);
	snprintf(p->to, sizeof p->to, "%s", p->today);
	snprintf(p->from, sizeof p->from, "%.8s01", p->today);
}

int cli_period_check(struct cli *cli, const struct cli_command *cmd, const struct cli_period *p)
{
	if (strcmp(p->from, p->to) > 0)
		return cli_usage(cli, cmd, _("the period ends (%s) before it starts (%s)"), p->to,
				 p->from);
	return WG_OK;
}

int cli_period_output(struct cli *cli, const struct cli_command *cmd, int argc, char **argv,
		      bool grid, cli_period_doc_fn *make)
{
	const char *from = NULL, *to = NULL, *out = NULL, *grid_code = NULL;
	struct cli_opt opts[] = {CLI_VALUE("from", &from),
				 CLI_VALUE("to", &to),
				 CLI_VALUE("o", &out),
				 CLI_VALUE("grid", &grid_code),
				 CLI_END};
	wg_workspace *ws;
	strbuf doc = STRBUF_INIT;
	if (!grid)
		opts[3] = opts[4]; /* no --grid */
	int rc = cli_parse_opts(cli, cmd, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!from || !to)
		return cli_usage(cli, cmd, _("--from and --to are required"));
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = make(ws->db, from, to, grid_code, &doc, &cli->err)))
		cli_fail(cli, rc);
	else
		rc = cli_write_output(cli, out, &doc);
	sb_release(&doc);
	wg_ws_close(ws);
	return rc;
}

/* Long work on a terminal: a bar on stderr, redrawn in place, gone at the end
 * (the full-screen program draws its own once it runs). Nothing when stderr
 * is a file or a pipe: scripts read no bars. */
static void cli_show_progress(void *arg, const char *what, unsigned long done, unsigned long total)
{
	char line[512];
	if (!what) {
		fputs("\r\033[K", stderr);
		return;
	}
	wg_progress_line(line, sizeof line, _(what), done, total);
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
}

void cli_progress_init(void)
{
	if (isatty(STDERR_FILENO))
		wg_progress_set(cli_show_progress, NULL);
}

void cli_print_maskings(const struct wg_maskings *m, FILE *out)
{
	for (size_t i = 0; i < m->n; i++) {
		strbuf line = STRBUF_INIT;
		/* TRANSLATORS: one value withheld from a publication: what it was, masked, and where */
		sb_addf(&line, _("Withheld %s (%s): %s"), m->v[i].what, m->v[i].shown, m->v[i].where);
		strbuf clean = STRBUF_INIT;
		wg_term_clean(&clean, line.buf, line.len, false);
		fprintf(out, "%s\n", sb_str(&clean));
		sb_release(&clean);
		sb_release(&line);
	}
	if (m->n)
		fprintf(out, ngettext("%zu personal value withheld from what is published.\n",
				      "%zu personal values withheld from what is published.\n", m->n),
			m->n);
}
