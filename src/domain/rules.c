#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datafile.h"
#include "db.h"
#include "i18n.h"
#include "id.h"
#include "query.h"
#include "recordop.h"
#include "rules.h"
#include "schema.h"
#include "strbuf.h"
#include "timeutil.h"

static const char *const set_names[WG_RULES_NSETS] = {"points", "risk", "patrol", "limits", "report"};

const char *wg_rule_set_name(int set)
{
	return set >= 0 && set < WG_RULES_NSETS ? set_names[set] : "";
}

int wg_rule_set_find(const char *name)
{
	for (int i = 0; name && i < WG_RULES_NSETS; i++)
		if (strcmp(set_names[i], name) == 0)
			return i;
	return -1;
}

const char *wg_rule_set_label(int set)
{
	return wg_option_label(wg_field_find(&wg_kind_rules, "ruleset"), wg_rule_set_name(set));
}

static bool parse_days(const char *s, int lo, int hi, int *out)
{
	size_t n = strlen(s);
	if (n == 0 || n > 4 || strspn(s, "0123456789") != n || (n > 1 && s[0] == '0'))
		return false;
	*out = atoi(s);
	return *out >= lo && *out <= hi;
}

/* ---- patrol frequency and time limits ---- */

void wg_patrol_rules_free(wg_patrol_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].grade);
	free(r->v);
	free(r);
}

int wg_patrol_days(const wg_patrol_rules *r, const char *grade)
{
	for (size_t i = 0; grade && i < r->n; i++)
		if (strcmp(r->v[i].grade, grade) == 0)
			return r->v[i].days;
	return r->default_days;
}

int wg_patrol_min_days(const wg_patrol_rules *r)
{
	int m = r->default_days;
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].days < m)
			m = r->v[i].days;
	return m;
}

/* A risk grade code as the risk file writes them: a-z, 0-9 and '-'. */
static bool grade_code(const char *s)
{
	size_t n = strlen(s);
	return n && n <= 16 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static int patrol_parse(const char *name, const char *text, size_t len, wg_patrol_rules **out,
			wg_error *err)
{
	wg_datafile df;
	int rc = wg_datafile_parse(name, text, len, &df, err);
	if (rc)
		return rc;
	wg_patrol_rules *r = xcalloc(1, sizeof *r);
	for (size_t i = 0; i < df.nlines && rc == WG_OK; i++) {
		const struct wg_dfline *l = &df.lines[i];
		const char *d = l->directive;
		int v;
		if (wg_rules_header(d) || (d && strcmp(d, "scheme") == 0))
			continue;
		if (d && strcmp(d, "default") == 0) {
			if (r->default_days || l->nfields != 1 || !parse_days(l->fields[0], 1, 3660, &v))
				rc = wg_datafile_fail(&df, l, err,
						      _("@default needs one number of days from 1 to 3660, given once"));
			else
				r->default_days = v;
		} else if (d && strcmp(d, "interval") == 0) {
			if (l->nfields != 2 || !grade_code(l->fields[0]) ||
			    !parse_days(l->fields[1], 1, 3660, &v)) {
				rc = wg_datafile_fail(&df, l, err,
						      _("expected: @interval GRADE | DAYS (days from 1 to 3660)"));
				continue;
			}
			for (size_t k = 0; k < r->n; k++)
				if (strcmp(r->v[k].grade, l->fields[0]) == 0)
					rc = wg_datafile_fail(&df, l, err, _("the grade %s is given twice"),
							      l->fields[0]);
			if (rc)
				continue;
			r->v = xrealloc(r->v, (r->n + 1) * sizeof *r->v);
			r->v[r->n++] = (struct wg_patrol_interval){xstrdup(l->fields[0]), v};
		} else if (d) {
			rc = wg_datafile_fail(&df, l, err, _("unknown directive @%s"), d);
		} else {
			rc = wg_datafile_fail(&df, l, err, _("expected a directive (@default, @interval)"));
		}
	}
	if (rc == WG_OK && !r->default_days)
		rc = wg_datafile_fail(&df, NULL, err, _("a patrol file needs a @default line"));
	wg_datafile_free(&df);
	if (rc) {
		wg_patrol_rules_free(r);
		return rc;
	}
	*out = r;
	return WG_OK;
}

static int limits_parse(const char *name, const char *text, size_t len, struct wg_limits *out,
			wg_error *err)
{
	static const char *const keys[] = {"publish-workdays", "complaint-workdays",
					   "expiry-alert-days"};
	wg_datafile df;
	int rc = wg_datafile_parse(name, text, len, &df, err);
	struct wg_limits lim = {0};
	int *slot[] = {&lim.publish_workdays, &lim.complaint_workdays, &lim.expiry_alert_days};
	const int hi[] = {250, 250, 3660};
	if (rc)
		return rc;
	for (size_t i = 0; i < df.nlines && rc == WG_OK; i++) {
		const struct wg_dfline *l = &df.lines[i];
		const char *d = l->directive;
		size_t k = 0;
		if (wg_rules_header(d) || (d && strcmp(d, "scheme") == 0))
			continue;
		if (!d) {
			rc = wg_datafile_fail(&df, l, err, _("expected a directive (@publish-workdays, ...)"));
			continue;
		}
		while (k < 3 && strcmp(keys[k], d))
			k++;
		if (k == 3) {
			rc = wg_datafile_fail(&df, l, err, _("unknown directive @%s"), d);
		} else if (*slot[k] || l->nfields != 1 || !parse_days(l->fields[0], 1, hi[k], slot[k])) {
			rc = wg_datafile_fail(&df, l, err, _("@%s needs one number from 1 to %d, given once"),
					      d, hi[k]);
		}
	}
	if (rc == WG_OK && (!lim.publish_workdays || !lim.complaint_workdays || !lim.expiry_alert_days))
		rc = wg_datafile_fail(&df, NULL, err,
				      _("a limits file needs @publish-workdays, @complaint-workdays and "
					"@expiry-alert-days"));
	wg_datafile_free(&df);
	if (rc == WG_OK)
		*out = lim;
	return rc;
}

/* ---- the categories the reports use ---- */

void wg_report_rules_free(struct wg_report_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ncat; i++) {
		free(r->cat[i].code);
		free(r->cat[i].zh);
		free(r->cat[i].en);
	}
	free(r->cat);
	free(r);
}

