#!/bin/sh
# Bad input: exit 2 (or 1 for usage), a clear message, and the workspace unchanged byte for byte.
. "${top_srcdir:-.}/tests/lib.sh"

W=$TEST_TMP/county
"$WANGGE" -C "$W" init county --name 示范县 --code 330102 >/dev/null
"$WANGGE" -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
"$WANGGE" -C "$W" entity add --grid G01 --category D211 --name 中山乡卫生院 >/dev/null
e1=$(cd "$W" && "$WANGGE" -C "$W" entity list --format tsv | sed -n 2p | cut -f1)
# Let SQLite fold its write-ahead log in so snapshots compare stable files.
"$WANGGE" -C "$W" check >/dev/null
before=$(snapshot "$W")

unchanged() {
	if [ "$(snapshot "$W")" = "$before" ]; then ok "  workspace unchanged: $1"; else not_ok "  workspace changed: $1"; fi
}

# refuse WANT DESCRIPTION MESSAGE-FRAGMENT ARGS...
refuse() {
	want=$1 desc=$2 frag=$3
	shift 3
	expect_rc "$want" "$desc" "$WANGGE" -C "$W" "$@"
	contains "$err" "$frag" "  message: $frag"
	unchanged "$desc"
}

long=$(python3 -c 'print("院" * 2000)')
refuse 2 "malformed USCC" "credit code" entity add --grid G01 --category D211 --name 甲 --uscc 1234
refuse 2 "2,000-character name" "too long" entity add --grid G01 --category D211 --name "$long"
refuse 2 "invalid UTF-8 in an argument" "UTF-8" entity add --grid G01 --category D211 --name "$(printf 'ab\377cd')"
refuse 2 "control character in a name" "control" entity add --grid G01 --category D211 --name "$(printf 'a\033[2Jb')"
refuse 2 "unknown category" "unknown category" entity add --grid G01 --category Z999 --name 乙
refuse 2 "unknown grid" "no grid" entity add --grid G99 --category D211 --name 丙
refuse 2 "bad phone" "phone" entity add --grid G01 --category D211 --name 丁 --phone 12345
refuse 2 "bad date" "date" entity add --grid G01 --category D211 --name 戊 --licence-expiry 2026-02-30
refuse 2 "bad status" "allowed" entity set "$e1" status=bankrupt
refuse 2 "bad USCC on set" "credit code" entity set "$e1" uscc=ABC
refuse 2 "unknown field on set" "no field" entity set "$e1" colour=red
refuse 2 "id cannot change" "cannot be changed" entity set "$e1" created=2020-01-01T00:00:00Z
refuse 2 "unknown id" "no entity" entity set ffffffff name=x
refuse 2 "one bad value spoils the whole change" "credit code" entity set "$e1" name=新名字 uscc=1
refuse 2 "wrong USCC check character needs --confirm" "--confirm" entity add --grid G01 --category D211 --name 己 --uscc 91110000600037341M
contains "$err" "check character" "  the warning explains the check character"
refuse 2 "bad grid code" "grid code" grid add --code "a..b" --name x --township y
refuse 2 "duplicate grid code" "already exists" grid add --code G01 --name x --township 新乡
refuse 2 "bad ID card number" "ID card" officer add --name 张三 --idcard 110105194912310021
refuse 2 "bad role" "allowed" officer add --name 张三 --role boss
refuse 1 "missing --name" "required" grid add --code G02 --township x
refuse 1 "unknown option" "unknown option" entity add --grid G01 --colour red
refuse 1 "set without changes" "FIELD=VALUE" entity set "$e1"
refuse 2 "a county code must have 6 digits" "region code" init county --name x --code 330102001

# A second writer gets a clear message and waits for nobody.
if command -v flock >/dev/null; then
	flock "$W/lock" sleep 3 &
	sleep 0.5
	refuse 2 "workspace in use by another program" "in use" entity add --grid G01 --category D211 --name 庚
	wait
else
	ok "# SKIP flock not installed"
fi

# Confirming a warning stores it.
expect_rc 0 "with --confirm the old-style USCC is kept" "$WANGGE" -C "$W" entity add --grid G01 --category D211 --name 己 --uscc 91110000600037341M --confirm

done_testing
