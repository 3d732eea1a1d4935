#include <config.h>

#include <pthread.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "fileutil.h"
#include "i18n.h"
#include "gram.h"
#include "pinyin.h"
#include "progress.h"
#include "strbuf.h"
#include "utf8.h"

/* The county's personal data (FF_COUNTY_ONLY fields, see schema.h): is this
 * workspace the county's, the statements that move the values of every
 * record into "personal" (the county) or drop them (anyone else), and the
 * triggers that do it for one record as it is written. */
#define PERSONAL_COUNTY "COALESCE((SELECT value FROM meta WHERE key = 'role') = 'county', 0)"
#define PERSONAL_KEEP(kind, f) \
	"INSERT OR REPLACE INTO personal(kind, id, field, value) SELECT '" kind "', id, '" f \
	"', " f " FROM " kind " WHERE " f " != '' AND " PERSONAL_COUNTY ";\n"
#define PERSONAL_MOVE_SQL \
	PERSONAL_KEEP("complaint", "complainant") PERSONAL_KEEP("complaint", "contact") \
	PERSONAL_KEEP("officer", "phone") PERSONAL_KEEP("officer", "idcard") \
	"UPDATE complaint SET complainant = '', contact = ''" \
	" WHERE complainant != '' OR contact != '';\n" \
	"UPDATE officer SET phone = '', idcard = '' WHERE phone != '' OR idcard != '';\n"
#define PERSONAL_TRIGGER_KEEP(kind, f) \
	" INSERT OR REPLACE INTO personal(kind, id, field, value) SELECT '" kind "', new.id, '" f \
	"', new." f " WHERE new." f " != '' AND " PERSONAL_COUNTY ";"
#define PERSONAL_TRIGGER(kind, name, event, f1, f2) \
	"CREATE TRIGGER IF NOT EXISTS " kind "_personal_" name " AFTER " event " ON " kind \
	" WHEN new." f1 " != '' OR new." f2 " != '' BEGIN" PERSONAL_TRIGGER_KEEP(kind, f1) \
	PERSONAL_TRIGGER_KEEP(kind, f2) " UPDATE " kind " SET " f1 " = '', " f2 " = ''" \
	" WHERE id = new.id; END;\n"

/* The same for a kind with one such field (a practitioner's ID number). */
#define PERSONAL_TRIGGER1(kind, name, event, f) \
	"CREATE TRIGGER IF NOT EXISTS " kind "_personal_" name " AFTER " event " ON " kind \
	" WHEN new." f " != '' BEGIN" PERSONAL_TRIGGER_KEEP(kind, f) " UPDATE " kind " SET " f \
	" = '' WHERE id = new.id; END;\n"
/* Every kind's county-only values, for bulk writes (wg_db_keep_personal):
 * the kinds of migration 13, and the practitioners' ID numbers. */
#define PERSONAL_MOVE_ALL_SQL \
	PERSONAL_MOVE_SQL PERSONAL_KEEP("staff", "idcard") \
	"UPDATE staff SET idcard = '' WHERE idcard != '';\n"

/* Migrations, in order: migrations[i] takes the schema from version i to i + 1.
 * Never edit a released step; add a new one. */
/* Names in natural order ("第2诊所" before "第10诊所"): entity.name_key, local
 * and derived (wg_natural_key), filled by the core (wg_db_index_entity, and
 * wg_db_fill_name_keys for the rows already there: no SQL function of ours in
 * the schema, so the stock sqlite3 reads and writes the database). The lists
 * walk the indexes on it. Updating only the key is no change to the record:
 * the change and search triggers fire on the record's own fields only (the
 * change trigger is made anew by add_change_triggers). */
#define NATURAL_KEY_MIGRATION natural_key_migration
static const char natural_key_migration[] =
	"ALTER TABLE entity ADD COLUMN name_key TEXT NOT NULL DEFAULT '';\n"
	"DROP TRIGGER IF EXISTS entity_UPDATE_changed;\n"
	"DROP TRIGGER IF EXISTS entity_fts_update;\n"
	"CREATE TRIGGER entity_fts_update AFTER UPDATE OF name, address, uscc, phone ON entity BEGIN"
	" DELETE FROM entity_fts WHERE rowid = old.rowid;"
	" INSERT INTO entity_fts(rowid, name, address, uscc, phone, initials)"
	" VALUES (new.rowid, new.name, new.address, new.uscc, new.phone,"
	" COALESCE((SELECT initials FROM entity_initials WHERE id = new.rowid), '')); END;\n"
	"DROP INDEX IF EXISTS entity_grid;\n"
	"DROP INDEX IF EXISTS entity_category_name;\n"
	"DROP INDEX IF EXISTS entity_status_name;\n"
	"CREATE INDEX entity_name_key ON entity(name_key);\n"
	"CREATE INDEX entity_grid_key ON entity(grid, name_key);\n"
	"CREATE INDEX entity_category_key ON entity(category, name_key);\n"
	"CREATE INDEX entity_status_key ON entity(status, name_key);\n";

/* entity_visit's last signed inspection (or patrol) of its entity, not
 * corrected by a signed correction; on the same signing time the worst result
 * (fail, then rectify or reported, then the rest): what risk grading reads as
 * "the last inspection". NULL, NULL when there is none. */
#define VISIT_SIGNED_SET                                                                    \
	"(last_result, last_signed) = (SELECT i.result, i.signed FROM inspection i"          \
	" WHERE i.entity = entity_visit.entity AND i.status = 'signed' AND NOT EXISTS"        \
	" (SELECT 1 FROM inspection c WHERE c.corrects = i.id AND c.corrects != ''"           \
	" AND c.status = 'signed') ORDER BY i.signed DESC, " VISIT_RANK("i.result") ","       \
	" i.rowid LIMIT 1)"
/* the order of the results on the same signing time (the worst first) */
#define VISIT_RANK(result)                                                                  \
	"CASE " result " WHEN 'fail' THEN 0 WHEN 'rectify' THEN 1 WHEN 'reported' THEN 1"    \
	" ELSE 2 END"
/* the signed inspections that are corrected, by id (VISIT_SIGNED_SET's NOT
 * EXISTS) */
#define VISIT_CORRECTED "SELECT corrects FROM inspection WHERE corrects != '' AND status = 'signed'"
/* Every entity that can have points, to be computed again (the last
 * migration, wg_db_rebuild_derived, a change of the points rules): those with
 * an open or rectified finding with a violation (points.c's POINTS_FINDINGS;
 * no other finding carries points, and an entity without a kept result counts
 * as no alert), from the covering index of those findings (the distinct
 * entities of all findings read every finding's row: 260 ms on the large
 * demo county, 5 ms so); and those with a finding of an inspection, when the
 * inspection changes. */
#define POINTS_STALE_ALL                                                                    \
	"INSERT OR IGNORE INTO points_stale SELECT entity FROM finding"                     \
	" WHERE status IN ('open', 'rectified') AND violation != '';\n"
#define POINTS_STALE_OF_INSPECTION(ids)                                                     \
	" INSERT OR IGNORE INTO points_stale SELECT entity FROM finding"                   \
	" WHERE inspection IN (" ids ") AND violation != '';"
/* publish_wait's rows (the last migration, wg_db_rebuild_derived; its
 * triggers count them into publish_day) */
#define PUBLISH_WAIT_FILL "INSERT INTO publish_wait SELECT * FROM publish_ready;\n"
/* task_title from the tasks (the migration that makes it, and a bulk write's end) */
#define TASK_TITLE_FILL                                                                \
	"INSERT INTO task_title(title, n) SELECT title, count(*) FROM task"              \
	" WHERE status IN ('open', 'started') GROUP BY title;\n"

/* Which grids each changed record of a grid kind is pending for: the grid it
 * is in, and the grids it was in when it moved or went (the change triggers
 * write both), so one grid's commit reads that grid's pending records by
 * this key and not every pending record of the county (issue 17: a large
 * county's 3.1 M pending records made each grid's export read them all, 40 s).
 * A grid's commit deletes that grid's rows, a commit of everything all of
 * them. Grid '': a record gone before this table was made, its grid no
 * longer known: every grid's commit takes it. The change triggers of the grid
 * kinds are made anew with the new body, and fill_changed_grid fills the
 * table from the changed one. */
#define CHANGED_GRID_MIGRATION changed_grid_migration
static const char changed_grid_migration[] =
	"CREATE TABLE changed_grid (grid TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,"
	" moved INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (grid, kind, id)) WITHOUT ROWID;\n";

/* One table of the records pending for the history (issue 17): what the two
 * tables changed(kind, id) and changed_grid held, keyed by the grid a record
 * is pending for, then kind and id. A grid kind's record is pending for the
 * grid it is in and the grids it was in when it moved or went (moved: it may
 * be on another grid's branch); any other kind's for grid '', and so is a
 * grid kind's record gone before changed_grid was made, whose grid is not
 * known: every grid's commit takes grid ''. One grid's pending records are a
 * range of the key, and so are the common kinds'. On the large demo county
 * the two tables were 155 + 197 MB for 3.18 M records. The change triggers
 * are made anew (pending_convert drops them, add_change_triggers makes
 * them), and pending_convert fills the table. */
/* The change triggers made anew (drop_change_triggers here, then
 * add_change_triggers after the last step): an UPDATE trigger names its
 * columns only where the table has more than the record's fields. The list
 * of every column was 2.6 KB of the schema that every command parses: 0.5 M
 * instructions of each start (callgrind, the large demo county). */
static const char change_triggers_migration[] = "SELECT 1;\n";

/* A record's rows in pending, whatever their grids (a record that moved has
 * one in each grid it was in): the Dashboard counts each record once. By id
 * first: an index that began with kind was taken for a grid's rows of one
 * kind, a walk of every grid's. */
static const char pending_record_migration[] =
	"CREATE INDEX IF NOT EXISTS pending_record ON pending(id, kind, grid);\n";

#define PENDING_MIGRATION pending_migration
static const char pending_migration[] =
	"CREATE TABLE pending (grid TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,"
	" moved INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (grid, kind, id)) WITHOUT ROWID;\n"
	"INSERT INTO pending(grid, kind, id, moved) SELECT grid, kind, id, moved"
	" FROM changed_grid ORDER BY grid, kind, id;\n";

