#!/bin/sh
# Sealed bundles (age, ssh-ed25519 recipients): wangge seals, stock age opens
# and stock git verifies; stock age seals, wangge opens; --plain says so; a
# bundle sealed for someone else, damaged or cut short is refused with exit
# 2 and the workspace unchanged. .ci/run runs this script on a build without
# sanitizers too, under a 1 GiB memory limit.
. "${top_srcdir:-.}/tests/lib.sh"

need_stock_git
need_age
W=$TEST_TMP/county
A=$TEST_TMP/officer-a
C=$TEST_TMP/officer-c
X=$TEST_TMP/usb
mkdir -p "$X"
WANGGE_NOW=2026-11-20T01:00:00Z
export WANGGE_NOW

wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
wg -C "$W" grid add --code G02 --name 二网格 --township 中山乡 >/dev/null
oa=$(wg -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
oc=$(wg -C "$W" officer add --name 王五 --grid G02 | tail -n 1)
wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 >/dev/null
wg -C "$W" entity add --grid G02 --category S100 --name 二小 >/dev/null

# ---- enrollment: plain, and it says why ----
expect_rc 0 "enroll officer A" wg -C "$W" enroll --grid G01 --officer "$oa" -o "$X/enroll-a.bundle"
contains "$out" "Not sealed: an enrollment bundle starts a workspace that has no key yet" "  an enrollment is not sealed, and says why"
check "  it is a plain git bundle" test "$(head -c 15 "$X/enroll-a.bundle")" = "# v2 git bundle"
wg -C "$W" enroll --grid G02 --officer "$oc" -o "$X/enroll-c.bundle" >/dev/null
wg -C "$A" init officer --from "$X/enroll-a.bundle" >/dev/null
wg -C "$C" init officer --from "$X/enroll-c.bundle" >/dev/null

# ---- no key registered yet: plain, and it says so ----
expect_rc 0 "county exports to G01 before A's key is registered" wg -C "$W" export --grid G01 -o "$X/g01-nokey.bundle"
contains "$out" "Not sealed: no key of its reader is registered yet" "  says it is not sealed, and why"
register_key "$W" "$A"
register_key "$W" "$C"

# ---- wangge seals, stock age opens, stock git verifies ----
wg -C "$W" entity add --grid G01 --category P100 --name 仁和药店 >/dev/null
expect_rc 0 "county exports to G01" wg -C "$W" export --grid G01 -o "$X/g01.bundle"
contains "$out" "Sealed for 张三" "  sealed for the grid's officer, by name"
check "  the file is an age file" test "$(head -n 1 "$X/g01.bundle")" = "age-encryption.org/v1"
check "  its stanza is ssh-ed25519" sh -c "sed -n 2p '$X/g01.bundle' | grep -q '^-> ssh-ed25519 '"
lacks "$(cat "$X/g01.bundle" | tr -d '\0')" "refs/heads/grid" "  no ref name readable in it"
key_a=$(ssh_key "$A")
expect_rc 0 "stock age opens it with A's key as an OpenSSH key file" "$AGE" -d -i "$key_a" -o "$TEST_TMP/g01.plain" "$X/g01.bundle"
check "  to a git bundle" test "$(head -c 15 "$TEST_TMP/g01.plain")" = "# v2 git bundle"
expect_rc 0 "  which stock git verifies against A's history" sh -c "cd '$A/history.git' && '$GIT' bundle verify '$TEST_TMP/g01.plain'"
key_c=$(ssh_key "$C")
expect_rc 1 "stock age with C's key cannot open it" "$AGE" -d -i "$key_c" -o "$TEST_TMP/g01.c" "$X/g01.bundle"

# ---- refusals: each exit 2, the workspace as it was ----
refuse() { # refuse NAME MESSAGE FILE
	before=$(snapshot "$A")
	expect_rc 2 "$1" "$WANGGE" -C "$A" import "$3"
	contains "$err" "$2" "  message: $2"
	check "  workspace unchanged" test "$(snapshot "$A")" = "$before"
}
wg -C "$W" export --grid G02 -o "$X/g02.bundle" >/dev/null
refuse "a bundle sealed for another officer is refused" "sealed for someone else" "$X/g02.bundle"
wg -C "$A" entity add --grid G01 --category D211 --name 张三新诊所 >/dev/null
wg -C "$A" export -o "$X/a1.bundle" >/dev/null
check "the officer's own export is sealed (for the county)" test "$(head -n 1 "$X/a1.bundle")" = "age-encryption.org/v1"
refuse "a bundle sealed for the county is refused by the officer" "sealed for someone else" "$X/a1.bundle"
size=$(wc -c <"$X/g01.bundle")
python3 - "$X/g01.bundle" "$X" <<'EOF'
import sys
src, out = sys.argv[1], sys.argv[2]
data = open(src, "rb").read()
end = data.index(b"\n---") + 1
mac = data.index(b"\n", end) + 1
def write(name, b):
    open(out + "/" + name, "wb").write(b)
flip = bytearray(data); flip[mac + 40] ^= 1             # a byte of the first chunk
write("flipped-payload.bundle", bytes(flip))
flip = bytearray(data); flip[end + 10] ^= 1             # a byte of the header's MAC
write("flipped-mac.bundle", bytes(flip))
flip = bytearray(data); flip[mac + 3] ^= 1              # the payload nonce
write("flipped-nonce.bundle", bytes(flip))
write("cut-payload.bundle", data[:len(data) - 7])       # the end of the last chunk
write("cut-after-nonce.bundle", data[:mac + 16])        # no chunk at all
write("cut-header.bundle", data[:end - 5])              # inside the header
stanza = data.index(b"\n") + 1
body = data.index(b"\n", stanza) + 1
write("bad-stanza.bundle", data[:body] + b"!!!!" + data[body + 4:])  # not base64
write("version.bundle", data.replace(b"age-encryption.org/v1", b"age-encryption.org/v2", 1))
EOF
refuse "a damaged chunk" "damaged" "$X/flipped-payload.bundle"
refuse "a damaged header MAC" "damaged" "$X/flipped-mac.bundle"
refuse "a damaged nonce" "cut short or damaged" "$X/flipped-nonce.bundle"
refuse "a sealed bundle cut short" "cut short" "$X/cut-payload.bundle"
refuse "a sealed bundle with no chunk" "cut short" "$X/cut-after-nonce.bundle"
refuse "a sealed bundle cut inside its header" "cut short" "$X/cut-header.bundle"
refuse "a stanza that is not age's" "the header is not age's" "$X/bad-stanza.bundle"
refuse "another version of age" "version of the age format" "$X/version.bundle"
expect_rc 2 "init officer from a sealed bundle is refused" "$WANGGE" -C "$TEST_TMP/new" init officer --from "$X/g01.bundle"
contains "$err" "no key to open it" "  message: no key to open it"
check "  and makes no workspace" test ! -e "$TEST_TMP/new/wangge.db"
refuse "a file that only starts like one" "not a sealed bundle" "$(printf 'all a bundle\n' >"$X/a-word.bundle"; echo "$X/a-word.bundle")"
# the messages in Chinese too
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 expect_rc 2 "refused in Chinese" "$WANGGE" -C "$A" import "$X/g02.bundle"
check "  the message is Chinese, no English in it" sh -c "printf '%s' \"\$1\" | grep -q '密封' && ! printf '%s' \"\$1\" | grep -q 'sealed'" _ "$err"

# ---- the good one imports ----
expect_rc 0 "officer A imports the bundle sealed for it" wg -C "$A" import "$X/g01.bundle"
expect_rc 0 "  the county's new entity arrived" wg -C "$A" entity list
contains "$out" "仁和药店" "  仁和药店"
expect_rc 0 "the county imports A's sealed bundle" wg -C "$W" import "$X/a1.bundle"
expect_rc 0 "  A's entity arrived" wg -C "$W" entity list --grid G01
contains "$out" "张三新诊所" "  张三新诊所"

# ---- stock age seals, wangge opens ----
wg -C "$W" entity add --grid G01 --category H130 --name 美发店 >/dev/null
expect_rc 0 "county exports --plain" wg -C "$W" export --grid G01 --plain -o "$X/g01-plain.bundle"
contains "$out" "Not sealed, as asked" "  says it is not sealed"
check "  a plain git bundle" test "$(head -c 15 "$X/g01-plain.bundle")" = "# v2 git bundle"
wg -C "$A" key export -o "$TEST_TMP/a.pub" >/dev/null
expect_rc 0 "stock age seals it to A's public key" "$AGE" -R "$TEST_TMP/a.pub" -o "$X/g01-by-age.bundle" "$X/g01-plain.bundle"
expect_rc 0 "wangge opens what stock age sealed" wg -C "$A" import "$X/g01-by-age.bundle"
expect_rc 0 "  the entity arrived" wg -C "$A" entity list
contains "$out" "美发店" "  美发店"
# several readers in one file: age seals to both, each opens it
wg -C "$C" key export -o "$TEST_TMP/c.pub" >/dev/null
cat "$TEST_TMP/c.pub" "$TEST_TMP/a.pub" >"$TEST_TMP/both.pub"
wg -C "$W" entity add --grid G01 --category H130 --name 第二美发店 >/dev/null
wg -C "$W" export --grid G01 --plain -o "$X/g01-plain2.bundle" >/dev/null
"$AGE" -R "$TEST_TMP/both.pub" -o "$X/g01-two.bundle" "$X/g01-plain2.bundle"
expect_rc 0 "a file sealed to two keys opens with the second" wg -C "$A" import "$X/g01-two.bundle"
# armored age (PEM) is not what wangge writes or reads
"$AGE" -a -R "$TEST_TMP/a.pub" -o "$X/armored.bundle" "$X/g01-plain2.bundle"
expect_rc 2 "an armored age file is refused" wg -C "$A" import "$X/armored.bundle"

# ---- memory: a sealed file near the largest bundle opens within 1 GiB ----
# (the sanitizers' shadow memory does not fit a limit on address space: only
# a plain build runs it, as .ci/run does)
if ldd "$WANGGE" 2>/dev/null | grep -q 'libasan'; then
	ok "a 500 MiB sealed file within ulimit -v 1 GiB # SKIP sanitizer build"
else
	head -c 524288000 /dev/zero | "$AGE" -R "$TEST_TMP/a.pub" -o "$X/big.bundle"
	before=$(snapshot "$A")
	(ulimit -v 1048576; "$WANGGE" -C "$A" import "$X/big.bundle" >"$TEST_TMP/big.out" 2>"$TEST_TMP/big.err"; echo $? >"$TEST_TMP/big.rc")
	check "a 500 MiB sealed file is opened within ulimit -v 1 GiB, then refused (exit 2)" test "$(cat "$TEST_TMP/big.rc")" = 2
	contains "$(cat "$TEST_TMP/big.err")" "is not a bundle" "  as what it is: not a bundle"
	check "  workspace unchanged" test "$(snapshot "$A")" = "$before"
	rm -f "$X/big.bundle"
fi
expect_rc 0 "officer A's check" wg -C "$A" check
expect_rc 0 "the county's check" wg -C "$W" check
done_testing
