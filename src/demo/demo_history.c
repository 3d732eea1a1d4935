/* The demo county's history as a county's working life: instead of one
 * commit of every record, the records go into the history period by period,
 * on the day they were made or last touched. Each grid's officer syncs every
 * week (a commit by that officer, signed with their key); the county's own
 * work on a grid (the patrol plan, random draws, campaigns, complaints it
 * dispatches, penalty cases) are county commits signed with the county's
 * key; the reference data is the county's first commit on common.
 *
 * Trees are built incrementally: a branch's tree stays in memory while its
 * commits are written, and each commit writes only the trees on the paths it
 * changes (struct tnode). Everything is derived from the
 * records and the seed's keys, so the same seed gives the same history. */
#include <config.h>

#include <sodium.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "changed.h"
#include "db.h"
#include "demo.h"
#include "i18n.h"
#include "keys.h"
#include "progress.h"
#include "repo.h"
#include "strbuf.h"
#include "sync.h"
#include "timeutil.h"

/* One record to put in the history. */
struct hent {
	uint32_t branch;  /* index in the branch table */
	uint32_t week;    /* periods (OFFICER_DAYS or COUNTY_DAYS) since the first day */
	uint32_t day;     /* days since the first day */
	uint8_t county;   /* the county's work (else the grid officer's) */
	const struct wg_kind *kind;
	const char *path; /* in the path arena; the id is its last 32 characters */
	git_oid blob;
};

/* The commits, before their order on each branch is known. */
struct hgroup {
	size_t first, n; /* entries */
	uint32_t branch;
	time_t at;
};

struct hbranch {
	char ref[WG_REF_MAX];
	char *grid;        /* NULL for common */
	char *officer, *officer_name;
	wg_keypair key;
	bool has_officer;
	git_oid tip;
	bool has_tip;
	struct tnode *root; /* its tree as of tip, while its commits are written */
};

struct hist {
	wg_workspace *ws;
	wg_repo *repo;
	long first_day, last_day;
	struct hent *e;
	size_t n, alloc;
	struct hbranch *b;
	size_t nb;
	wg_arena paths;
	/* inspection id -> day, for its item results (read before them) */
	uint32_t *insp; /* an entry's index + 1 (0: free); its id ends its path */
	size_t ninsp, insp_cap;
	/* the bundle log's inserts, prepared once: [0] received, [1] sent */
	sqlite3_stmt *log_st[2];
	/* the records left for the ordinary commit that pending_whole may be
	 * all that holds pending: "kind\0id\0grid\0" one after another */
	strbuf left_rows;
	size_t nleft_rows;
};

/* How often an officer syncs, and the county sends its work to a grid: an
 * officer syncs every week that has work in it; the county dispatches every
 * four weeks (its plans, draws, campaigns, complaints and cases). Each
 * commit writes the trees of each kind it touches (a grid's 256-entry
 * trees), the history's main cost after its records. */
#define OFFICER_DAYS 7
#define COUNTY_DAYS 28

/* A branch's tree, kept in memory while its commits are written: each commit
 * edits the nodes on its paths and writes only the trees it changed, so no
 * tree is read back or serialised again unchanged. A node's name points into
 * the path arena (the paths outlive the trees). */
struct tnode {
	const char *name;
	uint32_t len;
	bool dir, dirty;
	git_oid oid;
	struct tnode *kid; /* in git's order */
	uint32_t nkid, cap;
};

