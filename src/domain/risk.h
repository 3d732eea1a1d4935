/* Risk grade and credit lists, derived (never stored) from the record: the
 * category's base risk, points in the cycle, complaints, overdue rectifications
 * and the last inspection, weighted by data/rules/risk. Every fact that added
 * to the score is listed, so the grade explains itself. */
#ifndef WG_RISK_H
#define WG_RISK_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "id.h"
#include "points.h"

struct wg_risk_grade {
	char *code;     /* "low" */
	int min;        /* lowest score of the grade */
	char *name;     /* Chinese */
	char *label;    /* English */
};

typedef struct wg_risk_rules {
	int version;          /* of the county's rules (0: a file read directly) */
	char effective[11];
	struct { char *group; int base; } *bases;
	size_t nbases;
	int w_points, w_complaint, w_overdue, w_last_fail, w_last_rectify;
	struct wg_risk_grade *grades; /* ascending min */
	size_t ngrades;
	int red_max;          /* red list: score at most this, ... */
} wg_risk_rules;

int wg_risk_rules_parse(const char *name, const char *text, size_t len, wg_risk_rules **out,
			wg_error *err);
int wg_risk_rules_load(const char *path, wg_risk_rules **out, wg_error *err);
void wg_risk_rules_free(wg_risk_rules *r);

struct wg_risk_fact {
	char *text;  /* translated explanation */
	int score;
};

typedef struct wg_risk {
	int score;
	const struct wg_risk_grade *grade;
	struct wg_risk_fact *facts;
	size_t nfacts;
	struct wg_points_total points;
	int complaints, overdue;
	char last_result[16];  /* of the last signed inspection, or "" */
	bool red, black;
} wg_risk;

/* Grades of every entity (entity NULL) or of that one, as of today, from a
 * handful of set-based queries over the whole county and one scoring pass in C.
 * Sorted by entity id; *n is 0 when entity is not found. With explain, each
 * grade lists its facts (translated); without, nfacts is 0 and only the numbers
 * are filled in. Free with wg_risk_items_free. */
struct wg_risk_item {
	char entity[WG_ID_BUFSIZE];
	wg_risk risk;
};
int wg_risk_all(sqlite3 *db, const wg_risk_rules *rules, const wg_points_rules *points,
		const char *today, const char *entity, bool explain, struct wg_risk_item **out,
		size_t *n, wg_error *err);
/* The same, without explain, of the entities whose last visit (entity_visit)
 * is before the date before, or that were never visited: those a patrol can
 * be due for. */
int wg_risk_stale(sqlite3 *db, const wg_risk_rules *rules, const wg_points_rules *points,
		  const char *today, const char *before, struct wg_risk_item **out, size_t *n,
		  wg_error *err);
/* The grade of entity in items from wg_risk_all, or NULL. */
const wg_risk *wg_risk_find(const struct wg_risk_item *items, size_t n, const char *entity);
void wg_risk_items_free(struct wg_risk_item *items, size_t n);

/* Grade every entity as of today into the connection's temporary table
 * entity_risk(entity, grade), for filtering lists by risk: derived, never
 * stored in the workspace, redone on each call (one set-based pass). */
int wg_risk_grade_table(sqlite3 *db, const wg_risk_rules *rules, const wg_points_rules *points,
			const char *today, wg_error *err);

/* One entity's grade with its explanation (wg_risk_all restricted to it). */
int wg_risk_entity(sqlite3 *db, const wg_risk_rules *rules, const wg_points_rules *points,
		   const char *entity, const char *today, wg_risk *out, wg_error *err);
void wg_risk_clear(wg_risk *r);

struct wg_credit_entry {
	char entity[WG_ID_BUFSIZE];
	char *name, *grid, *category;
	wg_risk risk;
};
/* Every entity on the red (red = true) or black list today, graded in bulk
 * (their risk carries no facts). */
int wg_credit_list(sqlite3 *db, const wg_risk_rules *rules, const wg_points_rules *points,
		   const char *today, bool red, struct wg_credit_entry **out, size_t *n,
		   wg_error *err);
void wg_credit_list_free(struct wg_credit_entry *e, size_t n);

#endif