static const char *const migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;\n"
	"CREATE TABLE county (id TEXT PRIMARY KEY, code TEXT NOT NULL DEFAULT '',"
	" name TEXT NOT NULL DEFAULT '', created TEXT NOT NULL DEFAULT '');\n"
	"CREATE TABLE township (id TEXT PRIMARY KEY, code TEXT NOT NULL DEFAULT '',"
	" name TEXT NOT NULL DEFAULT '');\n"
	"CREATE TABLE grid (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL DEFAULT '', township TEXT NOT NULL DEFAULT '');\n"
	"CREATE TABLE officer (id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '',"
	" grid TEXT NOT NULL DEFAULT '', role TEXT NOT NULL DEFAULT '',"
	" phone TEXT NOT NULL DEFAULT '', idcard TEXT NOT NULL DEFAULT '',"
	" cert TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '');\n"
	"CREATE TABLE entity (id TEXT PRIMARY KEY, grid TEXT NOT NULL DEFAULT '',"
	" category TEXT NOT NULL DEFAULT '', name TEXT NOT NULL DEFAULT '',"
	" uscc TEXT NOT NULL DEFAULT '', licence TEXT NOT NULL DEFAULT '',"
	" licence_expiry TEXT NOT NULL DEFAULT '', legal_rep TEXT NOT NULL DEFAULT '',"
	" address TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',"
	" ownership TEXT NOT NULL DEFAULT '', profit TEXT NOT NULL DEFAULT '',"
	" beds TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '',"
	" created TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX entity_grid ON entity(grid, name);\n"
	"CREATE INDEX entity_category ON entity(category);\n"
	"CREATE TABLE task (id TEXT PRIMARY KEY, grid TEXT NOT NULL DEFAULT '',"
	" kind TEXT NOT NULL DEFAULT '', entity TEXT NOT NULL DEFAULT '',"
	" title TEXT NOT NULL DEFAULT '', due TEXT NOT NULL DEFAULT '',"
	" assignee TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '',"
	" source TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',"
	" created TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX task_status_due ON task(status, due);\n"
	"CREATE INDEX task_entity ON task(entity);\n"
	"CREATE TABLE inspection (id TEXT PRIMARY KEY, grid TEXT NOT NULL DEFAULT '',"
	" entity TEXT NOT NULL DEFAULT '', task TEXT NOT NULL DEFAULT '',"
	" kind TEXT NOT NULL DEFAULT '', checklist TEXT NOT NULL DEFAULT '',"
	" inspectors TEXT NOT NULL DEFAULT '', started TEXT NOT NULL DEFAULT '',"
	" result TEXT NOT NULL DEFAULT '', summary TEXT NOT NULL DEFAULT '',"
	" corrects TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '',"
	" signed TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX inspection_entity ON inspection(entity, started);\n"
	"CREATE TABLE complaint (id TEXT PRIMARY KEY, grid TEXT NOT NULL DEFAULT '',"
	" channel TEXT NOT NULL DEFAULT '', received TEXT NOT NULL DEFAULT '',"
	" entity TEXT NOT NULL DEFAULT '', location TEXT NOT NULL DEFAULT '',"
	" content TEXT NOT NULL DEFAULT '', complainant TEXT NOT NULL DEFAULT '',"
	" contact TEXT NOT NULL DEFAULT '', deadline TEXT NOT NULL DEFAULT '',"
	" handler TEXT NOT NULL DEFAULT '', result TEXT NOT NULL DEFAULT '',"
	" status TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX complaint_entity ON complaint(entity);\n"
	/* Rows changed since the last commit to the history: what sync must write. */
	"CREATE TABLE changed (kind TEXT NOT NULL, id TEXT NOT NULL,"
	" PRIMARY KEY (kind, id)) WITHOUT ROWID;\n",
	/* 1 -> 2: sync bookkeeping (see sync.c). */
	/* What each other side is known to have: prerequisites of the next bundle.
	 * peer is an officer id (county side) or "county" (officer side). */
	"CREATE TABLE sync_peer (peer TEXT NOT NULL, branch TEXT NOT NULL, tip TEXT NOT NULL,"
	" PRIMARY KEY (peer, branch, tip)) WITHOUT ROWID;\n"
	/* Bundles written: which file carried which tip (named when one is missing). */
	"CREATE TABLE sync_sent (seq INTEGER PRIMARY KEY, file TEXT NOT NULL, peer TEXT NOT NULL,"
	" branch TEXT NOT NULL, tip TEXT NOT NULL, common TEXT NOT NULL DEFAULT '',"
	" at TEXT NOT NULL);\n"
	/* Bundles imported. */
	"CREATE TABLE sync_received (seq INTEGER PRIMARY KEY, file TEXT NOT NULL,"
	" digest TEXT NOT NULL, branch TEXT NOT NULL, tip TEXT NOT NULL, at TEXT NOT NULL);\n"
	/* Ref updates decided by an import whose database part is committed: a crash
	 * before they reach history.git leaves rows here for wangge check to finish. */
	"CREATE TABLE sync_journal (ref TEXT PRIMARY KEY, tip TEXT NOT NULL) WITHOUT ROWID;\n"
	/* Merge conflicts: field '' is a whole record (deleted on one side, edited on
	 * the other; NULL = absent). The working copy keeps ours until resolved. */
	"CREATE TABLE conflict (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, record TEXT NOT NULL,"
	" field TEXT NOT NULL, base TEXT, ours TEXT, theirs TEXT, branch TEXT NOT NULL,"
	" source TEXT NOT NULL, created TEXT NOT NULL, resolved_by TEXT NOT NULL DEFAULT '',"
	" resolved_at TEXT NOT NULL DEFAULT '', resolution TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX conflict_open ON conflict(resolved_at, id);\n",
	/* 2 -> 3: supervision work: checklists, item results, findings, evidence */
	"ALTER TABLE task ADD COLUMN checklist TEXT NOT NULL DEFAULT '';\n"
	"CREATE TABLE checklist (id TEXT PRIMARY KEY, code TEXT NOT NULL DEFAULT '',"
	" version TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',"
	" body TEXT NOT NULL DEFAULT '', created TEXT NOT NULL DEFAULT '');\n"
	"CREATE UNIQUE INDEX checklist_code ON checklist(code, CAST(version AS INTEGER));\n"
	"CREATE TABLE result (id TEXT PRIMARY KEY, grid TEXT NOT NULL DEFAULT '',"
	" inspection TEXT NOT NULL DEFAULT '', item TEXT NOT NULL DEFAULT '',"
	" outcome TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '');\n"
	"CREATE UNIQUE INDEX result_item ON result(inspection, item);\n"
	"CREATE TABLE finding (id TEXT PRIMARY KEY, grid TEXT NOT NULL DEFAULT '',"
	" inspection TEXT NOT NULL DEFAULT '', entity TEXT NOT NULL DEFAULT '',"
	" item TEXT NOT NULL DEFAULT '', text TEXT NOT NULL DEFAULT '',"
	" severity TEXT NOT NULL DEFAULT '', violation TEXT NOT NULL DEFAULT '',"
	" found TEXT NOT NULL DEFAULT '', deadline TEXT NOT NULL DEFAULT '',"
	" recheck TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',"
	" status TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX finding_entity ON finding(entity, found);\n"
	"CREATE INDEX finding_inspection ON finding(inspection);\n"
	"CREATE INDEX finding_status ON finding(status, deadline);\n"
	"CREATE TABLE evidence (id TEXT PRIMARY KEY, grid TEXT NOT NULL DEFAULT '',"
	" inspection TEXT NOT NULL DEFAULT '', item TEXT NOT NULL DEFAULT '',"
	" name TEXT NOT NULL DEFAULT '', hash TEXT NOT NULL DEFAULT '',"
	" size TEXT NOT NULL DEFAULT '', created TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX evidence_inspection ON evidence(inspection);\n"
	"CREATE INDEX inspection_corrects ON inspection(corrects) WHERE corrects != '';\n",
	/* 3 -> 4: the county desk: draws, declared recusals (回避), campaigns */
	"ALTER TABLE task ADD COLUMN inspectors TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE task ADD COLUMN published TEXT NOT NULL DEFAULT '';\n"
	"CREATE INDEX task_source ON task(source);\n"
	"CREATE TABLE recusal (id TEXT PRIMARY KEY, officer TEXT NOT NULL DEFAULT '',"
	" entity TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',"
	" created TEXT NOT NULL DEFAULT '');\n"
	"CREATE TABLE draw (id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '',"
	" seed TEXT NOT NULL DEFAULT '', plan_sha256 TEXT NOT NULL DEFAULT '',"
	" directory_sha256 TEXT NOT NULL DEFAULT '', result_sha256 TEXT NOT NULL DEFAULT '',"
	" tasks TEXT NOT NULL DEFAULT '', created TEXT NOT NULL DEFAULT '');\n"
	"CREATE TABLE campaign (id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '',"
	" starts TEXT NOT NULL DEFAULT '', ends TEXT NOT NULL DEFAULT '',"
	" targets TEXT NOT NULL DEFAULT '', checklist TEXT NOT NULL DEFAULT '',"
	" created TEXT NOT NULL DEFAULT '');\n",
	/* 4 -> 5: complaints keep when they were closed (handling time) */
	"ALTER TABLE complaint ADD COLUMN closed TEXT NOT NULL DEFAULT '';\n",
	/* 5 -> 6: campaigns may name their target entities one by one */
	"ALTER TABLE campaign ADD COLUMN listed TEXT NOT NULL DEFAULT '';\n",
	/* 6 -> 7: search and browsing (local, derived, never synced).
	 * entity_fts: substring search (trigram works on Chinese) on name, address,
	 * USCC, phone and the pinyin initials of the name. The triggers keep the text
	 * columns current; wg_db_insert/wg_db_update fill in the initials (they need
	 * the pinyin table, which SQL cannot reach).
	 * entity_visit: the last inspection of every entity, for "due for a patrol". */
	"CREATE TABLE entity_initials (id INTEGER PRIMARY KEY, initials TEXT NOT NULL);\n"
	"CREATE VIRTUAL TABLE entity_fts USING fts5(name, address, uscc, phone, initials,"
	" tokenize = 'trigram');\n"
	"INSERT INTO entity_fts(rowid, name, address, uscc, phone, initials)"
	" SELECT rowid, name, address, uscc, phone, '' FROM entity;\n"
	"CREATE TRIGGER entity_fts_insert AFTER INSERT ON entity BEGIN"
	" INSERT INTO entity_fts(rowid, name, address, uscc, phone, initials)"
	" VALUES (new.rowid, new.name, new.address, new.uscc, new.phone, ''); END;\n"
	"CREATE TRIGGER entity_fts_update AFTER UPDATE ON entity BEGIN"
	" DELETE FROM entity_fts WHERE rowid = old.rowid;"
	" INSERT INTO entity_fts(rowid, name, address, uscc, phone, initials)"
	" VALUES (new.rowid, new.name, new.address, new.uscc, new.phone, ''); END;\n"
	"CREATE TRIGGER entity_fts_delete AFTER DELETE ON entity BEGIN"
	" DELETE FROM entity_fts WHERE rowid = old.rowid; END;\n"
	/* INSERT OR REPLACE (sync applies records so) deletes the old row without
	 * firing delete triggers: drop its index rows first. */
	/* The number of entities, kept by triggers: counting 100,000 rows reads
	 * every leaf page of an index, slow on a cold disk. */
	"CREATE TABLE entity_count (n INTEGER NOT NULL);\n"
	"INSERT INTO entity_count SELECT count(*) FROM entity;\n"
	"CREATE TRIGGER entity_count_insert AFTER INSERT ON entity BEGIN"
	" UPDATE entity_count SET n = n + 1; END;\n"
	"CREATE TRIGGER entity_count_delete AFTER DELETE ON entity BEGIN"
	" UPDATE entity_count SET n = n - 1; END;\n"
	"CREATE TRIGGER entity_search_replace BEFORE INSERT ON entity BEGIN"
	" DELETE FROM entity_fts WHERE rowid IN (SELECT rowid FROM entity WHERE id = new.id);"
	" DELETE FROM entity_initials WHERE id IN (SELECT rowid FROM entity WHERE id = new.id);"
	" UPDATE entity_count SET n = n - (SELECT count(*) FROM entity WHERE id = new.id);"
	" END;\n"
	/* The initials again, in a plain table: a short query (one or two letters, too
	 * short for trigrams) checks them row by row, and a rowid lookup here is far
	 * cheaper than in the FTS table. */
	"CREATE TRIGGER entity_initials_delete AFTER DELETE ON entity BEGIN"
	" DELETE FROM entity_initials WHERE id = old.rowid; END;\n"
	"CREATE INDEX entity_name ON entity(name);\n"
	"CREATE INDEX entity_category_name ON entity(category, name);\n"
	"CREATE INDEX entity_status_name ON entity(status, name);\n"
	"CREATE INDEX task_due ON task(due);\n"
	"CREATE TABLE entity_visit (entity TEXT PRIMARY KEY, last TEXT NOT NULL DEFAULT '')"
	" WITHOUT ROWID;\n"
	"CREATE INDEX entity_visit_last ON entity_visit(last);\n"
	"INSERT INTO entity_visit(entity, last) SELECT id, COALESCE((SELECT max(started)"
	" FROM inspection WHERE inspection.entity = entity.id), '') FROM entity;\n"
	"CREATE TRIGGER entity_visit_insert AFTER INSERT ON entity BEGIN"
	" INSERT OR IGNORE INTO entity_visit(entity, last) VALUES (new.id, COALESCE((SELECT"
	" max(started) FROM inspection WHERE inspection.entity = new.id), '')); END;\n"
	"CREATE TRIGGER entity_visit_delete AFTER DELETE ON entity BEGIN"
	" DELETE FROM entity_visit WHERE entity = old.id; END;\n"
	"CREATE TRIGGER inspection_visit_insert AFTER INSERT ON inspection BEGIN"
	" UPDATE entity_visit SET last = new.started"
	" WHERE entity = new.entity AND last < new.started; END;\n"
	"CREATE TRIGGER inspection_visit_update AFTER UPDATE ON inspection BEGIN"
	" UPDATE entity_visit SET last = COALESCE((SELECT max(started) FROM inspection"
	" WHERE inspection.entity = entity_visit.entity), '')"
	" WHERE entity IN (old.entity, new.entity); END;\n"
	"CREATE TRIGGER inspection_visit_delete AFTER DELETE ON inspection BEGIN"
	" UPDATE entity_visit SET last = COALESCE((SELECT max(started) FROM inspection"
	" WHERE inspection.entity = old.entity), '') WHERE entity = old.entity; END;\n",
	/* 7 -> 8: holiday calendars are county data (common), and a deadline says
	 * how it was counted (provisional: no calendar for its year; by hand) */
	"CREATE TABLE calendar (id TEXT PRIMARY KEY, year TEXT NOT NULL DEFAULT '',"
	" version TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',"
	" body TEXT NOT NULL DEFAULT '', origin TEXT NOT NULL DEFAULT '',"
	" recorded_by TEXT NOT NULL DEFAULT '', created TEXT NOT NULL DEFAULT '');\n"
	"CREATE UNIQUE INDEX calendar_year ON calendar(CAST(year AS INTEGER),"
	" CAST(version AS INTEGER));\n"
	"ALTER TABLE finding ADD COLUMN deadline_basis TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE complaint ADD COLUMN deadline_basis TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE task ADD COLUMN due_basis TEXT NOT NULL DEFAULT '';\n",
	/* 8 -> 9: a record id belongs for ever to the grid where it was made, also
	 * once the record is deleted: the grid of every deleted grid record. (An
	 * INSERT OR REPLACE fires no delete trigger: a replaced record is no
	 * deleted one.) */
	"CREATE TABLE record_gone (id TEXT PRIMARY KEY, grid TEXT NOT NULL) WITHOUT ROWID;\n"
	"CREATE TRIGGER entity_gone AFTER DELETE ON entity BEGIN"
	" INSERT OR IGNORE INTO record_gone(id, grid) VALUES (old.id, old.grid); END;\n"
	"CREATE TRIGGER task_gone AFTER DELETE ON task BEGIN"
	" INSERT OR IGNORE INTO record_gone(id, grid) VALUES (old.id, old.grid); END;\n"
	"CREATE TRIGGER inspection_gone AFTER DELETE ON inspection BEGIN"
	" INSERT OR IGNORE INTO record_gone(id, grid) VALUES (old.id, old.grid); END;\n"
	"CREATE TRIGGER complaint_gone AFTER DELETE ON complaint BEGIN"
	" INSERT OR IGNORE INTO record_gone(id, grid) VALUES (old.id, old.grid); END;\n"
	"CREATE TRIGGER result_gone AFTER DELETE ON result BEGIN"
	" INSERT OR IGNORE INTO record_gone(id, grid) VALUES (old.id, old.grid); END;\n"
	"CREATE TRIGGER finding_gone AFTER DELETE ON finding BEGIN"
	" INSERT OR IGNORE INTO record_gone(id, grid) VALUES (old.id, old.grid); END;\n"
	"CREATE TRIGGER evidence_gone AFTER DELETE ON evidence BEGIN"
	" INSERT OR IGNORE INTO record_gone(id, grid) VALUES (old.id, old.grid); END;\n",
	/* 9 -> 10: lists that cost the page shown, not the table (issue 17).
	 * task_open delivers the open and started tasks in the order the Tasks list
	 * and the Dashboard show them (dated first, by due date, then id), so the
	 * first rows are read, not all of them sorted; task_status_order does the
	 * same for one status. task_count keeps the number of tasks in each status
	 * (the Tasks list's total), as entity_count does for entities. */
	"CREATE INDEX task_open ON task(due = '', due, id) WHERE status IN ('open', 'started');\n"
	"CREATE INDEX task_status_order ON task(status, due = '', due, id);\n"
	"CREATE TABLE task_count (status TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;\n"
	"INSERT INTO task_count(status, n) SELECT status, count(*) FROM task GROUP BY status;\n"
	"CREATE TRIGGER task_count_insert AFTER INSERT ON task BEGIN"
	" INSERT INTO task_count(status, n) VALUES (new.status, 1)"
	" ON CONFLICT(status) DO UPDATE SET n = n + 1; END;\n"
	"CREATE TRIGGER task_count_delete AFTER DELETE ON task BEGIN"
	" UPDATE task_count SET n = n - 1 WHERE status = old.status; END;\n"
	"CREATE TRIGGER task_count_update AFTER UPDATE OF status ON task"
	" WHEN old.status IS NOT new.status BEGIN"
	" UPDATE task_count SET n = n - 1 WHERE status = old.status;"
	" INSERT INTO task_count(status, n) VALUES (new.status, 1)"
	" ON CONFLICT(status) DO UPDATE SET n = n + 1; END;\n"
	/* INSERT OR REPLACE deletes the old row without firing delete triggers. */
	"CREATE TRIGGER task_count_replace BEFORE INSERT ON task BEGIN"
	" UPDATE task_count SET n = n - 1"
	" WHERE status = (SELECT status FROM task WHERE id = new.id); END;\n",
	/* 10 -> 11: 1-2 character searches without reading every entity: each
	 * character and each pair of adjacent ones (wg_grams) of an entity's name,
	 * address, USCC, phone and initials, by rowid. Filled by wg_db_index_entity
	 * and wg_db_reindex_search (SQL cannot split text into grams); a search
	 * still checks the entity itself, so grams left by an old name cost a
	 * lookup, never a wrong result. */
	"CREATE TABLE entity_gram (gram TEXT NOT NULL, rid INTEGER NOT NULL,"
	" PRIMARY KEY (gram, rid)) WITHOUT ROWID;\n",
	/* 11 -> 12: signing keys, registered by the county (common) */
	"CREATE TABLE signer (id TEXT PRIMARY KEY, holder TEXT NOT NULL DEFAULT '',"
	" role TEXT NOT NULL DEFAULT '', grid TEXT NOT NULL DEFAULT '',"
	" name TEXT NOT NULL DEFAULT '', public_key TEXT NOT NULL DEFAULT '',"
	" words TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '',"
	" registered TEXT NOT NULL DEFAULT '', revoked TEXT NOT NULL DEFAULT '',"
	" reason TEXT NOT NULL DEFAULT '', accepted_tip TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX signer_key ON signer(public_key);\n",
	/* 12 -> 13: personal data stays in the county (issue 16). The fields
	 * flagged FF_COUNTY_ONLY (complaint.complainant, complaint.contact,
	 * officer.phone, officer.idcard) move out of the replicated records into
	 * "personal", which no bundle carries; in an officer's workspace they are
	 * dropped. The county's records are marked changed, so its next commit
	 * holds them without; an officer's are not (the officer never commits the
	 * county's data, and the county's next bundle brings the same records).
	 * The triggers keep it so for every later write, a received record of an
	 * older history included. */
	"CREATE TABLE IF NOT EXISTS personal (kind TEXT NOT NULL, id TEXT NOT NULL, field TEXT NOT NULL,"
	" value TEXT NOT NULL, PRIMARY KEY (kind, id, field)) WITHOUT ROWID;\n"
	"CREATE TEMP TABLE personal_was_changed AS SELECT kind, id FROM changed"
	" WHERE kind IN ('complaint', 'officer');\n"
	PERSONAL_MOVE_SQL
	"DELETE FROM changed WHERE kind IN ('complaint', 'officer') AND NOT " PERSONAL_COUNTY
	" AND NOT EXISTS (SELECT 1 FROM temp.personal_was_changed w"
	" WHERE w.kind = changed.kind AND w.id = changed.id);\n"
	"DROP TABLE temp.personal_was_changed;\n"
	PERSONAL_TRIGGER("complaint", "insert", "INSERT", "complainant", "contact")
	PERSONAL_TRIGGER("complaint", "update", "UPDATE OF complainant, contact", "complainant",
			 "contact")
	PERSONAL_TRIGGER("officer", "insert", "INSERT", "phone", "idcard")
	PERSONAL_TRIGGER("officer", "update", "UPDATE OF phone, idcard", "phone", "idcard"),
	/* rules: points, risk, patrol frequency and time limits are county data
	 * (common), versioned, each version with the day it applies from; a
	 * clerk's recompute of earlier facts is recorded beside them */
	"CREATE TABLE rules (id TEXT PRIMARY KEY, ruleset TEXT NOT NULL DEFAULT '',"
	" version TEXT NOT NULL DEFAULT '', effective TEXT NOT NULL DEFAULT '',"
	" scheme TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '',"
	" origin TEXT NOT NULL DEFAULT '', recorded_by TEXT NOT NULL DEFAULT '',"
	" created TEXT NOT NULL DEFAULT '');\n"
	"CREATE UNIQUE INDEX rules_version ON rules(ruleset, CAST(version AS INTEGER));\n"
	"CREATE TABLE recompute (id TEXT PRIMARY KEY, ruleset TEXT NOT NULL DEFAULT '',"
	" version TEXT NOT NULL DEFAULT '', since TEXT NOT NULL DEFAULT '',"
	" reason TEXT NOT NULL DEFAULT '', recorded_by TEXT NOT NULL DEFAULT '',"
	" created TEXT NOT NULL DEFAULT '');\n",
	/* the black list (严重失信主体名单) by county decision, with its steps */
	"CREATE TABLE blacklist (id TEXT PRIMARY KEY, grid TEXT NOT NULL DEFAULT '',"
	" entity TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',"
	" basis TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '',"
	" status TEXT NOT NULL DEFAULT '', noticed TEXT NOT NULL DEFAULT '',"
	" objection_until TEXT NOT NULL DEFAULT '', objection TEXT NOT NULL DEFAULT '',"
	" reply TEXT NOT NULL DEFAULT '', listed TEXT NOT NULL DEFAULT '',"
	" until TEXT NOT NULL DEFAULT '', repaired TEXT NOT NULL DEFAULT '',"
	" removed TEXT NOT NULL DEFAULT '', ended_why TEXT NOT NULL DEFAULT '',"
	" created TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX blacklist_entity ON blacklist(entity);\n"
	"CREATE TRIGGER blacklist_gone AFTER DELETE ON blacklist BEGIN"
	" INSERT OR IGNORE INTO record_gone(id, grid) VALUES (old.id, old.grid); END;\n",
	/* 12 -> 13: administrative penalty cases (行政处罚案件) and their steps, on
	 * the grid branch of the party's grid; the county's discretion standard
	 * (裁量基准) in common. Case numbers (文号) are unique. */
	"CREATE TABLE penalty (id TEXT PRIMARY KEY, grid TEXT NOT NULL DEFAULT '',"
	" entity TEXT NOT NULL DEFAULT '', number TEXT NOT NULL DEFAULT '',"
	" procedure TEXT NOT NULL DEFAULT '', party_type TEXT NOT NULL DEFAULT '',"
	" violation TEXT NOT NULL DEFAULT '', facts TEXT NOT NULL DEFAULT '',"
	" inspectors TEXT NOT NULL DEFAULT '', inspections TEXT NOT NULL DEFAULT '',"
	" stage TEXT NOT NULL DEFAULT '', filed TEXT NOT NULL DEFAULT '',"
	" approved_by TEXT NOT NULL DEFAULT '', decision_due TEXT NOT NULL DEFAULT '',"
	" notified TEXT NOT NULL DEFAULT '', hearing_due TEXT NOT NULL DEFAULT '',"
	" hearing TEXT NOT NULL DEFAULT '', penalty TEXT NOT NULL DEFAULT '',"
	" fine TEXT NOT NULL DEFAULT '', discretion TEXT NOT NULL DEFAULT '',"
	" factor TEXT NOT NULL DEFAULT '', factor_reason TEXT NOT NULL DEFAULT '',"
	" decided TEXT NOT NULL DEFAULT '', decided_by TEXT NOT NULL DEFAULT '',"
	" serve_due TEXT NOT NULL DEFAULT '', served TEXT NOT NULL DEFAULT '',"
	" pay_due TEXT NOT NULL DEFAULT '', paid TEXT NOT NULL DEFAULT '',"
	" surcharge TEXT NOT NULL DEFAULT '', recheck TEXT NOT NULL DEFAULT '',"
	" closed TEXT NOT NULL DEFAULT '', created TEXT NOT NULL DEFAULT '');\n"
	"CREATE TABLE penalty_step (id TEXT PRIMARY KEY, grid TEXT NOT NULL DEFAULT '',"
	" penalty_case TEXT NOT NULL DEFAULT '', step TEXT NOT NULL DEFAULT '',"
	" actors TEXT NOT NULL DEFAULT '', day TEXT NOT NULL DEFAULT '',"
	" person TEXT NOT NULL DEFAULT '', text TEXT NOT NULL DEFAULT '',"
	" created TEXT NOT NULL DEFAULT '');\n"
	"CREATE TABLE discretion (id TEXT PRIMARY KEY, version TEXT NOT NULL DEFAULT '',"
	" source TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '',"
	" recorded_by TEXT NOT NULL DEFAULT '', created TEXT NOT NULL DEFAULT '');\n"
	"CREATE UNIQUE INDEX penalty_number ON penalty(number);\n"
	"CREATE INDEX penalty_stage ON penalty(stage, decision_due);\n"
	"CREATE INDEX penalty_entity ON penalty(entity);\n"
	"CREATE INDEX penalty_step_case ON penalty_step(penalty_case, day);\n"
	"CREATE UNIQUE INDEX discretion_version ON discretion(CAST(version AS INTEGER));\n"
	"CREATE TRIGGER penalty_gone AFTER DELETE ON penalty BEGIN"
	" INSERT OR IGNORE INTO record_gone(id, grid) VALUES (old.id, old.grid); END;\n"
	"CREATE TRIGGER penalty_step_gone AFTER DELETE ON penalty_step BEGIN"
	" INSERT OR IGNORE INTO record_gone(id, grid) VALUES (old.id, old.grid); END;\n",
	/* 13 -> 14: 协管信息报告: the clues officers report, with the category they
	 * chose, and the task the county made of each */
	"CREATE TABLE clue (id TEXT PRIMARY KEY, grid TEXT NOT NULL DEFAULT '',"
	" entity TEXT NOT NULL DEFAULT '', location TEXT NOT NULL DEFAULT '',"
	" found TEXT NOT NULL DEFAULT '', category TEXT NOT NULL DEFAULT '',"
	" content TEXT NOT NULL DEFAULT '', reported TEXT NOT NULL DEFAULT '',"
	" reporter TEXT NOT NULL DEFAULT '', inspection TEXT NOT NULL DEFAULT '',"
	" status TEXT NOT NULL DEFAULT '', task TEXT NOT NULL DEFAULT '',"
	" created TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX clue_found ON clue(found);\n"
	"CREATE TRIGGER clue_gone AFTER DELETE ON clue BEGIN"
	" INSERT OR IGNORE INTO record_gone(id, grid) VALUES (old.id, old.grid); END;\n",
	/* 14 -> 15: a county rule value: the working days within which a penalty
	 * decision is published (empty: 7) */
	"ALTER TABLE county ADD COLUMN penalty_publish_days TEXT NOT NULL DEFAULT '';\n",
	/* staff and scope (issue 21): an entity's practitioners (执业人员), their
	 * ID numbers kept by the county alone (the triggers as for complaints);
	 * a medical institution's registered services (诊疗科目); the county's
	 * notices of points (记分告知) */
	"CREATE TABLE staff (id TEXT PRIMARY KEY, grid TEXT NOT NULL DEFAULT '',"
	" entity TEXT NOT NULL DEFAULT '', name TEXT NOT NULL DEFAULT '',"
	" kind TEXT NOT NULL DEFAULT '', cert TEXT NOT NULL DEFAULT '',"
	" cert_expiry TEXT NOT NULL DEFAULT '', place TEXT NOT NULL DEFAULT '',"
	" scope TEXT NOT NULL DEFAULT '', idcard TEXT NOT NULL DEFAULT '',"
	" status TEXT NOT NULL DEFAULT '', created TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX staff_entity ON staff(entity, name);\n"
	"CREATE INDEX staff_expiry ON staff(cert_expiry);\n"
	"CREATE TRIGGER staff_gone AFTER DELETE ON staff BEGIN"
	" INSERT OR IGNORE INTO record_gone(id, grid) VALUES (old.id, old.grid); END;\n"
	PERSONAL_TRIGGER1("staff", "insert", "INSERT", "idcard")
	PERSONAL_TRIGGER1("staff", "update", "UPDATE OF idcard", "idcard")
	"ALTER TABLE entity ADD COLUMN subjects TEXT NOT NULL DEFAULT '';\n"
	"CREATE INDEX entity_licence_expiry ON entity(licence_expiry);\n"
	"CREATE TABLE notice (id TEXT PRIMARY KEY, grid TEXT NOT NULL DEFAULT '',"
	" finding TEXT NOT NULL DEFAULT '', staff TEXT NOT NULL DEFAULT '',"
	" noticed TEXT NOT NULL DEFAULT '', answer_until TEXT NOT NULL DEFAULT '',"
	" answer TEXT NOT NULL DEFAULT '', answered TEXT NOT NULL DEFAULT '',"
	" status TEXT NOT NULL DEFAULT '', decided TEXT NOT NULL DEFAULT '',"
	" reason TEXT NOT NULL DEFAULT '', created TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX notice_finding ON notice(finding);\n"
	"CREATE INDEX notice_staff ON notice(staff);\n"
	"CREATE TRIGGER notice_gone AFTER DELETE ON notice BEGIN"
	" INSERT OR IGNORE INTO record_gone(id, grid) VALUES (old.id, old.grid); END;\n",
	/* county rule values: the case number's prefix (empty: "<county>卫罚"),
	 * and whether officers may issue a 卫生监督意见书 from a patrol (empty:
	 * no) */
	"ALTER TABLE county ADD COLUMN case_prefix TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE county ADD COLUMN officer_opinion TEXT NOT NULL DEFAULT '';\n",
	/* what an import did: one row per bundle file that brought something new,
	 * with who sent it (an officer's id, or "county") and what it counted;
	 * per branch it moved, the tip before and after, from which the records
	 * it changed are read back out of the history (before '': no branch yet).
	 * A conflict names who wrote ours and theirs (an officer's id or
	 * "county"), when, and the import that met it. */
	"CREATE TABLE sync_import (id INTEGER PRIMARY KEY, at TEXT NOT NULL, file TEXT NOT NULL,"
	" sender TEXT NOT NULL DEFAULT '', added INTEGER NOT NULL DEFAULT 0,"
	" changed INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0,"
	" conflicts INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE TABLE sync_import_ref (import INTEGER NOT NULL, ref TEXT NOT NULL,"
	" before TEXT NOT NULL, after TEXT NOT NULL, PRIMARY KEY (import, ref)) WITHOUT ROWID;\n"
	"CREATE INDEX sync_import_after ON sync_import_ref(ref, after);\n"
	"ALTER TABLE conflict ADD COLUMN ours_by TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE conflict ADD COLUMN ours_at TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE conflict ADD COLUMN theirs_by TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE conflict ADD COLUMN theirs_at TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE conflict ADD COLUMN import INTEGER NOT NULL DEFAULT 0;\n",
	NATURAL_KEY_MIGRATION,
	/* Size on disk (issue 17): entity(category) is the first column of
	 * entity_category_key (category, name_key), which answers every lookup
	 * by category as well (3.9 MB on the large demo county). */
	"DROP INDEX IF EXISTS entity_category;\n",
	/* The first screen's expiry, complaint and desk lines from indexes that hold
	 * only what they count, in the order shown: the licences and certificates
	 * still in force by expiry date and name (an index on the date alone began
	 * at the 70,000 entities with none), the complaints not closed by deadline. */
	"DROP INDEX IF EXISTS entity_licence_expiry;\n"
	"CREATE INDEX entity_licence_due ON entity(licence_expiry, name, id, grid, status)"
	" WHERE licence_expiry > '' AND status <> 'closed';\n"
	"DROP INDEX IF EXISTS staff_expiry;\n"
	"CREATE INDEX staff_cert_due ON staff(cert_expiry, name, id, grid, entity, status)"
	" WHERE cert_expiry > '' AND status = 'active';\n"
	"CREATE INDEX complaint_open ON complaint(deadline, status) WHERE status <> 'closed';\n"
	/* the grids' open tasks, and those made since the last dispatch, for the
	 * desk's dispatch line: a count per grid, not a walk of every open task */
	"CREATE INDEX task_open_grid ON task(grid, created, status)"
	" WHERE status IN ('open', 'started');\n"
	/* the random-inspection tasks whose results are not yet published */
	"CREATE INDEX task_unpublished ON task(entity, id) WHERE kind = 'random' AND published = '';\n"
	/* the findings that can carry points (a violation code), covering what
	 * the points and their alerts read: not every finding of the county */
	"CREATE INDEX finding_violation ON finding(status, entity, inspection, violation, found, id)"
	" WHERE violation != '';\n",
	/* Due for a patrol, and risk (issue 17): each entity's last signed
	 * inspection or patrol kept beside its last visit, so grading the
	 * entities due reads one row each, not every inspection of theirs with a
	 * look for a correction of each. The three inspection triggers are
	 * replaced, none added; the one for a new inspection reads the entity's
	 * inspections only when the new one is signed (or signs a correction). */
	"ALTER TABLE entity_visit ADD COLUMN last_result TEXT;\n"
	"ALTER TABLE entity_visit ADD COLUMN last_signed TEXT;\n"
	"UPDATE entity_visit SET " VISIT_SIGNED_SET ";\n"
	"DROP TRIGGER IF EXISTS inspection_visit_insert;\n"
	"DROP TRIGGER IF EXISTS inspection_visit_update;\n"
	"DROP TRIGGER IF EXISTS inspection_visit_delete;\n"
	"CREATE TRIGGER inspection_visit_insert AFTER INSERT ON inspection BEGIN"
	" UPDATE entity_visit SET last = new.started"
	" WHERE entity = new.entity AND last < new.started;"
	" UPDATE entity_visit SET " VISIT_SIGNED_SET " WHERE new.status = 'signed' AND entity IN"
	" (new.entity, (SELECT entity FROM inspection WHERE id = new.corrects)); END;\n"
	"CREATE TRIGGER inspection_visit_update AFTER UPDATE ON inspection BEGIN"
	" UPDATE entity_visit SET last = COALESCE((SELECT max(started) FROM inspection"
	" WHERE inspection.entity = entity_visit.entity), ''), " VISIT_SIGNED_SET
	" WHERE entity IN (old.entity, new.entity,"
	" (SELECT entity FROM inspection WHERE id = new.corrects)); END;\n"
	"CREATE TRIGGER inspection_visit_delete AFTER DELETE ON inspection BEGIN"
	" UPDATE entity_visit SET last = COALESCE((SELECT max(started) FROM inspection"
	" WHERE inspection.entity = old.entity), ''), " VISIT_SIGNED_SET
	" WHERE entity IN (old.entity, (SELECT entity FROM inspection WHERE id = old.corrects));"
	" END;\n"
	/* A task search (as you type) through indexes: the open tasks of the
	 * entities a search finds, and the titles of every open task, scanned
	 * in this index rather than in the 1.35 M rows of the table (the status
	 * too, or sqlite reads each row to check it). */
	"CREATE INDEX task_open_search ON task(entity, title, status)"
	" WHERE status IN ('open', 'started');\n",
	/* The signed results of random inspections not yet published (local,
	 * derived, never synced; issue 17): publish_wait has one row per signed
	 * inspection of a random task without a published date, with its
	 * signing day (China time), and publish_day how many of them each day
	 * has. The desk sums the days, and the days before a cutoff for those
	 * past the time limit (counted back from today on the calendar when
	 * asked: nothing stored depends on the calendar or the limit), instead
	 * of reading every task and inspection. Each trigger deletes what the
	 * old row gave and inserts what the new one gives, so INSERT OR REPLACE
	 * (which fires no delete trigger) stays right. */
	/* The points alerts likewise (wg_points_alerts_count): each entity's last
	 * result (reached a band or not) and the last day it holds for (its
	 * cycles' ends, the end of a notice's answer period), kept by the desk;
	 * the triggers put an entity whose findings, their inspections or
	 * notices, or its licence date change into points_stale, which the desk
	 * computes again (and every one when the rules change). */
	"CREATE TABLE points_alert (entity TEXT PRIMARY KEY, reached INTEGER NOT NULL,"
	" until TEXT NOT NULL) WITHOUT ROWID;\n"
	"CREATE INDEX points_alert_until ON points_alert(until);\n"
	"CREATE INDEX points_alert_reached ON points_alert(entity) WHERE reached;\n"
	"CREATE TABLE points_stale (entity TEXT PRIMARY KEY) WITHOUT ROWID;\n"
	POINTS_STALE_ALL
	"CREATE TRIGGER finding_points_insert AFTER INSERT ON finding WHEN new.violation != ''"
	" BEGIN INSERT OR IGNORE INTO points_stale VALUES (new.entity); END;\n"
	"CREATE TRIGGER finding_points_update AFTER UPDATE OF entity, inspection, status,"
	" violation, found ON finding WHEN old.violation != '' OR new.violation != ''"
	" BEGIN INSERT OR IGNORE INTO points_stale VALUES (old.entity), (new.entity); END;\n"
	"CREATE TRIGGER finding_points_delete AFTER DELETE ON finding WHEN old.violation != ''"
	" BEGIN INSERT OR IGNORE INTO points_stale VALUES (old.entity); END;\n"
	"CREATE TRIGGER notice_points_insert AFTER INSERT ON notice BEGIN"
	" INSERT OR IGNORE INTO points_stale SELECT entity FROM finding WHERE id = new.finding;"
	" END;\n"
	"CREATE TRIGGER notice_points_update AFTER UPDATE ON notice BEGIN"
	" INSERT OR IGNORE INTO points_stale SELECT entity FROM finding"
	" WHERE id IN (old.finding, new.finding); END;\n"
	"CREATE TRIGGER notice_points_delete AFTER DELETE ON notice BEGIN"
	" INSERT OR IGNORE INTO points_stale SELECT entity FROM finding WHERE id = old.finding;"
	" END;\n"
	"CREATE TRIGGER entity_points_insert AFTER INSERT ON entity BEGIN"
	" INSERT OR IGNORE INTO points_stale VALUES (new.id); END;\n"
	"CREATE TRIGGER entity_points_update AFTER UPDATE OF id, licence_expiry ON entity BEGIN"
	" INSERT OR IGNORE INTO points_stale VALUES (new.id); END;\n"
	"CREATE TABLE publish_wait (inspection TEXT PRIMARY KEY, task TEXT NOT NULL,"
	" signed TEXT NOT NULL, day TEXT NOT NULL) WITHOUT ROWID;\n"
	"CREATE INDEX publish_wait_task ON publish_wait(task);\n"
	"CREATE TABLE publish_day (day TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;\n"
	"CREATE TRIGGER publish_wait_insert AFTER INSERT ON publish_wait BEGIN"
	" INSERT INTO publish_day(day, n) VALUES (new.day, 1)"
	" ON CONFLICT(day) DO UPDATE SET n = n + 1; END;\n"
	"CREATE TRIGGER publish_wait_delete AFTER DELETE ON publish_wait BEGIN"
	" UPDATE publish_day SET n = n - 1 WHERE day = old.day;"
	" DELETE FROM publish_day WHERE day = old.day AND n = 0; END;\n"
	/* what publish_wait holds, defined once for the fill and the triggers; a
	 * result's day as the screens show it (China time, '' without a time) */
	"CREATE VIEW publish_ready AS SELECT i.id AS inspection, t.id AS task, i.signed,"
	" coalesce(date(i.signed, '+8 hours'), '') FROM task t JOIN inspection i"
	" ON i.entity = t.entity AND i.task = t.id AND i.status = 'signed'"
	" WHERE t.kind = 'random' AND t.published = '';\n"
	PUBLISH_WAIT_FILL
	/* (an AFTER INSERT has no old row: a replaced one had new.id) */
	"CREATE TRIGGER inspection_publish_insert AFTER INSERT ON inspection BEGIN"
	POINTS_STALE_OF_INSPECTION("new.id")
	" DELETE FROM publish_wait WHERE inspection = new.id;"
	" INSERT INTO publish_wait SELECT * FROM publish_ready WHERE inspection = new.id; END;\n"
	"CREATE TRIGGER inspection_publish_update AFTER UPDATE OF id, entity, task, kind, status,"
	" signed ON inspection BEGIN"
	POINTS_STALE_OF_INSPECTION("old.id, new.id")
	" DELETE FROM publish_wait WHERE inspection = old.id;"
	" INSERT INTO publish_wait SELECT * FROM publish_ready WHERE inspection = new.id; END;\n"
	"CREATE TRIGGER inspection_publish_delete AFTER DELETE ON inspection BEGIN"
	POINTS_STALE_OF_INSPECTION("old.id")
	" DELETE FROM publish_wait WHERE inspection = old.id; END;\n"
	"CREATE TRIGGER task_publish_insert AFTER INSERT ON task BEGIN"
	" DELETE FROM publish_wait WHERE task = new.id;"
	" INSERT INTO publish_wait SELECT * FROM publish_ready WHERE task = new.id; END;\n"
	"CREATE TRIGGER task_publish_update AFTER UPDATE OF id, entity, kind, published ON task BEGIN"
	" DELETE FROM publish_wait WHERE task = old.id;"
	" INSERT INTO publish_wait SELECT * FROM publish_ready WHERE task = new.id; END;\n"
	"CREATE TRIGGER task_publish_delete AFTER DELETE ON task BEGIN"
	" DELETE FROM publish_wait WHERE task = old.id; END;\n"
	/* the desk's returns line looks up each grid's last bundles sent and
	 * received: by branch, not a walk of every bundle ever recorded */
	"CREATE INDEX sync_sent_branch ON sync_sent(branch, seq);\n"
	"CREATE INDEX sync_received_branch ON sync_received(branch, seq);\n",
	/* A task search checks the titles of the open and started tasks: each
	 * once in task_title (about 2,400 on the large demo county, for 54,000
	 * tasks), with how many tasks have it, and the tasks of those that match
	 * through task_open_title (the status in it too, or sqlite reads each task
 * to check it; issue 17). A title stays while an open task
	 * has it (checked in the index when one goes), so the titles never miss
	 * one; n, which an INSERT OR REPLACE could make drift as task_count's,
	 * only chooses how the search goes. */
	"CREATE INDEX task_open_title ON task(title, status) WHERE status IN ('open', 'started');\n"
	"CREATE TABLE task_title (title TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;\n"
	TASK_TITLE_FILL
	"CREATE TRIGGER task_title_insert AFTER INSERT ON task"
	" WHEN new.status IN ('open', 'started') BEGIN"
	" INSERT INTO task_title(title, n) VALUES (new.title, 1)"
	" ON CONFLICT(title) DO UPDATE SET n = n + 1; END;\n"
	"CREATE TRIGGER task_title_delete AFTER DELETE ON task"
	" WHEN old.status IN ('open', 'started') BEGIN"
	" UPDATE task_title SET n = n - 1 WHERE title = old.title;"
	" DELETE FROM task_title WHERE title = old.title AND NOT EXISTS (SELECT 1 FROM task"
	" INDEXED BY task_open_title WHERE title = old.title AND status IN ('open', 'started'));"
	" END;\n"
	"CREATE TRIGGER task_title_update AFTER UPDATE OF title, status ON task"
	" WHEN old.status IN ('open', 'started') OR new.status IN ('open', 'started') BEGIN"
	" UPDATE task_title SET n = n - 1"
	" WHERE old.status IN ('open', 'started') AND title = old.title;"
	" DELETE FROM task_title WHERE old.status IN ('open', 'started') AND title = old.title"
	" AND NOT EXISTS (SELECT 1 FROM task INDEXED BY task_open_title WHERE title = old.title"
	" AND status IN ('open', 'started'));"
	" INSERT INTO task_title(title, n) SELECT new.title, 1"
	" WHERE new.status IN ('open', 'started') ON CONFLICT(title) DO UPDATE SET n = n + 1;"
	" END;\n"
	/* INSERT OR REPLACE deletes the old row without firing delete triggers. */
	"CREATE TRIGGER task_title_replace BEFORE INSERT ON task BEGIN"
	" UPDATE task_title SET n = n - 1 WHERE title ="
	" (SELECT title FROM task WHERE id = new.id AND status IN ('open', 'started')); END;\n",
	/* A task search that walks the open tasks checks each one's title and
	 * entity: with both in task_open the walk reads the index alone, and a
	 * task only when it is shown (issue 17). '中心' on the large demo county
	 * walks 5,661 tasks: 19,000 pages read -> 10,400, 67 -> 55 M
	 * instructions; the index grows from 733 to 1,630 pages. */
	"DROP INDEX task_open;\n"
	"CREATE INDEX task_open ON task(due = '', due, id, entity, title)"
	" WHERE status IN ('open', 'started');\n",
	CHANGED_GRID_MIGRATION,
	PENDING_MIGRATION,
	/* The disclosure lists the results signed in a few days: the signed
	 * inspections by signing time let it read those days' alone, not every
	 * inspection (issue 17: Enter on the desk's publish line of the large
	 * demo county read all 1.35 M inspections). Partial on what wg_disclose
	 * asks (status 'signed', signed set), not on the kind: a random task's
	 * inspection may be of kind 'patrol'. */
	"CREATE INDEX inspection_signed_at ON inspection(signed)"
	" WHERE status = 'signed' AND signed <> '';\n",
	/* The tasks' indexes that cost the disk more than they save (issue 17:
	 * 59 MB of the large demo county's 1.73 GB). task(status, due) repeats
	 * task_status_order without the "undated" column: a range of due dates
	 * within a status is a range of task_status_order once the query says
	 * the task is dated ((due = '') = 0, i.e. due <> ''). task(due) served
	 * only the random tasks due in a period per grid (the desk's report):
	 * their own small index does it, per grid. task(source) held every task,
	 * 1.14 M of 1.35 M (the patrols) with no source: it holds those with one, which every
	 * query by source asks for (source <> ''). */
	"DROP INDEX IF EXISTS task_status_due;\n"
	"DROP INDEX IF EXISTS task_due;\n"
	"CREATE INDEX task_random_due ON task(grid, due, status) WHERE kind = 'random';\n"
	"DROP INDEX IF EXISTS task_source;\n"
	"CREATE INDEX task_source ON task(source) WHERE source <> '';\n",
	/* Records pending by the run of rowids they fill: what a bulk write (the
	 * demo county built without its history) says in a row per run of a
	 * grid's records of a kind instead of a row of pending per record
	 * (issue 17: the large demo county's 3.18 M rows were 200 MB of its
	 * 1.59 GB and 11 s of its 82 s build). Each record of kind with a rowid
	 * from lo to hi that is pending for grid (a grid kind's record in grid,
	 * any other kind's for grid '') is pending as if pending held it, not
	 * moved; n of them were, for the progress bars and the count of changes
	 * not yet sent. A kind's records of some grids are read by their runs,
	 * a range of the table each, not by a scan of it; by kind first, so
	 * that a commit of every grid reads a kind's runs as a range too. A
	 * commit that takes a grid's pending rows takes its runs too. */
	"CREATE TABLE pending_whole (kind TEXT NOT NULL, grid TEXT NOT NULL, lo INTEGER NOT NULL,"
	" hi INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (kind, grid, lo)) WITHOUT ROWID;\n",
	/* entity_visit right after an inspection stops correcting one, and
	 * after a record replaces an inspection (INSERT OR REPLACE, as sync
	 * applies them, deletes the old row without its delete trigger): the
	 * update trigger refreshes the entity of the old correction's target
	 * too, and a BEFORE INSERT trigger keeps the replaced row's entity and
	 * its target's in visit_redo (empty between statements), which the
	 * insert trigger refreshes and empties. Before, both left the entity's
	 * last visit or last signed result wrong until a rebuild. Written to
	 * run again on a workspace that has it (IF EXISTS). */
	"CREATE TABLE IF NOT EXISTS visit_redo (entity TEXT PRIMARY KEY) WITHOUT ROWID;\n"
	"DROP TRIGGER IF EXISTS inspection_visit_replace;\n"
	"DROP TRIGGER IF EXISTS inspection_visit_insert;\n"
	"DROP TRIGGER IF EXISTS inspection_visit_update;\n"
	"CREATE TRIGGER inspection_visit_replace BEFORE INSERT ON inspection BEGIN"
	" INSERT OR IGNORE INTO visit_redo(entity) SELECT entity FROM inspection WHERE id = new.id"
	" UNION SELECT c.entity FROM inspection o JOIN inspection c ON c.id = o.corrects"
	" WHERE o.id = new.id AND o.corrects != ''; END;\n"
	"CREATE TRIGGER inspection_visit_insert AFTER INSERT ON inspection BEGIN"
	" UPDATE entity_visit SET last = new.started"
	" WHERE entity = new.entity AND last < new.started;"
	" UPDATE entity_visit SET " VISIT_SIGNED_SET " WHERE new.status = 'signed' AND entity IN"
	" (new.entity, (SELECT entity FROM inspection WHERE id = new.corrects));"
	" UPDATE entity_visit SET last = COALESCE((SELECT max(started) FROM inspection"
	" WHERE inspection.entity = entity_visit.entity), ''), " VISIT_SIGNED_SET
	" WHERE entity IN (SELECT entity FROM visit_redo);"
	" DELETE FROM visit_redo; END;\n"
	"CREATE TRIGGER inspection_visit_update AFTER UPDATE ON inspection BEGIN"
	" UPDATE entity_visit SET last = COALESCE((SELECT max(started) FROM inspection"
	" WHERE inspection.entity = entity_visit.entity), ''), " VISIT_SIGNED_SET
	" WHERE entity IN (old.entity, new.entity,"
	" (SELECT entity FROM inspection WHERE id = old.corrects),"
	" (SELECT entity FROM inspection WHERE id = new.corrects)); END;\n",
	/* 34 -> 35 */
	change_triggers_migration,
	/* 35 -> 36 */
	pending_record_migration,
};

