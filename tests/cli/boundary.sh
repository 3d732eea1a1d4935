#!/bin/sh
# The 协管 boundary at the county's door: an officer's bundle may carry
# patrols and clues, never a rectification order or a penalty case. Bundles
# made by a tampered officer workspace (its own export, signed with its key)
# and by stock git (signed with the officer's key) are refused with exit 2,
# in words that name the officer and the record, and the county's workspace
# is exactly as it was. Also the county's rule values: the case number's
# prefix and whether officers may issue a 卫生监督意见书.
. "${top_srcdir:-.}/tests/lib.sh"
need_stock_git

C=$TEST_TMP/county
O=$TEST_TMP/officer
WANGGE_NOW=2026-11-10T02:00:00Z
export WANGGE_NOW

expect_rc 0 "county" wg -C "$C" init county --name 示范县 --code 330102
expect_rc 0 "grid" wg -C "$C" grid add --code G1 --name 一网格 --township 中山乡
expect_rc 0 "officer" wg -C "$C" officer add --name 李明 --grid G1
off=$(last_line)
expect_rc 0 "inspector" wg -C "$C" officer add --name 王监督 --role inspector --cert 浙卫执0001
i1=$(last_line)
expect_rc 0 "second inspector" wg -C "$C" officer add --name 赵监督 --role inspector --cert 浙卫执0002
i2=$(last_line)
expect_rc 0 "head of office" wg -C "$C" officer add --name 孙所长 --role clerk
head=$(last_line)
expect_rc 0 "clinic" wg -C "$C" entity add --grid G1 --category D211 --name 东湖诊所 --address 中山乡东湖村1号
e=$(last_line)
expect_rc 0 "enroll" wg -C "$C" enroll --grid G1 --officer "$off" -o "$TEST_TMP/enroll.bundle"
expect_rc 0 "officer workspace" wg -C "$O" init officer --from "$TEST_TMP/enroll.bundle"
register_key "$C" "$O"

# an honest patrol with a problem: accepted, as a clue
expect_rc 0 "a patrol" wg -C "$O" inspection start --entity "$e"
p=$(last_line)
for n in 1 2 3 5 6 7 8; do wg -C "$O" inspection record "$p" PC0$n pass >/dev/null || not_ok "record PC0$n"; done
for n in 09 10; do wg -C "$O" inspection record "$p" PC$n na >/dev/null || not_ok "record PC$n"; done
wg -C "$O" inspection record "$p" PC04 fail --note 医疗废物无交接登记 >/dev/null
expect_rc 0 "signed, the problem reported" wg -C "$O" inspection sign "$p" --category other
expect_rc 0 "export" wg -C "$O" export -o "$TEST_TMP/honest.bundle"
expect_rc 0 "the county accepts the patrol and its clue" wg -C "$C" import "$TEST_TMP/honest.bundle"
check "  the clue arrived" test "$(sqlite3 "$C/wangge.db" "SELECT count(*) FROM clue WHERE inspection = '$p'")" = 1
pf=$(sqlite3 "$O/wangge.db" "SELECT id FROM finding WHERE inspection = '$p'")

# ---- the 卫生监督意见书 is an inspector's unless the county widens the role ----
expect_rc 2 "an officer may not issue an opinion by default" wg -C "$O" print opinion "$p" -o "$TEST_TMP/opinion.html"
contains "$err" "officer_opinion" "  naming the county's rule value"
contains "$err" "inspector's act" "  in words"
check "  nothing written" test ! -e "$TEST_TMP/opinion.html"
LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN expect_rc 2 "  refused in Chinese too" wg -C "$O" print opinion "$p"
contains "$err" "本县未允许网格员出具卫生监督意见书" "  in the officer's words"
expect_rc 2 "an officer does not set the county's rules" wg -C "$O" county set officer_opinion=yes
expect_rc 2 "the rule is yes or no" wg -C "$C" county set officer_opinion=maybe
expect_rc 0 "the county lets its officers issue one" wg -C "$C" county set officer_opinion=yes
expect_rc 0 "  export for the grid" wg -C "$C" export --grid G1 -o "$TEST_TMP/rule.bundle"
expect_rc 0 "  the officer receives the rule" wg -C "$O" import "$TEST_TMP/rule.bundle"
expect_rc 0 "the officer prints the opinion from the patrol" wg -C "$O" print opinion "$p" -o "$TEST_TMP/opinion.html"
html=$(cat "$TEST_TMP/opinion.html")
contains "$html" "卫生监督意见书" "  the document"
contains "$html" "东湖诊所" "  the party"
contains "$html" "医疗废物" "  what the patrol found"
contains "$html" "不符合：" "  as a requirement not met"
contains "$html" "李明" "  the officer"
contains "$html" "@page { size: A4" "  A4"
expect_rc 0 "a patrol without a problem" wg -C "$O" inspection start --entity "$e"
q=$(last_line)
for n in 1 2 3 4 5 6 7 8; do wg -C "$O" inspection record "$q" PC0$n pass >/dev/null; done
for n in 09 10; do wg -C "$O" inspection record "$q" PC$n na >/dev/null || not_ok "record PC$n"; done
wg -C "$O" inspection sign "$q" >/dev/null
expect_rc 2 "  gives no opinion" wg -C "$O" print opinion "$q"
contains "$err" "found no problem" "  says why"
expect_rc 0 "the county takes it back" wg -C "$C" county set officer_opinion=no
expect_rc 0 "  export" wg -C "$C" export --grid G1 -o "$TEST_TMP/rule2.bundle"
expect_rc 0 "  import" wg -C "$O" import "$TEST_TMP/rule2.bundle"
expect_rc 2 "  refused again" wg -C "$O" print opinion "$p"

