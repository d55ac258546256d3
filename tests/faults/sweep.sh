#!/bin/sh
# The fault sweep: every write, fsync, rename and link that redact and
# pseudonymise make while publishing is made to fail in turn (strace's
# syscall fault injection: ENOSPC and EIO at the Nth call, for every N until
# a run no longer reaches the Nth), and read, write and fsync are
# interrupted (EINTR), which must be retried.  After each run:
#   - a failed run exits 73 or 74, publishes no output file, and leaves no
#     temporary file beside it or in the vault;
#   - an interrupted run succeeds with the same output as a clean one;
#   - a pseudonymise run that published its output has its linkage batch;
#   - standard error never carries the transcript's text.
# The people in the input are invented.  Run: sh tests/faults/sweep.sh
set -u
cd "$(dirname "$0")/../.."
BIN=${BIN:-$PWD/bin}
command -v strace > /dev/null || { echo "sweep: strace is needed (apt-get install strace)"; exit 1; }
# A container that forbids ptrace cannot inject faults: say so loudly and
# run nothing, rather than report faults that were never injected.
if ! strace -qq -o /dev/null true 2> /dev/null; then
    echo "sweep: SKIPPED: this machine does not allow ptrace, so strace cannot inject faults"
    exit 0
fi
work=build/faults
rm -rf "$work"
mkdir -p "$work/out"
fail=0
runs=0
bad() { echo "sweep: $*"; fail=1; }

input="$work/in.txt"
printf 'Interviewer: How was the clinic?\nP04: Quentin Marlowe-Adeyemi saw me at Leeds General Infirmary.\n' > "$input"
canary="Marlowe"

pw="$work/pw"
echo "a sweep passphrase, invented" > "$pw"
"$BIN/pseudonymise" --init-custodian "$work/cust" --passphrase-fd 3 --kdf-memory 8 \
    --kdf-passes 1 3< "$pw" 2> /dev/null || { echo "sweep: cannot make a custodian"; exit 1; }
"$BIN/pseudonymise" --init-study "$work/vault" --custodian "$work/cust/custodian.pub" ||
    { echo "sweep: cannot make a vault"; exit 1; }
"$BIN/pseudonymise" --accept-study "$work/vault" --key "$work/cust/custodian.key" \
    --passphrase-fd 3 3< "$pw" 2> /dev/null || { echo "sweep: cannot accept the vault"; exit 1; }

"$BIN/redact" "$input" > "$work/redact.want"
"$BIN/pseudonymise" --vault "$work/vault" "$input" > "$work/pseudonymise.want"

batches() { ls "$work/vault/batches" | grep -c '\.batch$'; }
leftovers() { # temporary files beside the output or in the vault
    ls -A "$work/out" "$work/vault" "$work/vault/batches" | grep '^\.' || true
}

# one run: tool, syscalls, error, N
run() {
    tool=$1 calls=$2 errno=$3 n=$4
    rm -f "$work/out/result.txt"
    before=$(batches)
    if [ "$tool" = redact ]; then
        set -- "$BIN/redact" -o "$work/out/result.txt" "$input"
    else
        set -- "$BIN/pseudonymise" --vault "$work/vault" -o "$work/out/result.txt" "$input"
    fi
    strace -f -qq -o /dev/null -e trace="$calls" -e inject="$calls:error=$errno:when=$n" \
        "$@" 2> "$work/err"
    rc=$?
    runs=$((runs + 1))
    where="$tool, $calls failing with $errno at call $n"
    if grep -q "$canary" "$work/err"; then bad "$where: transcript text on stderr"; fi
    if [ -n "$(leftovers)" ]; then bad "$where: a temporary file was left behind"; fi
    if [ $rc = 0 ]; then
        cmp -s "$work/out/result.txt" "$work/$tool.want" || bad "$where: exit 0 but the output differs"
        if [ "$tool" = pseudonymise ] && [ "$(batches)" -le "$before" ]; then
            bad "$where: output published without its linkage batch"
        fi
        return 0
    fi
    if [ "$errno" = EINTR ]; then bad "$where: an interrupted call was not retried (exit $rc)"; fi
    case $rc in 73 | 74) ;; *) bad "$where: exit $rc, expected 73 or 74" ;; esac
    # Only a failure to sync the directory after the rename may leave the
    # output in place, and then whole (and, for pseudonymise, after its
    # batch), as the exit status says.
    if [ -e "$work/out/result.txt" ]; then
        cmp -s "$work/out/result.txt" "$work/$tool.want" || bad "$where: partial output published"
        case $calls in fsync) ;; *) bad "$where: output published after a failure" ;; esac
        if [ "$tool" = pseudonymise ] && [ "$(batches)" -le "$before" ]; then
            bad "$where: output published without its linkage batch"
        fi
    fi
    return 1
}

