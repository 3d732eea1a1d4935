/* The demo county's penalty cases and clues: made through the core's own
 * functions (wg_penalty_*, wg_clue_*), each step on its day, so a trainee
 * finds a case at every stage, one past its 90 days, a late payment with its
 * surcharge, a summary-procedure fine, and clues reported and handed over. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clue.h"
#include "db.h"
#include "id.h"
#include "demo.h"
#include "penalty.h"
#include "query.h"
#include "recordop.h"
#include "timeutil.h"

struct cases {
	wg_workspace *ws;
	wg_error *err;
	char insp[2][WG_ID_BUFSIZE], head[WG_ID_BUFSIZE], legal[WG_ID_BUFSIZE];
	wg_records entities;
	size_t next;
};

/* The cases' days are written as on a county whose history ends 2026-11-20
 * and moved, whole weeks at a time (so a weekday stays a weekday), to end
 * before the day the demo is built: its history ends yesterday. */
static long day_shift;

/* day_shift for the day the demo is built (or a scenario reset) */
static void set_shift(void)
{
	char today[WG_DATE_LEN + 1];
	wg_today(today);
	long diff = wg_date_days(today) - wg_date_days("2026-11-21"); /* whole weeks, rounded down */
	day_shift = (diff >= 0 ? diff / 7 : -((-diff + 6) / 7)) * 7;
}

static void shift_days(char day[16], long n)
{
	wg_date_from_days(wg_date_days(day) + n, day);
}

/* A written day, moved; a ring of buffers, for several in one call. */
static const char *D(const char *written)
{
	static char ring[16][16];
	static unsigned next;
	char *out = ring[next++ % 16];
	snprintf(out, 16, "%s", written);
	shift_days(out, day_shift);
	return out;
}

static void on(const char *day)
{
	char stamp[WG_TIMESTAMP_LEN + 1];
	time_t t;
	snprintf(stamp, sizeof stamp, "%.10sT02:00:00Z", day);
	wg_timestamp_parse(stamp, &t);
	wg_clock_fix(&t);
}

static int one_id(sqlite3 *db, const char *sql, char out[WG_ID_BUFSIZE], wg_error *err)
{
	char *v = NULL;
	int rc = wg_query_text(db, sql, NULL, 0, &v, err);
	if (rc == WG_OK && !v)
		rc = wg_fail(err, WG_EINTERNAL, "demo cases: no row for %s", sql);
	if (rc == WG_OK)
		snprintf(out, WG_ID_BUFSIZE, "%s", v);
	free(v);
	return rc;
}

/* File a case on the next clinic whose inspectors have no declared interest. */
static int file(struct cases *c, const char *day, const char *violation, const char *facts,
		const char *penalty, const char *fine, bool summary, char id[WG_ID_BUFSIZE])
{
	const char *ip[] = {c->insp[0], c->insp[1]};
	on(day);
	while (c->next < c->entities.n) {
		const wg_record *e = c->entities.v[c->next++];
		struct wg_penalty_new n = {wg_record_id(e), summary ? "summary" : "general", "person",
					   violation, facts, penalty, fine, ip, 2, c->head, NULL, 0,
					   summary ? "lighter" : NULL,
					   summary ? "初次违法，当场改正" : NULL};
		wg_error e2;
		int rc = wg_penalty_file(c->ws, &n, id, &e2);
		if (rc == WG_OK)
			return WG_OK;
		if (!strstr(e2.msg, "回避")) {
			*c->err = e2;
			return rc;
		}
	}
	return wg_fail(c->err, WG_EINTERNAL, "demo cases: no clinic left");
}

static int notify(struct cases *c, const char *id, const char *day)
{
	on(day);
	const char *ip[] = {c->insp[0], c->insp[1]};
	return wg_penalty_notify(c->ws, id, ip, 2, day, c->err);
}

static int decide(struct cases *c, const char *id, const char *day, const char *factor,
		  const char *reason, int correct)
{
	struct wg_penalty_decision d = {c->head, NULL, 0, day, NULL, NULL, factor, reason, correct};
	on(day);
	return wg_penalty_decide(c->ws, id, &d, c->err);
}

