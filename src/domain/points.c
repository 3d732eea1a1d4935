#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datafile.h"
#include "db.h"
#include "i18n.h"
#include "points.h"
#include "strbuf.h"
#include "timeutil.h"

void wg_points_rules_free(wg_points_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nrules; i++) {
		free(r->rules[i].code);
		free(r->rules[i].text);
		free(r->rules[i].label);
	}
	for (size_t i = 0; i < r->nbands; i++) {
		free(r->bands[i].consequence);
		free(r->bands[i].label);
	}
	for (size_t c = 0; c < r->nextra; c++) {
		for (size_t i = 0; i < r->extra[c].nbands; i++) {
			free(r->extra[c].bands[i].consequence);
			free(r->extra[c].bands[i].label);
		}
		free(r->extra[c].bands);
	}
	for (size_t i = 0; i < r->nversions; i++)
		if (r->versions[i] != r)
			wg_points_rules_free(r->versions[i]);
	free(r->versions);
	free(r->recomputes);
	free(r->extra);
	free(r->rules);
	free(r->bands);
	free(r->scheme);
	free(r);
}

bool wg_points_reached(const struct wg_points_total *t)
{
	if (t->band)
		return true;
	for (size_t i = 0; i < t->nextra; i++)
		if (t->extra[i].band)
			return true;
	return false;
}

const struct wg_points_band *wg_points_alert_band(const struct wg_points_total *t, int *total)
{
	const struct wg_points_band *b = t->band;
	*total = t->total;
	for (size_t c = 0; c < t->nextra; c++)
		if (t->extra[c].band && (!b || t->extra[c].band->threshold > *total)) {
			b = t->extra[c].band;
			*total = t->extra[c].total;
		}
	return b;
}

const wg_points_rules *wg_points_rules_for(const wg_points_rules *r, const char *date)
{
	if (!r->nversions)
		return r;
	const wg_points_rules *v = r->versions[0];
	for (size_t i = 0; i < r->nversions; i++)
		if (strcmp(r->versions[i]->effective, date) <= 0)
			v = r->versions[i];
	for (size_t k = 0; k < r->nrecomputes; k++) {
		const struct wg_points_recompute *c = &r->recomputes[k];
		if (c->version <= v->version || strcmp(c->since, date) > 0)
			continue;
		for (size_t i = 0; i < r->nversions; i++)
			if (r->versions[i]->version == c->version)
				v = r->versions[i];
	}
	return v;
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
	size_t n = strlen(s);
	if (n == 0 || n > 6 || strspn(s, "0123456789") != n || (n > 1 && s[0] == '0'))
		return false;
	*out = atoi(s);
	return *out >= lo && *out <= hi;
}

bool wg_rules_header(const char *d)
{
	return d && (strcmp(d, "rules") == 0 || strcmp(d, "effective") == 0);
}

