#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "datafile.h"
#include "db.h"
#include "i18n.h"
#include "penalty.h"
#include "recordop.h"
#include "timeutil.h"

#define FIELD(kind, name) wg_field_index(&wg_kind_##kind, name)

/* ---- the discretion standard ---- */

void wg_discretion_free(wg_discretion *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].text);
		free(d->v[i].basis);
	}
	free(d->v);
	free(d->source);
	free(d);
}

static bool parse_yuan(const char *s, const char *end, long *out)
{
	if (s == end || end - s > 9)
		return false;
	long v = 0;
	for (const char *p = s; p < end; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (*p - '0');
	}
	if (end - s > 1 && *s == '0')
		return false;
	*out = v;
	return true;
}

static bool parse_band(const char *s, long *lo, long *hi)
{
	const char *dash = strchr(s, '-');
	return dash && parse_yuan(s, dash, lo) && parse_yuan(dash + 1, dash + 1 + strlen(dash + 1), hi) &&
	       *lo <= *hi;
}

int wg_discretion_parse(const char *name, const char *text, size_t len, wg_discretion **out,
			wg_error *err)
{
	wg_datafile df;
	int rc = wg_datafile_parse(name, text, len, &df, err);
	if (rc)
		return rc;
	wg_discretion *d = xcalloc(1, sizeof *d);
	d->hearing_fine[0] = d->hearing_fine[1] = -1;
	for (size_t i = 0; i < df.nlines && rc == WG_OK; i++) {
		const struct wg_dfline *l = &df.lines[i];
		if (l->directive && strcmp(l->directive, "standard") == 0 && l->nfields == 1) {
			free(d->source);
			d->source = xstrdup(l->fields[0]);
		} else if (l->directive && strcmp(l->directive, "hearing") == 0 && l->nfields == 2) {
			int who = strcmp(l->fields[0], "person") == 0 ? 0
				  : strcmp(l->fields[0], "org") == 0  ? 1
								      : -1;
			long v;
			if (who < 0 || !parse_yuan(l->fields[1], l->fields[1] + strlen(l->fields[1]), &v))
				rc = wg_datafile_fail(&df, l, err,
						      _("@hearing takes \"person\" or \"org\" and an "
							"amount in yuan"));
			else
				d->hearing_fine[who] = v;
		} else if (l->directive) {
			rc = wg_datafile_fail(&df, l, err, _("unknown directive @%s"), l->directive);
		} else if (l->nfields != 6) {
			rc = wg_datafile_fail(&df, l, err,
					      _("a row has 6 fields: CODE | LIGHT | ORDINARY | HEAVY | "
						"violation | basis"));
		} else {
			struct wg_discretion_entry e = {0};
			if (strlen(l->fields[0]) > 16 || strspn(l->fields[0],
								"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") !=
								 strlen(l->fields[0])) {
				rc = wg_datafile_fail(&df, l, err, _("\"%s\" is not a violation code"),
						      l->fields[0]);
				break;
			}
			snprintf(e.code, sizeof e.code, "%s", l->fields[0]);
			for (int b = 0; b < 3 && rc == WG_OK; b++)
				if (!parse_band(l->fields[1 + b], &e.lo[b], &e.hi[b]) ||
				    (b && e.lo[b] < e.lo[b - 1]))
					rc = wg_datafile_fail(&df, l, err,
							      _("\"%s\" is not a band LOW-HIGH in yuan, "
								"at or above the band before it"),
							      l->fields[1 + b]);
			if (rc)
				break;
			if (wg_discretion_find(d, e.code)) {
				rc = wg_datafile_fail(&df, l, err, _("%s is listed twice"), e.code);
				break;
			}
			e.text = xstrdup(l->fields[4]);
			e.basis = xstrdup(l->fields[5]);
			d->v = xrealloc(d->v, (d->n + 1) * sizeof *d->v);
			d->v[d->n++] = e;
		}
	}
	if (rc == WG_OK && (!d->source || d->hearing_fine[0] < 0 || d->hearing_fine[1] < 0 || !d->n))
		rc = wg_fail(err, WG_EINPUT,
			     _("%s: a discretion standard needs @standard, @hearing person, @hearing "
			       "org and at least one row"), name);
	wg_datafile_free(&df);
	if (rc) {
		wg_discretion_free(d);
		return rc;
	}
	*out = d;
	return WG_OK;
}

const struct wg_discretion_entry *wg_discretion_find(const wg_discretion *d, const char *code)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].code, code) == 0)
			return &d->v[i];
	return NULL;
}

int wg_discretion_open(sqlite3 *db, wg_discretion **out, wg_error *err)
{
	char *body = NULL, *version = NULL;
	int rc;
	if ((rc = wg_query_text(db, "SELECT body FROM discretion ORDER BY CAST(version AS INTEGER)"
				" DESC LIMIT 1", NULL, 0, &body, err)) ||
	    (rc = wg_query_text(db, "SELECT version FROM discretion ORDER BY CAST(version AS"
				" INTEGER) DESC LIMIT 1", NULL, 0, &version, err)))
		goto out;
	if (body) {
		char name[80];
		snprintf(name, sizeof name, _("the county's discretion standard %s"), version);
		strbuf text = STRBUF_INIT; /* recorded without its last line break */
		sb_adds(&text, body);
		sb_addc(&text, '\n');
		rc = wg_discretion_parse(name, text.buf, text.len, out, err);
		sb_release(&text);
		if (rc == WG_OK)
			(*out)->version = atoi(version);
	} else {
		char *path = wg_data_path("rules/discretion"), *buf;
		size_t len;
		if ((rc = wg_read_file_buf(path, 1 << 16, &buf, &len, err)) == WG_OK) {
			rc = wg_discretion_parse(path, buf, len, out, err);
			free(buf);
		}
		free(path);
	}
out:
	free(body);
	free(version);
	return rc;
}

