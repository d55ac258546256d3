# verify passes redacted text through unchanged (exit 0); on unredacted
# text it writes nothing, exits 1 and names each leak's place, never the
# text; -q sets only the status.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
"$BIN/redact" fixtures/demo/interview.txt > "$d/red.txt"
"$BIN/verify" < "$d/red.txt" > "$d/out.txt"
cmp -s "$d/red.txt" "$d/out.txt" || { echo "clean text was changed"; exit 1; }
set +e
"$BIN/verify" fixtures/demo/interview.txt > "$d/out2.txt" 2> "$d/err.txt"
status=$?
set -e
[ "$status" -eq 1 ] || { echo "exit $status on unredacted text, expected 1"; exit 1; }
[ ! -s "$d/out2.txt" ] || { echo "unredacted text flowed on"; exit 1; }
grep -q '^fixtures/demo/interview.txt:2:50: leak: PERSON: given-names$' "$d/err.txt" ||
    { echo "the first leak is not named by place"; exit 1; }
[ "$(grep -c ': leak: ' "$d/err.txt")" -ge 15 ] || { echo "too few leaks reported"; exit 1; }
! grep -qi 'okonjo\|tamsin\|900347\|kessingland' "$d/err.txt" || { echo "stderr quotes the text"; exit 1; }
"$BIN/verify" -q < "$d/red.txt" > "$d/q.txt"
[ ! -s "$d/q.txt" ] || { echo "-q wrote text"; exit 1; }
# every redacted transcript of the evaluation corpus passes without leaks
for f in fixtures/eval/[0-9]*.txt; do
    "$BIN/redact" "$f" | "$BIN/verify" -q 2> "$d/e.txt" || { echo "a leak in redacted $f"; exit 1; }
done