bool wg_violation_code_valid(const char *s)
{
	size_t n = strlen(s);
	return n >= 2 && n <= 16 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

int wg_points_rules_parse(const char *name, const char *text, size_t len,
			  wg_points_rules **out, wg_error *err)
{
	wg_datafile df;
	int rc = wg_datafile_parse(name, text, len, &df, err);
	bool have_cycle = false;
	if (rc)
		return rc;
	wg_points_rules *r = xcalloc(1, sizeof *r);
	for (size_t i = 0; i < df.nlines; i++) {
		const struct wg_dfline *l = &df.lines[i];
		const char *d = l->directive;
		if (wg_rules_header(d))
			continue; /* checked where the county records the file */
		if (d && strcmp(d, "scheme") == 0) {
			if (r->scheme || l->nfields > 2) {
				rc = wg_datafile_fail(&df, l, err, _("@scheme needs a name and an optional English name, given once"));
				goto fail;
			}
			r->scheme = xstrdup(l->fields[0]);
		} else if (d && strcmp(d, "cycle") == 0) {
			const char *v = l->fields[0];
			enum wg_cycle cycle;
			int years = 1;
			if (l->nfields == 1 && strcmp(v, "year") == 0) {
				cycle = CYCLE_YEAR;
			} else if (l->nfields == 1 && strcmp(v, "licence") == 0) {
				cycle = CYCLE_LICENCE;
			} else if (l->nfields == 2 && strcmp(v, "renewal") == 0 &&
				   parse_int(l->fields[1], 1, 10, &years)) {
				cycle = CYCLE_RENEWAL;
			} else {
				rc = wg_datafile_fail(&df, l, err,
						      _("@cycle is \"year\", \"licence\" or \"renewal | YEARS\""));
				goto fail;
			}
			if (have_cycle) {
				/* a further cycle: the bands that follow are its own */
				if ((r->nextra ? !r->extra[r->nextra - 1].nbands : !r->nbands) ||
				    r->nextra + 1 >= WG_POINTS_MAX_CYCLES) {
					rc = wg_datafile_fail(&df, l, err,
							      _("a further @cycle comes after the bands of the one before, at most %d cycles"),
							      WG_POINTS_MAX_CYCLES);
					goto fail;
				}
				r->extra = xrealloc(r->extra, (r->nextra + 1) * sizeof *r->extra);
				r->extra[r->nextra++] = (struct wg_points_cycle_rule){cycle, years, NULL, 0};
			} else {
				r->cycle = cycle;
				r->cycle_years = years;
			}
			have_cycle = true;
		} else if (d && strcmp(d, "band") == 0) {
			int t;
			if (l->nfields != 3 || !parse_int(l->fields[0], 1, 1000, &t)) {
				rc = wg_datafile_fail(&df, l, err,
						      _("expected: @band POINTS | consequence | English label"));
				goto fail;
			}
			struct wg_points_band **bands = r->nextra ? &r->extra[r->nextra - 1].bands
								  : &r->bands;
			size_t *nbands = r->nextra ? &r->extra[r->nextra - 1].nbands : &r->nbands;
			if (*nbands && (*bands)[*nbands - 1].threshold >= t) {
				rc = wg_datafile_fail(&df, l, err, _("bands must be in ascending order"));
				goto fail;
			}
			*bands = xrealloc(*bands, (*nbands + 1) * sizeof **bands);
			(*bands)[(*nbands)++] = (struct wg_points_band){t, xstrdup(l->fields[1]),
									 xstrdup(l->fields[2])};
		} else if (d) {
			rc = wg_datafile_fail(&df, l, err, _("unknown directive @%s"), d);
			goto fail;
		} else {
			int p;
			if (l->nfields != 4) {
				rc = wg_datafile_fail(&df, l, err,
						      _("expected: CODE | points | description | English label"));
				goto fail;
			}
			if (!wg_violation_code_valid(l->fields[0])) {
				rc = wg_datafile_fail(&df, l, err,
						      _("\"%s\" is not a violation code (A-Z, 0-9 and -, 2 to 16 characters)"),
						      l->fields[0]);
				goto fail;
			}
			if (wg_points_rule_find(r, l->fields[0])) {
				rc = wg_datafile_fail(&df, l, err, _("violation code %s is given twice"),
						      l->fields[0]);
				goto fail;
			}
			if (!parse_int(l->fields[1], 1, 100, &p)) {
				rc = wg_datafile_fail(&df, l, err, _("points must be a whole number from 1 to 100"));
				goto fail;
			}
			r->rules = xrealloc(r->rules, (r->nrules + 1) * sizeof *r->rules);
			r->rules[r->nrules++] = (struct wg_points_rule){
				xstrdup(l->fields[0]), p, xstrdup(l->fields[2]), xstrdup(l->fields[3])};
		}
	}
	if (!r->scheme || !have_cycle || !r->nbands || !r->nrules ||
	    (r->nextra && !r->extra[r->nextra - 1].nbands)) {
		rc = wg_datafile_fail(&df, NULL, err,
				      _("a points file needs @scheme, @cycle, at least one @band per cycle and one rule"));
		goto fail;
	}
	wg_datafile_free(&df);
	*out = r;
	return WG_OK;
fail:
	wg_datafile_free(&df);
	wg_points_rules_free(r);
	return rc;
}

int wg_points_rules_load(const char *path, wg_points_rules **out, wg_error *err)
{
	char *p = path ? xstrdup(path) : wg_data_path("rules/points");
	char *buf;
	size_t len;
	int rc = wg_read_file_buf(p, 1 << 20, &buf, &len, err);
	if (rc == WG_OK) {
		rc = wg_points_rules_parse(p, buf, len, out, err);
		free(buf);
	}
	free(p);
	return rc;
}

const struct wg_points_rule *wg_points_rule_find(const wg_points_rules *r, const char *code)
{
	for (size_t i = 0; i < r->nrules; i++)
		if (strcmp(r->rules[i].code, code) == 0)
			return &r->rules[i];
	return NULL;
}

/* The same month and day k years later (29 February becomes 28 February). */
static void shift_years(const char *date, int k, char out[11])
{
	int y = atoi(date) + k, m = atoi(date + 5), d = atoi(date + 8);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	if (!wg_date_valid(out))
		snprintf(out, 11, "%04d-%02d-28", y, m);
}

void wg_points_cycle(const wg_points_rules *r, const char *expiry, const char *date,
		     char from[11], char to[11])
{
	wg_points_cycle_of(r->cycle, r->cycle_years, expiry, date, from, to);
}

void wg_points_cycle_of(enum wg_cycle cycle, int years, const char *expiry, const char *date,
			char from[11], char to[11])
{
	if (cycle == CYCLE_YEAR || !expiry || !wg_date_valid(expiry)) {
		int y = atoi(date);
		snprintf(from, 11, "%04d-01-01", cycle == CYCLE_RENEWAL ? y - years + 1 : y);
		snprintf(to, 11, "%.4s-12-31", date);
		return;
	}
	/* Periods of cycle_years years, one of which ends the day before expiry's
	 * anniversary: find k with start(k) <= date < start(k + 1). */
	int len = cycle == CYCLE_RENEWAL ? years : 1;
	int k = (atoi(date) - atoi(expiry)) / len - 1;
	char start[11], next[11];
	for (;;) {
		shift_years(expiry, k * len, start);
		shift_years(expiry, (k + 1) * len, next);
		if (strcmp(date, start) < 0)
			k--;
		else if (strcmp(date, next) >= 0)
			k++;
		else
			break;
	}
	snprintf(from, 11, "%s", start);
	wg_date_from_days(wg_date_days(next) - 1, to);
}

static int cmp_item(const void *a, const void *b)
{
	return strcmp(((const struct wg_points_item *)a)->entity,
		      ((const struct wg_points_item *)b)->entity);
}

static struct wg_points_item *find_item(struct wg_points_item *items, size_t n, const char *entity)
{
	struct wg_points_item key;
	if (!n || strlen(entity) >= sizeof key.entity)
		return NULL;
	snprintf(key.entity, sizeof key.entity, "%s", entity);
	return bsearch(&key, items, n, sizeof *items, cmp_item);
}

const struct wg_points_total *wg_points_find(const struct wg_points_item *items, size_t n,
					     const char *entity)
{
	const struct wg_points_item *it = find_item((struct wg_points_item *)items, n, entity);
	return it ? &it->total : NULL;
}

/* Two set-based queries whatever the number of entities: the entities of
 * entities_sql (id and licence expiry, sorted by id; ?1 is entity), then every
 * finding that can carry points (of entity alone when given); each counts when
 * it lies in its own entity's cycle. */
/* A finding's points under a notice (记分告知) count once final on ?2: the
 * county decided so, or the answer period ended without an answer. */
#define NOTICE_FINAL "(n.status = 'final' OR (n.status = 'noticed' AND n.answer_until < ?2))"
/* Findings that can carry points: of signed enforcement inspections, open or
 * rectified, with a violation code. */
#define POINTS_FINDINGS                                                               \
	" FROM finding f JOIN inspection i ON i.id = f.inspection"                     \
	" WHERE f.status IN ('open', 'rectified') AND f.violation != ''"               \
	" AND i.kind = 'inspection' AND i.status = 'signed'"
/* An institution's: each unless a notice to the institution holds it back. */
#define ENTITY_FINDINGS                                                               \
	"SELECT f.entity, f.violation, f.found" POINTS_FINDINGS                        \
	" AND NOT EXISTS (SELECT 1 FROM notice n WHERE n.finding = f.id AND +n.staff = ''" \
	" AND NOT " NOTICE_FINAL ")"
/* A practitioner's: those a final notice attached to the person. */
#define STAFF_FINDINGS                                                                \
	"SELECT n.staff, f.violation, f.found FROM notice n JOIN finding f ON f.id = n.finding" \
	" JOIN inspection i ON i.id = f.inspection"                                    \
	" WHERE f.status IN ('open', 'rectified') AND f.violation != ''"               \
	" AND i.kind = 'inspection' AND i.status = 'signed' AND n.staff = ?1 AND " NOTICE_FINAL

static int gather(sqlite3 *db, const wg_points_rules *r, const char *entities_sql,
		  const char *findings_sql, const char *entity, const char *date,
		  struct wg_points_item **out, size_t *n, wg_error *err)
{
	sqlite3_stmt *st = NULL;
	struct wg_points_item *items = NULL;
	size_t cnt = 0, cap = 0;
	int rc = WG_OK, s;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db, entities_sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	if (entity)
		sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 64;
			items = xrealloc(items, cap * sizeof *items);
		}
		struct wg_points_item *it = &items[cnt++];
		memset(it, 0, sizeof *it);
		snprintf(it->entity, sizeof it->entity, "%s", (const char *)sqlite3_column_text(st, 0));
		const char *expiry = (const char *)sqlite3_column_text(st, 1);
		wg_points_cycle(r, expiry, date, it->total.from, it->total.to);
		it->total.version = r->version;
		it->total.nextra = r->nextra;
		for (size_t c = 0; c < r->nextra; c++)
			wg_points_cycle_of(r->extra[c].cycle, r->extra[c].cycle_years, expiry, date,
					   it->total.extra[c].from, it->total.extra[c].to);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (s != SQLITE_DONE) {
		rc = wg_db_fail(db, err);
		goto out;
	}
	if (sqlite3_prepare_v2(db, findings_sql, -1, &st, NULL) != SQLITE_OK) {
		rc = wg_db_fail(db, err);
		goto out;
	}
	if (entity)
		sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct wg_points_item *it =
			find_item(items, cnt, (const char *)sqlite3_column_text(st, 0));
		struct wg_points_total *t = it ? &it->total : NULL;
		const char *found = (const char *)sqlite3_column_text(st, 2);
		if (!t)
			continue;
		bool in_first = strcmp(found, t->from) >= 0 && strcmp(found, t->to) <= 0, in_any = in_first;
		for (size_t c = 0; c < t->nextra; c++)
			in_any |= strcmp(found, t->extra[c].from) >= 0 && strcmp(found, t->extra[c].to) <= 0;
		if (!in_any)
			continue;
		/* a fact keeps the points of the rules in force on its day */
		const wg_points_rules *v = wg_points_rules_for(r, found);
		const struct wg_points_rule *rule =
			wg_points_rule_find(v, (const char *)sqlite3_column_text(st, 1));
		if (!rule)
			continue;
		if (in_first) {
			t->total += rule->points;
			t->nviolations++;
		}
		for (size_t c = 0; c < t->nextra; c++)
			if (strcmp(found, t->extra[c].from) >= 0 && strcmp(found, t->extra[c].to) <= 0)
				t->extra[c].total += rule->points;
		if (v->version && (!t->oldest || v->version < t->oldest))
			t->oldest = v->version;
		if (v->version > t->newest)
			t->newest = v->version;
	}
	if (s != SQLITE_DONE) {
		rc = wg_db_fail(db, err);
		goto out;
	}
	for (size_t k = 0; k < cnt; k++) {
		for (size_t i = 0; i < r->nbands; i++)
			if (items[k].total.total >= r->bands[i].threshold)
				items[k].total.band = &r->bands[i];
		for (size_t c = 0; c < r->nextra; c++)
			for (size_t i = 0; i < r->extra[c].nbands; i++)
				if (items[k].total.extra[c].total >= r->extra[c].bands[i].threshold)
					items[k].total.extra[c].band = &r->extra[c].bands[i];
	}
