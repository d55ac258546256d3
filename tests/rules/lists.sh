#!/bin/sh
# make examples, the lists' part: what rules/lists/README.md promises of the
# lists written by hand, which tools/mklists neither writes nor checks.
#  - No list holds an entry twice in the eyes of the matcher: two lines
#    whose words normalise to one key (case, accents, apostrophes and a
#    possessive folded) are one entry written twice.
#  - places-abroad.txt holds no ordinary word, no place of Great Britain or
#    Northern Ireland (those are the place lists' own) and no given name, so
#    that a person's name or a word of speech is never tagged as a place
#    abroad.
# Failures name the list and the line number, never the entry: the lists
# are public, but the same script shape is used on study lists that are not.
set -eu
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
listkey="$BUILD/listkey"
dir=rules/lists
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# keys FILE: "key<TAB>line number" for each entry of FILE, in file order.
keys() {
    awk '!/^#/ && !/^[[:space:]]*$/ { print NR "\t" $0 }' "$1" >"$tmp/numbered"
    cut -f2- "$tmp/numbered" | "$listkey" | cut -f1 >"$tmp/k"
    [ "$(wc -l <"$tmp/k")" -eq "$(wc -l <"$tmp/numbered")" ] ||
        { echo "lists: $1: an entry has no words" >&2; exit 1; }
    cut -f1 "$tmp/numbered" | paste "$tmp/k" -
}

status=0
for f in function-words name-particles allow-terms person-words name-followers acronyms context-acronyms \
    places-abroad given-names-extra surnames-extra places-extra nhs-sites-extra \
    nhs-short-names; do
    # Into a file first: in a pipeline, an entry with no words would fail
    # only keys' subshell, not the script.
    keys "$dir/$f.txt" >"$tmp/keyed"
    awk -F '\t' -v f="$dir/$f.txt" '
        ($1 in first) { printf "lists: %s:%s: the same entry as line %s\n", f, $2, first[$1]; bad = 1; next }
        { first[$1] = $2 }
        END { exit bad }' "$tmp/keyed" >&2 || status=1
done

keys "$dir/places-abroad.txt" >"$tmp/abroad"
for f in common-words places places-extra given-names given-names-extra function-words; do
    keys "$dir/$f.txt" >"$tmp/keyed"
    cut -f1 "$tmp/keyed" | sort -u >"$tmp/other"
    awk -F '\t' -v f="$dir/places-abroad.txt" -v o="$dir/$f.txt" '
        NR == FNR { other[$1] = 1; next }
        ($1 in other) { printf "lists: %s:%s: also an entry of %s\n", f, $2, o; bad = 1 }
        END { exit bad }' "$tmp/other" "$tmp/abroad" >&2 || status=1
done
exit $status
