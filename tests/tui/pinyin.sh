#!/bin/sh
# Chinese without an input method: ^P turns the built-in pinyin input on in
# any text field (the bar shows it), letters are pinyin, a number or Space
# takes a candidate, and the words of the checklists come first. What is
# chosen is in the field and in the saved record. The keys work alike under
# xterm, the Linux console, vt100 and PuTTY's raw bytes. libpinyin is loaded
# on the first ^P, not at start: without it (a file of its name that is no
# library, or a library without its functions, first on LD_LIBRARY_PATH) or
# without the dictionary the program starts, the field takes letters as before
# and the message line says why.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

if ! grep -q '^#define HAVE_LIBPINYIN 1' "${top_builddir:-.}/config.h" 2>/dev/null; then
	echo "1..0 # SKIP built without libpinyin"
	exit 0
fi

one_grid_officer
check "officer workspace" test -f "$A/wangge.db"

note_of() {
	sqlite3 "$A/wangge.db" "SELECT note FROM result WHERE item = '$1'"
}

# open TERM N: the patrol's checklist (the draft resumed after the first run),
# item N (1-based) failed and its note form open.
open_note() {
	tui_start "TERM=$1 exec '$WANGGE' -C '$A'"
	expect_screen "Dashboard" "$1: the dashboard"
	keys 2
	expect_screen "1 entity" "$1: the entity list"
	keys Enter
	expect_screen "Inspection history" "$1: the entity"
	keys p
	if wait_for "Resume it?" 3; then keys y; fi
	expect_screen "draft: mark each item" "$1: the patrol's checklist"
	keys g
	_k=1
	while [ "$_k" -lt "$2" ]; do keys j; _k=$((_k + 1)); done
	keys f
	expect_screen "u undoes it" "$1: item $2 failed"
	keys k Enter
	expect_screen "Note:" "$1: its note form"
}

n=0
for term in xterm linux vt100; do
	n=$((n + 1))
	open_note "$term" "$n"
	expect_screen "^PPinyin" "$term: the bar shows ^P for pinyin in the text field"
	keys C-p
	expect_screen "^PPinyin on" "$term: ^P turns it on, the bar says so"
	case $n in 1) expect_screen "libpinyin and its dictionary took" "loaded on first use, its memory said" ;; esac
	type_text "zhenggai"
	expect_screen "zhenggai 1整改" "$term: zhenggai offers 整改 first"
	keys 1
	expect_screen "Note: 整改" "$term: 1 puts 整改 into the field"
	# the checklists' words first: 交接 (PC04 交接登记) before libpinyin's 交界
	type_text "jiaojie"
	expect_screen "jiaojie 1交接" "$term: a checklist's word comes first"
	keys Space
	expect_screen "Note: 整改交接" "$term: Space takes the first"
	# Enter keeps the letters, Esc drops them (and keeps the form open)
	type_text "abc"
	keys Enter
	expect_screen "Note: 整改交接abc" "$term: Enter keeps the letters as typed"
	type_text "xyz"
	keys Escape
	gone_from_screen "xyz" "$term: Esc drops the pinyin"
	case $screen in
	*"Throw away"* | *"Inspection history"*) not_ok "$term: and the form stays, asking nothing"; diag "$screen" ;;
	*"Note: 整改交接abc"*) ok "$term: and the form stays, asking nothing" ;;
	*) not_ok "$term: and the form stays, asking nothing"; diag "$screen" ;;
	esac
	# Backspace edits the pinyin, then the text as usual
	type_text "yiliaofeiwux"
	keys BSpace
	expect_screen "yiliaofeiwu 1医疗废物" "$term: Backspace takes a letter back"
	keys 1
	expect_screen "Note: 整改交接abc医疗废物" "$term: a whole phrase of a checklist"
	keys C-s
	expect_screen "the note is saved" "$term: ^S saves"
	check "$term: the saved note has the Chinese" test "$(note_of "PC0$n")" = "整改交接abc医疗废物"
	keys Escape
	keys C-q
	expect_screen "EXIT=0" "$term: quits"
done

# PuTTY's raw bytes (TERM=xterm, as PuTTY says): ^P 0x10, DEL 0x7f for
# Backspace, CR for Enter, its F2 "ESC [ 1 2 ~" saves.
open_note xterm 4
keys -H 10
expect_screen "^PPinyin on" "PuTTY: ^P (0x10) turns it on"
keys -H 7a 68 65 6e 67 67 61 69 71 7f
expect_screen "zhenggai 1整改" "PuTTY: letters, DEL takes one back"
keys -H 31
expect_screen "Note: 整改" "PuTTY: 1 chooses"
keys -H 61 62 0d
expect_screen "Note: 整改ab" "PuTTY: CR keeps the letters"
keys -H 1b 5b 31 32 7e
expect_screen "the note is saved" "PuTTY: its F2 saves"
check "PuTTY: saved" test "$(note_of PC04)" = "整改ab"
keys C-q
expect_screen "EXIT=0" "PuTTY: quits"

