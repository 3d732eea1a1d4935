/* Officer workspaces of the demo county and the training scenarios built on
 * them. Everything goes through the same sync operations a real county and
 * its officers use (enroll, init officer, modify, export), so what a trainee
 * sees is what the program really does. */
#include <config.h>

#include <sodium.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "browse.h"
#include "calendar.h"
#include "checklist.h"
#include "datafile.h"
#include "db.h"
#include "demo.h"
#include "i18n.h"
#include "inspection.h"
#include "recordop.h"
#include "rng.h"
#include "strbuf.h"
#include "keys.h"
#include "query.h"
#include "sync.h"
#include "timeutil.h"
#include "wordlist.h"

const char *const wg_demo_scenarios[] = {"conflict", "out-of-order", "overdue", "draw", "forged",
					 "penalty", "calendar", NULL};

void wg_scenario_free(struct wg_scenario *s)
{
	free(s->folder);
	free(s->grid);
	free(s->entity_id);
	free(s->entity_name);
	for (int i = 0; i < 2; i++) {
		free(s->officer[i]);
		free(s->value[i]);
		free(s->bundle[i]);
		free(s->inspectors[i]);
		free(s->inspector_name[i]);
	}
	free(s->finding);
	free(s->inspection);
	free(s->task);
	free(s->item);
	free(s->item_text);
	free(s->deadline);
	free(s->checklist);
	free(s->plan);
	free(s->seed);
	free(s->result);
	free(s->case_id);
	free(s->case_number);
	free(s->violation);
	free(s->fine);
	free(s->head);
	free(s->head_name);
	free(s->calendar_file);
	free(s->day);
	memset(s, 0, sizeof *s);
}

/* One text column of the first row of a query with one text parameter. */
static int query1(sqlite3 *db, const char *sql, const char *param, int ncols, char **cols,
		  bool *found, wg_error *err)
{
	sqlite3_stmt *st;
	*found = false;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	if (param)
		sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = true;
		for (int i = 0; i < ncols; i++)
			cols[i] = xstrdup((const char *)sqlite3_column_text(st, i));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

/* A grid's demo officer (the condition after "grid = ... AND"): the first
 * active one by name, whether enrolled now or when first asked for. */
/* Open the county of a demo folder for writing; refuse anything else. */
static int open_demo(const char *dir, wg_workspace **ws, wg_error *err)
{
	bool is_demo;
	struct wg_demo_options o;
	int rc = wg_ws_open(dir, WS_WRITE, ws, err);
	if (rc)
		return rc;
	if ((rc = wg_demo_info(*ws, &is_demo, &o, err)) == WG_OK && !is_demo)
		rc = wg_fail(err, WG_EINPUT, _("%s holds a real workspace, not a demo county: wangge "
					       "demo never touches it; choose another folder with --dir"),
			     dir);
	if (rc) {
		wg_ws_close(*ws);
		*ws = NULL;
	}
	return rc;
}

/* A demo officer's key: the same for every workspace of that officer in this
 * demo county, derived from the county's key and the officer's id, so that
 * the same seed gives the same files. A real officer's key is made from the
 * system's randomness on their own machine. */
void wg_demo_officer_seed(const wg_keypair *county_key, const char *officer,
			  unsigned char out[32])
{
	static const char tag[] = "wangge demo officer key";
	unsigned char seed[32];
	crypto_hash_sha256_state st;
	wg_key_seed(county_key, seed);
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)tag, sizeof tag);
	crypto_hash_sha256_update(&st, seed, sizeof seed);
	crypto_hash_sha256_update(&st, (const unsigned char *)officer, strlen(officer));
	crypto_hash_sha256_final(&st, out);
	sodium_memzero(seed, sizeof seed);
}

/* The county registers a demo officer's key, as the clerk does after
 * comparing the fingerprint in person; once is enough. */
int wg_demo_register_key(wg_workspace *county, const char *officer, wg_error *err)
{
	unsigned char seed[32];
	wg_keypair kp;
	wg_signers keys;
	wg_demo_officer_seed(&county->key, officer, seed);
	wg_key_from_seed(&kp, seed);
	int rc = wg_signers_load(county->db, &keys, err);
	if (rc)
		return rc;
	bool known = wg_signers_find(&keys, kp.pk) != NULL;
	wg_signers_free(&keys);
	if (known)
		return WG_OK;
	strbuf text = STRBUF_INIT;
	char words[WG_KEY_WORDS_BUFSIZE];
	wg_key_public_text(kp.pk, NULL, &text);
	wg_key_words(kp.pk, words);
	rc = wg_key_register(county, officer, sb_str(&text), words, NULL, err);
	sb_release(&text);
	return rc;
}

/* Enroll officer (an id) of grid from the county and make their workspace in
 * officer_dir, through a bundle file in tmpdir, named by the grid only: the
 * Sync screens list it, and a grid officer never sees an id (the scenarios'
 * two officers of one grid are enrolled one after the other). */
