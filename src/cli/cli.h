/* The command line: one table of subcommands, each a function over the core. */
#ifndef WG_CLI_H
#define WG_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"
#include "id.h"
#include "query.h"
#include "record.h"
#include "strbuf.h"
#include "table.h"
#include "workspace.h"

struct cli {
	const char *dir;   /* -C DIR, or NULL */
	wg_error err;
};

struct cli_command {
	const char *name;    /* "entity" */
	const char *sub;     /* "add", or NULL */
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *usage;   /* N_() argument synopsis */
	const char *summary; /* N_() one line */
};

extern const struct cli_command cli_commands[];

/* Open the workspace named by -C / WANGGE_DIR / the default. */
int cli_open(struct cli *cli, int mode, wg_workspace **ws);
/* Print to stderr "wangge: message" and return status. */
/* Show the core's progress on long work (a bar on stderr, a terminal only). */
void cli_progress_init(void);
int cli_error(struct cli *cli, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A usage error for this command: message plus a pointer to --help. */
int cli_usage(struct cli *cli, const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Print the error in cli->err (and how to confirm a warning); return status. */
int cli_fail(struct cli *cli, int status);
const struct cli_command *cli_find(const char *name, const char *sub);
void cli_print_command_help(const struct cli_command *cmd, FILE *out);

/* Generic commands over a record kind, built from the schema. */
int cli_record_add(struct cli *cli, const struct wg_kind *kind, const struct cli_command *cmd,
		   int argc, char **argv);
/* The same, adding with add (a kind's own rules: defaults from its entity). */
int cli_record_add_with(struct cli *cli, const struct wg_kind *kind, const struct cli_command *cmd,
			int argc, char **argv,
			int (*add)(wg_workspace *ws, wg_record *rec, wg_error *err));
int cli_record_set(struct cli *cli, const struct wg_kind *kind, const struct cli_command *cmd,
		   int argc, char **argv);
int cli_record_show(struct cli *cli, const struct wg_kind *kind, const struct cli_command *cmd,
		    int argc, char **argv);
/* Print a record as "label: value" lines, enum values and times shown for people. */
void cli_print_record(const wg_record *rec, bool mask_personal, FILE *out);
/* What a publication withheld, one line each (mask.h). */
struct wg_maskings;
void cli_print_maskings(const struct wg_maskings *m, FILE *out);

/* Helpers for the supervision commands (cli_util.c). */
struct cli_opt {
	const char *name;    /* long name without "--"; one letter for "-o" */
	bool takes_value;
	const char **value;  /* single value */
	bool *flag;          /* no value */
	const char **multi;  /* repeatable: values go here */
	size_t *count;
	size_t max;
};
/* Entries of a cli_opt table: --name VALUE, a repeatable --name VALUE (at most
 * max, counted in *count), a --name flag, and the end of the table. */
#define CLI_VALUE(name, value) {(name), true, (value), NULL, NULL, NULL, 0}
#define CLI_MULTI(name, values, count, max) {(name), true, NULL, NULL, (values), (count), (max)}
#define CLI_FLAG(name, flag) {(name), false, NULL, (flag), NULL, NULL, 0}
#define CLI_END {NULL, false, NULL, NULL, NULL, NULL, 0}
/* Parse options and up to npos positional arguments (at least minpos).
 * Returns -1 after printing --help, a usage status, or WG_OK. */
int cli_parse_opts(struct cli *cli, const struct cli_command *cmd, int argc, char **argv,
		   const struct cli_opt *opts, const char **pos, size_t npos, size_t minpos);
void cli_print_table(wg_table *t, int fmt);
int cli_resolve(struct cli *cli, wg_workspace *ws, const struct wg_kind *kind, const char *arg,
		char id[WG_ID_BUFSIZE]);
/* A date option, or today when arg is NULL. */
int cli_date_arg(struct cli *cli, const struct cli_command *cmd, const char *arg, char out[11]);
/* Write to a file (atomically) or, for NULL or "-", to stdout. */
int cli_write_output(struct cli *cli, const char *path, const strbuf *data);
/* A --from/--to period: this month up to today unless given. */
struct cli_period {
	char from[11], to[11], today[11];
};
void cli_period_init(struct cli_period *p);
/* The period must not end before it starts. */
int cli_period_check(struct cli *cli, const struct cli_command *cmd, const struct cli_period *p);
/* Commands that write one document for --from and --to (both required), with
 * --grid when grid is true, to -o FILE or stdout. */
typedef int cli_period_doc_fn(sqlite3 *db, const char *from, const char *to, const char *grid,
			      strbuf *out, wg_error *err);
int cli_period_output(struct cli *cli, const struct cli_command *cmd, int argc, char **argv,
		      bool grid, cli_period_doc_fn *make);
/* A --format value (table, tsv, csv), or TABLE_TEXT when s is NULL. */
int cli_format_arg(struct cli *cli, const struct cli_command *cmd, const char *s, int *fmt);
/* Commands that take only --format (and --help): returns -1 after printing help.
 * With first_arg NULL, any argument is an error; otherwise *first_arg is the index
 * of the first one (argc when there is none) and the caller checks them. */
int cli_parse_format(struct cli *cli, const struct cli_command *cmd, int argc, char **argv,
		     int *fmt, int *first_arg);
/* Commands that take no argument but --help: returns -1 after printing help. */
int cli_parse_none(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
/* Commands that take exactly one id: returns -1 after printing help. */
int cli_parse_id(struct cli *cli, const struct cli_command *cmd, int argc, char **argv);
/* Open the workspace and resolve arg to the id of a record of kind (nothing to
 * resolve when arg is NULL: an optional filter); on failure the workspace is
 * closed again and the error printed. */
int cli_open_resolve(struct cli *cli, int mode, const struct wg_kind *kind, const char *arg,
		     wg_workspace **ws, char id[WG_ID_BUFSIZE]);
/* The first 8 digits of an id in the aligned table (enough to name it); scripts
 * (tsv, csv) get the full id. */
const char *cli_short_id(const char *id, int fmt, char buf[9]);
/* A deadline in a table: with how it was counted in text tables ("2027-01-08
 * (provisional)"); the date alone for machines, which get the basis in a
 * column of its own. */
const char *cli_deadline_cell(int fmt, const char *deadline, const char *basis, char *buf,
			      size_t n);
/* The name of an entity by id, or NULL; the caller frees it. */
char *cli_entity_name(struct cli *cli, wg_workspace *ws, const char *id);

/* Row callbacks as the core's queries take them (wg_row_fn in query.h). */
#define CLI_SCRATCH WG_ROW_SCRATCH
typedef wg_row_fn cli_row_fn;
/* Print the table a core query filled (rc its status) in fmt, or the error
 * instead; frees t. Returns rc. */
int cli_print_result(struct cli *cli, wg_table *t, int fmt, int rc);

/* Individual commands. */
int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_grid_add(struct cli *cli, int argc, char **argv);
int cmd_grid_list(struct cli *cli, int argc, char **argv);
int cmd_officer_add(struct cli *cli, int argc, char **argv);
int cmd_officer_list(struct cli *cli, int argc, char **argv);
int cmd_officer_key(struct cli *cli, int argc, char **argv);
int cmd_key_show(struct cli *cli, int argc, char **argv);
int cmd_key_export(struct cli *cli, int argc, char **argv);
int cmd_key_allowed_signers(struct cli *cli, int argc, char **argv);
int cmd_category_list(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
/* The full-screen program on the workspace cli->dir names (defined in main.c). */
int cli_run_tui(struct cli *cli);
int cmd_entity_add(struct cli *cli, int argc, char **argv);
int cmd_entity_list(struct cli *cli, int argc, char **argv);
int cmd_entity_show(struct cli *cli, int argc, char **argv);
int cmd_entity_set(struct cli *cli, int argc, char **argv);
int cmd_entity_delete(struct cli *cli, int argc, char **argv);
int cmd_init_officer(struct cli *cli, int argc, char **argv);
int cmd_enroll(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_conflicts_list(struct cli *cli, int argc, char **argv);
int cmd_conflicts_show(struct cli *cli, int argc, char **argv);
int cmd_conflicts_resolve(struct cli *cli, int argc, char **argv);
int cmd_log(struct cli *cli, int argc, char **argv);
int cmd_checklist_import(struct cli *cli, int argc, char **argv);
int cmd_checklist_list(struct cli *cli, int argc, char **argv);
int cmd_checklist_show(struct cli *cli, int argc, char **argv);
int cmd_calendar_deadline(struct cli *cli, int argc, char **argv);
int cmd_calendar_import(struct cli *cli, int argc, char **argv);
int cmd_case_file(struct cli *cli, int argc, char **argv);
int cmd_case_list(struct cli *cli, int argc, char **argv);
int cmd_case_show(struct cli *cli, int argc, char **argv);
int cmd_case_record(struct cli *cli, int argc, char **argv);
int cmd_case_notify(struct cli *cli, int argc, char **argv);
int cmd_case_hearing_request(struct cli *cli, int argc, char **argv);
int cmd_case_decide(struct cli *cli, int argc, char **argv);
int cmd_case_serve(struct cli *cli, int argc, char **argv);
int cmd_case_pay(struct cli *cli, int argc, char **argv);
int cmd_case_close(struct cli *cli, int argc, char **argv);
int cmd_case_print(struct cli *cli, int argc, char **argv);
int cmd_clue_add(struct cli *cli, int argc, char **argv);
int cmd_clue_report(struct cli *cli, int argc, char **argv);
int cmd_clue_list(struct cli *cli, int argc, char **argv);
int cmd_clue_handover(struct cli *cli, int argc, char **argv);
int cmd_case_revoke(struct cli *cli, int argc, char **argv);
int cmd_case_withdraw(struct cli *cli, int argc, char **argv);
int cmd_county_set(struct cli *cli, int argc, char **argv);
int cmd_publish_penalties(struct cli *cli, int argc, char **argv);
int cmd_discretion_import(struct cli *cli, int argc, char **argv);
int cmd_discretion_show(struct cli *cli, int argc, char **argv);
int cmd_calendar_list(struct cli *cli, int argc, char **argv);
int cmd_calendar_review(struct cli *cli, int argc, char **argv);
int cmd_finding_deadline(struct cli *cli, int argc, char **argv);
int cmd_complaint_deadline(struct cli *cli, int argc, char **argv);
int cmd_task_add(struct cli *cli, int argc, char **argv);
int cmd_task_list(struct cli *cli, int argc, char **argv);
int cmd_task_show(struct cli *cli, int argc, char **argv);
int cmd_inspection_start(struct cli *cli, int argc, char **argv);
int cmd_inspection_record(struct cli *cli, int argc, char **argv);
int cmd_inspection_evidence(struct cli *cli, int argc, char **argv);
int cmd_inspection_sign(struct cli *cli, int argc, char **argv);
int cmd_inspection_correct(struct cli *cli, int argc, char **argv);
int cmd_inspection_show(struct cli *cli, int argc, char **argv);
int cmd_inspection_list(struct cli *cli, int argc, char **argv);
int cmd_finding_list(struct cli *cli, int argc, char **argv);
int cmd_finding_rectified(struct cli *cli, int argc, char **argv);
int cmd_points_show(struct cli *cli, int argc, char **argv);
int cmd_points_alerts(struct cli *cli, int argc, char **argv);
int cmd_risk_show(struct cli *cli, int argc, char **argv);
int cmd_points_notice(struct cli *cli, int argc, char **argv);
int cmd_points_answer(struct cli *cli, int argc, char **argv);
int cmd_points_decide(struct cli *cli, int argc, char **argv);
int cmd_points_notices(struct cli *cli, int argc, char **argv);
int cmd_staff_add(struct cli *cli, int argc, char **argv);
int cmd_staff_list(struct cli *cli, int argc, char **argv);
int cmd_staff_show(struct cli *cli, int argc, char **argv);
int cmd_staff_set(struct cli *cli, int argc, char **argv);
int cmd_staff_delete(struct cli *cli, int argc, char **argv);
int cmd_staff_check(struct cli *cli, int argc, char **argv);
int cmd_expiry(struct cli *cli, int argc, char **argv);
/* What an item checked against the register sees (cmd_staff.c): the
 * registered services or practitioners, and what the register contradicts;
 * returns how many problems. */
#include "checklist.h"
size_t cli_print_register(struct cli *cli, wg_workspace *ws, const char *entity,
			  enum wg_against against, const char *date, const char *seen, FILE *out);
int cmd_credit_list(struct cli *cli, int argc, char **argv);
int cmd_rules_list(struct cli *cli, int argc, char **argv);
int cmd_summary(struct cli *cli, int argc, char **argv);
int cmd_patrol_due(struct cli *cli, int argc, char **argv);
int cmd_blacklist_notice(struct cli *cli, int argc, char **argv);
int cmd_blacklist_object(struct cli *cli, int argc, char **argv);
int cmd_blacklist_decide(struct cli *cli, int argc, char **argv);
int cmd_blacklist_repair(struct cli *cli, int argc, char **argv);
int cmd_blacklist_remove(struct cli *cli, int argc, char **argv);
int cmd_blacklist_list(struct cli *cli, int argc, char **argv);
int cmd_rules_show(struct cli *cli, int argc, char **argv);
int cmd_rules_import(struct cli *cli, int argc, char **argv);
int cmd_rules_recompute(struct cli *cli, int argc, char **argv);
int cmd_complaint_add(struct cli *cli, int argc, char **argv);
int cmd_complaint_list(struct cli *cli, int argc, char **argv);
int cmd_complaint_show(struct cli *cli, int argc, char **argv);
int cmd_complaint_verify(struct cli *cli, int argc, char **argv);
int cmd_complaint_close(struct cli *cli, int argc, char **argv);
int cmd_publish_complaints(struct cli *cli, int argc, char **argv);
int cmd_print_patrol_register(struct cli *cli, int argc, char **argv);
int cmd_print_report_register(struct cli *cli, int argc, char **argv);
int cmd_print_inspection(struct cli *cli, int argc, char **argv);
int cmd_print_opinion(struct cli *cli, int argc, char **argv);
/* Points and risk lines for "entity show". */
void cli_print_entity_standing(struct cli *cli, wg_workspace *ws, const char *entity);
int cmd_campaign_add(struct cli *cli, int argc, char **argv);
int cmd_campaign_list(struct cli *cli, int argc, char **argv);
int cmd_publish(struct cli *cli, int argc, char **argv);
int cmd_dispatch(struct cli *cli, int argc, char **argv);
int cmd_dispatch_status(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_draw(struct cli *cli, int argc, char **argv);
int cmd_draw_list(struct cli *cli, int argc, char **argv);
int cmd_draw_show(struct cli *cli, int argc, char **argv);
int cmd_recusal_add(struct cli *cli, int argc, char **argv);
int cmd_recusal_list(struct cli *cli, int argc, char **argv);

#endif
