#!/bin/sh
# The training scenarios' screen steps, followed literally as printed, on one
# small demo county built once for the whole script (the penalty scenario
# has its own script, demo-penalty.sh): the keys they name do what they say,
# and the CLI shows the result. Dates follow the caller's WANGGE_NOW, so
# `make check-dates` runs it on every check-date.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

D=$TEST_TMP/demo
# page_until PATTERN PAGES: Space (PgDn) until a screen line matches PATTERN
# (a grep pattern), at most PAGES times; the screen is left in $screen.
page_until() {
	_n=0
	while [ "$_n" -lt "$2" ] && ! printf '%s\n' "$screen" | grep -q "$1"; do
		keys Space
		settle
		_n=$((_n + 1))
	done
}

expect_rc 0 "the demo county (built once for every scenario here)" wg demo --no-ui --seed 7 --dir "$D"

# screen_import N PATH: step N of the printed text says to read PATH through
# Sync, Import and Type; do that on the open screen.
screen_import() {
	contains "$text" "  $1. Press 4 (Sync), then i (Import) and t (Type), type $2 and press ^S" \
		"step $1 names the keys and the file"
	keys 4
	expect_screen "Sending to the officers" "  4 opens the Sync screen"
	keys i
	expect_screen "Read bundles: choose the files" "  i offers the files"
	keys t
	expect_screen "Bundle files" "  t types the path"
	type_text "$2"
	keys C-s
}
# The value in a line "phone  VALUE" of entity show.
phone_of() {
	"$WANGGE" -C "$D" entity show "$1" | awk '$1 == "phone" {print $2}'
}
open_county() {
	tui_start "exec '$WANGGE' -C '$D'"
	expect_screen "County desk" "$1"
}
# after a refused bundle, as the printed step says: Esc, y, the Sync screen
leave_refused() {
	contains "$text" "press Esc (Back), then y to leave it" "the steps say how to leave the form"
	expect_screen "Not saved:" "  the form says why"
	keys Escape
	expect_screen "Throw away what you typed?" "  Esc asks first"
	keys y
	expect_screen "Refused, nothing was changed" "  y: the Sync screen says it was refused"
}
quit_screen() {
	keys q
	expect_screen "EXIT=0" "q leaves the program"
}

# ---- conflict: two officers changed the same clinic ----
expect_rc 0 "--scenario conflict" wg demo --no-ui --dir "$D" --scenario conflict
text=$out
a=$D/scenarios/conflict/from-a.bundle
b=$D/scenarios/conflict/from-b.bundle
clinic=$(printf '%s\n' "$text" | sed -n 's/.*(id \([0-9a-f]*\)).*/\1/p' | head -n 1)
name=$(printf '%s\n' "$text" | sed -n 's/.*phone number of \(.*\) (id .*/\1/p' | head -n 1)
v2=$(printf '%s\n' "$text" | sed -n 's/.*the other \([0-9]*\)\..*/\1/p')
before=$(phone_of "$clinic")
check "it names the clinic ($name) and the second value ($v2)" test -n "$name" -a -n "$v2"
contains "$text" "on the screen of the county (wangge -C $D)" "the screen steps come first"
open_county "the county's first screen"
screen_import 1 "$a"
expect_screen "conflicts 0: from-a.bundle" "  step 1: it merges without conflict"
screen_import 2 "$b"
expect_screen "1 conflict to resolve: press 5" "  step 2: it reports 1 conflict"
contains "$text" "  3. Press 5 (Conflicts) and Enter on the clinic's line" "step 3's keys"
keys 5
expect_screen "1 conflict to resolve" "  5 lists it"
expect_screen "$name" "  naming the clinic"
keys Enter
expect_screen "Theirs (incoming)" "  Enter shows ours and theirs"
contains "$text" "press t (Theirs)" "step 4's key"
keys t
expect_screen "Nothing to resolve." "  t keeps theirs and the list empties"
quit_screen
check "the clinic has the second officer's number ($v2)" test "$(phone_of "$clinic")" = "$v2"

