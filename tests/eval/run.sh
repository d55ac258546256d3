#!/bin/sh
# make eval: redacts every transcript of the labelled corpus (fixtures/eval)
# with the shipped rules and scores the spans against the gold annotations:
# recall per category and overall, precision, and the misses by file, offset
# and category (their text only with EVAL_SHOW=1).  Fails below the targets.
set -eu
cd "$(dirname "$0")/../.."
BIN=${HUSH_BIN:-bin}
out=build/eval
mkdir -p "$out"
cc -O2 -o "$out/score" tests/eval/score.c
sh tests/eval/score-selftest.sh > "$out/selftest.log" 2>&1 || {
    cat "$out/selftest.log" >&2
    echo "eval: the scorer's self-test failed" >&2
    exit 1
}
set --
for t in fixtures/eval/[0-9]*.txt; do
    name=$(basename "$t" .txt)
    "$BIN/redact" --spans "$out/$name.spans.csv" "$t" > "$out/$name.out"
    set -- "$@" "$t" "fixtures/eval/$name.gold.csv" "$out/$name.spans.csv"
done
show=""
[ "${EVAL_SHOW:-0}" = 1 ] && show=--show
exec "$out/score" $show --min-recall "${EVAL_MIN_RECALL:-0.99}" \
    --min-person-recall "${EVAL_MIN_PERSON_RECALL:-0.99}" \
    --min-precision "${EVAL_MIN_PRECISION:-0.90}" "$@"
