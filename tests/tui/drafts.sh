#!/bin/sh
# Drafts are not lost or duplicated: an unfinished patrol is listed as a
# draft, p on its entity offers to resume it, and a second patrol on the same
# day asks first.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

one_grid_officer
check "officer workspace" test -f "$A/wangge.db"
drafts() { sqlite3 "$A/wangge.db" "SELECT count(*) FROM inspection WHERE status = 'draft'"; }

# A patrol left half done with Ctrl-C.
tui_start "exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "the dashboard"
keys 2 Enter
expect_screen "Inspection history" "the entity"
keys p
expect_screen "draft: mark each item" "a patrol starts"
keys p
expect_screen "(before: no result)" "one item marked"
keys C-c
expect_screen "EXIT=" "Ctrl-C leaves (nothing typed is lost: the result is saved)"

tui_start "exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "again"
keys 2 Enter
expect_screen "DRAFT, not signed" "the entity lists the unfinished patrol as a draft"
keys p
expect_screen "An unfinished draft of" "p offers to resume it"
keys y
expect_screen "Resumed the draft" "y resumes it"
expect_screen "pass" "with the item marked before"
check "no second draft was made" test "$(drafts)" = 1
keys Escape
expect_screen "DRAFT, not signed" "back on the entity"
keys p
expect_screen "An unfinished draft of" "asked again"
keys Escape
expect_screen "No patrol started." "Esc starts nothing"
check "still one draft" test "$(drafts)" = 1
keys p
expect_screen "An unfinished draft of" "and again"
keys n
expect_screen "draft: mark each item" "n starts a new one"
check "two drafts now, on purpose" test "$(drafts)" = 2
keys q
expect_screen "EXIT=0" "q quits"

# A signed patrol today: another asks first.
for id in $(sqlite3 "$A/wangge.db" "SELECT id FROM inspection WHERE status = 'draft'"); do
	for i in 1 2 3 4 5 6 7 8; do wg -C "$A" inspection record "$id" PC0$i pass >/dev/null; done
	for i in 09 10; do wg -C "$A" inspection record "$id" PC$i na >/dev/null; done
	wg -C "$A" inspection sign "$id" >/dev/null
done
check "both signed" test "$(drafts)" = 0
tui_start "exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "once more"
keys 2 Enter
expect_screen "Inspection history" "the entity"
keys p
expect_screen "had a patrol today already" "a second patrol on the same day asks first"
keys n
expect_screen "No patrol started." "n starts nothing"
check "no draft made" test "$(drafts)" = 0
keys p
expect_screen "had a patrol today already" "asked again"
keys y
expect_screen "draft: mark each item" "y starts it"
check "one draft, on purpose" test "$(drafts)" = 1
keys q
expect_screen "EXIT=0" "q quits"
done_testing
