#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casedoc.h"
#include "db.h"
#include "html.h"
#include "i18n.h"
#include "penalty.h"
#include "print.h"
#include "query.h"
#include "schema.h"
#include "timeutil.h"
#include "workspace.h"

struct doc_ctx {
	sqlite3 *db;
	wg_record *c, *entity;
	wg_records steps;
	wg_discretion *disc;
	const struct wg_discretion_entry *entry;
	char *county;
	strbuf inspectors; /* "张三（证号 X）、李四（证号 Y）" */
	strbuf *html;
};

static void esc(strbuf *out, const char *s)
{
	wg_html_escape(out, s ? s : "", WG_HTML_BREAKS);
}

/* "张三（执法证号 X）、李四（执法证号 Y）" */
static int names_with_certs(sqlite3 *db, const char *refs, strbuf *out, wg_error *err)
{
	wg_records o = {0};
	const char *p[] = {refs};
	int rc = wg_select(db, &wg_kind_officer, "instr(',' || ?1 || ',', ',' || id || ',') > 0",
			   "name, id", p, 1, &o, err);
	for (size_t i = 0; i < o.n; i++) {
		const char *cert = wg_record_get(o.v[i], "cert");
		sb_addf(out, "%s%s", i ? "、" : "", wg_record_get(o.v[i], "name"));
		if (*cert)
			sb_addf(out, "（执法证号 %s）", cert);
	}
	wg_records_free(&o);
	return rc;
}

static void row(struct doc_ctx *x, const char *label, const char *field, const char *value)
{
	sb_adds(x->html, "<tr><th>");
	esc(x->html, label);
	sb_addf(x->html, "</th><td data-field=\"%s\">", field);
	esc(x->html, value);
	sb_adds(x->html, "</td></tr>\n");
}

static void table_open(struct doc_ctx *x)
{
	sb_adds(x->html, "<table>\n");
}

static void table_close(struct doc_ctx *x)
{
	sb_adds(x->html, "</table>\n");
}

static void number_line(struct doc_ctx *x)
{
	sb_adds(x->html, "<p class=\"meta\" style=\"text-align:right\">");
	esc(x->html, wg_record_get(x->c, "number"));
	sb_adds(x->html, "</p>\n");
}

static void sign_lines(struct doc_ctx *x, const char *const *who)
{
	sb_adds(x->html, "<div class=\"sign\">\n");
	for (; *who; who++) {
		esc(x->html, *who);
		sb_adds(x->html, "：<span></span>　　日期：<span></span><br>\n");
	}
	sb_adds(x->html, "</div>\n");
}

static void seal(struct doc_ctx *x, const char *date)
{
	sb_adds(x->html, "<p class=\"meta\" style=\"text-align:right\">");
	esc(x->html, x->county);
	sb_adds(x->html, "卫生健康局（印章）<br>");
	esc(x->html, date);
	sb_adds(x->html, "</p>\n");
}

static void party_rows(struct doc_ctx *x)
{
	row(x, "当事人", "party", wg_record_get(x->entity, "name"));
	row(x, "地址", "address", wg_record_get(x->entity, "address"));
	row(x, "法定代表人（负责人）", "legal_rep", wg_record_get(x->entity, "legal_rep"));
	row(x, "统一社会信用代码", "uscc", wg_record_get(x->entity, "uscc"));
}

static const char *penalty_text(const wg_record *c, char *buf, size_t n)
{
	const char *p = wg_record_get(c, "penalty");
	const char *fine = wg_record_get(c, "fine");
	if (strcmp(p, "warning") == 0)
		snprintf(buf, n, "警告");
	else if (strcmp(p, "fine") == 0)
		snprintf(buf, n, "罚款人民币%s元", fine);
	else if (strcmp(p, "confiscation") == 0)
		snprintf(buf, n, "没收违法所得、非法财物，并处罚款人民币%s元", fine);
	else if (strcmp(p, "suspension") == 0)
		snprintf(buf, n, "责令停止执业活动%s%s%s", *fine ? "，并处罚款人民币" : "", fine,
			 *fine ? "元" : "");
	else
		snprintf(buf, n, "吊销许可证件%s%s%s", *fine ? "，并处罚款人民币" : "", fine,
			 *fine ? "元" : "");
	return buf;
}

