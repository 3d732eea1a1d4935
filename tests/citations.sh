#!/bin/sh
# Legal citations hold: every article number that the shipped checklists
# (data/checklists/*.txt, field 7), the discretion standard
# (data/rules/discretion, field 6) and the program's sources cite is listed in
# data/checklists/SOURCES with the stored text it was verified against. A
# basis that names a law without an article number needs no entry; one whose
# number is unverified says so with 条款待核 and carries no number. Every
# entry of SOURCES is used and names its source. In src and in the comments of
# data/rules/discretion, "art. N" is always the 行政处罚法 (2021): the cases
# are the only code that cites articles. Prints TAP.
# Usage: citations.sh [SRCDIR]

top=${1:-${top_srcdir:-.}}
sources=$top/data/checklists/SOURCES
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
not_ok() {
	n=$((n + 1))
	fails=$((fails + 1))
	echo "not ok $n - $1"
}

# cites FILE FIELD: "FILE:LINE 《LAW》第N条" for every article FIELD cites,
# and "FILE:LINE bad TEXT" for a basis that has a number and 条款待核 at once.
cites() {
	awk -v field="$2" -v name="$1" '
		/^#/ || /^@/ { next }
		{
			nf = split($0, f, / \| /)
			if (nf < field) next
			basis = f[field]
			rest = basis
			while ((i = index(rest, "《")) > 0) {
				rest = substr(rest, i)
				j = index(rest, "》")
				if (j == 0) break
				law = substr(rest, 1, j + length("》") - 1)
				rest = substr(rest, j + length("》"))
				k = index(rest, "《")
				seg = k ? substr(rest, 1, k - 1) : rest
				has = 0
				s = seg
				while (match(s, /第(一|二|三|四|五|六|七|八|九|十|百|零)+条/)) {
					print name ":" FNR " " law substr(s, RSTART, RLENGTH)
					s = substr(s, RSTART + RLENGTH)
					has = 1
				}
				if (has && index(seg, "条款待核"))
					print name ":" FNR " bad " law seg
			}
		}' "$top/$1"
}

# The articles of the 行政处罚法 that src and the discretion standard cite as
# "art. N", as SOURCES writes them.
messages() {
	(cd "$top" && grep -rnoE 'art\. [0-9]+' src data/rules/discretion) |
		awk '
		function cn(n,   u, t, r) {
			split("一 二 三 四 五 六 七 八 九", u, " ")
			if (n < 10) return u[n]
			if (n < 20) return "十" (n % 10 ? u[n % 10] : "")
			if (n < 100) return u[int(n / 10)] "十" (n % 10 ? u[n % 10] : "")
			r = n - 100 * int(n / 100)
			t = u[int(n / 100)] "百"
			if (r == 0) return t
			if (r < 10) return t "零" u[r]
			return t u[int(r / 10)] "十" (r % 10 ? u[r % 10] : "")
		}
		{
			split($0, p, ":")
			num = $0
			sub(/.*art\. /, "", num)
			print p[1] ":" p[2] " 《行政处罚法》第" cn(num + 0) "条"
		}'
}

# check CITES: TAP for each unverified citation in the file CITES.
check() {
	awk -v sources="$sources" '
		FILENAME == sources {
			if ($0 ~ /^《/) { split($0, s, / \| /); listed[s[1]] = 1 }
			next
		}
		$2 == "bad" { print "bad " $0; next }
		!($2 in listed) { print "unlisted " $0 }
	' "$sources" "$1"
}

for f in $(cd "$top" && ls data/checklists/*.txt); do
	cites "$f" 7
done >"$tmp/cites"
cites data/rules/discretion 6 >>"$tmp/cites"
messages >>"$tmp/cites"

if [ "$(wc -l <"$tmp/cites")" -ge 100 ]; then
	ok "the checklists, the discretion standard and the sources cite articles ($(wc -l <"$tmp/cites"))"
else
	not_ok "the checklists, the discretion standard and the sources cite articles (only $(wc -l <"$tmp/cites"): the patterns no longer match)"
fi

check "$tmp/cites" >"$tmp/bad"
if [ -s "$tmp/bad" ]; then
	not_ok "every cited article is verified in SOURCES or marked 条款待核"
	sed 's/^/# /' "$tmp/bad"
else
	ok "every cited article is verified in SOURCES or marked 条款待核"
fi

# every entry of SOURCES is used and names where it was verified
awk -v cites="$tmp/cites" '
	FILENAME == cites { used[$2] = 1; next }
	/^《/ {
		split($0, s, / \| /)
		if (!(s[1] in used)) print "unused: " $0
		if (s[2] !~ /^https?:\/\/[^ ]+$/ || s[3] == "") print "no source: " $0
		if (seen[s[1]]++) print "twice: " $0
	}
	/^[^#《]/ && $0 != "" { print "not an entry: " $0 }
' "$tmp/cites" "$sources" >"$tmp/unused"
if [ -s "$tmp/unused" ]; then
	not_ok "every entry of SOURCES is used, once, with its source"
	sed 's/^/# /' "$tmp/unused"
else
	ok "every entry of SOURCES is used, once, with its source"
fi

# the check itself fails on an unlisted article and on a numbered 条款待核
mkdir -p "$tmp/t/data/checklists"
cp "$sources" "$tmp/t/data/checklists/SOURCES"
cat >"$tmp/t/data/checklists/x.txt" <<'EOF'
X1 | - | - | - | 内容 | label | 《医疗机构管理条例》第二十四条、第九十九条
X2 | - | - | - | 内容 | label | 《价格法》、《护士条例》第七条（条款待核）
X3 | - | - | - | 内容 | label | 《医疗废物管理条例》（条款待核）、《护士条例》第七条
EOF
(top=$tmp/t sources=$tmp/t/data/checklists/SOURCES && cites data/checklists/x.txt 7) >"$tmp/t/cites"
sources=$sources check "$tmp/t/cites" >"$tmp/t/bad"
if grep -q '^unlisted .*x.txt:1 《医疗机构管理条例》第九十九条$' "$tmp/t/bad" &&
	grep -q '^bad .*x.txt:2 bad 《护士条例》' "$tmp/t/bad" &&
	[ "$(wc -l <"$tmp/t/bad")" -eq 2 ]; then
	ok "an unlisted article and a numbered 条款待核 are reported, nothing else"
else
	not_ok "an unlisted article and a numbered 条款待核 are reported, nothing else"
	sed 's/^/# /' "$tmp/t/bad"
fi

echo "1..$n"
[ "$fails" -eq 0 ]
