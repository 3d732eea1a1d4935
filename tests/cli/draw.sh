#!/bin/sh
# The random draw (双随机) from the command line: reproducible, verifiable, 回避.
. "${top_srcdir:-.}/tests/lib.sh"

W=$TEST_TMP/county
PLAN=$TEST_TMP/q4.plan
cat >"$PLAN" <<'PLAN'
# test plan
name = 第四季度抽查
from = 2026-10-01
to = 2026-12-31
inspectors = 2
[clinic]
ratio = 20%
complaint = always
[S100]
count = 1
PLAN

"$WANGGE" -C "$W" init county --name 示范县 --code 330102 >/dev/null
"$WANGGE" -C "$W" grid add --code g1 --name 一格 --township 中山乡 >/dev/null
"$WANGGE" -C "$W" grid add --code g2 --name 二格 --township 东湖镇 >/dev/null
i=1
while [ $i -le 20 ]; do
	"$WANGGE" -C "$W" entity add --grid g$((i % 2 + 1)) --category D211 --name 诊所$i >/dev/null
	i=$((i + 1))
done
"$WANGGE" -C "$W" entity add --grid g1 --category S100 --name 中山小学 >/dev/null
"$WANGGE" -C "$W" entity add --grid g2 --category S100 --name 东湖小学 >/dev/null
for n in 1 2 3; do
	"$WANGGE" -C "$W" officer add --name 甲$n --role inspector --cert 浙卫执100$n --grid g1 >/dev/null
	"$WANGGE" -C "$W" officer add --name 乙$n --role inspector --cert 浙卫执200$n --grid g2 >/dev/null
done
"$WANGGE" -C "$W" officer add --name 无证 --role inspector >/dev/null

expect_rc 0 "dry run" "$WANGGE" -C "$W" draw --plan "$PLAN" --seed 2026-11-22 --dry-run --out "$TEST_TMP/dry1"
contains "$out" "5 entities drawn from 22" "20% of 20 clinics and 1 school"
contains "$out" "Dry run" "says it is a dry run"
lacks "$out" "无证" "an inspector without a certificate is never drawn"
expect_rc 0 "dry run again" "$WANGGE" -C "$W" draw --plan "$PLAN" --seed 2026-11-22 --dry-run --out "$TEST_TMP/dry2"
check "two runs give the same result, byte for byte" cmp -s "$TEST_TMP/dry1" "$TEST_TMP/dry2"
expect_rc 0 "another seed" "$WANGGE" -C "$W" draw --plan "$PLAN" --seed 2026-11-23 --dry-run --out "$TEST_TMP/dry3"
check "another seed, another result" test "$(cmp -s "$TEST_TMP/dry1" "$TEST_TMP/dry3"; echo $?)" = 1
# 回避: an inspector never inspects in the grid they hold (甲 hold g1, 乙 hold g2).
bad=$(printf '%s\n' "$out" | awk '($3 == "g1" && $0 ~ /甲/) || ($3 == "g2" && $0 ~ /乙/)' | wc -l)
check "no inspector is drawn for an entity of their own grid" test "$bad" -eq 0

cp -r "$W" "$TEST_TMP/copy"
before=$(snapshot "$W")
expect_rc 0 "the draw" "$WANGGE" -C "$W" draw --plan "$PLAN" --seed 2026-11-22 --out "$TEST_TMP/result"
draw=$(last_line)
check "draw prints its id last" test "${#draw}" -eq 32
check "the real draw gives the dry run's result" cmp -s "$TEST_TMP/dry1" "$TEST_TMP/result"
expect_rc 0 "the same draw on a copy of the workspace" "$WANGGE" -C "$TEST_TMP/copy" draw --plan "$PLAN" --seed 2026-11-22 --out "$TEST_TMP/result-copy"
draw2=$(last_line)
check "the copy gives the same result file" cmp -s "$TEST_TMP/result" "$TEST_TMP/result-copy"
expect_rc 0 "draw show" "$WANGGE" -C "$W" draw show "$draw" --format tsv
tasks1=$out
expect_rc 0 "draw show on the copy" "$WANGGE" -C "$TEST_TMP/copy" draw show "$draw2" --format tsv
check "the same tasks in both workspaces" test "$tasks1" = "$out"
check "five tasks" test "$(printf '%s\n' "$tasks1" | tail -n +2 | wc -l)" -eq 5
expect_rc 0 "draw list" "$WANGGE" -C "$W" draw list
contains "$out" "2026-11-22" "draw list shows the seed"
n=$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM task WHERE kind='random' AND source='$draw' AND due='2026-12-31' AND length(inspectors)=65")
check "five random tasks, due at the plan's end, with two inspectors each" test "$n" -eq 5
n=$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM task t JOIN entity e ON e.id=t.entity WHERE t.grid <> e.grid")
check "every task is in its entity's grid" test "$n" -eq 0

