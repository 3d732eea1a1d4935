#!/bin/sh
# The supervision work, end to end: a patrol and an enforcement inspection from
# the shipped checklists, a failed key item becoming a finding with a deadline
# counted across the Spring Festival and its make-up Saturdays, the
# re-inspection task, points crossing a threshold, the risk grade rising and
# saying why; signed records immutable; two inspectors required; paper forms.
. "${top_srcdir:-.}/tests/lib.sh"

W=$TEST_TMP/county
w() { "$WANGGE" -C "$W" "$@"; }
# Thursday 12 February 2026, 10:00 in China: the last working day but one
# before the Spring Festival (off 15-23 February; Saturdays 14 and 28 are
# make-up working days).
WANGGE_NOW=2026-02-12T02:00:00Z
export WANGGE_NOW

expect_rc 0 "init county" w init county --name 示范县 --code 330102
expect_rc 0 "checklist list" w checklist list --format tsv
check "the 22 shipped checklists are there" test "$(printf '%s\n' "$out" | wc -l)" -eq 23
contains "$out" "clinic	1	inspection	22	诊所、村卫生室监督检查表" "clinic checklist, version 1, 22 items"
expect_rc 0 "checklist show" w checklist show clinic
contains "$out" "CL05  key" "item CL05 is a key item"

expect_rc 0 "grid" w grid add --code 330102001-01 --name 中山乡第一网格 --township 中山乡
expect_rc 0 "grid officer" w officer add --name 李明 --grid 330102001-01
off=$(last_line)
expect_rc 0 "inspector 1" w officer add --name 王芳 --role inspector --cert 浙卫执0001
in1=$(last_line)
expect_rc 0 "inspector 2" w officer add --name 赵强 --role inspector --cert 浙卫执0002
in2=$(last_line)
expect_rc 0 "inspector without certificate" w officer add --name 孙丽 --role inspector
in3=$(last_line)
expect_rc 0 "clinic" w entity add --grid 330102001-01 --category D211 --name 仁和诊所 --address 中山乡人民路3号
e=$(last_line)

expect_rc 0 "risk before any inspection" w risk show "$e"
contains "$out" "Risk: low risk" "a clinic with no history is low risk"
contains "$out" "category: clinic (base risk)" "the base risk is explained"
lacks "$out" "points" "no points yet"

expect_rc 2 "a patrol sheet is not an enforcement checklist" w inspection start --entity "$e" \
	--kind inspection --checklist patrol-clinic --inspector "$in1"
contains "$err" "patrol-clinic is a patrol sheet" "and says so"
expect_rc 0 "care home" w entity add --grid 330102001-01 --category E100 --name 中山乡敬老院
home=$(last_line)
expect_rc 2 "no inspection checklist for care homes" w inspection start --entity "$home" --kind inspection --inspector "$in1"
contains "$err" "no inspection checklist covers category E100" "a clear message"
expect_rc 2 "an unknown checklist" w inspection start --entity "$e" --checklist nosuch --inspector "$off"
contains "$err" "there is no checklist \"nosuch\"" "names it"
expect_rc 1 "start needs a task or an entity" w inspection start --inspector "$off"
expect_rc 2 "a county workspace must name who inspects" w inspection start --entity "$e"

