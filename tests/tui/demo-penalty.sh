#!/bin/sh
# The "penalty" training scenario followed as printed: its screen steps (C
# for the cases, the arrow keys and Enter to open one, Esc to come back) show
# the case it names, and its command decides it, which the screen then shows.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

D=$TEST_TMP/demo
WANGGE_NOW=2026-12-01T04:00:00Z
export WANGGE_NOW
expect_rc 0 "the demo county" wg demo --no-ui --seed 7 --dir "$D"
expect_rc 0 "the penalty scenario" wg demo --no-ui --dir "$D" --scenario penalty
text=$out
number=$(printf '%s\n' "$text" | sed -n 's/^Scenario "penalty": case \(.*\) against .*/\1/p')
said=$(printf '%s\n' "$text" | sed -n 's/^  3\. At the hearing the party said: \(.*\)\. The proposed.*/\1/p')
check "it names the case ($number)" test -n "$number"
contains "$text" "Press C on the first screen" "  and the key to press"

tui_start "exec '$WANGGE' -C '$D'"
expect_screen "County desk" "the county's first screen"
keys C
expect_screen "$number" "step 1: C lists the penalty cases, $number among them"
# The arrow keys: down to the case's line (the list starts on its first
# case; Down moves from case to case).
settle
at=$(printf '%s\n' "$screen" | grep '卫罚' | grep -nF "$number" | head -1 | cut -d: -f1)
i=1
while [ "$i" -lt "${at:-1}" ]; do
	keys Down
	i=$((i + 1))
done
keys Enter
expect_screen "Steps" "  Enter opens it"
contains "$screen" "$number" "  the case named"
contains "$screen" "  hearing  " "  with its hearing among its steps"
check "the scenario quotes what the party said there ($said)" test -n "$said"
keys Escape
settle
keys Escape
expect_screen "County desk" "step 2: Esc twice, back on the first screen"
keys q
expect_screen "EXIT=0" "q leaves the program"

decide=$(printf '%s\n' "$text" | sed -n 's/^       wangge \(.* case decide .*\)/\1/p')
run sh -c "\"\$WANGGE\" $decide"
check "step 3: the printed decision works" test "$rc" -eq 0
tui_start "exec '$WANGGE' -C '$D'"
expect_screen "County desk" "the first screen again"
keys C
expect_screen "$number" "step 4: C shows the case again"
settle
line=$(printf '%s\n' "$screen" | grep -F "$number" | head -1)
lacks "$line" "review" "  no longer waiting for its decision: $line"
keys q
expect_screen "EXIT=0" "q leaves the program"
done_testing