/* The child of t named name[0..len), made when absent. */
static struct tnode *tnode_child(struct tnode *t, const char *name, size_t len, bool dir)
{
	uint32_t lo = 0, hi = t->nkid;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = wg_tree_order(name, len, dir, t->kid[mid].name, t->kid[mid].len,
				      t->kid[mid].dir);
		if (c == 0)
			return &t->kid[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (t->nkid == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 4;
		t->kid = xrealloc(t->kid, t->cap * sizeof *t->kid);
	}
	memmove(&t->kid[lo + 1], &t->kid[lo], (t->nkid - lo) * sizeof *t->kid);
	t->nkid++;
	t->kid[lo] = (struct tnode){.name = name, .len = (uint32_t)len, .dir = dir};
	return &t->kid[lo];
}

/* Put blob at path (components separated by '/'). */
static void tnode_put(struct tnode *root, const char *path, const git_oid *blob)
{
	struct tnode *t = root;
	t->dirty = true;
	for (;;) {
		const char *slash = strchr(path, '/');
		if (!slash) {
			struct tnode *leaf = tnode_child(t, path, strlen(path), false);
			leaf->oid = *blob;
			return;
		}
		t = tnode_child(t, path, (size_t)(slash - path), true);
		t->dirty = true;
		path = slash + 1;
	}
}

/* Write the changed trees under t, t's last. */
static int tnode_write(wg_repo *repo, struct tnode *t, strbuf *sb, wg_error *err)
{
	for (uint32_t i = 0; i < t->nkid; i++)
		if (t->kid[i].dir && t->kid[i].dirty) {
			int rc = tnode_write(repo, &t->kid[i], sb, err);
			if (rc)
				return rc;
		}
	sb_reset(sb);
	for (uint32_t i = 0; i < t->nkid; i++) {
		const struct tnode *k = &t->kid[i];
		wg_tree_entry_add(sb, k->dir ? GIT_FILEMODE_TREE : GIT_FILEMODE_BLOB, k->name,
				  k->len, &k->oid);
	}
	t->dirty = false;
	return wg_repo_write_object(repo, GIT_OBJECT_TREE, sb->len ? sb->buf : "", sb->len, &t->oid,
				    err);
}

static void tnode_free(struct tnode *t)
{
	for (uint32_t i = 0; i < t->nkid; i++)
		if (t->kid[i].dir)
			tnode_free(&t->kid[i]);
	free(t->kid);
}

/* FNV-1a of an id, for the inspection table (open addressing). */
static size_t id_hash(const char *id)
{
	uint64_t x = UINT64_C(0xcbf29ce484222325);
	for (; *id; id++)
		x = (x ^ (unsigned char)*id) * UINT64_C(0x100000001b3);
	return (size_t)x;
}

/* The id of entry i: the last 32 characters of its path. */
static const char *hent_id(const struct hist *h, size_t i)
{
	const char *p = h->e[i].path;
	return p + strlen(p) - WG_ID_HEXLEN;
}

static void insp_grow(struct hist *h)
{
	size_t cap = h->insp_cap ? 2 * h->insp_cap : 4096;
	uint32_t *v = xcalloc(cap, sizeof *v);
	for (size_t i = 0; i < h->insp_cap; i++) {
		if (!h->insp[i])
			continue;
		size_t j = id_hash(hent_id(h, h->insp[i] - 1)) & (cap - 1);
		while (v[j])
			j = (j + 1) & (cap - 1);
		v[j] = h->insp[i];
	}
	free(h->insp);
	h->insp = v;
	h->insp_cap = cap;
}

/* Note entry i, an inspection, for its item results. */
static void insp_put(struct hist *h, size_t i)
{
	const char *id = hent_id(h, i);
	if (2 * (h->ninsp + 1) > h->insp_cap)
		insp_grow(h);
	size_t j = id_hash(id) & (h->insp_cap - 1);
	while (h->insp[j] && strcmp(hent_id(h, h->insp[j] - 1), id) != 0)
		j = (j + 1) & (h->insp_cap - 1);
	if (!h->insp[j])
		h->ninsp++;
	h->insp[j] = (uint32_t)(i + 1);
}

static bool insp_get(const struct hist *h, const char *id, uint32_t *day)
{
	if (!h->insp_cap || !id || strlen(id) != WG_ID_HEXLEN)
		return false;
	size_t j = id_hash(id) & (h->insp_cap - 1);
	while (h->insp[j]) {
		if (strcmp(hent_id(h, h->insp[j] - 1), id) == 0) {
			*day = h->e[h->insp[j] - 1].day;
			return true;
		}
		j = (j + 1) & (h->insp_cap - 1);
	}
	return false;
}

/* The CST day (days since 1970) of a stored date or timestamp; -1 if none. */
static long value_day(const char *v)
{
	if (!v || strlen(v) < WG_DATE_LEN)
		return -1;
	if (strlen(v) == WG_DATE_LEN)
		return wg_date_valid(v) ? wg_date_days(v) : -1;
	time_t t;
	if (!wg_timestamp_parse(v, &t))
		return -1;
	return (long)((t + WG_CST_OFFSET) / 86400);
}

/* When a record was last worked on: the latest of its event times that is
 * not after the history's last day. */
static long record_day(const struct hist *h, const wg_record *rec)
{
	static const char *const events[] = {"created", "started", "signed", "received",
					     "closed",  "found",   "published", "day"};
	long day = -1;
	for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
		int f = wg_field_index(rec->kind, events[i]);
		if (f < 0)
			continue;
		long d = value_day(rec->val[f]);
		if (d > day && d <= h->last_day)
			day = d;
	}
	return day;
}

