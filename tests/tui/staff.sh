#!/bin/sh
# The staff screen: from an entity, S lists its registered services and its
# practitioners with what the register check finds against each; a adds a
# practitioner through the schema's form, e edits one. A patrol's item
# checked against the register shows the register on the info line, and a
# pass the register contradicts is refused.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
O=$TEST_TMP/officer
WANGGE_NOW=2026-11-20T02:00:00Z
export WANGGE_NOW
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
off=$(wg -C "$W" officer add --name 李明 --grid G01 | tail -n 1)
e=$(wg -C "$W" entity add --grid G01 --category D211 --name 仁和诊所 --subjects 内科、预防保健科 | tail -n 1)
wg -C "$W" staff add --entity "$e" --name 李建国 --kind physician --cert 110330100012345 \
	--cert-expiry 2026-11-01 --idcard 330102198001010018 >/dev/null
wg -C "$W" staff add --entity "$e" --name 陈静 --kind nurse --cert 201833001234 --cert-expiry 2027-12-15 >/dev/null

wg -C "$W" enroll --grid G01 --officer "$off" -o "$TEST_TMP/enroll.bundle" >/dev/null
wg -C "$O" init officer --from "$TEST_TMP/enroll.bundle" >/dev/null

# the officer's laptop: the practitioners came with the enrollment
tui_start "exec '$WANGGE' -C '$O'"
expect_screen "Dashboard" "the dashboard"
expect_screen "Licences and certificates expired or expiring within 60 days: 1" "the dashboard warns of the expired certificate"
keys 2
expect_screen "仁和诊所" "the entity list"
keys Enter
expect_screen "Practitioners on duty: 2, 1 with a problem (S: staff)" "the entity counts its practitioners"
expect_screen "内科、预防保健科" "  and shows its registered services"
keys S
expect_screen "Practitioners of 仁和诊所" "S opens the staff screen"
expect_screen "! 李建国  licensed physician  110330100012345  2026-11-01" "  the physician, marked"
expect_screen "    certificate expired on 2026-11-01" "  with the problem"
expect_screen "  陈静  nurse  201833001234  2027-12-15" "  the nurse in order"
lacks "$(screen_text)" "330102" "  no ID number on the screen"
keys a
expect_screen "New practitioner" "a: the form"
type_text "王小红"
keys Tab Right Right
expect_screen "nurse" "  the kind is chosen"
keys C-s
expect_screen "Added 王小红." "  saved"
expect_screen "! 王小红  nurse  -  -" "  listed"
expect_screen "    no certificate number: not registered" "  with what is missing"
keys Down Down
expect_screen "Practitioners of 仁和诊所" "still the staff screen"
keys Escape
expect_screen "Practitioners on duty: 3, 2 with a problem" "back on the entity, counted again"
keys p
expect_screen "patrol, draft" "p starts a patrol"
keys End
expect_screen "PC10" "the last item"
expect_screen "李建国: certificate expired on 2026-11-01；王小红: no certificate number" \
	"the info line shows what the register finds against the practitioners"
keys p
expect_screen "the register contradicts a pass" "a pass the register contradicts is refused"
keys f
expect_screen "PC10: fail (before: no result)" "recorded as a failure"
expect_screen "fail   李建国: certi" "  the note says why"
keys Up
expect_screen "Registered services: 内科、预防保健科" "the services item shows the registered services"
keys q
expect_screen "EXIT=0" "q quits"
expect_sane_terminal "the terminal is restored"
done_testing