static const char *factor_zh(const char *f)
{
	return strcmp(f, "lighter") == 0     ? "从轻"
	       : strcmp(f, "heavier") == 0   ? "从重"
	       : strcmp(f, "mitigated") == 0 ? "减轻"
	       : strcmp(f, "ordinary") == 0  ? "一般"
					     : "";
}

static const wg_record *step_of(struct doc_ctx *x, const char *step)
{
	const wg_record *last = NULL;
	for (size_t i = 0; i < x->steps.n; i++)
		if (strcmp(wg_record_get(x->steps.v[i], "step"), step) == 0)
			last = x->steps.v[i];
	return last;
}

static int need(struct doc_ctx *x, const char *field, const char *what, wg_error *err)
{
	if (*wg_record_get(x->c, field))
		return WG_OK;
	return wg_fail(err, WG_EINPUT, _("case %s has no %s yet"), wg_record_get(x->c, "number"),
		       what);
}

/* 现场笔录: from the case's linked inspections. */
static int doc_scene(struct doc_ctx *x, wg_error *err)
{
	const char *links = wg_record_get(x->c, "inspections");
	if (!*links)
		return wg_fail(err, WG_EINPUT,
			       _("case %s links no inspection: its scene record is the inspection's "
				 "(wangge print inspection ID)"), wg_record_get(x->c, "number"));
	char first[WG_ID_BUFSIZE];
	snprintf(first, sizeof first, "%.32s", links);
	wg_record *insp;
	int rc = wg_db_load(x->db, &wg_kind_inspection, first, &insp, err);
	if (rc)
		return rc;
	strbuf names = STRBUF_INIT;
	char when[64];
	wg_timestamp_display(wg_record_get(insp, "started"), when, sizeof when);
	rc = wg_print_officer_names(x->db, wg_record_get(insp, "inspectors"), &names, err);
	if (rc == WG_OK) {
		wg_print_head(x->html, "现场笔录", false);
		number_line(x);
		table_open(x);
		party_rows(x);
		row(x, "检查时间", "time", when);
		row(x, "检查地点", "place", wg_record_get(x->entity, "address"));
		row(x, "执法人员及执法证件号", "inspectors", sb_str(&x->inspectors));
		row(x, "出示证件", "credentials", "执法人员已向当事人出示执法证件，告知检查事由及申请回避的权利");
		row(x, "现场检查情况", "findings", *wg_record_get(insp, "summary")
							     ? wg_record_get(insp, "summary")
							     : wg_record_get(x->c, "facts"));
		table_close(x);
		const char *who[] = {"当事人（签名）", "执法人员（签名）", "记录人（签名）", NULL};
		sign_lines(x, who);
		wg_print_foot(x->html);
	}
	sb_release(&names);
	wg_record_free(insp);
	return rc;
}

static int doc_interview(struct doc_ctx *x, wg_error *err)
{
	const wg_record *s = step_of(x, "interview");
	if (!s)
		return wg_fail(err, WG_EINPUT, _("case %s has no interview record yet"),
			       wg_record_get(x->c, "number"));
	strbuf by = STRBUF_INIT;
	int rc = names_with_certs(x->db, wg_record_get(s, "actors"), &by, err);
	if (rc == WG_OK) {
		wg_print_head(x->html, "询问笔录", false);
		number_line(x);
		table_open(x);
		row(x, "询问时间", "time", wg_record_get(s, "day"));
		row(x, "询问地点", "place", wg_record_get(x->entity, "address"));
		row(x, "被询问人", "person", wg_record_get(s, "person"));
		row(x, "工作单位", "party", wg_record_get(x->entity, "name"));
		row(x, "询问人", "inspectors", sb_str(&by));
		row(x, "告知", "credentials", "执法人员已出示执法证件，告知被询问人应当如实回答询问、协助调查，并有申请回避的权利");
		row(x, "询问内容", "content", wg_record_get(s, "text"));
		table_close(x);
		const char *who[] = {"被询问人（签名）", "询问人（签名）", "记录人（签名）", NULL};
		sign_lines(x, who);
		wg_print_foot(x->html);
	}
	sb_release(&by);
	return rc;
}

