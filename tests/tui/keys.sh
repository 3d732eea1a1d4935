#!/bin/sh
# Keys on terminals that are not what TERM says: every action works without
# F-keys, Esc then a digit is an F-key, and the F-key sequences of xterm,
# PuTTY, rxvt, the Linux console and vt100/vt220 arrive as keys whatever TERM
# names, sent raw (send-keys -H) as those terminals send them. A sequence
# nobody knows is swallowed whole: its characters never act as keys.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
e=$(wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 | tail -n 1)
check "an entity to work on" test -n "$e"
# One open task at a time: each run finishes the one it finds.
new_task() {
	wg -C "$W" task add --grid G01 --kind patrol --entity "$e" --title "巡查中山诊所$1" >/dev/null
}

# raw HEX...: bytes exactly as a terminal sends them.
raw() {
	tm send-keys -t "$TM_S" -H "$@"
}

for term in xterm linux vt100; do
	new_task "$term"
	tui_start "TERM=$term exec '$WANGGE' -C '$W'"
	expect_screen "Due for a patrol" "$term: the dashboard"
	# PuTTY's F2 (Esc [ 12 ~), then r: had "12" been replayed, 1 and 2 would
	# have switched tabs and r would not open the reports.
	raw 1b 5b 31 32 7e 72
	expect_screen "Coverage" "$term: PuTTY's F2 is one key, not Esc 1 2 ~"
	keys 1
	expect_screen "Due for a patrol" "$term: 1 is the dashboard again"
	# an F-key nobody here knows (vt220 F13, Shift+F5), then r
	raw 1b 5b 32 35 7e 1b 5b 31 35 3b 32 7e 72
	expect_screen "Coverage" "$term: unknown sequences are swallowed whole"
	keys 3
	expect_screen "巡查中山诊所$term" "$term: the task list"
	keys Enter
	expect_screen "Task" "$term: the task opens"
	# PuTTY's F8 starts it, rxvt's and xterm's F9 (Esc [ 20 ~) finishes it
	raw 1b 5b 31 39 7e
	expect_screen "The task is now started." "$term: F8 (Esc [ 19 ~) starts the task"
	raw 1b 5b 32 30 7e
	expect_screen "The task is now done." "$term: F9 (Esc [ 20 ~) marks it done"
	# the Linux console's F1 (Esc [ [ A) opens help, vt100's PF1 (Esc O P) too
	raw 1b 5b 5b 41
	expect_screen "Keys of this screen" "$term: the Linux console's F1 opens help"
	keys 1
	expect_screen "Due for a patrol" "$term: back on the dashboard"
	raw 1b 4f 50
	expect_screen "Keys of this screen" "$term: vt100's PF1 opens help"
	keys 1
	expect_screen "Due for a patrol" "$term: and back"
	# Esc, then a digit by hand: the F-key; the message line says so meanwhile
	keys Escape
	expect_screen "a digit now is an F-key" "$term: a lone Esc says what a digit does now"
	keys 1
	expect_screen "Keys of this screen" "$term: Esc 1 is F1"
	keys Escape
	gone_from_screen "Keys of this screen" "$term: a lone Esc still goes back"
	# xterm's and PuTTY's F10 (Esc [ 21 ~) quits
	raw 1b 5b 32 31 7e
	expect_screen "EXIT=0" "$term: F10 (Esc [ 21 ~) quits"
	expect_sane_terminal "$term: the terminal is restored"
done

# vt100's F10 is a keypad key (Esc O x) that other terminals' descriptions
# name otherwise: under TERM=vt100 it quits.
tui_start "TERM=vt100 exec '$WANGGE' -C '$W'"
expect_screen "Due for a patrol" "vt100 again"
raw 1b 4f 78
expect_screen "EXIT=0" "vt100's F10 (Esc O x) quits"

# No F-key at all: plain keys for start, done and quit, shown on the bar.
new_task plain
tui_start "exec '$WANGGE' -C '$W'"
expect_screen "Due for a patrol" "the dashboard"
keys 3 Enter
expect_screen "sStart" "the task's bar shows s for start"
expect_screen "dDone" "and d for done"
keys s
expect_screen "The task is now started." "s starts the task"
keys d
expect_screen "The task is now done." "d marks it done"
keys q
expect_screen "EXIT=0" "q quits"
done_testing
