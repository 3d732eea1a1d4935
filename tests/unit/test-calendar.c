/* The working-day calendar: the shipped years, make-up working days, years
 * without a calendar counted Monday to Friday (provisional), and malformed
 * files refused with file:line. */
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
	int rc = wg_calendar_is_workday(cal, d, &got, NULL, &err);
	tap_ok(rc == WG_OK && got == want, "%s is %s", d, want ? "a working day" : "a day off");
}

static void deadline(const wg_calendar *cal, const char *from, int n, const char *want)
{
	char out[11] = "";
	wg_error err;
	int missing = -1;
	int rc = wg_calendar_add_workdays(cal, from, n, out, &missing, &err);
	if (rc)
		tap_diag("%s", err.msg);
	tap_ok(rc == WG_OK && strcmp(out, want) == 0 && missing == 0,
	       "%d working days after %s: %s (counted with the calendar)", n, from, out);
}

/* A deadline running into a year without a calendar: Monday to Friday, and
 * the missing year said. */
static void provisional(const wg_calendar *cal, const char *from, int n, const char *want,
			int want_missing)
{
	char out[11] = "";
	wg_error err;
	int missing = 0;
	int rc = wg_calendar_add_workdays(cal, from, n, out, &missing, &err);
	tap_ok(rc == WG_OK && strcmp(out, want) == 0 && missing == want_missing,
	       "%d working days after %s: %s, provisional for %d (got %s, %d)", n, from, want,
	       want_missing, out, missing);
}

#define NOTICE(y) "@source 国务院办公厅关于" y "年部分节假日安排的通知\n"

