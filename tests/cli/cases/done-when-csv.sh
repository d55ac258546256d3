# Done when (issue 6): a CSV with columns speaker,start,end,text comes out
# of redact with the same columns, rows and quoting, and names gone from
# speaker and text only: a name in another column (reviewer) stays,
# proving that what is not scanned passes through.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
in=fixtures/formats/transcript.csv
"$BIN/redact" "$in" > "$d/out.csv"
# the same header, and the same structural bytes (commas, quotes, CR, LF)
# in the same order: tags hold none, so quoting and rows are unchanged
cmp -s -n "$(head -1 "$in" | wc -c)" "$in" "$d/out.csv" || { echo "the header changed"; exit 1; }
tr -cd ',"\r\n' < "$in" > "$d/s.in"
tr -cd ',"\r\n' < "$d/out.csv" > "$d/s.out"
cmp -s "$d/s.in" "$d/s.out" || { echo "commas, quotes or line breaks changed"; exit 1; }
# start and end columns (fields 2 and 3: field 1 is never quoted here)
cut -d, -f2,3 "$in" | grep '^[0-9]' > "$d/c.in"
cut -d, -f2,3 "$d/out.csv" | grep '^[0-9]' > "$d/c.out"
[ "$(wc -l < "$d/c.in")" -eq 5 ] && cmp -s "$d/c.in" "$d/c.out" || { echo "start or end changed"; exit 1; }
# names gone from speaker and text
! grep -qi 'mensah\|joseph\|kowalczyk\|aisha\|luton' "$d/out.csv" || { echo "a name survives"; exit 1; }
[ "$(grep -c '^\[PERSON\],' "$d/out.csv")" -eq 2 ] || { echo "speaker names not replaced"; exit 1; }
# the reviewer column is not scanned: its name stays on every row
[ "$(grep -c ',Harriet Pemberton.$' "$d/out.csv")" -eq 5 ] || { echo "the reviewer column changed"; exit 1; }
# the quoted field with a line break, commas and doubled quotes survives
grep -q '^well, I was a patient myself, at the \[PLACE\]\.",Harriet Pemberton.$' "$d/out.csv" ||
    { echo "the multi-line quoted field changed"; exit 1; }
grep -q '"Ha, yes, ""the buddy"". My mentor \[PERSON\] hated it."' "$d/out.csv" ||
    { echo "doubled quotes changed"; exit 1; }
# naming the columns: with --columns text the speaker column passes through
"$BIN/redact" --columns text "$in" > "$d/text-only.csv"
[ "$(grep -c '^Joseph Mensah,' "$d/text-only.csv")" -eq 2 ] || { echo "--columns text scanned speaker"; exit 1; }
! grep -qi 'kowalczyk' "$d/text-only.csv" || { echo "--columns text did not scan text"; exit 1; }
