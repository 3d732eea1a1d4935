#!/bin/sh
# Rules are county data: points, risk, patrol frequency and time limits are
# recorded in `common` as versions, each applying from its effective day. A
# fact keeps the points of the version in force on its day; only the clerk's
# recompute, recorded, counts earlier facts again. The officers receive the
# rules with the next county bundle and compute the same points.
# Every step pins its own clock.
. "${top_srcdir:-.}/tests/lib.sh"
need_stock_git

C=$TEST_TMP/county
O=$TEST_TMP/officer
at() { when=$1; shift; WANGGE_NOW=$when "$WANGGE" "$@"; }
# Thursday 12 February 2026, 10:00 in China
T1=2026-02-12T02:00:00Z
# Tuesday 10 March 2026
T2=2026-03-10T02:00:00Z

expect_rc 0 "county" at $T1 -C "$C" init county --name 示范县 --code 330102
expect_rc 0 "grid" at $T1 -C "$C" grid add --code G1 --name 一网格 --township 中山乡
expect_rc 0 "officer" at $T1 -C "$C" officer add --name 李明 --grid G1
off=$(last_line)
expect_rc 0 "inspector 1" at $T1 -C "$C" officer add --name 王芳 --role inspector --cert 浙卫执0001
in1=$(last_line)
expect_rc 0 "inspector 2" at $T1 -C "$C" officer add --name 赵强 --role inspector --cert 浙卫执0002
in2=$(last_line)
expect_rc 0 "clinic" at $T1 -C "$C" entity add --grid G1 --category D211 --name 仁和诊所
e=$(last_line)

# a new county starts with the shipped rules, recorded in common
expect_rc 0 "rules list" at $T1 -C "$C" rules list --format tsv
for s in points "risk grading" "patrol frequency" "time limits" "report categories"; do
	contains "$out" "$s	1	2000-01-01	yes	shipped with wangge" "$s: version 1, shipped, in force"
done
check "the rules are records of common" test "$(sqlite3 "$C/wangge.db" "SELECT group_concat(ruleset) FROM (SELECT ruleset FROM rules ORDER BY ruleset)")" = "limits,patrol,points,report,risk"
expect_rc 0 "rules show points" at $T1 -C "$C" rules show points
contains "$out" "@band 36 |" "Guizhou's 3-year bands are expressed"
contains "$out" "@cycle renewal | 3" "in a cycle of their own"

# an inspection on 12 February: the key item's violation (M-STAFF) scores 12
inspect() {
	expect_rc 0 "inspection ($1)" at "$1" -C "$C" inspection start --entity "$e" --kind inspection --inspector "$in1" --inspector "$in2"
	i=$(last_line)
	for n in 01 02 03 04 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
		at "$1" -C "$C" inspection record "$i" CL$n pass >/dev/null || not_ok "record CL$n"
	done
	for n in 21 22; do
		at "$1" -C "$C" inspection record "$i" CL$n na >/dev/null || not_ok "record CL$n"
	done
	at "$1" -C "$C" inspection record "$i" CL05 fail >/dev/null || not_ok "record CL05"
	expect_rc 0 "signed ($1)" at "$1" -C "$C" inspection sign "$i"
}
inspect $T1
expect_rc 0 "points show" at $T1 -C "$C" points show "$e"
contains "$out" "Points: 12 (1 violation)" "12 points"
contains "$out" "Rules: points version 1, in force from 2000-01-01" "naming the version used"
contains "$out" "Cycle 2024-01-01 to 2026-12-31: 12 points" "and the 3-year cycle's total"

# bad files are refused with the line and the reason, and nothing changes
new=$TEST_TMP/points-v2
sed -e 's/^@effective .*/@effective 2026-03-01/' \
    -e 's/^M-STAFF | 12 |/M-STAFF | 6 |/' "$top_srcdir/data/rules/points" >"$new"