int wg_discretion_import(wg_workspace *ws, const char *path, int *version, bool *changed,
			 wg_error *err)
{
	char *buf = NULL, *by = NULL, *last = NULL, *lastv = NULL;
	size_t len;
	wg_discretion *d = NULL;
	int rc;
	*changed = false;
	*version = 0;
	if ((rc = wg_may_edit(ws, &wg_kind_discretion, NULL, true, err)) ||
	    (rc = wg_read_file_buf(path, 1 << 16, &buf, &len, err)) ||
	    (rc = wg_discretion_parse(path, buf, len, &d, err)))
		goto out;
	while (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	const char *p[] = {ws->county_id ? ws->county_id : ""};
	if ((rc = wg_query_text(ws->db, "SELECT name FROM county WHERE id = ?1", p, 1, &by, err)) ||
	    (rc = wg_query_text(ws->db, "SELECT body FROM discretion ORDER BY CAST(version AS"
				" INTEGER) DESC LIMIT 1", NULL, 0, &last, err)) ||
	    (rc = wg_query_text(ws->db, "SELECT max(CAST(version AS INTEGER)) FROM discretion", NULL,
				0, &lastv, err)))
		goto out;
	*version = lastv ? atoi(lastv) : 0;
	if (last && strcmp(last, buf) == 0)
		goto out;
	char vtext[16];
	snprintf(vtext, sizeof vtext, "%d", ++*version);
	wg_record *rec = wg_record_new(&wg_kind_discretion);
	struct wg_change ch[] = {{"version", vtext}, {"source", d->source}, {"recorded_by", by ? by : ""}};
	if ((rc = wg_fill(rec, ch, 3, false, err)) == WG_OK &&
	    (rc = wg_record_set(rec, "body", buf, NULL, err)) == WG_OK)
		rc = wg_add(ws, rec, err);
	wg_record_free(rec);
	*changed = rc == WG_OK;
out:
	wg_discretion_free(d);
	free(buf);
	free(by);
	free(last);
	free(lastv);
	return rc;
}

/* ---- rules of the law ---- */

long long wg_penalty_surcharge(long fine, long days_late)
{
	if (fine <= 0 || days_late <= 0)
		return 0;
	long long fen = (long long)fine * 100;
	long long s = fen * WG_SURCHARGE_PERCENT * days_late / 100;
	return s > fen ? fen : s; /* never more than the fine */
}

bool wg_penalty_hearing_right(const wg_discretion *d, const char *penalty, const char *party_type,
			      long fine)
{
	if (strcmp(penalty, "confiscation") == 0 || strcmp(penalty, "suspension") == 0 ||
	    strcmp(penalty, "revocation") == 0)
		return true;
	if (strcmp(penalty, "fine") == 0)
		return fine >= d->hearing_fine[strcmp(party_type, "org") == 0];
	return false;
}

bool wg_penalty_review_required(const wg_record *c)
{
	/* art. 58: among others, a case that went through a hearing,
	 * and the penalties that bear hardest on the party's rights */
	const char *p = wg_record_get(c, "penalty");
	return strcmp(wg_record_get(c, "hearing"), "held") == 0 || strcmp(p, "suspension") == 0 ||
	       strcmp(p, "revocation") == 0;
}

static int stage_rank(const char *stage)
{
	const struct wg_field *f = wg_field_find(&wg_kind_penalty, "stage");
	int i = 0;
	for (const struct wg_option *o = f->options; o->value; o++, i++)
		if (strcmp(o->value, stage) == 0)
			return i;
	return -1;
}

static const char *stage_label(const char *stage)
{
	return wg_option_label(wg_field_find(&wg_kind_penalty, "stage"), stage);
}

static void add_days(const char *from, long n, char out[WG_DATE_LEN + 1])
{
	wg_date_from_days(wg_date_days(from) + n, out);
}

static int add_workdays(sqlite3 *db, const char *from, int n, char out[WG_DATE_LEN + 1],
			wg_error *err)
{
	wg_calendar *cal;
	int missing, rc = wg_calendar_open(db, &cal, err);
	if (rc == WG_OK) {
		rc = wg_calendar_add_workdays(cal, from, n, out, &missing, err);
		wg_calendar_free(cal);
	}
	return rc;
}

static int day_arg(const char *day, char out[WG_DATE_LEN + 1], wg_error *err)
{
	if (!day) {
		wg_today(out);
		return WG_OK;
	}
	if (!wg_date_valid(day))
		return wg_fail(err, WG_EINPUT, _("give the date as 2026-01-31"));
	char today[WG_DATE_LEN + 1];
	wg_today(today);
	if (strcmp(day, today) > 0)
		return wg_fail(err, WG_EINPUT, _("%s is after today (%s): a step is recorded when it "
					       "has taken place"), day, today);
	snprintf(out, WG_DATE_LEN + 1, "%s", day);
	return WG_OK;
}

/* Sorted, comma-separated ids (the FT_REFS spelling). */
static char *refs_join(const char *const *ids, size_t n)
{
	const char **v = xcalloc(n ? n : 1, sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j = k;
		while (j > 0 && strcmp(v[j - 1], ids[i]) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		if (j > 0 && strcmp(v[j - 1], ids[i]) == 0) { /* a duplicate */
			memmove(&v[j], &v[j + 1], (k - j) * sizeof *v);
			continue;
		}
		v[j] = ids[i];
		k++;
	}
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < k; i++)
		sb_addf(&sb, "%s%s", i ? "," : "", v[i]);
	free(v);
	return sb_detach(&sb);
}

/* The officer, active; an inspector holding a certificate when certified. */
static int check_officer(sqlite3 *db, const char *id, bool certified, char **name, wg_error *err)
{
	wg_record *o;
	int rc = wg_db_load(db, &wg_kind_officer, id, &o, err);
	if (rc)
		return rc;
	if (strcmp(wg_record_get(o, "status"), "active") != 0)
		rc = wg_fail(err, WG_EINPUT, _("%s has retired"), wg_record_get(o, "name"));
	else if (certified && (strcmp(wg_record_get(o, "role"), "inspector") != 0 ||
			       !*wg_record_get(o, "cert")))
		rc = wg_fail(err, WG_EINPUT,
			     _("%s is not an inspector holding an enforcement certificate: case work "
			       "is done by inspectors (Administrative Penalty Law, art. 42)"),
			     wg_record_get(o, "name"));
	if (rc == WG_OK && name)
		*name = xstrdup(wg_record_get(o, "name"));
	wg_record_free(o);
	return rc;
}

/* 回避 (art. 43): an inspector who declared an interest in the
 * entity does no work on its case. */
static int check_recusal(sqlite3 *db, const char *officer, const char *entity, wg_error *err)
{
	wg_records r = {0};
	const char *p[] = {officer, entity};
	int rc = wg_select(db, &wg_kind_recusal, "officer = ?1 AND entity = ?2", "created", p, 2, &r,
			   err);
	if (rc == WG_OK && r.n) {
		char *oname = NULL, *ename = NULL, when[64];
		wg_entity_name(db, entity, &ename, err);
		wg_query_text(db, "SELECT name FROM officer WHERE id = ?1", p, 1, &oname, err);
		wg_timestamp_display(wg_record_get(r.v[0], "created"), when, sizeof when);
		rc = wg_fail(err, WG_EINPUT,
			     _("%s declared a conflict of interest with %s (declaration %.8s, recorded "
			       "%s) and must stand aside (回避): choose another inspector"),
			     oname ? oname : officer, ename ? ename : entity, wg_record_id(r.v[0]), when);
		free(oname);
		free(ename);
	}
	wg_records_free(&r);
	return rc;
}

static int check_actors(sqlite3 *db, const char *entity, const char *const *ids, size_t n,
			size_t min, wg_error *err)
{
	if (n < min)
		return wg_fail(err, WG_EINPUT,
			       _("at least two inspectors holding enforcement certificates do this "
				 "(Administrative Penalty Law, art. 42); %zu given"), n);
	for (size_t i = 0; i < n; i++) {
		int rc;
		if ((rc = check_officer(db, ids[i], true, NULL, err)) ||
		    (rc = check_recusal(db, ids[i], entity, err)))
			return rc;
	}
	return WG_OK;
}

/* The people who did a step: at least one, each an active officer; missing
 * is the message that asks for them. */
static int check_people(sqlite3 *db, const char *const *actors, size_t n, const char *missing,
			wg_error *err)
{
	if (n < 1)
		return wg_fail(err, WG_EINPUT, "%s", missing);
	for (size_t i = 0; i < n; i++) {
		int rc = check_officer(db, actors[i], false, NULL, err);
		if (rc)
			return rc;
	}
	return WG_OK;
}

static int add_step(wg_workspace *ws, const wg_record *c, const char *step, const char *actors,
		    const char *day, const char *person, const char *text, wg_error *err)
{
	wg_record *s = wg_record_new(&wg_kind_penalty_step);
	wg_record_put(s, FIELD(penalty_step, "grid"), wg_record_get(c, "grid"));
	wg_record_put(s, FIELD(penalty_step, "penalty_case"), wg_record_id(c));
	wg_record_put(s, FIELD(penalty_step, "step"), step);
	wg_record_put(s, FIELD(penalty_step, "actors"), actors);
	wg_record_put(s, FIELD(penalty_step, "day"), day);
	int rc = WG_OK;
	if (person && *person)
		rc = wg_record_set(s, "person", person, NULL, err);
	if (rc == WG_OK && text && *text)
		rc = wg_record_set(s, "text", text, NULL, err);
	if (rc == WG_OK)
		rc = wg_add(ws, s, err);
	wg_record_free(s);
	return rc;
}

static int load_case(wg_workspace *ws, const char *id, wg_record **c, wg_error *err)
{
	int rc;
	if ((rc = wg_may_edit(ws, &wg_kind_penalty, NULL, true, err)))
		return rc;
	if (ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EINPUT, _("penalty cases are handled at the county"));
	return wg_db_load(ws->db, &wg_kind_penalty, id, c, err);
}

static int set_stage(wg_record *c, const char *stage)
{
	if (stage_rank(stage) > stage_rank(wg_record_get(c, "stage")))
		wg_record_put(c, FIELD(penalty, "stage"), stage);
	return WG_OK;
}

static int not_after(const wg_record *c, const char *day, const char *field, wg_error *err)
{
	const char *since = wg_record_get(c, field);
	if (*since && strcmp(day, since) < 0)
		return wg_fail(err, WG_EINPUT, _("%s is before the case's %s (%s)"), day,
			       _(wg_field_find(&wg_kind_penalty, field)->label), since);
	return WG_OK;
}

/* The next number of the year: "<prefix>〔YEAR〕N号", the prefix the
 * county's rule value case_prefix, else "<county>卫罚". The sequence counts
 * every case filed in the year, whatever prefix its number has. */
static int next_number(sqlite3 *db, const char *county, const char *prefix, int year, char *out,
		       size_t n, wg_error *err)
{
	sqlite3_stmt *st;
	char like[16];
	long max = 0;
	snprintf(like, sizeof like, "%04d-%%", year);
	if (sqlite3_prepare_v2(db, "SELECT number FROM penalty WHERE filed LIKE ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, like, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *num = (const char *)sqlite3_column_text(st, 0);
		const char *close = num ? strstr(num, "〕") : NULL;
		if (close) {
			long v = strtol(close + strlen("〕"), NULL, 10);
			if (v > max)
				max = v;
		}
	}
	sqlite3_finalize(st);
	/* TRANSLATORS: a penalty case number (文号): county name, year, number in
	 * the year. It is printed on the decision, so it stays as the county's
	 * documents spell it. */
	if (prefix && *prefix)
		snprintf(out, n, "%s〔%d〕%ld号", prefix, year, max + 1);
	else
		snprintf(out, n, _("%s卫罚〔%d〕%ld号"), county, year, max + 1);
	return WG_OK;
}

int wg_penalty_file(wg_workspace *ws, const struct wg_penalty_new *n, char id[WG_ID_BUFSIZE],
		    wg_error *err)
{
	wg_record *e = NULL, *c = NULL;
	wg_discretion *d = NULL;
	char *refs = NULL, *insps = NULL, *county = NULL, *prefix = NULL;
	char today[WG_DATE_LEN + 1], due[WG_DATE_LEN + 1], number[120];
	int rc;
	wg_today(today);
	if ((rc = wg_may_edit(ws, &wg_kind_penalty, NULL, true, err)))
		return rc;
	if (ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EINPUT, _("penalty cases are filed at the county"));
	if ((rc = wg_db_load(ws->db, &wg_kind_entity, n->entity, &e, err)) ||
	    (rc = wg_discretion_open(ws->db, &d, err)))
		goto out;
	if (!wg_discretion_find(d, n->violation ? n->violation : "")) {
		rc = wg_fail(err, WG_EINPUT,
			     _("violation code \"%s\" is not in the county's discretion standard (%s)"),
			     n->violation ? n->violation : "", d->source);
		goto out;
	}
	if ((rc = check_actors(ws->db, n->entity, n->inspectors, n->ninspectors, 2, err)) ||
	    (rc = check_officer(ws->db, n->approved_by ? n->approved_by : "", false, NULL, err)))
		goto out;
	for (size_t i = 0; i < n->ninspections; i++) {
		wg_record *insp;
		if ((rc = wg_db_load(ws->db, &wg_kind_inspection, n->inspections[i], &insp, err)))
			goto out;
		bool same = strcmp(wg_record_get(insp, "entity"), n->entity) == 0;
		wg_record_free(insp);
		if (!same) {
			rc = wg_fail(err, WG_EINPUT, _("inspection %.8s is of another entity"),
				     n->inspections[i]);
			goto out;
		}
	}
	const char *cp[] = {ws->county_id ? ws->county_id : ""};
	if ((rc = wg_query_text(ws->db, "SELECT name FROM county WHERE id = ?1", cp, 1, &county, err)) ||
	    (rc = wg_query_text(ws->db, "SELECT case_prefix FROM county WHERE id = ?1", cp, 1, &prefix,
				err)))
		goto out;
	refs = refs_join(n->inspectors, n->ninspectors);
	insps = refs_join(n->inspections, n->ninspections);
	add_days(today, WG_DECISION_DAYS, due);
	c = wg_record_new(&wg_kind_penalty);
	wg_record_put(c, FIELD(penalty, "grid"), wg_record_get(e, "grid"));
	wg_record_put(c, FIELD(penalty, "entity"), n->entity);
	wg_record_put(c, FIELD(penalty, "filed"), today);
	wg_record_put(c, FIELD(penalty, "stage"), "filed");
	wg_record_put(c, FIELD(penalty, "decision_due"), due);
	wg_record_put(c, FIELD(penalty, "inspectors"), refs);
	wg_record_put(c, FIELD(penalty, "inspections"), insps);
	wg_record_put(c, FIELD(penalty, "approved_by"), n->approved_by);
	struct wg_change ch[] = {{"procedure", n->procedure ? n->procedure : "general"},
				 {"party_type", n->party_type ? n->party_type : ""},
				 {"violation", n->violation},
				 {"facts", n->facts ? n->facts : ""},
				 {"penalty", n->penalty ? n->penalty : ""},
				 {"fine", n->fine ? n->fine : ""}};
	if ((rc = wg_fill(c, ch, 6, false, err)))
		goto out;
	const char *pen = wg_record_get(c, "penalty");
	long fine = atol(wg_record_get(c, "fine"));
	if (strcmp(pen, "warning") != 0 && !*wg_record_get(c, "fine") &&
	    strcmp(pen, "suspension") != 0 && strcmp(pen, "revocation") != 0) {
		rc = wg_fail(err, WG_EINPUT, _("give the fine in yuan (--fine)"));
		goto out;
	}
	bool summary = strcmp(wg_record_get(c, "procedure"), "summary") == 0;
	if (summary) {
		long max = strcmp(wg_record_get(c, "party_type"), "org") == 0 ? WG_SUMMARY_ORG_MAX
									      : WG_SUMMARY_PERSON_MAX;
		if ((strcmp(pen, "warning") != 0 && strcmp(pen, "fine") != 0) || fine > max) {
			rc = wg_fail(err, WG_EINPUT,
				     _("the summary procedure decides only a warning or a fine of at most "
				       "%ld yuan for this party (Administrative Penalty Law, art. 51): "
				       "file it under the general procedure"), max);
			goto out;
		}
	}
	if ((rc = wg_db_begin(ws->db, err)))
		goto out;
	int year = atoi(today);
	if ((rc = next_number(ws->db, county ? county : "", prefix, year, number, sizeof number,
			      err)) ||
	    (rc = wg_record_set(c, "number", number, NULL, err)) || (rc = wg_add(ws, c, err)) ||
	    (rc = add_step(ws, c, "filed", n->approved_by, today, NULL, NULL, err)))
		goto fail;
	if (summary) {
		/* decided, the decision handed over on the spot (art. 52) */
		struct wg_penalty_decision dec = {.decided_by = n->approved_by,
						  .actors = n->inspectors,
						  .nactors = n->ninspectors,
						  .factor = n->factor,
						  .reason = n->reason};
		snprintf(id, WG_ID_BUFSIZE, "%s", wg_record_id(c));
		if ((rc = wg_penalty_decide(ws, id, &dec, err)) ||
		    (rc = wg_penalty_serve(ws, id, n->inspectors, n->ninspectors, today, NULL, err)))
			goto fail;
	}
	if ((rc = wg_db_commit(ws->db, err)))
		goto fail;
	snprintf(id, WG_ID_BUFSIZE, "%s", wg_record_id(c));
	goto out;
fail:
	wg_db_rollback(ws->db);
out:
	free(refs);
	free(insps);
	free(county);
	free(prefix);
	wg_discretion_free(d);
	wg_record_free(c);
	wg_record_free(e);
	return rc;
}

/* Save the case and one step of it in one transaction. */
static int save(wg_workspace *ws, wg_record *c, const char *step, const char *actors,
		const char *day, const char *person, const char *text, wg_error *err)
{
	int rc;
	if ((rc = wg_record_check(c, err)) || (rc = wg_db_begin(ws->db, err)))
		return rc;
	if ((rc = wg_db_update(ws->db, c, err)) ||
	    (rc = add_step(ws, c, step, actors, day, person, text, err)) ||
	    (rc = wg_db_commit(ws->db, err)))
		wg_db_rollback(ws->db);
	return rc;
}

static int open_case(wg_workspace *ws, const char *id, wg_record **c, wg_error *err)
{
	int rc = load_case(ws, id, c, err);
	if (rc == WG_OK && strcmp(wg_record_get(*c, "stage"), "closed") == 0) {
		rc = wg_fail(err, WG_EINPUT, _("case %s is closed"), wg_record_get(*c, "number"));
		wg_record_free(*c);
		*c = NULL;
	}
	return rc;
}

int wg_penalty_record(wg_workspace *ws, const char *id, const char *step,
		      const char *const *actors, size_t nactors, const char *day,
		      const char *person, const char *text, wg_error *err)
{
	static const char *const allowed[] = {"evidence", "interview", "statement", "hearing",
					      "review", NULL};
	wg_record *c;
	char on[WG_DATE_LEN + 1];
	char *refs = NULL;
	bool ok = false;
	for (const char *const *a = allowed; *a; a++)
		ok |= strcmp(*a, step) == 0;
	if (!ok)
		return wg_fail(err, WG_EINPUT, _("\"%s\" is not a step recorded this way"), step);
	int rc = open_case(ws, id, &c, err);
	if (rc)
		return rc;
	const char *stage = wg_record_get(c, "stage");
	bool decided = stage_rank(stage) >= stage_rank("decided");
	if ((rc = day_arg(day, on, err)) || (rc = not_after(c, on, "filed", err)))
		goto out;
	if (decided) {
		rc = wg_fail(err, WG_EINPUT, _("case %s is decided: its investigation is over"),
			     wg_record_get(c, "number"));
		goto out;
	}
	bool review = strcmp(step, "review") == 0;
	/* the legal review is done by the office's reviewer, not the case's inspectors */
	if (review) {
		if (nactors < 1 || (rc = check_officer(ws->db, actors[0], false, NULL, err)))
			goto out;
		for (size_t i = 0; i < nactors && rc == WG_OK; i++)
			if (strstr(wg_record_get(c, "inspectors"), actors[i]))
				rc = wg_fail(err, WG_EINPUT,
					     _("the legal review is made by someone who did not "
					       "investigate the case"));
		if (rc)
			goto out;
	} else if ((rc = check_actors(ws->db, wg_record_get(c, "entity"), actors, nactors,
				      strcmp(step, "statement") == 0 ? 1 : 2, err))) {
		goto out;
	}
	if ((strcmp(step, "interview") == 0 || strcmp(step, "statement") == 0 ||
	     strcmp(step, "hearing") == 0) && (!text || !*text)) {
		rc = wg_fail(err, WG_EINPUT, _("write down what was said (--text)"));
		goto out;
	}
	if (strcmp(step, "interview") == 0 && (!person || !*person)) {
		rc = wg_fail(err, WG_EINPUT, _("name the person questioned (--person)"));
		goto out;
	}
	if (strcmp(step, "statement") == 0 || strcmp(step, "hearing") == 0) {
		if (!*wg_record_get(c, "notified")) {
			rc = wg_fail(err, WG_EINPUT,
				     _("the party has not been notified yet: notify first"));
			goto out;
		}
		if (strcmp(step, "hearing") == 0) {
			if (strcmp(wg_record_get(c, "hearing"), "requested") != 0) {
				rc = wg_fail(err, WG_EINPUT,
					     _("no hearing was requested in case %s"),
					     wg_record_get(c, "number"));
				goto out;
			}
			wg_record_put(c, FIELD(penalty, "hearing"), "held");
		}
		set_stage(c, "heard");
	} else if (review) {
		set_stage(c, "reviewed");
	} else {
		set_stage(c, "investigating");
	}
	refs = refs_join(actors, nactors);
	rc = save(ws, c, step, refs, on, person, text, err);
out:
	free(refs);
	wg_record_free(c);
	return rc;
}

int wg_penalty_notify(wg_workspace *ws, const char *id, const char *const *actors,
		      size_t nactors, const char *day, wg_error *err)
{
	wg_record *c;
	wg_discretion *d = NULL;
	char on[WG_DATE_LEN + 1], due[WG_DATE_LEN + 1];
	char *refs = NULL;
	int rc = open_case(ws, id, &c, err);
	if (rc)
		return rc;
	if ((rc = day_arg(day, on, err)) || (rc = not_after(c, on, "filed", err)))
		goto out;
	if (*wg_record_get(c, "notified")) {
		rc = wg_fail(err, WG_EINPUT, _("the party of case %s was notified on %s"),
			     wg_record_get(c, "number"), wg_record_get(c, "notified"));
		goto out;
	}
	if ((rc = check_actors(ws->db, wg_record_get(c, "entity"), actors, nactors, 2, err)) ||
	    (rc = wg_discretion_open(ws->db, &d, err)))
		goto out;
	bool right = wg_penalty_hearing_right(d, wg_record_get(c, "penalty"),
					      wg_record_get(c, "party_type"),
					      atol(wg_record_get(c, "fine")));
	wg_record_put(c, FIELD(penalty, "notified"), on);
	wg_record_put(c, FIELD(penalty, "hearing"), right ? "offered" : "none");
	/* 陈述申辩 is always open for the same days; the hearing request only
	 * where the penalty gives the right */
	if ((rc = add_workdays(ws->db, on, WG_HEARING_REQUEST_DAYS, due, err)))
		goto out;
	wg_record_put(c, FIELD(penalty, "hearing_due"), due);
	set_stage(c, "notified");
	refs = refs_join(actors, nactors);
	rc = save(ws, c, "notice", refs, on, NULL, NULL, err);
out:
	free(refs);
	wg_discretion_free(d);
	wg_record_free(c);
	return rc;
}

int wg_penalty_hearing_request(wg_workspace *ws, const char *id, const char *day,
			       const char *person, wg_error *err)
{
	wg_record *c;
	char on[WG_DATE_LEN + 1];
	int rc = open_case(ws, id, &c, err);
	if (rc)
		return rc;
	if ((rc = day_arg(day, on, err)))
		goto out;
	const char *h = wg_record_get(c, "hearing");
	if (!*wg_record_get(c, "notified")) {
		rc = wg_fail(err, WG_EINPUT, _("the party has not been notified yet: notify first"));
	} else if (strcmp(h, "none") == 0) {
		rc = wg_fail(err, WG_EINPUT,
			     _("the penalty proposed in case %s gives no right to a hearing "
			       "(Administrative Penalty Law, art. 63); the party may still state "
			       "its case and defend itself"), wg_record_get(c, "number"));
	} else if (strcmp(h, "offered") != 0) {
		rc = wg_fail(err, WG_EINPUT, _("case %s: %s"), wg_record_get(c, "number"),
			     wg_option_label(wg_field_find(&wg_kind_penalty, "hearing"), h));
	} else if (strcmp(on, wg_record_get(c, "notified")) < 0) {
		rc = wg_fail(err, WG_EINPUT, _("%s is before the notice (%s)"), on,
			     wg_record_get(c, "notified"));
	} else if (strcmp(on, wg_record_get(c, "hearing_due")) > 0) {
		rc = wg_fail(err, WG_EINPUT,
			     _("the hearing request of %s is too late: the party was notified on %s "
			       "and could ask until %s, 5 working days (Administrative Penalty Law, "
			       "art. 64)"), on, wg_record_get(c, "notified"),
			     wg_record_get(c, "hearing_due"));
	}
	if (rc)
		goto out;
	wg_record_put(c, FIELD(penalty, "hearing"), "requested");
	rc = save(ws, c, "hearing_request", "", on, person, NULL, err);
out:
	wg_record_free(c);
	return rc;
}

static int make_recheck(wg_workspace *ws, wg_record *c, const char *from, int days, wg_error *err)
{
	char due[WG_DATE_LEN + 1];
	char *name = NULL;
	int rc;
	if ((rc = add_workdays(ws->db, from, days, due, err)) ||
	    (rc = wg_entity_name(ws->db, wg_record_get(c, "entity"), &name, err)))
		return rc;
	char *title = xasprintf(_("Re-inspection after penalty %s: %s"), wg_record_get(c, "number"),
				name ? name : "");
	wg_record *t = wg_record_new(&wg_kind_task);
	char first[WG_ID_BUFSIZE];
	snprintf(first, sizeof first, "%.32s", wg_record_get(c, "inspectors"));
	wg_record_put(t, FIELD(task, "grid"), wg_record_get(c, "grid"));
	wg_record_put(t, FIELD(task, "kind"), "recheck");
	wg_record_put(t, FIELD(task, "entity"), wg_record_get(c, "entity"));
	wg_record_put(t, FIELD(task, "due"), due);
	wg_record_put(t, FIELD(task, "source"), wg_record_id(c));
	wg_record_put(t, FIELD(task, "assignee"), first);
	wg_record_put(t, FIELD(task, "inspectors"), wg_record_get(c, "inspectors"));
	if ((rc = wg_record_set(t, "title", title, NULL, err)) == WG_OK &&
	    (rc = wg_add(ws, t, err)) == WG_OK)
		wg_record_put(c, FIELD(penalty, "recheck"), wg_record_id(t));
	free(title);
	free(name);
	wg_record_free(t);
	return rc;
}

int wg_penalty_decide(wg_workspace *ws, const char *id, const struct wg_penalty_decision *dec,
		      wg_error *err)
{
	wg_record *c;
	wg_discretion *d = NULL;
	char on[WG_DATE_LEN + 1], due[WG_DATE_LEN + 1], applied[60];
	char *refs = NULL;
	int rc = open_case(ws, id, &c, err);
	if (rc)
		return rc;
	bool summary = strcmp(wg_record_get(c, "procedure"), "summary") == 0;
	const char *number = wg_record_get(c, "number");
	if ((rc = day_arg(dec->day, on, err)) || (rc = not_after(c, on, "filed", err)))
		goto out;
	if (stage_rank(wg_record_get(c, "stage")) >= stage_rank("decided")) {
		rc = wg_fail(err, WG_EINPUT, _("case %s was decided on %s"), number,
			     wg_record_get(c, "decided"));
		goto out;
	}
	if ((rc = check_officer(ws->db, dec->decided_by ? dec->decided_by : "", false, NULL, err)))
		goto out;
	if (!summary) {
		const char *h = wg_record_get(c, "hearing");
		if (!*wg_record_get(c, "notified")) {
			/* art. 62: no decision without the notice */
			rc = wg_fail(err, WG_EINPUT,
				     _("case %s: the party was not notified of the facts, reasons, basis "
				       "and its rights; a decision without that notice is void"), number);
			goto out;
		}
		if (strcmp(on, wg_record_get(c, "hearing_due")) <= 0 && strcmp(h, "held") != 0) {
			rc = wg_fail(err, WG_EINPUT,
				     _("case %s: the party may state its case or ask for a hearing until "
				       "%s; decide after that"), number, wg_record_get(c, "hearing_due"));
			goto out;
		}
		if (strcmp(h, "requested") == 0) {
			rc = wg_fail(err, WG_EINPUT,
				     _("case %s: the party asked for a hearing; hold it first"), number);
			goto out;
		}
		if (strcmp(h, "offered") == 0)
			wg_record_put(c, FIELD(penalty, "hearing"), "waived");
	}
	struct wg_change ch[4];
	size_t nch = 0;
	if (dec->penalty)
		ch[nch++] = (struct wg_change){"penalty", dec->penalty};
	if (dec->fine)
		ch[nch++] = (struct wg_change){"fine", dec->fine};
	ch[nch++] = (struct wg_change){"factor", dec->factor ? dec->factor : ""};
	ch[nch++] = (struct wg_change){"factor_reason", dec->reason ? dec->reason : ""};
	if ((rc = wg_fill(c, ch, nch, false, err)))
		goto out;
	if (!summary && wg_penalty_review_required(c)) {
		wg_records steps = {0};
		const char *p[] = {id};
		if ((rc = wg_select(ws->db, &wg_kind_penalty_step,
				    "penalty_case = ?1 AND step = 'review'", NULL, p, 1, &steps, err)))
			goto out;
		size_t n = steps.n;
		wg_records_free(&steps);
		if (!n) {
			rc = wg_fail(err, WG_EINPUT,
				     _("case %s needs the legal review (法制审核) before the decision "
				       "(Administrative Penalty Law, art. 58)"), number);
			goto out;
		}
	}
	/* the discretion standard: the band of the factor */
	const char *factor = wg_record_get(c, "factor");
	const char *pen = wg_record_get(c, "penalty");
	long fine = atol(wg_record_get(c, "fine"));
	if (!*factor) {
		rc = wg_fail(err, WG_EINPUT,
			     _("say how the discretion standard was applied (--factor lighter, "
			       "ordinary, heavier or mitigated)"));
		goto out;
	}
	if (strcmp(factor, "ordinary") != 0 && !*wg_record_get(c, "factor_reason")) {
		rc = wg_fail(err, WG_EINPUT,
			     _("a %s penalty needs its reason (--reason): the circumstances that "
			       "justify it"), wg_option_label(wg_field_find(&wg_kind_penalty, "factor"),
							       factor));
		goto out;
	}
	if ((rc = wg_discretion_open(ws->db, &d, err)))
		goto out;
	const struct wg_discretion_entry *e = wg_discretion_find(d, wg_record_get(c, "violation"));
	if (!e) {
		rc = wg_fail(err, WG_EINPUT,
			     _("violation code \"%s\" is not in the county's discretion standard (%s)"),
			     wg_record_get(c, "violation"), d->source);
		goto out;
	}
	if (strcmp(pen, "fine") == 0 || strcmp(pen, "confiscation") == 0) {
		int b = strcmp(factor, "lighter") == 0 ? 0 : strcmp(factor, "heavier") == 0 ? 2 : 1;
		if (strcmp(factor, "mitigated") == 0 ? fine >= e->lo[0]
						      : (fine < e->lo[b] || fine > e->hi[b])) {
			if (strcmp(factor, "mitigated") == 0)
				rc = wg_fail(err, WG_EINPUT,
					     _("a mitigated fine is below the lighter band, under %ld "
					       "yuan (%s)"), e->lo[0], e->code);
			else
				rc = wg_fail(err, WG_EINPUT,
					     _("a fine of %ld yuan is outside the %s band of %s: %ld to "
					       "%ld yuan (%s)"), fine,
					     wg_option_label(wg_field_find(&wg_kind_penalty, "factor"),
							     factor), e->code, e->lo[b], e->hi[b], d->source);
			goto out;
		}
	}
	snprintf(applied, sizeof applied, "%s@%d", e->code, d->version);
	wg_record_put(c, FIELD(penalty, "discretion"), applied);
	wg_record_put(c, FIELD(penalty, "decided"), on);
	wg_record_put(c, FIELD(penalty, "decided_by"), dec->decided_by);
	if ((rc = add_workdays(ws->db, on, WG_SERVICE_DAYS, due, err)))
		goto out;
	wg_record_put(c, FIELD(penalty, "serve_due"), due);
	set_stage(c, "decided");
	if ((rc = wg_record_check(c, err)) || (rc = wg_db_begin(ws->db, err)))
		goto out;
	refs = refs_join(&dec->decided_by, 1);
	if ((dec->correct_days > 0 && (rc = make_recheck(ws, c, on, dec->correct_days, err))) ||
	    (rc = wg_db_update(ws->db, c, err)) ||
	    (rc = add_step(ws, c, "decision", refs, on, NULL, wg_record_get(c, "factor_reason"), err)) ||
	    (rc = wg_db_commit(ws->db, err)))
		wg_db_rollback(ws->db);
out:
	free(refs);
	wg_discretion_free(d);
	wg_record_free(c);
	return rc;
}

int wg_penalty_serve(wg_workspace *ws, const char *id, const char *const *actors,
		     size_t nactors, const char *day, const char *person, wg_error *err)
{
	wg_record *c;
	char on[WG_DATE_LEN + 1], due[WG_DATE_LEN + 1];
	char *refs = NULL;
	int rc = open_case(ws, id, &c, err);
	if (rc)
		return rc;
	if ((rc = day_arg(day, on, err)) || (rc = not_after(c, on, "decided", err)))
		goto out;
	if (strcmp(wg_record_get(c, "stage"), "decided") != 0) {
		rc = wg_fail(err, WG_EINPUT, _("case %s is %s, not decided and waiting to be served"),
			     wg_record_get(c, "number"), stage_label(wg_record_get(c, "stage")));
		goto out;
	}
	if ((rc = check_people(ws->db, actors, nactors, _("name who served the decision (--by)"),
			       err)))
		goto out;
	wg_record_put(c, FIELD(penalty, "served"), on);
	if (atol(wg_record_get(c, "fine")) > 0) {
		add_days(on, WG_PAYMENT_DAYS, due);
		wg_record_put(c, FIELD(penalty, "pay_due"), due);
		set_stage(c, "served");
	} else {
		set_stage(c, "executed"); /* a warning is carried out by its service */
	}
	refs = refs_join(actors, nactors);
	rc = save(ws, c, "service", refs, on, person, NULL, err);
out:
	free(refs);
	wg_record_free(c);
	return rc;
}

int wg_penalty_pay(wg_workspace *ws, const char *id, const char *day, wg_error *err)
{
	wg_record *c;
	char on[WG_DATE_LEN + 1], fen[24];
	int rc = open_case(ws, id, &c, err);
	if (rc)
		return rc;
	if ((rc = day_arg(day, on, err)) || (rc = not_after(c, on, "served", err)))
		goto out;
	if (strcmp(wg_record_get(c, "stage"), "served") != 0 || !*wg_record_get(c, "pay_due")) {
		rc = wg_fail(err, WG_EINPUT, _("case %s has no fine waiting to be paid"),
			     wg_record_get(c, "number"));
		goto out;
	}
	long late = wg_date_days(on) - wg_date_days(wg_record_get(c, "pay_due"));
	long long s = wg_penalty_surcharge(atol(wg_record_get(c, "fine")), late);
	snprintf(fen, sizeof fen, "%lld", s);
	wg_record_put(c, FIELD(penalty, "paid"), on);
	wg_record_put(c, FIELD(penalty, "surcharge"), s ? fen : "");
	set_stage(c, "executed");
	rc = save(ws, c, "payment", "", on, NULL, NULL, err);
out:
	wg_record_free(c);
	return rc;
}

int wg_penalty_close(wg_workspace *ws, const char *id, const char *const *actors,
		     size_t nactors, const char *day, const char *text, wg_error *err)
{
	wg_record *c;
	char on[WG_DATE_LEN + 1];
	char *refs = NULL;
	int rc = open_case(ws, id, &c, err);
	if (rc)
		return rc;
	if ((rc = day_arg(day, on, err)) || (rc = not_after(c, on, "decided", err)))
		goto out;
	if (strcmp(wg_record_get(c, "stage"), "executed") != 0) {
		rc = wg_fail(err, WG_EINPUT, _("case %s is %s: a case is closed once the decision is "
					       "carried out"), wg_record_get(c, "number"),
			     stage_label(wg_record_get(c, "stage")));
		goto out;
	}
	if ((rc = check_people(ws->db, actors, nactors, _("name who closed the case (--by)"), err)))
		goto out;
	wg_record_put(c, FIELD(penalty, "closed"), on);
	set_stage(c, "closed");
	refs = refs_join(actors, nactors);
	rc = save(ws, c, "close", refs, on, NULL, text, err);
out:
	free(refs);
	wg_record_free(c);
	return rc;
}

int wg_penalties_list(sqlite3 *db, const char *stage, wg_records *out, wg_error *err)
{
	const char *p[] = {stage};
	return wg_select(db, &wg_kind_penalty, "?1 IS NULL OR stage = ?1", "filed, number", p, 1, out,
			 err);
}

int wg_penalty_steps(sqlite3 *db, const char *id, wg_records *out, wg_error *err)
{
	const char *p[] = {id};
	return wg_select(db, &wg_kind_penalty_step, "penalty_case = ?1", "day, created", p, 1, out,
			 err);
}

void wg_penalty_next_deadline(const wg_record *c, const char *today, char date[11],
			      const char **what)
{
	const char *stage = wg_record_get(c, "stage");
	int r = stage_rank(stage);
	*date = '\0';
	*what = "";
	const char *h = wg_record_get(c, "hearing");
	if (r < stage_rank("decided")) {
		/* the party's window, while it runs: after it the decision is next */
		if (strcmp(h, "offered") == 0 && *wg_record_get(c, "hearing_due") &&
		    strcmp(today, wg_record_get(c, "hearing_due")) <= 0) {
			snprintf(date, 11, "%s", wg_record_get(c, "hearing_due"));
			*what = _("hearing request");
			/* the decision deadline may come first */
			if (strcmp(wg_record_get(c, "decision_due"), date) >= 0)
				return;
		}
		snprintf(date, 11, "%s", wg_record_get(c, "decision_due"));
		*what = _("decision (90 days from filing)");
	} else if (strcmp(stage, "decided") == 0) {
		snprintf(date, 11, "%s", wg_record_get(c, "serve_due"));
		*what = _("service of the decision");
	} else if (strcmp(stage, "served") == 0) {
		snprintf(date, 11, "%s", wg_record_get(c, "pay_due"));
		*what = _("payment of the fine");
	}
}

int wg_penalties_due(sqlite3 *db, const char *today, int days, wg_records *out, wg_error *err)
{
	wg_records all = {0};
	char limit[WG_DATE_LEN + 1];
	add_days(today, days, limit);
	int rc = wg_select(db, &wg_kind_penalty, "stage NOT IN ('executed', 'closed')", "filed, number",
			   NULL, 0, &all, err);
	for (size_t i = 0; i < all.n && rc == WG_OK; i++) {
		char date[11];
		const char *what;
		wg_penalty_next_deadline(all.v[i], today, date, &what);
		if (!*date || strcmp(date, limit) > 0)
			continue;
		/* soonest first */
		size_t j = out->n;
		out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		while (j > 0) {
			char d2[11];
			const char *w2;
			wg_penalty_next_deadline(out->v[j - 1], today, d2, &w2);
			if (strcmp(d2, date) <= 0)
				break;
			out->v[j] = out->v[j - 1];
			j--;
		}
		out->v[j] = all.v[i];
		out->n++;
		all.v[i] = NULL;
	}
	wg_records_free(&all);
	return rc;
}

/* ---- disclosure ---- */

bool wg_county_rule_known(const char *field)
{
	static const char *const allowed[] = {"penalty_publish_days", "case_prefix",
					      "officer_opinion"};
	for (size_t k = 0; k < sizeof allowed / sizeof *allowed; k++)
		if (strcmp(allowed[k], field) == 0)
			return true;
	return false;
}

int wg_county_rules_set(wg_workspace *ws, const struct wg_change *ch, size_t n, wg_error *err)
{
	if (ws->role != ROLE_COUNTY || !ws->county_id)
		return wg_fail(err, WG_EINPUT, _("only the county sets its rule values"));
	for (size_t i = 0; i < n; i++) {
		if (!wg_county_rule_known(ch[i].field))
			return wg_fail(err, WG_EINPUT,
				       _("\"%s\" is not a county rule value (penalty_publish_days, "
					 "case_prefix, officer_opinion)"), ch[i].field);
		/* the number reads <prefix>〔YEAR〕N号: the brackets and the digits
		 * after them are the sequence's */
		if (strcmp(ch[i].field, "case_prefix") == 0 && ch[i].value &&
		    (strstr(ch[i].value, "〔") || strstr(ch[i].value, "〕") ||
		     strstr(ch[i].value, "号")))
			return wg_fail(err, WG_EINPUT,
				       _("case_prefix: \"%s\" holds 〔, 〕 or 号; give only what "
					 "comes before 〔YEAR〕N号, like X卫医罚"), ch[i].value);
	}
	return wg_modify(ws, &wg_kind_county, ws->county_id, ch, n, false, err);
}

int wg_county_officer_opinion(sqlite3 *db, bool *allowed, wg_error *err)
{
	char *v = NULL;
	int rc = wg_query_text(db, "SELECT officer_opinion FROM county LIMIT 1", NULL, 0, &v, err);
	*allowed = v && strcmp(v, "yes") == 0;
	free(v);
	return rc;
}

int wg_penalty_publish_days(sqlite3 *db, int *days, wg_error *err)
{
	char *v = NULL;
	int rc = wg_query_text(db, "SELECT penalty_publish_days FROM county LIMIT 1", NULL, 0, &v,
			       err);
	*days = v && *v ? atoi(v) : WG_PUBLISH_DAYS_DEFAULT;
	if (*days < 1)
		*days = WG_PUBLISH_DAYS_DEFAULT;
	free(v);
	return rc;
}

static const wg_record *last_step(const wg_records *steps, const char *step)
{
	const wg_record *last = NULL;
	for (size_t i = 0; i < steps->n; i++)
		if (strcmp(wg_record_get(steps->v[i], "step"), step) == 0)
			last = steps->v[i];
	return last;
}

static void penalty_words(const wg_record *c, char *buf, size_t n)
{
	const char *p = wg_option_label(wg_field_find(&wg_kind_penalty, "penalty"),
					wg_record_get(c, "penalty"));
	if (*wg_record_get(c, "fine"))
		/* TRANSLATORS: a penalty and its fine, "罚款 5000元" */
		snprintf(buf, n, _("%s, %s yuan"), p, wg_record_get(c, "fine"));
	else
		snprintf(buf, n, "%s", p);
}

int wg_penalty_publication(sqlite3 *db, const char *from, const char *to, wg_table **out,
			   wg_records *ids, wg_error *err)
{
	wg_records all = {0};
	wg_discretion *d = NULL;
	const char *p[] = {from, to};
	if (!wg_date_valid(from) || !wg_date_valid(to))
		return wg_fail(err, WG_EINPUT, _("give the dates as 2026-01-31"));
	int rc = wg_select(db, &wg_kind_penalty, "decided != '' AND decided >= ?1 AND decided <= ?2",
			   "decided, number", p, 2, &all, err);
	if (rc == WG_OK)
		rc = wg_discretion_open(db, &d, err);
	const char *head[] = {_("Case number"), _("Party"), _("Violation"), _("Basis"),
			      _("Penalty"), _("Decided")};
	wg_table *t = wg_table_new(6, head);
	for (size_t i = 0; i < all.n && rc == WG_OK; i++) {
		wg_records steps = {0};
		char *name = NULL, pen[200];
		if ((rc = wg_penalty_steps(db, wg_record_id(all.v[i]), &steps, err)) ||
		    (rc = wg_entity_name(db, wg_record_get(all.v[i], "entity"), &name, err))) {
			wg_records_free(&steps);
			break;
		}
		bool revoked = last_step(&steps, "revocation") != NULL;
		wg_records_free(&steps);
		if (!revoked) {
			const struct wg_discretion_entry *e =
				wg_discretion_find(d, wg_record_get(all.v[i], "violation"));
			penalty_words(all.v[i], pen, sizeof pen);
			const char *row[] = {wg_record_get(all.v[i], "number"), name ? name : "",
					     e ? e->text : wg_record_get(all.v[i], "violation"),
					     e ? e->basis : "", pen, wg_record_get(all.v[i], "decided")};
			wg_table_add(t, row);
			if (ids) {
				ids->v = xrealloc(ids->v, (ids->n + 1) * sizeof *ids->v);
				ids->v[ids->n++] = all.v[i];
				all.v[i] = NULL;
			}
		}
		free(name);
	}
	wg_discretion_free(d);
	wg_records_free(&all);
	if (rc) {
		wg_table_free(t);
		return rc;
	}
	*out = t;
	return WG_OK;
}

int wg_penalty_mark_published(wg_workspace *ws, const wg_records *cases, const char *day,
			      size_t *marked, wg_error *err)
{
	int rc;
	*marked = 0;
	if (ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EINPUT, _("penalty decisions are published by the county"));
	if ((rc = wg_db_begin(ws->db, err)))
		return rc;
	for (size_t i = 0; i < cases->n && rc == WG_OK; i++) {
		wg_records steps = {0};
		if ((rc = wg_penalty_steps(ws->db, wg_record_id(cases->v[i]), &steps, err)) == WG_OK &&
		    !last_step(&steps, "publication")) {
			rc = add_step(ws, cases->v[i], "publication", "", day, NULL, NULL, err);
			*marked += rc == WG_OK;
		}
		wg_records_free(&steps);
	}
	if (rc || (rc = wg_db_commit(ws->db, err)))
		wg_db_rollback(ws->db);
	return rc;
}

static int actors_step(wg_workspace *ws, const char *id, const char *step,
		       const char *const *actors, size_t nactors, const char *day, const char *text,
		       wg_error *err)
{
	wg_record *c;
	wg_records steps = {0};
	char on[WG_DATE_LEN + 1];
	char *refs = NULL;
	int rc = load_case(ws, id, &c, err);
	if (rc)
		return rc;
	if ((rc = day_arg(day, on, err)) || (rc = wg_penalty_steps(ws->db, id, &steps, err)))
		goto out;
	if (!*wg_record_get(c, "decided")) {
		rc = wg_fail(err, WG_EINPUT, _("case %s has no decision yet"), wg_record_get(c, "number"));
		goto out;
	}
	if ((rc = not_after(c, on, "decided", err)))
		goto out;
	if ((rc = check_people(ws->db, actors, nactors, _("name who did it (--by)"), err)))
		goto out;
	bool revoked = last_step(&steps, "revocation") != NULL;
	if (strcmp(step, "revocation") == 0) {
		if (revoked) {
			rc = wg_fail(err, WG_EINPUT, _("the decision of case %s is already revoked"),
				     wg_record_get(c, "number"));
			goto out;
		}
		if (!text || !*text) {
			rc = wg_fail(err, WG_EINPUT, _("give the reason (--text): which decision or "
						       "judgment revoked it"));
			goto out;
		}
	} else {
		if (!revoked || !last_step(&steps, "publication")) {
			rc = wg_fail(err, WG_EINPUT, _("case %s: only a published decision that was "
						       "revoked is withdrawn"), wg_record_get(c, "number"));
			goto out;
		}
		if (last_step(&steps, "withdrawal")) {
			rc = wg_fail(err, WG_EINPUT, _("the notice of case %s is already withdrawn"),
				     wg_record_get(c, "number"));
			goto out;
		}
	}
	refs = refs_join(actors, nactors);
	rc = add_step(ws, c, step, refs, on, NULL, text, err);
out:
	free(refs);
	wg_records_free(&steps);
	wg_record_free(c);
	return rc;
}

int wg_penalty_revoke(wg_workspace *ws, const char *id, const char *const *actors,
		      size_t nactors, const char *day, const char *reason, wg_error *err)
{
	return actors_step(ws, id, "revocation", actors, nactors, day, reason, err);
}

int wg_penalty_withdraw(wg_workspace *ws, const char *id, const char *const *actors,
			size_t nactors, const char *day, wg_error *err)
{
	return actors_step(ws, id, "withdrawal", actors, nactors, day, NULL, err);
}

int wg_penalty_publication_late(sqlite3 *db, const char *today, wg_table **out, wg_error *err)
{
	wg_records all = {0};
	int days, rc;
	if ((rc = wg_penalty_publish_days(db, &days, err)) ||
	    (rc = wg_select(db, &wg_kind_penalty, "decided != ''", "decided, number", NULL, 0, &all,
			    err)))
		return rc;
	const char *head[] = {_("Case number"), _("Late"), _("Due")};
	wg_table *t = wg_table_new(3, head);
	for (size_t i = 0; i < all.n && rc == WG_OK; i++) {
		wg_records steps = {0};
		char due[WG_DATE_LEN + 1];
		if ((rc = wg_penalty_steps(db, wg_record_id(all.v[i]), &steps, err)))
			break;
		const wg_record *pub = last_step(&steps, "publication");
		const wg_record *rev = last_step(&steps, "revocation");
		const wg_record *wd = last_step(&steps, "withdrawal");
		if (!pub && !rev) {
			rc = add_workdays(db, wg_record_get(all.v[i], "decided"), days, due, err);
			if (rc == WG_OK && strcmp(today, due) > 0) {
				const char *row[] = {wg_record_get(all.v[i], "number"),
						     _("decision not published"), due};
				wg_table_add(t, row);
			}
		} else if (pub && rev && !wd) {
			rc = add_workdays(db, wg_record_get(rev, "day"), WG_WITHDRAW_DAYS, due, err);
			if (rc == WG_OK && strcmp(today, due) > 0) {
				const char *row[] = {wg_record_get(all.v[i], "number"),
						     _("revoked decision not withdrawn"), due};
				wg_table_add(t, row);
			}
		}
		wg_records_free(&steps);
	}
	wg_records_free(&all);
	if (rc) {
		wg_table_free(t);
		return rc;
	}
	*out = t;
	return WG_OK;
}
