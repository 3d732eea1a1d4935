/* A per-entity supervision summary for a period, for the other departments
 * that use the results (综合监管结果协同运用: licence renewal 校验, 医保定点,
 * grading): the entity, its signed inspections and their findings with the
 * rectification, the points, the complaints verified, the risk grade and the
 * credit status at the period's end. Raw values (dates, codes); the CSV and
 * the printable HTML (print.h) render them. */
#ifndef WG_SUMMARY_H
#define WG_SUMMARY_H

#include <sqlite3.h>
#include <stddef.h>

#include "error.h"
#include "strbuf.h"

enum wg_summary_section {
	SUM_ENTITY, SUM_INSPECTION, SUM_FINDING, SUM_POINTS, SUM_COMPLAINT, SUM_RISK, SUM_CREDIT,
};

struct wg_summary_row {
	enum wg_summary_section section;
	char *date;    /* YYYY-MM-DD, or "" */
	char *what;    /* what it is: the entity's name, the kind, the problem, ... */
	char *result;  /* a code: pass/rectify/fail; open/rectified/withdrawn/overdue; ... */
	char *detail;  /* free text (credit code, deadline, the points' cycle, ...) */
};

struct wg_summary {
	char *name, *uscc, *licence, *licence_expiry, *category;
	struct wg_summary_row *v;
	size_t n;
};

int wg_summary_build(sqlite3 *db, const char *entity, const char *from, const char *to,
		     struct wg_summary *out, wg_error *err);
void wg_summary_free(struct wg_summary *s);

/* The same as a printable A4 page (the paper forms' style; Chinese, as the
 * official forms are whatever the interface language). */
int wg_print_summary(sqlite3 *db, const char *entity, const char *from, const char *to,
		     strbuf *html, wg_error *err);

#endif
