#!/bin/sh
# Penalty cases in the full-screen program: the dashboard flags a case past
# its time limit, C lists the cases by stage, a case shows its steps and
# writes its documents into a folder chosen with the file chooser; ^R opens
# the clue form from any screen.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

C=$TEST_TMP/county
WANGGE_NOW=2026-09-28T02:00:00Z
export WANGGE_NOW
wg() { "$WANGGE" "$@"; }
wg -C "$C" init county --name 示范县 --code 330102 >/dev/null
wg -C "$C" grid add --code G1 --name 一网格 --township 中山乡 >/dev/null
i1=$(wg -C "$C" officer add --name 王监督 --role inspector --cert 浙卫执0001 | tail -n 1)
i2=$(wg -C "$C" officer add --name 赵监督 --role inspector --cert 浙卫执0002 | tail -n 1)
head=$(wg -C "$C" officer add --name 孙所长 --role clerk | tail -n 1)
e=$(wg -C "$C" entity add --grid G1 --category D211 --name 东湖诊所 | tail -n 1)
k=$(wg -C "$C" case file --entity "$e" --violation M-WASTE-SORT --party person --facts 医疗废物未分类 \
	--penalty fine --fine 1500 --inspector "$i1" --inspector "$i2" --approved-by "$head" | tail -n 1)
check "a case filed" test -n "$k"
WANGGE_NOW=2026-09-29T02:00:00Z wg -C "$C" case notify "$k" --by "$i1" --by "$i2" >/dev/null
WANGGE_NOW=2026-10-13T02:00:00Z wg -C "$C" case decide "$k" --decided-by "$head" --factor ordinary >/dev/null
check "decided" test $? -eq 0
# 10-22 was the last day to serve it: on 10-26 it is late
WANGGE_NOW=2026-10-26T02:00:00Z
# a folder standing in for a USB stick: the file chooser starts there
mkdir -p "$TEST_TMP/media/stick"

tui_start "WANGGE_MEDIA='$TEST_TMP/media/*' exec '$WANGGE' -C '$C'"
expect_screen "Penalty cases past a time limit or due within 7 days: 1 (C lists all)" "the dashboard flags the case, its heading whole at 80 columns"
expect_screen "! 2026-10-22  示范县卫罚〔2026〕1号  service of the decision" "  late, with what is due"
keys C
expect_screen "1 penalty case, 1 past a time limit" "C lists the cases"
expect_screen "decided" "  by stage"
keys Enter
expect_screen "示范县卫罚〔2026〕1号" "Enter opens the case"
expect_screen "Steps" "  with its steps"
expect_screen "行政处罚事先告知书 (notice.html)" "  and the documents it has"
lacks "$screen" "结案报告" "  not those it has not reached"
keys w
expect_screen "choose the folder" "w asks for a folder"
keys C-s
expect_screen "documents written to" "the documents are written"
contains "$screen" "4 documents written to $TEST_TMP/media/stick" "  the opinion, notice, decision and receipt, onto the stick"
check "the decision is there" test -f "$TEST_TMP/media/stick/$(printf %.8s "$k")-decision.html"
keys C-r
expect_screen "Report a clue" "^R opens the clue form from the case screen"
keys Escape
settle
keys Escape
keys Escape
keys q
expect_sane_terminal "the terminal is sane after quitting"

done_testing
