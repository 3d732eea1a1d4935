/* The demo county generator. Everything it writes goes through the schema's
 * own checks (wg_record_check), so the demo can never hold a value the
 * program would refuse from a user. */
#include <config.h>

#include <sodium.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulk.h"
#include "calendar.h"
#include "checklist.h"
#include "datafile.h"
#include "db.h"
#include "demo.h"
#include "fileutil.h"
#include "i18n.h"
#include "plan.h"
#include "progress.h"
#include "record.h"
#include "relay.h"
#include "rules.h"
#include "rng.h"
#include "schema.h"
#include "sha256.h"
#include "strbuf.h"
#include "timeutil.h"
#include "validate.h"
#include "wordlist.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_KINDS 32
#define MAX_VILLAGES 8

const char *wg_demo_size_name(enum wg_demo_size size)
{
	return size == WG_DEMO_LARGE ? "large" : "small";
}

int wg_demo_size_parse(const char *s, enum wg_demo_size *out)
{
	if (strcmp(s, "small") == 0)
		*out = WG_DEMO_SMALL;
	else if (strcmp(s, "large") == 0)
		*out = WG_DEMO_LARGE;
	else
		return -1;
	return 0;
}

/* ---- name templates (data/demo/names.txt) ---- */

struct tmpl {
	char key[32];
	size_t *lines; /* indexes into the names list */
	size_t n;
};

struct township {
	char id[WG_ID_HEXLEN + 1];
	char code[24];
	char name[64];
	bool town; /* 镇 rather than 乡 */
};

struct grid {
	char code[40];
	char officer[WG_ID_HEXLEN + 1];
	size_t township;
	int nvillages;
	char villages[MAX_VILLAGES][64];
};

/* Values a template may refer to; NULL or 0 when the caller has none. */
struct vars {
	const char *place, *county, *township, *village, *entity, *finding, *person;
	long n, year, q, num;
};

struct gen {
	sqlite3 *db;
	wg_rng rng;
	wg_error *err;
	enum wg_demo_size size;
	struct wg_demo_counts *counts;

	/* the writer's: a row, and MANY_ROWS rows, of each kind */
	sqlite3_stmt *ins[MAX_KINDS], *ins_many[MAX_KINDS];
	struct grec *rec[MAX_KINDS]; /* the record of each kind being made */
	struct writer *writer;        /* NULL: emit inserts itself */

	wg_wordlist places, surnames, given, shops, roads, findings, complaints, provinces, names;
	struct tmpl *tmpls;
	size_t ntmpls;
	unsigned char *place_used;

	char county_id[WG_ID_HEXLEN + 1];
	char county_code[8], county[64], abbr[16], area[8];
	struct township *tw;
	size_t ntw;
	struct grid *grids;
	size_t ngrids;
	char (*inspectors)[WG_ID_HEXLEN + 1];
	size_t ninspectors;

	/* the default checklist of each category, per kind: [category][0 patrol, 1 inspection] */
	struct {
		bool tried;
		char ref[64];
		wg_checklist *cl;
	} cls[64][2];
	wg_calendar *cal;
	bool details; /* item results (the small county; findings in both) */
	/* the share of the work left undone past its due day is per grid: in
	 * thousandths, how much of it each entity keeps (1000 in a grid of up
	 * to OPEN_GRID_ENTITIES entities, less in a larger one) */
	unsigned open_scale;
	/* per grid (as grids): its tasks left open past their due day so far */
	unsigned *open_late;

	/* names already given to entities, to keep them distinct (open addressing) */
	uint64_t *seen;
	size_t seen_cap;

	/* the county's random draws (双随机), one each half-year: its random
	 * inspections are of the entities its draw picked */
	struct draw_period {
		long start, end, day; /* the half-year, and the day of its draw */
		char id[WG_ID_HEXLEN + 1], seed[64];
		struct wg_plan *plan;
	} *draws;
	size_t ndraws;
	int publish_days; /* the county's limit for publishing their results */
	int expiry_days;  /* and its warning of licences running out */

	long today, first_day;
	strbuf sb;
};

static size_t kind_slot(const struct wg_kind *kind)
{
	for (size_t k = 0; k < wg_nkinds; k++)
		if (wg_kinds[k] == kind)
			return k;
	return 0; /* only well-known kinds are generated */
}

/* The record of a kind being made, filled field by field: each field's
 * value in a buffer of its own, kept from one record to the next (a value
 * copied and the one before freed, for each of some 3 million values, was
 * a tenth of the generator's time), and the index of each field name put
 * (put names fields by literals: the same name is the same pointer). */
#define GREC_NAMES 64
struct grec {
	wg_record rec; /* first: put and emit are given &rec */
	char *buf[WG_MAX_FIELDS];
	size_t cap[WG_MAX_FIELDS], len[WG_MAX_FIELDS];
	struct {
		const char *name;
		int field;
	} names[GREC_NAMES];
};

static char grec_empty[1];

static struct grec *grec_of(wg_record *rec)
{
	return (struct grec *)rec;
}

static void grec_free(struct grec *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < WG_MAX_FIELDS; i++)
		free(r->buf[i]);
	free(r);
}

static wg_record *blank(struct gen *g, const struct wg_kind *kind)
{
	size_t k = kind_slot(kind);
	struct grec *r = g->rec[k];
	if (!r) {
		r = g->rec[k] = xcalloc(1, sizeof *r);
		r->rec.kind = kind;
	}
	for (size_t i = 0; i < kind->nfields; i++) {
		r->rec.val[i] = grec_empty;
		r->len[i] = 0;
	}
	return &r->rec;
}

/* Set field (a literal name; one the kind does not have is ignored). */
static void put(wg_record *rec, const char *field, const char *value)
{
	struct grec *r = grec_of(rec);
	size_t h = ((uintptr_t)field >> 3) % GREC_NAMES;
	if (r->names[h].name != field) {
		r->names[h].name = field;
		r->names[h].field = wg_field_index(rec->kind, field);
	}
	int i = r->names[h].field;
	if (i < 0 || value == rec->val[i])
		return;
	size_t n = strlen(value);
	if (n + 1 > r->cap[i]) {
		/* value may be part of the old buffer */
		size_t cap = n + 1 > 64 ? n + 1 : 64;
		char *buf = xmalloc(cap);
		memcpy(buf, value, n + 1);
		free(r->buf[i]);
		r->buf[i] = buf;
		r->cap[i] = cap;
	} else {
		memmove(r->buf[i], value, n + 1);
	}
	r->len[i] = n;
	rec->val[i] = n ? r->buf[i] : grec_empty;
}

/* Rows of a kind inserted by one statement: a statement's own cost (its
 * start, opening the table's cursors and its end) was a third of a row's.
 * Inserting 32 rows a statement instead of one made the small county's
 * 271,000 item results 2.1 microseconds a row instead of 3.4. */
#define MANY_ROWS 32

/* Insert nrows rows (1 or MANY_ROWS) of kind with the kind's prepared
 * statement (made when first needed); val holds nrows * nfields values, len
 * their lengths. */
static int insert_rows(sqlite3 *db, sqlite3_stmt **ins, const struct wg_kind *kind, size_t nrows,
		       const char *const *val, const int *len, wg_error *err)
{
	size_t k = kind_slot(kind);
	int rc;
	if (!ins[k]) {
		strbuf sql = STRBUF_INIT;
		sb_addf(&sql, "INSERT INTO %s (%s) VALUES ", kind->name, wg_db_columns(kind));
		for (size_t r = 0; r < nrows; r++) {
			sb_adds(&sql, r ? ", (" : "(");
			for (size_t i = 0; i < kind->nfields; i++)
				sb_adds(&sql, i ? ", ?" : "?");
			sb_adds(&sql, ")");
		}
		rc = sqlite3_prepare_v2(db, sb_str(&sql), -1, &ins[k], NULL);
		sb_release(&sql);
		if (rc != SQLITE_OK)
			return wg_db_fail(db, err);
	}
	sqlite3_stmt *st = ins[k];
	for (size_t i = 0; i < nrows * kind->nfields; i++)
		sqlite3_bind_text(st, (int)i + 1, val[i], len ? len[i] : -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(db, err);
}

static int insert_row(sqlite3 *db, sqlite3_stmt **ins, const struct wg_kind *kind,
		      const char *const *val, wg_error *err)
{
	return insert_rows(db, ins, kind, 1, val, NULL, err);
}

/* ---- the writer: the inserts on a thread of their own ---- */

/* Making up records and inserting them take about the same time: the
 * generator fills one batch of rows while a thread inserts the other. Only
 * records go through it; the generator otherwise only reads checklists,
 * which no batch touches. A batch's rows are inserted kind by kind, each
 * kind's in the order they were made (so each table's rows, and their
 * rowids, are as if inserted one by one), MANY_ROWS a statement. */
#define BATCH_ROWS 1024
#define WRITER_FIELDS 64

struct batch {
	strbuf data;                          /* each row's values, NUL-terminated */
	const struct wg_kind *kind[BATCH_ROWS];
	size_t off[BATCH_ROWS], n;
};

struct writer {
	pthread_t thread;
	wg_relay relay;
	struct batch b[2];
	int filling;       /* the batch emit fills */
	_Atomic int rc;    /* the first failure, err set before it */
	wg_error err;
	sqlite3 *db;
	sqlite3_stmt **ins, **ins_many;
	/* the rows of a batch by kind, and one statement's values */
	size_t order[BATCH_ROWS], start[MAX_KINDS + 1];
	unsigned char slot[BATCH_ROWS];
	const char *val[MANY_ROWS * WRITER_FIELDS];
	int len[MANY_ROWS * WRITER_FIELDS];
};

/* Insert batch b's rows kind by kind (a stable counting sort by kind). */
static int write_batch(struct writer *w, const struct batch *b, wg_error *err)
{
	memset(w->start, 0, sizeof w->start);
	for (size_t r = 0; r < b->n; r++) {
		w->slot[r] = (unsigned char)kind_slot(b->kind[r]);
		w->start[w->slot[r] + 1]++;
	}
	for (size_t k = 0; k < MAX_KINDS; k++)
		w->start[k + 1] += w->start[k];
	for (size_t r = 0; r < b->n; r++)
		w->order[w->start[w->slot[r]]++] = r;
	/* start[k] is now where kind k + 1's rows begin */
	for (size_t at = 0; at < b->n;) {
		const struct wg_kind *kind = b->kind[w->order[at]];
		size_t end = w->start[w->slot[w->order[at]]];
		while (at < end) {
			size_t nrows = end - at >= MANY_ROWS ? MANY_ROWS : 1, v = 0;
			for (size_t r = 0; r < nrows; r++) {
				const char *p = b->data.buf + b->off[w->order[at + r]];
				for (size_t i = 0; i < kind->nfields; i++, v++) {
					size_t n = strlen(p);
					w->val[v] = p;
					w->len[v] = (int)n;
					p += n + 1;
				}
			}
			int rc = insert_rows(w->db, nrows > 1 ? w->ins_many : w->ins, kind, nrows,
					     w->val, w->len, err);
			if (rc)
				return rc;
			at += nrows;
		}
	}
	return WG_OK;
}

static void *writer_main(void *arg)
{
	struct writer *w = arg;
	for (int cur = 0; wg_relay_wait_full(&w->relay, cur); cur ^= 1) {
		struct batch *b = &w->b[cur];
		wg_error err = {0};
		/* after a failure, batches are only emptied: the generator stops */
		int rc = w->rc ? WG_OK : write_batch(w, b, &err);
		if (rc) {
			w->err = err;
			w->rc = rc;
		}
		b->n = 0;
		sb_reset(&b->data);
		wg_relay_emptied(&w->relay, cur);
	}
	return NULL;
}

/* Hand over the batch being filled (last: the generator is done); wait for
 * the writer to be done with the other. The writer's failure, if any. */
static int writer_hand_over(struct gen *g, bool last)
{
	struct writer *w = g->writer;
	wg_relay_hand_over(&w->relay, &w->filling, last);
	int rc = w->rc;
	if (rc)
		*g->err = w->err;
	return rc;
}

static void writer_start(struct gen *g)
{
	for (size_t k = 0; k < wg_nkinds; k++)
		if (wg_kinds[k]->nfields > WRITER_FIELDS)
			return; /* emit inserts itself */
	struct writer *w = xcalloc(1, sizeof *w);
	wg_relay_init(&w->relay);
	w->db = g->db;
	w->ins = g->ins;
	w->ins_many = g->ins_many;
	if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
		wg_relay_destroy(&w->relay);
		free(w);
		return; /* emit inserts itself */
	}
	g->writer = w;
}

