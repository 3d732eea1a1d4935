#!/bin/sh
# Holiday calendars are county data: the county checks a year's file and
# records it in `common`; the officers receive it with the next county bundle.
# A year without a calendar never stops the work: its deadlines are counted
# Monday to Friday and marked provisional, and when the calendar arrives the
# clerk is shown the deadlines it would change, which stay as given.
# Dated steps pin their own clock; the rest runs at any date (make check-dates).
. "${top_srcdir:-.}/tests/lib.sh"
need_stock_git
need_age

C=$TEST_TMP/county
O=$TEST_TMP/officer
at() { when=$1; shift; WANGGE_NOW=$when "$WANGGE" "$@"; }

expect_rc 0 "county" wg -C "$C" init county --name 示范县 --code 330102
expect_rc 0 "grid" wg -C "$C" grid add --code G1 --name 一网格 --township 中山乡
expect_rc 0 "officer" wg -C "$C" officer add --name 李明 --grid G1
off=$(last_line)
expect_rc 0 "inspector" wg -C "$C" officer add --name 王监督 --role inspector --cert 浙卫执0001
i1=$(last_line)
expect_rc 0 "second inspector" wg -C "$C" officer add --name 赵监督 --role inspector --cert 浙卫执0002
i2=$(last_line)
expect_rc 0 "clinic" wg -C "$C" entity add --grid G1 --category D100 --name 仁和诊所
e=$(last_line)

# a new county starts with the shipped years, recorded in common
expect_rc 0 "calendar list" wg -C "$C" calendar list
contains "$out" "2026" "lists 2026"
contains "$out" "国务院办公厅关于2026年部分节假日安排的通知" "with the notice it cites"
contains "$out" "shipped with wangge" "and where it came from"
lacks "$out" "关于2027年" "no 2027: wangge never invents a year"
check "the years are records of common" test "$(sqlite3 "$C/wangge.db" "SELECT group_concat(year) FROM calendar ORDER BY year")" = "2024,2025,2026"

# bad files are refused with the line and the reason, and nothing changes
before=$(snapshot "$C")
bad=$TEST_TMP/bad
printf '@year 2027\n@source 国务院办公厅关于2027年部分节假日安排的通知\noff | 2028-01-01 | 2028-01-01 | 元旦\n' >"$bad"
expect_rc 2 "a date outside the year is refused" wg -C "$C" calendar import "$bad"
contains "$err" "bad:3:" "naming the line"
contains "$err" "not in the year 2027" "and the reason"
printf '@year 2027\n@source 国务院办公厅关于2027年部分节假日安排的通知\nwork | 2027-01-09 | 调休\noff | 2027-01-08 | 2027-01-10 | 假日\n' >"$bad"
expect_rc 2 "a day both off and working is refused" wg -C "$C" calendar import "$bad"
contains "$err" "bad:4:" "naming the line"
contains "$err" "2027-01-09 is listed both as a holiday and as a working day" "and the reason"
printf '@year 2027\n@source 国务院办公厅关于2027年部分节假日安排的通知\nwork | 2027-01-06 | 调休\n' >"$bad"
expect_rc 2 "a make-up working day on a weekday is refused" wg -C "$C" calendar import "$bad"
contains "$err" "Saturday or Sunday" "and says why"
printf '@year 2027\n@source 县卫健局转发的放假通知\noff | 2027-01-01 | 2027-01-01 | 元旦\n' >"$bad"
expect_rc 2 "a file that does not cite the State Council's notice is refused" wg -C "$C" calendar import "$bad"
contains "$err" "State Council" "and says whose notice it must cite"
printf '\377\376@year 2027\n' >"$bad"
expect_rc 2 "a file that is not text is refused" wg -C "$C" calendar import "$bad"
expect_rc 2 "a missing file is refused" wg -C "$C" calendar import "$TEST_TMP/no-such-file"
check "the refusals changed nothing" test "$(snapshot "$C")" = "$before"
LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN expect_rc 2 "refused in Chinese too" wg -C "$C" calendar import "$bad"
lacks "$err" "refused" "  with no English in it"

# the officer gets the shipped years at enrollment
expect_rc 0 "enroll" wg -C "$C" enroll --grid G1 --officer "$off" -o "$TEST_TMP/enroll.bundle"
expect_rc 0 "officer workspace" wg -C "$O" init officer --from "$TEST_TMP/enroll.bundle"
register_key "$C" "$O"
expect_rc 0 "the officer's calendar list" wg -C "$O" calendar list
contains "$out" "国务院办公厅关于2026年部分节假日安排的通知" "the officer has the county's years"
expect_rc 2 "an officer cannot import a calendar" wg -C "$O" calendar import "$top_srcdir/data/calendar/2026"

