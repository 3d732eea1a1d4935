#include <config.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "fileutil.h"
#include "draw.h"
#include "i18n.h"
#include "id.h"
#include "recordop.h"
#include "points.h"
#include "prng.h"
#include "query.h"
#include "risk.h"
#include "rules.h"
#include "schema.h"
#include "sha256.h"
#include "timeutil.h"

#define RESULT_MAGIC "wangge-draw 1"

/* ---- the directory ---- */

void wg_draw_dir_free(struct wg_draw_dir *dir)
{
	if (!dir)
		return;
	for (size_t i = 0; i < dir->nent; i++)
		free(dir->ent[i].name);
	for (size_t i = 0; i < dir->ninsp; i++)
		free(dir->insp[i].name);
	free(dir->ent);
	free(dir->insp);
	free(dir->conf);
	free(dir->last);
	free(dir);
}


static int cmp_pair(const void *a, const void *b)
{
	const struct wg_dir_pair *x = a, *y = b;
	int c = strcmp(x->entity, y->entity);
	return c ? c : strcmp(x->officer, y->officer);
}

static int cmp_last(const void *a, const void *b)
{
	return strcmp(((const struct wg_dir_last *)a)->entity, ((const struct wg_dir_last *)b)->entity);
}

/* Both directory arrays are sorted by id, their first member. */
_Static_assert(offsetof(struct wg_dir_entity, id) == 0, "id leads wg_dir_entity");
_Static_assert(offsetof(struct wg_dir_inspector, id) == 0, "id leads wg_dir_inspector");

static long find_id(const void *base, size_t n, size_t size, const char *id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp((const char *)base + mid * size, id);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static long find_entity(const struct wg_draw_dir *dir, const char *id)
{
	return find_id(dir->ent, dir->nent, sizeof *dir->ent, id);
}

static long find_inspector(const struct wg_draw_dir *dir, const char *id)
{
	return find_id(dir->insp, dir->ninsp, sizeof *dir->insp, id);
}

static const char *find_last(const struct wg_draw_dir *dir, const char *entity)
{
	struct wg_dir_last key;
	if (!dir->nlast)
		return NULL;
	snprintf(key.entity, sizeof key.entity, "%s", entity);
	const struct wg_dir_last *l = bsearch(&key, dir->last, dir->nlast, sizeof *dir->last, cmp_last);
	return l ? l->inspectors : NULL;
}

static bool has_conflict(const struct wg_draw_dir *dir, const char *entity, const char *officer)
{
	struct wg_dir_pair key;
	if (!dir->nconf)
		return false;
	snprintf(key.entity, sizeof key.entity, "%s", entity);
	snprintf(key.officer, sizeof key.officer, "%s", officer);
	return bsearch(&key, dir->conf, dir->nconf, sizeof *dir->conf, cmp_pair) != NULL;
}

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	return v ? (const char *)v : "";
}

/* Factors from the derived risk: only for entities whose section uses them. */
static int risk_factors(sqlite3 *db, const struct wg_plan *plan, const char *today,
			struct wg_draw_dir *dir, wg_error *err)
{
	bool any = false;
	for (size_t r = 0; r < plan->nrules; r++)
		for (int f = FACTOR_HIGH_RISK; f <= FACTOR_BLACK; f++)
			any |= plan->rules[r].boost[f] >= 0;
	if (!any)
		return WG_OK;
	wg_risk_rules *rr = NULL;
	wg_points_rules *pr = NULL;
	int rc;
	if ((rc = wg_rules_load(db, today, &pr, &rr, err)))
		goto out;
	int min = -1;
	for (size_t g = 0; g < rr->ngrades; g++)
		if (plan->high_risk_grade[0] ? strcmp(rr->grades[g].code, plan->high_risk_grade) == 0
					     : g + 1 == rr->ngrades)
			min = rr->grades[g].min;
	if (min < 0) {
		rc = wg_fail(err, WG_EINPUT, _("high_risk_grade \"%s\" is not a grade of the risk rules"),
			     plan->high_risk_grade);
		goto out;
	}
	struct wg_risk_item *grades;
	size_t ngraded;
	if ((rc = wg_risk_all(db, rr, pr, today, NULL, false, &grades, &ngraded, err)))
		goto out;
	for (size_t i = 0; i < dir->nent; i++) {
		const struct wg_plan_rule *r = &plan->rules[dir->ent[i].rule];
		if (r->boost[FACTOR_HIGH_RISK] < 0 && r->boost[FACTOR_POINTS] < 0 &&
		    r->boost[FACTOR_BLACK] < 0)
			continue;
		const wg_risk *risk = wg_risk_find(grades, ngraded, dir->ent[i].id);
		if (!risk)
			continue;
		if (risk->score >= min)
			dir->ent[i].flags |= 1u << FACTOR_HIGH_RISK;
		if (risk->points.band)
			dir->ent[i].flags |= 1u << FACTOR_POINTS;
		if (risk->black)
			dir->ent[i].flags |= 1u << FACTOR_BLACK;
	}
	wg_risk_items_free(grades, ngraded);
out:
	wg_rules_free(pr, rr);
	return rc;
}