const struct wg_clue_category *wg_clue_category_find(const struct wg_report_rules *r,
						     const char *code)
{
	for (size_t i = 0; r && code && i < r->ncat; i++)
		if (strcmp(r->cat[i].code, code) == 0)
			return &r->cat[i];
	return NULL;
}

const char *wg_clue_category_label(const struct wg_report_rules *r, const char *code)
{
	const struct wg_clue_category *c = wg_clue_category_find(r, code);
	return c ? wg_pick(c->zh, c->en) : code;
}

/* A category code: what a clue record's category field accepts. */
static bool category_code(const char *s)
{
	size_t n = strlen(s);
	return n >= 1 && n <= 20 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n &&
	       s[0] >= 'a' && s[0] <= 'z';
}

static int report_parse(const char *name, const char *text, size_t len,
			struct wg_report_rules **out, wg_error *err)
{
	wg_datafile df;
	int rc = wg_datafile_parse(name, text, len, &df, err);
	if (rc)
		return rc;
	struct wg_report_rules *r = xcalloc(1, sizeof *r);
	for (size_t i = 0; i < df.nlines && rc == WG_OK; i++) {
		const struct wg_dfline *l = &df.lines[i];
		const char *d = l->directive;
		int v;
		if (wg_rules_header(d) || (d && strcmp(d, "scheme") == 0))
			continue;
		if (d && strcmp(d, "clue-category") == 0) {
			if (l->nfields != 3 || !category_code(l->fields[0]) || !*l->fields[1] ||
			    !*l->fields[2]) {
				rc = wg_datafile_fail(&df, l, err,
						      _("expected: @clue-category CODE | 中文 | English "
							"(CODE: a-z, 0-9, _ and -, at most 20)"));
				continue;
			}
			if (wg_clue_category_find(r, l->fields[0])) {
				rc = wg_datafile_fail(&df, l, err, _("the category %s is given twice"),
						      l->fields[0]);
				continue;
			}
			r->cat = xrealloc(r->cat, (r->ncat + 1) * sizeof *r->cat);
			r->cat[r->ncat++] = (struct wg_clue_category){
				xstrdup(l->fields[0]), xstrdup(l->fields[1]), xstrdup(l->fields[2])};
		} else if (d && strcmp(d, "complaint-bucket") == 0) {
			if (l->nfields != 1 || !parse_days(l->fields[0], 1, 250, &v))
				rc = wg_datafile_fail(&df, l, err,
						      _("@complaint-bucket needs one number of working days "
							"from 1 to 250"));
			else if (r->nbuckets && v <= r->bucket[r->nbuckets - 1])
				rc = wg_datafile_fail(&df, l, err,
						      _("the @complaint-bucket lines go up: %d after %d"), v,
						      r->bucket[r->nbuckets - 1]);
			else if (r->nbuckets == WG_REPORT_MAX_BUCKETS)
				rc = wg_datafile_fail(&df, l, err, _("at most %d @complaint-bucket lines"),
						      WG_REPORT_MAX_BUCKETS);
			else
				r->bucket[r->nbuckets++] = v;
		} else if (d) {
			rc = wg_datafile_fail(&df, l, err, _("unknown directive @%s"), d);
		} else {
			rc = wg_datafile_fail(&df, l, err,
					      _("expected a directive (@clue-category, @complaint-bucket)"));
		}
	}
	if (rc == WG_OK && (!r->ncat || !r->nbuckets))
		rc = wg_datafile_fail(&df, NULL, err,
				      _("a report file needs @clue-category and @complaint-bucket lines"));
	wg_datafile_free(&df);
	if (rc) {
		wg_report_rules_free(r);
		return rc;
	}
	*out = r;
	return WG_OK;
}

