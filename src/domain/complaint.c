#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "complaint.h"
#include "db.h"
#include "mask.h"
#include "i18n.h"
#include "recordop.h"
#include "query.h"
#include "rules.h"
#include "table.h"
#include "timeutil.h"
#include "validate.h"

#define FIELD(kind, name) wg_field_index(&wg_kind_##kind, name)

int wg_complaints_list(sqlite3 *db, const char *status, wg_records *out, wg_error *err)
{
	const char *p[] = {status};
	return wg_select(db, &wg_kind_complaint, "?1 IS NULL OR status = ?1", "received DESC", p, 1,
			 out, err);
}

int wg_complaint_add(wg_workspace *ws, wg_record *rec, wg_error *err)
{
	const char *entity = wg_record_get(rec, "entity");
	int rc;
	if (*entity) {
		wg_record *e;
		if ((rc = wg_db_load(ws->db, &wg_kind_entity, entity, &e, err)))
			return rc;
		if (!*wg_record_get(rec, "grid"))
			wg_record_put(rec, FIELD(complaint, "grid"), wg_record_get(e, "grid"));
		wg_record_free(e);
	} else if (!*wg_record_get(rec, "location")) {
		return wg_fail(err, WG_EINPUT,
			       _("a complaint names an entity or, for an unlicensed practice, a location"));
	}
	if (!*wg_record_get(rec, "received")) {
		char now[WG_TIMESTAMP_LEN + 1];
		wg_timestamp(wg_now(), now);
		wg_record_put(rec, FIELD(complaint, "received"), now);
	}
	if (*wg_record_get(rec, "deadline")) {
		wg_record_put(rec, FIELD(complaint, "deadline_basis"), "by_hand");
	} else {
		struct wg_limits limits;
		wg_calendar *cal;
		char day[WG_DATE_LEN + 1], deadline[WG_DATE_LEN + 1];
		int missing = 0;
		time_t t;
		if (!wg_timestamp_parse(wg_record_get(rec, "received"), &t))
			return wg_fail(err, WG_EINPUT, _("the time received is not valid"));
		wg_date_of(t, day);
		/* the county's time limit in force on the day it was received */
		if ((rc = wg_limits_open(ws->db, day, &limits, err)))
			return rc;
		if ((rc = wg_calendar_open(ws->db, &cal, err)) == WG_OK) {
			rc = wg_calendar_add_workdays(cal, day, limits.complaint_workdays, deadline,
						      &missing, err);
			wg_calendar_free(cal);
		}
		if (rc)
			return rc;
		wg_record_put(rec, FIELD(complaint, "deadline"), deadline);
		/* a year without its calendar: counted Monday to Friday, and marked */
		wg_record_put(rec, FIELD(complaint, "deadline_basis"), missing ? "provisional" : "");
	}
	return wg_add(ws, rec, err);
}

int wg_complaint_add_with_id(wg_workspace *ws, wg_record *rec, const char *idcard, wg_error *err)
{
	int rc;
	if (!idcard || !*idcard)
		return wg_complaint_add(ws, rec, err);
	if ((rc = wg_check_idcard(idcard, err)))
		return rc;
	if (ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EINPUT, _("only the county keeps a complainant's identity"));
	if ((rc = wg_db_begin(ws->db, err)))
		return rc;
	if ((rc = wg_complaint_add(ws, rec, err)) ||
	    (rc = wg_db_personal_set(ws->db, &wg_kind_complaint, wg_record_id(rec), "idcard", idcard,
				     err)) ||
	    (rc = wg_db_commit(ws->db, err))) {
		wg_db_rollback(ws->db);
		return rc;
	}
	return WG_OK;
}

int wg_complaints_list_personal(sqlite3 *db, const char *status, wg_records *out, wg_error *err)
{
	int rc = wg_complaints_list(db, status, out, err);
	for (size_t i = 0; i < out->n && rc == WG_OK; i++)
		rc = wg_db_personal_fill(db, out->v[i], err);
	return rc;
}

int wg_complaint_verify(wg_workspace *ws, const char *id, const char *assignee, char task[WG_ID_BUFSIZE],
			wg_error *err)
{
	wg_record *c, *t = NULL, *e = NULL;
	int rc;
	if ((rc = wg_may_edit(ws, &wg_kind_complaint, NULL, false, err)) ||
	    (rc = wg_db_load(ws->db, &wg_kind_complaint, id, &c, err)))
		return rc;
	if (strcmp(wg_record_get(c, "status"), "open") != 0) {
		rc = wg_fail(err, WG_EINPUT, _("complaint %.8s is already being verified or closed"), id);
		goto out;
	}
	const char *what = wg_record_get(c, "location");
	if (*wg_record_get(c, "entity")) {
		if ((rc = wg_db_load(ws->db, &wg_kind_entity, wg_record_get(c, "entity"), &e, err)))
			goto out;
		what = wg_record_get(e, "name");
	}
	if (assignee) {
		wg_record *o;
		if ((rc = wg_db_load(ws->db, &wg_kind_officer, assignee, &o, err)))
			goto out;
		wg_record_free(o);
	}
	char *title = xasprintf(_("Check complaint: %s"), what);
	t = wg_record_new(&wg_kind_task);
	wg_record_put(t, FIELD(task, "grid"), wg_record_get(c, "grid"));
	wg_record_put(t, FIELD(task, "kind"), "complaint");
	wg_record_put(t, FIELD(task, "entity"), wg_record_get(c, "entity"));
	wg_record_put(t, FIELD(task, "due"), wg_record_get(c, "deadline"));
	wg_record_put(t, FIELD(task, "due_basis"), wg_record_get(c, "deadline_basis"));
	wg_record_put(t, FIELD(task, "source"), id);
	wg_record_put(t, FIELD(task, "assignee"), assignee ? assignee : "");
	rc = wg_record_set(t, "title", title, NULL, err);
	free(title);
	if (rc || (rc = wg_db_begin(ws->db, err)))
		goto out;
	wg_record_put(c, FIELD(complaint, "status"), "verifying");
	if (assignee)
		wg_record_put(c, FIELD(complaint, "handler"), assignee);
	if ((rc = wg_add(ws, t, err)) || (rc = wg_db_update(ws->db, c, err)) ||
	    (rc = wg_db_commit(ws->db, err))) {
		wg_db_rollback(ws->db);
		goto out;
	}
	snprintf(task, WG_ID_BUFSIZE, "%s", wg_record_id(t));
out:
	wg_record_free(c);
	wg_record_free(t);
	wg_record_free(e);
	return rc;
}

