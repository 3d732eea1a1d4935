#!/bin/sh
# Hostile bundles, made by hand as an attacker would (stock git and a few
# lines of Python, at test time, in tests/hostile/make-corpus.py): every one
# is refused with exit 2 and a clear message, the workspace stays the same
# byte for byte, and stock git fsck --strict passes on the history after.
# .ci/run runs this script on a build without sanitizers too.
. "${top_srcdir:-.}/tests/lib.sh"

GIT=${GIT:-git}
if ! command -v "$GIT" >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP stock git and python3 are needed to make hostile bundles"
	exit 0
fi
W=$TEST_TMP/county
A=$TEST_TMP/officer-a
C=$TEST_TMP/officer-c
X=$TEST_TMP/bundles
mkdir -p "$X"
WANGGE_NOW=2026-11-20T01:00:00Z
export WANGGE_NOW
q() { "$WANGGE" "$@" >/dev/null; }

q -C "$W" init county --name 示范县 --code 330102
q -C "$W" grid add --code G01 --name 一网格 --township 中山乡
q -C "$W" grid add --code G02 --name 二网格 --township 中山乡
oa=$("$WANGGE" -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
oc=$("$WANGGE" -C "$W" officer add --name 王五 --grid G02 | tail -n 1)
e1=$("$WANGGE" -C "$W" entity add --grid G01 --category D211 --name 中山诊所 | tail -n 1)
e2=$("$WANGGE" -C "$W" entity add --grid G02 --category D211 --name 二网诊所 | tail -n 1)
q -C "$W" enroll --grid G01 --officer "$oa" -o "$X/enroll-a.bundle"
q -C "$W" enroll --grid G02 --officer "$oc" -o "$X/enroll-c.bundle"
q -C "$A" init officer --from "$X/enroll-a.bundle"
q -C "$C" init officer --from "$X/enroll-c.bundle"
register_key "$W" "$A"
register_key "$W" "$C"
county_id=$("$WANGGE" -C "$W" log -n 1 | sed -n 's/.*<county@\(.*\)>.*/\1/p')

# A signed patrol of e1 in G01, imported by the county.
insp=$("$WANGGE" -C "$A" inspection start --entity "$e1" | tail -n 1)
for n in 1 2 3 4 5 6 7 8; do q -C "$A" inspection record "$insp" PC0$n pass; done
for n in 09 10; do q -C "$A" inspection record "$insp" PC$n na; done
q -C "$A" inspection sign "$insp"
# Plain bundles: the corpus is made by cutting and forging their packs (a
# sealed one is refused before its pack is read: tests/cli/seal.sh).
q -C "$A" export --plain -o "$X/a1.bundle"
q -C "$W" import "$X/a1.bundle"
q -C "$A" entity set "$e1" address=中山路1号
q -C "$A" export --plain -o "$X/a2.bundle"

# The officer signs what they forge with their own key, as they could by hand.
A_SSH_KEY=$(ssh_key "$A")
export GIT oa oc e1 e2 insp county_id A_SSH_KEY
# A corpus that cannot be made is a failure, never a skip: the suite below
# would otherwise pass without refusing anything.
python3 "${top_srcdir:-.}/tests/hostile/make-corpus.py" "$A/history.git" "$X" || {
	echo "not ok 1 - the hostile corpus is made"
	echo "1..1"
	exit 1
}

q -C "$W" check
before=$(snapshot "$W")

same_as_before() {
	if [ "$(snapshot "$W")" = "$before" ]; then ok "  workspace unchanged"; else not_ok "  workspace changed"; fi
	if ls -d "$W"/incoming-* >/dev/null 2>&1; then not_ok "  an incoming- folder is left"; else ok "  no incoming- folder left"; fi
}

refuse() { # refuse DESCRIPTION MESSAGE-FRAGMENT FILE...
	desc=$1 frag=$2
	shift 2
	expect_rc 2 "$desc" "$WANGGE" -C "$W" import "$@"
	contains "$err" "$frag" "  message: $frag"
	same_as_before
}

# 1. The header, read with wangge's own code (this crashed builds without
# sanitizers: libgit2 was called before it was set up).
for f in "$X"/header-*.bundle; do
	refuse "header: $(basename "$f" .bundle)" "not a valid bundle" "$f"
done
for f in "$X"/refname-*.bundle; do
	refuse "ref name: $(basename "$f" .bundle)" "invalid name" "$f"
done
expect_rc 2 "init officer --from a damaged header" "$WANGGE" -C "$TEST_TMP/new" init officer --from "$X/header-nonhex.bundle"
contains "$err" "not a valid bundle" "  message says so"
check "  and leaves no folder behind" test ! -e "$TEST_TMP/new"

# Reading is capped and checks as it goes: an endless source is refused at once.
start=$(date +%s)
refuse "/dev/zero" "is not a bundle" /dev/zero
refuse "an endless header" "not a valid bundle" "$X/endless-header.bundle"
mkfifo "$X/pipe"
(printf '# v2 git bundle\n'; yes 0000000000000000000000000000000000000000 refs/heads/grid/G01) >"$X/pipe" 2>/dev/null &
refuse "a header that never ends, from a pipe" "not a valid bundle" "$X/pipe"
wait
check "  all in a few seconds" test $(($(date +%s) - start)) -lt 20

# 2. One budget for the whole import: objects, bytes inflated, delta results, chains.
start=$(date +%s)
refuse "8 chained deltas of 256 MiB (1.6 KB)" "delta bomb" "$X/bomb-8x256M.bundle"
refuse "40 chained deltas of 256 MiB" "delta bomb" "$X/bomb-40x256M.bundle"
refuse "2 chained deltas of 256 MiB" "delta bomb" "$X/bomb-2x256M.bundle"
refuse "64 deltas of 64 MiB side by side" "delta bomb" "$X/bomb-wide-64x64M.bundle"
refuse "5 objects of 250 MiB of zeros (1.2 MB)" "delta bomb" "$X/bomb-inflate-5x250M.bundle"
refuse "two bundles of 750 MiB of zeros in one import" "delta bomb" "$X/bomb-inflate-3x250M.bundle" "$X/bomb-inflate-3x250M.bundle"
refuse "a chain of 60 deltas" "chain of more than 50 deltas" "$X/chain-60.bundle"
refuse "an object count the file cannot hold" "more objects than it can" "$X/count-lie.bundle"
check "  all refused in well under a minute" test $(($(date +%s) - start)) -lt 60

# 3. Record rules, against the county's own state, not only the bundle's branch.
refuse "a G01 bundle taking a G02 entity's id" "was made in grid G02" "$X/rec-steal-entity.bundle"
# "for ever": also once the county has deleted the entity
cp -a "$W" "$TEST_TMP/county-deleted"
q -C "$TEST_TMP/county-deleted" entity delete "$e2"
q -C "$TEST_TMP/county-deleted" export --grid G02 -o "$TEST_TMP/g02-after-delete.bundle" # commits the deletion
gone_before=$(snapshot "$TEST_TMP/county-deleted")
expect_rc 2 "a G01 bundle taking the id of a deleted G02 entity" "$WANGGE" -C "$TEST_TMP/county-deleted" import "$X/rec-steal-entity.bundle"
contains "$err" "was made in grid G02" "  message: was made in grid G02"
check "  that workspace unchanged" test "$(snapshot "$TEST_TMP/county-deleted")" = "$gone_before"
check "  the deleted entity is remembered with its grid" test "$(sqlite3 "$TEST_TMP/county-deleted/wangge.db" "SELECT grid FROM record_gone WHERE id = '$e2'")" = G02
# A county with a change of its own not yet in the history: a refused import
# leaves that change where it was, uncommitted, and every file as it was.
cp -a "$W" "$TEST_TMP/county-pending"
q -C "$TEST_TMP/county-pending" entity set "$e2" address=二网路2号
pending_before=$(snapshot "$TEST_TMP/county-pending")
pending_log=$("$GIT" --git-dir="$TEST_TMP/county-pending/history.git" rev-parse --all | sort)
expect_rc 2 "refused into a county with an unsent change of its own" "$WANGGE" -C "$TEST_TMP/county-pending" import "$X/rec-steal-entity.bundle"
check "  that workspace unchanged" test "$(snapshot "$TEST_TMP/county-pending")" = "$pending_before"
check "  its history unchanged" test "$("$GIT" --git-dir="$TEST_TMP/county-pending/history.git" rev-parse --all | sort)" = "$pending_log"
check "  the change is still waiting to be sent" test "$(sqlite3 "$TEST_TMP/county-pending/wangge.db" "SELECT count(*) FROM pending")" -gt 0
expect_rc 0 "  and still in the working copy" "$WANGGE" -C "$TEST_TMP/county-pending" entity show "$e2"
contains "$out" "二网路2号" "  the new address"
# Two officers' bundles that each add a new record with the same id, one in
# G01 and one in G02 (made with stock git from the county's own history).
# However they come, the id goes to the first grid and the second is refused.
forge_new_entity() { # BRANCH FROM-ID NEW-ID NAME OFFICER-ID OUT KEY
	fw=$TEST_TMP/forge-work
	rm -rf "$fw"
	"$GIT" clone -q --no-checkout "$W/history.git" "$fw" 2>/dev/null
	base=$("$GIT" --git-dir="$W/history.git" rev-parse "refs/heads/$1")
	"$GIT" -C "$fw" checkout -q -B "$1" "$base"
	src=entity/$(printf %.2s "$2")/$(printf %s "$2" | cut -c3)/$2
	dst=entity/$(printf %.2s "$3")/$(printf %s "$3" | cut -c3)/$3
	mkdir -p "$fw/${dst%/*}"
	sed "s/^id=.*/id=$3/; s/^name=.*/name=同号诊所/" "$fw/$src" >"$fw/$dst"
	"$GIT" -C "$fw" add -A
	"$GIT" -C "$fw" -c user.name="$4" -c user.email="$5@$county_id" -c gpg.format=ssh \
		-c user.signingkey="$7" commit -S -q -m "Record changes"
	"$GIT" -C "$fw" bundle create -q "$6" "$1" "^$base" 2>/dev/null
}
same_id=5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a
forge_new_entity grid/G01 "$e1" "$same_id" 张三 "$oa" "$X/same-id-g01.bundle" "$A_SSH_KEY"
forge_new_entity grid/G02 "$e2" "$same_id" 王五 "$oc" "$X/same-id-g02.bundle" "$(ssh_key "$C")"
cp -a "$W" "$TEST_TMP/county-two"
two_before=$(snapshot "$TEST_TMP/county-two")
expect_rc 2 "two bundles of one import, one new id in G01 and in G02" "$WANGGE" -C "$TEST_TMP/county-two" import "$X/same-id-g01.bundle" "$X/same-id-g02.bundle"
contains "$err" "was made in grid G01" "  message: was made in grid G01"
check "  that workspace unchanged" test "$(snapshot "$TEST_TMP/county-two")" = "$two_before"
check "  no entity has the id" test "$(sqlite3 "$TEST_TMP/county-two/wangge.db" "SELECT count(*) FROM entity WHERE id = '$same_id'")" = 0
expect_rc 0 "  each bundle alone: G01's is taken" "$WANGGE" -C "$TEST_TMP/county-two" import "$X/same-id-g01.bundle"
expect_rc 2 "  then G02's is refused" "$WANGGE" -C "$TEST_TMP/county-two" import "$X/same-id-g02.bundle"
contains "$err" "was made in grid G01" "  message: was made in grid G01"
check "  the entity stays in G01" test "$(sqlite3 "$TEST_TMP/county-two/wangge.db" "SELECT grid FROM entity WHERE id = '$same_id'")" = G01
refuse "a G01 inspection of a G02 entity" "which is not a record of grid G01" "$X/rec-cross-grid-ref.bundle"
refuse "an inspection of an entity that does not exist" "which is not a record of grid G01" "$X/rec-dangling-ref.bundle"
refuse "a signed inspection's item result changed" "which is signed" "$X/rec-signed-result-flip.bundle"
refuse "a signed inspection's item result deleted" "which is signed" "$X/rec-signed-result-delete.bundle"
refuse "an item result added to a signed inspection" "which is signed" "$X/rec-signed-result-add.bundle"
refuse "a stale branch re-adding a signed inspection as a draft" "is signed and cannot be changed" "$X/rec-stale-readd-draft.bundle"
expect_rc 0 "  no conflict was kept for it" "$WANGGE" -C "$W" conflicts list
lacks "$out" "$insp" "  the signed inspection is in no conflict"
refuse "an officer's bundle of common" "only the branch of its own grid" "$X/rec-common-by-officer.bundle"
q -C "$C" check
before_c=$(snapshot "$C")
expect_rc 2 "an officer refuses common written by another officer" "$WANGGE" -C "$C" import "$X/rec-common-by-officer.bundle"
contains "$err" "only the county writes" "  message: only the county writes"
if [ "$(snapshot "$C")" = "$before_c" ]; then ok "  officer workspace unchanged"; else not_ok "  officer workspace changed"; fi

# 4. Trees as git fsck --strict wants them, and modes as wangge writes them.
for f in "$X"/tree-[!c]*.bundle "$X"/commit-*.bundle; do
	refuse "fsck: $(basename "$f" .bundle)" "damaged or incomplete" "$f"
	diag "$err"
done

# After all that, the county's history is as stock git wants it; a good
# bundle still imports, and so does a tree rebuilt by the corpus's own
# writer without a fault (the crafted bundles fail for their fault alone).
check "git fsck --strict passes on the county's history" "$GIT" --git-dir="$W/history.git" fsck --strict --no-progress
expect_rc 0 "a hand-made tree without a fault imports" "$WANGGE" -C "$W" import "$X/tree-control.bundle"
expect_rc 0 "the good bundle imports" "$WANGGE" -C "$W" import "$X/a2.bundle"
check "  git fsck --strict still passes" "$GIT" --git-dir="$W/history.git" fsck --strict --no-progress

# 5. Smaller faults.
expect_rc 2 "init officer: a grid branch naming a commit the bundle lacks" "$WANGGE" -C "$TEST_TMP/new2" init officer --from "$X/enroll-missing-tip.bundle"
contains "$err" "which it does not carry" "  message says so"
check "  and leaves no folder behind" test ! -e "$TEST_TMP/new2"
# three new bundles at once into a workspace named by a relative path
for n in 1 2 3; do
	q -C "$A" entity set "$e1" address=中山路1${n}号
	q -C "$A" export -o "$X/r$n.bundle"
done
expect_rc 0 "-C with a relative path, three new bundles" sh -c 'cd "$1" && "$2" -C county import bundles/r1.bundle bundles/r2.bundle bundles/r3.bundle' - "$TEST_TMP" "$WANGGE"
contains "$out" "r3.bundle: added 0, changed 1" "  all three merged"
for n in 4 5 6; do
	q -C "$A" entity set "$e1" address=中山路1${n}号
	q -C "$A" export -o "$X/r$n.bundle"
done
expect_rc 0 "a relative WANGGE_DIR, three new bundles" sh -c 'cd "$1" && WANGGE_DIR=county "$2" import bundles/r4.bundle bundles/r5.bundle bundles/r6.bundle' - "$TEST_TMP" "$WANGGE"
if ls -d "$W"/incoming-* >/dev/null 2>&1; then not_ok "  an incoming- folder is left"; else ok "  no incoming- folder left"; fi
# a killed export's temporary file is swept by the next export to that place
echo partial >"$X/.swept.bundle.999999999-0.tmp"
echo writing >"$X/.swept.bundle.$$-0.tmp"
q -C "$A" export -o "$X/swept.bundle"
check "a killed export's temporary file is removed by the next" test ! -e "$X/.swept.bundle.999999999-0.tmp"
check "  a live writer's is left alone" test -e "$X/.swept.bundle.$$-0.tmp"
# a full disk at init county leaves nothing half-made, and init then works
(trap '' XFSZ; ulimit -f 64; "$WANGGE" -C "$TEST_TMP/full" init county --name 满县 --code 330104 >/dev/null 2>&1)
check "init county on a full disk leaves no half-made workspace" test ! -e "$TEST_TMP/full"
expect_rc 0 "  and init county then works" "$WANGGE" -C "$TEST_TMP/full" init county --name 满县 --code 330104
mkdir -p "$TEST_TMP/full2"
(trap '' XFSZ; ulimit -f 64; "$WANGGE" -C "$TEST_TMP/full2" init county --name 满县 --code 330104 >/dev/null 2>&1)
check "  in a folder that was there: the folder stays, empty" test -d "$TEST_TMP/full2" -a -z "$(ls -A "$TEST_TMP/full2")"

# 6. Nothing from a bundle reaches the terminal raw.
esc=$(printf '\033')
q -C "$W" check
before=$(snapshot "$W")
refuse "a forged author whose name holds escape sequences" "not an officer registered" "$X/term-forged-author-esc.bundle"
lacks "$err" "$esc" "  the message shows no raw ESC"
contains "$err" '\x1b' "  but shows it escaped"
refuse "a prerequisite comment with escape sequences" "import" "$X/term-prereq-comment.bundle"
lacks "$err" "$esc" "  the message shows no raw ESC"
refuse "a name with a right-to-left override" "invisible control character (U+202E)" "$X/rec-bidi-name.bundle"
refuse "a name with a C1 control" "invisible control character (U+0085)" "$X/rec-c1-name.bundle"
expect_rc 0 "an accepted commit whose author and message hold escapes" "$WANGGE" -C "$W" import "$X/term-author-esc.bundle"
expect_rc 0 "  wangge log" "$WANGGE" -C "$W" log --grid G01 -n 1000
lacks "$out" "$esc" "  log prints no raw ESC"
lacks "$out" "$(printf '\342\200\256')" "  nor a raw right-to-left override"
contains "$out" '\x1b' "  but shows them escaped"
contains "$out" '\u202e' "  the override too"
expect_rc 2 "field validation refuses a right-to-left override" "$WANGGE" -C "$W" entity set "$e1" "name=中山$(printf '\342\200\256')所诊"
expect_rc 2 "field validation refuses a C1 control" "$WANGGE" -C "$W" entity set "$e1" "name=中山$(printf '\302\205')诊所"
q -C "$W" entity set "$e2" "name==HYPERLINK(\"http://x\",\"点我\")"
expect_rc 0 "entity list as CSV" "$WANGGE" -C "$W" entity list --format csv
contains "$out" "\"'=HYPERLINK(" "  a formula-like cell is neutralised"
expect_rc 0 "entity list as TSV" "$WANGGE" -C "$W" entity list --format tsv
contains "$out" "'=HYPERLINK(" "  in TSV too"

# 7. wangge check looks at the history as git fsck would.
expect_rc 0 "check: the county is in order" "$WANGGE" -C "$W" check
for damage in flip drop; do
	rm -rf "$TEST_TMP/copy" && cp -a "$W" "$TEST_TMP/copy"
	python3 - "$TEST_TMP/copy/history.git/objects/pack" "$damage" <<'PY'
import os, sys
d, how = sys.argv[1], sys.argv[2]
packs = sorted((os.path.getsize(os.path.join(d, f)), f) for f in os.listdir(d) if f.endswith(".pack"))
path = os.path.join(d, packs[-1][1])
os.chmod(path, 0o600)
if how == "flip":
    b = bytearray(open(path, "rb").read())
    b[len(b) // 2] ^= 0x01
    open(path, "wb").write(b)
else:
    os.unlink(path)
    os.unlink(path[:-5] + ".idx")
PY
	expect_rc 3 "check: one pack $damage" "$WANGGE" -C "$TEST_TMP/copy" check
	contains "$out" "the history is damaged" "  says the history is damaged"
	diag "$out"
done

# A conflict about a signed inspection's item result (one kept before import
# refused them) can only keep this workspace's version.
kid=$(python3 - "$W/wangge.db" "$insp" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rid = db.execute("SELECT id FROM result WHERE inspection = ? ORDER BY id LIMIT 1", (sys.argv[2],)).fetchone()[0]
cur = db.execute("INSERT INTO conflict(kind, record, field, base, ours, theirs, branch, source, created)"
                 " VALUES ('result', ?, 'outcome', 'pass', 'pass', 'fail', 'refs/heads/grid/G01', 'old.bundle',"
                 " '2026-11-19T00:00:00Z')", (rid,))
db.commit()
print(cur.lastrowid)
PY
)
expect_rc 2 "conflicts resolve --theirs on a signed inspection's result" "$WANGGE" -C "$W" conflicts resolve "$kid" --theirs
contains "$err" "is signed" "  message: it is signed"
expect_rc 0 "  --ours is allowed" "$WANGGE" -C "$W" conflicts resolve "$kid" --ours

done_testing
