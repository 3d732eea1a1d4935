#!/bin/sh
# Bad bundles: each is refused with exit 2 and a clear message, and the
# workspace stays the same byte for byte.
. "${top_srcdir:-.}/tests/lib.sh"

GIT=${GIT:-git}
if ! command -v "$GIT" >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP stock git and python3 are needed to make bad bundles"
	exit 0
fi
W=$TEST_TMP/county
A=$TEST_TMP/officer-a
C=$TEST_TMP/officer-c
K=$TEST_TMP/other-county
KA=$TEST_TMP/other-officer
X=$TEST_TMP/bundles
mkdir -p "$X"
WANGGE_NOW=2026-11-20T01:00:00Z
export WANGGE_NOW
wg() { "$WANGGE" "$@" >/dev/null; }

wg -C "$W" init county --name 示范县 --code 330102
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡
wg -C "$W" grid add --code G02 --name 二网格 --township 中山乡
oa=$("$WANGGE" -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
oc=$("$WANGGE" -C "$W" officer add --name 王五 --grid G02 | tail -n 1)
e1=$("$WANGGE" -C "$W" entity add --grid G01 --category D211 --name 中山诊所 | tail -n 1)
wg -C "$W" enroll --grid G01 --officer "$oa" -o "$X/enroll-a.bundle"
wg -C "$W" enroll --grid G02 --officer "$oc" -o "$X/enroll-c.bundle"
wg -C "$A" init officer --from "$X/enroll-a.bundle"
wg -C "$C" init officer --from "$X/enroll-c.bundle"
register_key "$W" "$A"
register_key "$W" "$C"
county_id=$("$WANGGE" -C "$W" log -n 1 | sed -n 's/.*<county@\(.*\)>.*/\1/p')

wg -C "$A" entity set "$e1" phone=13800138000
# a patrol, signed: from then on no bundle may change it
insp=$("$WANGGE" -C "$A" inspection start --entity "$e1" | tail -n 1)
for n in 1 2 3 4 5 6 7 8; do wg -C "$A" inspection record "$insp" PC0$n pass; done
for n in 09 10; do wg -C "$A" inspection record "$insp" PC$n na; done
wg -C "$A" inspection sign "$insp"
wg -C "$A" export --plain -o "$X/a1.bundle"
wg -C "$W" import "$X/a1.bundle"
wg -C "$W" export --plain --grid G02 -o "$X/to-g02.bundle"

# Bundles made with stock git on top of what the county has: one edit of e1.
# Signed with officer A's own key, as A could do by hand.
a_key=$(ssh_key "$A")
forge() { # forge OUT AUTHOR-NAME AUTHOR-EMAIL SHELL-EDIT
	rm -rf "$TEST_TMP/forge"
	"$GIT" clone -q -b grid/G01 "$A/history.git" "$TEST_TMP/forge"
	(
		cd "$TEST_TMP/forge" || exit 1
		f=$("$GIT" ls-files "${forge_path:-entity/*/*/$e1}")
		eval "$4"
		"$GIT" -c user.name="$2" -c user.email="$3" -c gpg.format=ssh \
			-c user.signingkey="$a_key" commit -S -qam forged
		"$GIT" bundle create -q "$1" grid/G01 ^origin/grid/G01 2>/dev/null
	)
}
forge "$X/garbage.bundle" 张三 "$oa@$county_id" 'printf "kind=entity\nnot a record\n" >"$f"'
forge "$X/other-grid.bundle" 张三 "$oa@$county_id" 'sed -i "s/^grid=G01$/grid=G02/" "$f"'
forge "$X/forged.bundle" 王五 "$oc@$county_id" 'sed -i "s/^phone=.*/phone=13900139000/" "$f"'
forge "$X/county-field.bundle" 张三 "$oa@$county_id" 'sed -i "s/^created=.*/created=2020-01-01T00:00:00Z/" "$f"'
forge_path="inspection/*/*/$insp"
forge "$X/signed.bundle" 张三 "$oa@$county_id" 'sed -i "s/^summary=.*/summary=改过了/" "$f"'
forge_path=

# Two more bundles from A; the second needs the first.
wg -C "$A" entity set "$e1" address=中山路1号
wg -C "$A" export --plain -o "$X/a2.bundle"
wg -C "$A" entity set "$e1" address=中山路2号
wg -C "$A" export --plain -o "$X/a3.bundle"

# Another county with a grid of the same code.
wg -C "$K" init county --name 别县 --code 330103
wg -C "$K" grid add --code G01 --name 一网格 --township 东乡
ok_=$("$WANGGE" -C "$K" officer add --name 外人 --grid G01 | tail -n 1)
wg -C "$K" entity add --grid G01 --category D211 --name 别处诊所
wg -C "$K" enroll --grid G01 --officer "$ok_" -o "$X/enroll-k.bundle"
wg -C "$KA" init officer --from "$X/enroll-k.bundle"
register_key "$K" "$KA"
wg -C "$KA" entity add --grid G01 --category D211 --name 别处药店
wg -C "$KA" export --plain -o "$X/other-county.bundle"

# Damaged copies of a2.
size=$(wc -c <"$X/a2.bundle")
head -c $((size - 40)) "$X/a2.bundle" >"$X/truncated.bundle"
python3 - "$X" <<'EOF'
import sys
d = sys.argv[1]
b = open(d + "/a2.bundle", "rb").read()
pack = b.index(b"\n\nPACK") + 2
head = b[:pack]
flip = bytearray(b)
flip[pack + 40] ^= 0x20
open(d + "/flipped.bundle", "wb").write(flip)
open(d + "/v3.bundle", "wb").write(b"# v3 git bundle\n@object-format=sha1\n@filter=blob:none\n" + b[len(b"# v2 git bundle\n"):])
open(d + "/no-pack.bundle", "wb").write(head)
open(d + "/outside.bundle", "wb").write(b.replace(b" refs/heads/grid/G01\n", b" refs/heads/common\n"))
open(d + "/dotdot.bundle", "wb").write(b.replace(b" refs/heads/grid/G01\n", b" refs/heads/grid/G..1\n"))
open(d + "/control.bundle", "wb").write(b.replace(b" refs/heads/grid/G01\n", b" refs/heads/grid/G\x01\n"))
open(d + "/not-a-bundle.bundle", "wb").write(b"hello, this is a letter\n")
open(d + "/empty.bundle", "wb").write(b"")
EOF

# Let SQLite fold its write-ahead log in so snapshots compare stable files.
"$WANGGE" -C "$W" check >/dev/null
"$WANGGE" -C "$A" check >/dev/null
before=$(snapshot "$W")

refuse() { # refuse DESCRIPTION MESSAGE-FRAGMENT FILE...
	desc=$1 frag=$2
	shift 2
	expect_rc 2 "$desc" "$WANGGE" -C "$W" import "$@"
	contains "$err" "$frag" "  message: $frag"
	if [ "$(snapshot "$W")" = "$before" ]; then ok "  workspace unchanged"; else not_ok "  workspace changed"; fi
}

refuse "truncated file" "damaged or incomplete" "$X/truncated.bundle"
refuse "one flipped byte in the pack" "damaged or incomplete" "$X/flipped.bundle"
refuse "not a bundle at all" "is not a bundle" "$X/not-a-bundle.bundle"
refuse "v3 with an unknown capability" "capability \"filter=blob:none\"" "$X/v3.bundle"
refuse "a ref outside the sender's grid" "only the branch of its own grid" "$X/outside.bundle"
refuse "a ref name with .." "invalid name" "$X/dotdot.bundle"
refuse "a ref name with a control byte" 'invalid name: "refs/heads/grid/G\x01"' "$X/control.bundle"
refuse "a record file that does not parse" "record entity/" "$X/garbage.bundle"
refuse "a record of another grid" "belongs to grid G02" "$X/other-grid.bundle"
refuse "a forged author" "not an officer registered for grid G01" "$X/forged.bundle"
refuse "a field that can never change" "cannot change once set" "$X/county-field.bundle"
refuse "a change to a signed inspection" "is signed and cannot be changed" "$X/signed.bundle"
refuse "a bundle for another county" "another county" "$X/other-county.bundle"
refuse "an empty file" "is empty" "$X/empty.bundle"
refuse "a 0-byte pack" "pack is missing" "$X/no-pack.bundle"
refuse "prerequisites missing" "import a2.bundle first" "$X/a3.bundle"
refuse "all or nothing: a good bundle with a bad one" "damaged or incomplete" "$X/a2.bundle" "$X/truncated.bundle"
refuse "a file that does not exist" "cannot read" "$X/nothing-here.bundle"

# The officer's side.
before=$(snapshot "$A")
expect_rc 2 "an officer refuses another grid's bundle" "$WANGGE" -C "$A" import "$X/to-g02.bundle"
contains "$err" "holds grid G01 only" "  message names the grid"
if [ "$(snapshot "$A")" = "$before" ]; then ok "  officer workspace unchanged"; else not_ok "  officer workspace changed"; fi
before=$(snapshot "$A")
expect_rc 2 "an officer refuses another county's bundle" "$WANGGE" -C "$A" import "$X/enroll-k.bundle"
contains "$err" "another county" "  message says so"
if [ "$(snapshot "$A")" = "$before" ]; then ok "  officer workspace unchanged"; else not_ok "  officer workspace changed"; fi
expect_rc 2 "init officer from a bundle that is not an enrollment" "$WANGGE" -C "$TEST_TMP/new" init officer --from "$X/a2.bundle"
contains "$err" "not an enrollment bundle" "  message says so"
check "  and leaves no folder behind" test ! -e "$TEST_TMP/new"

# A lost bundle: --full needs nothing earlier.
expect_rc 0 "export --full when a bundle was lost" "$WANGGE" -C "$A" export --plain --full -o "$X/a-full.bundle"
check "  it has no prerequisites" test "$(sed -n 2p "$X/a-full.bundle" | cut -c1)" != -

# After all that: the full bundle stands in for the two the county lacks.
expect_rc 0 "the full bundle imports without the earlier ones" "$WANGGE" -C "$W" import "$X/a-full.bundle"
contains "$out" "a-full.bundle: added 0, changed 1" "  the entity arrives in its last state"
expect_rc 0 "the earlier bundles then bring nothing new" "$WANGGE" -C "$W" import "$X/a2.bundle" "$X/a3.bundle"
contains "$out" "a3.bundle: already imported" "  and say so"

done_testing