/* Every row handed over and inserted; the writer gone. */
static int writer_finish(struct gen *g)
{
	struct writer *w = g->writer;
	if (!w)
		return WG_OK;
	writer_hand_over(g, true);
	pthread_join(w->thread, NULL);
	int rc = w->rc;
	if (rc)
		*g->err = w->err;
	for (int i = 0; i < 2; i++)
		sb_release(&w->b[i].data);
	wg_relay_destroy(&w->relay);
	free(w);
	g->writer = NULL;
	return rc;
}

/* Check the record as a user's would be checked, then insert it (through the
 * writer when there is one). */
static int emit(struct gen *g, wg_record *rec, long *counter)
{
	const struct wg_kind *kind = rec->kind;
	int rc;

	if ((rc = wg_record_check(rec, g->err))) {
		wg_error_prefix(g->err, _("the demo generator made an invalid %s record"),
				_(kind->label));
		g->err->status = WG_EINTERNAL;
		return WG_EINTERNAL;
	}
	if (counter)
		(*counter)++;
	if (!g->writer)
		return insert_row(g->db, g->ins, kind, (const char *const *)rec->val, g->err);
	struct batch *b = &g->writer->b[g->writer->filling];
	b->kind[b->n] = kind;
	b->off[b->n++] = b->data.len;
	const struct grec *r = grec_of(rec);
	for (size_t i = 0; i < kind->nfields; i++)
		sb_add(&b->data, rec->val[i], r->len[i] + 1);
	return b->n == BATCH_ROWS ? writer_hand_over(g, false) : WG_OK;
}

/* ---- random values ---- */

/* A grid holds at most this many entities in the small county (2,000 over 32-40
 * grids); the large one's hold 667. Its officer leaves about as much
 * overdue as the small county's do, not 14 times as much. */
#define OPEN_GRID_ENTITIES 64

/* At most this many tasks of a grid are left open past their due day: on
 * whatever day the demo is built, the patrols of a whole grid may have fallen
 * due a fortnight before (2028-02-29: 7 in one grid without it). */
#define OPEN_LATE_MAX 4

/* Done, past its due day, as percent of them are in a grid of
 * OPEN_GRID_ENTITIES: in a larger grid, the rest left open shrink with the
 * share each entity has of its officer's time; and done whatever the draw
 * once the grid has left OPEN_LATE_MAX open. One draw. */
static bool done_late(struct gen *g, const struct grid *grid, unsigned percent)
{
	bool done = g->open_scale >= 1000
			    ? wg_rng_chance(&g->rng, percent)
			    : wg_rng_below(&g->rng, 100000) >= (100 - percent) * g->open_scale;
	return done || g->open_late[grid - g->grids] >= OPEN_LATE_MAX;
}

static const char *pick(struct gen *g, const wg_wordlist *wl)
{
	return wl->items[wg_rng_below(&g->rng, (uint32_t)wl->n)];
}

/* A place word not yet used in this county, while there are any left. */
static const char *fresh_place(struct gen *g)
{
	size_t n = g->places.n;
	size_t i = wg_rng_below(&g->rng, (uint32_t)n);
	for (size_t tries = 0; tries < n && g->place_used[i]; tries++)
		i = (i + 1) % n;
	g->place_used[i] = 1;
	return g->places.items[i];
}

static void person(struct gen *g, char *out, size_t outlen)
{
	const char *s = pick(g, &g->surnames), *a = pick(g, &g->given);
	if (wg_rng_chance(&g->rng, 70))
		snprintf(out, outlen, "%s%s%s", s, a, pick(g, &g->given));
	else
		snprintf(out, outlen, "%s%s", s, a);
}

static void mobile(struct gen *g, char out[12])
{
	static const char *const prefixes[] = {"13", "15", "17", "18", "19"};
	/* one draw a statement, as the order of a call's arguments is
	 * unspecified; last first, the order gcc gave the counties built before */
	uint32_t number = wg_rng_below(&g->rng, 1000000000);
	const char *prefix = prefixes[wg_rng_below(&g->rng, NELEM(prefixes))];
	snprintf(out, 12, "%s%09" PRIu32, prefix, number);
}

static void fixed_line(struct gen *g, char *out, size_t outlen)
{
	uint32_t number = wg_rng_below(&g->rng, 1000000);
	uint32_t exchange = 2 + wg_rng_below(&g->rng, 7);
	snprintf(out, outlen, "%s-%" PRIu32 "%06" PRIu32, g->area, exchange, number);
}

/* An 18-digit ID card number with a real birth date and a correct check digit. */
static void idcard(struct gen *g, char out[19])
{
	char birth[WG_DATE_LEN + 1];
	wg_date_from_days(g->today - wg_rng_range(&g->rng, 24 * 365, 58 * 365), birth);
	snprintf(out, 19, "%s%.4s%.2s%.2s%03" PRIu32, g->county_code, birth, birth + 5, birth + 8,
		 wg_rng_below(&g->rng, 1000));
	out[17] = wg_idcard_check_char(out);
	out[18] = '\0';
}

/* A unified social credit code: authority and type, the county, a 9-character
 * organisation code, and the GB 32100 check character. */
static void uscc(struct gen *g, const char *kind2, char out[19])
{
	static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	memcpy(out, kind2, 2);
	memcpy(out + 2, g->county_code, 6);
	for (int i = 8; i < 17; i++)
		out[i] = wg_rng_chance(&g->rng, 75) ? (char)('0' + wg_rng_below(&g->rng, 10))
						   : charset[10 + wg_rng_below(&g->rng, 21)];
	out[17] = wg_uscc_check_char(out);
	out[18] = '\0';
}

static void timestamp(long day, long minute_cst, char out[WG_TIMESTAMP_LEN + 1])
{
	wg_timestamp((time_t)day * 86400 + minute_cst * 60 - WG_CST_OFFSET, out);
}

/* A Monday-to-Friday day in [lo, hi] (lo itself when the range has none). */
static long workday(struct gen *g, long lo, long hi)
{
	if (hi < lo)
		return lo;
	for (int tries = 0; tries < 8; tries++) {
		long d = wg_rng_range(&g->rng, lo, hi);
		long w = ((d % 7) + 7 + 3) % 7; /* 0 = Monday */
		if (w < 5)
			return d;
	}
	return lo;
}

/* ---- templates ---- */

static int load_templates(struct gen *g)
{
	for (size_t i = 0; i < g->names.n; i++) {
		char key[32];
		wg_wordlist_column(&g->names, i, 0, key, sizeof key);
		size_t t;
		for (t = 0; t < g->ntmpls; t++)
			if (strcmp(g->tmpls[t].key, key) == 0)
				break;
		if (t == g->ntmpls) {
			g->tmpls = xrealloc(g->tmpls, (g->ntmpls + 1) * sizeof *g->tmpls);
			memset(&g->tmpls[t], 0, sizeof *g->tmpls);
			snprintf(g->tmpls[t].key, sizeof g->tmpls[t].key, "%s", key);
			g->ntmpls++;
		}
		g->tmpls[t].lines = xrealloc(g->tmpls[t].lines, (g->tmpls[t].n + 1) * sizeof(size_t));
		g->tmpls[t].lines[g->tmpls[t].n++] = i;
	}
	/* Every key the generator uses must be there: a clear error, not a blank name. */
	static const char *const needed[] = {
		"@county", "@town", "@xiang", "@village", "@grid", "@address_seat",
		"@address_village", "@cert", "@task_patrol", "@task_patrol_n", "@task_campaign",
		"@task_recheck", "@task_complaint", "@task_clue", "@summary_patrol_pass",
		"@summary_patrol_problem", "@summary_pass", "@summary_rectify", "@summary_fail",
		"@summary_recheck", "@summary_clue",
		"@result_true", "@result_false",
	};
	for (size_t i = 0; i < NELEM(needed) + wg_ncategories; i++) {
		const char *key = i < NELEM(needed) ? needed[i] : wg_categories[i - NELEM(needed)].code;
		size_t t;
		for (t = 0; t < g->ntmpls; t++)
			if (strcmp(g->tmpls[t].key, key) == 0)
				break;
		if (t == g->ntmpls) {
			char *path = wg_data_path("demo/names.txt");
			int rc = wg_fail(g->err, WG_EINTERNAL,
					 _("the data file %s has no line for \"%s\""), path, key);
			free(path);
			return rc;
		}
	}
	return WG_OK;
}

static const struct tmpl *tmpl_find(struct gen *g, const char *key)
{
	for (size_t t = 0; t < g->ntmpls; t++)
		if (strcmp(g->tmpls[t].key, key) == 0)
			return &g->tmpls[t];
	return NULL; /* load_templates made sure this does not happen */
}

/* Expand the template for key (line nth of that key, or a random one when
 * nth < 0) into out. */
static const char *expand(struct gen *g, const char *key, int nth, const struct vars *v,
			  char *out, size_t outlen)
{
	const struct tmpl *t = tmpl_find(g, key);
	char pat[256], who[32];
	size_t line = nth >= 0 ? (size_t)nth % t->n : wg_rng_below(&g->rng, (uint32_t)t->n);
	wg_wordlist_column(&g->names, t->lines[line], 1, pat, sizeof pat);

	sb_reset(&g->sb);
	for (const char *p = pat; *p;) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		if (!close) {
			sb_addc(&g->sb, *p++);
			continue;
		}
		size_t n = (size_t)(close - p - 1);
		const char *name = p + 1;
#define IS(s) (n == strlen(s) && strncmp(name, s, n) == 0)
		if (IS("place"))
			sb_adds(&g->sb, v && v->place ? v->place : pick(g, &g->places));
		else if (IS("shop"))
			sb_adds(&g->sb, pick(g, &g->shops));
		else if (IS("road"))
			sb_adds(&g->sb, pick(g, &g->roads));
		else if (IS("person")) {
			if (v && v->person) {
				sb_adds(&g->sb, v->person);
			} else {
				person(g, who, sizeof who);
				sb_adds(&g->sb, who);
			}
		} else if (IS("county"))
			sb_adds(&g->sb, g->county);
		else if (IS("township"))
			sb_adds(&g->sb, v && v->township ? v->township : "");
		else if (IS("village"))
			sb_adds(&g->sb, v && v->village ? v->village : "");
		else if (IS("entity"))
			sb_adds(&g->sb, v && v->entity ? v->entity : "");
		else if (IS("finding"))
			sb_adds(&g->sb, v && v->finding ? v->finding : "");
		else if (IS("abbr"))
			sb_adds(&g->sb, g->abbr);
		else if (IS("n"))
			sb_addf(&g->sb, "%ld", v && v->n ? v->n : (long)wg_rng_range(&g->rng, 1, 9));
		else if (IS("year"))
			sb_addf(&g->sb, "%ld", v ? v->year : 0);
		else if (IS("q"))
			sb_addf(&g->sb, "%ld", v ? v->q : 0);
		else if (IS("num"))
			sb_addf(&g->sb, "%05ld", v ? v->num : 0);
		else
			sb_add(&g->sb, p, n + 2); /* not a placeholder: keep it */
#undef IS
		p = close + 1;
	}
	snprintf(out, outlen, "%s", sb_str(&g->sb));
	return out;
}

/* A line of a group-tagged list (findings, complaints) for this group. */
static void tagged(struct gen *g, const wg_wordlist *wl, const char *group, char *out,
		   size_t outlen)
{
	size_t matches = 0;
	char tag[32];
	for (size_t i = 0; i < wl->n; i++) {
		wg_wordlist_column(wl, i, 0, tag, sizeof tag);
		matches += strcmp(tag, group) == 0;
	}
	size_t want = matches ? wg_rng_below(&g->rng, (uint32_t)matches) : 0;
	for (size_t i = 0; i < wl->n; i++) {
		wg_wordlist_column(wl, i, 0, tag, sizeof tag);
		if ((matches == 0 || strcmp(tag, group) == 0) && want-- == 0) {
			wg_wordlist_column(wl, i, 1, out, outlen);
			return;
		}
	}
	out[0] = '\0';
}

/* ---- the county, its townships, grids and staff ---- */

