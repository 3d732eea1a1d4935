#!/bin/sh
# A patrol in a real terminal: an officer opens an entity, starts a patrol,
# marks items pass / fail / not applicable with a note, signs it off, and
# finds the signed record in the entity's history, read only.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

one_grid_officer
register_key "$W" "$A"
check "officer workspace" test -f "$A/wangge.db"

tui_start "exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "the officer's dashboard"
keys 2
expect_screen "1 entity" "the grid's entity"
keys Enter
expect_screen "Inspection history" "its detail"
keys p
expect_screen "Started." "p starts a patrol"
expect_screen "draft: mark each item" "a draft with the checklist"
keys p
expect_screen "pass" "p marks the first item passed"
keys n
expect_screen "not applicable" "n marks the next one not applicable"
keys Enter
expect_screen "no result yet: mark it first" "a note on an unmarked item is refused: a note never sets a result"
keys Up Enter
expect_screen "Note" "Enter on a marked item opens its note"
type_text "灭火器过期"
keys F2
expect_screen "灭火器过期" "the note is on the item"
expect_screen "the note is saved. u undoes it." "and the message line says so"
keys F2
expect_screen "Sign the record" "F2 opens the sign form"
expect_screen "items have no result yet: signing is refused" "whose review says what is unmarked"
type_text "巡查一次"
keys F2
expect_screen "Sign now?" "signing asks first"
keys y
expect_screen "items have no result yet" "signing needs every item recorded (the core says which)"
expect_screen "巡查一次" "the refused sign keeps the typed summary"
keys Escape
expect_screen "kept for next time" "Esc closes it and keeps the summary"
keys Down p p p p p p p p p p p p
# the two items checked against the register: nothing is registered here
keys n n
keys F2
expect_screen "Sign the record" "F2 again when every item is marked"
expect_screen "巡查一次" "with the summary typed before"
keys F2
expect_screen "Sign now?" "asks again"
keys y
expect_screen "Signed:" "the record is signed"
expect_screen "signed:" "and shown as signed"
gone_from_screen "^SSign" "a signed record offers no signing"
keys p
lacks "$(screen_text)" "Started." "keys that change a signed record do nothing"
keys Escape
expect_screen "Inspection history" "back on the entity"
expect_screen "Open rectifications" "which lists open rectifications"
expect_screen "Points and risk" "and its points and risk, derived now"
expect_screen "(base risk)" "with the facts that make the risk grade"
keys Down Enter
expect_screen "signed:" "its history opens the signed record"
expect_screen "cCorrect" "a signed record offers a correction instead of editing"
keys F4
expect_screen "A correction of the signed record" "F4 starts a correction"
expect_screen "draft:" "as a new draft"
keys Escape
expect_screen "signed:" "the signed record itself is unchanged"
keys q
expect_screen "EXIT=0" "q quits"
expect_sane_terminal "the terminal is restored"
done_testing
