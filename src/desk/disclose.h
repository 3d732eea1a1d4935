/* Public disclosure (一公开 / 信息公开): the results of random inspections and
 * the penalty-related results of enforcement inspections, in the columns a
 * county website publishes. Built only from fields the schema does not mark
 * personal: never complainants, ID numbers or individuals' phone numbers. */
#ifndef WG_DISCLOSE_H
#define WG_DISCLOSE_H

#include <sqlite3.h>
#include <stddef.h>

#include "error.h"
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
};

/* Results of inspections signed in [from, to] (CST dates): every signed
 * inspection of a random-inspection task, and every signed enforcement
 * inspection whose result is "failed". */
int wg_disclose(sqlite3 *db, const char *from, const char *to, struct wg_disclosure **out,
		wg_error *err);
void wg_disclosure_free(struct wg_disclosure *d);

/* Random-inspection results are to be published within this many working
 * days of signing, unless the clerk asks for another limit. */
#define WG_DISCLOSE_DAYS 20

/* Random-inspection results signed more than days working days before today
 * (official calendar) and not yet marked published: one row each (entity,
 * grid, signed, publish-by date, working days since). */
int wg_disclose_overdue(sqlite3 *db, const char *today, int days, wg_table **out,
			wg_error *err);

/* Record that these random tasks' results were published today (county only;
 * tasks already marked keep their first date). Returns how many were marked. */
int wg_disclose_mark(wg_workspace *ws, const struct wg_disclosure *d, const char *today,
		     size_t *marked, wg_error *err);

#endif
