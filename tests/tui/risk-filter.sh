#!/bin/sh
# Filtering the entity list by risk grade: the grades are derived when the
# filter is chosen (never stored) and the list shows only that grade.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
# a reported unlicensed practice has a high base risk; a pharmacy a low one
wg -C "$W" entity add --grid G01 --category X100 --name 东湖村无证诊疗点 >/dev/null
wg -C "$W" entity add --grid G01 --category P100 --name 康泰大药房 >/dev/null

tui_start "exec '$WANGGE' -C '$W'"
expect_screen "Dashboard" "the dashboard"
keys 2
expect_screen "2 entities" "both entities listed"
keys F6
expect_screen "Risk grade" "the filter form offers the risk grade"
keys Tab Tab Tab Right Right Right
expect_screen "high risk" "high risk chosen"
keys F2
expect_screen "1 entity" "one entity left"
expect_screen "东湖村无证诊疗点" "the high-risk one"
lacks "$(screen_text)" "康泰大药房" "not the low-risk pharmacy"
expect_screen "high risk" "the summary line names the filter"
keys Escape
expect_screen "2 entities" "Esc clears the filter"
keys q
expect_screen "EXIT=0" "q quits"
expect_sane_terminal "the terminal is restored"
done_testing
