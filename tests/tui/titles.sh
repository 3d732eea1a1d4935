#!/bin/sh
# Titles the program makes are read in the reader's language, whatever the
# language of the screen that made them, also titles stored by older versions
# (which kept them as their maker's screen showed them): the check of a
# complaint or of a clue, the re-inspection after a penalty or a signed
# patrol. Titles people typed stay as typed. LANG=en and zh_CN, on the task
# list, the task screen, the dashboard and the CLI.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 >/dev/null
e=$(sqlite3 "$W/wangge.db" "SELECT id FROM entity LIMIT 1")
src=0123456789abcdef0123456789abcdef
add() { # KIND TITLE DUE [ENTITY]
	wg -C "$W" task add --grid G01 --kind "$1" --title "$2" --due "$3" ${4:+--entity "$4"} \
		--source "$src" >/dev/null
}
add complaint "核查投诉举报：中山诊所" 2026-11-01 "$e"
add clue "Check a reported clue: 东门菜市场" 2026-11-02
add recheck "处罚后复查 示卫罚〔2026〕3号：中山诊所" 2026-11-03 "$e"
add recheck "Re-inspection: 中山诊所" 2026-11-04 "$e"
wg -C "$W" task add --grid G01 --kind patrol --title "复查：我自己写的" --due 2026-11-05 >/dev/null
check "five tasks stored" test "$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM task")" = 5

list=$(wg -C "$W" task list --format tsv)
contains "$list" "Check complaint: 中山诊所" "en CLI: the complaint's check in English"
contains "$list" "Check a reported clue: 东门菜市场" "en CLI: the clue's check as it was"
contains "$list" "Re-inspection after penalty 示卫罚〔2026〕3号: 中山诊所" "en CLI: the penalty's re-inspection"
contains "$list" "复查：我自己写的" "en CLI: a typed title as typed"
lacks "$list" "核查投诉举报" "en CLI: no Chinese form left"

if locale -a 2>/dev/null | grep -qi '^zh_CN.utf-\?8$'; then
	zh=$(LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN wg -C "$W" task list --format tsv)
	contains "$zh" "核查投诉举报：中山诊所" "zh CLI: the complaint's check in Chinese"
	contains "$zh" "核查协管报告信息：东门菜市场" "zh CLI: the clue's check in Chinese"
	contains "$zh" "处罚后复查 示卫罚〔2026〕3号：中山诊所" "zh CLI: the penalty's re-inspection"
	contains "$zh" "复查：中山诊所" "zh CLI: the re-inspection"
	lacks "$zh" "Check " "zh CLI: no English form left"
	lacks "$zh" "Re-inspection" "zh CLI: none"
else
	ok "# SKIP no zh_CN.UTF-8 locale"
fi

# 200 columns: wide enough for whole titles
for lang in en zh; do
	if [ "$lang" = zh ]; then
		locale -a 2>/dev/null | grep -qi '^zh_CN.utf-\?8$' || { ok "# SKIP no zh_CN.UTF-8"; continue; }
		tui_start "LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN; export LC_ALL LANGUAGE; exec '$WANGGE' -C '$W'" 200 24
		want1="核查投诉举报：中山诊所"
		want2="核查协管报告信息：东门菜市场"
		want3="处罚后复查 示卫罚〔2026〕3号：中山诊所"
		other="Check "
	else
		tui_start "LANG=en_US.UTF-8 exec '$WANGGE' -C '$W'" 200 24
		want1="Check complaint: 中山诊所"
		want2="Check a reported clue: 东门菜市场"
		want3="Re-inspection after penalty 示卫罚〔2026〕3号: 中山诊所"
		other="核查"
	fi
	expect_screen "$want1" "$lang: the dashboard names the complaint's check"
	keys 3
	expect_screen "$want2" "$lang: the task list: the clue's check"
	settle
	contains "$screen" "$want3" "$lang: the penalty's re-inspection"
	contains "$screen" "复查：我自己写的" "$lang: the typed title as typed"
	lacks "$screen" "$other" "$lang: nothing in the other language"
	keys Enter
	expect_screen "$want1" "$lang: the task screen, in the reader's language"
	keys q
	expect_screen "EXIT=0" "$lang: quits"
done
done_testing
