# pseudonymise -o treats what is already at the output path as redact's -o
# does: a named pipe is written through (not replaced by a file), a symbolic
# link is published at its target (the link stays), a /proc or /dev name
# is written in place; a new or regular file is replaced whole.  Each only
# after the run's linkage batch is written.
set -eu
. tests/cli/lib/pseudonymise.sh
ps_setup
printf 'I met Sarah Okafor.\n' > "$d/a.txt"
"$P" --vault "$d/vault" "$d/a.txt" > "$d/want"
grep -q '^I met \[PERSON-[0-9A-Z]\{8\}\]\.$' "$d/want" || { echo "stdout: not pseudonymised"; exit 1; }

# A new file, then a regular file replaced.
"$P" --vault "$d/vault" -o "$d/new.txt" "$d/a.txt"
cmp -s "$d/want" "$d/new.txt" || { echo "-o a new file: wrong text"; exit 1; }
printf 'old\n' > "$d/old.txt"
"$P" --vault "$d/vault" -o "$d/old.txt" "$d/a.txt"
cmp -s "$d/want" "$d/old.txt" || { echo "-o a regular file: not replaced"; exit 1; }

# A symbolic link: the target gets the text, the link stays a link.
printf 'old\n' > "$d/target.txt"
ln -s "$d/target.txt" "$d/link.txt"
"$P" --vault "$d/vault" -o "$d/link.txt" "$d/a.txt"
[ -L "$d/link.txt" ] || { echo "-o a symbolic link: the link was replaced by a file"; exit 1; }
cmp -s "$d/want" "$d/target.txt" || { echo "-o a symbolic link: the target was not written"; exit 1; }

# A named pipe: the reader gets the text, the pipe stays a pipe.
mkfifo "$d/pipe"
cat "$d/pipe" > "$d/from-pipe" &
reader=$!
set +e
"$P" --vault "$d/vault" -o "$d/pipe" "$d/a.txt"
st=$?
set -e
if [ ! -p "$d/pipe" ]; then
    kill "$reader" 2> /dev/null || true
    echo "-o a named pipe: the pipe was replaced by a file (exit $st)"
    exit 1
fi
wait "$reader"
[ "$st" -eq 0 ] || { echo "-o a named pipe: exit $st"; exit 1; }
cmp -s "$d/want" "$d/from-pipe" || { echo "-o a named pipe: the reader got something else"; exit 1; }

# A /proc name for standard output is written in place.
"$P" --vault "$d/vault" -o /proc/self/fd/1 "$d/a.txt" > "$d/proc.txt"
cmp -s "$d/want" "$d/proc.txt" || { echo "-o /proc/self/fd/1: wrong or no text"; exit 1; }

# Every run wrote its batch, and the linkage names each document once.
[ "$(ls "$d/vault/batches" | wc -l)" -eq 6 ] || { echo "not one batch a run"; exit 1; }
ps_reveal "$d/vault" | grep -q '"Sarah Okafor","a.txt"$' || { echo "no linkage for the runs"; exit 1; }
