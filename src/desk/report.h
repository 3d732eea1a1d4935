/* The county's reports: figures computed from the records by core queries,
 * kept as charts (labelled rows of values in one or more series) so that the
 * same data renders as terminal bar charts, CSV and an HTML page (chart.h). */
#ifndef WG_REPORT_H
#define WG_REPORT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#define WG_CHART_MAX_SERIES 4

struct wg_chart {
	char *title;                 /* translated */
	char *note;                  /* translated one-line explanation, or NULL */
	bool percent;                /* values are 0..100 percentages */
	size_t nseries;
	char *series[WG_CHART_MAX_SERIES]; /* translated series names */
	size_t nrows;
	char **labels;               /* one per row */
	double *values;              /* nrows × nseries, row-major */
};

struct wg_report {
	char from[11], to[11], today[11];
	struct wg_chart *charts;
	size_t ncharts;
};

/* Build every chart for the period [from, to] (CST dates); "overdue" is
 * judged on today. */
int wg_report_build(sqlite3 *db, const char *from, const char *to, const char *today,
		    struct wg_report **out, wg_error *err);
void wg_report_free(struct wg_report *rep);

/* The periods a report is asked for, counted from today (a CST date). */
enum wg_period {
	WG_PERIOD_MONTH,      /* the 1st of this month to today */
	WG_PERIOD_LAST_MONTH, /* the whole month before this one */
	WG_PERIOD_QUARTER,    /* the 1st of this quarter to today */
	WG_PERIOD_YEAR,       /* 1 January to today */
	WG_PERIOD_RANGE,      /* dates given: wg_period_dates leaves from and to as they are */
	WG_NPERIODS
};
/* The dates of the period; today must be a valid date. */
void wg_period_dates(enum wg_period p, const char *today, char from[11], char to[11]);
/* The period a report opens on: this month, except on its 1st, when nothing
 * of it is done yet: the month just ended. */
enum wg_period wg_period_default(const char *today);

#endif
