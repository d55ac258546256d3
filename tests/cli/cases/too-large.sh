# An input over the size limit (64 MiB) is refused with 65 and no output.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
yes 'Sarah Okafor rang me on 07700 900123 about the ward.' | head -c 70000000 > "$d/big.txt"
set +e
"$BIN/redact" "$d/big.txt" > "$d/out.txt" 2> "$d/err.txt"
status=$?
set -e
[ "$status" -eq 65 ] || { echo "exit $status, expected 65"; exit 1; }
[ ! -s "$d/out.txt" ] || { echo "output was written"; exit 1; }
grep -q 'larger than the limit' "$d/err.txt" || { echo "no size-limit message"; exit 1; }
! grep -q Okafor "$d/err.txt" || { echo "transcript text on stderr"; exit 1; }
