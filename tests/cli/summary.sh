#!/bin/sh
# The per-entity supervision summary for a period (综合监管结果协同运用): the
# inspections, the findings with their rectification, the points, the
# complaints verified, the risk grade and the credit status, as CSV (parsed
# here) and as a printable HTML page. Every step pins its own clock.
. "${top_srcdir:-.}/tests/lib.sh"

C=$TEST_TMP/county
at() { when=$1; shift; WANGGE_NOW=$when "$WANGGE" "$@"; }
T1=2026-02-12T02:00:00Z
T2=2026-04-01T02:00:00Z

expect_rc 0 "county" at $T1 -C "$C" init county --name 示范县 --code 330102
expect_rc 0 "grid" at $T1 -C "$C" grid add --code G1 --name 一网格 --township 中山乡
expect_rc 0 "officer" at $T1 -C "$C" officer add --name 李明 --grid G1
off=$(last_line)
expect_rc 0 "inspector 1" at $T1 -C "$C" officer add --name 王芳 --role inspector --cert 浙卫执0001
in1=$(last_line)
expect_rc 0 "inspector 2" at $T1 -C "$C" officer add --name 赵强 --role inspector --cert 浙卫执0002
in2=$(last_line)
expect_rc 0 "clinic" at $T1 -C "$C" entity add --grid G1 --category D211 --name 仁和诊所 --uscc 91110000600037341L
e=$(last_line)
expect_rc 0 "inspection" at $T1 -C "$C" inspection start --entity "$e" --kind inspection --inspector "$in1" --inspector "$in2"
i=$(last_line)
for n in 01 02 03 04 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
	at $T1 -C "$C" inspection record "$i" CL$n pass >/dev/null || not_ok "record CL$n"
done
for n in 21 22; do
	at $T1 -C "$C" inspection record "$i" CL$n na >/dev/null || not_ok "record CL$n"
done
at $T1 -C "$C" inspection record "$i" CL05 fail >/dev/null
expect_rc 0 "signed" at $T1 -C "$C" inspection sign "$i" --summary 责令立即改正
expect_rc 0 "a complaint" at $T1 -C "$C" complaint add --entity "$e" --channel phone --content 诊所乱扔医疗废物 --complainant 张三
c=$(last_line)
expect_rc 0 "verified" at $T1 -C "$C" complaint verify "$c" --assignee "$off"

expect_rc 1 "the period is required" at $T2 -C "$C" summary "$e"
expect_rc 2 "a period that ends before it starts" at $T2 -C "$C" summary "$e" --from 2026-03-01 --to 2026-01-01
expect_rc 0 "summary as CSV" at $T2 -C "$C" summary "$e" --from 2026-01-01 --to 2026-03-31 --format csv -o "$TEST_TMP/s.csv"
csv=$(tr -d '\r' <"$TEST_TMP/s.csv")
field() { printf '%s\n' "$csv" | awk -F, -v s="$1" -v c="$2" '$1 == s { print $c; exit }'; }
check "the header" test "$(printf '%s\n' "$csv" | head -1)" = "Section,Date,What,Result,Detail"
check "the entity with its credit code" test "$(field entity 5)" = 91110000600037341L
check "the inspection's day" test "$(field inspection 2)" = 2026-02-12
check "and result" test "$(field inspection 4)" = failed
check "the finding's rectification, overdue at the period's end" test "$(field finding 4)" = overdue
check "the points at the period's end" test "$(field points 4)" = 12
check "with the cycle" test "$(field points 3)" = 2026-01-01..2026-12-31
check "the complaint verified" test "$(field complaint 4)" = "being verified"
check "the risk grade" test -n "$(field 'risk grade' 3)"
lacks "$csv" "张三" "no complainant in a summary for other departments"
expect_rc 0 "a period without facts" at $T2 -C "$C" summary "$e" --from 2025-01-01 --to 2025-12-31 --format csv
lacks "$out" "inspection," "no inspection in 2025"

expect_rc 0 "summary as HTML" at $T2 -C "$C" summary "$e" --from 2026-01-01 --to 2026-03-31 --format html -o "$TEST_TMP/s.html"
html=$(cat "$TEST_TMP/s.html")
contains "$html" "医疗卫生行业综合监管结果汇总表" "the printable page"
contains "$html" "@page { size: A4" "for A4 paper"
contains "$html" "91110000600037341L" "with the credit code"
contains "$html" "逾期未整改" "the rectification in the form's words"
contains "$html" "责令立即改正" "the inspection's summary"
lacks "$html" "张三" "no complainant"
LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN expect_rc 0 "the CSV in Chinese" at $T2 -C "$C" summary "$e" --from 2026-01-01 --to 2026-03-31 --format csv
contains "$out" "逾期" "translated"
lacks "$out" "overdue" "with no English in it"
done_testing
