#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datafile.h"
#include "db.h"
#include "i18n.h"
#include "risk.h"
#include "schema.h"
#include "strbuf.h"
#include "timeutil.h"

void wg_risk_rules_free(wg_risk_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nbases; i++)
		free(r->bases[i].group);
	for (size_t i = 0; i < r->ngrades; i++) {
		free(r->grades[i].code);
		free(r->grades[i].name);
		free(r->grades[i].label);
	}
	free(r->bases);
	free(r->grades);
	free(r);
}

static bool parse_num(const char *s, int *out)
{
	const char *p = s;
	if (*p == '-')
		p++;
	size_t n = strlen(p);
	if (n == 0 || n > 5 || strspn(p, "0123456789") != n || (n > 1 && p[0] == '0'))
		return false;
	*out = atoi(s);
	return true;
}

static const char *const groups[] = {"clinic", "hospital", "pharmacy", "public_place", "school",
				     "water", "vaccination", "elderly", "illegal", NULL};

int wg_risk_rules_parse(const char *name, const char *text, size_t len, wg_risk_rules **out,
			wg_error *err)
{
	wg_datafile df;
	int rc = wg_datafile_parse(name, text, len, &df, err);
	unsigned seen = 0;
	if (rc)
		return rc;
	wg_risk_rules *r = xcalloc(1, sizeof *r);
	static const char *const weights[] = {"points", "complaint", "overdue", "last-fail",
					      "last-rectify", NULL};
	for (size_t i = 0; i < df.nlines; i++) {
		const struct wg_dfline *l = &df.lines[i];
		const char *d = l->directive;
		int v;
		if (wg_rules_header(d) || (d && strcmp(d, "scheme") == 0))
			continue; /* checked where the county records the file */
		if (!d) {
			rc = wg_datafile_fail(&df, l, err, _("expected a directive (@base, @weight, @grade, ...)"));
			goto fail;
		}
		if (strcmp(d, "base") == 0) {
			bool known = false;
			for (const char *const *g = groups; *g; g++)
				known |= l->nfields == 2 && strcmp(*g, l->fields[0]) == 0;
			if (!known || !parse_num(l->fields[1], &v)) {
				rc = wg_datafile_fail(&df, l, err,
						      _("expected: @base GROUP | SCORE, GROUP being a category group"));
				goto fail;
			}
			r->bases = xrealloc(r->bases, (r->nbases + 1) * sizeof *r->bases);
			r->bases[r->nbases].group = xstrdup(l->fields[0]);
			r->bases[r->nbases++].base = v;
		} else if (strcmp(d, "weight") == 0) {
			int *slot[] = {&r->w_points, &r->w_complaint, &r->w_overdue, &r->w_last_fail,
				       &r->w_last_rectify};
			size_t k = 0;
			while (weights[k] && (l->nfields != 2 || strcmp(weights[k], l->fields[0])))
				k++;
			if (!weights[k] || !parse_num(l->fields[1], &v)) {
				rc = wg_datafile_fail(&df, l, err,
						      _("expected: @weight points|complaint|overdue|last-fail|last-rectify | NUMBER"));
				goto fail;
			}
			*slot[k] = v;
			seen |= 1u << k;
		} else if (strcmp(d, "grade") == 0) {
			if (l->nfields != 4 || !parse_num(l->fields[1], &v)) {
				rc = wg_datafile_fail(&df, l, err,
						      _("expected: @grade CODE | LOWEST SCORE | 中文 | English"));
				goto fail;
			}
			if (r->ngrades && r->grades[r->ngrades - 1].min >= v) {
				rc = wg_datafile_fail(&df, l, err, _("grades must be in ascending order"));
				goto fail;
			}
			r->grades = xrealloc(r->grades, (r->ngrades + 1) * sizeof *r->grades);
			r->grades[r->ngrades++] = (struct wg_risk_grade){
				xstrdup(l->fields[0]), v, xstrdup(l->fields[2]), xstrdup(l->fields[3])};
		} else if (strcmp(d, "black-list-points") == 0 || strcmp(d, "black-list-overdue") == 0) {
			/* 国办发〔2020〕49号: a black list rests on law, after notice and
			 * objection; overdue work raises the risk instead */
			rc = wg_datafile_fail(&df, l, err,
					      _("@%s is no more: the black list is a county decision that "
						"cites its legal basis (wangge blacklist notice)"), d);
			goto fail;
		} else if (strcmp(d, "red-list") == 0) {
			if (l->nfields != 1 || !parse_num(l->fields[0], &v) || v < 0) {
				rc = wg_datafile_fail(&df, l, err, _("@%s needs one whole number"), d);
				goto fail;
			}
			r->red_max = v;
			seen |= 1u << 5;
		} else {
			rc = wg_datafile_fail(&df, l, err, _("unknown directive @%s"), d);
			goto fail;
		}
	}
	if (seen != 0x3fu || !r->ngrades) {
		rc = wg_datafile_fail(&df, NULL, err,
				      _("a risk file needs every @weight, @grade lines and @red-list"));
		goto fail;
	}
	wg_datafile_free(&df);
	*out = r;
	return WG_OK;
fail:
	wg_datafile_free(&df);
	wg_risk_rules_free(r);
	return rc;
}

