#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "datafile.h"
#include "db.h"
#include "i18n.h"
#include "id.h"
#include "recordop.h"
#include "points.h"
#include "record.h"
#include "rules.h"
#include "schema.h"
#include "strbuf.h"
#include "timeutil.h"
#include "utf8.h"

static void wg_checkitem_release(struct wg_checkitem *it)
{
	free(it->code);
	free(it->violation);
	free(it->text);
	free(it->label);
	free(it->basis);
}

void wg_checklist_free(wg_checklist *cl)
{
	if (!cl)
		return;
	for (size_t i = 0; i < cl->nitems; i++)
		wg_checkitem_release(&cl->items[i]);
	for (size_t i = 0; i < cl->ncategories; i++)
		free(cl->categories[i]);
	free(cl->categories);
	free(cl->items);
	free(cl->code);
	free(cl->title);
	free(cl->title_en);
	free(cl->kind);
	free(cl);
}

const struct wg_checkitem *wg_checklist_item(const wg_checklist *cl, const char *code)
{
	for (size_t i = 0; i < cl->nitems; i++)
		if (strcmp(cl->items[i].code, code) == 0)
			return &cl->items[i];
	return NULL;
}

bool wg_checklist_has_category(const wg_checklist *cl, const char *category)
{
	for (size_t i = 0; i < cl->ncategories; i++)
		if (strcmp(cl->categories[i], category) == 0)
			return true;
	return false;
}

static bool code_ok(const char *s, const char *chars, size_t max)
{
	size_t n = strlen(s);
	return n >= 1 && n <= max && strspn(s, chars) == n;
}

static int text_ok(const wg_datafile *df, const struct wg_dfline *l, const char *what,
		   const char *s, size_t max, wg_error *err)
{
	if (utf8_length(s, strlen(s)) > max)
		return wg_datafile_fail(df, l, err, _("%s is longer than %zu characters"), what, max);
	return WG_OK;
}

