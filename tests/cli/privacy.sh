#!/bin/sh
# Personal data stays where it belongs: after a realistic round (complaints
# with complainants, officers with ID numbers and phones, enrollment, dispatch,
# exports both ways, imports), no bundle (opened with stock age, every object
# read with stock git) and no officer's workspace (its database and its
# history) holds any complainant's name, phone or ID number, or any officer's
# ID number or phone. The county still has them all.
. "${top_srcdir:-.}/tests/lib.sh"

need_stock_git
need_age
W=$TEST_TMP/county
A=$TEST_TMP/officer-a
C=$TEST_TMP/officer-c
X=$TEST_TMP/usb
mkdir -p "$X/all" "$X/out"
WANGGE_NOW=2026-11-20T01:00:00Z
export WANGGE_NOW

wg -C "$W" init county --name 示范县 --code 330102 >/dev/null
wg -C "$W" grid add --code G01 --name 一网格 --township 中山乡 >/dev/null
wg -C "$W" grid add --code G02 --name 二网格 --township 东湖镇 >/dev/null
oa=$(wg -C "$W" officer add --name 张三 --grid G01 --phone 13812340001 --idcard 330102198001010018 | tail -n 1)
oc=$(wg -C "$W" officer add --name 王五 --grid G02 --phone 13812340002 --idcard 330102198512310020 | tail -n 1)
wg -C "$W" officer add --name 赵强 --role inspector --cert 浙卫执0002 --phone 13812340003 --idcard 330102197512120038 >/dev/null
e1=$(wg -C "$W" entity add --grid G01 --category P100 --name 康泰大药房 | tail -n 1)
e2=$(wg -C "$W" entity add --grid G02 --category D211 --name 东湖诊所 | tail -n 1)
c1=$(wg -C "$W" complaint add --entity "$e1" --channel phone --content 店员在店内给人输液 \
	--complainant 郭燕 --contact 13063775789 --complainant-id 11010519491231002X | tail -n 1)
c2=$(wg -C "$W" complaint add --entity "$e2" --channel visit --content 无证拔牙 \
	--complainant 欧阳明月 --contact 13999990000 | tail -n 1)
wg -C "$W" complaint add --grid G02 --channel letter --location 东湖村小卖部后院 --content 有人无证看病 \
	--complainant 司马相如 --contact 13711112222 >/dev/null
personal="13812340001 330102198001010018 13812340002 330102198512310020 13812340003
330102197512120038 郭燕 13063775789 11010519491231002X 欧阳明月 13999990000 司马相如 13711112222"
check "the county keeps every one (a valid ID number was refused?)" \
	test "$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM personal")" -eq 13

# The round: enrollment (one by one and --all), keys, checks, dispatch,
# exports both ways.
wg -C "$W" enroll --grid G01 --officer "$oa" -o "$X/enroll-a.bundle" >/dev/null
wg -C "$W" enroll --grid G02 --officer "$oc" -o "$X/enroll-c.bundle" >/dev/null
wg -C "$W" enroll --all -o "$X/all" >/dev/null
wg -C "$A" init officer --from "$X/enroll-a.bundle" >/dev/null
wg -C "$C" init officer --from "$X/enroll-c.bundle" >/dev/null
register_key "$W" "$A"
register_key "$W" "$C"
wg -C "$W" complaint verify "$c1" --assignee "$oa" >/dev/null
wg -C "$W" complaint verify "$c2" --assignee "$oc" >/dev/null
expect_rc 0 "dispatch" wg -C "$W" dispatch --out "$X/out"
for f in "$X"/out/G01-*.bundle; do wg -C "$A" import "$f" >/dev/null; done
for f in "$X"/out/G02-*.bundle; do wg -C "$C" import "$f" >/dev/null; done
expect_rc 0 "officer A sees the complaint check" wg -C "$A" task list
contains "$out" "康泰大药房" "  for 康泰大药房"
t=$(wg -C "$A" task list --format tsv | tail -n 1 | cut -f1)
wg -C "$A" inspection start --task "$t" >/dev/null
wg -C "$A" export -o "$X/a1.bundle" >/dev/null
wg -C "$C" export -o "$X/c1.bundle" >/dev/null
wg -C "$W" import "$X/a1.bundle" "$X/c1.bundle" >/dev/null
wg -C "$W" export --grid G01 -o "$X/g01.bundle" >/dev/null
wg -C "$W" export --grid G01 --full --plain -o "$X/g01-full.bundle" >/dev/null
wg -C "$A" import "$X/g01.bundle" >/dev/null

# Every bundle: opened by its reader's key, cloned, every object read.
n=0
for f in "$X"/*.bundle "$X"/all/*.bundle "$X"/out/*.bundle; do
	case $f in
	*/a1.bundle | */c1.bundle) reader=$W ;;
	*G02* | *enroll-c* | */c*) reader=$C ;;
	*) reader=$A ;;
	esac
	plain=$(opened "$f" "$reader") || { not_ok "open $(basename "$f")"; continue; }
	clone=$TEST_TMP/clone-$n
	"$GIT" clone -q --mirror "$plain" "$clone" 2>/dev/null ||
		"$GIT" init -q --bare "$clone" && "$GIT" -C "$clone" fetch -q "$plain" '+refs/*:refs/*' 2>/dev/null
	"$GIT" -C "$clone" cat-file --batch-all-objects --batch >"$TEST_TMP/objects-$n"
	n=$((n + 1))
