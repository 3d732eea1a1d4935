#!/bin/sh
# Staff and scope (issue 21): an entity's practitioners (执业人员) and a
# medical institution's registered services (诊疗科目); checklist items that
# check practice against them; licence and certificate expiry alerts N days
# ahead, N the county's rule value; points on a person; the optional notice
# (记分告知) before points become final; an officer and the county counting
# the same points after a sync; a practitioner's ID number never in an
# officer's workspace nor in any bundle (every object read with stock git).
# Every step pins its own clock.
. "${top_srcdir:-.}/tests/lib.sh"
need_stock_git
need_age

C=$TEST_TMP/county
O=$TEST_TMP/officer
at() { when=$1; shift; WANGGE_NOW=$when "$WANGGE" "$@"; }
# Friday 20 November 2026, 10:00 in China
T1=2026-11-20T02:00:00Z
# Thursday 26 November 2026: within five working days of T1
T2=2026-11-26T02:00:00Z
# Monday 30 November 2026: the five working days after T1 are over
T3=2026-11-30T02:00:00Z
ID=330102198001010018

expect_rc 0 "county" at $T1 -C "$C" init county --name 示范县 --code 330102
expect_rc 0 "grid" at $T1 -C "$C" grid add --code G1 --name 一网格 --township 中山乡
expect_rc 0 "officer" at $T1 -C "$C" officer add --name 李明 --grid G1
off=$(last_line)
expect_rc 0 "inspector 1" at $T1 -C "$C" officer add --name 王芳 --role inspector --cert 浙卫执0001
in1=$(last_line)
expect_rc 0 "inspector 2" at $T1 -C "$C" officer add --name 赵强 --role inspector --cert 浙卫执0002
in2=$(last_line)
expect_rc 0 "a clinic with its registered services" at $T1 -C "$C" entity add --grid G1 --category D211 \
	--name 仁和诊所 --subjects 内科、预防保健科 --licence-expiry 2026-12-10
e=$(last_line)
expect_rc 0 "a hotel whose licence expires in 40 days" at $T1 -C "$C" entity add --grid G1 --category H110 \
	--name 东湖宾馆 --licence-expiry 2026-12-30
expect_rc 0 "  and one expiring in 90 days" at $T1 -C "$C" entity add --grid G1 --category H110 \
	--name 西湖宾馆 --licence-expiry 2027-02-18
expect_rc 0 "the services are editable" at $T1 -C "$C" entity set "$e" subjects=内科、预防保健科、中医科
expect_rc 0 "  shown" at $T1 -C "$C" entity show "$e"
contains "$out" "内科、预防保健科、中医科" "  with the entity"

# ---- practitioners ----
expect_rc 0 "a physician with an expired certificate and an ID number" at $T1 -C "$C" staff add \
	--entity "$e" --name 李建国 --kind physician --cert 110330100012345 --cert-expiry 2026-11-01 \
	--scope 内科专业 --idcard $ID
s1=$(last_line)
expect_rc 0 "a nurse, certificate valid" at $T1 -C "$C" staff add --entity "$e" --name 陈静 --kind nurse \
	--cert 201833001234 --cert-expiry 2026-12-15
s2=$(last_line)
expect_rc 0 "a village doctor with no certificate number" at $T1 -C "$C" staff add --entity "$e" \
	--name 赵大山 --kind village_doctor
s3=$(last_line)
expect_rc 2 "a kind that is none of the kinds is refused" at $T1 -C "$C" staff add --entity "$e" --name 某 --kind healer
expect_rc 2 "an ID number with a wrong check digit is refused" at $T1 -C "$C" staff add --entity "$e" \
	--name 某 --kind nurse --idcard 330102198001010019
expect_rc 2 "a practitioner belongs to an entity" at $T1 -C "$C" staff add --name 某 --kind nurse
expect_rc 0 "the list" at $T1 -C "$C" staff list --entity "$e" --format tsv
contains "$out" "李建国	licensed physician	110330100012345	2026-11-01	仁和诊所	on duty	certificate expired on 2026-11-01" \
	"an expired certificate is named"
contains "$out" "赵大山	village doctor			仁和诊所	on duty	no certificate number: not registered" \
	"  and an unregistered practitioner"
check "  a practitioner in order has nothing against her" \
	sh -c 'printf "%s\n" "$1" | grep -q "	陈静	nurse	201833001234	2026-12-15	仁和诊所	on duty	\$"' - "$out"
