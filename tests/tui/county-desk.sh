#!/bin/sh
# The county desk on screen: the clerk's lines on the dashboard (returns
# missing, conflicts, complaints, publication, points alerts) each open their
# screen; Returns dispatches every grid's bundle into a chosen folder;
# Complaints records, verifies and closes one with the complainant masked;
# Publish previews, then writes. Each effect is checked through the CLI.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
M=$TEST_TMP/media
STICK="$M/USB 1"
mkdir -p "$STICK" "$TEST_TMP/pub"
WANGGE_NOW=2026-11-22T04:00:00Z
export WANGGE_NOW
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 中山乡一格 --township 中山乡 >/dev/null
wg -C "$W" grid add --code G02 --name 东湖二格 --township 东湖镇 >/dev/null
oa=$(wg -C "$W" officer add --name 李明 --grid G01 | tail -n 1)
oc=$(wg -C "$W" officer add --name 陈静 --grid G02 | tail -n 1)
e1=$(wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 | tail -n 1)
i1=$(wg -C "$W" officer add --name 王五 --role inspector --cert 执法证0001 | tail -n 1)
i2=$(wg -C "$W" officer add --name 赵六 --role inspector --cert 执法证0002 | tail -n 1)
i3=$(wg -C "$W" officer add --name 孙七 --role inspector --cert 执法证0003 | tail -n 1)
wg -C "$W" recusal add --inspector "$i3" --entity "$e1" --reason 亲属关系 >/dev/null
wg -C "$W" entity add --grid G02 --category D600 --name 东湖村卫生室 >/dev/null
wg -C "$W" enroll --grid G01 --officer "$oa" -o "$TEST_TMP/enroll-a.bundle" >/dev/null
wg -C "$W" enroll --grid G02 --officer "$oc" -o "$TEST_TMP/enroll-c.bundle" >/dev/null
check "county with two enrolled grids" test -f "$W/wangge.db"
RUN="WANGGE_MEDIA='$M/*' WANGGE_NOW=2026-11-23T04:00:00Z exec '$WANGGE' -C '$W'"

tui_start "$RUN"
expect_screen "County desk" "the county's dashboard starts with the clerk's desk"
expect_screen "Returns missing: 2 of 2 grids (the oldest since 2026-11-22)" \
	"the enrolled grids owe a return: 2, not 0"
expect_screen "Conflicts waiting: 0" "the conflicts waiting"
expect_screen "Complaints open: 0" "the complaints"
expect_screen "Points alerts: 0" "the points alerts"
keys Enter
expect_screen "2 of 2 grids owe a return" "Enter opens Returns"
expect_screen "missing since 2026-11-22" "each grid says since when its return is missing"
wide=$(screen_text | python3 -c 'import sys,unicodedata
print(max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l.rstrip()) for l in sys.stdin.read().split("\n")))')
check "Returns fits 80 columns ($wide)" test "$wide" -le 80
keys x
expect_screen "Removable: USB 1" "dispatch offers the stick"
keys C-s
expect_screen "2 bundles written to $STICK" "^S writes every grid's bundle onto the stick"
check "G01's bundle is on the stick" test -f "$STICK/G01-中山乡一格-20261123.bundle"
check "G02's bundle is on the stick" test -f "$STICK/G02-东湖二格-20261123.bundle"
run wg -C "$W" dispatch status --format tsv
contains "$out" "G01-中山乡一格-20261123.bundle" "the CLI's status names the dispatched bundle"
keys Escape
expect_screen "County desk" "Esc goes back to the dashboard"

# Complaints: record one through the form.
keys Down Down
keys Enter
expect_screen "0 complaints." "the complaints line opens Complaints"
keys a
expect_screen "Record a complaint" "a opens the complaint form"
type_text "中山诊所"
keys Tab Tab Tab
type_text "诊所门口堆放医疗废物"
keys Tab
type_text "王小明"
keys Tab
type_text "13800138000"
keys C-s
expect_screen "Complaint recorded; to be handled by" "^S records it, with the deadline from the calendar"
expect_screen "王**" "the complainant is masked in the list"
lacks "$screen" "王小明" "and never shown whole"
run wg -C "$W" complaint list --format tsv
contains "$out" "中山诊所" "the CLI lists the complaint about the clinic"
keys v
expect_screen "Verification task made for the grid" "v makes the verification task"
run wg -C "$W" task list --format tsv
contains "$out" "complaint" "the CLI lists the complaint's task"
keys c
expect_screen "Close the complaint" "c asks for the result"
type_text "已责令清理"
keys C-s
expect_screen "Complaint closed." "^S closes it"
run wg -C "$W" complaint list --status closed --format tsv
contains "$out" "中山诊所" "the CLI lists it as closed"
keys Escape
expect_screen "Complaints open: 0" "back on the dashboard, the count is current"

# Publish: preview, then write (past the draws' line).
expect_screen "Random draws made: 0" "the draws line"
keys Down Down
keys Enter
expect_screen "as they will be published" "the publication line opens the preview"
keys x
expect_screen "Publish: choose the folder" "x asks for the folder"
keys t
expect_screen "Folder" "t types it"
type_text "$TEST_TMP/pub"
keys C-s
expect_screen "marked as published" "^S writes and marks"
check "the page is written" test -f "$TEST_TMP/pub/publish-2026-11-01-2026-11-23.html"
check "the complaints' list beside it" test -f "$TEST_TMP/pub/complaints-2026-11-01-2026-11-23.csv"
lacks "$(cat "$TEST_TMP/pub/complaints-2026-11-01-2026-11-23.csv")" "王小明" \
	"the published list has no complainant"
keys Escape
keys Down
keys Enter
expect_screen "0 entities reached a points band" "the alerts line opens the points alerts"
keys Escape
expect_screen "County desk" "back"
keys q
expect_screen "EXIT=0" "quits"
expect_sane_terminal "the terminal is sane"

# p on the county names no command-line option: it asks who inspects.
tui_start "$RUN"
expect_screen "County desk" "the desk again"
keys 2
expect_screen "2 entities" "the entities"
keys /
type_text "中山诊所"
expect_screen "1 entity" "the clinic found"
keys Enter Enter
expect_screen "name: 中山诊所" "opened"
keys p
expect_screen "Who inspects?" "p asks who inspects, from the certified inspectors"
lacks "$screen" "--inspector" "and names no command-line option"
expect_screen "stands aside" "the recused inspector is marked"
keys C-s
expect_screen "0 are chosen" "none chosen: refused in words"
# by name (孙七, 王五, 赵六): 孙七 first, selected
keys Home Space
keys C-s
expect_screen "1 is chosen: choose one more" "one chosen: refused, and told to choose one more"
keys Space
keys C-s
expect_screen "孙七 declared a conflict of interest" "a recused one is refused in words"
keys Home Space Down Space
keys C-s
expect_screen "Started." "two certified, not recused: the inspection starts"
run wg -C "$W" inspection list --format tsv
contains "$out" "中山诊所" "the CLI lists the inspection of the clinic"
keys q
expect_screen "EXIT=0" "quits"

# The same desk in Chinese, at 80 columns.
tui_start "LANGUAGE=zh_CN LC_ALL=zh_CN.UTF-8 $RUN"
expect_screen "县局工作台" "zh_CN: the clerk's desk"
wide=$(screen_text | python3 -c 'import sys,unicodedata
print(max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l.rstrip()) for l in sys.stdin.read().split("\n")))')
check "the Chinese desk fits 80 columns ($wide)" test "$wide" -le 80
keys Enter
expect_screen "交回" "zh_CN: Returns"
keys q
expect_screen "EXIT=0" "quits"
done_testing