int wg_complaint_close(wg_workspace *ws, const char *id, const char *result, wg_error *err)
{
	wg_record *c;
	int rc;
	if (!result || !*result)
		return wg_fail(err, WG_EINPUT, _("give the result of the handling"));
	if ((rc = wg_db_load(ws->db, &wg_kind_complaint, id, &c, err)))
		return rc;
	bool closed = strcmp(wg_record_get(c, "status"), "closed") == 0;
	wg_record_free(c);
	if (closed)
		return wg_fail(err, WG_EINPUT, _("complaint %.8s is already closed"), id);
	char now[WG_TIMESTAMP_LEN + 1];
	wg_timestamp(wg_now(), now);
	struct wg_change ch[] = {{"result", result}, {"status", "closed"}, {"closed", now}};
	return wg_modify(ws, &wg_kind_complaint, id, ch, 3, false, err);
}

int wg_publish_complaints(sqlite3 *db, const char *from, const char *to, strbuf *csv,
			  wg_maskings *masked, wg_error *err)
{
	/* Only these fields are published; none of them may be personal. */
	static const char *const published[] = {"received", "channel", "location", "status",
						"result", NULL};
	for (const char *const *f = published; *f; f++)
		if (wg_field_find(&wg_kind_complaint, *f)->flags & FF_PERSONAL)
			return wg_fail(err, WG_EINTERNAL, "personal field %s in the publication", *f);
	if (!wg_date_valid(from) || !wg_date_valid(to))
		return wg_fail(err, WG_EINPUT, _("give the dates as 2026-01-31"));

	sqlite3_stmt *st;
	const struct wg_field *chan = wg_field_find(&wg_kind_complaint, "channel");
	const struct wg_field *stat = wg_field_find(&wg_kind_complaint, "status");
	const char *head[] = {_("Received"), _("Channel"), _("Entity or location"), _("Status"),
			      _("Result")};
	wg_masker *mk;
	int rc;
	if ((rc = wg_masker_open(db, &mk, err)))
		return rc;
	wg_table *t = wg_table_new(5, head);
	if (sqlite3_prepare_v2(db,
			       "SELECT c.received, c.channel, coalesce(e.name, c.location), c.status,"
			       " c.result FROM complaint c LEFT JOIN entity e ON e.id = c.entity"
			       " ORDER BY c.received, c.id", -1, &st, NULL) != SQLITE_OK) {
		wg_table_free(t);
		wg_masker_free(mk);
		return wg_db_fail(db, err);
	}
	strbuf place = STRBUF_INIT, result = STRBUF_INIT;
	size_t row = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		time_t tm;
		char day[WG_DATE_LEN + 1];
		if (!wg_timestamp_parse((const char *)sqlite3_column_text(st, 0), &tm))
			continue;
		wg_date_of(tm, day);
		if (strcmp(day, from) < 0 || strcmp(day, to) > 0)
			continue;
		/* free text a clerk typed: personal values withheld, and listed */
		char where[128];
		row++;
		snprintf(where, sizeof where, _("row %zu, %s"), row, head[2]);
		wg_masker_apply(mk, (const char *)sqlite3_column_text(st, 2), where, &place, masked);
		snprintf(where, sizeof where, _("row %zu, %s"), row, head[4]);
		wg_masker_apply(mk, (const char *)sqlite3_column_text(st, 4), where, &result, masked);
		const char *cells[5] = {day,
					wg_option_label(chan, (const char *)sqlite3_column_text(st, 1)),
					sb_str(&place),
					wg_option_label(stat, (const char *)sqlite3_column_text(st, 3)),
					sb_str(&result)};
		wg_table_add(t, cells);
	}
	sqlite3_finalize(st);
	sb_release(&place);
	sb_release(&result);
	wg_masker_free(mk);
	if (rc != SQLITE_DONE) {
		wg_table_free(t);
		return wg_db_fail(db, err);
	}
	wg_table_render(t, TABLE_CSV, csv);
	wg_table_free(t);
	return WG_OK;
}
