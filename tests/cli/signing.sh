#!/bin/sh
# Who wrote it, provably: every workspace has an Ed25519 key, every commit is
# signed in git's SSH signature format (stock git verify-commit agrees), the
# county registers officers' keys after comparing fingerprints, and an import
# refuses unsigned, forged, unregistered, misplaced and revoked signatures,
# each with exit 2, a message naming whose key, which commit and why, and the
# workspace exactly as it was.
. "${top_srcdir:-.}/tests/lib.sh"

need_stock_git
if ! command -v ssh-keygen >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP ssh-keygen (openssh-client) and python3 are needed"
	exit 0
fi
W=$TEST_TMP/county
A=$TEST_TMP/officer-a
A2=$TEST_TMP/officer-a2
C=$TEST_TMP/officer-c
X=$TEST_TMP/bundles
mkdir -p "$X"
WANGGE_NOW=2026-11-20T01:00:00Z
export WANGGE_NOW
q() { "$WANGGE" "$@" >/dev/null; }

# ---- keys ----
expect_rc 0 "init county" "$WANGGE" -C "$W" init county --name 示范县 --code 330102
check "  the county has a signing key" test -f "$W/signing.key"
check "  readable by its owner only" test "$(stat -c %a "$W/signing.key")" = 600
q -C "$W" grid add --code G01 --name 一网格 --township 中山乡
q -C "$W" grid add --code G02 --name 二网格 --township 中山乡
oa=$("$WANGGE" -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
oa2=$("$WANGGE" -C "$W" officer add --name 李四 --grid G01 | tail -n 1)
oc=$("$WANGGE" -C "$W" officer add --name 王五 --grid G02 | tail -n 1)
e1=$("$WANGGE" -C "$W" entity add --grid G01 --category D211 --name 中山诊所 | tail -n 1)
e2=$("$WANGGE" -C "$W" entity add --grid G02 --category D211 --name 二网诊所 | tail -n 1)
q -C "$W" enroll --grid G01 --officer "$oa" -o "$X/enroll-a.bundle"
q -C "$W" enroll --grid G01 --officer "$oa2" -o "$X/enroll-a2.bundle"
q -C "$W" enroll --grid G02 --officer "$oc" -o "$X/enroll-c.bundle"
county_id=$("$WANGGE" -C "$W" log -n 1 | sed -n 's/.*<county@\(.*\)>.*/\1/p')

expect_rc 0 "key show (county)" "$WANGGE" -C "$W" key show
contains "$out" "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5" "  the public key in OpenSSH's form"
county_words=$(printf '%s\n' "$out" | sed -n '1s/.*: //p')
check "  a fingerprint of 4 groups of 4 to read aloud" \
	sh -c "printf '%s' '$county_words' | grep -Eq '^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$'"
contains "$out" "SHA256:" "  and ssh-keygen's fingerprint"
"$WANGGE" -C "$W" key export -o "$TEST_TMP/county.pub" >/dev/null
check "  ssh-keygen reads the public key and agrees on its fingerprint" \
	sh -c "ssh-keygen -l -f '$TEST_TMP/county.pub' | grep -q \"\$(printf '%s\n' '$out' | sed -n 's/.*\(SHA256:[^ ]*\).*/\1/p')\""

expect_rc 0 "init officer A" "$WANGGE" -C "$A" init officer --from "$X/enroll-a.bundle"
contains "$out" "fingerprint" "  shows the fingerprint to read to the clerk"
a_words=$(printf '%s\n' "$out" | sed -n '3s/^ *//p')
expect_rc 0 "  key show says the same" "$WANGGE" -C "$A" key show
contains "$out" "$a_words" "  the same fingerprint"
contains "$out" "$county_words" "  and the county's key, pinned at enrollment"
contains "$out" "has not registered this key yet" "  and that the county has not registered it"
check "  a key of its own, not the county's" test "$a_words" != "$county_words"
q -C "$A2" init officer --from "$X/enroll-a2.bundle"
q -C "$C" init officer --from "$X/enroll-c.bundle"

# The first bundle before the key is registered: refused, saying what to do.
q -C "$A" entity set "$e1" address=中山路1号
q -C "$A" export -o "$X/a1.bundle"
q -C "$W" check
before=$(snapshot "$W")
expect_rc 2 "the county refuses a bundle signed with a key it has not registered" "$WANGGE" -C "$W" import "$X/a1.bundle"
contains "$err" "$a_words" "  message: names the key"
contains "$err" "张三" "  message: names the officer"
contains "$err" "compare this fingerprint with them in person" "  message: says what to do"
check "  workspace unchanged" test "$(snapshot "$W")" = "$before"

# Registering: only with the fingerprint read aloud, and only the right one.
"$WANGGE" -C "$A" key export -o "$X/a.pub" >/dev/null
check "  the key file holds no private key" sh -c "! grep -q PRIVATE '$X/a.pub' && ! grep -q \"\$(sed -n 2p '$A/signing.key')\" '$X/a.pub'"
expect_rc 1 "officer key add without the fingerprint" "$WANGGE" -C "$W" officer key add 张三 --key-file "$X/a.pub"
contains "$err" "$a_words" "  shows the fingerprint to compare"
contains "$err" "--fingerprint" "  and how to give it"
expect_rc 1 "officer key add with a fingerprint that does not match" "$WANGGE" -C "$W" officer key add 张三 --key-file "$X/a.pub" --fingerprint "$county_words"
expect_rc 0 "officer key add with the fingerprint read aloud (any case, O for 0)" "$WANGGE" -C "$W" officer key add 张三 --key-file "$X/a.pub" --fingerprint "$(printf '%s' "$a_words" | tr 'A-Z0' 'a-zo')"
expect_rc 2 "the same key for a second officer is refused" "$WANGGE" -C "$W" officer key add 李四 --key-file "$X/a.pub" --fingerprint "$a_words"
contains "$err" "already registered, for 张三" "  message: whose it is"
expect_rc 2 "a second key in use for the same officer is refused" "$WANGGE" -C "$W" officer key add 张三 --key "$(cat "$TEST_TMP/county.pub")" --fingerprint "$county_words"
register_key "$W" "$A2"
register_key "$W" "$C"
expect_rc 0 "the county imports A's bundle now" "$WANGGE" -C "$W" import "$X/a1.bundle"
expect_rc 0 "officer key list" "$WANGGE" -C "$W" officer key list --format tsv
contains "$out" "$a_words" "  lists A's key"
contains "$out" "the county office" "  and the county's own"

# The keys reach the officers in common; nothing personal and nothing private.
q -C "$W" export --grid G01 -o "$X/c1.bundle"
check "  no bundle carries a private key" sh -c "! grep -aq 'wangge ed25519 seed' '$X/c1.bundle' '$X/a1.bundle' '$X/enroll-a.bundle'"
expect_rc 0 "officer A2 imports the county's bundle" "$WANGGE" -C "$A2" import "$X/c1.bundle"
expect_rc 0 "A2's key show: registered" "$WANGGE" -C "$A2" key show
contains "$out" "The county registered this key" "  the officer learns it through common"

# ---- stock git verifies every commit ----
expect_rc 0 "key allowed-signers" "$WANGGE" -C "$W" key allowed-signers -o "$TEST_TMP/allowed"
contains "$(cat "$TEST_TMP/allowed")" "county@$county_id namespaces=\"git\" ssh-ed25519 " "  the county's line"
q -C "$A2" entity set "$e1" phone=13800138000
q -C "$A2" export -o "$X/a2-1.bundle"
q -C "$W" import "$X/a2-1.bundle"
q -C "$W" export --grid G01 -o "$X/c2.bundle"
q -C "$A" import "$X/c2.bundle"
verify_all() { # verify_all GIT-DIR: every commit of every branch, with stock git
	_bad=0 _n=0
	for _c in $("$GIT" --git-dir="$1" rev-list --all); do
		_n=$((_n + 1))
		"$GIT" --git-dir="$1" -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$TEST_TMP/allowed" \
			verify-commit "$_c" >/dev/null 2>&1 || _bad=$((_bad + 1))
	done
	[ "$_n" -gt 3 ] && [ "$_bad" -eq 0 ]
}
check "git verify-commit: every commit of the county's history" verify_all "$W/history.git"
check "git verify-commit: every commit of officer A's history" verify_all "$A/history.git"
check "git verify-commit: every commit of officer A2's history" verify_all "$A2/history.git"
expect_rc 0 "git log --show-signature says Good" "$GIT" --git-dir="$W/history.git" -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$TEST_TMP/allowed" log --show-signature -n 3 refs/heads/grid/G01
contains "$out" 'Good "git" signature' "  for the officers' and the county's commits"
expect_rc 0 "wangge log shows who signed" "$WANGGE" -C "$W" log --grid G01 -n 5
contains "$out" "[good signature: 李四, " "  the officer's change, signed by them"
contains "$out" "[good signature: the county office, $county_words]" "  the county's, by the county office"

# One flipped byte in a signed commit: git and wangge both refuse it.
tip=$("$GIT" --git-dir="$A/history.git" rev-parse refs/heads/grid/G01)
python3 - "$A/history.git" "$tip" "$TEST_TMP/flipped" <<'PY'
import subprocess, sys, os
gd, tip, out = sys.argv[1:4]
raw = subprocess.run(["git", "--git-dir", gd, "cat-file", "commit", tip], stdout=subprocess.PIPE, check=True).stdout
i = raw.index(b"\n\n") + 2
flipped = raw[:i] + bytes([raw[i] ^ 0x20]) + raw[i + 1:]
new = subprocess.run(["git", "--git-dir", gd, "hash-object", "-t", "commit", "-w", "--stdin"], input=flipped, stdout=subprocess.PIPE, check=True).stdout.decode().strip()
open(out, "w").write(new)
PY
flipped=$(cat "$TEST_TMP/flipped")
expect_rc 1 "git verify-commit fails on a commit with one byte changed" "$GIT" --git-dir="$A/history.git" -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$TEST_TMP/allowed" verify-commit "$flipped"

# ---- forgeries, made by hand with stock git ----
a_key=$(ssh_key "$A")
other_key=$TEST_TMP/stranger
ssh-keygen -q -t ed25519 -N '' -C stranger -f "$other_key"
# forge OUT HISTORY BRANCH AUTHOR-NAME AUTHOR-ID KEY|"" EDIT-SHELL
forge() {
	rm -rf "$TEST_TMP/forge"
	"$GIT" clone -q --no-checkout "$2" "$TEST_TMP/forge" 2>/dev/null
	(
		cd "$TEST_TMP/forge" || exit 1
		"$GIT" checkout -q -B "$3" "origin/$3"
		eval "$7"
		"$GIT" add -A
		if [ -n "$6" ]; then
			"$GIT" -c user.name="$4" -c user.email="$5@$county_id" -c gpg.format=ssh \
				-c user.signingkey="$6" commit -S -q -m "Record changes"
		else
			"$GIT" -c user.name="$4" -c user.email="$5@$county_id" commit -q -m "Record changes"
		fi
		"$GIT" bundle create -q "$1" "$3" "^origin/$3" 2>/dev/null
	)
}
edit_e1='f=$("$GIT" ls-files "entity/*/*/'"$e1"'"); sed -i "s/^phone=.*/phone=13000000000/" "$f"'
edit_e2='f=$("$GIT" ls-files "entity/*/*/'"$e2"'"); sed -i "s/^phone=.*/phone=13000000000/" "$f"'
forge "$X/unsigned.bundle" "$A/history.git" grid/G01 张三 "$oa" "" "$edit_e1"
forge "$X/stranger.bundle" "$A/history.git" grid/G01 张三 "$oa" "$other_key" "$edit_e1"
forge "$X/as-a2.bundle" "$A/history.git" grid/G01 李四 "$oa2" "$a_key" "$edit_e1"
forge "$X/good.bundle" "$A/history.git" grid/G01 张三 "$oa" "$a_key" "$edit_e1"

q -C "$W" check
before=$(snapshot "$W")
refuse() { # refuse DESCRIPTION MESSAGE-FRAGMENT FILE
	expect_rc 2 "$1" "$WANGGE" -C "$W" import "$3"
	contains "$err" "$2" "  message: $2"
	if [ "$(snapshot "$W")" = "$before" ]; then ok "  workspace unchanged"; else not_ok "  workspace changed"; fi
}
refuse "an unsigned commit made with stock git" "is not signed" "$X/unsigned.bundle"
refuse "a commit signed with a key wangge does not know (ssh-keygen's own)" "which the county has not registered" "$X/stranger.bundle"
refuse "A commits as A2, signing with A's key" "says it is by 李四, but it is signed with the key of 张三" "$X/as-a2.bundle"
expect_rc 0 "the same edit, honestly signed by A, is accepted (in a copy)" sh -c "cp -a '$W' '$TEST_TMP/w-copy' && '$WANGGE' -C '$TEST_TMP/w-copy' import '$X/good.bundle'"

# a bad signature: the commit's text changed after signing, the id recomputed
python3 - "$A/history.git" "$X/good.bundle" "$X/bad-sig.bundle" <<'PY'
import subprocess, sys, tempfile, os
gd, good, out = sys.argv[1:4]
w = tempfile.mkdtemp()
subprocess.run(["git", "init", "-q", "--bare", w], check=True)
subprocess.run(["git", "--git-dir", w, "fetch", "-q", gd, "+refs/heads/*:refs/heads/*"], check=True)
subprocess.run(["git", "--git-dir", w, "fetch", "-q", good, "+refs/heads/grid/G01:refs/heads/forged"], check=True)
tip = subprocess.run(["git", "--git-dir", w, "rev-parse", "refs/heads/forged"], stdout=subprocess.PIPE, check=True).stdout.decode().strip()
base = subprocess.run(["git", "--git-dir", w, "rev-parse", "refs/heads/forged^"], stdout=subprocess.PIPE, check=True).stdout.decode().strip()
raw = subprocess.run(["git", "--git-dir", w, "cat-file", "commit", tip], stdout=subprocess.PIPE, check=True).stdout
raw = raw.replace(b"\n\nRecord changes", b"\n\nRecord  changes", 1)
new = subprocess.run(["git", "--git-dir", w, "hash-object", "-t", "commit", "-w", "--stdin"], input=raw, stdout=subprocess.PIPE, check=True).stdout.decode().strip()
subprocess.run(["git", "--git-dir", w, "update-ref", "refs/heads/grid/G01", new], check=True)
subprocess.run(["git", "--git-dir", w, "bundle", "create", "-q", out, "refs/heads/grid/G01", "^" + base], check=True, stderr=subprocess.DEVNULL)
PY
refuse "a signed commit changed after signing" "the commit was changed after it was signed" "$X/bad-sig.bundle"

# C's key is registered for G02: a G01 commit signed with it is refused
c_key=$(ssh_key "$C")
forge "$X/c-on-g01.bundle" "$A/history.git" grid/G01 王五 "$oc" "$c_key" "$edit_e1"
refuse "an officer of G02 writing on G01" "who is not an officer registered for grid G01" "$X/c-on-g01.bundle"
# moved to G01 by the county, C still holds the key registered for G02
cp -a "$W" "$TEST_TMP/w-moved"
sqlite3 "$TEST_TMP/w-moved/wangge.db" "UPDATE officer SET grid = 'G01' WHERE id = '$oc'"
moved_before=$(snapshot "$TEST_TMP/w-moved")
expect_rc 2 "a key registered for another grid" "$WANGGE" -C "$TEST_TMP/w-moved" import "$X/c-on-g01.bundle"
contains "$err" "is signed with their key for grid G02, but it is on G01" "  message: the key's grid"
check "  workspace unchanged" test "$(snapshot "$TEST_TMP/w-moved")" = "$moved_before"

# A forges a county bundle for A2: author county, signed with A's key
forge "$X/fake-county.bundle" "$A/history.git" common 示范县 county "$a_key" 'f=$("$GIT" ls-files "county/*/*/*" | head -n 1); sed -i "s/^name=.*/name=被改名县/" "$f"'
q -C "$A2" check
before_a2=$(snapshot "$A2")
expect_rc 2 "an officer refuses a county bundle not signed with the county's key" "$WANGGE" -C "$A2" import "$X/fake-county.bundle"
contains "$err" "the bundle is forged" "  message: forged"
check "  A2's workspace unchanged" test "$(snapshot "$A2")" = "$before_a2"
# the same, signed with a key of its own that it registers in the forged common
forge "$X/fake-county-key.bundle" "$A/history.git" common 示范县 county "$other_key" 'f=$("$GIT" ls-files "county/*/*/*" | head -n 1); sed -i "s/^name=.*/name=被改名县/" "$f"'
expect_rc 2 "an officer refuses a county bundle signed with another key" "$WANGGE" -C "$A2" import "$X/fake-county-key.bundle"
contains "$err" "is not the county's" "  message: not the county's key"
check "  A2's workspace unchanged" test "$(snapshot "$A2")" = "$before_a2"
# an officer's commit on common, signed with their own registered key
forge "$X/officer-common.bundle" "$A/history.git" common 张三 "$oa" "$a_key" 'f=$("$GIT" ls-files "county/*/*/*" | head -n 1); sed -i "s/^name=.*/name=被改名县/" "$f"'
expect_rc 2 "an officer refuses common written by an officer" "$WANGGE" -C "$A2" import "$X/officer-common.bundle"
contains "$err" "only the county writes" "  message: only the county writes it"
refuse "the county refuses an officer's bundle of common" "only the branch of its own grid" "$X/officer-common.bundle"

# ---- revocation: a stolen laptop ----
q -C "$A" entity set "$e1" address=中山路3号
q -C "$A" export -o "$X/a-before.bundle"
q -C "$W" import "$X/a-before.bundle"
expect_rc 0 "officer key revoke" "$WANGGE" -C "$W" officer key revoke 张三 --reason "笔记本电脑被盗"
contains "$out" "$a_words" "  names the key"
q -C "$A" entity set "$e1" address=中山路4号
q -C "$A" export -o "$X/a-after.bundle"
q -C "$W" check
before=$(snapshot "$W")
refuse "a bundle signed with the revoked key" "which the county revoked on" "$X/a-after.bundle"
contains "$err" "笔记本电脑被盗" "  message: and why"
expect_rc 0 "  the work accepted before stays verified" "$WANGGE" -C "$W" log --grid G01 -n 12
contains "$out" "[good signature (the key was revoked later): 张三" "  as good, the key revoked later"
q -C "$W" key allowed-signers -o "$TEST_TMP/allowed"
contains "$(cat "$TEST_TMP/allowed")" "valid-before=" "  allowed-signers: the revoked key valid before its revocation"
check "  git verify-commit still accepts every commit the county took" verify_all "$W/history.git"
q -C "$W" export --grid G01 -o "$X/c3.bundle"
expect_rc 0 "A2 learns of the revocation and keeps A's earlier work" "$WANGGE" -C "$A2" import "$X/c3.bundle"
expect_rc 0 "  A2's officer key list" "$WANGGE" -C "$A2" officer key list --format tsv
contains "$out" "revoked" "  shows the revoked key"
# re-enrollment with a new key
rm -rf "$TEST_TMP/officer-a-new"
q -C "$W" enroll --grid G01 --officer "$oa" -o "$X/enroll-a-new.bundle"
q -C "$TEST_TMP/officer-a-new" init officer --from "$X/enroll-a-new.bundle"
expect_rc 0 "the new key is registered" register_key "$W" "$TEST_TMP/officer-a-new"
q -C "$TEST_TMP/officer-a-new" entity set "$e1" address=中山路5号
q -C "$TEST_TMP/officer-a-new" export -o "$X/a-new.bundle"
expect_rc 0 "  and its bundles are accepted" "$WANGGE" -C "$W" import "$X/a-new.bundle"

# ---- an enrollment bundle is checked too ----
check "the officer's workspace pins the county's key at enrollment" \
	test "$(sqlite3 "$A2/wangge.db" "SELECT value FROM meta WHERE key = 'county_key'")" = "$(cut -d' ' -f1-2 "$TEST_TMP/county.pub")"

done_testing