out:
	sqlite3_finalize(st);
	if (rc) {
		free(items);
		return rc;
	}
	*out = items;
	*n = cnt;
	return WG_OK;
}

int wg_points_all(sqlite3 *db, const wg_points_rules *r, const char *entity, const char *date,
		  struct wg_points_item **out, size_t *n, wg_error *err)
{
	return gather(db, r,
		      entity ? "SELECT id, licence_expiry FROM entity WHERE id = ?1"
			     : "SELECT id, licence_expiry FROM entity ORDER BY id",
		      entity ? ENTITY_FINDINGS " AND f.entity = ?1" : ENTITY_FINDINGS, entity, date,
		      out, n, err);
}

int wg_points_listed(sqlite3 *db, const wg_points_rules *r, const char *date,
		     struct wg_points_item **out, size_t *n, wg_error *err)
{
	return gather(db, r,
		      "SELECT id, licence_expiry FROM entity WHERE id IN temp.risk_only ORDER BY id",
		      ENTITY_FINDINGS " AND f.entity IN temp.risk_only", NULL, date, out, n, err);
}

int wg_points_staff(sqlite3 *db, const wg_points_rules *r, const char *staff, const char *date,
		    struct wg_points_total *out, wg_error *err)
{
	struct wg_points_item *items;
	size_t n;
	/* a person has no licence: the cycle is the scheme's, by calendar year */
	int rc = gather(db, r, "SELECT id, '' FROM staff WHERE id = ?1", STAFF_FINDINGS, staff,
			date, &items, &n, err);
	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	if (n == 0)
		rc = wg_fail(err, WG_EINPUT, _("no practitioner with id %s"), staff);
	else
		*out = items[0].total;
	free(items);
	return rc;
}

