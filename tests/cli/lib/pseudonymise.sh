# tests/cli/lib/pseudonymise.sh: what the pseudonymise cases share.  Sourced
# (not run) by a case, after `set -eu`, with $BIN set by tests/cli/run.sh.
#
# ps_setup makes $d (removed on exit), a custodian in $d/cust whose
# passphrase is the first line of $d/pw, and a study vault $d/vault.
# Argon2id runs at its cheapest (8 MiB, one pass): the default takes seconds.
# Fixtures are synthetic: every person in them is invented.

P="$BIN/pseudonymise"

ps_setup() {
    d=$(mktemp -d)
    [ -n "${KEEP:-}" ] || trap 'rm -rf "$d"' EXIT
    printf 'correct horse battery staple\n' > "$d/pw"
    "$P" --init-custodian "$d/cust" --passphrase-fd 3 --kdf-memory 8 --kdf-passes 1 \
        3< "$d/pw" 2> "$d/init.err" || { echo "setup: --init-custodian failed"; exit 1; }
    "$P" --init-study "$d/vault" --custodian "$d/cust/custodian.pub" ||
        { echo "setup: --init-study failed"; exit 1; }
    ps_accept "$d/vault"
}

# ps_accept VAULT: the custodian accepts the study of VAULT (a pin beside
# the key), as they would after checking its ids with the host's operator.
ps_accept() {
    "$P" --accept-study "$1" --key "$d/cust/custodian.key" --passphrase-fd 3 3< "$d/pw" \
        2> "$d/accept.err" || { echo "setup: --accept-study failed"; exit 1; }
}

# ps_reveal VAULT [KEY] [OPTION...]: the linkage CSV on stdout; the
# passphrase from $d/pw.
ps_reveal() {
    ps_vault=$1
    ps_key=${2:-$d/cust/custodian.key}
    shift
    [ $# -eq 0 ] || shift
    "$P" --reveal "$ps_vault" --key "$ps_key" --passphrase-fd 3 "$@" 3< "$d/pw"
}

# ps_codes FILE: every "[CATEGORY-CODE]" of a pseudonymised file, one a line,
# sorted and unique, without the brackets.
ps_codes() {
    grep -o '\[[A-Z_]*-[0-9A-Z]\{8\}\]' "$1" | tr -d '[]' | sort -u
}

# ps_flip FILE OFFSET: flips the lowest bit of the byte at OFFSET in place.
ps_flip() {
    ps_byte=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
    [ -n "$ps_byte" ] || { echo "ps_flip: offset $2 is past the end of the file"; exit 1; }
    # shellcheck disable=SC2059
    printf "\\$(printf '%03o' $((ps_byte ^ 1)))" |
        dd of="$1" bs=1 seek="$2" count=1 conv=notrunc 2> /dev/null
}

# ps_header_len FILE: the bytes of a batch's header, its ending blank line
# included (where the ciphertext starts).
ps_header_len() {
    sed '/^$/q' "$1" | wc -c | tr -d ' '
}

# ps_expect_fail STATUS WHAT CMD...: runs CMD with stdout to $d/out and
# stderr to $d/err; it must exit STATUS with nothing at all on stdout and a
# message on stderr.
ps_expect_fail() {
    ps_want=$1
    ps_what=$2
    shift 2
    set +e
    "$@" > "$d/out" 2> "$d/err"
    ps_got=$?
    set -e
    [ "$ps_got" -eq "$ps_want" ] || { echo "$ps_what: exit $ps_got, expected $ps_want"; exit 1; }
    [ ! -s "$d/out" ] || { echo "$ps_what: something on stdout"; exit 1; }
    [ -s "$d/err" ] || { echo "$ps_what: no message on stderr"; exit 1; }
}