# 29 December 2026, no 2027 calendar yet: the officer's patrol is signed all
# the same; what it found goes to the county as a clue, with no deadline
expect_rc 0 "a patrol on 29 December" at 2026-12-29T02:00:00Z -C "$O" inspection start --entity "$e"
p=$(last_line)
for n in 1 2 3 5 6 7 8; do at 2026-12-29T02:00:00Z -C "$O" inspection record "$p" PC0$n pass >/dev/null || not_ok "record PC0$n"; done
for n in 09 10; do at 2026-12-29T02:00:00Z -C "$O" inspection record "$p" PC$n na >/dev/null || not_ok "record PC$n"; done
at 2026-12-29T02:00:00Z -C "$O" inspection record "$p" PC04 fail --note 医疗废物无交接登记 >/dev/null
expect_rc 0 "signed on 29 December" at 2026-12-29T03:00:00Z -C "$O" inspection sign "$p" --category other
contains "$out" "Reported to the county as clue" "the problem is reported as a clue"
lacks "$out" "deadline" "  with no rectification deadline"
expect_rc 0 "export" at 2026-12-29T04:00:00Z -C "$O" export -o "$TEST_TMP/back.bundle"
expect_rc 0 "the county imports it" at 2026-12-29T05:00:00Z -C "$C" import "$TEST_TMP/back.bundle"
# the county's inspectors inspect the same day: the rectification they order
# falls in 2027 and is counted Monday to Friday
insp_fail() { # insp_fail TIME: a county inspection of the clinic failing CL14, signed
	expect_rc 0 "an inspection at $1" at "$1" -C "$C" inspection start --entity "$e" --kind inspection --inspector "$i1" --inspector "$i2"
	ip=$(last_line)
	for n in 01 02 03 04 05 06 07 08 09 10 11 12 13 15 16 17 18 19 20; do
		at "$1" -C "$C" inspection record "$ip" CL$n pass >/dev/null || not_ok "record CL$n"
	done
	for n in 21 22; do
		at "$1" -C "$C" inspection record "$ip" CL$n na >/dev/null || not_ok "record CL$n"
	done
	at "$1" -C "$C" inspection record "$ip" CL14 fail --note 医疗废物无交接登记 >/dev/null
}
insp_fail 2026-12-29T06:00:00Z
p=$ip
expect_rc 0 "signed on 29 December" at 2026-12-29T06:30:00Z -C "$C" inspection sign "$p"
contains "$out" "2027-01-05 (provisional: no 2027 holiday calendar)" "a provisional deadline, Monday to Friday"
expect_rc 0 "the printed record" wg -C "$C" print inspection "$p" -o "$TEST_TMP/record.html"
contains "$(cat "$TEST_TMP/record.html")" "限于2027-01-05前整改完毕（暂定期限：尚无2027年法定节假日安排，按周一至周五计算）" "marks the deadline provisional"
expect_rc 0 "the printed patrol register" wg -C "$C" print patrols --from 2026-12-01 --to 2026-12-31 -o "$TEST_TMP/register.html"
contains "$(cat "$TEST_TMP/register.html")" "已作为线索报告县卫生监督所" "the patrol's problem went to the county"
lacks "$(cat "$TEST_TMP/register.html")" "限期整改" "  the patrol ordered no rectification"
expect_rc 0 "a complaint on 29 December" at 2026-12-29T06:00:00Z -C "$C" complaint add --entity "$e" --channel phone --content 诊所乱扔医疗废物
cid=$(last_line)
expect_rc 0 "complaint show" wg -C "$C" complaint show "$cid"
contains "$out" "2027-01-19 (provisional: no 2027 holiday calendar)" "its handling deadline is provisional too"
expect_rc 0 "calendar review before the calendar arrives" wg -C "$C" calendar review
contains "$out" "No provisional deadline would change" "a year still missing changes nothing"

