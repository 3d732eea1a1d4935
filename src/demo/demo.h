/* The demo county: a believable, internally consistent county workspace made
 * from word lists in data/demo/ and a seeded generator, for trainers and for
 * benchmarks. Its two years of history end the day before it is built (the
 * CST date of wg_now(), which WANGGE_NOW pins), so a demo built on any day
 * looks current. The same seed, size and day give the same records byte for
 * byte: ids come from the seeded generator and times from that day, never
 * from the running clock. */
#ifndef WG_DEMO_H
#define WG_DEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "strbuf.h"
#include "workspace.h"

/* How many days of history the demo county has, up to the day before it is
 * built. Deadlines in a year with no installed holiday calendar count Monday
 * to Friday and are marked provisional, as for a real county. */
#define WG_DEMO_DAYS 730

enum wg_demo_size {
	WG_DEMO_SMALL, /* about 2,000 entities: training */
	WG_DEMO_LARGE, /* 100,000 entities, about 1,000,000 inspections: benchmarks */
};

struct wg_demo_options {
	uint64_t seed;
	enum wg_demo_size size;
};

struct wg_demo_counts {
	long townships, grids, officers, inspectors, clerks;
	long entities, tasks, inspections, findings, complaints;
	long workspaces; /* officers' workspaces in DIR/officers */
	/* the first and last day of its history (CST dates; "" when unknown) */
	char first_day[11], last_day[11];
};

/* How long wg_demo_create took: generating the county, then committing its
 * history (the small county's; 0 for the large one, which commits it at the
 * first officer open). */
struct wg_demo_timing {
	double county, history;
};

const char *wg_demo_size_name(enum wg_demo_size size);
/* "small" or "large"; -1 for anything else. */
int wg_demo_size_parse(const char *s, enum wg_demo_size *out);

/* Build a demo county in dir. dir must not exist, be an empty folder, or (only
 * when replace is true) hold a demo county, which is then replaced; a folder
 * holding anything else is refused and left alone. The county is built in a
 * sibling folder and moved into place: on failure dir is exactly as before. */
int wg_demo_create(const char *dir, const struct wg_demo_options *opts, bool replace,
		   struct wg_demo_timing *timing, wg_error *err);

/* The data file template (data/demo/...) appended to text, each "{key}"
 * (keys[i]) replaced by vals[i]: the draw plans of the county's history and
 * of the draw scenario. */
int wg_demo_template(const char *template, const char *const *keys, const char *const *vals,
		     size_t n, strbuf *text, wg_error *err);

/* Is this workspace a demo county, and made with which options? */
int wg_demo_info(wg_workspace *ws, bool *is_demo, struct wg_demo_options *opts, wg_error *err);

/* The county's name and region code and its first grid's code (each NULL
 * when there is none; the caller frees them). */
int wg_demo_county(wg_workspace *ws, char **name, char **code, char **first_grid, wg_error *err);

/* Count the records in a workspace. */
int wg_demo_count(wg_workspace *ws, struct wg_demo_counts *counts, wg_error *err);

/* ---- officer workspaces and training scenarios (demo_scenario.c) ---- */

/* The officer workspace of a demo grid, DIR/officers/GRID, enrolled from the
 * county (through sync, as a real officer's is) the first time it is asked
 * for. *officer_dir and *officer_name are the caller's to free. */
int wg_demo_officer(const char *dir, const char *grid, char **officer_dir, char **officer_name,
		    wg_error *err);

/* Training scenarios: "conflict" (two officers changed the same clinic),
 * "out-of-order" (a bundle arrives before the one it builds on), "overdue" (a
 * rectification past its deadline), "draw" (this month's random
 * inspections), "forged" (a bundle signed with another officer's key),
 * "penalty" (a heard and reviewed penalty case to decide) and "calendar" (no
 * holiday calendar for the year the county's deadlines run into, and a
 * training sample of it to record). Each prepares its files in
 * DIR/scenarios/NAME, replacing an earlier run of it. With reset, what an
 * earlier run of that scenario left in the county is undone first, by
 * changes of the county's own, and nothing else: the clinic of conflict,
 * out-of-order and forged gets its number back and its open conflicts are
 * resolved keeping the county's value; draw takes back the draws made with
 * its seed (their open tasks cancelled); penalty gets another case to decide
 * when none is left; calendar deletes the training sample it had recorded;
 * overdue, once the rectification it named was put right, gets the same item
 * found not met again at the same entity, by a new inspection, overdue. */