static int enroll_into(wg_workspace *county, const char *grid, const char *officer,
		       const char *officer_dir, const char *tmpdir, wg_error *err)
{
	struct wg_export_result res;
	wg_workspace *ows = NULL;
	char *bundle = xasprintf("%s/enroll-%s.bundle", tmpdir, grid);
	int rc = wg_sync_enroll(county, grid, officer, bundle, &res, err);
	wg_export_result_free(&res);
	if (rc == WG_OK && (rc = wg_demo_make_parent(officer_dir, err)) == WG_OK)
		rc = wg_sync_init_officer(officer_dir, bundle, &ows, err);
	if (rc == WG_OK) {
		unsigned char seed[32];
		wg_demo_officer_seed(&county->key, officer, seed);
		if ((rc = wg_ws_key_set_seed(ows, seed, err)) == WG_OK)
			rc = wg_demo_register_key(county, officer, err);
	}
	wg_ws_close(ows);
	unlink(bundle);
	free(bundle);
	return rc;
}

int wg_demo_officer(const char *dir, const char *grid, char **officer_dir, char **officer_name,
		    wg_error *err)
{
	wg_workspace *county = NULL;
	char *cols[2] = {NULL, NULL};
	bool found;
	struct stat st;
	int rc;

	*officer_dir = NULL;
	*officer_name = NULL;
	if ((rc = open_demo(dir, &county, err)))
		return rc;
	if ((rc = query1(county->db,
			 "SELECT id, name FROM officer WHERE grid = ?1 AND " WG_GRID_OFFICER,
			 grid, 2, cols, &found, err)))
		goto out;
	if (!found) {
		rc = wg_fail(err, WG_EINPUT,
			     _("the demo county has no grid \"%s\" with an officer: see \"wangge -C %s "
			       "grid list\""), grid, dir);
		goto out;
	}
	char *odir = xasprintf("%s/officers/%s", dir, grid);
	char *db = xasprintf("%s/%s", odir, WG_DB_FILE);
	bool exists = stat(db, &st) == 0;
	free(db);
	if (!exists) {
		char *tmp = xasprintf("%s/officers", dir);
		if ((rc = wg_demo_make_parent(odir, err)) == WG_OK)
			rc = enroll_into(county, grid, cols[0], odir, tmp, err);
		free(tmp);
		if (rc) {
			wg_demo_remove_tree(odir);
			free(odir);
			goto out;
		}
	}
	*officer_dir = odir;
	*officer_name = cols[1];
	cols[1] = NULL;
out:
	free(cols[0]);
	free(cols[1]);
	wg_ws_close(county);
	return rc;
}

/* A mobile number for a scenario's edit, from the seeded generator. */
static char *scenario_phone(wg_rng *r)
{
	return xasprintf("139%08u", (unsigned)wg_rng_below(r, 100000000));
}

static int change_and_export(const char *officer_dir, const char *entity, const char *field,
			     const char *value, const char *bundle, wg_error *err)
{
	wg_workspace *ws;
	struct wg_export_result res;
	struct wg_change ch = {field, value};
	int rc = wg_ws_open(officer_dir, WS_WRITE, &ws, err);
	if (rc)
		return rc;
	if ((rc = wg_modify(ws, &wg_kind_entity, entity, &ch, 1, true, err)) == WG_OK) {
		rc = wg_sync_export(ws, NULL, bundle, false, &res, err);
		wg_export_result_free(&res);
	}
	wg_ws_close(ws);
	return rc;
}

/* A stand-in officer registered at the county for the same grid. */
static int add_stand_in(wg_workspace *county, const char *grid, wg_rng *r, char **id,
			char **name, wg_error *err)
{
	wg_wordlist sur, giv;
	int rc = wg_wordlist_load("demo/surnames.txt", &sur, err);
	if (rc)
		return rc;
	if ((rc = wg_wordlist_load("demo/given.txt", &giv, err))) {
		wg_wordlist_free(&sur);
		return rc;
	}
	/* one draw a statement, as the order of a call's arguments is
	 * unspecified; last first, the order gcc gave the demos built before */
	const char *g2 = giv.items[wg_rng_below(r, (uint32_t)giv.n)];
	const char *g1 = giv.items[wg_rng_below(r, (uint32_t)giv.n)];
	const char *s = sur.items[wg_rng_below(r, (uint32_t)sur.n)];
	char *nm = xasprintf("%s%s%s", s, g1, g2);
	char *phone = scenario_phone(r);
	wg_wordlist_free(&sur);
	wg_wordlist_free(&giv);
	wg_record *rec = wg_record_new(&wg_kind_officer);
	struct wg_change ch[] = {{"name", nm}, {"grid", grid}, {"role", "officer"}, {"phone", phone}};
	if ((rc = wg_fill(rec, ch, 4, true, err)) == WG_OK && (rc = wg_add(county, rec, err)) == WG_OK)
		*id = xstrdup(wg_record_id(rec));
	wg_record_free(rec);
	free(phone);
	if (rc == WG_OK)
		*name = nm;
	else
		free(nm);
	return rc;
}

/* The finding an "overdue" run named, kept in the county's local settings:
 * what its reset prepares again once the trainee has put it right. */
