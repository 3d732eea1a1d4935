#!/bin/sh
# The argument handling the list and one-id commands share (cli_util.c): --help,
# --format, stray arguments, ids, optional filters, periods; a refused call
# changes nothing.
. "${top_srcdir:-.}/tests/lib.sh"

W=$TEST_TMP/county
"$WANGGE" -C "$W" init county --name 示范县 --code 330102 >/dev/null
"$WANGGE" -C "$W" grid add --code g1 --name 一格 --township 中山乡 >/dev/null
"$WANGGE" -C "$W" entity add --grid g1 --category D211 --name 仁和诊所 --phone 13812345678 >/dev/null
"$WANGGE" -C "$W" officer add --name 王芳 --grid g1 --phone 13900001111 >/dev/null
E=$("$WANGGE" -C "$W" entity list --format tsv | sed -n 2p | cut -f1)
before=$(snapshot "$W")

# Commands that take only --format.
for c in "grid list" "officer list" "category list" "dispatch status"; do
	# shellcheck disable=SC2086
	expect_rc 0 "$c --help" "$WANGGE" -C "$W" $c --help
	contains "$out" "Usage" "$c --help prints the usage"
	# shellcheck disable=SC2086
	expect_rc 1 "$c: a stray argument is a usage error" "$WANGGE" -C "$W" $c extra
	contains "$err" "unexpected argument \"extra\"" "$c names the stray argument"
	# shellcheck disable=SC2086
	expect_rc 1 "$c: an unknown format is a usage error" "$WANGGE" -C "$W" $c --format xml
	contains "$err" "unknown format \"xml\"" "$c names the format"
	# shellcheck disable=SC2086
	expect_rc 1 "$c: an unknown option is a usage error" "$WANGGE" -C "$W" $c --bogus
	contains "$err" "unknown option \"--bogus\"" "$c names the option"
done
expect_rc 0 "grid list --format csv" "$WANGGE" -C "$W" grid list --format csv
contains "$out" "Code,Grid,Township,Entities" "csv header"
contains "$out" "g1,一格,中山乡,1" "csv row with the entity count"
expect_rc 0 "officer list --format tsv" "$WANGGE" -C "$W" officer list --format tsv
lacks "$out" "13900001111" "officer phones are masked"

# Commands that take no argument at all.
for c in "campaign list" "recusal list" "draw list" "check"; do
	# shellcheck disable=SC2086
	expect_rc 0 "$c --help" "$WANGGE" -C "$W" $c --help
	contains "$out" "Usage" "$c --help prints the usage"
	# shellcheck disable=SC2086
	expect_rc 1 "$c: an argument is a usage error" "$WANGGE" -C "$W" $c --format
	contains "$err" "unexpected argument \"--format\"" "$c names it"
done

# Entity list: short ids in the table, full ids for scripts, filters.
expect_rc 0 "entity list" "$WANGGE" -C "$W" entity list
contains "$out" "$(printf '%.8s' "$E") " "the table shows 8 digits of the id"
lacks "$out" "$E" "not the whole id"
contains "$out" "clinic" "the category by its name"
expect_rc 0 "entity list --format csv --grid g1" "$WANGGE" -C "$W" entity list --format csv --grid g1
contains "$out" "$E" "scripts get the whole id"
expect_rc 0 "entity list --grid g2" "$WANGGE" -C "$W" entity list --grid g2
lacks "$out" "仁和诊所" "the grid filter"

# One id.
expect_rc 1 "entity delete without an id" "$WANGGE" -C "$W" entity delete
contains "$err" "give exactly one id" "says so"
expect_rc 1 "entity show with two ids" "$WANGGE" -C "$W" entity show "$E" "$E"
contains "$err" "give exactly one id" "says so"
expect_rc 1 "draw show without an id" "$WANGGE" -C "$W" draw show --format tsv
contains "$err" "give exactly one draw id" "says so"
expect_rc 2 "draw show of an unknown draw" "$WANGGE" -C "$W" draw show 0123456789abcdef
contains "$err" "0123456789abcdef" "names the id"
expect_rc 2 "inspection show of a bad id" "$WANGGE" -C "$W" inspection show xyz
contains "$err" "is not a record id" "says why"
expect_rc 2 "risk show of an unknown entity" "$WANGGE" -C "$W" risk show 0123abcd
expect_rc 2 "entity delete of an unknown entity" "$WANGGE" -C "$W" entity delete 0123abcd

# Optional filters resolve the id they are given.
for c in "task list" "inspection list" "finding list"; do
	# shellcheck disable=SC2086
	expect_rc 2 "$c --entity of an unknown entity" "$WANGGE" -C "$W" $c --entity 0123abcd
	# shellcheck disable=SC2086
	expect_rc 0 "$c --entity of a known one" "$WANGGE" -C "$W" $c --entity "$(printf '%.6s' "$E")"
done
expect_rc 2 "complaint add --entity of an unknown entity" \
	"$WANGGE" -C "$W" complaint add --channel phone --content 脏乱 --entity 0123abcd

# Periods.
expect_rc 1 "report: the period ends before it starts" \
	"$WANGGE" -C "$W" report --from 2026-11-10 --to 2026-11-01
contains "$err" "the period ends (2026-11-01) before it starts (2026-11-10)" "says so"
expect_rc 1 "publish: not a date" "$WANGGE" -C "$W" publish --from 2026-02-30x
contains "$err" "is not a date of the form 2026-01-31" "says so"
expect_rc 1 "print patrols needs --from and --to" "$WANGGE" -C "$W" print patrols --from 2026-01-01
contains "$err" "--from and --to are required" "says so"
expect_rc 1 "publish complaints takes no --grid" \
	"$WANGGE" -C "$W" publish complaints --from 2026-01-01 --to 2026-12-31 --grid g1
contains "$err" "unknown option \"--grid\"" "says so"
expect_rc 0 "publish complaints to stdout" \
	"$WANGGE" -C "$W" publish complaints --from 2026-01-01 --to 2026-12-31
expect_rc 0 "print patrols for a grid" \
	"$WANGGE" -C "$W" print patrols --from 2026-01-01 --to 2026-12-31 --grid g1 -o "$TEST_TMP/p.html"
check "the form is written" test -s "$TEST_TMP/p.html"

# None of the calls above changed the workspace (check and the lists only read).
check "the workspace is byte for byte unchanged" test "$(snapshot "$W")" = "$before"

done_testing
