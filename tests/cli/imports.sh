#!/bin/sh
# What an import did: "wangge import" says who sent each file and its number;
# "wangge log --import N" lists the records it added, changed and deleted,
# field by field (old -> new, personal data masked); a branch's log shows each
# import as one entry with its records and the commits it brought; a conflict
# names who wrote ours and theirs, and when. Stock git checks that the
# records listed are the ones the history changed.
. "${top_srcdir:-.}/tests/lib.sh"

need_stock_git
W=$TEST_TMP/county
A=$TEST_TMP/officer-a
B=$TEST_TMP/officer-b
X=$TEST_TMP/bundles
mkdir -p "$X"
WANGGE_NOW=2026-11-20T01:00:00Z
export WANGGE_NOW

wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
oa=$(wg -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
ob=$(wg -C "$W" officer add --name 李四 --grid G01 | tail -n 1)
e1=$(wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 | tail -n 1)
e2=$(wg -C "$W" entity add --grid G01 --category D211 --name 东门诊所 | tail -n 1)
e3=$(wg -C "$W" entity add --grid G01 --category H130 --name 美发店 | tail -n 1)
wg -C "$W" enroll --grid G01 --officer "$oa" -o "$X/enroll-a.bundle" >/dev/null
wg -C "$W" enroll --grid G01 --officer "$ob" -o "$X/enroll-b.bundle" >/dev/null
wg -C "$A" init officer --from "$X/enroll-a.bundle" >/dev/null
wg -C "$B" init officer --from "$X/enroll-b.bundle" >/dev/null
register_key "$W" "$A"
register_key "$W" "$B"

# ---- officer A works: a new entity, a changed one, a deleted one ----
WANGGE_NOW=2026-11-21T02:00:00Z
wg -C "$A" entity set "$e1" phone=13800138000 address=中山路1号 >/dev/null
expect_rc 0 "officer A deletes an entity" wg -C "$A" entity delete "$e3"
na=$(wg -C "$A" entity add --grid G01 --category D600 --name 张村卫生室 | tail -n 1)
wg -C "$A" entity set "$e2" name=东门诊所甲 >/dev/null
expect_rc 0 "officer A exports" wg -C "$A" export -o "$X/a1.bundle"
WANGGE_NOW=2026-11-21T06:30:00Z
wg -C "$B" entity set "$e2" name=东门诊所乙 >/dev/null
expect_rc 0 "officer B exports" wg -C "$B" export -o "$X/b1.bundle"

# ---- the county imports: who sent each file, and its number ----
WANGGE_NOW=2026-11-22T03:00:00Z
tip_before=$("$GIT" --git-dir="$W/history.git" rev-parse refs/heads/grid/G01)
expect_rc 0 "the county imports both bundles" wg -C "$W" import "$X/a1.bundle" "$X/b1.bundle"
contains "$out" "a1.bundle: added 1, changed 2, deleted 1, conflicts 0" "  A's file: its counts"
contains "$out" "from 张三 (grid G01); import 1" "  sent by officer A, import 1"
contains "$out" "from 李四 (grid G01); import 2" "  sent by officer B, import 2"
contains "$out" "wangge log --import 1" "  the command that lists the records"

# ---- log --import: the records, field by field ----
expect_rc 0 "log --import 1" wg -C "$W" log --import 1
contains "$out" "Import 1: a1.bundle" "  names the file"
contains "$out" "From:     张三 (grid G01)" "  and who sent it"
contains "$out" "added entity ${na%"${na#????????}"} 张村卫生室" "  the added entity"
contains "$out" "changed entity ${e1%"${e1#????????}"} 中山诊所" "  the changed entity"
contains "$out" "deleted entity ${e3%"${e3#????????}"} 美发店" "  the deleted entity"
contains "$out" "address: (empty) -> 中山路1号" "  a field: old -> new"
contains "$out" "name: 东门诊所 -> 东门诊所甲" "  the renamed one"
# the records it lists are the ones stock git says the import changed
tip_a=$(sqlite3 "$W/wangge.db" "SELECT after FROM sync_import_ref WHERE import = 1")
n_git=$("$GIT" --git-dir="$W/history.git" diff --no-renames --name-only "$tip_before" "$tip_a" | grep -c '^entity/')
n_listed=$(printf '%s\n' "$out" | grep -c '^\(added\|changed\|deleted\) entity ')
check "  as many records as git diff names ($n_listed, $n_git)" test "$n_listed" -eq "$n_git"
expect_rc 0 "log --import 2" wg -C "$W" log --import 2
contains "$out" "conflicts 1" "  B's import met a conflict"
contains "$out" "It changed no record here." "  and changed nothing here (ours kept)"
expect_rc 2 "an import that does not exist" wg -C "$W" log --import 9
contains "$err" "no import number 9" "  says so"
expect_rc 1 "not a number" wg -C "$W" log --import x
expect_rc 1 "--import with --grid" wg -C "$W" log --import 1 --grid G01

# ---- the branch's log: each import one entry, its records, its commits ----
expect_rc 0 "log --grid G01" wg -C "$W" log --grid G01
contains "$out" "Import 1: a1.bundle from 张三 (grid G01): added 1, changed 2, deleted 1" "  import 1 is one entry"
contains "$out" "Import 2: b1.bundle from 李四 (grid G01)" "  import 2 too"
contains "$out" "    added entity ${na%"${na#????????}"} 张村卫生室" "  with its records"
contains "$out" "张三 <$oa@" "  and the commits it brought, by their author"
n_rc=$(printf '%s\n' "$out" | grep -c '^ *Record changes$')
n_entries=$(printf '%s\n' "$out" | grep -c '^[0-9a-f]\{10\}  ')
check "  no bare top-level \"Record changes\" line for an imported commit" test "$(printf '%s\n' "$out" | grep -c '^    Record changes$')" -le 1
run wg -C "$W" log --grid G01 -n 1
contains "$out" "Import 2" "  -n counts an import as one entry"
lacks "$out" "Import 1" "  so -n 1 stops after it"
run wg -C "$W" log --record "$e1"
contains "$out" "张三" "log --record still lists the commit that changed the record"
lacks "$out" "Import 1:" "  not the import entries"

# ---- the conflict names who wrote ours and theirs ----
run wg -C "$W" conflicts --format tsv
contains "$out" "东门诊所甲	东门诊所乙	张三 (grid G01), 2026-11-21 10:00	李四 (grid G01), 2026-11-21 14:30" "the list names ours and theirs, with the time (CST)"
k=$(printf '%s\n' "$out" | grep 东门诊所甲 | cut -f1)
expect_rc 0 "conflicts show" wg -C "$W" conflicts show "$k"
contains "$out" "Ours (kept until resolved), by 张三 (grid G01), 2026-11-21 10:00" "  ours: officer A, when"
contains "$out" "Theirs, by 李四 (grid G01), 2026-11-21 14:30" "  theirs: officer B, when"
contains "$out" "Import:   2" "  and the import that met it"
# the county's own change against an officer's: ours is the county office
WANGGE_NOW=2026-11-23T01:00:00Z
wg -C "$W" entity set "$e1" beds=4 >/dev/null
wg -C "$B" entity set "$e1" beds=6 >/dev/null
expect_rc 0 "officer B exports again" wg -C "$B" export -o "$X/b2.bundle"
expect_rc 0 "the county imports it" wg -C "$W" import "$X/b2.bundle"
run wg -C "$W" conflicts --format tsv
contains "$out" "	4	6	the county office, 2026-11-23 09:00	李四 (grid G01), 2026-11-23 09:00" "the county's own value is the county office's"

# ---- the officer's side: the county sends; the county is who sent it ----
WANGGE_NOW=2026-11-24T01:00:00Z
expect_rc 0 "the county resolves and sends to G01" wg -C "$W" conflicts resolve "$k" --theirs
oi=$(wg -C "$W" officer add --name 赵监督 --role inspector | tail -n 1)
expect_rc 0 "  a recusal, its reason personal" wg -C "$W" recusal add --inspector "$oi" --entity "$e1" --reason 表姐开的诊所
expect_rc 0 "  export for G01" wg -C "$W" export --grid G01 -o "$X/c1.bundle"
expect_rc 0 "officer A imports the county's bundle" wg -C "$A" import "$X/c1.bundle"
contains "$out" "from the county office; import 1" "  sent by the county office"
expect_rc 0 "  log --import 1 on the officer's side" wg -C "$A" log --import 1
contains "$out" "name: 东门诊所甲 -> 东门诊所乙" "  the resolution arrived, old -> new"
contains "$out" "added declared recusal" "  and the county's recusal"
lacks "$out" "表姐开的诊所" "  whose reason is personal data: masked"
contains "$out" "reason: (empty) -> 表*" "  as every list masks it"

# ---- zh_CN: the words are Chinese ----
run env LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN "$WANGGE" -C "$W" log --import 1
lacks "$out" "From:" "zh_CN: no English label"
lacks "$out" "added entity" "  nor English words"
done_testing
