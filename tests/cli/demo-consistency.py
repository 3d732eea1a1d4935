#!/usr/bin/env python3
"""The demo county, checked as a trainer would look at it: nothing happened in
the future, nothing was created after it was due, the backlog is small and
recent, every failed patrol says which item failed and reported it as a clue
(a patrol orders no rectification), and names are unique in their township.

It also checks the county's 双随机、一公开 (its half-year draws made the random
tasks, whose results are published within the limit) and its licences
(renewed in time). The shares are data/demo/README's.

Usage: demo-consistency.py WORKSPACE TODAY WANGGE   (TODAY: the CST date it was
built; WANGGE: the program, which counts the late publications)
Prints TAP lines without a plan (the shell test counts them)."""
import datetime
import os
import re
import sqlite3
import subprocess
import sys

ws, today, wangge = sys.argv[1], sys.argv[2], sys.argv[3]
db = sqlite3.connect(ws + "/wangge.db")
q = lambda sql, *a: db.execute(sql, a).fetchall()
one = lambda sql, *a: q(sql, *a)[0][0]
n = 0


def ok(cond, what):
    global n
    n += 1
    print(("ok" if cond else "not ok"), n, "-", what)


day = datetime.date.fromisoformat(today)
# Stored times are UTC; the demo's day ends at midnight CST (16:00 UTC the day before).
end_utc = (day - datetime.timedelta(days=1)).isoformat() + "T16:00:00Z"
yesterday = (day - datetime.timedelta(days=1)).isoformat()

future = [
    (k, c) for k, c in [
        ("inspection started", "SELECT count(*) FROM inspection WHERE started >= ?"),
        ("inspection signed", "SELECT count(*) FROM inspection WHERE signed >= ?"),
        ("task created", "SELECT count(*) FROM task WHERE created >= ?"),
        ("complaint received", "SELECT count(*) FROM complaint WHERE received >= ?"),
        ("complaint closed", "SELECT count(*) FROM complaint WHERE closed != '' AND closed >= ?"),
        ("entity created", "SELECT count(*) FROM entity WHERE created >= ?"),
    ] if one(c, end_utc)
]
ok(not future, "the history ends yesterday, %s (in the future: %s)" % (yesterday, future))
ok(one("SELECT min(started) FROM inspection") < (day - datetime.timedelta(days=700)).isoformat(),
   "and goes back two years (first record %s)" % one("SELECT min(started) FROM inspection"))
ok(one("SELECT max(started) FROM inspection") >= (day - datetime.timedelta(days=3)).isoformat(),
   "up to the last days (%s)" % one("SELECT max(started) FROM inspection"))

done_future = one("""SELECT count(*) FROM task t WHERE t.status = 'done' AND t.kind != 'complaint'
                     AND NOT EXISTS (SELECT 1 FROM inspection i WHERE i.task = t.id AND i.started < ?)""",
                  end_utc)
ok(done_future == 0, "every done task was done in the past, by a signed record (%d are not)" % done_future)
late_made = one("SELECT count(*) FROM task WHERE due != '' AND substr(created, 1, 10) > due")
ok(late_made == 0, "no task was created after its due date (%d were)" % late_made)

open_n = one("SELECT count(*) FROM task WHERE status IN ('open', 'started')")
overdue = q("SELECT grid, due FROM task WHERE status IN ('open', 'started') AND due != '' AND due < ?", today)
grids = one("SELECT count(*) FROM grid")
share = len(overdue) / max(open_n, 1)
ok(share <= 0.10, "overdue tasks are a small share of the open ones (%d of %d, %.1f%%; at most 10%%)"
   % (len(overdue), open_n, 100 * share))
per_grid = {}
for g, _ in overdue:
    per_grid[g] = per_grid.get(g, 0) + 1
ok(max(per_grid.values(), default=0) <= 5 and len(overdue) <= 1.5 * grids,
   "a few overdue tasks per grid at most (the most: %d, on average %.1f; at most 5 and 1.5)"
   % (max(per_grid.values(), default=0), len(overdue) / grids))