static int doc_opinion(struct doc_ctx *x, wg_error *err)
{
	(void)err;
	wg_print_head(x->html, "卫生监督意见书", false);
	number_line(x);
	table_open(x);
	party_rows(x);
	row(x, "监督检查情况", "facts", wg_record_get(x->c, "facts"));
	char buf[400];
	snprintf(buf, sizeof buf, "依据%s，请你单位立即改正上述问题。",
		 x->entry ? x->entry->basis : "有关卫生法律法规");
	row(x, "监督意见", "opinion", buf);
	row(x, "卫生监督员", "inspectors", sb_str(&x->inspectors));
	table_close(x);
	const char *who[] = {"当事人（签收）", "卫生监督员（签名）", NULL};
	sign_lines(x, who);
	seal(x, wg_record_get(x->c, "filed"));
	wg_print_foot(x->html);
	return WG_OK;
}

static int doc_correction(struct doc_ctx *x, wg_error *err)
{
	int rc;
	if ((rc = need(x, "recheck", "order to correct", err)))
		return rc;
	wg_record *t;
	if ((rc = wg_db_load(x->db, &wg_kind_task, wg_record_get(x->c, "recheck"), &t, err)))
		return rc;
	wg_print_head(x->html, "责令改正通知书", false);
	number_line(x);
	table_open(x);
	party_rows(x);
	row(x, "违法事实", "facts", wg_record_get(x->c, "facts"));
	row(x, "违反的规定", "basis", x->entry ? x->entry->basis : "");
	row(x, "改正期限", "deadline", wg_record_get(t, "due"));
	row(x, "改正要求", "requirement", "请于上述期限内改正违法行为，逾期不改正的，依法处理；我局将于期限届满后复查");
	table_close(x);
	seal(x, wg_record_get(x->c, "decided"));
	wg_print_foot(x->html);
	wg_record_free(t);
	return WG_OK;
}

static int doc_notice(struct doc_ctx *x, wg_error *err)
{
	int rc;
	if ((rc = need(x, "notified", "advance notice", err)))
		return rc;
	char pen[200];
	wg_print_head(x->html, "行政处罚事先告知书", false);
	number_line(x);
	table_open(x);
	party_rows(x);
	row(x, "违法事实", "facts", wg_record_get(x->c, "facts"));
	row(x, "证据", "evidence", *wg_record_get(x->c, "inspections") ? "现场笔录、询问笔录及案卷所附证据"
								     : "询问笔录及案卷所附证据");
	row(x, "处罚依据", "basis", x->entry ? x->entry->basis : "");
	row(x, "拟作出的行政处罚", "penalty", penalty_text(x->c, pen, sizeof pen));
	row(x, "陈述、申辩权", "statement_right",
	    "你（单位）有权进行陈述和申辩；请于陈述申辩期限内向我局提出，逾期视为放弃");
	bool right = strcmp(wg_record_get(x->c, "hearing"), "none") != 0;
	row(x, "听证权", "hearing_right", right ? "你（单位）有权要求举行听证" : "本案拟作出的处罚不适用听证程序");
	row(x, "陈述申辩（听证）期限", "deadline", wg_record_get(x->c, "hearing_due"));
	table_close(x);
	seal(x, wg_record_get(x->c, "notified"));
	wg_print_foot(x->html);
	return WG_OK;
}

