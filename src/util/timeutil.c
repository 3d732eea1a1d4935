#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeutil.h"

/* Days from civil date, after Howard Hinnant's algorithm: no timegm, no TZ. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long)yoe + era * 400 + (*m <= 2);
}

static bool is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static unsigned days_in_month(long y, unsigned m)
{
	static const unsigned dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static bool parse_date(const char *s, long *y, unsigned *m, unsigned *d)
{
	if (!is_digits(s, 4) || s[4] != '-' || !is_digits(s + 5, 2) || s[7] != '-' ||
	    !is_digits(s + 8, 2))
		return false;
	*y = strtol(s, NULL, 10);
	*m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	*d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	return *y >= 1900 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

double wg_monotonic(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static bool clock_fixed;
static time_t fixed_now;

void wg_clock_fix(const time_t *t)
{
	clock_fixed = t != NULL;
	if (t)
		fixed_now = *t;
}

time_t wg_now(void)
{
	const char *fake = getenv("WANGGE_NOW");
	time_t t;
	if (clock_fixed)
		return fixed_now;
	if (fake && wg_timestamp_parse(fake, &t))
		return t;
	return time(NULL);
}

static void format_utc(time_t t, char *out, size_t outlen, bool iso)
{
	long days = (long)(t / 86400), secs = (long)(t % 86400);
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	long y;
	unsigned m, d;
	civil_from_days(days, &y, &m, &d);
	if (iso)
		snprintf(out, outlen, "%04ld-%02u-%02uT%02ld:%02ld:%02ldZ", y, m, d, secs / 3600,
			 secs / 60 % 60, secs % 60);
	else
		snprintf(out, outlen, "%04ld-%02u-%02u %02ld:%02ld", y, m, d, secs / 3600,
			 secs / 60 % 60);
}

void wg_timestamp(time_t t, char out[WG_TIMESTAMP_LEN + 1])
{
	format_utc(t, out, WG_TIMESTAMP_LEN + 1, true);
}

bool wg_timestamp_parse(const char *s, time_t *out)
{
	long y;
	unsigned m, d;
	if (strlen(s) != WG_TIMESTAMP_LEN || !parse_date(s, &y, &m, &d) || s[10] != 'T' ||
	    !is_digits(s + 11, 2) || s[13] != ':' || !is_digits(s + 14, 2) || s[16] != ':' ||
	    !is_digits(s + 17, 2) || s[19] != 'Z')
		return false;
	int hh = (s[11] - '0') * 10 + s[12] - '0';
	int mm = (s[14] - '0') * 10 + s[15] - '0';
	int ss = (s[17] - '0') * 10 + s[18] - '0';
	if (hh > 23 || mm > 59 || ss > 59)
		return false;
	*out = (time_t)days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
	return true;
}

void wg_date_of(time_t t, char out[WG_DATE_LEN + 1])
{
	char buf[32];
	format_utc(t + WG_CST_OFFSET, buf, sizeof buf, true);
	memcpy(out, buf, WG_DATE_LEN);
	out[WG_DATE_LEN] = '\0';
}

void wg_today(char out[WG_DATE_LEN + 1])
{
	wg_date_of(wg_now(), out);
}

bool wg_date_valid(const char *s)
{
	long y;
	unsigned m, d;
	return strlen(s) == WG_DATE_LEN && parse_date(s, &y, &m, &d);
}

long wg_date_days(const char *s)
{
	long y;
	unsigned m, d;
	if (!parse_date(s, &y, &m, &d))
		return 0;
	return days_from_civil(y, m, d);
}

void wg_date_from_days(long days, char out[WG_DATE_LEN + 1])
{
	long y;
	unsigned m, d;
	civil_from_days(days, &y, &m, &d);
	snprintf(out, WG_DATE_LEN + 1, "%04ld-%02u-%02u", y, m, d);
}

int wg_date_weekday(const char *s)
{
	long z = wg_date_days(s);
	/* 1970-01-01 was a Thursday (4). */
	long w = (z % 7 + 7 + 3) % 7;
	return (int)w + 1;
}

void wg_timestamp_display(const char *stamp, char *out, size_t outlen)
{
	time_t t;
	if (!wg_timestamp_parse(stamp, &t)) {
		snprintf(out, outlen, "%s", stamp);
		return;
	}
	format_utc(t + WG_CST_OFFSET, out, outlen, false);
}
