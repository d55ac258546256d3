# Each transcript format of fixtures/formats/ (Teams and Zoom WebVTT, SRT,
# CSV) redacts to its expected output, whether the format is named (-f),
# detected from the file, or detected from standard input; verify passes
# each output (exit 0, text unchanged) in the same format.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
for pair in teams.vtt:vtt zoom.vtt:vtt interview.srt:srt transcript.csv:csv; do
    f=fixtures/formats/${pair%:*}
    fmt=${pair#*:}
    want=${f%.*}.redacted.${f##*.}
    "$BIN/redact" "$f" > "$d/auto" || { echo "$f: redact failed"; exit 1; }
    cmp -s "$d/auto" "$want" || { echo "$f: output differs from $want (detected)"; exit 1; }
    "$BIN/redact" -f "$fmt" "$f" > "$d/named" || { echo "$f: redact -f $fmt failed"; exit 1; }
    cmp -s "$d/named" "$want" || { echo "$f: output differs from $want (-f $fmt)"; exit 1; }
    "$BIN/redact" < "$f" > "$d/stdin" || { echo "$f: redact from stdin failed"; exit 1; }
    cmp -s "$d/stdin" "$want" || { echo "$f: output differs from $want (stdin)"; exit 1; }
    "$BIN/verify" -f "$fmt" "$want" > "$d/v" || { echo "$want: verify -f $fmt does not pass it"; exit 1; }
    cmp -s "$d/v" "$want" || { echo "$want: verify changed the text"; exit 1; }
    "$BIN/verify" --strict < "$want" > /dev/null || { echo "$want: verify --strict (detected) fails"; exit 1; }
    # the unredacted transcript is a leak (exit 1), not an error
    set +e
    "$BIN/verify" -q "$f" 2> /dev/null
    status=$?
    set -e
    [ "$status" -eq 1 ] || { echo "$f: verify exits $status on the unredacted transcript"; exit 1; }
done
"$BIN/redact" fixtures/demo/interview.txt > "$d/plain"
"$BIN/redact" -f txt fixtures/demo/interview.txt | cmp -s - "$d/plain" || { echo "-f txt differs from the default"; exit 1; }