static int doc_hearing(struct doc_ctx *x, wg_error *err)
{
	int rc;
	if ((rc = need(x, "notified", "advance notice", err)))
		return rc;
	if (strcmp(wg_record_get(x->c, "hearing"), "none") == 0)
		return wg_fail(err, WG_EINPUT,
			       _("the penalty proposed in case %s gives no right to a hearing: it has "
				 "no hearing notice"), wg_record_get(x->c, "number"));
	char pen[200];
	wg_print_head(x->html, "听证告知书", false);
	number_line(x);
	table_open(x);
	party_rows(x);
	row(x, "违法事实", "facts", wg_record_get(x->c, "facts"));
	row(x, "处罚依据", "basis", x->entry ? x->entry->basis : "");
	row(x, "拟作出的行政处罚", "penalty", penalty_text(x->c, pen, sizeof pen));
	row(x, "听证权利", "hearing_right", "依照《中华人民共和国行政处罚法》第六十三条、第六十四条，你（单位）有权要求举行听证");
	row(x, "提出听证要求的期限", "deadline", wg_record_get(x->c, "hearing_due"));
	row(x, "逾期后果", "consequence", "逾期未提出的，视为放弃听证权利");
	table_close(x);
	seal(x, wg_record_get(x->c, "notified"));
	wg_print_foot(x->html);
	return WG_OK;
}

static int doc_decision(struct doc_ctx *x, wg_error *err)
{
	int rc;
	if ((rc = need(x, "decided", "decision", err)))
		return rc;
	char pen[200], disc[600];
	wg_print_head(x->html, "行政处罚决定书", false);
	number_line(x);
	table_open(x);
	party_rows(x);
	row(x, "违法事实和证据", "facts", wg_record_get(x->c, "facts"));
	row(x, "处罚依据", "basis", x->entry ? x->entry->basis : "");
	snprintf(disc, sizeof disc, "%s：%s（%s）%s%s", x->disc ? x->disc->source : "",
		 wg_record_get(x->c, "discretion"), factor_zh(wg_record_get(x->c, "factor")),
		 *wg_record_get(x->c, "factor_reason") ? "，理由：" : "",
		 wg_record_get(x->c, "factor_reason"));
	row(x, "裁量基准适用", "discretion", disc);
	row(x, "行政处罚的种类和数额", "penalty", penalty_text(x->c, pen, sizeof pen));
	row(x, "履行方式和期限", "payment",
	    atol(wg_record_get(x->c, "fine")) > 0
		    ? "自收到本决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款；到期不缴纳的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款数额"
		    : "自收到本决定书之日起执行");
	row(x, "救济途径和期限", "remedy",
	    "如不服本决定，可以依法申请行政复议或者提起行政诉讼（期限依《中华人民共和国行政复议法》《中华人民共和国行政诉讼法》）");
	row(x, "执法人员", "inspectors", sb_str(&x->inspectors));
	row(x, "作出决定的日期", "decided", wg_record_get(x->c, "decided"));
	table_close(x);
	seal(x, wg_record_get(x->c, "decided"));
	wg_print_foot(x->html);
	return WG_OK;
}

static int doc_receipt(struct doc_ctx *x, wg_error *err)
{
	int rc;
	if ((rc = need(x, "decided", "decision", err)))
		return rc;
	const wg_record *s = step_of(x, "service");
	strbuf by = STRBUF_INIT;
	if (s && (rc = wg_print_officer_names(x->db, wg_record_get(s, "actors"), &by, err))) {
		sb_release(&by);
		return rc;
	}
	char what[200];
	snprintf(what, sizeof what, "行政处罚决定书（%s）", wg_record_get(x->c, "number"));
	wg_print_head(x->html, "送达回执", false);
	table_open(x);
	row(x, "送达文书名称及文号", "document", what);
	row(x, "受送达人", "party", wg_record_get(x->entity, "name"));
	row(x, "送达地点", "place", wg_record_get(x->entity, "address"));
	row(x, "送达方式", "method", "直接送达");
	row(x, "送达时间", "served", s ? wg_record_get(s, "day") : "");
	row(x, "签收人", "signed_by", s ? wg_record_get(s, "person") : "");
	row(x, "送达人", "served_by", sb_str(&by));
	table_close(x);
	const char *who[] = {"受送达人（签名）", "送达人（签名）", NULL};
	sign_lines(x, who);
	wg_print_foot(x->html);
	sb_release(&by);
	return WG_OK;
}

