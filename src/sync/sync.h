/* Sync between the county and its officers by git bundles: enrollment, export,
 * import (all or nothing), conflicts and the history log. The CLI and the
 * full-screen program both call these. The workspace must be open for writing
 * (WS_WRITE) except for the log and the conflict list. */
#ifndef WG_SYNC_H
#define WG_SYNC_H

#include <stdbool.h>
#include <sqlite3.h>
#include <stddef.h>

#include "error.h"
#include "id.h"
#include "schema.h"
#include "strbuf.h"
#include "workspace.h"

struct wg_export_result {
	char *path;        /* the file written */
	size_t size;       /* its size in bytes */
	size_t records;    /* records committed from the working copy first */
	size_t prereqs;    /* how many prerequisites it has (0: a full bundle) */
	/* Sealed to its readers (age, util/age.h): their names, ", " between;
	 * NULL when written plain, because ws->plain_bundles asked so or no
	 * reader's key is known yet, or an enrollment (plain_why says which). */
	char *sealed_to;
	enum { WG_PLAIN_ASKED = 1, WG_PLAIN_NO_KEY, WG_PLAIN_ENROLL } plain_why;
};
void wg_export_result_free(struct wg_export_result *r);
/* One sentence (translated) for the person who wrote the bundle: sealed, to
 * whom, or why not and what that means. */
void wg_export_seal_text(const char *sealed_to, int plain_why, strbuf *out);

/* County: the starting point of an officer's workspace (grid + common). */
int wg_sync_enroll(wg_workspace *ws, const char *grid, const char *officer, const char *path,
		   struct wg_export_result *res, wg_error *err);
/* Enroll many officers in one operation (a county's first history commit
 * stays in memory for all the bundles). res: n results, the caller's to free
 * with wg_export_result_free. written(arg, i), when given, is told as soon
 * as res[i].path is complete. All or nothing: on failure the county records
 * no enrollment and the bundles are removed. */
struct wg_enrollment {
	const char *grid, *officer, *path; /* path: the bundle's file or a folder */
};
int wg_sync_enroll_many(wg_workspace *ws, const struct wg_enrollment *v, size_t n,
			struct wg_export_result *res, void (*written)(void *arg, size_t i), void *arg,
			wg_error *err);

/* A grid's officer: the first active officer registered for it, by name. */
#define WG_GRID_OFFICER "role = 'officer' AND status = 'active' ORDER BY name, id LIMIT 1"
/* Every grid (by code) with its officer ("" when it has none). */
struct wg_grid_officer {
	char *grid, *officer, *name;
};
int wg_grid_officers(wg_workspace *ws, struct wg_grid_officer **out, size_t *n, wg_error *err);
void wg_grid_officers_free(struct wg_grid_officer *v, size_t n);
/* Create an officer workspace in dir from an enrollment bundle. */
int wg_sync_init_officer(const char *dir, const char *bundle, wg_workspace **out, wg_error *err);
/* Every bundle is sealed to its readers once their keys are known: the
 * officers of its grid (their registered keys), the county (the key the
 * officer pinned); an enrollment to the officer when already registered. */
/* Officer: its grid for the county (grid must be NULL). County: that grid and
 * common for its officers. path may be a folder: a file name is made up.
 * full: no prerequisites (when an earlier bundle was lost on the way). */
int wg_sync_export(wg_workspace *ws, const char *grid, const char *path, bool full,
		   struct wg_export_result *res, wg_error *err);

struct wg_import_file {
	char *path;
	bool already;      /* nothing new: imported before */
	size_t added, changed, deleted, conflicts;
	long import;       /* its number among the imports (wg_imports_list); 0: already */
	char *who;         /* who sent it, in words (wg_who_text); NULL: already */
};
struct wg_import_result {
	struct wg_import_file *files;
	size_t n;
};
void wg_import_result_free(struct wg_import_result *r);
/* Import bundles, in the order given, all or nothing. */
int wg_sync_import(wg_workspace *ws, const char *const *paths, size_t n,
		   struct wg_import_result *res, wg_error *err);

/* Who wrote a change, in words: "county" the county office, an officer's id
 * "name (grid G)"; the id itself when this workspace has no such officer. */
void wg_who_text(sqlite3 *db, const char *who, strbuf *out);

/* What each import did: every bundle file that brought something new, newest
 * first (limit 0: all). */
