#!/bin/sh
# The county's history on disk (issue 17): records and trees are stored as
# deltas, as git would store them; stock git fsck accepts every pack, stock
# git gc repacks the history and wangge goes on reading and writing it.
. "${top_srcdir:-.}/tests/lib.sh"

need_stock_git
need_age
W=$TEST_TMP/county
X=$TEST_TMP/bundles
mkdir -p "$X"
WANGGE_NOW=2026-11-20T01:00:00Z
export WANGGE_NOW
deltas() { # deltas REPO TYPE: how many objects of TYPE git finds stored as deltas
	"$GIT" -C "$1" cat-file --batch-all-objects --batch-check='%(objecttype) %(deltabase)' |
		awk -v t="$2" '$1 == t && $2 !~ /^0+$/' | wc -l
}

wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
oa=$(wg -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
i=0
while [ "$i" -lt 40 ]; do
	wg -C "$W" entity add --grid G01 --category D211 --name "中山诊所$i" --phone "1380013$(printf %04d "$i")" >/dev/null
	i=$((i + 1))
done
# the first commit, in several packs (rolled up as they come)
WANGGE_PACK_LIMIT=4000 expect_rc 0 "the county enrolls an officer" wg -C "$W" enroll --grid G01 --officer "$oa" -o "$X/enroll.bundle"
run "$GIT" -C "$W/history.git" fsck --strict
check "stock git fsck accepts the history" test "$rc" -eq 0
n=$(deltas "$W/history.git" blob)
check "records are stored as deltas ($n)" test "$n" -gt 20
# Ten commits that each change a few entities: each adds a pack with new
# versions of the same folders, which the roll-up stores as deltas.
r=0
while [ "$r" -lt 10 ]; do
	for e in $(wg -C "$W" entity list --format tsv | sed -n '2,4p' | cut -f1); do
		wg -C "$W" entity set "$e" "phone=1390000$(printf %02d "$r")$(printf %02d "$i")" >/dev/null
		i=$((i + 1))
	done
	expect_rc 0 "  commit $r" wg -C "$W" export --grid G01 --full -o "$X/g$r.bundle"
	r=$((r + 1))
done
run "$GIT" -C "$W/history.git" fsck --strict
check "stock git fsck accepts the history after ten commits" test "$rc" -eq 0
check "  whose packs were rolled up" test "$(find "$W/history.git/objects/pack" -name '*.pack' | wc -l)" -lt 8
n=$(deltas "$W/history.git" tree)
check "  where new versions of a folder are deltas of an old one ($n)" test "$n" -gt 0
expect_rc 0 "wangge check accepts the history" wg -C "$W" check
expect_rc 0 "stock git clones a grid's bundle" "$GIT" clone -q --mirror "$X/g9.bundle" "$TEST_TMP/clone.git"

# Stock git gc repacks it with its own deltas; wangge reads and writes on.
expect_rc 0 "stock git gc on the county's history" "$GIT" -C "$W/history.git" gc --quiet --prune=now
run "$GIT" -C "$W/history.git" fsck --strict
check "  which git fsck still accepts" test "$rc" -eq 0
expect_rc 0 "  wangge check accepts it" wg -C "$W" check
e=$(wg -C "$W" entity list --format tsv | sed -n '2p' | cut -f1)
wg -C "$W" entity set "$e" "phone=13911112222" >/dev/null
expect_rc 0 "  wangge commits onto it" wg -C "$W" export --grid G01 --full -o "$X/after.bundle"
run "$GIT" -C "$W/history.git" fsck --strict
check "  and git fsck accepts what it wrote" test "$rc" -eq 0
expect_rc 0 "  stock git verifies the grid's bundle" "$GIT" -C "$TEST_TMP/clone.git" bundle verify -q "$X/after.bundle"

# A roll-up makes its pack in memory: never more than its limit (24000
# bytes here), however many packs wait; packs of a flush (4000 bytes and the
# object that passed it) were rolled. (A county of its own: the one above
# goes on to count deltas among packs rolled with the default limit.)
W2=$TEST_TMP/county2
wg -C "$W2" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W2" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
ob=$(wg -C "$W2" officer add --name 李四 --grid G01 | tail -n 1)
i=0
while [ "$i" -lt 40 ]; do
	wg -C "$W2" entity add --grid G01 --category D211 --name "东山诊所$i" >/dev/null
	i=$((i + 1))
done
WANGGE_PACK_LIMIT=4000 WANGGE_ROLLUP_LIMIT=24000 expect_rc 0 "a county enrolls an officer with a small roll-up limit" \
	wg -C "$W2" enroll --grid G01 --officer "$ob" -o "$X/enroll2.bundle"
packs=$W2/history.git/objects/pack
big=$(find "$packs" -name '*.pack' -size +24000c | wc -l)
rolled=$(find "$packs" -name '*.pack' -size +8000c | wc -l)
check "  packs were rolled up ($rolled), none bigger than the limit ($big)" test "$rolled" -gt 0 -a "$big" -eq 0
run "$GIT" -C "$W2/history.git" fsck --strict
check "  and stock git fsck accepts them" test "$rc" -eq 0

# An import stores only what the history lacks: an officer's full export
# (after a bundle was lost on the way) carries the whole grid, which the
# county has but for one change. In-pack objects counted by stock git.
inpack() { "$GIT" -C "$1" count-objects -v | sed -n 's/^in-pack: //p'; }
O2=$TEST_TMP/officer2
expect_rc 0 "the officer's workspace from the small-limit enrollment" wg -C "$O2" init officer --from "$X/enroll2.bundle"
register_key "$W2" "$O2"
n0=$(inpack "$O2/history.git")
check "  the officer's history holds the bundle's objects once ($n0)" test "$n0" -gt 40
n=$(deltas "$O2/history.git" blob)
check "  its records stored as deltas ($n)" test "$n" -gt 20
e=$(wg -C "$O2" entity list --format tsv | sed -n '2p' | cut -f1)
wg -C "$O2" entity set "$e" "phone=13977778888" >/dev/null
expect_rc 0 "  one change exported (a bundle then lost)" wg -C "$O2" export -o "$X/lost.bundle"
expect_rc 0 "  then everything exported" wg -C "$O2" export --full -o "$X/full2.bundle"
c0=$(inpack "$W2/history.git")
expect_rc 0 "the county imports the full export" wg -C "$W2" import "$X/full2.bundle"
contains "$out" "changed 1" "  one record changed"
c1=$(inpack "$W2/history.git")
# (the change's record, folders and commit, the merge's, and the key's
# registration: not the grid's hundreds again)
check "  its history gained the new objects alone ($c0 -> $c1; the officer's $n0)" \
	test "$c1" -gt "$c0" -a $(((c1 - c0) * 10)) -lt "$n0"
run "$GIT" -C "$W2/history.git" fsck --strict
check "  and stock git fsck accepts it" test "$rc" -eq 0
expect_rc 0 "  the lost bundle, arriving after all" wg -C "$W2" import "$X/lost.bundle"
contains "$out" "already imported" "  is known"
check "  and adds nothing" test "$(inpack "$W2/history.git")" -eq "$c1"

# The packs are read without mapping them (src/history/packfiles.c): a
# pack or index damaged on disk is an error that says so, never a crash,
# nor a bundle written from it. After git gc, git's own pack (OFS deltas).
pack=$(find "$W/history.git/objects/pack" -name '*.pack' | head -n 1)
idx=${pack%.pack}.idx
damage() { # damage WHAT FILE: a copy of the county with FILE (pack|idx) damaged
	rm -rf "$TEST_TMP/damaged" "$X/damaged.bundle"
	cp -a "$W" "$TEST_TMP/damaged"
	f=$TEST_TMP/damaged/history.git/objects/pack/$(basename "$2")
	chmod u+w "$f"
	size=$(wc -c <"$f")
	case $1 in
	magic) printf 'XXXX' | dd of="$f" conv=notrunc status=none ;;
	truncated) dd if="$2" of="$f" bs=600 count=1 status=none ;;
	fanout) # bucket 0x80 counts more objects than the ones after it (a zero
		# there was no damage at all when no id of the pack is below 0x80:
		# one run in a few dozen, with small packs)
		printf '\377\377\377\377' | dd of="$f" bs=1 seek=$((8 + 4 * 128)) conv=notrunc status=none ;;
	offsets) # every object's offset past the end of the pack
		n=$(od -An -tu1 -j 1028 -N 4 "$2" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
		head -c $((n * 4)) /dev/zero | tr '\000' '\177' |
			dd of="$f" bs=1 seek=$((8 + 1024 + n * 24)) conv=notrunc status=none ;;
	zeroed) # the objects' bytes after the header zeroed
		head -c $((size - 32)) /dev/zero | dd of="$f" bs=1 seek=12 conv=notrunc status=none ;;
	garbage) # the objects' bytes after the header random
		head -c $((size - 32)) /dev/urandom | dd of="$f" bs=1 seek=12 conv=notrunc status=none ;;
	esac
	run wg -C "$TEST_TMP/damaged" export --grid G01 --full -o "$X/damaged.bundle"
	# 3: the workspace's own files are at fault (WG_EINTERNAL), not the input
	check "a damaged history ($1 $(basename "$2" | sed 's/.*\.//')) is refused, not a crash (rc $rc)" \
		test "$rc" -eq 3
	check "  saying the history is at fault" grep -q "^wangge: history" "$TEST_TMP/err"
	check "  and no bundle is written from it" test ! -e "$X/damaged.bundle"
}
damage magic "$idx"
damage truncated "$idx"
damage fanout "$idx"
damage offsets "$idx"
damage truncated "$pack"
damage zeroed "$pack"
damage garbage "$pack"

