#!/bin/sh
# wangge demo: the same seed gives the same county; every identifier is valid;
# the counts are in range; real workspaces and other folders are never touched.
. "${top_srcdir:-.}/tests/lib.sh"

D=$TEST_TMP/demo

# A dump of the database that ignores nothing but the file layout.
dump() {
	python3 - "$1/wangge.db" <<'PY'
import hashlib, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(hashlib.sha256("\n".join(c.iterdump()).encode()).hexdigest())
PY
}

# The demo's day is the CST date of the (pinned) clock; its history is the two
# years before it.
days() {
	python3 -c "import datetime, sys; t = datetime.datetime.strptime(sys.argv[1], '%Y-%m-%dT%H:%M:%SZ'); print((t + datetime.timedelta(hours=8)).date() + datetime.timedelta(days=int(sys.argv[2])))" "$WANGGE_NOW" "$1"
}
today=$(days 0)
start=$(date +%s.%N)
expect_rc 0 "demo --no-ui --seed 7 builds a county" "$WANGGE" demo --no-ui --seed 7 --dir "$D/a"
contains "$out" "history from $(days -730) to $(days -1)" "its two years of history end yesterday"
end=$(date +%s.%N)
diag "small demo county built in $(python3 -c "print('%.2f s' % ($end - $start))") (wangge says: $(printf '%s\n' "$out" | grep 'Built in'))"
contains "$out" "Demo county" "it names the county"
contains "$out" "seed 7, size small" "and the seed and size"
lacks "$out" "$(printf '\033[')" "--no-ui: no full-screen program"
expect_rc 0 "the same seed again, in another folder" "$WANGGE" demo --no-ui --seed 7 --dir "$D/b"
check "the same seed gives identical databases" test "$(dump "$D/a")" = "$(dump "$D/b")"
expect_rc 0 "seed 8" "$WANGGE" demo --no-ui --seed 8 --dir "$D/c"
check "another seed gives another county" test "$(dump "$D/a")" != "$(dump "$D/c")"

expect_rc 0 "the demo passes wangge check" "$WANGGE" -C "$D/a" check
expect_rc 0 "its entities list" "$WANGGE" -C "$D/a" entity list
contains "$out" "village health room" "with village health rooms"
# Points count by calendar-year cycle: at the end of the last whole year some
# entities had reached a band (in mid-January the new cycle has barely begun).
year_end=$(($(printf '%s' "$today" | cut -c1-4) - 1))-12-31
expect_rc 0 "points alerts on the demo, on $year_end" "$WANGGE" -C "$D/a" points alerts --date "$year_end"
check "a few entities crossed a points threshold" test "$(printf '%s\n' "$out" | wc -l)" -ge 3
expect_rc 0 "overdue findings on the demo" "$WANGGE" -C "$D/a" finding list --overdue
# (the demo keeps them few: at 2026-12-01 seed 7 has one of 773)
check "some are listed" test "$(printf '%s\n' "$out" | wc -l)" -ge 2

# Identifiers and counts, checked independently of the C code.
run python3 - "$D/a/wangge.db" "$today" <<'PY'
import datetime, re, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
today = datetime.date.fromisoformat(sys.argv[2])
first_day = (today - datetime.timedelta(days=730)).isoformat()
q = lambda sql, *a: db.execute(sql, a).fetchall()
one = lambda sql, *a: q(sql, *a)[0][0]
n = 0
def ok(cond, what):
    global n
    n += 1
    print(("ok" if cond else "not ok"), n, "-", what)

CS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
def uscc_ok(c):
    if not re.fullmatch(r"[1-9ANY][1-9][0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}", c):
        return False
    return CS[(31 - sum(CS.index(ch) * w for ch, w in zip(c, W)) % 31) % 31] == c[17]
IW = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def idcard_ok(c):
    s = sum(int(ch) * w for ch, w in zip(c[:17], IW))
    return len(c) == 18 and "0123456789X"[(12 - s % 11) % 11] == c[17]
mobile = re.compile(r"(\+86)?1[3-9][0-9]{9}")
fixed = re.compile(r"0[1-9][0-9]{1,2}-?[2-9][0-9]{6,7}")