ages = sorted((day - datetime.date.fromisoformat(d)).days for _, d in overdue)
median = ages[len(ages) // 2] if ages else 0
ok(median <= 30 and (not ages or ages[-1] <= 120),
   "most are days or weeks late (median %d days, the oldest %d; at most 30 and 120)"
   % (median, ages[-1] if ages else 0))
rect_late = q("SELECT deadline FROM finding WHERE status = 'open' AND deadline != '' AND deadline < ?", today)
oldest = min((r[0] for r in rect_late), default="")
ok(len(rect_late) > 0 and oldest >= (day - datetime.timedelta(days=120)).isoformat(),
   "some rectifications are overdue, none for months (%d, the oldest due %s)" % (len(rect_late), oldest or "-"))
rect_grid = q("""SELECT e.grid, count(*) FROM finding f JOIN entity e ON e.id = f.entity
                WHERE f.status = 'open' AND f.deadline != '' AND f.deadline < ? GROUP BY e.grid""", today)
ok(max((n for _, n in rect_grid), default=0) <= 4,
   "a few overdue rectifications per grid at most (the most: %d; at most 4)"
   % max((n for _, n in rect_grid), default=0))
rect_all = one("SELECT count(*) FROM finding WHERE deadline != '' AND deadline < ?", today)
ok(rect_all and len(rect_late) / rect_all < 0.05,
   "rectifications are mostly done on time (%d overdue of %d due)" % (len(rect_late), rect_all))

bad = one("""SELECT count(*) FROM inspection i WHERE i.kind = 'patrol' AND i.result = 'reported'
             AND NOT EXISTS (SELECT 1 FROM result r WHERE r.inspection = i.id AND r.outcome = 'fail')""")
patrols_failed = one("SELECT count(*) FROM inspection WHERE kind = 'patrol' AND result = 'reported'")
ok(patrols_failed > 0 and bad == 0,
   "every patrol that found a problem names the failed item (%d of %d do not)" % (bad, patrols_failed))
# the 协管 boundary: a patrol orders no rectification; its problem is a clue
ordering = one("""SELECT count(*) FROM inspection i WHERE i.kind = 'patrol'
                  AND (i.result IN ('rectify', 'fail')
                       OR EXISTS (SELECT 1 FROM finding f WHERE f.inspection = i.id AND f.deadline != '')
                       OR EXISTS (SELECT 1 FROM task t WHERE t.source = i.id AND t.kind = 'recheck'))""")
ok(ordering == 0, "no patrol orders rectification: no deadline, no re-inspection (%d do)" % ordering)
no_clue = one("""SELECT count(*) FROM inspection i WHERE i.kind = 'patrol' AND i.result = 'reported'
                 AND NOT EXISTS (SELECT 1 FROM clue c WHERE c.inspection = i.id AND c.reported != '')""")
ok(patrols_failed > 0 and no_clue == 0,
   "every patrol that found a problem reported it as a clue (%d of %d did not)" % (no_clue, patrols_failed))
# a checklist item is a requirement ("消毒记录完整"): a summary or a clue that
# quotes a failed one says it was not met, or it reads as all in order
quoted = one("""SELECT count(*) FROM inspection i JOIN finding f ON f.inspection = i.id
                WHERE f.text != '' AND instr(i.summary, f.text) > 0""")
unmet = one("""SELECT count(*) FROM inspection i JOIN finding f ON f.inspection = i.id
               WHERE f.text != '' AND instr(i.summary, f.text) > 0
               AND instr(i.summary, '不符合「' || f.text || '」') = 0""")
ok(quoted > 0 and unmet == 0,
   "a summary that quotes a failed requirement says it was not met (%d of %d do not)" % (unmet, quoted))
clues = one("SELECT count(*) FROM clue WHERE inspection != ''")
unsaid = one("SELECT count(*) FROM clue WHERE inspection != '' AND content NOT LIKE '巡查发现不符合：%'")
ok(clues > 0 and unsaid == 0,
   "every patrol's clue lists the requirements not met (%d of %d do not)" % (unsaid, clues))
# the tasks the program would make (a clue's check, a complaint's) bear its
# titles, which every screen shows in the reader's language, as its own do
made = one("SELECT count(*) FROM task WHERE kind IN ('clue', 'complaint') AND source != ''")
odd = one("""SELECT count(*) FROM task WHERE source != ''
             AND ((kind = 'clue' AND title NOT LIKE '核查协管报告信息：%' AND title NOT LIKE 'Check a reported clue: %')
               OR (kind = 'complaint' AND title NOT LIKE '核查投诉举报：%' AND title NOT LIKE 'Check complaint: %'))""")
ok(made > 0 and odd == 0,
   "every clue's and complaint's check has the title the program gives it (%d of %d do not)" % (odd, made))
handed = one("SELECT count(*) FROM clue WHERE inspection != '' AND status IN ('handed_over', 'closed')")
tasks = one("""SELECT count(*) FROM clue c JOIN task t ON t.id = c.task AND t.kind = 'clue'
               AND t.source = c.id WHERE c.inspection != '' AND c.status IN ('handed_over', 'closed')""")
ok(handed > 0 and tasks == handed,
   "every clue handed over has its inspector's task (%d of %d)" % (tasks, handed))
no_items = one("""SELECT count(*) FROM inspection i WHERE i.checklist != ''
                  AND NOT EXISTS (SELECT 1 FROM result r WHERE r.inspection = i.id)""")
ok(no_items == 0, "every patrol and inspection with a checklist has its item results (%d have none)" % no_items)
passed_with_fail = one("""SELECT count(*) FROM inspection i WHERE i.result = 'pass'
                          AND EXISTS (SELECT 1 FROM result r WHERE r.inspection = i.id AND r.outcome = 'fail')""")
ok(passed_with_fail == 0, "no passed record has a failed item (%d have)" % passed_with_fail)

dups = q("""SELECT g.township, e.name, count(*) FROM entity e JOIN grid g ON g.code = e.grid
            GROUP BY g.township, e.name HAVING count(*) > 1""")
ok(not dups, "entity names are unique within their township (%d repeated%s)"
   % (len(dups), (": " + dups[0][1]) if dups else ""))

# 双随机、一公开: each half-year's draw made its random tasks, and their results
# are published within the county's limit (data/rules/limits).
draws = q("SELECT id, tasks FROM draw")
miscounted = [d for d, n in draws
              if int(n) != one("SELECT count(*) FROM task WHERE kind = 'random' AND source = ?", d)]
orphans = one("SELECT count(*) FROM task WHERE kind = 'random' AND source NOT IN (SELECT id FROM draw)")
ok(len(draws) >= 3 and not miscounted and orphans == 0,
   "the random tasks come from the county's half-year draws (%d draws, %d miscounted, %d tasks from none)"
   % (len(draws), len(miscounted), orphans))
early = one("""SELECT count(*) FROM task t JOIN draw d ON d.id = t.source
               WHERE t.kind = 'random' AND t.created < d.created""")
ok(early == 0, "no random task made before its draw (%d were)" % early)
signed = one("""SELECT count(*) FROM task t WHERE t.kind = 'random' AND EXISTS
                (SELECT 1 FROM inspection i WHERE i.task = t.id AND i.status = 'signed')""")
waiting = one("""SELECT count(*) FROM task t WHERE t.kind = 'random' AND t.published = '' AND EXISTS
                 (SELECT 1 FROM inspection i WHERE i.task = t.id AND i.status = 'signed')""")
ok(signed > 0 and waiting <= 0.05 * signed,
   "almost every random-inspection result is published (%d of %d wait; at most 5%%)" % (waiting, signed))
p = subprocess.run([wangge, "-C", ws, "publish", "--pending"], capture_output=True, text=True)
m = re.search(r"^([0-9]+) random-inspection results? not published", p.stdout, re.M)
late = int(m.group(1)) if m else -1
ok(p.returncode == 0 and 0 <= late <= max(2, 0.02 * signed),
   "few are late (%d of %d, past the limit; at most 2%% or 2)" % (late, signed))
future = one("SELECT count(*) FROM task WHERE published != '' AND published >= ?", today)
ok(future == 0, "no result published in the future (%d)" % future)

# Licences are renewed before they run out: a few run out within the warning
# days, fewer have run out.
warn = 60
for line in open(os.path.join(os.environ.get("top_srcdir", "."), "data/rules/limits"), encoding="utf-8"):
    if line.startswith("@expiry-alert-days "):
        warn = int(line.split()[1])
until = (day + datetime.timedelta(days=warn)).isoformat()
lic = one("SELECT count(*) FROM entity WHERE licence_expiry != '' AND status != 'closed'")
expired = one("SELECT count(*) FROM entity WHERE licence_expiry != '' AND status != 'closed' AND licence_expiry < ?", today)
soon = one("""SELECT count(*) FROM entity WHERE licence_expiry != '' AND status != 'closed'
              AND licence_expiry >= ? AND licence_expiry <= ?""", today, until)
ok(lic > 0 and expired <= max(2, 0.01 * lic) and soon <= max(3, 0.02 * lic),
   "licences renewed in time: %d of %d expired (at most 1%%), %d run out within %d days (at most 2%%)"
   % (expired, lic, soon, warn))
