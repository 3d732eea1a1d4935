/* Small helpers shared by the supervision commands. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "timeutil.h"

void cli_print_table(wg_table *t, int fmt)
{
	strbuf out = STRBUF_INIT;
	wg_table_render(t, fmt, &out);
	fwrite(sb_str(&out), 1, out.len, stdout);
	sb_release(&out);
	wg_table_free(t);
}

int cli_resolve(struct cli *cli, wg_workspace *ws, const struct wg_kind *kind, const char *arg,
		char id[33])
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
	/* write beside, then rename: a half-written form never replaces a good one */
	char *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	int ok = f && fwrite(sb_str(data), 1, data->len, f) == data->len;
	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok || rename(tmp, path) != 0) {
		remove(tmp);
		free(tmp);
		return cli_error(cli, WG_EINPUT, _("cannot write %s"), path);
	}
	free(tmp);
	return WG_OK;
}

/* "+--name value" options of the simple commands: a tiny parser so each command
 * states its options as a table. */
int cli_parse_opts(struct cli *cli, const struct cli_command *cmd, int argc, char **argv,
		   const struct cli_opt *opts, const char **pos, size_t npos, size_t minpos)
{
	size_t np = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0) {
			cli_print_command_help(cmd, stdout);
			return -1;
		}
		if (strncmp(a, "--", 2) == 0 || (a[0] == '-' && a[1] && a[1] != '-' && !a[2])) {
			const struct cli_opt *o = opts;
			const char *name = a[1] == '-' ? a + 2 : a + 1;
			const char *eq = strchr(name, '=');
			size_t n = eq ? (size_t)(eq - name) : strlen(name);
			while (o && o->name && !(strlen(o->name) == n && strncmp(o->name, name, n) == 0))
				o++;
			if (!o || !o->name)
				return cli_usage(cli, cmd, _("unknown option \"%s\""), a);
			if (!o->takes_value) {
				*o->flag = true;
				continue;
			}
			const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!v)
				return cli_usage(cli, cmd, _("option \"%s\" needs a value"), a);
			if (o->multi) {
				if (*o->count >= o->max)
					return cli_usage(cli, cmd, _("option \"%s\" given too often"), a);
				o->multi[(*o->count)++] = v;
			} else {
				if (*o->value)
					return cli_usage(cli, cmd, _("option \"%s\" given twice"), a);
				*o->value = v;
			}
		} else {
			if (np == npos)
				return cli_usage(cli, cmd, _("unexpected argument \"%s\""), a);
			pos[np++] = a;
		}
	}
	if (np < minpos)
		return cli_usage(cli, cmd, _("missing arguments"));
	for (size_t i = np; i < npos; i++)
		pos[i] = NULL;
	return WG_OK;
}