static int serve(struct cases *c, const char *id, const char *day)
{
	const char *ip[] = {c->insp[0]};
	on(day);
	return wg_penalty_serve(c->ws, id, ip, 1, day, NULL, c->err);
}

static int interview(struct cases *c, const char *id, const char *day)
{
	const char *ip[] = {c->insp[0], c->insp[1]};
	on(day);
	return wg_penalty_record(c->ws, id, "interview", ip, 2, day, "负责人",
				 "问：现场发现的问题是否属实？答：属实。", c->err);
}

/* Who works the cases: the county's first two inspectors with a
 * certificate, the department head and the legal reviewer (its first two
 * clerks). */
static int people(struct cases *c)
{
	sqlite3 *db = c->ws->db;
	int rc;
	if ((rc = one_id(db, "SELECT id FROM officer WHERE role = 'inspector' AND status = 'active'"
			 " AND cert != '' ORDER BY id LIMIT 1", c->insp[0], c->err)) ||
	    (rc = one_id(db, "SELECT id FROM officer WHERE role = 'inspector' AND status = 'active'"
			 " AND cert != '' ORDER BY id LIMIT 1 OFFSET 1", c->insp[1], c->err)) ||
	    (rc = one_id(db, "SELECT id FROM officer WHERE role = 'clerk' AND status = 'active'"
			 " ORDER BY id LIMIT 1", c->head, c->err)))
		return rc;
	return one_id(db, "SELECT id FROM officer WHERE role = 'clerk' AND status = 'active'"
		      " ORDER BY id LIMIT 1 OFFSET 1", c->legal, c->err);
}

/* The cases, filed in the order of their days so that their numbers run in
 * sequence through the year; then each one's steps. */
