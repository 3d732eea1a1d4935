/* County rules: bad-practice points, risk grading, patrol frequency by risk
 * grade, the time limits (publication of random-inspection results,
 * complaint handling, licence-expiry warnings) and the categories the reports
 * use (协管信息报告 categories, the rows of the complaint-handling chart).
 *
 * Like the holiday calendars they are county data: the county checks a rule
 * file and records it in `common` (kind "rules") as a new version with the day
 * it applies from, so every officer receives it with the next county bundle
 * and computes the same figures. The files in data/rules are only the defaults
 * a new county starts with.
 *
 * A new version applies from its effective date: a fact keeps the points of
 * the version in force on its day. Only a recompute the clerk asks for (kind
 * "recompute", recorded in common) counts earlier facts with a later version.
 *
 * Every rule file starts with
 *   @rules points|risk|patrol|limits|report
 *   @effective YYYY-MM-DD
 * and the rest is the set's own format (see data/rules). */
#ifndef WG_RULES_H
#define WG_RULES_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "points.h"
#include "risk.h"
#include "workspace.h"

enum wg_rule_set {
	WG_RULES_POINTS,
	WG_RULES_RISK,
	WG_RULES_PATROL,
	WG_RULES_LIMITS,
	WG_RULES_REPORT,
	WG_RULES_NSETS
};

/* "points", "risk", "patrol", "limits", "report". */
const char *wg_rule_set_name(int set);
/* The set named, or -1. */
int wg_rule_set_find(const char *name);
/* Translated: "points", "risk grading", ... */
const char *wg_rule_set_label(int set);

/* Patrol frequency by risk grade: the days between two patrols. */
typedef struct wg_patrol_rules {
	int version;
	char effective[11];
	int default_days;              /* a grade with no line of its own */
	struct wg_patrol_interval {
		char *grade;           /* a risk grade code */
		int days;
	} *v;
	size_t n;
} wg_patrol_rules;
void wg_patrol_rules_free(wg_patrol_rules *r);
/* The days between patrols for an entity of grade (NULL or unknown: default). */
int wg_patrol_days(const wg_patrol_rules *r, const char *grade);
/* The shortest interval of any grade. */
int wg_patrol_min_days(const wg_patrol_rules *r);

/* Time limits. */
struct wg_limits {
	int version;
	char effective[11];
	int publish_workdays;   /* random-inspection results published within */
	int complaint_workdays; /* a complaint handled within */
	int expiry_alert_days;  /* licences and certificates warned of this many days ahead */
};

/* The categories the reports use. */
#define WG_REPORT_MAX_BUCKETS 8
struct wg_report_rules {
	int version;
	char effective[11];
	/* 协管信息报告 categories: an officer reports a clue in one of them */
	struct wg_clue_category {
		char *code;
		char *zh, *en; /* the register prints zh; wg_pick for the screens */
	} *cat;
	size_t ncat;
	/* the complaint-handling chart: rows "up to b[0]", "b[0]+1 to b[1]", ...,
	 * "more than b[n-1]" working days (ascending) */
	int bucket[WG_REPORT_MAX_BUCKETS];
	size_t nbuckets;
};
void wg_report_rules_free(struct wg_report_rules *r);
/* The category of that code, or NULL. */
const struct wg_clue_category *wg_clue_category_find(const struct wg_report_rules *r,
						     const char *code);
/* How a category shows: its Chinese or English name (wg_pick), or the code
 * itself when these rules do not know it. */
const char *wg_clue_category_label(const struct wg_report_rules *r, const char *code);

/* Check a rule file: its header, and the set's own rules. An error names
 * name:line and the reason. *set and effective get the header's values. */
int wg_rules_check(const char *name, const char *text, size_t len, int *set,
		   char effective[11], wg_error *err);

/* What a workspace computes with on date: the county's recorded versions, or
 * for a workspace that records none of a set, the shipped file. Any of the
 * out pointers may be NULL. *points holds every version (wg_points_rules_for
 * picks a fact's); *risk, *patrol and *limits are the versions in force on
 * date. On failure every out is NULL. */
int wg_rules_load(sqlite3 *db, const char *date, wg_points_rules **points, wg_risk_rules **risk,
		  wg_error *err);
void wg_rules_free(wg_points_rules *points, wg_risk_rules *risk);
int wg_patrol_rules_open(sqlite3 *db, const char *date, wg_patrol_rules **out, wg_error *err);
int wg_limits_open(sqlite3 *db, const char *date, struct wg_limits *out, wg_error *err);
int wg_report_rules_open(sqlite3 *db, const char *date, struct wg_report_rules **out,
			 wg_error *err);

/* ---- the county's recorded versions ---- */

struct wg_rules_version {
	int set;
	int version;
	char effective[11];
	char *scheme;
	char *origin;       /* "shipped" or "imported"; "" for an unrecorded default */
	char *recorded_by;
	char *created;
	char *body;
	bool in_force;      /* the version in force today */
};

struct wg_rules_versions {
	struct wg_rules_version *v;
	size_t n;
};
void wg_rules_versions_free(struct wg_rules_versions *v);
/* Every recorded version of every set (set, then version), the one in force
 * on today marked; a set with none recorded is shown by its shipped file. */
int wg_rules_list(sqlite3 *db, const char *today, struct wg_rules_versions *out, wg_error *err);
/* One version of a set (version 0: the one in force on today). */
int wg_rules_show(sqlite3 *db, int set, int version, const char *today,
		  struct wg_rules_version *out, wg_error *err);
void wg_rules_version_clear(struct wg_rules_version *v);

struct wg_recompute_entry {
	int set, version;
	char since[11];
	char *reason, *recorded_by, *created;
};
struct wg_recomputes {
	struct wg_recompute_entry *v;
	size_t n;
};
void wg_recomputes_free(struct wg_recomputes *r);
int wg_recompute_list(sqlite3 *db, struct wg_recomputes *out, wg_error *err);

struct wg_rules_import {
	int set;
	int version;
	char effective[11];
	bool changed;        /* false: the same text and day were already recorded */
};
/* The county checks a rule file and records it in common as the set's next
 * version. Refused with the line and the reason, and nothing changes, when the
 * file is wrong, when its effective date is before today (it would change
 * facts already recorded: that is a recompute) or before the day of the
 * version it follows. */
int wg_rules_import(wg_workspace *ws, const char *path, struct wg_rules_import *res,
		    wg_error *err);
/* A new county's defaults: data/rules/{points,risk,patrol,limits,report}, inside the
 * caller's transaction. */
int wg_rules_import_shipped(sqlite3 *db, size_t *count, wg_error *err);

/* The clerk's explicit recompute: findings found on or after since count with
 * the points version in force today. Recorded in common with the reason;
 * *facts gets how many findings with a violation code it reaches and
 * *version the version they now count with. Refused when since is not before
 * that version's day, or already counts with it. */
int wg_rules_recompute(wg_workspace *ws, int set, const char *since, const char *reason,
		       int *version, long *facts, wg_error *err);

#endif