# When memory runs out (a capped address space, one CPU), an import says
# "not enough memory", never that the bundle or the history is damaged or
# missing, and leaves the county as it was. Caps from 64 MiB down, a MiB at
# a time, until the program cannot even start (a sanitizer build cannot
# run under any cap: then nothing is tried).
A=$TEST_TMP/officer-a
expect_rc 0 "an officer's workspace" wg -C "$A" init officer --from "$X/enroll.bundle"
register_key "$W" "$A"
e=$(wg -C "$A" entity list --format tsv | sed -n '2p' | cut -f1)
wg -C "$A" entity set "$e" "phone=13922223333" >/dev/null
expect_rc 0 "  exports a change" wg -C "$A" export -o "$X/a.bundle"
if command -v taskset >/dev/null; then one_cpu="taskset -c 0"; else one_cpu=; fi
before=$(snapshot "$W")
kib=65536 short=0 wrong=
# the sanitizers' shadow memory does not fit a capped address space: only a
# plain build runs this, as .ci/run does
if ldd "$WANGGE" 2>/dev/null | grep -q 'libasan'; then kib=0; fi
while [ "$kib" -gt 4096 ]; do
	rm -rf "$TEST_TMP/capped"
	cp -a "$W" "$TEST_TMP/capped"
	# shellcheck disable=SC2086,SC3045
	(ulimit -v "$kib" && exec $one_cpu "$WANGGE" -C "$TEST_TMP/capped" import "$X/a.bundle") \
		>/dev/null 2>"$TEST_TMP/capped.err" </dev/null
	rc=$?
	[ "$rc" -eq 127 ] && break # the loader itself failed: no lower cap will start
	if grep -q "not enough memory" "$TEST_TMP/capped.err"; then
		short=$((short + 1))
	elif [ "$rc" -ne 0 ]; then
		wrong="$wrong $((kib / 1024)) MiB (rc $rc): $(head -n 1 "$TEST_TMP/capped.err");"
	fi
	kib=$((kib - 1024))
done
if [ "$kib" -eq 0 ]; then
	ok "out of memory, an import says so # SKIP sanitizer build"
elif [ "$kib" -ge 65536 ]; then
	ok "# SKIP this build does not start under a capped address space"
else
	check "out of memory, an import says so at every cap it fails at ($short of them)${wrong:+:$wrong}" test -z "$wrong"
fi
check "  the county is as it was" test "$(snapshot "$W")" = "$before"
done_testing
