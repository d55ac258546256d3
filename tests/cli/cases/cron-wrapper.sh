# tools/hush-cron, as cron runs it (no terminal, no passphrase, stdin
# /dev/null): new transcripts are pseudonymised with signed rules, checked by
# verify and published to outgoing, inputs moved to done; a failing one stays
# in incoming, is counted and retried; a run with nothing new prints nothing;
# what it prints names no file and no person; two runs at once process each
# file once.  Issue 4, done when (2): nothing left on disk but the sealed
# batch holds the name.
set -eu
. tests/cli/lib/pseudonymise.sh
ps_setup
command -v minisign > /dev/null || { echo "minisign is not installed (tools/install-deps)"; exit 1; }
cp -r rules "$d/rules"
minisign -G -W -p "$d/ig.pub" -s "$d/ig.key" > /dev/null 2>&1
# shellcheck disable=SC2046
minisign -S -s "$d/ig.key" -t "approved IG-2026-017" \
    -m $(find "$d/rules" -name '*.rules' -o -name '*.txt' | sort) > /dev/null 2>&1
mkdir "$d/in" "$d/out" "$d/done"
cat > "$d/conf" << EOF
# a study's settings
HUSH_VAULT=$d/vault
HUSH_INCOMING=$d/in
HUSH_OUTGOING=$d/out
HUSH_DONE=$d/done
HUSH_WORK=$d/work
HUSH_TRUSTED_KEY=$d/ig.pub
HUSH_RULES=$d/rules/uk-health.rules
HUSH_BIN=$BIN
EOF
# cron N: one cron-style run, its status in $st and what it printed in
# $d/mail.N (stdout and stderr together, as cron mails them).
cron() {
    set +e
    setsid -w sh tools/hush-cron -c "$d/conf" < /dev/null > "$d/mail.$1" 2>&1
    st=$?
    set -e
}
# names_absent FILE...: no person of the fixtures and no input file name.
names_absent() {
    ! grep -qi 'okafor\|wojcik\|adeyemi\|nkechi\|tomasz\|sarah\|interview-\|\.txt' "$@"
}
printf 'Interviewer: how was it?\nP01: Sarah Okafor was my nurse.\n' > "$d/in/Sarah_Okafor-interview-1.txt"
printf 'P02: Tomasz Wojcik met Sarah Okafor at the clinic.\n' > "$d/in/Tomasz_Wojcik-interview-2.txt"
printf 'P03: nobody was named today.\n' > "$d/in/p03.txt"
printf 'P04: Nkechi Adeyemi said \377 then left.\n' > "$d/in/Nkechi_Adeyemi-interview-4.txt"
cp "$d/in/Sarah_Okafor-interview-1.txt" "$d/saved1"

cron 1
[ "$st" -eq 1 ] || { echo "run 1: exit $st, expected 1 (one document failed)"; cat "$d/mail.1"; exit 1; }
grep -qx 'hush-cron: 3 published, 1 failed' "$d/mail.1" || { echo "run 1: no summary with the counts"; exit 1; }
grep -q '^hush-cron: document [1-4] (sha256 [0-9a-f]\{8\}): bad input data' "$d/mail.1" ||
    { echo "run 1: the failed document is not named by number, digest and status"; exit 1; }
[ "$(wc -l < "$d/mail.1")" -eq 2 ] || { echo "run 1: printed more than the status and the summary"; exit 1; }
names_absent "$d/mail.1" || { echo "run 1: the mail names a file or a person"; exit 1; }
[ "$(ls "$d/in")" = "Nkechi_Adeyemi-interview-4.txt" ] || { echo "run 1: incoming should hold only the failed one"; exit 1; }
[ "$(ls "$d/done" | wc -l)" -eq 3 ] || { echo "run 1: three inputs should be in done"; exit 1; }
cmp -s "$d/saved1" "$d/done/Sarah_Okafor-interview-1.txt" || { echo "run 1: an input changed on its way to done"; exit 1; }
[ "$(ls -A "$d/out" | wc -l)" -eq 3 ] || { echo "run 1: outgoing should hold three files and no temporary"; exit 1; }
for f in Sarah_Okafor-interview-1.txt Tomasz_Wojcik-interview-2.txt p03.txt; do
    [ -f "$d/out/$f" ] || { echo "run 1: an output is missing"; exit 1; }
    "$BIN/verify" -q -r "$d/rules/uk-health.rules" < "$d/out/$f" || { echo "run 1: a published output leaks"; exit 1; }
    [ "$(stat -c %a "$d/out/$f")" = 640 ] || { echo "run 1: an output is not mode 0640"; exit 1; }
done
a=$(ps_codes "$d/out/Sarah_Okafor-interview-1.txt")
b=$(ps_codes "$d/out/Tomasz_Wojcik-interview-2.txt")
printf '%s\n' "$b" | grep -qx "$a" || { echo "run 1: the person has two pseudonyms"; exit 1; }
[ "$(printf '%s\n' "$b" | wc -l)" -eq 2 ] || { echo "run 1: the second document should hold two pseudonyms"; exit 1; }
[ ! -e "$d/work/tmp" ] || { echo "run 1: the temporary directory is left"; exit 1; }