lacks "$out" "$ID" "  no ID number in the list"
expect_rc 0 "show" at $T1 -C "$C" staff show "$s1"
contains "$out" "330102********0018" "the county sees the ID number masked"
lacks "$out" "$ID" "  never in full"
contains "$out" "registered practice place  仁和诊所" "  the practice place defaults to the entity"
check "the ID number is in the county's personal data" \
	test "$(sqlite3 "$C/wangge.db" "SELECT value FROM personal WHERE kind = 'staff' AND id = '$s1'")" = "$ID"
check "  not in the record" test "$(sqlite3 "$C/wangge.db" "SELECT count(*) FROM staff WHERE idcard != ''")" -eq 0
expect_rc 0 "a practitioner moves elsewhere" at $T1 -C "$C" staff set "$s2" place=西湖诊所
expect_rc 0 "  the check says so" at $T1 -C "$C" staff show "$s2"
contains "$out" "registered to practise at 西湖诊所, not here" "  registered elsewhere"
expect_rc 0 "  and back" at $T1 -C "$C" staff set "$s2" place=仁和诊所

# ---- the register check ----
expect_rc 0 "staff check, services seen" at $T1 -C "$C" staff check "$e" --seen 内科、口腔科
contains "$out" "Registered services: 内科、预防保健科、中医科" "the registered services are shown"
contains "$out" "口腔科 is practised but not a registered service" "a service beyond them is found"
lacks "$out" "内科 is practised" "  a registered one is not"
contains "$out" "李建国: certificate expired on 2026-11-01" "the practitioners are checked"

# ---- expiry alerts: N days ahead, N the county's rule value ----
expect_rc 0 "expiry (the rule value)" at $T1 -C "$C" expiry --format tsv
contains "$out" "licence	仁和诊所	仁和诊所	G1	2026-12-10	20	$e" "a licence expiring in 20 days"
contains "$out" "practising certificate	李建国	仁和诊所	G1	2026-11-01	-19	$s1" "an expired certificate"
contains "$out" "practising certificate	陈静	仁和诊所	G1	2026-12-15	25" "a certificate expiring in 25 days"
contains "$out" "东湖宾馆" "  40 days ahead: within the shipped 60"
lacks "$out" "西湖宾馆" "  90 days ahead: not yet"
expect_rc 0 "expiry --days 21" at $T1 -C "$C" expiry --days 21 --format tsv
lacks "$out" "陈静" "  --days sets N for one look"
printf '@rules limits\n@effective 2026-11-21\n@scheme 提醒提前100天\n@publish-workdays 20\n@complaint-workdays 15\n@expiry-alert-days 100\n' >"$TEST_TMP/limits"
expect_rc 0 "the county changes its rule value" at $T1 -C "$C" rules import "$TEST_TMP/limits"
expect_rc 0 "  in force the day after" at $T2 -C "$C" expiry --format tsv
contains "$out" "西湖宾馆" "  100 days ahead now"

# ---- items checked against the register, in an enforcement inspection ----
expect_rc 0 "inspection" at $T1 -C "$C" inspection start --entity "$e" --kind inspection --inspector "$in1" --inspector "$in2"
i=$(last_line)
expect_rc 2 "a pass the register contradicts is refused" at $T1 -C "$C" inspection record "$i" CL21 pass --seen 内科、口腔科
contains "$out" "Registered services: 内科、预防保健科、中医科" "  the inspector sees the registered services"
contains "$err" "口腔科 is practised but not a registered service" "  and why"
contains "$err" "--confirm" "  and how to confirm"
expect_rc 0 "  recorded as a failure" at $T1 -C "$C" inspection record "$i" CL21 fail --seen 内科、口腔科
expect_rc 2 "practitioners: a pass refused" at $T1 -C "$C" inspection record "$i" CL22 pass
contains "$out" "李建国  licensed physician  110330100012345  2026-11-01" "  the inspector sees the practitioners"
expect_rc 0 "  a failure" at $T1 -C "$C" inspection record "$i" CL22 fail
expect_rc 0 "services seen all registered: a pass" at $T1 -C "$C" inspection record "$i" CL04 pass
for n in 01 02 03 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
	at $T1 -C "$C" inspection record "$i" CL$n pass >/dev/null || not_ok "record CL$n"
done
expect_rc 0 "unqualified staff (12 points)" at $T1 -C "$C" inspection record "$i" CL05 fail
expect_rc 0 "signed" at $T1 -C "$C" inspection sign "$i"
check "the findings keep what the register showed" test "$(sqlite3 "$C/wangge.db" \
	"SELECT note FROM finding WHERE item = 'CL21'")" = "口腔科 is practised but not a registered service"