# ---- the case number's prefix: the county's, in sequence per year ----
expect_rc 2 "a prefix with the number's brackets is refused" wg -C "$C" county set "case_prefix=X卫〔罚"
expect_rc 0 "the county's own prefix" wg -C "$C" county set case_prefix=X卫医罚
file_case() {
	wg -C "$C" case file --entity "$e" --violation M-STAFF --party person \
		--facts 使用非卫生技术人员从事诊疗活动 --penalty fine --fine 5000 \
		--inspector "$i1" --inspector "$i2" --approved-by "$head"
}
expect_rc 0 "a case filed" file_case
k1=$(last_line)
expect_rc 0 "  show" wg -C "$C" case show "$k1"
contains "$out" "X卫医罚〔2026〕1号" "numbered with the county's prefix"
expect_rc 0 "the prefix changes within the year" wg -C "$C" county set case_prefix=X卫监罚
expect_rc 0 "a second case" file_case
expect_rc 0 "  show" wg -C "$C" case show "$(last_line)"
contains "$out" "X卫监罚〔2026〕2号" "  the sequence runs on"
WANGGE_NOW=2027-01-05T02:00:00Z expect_rc 0 "a case in the next year" file_case
expect_rc 0 "  show" wg -C "$C" case show "$(last_line)"
contains "$out" "X卫监罚〔2027〕1号" "  starts again at 1"
expect_rc 0 "back to the default" wg -C "$C" county set case_prefix=
expect_rc 0 "a third case of 2026" file_case
expect_rc 0 "  show" wg -C "$C" case show "$(last_line)"
contains "$out" "示范县卫罚〔2026〕3号" "  the county's name and 卫罚"
expect_rc 2 "an officer allocates no case number" wg -C "$O" case file --entity "$e" --violation M-STAFF \
	--party person --facts x --penalty fine --fine 5000 --inspector "$i1" --inspector "$i2" --approved-by "$head"
# the officer's grid learns of the cases (read only)
expect_rc 0 "export for the grid" wg -C "$C" export --grid G1 -o "$TEST_TMP/cases.bundle"
expect_rc 0 "  the officer imports" wg -C "$O" import "$TEST_TMP/cases.bundle"

# ---- forged bundles ----
refused() { # refused NAME BUNDLE TEXT...: exit 2, naming 李明 and each TEXT, nothing changed
	_what=$1
	_b=$2
	shift 2
	wg -C "$C" check >/dev/null
	_snap=$(snapshot "$C")
	expect_rc 2 "$_what is refused" wg -C "$C" import "$_b"
	contains "$err" "a bundle of officer 李明" "  naming the officer"
	for _t in "$@"; do
		contains "$err" "$_t" "  and $_t"
	done
	if [ "$(snapshot "$C")" = "$_snap" ]; then ok "  the county is unchanged"; else not_ok "  the county changed"; fi
}

# a tampered officer workspace: its own export, signed with its own key
cp -R "$O" "$TEST_TMP/tampered"
T=$TEST_TMP/tampered
sqlite3 "$T/wangge.db" "UPDATE finding SET deadline = '2026-11-17' WHERE id = '$pf';
	INSERT OR IGNORE INTO pending(grid, kind, id) SELECT grid, 'finding', id FROM finding WHERE id = '$pf';"
expect_rc 0 "a tampered workspace exports a deadline on the patrol's finding" wg -C "$T" export -o "$TEST_TMP/deadline.bundle"
refused "a rectification deadline on a patrol's finding" "$TEST_TMP/deadline.bundle" "$pf" "rectification order"
rm -rf "$T"
cp -R "$O" "$T"
rt=0123456789abcdef0123456789abcd01
sqlite3 "$T/wangge.db" "INSERT INTO task(id, grid, kind, entity, title, due, assignee, status, source, created)
	VALUES ('$rt', 'G1', 'recheck', '$e', '整改复查', '2026-11-17', '$off', 'open', '$p', '2026-11-10T02:00:00Z');
	INSERT OR IGNORE INTO pending(grid, kind, id) SELECT grid, 'task', id FROM task WHERE id = '$rt';"
