#!/bin/sh
# Officers and inspectors on the county's screens: O lists them with the
# phone masked; a adds a grid officer and an inspector; x enrolls the grid
# officer into a folder chosen in the file chooser (the stick offered) and
# prints the officer's steps; c lists the recusals and a declares one. Each
# effect is checked through the CLI; the bundle starts a workspace.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
M=$TEST_TMP/media
STICK="$M/USB 1"
mkdir -p "$STICK"
WANGGE_NOW=2026-11-22T04:00:00Z
export WANGGE_NOW
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 中山乡一格 --township 中山乡 >/dev/null
wg -C "$W" grid add --code G02 --name 东湖二格 --township 东湖镇 >/dev/null
wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 >/dev/null
wg -C "$W" officer add --name 王五 --role inspector --cert 执法证0001 >/dev/null
check "a county with two grids" test -f "$W/wangge.db"
RUN="WANGGE_MEDIA='$M/*' exec '$WANGGE' -C '$W'"

tui_start "$RUN"
expect_screen "County desk" "the county's dashboard"
keys O
expect_screen "1 person. a adds one, x enrolls a grid officer" "O opens the officers"
expect_screen "王五" "the inspector is listed"
keys x
expect_screen "王五 is no grid officer" "x on an inspector is refused in words"
keys a
expect_screen "Add an officer, inspector or clerk" "a opens the form"
type_text "李明"
keys Tab Tab Right
keys Tab
type_text "13800138000"
keys C-s
expect_screen "李明 added" "^S adds the grid officer"
expect_screen "138****8000" "the phone is masked in the list"
lacks "$screen" "13800138000" "and never shown whole"
run wg -C "$W" officer list --format tsv
contains "$out" "李明	grid officer	G01" "the CLI lists the grid officer of G01"
keys a
type_text "赵六"
keys Tab Right
keys Tab Tab Tab
type_text "执法证0002"
keys C-s
expect_screen "赵六 added" "an inspector added"
run wg -C "$W" officer list --format tsv
contains "$out" "赵六	inspector" "the CLI lists the second inspector"
# Enroll the grid officer: the list is by role, grid and name.
row=$(wg -C "$W" officer list --format tsv | tail -n +2 | grep -n 李明 | cut -d: -f1)
keys Home
i=1
while [ "$i" -lt "$row" ]; do keys Down; i=$((i + 1)); done
keys x
expect_screen "Enroll 李明: choose the folder" "x on the grid officer opens the chooser"
expect_screen "Removable: USB 1" "the stick is offered"
keys C-s
expect_screen "Enrollment bundle for grid G01 written to" "^S writes the bundle onto the stick"
expect_screen "Steps for 李明 (grid G01)" "the officer's steps are printed"
expect_screen "init officer --from" "how to start the workspace"
expect_screen "fingerprint" "and to read the fingerprint to the clerk"
b=$(ls "$STICK"/*.bundle | head -n 1)
check "the enrollment bundle is on the stick" test -s "$b"
expect_rc 0 "the bundle starts the officer's workspace" \
	wg -C "$TEST_TMP/officer" init officer --from "$b"
contains "$out" "grid G01" "for grid G01"
# Recusals.
keys c
expect_screen "0 recusals declared" "c opens the recusals"
keys a
expect_screen "Declare a recusal" "a opens the form"
keys Right
keys Tab
type_text "中山诊所"
keys Tab
type_text "亲属关系"
keys C-s
expect_screen "Recusal declared" "^S declares it"
expect_screen "1 recusal declared" "the list has it"
run wg -C "$W" recusal list
contains "$out" "中山诊所" "the CLI lists the recusal for the clinic"
keys a
keys Tab
type_text "中山诊所"
keys C-s
expect_screen "choose the inspector" "no inspector chosen: refused in words"
keys Escape y
keys Escape Escape
expect_screen "County desk" "Esc goes back to the dashboard"
keys q
expect_screen "EXIT=0" "q quits"
done_testing
