# A rule set signed file by file with Debian's minisign is accepted under
# --require-signed; one byte changed in a list, an included file or the top
# file, a missing signature, or another key's signature is refused with 78
# and not one byte of output.  The report names the key and the approval.
set -eu
command -v minisign > /dev/null || { echo "minisign is not installed (tools/install-deps)"; exit 1; }
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cp -r rules "$d/rules"
rm -f "$d/rules/uk-health.lexicon"
minisign -G -W -p "$d/ig.pub" -s "$d/ig.key" > /dev/null 2>&1
minisign -G -W -p "$d/other.pub" -s "$d/other.key" > /dev/null 2>&1
files=$(find "$d/rules" -name '*.rules' -o -name '*.txt' | sort)
# shellcheck disable=SC2086
minisign -S -s "$d/ig.key" -t "approved IG-2026-017" -m $files > /dev/null 2>&1
run() { # expected status, then redact arguments
    want=$1
    shift
    set +e
    printf 'Dr Okafor rang.\n' | "$BIN/redact" -r "$d/rules/uk-health.rules" "$@" > "$d/out" 2> "$d/err"
    got=$?
    set -e
    [ "$got" -eq "$want" ] || { echo "exit $got, expected $want ($*)"; cat "$d/err"; exit 1; }
}
run 0 --require-signed --trusted-key "$d/ig.pub" --report "$d/report"
[ "$(cat "$d/out")" = "Dr [PERSON] rang." ] || { echo "wrong output from a signed set"; exit 1; }
grep -q '^rules-signature key [0-9A-F]\{16\}, comment approved IG-2026-017$' "$d/report" ||
    { echo "the report does not name the key and approval"; exit 1; }
run 78 --require-signed --trusted-key "$d/other.pub"
[ ! -s "$d/out" ] || { echo "output from a set signed by another key"; exit 1; }
grep -q 'signed by another key' "$d/err" || { echo "no 'another key' message"; exit 1; }
for f in lists/given-names.txt uk/person.rules uk-health.rules; do
    cp "$d/rules/$f" "$d/saved"
    printf '#' >> "$d/rules/$f"
    run 78 --require-signed --trusted-key "$d/ig.pub"
    [ ! -s "$d/out" ] || { echo "output after $f changed"; exit 1; }
    grep -q 'altered since it was signed' "$d/err" || { echo "$f: no 'altered' message"; exit 1; }
    cp "$d/saved" "$d/rules/$f"
done
rm "$d/rules/uk/team.rules.minisig"
run 78 --require-signed --trusted-key "$d/ig.pub"
grep -q 'not signed' "$d/err" || { echo "no 'not signed' message"; exit 1; }
run 64 --require-signed
"$BIN/verify" --rules -r "$d/rules/uk-health.rules" --trusted-key "$d/ig.pub" > "$d/audit" || true
grep -q '^problem the rule set is not signed by the trusted key' "$d/audit" ||
    { echo "the audit does not report the unsigned file"; exit 1; }