expect_rc 0 "a tampered workspace exports a re-inspection of the patrol" wg -C "$T" export -o "$TEST_TMP/recheck.bundle"
refused "a re-inspection ordered on a patrol" "$TEST_TMP/recheck.bundle" "$rt" "re-inspection"
rm -rf "$T"
cp -R "$O" "$T"
clue=$(sqlite3 "$T/wangge.db" "SELECT id FROM clue WHERE inspection = '$p'")
ct=0123456789abcdef0123456789abcd02
sqlite3 "$T/wangge.db" "INSERT INTO task(id, grid, kind, entity, title, due, assignee, status, source, created)
	VALUES ('$ct', 'G1', 'clue', '$e', '核查线索', '2026-11-17', '$i1', 'open', '$clue', '2026-11-10T02:00:00Z');
	INSERT OR IGNORE INTO pending(grid, kind, id) SELECT grid, 'task', id FROM task WHERE id = '$ct';"
expect_rc 0 "a tampered workspace exports a clue task of its own" wg -C "$T" export -o "$TEST_TMP/cluetask.bundle"
refused "an officer's own clue handover" "$TEST_TMP/cluetask.bundle" "$ct" "线索移交"
rm -rf "$T"

# stock git, signed with the officer's key, on what the county has
expect_rc 0 "the officer's real next bundle is accepted" wg -C "$O" export -o "$TEST_TMP/next.bundle"
expect_rc 0 "  imported" wg -C "$C" import "$TEST_TMP/next.bundle"
key=$(ssh_key "$O")
county_id=$(wg -C "$C" log -n 1 | sed -n 's/.*<county@\(.*\)>.*/\1/p')
forge() { # forge NAME: a clone of the officer's grid branch in $F, to change and bundle
	F=$TEST_TMP/forge
	rm -rf "$F"
	git clone -q -b grid/G1 "$O/history.git" "$F"
}
forged() { # forged BUNDLE MESSAGE: commit what changed in $F, signed, and bundle it
	(
		cd "$F" || exit 1
		git add -A
		git -c user.name=李明 -c user.email="$off@$county_id" -c gpg.format=ssh \
			-c user.signingkey="$key" commit -S -qm "$2"
		git bundle create -q "$1" grid/G1 ^origin/grid/G1 2>/dev/null
	)
}
forge
ppath=$(cd "$F" && git ls-tree -r --name-only HEAD | grep "/$p\$")
np=0123456789abcdef0123456789abcd03
mkdir -p "$F/inspection/01/2"
sed "s/^id=.*/id=$np/; s/^result=.*/result=rectify/" "$F/$ppath" >"$F/inspection/01/2/$np"
forged "$TEST_TMP/git-rectify.bundle" "a patrol that orders rectification"
refused "a patrol recorded as ordering rectification" "$TEST_TMP/git-rectify.bundle" "$np" "责令整改"
forge
fpath=$(cd "$F" && git ls-tree -r --name-only HEAD | grep "/$pf\$")
sed -i "s/^deadline=.*/deadline=2026-11-17/" "$F/$fpath"
forged "$TEST_TMP/git-deadline.bundle" "a deadline on a patrol's finding"
refused "a deadline given to a patrol's finding by stock git" "$TEST_TMP/git-deadline.bundle" "$pf" "rectification order"
forge
kpath=$(cd "$F" && git ls-tree -r --name-only HEAD | grep "^penalty/" | head -n 1)
nk=0123456789abcdef0123456789abcd04
mkdir -p "$F/penalty/01/2"
sed "s/^id=.*/id=$nk/; s/〔2026〕[0-9]*号/〔2026〕99号/" "$F/$kpath" >"$F/penalty/01/2/$nk"
forged "$TEST_TMP/git-case.bundle" "a case made by an officer"
refused "a penalty case made by an officer" "$TEST_TMP/git-case.bundle" "$nk" "filed and decided at the county"
forge
cpath=$(cd "$F" && git ls-tree -r --name-only HEAD | grep "/$clue\$")
nc=0123456789abcdef0123456789abcd05
mkdir -p "$F/clue/01/2"
sed "s/^id=.*/id=$nc/; s/^status=.*/status=handed_over/" "$F/$cpath" >"$F/clue/01/2/$nc"
forged "$TEST_TMP/git-clue.bundle" "a clue handed over by an officer"
refused "a clue the officer records as handed over" "$TEST_TMP/git-clue.bundle" "$nc" "线索移交"

# and the honest work still goes through
expect_rc 0 "a clue reported on its own" wg -C "$O" clue add --entity "$e" --category illegal_practice --content 发现无证人员坐诊
expect_rc 0 "  exported" wg -C "$O" export -o "$TEST_TMP/last.bundle"
expect_rc 0 "  accepted after the refusals" wg -C "$C" import "$TEST_TMP/last.bundle"
done_testing
