/* The command table and the generic record commands built from the schema. */
#include <config.h>

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "recordop.h"
#include "strbuf.h"
#include "table.h"
#include "timeutil.h"
#include "utf8.h"
#include "validate.h"

const struct cli_command cli_commands[] = {
	{"init", "county", cmd_init, N_("--name NAME --code REGIONCODE"),
	 N_("create a county workspace")},
	{"init", "officer", cmd_init_officer, N_("--from FILE.bundle"),
	 N_("create an officer workspace from the county's enrollment bundle")},
	{"grid", "add", cmd_grid_add, N_("--code CODE --name NAME --township NAME"),
	 N_("add a grid (county)")},
	{"grid", "list", cmd_grid_list, N_("[--format table|tsv|csv]"), N_("list the grids")},
	{"officer", "add", cmd_officer_add,
	 N_("--name NAME [--grid CODE] [--role officer|inspector|clerk] [--phone P] [--cert NO]"),
	 N_("add an officer, inspector or clerk (county)")},
	{"officer", "list", cmd_officer_list, N_("[--format table|tsv|csv]"),
	 N_("list officers")},
	{"officer", "key", cmd_officer_key,
	 N_("add OFFICER --key-file FILE|--key TEXT --fingerprint XXXX-XXXX-XXXX-XXXX | "
	    "revoke OFFICER [--reason TEXT] | list [--format table|tsv|csv]"),
	 N_("register an officer's signing key after comparing its fingerprint in person, "
	    "revoke it (a lost laptop), or list the keys (county)")},
	{"key", "show", cmd_key_show, "",
	 N_("show this workspace's public key and the fingerprint to read aloud")},
	{"key", "export", cmd_key_export, N_("-o FILE"),
	 N_("write this workspace's public key to a file for the county")},
	{"key", "allowed-signers", cmd_key_allowed_signers, N_("[-o FILE]"),
	 N_("write the registered keys as git's allowed-signers file (git verify-commit)")},
	{"category", "list", cmd_category_list, N_("[--format table|tsv|csv]"),
	 N_("list the entity categories and their codes")},
	{"entity", "add", cmd_entity_add,
	 N_("--grid CODE --category CAT --name NAME [--uscc C] [--phone P] [--address A] "
	    "[FIELD OPTIONS...] [--confirm]"),
	 N_("add a supervised entity")},
	{"entity", "list", cmd_entity_list,
	 N_("[--grid CODE] [--category CAT] [--format table|tsv|csv]"),
	 N_("list supervised entities")},
	{"entity", "show", cmd_entity_show, N_("ID"), N_("show one entity")},
	{"entity", "set", cmd_entity_set, N_("ID FIELD=VALUE... [--confirm]"),
	 N_("change fields of an entity")},
	{"entity", "delete", cmd_entity_delete, N_("ID"), N_("delete an entity")},
	{"enroll", NULL, cmd_enroll, N_("--grid CODE --officer ID -o FILE.bundle | --all -o FOLDER"),
	 N_("make the starting bundle of an officer's workspace (county)")},
	{"export", NULL, cmd_export, N_("[--grid CODE] [--full] [--plain] -o FILE|FOLDER"),
	 N_("write a bundle: an officer's grid, or a grid and common data for its officers")},
	{"import", NULL, cmd_import, N_("FILE..."),
	 N_("import bundles, all or nothing, merging them field by field")},
	{"conflicts", "show", cmd_conflicts_show, N_("ID"), N_("show one merge conflict")},
	{"conflicts", "resolve", cmd_conflicts_resolve, N_("ID --ours|--theirs|--value VALUE"),
	 N_("resolve a merge conflict")},
	{"conflicts", NULL, cmd_conflicts_list, N_("[list] [--all] [--format table|tsv|csv]"),
	 N_("list merge conflicts")},
	{"log", NULL, cmd_log, N_("[--grid CODE] [--record ID] [-n N] | --import N"),
	 N_("show the history: who changed what, when")},
	{"checklist", "import", cmd_checklist_import, N_("FILE"),
	 N_("add or update a checklist from a file (county)")},
	{"checklist", "list", cmd_checklist_list, N_("[--all] [--format table|tsv|csv]"),
	 N_("list the checklists")},
	{"checklist", "show", cmd_checklist_show, N_("CODE[@VERSION]"),
	 N_("show the items of a checklist")},
	{"calendar", "deadline", cmd_calendar_deadline, N_("DATE DAYS"),
	 N_("the date DAYS working days after DATE")},
	{"calendar", "import", cmd_calendar_import, N_("FILE"),
	 N_("check a year's official holiday calendar and record it for every grid (county)")},
	{"calendar", "list", cmd_calendar_list, N_("[--format table|tsv|csv]"),
	 N_("the holiday calendars installed, where they came from and the notice they cite")},
	{"calendar", "review", cmd_calendar_review, N_("[--year YEAR] [--format table|tsv|csv]"),
	 N_("provisional deadlines that the installed calendars would count to another day")},
	{"task", "add", cmd_task_add,
	 N_("--grid CODE --kind KIND --title TEXT [--entity ID] [--due DATE] [--assignee ID] "
	    "[--checklist CODE]"),
	 N_("add a task")},
	{"task", "list", cmd_task_list,
	 N_("[--status S] [--kind K] [--entity ID] [--format table|tsv|csv]"), N_("list tasks")},
	{"task", "show", cmd_task_show, N_("ID"), N_("show one task")},
	{"inspection", "start", cmd_inspection_start,
	 N_("(--task ID | --entity ID) [--kind patrol|inspection] [--checklist CODE] "
	    "[--inspector ID]..."),
	 N_("start a patrol or an inspection")},
	{"inspection", "record", cmd_inspection_record, N_("ID ITEM pass|fail|na|none [--note TEXT] [--seen SERVICES] [--confirm]"),
	 N_("record the result of one checklist item; an item checked against the register "
	    "shows it, and a pass it contradicts needs --confirm")},
	{"inspection", "attach", cmd_inspection_evidence, N_("ID FILE [--item ITEM]"),
	 N_("copy a file into the workspace as evidence")},
	{"inspection", "sign", cmd_inspection_sign,
	 N_("ID [--summary TEXT] [--deadline DATE] [--category CATEGORY]"),
	 N_("sign off; an inspection makes findings, deadlines, re-inspection; a patrol's "
	    "problems become a clue reported to the county")},
	{"inspection", "correct", cmd_inspection_correct, N_("ID"),
	 N_("start a correction of a signed record")},
	{"inspection", "show", cmd_inspection_show, N_("ID"),
	 N_("show an inspection with its items, findings and evidence")},
	{"inspection", "list", cmd_inspection_list,
	 N_("[--entity ID] [--format table|tsv|csv]"), N_("list patrols and inspections")},
	{"finding", "list", cmd_finding_list,
	 N_("[--overdue] [--entity ID] [--date DATE] [--format table|tsv|csv]"),
	 N_("list findings; --overdue: past their deadline")},
	{"finding", "rectified", cmd_finding_rectified, N_("ID [--note TEXT]"),
	 N_("mark a finding as put right")},
	{"finding", "deadline", cmd_finding_deadline, N_("ID DATE"),
	 N_("set a finding's rectification deadline by hand")},
	{"rules", "list", cmd_rules_list, N_("[--format table|tsv|csv]"),
	 N_("the county's rules: every version, the day it applies from, and the recomputes")},
	{"rules", "show", cmd_rules_show, N_("points|risk|patrol|limits|report [--version N]"),
	 N_("the text of a version of the rules (the one in force today unless --version)")},
	{"rules", "import", cmd_rules_import, N_("FILE"),
	 N_("check a rule file and record it as the next version for every grid (county)")},
	{"rules", "recompute", cmd_rules_recompute, N_("points --since DATE --reason TEXT"),
	 N_("count the facts from DATE with the points rules in force today, recorded (county)")},
	{"blacklist", "notice", cmd_blacklist_notice,
	 N_("ENTITY --reason TEXT --basis TEXT --body NAME --objection-days N"),
	 N_("tell an entity the county intends to black-list it, with the reason and the legal "
	    "basis (county)")},
	{"blacklist", "object", cmd_blacklist_object, N_("ID --text TEXT"),
	 N_("record the entity's objection, within the objection period (county)")},
	{"blacklist", "decide", cmd_blacklist_decide, N_("ID --term-months N [--reply TEXT]"),
	 N_("after the objection period, list the entity for a fixed term (county)")},
	{"blacklist", "repair", cmd_blacklist_repair, N_("ID --note TEXT"),
	 N_("credit repair: take a listed entity off the list early (county)")},
	{"blacklist", "remove", cmd_blacklist_remove, N_("ID --reason TEXT"),
	 N_("remove a case: never listed, or taken off (county)")},
	{"blacklist", "list", cmd_blacklist_list, N_("[--all] [--format table|tsv|csv]"),
	 N_("the black-list cases on the list today, or all of them with every step")},
	{"patrol", "due", cmd_patrol_due, N_("[--date DATE] [--format table|tsv|csv]"),
	 N_("the entities due for a patrol by the interval of their risk grade")},
	{"points", "show", cmd_points_show, N_("ENTITY|--staff PRACTITIONER [--date DATE]"),
	 N_("the entity's (or a practitioner's) points in the cycle and the band reached")},
	{"points", "alerts", cmd_points_alerts, N_("[--date DATE] [--format table|tsv|csv]"),
	 N_("entities whose points reached a band")},
	{"points", "notice", cmd_points_notice,
	 N_("FINDING [--staff PRACTITIONER] --days N [--date DATE]"),
	 N_("tell the institution, or the practitioner the points attach to, of a finding's "
	    "points, with N working days to answer; they count once final (county)")},
	{"points", "answer", cmd_points_answer, N_("NOTICE --text TEXT [--date DATE]"),
	 N_("record the party's answer to a notice of points, within its period (county)")},
	{"points", "decide", cmd_points_decide,
	 N_("NOTICE --final|--withdraw --reason TEXT [--date DATE]"),
	 N_("decide on a notice of points: the points final, or withdrawn (county)")},
	{"points", "notices", cmd_points_notices, N_("[--all] [--date DATE] [--format table|tsv|csv]"),
	 N_("the notices of points still open (or all of them) and their state")},
	{"staff", "add", cmd_staff_add,
	 N_("--entity ID --name NAME --kind KIND [--cert NO] [--cert-expiry DATE] [--place TEXT] "
	    "[--scope TEXT] [--idcard ID]"),
	 N_("register a practitioner (执业人员) of an entity; the ID number stays with the "
	    "county")},
	{"staff", "list", cmd_staff_list, N_("[--entity ID] [--format table|tsv|csv]"),
	 N_("the practitioners, with what the register check finds against each")},
	{"staff", "show", cmd_staff_show, N_("ID"), N_("show one practitioner (ID number masked)")},
	{"staff", "set", cmd_staff_set, N_("ID FIELD=VALUE..."),
	 N_("change fields of a practitioner")},
	{"staff", "delete", cmd_staff_delete, N_("ID"), N_("delete a practitioner")},
	{"staff", "check", cmd_staff_check, N_("ENTITY [--seen SERVICES] [--date DATE]"),
	 N_("check an entity against its register: the services seen practised against its "
	    "registered services (诊疗科目), its practitioners' registration and certificates")},
	{"expiry", NULL, cmd_expiry, N_("[--days N] [--date DATE] [--format table|tsv|csv]"),
	 N_("licences and practising certificates expired or expiring within N days (the "
	    "county's rule value by default)")},
	{"risk", "show", cmd_risk_show, N_("ENTITY [--date DATE]"),
	 N_("the entity's risk grade and the facts that make it")},
	{"credit", "list", cmd_credit_list,
	 N_("--red | --black [--date DATE] [--format table|tsv|csv]"),
	 N_("the red or black list (for publication)")},
	{"case", "file", cmd_case_file,
	 N_("--entity ID --violation CODE --party person|org --facts TEXT --penalty KIND "
	    "[--fine YUAN] --inspector ID --inspector ID --approved-by ID [--inspection ID]... "
	    "[--summary [--factor F] [--reason TEXT]]"),
	 N_("file a penalty case (立案), numbered for the year; --summary decides it on the spot "
	    "(county)")},
	{"case", "list", cmd_case_list, N_("[--stage STAGE] [--format table|tsv|csv]"),
	 N_("penalty cases by stage, with their next time limit")},
	{"case", "show", cmd_case_show, N_("ID"), N_("show a penalty case and its steps")},
	{"case", "record", cmd_case_record,
	 N_("ID --step evidence|interview|statement|hearing|review --by ID... [--date DATE] "
	    "[--person NAME] [--text TEXT]"),
	 N_("record a step of a case: evidence, an interview record, the party's statement, the "
	    "hearing, the legal review")},
	{"case", "notify", cmd_case_notify, N_("ID --by ID --by ID [--date DATE]"),
	 N_("give the party the advance notice of the penalty and its rights")},
	{"case", "hearing-request", cmd_case_hearing_request,
	 N_("ID [--date DATE] [--person NAME]"),
	 N_("the party asks for a hearing (refused after 5 working days)")},
	{"case", "decide", cmd_case_decide,
	 N_("ID --decided-by ID --factor lighter|ordinary|heavier|mitigated [--reason TEXT] "
	    "[--penalty KIND] [--fine YUAN] [--correct-days N] [--date DATE]"),
	 N_("decide a case by the discretion standard; an order to correct makes the "
	    "re-inspection task")},
	{"case", "serve", cmd_case_serve, N_("ID --by ID [--date DATE] [--person NAME]"),
	 N_("the decision served on the party")},
	{"case", "pay", cmd_case_pay, N_("ID [--date DATE]"),
	 N_("the fine paid (a late payment records its surcharge)")},
	{"case", "close", cmd_case_close, N_("ID --by ID [--date DATE] [--text TEXT]"),
	 N_("close a case once its decision is carried out")},
	{"case", "print", cmd_case_print,
	 N_("ID --document scene|interview|opinion|correction|notice|hearing|decision|receipt|"
	    "closing [-o FILE]"),
	 N_("a document of the case as print-ready HTML (A4)")},
	{"case", "revoke", cmd_case_revoke, N_("ID --by ID --text REASON [--date DATE]"),
	 N_("a decision revoked or changed: its published notice is due to be withdrawn in 3 "
	    "working days")},
	{"case", "withdraw", cmd_case_withdraw, N_("ID --by ID [--date DATE]"),
	 N_("the published notice of a revoked decision withdrawn")},
	{"county", "set", cmd_county_set, N_("FIELD=VALUE..."),
	 N_("set county rule values: penalty_publish_days (working days to publish a penalty "
	    "decision, default 7), case_prefix (the case number's prefix, default <county>卫罚), "
	    "officer_opinion (yes: officers may issue a health supervision opinion; default no)")},
	{"discretion", "import", cmd_discretion_import, N_("FILE"),
	 N_("check the county's discretion standard (裁量基准) and record it for every grid "
	    "(county)")},
	{"discretion", "show", cmd_discretion_show, N_("[--format table|tsv|csv]"),
	 N_("the discretion standard in force")},
	{"clue", "add", cmd_clue_add,
	 N_("--category CODE --content TEXT "
	    "[--entity ID | --location TEXT [--grid CODE]] [--found TIME] [--inspection ID] [--not-yet]"),
	 N_("report a clue (协管信息报告) in the category chosen; --not-yet records it as found, "
	    "to report later")},
	{"clue", "report", cmd_clue_report, N_("ID"), N_("report a clue found earlier")},
	{"clue", "list", cmd_clue_list,
	 N_("[--from DATE] [--to DATE] [--grid CODE] [--format table|tsv|csv]"),
	 N_("clues found in a period (this month by default) and the information report rate")},
	{"clue", "handover", cmd_clue_handover, N_("ID --assignee INSPECTOR [--days N]"),
	 N_("hand a reported clue over to an inspector (线索移交): makes the inspector's task "
	    "(county)")},
	{"complaint", "add", cmd_complaint_add,
	 N_("--channel C --content TEXT (--entity ID | --location TEXT) [--complainant NAME] "
	    "[--contact PHONE] [--complainant-id IDCARD] [--received TIME] [--deadline DATE]"),
	 N_("record a complaint")},
	{"complaint", "list", cmd_complaint_list, N_("[--status S] [--format table|tsv|csv]"),
	 N_("list complaints (complainants masked)")},
	{"complaint", "show", cmd_complaint_show, N_("ID"), N_("show one complaint")},
	{"complaint", "deadline", cmd_complaint_deadline, N_("ID DATE"),
	 N_("set a complaint's handling deadline by hand")},
	{"complaint", "verify", cmd_complaint_verify, N_("ID [--assignee OFFICER]"),
	 N_("start verifying a complaint: makes a task")},
	{"complaint", "close", cmd_complaint_close, N_("ID --result TEXT"),
	 N_("close a complaint with its result")},
	{"publish", "complaints", cmd_publish_complaints, N_("--from DATE --to DATE [-o FILE]"),
	 N_("complaints for publication (CSV, no personal data)")},
	{"print", "patrols", cmd_print_patrol_register,
	 N_("--from DATE --to DATE [--grid CODE] [-o FILE]"),
	 N_("the patrol register (form) as printable HTML")},
	{"print", "reports", cmd_print_report_register,
	 N_("--from DATE --to DATE [--grid CODE] [-o FILE]"),
	 N_("the information report register as HTML")},
	{"summary", NULL, cmd_summary,
	 N_("ENTITY --from DATE --to DATE [--format table|tsv|csv|html] [-o FILE]"),
	 N_("an entity's supervision results for a period, for 校验 and 医保定点 reviews")},
	{"print", "inspection", cmd_print_inspection, N_("ID [-o FILE]"),
	 N_("one inspection record as printable HTML")},
	{"print", "opinion", cmd_print_opinion, N_("PATROL [-o FILE]"),
	 N_("a health supervision opinion (卫生监督意见书) from a signed patrol; an officer only "
	    "where the county's rule value officer_opinion allows it")},
	{"campaign", "add", cmd_campaign_add,
	 N_("--name NAME --from DATE --to DATE [--category CAT[,CAT...]] [--entity ID...] "
	    "[--checklist CODE]"),
	 N_("start a campaign: a task for every target entity in every grid (county)")},
	{"campaign", "list", cmd_campaign_list, "", N_("list campaigns and their progress")},
	{"recusal", "add", cmd_recusal_add,
	 N_("--inspector ID --entity ID [--reason TEXT]"),
	 N_("declare an inspector's conflict of interest with an entity (county)")},
	{"recusal", "list", cmd_recusal_list, "", N_("list declared conflicts of interest")},
	{"draw", "list", cmd_draw_list, "", N_("list the random draws made")},
	{"draw", "show", cmd_draw_show, N_("ID [--format table|tsv|csv]"),
	 N_("show the tasks a random draw made")},
	{"draw", NULL, cmd_draw,
	 N_("--plan FILE [--seed TEXT] [--dry-run] [--out FILE] | --verify FILE"),
	 N_("random inspection draw (county), or check a published result")},
	{"dispatch", "status", cmd_dispatch_status, N_("[--format table|tsv|csv]"),
	 N_("which grid was sent what, and which returned bundles are missing")},
	{"dispatch", NULL, cmd_dispatch, N_("--out FOLDER [--full] [--plain]"),
	 N_("write a bundle for every grid into a folder, to hand out (county)")},
	{"publish", "penalties", cmd_publish_penalties,
	 N_("[--from DATE] [--to DATE] [--format csv|html] [--out FILE [--mark]] | --pending"),
	 N_("public disclosure of penalty decisions, apart from inspection results; --pending "
	    "lists decisions not published in time and revoked ones not withdrawn")},
	{"publish", NULL, cmd_publish,
	 N_("[--from DATE] [--to DATE] [--format csv|html] [--out FILE [--mark]] | --pending "
	    "[--days N]"),
	 N_("public disclosure of random-inspection results, without personal data (penalty "
	    "decisions: publish penalties)")},
	{"report", NULL, cmd_report,
	 N_("[--from DATE] [--to DATE] [--format text|csv|html] [--out FILE] [--width N]"),
	 N_("coverage, results, random inspections and overdue work, with charts")},
	{"check", NULL, cmd_check, "", N_("check the workspace's integrity")},
	{"demo", NULL, cmd_demo,
	 N_("[--dir DIR] [--role county|officer:GRIDCODE] [--reset] [--size small|large] "
	    "[--seed N] [--scenario NAME] [--no-ui]"),
	 N_("build or re-open the demo county for training (never a real workspace); "
	    "--scenario NAME --reset resets that scenario alone")},
	{NULL, NULL, NULL, NULL, NULL},
};

