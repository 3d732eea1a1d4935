#!/bin/sh
# Benchmark: building the demo county. Run by "make bench", not "make check".
# The small county (2,000 entities) is the baseline measured in the same run;
# the large one (100,000 entities, about a million inspection records) is
# reported as a ratio to it, in time and in time per record. The budgets are
# in tests/bench/budgets.sh (BUDGET_DEMO_SMALL_S, BUDGET_DEMO_LARGE_S: wall
# seconds, what a trainer waits); a budget missed fails. The small county's
# time is also given in its two parts (generating the county, then
# committing its history), with the CPU time and the load average beside the
# wall time (a shared machine stretches wall times), and the first open of
# an officer's workspace, which enrolls them, of each county.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/bench/budgets.sh"

# Build both with the same seed; wall-clock and CPU seconds, and record counts.
run python3 - "$WANGGE" "$TEST_TMP" <<'PY'
import os, resource, sqlite3, subprocess, sys, time
wangge, tmp = sys.argv[1], sys.argv[2]
res = {}
for size in ("small", "large"):
    d = os.path.join(tmp, size)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    load = os.getloadavg()[0]
    p = subprocess.run([wangge, "demo", "--no-ui", "--seed", "7", "--size", size, "--dir", d],
                       capture_output=True, text=True)
    wall = time.monotonic() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if p.returncode != 0:
        print("FAILED", size, p.stderr)
        sys.exit(1)
    print("# %s: %.2f s wall at load %.1f, %.2f s CPU, peak memory %.0f MB"
          % (size, wall, load, cpu, r1.ru_maxrss / 1024))
    # the first open of an officer's workspace enrolls them (the large
    # county's also commits its history); wangge shows its progress meanwhile
    c = sqlite3.connect(os.path.join(d, "wangge.db"))
    grid = c.execute("SELECT grid FROM officer WHERE role = 'officer' AND status = 'active' AND grid != '' ORDER BY grid LIMIT 1").fetchone()[0]
    c.close()
    r0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
    o = subprocess.run([wangge, "demo", "--no-ui", "--dir", d, "--role", "officer:" + grid],
                       capture_output=True, text=True)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if o.returncode != 0:
        print("FAILED", size, "officer", grid, o.stderr)
        sys.exit(1)
    print("# %s: the first open of grid %s's officer: %.2f s wall, %.2f s CPU" % (size, grid,
          time.monotonic() - t0, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)))
    c = sqlite3.connect(os.path.join(d, "wangge.db"))
    kinds = ("county", "township", "grid", "officer", "entity", "task", "inspection", "complaint",
             "checklist", "result", "finding", "evidence", "recusal", "draw", "campaign")
    n = {t: c.execute("SELECT count(*) FROM " + t).fetchone()[0] for t in kinds}
    res[size] = (wall, cpu, sum(n.values()), n)
    parts = [l for l in p.stdout.splitlines() if l.startswith("Built in")]
    print("# %s: %s" % (size, parts[0] if parts else "?"))
    print("# %s: %.2f s wall, %.2f s CPU, %d records (%d entities, %d inspections, %d findings, %d tasks, %d complaints), %.1f us CPU/record"
          % (size, wall, cpu, sum(n.values()), n["entity"], n["inspection"], n["finding"], n["task"], n["complaint"],
             1e6 * cpu / sum(n.values())))
(sw, sc, sr, _), (lw, lc, lr, _) = res["small"], res["large"]
print("# baseline is the small county; large/small: %.1fx the records, %.1fx the wall time, %.1fx the CPU time, %.2fx the CPU time per record"
      % (lr / sr, lw / sw, lc / sc, (lc / lr) / (sc / sr)))
print("SMALL=%.2f LARGE=%.2f" % (sw, lw))
PY
printf '%s\n' "$out" | grep '^#'
check "both demo counties built" test "$rc" -eq 0
small=$(printf '%s\n' "$out" | sed -n 's/^SMALL=\([0-9.]*\) .*/\1/p')
large=$(printf '%s\n' "$out" | sed -n 's/.*LARGE=\([0-9.]*\)$/\1/p')
within() { python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) <= float(sys.argv[2]) else 1)" "$@"; }
check "small within $BUDGET_DEMO_SMALL_S s (took ${small:-?} s)" within "${small:-inf}" "$BUDGET_DEMO_SMALL_S"
check "large within $BUDGET_DEMO_LARGE_S s (took ${large:-?} s)" within "${large:-inf}" "$BUDGET_DEMO_LARGE_S"
done_testing
