#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "rules.h"
#include "checklist.h"
#include "db.h"
#include "disclose.h"
#include "i18n.h"
#include "recordop.h"
#include "schema.h"
#include "timeutil.h"

const struct wg_public_field wg_disclose_fields[] = {
	{"entity", "name"},       {"entity", "uscc"},     {"entity", "category"},
	{"inspection", "signed"}, {"inspection", "kind"}, {"inspection", "result"},
	{"task", "kind"},         {"finding", "item"},    {"inspection", "checklist"},
	{"checklist", "body"},
};
const size_t wg_disclose_nfields = sizeof wg_disclose_fields / sizeof wg_disclose_fields[0];

void wg_disclosure_free(struct wg_disclosure *d)
{
	if (!d)
		return;
	wg_table_free(d->table);
	wg_maskings_free(&d->masked);
	for (size_t i = 0; i < d->ntasks; i++)
		free(d->tasks[i]);
	free(d->tasks);
	free(d);
}

static int check_public(wg_error *err)
{
	for (size_t i = 0; i < wg_disclose_nfields; i++) {
		const struct wg_kind *k = wg_kind_find(wg_disclose_fields[i].kind);
		const struct wg_field *f = k ? wg_field_find(k, wg_disclose_fields[i].field) : NULL;
		if (!f || (f->flags & FF_PERSONAL))
			return wg_fail(err, WG_EINTERNAL,
				       _("the disclosure would publish %s.%s, which is personal data "
					 "or unknown: refusing"), wg_disclose_fields[i].kind,
				       wg_disclose_fields[i].field);
	}
	return WG_OK;
}

/* The checklist items an inspection failed, in the checklist's own wording (never
 * the inspector's notes, which may name people): "CL05 ...; CL09 ...". */
/* The checklists the listed inspections name, each loaded once (large demo
 * county, November: 1,120 results loaded a checklist each, 460 M
 * instructions), and the statement for their findings, prepared once. */
struct items_reader {
	sqlite3_stmt *findings;
	wg_checklists *checklists;
};

