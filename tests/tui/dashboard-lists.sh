#!/bin/sh
# The Dashboard's lists can be scrolled and opened, on the officer's and on
# the clerk's desk: PgDn/PgUp (also Space and b), End/Home (G and g) move the
# selection a page or to an end, Enter opens the selected task, entity or
# desk line, and the line under a long task list opens the whole list. With
# TERM=xterm, linux and vt100, and PuTTY's own sequences sent raw.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
A=$TEST_TMP/officer
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
oa=$(wg -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
for i in 1 2 3 4 5 6 7 8; do
	wg -C "$W" entity add --grid G01 --category D211 --name "第${i}诊所" >/dev/null
done
wg -C "$W" enroll --grid G01 --officer "$oa" -o "$TEST_TMP/enroll.bundle" >/dev/null
wg -C "$A" init officer --from "$TEST_TMP/enroll.bundle" >/dev/null
for i in 1 2 3 4 5 6 7 8 9; do
	e=$(sqlite3 "$A/wangge.db" "SELECT id FROM entity WHERE name = '第${i}诊所'")
	[ -n "$e" ] || e=$(sqlite3 "$A/wangge.db" "SELECT id FROM entity LIMIT 1")
	wg -C "$A" task add --grid G01 --kind patrol --entity "$e" --title "逾期巡查$i" \
		--due "2026-11-0$i" >/dev/null
done
wg -C "$W" task add --grid G01 --kind patrol --title 县里的任务 --due 2026-11-01 >/dev/null

# PuTTY (TERM=xterm, its default keyboard): Home ESC[1~, End ESC[4~, PgUp ESC[5~, PgDn ESC[6~
putty_end() { tm send-keys -t "$TM_S" -H 1b 5b 34 7e; }
putty_home() { tm send-keys -t "$TM_S" -H 1b 5b 31 7e; }
putty_pgdn() { tm send-keys -t "$TM_S" -H 1b 5b 36 7e; }
putty_pgup() { tm send-keys -t "$TM_S" -H 1b 5b 35 7e; }

# selected: the selected (reverse video) line of the screen
# (black on cyan, or reverse video without colours; the first line is the tabs)
selected() {
	tm capture-pane -p -e -t "$TM_S" | sed 1d | grep -aE "$(printf '\033')\\[(46|7)m" |
		sed 's/\x1b\[[0-9;]*m//g' | head -n 1
}

for term in xterm linux vt100 putty; do
	t=$term
	[ "$term" = putty ] && t=xterm
	tui_start "TERM=$t LINES=16 exec '$WANGGE' -C '$A'"
	expect_screen "Tasks: 9 overdue" "$term: the officer's dashboard"
	expect_screen "逾期巡查1" "$term: the first overdue task"
	settle
	contains "$(selected)" "逾期巡查1" "$term: selected first"
	case $term in
	putty) putty_end ;;
	vt100) keys G ;;
	*) keys End ;;
	esac
	expect_screen "never inspected" "$term: End shows the end of the dashboard"
	settle
	contains "$(selected)" "County rules" "$term: the last line, the county's rules, is selected"
	keys Up
	settle
	last=$(printf '%s\n' "$screen" | grep "never inspected" | tail -n 1)
	contains "$(selected)" "$last" "$term: above it, the last entity"
	lacks "$screen" "逾期巡查1" "$term: the top scrolled away"
	case $term in
	putty) putty_home ;;
	vt100) keys g ;;
	*) keys Home ;;
	esac
	expect_screen "逾期巡查1" "$term: Home: back to the top"
	settle
	contains "$(selected)" "逾期巡查1" "$term: the first task selected again"
	case $term in
	putty) putty_pgdn ;;
	vt100) keys Space ;;
	*) keys NPage ;;
	esac
	settle
	sel=$(selected)
	lacks "$sel" "逾期巡查1" "$term: PgDn moves the selection a page"
	case $sel in *"逾期巡查"* | *"诊所"* | *"more"*) ok "$term: onto a line that opens" ;;
	*) not_ok "$term: onto a line that opens"; diag "$sel" "$screen" ;; esac
	case $term in
	putty) putty_pgup ;;
	vt100) keys b ;;
	*) keys PPage ;;
	esac
	settle
	contains "$(selected)" "逾期巡查1" "$term: PgUp: back a page"
	keys j Enter
	expect_screen "逾期巡查2" "$term: Enter opens the selected task"
	expect_screen "Start" "$term: the task screen"
	keys Escape
	expect_screen "rReports" "$term: Esc: the dashboard again"
	settle
	contains "$(selected)" "逾期巡查2" "$term: the same line still selected"
	keys j j j j j
	settle
	contains "$(selected)" "3 more" "$term: the line under the list can be selected"
	keys Enter
	expect_screen "逾期巡查9" "$term: it opens the task list, with the rest"
	keys 1
	expect_screen "rReports" "$term: back on the dashboard"
	keys G Up Enter
	expect_screen "Points and risk" "$term: Enter on an entity due for a patrol opens it"
	keys q
	expect_screen "EXIT=0" "$term: quits"
done

# The clerk's dashboard: the desk lines, the task, the entities due.
for term in xterm vt100; do
	tui_start "TERM=$term LINES=16 exec '$WANGGE' -C '$W'"
	expect_screen "County desk" "$term: the clerk's dashboard"
	settle
	contains "$(selected)" "Returns missing" "$term: the first desk line selected"
	keys G Up
	expect_screen "第" "$term: End, then up: the last entity due for a patrol"
	settle
	contains "$(selected)" "诊所" "$term: selected"
	lacks "$screen" "Returns missing" "$term: the desk lines scrolled away"
	keys b
	settle
	case $(selected) in *"诊所"*) not_ok "$term: PgUp moves up"; diag "$screen" ;;
	*) ok "$term: PgUp moves up" ;; esac
	keys g j
	settle
	contains "$(selected)" "Conflicts waiting" "$term: Home, then down: the conflicts line"
	keys Enter
	expect_screen "0 conflicts to resolve" "$term: Enter opens it"
	keys 1
	expect_screen "County desk" "$term: the dashboard again"
	keys G Up Enter
	expect_screen "Points and risk" "$term: Enter opens the entity due for a patrol"
	keys q
	expect_screen "EXIT=0" "$term: quits"
done
done_testing
