#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "clue.h"
#include "db.h"
#include "i18n.h"
#include "recordop.h"
#include "rules.h"
#include "timeutil.h"

#define FIELD(kind, name) wg_field_index(&wg_kind_##kind, name)

/* The report rules in force on the day of time found (now when it does not
 * parse: wg_add refuses a malformed time). */
static int rules_on(sqlite3 *db, const char *found, char day[WG_DATE_LEN + 1],
		    struct wg_report_rules **rr, wg_error *err)
{
	time_t t;
	if (!found || !wg_timestamp_parse(found, &t))
		t = wg_now();
	wg_date_of(t, day);
	return wg_report_rules_open(db, day, rr, err);
}

int wg_clue_category_check(sqlite3 *db, const char *found, const char *code, wg_error *err)
{
	char day[WG_DATE_LEN + 1];
	struct wg_report_rules *rr;
	int rc = rules_on(db, found, day, &rr, err);
	if (rc)
		return rc;
	bool known = wg_clue_category_find(rr, code) != NULL;
	wg_report_rules_free(rr);
	if (!known)
		return wg_fail(err, WG_EINPUT,
			       _("\"%s\" is no information category of the county's rules in "
				 "force on %s (see \"wangge rules show report\")"),
			       code, day);
	return WG_OK;
}

int wg_clue_categories_text(sqlite3 *db, const char *found, strbuf *out, wg_error *err)
{
	char day[WG_DATE_LEN + 1];
	struct wg_report_rules *rr;
	int rc = rules_on(db, found, day, &rr, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < rr->ncat; i++)
		sb_addf(out, "%s%s (%s)", i ? ", " : "", rr->cat[i].code,
			wg_pick(rr->cat[i].zh, rr->cat[i].en));
	wg_report_rules_free(rr);
	return WG_OK;
}

int wg_clue_add(wg_workspace *ws, wg_record *rec, bool report, wg_error *err)
{
	char now[WG_TIMESTAMP_LEN + 1];
	int rc;
	wg_timestamp(wg_now(), now);
	const char *entity = wg_record_get(rec, "entity");
	if (*entity) {
		wg_record *e;
		if ((rc = wg_db_load(ws->db, &wg_kind_entity, entity, &e, err)))
			return rc;
		if (!*wg_record_get(rec, "grid"))
			wg_record_put(rec, FIELD(clue, "grid"), wg_record_get(e, "grid"));
		wg_record_free(e);
	} else if (!*wg_record_get(rec, "location")) {
		return wg_fail(err, WG_EINPUT,
			       _("a clue names an entity or, where there is none (an unlicensed "
				 "practice), a location"));
	}
	if (!*wg_record_get(rec, "grid") && ws->grid)
		wg_record_put(rec, FIELD(clue, "grid"), ws->grid);
	if (!*wg_record_get(rec, "found"))
		wg_record_put(rec, FIELD(clue, "found"), now);
	else if (strcmp(wg_record_get(rec, "found"), now) > 0)
		return wg_fail(err, WG_EINPUT, _("the time found is after now"));
	if (!*wg_record_get(rec, "reporter") && ws->officer)
		wg_record_put(rec, FIELD(clue, "reporter"), ws->officer);
	/* the category: one of the county's report rules in force on the day
	 * found (a malformed time is refused by wg_add) */
	const char *cat = wg_record_get(rec, "category");
	if (*cat && (rc = wg_clue_category_check(ws->db, wg_record_get(rec, "found"), cat, err)))
		return rc;
	if (report) {
		wg_record_put(rec, FIELD(clue, "reported"), now);
		wg_record_put(rec, FIELD(clue, "status"), "reported");
	}
	return wg_add(ws, rec, err);
}

int wg_clue_report(wg_workspace *ws, const char *id, wg_error *err)
{
	wg_record *c;
	int rc = wg_db_load(ws->db, &wg_kind_clue, id, &c, err);
	if (rc)
		return rc;
	bool found = strcmp(wg_record_get(c, "status"), "found") == 0;
	wg_record_free(c);
	if (!found)
		return wg_fail(err, WG_EINPUT, _("clue %.8s is already reported"), id);
	char now[WG_TIMESTAMP_LEN + 1];
	wg_timestamp(wg_now(), now);
	struct wg_change ch[] = {{"reported", now}, {"status", "reported"}};
	return wg_modify(ws, &wg_kind_clue, id, ch, 2, false, err);
}

