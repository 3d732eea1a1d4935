/* Complaints and reports from the public (投诉举报): received, verified (which
 * makes a task), closed with a result. The complainant's name, phone and ID
 * number are personal data the county alone keeps (FF_COUNTY_ONLY: no bundle
 * carries them, so the officer never receives them): masked in lists, never
 * in the publication export. */
#ifndef WG_COMPLAINT_H
#define WG_COMPLAINT_H

#include <stddef.h>

#include "id.h"
#include "mask.h"
#include "query.h"
#include "record.h"
#include "strbuf.h"
#include "workspace.h"

/* Add a filled complaint record: the grid comes from the entity when not given;
 * an entity or a free location is required; "received" defaults to now and
 * "deadline" to the handling time limit of data/rules/risk in working days. */
int wg_complaint_add(wg_workspace *ws, wg_record *rec, wg_error *err);
/* The same with the complainant's ID number (GB 11643; NULL or "": none), kept
 * with the rest of the identity in the county's personal data. */
int wg_complaint_add_with_id(wg_workspace *ws, wg_record *rec, const char *idcard, wg_error *err);
/* The complaints with the identity the county keeps filled in (none in an
 * officer's workspace): for display. */
int wg_complaints_list_personal(sqlite3 *db, const char *status, wg_records *out, wg_error *err);
/* Complaints with this status (NULL: all), newest first. */
int wg_complaints_list(sqlite3 *db, const char *status, wg_records *out, wg_error *err);
/* Start verifying: creates a task of kind "complaint" due at the deadline. */
int wg_complaint_verify(wg_workspace *ws, const char *id, const char *assignee, char task[WG_ID_BUFSIZE],
			wg_error *err);
/* Close with the handling result. */
int wg_complaint_close(wg_workspace *ws, const char *id, const char *result, wg_error *err);

/* The publication export of complaints received between from and to (dates,
 * inclusive) as CSV: date, channel, entity or location, status, result; no
 * personal field is ever written, and the personal values a clerk typed into
 * the free text are withheld (mask.h), each one added to masked. */
int wg_publish_complaints(sqlite3 *db, const char *from, const char *to, strbuf *csv,
			  wg_maskings *masked, wg_error *err);

#endif
