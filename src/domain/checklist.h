/* Checklists: the items an inspection or patrol goes through. Written as plain
 * text files (data/checklists/FORMAT), stored as county reference records of
 * kind "checklist" (one record per version) so they travel in `common`. */
#ifndef WG_CHECKLIST_H
#define WG_CHECKLIST_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "workspace.h"

/* What an item is checked against on site: nothing, the entity's registered
 * services (诊疗科目), or its registered practitioners (执业人员). */
enum wg_against { AGAINST_NONE, AGAINST_SCOPE, AGAINST_STAFF };

struct wg_checkitem {
	char *code;       /* "CL01" */
	bool key;         /* 关键项 */
	char *violation;  /* points rule code, or NULL */
	int rectify_days; /* working days to put it right, 0 = no deadline */
	char *text;       /* Chinese item text */
	char *label;      /* English label */
	char *basis;      /* legal basis */
	enum wg_against against; /* the optional 8th field */
};

typedef struct wg_checklist {
	char *code;       /* "clinic" */
	char *title;      /* Chinese title */
	char *title_en;
	char *kind;       /* "patrol" or "inspection" */
	char **categories;
	size_t ncategories;
	struct wg_checkitem *items;
	size_t nitems;
	bool manual;      /* "@default no": used only when named, never chosen by default */
	int version;      /* of the stored record; 0 when parsed from a file */
} wg_checklist;

int wg_checklist_parse(const char *name, const char *text, size_t len, wg_checklist **out,
		       wg_error *err);
void wg_checklist_free(wg_checklist *cl);
const struct wg_checkitem *wg_checklist_item(const wg_checklist *cl, const char *code);
bool wg_checklist_has_category(const wg_checklist *cl, const char *category);

struct wg_checklist_import {
	char code[41];
	int version;
	bool changed;     /* false: the same text was already stored */
	size_t nitems;
};

/* Store a checklist's text as a new version unless the newest version has the
 * same text. Checks the text parses and its violation codes are in the points
 * rules. No permission check: callers decide. */
int wg_checklist_store(sqlite3 *db, const char *name, const char *text, size_t len,
		       struct wg_checklist_import *res, wg_error *err);
/* The county imports (or updates) one checklist file. */
int wg_checklist_import(wg_workspace *ws, const char *path, struct wg_checklist_import *res,
			wg_error *err);
/* Every shipped checklist (data/checklists/ *.txt), in one transaction. */
int wg_checklist_import_shipped(sqlite3 *db, size_t *count, wg_error *err);

/* Load the stored checklist "code@version", or the newest version of "code". */
int wg_checklist_load(sqlite3 *db, const char *ref, wg_checklist **out, wg_error *err);
/* Checklists by reference, each loaded once, for a listing that names many:
 * the checklist ref names (NULL when ref is "" or none loads). */
typedef struct wg_checklists wg_checklists;
const wg_checklist *wg_checklists_get(wg_checklists **set, sqlite3 *db, const char *ref);
void wg_checklists_free(wg_checklists *set);
/* The newest checklist of this kind ("patrol"/"inspection") that lists the
 * category; ref gets "code@version". WG_EINPUT when there is none. */
int wg_checklist_default(sqlite3 *db, const char *category, const char *kind, char ref[64],
			 wg_error *err);

#endif
