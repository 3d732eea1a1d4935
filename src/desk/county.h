/* A new county: the workspace the county's desk starts from. */
#ifndef WG_COUNTY_H
#define WG_COUNTY_H

#include "error.h"
#include "workspace.h"

/* Create a county workspace in dir with its county record and the shipped
 * checklists (data/checklists) and calendars, all or nothing. */
int wg_init_county(const char *dir, const char *name, const char *code, wg_workspace **out,
		   wg_error *err);

#endif