int wg_risk_rules_load(const char *path, wg_risk_rules **out, wg_error *err)
{
	char *p = path ? xstrdup(path) : wg_data_path("rules/risk");
	char *buf;
	size_t len;
	int rc = wg_read_file_buf(p, 1 << 20, &buf, &len, err);
	if (rc == WG_OK) {
		rc = wg_risk_rules_parse(p, buf, len, out, err);
		free(buf);
	}
	free(p);
	return rc;
}

void wg_risk_clear(wg_risk *r)
{
	for (size_t i = 0; i < r->nfacts; i++)
		free(r->facts[i].text);
	free(r->facts);
	memset(r, 0, sizeof *r);
}

static int cmp_item(const void *a, const void *b)
{
	return strcmp(((const struct wg_risk_item *)a)->entity,
		      ((const struct wg_risk_item *)b)->entity);
}

static struct wg_risk_item *find_item(struct wg_risk_item *items, size_t n, const char *entity)
{
	struct wg_risk_item key;
	if (!n || strlen(entity) >= sizeof key.entity)
		return NULL;
	snprintf(key.entity, sizeof key.entity, "%s", entity);
	return bsearch(&key, items, n, sizeof *items, cmp_item);
}

const wg_risk *wg_risk_find(const struct wg_risk_item *items, size_t n, const char *entity)
{
	const struct wg_risk_item *it = find_item((struct wg_risk_item *)items, n, entity);
	return it ? &it->risk : NULL;
}

void wg_risk_items_free(struct wg_risk_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		wg_risk_clear(&items[i].risk);
	free(items);
}

/* The facts gathered about one entity, before scoring. */
struct gathered {
	const struct wg_category *cat;
	bool have_last;     /* a signed inspection was found */
	char signed_at[24]; /* of the last signed inspection */
};