#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

int wg_db_schema_version(void)
{
	return (int)NMIGRATIONS;
}
#define SEARCH_MIGRATION 4 /* the step that adds the search index */
#define GRAM_MIGRATION 10  /* the step that adds entity_gram */

/* Does the kind live on the grids' branches, a record on its grid's? */
static bool grid_kind(const struct wg_kind *kind)
{
	return kind->branch == BRANCH_GRID && kind->grid_field > 0;
}

void wg_db_add_kind_names(strbuf *sql)
{
	for (size_t k = 0; k < wg_nkinds; k++)
		sb_addf(sql, "%s'%s'", k ? ", " : "", wg_kinds[k]->name);
}

const char *wg_db_pending_grid_field(const struct wg_kind *kind)
{
	return grid_kind(kind) ? kind->fields[kind->grid_field].name : NULL;
}

/* Triggers that record changed rows in pending; made for every kind so none
 * is forgotten. A grid kind's record is pending for the grid it is in and,
 * when it moves or goes, the one it was in; any other kind's for grid ''. */
static int add_change_triggers(sqlite3 *db, wg_error *err)
{
	static const char *const ops[] = {"INSERT", "UPDATE", "DELETE"};
	for (size_t k = 0; k < wg_nkinds; k++) {
		const struct wg_kind *kind = wg_kinds[k];
		const char *t = kind->name;
		const char *g = wg_db_pending_grid_field(kind);
		long ncolumns;
		int crc = wg_count_rows(db, "SELECT 1 FROM pragma_table_info(?1)", t, &ncolumns,
					NULL, 0, err);
		if (crc)
			return crc;
		bool more_columns = ncolumns != (long)kind->nfields;
		for (size_t o = 0; o < 3; o++) {
			const char *row = o == 2 ? "old" : "new";
			strbuf body = STRBUF_INIT;
			if (!g)
				sb_addf(&body, " INSERT OR IGNORE INTO pending(grid, kind, id)"
					       " VALUES ('', '%s', %s.id);", t, row);
			if (g && o != 0)
				sb_addf(&body, " INSERT OR IGNORE INTO pending(grid, kind, id)"
					       " VALUES (old.%s, '%s', %s.id);", g, t, row);
			if (g && o == 0)
				sb_addf(&body, " INSERT OR IGNORE INTO pending(grid, kind, id)"
					       " VALUES (new.%s, '%s', new.id);", g, t);
			if (g && o == 1)
				sb_addf(&body, " INSERT INTO pending(grid, kind, id, moved)"
					       " VALUES (new.%s, '%s', new.id, old.%s IS NOT new.%s)"
					       " ON CONFLICT DO UPDATE SET moved = moved OR excluded.moved;",
					g, t, g, g);
			/* An UPDATE of a column that is not a field (entity's
			 * name_key, derived) changes no record: only a table with
			 * such columns needs its fields named. */
			bool name_fields = o == 1 && more_columns;
			char *sql = xasprintf(
				"CREATE TRIGGER IF NOT EXISTS %s_%s_changed AFTER %s%s%s ON %s BEGIN%s END;",
				t, ops[o], ops[o], name_fields ? " OF " : "",
				name_fields ? wg_db_columns(kind) : "", t, sb_str(&body));
			sb_release(&body);
			int rc = wg_db_exec(db, sql, err);
			free(sql);
			if (rc)
				return rc;
		}
	}
	return WG_OK;
}

