#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clue.h"
#include "db.h"
#include "html.h"
#include "i18n.h"
#include "inspection.h"
#include "print.h"
#include "query.h"
#include "rules.h"
#include "schema.h"
#include "summary.h"
#include "timeutil.h"

static void esc(strbuf *out, const char *s)
{
	wg_html_escape(out, s ? s : "", WG_HTML_BREAKS);
}

/* How a deadline on a printed form was set. The forms are the official
 * Chinese ones whatever the interface language, so the mark is Chinese too. */
static void deadline_mark(strbuf *html, const char *basis, const char *deadline)
{
	if (strcmp(basis, "provisional") == 0)
		sb_addf(html, "（暂定期限：尚无%.4s年法定节假日安排，按周一至周五计算）", deadline);
	else if (strcmp(basis, "by_hand") == 0)
		sb_adds(html, "（期限由检查人员确定）");
}

/* A finding's problem, with its note in brackets when there is one. */
static void finding_text(strbuf *html, const wg_record *f)
{
	esc(html, wg_record_get(f, "text"));
	if (*wg_record_get(f, "note")) {
		sb_adds(html, "（");
		esc(html, wg_record_get(f, "note"));
		sb_adds(html, "）");
	}
}

void wg_print_head(strbuf *h, const char *title, bool landscape)
{
	sb_adds(h, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	esc(h, title);
	sb_addf(h, "</title>\n<style>\n"
		"@page { size: A4 %s; margin: 15mm 12mm; }\n"
		"body { font-family: \"SimSun\", \"Songti SC\", \"Noto Serif CJK SC\", serif;"
		" font-size: 11pt; color: #000; }\n"
		"h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }\n"
		"p.meta { margin: 1mm 0; }\n"
		"table { width: 100%%; border-collapse: collapse; page-break-inside: auto; }\n"
		"tr { page-break-inside: avoid; }\n"
		"th, td { border: 1px solid #000; padding: 1.5mm; vertical-align: top; }\n"
		"th { font-weight: bold; text-align: center; }\n"
		"td.n { text-align: center; width: 8mm; }\n"
		".sign { margin-top: 10mm; line-height: 2.2; }\n"
		".sign span { display: inline-block; min-width: 45mm;"
		" border-bottom: 1px solid #000; }\n"
		"</style>\n</head>\n<body>\n", landscape ? "landscape" : "portrait");
	sb_adds(h, "<h1>");
	esc(h, title);
	sb_adds(h, "</h1>\n");
}

void wg_print_foot(strbuf *h)
{
	sb_adds(h, "</body>\n</html>\n");
}

static void date_of_stamp(const char *stamp, char out[WG_DATE_LEN + 1])
{
	time_t t;
	out[0] = '\0';
	if (wg_timestamp_parse(stamp, &t))
		wg_date_of(t, out);
}

/* "张三、李四" from a list of officer ids. */
int wg_print_officer_names(sqlite3 *db, const char *refs, strbuf *out, wg_error *err)
{
	wg_records r = {0};
	const char *p[] = {refs};
	int rc = wg_select(db, &wg_kind_officer, "instr(',' || ?1 || ',', ',' || id || ',') > 0",
			   "name, id", p, 1, &r, err);
	for (size_t i = 0; i < r.n; i++)
		sb_addf(out, "%s%s", i ? "、" : "", wg_record_get(r.v[i], "name"));
	wg_records_free(&r);
	return rc;
}

static int check_range(const char *from, const char *to, wg_error *err)
{
	if (!wg_date_valid(from) || !wg_date_valid(to))
		return wg_fail(err, WG_EINPUT, _("give the dates as 2026-01-31"));
	if (strcmp(from, to) > 0)
		return wg_fail(err, WG_EINPUT, _("the first date is after the last"));
	return WG_OK;
}

/* Signed inspections of a kind in the date range (by start date, CST). */
static int signed_in_range(sqlite3 *db, const char *kind, const char *from, const char *to,
			   const char *grid, wg_records *out, wg_error *err)
{
	wg_records all = {0};
	const char *p[] = {kind, grid};
	int rc = wg_select(db, &wg_kind_inspection,
			   "kind = ?1 AND status = 'signed' AND (?2 IS NULL OR grid = ?2)"
			   " AND NOT EXISTS (SELECT 1 FROM inspection c WHERE c.corrects = inspection.id"
			   " AND c.corrects != '' AND c.status = 'signed')",
			   "started, id", p, 2, &all, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < all.n; i++) {
		char day[WG_DATE_LEN + 1];
		date_of_stamp(wg_record_get(all.v[i], "started"), day);
		if (strcmp(day, from) >= 0 && strcmp(day, to) <= 0) {
			out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
			out->v[out->n++] = all.v[i];
			all.v[i] = NULL;
		}
	}
	wg_records_free(&all);
	return WG_OK;
}

int wg_print_patrol_register(sqlite3 *db, const char *from, const char *to, const char *grid,
			     strbuf *html, wg_error *err)
{
	wg_records ins = {0};
	int rc;
	if ((rc = check_range(from, to, err)) ||
	    (rc = signed_in_range(db, "patrol", from, to, grid, &ins, err)))
		return rc;
	wg_print_head(html, "卫生监督协管巡查登记表", true);
	sb_adds(html, "<p class=\"meta\">");
	if (grid) {
		sb_adds(html, "网格：");
		esc(html, grid);
		sb_adds(html, "　");
	}
	sb_addf(html, "时间：%s 至 %s</p>\n", from, to);
	sb_adds(html, "<table>\n<thead><tr><th>序号</th><th>巡查地点与内容</th><th>发现的主要问题</th>"
		      "<th>巡查日期</th><th>巡查人</th><th>备注</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < ins.n && rc == WG_OK; i++) {
		wg_inspection_view v;
		if ((rc = wg_inspection_view_load(db, wg_record_id(ins.v[i]), &v, err)))
			break;
		char day[WG_DATE_LEN + 1];
		date_of_stamp(wg_record_get(v.insp, "started"), day);
		sb_addf(html, "<tr><td class=\"n\">%zu</td><td>", i + 1);
		esc(html, wg_record_get(v.entity, "name"));
		if (*wg_record_get(v.entity, "address")) {
			sb_adds(html, "（");
			esc(html, wg_record_get(v.entity, "address"));
			sb_adds(html, "）");
		}
		sb_adds(html, "<br>");
		esc(html, v.checklist->title);
		sb_adds(html, "</td><td>");
		if (!v.findings.n)
			sb_adds(html, "未发现问题");
		for (size_t f = 0; f < v.findings.n; f++) {
			sb_addf(html, "%s%zu. 不符合：", f ? "<br>" : "", f + 1);
			finding_text(html, v.findings.v[f]);
		}
		sb_addf(html, "</td><td>%s</td><td>", day);
		strbuf names = STRBUF_INIT;
		rc = wg_print_officer_names(db, wg_record_get(v.insp, "inspectors"), &names, err);
		esc(html, sb_str(&names));
		sb_release(&names);
		sb_adds(html, "</td><td>");
		const char *deadline = "", *basis = "";
		for (size_t f = 0; f < v.findings.n; f++)
			if (strcmp(wg_record_get(v.findings.v[f], "deadline"), deadline) > 0) {
				deadline = wg_record_get(v.findings.v[f], "deadline");
				basis = wg_record_get(v.findings.v[f], "deadline_basis");
			}
		if (*deadline) {
			sb_addf(html, "限期整改至%s", deadline);
			deadline_mark(html, basis, deadline);
		}
		/* a patrol orders no rectification: its problems went to the county */
		bool reported = strcmp(wg_record_get(v.insp, "result"), "reported") == 0;
		if (reported)
			sb_adds(html, "已作为线索报告县卫生监督所");
		if (*wg_record_get(v.insp, "summary")) {
			if (*deadline || reported)
				sb_adds(html, "<br>");
			esc(html, wg_record_get(v.insp, "summary"));
		}
		sb_adds(html, "</td></tr>\n");
		wg_inspection_view_free(&v);
	}
	wg_records_free(&ins);
	sb_adds(html, "</tbody>\n</table>\n<p class=\"sign\">填表人：<span></span>　　"
		      "审核人：<span></span>　　填表日期：<span></span></p>\n");
	wg_print_foot(html);
	return rc;
}

/* The 协管 information category as the register prints it: its Chinese name
 * in the county's report rules, or the code when they do not know it. */
static const char *info_category(const struct wg_report_rules *rr, const char *category)
{
	const struct wg_clue_category *c = wg_clue_category_find(rr, category);
	return c ? c->zh : category;
}

/* 卫生监督协管信息报告登记表: the clues found in the period, each with the
 * category the officer chose (named as the report rules in force at the end
 * of the period name it), and the 协管信息报告率 under it. */
int wg_print_report_register(sqlite3 *db, const char *from, const char *to, const char *grid,
			     strbuf *html, wg_error *err)
{
	wg_records clues = {0};
	long found, reported;
	struct wg_report_rules *rr = NULL;
	int rc;
	if ((rc = check_range(from, to, err)) ||
	    (rc = wg_clues_list(db, from, to, grid, &clues, err)) ||
	    (rc = wg_clue_rate(db, from, to, grid, &found, &reported, err)) ||
	    (rc = wg_report_rules_open(db, to, &rr, err))) {
		wg_records_free(&clues);
		return rc;
	}
	wg_print_head(html, "卫生监督协管信息报告登记表", true);
	sb_addf(html, "<p class=\"meta\">时间：%s 至 %s</p>\n", from, to);
	sb_adds(html, "<table>\n<thead><tr><th>序号</th><th>发现时间</th><th>信息类别</th>"
		      "<th>信息内容</th><th>报告时间</th><th>报告人</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < clues.n && rc == WG_OK; i++) {
		const wg_record *c = clues.v[i];
		char fa[WG_DATE_LEN + 1], ra[WG_DATE_LEN + 1];
		char *where = NULL;
		date_of_stamp(wg_record_get(c, "found"), fa);
		date_of_stamp(wg_record_get(c, "reported"), ra);
		if (*wg_record_get(c, "entity") &&
		    (rc = wg_entity_name(db, wg_record_get(c, "entity"), &where, err)))
			break;
		strbuf names = STRBUF_INIT;
		rc = wg_print_officer_names(db, wg_record_get(c, "reporter"), &names, err);
		sb_addf(html, "<tr><td class=\"n\">%zu</td><td>%s</td><td>", i + 1, fa);
		/* the name comes from the county's rule file: escaped like any field */
		esc(html, info_category(rr, wg_record_get(c, "category")));
		sb_adds(html, "</td><td>");
		esc(html, where ? where : wg_record_get(c, "location"));
		sb_adds(html, "：");
		esc(html, wg_record_get(c, "content"));
		sb_addf(html, "</td><td>%s</td><td>", *ra ? ra : "未报告");
		esc(html, sb_str(&names));
		sb_adds(html, "</td></tr>\n");
		sb_release(&names);
		free(where);
	}
	wg_records_free(&clues);
	wg_report_rules_free(rr);
	if (found == 0)
		sb_adds(html, "<tr><td colspan=\"6\">本期无信息报告</td></tr>\n");
	sb_adds(html, "</tbody>\n</table>\n");
	if (found)
		sb_addf(html, "<p class=\"meta\">协管信息报告率：%ld / %ld = %.1f%%</p>\n", reported,
			found, 100.0 * (double)reported / (double)found);
	sb_adds(html, "<p class=\"sign\">填表人：<span></span>　　"
		      "审核人：<span></span>　　填表日期：<span></span></p>\n");
	wg_print_foot(html);
	return rc;
}

static const char *outcome_zh(const char *o)
{
	if (!o)
		return "";
	if (strcmp(o, "pass") == 0)
		return "合格";
	if (strcmp(o, "fail") == 0)
		return "不合格";
	if (strcmp(o, "na") == 0)
		return "不适用";
	return o;
}

int wg_print_inspection(sqlite3 *db, const char *id, strbuf *html, wg_error *err)
{
	wg_inspection_view v;
	int rc = wg_inspection_view_load(db, id, &v, err);
	if (rc)
		return rc;
	bool patrol = strcmp(wg_record_get(v.insp, "kind"), "patrol") == 0;
	char started[64], signedat[64];
	wg_timestamp_display(wg_record_get(v.insp, "started"), started, sizeof started);
	wg_timestamp_display(wg_record_get(v.insp, "signed"), signedat, sizeof signedat);
	wg_print_head(html, patrol ? "卫生监督协管巡查记录" : "现场检查笔录", false);
	sb_adds(html, "<table>\n<tr><th>被检查单位</th><td colspan=\"3\">");
	esc(html, wg_record_get(v.entity, "name"));
	sb_adds(html, "</td></tr>\n<tr><th>地址</th><td colspan=\"3\">");
	esc(html, wg_record_get(v.entity, "address"));
	sb_adds(html, "</td></tr>\n<tr><th>统一社会信用代码</th><td>");
	esc(html, wg_record_get(v.entity, "uscc"));
	sb_adds(html, "</td><th>许可证号</th><td>");
	esc(html, wg_record_get(v.entity, "licence"));
	sb_adds(html, "</td></tr>\n<tr><th>法定代表人（负责人）</th><td>");
	esc(html, wg_record_get(v.entity, "legal_rep"));
	sb_adds(html, "</td><th>联系电话</th><td>");
	esc(html, wg_record_get(v.entity, "phone"));
	sb_adds(html, "</td></tr>\n<tr><th>检查时间</th><td>");
	esc(html, started);
	sb_adds(html, "</td><th>检查表</th><td>");
	esc(html, v.checklist->title);
	sb_addf(html, "（第%d版）</td></tr>\n<tr><th>检查人员</th><td colspan=\"3\">", v.checklist->version);
	for (size_t i = 0; i < v.inspectors.n; i++) {
		sb_adds(html, i ? "；" : "");
		esc(html, wg_record_get(v.inspectors.v[i], "name"));
		if (*wg_record_get(v.inspectors.v[i], "cert")) {
			sb_adds(html, "（执法证号：");
			esc(html, wg_record_get(v.inspectors.v[i], "cert"));
			sb_adds(html, "）");
		}
	}
	sb_adds(html, "</td></tr>\n</table>\n");
	if (!patrol)
		sb_adds(html, "<p>检查人员已向被检查单位出示执法证件，告知其依法享有陈述、申辩和申请回避的权利。</p>\n");
	sb_adds(html, "<h2 style=\"font-size:12pt\">检查内容与结果</h2>\n<table>\n<thead><tr><th>序号</th>"
		      "<th>检查项目</th><th>结果</th><th>说明</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < v.checklist->nitems; i++) {
		const struct wg_checkitem *it = &v.checklist->items[i];
		const wg_record *r = wg_view_result(&v, it->code);
		sb_addf(html, "<tr><td class=\"n\">%zu</td><td>", i + 1);
		esc(html, it->text);
		if (it->key)
			sb_adds(html, "（关键项）");
		sb_addf(html, "</td><td>%s</td><td>", outcome_zh(r ? wg_record_get(r, "outcome") : NULL));
		if (r)
			esc(html, wg_record_get(r, "note"));
		sb_adds(html, "</td></tr>\n");
	}
	sb_adds(html, "</tbody>\n</table>\n");
	if (v.findings.n) {
		sb_adds(html, "<h2 style=\"font-size:12pt\">发现的问题及整改要求</h2>\n<ol>\n");
		for (size_t f = 0; f < v.findings.n; f++) {
			const wg_record *fr = v.findings.v[f];
			const struct wg_checkitem *it = wg_checklist_item(v.checklist, wg_record_get(fr, "item"));
			sb_adds(html, "<li>不符合：");
			esc(html, wg_record_get(fr, "text"));
			if (it) {
				sb_adds(html, "。依据：");
				esc(html, it->basis);
			}
			if (*wg_record_get(fr, "deadline")) {
				sb_addf(html, "。限于%s前整改完毕", wg_record_get(fr, "deadline"));
				deadline_mark(html, wg_record_get(fr, "deadline_basis"),
					      wg_record_get(fr, "deadline"));
			}
			sb_adds(html, "。</li>\n");
		}
		sb_adds(html, "</ol>\n");
	}
	if (*wg_record_get(v.insp, "summary")) {
		sb_adds(html, "<p>检查意见：");
		esc(html, wg_record_get(v.insp, "summary"));
		sb_adds(html, "</p>\n");
	}
	if (v.evidence.n) {
		sb_adds(html, "<p>证据材料：");
		for (size_t i = 0; i < v.evidence.n; i++) {
			sb_adds(html, i ? "；" : "");
			esc(html, wg_record_get(v.evidence.v[i], "name"));
			sb_adds(html, "（");
			esc(html, wg_record_get(v.evidence.v[i], "hash"));
			sb_adds(html, "）");
		}
		sb_adds(html, "</p>\n");
	}
	if (*wg_record_get(v.insp, "corrects"))
		sb_addf(html, "<p>本记录更正记录 %.8s。</p>\n", wg_record_get(v.insp, "corrects"));
	sb_adds(html, "<div class=\"sign\">\n");
	sb_adds(html, "<p>检查人员签名：<span></span>　<span></span>　日期：");
	esc(html, *signedat ? signedat : "");
	sb_adds(html, "</p>\n<p>被检查单位负责人签名：<span></span>　日期：<span></span></p>\n"
		      "<p>以上笔录经本人核对，与事实相符。</p>\n</div>\n");
	wg_print_foot(html);
	wg_inspection_view_free(&v);
	return WG_OK;
}

/* The summary's codes in the words of the paper forms. */
static const char *summary_zh(enum wg_summary_section sec, const char *code)
{
	static const char *const map[][3] = {
		{"i", "pass", "合格"}, {"i", "rectify", "责令整改"}, {"i", "fail", "不合格"},
		{"i", "reported", "发现问题，已报告"},
		{"i", "patrol", "巡查"}, {"i", "inspection", "监督检查"},
		{"f", "open", "整改中"}, {"f", "rectified", "已整改"}, {"f", "withdrawn", "已撤销"},
		{"f", "overdue", "逾期未整改"},
		{"c", "verifying", "核查中"}, {"c", "closed", "已办结"},
		{"b", "noticed", "已告知，异议期内"}, {"b", "listed", "列入严重失信主体名单"},
		{"b", "repaired", "已信用修复"}, {"b", "removed", "已移出"}, {"b", "red", "红榜"},
	};
	const char *s = sec == SUM_INSPECTION ? "i" : sec == SUM_FINDING ? "f"
			: sec == SUM_COMPLAINT ? "c" : sec == SUM_CREDIT ? "b" : "";
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strcmp(map[i][0], s) == 0 && strcmp(map[i][1], code) == 0)
			return map[i][2];
	return code;
}