/* ---- the header and the check of a whole file ---- */

/* The @rules and @effective lines, and the @scheme a record names. */
static int header(const char *name, const char *text, size_t len, int *set, char effective[11],
		  char **scheme, wg_error *err)
{
	wg_datafile df;
	int rc = wg_datafile_parse(name, text, len, &df, err);
	*set = -1;
	*effective = '\0';
	if (scheme)
		*scheme = NULL;
	if (rc)
		return rc;
	for (size_t i = 0; i < df.nlines && rc == WG_OK; i++) {
		const struct wg_dfline *l = &df.lines[i];
		const char *d = l->directive;
		if (!d)
			continue;
		if (strcmp(d, "rules") == 0) {
			int s = l->nfields == 1 ? wg_rule_set_find(l->fields[0]) : -1;
			if (*set >= 0 || s < 0)
				rc = wg_datafile_fail(&df, l, err,
						      _("@rules needs one of points, risk, patrol, limits, report, given once"));
			*set = s;
		} else if (strcmp(d, "effective") == 0) {
			if (*effective || l->nfields != 1 || !wg_date_valid(l->fields[0]))
				rc = wg_datafile_fail(&df, l, err,
						      _("@effective needs one date of the form 2027-01-01, given once"));
			else
				snprintf(effective, 11, "%s", l->fields[0]);
		} else if (strcmp(d, "scheme") == 0 && scheme && !*scheme && l->nfields >= 1) {
			*scheme = xstrdup(l->fields[0]);
		}
	}
	if (rc == WG_OK && *set < 0)
		rc = wg_datafile_fail(&df, NULL, err,
				      _("no @rules line saying which rules the file holds"));
	if (rc == WG_OK && !*effective)
		rc = wg_datafile_fail(&df, NULL, err, _("no @effective line giving the day it applies from"));
	if (rc == WG_OK && scheme && !*scheme)
		rc = wg_datafile_fail(&df, NULL, err, _("no @scheme line naming the rules"));
	wg_datafile_free(&df);
	if (rc && scheme) {
		free(*scheme);
		*scheme = NULL;
	}
	return rc;
}

int wg_rules_check(const char *name, const char *text, size_t len, int *set, char effective[11],
		   wg_error *err)
{
	int rc = header(name, text, len, set, effective, NULL, err);
	if (rc)
		return rc;
	switch (*set) {
	case WG_RULES_POINTS: {
		wg_points_rules *p;
		if ((rc = wg_points_rules_parse(name, text, len, &p, err)) == WG_OK)
			wg_points_rules_free(p);
		return rc;
	}
	case WG_RULES_RISK: {
		wg_risk_rules *r;
		if ((rc = wg_risk_rules_parse(name, text, len, &r, err)) == WG_OK)
			wg_risk_rules_free(r);
		return rc;
	}
	case WG_RULES_PATROL: {
		wg_patrol_rules *p;
		if ((rc = patrol_parse(name, text, len, &p, err)) == WG_OK)
			wg_patrol_rules_free(p);
		return rc;
	}
	case WG_RULES_REPORT: {
		struct wg_report_rules *r;
		if ((rc = report_parse(name, text, len, &r, err)) == WG_OK)
			wg_report_rules_free(r);
		return rc;
	}
	default: {
		struct wg_limits l;
		return limits_parse(name, text, len, &l, err);
	}
	}
}

/* ---- reading what a workspace computes with ---- */

struct text_version {
	int version;
	char effective[11];
	char *body;
	char *name; /* for messages */
};

/* A parsed version carries its number and the day it took effect. */
static void stamp(int *version, char effective[11], const struct text_version *v)
{
	*version = v->version;
	snprintf(effective, 11, "%s", v->effective);
}

static void text_versions_free(struct text_version *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].body);
		free(v[i].name);
	}
	free(v);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return xstrdup(t ? (const char *)t : "");
}

/* Every version of a set, ascending; the shipped file (version 0) when the
 * workspace records none. */