done
check "bundles read: every one opened and cloned ($n)" test "$n" -ge 10 -a "$(cat "$TEST_TMP"/objects-* | wc -c)" -gt 10000
found=
for v in $personal; do
	grep -l -- "$v" "$TEST_TMP"/objects-* >/dev/null 2>&1 && found="$found $v"
done
check "no personal value in any bundle (found:$found)" test -z "$found"
check "  the bundles do carry the work (the complaint's content, the officers' names)" \
	sh -c "grep -q 店员在店内给人输液 '$TEST_TMP'/objects-* && grep -q 张三 '$TEST_TMP'/objects-*"

# Every officer workspace: its database files and every object of its history.
for o in "$A" "$C"; do
	wg -C "$o" check >/dev/null
	"$GIT" -C "$o/history.git" cat-file --batch-all-objects --batch >"$TEST_TMP/officer-objects"
	found=
	for v in $personal; do
		cat "$o"/wangge.db* "$TEST_TMP/officer-objects" | grep -a -q -- "$v" && found="$found $v"
	done
	check "no personal value in $(basename "$o")'s database or history (found:$found)" test -z "$found"
done
expect_rc 0 "officer A's complaint check names no complainant" wg -C "$A" complaint show "$c1"
contains "$out" "kept by the county" "  the complainant is kept by the county"
expect_rc 0 "officer A's officer list" wg -C "$A" officer list
lacks "$out" "138****" "  shows no officer's phone"

# The county has them all, in its own database only.
expect_rc 0 "the county's complaint show" wg -C "$W" complaint show "$c1"
contains "$out" "13063775789" "  has the complainant's phone"
contains "$out" "郭燕" "  and name"
expect_rc 0 "the county's officer list" wg -C "$W" officer list
contains "$out" "138****0001" "  has the officers' phones (masked in the list)"
"$GIT" -C "$W/history.git" cat-file --batch-all-objects --batch >"$TEST_TMP/county-objects"
found=
for v in $personal; do
	grep -a -q -- "$v" "$TEST_TMP/county-objects" && found="$found $v"
done
check "  and not in its own history either (found:$found)" test -z "$found"
expect_rc 0 "the county's check" wg -C "$W" check

