#!/bin/sh
# Administrative penalty cases at the county: a full case through every stage
# with its time limits counted across the 2026 National Day holiday, the
# summary procedure, a hearing request too late, the documents, and an
# officer's bundle that tries to make a case.
. "${top_srcdir:-.}/tests/lib.sh"

C=$TEST_TMP/county
O=$TEST_TMP/officer
at() { WANGGE_NOW=$1T02:00:00Z; export WANGGE_NOW; }
at 2026-09-25

expect_rc 0 "county" "$WANGGE" -C "$C" init county --name 示范县 --code 330102
expect_rc 0 "grid" "$WANGGE" -C "$C" grid add --code G1 --name 一网格 --township 中山乡
expect_rc 0 "officer" "$WANGGE" -C "$C" officer add --name 李明 --grid G1
off=$(last_line)
"$WANGGE" -C "$C" officer add --name 王监督 --role inspector --cert 浙卫执0001 >/dev/null
i1=$("$WANGGE" -C "$C" officer list --format tsv | awk -F'\t' '$2=="王监督"{print $1}')
"$WANGGE" -C "$C" officer add --name 赵监督 --role inspector --cert 浙卫执0002 >/dev/null
i2=$("$WANGGE" -C "$C" officer list --format tsv | awk -F'\t' '$2=="赵监督"{print $1}')
"$WANGGE" -C "$C" officer add --name 钱回避 --role inspector --cert 浙卫执0003 >/dev/null
i3=$("$WANGGE" -C "$C" officer list --format tsv | awk -F'\t' '$2=="钱回避"{print $1}')
"$WANGGE" -C "$C" officer add --name 孙所长 --role clerk >/dev/null
head=$("$WANGGE" -C "$C" officer list --format tsv | awk -F'\t' '$2=="孙所长"{print $1}')
"$WANGGE" -C "$C" officer add --name 周法制 --role clerk >/dev/null
legal=$("$WANGGE" -C "$C" officer list --format tsv | awk -F'\t' '$2=="周法制"{print $1}')
check "four officers found" test -n "$i1" -a -n "$i2" -a -n "$i3" -a -n "$head" -a -n "$legal"
expect_rc 0 "a clinic run by a person" "$WANGGE" -C "$C" entity add --grid G1 --category D211 --name 东湖诊所 --address 中山乡东湖村1号 --legal-rep 陈医生
e=$(last_line)
expect_rc 0 "the shipped discretion standard" "$WANGGE" -C "$C" discretion show
contains "$out" "M-STAFF" "  lists the violation codes"
contains "$out" "5000" "  and the hearing threshold"

# ---- 立案 ----
at 2026-09-28
expect_rc 2 "one inspector is not enough" "$WANGGE" -C "$C" case file --entity "$e" --violation M-STAFF \
	--party person --facts 使用非卫生技术人员从事诊疗 --penalty fine --fine 5000 --inspector "$i1" --approved-by "$head"
contains "$err" "art. 42" "  the law is named"
expect_rc 2 "an unknown violation code" "$WANGGE" -C "$C" case file --entity "$e" --violation X-NONE \
	--party person --facts x --penalty fine --fine 5000 --inspector "$i1" --inspector "$i2" --approved-by "$head"
contains "$err" "discretion standard" "  names the standard"
expect_rc 0 "a declared conflict of interest" "$WANGGE" -C "$C" recusal add --inspector "$i3" --entity "$e" --reason 亲属开办
expect_rc 2 "a recused inspector is refused" "$WANGGE" -C "$C" case file --entity "$e" --violation M-STAFF \
	--party person --facts x --penalty fine --fine 5000 --inspector "$i1" --inspector "$i3" --approved-by "$head"
contains "$err" "回避" "  naming the duty"
contains "$err" "declaration" "  and the declaration"
expect_rc 0 "filed" "$WANGGE" -C "$C" case file --entity "$e" --violation M-STAFF --party person \
	--facts 使用非卫生技术人员从事诊疗活动 --penalty fine --fine 5000 --inspector "$i1" --inspector "$i2" --approved-by "$head"
k=$(last_line)
expect_rc 0 "show" "$WANGGE" -C "$C" case show "$k"
contains "$out" "示范县卫罚〔2026〕1号" "numbered for the year"
contains "$out" "2026-12-27" "decision due 90 days after filing"
expect_rc 0 "a second case takes the next number" "$WANGGE" -C "$C" case file --entity "$e" --violation M-WASTE-SORT \
	--party person --facts 医疗废物未分类 --penalty fine --fine 1500 --inspector "$i1" --inspector "$i2" --approved-by "$head"
