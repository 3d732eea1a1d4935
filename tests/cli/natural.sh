#!/bin/sh
# Names in natural order, the same on the command line and on screen:
# 第2网格卫生室 before 第10网格卫生室 (bytes put "1" before "2"), in the entity
# list, in a grid's list, sorted by category, and on the Entities screen.
. "${top_srcdir:-.}/tests/lib.sh"

W=$TEST_TMP/county
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
for n in 10 2 1 21 3; do
	wg -C "$W" entity add --grid G01 --category D211 --name "第${n}村卫生室" >/dev/null
done
order() { printf '%s\n' "$1" | grep -o '第[0-9]*村' | tr '\n' ' '; }
want="第1村 第2村 第3村 第10村 第21村 "

run wg -C "$W" entity list
check "entity list in natural order: $(order "$out")" test "$(order "$out")" = "$want"
run wg -C "$W" entity list --grid G01
check "a grid's list too" test "$(order "$out")" = "$want"
run wg -C "$W" entity list --format tsv
check "and as TSV" test "$(order "$out")" = "$want"
check "the name index is in the natural collation" sh -c \
	"sqlite3 '$W/wangge.db' \"SELECT sql FROM sqlite_master WHERE name = 'entity_name'\" | grep -q wg_natural"

if [ -n "${TMUX_PROG:-$(command -v tmux)}" ]; then
	. "${top_srcdir:-.}/tests/tui/tmux.sh"
	tui_start "exec '$WANGGE' -C '$W'"
	expect_screen "Dashboard" "the program"
	keys 2
	expect_screen "5 entities" "the Entities screen"
	settle
	check "the screen's order is the command line's: $(order "$screen")" test "$(order "$screen")" = "$want"
	keys C-q
	expect_screen "EXIT=0" "quits"
fi
done_testing
