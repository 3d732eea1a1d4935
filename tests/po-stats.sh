#!/bin/sh
# The Chinese translation is complete and current: po/zh_CN.po has no
# untranslated or fuzzy message, passes msgfmt -c, and holds exactly the
# messages the sources have today (xgettext into a temporary file, with the
# options of po/Makevars, over po/POTFILES.in).
. "${top_srcdir:-.}/tests/lib.sh"

cd "$top_srcdir" || exit 1
po=po/zh_CN.po
pot=$TEST_TMP/wangge.pot

expect_rc 0 "msgfmt -c accepts $po" msgfmt -c --statistics -o /dev/null "$po"
stats=$err
diag "$stats"
lacks "$stats" "untranslated" "no untranslated message"
lacks "$stats" "fuzzy" "no fuzzy message"

opts=$(sed -n 's/^XGETTEXT_OPTIONS *= *//p' po/Makevars)
# shellcheck disable=SC2086
expect_rc 0 "xgettext extracts the messages of the sources" \
	xgettext $opts --package-name=wangge -D . -f po/POTFILES.in -o "$pot"
check "the template is not empty" test "$(grep -c '^msgid' "$pot")" -gt 100
expect_rc 0 "every message of the sources is in $po" msgcmp "$po" "$pot"
printf '%s\n' "$err" | grep 'used but not defined' | head -n 10 | sed 's/^/# missing: /'
lacks "$err" "not used" "$po holds no message the sources no longer have"
printf '%s\n' "$err" | grep -B1 'not used' | grep -v '^--' | head -n 10 | sed 's/^/# stale: /'
done_testing