k2=$(last_line)
expect_rc 0 "  show" "$WANGGE" -C "$C" case show "$k2"
contains "$out" "〔2026〕2号" "  number 2"

# ---- 调查取证 ----
expect_rc 2 "an interview needs the person questioned" "$WANGGE" -C "$C" case record "$k" --step interview --by "$i1" --by "$i2" --text 问答
expect_rc 0 "interview record" "$WANGGE" -C "$C" case record "$k" --step interview --by "$i1" --by "$i2" \
	--person 陈医生 --text "问：该人员是否取得执业资格？答：没有。"
expect_rc 0 "evidence" "$WANGGE" -C "$C" case record "$k" --step evidence --by "$i1" --by "$i2" --text 排班表复印件
expect_rc 2 "a date in the future is refused" "$WANGGE" -C "$C" case record "$k" --step evidence --by "$i1" --by "$i2" --date 2026-10-30

# ---- 告知, across the National Day holiday ----
at 2026-09-29
expect_rc 0 "notified" "$WANGGE" -C "$C" case notify "$k" --by "$i1" --by "$i2"
# 5 working days after 9-29: 9-30, (10-01..10-07 off), 10-08, 10-09, 10-10 (make-up Saturday), 10-12
contains "$out" "2026-10-12" "hearing request due in 5 working days, across the holiday"
expect_rc 0 "the other case notified" "$WANGGE" -C "$C" case notify "$k2" --by "$i1" --by "$i2"
at 2026-10-09
expect_rc 2 "no decision while the party may still ask" "$WANGGE" -C "$C" case decide "$k" --decided-by "$head" --factor heavier --reason 多次
contains "$err" "2026-10-12" "  says until when"
expect_rc 2 "a 1500 yuan fine gives a person no hearing" "$WANGGE" -C "$C" case hearing-request "$k2" --person 陈医生
contains "$err" "art. 63" "  names the article"
expect_rc 0 "a hearing request in time" "$WANGGE" -C "$C" case hearing-request "$k" --person 陈医生

# ---- 听证, 法制审核, 决定 ----
at 2026-10-13
expect_rc 2 "no decision before the hearing" "$WANGGE" -C "$C" case decide "$k" --decided-by "$head" --factor heavier --reason 多次
expect_rc 0 "hearing held" "$WANGGE" -C "$C" case record "$k" --step hearing --by "$i1" --by "$i2" --text 当事人陈述意见
expect_rc 2 "the legal review is required after a hearing" "$WANGGE" -C "$C" case decide "$k" --decided-by "$head" --factor heavier --reason 多次
contains "$err" "legal review" "  says so"
expect_rc 2 "the reviewer is not an investigator" "$WANGGE" -C "$C" case record "$k" --step review --by "$i1" --text 同意
expect_rc 0 "legal review" "$WANGGE" -C "$C" case record "$k" --step review --by "$legal" --text 事实清楚，证据确凿，程序合法
expect_rc 2 "a fine outside the band" "$WANGGE" -C "$C" case decide "$k" --decided-by "$head" --factor lighter --reason 初次 --fine 5000
contains "$err" "band" "  names the band"
expect_rc 2 "从重 needs its reason" "$WANGGE" -C "$C" case decide "$k" --decided-by "$head" --factor heavier
expect_rc 0 "decided, with an order to correct" "$WANGGE" -C "$C" case decide "$k" --decided-by "$head" \
	--factor heavier --reason 使用非卫生技术人员2名且持续3个月 --correct-days 10
# 7 working days after 10-13: 10-22
contains "$out" "2026-10-22" "service due in 7 working days"
contains "$out" "Re-inspection task" "the correction order makes the re-inspection task"
expect_rc 0 "the case names its task" "$WANGGE" -C "$C" case show "$k"
rt=$(printf '%s\n' "$out" | sed -n 's/^re-inspection task  *//p')
expect_rc 0 "the task" "$WANGGE" -C "$C" task show "$rt"
contains "$out" "$k" "  linked to the case"
contains "$out" "re-inspection" "  a re-inspection"
# 10 working days after 10-13: 10-27
contains "$out" "2026-10-27" "  due at the correction deadline"
expect_rc 0 "the case lists its decision" "$WANGGE" -C "$C" case show "$k"
contains "$out" "M-STAFF@0" "the discretion entry applied"
contains "$out" "heavier" "  and how"

