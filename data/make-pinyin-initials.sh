#!/bin/sh
# Derive data/pinyin-initials.txt from Unicode's Unihan kMandarin readings
# (Debian package unicode-data: /usr/share/unicode/Unihan_Readings.txt.bz2).
# For each code point U+3400..U+9FFF the table holds the first letter of its first
# (most common) Mandarin reading, or "." when Unihan gives none. Lines hold 64
# code points: "<first code point in hex> <64 letters>".
# Usage: data/make-pinyin-initials.sh [Unihan_Readings.txt.bz2] > data/pinyin-initials.txt
set -eu
src=${1:-/usr/share/unicode/Unihan_Readings.txt.bz2}
[ -r "$src" ] || { echo "cannot read $src (apt-get install unicode-data)" >&2; exit 1; }
version=$(bzcat "$src" | sed -n "s/^# Unicode version: //p" | head -n 1)
bzcat "$src" | LC_ALL=C awk -v version="$version" '
BEGIN { first = 13312; last = 40959 }          # U+3400 .. U+9FFF
$2 == "kMandarin" {
	cp = 0; hex = substr($1, 3)
	for (i = 1; i <= length(hex); i++)
		cp = cp * 16 + index("0123456789ABCDEF", substr(hex, i, 1)) - 1
	if (cp < first || cp > last) next
	# The reading is ASCII in its first letter except for the rare initial vowels
	# with tone marks (a e o): map their UTF-8 lead bytes by the second byte.
	c = substr($3, 1, 1)
	if (c !~ /[a-z]/) {
		b = substr($3, 1, 2)
		if (b ~ /^(ā|á|ǎ|à)/) c = "a"
		else if (b ~ /^(ē|é|ě|è|ê)/) c = "e"
		else if (b ~ /^(ō|ó|ǒ|ò)/) c = "o"
		else next
	}
	letter[cp] = c
}
END {
	print "# wangge pinyin initials: first letter of the first kMandarin reading"
	print "# Derived by data/make-pinyin-initials.sh from Unihan_Readings.txt, Unicode " version
	print "# Unicode Character Database, (c) Unicode, Inc., Unicode License v3."
	for (start = first; start <= last; start += 64) {
		line = sprintf("%04X ", start)
		for (cp = start; cp < start + 64; cp++)
			line = line ((cp in letter) ? letter[cp] : ".")
		print line
	}
}'
