#!/bin/sh
# Text on screen: without a UTF-8 locale the first screen says so and how to
# fix it (and falls back to C.UTF-8); phone numbers are never cut; what is cut
# ends in "…", and only where no column has room to spare; a long message
# wraps onto a second line.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 --phone 0539-6690011 >/dev/null
wg -C "$W" entity add --grid G01 --category D211 \
	--name 中山乡东湖路口腔诊所与中医馆联合门诊部第二分部 --phone +8613912345678 >/dev/null
check "two entities" test "$(wg -C "$W" entity list | grep -c 诊所)" -ge 2

# LANG=C: the program falls back to C.UTF-8, and the first screen says so.
tui_start "LC_ALL= LANG=C exec '$WANGGE' -C '$W'"
expect_screen "The locale C is not UTF-8" "LANG=C: the first screen says the locale is not UTF-8"
expect_screen "export LANG=zh_CN.UTF-8" "and how to fix it (the message wraps onto a second line)"
# (the county's first screen leads with the clerk's desk: the entities show Chinese)
keys 2
expect_screen "中山诊所" "Chinese still shows, through C.UTF-8"
keys q
expect_screen "EXIT=0" "q quits"

# No C.UTF-8 either: said plainly.
tui_start "LC_ALL= LANG=C LOCPATH=$TEST_TMP/none exec '$WANGGE' -C '$W'"
if wait_for "not UTF-8" 20; then
	case $screen in
	*"uses C.UTF-8"*) ok "# SKIP C.UTF-8 is built into this C library" ;;
	*) contains "$screen" "dpkg-reconfigure locales" "without C.UTF-8: how to install a UTF-8 locale" ;;
	esac
else
	not_ok "without C.UTF-8 the first screen warns"
	diag "$screen"
fi
keys q
expect_screen "EXIT=0" "q quits"

# The pinned UTF-8 locale: no warning.
tui_start "exec '$WANGGE' -C '$W'"
expect_screen "Due for a patrol" "a UTF-8 locale"
lacks "$screen" "not UTF-8" "says nothing about the locale"
keys 2
expect_screen "2 entities" "the entity list"
settle
contains "$screen" "0539-6690011" "a landline is shown whole at 80 columns"
contains "$screen" "+8613912345678" "a mobile with +86 too"
contains "$screen" "…" "a name too long for its column ends in …"
# a column with room to spare gives it to a cut one: the status reads whole
contains "$screen" "in operation" "the status reads whole at 80 columns"
contains "$screen" "clinic " "and the category"
tm resize-window -t "$TM_S" -x 120 -y 24
expect_screen "0539-6690011" "and at 120 columns"
tm resize-window -t "$TM_S" -x 60 -y 20
settle
lacks "$screen" "0539-669001 " "at 60 columns the number is never shown cut short"
keys q
expect_screen "EXIT=0" "q quits"
done_testing
