# Issue 4, done when (1): two transcripts that name one person get one
# pseudonym, whether run one after the other or at once; another study's
# vault gives another; --reveal with the custodian's key and passphrase maps
# the pseudonym back to the name and lists both documents; a wrong
# passphrase reveals nothing (exit 78, empty stdout).
set -eu
. tests/cli/lib/pseudonymise.sh
ps_setup
printf 'I met Sarah Okafor on the ward.\n' > "$d/first.txt"
printf 'Interviewer: and then?\nP01: Sarah Okafor rang me. Sarah is kind.\n' > "$d/second.txt"
mkdir "$d/seq" "$d/par" "$d/other"

# One run after the other ("on different days").
"$P" --vault "$d/vault" -o "$d/seq/first.txt" "$d/first.txt"
"$P" --vault "$d/vault" -o "$d/seq/second.txt" "$d/second.txt"
a=$(ps_codes "$d/seq/first.txt")
b=$(ps_codes "$d/seq/second.txt")
[ "$(printf '%s\n' "$a" | wc -l)" -eq 1 ] || { echo "first.txt: not exactly one pseudonym"; exit 1; }
case $a in PERSON-????????) ;; *) echo "first.txt: not a PERSON pseudonym"; exit 1 ;; esac
[ "$a" = "$b" ] || { echo "separate runs gave the person two pseudonyms"; exit 1; }
! grep -qi 'okafor\|sarah' "$d/seq/first.txt" "$d/seq/second.txt" ||
    { echo "a name is left in the output"; exit 1; }

# Both at once, on the same vault: one waits for the other's lock.
"$P" --vault "$d/vault" -o "$d/par/first.txt" "$d/first.txt" &
p1=$!
"$P" --vault "$d/vault" -o "$d/par/second.txt" "$d/second.txt" &
p2=$!
wait $p1 || { echo "a parallel run failed"; exit 1; }
wait $p2 || { echo "a parallel run failed"; exit 1; }
[ "$(ps_codes "$d/par/first.txt")" = "$a" ] && [ "$(ps_codes "$d/par/second.txt")" = "$a" ] ||
    { echo "parallel runs gave another pseudonym"; exit 1; }

# Another study's vault, even with the same custodian, gives another one.
"$P" --init-study "$d/vault2" --custodian "$d/cust/custodian.pub"
ps_accept "$d/vault2"
"$P" --vault "$d/vault2" -o "$d/other/first.txt" "$d/first.txt"
c=$(ps_codes "$d/other/first.txt")
case $c in PERSON-????????) ;; *) echo "second vault: not a PERSON pseudonym"; exit 1 ;; esac
[ "$c" != "$a" ] || { echo "two studies gave the person one pseudonym"; exit 1; }

# The custodian maps it back, naming both documents (four runs, four batches).
[ "$(ls "$d/vault/batches" | wc -l)" -eq 4 ] || { echo "not one batch a run"; exit 1; }
ps_reveal "$d/vault" > "$d/linkage.csv"
grep -qx "\"$a\",\"PERSON\",\"Sarah; Sarah Okafor\",\"first.txt; second.txt\"" "$d/linkage.csv" ||
    { echo "--reveal does not map the pseudonym to its forms and both documents"; exit 1; }
[ "$(head -n 1 "$d/linkage.csv")" = "pseudonym,category,forms,documents" ] ||
    { echo "--reveal: no CSV header"; exit 1; }
ps_reveal "$d/vault2" > "$d/linkage2.csv"
grep -q "^\"$c\",\"PERSON\",\"Sarah Okafor\",\"first.txt\"\$" "$d/linkage2.csv" ||
    { echo "--reveal of the second vault is wrong"; exit 1; }
! grep -q "$a" "$d/linkage2.csv" || { echo "the second vault reveals the first's pseudonym"; exit 1; }

# With -o, the revealed linkage and a re-identified text name people: made
# 0600 whatever the umask.
(umask 022 && ps_reveal "$d/vault" "" -o "$d/linkage-o.csv" > /dev/null)
cmp -s "$d/linkage.csv" "$d/linkage-o.csv" || { echo "--reveal -o wrote something else"; exit 1; }
[ "$(stat -c %a "$d/linkage-o.csv")" = 600 ] || { echo "--reveal -o: the linkage is not 0600"; exit 1; }
(umask 022 && "$P" --reidentify "$d/vault" --key "$d/cust/custodian.key" --passphrase-fd 3 \
    -o "$d/reid.txt" "$d/seq/first.txt" 3< "$d/pw")
[ "$(stat -c %a "$d/reid.txt")" = 600 ] || { echo "--reidentify -o: the text is not 0600"; exit 1; }

# --reidentify puts the name back into a pseudonymised text.
out=$("$P" --reidentify "$d/vault" --key "$d/cust/custodian.key" --passphrase-fd 3 \
    "$d/seq/first.txt" 3< "$d/pw")
[ "$out" = "I met Sarah Okafor on the ward." ] || { echo "--reidentify did not restore the name"; exit 1; }

# A wrong passphrase: exit 78, nothing on stdout, a message that says so.
printf 'correct horse battery stable\n' > "$d/wrong"
ps_expect_fail 78 "wrong passphrase" \
    "$P" --reveal "$d/vault" --key "$d/cust/custodian.key" --passphrase-fd 3 3< "$d/wrong"
grep -q 'wrong passphrase' "$d/err" || { echo "wrong passphrase: the message does not say so"; exit 1; }
ps_expect_fail 78 "wrong passphrase, --reidentify" \
    "$P" --reidentify "$d/vault" --key "$d/cust/custodian.key" --passphrase-fd 3 \
    "$d/seq/first.txt" 3< "$d/wrong"
# The other custodian's key does not open this study.
"$P" --init-custodian "$d/cust2" --passphrase-fd 3 --kdf-memory 8 --kdf-passes 1 3< "$d/pw" 2> /dev/null
ps_expect_fail 78 "another custodian's key" ps_reveal "$d/vault" "$d/cust2/custodian.key"
! grep -qi 'okafor\|sarah' "$d/err" || { echo "an error message quotes a name"; exit 1; }
