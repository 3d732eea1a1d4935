/* wangge demo: build (or re-open) the demo county for training and benchmarks. */
#include <config.h>

#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "demo.h"
#include "i18n.h"
#include "progress.h"
#include "table.h"
#include "timeutil.h"
#include "utf8.h"

/* Where the demo lives unless --dir says otherwise: never the real workspace. */
static int demo_dir(const char *given, char **out, wg_error *err)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	*out = NULL;
	if (given && *given)
		*out = xstrdup(given);
	else if (xdg && *xdg == '/')
		*out = xasprintf("%s/wangge/demo-county", xdg);
	else if (home && *home)
		*out = xasprintf("%s/.local/share/wangge/demo-county", home);
	else
		return wg_fail(err, WG_EUSAGE,
			       _("no folder for the demo county: use --dir DIR (HOME is not set)"));
	return WG_OK;
}

static void print_counts(const char *dir, const struct wg_demo_options *o,
			 const struct wg_demo_counts *c, wg_workspace *ws)
{
	const struct {
		const char *label;
		long n;
	} rows[] = {
		{N_("townships"), c->townships},
		{N_("grids"), c->grids},
		{N_("grid officers"), c->officers},
		{N_("inspectors"), c->inspectors},
		{N_("county clerks"), c->clerks},
		{N_("entities"), c->entities},
		{N_("tasks"), c->tasks},
		/* TRANSLATORS: records of patrols and enforcement inspections together. */
		{N_("patrols and inspections"), c->inspections},
		/* TRANSLATORS: problems found by inspections (检查发现的问题). */
		{N_("findings"), c->findings},
		{N_("complaints"), c->complaints},
		{N_("officers' workspaces"), c->workspaces},
	};
	size_t w = 0;
	char *name, *code, *grid;
	wg_error e;
	wg_demo_county(ws, &name, &code, &grid, &e);
	printf(_("Demo county %s (%s) in %s\n"), name ? name : "?", code ? code : "?", dir);
	printf(_("seed %" PRIu64 ", size %s, history from %s to %s\n"), o->seed,
	       wg_demo_size_name(o->size), *c->first_day ? c->first_day : "?",
	       *c->last_day ? c->last_day : "?");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (str_width(_(rows[i].label)) > w)
			w = str_width(_(rows[i].label));
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		strbuf line = STRBUF_INIT;
		sb_adds(&line, "  ");
		wg_pad(&line, _(rows[i].label), w);
		sb_addf(&line, "  %8ld", rows[i].n);
		printf("%s\n", sb_str(&line));
		sb_release(&line);
	}
	if (grid) {
		printf(_("Look around: wangge -C %s entity list --grid %s\n"), dir, grid);
		if (c->workspaces)
			printf(_("Each grid officer's workspace is in %s/officers/GRID; open one with: "
				 "wangge demo --dir %s --role officer:%s\n"), dir, dir, grid);
		else
			printf(_("A grid officer's workspace is enrolled when first opened: wangge demo "
				 "--dir %s --role officer:%s\n"), dir, grid);
	}
	free(name);
	free(code);
	free(grid);
}

/* Prepare a training scenario and print what the trainee should do: every
 * command printed is one that works on the files just made. */
/* The screen's steps to read a bundle file: Sync, import, type its path. */
static void screen_import(int step, const char *path, const char *what)
{
	printf(_("  %d. Press 4 (Sync), then i (Import) and t (Type), type %s and press ^S: %s\n"),
	       step, path, what);
}

/* After a refused bundle: the form says why at its foot and stays open. */
static void screen_refused(void)
{
	printf(_("     The form says why at its foot; press Esc (Back), then y to leave it: the "
		 "Sync screen says it again, and that nothing was changed.\n"));
}

