#!/bin/sh
# Names in natural order on the Entities list: 第2诊所 before 第10诊所, as a
# person counts, also when the list is filtered, read from its end, or the
# entities were written by the stock sqlite3; the stock sqlite3 reads and
# writes the workspace (no collation or function of wangge's in its schema).
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
for n in 第10诊所 第2诊所 第1诊所 第11诊所 第100诊所; do
	wg -C "$W" entity add --grid G01 --category D211 --name "$n" >/dev/null
done
wg -C "$W" entity add --grid G01 --category D212 --name 第9药店 >/dev/null
order=$(wg -C "$W" entity list | awk 'NR > 1 { printf "%s ", $2 }')
check "the CLI lists names in natural order" \
	test "$order" = "第1诊所 第2诊所 第9药店 第10诊所 第11诊所 第100诊所 "
check "the stock sqlite3 reads the workspace" \
	test "$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM entity ORDER BY name")" = 6
check "and writes an entity into it" sqlite3 "$W/wangge.db" \
	"INSERT INTO entity(id, grid, category, name, status) VALUES
	 ('0123456789abcdef0123456789abcdef', 'G01', 'D211', '第3诊所', 'open')"
check "sqlite3's integrity check passes" \
	test "$(sqlite3 "$W/wangge.db" "PRAGMA integrity_check")" = ok

# rows_order: the names of the list rows, in screen order, that match 第…
rows_order() {
	printf '%s\n' "$screen" | grep -oE '^ 第[0-9]+(诊所|药店)' | tr -d ' ' | tr '\n' ' '
}

for term in xterm linux vt100; do
	tui_start "TERM=$term exec '$WANGGE' -C '$W'"
	expect_screen "Dashboard" "$term: the dashboard"
	keys 2
	expect_screen "7 entities" "$term: the Entities list"
	settle
	check "$term: in natural order, also the one sqlite3 wrote" \
		test "$(rows_order)" = "第1诊所 第2诊所 第3诊所 第9药店 第10诊所 第11诊所 第100诊所 "
	keys q
	expect_screen "EXIT=0" "$term: quits"
done
order=$(wg -C "$W" entity list --category D211 | awk 'NR > 1 { printf "%s ", $2 }')
check "filtered by category: still natural" \
	test "$order" = "第1诊所 第2诊所 第3诊所 第10诊所 第11诊所 第100诊所 "
done_testing