before=$(snapshot "$C")
sed 's/^@effective .*/@effective 2026-02-01/' "$new" >"$TEST_TMP/past"
expect_rc 2 "an effective day before today is refused" at $T1 -C "$C" rules import "$TEST_TMP/past"
contains "$err" "past:" "naming the file"
contains "$err" "2026-02-01 is before today" "and the reason"
line=$(grep -n '^@effective' "$TEST_TMP/past" | cut -d: -f1)
contains "$err" "past:$line:" "and the line"
sed 's/^@rules .*/@rules tariffs/' "$new" >"$TEST_TMP/bad"
expect_rc 2 "an unknown set is refused" at $T1 -C "$C" rules import "$TEST_TMP/bad"
line=$(grep -n '^@rules' "$TEST_TMP/bad" | cut -d: -f1)
contains "$err" "bad:$line:" "naming the line"
sed 's/^M-STAFF | 6 |/M-STAFF | six |/' "$new" >"$TEST_TMP/bad"
expect_rc 2 "a points value that is no number is refused" at $T1 -C "$C" rules import "$TEST_TMP/bad"
line=$(grep -n '^M-STAFF |' "$TEST_TMP/bad" | cut -d: -f1)
contains "$err" "bad:$line: points must be a whole number" "naming the line and the reason"
sed '/^@effective/d' "$new" >"$TEST_TMP/bad"
expect_rc 2 "a file without @effective is refused" at $T1 -C "$C" rules import "$TEST_TMP/bad"
contains "$err" "no @effective line" "and says so"
printf '@rules patrol\n@effective 2026-03-01\n@scheme 巡查\n@default 90\n@interval high | 0\n' >"$TEST_TMP/bad"
expect_rc 2 "a patrol interval of 0 days is refused" at $T1 -C "$C" rules import "$TEST_TMP/bad"
contains "$err" "bad:5:" "naming the line"
printf '\377\376@rules points\n' >"$TEST_TMP/bad"
expect_rc 2 "a file that is not text is refused" at $T1 -C "$C" rules import "$TEST_TMP/bad"
expect_rc 2 "a missing file is refused" at $T1 -C "$C" rules import "$TEST_TMP/no-such-file"
check "the refusals changed nothing" test "$(snapshot "$C")" = "$before"
LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN expect_rc 2 "refused in Chinese too" at $T1 -C "$C" rules import "$TEST_TMP/past"
lacks "$err" "before today" "  with no English in it"

# version 2 applies from 1 March: M-STAFF scores 6 from then on
expect_rc 0 "version 2 is recorded" at $T1 -C "$C" rules import "$new"
contains "$out" "version 2, in force from 2026-03-01" "with its day"
expect_rc 0 "the same file again changes nothing" at $T1 -C "$C" rules import "$new"
contains "$out" "already recorded (version 2)" "and says so"
expect_rc 0 "rules list" at $T1 -C "$C" rules list --format tsv
contains "$out" "points	2	2026-03-01		imported by the county	示范县" "version 2 recorded by the county, not yet in force"
expect_rc 0 "points before 1 March" at $T1 -C "$C" points show "$e"
contains "$out" "Points: 12" "still 12 before the effective day"

# an officer enrolled now, and a second inspection on 10 March under version 2
expect_rc 0 "enroll" at $T1 -C "$C" enroll --grid G1 --officer "$off" -o "$TEST_TMP/enroll.bundle"
expect_rc 0 "officer workspace" at $T1 -C "$O" init officer --from "$TEST_TMP/enroll.bundle"
register_key "$C" "$O"
inspect $T2
expect_rc 0 "points on 10 March" at $T2 -C "$C" points show "$e"
contains "$out" "Points: 18 (2 violations)" "12 from February's fact, 6 from March's"
contains "$out" "versions 1 to 2" "each fact with the version of its day"
county_points=$out
expect_rc 0 "the county's risk" at $T2 -C "$C" risk show "$e"
county_risk=$out

# the officer receives the rules with the next county bundle
expect_rc 0 "county bundle" at $T2 -C "$C" export --grid G1 -o "$TEST_TMP/c1.bundle"
expect_rc 0 "officer imports it" at $T2 -C "$O" import "$TEST_TMP/c1.bundle"
expect_rc 0 "officer rules list" at $T2 -C "$O" rules list --format tsv
contains "$out" "points	2	2026-03-01	yes	imported by the county" "the officer has version 2, in force"
expect_rc 0 "officer points" at $T2 -C "$O" points show "$e"
check "officer and county compute the same points" test "$out" = "$county_points"
expect_rc 0 "officer risk" at $T2 -C "$O" risk show "$e"
check "and the same risk" test "$out" = "$county_risk"
expect_rc 2 "an officer cannot import rules" at $T2 -C "$O" rules import "$new"
expect_rc 2 "nor recompute" at $T2 -C "$O" rules recompute points --since 2026-01-01 --reason 试

