#include <config.h>

#include <string.h>

#include "i18n.h"
#include "id.h"
#include "schema.h"
#include "timeutil.h"
#include "utf8.h"
#include "validate.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- enum options, in the order a status advances ---- */

static const struct wg_option role_options[] = {
	{"officer", N_("grid officer")},
	{"inspector", N_("inspector")},
	{"clerk", N_("county clerk")},
	{NULL, NULL},
};

static const struct wg_option active_options[] = {
	{"active", N_("active")},
	{"retired", N_("retired")},
	{NULL, NULL},
};

static const struct wg_option entity_status_options[] = {
	{"open", N_("in operation")},
	{"suspended", N_("suspended")},
	{"closed", N_("closed")},
	{NULL, NULL},
};

static const struct wg_option ownership_options[] = {
	{"public", N_("public")},
	{"private", N_("privately run")},
	{NULL, NULL},
};

static const struct wg_option profit_options[] = {
	{"nonprofit", N_("non-profit")},
	{"forprofit", N_("for-profit")},
	{NULL, NULL},
};

static const struct wg_option task_kind_options[] = {
	{"patrol", N_("routine patrol")},
	{"random", N_("random inspection")},
	{"campaign", N_("campaign")},
	{"recheck", N_("re-inspection")},
	{"complaint", N_("complaint check")},
	/* TRANSLATORS: a task kind: an inspector checks a clue an officer reported */
	{"clue", N_("reported clue check")},
	{NULL, NULL},
};

static const struct wg_option task_status_options[] = {
	{"open", N_("to do")},
	{"started", N_("started")},
	{"done", N_("done")},
	{"cancelled", N_("cancelled")},
	{NULL, NULL},
};

static const struct wg_option inspection_kind_options[] = {
	{"patrol", N_("patrol")},
	{"inspection", N_("enforcement inspection")},
	{NULL, NULL},
};

static const struct wg_option inspection_status_options[] = {
	{"draft", N_("draft")},
	{"signed", N_("signed")},
	{NULL, NULL},
};

static const struct wg_option result_options[] = {
	{"pass", N_("passed")},
	{"rectify", N_("rectification required")},
	{"fail", N_("failed")},
	/* TRANSLATORS: the result of a patrol that found a problem: reported to
	 * the county as a clue (发现问题，已报告) */
	{"reported", N_("problem reported to the county")},
	{NULL, NULL},
};

static const struct wg_option outcome_options[] = {
	/* TRANSLATORS: result of one checklist item: 合格 */
	{"pass", N_("pass")},
	/* TRANSLATORS: result of one checklist item: 不合格 */
	{"fail", N_("fail")},
	/* TRANSLATORS: result of one checklist item: 不适用 */
	{"na", N_("not applicable")},
	{NULL, NULL},
};

static const struct wg_option severity_options[] = {
	{"normal", N_("ordinary item")},
	/* TRANSLATORS: 关键项 of a checklist */
	{"key", N_("key item")},
	{NULL, NULL},
};

static const struct wg_option finding_status_options[] = {
	{"open", N_("open")},
	{"rectified", N_("rectified")},
	/* TRANSLATORS: a finding replaced by a corrected inspection record */
	{"withdrawn", N_("withdrawn")},
	{NULL, NULL},
};

static const struct wg_option channel_options[] = {
	{"phone", N_("12345/12320 hotline")},
	{"visit", N_("in person")},
	{"letter", N_("letter")},
	{"online", N_("online")},
	{"referral", N_("referred by another department")},
	{NULL, NULL},
};

/* How a deadline was set; empty: counted with the official holiday calendar. */
static const struct wg_option deadline_basis_options[] = {
	/* TRANSLATORS: a deadline counted Monday to Friday because the year's
	 * official holiday calendar was not installed */
	{"provisional", N_("provisional")},
	{"by_hand", N_("given by hand")},
	{NULL, NULL},
};

static const struct wg_option calendar_origin_options[] = {
	/* TRANSLATORS: a holiday calendar that came with the program */
	{"shipped", N_("shipped with wangge")},
	/* TRANSLATORS: a holiday calendar the county imported from a file */
	{"imported", N_("imported by the county")},
	{NULL, NULL},
};

static const struct wg_option complaint_status_options[] = {
	{"open", N_("received")},
	{"verifying", N_("being verified")},
	{"closed", N_("closed")},
	{NULL, NULL},
};

static const struct wg_option yes_no_options[] = {
	{"yes", N_("yes")},
	{"no", N_("no")},
	{NULL, NULL},
};

/* ---- kinds ---- */

#define ID_FIELD {"id", FT_ID, 32, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("id")}