static void refused(const char *text, const char *want_in_msg, const char *what)
{
	wg_calendar *cal = wg_calendar_new();
	wg_error err = {0};
	int rc = wg_calendar_parse(cal, "cal", text, strlen(text), NULL, &err);
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
	int count = -1, missing = -1;
	tap_ok(wg_calendar_count_workdays(cal, "2026-02-12", "2026-03-04", &count, &missing, &err) ==
		       WG_OK && count == 10 && missing == 0,
	       "10 working days from 2026-02-12 to 2026-03-04 (%d)", count);

	/* a year without a calendar never stops the work: Monday to Friday */
	provisional(cal, "2026-12-28", 5, "2027-01-04", 2027); /* 12-29..31, then 1-1 (a Friday) and 1-4 */
	provisional(cal, "2026-12-29", 10, "2027-01-12", 2027);
	provisional(cal, "2026-12-31", 1, "2027-01-01", 2027); /* New Year's Day, unknown: a Friday */
	provisional(cal, "2027-01-15", 3, "2027-01-20", 2027);
	provisional(cal, "2028-02-28", 1, "2028-02-29", 2028); /* the leap day is a Tuesday */
	provisional(cal, "2028-02-29", 5, "2028-03-07", 2028);
	provisional(cal, "2023-12-29", 2, "2024-01-03", 2023); /* 2023 missing, then 2024-01-01 off */
	deadline(cal, "2026-12-28", 3, "2026-12-31");            /* inside 2026: exact */
	tap_ok(wg_calendar_count_workdays(cal, "2026-12-25", "2027-01-08", &count, &missing, &err) ==
		       WG_OK && count == 10 && missing == 2027,
	       "count across into 2027: 10 days, 2027 provisional (%d, %d)", count, missing);
	bool w = false;
	tap_ok(wg_calendar_is_workday(cal, "2027-01-01", &w, &missing, &err) == WG_OK && w &&
		       missing == 2027, "2027-01-01 counts as a Friday without the 2027 calendar");
	tap_ok(wg_calendar_is_workday(cal, "2027-01-02", &w, &missing, &err) == WG_OK && !w,
	       "a Saturday is a day off in any year");
	tap_ok(!wg_calendar_has_year(cal, 2027) && wg_calendar_has_year(cal, 2026), "has_year");
	tap_is_int(wg_calendar_wanted(cal, "2026-10-31"), 0, "no calendar asked for in October");
	tap_is_int(wg_calendar_wanted(cal, "2026-11-01"), 2027, "2027 asked for from 1 November");
	tap_is_int(wg_calendar_wanted(cal, "2026-12-31"), 2027, "and on 31 December");
	tap_is_int(wg_calendar_wanted(cal, "2027-01-15"), 2027, "and in 2027 itself");
	tap_is_int(wg_calendar_wanted(cal, "2025-11-15"), 0, "2026 is installed");

	char out[11];
	tap_is_int(wg_calendar_add_workdays(cal, "2026-02-30", 1, out, NULL, &err), WG_EINPUT,
		   "an impossible date is refused");
	tap_is_int(wg_calendar_add_workdays(cal, "2026-02-01", 0, out, NULL, &err), WG_EINPUT,
		   "zero working days is refused");

	/* the mark shown beside a deadline */
	char mark[200];
	wg_deadline_text("provisional", "2027-01-12", mark, sizeof mark);
	tap_is_str(mark, "2027-01-12 (provisional: no 2027 holiday calendar)", "provisional mark");
	wg_deadline_text("by_hand", "2027-01-12", mark, sizeof mark);
	tap_is_str(mark, "2027-01-12 (given by hand)", "by-hand mark");
	wg_deadline_text("", "2026-12-31", mark, sizeof mark);
	tap_is_str(mark, "2026-12-31", "no mark when counted with the calendar");
	wg_calendar_free(cal);

	/* malformed files */
	const char *good = "@year 2030\n" NOTICE("2030") "off | 2030-01-01 | 2030-01-01 | 元旦\n";
	cal = wg_calendar_new();
	int year = 0;
	tap_is_int(wg_calendar_parse(cal, "cal", good, strlen(good), &year, &err), WG_OK,
		   "a minimal file parses");
	tap_is_int(year, 2030, "and says its year");
	tap_is_int(wg_calendar_parse(cal, "cal", good, strlen(good), NULL, &err), WG_EINPUT,
		   "the same year twice is refused");
	wg_calendar_free(cal);
	refused("@year 2030\n" NOTICE("2030") "work | 2030-01-02 | x\n", "cal:3:",
		"a make-up day on a weekday");
	refused("@year 2030\n" NOTICE("2030") "off | 2031-01-01 | 2031-01-02 | x\n", "cal:3:",
		"a date outside the year");
	refused("@year 2030\noff | 2030-01-01 | 2030-01-01 | x\n", "@source", "no @source");
	refused("@year 2030\n@source 某县通知\noff | 2030-01-01 | 2030-01-01 | x\n", "State Council",
		"a @source that does not cite the State Council's notice");
	refused("@year 2030\n" NOTICE("2029") "off | 2030-01-01 | 2030-01-01 | x\n", "2030",
		"a @source citing another year's notice");
	refused(NOTICE("2030") "off | 2030-01-01 | 2030-01-01 | x\n", "cal:2:", "dates before @year");
	refused("@year 2030\n" NOTICE("2030")
		"off | 2030-01-01 | 2030-01-03 | a\noff | 2030-01-03 | 2030-01-04 | b\n",
		"cal:4:", "a day listed twice");
	refused("@year 2030\n" NOTICE("2030") "work | 2030-01-05 | x\noff | 2030-01-04 | 2030-01-06 | y\n",
		"both as a holiday and as a working day", "a day both off and working");
	refused("@year 2030\n" NOTICE("2030") "off | 2030-01-05 | 2030-01-06 | y\nwork | 2030-01-05 | x\n",
		"cal:4:", "a working day inside a holiday");
	refused("@year 2030\n" NOTICE("2030") "off | 2030-01-05 | 2030-01-01 | x\n", "cal:3:",
		"last day before first");
	refused("@year 2030\n" NOTICE("2030") "off | 2030-01-01 | x\n", "cal:3:", "too few fields");
	refused("@year 2030\r\n" NOTICE("2030"), "cal:1:", "a carriage return");
	refused("@year 2030\n" NOTICE("2030") "holiday | 2030-01-01 | 2030-01-01 | x\n", "cal:3:",
		"an unknown line kind");
	refused("@year 2030\n" NOTICE("2030") "off | 2030-02-30 | 2030-03-01 | x\n", "cal:3:",
		"an impossible date");
	refused("@year 2030\n@source n", "cal:2:", "no final line break");
	return tap_exit();
}
