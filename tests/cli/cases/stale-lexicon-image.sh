# A lexicon image that no longer matches its lists is ignored: a name added
# to a copy of the lists is found although the copied image lacks it.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cp -r rules "$d/rules"
printf "Xylophonia was there.\n" > "$d/in.txt"
[ "$("$BIN/redact" -r "$d/rules/uk-health.rules" "$d/in.txt")" = "Xylophonia was there." ] ||
    { echo "the made-up name was found before it was listed"; exit 1; }
printf 'Xylophonia\n' >> "$d/rules/lists/given-names.txt"
[ "$("$BIN/redact" -r "$d/rules/uk-health.rules" "$d/in.txt")" = "[PERSON] was there." ] ||
    { echo "a stale image hid the new entry"; exit 1; }
