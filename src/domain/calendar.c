#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "datafile.h"
#include "db.h"
#include "i18n.h"
#include "id.h"
#include "recordop.h"
#include "query.h"
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
	int hidden; /* a year treated as missing (what a provisional count saw), or 0 */
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
		if (cal->years[i].year == y && y != cal->hidden)
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

/* The notice a year's holidays come from is the State Council's (国务院办公厅关于
 * 2027年部分节假日安排的通知): the @source must name it and the year. */
static bool cites_notice(const char *source, int year)
{
	char y[16];
	snprintf(y, sizeof y, "%d年", year);
	return strstr(source, "国务院") && strstr(source, "通知") && strstr(source, y);
}

int wg_calendar_parse(wg_calendar *cal, const char *name, const char *text, size_t len,
		      int *year, wg_error *err)
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
						char day[WG_DATE_LEN + 1];
						wg_date_from_days(d, day);
						rc = *slot == DAY_WORK
							     ? wg_datafile_fail(&df, l, err,
										_("%s is listed both as a holiday and as a working day"),
										day)
							     : wg_datafile_fail(&df, l, err,
										_("%s is listed twice"), day);
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
					rc = *slot == DAY_OFF
						     ? wg_datafile_fail(&df, l, err,
									_("%s is listed both as a holiday and as a working day"),
									l->fields[1])
						     : wg_datafile_fail(&df, l, err, _("%s is listed twice"),
									l->fields[1]);
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
	if (!cites_notice(yr.source, yr.year)) {
		rc = wg_datafile_fail(&df, NULL, err,
				      _("@source must cite the State Council's notice for %d "
					"(国务院办公厅关于%d年部分节假日安排的通知)"), yr.year, yr.year);
		goto out;
	}
	if (year)
		*year = yr.year;
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

/* The year files of a calendar folder ("2026"), ascending. */
static int year_files(const char *dir, int names[64], size_t *n, wg_error *err)
{
	DIR *d = opendir(dir);
	*n = 0;
	if (!d)
		return wg_fail(err, WG_EINTERNAL, _("cannot open the holiday calendar folder %s"), dir);
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (strlen(e->d_name) == 4 && strspn(e->d_name, "0123456789") == 4 && *n < 64)
			names[(*n)++] = atoi(e->d_name);
	closedir(d);
	qsort(names, *n, sizeof *names, cmp_int);
	return WG_OK;
}

