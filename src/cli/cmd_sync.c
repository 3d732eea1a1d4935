/* Sync commands: enroll, init officer, export, import, conflicts, log, and
 * entity delete (officers need it; the merge has to handle it). */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "keys.h"
#include "sshsig.h"
#include "db.h"
#include "i18n.h"
#include "recordop.h"
#include "strbuf.h"
#include "utf8.h"
#include "sync.h"
#include "table.h"
#include "timeutil.h"

/* Options parsed for the simple commands: name -> value. */
struct opt_vals {
	const char *v[8];
	bool flag[8];
};

/* Parse long options from spec (each taking a value unless listed in flags);
 * positional arguments are left in argv[optind..]. Returns -1 after help. */
static int parse_opts(struct cli *cli, const struct cli_command *cmd, int argc, char **argv,
		      const struct option *spec, struct opt_vals *vals)
{
	int c, idx;
	memset(vals, 0, sizeof *vals);
	optind = 0; /* 0, not 1: glibc then forgets main's "stop at the first argument" */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:n:", spec, &idx)) != -1) {
		if (c == 'h') {
			cli_print_command_help(cmd, stdout);
			return -1;
		}
		if (c == 'o' || c == 'n') {
			/* short forms of --output / --max */
			for (int i = 0; spec[i].name; i++)
				if (spec[i].val == c) {
					vals->v[i] = optarg;
					break;
				}
			continue;
		}
		if (c >= 100 && c < 108) {
			vals->v[c - 100] = optarg;
			vals->flag[c - 100] = true;
			continue;
		}
		return cli_usage(cli, cmd, _("unknown option \"%s\""), argv[optind - 1]);
	}
	return WG_OK;
}

/* enroll --all: every grid's officer, one bundle each in a folder, in one
 * operation (a county setting up all its grids at once). */
static int enroll_all(struct cli *cli, wg_workspace *ws, const char *folder)
{
	struct wg_grid_officer *go;
	size_t ngo, n = 0;
	int rc = wg_grid_officers(ws, &go, &ngo, &cli->err);
	if (rc)
		return cli_fail(cli, rc);
	struct wg_enrollment *v = xcalloc(ngo ? ngo : 1, sizeof *v);
	struct wg_export_result *res = xcalloc(ngo ? ngo : 1, sizeof *res);
	size_t *which = xcalloc(ngo ? ngo : 1, sizeof *which);
	for (size_t i = 0; i < ngo; i++)
		if (*go[i].officer) {
			v[n] = (struct wg_enrollment){go[i].grid, go[i].officer, folder};
			which[n++] = i;
		}
	if (n == 0)
		rc = wg_fail(&cli->err, WG_EINPUT,
			     _("no grid has an active grid officer: add them with \"wangge officer "
			       "add\""));
	else
		rc = wg_sync_enroll_many(ws, v, n, res, NULL, NULL, &cli->err);
	if (rc == WG_OK) {
		for (size_t i = 0; i < n; i++)
			printf(_("Grid %s, officer %s: %s (%zu bytes)\n"), go[which[i]].grid,
			       go[which[i]].name, res[i].path, res[i].size);
		for (size_t i = 0; i < ngo; i++)
			if (!*go[i].officer)
				printf(_("Grid %s has no active grid officer: no bundle for it.\n"),
				       go[i].grid);
		printf(ngettext("%zu enrollment bundle written.\n",
				"%zu enrollment bundles written.\n", n), n);
		printf(_("On each officer's computer: wangge -C FOLDER init officer --from FILE\n"));
	} else {
		cli_fail(cli, rc);
	}
	for (size_t i = 0; i < n; i++)
		wg_export_result_free(&res[i]);
	free(res);
	free(v);
	free(which);
	wg_grid_officers_free(go, ngo);
	return rc;
}

