# redact -j and verify -j: several inputs on several threads give what one thread
# gives, byte for byte and in the same order: standard output, standard
# error and the exit status, and the files published with -o.  A bad input
# in the middle fails alone; the status is that of the first failure; a
# failing standard output stops the run.  Failures name the check, never
# the text.
# shellcheck disable=SC2086 # the lists of inputs are split on purpose
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() {
    echo "$*"
    exit 1
}
printf 'bad \377 byte\n' > "$d/bad.txt"
good1='fixtures/eval/01-nsft-psw-ipswich.txt fixtures/eval/02-notts-nurse-crlf.txt
fixtures/eval/03-slam-service-user-timestamps.txt fixtures/eval/04-pennine-team-manager.txt
fixtures/eval/05-betsi-psw-bom.txt'
good2='fixtures/eval/26-mersey-care-liverpool-long.txt fixtures/formats/teams.vtt
fixtures/formats/zoom.vtt fixtures/formats/interview.srt fixtures/formats/transcript.csv
fixtures/demo/interview.txt'
for f in $good1 $good2; do
    [ -f "$f" ] || fail "fixture $f is missing"
done
# The bad input, then one that does not exist (66): the status stays 65.
set -- $good1 "$d/bad.txt" $good1 "$d/missing.txt" $good2

# What one run of each good input writes, one after another.
: > "$d/expected"
mkdir "$d/single"
for f in $good1 $good1 $good2; do
    "$BIN/redact" -j 1 "$f" > "$d/one" 2> "$d/one.err" || fail "$f alone: exit status $?"
    [ ! -s "$d/one.err" ] || fail "$f alone: output on standard error"
    cat "$d/one" >> "$d/expected"
    cp "$d/one" "$d/single/$(basename "$f")"
done

# ---- to standard output --------------------------------------------------
for j in 1 3 default; do
    opt="-j $j"
    [ "$j" != default ] || opt=
    set +e
    "$BIN/redact" $opt "$@" > "$d/out.$j" 2> "$d/err.$j" < /dev/null
    echo $? > "$d/status.$j"
    set -e
done
[ "$(cat "$d/status.1")" = 65 ] || fail "-j 1: exit status $(cat "$d/status.1"), expected 65"
cmp -s "$d/out.1" "$d/expected" ||
    fail "-j 1: standard output is not the good inputs' outputs, each whole, in order"
[ "$(wc -l < "$d/err.1")" -eq 2 ] || fail "-j 1: standard error is not one line per bad input"
grep -q 'bad\.txt' "$d/err.1" || fail "-j 1: standard error does not name the bad input"
grep -q 'missing\.txt' "$d/err.1" || fail "-j 1: standard error does not name the missing input"
for j in 3 default; do
    cmp -s "$d/status.$j" "$d/status.1" ||
        fail "-j $j: exit status $(cat "$d/status.$j"), with -j 1 $(cat "$d/status.1")"
    cmp -s "$d/out.$j" "$d/out.1" || fail "-j $j: standard output differs from -j 1"
    cmp -s "$d/err.$j" "$d/err.1" || fail "-j $j: standard error differs from -j 1"
done

# Good inputs only: exit 0, and the same again.
for j in 1 2 3 8; do
    "$BIN/redact" -j $j $good1 $good1 $good2 > "$d/good.$j" 2> "$d/good.err" ||
        fail "-j $j, good inputs only: exit status $?"
    [ ! -s "$d/good.err" ] || fail "-j $j, good inputs only: output on standard error"
    cmp -s "$d/good.$j" "$d/expected" || fail "-j $j, good inputs only: standard output differs"
done
"$BIN/redact" --jobs=3 $good2 > "$d/long" || fail "--jobs=3: exit status $?"
"$BIN/redact" -j 1 $good2 > "$d/long.1"
cmp -s "$d/long" "$d/long.1" || fail "--jobs=3: standard output differs from -j 1"

# ---- a standard output that fails -----------------------------------------
if [ -w /dev/full ]; then
    for j in 1 3 default; do
        opt="-j $j"
        [ "$j" != default ] || opt=
        set +e
            "$BIN/redact" $opt "$@" > /dev/full 2> "$d/full.$j" < /dev/null
        status=$?
        set -e
        [ "$status" = 74 ] || fail "-j $j, stdout /dev/full: exit status $status, expected 74"
        [ "$(wc -l < "$d/full.$j")" -eq 1 ] ||
            fail "-j $j, stdout /dev/full: did not stop at the first failed write"
        cmp -s "$d/full.$j" "$d/full.1" ||
            fail "-j $j, stdout /dev/full: standard error differs from -j 1"
    done
fi

