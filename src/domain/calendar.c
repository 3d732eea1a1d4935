#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "datafile.h"
#include "i18n.h"
#include "strbuf.h"
#include "timeutil.h"

enum { DAY_NORMAL = 0, DAY_OFF = 1, DAY_WORK = 2 };

struct year {
	int year;
	char *source;
	unsigned char day[366]; /* by day of year */
};

struct wg_calendar {
	struct year *years;
	size_t n;
};

wg_calendar *wg_calendar_new(void)
{
	return xcalloc(1, sizeof(wg_calendar));
}

void wg_calendar_free(wg_calendar *cal)
{
	if (!cal)
		return;
	for (size_t i = 0; i < cal->n; i++)
		free(cal->years[i].source);
	free(cal->years);
	free(cal);
}

static const struct year *find_year(const wg_calendar *cal, int y)
{
	for (size_t i = 0; i < cal->n; i++)
		if (cal->years[i].year == y)
			return &cal->years[i];
	return NULL;
}

static int date_year(const char *d)
{
	return atoi(d);
}

static long year_start(int y)
{
	char d[16];
	snprintf(d, sizeof d, "%04d-01-01", y);
	return wg_date_days(d);
}

/* A date field of a calendar line: valid and in the file's year. */
static int day_field(const wg_datafile *df, const struct wg_dfline *l, const char *v, int y,
		     long *out, wg_error *err)
{
	if (!wg_date_valid(v))
		return wg_datafile_fail(df, l, err, _("\"%s\" is not a date of the form 2026-01-31"), v);
	if (date_year(v) != y)
		return wg_datafile_fail(df, l, err, _("%s is not in the year %d"), v, y);
	*out = wg_date_days(v);
	return WG_OK;
}

int wg_calendar_parse(wg_calendar *cal, const char *name, const char *text, size_t len,
		      wg_error *err)
{
	wg_datafile df;
	struct year yr = {0, NULL, {0}};
	int rc = wg_datafile_parse(name, text, len, &df, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < df.nlines; i++) {
		const struct wg_dfline *l = &df.lines[i];
		if (l->directive && strcmp(l->directive, "year") == 0) {
			const char *v = l->fields[0];
			if (yr.year || l->nfields != 1 || strlen(v) != 4 ||
			    strspn(v, "0123456789") != 4 || atoi(v) < 1990 || atoi(v) > 2200) {
				rc = wg_datafile_fail(&df, l, err, _("@year needs one four-digit year, given once"));
				goto out;
			}
			yr.year = atoi(v);
			if (find_year(cal, yr.year)) {
				rc = wg_datafile_fail(&df, l, err, _("the year %d is given twice"), yr.year);
				goto out;
			}
		} else if (l->directive && strcmp(l->directive, "source") == 0) {
			if (yr.source || l->nfields != 1) {
				rc = wg_datafile_fail(&df, l, err, _("@source needs one value, given once"));
				goto out;
			}
			yr.source = xstrdup(l->fields[0]);
		} else if (l->directive) {
			rc = wg_datafile_fail(&df, l, err, _("unknown directive @%s"), l->directive);
			goto out;
		} else {
			if (!yr.year) {
				rc = wg_datafile_fail(&df, l, err, _("@year must come before the dates"));
				goto out;
			}
			const char *what = l->fields[0];
			long a, b;
			if (strcmp(what, "off") == 0) {
				/* off | FIRST | LAST | name */
				if (l->nfields != 4) {
					rc = wg_datafile_fail(&df, l, err,
							      _("expected: off | first day | last day | holiday name"));
					goto out;
				}
				if ((rc = day_field(&df, l, l->fields[1], yr.year, &a, err)) ||
				    (rc = day_field(&df, l, l->fields[2], yr.year, &b, err)))
					goto out;
				if (b < a) {
					rc = wg_datafile_fail(&df, l, err, _("the last day is before the first"));
					goto out;
				}
				for (long d = a; d <= b; d++) {
					unsigned char *slot = &yr.day[d - year_start(yr.year)];
					if (*slot) {
						rc = wg_datafile_fail(&df, l, err, _("a day is listed twice"));
						goto out;
					}
					*slot = DAY_OFF;
				}
			} else if (strcmp(what, "work") == 0) {
				/* work | DAY | reason: a make-up working day falls on a weekend */
				if (l->nfields != 3) {
					rc = wg_datafile_fail(&df, l, err, _("expected: work | day | reason"));
					goto out;
				}
				if ((rc = day_field(&df, l, l->fields[1], yr.year, &a, err)))
					goto out;
				if (wg_date_weekday(l->fields[1]) < 6) {
					rc = wg_datafile_fail(&df, l, err,
							      _("%s is a weekday: a make-up working day is a Saturday or Sunday"),
							      l->fields[1]);
					goto out;
				}
				unsigned char *slot = &yr.day[a - year_start(yr.year)];
				if (*slot) {
					rc = wg_datafile_fail(&df, l, err, _("a day is listed twice"));
					goto out;
				}
				*slot = DAY_WORK;
			} else {
				rc = wg_datafile_fail(&df, l, err,
						      _("a line starts with \"off\" or \"work\", not \"%s\""), what);
				goto out;
			}
		}
	}
	if (!yr.year) {
		rc = wg_datafile_fail(&df, NULL, err, _("no @year line"));
		goto out;
	}
	if (!yr.source) {
		rc = wg_datafile_fail(&df, NULL, err,
				      _("no @source line naming the State Council notice"));
		goto out;
	}
	cal->years = xrealloc(cal->years, (cal->n + 1) * sizeof *cal->years);
	cal->years[cal->n++] = yr;
	yr.source = NULL;
out:
	free(yr.source);
	wg_datafile_free(&df);
	return rc;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int wg_calendar_load(const char *dir, wg_calendar **out, wg_error *err)
{
	char *path = dir ? xstrdup(dir) : wg_data_path("calendar");
	DIR *d = opendir(path);
	int names[64];
	size_t n = 0;
	int rc = WG_OK;

	*out = NULL;
	if (!d) {
		rc = wg_fail(err, WG_EINTERNAL, _("cannot open the holiday calendar folder %s"), path);
		free(path);
		return rc;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strlen(e->d_name) == 4 && strspn(e->d_name, "0123456789") == 4 && n < 64)
			names[n++] = atoi(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_int);
	wg_calendar *cal = wg_calendar_new();
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		char *file = xasprintf("%s/%04d", path, names[i]);
		char *buf;
		size_t len;
		rc = wg_read_file_buf(file, 1 << 16, &buf, &len, err);
		if (rc == WG_OK) {
			rc = wg_calendar_parse(cal, file, buf, len, err);
			free(buf);
		}
		if (rc == WG_OK && cal->years[cal->n - 1].year != names[i])
			rc = wg_fail(err, WG_EINPUT, _("%s: the file name and @year differ"), file);
		free(file);
	}
	free(path);
	if (rc) {
		wg_calendar_free(cal);
		return rc;
	}
	*out = cal;
	return WG_OK;
}

