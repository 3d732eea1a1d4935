#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "inspection.h"
#include "recordop.h"
#include "staff.h"
#include "timeutil.h"

#define FIELD(kind, name) wg_field_index(&wg_kind_##kind, name)

int wg_staff_add(wg_workspace *ws, wg_record *rec, wg_error *err)
{
	const char *entity = wg_record_get(rec, "entity");
	wg_record *e;
	int rc;
	if (!*entity)
		return wg_fail(err, WG_EINPUT, _("a practitioner belongs to an entity"));
	if (*wg_record_get(rec, "idcard") && ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EINPUT, _("only the county keeps a practitioner's ID number"));
	if ((rc = wg_db_load(ws->db, &wg_kind_entity, entity, &e, err)))
		return rc;
	if (!*wg_record_get(rec, "grid"))
		wg_record_put(rec, FIELD(staff, "grid"), wg_record_get(e, "grid"));
	if (!*wg_record_get(rec, "place"))
		wg_record_put(rec, FIELD(staff, "place"), wg_record_get(e, "name"));
	wg_record_free(e);
	if (!*wg_record_get(rec, "status"))
		wg_record_put(rec, FIELD(staff, "status"), "active");
	return wg_add(ws, rec, err);
}

int wg_staff_list(sqlite3 *db, const char *entity, wg_records *out, wg_error *err)
{
	const char *p[] = {entity};
	return wg_select(db, &wg_kind_staff, "?1 IS NULL OR entity = ?1", "name, id", p, 1, out, err);
}

const char *wg_staff_problem(const wg_record *s, const wg_record *entity, const char *date,
			     char *buf, size_t n)
{
	const char *expiry = wg_record_get(s, "cert_expiry");
	const char *place = wg_record_get(s, "place");
	if (strcmp(wg_record_get(s, "status"), "active") != 0)
		return NULL;
	if (!*wg_record_get(s, "cert"))
		snprintf(buf, n, "%s", _("no certificate number: not registered"));
	else if (*expiry && strcmp(expiry, date) < 0)
		snprintf(buf, n, _("certificate expired on %s"), expiry);
	else if (*place && entity && strcmp(place, wg_record_get(entity, "name")) != 0)
		snprintf(buf, n, _("registered to practise at %s, not here"), place);
	else
		return NULL;
	return buf;
}

/* The next service of a list from *p: its start and length (0 at the end). */
static size_t next_subject(const char **p, const char **start)
{
	static const char *const seps[] = {"、", "，", ",", "；", ";", " "};
	const char *s = *p;
	for (;;) {
		size_t skip = 0;
		for (size_t i = 0; i < sizeof seps / sizeof *seps && !skip; i++)
			if (strncmp(s, seps[i], strlen(seps[i])) == 0)
				skip = strlen(seps[i]);
		if (!skip)
			break;
		s += skip;
	}
	*start = s;
	const char *e = s;
	while (*e) {
		bool sep = false;
		for (size_t i = 0; i < sizeof seps / sizeof *seps && !sep; i++)
			sep = strncmp(e, seps[i], strlen(seps[i])) == 0;
		if (sep)
			break;
		e++;
	}
	*p = e;
	return (size_t)(e - s);
}

bool wg_subjects_has(const char *subjects, const char *one)
{
	const char *p = subjects, *s;
	size_t n, want = strlen(one);
	while ((n = next_subject(&p, &s)) > 0)
		if (n == want && strncmp(s, one, n) == 0)
			return true;
	return false;
}

static void line(strbuf *sb, const char *text)
{
	sb_adds(sb, text);
	sb_adds(sb, "\n");
}