# ---- published with -o DIR ------------------------------------------------
for j in 1 3 default; do
    opt="-j $j"
    [ "$j" != default ] || opt=
    mkdir "$d/o.$j"
    set +e
    "$BIN/redact" $opt -o "$d/o.$j" $good1 "$d/bad.txt" "$d/missing.txt" $good2 \
        > "$d/oout.$j" 2> "$d/oerr.$j" < /dev/null
    echo $? > "$d/ostatus.$j"
    set -e
    [ "$(cat "$d/ostatus.$j")" = 65 ] || fail "-j $j -o: exit status $(cat "$d/ostatus.$j"), expected 65"
    [ ! -s "$d/oout.$j" ] || fail "-j $j -o: output on standard output"
    [ ! -e "$d/o.$j/bad.txt" ] || fail "-j $j -o: the bad input was published"
    n=0
    for f in $good1 $good2; do
        b=$(basename "$f")
        cmp -s "$d/o.$j/$b" "$d/single/$b" || fail "-j $j -o: $b is not its input's output"
        n=$((n + 1))
    done
    [ "$(ls -A "$d/o.$j" | wc -l)" -eq "$n" ] || fail "-j $j -o: files left beside the outputs"
done
for j in 3 default; do
    diff -r "$d/o.$j" "$d/o.1" > /dev/null 2>&1 || fail "-j $j -o: published files differ from -j 1"
    cmp -s "$d/oerr.$j" "$d/oerr.1" || fail "-j $j -o: standard error differs from -j 1"
done

# ---- usage errors -----------------------------------------------------------
for bad in '-j 0' '-j 65' '-j x' '-j -1' '-j 3x' '-j' '--jobs=0' '--jobs=65' '--jobs=x'; do
    set +e
    "$BIN/redact" fixtures/demo/interview.txt $bad > "$d/uout" 2> "$d/uerr" < /dev/null
    status=$?
    set -e
    [ "$status" = 64 ] || fail "redact $bad: exit status $status, expected 64"
    [ ! -s "$d/uout" ] || fail "redact $bad: output on standard output"
    grep -q -- '-j' "$d/uerr" || fail "redact $bad: the message does not name -j"
done

# ---- verify -j: the same gate on several threads ---------------------------
# Redacted inputs (which pass or fail on their own), raw ones (which leak),
# the bad and the missing input: findings on standard error, the findings
# file, the text passed on and the exit status are those of -j 1.
mkdir "$d/v"
for f in $good1; do
    "$BIN/redact" -j 1 "$f" > "$d/v/$(basename "$f")"
done
set -- "$d"/v/*.txt fixtures/eval/01-nsft-psw-ipswich.txt "$d/bad.txt" "$d/missing.txt" $good1
for j in 1 3 default; do
    opt="-j $j"
    [ "$j" != default ] || opt=
    set +e
    "$BIN/verify" $opt --findings "$d/vf.$j" "$@" > "$d/vout.$j" 2> "$d/verr.$j" < /dev/null
    echo $? > "$d/vstatus.$j"
    set -e
done
[ "$(cat "$d/vstatus.1")" = 65 ] || fail "verify -j 1: exit status $(cat "$d/vstatus.1"), expected 65"
[ -s "$d/verr.1" ] || fail "verify -j 1: no findings on standard error"
for j in 3 default; do
    cmp -s "$d/vstatus.$j" "$d/vstatus.1" || fail "verify -j $j: exit status differs from -j 1"
    cmp -s "$d/vout.$j" "$d/vout.1" || fail "verify -j $j: standard output differs from -j 1"
    cmp -s "$d/verr.$j" "$d/verr.1" || fail "verify -j $j: standard error differs from -j 1"
done
# Without the bad inputs the findings file is written; it too is the same.
set -- "$d"/v/*.txt fixtures/eval/01-nsft-psw-ipswich.txt
for j in 1 3; do
    set +e
    "$BIN/verify" -j $j --findings "$d/vf.$j" "$@" > "$d/vout.$j" 2> /dev/null
    echo $? > "$d/vstatus.$j"
    set -e
done
[ "$(cat "$d/vstatus.1")" = 1 ] || fail "verify -j 1, a raw input: exit status $(cat "$d/vstatus.1"), expected 1"
cmp -s "$d/vstatus.3" "$d/vstatus.1" || fail "verify -j 3: exit status differs from -j 1"
cmp -s "$d/vf.3" "$d/vf.1" || fail "verify -j 3: the findings file differs from -j 1"
cmp -s "$d/vout.3" "$d/vout.1" || fail "verify -j 3: standard output differs from -j 1"
for bad in '-j 0' '-j x'; do
    set +e
    "$BIN/verify" $bad fixtures/demo/interview.txt > "$d/uout" 2> "$d/uerr" < /dev/null
    status=$?
    set -e
    [ "$status" = 64 ] || fail "verify $bad: exit status $status, expected 64"
    grep -q -- '-j' "$d/uerr" || fail "verify $bad: the message does not name -j"
done