static void summary_table(strbuf *h, const struct wg_summary *s, enum wg_summary_section sec,
			  const char *title, const char *c1, const char *c2, const char *c3,
			  const char *c4)
{
	size_t k = 0;
	sb_adds(h, "<h2 style=\"font-size:12pt\">");
	esc(h, title);
	sb_addf(h, "</h2>\n<table>\n<thead><tr><th>序号</th><th>%s</th><th>%s</th><th>%s</th>"
		   "<th>%s</th></tr></thead>\n<tbody>\n", c1, c2, c3, c4);
	for (size_t i = 0; i < s->n; i++) {
		const struct wg_summary_row *r = &s->v[i];
		if (r->section != sec)
			continue;
		sb_addf(h, "<tr><td class=\"n\">%zu</td><td>", ++k);
		esc(h, r->date);
		sb_adds(h, "</td><td>");
		esc(h, sec == SUM_INSPECTION ? summary_zh(sec, r->what) : r->what);
		sb_adds(h, "</td><td>");
		esc(h, summary_zh(sec, r->result));
		sb_adds(h, "</td><td>");
		esc(h, r->detail);
		sb_adds(h, "</td></tr>\n");
	}
	if (!k)
		sb_adds(h, "<tr><td colspan=\"5\">无</td></tr>\n");
	sb_adds(h, "</tbody>\n</table>\n");
}

