/* Patrols and inspections: start one from a task or an entity, record each
 * checklist item (pass / fail / not applicable) with notes and evidence files,
 * sign it off. Signing turns failed items into findings, gives those that need
 * rectification a deadline in working days and creates the re-inspection task.
 * A signed record never changes; a correction is a new record that names it. */
#ifndef WG_INSPECTION_H
#define WG_INSPECTION_H

#include <stdbool.h>
#include <stddef.h>

#include "checklist.h"
#include "id.h"
#include "query.h"
#include "workspace.h"

struct wg_inspection_start {
	const char *task;        /* full task id, or NULL */
	const char *entity;      /* full entity id, or NULL (then the task's) */
	const char *kind;        /* "patrol" / "inspection", or NULL: from the task */
	const char *checklist;   /* "code" or "code@version", or NULL: the default */
	const char *const *inspectors; /* full officer ids; none: this workspace's officer */
	size_t ninspectors;
};

/* The active officers holding an enforcement certificate, by name, for an
 * inspection of entity: rows of id, name, certificate, and "1" for one who
 * declared a conflict of interest with the entity (else ""). */
int wg_certified_inspectors(sqlite3 *db, const char *entity, wg_table *t, wg_error *err);
/* The inspectors chosen for a county inspection of entity: at least two, each
 * active with a certificate, none recused; refused in words otherwise. */
int wg_inspectors_check(sqlite3 *db, const char *entity, const char *const *ids, size_t n,
			wg_error *err);

int wg_inspection_start(wg_workspace *ws, const struct wg_inspection_start *s, char id[WG_ID_BUFSIZE],
			wg_error *err);
/* Record (or change) one item's outcome ("pass", "fail", "na") and note; outcome
 * NULL takes the result back (wg_inspection_unrecord). */
int wg_inspection_record(wg_workspace *ws, const char *id, const char *item, const char *outcome,
			 const char *note, wg_error *err);
/* Take an item's result of a draft back: the item has no result again. */
int wg_inspection_unrecord(wg_workspace *ws, const char *id, const char *item, wg_error *err);
/* Copy a file into the workspace (evidence/<blob id>) and list it on the record. */
int wg_inspection_evidence(wg_workspace *ws, const char *id, const char *item, const char *path,
			   char hash[41], long long *size, wg_error *err);

struct wg_sign_result {
	char result[16];         /* pass, rectify, fail; a patrol: pass, reported */
	size_t nfindings;
	char deadline[11];       /* the latest rectification deadline, or "" */
	char basis[16];          /* how it was counted: "", "provisional" or "by_hand" */
	char recheck[WG_ID_BUFSIZE];/* the re-inspection task made, or "" */
	char clue[WG_ID_BUFSIZE];   /* a patrol's problems: the clue reported, or "" */
};

/* How a record is signed. A patrol (the grid officer's 巡查) orders no
 * rectification (卫生监督协管服务规范): its failed items become findings
 * without a deadline and one clue reported to the county, in the
 * information category given (required when an item failed), which the
 * county hands over to an inspector (wg_clue_handover). An enforcement
 * inspection gives its findings their deadlines and makes the re-inspection
 * task. */
struct wg_sign_opts {
	const char *summary;     /* NULL: as recorded */
	const char *deadline;    /* an inspection's deadline by hand, or NULL: counted */
	const char *category;    /* a patrol's clue category (clue.category), or NULL */
};
int wg_inspection_sign_with(wg_workspace *ws, const char *id, const struct wg_sign_opts *o,
			    struct wg_sign_result *res, wg_error *err);
int wg_inspection_sign(wg_workspace *ws, const char *id, const char *summary,
		       struct wg_sign_result *res, wg_error *err);
/* The same, with the rectification deadline given by hand (a date after today)
 * instead of counted in working days: for a deadline in a year whose official
 * holiday calendar is not installed yet. deadline NULL: counted. */
int wg_inspection_sign_deadline(wg_workspace *ws, const char *id, const char *summary,
				const char *deadline, struct wg_sign_result *res, wg_error *err);
/* A new draft that corrects a signed record, with its item results copied. */
int wg_inspection_correct(wg_workspace *ws, const char *id, char newid[WG_ID_BUFSIZE], wg_error *err);

/* Keep bytes as evidence/<hash> in the workspace, hash being their git blob id
 * (set on return). For attach, and for sync to place evidence it receives. */
int wg_evidence_store(wg_workspace *ws, const char *buf, size_t len, char hash[41],
		      wg_error *err);

/* Evidence records whose file under evidence/ is missing or whose bytes no
 * longer match the hash (for "wangge check"); appended to bad. */
int wg_evidence_verify(wg_workspace *ws, wg_records *bad, wg_error *err);

/* Everything about one inspection, for display and printing. */
typedef struct wg_inspection_view {
	wg_record *insp;
	wg_record *entity;
	wg_checklist *checklist;
	wg_records inspectors;   /* officer records */
	wg_records results;      /* ordered by item */
	wg_records findings;
	wg_records evidence;
} wg_inspection_view;
int wg_inspection_view_load(sqlite3 *db, const char *id, wg_inspection_view *v, wg_error *err);
void wg_inspection_view_free(wg_inspection_view *v);
/* The result record of an item, or NULL. */
const wg_record *wg_view_result(const wg_inspection_view *v, const char *item);

/* A task's title as this reader reads it: the titles the program made (the
 * re-inspection that signing or a penalty made, the check of a complaint or
 * of a clue: a task with a source) are named in the reader's language,
 * whatever language its maker's screen was in, also those stored by older
 * versions; the entity by its name now, when given; any other title as
 * stored. Returns title or buf. */
const char *wg_task_title(const char *kind, const char *source, const char *title,
			  const char *entity, char *buf, size_t n);

/* Lists for the CLI and the screens; a NULL filter takes every value.
 * Tasks soonest due first (undated last), inspections newest first, findings
 * newest first. */
int wg_tasks_list(sqlite3 *db, const char *status, const char *kind, const char *entity,
		  wg_records *out, wg_error *err);
int wg_inspections_list(sqlite3 *db, const char *entity, wg_records *out, wg_error *err);
int wg_findings_list(sqlite3 *db, const char *entity, wg_records *out, wg_error *err);
/* Open findings whose deadline is before today: the dashboard's overdue list. */
int wg_findings_overdue(sqlite3 *db, const char *today, wg_records *out, wg_error *err);
/* Mark a finding rectified (after the re-inspection found it put right). */
int wg_finding_rectified(wg_workspace *ws, const char *id, const char *note, wg_error *err);

#endif