int wg_draw_dir_load(sqlite3 *db, const struct wg_plan *plan, const char *today,
		     struct wg_draw_dir **out, wg_error *err)
{
	struct wg_draw_dir *dir = xcalloc(1, sizeof *dir);
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	/* Entities: open ones in a category the plan covers. */
	if (sqlite3_prepare_v2(db, "SELECT id, grid, category, name FROM entity"
				   " WHERE status = 'open' ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		goto dbfail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int rule = wg_plan_rule_for(plan, col(st, 2));
		if (rule < 0)
			continue;
		if (dir->nent == alloc) {
			alloc = alloc ? alloc * 2 : 256;
			dir->ent = xrealloc(dir->ent, alloc * sizeof *dir->ent);
		}
		struct wg_dir_entity *e = &dir->ent[dir->nent++];
		memset(e, 0, sizeof *e);
		snprintf(e->id, sizeof e->id, "%s", col(st, 0));
		snprintf(e->grid, sizeof e->grid, "%s", col(st, 1));
		snprintf(e->category, sizeof e->category, "%s", col(st, 2));
		e->rule = rule;
		e->name = xstrdup(col(st, 3));
	}
	if (rc != SQLITE_DONE)
		goto dbfail;
	sqlite3_finalize(st);

	/* Factor: a complaint received in [from - lookback, from), CST dates. */
	long from = wg_date_days(plan->from);
	if (sqlite3_prepare_v2(db, "SELECT entity, received FROM complaint WHERE entity <> ''", -1,
			       &st, NULL) != SQLITE_OK)
		goto dbfail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		time_t t;
		char day[WG_DATE_LEN + 1];
		long e = find_entity(dir, col(st, 0));
		if (e < 0 || !wg_timestamp_parse(col(st, 1), &t))
			continue;
		wg_date_of(t, day);
		long d = wg_date_days(day);
		if (d < from && d >= from - (long)plan->lookback)
			dir->ent[e].flags |= 1u << FACTOR_COMPLAINT;
	}
	if (rc != SQLITE_DONE)
		goto dbfail;
	sqlite3_finalize(st);
	st = NULL;
	if ((rc = risk_factors(db, plan, today, dir, err))) {
		wg_draw_dir_free(dir);
		return rc;
	}

	/* Inspectors: active, role inspector, with an enforcement certificate. */
	if (sqlite3_prepare_v2(db, "SELECT id, grid, name FROM officer WHERE role = 'inspector'"
				   " AND status = 'active' AND cert <> '' ORDER BY id", -1, &st,
			       NULL) != SQLITE_OK)
		goto dbfail;
	alloc = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (dir->ninsp == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			dir->insp = xrealloc(dir->insp, alloc * sizeof *dir->insp);
		}
		struct wg_dir_inspector *in = &dir->insp[dir->ninsp++];
		snprintf(in->id, sizeof in->id, "%s", col(st, 0));
		snprintf(in->grid, sizeof in->grid, "%s", col(st, 1));
		in->name = xstrdup(col(st, 2));
	}
	if (rc != SQLITE_DONE)
		goto dbfail;
	sqlite3_finalize(st);

	/* Declared conflicts between those inspectors and those entities. */
	if (sqlite3_prepare_v2(db, "SELECT DISTINCT entity, officer FROM recusal"
				   " ORDER BY entity, officer", -1, &st, NULL) != SQLITE_OK)
		goto dbfail;
	alloc = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (find_entity(dir, col(st, 0)) < 0 || find_inspector(dir, col(st, 1)) < 0)
			continue;
		if (dir->nconf == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			dir->conf = xrealloc(dir->conf, alloc * sizeof *dir->conf);
		}
		struct wg_dir_pair *p = &dir->conf[dir->nconf++];
		snprintf(p->entity, sizeof p->entity, "%s", col(st, 0));
		snprintf(p->officer, sizeof p->officer, "%s", col(st, 1));
	}
	if (rc != SQLITE_DONE)
		goto dbfail;
	sqlite3_finalize(st);

	/* The inspectors of each entity's latest random inspection. */
	if (sqlite3_prepare_v2(db, "SELECT entity, inspectors FROM task WHERE kind = 'random'"
				   " AND inspectors <> '' ORDER BY entity, created, id", -1, &st,
			       NULL) != SQLITE_OK)
		goto dbfail;
	alloc = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *e = col(st, 0), *ins = col(st, 1);
		if (find_entity(dir, e) < 0 || strlen(ins) >= sizeof dir->last->inspectors)
			continue;
		if (dir->nlast && strcmp(dir->last[dir->nlast - 1].entity, e) == 0) {
			snprintf(dir->last[dir->nlast - 1].inspectors, sizeof dir->last->inspectors,
				 "%s", ins);
			continue;
		}
		if (dir->nlast == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			dir->last = xrealloc(dir->last, alloc * sizeof *dir->last);
		}
		struct wg_dir_last *l = &dir->last[dir->nlast++];
		snprintf(l->entity, sizeof l->entity, "%s", e);
		snprintf(l->inspectors, sizeof l->inspectors, "%s", ins);
	}
	if (rc != SQLITE_DONE)
		goto dbfail;
	sqlite3_finalize(st);
	*out = dir;
	return WG_OK;
