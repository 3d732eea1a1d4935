#!/bin/sh
# The credit lists with legal footing (国办发〔2020〕49号): the black list only
# by a county decision citing its legal basis, after notice and an objection
# period, for a fixed term, with credit repair and removal, each step recorded
# with its date; the export carries the credit code, the reason, the basis,
# the deciding body and the dates. Overdue work raises the risk, never the
# credit status. Every step pins its own clock.
. "${top_srcdir:-.}/tests/lib.sh"
need_stock_git

C=$TEST_TMP/county
O=$TEST_TMP/officer
at() { when=$1; shift; WANGGE_NOW=$when "$WANGGE" "$@"; }
T1=2026-03-02T02:00:00Z
T2=2026-03-10T02:00:00Z
T3=2026-03-20T02:00:00Z

expect_rc 0 "county" at $T1 -C "$C" init county --name 示范县 --code 330102
expect_rc 0 "grid" at $T1 -C "$C" grid add --code G1 --name 一网格 --township 中山乡
expect_rc 0 "officer" at $T1 -C "$C" officer add --name 李明 --grid G1
off=$(last_line)
expect_rc 0 "clinic" at $T1 -C "$C" entity add --grid G1 --category D211 --name 仁和诊所 --uscc 91110000600037341L
e=$(last_line)
expect_rc 0 "another clinic" at $T1 -C "$C" entity add --grid G1 --category D211 --name 康宁诊所
e2=$(last_line)
expect_rc 0 "enroll" at $T1 -C "$C" enroll --grid G1 --officer "$off" -o "$TEST_TMP/enroll.bundle"
expect_rc 0 "officer workspace" at $T1 -C "$O" init officer --from "$TEST_TMP/enroll.bundle"
register_key "$C" "$O"

basis='《医疗机构管理条例》（条款待核）'
before=$(snapshot "$C")
expect_rc 2 "a basis that cites no law is refused" at $T1 -C "$C" blacklist notice "$e" \
	--reason 出借执业许可证 --basis 局务会决定 --body 示范县卫生健康局 --objection-days 10
contains "$err" "49" "citing the State Council's rule"
expect_rc 1 "the reason is required" at $T1 -C "$C" blacklist notice "$e" --basis "$basis" \
	--body 示范县卫生健康局 --objection-days 10
expect_rc 1 "an objection period is required" at $T1 -C "$C" blacklist notice "$e" --reason 出借 \
	--basis "$basis" --body 示范县卫生健康局
expect_rc 1 "of 1 to 90 days" at $T1 -C "$C" blacklist notice "$e" --reason 出借 \
	--basis "$basis" --body 示范县卫生健康局 --objection-days 0
check "the refusals changed nothing" test "$(snapshot "$C")" = "$before"
expect_rc 2 "an officer cannot black-list" at $T1 -C "$O" blacklist notice "$e" --reason 出借 \
	--basis "$basis" --body 示范县卫生健康局 --objection-days 10

# 1. notice, with the objection period
expect_rc 0 "notice" at $T1 -C "$C" blacklist notice "$e" --reason 出租、出借医疗机构执业许可证 \
	--basis "$basis" --body 示范县卫生健康局 --objection-days 10
b=$(last_line)
contains "$out" "within 10 days" "the objection period"
expect_rc 2 "a second open case is refused" at $T1 -C "$C" blacklist notice "$e" --reason 出借 \
	--basis "$basis" --body 示范县卫生健康局 --objection-days 10
expect_rc 0 "credit list during the period" at $T1 -C "$C" credit list --black
lacks "$out" "仁和诊所" "not listed before the decision"
expect_rc 2 "no decision during the objection period" at $T2 -C "$C" blacklist decide "$b" --term-months 12
contains "$err" "runs until 2026-03-12" "naming its last day"

# 2. the objection, within the period
expect_rc 0 "objection" at $T2 -C "$C" blacklist object "$b" --text 许可证系被他人冒用，已报案
expect_rc 2 "no objection after the period" at $T3 -C "$C" blacklist object "$b" --text 补充意见
contains "$err" "ended on 2026-03-12" "and says when it ended"