# reset alone: the number it had, no conflict left open, the county not rebuilt
n_entities=$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM entity")
wg -C "$D" import "$a" "$b" >/dev/null 2>&1
expect_rc 0 "--scenario conflict --reset" wg demo --no-ui --dir "$D" --scenario conflict --reset
lacks "$out" "Built in" "  builds nothing anew"
check "  the clinic has its number back ($before)" test "$(phone_of "$clinic")" = "$before"
expect_rc 0 "  conflicts" wg -C "$D" conflicts
contains "$out" "No open conflicts" "  none left open"
check "  the county's entities are the same ($n_entities)" test "$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM entity")" -eq "$n_entities"
text=$(wg demo --no-ui --dir "$D" --scenario conflict)
expect_rc 0 "  and the scenario works again: the first bundle" wg -C "$D" import "$a"
expect_rc 0 "  the second" wg -C "$D" import "$b"
contains "$out" "conflicts 1" "  conflicts again"
wg demo --no-ui --dir "$D" --scenario conflict --reset >/dev/null 2>&1
check "  one stand-in officer however often it runs" test "$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM meta WHERE key LIKE 'demo_scenario_stand_in_%'")" -eq 1

# ---- out-of-order: Tuesday's bundle before Monday's ----
expect_rc 0 "--scenario out-of-order" wg demo --no-ui --dir "$D" --scenario out-of-order
text=$out
tuesday=$(printf '%s\n' "$text" | sed -n "s/.*Tuesday's number, \([0-9]*\):.*/\1/p")
open_county "the county's first screen"
screen_import 1 "$D/scenarios/out-of-order/tuesday.bundle"
leave_refused
expect_screen "monday.bundle first" "  step 1: Tuesday's alone is refused, naming the bundle it builds on"
screen_import 2 "$D/scenarios/out-of-order/monday.bundle"
expect_screen "conflicts 0: monday.bundle" "  step 2: Monday's is imported"
screen_import 3 "$D/scenarios/out-of-order/tuesday.bundle"
expect_screen "conflicts 0: tuesday.bundle" "  step 3: then Tuesday's"
quit_screen
check "the clinic has Tuesday's number ($tuesday)" test "$(phone_of "$clinic")" = "$tuesday"

# ---- forged: a bundle signed with another officer's key ----
expect_rc 0 "--scenario forged" wg demo --no-ui --dir "$D" --scenario forged
text=$out
was=$(phone_of "$clinic")
open_county "the county's first screen"
screen_import 1 "$D/scenarios/forged/forged.bundle"
leave_refused
expect_screen "forged" "  step 1: the forged bundle is refused, saying it is forged"
contains "$text" "  2. Press K (Keys) on the Sync screen" "step 2's key"
keys K
expect_screen "Keys registered" "  K lists the officers' keys"
expect_screen "Revoke" "  and D revokes one"
quit_screen
check "the clinic's number is unchanged ($was)" test "$(phone_of "$clinic")" = "$was"

