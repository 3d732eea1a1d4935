#!/bin/sh
# The categories the reports use are county rules (rules/report), versioned
# like the others: the 协管信息报告 categories a clue is reported in and the
# rows of the complaint-handling chart. A new version applies from its day:
# a clue is checked against the categories in force on the day it was found,
# and the chart of a period has the rows in force at its end. The officer
# receives them with the next county bundle. Every step pins its own clock.
. "${top_srcdir:-.}/tests/lib.sh"
need_stock_git

C=$TEST_TMP/county
O=$TEST_TMP/officer
at() { when=$1; shift; WANGGE_NOW=$when "$WANGGE" "$@"; }
# Thursday 12 February 2026, 10:00 in China
T1=2026-02-12T02:00:00Z
# Tuesday 10 March 2026
T2=2026-03-10T02:00:00Z

expect_rc 0 "county" at $T1 -C "$C" init county --name 示范县 --code 330102
expect_rc 0 "grid" at $T1 -C "$C" grid add --code G1 --name 一网格 --township 中山乡
expect_rc 0 "officer" at $T1 -C "$C" officer add --name 李明 --grid G1
off=$(last_line)
expect_rc 0 "clinic" at $T1 -C "$C" entity add --grid G1 --category D211 --name 仁和诊所
e=$(last_line)

# the shipped categories are recorded in common and shown
expect_rc 0 "rules list" at $T1 -C "$C" rules list --format tsv
contains "$out" "report categories	1	2000-01-01	yes	shipped with wangge" "the report categories: version 1, shipped, in force"
expect_rc 0 "rules show report" at $T1 -C "$C" rules show report
contains "$out" "@clue-category family_planning | 计划生育 | family planning" "rules show prints the categories"
contains "$out" "@complaint-bucket 15" "and the complaint chart's rows"
expect_rc 0 "a clue in a shipped category" at $T1 -C "$C" clue add --entity "$e" --category water --content 水箱未清洗

# a bad file is refused with its line, and nothing changes
printf '@rules report\n@effective 2026-03-01\n@scheme 试\n@clue-category water | 饮用水卫生 | water\n@complaint-bucket 10\n@complaint-bucket 3\n' >"$TEST_TMP/bad"
expect_rc 2 "rows that go down are refused" at $T1 -C "$C" rules import "$TEST_TMP/bad"
contains "$err" "bad:6:" "naming the line"
printf '@rules report\n@effective 2026-03-01\n@scheme 试\n@clue-category Water! | 饮用水卫生 | water\n@complaint-bucket 3\n' >"$TEST_TMP/bad"
expect_rc 2 "a code that is no code is refused" at $T1 -C "$C" rules import "$TEST_TMP/bad"
contains "$err" "bad:4:" "naming the line"
printf '@rules report\n@effective 2026-03-01\n@scheme 试\n@complaint-bucket 3\n' >"$TEST_TMP/bad"
expect_rc 2 "a file without categories is refused" at $T1 -C "$C" rules import "$TEST_TMP/bad"
LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN expect_rc 2 "refused in Chinese too" at $T1 -C "$C" rules import "$TEST_TMP/bad"
contains "$err" "报表类别文件须有" "with the reason in Chinese"
check "nothing was recorded" test "$(sqlite3 "$C/wangge.db" "SELECT count(*) FROM rules WHERE ruleset = 'report'")" = 1

# version 2 from 1 March: a new category, family planning no longer one, and
# the complaint chart counts up to 3 and up to 10 working days
cat >"$TEST_TMP/report" <<'EOT'
@rules report
@effective 2026-03-01
@scheme 本县协管信息类别（含医疗废物）
@clue-category foodborne | 食源性疾病 | foodborne disease
@clue-category water | 饮用水卫生 | drinking water hygiene
@clue-category school | 学校卫生 | school hygiene
@clue-category illegal_practice | 非法行医和非法采供血 | illegal practice and illegal blood collection
@clue-category medical_waste | 医疗废物 | medical waste
@complaint-bucket 3
@complaint-bucket 10
EOT
expect_rc 0 "version 2 is recorded" at $T1 -C "$C" rules import "$TEST_TMP/report"
contains "$out" "version 2, in force from 2026-03-01" "applying from its day"
expect_rc 2 "the new category before its day is refused" at $T1 -C "$C" clue add --entity "$e" --category medical_waste --content 医疗废物混入生活垃圾
contains "$err" "2026-02-12" "naming the day whose rules lack it"
expect_rc 0 "family planning is still one before 1 March" at $T1 -C "$C" clue add --entity "$e" --category family_planning --content 疑似非法鉴定胎儿性别

# the officer receives version 2 with the next county bundle
expect_rc 0 "enroll" at $T1 -C "$C" enroll --grid G1 --officer "$off" -o "$TEST_TMP/enroll.bundle"
expect_rc 0 "officer workspace" at $T1 -C "$O" init officer --from "$TEST_TMP/enroll.bundle"
expect_rc 0 "officer rules list" at $T2 -C "$O" rules list --format tsv
contains "$out" "report categories	2	2026-03-01	yes	imported by the county" "the officer has version 2, in force on 10 March"
expect_rc 0 "the officer reports in the new category" at $T2 -C "$O" clue add --entity "$e" --category medical_waste --content 医疗废物混入生活垃圾
expect_rc 2 "and no longer in family planning" at $T2 -C "$O" clue add --entity "$e" --category family_planning --content x
expect_rc 0 "a clue found in February still counts with version 1" at $T2 -C "$O" clue add --entity "$e" --category family_planning --content 二月发现 --found 2026-02-20T02:00:00Z
expect_rc 0 "clue list" at $T2 -C "$O" clue list --from 2026-03-01 --to 2026-03-31 --format tsv
contains "$out" "medical waste" "the list names the new category"
LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN expect_rc 0 "clue list in Chinese" at $T2 -C "$O" clue list --from 2026-03-01 --to 2026-03-31 --format tsv
contains "$out" "医疗废物	" "by its Chinese name"
lacks "$out" "medical waste" "  with no English in it"
expect_rc 0 "print reports" at $T2 -C "$O" print reports --from 2026-03-01 --to 2026-03-31 -o "$TEST_TMP/reg.html"
contains "$(cat "$TEST_TMP/reg.html")" "<td>医疗废物</td>" "the register prints the rule's name"

# the complaint chart: rows of the version in force at the end of the period
expect_rc 0 "a complaint on Monday 2 March" at 2026-03-02T02:00:00Z -C "$C" complaint add --entity "$e" --channel phone --content 乱扔医疗废物
c=$(last_line)
expect_rc 0 "closed on Friday 6 March" at 2026-03-06T02:00:00Z -C "$C" complaint close "$c" --result 已责令整改
expect_rc 0 "report for March" at $T2 -C "$C" report --from 2026-03-01 --to 2026-03-31 --format csv
contains "$out" "up to 3 working days" "the rows of version 2"
contains "$out" "4 to 10 working days" "  in its steps"
contains "$out" "more than 10 working days" "  and beyond the last"
lacks "$out" "11 to 15 working days" "  not the shipped rows"
expect_rc 0 "report for February" at $T2 -C "$C" report --from 2026-02-01 --to 2026-02-28 --format csv
contains "$out" "11 to 15 working days" "February has the shipped rows"

done_testing