const struct cli_command *cli_find(const char *name, const char *sub)
{
	for (const struct cli_command *c = cli_commands; c->name; c++) {
		if (strcmp(c->name, name) != 0)
			continue;
		if (!c->sub || (sub && strcmp(c->sub, sub) == 0))
			return c;
	}
	return NULL;
}

/* A message for the terminal: what it quotes from a bundle (author names,
 * ref names, comments) may hold escape sequences; they are shown, not run. */
static void print_message(const char *fmt, va_list ap)
{
	strbuf raw = STRBUF_INIT, clean = STRBUF_INIT;
	sb_vaddf(&raw, fmt, ap);
	wg_term_clean(&clean, raw.buf ? raw.buf : "", raw.len, true);
	fputs("wangge: ", stderr);
	fputs(sb_str(&clean), stderr);
	fputc('\n', stderr);
	sb_release(&raw);
	sb_release(&clean);
}

int cli_error(struct cli *cli, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	print_message(fmt, ap);
	va_end(ap);
	return status;
}

void cli_print_command_help(const struct cli_command *cmd, FILE *out)
{
	fprintf(out, _("Usage: wangge [-C DIR] %s%s%s %s\n"), cmd->name, cmd->sub ? " " : "",
		cmd->sub ? cmd->sub : "", _(cmd->usage));
	fprintf(out, "%s\n", _(cmd->summary));
}