static int build(struct cases *c)
{
	wg_workspace *ws = c->ws;
	const struct {
		const char *day, *violation, *facts, *fine;
		bool summary;
	} filed[] = {
		{D("2026-07-06"), "M-WASTE-REGISTER", "未建立医疗废物交接登记，经警告逾期未改正", "2500", false},
		{D("2026-08-10"), "M-SCOPE", "超出登记的诊疗科目开展诊疗活动", "1800", false},
		{D("2026-09-14"), "M-WASTE-STORE", "医疗废物暂时贮存超过2天", "1200", false},
		{D("2026-09-21"), "M-DISINFECT", "诊疗器械消毒不符合规范", "2000", false},
		{D("2026-10-12"), "M-REUSE", "重复使用一次性注射器，经警告拒不改正", "60000", false},
		{D("2026-11-02"), "M-WASTE-SORT", "医疗废物未分类收集", "1500", false},
		{D("2026-11-10"), "M-STAFF", "使用非卫生技术人员从事诊疗活动", "2500", false},
		{D("2026-11-16"), "M-WASTE-SORT", "医疗废物未分类收集，当场改正", "200", true},
		{D("2026-11-18"), "M-SCOPE", "超出登记的诊疗科目开展口腔诊疗", "1500", false},
	};
	enum { PAID_LATE, PAST_90, SERVED, DECIDED, HEARD, NOTIFIED, INVESTIGATING, SUMMARY, FILED,
	       NCASES };
	char id[NCASES][WG_ID_BUFSIZE];
	const char *head[] = {c->head};
	const char *legal[] = {c->legal};
	const char *ip[] = {c->insp[0], c->insp[1]};
	int rc = WG_OK;
	for (int i = 0; i < NCASES && rc == WG_OK; i++)
		rc = file(c, filed[i].day, filed[i].violation, filed[i].facts, "fine", filed[i].fine,
			  filed[i].summary, id[i]);
	if (rc)
		return rc;
	/* paid late: the surcharge of art. 72; closed */
	if ((rc = interview(c, id[PAID_LATE], D("2026-07-08"))) ||
	    (rc = notify(c, id[PAID_LATE], D("2026-07-09"))) ||
	    (rc = decide(c, id[PAID_LATE], D("2026-07-22"), "lighter", "初次违法，及时改正", 0)) ||
	    (rc = serve(c, id[PAID_LATE], D("2026-07-24"))) || (on(D("2026-08-12")), false) ||
	    (rc = wg_penalty_pay(ws, id[PAID_LATE], D("2026-08-12"), c->err)) ||
	    (on(D("2026-08-13")), false) ||
	    (rc = wg_penalty_close(ws, id[PAID_LATE], head, 1, D("2026-08-13"), NULL, c->err)))
		return rc;
	/* filed in August, never decided: past its 90 days */
	if ((rc = interview(c, id[PAST_90], D("2026-08-12"))))
		return rc;
	/* served, the fine due */
	if ((rc = interview(c, id[SERVED], D("2026-09-15"))) || (rc = notify(c, id[SERVED], D("2026-09-16"))) ||
	    (rc = decide(c, id[SERVED], D("2026-11-11"), "ordinary", NULL, 0)) ||
	    (rc = serve(c, id[SERVED], D("2026-11-12"))))
		return rc;
	/* decided with an order to correct (its re-inspection task), not served
	 * within its 7 working days: late on the dashboard */
	if ((rc = interview(c, id[DECIDED], D("2026-09-23"))) ||
	    (rc = notify(c, id[DECIDED], D("2026-09-24"))) ||
	    (rc = decide(c, id[DECIDED], D("2026-11-06"), "ordinary", NULL, 10)))
		return rc;
	/* 听证 requested and held, then 法制审核 */
	if ((rc = interview(c, id[HEARD], D("2026-10-14"))) || (rc = notify(c, id[HEARD], D("2026-10-20"))) ||
	    (on(D("2026-10-22")), false) ||
	    (rc = wg_penalty_hearing_request(ws, id[HEARD], D("2026-10-22"), "负责人", c->err)) ||
	    (on(D("2026-11-03")), false) ||
	    (rc = wg_penalty_record(ws, id[HEARD], "hearing", ip, 2, D("2026-11-03"), NULL,
				    "当事人陈述系初次违法，请求从轻处罚", c->err)) ||
	    (on(D("2026-11-09")), false) ||
	    (rc = wg_penalty_record(ws, id[HEARD], "review", legal, 1, D("2026-11-09"), NULL,
				    "事实清楚，证据确凿，程序合法，裁量适当", c->err)))
		return rc;
	/* 告知: the party's window still open on the demo's day */
	if ((rc = interview(c, id[NOTIFIED], D("2026-11-05"))) ||
	    (rc = notify(c, id[NOTIFIED], D("2026-11-19"))))
		return rc;
	/* 调查取证 */
	if ((rc = interview(c, id[INVESTIGATING], D("2026-11-12"))))
		return rc;
	/* the summary procedure: decided and served on the spot, then paid */
	on(D("2026-11-17"));
	return wg_penalty_pay(ws, id[SUMMARY], D("2026-11-17"), c->err);
}

/* Clues the grid officers reported in November, in the categories they
 * chose; the first two handed over to an inspector. */