static int drop_change_triggers(sqlite3 *db, bool grid_kinds_only, wg_error *err)
{
	static const char *const ops[] = {"INSERT", "UPDATE", "DELETE"};
	int rc = WG_OK;
	for (size_t k = 0; k < wg_nkinds && rc == WG_OK; k++) {
		if (grid_kinds_only && !grid_kind(wg_kinds[k]))
			continue;
		for (size_t o = 0; o < 3 && rc == WG_OK; o++) {
			char *sql = xasprintf("DROP TRIGGER IF EXISTS %s_%s_changed", wg_kinds[k]->name,
					      ops[o]);
			rc = wg_db_exec(db, sql, err);
			free(sql);
		}
	}
	return rc;
}

/* changed_grid for the records already pending: the grid each is in, '' for
 * one gone. */
static int fill_pending_grids(sqlite3 *db, wg_error *err)
{
	int rc = WG_OK;
	for (size_t k = 0; k < wg_nkinds && rc == WG_OK; k++) {
		const struct wg_kind *kind = wg_kinds[k];
		if (!grid_kind(kind))
			continue;
		/* whether one moved is not known: any may have */
		char *sql = xasprintf(
			"INSERT OR IGNORE INTO changed_grid(grid, kind, id, moved)"
			" SELECT coalesce(t.%s, ''), c.kind, c.id, 1 FROM changed c LEFT JOIN %s t"
			" ON t.id = c.id WHERE c.kind = '%s'",
			kind->fields[kind->grid_field].name, kind->name, kind->name);
		rc = wg_db_exec(db, sql, err);
		free(sql);
	}
	return rc;
}