county = q("SELECT code, name FROM county")
ok(len(county) == 1 and re.fullmatch(r"[1-8][0-9]{5}", county[0][0]), "one county, 6-digit code %s" % county)
code = county[0][0]
tw = q("SELECT code FROM township")
ok(4 <= len(tw) <= 6, "4-6 townships (%d)" % len(tw))
ok(all(re.fullmatch(code + r"[0-9]{3}", t[0]) for t in tw), "township codes are the county's + 3 digits")
grids = one("SELECT count(*) FROM grid")
ok(grids >= 30, "30+ grids (%d)" % grids)
ok(one("SELECT count(*) FROM grid WHERE township NOT IN (SELECT id FROM township)") == 0, "every grid in a township")
ok(one("SELECT count(*) FROM grid g WHERE NOT EXISTS (SELECT 1 FROM officer o WHERE o.grid = g.code AND o.role = 'officer' AND o.status = 'active')") == 0, "every grid has an active officer")
insp = q("SELECT cert, idcard, phone FROM officer WHERE role = 'inspector'")
ok(len(insp) >= 8 and all(i[0] for i in insp), "inspectors (%d), each with an enforcement certificate" % len(insp))
ok(one("SELECT count(*) FROM officer WHERE role = 'clerk'") >= 1, "clerks")
staff = q("SELECT (SELECT value FROM personal p WHERE p.kind = 'officer' AND p.id = o.id AND p.field = 'idcard'),"
          " (SELECT value FROM personal p WHERE p.kind = 'officer' AND p.id = o.id AND p.field = 'phone') FROM officer o")
ok(all(idcard_ok(s[0]) and s[0][:6] == code for s in staff), "officers' ID card numbers have valid check digits")
ok(all(mobile.fullmatch(s[1]) for s in staff), "officers' phones are mobile numbers")

ents = q("SELECT category, uscc, licence, phone, licence_expiry, name FROM entity")
ok(len(ents) == 2000, "2,000 entities (%d)" % len(ents))
cats = {r[0] for r in ents}
known = {r[0] for r in q("SELECT DISTINCT category FROM entity")}
ok(len(cats) >= 20, "entities across the categories (%d of them)" % len(cats))
bad = [e for e in ents if e[1] and not uscc_ok(e[1])]
ok(not bad and sum(1 for e in ents if e[1]) > 1500, "every USCC has the right check character (%d bad)" % len(bad))
lic = [e for e in ents if e[2]]
ok(lic and all(re.fullmatch(r"[0-9A-Z]{9}" + code + r"[0-9]{2}" + e[0] + r"[129]", e[2]) for e in lic),
   "licence numbers: organisation code, county, economic type, category, 1/2/9 (%d)" % len(lic))
ok(all(e[4] for e in lic), "licensed entities have an expiry date")
ok(all(mobile.fullmatch(e[3]) or fixed.fullmatch(e[3]) for e in ents if e[3]), "entity phones are mobile or fixed lines")
ok(len({e[5] for e in ents}) > 1800, "entity names are nearly all distinct (%d)" % len({e[5] for e in ents}))

ins = one("SELECT count(*) FROM inspection")
ok(ins > 10000, "thousands of patrols and inspections (%d)" % ins)
first, last = q("SELECT min(started), max(started) FROM inspection")[0]
ok(first_day < first < (today - datetime.timedelta(days=700)).isoformat() and (today - datetime.timedelta(days=5)).isoformat() < last < today.isoformat(),
   "two years of history that end yesterday (%s .. %s, built on %s)" % (first, last, today))
ok(one("SELECT count(*) FROM inspection WHERE entity NOT IN (SELECT id FROM entity)") == 0, "every inspection is of an existing entity")
ok(one("SELECT count(*) FROM inspection i JOIN entity e ON e.id = i.entity WHERE i.grid != e.grid") == 0, "in the entity's grid")
formal = q("SELECT inspectors FROM inspection WHERE kind = 'inspection'")
ids = {r[0] for r in q("SELECT id FROM officer WHERE role = 'inspector'")}
ok(formal and all(len(f[0].split(",")) == 2 and set(f[0].split(",")) <= ids for f in formal),
   "formal inspections by two certified inspectors")
ok(one("SELECT count(*) FROM task WHERE kind = 'recheck' AND status = 'open' AND due < ?", today.isoformat()) > 0, "some rectifications are overdue")
refs = {r[0] for r in q("SELECT code || '@' || version FROM checklist")}
used = q("SELECT DISTINCT checklist FROM inspection")
ok(len(refs) >= 20 and all(u[0] in refs for u in used if u[0]), "inspections name stored checklists (%d of %d used)" % (len(used), len(refs)))
ok(one("SELECT count(*) FROM inspection WHERE kind = 'inspection' AND checklist != '' AND id NOT IN (SELECT inspection FROM result)") == 0,
   "every formal inspection with a checklist has its item results")
