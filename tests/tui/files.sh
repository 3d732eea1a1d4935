#!/bin/sh
# Choosing files, not typing them. Export offers the mounted removable media
# and a folder browser; import lists the bundle files there newest first,
# several can be marked; paths with spaces and Chinese work; typing a path
# stays possible, and a suggested path is replaced by what is typed.
# WANGGE_MEDIA points the media list at folders standing in for USB sticks.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
A=$TEST_TMP/officer
M=$TEST_TMP/media
STICK="$M/KINGSTON DT"
mkdir -p "$STICK/旧数据" "$M/U盘 2" "$TEST_TMP/typed here"
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
oa=$(wg -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
e1=$(wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 | tail -n 1)
wg -C "$W" enroll --grid G01 --officer "$oa" -o "$TEST_TMP/enroll.bundle" >/dev/null
wg -C "$A" init officer --from "$TEST_TMP/enroll.bundle" >/dev/null
check "officer workspace" test -f "$A/wangge.db"
register_key "$W" "$A"
ENV="WANGGE_MEDIA='$M/*'"

# The officer writes a bundle onto the stick by choosing it.
wg -C "$A" entity set "$e1" phone=13800138000 >/dev/null
tui_start "$ENV exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "officer: dashboard"
keys 4
expect_screen "whether the county" "the Sync screen"
settle
contains "$screen" "registered it." "  its keys read whole at 80 columns"
keys x
expect_screen "Removable: KINGSTON DT" "export offers the stick, named as it is, spaces and all"
expect_screen "Removable: U盘 2" "and the other one"
expect_screen "Folder: $STICK" "starting on the first stick"
expect_screen "旧数据/" "showing its folders"
expect_screen "^SChoose" "the bar shows ^S to choose"
hint=$(printf '%s\n' "$screen" | grep -A1 "Enter opens a folder" | tr -s ' \n' '  ')
contains "$hint" "folder shown; t types a path." "the chooser's keys read whole at 80 columns, on two lines"
keys C-s
# (the Sync screen wraps the path at the space of the stick's name)
expect_screen "DT/G01-" "^S writes the bundle onto the stick"
first=$(ls "$STICK" | grep '\.bundle$' | head -n 1)
check "  it is there ($first)" test -n "$first"
check "the bundle is on the stick ($first)" test -n "$first"

keys q
expect_screen "EXIT=0" "officer quits"

# The folder browser: into the other stick's parent and back down.
wg -C "$A" entity set "$e1" phone=13800138001 >/dev/null
tui_start "$ENV exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "officer: dashboard again"
keys 4 x
expect_screen "Folder: $STICK" "the chooser again"
keys Left
expect_screen "Folder: $M" "Left goes up one folder"
expect_screen "U盘 2/" "listing both sticks as folders"
keys End Enter
expect_screen "Folder: $M/U盘 2" "Enter opens a folder with a Chinese name"
keys C-s
expect_screen "Wrote $M/U盘 2/" "and writes there"
second=$(ls "$M/U盘 2" | grep '\.bundle$' | head -n 1)
check "the bundle is in the folder with a Chinese name" test -n "$second"

# Typing stays possible; the suggested folder goes when typing starts.
keys x
expect_screen "Folder: $STICK" "the chooser again"
keys t
expect_screen "Folder or file" "t opens the typed path"
expect_screen "$STICK" "suggesting the folder shown"
type_text "$TEST_TMP/typed here"
keys C-s
expect_screen "Wrote $TEST_TMP/typed here/" "what is typed replaces the suggestion (not appended to it)"
third=$(ls "$TEST_TMP/typed here" | grep '\.bundle$' | head -n 1)
check "the bundle is in the typed folder with a space" test -n "$third"
keys q
expect_screen "EXIT=0" "officer quits"
# (the pinned clock gives both bundles the same name: the second is renamed,
# with a space and Chinese in its name)
mv "$M/U盘 2/$second" "$STICK/第二次 $second"
second="第二次 $second"
touch -d '2026-01-01 10:00' "$STICK/$first"
touch -d '2026-01-02 10:00' "$STICK/$second"

# The county reads both from the stick: newest first, marked with Space.
tui_start "$ENV exec '$WANGGE' -C '$W'"
expect_screen "Dashboard" "county: dashboard"
keys 4 i
expect_screen "Read bundles: choose the files" "import offers the files"
expect_screen "$second" "the stick's bundle files are listed"
settle
hint=$(printf '%s\n' "$screen" | grep -A1 "Enter opens a folder" | tr -s ' \n' '  ')
contains "$hint" "reads the marked; t types a path." "  the import's keys too"
order=$(printf '%s\n' "$screen" | grep -n '\.bundle' | sed 's/:.*//' | tr '\n' ' ')
row_first=$(printf '%s\n' "$screen" | grep -nF "] $first" | sed 's/:.*//')
row_second=$(printf '%s\n' "$screen" | grep -nF "] $second" | sed 's/:.*//')
check "newest first ($order)" test "$row_second" -lt "$row_first"
keys Down Space Space
expect_screen "[x] $first" "Space marks files"
keys C-s
expect_screen "Imported." "^S reads the marked files"
expect_screen "$first" "naming the first"
expect_screen "$second" "and the second"
keys q
expect_screen "EXIT=0" "county quits"
run wg -C "$W" entity show "$e1"
contains "$out" "13800138001" "the county has the officer's later change"
done_testing
