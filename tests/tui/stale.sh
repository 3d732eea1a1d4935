#!/bin/sh
# Messages belong to the key that said them: one said on a screen goes when a
# key opens or closes another screen without a word of its own, and one said
# by the key that closes a screen ("the note is saved") stays. A task's
# checklist shows by its title, never its code.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

one_grid_officer
e=$(sqlite3 "$A/wangge.db" "SELECT id FROM entity LIMIT 1")
wg -C "$A" task add --grid G01 --kind patrol --entity "$e" --title 巡查 --due 2099-02-01 \
	--checklist patrol-clinic >/dev/null
check "a task with a checklist" test "$(sqlite3 "$A/wangge.db" "SELECT checklist FROM task")" = patrol-clinic

tui_start "exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "the dashboard"
keys 2 Enter
expect_screen "Inspection history" "the entity"
keys p
expect_screen "draft: mark each item" "a patrol"
keys g f
expect_screen "u undoes it" "a result: the message line says so"
keys g Enter
expect_screen "Note:" "the note form opens"
settle
lacks "$screen" "u undoes it" "the message of the checklist went as the form opened"
type_text "风扇"
keys C-s
expect_screen "the note is saved" "the key that closes the form says the note is saved"
expect_screen "draft: mark each item" "back on the checklist"
settle
contains "$screen" "the note is saved" "and that message stays as its form closes"
keys Escape
expect_screen "Inspection history" "Esc: the entity again"
settle
lacks "$screen" "the note is saved" "a message of the checklist goes with it"
keys 3
expect_screen "巡查" "the task list"
keys Enter
expect_screen "checklist:" "the task"
settle
contains "$screen" "诊所、村卫生室日常巡查表" "its checklist by title"
lacks "$screen" "patrol-clinic" "not by its code"
keys C-q
expect_screen "EXIT=0" "quits"
done_testing
