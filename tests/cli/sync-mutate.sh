#!/bin/sh
# A seeded mutation test of what an import reads: 1,100 mutants of one good
# officer bundle (tests/hostile/mutate.py), each refused with exit 2 and one
# clear Chinese message, the county's workspace byte for byte as before, and
# stock git fsck --strict clean on its history afterwards. WANGGE_MUTATE_SEED
# and WANGGE_MUTATE_COUNT change the seed and the number of cases.
. "${top_srcdir:-.}/tests/lib.sh"

GIT=${GIT:-git}
if ! command -v "$GIT" >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP stock git and python3 are needed"
	exit 0
fi
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
	echo "1..0 # SKIP the zh_CN.UTF-8 locale is needed (.ci/install-deps makes it)"
	exit 0
fi
W=$TEST_TMP/county
A=$TEST_TMP/officer
X=$TEST_TMP/bundles
mkdir -p "$X"
WANGGE_NOW=2026-11-20T01:00:00Z
export WANGGE_NOW
q() { "$WANGGE" "$@" >/dev/null; }

q -C "$W" init county --name 示范县 --code 330102
q -C "$W" grid add --code G01 --name 一网格 --township 中山乡
oa=$("$WANGGE" -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
e1=$("$WANGGE" -C "$W" entity add --grid G01 --category D211 --name 中山诊所 | tail -n 1)
q -C "$W" enroll --grid G01 --officer "$oa" -o "$X/enroll.bundle"
q -C "$A" init officer --from "$X/enroll.bundle"
register_key "$W" "$A"
q -C "$A" entity set "$e1" phone=13800138000
q -C "$A" entity add --grid G01 --category D211 --name 新开诊所
insp=$("$WANGGE" -C "$A" inspection start --entity "$e1" | tail -n 1)
for n in 1 2 3; do q -C "$A" inspection record "$insp" PC0$n pass; done
q -C "$A" export --plain -o "$X/good.bundle"
q -C "$W" check

python3 "${top_srcdir:-.}/tests/hostile/mutate.py" "$WANGGE" "$W" "$X/good.bundle" "$X" \
	"${WANGGE_MUTATE_SEED:-14}" "${WANGGE_MUTATE_COUNT:-1100}" >"$TEST_TMP/mutate.out"
check "the mutation run finished" test $? -eq 0
while IFS= read -r line; do
	case $line in
	PASS\ *) ok "${line#PASS }" ;;
	FAIL\ *) not_ok "${line#FAIL }" ;;
	*) echo "$line" ;;
	esac
done <"$TEST_TMP/mutate.out"
check "git fsck --strict passes on the county's history after them all" \
	"$GIT" --git-dir="$W/history.git" fsck --strict --no-progress
expect_rc 0 "the good bundle itself imports" "$WANGGE" -C "$W" import "$X/good.bundle"
check "  and git fsck --strict still passes" "$GIT" --git-dir="$W/history.git" fsck --strict --no-progress

done_testing
