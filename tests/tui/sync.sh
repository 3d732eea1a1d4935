#!/bin/sh
# Sync, conflicts and history screens in a real terminal: an officer writes a
# bundle from the Sync screen, the county reads it there, resolves the
# conflict on the Conflicts screen and sees who changed what on History.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
A=$TEST_TMP/officer
X=$TEST_TMP/usb
mkdir -p "$X"
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
oa=$(wg -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
e1=$(wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 | tail -n 1)
wg -C "$W" entity add --grid G01 --category P100 --name 仁和药店 >/dev/null
wg -C "$W" enroll --grid G01 --officer "$oa" -o "$X/enroll.bundle" >/dev/null
check "county enrolls the officer" test $? -eq 0
wg -C "$A" init officer --from "$X/enroll.bundle" >/dev/null
register_key "$W" "$A"
check "officer workspace" test $? -eq 0
# Both change the same field: a conflict for the county to resolve.
wg -C "$A" entity set "$e1" phone=13800138000 >/dev/null
wg -C "$W" entity set "$e1" phone=13900139000 >/dev/null

# The officer writes a bundle to the "USB stick".
tui_start "exec '$WANGGE' -C '$A'"
expect_screen "Changes not yet sent: 1" "officer: the dashboard counts the unsent change"
keys 4
expect_screen "Sending to the county" "4 opens the Sync screen"
keys x
expect_screen "choose the folder" "x offers folders to write to"
keys t
expect_screen "Folder or file" "t types the path instead"
type_text "$X"
keys F2
expect_screen "Wrote $X/" "the bundle is written to the folder"
expect_screen "written" "and listed"
keys 1
expect_screen "Last bundle exported: 20" "the dashboard shows when"
keys F10
expect_screen "EXIT=0" "F10 quits"
bundle=$(ls "$X" | grep -v enroll | head -n 1)
check "one bundle in the folder ($bundle)" test -n "$bundle"

# The county reads it and resolves the conflict.
tui_start "exec '$WANGGE' -C '$W'"
expect_screen "Dashboard" "county: dashboard"
keys 4
expect_screen "Sending to the officers" "the county's Sync screen"
keys i
expect_screen "Read bundles: choose the files" "i offers the files"
keys t
expect_screen "Bundle files" "t types the path instead"
type_text "$X/$bundle"
keys F2
expect_screen "1 conflict to resolve: press 5" "the import reports the conflict"
expect_screen "added 0, changed 0, deleted 0, conflicts 1:" "and what it did"
expect_screen "  G01-" "  naming the file (wrapped to the screen)"
keys 5
expect_screen "1 conflict to resolve" "5 lists the conflict"
expect_screen "中山诊所" "naming the record"
keys Enter
expect_screen "Theirs (incoming)" "Enter shows base, ours and theirs"
expect_screen "13800138000" "with the officer's value"
expect_screen "13900139000" "and the county's"
keys t
expect_screen "Nothing to resolve." "t takes theirs and the list empties"
run wg -C "$W" entity show "$e1"
contains "$out" "13800138000" "the working copy has the officer's phone"
keys 6
expect_screen "Changes to county records" "6 shows the history"
keys 2
expect_screen "2 entities" "entities"
keys Enter
expect_screen "Inspection history" "an entity"
keys l
expect_screen "Changes of" "l shows the record's history"
expect_screen "张三" "naming who changed it"
keys Escape q
expect_screen "EXIT=0" "q quits"
expect_sane_terminal "the terminal is restored"
done_testing
