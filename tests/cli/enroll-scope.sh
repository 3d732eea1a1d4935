#!/bin/sh
# A county's enroll, export or import of a grid commits that grid's pending records
# and the common data, not the whole county's (issue 17: the first enroll of
# the large demo county committed 3.2 million records for one grid's 21,000);
# the other grids' wait in the pending table for their own. A record that
# moves between grids still leaves the branch it was on, and a deleted one
# leaves the history.
. "${top_srcdir:-.}/tests/lib.sh"

need_stock_git
W=$TEST_TMP/county
X=$TEST_TMP/bundles
mkdir -p "$X"
WANGGE_NOW=2026-11-20T01:00:00Z
export WANGGE_NOW
on() { # on BRANCH: the record paths on a branch of the county's history
	"$GIT" -C "$W/history.git" ls-tree -r --name-only "refs/heads/$1"
}
pending() { # pending KIND: how many records of KIND wait in the pending table
	sqlite3 "$W/wangge.db" "SELECT count(*) FROM pending WHERE kind = '$1'"
}

wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
wg -C "$W" grid add --code G02 --name 二网格 --township 中山乡 >/dev/null
oa=$(wg -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
ob=$(wg -C "$W" officer add --name 李四 --grid G02 | tail -n 1)
a1=$(wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 | tail -n 1)
b1=$(wg -C "$W" entity add --grid G02 --category D211 --name 东山诊所 | tail -n 1)
b2=$(wg -C "$W" entity add --grid G02 --category D211 --name 西山诊所 | tail -n 1)

expect_rc 0 "the county enrolls the officer of G01" wg -C "$W" enroll --grid G01 --officer "$oa" -o "$X/a.bundle"
contains "$(on grid/G01)" "$a1" "  G01's entity is on its branch"
check "  the common data is on its own" test "$(on common | grep -c '^officer/')" -eq 2
check "  G02's branch is open and empty" test -z "$(on grid/G02)"
check "  G02's entities wait in the pending table" test "$(pending entity)" -eq 2
check "  nothing else waits" test "$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM pending")" -eq 2
A=$TEST_TMP/officer-a
expect_rc 0 "the officer's workspace from it" wg -C "$A" init officer --from "$X/a.bundle"
check "  holds G01's entity only" test "$(sqlite3 "$A/wangge.db" "SELECT group_concat(id) FROM entity")" = "$a1"

# a1 moves to G02 before G02 has anything on its branch: the export of G02
# takes it with G02's own, and G01's branch lets it go
wg -C "$W" entity set "$a1" grid=G02 >/dev/null
expect_rc 0 "the county exports G02 after an entity moved there" wg -C "$W" export --grid G02 --full -o "$X/b.bundle"
g2=$(on grid/G02)
contains "$g2" "$a1" "  the moved entity is on G02's branch"
contains "$g2" "$b1" "  with G02's own"
contains "$g2" "$b2" "  both"
lacks "$(on grid/G01)" "$a1" "  and no longer on G01's"
check "  nothing waits" test "$(pending entity)" -eq 0

# A deletion in G02 waits while G01 is exported (G01's branch holds no
# entity since a1 left: the deleted one cannot be there); G02's next export
# takes it, now that G02's branch holds entities, with every pending one
expect_rc 0 "the county deletes an entity of G02" wg -C "$W" entity delete "$b2"
a2=$(wg -C "$W" entity add --grid G01 --category D211 --name 南山诊所 | tail -n 1)
expect_rc 0 "the county exports G01 after a deletion in G02" wg -C "$W" export --grid G01 --full -o "$X/a2.bundle"
contains "$(on grid/G01)" "$a2" "  the new entity is on G01's branch"
check "  the deletion waits" test "$(pending entity)" -eq 1
a3=$(wg -C "$W" entity add --grid G01 --category D211 --name 北山诊所 | tail -n 1)
expect_rc 0 "the county exports G02" wg -C "$W" export --grid G02 --full -o "$X/b2.bundle"
lacks "$(on grid/G02)" "$b2" "  the deleted entity left G02's branch"
lacks "$(on grid/G01)" "$a3" "  G01's new one is not committed with it"
check "  it waits for G01's export" test "$(pending entity)" -eq 1
expect_rc 0 "the county exports G01" wg -C "$W" export --grid G01 -o "$X/a3.bundle"
contains "$(on grid/G01)" "$a3" "  G01's new one is on its branch"
check "  nothing waits" test "$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM pending")" -eq 0