size_t wg_calendar_years(const wg_calendar *cal, int *years, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < cal->n && k < max; i++)
		years[k++] = cal->years[i].year;
	qsort(years, k, sizeof *years, cmp_int);
	return k;
}

const char *wg_calendar_source(const wg_calendar *cal, int year)
{
	const struct year *y = find_year(cal, year);
	return y ? y->source : NULL;
}

static int day_is_work(const wg_calendar *cal, long days, bool *out, wg_error *err)
{
	char d[WG_DATE_LEN + 1];
	wg_date_from_days(days, d);
	const struct year *y = find_year(cal, date_year(d));
	if (!y)
		return wg_fail(err, WG_EINPUT,
			       _("the official holiday calendar for %d is not installed, so working "
				 "days after %d cannot be counted; add data/calendar/%d from the State "
				 "Council's notice"), date_year(d), date_year(d) - 1, date_year(d));
	unsigned char kind = y->day[days - year_start(y->year)];
	if (kind == DAY_OFF)
		*out = false;
	else if (kind == DAY_WORK)
		*out = true;
	else
		*out = wg_date_weekday(d) < 6;
	return WG_OK;
}

int wg_calendar_is_workday(const wg_calendar *cal, const char *date, bool *out, wg_error *err)
{
	if (!wg_date_valid(date))
		return wg_fail(err, WG_EINPUT, _("\"%s\" is not a date of the form 2026-01-31"), date);
	return day_is_work(cal, wg_date_days(date), out, err);
}

int wg_calendar_add_workdays(const wg_calendar *cal, const char *from, int n, char out[11],
			     wg_error *err)
{
	if (!wg_date_valid(from))
		return wg_fail(err, WG_EINPUT, _("\"%s\" is not a date of the form 2026-01-31"), from);
	if (n < 1 || n > 366)
		return wg_fail(err, WG_EINPUT, _("%d is not a number of working days (1 to 366)"), n);
	long d = wg_date_days(from);
	while (n > 0) {
		bool work;
		int rc = day_is_work(cal, ++d, &work, err);
		if (rc)
			return rc;
		n -= work;
	}
	wg_date_from_days(d, out);
	return WG_OK;
}

int wg_calendar_count_workdays(const wg_calendar *cal, const char *from, const char *to,
			       int *out, wg_error *err)
{
	if (!wg_date_valid(from) || !wg_date_valid(to))
		return wg_fail(err, WG_EINPUT, _("not a date of the form 2026-01-31"));
	*out = 0;
	for (long d = wg_date_days(from) + 1; d <= wg_date_days(to); d++) {
		bool work;
		int rc = day_is_work(cal, d, &work, err);
		if (rc)
			return rc;
		*out += work;
	}
	return WG_OK;
}