# --- a routine patrol by one grid officer ---
expect_rc 0 "patrol started by one officer" w inspection start --entity "$e" --inspector "$off"
p=$(last_line)
expect_rc 0 "patrol shows the patrol checklist" w inspection show "$p"
contains "$out" "patrol-clinic@1" "the default patrol sheet for a clinic, with its version"
for i in 1 2 3 5 6 7 8; do w inspection record "$p" PC0$i pass || not_ok "record PC0$i"; done
# the items checked against the register: nothing is registered here
for i in 09 10; do w inspection record "$p" PC$i na || not_ok "record PC$i"; done
expect_rc 2 "sign with an item missing is refused" w inspection sign "$p"
contains "$err" "1 item has no result yet (the first is PC04)" "and names the missing item"
expect_rc 0 "record a failed item" w inspection record "$p" PC04 fail --note 医疗废物未分类，无交接登记
expect_rc 2 "an unknown item is refused" w inspection record "$p" XX99 pass
expect_rc 2 "an unknown outcome is refused" w inspection record "$p" PC01 maybe
expect_rc 0 "none takes an item's result back" w inspection record "$p" PC08 none
expect_rc 2 "then signing is refused again" w inspection sign "$p"
contains "$err" "the first is PC08" "for that item"
expect_rc 0 "none on an item with no result does nothing" w inspection record "$p" PC08 none
w inspection record "$p" PC08 pass || not_ok "record PC08 again"
# the 协管 boundary: a patrol orders no rectification; what it found is a
# clue reported to the county, in the category the officer chooses
before=$(snapshot "$W")
expect_rc 2 "a patrol that found a problem needs the clue's category" w inspection sign "$p"
contains "$err" "reported to the county as a clue" "  says where the problem goes"
contains "$err" "illegal_practice" "  and lists the categories"
expect_rc 2 "a patrol sets no rectification deadline" w inspection sign "$p" --category other --deadline 2026-03-02
contains "$err" "责令整改" "  an inspector's act"
expect_rc 2 "an unknown category is refused" w inspection sign "$p" --category waste
check "  the refusals changed nothing" test "$(snapshot "$W")" = "$before"
expect_rc 0 "a patrol needs one signature only" w inspection sign "$p" --category other
contains "$out" "Result: problem reported to the county" "the patrol's result"
contains "$out" "Reported to the county as clue" "a clue is reported"
lacks "$out" "Rectification deadline" "no rectification deadline"
pclue=$(printf '%s\n' "$out" | sed -n 's/.*as clue \([0-9a-f]*\):.*/\1/p')
check "  the clue is a record" test "$(sqlite3 "$W/wangge.db" "SELECT category || ' ' || status || ' ' || inspection FROM clue WHERE id = '$pclue'")" = "other reported $p"
check "  it says what failed" test "$(sqlite3 "$W/wangge.db" "SELECT content LIKE '%PC04%医疗废物未分类，无交接登记%' FROM clue WHERE id = '$pclue'")" = 1
check "no re-inspection task for a patrol" test "$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM task WHERE source = '$p'")" = 0
pf=$(sqlite3 "$W/wangge.db" "SELECT id FROM finding WHERE inspection = '$p'")
check "the patrol's finding has no deadline" test "$(sqlite3 "$W/wangge.db" "SELECT deadline FROM finding WHERE id = '$pf'")" = ""
expect_rc 2 "nor can one be set by hand" w finding deadline "$pf" 2026-03-02
contains "$err" "found on a patrol" "  says why"
expect_rc 2 "a signed record's result cannot be taken back" w inspection record "$p" PC08 none

# --- an enforcement inspection ---
expect_rc 0 "inspection with one inspector can start" w inspection start --entity "$e" --kind inspection --inspector "$in1"
i1=$(last_line)
for n in 01 02 03 04 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
	w inspection record "$i1" CL$n pass || not_ok "record CL$n"
done
for n in 21 22; do
	w inspection record "$i1" CL$n na || not_ok "record CL$n"
done
w inspection record "$i1" CL05 fail >/dev/null
before=$(snapshot "$W")
expect_rc 2 "enforcement sign-off with one inspector is refused" w inspection sign "$i1"
contains "$err" "at least two inspectors" "and cites the two-inspector rule"
contains "$err" "art. 42" "naming article 42"
check "the refusal changed nothing" test "$(snapshot "$W")" = "$before"

expect_rc 0 "inspection with an uncertified inspector" w inspection start --entity "$e" --kind inspection --inspector "$in1" --inspector "$in3"
i3=$(last_line)
for n in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
	w inspection record "$i3" CL$n pass || not_ok "record CL$n"
done
for n in 21 22; do
	w inspection record "$i3" CL$n na || not_ok "record CL$n"
done
expect_rc 2 "an inspector without a certificate does not count" w inspection sign "$i3"
contains "$err" "this one has 1" "only one certified inspector counted"

expect_rc 0 "inspection by two certified inspectors" w inspection start --entity "$e" --kind inspection --inspector "$in2" --inspector "$in1"
i=$(last_line)
expect_rc 0 "it uses the clinic checklist" w inspection show "$i"
contains "$out" "clinic@1" "the clinic checklist's version is recorded"
for n in 01 02 03 04 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
	w inspection record "$i" CL$n pass || not_ok "record CL$n"
