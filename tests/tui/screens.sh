#!/bin/sh
# The full-screen program in a real terminal: every screen, a Chinese entity
# typed as UTF-8, search by pinyin initials and substring, editing with the
# core's validation, resize, quit, signals, and the terminal left sane.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
"$GEN_COUNTY" "$W" 40 200 12 || { not_ok "seed workspace"; done_testing; exit 1; }
ok "seed workspace"
RUN="exec '$WANGGE' -C '$W'"

tui_start "$RUN"
expect_screen "Dashboard" "the program opens on the dashboard"
expect_screen "overdue" "the dashboard lists overdue tasks"
expect_screen "Changes not yet sent: 0" "and unsent changes (none after the generator)"
expect_screen "?Help" "the key bar shows ? Help (a plain key, not F1)"
expect_screen "qQuit" "and q Quit"
# the clerk's desk fills the first page: the rest is a scroll away
keys End
expect_screen "Due for a patrol" "and entities due for a patrol"
keys Home
expect_screen "County desk" "Home: the top again"

# The mouse: a tab, a row, a key of the bar (a terminal without a mouse,
# as a vt100, has the keys only).
if [ -n "$(mouse_protocol)" ]; then
	click 13 0
	expect_screen "40 entities" "clicking the Entities tab opens it"
	settle
	row=$(printf '%s\n' "$screen" | sed -n '6p' | sed 's/^ *//; s/ .*//')
	drawn=$(tm capture-pane -p -e -t "$TM_S" | sed -n 6p)
	click 5 5
	# Enter only once the click was taken: its row is drawn selected (its
	# attributes change); sent at once, Enter could come first under load
	i=0
	while [ "$i" -lt 50 ] && [ "$(tm capture-pane -p -e -t "$TM_S" | sed -n 6p)" = "$drawn" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	keys Enter
	expect_screen "name: $row" "clicking a row selects it (Enter opens $row)"
	click 1 23
	expect_screen "Keys of this screen" "clicking Help in the bar opens it"
else
	for i in 1 2 3; do ok "# SKIP TERM=$WANGGE_TEST_TERM has no mouse"; done
fi
keys 1
expect_screen "County desk" "back to the dashboard"

# Help: the keys of the screen, from the action table.
keys F1
expect_screen "Keys of this screen" "F1 opens help"
# (the county's dashboard has many keys: the search's note is on the next page)
keys NPage
expect_screen "zsxws finds" "help explains pinyin search"
keys Escape
expect_screen "County desk" "Esc goes back"

# Tasks: open one and act on it.
keys 3
expect_screen "tasks: open and started" "3 shows the task list"
expect_screen "日常巡查" "with the generated tasks"
keys F6
expect_screen "tasks: to do" "F6 shows tasks in one state"
keys F6
expect_screen "tasks: started" "and the next"
keys F6
expect_screen "tasks: done" "and the next"
keys F6 F6
expect_screen "tasks: open and started" "and back to open and started"
keys Enter
expect_screen "due date" "Enter opens a task"
keys F9
expect_screen "The task is now done." "F9 marks it done through the core"
keys Escape
expect_screen "tasks: open and started" "back to the list"

# Entities: a new one with a Chinese name.
keys 2
expect_screen "40 entities" "2 shows the entities"
keys F7
expect_screen "New entity" "F7 opens the form"
keys BTab
type_text "D"
expect_screen "< D100 outpatient department >" "typing D on the category jumps to the D codes"
type_text "d"
expect_screen "< D211 clinic >" "and again to the next"
keys Tab
type_text "中山乡卫生院"
expect_screen "中山乡卫生院" "the Chinese name is typed as UTF-8"
keys Tab
type_text "12345"
keys Tab
expect_screen "must have 18 characters" "a malformed USCC: the field says why"
keys F2
expect_screen "Not saved" "and the form cannot be saved"
expect_screen "unified social credit code: 12345" "the form keeps the value to correct"
keys C-u
type_text "91110000600037341A"
keys F2
expect_screen "Save anyway? (y/n)" "a failing USCC check character asks for confirmation"
keys n
expect_screen "Not saved." "n does not save"
keys F2
expect_screen "Save anyway? (y/n)" "asked again"
keys y
expect_screen "Added 中山乡卫生院." "y saves it through the core"
expect_screen "41 entities" "the list has one more"

# Search: pinyin initials, substring, regex.
keys /
expect_screen "Search:" "/ opens the search line"
type_text "zsxws"
expect_screen "1 entity" "pinyin initials find it"
expect_screen "中山乡卫生院" "by name"
keys C-u
type_text "乡卫生院"
expect_screen "1 entity," "a substring finds it"
keys C-u
type_text "/^中山乡卫"
expect_screen "1 entity," "a regular expression finds it"
keys C-u
type_text "/(("
expect_screen "bad regular expression" "a bad regular expression says why"
keys Escape
expect_screen "41 entities" "Esc clears the search"

# Alignment of the Chinese column: Category starts at one display column.
keys /
type_text "卫生"
keys Enter
expect_screen "entities, by name" "search kept after Enter"
cols=$(columns_of "330102")
if [ "$(printf '%s\n' "$cols" | wc -l)" -eq 1 ] && [ -n "$cols" ]; then
	ok "the grid column is aligned after Chinese names (column $cols)"
else
	not_ok "the grid column is aligned after Chinese names"
	diag "columns: $cols" "$screen"
fi

# Edit it: find it, open it, change the address.
keys Escape /
type_text "zsxws"
keys Enter Enter
expect_screen "unified social credit code: 91110000600037341A" "Enter opens the entity"
expect_screen "Inspection history" "with its inspection history"
keys F4
expect_screen "Edit entity: 中山乡卫生院" "F4 opens the edit form"
keys Down Down Down Down Down
type_text "东湖路8号"
keys F2
expect_screen "Saved." "the edit is saved"
expect_screen "address: 东湖路8号" "the detail shows the new address"
keys Escape

# Resize to 60x20 and back; smaller still is refused clearly.
tm resize-window -t "$TM_S" -x 60 -y 20
expect_screen "?Help" "still drawn at 60x20"
wide=$(printf '%s\n' "$screen" | python3 -c '
import sys, unicodedata
print(max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l) for l in sys.stdin.read().split("\n")))')
check "nothing wider than 60 columns at 60x20 ($wide)" test "$wide" -le 60
expect_screen "Name" "the list header is there at 60x20"
tm resize-window -t "$TM_S" -x 40 -y 10
expect_screen "too small" "40x10: a clear message"
tm resize-window -t "$TM_S" -x 80 -y 24
expect_screen "qQuit" "back at 80x24 the screen is redrawn"
expect_screen "Category" "with every column"