/* The change triggers of the grid kinds made before changed_grid: dropped,
 * to be made anew with its rows (add_change_triggers), and the table filled
 * for the records already pending. */
static int fill_changed_grid(sqlite3 *db, wg_error *err)
{
	int rc = drop_change_triggers(db, true, err);
	return rc ? rc : fill_pending_grids(db, err);
}

/* The rest of the pending migration, after changed_grid's rows went into
 * pending: the records of changed that no row of changed_grid holds (the
 * common kinds', for grid ''; a grid kind's written by another program, for
 * the grid it is in, and it may have moved; one gone for grid '' too, even
 * when changed_grid knew its grid: finding that row is a scan of changed_grid
 * per record, and every grid's commit takes grid ''), then the two tables
 * and the triggers that wrote them go (add_change_triggers makes them anew). */
static int pending_convert(sqlite3 *db, wg_error *err)
{
	int rc = WG_OK;
	for (size_t k = 0; k < wg_nkinds && rc == WG_OK; k++) {
		const struct wg_kind *kind = wg_kinds[k];
		const char *g = wg_db_pending_grid_field(kind);
		char *sql = g ? xasprintf("INSERT OR IGNORE INTO pending(grid, kind, id, moved)"
					  " SELECT coalesce(t.%s, ''), c.kind, c.id, 1 FROM changed c"
					  " LEFT JOIN %s t ON t.id = c.id WHERE c.kind = '%s'",
					  g, kind->name, kind->name)
			      : xasprintf("INSERT OR IGNORE INTO pending(grid, kind, id)"
					  " SELECT '', kind, id FROM changed WHERE kind = '%s'",
					  kind->name);
		rc = wg_db_exec(db, sql, err);
		free(sql);
	}
	if (rc == WG_OK)
		rc = drop_change_triggers(db, false, err);
	return rc ? rc : wg_db_exec(db, "DROP TABLE changed; DROP TABLE changed_grid;", err);
}