# Both branches hold entities now: an export of one grid still commits that
# grid's records only (it committed the whole county's: 88 s and 510 MB on
# the large demo county after an enroll). A record that moves from G01 to
# G02 leaves G01's branch with G01's export and waits for G02's.
wg -C "$W" entity set "$b1" name=东山新诊所 >/dev/null
wg -C "$W" entity set "$a2" grid=G02 >/dev/null
a4=$(wg -C "$W" entity add --grid G01 --category D211 --name 新中山诊所 | tail -n 1)
g2n=$("$GIT" -C "$W/history.git" log --format=%s refs/heads/grid/G02 | wc -l)
expect_rc 0 "the county exports G01 while G02 has changes" wg -C "$W" export --grid G01 -o "$X/a4.bundle"
contains "$(on grid/G01)" "$a4" "  G01's new entity is on its branch"
lacks "$(on grid/G01)" "$a2" "  the entity that moved left G01's branch"
lacks "$(on grid/G02)" "$a2" "  and is not on G02's yet"
check "  G02's two changes wait" test "$(pending entity)" -eq 2
check "  G02's branch did not move" test "$("$GIT" -C "$W/history.git" log --format=%s refs/heads/grid/G02 | wc -l)" -eq "$g2n"
expect_rc 0 "the county exports G02" wg -C "$W" export --grid G02 -o "$X/b3.bundle"
contains "$(on grid/G02)" "$a2" "  the moved entity is on G02's branch"
check "  G02's renamed entity is in its history" test "$("$GIT" -C "$W/history.git" show "refs/heads/grid/G02:$(on grid/G02 | grep "$b1")" | grep -c 东山新诊所)" -eq 1
check "  nothing waits" test "$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM pending")" -eq 0
B=$TEST_TMP/officer-b
expect_rc 0 "the county enrolls the officer of G02" wg -C "$W" enroll --grid G02 --officer "$ob" -o "$X/b4.bundle"
expect_rc 0 "  whose workspace starts from it" wg -C "$B" init officer --from "$X/b4.bundle"
check "  holds G02's entities" test "$(sqlite3 "$B/wangge.db" "SELECT count(*) FROM entity WHERE id IN ('$a2', '$b1')")" -eq 2
# An import of G01's officer bundle commits the county's pending changes of
# G01 (they merge with the officer's), not G02's: those wait for G02's own
# export (it committed the whole county: 10 minutes on the large demo county)
register_key "$W" "$A"
for f in a2 a3 a4; do
	wg -C "$A" import "$X/$f.bundle" >/dev/null || echo "# officer A did not import $f" >&2
