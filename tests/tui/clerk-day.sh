#!/bin/sh
# A clerk's day on the demo county, from the screens only: import three
# officers' bundles and see what each import did, record by record, by whom;
# resolve the conflict, which names the officer behind each side; run a
# random draw and check its result file; (start a campaign); dispatch to every
# grid; record a complaint and make its verification task; publish; write the
# month's report. The bundles are made with the CLI as setup; each step's
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
mkdir -p "$U/draw" "$U/out" "$U/pub" "$U/report"
# The third officer, of the second grid, changes a clinic's address in the
# demo's workspace for that grid and writes a bundle.
G2=$(wg -C "$D" grid list --format tsv | awk -F '\t' 'NR == 3 {print $1}')
e2=$(wg -C "$D" entity list --grid "$G2" --format tsv | awk -F '\t' 'NR == 2 {print $1}')
e2name=$(wg -C "$D" entity list --grid "$G2" --format tsv | awk -F '\t' 'NR == 2 {print $2}')
O2=$D/officers/$G2
expect_rc 0 "the third officer's workspace, enrolled at first open" wg demo --no-ui --dir "$D" --role "officer:$G2"
expect_rc 0 "the third officer changes an address" wg -C "$O2" entity set "$e2" address=三号网格员改的地址
expect_rc 0 "  and writes a bundle" wg -C "$O2" export -o "$U/from-c.bundle"
o2name=$(wg -C "$D" officer list --format tsv | awk -F '\t' -v g="$G2" '$3 == "grid officer" && $4 == g {print $2; exit}')
RUN="WANGGE_MEDIA='$B:$U' exec '$WANGGE' -C '$D'"
wg -C "$D" draw list >"$TEST_TMP/draws-before"
# The demo county already made its half-year draws; the desk counts them.
n_draws=$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM draw")

tui_start "$RUN"
expect_screen "County desk" "the clerk's desk"
# 1. Import the three officers' bundles at once, then see what each did.
keys 4 i
expect_screen "from-a.bundle" "the chooser lists the bundles"
keys t
expect_screen "Bundle files" "t types their paths"
type_text "$B/from-a.bundle $B/from-b.bundle $U/from-c.bundle"
keys C-s
expect_screen "1 conflict to resolve: press 5" "all three imported; a conflict to resolve"
expect_screen "from-c.bundle, from $o2name" "the sync screen says who sent each file"
run wg -C "$D" conflicts
check "the CLI lists one open conflict" test "$(printf '%s\n' "$out" | grep -c phone)" -eq 1
run wg -C "$D" log --import 3
contains "$out" "From:     $o2name (grid $G2)" "the CLI: import 3 is the third officer's"
contains "$out" "address: " "  it changed the address"
contains "$out" "-> 三号网格员改的地址" "  to the new value"
run wg -C "$D" log --import 1
a_name=$(printf '%s\n' "$out" | sed -n 's/^From:     //p')
check "the CLI names the sender of import 1 ($a_name)" test -n "$a_name"
keys w
expect_screen "Import 3: from-c.bundle from $o2name (grid $G2)" "w: what the imports did, by whom"
expect_screen "Import 1: from-a.bundle from $a_name" "  the first officer's import too"
expect_screen "→ 三号网格员改的地址" "  field by field, old → new"
keys End
keys Enter
expect_screen "$e2name" "Enter on its line opens the clinic"
expect_screen "三号网格员改的地址" "  with the new address"
keys Escape
expect_screen "What the import did" "back to what the imports did"
keys Escape
expect_screen "Sending to the officers" "Esc: back on Sync"
keys 6
expect_screen "Changes to county records" "6: History"
expect_screen "Import 3: from-c.bundle" "  each import is one line"
expect_screen "$o2name (grid" "  by whom"
keys Enter
expect_screen "→ 三号网格员改的地址" "  Enter opens what it did"
keys Escape
expect_screen "Changes to county records" "  Esc: back to History"

# 2. Resolve it: the screens name the officer behind each side, with the time.
run wg -C "$D" conflicts --format tsv
ours_by=$(printf '%s\n' "$out" | awk -F '\t' 'NR == 2 {print $6}')
theirs_by=$(printf '%s\n' "$out" | awk -F '\t' 'NR == 2 {print $7}')
ours_name=$(printf '%s\n' "$ours_by" | sed 's/ .*//')
theirs_name=$(printf '%s\n' "$theirs_by" | sed 's/ .*//')
check "the CLI names who wrote ours: $ours_by" test -n "$ours_name" -a "$ours_name" != unknown
check "  and theirs, another officer: $theirs_by" test "$theirs_name" != "$ours_name"
keys 5
expect_screen "1 conflict" "the conflicts screen"
expect_screen "$ours_name" "the list names the officer behind ours"
keys Enter
expect_screen "Ours written by $ours_by" "the conflict: who wrote ours, and when"
expect_screen "Theirs written by $theirs_by" "  and who wrote theirs"
keys t
expect_screen "0 conflicts" "t takes theirs"
run wg -C "$D" conflicts
lacks "$out" "phone" "the CLI has no open conflict left"

# 3. This month's draw, by the shipped plan, the result onto the stick.
keys 1
expect_screen "Random draws made: $n_draws " "the desk counts the county's draws ($n_draws)"
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
expect_screen "Random draws made: $((n_draws + 1)) " "  which counts the new draw"

# 4. Start a campaign: the clinics of every grid, until the 20th.
keys P
expect_screen "a starts one" "P opens the campaigns"
keys a
expect_screen "Start a campaign" "a opens the form"
type_text "冬季诊所专项检查"
keys Tab Tab
type_text "2026-12-20"
keys Tab
type_text "D211"
keys C-s
expect_screen 'Campaign "冬季诊所专项检查" started' "the campaign starts, with tasks in the grids"
run wg -C "$D" campaign list
contains "$out" "冬季诊所专项检查" "the CLI lists the campaign"
check "  with its tasks in the grids" test "$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM task WHERE kind = 'campaign' AND title = '冬季诊所专项检查'")" -gt 0
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
# Officers are enrolled at first open: a grid never sent anything gets its
# whole history (7 s of CPU for 42 grids in a plain build), with progress.
expect_screen "bundles written to $U/out" "dispatched" 240
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
expect_screen "County desk" "back on the desk"

# 8. The month's report, written to the stick as HTML and CSV.
keys r
expect_screen "Report for" "r opens the report"
today=${WANGGE_NOW%%T*}
first=$(date -u -d "$today" +%Y-%m-01)
if [ "$first" = "$today" ]; then
	to=$(date -u -d "$first -1 day" +%Y-%m-%d)
	from=$(date -u -d "$to" +%Y-%m-01)
else
	from=$first
	to=$today
fi
expect_screen "Report for $from to $to" "the month's period (on the 1st, the month just ended)"
keys x t
expect_screen "Write the report" "x asks for the folder"
type_text "$U/report"
keys C-s
expect_screen "Report written to" "written"
check "as HTML" test -s "$U/report/report-$from-$to.html"
wg -C "$D" report --from "$from" --to "$to" --format csv >"$TEST_TMP/cli.csv"
check "and as the CSV the CLI writes for the month" \
	cmp -s "$TEST_TMP/cli.csv" "$U/report/report-$from-$to.csv"
keys Escape
keys q
expect_screen "EXIT=0" "quits"
done_testing