int wg_points_entity(sqlite3 *db, const wg_points_rules *r, const char *entity,
		     const char *date, struct wg_points_total *out, wg_error *err)
{
	struct wg_points_item *items;
	size_t n;
	int rc = wg_points_all(db, r, entity, date, &items, &n, err);

	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	if (n == 0)
		rc = wg_fail(err, WG_EINPUT, _("no entity with id %s"), entity);
	else
		*out = items[0].total;
	free(items);
	return rc;
}

/* What the kept results were computed with: every version of the points rules
 * (and what it holds), the recomputes, and the version in force on the day. */
static void rules_stamp(const wg_points_rules *r, strbuf *out)
{
	sb_addf(out, "%d@%s:%zu/%zu/%zu", r->version, r->effective, r->nrules, r->nbands,
		r->nextra);
	for (size_t i = 0; i < r->nversions; i++)
		sb_addf(out, ";%d@%s:%zu/%zu/%zu", r->versions[i]->version,
			r->versions[i]->effective, r->versions[i]->nrules, r->versions[i]->nbands,
			r->versions[i]->nextra);
	for (size_t i = 0; i < r->nrecomputes; i++)
		sb_addf(out, ";r%d@%s", r->recomputes[i].version, r->recomputes[i].since);
}

/* The last day a total computed on date holds for: its cycles' ends, and the
 * end of the answer period of a notice not yet final (then it becomes final). */