int cmd_enroll(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"grid", required_argument, NULL, 100},
		{"officer", required_argument, NULL, 101},
		{"all", no_argument, NULL, 102},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = cli_find("enroll", NULL);
	struct opt_vals o;
	struct wg_export_result res;
	wg_workspace *ws;
	struct stat st;
	int rc = parse_opts(cli, cmd, argc, argv, opts, &o);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	bool all = o.flag[2];
	if (all && (o.v[0] || o.v[1]))
		return cli_usage(cli, cmd, _("--all enrolls every grid's officer: leave out --grid and "
					     "--officer"));
	if (all && (!o.v[3] || stat(o.v[3], &st) != 0 || !S_ISDIR(st.st_mode)))
		return cli_usage(cli, cmd, _("with --all, -o names an existing folder for the bundles"));
	if (!all && (!o.v[0] || !o.v[1] || !o.v[3]))
		return cli_usage(cli, cmd, _("--grid, --officer and -o are required"));
	if (optind < argc)
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[optind]);
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	if (all) {
		rc = enroll_all(cli, ws, o.v[3]);
		wg_ws_close(ws);
		return rc;
	}
	rc = wg_sync_enroll(ws, o.v[0], o.v[1], o.v[3], &res, &cli->err);
	if (rc == WG_OK) {
		strbuf seal = STRBUF_INIT;
		wg_export_seal_text(res.sealed_to, res.plain_why, &seal);
		printf(_("Enrollment bundle for grid %s written to %s (%zu bytes).\n"
			 "On the officer's computer: wangge -C FOLDER init officer --from FILE\n"),
		       o.v[0], res.path, res.size);
		printf("%s\n", sb_str(&seal));
		sb_release(&seal);
	} else
		cli_fail(cli, rc);
	wg_export_result_free(&res);
	wg_ws_close(ws);
	return rc;
}

int cmd_init_officer(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"from", required_argument, NULL, 100},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = cli_find("init", "officer");
	struct opt_vals o;
	wg_workspace *ws;
	char *dir;
	int rc = parse_opts(cli, cmd, argc, argv, opts, &o);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!o.v[0])
		return cli_usage(cli, cmd, _("--from FILE is required"));
	if (optind < argc)
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[optind]);
	if ((rc = wg_ws_locate(cli->dir, &dir, &cli->err)))
		return cli_fail(cli, rc);
	rc = wg_sync_init_officer(dir, o.v[0], &ws, &cli->err);
	if (rc == WG_OK) {
		char words[WG_KEY_WORDS_BUFSIZE];
		printf(_("Officer workspace for grid %s created in %s\n"), ws->grid, dir);
		wg_key_words(ws->key.pk, words);
		printf(_("This workspace signs your work with a key of its own. Its fingerprint:\n"
			 "    %s\n"
			 "Give the county your public key (wangge key export -o FILE writes it) and "
			 "read this fingerprint to the clerk in person. Until the county registers "
			 "it, the county refuses your bundles.\n"), words);
		wg_ws_close(ws);
	} else {
		cli_fail(cli, rc);
	}
	free(dir);
	return rc;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"grid", required_argument, NULL, 100},
		{"output", required_argument, NULL, 'o'},
		{"full", no_argument, NULL, 102},
		{"plain", no_argument, NULL, 103},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = cli_find("export", NULL);
	struct opt_vals o;
	struct wg_export_result res;
	wg_workspace *ws;
	int rc = parse_opts(cli, cmd, argc, argv, opts, &o);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (!o.v[1])
		return cli_usage(cli, cmd, _("-o FILE is required"));
	if (optind < argc)
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[optind]);
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	ws->plain_bundles = o.flag[3];
	rc = wg_sync_export(ws, o.v[0], o.v[1], o.flag[2], &res, &cli->err);
	if (rc == WG_OK) {
		strbuf seal = STRBUF_INIT;
		if (res.records)
			printf(ngettext("%zu changed record committed to the history.\n",
					"%zu changed records committed to the history.\n", res.records),
			       res.records);
		printf(_("Bundle written to %s (%zu bytes).\n"), res.path, res.size);
		wg_export_seal_text(res.sealed_to, res.plain_why, &seal);
		printf("%s\n", sb_str(&seal));
		sb_release(&seal);
	} else {
		cli_fail(cli, rc);
	}
	wg_export_result_free(&res);
	wg_ws_close(ws);
	return rc;
}

/* What others wrote (names, titles, values) cleaned for the terminal. */
static const char *clean(strbuf *sb, const char *s)
{
	sb_reset(sb);
	wg_term_clean(sb, s, strlen(s), false);
	return sb_str(sb);
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("import", NULL);
	struct wg_import_result res;
	wg_workspace *ws;
	int rc;
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		cli_print_command_help(cmd, stdout);
		return WG_OK;
	}
	if (argc < 2)
		return cli_usage(cli, cmd, _("give at least one bundle file"));
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1])
			return cli_usage(cli, cmd, _("unknown option \"%s\""), argv[i]);
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	rc = wg_sync_import(ws, (const char *const *)argv + 1, (size_t)argc - 1, &res, &cli->err);
	if (rc == WG_OK) {
		size_t conflicts = 0, fresh = 0;
		for (size_t i = 0; i < res.n; i++) {
			const struct wg_import_file *f = &res.files[i];
			if (f->already) {
				printf(_("%s: already imported; nothing changed\n"), f->path);
				continue;
			}
			fresh++;
			conflicts += f->conflicts;
			printf(_("%s: added %zu, changed %zu, deleted %zu, conflicts %zu\n"), f->path,
			       f->added, f->changed, f->deleted, f->conflicts);
			if (f->import) {
				strbuf w = STRBUF_INIT;
				/* TRANSLATORS: after an imported file: who sent it, and how to see
				 * the records it brought */
				printf(_("    from %s; import %ld: \"wangge log --import %ld\" lists its "
					 "records\n"), clean(&w, f->who), f->import, f->import);
				sb_release(&w);
			}
		}
		if (conflicts)
			printf(_("Resolve the conflicts with \"wangge conflicts\"; until then this "
				 "workspace keeps its own values.\n"));
	} else {
		cli_fail(cli, rc);
	}
	wg_import_result_free(&res);
	wg_ws_close(ws);
	return rc;
}

