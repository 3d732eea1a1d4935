#!/bin/sh
# The lines around every screen: the officer's own name on the top line, Quit
# always on the key bar however narrow, and a message about one screen gone
# when another opens; F3 on the dashboard, a kept search shown, overdue
# tasks marked and searched, tasks on an entity selectable, generated titles in the
# reader's language.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
A=$TEST_TMP/officer
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code 370722100-01 --name 一网格 --township 中山乡 >/dev/null
oa=$(wg -C "$W" officer add --name 张三丰 --grid 370722100-01 | tail -n 1)
wg -C "$W" entity add --grid 370722100-01 --category D211 --name 中山诊所 >/dev/null
wg -C "$W" enroll --grid 370722100-01 --officer "$oa" -o "$TEST_TMP/enroll.bundle" >/dev/null
wg -C "$A" init officer --from "$TEST_TMP/enroll.bundle" >/dev/null
check "officer workspace" test -f "$A/wangge.db"
e=$(sqlite3 "$A/wangge.db" "SELECT id FROM entity LIMIT 1")
wg -C "$A" task add --grid 370722100-01 --kind patrol --entity "$e" --title 逾期巡查 --due 2026-11-01 >/dev/null
wg -C "$A" task add --grid 370722100-01 --kind patrol --entity "$e" --title 下月巡查 --due 2099-02-01 >/dev/null
check "two tasks" test "$(sqlite3 "$A/wangge.db" "SELECT count(*) FROM task")" = 2

tui_start "exec '$WANGGE' -C '$A'"
expect_screen "张三丰" "the officer's name is on the top line at 80 columns"
keys 2 Enter
expect_screen "Inspection history" "an entity"
settle
contains "$screen" "qQuit" "its bar shows Quit at 80 columns"
tm resize-window -t "$TM_S" -x 50 -y 20
expect_screen "qQuit" "and at 50 columns, where other keys had to go"
expect_screen "张三丰" "the name still there"
tm resize-window -t "$TM_S" -x 80 -y 24
keys p
expect_screen "Started." "a patrol starts, the message line says so"
keys 3
expect_screen "Title" "the task list"
settle
lacks "$screen" "Started." "the message about the patrol went with its screen"
keys 1
expect_screen "Due for a patrol" "the dashboard"
keys F3
expect_screen "Search:" "F3 on the dashboard opens the entity search"
type_text "zs"
expect_screen "中山诊所" "which finds by pinyin initials"
keys Enter
expect_screen 'search "zs" (Esc clears it)' "the search kept stays visible above the list"
keys Escape
gone_from_screen 'search "zs"' "Esc clears it"
keys 3
expect_screen "2026-11-01 overdue" "the task list marks the overdue task"
settle
lacks "$screen" "2099-02-01 overdue" "and not the one due later"
# The task list searches as the entity list does: / (F3), by title or entity.
keys /
expect_screen "Search:" "/ opens the task search"
type_text "下月"
expect_screen 'search "下月"' "the search is named above the list"
settle
contains "$screen" "下月巡查" "it finds the task by its title"
lacks "$screen" "逾期巡查" "and lists only that one"
keys BSpace BSpace
type_text "zs"
expect_screen "逾期巡查" "the pinyin initials of the entity find its tasks"
settle
contains "$screen" "下月巡查" "  both of them"
keys Enter
settle
contains "$screen" 'search "zs" (Esc clears it)' "Enter keeps the search, shown"
lacks "$screen" "Search:" "  and closes the search line"
keys Escape
wait_for "a digit now is an F-key" 10
gone_from_screen 'search "zs"' "Esc clears it"
keys F3
expect_screen "Search:" "F3 opens it too"
type_text "nothing-like-it"
expect_screen "Nothing matches the search." "a search that finds nothing says so"
keys Escape
wait_for "a digit now is an F-key" 10
gone_from_screen "Nothing matches" "Esc clears it, the whole list is back"
keys 2 Enter
expect_screen "逾期巡查" "the entity lists its tasks"
keys Down Enter
expect_screen "Task" "a task on the entity can be selected and opened"
expect_screen "sStart" "with its keys"
keys F10
expect_screen "EXIT=0" "F10 quits"

# A re-inspection made on a Chinese screen reads in English here, and back.
# The county's inspectors order it (an officer's patrol orders none: its
# problem goes to the county as a clue); it reaches the grid in a bundle.
if locale -a 2>/dev/null | grep -qi '^zh_CN.utf-\?8$'; then
	i1=$(wg -C "$W" officer add --name 王监督 --role inspector --cert 执法证0001 | tail -n 1)
	i2=$(wg -C "$W" officer add --name 李监督 --role inspector --cert 执法证0002 | tail -n 1)
	ce=$(sqlite3 "$W/wangge.db" "SELECT id FROM entity LIMIT 1")
	p=$(LC_ALL=zh_CN.UTF-8 wg -C "$W" inspection start --entity "$ce" --kind inspection \
		--inspector "$i1" --inspector "$i2" | tail -n 1)
	for n in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22; do
		case $n in 05) o=fail ;; 21 | 22) o=na ;; *) o=pass ;; esac
		wg -C "$W" inspection record "$p" CL$n $o >/dev/null || not_ok "record CL$n"
	done
	LC_ALL=zh_CN.UTF-8 wg -C "$W" inspection sign "$p" >/dev/null || not_ok "the inspection signed"
	stored=$(sqlite3 "$W/wangge.db" "SELECT title FROM task WHERE kind = 'recheck'")
	contains "$stored" "复查" "the re-inspection was made with a Chinese title ($stored)"
	wg -C "$W" export --grid 370722100-01 -o "$TEST_TMP/down.bundle" >/dev/null || not_ok "the county exports"
	wg -C "$A" import "$TEST_TMP/down.bundle" >/dev/null || not_ok "the officer imports"
	tui_start "exec '$WANGGE' -C '$A'"
	keys 3
	expect_screen "Re-inspection: 中山诊所" "the English task list names it in English"
	keys Down Enter
	expect_screen "title: Re-inspection: 中山诊所" "and so does the task itself"
	keys q
	# On its due day the dashboard lists it, the entity named once: the
	# title names it already ("X", never "X (X)"); a typed title gets it after.
	due=$(sqlite3 "$A/wangge.db" "SELECT due FROM task WHERE kind = 'recheck'")
	tui_start "WANGGE_NOW=${due}T12:00:00Z exec '$WANGGE' -C '$A'"
	expect_screen "$due  Re-inspection: 中山诊所" "the dashboard lists the re-inspection due today"
	settle
	lacks "$screen" "中山诊所 (中山诊所)" "  naming its entity once"
	contains "$screen" "逾期巡查 (中山诊所)" "  a typed title with its entity after it"
	keys q
	tui_start "LC_ALL=zh_CN.UTF-8; export LC_ALL; exec '$WANGGE' -C '$A'"
	keys 3
	expect_screen "复查：中山诊所" "the Chinese list in Chinese"
	keys q
	expect_screen "EXIT=0" "q quits"
else
	ok "# SKIP no zh_CN.UTF-8 locale"
fi
done_testing
