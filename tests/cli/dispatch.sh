#!/bin/sh
# Dispatch: a campaign's tasks go out as one bundle per grid and arrive in the
# officers' workspaces; the status table shows which returns are missing.
. "${top_srcdir:-.}/tests/lib.sh"

need_stock_git
need_age

W=$TEST_TMP/county
X=$TEST_TMP/usb
mkdir -p "$X"
WANGGE_NOW=2026-11-22T04:00:00Z
export WANGGE_NOW
wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 中山乡一格 --township 中山乡 >/dev/null
wg -C "$W" grid add --code G02 --name 东湖/二格 --township 东湖镇 >/dev/null
oa=$(wg -C "$W" officer add --name 李明 --grid G01 | tail -n 1)
oc=$(wg -C "$W" officer add --name 陈静 --grid G02 | tail -n 1)
wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 >/dev/null
wg -C "$W" entity add --grid G01 --category P100 --name 中山药房 >/dev/null
wg -C "$W" entity add --grid G02 --category D600 --name 东湖村卫生室 >/dev/null
wg -C "$W" enroll --grid G01 --officer "$oa" -o "$X/enroll-a.bundle" >/dev/null
wg -C "$W" enroll --grid G02 --officer "$oc" -o "$X/enroll-c.bundle" >/dev/null
wg -C "$TEST_TMP/A" init officer --from "$X/enroll-a.bundle" >/dev/null
wg -C "$TEST_TMP/C" init officer --from "$X/enroll-c.bundle" >/dev/null
register_key "$W" "$TEST_TMP/A"
register_key "$W" "$TEST_TMP/C"

expect_rc 0 "status before anything is dispatched" wg -C "$W" dispatch status --format tsv
contains "$out" "李明" "the status names the grid's officer"
expect_rc 0 "status, as a table" wg -C "$W" dispatch status
contains "$out" "2 grids have not returned a bundle; the oldest since 2026-11-22." \
	"the enrollment bundles are owed a return: the count says 2, not 0"