extern const char *const wg_demo_scenarios[];

struct wg_scenario {
	char *folder;           /* DIR/scenarios/NAME */
	char *grid;
	char *entity_id, *entity_name;
	const char *field;      /* the field that was changed (schema name) */
	char *officer[2];       /* names of the officers who changed it */
	char *value[2];         /* the values they wrote, in order */
	char *bundle[2];        /* their bundles, in the order they were made */
	/* "overdue": the finding, the inspection that made it, its open
	 * re-inspection task, the item and its deadline; inspectors[0..1]. */
	char *finding, *inspection, *task, *item, *item_text, *deadline, *checklist;
	char *inspectors[2];
	/* ... and what its screen steps name: the two inspectors by name and
	 * their lines (from 1) on the Inspectors screen, in the order listed;
	 * the task's line on the Tasks screen when searched by the entity's
	 * name (0: not among the matches shown); the checklist's items; the
	 * rectifications past their deadline now, as the first screen counts them,
	 * and how many of them the re-inspection closes (every open finding of its
	 * task: an inspection can fail more than one item) */
	char *inspector_name[2];
	int inspector_line[2], task_line;
	size_t items;
	size_t late, late_closed;
	/* "draw": the plan file written, the seed to draw with, the result file */
	char *plan, *seed, *result;
	/* "penalty": the case waiting for its decision (id, number, violation,
	 * proposed fine) and the department head who decides (id, name) */
	char *case_id, *case_number, *violation, *fine, *head, *head_name;
	/* "calendar": the year without a holiday calendar, the training sample
	 * of it written (DIR/scenarios/calendar/YEAR), and a deadline counted
	 * into that year: days working days after day (today) */
	int year, days;
	char *calendar_file, *day;
};
void wg_scenario_free(struct wg_scenario *s);
int wg_demo_scenario(const char *dir, const char *name, bool reset, struct wg_scenario *out,
		     wg_error *err);

/* The demo county's penalty cases at every stage and its officers' clues,
 * made with the core's functions on their days (demo_cases.c). */
int wg_demo_cases(wg_workspace *ws, uint64_t seed, wg_error *err);
/* Another case heard and reviewed, waiting for its decision, on a clinic
 * with no case yet (the "penalty" scenario's reset). */
int wg_demo_case_to_decide(wg_workspace *ws, wg_error *err);

/* The demo county's history as its working life (demo_history.c): every
 * record not yet in the history goes in on the day it was last worked on,
 * one commit per grid, period and author: the grid officer's sync every
 * fortnight,
 * signed with their key, and the county's dispatches (patrol plans, draws,
 * campaigns, complaints) and penalty cases, signed with the county's. The
 * officers' keys are registered first. Evidence and deletions are left for
 * the ordinary commit. The small county is built with it; the large one (a
 * benchmark) commits its records at once when its first officer is
 * enrolled. */
int wg_demo_history(wg_workspace *ws, wg_error *err);

/* A demo officer's key seed, derived from the county's key and the
 * officer's id; the county registers that key (once). */
void wg_demo_officer_seed(const wg_keypair *county_key, const char *officer,
			  unsigned char out[32]);
int wg_demo_register_key(wg_workspace *county, const char *officer, wg_error *err);

/* Helpers shared by demo.c and demo_scenario.c. */
void wg_demo_remove_tree(const char *path);
/* mkdir -p of every folder above path (mode 0700). */
int wg_demo_make_parent(const char *path, wg_error *err);

#endif