static int run_scenario(struct cli *cli, const char *dir, const char *name, bool reset)
{
	struct wg_scenario s;
	int rc = wg_demo_scenario(dir, name, reset, &s, &cli->err);
	if (rc)
		return cli_fail(cli, rc);
	putchar('\n');
	if (strcmp(name, "conflict") == 0) {
		printf(_("Scenario \"conflict\": two officers of grid %s, %s and %s, both changed the "
			 "phone number of %s (id %.8s) while offline: one wrote %s, the other %s. "
			 "Their bundles are in %s.\n"),
		       s.grid, s.officer[0], s.officer[1], s.entity_name, s.entity_id, s.value[0],
		       s.value[1], s.folder);
		printf(_("As the county clerk, on the screen of the county (wangge -C %s):\n"), dir);
		screen_import(1, s.bundle[0], _("it merges without conflict."));
		screen_import(2, s.bundle[1], _("it reports 1 conflict to resolve."));
		printf(_("  3. Press 5 (Conflicts) and Enter on the clinic's line: the number before, "
			 "ours and theirs.\n"));
		printf(_("  4. Find out which number is right (call the clinic), then press t (Theirs) "
			 "to keep the second officer's, or o (Ours): the list empties.\n"));
		printf(_("Or at the command line:\n"));
		printf(_("  1. Import the first bundle; it merges without conflict:\n"
			 "       wangge -C %s import %s\n"), dir, s.bundle[0]);
		printf(_("  2. Import the second; it reports 1 conflict:\n"
			 "       wangge -C %s import %s\n"), dir, s.bundle[1]);
		printf(_("  3. List the open conflicts, then look at this one (its number is in the "
			 "first column):\n"
			 "       wangge -C %s conflicts\n"
			 "       wangge -C %s conflicts show NUMBER\n"), dir, dir);
		printf(_("  4. Find out which number is right (call the clinic), then keep it, for "
			 "example the second officer's:\n"
			 "       wangge -C %s conflicts resolve NUMBER --theirs\n"), dir);
		printf(_("  5. The clinic now has that number:\n"
			 "       wangge -C %s entity show %.8s\n"), dir, s.entity_id);
	} else if (strcmp(name, "forged") == 0) {
		printf(_("Scenario \"forged\": someone used the laptop of %s (grid %s) to change the "
			 "phone number of %s (id %.8s) to %s, and sent the bundle in the name of "
			 "another officer of the grid, %s. The bundle is %s.\n"),
		       s.officer[0], s.grid, s.entity_name, s.entity_id, s.value[0], s.officer[1],
		       s.bundle[0]);
		printf(_("As the county clerk, on the screen of the county (wangge -C %s):\n"), dir);
		screen_import(1, s.bundle[0], _("it is refused, and nothing is changed."));
		screen_refused();
		printf(_("  2. Press K (Keys) on the Sync screen: the officers' keys and their "
			 "fingerprints; D (Revoke) withdraws the key of a lost or misused laptop.\n"));
		printf(_("Or at the command line:\n"));
		printf(_("  1. Import it: wangge refuses it, says that the change claims to be by %s "
			 "but is signed with the key of %s, and changes nothing:\n"
			 "       wangge -C %s import %s\n"), s.officer[1], s.officer[0], dir,
		       s.bundle[0]);
		printf(_("  2. See the officers' keys and their fingerprints; a laptop that is lost "
			 "or misused gets its key revoked:\n"
			 "       wangge -C %s officer key list\n"
			 "       wangge -C %s officer key revoke NAME --reason TEXT\n"), dir, dir);
		printf(_("  3. The clinic's number is unchanged:\n"
			 "       wangge -C %s entity show %.8s\n"), dir, s.entity_id);
	} else if (strcmp(name, "penalty") == 0) {
		printf(_("Scenario \"penalty\": case %s against %s (grid %s, violation %s, proposed "
			 "fine %s yuan) has had its hearing and its legal review: it waits for the "
			 "decision of the department head, %s.\n"),
		       s.case_number, s.entity_name, s.grid, s.violation, s.fine, s.head_name);
		printf(_("On the screen of the county (wangge -C %s):\n"), dir);
		printf(_("  1. Press C on the first screen: the penalty cases by stage, with their "
			 "time limits. Move to case %s with the arrow keys and press Enter: its "
			 "facts, the hearing and the legal review.\n"),
		       s.case_number);
		printf(_("  2. Press Esc twice to come back to the first screen.\n"));
		printf(_("As the department head, at the command line:\n"));
		printf(_("  3. At the hearing the party said: %s. The proposed fine is below the "
			 "ordinary band of the county's discretion standard, so decide it as lighter, "
			 "giving that reason (an ordinary decision is refused and changes nothing):\n"
			 "       wangge -C %s case decide %.8s --decided-by %.8s --factor lighter "
			 "--reason \"%s\"\n"),
		       s.item_text, dir, s.case_id, s.head, s.item_text);
		printf(_("  4. The case is decided and must now be served on the party within its "
			 "time limit; press C again on the screen, or:\n"
			 "       wangge -C %s case show %.8s\n"), dir, s.case_id);
	} else if (strcmp(name, "overdue") == 0) {
		printf(_("Scenario \"overdue\": the inspection %.8s of %s (grid %s) found that item %s "
			 "was not met (%s). It had to be put right by %s, but the re-inspection task "
			 "%.8s is still open: the rectification is overdue.\n"),
		       s.inspection, s.entity_name, s.grid, s.item, s.item_text, s.deadline, s.task);
		printf(_("On the screen of the county (wangge -C %s):\n"), dir);
		printf(_("  1. Press 2 (Entities), / (Search), type %s, then Enter to end the search "
			 "and Enter to open it.\n"), s.entity_name);
		printf(_("  2. Press Space (PgDn) until its open rectifications show: this one, with "
			 "its deadline, %s; its tasks, above, hold the open re-inspection.\n"),
		       s.deadline);
		printf(_("As the two inspectors, on the same screen (the county names who inspects):\n"));
		if (s.task_line == 1)
			printf(_("  3. Press 3 (Tasks), / (Search), type %s, then Enter to end the search: "
				 "the re-inspection, due %s, is the first line; press Enter to open "
				 "it.\n"), s.entity_name, s.deadline);
		else if (s.task_line > 1)
			printf(_("  3. Press 3 (Tasks), / (Search), type %s, then Enter to end the search: "
				 "the re-inspection, due %s, is line %d; press Down %d times and Enter "
				 "to open it.\n"), s.entity_name, s.deadline, s.task_line, s.task_line - 1);
		else
			printf(_("  3. Press 3 (Tasks), / (Search), type %s, then Enter to end the search; "
				 "move down to the re-inspection, due %s, and press Enter to open it.\n"),
			       s.entity_name, s.deadline);
		printf(_("  4. Press p (Patrol): the certified inspectors are listed. Move down to %s "
			 "(line %d) and press Space, then to %s (line %d) and press Space: both are "
			 "marked [x]. Press ^S: the re-inspection starts, with its checklist.\n"),
		       s.inspector_name[0], s.inspector_line[0], s.inspector_name[1],
		       s.inspector_line[1]);
		printf(ngettext("  5. Mark each item as found, from the first: here press p (Pass) %zu "
				"time, once for its item, %s included; each press marks one item and "
				"selects the next (where the register contradicts a pass, the message "
				"line says why: press f (Fail) there).\n",
				"  5. Mark each item as found, from the first: here press p (Pass) %zu "
				"times, once for each of its items, %s included; each press marks one "
				"item and selects the next (where the register contradicts a pass, the "
				"message line says why: press f (Fail) there).\n", s.items),
		       s.items, s.item);
		printf(_("  6. Press ^S (Sign; F2 too): the results to review. Press ^S again and y to "
			 "sign: %s passed closes the rectification, and the task is done.\n"),
		       s.item);
		if (s.late > s.late_closed)
			printf(_("  7. Press 1 (Desk), then Space (PgDn) until the tasks show: "
				 "\"Rectifications past their deadline\" is down from %zu to %zu.\n"),
			       s.late, s.late - s.late_closed);
		else
			printf(_("  7. Press 1 (Desk), then Space (PgDn) until the tasks show: the line "
				 "\"Rectifications past their deadline\" is gone; none is left.\n"));
		printf(_("Or at the command line, as the inspectors:\n"));
		printf(_("  1. See the overdue rectifications; this one is among them:\n"
			 "       wangge -C %s finding list --overdue\n"), dir);
		printf(_("  2. Look at the inspection that found it:\n"
			 "       wangge -C %s inspection show %.8s\n"), dir, s.inspection);
		printf(_("  3. Start the re-inspection from its task, with the two inspectors; the new "
			 "record's id is printed last:\n"
			 "       wangge -C %s inspection start --task %.8s --inspector %.8s "
			 "--inspector %.8s\n"), dir, s.task, s.inspectors[0], s.inspectors[1]);
		printf(_("  4. Record every item of checklist %s (pass, fail or na), for example:\n"
			 "       wangge -C %s checklist show %s\n"
			 "       wangge -C %s inspection record ID %s pass\n"),
		       s.checklist, dir, s.checklist, dir, s.item);
		printf(_("  5. Sign it; an item now passed closes its finding:\n"
			 "       wangge -C %s inspection sign ID\n"), dir);
		printf(_("  6. The rectification is no longer overdue:\n"
			 "       wangge -C %s finding list --overdue\n"), dir);
	} else if (strcmp(name, "draw") == 0) {
		printf(_("Scenario \"draw\": this month's random inspections (双随机). The plan is %s; "
			 "read it, then as the county clerk, on the screen of the county (wangge -C "
			 "%s):\n"), s.plan, dir);
		printf(_("  1. On the first screen, move down to \"Random draws made\" and press Enter: "
			 "the plans and the draws made.\n"));
		printf(_("  2. Press f (Plan file), then t (Type), type %s, press Tab, type the "
			 "published seed, %s, and press ^S: the dry run lists the entities drawn "
			 "and records nothing.\n"), s.plan, s.seed);
		printf(_("  3. Press y: the draw is recorded with one random-inspection task per "
			 "entity drawn, and its result file, to publish, is written beside the plan "
			 "in %s.\n"), s.folder);
		printf(_("  4. Press v (Verify): the chooser shows that folder with the result file "
			 "selected; press Enter: the draw result is genuine.\n"));
		printf(_("  5. Press 3 (Tasks): the random inspections, one per entity drawn.\n"));
		printf(_("Or at the command line (the same draw: do one or the other; \"wangge demo "
			 "--scenario draw --reset\" takes it back):\n"));
		printf(_("  1. Try the draw without recording anything:\n"
			 "       wangge -C %s draw --plan %s --seed \"%s\" --dry-run\n"),
		       dir, s.plan, s.seed);
		printf(_("  2. Draw for real with the published seed, and write the result to publish:\n"
			 "       wangge -C %s draw --plan %s --seed \"%s\" --out %s\n"),
		       dir, s.plan, s.seed, s.result);
		printf(_("  3. The draw made one random-inspection task per entity drawn:\n"
			 "       wangge -C %s draw list\n"
			 "       wangge -C %s task list --kind random --status open\n"), dir, dir);
		printf(_("  4. Anyone can check the published result against the plan and seed:\n"
			 "       wangge -C %s draw --verify %s\n"), dir, s.result);
	} else if (strcmp(name, "calendar") == 0) {
		printf(_("Scenario \"calendar\": the county has no official holiday calendar for %d, "
			 "so its deadlines in %d are counted Monday to Friday and marked "
			 "provisional. A training sample of that year's calendar (only the "
			 "fixed-date holidays, not the State Council's notice) is %s.\n"),
		       s.year, s.year, s.calendar_file);
		printf(_("On the screen of the county (wangge -C %s):\n"), dir);
		printf(_("  1. The first screen says \"No official holiday calendar for %d\" and "
			 "what the clerk does. Press q (Quit).\n"), s.year);
		printf(_("As the county clerk, at the command line:\n"));
		printf(_("  2. A deadline of %d working days from today runs into %d: it is "
			 "provisional:\n"
			 "       wangge -C %s calendar deadline %s %d\n"),
		       s.days, s.year, dir, s.day, s.days);
		printf(_("  3. The years installed, and where each came from:\n"
			 "       wangge -C %s calendar list\n"), dir);
		printf(_("  4. When the State Council's notice is out, the clerk copies it into a "
			 "file (here, the sample) and records it; the officers get it with their "
			 "next bundle:\n"
			 "       wangge -C %s calendar import %s\n"), dir, s.calendar_file);
		printf(_("  5. The same deadline is now counted with the calendar:\n"
			 "       wangge -C %s calendar deadline %s %d\n"), dir, s.day, s.days);
		printf(_("  6. Open the screen again (wangge -C %s): the warning is gone.\n"), dir);
		printf(_("\"wangge demo --scenario calendar --reset\" takes the sample away again.\n"));
	} else {
		printf(_("Scenario \"out-of-order\": officer %s of grid %s changed the phone number of "
			 "%s (id %.8s) on Monday (to %s) and again on Tuesday (to %s), and sent a "
			 "bundle each day. Tuesday's arrived first. The bundles are in %s.\n"),
		       s.officer[0], s.grid, s.entity_name, s.entity_id, s.value[0], s.value[1],
		       s.folder);
		printf(_("As the county clerk, on the screen of the county (wangge -C %s):\n"), dir);
		screen_import(1, s.bundle[1], _("it is refused: it builds on Monday's bundle."));
		screen_refused();
		screen_import(2, s.bundle[0], _("Monday's bundle is imported."));
		screen_import(3, s.bundle[1], _("now Tuesday's is imported too."));
		printf(_("Or at the command line:\n"));
		printf(_("  1. Try to import Tuesday's bundle alone: wangge refuses it, names the "
			 "bundle it builds on, and changes nothing:\n"
			 "       wangge -C %s import %s\n"), dir, s.bundle[1]);
		printf(_("  2. Import Monday's bundle, then Tuesday's:\n"
			 "       wangge -C %s import %s %s\n"), dir, s.bundle[0], s.bundle[1]);
		printf(_("  3. The clinic now has Tuesday's number, %s:\n"
			 "       wangge -C %s entity show %.8s\n"), s.value[1], dir, s.entity_id);
	}
	wg_scenario_free(&s);
	return WG_OK;
}

