#!/bin/sh
# score-selftest.sh - build the scorer and check it on a tiny handmade
# example whose answer is known.
#
#   transcript  "I met Sarah Okafor in Ipswich.\nCall 07700 900123 now.\n"
#   gold        Sarah Okafor (6-18, PERSON), 07700 900123 (36-48, CONTACT)
#   reported    "Sarah" and "Okafor" as two spans (the name counts as found:
#               the space between them is not a letter), "07700" only (the
#               phone number is partly covered, so missed) and "now" (a false
#               positive).
#   expected    overall recall 0.500, PERSON recall 1.000,
#               precision 3/4 = 0.750
#
# Usage: sh tests/eval/score-selftest.sh   (from anywhere; needs cc)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

cc -std=c99 -O2 -Wall -o "$tmp/score" "$here/score.c"

printf 'I met Sarah Okafor in Ipswich.\nCall 07700 900123 now.\n' >"$tmp/t.txt"
printf 'start,end,category\n6,18,PERSON\n36,48,CONTACT\n' >"$tmp/gold.csv"
printf 'start,end,category,rule\n6,11,PERSON,name\n12,18,PERSON,name\n36,41,CONTACT,phone\n49,52,PERSON,word\n' >"$tmp/spans.csv"

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Run the scorer, keeping stdout, stderr and the exit status.
run() {
    set +e
    "$tmp/score" "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
    set -e
}

expect_status() {
    [ "$status" -eq "$1" ] || fail "$2: exit status $status, expected $1"
}

expect_line() {
    grep -qx -- "$1" "$tmp/out" || fail "missing output line: $1"
}

# 1. The figures, and no transcript text without --show.
run "$tmp/t.txt" "$tmp/gold.csv" "$tmp/spans.csv"
expect_status 0 "no thresholds"
expect_line 'overall recall 0.500, PERSON recall 1.000, precision 0.750'
expect_line "miss $tmp/t.txt:36-48 CONTACT (partly covered)"
expect_line "false-positive $tmp/t.txt:49-52 PERSON word"
grep -Eq '^PERSON +1 +1 +1\.000$' "$tmp/out" || fail "PERSON recall row"
grep -Eq '^CONTACT +1 +0 +0\.000$' "$tmp/out" || fail "CONTACT recall row"
grep -Eq '^all +2 +1 +0\.500$' "$tmp/out" || fail "overall recall row"
grep -Eq '^PERSON +3 +2 +0\.667$' "$tmp/out" || fail "PERSON precision row"
grep -Eq '^all +4 +3 +0\.750$' "$tmp/out" || fail "overall precision row"
# (The temporary directory name is removed first: it is random text.)
if sed "s|$tmp||g" "$tmp/out" | grep -q -e '07700' -e 'now'; then
    fail "transcript text printed without --show"
fi

# 2. --show adds the text of misses and false positives.
run --show "$tmp/t.txt" "$tmp/gold.csv" "$tmp/spans.csv"
expect_status 0 "--show"
expect_line "miss $tmp/t.txt:36-48 CONTACT (partly covered) \"07700 900123\""
expect_line "false-positive $tmp/t.txt:49-52 PERSON word \"now\""

# 3. Thresholds.
run --min-recall 0.5 --min-person-recall 1 --min-precision 0.75 \
    "$tmp/t.txt" "$tmp/gold.csv" "$tmp/spans.csv"
expect_status 0 "thresholds met"
run --min-recall 0.6 "$tmp/t.txt" "$tmp/gold.csv" "$tmp/spans.csv"
expect_status 1 "recall threshold missed"
run --min-precision 0.8 "$tmp/t.txt" "$tmp/gold.csv" "$tmp/spans.csv"
expect_status 1 "precision threshold missed"

# 4. Bad input exits 2, names file:line and never quotes the transcript.
printf 'start,end,category,rule\n6,11,PERSON,name\n36,99,CONTACT,phone\n' \
    >"$tmp/range.csv"
run "$tmp/t.txt" "$tmp/gold.csv" "$tmp/range.csv"
expect_status 2 "offset out of range"
grep -q "range.csv:3:" "$tmp/err" || fail "out-of-range message lacks file:line"

printf 'start,end,category\n6,eighteen,PERSON\n' >"$tmp/bad.csv"
run "$tmp/t.txt" "$tmp/bad.csv" "$tmp/spans.csv"
expect_status 2 "malformed gold"
grep -q "bad.csv:2:" "$tmp/err" || fail "malformed message lacks file:line"

printf 'begin,end,category\n' >"$tmp/hdr.csv"
run "$tmp/t.txt" "$tmp/hdr.csv" "$tmp/spans.csv"
expect_status 2 "bad header"

run "$tmp/t.txt" "$tmp/gold.csv"
expect_status 2 "wrong argument count"

if grep -q -e 'Sarah' -e 'Okafor' -e '07700' "$tmp/err"; then
    fail "error message quotes transcript text"
fi

if [ "$fails" -eq 0 ]; then
    echo "score-selftest: all checks passed"
else
    echo "score-selftest: $fails check(s) failed"
    exit 1
fi