done
wg -C "$A" entity set "$a3" phone=13900000003 >/dev/null
expect_rc 0 "the officer of G01 exports a change" wg -C "$A" export -o "$X/from-a.bundle"
wg -C "$W" entity set "$a4" name=新中山卫生室 >/dev/null
wg -C "$W" entity set "$b1" name=东山第二诊所 >/dev/null
g2n=$("$GIT" -C "$W/history.git" log --format=%s refs/heads/grid/G02 | wc -l)
expect_rc 0 "the county imports it while both grids have changes" wg -C "$W" import "$X/from-a.bundle"
check "  the officer's change is in the county" test "$(sqlite3 "$W/wangge.db" "SELECT phone FROM entity WHERE id = '$a3'")" = 13900000003
check "  the county's own change to G01 merged with it" test "$("$GIT" -C "$W/history.git" show "refs/heads/grid/G01:$(on grid/G01 | grep "$a4")" | grep -c 新中山卫生室)" -eq 1
check "  G02's change waits" test "$(sqlite3 "$W/wangge.db" "SELECT group_concat(kind || ' ' || id) FROM pending")" = "entity $b1"
check "  and only it, by grid too" test "$(sqlite3 "$W/wangge.db" "SELECT group_concat(grid || ' ' || id) FROM pending")" = "G02 $b1"
check "  G02's branch did not move" test "$("$GIT" -C "$W/history.git" log --format=%s refs/heads/grid/G02 | wc -l)" -eq "$g2n"
expect_rc 0 "the county exports G02" wg -C "$W" export --grid G02 -o "$X/imp-b5.bundle"
check "  G02's change is in its history" test "$("$GIT" -C "$W/history.git" show "refs/heads/grid/G02:$(on grid/G02 | grep "$b1")" | grep -c 东山第二诊所)" -eq 1
check "  nothing waits" test "$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM pending")" -eq 0
# An entity the county moves out of G01 leaves G01's branch with G01's import
# and waits for G02's export; the import does not delete it from the county
wg -C "$A" import "$X/a4.bundle" >/dev/null 2>&1
wg -C "$W" export --grid G01 -o "$X/imp-a5.bundle" >/dev/null
wg -C "$A" import "$X/imp-a5.bundle" >/dev/null || echo "# officer A did not import imp-a5" >&2
wg -C "$W" entity set "$a4" grid=G02 >/dev/null
wg -C "$A" entity set "$a3" phone=13900000033 >/dev/null
expect_rc 0 "the officer of G01 exports another change" wg -C "$A" export -o "$X/from-a2.bundle"
expect_rc 0 "the county imports it after moving an entity out of G01" wg -C "$W" import "$X/from-a2.bundle"
check "  the moved entity is still in the county, in G02" test "$(sqlite3 "$W/wangge.db" "SELECT grid FROM entity WHERE id = '$a4'")" = G02
lacks "$(on grid/G01)" "$a4" "  it left G01's branch"
check "  it waits for G02's export" test "$(sqlite3 "$W/wangge.db" "SELECT group_concat(kind || ' ' || id) FROM pending")" = "entity $a4"
expect_rc 0 "the county exports G02" wg -C "$W" export --grid G02 -o "$X/imp-b6.bundle"
contains "$(on grid/G02)" "$a4" "  the moved entity is on G02's branch"
run "$GIT" -C "$W/history.git" fsck --strict
check "stock git fsck accepts the history" test "$rc" -eq 0
expect_rc 0 "wangge check accepts it" wg -C "$W" check

# Each grid's pending records are found by their grid (pending's key), and
# a record keeps a row for the grid it left: one that moves and is then
# deleted before either export still leaves the branch it was on with the
# export of that grid
m1=$(wg -C "$W" entity add --grid G01 --category D211 --name 东湖诊所 | tail -n 1)
expect_rc 0 "the county exports G01 with a new entity" wg -C "$W" export --grid G01 -o "$X/a5.bundle"
contains "$(on grid/G01)" "$m1" "  which is on its branch"
wg -C "$W" entity set "$m1" grid=G02 >/dev/null
expect_rc 0 "the county moves it to G02 and deletes it" wg -C "$W" entity delete "$m1"
expect_rc 0 "the county exports G01" wg -C "$W" export --grid G01 -o "$X/a6.bundle"
lacks "$(on grid/G01)" "$m1" "  the moved and deleted entity left G01's branch"
check "  it no longer waits" test "$(pending entity)" -eq 0
expect_rc 0 "the county exports G02" wg -C "$W" export --grid G02 -o "$X/b5.bundle"
lacks "$(on grid/G02)" "$m1" "  and it never came onto G02's"