int wg_checklist_parse(const char *name, const char *text, size_t len, wg_checklist **out,
		       wg_error *err)
{
	wg_datafile df;
	int rc = wg_datafile_parse(name, text, len, &df, err);
	if (rc)
		return rc;
	wg_checklist *cl = xcalloc(1, sizeof *cl);
	for (size_t i = 0; i < df.nlines; i++) {
		const struct wg_dfline *l = &df.lines[i];
		const char *d = l->directive;
		if (d && strcmp(d, "checklist") == 0) {
			if (cl->code || l->nfields != 1 ||
			    !code_ok(l->fields[0], "abcdefghijklmnopqrstuvwxyz0123456789-", 40)) {
				rc = wg_datafile_fail(&df, l, err,
						      _("@checklist needs one code of a-z, 0-9 and -, given once"));
				goto fail;
			}
			cl->code = xstrdup(l->fields[0]);
		} else if (d && strcmp(d, "title") == 0) {
			if (cl->title || l->nfields != 2) {
				rc = wg_datafile_fail(&df, l, err,
						      _("expected once: @title 中文标题 | English title"));
				goto fail;
			}
			if ((rc = text_ok(&df, l, _("the title"), l->fields[0], 100, err)))
				goto fail;
			cl->title = xstrdup(l->fields[0]);
			cl->title_en = xstrdup(l->fields[1]);
		} else if (d && strcmp(d, "kind") == 0) {
			if (cl->kind || l->nfields != 1 ||
			    (strcmp(l->fields[0], "patrol") && strcmp(l->fields[0], "inspection"))) {
				rc = wg_datafile_fail(&df, l, err,
						      _("@kind is \"patrol\" or \"inspection\", given once"));
				goto fail;
			}
			cl->kind = xstrdup(l->fields[0]);
		} else if (d && strcmp(d, "default") == 0) {
			if (l->nfields != 1 || (strcmp(l->fields[0], "yes") && strcmp(l->fields[0], "no"))) {
				rc = wg_datafile_fail(&df, l, err, _("@default is \"yes\" or \"no\""));
				goto fail;
			}
			cl->manual = strcmp(l->fields[0], "no") == 0;
		} else if (d && strcmp(d, "categories") == 0) {
			if (cl->ncategories || l->nfields != 1) {
				rc = wg_datafile_fail(&df, l, err,
						      _("@categories needs category codes separated by spaces, given once"));
				goto fail;
			}
			const char *p = l->fields[0];
			while (*p) {
				size_t n = strcspn(p, " ");
				char *c = xstrndup(p, n);
				if (!wg_category_find(c)) {
					rc = wg_datafile_fail(&df, l, err, _("unknown category \"%s\""), c);
					free(c);
					goto fail;
				}
				cl->categories = xrealloc(cl->categories,
							  (cl->ncategories + 1) * sizeof *cl->categories);
				cl->categories[cl->ncategories++] = c;
				p += n;
				while (*p == ' ')
					p++;
			}
		} else if (d) {
			rc = wg_datafile_fail(&df, l, err, _("unknown directive @%s"), d);
			goto fail;
		} else {
			/* CODE | key|- | VIOLATION|- | DAYS|- | 内容 | English | basis [| scope|staff] */
			if (l->nfields != 7 && l->nfields != 8) {
				rc = wg_datafile_fail(&df, l, err,
						      _("an item has 7 fields: code | key or - | violation code or - | "
							"working days or - | text | English label | legal basis; "
							"and an optional 8th: scope or staff; this line has %zu"),
						      l->nfields);
				goto fail;
			}
			char **f = l->fields;
			struct wg_checkitem it = {0};
			if (!code_ok(f[0], "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", 16)) {
				rc = wg_datafile_fail(&df, l, err,
						      _("\"%s\" is not an item code (A-Z, 0-9 and -, at most 16)"), f[0]);
				goto fail;
			}
			if (wg_checklist_item(cl, f[0])) {
				rc = wg_datafile_fail(&df, l, err, _("item %s is given twice"), f[0]);
				goto fail;
			}
			if (strcmp(f[1], "key") && strcmp(f[1], "-")) {
				rc = wg_datafile_fail(&df, l, err, _("field 2 is \"key\" or \"-\", not \"%s\""), f[1]);
				goto fail;
			}
			if (strcmp(f[2], "-") && !wg_violation_code_valid(f[2])) {
				rc = wg_datafile_fail(&df, l, err,
						      _("field 3 is a violation code or \"-\", not \"%s\""), f[2]);
				goto fail;
			}
			if (strcmp(f[3], "-")) {
				size_t n = strlen(f[3]);
				if (n > 2 || strspn(f[3], "0123456789") != n || f[3][0] == '0') {
					rc = wg_datafile_fail(&df, l, err,
							      _("field 4 is a number of working days (1 to 99) or \"-\", not \"%s\""),
							      f[3]);
					goto fail;
				}
				it.rectify_days = atoi(f[3]);
			}
			if ((rc = text_ok(&df, l, _("the item text"), f[4], 200, err)) ||
			    (rc = text_ok(&df, l, _("the English label"), f[5], 200, err)) ||
			    (rc = text_ok(&df, l, _("the legal basis"), f[6], 200, err)))
				goto fail;
			it.code = xstrdup(f[0]);
			it.key = strcmp(f[1], "key") == 0;
			it.violation = strcmp(f[2], "-") ? xstrdup(f[2]) : NULL;
			it.text = xstrdup(f[4]);
			it.label = xstrdup(f[5]);
			it.basis = xstrdup(f[6]);
			if (l->nfields == 8) {
				if (strcmp(f[7], "scope") == 0)
					it.against = AGAINST_SCOPE;
				else if (strcmp(f[7], "staff") == 0)
					it.against = AGAINST_STAFF;
				else {
					rc = wg_datafile_fail(&df, l, err,
							      _("field 8 is \"scope\" (checked against the registered "
								"services) or \"staff\" (against the registered "
								"practitioners), not \"%s\""), f[7]);
					wg_checkitem_release(&it);
					goto fail;
				}
			}
			cl->items = xrealloc(cl->items, (cl->nitems + 1) * sizeof *cl->items);
			cl->items[cl->nitems++] = it;
		}
	}
	if (!cl->code || !cl->title || !cl->kind || !cl->ncategories) {
		rc = wg_datafile_fail(&df, NULL, err,
				      _("a checklist needs @checklist, @title, @kind and @categories"));
		goto fail;
	}
	if (!cl->nitems) {
		rc = wg_datafile_fail(&df, NULL, err, _("a checklist needs at least one item"));
		goto fail;
	}
	wg_datafile_free(&df);
	*out = cl;
	return WG_OK;
fail:
	wg_datafile_free(&df);
	wg_checklist_free(cl);
	return rc;
}