note=$(sqlite3 "$C/wangge.db" "SELECT note FROM finding WHERE item = 'CL22'")
contains "$note" "李建国: certificate expired on 2026-11-01；赵大山: no certificate number: not registered" \
	"  the practitioners' problems"
f5=$(sqlite3 "$C/wangge.db" "SELECT id FROM finding WHERE item = 'CL05'")
expect_rc 0 "points before any notice" at $T1 -C "$C" points show "$e"
contains "$out" "Points: 12 (1 violation)" "a finding without a notice counts at once"

# ---- 记分告知: notice, answer, decision ----
expect_rc 2 "a finding without a violation carries no points" at $T1 -C "$C" points notice \
	"$(sqlite3 "$C/wangge.db" "SELECT id FROM finding WHERE item = 'CL21'")" --days 5
expect_rc 1 "an answer period is given" at $T1 -C "$C" points notice "$f5"
expect_rc 0 "the institution is notified" at $T1 -C "$C" points notice "$f5" --days 5
n1=$(last_line)
expect_rc 2 "  once" at $T1 -C "$C" points notice "$f5" --days 5
expect_rc 0 "the practitioner is notified of the same points" at $T1 -C "$C" points notice "$f5" --staff "$s3" --days 5
n2=$(last_line)
expect_rc 2 "a practitioner of another entity is refused" at $T1 -C "$C" points notice "$f5" --staff "$e" --days 5
expect_rc 0 "notices" at $T1 -C "$C" points notices --format tsv
contains "$out" "仁和诊所		M-STAFF	2026-11-20	2026-11-27	notified, answer period" "the institution's notice, 5 working days"
contains "$out" "仁和诊所	赵大山	M-STAFF	2026-11-20	2026-11-27	notified, answer period" "  the practitioner's"
expect_rc 0 "points under notice" at $T1 -C "$C" points show "$e"
contains "$out" "Points: 0 (0 violations)" "points under notice are not final"
expect_rc 0 "the institution answers" at $T2 -C "$C" points answer "$n1" --text 该人员已取得资格，证书在办理中
expect_rc 2 "  once" at $T2 -C "$C" points answer "$n1" --text 再答
expect_rc 0 "the practitioner's points after the period" at $T3 -C "$C" points show --staff "$s3"
contains "$out" "Points: 12 (1 violation)" "no answer in the period: final by itself"
expect_rc 2 "  an answer after the period is refused" at $T3 -C "$C" points answer "$n2" --text 迟了
expect_rc 2 "  and so is a decision" at $T3 -C "$C" points decide "$n2" --withdraw --reason 迟了
expect_rc 0 "the answered notice waits for the county" at $T3 -C "$C" points show "$e"
contains "$out" "Points: 0 (0 violations)" "  still not final"
expect_rc 1 "a decision needs --final or --withdraw" at $T3 -C "$C" points decide "$n1" --reason 核实
expect_rc 0 "the county decides: final" at $T3 -C "$C" points decide "$n1" --final --reason 经核实，答辩理由不成立
expect_rc 2 "  once" at $T3 -C "$C" points decide "$n1" --withdraw --reason 改
expect_rc 0 "points now" at $T3 -C "$C" points show "$e"
contains "$out" "Points: 12 (1 violation)" "final on the county's decision"
county_e=$out
expect_rc 0 "the practitioner's" at $T3 -C "$C" points show --staff "$s3"
county_s=$out
expect_rc 0 "every notice" at $T3 -C "$C" points notices --all --format tsv
contains "$out" "赵大山	M-STAFF	2026-11-20	2026-11-27	final" "the practitioner's final"