for tool in redact pseudonymise; do
    for calls in write fsync rename,renameat,renameat2 link,linkat; do
        for errno in ENOSPC EIO; do
            n=1
            while [ $n -le 40 ] && ! run "$tool" "$calls" "$errno" $n; do n=$((n + 1)); done
        done
    done
    for calls in read write fsync; do
        # Count the calls hush makes: those of the dynamic loader, before
        # the first rule file is opened, are not ours to retry.
        set -- "$BIN/redact" "$input"
        [ "$tool" = pseudonymise ] && set -- "$BIN/pseudonymise" --vault "$work/vault" "$input"
        strace -f -qq -o "$work/count" -e trace="openat,$calls" "$@" > /dev/null 2>&1
        first=$(awk -v c="$calls(" 'index($0, "rules/") && index($0, "openat(") { print n + 1; exit }
            index($0, c) { n++ }' "$work/count")
        last=$(grep -c "$calls(" "$work/count")
        n=${first:-1}
        while [ $n -le "$last" ]; do
            run "$tool" "$calls" EINTR $n
            n=$((n + 1))
        done
    done
done
# A file-size limit: the write fails with EFBIG (no SIGXFSZ death), exit
# 74, nothing published, nothing left behind.
for tool in redact pseudonymise; do
    rm -f "$work/out/result.txt"
    set -- "$BIN/redact" -o "$work/out/result.txt" "$input"
    [ "$tool" = pseudonymise ] && set -- "$BIN/pseudonymise" --vault "$work/vault" -o "$work/out/result.txt" "$input"
    (ulimit -f 0 && "$@") 2> "$work/err"
    rc=$?
    runs=$((runs + 1))
    [ $rc = 74 ] || bad "$tool under a file-size limit: exit $rc, expected 74"
    [ -e "$work/out/result.txt" ] && bad "$tool under a file-size limit: output published"
    [ -n "$(leftovers)" ] && bad "$tool under a file-size limit: a temporary file was left behind"
done

# kill -9 at random moments of a run over a larger input: afterwards the
# output is absent or whole, and no temporary file is left behind.
big="$work/big.txt"
awk '{ a = a $0 "\n" } END { for (i = 0; i < 20000; i++) printf "%s", a }' "$input" > "$big"
"$BIN/redact" "$big" > "$work/big.want"
KILLS=${KILLS:-30}
k=0
while [ $k -lt "$KILLS" ]; do
    rm -f "$work/out/result.txt"
    "$BIN/redact" -o "$work/out/result.txt" "$big" 2> /dev/null &
    pid=$!
    sleep "0.0$(awk -v s="$k" 'BEGIN { srand(s); printf "%02d", int(rand() * 99) }')"
    kill -9 $pid 2> /dev/null
    wait $pid 2> /dev/null
    runs=$((runs + 1))
    if [ -e "$work/out/result.txt" ] && ! cmp -s "$work/out/result.txt" "$work/big.want"; then
        bad "redact killed at random ($k): partial output published"
    fi
    [ -n "$(leftovers)" ] && bad "redact killed at random ($k): a temporary file was left behind"
    k=$((k + 1))
done

# The vault still verifies whole after all that.
"$BIN/pseudonymise" --reveal "$work/vault" --key "$work/cust/custodian.key" --passphrase-fd 3 \
    3< "$pw" > /dev/null 2> "$work/err" || bad "the vault does not verify after the sweep"
echo "sweep: $runs runs"
exit $fail