static int clues(struct cases *c)
{
	static const struct {
		const char *category, *content, *location;
	} list[] = {
		{"illegal_practice", "有人在家中无证给人打针输液", "村东头民房"},
		{"foodborne", "午餐后多名学生腹泻", NULL},
		{"water", "学校二次供水水箱未加盖上锁", NULL},
		{"school", "本周无晨检记录", NULL},
		{"family_planning", "发现有人宣传胎儿性别鉴定", NULL},
	};
	wg_records grids = {0};
	int rc = wg_select(c->ws->db, &wg_kind_entity, "category = 'S100'", "id", NULL, 0, &grids,
			   c->err);
	for (size_t i = 0; i < sizeof list / sizeof *list && rc == WG_OK; i++) {
		char day[16], task[WG_ID_BUFSIZE];
		snprintf(day, sizeof day, "%s", D("2026-11-09"));
		shift_days(day, (long)i);
		on(day);
		wg_record *r = wg_record_new(&wg_kind_clue);
		const wg_record *e = grids.n ? grids.v[i % grids.n] : NULL;
		char reporter[WG_ID_BUFSIZE] = "";
		if (e) {
			char *o = NULL;
			const char *q[] = {wg_record_get(e, "grid")};
			if ((rc = wg_query_text(c->ws->db, "SELECT id FROM officer WHERE grid = ?1 AND"
						" role = 'officer' ORDER BY id LIMIT 1", q, 1, &o,
						c->err))) {
				wg_record_free(r);
				break;
			}
			snprintf(reporter, sizeof reporter, "%s", o ? o : "");
			free(o);
		}
		struct wg_change ch[] = {{"category", list[i].category},
					 {"content", list[i].content},
					 {list[i].location || !e ? "location" : "entity",
					  list[i].location ? list[i].location
					  : e		   ? wg_record_id(e)
							   : "-"},
					 {"grid", e ? wg_record_get(e, "grid") : ""},
					 {"reporter", reporter}};
		if ((rc = wg_fill(r, ch, e && *reporter ? 5 : e ? 4 : 3, false, c->err)) == WG_OK)
			rc = wg_clue_add(c->ws, r, i != 4, c->err); /* the last found, not yet reported */
		if (rc == WG_OK && i < 2) {
			on(D("2026-11-16"));
			rc = wg_clue_handover(c->ws, wg_record_id(r), c->insp[i], 5, task, c->err);
		}
		wg_record_free(r);
	}
	wg_records_free(&grids);
	return rc;
}

int wg_demo_cases(wg_workspace *ws, uint64_t seed, wg_error *err)
{
	struct cases c = {.ws = ws, .err = err};
	set_shift();
	uint64_t ids = seed ^ 0x70656e616c747921ULL; /* the cases' own stream of ids */
	int rc;
	wg_id_demo_seed(&ids);
	if ((rc = wg_ws_reload(ws, err)) ||
	    (rc = people(&c)) ||
	    (rc = wg_select(ws->db, &wg_kind_entity, "category = 'D211' AND status = 'open'", "id",
			    NULL, 0, &c.entities, err)))
		goto out;
	rc = build(&c);
	if (rc == WG_OK)
		rc = clues(&c);
out:
	wg_clock_fix(NULL);
	wg_id_demo_seed(NULL);
	wg_records_free(&c.entities);
	return rc;
}

/* Another case like the demo's heard one, for the "penalty" scenario after
 * its case was decided: filed on a clinic without a case, interviewed,
 * notified, heard at the party's request and reviewed, each step on its day
 * of the last weeks, as the demo's own. */
int wg_demo_case_to_decide(wg_workspace *ws, wg_error *err)
{
	struct cases c = {.ws = ws, .err = err};
	char id[WG_ID_BUFSIZE];
	const char *ip[] = {c.insp[0], c.insp[1]};
	const char *legal[] = {c.legal};
	set_shift();
	int rc;
	if ((rc = people(&c)) ||
	    (rc = wg_select(ws->db, &wg_kind_entity,
			    "category = 'D211' AND status = 'open' AND id NOT IN"
			    " (SELECT entity FROM penalty)", "id", NULL, 0, &c.entities, err)))
		goto out;
	if ((rc = file(&c, D("2026-10-12"), "M-REUSE", "重复使用一次性注射器，经警告拒不改正",
		       "fine", "60000", false, id)) ||
	    (rc = interview(&c, id, D("2026-10-14"))) || (rc = notify(&c, id, D("2026-10-20"))) ||
	    (on(D("2026-10-22")), false) ||
	    (rc = wg_penalty_hearing_request(ws, id, D("2026-10-22"), "负责人", err)) ||
	    (on(D("2026-11-03")), false) ||
	    (rc = wg_penalty_record(ws, id, "hearing", ip, 2, D("2026-11-03"), NULL,
				    "当事人陈述系初次违法，请求从轻处罚", err)) ||
	    (on(D("2026-11-09")), false))
		goto out;
	rc = wg_penalty_record(ws, id, "review", legal, 1, D("2026-11-09"), NULL,
			       "事实清楚，证据确凿，程序合法，裁量适当", err);
out:
	wg_clock_fix(NULL);
	wg_records_free(&c.entities);
	return rc;
}