expect_rc 0 "verify the genuine result" "$WANGGE" -C "$W" draw --verify "$TEST_TMP/result"
contains "$out" "genuine" "verify says genuine"
contains "$out" "its 5 tasks" "verify checked the tasks"
expect_rc 0 "verify without a workspace" env WANGGE_DIR="$TEST_TMP/nowhere" "$WANGGE" draw --verify "$TEST_TMP/result"
contains "$out" "no workspace" "says it checked the file only"

# Tamper: swap one drawn entity for another clinic that was not drawn.
picked=$(grep '^pick ' "$TEST_TMP/result" | head -n 1 | cut -d' ' -f2)
other=$(grep '^entity ' "$TEST_TMP/result" | cut -d' ' -f2 | while read -r e; do
	grep -q "^pick $e " "$TEST_TMP/result" || { echo "$e"; break; }; done)
sed "s/^pick $picked /pick $other /" "$TEST_TMP/result" >"$TEST_TMP/tampered"
before=$(snapshot "$W")
expect_rc 2 "verify detects a tampered result" "$WANGGE" -C "$W" draw --verify "$TEST_TMP/tampered"
contains "$out" "different result" "and says re-running differs"
contains "$err" "NOT genuine" "and says it is not genuine"
check "verify changes nothing" test "$before" = "$(snapshot "$W")"
head -n 3 "$TEST_TMP/result" | sed 's/^seed .*/seed 2026-11-21/' >"$TEST_TMP/seedchanged"
tail -n +4 "$TEST_TMP/result" >>"$TEST_TMP/seedchanged"
expect_rc 2 "verify detects a changed seed" "$WANGGE" -C "$W" draw --verify "$TEST_TMP/seedchanged"

# The last pair: a second draw with the same seed must not repeat any entity's pair.
expect_rc 0 "second draw, same seed" "$WANGGE" -C "$W" draw --plan "$PLAN" --seed 2026-11-22 --out "$TEST_TMP/second"
n=$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM task a JOIN task b ON a.entity=b.entity AND a.source<>b.source AND a.inspectors=b.inspectors WHERE a.kind='random' AND b.kind='random'")
check "no entity gets the same pair twice in a row" test "$n" -eq 0
n=$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM task a JOIN task b ON a.entity=b.entity AND a.source<>b.source WHERE a.kind='random' AND b.kind='random'")
check "the same entities were drawn again (same seed), so the rule was exercised" test "$n" -ge 5

# 回避 by declaration: conflicts with every g1 inspector leave too few for a g2 entity.
e=$(sqlite3 "$W/wangge.db" "SELECT id FROM entity WHERE name='东湖小学'")
for o in $(sqlite3 "$W/wangge.db" "SELECT id FROM officer WHERE grid='g1' AND role='inspector'"); do
	expect_rc 0 "declare a conflict" "$WANGGE" -C "$W" recusal add --inspector "$o" --entity "$e" --reason 亲属
