#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "credit.h"
#include "db.h"
#include "i18n.h"
#include "query.h"
#include "recordop.h"
#include "record.h"
#include "schema.h"
#include "timeutil.h"

static int county_only(wg_workspace *ws, wg_error *err)
{
	if (ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EINPUT,
			       _("the black list is a county decision: only the county records it"));
	return WG_OK;
}

/* A law or regulation cited by its title: 《…》 with something inside. */
static bool cites_law(const char *basis)
{
	const char *a = strstr(basis, "《"), *b = a ? strstr(a, "》") : NULL;
	return a && b && b > a + strlen("《");
}

static int need_text(const char *v, const char *what, wg_error *err)
{
	if (!v || !*v)
		return wg_fail(err, WG_EINPUT, _("%s must be given"), what);
	return WG_OK;
}

int wg_black_notice(wg_workspace *ws, const char *entity, const char *reason, const char *basis,
		    const char *body, int objection_days, char id[WG_ID_BUFSIZE], wg_error *err)
{
	wg_record *e, *rec;
	char *open = NULL;
	int rc;
	*id = '\0';
	if ((rc = county_only(ws, err)) || (rc = need_text(reason, _("the reason"), err)) ||
	    (rc = need_text(basis, _("the legal basis"), err)) ||
	    (rc = need_text(body, _("the deciding body"), err)))
		return rc;
	if (!cites_law(basis))
		return wg_fail(err, WG_EINPUT,
			       _("the legal basis must cite a law or regulation by its title, in 《》 "
				 "(国办发〔2020〕49号: a black list rests on law or regulation)"));
	if (objection_days < 1 || objection_days > 90)
		return wg_fail(err, WG_EINPUT, _("the objection period is 1 to 90 days"));
	if ((rc = wg_db_load(ws->db, &wg_kind_entity, entity, &e, err)))
		return rc;
	const char *p[] = {entity};
	if ((rc = wg_query_text(ws->db, "SELECT id FROM blacklist WHERE entity = ?1 AND status IN"
				" ('noticed', 'listed') LIMIT 1", p, 1, &open, err)) == WG_OK && open) {
		rc = wg_fail(err, WG_EINPUT, _("%s already has an open black-list case (%.8s)"),
			     wg_record_get(e, "name"), open);
	}
	free(open);
	if (rc) {
		wg_record_free(e);
		return rc;
	}
	char today[WG_DATE_LEN + 1], until[WG_DATE_LEN + 1];
	wg_today(today);
	wg_date_from_days(wg_date_days(today) + objection_days, until);
	rec = wg_record_new(&wg_kind_blacklist);
	if ((rc = wg_record_set(rec, "grid", wg_record_get(e, "grid"), NULL, err)) ||
	    (rc = wg_record_set(rec, "entity", entity, NULL, err)) ||
	    (rc = wg_record_set(rec, "reason", reason, NULL, err)) ||
	    (rc = wg_record_set(rec, "basis", basis, NULL, err)) ||
	    (rc = wg_record_set(rec, "body", body, NULL, err)) ||
	    (rc = wg_record_set(rec, "status", "noticed", NULL, err)) ||
	    (rc = wg_record_set(rec, "noticed", today, NULL, err)) ||
	    (rc = wg_record_set(rec, "objection_until", until, NULL, err)) ||
	    (rc = wg_add(ws, rec, err))) {
		wg_record_free(rec);
		wg_record_free(e);
		return rc;
	}
	snprintf(id, WG_ID_BUFSIZE, "%s", wg_record_id(rec));
	wg_record_free(rec);
	wg_record_free(e);
	return rc;
}