int cli_usage(struct cli *cli, const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	print_message(fmt, ap);
	va_end(ap);
	fprintf(stderr, _("Usage: wangge [-C DIR] %s%s%s %s\n"), cmd->name, cmd->sub ? " " : "",
		cmd->sub ? cmd->sub : "", _(cmd->usage));
	return WG_EUSAGE;
}

int cli_fail(struct cli *cli, int status)
{
	cli_error(cli, status, "%s", cli->err.msg);
	if (cli->err.confirmable)
		fprintf(stderr, _("wangge: if the value is right, repeat the command with --confirm\n"));
	/* the core says what is missing; the CLI knows which option gives it */
	if (cli->err.needs)
		fprintf(stderr, _("wangge: give it with --%s\n"), cli->err.needs);
	return status;
}

int cli_open(struct cli *cli, int mode, wg_workspace **ws)
{
	char *dir;
	int rc = wg_ws_locate(cli->dir, &dir, &cli->err);
	if (rc)
		return cli_error(cli, rc, "%s", cli->err.msg);
	rc = wg_ws_open(dir, mode, ws, &cli->err);
	free(dir);
	if (rc)
		return cli_error(cli, rc, "%s", cli->err.msg);
	return WG_OK;
}

/* The field saying how a date field was counted ("deadline" -> "deadline_basis",
 * "due" -> "due_basis"), or -1. */
