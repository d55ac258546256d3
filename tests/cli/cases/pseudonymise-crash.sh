# Crashes and concurrency on one vault (issue 4).
#
# CRASH_RUNS runs (default 40 in `make cli`; `make crash` runs the issue's
# 200) are each killed with SIGKILL at a random moment of the time a whole
# run takes (measured first, on this machine, now).  Afterwards the
# whole chain still verifies, every published output's pseudonyms are in
# the linkage under that output's document (never output without its
# batch), and no temporary file is left in the vault once a run has
# completed after them.  Each run's inputs name a person no other run
# names, so a batch of another run cannot stand in for a missing one.
#
# Then 20 runs at once on one vault: all succeed, 20 intact batches, one
# pseudonym for the person they all name; and --no-wait while another
# holds the vault's lock exits 75 with nothing on stdout and no batch.
set -eu
. tests/cli/lib/pseudonymise.sh
ps_setup
runs=${CRASH_RUNS:-40}
mkdir "$d/in" "$d/pub"

# A surname of letters only, unique to run $1 ("Dr Zbh..." is a PERSON by
# the titled-name rule): its decimal digits spelt as the letters b to k.
surname() {
    printf 'Z%s' "$(printf '%s' "$1" | tr 0-9 b-k)"
}
random_ms() {
    echo $(($(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % $1))
}
now_ms() {
    echo $(($(date +%s%N) / 1000000))
}

# How long one whole run of two documents takes.
printf 'P01: Dr Zaaa rang.\n' > "$d/in/calib1.txt"
printf 'P02: Dr Zaab rang.\n' > "$d/in/calib2.txt"
t0=$(now_ms)
"$P" --vault "$d/vault" -o "$d/pub" "$d/in/calib1.txt" "$d/in/calib2.txt"
span=$(($(now_ms) - t0 + 1))
rm "$d/pub/calib1.txt" "$d/pub/calib2.txt"

i=0
while [ $i -lt "$runs" ]; do
    i=$((i + 1))
    s=$(surname $i)
    printf 'P01: Dr %sa rang Sarah Okafor.\n' "$s" > "$d/in/r${i}a.txt"
    printf 'P02: Dr %sb saw Dr %sa.\n' "$s" "$s" > "$d/in/r${i}b.txt"
    "$P" --vault "$d/vault" -o "$d/pub" "$d/in/r${i}a.txt" "$d/in/r${i}b.txt" 2> /dev/null &
    pid=$!
    ms=$(random_ms $span)
    sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
    kill -9 $pid 2> /dev/null || true
    wait $pid 2> /dev/null || true
done
published=$(ls "$d/pub" | wc -l)
batches=$(ls "$d/vault/batches" | grep -c '^[0-9]\{8\}\.batch$' || true)

# The chain verifies whole after the kills.
ps_reveal "$d/vault" > "$d/linkage.csv" 2> "$d/err" ||
    { echo "after $runs killed runs --reveal fails: $(cat "$d/err")"; exit 1; }
# Every published output: each of its pseudonyms is in the linkage, with
# this output's document among its documents.
for f in "$d"/pub/*; do
    [ -e "$f" ] || continue
    name=$(basename "$f")
    codes=$(ps_codes "$f")
    [ -n "$codes" ] || { echo "published $name holds no pseudonym"; exit 1; }
    for c in $codes; do
        grep "^\"$c\"," "$d/linkage.csv" | grep -q "[\"; ]${name}[\";]" ||
            { echo "published $name uses $c, which the linkage does not record for it"; exit 1; }
    done
done
# What killed runs left: a half-written batch is tidied by the next run
# that writes one; nothing else may be left in the vault.
printf 'P00: Dr Zaaa.\n' > "$d/in/last.txt"
"$P" --vault "$d/vault" -o "$d/pub" "$d/in/last.txt"
left=$(cd "$d/vault" && find . -name '.*' ! -name . | sort)
[ -z "$left" ] || { echo "temporary files left in the vault after a clean run: $(printf "%s " $left)"; exit 1; }
# Outputs a killed run had staged (".NAME.XXXXXX" beside the output) are
# never tidied, and were staged before their batch was written, so some hold
# pseudonyms the linkage lacks: a known bug.  CRASH_STRICT=1 (`make crash`)
# fails on them; `make cli` counts them only.
stale=$(ls -A "$d/pub" | grep -c '^\.' || true)
unlinked=0
for f in "$d"/pub/.*.txt.*; do
    [ -e "$f" ] || continue
    for c in $(ps_codes "$f"); do grep -q "^$c," "$d/linkage.csv" || unlinked=$((unlinked + 1)); done
done
if [ "${CRASH_STRICT:-0}" = 1 ] && [ "$stale" -gt 0 ]; then
    echo "killed runs left $stale staged outputs beside the published ones, never tidied," \
        "holding $unlinked pseudonyms the linkage lacks"
    exit 1
fi
echo "crash: $runs runs killed within ${span} ms, $published outputs published," \
    "$batches batches, $stale staged outputs left ($unlinked pseudonyms in them without linkage)"

# 20 runs at once: each waits for the vault's lock in turn.
before=$(ls "$d/vault/batches" | wc -l)
mkdir "$d/conc"
pids=""
for i in $(seq 1 20); do
    printf 'P%02d: Sarah Okafor and Dr %s.\n' "$i" "$(surname $((1000 + i)))" > "$d/in/c$i.txt"
    "$P" --vault "$d/vault" -o "$d/conc/c$i.txt" "$d/in/c$i.txt" 2> "$d/conc.err.$i" &
    pids="$pids $!"
done
for p in $pids; do wait "$p" || { echo "one of 20 concurrent runs failed"; exit 1; }; done
[ "$(ls "$d/vault/batches" | wc -l)" -eq $((before + 20)) ] || { echo "20 concurrent runs: not 20 batches"; exit 1; }
ps_reveal "$d/vault" > "$d/linkage2.csv" || { echo "after 20 concurrent runs the chain does not verify"; exit 1; }
# The person all 20 name: the one pseudonym in every output, once each.
sarah=$(for i in $(seq 1 20); do ps_codes "$d/conc/c$i.txt"; done | sort | uniq -c | awk '$1 == 20 {print $2}')
[ "$(printf '%s\n' "$sarah" | grep -c PERSON)" -eq 1 ] ||
    { echo "20 concurrent runs: the person they share has not one pseudonym"; exit 1; }
for i in $(seq 1 20); do
    [ "$(ps_codes "$d/conc/c$i.txt" | wc -l)" -eq 2 ] || { echo "concurrent run $i: not two pseudonyms"; exit 1; }
done
grep "^\"$sarah\"," "$d/linkage2.csv" | grep -q 'c20.txt' || { echo "the shared person's linkage lacks a document"; exit 1; }

# --no-wait on a busy vault: 75, nothing on stdout, no batch.
before=$(ls "$d/vault/batches" | wc -l)
flock "$d/vault/lock" sleep 2 &
holder=$!
sleep 0.3
ps_expect_fail 75 "--no-wait on a busy vault" "$P" --vault "$d/vault" --no-wait "$d/in/c1.txt"
grep -q 'another run holds the vault' "$d/err" || { echo "--no-wait: no clear message"; exit 1; }
wait $holder
[ "$(ls "$d/vault/batches" | wc -l)" -eq "$before" ] || { echo "--no-wait: a batch was written"; exit 1; }