/* Work the county does on a grid's branch: what it plans and dispatches
 * (patrol plans, draws, campaigns, complaints) and its penalty cases. */
static bool county_made(const wg_record *rec)
{
	if (rec->kind->county_made || rec->kind == &wg_kind_complaint)
		return true;
	if (rec->kind != &wg_kind_task)
		return false;
	const char *kind = wg_record_get(rec, "kind");
	return kind && (!strcmp(kind, "patrol") || !strcmp(kind, "random") ||
			!strcmp(kind, "campaign") || !strcmp(kind, "complaint"));
}

static uint32_t branch_index(struct hist *h, const char *ref)
{
	for (size_t i = 0; i < h->nb; i++)
		if (strcmp(h->b[i].ref, ref) == 0)
			return (uint32_t)i;
	h->b = xrealloc(h->b, (h->nb + 1) * sizeof *h->b);
	struct hbranch *b = &h->b[h->nb];
	memset(b, 0, sizeof *b);
	snprintf(b->ref, sizeof b->ref, "%s", ref);
	const char *grid = wg_ref_grid(ref);
	b->grid = grid ? xstrdup(grid) : NULL;
	return (uint32_t)h->nb++;
}

/* Read every changed record: its branch, blob and day. Records the history
 * takes as one commit anyway (evidence with its files, deletions) are left
 * pending; *left counts them. */
static int collect(struct hist *h, size_t *left, wg_error *err)
{
	wg_changed *changed = NULL;
	int rc = wg_changed_open(h->ws->db, &changed, err);
	*left = 0;
	while (rc == WG_OK) {
		const struct wg_kind *kind;
		size_t k;
		const char *id;
		const wg_record *rec;
		bool done;
		if ((rc = wg_changed_next(changed, &kind, &k, &id, &rec, &done, err)) || done)
			break;
		if (!rec || kind == &wg_kind_evidence) {
			(*left)++;
			const char *g = wg_db_pending_grid_field(kind);
			const char *grid = rec && g ? wg_record_get(rec, g) : "";
			if (rec) {
				sb_add(&h->left_rows, kind->name, strlen(kind->name) + 1);
				sb_add(&h->left_rows, id, strlen(id) + 1);
				sb_add(&h->left_rows, grid ? grid : "", strlen(grid ? grid : "") + 1);
				h->nleft_rows++;
			}
			continue;
		}
		char path[WG_PATH_MAX], ref[WG_REF_MAX];
		wg_record_path(kind, id, path);
		wg_record_branch(rec, ref);
		struct hent e = {.branch = branch_index(h, ref), .kind = kind};
		long day;
		uint32_t iday;
		if (kind->branch == BRANCH_COMMON && kind != &wg_kind_draw && kind != &wg_kind_campaign)
			day = h->first_day; /* the county's set-up */
		else if (kind == &wg_kind_result &&
			 insp_get(h, wg_record_get(rec, "inspection"), &iday))
			day = h->first_day + (long)iday;
		else
			day = record_day(h, rec);
		if (day < h->first_day)
			day = h->first_day;
		e.day = (uint32_t)(day - h->first_day);
		e.county = kind->branch == BRANCH_COMMON || county_made(rec);
		e.week = e.day / (e.county ? COUNTY_DAYS : OFFICER_DAYS);
		if ((rc = wg_record_blob(h->repo, rec, &e.blob, err)))
			break;
		e.path = wg_arena_strdup(&h->paths, path);
		if (h->n == h->alloc) {
			h->alloc = h->alloc ? 2 * h->alloc : 4096;
			h->e = xrealloc(h->e, h->alloc * sizeof *h->e);
		}
		h->e[h->n++] = e;
		if (kind == &wg_kind_inspection && strlen(id) == WG_ID_HEXLEN)
			insp_put(h, h->n - 1);
	}
	wg_changed_close(changed);
	return rc;
}

