#!/bin/sh
# Evidence on screen: ^O attaches files to the selected item through the file
# chooser (several at once, names with spaces and Chinese, or a typed path),
# and the item's row shows what is attached, signed or not.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

M=$TEST_TMP/media
mkdir -p "$M/CAMERA"
printf 'photo one' >"$M/CAMERA/现场 照片1.jpg"
printf 'photo two' >"$M/CAMERA/b.jpg"
printf 'photo three' >"$M/CAMERA/c.jpg"
printf 'a scan' >"$TEST_TMP/许可证 扫描.pdf"
one_grid_officer
check "officer workspace" test -f "$A/wangge.db"
evidence() { sqlite3 "$A/wangge.db" "SELECT item || ':' || name FROM evidence ORDER BY item, name" | tr '\n' ' '; }

tui_start "WANGGE_MEDIA='$M/*' exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "the dashboard"
keys 2 Enter
expect_screen "Inspection history" "the entity"
keys p
expect_screen "draft: mark each item" "a patrol"
expect_screen "^OAttach" "the bar shows ^O to attach evidence"
keys C-o
expect_screen "Attach evidence to PC01" "^O opens the chooser for the selected item"
expect_screen "现场 照片1.jpg" "listing the camera's files"
keys Down Down
keys Enter
expect_screen "PC01: 1 file attached as evidence." "Enter on a file attaches it"
expect_screen "[" "the item's row shows the file"
check "recorded for PC01" test -n "$(evidence)"
keys Down C-o
expect_screen "Attach evidence to PC02" "again on the next item"
keys Down Space Space
keys C-s
expect_screen "PC02: 2 files attached as evidence." "Space marks several, ^S attaches them"
keys C-o
expect_screen "Attach evidence to PC02" "once more"
keys t
expect_screen "Attach a file" "t types the path"
type_text "$TEST_TMP/许可证 扫描.pdf"
keys C-s
expect_screen "PC02: 1 file attached as evidence." "a typed path with a space and Chinese"
expect_screen "[c.jpg]" "the files show on the item's row"
keys p Up Enter
expect_screen "许可证 扫描.pdf" "and whole in the item's note form"
keys Escape
check "four files recorded ($(evidence))" test "$(sqlite3 "$A/wangge.db" "SELECT count(*) FROM evidence")" = 4
check "kept in the workspace, the same bytes once" test "$(find "$A/evidence" -type f | wc -l)" -eq 3
keys q
expect_screen "EXIT=0" "q quits"
done_testing