static void holds_until(const struct wg_points_total *t, const char *notice_until,
			char until[11])
{
	snprintf(until, 11, "%s", t->to);
	for (size_t c = 0; c < t->nextra; c++)
		if (strcmp(t->extra[c].to, until) < 0)
			snprintf(until, 11, "%s", t->extra[c].to);
	if (notice_until && *notice_until && strcmp(notice_until, until) < 0)
		snprintf(until, 11, "%s", notice_until);
}

/* Whether the results kept (points_alert) hold on date: computed with these
 * rules (else *all: every entity again, as when the day went back before the
 * day kept), no entity stale, none run out. Reads only. */
static int kept_state(sqlite3 *db, const wg_points_rules *r, const char *date, bool *all,
		      bool *hold, wg_error *err)
{
	strbuf stamp = STRBUF_INIT;
	char *kept_stamp = NULL, *kept_day = NULL;
	long stale = 0, ran_out = 0;
	int rc;

	*all = true;
	*hold = false;
	rules_stamp(r, &stamp);
	if ((rc = wg_meta_get(db, "points_alert_rules", &kept_stamp, err)) ||
	    (rc = wg_meta_get(db, "points_alert_day", &kept_day, err)))
		goto out;
	/* other rules, or a day before the last one computed: all again */
	*all = !kept_stamp || strcmp(kept_stamp, sb_str(&stamp)) != 0 || !kept_day ||
	       strcmp(date, kept_day) < 0;
	/* nothing to do is the common case: no write, no transaction */
	if (!*all && ((rc = wg_count_rows(db, "SELECT 1 FROM points_stale LIMIT 1", NULL, &stale,
					  NULL, 0, err)) ||
		      (rc = wg_count_rows(db, "SELECT 1 FROM points_alert WHERE until < ?1 LIMIT 1",
					  date, &ran_out, NULL, 0, err))))
		goto out;
	*hold = !*all && !stale && !ran_out;
out:
	free(kept_stamp);
	free(kept_day);
	sb_release(&stamp);
	return rc;
}

