# CRLF, a byte-order mark and a missing final newline survive byte for byte.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
printf '\357\273\277Interviewer: hello\r\nP01: I met Sarah Okafor.\r\nP01: bye' > "$d/in.txt"
printf '\357\273\277Interviewer: hello\r\nP01: I met [PERSON].\r\nP01: bye' > "$d/want.txt"
"$BIN/redact" "$d/in.txt" > "$d/out.txt"
cmp -s "$d/out.txt" "$d/want.txt" || { echo "line endings, BOM or final newline changed"; exit 1; }
