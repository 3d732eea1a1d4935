/* The official working-day calendar: weekends, the public holidays and the
 * make-up working days (调休) of each year, as the State Council's yearly
 * notice gives them.
 *
 * The years are county data: the county checks a year's file and records it
 * in `common` (kind "calendar"), so every officer receives it with the next
 * county bundle and counts the same days. The files in data/calendar are only
 * the defaults a new county starts with.
 *
 * A year without a calendar never stops the work: its days count Monday to
 * Friday, and the caller is told which year was missing so that it can mark
 * the deadline provisional. wangge never invents a year's holidays. */
#ifndef WG_CALENDAR_H
#define WG_CALENDAR_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "id.h"
#include "schema.h"
#include "workspace.h"

typedef struct wg_calendar wg_calendar;

wg_calendar *wg_calendar_new(void);
void wg_calendar_free(wg_calendar *cal);
/* Check one year's file and add it (name is used in messages). The checks: a
 * @source citing the State Council's notice for that year, every date a real
 * date inside the year, no day listed twice (in particular, not both a holiday
 * and a working day), make-up working days on Saturdays or Sundays. An error
 * names name:line and the reason. *year (may be NULL) gets the file's year. */
int wg_calendar_parse(wg_calendar *cal, const char *name, const char *text, size_t len,
		      int *year, wg_error *err);
/* The shipped defaults: every year file in data/calendar (or dir, if not NULL). */
int wg_calendar_load(const char *dir, wg_calendar **out, wg_error *err);
/* The calendar a workspace counts with: the newest recorded version of every
 * year in its common data. A workspace made before calendars were county data
 * (it holds no calendar record at all) counts with the shipped defaults. */
int wg_calendar_open(sqlite3 *db, wg_calendar **out, wg_error *err);
/* Years known, ascending; returns how many (at most max). */
size_t wg_calendar_years(const wg_calendar *cal, int *years, size_t max);
bool wg_calendar_has_year(const wg_calendar *cal, int year);
/* The notice a year's dates come from, or NULL. */
const char *wg_calendar_source(const wg_calendar *cal, int year);

/* The counting functions below count a day of a year without a calendar as a
 * working day when it is Monday to Friday, and set *missing (may be NULL) to
 * the first such year met, or 0 when every day was counted with a calendar. */
int wg_calendar_is_workday(const wg_calendar *cal, const char *date, bool *out, int *missing,
			   wg_error *err);
/* The n-th working day after from (from itself not counted), 1 <= n <= 366. */
int wg_calendar_add_workdays(const wg_calendar *cal, const char *from, int n, char out[11],
			     int *missing, wg_error *err);
/* Working days after from up to and including to (0 when to <= from). */
int wg_calendar_count_workdays(const wg_calendar *cal, const char *from, const char *to,
			       int *out, int *missing, wg_error *err);

/* The n-th working day counting back from to, to itself counted when it is
 * one (1 <= n <= 366): wg_calendar_count_workdays(from, to) is n or more
 * exactly when from is before it. */
int wg_calendar_back_workdays(const wg_calendar *cal, const char *to, int n, char out[11],
			      wg_error *err);
/* The translated mark shown beside a deadline: basis is the record's
 * deadline_basis ("", "provisional" or "by_hand"). "" when there is nothing to
 * say (counted with the official calendar). Writes at most n bytes. */
void wg_deadline_mark(const char *basis, const char *deadline, char *out, size_t n);
/* "2027-01-08" or "2027-01-08 (provisional: no 2027 holiday calendar)". */
void wg_deadline_text(const char *basis, const char *deadline, char *out, size_t n);

/* A person sets the deadline of a finding or a complaint by hand (a date after
 * the day it starts from); its open task follows. Marked "given by hand". */
int wg_deadline_set(wg_workspace *ws, const struct wg_kind *kind, const char *id,
		    const char *date, wg_error *err);

/* ---- the county's recorded years ---- */

struct wg_calendar_year {
	int year;
	int version;
	char *source;      /* the notice cited */
	char *origin;      /* "shipped" or "imported" */
	char *recorded_by; /* who recorded it ("" for the shipped defaults) */
	char *created;     /* when it was recorded (a stored timestamp) */
};

struct wg_calendar_years {
	struct wg_calendar_year *v;
	size_t n;
};
void wg_calendar_years_free(struct wg_calendar_years *y);
/* The newest version of each recorded year, ascending. */
int wg_calendar_list(sqlite3 *db, struct wg_calendar_years *out, wg_error *err);

/* A deadline counted provisionally that the calendar now installed would put
 * on another day. Nothing moves it: a deadline given to an entity stays as
 * given until a person changes it. */
struct wg_provisional {
	char kind[16];        /* "finding" or "complaint" */
	char id[WG_ID_BUFSIZE];
	char grid[WG_GRID_CODE_BUFSIZE];
	char start[11];       /* the day the counting started from */
	char deadline[11];    /* as given */
	char counted[11];     /* what the installed calendar gives */
	char *what;           /* the entity's name, or the complaint's location */
};

struct wg_provisionals {
	struct wg_provisional *v;
	size_t n;
};
void wg_provisionals_free(struct wg_provisionals *p);
/* Open provisional deadlines that fall in year (0: any year) and that the
 * workspace's calendar would count to another day. A year still missing
 * changes nothing, so its deadlines are not listed. */
int wg_calendar_review(sqlite3 *db, int year, struct wg_provisionals *out, wg_error *err);

struct wg_calendar_import {
	int year;
	int version;
	bool changed;        /* false: the same text was already recorded */
	struct wg_provisionals review; /* deadlines this year would change */
};
void wg_calendar_import_free(struct wg_calendar_import *res);
/* The county checks a year's file and records it in common. Refused with the
 * line and the reason, and nothing changes, when the file is wrong. */
int wg_calendar_import(wg_workspace *ws, const char *path, struct wg_calendar_import *res,
		       wg_error *err);
/* A new county's defaults: every shipped year, inside the caller's transaction. */
int wg_calendar_import_shipped(sqlite3 *db, size_t *count, wg_error *err);

/* The year whose calendar the dashboards should ask for, or 0: the current
 * year when it is missing, or, from 1 November, next year when it is. */
int wg_calendar_wanted(const wg_calendar *cal, const char *today);
/* The same for a workspace, without reading the calendars' text. */
int wg_calendar_wanted_db(sqlite3 *db, const char *today, int *year, wg_error *err);

#endif