ok(one("SELECT count(*) FROM inspection i WHERE kind = 'inspection' AND result = 'pass' AND EXISTS (SELECT 1 FROM result r WHERE r.inspection = i.id AND r.outcome = 'fail')") == 0,
   "a passed inspection has no failed item")
ok(one("SELECT count(*) FROM result r JOIN inspection i ON i.id = r.inspection WHERE r.outcome = 'fail' AND NOT EXISTS (SELECT 1 FROM finding f WHERE f.inspection = r.inspection AND f.item = r.item)") == 0,
   "every failed item has its finding")
ok(one("SELECT count(*) FROM finding WHERE status = 'open' AND deadline != '' AND deadline < ?", today.isoformat()) > 0, "some findings are past their deadline")
ok(one("SELECT count(*) FROM finding WHERE status = 'rectified'") > 0, "others were rectified at the re-inspection")
ok(one("SELECT count(*) FROM task WHERE kind = 'recheck' AND status = 'done'") > 0, "most are re-inspected")
ok(one("SELECT count(*) FROM complaint") > 50, "complaints (%d)" % one("SELECT count(*) FROM complaint"))
ok(all(mobile.fullmatch(c[0]) for c in q("SELECT value FROM personal WHERE kind = 'complaint' AND field = 'contact'"))
   and one("SELECT count(*) FROM personal WHERE kind = 'complaint' AND field = 'contact'") == one("SELECT count(*) FROM complaint"),
   "complainants' phones are mobile numbers, kept by the county")
ok(one("SELECT count(*) FROM complaint WHERE complainant != '' OR contact != ''") == 0 and
   one("SELECT count(*) FROM officer WHERE phone != '' OR idcard != ''") == 0,
   "no complainant's identity, no officer's phone or ID number in the replicated records")
ok(one("SELECT count(*) FROM pending") == 0, "every record is in the county's history already (nothing left to commit)")
ok(one("SELECT count(*) FROM sync_sent WHERE file LIKE 'enroll-%'") == 0, "no enrollment bundle sent at build: each officer is enrolled when first opened")
# The county's log of bundles is its history's: each grid got its dispatches
# and gave back its officer's syncs, the last ones in the last weeks, and every
# logged tip is a commit of that grid's branch in the history.
grids = [r[0] for r in q("SELECT code FROM grid")]
last_sent = dict(q("SELECT branch, max(at) FROM sync_sent GROUP BY branch"))
last_back = dict(q("SELECT branch, max(at) FROM sync_received GROUP BY branch"))
since = lambda days: (today - datetime.timedelta(days=days)).isoformat()
ok(all(last_sent.get("refs/heads/grid/" + g, "") >= since(56) and
       last_back.get("refs/heads/grid/" + g, "") >= since(21) for g in grids),
   "every grid got a dispatch in the last eight weeks and returned a sync in the last three")
import os, subprocess
tips = q("SELECT branch, tip FROM sync_sent UNION ALL SELECT branch, tip FROM sync_received")
git = [os.environ.get("GIT", "git"), "--git-dir", os.path.join(os.path.dirname(sys.argv[1]), "history.git")]
bad = [t for b, t in tips[:200] if subprocess.run(git + ["merge-base", "--is-ancestor", t, b],
                                                  capture_output=True).returncode != 0]
ok(tips and not bad, "the logged bundles' tips are commits of their grid's branch (%d checked, %d bad)" % (min(len(tips), 200), len(bad)))
ok(one("SELECT count(*) FROM finding f JOIN inspection i ON i.id = f.inspection WHERE f.found < ?", (today - datetime.timedelta(days=690)).isoformat()) > 0, "findings from the first weeks, too")
ok(dict(q("SELECT key, value FROM meta")).get("demo_seed") == "7", "the seed is remembered")
ok(one("SELECT count(*) FROM entity_fts") == 2000 and one("SELECT count(*) FROM entity_initials WHERE initials != ''") == 2000,
   "the search index holds every entity, with the pinyin initials of its name")
ok(one("SELECT n FROM entity_count") == 2000 and one("SELECT count(*) FROM entity_visit") == 2000 and
   one("SELECT count(*) FROM entity_visit v WHERE v.last != COALESCE((SELECT max(started) FROM inspection i WHERE i.entity = v.entity), '')") == 0,
   "the derived tables (entity count, last visit) are right")