#define OVERDUE_KEY "demo_scenario_overdue"

/* A reset of "overdue" once its rectification was re-inspected and closed:
 * the same two inspectors inspect the same entity again with the same
 * checklist, four weeks ago, and find the same item not met, to be put right
 * by a week ago; the re-inspection task this makes is open. The exercise is
 * there again, as a new inspection: what was signed stays signed. */
static int overdue_again(wg_workspace *county, const char *finding, bool *made, char newf[WG_ID_BUFSIZE],
			 wg_error *err)
{
	char *c[5] = {NULL};
	bool found;
	wg_checklist *cl = NULL;
	*made = false;
	int rc = query1(county->db,
			"SELECT f.entity, f.item, f.note, i.checklist, i.inspectors FROM finding f "
			"JOIN inspection i ON i.id = f.inspection "
			"WHERE f.id = ? AND f.status != 'open' AND i.kind = 'inspection'",
			finding, 5, c, &found, err);
	if (rc || !found)
		goto out;
	char today[WG_DATE_LEN + 1], deadline[WG_DATE_LEN + 1], id[WG_ID_BUFSIZE];
	wg_today(today);
	long day = wg_date_days(today);
	wg_date_from_days(day - 7, deadline);
	/* at 10:00 CST, four weeks ago */
	time_t at = (time_t)(day - 28) * 86400 + 10 * 3600 - WG_CST_OFFSET;
	const char *inspectors[2] = {xstrndup(c[4], WG_ID_HEXLEN),
				     strlen(c[4]) > WG_ID_HEXLEN ? c[4] + WG_ID_HEXLEN + 1 : ""};
	struct wg_inspection_start st = {NULL, c[0], "inspection", c[3], inspectors, 2};
	struct wg_sign_result res;
	wg_clock_fix(&at);
	if ((rc = wg_checklist_load(county->db, c[3], &cl, err)) == WG_OK)
		rc = wg_inspection_start(county, &st, id, err);
	for (size_t i = 0; rc == WG_OK && i < cl->nitems; i++) {
		bool again = strcmp(cl->items[i].code, c[1]) == 0;
		rc = wg_inspection_record(county, id, cl->items[i].code, again ? "fail" : "pass",
					  again ? c[2] : NULL, err);
	}
	if (rc == WG_OK)
		rc = wg_inspection_sign_deadline(county, id, NULL, deadline, &res, err);
	wg_clock_fix(NULL);
	free((char *)inspectors[0]);
	char *f[1] = {NULL};
	if (rc == WG_OK &&
	    (rc = query1(county->db, "SELECT id FROM finding WHERE inspection = ?1 ORDER BY id LIMIT 1",
			 id, 1, f, &found, err)) == WG_OK && found) {
		snprintf(newf, WG_ID_BUFSIZE, "%s", f[0]);
		*made = true;
	}
	free(f[0]);
out:
	wg_checklist_free(cl);
	for (size_t i = 0; i < 5; i++)
		free(c[i]);
	return rc;
}

/* What the screen steps of "overdue" name, found with the same core calls
 * the screens make: where the two inspectors are on the Inspectors screen
 * (wg_certified_inspectors), where the task is on the Tasks screen searched
 * by the entity's name (wg_task_search, as many matches as it shows), the
 * checklist's items, and the count of late rectifications the first screen
 * shows (its query). */
#define TASKS_SHOWN 100 /* the matches a search on the Tasks screen shows */

