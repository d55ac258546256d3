# --spans offsets, applied to the input, cover exactly the replaced text:
# replacing each span of the input by its tag gives redact's output.  In
# every transcript format the offsets are into the original input.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
for in in fixtures/demo/interview.txt fixtures/formats/teams.vtt fixtures/formats/transcript.csv \
    fixtures/formats/interview.srt; do
"$BIN/redact" --spans "$d/spans.csv" "$in" > "$d/out.txt"
[ "$(head -1 "$d/spans.csv")" = "start,end,category,rule" ] || { echo "bad spans header"; exit 1; }
# every row: two numbers, an upper-case category, a rule id; nothing else
if tail -n +2 "$d/spans.csv" | grep -Ev '^[0-9]+,[0-9]+,[A-Z][A-Z0-9_]*,[a-z0-9][a-z0-9._-]*$' > /dev/null; then
    echo "a spans row is not start,end,category,rule"; exit 1
fi
[ "$(tail -n +2 "$d/spans.csv" | wc -l)" -gt 5 ] || { echo "too few spans for $in"; exit 1; }
# rebuild the output from the input and the spans, byte by byte
tail -n +2 "$d/spans.csv" | awk -F, '
    { printf "%d %d %s\n", $1, $2, $3 }' > "$d/rows"
at=0
: > "$d/rebuilt.txt"
while read -r s e c; do
    [ "$s" -ge "$at" ] || { echo "spans overlap or are out of order"; exit 1; }
    head -c "$s" "$in" | tail -c +$((at + 1)) >> "$d/rebuilt.txt"
    printf '[%s]' "$c" >> "$d/rebuilt.txt"
    at=$e
done < "$d/rows"
tail -c +$((at + 1)) "$in" >> "$d/rebuilt.txt"
cmp -s "$d/rebuilt.txt" "$d/out.txt" || { echo "spans do not rebuild the output of $in"; exit 1; }
done
