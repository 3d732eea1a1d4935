#!/bin/sh
# wangge demo --role officer:GRID and --scenario: the officer workspaces are
# really enrolled from the demo county, and every command a scenario prints
# is run here, in order, and does what the text says.
. "${top_srcdir:-.}/tests/lib.sh"

D=$TEST_TMP/demo
expect_rc 0 "build the demo county" "$WANGGE" demo --no-ui --seed 7 --dir "$D"

# The numbered steps' commands, with "wangge" made the binary under test.
steps() {
	printf '%s\n' "$1" | sed -n 's/^       wangge /"$WANGGE" /p'
}

start=$(date +%s)
expect_rc 0 "--scenario conflict" "$WANGGE" demo --no-ui --dir "$D" --scenario conflict
diag "prepared in $(($(date +%s) - start)) s (the first enrollment commits the whole county to the history)"
text=$out
contains "$text" "As the county clerk" "it tells the trainee what to do"
grid=$(printf '%s\n' "$text" | sed -n 's/.*two officers of grid \([^,]*\),.*/\1/p')
v2=$(printf '%s\n' "$text" | sed -n 's/.*the other \([0-9]*\)\..*/\1/p')
v1=$(printf '%s\n' "$text" | sed -n 's/.*one wrote \([0-9]*\),.*/\1/p')
clinic=$(printf '%s\n' "$text" | sed -n 's/.*(id \([0-9a-f]*\)).*/\1/p' | head -n 1)
check "it names the grid and the values ($grid, $v2)" test -n "$grid" -a -n "$v2"
cmds=$(steps "$text")
check "five steps' commands are printed" test "$(printf '%s\n' "$cmds" | wc -l)" -eq 6
run sh -c "$(printf '%s\n' "$cmds" | sed -n 1p)"
check "step 1: the first bundle imports" test "$rc" -eq 0
contains "$out" "conflicts 0" "without conflict"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 2p)"
check "step 2: the second imports" test "$rc" -eq 0
contains "$out" "conflicts 1" "and reports 1 conflict, as the text says"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 3p)"
contains "$out" "phone" "step 3: the conflict list shows the phone field"
contains "$out" "$v2" "and the second officer's value"
number=$(printf '%s\n' "$out" | awk 'NR == 2 {print $1}')
run sh -c "$(printf '%s\n' "$cmds" | sed -n 4p | sed "s/NUMBER/$number/")"
check "step 3: conflicts show NUMBER works" test "$rc" -eq 0
run sh -c "$(printf '%s\n' "$cmds" | sed -n 5p | sed "s/NUMBER/$number/")"
check "step 4: resolving it works" test "$rc" -eq 0
run sh -c "$(printf '%s\n' "$cmds" | sed -n 6p)"
contains "$out" "$v2" "step 5: the clinic has the second officer's number"
expect_rc 0 "no conflicts are left" "$WANGGE" -C "$D" conflicts
contains "$out" "No open conflicts" "and the list says so"

expect_rc 0 "--scenario out-of-order" "$WANGGE" demo --no-ui --dir "$D" --scenario out-of-order
text=$out
tuesday=$(printf '%s\n' "$text" | sed -n "s/.*Tuesday's number, \([0-9]*\):.*/\1/p")
cmds=$(steps "$text")
check "three steps' commands are printed" test "$(printf '%s\n' "$cmds" | wc -l)" -eq 3
before=$(snapshot "$D")
run sh -c "$(printf '%s\n' "$cmds" | sed -n 1p)"
check "step 1: Tuesday's bundle alone is refused (exit 2)" test "$rc" -eq 2
contains "$err" "monday.bundle first" "naming the bundle it builds on"
check "and nothing changed" test "$(snapshot "$D")" = "$before"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 2p)"
check "step 2: Monday's then Tuesday's import" test "$rc" -eq 0
run sh -c "$(printf '%s\n' "$cmds" | sed -n 3p)"
contains "$out" "$tuesday" "step 3: the clinic has Tuesday's number ($tuesday)"

