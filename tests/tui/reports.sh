#!/bin/sh
# The clerk's reports in the full-screen program: the same core charts as
# "wangge report", drawn at 80 columns, scrolled, re-laid out on resize.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
"$GEN_COUNTY" "$W" 40 200 12 || { not_ok "seed workspace"; done_testing; exit 1; }
ok "seed workspace"
RUN="exec '$WANGGE' -C '$W'"

tui_start "$RUN"
expect_screen "Dashboard" "the program opens on the dashboard"
expect_screen "Reports" "the key bar offers the reports"
keys r
expect_screen "Coverage per township" "r opens the reports with the township coverage chart"
expect_screen "patrolled" "and its legend"
expect_screen "Report for" "the period is named"
# The same lines as the command line's report at the screen's chart width
# (80 columns less the margins): the first township's bar, byte for byte.
cli=$("$WANGGE" -C "$W" report --width 77 | sed -n '/Coverage per township/,/^$/p' | sed -n '4p')
check "the command line gives a township line" test -n "$cli"
contains "$screen" "$cli" "the screen shows the same line as \"wangge report\""
# Every line of the pane fits: nothing wraps onto the next row.
wide=$(printf '%s\n' "$screen" | python3 -c 'import sys,unicodedata
print(max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l) for l in sys.stdin.read().split("\n")))')
check "no line is wider than the 80-column terminal ($wide)" test "$wide" -le 80
keys End
expect_screen "Points: entities per band reached" "End shows the last chart"
keys Home
expect_screen "Coverage per township" "Home goes back to the top"
# Resize: the charts are laid out again for the new width.
tm resize-window -t "$TM_S" -x 100 -y 30
expect_screen "Coverage per grid" "after a resize to 100 columns the charts are still there"
wide=$(screen_text | python3 -c 'import sys,unicodedata
print(max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l.rstrip()) for l in sys.stdin.read().split("\n")))')
check "the bars now use the wider terminal ($wide columns)" test "$wide" -gt 80
# The period: this month, or on the 1st the month just ended.
today=${WANGGE_NOW%%T*}
first=$(date -u -d "$today" +%Y-%m-01)
last_to=$(date -u -d "$first -1 day" +%Y-%m-%d)
last_from=$(date -u -d "$last_to" +%Y-%m-01)
if [ "$first" = "$today" ]; then
	expect_screen "Report for $last_from to $last_to" "on the 1st the report is of the month just ended"
else
	expect_screen "Report for $first to $today" "the report is of this month to today"
fi
keys p
expect_screen "The report's period" "p asks for the period"
# (the choice starts on the period shown; Right goes to the next one)
[ "$first" = "$today" ] || keys Right
keys C-s
expect_screen "Report for $last_from to $last_to" "last month: from its 1st to its last day"
keys p
expect_screen "The report's period" "p again"
keys Right Right Right Tab C-u
type_text "2026-01-05"
keys Tab C-u
type_text "2026-02-07"
keys C-s
expect_screen "Report for 2026-01-05 to 2026-02-07" "a range typed"
keys p
keys Tab C-u
type_text "2026-03-05"
keys Tab C-u
type_text "2026-02-07"
keys C-s
expect_screen "the period ends before it starts" "a range that ends before it starts is refused in words"
keys Escape y
mkdir -p "$TEST_TMP/out"
expect_screen "Report for 2026-01-05 to 2026-02-07" "the range stays"
keys x t
expect_screen "Write the report" "x asks for the folder"
type_text "$TEST_TMP/out"
keys C-s
expect_screen "Report written to" "x writes it"
check "as HTML" test -s "$TEST_TMP/out/report-2026-01-05-2026-02-07.html"
"$WANGGE" -C "$W" report --from 2026-01-05 --to 2026-02-07 --format csv >"$TEST_TMP/cli.csv"
check "and as the CSV the command line writes for the same period" \
	cmp -s "$TEST_TMP/cli.csv" "$TEST_TMP/out/report-2026-01-05-2026-02-07.csv"
keys F1
expect_screen "Keys of this screen (Reports)" "help names the screen"
keys Escape Escape
expect_screen "Due for a patrol" "Esc goes back to the dashboard"
keys q
expect_screen "EXIT=0" "q quits"
done_testing
