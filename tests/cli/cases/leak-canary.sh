# Leak canaries: every tool is run, in success and in failure, over input
# holding an invented canary name, with TMPDIR pointing at a private
# directory; afterwards the canary must appear nowhere but where it is
# meant to: not on stderr, not in a report, a spans file, a findings file
# without --show, the vault (outside its sealed batches), the temporary
# directory, or a core file.  Failure messages name the place, never the
# text.
set -u
work=build/cli/canary
rm -rf "$work"
mkdir -p "$work/tmp" "$work/out"
TMPDIR=$PWD/$work/tmp
export TMPDIR
cd "$work"
canary=Quarrington
fail=0
bad() { echo "leak-canary: $*"; fail=1; }

printf 'Interviewer: Who helped?\nP02: Zebediah Quarrington, at Leeds General Infirmary.\n' > in.txt
printf 'Zebediah Quarrington said \377 here.\n' > bad-utf8.txt
printf 'He said Zebediah Quarrington was there.\n' > leak.txt # verify must find it
echo "an invented canary passphrase" > pw

# redact: success with spans and report, failure on bad input
"$BIN/redact" --spans spans.csv --report report.txt -o out/in.txt in.txt 2>> stderr.txt
"$BIN/redact" -o out/bad.txt bad-utf8.txt 2>> stderr.txt && bad "redact took invalid UTF-8"
# verify: a leak, with a findings file, without --show
"$BIN/verify" --findings findings.csv leak.txt > verify.out 2>> stderr.txt && bad "verify passed a leak"
[ -s verify.out ] && bad "verify let leaking text through"
# pseudonymise: keys, vault, a run with a report, a failure, the custodian's view
"$BIN/pseudonymise" --init-custodian cust --passphrase-fd 3 --kdf-memory 8 --kdf-passes 1 \
    3< pw 2>> stderr.txt
"$BIN/pseudonymise" --init-study vault --custodian cust/custodian.pub 2>> stderr.txt
"$BIN/pseudonymise" --accept-study vault --key cust/custodian.key --passphrase-fd 3 3< pw \
    2>> stderr.txt
"$BIN/pseudonymise" --vault vault --report preport.txt -o out/p.txt in.txt 2>> stderr.txt < /dev/null
"$BIN/pseudonymise" --vault vault -o out/pbad.txt bad-utf8.txt 2>> stderr.txt &&
    bad "pseudonymise took invalid UTF-8"
"$BIN/pseudonymise" --reveal vault --key cust/custodian.key --passphrase-fd 3 3< pw \
    > reveal.csv 2>> stderr.txt
grep -q "$canary" reveal.csv || bad "the custodian's --reveal does not show the name (the test is broken)"

for f in stderr.txt spans.csv report.txt findings.csv preport.txt out/in.txt out/p.txt; do
    [ -e "$f" ] || { bad "$f was not written (the test is broken)"; continue; }
    grep -q "$canary" "$f" && bad "the canary is in $f"
done
if grep -rlq "$canary" vault --exclude='*.batch'; then bad "the canary is in the vault outside a batch"; fi
if grep -rlq "$canary" vault/batches; then bad "a batch holds the canary in clear"; fi
if grep -rlq "$canary" tmp; then bad "the canary is in a temporary file"; fi
if ls core* tmp/core* > /dev/null 2>&1; then bad "a core file was written"; fi
exit $fail