static int set_texts(sqlite3 *db, int set, struct text_version **out, size_t *n, wg_error *err)
{
	sqlite3_stmt *st;
	int step, rc = WG_OK;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db, "SELECT version, effective, body FROM rules WHERE ruleset = ?1"
				   " ORDER BY CAST(version AS INTEGER)", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, wg_rule_set_name(set), -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		struct text_version *v = &(*out)[(*n)++];
		v->version = sqlite3_column_int(st, 0);
		snprintf(v->effective, sizeof v->effective, "%s",
			 (const char *)sqlite3_column_text(st, 1));
		/* the record holds the text without its final line break */
		strbuf b = STRBUF_INIT;
		sb_adds(&b, (const char *)sqlite3_column_text(st, 2));
		sb_addc(&b, '\n');
		v->body = sb_detach(&b);
		v->name = xasprintf(_("the county's %s rules, version %d"), wg_rule_set_label(set),
				    v->version);
	}
	if (step != SQLITE_DONE)
		rc = wg_db_fail(db, err);
	sqlite3_finalize(st);
	if (rc == WG_OK && *n == 0) {
		/* a workspace from before rules were county data: the shipped file */
		char rel[32];
		snprintf(rel, sizeof rel, "rules/%s", wg_rule_set_name(set));
		char *path = wg_data_path(rel), *buf;
		size_t len;
		if ((rc = wg_read_file_buf(path, 1 << 20, &buf, &len, err)) == WG_OK) {
			int s;
			char eff[11];
			if ((rc = header(path, buf, len, &s, eff, NULL, err)) == WG_OK && s != set)
				rc = wg_fail(err, WG_EINPUT, _("%s: @rules names other rules"), path);
			if (rc == WG_OK) {
				*out = xcalloc(1, sizeof **out);
				(*out)->version = 0;
				snprintf((*out)->effective, 11, "%s", eff);
				(*out)->body = buf;
				(*out)->name = path;
				path = NULL;
				buf = NULL;
				*n = 1;
			}
			free(buf);
		}
		free(path);
	}
	if (rc) {
		text_versions_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* The index of the version in force on date: the newest that applies by
 * then, or the oldest when date precedes them all. */
static size_t in_force(const struct text_version *v, size_t n, const char *date)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].effective, date) <= 0)
			k = i;
	return k;
}