# A forged bundle: signed with one officer's key in the name of another.
expect_rc 0 "--scenario forged" "$WANGGE" demo --no-ui --dir "$D" --scenario forged
cmds=$(steps "$out")
check "four command lines are printed" test "$(printf '%s\n' "$cmds" | wc -l)" -eq 4
before=$(snapshot "$D")
run sh -c "$(printf '%s\n' "$cmds" | sed -n 1p)"
check "step 1: the forged bundle is refused (exit 2)" test "$rc" -eq 2
contains "$err" "the bundle is forged" "saying it is forged"
contains "$err" "but it is signed with the key of" "and whose key signed it"
check "and nothing changed" test "$(snapshot "$D")" = "$before"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 2p)"
check "step 2: the keys are listed" test "$rc" -eq 0

# A rectification is overdue: the printed steps re-inspect and close it.
expect_rc 0 "--scenario overdue" "$WANGGE" demo --no-ui --dir "$D" --scenario overdue
text=$out
cmds=$(steps "$text")
check "seven commands are printed" test "$(printf '%s\n' "$cmds" | wc -l)" -eq 7
finding_item=$(printf '%s\n' "$text" | sed -n 's/.*found that item \([A-Z0-9]*\) was not met.*/\1/p')
finding_entity=$(printf '%s\n' "$text" | sed -n 's/.*the inspection [0-9a-f]* of \(.*\) (grid .*/\1/p')
insp=$(printf '%s\n' "$text" | sed -n 's/.*the inspection \([0-9a-f]*\) of.*/\1/p')
run sh -c "$(printf '%s\n' "$cmds" | sed -n 1p)"
contains "$out" "$finding_item" "step 1: the overdue list shows item $finding_item"
overdue_before=$(printf '%s\n' "$out" | wc -l)
the_line=$(printf '%s\n' "$out" | grep -F "$finding_entity" | grep -F " $finding_item " | head -n 1)
check "the overdue list names $finding_entity" test -n "$the_line"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 2p)"
check "step 2: the inspection shows" test "$rc" -eq 0
contains "$out" "$finding_item" "with the failed item"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 3p)"
check "step 3: the re-inspection starts" test "$rc" -eq 0
new=$(printf '%s\n' "$out" | tail -n 1)
check "and prints its id last" test "${#new}" -eq 32
run sh -c "$(printf '%s\n' "$cmds" | sed -n 4p)"
check "step 4: the checklist shows" test "$rc" -eq 0
items=$(printf '%s\n' "$out" | awk 'NR > 2 {print $1}')
ok_items=0
for item in $items; do
	"$WANGGE" -C "$D" inspection record "$new" "$item" pass >/dev/null 2>&1 && ok_items=$((ok_items + 1))
done
check "every item recorded ($ok_items)" test "$ok_items" -eq "$(printf '%s\n' "$items" | wc -l)"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 6p | sed "s/ ID/ $new/")"
check "step 5: signing works" test "$rc" -eq 0
run sh -c "$(printf '%s\n' "$cmds" | sed -n 7p)"
check "step 6: fewer overdue rectifications" test "$(printf '%s\n' "$out" | wc -l)" -lt "$overdue_before"
lacks "$out" "$the_line" "and this one is gone from the list"
# Reset alone: the rectification put right is found again, by a new
# inspection of the same clinic and item, overdue; a second reset with nothing
# done in between names the same one again.
expect_rc 0 "--scenario overdue --reset" "$WANGGE" demo --no-ui --dir "$D" --scenario overdue --reset
lacks "$out" "Built in" "  builds nothing anew"
again_insp=$(printf '%s\n' "$out" | sed -n 's/.*the inspection \([0-9a-f]*\) of.*/\1/p')
check "  the same clinic again ($finding_entity)" test "$(printf '%s\n' "$out" | sed -n 's/.*the inspection [0-9a-f]* of \(.*\) (grid .*/\1/p')" = "$finding_entity"
check "  and the same item ($finding_item)" test "$(printf '%s\n' "$out" | sed -n 's/.*found that item \([A-Z0-9]*\) was not met.*/\1/p')" = "$finding_item"
check "  found by a new inspection" test -n "$again_insp" -a "$again_insp" != "$insp"
cmds=$(steps "$out")
run sh -c "$(printf '%s\n' "$cmds" | sed -n 1p)"
check "  which is overdue again" test "$(printf '%s\n' "$out" | grep -F "$finding_entity" | grep -c -F " $finding_item ")" -ge 1
expect_rc 0 "--scenario overdue --reset again" "$WANGGE" demo --no-ui --dir "$D" --scenario overdue --reset
contains "$out" "the inspection $again_insp of" "  names the same one: it is not put right yet"
expect_rc 0 "  the county is consistent" "$WANGGE" -C "$D" check