static const struct wg_field county_fields[] = {
	ID_FIELD,
	{"code", FT_CODE, 6, MERGE_COUNTY, FF_REQUIRED, CHECK_REGION, NULL, N_("region code")},
	{"name", FT_TEXT, 60, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("name")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
	/* County rule values (empty: the default). Working days within which a
	 * penalty decision is published (default 7). */
	{"penalty_publish_days", FT_INT, 3, MERGE_COUNTY, FF_OMIT_EMPTY, CHECK_NONE, NULL,
	 N_("days to publish a penalty decision")},
	/* The prefix of a penalty case number (文号) before 〔YEAR〕N号, e.g.
	 * "X卫医罚" (empty: "<county name>卫罚"). */
	{"case_prefix", FT_TEXT, 30, MERGE_COUNTY, FF_OMIT_EMPTY, CHECK_NONE, NULL,
	 N_("case number prefix")},
	/* Whether grid officers may issue a 卫生监督意见书 from a patrol
	 * (empty: no; the 协管 boundary widened only by this value). */
	{"officer_opinion", FT_ENUM, 4, MERGE_COUNTY, FF_OMIT_EMPTY, CHECK_NONE, yes_no_options,
	 N_("officers may issue a health supervision opinion")},
};

static const struct wg_field township_fields[] = {
	ID_FIELD,
	{"code", FT_CODE, 12, MERGE_COUNTY, 0, CHECK_REGION, NULL, N_("region code")},
	{"name", FT_TEXT, 60, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("name")},
};

static const struct wg_field grid_fields[] = {
	ID_FIELD,
	{"code", FT_CODE, 32, MERGE_ONCE, FF_REQUIRED, CHECK_GRIDCODE, NULL, N_("grid code")},
	{"name", FT_TEXT, 60, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("name")},
	{"township", FT_REF, 32, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("township")},
};

static const struct wg_field officer_fields[] = {
	ID_FIELD,
	{"name", FT_TEXT, 40, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("name")},
	{"grid", FT_CODE, 32, MERGE_COUNTY, 0, CHECK_GRIDCODE, NULL, N_("grid")},
	{"role", FT_ENUM, 16, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, role_options, N_("role")},
	{"phone", FT_CODE, 20, MERGE_COUNTY, FF_PERSONAL | FF_COUNTY_ONLY, CHECK_MOBILE, NULL, N_("phone")},
	{"idcard", FT_CODE, 18, MERGE_COUNTY, FF_PERSONAL | FF_COUNTY_ONLY, CHECK_IDCARD, NULL, N_("ID card number")},
	{"cert", FT_TEXT, 40, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("enforcement certificate")},
	{"status", FT_ENUM, 16, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, active_options, N_("status")},
};

static const struct wg_field entity_fields[] = {
	ID_FIELD,
	{"grid", FT_CODE, 32, MERGE_COUNTY, FF_REQUIRED, CHECK_GRIDCODE, NULL, N_("grid")},
	{"category", FT_CODE, 8, MERGE_PLAIN, FF_REQUIRED, CHECK_CATEGORY, NULL, N_("category")},
	{"name", FT_TEXT, 100, MERGE_PLAIN, FF_REQUIRED, CHECK_NONE, NULL, N_("name")},
	{"uscc", FT_CODE, 18, MERGE_PLAIN, 0, CHECK_USCC, NULL, N_("unified social credit code")},
	{"licence", FT_CODE, 22, MERGE_PLAIN, 0, CHECK_LICENCE, NULL, N_("licence number")},
	{"licence_expiry", FT_DATE, 10, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("licence expiry")},
	{"legal_rep", FT_TEXT, 40, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("legal representative")},
	{"address", FT_TEXT, 200, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("address")},
	{"phone", FT_CODE, 20, MERGE_PLAIN, 0, CHECK_MOBILE, NULL, N_("phone")},
	{"ownership", FT_ENUM, 16, MERGE_PLAIN, 0, CHECK_NONE, ownership_options, N_("ownership")},
	{"profit", FT_ENUM, 16, MERGE_PLAIN, 0, CHECK_NONE, profit_options, N_("profit status")},
	{"beds", FT_INT, 6, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("beds")},
	{"status", FT_ENUM, 16, MERGE_STATUS, FF_REQUIRED, CHECK_NONE, entity_status_options, N_("status")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
	/* TRANSLATORS: 诊疗科目: the medical services a medical institution is
	 * registered for, a list ("内科、外科、预防保健科") */
	{"subjects", FT_TEXT, 500, MERGE_PLAIN, FF_OMIT_EMPTY, CHECK_NONE, NULL,
	 N_("registered medical services")},
};

static const struct wg_field task_fields[] = {
	ID_FIELD,
	{"grid", FT_CODE, 32, MERGE_COUNTY, FF_REQUIRED, CHECK_GRIDCODE, NULL, N_("grid")},
	{"kind", FT_ENUM, 16, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, task_kind_options, N_("kind")},
	{"entity", FT_REF, 32, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("entity")},
	{"title", FT_TEXT, 100, MERGE_PLAIN, FF_REQUIRED, CHECK_NONE, NULL, N_("title")},
	{"due", FT_DATE, 10, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("due date")},
	{"assignee", FT_REF, 32, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("assignee")},
	/* random inspections: the inspectors the draw chose (at least two) */
	{"inspectors", FT_REFS, 200, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("inspectors")},
	{"status", FT_ENUM, 16, MERGE_STATUS, FF_REQUIRED, CHECK_NONE, task_status_options, N_("status")},
	/* the day the result was published (一公开) */
	{"published", FT_DATE, 10, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("result published")},
	{"source", FT_REF, 32, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("source")},
	{"note", FT_NOTE, 2000, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("note")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
	{"checklist", FT_TEXT, 40, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("checklist")},
	{"due_basis", FT_ENUM, 16, MERGE_PLAIN, FF_OMIT_EMPTY | FF_HIDDEN, CHECK_NONE, deadline_basis_options,
	 N_("due date counted")},
};

static const struct wg_field inspection_fields[] = {
	ID_FIELD,
	{"grid", FT_CODE, 32, MERGE_ONCE, FF_REQUIRED, CHECK_GRIDCODE, NULL, N_("grid")},
	{"entity", FT_REF, 32, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("entity")},
	{"task", FT_REF, 32, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("task")},
	{"kind", FT_ENUM, 16, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, inspection_kind_options, N_("kind")},
	/* "code@version" of the checklist record used */
	{"checklist", FT_TEXT, 60, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("checklist")},
	{"inspectors", FT_REFS, 200, MERGE_PLAIN, FF_REQUIRED, CHECK_NONE, NULL, N_("inspectors")},
	{"started", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("started")},
	{"result", FT_ENUM, 16, MERGE_PLAIN, 0, CHECK_NONE, result_options, N_("result")},
	{"summary", FT_NOTE, 2000, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("summary")},
	{"corrects", FT_REF, 32, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("corrects")},
	{"status", FT_ENUM, 16, MERGE_STATUS, FF_REQUIRED, CHECK_NONE, inspection_status_options, N_("status")},
	{"signed", FT_TIME, 20, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("signed at")},
};

static const struct wg_field complaint_fields[] = {
	ID_FIELD,
	{"grid", FT_CODE, 32, MERGE_COUNTY, FF_REQUIRED, CHECK_GRIDCODE, NULL, N_("grid")},
	{"channel", FT_ENUM, 16, MERGE_PLAIN, FF_REQUIRED, CHECK_NONE, channel_options, N_("channel")},
	{"received", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("received")},
	{"entity", FT_REF, 32, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("entity")},
	{"location", FT_TEXT, 200, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("location")},
	{"content", FT_NOTE, 2000, MERGE_PLAIN, FF_REQUIRED, CHECK_NONE, NULL, N_("content")},
	{"complainant", FT_TEXT, 40, MERGE_PLAIN, FF_PERSONAL | FF_COUNTY_ONLY, CHECK_NONE, NULL, N_("complainant")},
	{"contact", FT_CODE, 20, MERGE_PLAIN, FF_PERSONAL | FF_COUNTY_ONLY, CHECK_MOBILE, NULL, N_("complainant phone")},
	{"deadline", FT_DATE, 10, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("handling deadline")},
	{"handler", FT_REF, 32, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("handler")},
	{"result", FT_NOTE, 2000, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("result")},
	{"status", FT_ENUM, 16, MERGE_STATUS, FF_REQUIRED, CHECK_NONE, complaint_status_options, N_("status")},
	/* when it was closed: the handling time in reports */
	{"closed", FT_TIME, 20, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("closed at")},
	{"deadline_basis", FT_ENUM, 16, MERGE_PLAIN, FF_OMIT_EMPTY | FF_HIDDEN, CHECK_NONE,
	 deadline_basis_options, N_("deadline counted")},
};

/* County reference data: one record per version of a checklist; a new version
 * is a new record, so an inspection can always name the version it used. */
static const struct wg_field checklist_fields[] = {
	ID_FIELD,
	{"code", FT_TEXT, 40, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("code")},
	{"version", FT_INT, 6, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("version")},
	{"title", FT_TEXT, 100, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("title")},
	{"body", FT_NOTE, 16000, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("text")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
};

/* The result of one checklist item in one inspection. */
static const struct wg_field result_fields[] = {
	ID_FIELD,
	{"grid", FT_CODE, 32, MERGE_ONCE, FF_REQUIRED, CHECK_GRIDCODE, NULL, N_("grid")},
	{"inspection", FT_REF, 32, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("inspection")},
	{"item", FT_TEXT, 16, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("item")},
	{"outcome", FT_ENUM, 8, MERGE_PLAIN, FF_REQUIRED, CHECK_NONE, outcome_options, N_("result")},
	{"note", FT_NOTE, 1000, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("note")},
};

/* A failed item of a signed inspection: what must be put right, by when. */
static const struct wg_field finding_fields[] = {
	ID_FIELD,
	{"grid", FT_CODE, 32, MERGE_ONCE, FF_REQUIRED, CHECK_GRIDCODE, NULL, N_("grid")},
	{"inspection", FT_REF, 32, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("inspection")},
	{"entity", FT_REF, 32, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("entity")},
	{"item", FT_TEXT, 16, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("item")},
	{"text", FT_TEXT, 200, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("problem")},
	{"severity", FT_ENUM, 8, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, severity_options, N_("severity")},
	{"violation", FT_TEXT, 16, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("violation code")},
	{"found", FT_DATE, 10, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("found on")},
	{"deadline", FT_DATE, 10, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("rectification deadline")},
	{"recheck", FT_REF, 32, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("re-inspection task")},
	{"note", FT_NOTE, 1000, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("note")},
	{"status", FT_ENUM, 16, MERGE_STATUS, FF_REQUIRED, CHECK_NONE, finding_status_options, N_("status")},
	{"deadline_basis", FT_ENUM, 16, MERGE_PLAIN, FF_OMIT_EMPTY | FF_HIDDEN, CHECK_NONE,
	 deadline_basis_options, N_("deadline counted")},
};

/* A file (photo, scan) kept as evidence; its bytes are evidence/<hash> in the
 * workspace, hash being the git blob id so the history stores it as is. */
static const struct wg_field evidence_fields[] = {
	ID_FIELD,
	{"grid", FT_CODE, 32, MERGE_ONCE, FF_REQUIRED, CHECK_GRIDCODE, NULL, N_("grid")},
	{"inspection", FT_REF, 32, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("inspection")},
	{"item", FT_TEXT, 16, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("item")},
	{"name", FT_TEXT, 200, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("file name")},
	{"hash", FT_CODE, 40, MERGE_ONCE, FF_REQUIRED, CHECK_BLOBID, NULL, N_("content hash")},
	{"size", FT_INT, 12, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("size in bytes")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
};

/* An inspector's declared interest in an entity (回避): the draw never sends
 * that inspector there. */
static const struct wg_field recusal_fields[] = {
	ID_FIELD,
	{"officer", FT_REF, 32, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("inspector")},
	{"entity", FT_REF, 32, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("entity")},
	{"reason", FT_TEXT, 200, MERGE_COUNTY, FF_PERSONAL, CHECK_NONE, NULL, N_("reason")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
};

/* A random draw (双随机): what anyone needs to check the published result. */
static const struct wg_field draw_fields[] = {
	ID_FIELD,
	{"name", FT_TEXT, 100, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("plan")},
	{"seed", FT_TEXT, 200, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("seed")},
	{"plan_sha256", FT_TEXT, 64, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("plan fingerprint")},
	{"directory_sha256", FT_TEXT, 64, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL,
	 N_("directory fingerprint")},
	{"result_sha256", FT_TEXT, 64, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL,
	 N_("result fingerprint")},
	{"tasks", FT_INT, 7, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("entities drawn")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
};

/* County reference data: one year of the official working-day calendar, as the
 * county checked and recorded it (one record per version of a year), so every
 * officer counts deadlines with the same days. */
static const struct wg_field calendar_fields[] = {
	ID_FIELD,
	{"year", FT_INT, 4, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("year")},
	{"version", FT_INT, 6, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("version")},
	/* TRANSLATORS: the State Council notice a year's holidays come from */
	{"source", FT_TEXT, 200, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("notice")},
	{"body", FT_NOTE, 16000, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("text")},
	{"origin", FT_ENUM, 16, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, calendar_origin_options,
	 N_("origin")},
	/* TRANSLATORS: who recorded a holiday calendar */
	{"recorded_by", FT_TEXT, 100, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("recorded by")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
};

static const struct wg_option rules_set_options[] = {
	/* TRANSLATORS: a set of county rules: bad-practice points */
	{"points", N_("points")},
	/* TRANSLATORS: a set of county rules: risk grading */
	{"risk", N_("risk grading")},
	/* TRANSLATORS: a set of county rules: how often each risk grade is patrolled */
	{"patrol", N_("patrol frequency")},
	/* TRANSLATORS: a set of county rules: publication and complaint time limits */
	{"limits", N_("time limits")},
	/* TRANSLATORS: a set of county rules: the categories the reports use */
	{"report", N_("report categories")},
	{NULL, NULL},
};

/* County reference data: one version of one set of rules (points, risk,
 * patrol frequency, time limits), as the county checked and recorded it, and
 * the day from which it applies. Every officer receives it with the next
 * county bundle and computes with the same rules. */
static const struct wg_field rules_fields[] = {
	ID_FIELD,
	{"ruleset", FT_ENUM, 16, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, rules_set_options,
	 N_("rules")},
	{"version", FT_INT, 6, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("version")},
	/* TRANSLATORS: the day from which a version of the rules applies */
	{"effective", FT_DATE, 10, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("effective from")},
	/* TRANSLATORS: the name of a scheme of rules, e.g. a province's points scheme */
	{"scheme", FT_TEXT, 200, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("scheme")},
	{"body", FT_NOTE, 60000, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("text")},
	{"origin", FT_ENUM, 16, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, calendar_origin_options,
	 N_("origin")},
	/* TRANSLATORS: who recorded a version of the rules */
	{"recorded_by", FT_TEXT, 100, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("recorded by")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
};

/* The clerk's explicit recompute: facts from a day on are counted with a
 * version of the rules that came into force after them. Recorded, never
 * undone silently: the points they carried before stay readable. */
static const struct wg_field recompute_fields[] = {
	ID_FIELD,
	{"ruleset", FT_ENUM, 16, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, rules_set_options,
	 N_("rules")},
	{"version", FT_INT, 6, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("version")},
	/* TRANSLATORS: facts from this day on are counted again */
	{"since", FT_DATE, 10, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("facts from")},
	{"reason", FT_TEXT, 200, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("reason")},
	{"recorded_by", FT_TEXT, 100, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("recorded by")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
};

static const struct wg_option blacklist_status_options[] = {
	/* TRANSLATORS: a black-list case: the entity has been told and may object */
	{"noticed", N_("notified, objection period")},
	/* TRANSLATORS: a black-list case: on the list for its term */
	{"listed", N_("listed")},
	/* TRANSLATORS: a black-list case: taken off early after credit repair */
	{"repaired", N_("credit repaired")},
	/* TRANSLATORS: a black-list case: taken off (or never listed) by decision */
	{"removed", N_("removed")},
	{NULL, NULL},
};

/* One case of the black list (严重失信主体名单): only by an explicit county
 * decision that cites its legal basis, after notice to the entity and an
 * objection period, for a fixed term, with credit repair and removal, each a
 * recorded step with its date (国办发〔2020〕49号). A county act: every field
 * is the county's, and no officer's bundle can create or change one. */
static const struct wg_field blacklist_fields[] = {
	ID_FIELD,
	{"grid", FT_CODE, 32, MERGE_ONCE, FF_REQUIRED, CHECK_GRIDCODE, NULL, N_("grid")},
	{"entity", FT_REF, 32, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("entity")},
	/* TRANSLATORS: the facts for which an entity is put on the black list */
	{"reason", FT_TEXT, 500, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("reason")},
	/* TRANSLATORS: the law or regulation a black-list decision rests on */
	{"basis", FT_TEXT, 300, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("legal basis")},
	/* TRANSLATORS: the authority that decides a black-list case */
	{"body", FT_TEXT, 100, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("deciding body")},
	{"status", FT_ENUM, 16, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, blacklist_status_options,
	 N_("status")},
	/* TRANSLATORS: the day the entity was told of the intended listing */
	{"noticed", FT_DATE, 10, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("notified on")},
	/* TRANSLATORS: the last day on which the entity may object */
	{"objection_until", FT_DATE, 10, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL,
	 N_("objections until")},
	/* TRANSLATORS: what the entity said against the listing */
	{"objection", FT_NOTE, 2000, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("objection")},
	/* TRANSLATORS: the county's answer to an objection, after checking it */
	{"reply", FT_NOTE, 2000, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("answer to the objection")},
	{"listed", FT_DATE, 10, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("listed on")},
	/* TRANSLATORS: the last day of a black-list listing's fixed term */
	{"until", FT_DATE, 10, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("listed until")},
	{"repaired", FT_DATE, 10, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("credit repaired on")},
	{"removed", FT_DATE, 10, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("removed on")},
	/* TRANSLATORS: why a black-list case was repaired or removed */
	{"ended_why", FT_TEXT, 500, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("why it ended")},
	{"created", FT_TIME, 20, MERGE_COUNTY, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
};

static const struct wg_option signer_role_options[] = {
	/* TRANSLATORS: whose signing key: the county office's own */
	{"county", N_("county office")},
	{"officer", N_("grid officer")},
	{NULL, NULL},
};

static const struct wg_option signer_status_options[] = {
	/* TRANSLATORS: a signing key in use */
	{"active", N_("in use")},
	/* TRANSLATORS: a signing key withdrawn (a lost or stolen laptop) */
	{"revoked", N_("revoked")},
	{NULL, NULL},
};

/* A signing key the county registered after comparing its fingerprint with
 * the person in person: whose, for which grid, and whether still in use.
 * Public data only; the private key never leaves the machine that made it.
 * A revoked key keeps verifying the work accepted before: accepted_tip is
 * the tip of its grid when it was revoked. */
static const struct wg_field signer_fields[] = {
	ID_FIELD,
	/* TRANSLATORS: the officer a signing key belongs to */
	{"holder", FT_REF, 32, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("holder")},
	{"role", FT_ENUM, 16, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, signer_role_options, N_("role")},
	{"grid", FT_CODE, 32, MERGE_ONCE, 0, CHECK_GRIDCODE, NULL, N_("grid")},
	{"name", FT_TEXT, 100, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("name")},
	/* TRANSLATORS: an Ed25519 public key, "ssh-ed25519 AAAA…" */
	{"public_key", FT_CODE, 100, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("public key")},
	/* TRANSLATORS: the short fingerprint of a key, read aloud to compare it */
	{"words", FT_CODE, 19, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("fingerprint")},
	{"status", FT_ENUM, 16, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, signer_status_options,
	 N_("status")},
	/* TRANSLATORS: when a signing key was registered */
	{"registered", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("registered")},
	/* TRANSLATORS: when a signing key was revoked */
	{"revoked", FT_TIME, 20, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("revoked")},
	{"reason", FT_TEXT, 200, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("reason")},
	{"accepted_tip", FT_CODE, 40, MERGE_COUNTY, FF_HIDDEN, CHECK_NONE, NULL,
	 N_("last accepted commit")},
};

/* A campaign (专项整治): tasks for every target entity in every grid. */
static const struct wg_field campaign_fields[] = {
	ID_FIELD,
	{"name", FT_TEXT, 100, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("name")},
	{"starts", FT_DATE, 10, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("starts")},
	{"ends", FT_DATE, 10, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("ends")},
	/* TRANSLATORS: the entity categories a campaign is aimed at */
	{"targets", FT_TEXT, 200, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("target categories")},
	/* TRANSLATORS: how many entities were named one by one as a campaign's targets */
	{"listed", FT_INT, 7, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("entities listed")},
	{"checklist", FT_TEXT, 60, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("checklist")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
};

/* ---- administrative penalty cases (行政处罚案件): made and changed by the
 * county only; a grid branch carries them so that the case stays with the
 * entity's record, and an officer's bundle that makes or changes one is
 * refused at import (merge.c, county_made). ---- */

static const struct wg_option case_procedure_options[] = {
	/* TRANSLATORS: 一般程序 of an administrative penalty case */
	{"general", N_("general procedure")},
	/* TRANSLATORS: 简易程序 (当场处罚) */
	{"summary", N_("summary procedure")},
	{NULL, NULL},
};

static const struct wg_option party_type_options[] = {
	/* TRANSLATORS: the party of a penalty case is a natural person (公民) */
	{"person", N_("natural person")},
	/* TRANSLATORS: the party is a legal person or other organisation */
	{"org", N_("organisation")},
	{NULL, NULL},
};

/* The stages in the order a case advances. */
static const struct wg_option case_stage_options[] = {
	/* TRANSLATORS: stage of a penalty case: 立案 */
	{"filed", N_("filed")},
	/* TRANSLATORS: stage: 调查取证 */
	{"investigating", N_("investigating")},
	/* TRANSLATORS: stage: 告知 (事先告知) */
	{"notified", N_("party notified")},
	/* TRANSLATORS: stage: 陈述申辩 / 听证 done */
	{"heard", N_("statement or hearing done")},
	/* TRANSLATORS: stage: 法制审核 done */
	{"reviewed", N_("legal review done")},
	/* TRANSLATORS: stage: 决定 */
	{"decided", N_("decided")},
	/* TRANSLATORS: stage: 送达 */
	{"served", N_("served")},
	/* TRANSLATORS: stage: 执行 (penalty carried out, fine paid) */
	{"executed", N_("carried out")},
	/* TRANSLATORS: stage: 结案 */
	{"closed", N_("closed")},
	{NULL, NULL},
};

static const struct wg_option penalty_options[] = {
	/* TRANSLATORS: kind of penalty: 警告 */
	{"warning", N_("warning")},
	/* TRANSLATORS: kind of penalty: 罚款 */
	{"fine", N_("fine")},
	/* TRANSLATORS: 没收违法所得、没收非法财物 (with a fine) */
	{"confiscation", N_("confiscation and fine")},
	/* TRANSLATORS: 责令停产停业 */
	{"suspension", N_("ordered to stop practice")},
	/* TRANSLATORS: 吊销许可证件 */
	{"revocation", N_("licence revoked")},
	{NULL, NULL},
};

static const struct wg_option hearing_options[] = {
	/* TRANSLATORS: the penalty gives no right to a hearing */
	{"none", N_("no right to a hearing")},
	/* TRANSLATORS: the party was told of the right to a hearing and may ask */
	{"offered", N_("hearing offered")},
	/* TRANSLATORS: the party asked for a hearing */
	{"requested", N_("hearing requested")},
	/* TRANSLATORS: the party did not ask for a hearing in time */
	{"waived", N_("no hearing asked for")},
	/* TRANSLATORS: the hearing was held */
	{"held", N_("hearing held")},
	{NULL, NULL},
};

static const struct wg_option factor_options[] = {
	/* TRANSLATORS: 裁量: 从轻 */
	{"lighter", N_("lighter")},
	/* TRANSLATORS: 裁量: 一般 (the ordinary band) */
	{"ordinary", N_("ordinary")},
	/* TRANSLATORS: 裁量: 从重 */
	{"heavier", N_("heavier")},
	/* TRANSLATORS: 裁量: 减轻 (below the lowest band) */
	{"mitigated", N_("mitigated")},
	{NULL, NULL},
};

static const struct wg_field case_fields[] = {
	ID_FIELD,
	{"grid", FT_CODE, 32, MERGE_ONCE, FF_REQUIRED, CHECK_GRIDCODE, NULL, N_("grid")},
	{"entity", FT_REF, 32, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("party")},
	/* TRANSLATORS: 文号 of a penalty case */
	{"number", FT_TEXT, 60, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("case number")},
	{"procedure", FT_ENUM, 16, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, case_procedure_options,
	 N_("procedure")},
	{"party_type", FT_ENUM, 16, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, party_type_options,
	 N_("party type")},
	{"violation", FT_TEXT, 16, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("violation code")},
	/* TRANSLATORS: 违法事实 */
	{"facts", FT_NOTE, 2000, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("facts")},
	{"inspectors", FT_REFS, 200, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("inspectors")},
	/* TRANSLATORS: the inspections whose records are the case's evidence */
	{"inspections", FT_REFS, 1000, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("linked inspections")},
	{"stage", FT_ENUM, 16, MERGE_STATUS, FF_REQUIRED, CHECK_NONE, case_stage_options, N_("stage")},
	/* TRANSLATORS: 立案日期 */
	{"filed", FT_DATE, 10, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("filed on")},
	/* TRANSLATORS: the head of the office who approved the filing (立案审批) */
	{"approved_by", FT_REF, 32, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("filing approved by")},
	{"decision_due", FT_DATE, 10, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("decision due")},
	{"notified", FT_DATE, 10, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("party notified on")},
	{"hearing_due", FT_DATE, 10, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("hearing request due")},
	{"hearing", FT_ENUM, 16, MERGE_COUNTY, 0, CHECK_NONE, hearing_options, N_("hearing")},
	{"penalty", FT_ENUM, 16, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, penalty_options, N_("penalty")},
	/* TRANSLATORS: the fine in yuan */
	{"fine", FT_INT, 9, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("fine (yuan)")},
	/* "code@version" of the discretion standard entry applied */
	{"discretion", FT_TEXT, 40, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("discretion standard")},
	{"factor", FT_ENUM, 16, MERGE_COUNTY, 0, CHECK_NONE, factor_options, N_("discretion applied")},
	{"factor_reason", FT_TEXT, 400, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("why")},
	{"decided", FT_DATE, 10, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("decided on")},
	/* TRANSLATORS: the head of the office who made the decision */
	{"decided_by", FT_REF, 32, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("decided by")},
	{"serve_due", FT_DATE, 10, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("service due")},
	{"served", FT_DATE, 10, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("served on")},
	{"pay_due", FT_DATE, 10, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("payment due")},
	{"paid", FT_DATE, 10, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("paid on")},
	/* TRANSLATORS: 加处罚款, in fen (1/100 yuan) */
	{"surcharge", FT_INT, 12, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("late-payment surcharge (fen)")},
	/* the re-inspection task a correction order made */
	{"recheck", FT_REF, 32, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("re-inspection task")},
	{"closed", FT_DATE, 10, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("closed on")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
};

static const struct wg_option case_step_options[] = {
	{"filed", N_("filed")},
	/* TRANSLATORS: a step of a case: evidence taken (证据) */
	{"evidence", N_("evidence")},
	/* TRANSLATORS: a step of a case: 询问笔录 */
	{"interview", N_("interview record")},
	/* TRANSLATORS: a step: 行政处罚事先告知 */
	{"notice", N_("advance notice")},
	/* TRANSLATORS: a step: 陈述申辩 heard */
	{"statement", N_("statement and defence")},
	/* TRANSLATORS: a step: the party asks for a hearing */
	{"hearing_request", N_("hearing request")},
	/* TRANSLATORS: a step: 听证 */
	{"hearing", N_("hearing")},
	/* TRANSLATORS: a step: 法制审核 */
	{"review", N_("legal review")},
	{"decision", N_("decision")},
	/* TRANSLATORS: a step: 送达 */
	{"service", N_("service")},
	/* TRANSLATORS: a step: the fine paid */
	{"payment", N_("payment")},
	{"close", N_("closing")},
	/* TRANSLATORS: a step: the decision published (信息公开) */
	{"publication", N_("publication")},
	/* TRANSLATORS: a step: the decision revoked (撤销) */
	{"revocation", N_("decision revoked")},
	/* TRANSLATORS: a step: the published decision withdrawn */
	{"withdrawal", N_("publication withdrawn")},
	{NULL, NULL},
};

/* One step of a case: what was done, by whom, when. */
static const struct wg_field case_step_fields[] = {
	ID_FIELD,
	{"grid", FT_CODE, 32, MERGE_ONCE, FF_REQUIRED, CHECK_GRIDCODE, NULL, N_("grid")},
	{"penalty_case", FT_REF, 32, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("case")},
	{"step", FT_ENUM, 16, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, case_step_options, N_("step")},
	/* TRANSLATORS: who did a step of a case */
	{"actors", FT_REFS, 200, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("by")},
	/* TRANSLATORS: the day a step of a case took place */
	{"day", FT_DATE, 10, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("on")},
	/* TRANSLATORS: the person questioned in a 询问笔录, or the other party of a step */
	{"person", FT_TEXT, 100, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("person")},
	{"text", FT_NOTE, 4000, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("record")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
};

/* County reference data: the 裁量基准 (discretion standard) file, one record
 * per version, as the calendar. */
static const struct wg_field discretion_fields[] = {
	ID_FIELD,
	{"version", FT_INT, 6, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("version")},
	/* TRANSLATORS: the published standard a discretion file follows */
	{"source", FT_TEXT, 200, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("standard")},
	{"body", FT_NOTE, 16000, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("text")},
	{"recorded_by", FT_TEXT, 100, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("recorded by")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
};

/* ---- 协管信息报告: a clue a grid officer found and reported (国家基本公共卫生
 * 服务规范 第三版, 卫生监督协管服务规范) ---- */


static const struct wg_option clue_status_options[] = {
	/* TRANSLATORS: a clue found, not reported yet */
	{"found", N_("found")},
	/* TRANSLATORS: a clue reported to the county */
	{"reported", N_("reported")},
	/* TRANSLATORS: a clue handed over to an inspector (线索移交) */
	{"handed_over", N_("handed over")},
	{"closed", N_("closed")},
	{NULL, NULL},
};

static const struct wg_field clue_fields[] = {
	ID_FIELD,
	{"grid", FT_CODE, 32, MERGE_ONCE, FF_REQUIRED, CHECK_GRIDCODE, NULL, N_("grid")},
	{"entity", FT_REF, 32, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("entity")},
	{"location", FT_TEXT, 200, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("location")},
	/* TRANSLATORS: 发现时间 */
	{"found", FT_TIME, 20, MERGE_PLAIN, FF_REQUIRED, CHECK_NONE, NULL, N_("found at")},
	/* TRANSLATORS: 信息类别. The categories are county rules (rules/report):
	 * the code is checked against the version in force on the day found. */
	{"category", FT_CODE, 20, MERGE_PLAIN, FF_REQUIRED, CHECK_RULECODE, NULL,
	 N_("information category")},
	/* TRANSLATORS: 信息内容 */
	{"content", FT_NOTE, 2000, MERGE_PLAIN, FF_REQUIRED, CHECK_NONE, NULL, N_("information")},
	/* TRANSLATORS: 报告时间 */
	{"reported", FT_TIME, 20, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("reported at")},
	/* TRANSLATORS: 报告人 */
	{"reporter", FT_REF, 32, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("reported by")},
	/* the patrol it was found on */
	{"inspection", FT_REF, 32, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("patrol")},
	{"status", FT_ENUM, 16, MERGE_STATUS, FF_REQUIRED, CHECK_NONE, clue_status_options, N_("status")},
	/* the inspector's task the county made (线索移交) */
	{"task", FT_REF, 32, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("task")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
};

/* ---- 执业人员: the practitioners of an entity, and notices of points ---- */

static const struct wg_option staff_kind_options[] = {
	/* TRANSLATORS: 执业医师 */
	{"physician", N_("licensed physician")},
	/* TRANSLATORS: 执业助理医师 */
	{"assistant", N_("licensed assistant physician")},
	/* TRANSLATORS: 护士 */
	{"nurse", N_("nurse")},
	/* TRANSLATORS: 乡村医生 */
	{"village_doctor", N_("village doctor")},
	/* TRANSLATORS: 药师 */
	{"pharmacist", N_("pharmacist")},
	/* TRANSLATORS: 医技人员 */
	{"technician", N_("medical technician")},
	/* TRANSLATORS: 其他卫生技术人员 */
	{"other", N_("other health professional")},
	{NULL, NULL},
};

static const struct wg_option staff_status_options[] = {
	/* TRANSLATORS: a practitioner working at the entity (在岗) */
	{"active", N_("on duty")},
	/* TRANSLATORS: a practitioner who has left the entity (离岗) */
	{"left", N_("left")},
	{NULL, NULL},
};

/* A practitioner (执业人员) of an entity, as registered: the certificate
 * (执业证书) and its expiry, the registered practice place (执业地点) and scope
 * (执业范围). The ID number is the county's alone (FF_COUNTY_ONLY). */
static const struct wg_field staff_fields[] = {
	ID_FIELD,
	{"grid", FT_CODE, 32, MERGE_ONCE, FF_REQUIRED, CHECK_GRIDCODE, NULL, N_("grid")},
	{"entity", FT_REF, 32, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("entity")},
	{"name", FT_TEXT, 40, MERGE_PLAIN, FF_REQUIRED, CHECK_NONE, NULL, N_("name")},
	/* TRANSLATORS: the kind of a practitioner: 执业医师, 护士, 乡村医生... */
	{"kind", FT_ENUM, 16, MERGE_PLAIN, FF_REQUIRED, CHECK_NONE, staff_kind_options,
	 N_("practitioner kind")},
	/* TRANSLATORS: 执业证书编号 */
	{"cert", FT_TEXT, 40, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("certificate number")},
	/* TRANSLATORS: the day a practitioner's certificate (or registration) expires */
	{"cert_expiry", FT_DATE, 10, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("certificate expiry")},
	/* TRANSLATORS: 执业地点: where a practitioner is registered to practise */
	{"place", FT_TEXT, 200, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("registered practice place")},
	/* TRANSLATORS: 执业范围: what a practitioner is registered to practise */
	{"scope", FT_TEXT, 200, MERGE_PLAIN, 0, CHECK_NONE, NULL, N_("registered practice scope")},
	/* the county's alone: an officer's bundle that sets it is refused */
	{"idcard", FT_CODE, 18, MERGE_COUNTY, FF_PERSONAL | FF_COUNTY_ONLY, CHECK_IDCARD, NULL,
	 N_("ID card number")},
	{"status", FT_ENUM, 16, MERGE_STATUS, FF_REQUIRED, CHECK_NONE, staff_status_options,
	 N_("status")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
};

static const struct wg_option notice_status_options[] = {
	/* TRANSLATORS: a notice of points: told, the answer period runs */
	{"noticed", N_("notified, answer period")},
	/* TRANSLATORS: a notice of points: the party answered; the county decides */
	{"answered", N_("answered, to decide")},
	/* TRANSLATORS: a notice of points: the points are final */
	{"final", N_("final")},
	/* TRANSLATORS: a notice of points: the points were dropped after the answer */
	{"withdrawn", N_("withdrawn")},
	{NULL, NULL},
};

/* 记分告知: the county tells the institution (or a practitioner) of the points
 * a finding carries before they become final; the party may answer within a
 * period. Points under notice count once final: after the period without an
 * answer, or on the county's decision. With staff set the points attach to
 * that practitioner. A county act. */
static const struct wg_field notice_fields[] = {
	ID_FIELD,
	{"grid", FT_CODE, 32, MERGE_ONCE, FF_REQUIRED, CHECK_GRIDCODE, NULL, N_("grid")},
	{"finding", FT_REF, 32, MERGE_ONCE, FF_REQUIRED, CHECK_NONE, NULL, N_("finding")},
	/* TRANSLATORS: the practitioner the points of a notice attach to */
	{"staff", FT_REF, 32, MERGE_ONCE, 0, CHECK_NONE, NULL, N_("practitioner")},
	/* TRANSLATORS: the day the party was told of the points */
	{"noticed", FT_DATE, 10, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL, N_("notified on")},
	/* TRANSLATORS: the last day on which the party may answer a notice */
	{"answer_until", FT_DATE, 10, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, NULL,
	 N_("answers until")},
	/* TRANSLATORS: what the party said in answer to a notice of points */
	{"answer", FT_NOTE, 2000, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("answer")},
	{"answered", FT_DATE, 10, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("answered on")},
	{"status", FT_ENUM, 16, MERGE_COUNTY, FF_REQUIRED, CHECK_NONE, notice_status_options,
	 N_("status")},
	/* TRANSLATORS: the day the county decided on a notice of points */
	{"decided", FT_DATE, 10, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("decided on")},
	/* TRANSLATORS: why the county made points final or dropped them */
	{"reason", FT_TEXT, 500, MERGE_COUNTY, 0, CHECK_NONE, NULL, N_("reason")},
	{"created", FT_TIME, 20, MERGE_ONCE, FF_REQUIRED | FF_HIDDEN, CHECK_NONE, NULL, N_("created")},
};

#define KIND(var, nm, br, flds, lbl, gridf) \
	const struct wg_kind var = {nm, br, flds, NELEM(flds), lbl, gridf, false}
#define KIND_COUNTY_MADE(var, nm, br, flds, lbl, gridf) \
	const struct wg_kind var = {nm, br, flds, NELEM(flds), lbl, gridf, true}

KIND(wg_kind_county, "county", BRANCH_COMMON, county_fields, N_("county"), -1);
KIND(wg_kind_township, "township", BRANCH_COMMON, township_fields, N_("township"), -1);
KIND(wg_kind_grid, "grid", BRANCH_COMMON, grid_fields, N_("grid"), -1);
KIND(wg_kind_officer, "officer", BRANCH_COMMON, officer_fields, N_("officer"), -1);
KIND(wg_kind_entity, "entity", BRANCH_GRID, entity_fields, N_("entity"), 1);
KIND(wg_kind_task, "task", BRANCH_GRID, task_fields, N_("task"), 1);
KIND(wg_kind_inspection, "inspection", BRANCH_GRID, inspection_fields, N_("inspection"), 1);
KIND(wg_kind_complaint, "complaint", BRANCH_GRID, complaint_fields, N_("complaint"), 1);
KIND(wg_kind_checklist, "checklist", BRANCH_COMMON, checklist_fields, N_("checklist"), -1);
KIND(wg_kind_result, "result", BRANCH_GRID, result_fields, N_("item result"), 1);
KIND(wg_kind_finding, "finding", BRANCH_GRID, finding_fields, N_("finding"), 1);
KIND(wg_kind_evidence, "evidence", BRANCH_GRID, evidence_fields, N_("evidence"), 1);
KIND(wg_kind_recusal, "recusal", BRANCH_COMMON, recusal_fields, N_("declared recusal"), -1);
KIND(wg_kind_draw, "draw", BRANCH_COMMON, draw_fields, N_("random draw"), -1);
KIND(wg_kind_campaign, "campaign", BRANCH_COMMON, campaign_fields, N_("campaign"), -1);
KIND(wg_kind_calendar, "calendar", BRANCH_COMMON, calendar_fields, N_("holiday calendar"), -1);
KIND(wg_kind_signer, "signer", BRANCH_COMMON, signer_fields, N_("signing key"), -1);
KIND(wg_kind_rules, "rules", BRANCH_COMMON, rules_fields, N_("county rules"), -1);
KIND(wg_kind_recompute, "recompute", BRANCH_COMMON, recompute_fields, N_("recompute"), -1);
KIND(wg_kind_blacklist, "blacklist", BRANCH_GRID, blacklist_fields, N_("black-list case"), 1);
KIND_COUNTY_MADE(wg_kind_penalty, "penalty", BRANCH_GRID, case_fields, N_("penalty case"), 1);
KIND_COUNTY_MADE(wg_kind_penalty_step, "penalty_step", BRANCH_GRID, case_step_fields, N_("case step"), 1);
KIND(wg_kind_discretion, "discretion", BRANCH_COMMON, discretion_fields, N_("discretion standard"), -1);
KIND(wg_kind_clue, "clue", BRANCH_GRID, clue_fields, N_("reported clue"), 1);
KIND(wg_kind_staff, "staff", BRANCH_GRID, staff_fields, N_("practitioner"), 1);
KIND_COUNTY_MADE(wg_kind_notice, "notice", BRANCH_GRID, notice_fields, N_("notice of points"), 1);

const struct wg_kind *const wg_kinds[] = {
	&wg_kind_county, &wg_kind_township, &wg_kind_grid, &wg_kind_officer,
	&wg_kind_entity, &wg_kind_task, &wg_kind_inspection, &wg_kind_complaint,
	&wg_kind_checklist, &wg_kind_result, &wg_kind_finding, &wg_kind_evidence,
	&wg_kind_recusal, &wg_kind_draw, &wg_kind_campaign, &wg_kind_calendar,
	&wg_kind_signer, &wg_kind_rules, &wg_kind_recompute, &wg_kind_blacklist,
	&wg_kind_penalty, &wg_kind_penalty_step, &wg_kind_discretion, &wg_kind_clue,
	&wg_kind_staff, &wg_kind_notice,
};
const size_t wg_nkinds = NELEM(wg_kinds);

const struct wg_kind *wg_kind_find(const char *name)
{
	for (size_t i = 0; i < wg_nkinds; i++)
		if (strcmp(wg_kinds[i]->name, name) == 0)
			return wg_kinds[i];
	return NULL;
}

int wg_field_index(const struct wg_kind *kind, const char *name)
{
	for (size_t i = 0; i < kind->nfields; i++)
		if (strcmp(kind->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

const struct wg_field *wg_field_find(const struct wg_kind *kind, const char *name)
{
	int i = wg_field_index(kind, name);
	return i < 0 ? NULL : &kind->fields[i];
}

const char *wg_option_label(const struct wg_field *f, const char *option)
{
	if (f->options)
		for (const struct wg_option *o = f->options; o->value; o++)
			if (strcmp(o->value, option) == 0)
				return _(o->label);
	return option;
}

/* ---- categories ---- */

const struct wg_category wg_categories[] = {
	{"A100", N_("general hospital"), "hospital"},
	{"A500", N_("specialised hospital"), "hospital"},
	{"B100", N_("community health centre"), "hospital"},
	{"B200", N_("community health station"), "clinic"},
	{"C210", N_("town health centre"), "hospital"},
	{"C220", N_("township health centre"), "hospital"},
	{"D100", N_("outpatient department"), "clinic"},
	{"D211", N_("clinic"), "clinic"},
	{"D212", N_("TCM clinic"), "clinic"},
	{"D213", N_("dental clinic"), "clinic"},
	{"D600", N_("village health room"), "clinic"},
	{"P100", N_("pharmacy"), "pharmacy"},
	{"H110", N_("hotel"), "public_place"},
	{"H120", N_("bathhouse"), "public_place"},
	{"H130", N_("barber and beauty shop"), "public_place"},
	{"H140", N_("swimming pool"), "public_place"},
	{"S100", N_("school"), "school"},
	{"S200", N_("kindergarten and nursery"), "school"},
	{"W100", N_("central water supply"), "water"},
	{"W200", N_("secondary water supply"), "water"},
	{"V100", N_("vaccination clinic"), "vaccination"},
	{"E100", N_("care home for the elderly"), "elderly"},
	{"X100", N_("suspected unlicensed practice"), "illegal"},
};
const size_t wg_ncategories = NELEM(wg_categories);

const struct wg_category *wg_category_find(const char *code)
{
	for (size_t i = 0; i < wg_ncategories; i++)
		if (strcmp(wg_categories[i].code, code) == 0)
			return &wg_categories[i];
	return NULL;
}

/* ---- value checks ---- */

static bool option_valid(const struct wg_field *f, const char *v)
{
	for (const struct wg_option *o = f->options; o && o->value; o++)
		if (strcmp(o->value, v) == 0)
			return true;
	return false;
}

static int check_refs(const char *v)
{
	/* "id,id,..." strictly ascending: one spelling per set. */
	const char *prev = NULL;
	const char *p = v;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		char id[WG_ID_HEXLEN + 1];
		if (n != WG_ID_HEXLEN)
			return -1;
		memcpy(id, p, n);
		id[n] = '\0';
		if (!wg_id_valid(id))
			return -1;
		if (prev && strncmp(prev, p, WG_ID_HEXLEN) >= 0)
			return -1;
		prev = p;
		p += n;
		if (comma) {
			p++;
			if (!*p)
				return -1;
		}
	}
	return 0;
}

int wg_field_check(const struct wg_field *f, const char *v, const char **warning, wg_error *err)
{
	/* Most values are ASCII (ids, codes, dates): valid UTF-8, one character
	 * a byte and none of them unsafe, without decoding them (a third of
	 * the checks' time, which the demo's 3 million values take) */
	size_t n = 0;
	bool ascii = true;
	for (; v[n]; n++)
		if ((unsigned char)v[n] >= 0x80)
			ascii = false;
	/* The label is translated only for a message: checks run for every value. */

	if (warning)
		*warning = NULL;
	if (!ascii && !utf8_valid(v, n))
		return wg_fail(err, WG_EINPUT, _("%s: the text is not valid UTF-8"), _(f->label));
	if (n == 0) {
		if (f->flags & FF_REQUIRED)
			return wg_fail(err, WG_EINPUT, _("%s: a value is required"), _(f->label));
		return WG_OK;
	}
	size_t chars = ascii ? n : utf8_length(v, n);
	if (chars > f->max_chars)
		return wg_fail(err, WG_EINPUT,
			       _("%s: too long (%zu characters, at most %u)"), _(f->label), chars,
			       f->max_chars);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c == '\n' && f->type == FT_NOTE)
			continue;
		if (c < 0x20 || c == 0x7f)
			return wg_fail(err, WG_EINPUT,
				       _("%s: contains a control character (byte 0x%02x)"), _(f->label), c);
	}
	/* C1 controls and bidirectional overrides: invisible, and they can make a
	 * name read backwards on a screen or a printed form */
	for (size_t i = 0; i < n && !ascii;) {
		uint32_t cp;
		i += utf8_decode(v + i, n - i, &cp);
		if (cp >= 0x80 && cp_unsafe(cp))
			return wg_fail(err, WG_EINPUT,
				       _("%s: contains an invisible control character (U+%04X)"),
				       _(f->label), (unsigned)cp);
	}
	if (v[0] == ' ' || v[n - 1] == ' ' || v[n - 1] == '\n' || v[0] == '\n')
		return wg_fail(err, WG_EINPUT, _("%s: starts or ends with a space"), _(f->label));

	switch (f->type) {
	case FT_TEXT:
	case FT_NOTE:
		return WG_OK;
	case FT_ID:
	case FT_REF:
		if (!wg_id_valid(v))
			return wg_fail(err, WG_EINPUT, _("%s: not a record id (32 hex digits)"), _(f->label));
		return WG_OK;
	case FT_REFS:
		if (check_refs(v) != 0)
			return wg_fail(err, WG_EINPUT,
				       _("%s: not a sorted, comma-separated list of record ids"), _(f->label));
		return WG_OK;
	case FT_ENUM:
		if (!option_valid(f, v))
			return wg_fail(err, WG_EINPUT, _("%s: \"%s\" is not one of the allowed values"),
				       _(f->label), v);
		return WG_OK;
	case FT_DATE:
		if (!wg_date_valid(v))
			return wg_fail(err, WG_EINPUT, _("%s: not a date of the form 2026-01-31"), _(f->label));
		return WG_OK;
	case FT_TIME: {
		time_t t;
		if (!wg_timestamp_parse(v, &t))
			return wg_fail(err, WG_EINPUT,
				       _("%s: not a time of the form 2026-01-31T08:00:00Z"), _(f->label));
		return WG_OK;
	}
	case FT_INT:
		for (size_t i = 0; i < n; i++)
			if (v[i] < '0' || v[i] > '9')
				return wg_fail(err, WG_EINPUT, _("%s: not a whole number"), _(f->label));
		if (n > 1 && v[0] == '0')
			return wg_fail(err, WG_EINPUT, _("%s: a number may not start with 0"), _(f->label));
		return WG_OK;
	case FT_CODE:
		break;
	}

	switch (f->check) {
	case CHECK_NONE:
		return WG_OK;
	case CHECK_USCC:
		return wg_check_uscc(v, warning, err);
	case CHECK_IDCARD:
		return wg_check_idcard(v, err);
	case CHECK_MOBILE:
		return wg_check_phone(v, err);
	case CHECK_REGION:
		return wg_check_region(v, err);
	case CHECK_LICENCE:
		return wg_check_licence(v, err);
	case CHECK_GRIDCODE:
		return wg_check_gridcode(v, err);
	case CHECK_RULECODE:
		if (n < 1 || n > 20 || strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_-") != n ||
		    v[0] < 'a' || v[0] > 'z')
			return wg_fail(err, WG_EINPUT,
				       _("%s: not a code (a-z, 0-9, _ and -, starting with a letter)"),
				       _(f->label));
		return WG_OK;
	case CHECK_CATEGORY:
		if (!wg_category_find(v))
			return wg_fail(err, WG_EINPUT, _("%s: unknown category \"%s\""), _(f->label), v);
		return WG_OK;
	case CHECK_BLOBID:
		if (n != 40 || strspn(v, "0123456789abcdef") != 40)
			return wg_fail(err, WG_EINPUT, _("%s: not a content hash (40 hex digits)"), _(f->label));
		return WG_OK;
	}
	return WG_OK;
}