static int basis_field(const struct wg_kind *kind, const char *name)
{
	char b[64];
	snprintf(b, sizeof b, "%s_basis", name);
	return wg_field_index(kind, b);
}

void cli_print_record(const wg_record *rec, bool mask_personal, FILE *out)
{
	size_t labelw = 0;
	for (size_t i = 0; i < rec->kind->nfields; i++) {
		size_t w = str_width(_(rec->kind->fields[i].label));
		if (w > labelw)
			labelw = w;
	}
	for (size_t i = 0; i < rec->kind->nfields; i++) {
		const struct wg_field *f = &rec->kind->fields[i];
		const char *v = rec->val[i];
		char masked[128], when[64];
		strbuf line = STRBUF_INIT;

		char dated[256];
		int basis = f->type == FT_DATE ? basis_field(rec->kind, f->name) : -1;
		if (basis >= 0 && *v) {
			wg_deadline_text(rec->val[basis], v, dated, sizeof dated);
			v = dated;
		} else if (f->type == FT_ENUM && *v)
			v = wg_option_label(f, v);
		else if (f->check == CHECK_CATEGORY && wg_category_find(v))
			v = _(wg_category_find(v)->label);
		else if (f->type == FT_TIME && *v) {
			wg_timestamp_display(v, when, sizeof when);
			v = when;
		} else if (mask_personal && (f->flags & FF_PERSONAL) && *v) {
			wg_mask(v, masked, sizeof masked);
			v = masked;
		}
		wg_pad(&line, _(f->label), labelw);
		sb_adds(&line, "  ");
		wg_term_clean(&line, v, strlen(v), false);
		fprintf(out, "%s\n", sb_str(&line));
		sb_release(&line);
	}
}