static int load_recomputes(sqlite3 *db, wg_points_rules *head, wg_error *err)
{
	sqlite3_stmt *st;
	int step;
	if (sqlite3_prepare_v2(db, "SELECT version, since FROM recompute WHERE ruleset = 'points'"
				   " ORDER BY created, id", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		head->recomputes = xrealloc(head->recomputes,
					    (head->nrecomputes + 1) * sizeof *head->recomputes);
		struct wg_points_recompute *c = &head->recomputes[head->nrecomputes++];
		c->version = sqlite3_column_int(st, 0);
		snprintf(c->since, sizeof c->since, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

static int points_open(sqlite3 *db, const char *date, wg_points_rules **out, wg_error *err)
{
	struct text_version *tv;
	size_t n;
	int rc = set_texts(db, WG_RULES_POINTS, &tv, &n, err);
	*out = NULL;
	if (rc)
		return rc;
	wg_points_rules **all = xcalloc(n, sizeof *all);
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		rc = wg_points_rules_parse(tv[i].name, tv[i].body, strlen(tv[i].body), &all[i], err);
		if (rc == WG_OK)
			stamp(&all[i]->version, all[i]->effective, &tv[i]);
	}
	if (rc) {
		for (size_t i = 0; i < n; i++)
			wg_points_rules_free(all[i]);
		free(all);
		text_versions_free(tv, n);
		return rc;
	}
	wg_points_rules *head = all[in_force(tv, n, date)];
	head->versions = all;
	head->nversions = n;
	text_versions_free(tv, n);
	if ((rc = load_recomputes(db, head, err))) {
		wg_points_rules_free(head);
		return rc;
	}
	*out = head;
	return WG_OK;
}

/* The text of the version of set in force on date. */
static int text_in_force(sqlite3 *db, int set, const char *date, struct text_version *out,
			 wg_error *err)
{
	struct text_version *tv;
	size_t n;
	int rc = set_texts(db, set, &tv, &n, err);
	if (rc)
		return rc;
	size_t k = in_force(tv, n, date);
	*out = tv[k];
	tv[k].body = NULL;
	tv[k].name = NULL;
	text_versions_free(tv, n);
	return WG_OK;
}

/* Every loader of one version in force: the version's text parsed by parse
 * into out, which then carries the version's number and date (stamp). */
typedef int (*version_parse_fn)(const struct text_version *v, void *out, wg_error *err);

static int open_in_force(sqlite3 *db, int set, const char *date, version_parse_fn parse,
			 void *out, wg_error *err)
{
	struct text_version v;
	int rc = text_in_force(db, set, date, &v, err);
	if (rc)
		return rc;
	rc = parse(&v, out, err);
	free(v.body);
	free(v.name);
	return rc;
}

static int risk_from(const struct text_version *v, void *out, wg_error *err)
{
	wg_risk_rules **r = out;
	int rc = wg_risk_rules_parse(v->name, v->body, strlen(v->body), r, err);
	if (rc == WG_OK)
		stamp(&(*r)->version, (*r)->effective, v);
	return rc;
}

static int risk_open(sqlite3 *db, const char *date, wg_risk_rules **out, wg_error *err)
{
	*out = NULL;
	return open_in_force(db, WG_RULES_RISK, date, risk_from, out, err);
}

int wg_rules_load(sqlite3 *db, const char *date, wg_points_rules **points, wg_risk_rules **risk,
		  wg_error *err)
{
	int rc = WG_OK;
	if (points)
		*points = NULL;
	if (risk)
		*risk = NULL;
	if ((points && (rc = points_open(db, date, points, err))) ||
	    (risk && (rc = risk_open(db, date, risk, err)))) {
		wg_rules_free(points ? *points : NULL, risk ? *risk : NULL);
		if (points)
			*points = NULL;
		if (risk)
			*risk = NULL;
	}
	return rc;
}

void wg_rules_free(wg_points_rules *points, wg_risk_rules *risk)
{
	wg_points_rules_free(points);
	wg_risk_rules_free(risk);
}

static int patrol_from(const struct text_version *v, void *out, wg_error *err)
{
	wg_patrol_rules **r = out;
	int rc = patrol_parse(v->name, v->body, strlen(v->body), r, err);
	if (rc == WG_OK)
		stamp(&(*r)->version, (*r)->effective, v);
	return rc;
}

int wg_patrol_rules_open(sqlite3 *db, const char *date, wg_patrol_rules **out, wg_error *err)
{
	*out = NULL;
	return open_in_force(db, WG_RULES_PATROL, date, patrol_from, out, err);
}

static int report_from(const struct text_version *v, void *out, wg_error *err)
{
	struct wg_report_rules **r = out;
	int rc = report_parse(v->name, v->body, strlen(v->body), r, err);
	if (rc == WG_OK)
		stamp(&(*r)->version, (*r)->effective, v);
	return rc;
}

int wg_report_rules_open(sqlite3 *db, const char *date, struct wg_report_rules **out,
			 wg_error *err)
{
	*out = NULL;
	return open_in_force(db, WG_RULES_REPORT, date, report_from, out, err);
}

static int limits_from(const struct text_version *v, void *out, wg_error *err)
{
	struct wg_limits *l = out;
	int rc = limits_parse(v->name, v->body, strlen(v->body), l, err);
	if (rc == WG_OK)
		stamp(&l->version, l->effective, v);
	return rc;
}

int wg_limits_open(sqlite3 *db, const char *date, struct wg_limits *out, wg_error *err)
{
	memset(out, 0, sizeof *out);
	return open_in_force(db, WG_RULES_LIMITS, date, limits_from, out, err);
}

/* ---- the county's recorded versions ---- */

void wg_rules_version_clear(struct wg_rules_version *v)
{
	free(v->scheme);
	free(v->origin);
	free(v->recorded_by);
	free(v->created);
	free(v->body);
	memset(v, 0, sizeof *v);
}

void wg_rules_versions_free(struct wg_rules_versions *v)
{
	for (size_t i = 0; i < v->n; i++)
		wg_rules_version_clear(&v->v[i]);
	free(v->v);
	v->v = NULL;
	v->n = 0;
}

/* The versions of one set, recorded or shipped, with the one in force marked. */
static int set_versions(sqlite3 *db, int set, const char *today, struct wg_rules_versions *out,
			wg_error *err)
{
	sqlite3_stmt *st;
	int step, rc = WG_OK;
	size_t first = out->n;
	if (sqlite3_prepare_v2(db, "SELECT version, effective, scheme, origin, recorded_by, created,"
				   " body FROM rules WHERE ruleset = ?1 ORDER BY CAST(version AS INTEGER)",
			       -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, wg_rule_set_name(set), -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		struct wg_rules_version *v = &out->v[out->n++];
		memset(v, 0, sizeof *v);
		v->set = set;
		v->version = sqlite3_column_int(st, 0);
		snprintf(v->effective, sizeof v->effective, "%s", (const char *)sqlite3_column_text(st, 1));
		v->scheme = col_dup(st, 2);
		v->origin = col_dup(st, 3);
		v->recorded_by = col_dup(st, 4);
		v->created = col_dup(st, 5);
		v->body = col_dup(st, 6);
	}
	if (step != SQLITE_DONE)
		rc = wg_db_fail(db, err);
	sqlite3_finalize(st);
	if (rc == WG_OK && out->n == first) {
		struct text_version *tv;
		size_t n;
		if ((rc = set_texts(db, set, &tv, &n, err)) == WG_OK) {
			char *scheme = NULL;
			int s;
			char eff[11];
			if ((rc = header(tv[0].name, tv[0].body, strlen(tv[0].body), &s, eff, &scheme,
					 err)) == WG_OK) {
				out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
				struct wg_rules_version *v = &out->v[out->n++];
				memset(v, 0, sizeof *v);
				v->set = set;
				snprintf(v->effective, sizeof v->effective, "%s", eff);
				v->scheme = scheme;
				v->origin = xstrdup("");
				v->recorded_by = xstrdup("");
				v->created = xstrdup("");
				v->body = tv[0].body;
				tv[0].body = NULL;
			}
			text_versions_free(tv, n);
		}
	}
	if (rc == WG_OK && out->n > first) {
		size_t k = first;
		for (size_t i = first; i < out->n; i++)
			if (strcmp(out->v[i].effective, today) <= 0)
				k = i;
		out->v[k].in_force = true;
	}
	return rc;
}

int wg_rules_list(sqlite3 *db, const char *today, struct wg_rules_versions *out, wg_error *err)
{
	int rc = WG_OK;
	memset(out, 0, sizeof *out);
	for (int s = 0; s < WG_RULES_NSETS && rc == WG_OK; s++)
		rc = set_versions(db, s, today, out, err);
	if (rc)
		wg_rules_versions_free(out);
	return rc;
}

int wg_rules_show(sqlite3 *db, int set, int version, const char *today,
		  struct wg_rules_version *out, wg_error *err)
{
	struct wg_rules_versions all = {0};
	int rc = set_versions(db, set, today, &all, err);
	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	size_t k = all.n;
	for (size_t i = 0; i < all.n; i++)
		if (version ? all.v[i].version == version : all.v[i].in_force)
			k = i;
	if (k == all.n) {
		rc = wg_fail(err, WG_EINPUT, _("the %s rules have no version %d"),
			     wg_rule_set_label(set), version);
	} else {
		*out = all.v[k];
		memset(&all.v[k], 0, sizeof all.v[k]);
	}
	wg_rules_versions_free(&all);
	return rc;
}

void wg_recomputes_free(struct wg_recomputes *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].reason);
		free(r->v[i].recorded_by);
		free(r->v[i].created);
	}
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

int wg_recompute_list(sqlite3 *db, struct wg_recomputes *out, wg_error *err)
{
	sqlite3_stmt *st;
	int step;
	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(db, "SELECT ruleset, version, since, reason, recorded_by, created"
				   " FROM recompute ORDER BY created, id", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		struct wg_recompute_entry *e = &out->v[out->n++];
		e->set = wg_rule_set_find((const char *)sqlite3_column_text(st, 0));
		e->version = sqlite3_column_int(st, 1);
		snprintf(e->since, sizeof e->since, "%s", (const char *)sqlite3_column_text(st, 2));
		e->reason = col_dup(st, 3);
		e->recorded_by = col_dup(st, 4);
		e->created = col_dup(st, 5);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		wg_recomputes_free(out);
		return wg_db_fail(db, err);
	}
	return WG_OK;
}

/* The newest recorded version of a set: number, day and body (NULL if none). */
static int newest(sqlite3 *db, int set, int *version, char effective[11], char **body,
		  wg_error *err)
{
	sqlite3_stmt *st;
	*version = 0;
	*effective = '\0';
	*body = NULL;
	if (sqlite3_prepare_v2(db, "SELECT version, effective, body FROM rules WHERE ruleset = ?1"
				   " ORDER BY CAST(version AS INTEGER) DESC LIMIT 1", -1, &st,
			       NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, wg_rule_set_name(set), -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		snprintf(effective, 11, "%s", (const char *)sqlite3_column_text(st, 1));
		*body = col_dup(st, 2);
	}
	sqlite3_finalize(st);
	return (rc == SQLITE_ROW || rc == SQLITE_DONE) ? WG_OK : wg_db_fail(db, err);
}

/* The line of the @effective directive, for a refusal that names it. */
static unsigned effective_line(const char *text, size_t len)
{
	unsigned line = 1;
	for (size_t i = 0; i < len; i++) {
		if ((i == 0 || text[i - 1] == '\n') && len - i >= 10 && memcmp(text + i, "@effective", 10) == 0)
			return line;
		line += text[i] == '\n';
	}
	return 0;
}

/* Check a rule file and record it as the set's next version unless the
 * newest one has the same text. shipped: a new county's defaults, whose days
 * are not held against today. */
static int store(sqlite3 *db, const char *name, const char *text, size_t len, bool shipped,
		 const char *by, struct wg_rules_import *res, wg_error *err)
{
	int set, rc, version;
	char effective[11], last[11], *scheme = NULL, *old = NULL, *body = NULL;
	memset(res, 0, sizeof *res);
	if ((rc = wg_rules_check(name, text, len, &set, effective, err)) ||
	    (rc = header(name, text, len, &set, effective, &scheme, err)))
		goto out;
	res->set = set;
	snprintf(res->effective, sizeof res->effective, "%s", effective);
	while (len && text[len - 1] == '\n')
		len--;
	body = xstrndup(text, len);
	if ((rc = newest(db, set, &version, last, &old, err)))
		goto out;
	res->version = version;
	if (old && strcmp(old, body) == 0)
		goto out;
	char today[WG_DATE_LEN + 1];
	wg_today(today);
	if (old && strcmp(effective, last) < 0) {
		rc = wg_fail(err, WG_EINPUT,
			     _("%s:%u: the version before applies from %s: a new version cannot apply "
			       "from an earlier day"), name, effective_line(text, len), last);
		goto out;
	}
	if (!shipped && old && strcmp(effective, today) < 0) {
		rc = wg_fail(err, WG_EINPUT,
			     _("%s:%u: %s is before today: the rules would change the points of facts "
			       "already recorded. Give today or a later day; to count earlier facts "
			       "again, record a recompute (wangge rules recompute)"),
			     name, effective_line(text, len), effective);
		goto out;
	}
	wg_record *rec = wg_record_new(&wg_kind_rules);
	char id[WG_ID_HEXLEN + 1], now[WG_TIMESTAMP_LEN + 1], vs[16];
	if (wg_id_new(id) != 0) {
		wg_record_free(rec);
		rc = wg_fail(err, WG_EINTERNAL, _("the system gives no random numbers"));
		goto out;
	}
	wg_timestamp(wg_now(), now);
	snprintf(vs, sizeof vs, "%d", version + 1);
	wg_record_put(rec, 0, id);
	if ((rc = wg_record_set(rec, "ruleset", wg_rule_set_name(set), NULL, err)) ||
	    (rc = wg_record_set(rec, "version", vs, NULL, err)) ||
	    (rc = wg_record_set(rec, "effective", effective, NULL, err)) ||
	    (rc = wg_record_set(rec, "scheme", scheme, NULL, err)) ||
	    (rc = wg_record_set(rec, "body", body, NULL, err)) ||
	    (rc = wg_record_set(rec, "origin", shipped ? "shipped" : "imported", NULL, err)) ||
	    (rc = wg_record_set(rec, "recorded_by", by, NULL, err)) ||
	    (rc = wg_record_set(rec, "created", now, NULL, err)) ||
	    (rc = wg_record_check(rec, err)) || (rc = wg_db_insert(db, rec, err)))
		wg_error_prefix(err, "%s", name);
	wg_record_free(rec);
	res->version = version + 1;
	res->changed = rc == WG_OK;
out:
	free(scheme);
	free(old);
	free(body);
	return rc;
}

static int county_name(wg_workspace *ws, char **by, wg_error *err)
{
	const char *p[] = {ws->county_id ? ws->county_id : ""};
	*by = NULL;
	return wg_query_text(ws->db, "SELECT name FROM county WHERE id = ?1", p, 1, by, err);
}

int wg_rules_import(wg_workspace *ws, const char *path, struct wg_rules_import *res,
		    wg_error *err)
{
	char *buf, *by = NULL, *recorded = NULL;
	size_t len, nshipped;
	int rc;
	memset(res, 0, sizeof *res);
	if ((rc = wg_may_edit(ws, &wg_kind_rules, NULL, true, err)))
		return rc;
	if ((rc = wg_read_file_buf(path, 1 << 20, &buf, &len, err)))
		return rc;
	if ((rc = county_name(ws, &by, err)) || (rc = wg_db_begin(ws->db, err)))
		goto out;
	/* A county made before rules were county data computes with the shipped
	 * files: record them first, so that the facts before the new version keep
	 * the points those gave them. */
	if ((rc = wg_query_text(ws->db, "SELECT count(*) FROM rules", NULL, 0, &recorded, err)) ||
	    (recorded && atoi(recorded) == 0 &&
	     (rc = wg_rules_import_shipped(ws->db, &nshipped, err))) ||
	    (rc = store(ws->db, path, buf, len, false, by ? by : "", res, err)) ||
	    (rc = wg_db_commit(ws->db, err)))
		wg_db_rollback(ws->db);
out:
	free(recorded);
	free(by);
	free(buf);
	return rc;
}

int wg_rules_import_shipped(sqlite3 *db, size_t *count, wg_error *err)
{
	int rc;
	*count = 0;
	if ((rc = wg_db_begin(db, err)))
		return rc;
	for (int s = 0; s < WG_RULES_NSETS && rc == WG_OK; s++) {
		char rel[32];
		snprintf(rel, sizeof rel, "rules/%s", wg_rule_set_name(s));
		char *path = wg_data_path(rel), *buf;
		size_t len;
		struct wg_rules_import res;
		if ((rc = wg_read_file_buf(path, 1 << 20, &buf, &len, err)) == WG_OK) {
			rc = store(db, path, buf, len, true, "", &res, err);
			if (rc == WG_OK && res.set != s)
				rc = wg_fail(err, WG_EINPUT, _("%s: @rules names other rules"), path);
			*count += rc == WG_OK && res.changed;
			free(buf);
		}
		free(path);
	}
	if (rc || (rc = wg_db_commit(db, err)))
		wg_db_rollback(db);
	return rc;
}

int wg_rules_recompute(wg_workspace *ws, int set, const char *since, const char *reason,
		       int *version, long *facts, wg_error *err)
{
	char today[WG_DATE_LEN + 1], *by = NULL, *n = NULL;
	wg_points_rules *pr = NULL;
	int rc;
	*version = 0;
	*facts = 0;
	if ((rc = wg_may_edit(ws, &wg_kind_recompute, NULL, true, err)))
		return rc;
	if (set != WG_RULES_POINTS)
		return wg_fail(err, WG_EINPUT,
			       _("only points belong to each fact; the other rules always apply as "
				 "in force on the day asked"));
	if (!wg_date_valid(since))
		return wg_fail(err, WG_EINPUT, _("\"%s\" is not a date of the form 2026-01-31"), since);
	if (!reason || !*reason)
		return wg_fail(err, WG_EINPUT, _("a recompute needs its reason"));
	wg_today(today);
	if ((rc = wg_rules_load(ws->db, today, &pr, NULL, err)))
		return rc;
	if (!pr->version) {
		rc = wg_fail(err, WG_EINPUT, _("the county records no points rules yet; import one first"));
		goto out;
	}
	if (strcmp(since, pr->effective) >= 0 || wg_points_rules_for(pr, since) == pr) {
		rc = wg_fail(err, WG_EINPUT,
			     _("facts from %s already count with version %d of the points rules"),
			     since, pr->version);
		goto out;
	}
	*version = pr->version;
	const char *q[] = {since, pr->effective};
	if ((rc = wg_query_text(ws->db, "SELECT count(*) FROM finding WHERE violation <> ''"
				" AND found >= ?1 AND found < ?2", q, 2, &n, err)) ||
	    (rc = county_name(ws, &by, err)))
		goto out;
	*facts = n ? atol(n) : 0;
	wg_record *rec = wg_record_new(&wg_kind_recompute);
	char id[WG_ID_HEXLEN + 1], now[WG_TIMESTAMP_LEN + 1], vs[16];
	if (wg_id_new(id) != 0) {
		wg_record_free(rec);
		rc = wg_fail(err, WG_EINTERNAL, _("the system gives no random numbers"));
		goto out;
	}
	wg_timestamp(wg_now(), now);
	snprintf(vs, sizeof vs, "%d", pr->version);
	wg_record_put(rec, 0, id);
	if ((rc = wg_record_set(rec, "ruleset", wg_rule_set_name(set), NULL, err)) ||
	    (rc = wg_record_set(rec, "version", vs, NULL, err)) ||
	    (rc = wg_record_set(rec, "since", since, NULL, err)) ||
	    (rc = wg_record_set(rec, "reason", reason, NULL, err)) ||
	    (rc = wg_record_set(rec, "recorded_by", by ? by : "", NULL, err)) ||
	    (rc = wg_record_set(rec, "created", now, NULL, err)) ||
	    (rc = wg_record_check(rec, err)) || (rc = wg_db_begin(ws->db, err)))
		*version = 0;
	else if ((rc = wg_db_insert(ws->db, rec, err)) || (rc = wg_db_commit(ws->db, err))) {
		wg_db_rollback(ws->db);
		*version = 0;
	}
	wg_record_free(rec);
out:
	free(n);
	free(by);
	wg_points_rules_free(pr);
	return rc;
}
