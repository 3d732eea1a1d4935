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
# No English inside Chinese: a translation may hold commands, options,
# directives, format codes and literal values (in “”), never English prose
# ("低风险 low risk", "high risk（较高风险）"). After taking those out, two
# English words in a row, or an English word against a Chinese bracket, is
# a mixed string.
mixed=$(msgcat --no-wrap po/zh_CN.po | sed -n 's/^msgstr[^"]*"\(.*\)"$/\1/p' | LC_ALL=C.UTF-8 sed -E \
	-e 's/“[^”]*”//g' \
	-e 's/wangge( -C [^ ]+)?( [a-z][a-z-]*)*//g' -e 's/git [a-z-]+//g' \
	-e 's/export [A-Z_]+=[^ ，。）]*//g' -e 's/dpkg-reconfigure [a-z]+//g' \
	-e 's/apt-get install( +(-{0,2}[a-z0-9][a-z0-9.+-]*|%s))+//g' \
	-e 's/--[a-z][a-z-]*//g' -e 's/@[a-z][a-z-]*//g' -e 's/%[-+ 0-9.$]*[a-zA-Z<>0-9]+//g' \
	-e 's/\\[nt]//g' |
	LC_ALL=C.UTF-8 grep -E '[A-Za-z]{3,} [A-Za-z]{3,}|(^|[^A-Za-z])[a-z]{3,}（|）[a-z]{3,}')
n=$((n + 1))
if [ -z "$mixed" ]; then
	echo "ok $n - no translation mixes English prose into Chinese"
else
	echo "not ok $n - translations that mix English prose into Chinese:"
	printf '%s\n' "$mixed" | sed 's/^/# /'
	fail=1
fi
echo "1..$n"
exit $fail
