#!/bin/sh
# Personal data on screen: the officer's complaint check shows what was
# reported, where and by when, and "complainant: kept by the county"; the
# Sync screen says a bundle it wrote is sealed, and for whom, or that it is
# not.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
A=$TEST_TMP/officer
mkdir -p "$TEST_TMP/out"
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
oa=$(wg -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
e1=$(wg -C "$W" entity add --grid G01 --category P100 --name 康泰大药房 | tail -n 1)
wg -C "$W" enroll --grid G01 --officer "$oa" -o "$TEST_TMP/enroll.bundle" >/dev/null
wg -C "$A" init officer --from "$TEST_TMP/enroll.bundle" >/dev/null
register_key "$W" "$A"
c=$(wg -C "$W" complaint add --entity "$e1" --channel phone --content 店员在店内给人输液 \
	--complainant 郭燕 --contact 13063775789 | tail -n 1)
wg -C "$W" complaint verify "$c" --assignee "$oa" >/dev/null
wg -C "$W" export --grid G01 -o "$TEST_TMP/g01.bundle" >/dev/null
wg -C "$A" import "$TEST_TMP/g01.bundle" >/dev/null

# The officer opens the complaint check.
tui_start "exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "officer: dashboard"
keys 3
expect_screen "康泰大药房" "the complaint check is listed"
keys Enter
expect_screen "店员在店内给人输液" "the task shows what was reported"
expect_screen "handling deadline" "  and the handling deadline"
expect_screen "kept by the county" "  and complainant: kept by the county"
case $screen in
*郭燕* | *13063775789* | *郭*) not_ok "  no trace of the complainant on the screen" ;;
*) ok "  no trace of the complainant on the screen" ;;
esac
keys q
expect_screen "EXIT=0" "officer quits"

# The officer's export on the Sync screen: sealed, for the county.
wg -C "$A" entity set "$e1" phone=13800138000 >/dev/null
tui_start "exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "officer: dashboard again"
keys 4 x
expect_screen "Folder" "the export chooser"
keys t
type_text "$TEST_TMP/out"
keys C-s
expect_screen "Sealed for 示范县" "the Sync screen says the bundle is sealed, and for whom (the county)"
check "  the file is sealed" sh -c "head -n 1 '$TEST_TMP'/out/*.bundle | grep -q '^age-encryption.org/v1'"
keys q
expect_screen "EXIT=0" "officer quits again"

# The county sees the complainant, masked, on the same task.
tui_start "exec '$WANGGE' -C '$W'"
expect_screen "Dashboard" "county: dashboard"
keys 3
expect_screen "康泰大药房" "the county's task list"
keys Enter
expect_screen "郭*" "the county sees the complainant, masked"
keys q
expect_screen "EXIT=0" "county quits"
done_testing
