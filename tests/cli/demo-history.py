#!/usr/bin/env python3
# The demo county's history as its working life, checked with stock git:
# every grid has a commit in every whole month of the history, its officer
# syncs about every week (signed as that officer: author officer@county) and
# the county dispatches its work (author county@...), and every commit is
# dated within the history. Prints TAP lines and a summary line "# ...".
# Usage: demo-history.py HISTORY.GIT FIRST-DAY LAST-DAY
import datetime, subprocess, sys

git, first, last = sys.argv[1:4]


def g(*a):
    return subprocess.run(["git", "--git-dir=" + git] + list(a), check=True,
                          capture_output=True, text=True).stdout


months = set()
y, m = int(first[:4]), int(first[5:7])
if first[8:] != "01":  # the first month, begun part way, need not have every grid's work
    y, m = (y + 1, 1) if m == 12 else (y, m + 1)
while "%04d-%02d" % (y, m) <= last[:7]:
    months.add("%04d-%02d" % (y, m))
    y, m = (y + 1, 1) if m == 12 else (y, m + 1)
weeks = (datetime.date.fromisoformat(last) - datetime.date.fromisoformat(first)).days // 7
refs = g("for-each-ref", "--format=%(refname)", "refs/heads/grid/").split()
short, officers, county, total, thin = [], 0, 0, 0, []
for r in refs:
    log = g("log", "--format=%ad %ae", "--date=format:%Y-%m", r).splitlines()
    have = {l.split()[0] for l in log}
    if not months <= have:
        short.append("%s lacks %s" % (r, sorted(months - have)[:3]))
    mine = sum(1 for l in log if not l.split()[1].startswith("county@"))
    if mine < weeks * 3 // 4:
        thin.append("%s: %d syncs" % (r, mine))
    officers += mine
    county += len(log) - mine
    total += len(log)
print("ok 1 - every grid has a commit in each of the %d whole months (all %d grids)" % (len(months), len(refs))
      if not short and refs else "not ok 1 - " + ("; ".join(short[:3]) or "no grid branches"))
print(("ok" if not thin else "not ok") + " 2 - the officers sync about weekly: %d commits, %.1f a grid in about %d weeks%s"
      % (officers, officers / max(len(refs), 1), weeks, ("; " + "; ".join(thin[:3])) if thin else ""))
print(("ok" if county >= len(refs) * 8 else "not ok") + " 3 - the county's dispatches: %d commits" % county)
dates = g("log", "--format=%ad", "--date=short", "--all").split()
print(("ok" if min(dates) >= first and max(dates) <= last else "not ok") +
      " 4 - every commit is dated within the history (%s to %s)" % (min(dates), max(dates)))
print("# %d commits on %d grid branches" % (len(set(g("rev-list", "--all").split())), len(refs)))
