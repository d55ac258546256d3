# Suspects pass unless --strict; leaks never pass.  Findings go to a CSV
# file, with the text only when --show asks for it; a stderr that is not a
# terminal never carries the text, even with --show.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
printf 'We used the Zorbanskiwicz approach, call 1234567, mail x@[CONTACT]\n' > "$d/in.txt"
"$BIN/verify" "$d/in.txt" > "$d/out.txt" 2> "$d/err.txt"
cmp -s "$d/in.txt" "$d/out.txt" || { echo "suspects stopped the text without --strict"; exit 1; }
grep -q 'suspect: WORD: capitalised-word-not-in-dictionary' "$d/err.txt" || { echo "no word suspect"; exit 1; }
grep -q 'suspect: NUMBER: long-number' "$d/err.txt" || { echo "no number suspect"; exit 1; }
grep -q 'suspect: CONTACT: at-sign' "$d/err.txt" || { echo "no @ suspect"; exit 1; }
set +e
"$BIN/verify" --strict --show --findings "$d/f.csv" "$d/in.txt" > "$d/out2.txt" 2> "$d/err2.txt"
status=$?
set -e
[ "$status" -eq 1 ] || { echo "--strict: exit $status, expected 1"; exit 1; }
[ ! -s "$d/out2.txt" ] || { echo "--strict let suspect text through"; exit 1; }
! grep -q Zorbanskiwicz "$d/err2.txt" || { echo "text on a stderr that is not a terminal"; exit 1; }
[ "$(head -1 "$d/f.csv")" = "file,line,column,kind,category,rule,text" ] || { echo "bad findings header"; exit 1; }
grep -q '"Zorbanskiwicz"' "$d/f.csv" || { echo "--show did not put the text in the findings file"; exit 1; }
"$BIN/verify" --findings "$d/g.csv" "$d/in.txt" > /dev/null 2>&1
! grep -q Zorbanskiwicz "$d/g.csv" || { echo "text in the findings file without --show"; exit 1; }
printf 'seen by [PERSON-K7QX2M9I] and [INAUDIBLE]\n' > "$d/tags.txt"
set +e
"$BIN/verify" "$d/tags.txt" > /dev/null 2> "$d/err3.txt"
status=$?
set -e
[ "$status" -eq 1 ] || { echo "a malformed pseudonym passed"; exit 1; }
grep -q 'leak: TAG: malformed-pseudonym' "$d/err3.txt" || { echo "no malformed-pseudonym leak"; exit 1; }
grep -q 'suspect: TAG: unknown-tag' "$d/err3.txt" || { echo "no unknown-tag suspect"; exit 1; }