# This month's random inspections: the printed draw commands work as described.
expect_rc 0 "--scenario draw" "$WANGGE" demo --no-ui --dir "$D" --scenario draw
text=$out
check "the plan file is written" test -s "$D/scenarios/draw/plan.txt"
cmds=$(steps "$text")
check "five commands are printed" test "$(printf '%s\n' "$cmds" | wc -l)" -eq 5
before=$(snapshot "$D")
run sh -c "$(printf '%s\n' "$cmds" | sed -n 1p)"
check "step 1: the dry run works" test "$rc" -eq 0
contains "$out" "no task was created" "and records nothing"
check "nothing changed" test "$(snapshot "$D")" = "$before"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 2p)"
check "step 2: the draw works" test "$rc" -eq 0
check "and writes the result" test -s "$D/scenarios/draw/result.txt"
drawn=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) entities drawn.*/\1/p')
run sh -c "$(printf '%s\n' "$cmds" | sed -n 3p)"
contains "$out" "$drawn" "step 3: draw list shows the draw of $drawn entities"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 4p)"
check "and the open random tasks include them" test "$(printf '%s\n' "$out" | wc -l)" -gt "${drawn:-0}"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 5p)"
check "step 4: the result verifies" test "$rc" -eq 0
contains "$out" "genuine" "as genuine"

# A penalty case to decide: the printed screen steps name the keys, and the
# printed commands decide it as described.
expect_rc 0 "--scenario penalty" "$WANGGE" demo --no-ui --dir "$D" --scenario penalty
text=$out
contains "$text" "Press C on the first screen" "it says which key shows the cases"
contains "$text" "press Enter" "  and which opens one"
cmds=$(steps "$text")
check "two commands are printed" test "$(printf '%s\n' "$cmds" | wc -l)" -eq 2
case_id=$(printf '%s\n' "$cmds" | sed -n 1p | sed 's/.* case decide \([0-9a-f]*\) .*/\1/')
run "$WANGGE" -C "$D" case show "$case_id"
contains "$out" "legal review done" "the case waits for its decision"
before=$(snapshot "$D")
run sh -c "$(printf '%s\n' "$cmds" | sed -n 1p | sed 's/--factor lighter .*/--factor ordinary/')"
check "an ordinary decision, as the steps warn, is refused" test "$rc" -eq 2
check "  and changes nothing" test "$(snapshot "$D")" = "$before"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 1p)"
check "step 3: the lighter decision with its reason works" test "$rc" -eq 0
contains "$out" "Serve the decision by" "  and gives the time limit to serve it"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 2p)"
contains "$out" "decided" "step 4: the case is decided"
expect_rc 2 "once decided, the scenario has no case left" "$WANGGE" demo --no-ui --dir "$D" --scenario penalty
contains "$err" "--reset prepares another" "  and says how to bring it back"
# reset alone: another case heard and reviewed, the county not built anew
cases=$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM penalty")
expect_rc 0 "--scenario penalty --reset" "$WANGGE" demo --no-ui --dir "$D" --scenario penalty --reset
text=$out
lacks "$text" "Built in" "  builds nothing anew"
check "  one more case" test "$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM penalty")" -eq $((cases + 1))
cmds=$(steps "$text")
case2=$(printf '%s\n' "$cmds" | sed -n 1p | sed 's/.* case decide \([0-9a-f]*\) .*/\1/')
check "  another case than the decided one" test "$case2" != "$case_id"
run "$WANGGE" -C "$D" case show "$case2"
contains "$out" "legal review done" "  waiting for its decision"
contains "$out" "hearing" "  after its hearing"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 1p)"
check "  the printed decision works on it" test "$rc" -eq 0
contains "$out" "Serve the decision by" "  with its time limit to serve"
expect_rc 0 "the county is consistent" "$WANGGE" -C "$D" check