# ---- 送达, 执行, 结案 ----
at 2026-10-15
expect_rc 0 "served" "$WANGGE" -C "$C" case serve "$k" --by "$i1" --person 陈医生
contains "$out" "2026-10-30" "payment due 15 days after service"
expect_rc 2 "not closed before it is carried out" "$WANGGE" -C "$C" case close "$k" --by "$head"
at 2026-11-03
expect_rc 0 "paid 4 days late" "$WANGGE" -C "$C" case pay "$k"
# 5000 yuan x 3% x 4 days = 600 yuan
contains "$out" "600.00" "the late-payment surcharge"
expect_rc 0 "closed" "$WANGGE" -C "$C" case close "$k" --by "$head" --text 罚款及加处罚款已缴清
expect_rc 0 "list by stage" "$WANGGE" -C "$C" case list --stage closed --format tsv
contains "$out" "〔2026〕1号" "the closed case"
expect_rc 2 "a closed case takes no more steps" "$WANGGE" -C "$C" case record "$k" --step evidence --by "$i1" --by "$i2"
expect_rc 0 "the steps of the case" "$WANGGE" -C "$C" case show "$k"
for s in filed "interview record" evidence "advance notice" "hearing request" hearing "legal review" decision service payment closing; do
	contains "$out" "$s" "  step: $s"
done
contains "$out" "孙所长" "  who decided"

# ---- the hearing request after its deadline ----
at 2026-10-13
expect_rc 0 "a third case" "$WANGGE" -C "$C" case file --entity "$e" --violation M-REUSE --party person \
	--facts 重复使用一次性注射器 --penalty fine --fine 8000 --inspector "$i1" --inspector "$i2" --approved-by "$head"
k3=$(last_line)
expect_rc 0 "notified on 10-13" "$WANGGE" -C "$C" case notify "$k3" --by "$i1" --by "$i2"
contains "$out" "2026-10-20" "  may ask until 10-20"
at 2026-10-21
before=$("$WANGGE" -C "$C" case show "$k3")
expect_rc 2 "a hearing request past its deadline is refused" "$WANGGE" -C "$C" case hearing-request "$k3" --person 陈医生
contains "$err" "too late" "  in words"
contains "$err" "art. 64" "  naming the article"
after=$("$WANGGE" -C "$C" case show "$k3")
check "  and the case is as it was" test "$before" = "$after"

# ---- 简易程序 ----
expect_rc 2 "a summary fine above 200 yuan for a person is refused" "$WANGGE" -C "$C" case file --summary --entity "$e" \
	--violation M-WASTE-SORT --party person --facts 医疗废物未分类 --penalty fine --fine 300 --inspector "$i1" --inspector "$i2" --approved-by "$head" --factor lighter --reason 初次
contains "$err" "art. 51" "  names the article"
expect_rc 0 "a summary fine of 200 yuan" "$WANGGE" -C "$C" case file --summary --entity "$e" \
	--violation M-WASTE-SORT --party person --facts 医疗废物未分类 --penalty fine --fine 200 --inspector "$i1" --inspector "$i2" --approved-by "$head" --factor lighter --reason 初次违法且当场改正
ks=$(last_line)
expect_rc 0 "  show" "$WANGGE" -C "$C" case show "$ks"
contains "$out" "summary procedure" "  summary procedure"
contains "$out" "2026-11-05" "  decided and served on the spot: pay within 15 days"
expect_rc 0 "  paid" "$WANGGE" -C "$C" case pay "$ks"
expect_rc 0 "  closed" "$WANGGE" -C "$C" case close "$ks" --by "$head"
expect_rc 0 "a summary warning" "$WANGGE" -C "$C" case file --summary --entity "$e" --violation M-LIC-DISPLAY \
	--party org --facts 未悬挂执业许可证 --penalty warning --inspector "$i1" --inspector "$i2" --approved-by "$head"
kw=$(last_line)
expect_rc 0 "  show" "$WANGGE" -C "$C" case show "$kw"
contains "$out" "carried out" "  a warning is carried out by its service"

# ---- documents ----
for d in interview notice hearing decision receipt closing correction opinion; do
	expect_rc 0 "document $d" "$WANGGE" -C "$C" case print "$k" --document "$d" -o "$TEST_TMP/$d.html"
