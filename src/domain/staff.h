/* Staff and scope (issue 21): the practitioners (执业人员) of an entity as
 * registered, a medical institution's registered services (诊疗科目), the
 * on-site check of a checklist item against them, and the licences and
 * certificates about to expire. A practitioner's ID number is the county's
 * alone (schema.h FF_COUNTY_ONLY): no bundle carries it. */
#ifndef WG_STAFF_H
#define WG_STAFF_H

#include <stdbool.h>
#include <stddef.h>

#include "checklist.h"
#include "id.h"
#include "query.h"
#include "record.h"
#include "strbuf.h"
#include "table.h"
#include "workspace.h"

/* Add a filled practitioner: the grid from the entity, on duty unless given,
 * the registered practice place the entity's name unless given. An ID number
 * is refused anywhere but in the county's workspace. */
int wg_staff_add(wg_workspace *ws, wg_record *rec, wg_error *err);
/* The practitioners of an entity (NULL: every one), by name. */
int wg_staff_list(sqlite3 *db, const char *entity, wg_records *out, wg_error *err);
/* What is wrong with a practitioner of entity on date, translated into buf, or
 * NULL when nothing is: no certificate number (unregistered), the certificate
 * expired, registered to practise elsewhere. One who left is never wrong. */
const char *wg_staff_problem(const wg_record *staff, const wg_record *entity, const char *date,
			     char *buf, size_t n);
/* Whether one service is among the registered ones. A list is written with
 * "、", "，", ",", "；", ";" or spaces between its services. */
bool wg_subjects_has(const char *subjects, const char *one);

/* The on-site check of an item against the register on date: what the
 * register holds (shown, one line each) and what it contradicts (problems,
 * one line each, counted in *nproblems). seen (scope items; may be NULL): the
 * services seen practised on site; each one not registered is a problem. An
 * empty register (no services, no practitioner recorded yet) contradicts
 * nothing: it is shown, and the inspector judges. */
int wg_register_check(sqlite3 *db, const char *entity, enum wg_against against,
		      const char *date, const char *seen, strbuf *shown, strbuf *problems,
		      size_t *nproblems, wg_error *err);

/* The register check of an item as one line: what it contradicts, then
 * (after " — ") what it shows, each part's lines joined by "；". */
int wg_register_line(sqlite3 *db, const char *entity, enum wg_against against, const char *date,
		     strbuf *out, wg_error *err);

/* The item of an inspection's checklist, and what it is checked against
 * (AGAINST_NONE for an item not marked, or an inspection not found). */
int wg_inspection_item_against(sqlite3 *db, const char *inspection, const char *item,
			       enum wg_against *against, char entity[WG_ID_BUFSIZE], wg_error *err);
/* Record an item's result as wg_inspection_record does, checking items marked
 * scope or staff against the register today: a pass that the register
 * contradicts is refused (confirmable: err->confirmable) unless confirm; a
 * fail without a note takes the register's problems as its note. */
int wg_inspection_record_checked(wg_workspace *ws, const char *inspection, const char *item,
				 const char *outcome, const char *note, const char *seen,
				 bool confirm, wg_error *err);

/* Licences (of entities not closed) and certificates (of practitioners on
 * duty) that expired or expire within days of today, soonest first, at most
 * limit (0: all): columns what (translated), name, entity, grid, expiry, days
 * left (negative: since it expired), the record's id and the entity's id. */
int wg_expiry_table(sqlite3 *db, const char *today, int days, long limit, wg_table **out,
		    wg_error *err);
/* How many there are (at most cap). */
int wg_expiry_count(sqlite3 *db, const char *today, int days, long cap, long *out,
		    wg_error *err);

#endif
