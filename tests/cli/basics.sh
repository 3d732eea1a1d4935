#!/bin/sh
# The command line round trip a new county clerk makes.
. "${top_srcdir:-.}/tests/lib.sh"

W=$TEST_TMP/county

expect_rc 0 "--help exits 0" "$WANGGE" --help
contains "$out" "entity add" "--help lists entity add"
expect_rc 0 "--version exits 0" "$WANGGE" --version
contains "$out" "wangge" "--version names the program"
expect_rc 1 "unknown command is a usage error" "$WANGGE" frobnicate
contains "$err" "unknown command" "and says so on stderr"
expect_rc 1 "a folder that is no workspace is a usage error" "$WANGGE" -C "$W" entity list
contains "$err" "not a wangge workspace" "and says how to make one"

expect_rc 0 "init county" "$WANGGE" -C "$W" init county --name 示范县 --code 330102
county_id=$(last_line)
check "init prints the county id last" test "${#county_id}" -eq 32
check "workspace folder is private (0700)" test "$(stat -c %a "$W")" = 700
check "database is private (0600)" test "$(stat -c %a "$W/wangge.db")" = 600
expect_rc 2 "init twice is refused" "$WANGGE" -C "$W" init county --name 示范县 --code 330102

expect_rc 0 "grid add" "$WANGGE" -C "$W" grid add --code 330102001-01 --name 中山乡第一网格 --township 中山乡
grid1=$(last_line)
check "grid add prints the id last" test "${#grid1}" -eq 32
expect_rc 0 "second grid" "$WANGGE" -C "$W" grid add --code 330102002-01 --name 东湖镇第一网格 --township 东湖镇
expect_rc 0 "grid list" "$WANGGE" -C "$W" grid list
contains "$out" "中山乡第一网格" "grid list shows the grid"
contains "$out" "东湖镇" "grid list shows the township"

expect_rc 0 "officer add" "$WANGGE" -C "$W" officer add --name 李明 --grid 330102001-01 --phone 13800138000
off1=$(last_line)
check "officer id printed" test "${#off1}" -eq 32
expect_rc 0 "inspector add" "$WANGGE" -C "$W" officer add --name 王芳 --role inspector --cert 浙卫执0001
expect_rc 0 "officer list" "$WANGGE" -C "$W" officer list
contains "$out" "李明" "officer list shows the officer"
contains "$out" "138****8000" "phone numbers are masked in lists"
lacks "$out" "13800138000" "the full phone number is not listed"

expect_rc 0 "entity add (clinic)" "$WANGGE" -C "$W" entity add --grid 330102001-01 --category D211 \
	--name 中山乡卫生院 --uscc 91110000600037341L --phone 13900139000 --address 中山乡人民路1号
e1=$(last_line)
check "entity id printed" test "${#e1}" -eq 32
expect_rc 0 "entity add (pharmacy, ASCII name)" "$WANGGE" -C "$W" entity add --grid 330102001-01 \
	--category P100 --name "Kangtai Pharmacy" --beds 0
e2=$(last_line)
expect_rc 0 "entity add (village room)" "$WANGGE" -C "$W" entity add --grid 330102002-01 \
	--category D600 --name 东湖村卫生室

expect_rc 0 "entity list" "$WANGGE" -C "$W" entity list
contains "$out" "中山乡卫生院" "list shows the Chinese name"
contains "$out" "Kangtai Pharmacy" "list shows the ASCII name"
# Alignment: the Category column starts at the same display column on every row.
cols=$(printf '%s\n' "$out" | while IFS= read -r line; do
	for word in clinic pharmacy "village health room" Category; do
		case $line in
		*"$word"*)
			prefix=${line%%"$word"*}
			printf '%s' "$prefix" | python3 -c 'import sys,unicodedata
s=sys.stdin.read()
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s))'
			break ;;
		esac
	done
done | sort -u | wc -l)
check "Category column aligned by display width (CJK = 2 columns)" test "$cols" -eq 1

expect_rc 0 "entity list --grid" "$WANGGE" -C "$W" entity list --grid 330102002-01
contains "$out" "东湖村卫生室" "filtered list shows the grid's entity"
lacks "$out" "中山乡卫生院" "and not another grid's"
expect_rc 0 "entity list --format tsv" "$WANGGE" -C "$W" entity list --format tsv
contains "$out" "$e1	中山乡卫生院" "TSV gives the full id and the name"
expect_rc 0 "entity list --format csv" "$WANGGE" -C "$W" entity list --format csv
contains "$out" "Id,Name,Category" "CSV has a header row"
expect_rc 1 "unknown format refused" "$WANGGE" -C "$W" entity list --format xml

short=$(printf '%s' "$e1" | cut -c1-8)
expect_rc 0 "entity show by short id" "$WANGGE" -C "$W" entity show "$short"
contains "$out" "中山乡卫生院" "show gives the name"
contains "$out" "91110000600037341L" "show gives the USCC"

expect_rc 0 "entity set" "$WANGGE" -C "$W" entity set "$e1" address=中山乡健康路8号 beds=30 status=suspended
expect_rc 0 "show after set" "$WANGGE" -C "$W" entity show "$e1"
contains "$out" "中山乡健康路8号" "the new address is stored"
contains "$out" "suspended" "the new status is stored"
expect_rc 0 "licence-expiry=... works with option spelling" "$WANGGE" -C "$W" entity set "$e1" licence-expiry=2027-06-30
expect_rc 0 "show" "$WANGGE" -C "$W" entity show "$e1"
contains "$out" "2027-06-30" "licence expiry stored"

expect_rc 0 "category list" "$WANGGE" -C "$W" category list
contains "$out" "D600" "category list gives codes"

expect_rc 0 "check passes on a healthy workspace" "$WANGGE" -C "$W" check
contains "$out" "in order" "check says the workspace is in order"

# WANGGE_DIR and the XDG default
expect_rc 0 "WANGGE_DIR picks the workspace" env WANGGE_DIR="$W" "$WANGGE" entity list
contains "$out" "中山乡卫生院" "same data through WANGGE_DIR"
expect_rc 0 "default workspace under XDG_DATA_HOME" "$WANGGE" init county --name 默认县 --code 330103
check "created in \$XDG_DATA_HOME/wangge/default" test -f "$XDG_DATA_HOME/wangge/default/wangge.db"

# Chinese messages
if locale -a 2>/dev/null | grep -qi '^zh_CN.utf-\?8$'; then
	expect_rc 0 "help in Chinese" env LC_ALL=zh_CN.UTF-8 "$WANGGE" --help
	contains "$out" "检查对象" "--help under zh_CN speaks Chinese"
else
	ok "# SKIP zh_CN.UTF-8 locale not installed"
	ok "# SKIP zh_CN.UTF-8 locale not installed"
fi

done_testing
