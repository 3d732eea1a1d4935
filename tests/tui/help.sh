#!/bin/sh
# Help and the key bar agree. On each screen a novice meets, every key the bar
# shows is in that screen's help, by the same name and the same label; every
# action of the help has a plain key (a letter, or Ctrl with a letter), never
# an F-key alone. In a text field help names no key that would type a letter
# there, and it names ^P, the pinyin input, as the bar does; the keys that
# work on every screen (^R, F3, the tabs) are listed too, and F3 opens the
# entity search from any screen (a form with typed input asks to be closed
# first). Under TERM=xterm, linux and vt100.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

one_grid_officer
e=$(sqlite3 "$A/wangge.db" "SELECT id FROM entity LIMIT 1")
wg -C "$A" task add --grid G01 --kind patrol --entity "$e" --title 巡查中山诊所 >/dev/null
check "an officer workspace with a task" test "$(sqlite3 "$A/wangge.db" "SELECT count(*) FROM task")" = 1

# The bar's keys and labels, one "KEY<tab>LABEL" a line: the bar (the last
# line) is read with its colours, the key of each pair drawn unlike its label.
bar_pairs() {
	tm capture-pane -e -p -t "$TM_S" | tail -n 1 | python3 -c '
import re, sys
line = sys.stdin.read().rstrip("\n")
runs, sgr, text = [], "", ""
for part in re.split(r"(\x1b\[[0-9;]*m)", line):
    if part.startswith("\x1b["):
        if text:
            runs.append((sgr, text))
        sgr, text = part, ""
    else:
        text += part
if text:
    runs.append((sgr, text))
runs = [(a, t.strip()) for a, t in runs if t.strip()]
# the bar alternates key, label (each run a key or a label, never both)
for i in range(0, len(runs) - 1, 2):
    print(runs[i][1] + "\t" + runs[i + 1][1])
'
}

# check_help SCREEN: the bar now, then help (F1, sent as Esc 1 so that no
# terminal description matters), every pair of the bar on it.
check_help() {
	settle
	pairs=$(bar_pairs)
	check "$1: the bar has keys ($(printf '%s' "$pairs" | tr '\t\n' '  '))" test -n "$pairs"
	keys Escape
	wait_for "a digit now is an F-key" 10
	keys 1
	expect_screen "Keys of this screen" "$1: Esc 1 opens its help"
	# the help is longer than a screen: read it page by page
	settle
	help=$screen
	n=0
	while [ "$n" -lt 6 ]; do
		keys PgDn
		settle
		help="$help
$screen"
		n=$((n + 1))
	done
	missing=0
	printf '%s\n' "$pairs" >"$TEST_TMP/pairs"
	while IFS='	' read -r k label; do
		[ -n "$k" ] || continue
		# a help line: its keys (this one among them), then "Label: what it does"
		if ! printf '%s\n' "$help" | grep -F -- "$label:" | grep -qF -- "$k"; then
			missing=$((missing + 1))
			diag "$1: the bar's $k $label is not in help as such"
		fi
	done <"$TEST_TMP/pairs"
	check "$1: every key of the bar is in help, by the same name" test "$missing" -eq 0
	fonly=$(printf '%s\n' "$help" | grep -E '^ *F[0-9]+: ' || true)
	check "$1: no action in help has an F-key alone" test -z "$fonly"
	[ -z "$fonly" ] || diag "$fonly"
	keys C-g
	gone_from_screen "The mouse works too" "$1: ^G closes help"
}

for term in xterm linux vt100; do
	tui_start "TERM=$term exec '$WANGGE' -C '$A'"
	expect_screen "Due for a patrol" "$term: the dashboard"
	check_help "$term dashboard"
	keys 2
	expect_screen "1 entity" "$term: the entities"
	check_help "$term entities"
	keys Enter
	expect_screen "Inspection history" "$term: the entity"
	check_help "$term entity"
	keys 3 Enter
	expect_screen "sStart" "$term: the task"
	check_help "$term task"
	keys 4
	expect_screen "Sending to the county" "$term: the Sync screen"
	check_help "$term sync"
	# A form: a text field has the cursor, printable keys are text.
	keys 2 Enter e
	expect_screen "^SSave" "$term: the entity's form"
	check_help "$term form"
	keys F1
	expect_screen "Keys of this screen" "$term: F1 opens the form's help"
	settle
	contains "$screen" "^P" "$term: the form's help names ^P"
	contains "$screen" "Pinyin: pinyin input on or off" "  as the pinyin input"
	contains "$screen" "^Q" "$term: and ^Q for quit"
	lacks "$screen" "F10 q" "$term: not q, which types a q in a field"
	keys C-g
	gone_from_screen "Keys of this screen" "$term: ^G closes it"
	# F3 from the form: with nothing typed it opens the entity search...
	type_text "X"
	keys F3
	expect_screen "Save or close this form first" "$term: F3 in a form with typed text asks to close it"
	contains "$screen" "^SSave" "$term: and the form stays"
	keys Escape
	expect_screen "Throw away what you typed? (y/n)" "$term: Esc asks"
	keys y
	expect_screen "Inspection history" "$term: back on the entity"
	keys F3
	expect_screen "Search:" "$term: F3 on the entity screen opens the entity search"
	type_text "zs"
	expect_screen "中山诊所" "$term: which finds by initials"
	keys F1
	expect_screen "Keys of this screen (Entities)" "$term: help of the search line"
	settle
	contains "$screen" "^P" "$term: names ^P there too"
	keys C-g
	gone_from_screen "Keys of this screen" "$term: ^G closes it"
	keys Escape
	wait_for "a digit now is an F-key" 10
	gone_from_screen "a digit now is an F-key" "$term: a lone Esc, no digit after it"
	settle
	lacks "$screen" "Search:" "$term: Esc ended the search"
	keys 3
	expect_screen "巡查中山诊所" "$term: the tasks"
	keys Enter
	expect_screen "sStart" "$term: the task again"
	keys F1
	expect_screen "Keys of this screen (Task)" "$term: the task's help"
	keys End
	settle
	contains "$screen" "Keys of every screen" "$term: help lists the keys of every screen"
	contains "$screen" "^R" "$term: ^R, the clue form, among them"
	contains "$screen" "F3 / ^F" "$term: and F3, the search"
	keys q
	expect_screen "EXIT=0" "$term: q quits"
done
done_testing
