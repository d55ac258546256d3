# --report has the tool, the rule-set digest and the counts, and no text.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
printf 'I met Zebulon Okafor and Sarah Okafor on 07700 900123.\n' > "$d/in.txt"
"$BIN/redact" --report "$d/report.txt" "$d/in.txt" > /dev/null
grep -q '^tool redact ' "$d/report.txt" || { echo "no tool line"; exit 1; }
grep -Eq '^rules-digest blake2b-256:[0-9a-f]{64}$' "$d/report.txt" || { echo "no digest"; exit 1; }
grep -q '^documents 1$' "$d/report.txt" || { echo "wrong document count"; exit 1; }
grep -q '^category CONTACT 1$' "$d/report.txt" || { echo "wrong CONTACT count"; exit 1; }
grep -q '^category PERSON 2$' "$d/report.txt" || { echo "wrong PERSON count"; exit 1; }
! grep -qi 'zebulon\|okafor\|900123' "$d/report.txt" || { echo "the report quotes the text"; exit 1; }