static int kept_hold(sqlite3 *db, const wg_points_rules *r, const char *date, bool *hold,
		     wg_error *err)
{
	bool all;
	return kept_state(db, r, date, &all, hold, err);
}

/* Compute again at most slice entities of points_stale (0: all of them), after
 * putting there those whose kept result has run out (every one when the rules
 * changed or the day went back), and keep their results. One transaction a
 * slice: the stale entities are the work still to do, so a slice cut short
 * (a key came) is lost alone and the next call resumes. *left: the entities
 * still stale after it. */
static int refresh_alerts(sqlite3 *db, const wg_points_rules *r, const char *date,
			  size_t slice, size_t *left, wg_error *err)
{
	strbuf stamp = STRBUF_INIT;
	struct wg_points_item *items = NULL;
	size_t n = 0;
	sqlite3_stmt *st = NULL;
	int rc;

	*left = 0;
	bool all, hold;
	if ((rc = kept_state(db, r, date, &all, &hold, err)))
		goto out;
	if (hold)
		goto out; /* (the day kept stays: every result holds from it to today) */
	rules_stamp(r, &stamp);
	if ((rc = wg_db_begin(db, err)))
		goto out;
	if (all) {
		if ((rc = wg_db_points_all_stale(db, err)) ||
		    (rc = wg_meta_set(db, "points_alert_rules", sb_str(&stamp), err)) ||
		    (rc = wg_meta_set(db, "points_alert_day", date, err)))
			goto fail;
		/* in slices, marking every entity (deleting every kept result)
		 * of a county larger than a slice is a call of its own: it costs
		 * as much as a slice there */
		size_t marked = 0;
		if (slice && ((rc = wg_query_number(db, "SELECT count(*) FROM points_stale", NULL,
						    &marked, err))))
			goto fail;
		if (slice && marked > slice) {
			if ((rc = wg_db_commit(db, err)) == WG_OK)
				*left = marked;
			goto out;
		}
	}
	/* The day kept becomes date: every result not stale holds for it
	 * (those that ran out are stale now), and those computed from here on
	 * are date's. */
	long none;
	size_t still = 0;
	char limit[24];
	snprintf(limit, sizeof limit, "%zu", slice);
	if ((rc = wg_count_rows(db, "INSERT OR IGNORE INTO points_stale SELECT entity FROM"
				" points_alert WHERE until < ?1", date, &none, NULL, 0, err)) ||
	    (rc = wg_meta_set(db, "points_alert_day", date, err)) ||
	    (rc = wg_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS risk_only (id TEXT PRIMARY KEY)"
			     " WITHOUT ROWID; DELETE FROM temp.risk_only;", err)) ||
	    (rc = wg_count_rows(db, "INSERT INTO temp.risk_only SELECT entity FROM points_stale"
				" ORDER BY entity LIMIT CAST(?1 AS INTEGER)",
				slice ? limit : "-1", &none, NULL, 0, err)) ||
	    (rc = wg_db_exec(db, "DELETE FROM points_alert WHERE entity IN temp.risk_only;", err)) ||
	    (rc = wg_points_listed(db, r, date, &items, &n, err)))
		goto fail;
	/* the answer periods that end a result's day: notices to the institution
	 * not yet final (NOTICE_FINAL) */
	if (sqlite3_prepare_v2(db,
			       "SELECT min(n.answer_until) FROM notice n JOIN finding f ON f.id = n.finding"
			       " WHERE f.entity = ?1 AND +n.staff = '' AND n.status = 'noticed'"
			       " AND n.answer_until >= ?2", -1, &st, NULL) != SQLITE_OK) {
		rc = wg_db_fail(db, err);
		goto fail;
	}
	sqlite3_stmt *ins;
	if (sqlite3_prepare_v2(db, "INSERT INTO points_alert(entity, reached, until) VALUES (?1, ?2, ?3)",
			       -1, &ins, NULL) != SQLITE_OK) {
		rc = wg_db_fail(db, err);
		goto fail;
	}
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		char until[11];
		sqlite3_bind_text(st, 1, items[i].entity, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
		const char *notice = sqlite3_step(st) == SQLITE_ROW
					     ? (const char *)sqlite3_column_text(st, 0) : NULL;
		holds_until(&items[i].total, notice, until);
		sqlite3_reset(st);
		sqlite3_bind_text(ins, 1, items[i].entity, -1, SQLITE_STATIC);
		sqlite3_bind_int(ins, 2, wg_points_reached(&items[i].total));
		sqlite3_bind_text(ins, 3, until, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = wg_db_fail(db, err);
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	if (rc == WG_OK)
		rc = wg_db_exec(db, "DELETE FROM points_stale WHERE entity IN temp.risk_only;"
				" DELETE FROM temp.risk_only", err);
	if (rc == WG_OK)
		rc = wg_query_number(db, "SELECT count(*) FROM points_stale", NULL, &still, err);
	if (rc)
		goto fail;
	if ((rc = wg_db_commit(db, err)))
		goto out;
	*left = still;
	goto out;
fail:
	wg_db_rollback(db);
out:
	sqlite3_finalize(st);
	free(items);
	sb_release(&stamp);
	return rc;
}

/* The entities to list and their totals on date. From the results the desk
 * keeps when they hold on date (kept_hold): the totals of the entities that
 * reached a band alone, a cost of the alerts, not of the county (on the large
 * demo county 537 M instructions became ~1 M). Else every entity with a
 * violation at all (only those can reach a band), computed here. */
int wg_points_alerts(sqlite3 *db, const wg_points_rules *r, const char *date,
		     struct wg_points_alert **out, size_t *n, wg_error *err)
{
	sqlite3_stmt *st;
	struct wg_points_item *items;
	size_t nitems;
	bool kept = false;
	int rc, s;

	*out = NULL;
	*n = 0;
	if ((rc = kept_hold(db, r, date, &kept, err)))
		return rc;
	if (kept)
		rc = wg_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS risk_only (id TEXT PRIMARY KEY)"
				" WITHOUT ROWID; DELETE FROM temp.risk_only;"
				" INSERT INTO temp.risk_only SELECT entity FROM points_alert"
				" INDEXED BY points_alert_reached WHERE reached;", err);
	if (rc == WG_OK)
		rc = kept ? wg_points_listed(db, r, date, &items, &nitems, err)
			  : gather(db, r, "SELECT id, licence_expiry FROM entity WHERE id IN"
				   " (SELECT entity FROM finding WHERE violation != '') ORDER BY id",
				   ENTITY_FINDINGS, NULL, date, &items, &nitems, err);
	if (kept)
		wg_db_exec(db, "DELETE FROM temp.risk_only", NULL);
	if (rc)
		return rc;
	if (sqlite3_prepare_v2(db,
			       kept ? "SELECT id, name, grid FROM entity WHERE id IN"
				      " (SELECT entity FROM points_alert INDEXED BY points_alert_reached"
				      " WHERE reached) ORDER BY grid, name"
				    : "SELECT id, name, grid FROM entity WHERE id IN (SELECT entity FROM"
				      " finding WHERE violation != '') ORDER BY grid, name",
			       -1, &st, NULL) != SQLITE_OK) {
		free(items);
		return wg_db_fail(db, err);
	}
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		const struct wg_points_total *t = wg_points_find(items, nitems, id);
		if (!t || !wg_points_reached(t))
			continue;
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		struct wg_points_alert *a = &(*out)[(*n)++];
		snprintf(a->entity, sizeof a->entity, "%s", id);
		a->name = xstrdup((const char *)sqlite3_column_text(st, 1));
		a->grid = xstrdup((const char *)sqlite3_column_text(st, 2));
		a->total = *t;
	}
	if (s != SQLITE_DONE)
		rc = wg_db_fail(db, err);
	sqlite3_finalize(st);
	free(items);
	if (rc) {
		wg_points_alerts_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int wg_points_alerts_count(sqlite3 *db, const wg_points_rules *r, const char *date,
			   size_t slice, size_t *n, size_t *left, wg_error *err)
{
	int rc;
	*n = 0;
	if ((rc = refresh_alerts(db, r, date, slice, left, err)) || *left)
		return rc;
	/* an entity deleted keeps its findings, but has no alert (wg_points_alerts
	 * lists entities) */
	return wg_query_number(db, "SELECT count(*) FROM points_alert p INDEXED BY"
			       " points_alert_reached WHERE reached"
			       " AND EXISTS (SELECT 1 FROM entity e WHERE e.id = p.entity)",
			       NULL, n, err);
}

void wg_points_alerts_free(struct wg_points_alert *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(a[i].name);
		free(a[i].grid);
	}
	free(a);
}
