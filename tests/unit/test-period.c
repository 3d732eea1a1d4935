/* Report periods: month ends, the 1st of a month, quarters, leap years, and
 * the default on the 1st (the month just ended, not an empty month). */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "report.h"
#include "tap.h"

static void is_period(enum wg_period p, const char *today, const char *from, const char *to,
		      const char *what)
{
	char f[11] = "", t[11] = "";
	wg_period_dates(p, today, f, t);
	tap_ok(strcmp(f, from) == 0 && strcmp(t, to) == 0, "%s: %s gives %s to %s (got %s to %s)",
	       what, today, from, to, f, t);
}

int main(void)
{
	is_period(WG_PERIOD_MONTH, "2026-11-22", "2026-11-01", "2026-11-22", "this month");
	is_period(WG_PERIOD_MONTH, "2026-12-01", "2026-12-01", "2026-12-01", "this month on the 1st");
	is_period(WG_PERIOD_LAST_MONTH, "2026-12-01", "2026-11-01", "2026-11-30",
		  "last month: November has 30 days");
	is_period(WG_PERIOD_LAST_MONTH, "2026-12-31", "2026-11-01", "2026-11-30",
		  "last month on a month's last day");
	is_period(WG_PERIOD_LAST_MONTH, "2027-01-15", "2026-12-01", "2026-12-31",
		  "last month across the new year");
	is_period(WG_PERIOD_LAST_MONTH, "2027-01-01", "2026-12-01", "2026-12-31",
		  "last month on New Year's Day");
	is_period(WG_PERIOD_LAST_MONTH, "2028-03-01", "2028-02-01", "2028-02-29",
		  "last month: February of a leap year has 29 days");
	is_period(WG_PERIOD_LAST_MONTH, "2027-03-01", "2027-02-01", "2027-02-28",
		  "February of a common year has 28");
	is_period(WG_PERIOD_LAST_MONTH, "2100-03-10", "2100-02-01", "2100-02-28",
		  "2100 is no leap year");
	is_period(WG_PERIOD_LAST_MONTH, "2000-03-10", "2000-02-01", "2000-02-29",
		  "2000 is one");
	is_period(WG_PERIOD_LAST_MONTH, "2026-08-01", "2026-07-01", "2026-07-31",
		  "July has 31 days");
	is_period(WG_PERIOD_MONTH, "2028-02-29", "2028-02-01", "2028-02-29", "this month on a leap day");
	is_period(WG_PERIOD_QUARTER, "2026-11-22", "2026-10-01", "2026-11-22", "the fourth quarter");
	is_period(WG_PERIOD_QUARTER, "2026-03-31", "2026-01-01", "2026-03-31", "the first quarter");
	is_period(WG_PERIOD_QUARTER, "2026-04-01", "2026-04-01", "2026-04-01",
		  "the 1st of a quarter");
	is_period(WG_PERIOD_QUARTER, "2028-02-29", "2028-01-01", "2028-02-29", "a leap day's quarter");
	is_period(WG_PERIOD_YEAR, "2026-12-31", "2026-01-01", "2026-12-31", "the year");
	is_period(WG_PERIOD_YEAR, "2027-01-01", "2027-01-01", "2027-01-01", "the year on 1 January");

	char f[11] = "2026-01-05", t[11] = "2026-02-07";
	wg_period_dates(WG_PERIOD_RANGE, "2026-11-22", f, t);
	tap_ok(strcmp(f, "2026-01-05") == 0 && strcmp(t, "2026-02-07") == 0,
	       "a range keeps the dates given");

	tap_is_int(wg_period_default("2026-12-01"), WG_PERIOD_LAST_MONTH,
		   "on the 1st the report opens on the month just ended");
	tap_is_int(wg_period_default("2028-03-01"), WG_PERIOD_LAST_MONTH,
		   "  (1 March of a leap year too)");
	tap_is_int(wg_period_default("2026-12-02"), WG_PERIOD_MONTH, "on the 2nd, this month");
	tap_is_int(wg_period_default("2026-12-31"), WG_PERIOD_MONTH, "on the 31st, this month");
	return tap_exit();
}