/* Load a case, check its status is one of want, apply fn's changes, save. */
static int step(wg_workspace *ws, const char *id, const char *const *want,
		int (*fn)(wg_record *rec, const char *today, const void *arg, wg_error *err),
		const void *arg, wg_error *err)
{
	wg_record *rec;
	char today[WG_DATE_LEN + 1];
	int rc;
	if ((rc = county_only(ws, err)) || (rc = wg_db_begin(ws->db, err)))
		return rc;
	if ((rc = wg_db_load(ws->db, &wg_kind_blacklist, id, &rec, err)))
		goto fail;
	bool ok = false;
	for (const char *const *w = want; *w; w++)
		ok |= strcmp(wg_record_get(rec, "status"), *w) == 0;
	if (!ok) {
		const struct wg_field *f = wg_field_find(&wg_kind_blacklist, "status");
		rc = wg_fail(err, WG_EINPUT, _("black-list case %.8s is %s: this step does not apply"),
			     id, wg_option_label(f, wg_record_get(rec, "status")));
	} else {
		wg_today(today);
		if ((rc = fn(rec, today, arg, err)) == WG_OK && (rc = wg_record_check(rec, err)) == WG_OK)
			rc = wg_db_update(ws->db, rec, err);
	}
	wg_record_free(rec);
	if (rc == WG_OK && (rc = wg_db_commit(ws->db, err)) == WG_OK)
		return WG_OK;
fail:
	wg_db_rollback(ws->db);
	return rc;
}

static int do_object(wg_record *rec, const char *today, const void *arg, wg_error *err)
{
	if (strcmp(today, wg_record_get(rec, "objection_until")) > 0)
		return wg_fail(err, WG_EINPUT, _("the objection period ended on %s"),
			       wg_record_get(rec, "objection_until"));
	return wg_record_set(rec, "objection", arg, NULL, err);
}

int wg_black_object(wg_workspace *ws, const char *id, const char *text, wg_error *err)
{
	static const char *const want[] = {"noticed", NULL};
	int rc = need_text(text, _("the objection"), err);
	return rc ? rc : step(ws, id, want, do_object, text, err);
}

struct decide {
	int months;
	const char *reply;
};

/* The day before the same day term months later (the last day of the term). */
static void term_end(const char *from, int months, char out[WG_DATE_LEN + 1])
{
	int y = atoi(from), m = atoi(from + 5) - 1 + months, d = atoi(from + 8);
	char day[40];
	y += m / 12;
	m = m % 12 + 1;
	snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, d);
	while (!wg_date_valid(day) && d > 28)
		snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, --d);
	wg_date_from_days(wg_date_days(day) - 1, out);
}

static int do_decide(wg_record *rec, const char *today, const void *arg, wg_error *err)
{
	const struct decide *d = arg;
	char until[WG_DATE_LEN + 1];
	int rc;
	if (strcmp(today, wg_record_get(rec, "objection_until")) <= 0)
		return wg_fail(err, WG_EINPUT,
			       _("the objection period runs until %s: the decision comes after it"),
			       wg_record_get(rec, "objection_until"));
	if (*wg_record_get(rec, "objection") && (!d->reply || !*d->reply))
		return wg_fail(err, WG_EINPUT,
			       _("the entity objected: record the county's answer to the objection "
				 "(--reply) before deciding"));
	if (d->months < 1 || d->months > 60)
		return wg_fail(err, WG_EINPUT, _("the term is 1 to 60 months"));
	term_end(today, d->months, until);
	if ((d->reply && *d->reply && (rc = wg_record_set(rec, "reply", d->reply, NULL, err))) ||
	    (rc = wg_record_set(rec, "status", "listed", NULL, err)) ||
	    (rc = wg_record_set(rec, "listed", today, NULL, err)) ||
	    (rc = wg_record_set(rec, "until", until, NULL, err)))
		return rc;
	return WG_OK;
}

int wg_black_decide(wg_workspace *ws, const char *id, int term_months, const char *reply,
		    wg_error *err)
{
	static const char *const want[] = {"noticed", NULL};
	struct decide d = {term_months, reply};
	return step(ws, id, want, do_decide, &d, err);
}