# ---- the officer: same points after a sync; no ID number anywhere ----
expect_rc 0 "enroll" at $T3 -C "$C" enroll --grid G1 --officer "$off" -o "$TEST_TMP/enroll.bundle"
expect_rc 0 "officer workspace" at $T3 -C "$O" init officer --from "$TEST_TMP/enroll.bundle"
register_key "$C" "$O"
expect_rc 0 "officer: points" at $T3 -C "$O" points show "$e"
check "  the same as the county's" test "$out" = "$county_e"
expect_rc 0 "officer: the practitioner's points" at $T3 -C "$O" points show --staff "$s3"
check "  the same as the county's" test "$out" = "$county_s"
expect_rc 0 "officer: the practitioners" at $T3 -C "$O" staff list --format tsv
contains "$out" "李建国	licensed physician" "the officer receives the practitioners"
expect_rc 0 "officer: show" at $T3 -C "$O" staff show "$s1"
contains "$out" "kept by the county" "  the ID number is the county's"
expect_rc 2 "officer: no ID number" at $T3 -C "$O" staff add --entity "$e" --name 钱多 --kind nurse --idcard 330102198512310020
expect_rc 2 "officer: not by set either" at $T3 -C "$O" staff set "$s2" idcard=330102198512310020
expect_rc 2 "officer: notices are the county's" at $T3 -C "$O" points notice "$f5" --staff "$s1" --days 5
expect_rc 0 "officer: a practitioner found on patrol" at $T3 -C "$O" staff add --entity "$e" --name 钱多 --kind nurse \
	--cert 201933009999 --cert-expiry 2027-03-01
s4=$(last_line)
expect_rc 0 "officer: expiry on the officer's machine" at $T3 -C "$O" expiry --format tsv
contains "$out" "practising certificate	李建国" "  the officer sees the same alerts"
expect_rc 0 "officer export" at $T3 -C "$O" export -o "$TEST_TMP/back.bundle"
expect_rc 0 "county import" at $T3 -C "$C" import "$TEST_TMP/back.bundle"
expect_rc 0 "county: the officer's practitioner" at $T3 -C "$C" staff show "$s4"
contains "$out" "钱多" "  arrived"
expect_rc 0 "county bundle" at $T3 -C "$C" export --grid G1 -o "$TEST_TMP/g1.bundle"
expect_rc 0 "officer import" at $T3 -C "$O" import "$TEST_TMP/g1.bundle"
check "the officer's database holds no ID number" test "$(sqlite3 "$O/wangge.db" .dump | grep -c "$ID")" -eq 0

n=0
for f in "$TEST_TMP"/*.bundle; do
	case $f in */back.bundle) reader=$C ;; *) reader=$O ;; esac
	plain=$(opened "$f" "$reader") || { not_ok "open $(basename "$f")"; continue; }
	clone=$TEST_TMP/clone-$n
	"$GIT" init -q --bare "$clone" && "$GIT" -C "$clone" fetch -q "$plain" '+refs/*:refs/*' 2>/dev/null
	"$GIT" -C "$clone" cat-file --batch-all-objects --batch >>"$TEST_TMP/objects"
	n=$((n + 1))
done
check "every bundle opened and read ($n)" test "$n" -eq 3
check "  they carry the practitioners" grep -q -a "name=李建国" "$TEST_TMP/objects"
check "  and the notices" grep -q -a "answer_until=2026-11-27" "$TEST_TMP/objects"
check "  but no ID number" test "$(grep -c -a "$ID" "$TEST_TMP/objects")" -eq 0
"$GIT" -C "$O/history.git" cat-file --batch-all-objects --batch >"$TEST_TMP/officer-objects"
check "  nor in the officer's history" test "$(grep -c -a "$ID" "$TEST_TMP/officer-objects")" -eq 0
check "  which holds the records" grep -q -a "name=李建国" "$TEST_TMP/officer-objects"
expect_rc 0 "the county's check" at $T3 -C "$C" check
expect_rc 0 "the officer's check" at $T3 -C "$O" check

# ---- a checklist file with a bad 8th field is refused with its line ----
printf '@checklist bad\n@title 坏 | Bad\n@kind patrol\n@categories D211\nBD01 | - | - | - | 核对 | Check | 依据 | stafff\n' >"$TEST_TMP/bad.txt"
expect_rc 2 "an unknown 8th field" at $T3 -C "$C" checklist import "$TEST_TMP/bad.txt"
contains "$err" "bad.txt:5" "  named with its line"
contains "$err" "stafff" "  and the value"
printf '@checklist good\n@title 好 | Good\n@kind patrol\n@categories D211\nGD01 | - | - | - | 核对 | Check | 依据 | staff\nGD02 | - | - | - | 核对 | Check | 依据 | scope\n' >"$TEST_TMP/good.txt"
expect_rc 0 "scope and staff are taken" at $T3 -C "$C" checklist import "$TEST_TMP/good.txt"

# ---- Chinese ----
LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN expect_rc 0 "in Chinese" at $T1 -C "$C" staff list
contains "$out" "执业医师" "the kinds in Chinese"
contains "$out" "执业证书已于 2026-11-01 过期" "the check in Chinese"
done_testing