# the county imports 2027: a made-up file for this test only (NOT the State
# Council's 2027 notice; wangge ships no 2027 until it can be checked)
cat >"$TEST_TMP/2027" <<'EOF'
# test data only: not the real 2027 holidays
@year 2027
@source 国务院办公厅关于2027年部分节假日安排的通知（测试用）
off | 2027-01-01 | 2027-01-03 | 元旦
off | 2027-01-07 | 2027-01-08 | 测试假日
work | 2027-01-09 | 测试调休上班（周六）
EOF
before_deadlines=$(sqlite3 "$C/wangge.db" "SELECT group_concat(deadline || ' ' || deadline_basis) FROM (SELECT deadline, deadline_basis FROM finding UNION ALL SELECT deadline, deadline_basis FROM complaint ORDER BY 1)")
expect_rc 0 "the county imports 2027" at 2027-01-04T02:00:00Z -C "$C" calendar import "$TEST_TMP/2027"
contains "$out" "Holiday calendar for 2027 recorded (version 1)" "recorded"
contains "$out" "2 provisional deadlines" "the clerk is shown the provisional deadlines it would change"
contains "$out" "仁和诊所" "naming the entity"
contains "$out" "2027-01-06" "and the day the calendar gives for the finding"
contains "$out" "2027-01-21" "and for the complaint"
check "nothing is moved silently" test "$(sqlite3 "$C/wangge.db" "SELECT group_concat(deadline || ' ' || deadline_basis) FROM (SELECT deadline, deadline_basis FROM finding UNION ALL SELECT deadline, deadline_basis FROM complaint ORDER BY 1)")" = "$before_deadlines"
expect_rc 0 "importing the same file again" wg -C "$C" calendar import "$TEST_TMP/2027"
contains "$out" "already recorded" "changes nothing"
expect_rc 0 "calendar review lists them again" wg -C "$C" calendar review --year 2027 --format tsv
check "  two rows and a header" test "$(printf '%s\n' "$out" | wc -l)" -eq 3
expect_rc 0 "calendar list" wg -C "$C" calendar list
contains "$out" "imported by the county" "2027 came from the county"
contains "$out" "示范县" "recorded by the county office"
contains "$out" "（测试用）" "with the notice it cites"
expect_rc 0 "calendar deadline uses it" wg -C "$C" calendar deadline 2026-12-29 5
check "  counted with the holidays, no mark" test "$out" = "2027-01-06"
expect_rc 0 "a person moves the complaint's deadline" wg -C "$C" complaint deadline "$cid" 2027-01-21
check "  marked as given by hand" test "$(sqlite3 "$C/wangge.db" "SELECT deadline || ' ' || deadline_basis FROM complaint WHERE id = '$cid'")" = "2027-01-21 by_hand"
expect_rc 0 "calendar review" wg -C "$C" calendar review
lacks "$out" "complaint" "the complaint is no longer provisional"
contains "$out" "2027-01-05" "the finding still is, as given"
expect_rc 0 "check" wg -C "$C" check

# a county made before calendars were county data holds no calendar record:
# it counts with the shipped years, and keeps them when it records a new one
L=$TEST_TMP/legacy
wg -C "$L" init county --name 旧县 --code 330103 >/dev/null
sqlite3 "$L/wangge.db" "DELETE FROM calendar; DELETE FROM pending WHERE kind = 'calendar'"
expect_rc 0 "an old county's calendar list" wg -C "$L" calendar list
contains "$out" "国务院办公厅关于2026年部分节假日安排的通知" "shows the shipped years"
expect_rc 0 "it counts 2026 with them" wg -C "$L" calendar deadline 2026-09-30 1
check "  past National Day" test "$out" = "2026-10-08"
expect_rc 0 "the old county records 2027" wg -C "$L" calendar import "$TEST_TMP/2027"
check "and keeps the shipped years beside it" test "$(sqlite3 "$L/wangge.db" "SELECT group_concat(year || origin) FROM (SELECT year, origin FROM calendar ORDER BY CAST(year AS INTEGER))")" = "2024shipped,2025shipped,2026shipped,2027imported"

# the officer receives 2027 with the next county bundle
expect_rc 0 "county exports the grid" at 2027-01-04T03:00:00Z -C "$C" export --grid G1 -o "$TEST_TMP/to-officer.bundle"
expect_rc 0 "stock git verifies it against the officer's history" git -C "$O/history.git" bundle verify "$(opened "$TEST_TMP/to-officer.bundle" "$O")"
expect_rc 0 "the officer imports it" at 2027-01-05T01:00:00Z -C "$O" import "$TEST_TMP/to-officer.bundle"
expect_rc 0 "the officer's calendar list" wg -C "$O" calendar list
contains "$out" "（测试用）" "has the county's 2027"
contains "$out" "imported by the county" "and says where it came from"
expect_rc 0 "the officer counts with it" at 2027-01-05T02:00:00Z -C "$O" calendar deadline 2027-01-05 5
check "  the county's 2027" test "$out" = "2027-01-13"
insp_fail 2027-01-05T02:00:00Z
p2=$ip
expect_rc 0 "signed" at 2027-01-05T03:00:00Z -C "$C" inspection sign "$p2"
check "the deadline is counted with the county's 2027 calendar" test "$(printf '%s\n' "$out" | grep deadline)" = "Rectification deadline: 2027-01-13; re-inspection task $(sqlite3 "$C/wangge.db" "SELECT id FROM task WHERE source = '$p2'")."
check "the finding is not provisional" test "$(sqlite3 "$C/wangge.db" "SELECT deadline || '|' || deadline_basis FROM finding WHERE inspection = '$p2'")" = "2027-01-13|"
check "the first finding stays as it was given" test "$(sqlite3 "$C/wangge.db" "SELECT deadline || '|' || deadline_basis FROM finding WHERE inspection = '$p'")" = "2027-01-05|provisional"
expect_rc 0 "officer check" wg -C "$O" check
expect_rc 0 "the history holds the calendar as a record stock git reads" git -C "$C/history.git" ls-tree -r --name-only refs/heads/common
contains "$out" "calendar/" "under calendar/"
done_testing