/* Long options made from a kind's visible fields: --licence-expiry for licence_expiry. */
struct field_opts {
	struct option opts[WG_MAX_FIELDS + 8];
	char names[WG_MAX_FIELDS][40];
	size_t n;
};

enum { OPT_CONFIRM = 1000, OPT_HELP, OPT_EXTRA, OPT_FIELD = 2000 };

static void build_field_opts(struct field_opts *fo, const struct wg_kind *kind,
			     const char *const *skip, const struct option *extra)
{
	fo->n = 0;
	for (size_t i = 0; i < kind->nfields; i++) {
		const struct wg_field *f = &kind->fields[i];
		bool skipped = (f->flags & FF_HIDDEN) != 0;
		for (const char *const *s = skip; s && *s; s++)
			skipped |= strcmp(*s, f->name) == 0;
		if (skipped)
			continue;
		snprintf(fo->names[fo->n], sizeof fo->names[0], "%s", f->name);
		for (char *p = fo->names[fo->n]; *p; p++)
			if (*p == '_')
				*p = '-';
		fo->opts[fo->n] = (struct option){fo->names[fo->n], required_argument, NULL,
						  OPT_FIELD + (int)i};
		fo->n++;
	}
	size_t k = fo->n;
	fo->opts[k++] = (struct option){"confirm", no_argument, NULL, OPT_CONFIRM};
	fo->opts[k++] = (struct option){"help", no_argument, NULL, OPT_HELP};
	for (const struct option *e = extra; e && e->name; e++)
		fo->opts[k++] = *e;
	fo->opts[k] = (struct option){NULL, 0, NULL, 0};
}

