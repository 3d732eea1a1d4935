#!/bin/sh
# A change made with the command line while the full-screen program is open
# must not be lost from the program's next export (it was reported missing).
# What holds: while the program has the workspace, a writing command is
# refused in words (exit 2) and changes nothing, reading commands work, and
# the program's export is whole; once the program is closed the command's
# change is made, and the program's next export carries it to the county.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
A=$TEST_TMP/officer
X=$TEST_TMP/usb
mkdir -p "$X/1" "$X/2"
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
oa=$(wg -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
e1=$(wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 | tail -n 1)
wg -C "$W" enroll --grid G01 --officer "$oa" -o "$X/enroll.bundle" >/dev/null
wg -C "$A" init officer --from "$X/enroll.bundle" >/dev/null
register_key "$W" "$A"
check "officer workspace, key registered" test $? -eq 0

db_sum() { cat "$A/wangge.db" "$A/wangge.db-wal" 2>/dev/null | cksum; }

# export_to DIR: the program writes a bundle into DIR from the Sync screen.
export_to() {
	keys 4
	expect_screen "Sending to the county" "the Sync screen"
	keys x
	expect_screen "choose the folder" "x offers folders"
	keys t
	expect_screen "Folder or file" "t types the path"
	type_text "$1"
	keys C-s
	expect_screen "Wrote $1/" "the bundle is written"
}

tui_start "exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "the program is open"
before=$(db_sum)
run wg -C "$A" entity set "$e1" phone=13800138000
check "a writing command is refused while the program is open (exit $rc)" test "$rc" -eq 2
contains "$err" "is in use by another wangge" "and says so in words"
check "and changes nothing" test "$(db_sum)" = "$before"
run wg -C "$A" entity show "$e1"
check "a reading command works meanwhile" test "$rc" -eq 0
export_to "$X/1"
keys C-q
expect_screen "EXIT=0" "the program quits"

# Now the command can make its change; the program's next export carries it.
expect_rc 0 "with the program closed the command changes the phone" \
	wg -C "$A" entity set "$e1" phone=13800138000
tui_start "exec '$WANGGE' -C '$A'"
expect_screen "Changes not yet sent: 1" "the program counts the command's change"
export_to "$X/2"
keys C-q
expect_screen "EXIT=0" "the program quits again"
expect_rc 0 "the county reads the first bundle" wg -C "$W" import "$X/1/"*.bundle
expect_rc 0 "and the second" wg -C "$W" import "$X/2/"*.bundle
run wg -C "$W" entity show "$e1"
contains "$out" "13800138000" "the county has the phone the command set"
done_testing