# Done when (2): nothing left on disk names the person, but the custodian
# finds it in the sealed linkage (which nothing else can open).
! grep -rqi 'okafor' "$d/vault" "$d/out" "$d/work" "$d/mail.1" ||
    { echo "a vault file, output, work file or the mail holds the name"; exit 1; }
! find "$d/vault" "$d/work" | grep -qi 'okafor' || { echo "a vault or work file is named after the person"; exit 1; }
ps_reveal "$d/vault" > "$d/linkage.csv"
grep -q "^\"$a\",\"PERSON\",\"Sarah Okafor\",\"Sarah_Okafor-interview-1.txt; Tomasz_Wojcik-interview-2.txt\"\$" \
    "$d/linkage.csv" || { echo "--reveal does not map the cron run's pseudonym back"; exit 1; }

# The same for pseudonymise run directly as cron would (no terminal, no
# passphrase), with a report, its stderr kept and a document that fails:
# only the sealed batch holds the name, and only --reveal opens it.
mkdir "$d/direct" "$d/tmpdir"
printf 'P08: Sarah Okafor phoned.\n' > "$d/p08.txt"
printf 'P09: Sarah Okafor \377.\n' > "$d/p09.txt"
TMPDIR=$d/tmpdir setsid -w "$P" --vault "$d/vault" --report "$d/direct/report" -o "$d/direct" \
    "$d/p08.txt" < /dev/null > "$d/direct/stdout" 2> "$d/direct/stderr"
set +e
TMPDIR=$d/tmpdir setsid -w "$P" --vault "$d/vault" "$d/p09.txt" < /dev/null >> "$d/direct/stdout" \
    2>> "$d/direct/stderr"
st=$?
set -e
[ "$st" -eq 65 ] || { echo "direct cron-style run: exit $st on a bad input, expected 65"; exit 1; }
[ -s "$d/direct/stderr" ] && [ -s "$d/direct/report" ] && [ -f "$d/direct/p08.txt" ] ||
    { echo "direct run: no stderr, report or output"; exit 1; }
! grep -rqi 'okafor' "$d/vault" "$d/direct" "$d/tmpdir" ||
    { echo "direct run: a vault file, the output, report, stderr or a temporary file holds the name"; exit 1; }
ps_reveal "$d/vault" | grep -q '"Sarah Okafor",.*p08.txt' || { echo "direct run: no linkage for p08.txt"; exit 1; }

# The failed document is retried and counted again; then nothing new: silence.
cron 2
[ "$st" -eq 1 ] || { echo "run 2: exit $st, expected 1"; exit 1; }
grep -qx 'hush-cron: 0 published, 1 failed' "$d/mail.2" || { echo "run 2: the retry is not counted"; exit 1; }
names_absent "$d/mail.2" || { echo "run 2: the mail names a file or a person"; exit 1; }
[ -e "$d/in/Nkechi_Adeyemi-interview-4.txt" ] || { echo "run 2: the failed input moved"; exit 1; }
mv "$d/in/Nkechi_Adeyemi-interview-4.txt" "$d/bad.txt"
batches=$(ls "$d/vault/batches" | wc -l)
cron 3
[ "$st" -eq 0 ] || { echo "run 3: exit $st with nothing new"; exit 1; }
[ ! -s "$d/mail.3" ] || { echo "run 3: printed something with nothing new"; exit 1; }
[ "$(ls "$d/vault/batches" | wc -l)" -eq "$batches" ] || { echo "run 3: wrote a batch with nothing new"; exit 1; }

# A name already used (in outgoing and done) by another document: refused,
# never overwritten.  An input whose output is already published unchanged (a
# run killed between publishing and moving it) goes through again.
printf 'P03: someone else entirely.\n' > "$d/in/p03.txt"
cp "$d/saved1" "$d/in/again.txt"
cp "$d/out/Sarah_Okafor-interview-1.txt" "$d/out/again.txt"
cp "$d/out/p03.txt" "$d/out-p03.before"
cron 3b
[ "$st" -eq 1 ] || { echo "run 3b: exit $st, expected 1 (a name already taken)"; exit 1; }
grep -q 'a different document of that name is already in HUSH_OUTGOING; left for the next run$' "$d/mail.3b" ||
    { echo "run 3b: the taken name is not reported"; exit 1; }
names_absent "$d/mail.3b" || { echo "run 3b: the mail names a file or a person"; exit 1; }
[ -e "$d/in/p03.txt" ] && cmp -s "$d/saved1" "$d/done/Sarah_Okafor-interview-1.txt" ||
    { echo "run 3b: an input was lost or overwritten"; exit 1; }
[ "$(cat "$d/done/p03.txt")" = 'P03: nobody was named today.' ] || { echo "run 3b: done/p03.txt overwritten"; exit 1; }
cmp -s "$d/out/p03.txt" "$d/out-p03.before" || { echo "run 3b: out/p03.txt overwritten"; exit 1; }
[ -e "$d/done/again.txt" ] && [ ! -e "$d/in/again.txt" ] || { echo "run 3b: the republished input was not moved"; exit 1; }
rm "$d/in/p03.txt"