int wg_db_fail(sqlite3 *db, wg_error *err)
{
	int code = sqlite3_errcode(db);
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return wg_fail(err, WG_EINPUT,
			       _("the workspace is busy: another wangge is writing to it; try again "
				 "when it has finished"));
	if (code == SQLITE_FULL)
		return wg_fail(err, WG_EINTERNAL, _("the disk is full"));
	if (code == SQLITE_NOMEM)
		return wg_fail(err, WG_EINTERNAL,
			       _("not enough memory for this; close other programs and try again"));
	if (code == SQLITE_READONLY)
		return wg_fail(err, WG_EINTERNAL, _("the workspace is read-only"));
	if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
		return wg_fail(err, WG_EINTERNAL,
			       _("the workspace database is damaged (%s); restore it from a backup "
				 "or import the last bundle into a new workspace"),
			       sqlite3_errmsg(db));
	return wg_fail(err, WG_EINTERNAL, _("database error: %s"), sqlite3_errmsg(db));
}

int wg_db_exec(sqlite3 *db, const char *sql, wg_error *err)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	return WG_OK;
}

/* Transactions nest: the outermost is BEGIN IMMEDIATE (takes the write lock at
 * once), inner ones are savepoints, so an operation can call others and still
 * change all or nothing. The depth is kept per connection (a county's and an
 * officer's workspace can be open at once) and per thread (the demo enrolls
 * its officers from worker threads, each with its own connections). */
#define TX_SLOTS 16
static _Thread_local struct {
	sqlite3 *db;
	int depth;
} tx[TX_SLOTS];

/* The depth counter of db; with create, a free slot is taken for it. */
static int *tx_depth(sqlite3 *db, bool create)
{
	for (int i = 0; i < TX_SLOTS; i++)
		if (tx[i].db == db && tx[i].depth > 0)
			return &tx[i].depth;
	for (int i = 0; create && i < TX_SLOTS; i++)
		if (tx[i].depth == 0) {
			tx[i].db = db;
			return &tx[i].depth;
		}
	return NULL;
}

int wg_db_begin(sqlite3 *db, wg_error *err)
{
	int *depth = tx_depth(db, true);
	if (!depth)
		return wg_fail(err, WG_EINTERNAL, _("database error: %s"),
			       "too many transactions open at once");
	int rc = wg_db_exec(db, *depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested", err);
	if (rc == WG_OK)
		(*depth)++;
	return rc;
}

int wg_db_commit(sqlite3 *db, wg_error *err)
{
	int *depth = tx_depth(db, false);
	int rc = wg_db_exec(db, !depth || *depth == 1 ? "COMMIT" : "RELEASE nested", err);
	if (rc) {
		wg_db_rollback(db);
		return rc;
	}
	if (depth)
		(*depth)--;
	return WG_OK;
}

void wg_db_rollback(sqlite3 *db)
{
	int *depth = tx_depth(db, false);
	if (!depth)
		return;
	if (*depth == 1)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	else
		sqlite3_exec(db, "ROLLBACK TO nested; RELEASE nested", NULL, NULL, NULL);
	(*depth)--;
}

static int user_version(sqlite3 *db, int *v, wg_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return wg_db_fail(db, err);
	}
	*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return WG_OK;
}

/* ---- entity_gram ---- */

struct gram_sink {
	sqlite3_stmt *st;
	int rc;
};

static void gram_insert(const char *gram, size_t len, void *ctx)
{
	struct gram_sink *g = ctx;
	if (g->rc != SQLITE_DONE)
		return;
	sqlite3_bind_text(g->st, 1, gram, (int)len, SQLITE_TRANSIENT);
	g->rc = sqlite3_step(g->st);
	sqlite3_reset(g->st);
}

/* The grams of the texts of one entity, for rowid rid, into insert (bound: ?1
 * gram, ?2 rid). */
static int grams_add(sqlite3 *db, sqlite3_stmt *insert, sqlite3_int64 rid,
		     const char *const texts[], size_t ntexts, wg_error *err)
{
	struct gram_sink g = {insert, SQLITE_DONE};
	sqlite3_bind_int64(insert, 2, rid);
	for (size_t i = 0; i < ntexts && g.rc == SQLITE_DONE; i++)
		if (texts[i])
			wg_grams(texts[i], gram_insert, &g);
	return g.rc == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

/* Run a prepared insert once and make it ready for the next row. */
static int insert_step(sqlite3 *db, sqlite3_stmt *st, wg_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

/* The grams of the texts of one entity into set, those that do not fit it
 * through insert. */
struct gram_gather {
	wg_gram_set *set;
	sqlite3_int64 rid;
	struct gram_sink direct;
};

static void gram_gather(const char *gram, size_t len, void *ctx)
{
	struct gram_gather *g = ctx;
	if (!wg_gram_set_add(g->set, gram, len, g->rid))
		gram_insert(gram, len, &g->direct);
}

/* entity_gram anew for every entity. The pairs are gathered in memory and
 * written in key order: appended, not scattered over a b-tree that does not
 * fit the page cache, and without a temporary table and a sort in SQLite
 * (wg_gram_set). The progress bar's first half reads the entities, its
 * second writes the grams. */
static int reindex_grams(sqlite3 *db, wg_error *err)
{
	sqlite3_stmt *sel = NULL, *ins = NULL;
	wg_gram_set set = WG_GRAM_SET_INIT;
	int rc;
	if ((rc = wg_db_exec(db, "DELETE FROM entity_gram;", err)))
		return rc;
	if (sqlite3_prepare_v2(db, "SELECT e.rowid, e.name, e.address, e.uscc, e.phone,"
			       " COALESCE(i.initials, '') FROM entity e"
			       " LEFT JOIN entity_initials i ON i.id = e.rowid", -1, &sel,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO entity_gram(gram, rid) VALUES (?1, ?2)",
			       -1, &ins, NULL) != SQLITE_OK) {
		rc = wg_db_fail(db, err);
		goto done;
	}
	unsigned long total = 0, seen = 0;
	sqlite3_stmt *cst;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM entity", -1, &cst, NULL) == SQLITE_OK &&
	    sqlite3_step(cst) == SQLITE_ROW)
		total = (unsigned long)sqlite3_column_int64(cst, 0);
	sqlite3_finalize(cst);
	struct gram_gather g = {&set, 0, {ins, SQLITE_DONE}};
	int step;
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		wg_progress(N_("Indexing the entities for search"), ++seen, 2 * total);
		g.rid = sqlite3_column_int64(sel, 0);
		sqlite3_bind_int64(ins, 2, g.rid);
		for (int c = 0; c < 5 && g.direct.rc == SQLITE_DONE; c++) {
			const char *text = (const char *)sqlite3_column_text(sel, c + 1);
			if (text)
				wg_grams(text, gram_gather, &g);
		}
		if (g.direct.rc != SQLITE_DONE) {
			rc = wg_db_fail(db, err);
			goto done;
		}
	}
	if (step != SQLITE_DONE) {
		rc = wg_db_fail(db, err);
		goto done;
	}
	wg_gram_set_sort(&set);
	for (size_t i = 0; i < set.npairs; i++) {
		if (i % 4096 == 0)
			wg_progress(N_("Indexing the entities for search"),
				    total + (unsigned long)((double)i / (double)set.npairs * (double)total),
				    2 * total);
		int64_t rid;
		const char *gram = wg_gram_set_pair(&set, i, &rid);
		sqlite3_bind_text(ins, 1, gram, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 2, rid);
		if ((rc = insert_step(db, ins, err)))
			goto done;
	}
done:
	wg_progress_end();
	wg_gram_set_free(&set);
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	return rc;
}

static int migrate(sqlite3 *db, wg_error *err)
{
	int v, rc;
	if ((rc = user_version(db, &v, err)))
		return rc;
	if (v > (int)NMIGRATIONS)
		return wg_fail(err, WG_EINTERNAL,
			       _("this workspace was made by a newer wangge (database version %d, "
				 "this program knows %d): update wangge"), v, (int)NMIGRATIONS);
	if (v == (int)NMIGRATIONS)
		return WG_OK;
	if ((rc = wg_db_begin(db, err)))
		return rc;
	/* Re-read under the write lock: another process may have migrated meanwhile. */
	if ((rc = user_version(db, &v, err)))
		goto fail;
	int from = v;
	bool name_keys = false;
	for (; v < (int)NMIGRATIONS; v++) {
		if ((rc = wg_db_exec(db, migrations[v], err)))
			goto fail;
		name_keys |= migrations[v] == natural_key_migration;
		if (migrations[v] == changed_grid_migration && (rc = fill_changed_grid(db, err)))
			goto fail;
		if (migrations[v] == pending_migration && (rc = pending_convert(db, err)))
			goto fail;
		if (migrations[v] == change_triggers_migration &&
		    (rc = drop_change_triggers(db, false, err)))
			goto fail;
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if ((rc = wg_db_exec(db, pragma, err)))
			goto fail;
	}
	/* The search step cannot compute pinyin initials in SQL: fill them in for
	 * the entities that were already there. */
	if (from <= SEARCH_MIGRATION && (rc = wg_db_reindex_search(db, err)))
		goto fail;
	if (from > SEARCH_MIGRATION && from <= GRAM_MIGRATION && (rc = reindex_grams(db, err)))
		goto fail;
	if (name_keys && (rc = wg_db_fill_name_keys(db, err)))
		goto fail;
	if ((rc = add_change_triggers(db, err)))
		goto fail;
	return wg_db_commit(db, err);
fail:
	wg_db_rollback(db);
	wg_error_prefix(err, _("cannot upgrade the workspace database"));
	return rc;
}

/* Entities written by another program (the stock sqlite3) have no name_key:
 * give them theirs (an index lookup when there is none to fill). Only their
 * place in the lists depends on it: a workspace busy with another writer
 * opens all the same. */
static int name_keys_missing(sqlite3 *db, wg_error *err)
{
	long n;
	wg_error ignored;
	int rc = wg_count_rows(db, "SELECT 1 FROM entity WHERE name_key = '' AND name <> ''"
			       " LIMIT 1", NULL, &n, NULL, 0, err);
	if (rc == WG_OK && n > 0)
		wg_db_fill_name_keys(db, &ignored);
	return rc;
}

/* Before SQLite's first use: no memory statistics, which take one mutex for
 * every allocation of every connection (threads that each fill their own
 * database, as the demo's enrollments do, queued on it). */
static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int wg_db_open(const char *path, bool create, sqlite3 **out, wg_error *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	sqlite3 *db = NULL;
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	int rc;

	*out = NULL;
	pthread_once(&once, sqlite_setup);
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		rc = wg_fail(err, WG_EINTERNAL, _("cannot open the database %s: %s"), path,
			     db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return rc;
	}
	sqlite3_busy_timeout(db, 2000);
	sqlite3_extended_result_codes(db, 0);
	/* A new database frees its emptied pages (wg_ws_close): only before its
	 * first table, and before WAL, which writes the header. */
	if (create && (rc = wg_db_exec(db, "PRAGMA auto_vacuum=INCREMENTAL;", err))) {
		sqlite3_close(db);
		return rc;
	}
	/* WAL: readers never block the writer, and a crash leaves the old or the new state. */
	if ((rc = wg_db_exec(db, wg_durable() ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
						"PRAGMA foreign_keys=ON;"
					      : "PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL;"
						"PRAGMA foreign_keys=ON;", err)) ||
	    (rc = migrate(db, err)) || (rc = name_keys_missing(db, err))) {
		sqlite3_close(db);
		return rc;
	}
	*out = db;
	return WG_OK;
}