static int failed_items(struct items_reader *r, sqlite3 *db, const char *inspection,
			const char *ref, strbuf *out, wg_error *err)
{
	const wg_checklist *cl = wg_checklists_get(&r->checklists, db, ref);
	if (!r->findings &&
	    sqlite3_prepare_v2(db, "SELECT DISTINCT item FROM finding WHERE inspection = ?"
				   " AND status <> 'withdrawn' ORDER BY item", -1, &r->findings,
			       NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_stmt *st = r->findings;
	sqlite3_bind_text(st, 1, inspection, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(st, 0);
		const struct wg_checkitem *ci = cl ? wg_checklist_item(cl, item) : NULL;
		/* TRANSLATORS: separates the failed items in the disclosure */
		sb_addf(out, "%s%s%s%s", out->len ? _("; ") : "", item, ci ? " " : "",
			ci ? ci->text : "");
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

int wg_disclose(sqlite3 *db, const char *from, const char *to, struct wg_disclosure **out,
		wg_error *err)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if ((rc = check_public(err)))
		return rc;
	/* The SELECT names exactly the fields in wg_disclose_fields. */
	if (sqlite3_prepare_v2(db,
			       "SELECT e.name, e.uscc, e.category, i.signed, i.kind, i.result,"
			       " coalesce(t.kind, ''), coalesce(t.id, ''), i.id, i.checklist"
			       " FROM inspection i JOIN entity e ON e.id = i.entity"
			       " LEFT JOIN task t ON t.id = i.task"
			       " WHERE i.status = 'signed' AND i.signed <> ''"
			       " AND i.signed >= ?3 AND i.signed < ?4"
			       " AND date(i.signed, '+8 hours') BETWEEN ?1 AND ?2"
			       " AND (t.kind = 'random' OR (i.kind = 'inspection' AND i.result = 'fail'))"
			       " ORDER BY i.signed, e.name, i.id", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	/* A day of the county (UTC+8) starts on the day before in UTC: the
	 * signing times from the day before from up to the day after to hold
	 * every result of the days, and the date() test keeps exactly those.
	 * The bounds let the signed index read those days alone. */
	char lo[WG_DATE_LEN + 1] = "", hi[WG_DATE_LEN + 1] = "~";
	if (wg_date_valid(from))
		wg_date_from_days(wg_date_days(from) - 1, lo);
	if (wg_date_valid(to))
		wg_date_from_days(wg_date_days(to) + 1, hi);
	sqlite3_bind_text(st, 3, lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, hi, -1, SQLITE_STATIC);

	struct wg_disclosure *d = xcalloc(1, sizeof *d);
	const char *head[] = {_("No."), _("Entity"), _("USCC"), _("Category"), _("Date"),
			      _("Inspection"), _("Result"), _("Items failed")};
	d->table = wg_table_new(8, head);
	const struct wg_field *result = wg_field_find(&wg_kind_inspection, "result");
	const struct wg_field *tkind = wg_field_find(&wg_kind_task, "kind");
	const struct wg_field *ikind = wg_field_find(&wg_kind_inspection, "kind");
	size_t n = 0;
	int step;
	wg_masker *mk = NULL;
	struct items_reader reader = {0};
	strbuf name = STRBUF_INIT, said = STRBUF_INIT;
	rc = WG_OK;
	while (rc == WG_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		/* the county's values are read at the first row: the days listed
		 * have often none (large demo county: 90 M instructions) */
		if (!mk && (rc = wg_masker_open(db, &mk, err)))
			break;
		const char *c[10];
		for (int i = 0; i < 10; i++)
			c[i] = (const char *)sqlite3_column_text(st, i);
		char no[24], date[WG_DATE_LEN + 1] = "";
		time_t t;
		snprintf(no, sizeof no, "%zu", ++n);
		if (wg_timestamp_parse(c[3], &t))
			wg_date_of(t, date);
		const struct wg_category *cat = wg_category_find(c[2]);
		strbuf items = STRBUF_INIT;
		if ((rc = failed_items(&reader, db, c[8], c[9], &items, err))) {
			sb_release(&items);
			break;
		}
		/* the text columns: personal values withheld, and listed */
		char where[128];
		snprintf(where, sizeof where, _("row %zu, %s"), n, head[1]);
		wg_masker_apply(mk, c[0], where, &name, &d->masked);
		snprintf(where, sizeof where, _("row %zu, %s"), n, head[7]);
		wg_masker_apply(mk, sb_str(&items), where, &said, &d->masked);
		const char *row[8] = {
			no, sb_str(&name), c[1], cat ? _(cat->label) : c[2], date,
			*c[6] ? wg_option_label(tkind, c[6]) : wg_option_label(ikind, c[4]),
			*c[5] ? wg_option_label(result, c[5]) : "", sb_str(&said),
		};
		wg_table_add(d->table, row);
		sb_release(&items);
		if (strcmp(c[6], "random") == 0) {
			d->tasks = xrealloc(d->tasks, (d->ntasks + 1) * sizeof *d->tasks);
			d->tasks[d->ntasks++] = xstrdup(c[7]);
		}
	}
	if (rc == WG_OK && step != SQLITE_DONE)
		rc = wg_db_fail(db, err);
	sqlite3_finalize(st);
	sqlite3_finalize(reader.findings);
	wg_checklists_free(reader.checklists);
	wg_masker_free(mk);
	sb_release(&name);
	sb_release(&said);
	if (rc) {
		wg_disclosure_free(d);
		return rc;
	}
	*out = d;
	return WG_OK;
}

/* The signing day before which a result is past days working days on today:
 * the days + 1st working day counting back from today. */
static int late_before(const wg_calendar *cal, const char *today, int days,
		       char day[WG_DATE_LEN + 1], wg_error *err)
{
	return wg_calendar_back_workdays(cal, today, days + 1, day, err);
}

int wg_disclose_overdue(sqlite3 *db, const char *today, int days, wg_table **out,
			wg_error *err)
{
	wg_calendar *cal;
	sqlite3_stmt *st;
	char before[WG_DATE_LEN + 1] = "~"; /* days 0: every result is looked at */
	int rc;
	*out = NULL;
	if ((rc = wg_calendar_open(db, &cal, err)))
		return rc;
	if (days > 0 && (rc = late_before(cal, today, days, before, err))) {
		wg_calendar_free(cal);
		return rc;
	}
	if (sqlite3_prepare_v2(db,
			       "SELECT coalesce(e.name, ''), t.grid, w.signed, w.day FROM publish_wait w"
			       " JOIN task t ON t.id = w.task LEFT JOIN entity e ON e.id = t.entity"
			       " WHERE w.day > '' AND w.day < ?1 ORDER BY w.signed, e.name",
			       -1, &st, NULL) != SQLITE_OK) {
		wg_calendar_free(cal);
		return wg_db_fail(db, err);
	}
	sqlite3_bind_text(st, 1, before, -1, SQLITE_STATIC);
	const char *head[] = {_("Entity"), _("Grid"), _("Signed"), _("Publish by"),
			      _("Working days since")};
	wg_table *t = wg_table_new(5, head);
	int step;
	/* The rows come by signing time: one day's are counted once. */
	char last_on[WG_DATE_LEN + 1] = "", by[WG_DATE_LEN + 1] = "";
	int n = 0, missing = 0, last_limit = -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		char signed_on[WG_DATE_LEN + 1], since[16], shown[200];
		snprintf(signed_on, sizeof signed_on, "%s", (const char *)sqlite3_column_text(st, 3));
		int limit = days;
		struct wg_limits lim;
		if (limit <= 0) {
			if ((rc = wg_limits_open(db, signed_on, &lim, err)))
				break;
			limit = lim.publish_workdays;
		}
		if (strcmp(signed_on, last_on) != 0 || limit != last_limit) {
			if ((rc = wg_calendar_count_workdays(cal, signed_on, today, &n, NULL, err)) ||
			    (rc = wg_calendar_add_workdays(cal, signed_on, limit, by, &missing, err)))
				break;
			snprintf(last_on, sizeof last_on, "%s", signed_on);
			last_limit = limit;
		}
		if (days <= 0 && n <= limit)
			continue; /* (with days given, the range holds only late ones) */
		wg_deadline_text(missing ? "provisional" : "", by, shown, sizeof shown);
		snprintf(since, sizeof since, "%d", n);
		const char *row[5] = {(const char *)sqlite3_column_text(st, 0),
				      (const char *)sqlite3_column_text(st, 1), signed_on, shown, since};
		wg_table_add(t, row);
	}
	if (rc == WG_OK && step != SQLITE_DONE)
		rc = wg_db_fail(db, err);
	sqlite3_finalize(st);
	wg_calendar_free(cal);
	if (rc) {
		wg_table_free(t);
		return rc;
	}
	*out = t;
	return WG_OK;
}

int wg_disclose_waiting(sqlite3 *db, const char *today, int days, size_t *unpublished,
			size_t *late, wg_error *err)
{
	wg_calendar *cal;
	char before[WG_DATE_LEN + 1];
	int rc;
	*unpublished = *late = 0;
	/* publish_day: how many such results each signing day has (a migration's
	 * triggers keep it from publish_wait, what wg_disclose_overdue lists) */
	if ((rc = wg_query_number(db, "SELECT coalesce(sum(n), 0) FROM publish_day", NULL, unpublished,
			   err)) || !*unpublished)
		return rc;
	if ((rc = wg_calendar_open(db, &cal, err)))
		return rc;
	rc = late_before(cal, today, days, before, err);
	wg_calendar_free(cal);
	if (rc == WG_OK)
		rc = wg_query_number(db, "SELECT coalesce(sum(n), 0) FROM publish_day"
			      " WHERE day > '' AND day < ?1", before, late, err);
	return rc;
}

int wg_disclose_mark(wg_workspace *ws, const struct wg_disclosure *d, const char *today,
		     size_t *marked, wg_error *err)
{
	int rc;
	*marked = 0;
	if (ws->role != ROLE_COUNTY)
		return wg_fail(err, WG_EINPUT, _("only the county workspace publishes results"));
	if ((rc = wg_db_begin(ws->db, err)))
		return rc;
	for (size_t i = 0; i < d->ntasks; i++) {
		wg_record *t = NULL;
		if ((rc = wg_db_load(ws->db, &wg_kind_task, d->tasks[i], &t, err)))
			goto fail;
		bool already = *wg_record_get(t, "published") != '\0';
		wg_record_free(t);
		if (already)
			continue;
		const struct wg_change ch = {"published", today};
		if ((rc = wg_modify(ws, &wg_kind_task, d->tasks[i], &ch, 1, false, err)))
			goto fail;
		(*marked)++;
	}
	return wg_db_commit(ws->db, err);
fail:
	wg_db_rollback(ws->db);
	*marked = 0;
	return rc;
}
