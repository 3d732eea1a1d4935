/* The black list (严重失信主体名单), by county decision only.
 *
 * 国办发〔2020〕49号 (国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制
 * 的指导意见) requires a black list to rest on a law, a regulation or a policy
 * document of the Party Central Committee and the State Council, and, before
 * the decision (part 四, item (八)), the party to be told the reasons, the
 * basis and its rights; an objection is checked and answered. A listing has a
 * fixed term, may end early by credit repair, and is removed by decision.
 *
 * Each step is a recorded change of one record (kind "blacklist", on the
 * entity's grid branch, every field the county's), with its date:
 *   notice  -> status noticed, noticed and objection_until
 *   object  -> the entity's objection, within the period
 *   decide  -> status listed, listed and until (the fixed term); an objection
 *              needs the county's answer first
 *   repair  -> status repaired (off the list early)
 *   remove  -> status removed (never listed, or taken off), with the reason
 * Overdue work is not a credit decision: it raises the risk grade. */
#ifndef WG_CREDIT_H
#define WG_CREDIT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "id.h"
#include "workspace.h"

/* The county tells the entity it intends to list it: reason (the facts),
 * basis (a law or regulation, cited by its title in 《》), the deciding body
 * and the days the entity has to object (1 to 90, counted from today). */
int wg_black_notice(wg_workspace *ws, const char *entity, const char *reason, const char *basis,
		    const char *body, int objection_days, char id[WG_ID_BUFSIZE], wg_error *err);
/* The entity's objection, recorded while the period runs. */
int wg_black_object(wg_workspace *ws, const char *id, const char *text, wg_error *err);
/* The decision to list, once the objection period is over: for term_months
 * (1 to 60) from today. reply: the county's answer to an objection (needed
 * when there is one). */
int wg_black_decide(wg_workspace *ws, const char *id, int term_months, const char *reply,
		    wg_error *err);
/* Credit repair: a listed entity comes off the list early. */
int wg_black_repair(wg_workspace *ws, const char *id, const char *why, wg_error *err);
/* Removal by decision: a case noticed but not listed (an objection upheld),
 * or a listing taken off. */
int wg_black_remove(wg_workspace *ws, const char *id, const char *why, wg_error *err);

struct wg_black_entry {
	char id[WG_ID_BUFSIZE];
	char entity[WG_ID_BUFSIZE];
	char *name, *uscc, *grid;
	char *reason, *basis, *body, *status;
	char *noticed, *objection_until, *objection, *reply;
	char *listed, *until, *repaired, *removed, *ended_why;
	bool on_list; /* listed, and today within its term */
};
/* The cases: those on the list on today, or with all every case. */
int wg_black_list(sqlite3 *db, const char *today, bool all, struct wg_black_entry **out,
		  size_t *n, wg_error *err);
void wg_black_list_free(struct wg_black_entry *e, size_t n);

#endif