struct wg_import_entry {
	long id;
	char *at;          /* when it was read (UTC timestamp) */
	char *file;        /* the bundle's file name */
	char *sender;      /* an officer's id, "county", or "" when unknown */
	char *who;         /* the sender in words */
	size_t added, changed, deleted, conflicts;
};
int wg_imports_list(wg_workspace *ws, size_t limit, struct wg_import_entry **out, size_t *n,
		    wg_error *err);
int wg_import_get(wg_workspace *ws, long id, struct wg_import_entry **out, wg_error *err);
void wg_imports_free(struct wg_import_entry *v, size_t n);

/* The records an import added, changed and deleted, read from the history
 * (the branch tips before and after it), kind by kind. */
enum wg_change_kind { WG_CHANGE_ADDED, WG_CHANGE_CHANGED, WG_CHANGE_DELETED };
struct wg_field_change {
	const struct wg_field *field;
	char *old, *new_;  /* as lists show them (wg_value_shown): personal data masked */
};
struct wg_record_change {
	const struct wg_kind *kind;
	char id[WG_ID_BUFSIZE];
	char *title;       /* its name or title, "" when the kind has none */
	enum wg_change_kind what;
	bool present;      /* in this workspace now: it can be opened */
	struct wg_field_change *fields; /* added and changed: the fields that differ */
	size_t nfields;
};
int wg_import_records(wg_workspace *ws, long id, struct wg_record_change **out, size_t *n,
		      wg_error *err);
void wg_record_changes_free(struct wg_record_change *v, size_t n);
/* One line of an import's record list (appended to out): what happened, the
 * kind, the short id and the title. */
void wg_record_change_text(const struct wg_record_change *c, strbuf *out);
/* A field's value as lists show it: an option by its label, a category by
 * its name, a time in local time, personal data masked (wg_mask). */
char *wg_value_shown(const struct wg_field *f, const char *v);

struct wg_conflict {
	long id;
	char kind[16];
	char record[WG_ID_BUFSIZE];
	char *field;       /* "" : the whole record */
	char *base, *ours, *theirs; /* NULL: absent (deleted) */
	char *branch, *source, *created;
	char *resolved_by, *resolved_at, *resolution;
	char *title;       /* the record's name or title, for lists */
	/* who wrote each side and when (CST, as lists show it); "" when
	 * unknown (a conflict met before wangge kept it) */
	char *ours_by, *ours_at, *theirs_by, *theirs_at;
	long import;       /* the import that met it, 0 when unknown */
};
/* Who wrote a side of a conflict and when, in words ("unknown" when the
 * conflict does not say); the caller frees it. */
char *wg_conflict_side_text(const char *by, const char *at);
void wg_conflicts_free(struct wg_conflict *v, size_t n);
/* Open conflicts (all: resolved ones too), oldest first. */
int wg_conflicts_list(wg_workspace *ws, bool all, struct wg_conflict **out, size_t *n,
		      wg_error *err);
int wg_conflict_get(wg_workspace *ws, long id, struct wg_conflict **out, wg_error *err);

enum wg_resolution { RESOLVE_OURS, RESOLVE_THEIRS, RESOLVE_VALUE };
/* Resolve: the working copy takes the value, and a commit by this workspace's
 * author records who resolved it, when and how. */
int wg_conflict_resolve(wg_workspace *ws, long id, enum wg_resolution how, const char *value,
			wg_error *err);

struct wg_log_entry {
	char commit[41];
	const char *author, *email;
	char when[24];          /* CST "2026-11-22 12:15" */
	const char *subject;
	const char *body;
	int sig;                /* enum wg_commit_sig (keys.h): who signed it, and is it good */
	const char *signer;     /* the registered key's holder, NULL when none */
	const char *signer_words; /* its fingerprint, "" when the key could not be read */
	/* An import (a branch's log shows each as one entry, for the commits it
	 * brought): its number (0: a plain commit), who sent it in words; when
	 * is when it was read, subject says what it did and body lists its
	 * records, one a line. */
	long import;
	const char *who;
	/* A commit an import brought, given right after the import's entry:
	 * that import's number (0: not part of one). */
	long part_of;
};
typedef void (*wg_log_cb)(const struct wg_log_entry *e, void *payload);
/* Newest first. grid NULL: an officer's own grid, the county's common branch
 * (or the branch holding record). record: only commits that changed it. */
int wg_sync_log(wg_workspace *ws, const char *grid, const char *record, size_t limit,
		wg_log_cb cb, void *payload, wg_error *err);

/* Finish what an interrupted import left (see sync_journal); remove staging
 * folders. *repaired counts what was fixed. A workspace without history is fine. */
int wg_sync_check(wg_workspace *ws, size_t *repaired, wg_error *err);

#endif