static const char *shown(const char *v, bool whole)
{
	if (!v)
		return _("(deleted)");
	if (whole)
		return _("(edited)");
	return *v ? v : _("(empty)");
}

int cmd_conflicts_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"all", no_argument, NULL, 100},
		{"format", required_argument, NULL, 101},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = cli_find("conflicts", NULL);
	struct opt_vals o;
	struct wg_conflict *v;
	size_t n;
	wg_workspace *ws;
	int fmt = TABLE_TEXT;
	int rc = parse_opts(cli, cmd, argc, argv, opts, &o);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (optind < argc && strcmp(argv[optind], "list") == 0)
		optind++;
	if (optind < argc)
		return cli_usage(cli, cmd, _("unknown subcommand \"%s\""), argv[optind]);
	if (o.v[1] && (fmt = wg_table_format_parse(o.v[1])) < 0)
		return cli_usage(cli, cmd, _("unknown format \"%s\""), o.v[1]);
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = wg_conflicts_list(ws, o.flag[0], &v, &n, &cli->err))) {
		wg_ws_close(ws);
		return cli_fail(cli, rc);
	}
	const char *head[] = {_("Id"),	   _("Record"),	     _("Field"),   _("Ours"),
			      _("Theirs"), _("Ours by"), _("Theirs by"), _("Resolved")};
	wg_table *t = wg_table_new(o.flag[0] ? 8 : 7, head);
	for (size_t i = 0; i < n; i++) {
		const struct wg_conflict *c = &v[i];
		const struct wg_kind *kind = wg_kind_find(c->kind);
		bool whole = !*c->field;
		char id[24], *rec;
		snprintf(id, sizeof id, "%ld", c->id);
		rec = xasprintf("%s %.8s %s", kind ? _(kind->label) : c->kind, c->record, c->title);
		const struct wg_field *f = kind && !whole ? wg_field_find(kind, c->field) : NULL;
		char *ob = wg_conflict_side_text(c->ours_by, c->ours_at);
		char *tb = wg_conflict_side_text(c->theirs_by, c->theirs_at);
		const char *row[8] = {id, rec, whole ? _("(whole record)") : f ? _(f->label) : c->field,
				      shown(c->ours, whole), shown(c->theirs, whole), ob, tb,
				      c->resolved_by};
		wg_table_add(t, row);
		free(rec);
		free(ob);
		free(tb);
	}
	if (n == 0 && fmt == TABLE_TEXT)
		printf(_("No open conflicts.\n"));
	else {
		strbuf out = STRBUF_INIT;
		wg_table_render(t, fmt, &out);
		fwrite(sb_str(&out), 1, out.len, stdout);
		sb_release(&out);
	}
	wg_table_free(t);
	wg_conflicts_free(v, n);
	wg_ws_close(ws);
	return WG_OK;
}

static int parse_conflict_id(struct cli *cli, const struct cli_command *cmd, const char *s, long *id)
{
	char *end;
	*id = strtol(s, &end, 10);
	if (!*s || *end || *id <= 0)
		return cli_usage(cli, cmd, _("\"%s\" is not a conflict number"), s);
	return WG_OK;
}

static void print_value(const char *label, const char *v)
{
	printf("%s:\n", label);
	if (!v) {
		printf("  %s\n", _("(deleted)"));
		return;
	}
	if (!*v) {
		printf("  %s\n", _("(empty)"));
		return;
	}
	for (const char *p = v; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		printf("  %.*s\n", (int)n, p);
		p += n + (nl ? 1 : 0);
	}
}