int cmd_demo(struct cli *cli, int argc, char **argv)
{
	enum { O_DIR = 1, O_ROLE, O_RESET, O_SIZE, O_SEED, O_NOUI, O_SCENARIO, O_HELP };
	static const struct option opts[] = {
		{"dir", required_argument, NULL, O_DIR},
		{"role", required_argument, NULL, O_ROLE},
		{"reset", no_argument, NULL, O_RESET},
		{"size", required_argument, NULL, O_SIZE},
		{"seed", required_argument, NULL, O_SEED},
		{"no-ui", no_argument, NULL, O_NOUI},
		{"scenario", required_argument, NULL, O_SCENARIO},
		{"help", no_argument, NULL, O_HELP},
		{NULL, 0, NULL, 0},
	};
	const struct cli_command *cmd = cli_find("demo", NULL);
	const char *dirarg = cli->dir, *role = "county", *scenario = NULL;
	struct wg_demo_options o = {1, WG_DEMO_SMALL};
	bool reset = false, no_ui = false, seed_given = false, size_given = false;
	bool scenario_reset = false;
	struct wg_demo_counts counts;
	wg_workspace *ws = NULL;
	char *dir = NULL;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case O_DIR:
			dirarg = optarg;
			break;
		case O_ROLE:
			role = optarg;
			break;
		case O_RESET:
			reset = true;
			break;
		case O_SIZE:
			if (wg_demo_size_parse(optarg, &o.size) != 0)
				return cli_usage(cli, cmd, _("--size must be small or large, not \"%s\""),
						 optarg);
			size_given = true;
			break;
		case O_SEED: {
			char *end;
			if (!*optarg || strspn(optarg, "0123456789") != strlen(optarg) ||
			    strlen(optarg) > 19)
				return cli_usage(cli, cmd,
						 _("--seed must be a whole number, not \"%s\""), optarg);
			o.seed = strtoull(optarg, &end, 10);
			seed_given = true;
			break;
		}
		case O_NOUI:
			no_ui = true;
			break;
		case O_SCENARIO: {
			bool known = false;
			for (const char *const *n = wg_demo_scenarios; *n; n++)
				known |= strcmp(*n, optarg) == 0;
			if (!known)
				return cli_usage(cli, cmd,
						 _("there is no training scenario \"%s\"; the scenarios are: "
						   "conflict, out-of-order, overdue, draw, forged, penalty, "
						   "calendar"), optarg);
			scenario = optarg;
			break;
		}
		case O_HELP:
			cli_print_command_help(cmd, stdout);
			return WG_OK;
		default:
			return cli_usage(cli, cmd, _("unknown option \"%s\""), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage(cli, cmd, _("unexpected argument \"%s\""), argv[optind]);
	const char *officer_grid = NULL;
	if (strcmp(role, "county") != 0) {
		if (strncmp(role, "officer:", 8) != 0 || !role[8])
			return cli_usage(cli, cmd,
					 _("--role must be county or officer:GRIDCODE, not \"%s\""), role);
		officer_grid = role + 8;
	}
	if ((rc = demo_dir(dirarg, &dir, &cli->err)))
		return cli_fail(cli, rc);

	/* An existing demo county is re-opened as it is, unless --reset. */
	double t0 = 0;
	struct wg_demo_timing timing = {0, 0};
	bool built = false;
	wg_workspace *probe = NULL;
	wg_error perr = {0};
	if (wg_ws_open(dir, WS_READ, &probe, &perr) == WG_OK) {
		bool is_demo;
		struct wg_demo_options was;
		rc = wg_demo_info(probe, &is_demo, &was, &cli->err);
		wg_ws_close(probe);
		if (rc)
			goto fail;
		if (!is_demo) {
			rc = cli_error(cli, WG_EINPUT,
				       _("%s holds a real workspace, not a demo county: wangge demo never "
					 "touches it; choose another folder with --dir"), dir);
			goto out;
		}
		if (!seed_given)
			o.seed = was.seed;
		if (!size_given)
			o.size = was.size;
		/* --reset with --scenario resets that scenario only */
		if (scenario && reset && !seed_given && !size_given) {
			reset = false;
			scenario_reset = true;
		}
		if (!reset && (o.seed != was.seed || o.size != was.size)) {
			rc = cli_error(cli, WG_EINPUT,
				       _("%s holds the demo county of seed %" PRIu64 ", size %s; add "
					 "--reset to build it again with other options"),
				       dir, was.seed, wg_demo_size_name(was.size));
			goto out;
		}
		if (!reset) {
			if ((rc = wg_ws_open(dir, WS_READ, &ws, &cli->err)) ||
			    (rc = wg_demo_count(ws, &counts, &cli->err)))
				goto fail;
			goto report;
		}
	}
	t0 = wg_monotonic();
	/* A first build takes seconds (a minute for the large county) before
	 * anything else shows: say what is happening, with a bar. */
	printf(_("Building the demo county in %s (once; --reset builds it anew)...\n"), dir);
	fflush(stdout);
	cli_progress_init();
	rc = wg_demo_create(dir, &o, reset, &timing, &cli->err);
	wg_progress_set(NULL, NULL);
	if (rc)
		goto fail;
	built = true;
	if ((rc = wg_ws_open(dir, WS_READ, &ws, &cli->err)) ||
	    (rc = wg_demo_count(ws, &counts, &cli->err)))
		goto fail;
report:
	print_counts(dir, &o, &counts, ws);
	if (built && timing.history > 0)
		printf(_("Built in %.2f s (the county %.2f s, its history %.2f s).\n"),
		       wg_monotonic() - t0, timing.county, timing.history);
	else if (built)
		printf(_("Built in %.2f s.\n"), wg_monotonic() - t0);
	else
		printf(_("The demo county is as it was left; --reset builds it anew.\n"));
	wg_ws_close(ws);
	ws = NULL;
	const char *open_dir = dir;
	char *odir = NULL, *oname = NULL;
	if (officer_grid) {
		/* The first open enrolls the officer through a bundle: in the large
		 * county that takes a while, so say so and show how far it is. */
		char *odb = xasprintf("%s/officers/%s/%s", dir, officer_grid, WG_DB_FILE);
		if (access(odb, F_OK) != 0) {
			printf(_("Enrolling the officer of grid %s from the county (once, the first "
				 "time their workspace is opened)...\n"), officer_grid);
			fflush(stdout);
			cli_progress_init();
		}
		free(odb);
		rc = wg_demo_officer(dir, officer_grid, &odir, &oname, &cli->err);
		wg_progress_set(NULL, NULL);
		if (rc)
			goto fail;
		printf(_("Officer workspace of grid %s (officer %s): %s\n"), officer_grid, oname, odir);
		printf(_("Work in it with: wangge -C %s entity list\n"), odir);
		open_dir = odir;
	}
	if (scenario && (rc = run_scenario(cli, dir, scenario, scenario_reset))) {
		free(odir);
		free(oname);
		goto out;
	}
	rc = WG_OK;
	if (!no_ui) {
		/* Open it on screen, as "wangge -C DIR" with no command would. */
		fflush(stdout);
		cli->dir = open_dir;
		rc = cli_run_tui(cli);
		cli->dir = NULL;
	}
	free(odir);
	free(oname);
	goto out;
fail:
	cli_fail(cli, rc);
out:
	wg_ws_close(ws);
	free(dir);
	return rc;
}