ok(one("SELECT count(DISTINCT rid) FROM entity_gram") == 2000 and
   one("SELECT count(*) FROM entity e WHERE NOT EXISTS (SELECT 1 FROM entity_gram g WHERE g.gram = substr(e.name, 1, 1) AND g.rid = e.rowid)") == 0,
   "the short-search grams name every entity, the first character of its name included")
ok(q("SELECT status, n FROM task_count WHERE n > 0 ORDER BY status") == q("SELECT status, count(*) FROM task GROUP BY status ORDER BY status"),
   "the kept task counts agree with the tasks")
open_titles = "SELECT title, count(*) FROM task WHERE status IN ('open', 'started') GROUP BY title ORDER BY title"
ok(one("SELECT count(*) FROM task_title") > 0 and
   q("SELECT title, n FROM task_title ORDER BY title") == q(open_titles),
   "task_title holds each open task's title once, with how many tasks have it")
print("1..%d" % n)
PY
check "python checks ran" test -n "$out"
printf '%s\n' "$out" | grep -q '^not ok' && not_ok "identifier and count checks" || ok "identifier and count checks"
printf '%s\n' "$out" | grep -E '^(not )?ok' | sed 's/^/# /'

# A county a trainer believes, on whatever day it is built (make check-dates
# builds it on four).
run python3 "${top_srcdir:-.}/tests/cli/demo-consistency.py" "$D/a" "$today" "$WANGGE"
check "consistency checks ran ($(printf '%s\n' "$out" | grep -c '^ok') passed)" test "$(printf '%s\n' "$out" | grep -c '^ok')" -ge 15
printf '%s\n' "$out" | grep -q '^not ok' && not_ok "the demo is consistent" || ok "the demo is consistent"
printf '%s\n' "$out" | grep -E '^(not )?ok' | sed 's/^/# /'