# A document verify refuses is not published and stays; the others go
# through.  With HUSH_VERIFY_STRICT=yes an 8-digit number that no rule
# redacts is a suspect that holds the document back.
cp "$d/conf" "$d/conf.strict"
echo 'HUSH_VERIFY_STRICT=yes' >> "$d/conf.strict"
printf 'P05: my ID is 88213344, write it down.\n' > "$d/in/p05.txt"
printf 'P06: Sarah Okafor came.\n' > "$d/in/p06.txt"
set +e
setsid -w sh tools/hush-cron -c "$d/conf.strict" < /dev/null > "$d/mail.4" 2>&1
st=$?
set -e
[ "$st" -eq 1 ] || { echo "run 4: exit $st, expected 1 (a suspect under --strict)"; exit 1; }
grep -q '^hush-cron: document 1 (sha256 [0-9a-f]\{8\}): verify found a leak or a suspect' "$d/mail.4" ||
    { echo "run 4: the suspect is not reported as a status"; exit 1; }
! grep -q '88213344' "$d/mail.4" || { echo "run 4: the mail quotes the text"; exit 1; }
[ -e "$d/in/p05.txt" ] && [ ! -e "$d/out/p05.txt" ] || { echo "run 4: a suspect document was published or moved"; exit 1; }
[ -e "$d/out/p06.txt" ] && [ -e "$d/done/p06.txt" ] || { echo "run 4: the good document was held back"; exit 1; }
[ -z "$(ls -A "$d/out" | grep '^\.')" ] || { echo "run 4: a temporary file is left in outgoing"; exit 1; }
# Without --strict the same document is published (a suspect is no leak).
cron 4b
[ "$st" -eq 0 ] && [ -e "$d/out/p05.txt" ] || { echo "run 4b: without strict the document was held back"; exit 1; }

# Unsigned or altered rules: 78, the run stops, nothing published.
printf '#' >> "$d/rules/uk/person.rules"
printf 'P07: Sarah Okafor.\n' > "$d/in/p07.txt"
cron 5
[ "$st" -eq 78 ] || { echo "run 5: altered rules: exit $st, expected 78"; exit 1; }
grep -q 'configuration error' "$d/mail.5" || { echo "run 5: no configuration error reported"; exit 1; }
[ -e "$d/in/p07.txt" ] && [ ! -e "$d/out/p07.txt" ] || { echo "run 5: published with altered rules"; exit 1; }
names_absent "$d/mail.5" || { echo "run 5: the mail names a file or a person"; exit 1; }
sed -i '$ s/#$//' "$d/rules/uk/person.rules"
cmp -s "$d/rules/uk/person.rules" rules/uk/person.rules || { echo "could not restore the rule file"; exit 1; }
rm "$d/in/p07.txt"

# Two runs at once: one holds the lock (the other exits 75, silent, or
# finds nothing left); every file is pseudonymised exactly once.
for i in 1 2 3 4; do printf 'P1%s: Tomasz Wojcik, again.\n' "$i" > "$d/in/q$i.txt"; done
batches=$(ls "$d/vault/batches" | wc -l)
setsid -w sh tools/hush-cron -c "$d/conf" < /dev/null > "$d/mail.6a" 2>&1 &
p1=$!
setsid -w sh tools/hush-cron -c "$d/conf" < /dev/null > "$d/mail.6b" 2>&1 &
p2=$!
set +e
wait $p1
s1=$?
wait $p2
s2=$?
set -e
for s in $s1 $s2; do
    [ "$s" -eq 0 ] || [ "$s" -eq 75 ] || { echo "run 6: a concurrent run exited $s"; exit 1; }
done
[ "$(ls "$d/vault/batches" | wc -l)" -eq $((batches + 4)) ] ||
    { echo "run 6: not exactly one pseudonymise run a file"; exit 1; }
[ "$(cat "$d/mail.6a" "$d/mail.6b")" = "hush-cron: 4 published, 0 failed" ] ||
    { echo "run 6: expected one summary of 4 and silence from the other run"; exit 1; }
[ "$(ls "$d/done" | grep -c "^q")" -eq 4 ] && [ -z "$(ls "$d/in")" ] ||
    { echo "run 6: not every input was moved to done"; exit 1; }

# Held lock: exit 75 and silence.
flock "$d/work/lock" sleep 2 &
sleep 0.3
cron 7
[ "$st" -eq 75 ] || { echo "run 7: exit $st while the lock was held, expected 75"; exit 1; }
[ ! -s "$d/mail.7" ] || { echo "run 7: printed something while the lock was held"; exit 1; }
wait

# A bad setting is a configuration error, named without its value.
printf 'HUSH_VAULTT=%s\n' "$d/vault" > "$d/conf.bad"
set +e
sh tools/hush-cron -c "$d/conf.bad" < /dev/null > "$d/mail.8" 2>&1
st=$?
set -e
[ "$st" -eq 78 ] && grep -q 'configuration line 1: unknown setting' "$d/mail.8" ||
    { echo "a misspelt setting is not a configuration error"; exit 1; }