/* Parse "--field value" options into changes; extra options go to on_extra. */
static int parse_field_args(struct cli *cli, const struct cli_command *cmd,
			    const struct wg_kind *kind, const char *const *skip,
			    const struct option *extra, int argc, char **argv,
			    struct wg_change *changes, size_t *nchanges, bool *confirm,
			    const char **extra_values)
{
	struct field_opts fo;
	int c;
	build_field_opts(&fo, kind, skip, extra);
	*nchanges = 0;
	*confirm = false;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", fo.opts, NULL)) != -1) {
		if (c == OPT_HELP) {
			cli_print_command_help(cmd, stdout);
			fputs(_("Fields:\n"), stdout);
			for (size_t i = 0; i < fo.n; i++) {
				const struct wg_field *f = &kind->fields[fo.opts[i].val - OPT_FIELD];
				fprintf(stdout, "  --%-16s %s\n", fo.names[i], _(f->label));
			}
			return -1;
		} else if (c == OPT_CONFIRM) {
			*confirm = true;
		} else if (c >= OPT_FIELD) {
			const struct wg_field *f = &kind->fields[c - OPT_FIELD];
			for (size_t i = 0; i < *nchanges; i++)
				if (strcmp(changes[i].field, f->name) == 0)
					return cli_usage(cli, cmd, _("--%s given twice"), argv[optind - 2] + 2);
			changes[(*nchanges)++] = (struct wg_change){f->name, optarg};
		} else if (c >= OPT_EXTRA && c < OPT_FIELD) {
			extra_values[c - OPT_EXTRA] = optarg;
		} else {
			return cli_usage(cli, cmd, _("unknown option \"%s\""), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[optind]);
	return WG_OK;
}

int cli_record_add(struct cli *cli, const struct wg_kind *kind, const struct cli_command *cmd,
		   int argc, char **argv)
{
	return cli_record_add_with(cli, kind, cmd, argc, argv, wg_add);
}

int cli_record_add_with(struct cli *cli, const struct wg_kind *kind, const struct cli_command *cmd,
			int argc, char **argv,
			int (*add)(wg_workspace *ws, wg_record *rec, wg_error *err))
{
	struct wg_change changes[WG_MAX_FIELDS];
	size_t n;
	bool confirm;
	wg_workspace *ws;
	int rc = parse_field_args(cli, cmd, kind, NULL, NULL, argc, argv, changes, &n, &confirm, NULL);
	if (rc)
		return rc < 0 ? WG_OK : rc;
	wg_record *rec = wg_record_new(kind);
	if ((rc = wg_fill(rec, changes, n, confirm, &cli->err))) {
		wg_record_free(rec);
		return cli_fail(cli, rc);
	}
	if ((rc = cli_open(cli, WS_WRITE, &ws))) {
		wg_record_free(rec);
		return rc;
	}
	rc = add(ws, rec, &cli->err);
	if (rc == WG_OK)
		printf("%s\n", wg_record_id(rec));
	else
		cli_fail(cli, rc);
	wg_record_free(rec);
	wg_ws_close(ws);
	return rc;
}

int cli_record_set(struct cli *cli, const struct wg_kind *kind, const struct cli_command *cmd,
		   int argc, char **argv)
{
	struct wg_change changes[WG_MAX_FIELDS];
	size_t n = 0;
	bool confirm = false;
	const char *idarg = NULL;
	char id[WG_ID_BUFSIZE];
	wg_workspace *ws;
	int rc;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--confirm") == 0) {
			confirm = true;
		} else if (strcmp(a, "--help") == 0) {
			cli_print_command_help(cmd, stdout);
			return WG_OK;
		} else if (!idarg && !strchr(a, '=')) {
			idarg = a;
		} else {
			const char *eq = strchr(a, '=');
			if (!eq || eq == a)
				return cli_usage(cli, cmd, _("expected FIELD=VALUE, got \"%s\""), a);
			if (n == WG_MAX_FIELDS)
				return cli_usage(cli, cmd, _("too many changes at once"));
			char *field = xstrndup(a, (size_t)(eq - a));
			/* option-style names work too: licence-expiry=... */
			for (char *p = field; *p; p++)
				if (*p == '-')
					*p = '_';
			changes[n++] = (struct wg_change){field, eq + 1};
		}
	}
	if (!idarg || n == 0) {
		for (size_t i = 0; i < n; i++)
			free((char *)changes[i].field);
		return cli_usage(cli, cmd, _("give an id and at least one FIELD=VALUE"));
	}
	if ((rc = cli_open(cli, WS_WRITE, &ws)))
		goto out;
	if ((rc = wg_db_resolve(ws->db, kind, idarg, id, &cli->err)) ||
	    (rc = wg_modify(ws, kind, id, changes, n, confirm, &cli->err)))
		cli_fail(cli, rc);
	wg_ws_close(ws);