check "the table fits 80 columns" sh -c "printf '%s\n' \"\$1\" | python3 -c '
import sys, unicodedata
w = max(sum(2 if unicodedata.east_asian_width(c) in \"WF\" else 1 for c in l.rstrip(\"\\n\")) for l in sys.stdin)
sys.exit(0 if w <= 80 else 1)'" _ "$out"

expect_rc 0 "campaign" wg -C "$W" campaign add --name 医疗废物专项整治 --from 2026-11-01 --to 2026-12-15 --category clinic
mkdir "$X/out"
expect_rc 0 "dispatch to every grid" wg -C "$W" dispatch --out "$X/out"
contains "$out" "2 bundles written" "one bundle per grid"
check "the bundles are named by grid code and name" test -f "$X/out/G01-中山乡一格-20261122.bundle"
check "a slash in a grid name does not make a folder" test -f "$X/out/G02-东湖_二格-20261122.bundle"
contains "$out" "Sealed for" "the table says whom each bundle is sealed for"
check "G01's bundle is sealed for its officer" sh -c "printf '%s\n' \"\$1\" | grep '^G01' | grep -q '李明'" _ "$out"
lacks "$out" "not sealed" "every bundle is sealed (both officers' keys are registered)"
# Incremental bundles: stock age opens each with its officer's key, and stock
# git verifies it against the officer's history.
g01=$(opened "$X/out/G01-中山乡一格-20261122.bundle" "$TEST_TMP/A")
g02=$(opened "$X/out/G02-东湖_二格-20261122.bundle" "$TEST_TMP/C")
expect_rc 0 "stock git verifies G01's bundle" sh -c "cd '$TEST_TMP/A/history.git' && '$GIT' bundle verify '$g01'"
expect_rc 0 "stock git verifies G02's bundle" sh -c "cd '$TEST_TMP/C/history.git' && '$GIT' bundle verify '$g02'"
expect_rc 0 "dispatch status" wg -C "$W" dispatch status
contains "$out" "return missing" "both grids owe a return"
contains "$out" "2 grids have not returned" "and the count says so"
expect_rc 0 "dispatch status --format csv" wg -C "$W" dispatch status --format csv
contains "$out" "G01-中山乡一格-20261122.bundle" "the status names the bundle sent"

# The officers import their own bundle: the campaign tasks arrive.
expect_rc 0 "officer A imports G01's bundle" wg -C "$TEST_TMP/A" import "$X/out/G01-中山乡一格-20261122.bundle"
expect_rc 0 "officer A's tasks" wg -C "$TEST_TMP/A" task list
contains "$out" "中山诊所" "the campaign task for the clinic arrived in G01"
lacks "$out" "中山药房" "no task for the pharmacy (not a target)"
lacks "$out" "东湖村卫生室" "and nothing of the other grid"
expect_rc 2 "officer A cannot import G02's bundle" wg -C "$TEST_TMP/A" import "$X/out/G02-东湖_二格-20261122.bundle"
contains "$err" "sealed for someone else" "  it is sealed for G02's officer"
expect_rc 0 "officer C imports G02's bundle" wg -C "$TEST_TMP/C" import "$X/out/G02-东湖_二格-20261122.bundle"
expect_rc 0 "officer C's tasks" wg -C "$TEST_TMP/C" task list
contains "$out" "东湖村卫生室" "the village health room's campaign task arrived in G02"

# A returns work; C does not.
WANGGE_NOW=2026-11-23T02:00:00Z
t=$(wg -C "$TEST_TMP/A" task list --format tsv | tail -n 1 | cut -f1)
expect_rc 0 "officer A starts the campaign inspection" wg -C "$TEST_TMP/A" inspection start --task "$t"
expect_rc 0 "officer A exports" wg -C "$TEST_TMP/A" export -o "$X/a-back.bundle"
expect_rc 0 "the county imports A's return" wg -C "$W" import "$X/a-back.bundle"
expect_rc 0 "dispatch status --format tsv" wg -C "$W" dispatch status --format tsv
check "G01 has returned" sh -c "printf '%s\n' \"\$1\" | grep '^G01' | grep -q 'returned\$'" _ "$out"
check "G02's return is missing" sh -c "printf '%s\n' \"\$1\" | grep '^G02' | grep -q 'return missing\$'" _ "$out"
check "G02 is awaited since the enrollment bundle" sh -c "printf '%s\n' \"\$1\" | grep '^G02' | grep -q '2026-11-22 12:00	return missing\$'" _ "$out"
check "G01 is awaited no more" sh -c "printf '%s\n' \"\$1\" | grep '^G01' | grep -q '		returned\$'" _ "$out"
expect_rc 0 "dispatch status, one grid owes" wg -C "$W" dispatch status
contains "$out" "1 grid has not returned a bundle" "the count went down to one"

# Refusals.
expect_rc 1 "dispatch without --out is a usage error" wg -C "$W" dispatch
expect_rc 2 "dispatch into a missing folder is refused" wg -C "$W" dispatch --out "$X/nowhere"
expect_rc 2 "an officer workspace does not dispatch" wg -C "$TEST_TMP/A" dispatch --out "$X/out"
# A second dispatch the same day gets a new name and carries only what is new.
wg -C "$W" entity add --grid G02 --category D211 --name 东湖新诊所 >/dev/null
expect_rc 0 "second dispatch" wg -C "$W" dispatch --out "$X/out"
check "the second bundles do not overwrite the first" test "$(ls "$X/out" | wc -l)" -eq 4
mkdir "$X/full"
expect_rc 0 "dispatch --full --plain" wg -C "$W" dispatch --out "$X/full" --full --plain
contains "$out" "2 bundles are not sealed" "  says the bundles are not sealed"
check "  and they are plain git bundles" test "$(head -c 15 "$X/full/G02-东湖_二格-20261123.bundle")" = "# v2 git bundle"
expect_rc 0 "a full bundle needs no prerequisite: stock git clones it" "$GIT" clone -q "$X/full/G02-东湖_二格-20261123.bundle" "$TEST_TMP/clone-g02"
expect_rc 0 "check" wg -C "$W" check
done_testing