/* Adds score with its translated reason. */
static void add_fact(wg_risk *r, int score, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void add_fact(wg_risk *r, int score, const char *fmt, ...)
{
	r->score += score;
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *text = xmalloc((size_t)(len < 0 ? 0 : len) + 1);
	va_start(ap, fmt);
	if (vsnprintf(text, (size_t)len + 1, fmt, ap) < 0)
		text[0] = '\0';
	va_end(ap);
	r->facts = xrealloc(r->facts, (r->nfacts + 1) * sizeof *r->facts);
	r->facts[r->nfacts++] = (struct wg_risk_fact){text, score};
}

/* The one scoring of the rule weights, on the facts gathered for an entity. */
static void score(const wg_risk_rules *rules, const struct gathered *g, const char *year_ago,
		  bool explain, wg_risk *out)
{
	char last_date[WG_DATE_LEN + 1] = "";
	time_t t;
/* Without explain, only the number: no message is even looked up. */
#define FACT(n, ...)                                    \
	do {                                            \
		if (explain)                            \
			add_fact(out, (n), __VA_ARGS__); \
		else                                    \
			out->score += (n);              \
	} while (0)

	for (size_t i = 0; g->cat && i < rules->nbases; i++)
		if (strcmp(rules->bases[i].group, g->cat->group) == 0)
			FACT(rules->bases[i].base, _("category: %s (base risk)"),
				 _(g->cat->label));
	if (out->points.total)
		FACT(out->points.total * rules->w_points,
			 ngettext("%d point in the cycle %s to %s", "%d points in the cycle %s to %s",
				  out->points.total),
			 out->points.total, out->points.from, out->points.to);
	if (out->complaints)
		FACT(out->complaints * rules->w_complaint,
			 ngettext("%d complaint in the last 12 months",
				  "%d complaints in the last 12 months", out->complaints),
			 out->complaints);
	if (out->overdue)
		FACT(out->overdue * rules->w_overdue,
			 ngettext("%d rectification overdue", "%d rectifications overdue", out->overdue),
			 out->overdue);
	if (g->have_last && (explain || strcmp(out->last_result, "pass") == 0) &&
	    wg_timestamp_parse(g->signed_at, &t))
		wg_date_of(t, last_date);
	if (strcmp(out->last_result, "fail") == 0)
		FACT(rules->w_last_fail,
			 _("the last inspection (%s) failed a key item"), last_date);
	else if (strcmp(out->last_result, "rectify") == 0)
		FACT(rules->w_last_rectify,
			 _("the last inspection (%s) required rectification"), last_date);
	else if (strcmp(out->last_result, "reported") == 0)
		FACT(rules->w_last_rectify,
			 _("the last patrol (%s) found a problem, reported to the county"), last_date);

#undef FACT
	out->grade = &rules->grades[0];
	for (size_t i = 0; i < rules->ngrades; i++)
		if (out->score >= rules->grades[i].min)
			out->grade = &rules->grades[i];
	out->red = !out->black && out->score <= rules->red_max && out->points.total == 0 &&
		   out->complaints == 0 && out->overdue == 0 &&
		   strcmp(out->last_result, "pass") == 0 && strcmp(last_date, year_ago) > 0;
}

/* Runs sql over every entity, or one_sql with entity as ?1, or listed_sql over
 * the entities in temp.risk_only (listed), a being ?2, and hands each row's
 * item and statement to fn. */
static int each_row(sqlite3 *db, const char *sql, const char *one_sql, const char *listed_sql,
		    const char *entity, bool listed, const char *a,
		    struct wg_risk_item *items, struct gathered *g, size_t n,
		    void (*fn)(sqlite3_stmt *, struct wg_risk_item *, struct gathered *),
		    wg_error *err)
{
	sqlite3_stmt *st;
	int s;
	if (sqlite3_prepare_v2(db, entity ? one_sql : listed ? listed_sql : sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return wg_db_fail(db, err);
	if (entity)
		sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	if (a)
		sqlite3_bind_text(st, 2, a, -1, SQLITE_STATIC);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		struct wg_risk_item *it = id ? find_item(items, n, id) : NULL;
		if (it)
			fn(st, it, &g[it - items]);
	}
	sqlite3_finalize(st);
	return s == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

static void set_complaints(sqlite3_stmt *st, struct wg_risk_item *it, struct gathered *g)
{
	it->risk.complaints = sqlite3_column_int(st, 1);
}

static void set_black(sqlite3_stmt *st, struct wg_risk_item *it, struct gathered *g)
{
	it->risk.black = true;
}

static void set_overdue(sqlite3_stmt *st, struct wg_risk_item *it, struct gathered *g)
{
	it->risk.overdue = sqlite3_column_int(st, 1);
}

/* The last signed inspection (not corrected by another; on the same time the
 * worst result), as entity_visit keeps it: one row an entity. */
static void keep_last(sqlite3_stmt *st, struct wg_risk_item *it, struct gathered *g)
{
	snprintf(it->risk.last_result, sizeof it->risk.last_result, "%s",
		 (const char *)sqlite3_column_text(st, 1));
	snprintf(g->signed_at, sizeof g->signed_at, "%s", (const char *)sqlite3_column_text(st, 2));
	g->have_last = true;
}

/* The entities graded: every one, entity alone, or (listed) those in the
 * connection's temporary table risk_only. */
static int risk_run(sqlite3 *db, const wg_risk_rules *rules, const wg_points_rules *points,
		    const char *today, const char *entity, bool listed, bool explain,
		    struct wg_risk_item **out, size_t *n, wg_error *err)
{
	struct wg_points_item *pts = NULL;
	struct wg_risk_item *items = NULL;
	struct gathered *g = NULL;
	size_t cnt = 0, npts = 0;
	char year_ago[WG_DATE_LEN + 1];
	sqlite3_stmt *st;
	int rc, s;

	*out = NULL;
	*n = 0;
	/* One snapshot for every query below (a read transaction). */
	bool own = sqlite3_get_autocommit(db) != 0;
	if (own && (rc = wg_db_exec(db, "BEGIN", err)))
		return rc;
	if ((rc = listed ? wg_points_listed(db, points, today, &pts, &npts, err)
			 : wg_points_all(db, points, entity, today, &pts, &npts, err)))
		goto out;
	if (sqlite3_prepare_v2(db, entity   ? "SELECT id, category FROM entity WHERE id = ?1"
				   : listed ? "SELECT id, category FROM entity WHERE id IN"
					      " temp.risk_only ORDER BY id"
					    : "SELECT id, category FROM entity ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = wg_db_fail(db, err);
		goto out;
	}
	if (entity)
		sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	items = xcalloc(npts ? npts : 1, sizeof *items);
	g = xcalloc(npts ? npts : 1, sizeof *g);
	while ((s = sqlite3_step(st)) == SQLITE_ROW && cnt < npts) {
		struct wg_risk_item *it = &items[cnt];
		const char *id = (const char *)sqlite3_column_text(st, 0);
		/* both lists are in id order: the next one is nearly always it */
		const struct wg_points_total *t = strcmp(pts[cnt].entity, id) == 0
							  ? &pts[cnt].total
							  : wg_points_find(pts, npts, id);
		if (!t)
			continue;
		snprintf(it->entity, sizeof it->entity, "%s", id);
		it->risk.points = *t;
		g[cnt++].cat = wg_category_find((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE && s != SQLITE_ROW) {
		rc = wg_db_fail(db, err);
		goto out;
	}

	wg_date_from_days(wg_date_days(today) - 365, year_ago);
	/* The same conditions in both forms; for one entity, its index is used. */
#define COMPLAINTS "SELECT entity, count(*) FROM complaint WHERE substr(received, 1, 10) > ?2"
#define OVERDUE "status = 'open' AND deadline != '' AND deadline < ?2"
	/* on the black list by county decision, within its term */
#define BLACK "status = 'listed' AND listed <= ?2 AND until >= ?2"
/* the last signed inspection, kept by triggers (entity_visit: see db.c) */
#define LAST "SELECT entity, last_result, last_signed FROM entity_visit WHERE last_signed IS NOT NULL"
#define LISTED " entity IN temp.risk_only"
	if ((rc = each_row(db, COMPLAINTS " GROUP BY entity",
			   COMPLAINTS " AND entity = ?1 GROUP BY entity",
			   COMPLAINTS " AND" LISTED " GROUP BY entity", entity, listed, year_ago, items,
			   g, cnt, set_complaints, err)) ||
	    (rc = each_row(db, "SELECT entity, count(*) FROM finding WHERE " OVERDUE " GROUP BY entity",
			   "SELECT entity, count(*) FROM finding WHERE entity = ?1 AND +" OVERDUE
			   " GROUP BY entity",
			   "SELECT entity, count(*) FROM finding WHERE" LISTED " AND +" OVERDUE
			   " GROUP BY entity",
			   entity, listed, today, items, g, cnt, set_overdue, err)) ||
	    (rc = each_row(db, LAST, LAST " AND entity = ?1", LAST " AND" LISTED, entity, listed,
			   NULL, items, g, cnt, keep_last, err)) ||
	    (rc = each_row(db, "SELECT entity FROM blacklist WHERE " BLACK,
			   "SELECT entity FROM blacklist WHERE entity = ?1 AND " BLACK,
			   "SELECT entity FROM blacklist WHERE" LISTED " AND " BLACK, entity, listed,
			   today, items, g, cnt, set_black, err)))
		goto out;
#undef LISTED
#undef COMPLAINTS
#undef OVERDUE
#undef BLACK
#undef LAST
	for (size_t i = 0; i < cnt; i++)
		score(rules, &g[i], year_ago, explain, &items[i].risk);
out:
	free(pts);
	free(g);
	if (own && rc)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	else if (own)
		rc = wg_db_exec(db, "COMMIT", err);
	if (rc) {
		wg_risk_items_free(items, cnt);
		return rc;
	}
	*out = items;
	*n = cnt;
	return WG_OK;
}

int wg_risk_all(sqlite3 *db, const wg_risk_rules *rules, const wg_points_rules *points,
		const char *today, const char *entity, bool explain, struct wg_risk_item **out,
		size_t *n, wg_error *err)
{
	return risk_run(db, rules, points, today, entity, false, explain, out, n, err);
}

int wg_risk_stale(sqlite3 *db, const wg_risk_rules *rules, const wg_points_rules *points,
		  const char *today, const char *before, struct wg_risk_item **out, size_t *n,
		  wg_error *err)
{
	sqlite3_stmt *st;
	int rc;
	*out = NULL;
	*n = 0;
	if ((rc = wg_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS risk_only (id TEXT PRIMARY KEY)"
				 " WITHOUT ROWID; DELETE FROM temp.risk_only", err)))
		return rc;
	if (sqlite3_prepare_v2(db, "INSERT INTO temp.risk_only SELECT entity FROM entity_visit"
				   " WHERE last < ?1", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, before, -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return wg_db_fail(db, err);
	rc = risk_run(db, rules, points, today, NULL, true, false, out, n, err);
	sqlite3_exec(db, "DELETE FROM temp.risk_only", NULL, NULL, NULL);
	return rc;
}

int wg_risk_entity(sqlite3 *db, const wg_risk_rules *rules, const wg_points_rules *points,
		   const char *entity, const char *today, wg_risk *out, wg_error *err)
{
	struct wg_risk_item *items;
	size_t n;
	int rc = wg_risk_all(db, rules, points, today, entity, true, &items, &n, err);

	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	if (n == 0) {
		free(items);
		return wg_fail(err, WG_EINPUT, _("no %s with id %s"), _(wg_kind_entity.label), entity);
	}
	*out = items[0].risk;
	free(items);
	return WG_OK;
}

int wg_credit_list(sqlite3 *db, const wg_risk_rules *rules, const wg_points_rules *points,
		   const char *today, bool red, struct wg_credit_entry **out, size_t *n,
		   wg_error *err)
{
	sqlite3_stmt *st;
	struct wg_risk_item *items;
	size_t nitems;
	int rc, s;
	*out = NULL;
	*n = 0;
	if ((rc = wg_risk_all(db, rules, points, today, NULL, false, &items, &nitems, err)))
		return rc;
	/* Only entities that can qualify: the black list needs findings (points or
	 * overdue rectifications), the red list a signed inspection. */
	if (sqlite3_prepare_v2(db,
			       red ? "SELECT id, name, grid, category FROM entity WHERE id IN"
				     " (SELECT entity FROM inspection WHERE status = 'signed')"
				     " ORDER BY grid, name, id"
				   : "SELECT id, name, grid, category FROM entity WHERE id IN"
				     " (SELECT entity FROM blacklist) ORDER BY grid, name, id",
			       -1, &st, NULL) != SQLITE_OK) {
		wg_risk_items_free(items, nitems);
		return wg_db_fail(db, err);
	}
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct wg_risk_item *it =
			find_item(items, nitems, (const char *)sqlite3_column_text(st, 0));
		if (!it || (red ? !it->risk.red : !it->risk.black))
			continue;
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		struct wg_credit_entry *e = &(*out)[(*n)++];
		snprintf(e->entity, sizeof e->entity, "%s", it->entity);
		e->name = xstrdup((const char *)sqlite3_column_text(st, 1));
		e->grid = xstrdup((const char *)sqlite3_column_text(st, 2));
		e->category = xstrdup((const char *)sqlite3_column_text(st, 3));
		e->risk = it->risk;
		memset(&it->risk, 0, sizeof it->risk);
	}
	if (s != SQLITE_DONE)
		rc = wg_db_fail(db, err);
	sqlite3_finalize(st);
	wg_risk_items_free(items, nitems);
	if (rc) {
		wg_credit_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void wg_credit_list_free(struct wg_credit_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].name);
		free(e[i].grid);
		free(e[i].category);
		wg_risk_clear(&e[i].risk);
	}
	free(e);
}

int wg_risk_grade_table(sqlite3 *db, const wg_risk_rules *rules, const wg_points_rules *points,
			const char *today, wg_error *err)
{
	struct wg_risk_item *items = NULL;
	sqlite3_stmt *st = NULL;
	size_t n = 0;
	int rc = wg_risk_all(db, rules, points, today, NULL, false, &items, &n, err);
	if (rc)
		return rc;
	if ((rc = wg_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS entity_risk (entity TEXT PRIMARY"
				 " KEY, grade TEXT NOT NULL) WITHOUT ROWID;"
				 "DELETE FROM temp.entity_risk;", err)))
		goto out;
	if (sqlite3_prepare_v2(db, "INSERT INTO temp.entity_risk(entity, grade) VALUES (?, ?)", -1,
			       &st, NULL) != SQLITE_OK) {
		rc = wg_db_fail(db, err);
		goto out;
	}
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, items[i].entity, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, items[i].risk.grade ? items[i].risk.grade->code : "", -1,
				  SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = wg_db_fail(db, err);
	}
out:
	sqlite3_finalize(st);
	wg_risk_items_free(items, n);
	return rc;
}