static int gen_county(struct gen *g)
{
	char prefix[8], created[WG_TIMESTAMP_LEN + 1];
	size_t p = wg_rng_below(&g->rng, (uint32_t)g->provinces.n);
	struct vars v = {0};

	wg_wordlist_column(&g->provinces, p, 0, prefix, sizeof prefix);
	wg_wordlist_column(&g->provinces, p, 1, g->abbr, sizeof g->abbr);
	wg_wordlist_column(&g->provinces, p, 2, g->area, sizeof g->area);
	if (strlen(prefix) != 2 || strspn(prefix, "0123456789") != 2 || strlen(g->area) < 3) {
		char *path = wg_data_path("demo/provinces.txt");
		int rc = wg_fail(g->err, WG_EINTERNAL, _("the data file %s has a malformed line: %s"),
				 path, g->provinces.items[p]);
		free(path);
		return rc;
	}
	/* prefecture 01-12, county 21-29 (counties, not districts) */
	long county = wg_rng_range(&g->rng, 21, 29);
	long prefecture = wg_rng_range(&g->rng, 1, 12);
	snprintf(g->county_code, sizeof g->county_code, "%s%02ld%02ld", prefix, prefecture, county);
	v.place = fresh_place(g);
	expand(g, "@county", -1, &v, g->county, sizeof g->county);

	wg_record *r = blank(g, &wg_kind_county);
	wg_rng_id(&g->rng, g->county_id);
	timestamp(g->first_day - 90, 9 * 60, created);
	put(r, "id", g->county_id);
	put(r, "code", g->county_code);
	put(r, "name", g->county);
	put(r, "created", created);
	return emit(g, r, NULL);
}

static int gen_townships(struct gen *g)
{
	int towns = 0, xiangs = 0;
	g->ntw = g->size == WG_DEMO_LARGE ? 6 : (size_t)wg_rng_range(&g->rng, 4, 6);
	g->tw = xcalloc(g->ntw, sizeof *g->tw);
	for (size_t i = 0; i < g->ntw; i++) {
		struct township *t = &g->tw[i];
		struct vars v = {0};
		/* The first is the county seat, a town; then towns (1xx) and townships (2xx). */
		t->town = i == 0 || wg_rng_chance(&g->rng, 50);
		v.place = fresh_place(g);
		expand(g, t->town ? "@town" : "@xiang", -1, &v, t->name, sizeof t->name);
		snprintf(t->code, sizeof t->code, "%s%03d", g->county_code,
			 t->town ? 100 + towns++ : 200 + xiangs++);
		wg_rng_id(&g->rng, t->id);
		wg_record *r = blank(g, &wg_kind_township);
		put(r, "id", t->id);
		put(r, "code", t->code);
		put(r, "name", t->name);
		int rc = emit(g, r, &g->counts->townships);
		if (rc)
			return rc;
	}
	return WG_OK;
}

static int gen_officer(struct gen *g, const char *role, const char *grid, bool retired,
		       char id_out[WG_ID_HEXLEN + 1], long *counter)
{
	char name[32], phone[12], card[19], cert[64];
	wg_record *r = blank(g, &wg_kind_officer);

	wg_rng_id(&g->rng, id_out);
	person(g, name, sizeof name);
	mobile(g, phone);
	idcard(g, card);
	put(r, "id", id_out);
	put(r, "name", name);
	put(r, "grid", grid);
	put(r, "role", role);
	put(r, "phone", phone);
	put(r, "idcard", card);
	if (strcmp(role, "inspector") == 0) {
		struct vars v = {0};
		v.year = wg_rng_range(&g->rng, 2012, 2025);
		v.num = wg_rng_range(&g->rng, 1, 99999);
		put(r, "cert", expand(g, "@cert", -1, &v, cert, sizeof cert));
	}
	put(r, "status", retired ? "retired" : "active");
	return emit(g, r, counter);
}

static int gen_grids(struct gen *g)
{
	size_t target = g->size == WG_DEMO_LARGE ? 150 : (size_t)wg_rng_range(&g->rng, 32, 40);
	size_t per = (target + g->ntw - 1) / g->ntw;
	int rc;

	g->grids = xcalloc(per * g->ntw, sizeof *g->grids);
	g->open_late = xcalloc(per * g->ntw, sizeof *g->open_late);
	for (size_t t = 0; t < g->ntw; t++) {
		for (size_t k = 0; k < per; k++) {
			struct grid *gr = &g->grids[g->ngrids];
			char id[WG_ID_HEXLEN + 1], name[96];
			struct vars v = {0};

			gr->township = t;
			snprintf(gr->code, sizeof gr->code, "%s-%02d", g->tw[t].code, (int)k + 1);
			gr->nvillages = (int)wg_rng_range(&g->rng, 3, MAX_VILLAGES - 2);
			for (int i = 0; i < gr->nvillages; i++) {
				v.place = fresh_place(g);
				expand(g, "@village", -1, &v, gr->villages[i], sizeof gr->villages[i]);
			}
			v.township = g->tw[t].name;
			v.n = (long)k + 1;
			expand(g, "@grid", -1, &v, name, sizeof name);
			wg_rng_id(&g->rng, id);
			wg_record *r = blank(g, &wg_kind_grid);
			put(r, "id", id);
			put(r, "code", gr->code);
			put(r, "name", name);
			put(r, "township", g->tw[t].id);
			if ((rc = emit(g, r, &g->counts->grids)))
				return rc;
			g->ngrids++;
		}
	}
	/* One grid officer per grid; a few retired ones; inspectors; clerks. */
	for (size_t i = 0; i < g->ngrids; i++)
		if ((rc = gen_officer(g, "officer", g->grids[i].code, false, g->grids[i].officer,
				      &g->counts->officers)))
			return rc;
	for (int i = 0; i < 2; i++) {
		char id[WG_ID_HEXLEN + 1];
		if ((rc = gen_officer(g, "officer", "", true, id, &g->counts->officers)))
			return rc;
	}
	g->ninspectors = g->size == WG_DEMO_LARGE ? 40 : 10;
	g->inspectors = xcalloc(g->ninspectors, sizeof *g->inspectors);
	for (size_t i = 0; i < g->ninspectors; i++)
		if ((rc = gen_officer(g, "inspector", "", false, g->inspectors[i],
				      &g->counts->inspectors)))
			return rc;
	for (int i = 0; i < 3; i++) {
		char id[WG_ID_HEXLEN + 1];
		if ((rc = gen_officer(g, "clerk", "", false, id, &g->counts->clerks)))
			return rc;
	}
	return WG_OK;
}

/* ---- checklists ---- */

/* Give the rows of a table of shipped reference data ids and times from the
 * generator, so the same seed still gives the same county. */
