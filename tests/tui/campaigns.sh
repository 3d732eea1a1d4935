#!/bin/sh
# Campaigns on the county's screens: P lists them with their progress; a
# starts one by categories (and one by entities named one by one, with a
# checklist); the selected campaign's progress per grid is shown under the
# list and follows a task done. Refusals come in words. Each effect is
# checked through the CLI.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
WANGGE_NOW=2026-11-22T04:00:00Z
export WANGGE_NOW
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 中山乡一格 --township 中山乡 >/dev/null
wg -C "$W" grid add --code G02 --name 东湖二格 --township 东湖镇 >/dev/null
wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 >/dev/null
wg -C "$W" entity add --grid G01 --category D211 --name 中山二诊所 >/dev/null
wg -C "$W" entity add --grid G02 --category D211 --name 东湖诊所 >/dev/null
wg -C "$W" entity add --grid G02 --category D600 --name 东湖村卫生室 >/dev/null
i1=$(wg -C "$W" officer add --name 王五 --role inspector --cert 执法证0001 | tail -n 1)
i2=$(wg -C "$W" officer add --name 赵六 --role inspector --cert 执法证0002 | tail -n 1)
check "a county with four entities" test -f "$W/wangge.db"
cl=$(wg -C "$W" checklist list --format tsv | sed -n 2p | cut -f1)
check "a checklist to choose ($cl)" test -n "$cl"
RUN="exec '$WANGGE' -C '$W'"

tui_start "$RUN"
expect_screen "County desk" "the county's dashboard"
keys P
expect_screen "0 campaigns. a starts one" "P opens the campaigns"
keys a
expect_screen "Start a campaign" "a opens the form"
expect_screen "2026-11-22" "it starts today unless told"
type_text "诊所专项整治"
keys Tab Tab
type_text "2026-12-20"
keys Tab
type_text "D211"
keys C-s
expect_screen 'Campaign "诊所专项整治" started: 3 tasks made in the grids.' \
	"^S starts it: a task for each clinic"
expect_screen "1 campaign" "the list has it"
expect_screen "0/3   0%" "none of its 3 tasks done"
expect_screen "Per grid: 诊所专项整治" "its progress per grid is below"
expect_screen "0/2   0%" "two tasks in G01"
expect_screen "0/1   0%" "one in G02"
run wg -C "$W" campaign list
contains "$out" "诊所专项整治" "the CLI lists the campaign"
run wg -C "$W" task list --format tsv
check "the CLI lists 3 campaign tasks" test "$(printf '%s\n' "$out" | grep -c 诊所专项整治)" -eq 3
# The campaign task of G02 done (its inspection signed): the progress follows.
keys Escape q
expect_screen "EXIT=0" "q quits (the CLI needs the workspace)"
t=$(wg -C "$W" task list --format tsv | grep 诊所专项整治 | grep 东湖诊所 | cut -f1)
check "the CLI lists G02's campaign task" test -n "$t"
expect_rc 0 "its inspection starts" wg -C "$W" inspection start --task "$t" --inspector "$i1" \
	--inspector "$i2"
p=$(last_line)
for n in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
	wg -C "$W" inspection record "$p" CL$n pass >/dev/null || not_ok "record CL$n"
done
for n in 21 22; do
	wg -C "$W" inspection record "$p" CL$n na >/dev/null || not_ok "record CL$n"
done
expect_rc 0 "and is signed" wg -C "$W" inspection sign "$p"
run wg -C "$W" task list --format tsv
contains "$out" "$t	campaign	2026-12-20	done" "the CLI has the task done"
tui_start "$RUN"
keys P
expect_screen "1/3  33%" "back on the campaigns: 1 of 3 done"
expect_screen "1/1 100%" "G02's one task done"
expect_screen "0/2   0%" "G01's two still to do"
# Refusals in words: the end before the start, an unknown category.
keys a
type_text "错误专项"
keys Tab C-u
type_text "2026-12-20"
keys Tab
type_text "2026-12-01"
keys Tab
type_text "D211"
keys C-s
expect_screen "ends (2026-12-01) before it starts (2026-12-20)" "an end before the start is refused"
# (the focus stays on the field typed last: the categories)
keys C-u
type_text "D211，ZZ99"
keys BTab C-u
type_text "2027-01-10"
keys C-s
expect_screen '"ZZ99" is neither a category code nor a category group' \
	"an unknown category is refused (after a full-width comma)"
keys Tab C-u
keys Tab
type_text "东湖村卫生室; 中山诊所"
keys Tab Right
keys C-s
expect_screen 'Campaign "错误专项" started: 2 tasks made in the grids.' \
	"two entities named one by one"
run wg -C "$W" campaign list
contains "$out" "错误专项" "the CLI lists the second campaign"
t2=$(wg -C "$W" task list --format tsv | grep 错误专项 | head -n 1 | cut -f1)
run wg -C "$W" task show "$t2"
check "its tasks carry the checklist chosen ($cl)" sh -c "printf '%s\n' \"\$1\" | grep -Eq '^checklist +$cl'" _ "$out"
run wg -C "$W" task list --format tsv
check "each named entity has its task" \
	test "$(printf '%s\n' "$out" | grep 错误专项 | grep -c -e 东湖村卫生室 -e 中山诊所)" -eq 2
keys Escape
expect_screen "County desk" "Esc goes back to the dashboard"
keys q
expect_screen "EXIT=0" "q quits"
done_testing
