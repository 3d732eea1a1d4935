/* Time: stored as UTC ("2026-11-22T04:15:00Z"), shown in China Standard Time
 * (UTC+8, no daylight saving). Calendar dates ("2026-11-22") are CST dates. */
#ifndef WG_TIMEUTIL_H
#define WG_TIMEUTIL_H

#include <stdbool.h>
#include <time.h>

#define WG_CST_OFFSET (8 * 3600)
#define WG_TIMESTAMP_LEN 20 /* "YYYY-MM-DDTHH:MM:SSZ" */
#define WG_DATE_LEN 10

/* Now; WANGGE_NOW (a stored timestamp) overrides it so tests are repeatable. */
time_t wg_now(void);
/* Seconds on a monotonic clock, for measuring how long something took. */
double wg_monotonic(void);
/* Make wg_now() return *t until called with NULL: the demo county is built
 * "at" its fixed day, so the same seed gives the same files. */
void wg_clock_fix(const time_t *t);
void wg_timestamp(time_t t, char out[WG_TIMESTAMP_LEN + 1]);
bool wg_timestamp_parse(const char *s, time_t *out);
/* The CST calendar date of t. */
void wg_date_of(time_t t, char out[WG_DATE_LEN + 1]);
void wg_today(char out[WG_DATE_LEN + 1]);
/* A real calendar date in canonical form (2026-02-29 is refused). */
bool wg_date_valid(const char *s);
/* Days since 1970-01-01 for a valid date. */
long wg_date_days(const char *s);
void wg_date_from_days(long days, char out[WG_DATE_LEN + 1]);
/* ISO weekday: 1 = Monday ... 7 = Sunday. */
int wg_date_weekday(const char *s);
/* "2026-11-22 12:15" in CST for display. */
void wg_timestamp_display(const char *stamp, char *out, size_t outlen);

#endif
