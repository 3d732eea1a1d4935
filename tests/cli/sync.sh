#!/bin/sh
# The sync round trip: the county enrolls two officers of one grid and one of
# another; everyone edits offline; the county imports everything, resolves the
# real conflicts and sends the work back; stock git accepts every bundle and
# every repository, and wangge accepts a bundle stock git wrote (a thin pack).
. "${top_srcdir:-.}/tests/lib.sh"

need_stock_git
need_age
W=$TEST_TMP/county
A=$TEST_TMP/officer-a
B=$TEST_TMP/officer-b
C=$TEST_TMP/officer-c
X=$TEST_TMP/bundles
mkdir -p "$X"
WANGGE_NOW=2026-11-20T01:00:00Z
export WANGGE_NOW
field() { # field WORKSPACE ID FIELD-LABEL
	wg -C "$1" entity show "$2" | sed -n "s/^$3  *//p"
}

wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
wg -C "$W" grid add --code G02 --name 二网格 --township 中山乡 >/dev/null
oa=$(wg -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
ob=$(wg -C "$W" officer add --name 李四 --grid G01 | tail -n 1)
oc=$(wg -C "$W" officer add --name 王五 --grid G02 | tail -n 1)
e1=$(wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 | tail -n 1)
e2=$(wg -C "$W" entity add --grid G01 --category D211 --name 东门诊所 | tail -n 1)
e3=$(wg -C "$W" entity add --grid G01 --category P100 --name 仁和药店 | tail -n 1)
e4=$(wg -C "$W" entity add --grid G01 --category H130 --name 美发店 | tail -n 1)
e5=$(wg -C "$W" entity add --grid G02 --category S100 --name 二小 | tail -n 1)

# ---- enrollment ----
# The first enrollment commits the whole county; with a tiny pack limit the
# history is written out in several packs along the way, and stays whole.
WANGGE_PACK_LIMIT=2000 expect_rc 0 "county enrolls officer A (grid G01)" wg -C "$W" enroll --grid G01 --officer "$oa" -o "$X/enroll-a.bundle"
contains "$out" "enroll-a.bundle" "  says where the bundle is"
# (over a hundred flushes; the packs are rolled together as they come)
check "  the history went to disk in packs rolled into a few" test "$(ls "$W/history.git/objects/pack" | grep -c '\.pack$')" -lt 8
run "$GIT" -C "$W/history.git" fsck --strict
check "  and stock git finds it whole" test "$rc" -eq 0
expect_rc 0 "county enrolls officer B (grid G01)" wg -C "$W" enroll --grid G01 --officer "$ob" -o "$X/enroll-b.bundle"
expect_rc 0 "county enrolls officer C (grid G02)" wg -C "$W" enroll --grid G02 --officer "$oc" -o "$X/enroll-c.bundle"
expect_rc 2 "an officer is enrolled only for their own grid" wg -C "$W" enroll --grid G02 --officer "$oa" -o "$X/wrong.bundle"
contains "$err" "not registered for grid G02" "  message names the grid"
expect_rc 0 "officer A's workspace from the bundle" wg -C "$A" init officer --from "$X/enroll-a.bundle"
expect_rc 0 "officer B's workspace" wg -C "$B" init officer --from "$X/enroll-b.bundle"
expect_rc 0 "officer C's workspace" wg -C "$C" init officer --from "$X/enroll-c.bundle"
register_key "$W" "$A"
register_key "$W" "$B"
register_key "$W" "$C"
run wg -C "$A" entity list --format tsv
contains "$out" "中山诊所" "officer A sees the grid's entities"
lacks "$out" "二小" "officer A does not see another grid's entity"
run wg -C "$C" entity list --format tsv
contains "$out" "二小" "officer C sees their grid"
lacks "$out" "中山诊所" "  and nothing of G01"
expect_rc 0 "stock git clones an enrollment bundle" "$GIT" clone -q "$X/enroll-a.bundle" "$TEST_TMP/clone-a"
check "  the clone checks out the grid's records" test -f "$TEST_TMP/clone-a/entity/$(echo "$e1" | cut -c1-2)/$(echo "$e1" | cut -c3)/$e1"

# ---- everyone works offline ----
WANGGE_NOW=2026-11-21T02:00:00Z
wg -C "$A" entity set "$e1" phone=13800138000 >/dev/null           # different fields of one entity
wg -C "$B" entity set "$e1" address=中山路1号 >/dev/null
wg -C "$A" entity set "$e2" name=东门诊所甲 >/dev/null               # the same field, differently
wg -C "$B" entity set "$e2" name=东门诊所乙 >/dev/null
wg -C "$A" entity set "$e3" legal_rep=赵六 >/dev/null                # the same field, the same value
wg -C "$B" entity set "$e3" legal_rep=赵六 status=closed >/dev/null  # and a status that advances
wg -C "$A" entity set "$e3" status=suspended >/dev/null
expect_rc 0 "officer A deletes an entity" wg -C "$A" entity delete "$e4"   # delete against edit
wg -C "$B" entity set "$e4" phone=13900139000 >/dev/null
na=$(wg -C "$A" entity add --grid G01 --category D600 --name 张村卫生室 | tail -n 1)
nc=$(wg -C "$C" entity add --grid G02 --category S200 --name 二幼 | tail -n 1)
wg -C "$W" entity set "$e5" beds=10 >/dev/null                       # the county works too

expect_rc 0 "officer A exports" wg -C "$A" export -o "$X/a1.bundle"
contains "$out" "committed to the history" "  pending edits are committed first"
expect_rc 0 "officer B exports" wg -C "$B" export -o "$X/b1.bundle"
expect_rc 0 "officer C exports" wg -C "$C" export -o "$X/c1.bundle"
run wg -C "$A" entity add --grid G02 --category D211 --name 越界诊所
check "an officer cannot add in another grid" test "$rc" -eq 2

# ---- the county imports everything ----
WANGGE_NOW=2026-11-22T03:00:00Z
expect_rc 0 "county imports three bundles at once" wg -C "$W" import "$X/a1.bundle" "$X/b1.bundle" "$X/c1.bundle"
contains "$out" "a1.bundle: added 1" "  per-file summary for A"
contains "$out" "b1.bundle: added 0, changed 2, deleted 0, conflicts 2" "  per-file summary for B"
contains "$out" "c1.bundle: added 1" "  per-file summary for C"
run wg -C "$W" conflicts list --format tsv
n=$(printf '%s\n' "$out" | tail -n +2 | wc -l)
kname=$(printf '%s\n' "$out" | grep 东门诊所甲 | cut -f1)
kdel=$(printf '%s\n' "$out" | grep '(whole record)' | cut -f1)
check "exactly two conflicts (got $n)" test "$n" -eq 2
contains "$out" "东门诊所甲	东门诊所乙" "the name conflict keeps ours and theirs"
contains "$out" "(whole record)	(deleted)	(edited)" "delete against edit is a conflict"
lacks "$out" "phone" "different fields of one entity do not conflict"
lacks "$out" "legal" "the same value on both sides does not conflict"
lacks "$out" "status" "a status does not conflict: the later state wins"
check "both field changes arrived" test "$(field "$W" "$e1" phone)$(field "$W" "$e1" address)" = "13800138000中山路1号"
check "the more advanced status won" test "$(field "$W" "$e3" status)" = closed
check "the merged state keeps the local value until resolved" test "$(field "$W" "$e2" name)" = 东门诊所甲
check "the deleted entity stays deleted until resolved" test "$(wg -C "$W" entity list --format tsv | grep -c 美发店)" -eq 0
run wg -C "$W" entity list --format tsv
contains "$out" "张村卫生室" "A's new entity arrived"
contains "$out" "二幼" "C's new entity arrived"
expect_rc 0 "conflicts show" wg -C "$W" conflicts show "$kname"
contains "$out" "东门诊所" "  shows the base value"
contains "$out" "b1.bundle" "  and where it came from"

expect_rc 1 "a whole-record conflict takes no value" wg -C "$W" conflicts resolve "$kdel" --value x
expect_rc 0 "resolve the name with a new value" wg -C "$W" conflicts resolve "$kname" --value 东门诊所
expect_rc 0 "resolve the delete: keep B's edit" wg -C "$W" conflicts resolve "$kdel" --theirs
expect_rc 2 "a resolved conflict stays resolved" wg -C "$W" conflicts resolve "$kname" --ours
contains "$err" "already resolved" "  message says so"
check "the resolution persists" test "$(field "$W" "$e2" name)" = 东门诊所
check "the record is back with B's edit" test "$(field "$W" "$e4" phone)" = 13900139000
run wg -C "$W" conflicts
contains "$out" "No open conflicts" "no open conflicts left"
run wg -C "$W" conflicts --all --format tsv
contains "$out" "示范县 <county@" "resolved conflicts say who resolved them"
run wg -C "$W" log --grid G01
contains "$out" "Resolve conflict $kname" "the resolution is in the history"
contains "$out" "张三 <$oa@" "the history names officer A as author"
run wg -C "$W" log --record "$e1"
contains "$out" "李四" "log --record lists B's change of that record"
lacks "$out" "Resolve conflict" "  and not the unrelated commits"
wg -C "$W" check >/dev/null
before=$(snapshot "$W")
expect_rc 0 "importing the same bundle again" wg -C "$W" import "$X/a1.bundle"
contains "$out" "already imported; nothing changed" "  says so"
check "  and the workspace is the same byte for byte" test "$(snapshot "$W")" = "$before"

# ---- the county sends the work back ----
WANGGE_NOW=2026-11-23T01:00:00Z
expect_rc 0 "county exports grid G01" wg -C "$W" export --grid G01 -o "$X/to-g01.bundle"
expect_rc 0 "county exports grid G02" wg -C "$W" export --grid G02 -o "$X/to-g02.bundle"
expect_rc 0 "officer A imports" wg -C "$A" import "$X/to-g01.bundle"
expect_rc 0 "officer B imports" wg -C "$B" import "$X/to-g01.bundle"
expect_rc 0 "officer C imports" wg -C "$C" import "$X/to-g02.bundle"
check "A sees B's address" test "$(field "$A" "$e1" address)" = 中山路1号
check "A sees the resolved name" test "$(field "$A" "$e2" name)" = 东门诊所
check "A gets the entity back that the county kept" test "$(field "$A" "$e4" phone)" = 13900139000
check "B sees A's new entity" test "$(wg -C "$B" entity list --format tsv | grep -c 张村卫生室)" -eq 1
check "C sees the county's change" test "$(field "$C" "$e5" beds)" = 10
run wg -C "$C" entity list --format tsv
lacks "$out" "张村卫生室" "C still holds only its grid"

# ---- the next round is incremental ----
WANGGE_NOW=2026-11-24T01:00:00Z
wg -C "$A" entity set "$na" phone=13700137000 >/dev/null
expect_rc 0 "A exports again" wg -C "$A" export -o "$X/a2.bundle"
size=$(wc -c <"$X/a2.bundle")
check "an incremental bundle is small ($size bytes)" test "$size" -lt 4000
check "  and has prerequisites" test "$(sed -n 2p "$X/a2.bundle" | cut -c1)" = -
q() { sqlite3 "$W/wangge.db" "$1"; }
rowid_before=$(q "SELECT rowid FROM entity WHERE id = '$na'")
# grams and initials of rows no longer there (grams of an old name or of a
# deleted entity stay, by design: see entity_gram in db.c)
stale="SELECT (SELECT count(*) FROM entity_gram WHERE rid NOT IN (SELECT rowid FROM entity))
	|| ' ' || (SELECT count(*) FROM entity_initials WHERE id NOT IN (SELECT rowid FROM entity))"
stale_before=$(q "$stale")
expect_rc 0 "county imports it" wg -C "$W" import "$X/a2.bundle"
contains "$out" "added 0, changed 1" "  one record changed"
# the record written again keeps its row: its search index is not left
# behind under the old one and written anew under another
check "  the entity keeps its rowid ($rowid_before)" \
	test "$(q "SELECT rowid FROM entity WHERE id = '$na'")" = "$rowid_before"
check "  no grams or initials left behind ($stale_before)" test "$(q "$stale")" = "$stale_before"
check "  the full-text index finds it by its new phone" test "$(q "SELECT rowid FROM entity_fts
	WHERE entity_fts MATCH '\"13700137000\"'")" = "$rowid_before"

# ---- a crash between the database and the refs ----
wg -C "$B" entity set "$e3" phone=13600136000 >/dev/null
wg -C "$B" export -o "$X/b2.bundle" >/dev/null
run env WANGGE_TEST_CRASH=import-before-refs "$WANGGE" -C "$W" import "$X/b2.bundle"
check "the import stopped as in a power cut" test "$rc" -eq 99
expect_rc 0 "wangge check repairs the half-done import" wg -C "$W" check
contains "$out" "repaired" "  and says so"
expect_rc 0 "afterwards the bundle counts as imported" wg -C "$W" import "$X/b2.bundle"
contains "$out" "already imported" "  nothing to do"
check "and the change is there" test "$(field "$W" "$e3" phone)" = 13600136000

# ---- stock git reads everything wangge wrote ----
# (a sealed bundle opened first with stock age and its reader's key)
for f in "$X"/*.bundle; do
	case $f in
	*enroll-*) repo=$W/history.git reader=$W ;;
	*/to-g01*) repo=$A/history.git reader=$A ;;
	*/to-g02*) repo=$C/history.git reader=$C ;;
	*) repo=$W/history.git reader=$W ;;
	esac
	plain=$(opened "$f" "$reader")
	expect_rc 0 "git bundle verify $(basename "$f")" "$GIT" -C "$repo" bundle verify "$plain"
