#!/bin/sh
# 协管信息报告: an officer reports a clue on its own, in the category chosen;
# it reaches the county with the officer's bundle, where it is handed over to
# an inspector as a task. Recusal is enforced where an inspection is signed.
. "${top_srcdir:-.}/tests/lib.sh"

C=$TEST_TMP/county
O=$TEST_TMP/officer
WANGGE_NOW=2026-03-10T02:00:00Z
export WANGGE_NOW

expect_rc 0 "county" "$WANGGE" -C "$C" init county --name 示范县 --code 330102
expect_rc 0 "grid" "$WANGGE" -C "$C" grid add --code G1 --name 一网格 --township 中山乡
expect_rc 0 "officer" "$WANGGE" -C "$C" officer add --name 李明 --grid G1
off=$(last_line)
expect_rc 0 "inspector" "$WANGGE" -C "$C" officer add --name 王监督 --role inspector --cert 浙卫执0001
insp=$(last_line)
expect_rc 0 "second inspector" "$WANGGE" -C "$C" officer add --name 钱回避 --role inspector --cert 浙卫执0003
rec=$(last_line)
expect_rc 0 "a school" "$WANGGE" -C "$C" entity add --grid G1 --category S100 --name 中山小学
e=$(last_line)
expect_rc 0 "enroll" "$WANGGE" -C "$C" enroll --grid G1 --officer "$off" -o "$TEST_TMP/enroll.bundle"
expect_rc 0 "officer workspace" "$WANGGE" -C "$O" init officer --from "$TEST_TMP/enroll.bundle"
register_key "$C" "$O"

expect_rc 2 "a category is one of the five" "$WANGGE" -C "$O" clue add --entity "$e" --category waste --content x
expect_rc 2 "a clue names an entity or a location" "$WANGGE" -C "$O" clue add --category school --content x
expect_rc 0 "the officer reports a clue" "$WANGGE" -C "$O" clue add --entity "$e" --category school --content 晨检记录缺失
c1=$(last_line)
expect_rc 0 "a clue found, reported later" "$WANGGE" -C "$O" clue add --location 中山乡东街菜市场旁 --category illegal_practice --content 疑似无证行医 --not-yet
c2=$(last_line)
expect_rc 0 "the list" "$WANGGE" -C "$O" clue list
contains "$out" "1 of 2 clues found were reported, 50.0%" "the information report rate"
expect_rc 0 "reported now" "$WANGGE" -C "$O" clue report "$c2"
expect_rc 2 "  not twice" "$WANGGE" -C "$O" clue report "$c2"
expect_rc 0 "the list again" "$WANGGE" -C "$O" clue list
contains "$out" "2 of 2 clues found were reported, 100.0%" "  every clue reported"
expect_rc 2 "an officer does not hand a clue over" "$WANGGE" -C "$O" clue handover "$c1" --assignee "$insp"
contains "$err" "county" "  that is the county's"
expect_rc 0 "export" "$WANGGE" -C "$O" export -o "$TEST_TMP/back.bundle"
expect_rc 0 "the county imports" "$WANGGE" -C "$C" import "$TEST_TMP/back.bundle"
expect_rc 2 "a clue goes to an inspector" "$WANGGE" -C "$C" clue handover "$c1" --assignee "$off"
expect_rc 0 "handed over (线索移交)" "$WANGGE" -C "$C" clue handover "$c1" --assignee "$insp"
task=$(last_line)
expect_rc 0 "the inspector's task" "$WANGGE" -C "$C" task show "$task"
contains "$out" "中山小学" "  names the entity"
contains "$out" "2026-03-17" "  due in 5 working days"
contains "$out" "晨检记录缺失" "  carries the clue"
expect_rc 2 "  not twice" "$WANGGE" -C "$C" clue handover "$c1" --assignee "$insp"
expect_rc 0 "the county's list" "$WANGGE" -C "$C" clue list --format tsv
contains "$out" "handed over" "the clue is handed over"
expect_rc 0 "the register" "$WANGGE" -C "$C" print reports --from 2026-03-01 --to 2026-03-31
contains "$out" "<td>学校卫生</td>" "prints the category chosen"
contains "$out" "<td>非法行医和非法采供血</td>" "  for each clue"
contains "$out" "李明" "  and the reporter"

# recusal where the work is signed
expect_rc 0 "a declared conflict" "$WANGGE" -C "$C" recusal add --inspector "$rec" --entity "$e" --reason 配偶任职
expect_rc 0 "an inspection started with the recused inspector" "$WANGGE" -C "$C" inspection start --entity "$e" --inspector "$insp" --inspector "$rec"
i=$(last_line)
for item in $("$WANGGE" -C "$C" checklist show patrol-school | sed -n 's/^\(PS[0-9]*\) .*/\1/p'); do
	"$WANGGE" -C "$C" inspection record "$i" "$item" pass >/dev/null || not_ok "record $item"
done
expect_rc 2 "signing is refused" "$WANGGE" -C "$C" inspection sign "$i"
contains "$err" "钱回避" "  naming the inspector"
contains "$err" "declaration" "  and the declaration"
contains "$err" "回避" "  in words"

done_testing
