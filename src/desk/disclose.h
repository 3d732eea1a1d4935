/* Public disclosure (一公开 / 信息公开): the results of random inspections and
 * the penalty-related results of enforcement inspections, in the columns a
 * county website publishes. Built only from fields the schema does not mark
 * personal: never complainants, ID numbers or individuals' phone numbers. */
#ifndef WG_DISCLOSE_H
#define WG_DISCLOSE_H

#include <sqlite3.h>
#include <stddef.h>

#include "error.h"
#include "mask.h"
#include "table.h"
#include "workspace.h"

/* The record fields the disclosure is made from; none is FF_PERSONAL
 * (wg_disclose checks this before it reads anything). */
struct wg_public_field {
	const char *kind, *field;
};
extern const struct wg_public_field wg_disclose_fields[];
extern const size_t wg_disclose_nfields;

struct wg_disclosure {
	wg_table *table;   /* header row + one row per result */
	char **tasks;      /* random tasks published by it (for marking), may repeat */
	size_t ntasks;
	wg_maskings masked; /* personal values withheld from its text (mask.h) */
};

/* Results of inspections signed in [from, to] (CST dates): every signed
 * inspection of a random-inspection task, and every signed enforcement
 * inspection whose result is "failed". */
int wg_disclose(sqlite3 *db, const char *from, const char *to, struct wg_disclosure **out,
		wg_error *err);
void wg_disclosure_free(struct wg_disclosure *d);

/* Random-inspection results signed more than days working days before today
 * (official calendar) and not yet marked published: one row each (entity,
 * grid, signed, publish-by date, working days since). days 0: the county's
 * time limit (rules "limits") in force on the day each result was signed. */
int wg_disclose_overdue(sqlite3 *db, const char *today, int days, wg_table **out,
			wg_error *err);

/* What the desk shows of the same, without listing it: the signed results of
 * random tasks not marked published (one per signed inspection, as
 * wg_disclose lists them), and how many rows wg_disclose_overdue(today,
 * days) lists (days > 0). Sums of the per-day counts the triggers keep
 * (publish_day): a few hundred rows whatever the county's size. */
int wg_disclose_waiting(sqlite3 *db, const char *today, int days, size_t *unpublished,
			size_t *late, wg_error *err);

/* Record that these random tasks' results were published today (county only;
 * tasks already marked keep their first date). Returns how many were marked. */
int wg_disclose_mark(wg_workspace *ws, const struct wg_disclosure *d, const char *today,
		     size_t *marked, wg_error *err);

#endif
