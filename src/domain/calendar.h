/* The official working-day calendar: weekends, the public holidays and the
 * make-up working days (调休) of each year, from data/calendar/<year> files
 * copied from the State Council's notice. A date in a year without a file is an
 * error: wangge never guesses a year's holidays. */
#ifndef WG_CALENDAR_H
#define WG_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct wg_calendar wg_calendar;

wg_calendar *wg_calendar_new(void);
void wg_calendar_free(wg_calendar *cal);
/* Add one year from a file's text (name is used in messages and must be the year). */
int wg_calendar_parse(wg_calendar *cal, const char *name, const char *text, size_t len,
		      wg_error *err);
/* Load every year file in the data folder's calendar/ (or dir, if not NULL). */
int wg_calendar_load(const char *dir, wg_calendar **out, wg_error *err);
/* Years known, ascending; returns how many (at most max). */
size_t wg_calendar_years(const wg_calendar *cal, int *years, size_t max);
/* The notice a year's dates come from, or NULL. */
const char *wg_calendar_source(const wg_calendar *cal, int year);

int wg_calendar_is_workday(const wg_calendar *cal, const char *date, bool *out, wg_error *err);
/* The n-th working day after from (from itself not counted), n >= 1. */
int wg_calendar_add_workdays(const wg_calendar *cal, const char *from, int n, char out[11],
			     wg_error *err);
/* Working days after from up to and including to (0 when to <= from). */
int wg_calendar_count_workdays(const wg_calendar *cal, const char *from, const char *to,
			       int *out, wg_error *err);

#endif