static int overdue_screen(wg_workspace *county, struct wg_scenario *s, const char *checklist,
			  wg_error *err)
{
	const char *head[] = {"", "", "", ""};
	wg_table *tb = wg_table_new(4, head);
	int rc = wg_certified_inspectors(county->db, s->entity_id, tb, err);
	for (size_t r = 1; rc == WG_OK && r < tb->nrows; r++)
		for (int k = 0; k < 2; k++)
			if (strcmp(tb->cells[r * 4], s->inspectors[k]) == 0) {
				s->inspector_line[k] = (int)r;
				s->inspector_name[k] = xstrdup(tb->cells[r * 4 + 1]);
			}
	wg_table_free(tb);
	if (rc == WG_OK && (!s->inspector_name[0] || !s->inspector_name[1]))
		rc = wg_fail(err, WG_EINPUT,
			     _("an inspector of the overdue scenario's inspection no longer holds "
			       "an enforcement certificate: \"wangge demo --reset\", without "
			       "--scenario, builds the county anew"));
	if (rc)
		return rc;
	if (s->inspector_line[0] > s->inspector_line[1]) {
		/* top to bottom, as the keys go */
		char *n = s->inspector_name[0], *id = s->inspectors[0];
		int l = s->inspector_line[0];
		s->inspector_name[0] = s->inspector_name[1];
		s->inspectors[0] = s->inspectors[1];
		s->inspector_line[0] = s->inspector_line[1];
		s->inspector_name[1] = n;
		s->inspectors[1] = id;
		s->inspector_line[1] = l;
	}
	struct wg_search q;
	wg_rows rows = {0};
	if ((rc = wg_search_parse(s->entity_name, &q, err)))
		return rc;
	rc = wg_task_search(county->db, NULL, &q, TASKS_SHOWN, &rows, err);
	for (size_t r = 0; rc == WG_OK && r < rows.nrows && !s->task_line; r++)
		if (strcmp(wg_rows_get(&rows, r, TC_ID), s->task) == 0)
			s->task_line = (int)r + 1;
	wg_rows_free(&rows);
	wg_search_free(&q);
	wg_checklist *cl = NULL;
	if (rc == WG_OK && (rc = wg_checklist_load(county->db, checklist, &cl, err)) == WG_OK)
		s->items = cl->nitems;
	wg_checklist_free(cl);
	char today[WG_DATE_LEN + 1];
	wg_today(today);
	if (rc == WG_OK)
		rc = wg_query_number(county->db,
				     "SELECT count(*) FROM finding WHERE status = 'open' AND "
				     "deadline > '' AND deadline < ?1",
				     today, &s->late, err);
	/* signing it closes every open finding of its task whose item passes:
	 * all of them, as the steps pass every item */
	sqlite3_stmt *st = NULL;
	if (rc == WG_OK &&
	    sqlite3_prepare_v2(county->db,
			       "SELECT count(*) FROM finding WHERE status = 'open' AND "
			       "deadline > '' AND deadline < ?1 AND recheck = ?2",
			       -1, &st, NULL) != SQLITE_OK)
		rc = wg_db_fail(county->db, err);
	if (st) {
		sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, s->task, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			s->late_closed = (size_t)sqlite3_column_int64(st, 0);
		else
			rc = wg_db_fail(county->db, err);
		sqlite3_finalize(st);
	}
	return rc;
}

/* "overdue": the latest open finding of a formal inspection (two inspectors)
 * past its deadline whose re-inspection task is still open: days or weeks
 * late, as a current backlog is. The demo's history holds several; nothing is
 * written. With reset, the one an earlier run named, when it was put right
 * since, is found again by a new inspection (overdue_again); one not put
 * right yet is named again. */