static int doc_closing(struct doc_ctx *x, wg_error *err)
{
	int rc;
	if ((rc = need(x, "closed", "closing", err)))
		return rc;
	char pen[200], done[200];
	const char *sur = wg_record_get(x->c, "surcharge");
	long long fen = atoll(sur);
	if (*wg_record_get(x->c, "paid"))
		snprintf(done, sizeof done, "罚款已于%s缴纳%s%lld.%02lld%s", wg_record_get(x->c, "paid"),
			 *sur ? "，加处罚款" : "", *sur ? fen / 100 : 0, *sur ? fen % 100 : 0,
			 *sur ? "元" : "");
	else
		snprintf(done, sizeof done, "决定书已于%s送达，处罚已执行", wg_record_get(x->c, "served"));
	if (!*sur && *wg_record_get(x->c, "paid"))
		snprintf(done, sizeof done, "罚款已于%s缴纳", wg_record_get(x->c, "paid"));
	const wg_record *s = step_of(x, "close");
	strbuf by = STRBUF_INIT;
	if (s && (rc = wg_print_officer_names(x->db, wg_record_get(s, "actors"), &by, err))) {
		sb_release(&by);
		return rc;
	}
	wg_print_head(x->html, "结案报告", false);
	number_line(x);
	table_open(x);
	row(x, "案由", "cause", x->entry ? x->entry->text : wg_record_get(x->c, "violation"));
	row(x, "当事人", "party", wg_record_get(x->entity, "name"));
	row(x, "立案日期", "filed", wg_record_get(x->c, "filed"));
	row(x, "处罚决定", "penalty", penalty_text(x->c, pen, sizeof pen));
	row(x, "决定日期", "decided", wg_record_get(x->c, "decided"));
	row(x, "执行情况", "execution", done);
	row(x, "结案日期", "closed", wg_record_get(x->c, "closed"));
	row(x, "承办人", "inspectors", sb_str(&x->inspectors));
	row(x, "审批人", "approved_by", sb_str(&by));
	table_close(x);
	const char *who[] = {"承办人（签名）", "负责人审批（签名）", NULL};
	sign_lines(x, who);
	wg_print_foot(x->html);
	sb_release(&by);
	return WG_OK;
}

int wg_patrol_opinion_print(wg_workspace *ws, const char *id, strbuf *html, wg_error *err)
{
	struct doc_ctx x = {.db = ws->db, .html = html, .inspectors = STRBUF_INIT};
	wg_record *insp = NULL;
	wg_records found = {0};
	strbuf facts = STRBUF_INIT;
	bool allowed = ws->role == ROLE_COUNTY;
	int rc;
	if (!allowed && (rc = wg_county_officer_opinion(ws->db, &allowed, err)))
		return rc;
	if (!allowed)
		return wg_fail(err, WG_EINPUT,
			       _("the county has not let grid officers issue a health supervision "
				 "opinion (卫生监督意见书): that is an inspector's act; what the patrol "
				 "found went to the county as a clue (the county's rule value "
				 "officer_opinion)"));
	if ((rc = wg_db_load(ws->db, &wg_kind_inspection, id, &insp, err)))
		return rc;
	if (strcmp(wg_record_get(insp, "kind"), "patrol") != 0 ||
	    strcmp(wg_record_get(insp, "status"), "signed") != 0) {
		rc = wg_fail(err, WG_EINPUT,
			     _("%.8s is not a signed patrol: an opinion is printed from a patrol "
			       "once it is signed"), id);
		goto out;
	}
	const char *p[] = {id};
	if ((rc = wg_select(ws->db, &wg_kind_finding, "inspection = ?1", "item", p, 1, &found, err)))
		goto out;
	if (!found.n) {
		rc = wg_fail(err, WG_EINPUT,
			     _("patrol %.8s found no problem: there is nothing to give an opinion on"),
			     id);
		goto out;
	}
	if ((rc = wg_db_load(ws->db, &wg_kind_entity, wg_record_get(insp, "entity"), &x.entity,
			     err)) ||
	    (rc = names_with_certs(ws->db, wg_record_get(insp, "inspectors"), &x.inspectors, err)))
		goto out;
	/* a finding's text is the requirement its item states: the document
	 * says it was not met, as the register does, with the officer's note */
	for (size_t i = 0; i < found.n; i++) {
		const char *note = wg_record_get(found.v[i], "note");
		sb_addf(&facts, "%s不符合：%s%s%s", i ? "\n" : "", wg_record_get(found.v[i], "text"),
			*note ? "；" : "", note);
	}
	char date[WG_DATE_LEN + 1] = "";
	time_t t;
	if (wg_timestamp_parse(wg_record_get(insp, "signed"), &t))
		wg_date_of(t, date);
	if ((rc = wg_query_text(ws->db, "SELECT name FROM county LIMIT 1", NULL, 0, &x.county, err)))
		goto out;
	wg_print_head(html, "卫生监督意见书", false);
	table_open(&x);
	party_rows(&x);
	row(&x, "检查日期", "date", date);
	row(&x, "巡查发现的问题", "facts", sb_str(&facts));
	row(&x, "监督意见", "opinion", "请你单位对上述问题立即改正，并接受县卫生监督所的核查。");
	row(&x, "卫生监督协管员", "inspectors", sb_str(&x.inspectors));
	table_close(&x);
	const char *who[] = {"当事人（签收）", "卫生监督协管员（签名）", NULL};
	sign_lines(&x, who);
	seal(&x, date);
	wg_print_foot(html);
out:
	sb_release(&facts);
	sb_release(&x.inspectors);
	free(x.county);
	wg_record_free(x.entity);
	wg_records_free(&found);
	wg_record_free(insp);
	return rc;
}

