#!/bin/sh
# Benchmarks on the demo counties ("make bench", never "make check"; issue 17).
#
# The large demo county (demo --size large --seed 7: 100,000 entities, 1.2 M
# tasks, 1.2 M inspections) and the small one are built once per seed and kept
# in $BENCH_CACHE (default $TMPDIR/wangge-bench-demo), with one officer's
# workspace each; a cache that this build cannot open is built again. Every
# number is reported with a baseline measured in the same run:
#   wangge --version          process start (dynamic linking, locale);
#   the sqlite3 CLI           the first screen's first query, on its own;
#   stock git                 bundle create and fetch from a bundle;
#   the small county          the same import on 2,000 entities.
# Times are medians of BENCH_RUNS runs (default 11); where wall time is noisy
# (a shared machine) the instruction count (callgrind) is given too. A budget
# missed (tests/bench/budgets.sh) makes the exit status 1. Run it from a plain
# build (./configure CFLAGS=-O2): the sanitizers multiply every time.
set -u
: "${WANGGE:?}" "${top_srcdir:?}"
. "$top_srcdir/tests/bench/budgets.sh"
SEED=${BENCH_SEED:-7}
RUNS=${BENCH_RUNS:-11}
CACHE=${BENCH_CACHE:-${TMPDIR:-/tmp}/wangge-bench-demo}
GIT=${GIT:-git}
SQLITE3=${SQLITE3:-sqlite3}
export LC_ALL=C.UTF-8 TERM=xterm LINES=24 COLUMNS=80
WANGGE_NOW="${WANGGE_NOW:-2026-11-22T12:00:00Z}"
export WANGGE_NOW
fail=0
mkdir -p "$CACHE" || exit 1
T=$(mktemp -d "${TMPDIR:-/tmp}/wangge-bench.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT

ms_now() { date +%s%N; }

# median_ms CMD...: median wall time of RUNS runs, in milliseconds.
median_ms() {
	i=0
	: >"$T/times"
	while [ "$i" -lt "$RUNS" ]; do
		t0=$(ms_now)
		"$@" >/dev/null 2>&1 </dev/null
		t1=$(ms_now)
		echo $(( (t1 - t0) / 1000 )) >>"$T/times"
		i=$((i + 1))
	done
	sort -n "$T/times" | awk -v n="$RUNS" 'NR == int(n / 2) + 1 { printf "%.1f", $1 / 1000 }'
}

# peak_mb CMD...: peak memory (max RSS) of one run, in MB.
peak_mb() {
	/usr/bin/time -f '%M' -o "$T/rss" "$@" >/dev/null 2>&1 </dev/null
	awk '{ v = $1 } END { printf "%.1f", v / 1024 }' "$T/rss"
}

# minstr CMD...: millions of instructions of one run (callgrind), or "-".
# (variables for the program go in the environment of the caller: valgrind
# would measure env(1), not what it runs)
minstr() {
	if ! command -v valgrind >/dev/null; then
		echo -
		return
	fi
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null </dev/null |
		sed -n 's/.*Collected : //p' | awk '{ printf "%.1f", $1 / 1e6 }'
}

judge() { # judge NAME VALUE LIMIT UNIT [BASELINE-TEXT]
	if awk -v v="$2" -v l="$3" 'BEGIN { exit !(v != "-" && v + 0 <= l + 0) }'; then
		verdict=PASS
	else
		verdict=FAIL
		fail=1
	fi
	printf '%s %s: %s %s (budget %s %s)%s\n' "$verdict" "$1" "$2" "$4" "$3" "$4" "${5:+; $5}"
}

report() { # report NAME VALUE UNIT [BASELINE-TEXT]: a number without a budget
	printf 'INFO %s: %s %s%s\n' "$1" "$2" "$3" "${4:+; $4}"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

# ---- the counties, built once per seed ----

# county SIZE: the cached county's folder; built (and an officer enrolled,
# timed: the county's first history commit is part of it) when missing.
county() {
	d=$CACHE/$1-$SEED
	if [ -f "$d/wangge.db" ] && [ -f "$d/enroll.txt" ] &&
		"$WANGGE" -C "$d" grid list >"$T/grids" 2>/dev/null; then
		echo "$d"
		return
	fi
	rm -rf "$d"
	echo "building the $1 demo county (seed $SEED) in $d..." >&2
	t0=$(ms_now)
	"$WANGGE" demo --no-ui --size "$1" --seed "$SEED" --dir "$d" >"$T/build" 2>&1 ||
		{ cat "$T/build" >&2; exit 1; }
	echo "  built in $(( ($(ms_now) - t0) / 1000000 )) ms" >&2
	"$WANGGE" -C "$d" grid list >"$T/grids" || exit 1
	grid=$(sed -n '2s/ .*//p' "$T/grids")
	t0=$(ms_now)
	/usr/bin/time -f '%M %U %S' -o "$T/rss" "$WANGGE" demo --no-ui --dir "$d" \
		--role "officer:$grid" >/dev/null 2>&1 </dev/null || { echo "enroll failed" >&2; exit 1; }
	# grid, wall ms, peak KiB, CPU seconds
	echo "$grid $(( ($(ms_now) - t0) / 1000000 )) $(awk '{ print $1, $2 + $3 }' "$T/rss")" \
		>"$d/enroll.txt"
	echo "$d"
}

LARGE=$(county large) || exit 1
SMALL=$(county small) || exit 1
echo "large county: $LARGE; small county: $SMALL"

# ---- process start: the baseline of every time below ----
base=$(median_ms "$WANGGE" --version)
base_ir=$(minstr "$WANGGE" --version)
report "baseline: wangge --version" "$base" ms "$base_ir M instructions"

# ---- the first full screen ----
DB=$LARGE/wangge.db
"$WANGGE" -C "$LARGE" entity list --format tsv >/dev/null 2>&1 # warm the page cache
cat "$DB" >/dev/null
first=$(median_ms env WANGGE_TUI_EXIT=first-draw "$WANGGE" -C "$LARGE")
# the sqlite3 CLI, the same first page of overdue tasks as the Dashboard's
today=${WANGGE_NOW%%T*}
q="SELECT t.id, t.due, t.status, t.kind, t.title, COALESCE((SELECT name FROM entity WHERE id = t.entity), ''), t.grid FROM task t INDEXED BY task_open WHERE t.status IN ('open', 'started') AND t.due <> '' AND t.due <= '$today' ORDER BY t.due = '', t.due, t.id LIMIT 6"
if command -v "$SQLITE3" >/dev/null; then
	sq=$(median_ms "$SQLITE3" "$DB" "$q")
	sqtxt="sqlite3 CLI, the first query alone: $sq ms"
else
	sq=-
	sqtxt="sqlite3 CLI not installed"
fi
judge "first screen, median of $RUNS" "$first" "$BUDGET_FIRST_MS" ms \
	"$(ratio "$first" "$base")x wangge --version ($base ms); $sqtxt"
judge "first screen, instructions" "$(WANGGE_TUI_EXIT=first-draw minstr "$WANGGE" -C "$LARGE")" \
	"$BUDGET_FIRST_MINSTR" M "wangge --version: $base_ir M"
judge "first screen, peak memory" "$(peak_mb env WANGGE_TUI_EXIT=first-draw "$WANGGE" -C "$LARGE")" \
	"$BUDGET_FIRST_MB" MB

# Cold page cache: the database's pages dropped (posix_fadvise: no root needed).
if command -v python3 >/dev/null; then
	drop() {
		python3 - "$@" <<'PY'
import os, sys
for path in sys.argv[1:]:
    try:
        fd = os.open(path, os.O_RDONLY)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)
    except OSError:
        pass
PY
	}
	i=0
	: >"$T/cold"
	while [ "$i" -lt 5 ]; do
		drop "$DB" "$DB-wal" "$DB-shm" "$WANGGE"
		t0=$(ms_now)
		/usr/bin/time -f '%I' -o "$T/io" env WANGGE_TUI_EXIT=first-draw "$WANGGE" -C "$LARGE" \
			>/dev/null 2>&1 </dev/null
		t1=$(ms_now)
		echo "$(( (t1 - t0) / 1000 )) $(tail -n 1 "$T/io")" >>"$T/cold"
		i=$((i + 1))
	done
	cold=$(sort -n "$T/cold" | awk 'NR == 3 { printf "%.1f", $1 / 1000 }')
	coldread=$(sort -n -k2 "$T/cold" | awk 'NR == 3 { printf "%.1f", $2 * 512 / 1048576 }')
	judge "first screen, cold page cache, median of 5" "$cold" "$BUDGET_COLD_MS" ms
	judge "first screen, cold page cache, read from disk" "$coldread" "$BUDGET_COLD_READ_MB" MB
fi

# The officer's first screen (the enrolled grid's workspace).
OFFICER=$LARGE/officers/$(cut -d' ' -f1 "$LARGE/enroll.txt")
judge "officer's first screen, median of $RUNS" \
	"$(median_ms env WANGGE_TUI_EXIT=first-draw "$WANGGE" -C "$OFFICER")" "$BUDGET_FIRST_MS" ms
judge "officer's first screen, instructions" \
	"$(WANGGE_TUI_EXIT=first-draw minstr "$WANGGE" -C "$OFFICER")" "$BUDGET_FIRST_MINSTR" M \
	"wangge --version: $base_ir M"

# ---- keys: Tasks and back, moves, the Entities list; then searches ----
# Each key, and the work it leaves for when no key follows (the Dashboard's
# desk lines) as the key's own: the next key waits for it.
# The cold-cache runs above dropped the database's pages: the first run of
# each sequence reads its pages from the disk and is reported apart (cold);
# the second, on the pages a clerk's session has in memory, is judged.
keys='3<Down><PgDn><End><Home><F6><End><F6><Home>1<Down>3<Esc>12<Down><PgDn><End><Home>s<Down>1'
out=$(WANGGE_TUI_KEYS="$keys" "$WANGGE" -C "$LARGE" 2>&1 >/dev/null </dev/null)
report "slowest key or work it leaves, the first run after the cache was dropped" \
	"$(echo "$out" | sed -n 's/^\(keys\|searches\) .*max_ms \([0-9.]*\).*/\2/p' | sort -g | tail -n 1)" ms \
	"no budget: pages read from the disk"
out=$(WANGGE_TUI_KEYS="$keys" "$WANGGE" -C "$LARGE" 2>&1 >/dev/null </dev/null)
kmax=$(echo "$out" | sed -n 's/^keys .*max_ms \([0-9.]*\).*/\1/p')
kmed=$(echo "$out" | sed -n 's/^keys [0-9]* median_ms \([0-9.]*\).*/\1/p')
wmax=$(echo "$out" | sed -n 's/^searches .*max_ms \([0-9.]*\).*/\1/p')
judge "slowest key (Tasks, Dashboard, lists)" "${kmax:-999}" "$BUDGET_KEY_MS" ms "median ${kmed:-?} ms"
judge "slowest work a key leaves (the Dashboard's desk lines)" "${wmax:-0}" "$BUDGET_KEY_MS" ms
# Searches as typed (SEARCH_KEYS, budgets.sh), on the entity list (the search
# runs after the key, timed apart) and the task list (in the key): each
# keystroke is judged with the work it starts.
for screen in 2 3; do
	out=$(WANGGE_TUI_KEYS="$screen$SEARCH_KEYS" "$WANGGE" -C "$LARGE" 2>&1 >/dev/null </dev/null)
	report "slowest search keystroke, screen $screen, the first run after the cache was dropped" \
		"$(echo "$out" | awk '/^key / { t = $3; if ($6 == "search") t += $7; if (t > m) m = t }
			END { printf "%.1f", m }')" ms "no budget: pages read from the disk"
	out=$(WANGGE_TUI_KEYS="$screen$SEARCH_KEYS" "$WANGGE" -C "$LARGE" 2>&1 >/dev/null </dev/null)
	smax=$(echo "$out" | awk '/^key / { t = $3; if ($6 == "search") t += $7; if (t > m) m = t }
		END { printf "%.1f", m }')
	smed=$(echo "$out" | awk '/^key / { t = $3; if ($6 == "search") t += $7; print t }' |
		sort -g | awk '{ v[NR] = $1 } END { print v[int(NR / 2) + 1] }')
	judge "slowest search keystroke and its result, screen $screen" "${smax:-999}" \
		"$BUDGET_SEARCH_MS" ms "median ${smed:-?} ms"
	echo "$out" | awk '/^key / { t = $3; if ($6 == "search") t += $7; print t " ms, key " $2 }' |
		sort -g -r | head -n 3 | sed 's/^/  slowest: /'
done
# A regular expression (an expert's search) is checked row by row: reported,
# without a budget.
for screen in 2 3; do
	out=$(WANGGE_TUI_KEYS="$screen$SEARCH_REGEX_KEYS" "$WANGGE" -C "$LARGE" 2>&1 >/dev/null </dev/null)
	report "slowest regular-expression keystroke and its result, screen $screen" \
		"$(echo "$out" | awk '/^key / { t = $3; if ($6 == "search") t += $7; if (t > m) m = t }
			END { printf "%.1f", m }')" ms "no index answers a regex"
done

# ---- due for a patrol: every entity graded that can be due ----
# (reported, without a budget: the list is every entity due; callgrind only
# on the officer's, the county's takes minutes under it)
runs0=$RUNS
RUNS=3
report "patrol due, county, median of 3" "$(median_ms "$WANGGE" -C "$LARGE" patrol due)" ms \
	"wangge --version: $base ms"
report "patrol due, officer, median of 3" "$(median_ms "$WANGGE" -C "$OFFICER" patrol due)" ms \
	"$(minstr "$WANGGE" -C "$OFFICER" patrol due) M instructions; wangge --version: $base_ir M"
RUNS=$runs0

# ---- sync: 10 changes exported by an officer and imported by the county ----
# round SIZE-DIR: 10 entities changed in the officer's workspace, exported,
# the same commits bundled by stock git, imported by the county. Prints
# "export_ms git_ms import_ms".
round() {
	c=$1
	grid=$(cut -d' ' -f1 "$c/enroll.txt")
	o=$c/officers/$grid
	n=0
	"$WANGGE" -C "$o" entity list --format tsv | sed -n '2,11p' | cut -f1 >"$T/ids"
	# a new phone number every round, also across runs of the bench
	r=$(( $(cat "$c/rounds.txt" 2>/dev/null || echo 0) + 1 ))
	echo "$r" >"$c/rounds.txt"
	while read -r id; do
		n=$((n + 1))
		"$WANGGE" -C "$o" entity set "$id" "phone=139$(printf %06d "$r")$(printf %02d "$n")" \
			>/dev/null 2>&1 || echo "entity set failed" >&2
	done <"$T/ids"
	# the branch before the export commits the changes: what git's bundle
	# builds on (the bundle is sealed: its own prerequisites cannot be read
	# here, and without them git bundled the whole grid, 0.18x)
	pre=$("$GIT" -C "$o/history.git" rev-parse -q --verify "refs/heads/grid/$grid")
	t0=$(ms_now)
	"$WANGGE" -C "$o" export -o "$T/w.bundle" >/dev/null 2>&1 || echo "export failed" >&2
	t1=$(ms_now)
	tip=$("$GIT" -C "$o/history.git" rev-parse -q --verify "refs/heads/grid/$grid")
	[ "$tip" != "$pre" ] || echo "the export made no commit" >&2
	t2=$(ms_now)
	"$GIT" -C "$o/history.git" bundle create -q "$T/g.bundle" "refs/heads/grid/$grid" \
		${pre:+"^$pre"} >/dev/null 2>"$T/git.err" ||
		echo "git bundle create failed: $(cat "$T/git.err")" >&2
	t3=$(ms_now)
	"$WANGGE" -C "$c" import "$T/w.bundle" >"$T/import.out" 2>&1 ||
		echo "import failed: $(cat "$T/import.out")" >&2
	t4=$(ms_now)
	: "$tip"
	echo "$(( (t1 - t0) / 1000 )) $(( (t3 - t2) / 1000 )) $(( (t4 - t3) / 1000 ))"
}
med() { sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'; }
SYNC_RUNS=${BENCH_SYNC_RUNS:-5}
for c in "$LARGE" "$SMALL"; do
	# first the county has all the officer has (a bench stopped half-way may
	# have left an exported bundle unimported): untimed
	grid=$(cut -d' ' -f1 "$c/enroll.txt")
	"$WANGGE" -C "$c/officers/$grid" export --full -o "$T/full.bundle" >/dev/null 2>&1 &&
		"$WANGGE" -C "$c" import "$T/full.bundle" >/dev/null 2>&1 ||
		echo "the officer's full bundle was not imported" >&2
	: >"$T/rounds"
	i=0
	while [ "$i" -lt "$SYNC_RUNS" ]; do
		round "$c" >>"$T/rounds"
		i=$((i + 1))
	done
	ex=$(cut -d' ' -f1 "$T/rounds" | med)
	gi=$(cut -d' ' -f2 "$T/rounds" | med)
	im=$(cut -d' ' -f3 "$T/rounds" | med)
	if [ "$c" = "$LARGE" ]; then
		lex=$ex lgi=$gi lim=$im
	else
		sim=$im
	fi
done
# stock git fetch from the last bundle, into a copy of the officer's history
grid=$(cut -d' ' -f1 "$LARGE/enroll.txt")
rm -rf "$T/fetch.git"
"$GIT" clone -q --bare "$LARGE/officers/$grid/history.git" "$T/fetch.git" >/dev/null 2>&1
gf=$(median_ms "$GIT" -C "$T/fetch.git" fetch -q "$T/g.bundle" "refs/heads/grid/$grid:refs/heads/x")
judge "export of 10 changes / git bundle create, median of $SYNC_RUNS" "$(ratio "$lex" "$lgi")" \
	"$BUDGET_EXPORT_RATIO" x "wangge export $lex ms, git bundle create $lgi ms, both as processes"
judge "import of 10 records, large / small county" "$(ratio "$lim" "$sim")" "$BUDGET_IMPORT_RATIO" x \
	"large $lim ms, small $sim ms; git fetch from a bundle $gf ms"
judge "fixed cost of a sync command (wangge export, nothing new), instructions" \
	"$(minstr "$WANGGE" -C "$LARGE/officers/$grid" export -o "$T/n.bundle")" \
	"$BUDGET_SYNC_FIXED_MINSTR" M "wangge --version: $base_ir M"

# ---- one grid from the county ----
grid2=$(sed -n '3s/ .*//p' "$T/grids")
gm=$(peak_mb "$WANGGE" -C "$LARGE" export --grid "$grid2" --full -o "$T/grid.bundle")
gt=$(median_ms "$WANGGE" -C "$LARGE" export --grid "$grid2" --full -o "$T/grid.bundle")
gitm=$(peak_mb "$GIT" -C "$LARGE/history.git" bundle create -q "$T/gitgrid.bundle" "refs/heads/grid/$grid2")
gitt=$(median_ms "$GIT" -C "$LARGE/history.git" bundle create -q "$T/gitgrid.bundle" "refs/heads/grid/$grid2")
judge "export of one grid from the county, peak memory" "$gm" "$BUDGET_GRID_EXPORT_MB" MB \
	"$gt ms, $(wc -c <"$T/grid.bundle") bytes; git bundle create of its branch: $gitm MB, $gitt ms"

# ---- low memory: one CPU, a capped address space (ulimit -v) ----
# Every command within 1 GiB, the full-screen program within 256 MiB; here
# every one is also tried within 256 MiB.
if command -v taskset >/dev/null; then one_cpu="taskset -c 0"; else one_cpu=; fi
capped() { # capped KIB NAME CMD...: run CMD on one CPU within KIB of address space
	kib=$1 name=$2
	shift 2
	# shellcheck disable=SC2086,SC3045
	if (ulimit -v "$kib" && exec $one_cpu "$@") >/dev/null 2>"$T/capped.err" </dev/null; then
		printf 'PASS %s within %s MiB on one CPU\n' "$name" $((kib / 1024))
	else
		printf 'FAIL %s within %s MiB on one CPU: %s\n' "$name" $((kib / 1024)) \
			"$(head -n 1 "$T/capped.err")"
		fail=1
	fi
}
o=$LARGE/officers/$grid
"$WANGGE" -C "$o" entity list --format tsv | sed -n '2p' | cut -f1 >"$T/ids"
for kib in 1048576 262144; do
	WANGGE_TUI_EXIT=first-draw capped "$kib" "first screen" "$WANGGE" -C "$LARGE"
	capped "$kib" "export of one grid from the county" \
		"$WANGGE" -C "$LARGE" export --grid "$grid2" --full -o "$T/grid.bundle"
	"$WANGGE" -C "$o" entity set "$(cat "$T/ids")" "phone=1370000$(printf %04d $((kib % 9973)))" \
		>/dev/null 2>&1
	capped "$kib" "officer's export" "$WANGGE" -C "$o" export -o "$T/capped.bundle"
	capped "$kib" "county's import" "$WANGGE" -C "$LARGE" import "$T/capped.bundle"
done

# ---- enrolling an officer ----
# The first one, when the cache was built: the demo's own (the county's
# first sync, whatever it still had to commit), then one more grid's, both
# halves: the county's enrollment bundle and the officer's init from it.
read -r eg ems ekb ecpu <"$LARGE/enroll.txt"
judge "first enroll after the demo is built (grid $eg, when the cache was made), peak memory" \
	"$(awk -v k="$ekb" 'BEGIN { printf "%.1f", k / 1024 }')" "$BUDGET_ENROLL_MB" MB \
	"$(awk -v m="$ems" 'BEGIN { printf "%.1f s wall", m / 1000 }')"
judge "  its CPU time" "${ecpu:--}" "$BUDGET_ENROLL_S" s
grid3=$(sed -n '4s/ .*//p' "$T/grids")
off3=$("$SQLITE3" "$DB" "SELECT id FROM officer WHERE grid = '$grid3' AND role = 'officer' AND status = 'active' ORDER BY name, id LIMIT 1" 2>/dev/null)
rm -rf "$T/enroll" "$T/officer3"
mkdir -p "$T/enroll"
/usr/bin/time -f '%M %U %S' -o "$T/e1" "$WANGGE" -C "$LARGE" enroll --grid "$grid3" \
	--officer "$off3" -o "$T/enroll" >/dev/null 2>&1 </dev/null
/usr/bin/time -f '%M %U %S' -o "$T/e2" "$WANGGE" -C "$T/officer3" init officer \
	--from "$(ls "$T"/enroll/*.bundle 2>/dev/null | head -n 1)" >/dev/null 2>&1 </dev/null
em=$(cat "$T/e1" "$T/e2" | awk '$1 ~ /^[0-9]+$/ { if ($1 > m) m = $1; n++ } END { if (n == 2) printf "%.1f", m / 1024; else print "-" }')
ec=$(cat "$T/e1" "$T/e2" | awk '$1 ~ /^[0-9]+$/ { s += $2 + $3; n++ } END { if (n == 2) printf "%.2f", s; else print "-" }')
rm -rf "$T/officer3" "$T/enroll"
judge "enroll of another grid ($grid3: the county's bundle, the officer's init), peak memory" \
	"$em" "$BUDGET_ENROLL_MB" MB
judge "  its CPU time" "$ec" "$BUDGET_ENROLL_S" s

# ---- the disk ----
ws=$(du -sk "$LARGE" | awk '{ printf "%.2f", $1 / 1048576 }')
hist=$(du -sk "$LARGE/history.git" | awk '{ printf "%.2f", $1 / 1048576 }')
dbsz=$(du -sk "$DB" | awk '{ printf "%.2f", $1 / 1048576 }')
judge "large county workspace on disk" "$ws" "$BUDGET_WORKSPACE_GB" GB \
	"database $dbsz GB, history $hist GB"
# The database's free pages once the first commit has emptied the changed
# table: closing gives them back (wg_db_reclaim), when it frees pages
# incrementally (auto_vacuum 2: every database this wangge makes).
if command -v "$SQLITE3" >/dev/null; then
	set -- $("$SQLITE3" "$DB" "PRAGMA freelist_count; PRAGMA page_count; PRAGMA auto_vacuum")
	judge "large county database, free pages / all" "$(ratio "$1" "$2")" \
		"$BUDGET_DB_FREE_SHARE" x "$1 of $2 pages free, auto_vacuum $3, $dbsz GB"
fi
report "small county workspace on disk" "$(du -sk "$SMALL" | awk '{ printf "%.1f", $1 / 1024 }')" \
	MB "database $(du -sk "$SMALL/wangge.db" | awk '{ printf "%.1f", $1 / 1024 }') MB"
# The history against what stock git makes of it: a copy repacked with
# `git repack -adf` (and -F, every object compressed anew), only when
# BENCH_REPACK=1 (minutes and gigabytes of stock git's time and memory).
# Both sides count their packs and pack indexes only: a bare repository's
# repack -a also writes a reachability bitmap (repack.writeBitmaps), which
# wangge has no use for and which is no part of storing the history.
packs_kib() { # packs_kib DIR: KiB of the .pack and .idx files in DIR
	find "$1" -maxdepth 1 \( -name '*.pack' -o -name '*.idx' \) -exec du -k {} + |
		awk '{ s += $1 } END { print s + 0 }'
}
if [ "${BENCH_REPACK:-0}" = 1 ]; then
	# The whole county's history: an enroll or an export commits its grids
	# only, so the cached county holds a few; a copy enrolls every grid,
	# which commits every record (the bundles are not kept).
	rm -rf "$T/whole" "$T/whole-bundles" "$T/repack.git"
	cp -a "$LARGE" "$T/whole"
	mkdir -p "$T/whole-bundles"
	"$WANGGE" -C "$T/whole" enroll --all -o "$T/whole-bundles" >/dev/null 2>&1 </dev/null ||
		{ echo "enroll --all failed" >&2; exit 1; }
	rm -rf "$T/whole-bundles"
	cp -a "$T/whole/history.git" "$T/repack.git"
	"$GIT" -C "$T/repack.git" -c repack.writeBitmaps=false repack -adf -q >/dev/null 2>&1
	gitf=$(packs_kib "$T/repack.git/objects/pack")
	"$GIT" -C "$T/repack.git" -c repack.writeBitmaps=false repack -adF -q >/dev/null 2>&1
	gitF=$(packs_kib "$T/repack.git/objects/pack")
	rm -rf "$T/repack.git"
	ours=$(packs_kib "$T/whole/history.git/objects/pack")
	rm -rf "$T/whole"
	judge "large county history / stock git repack -adf of it" "$(ratio "$ours" "$gitf")" \
		"$BUDGET_HISTORY_RATIO" x "ours $ours KiB, git -adf $gitf KiB, git -adF $gitF KiB"
else
	report "large county history (BENCH_REPACK=1 compares stock git repack)" \
		"$(du -sk "$LARGE/history.git/objects/pack" | cut -f1)" KiB
fi
exit $fail
