#!/bin/sh
# Long work shows how far it has gone: on the command line a bar on the
# terminal (stderr), in the full-screen program a bar on the message line
# while a bundle's records are read. Everything the terminal received is
# logged (tmux pipe-pane), so a bar drawn and gone is still seen.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
A=$TEST_TMP/officer
X=$TEST_TMP/usb
LOG=$TEST_TMP/terminal.log
mkdir -p "$X"
G=G01
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code $G --name 一网格 --township 中山乡 >/dev/null
i=1
while [ "$i" -le 40 ]; do
	wg -C "$W" entity add --grid $G --category D211 --name "第${i}村卫生室" >/dev/null
	i=$((i + 1))
done
check "a grid of 40 entities" test "$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM entity")" = 40
oa=$(wg -C "$W" officer add --name 张三 --grid $G | tail -n 1)
wg -C "$W" enroll --grid $G --officer "$oa" -o "$X/enroll.bundle" >/dev/null
check "the officer enrolled" test -s "$X/enroll.bundle"

# start_logged CMD: CMD in the terminal once its output is being logged.
start_logged() {
	rm -f "$TEST_TMP/go" "$LOG"
	tui_start "while [ ! -f '$TEST_TMP/go' ]; do sleep 0.05; done; $1"
	tm pipe-pane -t "$TM_S" -o "cat >> '$LOG'"
	touch "$TEST_TMP/go"
}
logged() { grep -c "$1" "$LOG" 2>/dev/null || true; }

start_logged "WANGGE_PROGRESS_MS=0 '$WANGGE' -C '$A' init officer --from '$X/enroll.bundle'"
expect_screen "EXIT=0" "the command line: the officer's workspace is made"
check "a bar on the terminal while the records are read" \
	test "$(logged 'Reading the records of the bundle: ')" -gt 0
out=$(WANGGE_PROGRESS_MS=0 "$WANGGE" -C "$TEST_TMP/other" init officer --from "$X/enroll.bundle" 2>&1)
lacks "$out" "Reading the records" "no bar when stderr is no terminal"

# The county changes every entity of the grid; the program reads them.
sqlite3 "$W/wangge.db" "UPDATE entity SET phone = '0539-6690011' WHERE grid = '$G'"
n=$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM pending")
check "the county changed $n records" test "$n" -ge 40
start_logged "WANGGE_PROGRESS_MS=0 '$WANGGE' -C '$W' export --grid $G -o '$X/to.bundle'"
expect_screen "EXIT=0" "the county writes the bundle"
check "a bar with its total while the changes are recorded" \
	test "$(logged "Recording the changes in the history \[.*\] [0-9]*% [0-9]*/$n")" -gt 0
# then the bundle is packed, commit by commit, with its total
check "a bar while the changes are packed into the bundle" \
	test "$(logged 'Packing the changes into the bundle \[.*\] [0-9]*% [0-9]*/[0-9]')" -gt 0
start_logged "WANGGE_PROGRESS_MS=0 exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "the program"
keys 4
expect_screen "Sending to the county" "the Sync screen"
keys i
expect_screen "choose the files" "i offers the files"
keys t
expect_screen "Bundle files" "t types the path"
type_text "$X/to.bundle"
keys C-s
expect_screen "changed $n" "the import reports the changes"
check "the message line showed a bar while the records were read" \
	test "$(logged 'Reading the records of the bundle: ')" -gt 0
settle
lacks "$screen" "Reading the records" "and it is gone afterwards"
# A report says which of its charts it is computing (a large county takes
# seconds), on the message line and on the command line's terminal alike.
keys 1 r
expect_screen "Report for" "the reports"
check "the message line showed the report's bar, chart by chart of 10" \
	test "$(logged 'Computing the report \[.*\] [0-9]*% [0-9]*/10')" -gt 0
settle
lacks "$screen" "Computing the report [" "and it is gone once the charts are there"
keys C-q
expect_screen "EXIT=0" "quits"
start_logged "WANGGE_PROGRESS_MS=0 '$WANGGE' -C '$W' report >/dev/null"
expect_screen "EXIT=0" "the command line's report"
check "a bar on the terminal while the report is computed" \
	test "$(logged 'Computing the report \[')" -gt 0
# The officer's export from the Sync screen packs with a bar too (a change
# of its own to send, made before the program opens the workspace).
ea=$(sqlite3 "$A/wangge.db" "SELECT id FROM entity LIMIT 1")
wg -C "$A" entity set "$ea" address=中山路1号 >/dev/null
start_logged "WANGGE_PROGRESS_MS=0 exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "the program again"
keys 4
expect_screen "Sending to the county" "the Sync screen"
keys x
expect_screen "Folder:" "x offers the folders"
keys C-s
expect_screen "Wrote " "the bundle is written"
# (ncurses draws only what differs from the line before: the label is what
# is sure to be sent whole; the command line above showed the bar itself)
check "the message line showed a bar while it was packed" \
	test "$(logged 'Packing the changes into the bundle')" -gt 0
settle
lacks "$screen" "Packing the changes" "and it is gone afterwards"
keys q
expect_screen "EXIT=0" "quits"
done_testing