int cmd_conflicts_show(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("conflicts", "show");
	struct wg_conflict *c;
	wg_workspace *ws;
	long id;
	int rc;
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		cli_print_command_help(cmd, stdout);
		return WG_OK;
	}
	if (argc != 2)
		return cli_usage(cli, cmd, _("give one conflict number"));
	if ((rc = parse_conflict_id(cli, cmd, argv[1], &id)))
		return rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = wg_conflict_get(ws, id, &c, &cli->err))) {
		wg_ws_close(ws);
		return cli_fail(cli, rc);
	}
	const struct wg_kind *kind = wg_kind_find(c->kind);
	const struct wg_field *f = kind && *c->field ? wg_field_find(kind, c->field) : NULL;
	char when[64];
	printf(_("Conflict %ld\n"), c->id);
	printf(_("Record:   %s %s %s\n"), kind ? _(kind->label) : c->kind, c->record, c->title);
	printf(_("Field:    %s\n"), f ? _(f->label) : _("(whole record: deleted on one side)"));
	wg_timestamp_display(c->created, when, sizeof when);
	printf(_("From:     %s, imported %s\n"), c->source, when);
	if (*c->resolved_at) {
		wg_timestamp_display(c->resolved_at, when, sizeof when);
		printf(_("Resolved: %s by %s (%s)\n"), when, c->resolved_by, c->resolution);
	}
	char *ob = wg_conflict_side_text(c->ours_by, c->ours_at);
	char *tb = wg_conflict_side_text(c->theirs_by, c->theirs_at);
	if (c->import)
		printf(_("Import:   %ld\n"), c->import);
	print_value(_("Base (before both changes)"), c->base);
	strbuf w = STRBUF_INIT;
	/* TRANSLATORS: a conflict's side, and who wrote it when */
	char *ol = xasprintf(_("Ours (kept until resolved), by %s"), clean(&w, ob));
	char *tl = xasprintf(_("Theirs, by %s"), clean(&w, tb));
	print_value(ol, c->ours);
	print_value(tl, c->theirs);
	sb_release(&w);
	free(ol);
	free(tl);
	free(ob);
	free(tb);
	wg_conflicts_free(c, 1);
	wg_ws_close(ws);
	return WG_OK;
}

int cmd_conflicts_resolve(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"ours", no_argument, NULL, 100},
		{"theirs", no_argument, NULL, 101},
		{"value", required_argument, NULL, 102},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = cli_find("conflicts", "resolve");
	struct opt_vals o;
	wg_workspace *ws;
	long id;
	int rc = parse_opts(cli, cmd, argc, argv, opts, &o);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (optind + 1 != argc)
		return cli_usage(cli, cmd, _("give one conflict number"));
	if ((rc = parse_conflict_id(cli, cmd, argv[optind], &id)))
		return rc;
	if (o.flag[0] + o.flag[1] + o.flag[2] != 1)
		return cli_usage(cli, cmd, _("choose one of --ours, --theirs or --value VALUE"));
	enum wg_resolution how = o.flag[0] ? RESOLVE_OURS : o.flag[1] ? RESOLVE_THEIRS : RESOLVE_VALUE;
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		return rc;
	rc = wg_conflict_resolve(ws, id, how, o.v[2], &cli->err);
	if (rc == WG_OK)
		printf(_("Conflict %ld resolved.\n"), id);
	else
		cli_fail(cli, rc);
	wg_ws_close(ws);
	return rc;
}

/* What a commit says comes from whoever made it: cleaned for the terminal.
 * An import is one entry: what it did, its records, then the commits it
 * brought, indented under it. */
static void print_log(const struct wg_log_entry *e, void *payload)
{
	strbuf a = STRBUF_INIT, m = STRBUF_INIT, s = STRBUF_INIT;
	const char *in = e->part_of ? "        " : "    ";
	(void)payload;
	if (e->import)
		printf("%.10s  %s  %s\n%s%s\n", e->commit, e->when, clean(&a, e->who), in,
		       clean(&s, e->subject));
	else
		printf("%s%.10s  %s  %s <%s>\n%s%s\n", e->part_of ? "    " : "", e->commit, e->when,
		       clean(&a, e->author), clean(&m, e->email), in, clean(&s, e->subject));
	/* who signed it: the key's registered holder, whatever the author line says
	 * (an import's entry: each commit it brought says so below it) */
	sb_reset(&a);
	if (e->import)
		;
	else if (e->signer)
		printf("%s[%s: %s, %s]\n", in, wg_commit_sig_text((enum wg_commit_sig)e->sig),
		       clean(&a, e->signer), e->signer_words);
	else if (*e->signer_words)
		printf("%s[%s: %s]\n", in, wg_commit_sig_text((enum wg_commit_sig)e->sig),
		       e->signer_words);
	else
		printf("%s[%s]\n", in, wg_commit_sig_text((enum wg_commit_sig)e->sig));
	for (const char *p = e->body; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n) {
			sb_reset(&s);
			wg_term_clean(&s, p, n, false);
			printf("%s%s\n", in, sb_str(&s));
		}
		p += n + (nl ? 1 : 0);
	}
	if (e->import)
		printf(_("    (\"wangge log --import %ld\" shows the fields it changed; the commits it "
			 "brought follow)\n"), e->import);
	sb_release(&a);
	sb_release(&m);
	sb_release(&s);
}

