#!/bin/sh
# Signing keys on screen: the officer sees the fingerprint to read aloud and
# whether the county registered it; the clerk registers the key on the Keys
# screen (only with the matching fingerprint), sees a refused forgery in plain
# words on the Sync screen, and History shows who signed each change.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
A=$TEST_TMP/officer
X=$TEST_TMP/usb
mkdir -p "$X"
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
oa=$(wg -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
e1=$(wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 | tail -n 1)
wg -C "$W" enroll --grid G01 --officer "$oa" -o "$X/enroll.bundle" >/dev/null
wg -C "$A" init officer --from "$X/enroll.bundle" >/dev/null
wg -C "$A" key export -o "$X/zhang.pub" >/dev/null
words=$(wg -C "$A" key show | sed -n '1s/.*: //p')
check "the officer's fingerprint ($words)" test -n "$words"
wg -C "$A" entity set "$e1" phone=13800138000 >/dev/null
wg -C "$A" export -o "$X/a1.bundle" >/dev/null

# The officer's Keys screen.
tui_start "exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "officer: the dashboard"
keys 4
expect_screen "Press K for your signing key" "the Sync screen points to the key"
keys K
expect_screen "$words" "K shows the fingerprint to read aloud"
expect_screen "not registered yet" "and that the county has not registered it"
keys Escape
expect_screen "Sending to the county" "Esc goes back to Sync"
keys F10
expect_screen "EXIT=0" "F10 quits"

# The clerk: the bundle is refused until the key is registered.
tui_start "exec '$WANGGE' -C '$W'"
expect_screen "Dashboard" "county: the dashboard"
keys 4
expect_screen "Sending to the officers" "the county's Sync screen"
keys i
expect_screen "Read bundles: choose the files" "i offers the files"
keys t
expect_screen "Bundle files" "t types the path instead"
type_text "$X/a1.bundle"
keys F2
expect_screen "commit" "the refusal is shown"
keys Escape
expect_screen "Throw away what you typed? (y/n)" "Esc asks before throwing the typed path away"
keys y
expect_screen "Refused, nothing was changed" "the Sync screen keeps the refusal, in words"
expect_screen "has not registered" "saying why"
keys K
expect_screen "Keys registered" "K lists the keys"
expect_screen "the county office" "the county's own key is registered"
keys a
expect_screen "Register a key" "a opens the form"
type_text 张三
keys Tab
type_text "$X/zhang.pub"
keys Tab
type_text "AAAA-BBBB-CCCC-DDDD"
keys F2
expect_screen "fingerprint of this key is" "a fingerprint that does not match is refused"
keys C-u
type_text "$words"
keys F2
expect_screen "Key of 张三 registered" "the matching fingerprint registers the key"
expect_screen "张三  G01  $words" "the list shows it"
keys Escape
expect_screen "Sending to the officers" "Esc goes back to Sync"
keys i
expect_screen "Read bundles: choose the files" "i again"
keys t
expect_screen "Bundle files" "t types the path"
type_text "$X/a1.bundle"
keys F2
expect_screen "Imported." "now the bundle is taken"
keys 6
expect_screen "Signed" "History has a Signed column"
keys F10
expect_screen "EXIT=0" "F10 quits"
run wg -C "$W" log --grid G01 -n 3
contains "$out" "[good signature: 张三, $words]" "the officer's change, signed by them"
done_testing