# ---- overdue: a rectification past its deadline ----
expect_rc 0 "--scenario overdue" wg demo --no-ui --dir "$D" --scenario overdue
text=$out
ent=$(printf '%s\n' "$text" | sed -n 's/.*type \(.*\), then Enter to end the search.*/\1/p' | head -n 1)
deadline=$(printf '%s\n' "$text" | sed -n 's/.*this one, with its deadline, \([0-9-]*\);.*/\1/p')
check "it names the entity ($ent) and the deadline ($deadline)" test -n "$ent" -a -n "$deadline"
today=$(printf '%.10s' "$WANGGE_NOW")
check "  a deadline past, and current: within 60 days of today" python3 -c "
import datetime, sys
d, t = (datetime.date.fromisoformat(x) for x in sys.argv[1:])
sys.exit(0 if 0 < (t - d).days <= 60 else 1)" "$deadline" "$today"
open_county "the county's first screen"
keys 2
expect_screen "entities" "  2 lists the entities"
keys /
type_text "$ent"
# (its name may be part of another's, "锦绣理发店（七星村）": it comes first)
expect_screen "search \"$ent\"" "  / finds $ent"
check "  first in the list" test "$(printf '%s\n' "$screen" | sed -n 4p | awk '{print $1}')" = "$ent"
keys Enter
settle
keys Enter
expect_screen "Points and risk" "  Enter, Enter opens it"
page_until "Open rectifications" 6
expect_screen "$deadline" "  step 2: Space shows its open rectification with the deadline"
quit_screen
# steps 3-7: the re-inspection on screen, with the keys and the lines printed
task=$(printf '%s\n' "$text" | sed -n 's/.*inspection start --task \([0-9a-f]*\) .*/\1/p')
finding=$(sqlite3 "$D/wangge.db" "SELECT id FROM finding WHERE recheck LIKE '$task%' AND status = 'open' AND deadline = '$deadline'" | head -n 1)
check "it names the task ($task) of the overdue finding ($finding)" test -n "$task" -a -n "$finding"
contains "$text" "  3. Press 3 (Tasks), / (Search), type $ent, then Enter to end the search: the re-inspection, due $deadline, is" "step 3's keys"
line=$(printf '%s\n' "$text" | sed -n 's/.* is line \([0-9]*\); press Down [0-9]* times and Enter.*/\1/p')
case $text in *"is the first line; press Enter to open it"*) line=1 ;; esac
check "  and its line ($line)" test -n "$line"
open_county "the county's first screen"
keys 3
expect_screen "open and started" "  3 lists the tasks"
keys /
type_text "$ent"
expect_screen "search \"$ent\"" "  / searches them"
keys Enter
i=1
while [ "$i" -lt "$line" ]; do
	keys Down
	i=$((i + 1))
done
keys Enter
expect_screen "Re-inspection: $ent" "  step 3: Enter opens the re-inspection task"
set -- $(printf '%s\n' "$text" | sed -n 's/.*Move down to \(.*\) (line \([0-9]*\)) and press Space, then to \(.*\) (line \([0-9]*\)) and press Space.*/\1 \2 \3 \4/p')
check "step 4 names two inspectors and their lines ($1 $2, $3 $4)" test "$#" -eq 4
keys p
expect_screen "Who inspects? Space marks two" "  p asks who inspects"
i=1
while [ "$i" -lt "$2" ]; do keys Down; i=$((i + 1)); done
keys Space
i=$(($2 + 1))
while [ "$i" -lt "$4" ]; do keys Down; i=$((i + 1)); done
keys Space
expect_screen "[x] $3" "  Space marks $3"
check "  and $1" sh -c 'printf "%s\n" "$1" | grep -F "$2" | grep -qF "[x]"' - "$screen" "$1"
keys C-s
expect_screen "Started. Mark each item" "  step 4: ^S starts the re-inspection"
check "  with the two inspectors" test "$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM inspection i WHERE i.task LIKE '$task%' AND i.status = 'draft' AND instr(i.inspectors, (SELECT id FROM officer WHERE name = '$1')) AND instr(i.inspectors, (SELECT id FROM officer WHERE name = '$3'))")" -eq 1
n=$(printf '%s\n' "$text" | sed -n 's/.*press p (Pass) \([0-9]*\) times\{0,1\},.*/\1/p')
check "step 5 says how often to press p ($n)" test -n "$n"
i=0
while [ "$i" -lt "${n:-0}" ]; do keys p; i=$((i + 1)); done
expect_screen "(before: no result)" "  p marks the items"
check "  every item passed ($n)" test "$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM result WHERE outcome = 'pass' AND inspection IN (SELECT id FROM inspection WHERE task LIKE '$task%' AND status = 'draft')")" -eq "${n:-0}"
contains "$text" "  6. Press ^S (Sign; F2 too): the results to review. Press ^S again and y to sign" "step 6's keys"
keys C-s
expect_screen "Sign the record" "  ^S shows the results to review"
keys C-s
expect_screen "Sign now?" "  ^S again asks"
keys y
expect_screen "Signed: passed" "  step 6: y signs it"
check "  the rectification is closed" test "$(sqlite3 "$D/wangge.db" "SELECT status FROM finding WHERE id = '$finding'")" != open
check "  and the task done" test "$(sqlite3 "$D/wangge.db" "SELECT status FROM task WHERE id LIKE '$task%'")" = done
keys 1
expect_screen "County desk" "step 7: 1 shows the first screen"
page_until "^ Tasks: " 8
after=$(printf '%s\n' "$text" | sed -n 's/.*is down from [0-9]* to \([0-9]*\)\..*/\1/p')
if [ -n "$after" ]; then
	expect_screen "Rectifications past their deadline: $after" "  Space shows the late rectifications, down to $after"
