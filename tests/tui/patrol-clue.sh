#!/bin/sh
# The 协管 boundary on screen: an officer's patrol that finds a problem orders
# no rectification. Signing asks for the clue's information category (never
# guessed), reports the problem to the county as a clue, and makes no
# deadline or re-inspection; the clue travels to the county, which hands it
# over to an inspector, whose task comes back to the grid.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
A=$TEST_TMP/officer
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
oa=$(wg -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
insp=$(wg -C "$W" officer add --name 王监督 --role inspector --cert 浙卫执0001 | tail -n 1)
wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 >/dev/null
wg -C "$W" enroll --grid G01 --officer "$oa" -o "$TEST_TMP/enroll.bundle" >/dev/null
wg -C "$A" init officer --from "$TEST_TMP/enroll.bundle" >/dev/null
register_key "$W" "$A"
check "officer workspace" test -f "$A/wangge.db"
sql() { sqlite3 "$A/wangge.db" "$1"; }

tui_start "exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "the officer's dashboard"
keys 2
expect_screen "1 entity" "the grid's entity"
keys Enter
expect_screen "Inspection history" "its detail"
keys p
expect_screen "draft: mark each item" "p starts a patrol"
keys f
expect_screen "fail" "f fails the first item"
keys p p p p p p p
# the items checked against the register: nothing is registered here
keys n n
keys F2
expect_screen "Sign the record" "F2 opens the sign form"
expect_screen "reported to the county as a clue" "the review says the failed item goes to the county"
lacks "$(screen_text)" "put right by" "  with no rectification deadline"
lacks "$(screen_text)" "Deadline by hand" "  and no deadline to type"
expect_screen "(choose)" "the clue's category is a choice, none chosen"
keys F2
expect_screen "information category is required" "signing without a category is refused"
check "  nothing signed" test "$(sql "SELECT status FROM inspection")" = draft
check "  no clue made" test "$(sql "SELECT count(*) FROM clue")" = 0
keys Right Right Right Right
expect_screen "illegal practice and illegal blood" "the officer chooses the category"
keys F2
expect_screen "Sign now?" "signing asks first"
keys y
expect_screen "Signed: 1 problem reported to the county as a clue" "signed: reported to the county"
expect_screen "signed:" "and shown as signed"
keys q
expect_screen "EXIT=0" "q quits"

check "the patrol's result" test "$(sql "SELECT result FROM inspection")" = reported
check "a clue, reported, in the category chosen" test "$(sql "SELECT category || ' ' || status FROM clue")" = "illegal_practice reported"
check "  from the patrol" test "$(sql "SELECT count(*) FROM clue c JOIN inspection i ON i.id = c.inspection")" = 1
check "  by the officer" test "$(sql "SELECT reporter FROM clue")" = "$oa"
check "no rectification deadline" test "$(sql "SELECT count(*) FROM finding WHERE deadline != ''")" = 0
check "no re-inspection task" test "$(sql "SELECT count(*) FROM task WHERE kind = 'recheck'")" = 0
check "the failed item is a finding" test "$(sql "SELECT count(*) FROM finding")" = 1

# the clue reaches the county, which hands it over (线索移交)
expect_rc 0 "the officer exports" wg -C "$A" export -o "$TEST_TMP/back.bundle"
expect_rc 0 "the county imports" wg -C "$W" import "$TEST_TMP/back.bundle"
clue=$(sql "SELECT id FROM clue")
expect_rc 0 "the county hands the clue over" wg -C "$W" clue handover "$clue" --assignee "$insp"
task=$(last_line)
expect_rc 0 "the inspector's task" wg -C "$W" task show "$task"
contains "$out" "reported clue check" "  a clue check"
contains "$out" "中山诊所" "  at the clinic"
expect_rc 0 "the county exports the grid" wg -C "$W" export --grid G01 -o "$TEST_TMP/out.bundle"
expect_rc 0 "the officer imports it" wg -C "$A" import "$TEST_TMP/out.bundle"
check "the officer sees the clue handed over" test "$(sql "SELECT status FROM clue")" = handed_over
done_testing
