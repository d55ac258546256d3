# pseudonymise reads every transcript format as redact does: each fixture of
# fixtures/formats/ pseudonymises, with the fixed test vault, to its expected
# output (*.pseudonymised.*): the same bytes outside the scanned text, one
# pseudonym for a voice-tag name and the same name in the text; and verify
# passes each output.  The people are invented.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cp -r fixtures/formats/test-vault "$d/vault"
rm "$d/vault/README.md"
mkdir "$d/vault/batches"
chmod 700 "$d/vault" "$d/vault/batches"
chmod 600 "$d/vault"/*
for pair in teams.vtt:vtt zoom.vtt:vtt interview.srt:srt transcript.csv:csv; do
    f=fixtures/formats/${pair%:*}
    fmt=${pair#*:}
    want=${f%.*}.pseudonymised.${f##*.}
    "$BIN/pseudonymise" --vault "$d/vault" "$f" > "$d/out" || { echo "$f: pseudonymise failed"; exit 1; }
    if [ -n "${REGEN:-}" ]; then cp "$d/out" "$want"; fi
    cmp -s "$d/out" "$want" || { echo "$f: output differs from $want"; exit 1; }
    "$BIN/verify" -f "$fmt" "$want" > /dev/null || { echo "$want: verify -f $fmt does not pass it"; exit 1; }
done
# The voice tag's name and the name in the text are one pseudonym.
tag=$(grep -o '<v \[PERSON-[0-9A-Z]*\]>' fixtures/formats/teams.pseudonymised.vtt | sort | uniq -c | sort -rn | head -1 | grep -o 'PERSON-[0-9A-Z]*')
[ -n "$tag" ] || { echo "teams: no pseudonym in a voice tag"; exit 1; }
[ "$(grep -v '^<v' fixtures/formats/teams.pseudonymised.vtt | grep -c "$tag")" -ge 1 ] ||
    { echo "teams: a speaker's pseudonym is not used in the text"; exit 1; }