dbfail:
	rc = wg_db_fail(db, err);
	sqlite3_finalize(st);
	wg_draw_dir_free(dir);
	return rc;
}

/* The directory as text: the part of the result file its fingerprint covers. */
static void dir_write(const struct wg_draw_dir *dir, strbuf *out)
{
	for (size_t i = 0; i < dir->nent; i++) {
		const struct wg_dir_entity *e = &dir->ent[i];
		sb_addf(out, "entity %s %s %s ", e->id, e->grid, e->category);
		if (!e->flags)
			sb_addc(out, '-');
		for (int f = 0, n = 0; f < WG_NFACTORS; f++)
			if (e->flags & (1u << f))
				sb_addf(out, "%s%s", n++ ? "," : "", wg_factor_names[f]);
		sb_addc(out, '\n');
	}
	for (size_t i = 0; i < dir->ninsp; i++)
		sb_addf(out, "inspector %s %s\n", dir->insp[i].id,
			dir->insp[i].grid[0] ? dir->insp[i].grid : "-");
	for (size_t i = 0; i < dir->nconf; i++)
		sb_addf(out, "conflict %s %s\n", dir->conf[i].entity, dir->conf[i].officer);
	for (size_t i = 0; i < dir->nlast; i++)
		sb_addf(out, "last %s %s\n", dir->last[i].entity, dir->last[i].inspectors);
}

int wg_draw_seed_check(const char *seed, wg_error *err)
{
	int rc = wg_field_check(wg_field_find(&wg_kind_draw, "seed"), seed, NULL, err);
	if (rc)
		wg_error_prefix(err, _("the seed"));
	return rc;
}

/* ---- drawing ---- */

void wg_draw_result_free(struct wg_draw_result *res)
{
	if (!res)
		return;
	free(res->picks);
	sb_release(&res->text);
	free(res);
}

/* The rate an entity is drawn at because of its factors, or -1. */
static int boost_rate(const struct wg_plan_rule *r, unsigned flags)
{
	int best = -1;
	for (int f = 0; f < WG_NFACTORS; f++)
		if ((flags & (1u << f)) && r->boost[f] > best)
			best = r->boost[f];
	return best;
}

/* Partial Fisher-Yates: the first k of list become a uniform random sample. */
static void sample(wg_prng *rng, size_t *list, size_t n, size_t k)
{
	for (size_t i = 0; i < k; i++) {
		size_t j = i + (size_t)wg_prng_below(rng, n - i);
		size_t t = list[i];
		list[i] = list[j];
		list[j] = t;
	}
}

static size_t ceil_rate(size_t n, int rate)
{
	return (n * (size_t)rate + WG_RATE_FULL - 1) / WG_RATE_FULL;
}

