# Done when (issue 6): a Teams WebVTT export in which Sarah Okafor speaks
# and is spoken about comes out of redact with her name gone from every
# voice tag and every line, and every timing line byte-identical.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
in=fixtures/formats/teams.vtt
"$BIN/redact" "$in" > "$d/out.vtt"
[ "$(grep -c '<v Sarah Okafor>' "$in")" -ge 3 ] || { echo "the fixture lost its voice tags"; exit 1; }
! grep -qi 'sarah\|okafor' "$d/out.vtt" || { echo "the name survives in the output"; exit 1; }
# every voice is a named person's (hers and the interviewer's): each tag is
# one [PERSON], whole
[ "$(grep -c '<v \[PERSON\]>' "$d/out.vtt")" -eq "$(grep -c '<v ' "$in")" ] ||
    { echo "a voice tag is not one [PERSON]"; exit 1; }
# timing lines (and the header and cue ids' line positions) are untouched
grep -- '-->' "$in" > "$d/t.in"
grep -- '-->' "$d/out.vtt" > "$d/t.out"
[ -s "$d/t.in" ] && cmp -s "$d/t.in" "$d/t.out" || { echo "a timing line changed"; exit 1; }
[ "$(wc -l < "$in")" -eq "$(wc -l < "$d/out.vtt")" ] || { echo "the line count changed"; exit 1; }
cmp -s -n 10 "$in" "$d/out.vtt" || { echo "the BOM and header changed"; exit 1; }
# the cue identifiers (no names in them) pass unchanged, CRLF kept
grep -c '^8d1e4a52-1b7c-4f0e-9a3d-2c5b6e7f8a90/1[4-9]-[01].$' "$d/out.vtt" | grep -qx 6 ||
    { echo "a cue identifier or its CRLF changed"; exit 1; }