static int restamp(struct gen *g, const char *table, const char *order)
{
	sqlite3_stmt *sel, *upd;
	char created[WG_TIMESTAMP_LEN + 1], *sql;
	int rc;
	timestamp(g->first_day - 90, 9 * 60, created);
	sql = xasprintf("SELECT rowid FROM %s ORDER BY %s", table, order);
	rc = sqlite3_prepare_v2(g->db, sql, -1, &sel, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return wg_db_fail(g->db, g->err);
	sql = xasprintf("UPDATE %s SET id = ?, created = ? WHERE rowid = ?", table);
	rc = sqlite3_prepare_v2(g->db, sql, -1, &upd, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(sel);
		return wg_db_fail(g->db, g->err);
	}
	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		char id[WG_ID_HEXLEN + 1];
		wg_rng_id(&g->rng, id);
		sqlite3_bind_text(upd, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(upd, 2, created, -1, SQLITE_STATIC);
		sqlite3_bind_int64(upd, 3, sqlite3_column_int64(sel, 0));
		if (sqlite3_step(upd) != SQLITE_DONE)
			break;
		sqlite3_reset(upd);
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(g->db, g->err);
}

/* The shipped checklists and holiday calendars, as "init county" stores them. */
static int gen_checklists(struct gen *g)
{
	size_t n;
	int rc;
	if ((rc = wg_rules_import_shipped(g->db, &n, g->err)) ||
	    (rc = restamp(g, "rules", "ruleset, CAST(version AS INTEGER)")) ||
	    (rc = wg_checklist_import_shipped(g->db, &n, g->err)) ||
	    (rc = restamp(g, "checklist", "code, version")) ||
	    (rc = wg_calendar_import_shipped(g->db, &n, g->err)))
		return rc;
	return restamp(g, "calendar", "CAST(year AS INTEGER), CAST(version AS INTEGER)");
}

/* The checklist a patrol (kind 0) or inspection (kind 1) of this category is
 * recorded against: the county's default, or for hospitals the infectious
 * disease checklist. NULL when there is none (the record names none). */
static const wg_checklist *checklist_for(struct gen *g, const struct wg_category *c, int kind,
					 const char **ref)
{
	size_t ci = (size_t)(c - wg_categories);
	*ref = "";
	if (ci >= 64)
		return NULL;
	if (!g->cls[ci][kind].tried) {
		wg_error e;
		g->cls[ci][kind].tried = true;
		if (wg_checklist_default(g->db, c->code, kind ? "inspection" : "patrol",
					 g->cls[ci][kind].ref, &e) != WG_OK) {
			g->cls[ci][kind].ref[0] = '\0';
			if (kind && !strcmp(c->group, "hospital"))
				snprintf(g->cls[ci][kind].ref, sizeof g->cls[ci][kind].ref,
					 "infectious-disease");
		}
		if (*g->cls[ci][kind].ref &&
		    wg_checklist_load(g->db, g->cls[ci][kind].ref, &g->cls[ci][kind].cl, &e) == WG_OK)
			snprintf(g->cls[ci][kind].ref, sizeof g->cls[ci][kind].ref, "%s@%d",
				 g->cls[ci][kind].cl->code, g->cls[ci][kind].cl->version);
		else
			g->cls[ci][kind].ref[0] = '\0';
	}
	*ref = g->cls[ci][kind].ref;
	return g->cls[ci][kind].cl;
}

/* ---- the random draws (双随机) ---- */

/* The county's draws of its two years (and its time limits, which they and
 * the licences follow): one each half-year, on its fifth
 * working day, for the rest of it, from the plan of data/demo/draw.plan;
 * those made after the history began and before today. Each id comes from a
 * stream of its own (the seed and the draw's day): how many draws there are
 * depends on the day the demo is built, and the county's names must not. */
static int gen_draw_plans(struct gen *g, uint64_t seed)
{
	char today[WG_DATE_LEN + 1], first[WG_DATE_LEN + 1];
	struct wg_limits lim;
	int rc;
	wg_date_from_days(g->today, today);
	wg_date_from_days(g->first_day, first);
	if ((rc = wg_limits_open(g->db, today, &lim, g->err)))
		return rc;
	g->publish_days = lim.publish_workdays;
	g->expiry_days = lim.expiry_alert_days;
	long year = strtol(first, NULL, 10);
	int half = atoi(first + 5) > 6;
	for (;; half ? (year++, half = 0) : (half = 1)) {
		char from[WG_DATE_LEN + 1], to[WG_DATE_LEN + 1], day[WG_DATE_LEN + 1], y[8], m[4];
		int missing = 0;
		snprintf(from, sizeof from, "%04ld-%s", year, half ? "07-01" : "01-01");
		snprintf(to, sizeof to, "%04ld-%s", year, half ? "12-31" : "06-30");
		if (wg_date_days(from) >= g->today)
			break;
		if ((rc = wg_calendar_add_workdays(g->cal, from, 5, day, &missing, g->err)))
			return rc;
		long dd = wg_date_days(day);
		if (dd < g->first_day || dd >= g->today - 1)
			continue;
		snprintf(y, sizeof y, "%ld", year);
		snprintf(m, sizeof m, "%d", atoi(day + 5));
		const char *keys[] = {"{year}", "{month}", "{from}", "{to}"};
		const char *vals[] = {y, m, day, to};
		strbuf text = STRBUF_INIT;
		struct wg_plan *plan = NULL;
		rc = wg_demo_template("demo/draw.plan", keys, vals, 4, &text, g->err);
		if (rc == WG_OK)
			rc = wg_plan_parse(sb_str(&text), text.len, &plan, g->err);
		sb_release(&text);
		if (rc)
			return rc;
		g->draws = xrealloc(g->draws, (g->ndraws + 1) * sizeof *g->draws);
		struct draw_period *d = &g->draws[g->ndraws++];
		memset(d, 0, sizeof *d);
		d->start = wg_date_days(from);
		d->end = wg_date_days(to);
		d->day = dd;
		d->plan = plan;
		wg_rng r;
		wg_rng_seed(&r, seed ^ (UINT64_C(0x5851f42d4c957f2d) * (uint64_t)dd));
		wg_rng_id(&r, d->id);
		snprintf(d->seed, sizeof d->seed, "demo %" PRIu64 " %04ld-H%d", seed, year, half + 1);
	}
	return WG_OK;
}

/* The draw of the half-year day falls in, or NULL. */
static struct draw_period *draw_of(struct gen *g, long day)
{
	for (size_t i = 0; i < g->ndraws; i++)
		if (day >= g->draws[i].start && day <= g->draws[i].end)
			return &g->draws[i];
	return NULL;
}

/* The rows of a statement as text lines ("tag a b c"), appended to out. */
static int lines_of(struct gen *g, const char *sql, const char *arg, const char *tag, strbuf *out)
{
	sqlite3_stmt *st;
	int step;
	if (sqlite3_prepare_v2(g->db, sql, -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(g->db, g->err);
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		sb_adds(out, tag);
		for (int c = 0; c < sqlite3_column_count(st); c++)
			sb_addf(out, " %s", (const char *)sqlite3_column_text(st, c));
		sb_addc(out, '\n');
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? WG_OK : wg_db_fail(g->db, g->err);
}

/* The draw records, once their tasks are made: the plan's fingerprint, the
 * directory's (the entities registered by the draw's day) and the result's
 * (its plan, directory and picks), as a draw records them. The demo keeps no
 * result file: "draw verify" has none to re-run. */
static int gen_draws(struct gen *g)
{
	for (size_t i = 0; i < g->ndraws; i++) {
		struct draw_period *d = &g->draws[i];
		char at[WG_TIMESTAMP_LEN + 1], dsha[65], rsha[65], count[16];
		strbuf dir = STRBUF_INIT, res = STRBUF_INIT;
		timestamp(d->day, 8 * 60, at); /* before its tasks (8:30) */
		int rc = lines_of(g, "SELECT id, grid, category FROM entity WHERE created < ?1"
				     " ORDER BY id", at, "entity", &dir);
		wg_sha256_hex(sb_str(&dir), dir.len, dsha);
		sb_addf(&res, "name %s\nseed %s\nplan-sha256 %s\ndirectory-sha256 %s\n",
			d->plan->name, d->seed, d->plan->sha256, dsha);
		size_t before = res.len;
		if (rc == WG_OK)
			rc = lines_of(g, "SELECT entity, grid, inspectors FROM task WHERE source = ?1"
					 " AND source <> '' AND kind = 'random' ORDER BY entity", d->id, "pick", &res);
		size_t picks = 0;
		for (size_t k = before; k < res.len; k++)
			picks += res.buf[k] == '\n';
		wg_sha256_hex(sb_str(&res), res.len, rsha);
		sb_release(&dir);
		sb_release(&res);
		if (rc)
			return rc;
		snprintf(count, sizeof count, "%zu", picks);
		wg_record *r = blank(g, &wg_kind_draw);
		put(r, "id", d->id);
		put(r, "name", d->plan->name);
		put(r, "seed", d->seed);
		put(r, "plan_sha256", d->plan->sha256);
		put(r, "directory_sha256", dsha);
		put(r, "result_sha256", rsha);
		put(r, "tasks", count);
		put(r, "created", at);
		if ((rc = emit(g, r, NULL)))
			return rc;
	}
	return WG_OK;
}

/* ---- entities and their history ---- */

struct entity {
	char id[WG_ID_HEXLEN + 1];
	char name[128];
	char address[200];
	const struct wg_category *cat;
	const struct grid *grid;
	long first_day; /* history starts */
	long last_day;  /* and ends (closed entities stop earlier) */
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
	return h ? h : 1;
}

/* Remember a name; false when it was given before. */
static bool name_fresh(struct gen *g, const char *name)
{
	uint64_t h = fnv1a(name);
	size_t i = (size_t)(h % g->seen_cap);
	while (g->seen[i]) {
		if (g->seen[i] == h)
			return false;
		i = (i + 1) % g->seen_cap;
	}
	g->seen[i] = h;
	return true;
}

/* The two inspectors of a formal inspection (the law asks for two), sorted
 * as an FT_REFS value must be. */
static void two_inspectors(struct gen *g, char out[2 * WG_ID_HEXLEN + 2])
{
	size_t a = wg_rng_below(&g->rng, (uint32_t)g->ninspectors);
	size_t b = (a + 1 + wg_rng_below(&g->rng, (uint32_t)g->ninspectors - 1)) % g->ninspectors;
	const char *x = g->inspectors[a], *y = g->inspectors[b];
	if (strcmp(x, y) > 0) {
		const char *t = x;
		x = y;
		y = t;
	}
	snprintf(out, 2 * WG_ID_HEXLEN + 2, "%s,%s", x, y);
}

/* A task for the entity, filled but not yet emitted. assignee NULL: the
 * grid's officer. */
static wg_record *task_fill(struct gen *g, const struct entity *e, const char *kind,
			    const char *title, long created_day, long due_day, const char *status,
			    const char *source, const char *assignee, const char *checklist,
			    char id[WG_ID_HEXLEN + 1])
{
	char created[WG_TIMESTAMP_LEN + 1], due[WG_DATE_LEN + 1];
	wg_record *r = blank(g, &wg_kind_task);
	wg_rng_id(&g->rng, id);
	timestamp(created_day, 8 * 60 + 30, created);
	wg_date_from_days(due_day, due);
	put(r, "id", id);
	put(r, "grid", e->grid->code);
	put(r, "kind", kind);
	put(r, "entity", e->id);
	put(r, "title", title);
	put(r, "due", due);
	put(r, "assignee", assignee ? assignee : e->grid->officer);
	put(r, "status", status);
	put(r, "source", source ? source : "");
	put(r, "created", created);
	put(r, "checklist", checklist ? checklist : "");
	return r;
}

static int task(struct gen *g, const struct entity *e, const char *kind, const char *title,
		long created_day, long due_day, const char *status, const char *source,
		const char *assignee, const char *checklist, char id[WG_ID_HEXLEN + 1])
{
	if (due_day > 0 && due_day < g->today && strcmp(status, "done") != 0 &&
	    strcmp(status, "cancelled") != 0)
		g->open_late[e->grid - g->grids]++;
	return emit(g, task_fill(g, e, kind, title, created_day, due_day, status, source, assignee,
				 checklist, id),
		    &g->counts->tasks);
}

/* A signed patrol or inspection record on day, against checklist ref
 * ("code@version" or ""); returns its id in id. */
static int inspection(struct gen *g, const struct entity *e, const char *kind, const char *task_id,
		      long day, const char *ref, const char *inspectors, const char *result,
		      const char *summary, char id[WG_ID_HEXLEN + 1])
{
	char started[WG_TIMESTAMP_LEN + 1], signed_at[WG_TIMESTAMP_LEN + 1];
	long minute = wg_rng_range(&g->rng, 8 * 60 + 30, 16 * 60 + 30);
	wg_record *r = blank(g, &wg_kind_inspection);

	wg_rng_id(&g->rng, id);
	timestamp(day, minute, started);
	timestamp(day, minute + wg_rng_range(&g->rng, 20, 90), signed_at);
	put(r, "id", id);
	put(r, "grid", e->grid->code);
	put(r, "entity", e->id);
	put(r, "task", task_id ? task_id : "");
	put(r, "kind", kind);
	put(r, "checklist", ref);
	put(r, "inspectors", inspectors);
	put(r, "started", started);
	put(r, "result", result);
	put(r, "summary", summary);
	put(r, "status", "signed");
	put(r, "signed", signed_at);
	return emit(g, r, &g->counts->inspections);
}

/* The item results of an inspection: outcome[i] is 'p', 'f' or 'n'. */
static int item_results(struct gen *g, const struct entity *e, const char *insp,
			const wg_checklist *cl, const char *outcome)
{
	for (size_t i = 0; i < cl->nitems; i++) {
		char id[WG_ID_HEXLEN + 1];
		wg_record *r = blank(g, &wg_kind_result);
		wg_rng_id(&g->rng, id);
		/* filed beside their inspection: its results share the history's
		 * folder result/<ab>/<c> of the inspection's first three digits, so
		 * the commit that adds them writes two trees, not two per item (the
		 * demo's history adds them week by week; 29 random digits remain) */
		memcpy(id, insp, 3);
		put(r, "id", id);
		put(r, "grid", e->grid->code);
		put(r, "inspection", insp);
		put(r, "item", cl->items[i].code);
		put(r, "outcome", outcome[i] == 'f' ? "fail" : outcome[i] == 'n' ? "na" : "pass");
		int rc = emit(g, r, NULL);
		if (rc)
			return rc;
	}
	return WG_OK;
}

static long quarter_start(long year, int q)
{
	char d[32];
	snprintf(d, sizeof d, "%04ld-%02d-01", year, 3 * (q - 1) + 1);
	return wg_date_days(d);
}

/* How often a group gets a formal inspection in a year (percent). */
static unsigned inspection_rate(const char *group)
{
	static const struct {
		const char *group;
		unsigned rate;
	} rates[] = {
		{"hospital", 100}, {"vaccination", 100}, {"water", 80}, {"clinic", 60},
		{"school", 60},    {"elderly", 60},      {"public_place", 45}, {"pharmacy", 30},
		{"illegal", 100},
	};
	for (size_t i = 0; i < NELEM(rates); i++)
		if (strcmp(rates[i].group, group) == 0)
			return rates[i].rate;
	return 30;
}

/* Which items of a formal inspection fail, for the outcome wanted: "rectify"
 * fails one or two ordinary items that have a deadline, "fail" a key item.
 * Returns the result the record gets (as signing would compute it). */
static const char *choose_outcomes(struct gen *g, const wg_checklist *cl, const char *want,
				   char *outcome)
{
	bool any = false, key = false;
	for (size_t i = 0; i < cl->nitems; i++)
		outcome[i] = !cl->items[i].key && wg_rng_chance(&g->rng, 5) ? 'n' : 'p';
	int fails = !strcmp(want, "pass") ? 0 : (int)wg_rng_range(&g->rng, 1, 2);
	for (int k = 0; k < fails; k++) {
		bool want_key = k == 0 && !strcmp(want, "fail");
		size_t start = wg_rng_below(&g->rng, (uint32_t)cl->nitems);
		for (size_t t = 0; t < cl->nitems; t++) {
			size_t i = (start + t) % cl->nitems;
			const struct wg_checkitem *it = &cl->items[i];
			if (outcome[i] == 'f' || it->key != want_key || (!want_key && !it->rectify_days))
				continue;
			outcome[i] = 'f';
			any = true;
			key |= it->key;
			break;
		}
	}
	return !any ? "pass" : key ? "fail" : "rectify";
}

/* What signing a record with these item results makes, as
 * wg_inspection_sign does: a finding per failed item with its deadline in
 * working days, and the re-inspection task due at the latest deadline,
 * assigned to assignee. Without a checklist a record that is not a pass gets
 * fallback_days. The re-inspection itself (a passing record by who, kind
 * kind) is done when the deadline has passed, mostly on time and some days
 * late; of those that fell due in the last two months a few are still open,
 * and some not yet due were already done. */
static int follow_up(struct gen *g, const struct entity *e, const char *kind, const char *iid,
		     long day, const char *ref, const wg_checklist *cl, const char *outcome,
		     const char *result, int fallback_days, const char *who, const char *assignee,
		     struct vars *v)
{
	char date[WG_DATE_LEN + 1], deadline[WG_DATE_LEN + 1] = "", title[128], summary[512];
	char rtid[WG_ID_HEXLEN + 1] = "", riid[WG_ID_HEXLEN + 1];
	int rc;

	wg_date_from_days(day, date);
	for (size_t i = 0; cl && i < cl->nitems; i++) {
		if (outcome[i] != 'f' || !cl->items[i].rectify_days)
			continue;
		char d[WG_DATE_LEN + 1];
		if ((rc = wg_calendar_add_workdays(g->cal, date, cl->items[i].rectify_days, d, NULL,
						   g->err)))
			return rc;
		if (strcmp(d, deadline) > 0)
			snprintf(deadline, sizeof deadline, "%s", d);
	}
	if (!cl && strcmp(result, "pass") != 0 && fallback_days &&
	    (rc = wg_calendar_add_workdays(g->cal, date, fallback_days, deadline, NULL, g->err)))
		return rc;

	bool rechecked = false;
	long due = *deadline ? wg_date_days(deadline) : 0, when = 0;
	if (*deadline) {
		/* the longer past its deadline, the likelier it was done: what is
		 * still open is mostly days or weeks late */
		long late_by = g->today - due;
		if (due >= g->today)
			rechecked = day + 1 < g->today && wg_rng_chance(&g->rng, 30);
		else
			rechecked = late_by > 45 ||
				    done_late(g, e->grid, late_by <= 14 ? 78 : late_by <= 30 ? 95 : 98);
		if (rechecked) {
			long hi = due < g->today ? due : g->today - 1;
			bool late = due < g->today - 1 && wg_rng_chance(&g->rng, 12);
			when = late ? workday(g, due + 1, due + 15 < g->today ? due + 15 : g->today - 1)
				    : workday(g, day + 1, hi);
			if (when >= g->today)
				when = g->today - 1;
			if (when <= day)
				when = day + 1;
			rechecked = when < g->today;
		}
		v->entity = e->name;
		expand(g, "@task_recheck", -1, v, title, sizeof title);
		if ((rc = task(g, e, "recheck", title, day, due, rechecked ? "done" : "open", iid,
			       assignee, cl ? cl->code : NULL, rtid)))
			return rc;
	}
	for (size_t i = 0; cl && i < cl->nitems; i++) {
		const struct wg_checkitem *it = &cl->items[i];
		char fid[WG_ID_HEXLEN + 1], fdl[WG_DATE_LEN + 1] = "";
		int missing = 0;
		if (outcome[i] != 'f')
			continue;
		if (it->rectify_days &&
		    (rc = wg_calendar_add_workdays(g->cal, date, it->rectify_days, fdl, &missing,
						   g->err)))
			return rc;
		wg_record *f = blank(g, &wg_kind_finding);
		wg_rng_id(&g->rng, fid);
		put(f, "id", fid);
		put(f, "grid", e->grid->code);
		put(f, "inspection", iid);
		put(f, "entity", e->id);
		put(f, "item", it->code);
		put(f, "text", it->text);
		put(f, "severity", it->key ? "key" : "normal");
		put(f, "violation", it->violation ? it->violation : "");
		put(f, "found", date);
		put(f, "deadline", fdl);
		put(f, "recheck", *fdl ? rtid : "");
		put(f, "status", *fdl && rechecked ? "rectified" : "open");
		put(f, "deadline_basis", missing ? "provisional" : "");
		if ((rc = emit(g, f, NULL)))
			return rc;
	}
	if (!rechecked)
		return WG_OK;
	char passed[256];
	memset(passed, 'p', sizeof passed);
	expand(g, "@summary_recheck", -1, v, summary, sizeof summary);
	if ((rc = inspection(g, e, kind, rtid, when, ref, who, "pass", summary, riid)))
		return rc;
	return cl && g->details ? item_results(g, e, riid, cl, passed) : WG_OK;
}

/* The information category the officer chose for what a patrol found, by
 * what the entity is: a drinking-water or a school problem is reported as
 * such, a medical one as illegal practice, the rest as other problems. */
static const char *patrol_category(const struct entity *e)
{
	const char *grp = e->cat->group;
	return !strcmp(grp, "water")  ? "water"
	       : !strcmp(grp, "school") ? "school"
	       : !strcmp(grp, "clinic") || !strcmp(grp, "hospital") || !strcmp(grp, "illegal") ||
			 !strcmp(grp, "vaccination")
		   ? "illegal_practice"
		   : "other";
}

/* What a patrol that found a problem leaves, as wg_inspection_sign does: a
 * finding per failed item, without a deadline (a patrol orders no
 * rectification), and one clue reported to the county when it was signed.
 * The county hands it over to an inspector a working day or two later
 * (线索移交), which makes the inspector's task; two inspectors check it,
 * mostly in time, and find it put right. Of the recent ones some are still
 * reported only, or handed over and open. */
static int patrol_problem(struct gen *g, const struct entity *e, const char *iid, long day,
			  const wg_checklist *cl, const char *outcome, const char *summary,
			  struct vars *v)
{
	char date[WG_DATE_LEN + 1], cid[WG_ID_HEXLEN + 1], tid[WG_ID_HEXLEN + 1] = "";
	char found[WG_TIMESTAMP_LEN + 1], reported[WG_TIMESTAMP_LEN + 1], content[2000];
	int rc;

	wg_date_from_days(day, date);
	long handed = workday(g, day + 1, day + 3);
	long due = handed + 7;
	bool handed_over = handed < g->today;
	bool checked = false;
	long when = 0;
	if (handed_over) {
		long late_by = g->today - due;
		checked = due >= g->today ? wg_rng_chance(&g->rng, 30)
					  : late_by > 30 || done_late(g, e->grid, late_by <= 14 ? 88 : 97);
		when = workday(g, handed + 1, due < g->today ? due : g->today - 1);
		if (when >= g->today)
			when = g->today - 1;
		checked = checked && when > handed;
	}
	/* what failed, as signing words the clue */
	static const char lead[] = "巡查发现不符合：";
	size_t len = (size_t)snprintf(content, sizeof content, "%s", lead);
	for (size_t i = 0; cl && i < cl->nitems; i++) {
		const struct wg_checkitem *it = &cl->items[i];
		char fid[WG_ID_HEXLEN + 1];
		if (outcome[i] != 'f')
			continue;
		if (len < sizeof content - 256)
			len += (size_t)snprintf(content + len, sizeof content - len, "%s%s %s",
						len > sizeof lead - 1 ? "\n" : "", it->code, it->text);
		wg_record *f = blank(g, &wg_kind_finding);
		wg_rng_id(&g->rng, fid);
		put(f, "id", fid);
		put(f, "grid", e->grid->code);
		put(f, "inspection", iid);
		put(f, "entity", e->id);
		put(f, "item", it->code);
		put(f, "text", it->text);
		put(f, "severity", it->key ? "key" : "normal");
		put(f, "violation", it->violation ? it->violation : "");
		put(f, "found", date);
		put(f, "status", checked ? "rectified" : "open");
		if ((rc = emit(g, f, NULL)))
			return rc;
	}
	if (len < sizeof content - 600)
		snprintf(content + len, sizeof content - len, "\n%s", summary);
	wg_rng_id(&g->rng, cid);
	timestamp(day, 9 * 60, found);
	timestamp(day, 17 * 60, reported);
	if (handed_over) {
		char title[128];
		char who[2 * WG_ID_HEXLEN + 2], first[WG_ID_HEXLEN + 1];
		two_inspectors(g, who);
		snprintf(first, sizeof first, "%.32s", who);
		v->entity = e->name;
		expand(g, "@task_clue", -1, v, title, sizeof title);
		const char *ref;
		const wg_checklist *icl = checklist_for(g, e->cat, 1, &ref);
		if ((rc = task(g, e, "clue", title, handed, due, checked ? "done" : "open", cid, first,
			       icl ? icl->code : NULL, tid)))
			return rc;
		if (checked) {
			char riid[WG_ID_HEXLEN + 1], passed[256], sum[256];
			memset(passed, 'p', sizeof passed);
			expand(g, "@summary_clue", -1, v, sum, sizeof sum);
			if ((rc = inspection(g, e, "inspection", tid, when, icl ? ref : "", who, "pass",
					     sum, riid)) ||
			    (icl && icl->nitems <= sizeof passed && g->details &&
			     (rc = item_results(g, e, riid, icl, passed))))
				return rc;
		}
	}
	wg_record *c = blank(g, &wg_kind_clue);
	put(c, "id", cid);
	put(c, "grid", e->grid->code);
	put(c, "entity", e->id);
	put(c, "found", found);
	put(c, "category", patrol_category(e));
	put(c, "content", content);
	put(c, "reported", reported);
	put(c, "reporter", e->grid->officer);
	put(c, "inspection", iid);
	put(c, "status", checked ? "closed" : handed_over ? "handed_over" : "reported");
	put(c, "task", tid);
	put(c, "created", reported);
	return emit(g, c, NULL);
}

/* One routine patrol between days lo and hi, due on due: its task and, when
 * it was done before today, the signed patrol record with its item results.
 * Patrols due more than a month ago were all done, and of those due since a
 * few are still open, mostly the most recent; half of those not yet due are
 * done already. */
static int patrol_visit(struct gen *g, const struct entity *e, long year, int q, int visit,
			int visits, long lo, long hi, long due)
{
	char title[128], tid[WG_ID_HEXLEN + 1], iid[WG_ID_HEXLEN + 1];
	char summary[256], finding[256];
	long day = workday(g, lo, hi);
	long late_by = g->today - due;
	unsigned chance = late_by <= 0 ? 50 : late_by <= 14 ? 94 : late_by <= 30 ? 99 : 100;
	bool done = day < g->today &&
		    (late_by <= 0 ? wg_rng_chance(&g->rng, chance) : done_late(g, e->grid, chance));
	struct vars v = {0};
	int rc;

	v.year = year;
	v.q = q;
	v.n = visit;
	expand(g, visits == 1 ? "@task_patrol" : "@task_patrol_n", -1, &v, title, sizeof title);
	const char *status = done ? "done" : due >= g->today && wg_rng_chance(&g->rng, 30) ? "started"
											    : "open";
	if ((rc = task(g, e, "patrol", title, lo, due, status, NULL, NULL, NULL, tid)) || !done)
		return rc;
	bool problem = wg_rng_chance(&g->rng, 12);
	const char *ref;
	const wg_checklist *cl = checklist_for(g, e->cat, 0, &ref);
	char outcome[256];
	if (cl && cl->nitems <= sizeof outcome)
		problem = strcmp(choose_outcomes(g, cl, problem ? "rectify" : "pass", outcome),
				 "pass") != 0;
	else
		cl = NULL;
	/* a patrol orders no rectification: what it found goes to the county */
	const char *result = problem ? "reported" : "pass";
	if (problem) {
		const struct wg_checkitem *shown = NULL;
		for (size_t i = 0; cl && i < cl->nitems && !shown; i++)
			if (outcome[i] == 'f')
				shown = &cl->items[i];
		if (shown)
			/* an item is a requirement: the summary says it was not met */
			snprintf(finding, sizeof finding, "不符合「%s」", shown->text);
		else
			tagged(g, &g->findings, e->cat->group, finding, sizeof finding);
		v.finding = finding;
	}
	expand(g, problem ? "@summary_patrol_problem" : "@summary_patrol_pass", -1, &v, summary,
	       sizeof summary);
	if ((rc = inspection(g, e, "patrol", tid, day, ref, e->grid->officer, result, summary, iid)) ||
	    (cl && g->details && (rc = item_results(g, e, iid, cl, outcome))) || !problem)
		return rc;
	return patrol_problem(g, e, iid, day, cl, outcome, summary, &v);
}

/* Routine patrols: the grid officer visits every entity once a quarter, and
 * clinics and village health rooms twice, once in each half of the quarter. */
static int gen_patrols(struct gen *g, const struct entity *e)
{
	int visits = !strcmp(e->cat->group, "clinic") ? 2 : 1;
	char first[WG_DATE_LEN + 1];
	wg_date_from_days(e->first_day, first);
	long year = strtol(first, NULL, 10);
	int q = (int)((strtol(first + 5, NULL, 10) - 1) / 3) + 1;
	int rc;

	for (;;) {
		long qs = quarter_start(year, q);
		long qe = (q == 4 ? quarter_start(year + 1, 1) : quarter_start(year, q + 1)) - 1;
		if (qs > e->last_day)
			break;
		long from = qs > e->first_day ? qs : e->first_day;
		long to = qe < e->last_day ? qe : e->last_day;
		long mid = from + (to - from) / 2;
		/* the first visit is due by the middle of the quarter, or of what
		 * is left of it when the entity opened later */
		long half = qs + (qe - qs) / 2;
		if (visits == 1)
			rc = patrol_visit(g, e, year, q, 1, 1, from, to, qe);
		else if ((rc = patrol_visit(g, e, year, q, 1, 2, from, mid, half > mid ? half : mid)) ==
			 WG_OK)
			rc = patrol_visit(g, e, year, q, 2, 2, mid < to ? mid + 1 : to, to, qe);
		if (rc)
			return rc;
		if (++q == 5) {
			q = 1;
			year++;
		}
	}
	return WG_OK;
}

/* Formal inspections by two inspectors, against the category's checklist:
 * item results, and what signing makes of failed items (follow_up). */
static int gen_inspections(struct gen *g, const struct entity *e)
{
	bool illegal = strcmp(e->cat->group, "illegal") == 0;
	const struct draw_period *last_draw = NULL;
	int rc;

	for (long ys = g->first_day; ys < g->today; ys += 365) {
		long from = ys > e->first_day ? ys : e->first_day;
		long to = ys + 364 < e->last_day ? ys + 364 : e->last_day;
		if (to >= g->today)
			to = g->today - 1;
		if (from > to || !wg_rng_chance(&g->rng, inspection_rate(e->cat->group)))
			continue;
		long day = illegal ? workday(g, from, from + 20 < to ? from + 20 : to)
				   : workday(g, from, to);
		char tid[WG_ID_HEXLEN + 1] = "", iid[WG_ID_HEXLEN + 1], title[128], date[11];
		char who[2 * WG_ID_HEXLEN + 2], first[WG_ID_HEXLEN + 1];
		struct vars v = {0};
		wg_date_from_days(day, date);
		v.year = strtol(date, NULL, 10);
		two_inspectors(g, who);
		snprintf(first, sizeof first, "%.32s", who);

		const char *ref;
		const wg_checklist *cl = checklist_for(g, e->cat, 1, &ref);
		unsigned r = wg_rng_below(&g->rng, 100);
		const char *tk = r < 30 ? "random"
				 : r < 55 && (!strcmp(e->cat->group, "clinic") ||
					      !strcmp(e->cat->group, "hospital")) ? "campaign"
				 : NULL;
		/* a random inspection is of an entity its half-year's draw picked
		 * (once a draw), by the two inspectors it chose, and its result
		 * published within the county's limit: mostly in a week or two, a
		 * few on the last days, one in fifty late; of the half-year under
		 * way, as many done as its days gone */
		struct draw_period *dp = NULL;
		if (tk && !strcmp(tk, "random") && !illegal) {
			dp = draw_of(g, day);
			if (!dp || dp == last_draw || dp->day < e->first_day || dp->day >= e->last_day)
				tk = NULL, dp = NULL;
		}
		if (dp) {
			long hi = dp->end < e->last_day ? dp->end : e->last_day;
			if (hi >= g->today)
				hi = g->today - 1;
			bool done = dp->day < hi &&
				    (dp->end < g->today ||
				     wg_rng_below(&g->rng, (uint32_t)(dp->end - dp->day)) <
					     (uint32_t)(g->today - dp->day));
			char published[WG_DATE_LEN + 1] = "";
			if (done) {
				day = workday(g, dp->day + 1, hi);
				wg_date_from_days(day, date);
				unsigned p = wg_rng_below(&g->rng, 100);
				int lim = g->publish_days;
				int k = p < 93 ? (int)wg_rng_range(&g->rng, 2, lim * 3 / 4)
					: p < 98 ? (int)wg_rng_range(&g->rng, lim * 3 / 4 + 1, lim)
						 : (int)wg_rng_range(&g->rng, lim + 1, lim + 15);
				if ((rc = wg_calendar_add_workdays(g->cal, date, k, published, NULL,
								   g->err)))
					return rc;
				if (wg_date_days(published) >= g->today)
					published[0] = '\0';
			}
			last_draw = dp;
			wg_record *t = task_fill(g, e, "random", dp->plan->name, dp->day, dp->end,
						 done ? "done" : "open", dp->id, first,
						 cl ? cl->code : NULL, tid);
			put(t, "inspectors", who);
			put(t, "published", published);
			if ((rc = emit(g, t, &g->counts->tasks)))
				return rc;
			if (!done)
				continue;
		} else if (tk && !illegal) {
			expand(g, "@task_campaign", -1, &v, title, sizeof title);
			if ((rc = task(g, e, tk, title, day - wg_rng_range(&g->rng, 5, 30), day + 10,
				       "done", NULL, first, cl ? cl->code : NULL, tid)))
				return rc;
		}
		unsigned res = wg_rng_below(&g->rng, 100);
		const char *result = illegal ? "fail" : res < 70 ? "pass" : res < 95 ? "rectify" : "fail";
		char outcome[256], finding[256];
		const struct wg_checkitem *shown = NULL;
		if (cl && cl->nitems <= sizeof outcome) {
			result = choose_outcomes(g, cl, result, outcome);
			for (size_t i = 0; i < cl->nitems && !shown; i++)
				if (outcome[i] == 'f')
					shown = &cl->items[i];
		} else {
			cl = NULL;
		}
		if (shown)
			/* an item is a requirement: the summary says it was not met */
			snprintf(finding, sizeof finding, "不符合「%s」", shown->text);
		else
			tagged(g, &g->findings, e->cat->group, finding, sizeof finding);
		v.finding = finding;
		char summary[512];
		expand(g, !strcmp(result, "pass") ? "@summary_pass"
			  : !strcmp(result, "rectify") ? "@summary_rectify" : "@summary_fail",
		       -1, &v, summary, sizeof summary);
		if ((rc = inspection(g, e, "inspection", *tid ? tid : NULL, day, ref, who, result,
				     summary, iid)))
			return rc;
		if (cl && g->details && (rc = item_results(g, e, iid, cl, outcome)))
			return rc;
		if ((rc = follow_up(g, e, "inspection", iid, day, ref, cl, outcome, result, 10, who,
				    first, &v)))
			return rc;
	}
	return WG_OK;
}

static int gen_complaints(struct gen *g, const struct entity *e)
{
	static const char *const channels[] = {"phone", "phone", "phone", "online", "visit",
					       "letter", "referral"};
	bool illegal = strcmp(e->cat->group, "illegal") == 0;
	int rc;

	for (long ys = g->first_day; ys < g->today; ys += 365) {
		long from = ys > e->first_day ? ys : e->first_day;
		long to = ys + 364 < e->last_day ? ys + 364 : e->last_day;
		if (to >= g->today)
			to = g->today - 1;
		/* An unlicensed practice is known from a report; others draw complaints rarely. */
		if (from > to || !wg_rng_chance(&g->rng, illegal && ys == g->first_day ? 100 : 6))
			continue;
		long day = illegal ? from : wg_rng_range(&g->rng, from, to);
		char id[WG_ID_HEXLEN + 1], received[WG_TIMESTAMP_LEN + 1], deadline[WG_DATE_LEN + 1];
		char content[256], who[32], phone[12], result[256], title[128], tid[WG_ID_HEXLEN + 1];
		long due = day + 15;
		bool closed = due < g->today;
		bool verifying = !closed && wg_rng_chance(&g->rng, 50);
		struct vars v = {0};

		wg_rng_id(&g->rng, id);
		timestamp(day, wg_rng_range(&g->rng, 7 * 60, 21 * 60), received);
		wg_date_from_days(due, deadline);
		tagged(g, &g->complaints, e->cat->group, content, sizeof content);
		person(g, who, sizeof who);
		mobile(g, phone);
		result[0] = '\0';
		if (closed)
			expand(g, wg_rng_chance(&g->rng, 60) ? "@result_true" : "@result_false", -1, &v,
			       result, sizeof result);
		wg_record *r = blank(g, &wg_kind_complaint);
		put(r, "id", id);
		put(r, "grid", e->grid->code);
		put(r, "channel", channels[wg_rng_below(&g->rng, NELEM(channels))]);
		put(r, "received", received);
		put(r, "entity", e->id);
		put(r, "location", e->address);
		put(r, "content", content);
		put(r, "complainant", who);
		put(r, "contact", phone);
		put(r, "deadline", deadline);
		put(r, "handler", e->grid->officer);
		put(r, "result", result);
		put(r, "status", closed ? "closed" : verifying ? "verifying" : "open");
		if (closed) {
			/* handled within its 15 days, mostly in the first week */
			char at[WG_TIMESTAMP_LEN + 1];
			long back = day + wg_rng_range(&g->rng, 1, wg_rng_chance(&g->rng, 80) ? 7 : 14);
			timestamp(back < g->today ? back : g->today - 1,
				  wg_rng_range(&g->rng, 9 * 60, 17 * 60), at);
			put(r, "closed", at);
		}
		if ((rc = emit(g, r, &g->counts->complaints)))
			return rc;
		v.entity = e->name;
		expand(g, "@task_complaint", -1, &v, title, sizeof title);
		if ((rc = task(g, e, "complaint", title, day, due,
			       closed ? "done" : verifying ? "started" : "open", id, NULL, NULL, tid)))
			return rc;
	}
	return WG_OK;
}

/* USCC type prefix, ownership and profit status by category. */
static void legal_form(struct gen *g, const struct wg_category *c, const char **kind2,
		       const char **ownership, const char **profit)
{
	const char *grp = c->group;
	bool public_body = !strcmp(grp, "hospital") || !strcmp(grp, "vaccination") ||
			   !strcmp(c->code, "W100") || !strcmp(c->code, "S100");
	if (!strcmp(c->code, "A500"))
		public_body = false;
	if (!strcmp(grp, "illegal")) {
		*kind2 = NULL;
		*ownership = *profit = "";
	} else if (public_body) {
		*kind2 = "12"; /* 事业单位 */
		*ownership = "public";
		*profit = "nonprofit";
	} else if (!strcmp(c->code, "D600")) {
		*kind2 = wg_rng_chance(&g->rng, 60) ? "52" : NULL;
		*ownership = "private";
		*profit = "nonprofit";
	} else if (!strcmp(grp, "clinic") || !strcmp(c->code, "S200") || !strcmp(grp, "elderly")) {
		bool np = wg_rng_chance(&g->rng, 40);
		*kind2 = np ? "52" : "92"; /* 民办非企业单位 / 个体工商户 */
		*ownership = "private";
		*profit = np ? "nonprofit" : "forprofit";
	} else {
		*kind2 = wg_rng_chance(&g->rng, 50) ? "91" : "92"; /* 企业 / 个体工商户 */
		*ownership = "private";
		*profit = "forprofit";
	}
}

static int gen_entity(struct gen *g, const char *code, const struct grid *gr, int village,
		      int pattern, long n)
{
	struct entity e = {0};
	const char *kind2, *ownership, *profit;
	char usc[19] = "", licence[23] = "", expiry[WG_DATE_LEN + 1] = "", rep[32] = "";
	char phone[20], created[WG_TIMESTAMP_LEN + 1], beds[8] = "";
	const struct township *t = &g->tw[gr->township];
	struct vars v = {0};
	int rc;

	e.cat = wg_category_find(code);
	e.grid = gr;
	if (village < 0)
		village = (int)wg_rng_below(&g->rng, (uint32_t)gr->nvillages);
	v.township = t->name;
	v.village = gr->villages[village];
	v.n = n;
	bool fresh = false;
	for (int tries = 0; tries < 8 && !fresh; tries++) {
		expand(g, code, pattern, &v, e.name, sizeof e.name);
		fresh = name_fresh(g, e.name);
		pattern = -1;
	}
	/* Still taken (a township's second "中心幼儿园"): named by its village,
	 * as registers tell such places apart, then numbered. */
	char base[sizeof e.name];
	snprintf(base, sizeof base, "%s", e.name);
	for (int k = 1; !fresh; k++) {
		/* the patterns' names are far shorter than these bounds (no cut character) */
		if (k == 1)
			snprintf(e.name, sizeof e.name, "%.80s（%.30s）", base, v.village);
		else
			snprintf(e.name, sizeof e.name, "%.80s（%.30s%d）", base, v.village, k);
		fresh = name_fresh(g, e.name);
	}
	v.n = wg_rng_range(&g->rng, 1, 180);
	expand(g, gr == &g->grids[0] || wg_rng_chance(&g->rng, 20) ? "@address_seat"
								   : "@address_village",
	       -1, &v, e.address, sizeof e.address);
	wg_rng_id(&g->rng, e.id);

	legal_form(g, e.cat, &kind2, &ownership, &profit);
	if (kind2)
		uscc(g, kind2, usc);
	const char *grp = e.cat->group;
	if (!strcmp(grp, "hospital") || !strcmp(grp, "clinic") || !strcmp(grp, "vaccination")) {
		/* 9-character organisation code, region, economic type, class, 1/2. */
		char org[10];
		if (*usc)
			memcpy(org, usc + 8, 9);
		else
			for (int i = 0; i < 9; i++)
				org[i] = (char)('0' + wg_rng_below(&g->rng, 10));
		org[9] = '\0';
		snprintf(licence, sizeof licence, "%s%s%s%s%c", org, g->county_code,
			 !strcmp(ownership, "public") ? "11" : "22", code,
			 !strcmp(profit, "forprofit") ? '2' : '1');
		/* valid five years, and renewed before it runs out: of those
		 * that run out within the county's warning days, most were
		 * renewed already (a new expiry five years on); one in 500 has
		 * run out days or weeks ago, its renewal late (one value drawn:
		 * the next entity's name must not depend on the day) */
		long x = wg_rng_range(&g->rng, 0, 5 * 365 * 1000L - 1);
		long left = 1 + x / 1000, u = x % 1000;
		if (u < 2)
			left = -(1 + left % 45);
		else if (left <= g->expiry_days && u < 900)
			left += 5 * 365;
		wg_date_from_days(g->today + left, expiry);
	}
	if (strcmp(grp, "illegal") != 0) {
		person(g, rep, sizeof rep);
		if (wg_rng_chance(&g->rng, 70))
			mobile(g, phone);
		else
			fixed_line(g, phone, sizeof phone);
	} else {
		phone[0] = '\0';
	}
	long lo = 0, hi = 0;
	if (!strcmp(code, "A100")) lo = 200, hi = 600;
	else if (!strcmp(code, "A500")) lo = 40, hi = 150;
	else if (!strcmp(code, "C210") || !strcmp(code, "C220")) lo = 20, hi = 80;
	else if (!strcmp(code, "B100")) lo = 10, hi = 40;
	else if (!strcmp(code, "E100")) lo = 30, hi = 200;
	if (hi)
		snprintf(beds, sizeof beds, "%ld", wg_rng_range(&g->rng, lo, hi));

	/* Most were entered when the county started; some opened during the two years. */
	e.first_day = g->first_day;
	if (wg_rng_chance(&g->rng, 5))
		e.first_day += wg_rng_range(&g->rng, 30, g->today - g->first_day - 60);
	long minute = wg_rng_range(&g->rng, 9 * 60, 17 * 60);
	long entered = e.first_day - (e.first_day == g->first_day ? wg_rng_range(&g->rng, 1, 60) : 0);
	timestamp(entered, minute, created);
	unsigned s = wg_rng_below(&g->rng, 100);
	const char *status = s < 94 ? "open" : s < 98 ? "suspended" : "closed";
	e.last_day = g->today;
	if (!strcmp(status, "closed"))
		e.last_day = g->today - wg_rng_range(&g->rng, 10, 300);
	if (e.last_day < e.first_day)
		e.last_day = e.first_day;

	wg_record *r = blank(g, &wg_kind_entity);
	put(r, "id", e.id);
	put(r, "grid", gr->code);
	put(r, "category", code);
	put(r, "name", e.name);
	put(r, "uscc", usc);
	put(r, "licence", licence);
	put(r, "licence_expiry", expiry);
	put(r, "legal_rep", rep);
	put(r, "address", e.address);
	put(r, "phone", phone);
	put(r, "ownership", ownership);
	put(r, "profit", profit);
	put(r, "beds", beds);
	put(r, "status", status);
	put(r, "created", created);
	if ((rc = emit(g, r, &g->counts->entities)))
		return rc;
	/* Its patrols, inspections and complaints draw from a stream of their
	 * own: how many there are depends on the day the demo is built (its
	 * working days, its holidays), and the next entity's name must not, so
	 * that the same seed names the same clinics on any day (the README's
	 * first session names one). */
	wg_rng names = g->rng;
	wg_rng_seed(&g->rng, wg_rng_next(&names));
	rc = gen_patrols(g, &e);
	if (rc == WG_OK)
		rc = gen_inspections(g, &e);
	if (rc == WG_OK)
		rc = gen_complaints(g, &e);
	g->rng = names;
	if (rc)
		return rc;
	wg_progress(N_("Making the demo county's entities and their inspections"),
		    (unsigned long)g->counts->entities,
		    (unsigned long)(g->size == WG_DEMO_LARGE ? 100000 : 2000));
	return WG_OK;
}

/* The mix of everything else, per thousand entities left after the fixed ones. */
static const struct {
	const char *code;
	unsigned weight;
} mix[] = {
	{"D211", 130}, {"D212", 45}, {"D213", 45}, {"D100", 20}, {"B200", 25}, {"A500", 3},
	{"P100", 200}, {"H110", 80}, {"H120", 25}, {"H130", 230}, {"H140", 7}, {"S100", 25},
	{"S200", 50},  {"W200", 40}, {"E100", 25}, {"X100", 20},  {"D600", 30},
};

static int gen_entities(struct gen *g)
{
	long total = g->size == WG_DEMO_LARGE ? 100000 : 2000;
	int rc;

	size_t per_grid = (size_t)total / g->ngrids;
	g->open_scale = per_grid <= OPEN_GRID_ENTITIES ? 1000 : (unsigned)(1000 * OPEN_GRID_ENTITIES / per_grid);
	g->seen_cap = (size_t)total * 2 + 1;
	g->seen = xcalloc(g->seen_cap, sizeof *g->seen);

	/* County hospitals and schools in the county seat; in every township its
	 * health centre, vaccination clinic, water works, school, kindergarten and
	 * old people's home; in every village its health room. */
	const struct grid *seat = &g->grids[0];
	if ((rc = gen_entity(g, "A100", seat, 0, 0, 0)) || (rc = gen_entity(g, "A100", seat, 0, 1, 0)) ||
	    (rc = gen_entity(g, "S100", seat, 0, 2, 1)) || (rc = gen_entity(g, "S100", seat, 0, 2, 2)))
		return rc;
	for (size_t t = 0; t < g->ntw; t++) {
		const struct grid *first = NULL;
		for (size_t i = 0; i < g->ngrids && !first; i++)
			if (g->grids[i].township == t)
				first = &g->grids[i];
		const char *centre = t == 0 ? "B100" : g->tw[t].town ? "C210" : "C220";
		if ((rc = gen_entity(g, centre, first, 0, 0, 0)) ||
		    (rc = gen_entity(g, "V100", first, 0, 0, 0)) ||
		    (rc = gen_entity(g, "W100", first, 0, 0, 0)) ||
		    (rc = gen_entity(g, "S100", first, 0, 0, 0)) ||
		    (rc = gen_entity(g, "S200", first, 0, 1, 0)) ||
		    (rc = gen_entity(g, "E100", first, 0, 1, 0)))
			return rc;
	}
	for (size_t i = 0; i < g->ngrids; i++)
		for (int v = 0; v < g->grids[i].nvillages; v++)
			if ((rc = gen_entity(g, "D600", &g->grids[i], v, 0, 0)))
				return rc;

	unsigned sum = 0;
	for (size_t i = 0; i < NELEM(mix); i++)
		sum += mix[i].weight;
	while (g->counts->entities < total) {
		unsigned w = wg_rng_below(&g->rng, sum);
		size_t i = 0;
		while (w >= mix[i].weight)
			w -= mix[i++].weight;
		const struct grid *gr = &g->grids[wg_rng_below(&g->rng, (uint32_t)g->ngrids)];
		if ((rc = gen_entity(g, mix[i].code, gr, -1, -1, 0)))
			return rc;
	}
	return WG_OK;
}

/* ---- driving it ---- */

static int load_lists(struct gen *g)
{
	static const struct {
		const char *file;
		size_t off;
	} lists[] = {
		{"demo/places.txt", offsetof(struct gen, places)},
		{"demo/surnames.txt", offsetof(struct gen, surnames)},
		{"demo/given.txt", offsetof(struct gen, given)},
		{"demo/shops.txt", offsetof(struct gen, shops)},
		{"demo/roads.txt", offsetof(struct gen, roads)},
		{"demo/findings.txt", offsetof(struct gen, findings)},
		{"demo/complaints.txt", offsetof(struct gen, complaints)},
		{"demo/provinces.txt", offsetof(struct gen, provinces)},
		{"demo/names.txt", offsetof(struct gen, names)},
	};
	for (size_t i = 0; i < NELEM(lists); i++) {
		int rc = wg_wordlist_load(lists[i].file, (wg_wordlist *)((char *)g + lists[i].off),
					  g->err);
		if (rc)
			return rc;
	}
	g->place_used = xcalloc(g->places.n, 1);
	return load_templates(g);
}

static void gen_free(struct gen *g)
{
	for (size_t k = 0; k < MAX_KINDS; k++) {
		sqlite3_finalize(g->ins[k]);
		sqlite3_finalize(g->ins_many[k]);
		grec_free(g->rec[k]);
	}
	wg_wordlist *lists[] = {&g->places, &g->surnames, &g->given, &g->shops, &g->roads,
				&g->findings, &g->complaints, &g->provinces, &g->names};
	for (size_t i = 0; i < NELEM(lists); i++)
		wg_wordlist_free(lists[i]);
	for (size_t t = 0; t < g->ntmpls; t++)
		free(g->tmpls[t].lines);
	free(g->tmpls);
	free(g->place_used);
	free(g->tw);
	free(g->grids);
	free(g->open_late);
	free(g->inspectors);
	free(g->seen);
	for (size_t i = 0; i < 64; i++)
		for (int k = 0; k < 2; k++)
			wg_checklist_free(g->cls[i][k].cl);
	for (size_t i = 0; i < g->ndraws; i++)
		wg_plan_free(g->draws[i].plan);
	free(g->draws);
	wg_calendar_free(g->cal);
	sb_release(&g->sb);
}

/* Fill the empty workspace ws with the demo county, in one transaction. */
static int generate(wg_workspace *ws, const struct wg_demo_options *o,
		    struct wg_demo_counts *counts, wg_error *err)
{
	struct gen g;
	wg_bulk bulk = {NULL, 0, false};
	char seed[32];
	int rc;

	memset(&g, 0, sizeof g);
	memset(counts, 0, sizeof *counts);
	g.db = ws->db;
	g.err = err;
	g.size = o->size;
	g.counts = counts;
	wg_rng_seed(&g.rng, o->seed);
	/* Two years that end yesterday: "today" is the day it is built. */
	char today[WG_DATE_LEN + 1], first[WG_DATE_LEN + 1], last[WG_DATE_LEN + 1];
	wg_today(today);
	g.today = wg_date_days(today);
	g.first_day = g.today - WG_DEMO_DAYS;
	wg_date_from_days(g.first_day, first);
	wg_date_from_days(g.today - 1, last);
	g.details = o->size == WG_DEMO_SMALL;

	/* A failed build is thrown away whole, so no rollback journal is needed;
	 * the workspace's normal journal (WAL) is back at the build's end
	 * (wg_demo_create). The small county's page cache holds its whole
	 * database (80 MB), kept for its history, which reads every record
	 * back: with 64 MB, pages were dropped and read again (0.2 s of system
	 * time of its 0.85, for 18 MB more at peak). The large county (about
	 * 850 MB, a benchmark) gets a larger one. */
	if ((rc = load_lists(&g)) ||
	    (rc = wg_db_exec(g.db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;", err)) ||
	    (rc = wg_db_exec(g.db, o->size == WG_DEMO_LARGE ? "PRAGMA cache_size=-262144"
							     : "PRAGMA cache_size=-131072", err)) ||
	    (rc = wg_db_begin(g.db, err)))
		goto out;
	snprintf(seed, sizeof seed, "%" PRIu64, o->seed);
	/* the small county's history is committed at build, all of it
	 * (wg_demo_create); the large one's grid by grid, at the first opens */
	if ((rc = wg_bulk_begin(g.db, &bulk, err)) ||
	    (rc = gen_checklists(&g)) ||
	    (rc = wg_calendar_open(g.db, &g.cal, err)) || (rc = gen_draw_plans(&g, o->seed)) || (writer_start(&g), false) ||
	    (rc = gen_county(&g)) || (rc = gen_townships(&g)) || (rc = gen_grids(&g)) ||
	    (rc = gen_entities(&g)) || (wg_progress_end(), false) || (rc = writer_finish(&g)) ||
	    (rc = gen_draws(&g)) ||
	    (rc = wg_meta_set(g.db, "role", "county", err)) ||
	    (rc = wg_meta_set(g.db, "county", g.county_id, err)) ||
	    (rc = wg_meta_set(g.db, "demo_seed", seed, err)) ||
	    (rc = wg_meta_set(g.db, "demo_size", wg_demo_size_name(o->size), err)) ||
	    (rc = wg_meta_set(g.db, "demo_first_day", first, err)) ||
	    (rc = wg_meta_set(g.db, "demo_last_day", last, err))) {
		writer_finish(&g);
		wg_bulk_free(&bulk);
		wg_db_rollback(g.db);
		goto out;
	}
	for (size_t k = 0; k < MAX_KINDS; k++) {
		sqlite3_finalize(g.ins[k]);
		sqlite3_finalize(g.ins_many[k]);
		g.ins[k] = g.ins_many[k] = NULL;
	}
	if ((rc = wg_bulk_end(g.db, &bulk, err))) {
		wg_db_rollback(g.db);
		goto out;
	}
	rc = wg_db_commit(g.db, err);
out:
	gen_free(&g);
	return rc;
}

/* ---- putting it in place ---- */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void wg_demo_remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}


/* Folders DIR.new-XXXXXX of demo builds that were killed (66 MB each): one
 * whose workspace lock nobody holds is no build in progress. One without a
 * lock yet is left for a minute (a build may have just made it). */
/* The demo county's key, derived from its seed: the same seed gives the same
 * county, signatures included (Ed25519 signs deterministically). A real
 * county's key comes from the system's randomness. */
static int demo_county_key(wg_workspace *ws, uint64_t seed, wg_error *err)
{
	char text[64];
	unsigned char key_seed[32];
	int n = snprintf(text, sizeof text, "wangge demo county key %" PRIu64, seed);
	crypto_hash_sha256(key_seed, (const unsigned char *)text, (unsigned long long)n);
	int rc = wg_ws_key_set_seed(ws, key_seed, err);
	sodium_memzero(key_seed, sizeof key_seed);
	return rc;
}

static void sweep_stale_builds(const char *dir)
{
	char *parent = xstrdup(dir), *slash = strrchr(parent, '/');
	const char *base = slash ? slash + 1 : dir;
	if (slash)
		*slash = '\0';
	char *prefix = xasprintf("%s.new-", base);
	DIR *d = opendir(slash ? (*parent ? parent : "/") : ".");
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 ||
		    strlen(e->d_name) != strlen(prefix) + 6)
			continue;
		char *path = slash ? xasprintf("%s/%s", parent, e->d_name) : xstrdup(e->d_name);
		char *lock = xasprintf("%s/%s", path, WG_LOCK_FILE);
		struct stat st;
		bool stale = false;
		int fd = open(lock, O_RDWR | O_CLOEXEC);
		if (fd >= 0) {
			stale = flock(fd, LOCK_EX | LOCK_NB) == 0;
			close(fd);
		} else if (stat(path, &st) == 0 && time(NULL) - st.st_mtime > 60) {
			stale = true;
		}
		if (stale)
			wg_demo_remove_tree(path);
		free(lock);
		free(path);
	}
	if (d)
		closedir(d);
	free(prefix);
	free(parent);
}

/* 1 if dir exists and holds anything, 0 if absent or empty, -1 on error. */
static int folder_state(const char *dir, wg_error *err)
{
	DIR *d = opendir(dir);
	if (!d) {
		if (errno == ENOENT)
			return 0;
		return wg_fail(err, WG_EINPUT, _("cannot use the folder %s: %s"), dir, strerror(errno)),
		       -1;
	}
	struct dirent *de;
	int full = 0;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			full = 1;
	closedir(d);
	return full;
}

int wg_demo_make_parent(const char *dir, wg_error *err)
{
	char *p = xstrdup(dir);
	int rc = WG_OK;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			rc = wg_fail(err, WG_EINTERNAL, _("cannot create the folder %s: %s"), p,
				     strerror(errno));
			break;
		}
		*s = '/';
	}
	free(p);
	return rc;
}

int wg_demo_info(wg_workspace *ws, bool *is_demo, struct wg_demo_options *opts, wg_error *err)
{
	char *seed = NULL, *size = NULL;
	int rc;
	*is_demo = false;
	if ((rc = wg_meta_get(ws->db, "demo_seed", &seed, err)) ||
	    (rc = wg_meta_get(ws->db, "demo_size", &size, err)))
		goto out;
	if (seed && size) {
		*is_demo = true;
		opts->seed = strtoull(seed, NULL, 10);
		if (wg_demo_size_parse(size, &opts->size) != 0)
			opts->size = WG_DEMO_SMALL;
	}
out:
	free(seed);
	free(size);
	return rc;
}

int wg_demo_create(const char *dir, const struct wg_demo_options *opts, bool replace,
		   struct wg_demo_timing *timing, wg_error *err)
{
	struct wg_demo_counts counts;
	wg_workspace *old = NULL, *ws = NULL;
	char *tmp = NULL, *aside = NULL;
	int rc, state;

	/* What is there now: nothing, an empty folder, or a demo county we may replace. */
	if ((state = folder_state(dir, err)) < 0)
		return err->status;
	if (state == 1) {
		bool is_demo = false;
		struct wg_demo_options was;
		char *db = xasprintf("%s/%s", dir, WG_DB_FILE);
		bool has_db = access(db, F_OK) == 0;
		free(db);
		if (!has_db)
			return wg_fail(err, WG_EINPUT,
				       _("%s is not empty and holds no demo county: wangge demo leaves "
					 "it alone; choose another folder with --dir"), dir);
		/* Hold its lock while replacing it: nobody may be working in it. */
		if ((rc = wg_ws_open(dir, WS_WRITE, &old, err)) ||
		    (rc = wg_demo_info(old, &is_demo, &was, err)))
			goto out;
		if (!is_demo) {
			rc = wg_fail(err, WG_EINPUT,
				     _("%s holds a real workspace, not a demo county: wangge demo never "
				       "touches it; choose another folder with --dir"), dir);
			goto out;
		}
		if (!replace) {
			rc = wg_fail(err, WG_EINPUT, _("%s already holds a demo county"), dir);
			goto out;
		}
	}

	/* Build beside it, then move into place. */
	if ((rc = wg_demo_make_parent(dir, err)))
		goto out;
	sweep_stale_builds(dir);
	tmp = xasprintf("%s.new-XXXXXX", dir);
	if (!mkdtemp(tmp)) {
		rc = wg_fail(err, WG_EINTERNAL, _("cannot create the folder %s: %s"), tmp,
			     strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	double t0 = wg_monotonic();
	wg_set_durable(false);
	/* Only the small county writes its history of weekly syncs at build: the
	 * large one's (19,683 commits, 8.58 M objects: 5.38 M trees of 981 MB
	 * packed, 3.18 M blobs of 755 MB) made the whole build 130 s user + 20 s
	 * system CPU with a 916 MB peak (its history.git 1.9 GB, the workspace
	 * 3.3 GB; measured at load 10, plain build), past the 60 s budget and
	 * near the 1 GiB of the target PCs; it is committed at the first
	 * officer open. No officer is enrolled at build: each grid's
	 * officer is, through the county's sync as a real officer is, the first
	 * time their workspace is opened (wangge demo --role officer:GRID, with a
	 * progress bar). Enrolling all 42 of the small county at build took 19 s
	 * of its 45 (measured at load 12, plain -O2 build) for workspaces a
	 * trainer opens two or three of. */
	if ((rc = wg_ws_create(tmp, &ws, err)) || (rc = demo_county_key(ws, opts->seed, err)) ||
	    (rc = generate(ws, opts, &counts, err)) || (rc = wg_demo_cases(ws, opts->seed, err)))
		goto out;
	double t1 = wg_monotonic();
	/* WAL once everything is written: the switch empties the page cache
	 * (the first read of a new WAL resets the pager), which the small
	 * county's history reads whole. Switched before it, the history read
	 * the 80 MB back, 20,000 pages. */
	if ((opts->size == WG_DEMO_SMALL && (rc = wg_demo_history(ws, err))) ||
	    (rc = wg_db_exec(ws->db, "PRAGMA journal_mode=WAL", err)))
		goto out;
	wg_ws_close(ws);
	ws = NULL;
	timing->county = t1 - t0;
	timing->history = wg_monotonic() - t1;
	wg_set_durable(true);
	if (state == 1) {
		aside = xasprintf("%s.old-XXXXXX", dir);
		if (!mkdtemp(aside) || rename(dir, aside) != 0) {
			rc = wg_fail(err, WG_EINTERNAL, _("cannot move %s aside: %s"), dir,
				     strerror(errno));
			goto out;
		}
	}
	if (rename(tmp, dir) != 0) {
		rc = wg_fail(err, WG_EINTERNAL, _("cannot move the demo county into %s: %s"), dir,
			     strerror(errno));
		if (aside)
			rename(aside, dir);
		goto out;
	}
	free(tmp);
	tmp = NULL;
	rc = WG_OK;
out:
	wg_set_durable(true);
	wg_ws_close(ws);
	wg_ws_close(old);
	if (tmp)
		wg_demo_remove_tree(tmp);
	if (aside)
		wg_demo_remove_tree(aside);
	free(tmp);
	free(aside);
	return rc;
}

int wg_demo_count(wg_workspace *ws, struct wg_demo_counts *c, wg_error *err)
{
	static const struct {
		const char *sql;
		size_t off;
	} q[] = {
		{"SELECT count(*) FROM township", offsetof(struct wg_demo_counts, townships)},
		{"SELECT count(*) FROM grid", offsetof(struct wg_demo_counts, grids)},
		{"SELECT count(*) FROM officer WHERE role = 'officer'",
		 offsetof(struct wg_demo_counts, officers)},
		{"SELECT count(*) FROM officer WHERE role = 'inspector'",
		 offsetof(struct wg_demo_counts, inspectors)},
		{"SELECT count(*) FROM officer WHERE role = 'clerk'",
		 offsetof(struct wg_demo_counts, clerks)},
		{"SELECT count(*) FROM entity", offsetof(struct wg_demo_counts, entities)},
		/* the kept count (the Tasks list's total): count(*) would read
		 * the smallest index of 1.35 M tasks (task_entity, 56 MB) */
		{"SELECT coalesce(sum(n), 0) FROM task_count", offsetof(struct wg_demo_counts, tasks)},
		{"SELECT count(*) FROM inspection", offsetof(struct wg_demo_counts, inspections)},
		{"SELECT count(*) FROM finding", offsetof(struct wg_demo_counts, findings)},
		{"SELECT count(*) FROM complaint", offsetof(struct wg_demo_counts, complaints)},
	};
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < NELEM(q); i++) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(ws->db, q[i].sql, -1, &st, NULL) != SQLITE_OK)
			return wg_db_fail(ws->db, err);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			*(long *)((char *)c + q[i].off) = (long)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW)
			return wg_db_fail(ws->db, err);
	}
	char *officers = xasprintf("%s/officers", ws->dir);
	DIR *d = opendir(officers);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		struct stat st;
		char *db = xasprintf("%s/%s/%s", officers, de->d_name, WG_DB_FILE);
		c->workspaces += de->d_name[0] != '.' && stat(db, &st) == 0;
		free(db);
	}
	if (d)
		closedir(d);
	free(officers);
	/* the days its history spans, as it was built */
	const char *keys[2] = {"demo_first_day", "demo_last_day"};
	char *outs[2] = {c->first_day, c->last_day};
	for (int i = 0; i < 2; i++) {
		char *v = NULL;
		int rc = wg_meta_get(ws->db, keys[i], &v, err);
		if (rc)
			return rc;
		snprintf(outs[i], sizeof c->first_day, "%s", v && wg_date_valid(v) ? v : "");
		free(v);
	}
	return WG_OK;
}

static char *col_or_null(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? xstrdup(s) : NULL;
}

int wg_demo_county(wg_workspace *ws, char **name, char **code, char **first_grid, wg_error *err)
{
	sqlite3_stmt *st;
	*name = *code = *first_grid = NULL;
	if (sqlite3_prepare_v2(ws->db,
			       "SELECT name, code, (SELECT min(code) FROM grid) FROM county LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return wg_db_fail(ws->db, err);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*name = col_or_null(st, 0);
		*code = col_or_null(st, 1);
		*first_grid = col_or_null(st, 2);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? WG_OK : wg_db_fail(ws->db, err);
}