done
expect_rc 0 "recusal list" "$WANGGE" -C "$W" recusal list
contains "$out" "东湖小学" "conflict list names the entity"
PLAN2=$TEST_TMP/school.plan
printf 'name = 学校抽查\nfrom = 2026-10-01\nto = 2026-12-31\n[S100]\nratio = always\n' >"$PLAN2"
before=$(snapshot "$W")
expect_rc 2 "an entity without two eligible inspectors is refused" "$WANGGE" -C "$W" draw --plan "$PLAN2" --seed 1
contains "$err" "东湖小学" "the refusal names the entity"
contains "$err" "only 0 inspectors" "and says why"
check "a refused draw changes nothing" test "$before" = "$(snapshot "$W")"
printf 'name = 供水\nfrom = 2026-10-01\nto = 2026-12-31\n[water]\nratio = 10%%\n' >"$PLAN2"
expect_rc 2 "an empty category is refused" "$WANGGE" -C "$W" draw --plan "$PLAN2" --seed 1
contains "$err" "no open entity" "with the reason"
printf 'name = 坏计划\nfrom = 2026-10-01\nto = 2026-12-31\n[clinic]\nratio = 5 percent\n' >"$PLAN2"
expect_rc 2 "a bad plan is refused with its line" "$WANGGE" -C "$W" draw --plan "$PLAN2"
contains "$err" "line 5" "the refusal names the line"
expect_rc 2 "a seed with a line break is refused" "$WANGGE" -C "$W" draw --plan "$PLAN" --seed "a
b" --dry-run
check "refusals change nothing" test "$before" = "$(snapshot "$W")"
expect_rc 1 "--plan is required" "$WANGGE" -C "$W" draw --seed 1
cp "$TEST_TMP/result" "$TEST_TMP/result.bak"
expect_rc 2 "an existing result file is never overwritten" "$WANGGE" -C "$W" draw --plan "$PLAN" --seed 9 --out "$TEST_TMP/result"
check "the draw was not recorded" test "$before" = "$(snapshot "$W")"
check "the old result is intact" cmp -s "$TEST_TMP/result" "$TEST_TMP/result.bak"

# Without --seed a random seed is chosen, said and recorded.
expect_rc 0 "draw without --seed" "$WANGGE" -C "$TEST_TMP/copy" draw --plan "$PLAN" --out "$TEST_TMP/r3"
contains "$err" "random seed" "says which seed it chose"
expect_rc 0 "and that result verifies" "$WANGGE" -C "$TEST_TMP/copy" draw --verify "$TEST_TMP/r3"
# Risk from the record (data/rules/risk): four complaints lift a clinic to "high".
# A draw weighs the risk as it stands on the day it is made, the day before
# the plan's month here, whatever date the rest of the suite runs at.
WANGGE_NOW=2026-11-30T02:00:00Z
hot=$(sqlite3 "$W/wangge.db" "SELECT id FROM entity WHERE name = '诊所7'")
for n in 1 2 3 4; do
	# received before the plan starts (2026-12-01): a draw weighs what was known then
	"$WANGGE" -C "$W" complaint add --entity "$hot" --channel phone --content 投诉$n --received 2026-11-2${n}T02:00:00Z >/dev/null
done
expect_rc 0 "risk show" "$WANGGE" -C "$W" risk show "$hot"
contains "$out" "high risk" "the clinic is now high risk"
printf 'name = 高风险抽查\nfrom = 2026-12-01\nto = 2026-12-31\nhigh_risk_grade = high\n[clinic]\nratio = 0%%\nhigh_risk = always\n' >"$PLAN2"
expect_rc 0 "a plan drawing high-risk clinics only" "$WANGGE" -C "$W" draw --plan "$PLAN2" --seed 7 --dry-run --out "$TEST_TMP/risk"
contains "$out" "1 entity drawn from 20" "exactly the one high-risk clinic"
contains "$out" "诊所7" "and it is that clinic"
check "the directory in the result records the factor" grep -q "^entity $hot .* complaint,high_risk\$" "$TEST_TMP/risk"
expect_rc 0 "the risk-based result verifies on its own" env WANGGE_DIR="$TEST_TMP/nowhere" "$WANGGE" draw --verify "$TEST_TMP/risk"
printf 'name = x\nfrom = 2026-12-01\nto = 2026-12-31\nhigh_risk_grade = extreme\n[clinic]\nratio = 0%%\nhigh_risk = always\n' >"$PLAN2"
expect_rc 2 "an unknown risk grade is refused" "$WANGGE" -C "$W" draw --plan "$PLAN2" --seed 7 --dry-run
contains "$err" "extreme" "the refusal names it"
expect_rc 0 "check after the draws" "$WANGGE" -C "$W" check

done_testing