# the clerk's recompute: February's fact counts with version 2, recorded
expect_rc 1 "a recompute needs a reason" at $T2 -C "$C" rules recompute points --since 2026-01-01
expect_rc 2 "nothing to recompute after the effective day" at $T2 -C "$C" rules recompute points --since 2026-03-02 --reason 试
contains "$err" "already count with version 2" "and says so"
expect_rc 0 "recompute" at $T2 -C "$C" rules recompute points --since 2026-01-01 --reason 省卫健委通知：本年度起按新标准计分
contains "$out" "1 finding from 2026-01-01 now counts with version 2" "reaching February's finding"
expect_rc 0 "points after the recompute" at $T2 -C "$C" points show "$e"
contains "$out" "Points: 12 (2 violations)" "6 and 6"
county_points=$out
expect_rc 0 "the recompute is listed" at $T2 -C "$C" rules list
contains "$out" "facts from 2026-01-01 count with version 2" "with its day"
contains "$out" "省卫健委通知" "and its reason"
check "the recompute is a record of common" test "$(sqlite3 "$C/wangge.db" "SELECT count(*) FROM recompute")" = 1
expect_rc 2 "the same recompute twice is refused" at $T2 -C "$C" rules recompute points --since 2026-01-01 --reason 试
expect_rc 0 "county bundle" at $T2 -C "$C" export --grid G1 -o "$TEST_TMP/c2.bundle"
expect_rc 0 "officer imports it" at $T2 -C "$O" import "$TEST_TMP/c2.bundle"
expect_rc 0 "officer points after the recompute" at $T2 -C "$O" points show "$e"
check "the officer computes the same again" test "$out" = "$county_points"

# patrol frequency by risk grade: the clinic's grade is due every 30 days
expect_rc 0 "patrol due after 10 days" at $T2 -C "$C" patrol due --date 2026-03-20 --format tsv
lacks "$out" "仁和诊所" "not due yet"
expect_rc 0 "patrol due after 41 days" at $T2 -C "$C" patrol due --date 2026-04-20 --format tsv
contains "$out" "仁和诊所	G1	very high risk	30	2026-03-10" "due by its grade's interval, not the default 90 days"
printf '@rules patrol\n@effective 2026-03-10\n@scheme 统一频次\n@default 90\n' >"$TEST_TMP/patrol"
expect_rc 0 "one interval for every grade" at $T2 -C "$C" rules import "$TEST_TMP/patrol"
expect_rc 0 "patrol due after 41 days" at $T2 -C "$C" patrol due --date 2026-04-20 --format tsv
lacks "$out" "仁和诊所" "then not due before 90 days"

# the time limits: a complaint's deadline with the limit in force on its day
printf '@rules limits\n@effective 2026-04-01\n@scheme 时限\n@publish-workdays 15\n@complaint-workdays 5\n@expiry-alert-days 30\n' >"$TEST_TMP/limits"
expect_rc 0 "limits version 2" at $T2 -C "$C" rules import "$TEST_TMP/limits"
expect_rc 0 "a complaint before 1 April" at $T2 -C "$C" complaint add --entity "$e" --channel phone --content 乱扔医疗废物
c1=$(last_line)
expect_rc 0 "complaint show" at $T2 -C "$C" complaint show "$c1"
contains "$out" "2026-03-31" "15 working days (version 1)"
expect_rc 0 "a complaint on 1 April" at 2026-04-01T02:00:00Z -C "$C" complaint add --entity "$e" --channel phone --content 乱扔医疗废物
c2=$(last_line)
expect_rc 0 "complaint show" at 2026-04-01T02:00:00Z -C "$C" complaint show "$c2"
contains "$out" "2026-04-09" "5 working days (version 2; 4-6 April off)"

# the Hebei-style file ships and imports as a later version
expect_rc 0 "the Hebei-style points" at $T2 -C "$C" rules import "$top_srcdir/data/rules/other/hebei-points"
contains "$out" "version 3, in force from 2027-01-01" "applying from its day"
expect_rc 0 "rules show points --version 3" at $T2 -C "$C" rules show points --version 3
contains "$out" "@band 16 |" "with its bands"
expect_rc 2 "an unknown version" at $T2 -C "$C" rules show points --version 9
expect_rc 1 "an unknown set" at $T2 -C "$C" rules show tariffs

done_testing
