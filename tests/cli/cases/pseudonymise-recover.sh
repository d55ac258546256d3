# A rebuilt host keeps its pseudonyms: the custodian makes a new vault from
# the old one's escrow (--recover-study), and the same name gets the same
# pseudonym there, under a new host key; a wrong passphrase recovers
# nothing, and an existing vault is never overwritten.  People invented.
set -eu
. tests/cli/lib/pseudonymise.sh
ps_setup
printf 'Interviewer: Who did you see?\nP09: Sarah Okafor, the nurse.\n' > "$d/doc.txt"
"$P" --vault "$d/vault" "$d/doc.txt" > "$d/old.txt"
"$P" --recover-study "$d/rebuilt" --from "$d/vault" --key "$d/cust/custodian.key" \
    --passphrase-fd 3 3< "$d/pw"
"$P" --vault "$d/rebuilt" "$d/doc.txt" > "$d/new.txt"
cmp -s "$d/old.txt" "$d/new.txt" || { echo "the rebuilt vault gives other pseudonyms"; exit 1; }
[ -n "$(ps_codes "$d/new.txt")" ] || { echo "no pseudonym was written (the test is broken)"; exit 1; }
cmp -s "$d/vault/host.key" "$d/rebuilt/host.key" && { echo "the rebuilt vault kept the old host key"; exit 1; }
ps_reveal "$d/rebuilt" > "$d/rebuilt.csv" 2> /dev/null
grep -q 'Sarah Okafor' "$d/rebuilt.csv" || { echo "the rebuilt vault's linkage does not open"; exit 1; }
[ "$(stat -c %a "$d/rebuilt")" = 700 ] || { echo "the rebuilt vault is not 0700"; exit 1; }

echo 'not the passphrase' > "$d/wrong"
ps_expect_fail 78 "--recover-study with a wrong passphrase" \
    "$P" --recover-study "$d/other" --from "$d/vault" --key "$d/cust/custodian.key" \
    --passphrase-fd 3 3< "$d/wrong"
[ ! -e "$d/other" ] || { echo "a wrong passphrase left a vault behind"; exit 1; }
ps_expect_fail 73 "--recover-study over an existing vault" \
    "$P" --recover-study "$d/rebuilt" --from "$d/vault" --key "$d/cust/custodian.key" \
    --passphrase-fd 3 3< "$d/pw"