int wg_clue_handover(wg_workspace *ws, const char *id, const char *assignee, int days,
		     char task[WG_ID_BUFSIZE], wg_error *err)
{
	wg_record *c = NULL, *o = NULL, *t = NULL;
	wg_calendar *cal = NULL;
	char *what = NULL, today[WG_DATE_LEN + 1], due[WG_DATE_LEN + 1];
	int missing = 0, rc;
	if (ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EINPUT,
			       _("the county hands a clue over to an inspector; an officer reports it"));
	if ((rc = wg_db_load(ws->db, &wg_kind_clue, id, &c, err)) ||
	    (rc = wg_db_load(ws->db, &wg_kind_officer, assignee, &o, err)))
		goto out;
	if (strcmp(wg_record_get(c, "status"), "reported") != 0) {
		rc = wg_fail(err, WG_EINPUT, _("clue %.8s is %s: only a reported clue is handed over"),
			     id, wg_option_label(wg_field_find(&wg_kind_clue, "status"),
						 wg_record_get(c, "status")));
		goto out;
	}
	if (strcmp(wg_record_get(o, "role"), "inspector") != 0) {
		rc = wg_fail(err, WG_EINPUT, _("%s is not an inspector: a clue is followed up by an "
					       "inspector"), wg_record_get(o, "name"));
		goto out;
	}
	wg_today(today);
	if ((rc = wg_calendar_open(ws->db, &cal, err)) ||
	    (rc = wg_calendar_add_workdays(cal, today, days, due, &missing, err)))
		goto out;
	if (*wg_record_get(c, "entity")) {
		if ((rc = wg_entity_name(ws->db, wg_record_get(c, "entity"), &what, err)))
			goto out;
	}
	char *title = xasprintf(_("Check a reported clue: %s"),
				what ? what : wg_record_get(c, "location"));
	t = wg_record_new(&wg_kind_task);
	wg_record_put(t, FIELD(task, "grid"), wg_record_get(c, "grid"));
	wg_record_put(t, FIELD(task, "kind"), "clue");
	wg_record_put(t, FIELD(task, "entity"), wg_record_get(c, "entity"));
	wg_record_put(t, FIELD(task, "due"), due);
	wg_record_put(t, FIELD(task, "due_basis"), missing ? "provisional" : "");
	wg_record_put(t, FIELD(task, "source"), id);
	wg_record_put(t, FIELD(task, "assignee"), assignee);
	rc = wg_record_set(t, "title", title, NULL, err);
	free(title);
	if (rc == WG_OK)
		rc = wg_record_set(t, "note", wg_record_get(c, "content"), NULL, err);
	if (rc || (rc = wg_db_begin(ws->db, err)))
		goto out;
	if ((rc = wg_add(ws, t, err)) == WG_OK) {
		wg_record_put(c, FIELD(clue, "task"), wg_record_id(t));
		wg_record_put(c, FIELD(clue, "status"), "handed_over");
		rc = wg_db_update(ws->db, c, err);
	}
	if (rc || (rc = wg_db_commit(ws->db, err))) {
		wg_db_rollback(ws->db);
		goto out;
	}
	snprintf(task, WG_ID_BUFSIZE, "%s", wg_record_id(t));
out:
	free(what);
	wg_calendar_free(cal);
	wg_record_free(t);
	wg_record_free(o);
	wg_record_free(c);
	return rc;
}

/* found is a UTC time; the period is of CST dates: compare the CST day. */
static bool in_period(const wg_record *c, const char *from, const char *to)
{
	time_t t;
	char day[WG_DATE_LEN + 1];
	if (!wg_timestamp_parse(wg_record_get(c, "found"), &t))
		return false;
	wg_date_of(t, day);
	return strcmp(day, from) >= 0 && strcmp(day, to) <= 0;
}

int wg_clues_list(sqlite3 *db, const char *from, const char *to, const char *grid,
		  wg_records *out, wg_error *err)
{
	wg_records all = {0};
	const char *p[] = {grid};
	if (!wg_date_valid(from) || !wg_date_valid(to))
		return wg_fail(err, WG_EINPUT, _("give the dates as 2026-01-31"));
	int rc = wg_select(db, &wg_kind_clue, "?1 IS NULL OR grid = ?1", "found, id", p, 1, &all,
			   err);
	for (size_t i = 0; i < all.n && rc == WG_OK; i++) {
		if (!in_period(all.v[i], from, to))
			continue;
		out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		out->v[out->n++] = all.v[i];
		all.v[i] = NULL;
	}
	wg_records_free(&all);
	return rc;
}

int wg_clue_rate(sqlite3 *db, const char *from, const char *to, const char *grid, long *found,
		 long *reported, wg_error *err)
{
	wg_records r = {0};
	int rc = wg_clues_list(db, from, to, grid, &r, err);
	*found = *reported = 0;
	for (size_t i = 0; i < r.n; i++) {
		(*found)++;
		*reported += *wg_record_get(r.v[i], "reported") != '\0';
	}
	wg_records_free(&r);
	return rc;
}
