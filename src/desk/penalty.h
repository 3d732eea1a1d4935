/* Administrative penalty cases (行政处罚案件), at the county.
 *
 * A case is one record of kind "penalty" on the grid branch of the party's
 * grid, and every step of it (立案, evidence, 询问笔录, 告知, 陈述申辩, the
 * hearing request and the hearing, 法制审核, 决定, 送达, payment, 结案,
 * publication and withdrawal) is a record of kind "penalty_step" naming who
 * did it and on which day. Only the county makes or changes them: an
 * officer's workspace refuses to, and so does the county's import of an
 * officer's bundle (the 协管 boundary).
 *
 * The time limits, from the 行政处罚法 (2021):
 *   - decision within 90 days of 立案 (art. 60), counted in calendar days;
 *   - a hearing request within 5 days of the notice (art. 64), for the
 *     penalties that give the right to one (art. 63: a large fine, as the
 *     county's discretion standard sets it, confiscation, an order to stop
 *     practice, a revoked licence);
 *   - service within 7 days of the decision when the party was not present
 *     (art. 61);
 *   - payment within 15 days of service (art. 67); late payment adds 3% of
 *     the fine a day, never more than the fine (art. 72).
 * The law's 5 and 7 days are working days (行政处罚法 art. 85): they
 * are counted with the county's holiday calendar; 90 and 15 days are
 * calendar days.
 *
 * The 简易程序 (art. 51): a warning, or a fine of at most 200 yuan for a
 * natural person or 3,000 yuan for an organisation, decided on the spot. */
#ifndef WG_PENALTY_H
#define WG_PENALTY_H

#include <stdbool.h>
#include <stddef.h>

#include "id.h"
#include "query.h"
#include "record.h"
#include "recordop.h"
#include "strbuf.h"
#include "table.h"
#include "workspace.h"

#define WG_DECISION_DAYS 90      /* art. 60, calendar days */
#define WG_HEARING_REQUEST_DAYS 5 /* art. 64, working days */
#define WG_SERVICE_DAYS 7        /* art. 61, working days */
#define WG_PAYMENT_DAYS 15       /* art. 67, calendar days */
#define WG_SURCHARGE_PERCENT 3   /* art. 72, per day */
#define WG_SUMMARY_PERSON_MAX 200   /* art. 51, yuan */
#define WG_SUMMARY_ORG_MAX 3000     /* art. 51, yuan */

/* ---- the discretion standard (裁量基准) ---- */

/* One violation: the fine bands for 从轻, 一般 and 从重, in yuan. A band of
 * 0-0 is a warning without a fine. 减轻 is below the 从轻 band. */
struct wg_discretion_entry {
	char code[17];
	long lo[3], hi[3];   /* [0] lighter, [1] ordinary, [2] heavier */
	char *text;          /* the violation, as the standard words it */
	char *basis;         /* the provision that sets the penalty */
};

typedef struct wg_discretion {
	int version;         /* the recorded version (0: the shipped file) */
	char *source;        /* the standard it follows */
	long hearing_fine[2]; /* [0] person, [1] organisation: 较大数额 (art. 63) */
	struct wg_discretion_entry *v;
	size_t n;
} wg_discretion;

/* Parse a discretion file (name for messages). Refused with name:line. */
int wg_discretion_parse(const char *name, const char *text, size_t len, wg_discretion **out,
			wg_error *err);
/* The standard the workspace applies: the newest recorded version, or the
 * shipped data/rules/discretion when the county recorded none. */
int wg_discretion_open(sqlite3 *db, wg_discretion **out, wg_error *err);
void wg_discretion_free(wg_discretion *d);
const struct wg_discretion_entry *wg_discretion_find(const wg_discretion *d, const char *code);
/* The county checks a file and records it in common as a new version.
 * *version gets the version; *changed false when the same text is recorded. */
int wg_discretion_import(wg_workspace *ws, const char *path, int *version, bool *changed,
			 wg_error *err);

/* ---- cases ---- */

struct wg_penalty_new {
	const char *entity;        /* full id */
	const char *procedure;     /* "general" or "summary" */
	const char *party_type;    /* "person" or "org" */
	const char *violation;     /* a code of the discretion standard */
	const char *facts;
	const char *penalty;       /* proposed: warning, fine, confiscation, suspension, revocation */
	const char *fine;          /* yuan, or NULL */
	const char *const *inspectors; /* full officer ids, at least two certified */
	size_t ninspectors;
	const char *approved_by;   /* full officer id: who approved the filing */
	const char *const *inspections; /* linked inspections (evidence), full ids */
	size_t ninspections;
	/* summary procedure only: how the discretion standard was applied */
	const char *factor, *reason;
};

/* 立案: a new case numbered in sequence for the year (文号), decision due
 * in 90 days. The summary procedure is decided and served on the spot: the
 * case is made at stage "served". */
int wg_penalty_file(wg_workspace *ws, const struct wg_penalty_new *n, char id[WG_ID_BUFSIZE],
		    wg_error *err);

/* A step with nothing more to it than who, when and what: "evidence" or
 * "interview" (询问笔录: person questioned, text), "statement" (陈述申辩),
 * "hearing" (held after a request), "review" (法制审核). day NULL: today. */
int wg_penalty_record(wg_workspace *ws, const char *id, const char *step,
		      const char *const *actors, size_t nactors, const char *day,
		      const char *person, const char *text, wg_error *err);
/* 告知: the facts, reasons and basis, and the rights of 陈述申辩 and, where
 * the penalty gives it, 听证 (the request due in 5 working days). */
