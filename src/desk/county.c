#include <config.h>

#include <string.h>
#include <sys/stat.h>

#include "calendar.h"
#include "rules.h"
#include "checklist.h"
#include "county.h"
#include "db.h"
#include "i18n.h"
#include "id.h"
#include "repo.h"
#include "timeutil.h"

int wg_init_county(const char *dir, const char *name, const char *code, wg_workspace **out,
		   wg_error *err)
{
	wg_workspace *ws;
	wg_record *county = wg_record_new(&wg_kind_county);
	char id[WG_ID_HEXLEN + 1], now[WG_TIMESTAMP_LEN + 1];
	size_t nchecklists, ncalendars, nrules;
	int rc;

	*out = NULL;
	/* Check the values before anything is created on disk. */
	if ((rc = wg_record_set(county, "name", name, NULL, err)) ||
	    (rc = wg_record_set(county, "code", code, NULL, err))) {
		wg_record_free(county);
		return rc;
	}
	if (strlen(code) != 6) {
		wg_record_free(county);
		return wg_fail(err, WG_EINPUT, _("a county's region code has 6 digits"));
	}
	if (wg_id_new(id) != 0) {
		wg_record_free(county);
		return wg_fail(err, WG_EINTERNAL, _("the system gives no random numbers"));
	}
	wg_timestamp(wg_now(), now);
	wg_record_put(county, 0, id);
	wg_record_put(county, wg_field_index(&wg_kind_county, "created"), now);

	struct stat st;
	bool existed = stat(dir, &st) == 0;
	if ((rc = wg_ws_create(dir, &ws, err))) {
		wg_record_free(county);
		return rc;
	}
	if ((rc = wg_db_begin(ws->db, err)))
		goto fail;
	if ((rc = wg_db_insert(ws->db, county, err)) ||
	    (rc = wg_meta_set(ws->db, "role", "county", err)) ||
	    (rc = wg_meta_set(ws->db, "county", id, err)) ||
	    (rc = wg_rules_import_shipped(ws->db, &nrules, err)) ||
	    (rc = wg_checklist_import_shipped(ws->db, &nchecklists, err)) ||
	    (rc = wg_calendar_import_shipped(ws->db, &ncalendars, err)) ||
	    (rc = wg_db_commit(ws->db, err))) {
		wg_db_rollback(ws->db);
		goto fail;
	}
	wg_record_free(county);
	county = NULL;
	wg_repo *repo;
	if ((rc = wg_ws_reload(ws, err)) || (rc = wg_repo_open(ws, true, &repo, err)))
		goto fail;
	wg_repo_close(repo);
	*out = ws;
	return WG_OK;
fail:
	/* a full disk, say: leave no half-made workspace that init would refuse */
	wg_record_free(county);
	wg_ws_close(ws);
	wg_ws_discard(dir, existed);
	return rc;
}
