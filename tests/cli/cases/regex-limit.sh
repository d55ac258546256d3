# A regex that hits its match limit fails the document (65, no output); it
# never counts as "no match".
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
printf 'rule slow\n  category ID\n  regex \\b(?:a+)+(?:b|c\\b)\n  reason catastrophic on purpose\n  expect "aab" -> "[ID]"\n' > "$d/slow.rules"
awk 'BEGIN { s = "Sarah "; for (i = 0; i < 40; i++) s = s "a"; print s "cd" }' > "$d/in.txt"
set +e
"$BIN/redact" -r "$d/slow.rules" "$d/in.txt" > "$d/out" 2> "$d/err"
status=$?
set -e
[ "$status" -eq 65 ] || { echo "exit $status, expected 65"; exit 1; }
[ ! -s "$d/out" ] || { echo "output was written"; exit 1; }
grep -q "rule 'slow' could not finish matching" "$d/err" || { echo "message does not name the rule"; cat "$d/err"; exit 1; }
! grep -q Sarah "$d/err" || { echo "transcript text on stderr"; exit 1; }