static int cmp_hent(const void *a, const void *b)
{
	const struct hent *x = a, *y = b;
	if (x->branch != y->branch)
		return x->branch < y->branch ? -1 : 1;
	if (x->week != y->week)
		return x->week < y->week ? -1 : 1;
	if (x->county != y->county)
		return x->county < y->county ? -1 : 1;
	return strcmp(x->path, y->path);
}

/* The entries in cmp_hent's order. They come kind by kind in the order of
 * their names and each kind's in the order of ids, so in the order of
 * their paths: a stable counting sort by branch, week and author puts them
 * in cmp_hent's order, checked after (qsort, 0.11 s of the small demo's
 * history, when they were not). */
static void sort_entries(struct hist *h)
{
	uint32_t weeks = 0;
	for (size_t i = 0; i < h->n; i++)
		if (h->e[i].week + 1 > weeks)
			weeks = h->e[i].week + 1;
	size_t nkeys = h->nb * weeks * 2;
	if (!h->n || nkeys > 4 * h->n + 1024) {
		qsort(h->e, h->n, sizeof *h->e, cmp_hent);
		return;
	}
#define HENT_KEY(x) (((size_t)(x).branch * weeks + (x).week) * 2 + (x).county)
	size_t *start = xcalloc(nkeys + 1, sizeof *start);
	for (size_t i = 0; i < h->n; i++)
		start[HENT_KEY(h->e[i]) + 1]++;
	for (size_t k = 0; k < nkeys; k++)
		start[k + 1] += start[k];
	struct hent *out = xmalloc(h->n * sizeof *out);
	for (size_t i = 0; i < h->n; i++)
		out[start[HENT_KEY(h->e[i])]++] = h->e[i];
#undef HENT_KEY
	free(start);
	free(h->e);
	h->e = out;
	h->alloc = h->n;
	for (size_t i = 1; i < h->n; i++)
		if (cmp_hent(&h->e[i - 1], &h->e[i]) >= 0) {
			qsort(h->e, h->n, sizeof *h->e, cmp_hent);
			return;
		}
}