# 3. the decision, after answering the objection
expect_rc 2 "an objection needs its answer first" at $T3 -C "$C" blacklist decide "$b" --term-months 12
expect_rc 1 "the term is required" at $T3 -C "$C" blacklist decide "$b" --reply 经核实
expect_rc 0 "decision" at $T3 -C "$C" blacklist decide "$b" --term-months 12 --reply 经核实，冒用说法无证据支持
contains "$out" "12 months" "for a fixed term"
expect_rc 0 "the black list for publication" at $T3 -C "$C" credit list --black --format csv
check "one entry" test "$(printf '%s\n' "$out" | wc -l)" -eq 2
contains "$out" "USCC,Entity,Reason,Legal basis,Deciding body,Notified on,Listed on,Listed until" "the export's fields"
row=$(printf '%s\n' "$out" | sed -n 2p | tr -d '\r')
check "credit code" test "$(printf '%s' "$row" | cut -d, -f1)" = 91110000600037341L
check "entity" test "$(printf '%s' "$row" | cut -d, -f2)" = 仁和诊所
check "reason" test "$(printf '%s' "$row" | cut -d, -f3)" = 出租、出借医疗机构执业许可证
check "legal basis" test "$(printf '%s' "$row" | cut -d, -f4)" = "$basis"
check "deciding body" test "$(printf '%s' "$row" | cut -d, -f5)" = 示范县卫生健康局
check "notified on" test "$(printf '%s' "$row" | cut -d, -f6)" = 2026-03-02
check "listed on" test "$(printf '%s' "$row" | cut -d, -f7)" = 2026-03-20
check "listed until: 12 months" test "$(printf '%s' "$row" | cut -d, -f8)" = 2027-03-19
lacks "$out" "许可证系被他人冒用" "the objection is not published"
expect_rc 0 "risk show" at $T3 -C "$C" risk show "$e"
contains "$out" "On the black list." "the entity's standing says so"

# the officer receives the case with the next county bundle, and cannot change it
expect_rc 0 "county bundle" at $T3 -C "$C" export --grid G1 -o "$TEST_TMP/c1.bundle"
check "the case is a record of the grid's branch, as stock git reads it" sh -c \
	"'$GIT' --git-dir='$C/history.git' ls-tree -r --name-only refs/heads/grid/G1 | grep -q '^blacklist/'"
expect_rc 0 "officer imports it" at $T3 -C "$O" import "$TEST_TMP/c1.bundle"
expect_rc 0 "officer's black list" at $T3 -C "$O" credit list --black
contains "$out" "仁和诊所" "the officer sees the listing"
expect_rc 2 "an officer cannot repair" at $T3 -C "$O" blacklist repair "$b" --note 已整改

# 4. after the term, the entity is off the list without any step
expect_rc 0 "credit list the day the term ends" at 2027-03-19T02:00:00Z -C "$C" credit list --black
contains "$out" "仁和诊所" "still listed on its last day"
expect_rc 0 "credit list after the term" at 2027-03-20T02:00:00Z -C "$C" credit list --black
lacks "$out" "仁和诊所" "off the list after its term"

# 5. credit repair takes it off early
expect_rc 1 "repair needs its note" at $T3 -C "$C" blacklist repair "$b"
expect_rc 0 "credit repair" at 2026-06-01T02:00:00Z -C "$C" blacklist repair "$b" --note 已整改并公开作出信用承诺
expect_rc 0 "credit list after the repair" at 2026-06-02T02:00:00Z -C "$C" credit list --black
lacks "$out" "仁和诊所" "off the list after credit repair"
expect_rc 2 "a repaired case is not repaired twice" at 2026-06-02T02:00:00Z -C "$C" blacklist repair "$b" --note 再次

# 6. removal: a case noticed and then dropped
expect_rc 0 "notice to the other clinic" at $T1 -C "$C" blacklist notice "$e2" --reason 拒不执行处罚决定 \
	--basis '《中华人民共和国行政处罚法》（条款待核）' --body 示范县卫生健康局 --objection-days 5
b2=$(last_line)
expect_rc 0 "removed after the objection" at $T2 -C "$C" blacklist remove "$b2" --reason 异议成立，不予列入
expect_rc 2 "a removed case cannot be decided" at $T3 -C "$C" blacklist decide "$b2" --term-months 6

# every step is kept, with its date
expect_rc 0 "all cases" at 2026-06-02T02:00:00Z -C "$C" blacklist list --all --format tsv
contains "$out" "仁和诊所	credit repaired	2026-03-02	2026-03-12	许可证系被他人冒用，已报案	经核实，冒用说法无证据支持	2026-03-20	2027-03-19	2026-06-01		已整改并公开作出信用承诺" "the first case's steps"
contains "$out" "康宁诊所	removed	2026-03-02	2026-03-07						2026-03-10	异议成立，不予列入" "the second case's steps"

# overdue work is not a credit decision
printf '@rules risk\n@effective 2026-04-01\n@scheme 旧式\n@black-list-overdue 2\n' >"$TEST_TMP/old-risk"
expect_rc 2 "a risk file with an automatic black list is refused" at $T3 -C "$C" rules import "$TEST_TMP/old-risk"
contains "$err" "old-risk:4:" "naming the line"
contains "$err" "county decision" "the black list is a county decision"

# the red list names its criteria and the credit code
expect_rc 0 "red list" at $T3 -C "$C" credit list --red --format csv
contains "$out" "USCC,Entity,Category,Grid,Reason,Criteria,Deciding body,As of" "its fields"
done_testing
