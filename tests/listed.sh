#!/bin/sh
# Every test script and unit test in the tree is one `make check` runs: a test
# left out of Makefile.am's lists (as tests/tui/signing.sh once was, lost in a
# merge) passes forever without running.
. "${top_srcdir:-.}/tests/lib.sh"

am=$top_srcdir/Makefile.am
# The lists' entries, one per line, whatever the line breaks in Makefile.am.
listed=$(sed -n '/^UNIT_TESTS *=/,/^$/p;/^SCENARIO_TESTS *=/,/^$/p' "$am" | tr ' \t\\' '\n\n\n' | grep '^tests/')
check "Makefile.am lists tests" test -n "$listed"
for f in "$top_srcdir"/tests/*.sh "$top_srcdir"/tests/cli/*.sh "$top_srcdir"/tests/tui/*.sh \
	 "$top_srcdir"/tests/unit/test-*.c; do
	rel=${f#"$top_srcdir"/}
	case $rel in
	tests/lib.sh | tests/tui/tmux.sh) continue ;; # helpers the tests source
	tests/unit/*.c) rel=${rel%.c} ;;
	esac
	case "
$listed
" in
	*"
$rel
"*) ok "make check runs $rel" ;;
	*) not_ok "make check runs $rel (add it to Makefile.am)" ;;
	esac
done
done_testing