/* The newest stored version of code: its version and body (NULL if none). */
static int newest(sqlite3 *db, const char *code, int *version, char **body, wg_error *err)
{
	sqlite3_stmt *st;
	*version = 0;
	*body = NULL;
	if (sqlite3_prepare_v2(db, "SELECT version, body FROM checklist WHERE code = ?"
				   " ORDER BY CAST(version AS INTEGER) DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*version = atoi((const char *)sqlite3_column_text(st, 0));
		*body = xstrdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return (rc == SQLITE_ROW || rc == SQLITE_DONE) ? WG_OK : wg_db_fail(db, err);
}

int wg_checklist_store(sqlite3 *db, const char *name, const char *text, size_t len,
		       struct wg_checklist_import *res, wg_error *err)
{
	wg_checklist *cl;
	wg_points_rules *rules;
	int rc = wg_checklist_parse(name, text, len, &cl, err);
	if (rc)
		return rc;
	char today[WG_DATE_LEN + 1];
	wg_today(today);
	if ((rc = wg_rules_load(db, today, &rules, NULL, err))) {
		wg_checklist_free(cl);
		return rc;
	}
	for (size_t i = 0; i < cl->nitems && rc == WG_OK; i++)
		if (cl->items[i].violation && !wg_points_rule_find(rules, cl->items[i].violation))
			rc = wg_fail(err, WG_EINPUT,
				     _("%s: item %s names violation code %s, which the county's points rules in force do not have"),
				     name, cl->items[i].code, cl->items[i].violation);
	wg_points_rules_free(rules);
	if (rc) {
		wg_checklist_free(cl);
		return rc;
	}

	/* The record holds the text without its final line break(s). */
	while (len && text[len - 1] == '\n')
		len--;
	char *body = xstrndup(text, len);
	int version;
	char *old;
	memset(res, 0, sizeof *res);
	snprintf(res->code, sizeof res->code, "%s", cl->code);
	res->nitems = cl->nitems;
	if ((rc = newest(db, cl->code, &version, &old, err)))
		goto out;
	if (old && strcmp(old, body) == 0) {
		res->version = version;
		res->changed = false;
		free(old);
		goto out;
	}
	free(old);

	wg_record *rec = wg_record_new(&wg_kind_checklist);
	char id[WG_ID_HEXLEN + 1], now[WG_TIMESTAMP_LEN + 1], vs[16];
	if (wg_id_new(id) != 0) {
		wg_record_free(rec);
		rc = wg_fail(err, WG_EINTERNAL, _("the system gives no random numbers"));
		goto out;
	}
	wg_timestamp(wg_now(), now);
	snprintf(vs, sizeof vs, "%d", version + 1);
	wg_record_put(rec, 0, id);
	wg_record_put(rec, wg_field_index(&wg_kind_checklist, "code"), cl->code);
	wg_record_put(rec, wg_field_index(&wg_kind_checklist, "version"), vs);
	wg_record_put(rec, wg_field_index(&wg_kind_checklist, "title"), cl->title);
	wg_record_put(rec, wg_field_index(&wg_kind_checklist, "body"), body);
	wg_record_put(rec, wg_field_index(&wg_kind_checklist, "created"), now);
	if ((rc = wg_record_check(rec, err)) == WG_OK)
		rc = wg_db_insert(db, rec, err);
	if (rc)
		wg_error_prefix(err, "%s", name);
	wg_record_free(rec);
	res->version = version + 1;
	res->changed = true;
out:
	free(body);
	wg_checklist_free(cl);
	return rc;
}

int wg_checklist_import(wg_workspace *ws, const char *path, struct wg_checklist_import *res,
			wg_error *err)
{
	char *buf;
	size_t len;
	int rc;
	if ((rc = wg_may_edit(ws, &wg_kind_checklist, NULL, true, err)))
		return rc;
	if ((rc = wg_read_file_buf(path, 256 * 1024, &buf, &len, err)))
		return rc;
	if ((rc = wg_db_begin(ws->db, err)) == WG_OK) {
		if ((rc = wg_checklist_store(ws->db, path, buf, len, res, err)) ||
		    (rc = wg_db_commit(ws->db, err)))
			wg_db_rollback(ws->db);
	}
	free(buf);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int wg_checklist_import_shipped(sqlite3 *db, size_t *count, wg_error *err)
{
	char *dir = wg_data_path("checklists");
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0;
	int rc = WG_OK;

	*count = 0;
	if (!d) {
		rc = wg_fail(err, WG_EINTERNAL, _("cannot open the checklist folder %s"), dir);
		free(dir);
		return rc;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0 && e->d_name[0] != '.') {
			names = xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	if ((rc = wg_db_begin(db, err)))
		goto out;
	for (size_t i = 0; i < n && rc == WG_OK; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		char *buf;
		size_t len;
		struct wg_checklist_import res;
		if ((rc = wg_read_file_buf(path, 256 * 1024, &buf, &len, err)) == WG_OK) {
			rc = wg_checklist_store(db, path, buf, len, &res, err);
			free(buf);
			*count += rc == WG_OK;
		}
		free(path);
	}
	if (rc || (rc = wg_db_commit(db, err)))
		wg_db_rollback(db);
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
	return rc;
}

int wg_checklist_load(sqlite3 *db, const char *ref, wg_checklist **out, wg_error *err)
{
	sqlite3_stmt *st;
	const char *at = strchr(ref, '@');
	char *code = at ? xstrndup(ref, (size_t)(at - ref)) : xstrdup(ref);
	int rc;

	*out = NULL;
	rc = sqlite3_prepare_v2(db,
				at ? "SELECT version, body FROM checklist WHERE code = ?1 AND version = ?2"
				   : "SELECT version, body FROM checklist WHERE code = ?1"
				     " ORDER BY CAST(version AS INTEGER) DESC LIMIT 1",
				-1, &st, NULL);
	if (rc != SQLITE_OK) {
		free(code);
		return wg_db_fail(db, err);
	}
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if (at)
		sqlite3_bind_text(st, 2, at + 1, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int version = sqlite3_column_int(st, 0);
		strbuf body = STRBUF_INIT;
		sb_adds(&body, (const char *)sqlite3_column_text(st, 1));
		sb_addc(&body, '\n');
		rc = wg_checklist_parse(ref, body.buf, body.len, out, err);
		sb_release(&body);
		if (rc == WG_OK)
			(*out)->version = version;
	} else if (rc == SQLITE_DONE) {
		rc = wg_fail(err, WG_EINPUT, _("there is no checklist \"%s\"; see \"wangge checklist list\""),
			     ref);
	} else {
		rc = wg_db_fail(db, err);
	}
	sqlite3_finalize(st);
	free(code);
	return rc;
}

int wg_checklist_default(sqlite3 *db, const char *category, const char *kind, char ref[64],
			 wg_error *err)
{
	sqlite3_stmt *st;
	int rc, found = 0;
	/* the newest version of every code, in code order: the choice is stable */
	if (sqlite3_prepare_v2(db, "SELECT code, max(CAST(version AS INTEGER)) FROM checklist"
				   " GROUP BY code ORDER BY code", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	while (!found && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char r[64];
		wg_checklist *cl;
		snprintf(r, sizeof r, "%s@%d", (const char *)sqlite3_column_text(st, 0),
			 sqlite3_column_int(st, 1));
		if (wg_checklist_load(db, r, &cl, err) != WG_OK)
			continue;
		if (!cl->manual && strcmp(cl->kind, kind) == 0 &&
		    wg_checklist_has_category(cl, category)) {
			snprintf(ref, 64, "%s", r);
			found = 1;
		}
		wg_checklist_free(cl);
	}
	sqlite3_finalize(st);
	if (!found)
		return strcmp(kind, "patrol") == 0
			       ? wg_fail_needs(err, WG_EINPUT, "checklist",
					       _("no patrol sheet covers category %s: name the one to use"),
					       category)
			       : wg_fail_needs(err, WG_EINPUT, "checklist",
					       _("no inspection checklist covers category %s: name the one "
						 "to use"), category);
	return WG_OK;
}

struct wg_checklists {
	struct loaded {
		char *ref;
		wg_checklist *cl; /* NULL: not found */
	} *v;
	size_t n;
};

const wg_checklist *wg_checklists_get(wg_checklists **set, sqlite3 *db, const char *ref)
{
	if (!ref || !*ref)
		return NULL;
	if (!*set)
		*set = xcalloc(1, sizeof **set);
	wg_checklists *s = *set;
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].ref, ref) == 0)
			return s->v[i].cl;
	wg_checklist *cl = NULL;
	wg_error ignored;
	if (wg_checklist_load(db, ref, &cl, &ignored) != WG_OK)
		cl = NULL;
	s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
	s->v[s->n++] = (struct loaded){xstrdup(ref), cl};
	return cl;
}

void wg_checklists_free(wg_checklists *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++) {
		free(set->v[i].ref);
		wg_checklist_free(set->v[i].cl);
	}
	free(set->v);
	free(set);
}
