#!/bin/sh
# Complaints: recorded with a handling deadline in working days, the
# complainant masked in lists and never in the publication export, verified
# through a task, closed with a result, and counted in the risk grade.
. "${top_srcdir:-.}/tests/lib.sh"

W=$TEST_TMP/county
w() { "$WANGGE" -C "$W" "$@"; }
WANGGE_NOW=2026-02-12T02:00:00Z
export WANGGE_NOW

expect_rc 0 "init county" w init county --name 示范县 --code 330102
expect_rc 0 "grid" w grid add --code G1 --name 一网格 --township 中山乡
expect_rc 0 "officer" w officer add --name 李明 --grid G1
off=$(last_line)
expect_rc 0 "pharmacy" w entity add --grid G1 --category P100 --name 康泰大药房
e=$(last_line)
expect_rc 0 "risk before" w risk show "$e"
lacks "$out" "complaint" "no complaint yet"

expect_rc 0 "complaint about an entity" w complaint add --entity "$e" --channel phone \
	--content "药店店员在店内给人输液" --complainant 张三丰 --contact 13912345678 \
	--complainant-id 11010519491231002X
c1=$(last_line)
check "complaint id printed" test "${#c1}" -eq 32
expect_rc 0 "complaint about a place with no licence" w complaint add --grid G1 --channel visit \
	--location "东湖村小卖部后院" --content "有人无证看病拔牙" --complainant 李四 --contact 13800001111
c2=$(last_line)
before=$(snapshot "$W")
expect_rc 2 "a complaint needs an entity or a location" w complaint add --grid G1 --channel phone --content 无对象
expect_rc 2 "a bad phone number is refused" w complaint add --entity "$e" --channel phone --content x --contact 12345
expect_rc 2 "a bad complainant ID number is refused" w complaint add --entity "$e" --channel phone --content x --complainant-id 110105194912310021
expect_rc 1 "content is required" w complaint add --entity "$e" --channel phone
check "refusals changed nothing" test "$(snapshot "$W")" = "$before"

expect_rc 0 "complaint list" w complaint list
contains "$out" "139****5678" "the phone is masked"
contains "$out" "张**" "the name is masked"
lacks "$out" "13912345678" "the full phone is not listed"
lacks "$out" "张三丰" "the full name is not listed"
# 15 working days from Thu 12 Feb 2026 across the Spring Festival -> 11 March
contains "$out" "2026-03-11" "the handling deadline counts working days"
expect_rc 0 "complaint show (the handler sees it all)" w complaint show "$c1"
contains "$out" "13912345678" "show gives the full contact"
check "the complainant is county-only: not in the record the history holds" \
	test "$(sqlite3 "$W/wangge.db" "SELECT complainant || contact FROM complaint WHERE id = '$c1'")" = ""
check "  but in the county's personal data, with the ID number" \
	test "$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM personal WHERE id = '$c1'")" = 3

expect_rc 0 "verify" w complaint verify "$c1" --assignee "$off"
t=$(last_line)
expect_rc 0 "the verification task" w task show "$t"
contains "$out" "complaint check" "is a complaint task"
contains "$out" "Check complaint: 康泰大药房" "named after the entity"
contains "$out" "2026-03-11" "due at the handling deadline"
expect_rc 2 "verifying twice is refused" w complaint verify "$c1"
expect_rc 1 "closing needs a result" w complaint close "$c1"
expect_rc 0 "close" w complaint close "$c1" --result "经核查属实，已电话告知张三丰（13912345678，身份证11010519491231002X），已移交市场监管部门并责令停止；另一证人13700001234"
expect_rc 2 "closing twice is refused" w complaint close "$c1" --result again
expect_rc 0 "verify the unlicensed-practice complaint" w complaint verify "$c2"
t2=$(last_line)
expect_rc 0 "its task" w task show "$t2"
contains "$out" "Check complaint: 东湖村小卖部后院" "named after the location"

expect_rc 0 "risk after the complaint" w risk show "$e"
contains "$out" "1 complaint in the last 12 months" "the complaint raises the risk"

expect_rc 0 "publication export" w publish complaints --from 2026-02-01 --to 2026-02-28 -o "$TEST_TMP/pub.csv"
contains "$err" "Withheld a name the county keeps (张**): row " "  lists the name it withheld from the clerk's text"
contains "$err" "Withheld a phone number the county keeps (139****5678): row " "  the complainant's phone"
contains "$err" "Withheld an ID number the county keeps (110105********002X): row " "  the ID number"
contains "$err" "Withheld a mobile number (137****1234): row " "  and a mobile number the county does not keep"
contains "$err" "4 personal values withheld" "  counted"
pub=$(cat "$TEST_TMP/pub.csv")
contains "$pub" "已电话告知[withheld]（[withheld]，身份证[withheld]）" "the clerk's text keeps its words, the values withheld"
lacks "$pub" "13700001234" "the other mobile number too"
contains "$pub" "康泰大药房" "the entity is published"
contains "$pub" "东湖村小卖部后院" "so is the location"
contains "$pub" "经核查属实" "and the result"
lacks "$pub" "张三丰" "the complainant's name is never published"
lacks "$pub" "张**" "not even masked"
lacks "$pub" "李四" "nor the other complainant"
lacks "$pub" "13912345678" "the phone is never published"
lacks "$pub" "5678" "not even in part"
lacks "$pub" "1111" "nor the other phone"
expect_rc 0 "export to stdout, outside the period" w publish complaints --from 2026-03-01 --to 2026-03-31
lacks "$out" "康泰大药房" "only the period asked for"
expect_rc 2 "bad dates are refused" w publish complaints --from 2026-02-30 --to 2026-03-31

done_testing
