# Shared helpers for the shell scenario tests; they speak TAP.
# Each test runs in a throwaway HOME, never the user's own.
set -u

: "${WANGGE:?WANGGE must name the wangge binary (make check sets it)}"
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/wangge-test.XXXXXX")
trap 'rm -rf "$TEST_TMP"' EXIT
HOME=$TEST_TMP/home
XDG_DATA_HOME=$HOME/.local/share
export HOME XDG_DATA_HOME
unset WANGGE_DIR
mkdir -p "$HOME"
# Pin the environment: English messages unless a test asks for Chinese.
LC_ALL=C.UTF-8
LANGUAGE=
TZ=UTC
export LC_ALL LANGUAGE TZ
# Every test runs on a pinned clock: the caller's WANGGE_NOW (`make check-dates`
# runs the date-sensitive scripts at several dates), else this one. A script
# that needs another date sets its own; a test that needs the real time unsets
# it for that command and says "real clock" in its name.
WANGGE_NOW=${WANGGE_NOW:-2026-11-22T12:00:00Z}
export WANGGE_NOW
# Messages come from the build tree's catalogues when a test asks for zh_CN.
if [ -n "${top_builddir:-}" ] && [ -d "$top_builddir/po/locale" ]; then
	WANGGE_LOCALEDIR=$top_builddir/po/locale
	export WANGGE_LOCALEDIR
fi

tap_n=0
tap_failed=0

# The program under test.
wg() { "$WANGGE" "$@"; }

# need_stock_git: skip the whole test unless stock git (GIT, or git) is
# here to check what wangge writes; it is a test dependency only.
need_stock_git() {
	GIT=${GIT:-git}
	if ! command -v "$GIT" >/dev/null 2>&1; then
		echo "1..0 # SKIP stock git is needed to verify what wangge writes"
		exit 0
	fi
}

# Stock age (Debian's age) opens what wangge seals: a test dependency.
need_age() {
	AGE=${AGE:-age}
	if ! command -v "$AGE" >/dev/null 2>&1; then
		echo "1..0 # SKIP stock age is needed to open the bundles wangge seals"
		exit 0
	fi
}

# opened BUNDLE WORKSPACE: the bundle as stock git reads it, opened with stock
# age and the workspace's key as an OpenSSH key file when wangge sealed it
# (prints the path of the plain copy; a plain bundle's own path).
opened() {
	if [ "$(head -c 19 "$1")" != "age-encryption.org/" ]; then
		printf '%s\n' "$1"
		return 0
	fi
	_op_key=$(ssh_key "$2") || return 1
	_op_out=$TEST_TMP/opened-$(printf %s "$1" | cksum | cut -d' ' -f1).bundle
	"${AGE:-age}" -d -i "$_op_key" -o "$_op_out" "$1" || return 1
	printf '%s\n' "$_op_out"
}

ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $*"
}

not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $*"
}

diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# run CMD...: runs, keeping stdout in $out, stderr in $err, status in $rc.
run() {
	"$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	out=$(cat "$TEST_TMP/out")
	err=$(cat "$TEST_TMP/err")
}

# expect_rc WANT DESCRIPTION CMD...: the command exits with WANT.
expect_rc() {
	want=$1
	desc=$2
	shift 2
	run "$@"
	if [ "$rc" -eq "$want" ]; then
		ok "$desc"
	else
		not_ok "$desc (exit $rc, wanted $want)"
		diag "stdout: $out" "stderr: $err"
	fi
}

# contains HAYSTACK NEEDLE DESCRIPTION
contains() {
	case $1 in
	*"$2"*) ok "$3" ;;
	*) not_ok "$3"; diag "missing: $2" "in: $1" ;;
	esac
}

lacks() {
	case $1 in
	*"$2"*) not_ok "$3"; diag "unexpected: $2" ;;
	*) ok "$3" ;;
	esac
}

# snapshot DIR: a digest of every file's bytes, to prove "nothing changed".
snapshot() {
	(cd "$1" && find . -type f ! -name lock ! -name '*-shm' -print0 | LC_ALL=C sort -z |
		xargs -0 sha256sum) | sha256sum
}

# The fixture of many screen tests: a county ($W) with one grid, G01, its
# officer ($oa) and one clinic, and that officer's workspace ($A), enrolled
# from the county's bundle.
one_grid_officer() {
	W=$TEST_TMP/county
	A=$TEST_TMP/officer
	wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
	wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
	oa=$(wg -C "$W" officer add --name 张三 --grid G01 | tail -n 1)
	wg -C "$W" entity add --grid G01 --category D211 --name 中山诊所 >/dev/null
	wg -C "$W" enroll --grid G01 --officer "$oa" -o "$TEST_TMP/enroll.bundle" >/dev/null
	wg -C "$A" init officer --from "$TEST_TMP/enroll.bundle" >/dev/null
}

# register_key COUNTY OFFICER-WORKSPACE: the county registers the officer's
# signing key, as the clerk does after comparing the fingerprint in person.
register_key() {
	"$WANGGE" -C "$2" key export -o "$TEST_TMP/officer-key.pub" >/dev/null || return 1
	_rk_words=$("$WANGGE" -C "$2" key show | sed -n '1s/.*: //p')
	_rk_who=$(cut -d' ' -f3 "$TEST_TMP/officer-key.pub" | cut -d@ -f1)
	"$WANGGE" -C "$1" officer key add "$_rk_who" --key-file "$TEST_TMP/officer-key.pub" \
		--fingerprint "$_rk_words" >/dev/null
}

# ssh_key WORKSPACE: the workspace's signing key as an OpenSSH private key
# file (prints its path), for stock git to sign with as an officer could by
# hand: git -c gpg.format=ssh -c user.signingkey=FILE commit -S.
ssh_key() {
	_sk=$TEST_TMP/ssh-key-$(printf %s "$1" | cksum | cut -d' ' -f1)
	"$WANGGE" -C "$1" key export -o "$_sk.pub" >/dev/null &&
		python3 "${top_srcdir:-.}/tests/hostile/ssh-key.py" "$1/signing.key" "$_sk.pub" "$_sk" &&
		printf '%s\n' "$_sk"
}

# The last line of the output (every add prints the new id last).
last_line() {
	printf '%s\n' "$out" | tail -n 1
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