# A workspace from before changed_grid, with a move and a deletion pending:
# the upgrade does not know where a record was, so each pending record is
# looked up on every branch when its grid's export takes it
m2=$(wg -C "$W" entity add --grid G01 --category D211 --name 西湖诊所 | tail -n 1)
d2=$(wg -C "$W" entity add --grid G02 --category D211 --name 南湖诊所 | tail -n 1)
expect_rc 0 "the county exports G01 and G02" sh -c "'$WANGGE' -C '$W' export --grid G01 -o '$X/a7.bundle' && '$WANGGE' -C '$W' export --grid G02 -o '$X/b7.bundle'"
contains "$(on grid/G01)" "$m2" "  the one to move is on G01's branch"
contains "$(on grid/G02)" "$d2" "  the one to delete on G02's"
v=$(sqlite3 "$W/wangge.db" "PRAGMA user_version")
# the change triggers as they were before changed_grid: each head up to
# BEGIN, and a row of changed; the changed table with the records pending,
# and no pending table; then the move and the deletion at that version
# (read first, then run: a reader still open would lock out the writer)
old_triggers=$(sqlite3 "$W/wangge.db" "SELECT 'DROP TRIGGER ' || name || '; ' ||
	substr(sql, 1, instr(sql, ' BEGIN ') + 5) ||
	' INSERT OR IGNORE INTO changed(kind, id) VALUES (''' || tbl_name || ''', ' ||
	CASE WHEN name LIKE '%DELETE_changed' THEN 'old' ELSE 'new' END || '.id); END;'
	FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%INTO pending%'")
sqlite3 "$W/wangge.db" "CREATE TABLE changed (kind TEXT NOT NULL, id TEXT NOT NULL,
	PRIMARY KEY (kind, id)) WITHOUT ROWID;
	INSERT INTO changed SELECT DISTINCT kind, id FROM pending;"
printf '%s\n' "$old_triggers" | sqlite3 "$W/wangge.db"
# (the migrations after pending's undone too: the signed inspections' index,
# the tasks' indexes, the grids pending whole)
sqlite3 "$W/wangge.db" "DROP TABLE pending; DROP INDEX inspection_signed_at;
	DROP INDEX task_random_due; DROP INDEX task_source;
	CREATE INDEX task_source ON task(source); CREATE INDEX task_due ON task(due);
	CREATE INDEX task_status_due ON task(status, due); DROP TABLE pending_whole;
	PRAGMA user_version = $((v - 8));
	UPDATE entity SET grid = 'G02' WHERE id = '$m2'; DELETE FROM entity WHERE id = '$d2';"
check "  both wait in the older workspace" test "$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM changed WHERE kind = 'entity'")" -eq 2
expect_rc 0 "the upgraded county exports G02" wg -C "$W" export --grid G02 -o "$X/b8.bundle"
check "  the database is at the program's version" test "$(sqlite3 "$W/wangge.db" "PRAGMA user_version")" -eq "$v"
contains "$(on grid/G02)" "$m2" "  the moved entity is on G02's branch"
lacks "$(on grid/G01)" "$m2" "  and no longer on G01's"
lacks "$(on grid/G02)" "$d2" "  the deleted one left G02's"
check "  nothing waits" test "$(pending entity)" -eq 0
run "$GIT" -C "$W/history.git" fsck --strict
check "stock git fsck accepts the history" test "$rc" -eq 0

# An enroll refused for a grid that does not exist commits nothing
wg -C "$W" entity add --grid G02 --category D211 --name 北山诊所 >/dev/null
before=$(snapshot "$W")
expect_rc 2 "an enroll for an unknown grid is refused" wg -C "$W" enroll --grid G09 --officer "$ob" -o "$X/x.bundle"
check "  and leaves the county as it was" test "$(snapshot "$W")" = "$before"

done_testing
