#!/bin/sh
# No internal ids on screen: the main screens of the small demo county, the
# clerk's and an officer's, show names, codes and dates, never a record's
# random id (32 hex digits, or a piece of one: "92e5dafe", "92e5da…").
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

D=$TEST_TMP/demo
expect_rc 0 "the small demo county" wg demo --no-ui --size small --seed 7 --dir "$D"
G=$(git --git-dir="$D/history.git" for-each-ref --count=1 --format='%(refname:short)' refs/heads/grid/ | sed 's|^grid/||')
expect_rc 0 "its first grid's officer, enrolled at first open" wg demo --no-ui --dir "$D" --role "officer:$G"

# ids_on_screen: the lines of the screen with something like an id: a run of
# 8 or more hex digits with a letter and a digit in it, or 6 or more cut with …
ids_on_screen() {
	tm capture-pane -p -t "$TM_S" | id_lines
}
id_lines() {
	python3 -c '
import re, sys
for line in sys.stdin:
    for tok in re.findall(r"(?<![0-9A-Za-z])[0-9a-f]{6,}…?", line):
        t = tok.rstrip("…")
        if re.search("[a-f]", t) and re.search("[0-9]", t) and (len(t) >= 8 or tok != t):
            print(line.rstrip())
            break'
}
# the check finds what it looks for, and not codes, phones or dates
found=$(printf '%s\n' " entity 92e5dafe" " 任务 3fa9c1…" " 320724100-01 0512-3121904 2026-11-22" \
	" 91320724935T591625 示卫罚〔2026〕3号 ab12cd" | id_lines)
check "the id check finds ids" test "$found" = " entity 92e5dafe
 任务 3fa9c1…"

# esc TEXT: Esc alone, and wait for the screen it goes back to (Esc then a
# digit at once would be an F-key)
esc() {
	keys Escape
	wait_for "$1" 30 || diag "Esc: waited for $1" "$screen"
	settle
}

# look WHAT TEXT: wait for TEXT, then no id on the screen
look() {
	if wait_for "$2" 30 && settle; then
		bad=$(ids_on_screen)
		if [ -z "$bad" ]; then ok "$1: no id on screen"; else not_ok "$1: no id on screen"; diag "$bad"; fi
	else
		not_ok "$1: the screen shows"
		diag "waited for: $2" "$screen"
	fi
}

tui_start "exec '$WANGGE' -C '$D'" 120 30
look "county dashboard" "County desk"
for i in 0 1 2 3 4 5; do
	keys 1
	wait_for "County desk" 30
	keys g
	n=0
	while [ "$n" -lt "$i" ]; do keys j; n=$((n + 1)); done
	keys Enter
	settle
	look "county desk line $((i + 1))" "Help"
	[ "$i" = 1 ] || esc "County desk"
done
keys 1 2
look "county entities" "entities, by name"
keys Enter
look "county entity" "Points and risk"
esc "entities, by name"
keys 3
look "county tasks" "tasks: open and started"
keys Enter
look "county task" "title:"
esc "tasks: open and started"
keys 4
look "county sync" "Sync"
keys 5
look "county conflicts" "conflicts to resolve"
keys 6
look "county history" "When"
keys 1 C
look "county penalty cases" "Help"
keys Enter
look "county penalty case" "Help"
esc "Help"
esc "Help"
keys 1 r
look "county reports" "Help"
keys q q
wait_for "EXIT=" 20

tui_start "exec '$WANGGE' -C '$D/officers/$G'" 120 30
look "officer dashboard" "Sending to the county"
keys 2
look "officer entities" "entities, by name"
keys Enter
look "officer entity" "Points and risk"
esc "entities, by name"
keys 3
look "officer tasks" "tasks: open and started"
keys Enter
look "officer task" "title:"
esc "tasks: open and started"
keys 4
look "officer sync" "Sync"
keys 6
look "officer history" "When"
keys q q
wait_for "EXIT=" 20
done_testing
