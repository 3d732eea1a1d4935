#!/bin/sh
# A year without a holiday calendar, in the full-screen program: from
# 1 November both dashboards say the next year's calendar is missing and what
# the clerk should do; an inspection signed on 29 December gets a provisional
# deadline, shown as such; the sign form takes a deadline by hand; once the
# county records the year and sends it, the warning is gone on both sides.
# Each screen runs on a clock of its own (WANGGE_NOW in its command).
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

one_grid_officer
register_key "$W" "$A"
check "officer workspace" test -f "$A/wangge.db"

# October: nothing to ask for yet
tui_start "WANGGE_NOW=2026-10-15T02:00:00Z exec '$WANGGE' -C '$A'"
expect_screen "Sending to the county" "the officer's dashboard in October"
lacks "$screen" "holiday calendar" "no calendar warning before November"
keys F10

# 15 November: 2027's calendar is missing
tui_start "WANGGE_NOW=2026-11-15T02:00:00Z exec '$WANGGE' -C '$A'"
expect_screen "No official holiday calendar for 2027" "the officer's dashboard warns on 15 November"
expect_screen "counted Monday to Friday and marked provisional" "  and says what that means"
expect_screen "ask the clerk" "  and who can put it right"
keys F10
tui_start "WANGGE_NOW=2026-11-15T02:00:00Z exec '$WANGGE' -C '$W'"
expect_screen "No official holiday calendar for 2027" "the county's dashboard warns too"
expect_screen "wangge calendar" "  and tells the clerk what to do"
keys F10
expect_screen "EXIT=0" "the clerk quits"

# 29 December: the county's inspectors sign an inspection with a failed item
# (an officer's patrol orders no rectification: its problem is a clue), and
# its deadline is provisional
run wg -C "$W" officer add --name 王五 --role inspector --cert 执法证0001
check "the county adds an inspector" test "$rc" -eq 0
run wg -C "$W" officer add --name 赵六 --role inspector --cert 执法证0002
check "  and another" test "$rc" -eq 0
inspect_by_two() { # the county's p: choose the two inspectors, then the draft
	expect_screen "Who inspects?" "$1: the inspectors are chosen"
	keys Home Space Down Space
	keys C-s
	expect_screen "draft: mark each item" "$1: the inspection starts"
	# CL07 (5 working days) fails, the rest pass
	keys p p p p p p f p p p p p p p p p p p p p p p
}
tui_start "WANGGE_NOW=2026-12-29T02:00:00Z exec '$WANGGE' -C '$W'"
expect_screen "County desk" "the county's dashboard on 29 December"
keys 2
expect_screen "1 entity" "the county's entity"
keys Enter
expect_screen "Inspection history" "its detail"
keys p
inspect_by_two "an inspection"
keys F2
expect_screen "Sign the record" "F2 asks for a summary"
expect_screen "Deadline by hand" "the sign form has a deadline field"
expect_screen "put right by 2027-01-05 (provisional" "its review shows the deadline signing will give"
type_text "广告未备案"
keys F2
expect_screen "Sign now?" "and asks first"
keys y
expect_screen "Signed:" "signed without a calendar for 2027"
expect_screen "put right by 2027-01-05" "the deadline is counted Monday to Friday"
expect_screen "provisional: no 2027 holiday calendar" "  and marked provisional"
keys Escape
expect_screen "Open rectifications" "back on the entity"
expect_screen "2027-01-05 (provisional: no 2027 holiday calendar)" "which shows the deadline as provisional"
expect_screen "not met: " "  the finding as a requirement not met"
keys 3
expect_screen "Re-inspection" "the Tasks tab lists the re-inspection"
keys Enter
expect_screen "2027-01-05 (provisional: no 2027 holiday calendar)" "the task shows its due date as provisional"
keys 2 Enter
expect_screen "Open rectifications" "back to the entity"

# a deadline given by hand in the sign form
keys p
expect_screen "had a patrol today already" "a second inspection on the same day asks first"
keys y
inspect_by_two "a second inspection"
keys F2
expect_screen "Deadline by hand" "the sign form again"
type_text "整改中"
keys Tab
type_text "2027-01-08"
keys F2
expect_screen "Sign now?" "asked again"
keys y
expect_screen "put right by 2027-01-08" "signed with the deadline typed in the form"
keys F10
expect_sane_terminal "the clerk quit"
check "the first deadline is stored provisional" test "$(sqlite3 "$W/wangge.db" "SELECT group_concat(d, ', ') FROM (SELECT deadline || ' ' || deadline_basis AS d FROM finding ORDER BY deadline)")" = "2027-01-05 provisional, 2027-01-08 by_hand"

# the county records 2027 (made-up test data, not the State Council's notice)
# and sends it: the warning is gone on both sides
cat >"$TEST_TMP/2027" <<'EOF'
# test data only: not the real 2027 holidays
@year 2027
@source 国务院办公厅关于2027年部分节假日安排的通知（测试用）
off | 2027-01-01 | 2027-01-03 | 元旦
EOF
check "the county records 2027" wg -C "$W" calendar import "$TEST_TMP/2027"
tui_start "WANGGE_NOW=2026-11-15T02:00:00Z exec '$WANGGE' -C '$W'"
expect_screen "Sending to the county" "the county's dashboard"
lacks "$screen" "No official holiday calendar" "no warning once the year is installed"
keys F10
# (the export waits for the program to be gone: it would find the workspace in use)
expect_screen "EXIT=0" "the clerk quits again"
check "the county exports the grid" wg -C "$W" export --grid G01 -o "$TEST_TMP/to-officer.bundle"
check "the officer imports it" wg -C "$A" import "$TEST_TMP/to-officer.bundle"
tui_start "WANGGE_NOW=2026-11-15T02:00:00Z exec '$WANGGE' -C '$A'"
expect_screen "Sending to the county" "the officer's dashboard"
lacks "$screen" "No official holiday calendar" "no warning once the county's calendar arrived"
keys F10
expect_sane_terminal "the terminal is sane after quitting"
done_testing
