#!/bin/sh
# same-output.sh REFDIR [record]: guards speed work against any change in
# behaviour.  With "record", runs bin/redact --spans over every input below
# and keeps its exit status, output, spans and stderr in REFDIR (with a copy
# of the inputs, since the bench corpus is regenerated); without it, runs
# the same again and compares byte for byte, listing the inputs that differ.
#
# Inputs: fixtures/eval, fixtures/demo, the redact fuzz corpus (invalid
# inputs too: their exit status and message must not change), a sample of
# the bench corpus (when one has been made), and variants of the eval corpus
# in upper case, lower case and with accented and non-ASCII characters, so
# that the tokeniser's slow paths are compared as well as its fast ones.
set -eu
cd "$(dirname "$0")/../.."
ref=${1:?usage: same-output.sh REFDIR [record]}
mode=${2:-compare}
bin=${REDACT:-bin/redact}

if [ "$mode" = record ]; then
    rm -rf "$ref"
    mkdir -p "$ref/in" "$ref/out"
    for f in fixtures/eval/*.txt fixtures/demo/*.txt; do
        cp "$f" "$ref/in/$(basename "$f")"
    done
    for f in tests/fuzz/corpus/redact/*; do
        cp "$f" "$ref/in/fuzz-$(basename "$f")"
    done
    if [ -d bench/corpus ]; then
        ls bench/corpus/*.txt | awk 'NR % 10 == 1' | head -40 | while read -r f; do
            cp "$f" "$ref/in/bench-$(basename "$f")"
        done
    fi
    for f in fixtures/eval/*.txt; do
        b=$(basename "$f" .txt)
        tr 'a-z' 'A-Z' < "$f" > "$ref/in/upper-$b.txt"
        tr 'A-Z' 'a-z' < "$f" > "$ref/in/lower-$b.txt"
        # accents, typographic apostrophes, no-break spaces and ellipses
        sed -e 's/e/\xc3\xa9/g; s/O/\xc3\x96/g; s/'"'"'/\xe2\x80\x99/g' \
            -e 's/\. /.\xc2\xa0/g; s/\.\.\./\xe2\x80\xa6/g; s/ an / an\xe2\x80\x8b /g' \
            < "$f" > "$ref/in/accent-$b.txt"
    done
fi

fail=0
dir=$ref/out
[ "$mode" = record ] || dir=$(mktemp -d)
for f in "$ref"/in/*; do
    b=$(basename "$f")
    set +e
    "$bin" --spans "$dir/$b.spans" "$f" > "$dir/$b.out" 2> "$dir/$b.err"
    echo $? > "$dir/$b.status"
    set -e
    if [ "$mode" != record ]; then
        for x in out err status spans; do
            if [ -f "$ref/out/$b.$x" ] || [ -f "$dir/$b.$x" ]; then
                if ! cmp -s "$ref/out/$b.$x" "$dir/$b.$x"; then
                    echo "differs: $b ($x)"
                    fail=1
                fi
            fi
        done
    fi
done
if [ "$mode" = record ]; then
    echo "recorded $(ls "$ref/in" | wc -l) inputs in $ref"
else
    rm -rf "$dir"
    [ "$fail" = 0 ] && echo "same output on $(ls "$ref/in" | wc -l) inputs"
fi
exit "$fail"