int wg_penalty_notify(wg_workspace *ws, const char *id, const char *const *actors,
		      size_t nactors, const char *day, wg_error *err);
/* The party asks for a hearing on day: refused after the deadline, or when
 * the penalty gives no right to one. */
int wg_penalty_hearing_request(wg_workspace *ws, const char *id, const char *day,
			       const char *person, wg_error *err);

struct wg_penalty_decision {
	const char *decided_by;    /* full officer id */
	const char *const *actors; /* the inspectors presenting it (may be none) */
	size_t nactors;
	const char *day;           /* NULL: today */
	const char *penalty;       /* NULL: as proposed */
	const char *fine;          /* NULL: as proposed */
	const char *factor;        /* lighter, ordinary, heavier, mitigated */
	const char *reason;        /* why (required unless ordinary) */
	int correct_days;          /* >0: ordered to correct within so many working days */
};
/* 决定: checks the notice was given, the hearing window closed, a requested
 * hearing held, the legal review done where it is required, and the fine
 * inside the band of the standard's entry for the factor; records the entry
 * and the reason. Service due in 7 working days; an order to correct makes
 * the re-inspection task, linked to the case. */
int wg_penalty_decide(wg_workspace *ws, const char *id, const struct wg_penalty_decision *d,
		      wg_error *err);
/* 送达 on day: payment due 15 days later (a fine); a warning is carried out
 * by its service. */
int wg_penalty_serve(wg_workspace *ws, const char *id, const char *const *actors,
		     size_t nactors, const char *day, const char *person, wg_error *err);
/* The fine paid on day; paid late, the surcharge of art. 72 is recorded. */
int wg_penalty_pay(wg_workspace *ws, const char *id, const char *day, wg_error *err);
/* 结案 */
int wg_penalty_close(wg_workspace *ws, const char *id, const char *const *actors,
		     size_t nactors, const char *day, const char *text, wg_error *err);

/* The late-payment surcharge in fen of a fine (yuan) paid days_late days late. */
long long wg_penalty_surcharge(long fine, long days_late);
/* Does this penalty give the party the right to a hearing (art. 63)? */
bool wg_penalty_hearing_right(const wg_discretion *d, const char *penalty, const char *party_type,
			      long fine);
/* Is the legal review (法制审核) required before the decision? */
bool wg_penalty_review_required(const wg_record *c);

/* Cases at this stage (NULL: all), by stage then case number. */
int wg_penalties_list(sqlite3 *db, const char *stage, wg_records *out, wg_error *err);
/* The steps of a case, in order. */
int wg_penalty_steps(sqlite3 *db, const char *id, wg_records *out, wg_error *err);

/* The next time limit of an open case on today: the date and what it is for
 * (a translated phrase), "" when none is running. */
void wg_penalty_next_deadline(const wg_record *c, const char *today, char date[11],
			      const char **what);

/* Open cases whose next time limit is before today or within days: the
 * dashboard's list, soonest first. */
int wg_penalties_due(sqlite3 *db, const char *today, int days, wg_records *out, wg_error *err);

/* ---- disclosure of decisions (行政处罚法 art. 48) ---- */

#define WG_PUBLISH_DAYS_DEFAULT 7 /* county rule value penalty_publish_days */
#define WG_WITHDRAW_DAYS 3        /* a revoked decision's notice withdrawn, working days */

/* The county's time limit for publishing a decision, in working days. */
int wg_penalty_publish_days(sqlite3 *db, int *days, wg_error *err);
/* Set county rule values on the county record in common (the county only):
 * penalty_publish_days, case_prefix (the case number's prefix before
 * 〔YEAR〕N号; empty: "<county>卫罚"), officer_opinion ("yes": officers may
 * issue a 卫生监督意见书 from a patrol; empty or "no": they may not). */
bool wg_county_rule_known(const char *field);
int wg_county_rules_set(wg_workspace *ws, const struct wg_change *ch, size_t n, wg_error *err);
/* Does the county let officers issue a 卫生监督意见书 (officer_opinion)? */
int wg_county_officer_opinion(sqlite3 *db, bool *allowed, wg_error *err);

/* The decisions made between from and to (inclusive), not revoked, for
 * publication: number, party, violation, basis, penalty, date decided. No
 * personal data. ids (may be NULL) gets the cases listed. */
int wg_penalty_publication(sqlite3 *db, const char *from, const char *to, wg_table **out,
			   wg_records *ids, wg_error *err);
/* Record the publication of these cases on day (a "publication" step each;
 * already published ones are skipped). *marked gets how many. */
int wg_penalty_mark_published(wg_workspace *ws, const wg_records *cases, const char *day,
			      size_t *marked, wg_error *err);
/* A decision revoked (撤销, 变更, 确认违法或无效) on day, with the reason; when it was
 * published, its withdrawal is due within 3 working days. */
int wg_penalty_revoke(wg_workspace *ws, const char *id, const char *const *actors,
		      size_t nactors, const char *day, const char *reason, wg_error *err);
/* The published notice of a revoked decision withdrawn, recorded. */
int wg_penalty_withdraw(wg_workspace *ws, const char *id, const char *const *actors,
			size_t nactors, const char *day, wg_error *err);
/* What is late: decisions not published within the county's limit, and
 * revoked decisions whose notice was not withdrawn within 3 working days:
 * case number, what, due date. */
int wg_penalty_publication_late(sqlite3 *db, const char *today, wg_table **out, wg_error *err);

#endif
