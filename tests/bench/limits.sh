#!/bin/sh
# make limits: pathological inputs, each at two sizes ten times apart, so
# that the growth of time and peak memory shows whether hush is linear; and
# inputs over the limits, which must be refused with exit 65.  It asserts
# exit statuses and memory bounds only: speed is reported, never tested.
#   - one line of 40 MB of prose (and 4 MB)
#   - 10^6 lines of one letter (and 10^5)
#   - one line of 10^6 "i" and en dash (and 10^5): a word that address
#     characters run up to, which once cost time quadratic in the run
#   - a 70 MB input (over the 64 MiB limit): refused
#   - a rule list of 10^6 names (and 10^5)
#   - a rule regex that backtracks badly: the document fails (65), fast
#   - lines of ages chained 200 deep ("She is 84 and 2 and 2..."), 10^3
#     and 10^4 of them; one chain of 10^4 is refused (65), fast: each link
#     once settled the whole text again, time quadratic in the chain
set -eu
cd "$(dirname "$0")/../.."
work=bench/limits
mkdir -p "$work" build/bench
cc -O2 -o build/bench/measure tests/bench/measure.c
M=build/bench/measure
R=bin/redact
fail=0
MAX_RSS_MB=${MAX_RSS_MB:-1024}

# measure NAME EXPECTED-STATUS COMMAND...: prints seconds and MB
measure() {
    name=$1 want=$2
    shift 2
    set +e
    out=$($M "$work/out" "$@" 2> "$work/err")
    rc=$?
    set -e
    # measure reports the child's status through its own exit status
    secs=${out% *}
    kib=${out#* }
    printf '%-44s %8.2f s %8.1f MB  exit %s\n' "$name" "$secs" "$(echo "$kib" | awk '{ print $1 / 1024 }')" "$rc"
    if [ "$rc" != "$want" ]; then echo "limits: $name: exit $rc, expected $want"; fail=1; fi
    if [ "$(echo "$kib" | awk '{ print int($1 / 1024) }')" -gt "$MAX_RSS_MB" ]; then
        echo "limits: $name: peak memory over $MAX_RSS_MB MB"
        fail=1
    fi
}

prose() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "Sarah said it was fine and went home. " }'; }
prose 100000 > "$work/line4.txt"
prose 1000000 > "$work/line40.txt"
awk 'BEGIN { for (i = 0; i < 100000; i++) print "a" }' > "$work/lines5.txt"
idash() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "i\342\200\223"; print "" }'; }
idash 100000 > "$work/idash5.txt"
idash 1000000 > "$work/idash6.txt"
awk 'BEGIN { for (i = 0; i < 1000000; i++) print "a" }' > "$work/lines6.txt"
head -c 70000000 /dev/zero | tr '\0' 'a' > "$work/over.txt"
names() { awk -v n="$1" 'BEGIN { srand(1); for (i = 0; i < n; i++) {
    w = ""; for (k = 0; k < 8; k++) w = w sprintf("%c", 97 + int(rand() * 26))
    printf "Q%s Z%s\n", w, w } }'; }
names 100000 > "$work/names5.txt"
names 1000000 > "$work/names6.txt"
for n in 5 6; do
    printf 'rule big\n  category PERSON\n  list names%s.txt\n  reason Invented names.\n' "$n" > "$work/list$n.rules"
done
printf 'rule slow\n  category ID\n  regex (a|aa)+$\n  reason A regex that backtracks badly.\n' > "$work/slow.rules"
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "a"; print "b" }' > "$work/slow.txt"
echo "hello" > "$work/small.txt"
ages() { awk -v n="$1" -v k="$2" 'BEGIN { for (i = 0; i < n; i++) { printf "She is 84"
    for (j = 0; j < k; j++) printf " and 2"; print "." } }'; }
ages 1000 200 > "$work/ages3.txt"
ages 10000 200 > "$work/ages4.txt"
ages 1 10000 > "$work/agechain.txt"

echo "hush limits: time and peak memory at two sizes ten times apart"
measure "one line, 4 MB of prose" 0 $R "$work/line4.txt"
measure "one line, 40 MB of prose" 0 $R "$work/line40.txt"
measure "10^5 lines of one letter" 0 $R "$work/lines5.txt"
measure "10^6 lines of one letter" 0 $R "$work/lines6.txt"
measure "one line of 10^5 i and en dash" 0 $R "$work/idash5.txt"
measure "one line of 10^6 i and en dash" 0 $R "$work/idash6.txt"
measure "a 70 MB input (refused)" 65 $R "$work/over.txt"
measure "a list of 10^5 names" 0 $R -r "$work/list5.rules" "$work/small.txt"
measure "a list of 10^6 names" 0 $R -r "$work/list6.rules" "$work/small.txt"
measure "a regex that backtracks badly (refused)" 65 $R -r "$work/slow.rules" "$work/slow.txt"
measure "10^3 lines of ages chained 200 deep" 0 $R "$work/ages3.txt"
measure "10^4 lines of ages chained 200 deep" 0 $R "$work/ages4.txt"
measure "one chain of 10^4 ages (refused)" 65 $R "$work/agechain.txt"
exit $fail
