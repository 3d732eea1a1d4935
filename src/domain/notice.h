/* 记分告知: before a finding's points become final, the county may tell the
 * institution (or the practitioner the points attach to) and let it answer
 * within a period. The notice is a county act on the grid branch, so an
 * officer receives it and counts the same points as the county.
 *
 * Lifecycle: noticed (the answer period runs) -> answered (the county
 * decides) -> final or withdrawn. The points count once final: on the
 * county's decision, or the day after the answer period ends without an
 * answer. A finding with no notice counts as before. */
#ifndef WG_NOTICE_H
#define WG_NOTICE_H

#include <stdbool.h>

#include "id.h"
#include "query.h"
#include "record.h"
#include "workspace.h"

/* Notify the party of finding's points on day (a date, not after today),
 * with answer_days working days to answer (1 to 60). staff NULL or "": the
 * institution; else the practitioner (of the finding's entity) the points
 * attach to. One notice per finding and party. County only. */
int wg_notice_add(wg_workspace *ws, const char *finding, const char *staff, const char *day,
		  int answer_days, char id[WG_ID_BUFSIZE], wg_error *err);
/* The party's answer, on day, within the answer period. */
int wg_notice_answer(wg_workspace *ws, const char *id, const char *text, const char *day,
		     wg_error *err);
/* The county's decision on day: final (the points count) or withdrawn (they
 * do not), with its reason. Refused once decided. */
int wg_notice_decide(wg_workspace *ws, const char *id, bool final, const char *reason,
		     const char *day, wg_error *err);
/* "final", "withdrawn" or "pending" on date. */
const char *wg_notice_state(const wg_record *notice, const char *date);
/* The notices (all: every one; else those pending on date), newest first. */
int wg_notices_list(sqlite3 *db, bool all, const char *date, wg_records *out, wg_error *err);

#endif
