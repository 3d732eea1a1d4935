#!/bin/sh
# The demo county built at three pinned dates (a month's first day, the
# year's last, a year without a holiday calendar) is consistent and current:
# few late publications, its draws present, a few overdue tasks per grid,
# few expired licences (the shares: data/demo/README; the checks:
# demo-consistency.py).
. "${top_srcdir:-.}/tests/lib.sh"

for now in 2026-12-01T04:00:00Z 2026-12-31T04:00:00Z 2027-01-15T04:00:00Z; do
	today=$(python3 -c "import datetime, sys; print((datetime.datetime.strptime(sys.argv[1], '%Y-%m-%dT%H:%M:%SZ') + datetime.timedelta(hours=8)).date())" "$now")
	D=$TEST_TMP/demo-$today
	WANGGE_NOW=$now expect_rc 0 "the demo built on $today" "$WANGGE" demo --no-ui --seed 7 --dir "$D"
	WANGGE_NOW=$now run python3 "${top_srcdir:-.}/tests/cli/demo-consistency.py" "$D" "$today" "$WANGGE"
	printf '%s\n' "$out" | grep -E '^(not )?ok' | sed "s/^/# $today: /"
	check "  its consistency checks ran ($(printf '%s\n' "$out" | grep -c '^ok') passed)" \
		test "$(printf '%s\n' "$out" | grep -c '^ok')" -ge 20
	for what in "half-year draws" "random-inspection result is published" "few are late" \
		"overdue tasks per grid" "overdue rectifications per grid" "licences renewed"; do
		line=$(printf '%s\n' "$out" | grep -- "$what" | head -n 1)
		check "  ${line#* - }" test -n "$line" -a "${line%% *}" = ok
	done
	check "  every check passed" test -z "$(printf '%s\n' "$out" | grep '^not ok')"
	rm -rf "$D"
done
done_testing
