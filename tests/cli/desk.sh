#!/bin/sh
# The county desk: campaigns, reports (text, CSV, HTML with SVG) and public
# disclosure without personal data.
. "${top_srcdir:-.}/tests/lib.sh"

W=$TEST_TMP/county
WANGGE_NOW=2026-11-22T04:00:00Z
export WANGGE_NOW
"$WANGGE" -C "$W" init county --name 示范县 --code 330102 >/dev/null
"$WANGGE" -C "$W" grid add --code 330102001-01 --name 中山乡第一网格 --township 中山乡 >/dev/null
"$WANGGE" -C "$W" grid add --code 330102001-02 --name 中山乡第二网格 --township 中山乡 >/dev/null
"$WANGGE" -C "$W" grid add --code 330102002-01 --name 东湖镇第一网格 --township 东湖镇 >/dev/null
add() { "$WANGGE" -C "$W" entity add --grid "$1" --category "$2" --name "$3" ${4:+--uscc "$4"} | tail -n 1; }
c1=$(add 330102001-01 D211 中山诊所 91110000600037341L)
c2=$(add 330102001-02 D600 中山村卫生室)
c3=$(add 330102002-01 D212 东湖中医诊所 91350100M000100Y43)
h1=$(add 330102002-01 H110 东湖宾馆)
p1=$(add 330102001-01 P100 中山大药房)
closed=$(add 330102002-01 D211 已关闭诊所)
"$WANGGE" -C "$W" entity set "$closed" status=closed
"$WANGGE" -C "$W" officer add --name 李明 --grid 330102001-01 --phone 13800138000 --idcard 11010519491231002X >/dev/null
"$WANGGE" -C "$W" officer add --name 王芳 --role inspector --cert 浙卫执0001 --phone 13900139000 >/dev/null
"$WANGGE" -C "$W" officer add --name 赵强 --role inspector --cert 浙卫执0002 --phone 13700137000 >/dev/null

sql() { sqlite3 "$W/wangge.db" "$1"; }

# ---- campaigns ----
expect_rc 0 "campaign add" "$WANGGE" -C "$W" campaign add --name 医疗废物专项整治 --from 2026-11-01 \
	--to 2026-12-15 --category clinic --checklist medical-waste
camp=$(last_line)
contains "$out" "3 tasks created" "one task per open clinic (the closed one is left out)"
contains "$out" "grid 330102002-01: 1" "the tasks are counted per grid"
rows=$(sqlite3 "$W/wangge.db" "SELECT t.grid, e.name FROM task t JOIN entity e ON e.id = t.entity WHERE t.source = '$camp' AND t.kind = 'campaign' AND t.due = '2026-12-15' AND t.status = 'open' ORDER BY e.name")
want="330102002-01|东湖中医诊所
330102001-02|中山村卫生室
330102001-01|中山诊所"
check "the right entities get campaign tasks, each in its own grid" test "$rows" = "$want"
n=$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM campaign WHERE id = '$camp' AND targets = 'clinic' AND checklist = 'medical-waste'")
check "the campaign record is kept" test "$n" -eq 1
n=$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM task WHERE source = '$camp' AND checklist = 'medical-waste'")
check "each campaign task carries the campaign's checklist" test "$n" -eq 3
expect_rc 2 "a campaign's checklist must exist" "$WANGGE" -C "$W" campaign add --name 无表 --from 2026-11-01 \
	--to 2026-12-15 --category clinic --checklist 医疗废物
