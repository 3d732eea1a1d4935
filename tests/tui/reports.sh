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
keys F1
expect_screen "Keys of this screen (Reports)" "help names the screen"
keys Escape Escape
expect_screen "Due for a patrol" "Esc goes back to the dashboard"
keys q
expect_screen "EXIT=0" "q quits"
done_testing