/* log --import N: what one import did, record by record, field by field. */
static int print_import(struct cli *cli, wg_workspace *ws, const char *arg)
{
	struct wg_import_entry *ie;
	struct wg_record_change *v;
	size_t n;
	char *end, when[64];
	long id = strtol(arg, &end, 10);
	int rc;
	strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	if (!*arg || *end || id <= 0)
		return cli_usage(cli, cli_find("log", NULL), _("\"%s\" is not an import number"), arg);
	if ((rc = wg_import_get(ws, id, &ie, &cli->err)))
		return cli_fail(cli, rc);
	if ((rc = wg_import_records(ws, id, &v, &n, &cli->err))) {
		wg_imports_free(ie, 1);
		return cli_fail(cli, rc);
	}
	wg_timestamp_display(ie->at, when, sizeof when);
	printf(_("Import %ld: %s, read %s\n"), ie->id, clean(&a, ie->file), when);
	printf(_("From:     %s\n"), clean(&a, ie->who));
	printf(_("Added %zu, changed %zu, deleted %zu, conflicts %zu\n"), ie->added, ie->changed,
	       ie->deleted, ie->conflicts);
	for (size_t i = 0; i < n; i++) {
		sb_reset(&b);
		wg_record_change_text(&v[i], &b);
		printf("\n%s  %s\n", clean(&a, sb_str(&b)), v[i].id);
		for (size_t f = 0; f < v[i].nfields; f++) {
			const struct wg_field_change *fc = &v[i].fields[f];
			strbuf o = STRBUF_INIT;
			clean(&o, fc->old);
			/* TRANSLATORS: one field an import changed: its name, old -> new value */
			printf(_("    %s: %s -> %s\n"), _(fc->field->label),
			       *fc->old ? sb_str(&o) : _("(empty)"),
			       *fc->new_ ? clean(&a, fc->new_) : _("(empty)"));
			sb_release(&o);
		}
	}
	if (n == 0)
		printf(_("It changed no record here.\n"));
	if (ie->conflicts)
		printf(_("Its conflicts: \"wangge conflicts --all\".\n"));
	sb_release(&a);
	sb_release(&b);
	wg_record_changes_free(v, n);
	wg_imports_free(ie, 1);
	return WG_OK;
}

int cmd_log(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"grid", required_argument, NULL, 100},
		{"record", required_argument, NULL, 101},
		{"max", required_argument, NULL, 'n'},
		{"import", required_argument, NULL, 103},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = cli_find("log", NULL);
	struct opt_vals o;
	wg_workspace *ws;
	long limit = 0;
	int rc = parse_opts(cli, cmd, argc, argv, opts, &o);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	if (optind < argc)
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[optind]);
	if (o.v[2]) {
		char *end;
		limit = strtol(o.v[2], &end, 10);
		if (*end || limit <= 0)
			return cli_usage(cli, cmd, _("-n needs a positive number"));
	}
	if (o.v[3] && (o.v[0] || o.v[1] || o.v[2]))
		return cli_usage(cli, cmd, _("--import shows one import: leave out --grid, --record "
					     "and -n"));
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if (o.v[3])
		rc = print_import(cli, ws, o.v[3]);
	else if ((rc = wg_sync_log(ws, o.v[0], o.v[1], (size_t)limit, print_log, NULL, &cli->err)))
		cli_fail(cli, rc);
	wg_ws_close(ws);
	return rc;
}

int cmd_entity_delete(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("entity", "delete");
	wg_workspace *ws;
	char id[WG_ID_BUFSIZE];
	int rc;
	if ((rc = cli_parse_id(cli, cmd, argc, argv)))
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open_resolve(cli, WS_WRITE, &wg_kind_entity, argv[1], &ws, id)))
		return rc;
	if ((rc = wg_delete(ws, &wg_kind_entity, id, &cli->err)))
		cli_fail(cli, rc);
	wg_ws_close(ws);
	return rc;
}
