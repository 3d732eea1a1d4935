#!/bin/sh
# Record field names are checked: every field name that the code writes as a
# literal, in wg_record_get/wg_record_set(rec, "name") (a field of some kind),
# in wg_field_index/wg_field_find(&wg_kind_K, "name") and FIELD(K, "name") (a
# field of kind K), is a field of the schema. A misspelt name would otherwise
# read as NULL or index -1 at run time. Prints TAP.
# Usage: fields.sh [SRCDIR]; the schema comes from $SCHEMA_FIELDS (a program
# that prints "kind field" lines; default $top_builddir/tests/unit/schema-fields).

src=${1:-${top_srcdir:-.}/src}
dump=${SCHEMA_FIELDS:-${top_builddir:-.}/tests/unit/schema-fields}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

if ! "$dump" >"$tmp/schema" || [ ! -s "$tmp/schema" ]; then
	echo "not ok - $dump prints the schema's fields"
	echo "1..1"
	exit 1
fi

# check SRCDIR MIN: TAP for the field names in SRCDIR's .c files; MIN is how
# many uses there must be at least (fewer: the patterns no longer match).
check() {
	(cd "$1" && find . -name '*.c' | sed 's|^\./||' | LC_ALL=C sort | while read -r f; do
		grep -noE 'wg_record_(get|set)\([^,()]*(\([^()]*\))?[^,()]*, "[a-z_0-9]+"' "$f" |
			sed -E "s|^([0-9]+):.*\"([a-z_0-9]+)\"$|$f:\1 * \2|"
		grep -noE '(wg_field_index|wg_field_find)\(&wg_kind_[a-z]+, "[a-z_0-9]+"' "$f" |
			sed -E "s|^([0-9]+):.*wg_kind_([a-z]+), \"([a-z_0-9]+)\"$|$f:\1 \2 \3|"
		grep -noE '(^|[^A-Za-z_])FIELD\([a-z]+, "[a-z_0-9]+"' "$f" |
			sed -E "s|^([0-9]+):.*FIELD\(([a-z]+), \"([a-z_0-9]+)\"$|$f:\1 \2 \3|"
	done) >"$tmp/uses"
	awk -v uses="$tmp/uses" -v min="$2" '
		FILENAME != uses { has[$1 " " $2] = 1; any[$2] = 1; kinds[$1] = 1; next }
		{
			where = $1; kind = $2; field = $3
			if (kind == "*") good = field in any
			else good = (kind in kinds) && ((kind " " field) in has)
			n++
			if (good) ok++
			else {
				bad++
				printf "not ok - %s: \"%s\" is a field of %s\n", where, field,
				       kind == "*" ? "some kind" : "kind " kind
			}
		}
		END {
			# the names that are right are one test, each wrong one another
			printf "%s - the %d field names written in the code are the schema%s\n",
			       (n >= min && ok == n) ? "ok" : "not ok", n,
			       (n >= min) ? "" : " (fewer than " min ": has the code changed shape?)"
			exit !(n >= min && ok == n)
		}' "$tmp/schema" "$tmp/uses"
}

out=$(check "$src" 100)
status=$?
printf '%s\n' "$out"
n=$(printf '%s\n' "$out" | grep -c '^\(not \)\{0,1\}ok')
if [ $# -eq 0 ]; then
	# It must find a misspelt name, and a right name of the wrong kind.
	mkdir "$tmp/bad"
	printf '%s\n' 'x = wg_record_get(rec, "nmae");' 'wg_record_set(r, "name", v, NULL, err);' \
		'i = wg_field_index(&wg_kind_task, "uscc");' >"$tmp/bad/a.c"
	out=$(check "$tmp/bad" 3)
	if [ $? -ne 0 ] && printf '%s\n' "$out" | grep -q 'a.c:1: "nmae" is a field of some kind' &&
		printf '%s\n' "$out" | grep -q 'a.c:3: "uscc" is a field of kind task' &&
		! printf '%s\n' "$out" | grep -q 'a.c:2'; then
		echo "ok - the check finds a misspelt name and a field of another kind"
		n=$((n + 1))
	else
		echo "not ok - the check finds a misspelt name and a field of another kind"
		printf '%s\n' "$out" | sed 's/^/# /'
		status=1
		n=$((n + 1))
	fi
fi
echo "1..$n"
exit $status
