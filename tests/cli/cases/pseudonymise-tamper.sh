# Issue 4, tamper tests: --reveal refuses a vault whose linkage does not
# verify whole, with a message that names the batch and what is wrong, a
# non-zero exit and not one byte on stdout: a flipped byte in a batch's
# header, ciphertext or signature; a truncated batch; a batch from another
# study signed with its host key (same custodian); a gap in the sequence.
# Key files and the vault that others may read are refused (78); init
# modes never overwrite (73); mixed modes are usage errors (64).
set -eu
. tests/cli/lib/pseudonymise.sh
ps_setup
for n in 1 2 3; do
    printf 'P0%s: I spoke to Sarah Okafor and Tomasz Wojcik.\n' "$n" > "$d/doc$n.txt"
    "$P" --vault "$d/vault" "$d/doc$n.txt" > /dev/null
done
ps_reveal "$d/vault" > "$d/good.csv"
[ "$(grep -c '","PERSON",' "$d/good.csv")" -eq 2 ] || { echo "the untouched vault does not reveal"; exit 1; }
b2="$d/vault/batches/00000002.batch"
cp "$b2" "$d/saved"
size=$(wc -c < "$b2")
head_len=$(ps_header_len "$b2")
[ "$head_len" -gt 100 ] && [ "$head_len" -lt $((size - 64)) ] || { echo "batch 2 has no header"; exit 1; }

# refused WHAT PATTERN: --reveal must fail (65) with PATTERN in its message
# and an empty stdout; then batch 2 is put back.
refused() {
    ps_expect_fail 65 "$1" ps_reveal "$d/vault"
    grep -q "00000002.batch: .*$2" "$d/err" || { echo "$1: the message does not name batch 2 and '$2'"; exit 1; }
    cp "$d/saved" "$b2"
}
for off in 0 30 $((head_len - 20)); do
    ps_flip "$b2" "$off"
    refused "byte $off flipped (header)" 'signature does not verify'
done
for off in $head_len $((head_len + 40)) $((size - 65)); do
    ps_flip "$b2" "$off"
    refused "byte $off flipped (ciphertext)" 'signature does not verify'
done
for off in $((size - 64)) $((size - 1)); do
    ps_flip "$b2" "$off"
    refused "byte $off flipped (signature)" 'signature does not verify'
done
for keep in $((size - 1)) $((size - 64)) $((head_len + 10)) $head_len 20; do
    head -c "$keep" "$d/saved" > "$b2"
    refused "cut to $keep bytes" 'signature does not verify\|not a linkage batch'
done
printf 'x' >> "$b2"
refused "a byte appended" 'signature does not verify'

# A batch from a second study of the same custodian, put in place of batch 2.
"$P" --init-study "$d/vault2" --custodian "$d/cust/custodian.pub"
for n in 1 2; do "$P" --vault "$d/vault2" "$d/doc$n.txt" > /dev/null; done
cp "$d/vault2/batches/00000002.batch" "$b2"
refused "batch 2 from another study" 'signature does not verify'

# Batch 3 renamed to 2 (a deleted batch hidden by renumbering): the chain.
mv "$d/vault/batches/00000003.batch" "$b2"
ps_expect_fail 65 "batch 3 renumbered as 2" ps_reveal "$d/vault"
grep -q '00000002.batch: sequence number 3 where 2 belongs' "$d/err" ||
    { echo "batch 3 renumbered as 2: the message does not say so"; exit 1; }
mv "$b2" "$d/vault/batches/00000003.batch"
cp "$d/saved" "$b2"

# A gap: batch 2 of 3 deleted.
rm "$b2"
ps_expect_fail 65 "batch 2 of 3 deleted" ps_reveal "$d/vault"
grep -q '00000002.batch: missing: the sequence has a gap' "$d/err" ||
    { echo "batch 2 deleted: the message does not name the gap"; exit 1; }
cp "$d/saved" "$b2"
ps_reveal "$d/vault" > "$d/again.csv" 2> "$d/err"
cmp -s "$d/good.csv" "$d/again.csv" || { echo "the restored vault reveals something else"; exit 1; }

# The newest batch deleted, or replaced by a new run: the chain cannot show
# it, the custodian's pin (where the chain ended at the last reading) can.
mv "$d/vault/batches/00000003.batch" "$d/saved3"
ps_expect_fail 65 "the newest batch deleted" ps_reveal "$d/vault"
grep -q '2 batches where 3 were seen before' "$d/err" ||
    { echo "the newest batch deleted: the message does not say so"; exit 1; }
printf 'P01: Quentin Orrell came.\n' > "$d/other.txt"
"$P" --vault "$d/vault" "$d/other.txt" > /dev/null
ps_expect_fail 65 "the newest batch replaced" ps_reveal "$d/vault"
grep -q '00000003.batch: not the batch 3 seen before' "$d/err" ||
    { echo "the newest batch replaced: the message does not say so"; exit 1; }
mv "$d/saved3" "$d/vault/batches/00000003.batch"
ps_reveal "$d/vault" > /dev/null 2>&1 || { echo "the restored chain does not reveal"; exit 1; }

# An impostor's escrow and batches, sealed to the same (public) custodian
# key: the study was never accepted, so nothing is revealed.
mkdir "$d/real"
cp -p "$d/vault/escrow" "$d/vault/batches/"* "$d/real/"
cp "$d/vault2/escrow" "$d/vault/escrow"
rm "$d/vault/batches/"*
cp "$d/vault2/batches/"* "$d/vault/batches/"
ps_expect_fail 78 "an impostor's escrow" ps_reveal "$d/vault"
grep -q 'not one you accepted' "$d/err" || { echo "an impostor's escrow: the message does not say so"; exit 1; }
rm "$d/vault/batches/"*
cp -p "$d/real/escrow" "$d/vault/"
cp -p "$d/real/"*.batch "$d/vault/batches/"

# The pin itself altered (to forget how far the chain went): its MAC.
pin=$(ls "$d/cust/studies/"*.pin | head -n 1)
cp -p "$pin" "$d/pin.saved"
sed -i 's/^batches: .*/batches: 1/' "$pin"
ps_expect_fail 78 "an altered pin" ps_reveal "$d/vault"
grep -q 'altered, or made with another key' "$d/err" || { echo "an altered pin: the message does not say so"; exit 1; }
cp -p "$d/pin.saved" "$pin"

# No passphrase descriptor and no terminal (as under cron): 64, nothing shown.
ps_expect_fail 64 "--reveal with no terminal" \
    setsid -w "$P" --reveal "$d/vault" --key "$d/cust/custodian.key" < /dev/null
grep -q 'passphrase' "$d/err" || { echo "no terminal: the message does not say what is missing"; exit 1; }

# A custodian key that others may read: refused before any passphrase use.
chmod 644 "$d/cust/custodian.key"
ps_expect_fail 78 "custodian.key mode 644" ps_reveal "$d/vault"
grep -q 'others may read it' "$d/err" || { echo "custodian.key 644: no clear message"; exit 1; }
chmod 600 "$d/cust/custodian.key"
# The filter refuses a host key or study key that others may read, and a
# vault directory that others may open; nothing is written, no batch added.
for f in host.key study.key; do
    chmod 644 "$d/vault/$f"
    ps_expect_fail 78 "$f mode 644" "$P" --vault "$d/vault" "$d/doc1.txt"
    grep -q "$f: holds a secret but others may read it" "$d/err" || { echo "$f 644: no clear message"; exit 1; }
    chmod 600 "$d/vault/$f"
done
chmod 755 "$d/vault"
ps_expect_fail 78 "vault mode 755" "$P" --vault "$d/vault" "$d/doc1.txt"
grep -q 'others may open the vault' "$d/err" || { echo "vault 755: no clear message"; exit 1; }
chmod 700 "$d/vault"
ln -s "$d/vault" "$d/link"
ps_expect_fail 78 "vault through a symbolic link" "$P" --vault "$d/link" "$d/doc1.txt"
[ "$(ls "$d/vault/batches" | wc -l)" -eq 3 ] || { echo "a refused run added a batch"; exit 1; }

# Never overwrite: an existing custodian key, an existing vault.
cp "$d/cust/custodian.key" "$d/key.before"
ps_expect_fail 73 "--init-custodian over a key" \
    "$P" --init-custodian "$d/cust" --passphrase-fd 3 --kdf-memory 8 --kdf-passes 1 3< "$d/pw"
cmp -s "$d/cust/custodian.key" "$d/key.before" || { echo "--init-custodian replaced the key"; exit 1; }
cp "$d/vault/study.key" "$d/study.before"
ps_expect_fail 73 "--init-study over a vault" \
    "$P" --init-study "$d/vault" --custodian "$d/cust/custodian.pub"
cmp -s "$d/vault/study.key" "$d/study.before" || { echo "--init-study replaced the study key"; exit 1; }
[ -z "$(ls -A "$d" | grep '\.new-')" ] || { echo "--init-study left a half-made vault"; exit 1; }

# Usage errors: two modes, a mode's option in another mode, no mode.
ps_expect_fail 64 "--vault with --reveal" "$P" --vault "$d/vault" --reveal "$d/vault"
ps_expect_fail 64 "--init-study with --init-custodian" \
    "$P" --init-study "$d/v3" --init-custodian "$d/c3" --custodian "$d/cust/custodian.pub"
ps_expect_fail 64 "--reveal without --key" "$P" --reveal "$d/vault"
ps_expect_fail 64 "--key with the filter" "$P" --vault "$d/vault" --key "$d/cust/custodian.key"
ps_expect_fail 64 "--passphrase-fd with the filter" "$P" --vault "$d/vault" --passphrase-fd 0
ps_expect_fail 64 "rules with --reveal" \
    "$P" --reveal "$d/vault" --key "$d/cust/custodian.key" -r rules/uk-health.rules
ps_expect_fail 64 "no mode" "$P" "$d/doc1.txt"
[ ! -e "$d/v3" ] && [ ! -e "$d/c3" ] || { echo "a usage error created something"; exit 1; }

# The revealed linkage goes only to a regular file: a link planted at the
# path (to somewhere others can read) is refused, and its target untouched.
: > "$d/elsewhere"
ln -s "$d/elsewhere" "$d/planted"
ps_expect_fail 73 "--reveal -o through a planted link" ps_reveal "$d/vault" "" -o "$d/planted"
[ ! -s "$d/elsewhere" ] || { echo "--reveal wrote the linkage through a link"; exit 1; }

# A host that pins its custodian's key id: the right one runs, and a vault
# whose custodian.pub and escrow were both replaced (another custodian's)
# is refused before any linkage is written.
id=$(sed -n 's/^key-id: //p' "$d/cust/custodian.pub")
printf 'P02: Quentin Orrell.\n' > "$d/pinned.txt"
"$P" --vault "$d/vault" --custodian-key-id "$id" "$d/pinned.txt" > /dev/null ||
    { echo "--custodian-key-id with the right id fails"; exit 1; }
n=$(ls "$d/vault/batches" | wc -l)
ps_expect_fail 78 "--custodian-key-id with another id" \
    "$P" --vault "$d/vault" --custodian-key-id 0123456789abcdef "$d/pinned.txt"
[ "$(ls "$d/vault/batches" | wc -l)" = "$n" ] || { echo "a refused run wrote a batch"; exit 1; }