contains "$err" "there is no checklist" "and says so"
expect_rc 0 "campaign with two targets" "$WANGGE" -C "$W" campaign add --name 公共场所和药店 --from 2026-11-01 --to 2026-11-30 --category H110,P100
contains "$out" "2 tasks created" "a hotel and a pharmacy"
expect_rc 0 "campaign for a list of entities" "$WANGGE" -C "$W" campaign add --name 重点单位复查 --from 2026-11-01 --to 2026-11-30 --entity "$h1" --entity "$(printf '%s' "$c3" | cut -c1-8)"
listc=$(last_line)
contains "$out" "2 tasks created" "one task per listed entity"
rows=$(sql "SELECT e.name FROM task t JOIN entity e ON e.id = t.entity WHERE t.source = '$listc' ORDER BY e.name")
check "the listed entities, whatever their category" test "$rows" = "$(printf '东湖中医诊所\n东湖宾馆')"
expect_rc 0 "categories and a list together, no task twice" "$WANGGE" -C "$W" campaign add --name 混合 --from 2026-11-01 --to 2026-11-30 --category clinic --entity "$c1" --entity "$h1"
contains "$out" "4 tasks created" "three clinics and the hotel, the listed clinic once"
expect_rc 2 "a closed entity cannot be listed" "$WANGGE" -C "$W" campaign add --name x --from 2026-11-01 --to 2026-11-30 --entity "$closed"
contains "$err" "not open" "and the refusal says why"
expect_rc 2 "an entity listed twice is refused" "$WANGGE" -C "$W" campaign add --name x --from 2026-11-01 --to 2026-11-30 --entity "$h1" --entity "$h1"
expect_rc 0 "campaign list" "$WANGGE" -C "$W" campaign list
contains "$out" "医疗废物专项整治" "campaign list names the campaign"
before=$(snapshot "$W")
expect_rc 2 "unknown category refused" "$WANGGE" -C "$W" campaign add --name x --from 2026-11-01 --to 2026-11-30 --category Z999
contains "$err" "Z999" "the refusal names it"
expect_rc 2 "no target entity refused" "$WANGGE" -C "$W" campaign add --name x --from 2026-11-01 --to 2026-11-30 --category water
contains "$err" "no open entity" "with the reason"
expect_rc 2 "a period that ends before it starts is refused" "$WANGGE" -C "$W" campaign add --name x --from 2026-12-01 --to 2026-11-30 --category clinic
expect_rc 1 "no --category and no --entity is a usage error" "$WANGGE" -C "$W" campaign add --name x --from 2026-12-01 --to 2026-12-30
check "refused campaigns change nothing" test "$before" = "$(snapshot "$W")"

# ---- inspections from earlier in the month, recorded directly with their
# dates (the commands would stamp them now) ----
insp=$(sql "SELECT group_concat(id) FROM (SELECT id FROM officer WHERE role = 'inspector' ORDER BY id)")
i=0
for e in "$c1" "$c2" "$p1"; do
	i=$((i + 1))
	sql "INSERT INTO inspection (id, grid, entity, kind, checklist, inspectors, started, result, status, signed)
	     SELECT lower(hex(randomblob(16))), grid, id, 'patrol', '医疗废物', '$insp', '2026-11-0${i}T02:00:00Z', 'pass', 'signed', '2026-11-0${i}T03:00:00Z' FROM entity WHERE id = '$e'"
done
sql "INSERT INTO inspection (id, grid, entity, kind, checklist, inspectors, started, result, status, signed)
     SELECT lower(hex(randomblob(16))), grid, id, 'inspection', '诊所', '$insp', '2026-11-10T02:00:00Z', 'fail', 'signed', '2026-11-10T05:00:00Z' FROM entity WHERE id = '$c3'"
sql "INSERT INTO complaint (id, grid, channel, received, entity, content, complainant, contact, deadline, status)
     VALUES (lower(hex(randomblob(16))), '330102002-01', 'phone', '2026-11-05T01:00:00Z', '$h1', '房间不干净', '张三丰', '13612345678', '2026-11-12', 'open')"

# Supervision records made with the supervision commands: a patrol of the
# pharmacy that fails an item (a finding with a deadline), a complaint closed.
off=$(sql "SELECT id FROM officer WHERE name = '李明'")
expect_rc 0 "a patrol of the pharmacy" "$WANGGE" -C "$W" inspection start --entity "$p1" --inspector "$off"
pp=$(last_line)
for item in $(sql "SELECT body FROM checklist WHERE code = 'patrol-pharmacy'" | grep -o '^[A-Z][A-Z]*[0-9][0-9]*' | sort -u); do
	"$WANGGE" -C "$W" inspection record "$pp" "$item" pass >/dev/null
