#!/bin/sh
# The demo county's working life on the History screen: an officer's
# workspace lists its grid's weekly syncs, by that officer, between the
# county's dispatches; the county's own screen begins with its set-up.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

D=$TEST_TMP/demo
expect_rc 0 "the small demo county" wg demo --no-ui --size small --seed 7 --dir "$D"
G=$(git --git-dir="$D/history.git" for-each-ref --count=1 --format='%(refname:short)' refs/heads/grid/ | sed 's|^grid/||')
expect_rc 0 "its officer enrolled at first open" wg demo --no-ui --dir "$D" --role "officer:$G"
who=$(git --git-dir="$D/history.git" log -1 --format=%an --author='@[0-9a-f]' "refs/heads/grid/$G")
check "the grid's last sync is by its officer ($who)" test -n "$who"

tui_start "exec '$WANGGE' -C '$D/officers/$G'" 120 40
expect_screen "Sending to the county" "the officer's workspace opens"
keys 6
expect_screen "Changes in this grid" "6: History"
expect_screen "Sync of grid $G by $who" "  lists the officer's syncs"
expect_screen "Dispatch to grid $G" "  and the county's dispatches"
syncs=$(screen_text | grep -c "Sync of grid $G by")
check "  a sync about every week, newest first ($syncs on screen)" test "$syncs" -ge 10
keys q q
wait_for "EXIT=" 20

tui_start "exec '$WANGGE' -C '$D'" 120 40
expect_screen "County desk" "the county's workspace opens"
keys 6
expect_screen "Changes to county records" "its History"
keys End
expect_screen "Set up the county" "  begins with the county's set-up"
keys q q
wait_for "EXIT=" 20
done_testing
