/* Random-draw plans (抽查计划): a small text file, documented in
 * data/plans/README.md, stating per category or category group how many
 * entities to draw and how risk raises the chance of being drawn. */
#ifndef WG_PLAN_H
#define WG_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* Facts about an entity that a plan may use to draw it more often. */
enum wg_factor {
	FACTOR_COMPLAINT, /* a complaint about it was received in the lookback window */
	FACTOR_HIGH_RISK, /* its risk grade (data/rules/risk) is high_risk_grade or above */
	FACTOR_POINTS,    /* its points in the current cycle reached a band (data/rules/points) */
	FACTOR_BLACK,     /* it is on the black list (bad credit) */
	WG_NFACTORS
};
/* The key naming a factor in plan files ("complaint"). */
extern const char *const wg_factor_names[WG_NFACTORS];

#define WG_RATE_FULL 10000 /* rates are in basis points: 10000 = 100% */
#define WG_DRAW_MAX_INSPECTORS 6

struct wg_plan_rule {
	char target[16];          /* a category code (D211) or group (clinic) */
	bool group;
	long count;               /* entities to draw without a risk factor, or -1 */
	int ratio;                /* or this rate of them (basis points), -1 if count */
	int boost[WG_NFACTORS];   /* rate for entities with the factor, -1 if none */
	int line;
};

struct wg_plan {
	char *name;
	char from[11], to[11];
	unsigned inspectors;      /* per drawn entity, >= 2 */
	unsigned lookback;        /* days before `from` that count for the factors */
	char high_risk_grade[24]; /* grade code; "" = the highest grade of the rules */
	struct wg_plan_rule *rules;
	size_t nrules;
	char *text;               /* normalised: LF line ends, ends with LF */
	char sha256[65];          /* of text */
};

/* Parse a plan. Refuses unknown keys, unknown categories, overlapping
 * sections and impossible values with the line number and the reason. */
int wg_plan_parse(const char *buf, size_t len, struct wg_plan **out, wg_error *err);
void wg_plan_free(struct wg_plan *plan);
/* Read and parse a plan file (at most WG_PLAN_MAX_BYTES); errors name the file. */
#define WG_PLAN_MAX_BYTES (1024 * 1024)
int wg_plan_load(const char *path, struct wg_plan **out, wg_error *err);
/* The plan files shipped in data/plans (*.plan), by name; caller frees each
 * and the array. None is no error. */
int wg_plan_files(char ***paths, size_t *n, wg_error *err);
/* One line on the plan's targets and rates: "clinic 5%, W100 2, ..." */
char *wg_plan_summary(const struct wg_plan *plan);
/* The rule covering a category code, or -1. */
int wg_plan_rule_for(const struct wg_plan *plan, const char *category);
/* "12.5%" for a rate in basis points. */
void wg_rate_format(int rate, char out[16]);

#endif
