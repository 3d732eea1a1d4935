#!/bin/sh
# Points alerts, the credit lists and risk on the county's screens: the
# dashboard's alerts line opens the alerts with the reasons of the selected
# entity; R opens the red list, f the black list and then the entities at
# risk, each with its reasons under the list; Enter opens the entity. What
# the screens list is what the CLI lists.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
at() { when=$1; shift; WANGGE_NOW=$when "$WANGGE" -C "$W" "$@"; }
T1=2026-11-02T02:00:00Z
T2=2026-11-05T02:00:00Z
T3=2026-11-10T02:00:00Z
at $T1 init county --name 示范县 --code 330102 >/dev/null
at $T1 grid add --code G1 --name 一网格 --township 中山乡 >/dev/null
e=$(at $T1 entity add --grid G1 --category D211 --name 仁和诊所 | tail -n 1)
e2=$(at $T1 entity add --grid G1 --category D211 --name 康宁诊所 | tail -n 1)
e3=$(at $T1 entity add --grid G1 --category D211 --name 安康诊所 --uscc 91110000600037341L | tail -n 1)
i1=$(at $T1 officer add --name 王五 --role inspector --cert 执法证0001 | tail -n 1)
i2=$(at $T1 officer add --name 赵六 --role inspector --cert 执法证0002 | tail -n 1)
# 仁和诊所 fails a key item of an enforcement inspection: 12 points.
i=$(at $T1 inspection start --entity "$e" --kind inspection --inspector "$i1" --inspector "$i2" | tail -n 1)
for n in 01 02 03 04 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
	at $T1 inspection record "$i" CL$n pass >/dev/null || not_ok "record CL$n"
done
for n in 21 22; do
	at $T1 inspection record "$i" CL$n na >/dev/null || not_ok "record CL$n"
done
at $T1 inspection record "$i" CL05 fail >/dev/null
expect_rc 0 "the failed inspection signed" at $T1 inspection sign "$i"
# 康宁诊所 passes: the red list.
j=$(at $T1 inspection start --entity "$e2" --kind inspection --inspector "$i1" --inspector "$i2" | tail -n 1)
for n in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
	at $T1 inspection record "$j" CL$n pass >/dev/null || not_ok "record CL$n"
done
for n in 21 22; do
	at $T1 inspection record "$j" CL$n na >/dev/null || not_ok "record CL$n"
done
expect_rc 0 "the passed inspection signed" at $T1 inspection sign "$j"
# 安康诊所 is black-listed by decision.
basis='《医疗机构管理条例》（条款待核）'
expect_rc 0 "notice" at $T1 blacklist notice "$e3" --reason 出租、出借医疗机构执业许可证 \
	--basis "$basis" --body 示范县卫生健康局 --objection-days 1
b=$(last_line)
expect_rc 0 "decision" at $T2 blacklist decide "$b" --term-months 12
run at $T3 points alerts --format tsv
contains "$out" "仁和诊所" "the CLI's points alerts name the failed clinic"
run at $T3 credit list --red --format tsv
contains "$out" "康宁诊所" "the CLI's red list has the passed clinic"
run at $T3 credit list --black --format tsv
contains "$out" "安康诊所" "the CLI's black list has the listed clinic"

tui_start "WANGGE_NOW=$T3 exec '$WANGGE' -C '$W'"
expect_screen "Points alerts: 1 entities reached a band" "the dashboard counts the alert"
keys Down Down Down Down Down Enter
expect_screen "1 entity reached a points band" "the alerts line opens the alerts"
expect_screen "key supervision object" "with the consequence of the county's rules"
expect_screen "Why 仁和诊所 is listed:" "and the reasons of the selected one"
expect_screen "Cycle 2026-01-01 to 2026-12-31: 12 points from 1 violation" "its cycle, points and violations"
expect_screen "Threshold reached: 12 points" "the threshold reached"
expect_screen "Rules: points version 1" "the rules' version"
keys Enter
expect_screen "Points and risk" "Enter opens the entity"
keys Escape Escape
expect_screen "County desk" "back to the dashboard"
keys R
expect_screen "Red list: 1 entity" "R opens the red list"
expect_screen "康宁诊所" "the passed clinic"
expect_screen "On the red list: the last inspection passed" "with the reason"
expect_screen "category: clinic (base risk)" "and the facts of its score"
keys f
expect_screen "Black list: 1 entity" "f: the black list"
expect_screen "安康诊所" "the listed clinic"
expect_screen "Reason: 出租、出借医疗机构执业许可证" "its reason"
expect_screen "Legal basis: 《医疗机构管理条例》" "its legal basis"
expect_screen "listed on 2026-11-05 until" "and its term"
keys f
expect_screen "Risk above the lowest grade:" "f: the entities at risk"
expect_screen "仁和诊所" "the failed clinic is at risk"
expect_screen "the last inspection (2026-11-02) failed a key item" "with the facts that make its score"
run at $T3 risk show "$e"
grade=$(printf '%s\n' "$out" | sed -n 's/^Risk: \([^,]*\),.*/\1/p')
expect_screen "$grade" "the grade the CLI gives ($grade)"
keys Enter
expect_screen "仁和诊所" "Enter opens the entity"
expect_screen "Points and risk" "its standing"
keys Escape Escape
expect_screen "County desk" "Esc goes back to the dashboard"
keys q
expect_screen "EXIT=0" "q quits"
done_testing