done
for n in 21 22; do
	w inspection record "$i" CL$n na || not_ok "record CL$n"
done
expect_rc 0 "the key item fails" w inspection record "$i" CL05 fail --note '护士站<b>无证人员</b>为患者输液 & "配药"'

# evidence
printf 'JPEG photo bytes\n\001\002\003' >"$TEST_TMP/IMG_0001.JPG"
expect_rc 0 "evidence is copied in" w inspection attach "$i" "$TEST_TMP/IMG_0001.JPG" --item CL05
hash=${out%% *}
size=${out##* }
check "the size is reported" test "$size" -eq "$(wc -c <"$TEST_TMP/IMG_0001.JPG")"
if [ -n "${GIT:-}" ]; then
	check "the hash is the git blob id" test "$hash" = "$("$GIT" hash-object "$TEST_TMP/IMG_0001.JPG")"
fi
check "the bytes are kept under evidence/<hash>" cmp -s "$W/evidence/$hash" "$TEST_TMP/IMG_0001.JPG"
before=$(snapshot "$W")
expect_rc 2 "a missing evidence file is a clear error" w inspection attach "$i" "$TEST_TMP/none.jpg"
contains "$err" "cannot read $TEST_TMP/none.jpg" "naming the file"
check "and nothing changed" test "$(snapshot "$W")" = "$before"
expect_rc 0 "inspection show lists the evidence" w inspection show "$i"
contains "$out" "$hash" "with its hash"
contains "$out" "IMG_0001.JPG" "and its name"

expect_rc 0 "signed by two inspectors" w inspection sign "$i" --summary 责令立即停止使用无证人员
contains "$out" "Result: failed" "a failed key item fails the inspection"
# 10 working days from Thu 12 Feb: 13, 14 (Sat, make-up), 24, 25, 26, 27,
# 28 (Sat, make-up), 2 Mar, 3, 4 -> Wednesday 4 March 2026.
contains "$out" "Rectification deadline: 2026-03-04" "deadline on the right working day"
recheck=$(printf '%s\n' "$out" | sed -n 's/.*re-inspection task \([0-9a-f]*\)\..*/\1/p')
check "a re-inspection task was made" test "${#recheck}" -eq 32

expect_rc 0 "finding list" w finding list --entity "$e"
contains "$out" "CL05" "the failed item is a finding"
contains "$out" "2026-03-04" "with its deadline"
expect_rc 0 "the re-inspection task" w task show "$recheck"
contains "$out" "re-inspection" "is of kind re-inspection"
contains "$out" "2026-03-04" "due at the deadline"
contains "$out" "$i" "and names the inspection it follows"

# points and risk
expect_rc 0 "points show" w points show "$e"
contains "$out" "Points: 12" "the key item's violation scores 12 points"
contains "$out" "Threshold reached: 12 points" "crossing the first band"
contains "$out" "key supervision object" "with its consequence"
expect_rc 0 "points alerts (dashboard)" w points alerts
contains "$out" "仁和诊所" "the entity is on the alert list"
expect_rc 0 "entity show" w entity show "$e"
contains "$out" "Threshold reached" "the entity shows the threshold"
expect_rc 0 "risk after the inspection" w risk show "$e"
contains "$out" "Risk: high risk" "the risk grade rose"
contains "$out" "+24  12 points in the cycle 2026-01-01 to 2026-12-31" "explained by the points"
contains "$out" "failed a key item" "and by the failed inspection"

# overdue rectifications, as the dashboard sees them on 5 March
expect_rc 0 "overdue list" w finding list --overdue --date 2026-03-05
contains "$out" "2026-03-04" "the missed deadline is overdue"
lacks "$out" "2026-02-26" "the patrol set none"
expect_rc 0 "not overdue on the deadline itself" w finding list --overdue --date 2026-02-26
lacks "$out" "2026-03-04" "the inspection's deadline has not passed"
expect_rc 0 "risk with overdue rectifications" w risk show "$e" --date 2026-03-05
contains "$out" "1 rectification overdue" "overdue rectifications raise the risk"
contains "$out" "Risk: very high risk" "to the top grade"
expect_rc 0 "black list" w credit list --black --date 2026-03-05
lacks "$out" "仁和诊所" "overdue rectifications raise the risk, never the credit status"

# a signed record never changes
before=$(snapshot "$W")
expect_rc 2 "a signed inspection cannot be edited" w inspection record "$i" CL05 pass
contains "$err" "signed and cannot be changed" "and says so"
contains "$err" "inspection correct" "pointing to a correction"
expect_rc 2 "no evidence added after signing" w inspection attach "$i" "$TEST_TMP/IMG_0001.JPG"
expect_rc 2 "no second signature" w inspection sign "$i"
check "the signed record is byte for byte unchanged" test "$(snapshot "$W")" = "$before"

# printed forms
expect_rc 0 "print the patrol register" w print patrols --from 2026-02-01 --to 2026-02-28 -o "$TEST_TMP/patrol.html"
html=$(cat "$TEST_TMP/patrol.html")
contains "$html" "卫生监督协管巡查登记表" "patrol register title"
contains "$html" "@page { size: A4" "A4 page CSS"
contains "$html" "<td>仁和诊所（中山乡人民路3号）<br>诊所、村卫生室日常巡查表</td>" "the patrol row: place and content"
contains "$html" "不符合：医疗废物分类收集、专用容器、交接登记（医疗废物未分类，无交接登记）" "the problem found"
contains "$html" "<td>2026-02-12</td><td>李明</td>" "date and patroller"
contains "$html" "已作为线索报告县卫生监督所" "the remarks: reported to the county"
lacks "$html" "限期整改" "  no rectification ordered"
lacks "$html" "<script" "no script"
lacks "$html" "http" "no network reference"
# 协管信息报告: the category is the one the officer chose, never guessed
expect_rc 0 "a clue reported" w clue add --entity "$e" --category illegal_practice --content 发现无证人员坐诊 --found 2026-02-12T01:00:00Z
expect_rc 0 "a clue found, not reported yet" w clue add --grid 330102001-01 --location 中山乡东街 --category foodborne --content 多人腹泻 --not-yet
expect_rc 0 "print the report register" w print reports --from 2026-02-01 --to 2026-02-28 -o "$TEST_TMP/report.html"
html=$(cat "$TEST_TMP/report.html")
contains "$html" "卫生监督协管信息报告登记表" "report register title"
contains "$html" "<td class=\"n\">1</td><td>2026-02-12</td><td>非法行医和非法采供血</td>" "the reported row, in the category chosen"
contains "$html" "仁和诊所：发现无证人员坐诊" "with the content"
contains "$html" "<td>食源性疾病</td>" "the other category"
contains "$html" "协管信息报告率：2 / 3 = 66.7%" "the information report rate (the patrol's clue is one)"
expect_rc 0 "the clue list" w clue list --from 2026-02-01 --to 2026-02-28
contains "$out" "2 of 3 clues found were reported, 66.7%" "shows the rate"
expect_rc 0 "an empty period prints an empty register" w print reports --from 2026-01-01 --to 2026-01-31
contains "$out" "本期无信息报告" "saying so"
expect_rc 0 "print the inspection record" w print inspection "$i" -o "$TEST_TMP/insp.html"
html=$(cat "$TEST_TMP/insp.html")
contains "$html" "现场检查笔录" "inspection record title"
contains "$html" "王芳（执法证号：浙卫执0001）" "inspectors with certificates"
contains "$html" "检查人员签名" "signature lines"
contains "$html" "被检查单位负责人签名" "signature of the inspected party"
contains "$html" "护士站&lt;b&gt;无证人员&lt;/b&gt;为患者输液 &amp; &quot;配药&quot;" "notes are HTML-escaped"
lacks "$html" "<b>无证人员" "no raw markup from the record"
contains "$html" "限于2026-03-04前整改完毕" "the deadline"
contains "$html" "$hash" "the evidence hash"
expect_rc 2 "a reversed date range is refused" w print patrols --from 2026-03-01 --to 2026-02-01
expect_rc 1 "the dates are required" w print patrols --from 2026-03-01

# a correction is a new record that names the old one
expect_rc 0 "start a correction" w inspection correct "$i"
c=$(last_line)
check "the correction is a new record" test "$c" != "$i"
expect_rc 2 "one correction per record" w inspection correct "$i"
expect_rc 0 "the correction can be edited" w inspection record "$c" CL05 pass --note 复核：该人员持有护士执业证书
expect_rc 0 "the correction is signed" w inspection sign "$c"
contains "$out" "Result: passed" "the corrected result"
expect_rc 0 "show the correction" w inspection show "$c"
contains "$out" "$i" "it names the record it corrects"
expect_rc 0 "points after the correction" w points show "$e"
contains "$out" "Points: 0" "the withdrawn finding no longer scores"
expect_rc 0 "the old re-inspection task" w task show "$recheck"
contains "$out" "cancelled" "is cancelled"

# the county hands the patrol's clue over (线索移交): the inspectors' check
# that finds it put right closes the clue and the patrol's finding
expect_rc 0 "the county hands the clue over" w clue handover "$pclue" --assignee "$in1"
ctask=$(last_line)
expect_rc 0 "the inspector's task" w task show "$ctask"
contains "$out" "reported clue check" "  of kind clue check"
expect_rc 0 "checked by two inspectors" w inspection start --task "$ctask" --inspector "$in1" --inspector "$in2"
r=$(last_line)
for n in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do w inspection record "$r" CL$n pass || not_ok "record CL$n"; done
for n in 21 22; do w inspection record "$r" CL$n na || not_ok "record CL$n"; done
expect_rc 0 "the check signed" w inspection sign "$r"
check "the clue is closed" test "$(sqlite3 "$W/wangge.db" "SELECT status FROM clue WHERE id = '$pclue'")" = closed
check "the patrol's finding is rectified" test "$(sqlite3 "$W/wangge.db" "SELECT status FROM finding WHERE id = '$pf'")" = rectified
expect_rc 0 "nothing overdue any more" w finding list --overdue --date 2026-03-05
lacks "$out" "仁和诊所" "the entity has no overdue rectification"

# a year without a calendar counts Monday to Friday, never a guessed holiday,
# and says so
expect_rc 0 "calendar deadline" w calendar deadline 2026-02-12 10
check "the calendar command agrees" test "$out" = "2026-03-04"
expect_rc 0 "a deadline in a year without a calendar is counted" w calendar deadline 2026-12-28 5
check "Monday to Friday, marked provisional" test "$out" = "2027-01-04 (provisional: no 2027 holiday calendar)"

# checklist import: new versions only when the text changes
sed 's/^PC08 .*$/PC08 | - | - | - | 无过期药品，处方保存完整，处方保存2年 | No expired drugs; prescriptions kept 2 years | 《处方管理办法》第五十条/' \
	"$top_srcdir/data/checklists/patrol-clinic.txt" >"$TEST_TMP/patrol-clinic.txt"
expect_rc 0 "import an unchanged checklist" w checklist import "$top_srcdir/data/checklists/patrol-clinic.txt"
contains "$out" "already up to date" "changes nothing"
expect_rc 0 "import a changed checklist" w checklist import "$TEST_TMP/patrol-clinic.txt"
contains "$out" "version 2" "makes version 2"
expect_rc 0 "old inspections keep their version" w inspection show "$p"
contains "$out" "patrol-clinic@1" "the patrol still names version 1"
printf '@checklist bad\n@title 坏 | Bad\n@kind patrol\n@categories D211\nB1 | - | - | 5 | 内容 | L\n' >"$TEST_TMP/bad.txt"
before=$(snapshot "$W")
expect_rc 2 "a malformed checklist is refused" w checklist import "$TEST_TMP/bad.txt"
contains "$err" "bad.txt:5:" "with file and line"
check "and nothing changed" test "$(snapshot "$W")" = "$before"
printf '@checklist bad\n@title 坏 | Bad\n@kind patrol\n@categories D211\nB1 | - | X-NONE | 5 | 内容 | L | B\n' >"$TEST_TMP/bad2.txt"
expect_rc 2 "an unknown violation code is refused" w checklist import "$TEST_TMP/bad2.txt"
contains "$err" "X-NONE" "naming the code"

# a campaign brings its own checklist
cat >"$TEST_TMP/campaign.txt" <<'CL'
# 2026年春节前医疗机构专项整治
@checklist campaign-2026-spring
@title 2026年春节前医疗机构专项整治检查表 | 2026 pre-festival campaign on medical institutions
@kind inspection
@categories D211 D600
SP01 | key | M-REUSE | 5 | 一次性使用医疗用品不重复使用 | Single-use items never reused | 《消毒管理办法》第六条
SP02 | - | - | - | 春节期间值班安排公示 | Festival duty roster displayed | 《医疗机构管理条例》
CL
expect_rc 0 "import the campaign's checklist" w checklist import "$TEST_TMP/campaign.txt"
contains "$out" "version 1 stored (2 items)" "stored as version 1"
expect_rc 0 "a campaign task names it" w task add --grid 330102001-01 --kind campaign --entity "$e" \
	--title 春节前专项整治 --checklist campaign-2026-spring
ct=$(last_line)
expect_rc 0 "start from the campaign task" w inspection start --task "$ct" --inspector "$in1" --inspector "$in2"
ci=$(last_line)
expect_rc 0 "show" w inspection show "$ci"
contains "$out" "campaign-2026-spring@1" "the campaign checklist is used"
contains "$out" "enforcement inspection" "as an enforcement inspection, its kind"
expect_rc 0 "the task is started" w task show "$ct"
contains "$out" "started" "status started"
w inspection record "$ci" SP01 pass >/dev/null && w inspection record "$ci" SP02 na >/dev/null
expect_rc 0 "sign the campaign inspection" w inspection sign "$ci"
expect_rc 0 "the task is done" w task show "$ct"
contains "$out" "done" "status done"
expect_rc 2 "a done task cannot start another inspection" w inspection start --task "$ct" --inspector "$in1"

# the county desk's campaign carries its checklist to every task
expect_rc 0 "campaign add with the checklist" w campaign add --name 春节前专项整治 --from 2026-02-12 \
	--to 2026-02-28 --category D211 --checklist campaign-2026-spring
camp=$(last_line)
expect_rc 0 "its tasks" w task list --kind campaign --status open --format tsv
ct2=$(printf '%s\n' "$out" | sed -n 2p | cut -f1)
expect_rc 0 "start from a campaign task" w inspection start --task "$ct2" --inspector "$in1" --inspector "$in2"
expect_rc 0 "show" w inspection show "$(last_line)"
contains "$out" "campaign-2026-spring@1" "the campaign's checklist is used"

# a random-inspection task: the drawn inspectors inspect
pair=$(printf '%s\n%s\n' "$in1" "$in2" | LC_ALL=C sort | paste -sd, -)
expect_rc 0 "a random-inspection task with its drawn inspectors" w task add --grid 330102001-01 \
	--kind random --entity "$e" --title 双随机抽查 --inspectors "$pair"
rt=$(last_line)
expect_rc 0 "start from it without naming inspectors" w inspection start --task "$rt"
expect_rc 0 "show" w inspection show "$(last_line)"
contains "$out" "王芳 (浙卫执0001)" "the first drawn inspector"
contains "$out" "赵强 (浙卫执0002)" "the second"
contains "$out" "enforcement inspection" "an enforcement inspection"

# the red list: a well-kept hotel
expect_rc 0 "hotel" w entity add --grid 330102001-01 --category H110 --name 中山宾馆
h=$(last_line)
expect_rc 0 "hotel patrol" w inspection start --entity "$h" --inspector "$off"
hp=$(last_line)
for n in 1 2 3 4 5 6 7; do w inspection record "$hp" PP0$n pass >/dev/null || not_ok "record PP0$n"; done
expect_rc 0 "hotel patrol signed" w inspection sign "$hp"
contains "$out" "Result: passed" "passed"
expect_rc 0 "red list" w credit list --red
contains "$out" "中山宾馆" "the hotel is on the red list"
lacks "$out" "仁和诊所" "the clinic is not"

# at the year's end, with no holiday calendar for 2027 yet, the work goes on:
# the deadline is counted Monday to Friday and marked provisional
WANGGE_NOW=2026-12-28T02:00:00Z
hotel_inspection() { # the hotel inspected by two inspectors, HO11 failed
	expect_rc 0 "an inspection on 28 December" w inspection start --entity "$h" --kind inspection --inspector "$in1" --inspector "$in2"
	hi=$(last_line)
	for n in 01 02 03 04 05 06 07 08 09 10 12; do w inspection record "$hi" HO$n pass >/dev/null || not_ok "record HO$n"; done
	w inspection record "$hi" HO11 fail >/dev/null
}
hotel_inspection
yp=$hi
expect_rc 0 "an inspection whose deadline falls in 2027 is signed" w inspection sign "$yp"
contains "$out" "Rectification deadline: 2027-01-04 (provisional: no 2027 holiday calendar)" \
	"with a provisional deadline, counted Monday to Friday"
check "the finding records the mark" test "$(sqlite3 "$W/wangge.db" "SELECT deadline || ' ' || deadline_basis FROM finding WHERE inspection = '$yp'")" = "2027-01-04 provisional"
check "so does its re-inspection task" test "$(sqlite3 "$W/wangge.db" "SELECT due || ' ' || due_basis FROM task WHERE source = '$yp'")" = "2027-01-04 provisional"
expect_rc 0 "finding list shows it" w finding list --entity "$h"
contains "$out" "2027-01-04 (provisional)" "with its mark"
expect_rc 0 "inspection show shows it" w inspection show "$yp"
contains "$out" "2027-01-04 (provisional)" "with its mark"
expect_rc 0 "task show shows the re-inspection's due date" w task show "$(sqlite3 "$W/wangge.db" "SELECT id FROM task WHERE source = '$yp'")"
contains "$out" "2027-01-04 (provisional: no 2027 holiday calendar)" "with its mark in full"
expect_rc 0 "finding list --format tsv" w finding list --entity "$h" --format tsv
contains "$out" "	2027-01-04	" "machines get the date alone"
contains "$out" "	provisional" "and the basis in a column of its own"
hotel_inspection
yq=$hi
expect_rc 2 "a deadline by hand must be after today" w inspection sign "$yq" --deadline 2026-12-01
expect_rc 0 "signed with the deadline given by hand" w inspection sign "$yq" --deadline 2027-01-08
contains "$out" "Rectification deadline: 2027-01-08 (given by hand)" "the given deadline, marked"
fid=$(sqlite3 "$W/wangge.db" "SELECT id FROM finding WHERE inspection = '$yp'")
before=$(snapshot "$W")
expect_rc 2 "a deadline set by hand before the day found is refused" w finding deadline "$fid" 2026-12-01
check "nothing changed" test "$(snapshot "$W")" = "$before"
expect_rc 0 "a person sets the provisional deadline by hand" w finding deadline "$fid" 2027-01-06
check "the finding's deadline is now given by hand" test "$(sqlite3 "$W/wangge.db" "SELECT deadline || ' ' || deadline_basis FROM finding WHERE id = '$fid'")" = "2027-01-06 by_hand"
check "its re-inspection task follows" test "$(sqlite3 "$W/wangge.db" "SELECT due || ' ' || due_basis FROM task WHERE source = '$yp'")" = "2027-01-06 by_hand"
WANGGE_NOW=2026-02-12T02:00:00Z

# wangge check verifies the evidence files
expect_rc 0 "check: the workspace is in order" w check
contains "$out" "in order" "says so"
chmod u+w "$W/evidence/$hash"
printf 'tampered' >"$W/evidence/$hash"
expect_rc 3 "check finds damaged evidence" w check
contains "$out" "evidence/$hash is missing or damaged" "naming the file"
expect_rc 0 "a new patrol" w inspection start --entity "$h" --inspector "$off"
d=$(last_line)
expect_rc 0 "attaching the same file again repairs it" w inspection attach "$d" "$TEST_TMP/IMG_0001.JPG"
check "the bytes are right again" cmp -s "$W/evidence/$hash" "$TEST_TMP/IMG_0001.JPG"
expect_rc 0 "check is happy again" w check

done_testing