done
first=$(sql "SELECT body FROM checklist WHERE code = 'patrol-pharmacy'" | grep -o '^[A-Z][A-Z]*[0-9][0-9]*' | sort -u | head -n 1)
"$WANGGE" -C "$W" inspection record "$pp" "$first" fail --note 问题 >/dev/null
expect_rc 0 "the patrol is signed" "$WANGGE" -C "$W" inspection sign "$pp" --category other
n=$(sql "SELECT count(*) FROM finding WHERE inspection = '$pp'")
check "the failed item is a finding" test "$n" -eq 1
expect_rc 0 "a complaint about the clinic" "$WANGGE" -C "$W" complaint add --entity "$c1" --channel phone --content 收费不明 --complainant 王五 --contact 13512345678
cc=$(last_line)
WANGGE_NOW=2026-11-27T04:00:00Z expect_rc 0 "closed five days later" "$WANGGE" -C "$W" complaint close "$cc" --result 已核实处理
check "the closing time is kept" test "$(sql "SELECT closed FROM complaint WHERE id = '$cc'")" = 2026-11-27T04:00:00Z

# ---- reports ----
WANGGE_NOW=2026-12-01T04:00:00Z expect_rc 0 "report on the 1st of a month" "$WANGGE" -C "$W" report
contains "$out" "Report for 2026-11-01 to 2026-11-30" "is of the month just ended, not an empty month"
WANGGE_NOW=2026-12-02T04:00:00Z expect_rc 0 "report on the 2nd" "$WANGGE" -C "$W" report
contains "$out" "Report for 2026-12-01 to 2026-12-02" "is of this month to today"
expect_rc 0 "report (text)" "$WANGGE" -C "$W" report --from 2026-11-01 --to 2026-11-30
report=$out
contains "$report" "Coverage per township" "the township coverage chart"
contains "$report" "Coverage per grid" "the grid coverage chart"
contains "$report" "█" "bars drawn with block characters"
contains "$report" "Overdue work per grid" "the overdue chart"
widest=$(printf '%s\n' "$report" | python3 -c 'import sys,unicodedata
print(max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")) for l in sys.stdin))')
check "every line fits 80 columns (widest $widest)" test "$widest" -le 80
contains "$report" "中山乡第一网格" "grids are named"
contains "$report" "Findings by checklist item" "the findings chart"
contains "$report" "$first " "  names the failed item"
contains "$report" "Complaint handling time" "the complaint handling chart"
handled=$(printf '%s\n' "$report" | sed -n '/Complaint handling time/,/^$/p')
contains "$(printf '%s\n' "$handled" | grep '^up to 5 working days')" " 1" "  the complaint closed in 4 working days (Sat/Sun skipped)"
contains "$(printf '%s\n' "$handled" | grep '^not yet closed')" " 1" "  the open complaint"
contains "$report" "Risk grades of open entities" "the risk chart"
contains "$report" "Points: entities per band reached" "the points chart"
overdue=$(printf '%s\n' "$report" | sed -n '/Overdue work per grid/,/^$/p')
contains "$overdue" "overdue rectifications" "overdue rectifications are a series"
# 中山乡: 3 open entities, all patrolled; 东湖镇: 2 open (one closed), 1 inspected
township=$(printf '%s\n' "$report" | sed -n '/Coverage per township/,/^$/p')
contains "$(printf '%s\n' "$township" | grep -A1 '^中山乡' | head -n 1)" "100%" "中山乡: every open entity patrolled"
contains "$(printf '%s\n' "$township" | grep -A1 '^东湖镇' | tail -n 1)" "50%" "东湖镇: 1 of 2 open entities inspected (the closed one does not count)"
expect_rc 0 "report at 50 columns" "$WANGGE" -C "$W" report --from 2026-11-01 --to 2026-11-30 --width 50
widest=$(printf '%s\n' "$out" | python3 -c 'import sys,unicodedata
print(max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")) for l in sys.stdin))')
check "--width 50 keeps to 50 columns (widest $widest)" test "$widest" -le 50

expect_rc 0 "report (CSV)" "$WANGGE" -C "$W" report --from 2026-11-01 --to 2026-11-30 --format csv
printf '%s\n' "$out" >"$TEST_TMP/report.csv"
check "the CSV parses, with 5 columns on every row" python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
assert rows[0][:4] == ["Chart", "Row", "Series", "Value"], rows[0]
assert len(rows) > 10 and all(len(r) == 5 for r in rows), rows
assert ["Coverage per township", "中山乡", "patrolled", "100.0", "%"] in rows
assert ["Coverage per township", "东湖镇", "inspected", "50.0", "%"] in rows
' "$TEST_TMP/report.csv"

expect_rc 0 "report (HTML)" "$WANGGE" -C "$W" report --from 2026-11-01 --to 2026-11-30 --format html --out "$TEST_TMP/report.html"
check "the HTML is well-formed XML with an SVG chart per section, no script, no link" python3 -c '
import sys, xml.etree.ElementTree as ET
from html.parser import HTMLParser
text = open(sys.argv[1], encoding="utf-8").read()
root = ET.fromstring(text.split("\n", 1)[1])
ns = {"h": "http://www.w3.org/1999/xhtml", "s": "http://www.w3.org/2000/svg"}
sections = root.findall(".//h:section", ns)
svgs = root.findall(".//s:svg", ns)
assert len(sections) == 10, len(sections)
assert len(svgs) >= 9, len(svgs)
assert all(s.findall("s:rect", ns) for s in svgs)
class P(HTMLParser):
    tags = set()
    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for k, v in attrs:
            assert not (v or "").startswith("http") or k == "xmlns", (k, v)
p = P(); p.feed(text); p.close()
assert "script" not in p.tags and "link" not in p.tags and "img" not in p.tags
assert "中山乡第一网格" in text
' "$TEST_TMP/report.html"
expect_rc 1 "an unknown report format is a usage error" "$WANGGE" -C "$W" report --format pdf
expect_rc 1 "a bad date is a usage error" "$WANGGE" -C "$W" report --from 2026-02-30

# ---- public disclosure ----
# A random draw, and its inspection of the hotel (which has a complaint).
cat >"$TEST_TMP/plan" <<'PLAN'
name = 公共场所抽查
from = 2026-11-01
to = 2026-11-30
[public_place]
ratio = 10%
complaint = always
PLAN
expect_rc 0 "draw" "$WANGGE" -C "$W" draw --plan "$TEST_TMP/plan" --seed 2026-11-01 --out "$TEST_TMP/draw"
task=$(sql "SELECT id FROM task WHERE kind = 'random' AND entity = '$h1'")
check "the hotel with a complaint was drawn (complaint = always)" test -n "$task"
# The random inspection, by the two drawn inspectors, with the supervision
# commands: one item fails, with notes that name people.
ins=$(sql "SELECT replace(inspectors, ',', ' ') FROM task WHERE id = '$task'")
set -- $ins
WANGGE_NOW=2026-11-20T02:00:00Z expect_rc 0 "the random inspection starts from its task" "$WANGGE" -C "$W" inspection start --task "$task" --inspector "$1" --inspector "$2"
ri=$(last_line)
ref=$(sql "SELECT checklist FROM inspection WHERE id = '$ri'")
items=$(sql "SELECT body FROM checklist WHERE code || '@' || version = '$ref'" | grep -o '^[A-Z][A-Z]*[0-9][0-9]*' | sort -u)
for item in $items; do "$WANGGE" -C "$W" inspection record "$ri" "$item" pass >/dev/null; done
bad=$(printf '%s\n' $items | tail -n 1)
WANGGE_NOW=2026-11-20T02:00:00Z expect_rc 0 "an item fails, the note names the complainant" "$WANGGE" -C "$W" inspection record "$ri" "$bad" fail --note "投诉人张三丰 13612345678 反映"
WANGGE_NOW=2026-11-20T06:00:00Z expect_rc 0 "signed" "$WANGGE" -C "$W" inspection sign "$ri" --summary "联系人张三丰 13612345678"
# The item's own wording: the fifth field of its line in the checklist text.
badtext=$(sql "SELECT body FROM checklist WHERE code || '@' || version = '$ref'" | grep "^$bad " | cut -d'|' -f5 | sed 's/^ *//; s/ *$//')
expect_rc 0 "publish (CSV)" "$WANGGE" -C "$W" publish --from 2026-11-01 --to 2026-11-30 --out "$TEST_TMP/public.csv"
contains "$out" "2 results written" "the random result and the failed inspection"
pub=$(cat "$TEST_TMP/public.csv")
contains "$pub" "东湖宾馆" "the random inspection's entity is published"
contains "$pub" "random inspection" "as a random inspection"
contains "$pub" "$bad $badtext" "the failed item is named in the checklist's words"
contains "$pub" "东湖中医诊所,91350100M000100Y43" "the failed inspection with the USCC"
lacks "$pub" "中山诊所" "passed patrols are not published"
expect_rc 0 "publish (HTML)" "$WANGGE" -C "$W" publish --from 2026-11-01 --to 2026-11-30 --format html --out "$TEST_TMP/public.html"
check "the disclosure page is well-formed" python3 -c '
import sys, xml.etree.ElementTree as ET
ET.fromstring(open(sys.argv[1], encoding="utf-8").read().split("\n", 1)[1])' "$TEST_TMP/public.html"
# Scan both exports for every personal value in the workspace, and for anything
# shaped like a mobile or ID card number.
sql "SELECT value FROM personal UNION SELECT name FROM officer UNION SELECT content FROM complaint" >"$TEST_TMP/personal"
check "there is personal data to look for" test "$(wc -l <"$TEST_TMP/personal")" -ge 8
leaks=$(cat "$TEST_TMP/public.csv" "$TEST_TMP/public.html" | grep -F -f "$TEST_TMP/personal" | wc -l)
check "no personal value (phones, ID numbers, complainants, officers' names) is published" test "$leaks" -eq 0
shaped=$(cat "$TEST_TMP/public.csv" "$TEST_TMP/public.html" | grep -E -c '(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)|[0-9]{17}[0-9X]')
check "nothing shaped like a mobile or ID number" test "$shaped" -eq 0
# Published within 20 working days? Not yet on 2026-12-17 (19 days), overdue on 12-21.
WANGGE_NOW=2026-12-17T04:00:00Z expect_rc 0 "publish --pending within the limit" "$WANGGE" -C "$W" publish --pending
contains "$out" "0 random-inspection results not published" "nothing overdue yet"
WANGGE_NOW=2026-12-21T04:00:00Z expect_rc 0 "publish --pending after 20 working days" "$WANGGE" -C "$W" publish --pending
contains "$out" "东湖宾馆" "the unpublished result is flagged"
contains "$out" "2026-12-18" "with the day it had to be published by"
contains "$out" "1 random-inspection result not published within the county's time limit" "and counted"
before=$(snapshot "$W")
expect_rc 0 "publish without --mark" "$WANGGE" -C "$W" publish --from 2026-11-01 --to 2026-11-30 --out "$TEST_TMP/p2.csv"
check "publishing without --mark changes nothing" test "$before" = "$(snapshot "$W")"
expect_rc 0 "publish --mark" "$WANGGE" -C "$W" publish --from 2026-11-01 --to 2026-11-30 --out "$TEST_TMP/p3.csv" --mark
contains "$out" "1 random inspection marked as published on 2026-11-22" "the random result is marked"
check "the task records the day" test "$(sql "SELECT published FROM task WHERE id = '$task'")" = 2026-11-22
WANGGE_NOW=2026-12-21T04:00:00Z expect_rc 0 "publish --pending after marking" "$WANGGE" -C "$W" publish --pending
contains "$out" "0 random-inspection results" "a published result is no longer flagged"
expect_rc 0 "publish --mark again" "$WANGGE" -C "$W" publish --from 2026-11-01 --to 2026-11-30 --out "$TEST_TMP/p3.csv" --mark
contains "$out" "0 random inspections marked" "already published results keep their date"
expect_rc 1 "--mark without --out is a usage error" "$WANGGE" -C "$W" publish --mark
expect_rc 0 "check" "$WANGGE" -C "$W" check

done_testing
