# verify --rules prints the audit (one line a rule, the digest, the
# signature status) and exits 0 for the shipped set; 1 for a broken example
# or a regex that can backtrack badly; 78 for a file that does not parse.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
"$BIN/verify" --rules > "$d/audit.txt"
grep -Eq '^digest blake2b-256:[0-9a-f]{64}$' "$d/audit.txt" || { echo "no digest"; exit 1; }
grep -q '^problems 0$' "$d/audit.txt" || { echo "the shipped set has problems"; exit 1; }
grep -q '^rule   given-names ' "$d/audit.txt" || { echo "no line for given-names"; exit 1; }
grep -q '^signature ' "$d/audit.txt" || { echo "no signature status"; exit 1; }
printf 'rule a\n  category ID\n  regex \\b\\d{6}\\b\n  reason R.\n  expect "123456" -> "123456"\n' > "$d/broken.rules"
set +e
"$BIN/verify" --rules -r "$d/broken.rules" > "$d/b.txt"
status=$?
set -e
[ "$status" -eq 1 ] || { echo "a broken example: exit $status, expected 1"; exit 1; }
grep -q "^problem .*broken.rules:5: rule 'a': the output differs" "$d/b.txt" || { echo "the broken example is not named"; exit 1; }
printf 'rule slow\n  category ID\n  regex \\b(?:a+)+(?:b|c\\b)\n  reason R.\n  expect "aab" -> "[ID]"\n' > "$d/slow.rules"
set +e
"$BIN/verify" --rules -r "$d/slow.rules" > "$d/s.txt"
status=$?
set -e
[ "$status" -eq 1 ] || { echo "a catastrophic regex: exit $status, expected 1"; exit 1; }
grep -q "rule 'slow': the regex can backtrack badly" "$d/s.txt" || { echo "the slow regex is not reported"; exit 1; }
printf 'rule a\n  category ID\n  regex (\n  reason R.\n' > "$d/bad.rules"
set +e
"$BIN/verify" --rules -r "$d/bad.rules" > /dev/null 2>&1
status=$?
set -e
[ "$status" -eq 78 ] || { echo "a rule file that does not parse: exit $status, expected 78"; exit 1; }
