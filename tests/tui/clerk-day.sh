#!/bin/sh
# A clerk's day on the demo county, from the screens only: import the
# officers' bundles, resolve the conflict, run a random draw and check its
# result file, dispatch to every grid, record a complaint and make its
# verification task, publish, and look at the month's report. Each step's
# effect is checked through the CLI.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

D=$TEST_TMP/demo
WANGGE_NOW=2026-12-01T04:00:00Z
export WANGGE_NOW
expect_rc 0 "the demo county" wg demo --no-ui --seed 7 --dir "$D"
expect_rc 0 "the conflict scenario's bundles" wg demo --no-ui --dir "$D" --scenario conflict
B="$D/scenarios/conflict"
U="$TEST_TMP/usb"
mkdir -p "$U/draw" "$U/out" "$U/pub"
RUN="WANGGE_MEDIA='$B:$U' exec '$WANGGE' -C '$D'"
wg -C "$D" draw list >"$TEST_TMP/draws-before"

tui_start "$RUN"
expect_screen "County desk" "the clerk's desk"
# 1. Import the officers' bundles, both at once, from the chooser.
keys 4 i
expect_screen "from-a.bundle" "the chooser lists the bundles"
keys t
expect_screen "Bundle files" "t types their paths"
type_text "$B/from-a.bundle $B/from-b.bundle"
keys C-s
expect_screen "1 conflict to resolve: press 5" "both imported; a conflict to resolve"
run wg -C "$D" conflicts
check "the CLI lists one open conflict" test "$(printf '%s\n' "$out" | grep -c phone)" -eq 1
# 2. Resolve it: the incoming value.
keys 5
expect_screen "1 conflict" "the conflicts screen"
keys Enter
expect_screen "Theirs" "Enter opens it"
keys t
expect_screen "0 conflicts" "t takes theirs"
run wg -C "$D" conflicts
lacks "$out" "phone" "the CLI has no open conflict left"

# 3. This month's draw, by the shipped plan, the result onto the stick.
keys 1
expect_screen "Random draws made: 0" "the desk counts no draw"
keys Down Down Down
keys Enter
expect_screen "Plans: Enter draws by one of them" "the draws screen"
keys Enter
expect_screen "choose the folder for the result file" "Enter on the plan asks for the folder"
keys t
expect_screen "Seed (the lottery result)" "t: the seed form, the method explained above it"
expect_screen "Use a number nobody could know before the draw" "the published-lottery method is explained"
type_text "福彩3D 2026330 1-2-3"
keys Tab C-u
type_text "$U/draw"
keys C-s
expect_screen "Dry run:" "^S shows the dry run"
run wg -C "$D" draw list
check "the dry run records nothing" test "$out" = "$(cat "$TEST_TMP/draws-before")"
keys y
expect_screen "tasks made; the result is in" "y records the draw"
run wg -C "$D" draw list
contains "$out" "福彩3D 2026330 1-2-3" "the CLI lists the draw with its seed"
result=$(ls "$U/draw" | head -n 1)
check "the result file is in the chosen folder ($result)" test -s "$U/draw/$result"
expect_rc 0 "the CLI verifies the result file" wg -C "$D" draw --verify "$U/draw/$result"
keys v
expect_screen "Check a draw result" "v asks for a result file"
keys t
expect_screen "Result file" "typed"
type_text "$U/draw/$result"
keys C-s
expect_screen "The draw result is genuine." "the screen verifies it too"
keys Escape
expect_screen "County desk" "back on the desk"

# 5. Dispatch every grid's bundle.
keys Home
keys Enter
expect_screen "grids owe a return" "Returns"
keys x t
expect_screen "Dispatch to every grid" "the folder typed"
type_text "$U/out"
keys C-s
expect_screen "bundles written to $U/out" "dispatched"
grids=$(wg -C "$D" grid list --format tsv | tail -n +2 | wc -l)
check "one bundle per grid ($grids)" test "$(ls "$U/out" | wc -l)" -eq "$grids"
keys Escape
expect_screen "County desk" "back on the desk"

# 6. A complaint and its verification task.
keys Home Down Down
keys Enter
expect_screen "a records one" "Complaints"
keys a
expect_screen "Record a complaint" "the form"
name=$(wg -C "$D" entity list --format tsv | awk -F '\t' 'NR == 2 {print $2}')
type_text "$name"
keys Tab Tab Tab
type_text "无证行医"
keys C-s
expect_screen "Complaint recorded" "recorded"
run wg -C "$D" complaint list --status open --format tsv
contains "$out" "$name" "the CLI lists the complaint about $name"
keys v
expect_screen "Verification task made" "its verification task"
keys Escape

# 7. Publish.
keys Home Down Down Down Down
keys Enter
expect_screen "as they will be published" "the preview"
keys x t
type_text "$U/pub"
keys C-s
expect_screen "marked as published" "written and marked"
check "the page is in the folder" test -n "$(ls "$U/pub" | grep '^publish-.*html$')"
keys Escape
keys q
expect_screen "EXIT=0" "quits"
done_testing
