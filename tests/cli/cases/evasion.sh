# Evasion: a name written to slip past a matcher (NFD accents, zero-width
# space or joiner, soft hyphen, non-breaking space, full-width letters,
# curly apostrophe, capitals, a line break, punctuation without a space) is
# still found: each variant must come out exactly as expected, or be
# refused with exit 65 and no output.  Never redacted text is printed on
# failure, only the case's name.  The people are invented.
set -u
work=build/cli/evasion
rm -rf "$work"
mkdir -p "$work"
fail=0
check() { # name, printf format of the input, expected output
    printf "$2" > "$work/$1.txt"
    "$BIN/redact" "$work/$1.txt" > "$work/$1.out" 2> "$work/$1.err"
    rc=$?
    if [ $rc = 65 ] && [ ! -s "$work/$1.out" ]; then
        return # refused, nothing passed through
    fi
    printf '%s' "$3" > "$work/$1.want"
    if [ $rc != 0 ] || ! cmp -s "$work/$1.out" "$work/$1.want"; then
        echo "evasion case '$1': the name was not found (exit $rc; output in $work)"
        fail=1
    fi
}
said='I spoke to [PERSON] yesterday.'
check nfd-accent 'I spoke to Zoe\314\210 Adeyemi-Okafor yesterday.' "$said"
check zero-width-space 'I spoke to Sa\342\200\213rah Okafor yesterday.' "$said"
check zero-width-joiner 'I spoke to Sarah Oka\342\200\215for yesterday.' "$said"
check soft-hyphen 'I spoke to Sa\302\255rah Okafor yesterday.' "$said"
check no-break-space 'I spoke to Sarah\302\240Okafor yesterday.' "$said"
check full-width 'I spoke to \357\274\263\357\275\201\357\275\222\357\275\201\357\275\210 Okafor yesterday.' "$said"
check curly-apostrophe 'I spoke to Siobh\303\241n O\342\200\231Sullivan yesterday.' "$said"
check all-caps 'I SPOKE TO SARAH OKAFOR YESTERDAY.' 'I SPOKE TO [PERSON] YESTERDAY.'
check line-break 'I spoke to Sarah\nOkafor yesterday.' "$said"
check comma-no-space 'Thanks for today, cheers,Sarah' 'Thanks for today, cheers,[PERSON]'
check lower-case 'i spoke to sarah okafor yesterday.' 'i spoke to [PERSON] yesterday.'
exit $fail
