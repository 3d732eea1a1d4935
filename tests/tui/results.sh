#!/bin/sh
# Results change only on purpose. A sentence typed into the checklist by
# mistake changes no result without the message line naming the item; u takes
# changes back; a note never sets a result (and Space in the note form changes
# nothing); forms ask before throwing typed text away, Esc, ^Q and Ctrl-C alike.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

one_grid_officer
check "officer workspace" test -f "$A/wangge.db"

results() {
	sqlite3 "$A/wangge.db" "SELECT item || '=' || outcome FROM result ORDER BY item" | tr '\n' ' '
}
# The message line (the second line from the bottom).
message_line() {
	printf '%s\n' "$screen" | sed -n '23p'
}

tui_start "exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "the officer's dashboard"
keys 2
expect_screen "1 entity" "the grid's entity"
keys Enter
expect_screen "Inspection history" "its detail"
keys p
expect_screen "draft: mark each item" "a patrol starts"
expect_screen "uUndo" "the bar shows u for undo"

# Type a sentence at the checklist, one key at a time. Whenever the results
# in the database change, the message line names the item that changed.
sentence="mouse sign: please fix the fan"
before=$(results)
silent=0
changes=0
i=1
while [ "$i" -le "${#sentence}" ]; do
	c=$(printf '%s' "$sentence" | cut -c"$i")
	type_text "$c"
	settle
	now=$(results)
	if [ "$now" != "$before" ]; then
		changes=$((changes + 1))
		# the items whose result differs
		for item in $(printf '%s\n%s\n' "$before" "$now" | tr ' ' '\n' | grep . | sort | uniq -u | sed 's/=.*//' | sort -u); do
			case $(message_line) in
			*"$item"*) ;;
			*) silent=$((silent + 1)); diag "key '$c' changed $item silently: $(message_line)" ;;
			esac
		done
	fi
	before=$now
	i=$((i + 1))
done
check "typing a sentence changed results ($changes times)" test "$changes" -gt 0
check "and never without the message line naming the item" test "$silent" -eq 0

# u takes them all back, one by one, the message line saying which.
n=0
while [ -n "$(results)" ] && [ "$n" -lt 40 ]; do
	keys u
	wait_for "Undone:" 10 || break
	settle
	n=$((n + 1))
done
check "u took every change back ($n undos)" test -z "$(results)"
keys u
expect_screen "Nothing to undo." "and then says there is nothing left"

# the result keys act on the selected item, and say so
keys g f
expect_screen "(before: no result). u undoes it." "f marks the first item failed and says so"
check "in the database" test -n "$(results)"
first=$(results)
keys g Enter
expect_screen "Note" "Enter opens the note of the marked item"
keys BTab Space Right + -
keys Tab
type_text "电扇损坏"
keys F2
expect_screen "the note is saved" "the note is saved"
check "Space, Right, + and - in the note form changed no result" test "$(results)" = "$first"
keys Down Enter
expect_screen "no result yet: mark it first" "a note on an unmarked item is refused"
check "and sets no result" test "$(results)" = "$first"

# Forms ask before throwing typed text away.
keys g Enter
expect_screen "Note" "the note form again"
type_text "再看"
keys Escape
expect_screen "Throw away what you typed? (y/n)" "Esc with typed text asks"
keys n
expect_screen "Kept: go on typing." "n keeps it"
expect_screen "电扇损坏再看" "with the text"
keys Escape
expect_screen "Throw away what you typed?" "asked again"
keys y
expect_screen "Cancelled: nothing was saved." "y throws it away"
keys Enter
type_text "又一条"
keys C-q
expect_screen "Quit and throw away what you typed? (y/n)" "^Q with typed text asks"
keys n
expect_screen "Not quit: go on." "n stays"
keys C-c
expect_screen "Quit and throw away what you typed? (y/n)" "Ctrl-C asks too"
keys n
expect_screen "电扇损坏又一条" "and the text is still there"
keys F10
expect_screen "Quit and throw away what you typed?" "F10 asks as well"
keys y
expect_screen "EXIT=0" "y quits"
expect_sane_terminal "the terminal is restored"
check "the note typed last was not saved" test "$(sqlite3 "$A/wangge.db" "SELECT note FROM result")" = "电扇损坏"
done_testing
