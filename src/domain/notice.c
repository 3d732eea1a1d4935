#include <config.h>

#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "db.h"
#include "i18n.h"
#include "notice.h"
#include "recordop.h"
#include "timeutil.h"

#define FIELD(name) wg_field_index(&wg_kind_notice, name)

static int county_only(const wg_workspace *ws, wg_error *err)
{
	if (ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EINPUT,
			       _("notices of points are the county's: an officer's workspace "
				 "receives them"));
	return WG_OK;
}

static int day_ok(const char *day, wg_error *err)
{
	char today[WG_DATE_LEN + 1];
	wg_today(today);
	if (!wg_date_valid(day))
		return wg_fail(err, WG_EINPUT, _("\"%s\" is not a date of the form 2026-01-31"), day);
	if (strcmp(day, today) > 0)
		return wg_fail(err, WG_EINPUT, _("%s is after today"), day);
	return WG_OK;
}

int wg_notice_add(wg_workspace *ws, const char *finding, const char *staff, const char *day,
		  int answer_days, char id[WG_ID_BUFSIZE], wg_error *err)
{
	wg_record *f = NULL, *s = NULL, *n = NULL;
	wg_records same = {0};
	int rc;
	if (!staff)
		staff = "";
	if ((rc = county_only(ws, err)) || (rc = day_ok(day, err)))
		return rc;
	if (answer_days < 1 || answer_days > 60)
		return wg_fail(err, WG_EINPUT, _("the answer period is 1 to 60 working days"));
	if ((rc = wg_db_load(ws->db, &wg_kind_finding, finding, &f, err)))
		return rc;
	if (!*wg_record_get(f, "violation")) {
		rc = wg_fail(err, WG_EINPUT, _("finding %.8s names no violation: it carries no points"),
			     finding);
		goto out;
	}
	if (*staff) {
		if ((rc = wg_db_load(ws->db, &wg_kind_staff, staff, &s, err)))
			goto out;
		if (strcmp(wg_record_get(s, "entity"), wg_record_get(f, "entity")) != 0) {
			rc = wg_fail(err, WG_EINPUT,
				     _("practitioner %.8s is not registered with the entity of the "
				       "finding"), staff);
			goto out;
		}
	}
	const char *p[] = {finding, staff};
	if ((rc = wg_select(ws->db, &wg_kind_notice, "finding = ?1 AND staff = ?2", "id", p, 2, &same,
			    err)))
		goto out;
	if (same.n) {
		rc = wg_fail(err, WG_EINPUT, _("the party was already notified of these points "
					       "(notice %.8s)"), wg_record_id(same.v[0]));
		goto out;
	}
	char until[WG_DATE_LEN + 1];
	int missing = 0;
	wg_calendar *cal;
	if ((rc = wg_calendar_open(ws->db, &cal, err)))
		goto out;
	rc = wg_calendar_add_workdays(cal, day, answer_days, until, &missing, err);
	wg_calendar_free(cal);
	if (rc)
		goto out;
	n = wg_record_new(&wg_kind_notice);
	wg_record_put(n, FIELD("grid"), wg_record_get(f, "grid"));
	wg_record_put(n, FIELD("finding"), finding);
	wg_record_put(n, FIELD("staff"), staff);
	wg_record_put(n, FIELD("noticed"), day);
	wg_record_put(n, FIELD("answer_until"), until);
	wg_record_put(n, FIELD("status"), "noticed");
	if ((rc = wg_add(ws, n, err)) == WG_OK)
		snprintf(id, WG_ID_BUFSIZE, "%s", wg_record_id(n));
out:
	wg_records_free(&same);
	wg_record_free(n);
	wg_record_free(s);
	wg_record_free(f);
	return rc;
}

int wg_notice_answer(wg_workspace *ws, const char *id, const char *text, const char *day,
		     wg_error *err)
{
	wg_record *n;
	int rc;
	if ((rc = county_only(ws, err)) || (rc = day_ok(day, err)))
		return rc;
	if (!text || !*text)
		return wg_fail(err, WG_EINPUT, _("an answer needs its text"));
	if ((rc = wg_db_load(ws->db, &wg_kind_notice, id, &n, err)))
		return rc;
	if (strcmp(wg_record_get(n, "status"), "noticed") != 0)
		rc = wg_fail(err, WG_EINPUT, _("notice %.8s was already answered or decided"), id);
	else if (strcmp(day, wg_record_get(n, "noticed")) < 0)
		rc = wg_fail(err, WG_EINPUT, _("%s is before the notice (%s)"), day,
			     wg_record_get(n, "noticed"));
	else if (strcmp(day, wg_record_get(n, "answer_until")) > 0)
		rc = wg_fail(err, WG_EINPUT,
			     _("the answer period ended on %s: the points are final"),
			     wg_record_get(n, "answer_until"));
	wg_record_free(n);
	if (rc)
		return rc;
	struct wg_change ch[] = {{"answer", text}, {"answered", day}, {"status", "answered"}};
	return wg_modify(ws, &wg_kind_notice, id, ch, 3, false, err);
}

int wg_notice_decide(wg_workspace *ws, const char *id, bool final, const char *reason,
		     const char *day, wg_error *err)
{
	wg_record *n;
	int rc;
	if ((rc = county_only(ws, err)) || (rc = day_ok(day, err)))
		return rc;
	if (!reason || !*reason)
		return wg_fail(err, WG_EINPUT, _("a decision on a notice needs its reason"));
	if ((rc = wg_db_load(ws->db, &wg_kind_notice, id, &n, err)))
		return rc;
	const char *status = wg_record_get(n, "status");
	if (strcmp(status, "final") == 0 || strcmp(status, "withdrawn") == 0)
		rc = wg_fail(err, WG_EINPUT, _("notice %.8s is already decided"), id);
	else if (strcmp(day, wg_record_get(n, "noticed")) < 0)
		rc = wg_fail(err, WG_EINPUT, _("%s is before the notice (%s)"), day,
			     wg_record_get(n, "noticed"));
	else if (strcmp(status, "noticed") == 0 && strcmp(day, wg_record_get(n, "answer_until")) > 0)
		rc = wg_fail(err, WG_EINPUT,
			     _("the answer period ended on %s without an answer: the points are "
			       "already final"), wg_record_get(n, "answer_until"));
	wg_record_free(n);
	if (rc)
		return rc;
	struct wg_change ch[] = {{"status", final ? "final" : "withdrawn"}, {"decided", day},
				 {"reason", reason}};
	return wg_modify(ws, &wg_kind_notice, id, ch, 3, false, err);
}

const char *wg_notice_state(const wg_record *n, const char *date)
{
	const char *status = wg_record_get(n, "status");
	if (strcmp(status, "final") == 0 || strcmp(status, "withdrawn") == 0)
		return status;
	if (strcmp(status, "noticed") == 0 && strcmp(wg_record_get(n, "answer_until"), date) < 0)
		return "final";
	return "pending";
}

int wg_notices_list(sqlite3 *db, bool all, const char *date, wg_records *out, wg_error *err)
{
	const char *p[] = {all ? NULL : date};
	return wg_select(db, &wg_kind_notice,
			 "?1 IS NULL OR status = 'answered' OR (status = 'noticed' AND answer_until >= ?1)",
			 "noticed DESC, id", p, 1, out, err);
}