# The county's history and every grid officer's workspace, checked with stock git.
run git -C "$D/a/history.git" fsck --strict
check "stock git fsck accepts the county's history" test "$rc" -eq 0
sqlite3_count() {
	python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"
}
ngrids=$(sqlite3_count "$D/a/wangge.db" "SELECT count(*) FROM grid")
check "a branch per grid ($ngrids grids)" test "$(git -C "$D/a/history.git" for-each-ref refs/heads/grid/ | wc -l)" -eq "$ngrids"
check "no officer is enrolled at build: each is when first opened" test ! -e "$D/a/officers"
check "no enrollment bundle is left lying about" test -z "$(find "$D/a" -name '*.bundle')"
check "the same seed gives the same history" test "$(git -C "$D/a/history.git" for-each-ref)" = "$(git -C "$D/b/history.git" for-each-ref)"
# The history is the county's working life: every grid has commits in every
# month of its two years, its officer's weekly syncs signed with their key,
# and the county's dispatches signed with the county's.
run python3 "${top_srcdir:-.}/tests/cli/demo-history.py" "$D/a/history.git" "$(days -730)" "$(days -1)"
check "the history checks ran" test -n "$out"
check "the county's working life: $(printf '%s\n' "$out" | tr '\n' ' ')" test "$(printf '%s\n' "$out" | grep -c '^ok')" -eq 4
expect_rc 0 "the allowed signers of the demo county" "$WANGGE" -C "$D/a" key allowed-signers -o "$TEST_TMP/demo-allowed"
G1=$(git -C "$D/a/history.git" for-each-ref --count=1 --format='%(refname:short)' refs/heads/grid/)
sample="$(git -C "$D/a/history.git" log --format=%H --author='@' "$G1" | sed -n '1p;7p;40p')
$(git -C "$D/a/history.git" log --format=%H --author='^.* <county@' "$G1" | sed -n '1p;5p')
$(git -C "$D/a/history.git" rev-list --max-parents=0 refs/heads/common)"
for c in $sample; do
	expect_rc 0 "stock git verify-commit accepts ${c%"${c#??????????}"} ($(git -C "$D/a/history.git" log -1 --format='%ae' "$c" | cut -c1-14)...)" \
		"$GIT" --git-dir="$D/a/history.git" -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$TEST_TMP/demo-allowed" verify-commit "$c"
done
check "the sample has officers' and the county's commits" test "$(printf '%s\n' "$sample" | grep -c .)" -ge 5
expect_rc 0 "stock git fsck --strict accepts the county's history" "$GIT" --git-dir="$D/a/history.git" fsck --strict --no-progress
expect_rc 0 "wangge log shows the officers' syncs" "$WANGGE" -C "$D/a" log --grid "${G1#grid/}"
contains "$out" "Sync of grid" "  with their syncs"
G=$(git -C "$D/a/history.git" for-each-ref --format='%(refname:short)' refs/heads/grid/ | sed -n '5s|^grid/||p')
O=$D/a/officers/$G
expect_rc 0 "opening grid $G's officer enrolls them" "$WANGGE" demo --no-ui --dir "$D/a" --role "officer:$G"
contains "$out" "Enrolling the officer of grid $G" "  and says so"
check "  into their workspace, and no other" test "$(ls "$D/a/officers")" = "$G"
# (in a copy: the enrollment is the county's too, and $D/b stays as built)
cp -a "$D/b" "$D/b2"
expect_rc 0 "the same in the county built with the same seed" "$WANGGE" demo --no-ui --dir "$D/b2" --role "officer:$G"
run git -C "$O/history.git" fsck --strict
check "stock git fsck accepts officer $G's history" test "$rc" -eq 0
check "which has the grid's branch and the common one" test "$(git -C "$O/history.git" for-each-ref --format='%(refname)' refs/heads/ | tr '\n' ' ')" = "refs/heads/common refs/heads/grid/$G "
expect_rc 0 "the officer's workspace passes wangge check" "$WANGGE" -C "$O" check
check "it holds the entities of its grid, all of them" test "$(sqlite3_count "$O/wangge.db" "SELECT count(*) FROM entity")" -eq "$(sqlite3_count "$D/a/wangge.db" "SELECT count(*) FROM entity WHERE grid = '$G'")"
check "and nothing of another grid" test "$(sqlite3_count "$O/wangge.db" "SELECT count(*) FROM inspection WHERE grid != '$G'")" -eq 0
check "the same seed gives the same officer's workspace" test "$(dump "$O")" = "$(dump "$D/b2/officers/$G")"
rm -rf "$D/b2"

# Re-opening leaves the county as it is; other options need --reset.
before=$(snapshot "$D/a")
TERM=xterm WANGGE_TUI_EXIT=first-draw expect_rc 0 "demo again re-opens it" "$WANGGE" demo --dir "$D/a"
contains "$out" "as it was left" "and says so"
contains "$out" "$(printf '\033[?1049h')" "without --no-ui it opens the full-screen program"
check "without touching it" test "$(snapshot "$D/a")" = "$before"
LC_ALL=zh_CN.UTF-8 expect_rc 0 "demo under zh_CN" "$WANGGE" demo --no-ui --dir "$D/b"
contains "$out" "演示县" "speaks Chinese"
contains "$out" "保持上次离开时的状态" "including the re-open note"
contains "$out" "检查对象" "and the counts' labels"
expect_rc 2 "another seed without --reset is refused" "$WANGGE" demo --no-ui --seed 8 --dir "$D/a"
contains "$err" "--reset" "and the message says how"
check "the demo is unchanged" test "$(snapshot "$D/a")" = "$before"
"$WANGGE" -C "$D/a" entity set "$("$WANGGE" -C "$D/a" entity list --format tsv | sed -n 2p | cut -f1)" name=改过的名字 >/dev/null
check "a trainee changes something" test "$(dump "$D/a")" != "$(dump "$D/b")"
# What a killed build left (its folder, its workspace lock held by nobody)
# goes with the next build; a folder a build may just have made stays.
mkdir -p "$D/a.new-Kil1ed" "$D/a.new-Fresh1"
: >"$D/a.new-Kil1ed/lock"
expect_rc 0 "--reset puts it back" "$WANGGE" demo --no-ui --reset --dir "$D/a"
check "  and removes a killed build's folder" test ! -e "$D/a.new-Kil1ed"
check "  but not one made a moment ago" test -d "$D/a.new-Fresh1"
rmdir "$D/a.new-Fresh1"
check "to the very same county" test "$(dump "$D/a")" = "$(dump "$D/b")"
check "and leaves no folders behind" test "$(ls "$D")" = "$(printf 'a\nb\nc')"
expect_rc 0 "--reset --seed 8 builds another" "$WANGGE" demo --no-ui --reset --seed 8 --dir "$D/a"
check "the county of seed 8" test "$(dump "$D/a")" = "$(dump "$D/c")"

# Never a real workspace, never a folder with other things in it.
R=$TEST_TMP/real
"$WANGGE" -C "$R" init county --name 示范县 --code 330102 >/dev/null
before=$(snapshot "$R")
expect_rc 2 "a real workspace is refused" "$WANGGE" demo --no-ui --dir "$R"
contains "$err" "real workspace" "with a clear message"
expect_rc 2 "even with --reset" "$WANGGE" demo --no-ui --reset --dir "$R"
check "the real workspace is unchanged" test "$(snapshot "$R")" = "$before"
mkdir -p "$TEST_TMP/other" && echo keep >"$TEST_TMP/other/notes.txt"
expect_rc 2 "a folder with other files is refused" "$WANGGE" demo --no-ui --dir "$TEST_TMP/other"
check "and left alone" test "$(ls "$TEST_TMP/other")" = notes.txt
expect_rc 1 "--size huge is a usage error" "$WANGGE" demo --no-ui --size huge --dir "$D/x"
expect_rc 1 "--seed abc is a usage error" "$WANGGE" demo --no-ui --seed abc --dir "$D/x"
expect_rc 1 "--role foo is a usage error" "$WANGGE" demo --no-ui --role foo --dir "$D/x"
WANGGE_DATADIR=$TEST_TMP/nowhere expect_rc 3 "without its word lists the demo fails cleanly" "$WANGGE" demo --no-ui --dir "$D/x"
contains "$err" "places.txt" "naming the missing file"
check "and leaves nothing behind" test ! -e "$D/x"
check "nor any temporary folder" test "$(ls "$D")" = "$(printf 'a\nb\nc')"

# The default folder is the demo's own, not the default workspace.
expect_rc 0 "demo with no --dir (and no --seed)" "$WANGGE" demo --no-ui
check "lives in \$XDG_DATA_HOME/wangge/demo-county" test -f "$XDG_DATA_HOME/wangge/demo-county/wangge.db"
check "and not in the default workspace" test ! -e "$XDG_DATA_HOME/wangge/default"

# The README's first session names the default demo's grid and clinic, and the
# pinyin initials that find it: they must be what the default seed builds.
R_DB=$XDG_DATA_HOME/wangge/demo-county/wangge.db
readme=${top_srcdir:-.}/README
r_grid=$(sed -n 's/.*demo --role officer:\([0-9-]*\).*/\1/p' "$readme" | head -n 1)
r_initials=$(sed -n 's/.*`\([a-z]*\)` for \([^ ,]*\),.*/\1/p' "$readme" | head -n 1)
r_name=$(sed -n 's/.*`\([a-z]*\)` for \([^ ,]*\),.*/\2/p' "$readme" | head -n 1)
check "the README names a grid, a clinic and its initials ($r_grid, $r_name, $r_initials)" \
	test -n "$r_grid" -a -n "$r_name" -a -n "$r_initials"
check "  the default demo has that grid" \
	test "$(sqlite3_count "$R_DB" "SELECT count(*) FROM grid WHERE code = '$r_grid'")" -eq 1
check "  and that clinic in it" \
	test "$(sqlite3_count "$R_DB" "SELECT count(*) FROM entity WHERE grid = '$r_grid' AND name = '$r_name'")" -eq 1
check "  whose pinyin initials are the README's" \
	test "$(sqlite3_count "$R_DB" "SELECT count(*) FROM entity e JOIN entity_initials i ON i.id = e.rowid WHERE e.name = '$r_name' AND i.initials LIKE '%$r_initials%'")" -ge 1
r_grids=$(sed -n 's/.*realistic county of \([0-9]*\) grids.*/\1/p' "$readme" | head -n 1)
check "  and as many grids as the README says (${r_grids:-none})" \
	test "$(sqlite3_count "$R_DB" "SELECT count(*) FROM grid")" -eq "${r_grids:-0}"
r_scen=$(tr '\n' ' ' <"$readme" | grep -o -- '--scenario [a-z-]*' | sed 's/--scenario //' | sort -u | tr '\n' ' ')
# (every scenario the program has: it lists them when asked for one it has not)
all_scen=$(wg demo --no-ui --dir "$TEST_TMP/no-such-demo" --scenario no-such 2>&1 |
	sed -n 's/.*the scenarios are: //p' | tr -d ',' | tr ' ' '\n' | grep . | sort | tr '\n' ' ')
check "  and names every scenario ($r_scen)" test "$r_scen" = "$all_scen"

done_testing