static int cmp_group(const void *a, const void *b)
{
	const struct hgroup *x = a, *y = b;
	if (x->branch != y->branch)
		return x->branch < y->branch ? -1 : 1;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* The grid officers, their names and their demo keys. */
static int load_officers(struct hist *h, wg_error *err)
{
	struct wg_grid_officer *go;
	size_t ngo;
	int rc = wg_grid_officers(h->ws, &go, &ngo, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < ngo; i++) {
		if (!*go[i].officer)
			continue;
		char ref[WG_REF_MAX];
		snprintf(ref, sizeof ref, "%s%s", WG_REF_GRID_PREFIX, go[i].grid);
		uint32_t bi = branch_index(h, ref);
		struct hbranch *b = &h->b[bi];
		unsigned char seed[32];
		wg_demo_officer_seed(&h->ws->key, go[i].officer, seed);
		wg_key_from_seed(&b->key, seed);
		sodium_memzero(seed, sizeof seed);
		b->officer = xstrdup(go[i].officer);
		b->officer_name = xstrdup(go[i].name ? go[i].name : go[i].officer);
		b->has_officer = true;
	}
	wg_grid_officers_free(go, ngo);
	return WG_OK;
}

/* The message of a commit: what kind of work, then its changes listed. */
static void group_message(const struct hist *h, const struct hgroup *g, bool first, strbuf *msg)
{
	const struct hbranch *b = &h->b[g->branch];
	const struct hent *e = &h->e[g->first];
	bool county = e->county || !b->has_officer;
	if (!b->grid)
		sb_adds(msg, first ? _("Set up the county: its townships, grids, officers, "
				       "checklists and calendars")
				   : _("The county's reference data"));
	else if (county) {
		size_t tasks = 0, cases = 0, complaints = 0;
		for (size_t i = 0; i < g->n; i++) {
			tasks += e[i].kind == &wg_kind_task;
			cases += e[i].kind->county_made;
			complaints += e[i].kind == &wg_kind_complaint;
		}
		if (first)
			sb_addf(msg, _("Open grid %s: its register of entities"), b->grid);
		else if (cases)
			sb_addf(msg, _("Penalty cases of grid %s"), b->grid);
		else if (complaints)
			sb_addf(msg, _("Complaints dispatched to grid %s"), b->grid);
		else
			sb_addf(msg, ngettext("Dispatch to grid %s: %zu task",
					      "Dispatch to grid %s: %zu tasks", tasks),
				b->grid, tasks);
	} else {
		sb_addf(msg, ngettext("Sync of grid %s by %s: %zu change",
				      "Sync of grid %s by %s: %zu changes", g->n),
			b->grid, b->officer_name, g->n);
	}
	sb_adds(msg, "\n\n");
	for (size_t i = 0; i < g->n && i < 40; i++) {
		size_t len = strlen(e[i].path);
		sb_adds(msg, "A ");
		sb_adds(msg, e[i].kind->name);
		sb_addc(msg, ' ');
		sb_adds(msg, e[i].path + (len > WG_ID_HEXLEN ? len - WG_ID_HEXLEN : 0));
		sb_addc(msg, '\n');
	}
	if (g->n > 40)
		sb_addf(msg, _("... and %zu more\n"), g->n - 40);
}

/* The county's log of the bundles of this simulated working life: a
 * dispatch the county sent to a grid, a sync it received from the grid's
 * officer, as an export and an import would have logged them (the Returns
 * screen and the dashboard read when each grid last got and gave back its
 * work). No file exists for them: a received one has no digest, and its
 * name no officer id (the screens show no ids). */
static int log_bundle(struct hist *h, const struct hbranch *b, bool officer, time_t at,
		      const git_oid *commit, wg_error *err)
{
	char stamp[WG_TIMESTAMP_LEN + 1], tip[GIT_OID_HEXSZ + 1], common[GIT_OID_HEXSZ + 1] = "";
	wg_timestamp(at, stamp);
	git_oid_tostr(tip, sizeof tip, commit);
	if (h->b[0].has_tip)
		git_oid_tostr(common, sizeof common, &h->b[0].tip);
	/* 2026-11-22T04:15:00Z -> 20261122-041500, as bundle files are named */
	char *file = officer ? xasprintf("%s-%.4s%.2s%.2s-%.2s%.2s%.2s.bundle", b->grid, stamp,
					 stamp + 5, stamp + 8, stamp + 11, stamp + 14, stamp + 17)
			     : xasprintf("county-%s-%.4s%.2s%.2s-%.2s%.2s%.2s.bundle", b->grid, stamp,
					 stamp + 5, stamp + 8, stamp + 11, stamp + 14, stamp + 17);
	sqlite3_stmt **stp = &h->log_st[officer ? 0 : 1];
	const char *sql = officer ? "INSERT INTO sync_received(file, digest, branch, tip, at)"
				    " VALUES (?1, '', ?3, ?4, ?6)"
				  : "INSERT INTO sync_sent(file, peer, branch, tip, common, at)"
				    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	int rc = WG_OK;
	if (!*stp && sqlite3_prepare_v2(h->ws->db, sql, -1, stp, NULL) != SQLITE_OK) {
		*stp = NULL;
		free(file);
		return wg_db_fail(h->ws->db, err);
	}
	sqlite3_stmt *st = *stp;
	sqlite3_bind_text(st, 1, file, -1, SQLITE_STATIC);
	if (!officer) {
		sqlite3_bind_text(st, 2, b->grid, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, common, -1, SQLITE_STATIC);
	}
	sqlite3_bind_text(st, 3, b->ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, tip, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, stamp, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = wg_db_fail(h->ws->db, err);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	free(file);
	return rc;
}

/* Write one commit of group g on its branch, as its author, at g->at. */
static int write_group(struct hist *h, struct hgroup *g, wg_error *err)
{
	struct hbranch *b = &h->b[g->branch];
	struct hent *e = &h->e[g->first];
	bool officer = b->has_officer && !e->county;
	git_oid commit;
	if (!b->root)
		b->root = xcalloc(1, sizeof *b->root);
	for (size_t i = 0; i < g->n; i++)
		tnode_put(b->root, e[i].path, &e[i].blob);
	strbuf tsb = STRBUF_INIT;
	int rc = tnode_write(h->repo, b->root, &tsb, err);
	sb_release(&tsb);
	if (rc)
		return rc;
	const git_oid tree = b->root->oid;
	strbuf msg = STRBUF_INIT;
	group_message(h, g, !b->has_tip, &msg);
	/* the author and key of this commit, then the county's again */
	char *name = h->repo->name, *email = h->repo->email;
	wg_keypair county_key = h->repo->key;
	char *oemail = NULL;
	if (officer) {
		oemail = xasprintf("%s@%s", b->officer, h->repo->county_id);
		h->repo->name = b->officer_name;
		h->repo->email = oemail;
		h->repo->key = b->key;
	}
	wg_clock_fix(&g->at);
	const git_oid *parent = &b->tip;
	rc = wg_repo_commit(h->repo, &tree, &parent, b->has_tip ? 1 : 0, sb_str(&msg), &commit, err);
	h->repo->name = name;
	h->repo->email = email;
	h->repo->key = county_key;
	sodium_memzero(&county_key, sizeof county_key);
	free(oemail);
	sb_release(&msg);
	/* a grid's commits after its first (the register) travelled in bundles */
	if (rc == WG_OK && b->grid && b->has_tip)
		rc = log_bundle(h, b, officer, g->at, &commit, err);
	if (rc == WG_OK) {
		b->tip = commit;
		b->has_tip = true;
	}
	return rc;
}

/* Forget the committed records' rows of pending, for grid '' and their
 * branch's grid (all of them when nothing was left for the ordinary
 * commit). The records left keep a row of their own: the grids pending
 * whole are not, any more. */
static int committed_done(struct hist *h, size_t left, wg_error *err)
{
	if (!left)
		return wg_repo_pending_done(h->ws->db, err);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h->ws->db, "INSERT OR IGNORE INTO pending(grid, kind, id)"
					  " VALUES (?3, ?1, ?2)", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(h->ws->db, err);
	const char *p = h->left_rows.buf;
	int rc = WG_OK;
	for (size_t i = 0; i < h->nleft_rows && rc == WG_OK; i++) {
		for (int c = 1; c <= 3; c++) {
			sqlite3_bind_text(st, c, p, -1, SQLITE_STATIC);
			p += strlen(p) + 1;
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = wg_db_fail(h->ws->db, err);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (rc || (rc = wg_db_exec(h->ws->db, "DELETE FROM pending_whole", err)))
		return rc;
	if (sqlite3_prepare_v2(h->ws->db, "DELETE FROM pending WHERE grid IN ('', ?3)"
					  " AND kind = ?1 AND id = ?2", -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(h->ws->db, err);
	for (size_t i = 0; i < h->n && rc == WG_OK; i++) {
		size_t len = strlen(h->e[i].path);
		const char *grid = h->b[h->e[i].branch].grid;
		sqlite3_bind_text(st, 1, h->e[i].kind->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, h->e[i].path + len - WG_ID_HEXLEN, WG_ID_HEXLEN,
				  SQLITE_STATIC);
		sqlite3_bind_text(st, 3, grid ? grid : "", -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = wg_db_fail(h->ws->db, err);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

static void hist_free(struct hist *h)
{
	for (size_t i = 0; i < 2; i++)
		sqlite3_finalize(h->log_st[i]);
	for (size_t i = 0; i < h->nb; i++) {
		free(h->b[i].grid);
		free(h->b[i].officer);
		free(h->b[i].officer_name);
		if (h->b[i].root)
			tnode_free(h->b[i].root);
		free(h->b[i].root);
		sodium_memzero(&h->b[i].key, sizeof h->b[i].key);
	}
	free(h->b);
	free(h->e);
	sb_release(&h->left_rows);
	wg_arena_free(&h->paths);
	free(h->insp);
}

int wg_demo_history(wg_workspace *ws, wg_error *err)
{
	struct hist h = {.ws = ws};
	struct hgroup *groups = NULL;
	size_t ngroups = 0, galloc = 0, left = 0;
	char *first = NULL, *last = NULL;
	wg_tips tips;
	int rc;

	wg_tips_init(&tips);
	if ((rc = wg_meta_get(ws->db, "demo_first_day", &first, err)) ||
	    (rc = wg_meta_get(ws->db, "demo_last_day", &last, err)))
		goto out;
	if (!first || !last || !wg_date_valid(first) || !wg_date_valid(last)) {
		rc = wg_fail(err, WG_EINTERNAL, "the demo county has no dates");
		goto out;
	}
	h.first_day = wg_date_days(first);
	h.last_day = wg_date_days(last);
	/* the officers' keys, registered before their first sync */
	struct wg_grid_officer *go;
	size_t ngo;
	if ((rc = wg_grid_officers(ws, &go, &ngo, err)))
		goto out;
	for (size_t i = 0; i < ngo && rc == WG_OK; i++)
		if (*go[i].officer)
			rc = wg_demo_register_key(ws, go[i].officer, err);
	wg_grid_officers_free(go, ngo);
	if (rc || (rc = wg_repo_open(ws, WG_REPO_CREATE_COUNTY, &h.repo, err)))
		goto out;
	/* common first: its branch index is 0 */
	branch_index(&h, WG_REF_COMMON);
	if ((rc = load_officers(&h, err)) || (rc = wg_db_begin(ws->db, err)))
		goto out;
	/* the county's own key too, so that its set-up holds every key */
	if ((rc = wg_keys_ensure_county(ws, err)) ||
	    (rc = wg_repo_write_behind(h.repo, true, err)) || (rc = collect(&h, &left, err)))
		goto rollback;
	sort_entries(&h);

	/* one commit per branch, week and author; its time the last day of its
	 * work, officers' syncs in the late afternoon, the county's in the morning */
	for (size_t i = 0; i < h.n;) {
		size_t j = i + 1;
		uint32_t last_day = h.e[i].day;
		while (j < h.n && h.e[j].branch == h.e[i].branch && h.e[j].week == h.e[i].week &&
		       h.e[j].county == h.e[i].county) {
			if (h.e[j].day > last_day)
				last_day = h.e[j].day;
			j++;
		}
		if (ngroups == galloc) {
			galloc = galloc ? 2 * galloc : 1024;
			groups = xrealloc(groups, galloc * sizeof *groups);
		}
		long minute = h.e[i].county ? 9 * 60 + 5 * (long)(h.e[i].branch % 12)
					    : 17 * 60 + (long)(h.e[i].branch % 50);
		groups[ngroups++] = (struct hgroup){
			.first = i,
			.n = j - i,
			.branch = h.e[i].branch,
			.at = (time_t)(h.first_day + (long)last_day) * 86400 + minute * 60 -
			      WG_CST_OFFSET,
		};
		i = j;
	}
	qsort(groups, ngroups, sizeof *groups, cmp_group);
	for (size_t i = 0; i < ngroups && rc == WG_OK; i++) {
		wg_progress(N_("Writing the demo county's history"), i + 1, ngroups);
		rc = write_group(&h, &groups[i], err);
		/* the groups go branch by branch: a branch done, its tree goes */
		struct hbranch *b = &h.b[groups[i].branch];
		if (b->root && (i + 1 == ngroups || groups[i + 1].branch != groups[i].branch)) {
			tnode_free(b->root);
			free(b->root);
			b->root = NULL;
		}
	}
	wg_progress_end();
	wg_clock_fix(NULL);
	for (size_t i = 0; i < h.nb && rc == WG_OK; i++) {
		if (!h.b[i].has_tip)
			continue;
		struct wg_tip *t = wg_tips_add(&tips, h.b[i].ref);
		t->cur = h.b[i].tip;
		t->has_cur = true;
	}
	/* the history written, then read: its last objects packed */
	if (rc || (rc = wg_repo_write_behind(h.repo, false, err)) ||
	    (rc = wg_repo_flush(h.repo, err)) || (rc = wg_tips_store(h.repo, &tips, err)) ||
	    (rc = committed_done(&h, left, err)) || (rc = wg_db_commit(ws->db, err)))
		goto rollback;
	goto out;
rollback:
	wg_db_rollback(ws->db);
out:
	wg_clock_fix(NULL);
	wg_tips_free(&tips);
	free(groups);
	wg_repo_close(h.repo);
	hist_free(&h);
	free(first);
	free(last);
	return rc;
}