else
	contains "$text" "is gone; none is left" "  none was left"
	lacks "$screen" "Rectifications past their deadline" "  the line is gone"
fi
quit_screen
expect_rc 0 "--scenario overdue --reset after the screen steps" wg demo --no-ui --dir "$D" --scenario overdue --reset
contains "$out" "type $ent, then Enter" "  the same entity again"
check "  its item is overdue again" test "$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM finding WHERE entity = (SELECT entity FROM finding WHERE id = '$finding') AND item = (SELECT item FROM finding WHERE id = '$finding') AND status = 'open' AND deadline < '$today'")" -ge 1

# ---- draw: this month's random inspections, on screen by the plan file ----
expect_rc 0 "--scenario draw" wg demo --no-ui --dir "$D" --scenario draw
text=$out
plan=$D/scenarios/draw/plan.txt
seed=$(printf '%s\n' "$text" | sed -n 's/.* --seed "\([^"]*\)" --dry-run/\1/p')
draw=$(printf '%s\n' "$text" | sed -n 's/^       wangge \(.* --out .*\)/\1/p')
check "it names the seed ($seed)" test -n "$seed"
open_county "the county's first screen"
# the county's half-year draws of its history, before this month's
n_draws=$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM draw")
check "  the county made its half-year draws ($n_draws)" test "$n_draws" -ge 3
expect_screen "Random draws made: $n_draws" "  the first screen counts them"
contains "$text" "move down to \"Random draws made\" and press Enter" "step 1's keys"
settle
at=$(printf '%s\n' "$screen" | grep -n "Random draws made" | cut -d: -f1)
top=$(printf '%s\n' "$screen" | grep -n "County desk" | cut -d: -f1)
i=$((top + 1))
while [ "$i" -lt "${at:-0}" ]; do
	keys Down
	i=$((i + 1))