int wg_register_check(sqlite3 *db, const char *entity, enum wg_against against,
		      const char *date, const char *seen, strbuf *shown, strbuf *problems,
		      size_t *nproblems, wg_error *err)
{
	wg_record *e;
	int rc;
	*nproblems = 0;
	if (against == AGAINST_NONE)
		return WG_OK;
	if ((rc = wg_db_load(db, &wg_kind_entity, entity, &e, err)))
		return rc;
	if (against == AGAINST_SCOPE) {
		const char *subjects = wg_record_get(e, "subjects");
		if (*subjects) {
			sb_addf(shown, _("Registered services: %s"), subjects);
			sb_adds(shown, "\n");
		} else {
			/* nothing recorded is no contradiction: the inspector judges */
			line(shown, _("no registered services are recorded for this entity"));
		}
		const char *p = seen ? seen : "", *s;
		size_t n;
		while ((n = next_subject(&p, &s)) > 0) {
			char *one = xasprintf("%.*s", (int)n, s);
			if (!wg_subjects_has(subjects, one)) {
				sb_addf(problems, _("%s is practised but not a registered service"), one);
				sb_adds(problems, "\n");
				(*nproblems)++;
			}
			free(one);
		}
	} else {
		wg_records staff = {0};
		const struct wg_field *kind = wg_field_find(&wg_kind_staff, "kind");
		size_t active = 0;
		if ((rc = wg_staff_list(db, entity, &staff, err))) {
			wg_record_free(e);
			return rc;
		}
		for (size_t i = 0; i < staff.n; i++) {
			const wg_record *s = staff.v[i];
			char why[300];
			if (strcmp(wg_record_get(s, "status"), "active") != 0)
				continue;
			active++;
			const char *cert = wg_record_get(s, "cert");
			const char *expiry = wg_record_get(s, "cert_expiry");
			sb_addf(shown, "%s  %s  %s  %s", wg_record_get(s, "name"),
				wg_option_label(kind, wg_record_get(s, "kind")), *cert ? cert : "-",
				*expiry ? expiry : "-");
			sb_adds(shown, "\n");
			if (wg_staff_problem(s, e, date, why, sizeof why)) {
				sb_addf(problems, "%s: %s", wg_record_get(s, "name"), why);
				sb_adds(problems, "\n");
				(*nproblems)++;
			}
		}
		if (!active)
			line(shown, _("no practitioner on duty is registered for this entity"));
		wg_records_free(&staff);
	}
	wg_record_free(e);
	return WG_OK;
}

/* Lines as one, joined by "；". */
static void join_lines(const char *lines, strbuf *out)
{
	bool first = true;
	for (const char *p = lines; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len) {
			if (!first)
				sb_adds(out, "；");
			sb_addf(out, "%.*s", (int)len, p);
			first = false;
		}
		p += len + (nl ? 1 : 0);
	}
}

int wg_register_line(sqlite3 *db, const char *entity, enum wg_against against, const char *date,
		     strbuf *out, wg_error *err)
{
	strbuf shown = STRBUF_INIT, problems = STRBUF_INIT;
	size_t n;
	int rc = wg_register_check(db, entity, against, date, NULL, &shown, &problems, &n, err);
	if (rc == WG_OK) {
		/* what is wrong first: a narrow screen cuts the end */
		join_lines(sb_str(&problems), out);
		if (n && shown.len)
			sb_adds(out, " — ");
		join_lines(sb_str(&shown), out);
	}
	sb_release(&shown);
	sb_release(&problems);
	return rc;
}

int wg_inspection_item_against(sqlite3 *db, const char *inspection, const char *item,
			       enum wg_against *against, char entity[WG_ID_BUFSIZE], wg_error *err)
{
	wg_record *in;
	wg_checklist *cl = NULL;
	int rc;
	*against = AGAINST_NONE;
	if ((rc = wg_db_load(db, &wg_kind_inspection, inspection, &in, err)))
		return rc;
	snprintf(entity, WG_ID_BUFSIZE, "%s", wg_record_get(in, "entity"));
	if (*wg_record_get(in, "checklist") &&
	    (rc = wg_checklist_load(db, wg_record_get(in, "checklist"), &cl, err)) == WG_OK) {
		const struct wg_checkitem *it = wg_checklist_item(cl, item);
		if (it)
			*against = it->against;
	}
	wg_checklist_free(cl);
	wg_record_free(in);
	return rc;
}

