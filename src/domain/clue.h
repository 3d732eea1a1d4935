/* 协管信息报告: a grid officer reports a clue (a problem found, or a lead on
 * a foodborne disease, drinking water, school hygiene, illegal practice or
 * blood collection, family planning) on its own or from a patrol, choosing
 * the category; the county hands it over to an inspector (线索移交), which
 * makes the inspector's task. Officers report; orders to rectify and
 * penalties are the inspectors' (卫生监督协管服务规范).
 *
 * 协管信息报告率 = clues reported / clues found, over the clues found in a
 * period. */
#ifndef WG_CLUE_H
#define WG_CLUE_H

#include <stdbool.h>

#include "id.h"
#include "query.h"
#include "record.h"
#include "strbuf.h"
#include "workspace.h"

/* Add a filled clue: the grid from the entity, or the officer's own grid;
 * "found" defaults to now, the reporter to this workspace's officer. With
 * report true it is reported at once (报告时间 now). */
int wg_clue_add(wg_workspace *ws, wg_record *rec, bool report, wg_error *err);
/* Refuse, in words, a code that is no information category of the county's
 * report rules in force on the day of time found (NULL or unparsable: today). */
int wg_clue_category_check(sqlite3 *db, const char *found, const char *code, wg_error *err);
/* Those categories as "code (name), ...", for a message. */
int wg_clue_categories_text(sqlite3 *db, const char *found, strbuf *out, wg_error *err);
/* Report a clue found earlier. */
int wg_clue_report(wg_workspace *ws, const char *id, wg_error *err);
/* The county hands a reported clue over: an inspector's task of kind "clue"
 * due in days working days. */
int wg_clue_handover(wg_workspace *ws, const char *id, const char *assignee, int days,
		     char task[WG_ID_BUFSIZE], wg_error *err);
/* Clues found between from and to (dates, inclusive; grid NULL: all),
 * oldest first. */
int wg_clues_list(sqlite3 *db, const char *from, const char *to, const char *grid,
		  wg_records *out, wg_error *err);
/* How many of the clues found in the period were found, and reported. */
int wg_clue_rate(sqlite3 *db, const char *from, const char *to, const char *grid, long *found,
		 long *reported, wg_error *err);

#endif
