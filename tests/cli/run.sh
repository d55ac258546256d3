#!/bin/sh
# CLI golden tests.  Each case is tests/cli/cases/NAME.cmd, a command run by
# sh from the repository root with $BIN naming the directory of the tools,
# beside NAME.status (the exit status), NAME.stdout (standard output, exact)
# and, if the case writes to standard error, NAME.stderr (exact; without it
# standard error must be empty).  Cases ending in .sh are scripts that make
# their own assertions and exit non-zero on failure.  Failures name the case
# and the stream; actual outputs are kept under build/cli for inspection
# (they are synthetic, like every fixture).
set -u
cd "$(dirname "$0")/../.."
BIN=${HUSH_BIN:-$PWD/bin}
export BIN
out=build/cli
rm -rf "$out"
mkdir -p "$out/tmp"
# Every case's temporary files go here, to be searched for names at the end.
TMPDIR=$PWD/$out/tmp
export TMPDIR
pass=0
fail=0
for cmd in tests/cli/cases/*.cmd; do
    name=$(basename "$cmd" .cmd)
    dir=tests/cli/cases
    sh -c "$(cat "$cmd")" > "$out/$name.stdout" 2> "$out/$name.stderr" < /dev/null
    status=$?
    ok=1
    want=$(cat "$dir/$name.status")
    if [ "$status" != "$want" ]; then
        echo "FAIL $name: exit status $status, expected $want"
        ok=0
    fi
    if ! cmp -s "$out/$name.stdout" "$dir/$name.stdout"; then
        echo "FAIL $name: standard output differs from $dir/$name.stdout (actual in $out)"
        ok=0
    fi
    if [ -f "$dir/$name.stderr" ]; then
        if ! cmp -s "$out/$name.stderr" "$dir/$name.stderr"; then
            echo "FAIL $name: standard error differs from $dir/$name.stderr (actual in $out)"
            ok=0
        fi
    elif [ -s "$out/$name.stderr" ]; then
        echo "FAIL $name: unexpected output on standard error (in $out)"
        ok=0
    fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
for script in tests/cli/cases/*.sh; do
    name=$(basename "$script" .sh)
    if sh "$script" > "$out/$name.log" 2>&1; then
        pass=$((pass + 1))
    else
        echo "FAIL $name:"
        sed 's/^/    /' "$out/$name.log"
        fail=$((fail + 1))
    fi
done
# The leak canary over the whole suite: the invented surnames that the
# fixtures and cases feed the tools must never reach what a tool wrote to
# standard error (every case's .stderr, every script's log), nor a file left
# in the suite's temporary directory.  Only the file is named, never a line.
canaries='Okafor|Whitcombe|Quarrington|Wojcik|Marlowe'
for f in $(grep -rlE "$canaries" "$out" --include='*.stderr' --include='*.log' 2> /dev/null); do
    echo "FAIL leak canary: a fixture's name is in $f"
    fail=$((fail + 1))
done
for f in $(grep -rlE "$canaries" "$TMPDIR" 2> /dev/null); do
    echo "FAIL leak canary: a fixture's name is in a temporary file, $f"
    fail=$((fail + 1))
done
rm -rf "$TMPDIR"
echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