static int scenario_overdue(wg_workspace *county, struct wg_scenario *s, bool reset,
			    wg_error *err)
{
	static const char overdue[] =
		"SELECT f.id, f.inspection, f.recheck, f.item, f.text, f.deadline, e.id, "
		"e.name, e.grid, i.checklist, i.inspectors FROM finding f "
		"JOIN task t ON t.id = f.recheck AND t.status = 'open' "
		"JOIN entity e ON e.id = f.entity JOIN inspection i ON i.id = f.inspection "
		"WHERE i.kind = 'inspection' AND f.status = 'open' AND f.deadline != '' "
		"AND f.deadline < ?1 AND (?2 = '' OR f.id = ?2) "
		"ORDER BY f.deadline DESC, f.id LIMIT 1";
	char *c[11] = {NULL}, *kept = NULL;
	char today[WG_DATE_LEN + 1], again[WG_ID_BUFSIZE] = "";
	bool found = false;
	wg_today(today);
	int rc = wg_meta_get(county->db, OVERDUE_KEY, &kept, err);
	if (rc == WG_OK && reset && kept) {
		bool made;
		if ((rc = overdue_again(county, kept, &made, again, err)) == WG_OK && !made)
			snprintf(again, sizeof again, "%s", kept);
	}
	free(kept);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(county->db, overdue, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(county->db, err);
	/* the one named again, if it is still overdue; else the latest */
	for (int pass = *again ? 0 : 1; pass < 2 && !found; pass++) {
		sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, pass ? "" : again, -1, SQLITE_STATIC);
		int step = sqlite3_step(st);
		if (step == SQLITE_ROW) {
			found = true;
			for (int i = 0; i < 11; i++)
				c[i] = xstrdup((const char *)sqlite3_column_text(st, i));
		} else if (step != SQLITE_DONE) {
			rc = wg_db_fail(county->db, err);
			break;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (rc == WG_OK && found)
		rc = wg_meta_set(county->db, OVERDUE_KEY, c[0], err);
	if (rc) {
		for (int i = 0; i < 11; i++)
			free(c[i]);
		return rc;
	}
	if (!found)
		return wg_fail(err, WG_EINPUT,
			       _("the demo county has no overdue rectification left: \"wangge demo "
				 "--reset\", without --scenario, builds the county anew"));
	s->finding = c[0];
	s->inspection = c[1];
	s->task = c[2];
	s->item = c[3];
	s->item_text = c[4];
	s->deadline = c[5];
	s->entity_id = c[6];
	s->entity_name = c[7];
	s->grid = c[8];
	/* two ids, "<id>,<id>" */
	s->inspectors[0] = xstrndup(c[10], WG_ID_HEXLEN);
	s->inspectors[1] = xstrdup(strlen(c[10]) > WG_ID_HEXLEN + 1 ? c[10] + WG_ID_HEXLEN + 1 : "");
	free(c[10]);
	rc = overdue_screen(county, s, c[9], err);
	/* the checklist's code, without "@version" */
	c[9][strcspn(c[9], "@")] = '\0';
	s->checklist = c[9];
	return rc;
}

/* "penalty": the oldest case that had its hearing and legal review and waits
 * for the decision, and the department head (the first clerk, who approved
 * the demo's cases). Nothing is written: deciding it is the exercise. */
static int scenario_penalty(wg_workspace *county, struct wg_scenario *s, bool reset,
			    wg_error *err)
{
	static const char waiting[] =
		"SELECT p.id, p.number, p.violation, p.fine, e.name, e.grid, p.approved_by "
		"FROM penalty p JOIN entity e ON e.id = p.entity "
		"WHERE p.stage = 'reviewed' ORDER BY p.filed, p.id LIMIT 1";
	char *c[7] = {NULL};
	bool found;
	int rc = query1(county->db, waiting, NULL, 7, c, &found, err);
	if (rc)
		return rc;
	/* reset: another case, heard and reviewed, for the trainee to decide */
	if (!found && reset &&
	    ((rc = wg_demo_case_to_decide(county, err)) ||
	     (rc = query1(county->db, waiting, NULL, 7, c, &found, err))))
		return rc;
	if (!found)
		return wg_fail_needs(err, WG_EINPUT, "reset",
				     _("the demo county has no penalty case left to decide (--reset "
				       "prepares another)"));
	s->case_id = c[0];
	s->case_number = c[1];
	s->violation = c[2];
	s->fine = c[3];
	s->entity_name = c[4];
	s->grid = c[5];
	s->head = c[6];
	char *name[1] = {NULL};
	if ((rc = query1(county->db, "SELECT name FROM officer WHERE id = ?", s->head, 1, name,
			 &found, err)))
		return rc;
	s->head_name = found ? name[0] : xstrdup(s->head);
	/* what the party said at the hearing: the reason to weigh */
	name[0] = NULL;
	if ((rc = query1(county->db,
			 "SELECT text FROM penalty_step WHERE penalty_case = ? AND step = 'hearing' "
			 "ORDER BY day, id LIMIT 1",
			 s->case_id, 1, name, &found, err)))
		return rc;
	s->item_text = found && *name[0] ? name[0] : (free(name[0]), xstrdup("-"));
	return WG_OK;
}

int wg_demo_template(const char *template, const char *const *keys, const char *const *vals,
		     size_t n, strbuf *text, wg_error *err)
{
	char *path = wg_data_path(template);
	FILE *in = fopen(path, "r");
	if (!in) {
		int rc = wg_fail(err, WG_EINTERNAL, _("cannot read the data file %s: %s"), path,
				 strerror(errno));
		free(path);
		return rc;
	}
	char line[1024];
	while (fgets(line, sizeof line, in)) {
		for (const char *p = line; *p;) {
			size_t k;
			for (k = 0; k < n; k++)
				if (strncmp(p, keys[k], strlen(keys[k])) == 0)
					break;
			if (k < n) {
				sb_adds(text, vals[k]);
				p += strlen(keys[k]);
			} else {
				sb_addc(text, *p++);
			}
		}
	}
	fclose(in);
	free(path);
	return WG_OK;
}

/* Write the data file template (data/demo/...) to out with each "{key}"
 * replaced by its value. */
static int write_template(const char *template, const char *const *keys, const char *const *vals,
			  size_t n, const char *out_path, wg_error *err)
{
	strbuf text = STRBUF_INIT;
	int rc = wg_demo_template(template, keys, vals, n, &text, err);
	if (rc) {
		sb_release(&text);
		return rc;
	}
	FILE *out = fopen(out_path, "w");
	if (!out || fwrite(text.buf ? text.buf : "", 1, text.len, out) != text.len ||
	    fclose(out) != 0)
		rc = wg_fail(err, WG_EINTERNAL, _("cannot write %s: %s"), out_path, strerror(errno));
	sb_release(&text);
	return rc;
}

/* A reset of "draw": the draws made with the scenario's seed are taken back,
 * their tasks not done yet cancelled and the draw records deleted, so the
 * month can be drawn again as if for the first time. */
static int draw_reset(wg_workspace *county, const char *seed, wg_error *err)
{
	wg_records draws = {0};
	const char *p[] = {seed};
	int rc = wg_select(county->db, &wg_kind_draw, "seed = ?1", "id", p, 1, &draws, err);
	for (size_t i = 0; i < draws.n && rc == WG_OK; i++) {
		wg_records tasks = {0};
		const char *q[] = {wg_record_id(draws.v[i])};
		struct wg_change ch = {"status", "cancelled"};
		rc = wg_select(county->db, &wg_kind_task,
			       "source = ?1 AND source <> '' AND status IN ('open', 'started')", "id", q, 1, &tasks,
			       err);
		for (size_t k = 0; k < tasks.n && rc == WG_OK; k++)
			rc = wg_modify(county, &wg_kind_task, wg_record_id(tasks.v[k]), &ch, 1, true,
				       err);
		wg_records_free(&tasks);
		if (rc == WG_OK)
			rc = wg_delete(county, &wg_kind_draw, wg_record_id(draws.v[i]), err);
	}
	wg_records_free(&draws);
	return rc;
}

/* "draw": a plan for the demo's current month, written from data/demo/draw.plan. */
static int scenario_draw(wg_workspace *county, struct wg_scenario *s,
			 const struct wg_demo_options *o, bool reset, wg_error *err)
{
	char from[WG_DATE_LEN + 1], to[WG_DATE_LEN + 1], year[5], month[3];
	/* From today to the end of this month, or next month when fewer than ten
	 * days of this one are left: its tasks are never due the day they are made. */
	char today[WG_DATE_LEN + 1], d[WG_DATE_LEN + 1];
	wg_today(today);
	long first = wg_date_days(today), last = first;
	for (;;) {
		wg_date_from_days(last + 1, d);
		if (strncmp(d, today, 7) != 0)
			break;
		last++;
	}
	if (last - first < 10) {
		first = last + 1;
		for (last = first + 27;; last++) {
			wg_date_from_days(last + 1, d);
			wg_date_from_days(first, from);
			if (strncmp(d, from, 7) != 0)
				break;
		}
	}
	wg_date_from_days(first, from);
	wg_date_from_days(last, to);
	snprintf(year, sizeof year, "%.4s", from);
	snprintf(month, sizeof month, "%d", atoi(from + 5));
	s->plan = xasprintf("%s/plan.txt", s->folder);
	s->result = xasprintf("%s/result.txt", s->folder);
	s->seed = xasprintf("demo %" PRIu64 " %.7s", o->seed, today);
	int rc;
	if (reset && (rc = draw_reset(county, s->seed, err)))
		return rc;
	const char *keys[] = {"{year}", "{month}", "{from}", "{to}"};
	const char *vals[] = {year, month, from, to};
	return write_template("demo/draw.plan", keys, vals, 4, s->plan, err);
}

/* The training sample's @source says so: what a reset of the "calendar"
 * scenario takes away again, and nothing else. */
#define SAMPLE_MARK "培训示例"

/* "calendar": the first year the county counts without a holiday calendar
 * (this one, or from 1 November the next), a deadline counted from today
 * into it, and a training sample of that year's calendar to record. With
 * reset, the samples recorded by an earlier run are deleted first. */
static int scenario_calendar(wg_workspace *county, struct wg_scenario *s, bool reset,
			     wg_error *err)
{
	char today[WG_DATE_LEN + 1], out[WG_DATE_LEN + 1], year[8];
	wg_calendar *cal = NULL;
	int rc;
	wg_today(today);
	if (reset) {
		wg_records old = {0};
		const char *like[] = {"%" SAMPLE_MARK "%"};
		if ((rc = wg_select(county->db, &wg_kind_calendar, "source LIKE ?1", "id", like, 1,
				    &old, err)))
			return rc;
		for (size_t i = 0; i < old.n && rc == WG_OK; i++)
			rc = wg_delete(county, &wg_kind_calendar, wg_record_id(old.v[i]), err);
		wg_records_free(&old);
		if (rc)
			return rc;
	}
	if ((rc = wg_calendar_wanted_db(county->db, today, &s->year, err)))
		return rc;
	if (!s->year)
		return wg_fail_needs(err, WG_EINPUT, "reset",
				     _("the demo county has the holiday calendars of this year and "
				       "the next: none is missing (--reset takes away the training "
				       "sample recorded before)"));
	/* working days from today until the deadline falls in that year */
	if ((rc = wg_calendar_open(county->db, &cal, err)))
		return rc;
	s->days = 10;
	while ((rc = wg_calendar_add_workdays(cal, today, s->days, out, NULL, err)) == WG_OK &&
	       atoi(out) < s->year && s->days < 366)
		s->days = s->days + 10 > 366 ? 366 : s->days + 10;
	wg_calendar_free(cal);
	if (rc)
		return rc;
	s->day = xstrdup(today);
	snprintf(year, sizeof year, "%d", s->year);
	s->calendar_file = xasprintf("%s/%d", s->folder, s->year);
	const char *keys[] = {"{year}"};
	const char *vals[] = {year};
	return write_template("demo/calendar.sample", keys, vals, 1, s->calendar_file, err);
}

/* The scenarios that change the county's first clinic (conflict,
 * out-of-order, forged) start from the phone number it had when the first of
 * them was prepared, kept in the county's local settings; a reset resolves
 * the conflicts left open on it, keeping the county's value, and gives it
 * that number back, as changes of the county's own. */
#define CLINIC_PHONE_KEY "demo_scenario_phone"

static int clinic_reset(wg_workspace *county, const char *entity, const char *phone_now,
			bool reset, wg_error *err)
{
	char *kept = NULL;
	int rc = wg_meta_get(county->db, CLINIC_PHONE_KEY, &kept, err);
	if (rc)
		return rc;
	if (!kept) {
		char *v = xasprintf("%s %s", entity, phone_now);
		rc = wg_meta_set(county->db, CLINIC_PHONE_KEY, v, err);
		free(v);
		return rc;
	}
	size_t idlen = strcspn(kept, " ");
	if (reset && strncmp(kept, entity, idlen) == 0 && strlen(entity) == idlen) {
		struct wg_conflict *cs = NULL;
		size_t n = 0;
		if ((rc = wg_conflicts_list(county, false, &cs, &n, err)) == WG_OK)
			for (size_t i = 0; i < n && rc == WG_OK; i++)
				if (strcmp(cs[i].record, entity) == 0)
					rc = wg_conflict_resolve(county, cs[i].id, RESOLVE_OURS, NULL,
								 err);
		wg_conflicts_free(cs, n);
		const char *phone = kept[idlen] ? kept + idlen + 1 : "";
		struct wg_change ch = {"phone", phone};
		if (rc == WG_OK && strcmp(phone, phone_now) != 0)
			rc = wg_modify(county, &wg_kind_entity, entity, &ch, 1, true, err);
	}
	free(kept);
	return rc;
}

/* The stand-in officer of a scenario: the one an earlier run registered,
 * when it is still there, else a new one. */
static int stand_in_for(wg_workspace *county, const char *scenario, const char *grid, wg_rng *r,
			char **id, char **name, wg_error *err)
{
	char *key = xasprintf("demo_scenario_stand_in_%s", scenario), *had = NULL;
	int rc = wg_meta_get(county->db, key, &had, err);
	if (rc == WG_OK && had) {
		char *c[1] = {NULL};
		bool found;
		if ((rc = query1(county->db,
				 "SELECT name FROM officer WHERE id = ?1 AND status = 'active'", had, 1,
				 c, &found, err)) == WG_OK && found) {
			*id = had;
			*name = c[0];
			free(key);
			return WG_OK;
		}
	}
	free(had);
	if (rc == WG_OK && (rc = add_stand_in(county, grid, r, id, name, err)) == WG_OK)
		rc = wg_meta_set(county->db, key, *id, err);
	free(key);
	return rc;
}

int wg_demo_scenario(const char *dir, const char *name, bool reset, struct wg_scenario *s,
		     wg_error *err)
{
	wg_workspace *county = NULL;
	char *cols[4] = {NULL, NULL, NULL, NULL}, *ent[3] = {NULL, NULL, NULL};
	char *stand_in = NULL;
	bool found, conflict;
	wg_rng rng;
	struct wg_demo_options o;
	int rc;

	memset(s, 0, sizeof *s);
	bool forged = strcmp(name, "forged") == 0;
	if (strcmp(name, "conflict") == 0)
		conflict = true;
	else if (strcmp(name, "out-of-order") == 0 || strcmp(name, "overdue") == 0 ||
		 strcmp(name, "draw") == 0 || strcmp(name, "penalty") == 0 ||
		 strcmp(name, "calendar") == 0 || forged)
		conflict = false;
	else
		return wg_fail(err, WG_EUSAGE, _("there is no training scenario \"%s\""), name);
	if ((rc = open_demo(dir, &county, err)) || (rc = wg_demo_info(county, &found, &o, err)))
		goto out;
	if (strcmp(name, "overdue") == 0 || strcmp(name, "draw") == 0 ||
	    strcmp(name, "penalty") == 0 || strcmp(name, "calendar") == 0) {
		s->folder = xasprintf("%s/scenarios/%s", dir, name);
		wg_demo_remove_tree(s->folder);
		if ((rc = wg_demo_make_parent(s->folder, err)))
			goto out;
		if (mkdir(s->folder, 0700) != 0) {
			rc = wg_fail(err, WG_EINTERNAL, _("cannot create the folder %s: %s"), s->folder,
				     strerror(errno));
			goto out;
		}
		rc = strcmp(name, "overdue") == 0    ? scenario_overdue(county, s, reset, err)
		     : strcmp(name, "penalty") == 0  ? scenario_penalty(county, s, reset, err)
		     : strcmp(name, "calendar") == 0 ? scenario_calendar(county, s, reset, err)
						     : scenario_draw(county, s, &o, reset, err);
		goto out;
	}
	/* Values from the demo's seed and the scenario's name: repeatable, and
	 * different for each scenario. */
	uint64_t h = o.seed;
	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * UINT64_C(0x100000001b3);
	wg_rng_seed(&rng, h);

	/* The county seat's first grid, its officer, and a clinic in it. */
	if ((rc = query1(county->db,
			 "SELECT g.code, o.id, o.name FROM grid g JOIN officer o ON o.grid = g.code "
			 "AND o.role = 'officer' AND o.status = 'active' AND o.id NOT IN (SELECT "
			 "value FROM meta WHERE key LIKE 'demo_scenario_stand_in_%') "
			 "ORDER BY g.code, o.name, o.id LIMIT 1",
			 NULL, 3, cols, &found, err)))
		goto out;
	if (!found) {
		rc = wg_fail(err, WG_EINPUT, _("the demo county has no grid with an officer"));
		goto out;
	}
	if ((rc = query1(county->db,
			 "SELECT id, name, phone FROM entity WHERE grid = ? AND status = 'open' ORDER BY "
			 "category = 'D211' DESC, name, id LIMIT 1",
			 cols[0], 3, ent, &found, err)))
		goto out;
	if (!found) {
		rc = wg_fail(err, WG_EINPUT, _("grid %s of the demo county has no open entity"),
			     cols[0]);
		goto out;
	}
	if ((rc = clinic_reset(county, ent[0], ent[2], reset, err)))
		goto out;
	if (reset) {
		/* the clinic's number as the reset left it */
		bool again;
		free(ent[2]);
		ent[2] = NULL;
		char *ph[1] = {NULL};
		if ((rc = query1(county->db, "SELECT phone FROM entity WHERE id = ?1", ent[0], 1, ph,
				 &again, err)))
			goto out;
		ent[2] = ph[0] ? ph[0] : xstrdup("");
	}
	s->grid = xstrdup(cols[0]);
	s->entity_id = ent[0];
	s->entity_name = ent[1];
	ent[0] = ent[1] = NULL;
	s->officer[0] = xstrdup(cols[2]);
	s->folder = xasprintf("%s/scenarios/%s", dir, name);
	wg_demo_remove_tree(s->folder);
	if ((rc = wg_demo_make_parent(s->folder, err)))
		goto out;
	if (mkdir(s->folder, 0700) != 0) {
		rc = wg_fail(err, WG_EINTERNAL, _("cannot create the folder %s: %s"), s->folder,
			     strerror(errno));
		goto out;
	}

	char *a_dir = xasprintf("%s/officer-a", s->folder), *b_dir = NULL;
	/* Two new numbers, different from each other and from the one it has. */
	s->field = "phone";
	for (int i = 0; i < 2; i++)
		do {
			free(s->value[i]);
			s->value[i] = scenario_phone(&rng);
		} while (strcmp(s->value[i], ent[2]) == 0 ||
			 (i == 1 && strcmp(s->value[1], s->value[0]) == 0));
	if (forged) {
		/* Someone with officer A's laptop writes a bundle in the name of B, another
		 * officer of the grid: the commit says B, the signature is A's key. */
		s->bundle[0] = xasprintf("%s/forged.bundle", s->folder);
		if ((rc = stand_in_for(county, name, s->grid, &rng, &stand_in, &s->officer[1],
				       err)) ||
		    (rc = wg_demo_register_key(county, stand_in, err)) ||
		    (rc = enroll_into(county, s->grid, cols[1], a_dir, s->folder, err)))
			goto out_dirs;
		wg_ws_close(county);
		county = NULL;
		wg_workspace *aws;
		if ((rc = wg_ws_open(a_dir, WS_WRITE, &aws, err)) == WG_OK) {
			rc = wg_meta_set(aws->db, "officer", stand_in, err);
			wg_ws_close(aws);
		}
		if (rc == WG_OK)
			rc = change_and_export(a_dir, s->entity_id, s->field, s->value[0],
					       s->bundle[0], err);
	} else if (conflict) {
		/* Two officers of the grid each change the clinic's phone, differently. */
		b_dir = xasprintf("%s/officer-b", s->folder);
		s->bundle[0] = xasprintf("%s/from-a.bundle", s->folder);
		s->bundle[1] = xasprintf("%s/from-b.bundle", s->folder);
		if ((rc = stand_in_for(county, name, s->grid, &rng, &stand_in, &s->officer[1],
				       err)) ||
		    (rc = enroll_into(county, s->grid, cols[1], a_dir, s->folder, err)) ||
		    (rc = enroll_into(county, s->grid, stand_in, b_dir, s->folder, err)))
			goto out_dirs;
		wg_ws_close(county);
		county = NULL;
		if ((rc = change_and_export(a_dir, s->entity_id, s->field, s->value[0], s->bundle[0],
					    err)) == WG_OK)
			rc = change_and_export(b_dir, s->entity_id, s->field, s->value[1], s->bundle[1],
					       err);
	} else {
		/* One officer sends Monday's change and then Tuesday's; Tuesday's bundle
		 * builds on Monday's, and arrives first. */
		s->officer[1] = xstrdup(cols[2]);
		s->bundle[0] = xasprintf("%s/monday.bundle", s->folder);
		s->bundle[1] = xasprintf("%s/tuesday.bundle", s->folder);
		if ((rc = enroll_into(county, s->grid, cols[1], a_dir, s->folder, err)))
			goto out_dirs;
		wg_ws_close(county);
		county = NULL;
		if ((rc = change_and_export(a_dir, s->entity_id, s->field, s->value[0], s->bundle[0],
					    err)) == WG_OK)
			rc = change_and_export(a_dir, s->entity_id, s->field, s->value[1], s->bundle[1],
					       err);
	}
out_dirs:
	free(a_dir);
	free(b_dir);
out:
	for (int i = 0; i < 4; i++)
		free(cols[i]);
	for (int i = 0; i < 3; i++)
		free(ent[i]);
	free(stand_in);
	wg_ws_close(county);
	if (rc) {
		if (s->folder)
			wg_demo_remove_tree(s->folder);
		wg_scenario_free(s);
	}
	return rc;
}