# No holiday calendar for the year the deadlines run into: the printed
# commands show a provisional deadline, record the sample, and count it again.
expect_rc 0 "--scenario calendar" "$WANGGE" demo --no-ui --dir "$D" --scenario calendar
text=$out
year=$(printf '%s\n' "$text" | sed -n 's/.*no official holiday calendar for \([0-9]*\),.*/\1/p')
cmds=$(steps "$text")
check "it names the year ($year) and prints four commands" test -n "$year" -a "$(printf '%s\n' "$cmds" | wc -l)" -eq 4
check "  the sample is a calendar file of that year" grep -q "^@year $year\$" "$D/scenarios/calendar/$year"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 1p)"
contains "$out" "provisional: no $year holiday calendar" "step 2: the deadline counted into $year is provisional"
provisional=$out
run sh -c "$(printf '%s\n' "$cmds" | sed -n 2p)"
lacks "$out" "$year  " "step 3: $year is not among the years installed"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 3p)"
check "step 4: the sample is recorded" test "$rc" -eq 0
run sh -c "$(printf '%s\n' "$cmds" | sed -n 4p)"
lacks "$out" "provisional" "step 5: the same deadline is counted with the calendar: $out"
run "$WANGGE" -C "$D" calendar list
contains "$out" "$year  " "  $year is listed"
expect_rc 2 "once recorded, no year is missing" "$WANGGE" demo --no-ui --dir "$D" --scenario calendar
contains "$err" "none is missing" "  the scenario says so"
expect_rc 0 "--scenario calendar --reset" "$WANGGE" demo --no-ui --dir "$D" --scenario calendar --reset
run "$WANGGE" -C "$D" calendar list
lacks "$out" "$year  " "  takes the sample away"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 1p)"
check "  the deadline is provisional again" test "$out" = "$provisional"
expect_rc 0 "the county is consistent" "$WANGGE" -C "$D" check

# Officer workspaces on demand.
check "no officer is enrolled before first asked for" test ! -e "$D/officers/$grid"
expect_rc 0 "--role officer:$grid" "$WANGGE" demo --no-ui --dir "$D" --role "officer:$grid"
contains "$out" "Enrolling the officer of grid $grid" "  enrolls them, saying so first"
contains "$out" "$D/officers/$grid" "names the officer's workspace"
expect_rc 0 "which is a workspace of that grid only" "$WANGGE" -C "$D/officers/$grid" entity list
lacks "$(printf '%s\n' "$out" | sed 1d | grep -v "$grid")" "0" "every entity listed is in grid $grid"
before=$(snapshot "$D/officers/$grid")
expect_rc 0 "asking again re-uses it" "$WANGGE" demo --no-ui --dir "$D" --role "officer:$grid"
check "unchanged" test "$(snapshot "$D/officers/$grid")" = "$before"
# The first open of a workspace not enrolled yet says what it does before
# the wait, never a blank pause; one removed is enrolled anew.
rm -rf "$D/officers/$grid"
expect_rc 0 "a workspace not yet there is enrolled on first open" "$WANGGE" demo --no-ui --dir "$D" --role "officer:$grid"
contains "$out" "Enrolling the officer of grid $grid" "  saying so first"
check "  the message comes before the workspace is named" test "$(printf '%s\n' "$out" | grep -n 'Enrolling' | cut -d: -f1)" -lt "$(printf '%s\n' "$out" | grep -n "$D/officers/$grid" | head -1 | cut -d: -f1)"
expect_rc 0 "  and it works" "$WANGGE" -C "$D/officers/$grid" check
expect_rc 0 "asking again" "$WANGGE" demo --no-ui --dir "$D" --role "officer:$grid"
lacks "$out" "Enrolling" "  enrolls nothing again"
expect_rc 2 "an unknown grid is refused" "$WANGGE" demo --no-ui --dir "$D" --role officer:nope
contains "$err" "no grid" "with a message"
expect_rc 1 "an unknown scenario is a usage error" "$WANGGE" demo --no-ui --dir "$D" --scenario nope
contains "$err" "out-of-order" "and the message lists the scenarios"

expect_rc 0 "--reset" "$WANGGE" demo --no-ui --dir "$D" --reset
check "takes the scenarios' folders away" test ! -e "$D/scenarios"
check "and the officers' workspaces: each is enrolled anew when first opened" test ! -e "$D/officers"
expect_rc 0 "the officer's first open after the reset" "$WANGGE" demo --no-ui --dir "$D" --role "officer:$grid"
expect_rc 0 "the conflict's clinic, in the officer's new workspace" "$WANGGE" -C "$D/officers/$grid" entity show "$clinic"
lacks "$out" "$v1" "holds neither officer's change"
lacks "$out" "$v2" "(nor the other's)"
done_testing