done
"$GIT" clone -q --mirror "$W/history.git" "$TEST_TMP/fetch-c.git"
"$GIT" clone -q --bare "$X/enroll-a.bundle" "$TEST_TMP/fetch-a.git"
expect_rc 0 "git fetch from an officer bundle" "$GIT" -C "$TEST_TMP/fetch-a.git" fetch -q "$(opened "$X/a1.bundle" "$W")" "refs/heads/grid/G01:refs/heads/from-a1"
expect_rc 0 "git fetch from a county bundle" "$GIT" -C "$TEST_TMP/fetch-a.git" fetch -q "$(opened "$X/to-g01.bundle" "$A")" "refs/heads/grid/G01:refs/heads/from-county"
for r in "$W" "$A" "$B" "$C"; do
	expect_rc 0 "git fsck $(basename "$r")" "$GIT" -C "$r/history.git" fsck --strict
done
# every import adds a pack; they are rolled together as they come
check "the county's history keeps few packs" test "$(ls "$W/history.git/objects/pack" | grep -c '\.pack$')" -lt 8
# no multi-pack-index: libgit2 re-checks all of it at every open (issue 17)
check "the county's history has no multi-pack-index" \
	test ! -e "$W/history.git/objects/pack/multi-pack-index"
expect_rc 0 "git log reads the history" "$GIT" -C "$W/history.git" log --format=%an refs/heads/grid/G01
contains "$out" "李四" "  with the officers as authors"

