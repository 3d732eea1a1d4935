#!/bin/sh
# Workspaces made before signing keys (tests/fixtures/legacy-v9.tar.gz, made by
# the wave-1 wangge: county init, grid, officer, entity, enroll, an officer's
# bundle imported, a county bundle back, then an officer's bundle the county
# never imported). After the upgrade: the older history stays readable and is
# marked unsigned; each workspace gets a key when it first writes; from then
# on every commit is signed; the officer's work the county had not yet taken
# is signed again at the cut-over, so the county takes it once it registers
# the key; the old unsigned bundle is refused.
. "${top_srcdir:-.}/tests/lib.sh"

need_stock_git
L=$TEST_TMP/legacy
mkdir -p "$L"
tar -xzf "${top_srcdir:-.}/tests/fixtures/legacy-v9.tar.gz" -C "$L"
read -r e1 oa <"$L/ids"
W=$L/county
A=$L/officer
WANGGE_NOW=2026-11-25T01:00:00Z
export WANGGE_NOW

legacy_commits=$("$GIT" --git-dir="$A/history.git" rev-list --all | sort)
check "the fixture has no keys" test ! -e "$W/signing.key" -a ! -e "$A/signing.key"
expect_rc 0 "the old history reads" "$WANGGE" -C "$W" log --grid G01
contains "$out" "[unsigned (made before signatures)]" "  marked unsigned"
check "  reading makes no key" test ! -e "$W/signing.key"

# The county's first write after the upgrade: a key, registered in common.
expect_rc 0 "the county writes" "$WANGGE" -C "$W" entity set "$e1" beds=3
check "  the county has a key now" test -f "$W/signing.key"
expect_rc 0 "  the county exports to G01" "$WANGGE" -C "$W" export --grid G01 -o "$L/c2.bundle"
"$WANGGE" -C "$W" key allowed-signers -o "$TEST_TMP/allowed"
tip=$("$GIT" --git-dir="$W/history.git" rev-parse refs/heads/grid/G01)
expect_rc 0 "  its new commit verifies with stock git" "$GIT" --git-dir="$W/history.git" -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$TEST_TMP/allowed" verify-commit "$tip"
expect_rc 0 "  and so does the common one that registers its key" "$GIT" --git-dir="$W/history.git" -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$TEST_TMP/allowed" verify-commit refs/heads/common
expect_rc 0 "  wangge log: the new commit good, the old ones unsigned" "$WANGGE" -C "$W" log --grid G01
contains "$out" "[good signature: the county office" "  good"
contains "$out" "[unsigned (made before signatures)]" "  unsigned"

# The officer: takes the county's first signed bundle and pins its key.
expect_rc 0 "the officer imports the county's first signed bundle" "$WANGGE" -C "$A" import "$L/c2.bundle"
expect_rc 0 "  key show" "$WANGGE" -C "$A" key show
contains "$out" "The county's key, pinned at enrollment" "  the county's key is pinned now"
check "  the officer has a key now" test -f "$A/signing.key"

# Its unsent work (exported before the upgrade) is signed again at the cut-over.
expect_rc 2 "the old unsigned bundle is refused" "$WANGGE" -C "$W" import "$L/a2-unsent.bundle"
contains "$err" "is not signed" "  message: not signed"
expect_rc 0 "the officer exports after the upgrade" "$WANGGE" -C "$A" export -o "$L/a3.bundle"
expect_rc 2 "  refused until the key is registered" "$WANGGE" -C "$W" import "$L/a3.bundle"
contains "$err" "which the county has not registered" "  message: not registered"
register_key "$W" "$A"
expect_rc 0 "  taken once it is" "$WANGGE" -C "$W" import "$L/a3.bundle"
expect_rc 0 "  the phone set before the upgrade arrived" "$WANGGE" -C "$W" entity show "$e1"
contains "$out" "13800138000" "  13800138000"
"$WANGGE" -C "$W" key allowed-signers -o "$TEST_TMP/allowed"
printf '%s\n' "$legacy_commits" >"$TEST_TMP/legacy-commits"
new_commits=$("$GIT" --git-dir="$A/history.git" rev-list --all | sort | comm -23 - "$TEST_TMP/legacy-commits")
verify_new() {
	[ -n "$new_commits" ] || return 1
	for c in $new_commits; do
		"$GIT" --git-dir="$A/history.git" -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$TEST_TMP/allowed" verify-commit "$c" 2>/dev/null || return 1
	done
}
check "  every commit the officer's history gained since the upgrade verifies with stock git" verify_new
expect_rc 0 "the county's check is in order" "$WANGGE" -C "$W" check
expect_rc 0 "the officer's check is in order" "$WANGGE" -C "$A" check

done_testing
