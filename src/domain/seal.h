/* A signed inspection and its item results and evidence never change: the one
 * check every path that changes records goes through. */
#ifndef WG_SEAL_H
#define WG_SEAL_H

#include <sqlite3.h>

#include "record.h"

/* Refuse when this inspection is signed. */
int wg_not_signed(const wg_record *insp, wg_error *err);
/* Refuse any change to a signed inspection or to the results and evidence of one
 * (called by wg_modify for every record it changes). */
int wg_signed_guard(sqlite3 *db, const wg_record *rec, wg_error *err);

#endif