# ---- wangge reads what stock git wrote (a thin pack) ----
"$GIT" clone -q -b grid/G01 "$A/history.git" "$TEST_TMP/work-a"
base=$("$GIT" -C "$TEST_TMP/work-a" rev-parse HEAD)
f=$(cd "$TEST_TMP/work-a" && "$GIT" ls-files "entity/*/*/$e1")
sed -i 's/^phone=.*/phone=13500135000/' "$TEST_TMP/work-a/$f"
# signed with officer A's key (gpg.format=ssh), as git signs
"$GIT" -C "$TEST_TMP/work-a" -c user.name=张三 -c user.email="$oa@$(wg -C "$W" log -n 1 | sed -n 's/.*<county@\(.*\)>.*/\1/p')" \
	-c gpg.format=ssh -c user.signingkey="$(ssh_key "$A")" commit -S -qam "edited with stock git"
"$GIT" -C "$TEST_TMP/work-a" bundle create -q "$X/stock.bundle" grid/G01 "^$base" 2>/dev/null
# a multi-pack-index that an older wangge (or git) wrote goes at the next import
"$GIT" -C "$W/history.git" multi-pack-index write
check "git wrote a multi-pack-index" test -e "$W/history.git/objects/pack/multi-pack-index"
expect_rc 0 "wangge imports a bundle from git bundle create" wg -C "$W" import "$X/stock.bundle"
contains "$out" "changed 1" "  the edit arrives"
check "  the value is in the working copy" test "$(field "$W" "$e1" phone)" = 13500135000
check "  and the multi-pack-index is gone" test ! -e "$W/history.git/objects/pack/multi-pack-index"
expect_rc 0 "  git fsck accepts the history without it" "$GIT" -C "$W/history.git" fsck --strict
expect_rc 0 "county workspace check" wg -C "$W" check

done_testing