# ---- a workspace made before version 13: the migration ----
# Put it back as an older wangge left it: the values in the records, no
# personal table, no triggers, none of the later versions' tables, database
# version 12.
old() { # old WORKSPACE: the values back in the records, version 12
	# the change triggers as they were before changed_grid: each head up to
	# BEGIN, and a row of changed, the table they wrote
	sqlite3 "$1/wangge.db" "SELECT 'DROP TRIGGER ' || name || '; ' ||
		substr(sql, 1, instr(sql, ' BEGIN ') + 5) ||
		' INSERT OR IGNORE INTO changed(kind, id) VALUES (''' || tbl_name || ''', ' ||
		CASE WHEN name LIKE '%DELETE_changed' THEN 'old' ELSE 'new' END || '.id); END;'
		FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%INTO pending%'" >"$1/old-triggers.sql"
	sqlite3 "$1/wangge.db" "CREATE TABLE changed (kind TEXT NOT NULL, id TEXT NOT NULL,
		PRIMARY KEY (kind, id)) WITHOUT ROWID; DROP TABLE pending;"
	sqlite3 "$1/wangge.db" <"$1/old-triggers.sql"
	rm -f "$1/old-triggers.sql"
	sqlite3 "$1/wangge.db" "DROP TRIGGER inspection_publish_insert; DROP TRIGGER inspection_publish_update;
		DROP TRIGGER inspection_publish_delete; DROP TRIGGER task_publish_insert;
		DROP TRIGGER task_publish_update; DROP TRIGGER task_publish_delete;
		DROP TRIGGER finding_points_insert; DROP TRIGGER finding_points_update;
		DROP TRIGGER finding_points_delete; DROP TRIGGER entity_points_insert;
		DROP TRIGGER entity_points_update; DROP VIEW publish_ready; DROP TABLE publish_wait; DROP TABLE publish_day;
		DROP TABLE points_alert; DROP TABLE points_stale;
		DROP INDEX sync_sent_branch; DROP INDEX sync_received_branch;
		DROP INDEX task_open;
		CREATE INDEX task_open ON task(due = '', due, id) WHERE status IN ('open', 'started');
		DROP TRIGGER complaint_personal_insert; DROP TRIGGER complaint_personal_update;
		DROP TRIGGER officer_personal_insert; DROP TRIGGER officer_personal_update;
		UPDATE officer SET phone = '13812347777', idcard = '330102198001010018' WHERE id = '$oa';
		UPDATE complaint SET complainant = '郭燕', contact = '13063775789' WHERE id = '$c1';
		DROP TABLE personal; DELETE FROM changed;
		DROP TABLE rules; DROP TABLE recompute; DROP TABLE blacklist;
		DROP TABLE penalty; DROP TABLE penalty_step; DROP TABLE discretion; DROP TABLE clue;
		DROP TABLE staff; DROP TABLE notice; DROP INDEX entity_licence_due; DROP INDEX complaint_open; DROP INDEX task_open_grid;
		DROP INDEX task_unpublished; DROP INDEX finding_violation;
		ALTER TABLE entity DROP COLUMN subjects;
		ALTER TABLE county DROP COLUMN penalty_publish_days;
		ALTER TABLE county DROP COLUMN case_prefix;
		ALTER TABLE county DROP COLUMN officer_opinion;
		DROP TABLE sync_import; DROP TABLE sync_import_ref;
		ALTER TABLE conflict DROP COLUMN ours_by; ALTER TABLE conflict DROP COLUMN ours_at;
		ALTER TABLE conflict DROP COLUMN theirs_by; ALTER TABLE conflict DROP COLUMN theirs_at;
		ALTER TABLE conflict DROP COLUMN import;
		DROP INDEX entity_name_key; DROP INDEX entity_grid_key;
		DROP INDEX entity_category_key; DROP INDEX entity_status_key;
		ALTER TABLE entity DROP COLUMN name_key;
		DROP INDEX task_open_search; DROP INDEX inspection_signed_at;
		DROP TRIGGER task_title_insert; DROP TRIGGER task_title_delete;
		DROP TRIGGER task_title_update; DROP TRIGGER task_title_replace;
		DROP TABLE task_title; DROP INDEX task_open_title;
		DROP TRIGGER inspection_visit_insert; DROP TRIGGER inspection_visit_update;
		DROP TRIGGER inspection_visit_delete;
		ALTER TABLE entity_visit DROP COLUMN last_result;
		ALTER TABLE entity_visit DROP COLUMN last_signed;
		DROP INDEX task_random_due; DROP INDEX task_source;
		CREATE INDEX task_source ON task(source); CREATE INDEX task_due ON task(due);
		CREATE INDEX task_status_due ON task(status, due); DROP TABLE pending_whole;
		PRAGMA user_version = 12;"
}
old "$W"
old "$A"
expect_rc 0 "an older county workspace opens (and is upgraded)" wg -C "$W" complaint show "$c1"
contains "$out" "郭燕" "  the complainant moved into the county's personal data"
check "  out of the record" test "$(sqlite3 "$W/wangge.db" "SELECT complainant || contact FROM complaint WHERE id = '$c1'")" = ""
check "  the officer's phone and ID number too" test "$(sqlite3 "$W/wangge.db" "SELECT phone || idcard FROM officer WHERE id = '$oa'") $(sqlite3 "$W/wangge.db" "SELECT value FROM personal WHERE id = '$oa' AND field = 'phone'")" = " 13812347777"
check "  the records are marked for the next commit" test "$(sqlite3 "$W/wangge.db" "SELECT count(*) FROM pending WHERE kind IN ('complaint', 'officer')")" -ge 2
check "  database version 13 and on" test "$(sqlite3 "$W/wangge.db" "PRAGMA user_version")" -ge 13
expect_rc 0 "an older officer workspace opens" wg -C "$A" task list
check "  the values are dropped from its database" test "$(sqlite3 "$A/wangge.db" "SELECT count(*) FROM personal") $(sqlite3 "$A/wangge.db" "SELECT complainant || contact FROM complaint WHERE id = '$c1'")$(sqlite3 "$A/wangge.db" "SELECT phone || idcard FROM officer WHERE id = '$oa'")" = "0 "
check "  and it has nothing of the county's to commit" test "$(sqlite3 "$A/wangge.db" "SELECT count(*) FROM pending WHERE kind = 'officer'")" = 0
expect_rc 0 "the county exports after the upgrade" wg -C "$W" export --grid G01 -o "$X/after.bundle"
plain=$(opened "$X/after.bundle" "$A")
"$GIT" init -q --bare "$TEST_TMP/after.git"
"$GIT" -C "$TEST_TMP/after.git" fetch -q "$A/history.git" '+refs/*:refs/*'
"$GIT" -C "$TEST_TMP/after.git" fetch -q "$plain" '+refs/heads/*:refs/heads/*'
"$GIT" -C "$TEST_TMP/after.git" show "refs/heads/grid/G01:complaint/$(printf %s "$c1" | cut -c1-2)/$(printf %s "$c1" | cut -c3)/$c1" >"$TEST_TMP/after-complaint" 2>/dev/null ||
	"$GIT" -C "$TEST_TMP/after.git" grep -h "$c1" refs/heads/grid/G01 >"$TEST_TMP/after-complaint"
check "  its newest records hold no complainant" sh -c "! grep -q 郭燕 '$TEST_TMP/after-complaint' && grep -q '^complainant=\$' '$TEST_TMP/after-complaint'"
expect_rc 0 "officer A imports it" wg -C "$A" import "$X/after.bundle"
done_testing
