/* The working-day calendar: the shipped years, make-up working days, unknown
 * years, and malformed files refused with file:line. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "tap.h"

static void is_work(const wg_calendar *cal, const char *d, bool want)
{
	bool got = !want;
	wg_error err;
	int rc = wg_calendar_is_workday(cal, d, &got, &err);
	tap_ok(rc == WG_OK && got == want, "%s is %s", d, want ? "a working day" : "a day off");
}

static void deadline(const wg_calendar *cal, const char *from, int n, const char *want)
{
	char out[11] = "";
	wg_error err;
	int rc = wg_calendar_add_workdays(cal, from, n, out, &err);
	if (rc)
		tap_diag("%s", err.msg);
	tap_is_str(out, want, "%d working days after %s", n, from);
}

static void refused(const char *text, const char *want_in_msg, const char *what)
{
	wg_calendar *cal = wg_calendar_new();
	wg_error err = {0};
	int rc = wg_calendar_parse(cal, "cal", text, strlen(text), &err);
	tap_ok(rc == WG_EINPUT && strstr(err.msg, want_in_msg) != NULL, "refused: %s (%s)", what,
	       err.msg);
	wg_calendar_free(cal);
}

int main(void)
{
	wg_calendar *cal;
	wg_error err;
	if (wg_calendar_load(NULL, &cal, &err) != WG_OK) {
		tap_ok(false, "load the shipped calendar: %s", err.msg);
		return tap_exit();
	}
	int years[8];
	size_t n = wg_calendar_years(cal, years, 8);
	tap_is_int((long)n, 3, "three years shipped");
	tap_is_int(years[0], 2024, "2024");
	tap_is_int(years[1], 2025, "2025");
	tap_is_int(years[2], 2026, "2026");
	tap_ok(strstr(wg_calendar_source(cal, 2024), "国办发明电〔2023〕7号") != NULL,
	       "2024 cites its notice");
	tap_ok(strstr(wg_calendar_source(cal, 2025), "国办发明电〔2024〕12号") != NULL,
	       "2025 cites its notice");

	/* 2026 Spring Festival: off 2-15..2-23, make-up Saturdays 2-14 and 2-28 */
	is_work(cal, "2026-02-13", true);
	is_work(cal, "2026-02-14", true);  /* Saturday, make-up */
	is_work(cal, "2026-02-15", false);
	is_work(cal, "2026-02-16", false); /* Monday in the holiday */
	is_work(cal, "2026-02-23", false);
	is_work(cal, "2026-02-24", true);
	is_work(cal, "2026-02-28", true);  /* Saturday, make-up */
	is_work(cal, "2026-03-07", false); /* ordinary Saturday */
	is_work(cal, "2026-01-04", true);  /* Sunday, make-up */
	is_work(cal, "2026-10-10", true);
	is_work(cal, "2026-10-07", false);
	is_work(cal, "2025-01-26", true);
	is_work(cal, "2025-02-04", false);
	is_work(cal, "2025-10-11", true);
	is_work(cal, "2025-10-08", false);

	/* 2024: Spring Festival 2-10..2-17 with make-up Sundays 2-4 and 2-18;
	 * Labour Day make-up Saturday 5-11; National Day 10-1..10-7 */
	is_work(cal, "2024-02-04", true);
	is_work(cal, "2024-02-09", true);  /* New Year's Eve: a working day */
	is_work(cal, "2024-02-10", false);
	is_work(cal, "2024-02-17", false);
	is_work(cal, "2024-02-18", true);
	is_work(cal, "2024-05-11", true);
	is_work(cal, "2024-10-07", false);
	is_work(cal, "2024-10-12", true);
	is_work(cal, "2024-12-31", true);
	deadline(cal, "2024-12-27", 3, "2025-01-02"); /* across the year end, over New Year's Day */
	deadline(cal, "2024-09-27", 3, "2024-10-08"); /* Sunday 9-29 works, then the holiday */

	deadline(cal, "2026-02-12", 1, "2026-02-13");
	deadline(cal, "2026-02-12", 2, "2026-02-14");
	deadline(cal, "2026-02-12", 3, "2026-02-24");
	deadline(cal, "2026-02-12", 10, "2026-03-04");
	deadline(cal, "2026-02-13", 5, "2026-02-27");
	deadline(cal, "2026-02-13", 6, "2026-02-28");
	deadline(cal, "2025-12-30", 2, "2026-01-04"); /* across the year end, to a make-up Sunday */
	deadline(cal, "2025-09-26", 1, "2025-09-28");
	int count = -1;
	tap_ok(wg_calendar_count_workdays(cal, "2026-02-12", "2026-03-04", &count, &err) == WG_OK &&
	       count == 10, "10 working days from 2026-02-12 to 2026-03-04 (%d)", count);

	/* never guess a year */
	char out[11];
	tap_is_int(wg_calendar_add_workdays(cal, "2026-12-28", 5, out, &err), WG_EINPUT,
		   "a deadline in 2027 is refused");
	tap_ok(strstr(err.msg, "2027") != NULL, "  and names the missing year: %s", err.msg);
	bool w;
	tap_is_int(wg_calendar_is_workday(cal, "2023-05-01", &w, &err), WG_EINPUT, "2023 is unknown");
	tap_is_int(wg_calendar_add_workdays(cal, "2026-02-30", 1, out, &err), WG_EINPUT,
		   "an impossible date is refused");
	wg_calendar_free(cal);

	/* malformed files */
	const char *good = "@year 2030\n@source notice\noff | 2030-01-01 | 2030-01-01 | 元旦\n";
	cal = wg_calendar_new();
	tap_is_int(wg_calendar_parse(cal, "cal", good, strlen(good), &err), WG_OK, "a minimal file parses");
	tap_is_int(wg_calendar_parse(cal, "cal", good, strlen(good), &err), WG_EINPUT,
		   "the same year twice is refused");
	wg_calendar_free(cal);
	refused("@year 2030\n@source n\nwork | 2030-01-02 | x\n", "cal:3:", "a make-up day on a weekday");
	refused("@year 2030\n@source n\noff | 2031-01-01 | 2031-01-02 | x\n", "cal:3:",
		"a date outside the year");
	refused("@year 2030\noff | 2030-01-01 | 2030-01-01 | x\n", "@source", "no @source");
	refused("@source n\noff | 2030-01-01 | 2030-01-01 | x\n", "cal:2:", "dates before @year");
	refused("@year 2030\n@source n\noff | 2030-01-01 | 2030-01-03 | a\noff | 2030-01-03 | 2030-01-04 | b\n",
		"cal:4:", "a day listed twice");
	refused("@year 2030\n@source n\noff | 2030-01-05 | 2030-01-01 | x\n", "cal:3:",
		"last day before first");
	refused("@year 2030\n@source n\noff | 2030-01-01 | x\n", "cal:3:", "too few fields");
	refused("@year 2030\r\n@source n\n", "cal:1:", "a carriage return");
	refused("@year 2030\n@source n\nholiday | 2030-01-01 | 2030-01-01 | x\n", "cal:3:",
		"an unknown line kind");
	refused("@year 2030\n@source n\noff | 2030-02-30 | 2030-03-01 | x\n", "cal:3:",
		"an impossible date");
	refused("@year 2030\n@source n", "cal:2:", "no final line break");
	return tap_exit();
}