done
expect_rc 2 "a scene record needs a linked inspection" "$WANGGE" -C "$C" case print "$k" --document scene -o "$TEST_TMP/scene.html"
expect_rc 2 "no hearing notice for a penalty without the right" "$WANGGE" -C "$C" case print "$k2" --document hearing
expect_rc 2 "an unknown document" "$WANGGE" -C "$C" case print "$k" --document letter
fields() { # fields FILE NAME...: every named field is a non-empty cell
	f=$1
	shift
	python3 - "$f" "$@" <<'EOF'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.cur = None; self.fields = {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "td" and "data-field" in a:
            self.cur = a["data-field"]; self.fields.setdefault(self.cur, "")
    def handle_endtag(self, tag):
        if tag == "td": self.cur = None
    def handle_data(self, d):
        if self.cur: self.fields[self.cur] += d
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
missing = [n for n in sys.argv[2:] if not p.fields.get(n, "").strip()]
if missing: print("missing or empty:", " ".join(missing)); sys.exit(1)
EOF
}
if command -v python3 >/dev/null 2>&1; then
	check "询问笔录 has its fields" fields "$TEST_TMP/interview.html" time place person party inspectors credentials content
	check "事先告知书 has its fields" fields "$TEST_TMP/notice.html" party address facts evidence basis penalty statement_right hearing_right deadline
	check "听证告知书 has its fields" fields "$TEST_TMP/hearing.html" party facts basis penalty hearing_right deadline consequence
	check "决定书 has its fields" fields "$TEST_TMP/decision.html" party address facts basis discretion penalty payment remedy inspectors decided
	check "送达回执 has its fields" fields "$TEST_TMP/receipt.html" document party place method served signed_by served_by
	check "结案报告 has its fields" fields "$TEST_TMP/closing.html" cause party filed penalty decided execution closed inspectors approved_by
	check "责令改正通知书 has its fields" fields "$TEST_TMP/correction.html" party facts basis deadline requirement
	check "卫生监督意见书 has its fields" fields "$TEST_TMP/opinion.html" party address facts opinion inspectors
fi
contains "$(cat "$TEST_TMP/decision.html")" "@page { size: A4" "A4 print style"
contains "$(cat "$TEST_TMP/decision.html")" "示范县卫罚〔2026〕1号" "the decision carries its number"
contains "$(cat "$TEST_TMP/decision.html")" "从重" "  and the discretion applied"
contains "$(cat "$TEST_TMP/interview.html")" "浙卫执0001" "certificate numbers shown"

# ---- the county's own standard ----
sed 's/^M-STAFF | 0-1700/M-STAFF | 0-1800/' "$top_srcdir/data/rules/discretion" >"$TEST_TMP/disc"
expect_rc 0 "the county records its standard" "$WANGGE" -C "$C" discretion import "$TEST_TMP/disc"
contains "$out" "version 1" "  version 1"
expect_rc 0 "  again: nothing changes" "$WANGGE" -C "$C" discretion import "$TEST_TMP/disc"
contains "$out" "already recorded" "  says so"
printf '@standard x\nM-X | 1-0 | 0-0 | 0-0 | a | b\n' >"$TEST_TMP/bad-disc"
expect_rc 2 "a broken standard is refused" "$WANGGE" -C "$C" discretion import "$TEST_TMP/bad-disc"
contains "$err" "bad-disc:2" "  with file and line"

# ---- disclosure: decisions apart from inspection results ----
at 2026-11-05
expect_rc 0 "random-inspection results" "$WANGGE" -C "$C" publish --from 2026-10-01 --to 2026-10-31 --format html
lacks "$out" "行政处罚" "are not titled as penalties"
expect_rc 0 "penalty decisions" "$WANGGE" -C "$C" publish penalties --from 2026-10-01 --to 2026-10-31
contains "$out" "示范县卫罚〔2026〕1号" "the decision is listed"
contains "$out" "使用非卫生技术人员从事医疗卫生技术工作" "  with the violation"
lacks "$out" "陈医生" "  and no personal name"
expect_rc 0 "late publications" "$WANGGE" -C "$C" publish penalties --pending
contains "$out" "〔2026〕1号" "a decision of 10-13 not published by 10-22"
contains "$out" "7 working days" "  the county's limit, 7 by default"
expect_rc 1 "only the county's rule values" "$WANGGE" -C "$C" county set nonsense=1
expect_rc 0 "the county sets its limit" "$WANGGE" -C "$C" county set penalty_publish_days=5
expect_rc 0 "  in force" "$WANGGE" -C "$C" publish penalties --pending
contains "$out" "5 working days" "  5 working days"
expect_rc 0 "published and marked" "$WANGGE" -C "$C" publish penalties --from 2026-10-01 --to 2026-10-31 --out "$TEST_TMP/decisions.csv" --mark
contains "$out" "marked as published on 2026-11-05" "  marked"
expect_rc 0 "  no longer late" "$WANGGE" -C "$C" publish penalties --pending
lacks "$out" "〔2026〕1号" "  the published decision"
expect_rc 2 "a withdrawal needs a revoked decision" "$WANGGE" -C "$C" case withdraw "$k" --by "$head"
expect_rc 2 "a revocation needs its reason" "$WANGGE" -C "$C" case revoke "$k" --by "$head"
expect_rc 0 "the decision revoked" "$WANGGE" -C "$C" case revoke "$k" --by "$head" --text 行政复议决定撤销
expect_rc 0 "  it is no longer published" "$WANGGE" -C "$C" publish penalties --from 2026-10-01 --to 2026-10-31
lacks "$out" "〔2026〕1号" "  the revoked decision"
at 2026-11-11
expect_rc 0 "the withdrawal is late after 3 working days" "$WANGGE" -C "$C" publish penalties --pending
contains "$out" "revoked decision not withdrawn" "  says so"
contains "$out" "2026-11-10" "  due 3 working days after the revocation"
expect_rc 0 "withdrawn" "$WANGGE" -C "$C" case withdraw "$k" --by "$head"
expect_rc 0 "  recorded" "$WANGGE" -C "$C" case show "$k"
contains "$out" "publication withdrawn" "  the withdrawal is a step"
contains "$out" "decision revoked" "  after the revocation"
expect_rc 0 "  no longer late" "$WANGGE" -C "$C" publish penalties --pending
lacks "$out" "〔2026〕1号" "  nothing late for the case"

# ---- officers never make a case ----
expect_rc 0 "enroll" "$WANGGE" -C "$C" enroll --grid G1 --officer "$off" -o "$TEST_TMP/enroll.bundle"
expect_rc 0 "officer workspace" "$WANGGE" -C "$O" init officer --from "$TEST_TMP/enroll.bundle"
register_key "$C" "$O"
expect_rc 2 "an officer cannot file a case" "$WANGGE" -C "$O" case file --entity "$e" --violation M-STAFF \
	--party person --facts x --penalty fine --fine 5000 --inspector "$i1" --inspector "$i2" --approved-by "$head"
contains "$err" "county" "  the county's act"

GIT=${GIT:-git}
if command -v "$GIT" >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
	key=$(ssh_key "$O")
	county_id=$("$WANGGE" -C "$C" log -n 1 | sed -n 's/.*<county@\(.*\)>.*/\1/p')
	path=$("$GIT" -C "$O/history.git" ls-tree -r --name-only grid/G1 | grep "^penalty/" | head -n 1)
	check "the officer received the cases (read only)" test -n "$path"
	rm -rf "$TEST_TMP/forge"
	"$GIT" clone -q -b grid/G1 "$O/history.git" "$TEST_TMP/forge"
	new=0123456789abcdef0123456789abcdef
	(
		cd "$TEST_TMP/forge" || exit 1
		mkdir -p "penalty/01/2"
		sed "s/^id=.*/id=$new/; s/〔2026〕[0-9]*号/〔2026〕99号/" "$path" >"penalty/01/2/$new"
		"$GIT" add -A
		"$GIT" -c user.name=李明 -c user.email="$off@$county_id" -c gpg.format=ssh \
			-c user.signingkey="$key" commit -S -qm "a case made by an officer"
		"$GIT" bundle create -q "$TEST_TMP/case.bundle" grid/G1 ^origin/grid/G1 2>/dev/null
	)
	"$WANGGE" -C "$C" check >/dev/null
	snap=$(snapshot "$C")
	expect_rc 2 "the county refuses an officer's bundle that makes a case" "$WANGGE" -C "$C" import "$TEST_TMP/case.bundle"
	contains "$err" "filed and decided at the county" "  in words"
	if [ "$(snapshot "$C")" = "$snap" ]; then ok "  workspace unchanged"; else not_ok "  workspace changed"; fi
	# and one that changes a case the county made
	rm -rf "$TEST_TMP/forge"
	"$GIT" clone -q -b grid/G1 "$O/history.git" "$TEST_TMP/forge"
	(
		cd "$TEST_TMP/forge" || exit 1
		sed -i "s/^fine=.*/fine=1/" "$path"
		"$GIT" -c user.name=李明 -c user.email="$off@$county_id" -c gpg.format=ssh \
			-c user.signingkey="$key" commit -S -qam "a fine changed by an officer"
		"$GIT" bundle create -q "$TEST_TMP/fine.bundle" grid/G1 ^origin/grid/G1 2>/dev/null
	)
	expect_rc 2 "the county refuses an officer's bundle that changes a case" "$WANGGE" -C "$C" import "$TEST_TMP/fine.bundle"
	if [ "$(snapshot "$C")" = "$snap" ]; then ok "  workspace unchanged"; else not_ok "  workspace changed"; fi
fi

done_testing
