/* Operations on a workspace's records, shared by the CLI and the full-screen
 * program: each checks values and permissions and runs in one transaction. */
#ifndef WG_RECORDOP_H
#define WG_RECORDOP_H

#include <stdbool.h>

#include "id.h"
#include "record.h"
#include "workspace.h"

/* The township of that name, created when new (county only). */
int wg_township_ensure(wg_workspace *ws, const char *name, char id[WG_ID_BUFSIZE], wg_error *err);

/* Add a new record: gives it an id and creation time, checks every field,
 * that referenced grids exist, and that this workspace may add it. */
int wg_add(wg_workspace *ws, wg_record *rec, wg_error *err);

/* One "field=value" change. */
struct wg_change {
	const char *field;
	const char *value;
};

/* Change fields of an existing record. A value that needs confirmation (an old
 * USCC) is refused unless confirm is true; the warning is in err. */
int wg_modify(wg_workspace *ws, const struct wg_kind *kind, const char *id,
	      const struct wg_change *changes, size_t n, bool confirm, wg_error *err);

/* Set fields of a new record from changes, before wg_add; same rules. */
int wg_fill(wg_record *rec, const struct wg_change *changes, size_t n, bool confirm,
	    wg_error *err);

/* Delete a record. Officers delete only in their own grid; a signed
 * inspection is never deleted. */
int wg_delete(wg_workspace *ws, const struct wg_kind *kind, const char *id, wg_error *err);

/* May this workspace change this field of records of this kind? */
int wg_may_edit(const wg_workspace *ws, const struct wg_kind *kind, const struct wg_field *f,
		bool creating, wg_error *err);

/* Add a grid, creating its township by name when new: all or nothing. */
int wg_grid_add(wg_workspace *ws, wg_record *grid, const char *township_name, wg_error *err);

#endif
