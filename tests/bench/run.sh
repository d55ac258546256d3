#!/bin/sh
# make bench: redact's throughput on a ~100 MB seeded synthetic corpus, side
# by side with cat (the floor for any filter) and wc -w (the floor for any
# filter that splits words), redact's peak RSS, and its start-up time on a
# 1 KB transcript.  Every tool writes to a file, never to /dev/null.
set -eu
cd "$(dirname "$0")/../.."
MB=${BENCH_MB:-100}
FILE_KB=${BENCH_FILE_KB:-50}
RUNS=${BENCH_RUNS:-3}
work=bench
mkdir -p "$work" build/bench
cc -O2 -o build/bench/gencorpus tests/bench/gencorpus.c
cc -O2 -o build/bench/measure tests/bench/measure.c
M=build/bench/measure

stamp="$work/corpus.$MB.$FILE_KB"
if [ ! -f "$stamp" ]; then
    rm -rf "$work/corpus" "$work"/corpus.*
    mkdir -p "$work/corpus"
    build/bench/gencorpus "$work/corpus" "$MB" "$FILE_KB" rules/lists
    touch "$stamp"
fi
files=$(ls "$work"/corpus/*.txt)
bytes=$(cat $files | wc -c)
mb=$(echo "$bytes" | awk '{ printf "%.1f", $1 / 1e6 }')

# median of RUNS timings of one command; prints "seconds rss"
median() {
    i=0
    : > "$work/times"
    while [ "$i" -lt "$RUNS" ]; do
        "$@" >> "$work/times"
        i=$((i + 1))
    done
    sort -n "$work/times" | awk -v n="$RUNS" 'NR == int((n + 1) / 2) { print }'
}

# redact as a user runs it: one document per CPU at once (-j defaults to
# the CPUs this process may use), and on one thread, the fair comparison
# with the single-threaded cat and wc.
jobs=$(nproc)
run_redact() {
    $M "$work/redact.out" bin/redact "$@" $files
}

echo "hush bench: $mb MB in $(echo $files | wc -w) transcripts, median of $RUNS runs, $jobs CPUs"
cat_t=$(median $M "$work/cat.out" cat $files)
wc_t=$(median $M "$work/wc.out" wc -w $files)
red_t=$(median run_redact)
red1_t=$(median run_redact -j 1)
# start-up: a 1 KB transcript, median of 51 runs
head -c 1000 "$(echo $files | cut -d' ' -f1)" | sed '$d' > "$work/small.txt"
RUNS_SAVED=$RUNS
RUNS=51
start_t=$(median $M "$work/small.out" bin/redact "$work/small.txt")
RUNS=$RUNS_SAVED

awk -v b="$bytes" -v c="$cat_t" -v w="$wc_t" -v r="$red_t" -v r1="$red1_t" -v s="$start_t" \
    -v j="$jobs" 'BEGIN {
    split(c, C, " "); split(w, W, " "); split(r, R, " "); split(r1, R1, " "); split(s, S, " ")
    printf "%-40s %10s\n", "what", "MB/s"
    printf "%-40s %10.1f\n", "cat (the floor)", b / 1e6 / C[1]
    printf "%-40s %10.1f\n", "wc -w (floor for splitting words)", b / 1e6 / W[1]
    printf "%-40s %10.1f\n", "redact, shipped rules (-j " j ")", b / 1e6 / R[1]
    printf "%-40s %10.1f\n", "redact, shipped rules, one thread (-j 1)", b / 1e6 / R1[1]
    printf "redact / wc -w: %.2fx (-j %d), %.2fx (-j 1)\n", W[1] / R[1], j, W[1] / R1[1]
    printf "redact peak RSS: %.1f MB (-j %d), %.1f MB (-j 1)\n", R[2] / 1024, j, R1[2] / 1024
    printf "redact start-up on 1 KB: %.1f ms (median of 51)\n", S[1] * 1000
}'

# For context only: grep with the name lists on a small slice.
if [ "${BENCH_GREP:-1}" = 1 ]; then
    grep -hv '^#' rules/lists/given-names.txt rules/lists/surnames.txt > "$work/names.list"
    head -c 100000 "$(echo $files | cut -d' ' -f1)" > "$work/slice.txt"
    t0=$(date +%s.%N)
    if LC_ALL=C timeout 60 grep -F -i -w -f "$work/names.list" "$work/slice.txt" > "$work/grep.out"; then :; fi
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" -v n="$(wc -l < "$work/names.list")" 'BEGIN {
        printf "context: LC_ALL=C grep -F -i -w -f (%d names), 0.1 MB slice: %.2f MB/s%s\n",
            n, 0.1 / (b - a), (b - a >= 60 ? " (stopped at 60 s)" : "") }'
fi