static const struct {
	const char *name;
	int (*make)(struct doc_ctx *x, wg_error *err);
} docs[] = {
	{"scene", doc_scene},           {"interview", doc_interview}, {"opinion", doc_opinion},
	{"correction", doc_correction}, {"notice", doc_notice},       {"hearing", doc_hearing},
	{"decision", doc_decision},     {"receipt", doc_receipt},     {"closing", doc_closing},
};

const char *wg_casedoc_names(void)
{
	return "scene, interview, opinion, correction, notice, hearing, decision, receipt, closing";
}

int wg_casedoc_print(sqlite3 *db, const char *id, const char *doc, strbuf *html, wg_error *err)
{
	struct doc_ctx x = {.db = db, .html = html, .inspectors = STRBUF_INIT};
	int (*make)(struct doc_ctx *, wg_error *) = NULL;
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
		if (strcmp(docs[i].name, doc) == 0)
			make = docs[i].make;
	if (!make)
		return wg_fail(err, WG_EINPUT, _("no document \"%s\": choose one of %s"), doc,
			       wg_casedoc_names());
	int rc;
	if ((rc = wg_db_load(db, &wg_kind_penalty, id, &x.c, err)) ||
	    (rc = wg_db_load(db, &wg_kind_entity, wg_record_get(x.c, "entity"), &x.entity, err)) ||
	    (rc = wg_penalty_steps(db, id, &x.steps, err)) ||
	    (rc = wg_discretion_open(db, &x.disc, err)))
		goto out;
	x.entry = wg_discretion_find(x.disc, wg_record_get(x.c, "violation"));
	if ((rc = wg_query_text(db, "SELECT name FROM county LIMIT 1", NULL, 0, &x.county, err)))
		goto out;
	if (!x.county)
		x.county = xstrdup("");
	/* the inspectors with their certificate numbers (art. 55: shown to the party) */
	if ((rc = names_with_certs(db, wg_record_get(x.c, "inspectors"), &x.inspectors, err)))
		goto out;
	size_t before = html->len;
	rc = make(&x, err);
	if (rc && html->buf) {
		html->len = before;
		html->buf[before] = '\0';
	}
out:
	sb_release(&x.inspectors);
	wg_record_free(x.c);
	wg_record_free(x.entity);
	wg_records_free(&x.steps);
	wg_discretion_free(x.disc);
	free(x.county);
	return rc;
}
