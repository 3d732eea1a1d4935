#!/bin/sh
# Supervision records travel with the generic sync: an officer patrols offline
# with the checklists it received in `common`, the county imports the patrol
# with its results, finding and the clue its problem became (a patrol orders
# no rectification), hands the clue over to an inspector, whose task reaches
# the officer's grid; a new checklist version reaches the officer the same way.
. "${top_srcdir:-.}/tests/lib.sh"

C=$TEST_TMP/county
O=$TEST_TMP/officer
WANGGE_NOW=2026-02-12T02:00:00Z
export WANGGE_NOW

expect_rc 0 "county" "$WANGGE" -C "$C" init county --name 示范县 --code 330102
expect_rc 0 "grid" "$WANGGE" -C "$C" grid add --code G1 --name 一网格 --township 中山乡
expect_rc 0 "officer" "$WANGGE" -C "$C" officer add --name 李明 --grid G1
off=$(last_line)
expect_rc 0 "inspector" "$WANGGE" -C "$C" officer add --name 王监督 --role inspector --cert 浙卫执0001
insp=$(last_line)
expect_rc 0 "village health room" "$WANGGE" -C "$C" entity add --grid G1 --category D600 --name 东湖村卫生室
e=$(last_line)
expect_rc 0 "enroll" "$WANGGE" -C "$C" enroll --grid G1 --officer "$off" -o "$TEST_TMP/enroll.bundle"
expect_rc 0 "officer workspace" "$WANGGE" -C "$O" init officer --from "$TEST_TMP/enroll.bundle"
register_key "$C" "$O"
expect_rc 0 "the officer has the checklists" "$WANGGE" -C "$O" checklist show patrol-clinic
contains "$out" "patrol-clinic@1" "version 1 of the patrol sheet"
expect_rc 2 "an officer cannot import a checklist" "$WANGGE" -C "$O" checklist import "$top_srcdir/data/checklists/clinic.txt"