static int do_repair(wg_record *rec, const char *today, const void *arg, wg_error *err)
{
	int rc;
	if (strcmp(today, wg_record_get(rec, "until")) > 0)
		return wg_fail(err, WG_EINPUT, _("the term ended on %s: the entity is off the list already"),
			       wg_record_get(rec, "until"));
	if ((rc = wg_record_set(rec, "status", "repaired", NULL, err)) ||
	    (rc = wg_record_set(rec, "repaired", today, NULL, err)) ||
	    (rc = wg_record_set(rec, "ended_why", arg, NULL, err)))
		return rc;
	return WG_OK;
}

int wg_black_repair(wg_workspace *ws, const char *id, const char *why, wg_error *err)
{
	static const char *const want[] = {"listed", NULL};
	int rc = need_text(why, _("the credit repair"), err);
	return rc ? rc : step(ws, id, want, do_repair, why, err);
}

static int do_remove(wg_record *rec, const char *today, const void *arg, wg_error *err)
{
	int rc;
	if ((rc = wg_record_set(rec, "status", "removed", NULL, err)) ||
	    (rc = wg_record_set(rec, "removed", today, NULL, err)) ||
	    (rc = wg_record_set(rec, "ended_why", arg, NULL, err)))
		return rc;
	return WG_OK;
}

int wg_black_remove(wg_workspace *ws, const char *id, const char *why, wg_error *err)
{
	static const char *const want[] = {"noticed", "listed", NULL};
	int rc = need_text(why, _("the reason for the removal"), err);
	return rc ? rc : step(ws, id, want, do_remove, why, err);
}

static char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return xstrdup(t ? (const char *)t : "");
}

int wg_black_list(sqlite3 *db, const char *today, bool all, struct wg_black_entry **out,
		  size_t *n, wg_error *err)
{
	sqlite3_stmt *st;
	int s;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db,
			       "SELECT b.id, b.entity, COALESCE(e.name, ''), COALESCE(e.uscc, ''), b.grid,"
			       " b.reason, b.basis, b.body, b.status, b.noticed, b.objection_until,"
			       " b.objection, b.reply, b.listed, b.until, b.repaired, b.removed,"
			       " b.ended_why FROM blacklist b LEFT JOIN entity e ON e.id = b.entity"
			       " WHERE ?2 OR (b.status = 'listed' AND b.listed <= ?1 AND b.until >= ?1)"
			       " ORDER BY b.grid, e.name, b.noticed, b.id", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, all);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		struct wg_black_entry *b = &(*out)[(*n)++];
		snprintf(b->id, sizeof b->id, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(b->entity, sizeof b->entity, "%s", (const char *)sqlite3_column_text(st, 1));
		char **f[] = {&b->name, &b->uscc, &b->grid, &b->reason, &b->basis, &b->body, &b->status,
			      &b->noticed, &b->objection_until, &b->objection, &b->reply, &b->listed,
			      &b->until, &b->repaired, &b->removed, &b->ended_why};
		for (size_t k = 0; k < sizeof f / sizeof *f; k++)
			*f[k] = col(st, (int)k + 2);
		b->on_list = strcmp(b->status, "listed") == 0 && strcmp(b->listed, today) <= 0 &&
			     strcmp(b->until, today) >= 0;
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		wg_black_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return wg_db_fail(db, err);
	}
	return WG_OK;
}

void wg_black_list_free(struct wg_black_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *f[] = {e[i].name, e[i].uscc, e[i].grid, e[i].reason, e[i].basis, e[i].body,
			     e[i].status, e[i].noticed, e[i].objection_until, e[i].objection,
			     e[i].reply, e[i].listed, e[i].until, e[i].repaired, e[i].removed,
			     e[i].ended_why};
		for (size_t k = 0; k < sizeof f / sizeof *f; k++)
			free(f[k]);
	}
	free(e);
}