int wg_inspection_record_checked(wg_workspace *ws, const char *inspection, const char *item,
				 const char *outcome, const char *note, const char *seen,
				 bool confirm, wg_error *err)
{
	enum wg_against against;
	char entity[WG_ID_BUFSIZE], today[WG_DATE_LEN + 1];
	strbuf shown = STRBUF_INIT, problems = STRBUF_INIT, joined = STRBUF_INIT;
	size_t n = 0;
	int rc;
	if ((rc = wg_inspection_item_against(ws->db, inspection, item, &against, entity, err)))
		return rc;
	wg_today(today);
	if (against != AGAINST_NONE && outcome &&
	    (rc = wg_register_check(ws->db, entity, against, today, seen, &shown, &problems, &n,
				    err)))
		goto out;
	/* the problems on one line: a note, or a message */
	join_lines(sb_str(&problems), &joined);
	if (n && strcmp(outcome, "pass") == 0 && !confirm) {
		rc = wg_fail(err, WG_EINPUT, _("the register contradicts a pass: %s"), sb_str(&joined));
		err->confirmable = 1;
		goto out;
	}
	if (n && strcmp(outcome, "fail") == 0 && (!note || !*note))
		note = sb_str(&joined);
	rc = wg_inspection_record(ws, inspection, item, outcome, note, err);
out:
	sb_release(&shown);
	sb_release(&problems);
	sb_release(&joined);
	return rc;
}

/* Licences of entities not closed and certificates of practitioners on duty
 * with an expiry date up to ?1 (each through its partial index); the list's
 * columns are what, name, entity, grid, expiry, id. */
#define EXPIRY_LICENCES " FROM entity WHERE licence_expiry > '' AND licence_expiry <= ?1" \
	" AND status <> 'closed'"
#define EXPIRY_CERTS " FROM staff s JOIN entity e ON e.id = s.entity"                     \
	" WHERE s.cert_expiry > '' AND s.cert_expiry <= ?1 AND s.status = 'active'"
#define EXPIRY_SQL                                                                         \
	"SELECT 'L', name, name, grid, licence_expiry, id, id" EXPIRY_LICENCES               \
	" UNION ALL SELECT 'C', s.name, e.name, s.grid, s.cert_expiry, s.id, e.id" EXPIRY_CERTS

static void until_of(const char *today, int days, char until[WG_DATE_LEN + 1])
{
	wg_date_from_days(wg_date_days(today) + days, until);
}

int wg_expiry_table(sqlite3 *db, const char *today, int days, long limit, wg_table **out,
		    wg_error *err)
{
	const char *head[] = {_("What"), _("Name"), _("Entity"), _("Grid"), _("Expires"),
			      _("Days left"), _("Id"), _("Entity id")};
	char until[WG_DATE_LEN + 1];
	sqlite3_stmt *st;
	int step;
	*out = NULL;
	until_of(today, days, until);
	if (sqlite3_prepare_v2(db, EXPIRY_SQL " ORDER BY 5, 2, 6 LIMIT ?2", -1, &st, NULL) !=
	    SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, until, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	wg_table *t = wg_table_new(8, head);
	long now = wg_date_days(today);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c[8];
		char left[24];
		for (int i = 0; i < 7; i++)
			c[i + (i >= 5)] = (const char *)sqlite3_column_text(st, i);
		/* TRANSLATORS: in the list of what expires: an entity's licence */
		c[0] = *c[0] == 'L' ? _("licence")
				    /* TRANSLATORS: ... a practitioner's certificate */
				    : _("practising certificate");
		snprintf(left, sizeof left, "%ld", wg_date_days(c[4]) - now);
		c[5] = left;
		wg_table_add(t, c);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		wg_table_free(t);
		return wg_db_fail(db, err);
	}
	*out = t;
	return WG_OK;
}

int wg_expiry_count(sqlite3 *db, const char *today, int days, long cap, long *out,
		    wg_error *err)
{
	char until[WG_DATE_LEN + 1];
	sqlite3_stmt *st;
	*out = 0;
	until_of(today, days, until);
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM (SELECT 1" EXPIRY_LICENCES
			       " UNION ALL SELECT 1" EXPIRY_CERTS " LIMIT ?2)", -1, &st,
			       NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, until, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, cap);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return step == SQLITE_ROW ? WG_OK : wg_db_fail(db, err);
}
