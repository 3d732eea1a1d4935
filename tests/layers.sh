#!/bin/sh
# The layers keep apart. Every file under src/ lives in the folder of its layer,
#   util < store < history < sync < domain < desk < demo < tui, cli
# (src/tui/screens is part of tui; src/main.c, above them all, joins tui and cli).
# A file may include headers of its own layer or of lower ones only; tui and cli
# do not include each other. A module (x.c with x.h) may not depend on itself
# through others: the include graph between modules has no cycle. Every header
# has an include guard of its own (paint.h and draw.h once shared one).
#
# Usage: layers.sh [SRCDIR]   (default: $top_srcdir/src). Prints TAP.
# Without SRCDIR it also checks that it refuses a tree that breaks the rules.

src=${1:-${top_srcdir:-.}/src}
[ -d "$src" ] || { echo "1..0 # SKIP no source folder $src"; exit 0; }

check() {
	(cd "$1" && find . -name '*.[ch]' | sed 's|^\./||' | LC_ALL=C sort |
	while read -r f; do
		grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
		sed "s|^\([0-9]*\):[^\"]*\"\([^\"]*\)\".*|$f \1 \2|"
		case $f in *.h)
			g=$(sed -n 's/^#ifndef \([A-Za-z0-9_]*\)$/\1/p' "$f" | head -n 1)
			echo "$f 0 =$g" ;;
		esac
		echo "$f 0 -"
	done) |
	awk -v start="${2:-1}" '
	function layer(p,   d) {
		if (p !~ /\//) return "main"
		d = p; sub(/\/.*/, "", d)
		return d
	}
	function module(p) { sub(/\.[ch]$/, "", p); return p }
	# 0 when the layer is unknown
	function rank(l) { return (l in ranks) ? ranks[l] : 0 }
	function ok(cond, msg) {
		n++
		if (cond) print "ok " n " - " msg
		else { print "not ok " n " - " msg; fail = 1 }
	}
	# Depth-first search; on a back edge, remember the cycle once.
	function visit(m,   i, t, k) {
		state[m] = 1
		stack[++depth] = m
		for (i = 1; i <= ndeps[m]; i++) {
			t = dep[m, i]
			if (state[t] == 1) {
				for (k = depth; k > 0 && stack[k] != t; k--) ;
				cyc = t
				for (k = k + 1; k <= depth; k++) cyc = cyc " -> " stack[k]
				cycles[++ncycles] = cyc " -> " t
			} else if (state[t] == 0)
				visit(t)
		}
		depth--
		state[m] = 2
	}
	BEGIN {
		split("util store history sync domain desk demo tui cli main", order, " ")
		for (i = 1; i <= 10; i++) ranks[order[i]] = i
		ranks["cli"] = ranks["tui"]
		ranks["main"] = ranks["tui"] + 1
		n = start - 1
	}
	{
		file = $1; line = $2; inc = $3
		if (!(file in seen)) { seen[file] = 1; files[++nfiles] = file }
		if (inc == "-") next
		if (inc ~ /^=/) { guard[file] = substr(inc, 2); next }
		incs[file, ++nincs[file]] = line " " inc
	}
	END {
		for (i = 1; i <= nfiles; i++) {
			f = files[i]; b = f; sub(/.*\//, "", b)
			if (b in byname) dup = dup " " byname[b] " and " f
			else byname[b] = f
		}
		ok(dup == "", "no two files under src share a name" (dup == "" ? "" : ":" dup))
		for (i = 1; i <= nfiles; i++) {
			f = files[i]
			if (f !~ /\.h$/) continue
			g = guard[f]
			if (g == "") noguard = noguard " " f
			else if (g in byguard) dupguard = dupguard " " byguard[g] " and " f
			else byguard[g] = f
		}
		ok(noguard == "" && dupguard == "", "every header has an include guard of its own" \
		   (noguard == "" ? "" : "; none in" noguard) (dupguard == "" ? "" : "; the same in" dupguard))
		for (i = 1; i <= nfiles; i++) {
			f = files[i]
			l = layer(f)
			bad = ""
			if (rank(l) == 0) bad = "; " l " is no layer"
			for (j = 1; j <= nincs[f]; j++) {
				split(incs[f, j], a, " ")
				inc = a[2]; t = ""
				dir = f; if (dir ~ /\//) sub(/\/[^\/]*$/, "", dir); else dir = ""
				if ((dir == "" ? inc : dir "/" inc) in seen) t = (dir == "" ? inc : dir "/" inc)
				else if (inc in seen) t = inc
				else if (inc !~ /\// && (inc in byname)) t = byname[inc]
				if (t == "") { bad = bad "; line " a[1] ": \"" inc "\" is no file under src"; continue }
				tl = layer(t)
				if (rank(tl) > rank(l) || (tl != l && rank(tl) == rank(l)))
					bad = bad "; line " a[1] ": includes " t " of layer " tl
				fm = module(f); tm = module(t)
				if (fm != tm && !((fm, tm) in edge)) {
					edge[fm, tm] = 1
					dep[fm, ++ndeps[fm]] = tm
				}
				if (!(fm in isnode)) { isnode[fm] = 1; nodes[++nnodes] = fm }
				if (!(tm in isnode)) { isnode[tm] = 1; nodes[++nnodes] = tm }
			}
			ok(bad == "", f ": includes from layer " l " or lower ones only" bad)
		}
		for (i = 1; i <= nnodes; i++)
			if (state[nodes[i]] == 0) visit(nodes[i])
		cyc = ""
		for (i = 1; i <= ncycles; i++) cyc = cyc (i > 1 ? "; " : ": ") cycles[i]
		ok(ncycles == 0, "the include graph between modules has no cycle" cyc)
		print "# " n
		exit fail
	}'
}

# The real tree.
out=$(check "$src")
status=$?
printf '%s\n' "$out" | grep -v '^# '
n=$(printf '%s\n' "$out" | sed -n 's/^# //p' | tail -n 1)

if [ $# -eq 0 ]; then
	# A tree that breaks every rule once must be refused on each count.
	tmp=$(mktemp -d) || exit 1
	trap 'rm -rf "$tmp"' EXIT
	mkdir -p "$tmp/util" "$tmp/store" "$tmp/tui" "$tmp/cli" "$tmp/odd"
	printf '#include "db.h"\n' >"$tmp/util/strbuf.c"          # upward
	printf '#include "strbuf.h"\n' >"$tmp/util/strbuf.h"
	printf '#include "db.h"\n' >"$tmp/store/b.h"              # db -> b -> db
	printf '#include "cli.h"\n' >"$tmp/tui/tui.c"              # sideways
	printf '#include "nothere.h"\n' >"$tmp/cli/cli.h"          # unresolved
	printf '\n' >"$tmp/odd/x.c"                                 # no layer
	printf '#ifndef G\n' >"$tmp/cli/b.h"                        # a name twice
	printf '#ifndef G\n#include "strbuf.h"\n#include "b.h"\n' >"$tmp/store/db.h"  # a guard twice
	bad=$(check "$tmp" $((n + 1)))
	refused=$?
	m=$((n + 1))
	want="util/strbuf.c: includes from layer util or lower ones only; line 1: includes store/db.h of layer store
tui/tui.c: includes from layer tui or lower ones only; line 1: includes cli/cli.h of layer cli
cli/cli.h: includes from layer cli or lower ones only; line 1: \"nothere.h\" is no file under src
odd/x.c: includes from layer odd or lower ones only; odd is no layer
no two files under src share a name: cli/b.h and store/b.h
every header has an include guard of its own; none in cli/cli.h store/b.h util/strbuf.h; the same in cli/b.h and store/db.h
store/b -> store/db -> store/b"
	missing=$(printf '%s\n' "$want" | while read -r w; do
		printf '%s\n' "$bad" | grep -qF "not ok" || { echo "$w"; continue; }
		printf '%s\n' "$bad" | grep '^not ok' | grep -qF -- "$w" || echo "$w"
	done)
	if [ "$refused" -ne 0 ] && [ -z "$missing" ]; then
		echo "ok $m - the check refuses a tree that breaks each rule"
	else
		echo "not ok $m - the check refuses a tree that breaks each rule"
		printf '%s\n' "$bad" | grep -v '^# ' | sed 's/^/# /'
		printf '%s\n' "$missing" | sed 's/^/# missed: /'
		status=1
	fi
	n=$m
fi
echo "1..$n"
exit $status