static long pragma_long(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

long wg_db_free_pages(sqlite3 *db, long *pages)
{
	if (pages)
		*pages = pragma_long(db, "PRAGMA page_count");
	return pragma_long(db, "PRAGMA freelist_count");
}

bool wg_db_reclaim(sqlite3 *db)
{
	if (!db || !sqlite3_get_autocommit(db) || sqlite3_db_readonly(db, "main") == 1 ||
	    pragma_long(db, "PRAGMA auto_vacuum") != 2)
		return false;
	long pages, unused = wg_db_free_pages(db, &pages);
	if (unused < WG_DB_RECLAIM_PAGES || unused * 16 < pages)
		return false;
	/* Not worth waiting for: another writer holds the lock, it is done next time. */
	sqlite3_busy_timeout(db, 0);
	sqlite3_stmt *st;
	bool done = false;
	if (sqlite3_prepare_v2(db, "PRAGMA incremental_vacuum", -1, &st, NULL) == SQLITE_OK) {
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		done = rc == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	/* the WAL holds the moved pages: copy them back so the file shrinks now */
	if (done)
		sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	sqlite3_busy_timeout(db, 2000);
	return done;
}

void wg_db_close(sqlite3 *db)
{
	sqlite3_close(db);
}

int wg_count_rows(sqlite3 *db, const char *sql, const char *arg, long *n, char *first,
		      size_t firstlen, wg_error *err)
{
	sqlite3_stmt *st;
	int rc;
	*n = 0;
	if (first && firstlen)
		*first = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == 0 && first)
			snprintf(first, firstlen, "%s",
				 sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0)
							    : "");
		(*n)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

int wg_query_number(sqlite3 *db, const char *sql, const char *arg, size_t *out, wg_error *err)
{
	sqlite3_stmt *st;
	*out = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0)
		*out = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return step == SQLITE_ROW || step == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

int wg_meta_get(sqlite3 *db, const char *key, char **value, wg_error *err)
{
	sqlite3_stmt *st;
	*value = NULL;
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return wg_db_fail(db, err);
	return WG_OK;
}

int wg_meta_set(sqlite3 *db, const char *key, const char *value, wg_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", -1, &st,
			       NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

/* Built once for every kind (the kinds are static), before any thread asks. */
static char *columns_cache[64];
static pthread_once_t columns_once = PTHREAD_ONCE_INIT;

static void build_columns(void)
{
	for (size_t k = 0; k < wg_nkinds && k < 64; k++) {
		strbuf sb = STRBUF_INIT;
		/* (sb_adds, not a format: every kind's list is built at the first
		 * call, 300 fields, and sb_addf made that 465,000 instructions of a
		 * first screen of 25 M) */
		for (size_t i = 0; i < wg_kinds[k]->nfields; i++) {
			if (i)
				sb_adds(&sb, ", ");
			sb_adds(&sb, wg_kinds[k]->fields[i].name);
		}
		columns_cache[k] = sb_detach(&sb);
	}
}

const char *wg_db_columns(const struct wg_kind *kind)
{
	pthread_once(&columns_once, build_columns);
	for (size_t k = 0; k < wg_nkinds && k < 64; k++)
		if (wg_kinds[k] == kind)
			return columns_cache[k];
	return "id";
}

wg_record *wg_db_row_record(sqlite3_stmt *st, const struct wg_kind *kind, int first_col)
{
	wg_record *rec = wg_record_new(kind);
	for (size_t i = 0; i < kind->nfields; i++) {
		const unsigned char *v = sqlite3_column_text(st, first_col + (int)i);
		wg_record_put(rec, (int)i, v ? (const char *)v : "");
	}
	return rec;
}

static int step_done(sqlite3 *db, sqlite3_stmt *st, wg_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT)
		return wg_fail(err, WG_EINPUT, _("a record with this id or code already exists"));
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

int wg_db_insert(sqlite3 *db, const wg_record *rec, wg_error *err)
{
	const struct wg_kind *kind = rec->kind;
	strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;

	sb_addf(&sql, "INSERT INTO %s (%s) VALUES (", kind->name, wg_db_columns(kind));
	for (size_t i = 0; i < kind->nfields; i++)
		sb_adds(&sql, i ? ", ?" : "?");
	sb_adds(&sql, ")");
	int rc = sqlite3_prepare_v2(db, sb_str(&sql), -1, &st, NULL);
	sb_release(&sql);
	if (rc != SQLITE_OK)
		return wg_db_fail(db, err);
	for (size_t i = 0; i < kind->nfields; i++)
		sqlite3_bind_text(st, (int)i + 1, rec->val[i], -1, SQLITE_STATIC);
	if ((rc = step_done(db, st, err)))
		return rc;
	return kind == &wg_kind_entity ? wg_db_index_entity(db, rec, err) : WG_OK;
}

int wg_db_update(sqlite3 *db, const wg_record *rec, wg_error *err)
{
	const struct wg_kind *kind = rec->kind;
	strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;

	sb_addf(&sql, "UPDATE %s SET ", kind->name);
	for (size_t i = 1; i < kind->nfields; i++)
		sb_addf(&sql, "%s%s = ?", i > 1 ? ", " : "", kind->fields[i].name);
	sb_adds(&sql, " WHERE id = ?");
	int rc = sqlite3_prepare_v2(db, sb_str(&sql), -1, &st, NULL);
	sb_release(&sql);
	if (rc != SQLITE_OK)
		return wg_db_fail(db, err);
	for (size_t i = 1; i < kind->nfields; i++)
		sqlite3_bind_text(st, (int)i, rec->val[i], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, (int)kind->nfields, rec->val[0], -1, SQLITE_STATIC);
	rc = step_done(db, st, err);
	if (rc == WG_OK && sqlite3_changes(db) == 0)
		return wg_fail(err, WG_EINPUT, _("no %s with id %s"), _(kind->label), rec->val[0]);
	if (rc == WG_OK && kind == &wg_kind_entity)
		rc = wg_db_index_entity(db, rec, err);
	return rc;
}

int wg_db_reindex_search(sqlite3 *db, wg_error *err)
{
	int rc = wg_db_add_initials_function(db, err);
	if (rc)
		return rc;
	rc = wg_db_exec(db,
			  "DELETE FROM entity_initials;"
			  "INSERT INTO entity_initials(id, initials)"
			  " SELECT rowid, wg_initials(name) FROM entity;", err);
	/* FTS5 writes what it gathers in memory (1 MB) as a new segment, and
	 * merges the segments on the way, four of a size at a time: the index
	 * of every entity is merged once at the end instead ('optimize', one
	 * segment), and FTS5's settings then given back (their defaults, no
	 * row of them in its table). Large demo county (100,000 entities):
	 * 2.9 -> 2.2 s, 13 segments -> 1; the same rows found. In a savepoint:
	 * after 'optimize' or a setting FTS5 keeps its reader of the index
	 * open, as a statement still running, until the next savepoint or the
	 * transaction's end, and no SQL function can be registered again while
	 * one runs (wg_db_fill_name_keys, next: SQLITE_BUSY). */
	if (rc == WG_OK &&
	    (rc = wg_db_exec(db,
			     "SAVEPOINT search_fill;"
			     "DELETE FROM entity_fts;"
			     "INSERT INTO entity_fts(entity_fts, rank) VALUES ('automerge', 0);"
			     "INSERT INTO entity_fts(entity_fts, rank) VALUES ('crisismerge', 1000);"
			     "INSERT INTO entity_fts(rowid, name, address, uscc, phone, initials)"
			     " SELECT e.rowid, e.name, e.address, e.uscc, e.phone, i.initials"
			     " FROM entity e JOIN entity_initials i ON i.id = e.rowid;"
			     "INSERT INTO entity_fts(entity_fts) VALUES ('optimize');"
			     "INSERT INTO entity_fts(entity_fts, rank) VALUES ('automerge', 4);"
			     "INSERT INTO entity_fts(entity_fts, rank) VALUES ('crisismerge', 16);"
			     "DELETE FROM entity_fts_config WHERE k IN ('automerge', 'crisismerge');"
			     "RELEASE search_fill;", err)))
		sqlite3_exec(db, "ROLLBACK TO search_fill; RELEASE search_fill", NULL, NULL, NULL);
	if (rc == WG_OK)
		rc = wg_db_fill_name_keys(db, err);
	return rc ? rc : reindex_grams(db, err);
}

int wg_db_keep_personal(sqlite3 *db, wg_error *err)
{
	return wg_db_exec(db, PERSONAL_MOVE_ALL_SQL, err);
}

int wg_db_personal_fill(sqlite3 *db, wg_record *rec, wg_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT field, value FROM personal WHERE kind = ?1 AND id = ?2",
			       -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, rec->kind->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, rec->val[0], -1, SQLITE_STATIC);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int i = wg_field_index(rec->kind, (const char *)sqlite3_column_text(st, 0));
		if (i >= 0 && (rec->kind->fields[i].flags & FF_COUNTY_ONLY))
			wg_record_put(rec, i, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

int wg_db_personal_set(sqlite3 *db, const struct wg_kind *kind, const char *id, const char *field,
		       const char *value, wg_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, *value ? "INSERT OR REPLACE INTO personal(kind, id, field, value)"
					    " VALUES (?1, ?2, ?3, ?4)"
					  : "DELETE FROM personal WHERE kind = ?1 AND id = ?2 AND field = ?3",
			       -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(st, 1, kind->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, field, -1, SQLITE_STATIC);
	if (*value)
		sqlite3_bind_text(st, 4, value, -1, SQLITE_STATIC);
	return step_done(db, st, err);
}

int wg_db_personal_values(sqlite3 *db, wg_personal_fn *fn, void *arg, wg_error *err)
{
	sqlite3_stmt *st;
	/* In the table's order: the caller sorts as it needs (sorting 27,000
	 * values here cost the large demo county's disclosure 200 M instructions). */
	if (sqlite3_prepare_v2(db, "SELECT kind, field, value FROM personal", -1, &st, NULL) !=
	    SQLITE_OK)
		return wg_db_fail(db, err);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		fn((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
		   (const char *)sqlite3_column_text(st, 2), arg);
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

/* ---- entity_visit anew, in one walk over the inspections ---- */

/* A value of a text column as SQLite orders it (BINARY): NULL first, then
 * the texts, then the blobs (TEXT affinity keeps numbers out), each by its
 * bytes, a prefix before the longer value. A column of the current row, and
 * a copy kept (type 0: none yet). */
struct visit_col {
	const void *bytes;
	size_t len;
	int type;
};

struct visit_value {
	char *bytes;
	size_t len, alloc;
	int type;
};

static void visit_col(sqlite3_stmt *st, int i, struct visit_col *c)
{
	c->type = sqlite3_column_type(st, i);
	c->bytes = sqlite3_column_blob(st, i);
	c->len = (size_t)sqlite3_column_bytes(st, i);
}

static int visit_class(int type)
{
	return type == SQLITE_NULL ? 0 : type == SQLITE_BLOB ? 2 : 1;
}

static int visit_cmp(const struct visit_col *a, const struct visit_value *b)
{
	int ca = visit_class(a->type), cb = visit_class(b->type);
	if (ca != cb)
		return ca < cb ? -1 : 1;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = n ? memcmp(a->bytes, b->bytes, n) : 0;
	return c ? c : (a->len > b->len) - (a->len < b->len);
}

static void visit_keep(struct visit_value *v, const struct visit_col *c)
{
	if (c->len >= v->alloc) {
		v->alloc = c->len + 16;
		v->bytes = xrealloc(v->bytes, v->alloc);
	}
	if (c->len)
		memcpy(v->bytes, c->bytes, c->len);
	v->len = c->len;
	v->type = c->type;
}

static void visit_bind(sqlite3_stmt *st, int i, const struct visit_value *v)
{
	if (v->type == SQLITE_BLOB)
		sqlite3_bind_blob(st, i, v->bytes, (int)v->len, SQLITE_STATIC);
	else if (v->type == 0 || v->type == SQLITE_NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v->len ? v->bytes : "", (int)v->len, SQLITE_STATIC);
}

/* for qsort: values, or visits by their id (their first member) */
static int visit_order(const void *a, const void *b)
{
	const struct visit_value *x = a;
	struct visit_col c = {x->bytes, x->len, x->type};
	return visit_cmp(&c, b);
}

/* for bsearch: a column's value against a kept one */
static int visit_key_order(const void *key, const void *kept)
{
	return visit_cmp(key, kept);
}

/* The element of sorted vals (n of them, each size bytes) equal to key, or
 * NULL; a NULL equals nothing (SQL's =). */
static void *visit_find(const struct visit_col *key, void *vals, size_t n, size_t size)
{
	return key->type == SQLITE_NULL || !n ? NULL : bsearch(key, vals, n, size, visit_key_order);
}

/* The values of a statement's first column, sorted, each the first member
 * of an element of size bytes, the rest of it zero. */
static int visit_load(sqlite3 *db, const char *sql, void **vals, size_t *n, size_t size,
		      wg_error *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	bool sorted = true;
	*vals = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 1024;
			*vals = xrealloc(*vals, alloc * size);
		}
		char *at = (char *)*vals + *n * size;
		struct visit_col c;
		visit_col(st, 0, &c);
		if (*n && visit_cmp(&c, (void *)((char *)*vals + (*n - 1) * size)) <= 0)
			sorted = false;
		memset(at, 0, size);
		visit_keep((struct visit_value *)(void *)at, &c);
		++*n;
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return wg_db_fail(db, err);
	if (!sorted)
		qsort(*vals, *n, size, visit_order);
	return WG_OK;
}

/* One entity's row: its id, the start of its last inspection (max(started))
 * and its last signed one not corrected (VISIT_SIGNED_SET): the latest
 * signing time, then the lowest VISIT_RANK, then the lowest rowid. */
struct visit {
	struct visit_value id, last, result, signed_at;
	int rank;
	sqlite3_int64 rowid;
};

/* entity_visit anew, as its triggers and VISIT_SIGNED_SET make it: one walk
 * over the inspections in the table's order, each kept in its entity's row
 * if it is the latest or the best signed one so far, and the rows written
 * in key order. Large demo county (100,000 entities, 1.35 M inspections):
 * 2.0 s, where a join of the entities with their inspections took 0.8 s
 * and then VISIT_SIGNED_SET for each entity 3.3 s (each inspection read
 * from its index, then its row; each entity's sorted). */
static int rebuild_visits(sqlite3 *db, wg_error *err)
{
	struct visit *v = NULL;
	struct visit_value *corrected = NULL;
	size_t n = 0, ncorrected = 0;
	sqlite3_stmt *walk = NULL, *ins = NULL;
	int rc;
	if ((rc = wg_db_exec(db, "DELETE FROM entity_visit;", err)) ||
	    (rc = visit_load(db, "SELECT id FROM entity ORDER BY id", (void **)&v, &n, sizeof *v,
			     err)) ||
	    (rc = visit_load(db, VISIT_CORRECTED, (void **)&corrected, &ncorrected,
			     sizeof *corrected, err)))
		goto done;
	if (sqlite3_prepare_v2(db, "SELECT entity, started, status = 'signed', signed, "
			       VISIT_RANK("result") ", rowid, result, id FROM inspection", -1,
			       &walk, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO entity_visit(entity, last, last_result, last_signed)"
			       " VALUES (?1, ?2, ?3, ?4)", -1, &ins, NULL) != SQLITE_OK) {
		rc = wg_db_fail(db, err);
		goto done;
	}
	struct visit *e = NULL;
	int step;
	while ((step = sqlite3_step(walk)) == SQLITE_ROW) {
		struct visit_col c;
		/* an entity's inspections mostly come one after the other */
		visit_col(walk, 0, &c);
		if (!e || visit_cmp(&c, &e->id) != 0)
			e = visit_find(&c, v, n, sizeof *v);
		if (!e)
			continue;
		visit_col(walk, 1, &c);
		if (e->last.type == 0 || visit_cmp(&c, &e->last) > 0)
			visit_keep(&e->last, &c);
		if (sqlite3_column_int(walk, 2) == 0)
			continue;
		visit_col(walk, 3, &c);
		int later = e->signed_at.type == 0 ? 1 : visit_cmp(&c, &e->signed_at);
		if (later < 0)
			continue;
		int rank = sqlite3_column_int(walk, 4);
		sqlite3_int64 rowid = sqlite3_column_int64(walk, 5);
		if (later == 0 && (rank > e->rank || (rank == e->rank && rowid > e->rowid)))
			continue;
		if (ncorrected) {
			struct visit_col id;
			visit_col(walk, 7, &id);
			if (visit_find(&id, corrected, ncorrected, sizeof *corrected))
				continue;
		}
		visit_keep(&e->signed_at, &c);
		visit_col(walk, 6, &c);
		visit_keep(&e->result, &c);
		e->rank = rank;
		e->rowid = rowid;
	}
	if (step != SQLITE_DONE) {
		rc = wg_db_fail(db, err);
		goto done;
	}
	static const struct visit_value none = {NULL, 0, 0, SQLITE_TEXT};
	for (size_t i = 0; i < n; i++) {
		visit_bind(ins, 1, &v[i].id);
		visit_bind(ins, 2, v[i].last.type ? &v[i].last : &none);
		visit_bind(ins, 3, &v[i].result);
		visit_bind(ins, 4, &v[i].signed_at);
		if ((rc = insert_step(db, ins, err)))
			goto done;
	}
done:
	sqlite3_finalize(walk);
	sqlite3_finalize(ins);
	for (size_t i = 0; i < n; i++) {
		free(v[i].id.bytes);
		free(v[i].last.bytes);
		free(v[i].result.bytes);
		free(v[i].signed_at.bytes);
	}
	for (size_t i = 0; i < ncorrected; i++)
		free(corrected[i].bytes);
	free(v);
	free(corrected);
	return rc;
}

int wg_db_rebuild_derived(sqlite3 *db, wg_error *err)
{
	int rc = wg_db_reindex_search(db, err);
	if (rc)
		return rc;
	rc = wg_db_exec(db,
			  "DELETE FROM entity_count;"
			  "INSERT INTO entity_count SELECT count(*) FROM entity;"
			  "DELETE FROM task_count;"
			  "INSERT INTO task_count(status, n) SELECT status, count(*) FROM task"
			  " GROUP BY status;", err);
	if (rc == WG_OK)
		rc = rebuild_visits(db, err);
	if (rc == WG_OK)
		rc = wg_db_exec(db, "DELETE FROM publish_wait; DELETE FROM publish_day;"
				PUBLISH_WAIT_FILL "DELETE FROM task_title;" TASK_TITLE_FILL, err);
	return rc ? rc : wg_db_points_all_stale(db, err);
}

int wg_db_points_all_stale(sqlite3 *db, wg_error *err)
{
	return wg_db_exec(db, "DELETE FROM points_alert;" POINTS_STALE_ALL, err);
}

/* The statements of wg_entity_indexer, in the order of its array. */
enum { INDEX_ROWID, INDEX_FTS, INDEX_INITIALS, INDEX_NAME_KEY, INDEX_GRAM, INDEX_NSTMT };
static const char *const index_sql[INDEX_NSTMT] = {
	[INDEX_ROWID] = "SELECT rowid FROM entity WHERE id = ?1",
	/* (an edit that keeps the name keeps the initials: the row's tokens
	 * are not written again) */
	[INDEX_FTS] = "UPDATE entity_fts SET initials = ?1 WHERE rowid = ?2 AND initials IS NOT ?1",
	[INDEX_INITIALS] = "INSERT OR REPLACE INTO entity_initials(id, initials) VALUES (?2, ?1)",
	[INDEX_NAME_KEY] = "UPDATE entity SET name_key = ?1 WHERE rowid = ?2 AND name_key IS NOT ?1",
	[INDEX_GRAM] = "INSERT OR IGNORE INTO entity_gram(gram, rid) VALUES (?1, ?2)",
};

/* The statement i of ix, prepared when first needed and reset for its next
 * use. Preparing an UPDATE of entity compiles its triggers: an import of many
 * entities prepares each statement once. */
static sqlite3_stmt *index_stmt(sqlite3 *db, struct wg_entity_indexer *ix, int i)
{
	_Static_assert(sizeof ix->st / sizeof *ix->st == INDEX_NSTMT, "one slot per statement");
	if (!ix->st[i] && sqlite3_prepare_v2(db, index_sql[i], -1, &ix->st[i], NULL) != SQLITE_OK)
		return NULL;
	sqlite3_reset(ix->st[i]);
	sqlite3_clear_bindings(ix->st[i]);
	return ix->st[i];
}

void wg_entity_indexer_free(struct wg_entity_indexer *ix)
{
	for (size_t i = 0; i < INDEX_NSTMT; i++) {
		sqlite3_finalize(ix->st[i]);
		ix->st[i] = NULL;
	}
}

int wg_db_index_entity(sqlite3 *db, const wg_record *rec, wg_error *err)
{
	struct wg_entity_indexer ix = {0};
	int rc = wg_db_index_entity_with(db, &ix, rec, err);
	wg_entity_indexer_free(&ix);
	return rc;
}

int wg_db_index_entity_with(sqlite3 *db, struct wg_entity_indexer *ix, const wg_record *rec,
			    wg_error *err)
{
	sqlite3_stmt *rid = index_stmt(db, ix, INDEX_ROWID);
	if (!rid)
		return wg_db_fail(db, err);
	sqlite3_bind_text(rid, 1, rec->val[0], -1, SQLITE_STATIC);
	int step = sqlite3_step(rid);
	if (step != SQLITE_ROW) {
		int rc = step == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
		sqlite3_reset(rid);
		return rc; /* not here: nothing to index */
	}
	sqlite3_int64 rowid = sqlite3_column_int64(rid, 0);
	sqlite3_reset(rid);

	strbuf ini = STRBUF_INIT, key = STRBUF_INIT;
	int rc = wg_pinyin_initials(wg_record_get(rec, "name"), &ini, err);
	/* Its initials (in the full-text index and the table of initials), then
	 * its place in the lists. */
	wg_natural_key(wg_record_get(rec, "name"), &key);
	const char *first[] = {
		[INDEX_FTS] = sb_str(&ini),
		[INDEX_INITIALS] = sb_str(&ini),
		[INDEX_NAME_KEY] = sb_str(&key),
	};
	for (int i = INDEX_FTS; i <= INDEX_NAME_KEY && rc == WG_OK; i++) {
		sqlite3_stmt *st = index_stmt(db, ix, i);
		if (!st) {
			rc = wg_db_fail(db, err);
			break;
		}
		sqlite3_bind_text(st, 1, first[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, rowid);
		rc = insert_step(db, st, err);
	}
	/* Its grams, for short searches (those of an old name stay: see entity_gram). */
	if (rc == WG_OK) {
		sqlite3_stmt *ins = index_stmt(db, ix, INDEX_GRAM);
		const char *texts[] = {
			wg_record_get(rec, "name"), wg_record_get(rec, "address"),
			wg_record_get(rec, "uscc"), wg_record_get(rec, "phone"),
			sb_str(&ini),
		};
		rc = ins ? grams_add(db, ins, rowid, texts, 5, err) : wg_db_fail(db, err);
	}
	sb_release(&ini);
	sb_release(&key);
	return rc;
}

/* SQL function wg_initials(text): for bulk work (generators, re-indexing). */
static void sql_initials(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);
	strbuf ini = STRBUF_INIT;
	wg_error err;
	if (wg_pinyin_initials(s ? (const char *)s : "", &ini, &err)) {
		sqlite3_result_error(ctx, err.msg, -1);
	} else {
		sqlite3_result_text(ctx, sb_str(&ini), (int)ini.len, SQLITE_TRANSIENT);
	}
	sb_release(&ini);
}

int wg_db_add_initials_function(sqlite3 *db, wg_error *err)
{
	if (sqlite3_create_function(db, "wg_initials", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				    NULL, sql_initials, NULL, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	return WG_OK;
}

/* SQL function wg_natural_key(text), on this connection only: the schema
 * never names it. */
static void sql_natural_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *s = sqlite3_value_text(argv[0]);
	strbuf key = STRBUF_INIT;
	wg_natural_key(s ? (const char *)s : "", &key);
	sqlite3_result_text(ctx, sb_str(&key), (int)key.len, SQLITE_TRANSIENT);
	sb_release(&key);
}

int wg_db_fill_name_keys(sqlite3 *db, wg_error *err)
{
	if (sqlite3_create_function(db, "wg_natural_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				    NULL, sql_natural_key, NULL, NULL) != SQLITE_OK)
		return wg_db_fail(db, err);
	return wg_db_exec(db, "UPDATE entity SET name_key = wg_natural_key(name)"
			  " WHERE name_key IS NOT wg_natural_key(name)", err);
}

/* Prepare the statement a format makes and bind id to ?1. */
static int prepare_id(sqlite3 *db, sqlite3_stmt **st, const char *id, wg_error *err,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int prepare_id(sqlite3 *db, sqlite3_stmt **st, const char *id, wg_error *err,
		      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf sql = STRBUF_INIT;
	sb_vaddf(&sql, fmt, ap);
	va_end(ap);
	int rc = sqlite3_prepare_v2(db, sb_str(&sql), -1, st, NULL);
	sb_release(&sql);
	if (rc != SQLITE_OK)
		return wg_db_fail(db, err);
	sqlite3_bind_text(*st, 1, id, -1, SQLITE_STATIC);
	return WG_OK;
}

int wg_db_delete(sqlite3 *db, const struct wg_kind *kind, const char *id, wg_error *err)
{
	sqlite3_stmt *st;
	int rc = prepare_id(db, &st, id, err, "DELETE FROM %s WHERE id = ?1", kind->name);
	return rc ? rc : step_done(db, st, err);
}

int wg_db_load(sqlite3 *db, const struct wg_kind *kind, const char *id, wg_record **out,
	       wg_error *err)
{
	sqlite3_stmt *st;
	int rc;
	*out = NULL;
	if ((rc = prepare_id(db, &st, id, err, "SELECT %s FROM %s WHERE id = ?1",
			     wg_db_columns(kind), kind->name)))
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = wg_db_row_record(st, kind, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return WG_OK;
	if (rc == SQLITE_DONE)
		return wg_fail(err, WG_EINPUT, _("no %s with id %s"), _(kind->label), id);
	return wg_db_fail(db, err);
}

int wg_db_resolve(sqlite3 *db, const struct wg_kind *kind, const char *prefix, char out[WG_ID_BUFSIZE],
		  wg_error *err)
{
	size_t n = strlen(prefix);
	if (n < 4 || n > 32 || strspn(prefix, "0123456789abcdef") != n)
		return wg_fail(err, WG_EINPUT,
			       _("\"%s\" is not a record id: give at least its first 4 hex digits"),
			       prefix);
	/* A range scan on the primary key: ids >= prefix and < prefix followed by 'g'. */
	sqlite3_stmt *st;
	int rc = prepare_id(db, &st, prefix, err,
			    "SELECT id FROM %s WHERE id >= ?1 AND id < ?1 || 'g' LIMIT 2", kind->name);
	if (rc)
		return rc;
	int found = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (found++ == 0)
			snprintf(out, WG_ID_BUFSIZE, "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return wg_db_fail(db, err);
	if (found == 0)
		return wg_fail(err, WG_EINPUT, _("no %s with id %s"), _(kind->label), prefix);
	if (found > 1)
		return wg_fail(err, WG_EINPUT, _("id %s is ambiguous: give more digits"), prefix);
	return WG_OK;
}
