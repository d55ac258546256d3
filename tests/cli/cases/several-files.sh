# Several inputs with -o DIR: one file each, named after the input; nothing
# on stderr when it is not a terminal (cron); a bad input fails alone.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir "$d/out"
printf 'I met Sarah Okafor.\n' > "$d/a.txt"
printf 'Call 07700 900123.\n' > "$d/b.txt"
printf 'bad \377\n' > "$d/c.txt"
set +e
"$BIN/redact" -o "$d/out" "$d/a.txt" "$d/c.txt" "$d/b.txt" 2> "$d/err"
status=$?
set -e
[ "$status" -eq 65 ] || { echo "exit $status, expected 65"; exit 1; }
[ "$(cat "$d/out/a.txt")" = "I met [PERSON]." ] || { echo "a.txt wrong"; exit 1; }
[ "$(cat "$d/out/b.txt")" = "Call [CONTACT]." ] || { echo "b.txt wrong"; exit 1; }
[ ! -e "$d/out/c.txt" ] || { echo "the bad input was published"; exit 1; }
[ "$(wc -l < "$d/err")" -eq 1 ] || { echo "stderr has more than the one error"; cat "$d/err"; exit 1; }
"$BIN/redact" -o "$d/out" "$d/a.txt" "$d/b.txt" 2> "$d/err"
[ ! -s "$d/err" ] || { echo "progress or noise on a non-terminal stderr"; exit 1; }