# The search line is a text field too: 中山 by pinyin finds the clinic.
tui_start "exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "search: the dashboard"
keys 2
expect_screen "1 entity" "search: the entity list"
keys /
keys C-p
expect_screen "Pinyin on" "search: ^P on the search line"
type_text "zhongshan"
expect_screen "zhongshan 1中山" "search: 中山 offered"
keys 1
# (the clinic is listed before the search too: wait for the search line)
expect_screen "Search: 中山" "search: the search line holds 中山"
settle
case $screen in
*"中山诊所"*) ok "search: the search finds the clinic" ;;
*) not_ok "search: the search finds the clinic"; diag "$screen" ;;
esac
lacks "$(printf '%s\n' "$screen" | grep '^Search:')" "…" "  nothing of the message under it shows"
keys C-q
expect_screen "EXIT=0" "search: quits"

# Without the dictionary: said in words, and letters are typed as they are.
tui_start "WANGGE_PINYIN_DATA='$TEST_TMP/none' exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "no dictionary: the dashboard"
keys 2
expect_screen "1 entity" "no dictionary: the entities"
keys Enter
expect_screen "Inspection history" "no dictionary: the entity"
keys p
if wait_for "Resume it?" 3; then keys y; fi
expect_screen "draft: mark each item" "no dictionary: the checklist"
keys g Enter
expect_screen "Note:" "no dictionary: the note form"
keys C-p
expect_screen "The pinyin dictionary is missing" "no dictionary: ^P says it is missing"
expect_screen "apt-get install libpinyin-data" "and how to get it"
type_text "zhenggai"
expect_screen "zhenggai" "no dictionary: the letters go into the field"
keys C-s
expect_screen "the note is saved" "no dictionary: saved"
keys C-q
expect_screen "EXIT=0" "no dictionary: quits"

# Without libpinyin: the name it is loaded by (config.h) finds, first on
# LD_LIBRARY_PATH, a file that is no library, then a library that lacks its
# functions (zlib's, which the program links anyway).
soname=$(sed -n 's/^#define LIBPINYIN_SONAME "\(.*\)"$/\1/p' "${top_builddir:-.}/config.h")
check "config.h names the library to load" test -n "$soname"
libz=$(ldd "$WANGGE" | sed -n 's/^[[:space:]]*libz\.so[^ ]* => \([^ ]*\) .*/\1/p')
check "zlib's file found (ldd)" test -f "$libz"
mkdir -p "$TEST_TMP/nolib" "$TEST_TMP/wronglib"
: >"$TEST_TMP/nolib/$soname"
cp "$libz" "$TEST_TMP/wronglib/$soname"
for case in nolib wronglib; do
	tui_start "LD_LIBRARY_PATH='$TEST_TMP/$case' exec '$WANGGE' -C '$A'"
	expect_screen "Dashboard" "$case: the program starts"
	keys 2
	expect_screen "1 entity" "$case: the entity list"
	keys Enter
	expect_screen "Inspection history" "$case: the entity"
	keys p
	if wait_for "Resume it?" 3; then keys y; fi
	expect_screen "draft: mark each item" "$case: the checklist"
	keys g Enter
	expect_screen "Note:" "$case: the note form"
	keys C-p
	expect_screen "The pinyin input is not installed ($soname could not be loaded)" \
		"$case: ^P says libpinyin could not be loaded"
	expect_screen "apt-get install" "$case: and how to install it"
	gone_from_screen "Pinyin on" "$case: and the input stays off"
	# (the note of the runs above is there: what is typed goes after it)
	type_text "lib$case"
	expect_screen "lib$case" "$case: the letters go into the field"
	keys C-p
	expect_screen "The pinyin input is not installed" "$case: a second ^P tries again, says it again"
	keys C-s
	expect_screen "the note is saved" "$case: saved"
	case $(note_of PC01) in
	*"zhenggai"*"lib$case") ok "$case: the saved note has what was typed" ;;
	*) not_ok "$case: the saved note has what was typed"; diag "$(note_of PC01)" ;;
	esac
	keys C-q
	expect_screen "EXIT=0" "$case: quits"
done

done_testing
