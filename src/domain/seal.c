#include <config.h>

#include <string.h>

#include "db.h"
#include "i18n.h"
#include "seal.h"

int wg_not_signed(const wg_record *insp, wg_error *err)
{
	if (strcmp(wg_record_get(insp, "status"), "signed") == 0)
		return wg_fail(err, WG_EINPUT,
			       _("inspection %.8s is signed and cannot be changed; record a correction "
				 "with \"wangge inspection correct %.8s\""),
			       wg_record_id(insp), wg_record_id(insp));
	return WG_OK;
}

int wg_signed_guard(sqlite3 *db, const wg_record *rec, wg_error *err)
{
	wg_record *insp = NULL;
	int rc;
	if (rec->kind == &wg_kind_inspection)
		return wg_not_signed(rec, err);
	if (rec->kind != &wg_kind_result && rec->kind != &wg_kind_evidence)
		return WG_OK;
	if ((rc = wg_db_load(db, &wg_kind_inspection, wg_record_get(rec, "inspection"), &insp, err)))
		return rc;
	rc = wg_not_signed(insp, err);
	wg_record_free(insp);
	return rc;
}