expect_rc 0 "patrol, the officer by default" "$WANGGE" -C "$O" inspection start --entity "$e"
p=$(last_line)
for n in 1 2 3 4 5 6 7 8; do "$WANGGE" -C "$O" inspection record "$p" PC0$n pass || not_ok "record PC0$n"; done
for n in 09 10; do "$WANGGE" -C "$O" inspection record "$p" PC$n na || not_ok "record PC$n"; done
expect_rc 0 "a failed item" "$WANGGE" -C "$O" inspection record "$p" PC02 fail --note 乡村医生执业地点未变更
# a photo of the problem travels in the history with its evidence record
printf '\377\330\377\340 JPEG bytes of a photo %s\n' 1 2 3 >"$TEST_TMP/IMG_0042.JPG"
photo=$(git hash-object "$TEST_TMP/IMG_0042.JPG")
expect_rc 0 "a photo as evidence" "$WANGGE" -C "$O" inspection attach "$p" "$TEST_TMP/IMG_0042.JPG" --item PC02
# a damaged copy is never sent
cp "$O/evidence/$photo" "$TEST_TMP/photo.keep"
chmod u+w "$O/evidence/$photo"
printf 'damaged' >"$O/evidence/$photo"
expect_rc 2 "export refuses a damaged evidence file" "$WANGGE" -C "$O" export -o "$TEST_TMP/bad.bundle"
contains "$err" "no longer matches" "  and says why"
check "  and writes no bundle" test ! -e "$TEST_TMP/bad.bundle"
cp "$TEST_TMP/photo.keep" "$O/evidence/$photo"
expect_rc 2 "the officer chooses the clue's category" "$WANGGE" -C "$O" inspection sign "$p"
contains "$err" "information category" "  says so"
expect_rc 0 "signed by the officer" "$WANGGE" -C "$O" inspection sign "$p" --category illegal_practice
contains "$out" "Reported to the county as clue" "the problem is reported as a clue"
lacks "$out" "deadline" "  no rectification deadline"
clue=$(printf '%s\n' "$out" | sed -n 's/.*as clue \([0-9a-f]*\):.*/\1/p')
check "  no re-inspection task on the officer's laptop" test "$(sqlite3 "$O/wangge.db" "SELECT count(*) FROM task WHERE kind = 'recheck'")" = 0
expect_rc 0 "export" "$WANGGE" -C "$O" export -o "$TEST_TMP/back.bundle"
expect_rc 0 "the county imports" "$WANGGE" -C "$C" import "$TEST_TMP/back.bundle"
check "the photo reached the county's evidence folder" cmp -s "$C/evidence/$photo" "$TEST_TMP/IMG_0042.JPG"
files=$(git -C "$C/history.git" ls-tree -r --name-only refs/heads/grid/G1 | grep '^files/')
contains "$files" "$photo" "the photo is in the county's history, named by its hash"
check "stock git reads the photo back byte for byte" sh -c "git -C '$C/history.git' cat-file blob $photo | cmp -s - '$TEST_TMP/IMG_0042.JPG'"
expect_rc 0 "the county's workspace checks out, evidence included" "$WANGGE" -C "$C" check
expect_rc 0 "importing it again changes nothing" "$WANGGE" -C "$C" import "$TEST_TMP/back.bundle"
expect_rc 0 "a second officer for the grid" "$WANGGE" -C "$C" officer add --name 王芳 --grid G1
off2=$(last_line)
expect_rc 0 "enrolled after the patrol" "$WANGGE" -C "$C" enroll --grid G1 --officer "$off2" -o "$TEST_TMP/enroll2.bundle"
expect_rc 0 "her workspace" "$WANGGE" -C "$TEST_TMP/officer2" init officer --from "$TEST_TMP/enroll2.bundle"
register_key "$C" "$TEST_TMP/officer2"
check "she starts with the photo too" cmp -s "$TEST_TMP/officer2/evidence/$photo" "$TEST_TMP/IMG_0042.JPG"
expect_rc 0 "the county sees the patrol" "$WANGGE" -C "$C" inspection show "$p"
contains "$out" "乡村医生执业地点未变更" "with its results"
contains "$out" "signed" "signed"
expect_rc 0 "and the finding" "$WANGGE" -C "$C" finding list --entity "$e"
contains "$out" "PC02" "  the failed item"
expect_rc 0 "nothing is overdue: the patrol set no deadline" "$WANGGE" -C "$C" finding list --overdue --date 2026-03-27
lacks "$out" "东湖村卫生室" "  the village health room is not listed"
expect_rc 0 "and the clue" "$WANGGE" -C "$C" clue list --from 2026-02-01 --to 2026-02-28
contains "$out" "东湖村卫生室" "  reported to the county"
contains "$out" "reported" "  as reported"
expect_rc 2 "the county cannot change the signed patrol either" "$WANGGE" -C "$C" inspection record "$p" PC02 pass
expect_rc 0 "the county hands it over to an inspector (线索移交)" "$WANGGE" -C "$C" clue handover "$clue" --assignee "$insp"
ctask=$(last_line)
expect_rc 0 "  the inspector's task" "$WANGGE" -C "$C" task show "$ctask"
contains "$out" "Check a reported clue: 东湖村卫生室" "  names the entity"
contains "$out" "乡村医生执业地点未变更" "  and carries what the patrol found"

# a new checklist version reaches the officer
sed 's/^PC08 .*$/PC08 | - | - | - | 无过期药品，处方保存2年 | No expired drugs; prescriptions kept 2 years | 《处方管理办法》第五十条/' \
	"$top_srcdir/data/checklists/patrol-clinic.txt" >"$TEST_TMP/patrol-clinic.txt"
expect_rc 0 "county imports version 2" "$WANGGE" -C "$C" checklist import "$TEST_TMP/patrol-clinic.txt"
expect_rc 0 "county exports for the grid" "$WANGGE" -C "$C" export --grid G1 -o "$TEST_TMP/out.bundle"
expect_rc 0 "the officer imports" "$WANGGE" -C "$O" import "$TEST_TMP/out.bundle"
check "the officer sees the clue handed over" test "$(sqlite3 "$O/wangge.db" "SELECT status FROM clue WHERE id = '$clue'")" = handed_over
expect_rc 0 "the officer has version 2" "$WANGGE" -C "$O" checklist show patrol-clinic
contains "$out" "patrol-clinic@2" "the newest version"
contains "$out" "处方保存2年" "with the changed item"
expect_rc 0 "the signed patrol keeps version 1" "$WANGGE" -C "$O" inspection show "$p"
contains "$out" "patrol-clinic@1" "as recorded"

done_testing
