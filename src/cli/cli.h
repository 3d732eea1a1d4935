/* The command line: one table of subcommands, each a function over the core. */
#ifndef WG_CLI_H
#define WG_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"
#include "record.h"
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
int cli_record_set(struct cli *cli, const struct wg_kind *kind, const struct cli_command *cmd,
		   int argc, char **argv);
int cli_record_show(struct cli *cli, const struct wg_kind *kind, const struct cli_command *cmd,
		    int argc, char **argv);
/* Print a record as "label: value" lines, enum values and times shown for people. */
void cli_print_record(const wg_record *rec, bool mask_personal, FILE *out);

/* Individual commands. */
int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_grid_add(struct cli *cli, int argc, char **argv);
int cmd_grid_list(struct cli *cli, int argc, char **argv);
int cmd_officer_add(struct cli *cli, int argc, char **argv);
int cmd_officer_list(struct cli *cli, int argc, char **argv);
int cmd_category_list(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
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

#endif