static void ids_join(const struct wg_draw_dir *dir, const size_t *idx, unsigned n, strbuf *out)
{
	for (unsigned i = 0; i < n; i++)
		sb_addf(out, "%s%s", i ? "," : "", dir->insp[idx[i]].id);
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static int draw_inspectors(wg_prng *rng, const struct wg_plan *plan, const struct wg_draw_dir *dir,
			   struct wg_draw_pick *pick, size_t *elig, wg_error *err)
{
	const struct wg_dir_entity *e = &dir->ent[pick->entity];
	size_t m = 0;
	for (size_t i = 0; i < dir->ninsp; i++) {
		if (dir->insp[i].grid[0] && strcmp(dir->insp[i].grid, e->grid) == 0)
			continue;
		if (has_conflict(dir, e->id, dir->insp[i].id))
			continue;
		elig[m++] = i;
	}
	if (m < plan->inspectors)
		return wg_fail(err, WG_EINPUT,
			       _("%s (%s, grid %s): only %zu inspectors may inspect it (not from its "
				 "grid, no declared conflict); the plan needs %u"),
			       e->name ? e->name : "", e->id, e->grid, m, plan->inspectors);
	const char *last = find_last(dir, e->id);
	strbuf ids = STRBUF_INIT;
	if (last && m == plan->inspectors) {
		ids_join(dir, elig, (unsigned)m, &ids);
		bool same = strcmp(sb_str(&ids), last) == 0;
		sb_release(&ids);
		if (same)
			return wg_fail(err, WG_EINPUT,
				       _("%s (%s): the only inspectors who may inspect it are the "
					 "ones who inspected it last time"), e->name ? e->name : "",
				       e->id);
	}
	for (;;) {
		sample(rng, elig, m, plan->inspectors);
		memcpy(pick->insp, elig, plan->inspectors * sizeof *elig);
		pick->ninsp = plan->inspectors;
		qsort(pick->insp, pick->ninsp, sizeof *pick->insp, cmp_size);
		if (!last)
			break;
		sb_reset(&ids);
		ids_join(dir, pick->insp, pick->ninsp, &ids);
		if (strcmp(sb_str(&ids), last) != 0)
			break;
	}
	sb_release(&ids);
	return WG_OK;
}

static void result_write(const struct wg_plan *plan, const struct wg_draw_dir *dir,
			 const char *seed, struct wg_draw_result *res)
{
	strbuf *t = &res->text;
	strbuf dtext = STRBUF_INIT;
	dir_write(dir, &dtext);
	wg_sha256_hex(dtext.buf ? dtext.buf : "", dtext.len, res->directory_sha256);

	sb_addf(t, "%s\n", RESULT_MAGIC);
	sb_addf(t, "name %s\n", plan->name);
	sb_addf(t, "seed %s\n", seed);
	sb_addf(t, "plan-sha256 %s\n", plan->sha256);
	sb_addf(t, "directory-sha256 %s\n", res->directory_sha256);
	for (const char *p = plan->text; *p;) {
		const char *nl = strchr(p, '\n');
		sb_adds(t, "plan ");
		sb_add(t, p, (size_t)(nl - p) + 1);
		p = nl + 1;
	}
	sb_add(t, sb_str(&dtext), dtext.len);
	sb_release(&dtext);
	for (size_t i = 0; i < res->npicks; i++) {
		const struct wg_draw_pick *pk = &res->picks[i];
		sb_addf(t, "pick %s %s ", dir->ent[pk->entity].id, dir->ent[pk->entity].grid);
		ids_join(dir, pk->insp, pk->ninsp, t);
		sb_addc(t, '\n');
	}
	wg_sha256_hex(t->buf, t->len, res->result_sha256);
	sb_addf(t, "result-sha256 %s\n", res->result_sha256);
}

int wg_draw_run(const struct wg_plan *plan, const struct wg_draw_dir *dir, const char *seed,
		struct wg_draw_result **out, wg_error *err)
{
	struct wg_draw_result *res = xcalloc(1, sizeof *res);
	size_t *list = xmalloc((dir->nent + 1) * sizeof *list);
	size_t *elig = xmalloc((dir->ninsp + 1) * sizeof *elig);
	size_t alloc = 0;
	wg_prng rng;
	int rc = WG_OK;

	*out = NULL;
	sb_init(&res->text);
	if ((rc = wg_draw_seed_check(seed, err)))
		goto fail;
	if (dir->ninsp < plan->inspectors) {
		rc = wg_fail(err, WG_EINPUT,
			     _("the inspector directory has %zu active inspectors with an enforcement "
			       "certificate; the plan needs %u for each entity"),
			     dir->ninsp, plan->inspectors);
		goto fail;
	}
	wg_prng_seed(&rng, seed);
	for (size_t r = 0; r < plan->nrules; r++) {
		const struct wg_plan_rule *rule = &plan->rules[r];
		size_t total = 0;
		for (size_t i = 0; i < dir->nent; i++)
			total += dir->ent[i].rule == (int)r;
		if (total == 0) {
			rc = wg_fail(err, WG_EINPUT,
				     _("[%s]: the directory has no open entity in this category"),
				     rule->target);
			goto fail;
		}
		/* Strata: the rates entities are drawn at, highest first; -1 = no factor. */
		int rates[WG_NFACTORS + 1], nrates = 0;
		for (int f = 0; f < WG_NFACTORS; f++)
			if (rule->boost[f] >= 0) {
				bool seen = false;
				for (int k = 0; k < nrates; k++)
					seen |= rates[k] == rule->boost[f];
				if (!seen)
					rates[nrates++] = rule->boost[f];
			}
		for (int a = 0; a < nrates; a++)
			for (int b = a + 1; b < nrates; b++)
				if (rates[b] > rates[a]) {
					int t = rates[a];
					rates[a] = rates[b];
					rates[b] = t;
				}
		rates[nrates++] = -1;
		for (int s = 0; s < nrates; s++) {
			size_t n = 0, k;
			for (size_t i = 0; i < dir->nent; i++)
				if (dir->ent[i].rule == (int)r &&
				    boost_rate(rule, dir->ent[i].flags) == rates[s])
					list[n++] = i;
			if (rates[s] >= 0) {
				k = ceil_rate(n, rates[s]);
			} else if (rule->count >= 0) {
				if ((size_t)rule->count > n) {
					rc = wg_fail(err, WG_EINPUT,
						     _("[%s]: the plan asks for %ld entities but the "
						       "directory has only %zu (without a risk factor)"),
						     rule->target, rule->count, n);
					goto fail;
				}
				k = (size_t)rule->count;
			} else {
				k = ceil_rate(n, rule->ratio);
			}
			sample(&rng, list, n, k);
			if (res->npicks + k > alloc) {
				alloc = (res->npicks + k) * 2;
				res->picks = xrealloc(res->picks, alloc * sizeof *res->picks);
			}
			for (size_t i = 0; i < k; i++)
				res->picks[res->npicks++] = (struct wg_draw_pick){.entity = list[i]};
		}
	}
	/* Inspectors after all entities, in the order drawn. */
	for (size_t i = 0; i < res->npicks; i++)
		if ((rc = draw_inspectors(&rng, plan, dir, &res->picks[i], elig, err)))
			goto fail;
	result_write(plan, dir, seed, res);
	free(list);
	free(elig);
	*out = res;
	return WG_OK;
fail:
	free(list);
	free(elig);
	wg_draw_result_free(res);
	return rc;
}

/* ---- turning a draw into tasks ---- */

int wg_draw_commit(wg_workspace *ws, const struct wg_plan *plan, const struct wg_draw_dir *dir,
		   const char *seed, const struct wg_draw_result *res, char draw_id[WG_ID_BUFSIZE],
		   wg_error *err)
{
	char count[24];
	int rc;

	if (ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EINPUT, _("only the county workspace can run a draw"));
	snprintf(count, sizeof count, "%zu", res->npicks);
	wg_record *draw = wg_record_new(&wg_kind_draw);
	const struct wg_change dc[] = {
		{"name", plan->name},
		{"seed", seed},
		{"plan_sha256", plan->sha256},
		{"directory_sha256", res->directory_sha256},
		{"result_sha256", res->result_sha256},
		{"tasks", count},
	};
	if ((rc = wg_fill(draw, dc, sizeof dc / sizeof dc[0], true, err))) {
		wg_record_free(draw);
		return rc;
	}
	if ((rc = wg_db_begin(ws->db, err))) {
		wg_record_free(draw);
		return rc;
	}
	if ((rc = wg_add(ws, draw, err)))
		goto fail;
	snprintf(draw_id, WG_ID_BUFSIZE, "%s", wg_record_id(draw));
	for (size_t i = 0; i < res->npicks; i++) {
		const struct wg_draw_pick *pk = &res->picks[i];
		strbuf ids = STRBUF_INIT;
		ids_join(dir, pk->insp, pk->ninsp, &ids);
		wg_record *task = wg_record_new(&wg_kind_task);
		const struct wg_change tc[] = {
			{"grid", dir->ent[pk->entity].grid},
			{"kind", "random"},
			{"entity", dir->ent[pk->entity].id},
			{"title", plan->name},
			{"due", plan->to},
			{"inspectors", sb_str(&ids)},
			{"source", draw_id},
		};
		rc = wg_fill(task, tc, sizeof tc / sizeof tc[0], true, err);
		if (rc == WG_OK)
			rc = wg_add(ws, task, err);
		wg_record_free(task);
		sb_release(&ids);
		if (rc)
			goto fail;
	}
	if ((rc = wg_db_commit(ws->db, err)))
		goto fail;
	wg_record_free(draw);
	return WG_OK;
fail:
	wg_db_rollback(ws->db);
	wg_record_free(draw);
	return rc;
}

/* ---- verification ---- */

static bool is_hex(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	return strspn(s, "0123456789abcdef") == n;
}

/* Parse the directory lines of a result file into dir. */
static int dir_line(struct wg_draw_dir *dir, const struct wg_plan *plan, char *line, int lineno,
		    wg_error *err)
{
	char *f[5] = {0};
	int n = 0;
	for (char *p = line, *sp; p && n < 5; p = sp) {
		sp = strchr(p, ' ');
		if (sp)
			*sp++ = '\0';
		f[n++] = p;
	}
	if (strcmp(f[0], "entity") == 0 && n == 5 && is_hex(f[1], 32)) {
		struct wg_dir_entity e = {0};
		int rule = wg_plan_rule_for(plan, f[3]);
		if (rule < 0 || strlen(f[2]) >= sizeof e.grid)
			goto bad;
		snprintf(e.id, sizeof e.id, "%s", f[1]);
		snprintf(e.grid, sizeof e.grid, "%s", f[2]);
		snprintf(e.category, sizeof e.category, "%s", f[3]);
		e.rule = rule;
		if (strcmp(f[4], "-") != 0)
			for (char *t = strtok(f[4], ","); t; t = strtok(NULL, ",")) {
				int k;
				for (k = 0; k < WG_NFACTORS && strcmp(t, wg_factor_names[k]) != 0; k++)
					;
				if (k == WG_NFACTORS)
					goto bad;
				e.flags |= 1u << k;
			}
		if ((dir->nent & (dir->nent - 1)) == 0) /* grow at powers of two */
			dir->ent = xrealloc(dir->ent, (dir->nent ? dir->nent * 2 : 1) * sizeof *dir->ent);
		dir->ent[dir->nent++] = e;
		return WG_OK;
	}
	if (strcmp(f[0], "inspector") == 0 && n == 3 && is_hex(f[1], 32)) {
		struct wg_dir_inspector in = {0};
		if (strlen(f[2]) >= sizeof in.grid)
			goto bad;
		snprintf(in.id, sizeof in.id, "%s", f[1]);
		snprintf(in.grid, sizeof in.grid, "%s", strcmp(f[2], "-") == 0 ? "" : f[2]);
		if ((dir->ninsp & (dir->ninsp - 1)) == 0)
			dir->insp = xrealloc(dir->insp,
					     (dir->ninsp ? dir->ninsp * 2 : 1) * sizeof *dir->insp);
		dir->insp[dir->ninsp++] = in;
		return WG_OK;
	}
	if (strcmp(f[0], "conflict") == 0 && n == 3 && is_hex(f[1], 32) && is_hex(f[2], 32)) {
		if ((dir->nconf & (dir->nconf - 1)) == 0)
			dir->conf = xrealloc(dir->conf,
					     (dir->nconf ? dir->nconf * 2 : 1) * sizeof *dir->conf);
		snprintf(dir->conf[dir->nconf].entity, WG_ID_BUFSIZE, "%s", f[1]);
		snprintf(dir->conf[dir->nconf].officer, WG_ID_BUFSIZE, "%s", f[2]);
		dir->nconf++;
		return WG_OK;
	}
	if (strcmp(f[0], "last") == 0 && n == 3 && is_hex(f[1], 32) &&
	    strlen(f[2]) < sizeof dir->last->inspectors) {
		if ((dir->nlast & (dir->nlast - 1)) == 0)
			dir->last = xrealloc(dir->last,
					     (dir->nlast ? dir->nlast * 2 : 1) * sizeof *dir->last);
		snprintf(dir->last[dir->nlast].entity, WG_ID_BUFSIZE, "%s", f[1]);
		snprintf(dir->last[dir->nlast].inspectors, sizeof dir->last->inspectors, "%s", f[2]);
		dir->nlast++;
		return WG_OK;
	}
bad:
	return wg_fail(err, WG_EINPUT, _("line %d of the result is not a directory line"), lineno);
}

static bool sorted_dir(const struct wg_draw_dir *d)
{
	for (size_t i = 1; i < d->nent; i++)
		if (strcmp(d->ent[i - 1].id, d->ent[i].id) >= 0)
			return false;
	for (size_t i = 1; i < d->ninsp; i++)
		if (strcmp(d->insp[i - 1].id, d->insp[i].id) >= 0)
			return false;
	for (size_t i = 1; i < d->nconf; i++)
		if (cmp_pair(&d->conf[i - 1], &d->conf[i]) >= 0)
			return false;
	for (size_t i = 1; i < d->nlast; i++)
		if (cmp_last(&d->last[i - 1], &d->last[i]) >= 0)
			return false;
	return true;
}

/* The first line that differs between two texts, for the report. */
static void first_difference(const char *a, const char *b, strbuf *report)
{
	int lineno = 1;
	while (*a && *a == *b) {
		if (*a == '\n')
			lineno++;
		a++;
		b++;
	}
	while (lineno > 1 && a[-1] != '\n') {
		a--;
		b--;
	}
	const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
	sb_addf(report, _("line %d of the file: %.*s\n"), lineno, ea ? (int)(ea - a) : (int)strlen(a),
		a);
	sb_addf(report, _("re-running the draw gives: %.*s\n"), eb ? (int)(eb - b) : (int)strlen(b),
		b);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int verify_workspace(sqlite3 *db, const char *seed, const char *plan_sha,
			    const char *dir_sha, const char *result_sha,
			    const struct wg_draw_result *res, const struct wg_draw_dir *dir,
			    strbuf *report, bool *genuine, wg_error *err)
{
	sqlite3_stmt *st;
	char draw_id[WG_ID_BUFSIZE] = "";
	int rc;
	if (sqlite3_prepare_v2(db, "SELECT id, seed, plan_sha256, directory_sha256 FROM draw"
				   " WHERE result_sha256 = ?", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, result_sha, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(draw_id, sizeof draw_id, "%s", col(st, 0));
		if (strcmp(col(st, 1), seed) || strcmp(col(st, 2), plan_sha) ||
		    strcmp(col(st, 3), dir_sha)) {
			sb_addf(report, _("the workspace's draw %s has a different seed, plan or "
					  "directory\n"), draw_id);
			*genuine = false;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return wg_db_fail(db, err);
	if (!draw_id[0]) {
		sb_adds(report, _("this workspace holds no draw with this result's fingerprint: the "
				  "result was changed, or comes from another county\n"));
		*genuine = false;
		return WG_OK;
	}
	/* The tasks the draw made: one per pick, same entity, same inspectors. */
	strbuf want = STRBUF_INIT, got = STRBUF_INIT;
	char **lines = xcalloc(res->npicks + 1, sizeof *lines);
	for (size_t i = 0; i < res->npicks; i++) {
		strbuf l = STRBUF_INIT;
		sb_addf(&l, "%s %s ", dir->ent[res->picks[i].entity].id,
			dir->ent[res->picks[i].entity].grid);
		ids_join(dir, res->picks[i].insp, res->picks[i].ninsp, &l);
		lines[i] = sb_detach(&l);
	}
	qsort(lines, res->npicks, sizeof *lines, cmp_str);
	for (size_t i = 0; i < res->npicks; i++) {
		sb_addf(&want, "%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
	if (sqlite3_prepare_v2(db, "SELECT entity, grid, inspectors FROM task WHERE source = ?"
				   " AND source <> '' AND kind = 'random' ORDER BY entity, grid, inspectors", -1, &st,
			       NULL) != SQLITE_OK) {
		sb_release(&want);
		return wg_db_fail(db, err);
	}
	sqlite3_bind_text(st, 1, draw_id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sb_addf(&got, "%s %s %s\n", col(st, 0), col(st, 1), col(st, 2));
	sqlite3_finalize(st);
	if (strcmp(sb_str(&want), sb_str(&got)) != 0) {
		sb_addf(report, _("the tasks of draw %s differ from the result's picks\n"), draw_id);
		*genuine = false;
	} else {
		sb_addf(report, _("the workspace holds this draw (%s) and its %zu tasks\n"), draw_id,
			res->npicks);
	}
	sb_release(&want);
	sb_release(&got);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

int wg_draw_verify(const char *buf, size_t len, sqlite3 *db, strbuf *report, wg_error *err)
{
	char *text = xstrndup(buf, len);
	strbuf plantext = STRBUF_INIT;
	struct wg_plan *plan = NULL;
	struct wg_draw_dir *dir = xcalloc(1, sizeof *dir);
	struct wg_draw_result *res = NULL;
	char *seed = NULL, *name = NULL;
	char plan_sha[65] = "", dir_sha[65] = "", result_sha[65] = "", sha[65];
	bool genuine = true, in_dir = false;
	int rc = WG_OK, lineno = 0;

	if (strlen(text) != len || len < sizeof RESULT_MAGIC ||
	    strncmp(text, RESULT_MAGIC "\n", sizeof RESULT_MAGIC) != 0 || text[len - 1] != '\n') {
		rc = wg_fail(err, WG_EINPUT, _("this is not a wangge draw result"));
		goto out;
	}
	/* The file's own fingerprint: its last line covers every byte before it. */
	const char *lastline = text + len - 1;
	while (lastline > text && lastline[-1] != '\n')
		lastline--;
	if (strlen(lastline) != 14 + 64 + 1 || strncmp(lastline, "result-sha256 ", 14) != 0 ||
	    strspn(lastline + 14, "0123456789abcdef") != 64) {
		rc = wg_fail(err, WG_EINPUT, _("the result has no fingerprint line at its end"));
		goto out;
	}
	snprintf(result_sha, sizeof result_sha, "%.64s", lastline + 14);
	wg_sha256_hex(text, (size_t)(lastline - text), sha);
	if (strcmp(sha, result_sha) != 0) {
		sb_adds(report, _("the result's fingerprint does not match its contents: the file "
				  "was changed after the draw\n"));
		genuine = false;
	}
	/* Header, plan, directory; the picks are recomputed, not trusted. */
	strbuf picks = STRBUF_INIT;
	char *body = text + sizeof RESULT_MAGIC;
	lineno = 1;
	for (char *line = body, *next; line < lastline; line = next) {
		next = strchr(line, '\n');
		*next++ = '\0';
		lineno++;
		if (strncmp(line, "name ", 5) == 0 && !name) {
			name = xstrdup(line + 5);
		} else if (strncmp(line, "seed ", 5) == 0 && !seed) {
			seed = xstrdup(line + 5);
		} else if (strncmp(line, "plan-sha256 ", 12) == 0 && is_hex(line + 12, 64)) {
			snprintf(plan_sha, sizeof plan_sha, "%s", line + 12);
		} else if (strncmp(line, "directory-sha256 ", 17) == 0 && is_hex(line + 17, 64)) {
			snprintf(dir_sha, sizeof dir_sha, "%s", line + 17);
		} else if (strncmp(line, "plan ", 5) == 0 && !in_dir) {
			sb_addf(&plantext, "%s\n", line + 5);
		} else if (strncmp(line, "pick ", 5) == 0) {
			sb_addf(&picks, "%s\n", line);
		} else {
			if (!plan) {
				if ((rc = wg_plan_parse(sb_str(&plantext), plantext.len, &plan, err))) {
					wg_error_prefix(err, _("the plan in the result"));
					break;
				}
			}
			in_dir = true;
			if ((rc = dir_line(dir, plan, line, lineno, err)))
				break;
		}
	}
	if (rc == WG_OK && !plan &&
	    (rc = wg_plan_parse(sb_str(&plantext), plantext.len, &plan, err)))
		wg_error_prefix(err, _("the plan in the result"));
	sb_release(&picks);
	if (rc)
		goto out;
	if (!seed || !name || !plan_sha[0] || !dir_sha[0]) {
		rc = wg_fail(err, WG_EINPUT, _("the result lacks its seed, name or fingerprints"));
		goto out;
	}
	if (strcmp(plan->sha256, plan_sha) != 0) {
		sb_adds(report, _("the plan in the result does not match its plan fingerprint\n"));
		genuine = false;
	}
	if (strcmp(plan->name, name) != 0) {
		sb_adds(report, _("the name does not match the plan's name\n"));
		genuine = false;
	}
	if (!sorted_dir(dir)) {
		sb_adds(report, _("the directory in the result is not in its canonical order\n"));
		genuine = false;
	}
	strbuf dtext = STRBUF_INIT;
	dir_write(dir, &dtext);
	wg_sha256_hex(sb_str(&dtext), dtext.len, sha);
	sb_release(&dtext);
	if (strcmp(sha, dir_sha) != 0) {
		sb_adds(report, _("the directory in the result does not match its directory "
				  "fingerprint\n"));
		genuine = false;
	}
	/* Re-run. */
	wg_error e2;
	if (wg_draw_run(plan, dir, seed, &res, &e2) != WG_OK) {
		sb_addf(report, _("re-running the draw fails: %s\n"), e2.msg);
		genuine = false;
	} else if (res->text.len != len || memcmp(res->text.buf, buf, len) != 0) {
		sb_adds(report, _("re-running the draw with the published seed gives a different "
				  "result:\n"));
		first_difference(buf, res->text.buf, report);
		genuine = false;
	} else {
		sb_addf(report, _("re-running the draw with seed \"%s\" gives exactly this result "
				  "(%zu entities drawn from %zu)\n"), seed, res->npicks, dir->nent);
	}
	if (db && res && (rc = verify_workspace(db, seed, plan_sha, dir_sha, result_sha, res, dir,
						report, &genuine, err)))
		goto out;
	if (!genuine)
		rc = wg_fail(err, WG_EINPUT, _("the draw result is NOT genuine"));
out:
	free(text);
	free(seed);
	free(name);
	sb_release(&plantext);
	wg_plan_free(plan);
	wg_draw_dir_free(dir);
	wg_draw_result_free(res);
	return rc;
}

int wg_draw_list(sqlite3 *db, wg_row_fn *fix, const void *arg, wg_table *t, wg_error *err)
{
	return wg_query_table(db, "SELECT id, created, name, seed, tasks FROM draw"
				  " ORDER BY created, id",
			      NULL, 0, 5, fix, arg, t, err);
}

int wg_draw_tasks(sqlite3 *db, const char *id, wg_row_fn *fix, const void *arg, wg_table *t,
		  wg_error *err)
{
	static const char *const sql =
		"SELECT e.name, e.uscc, t.grid,"
		" (SELECT group_concat(o.name, ', ') FROM"
		"   (SELECT name FROM officer WHERE instr(t.inspectors, id) > 0"
		"    ORDER BY id) o),"
		" t.status FROM task t LEFT JOIN entity e ON e.id = t.entity"
		" WHERE t.source = ? AND t.source <> '' AND t.kind = 'random' ORDER BY t.grid, e.name, t.entity";
	const char *params[] = {id};
	return wg_query_table(db, sql, params, 1, 5, fix, arg, t, err);
}

int wg_recusal_list(sqlite3 *db, wg_table *t, wg_error *err)
{
	return wg_query_table(db, "SELECT o.name, e.name, c.reason FROM recusal c"
				  " LEFT JOIN officer o ON o.id = c.officer"
				  " LEFT JOIN entity e ON e.id = c.entity ORDER BY o.name, e.name",
			      NULL, 0, 3, NULL, NULL, t, err);
}

char *wg_draw_result_name(const struct wg_draw_result *res)
{
	return xasprintf("draw-%.12s.txt", res->result_sha256);
}

int wg_draw_save(wg_workspace *ws, const struct wg_plan *plan, const struct wg_draw_dir *dir,
		 const char *seed, const struct wg_draw_result *res, const char *path, bool dry,
		 char draw_id[WG_ID_BUFSIZE], wg_error *err)
{
	char *tmp = NULL;
	int rc;
	draw_id[0] = '\0';
	if (!dry && ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EINPUT, _("only the county workspace can run a draw"));
	if (path && *path) {
		if (access(path, F_OK) == 0)
			return wg_fail(err, WG_EINPUT,
				       _("%s already exists: a published result is never "
					 "overwritten; choose another file"), path);
		/* Written aside first: the draw is recorded only if its result file exists. */
		tmp = xasprintf("%s.new", path);
		if ((rc = wg_write_file(tmp, res->text.buf, res->text.len, err))) {
			free(tmp);
			return rc;
		}
	}
	if (!dry && (rc = wg_draw_commit(ws, plan, dir, seed, res, draw_id, err))) {
		if (tmp)
			unlink(tmp);
		free(tmp);
		return rc;
	}
	if (tmp && rename(tmp, path) != 0) {
		rc = wg_fail(err, WG_EINTERNAL, _("cannot write %s"), path);
		unlink(tmp);
		free(tmp);
		return rc;
	}
	free(tmp);
	return WG_OK;
}
