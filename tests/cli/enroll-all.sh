#!/bin/sh
# A county enrolls every grid's officer at once (enroll --all): one bundle per
# grid with an officer, grids without one listed, stock git reads every
# bundle, each makes its officer's workspace; and all or nothing when one
# bundle cannot be written.
. "${top_srcdir:-.}/tests/lib.sh"

need_stock_git
W=$TEST_TMP/county
X=$TEST_TMP/bundles
mkdir -p "$X"
WANGGE_NOW=2026-11-20T01:00:00Z
export WANGGE_NOW

wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
wg -C "$W" grid add --code G02 --name 二网格 --township 中山乡 >/dev/null
wg -C "$W" grid add --code G03 --name 三网格 --township 中山乡 >/dev/null
oa=$(wg -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
ob=$(wg -C "$W" officer add --name 王五 --grid G02 | tail -n 1)
wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 >/dev/null
wg -C "$W" entity add --grid G02 --category S100 --name 二小 >/dev/null

expect_rc 1 "--all wants a folder" wg -C "$W" enroll --all -o "$X/nosuch"
contains "$err" "existing folder" "  and says so"
expect_rc 1 "--all with --grid is refused" wg -C "$W" enroll --all --grid G01 -o "$X"

# One bundle cannot be written (a folder is in the way of G02's): nothing is.
blocker="$X/enroll-G02-$(echo "$ob" | cut -c1-8)-20261120-010000.bundle"
mkdir "$blocker"
expect_rc 2 "a bundle that cannot be written fails the whole enrollment" wg -C "$W" enroll --all -o "$X"
check "  and no bundle is left behind" test -z "$(find "$X" -name '*.bundle' -type f)"
check "  and the county's history has no branch yet" test -z "$("$GIT" -C "$W/history.git" for-each-ref 2>/dev/null)"
rmdir "$blocker"

expect_rc 0 "the county enrolls every grid's officer" wg -C "$W" enroll --all -o "$X"
contains "$out" "Grid G01, officer 张三" "  names each grid and officer"
contains "$out" "Grid G03 has no active grid officer" "  lists the grid without one"
contains "$out" "2 enrollment bundles written" "  counts the bundles"
check "  two bundles in the folder" test "$(find "$X" -name '*.bundle' -type f | wc -l)" -eq 2
for f in "$X"/*.bundle; do
	expect_rc 0 "stock git reads $(basename "$f")" "$GIT" bundle list-heads "$f"
done
fa=$(ls "$X"/enroll-G01-*.bundle)
fb=$(ls "$X"/enroll-G02-*.bundle)
expect_rc 0 "officer of G01 from their bundle" wg -C "$TEST_TMP/a" init officer --from "$fa"
register_key "$W" "$TEST_TMP/a"
run wg -C "$TEST_TMP/a" entity list --format tsv
contains "$out" "中山诊所" "  sees the grid's clinic"
lacks "$out" "二小" "  and nothing of G02"
expect_rc 0 "officer of G02 from their bundle" wg -C "$TEST_TMP/b" init officer --from "$fb"
register_key "$W" "$TEST_TMP/b"
run wg -C "$TEST_TMP/b" entity list --format tsv
contains "$out" "二小" "  sees the grid's school"
check "  now the county's history has the grids' branches" test "$("$GIT" -C "$W/history.git" for-each-ref refs/heads/grid | wc -l)" -eq 3
expect_rc 0 "git fsck of the county's history" "$GIT" -C "$W/history.git" fsck --strict
expect_rc 0 "git fsck of an officer's history" "$GIT" -C "$TEST_TMP/a/history.git" fsck --strict

done_testing