int wg_calendar_load(const char *dir, wg_calendar **out, wg_error *err)
{
	char *path = dir ? xstrdup(dir) : wg_data_path("calendar");
	int names[64];
	size_t n;
	int rc;

	*out = NULL;
	if ((rc = year_files(path, names, &n, err))) {
		free(path);
		return rc;
	}
	wg_calendar *cal = wg_calendar_new();
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		char *file = xasprintf("%s/%04d", path, names[i]);
		char *buf;
		size_t len;
		rc = wg_read_file_buf(file, 1 << 16, &buf, &len, err);
		int year = 0;
		if (rc == WG_OK) {
			rc = wg_calendar_parse(cal, file, buf, len, &year, err);
			free(buf);
		}
		if (rc == WG_OK && year != names[i])
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

bool wg_calendar_has_year(const wg_calendar *cal, int year)
{
	return find_year(cal, year) != NULL;
}

/* One day: a working day by the year's calendar, or, in a year without one,
 * when it is Monday to Friday (noting the year in *missing, once). */
static bool day_is_work(const wg_calendar *cal, long days, int *missing)
{
	char d[WG_DATE_LEN + 1];
	wg_date_from_days(days, d);
	const struct year *y = find_year(cal, date_year(d));
	if (!y) {
		if (missing && !*missing)
			*missing = date_year(d);
		return wg_date_weekday(d) < 6;
	}
	unsigned char kind = y->day[days - year_start(y->year)];
	if (kind == DAY_OFF)
		return false;
	if (kind == DAY_WORK)
		return true;
	return wg_date_weekday(d) < 6;
}

static void no_missing(int *missing)
{
	if (missing)
		*missing = 0;
}

int wg_calendar_is_workday(const wg_calendar *cal, const char *date, bool *out, int *missing,
			   wg_error *err)
{
	no_missing(missing);
	if (!wg_date_valid(date))
		return wg_fail(err, WG_EINPUT, _("\"%s\" is not a date of the form 2026-01-31"), date);
	*out = day_is_work(cal, wg_date_days(date), missing);
	return WG_OK;
}

int wg_calendar_add_workdays(const wg_calendar *cal, const char *from, int n, char out[11],
			     int *missing, wg_error *err)
{
	no_missing(missing);
	if (!wg_date_valid(from))
		return wg_fail(err, WG_EINPUT, _("\"%s\" is not a date of the form 2026-01-31"), from);
	if (n < 1 || n > 366)
		return wg_fail(err, WG_EINPUT, _("%d is not a number of working days (1 to 366)"), n);
	long d = wg_date_days(from);
	while (n > 0)
		n -= day_is_work(cal, ++d, missing);
	wg_date_from_days(d, out);
	return WG_OK;
}

int wg_calendar_count_workdays(const wg_calendar *cal, const char *from, const char *to,
			       int *out, int *missing, wg_error *err)
{
	no_missing(missing);
	if (!wg_date_valid(from) || !wg_date_valid(to))
		return wg_fail(err, WG_EINPUT, _("not a date of the form 2026-01-31"));
	*out = 0;
	for (long d = wg_date_days(from) + 1; d <= wg_date_days(to); d++)
		*out += day_is_work(cal, d, missing);
	return WG_OK;
}

int wg_calendar_back_workdays(const wg_calendar *cal, const char *to, int n, char out[11],
			      wg_error *err)
{
	if (!wg_date_valid(to))
		return wg_fail(err, WG_EINPUT, _("\"%s\" is not a date of the form 2026-01-31"), to);
	if (n < 1 || n > 366)
		return wg_fail(err, WG_EINPUT, _("%d is not a number of working days (1 to 366)"), n);
	long d = wg_date_days(to) + 1;
	while (n > 0)
		n -= day_is_work(cal, --d, NULL);
	wg_date_from_days(d, out);
	return WG_OK;
}

void wg_deadline_mark(const char *basis, const char *deadline, char *out, size_t n)
{
	if (basis && strcmp(basis, "provisional") == 0)
		/* TRANSLATORS: beside a deadline counted Monday to Friday because the
		 * official holiday calendar of its year (%d) was not installed */
		snprintf(out, n, _("provisional: no %d holiday calendar"),
			 deadline && *deadline ? date_year(deadline) : 0);
	else if (basis && strcmp(basis, "by_hand") == 0)
		snprintf(out, n, "%s", _("given by hand"));
	else if (n)
		*out = '\0';
}

void wg_deadline_text(const char *basis, const char *deadline, char *out, size_t n)
{
	char mark[160];
	wg_deadline_mark(basis, deadline, mark, sizeof mark);
	if (*mark && deadline && *deadline)
		/* TRANSLATORS: a deadline and how it was counted, "2027-01-08 (provisional: ...)" */
		snprintf(out, n, _("%s (%s)"), deadline, mark);
	else
		snprintf(out, n, "%s", deadline ? deadline : "");
}

int wg_calendar_wanted(const wg_calendar *cal, const char *today)
{
	if (!wg_date_valid(today))
		return 0;
	int y = date_year(today);
	if (!find_year(cal, y))
		return y;
	if (strcmp(today + 5, "11-01") >= 0 && !find_year(cal, y + 1))
		return y + 1;
	return 0;
}

/* Whether the workspace counts with a calendar for year: a recorded one, or,
 * in a workspace that records none, a shipped file. No text is parsed: the
 * dashboards ask this on every load. */
static int have_year(sqlite3 *db, int year, bool *out, wg_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT EXISTS (SELECT 1 FROM calendar WHERE"
				   " CAST(year AS INTEGER) = ?1), EXISTS (SELECT 1 FROM calendar)",
			       -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_int(st, 1, year);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return wg_db_fail(db, err);
	}
	bool recorded = sqlite3_column_int(st, 0), any = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	if (any) {
		*out = recorded;
		return WG_OK;
	}
	char name[16];
	snprintf(name, sizeof name, "calendar/%04d", year);
	char *path = wg_data_path(name);
	*out = access(path, R_OK) == 0;
	free(path);
	return WG_OK;
}

int wg_calendar_wanted_db(sqlite3 *db, const char *today, int *year, wg_error *err)
{
	bool have;
	int rc;
	*year = 0;
	if (!wg_date_valid(today))
		return WG_OK;
	int y = date_year(today);
	if ((rc = have_year(db, y, &have, err)) || !have)
		return rc ? rc : (*year = y, WG_OK);
	if (strcmp(today + 5, "11-01") >= 0 && (rc = have_year(db, y + 1, &have, err)) == WG_OK &&
	    !have)
		*year = y + 1;
	return rc;
}

/* ---- the county's recorded years ---- */

#define NEWEST_YEARS                                                                        \
	" FROM calendar c WHERE CAST(c.version AS INTEGER) = (SELECT max(CAST(c2.version AS"  \
	" INTEGER)) FROM calendar c2 WHERE c2.year = c.year) ORDER BY CAST(c.year AS INTEGER)"

int wg_calendar_open(sqlite3 *db, wg_calendar **out, wg_error *err)
{
	sqlite3_stmt *st;
	int rc = WG_OK, step, rows = 0;
	*out = NULL;
	if (sqlite3_prepare_v2(db, "SELECT c.year, c.body" NEWEST_YEARS, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	wg_calendar *cal = wg_calendar_new();
	while (rc == WG_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		char name[64];
		snprintf(name, sizeof name, _("the county's holiday calendar %s"),
			 (const char *)sqlite3_column_text(st, 0));
		strbuf body = STRBUF_INIT;
		sb_adds(&body, (const char *)sqlite3_column_text(st, 1));
		sb_addc(&body, '\n');
		rc = wg_calendar_parse(cal, name, body.buf, body.len, NULL, err);
		sb_release(&body);
		rows++;
	}
	if (rc == WG_OK && step != SQLITE_DONE)
		rc = wg_db_fail(db, err);
	sqlite3_finalize(st);
	if (rc == WG_OK && rows == 0) {
		/* recorded before calendars were county data */
		wg_calendar_free(cal);
		return wg_calendar_load(NULL, out, err);
	}
	if (rc) {
		wg_calendar_free(cal);
		return rc;
	}
	*out = cal;
	return WG_OK;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return xstrdup(t ? (const char *)t : "");
}

void wg_calendar_years_free(struct wg_calendar_years *y)
{
	for (size_t i = 0; i < y->n; i++) {
		free(y->v[i].source);
		free(y->v[i].origin);
		free(y->v[i].recorded_by);
		free(y->v[i].created);
	}
	free(y->v);
	y->v = NULL;
	y->n = 0;
}

int wg_calendar_list(sqlite3 *db, struct wg_calendar_years *out, wg_error *err)
{
	sqlite3_stmt *st;
	int step;
	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(db, "SELECT c.year, c.version, c.source, c.origin, c.recorded_by,"
				   " c.created" NEWEST_YEARS, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		struct wg_calendar_year *y = &out->v[out->n++];
		y->year = sqlite3_column_int(st, 0);
		y->version = sqlite3_column_int(st, 1);
		y->source = col_dup(st, 2);
		y->origin = col_dup(st, 3);
		y->recorded_by = col_dup(st, 4);
		y->created = col_dup(st, 5);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		wg_calendar_years_free(out);
		return wg_db_fail(db, err);
	}
	return WG_OK;
}

void wg_provisionals_free(struct wg_provisionals *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].what);
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

/* Open provisional deadlines: kind, id, grid, start day, deadline, what. */
static const char review_sql[] =
	"SELECT 'finding', f.id, f.grid, f.found, f.deadline, COALESCE(e.name, '')"
	" FROM finding f LEFT JOIN entity e ON e.id = f.entity"
	" WHERE f.deadline_basis = 'provisional' AND f.status = 'open' AND f.deadline <> ''"
	" UNION ALL"
	" SELECT 'complaint', c.id, c.grid, date(c.received, '+8 hours'), c.deadline,"
	" COALESCE(e.name, c.location) FROM complaint c LEFT JOIN entity e ON e.id = c.entity"
	" WHERE c.deadline_basis = 'provisional' AND c.status <> 'closed' AND c.deadline <> ''"
	" ORDER BY 5, 2";

int wg_calendar_review(sqlite3 *db, int year, struct wg_provisionals *out, wg_error *err)
{
	wg_calendar *cal;
	sqlite3_stmt *st;
	int rc, step;
	memset(out, 0, sizeof *out);
	if ((rc = wg_calendar_open(db, &cal, err)))
		return rc;
	if (sqlite3_prepare_v2(db, review_sql, -1, &st, NULL) != SQLITE_OK) {
		wg_calendar_free(cal);
		return wg_db_fail(db, err);
	}
	while (rc == WG_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *start = (const char *)sqlite3_column_text(st, 3);
		const char *deadline = (const char *)sqlite3_column_text(st, 4);
		if (!start || !deadline || !wg_date_valid(start) || !wg_date_valid(deadline) ||
		    wg_date_days(deadline) <= wg_date_days(start))
			continue;
		int y = date_year(deadline), missing, n;
		char counted[WG_DATE_LEN + 1];
		if ((year && y != year) || !find_year(cal, y))
			continue;
		/* The provisional count saw the deadline's year without a calendar:
		 * the same count of working days, with the calendar now installed. */
		cal->hidden = y;
		rc = wg_calendar_count_workdays(cal, start, deadline, &n, &missing, err);
		cal->hidden = 0;
		if (rc == WG_OK && n > 0)
			rc = wg_calendar_add_workdays(cal, start, n, counted, &missing, err);
		if (rc || n <= 0 || missing || strcmp(counted, deadline) == 0)
			continue;
		out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		struct wg_provisional *p = &out->v[out->n++];
		memset(p, 0, sizeof *p);
		snprintf(p->kind, sizeof p->kind, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(p->id, sizeof p->id, "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(p->grid, sizeof p->grid, "%s", (const char *)sqlite3_column_text(st, 2));
		snprintf(p->start, sizeof p->start, "%s", start);
		snprintf(p->deadline, sizeof p->deadline, "%s", deadline);
		snprintf(p->counted, sizeof p->counted, "%s", counted);
		p->what = col_dup(st, 5);
	}
	if (rc == WG_OK && step != SQLITE_DONE)
		rc = wg_db_fail(db, err);
	sqlite3_finalize(st);
	wg_calendar_free(cal);
	if (rc)
		wg_provisionals_free(out);
	return rc;
}

void wg_calendar_import_free(struct wg_calendar_import *res)
{
	wg_provisionals_free(&res->review);
}

/* The newest recorded version of a year: its number and body (NULL if none). */
static int newest(sqlite3 *db, int year, int *version, char **body, wg_error *err)
{
	sqlite3_stmt *st;
	*version = 0;
	*body = NULL;
	if (sqlite3_prepare_v2(db, "SELECT version, body FROM calendar WHERE CAST(year AS INTEGER) = ?"
				   " ORDER BY CAST(version AS INTEGER) DESC LIMIT 1", -1, &st,
			       NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_int(st, 1, year);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		*body = col_dup(st, 1);
	}
	sqlite3_finalize(st);
	return (rc == SQLITE_ROW || rc == SQLITE_DONE) ? WG_OK : wg_db_fail(db, err);
}

/* Check a year's text and record it as a new version unless the newest
 * version has the same text. */
static int store(sqlite3 *db, const char *name, const char *text, size_t len, const char *origin,
		 const char *by, struct wg_calendar_import *res, wg_error *err)
{
	wg_calendar *check = wg_calendar_new();
	int year = 0, version, rc = wg_calendar_parse(check, name, text, len, &year, err);
	char *old = NULL, *body = NULL;
	memset(res, 0, sizeof *res);
	if (rc)
		goto out;
	const char *source = wg_calendar_source(check, year);
	/* The record holds the text without its final line break(s). */
	while (len && text[len - 1] == '\n')
		len--;
	body = xstrndup(text, len);
	res->year = year;
	if ((rc = newest(db, year, &version, &old, err)))
		goto out;
	res->version = version;
	if (old && strcmp(old, body) == 0)
		goto out;
	wg_record *rec = wg_record_new(&wg_kind_calendar);
	char id[WG_ID_HEXLEN + 1], now[WG_TIMESTAMP_LEN + 1], ys[16], vs[16];
	if (wg_id_new(id) != 0) {
		wg_record_free(rec);
		rc = wg_fail(err, WG_EINTERNAL, _("the system gives no random numbers"));
		goto out;
	}
	wg_timestamp(wg_now(), now);
	snprintf(ys, sizeof ys, "%d", year);
	snprintf(vs, sizeof vs, "%d", version + 1);
	wg_record_put(rec, 0, id);
	if ((rc = wg_record_set(rec, "year", ys, NULL, err)) ||
	    (rc = wg_record_set(rec, "version", vs, NULL, err)) ||
	    (rc = wg_record_set(rec, "source", source, NULL, err)) ||
	    (rc = wg_record_set(rec, "body", body, NULL, err)) ||
	    (rc = wg_record_set(rec, "origin", origin, NULL, err)) ||
	    (rc = wg_record_set(rec, "recorded_by", by, NULL, err)) ||
	    (rc = wg_record_set(rec, "created", now, NULL, err)) ||
	    (rc = wg_record_check(rec, err)) || (rc = wg_db_insert(db, rec, err)))
		wg_error_prefix(err, "%s", name);
	wg_record_free(rec);
	res->version = version + 1;
	res->changed = rc == WG_OK;
out:
	free(old);
	free(body);
	wg_calendar_free(check);
	return rc;
}

int wg_calendar_import(wg_workspace *ws, const char *path, struct wg_calendar_import *res,
		       wg_error *err)
{
	char *buf, *by = NULL;
	size_t len;
	int rc;
	memset(res, 0, sizeof *res);
	if ((rc = wg_may_edit(ws, &wg_kind_calendar, NULL, true, err)))
		return rc;
	if ((rc = wg_read_file_buf(path, 1 << 16, &buf, &len, err)))
		return rc;
	const char *p[] = {ws->county_id ? ws->county_id : ""};
	if ((rc = wg_query_text(ws->db, "SELECT name FROM county WHERE id = ?1", p, 1, &by, err)) ||
	    (rc = wg_db_begin(ws->db, err)))
		goto out;
	/* A county made before calendars were county data counts with the shipped
	 * years: record them first, or the new year would be the only one. */
	char *recorded = NULL;
	size_t nshipped;
	if ((rc = wg_query_text(ws->db, "SELECT count(*) FROM calendar", NULL, 0, &recorded, err)) ||
	    (recorded && atoi(recorded) == 0 &&
	     (rc = wg_calendar_import_shipped(ws->db, &nshipped, err))) ||
	    (rc = store(ws->db, path, buf, len, "imported", by ? by : "", res, err)) ||
	    (rc = wg_db_commit(ws->db, err))) {
		free(recorded);
		wg_db_rollback(ws->db);
		goto out;
	}
	free(recorded);
	if (res->changed)
		rc = wg_calendar_review(ws->db, res->year, &res->review, err);
out:
	free(by);
	free(buf);
	return rc;
}

int wg_calendar_import_shipped(sqlite3 *db, size_t *count, wg_error *err)
{
	char *dir = wg_data_path("calendar");
	int names[64];
	size_t n;
	int rc;

	*count = 0;
	if ((rc = year_files(dir, names, &n, err)) || (rc = wg_db_begin(db, err)))
		goto out;
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		char *path = xasprintf("%s/%04d", dir, names[i]);
		char *buf;
		size_t len;
		struct wg_calendar_import res;
		if ((rc = wg_read_file_buf(path, 1 << 16, &buf, &len, err)) == WG_OK) {
			rc = store(db, path, buf, len, "shipped", "", &res, err);
			if (rc == WG_OK && res.year != names[i])
				rc = wg_fail(err, WG_EINPUT, _("%s: the file name and @year differ"), path);
			free(buf);
			*count += rc == WG_OK;
		}
		free(path);
	}
	if (rc || (rc = wg_db_commit(db, err)))
		wg_db_rollback(db);
out:
	free(dir);
	return rc;
}

/* The open task that follows a deadline: a finding's re-inspection, a
 * complaint's check. Moves with a deadline set by hand. */
static int follow_task(sqlite3 *db, const wg_record *rec, wg_error *err)
{
	bool finding = rec->kind == &wg_kind_finding;
	const char *task = finding ? wg_record_get(rec, "recheck") : NULL;
	wg_records tasks = {0};
	int rc;
	const char *p[] = {finding ? task : wg_record_id(rec)};
	if (finding && !*task)
		return WG_OK;
	if ((rc = wg_select(db, &wg_kind_task,
			    finding ? "id = ?1 AND status IN ('open', 'started')"
				    : "source = ?1 AND source <> '' AND kind = 'complaint' AND status IN ('open', 'started')",
			    NULL, p, 1, &tasks, err)))
		return rc;
	for (size_t i = 0; i < tasks.n && rc == WG_OK; i++) {
		char *due = NULL;
		const char *q[] = {wg_record_id(tasks.v[i])};
		/* a re-inspection is due at the latest deadline of its open findings */
		if (finding &&
		    (rc = wg_query_text(db, "SELECT max(deadline) FROM finding WHERE recheck = ?1"
					    " AND status = 'open'", q, 1, &due, err)))
			break;
		wg_record_put(tasks.v[i], wg_field_index(&wg_kind_task, "due"),
			      due && *due ? due : wg_record_get(rec, "deadline"));
		wg_record_put(tasks.v[i], wg_field_index(&wg_kind_task, "due_basis"), "by_hand");
		free(due);
		rc = wg_db_update(db, tasks.v[i], err);
	}
	wg_records_free(&tasks);
	return rc;
}

int wg_deadline_set(wg_workspace *ws, const struct wg_kind *kind, const char *id,
		    const char *date, wg_error *err)
{
	bool finding = kind == &wg_kind_finding;
	wg_record *rec;
	int rc;
	if (kind != &wg_kind_finding && kind != &wg_kind_complaint)
		return wg_fail(err, WG_EINTERNAL, "a deadline of a %s", kind->name);
	if ((rc = wg_may_edit(ws, kind, wg_field_find(kind, "deadline"), false, err)))
		return rc;
	if (!wg_date_valid(date))
		return wg_fail(err, WG_EINPUT, _("\"%s\" is not a date of the form 2026-01-31"), date);
	if ((rc = wg_db_begin(ws->db, err)))
		return rc;
	if ((rc = wg_db_load(ws->db, kind, id, &rec, err)))
		goto fail;
	char start[WG_DATE_LEN + 1];
	time_t t;
	if (finding)
		snprintf(start, sizeof start, "%s", wg_record_get(rec, "found"));
	else if (wg_timestamp_parse(wg_record_get(rec, "received"), &t))
		wg_date_of(t, start);
	else
		*start = '\0';
	wg_record *insp = NULL;
	if (finding && (rc = wg_db_load(ws->db, &wg_kind_inspection, wg_record_get(rec, "inspection"),
					&insp, err))) {
		wg_record_free(rec);
		goto fail;
	}
	bool patrol = insp && strcmp(wg_record_get(insp, "kind"), "patrol") == 0;
	wg_record_free(insp);
	if (patrol) {
		rc = wg_fail(err, WG_EINPUT,
			     _("finding %.8s was found on a patrol: a patrol sets no rectification "
			       "deadline (责令整改 is an inspector's act); it went to the county as a "
			       "clue"), id);
	} else if (finding ? strcmp(wg_record_get(rec, "status"), "open") != 0
		    : strcmp(wg_record_get(rec, "status"), "closed") == 0) {
		rc = finding ? wg_fail(err, WG_EINPUT, _("finding %.8s is no longer open"), id)
			     : wg_fail(err, WG_EINPUT, _("complaint %.8s is already closed"), id);
	} else if (strcmp(date, start) <= 0) {
		rc = wg_fail(err, WG_EINPUT, _("the deadline must be after %s, the day it starts from"),
			     start);
	} else {
		wg_record_put(rec, wg_field_index(kind, "deadline"), date);
		wg_record_put(rec, wg_field_index(kind, "deadline_basis"), "by_hand");
		if ((rc = wg_db_update(ws->db, rec, err)) == WG_OK)
			rc = follow_task(ws->db, rec, err);
	}
	wg_record_free(rec);
	if (rc == WG_OK && (rc = wg_db_commit(ws->db, err)) == WG_OK)
		return WG_OK;
fail:
	wg_db_rollback(ws->db);
	return rc;
}