out:
	for (size_t i = 0; i < n; i++)
		free((char *)changes[i].field);
	return rc;
}

int cli_record_show(struct cli *cli, const struct wg_kind *kind, const struct cli_command *cmd,
		    int argc, char **argv)
{
	wg_workspace *ws;
	wg_record *rec = NULL;
	char id[WG_ID_BUFSIZE];
	int rc;

	if ((rc = cli_parse_id(cli, cmd, argc, argv)))
		return rc < 0 ? WG_OK : rc;
	if ((rc = cli_open(cli, WS_READ, &ws)))
		return rc;
	if ((rc = wg_db_resolve(ws->db, kind, argv[1], id, &cli->err)) ||
	    (rc = wg_db_load(ws->db, kind, id, &rec, &cli->err)) ||
	    (ws->role == ROLE_COUNTY && (rc = wg_db_personal_fill(ws->db, rec, &cli->err))))
		cli_error(cli, rc, "%s", cli->err.msg);
	else {
		/* what the county alone keeps: said so where it is not kept */
		for (size_t i = 0; ws->role != ROLE_COUNTY && i < kind->nfields; i++)
			if (kind->fields[i].flags & FF_COUNTY_ONLY)
				wg_record_put(rec, (int)i, _("kept by the county"));
		cli_print_record(rec, false, stdout);
	}
	wg_record_free(rec);
	wg_ws_close(ws);
	return rc;
}