int wg_print_summary(sqlite3 *db, const char *entity, const char *from, const char *to,
		     strbuf *html, wg_error *err)
{
	struct wg_summary s;
	int rc = wg_summary_build(db, entity, from, to, &s, err);
	if (rc)
		return rc;
	wg_print_head(html, "医疗卫生行业综合监管结果汇总表", false);
	sb_adds(html, "<table>\n<tr><th>单位名称</th><td colspan=\"3\">");
	esc(html, s.name);
	sb_adds(html, "</td></tr>\n<tr><th>统一社会信用代码</th><td>");
	esc(html, s.uscc);
	sb_adds(html, "</td><th>许可证号（有效期至）</th><td>");
	esc(html, s.licence);
	if (*s.licence_expiry) {
		sb_adds(html, "（");
		esc(html, s.licence_expiry);
		sb_adds(html, "）");
	}
	sb_adds(html, "</td></tr>\n<tr><th>统计期间</th><td colspan=\"3\">");
	esc(html, from);
	sb_adds(html, " 至 ");
	esc(html, to);
	sb_adds(html, "</td></tr>\n</table>\n");
	summary_table(html, &s, SUM_INSPECTION, "一、监督检查", "日期", "类型", "结果", "检查小结");
	summary_table(html, &s, SUM_FINDING, "二、发现的问题及整改情况", "发现日期", "问题",
		      "整改情况", "整改期限");
	summary_table(html, &s, SUM_POINTS, "三、不良执业行为记分", "截至", "记分周期", "分值",
		      "达到档次的后果");
	summary_table(html, &s, SUM_COMPLAINT, "四、经核查的投诉举报", "受理日期", "渠道",
		      "办理情况", "核查结果");
	summary_table(html, &s, SUM_RISK, "五、风险等级", "截至", "等级", "代码", "风险分值");
	summary_table(html, &s, SUM_CREDIT, "六、信用状况", "日期", "依据", "状态", "事由及期限");
	sb_adds(html, "<p class=\"sign\">出具单位（盖章）：<span></span>　　日期：<span></span></p>\n");
	wg_print_foot(html);
	wg_summary_free(&s);
	return WG_OK;
}
