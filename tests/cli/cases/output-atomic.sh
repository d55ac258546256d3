# -o publishes whole or not at all: a failing input leaves no file and no
# temporary file behind; a good one leaves exactly the redacted text.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
printf 'Tamsin Okonjo\377\n' > "$d/bad.txt"
if "$BIN/redact" -o "$d/out.txt" "$d/bad.txt" 2>/dev/null; then
    echo "a bad input was accepted"; exit 1
fi
[ ! -e "$d/out.txt" ] || { echo "-o left a file after a failure"; exit 1; }
[ "$(ls -A "$d")" = "bad.txt" ] || { echo "-o left a temporary file: $(ls -A "$d")"; exit 1; }
printf 'I met Sarah Okafor.\n' > "$d/good.txt"
"$BIN/redact" -o "$d/out.txt" "$d/good.txt"
[ "$(cat "$d/out.txt")" = "I met [PERSON]." ] || { echo "-o wrote the wrong text"; exit 1; }
[ "$(ls -A "$d" | wc -l)" -eq 3 ] || { echo "-o left extra files: $(ls -A "$d")"; exit 1; }