# Text written over the screen from outside (the kernel's messages on the
# Linux console; a terminal that reflowed its lines on a resize): ^L, and any
# resize, even one that leaves the size as it was, draw every cell again.
# (The running one quits first: a second would find the workspace in use.)
keys q
expect_screen "EXIT=0" "q quits before it is started again"
tui_start "echo \$\$ >'$TEST_TMP/pid'; $RUN"
expect_screen "qQuit" "started again, to spoil its screen"
settle
clean=$screen
tty=$(tm display-message -p -t "$TM_S" '#{pane_tty}')
spoil() {
	printf '\033[3;5Husb 1-1: new high-speed USB device\033[20;1HSPOILED' >"$tty"
	expect_screen "SPOILED" "$1"
}
spoil "text written over the screen shows"
keys C-l
gone_from_screen "SPOILED" "^L draws the screen again"
settle
check "  as it was" test "$screen" = "$clean"
spoil "spoiled again"
kill -WINCH "$(cat "$TEST_TMP/pid")"
gone_from_screen "SPOILED" "a resize to the same size draws the screen again"
settle
check "  as it was" test "$screen" = "$clean"
keys '?' G
expect_screen "Redraw: draw the whole screen again" "help names the redraw key"
contains "$(printf "%s\n" "$screen" | grep "Redraw:")" "^L" "  ^L"
keys q
expect_screen "EXIT=0" "and it quits"

keys q
expect_screen "EXIT=0" "q quits with status 0"
expect_sane_terminal "q restores the terminal"

# SIGTERM and SIGINT restore the terminal too.
tui_start "echo \$\$ >'$TEST_TMP/pid'; $RUN"
expect_screen "Dashboard" "started again"
kill -TERM "$(cat "$TEST_TMP/pid")"
expect_screen "EXIT=143" "SIGTERM ends it (status 143)"
expect_sane_terminal "SIGTERM restores the terminal"
tui_start "$RUN"
expect_screen "Dashboard" "started again"
keys C-c
expect_screen "EXIT=130" "Ctrl-C ends it (status 130)"
expect_sane_terminal "Ctrl-C restores the terminal"

# The language follows the locale: field labels come from the catalogue.
tui_start "LC_ALL=zh_CN.UTF-8; export LC_ALL; $RUN"
keys 2
expect_screen "330102" "zh_CN.UTF-8: the list opens"
keys Enter
expect_screen "名称:" "zh_CN.UTF-8: the entity's labels are Chinese"
keys F10
expect_screen "EXIT=0" "zh_CN.UTF-8: F10 quits"

# Other terminals: the Linux console and a monochrome terminal.
for term in linux vt100; do
	tui_start "TERM=$term; export TERM; WANGGE_TUI_EXIT=first-draw $RUN"
	expect_screen "EXIT=0" "TERM=$term: draws and exits"
done

done_testing
