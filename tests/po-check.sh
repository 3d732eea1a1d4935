#!/bin/sh
# Every source file with translatable strings must be listed in po/POTFILES.in,
# or its strings silently stay English (after GNU hello's po-check).
n=0
fail=0
cd "${top_srcdir:-.}" || exit 1
for f in $(grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|ngettext)\(' src --include='*.c' | LC_ALL=C sort); do
	n=$((n + 1))
	if grep -qxF "$f" po/POTFILES.in; then
		echo "ok $n - $f is in po/POTFILES.in"
	else
		echo "not ok $n - $f has translatable strings but is missing from po/POTFILES.in"
		fail=1
	fi
done
for f in $(grep -v '^#' po/POTFILES.in); do
	n=$((n + 1))
	if [ -f "$f" ]; then
		echo "ok $n - $f listed in POTFILES.in exists"
	else
		echo "not ok $n - $f is listed in po/POTFILES.in but does not exist"
		fail=1
	fi
done
echo "1..$n"
exit $fail
