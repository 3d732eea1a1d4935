#!/bin/sh
# The manual page renders, and documents every subcommand that --help lists.
. "${top_srcdir:-.}/tests/lib.sh"

page=$top_srcdir/doc/wangge.1
if command -v man >/dev/null 2>&1; then
	expect_rc 0 "man -l renders wangge.1" env MANWIDTH=80 man -l "$page"
	check "the rendered page is not empty" test -n "$out"
	lacks "$err" "warning" "groff gives no warnings"
else
	not_ok "man is not installed (.ci/install-deps installs man-db)"
fi
rendered=$(MANWIDTH=200 man -l "$page" 2>/dev/null)
# The command column of --help is 18 characters wide after two spaces.
"$WANGGE" --help | sed -n '/^Commands:/,/^$/p' | sed '1d;/^$/d' | cut -c3-20 | sed 's/ *$//' |
while read -r name; do
	echo "$name"
done > "$TEST_TMP/commands"
while read -r name; do
	contains "$rendered" "$name" "the manual documents \"$name\""
done < "$TEST_TMP/commands"
check "at least 10 commands were compared" test "$(wc -l < "$TEST_TMP/commands")" -ge 10
done_testing