done
keys Enter
expect_screen "Plans: Enter draws by one of them" "  step 1: Enter opens the draws"
contains "$text" "  2. Press f (Plan file), then t (Type), type $plan, press Tab, type the published seed, $seed, and press ^S" "step 2's keys"
keys f
expect_screen "choose the plan file" "  f offers the files"
keys t
expect_screen "Plan file" "  t types the plan's path"
type_text "$plan"
keys Tab
type_text "$seed"
keys C-s
expect_screen "Dry run:" "  step 2: ^S shows the dry run"
check "  and records nothing" test "$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM draw WHERE seed = '$seed'")" -eq 0
contains "$text" "  3. Press y: the draw is recorded" "step 3's key"
keys y
expect_screen "tasks made; the result is in" "  step 3: y records the draw"
result=$(ls "$D"/scenarios/draw/draw-*.txt 2>/dev/null | head -n 1)
check "  its result file is beside the plan ($result)" test -s "$result"
drawn=$(grep -c '^pick ' "$result")
check "  its tasks are made ($drawn)" test "$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM task WHERE kind = 'random' AND status = 'open' AND source IN (SELECT id FROM draw WHERE seed = '$seed')")" -eq "$drawn"
expect_screen "seed $seed" "  and the draw is listed with its seed"
contains "$text" "  4. Press v (Verify): the chooser shows that folder with the result file selected; press Enter" "step 4's keys"
keys v
expect_screen "Folder: $D/scenarios/draw" "  v shows the result's folder"
keys Enter
expect_screen "The draw result is genuine." "  step 4: Enter finds it genuine"
keys 3
expect_screen "open and started" "  step 5: 3 lists the tasks"
quit_screen
expect_rc 0 "--scenario draw --reset" wg demo --no-ui --dir "$D" --scenario draw --reset
check "  takes the screen's draw back" test "$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM draw WHERE seed = '$seed'")" -eq 0
check "  and cancels its tasks" test "$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM task WHERE kind = 'random' AND status = 'open' AND created >= '$today'")" -eq 0
contains "$out" "Or at the command line" "the command lines are the alternative"
run sh -c "\"\$WANGGE\" $draw"
check "  and the printed draw works" test "$rc" -eq 0
check "  with the same tasks ($drawn)" test "$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM task WHERE kind = 'random' AND status = 'open' AND source IN (SELECT id FROM draw WHERE seed = '$seed')")" -eq "$drawn"
expect_rc 0 "--scenario draw --reset again" wg demo --no-ui --dir "$D" --scenario draw --reset
check "  takes it back too" test "$(sqlite3 "$D/wangge.db" "SELECT count(*) FROM draw WHERE seed = '$seed'")" -eq 0

# ---- calendar: no holiday calendar for the year the deadlines run into ----
expect_rc 0 "--scenario calendar" wg demo --no-ui --dir "$D" --scenario calendar
text=$out
year=$(printf '%s\n' "$text" | sed -n 's/.*no official holiday calendar for \([0-9]*\),.*/\1/p')
check "it names the year without a calendar ($year)" test -n "$year"
check "  and writes the sample" test -s "$D/scenarios/calendar/$year"
open_county "the county's first screen"
expect_screen "No official holiday calendar for $year" "step 1: the first screen says so"
expect_screen "wangge calendar" "  and what the clerk does"
contains "$text" "Press q (Quit)" "  the key to leave"
quit_screen
cmds=$(printf '%s\n' "$text" | sed -n 's/^       wangge /"$WANGGE" /p')
check "four commands are printed" test "$(printf '%s\n' "$cmds" | wc -l)" -eq 4
run sh -c "$(printf '%s\n' "$cmds" | sed -n 1p)"
contains "$out" "(provisional: no $year holiday calendar)" "step 2: the deadline is provisional"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 3p)"
check "step 4: the sample is recorded" test "$rc" -eq 0
contains "$out" "Holiday calendar for $year recorded" "  as the calendar of $year"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 4p)"
lacks "$out" "provisional" "step 5: the deadline is no longer provisional"
open_county "step 6: the first screen again"
lacks "$screen" "No official holiday calendar for $year" "  without the warning"
quit_screen
expect_rc 2 "once recorded, the scenario has no year missing" wg demo --no-ui --dir "$D" --scenario calendar
contains "$err" "--reset" "  and says how to bring it back"
expect_rc 0 "--scenario calendar --reset" wg demo --no-ui --dir "$D" --scenario calendar --reset
expect_rc 0 "  calendar list" wg -C "$D" calendar list
lacks "$out" "培训示例" "  the sample is gone from the county"
run sh -c "$(printf '%s\n' "$cmds" | sed -n 1p)"
contains "$out" "(provisional: no $year holiday calendar)" "  the deadline is provisional again"
expect_rc 0 "the county is consistent after every scenario" wg -C "$D" check
done_testing
