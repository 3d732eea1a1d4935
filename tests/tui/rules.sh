#!/bin/sh
# The county's rules in the full-screen program: every version with its day
# and whether it is in force, one version's text, a rule file imported
# through the file chooser (a bad one refused with its line, nothing
# changed), the explicit recompute asked first and recorded; officers read
# the rules the county sent and change nothing. The same core as "wangge rules".
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tui/tmux.sh"

W=$TEST_TMP/county
A=$TEST_TMP/officer
M=$TEST_TMP/media
STICK=$M/STICK
mkdir -p "$STICK"
# today as the program counts it (China Standard Time)
today=$(TZ=Asia/Shanghai date -d "$WANGGE_NOW" +%Y-%m-%d)
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
oa=$(wg -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
ENV="WANGGE_MEDIA='$M/*'"
# Down to the dashboard's last line (Down stops there)
down_to_end() {
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		keys Down
	done
}

# on the stick: a bad report file (its rows go down on line 6), and the
# points file applying from today, older
printf '@rules report\n@effective 2099-01-01\n@scheme 试\n@clue-category water | 饮用水卫生 | water\n@complaint-bucket 10\n@complaint-bucket 3\n' \
	>"$STICK/bad-report"
sed "s/^@effective .*/@effective $today/" "$top_srcdir/data/rules/points" >"$STICK/points-today"
touch -d '2026-01-02 10:00' "$STICK/bad-report"
touch -d '2026-01-01 10:00' "$STICK/points-today"
before=$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM rules")

tui_start "$ENV exec '$WANGGE' -C '$W'"
expect_screen "Dashboard" "county: dashboard"
down_to_end
expect_screen "County rules: the versions in force, import a rule file" "the dashboard's last line: the rules"
keys Enter
expect_screen "Rule versions: Enter shows one" "Enter opens the rules screen"
expect_screen "points, version 1, from 2000-01-01, in force" "the shipped points, in force"
expect_screen "report categories, version 1" "and every other set"
expect_screen "iImport" "the key bar offers the import"
expect_screen "RRecompute" "and the recompute"
keys Enter
expect_screen "points, version 1, in force from 2000-01-01" "Enter shows the version"
expect_screen "不良执业行为记分规则 (bad-practice points)" "with its text"

# a bad file is refused with its line, and nothing changes
keys i
expect_screen "Import a rule file: choose the file" "i opens the file chooser"
expect_screen "bad-report" "the stick's files are listed"
keys End Up Enter
expect_screen "The rule file was refused; nothing changed" "the refusal is shown"
expect_screen "bad-report:6:" "with the file's line"
check "nothing was recorded" test "$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM rules")" = "$before"

# the good file: version 2 of the points, in force from today
keys i
expect_screen "Import a rule file: choose the file" "the chooser again"
keys End Enter
expect_screen "version 2 recorded, in force from $today" "the points file is recorded as version 2"
gone_from_screen "The rule file was refused" "the refusal is gone"
expect_screen "points, version 2, from $today, in force" "version 2 is listed, in force"
check "recorded in common" test "$(sqlite3 "$W/wangge.db" "SELECT max(version) FROM rules WHERE ruleset = 'points'")" = 2

# the recompute: asked first, then recorded
keys R
expect_screen "Recompute the points" "R opens the recompute"
type_text "2026-01-01"
keys Tab
type_text "县卫健委决定"
keys C-s
expect_screen "(y/n)" "the recompute is asked first"
keys y
expect_screen "now count with points version 2" "and recorded"
expect_screen "facts from 2026-01-01 count with version 2" "the screen lists it"
keys q
expect_screen "EXIT=0" "county quits"
check "the recompute is a record of common" test "$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM recompute")" = 1

# the officer reads the rules the county sent, and changes nothing
wg -C "$W" enroll --grid G01 --officer "$oa" -o "$TEST_TMP/enroll.bundle" >/dev/null
wg -C "$A" init officer --from "$TEST_TMP/enroll.bundle" >/dev/null
check "officer workspace" test -f "$A/wangge.db"
tui_start "$ENV exec '$WANGGE' -C '$A'"
expect_screen "Dashboard" "officer: dashboard"
down_to_end
expect_screen "County rules: the versions in force, as the county sent them" "the officer's dashboard offers them too"
keys Enter
expect_screen "Rule versions: Enter shows one" "the officer opens the rules"
expect_screen "points, version 2, from $today, in force" "with the county's version 2"
expect_screen "facts from 2026-01-01 count with version 2" "and its recompute"
expect_screen "The county records the rules" "read-only, and it says so"
settle
lacks "$screen" "RRecompute" "no recompute on the key bar"
lacks "$screen" "iImport" "no import either"
keys i
settle
lacks "$screen" "choose the file" "i does nothing"
keys R
settle
lacks "$screen" "Recompute the points" "nor R"
keys q
expect_screen "EXIT=0" "officer quits"
done_testing
