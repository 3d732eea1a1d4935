/* Bad-practice points (不良执业行为记分): a county-replaceable rule file maps
 * violation codes to points, sets the cycle and the threshold bands with their
 * consequences. Totals are derived from findings, never stored. */
#ifndef WG_POINTS_H
#define WG_POINTS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "id.h"

enum wg_cycle { CYCLE_YEAR, CYCLE_LICENCE, CYCLE_RENEWAL };

struct wg_points_rule {
	char *code;
	int points;
	char *text;   /* Chinese description from the file */
	char *label;  /* English */
};

struct wg_points_band {
	int threshold;
	char *consequence; /* Chinese, from the file */
	char *label;       /* English */
};

/* A further cycle counted beside the first, with its own bands (Guizhou
 * counts a 1-year cycle at 12/18/24 and a 3-year one at 36/54/72). */
struct wg_points_cycle_rule {
	enum wg_cycle cycle;
	int cycle_years;
	struct wg_points_band *bands;
	size_t nbands;
};

#define WG_POINTS_MAX_CYCLES 4

/* A clerk's recorded recompute: facts found on or after since count with
 * version, although they precede its effective date. */
struct wg_points_recompute {
	int version;
	char since[11];
};

typedef struct wg_points_rules {
	char *scheme;
	enum wg_cycle cycle;
	int cycle_years;  /* CYCLE_RENEWAL: years per period */
	struct wg_points_rule *rules;
	size_t nrules;
	struct wg_points_band *bands; /* ascending thresholds */
	size_t nbands;
	struct wg_points_cycle_rule *extra; /* further cycles (@cycle given again) */
	size_t nextra;
	/* Which version of the county's rules this is (0: a file read directly)
	 * and the day it applies from. */
	int version;
	char effective[11];
	/* In the version a workspace computes with: every version of the county,
	 * ascending (this one among them, owned by it), and the recomputes. A fact
	 * is counted with the version in force on its day (wg_points_rules_for). */
	struct wg_points_rules **versions;
	size_t nversions;
	struct wg_points_recompute *recomputes;
	size_t nrecomputes;
} wg_points_rules;

/* "@rules SET" and "@effective DATE" head every county rule file; the
 * parsers of each set skip them (rules.c checks them). */
bool wg_rules_header(const char *directive);

int wg_points_rules_parse(const char *name, const char *text, size_t len,
			  wg_points_rules **out, wg_error *err);
/* path NULL: the data folder's rules/points. */
int wg_points_rules_load(const char *path, wg_points_rules **out, wg_error *err);
void wg_points_rules_free(wg_points_rules *r);
/* A violation code: A-Z, 0-9 and '-', 2 to 16 characters. */
bool wg_violation_code_valid(const char *code);
const struct wg_points_rule *wg_points_rule_find(const wg_points_rules *r, const char *code);

/* The total of a further cycle. */
struct wg_points_span {
	int total;
	char from[11], to[11];
	const struct wg_points_band *band;
};

struct wg_points_total {
	int total;
	char from[11], to[11];              /* the cycle holding the date */
	const struct wg_points_band *band;  /* highest band reached, or NULL */
	size_t nviolations;
	struct wg_points_span extra[WG_POINTS_MAX_CYCLES - 1]; /* the further cycles */
	size_t nextra;
	/* The rule versions used: the bands' (in force on the date) and the
	 * oldest and newest that counted a fact (0 when no fact counted). */
	int version, oldest, newest;
};
/* Whether any cycle of the total reached a band. */
bool wg_points_reached(const struct wg_points_total *t);
/* The band an alert names: the first cycle's, or the further cycle's that was
 * reached; *total gets that cycle's points. NULL when none was reached. */
const struct wg_points_band *wg_points_alert_band(const struct wg_points_total *t, int *total);

/* The version a fact found on date counts with: the newest in force on that
 * day (the oldest when it precedes them all), or a later one that a recorded
 * recompute applied to it. r itself when it holds no versions. */
const wg_points_rules *wg_points_rules_for(const wg_points_rules *r, const char *date);

/* The cycle of an entity holding date: the calendar year; or 12 months (or the
 * renewal period) counted from the licence's expiry date when the entity has one. */
void wg_points_cycle(const wg_points_rules *r, const char *licence_expiry, const char *date,
		     char from[11], char to[11]);
/* The same for a cycle of kind cycle and years (a renewal cycle of an
 * entity without an expiry date: the years calendar years ending with date's). */
void wg_points_cycle_of(enum wg_cycle cycle, int years, const char *licence_expiry,
			const char *date, char from[11], char to[11]);
/* The entity's total in the cycle holding date: the points of the violations in
 * open or rectified findings of signed enforcement inspections, but for those
 * under a notice to the institution that is not final on date (notice.h). */
int wg_points_entity(sqlite3 *db, const wg_points_rules *r, const char *entity,
		     const char *date, struct wg_points_total *out, wg_error *err);

/* A practitioner's total in the calendar-year cycle holding date (the
 * scheme's bands): the points of the findings that a final notice (记分告知)
 * attached to the person. */
int wg_points_staff(sqlite3 *db, const wg_points_rules *r, const char *staff, const char *date,
		    struct wg_points_total *out, wg_error *err);

struct wg_points_item {
	char entity[WG_ID_BUFSIZE];
	struct wg_points_total total;
};
/* The totals of every entity (entity NULL) or of that one entity on date, in a
 * few set-based queries; sorted by entity id, *n of them (0 when entity is not
 * found). Free *out with free(). */
int wg_points_all(sqlite3 *db, const wg_points_rules *r, const char *entity, const char *date,
		  struct wg_points_item **out, size_t *n, wg_error *err);
/* The same, of the entities in the connection's temporary table risk_only
 * (wg_risk_stale fills it). */
int wg_points_listed(sqlite3 *db, const wg_points_rules *r, const char *date,
		     struct wg_points_item **out, size_t *n, wg_error *err);
/* The total of entity in items from wg_points_all, or NULL. */
const struct wg_points_total *wg_points_find(const struct wg_points_item *items, size_t n,
					     const char *entity);

struct wg_points_alert {
	char entity[WG_ID_BUFSIZE];
	char *name;
	char *grid;
	struct wg_points_total total;
};
/* Every entity whose total reached a band on date (for the dashboard). */
int wg_points_alerts(sqlite3 *db, const wg_points_rules *r, const char *date,
		     struct wg_points_alert **out, size_t *n, wg_error *err);
/* How many entities wg_points_alerts lists on date, from the results kept in
 * the workspace (points_alert): only the entities whose findings, their
 * inspections or notices, or licence date changed since (points_stale, kept
 * by triggers), whose result ran out (a cycle ended, a notice's answer period
 * passed), or all when the rules or the day went back are computed again,
 * and kept (a write: a county's desk). At most slice of them a call (0: all),
 * in a transaction of its own: *left are still to compute, and while any is,
 * *n is 0 and not the count (call again; a call cut short loses its slice
 * alone). */
int wg_points_alerts_count(sqlite3 *db, const wg_points_rules *r, const char *date,
			   size_t slice, size_t *n, size_t *left, wg_error *err);
void wg_points_alerts_free(struct wg_points_alert *a, size_t n);

#endif
